"""Opening ATOP files, checking headers and parsing cells, with messages that locate the cell."""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, TextIO

from alliance_health._errors import FileFormatError, ValidationError
from alliance_health.atop._codebook import INSTITUTION_COLUMNS, LABELS, OBLIGATIONS, Kind, Release

__all__ = ["Cells", "check_columns", "check_header", "merge_ranges", "open_text", "pandas"]

_MISSING: Final = frozenset({"", ".", "na", "nan"})
_REQUIRED: Final[Mapping[Kind, tuple[str, ...]]] = {
    "alliance": ("atopid", *OBLIGATIONS),
    "alliance-phase": ("atopid", "phase", *OBLIGATIONS),
    "member": ("atopid", "member", *OBLIGATIONS),
    "dyad-year": ("statea", "stateb", "year", *OBLIGATIONS),
}


def merge_ranges(
    release: Release, kind: Kind, ranges: Mapping[str, tuple[int, int]] | None
) -> Mapping[str, tuple[int, int]]:
    """The release's ranges for ``kind`` with the user's ``ranges=`` laid over them."""
    merged = dict(release.ranges[kind])
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


class Cells:
    """Parses cells of one file; every message names the file, line, alliance and column."""

    def __init__(
        self, name: str, ranges: Mapping[str, tuple[int, int]], release: Release, kind: Kind
    ) -> None:
        self.name = name
        self.ranges = ranges
        self.release = release
        self.kind = kind

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
                f" codes the {self.release.codebook} defines for {column.upper()} in"
                f" {LABELS[self.kind]} files. Fix the row; if your copy of the codebook allows this"
                f" code, pass ranges={{{column!r}: ({min(lo, value)}, {max(hi, value)})}}"
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

    def date(
        self,
        record: Mapping[str, str | None],
        columns: tuple[str, str, str],
        *,
        line: int,
        atopid: int,
    ) -> dt.date | None:
        """The date in three columns (year, month, day); ``None`` if any part is absent or 0."""
        parts = [self.integer(record[c], line, atopid, c) if c in record else None for c in columns]
        if any(not p for p in parts):
            return None
        year, month, day = (int(p or 0) for p in parts)
        try:
            return dt.date(year, month, day)
        except ValueError:
            msg = (
                f"{self.where(line, atopid, columns[0])}: {year}-{month}-{day} in"
                f" {'/'.join(columns)} is not a date"
            )
            raise FileFormatError(msg) from None


def open_text(file: str | os.PathLike[str] | TextIO) -> tuple[TextIO, str, bool]:
    """The text stream, a name for messages, and whether we opened it (and must close it)."""
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


def check_header(fields: Sequence[str] | None, name: str) -> list[str]:
    """Lower-cased column names; refuse an empty file and repeated names."""
    if not fields:
        msg = f"{name}: the file is empty; an ATOP CSV starts with a header line of column names"
        raise FileFormatError(msg)
    header = [f.strip().lower() for f in fields]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        msg = f"{name}, line 1: column(s) {', '.join(map(repr, repeated))} appear more than once"
        raise FileFormatError(msg)
    return header


def check_columns(header: Sequence[str], kind: Kind, name: str) -> None:
    """Refuse a header that lacks a column its file type needs, or has part of the index's."""
    missing = [c for c in _REQUIRED[kind] if c not in header]
    if missing:
        msg = (
            f"{name}, line 1: the header lacks required column(s) {', '.join(map(repr, missing))};"
            f" an ATOP {LABELS[kind]} file needs {', '.join(_REQUIRED[kind])}"
            f" (found: {', '.join(header)})"
        )
        raise FileFormatError(msg)
    present = [c for c in INSTITUTION_COLUMNS if c in header]
    if kind != "dyad-year" and present and len(present) < len(INSTITUTION_COLUMNS):
        absent = [c for c in INSTITUTION_COLUMNS if c not in header]
        msg = (
            f"{name}, line 1: the Leeds & Anac index needs all of {', '.join(INSTITUTION_COLUMNS)};"
            f" the header lacks {', '.join(absent)}. Use ATOP's full file, or drop the"
            " institutional columns to read the obligations only"
        )
        raise FileFormatError(msg)


def pandas() -> Any:  # noqa: ANN401  (pandas is optional, so its module is not annotated)
    """Import pandas, or say how to install it."""
    try:
        import pandas as pd  # noqa: PLC0415  (optional dependency, loaded on demand)
    except ImportError:
        msg = 'to_frame() needs pandas: pip install "alliance_health[pandas]"'
        raise ImportError(msg) from None
    return pd
