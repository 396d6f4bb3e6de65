"""Plots of a panel of alliances: dots with intervals for one year, trajectories with bands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from alliance_health._analysis.panel_result import Panel
from alliance_health._analysis.panel_tasks import MEASURES
from alliance_health._errors import ValidationError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

from alliance_health.plot._common import (
    _TOTAL,
    SCORE_LABEL,
    _axes,
)


def _panel_measure(panel: Panel, measure: str, caller: str) -> int:
    ok = isinstance(panel, Panel)  # checked at run time: annotations are not enforced
    if not ok:
        msg = f"{caller}() takes a Panel from alliance_health.panel; got {type(panel).__name__}"
        raise ValidationError(msg)
    if measure not in MEASURES:
        msg = f"measure must be one of {', '.join(MEASURES)}; got {measure!r}"
        raise ValidationError(msg)
    return MEASURES.index(measure)


def panel_dots(panel: Panel, year: int, *, measure: str = "health", ax: Axes | None = None) -> Axes:
    """The alliances of a panel in one year as dots with their intervals, healthiest on top.

    Each row is an alliance: a dot at the median of its draws, a line across its interval (the
    panel's ``confidence_level``) and a cross at its as-coded score. Overlapping lines are the
    visual counterpart of the rank probabilities of :meth:`~alliance_health.Panel.ranking`.

    Parameters
    ----------
    panel : Panel
        From :func:`alliance_health.panel`.
    year : int
        The year shown; alliances not scored that year are left out.
    measure : str, optional
        ``"health"`` (default) or a pillar (``"shared_threat"``, ``"mutual_obligation"``,
        ``"consultation"``).
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes, with one tick label per alliance, sorted by median from the bottom up.

    Examples
    --------
    >>> import alliance_health as ah
    >>> p = ah.panel(["rok-us", "nato-post-1990"], [2006], n=128, rng=0)
    >>> ax = ah.plot.panel_dots(p, 2006)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['rok-us', 'nato-post-1990']
    """
    m = _panel_measure(panel, measure, "panel_dots")
    hits = np.flatnonzero(panel.years == year)
    if hits.size == 0:
        msg = f"year {year!r} is not scored for any alliance of this panel"
        raise ValidationError(msg)
    k = int(hits[0])
    rows = np.flatnonzero(panel.scored[:, k])
    rows = rows[np.argsort(panel.centre[rows, k, m], kind="stable")]
    centre, low, high = (getattr(panel, a)[rows, k, m] for a in ("centre", "low", "high"))
    ax = _axes(ax)
    y = np.arange(rows.size, dtype=np.float64)
    ax.errorbar(
        centre,
        y,
        xerr=np.vstack([centre - low, high - centre]),
        fmt="o",
        color=_TOTAL,
        capsize=3,
        label=f"median, {panel.confidence_level:.0%} interval",
    )
    ax.scatter(panel.as_coded[rows, k, m], y, marker="x", color="k", zorder=3, label="as coded")
    ax.set_yticks(y, [panel.alliances[a] for a in rows])
    ax.set_ylim(-0.6, rows.size - 0.4)
    ax.set_xlim(0.0, 1.02)
    ax.set_xlabel(SCORE_LABEL)
    ax.set_title(f"{measure.replace('_', ' ')} in {year}")
    ax.legend(loc="lower right", fontsize=8)
    return ax


def panel_trajectories(
    panel: Panel,
    *,
    measure: str = "health",
    alliances: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Each alliance of a panel over the years: the median of its draws and its interval band.

    Lines break over years in which an alliance was not scored.

    Parameters
    ----------
    panel : Panel
        From :func:`alliance_health.panel`.
    measure : str, optional
        ``"health"`` (default) or a pillar.
    alliances : sequence of str, optional
        The alliances to draw; default all.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes, with one line (labelled with the alliance's id) and one band per alliance.

    Examples
    --------
    >>> import alliance_health as ah
    >>> p = ah.panel(["rok-us", "nato-post-1990"], range(1995, 2008), n=128, rng=0)
    >>> ax = ah.plot.panel_trajectories(p)
    >>> [line.get_label() for line in ax.get_lines()]
    ['rok-us', 'nato-post-1990']
    """
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415  (optional dependency)

    m = _panel_measure(panel, measure, "panel_trajectories")
    chosen = panel.alliances if alliances is None else tuple(alliances)
    unknown = [a for a in chosen if a not in panel.alliances]
    if unknown:
        msg = f"alliances {unknown} are not in this panel; it holds {', '.join(panel.alliances)}"
        raise ValidationError(msg)
    ax = _axes(ax)
    years = panel.years.astype(np.float64)
    for name in chosen:
        a = panel.alliances.index(name)
        (line,) = ax.plot(years, panel.centre[a, :, m], linewidth=2, label=name)
        ax.fill_between(
            years,
            panel.low[a, :, m],
            panel.high[a, :, m],
            where=panel.scored[a],
            color=line.get_color(),
            alpha=0.2,
            linewidth=0,
        )
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0.0, 1.02)
    ax.set_xlabel("year")
    ax.set_ylabel(SCORE_LABEL)
    ax.set_title(f"{measure.replace('_', ' ')}: median and {panel.confidence_level:.0%} interval")
    ax.legend(loc="lower left", fontsize=8)
    return ax
