"""Inter-coder reliability: Krippendorff's alpha of expert codings, and the coding workflow.

Write a blank sheet per coder (:func:`coding_sheet`), read the filled sheets back
(:func:`read_sheets`), measure agreement (:func:`reliability_from_codings`), merge the codings
into a profile (:func:`merge_sheets`, :func:`merge_codings`) and see how far the coders'
disagreement moves the scores (:func:`coder_spread`).

Examples
--------
>>> from alliance_health import reliability
>>> round(reliability.krippendorff_alpha([[1, 2, 3, 4], [1, 2, 3, 3]]).value, 3)
0.889
"""

from alliance_health.reliability._alpha import Alpha, krippendorff_alpha
from alliance_health.reliability._codings import Coding, Disagreement
from alliance_health.reliability._merge import merge_codings, merge_sheets
from alliance_health.reliability._pool import PooledCoding, pool_codings
from alliance_health.reliability._report import (
    ReliabilityReport,
    reliability,
    reliability_from_codings,
)
from alliance_health.reliability._sheet import coding_sheet, read_sheets
from alliance_health.reliability._spread import CoderSpread, coder_spread

__all__ = [
    "Alpha",
    "CoderSpread",
    "Coding",
    "Disagreement",
    "PooledCoding",
    "ReliabilityReport",
    "coder_spread",
    "coding_sheet",
    "krippendorff_alpha",
    "merge_codings",
    "merge_sheets",
    "pool_codings",
    "read_sheets",
    "reliability",
    "reliability_from_codings",
]
