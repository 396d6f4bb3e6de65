"""Generate the data-driven pages of the documentation into ``docs/_generated/``.

Called by ``conf.py`` at the start of every build (and runnable alone: ``python docs/generate.py``):

- one page per built-in profile with every member, source, indicator, observation (value,
  uncertainty, source, note) and event, read from the shipped data files, and its scores;
- a gallery page per example script (``examples/*.py``), executed by myst-nb, and a copy of each
  example notebook (``examples/*.ipynb``), executed too.

Nothing here is written by hand, so the tables cannot drift from the data. The page of the standard
indicators, ``docs/catalogue.md``, is committed instead (so that it reads on any viewer): it is
``alliance_health.catalogue.to_markdown()``, and a test keeps the two equal. A profile that fails
to load fails the build: the documentation never hides a broken fixture.
"""

from __future__ import annotations

import ast
import re
import shutil
import sys
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import alliance_health as ah
from alliance_health import fixtures
from alliance_health._scoring.engine import scorable_years

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
OUT = DOCS / "_generated"
EXECUTED = "---\nfile_format: mystnb\nkernelspec:\n  name: python3\n  display_name: Python 3\n---\n"
_SPECIAL = re.compile(r"([\\`*_\[\]<>|{}$~#])")


def esc(text: object) -> str:
    """Text made safe for a MyST table cell: markdown characters escaped, one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A MyST (CommonMark pipe) table; cells are escaped."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def number(x: float) -> str:
    """A value as written in the data: integers without a decimal point."""
    return f"{x:g}"


def uncertainty(u: ah.Uncertainty) -> str:
    """How sure a value is, in words."""
    if isinstance(u, ah.Survey):
        return f"survey, n = {u.n}"
    if isinstance(u, ah.Range):
        return f"range {number(u.lo)} to {number(u.hi)}"
    return "exact"


def _sources(profile: ah.Profile) -> str:
    rows = [
        (s.key, s.kind, s.author, s.year or "", s.title, s.locator)
        for s in sorted(profile.sources, key=lambda s: s.key)
    ]
    return table(["key", "kind", "author", "year", "title", "locator"], rows)


def _indicators(profile: ah.Profile) -> str:
    rows = [
        (
            i.id,
            i.pillar.label,
            i.threat or "",
            i.label,
            f"{number(i.scale[0])} to {number(i.scale[1])} {i.unit}".strip(),
            "higher" if i.higher_is_better else "lower",
            "until superseded" if i.horizon is None else f"{i.horizon} years",
            number(i.weight),
            i.standard or "(own)",
        )
        for i in profile.indicators
    ]
    head = [
        "id",
        "pillar",
        "threat",
        "label",
        "scale",
        "better",
        "valid",
        "weight",
        "standard",
    ]
    return table(head, rows)


def _observations(profile: ah.Profile) -> str:
    order = {i.id: k for k, i in enumerate(profile.indicators)}
    obs = sorted(profile.observations, key=lambda o: (order[o.indicator], o.member or "", o.year))
    rows = [
        (
            o.indicator,
            o.member or "alliance",
            o.year,
            number(o.value),
            uncertainty(o.uncertainty),
            o.source,
            o.note,
        )
        for o in obs
    ]
    head = ["indicator", "member", "year", "value", "uncertainty", "source", "note"]
    return table(head, rows)


def _events(profile: ah.Profile) -> str:
    rows = [
        (e.date.isoformat(), e.id, e.title, ", ".join(e.tags), e.source)
        for e in sorted(profile.events, key=lambda e: e.date)
    ]
    return table(["date", "id", "title", "tags", "source"], rows)


def _members(profile: ah.Profile) -> str:
    rows = [(m.code, m.joined, "" if m.left is None else m.left) for m in profile.members]
    return table(["code (ISO 3166)", "joined", "left"], rows)


def _scores(profile: ah.Profile) -> str:
    with warnings.catch_warnings(action="ignore", category=ah.CoverageWarning):
        traj = ah.trajectory(profile, n=1024, rng=0)  # thin years are shown in the table
    low, high = traj.interval(0.9)
    cover = traj.coverage  # always set by trajectory()
    rows = [
        (
            y,
            f"{c:.3f} [{lo:.3f}, {hi:.3f}]",
            *(f"{v:.3f}" for v in (h, *p)),
            " / ".join(f"{share:.2f}" for share in shares),
            age,
        )
        for y, c, lo, hi, h, p, shares, age in zip(
            traj.years.tolist(), traj.centre, low, high, traj.health, traj.pillars,
            cover.observed_share, cover.oldest_age.max(axis=1).tolist(), strict=True,
        )
    ]  # fmt: skip
    head = ["year", "health: centre [90% interval]", "health as coded", "shared threat",
            "mutual obligation", "consultation", "weight observed (by pillar)",
            "oldest observation (years)"]  # fmt: skip
    return table(head, rows)


def _changes(profile: ah.Profile, threshold: float = 0.05) -> str:
    moved = ah.changes(profile, threshold=threshold)
    if not len(moved):
        return f"No year-on-year change of {threshold:g} or more.\n"
    rows = [
        (
            f"{c.year_from}-{c.year_to}",
            f"{c.health_from:.3f} -> {c.health_to:.3f} ({c.delta:+.3f})",
            ", ".join(f"{p.label} {v:+.3f}" for p, v in c.attribution),
            "; ".join(str(o) for o in c.observations),
            "; ".join(f"{e.date.isoformat()} {e.title}" for e in c.events),
        )
        for c in moved
    ]
    head = ["years", "health", "Shapley attribution", "data that moved", "events in between"]
    return (
        f"Every year-on-year change in health of {threshold:g} or more, largest first"
        " (`alliance_health.changes`): each change split among the pillars (the shares sum to"
        " the change), the series whose serving value moved (value and year of the observation"
        " before and after), and the events dated in between.\n\n" + table(head, rows)
    )


def fixture_page(fixture_id: str) -> str:
    """The page of one built-in profile, every number from its data file."""
    profile = fixtures.get(fixture_id)
    years = scorable_years(profile)
    kinds = sorted({s.kind for s in profile.sources})
    expert = sum(profile.source(o.source).kind == "expert-coding" for o in profile.observations)
    return "\n".join(
        [
            f"# {profile.name} (`{profile.id}`)\n",
            f"{esc(profile.description)}\n" if profile.description else "",
            (
                f"Founded {profile.founded}; {len(profile.members)} members;"
                f" {len(profile.indicators)} indicators; {len(profile.observations)} observations"
                f" ({expert} of them expert codings); {len(profile.sources)} sources"
                f" ({', '.join(kinds)}); {len(profile.events)} events. Scorable in every year"
                f" {int(years[0])}-{int(years[-1])}. Load it with"
                f" `alliance_health.fixtures.get({profile.id!r})`; read or copy its data file"
                f" with `alliance_health.fixtures.text({profile.id!r})`.\n"
            ),
            "## Scores under the default model\n",
            (
                "The centre and 90 % interval come from the same 1,024 Monte Carlo draws; the"
                " as-coded score (and its pillars) from the coded values alone. The weight observed"
                " is each pillar's share of its declared indicator weight with a valid observation"
                " that year (shared threat, mutual obligation, consultation); below one half the"
                " library warns, and the interval, not the centre, carries the gap (see the"
                " methods, 'Missing and stale data').\n"
            ),
            _scores(profile),
            "## What moved the score\n",
            _changes(profile),
            "## Members\n",
            _members(profile),
            "## Indicators\n",
            _indicators(profile),
            "## Observations\n",
            "Every observation, in the indicator's units, with its uncertainty, source and note.\n",
            _observations(profile),
            "## Events\n",
            _events(profile) if profile.events else "None recorded.\n",
            "## Sources\n",
            _sources(profile),
        ]
    )


def _docstring_and_body(script: Path) -> tuple[str, str]:
    source = script.read_text(encoding="utf-8")
    module = ast.parse(source)
    doc = ast.get_docstring(module) or ""
    first = module.body[0] if module.body else None
    if doc and isinstance(first, ast.Expr) and first.end_lineno is not None:
        source = "\n".join(source.splitlines()[first.end_lineno :])
    return doc, source.strip() + "\n"


def gallery_page(script: Path) -> str:
    """An executed page for one example script: its docstring as text, then its code."""
    doc, body = _docstring_and_body(script)
    title, _, rest = doc.partition("\n")
    setup = (
        "import os\n"
        f"__file__ = {str(script)!r}\n"
        f"os.chdir({str(script.parent)!r})\n"
    )  # the script runs as if started from its own folder, as in CI
    return "\n".join(
        [
            EXECUTED,
            f"# {esc(title.strip().rstrip('.')) or script.stem}\n",
            f"{esc(rest.strip())}\n" if rest.strip() else "",
            f"Source: `examples/{script.name}`.\n",
            "```{code-cell} ipython3\n:tags: [remove-cell]\n" + setup + "```\n",
            "```{code-cell} ipython3\n" + body + "```\n",
        ]
    )


def check_api_reference(page: Path = DOCS / "api.rst") -> None:
    """Fail the build if a public name is missing from the API reference page."""
    text = page.read_text(encoding="utf-8")
    listed = set(re.findall(r"^ {3}(?:alliance_health\.)?(\w+)$", text, flags=re.MULTILINE))
    listed |= set(re.findall(r"``(\w+)``", text))
    missing = sorted(set(ah.__all__) - listed)
    if missing:
        msg = f"{page.name} does not list these public names: {', '.join(missing)}; add them"
        raise SystemExit(msg)


def main(out: Path = OUT) -> list[Path]:
    """Write every generated page under ``out`` (emptied first); return the files written."""
    check_api_reference()
    if out.exists():
        shutil.rmtree(out)
    written: list[Path] = []

    def write(rel: str, text: str) -> None:
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    for fixture_id in fixtures.available():
        write(f"fixtures/{fixture_id}.md", fixture_page(fixture_id))
    for script in sorted((ROOT / "examples").glob("*.py")):
        write(f"gallery/{script.stem}.md", gallery_page(script))
    for notebook in sorted((ROOT / "examples").glob("*.ipynb")):
        target = out / "gallery" / notebook.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, target)
        written.append(target)
    return written


if __name__ == "__main__":
    for path in main():
        sys.stdout.write(f"{path.relative_to(ROOT)}\n")
