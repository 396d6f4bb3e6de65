"""Scenarios: the essay's options for a re-imagined alliance, as transformations of a profile.

Sneider (2006) closes with options for the U.S.-ROK alliance drawn from NATO's experience after the
Cold War: a **hedge**, **expansion**, **new missions**, an **out-of-area** role, or to "bring their
alliance to a close"; and he warns against letting it "drift from inattention". Each option here is
a :class:`Scenario` that adds hypothetical observations (source kind ``"scenario"``) for the years
after the profile's last observed year; observed years are never changed.

How a projection is built (:func:`project`):

1. **Baseline (persistence).** Each (indicator, member) series valid in the last observed year is
   carried forward unchanged: absent a change of policy, the last observed state persists.
2. **Scenarios**, in stages: first the options that build the alliance up (``hedge``,
   ``expansion``, ``new_missions``, ``out_of_area``, in the order given), then ``drift``, then
   ``close``. Each stage works on the normalised values [0, 1] left by the previous one, so
   "hedge, then drift" means a hedge that is then neglected, and ``close`` overrides everything.
3. **Uncertainty.** Projected values carry a ``Range`` that widens with the square root of the
   years ahead (``spread`` per sqrt-year, in normalised units); the end of the alliance is certain.

The options match the profile's indicators by their catalogue standard
(:attr:`~alliance_health.Indicator.standard`): ``expansion`` acts on ``consultation-institutions``
and ``joint-decisions``, ``new_missions`` and ``out_of_area`` on ``joint-operations`` (and
``integrated-command``), ``hedge`` on the shared-threat indicators (and ``policy-synchrony``). An
option that finds none of the indicators it acts on is refused with an error naming them, rather
than changing nothing in silence.

Examples
--------
>>> import alliance_health as ah
>>> from alliance_health import scenarios
>>> p = ah.testing.minimal_profile()
>>> proj = scenarios.project(p, [scenarios.drift(rate=0.2)], until=2009, n=64, rng=0)
>>> proj.trajectory.health.round(3).tolist()
[0.5, 0.464, 0.431, 0.4]
"""

from __future__ import annotations

from alliance_health.scenarios._decline import close, drift
from alliance_health.scenarios._options import expansion, hedge, new_missions, out_of_area
from alliance_health.scenarios._project import (
    DEFAULT_SPREAD,
    SOURCE_KEY,
    Projection,
    apply,
    project,
)
from alliance_health.scenarios._scenario import Scenario

__all__ = [
    "DEFAULT_SPREAD",
    "SOURCE_KEY",
    "Projection",
    "Scenario",
    "apply",
    "close",
    "drift",
    "expansion",
    "hedge",
    "new_missions",
    "out_of_area",
    "project",
]

# The classes report this package, not its private modules, as their home.
Projection.__module__ = Scenario.__module__ = __name__
