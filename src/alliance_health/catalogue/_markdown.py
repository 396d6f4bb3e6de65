"""The catalogue as a Markdown page, for the documentation (``docs/catalogue.md``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from alliance_health._domain.pillar import Pillar
from alliance_health._domain.standard import DATA_FILE, Standard, standards

__all__ = ["to_markdown"]

# Markdown (and MyST: $ for maths, { } for roles) would read these characters as markup
_SPECIAL = re.compile(r"([\\`*_\[\]<>|{}$~#])")

_INTRO = (
    "The standard indicator definitions (`alliance_health.catalogue`). Two alliances can be"
    " compared only if they are scored on the same yardstick (OECD/JRC Handbook 2008, step 1),"
    " so the built-in profiles draw their indicators from these definitions and user profiles"
    ' are encouraged to: an indicator with `standard = "<id>"` in a profile file'
    " ([file format](file-format.md)) follows the definition of that id. Every level of an"
    " ordinal coding has a definition and an anchor, a historical case coded at that level, so"
    " that coders place a case by comparison with known ones."
)


def _esc(text: object) -> str:
    """Text made safe for one line or table cell: markup characters escaped, spaces collapsed."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _number(x: float) -> str:
    return f"{x:g}"


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_esc(cell) for cell in row) + " |" for row in rows]
    return lines


def _valid(std: Standard) -> str:
    return "until superseded" if std.horizon is None else f"{std.horizon} years"


def _scope(std: Standard) -> str:
    return "each member" if std.scope == "member" else "the alliance as a whole"


def _section(std: Standard) -> list[str]:
    lo, hi = (_number(x) for x in std.scale)
    better = "higher" if std.higher_is_better else "lower"
    lines = [
        f"### `{std.id}`: {_esc(std.label)}",
        "",
        f"- **Scale**: {lo} to {hi}, {better} is healthier",
        f"- **Unit**: {_esc(std.unit) or 'none'}",
        f"- **Observed for**: {_scope(std)}",
        f"- **Valid**: {_valid(std)}",
        "",
        _esc(std.description),
        "",
        f"**Coding.** {_esc(std.coding)}",
        "",
    ]
    if std.question is not None:
        lines += [f"**Question.** {_esc(std.question)}", ""]
    if std.levels:
        rows = [(level.value, level.definition, level.anchor) for level in std.levels]
        lines += [*_table(["level", "definition", "anchor"], rows), ""]
    return lines


def to_markdown() -> str:
    """The catalogue as a Markdown page: every definition with its levels and their anchors.

    The documentation's catalogue page (``docs/catalogue.md``) is this text, committed; a test
    checks that it equals what this function returns, so the page follows the data.

    Returns
    -------
    str
        CommonMark (MyST) text: an overview table, then one section per pillar with each
        definition's scale, unit, scope, validity, description, coding guide, question (when it
        has one) and, for an ordinal coding, a table of its levels with definitions and anchors.

    Examples
    --------
    >>> from alliance_health import catalogue
    >>> page = catalogue.to_markdown()
    >>> print(page.splitlines()[0])
    # Standard indicators
    >>> print(next(line for line in page.splitlines() if line.startswith("| 2 |")))
    | 2 | a significant risk among several | The Soviet Union for NATO's members in 1990-91, ...
    """
    lines = ["# Standard indicators", "", _INTRO, ""]
    lines += [
        (
            f"This page is generated from the package's data file (`alliance_health/{DATA_FILE}`)"
            " by `alliance_health.catalogue.to_markdown()`; a test keeps the two equal."
        ),
        "",
    ]
    overview = [
        (std.id, std.pillar.label, std.label, std.unit, _scope(std), _valid(std))
        for std in standards()
    ]
    lines += [*_table(["id", "pillar", "label", "unit", "observed for", "valid"], overview), ""]
    for pillar in Pillar:
        lines += [f"## {pillar.label.capitalize()}", ""]
        for std in standards():
            if std.pillar is pillar:
                lines += _section(std)
    return "\n".join(lines).rstrip("\n") + "\n"
