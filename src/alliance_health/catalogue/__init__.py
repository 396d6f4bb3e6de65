"""The standard indicator definitions that every built-in profile uses.

One framework across units (OECD/JRC Handbook 2008, step 1): two alliances can be compared only if
they are scored on the same yardstick, so the built-in profiles draw their indicators from these
definitions and user profiles are encouraged to. A profile's :class:`~alliance_health.Indicator`
says which definition it follows in its ``standard`` field; it may add alliance-specific indicators
(``standard=None``), and comparisons report which indicators the two sides share.

Each definition gives the scale, direction, level (per member or for the alliance) and a coding
guide. Ordinal codings are judgements: every level of their scale has a definition and an
anchoring historical case (:class:`Level`); record them with an ``"expert-coding"`` source, a
:class:`~alliance_health.Range` and a note that gives the evidence.

The definitions are data, ``catalogue/data/standards.toml`` inside the package, read on first use;
:func:`to_markdown` renders them as the documentation's catalogue page.

Examples
--------
>>> from alliance_health import catalogue
>>> std = catalogue.get("threat-public-critical")
>>> std.pillar.value, std.scale
('shared_threat', (0.0, 100.0))
>>> ind = std.indicator(id="nk-nuclear-critical", threat="north-korea-nuclear")
>>> ind.standard, ind.unit
('threat-public-critical', '%')
>>> [level.value for level in catalogue.get("joint-decisions").levels]
[0, 1, 2, 3, 4]
"""

from __future__ import annotations

from typing import Any

from alliance_health._domain.standard import Level, Standard, get, ids, standards
from alliance_health.catalogue._markdown import to_markdown

__all__ = ["STANDARDS", "Level", "Standard", "get", "ids", "to_markdown"]

STANDARDS: tuple[Standard, ...]
"""Every standard definition, in catalogue order (read from the data file on first use)."""


def __getattr__(name: str) -> Any:  # noqa: ANN401  (module attributes of any kind)
    if name == "STANDARDS":
        return standards()
    msg = f"module 'alliance_health.catalogue' has no attribute {name!r}"
    raise AttributeError(msg)
