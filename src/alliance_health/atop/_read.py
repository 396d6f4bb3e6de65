"""Reading ATOP files: alliance, alliance-phase and member level here; dyad-year in ``_dyad``."""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping, Sequence
from typing import TextIO

from alliance_health._errors import FileFormatError, UnknownReferenceError
from alliance_health.atop import _dyad
from alliance_health.atop._cells import Cells, check_columns, check_header, merge_ranges, open_text
from alliance_health.atop._codebook import (
    OBLIGATIONS,
    Release,
    detect_kind,
    detect_release,
    release_of,
)
from alliance_health.atop._data import AtopData, AtopRow, FileType
from alliance_health.atop._states import member_codes

__all__ = ["read"]
_DATES = {
    "member": (("yrent", "moent", "dayent"), ("yrexit", "moexit", "dayexit")),
    "alliance": (("begyr", "begmo", "begday"), ("endyr", "endmo", "endday")),
    "alliance-phase": (("begyr", "begmo", "begday"), ("endyr", "endmo", "endday")),
}


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
    >>> data.rows[0].pledge, data.file_type, data.version
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
    file_type: FileType,
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
    code_ranges = merge_ranges(release, file_type, ranges)
    cells = Cells(name, code_ranges, release, file_type)
    coded = tuple(c for c in header if c in code_ranges)
    rows = tuple(
        _row(cells, line, record, coded=coded, file_type=file_type, mapping=mapping)
        for line, record in records
    )
    return AtopData(
        name=name,
        file_type=file_type,
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
    file_type: FileType,
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
    if file_type == "member":
        cow = cells.integer(record["member"], line, atopid, "member")
        member = _member(cow, mapping, cells.where(line, atopid, "member"))
    begin, finish = _DATES[file_type]
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
