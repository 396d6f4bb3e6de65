"""alliance_health: how healthy is a military alliance.

Scores an alliance on Elizabeth Sherwood-Randall's three critical ingredients, "the shared
recognition of common threats", "a pledge to take action to counter them" and "ongoing policy
consultations that continually set expectations for allied behavior", from indicators that each
carry their source.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from alliance_health._domain.event import Event
from alliance_health._domain.indicator import Indicator
from alliance_health._domain.observation import Exact, Observation, Range, Survey, Uncertainty
from alliance_health._domain.pillar import Pillar
from alliance_health._domain.profile import Member, Profile
from alliance_health._domain.source import SOURCE_KINDS, Source
from alliance_health._errors import (
    AllianceHealthError,
    CoverageWarning,
    DuplicateError,
    FileFormatError,
    InsufficientDataError,
    ScaleError,
    UnknownReferenceError,
    ValidationError,
)
from alliance_health._scoring.engine import build_layout, evaluate
from alliance_health._scoring.model import Model
from alliance_health._scoring.score import Contribution, Explanation, Score, UsedObservation, score

if TYPE_CHECKING:
    from alliance_health import atop, catalogue, fixtures, plot, scenarios, similarity, testing
    from alliance_health._analysis.align import AlignedSeries, Alignment, align
    from alliance_health._analysis.compare import Comparison, compare
    from alliance_health._analysis.diagnose import Diagnosis, Finding, Thresholds, diagnose
    from alliance_health._analysis.perception import PerceptionGap, ThreatGap, perception_gap
    from alliance_health._analysis.sensitivity import SensitivityResult, sensitivity
    from alliance_health._analysis.trajectory import Trajectory, trajectory
    from alliance_health._analysis.uncertainty import Interval, UncertaintyResult, uncertainty
    from alliance_health._files.io import dump, dumps, load, loads

__all__ = [
    "SOURCE_KINDS",
    "AlignedSeries",
    "Alignment",
    "AllianceHealthError",
    "Comparison",
    "Contribution",
    "CoverageWarning",
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

# Loaded on first use (PEP 562), so that ``import alliance_health`` stays light: the core model
# and ``score`` are imported at once; analysis, files, plots and other data sets when first asked.
_LAZY = {
    **dict.fromkeys(["AlignedSeries", "Alignment", "align"], "_analysis.align"),
    **dict.fromkeys(["Comparison", "compare"], "_analysis.compare"),
    **dict.fromkeys(["Diagnosis", "Finding", "Thresholds", "diagnose"], "_analysis.diagnose"),
    **dict.fromkeys(["dump", "dumps", "load", "loads"], "_files.io"),
    **dict.fromkeys(["PerceptionGap", "ThreatGap", "perception_gap"], "_analysis.perception"),
    **dict.fromkeys(["SensitivityResult", "sensitivity"], "_analysis.sensitivity"),
    **dict.fromkeys(["Trajectory", "trajectory"], "_analysis.trajectory"),
    **dict.fromkeys(["Interval", "UncertaintyResult", "uncertainty"], "_analysis.uncertainty"),
}
_LAZY_SUBMODULES = frozenset(
    {"atop", "catalogue", "fixtures", "plot", "scenarios", "similarity", "testing"}
)


def __getattr__(name: str) -> Any:  # noqa: ANN401  (module attributes of any kind)
    if name in _LAZY_SUBMODULES:
        value: Any = importlib.import_module(f"alliance_health.{name}")
    elif name in _LAZY:
        value = getattr(importlib.import_module(f"alliance_health.{_LAZY[name]}"), name)
    else:
        msg = f"module 'alliance_health' has no attribute {name!r}"
        raise AttributeError(msg)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY, *_LAZY_SUBMODULES])
