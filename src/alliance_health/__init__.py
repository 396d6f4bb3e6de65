"""alliance_health: how healthy is a military alliance.

Scores an alliance on Elizabeth Sherwood-Randall's three critical ingredients, "the shared
recognition of common threats", "a pledge to take action to counter them" and "ongoing policy
consultations that continually set expectations for allied behavior", from indicators that each
carry their source.
"""

from __future__ import annotations

from alliance_health import testing
from alliance_health._engine import build_layout, evaluate
from alliance_health._errors import (
    AllianceHealthError,
    DuplicateError,
    FileFormatError,
    InsufficientDataError,
    ScaleError,
    UnknownReferenceError,
    ValidationError,
)
from alliance_health._event import Event
from alliance_health._indicator import Indicator
from alliance_health._model import Model
from alliance_health._observation import Exact, Observation, Range, Survey, Uncertainty
from alliance_health._pillar import Pillar
from alliance_health._profile import Member, Profile
from alliance_health._score import Contribution, Explanation, Score, UsedObservation, score
from alliance_health._source import SOURCE_KINDS, Source

__all__ = [
    "SOURCE_KINDS",
    "AllianceHealthError",
    "Contribution",
    "DuplicateError",
    "Event",
    "Exact",
    "Explanation",
    "FileFormatError",
    "Indicator",
    "InsufficientDataError",
    "Member",
    "Model",
    "Observation",
    "Pillar",
    "Profile",
    "Range",
    "ScaleError",
    "Score",
    "Source",
    "Survey",
    "Uncertainty",
    "UnknownReferenceError",
    "UsedObservation",
    "ValidationError",
    "build_layout",
    "evaluate",
    "score",
    "testing",
]

__version__ = "0.1.0"
