"""Plot of a perception gap: each member's recognition of each threat."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from alliance_health._analysis.perception import PerceptionGap
from alliance_health._errors import ValidationError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

from alliance_health.plot._common import (
    _axes,
)


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
