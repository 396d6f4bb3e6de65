"""``Tabular``: what every result that shows tables shares; each states its tables once."""

from __future__ import annotations

import html
from typing import Any

from alliance_health._present.table import Table

__all__ = ["Tabular"]


class Tabular:
    """A result whose display and exports derive from its :meth:`table` (or :meth:`tables`).

    A subclass defines :meth:`table` (and :meth:`tables` when it has several); ``repr``,
    ``_repr_html_``, :meth:`to_text`, :meth:`to_frame` and :meth:`to_dict` follow. attrs classes
    that use it pass ``repr=False`` so that attrs keeps this ``__repr__``.
    """

    __slots__ = ()

    def table(self) -> Table:
        """The result's main table."""
        raise NotImplementedError  # pragma: no cover  (every result defines its table)

    def tables(self) -> tuple[Table, ...]:
        """Every table of the result, the main one first."""
        return (self.table(),)

    def to_text(self) -> str:
        """The tables as aligned text, separated by blank lines."""
        return "\n\n".join(t.to_text() for t in self.tables())

    def to_csv(self) -> str:
        """The tables as CSV, separated by one blank line; see :meth:`Table.to_csv`."""
        return "\n".join(t.to_csv() for t in self.tables())

    def to_frame(self) -> Any:  # noqa: ANN401  (pandas is optional, so no annotation)
        """The main table as a pandas DataFrame (requires pandas); see :meth:`Table.to_frame`."""
        return self.table().to_frame()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the table's dict, or ``{table name: dict}`` when there are several."""
        tables = self.tables()
        if len(tables) == 1:
            return tables[0].to_dict()
        return {t.name: t.to_dict() for t in tables}

    def __repr__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        """The main table; further tables folded under their captions (notebooks)."""
        first, *rest = self.tables()
        folded = "".join(
            f"<details><summary>{html.escape(t.caption)}</summary>{t.to_html()}</details>"
            for t in rest
        )
        return first.to_html() + folded
