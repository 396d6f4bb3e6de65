"""Read Alliance Treaty Obligations and Provisions (ATOP) files into mutual-obligation indicators.

ATOP (Leeds et al. 2002) codes the written content of every military alliance since 1815: which
obligations the members take on (defence, offence, neutrality, non-aggression, consultation) and
which institutions the treaty creates. This module reads ATOP's alliance-level and member-level CSV
files (column names of versions 4.01 and 5.1, in any letter case), validates every code, and builds
the mutual-obligation pillar of a :class:`~alliance_health.Profile` for any ATOP alliance::

    from alliance_health import atop

    data = atop.read("atop5_1m.csv")  # the member-level file
    profile = atop.profile(data, 3180)  # obligations, members and dates of atopid 3180

The profile is a skeleton: its shared-threat and consultation pillars are left for you to add.
ATOP codes the treaty texts, not the practice; a pledge on paper is what it measures.

Notes
-----
**Codes and their ranges.** :data:`RANGES` gives the codes each column may take; a code outside
them, a non-integer or a missing required value is an error naming the file, line, atopid and
column. Where a range could not be checked against the codebook itself it is marked *unconfirmed*
below and validated strictly all the same; if your codebook version allows another code, pass
``ranges={"column": (lo, hi)}`` to :func:`read`.

- ``defense``, ``offense``, ``neutral``, ``nonagg``, ``consul``: 0/1, whether a member promises
  active defence, offensive support, neutrality, non-aggression, or consultation in a crisis
  (Leeds et al. 2002; the codebook's definitions as reproduced by the QoG Data Finder). Required.
- ``active``, ``conditio``, ``asymm``, ``intcom``: 0/1 (unconfirmed): active military support
  required, obligations conditional, obligations asymmetric, integrated military command.
- ``milcon``: 0-3, military contact; 2 = peacetime military contact, 3 = a common defence policy
  (Leeds & Anac 2005 use both codes; the top of the range is unconfirmed).
- ``base``: 0-3, troop placements and bases (Leeds & Anac use ``base > 0``; range unconfirmed).
- ``milaid``: 0-4, military aid; 3 and 4 involve training or technology transfer (Leeds & Anac
  use ``milaid in {3, 4}``).
- ``subord``: 0-2, subordination of forces; ``contrib``: 0-2, specified contributions of troops,
  supplies or funds (both unconfirmed beyond the codes Leeds & Anac use: ``subord > 0``,
  ``contrib == 1``).
- ``organ1``, ``organ2``: 0-3, the organisations the treaty creates (unconfirmed);
  ``orgpurp1``, ``orgpurp2``: 0-4, their purpose, 1 and 4 involving military matters (Leeds &
  Anac; the top of the range is unconfirmed).

Blank cells, ``.`` and ``NA`` are missing values. Member-level files give members as Correlates of
War (COW) state codes in a ``member`` column, with ``yrent`` and ``yrexit``; alliance-level files
give ``begyr`` and ``endyr``. An exit or end year that is blank or 0 means still in force. A
``version`` column, where present, names the ATOP version; otherwise pass ``version=``.

References
----------
.. [1] Leeds, B. A., Ritter, J. M., Mitchell, S. M. & Long, A. G. (2002). Alliance treaty
   obligations and provisions, 1815-1944. *International Interactions* 28(3), 237-260.
.. [2] Leeds, B. A. *Alliance Treaty Obligations and Provisions (ATOP) Codebook*, version 3.0
   (2005), versions 4.01 and 5.1. Rice University.
.. [3] Leeds, B. A. & Anac, S. (2005). Alliance institutionalization and alliance performance.
   *International Interactions* 31(3), 183-202.

Examples
--------
A made-up alliance 9001 in the layout of a member-level file, between COW states 2 and 732 (the
United States and South Korea), both pledging defence and consultation from 1954:

>>> import io
>>> from alliance_health import atop
>>> text = '''atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul
... 9001,2,1954,0,1,0,0,0,1
... 9001,732,1954,0,1,0,0,0,1
... '''
>>> data = atop.read(io.StringIO(text), version="5.1")
>>> data
AtopData(name='<stream>', level='member', version='5.1', rows=2, alliances=1)
>>> p = atop.profile(data, 9001)
>>> p.members_in(1960)
('USA', 'KOR')
>>> print(p.observations[0].note)
ATOP atopid 9001, <stream> line 2: defense=1 offense=0 neutral=0 nonagg=0 consul=1 -> 2: a pledge
of active military support (defence or offence)
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Final, Literal, TextIO

import attrs

from alliance_health import catalogue
from alliance_health._domain.indicator import Indicator
from alliance_health._domain.observation import Exact, Observation
from alliance_health._domain.pillar import Pillar
from alliance_health._domain.profile import Member, Profile
from alliance_health._domain.source import Source
from alliance_health._errors import FileFormatError, UnknownReferenceError, ValidationError

__all__ = [
    "COW_TO_ISO3",
    "DEFAULT_INDICATORS",
    "INDICATORS",
    "OBLIGATIONS",
    "RANGES",
    "AtopData",
    "AtopRow",
    "military_institutionalisation",
    "pledge_level",
    "profile",
    "read",
]

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

RANGES: Final[Mapping[str, tuple[int, int]]] = MappingProxyType(
    {
        "defense": (0, 1),
        "offense": (0, 1),
        "neutral": (0, 1),
        "nonagg": (0, 1),
        "consul": (0, 1),
        "active": (0, 1),
        "conditio": (0, 1),
        "asymm": (0, 1),
        "intcom": (0, 1),
        "milcon": (0, 3),
        "base": (0, 3),
        "milaid": (0, 4),
        "subord": (0, 2),
        "contrib": (0, 2),
        "organ1": (0, 3),
        "organ2": (0, 3),
        "orgpurp1": (0, 4),
        "orgpurp2": (0, 4),
    }
)
"""Allowed codes of each ATOP column this module reads; see the module notes on which are
confirmed."""

COW_TO_ISO3: Final[Mapping[int, str]] = MappingProxyType(
    {
        2: "USA",
        20: "CAN",
        200: "GBR",
        210: "NLD",
        211: "BEL",
        212: "LUX",
        220: "FRA",
        230: "ESP",
        235: "PRT",
        255: "DEU",  # Germany (before 1945 and from 1990)
        260: "DEU",  # German Federal Republic, 1955-1990: the same member of NATO
        290: "POL",
        310: "HUN",
        316: "CZE",
        317: "SVK",
        325: "ITA",
        339: "ALB",
        341: "MNE",
        343: "MKD",
        344: "HRV",
        349: "SVN",
        350: "GRC",
        355: "BGR",
        360: "ROU",
        366: "EST",
        367: "LVA",
        368: "LTU",
        375: "FIN",
        380: "SWE",
        385: "NOR",
        390: "DNK",
        395: "ISL",
        640: "TUR",
        732: "KOR",
    }
)
"""Correlates of War state codes of the United States, South Korea and the NATO members, mapped
to ISO 3166 alpha-3 codes. Pass ``cow_to_iso={code: "ISO"}`` to :func:`read` for other states;
both German COW codes map to ``DEU`` so that West Germany and united Germany are one member."""

_MISSING: Final = frozenset({"", ".", "na", "nan"})
_ISO3: Final = re.compile(r"^[A-Z]{3}$")
_PLEDGE_MEANING: Final = {
    0: "no written security obligation",
    1: "consultation, neutrality or non-aggression only",
    2: "a pledge of active military support (defence or offence)",
}
_MILINST_MEANING: Final = {0: "none", 1: "moderate", 2: "high"}
Level = Literal["alliance", "member"]


# -- the two codings ----------------------------------------------------------------------------
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


def _institution_reasons(codes: Mapping[str, int | None]) -> tuple[list[str], list[str]]:
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
    high, moderate = _institution_reasons(codes)
    return 2 if high else 1 if moderate else 0


# -- rows and files -----------------------------------------------------------------------------
def _frozen_codes(codes: Mapping[str, int | None]) -> Mapping[str, int | None]:
    return MappingProxyType(dict(codes))


@attrs.frozen(kw_only=True)
class AtopRow:
    """One row of an ATOP file.

    Attributes
    ----------
    atopid : int
        The alliance.
    line : int
        Line of the file the row ends on (the header is line 1).
    codes : Mapping[str, int | None]
        Every coded column this module knows (:data:`RANGES`) that the file has; ``None`` where
        missing.
    member : str or None
        ISO alpha-3 code of the member (member-level files), else ``None``.
    cow : int or None
        The member's COW code as written in the file.
    start, end : int or None
        First and last year in force (``yrent``/``yrexit`` or ``begyr``/``endyr``); ``end`` is
        ``None`` while in force.

    Examples
    --------
    A member-level row of a made-up alliance: the United Kingdom (COW 200) promises consultation
    and non-aggression from 1960 to 1975.

    >>> import io
    >>> text = '''atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul
    ... 9002,200,1960,1975,0,0,0,1,1
    ... '''
    >>> row = read(io.StringIO(text), version="5.1").rows[0]
    >>> row.member, row.cow, row.start, row.end
    ('GBR', 200, 1960, 1975)
    >>> row.pledge  # consultation or non-aggression only
    1
    >>> row.in_force(1970), row.in_force(1980)
    (True, False)
    >>> row.institutionalisation is None  # the file has no institutional columns
    True
    """

    atopid: int
    line: int
    codes: Mapping[str, int | None] = attrs.field(converter=_frozen_codes)
    member: str | None = None
    cow: int | None = None
    start: int | None = None
    end: int | None = None

    @property
    def pledge(self) -> int:
        """:func:`pledge_level` of the row."""
        return pledge_level(self.codes)

    @property
    def institutionalisation(self) -> int | None:
        """:func:`military_institutionalisation` of the row."""
        return military_institutionalisation(self.codes)

    def in_force(self, year: int) -> bool:
        """Whether the row covers ``year`` (a row without a start year covers every year)."""
        if self.start is not None and year < self.start:
            return False
        return self.end is None or year <= self.end


@attrs.frozen(kw_only=True, eq=False)
class AtopData:
    """The rows of one ATOP file, as returned by :func:`read`.

    Attributes
    ----------
    name : str
        File name (or ``"<stream>"``), used in messages and citations.
    level : {"alliance", "member"}
        Alliance-level or member-level file.
    version : str
        ATOP version, e.g. ``"5.1"``.
    rows : tuple of AtopRow
        The rows, in file order.
    ranges : Mapping[str, tuple[int, int]]
        The code ranges the file was validated against.

    Examples
    --------
    A member-level file holding two made-up alliances:

    >>> import io
    >>> text = '''atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul
    ... 9001,2,1954,0,1,0,0,0,1
    ... 9001,732,1954,0,1,0,0,0,1
    ... 9002,2,1960,1975,0,0,0,1,1
    ... 9002,200,1960,1975,0,0,0,1,1
    ... '''
    >>> data = read(io.StringIO(text), version="5.1")
    >>> data.atopids
    (9001, 9002)
    >>> [row.member for row in data.rows_of(9002)]
    ['USA', 'GBR']
    >>> data.source().key  # the citation of every observation built from the file
    'atop-5.1'
    >>> data.rows_of(3180)
    Traceback (most recent call last):
    ...
    alliance_health.UnknownReferenceError: <stream> has no rows for atopid 3180; it holds 2
    alliances (first: 9001, 9002)
    """

    name: str
    level: Level
    version: str
    rows: tuple[AtopRow, ...]
    ranges: Mapping[str, tuple[int, int]]

    @property
    def atopids(self) -> tuple[int, ...]:
        """The alliances in the file, in order of first appearance."""
        return tuple(dict.fromkeys(r.atopid for r in self.rows))

    def rows_of(self, atopid: int) -> tuple[AtopRow, ...]:
        """The rows of one alliance; raise :class:`UnknownReferenceError` if it has none."""
        rows = tuple(r for r in self.rows if r.atopid == atopid)
        if not rows:
            msg = (
                f"{self.name} has no rows for atopid {atopid!r}; it holds {len(self.atopids)}"
                f" alliances (first: {', '.join(map(str, self.atopids[:5])) or 'none'})"
            )
            raise UnknownReferenceError(msg)
        return rows

    def source(self) -> Source:
        """The dataset citation that observations built from this file refer to."""
        return Source(
            key=f"atop-{self.version}",
            title=f"Alliance Treaty Obligations and Provisions (ATOP), version {self.version}",
            kind="dataset",
            author="B. A. Leeds et al.",
            locator=f"{self.name} ({self.level}-level file)",
        )

    def __repr__(self) -> str:
        return (
            f"AtopData(name={self.name!r}, level={self.level!r}, version={self.version!r},"
            f" rows={len(self.rows)}, alliances={len(self.atopids)})"
        )


def _merge_ranges(
    ranges: Mapping[str, tuple[int, int]] | None,
) -> Mapping[str, tuple[int, int]]:
    merged = dict(RANGES)
    for column, bounds in (ranges or {}).items():
        key = column.strip().lower()
        try:
            lo, hi = (int(b) for b in bounds)
        except (TypeError, ValueError):
            msg = f"ranges[{column!r}] must be a pair of whole numbers (lo, hi); got {bounds!r}"
            raise ValidationError(msg) from None
        if lo > hi:
            msg = f"ranges[{column!r}] must have lo <= hi; got {bounds!r}"
            raise ValidationError(msg)
        merged[key] = (lo, hi)
    return MappingProxyType(merged)


def _merge_mapping(cow_to_iso: Mapping[int, str] | None) -> Mapping[int, str]:
    merged = dict(COW_TO_ISO3)
    for cow, iso in (cow_to_iso or {}).items():
        if not isinstance(iso, str) or not _ISO3.match(iso):
            msg = (
                f"cow_to_iso[{cow!r}] must be an ISO 3166 alpha-3 code in capitals (e.g. 'JPN');"
                f" got {iso!r}"
            )
            raise ValidationError(msg)
        merged[int(cow)] = iso
    return merged


class _Reader:
    """Parses cells with messages that name the file, line, alliance and column."""

    def __init__(self, name: str, ranges: Mapping[str, tuple[int, int]]) -> None:
        self.name = name
        self.ranges = ranges

    def where(self, line: int, atopid: object, column: str) -> str:
        alliance = f" (atopid {atopid})" if atopid is not None else ""
        return f"{self.name}, line {line}{alliance}, column {column!r}"

    def integer(self, raw: str | None, line: int, atopid: object, column: str) -> int | None:
        if raw is None:
            msg = (
                f"{self.where(line, atopid, column)}: the cell is missing (the row has fewer"
                " fields than the header); complete the row"
            )
            raise FileFormatError(msg)
        text = raw.strip()
        if text.lower() in _MISSING:
            return None
        try:
            number = float(text)
        except ValueError:
            number = float("nan")
        if not number.is_integer():
            msg = f"{self.where(line, atopid, column)}: {text!r} is not a whole-number code"
            raise FileFormatError(msg)
        return int(number)

    def code(self, raw: str | None, line: int, atopid: object, column: str) -> int | None:
        value = self.integer(raw, line, atopid, column)
        lo, hi = self.ranges[column]
        if value is not None and not lo <= value <= hi:
            msg = (
                f"{self.where(line, atopid, column)}: code {value} is outside {lo}-{hi}, the"
                f" codes the ATOP codebook defines for {column.upper()}. Fix the row; if your"
                f" codebook version allows this code, pass ranges={{{column!r}: ({lo}, {value})}}"
            )
            raise FileFormatError(msg)
        return value

    def year(self, raw: str | None, line: int, atopid: object, column: str) -> int | None:
        value = self.integer(raw, line, atopid, column)
        if value == 0 or value is None:
            return None
        if not 1 <= value <= 9999:
            msg = f"{self.where(line, atopid, column)}: {value} is not a year"
            raise FileFormatError(msg)
        return value


def _open(file: str | os.PathLike[str] | TextIO) -> tuple[TextIO, str, bool]:
    if isinstance(file, str | os.PathLike):
        path = Path(file)
        try:
            return path.open(newline="", encoding="utf-8-sig"), path.name, True
        except OSError as exc:
            msg = f"cannot read ATOP file {path.name!r}: {exc.strerror}"
            raise FileFormatError(msg) from None
    if isinstance(file, io.TextIOBase) or hasattr(file, "read"):
        return file, getattr(file, "name", "<stream>"), False
    msg = f"file must be a path or a text stream; got {type(file).__name__}"
    raise ValidationError(msg)


def _header(fields: Sequence[str] | None, name: str) -> list[str]:
    if not fields:
        msg = f"{name}: the file is empty; an ATOP CSV starts with a header line of column names"
        raise FileFormatError(msg)
    header = [f.strip().lower() for f in fields]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        msg = f"{name}, line 1: column(s) {', '.join(map(repr, repeated))} appear more than once"
        raise FileFormatError(msg)
    missing = [c for c in ("atopid", *OBLIGATIONS) if c not in header]
    if missing:
        msg = (
            f"{name}, line 1: the header lacks required column(s) {', '.join(map(repr, missing))};"
            f" an ATOP file needs atopid and the obligations {', '.join(OBLIGATIONS)}"
            f" (found: {', '.join(header)})"
        )
        raise FileFormatError(msg)
    present = [c for c in INSTITUTION_COLUMNS if c in header]
    if present and len(present) < len(INSTITUTION_COLUMNS):
        absent = [c for c in INSTITUTION_COLUMNS if c not in header]
        msg = (
            f"{name}, line 1: the Leeds & Anac index needs all of {', '.join(INSTITUTION_COLUMNS)};"
            f" the header lacks {', '.join(absent)}. Use ATOP's full file, or drop the"
            " institutional columns to read the obligations only"
        )
        raise FileFormatError(msg)
    return header


def read(
    file: str | os.PathLike[str] | TextIO,
    *,
    version: str | None = None,
    cow_to_iso: Mapping[int, str] | None = None,
    ranges: Mapping[str, tuple[int, int]] | None = None,
) -> AtopData:
    """Read an ATOP alliance-level or member-level CSV file, validating every code.

    Parameters
    ----------
    file : path or text stream
        The CSV file. A ``member`` column makes it a member-level file.
    version : str, optional
        ATOP version (e.g. ``"5.1"``). Required unless the file has a ``version`` column; if
        both are given they must agree.
    cow_to_iso : Mapping[int, str], optional
        COW state code -> ISO alpha-3 code, added to (and overriding) :data:`COW_TO_ISO3`.
    ranges : Mapping[str, tuple[int, int]], optional
        Allowed codes per column, overriding :data:`RANGES`.

    Returns
    -------
    AtopData

    Raises
    ------
    FileFormatError
        A required column is missing, a cell is not a whole number or lies outside its range, a
        row is short, or the version is missing or inconsistent. The message names the file,
        line, atopid and column.
    UnknownReferenceError
        A member's COW code has no ISO alpha-3 code in the mapping; the message names the line.

    Examples
    --------
    >>> import io
    >>> text = '''atopid,defense,offense,neutral,nonagg,consul
    ... 9001,1,0,0,0,1
    ... '''
    >>> data = read(io.StringIO(text), version="5.1")
    >>> data.rows[0].pledge, data.level
    (2, 'alliance')
    """
    code_ranges = _merge_ranges(ranges)
    mapping = _merge_mapping(cow_to_iso)
    stream, name, close = _open(file)
    try:
        reader = csv.DictReader(stream)
        header = _header(reader.fieldnames, name)
        reader.fieldnames = header
        cells = _Reader(name, code_ranges)
        level: Level = "member" if "member" in header else "alliance"
        start_col, end_col = ("yrent", "yrexit") if level == "member" else ("begyr", "endyr")
        coded = [c for c in header if c in code_ranges]
        rows: list[AtopRow] = []
        versions: dict[str, int] = {}
        for record in reader:
            line = reader.line_num
            if None in record:  # more fields than the header
                msg = f"{name}, line {line}: the row has more fields than the header"
                raise FileFormatError(msg)
            atopid = cells.integer(record["atopid"], line, None, "atopid")
            if atopid is None:
                msg = f"{cells.where(line, None, 'atopid')}: the alliance id is missing"
                raise FileFormatError(msg)
            codes = {c: cells.code(record[c], line, atopid, c) for c in coded}
            for c in OBLIGATIONS:
                if codes[c] is None:
                    msg = f"{cells.where(line, atopid, c)}: the obligation code is missing"
                    raise FileFormatError(msg)
            member, cow = None, None
            if level == "member":
                cow = cells.integer(record["member"], line, atopid, "member")
                member = _iso(cow, mapping, f"{cells.where(line, atopid, 'member')}")
            if "version" in record and (v := (record["version"] or "").strip()):
                versions.setdefault(v, line)
            rows.append(
                AtopRow(
                    atopid=atopid,
                    line=line,
                    codes=codes,
                    member=member,
                    cow=cow,
                    start=cells.year(record.get(start_col, ""), line, atopid, start_col),
                    end=cells.year(record.get(end_col, ""), line, atopid, end_col),
                )
            )
    finally:
        if close:
            stream.close()
    return AtopData(
        name=name,
        level=level,
        version=_version(version, versions, name),
        rows=tuple(rows),
        ranges=code_ranges,
    )


def _iso(cow: int | None, mapping: Mapping[int, str], where: str) -> str:
    if cow is None:
        msg = f"{where}: the member's COW code is missing"
        raise FileFormatError(msg)
    try:
        return mapping[cow]
    except KeyError:
        msg = (
            f"{where}: COW state code {cow} has no ISO alpha-3 code; pass"
            f" cow_to_iso={{{cow}: 'XXX'}} to atop.read with the state's ISO 3166 code"
        )
        raise UnknownReferenceError(msg) from None


def _version(given: str | None, found: Mapping[str, int], name: str) -> str:
    if len(found) > 1:
        listed = ", ".join(f"{v!r} (line {line})" for v, line in found.items())
        msg = f"{name}: the version column holds more than one version: {listed}"
        raise FileFormatError(msg)
    in_file = next(iter(found), None)
    if given is not None and in_file is not None and str(given) != in_file:
        msg = f"{name}: version={given!r} was passed but the file says {in_file!r}"
        raise FileFormatError(msg)
    version = in_file if in_file is not None else given
    if version is None or not str(version).strip():
        msg = f"{name}: no version column; pass version= (e.g. version='5.1') to atop.read"
        raise FileFormatError(msg)
    return str(version).strip()


# -- indicators and the profile skeleton -------------------------------------------------------
@attrs.frozen(kw_only=True)
class _Spec:
    build: Callable[[Mapping[str, tuple[int, int]]], Indicator]
    value: Callable[[AtopRow], int | None]
    explain: Callable[[AtopRow, int], str]


def _pledge_note(row: AtopRow, value: int) -> str:
    codes = " ".join(f"{c}={row.codes[c]}" for c in OBLIGATIONS)
    return f"{codes} -> {value}: {_PLEDGE_MEANING[value]}"


def _milinst_note(row: AtopRow, value: int) -> str:
    high, moderate = _institution_reasons(row.codes)
    reasons = high if value == 2 else moderate if value == 1 else ["no qualifying provision"]
    return f"{'; '.join(reasons)} -> {value} ({_MILINST_MEANING[value]})"


def _milinst_indicator(_ranges: Mapping[str, tuple[int, int]]) -> Indicator:
    return Indicator(
        id="atop-milinst",
        pillar=Pillar.MUTUAL_OBLIGATION,
        label="Military institutionalisation (Leeds & Anac 2005)",
        scale=(0, 2),
        unit="ordinal 0-2",
        horizon=None,
        description=(
            "How far the treaty binds the members' forces together in peacetime, from ATOP's"
            " codes by Leeds & Anac's (2005) rule: 2 high (common defence policy, integrated"
            " command, or bases), 1 moderate (peacetime military contact, training or technology"
            " aid, subordination of forces, specified contributions, or a military organisation),"
            " 0 none. Written provisions, not practice."
        ),
    )


def _column_spec(column: str, label: str, text: str, *, higher_is_better: bool = True) -> _Spec:
    def build(ranges: Mapping[str, tuple[int, int]]) -> Indicator:
        lo, hi = ranges[column]
        return Indicator(
            id=f"atop-{'conditional' if column == 'conditio' else column}",
            pillar=Pillar.MUTUAL_OBLIGATION,
            label=label,
            scale=(lo, hi),
            unit=f"ATOP {column.upper()} code",
            higher_is_better=higher_is_better,
            horizon=None,
            description=text,
        )

    return _Spec(
        build=build,
        value=lambda row: row.codes.get(column),
        explain=lambda _row, value: f"ATOP {column}={value}",
    )


INDICATORS: Final[Mapping[str, _Spec]] = MappingProxyType(
    {
        "treaty-pledge": _Spec(
            build=lambda _r: catalogue.get("treaty-pledge").indicator(),
            value=lambda row: row.pledge,
            explain=_pledge_note,
        ),
        "atop-milinst": _Spec(
            build=_milinst_indicator,
            value=lambda row: row.institutionalisation,
            explain=_milinst_note,
        ),
        "atop-defense": _column_spec("defense", "Defence pledge (ATOP)", "ATOP DEFENSE, 0/1."),
        "atop-offense": _column_spec("offense", "Offence pledge (ATOP)", "ATOP OFFENSE, 0/1."),
        "atop-consul": _column_spec(
            "consul", "Consultation pledge (ATOP)", "ATOP CONSUL: consult in a crisis, 0/1."
        ),
        "atop-active": _column_spec(
            "active", "Active support required (ATOP)", "ATOP ACTIVE, 0/1."
        ),
        "atop-conditional": _column_spec(
            "conditio",
            "Obligations conditional (ATOP)",
            "ATOP CONDITIO: the pledge holds only under stated conditions, 0/1 (lower is a"
            " firmer pledge).",
            higher_is_better=False,
        ),
        "atop-intcom": _column_spec(
            "intcom", "Integrated military command (ATOP)", "ATOP INTCOM, 0/1."
        ),
        "atop-milcon": _column_spec(
            "milcon",
            "Military contact (ATOP)",
            "ATOP MILCON: 2 peacetime contact, 3 common defence policy.",
        ),
        "atop-base": _column_spec("base", "Troops and bases (ATOP)", "ATOP BASE."),
        "atop-milaid": _column_spec(
            "milaid", "Military aid (ATOP)", "ATOP MILAID: 3 and 4 involve training or technology."
        ),
        "atop-organ": _column_spec(
            "organ1",
            "Organisation created (ATOP)",
            "ATOP ORGAN1: the first organisation the treaty creates.",
        ),
    }
)
"""Indicators :func:`profile` can build, by id. Each is alliance-level, in the mutual-obligation
pillar, valid until superseded. Where several rows are in force in a year (member-level files, or
treaty phases), the alliance takes the highest value among them: a provision counts if any member's
row has it."""

DEFAULT_INDICATORS: Final = ("treaty-pledge", "atop-milinst")
"""The indicators :func:`profile` builds unless told otherwise."""


def _change_points(
    rows: Sequence[AtopRow], value_of: Callable[[AtopRow], int | None]
) -> list[tuple[int, int, AtopRow]]:
    """(year, value, a row giving it) at each year the alliance's value changes.

    The value in a year is the highest among the rows in force; years with no value are skipped.
    Only the years where some row starts or ends are visited, not every year.
    """
    years = sorted(
        {r.start for r in rows if r.start is not None}
        | {r.end + 1 for r in rows if r.end is not None}
    )
    out: list[tuple[int, int, AtopRow]] = []
    last: int | None = None
    for year in years:
        scored = [(v, r) for r in rows if r.in_force(year) and (v := value_of(r)) is not None]
        if not scored:
            last = None
            continue
        value, row = max(scored, key=lambda vr: vr[0])
        if value != last:
            out.append((year, value, row))
            last = value
    return out


def _members(rows: Sequence[AtopRow], name: str) -> tuple[Member, ...]:
    by_code: dict[str, list[AtopRow]] = {}
    for row in rows:
        if row.member is None:
            msg = f"{name}, line {row.line}: the row names no member"
            raise FileFormatError(msg)
        if row.start is None:
            msg = (
                f"{name}, line {row.line} (atopid {row.atopid}), column 'yrent': the member's"
                " entry year is missing; a profile needs it"
            )
            raise FileFormatError(msg)
        by_code.setdefault(row.member, []).append(row)
    members = []
    for code, spans in by_code.items():
        spans.sort(key=lambda r: r.start or 0)
        end: int | None = spans[0].end
        for prev, nxt in itertools.pairwise(spans):
            if end is not None and (nxt.start or 0) > end + 1:
                msg = (
                    f"{name}: member {code} of atopid {nxt.atopid} leaves in {end} (line"
                    f" {prev.line}) and re-enters in {nxt.start} (line {nxt.line}); a profile"
                    " member holds one span of years. Build the profile for one span, or edit"
                    " the rows"
                )
                raise ValidationError(msg)
            end = None if end is None or nxt.end is None else max(end, nxt.end)
        members.append(Member(code=code, joined=spans[0].start or 0, left=end))
    return tuple(members)


def profile(
    data: AtopData,
    atopid: int,
    *,
    alliances: AtopData | None = None,
    id: str | None = None,  # noqa: A002  (mirrors Profile.id)
    name: str | None = None,
    indicators: Iterable[str] = DEFAULT_INDICATORS,
) -> Profile:
    """Build a :class:`~alliance_health.Profile` skeleton for one ATOP alliance.

    Members and their years come from the member-level file; the obligation indicators from the
    alliance-level file when one is given as ``alliances``, else from the member rows. Each
    indicator is observed in the first year and in every year its value changes (values hold until
    superseded); each observation's note gives the ATOP codes and the rule behind it, and cites the
    dataset (source kind ``"dataset"``, key ``atop-<version>``). Only the mutual-obligation pillar
    is filled: add shared-threat and consultation indicators before scoring.

    Parameters
    ----------
    data : AtopData
        A member-level file read by :func:`read`.
    atopid : int
        The alliance.
    alliances : AtopData, optional
        The alliance-level file of the same ATOP version.
    id, name : str, optional
        Profile id and name; default ``atop-<atopid>`` and ``ATOP alliance <atopid>``.
    indicators : iterable of str, optional
        Ids from :data:`INDICATORS`; default :data:`DEFAULT_INDICATORS` (the catalogue's
        ``treaty-pledge`` and the Leeds & Anac index).

    Raises
    ------
    UnknownReferenceError
        The alliance is not in the file, or an indicator id is unknown.
    ValidationError
        ``data`` is not member-level, the versions differ, or a member left and re-entered.

    Examples
    --------
    >>> import io
    >>> text = '''atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul
    ... 9001,2,1954,0,1,0,0,0,1
    ... 9001,732,1954,0,1,0,0,0,1
    ... '''
    >>> p = profile(read(io.StringIO(text), version="5.1"), 9001)
    >>> p.members_in(1960), [(o.indicator, o.year, o.value) for o in p.observations]
    (('USA', 'KOR'), [('treaty-pledge', 1954, 2.0)])
    """
    if data.level != "member":
        msg = (
            f"profile needs a member-level ATOP file for the members and their years; {data.name}"
            " is alliance-level. Read the member-level file (with a 'member' column) and pass this"
            " one as alliances="
        )
        raise ValidationError(msg)
    member_rows = data.rows_of(atopid)
    members = _members(member_rows, data.name)
    founded = min(m.joined for m in members)
    obligation_rows = member_rows
    if alliances is not None:
        if alliances.version != data.version:
            msg = (
                f"alliances is ATOP version {alliances.version!r} but data is {data.version!r};"
                " use files of one version"
            )
            raise ValidationError(msg)
        obligation_rows = tuple(
            r if r.start is not None else attrs.evolve(r, start=founded)
            for r in alliances.rows_of(atopid)
        )
    source = data.source()
    if alliances is not None and alliances.name != data.name:
        source = attrs.evolve(source, locator=f"{data.name} and {alliances.name}")
    built: list[Indicator] = []
    observations: list[Observation] = []
    for key in dict.fromkeys(indicators):
        if key not in INDICATORS:
            msg = f"unknown ATOP indicator {key!r}; known: {', '.join(INDICATORS)}"
            raise UnknownReferenceError(msg)
        spec = INDICATORS[key]
        ind = spec.build(data.ranges)
        built.append(ind)
        file = alliances.name if alliances is not None else data.name
        observations.extend(
            Observation(
                indicator=ind.id,
                year=year,
                value=value,
                source=source.key,
                uncertainty=Exact(),
                note=f"ATOP atopid {atopid}, {file} line {row.line}: {spec.explain(row, value)}",
            )
            for year, value, row in _change_points(obligation_rows, spec.value)
        )
    return Profile(
        id=id or f"atop-{atopid}",
        name=name or f"ATOP alliance {atopid}",
        founded=founded,
        members=members,
        sources=(source,),
        indicators=tuple(built),
        observations=tuple(observations),
        description=(
            f"Skeleton from ATOP version {data.version}, atopid {atopid}: members, dates and the"
            " written obligations (mutual-obligation pillar). Add shared-threat and consultation"
            " indicators before scoring."
        ),
    )
