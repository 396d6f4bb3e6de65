"""What every plot shares: axes, the score label, event marks and their text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

import numpy as np

from alliance_health._domain.event import Event
from alliance_health._domain.profile import Profile
from alliance_health._errors import ValidationError

if TYPE_CHECKING:
    from matplotlib.axes import Axes


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
