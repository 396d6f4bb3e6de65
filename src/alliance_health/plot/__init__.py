"""Plots of results: one call each, returning the matplotlib Axes drawn on.

matplotlib is optional (``pip install "alliance_health[plot]"``) and is imported only inside these
functions, so importing :mod:`alliance_health` never loads it. Every function takes the result
first and draws on ``ax`` when given, else on a new figure; it returns the Axes so that a caller
can restyle, annotate or save the figure.

Examples
--------
>>> import alliance_health as ah
>>> ax = ah.plot.pillars(ah.score(ah.testing.minimal_profile(), 2006))
>>> ax.get_title()
'Pillar scores'
>>> [t.get_text() for t in ax.get_xticklabels()]
['shared threat', 'mutual obligation', 'consultation']
"""

from alliance_health.plot._common import SCORE_LABEL
from alliance_health.plot._panel import panel_dots, panel_trajectories
from alliance_health.plot._perception import perception
from alliance_health.plot._scores import pillars, trajectory, waterfall

__all__ = [
    "SCORE_LABEL",
    "panel_dots",
    "panel_trajectories",
    "perception",
    "pillars",
    "trajectory",
    "waterfall",
]
