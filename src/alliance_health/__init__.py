"""alliance_health: how healthy is a military alliance.

Scores an alliance on Elizabeth Sherwood-Randall's three critical ingredients, "the shared
recognition of common threats", "a pledge to take action to counter them" and "ongoing policy
consultations that continually set expectations for allied behavior", from indicators that each
carry their source.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from alliance_health import catalogue, fixtures, testing
from alliance_health._align import AlignedSeries, Alignment, align
from alliance_health._compare import Comparison, compare
from alliance_health._diagnose import Diagnosis, Finding, Thresholds, diagnose
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
from alliance_health._io import dump, dumps, load, loads
from alliance_health._model import Model
from alliance_health._observation import Exact, Observation, Range, Survey, Uncertainty
from alliance_health._perception import PerceptionGap, ThreatGap, perception_gap
from alliance_health._pillar import Pillar
from alliance_health._profile import Member, Profile
from alliance_health._score import Contribution, Explanation, Score, UsedObservation, score
from alliance_health._sensitivity import SensitivityResult, sensitivity
from alliance_health._source import SOURCE_KINDS, Source
from alliance_health._trajectory import Trajectory, trajectory
from alliance_health._uncertainty import Interval, UncertaintyResult, uncertainty

__all__ = [
    "SOURCE_KINDS",
    "AlignedSeries",
    "Alignment",
    "AllianceHealthError",
    "Comparison",
    "Contribution",
    "Diagnosis",
    "DuplicateError",
    "Event",
    "Exact",
    "Explanation",
    "FileFormatError",
    "Finding",
    "Indicator",
    "InsufficientDataError",
    "Interval",
    "Member",
    "Model",
    "Observation",
    "PerceptionGap",
    "Pillar",
    "Profile",
    "Range",
    "ScaleError",
    "Score",
    "SensitivityResult",
    "Source",
    "Survey",
    "ThreatGap",
    "Thresholds",
    "Trajectory",
    "Uncertainty",
    "UncertaintyResult",
    "UnknownReferenceError",
    "UsedObservation",
    "ValidationError",
    "align",
    "atop",
    "build_layout",
    "catalogue",
    "compare",
    "diagnose",
    "dump",
    "dumps",
    "evaluate",
    "fixtures",
    "load",
    "loads",
    "perception_gap",
    "plot",
    "scenarios",
    "score",
    "sensitivity",
    "similarity",
    "testing",
    "trajectory",
    "uncertainty",
]

__version__ = "0.1.0"

if TYPE_CHECKING:
    from alliance_health import atop, plot, scenarios, similarity

# Submodules loaded on first use, so that ``import alliance_health`` stays light: plotting and the
# readers of other data sets are not needed to score an alliance.
_LAZY_SUBMODULES = frozenset({"atop", "plot", "scenarios", "similarity"})


def __getattr__(name: str) -> Any:  # noqa: ANN401  (module attributes of any kind)
    if name in _LAZY_SUBMODULES:
        module = importlib.import_module(f"alliance_health.{name}")
        globals()[name] = module
        return module
    msg = f"module 'alliance_health' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY_SUBMODULES])
