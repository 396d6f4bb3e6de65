"""The coding commands: ``coding-sheet`` writes a blank sheet, ``reliability`` reads them back.

Options are checked here, before the library is called, so that an error names the option
(``--years must be FROM:TO ...``); errors about a sheet's cells name the file and line.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from alliance_health._cli import options
from alliance_health._cli.registry import Output, command
from alliance_health._domain.profile import Profile
from alliance_health._errors import UnknownReferenceError, ValidationError
from alliance_health._present.result import Tabular
from alliance_health._present.table import Table

if TYPE_CHECKING:
    from alliance_health.reliability import Coding

__all__: list[str] = []

_YEARS: Final = re.compile(r"^\s*(\d{1,4})\s*(?::\s*(\d{1,4})\s*)?$")


@attrs.frozen(repr=False)
class Report(Tabular):
    """Several results printed as one: their tables in order."""

    parts: tuple[Tabular, ...]

    def table(self) -> Table:
        return self.parts[0].table()

    def tables(self) -> tuple[Table, ...]:
        return tuple(t for part in self.parts for t in part.tables())


def _add_profile(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--profile", metavar="ID_OR_FILE", help=f"a built-in id or a .toml/.json file: {what}"
    )


def _reliability_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "sheets",
        metavar="SHEET.csv",
        nargs="+",
        help="coders' returned coding sheets (CSV written by coding-sheet), one or more",
    )
    _add_profile(
        parser,
        "the profile whose indicators the sheets code; the codings are merged into a copy of it"
        " and each coder's scores printed with their range (default: the standard catalogue,"
        " no scores)",
    )
    parser.add_argument(
        "--bootstrap",
        type=int,
        default=0,
        metavar="N",
        help="bootstrap resamples for intervals of alpha, 0 (default: no interval) or >= 2",
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="random seed >= 0 of the bootstrap (default 0)"
    )


def _sheet_arguments(parser: argparse.ArgumentParser) -> None:
    _add_profile(parser, "its indicators and members (default: the standard catalogue)")
    parser.add_argument(
        "--indicators",
        metavar="ID,ID",
        help="indicator ids to code, comma-separated (default: every indicator on an ordinal"
        " expert-coding scale)",
    )
    parser.add_argument(
        "--members",
        metavar="CODE,CODE",
        help="member codes for per-member indicators, comma-separated (default: the profile's"
        " members each year; needed with the catalogue)",
    )
    parser.add_argument(
        "--years", required=True, metavar="FROM:TO", help="years to code, e.g. 2000:2006 or 2006"
    )
    parser.add_argument(
        "--coder", required=True, metavar="NAME", help="the coder's name, written in every row"
    )
    parser.add_argument(
        "--out", required=True, metavar="PATH", help="where to write the CSV (not overwritten)"
    )


def _sheets(paths: list[str]) -> list[Path]:
    for path in paths:
        if not Path(path).is_file():
            msg = f"SHEET {path!r}: no such file"
            raise ValidationError(msg)
    return [Path(p) for p in paths]


def _codings(args: argparse.Namespace, profile: Profile | None) -> tuple[Coding, ...]:
    from alliance_health.reliability import read_sheets  # noqa: PLC0415  (lazy)

    if args.bootstrap < 0 or args.bootstrap == 1:
        msg = f"--bootstrap must be 0 (no interval) or a whole number >= 2; got {args.bootstrap}"
        raise ValidationError(msg)
    if args.seed < 0:
        msg = f"--seed must be a whole number >= 0; got {args.seed}"
        raise ValidationError(msg)
    try:
        codings = read_sheets(_sheets(args.sheets), source=profile)
    except UnknownReferenceError as err:  # name the option, not the argument behind it
        raise UnknownReferenceError(str(err).replace("source=profile", "--profile")) from None
    if not codings:
        msg = "the sheets hold no coded value: fill the value column of the rows coded"
        raise ValidationError(msg)
    return codings


@command(
    "reliability",
    help="inter-coder reliability of coders' returned sheets: Krippendorff's alpha per indicator"
    " and overall, the largest disagreements and, with --profile, how far they move the scores",
    arguments=[_reliability_arguments],
)
def reliability(args: argparse.Namespace) -> Output:
    """The reliability report; with ``--profile``, the coder spread of the merged profile too."""
    from alliance_health.reliability import (  # noqa: PLC0415  (lazy)
        coder_spread,
        merge_codings,
        reliability_from_codings,
    )

    profile = None if args.profile is None else options.load_profile(args.profile)
    codings = _codings(args, profile)
    report = reliability_from_codings(
        codings,
        indicators=() if profile is None else profile.indicators,
        bootstrap=args.bootstrap,
        rng=args.seed,
    )
    if profile is None:
        return report
    return Report((report, coder_spread(merge_codings(profile, codings))))


def _years(text: str) -> range:
    match = _YEARS.match(text)
    if match is None:
        msg = f"--years must be FROM:TO such as 2000:2006, or one year; got {text!r}"
        raise ValidationError(msg)
    first = int(match[1])
    last = first if match[2] is None else int(match[2])
    if first > last:
        msg = f"--years {text}: {first} is after {last}; give FROM <= TO"
        raise ValidationError(msg)
    return range(first, last + 1)


def _list(text: str | None, option: str) -> list[str] | None:
    if text is None:
        return None
    items = [t.strip() for t in text.split(",")]
    if not all(items):
        msg = f"{option} must be comma-separated names without blanks, e.g. A,B; got {text!r}"
        raise ValidationError(msg)
    return items


def _indicators(args: argparse.Namespace, profile: Profile | None) -> list[str]:
    """The indicators to code (checked against the profile or catalogue), naming the option."""
    from alliance_health import catalogue  # noqa: PLC0415  (lazy)

    known = {i.id: i.unit for i in profile.indicators} if profile else {
        s.id: s.unit for s in catalogue.STANDARDS
    }  # fmt: skip
    where = f"profile {profile.id!r}" if profile else "the catalogue"
    chosen = _list(args.indicators, "--indicators")
    if chosen is None:
        chosen = [i for i, unit in known.items() if unit.startswith("ordinal")]
        if not chosen:
            msg = f"{where} has no indicator on an ordinal scale; name some with --indicators"
            raise ValidationError(msg)
    unknown = [i for i in chosen if i not in known]
    if unknown:
        msg = (
            f"--indicators: unknown indicator {unknown[0]!r} in {where}; known:"
            f" {', '.join(sorted(known))}"
        )
        raise UnknownReferenceError(msg)
    if profile is None and args.members is None:
        per_member = [i for i in chosen if catalogue.get(i).scope == "member"]
        if per_member:
            msg = (
                f"--members is needed for the catalogue's per-member indicator(s)"
                f" {', '.join(per_member)}; give e.g. --members USA,KOR"
            )
            raise ValidationError(msg)
    return chosen


def _members(args: argparse.Namespace, profile: Profile | None) -> list[str] | None:
    members = _list(args.members, "--members")
    if members is not None and profile is not None:
        known = [m.code for m in profile.members]
        unknown = [m for m in members if m not in known]
        if unknown:
            msg = (
                f"--members: {unknown[0]!r} is no member of profile {profile.id!r}"
                f" ({', '.join(known)})"
            )
            raise UnknownReferenceError(msg)
    return members


@command(
    "coding-sheet",
    help="write a blank coding sheet (CSV) for one coder: a row per indicator, member and year,"
    " with the coding guide",
    arguments=[_sheet_arguments],
)
def coding_sheet(args: argparse.Namespace) -> Output:
    """Write the sheet; print what was written."""
    from alliance_health import catalogue  # noqa: PLC0415  (lazy)
    from alliance_health.reliability import coding_sheet as write  # noqa: PLC0415  (lazy)

    profile = None if args.profile is None else options.load_profile(args.profile)
    years = _years(args.years)
    if not args.coder.strip():
        msg = "--coder must be a non-empty name"
        raise ValidationError(msg)
    out = Path(args.out)
    if out.exists():
        msg = f"--out {args.out}: the file exists; choose another path or remove it first"
        raise ValidationError(msg)
    if not out.parent.is_dir():
        msg = f"--out {args.out}: the folder {str(out.parent)!r} does not exist"
        raise ValidationError(msg)
    indicators = _indicators(args, profile)
    members = _members(args, profile)
    source = catalogue if profile is None else profile
    path = write(source, out, years=years, coder=args.coder, indicators=indicators, members=members)
    with path.open(encoding="utf-8", newline="") as f:
        rows = sum(1 for _ in csv.DictReader(f))
    return Table(
        caption="Coding sheet written: fill value, lo, hi and note of each row, independently",
        columns=["path", "coder", "rows", "indicators", "years"],
        rows=[(str(path), args.coder, rows, ",".join(indicators), args.years.strip())],
        name="sheet",
    )
