"""Coding sheets: blank CSV forms for independent coders, and reading them back as codings."""

from __future__ import annotations

import csv
import math
import os
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from alliance_health import Profile, catalogue
from alliance_health._errors import (
    DuplicateError,
    FileFormatError,
    ScaleError,
    UnknownReferenceError,
    ValidationError,
)
from alliance_health.reliability._codings import Coding

__all__ = ["COLUMNS", "coding_sheet", "read_sheets"]

COLUMNS: Final = (
    "coder",
    "indicator",
    "member",
    "year",
    "value",
    "lo",
    "hi",
    "note",
    "label",
    "unit",
    "scale_lo",
    "scale_hi",
    "coding_guide",
    "description",
)
"""Columns of a coding sheet; a coder fills ``value``, optionally ``lo``, ``hi`` and ``note``."""
_REQUIRED: Final = COLUMNS[:8]
_MAX_BYTES: Final = 5_000_000  # a sheet is a form, not a data set

Source = Profile | types.ModuleType


def _definitions(source: Source) -> dict[str, dict[str, Any]]:
    """Indicator id to label, unit, scale, coding guide, description and scope (member/alliance)."""
    if isinstance(source, Profile):
        out = {}
        for ind in source.indicators:
            std = catalogue.get(ind.standard) if ind.standard else None
            per_member = any(o.member for o in source.observations if o.indicator == ind.id)
            out[ind.id] = {
                "label": ind.label,
                "unit": ind.unit,
                "scale": ind.scale,
                "coding_guide": std.coding if std else ind.description,
                "description": ind.description,
                "scope": std.scope if std else ("member" if per_member else "alliance"),
            }
        return out
    if source is catalogue:
        return {
            s.id: {
                "label": s.label,
                "unit": s.unit,
                "scale": s.scale,
                "coding_guide": s.coding,
                "description": s.description,
                "scope": s.scope,
            }
            for s in catalogue.STANDARDS
        }
    msg = f"source must be a Profile or alliance_health.catalogue; got {type(source).__name__}"
    raise ValidationError(msg)


def coding_sheet(
    source: Source,
    path: str | os.PathLike[str],
    *,
    years: Iterable[int],
    coder: str,
    indicators: Iterable[str] | None = None,
    members: Iterable[str] | None = None,
) -> Path:
    """Write a blank coding sheet (CSV): one row per (indicator, member, year) for one coder.

    Each row carries the indicator's definition and coding guide (from the
    :mod:`~alliance_health.catalogue` for a standard indicator) and blank ``value``, ``lo``,
    ``hi`` and ``note`` cells. Give each coder their own sheet and let them code independently:
    alpha measures agreement only if the coders did not consult each other.

    Parameters
    ----------
    source : Profile or module
        A profile (its indicators and members) or ``alliance_health.catalogue`` (the standard
        definitions).
    path : str or path-like
        Where to write the CSV (UTF-8).
    years : iterable of int
        The years to code.
    coder : str
        The coder's name, written in every row.
    indicators : iterable of str, optional
        Indicator ids; default every indicator on an ordinal expert-coding scale (unit starting
        with ``"ordinal"``).
    members : iterable of str, optional
        Member codes for the per-member indicators; default, for a profile, the members in each
        year. Required with the catalogue if a per-member indicator is asked for.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    UnknownReferenceError
        An unknown indicator.
    ValidationError
        No year, a blank coder, or no members for a per-member indicator of the catalogue.

    References
    ----------
    Krippendorff, K. (2004). *Content Analysis: An Introduction to Its Methodology*, 2nd ed. Sage
    (reliability data come from coders who work independently).

    Examples
    --------
    >>> import csv, tempfile, pathlib
    >>> from alliance_health import catalogue
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> sheet = coding_sheet(
    ...     catalogue, folder / "kim.csv", indicators=["joint-operations"], years=[2005, 2006],
    ...     coder="kim",
    ... )  # fmt: skip
    >>> with sheet.open(encoding="utf-8") as f:
    ...     rows = list(csv.DictReader(f))
    >>> [(r["indicator"], r["year"], r["value"]) for r in rows]
    [('joint-operations', '2005', ''), ('joint-operations', '2006', '')]
    """
    defs = _definitions(source)
    if not isinstance(coder, str) or not coder.strip():
        msg = f"coder must be a non-empty name, written in every row; got {coder!r}"
        raise ValidationError(msg)
    year_list = sorted({int(y) for y in years})
    if not year_list:
        msg = "years must name at least one year to code, e.g. years=[2006]"
        raise ValidationError(msg)
    chosen = (
        [i for i, d in defs.items() if str(d["unit"]).startswith("ordinal")]
        if indicators is None
        else list(indicators)
    )
    for ind in chosen:
        if ind not in defs:
            msg = f"coding_sheet: unknown indicator {ind!r} (known: {', '.join(sorted(defs))})"
            raise UnknownReferenceError(msg)
    member_list = None if members is None else list(members)
    rows = [
        {
            "coder": coder,
            "indicator": ind,
            "member": member,
            "year": year,
            "label": defs[ind]["label"],
            "unit": defs[ind]["unit"],
            "scale_lo": f"{defs[ind]['scale'][0]:g}",
            "scale_hi": f"{defs[ind]['scale'][1]:g}",
            "coding_guide": defs[ind]["coding_guide"],
            "description": defs[ind]["description"],
        }
        for ind in chosen
        for year in year_list
        for member in _members_of(source, defs[ind]["scope"], year, member_list, ind)
    ]
    out = Path(path)
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return out


def _members_of(
    source: Source, scope: str, year: int, members: list[str] | None, ind: str
) -> list[str]:
    if scope == "alliance":
        return [""]
    if members is not None:
        return members
    if isinstance(source, Profile):
        return list(source.members_in(year))
    msg = f"coding_sheet: per-member indicator {ind!r} needs members=[...] with the catalogue"
    raise ValidationError(msg)


def read_sheets(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    source: Source | None = None,
) -> tuple[Coding, ...]:
    r"""Read coders' returned coding sheets into codings, checking every cell.

    Rows with a blank ``value`` are units the coder did not code, and are left out. Reading only
    parses text with the standard :mod:`csv` module: nothing in a sheet is executed.

    Parameters
    ----------
    paths : path or iterable of paths
        The CSV files written by :func:`coding_sheet` and filled in by the coders.
    source : Profile or module, optional
        Where the indicators are defined (scales, ids); default ``alliance_health.catalogue``.

    Returns
    -------
    tuple of Coding
        In file order, each with its ``origin`` (file and line), ready for
        :func:`reliability_from_codings` and :func:`merge_codings`.

    Raises
    ------
    FileFormatError
        A missing column, a file too large, a blank coder, a year or number that is not one.
    UnknownReferenceError
        An indicator the source does not define.
    ScaleError
        A value, ``lo`` or ``hi`` off the indicator's scale, or a range that does not hold the
        value.
    DuplicateError
        Two rows of one coder for the same (indicator, member, year).

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
    Communication, University of Pennsylvania, Departmental Papers 43.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> sheet = pathlib.Path(tempfile.mkdtemp()) / "lee.csv"
    >>> _ = sheet.write_text(
    ...     "coder,indicator,member,year,value,lo,hi,note\n"
    ...     "lee,joint-operations,,2006,2,1,2,peacekeeping\n"
    ...     "lee,joint-operations,,2007,9,,,\n",
    ...     encoding="utf-8",
    ... )
    >>> read_sheets([sheet])
    Traceback (most recent call last):
    ...
    alliance_health.ScaleError: ...lee.csv, line 3, column 'value': 9.0 is off the scale
    (0.0, 3.0) of indicator 'joint-operations'; code a value on the scale
    """
    defs = _definitions(catalogue if source is None else source)
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    seen: dict[tuple[str, str, str | None, int], str] = {}
    out: list[Coding] = []
    for path in paths:
        for where, row in _rows(Path(path)):
            coding = _coding(where, row, defs)
            if coding is None:
                continue
            key = (coding.coder, *coding.key)
            if key in seen:
                msg = (
                    f"{where}: coder {coding.coder!r} already coded {coding.key} at {seen[key]};"
                    " keep one row per coder and unit"
                )
                raise DuplicateError(msg)
            seen[key] = where
            out.append(coding)
    return tuple(out)


def _rows(path: Path) -> Iterable[tuple[str, dict[str, str]]]:
    if path.stat().st_size > _MAX_BYTES:
        msg = f"{path}: {path.stat().st_size} bytes is too large for a coding sheet (max 5 MB)"
        raise FileFormatError(msg)
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            msg = (
                f"{path}: missing column(s) {', '.join(map(repr, missing))}; keep the header row"
                " that coding_sheet wrote"
            )
            raise FileFormatError(msg)
        for row in reader:
            yield f"{path}, line {reader.line_num}", row


def _number(where: str, row: dict[str, str], column: str) -> float | None:
    text = (row.get(column) or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        msg = f"{where}, column {column!r}: {text!r} is not a finite number; write e.g. 2 or 2.5"
        raise FileFormatError(msg)
    return value


def _coding(where: str, row: dict[str, str], defs: dict[str, dict[str, Any]]) -> Coding | None:
    value = _number(where, row, "value")
    lo, hi = _number(where, row, "lo"), _number(where, row, "hi")
    if value is None:
        if lo is not None or hi is not None:
            msg = f"{where}, column 'value': blank, but a range is given; write the value"
            raise FileFormatError(msg)
        return None  # the coder did not code this unit
    ind = (row.get("indicator") or "").strip()
    if ind not in defs:
        msg = (
            f"{where}, column 'indicator': unknown indicator {ind!r}; use a sheet written by"
            " coding_sheet, and read a profile's sheets with source=profile"
        )
        raise UnknownReferenceError(msg)
    coder = (row.get("coder") or "").strip()
    if not coder:
        msg = f"{where}, column 'coder': blank; write the coder's name"
        raise FileFormatError(msg)
    year_text = (row.get("year") or "").strip()
    if not year_text.isdigit():
        msg = f"{where}, column 'year': {year_text!r} is not a year; write e.g. 2006"
        raise FileFormatError(msg)
    scale = defs[ind]["scale"]
    for column, number in (("value", value), ("lo", lo), ("hi", hi)):
        if number is not None and not scale[0] <= number <= scale[1]:
            msg = (
                f"{where}, column {column!r}: {number} is off the scale {scale} of indicator"
                f" {ind!r}; code a value on the scale"
            )
            raise ScaleError(msg)
    if (lo is None) != (hi is None) or (
        lo is not None and hi is not None and not lo <= value <= hi
    ):
        msg = f"{where}, columns 'lo', 'hi': give both, lo <= value ({value}) <= hi, or neither"
        raise ScaleError(msg)
    return Coding(
        indicator=ind,
        member=(row.get("member") or "").strip() or None,
        year=int(year_text),
        coder=coder,
        value=value,
        lo=lo,
        hi=hi,
        note=(row.get("note") or "").strip(),
        origin=where,
    )
