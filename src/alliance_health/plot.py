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

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

import numpy as np

from alliance_health import _validate
from alliance_health._analysis.compare import Comparison
from alliance_health._analysis.panel_result import Panel
from alliance_health._analysis.panel_tasks import MEASURES
from alliance_health._analysis.perception import PerceptionGap
from alliance_health._analysis.trajectory import Trajectory
from alliance_health._domain.event import Event
from alliance_health._domain.pillar import PILLARS
from alliance_health._domain.profile import Profile
from alliance_health._errors import ValidationError
from alliance_health._scoring.score import Score

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["panel_dots", "panel_trajectories", "perception", "pillars", "trajectory", "waterfall"]

SCORE_LABEL: Final = "score (0 = absent, 1 = healthy end of the scales)"
"""The y-axis label of every plot of scores in [0, 1]."""
_PILLAR_STYLE: Final = ("--", "-.", ":")
_UP, _DOWN, _TOTAL = "#2a7f62", "#b23a48", "#4c6a92"
_EVENT_LABEL_CHARS: Final = 38


def _axes(ax: Axes | None) -> Axes:
    """The given Axes, or the Axes of a new figure (imports matplotlib only now)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # noqa: PLC0415  (optional dependency, loaded on demand)

    _, new = plt.subplots(figsize=(8, 4.5), layout="constrained")
    return new


def _decimal_year(date: dt.date) -> float:
    start = dt.date(date.year, 1, 1)
    days = (dt.date(date.year + 1, 1, 1) - start).days
    return date.year + (date - start).days / days


def _events(events: Profile | Iterable[Event] | None) -> tuple[Event, ...]:
    if events is None:
        return ()
    items = events.events if isinstance(events, Profile) else tuple(events)
    for i, e in enumerate(items):
        ok = isinstance(e, Event)  # checked at run time: the annotation is not enforced
        if not ok:
            msg = (
                f"events must be a Profile or a sequence of Event; events[{i}] is"
                f" {type(e).__name__} {e!r}"
            )
            raise ValidationError(msg)
    return items


def _short(text: str) -> str:
    if len(text) <= _EVENT_LABEL_CHARS:
        return text
    return text[: _EVENT_LABEL_CHARS - 3].rstrip() + "..."


def trajectory(
    traj: Trajectory,
    *,
    ax: Axes | None = None,
    events: Profile | Iterable[Event] | None = None,
    confidence_level: float = 0.9,
    show_pillars: bool = True,
    level: float | None = None,
) -> Axes:
    """Health over the years, with its uncertainty band, the pillars and events marked.

    Parameters
    ----------
    traj : Trajectory
        From :func:`alliance_health.trajectory`; made with ``n=`` it carries Monte Carlo draws, and
        the equal-tailed band holding ``confidence_level`` of them is shaded.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure.
    events : Profile or sequence of Event, optional
        Events to mark as vertical lines with their titles (a profile's events, or a chosen few).
        Events outside the trajectory's years are left out.
    confidence_level : float, optional
        Share of the draws inside the band (default 0.9: from the 5 % to the 95 % quantile).
    show_pillars : bool, optional
        Draw the three pillar scores as thinner lines (default True).
    level : float, optional
        Deprecated spelling of ``confidence_level``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes, with one line for health, one per pillar, one per event marked, and the band.

    Examples
    --------
    >>> import alliance_health as ah
    >>> t = ah.trajectory(ah.testing.minimal_profile(), n=256, rng=0)
    >>> ax = ah.plot.trajectory(t)
    >>> [line.get_label() for line in ax.get_lines()]
    ['health', 'shared threat', 'mutual obligation', 'consultation']
    """
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415  (optional dependency)

    ax = _axes(ax)
    years = traj.years.astype(np.float64)
    cl = _validate.check_confidence(confidence_level, level, call="plot.trajectory")
    if traj.draws is not None:
        iv = traj.interval(cl)
        label = f"{iv.confidence_level:.0%} interval"
        ax.fill_between(years, iv.low, iv.high, color=_TOTAL, alpha=0.2, linewidth=0, label=label)
    ax.plot(years, traj.health, color=_TOTAL, linewidth=2.5, marker="o", label="health")
    if show_pillars:
        for k, pillar in enumerate(PILLARS):
            ax.plot(
                years,
                traj.pillars[:, k],
                linestyle=_PILLAR_STYLE[k],
                linewidth=1.2,
                label=pillar.label,
            )
    _mark_events(ax, _events(events), float(years[0]), float(years[-1]) + 1.0)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0.0, 1.02)
    ax.set_xlabel("year")
    ax.set_ylabel(SCORE_LABEL)
    ax.set_title(traj.name)
    ax.legend(loc="lower left", fontsize=8)
    return ax


def _mark_events(ax: Axes, events: Sequence[Event], first: float, last: float) -> None:
    """Vertical lines with rotated titles; titles of close events are set side by side."""
    close = (last - first) / 60  # events nearer than this would print their titles over each other
    previous, shift = -np.inf, 0
    for event in sorted(events, key=lambda e: e.date):
        x = _decimal_year(event.date)
        if not first <= x < last:
            continue
        shift = shift + 1 if x - previous < close * (shift + 1) else 0
        previous = x if shift == 0 else previous
        ax.axvline(x, color="0.45", linewidth=0.8, label=f"_event {event.id}")
        ax.annotate(
            _short(event.title),
            xy=(x, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(2 + 9 * shift, -4),
            textcoords="offset points",
            rotation=90,
            va="top",
            ha="left",
            fontsize=7,
            color="0.3",
            bbox={"facecolor": "white", "alpha": 0.7, "linewidth": 0, "pad": 0.5},
        )


def _score_list(scores: Score | Comparison | Sequence[Score]) -> tuple[Score, ...]:
    if isinstance(scores, Score):
        return (scores,)
    if isinstance(scores, Comparison):
        return (scores.a, scores.b)
    items = tuple(scores)
    if not items or not all(isinstance(s, Score) for s in items):
        msg = (
            "pillars() takes a Score, a Comparison or a non-empty sequence of Score;"
            f" got {scores!r}"
        )
        raise ValidationError(msg)
    return items


def pillars(
    scores: Score | Comparison | Sequence[Score],
    *,
    ax: Axes | None = None,
) -> Axes:
    """The three pillars side by side, as grouped bars (one colour per profile-year).

    Bars rather than a radar chart: with three axes a radar's area depends on the order of the
    axes, and lengths along a common baseline are read more accurately than angles or areas
    (Cleveland & McGill 1984). The health of each profile-year is given in its legend entry.

    Parameters
    ----------
    scores : Score, Comparison or sequence of Score
        What to show: one score, both sides of a comparison, or several scores.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes, with one bar container of three bars per score, each bar labelled with its value.

    References
    ----------
    .. [1] Cleveland, W. S. & McGill, R. (1984). Graphical perception: theory, experimentation,
           and application to the development of graphical methods. *Journal of the American
           Statistical Association*, 79(387), 531-554.

    Examples
    --------
    >>> import alliance_health as ah
    >>> p = ah.testing.minimal_profile()
    >>> ax = ah.plot.pillars([ah.score(p, 2006), ah.score(p, 2006, model=ah.Model(p=1))])
    >>> len(ax.containers), len(ax.patches)
    (2, 6)
    """
    items = _score_list(scores)
    ax = _axes(ax)
    x = np.arange(len(PILLARS), dtype=np.float64)
    width = 0.8 / len(items)
    for k, s in enumerate(items):
        heights = [s.pillars[p] for p in PILLARS]
        offset = (k - (len(items) - 1) / 2) * width
        bars = ax.bar(
            x + offset, heights, width, label=f"{s.profile_id} {s.year} (health {s.health:.2f})"
        )
        ax.bar_label(bars, fmt="%.2f", fontsize=8, padding=2)
    ax.set_xticks(x, [p.label for p in PILLARS])
    ax.set_ylim(0.0, 1.1)
    ax.set_ylabel(SCORE_LABEL)
    ax.set_title("Pillar scores")
    ax.legend(loc="upper right", fontsize=8)
    return ax


def waterfall(
    comparison: Comparison,
    *,
    ax: Axes | None = None,
    confidence_level: float = 0.9,
    level: float | None = None,
) -> Axes:
    """The Shapley attribution of a comparison: from ``b``'s health to ``a``'s, pillar by pillar.

    The first bar is ``b``'s health, the last ``a``'s; between them each pillar's exact Shapley
    share of the difference floats from where the previous one ended, so the steps add up to the
    difference. Error bars show the equal-tailed interval (``confidence_level``) of each share over
    the comparison's Monte Carlo draws.

    Parameters
    ----------
    comparison : Comparison
        From :func:`alliance_health.compare`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure.
    confidence_level : float, optional
        Share of the draws inside each error bar (default 0.9).
    level : float, optional
        Deprecated spelling of ``confidence_level``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes, with five bars (two totals, three steps), each labelled with its value.

    References
    ----------
    .. [1] Shapley, L. S. (1953). A value for n-person games. *Contributions to the Theory of
           Games II*, 307-317.

    Examples
    --------
    >>> import alliance_health as ah
    >>> import attrs
    >>> p = ah.testing.minimal_profile()
    >>> halved = [attrs.evolve(o, value=o.value / 2) for o in p.observations]
    >>> q = attrs.evolve(p, id="halved", observations=halved)
    >>> ax = ah.plot.waterfall(ah.compare(p, q, year_a=2006, year_b=2006, n=64, rng=1))
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['halved 2006', 'shared threat', 'mutual obligation', 'consultation', 'minimal 2006']
    """
    ok = isinstance(comparison, Comparison)  # checked at run time: annotations are not enforced
    if not ok:
        msg = f"waterfall() takes a Comparison from compare(); got {type(comparison).__name__}"
        raise ValidationError(msg)
    cl = _validate.check_confidence(confidence_level, level, call="plot.waterfall")
    ax = _axes(ax)
    a, b = comparison.a, comparison.b
    steps = np.array([comparison.attribution[p] for p in PILLARS])
    starts = b.health + np.concatenate(([0.0], np.cumsum(steps)[:-1]))
    lo, hi = np.quantile(
        comparison.attribution_draws, [(1 - cl) / 2, (1 + cl) / 2], axis=0
    ).reshape(2, len(PILLARS))
    labels = [f"{b.profile_id} {b.year}", *(p.label for p in PILLARS), f"{a.profile_id} {a.year}"]
    x = np.arange(len(labels), dtype=np.float64)
    totals = ax.bar(x[[0, -1]], [b.health, a.health], 0.6, color=_TOTAL, label="health")
    colours = [_UP if s >= 0 else _DOWN for s in steps]
    moves = ax.bar(x[1:-1], steps, 0.6, bottom=starts, color=colours, label="pillar's share")
    ends = starts + steps
    ax.errorbar(
        x[1:-1],
        ends,
        yerr=np.vstack([np.maximum(steps - lo, 0.0), np.maximum(hi - steps, 0.0)]),
        fmt="none",
        ecolor="0.2",
        capsize=3,
        linewidth=1,
        label=f"{cl:.0%} interval",
    )
    ax.bar_label(totals, fmt="%.3f", fontsize=8, padding=2)
    ax.bar_label(moves, labels=[f"{s:+.3f}" for s in steps], fontsize=8, label_type="center")
    top = max(a.health, b.health, float(np.max(starts + np.maximum(hi, steps))))
    ax.set_ylim(0.0, min(top + 0.12, 1.1))
    ax.set_xticks(x, labels)
    ax.set_ylabel("health")
    ax.set_title(
        f"{labels[-1]} minus {labels[0]}: {comparison.delta_health:+.3f} health,"
        f" P(healthier) = {comparison.prob_a_healthier:.2f}"
    )
    ax.legend(loc="best", fontsize=8)
    return ax


def perception(gap: PerceptionGap, *, ax: Axes | None = None, legend_members: int = 8) -> Axes:
    """Each member's recognition of each threat, and the gap between them (a dot plot).

    One row per threat: a dot per member at its recognition, a segment from the least to the most
    convinced member (the gap), a diamond at what the members hold in common under the model
    (the threat's ``shared`` value, an open diamond), and the two extreme members named.

    Parameters
    ----------
    gap : PerceptionGap
        From :func:`alliance_health.perception_gap`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure.
    legend_members : int, optional
        With at most this many members, each member gets its own colour and legend entry; with
        more (NATO's 26), members are drawn alike and only the extremes are named. Default 8.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes, with one horizontal segment per threat (``ax.collections``) and its gap written
        beside it.

    Examples
    --------
    >>> import alliance_health as ah
    >>> gap = ah.perception_gap(ah.testing.minimal_profile(), 2006)
    >>> ax = ah.plot.perception(gap)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['rival']
    """
    ok = isinstance(gap, PerceptionGap)  # checked at run time: annotations are not enforced
    if not ok:
        msg = f"perception() takes a PerceptionGap; got {type(gap).__name__}"
        raise ValidationError(msg)
    ax = _axes(ax)
    threats = gap.threats
    y = np.arange(len(threats), dtype=np.float64)
    members = list(dict.fromkeys(m for t in threats for m in t.recognition))
    ax.hlines(
        y,
        [min(t.recognition.values()) for t in threats],
        [max(t.recognition.values()) for t in threats],
        color="0.6",
        linewidth=3,
        label="gap",
    )
    if len(members) <= legend_members:
        for code in members:
            rows = [
                (k, t.recognition[code]) for k, t in enumerate(threats) if code in t.recognition
            ]
            ax.scatter([v for _, v in rows], [y[k] for k, _ in rows], s=45, zorder=3, label=code)
    else:
        xs = [v for t in threats for v in t.recognition.values()]
        ys = [y[k] for k, t in enumerate(threats) for _ in t.recognition]
        ax.scatter(xs, ys, s=20, color="0.3", alpha=0.6, zorder=3, label="members")
    ax.scatter(
        [t.shared for t in threats],
        y,
        marker="D",
        s=110,
        facecolors="none",
        edgecolors="k",
        zorder=4,
        label="held in common",
    )
    for k, t in enumerate(threats):
        lo, hi = t.least_convinced, t.most_convinced
        _name(ax, lo, t.recognition[lo], y[k], "right")
        if hi != lo:
            _name(ax, hi, t.recognition[hi], y[k], "left")
        ax.annotate(
            f"gap {t.gap:.2f}",
            xy=(1.0, y[k]),
            xycoords=("axes fraction", "data"),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(y, [t.threat for t in threats])
    ax.set_ylim(-0.6, len(threats) - 0.4)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("recognition of the threat (0 = none, 1 = full)")
    ax.set_title(f"Perception of threats, {gap.profile_id} {gap.year}")
    ax.legend(loc="best", fontsize=8)
    return ax


def _name(ax: Axes, code: str, x: float, y: float, side: str) -> None:
    """Write a member code just outside its dot, on ``side``."""
    ax.annotate(
        code,
        xy=(x, y),
        xytext=(-6 if side == "right" else 6, 7),
        textcoords="offset points",
        ha=side,
        fontsize=8,
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
