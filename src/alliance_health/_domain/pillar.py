"""The three pillars of an alliance in Sherwood-Randall's definition."""

from __future__ import annotations

import enum
from typing import Final

from alliance_health._errors import ValidationError

__all__ = ["PILLARS", "Pillar", "to_pillar"]


class Pillar(enum.StrEnum):
    """One of the three critical ingredients of an alliance.

    Sherwood-Randall (2006): "The critical ingredients of a meaningful alliance are the shared
    recognition of common threats and a pledge to take action to counter them. To forge agreement,
    an alliance requires ongoing policy consultations that continually set expectations for allied
    behavior."

    Examples
    --------
    >>> Pillar("shared_threat") is Pillar.SHARED_THREAT
    True
    >>> [p.value for p in Pillar]
    ['shared_threat', 'mutual_obligation', 'consultation']
    """

    SHARED_THREAT = "shared_threat"
    """"the shared recognition of common threats"."""
    MUTUAL_OBLIGATION = "mutual_obligation"
    """"a pledge to take action to counter them"; "a clear sense of the mutual obligations"."""
    CONSULTATION = "consultation"
    """"ongoing policy consultations that continually set expectations for allied behavior"."""

    @property
    def label(self) -> str:
        """Human-readable name, e.g. ``'shared threat'``."""
        return self.value.replace("_", " ")


PILLARS: Final = tuple(Pillar)
"""The three pillars in their fixed order, the order of every pillar axis in the engine's arrays."""


def to_pillar(value: object) -> Pillar:
    """Convert ``'shared_threat'``, ``'shared-threat'`` or a :class:`Pillar` to a Pillar."""
    if isinstance(value, Pillar):
        return value
    if isinstance(value, str):
        key = value.strip().lower().replace("-", "_").replace(" ", "_")
        try:
            return Pillar(key)
        except ValueError:
            pass
    options = ", ".join(repr(p.value) for p in Pillar)
    msg = f"pillar must be one of {options}; got {value!r}"
    raise ValidationError(msg)
