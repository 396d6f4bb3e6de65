"""The two codings of an ATOP row: the written pledge and Leeds & Anac's institutionalisation.

References
----------
.. [1] Leeds, B. A., Ritter, J. M., Mitchell, S. M. & Long, A. G. (2002). Alliance treaty
   obligations and provisions, 1815-1944. *International Interactions* 28(3), 237-260.
.. [2] Leeds, B. A. & Anac, S. (2005). Alliance institutionalization and alliance performance.
   *International Interactions* 31(3), 183-202.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from alliance_health.atop._codebook import INSTITUTION_COLUMNS

__all__ = [
    "MILINST_MEANING",
    "PLEDGE_MEANING",
    "institution_reasons",
    "military_institutionalisation",
    "pledge_level",
]

PLEDGE_MEANING: Final = {
    0: "no written security obligation",
    1: "consultation, neutrality or non-aggression only",
    2: "a pledge of active military support (defence or offence)",
}
MILINST_MEANING: Final = {0: "none", 1: "moderate", 2: "high"}


def pledge_level(codes: Mapping[str, int | None]) -> int:
    """The written pledge to act, on the catalogue's ``treaty-pledge`` scale 0-2.

    2 if any member promises active military support (``defense`` or ``offense`` = 1); 1 if the
    treaty promises only consultation, neutrality or non-aggression (``consul``, ``neutral`` or
    ``nonagg`` = 1); 0 otherwise.

    References
    ----------
    .. [1] Leeds, B. A., Ritter, J. M., Mitchell, S. M. & Long, A. G. (2002). Alliance treaty
       obligations and provisions, 1815-1944. *International Interactions* 28(3), 237-260.

    Examples
    --------
    >>> pledge_level({"defense": 0, "offense": 0, "neutral": 1, "nonagg": 1, "consul": 0})
    1
    """
    if codes.get("defense") == 1 or codes.get("offense") == 1:
        return 2
    if any(codes.get(c) == 1 for c in ("consul", "neutral", "nonagg")):
        return 1
    return 0


def institution_reasons(codes: Mapping[str, int | None]) -> tuple[list[str], list[str]]:
    def code(name: str) -> int:
        value = codes.get(name)
        return -1 if value is None else value

    high = [
        text
        for text, hit in (
            ("milcon=3 (common defence policy)", code("milcon") == 3),
            ("intcom=1 (integrated command)", code("intcom") == 1),
            (f"base={code('base')} (troops or bases)", code("base") > 0),
        )
        if hit
    ]
    moderate = [
        text
        for text, hit in (
            ("milcon=2 (peacetime military contact)", code("milcon") == 2),
            (f"milaid={code('milaid')} (training or technology)", code("milaid") in (3, 4)),
            (f"subord={code('subord')} (subordination of forces)", code("subord") > 0),
            ("contrib=1 (specified contributions)", code("contrib") == 1),
            (
                "a military organisation (orgpurp 1 or 4)",
                code("orgpurp1") in (1, 4) or code("orgpurp2") in (1, 4),
            ),
        )
        if hit
    ]
    return high, moderate


def military_institutionalisation(codes: Mapping[str, int | None]) -> int | None:
    """Leeds & Anac's (2005) military institutionalisation: 0 none, 1 moderate, 2 high.

    The rule of the authors' own construction code (written for ATOP 3.0, circulated with the
    article):

    - **2, high**: a common defence policy (``milcon`` = 3), an integrated military command
      (``intcom`` = 1), or troop placements or bases (``base`` > 0);
    - **1, moderate**, if not high: peacetime military contact (``milcon`` = 2), military aid in
      training or technology (``milaid`` 3 or 4), subordination of forces (``subord`` > 0),
      specified contributions (``contrib`` = 1), or an organisation with a military purpose
      (``orgpurp1`` or ``orgpurp2`` 1 or 4);
    - **0** otherwise.

    A missing code never qualifies; the index is ``None`` only when all eight codes are missing.

    References
    ----------
    .. [1] Leeds, B. A. & Anac, S. (2005). Alliance institutionalization and alliance
       performance. *International Interactions* 31(3), 183-202.

    Examples
    --------
    >>> military_institutionalisation({"intcom": 1, "milcon": 2})
    2
    >>> military_institutionalisation({"milaid": 3, "orgpurp1": 2})
    1
    >>> military_institutionalisation({}) is None
    True
    """
    if all(codes.get(c) is None for c in INSTITUTION_COLUMNS):
        return None
    high, moderate = institution_reasons(codes)
    return 2 if high else 1 if moderate else 0
