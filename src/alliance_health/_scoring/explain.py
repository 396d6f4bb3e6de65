"""Explanations: each indicator's part in its pillar score, as rows with a readable table."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from alliance_health._domain.pillar import Pillar
from alliance_health._present.result import Tabular
from alliance_health._present.table import Column, Table

__all__ = ["Contribution", "Explanation"]


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


_CONTRIBUTION_FIELDS: dict[str | Column, Callable[[Contribution], object]] = {
    "pillar": lambda r: r.pillar.value,
    "threat": lambda r: r.threat,
    "indicator": lambda r: r.indicator,
    Column("label", width=28): lambda r: r.label,
    Column("members", width=20): lambda r: ",".join(r.members) or None,
    "covered": lambda r: r.covered,
    "age": lambda r: r.age,
    "value": lambda r: r.value,
    "share": lambda r: r.share,
    "contribution": lambda r: r.contribution,
}


@attrs.frozen(repr=False)
class Explanation(Tabular):
    """Each indicator's contribution to a :class:`Score`, as rows with a readable table ``repr``.

    Its table (:meth:`table`) has one row per indicator, with the members it covers and the age of
    its observation; the contributions of a pillar sum to its score. The columns are listed on the
    Tables page (:doc:`/tables`).

    Examples
    --------
    >>> import alliance_health as ah
    >>> ex = ah.score(ah.testing.minimal_profile(), 2006).explain()
    >>> len(ex), [r.indicator for r in ex.by_pillar("consultation")]
    (3, ['meetings'])
    >>> ex.table().column("contribution")
    (0.25, 1.0, 0.5)
    """

    rows: tuple[Contribution, ...]

    def __iter__(self):  # type: ignore[no-untyped-def]  # noqa: ANN204  (iterator protocol)
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def by_pillar(self, pillar: Pillar | str) -> tuple[Contribution, ...]:
        """The rows of one pillar."""
        return tuple(r for r in self.rows if r.pillar == pillar)

    def table(self) -> Table:
        """One row per indicator, in the order of :attr:`rows`."""
        return Table.from_records(
            self.rows,
            _CONTRIBUTION_FIELDS,
            caption="Each indicator's part in its pillar score (contributions sum to the pillar)",
            name="contributions",
        )
