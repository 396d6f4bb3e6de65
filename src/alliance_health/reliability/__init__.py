"""Inter-coder reliability: Krippendorff's alpha of expert codings, and the coding workflow.

Examples
--------
>>> from alliance_health import reliability
>>> round(reliability.krippendorff_alpha([[1, 2, 3, 4], [1, 2, 3, 3]]).value, 3)
0.889
"""

from alliance_health.reliability._alpha import Alpha, krippendorff_alpha
from alliance_health.reliability._codings import Coding, Disagreement
from alliance_health.reliability._pool import PooledCoding, pool_codings
from alliance_health.reliability._report import (
    ReliabilityReport,
    reliability,
    reliability_from_codings,
)
from alliance_health.reliability._sheet import coding_sheet, read_sheets

__all__ = [
    "Alpha",
    "Coding",
    "Disagreement",
    "PooledCoding",
    "ReliabilityReport",
    "coding_sheet",
    "krippendorff_alpha",
    "pool_codings",
    "read_sheets",
    "reliability",
    "reliability_from_codings",
]
