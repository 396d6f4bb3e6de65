"""Explanations: each indicator's part in its pillar score, as rows with a readable table."""

from __future__ import annotations

from typing import Any, Final

import attrs

from alliance_health import _display
from alliance_health._domain.pillar import Pillar

__all__ = ["Contribution", "Explanation"]

_EXPLAIN_COLUMNS: Final = (
    "pillar",
    "threat",
    "indicator",
    "label",
    "members",
    "covered",
    "age",
    "value",
    "share",
    "contribution",
)


@attrs.frozen(kw_only=True)
class Contribution:
    """One indicator's part in a pillar score.

    ``value`` is the indicator's normalised score after combining members; ``share`` is its weight
    share within its threat (or pillar); ``contribution`` is what it adds to the pillar score, so
    that the contributions of a pillar sum to the pillar score. Under the ``"max"`` or ``"min"``
    threat rule only the deciding threat contributes.

    Examples
    --------
    >>> import alliance_health as ah
    >>> row = ah.score(ah.testing.minimal_profile(), 2006).contributions[0]
    >>> row.indicator, row.members, row.value, row.contribution
    ('threat-public', ('AAA', 'BBB'), 0.25, 0.25)
    >>> row.member_count, row.observed, row.age
    (2, True, 0)
    """

    indicator: str
    label: str
    pillar: Pillar
    threat: str | None
    members: tuple[str, ...]
    value: float
    share: float
    contribution: float
    observed: bool = True
    member_count: int = 1
    age: int = 0

    @property
    def covered(self) -> str:
        """Members covered as ``"k/N"``, ``"alliance"`` for an alliance-level value, or ``"-"``."""
        if not self.observed:
            return "-"
        return f"{len(self.members)}/{self.member_count}" if self.members else "alliance"


@attrs.frozen
class Explanation:
    """Each indicator's contribution to a :class:`Score`, as rows with a readable table ``repr``.

    Examples
    --------
    >>> import alliance_health as ah
    >>> ex = ah.score(ah.testing.minimal_profile(), 2006).explain()
    >>> len(ex), [r.indicator for r in ex.by_pillar("consultation")]
    (3, ['meetings'])
    """

    rows: tuple[Contribution, ...]

    def __iter__(self):  # type: ignore[no-untyped-def]  # noqa: ANN204  (iterator protocol)
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def by_pillar(self, pillar: Pillar | str) -> tuple[Contribution, ...]:
        """The rows of one pillar."""
        return tuple(r for r in self.rows if r.pillar == pillar)

    def __repr__(self) -> str:
        head = (
            f"{'pillar':<18} {'indicator':<34} {'covered':>7} {'age':>3}"
            f" {'value':>6} {'share':>6} {'adds':>6}"
        )
        lines = [head, "-" * len(head)]
        for r in self.rows:
            value = f"{r.value:6.3f}" if r.observed else f"{'-':>6}"
            lines.append(
                f"{r.pillar.value:<18} {r.indicator[:34]:<34} {r.covered:>7}"
                f" {r.age if r.observed else '-':>3} {value} {r.share:6.3f} {r.contribution:6.3f}"
            )
        return "\n".join(lines)

    def to_frame(self) -> Any:  # noqa: ANN401  (pandas is optional, so no annotation)
        """The rows as a pandas DataFrame, one per indicator (requires pandas)."""
        pd = _display.pandas()
        rows = [
            {
                "pillar": r.pillar.value,
                "threat": r.threat,
                "indicator": r.indicator,
                "label": r.label,
                "members": ",".join(r.members),
                "covered": r.covered,
                "age": r.age if r.observed else None,
                "value": r.value,
                "share": r.share,
                "contribution": r.contribution,
            }
            for r in self.rows
        ]
        return pd.DataFrame(rows, columns=_EXPLAIN_COLUMNS)

    def _repr_html_(self) -> str:
        rows = [
            (
                r.pillar.label,
                r.threat or "",
                f"{r.label} ({r.indicator})",
                ", ".join(r.members) if len(r.members) <= 6 else f"{len(r.members)} members",
                r.covered,
                r.age if r.observed else "-",
                r.value if r.observed else "not observed",
                r.share,
                r.contribution,
            )
            for r in self.rows
        ]
        head = [
            "pillar",
            "threat",
            "indicator",
            "members",
            "covered",
            "age",
            "value",
            "share",
            "adds",
        ]
        return _display.html_table("Each indicator's part in its pillar", head, rows)
