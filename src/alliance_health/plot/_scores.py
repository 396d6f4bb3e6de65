"""Plots of scores: a trajectory with its band and events, pillar bars, a comparison waterfall."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from alliance_health import _validate
from alliance_health._analysis.compare import Comparison
from alliance_health._analysis.trajectory import Trajectory
from alliance_health._domain.event import Event
from alliance_health._domain.pillar import PILLARS
from alliance_health._domain.profile import Profile
from alliance_health._errors import ValidationError
from alliance_health._scoring.score import Score

if TYPE_CHECKING:
    from matplotlib.axes import Axes

from alliance_health.plot._common import (
    _DOWN,
    _PILLAR_STYLE,
    _TOTAL,
    _UP,
    SCORE_LABEL,
    _axes,
    _events,
    _mark_events,
)


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
