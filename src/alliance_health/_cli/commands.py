"""The subcommands. Adding one is one function, registered with ``@command``.

A command returns a result (or a :class:`~alliance_health.Table`); the output layer renders it as
text, JSON or CSV from the result's own table, so no command restates a column or a pillar name.
"""

from __future__ import annotations

import argparse

import attrs

from alliance_health import fixtures
from alliance_health._cli import options
from alliance_health._cli.options import model_options, profile_year_arguments, rng_options
from alliance_health._cli.registry import Output, command
from alliance_health._domain.profile import Profile
from alliance_health._errors import InsufficientDataError, ValidationError
from alliance_health._present.result import Tabular
from alliance_health._present.table import Column, Table
from alliance_health._validate import check_confidence_level

__all__: list[str] = []


def _profile_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "profile", help="a built-in id (see the list command) or a .toml/.json profile file"
    )


def _year_span(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="start", type=int, help="first year (default: the first scorable year)"
    )
    parser.add_argument(
        "--to", dest="end", type=int, help="last year (default: the last scorable year)"
    )


def _two_profile_years(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="A", help="PROFILE:YEAR, e.g. rok-us:2006")
    parser.add_argument("b", metavar="B", help="PROFILE:YEAR, e.g. nato-post-1990:1991")


@command("list", help="the built-in profiles and the years in which they can be scored")
def list_profiles(_args: argparse.Namespace) -> Output:
    """One row per built-in profile."""
    from alliance_health._scoring.engine import scorable_years  # noqa: PLC0415  (lazy)

    profiles = [fixtures.get(pid) for pid in fixtures.available()]
    years = {p.id: scorable_years(p) for p in profiles}

    def first(p: Profile) -> int | None:
        return int(years[p.id][0]) if years[p.id].size else None

    def last(p: Profile) -> int | None:
        return int(years[p.id][-1]) if years[p.id].size else None

    def stale_until(p: Profile) -> int | None:
        """The last later year that still scores, on ageing data (after it: refused)."""
        end = last(p)
        if end is None:
            return None
        later = scorable_years(p, range(end + 1, end + 30))
        return int(later[-1]) if later.size else None

    return Table.from_records(
        profiles,
        {
            "id": lambda p: p.id,
            "name": lambda p: p.name,
            "members": lambda p: len(p.members),
            "observations": lambda p: len(p.observations),
            "scorable_from": first,
            "scorable_to": last,
            "stale_until": stale_until,
        },
        caption="Built-in profiles",
        name="profiles",
    )


@command("catalogue", help="the standard indicator definitions that profiles share")
def catalogue(_args: argparse.Namespace) -> Output:
    """One row per standard indicator of :mod:`alliance_health.catalogue`."""
    from alliance_health import catalogue as standards  # noqa: PLC0415  (lazy)

    return Table.from_records(
        [standards.get(i) for i in standards.ids()],
        {
            "id": lambda s: s.id,
            "pillar": lambda s: s.pillar.value,
            "scale_lo": lambda s: s.scale[0],
            "scale_hi": lambda s: s.scale[1],
            "unit": lambda s: s.unit,
            "higher_is_better": lambda s: s.higher_is_better,
            "scope": lambda s: s.scope,
            "horizon": lambda s: s.horizon,
            Column("description", width=60): lambda s: s.description,
        },
        caption="Standard indicators (alliance_health.catalogue)",
        name="catalogue",
    )


@attrs.frozen(repr=False)
class _Report(Tabular):
    """Several results shown as one: their tables in order, the first the headline."""

    parts: tuple[Table, ...]

    def table(self) -> Table:
        return self.parts[0]

    def tables(self) -> tuple[Table, ...]:
        return self.parts


@command(
    "score",
    help=(
        "score a profile in one year: the centre and 90%% interval of health and the pillars"
        " from Monte Carlo draws, the as-coded scores beside them, coverage, contributions and"
        " the observations used"
    ),
    arguments=[profile_year_arguments, model_options, rng_options(options.DEFAULT_N)],
)
def score(args: argparse.Namespace) -> Output:
    """The centre and interval first (from the draws), then the score's own tables."""
    from alliance_health._analysis.uncertainty import uncertainty  # noqa: PLC0415  (lazy)
    from alliance_health._scoring.engine import build_layout  # noqa: PLC0415  (lazy)
    from alliance_health._scoring.score import score  # noqa: PLC0415  (lazy)

    model = options.model(args)
    profile, year = options.profile_year(args.profile, args.year, command="score")
    n, seed = options.draws(args, [(profile, 1)])
    layout = build_layout(profile, [year])
    result = score(profile, year, model=model, layout=layout)
    drawn = uncertainty(profile, year, n=n, rng=seed, model=model, layout=layout)
    return _Report((drawn.table(), *result.tables()))


@command(
    "trajectory",
    help="score every year of a profile, with Monte Carlo bands when --n is given",
    arguments=[_profile_argument, _year_span, model_options, rng_options(None)],
)
def trajectory(args: argparse.Namespace) -> Output:
    """One row per year."""
    from alliance_health._analysis.trajectory import trajectory  # noqa: PLC0415  (lazy)
    from alliance_health._scoring.engine import scorable_years  # noqa: PLC0415  (lazy)

    model = options.model(args)
    profile = options.load_profile(args.profile)
    scorable = scorable_years(profile)
    years = None
    if args.start is not None or args.end is not None:
        span = (int(scorable[0]), int(scorable[-1])) if scorable.size else (profile.founded,) * 2
        start = span[0] if args.start is None else args.start
        end = span[1] if args.end is None else args.end
        if start > end:
            msg = f"--from {start} is after --to {end}; give --from <= --to"
            raise ValidationError(msg)
        years = range(start, end + 1)
    n = seed = None
    if args.n is not None:
        count = len(years) if years is not None else max(int(scorable.size), 1)
        n, seed = options.draws(args, [(profile, count)])
    return trajectory(profile, years, model=model, n=n, rng=seed)


@command(
    "compare",
    help="compare two profile-years: differences, attribution, interval, P(a healthier)",
    arguments=[
        _two_profile_years,
        model_options,
        rng_options(options.DEFAULT_N),
    ],
)
def compare(args: argparse.Namespace) -> Output:
    """Both sides, the difference and its attribution, with the interval of the difference."""
    from alliance_health._analysis.compare import compare  # noqa: PLC0415  (lazy)

    model = options.model(args)
    a, year_a = options.profile_year(args.a)
    b, year_b = options.profile_year(args.b)
    sides = [(a, 2)] if a == b else [(a, 1), (b, 1)]  # one profile: both years drawn at once
    n, seed = options.draws(args, sides)
    return compare(a, b, year_a=year_a, year_b=year_b, n=n, rng=seed, model=model)


@command(
    "diagnose",
    help="findings in Sherwood-Randall's terms, worst first, with their evidence",
    arguments=[profile_year_arguments, model_options],
)
def diagnose(args: argparse.Namespace) -> Output:
    """The findings."""
    from alliance_health._analysis.diagnose import diagnose  # noqa: PLC0415  (lazy)

    model = options.model(args)
    profile, year = options.profile_year(args.profile, args.year, command="diagnose")
    return diagnose(profile, year, model=model)


# -- panel: many alliances over many years ------------------------------------------------------
PANEL_N = 1024
"""Draws per alliance by default: the library's own default (``panel.DEFAULT_N``)."""


def _panel_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "profiles",
        metavar="PROFILE",
        nargs="+",
        help="the alliances: built-in ids (see the list command) or .toml/.json profile files",
    )
    parser.add_argument(
        "--from",
        dest="start",
        type=int,
        metavar="YEAR",
        help="first year for every alliance (default: each alliance's own span; with --to only,"
        " the first year any of them can be scored)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        type=int,
        metavar="YEAR",
        help="last year for every alliance (default: each alliance's own span; with --from only,"
        " the last year any of them can be scored)",
    )
    parser.add_argument(
        "--confidence-level",
        type=float,
        default=0.9,
        metavar="L",
        help="share of the draws inside each interval [low, high], between 0 and 1 (default 0.9)",
    )
    parser.add_argument(
        "--ranking",
        type=int,
        metavar="YEAR",
        help="print the ranking of the alliances in YEAR, with the probability of each rank,"
        " instead of the panel; only YEAR is scored unless --from/--to give a span holding it",
    )


def _panel_profiles(refs: list[str]) -> list[Profile]:
    profiles = [options.load_profile(ref) for ref in refs]
    seen: dict[str, str] = {}
    for ref, p in zip(refs, profiles, strict=True):
        if p.id in seen:
            twice = "is given twice" if ref == seen[p.id] else f"has the id of {seen[p.id]!r}"
            msg = (
                f"PROFILE {ref!r} {twice} ({p.id!r}); a panel needs alliances with distinct"
                " ids: give each once, or change the id in one file"
            )
            raise ValidationError(msg)
        seen[p.id] = ref
    return profiles


def _panel_years(args: argparse.Namespace, profiles: list[Profile]) -> range | None:
    """The years asked for: a span, the ranking's year alone, or None (each profile's own)."""
    if args.start is None and args.end is None:
        return None if args.ranking is None else range(args.ranking, args.ranking + 1)
    from alliance_health._scoring.engine import scorable_years  # noqa: PLC0415  (lazy)

    scorable = [y for y in (scorable_years(p) for p in profiles) if y.size]
    first = min((int(y[0]) for y in scorable), default=min(p.founded for p in profiles))
    last = max((int(y[-1]) for y in scorable), default=first)
    start = first if args.start is None else args.start
    end = last if args.end is None else args.end
    if start > end:
        msg = f"--from {start} is after --to {end}; give --from <= --to"
        raise ValidationError(msg)
    if args.ranking is not None and not start <= args.ranking <= end:
        msg = (
            f"--ranking {args.ranking} is outside the years {start}-{end} of --from/--to;"
            " give a year in that span, or drop --from/--to to score that year alone"
        )
        raise ValidationError(msg)
    return range(start, end + 1)


def _panel_span(profiles: list[Profile], years: range | None) -> int:
    """The most years the panel's arrays can span: the years asked for, or the profiles' own."""
    if years is not None:
        return len(years)
    spans = [(max(p.founded, s[0]), s[1]) for p in profiles if (s := p.years) is not None]
    if not spans:
        return 1
    return max(last for _, last in spans) - min(first for first, _ in spans) + 1


@command(
    "panel",
    help="many alliances over many years, each alliance-year with its Monte Carlo interval,"
    " or their ranking in one year with --ranking",
    arguments=[_panel_arguments, model_options, rng_options(PANEL_N)],
)
def panel(args: argparse.Namespace) -> Output:
    """The panel (its summary as text; the long table as JSON and CSV), or one year's ranking."""
    from alliance_health._analysis.panel import panel  # noqa: PLC0415  (lazy)

    model = options.model(args)
    level = check_confidence_level(args.confidence_level, "--confidence-level")
    profiles = _panel_profiles(args.profiles)
    years = _panel_years(args, profiles)
    # Every alliance is counted over the whole span: the panel's arrays of draws span the union
    # of the alliances' years, so this stays an upper estimate however their spans differ.
    span = _panel_span(profiles, years)
    n, seed = options.draws(args, [(p, span) for p in profiles])
    given = (("--from", args.start), ("--to", args.end), ("--ranking", args.ranking))
    chosen = " ".join(f"{flag} {year}" for flag, year in given if year is not None)
    try:
        result = panel(profiles, years, n=n, rng=seed, model=model, confidence_level=level)
        return result if args.ranking is None else result.ranking(args.ranking)
    except InsufficientDataError as err:
        if not chosen:
            raise
        msg = f"{chosen}: {err}"  # the options that chose the years are the cause
        raise InsufficientDataError(msg) from None
