"""Arguments the commands share, and their checks: an error names the option, not the library.

Options are checked here before any work starts, so that ``--n 0`` reads "--n must be ..." and
not the library's "n must be ...", and a number of draws that would not fit in memory is refused
before anything is allocated.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path
from typing import Final

from alliance_health import fixtures
from alliance_health._cli.registry import Arguments
from alliance_health._domain.observation import Range, Survey
from alliance_health._domain.pillar import PILLARS
from alliance_health._domain.profile import Profile
from alliance_health._errors import AllianceHealthError, ValidationError
from alliance_health._scoring.model import MEMBER_RULES, THREAT_RULES, Model

__all__ = [
    "DEFAULT_N",
    "FORMATS",
    "MAX_DRAW_BYTES",
    "PROG",
    "draw_bytes",
    "draws",
    "load_profile",
    "model",
    "model_options",
    "output_format",
    "profile_year",
    "profile_year_arguments",
    "rng_options",
    "warn",
]

PROG: Final = "alliance-health"
FORMATS: Final = ("table", "json", "csv")
DEFAULT_N: Final = 4096
MAX_DRAW_BYTES: Final = 2 * 1024**3
"""The most memory the Monte Carlo draws of one command may need (2 GiB), by :func:`draw_bytes`."""
_BYTES_PER_VALUE: Final = 8
_SAFETY: Final = 2  # temporaries while the draws are scored and summarised


def warn(message: str) -> None:
    """One line on stderr: ``alliance-health: warning: ...`` (deprecations)."""
    sys.stderr.write(f"{PROG}: warning: {message}\n")


# -- argument groups ----------------------------------------------------------------------------
def output_format(parser: argparse.ArgumentParser) -> None:
    """``--format`` (and the deprecated ``--json``), which every command takes."""
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table: aligned text (default); json: caption, columns and records; csv: the"
        " table(s) as CSV, several separated by a blank line",
    )
    parser.add_argument("--json", action="store_true", help="deprecated: use --format json")


def model_options(parser: argparse.ArgumentParser) -> None:
    """The aggregation model: ``--p``, ``--weights``, ``--threat-rule``, ``--member-rule``."""
    order = ",".join(p.value for p in PILLARS)
    parser.add_argument(
        "--p",
        type=float,
        default=0.0,
        metavar="P",
        help="exponent of the power mean across pillars: 0 geometric (default), 1 arithmetic,"
        " -inf the weakest pillar (negative values as --p -1 or --p -inf)",
    )
    parser.add_argument(
        "--weights",
        metavar="W,W,W",
        help=f"pillar weights >= 0 in the order {order}, e.g. 2,1,1 (default equal)",
    )
    parser.add_argument(
        "--threat-rule",
        default="max",
        choices=THREAT_RULES,
        help="how threats combine in the shared-threat pillar (default max: the best-shared)",
    )
    parser.add_argument(
        "--member-rule",
        choices=MEMBER_RULES,
        help="how members combine, for every pillar (default min for shared threat, mean else)",
    )


def rng_options(default_n: int | None) -> Arguments:
    """``--n`` and ``--seed``; ``default_n=None`` makes the draws optional."""

    def add(parser: argparse.ArgumentParser) -> None:
        when = f"default {default_n}" if default_n else "default none: no bands"
        parser.add_argument(
            "--n",
            type=int,
            default=default_n,
            help=f"Monte Carlo draws, >= 2 ({when}); refused when they would need more than"
            f" {MAX_DRAW_BYTES / 1024**3:g} GiB",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=0,
            help="random seed >= 0 (default 0): same seed, same draws",
        )

    return add


def profile_year_arguments(parser: argparse.ArgumentParser) -> None:
    """``PROFILE:YEAR``, with the old ``PROFILE YEAR`` form still read (deprecated)."""
    parser.add_argument(
        "profile",
        metavar="PROFILE:YEAR",
        help="a built-in id (see the list command) or a .toml/.json file, a colon and the year,"
        " e.g. rok-us:2006",
    )
    parser.add_argument(
        "year", nargs="?", type=int, help="deprecated: write the year as PROFILE:YEAR"
    )


# -- reading the arguments ----------------------------------------------------------------------
def load_profile(ref: str) -> Profile:
    """A built-in profile id, or the path of a .toml/.json profile file."""
    builtins = ", ".join(fixtures.available())
    if not ref.strip():
        msg = f"the profile name is empty; give a built-in id ({builtins}) or a .toml/.json file"
        raise ValidationError(msg)
    if ref in fixtures.available():
        return fixtures.get(ref)
    path = Path(ref)
    if path.suffix in {".toml", ".json"} or path.exists():
        from alliance_health._files.io import load  # noqa: PLC0415  (lazy, like the fixtures)

        return load(path)
    msg = f"{ref!r} is neither a built-in profile ({builtins}) nor a .toml/.json file"
    raise ValidationError(msg)


def profile_year(ref: str, year: int | None = None, *, command: str = "") -> tuple[Profile, int]:
    """``PROFILE:YEAR`` read into a profile and a year; ``year`` is the deprecated separate form."""
    if year is not None:
        if ":" in ref and ref.rpartition(":")[2].isdigit():
            msg = f"give the year once: {ref!r} already names one; drop {year}"
            raise ValidationError(msg)
        warn(f"'{command} {ref} {year}' is deprecated; write '{command} {ref}:{year}'")
        return load_profile(ref), year
    name, sep, tail = ref.rpartition(":")
    if not sep or not tail.isdigit():
        msg = f"expected PROFILE:YEAR such as rok-us:2006; got {ref!r}"
        raise ValidationError(msg)
    if not name.strip():
        msg = f"the profile name in {ref!r} is empty; expected PROFILE:YEAR such as rok-us:2006"
        raise ValidationError(msg)
    return load_profile(name), int(tail)


def model(args: argparse.Namespace) -> Model:
    """The model of ``--p``, ``--weights``, ``--threat-rule`` and ``--member-rule``."""
    if math.isnan(args.p):
        msg = f"--p must be a real number or -inf; got {args.p}"
        raise ValidationError(msg)
    kwargs: dict[str, object] = {"p": args.p, "threat_rule": args.threat_rule}
    if args.weights is not None:
        kwargs["weights"] = _weights(args.weights)
    if args.member_rule is not None:
        kwargs["member_rule"] = args.member_rule
    try:
        return Model(**kwargs)  # type: ignore[arg-type]
    except AllianceHealthError as err:  # name the option, not the field behind it
        text = re.sub(r"Model\.(\w+)", lambda m: "--" + m[1].replace("_", "-"), str(err))
        raise ValidationError(text) from None


def _weights(text: str) -> tuple[float, ...]:
    msg = f"--weights must be three numbers >= 0, not all zero, such as 1,1,1; got {text!r}"
    try:
        weights = tuple(float(w) for w in text.split(","))
    except ValueError:
        raise ValidationError(msg) from None
    ok = all(math.isfinite(w) and w >= 0 for w in weights) and sum(weights) > 0
    if len(weights) != len(PILLARS) or not ok:
        raise ValidationError(msg)
    return weights


def draw_bytes(n: int, sides: list[tuple[Profile, int]]) -> int:
    """An upper estimate of the memory ``n`` draws need, from the profiles alone.

    Per draw and side: one value per uncertain observation of the profile (every survey and
    every range, whether the years use it or not) and health with three pillars per year, in
    8-byte floats, twice over for the temporaries: ``n * sum(inputs + 4 * years) * 8 * 2``.
    """
    width = 0
    for profile, years in sides:
        inputs = sum(
            isinstance(o.uncertainty, Survey)
            or (isinstance(o.uncertainty, Range) and o.uncertainty.hi > o.uncertainty.lo)
            for o in profile.observations
        )
        width += inputs + 4 * years
    return n * max(width, 1) * _BYTES_PER_VALUE * _SAFETY


def draws(args: argparse.Namespace, sides: list[tuple[Profile, int]]) -> tuple[int, int]:
    """``--n`` and ``--seed``, checked; ``sides`` are (profile, number of years) drawn."""
    if args.n < 2:
        msg = f"--n must be a whole number >= 2 (the number of Monte Carlo draws); got {args.n}"
        raise ValidationError(msg)
    if args.seed < 0:
        msg = f"--seed must be a whole number >= 0; got {args.seed}"
        raise ValidationError(msg)
    need = draw_bytes(args.n, sides)
    if need > MAX_DRAW_BYTES:
        msg = (
            f"--n {args.n} would need about {_size(need)} for the draws, more than the"
            f" {_size(MAX_DRAW_BYTES)} allowed; ask for fewer draws"
        )
        raise ValidationError(msg)
    return args.n, args.seed


def _size(n_bytes: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n_bytes < 1024:
            return f"{n_bytes:.1f} {unit}"
        n_bytes /= 1024
    return f"{n_bytes:,.1f} TiB"
