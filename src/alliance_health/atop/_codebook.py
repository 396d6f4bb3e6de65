"""ATOP releases, their file types, columns and code ranges, and how a file says which it is.

What comes from where
---------------------
- **Confirmed against real data**: every range marked ``observed`` below holds for every row of
  the ATOP 4.01 alliance-level (745 rows) and member-level (2,398 rows) files; in particular
  ``orgpurp1``/``orgpurp2`` take the codes 0-5 there (5 in 35 and 3 alliance rows, 112 and 10
  member rows), and the files of releases 3.0 and 4.0 use 5 as well (issue 14).
- **From the codebooks as we know them, unconfirmed**: the upper end of ``contrib`` (2; only 0
  and 1 occur in 4.01), the column names of the alliance-phase files (``phase`` with ``begyr`` and
  ``endyr``) and of the 5.x dyad-year files (``stateA``, ``stateB``, ``year``, ``atopally`` and the
  five obligations), and the file fingerprints used when a file has no ``version`` column. We could
  not consult the codebooks of 3.0, 4.0, 5.0 and 5.1 while writing this; where a release differs
  from 4.01 in a column read here, its entry in :data:`RELEASES` is the one place to say so.

References
----------
.. [1] Leeds, B. A. *Alliance Treaty Obligations and Provisions (ATOP) Codebook*, versions 3.0,
   4.0, 4.01, 5.0 and 5.1. Rice University, atopdata.org.
.. [2] Leeds, B. A. & Anac, S. (2005). Alliance institutionalization and alliance performance.
   *International Interactions* 31(3), 183-202.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final, Literal

import attrs

from alliance_health import Source
from alliance_health._errors import FileFormatError

__all__ = [
    "INSTITUTION_COLUMNS",
    "LABELS",
    "OBLIGATIONS",
    "RANGES",
    "RELEASES",
    "Kind",
    "Release",
    "dataset_source",
    "detect_kind",
    "detect_release",
    "release_of",
]

Kind = Literal["alliance", "alliance-phase", "member", "dyad-year"]
LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "alliance": "alliance-level",
        "alliance-phase": "alliance-phase",
        "member": "member-level",
        "dyad-year": "dyad-year",
    }
)
"""How messages name each file type."""
Ranges = Mapping[str, tuple[int, int]]

OBLIGATIONS: Final = ("defense", "offense", "neutral", "nonagg", "consul")
"""The five obligation columns every ATOP file must have (Leeds et al. 2002)."""

INSTITUTION_COLUMNS: Final = (
    "milcon",
    "intcom",
    "base",
    "milaid",
    "subord",
    "contrib",
    "orgpurp1",
    "orgpurp2",
)
"""The columns the Leeds & Anac (2005) index reads."""

_TREATY_RANGES: Final[dict[str, tuple[int, int]]] = {
    **dict.fromkeys(OBLIGATIONS, (0, 1)),  # observed; the codebook's 0/1 definitions
    "active": (0, 1),  # observed
    "conditio": (0, 1),  # observed
    "asymm": (0, 1),  # observed
    "intcom": (0, 1),  # observed
    "ineffect": (0, 1),  # observed
    "bilat": (0, 1),  # observed
    "milcon": (0, 3),  # observed; 2 and 3 used by Leeds & Anac
    "milaid": (0, 4),  # observed; 3 and 4 used by Leeds & Anac
    "base": (0, 3),  # observed
    "subord": (0, 2),  # observed
    "contrib": (0, 2),  # 0-1 observed; 2 unconfirmed (Leeds & Anac test contrib == 1)
    "organ1": (0, 3),  # observed
    "organ2": (0, 3),  # observed
    "orgpurp1": (0, 5),  # observed, 5 included; 1 and 4 are military purposes (Leeds & Anac)
    "orgpurp2": (0, 5),  # observed, 5 included
}
_DYAD_RANGES: Final[dict[str, tuple[int, int]]] = {
    "atopally": (0, 1),  # unconfirmed: 5.x dyad-year codebooks
    **dict.fromkeys(OBLIGATIONS, (0, 1)),
    "asymm": (0, 1),  # unconfirmed
}


@attrs.frozen(kw_only=True)
class Release:
    """One ATOP release: its version, codebook and the codes its files may hold.

    Attributes
    ----------
    version : str
        The release, e.g. ``"4.01"``, as ATOP names it.
    codebook : str
        The codebook that defines the codes (named in error messages).
    ranges : Mapping[str, Mapping[str, tuple[int, int]]]
        For each file type (``"alliance"``, ``"alliance-phase"``, ``"member"``, ``"dyad-year"``),
        the allowed codes ``(lo, hi)`` of each column this package reads.
    note : str
        What is confirmed about this release and what is not.

    Examples
    --------
    >>> from alliance_health import atop
    >>> release = atop.RELEASES["4.01"]
    >>> release.ranges["member"]["orgpurp1"], release.codebook
    ((0, 5), 'ATOP 4.01 codebook')
    >>> atop.RELEASES["5.1"].ranges["dyad-year"]["atopally"]
    (0, 1)
    """

    version: str
    codebook: str
    ranges: Mapping[str, Ranges]
    note: str = ""

    @property
    def number(self) -> float:
        """The version as a number, the way ATOP's files store it."""
        return float(self.version)


def _release(version: str, note: str) -> Release:
    treaty = MappingProxyType(dict(_TREATY_RANGES))
    return Release(
        version=version,
        codebook=f"ATOP {version} codebook",
        ranges=MappingProxyType(
            {
                "alliance": treaty,
                "alliance-phase": treaty,
                "member": treaty,
                "dyad-year": MappingProxyType(dict(_DYAD_RANGES)),
            }
        ),
        note=note,
    )


_SAME_AS_401 = (
    "Ranges as in 4.01 (unconfirmed against this release's codebook); orgpurp1/orgpurp2 take 5"
    " in this release's alliance and alliance-phase files too (issue 14)."
)
RELEASES: Final[Mapping[str, Release]] = MappingProxyType(
    {
        "3.0": _release("3.0", _SAME_AS_401),
        "4.0": _release("4.0", _SAME_AS_401),
        "4.01": _release(
            "4.01",
            "Ranges checked on every row of the real alliance-level and member-level files;"
            " contrib's upper code 2 unconfirmed (only 0 and 1 occur).",
        ),
        "5.0": _release("5.0", "Ranges as in 4.01 (unconfirmed against the 5.0 codebook)."),
        "5.1": _release("5.1", "Ranges as in 4.01 (unconfirmed against the 5.1 codebook)."),
    }
)
"""The ATOP releases this package reads, by version."""

RANGES: Final[Ranges] = RELEASES["5.1"].ranges["member"]
"""Allowed codes of the alliance- and member-level columns of the latest release (5.1)."""

_FILE_NAME: Final = re.compile(r"atop[\s_-]?v?(\d)[_.](\d{1,2})", re.IGNORECASE)
_FULL_HEADER: Final = frozenset({"ineffect", "bilat", *INSTITUTION_COLUMNS, "organ1", "organ2"})


def release_of(text: str, where: str) -> Release:
    """The release a version cell or argument names, compared as a number.

    ATOP stores its version as a number in single precision, so the 4.01 files may read
    ``4.0100002``: the value is matched to the nearest known release within 1e-4.

    Examples
    --------
    >>> release_of("4.0100002", "file.csv").version
    '4.01'
    >>> release_of("5", "file.csv").version
    '5.0'
    """
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    for release in RELEASES.values():
        if abs(release.number - number) < 1e-4:
            return release
    msg = (
        f"{where}: ATOP version {text!r} is not a release this package knows"
        f" ({', '.join(RELEASES)}); pass version= with the release whose codebook the file"
        " follows"
    )
    raise FileFormatError(msg)


def detect_kind(header: Sequence[str]) -> Kind:
    """The file type a (lower-cased) header shows.

    ``stateA``/``stateB``/``year`` make a dyad-year file, a ``member`` column a member-level file,
    a ``phase`` column (without ``member``) an alliance-phase file; otherwise alliance level.
    """
    names = set(header)
    if {"statea", "stateb", "year"} <= names:
        return "dyad-year"
    if "member" in names:
        return "member"
    if "phase" in names:
        return "alliance-phase"
    return "alliance"


def detect_release(header: Sequence[str], name: str) -> Release | None:
    """The release a file without a ``version`` column shows by its name or header, if any.

    In order: a file name in ATOP's pattern (``atop4_01m.csv``, ``atop5_1ddyr.csv``); then the
    header, for a file with ATOP's full set of treaty columns: ``new4``/``rev4`` (flags of
    alliances new or revised in version 4) without a ``version`` column is read as 4.0, and a
    file with neither those flags nor ``cow4id`` (COW alliance ids of COW version 4, which
    post-date ATOP 3.0) as 3.0. These header fingerprints are unconfirmed; a file that matches
    none returns ``None`` and needs ``version=``.
    """
    if match := _FILE_NAME.search(name):
        major, minor = match.groups()
        text = f"{major}.{minor}"
        try:
            return release_of(text, name)
        except FileFormatError:
            return None
    names = set(header)
    if not names >= _FULL_HEADER:
        return None
    if {"new4", "rev4"} <= names:
        return RELEASES["4.0"]
    if "cow4id" not in names and not any(n.startswith(("new", "rev")) for n in names):
        return RELEASES["3.0"]
    return None


def dataset_source(version: str, locator: str) -> Source:
    """The citation of an ATOP release, as every observation built from its files cites it."""
    return Source(
        key=f"atop-{version}",
        title=f"Alliance Treaty Obligations and Provisions (ATOP), version {version}",
        kind="dataset",
        author="B. A. Leeds et al.",
        locator=locator,
    )
