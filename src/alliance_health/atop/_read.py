"""Reading ATOP files: alliance, alliance-phase and member level here; dyad-year in ``_dyad``."""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Literal, TextIO

import attrs

from alliance_health import Source
from alliance_health._errors import FileFormatError, UnknownReferenceError
from alliance_health.atop import _dyad
from alliance_health.atop._cells import Cells, check_columns, check_header, merge_ranges, open_text
from alliance_health.atop._codebook import (
    OBLIGATIONS,
    RELEASES,
    Release,
    detect_kind,
    detect_release,
    release_of,
)
from alliance_health.atop._codings import military_institutionalisation, pledge_level
from alliance_health.atop._states import member_codes

__all__ = ["AtopData", "AtopRow", "read"]

Level = Literal["alliance", "alliance-phase", "member"]
_DATES = {
    "member": (("yrent", "moent", "dayent"), ("yrexit", "moexit", "dayexit")),
    "alliance": (("begyr", "begmo", "begday"), ("endyr", "endmo", "endday")),
    "alliance-phase": (("begyr", "begmo", "begday"), ("endyr", "endmo", "endday")),
}


def _frozen_codes(codes: Mapping[str, int | None]) -> Mapping[str, int | None]:
    return MappingProxyType(dict(codes))


def _codings_of(row: AtopRow) -> tuple[int, int | None]:
    # computed once per row: every profile and panel reads them, often many times
    return pledge_level(row.codes), military_institutionalisation(row.codes)


@attrs.frozen(kw_only=True)
class AtopRow:
    """One row of an alliance, alliance-phase or member-level ATOP file.

    Attributes
    ----------
    atopid : int
        The alliance.
    line : int
        Line of the file the row ends on (the header is line 1).
    codes : Mapping[str, int | None]
        Every coded column of the release's codebook that the file has; ``None`` where missing.
    member : str or None
        Member code of the member (member-level files): ISO 3166 alpha-3, or the COW
        abbreviation of a historical state without one (see :func:`states`); else ``None``.
    cow : int or None
        The member's COW code as written in the file.
    start, end : int or None
        First and last year in force (``yrent``/``yrexit`` or ``begyr``/``endyr``); ``end`` is
        ``None`` while in force (ATOP writes 0).
    phase : int or None
        The treaty phase of the row (``phase`` column; 0 for an alliance without phases).
    phases : int or None
        The number of phases of the alliance (``maxphase`` column), where given.
    start_date, end_date : datetime.date or None
        The full dates, where the file gives month and day. ATOP dates a member's entry by the
        signature of the treaty or of its accession protocol, not by entry into force.

    Examples
    --------
    A member-level row of a made-up alliance: the United Kingdom (COW 200) promises consultation
    and non-aggression from 1960 to 1975.

    >>> import io
    >>> from alliance_health import atop
    >>> text = '''atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul
    ... 9002,200,1960,1975,0,0,0,1,1
    ... '''
    >>> row = atop.read(io.StringIO(text), version="5.1").rows[0]
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
    phase: int | None = None
    phases: int | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    _codings: tuple[int, int | None] = attrs.field(
        init=False, repr=False, eq=False, default=attrs.Factory(_codings_of, takes_self=True)
    )

    @property
    def pledge(self) -> int:
        """:func:`pledge_level` of the row."""
        return self._codings[0]

    @property
    def institutionalisation(self) -> int | None:
        """:func:`military_institutionalisation` of the row."""
        return self._codings[1]

    def in_force(self, year: int) -> bool:
        """Whether the row covers ``year`` (a row without a start year covers every year)."""
        if self.start is not None and year < self.start:
            return False
        return self.end is None or year <= self.end


def _index(rows: tuple[AtopRow, ...]) -> Mapping[int, tuple[AtopRow, ...]]:
    out: dict[int, list[AtopRow]] = {}
    for row in rows:
        out.setdefault(row.atopid, []).append(row)
    return MappingProxyType({k: tuple(v) for k, v in out.items()})


@attrs.frozen(kw_only=True, eq=False)
class AtopData:
    """The rows of one alliance, alliance-phase or member-level ATOP file, from :func:`read`.

    Attributes
    ----------
    name : str
        File name (or ``"<stream>"``), used in messages and citations.
    level : {"alliance", "alliance-phase", "member"}
        The file type, detected from the header.
    version : str
        The ATOP release, e.g. ``"4.01"`` (a file's ``4.0100002`` is read as ``"4.01"``).
    rows : tuple of AtopRow
        The rows, in file order.
    ranges : Mapping[str, tuple[int, int]]
        The code ranges the file was validated against.
    columns : tuple of str
        The coded columns the file has (the keys of every row's ``codes``).

    Examples
    --------
    A member-level file holding two made-up alliances:

    >>> import io
    >>> from alliance_health import atop
    >>> text = '''atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul
    ... 9001,2,1954,0,1,0,0,0,1
    ... 9001,732,1954,0,1,0,0,0,1
    ... 9002,2,1960,1975,0,0,0,1,1
    ... 9002,200,1960,1975,0,0,0,1,1
    ... '''
    >>> data = atop.read(io.StringIO(text), version="5.1")
    >>> data.atopids
    (9001, 9002)
    >>> [row.member for row in data.rows_of(9002)]
    ['USA', 'GBR']
    >>> data.source().key  # the citation of every observation built from the file
    'atop-5.1'
    >>> data.rows_of(3180)
    Traceback (most recent call last):
    ...
    alliance_health._errors.UnknownReferenceError: <stream> has no rows for atopid 3180; it holds 2
    alliances (first: 9001, 9002)
    """

    name: str
    level: Level
    version: str
    rows: tuple[AtopRow, ...]
    ranges: Mapping[str, tuple[int, int]]
    columns: tuple[str, ...] = ()
    _by_id: Mapping[int, tuple[AtopRow, ...]] = attrs.field(
        init=False,
        repr=False,
        default=attrs.Factory(lambda self: _index(self.rows), takes_self=True),
    )

    @property
    def release(self) -> Release:
        """The ATOP release, with its codebook."""
        return RELEASES[self.version]

    @property
    def atopids(self) -> tuple[int, ...]:
        """The alliances in the file, in order of first appearance."""
        return tuple(self._by_id)

    def rows_of(self, atopid: int) -> tuple[AtopRow, ...]:
        """The rows of one alliance; raise :class:`UnknownReferenceError` if it has none."""
        rows = self._by_id.get(atopid, ())
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


def _release(
    given: str | None, found: Mapping[str, tuple[str, int]], header: Sequence[str], name: str
) -> Release:
    if len(found) > 1:
        listed = ", ".join(f"{text!r} (line {line})" for text, line in found.values())
        msg = f"{name}: the version column holds more than one version: {listed}"
        raise FileFormatError(msg)
    cell = next(iter(found.values()), None)
    in_file = release_of(cell[0], f"{name}, line {cell[1]}") if cell else None
    if given is not None:
        chosen = release_of(str(given).strip(), f"{name}: version={given!r}")
        if in_file is not None and cell is not None and chosen != in_file:
            msg = f"{name}: version={given!r} was passed but the file says {cell[0]!r}"
            raise FileFormatError(msg)
        return chosen
    detected = in_file or detect_release(header, name)
    if detected is None:
        msg = (
            f"{name}: no version column; pass version= (e.g. version='5.1') to atop.read, as"
            " neither the file name nor the header shows the ATOP release"
        )
        raise FileFormatError(msg)
    return detected


def read(
    file: str | os.PathLike[str] | TextIO,
    *,
    version: str | None = None,
    cow_to_iso: Mapping[int, str] | None = None,
    ranges: Mapping[str, tuple[int, int]] | None = None,
) -> AtopData | _dyad.DyadYearData:
    """Read an ATOP CSV file of any release and type, validating every code it uses.

    The file type comes from the header: ``stateA``/``stateB``/``year`` make a dyad-year file
    (returned as :class:`DyadYearData`), a ``member`` column a member-level file, a ``phase``
    column an alliance-phase file, and otherwise an alliance-level file. The release comes from
    the ``version`` column (compared as a number: ``4.0100002`` is 4.01), else from a file name
    in ATOP's pattern (``atop5_1m.csv``), else from the header (see :data:`RELEASES`). Codes are
    checked against that release's codebook.

    Parameters
    ----------
    file : path or text stream
        The CSV file.
    version : str, optional
        ATOP release (e.g. ``"5.1"``), for a file that does not show it; if the file has a
        ``version`` column the two must agree.
    cow_to_iso : Mapping[int, str], optional
        COW state code -> member code, laid over the built-in table (:data:`COW_TO_ISO3`). Not
        needed for any state of the COW list.
    ranges : Mapping[str, tuple[int, int]], optional
        Allowed codes per column, overriding the release's codebook.

    Returns
    -------
    AtopData or DyadYearData

    Raises
    ------
    FileFormatError
        A required column is missing, a cell is not a whole number or lies outside the
        codebook's range, a row is short or long, or the version is unknown, missing or
        inconsistent. The message names the file, line, atopid, column, codebook and release.
    UnknownReferenceError
        A member's COW code is in neither the COW list nor :data:`NON_SYSTEM`.

    Examples
    --------
    >>> import io
    >>> from alliance_health import atop
    >>> text = '''atopid,version,defense,offense,neutral,nonagg,consul
    ... 9001,4.0100002,1,0,0,0,1
    ... '''
    >>> data = atop.read(io.StringIO(text))
    >>> data.rows[0].pledge, data.level, data.version
    (2, 'alliance', '4.01')
    """
    mapping = member_codes(cow_to_iso)  # checked even where the file names no member
    stream, name, close = open_text(file)
    try:
        reader = csv.DictReader(stream)
        header = check_header(reader.fieldnames, name)
        reader.fieldnames = header
        kind = detect_kind(header)
        check_columns(header, kind, name)
        if kind == "dyad-year":
            return _dyad.read_dyads(
                reader,
                name=name,
                mapping=mapping,
                ranges=ranges,
                release_of_file=lambda found: _release(version, found, header, name),
            )
        return _read_rows(
            reader, header, name, kind, version=version, mapping=mapping, ranges=ranges
        )
    finally:
        if close:
            stream.close()


def _read_rows(
    reader: csv.DictReader[str],
    header: list[str],
    name: str,
    level: Level,
    *,
    version: str | None,
    mapping: Mapping[int, str],
    ranges: Mapping[str, tuple[int, int]] | None,
) -> AtopData:
    records = []
    found: dict[str, tuple[str, int]] = {}
    for record in reader:
        if None in record:  # more fields than the header
            msg = f"{name}, line {reader.line_num}: the row has more fields than the header"
            raise FileFormatError(msg)
        if "version" in record and (text := (record["version"] or "").strip()):
            key = release_of(text, f"{name}, line {reader.line_num}").version
            found.setdefault(key, (text, reader.line_num))
        records.append((reader.line_num, record))
    release = _release(version, found, header, name)
    code_ranges = merge_ranges(release, level, ranges)
    cells = Cells(name, code_ranges, release, level)
    coded = tuple(c for c in header if c in code_ranges)
    rows = tuple(
        _row(cells, line, record, coded=coded, level=level, mapping=mapping)
        for line, record in records
    )
    return AtopData(
        name=name,
        level=level,
        version=release.version,
        rows=rows,
        ranges=code_ranges,
        columns=coded,
    )


def _row(
    cells: Cells,
    line: int,
    record: Mapping[str, str | None],
    *,
    coded: tuple[str, ...],
    level: Level,
    mapping: Mapping[int, str],
) -> AtopRow:
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
        member = _member(cow, mapping, cells.where(line, atopid, "member"))
    begin, finish = _DATES[level]
    start = cells.year(record.get(begin[0], ""), line, atopid, begin[0])
    end = cells.year(record.get(finish[0], ""), line, atopid, finish[0])
    if start is not None and end is not None and end < start:
        msg = f"{cells.where(line, atopid, finish[0])}: ends in {end}, before it starts ({start})"
        raise FileFormatError(msg)
    return AtopRow(
        atopid=atopid,
        line=line,
        codes=codes,
        member=member,
        cow=cow,
        start=start,
        end=end,
        phase=_count(cells, record, "phase", line, atopid),
        phases=_count(cells, record, "maxphase", line, atopid),
        start_date=cells.date(record, begin, line=line, atopid=atopid),
        end_date=cells.date(record, finish, line=line, atopid=atopid),
    )


def _count(
    cells: Cells, record: Mapping[str, str | None], column: str, line: int, atopid: int
) -> int | None:
    if column not in record:
        return None
    value = cells.integer(record[column], line, atopid, column)
    if value is not None and value < 0:
        msg = f"{cells.where(line, atopid, column)}: {value} is not a phase number (0 or more)"
        raise FileFormatError(msg)
    return value


def _member(cow: int | None, mapping: Mapping[int, str], where: str) -> str:
    if cow is None:
        msg = f"{where}: the member's COW code is missing"
        raise FileFormatError(msg)
    try:
        return mapping[cow]
    except KeyError:
        msg = (
            f"{where}: COW state code {cow} is neither in the Correlates of War state list"
            f" (v2016) nor among ATOP's members outside it; pass cow_to_iso={{{cow}: 'XXX'}} to"
            " atop.read with the state's ISO 3166 alpha-3 code (or three capitals of your own)"
        )
        raise UnknownReferenceError(msg) from None
