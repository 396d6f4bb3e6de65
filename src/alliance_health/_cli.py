"""The ``alliance-health`` command: list, score, trajectory, compare and diagnose from a shell."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from alliance_health import fixtures
from alliance_health._domain.profile import Profile
from alliance_health._errors import AllianceHealthError, CoverageWarning, ValidationError
from alliance_health._scoring.model import Model

__all__ = ["main"]

_PROG = "alliance-health"


def _profile(ref: str) -> Profile:
    """A built-in profile id, or the path of a .toml/.json profile file."""
    if ref in fixtures.available():
        return fixtures.get(ref)
    path = Path(ref)
    if path.suffix in {".toml", ".json"} or path.exists():
        from alliance_health._files.io import load  # noqa: PLC0415  (lazy, like the fixtures)

        return load(path)
    msg = (
        f"{ref!r} is neither a built-in profile ({', '.join(fixtures.available())})"
        " nor a .toml/.json file"
    )
    raise ValidationError(msg)


def _profile_year(ref: str) -> tuple[Profile, int]:
    name, sep, year = ref.rpartition(":")
    if not sep or not year.isdigit():
        msg = f"expected PROFILE:YEAR such as rok-us:2006; got {ref!r}"
        raise ValidationError(msg)
    return _profile(name), int(year)


def _model(args: argparse.Namespace) -> Model:
    kwargs: dict[str, Any] = {"p": args.p, "threat_rule": args.threat_rule}
    if args.weights is not None:
        try:
            kwargs["weights"] = [float(w) for w in args.weights.split(",")]
        except ValueError:
            msg = f"--weights must be three numbers such as 1,1,1; got {args.weights!r}"
            raise ValidationError(msg) from None
    if args.member_rule is not None:
        kwargs["member_rule"] = args.member_rule
    return Model(**kwargs)


def _score_dict(s: Any) -> dict[str, Any]:  # noqa: ANN401  (a Score)
    return {
        "profile": s.profile_id,
        "year": s.year,
        "health": s.health,
        "pillars": {p.value: v for p, v in s.pillars.items()},
        "weakest": s.weakest.value,
        "coverage": {
            p.value: {
                "observed_weight_share": c.observed_weight_share,
                "members_covered": {i: list(m) for i, m in c.members_covered.items()},
                "members": len(c.members),
                "oldest_age": c.oldest_age,
                "missing": list(c.missing),
            }
            for p, c in s.coverage.items()
        },
    }


def _drawn(res: Any) -> dict[str, Any]:  # noqa: ANN401  (an UncertaintyResult)
    iv = res.interval(0.9)
    return {"centre": res.centre, "interval_90": [iv.low, iv.high], "as_coded": res.as_coded}


def _cmd_list(_args: argparse.Namespace) -> tuple[Any, str]:
    from alliance_health._scoring.engine import scorable_years  # noqa: PLC0415

    rows: list[dict[str, Any]] = []
    for pid in fixtures.available():
        p = fixtures.get(pid)
        years = scorable_years(p)
        stale: list[int] = []
        if years.size:  # the later years that still score, on ageing data
            stale = scorable_years(p, range(int(years[-1]) + 1, int(years[-1]) + 30)).tolist()
        rows.append(
            {
                "id": p.id,
                "name": p.name,
                "members": len(p.members),
                "observations": len(p.observations),
                "scorable": [int(years[0]), int(years[-1])] if years.size else [],
                "stale_until": stale[-1] if stale else None,
            }
        )
    text = "\n".join(
        f"{r['id']:<16} {r['name']:<28} {r['members']:>3} members {r['observations']:>4}"
        f" observations, scorable {'-'.join(str(y) for y in r['scorable'])}"
        + (f" (on ageing data to {r['stale_until']})" if r["stale_until"] else "")
        for r in rows
    )
    return rows, text


def _cmd_score(args: argparse.Namespace) -> tuple[Any, str]:
    from alliance_health._analysis.uncertainty import uncertainty  # noqa: PLC0415
    from alliance_health._scoring.engine import build_layout  # noqa: PLC0415
    from alliance_health._scoring.score import score  # noqa: PLC0415

    profile, model = _profile(args.profile), _model(args)
    layout = build_layout(profile, [args.year])
    result = score(profile, args.year, model=model, layout=layout)
    res = uncertainty(profile, args.year, n=args.n, rng=args.seed, model=model, layout=layout)
    drawn = _drawn(res)
    iv = drawn["interval_90"]
    lead = (
        f"health of {profile.id} in {args.year}: centre {drawn['centre']:.3f}, 90% interval"
        f" [{iv[0]:.3f}, {iv[1]:.3f}] ({args.n} draws); as coded {result.health:.3f}"
    )
    cover = "\n".join(f"  {p.value:<18} {c}" for p, c in result.coverage.items())
    text = f"{lead}\n{result!r}\ncoverage:\n{cover}\n\n{result.explain()!r}"
    return _score_dict(result) | drawn, text


def _cmd_trajectory(args: argparse.Namespace) -> tuple[Any, str]:
    from alliance_health._analysis.trajectory import trajectory  # noqa: PLC0415

    profile = _profile(args.profile)
    years = None
    if args.start is not None or args.end is not None:
        span = profile.years or (profile.founded, profile.founded)
        years = range(args.start or max(profile.founded, span[0]), (args.end or span[1]) + 1)
    t = trajectory(profile, years, model=_model(args), n=args.n, rng=args.seed)
    data = {
        "profile": t.profile_id,
        "years": t.years.tolist(),
        "health": t.health.tolist(),
        "pillars": {p: t.pillar(p).tolist() for p in ("shared_threat", "mutual_obligation",
                                                      "consultation")},
    }  # fmt: skip
    if t.coverage is not None:
        data["observed_weight_share"] = t.coverage.observed_share.tolist()
    if t.bands is not None:
        low, high = t.interval(0.9)
        data |= {"centre": t.centre.tolist(), "interval_90": [low.tolist(), high.tolist()]}
    return data, repr(t)


def _cmd_compare(args: argparse.Namespace) -> tuple[Any, str]:
    from alliance_health._analysis.compare import compare  # noqa: PLC0415

    a, year_a = _profile_year(args.a)
    b, year_b = _profile_year(args.b)
    c = compare(a, b, year_a=year_a, year_b=year_b, n=args.n, rng=args.seed, model=_model(args))
    iv = c.interval(0.9)
    data = {
        "a": _score_dict(c.a),
        "b": _score_dict(c.b),
        "delta_health": c.delta_health,
        "delta_pillars": {p.value: v for p, v in c.delta_pillars.items()},
        "attribution": {p.value: v for p, v in c.attribution.items()},
        "centre": c.centre,
        "median_difference": c.median,
        "interval_90": [iv.low, iv.high],
        "as_coded": c.as_coded,
        "prob_a_healthier": c.prob_a_healthier,
        "shared_indicators": list(c.shared_indicators),
        "only_a": list(c.only_a),
        "only_b": list(c.only_b),
    }
    return data, repr(c)


def _cmd_diagnose(args: argparse.Namespace) -> tuple[Any, str]:
    from alliance_health._analysis.diagnose import diagnose  # noqa: PLC0415

    d = diagnose(_profile(args.profile), args.year, model=_model(args))
    data = {
        "score": _score_dict(d.score),
        "findings": [
            {
                "pillar": f.pillar.value,
                "severity": f.severity,
                "title": f.title,
                "text": f.text,
                "observations": [[o.indicator, o.member, o.year] for o in f.observations],
                "events": [e.id for e in f.events],
            }
            for f in d.findings
        ],
    }
    return data, repr(d)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="Score military alliances on shared threat, mutual obligation and"
        " consultation (Sherwood-Randall 2006).",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON for machines")
    common.add_argument("--p", type=float, default=0.0, help="power-mean exponent (default 0)")
    common.add_argument("--weights", help="pillar weights, e.g. 1,1,1")
    common.add_argument("--threat-rule", default="max", choices=("max", "mean", "min"))
    common.add_argument("--member-rule", choices=("min", "mean", "max"))
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", parents=[common], help="list the built-in profiles")
    s = sub.add_parser("score", parents=[common], help="score a profile in one year")
    s.add_argument("profile", help="built-in id (see list) or a .toml/.json file")
    s.add_argument("year", type=int)
    s.add_argument("--n", type=int, default=4096, help="Monte Carlo draws (default 4096)")
    s.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    t = sub.add_parser("trajectory", parents=[common], help="score every year")
    t.add_argument("profile")
    t.add_argument("--from", dest="start", type=int)
    t.add_argument("--to", dest="end", type=int)
    t.add_argument("--n", type=int, help="Monte Carlo draws per year, for a centre and interval")
    t.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    c = sub.add_parser("compare", parents=[common], help="compare two profile-years")
    c.add_argument("a", help="PROFILE:YEAR, e.g. rok-us:2006")
    c.add_argument("b", help="PROFILE:YEAR, e.g. nato-post-1990:1991")
    c.add_argument("--n", type=int, default=4096, help="Monte Carlo draws (default 4096)")
    c.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    d = sub.add_parser("diagnose", parents=[common], help="findings in Sherwood-Randall's terms")
    d.add_argument("profile")
    d.add_argument("year", type=int)
    return parser


_COMMANDS = {
    "list": _cmd_list,
    "score": _cmd_score,
    "trajectory": _cmd_trajectory,
    "compare": _cmd_compare,
    "diagnose": _cmd_diagnose,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad data or input, 2 usage)."""
    args = _parser().parse_args(argv)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CoverageWarning)
            data, text = _COMMANDS[args.command](args)
    except (AllianceHealthError, OSError) as exc:
        print(f"{_PROG}: error: {exc}", file=sys.stderr)
        return 1
    said = set()
    for w in caught:  # thin data: said once, on one line
        if not issubclass(w.category, CoverageWarning):
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
        elif str(w.message) not in said:
            said.add(str(w.message))
            print(f"{_PROG}: warning: {w.message}", file=sys.stderr)
    print(json.dumps(data, indent=2) if args.json else text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
