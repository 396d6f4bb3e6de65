"""alliance_health: how healthy is a military alliance.

Scores an alliance on Elizabeth Sherwood-Randall's three critical ingredients, "the shared
recognition of common threats", "a pledge to take action to counter them" and "ongoing policy
consultations that continually set expectations for allied behavior", from indicators that each
carry their source.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any, Final

from alliance_health._errors import DEFINED_IN as _DEFINED_IN

__version__ = "0.1.0"

# Every public name and the module that holds it (``alliance_health`` for a submodule): the one
# list from which ``__all__``, ``__dir__`` and the imports on first use (PEP 562) follow. Nothing is
# imported with the package itself, so ``import alliance_health`` stays light; numpy, scipy, pandas
# and matplotlib come with the names that need them. To add a public name, add its line here, in
# order, and the same import to the TYPE_CHECKING block below, which type checkers read
# (tests/test_init.py checks that the two agree and names the line that is missing).
_EXPORTS: Final[dict[str, str]] = {
    "SOURCE_KINDS": "alliance_health._domain.source",
    "AlignedSeries": "alliance_health._analysis.align",
    "Alignment": "alliance_health._analysis.align",
    "AllianceHealthError": "alliance_health._errors",
    "ArgumentTypeError": "alliance_health._errors",
    "Change": "alliance_health._analysis.changes",
    "Changes": "alliance_health._analysis.changes",
    "Column": "alliance_health._present.table",
    "Comparison": "alliance_health._analysis.compare",
    "Contribution": "alliance_health._scoring.score",
    "CoverageWarning": "alliance_health._errors",
    "Diagnosis": "alliance_health._analysis.diagnose",
    "DuplicateError": "alliance_health._errors",
    "Evaluation": "alliance_health._scoring.engine",
    "Event": "alliance_health._domain.event",
    "Exact": "alliance_health._domain.observation",
    "Explanation": "alliance_health._scoring.score",
    "FileFormatError": "alliance_health._errors",
    "Finding": "alliance_health._analysis.diagnose",
    "Indicator": "alliance_health._domain.indicator",
    "InsufficientDataError": "alliance_health._errors",
    "Interval": "alliance_health._analysis.interval",
    "Layout": "alliance_health._scoring.engine",
    "Member": "alliance_health._domain.member",
    "Model": "alliance_health._scoring.model",
    "Observation": "alliance_health._domain.observation",
    "ObservationChange": "alliance_health._analysis.changes",
    "Panel": "alliance_health._analysis.panel_result",
    "PerceptionGap": "alliance_health._analysis.perception",
    "Pillar": "alliance_health._domain.pillar",
    "Profile": "alliance_health._domain.profile",
    "Range": "alliance_health._domain.observation",
    "Ranking": "alliance_health._analysis.ranking",
    "ScaleError": "alliance_health._errors",
    "Score": "alliance_health._scoring.score",
    "SensitivityResult": "alliance_health._analysis.sensitivity",
    "Source": "alliance_health._domain.source",
    "Survey": "alliance_health._domain.observation",
    "Table": "alliance_health._present.table",
    "ThreatGap": "alliance_health._analysis.perception",
    "Thresholds": "alliance_health._analysis.diagnose",
    "Trajectory": "alliance_health._analysis.trajectory",
    "Uncertainty": "alliance_health._domain.observation",
    "UncertaintyResult": "alliance_health._analysis.uncertainty_result",
    "UnknownReferenceError": "alliance_health._errors",
    "UsedObservation": "alliance_health._scoring.score",
    "ValidationError": "alliance_health._errors",
    "align": "alliance_health._analysis.align",
    "atop": "alliance_health",
    "build_layout": "alliance_health._scoring.engine",
    "catalogue": "alliance_health",
    "changes": "alliance_health._analysis.changes",
    "compare": "alliance_health._analysis.compare",
    "diagnose": "alliance_health._analysis.diagnose",
    "dump": "alliance_health._files.io",
    "dumps": "alliance_health._files.io",
    "evaluate": "alliance_health._scoring.engine",
    "fixtures": "alliance_health",
    "load": "alliance_health._files.io",
    "loads": "alliance_health._files.io",
    "panel": "alliance_health._analysis.panel",
    "perception_gap": "alliance_health._analysis.perception",
    "plot": "alliance_health",
    "reliability": "alliance_health",
    "scenarios": "alliance_health",
    "score": "alliance_health._scoring.score",
    "sensitivity": "alliance_health._analysis.sensitivity",
    "similarity": "alliance_health",
    "testing": "alliance_health",
    "trajectory": "alliance_health._analysis.trajectory",
    "uncertainty": "alliance_health._analysis.uncertainty",
}

if TYPE_CHECKING:
    from alliance_health import atop as atop
    from alliance_health import catalogue as catalogue
    from alliance_health import fixtures as fixtures
    from alliance_health import plot as plot
    from alliance_health import reliability as reliability
    from alliance_health import scenarios as scenarios
    from alliance_health import similarity as similarity
    from alliance_health import testing as testing
    from alliance_health._analysis.align import AlignedSeries as AlignedSeries
    from alliance_health._analysis.align import Alignment as Alignment
    from alliance_health._analysis.align import align as align
    from alliance_health._analysis.changes import Change as Change
    from alliance_health._analysis.changes import Changes as Changes
    from alliance_health._analysis.changes import ObservationChange as ObservationChange
    from alliance_health._analysis.changes import changes as changes
    from alliance_health._analysis.compare import Comparison as Comparison
    from alliance_health._analysis.compare import compare as compare
    from alliance_health._analysis.diagnose import Diagnosis as Diagnosis
    from alliance_health._analysis.diagnose import Finding as Finding
    from alliance_health._analysis.diagnose import Thresholds as Thresholds
    from alliance_health._analysis.diagnose import diagnose as diagnose
    from alliance_health._analysis.interval import Interval as Interval
    from alliance_health._analysis.panel import panel as panel
    from alliance_health._analysis.panel_result import Panel as Panel
    from alliance_health._analysis.perception import PerceptionGap as PerceptionGap
    from alliance_health._analysis.perception import ThreatGap as ThreatGap
    from alliance_health._analysis.perception import perception_gap as perception_gap
    from alliance_health._analysis.ranking import Ranking as Ranking
    from alliance_health._analysis.sensitivity import SensitivityResult as SensitivityResult
    from alliance_health._analysis.sensitivity import sensitivity as sensitivity
    from alliance_health._analysis.trajectory import Trajectory as Trajectory
    from alliance_health._analysis.trajectory import trajectory as trajectory
    from alliance_health._analysis.uncertainty import uncertainty as uncertainty
    from alliance_health._analysis.uncertainty_result import UncertaintyResult as UncertaintyResult
    from alliance_health._domain.event import Event as Event
    from alliance_health._domain.indicator import Indicator as Indicator
    from alliance_health._domain.member import Member as Member
    from alliance_health._domain.observation import Exact as Exact
    from alliance_health._domain.observation import Observation as Observation
    from alliance_health._domain.observation import Range as Range
    from alliance_health._domain.observation import Survey as Survey
    from alliance_health._domain.observation import Uncertainty as Uncertainty
    from alliance_health._domain.pillar import Pillar as Pillar
    from alliance_health._domain.profile import Profile as Profile
    from alliance_health._domain.source import SOURCE_KINDS as SOURCE_KINDS
    from alliance_health._domain.source import Source as Source
    from alliance_health._errors import AllianceHealthError as AllianceHealthError
    from alliance_health._errors import ArgumentTypeError as ArgumentTypeError
    from alliance_health._errors import CoverageWarning as CoverageWarning
    from alliance_health._errors import DuplicateError as DuplicateError
    from alliance_health._errors import FileFormatError as FileFormatError
    from alliance_health._errors import InsufficientDataError as InsufficientDataError
    from alliance_health._errors import ScaleError as ScaleError
    from alliance_health._errors import UnknownReferenceError as UnknownReferenceError
    from alliance_health._errors import ValidationError as ValidationError
    from alliance_health._files.io import dump as dump
    from alliance_health._files.io import dumps as dumps
    from alliance_health._files.io import load as load
    from alliance_health._files.io import loads as loads
    from alliance_health._present.table import Column as Column
    from alliance_health._present.table import Table as Table
    from alliance_health._scoring.engine import Evaluation as Evaluation
    from alliance_health._scoring.engine import Layout as Layout
    from alliance_health._scoring.engine import build_layout as build_layout
    from alliance_health._scoring.engine import evaluate as evaluate
    from alliance_health._scoring.model import Model as Model
    from alliance_health._scoring.score import Contribution as Contribution
    from alliance_health._scoring.score import Explanation as Explanation
    from alliance_health._scoring.score import Score as Score
    from alliance_health._scoring.score import UsedObservation as UsedObservation
    from alliance_health._scoring.score import score as score

__all__ = list(_EXPORTS)  # sorted, as _EXPORTS is (tests/test_init.py checks)


def __getattr__(name: str) -> Any:  # noqa: ANN401  (module attributes of any kind)
    module = _EXPORTS.get(name)
    if module is None:
        msg = f"module 'alliance_health' has no attribute {name!r}"
        raise AttributeError(msg)
    if module == __name__:
        value: Any = importlib.import_module(f"{__name__}.{name}")
    else:
        value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next access finds it without calling this hook
    _claim()
    return value


def _claim() -> None:
    """Report ``alliance_health`` as the module of the public classes loaded so far.

    Tracebacks, reprs and the API reference then show ``alliance_health.Profile`` rather than the
    private module that defines it (kept in ``_DEFINED_IN`` for the doctest collector). Run after
    each first use, since one module loads others (sensitivity loads uncertainty). The errors
    claim their own module when they are defined (``_errors``), so tracebacks are right at once.
    """
    for name, module in _EXPORTS.items():
        if module == __name__:
            continue  # a sub-package, not a class (and asking the package for it would load it)
        value = getattr(sys.modules.get(module), name, None)
        if isinstance(value, type) and value.__module__.startswith("alliance_health._"):
            _DEFINED_IN[value] = value.__module__
            value.__module__ = __name__


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
