"""``Table``: the one way a result states what it shows, rendered as text, HTML, pandas, JSON, CSV.

A result builds its table once (:meth:`Table.from_columns` for arrays, :meth:`Table.from_records`
for rows of objects); its ``repr``, ``_repr_html_``, ``to_frame()`` and ``to_dict()`` and the
command line's output all derive from that table, so a column appears under the same name
everywhere and adding one is one line.
"""

from __future__ import annotations

import csv
import html
import io
import math
import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._errors import ValidationError
from alliance_health._present.display import cell_text, pandas

__all__ = ["Cell", "Column", "ColumnValues", "Table"]

Cell = str | int | float | bool | None
"""What a table cell holds: plain Python scalars, so every rendering agrees on it."""

ColumnValues = Sequence[Any] | npt.NDArray[Any]
"""The values of one column given to :meth:`Table.from_columns`: a sequence or a 1-D array."""

T = TypeVar("T")


@attrs.frozen
class Column:
    """A column of a :class:`Table`: its name and how its cells read.

    Parameters
    ----------
    name : str
        The column's name, the same in every rendering (text header, DataFrame column, JSON key,
        CSV header).
    unit : str, optional
        The unit of its values, shown in brackets after the name in text and HTML headers.
    format : str, optional
        A format specification for numbers in text and HTML (``"+d"``, ``".2f"``); by default
        floats show three decimals. The values themselves are kept in full.
    width : int, optional
        In text only, longer cells are cut to this many characters and end with "...".

    Examples
    --------
    >>> from alliance_health import Column
    >>> Column("offset", format="+d")
    Column(name='offset', unit='', format='+d', width=None)
    """

    name: str
    unit: str = ""
    format: str = ""
    width: int | None = None

    @property
    def header(self) -> str:
        """The name, with the unit in brackets when there is one."""
        return f"{self.name} [{self.unit}]" if self.unit else self.name


def _to_column(value: str | Column) -> Column:
    return value if isinstance(value, Column) else Column(str(value))


def _to_columns(values: Iterable[str | Column]) -> tuple[Column, ...]:
    return tuple(_to_column(v) for v in values)


def _to_cell(value: object) -> Cell:
    """Plain Python scalars: NumPy scalars unwrap, so every rendering sees the same value."""
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, np.generic):
        return _to_cell(value.item())
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return None if math.isnan(number) else number  # one blank, so that equal tables are equal
    msg = (
        f"Table cells must be str, int, float, bool or None; got {type(value).__name__}"
        f" {value!r}; join sequences into a string first"
    )
    raise ValidationError(msg)


def _to_strs(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def _to_rows(values: Iterable[Iterable[object]]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(_to_cell(v) for v in row) for row in values)


def _json_cell(value: Cell) -> Cell:
    """Infinities are not JSON: they become ``None`` (null), as blanks do."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _numeric(cells: Iterable[Cell]) -> bool:
    """Whether a column holds numbers only (blanks aside), so that it is right-aligned."""
    seen = [c for c in cells if c is not None]
    return bool(seen) and all(isinstance(c, int | float) and not isinstance(c, bool) for c in seen)


def _cut(text: str, width: int | None) -> str:
    text = " ".join(text.split())  # one line per row, whatever the cell holds
    if width is not None and len(text) > width:
        return text[: max(width - 3, 0)] + "..."
    return text


@attrs.frozen(kw_only=True)
class Table:
    """A captioned table of plain cells: what a result shows, in one place.

    Parameters
    ----------
    caption : str
        What the table shows (profile, year, number of draws).
    columns : sequence of str or Column
        The columns, in order; names must be distinct.
    rows : sequence of sequences
        The cells, one sequence per row, each as long as ``columns``. NumPy scalars are turned
        into Python ones; ``None`` is a blank cell, and NaN becomes ``None``.
    notes : sequence of str, optional
        Lines that qualify the table (how to read an interval, what is missing).
    index : sequence of str, optional
        The columns that label the rows; :meth:`to_frame` makes them the DataFrame's index.
    name : str, optional
        A short key for the table among a result's tables (used by ``to_dict()``).

    Examples
    --------
    >>> from alliance_health import Table
    >>> t = Table(caption="Two years", columns=["year", "health"], rows=[(2005, 0.5), (2006, 0.25)])
    >>> print(t.to_text())
    Two years
    year  health
    ----  ------
    2005   0.500
    2006   0.250
    >>> t.to_dict()["records"]
    [{'year': 2005, 'health': 0.5}, {'year': 2006, 'health': 0.25}]
    >>> print(t.to_csv(), end="")
    year,health
    2005,0.5
    2006,0.25
    """

    caption: str
    columns: tuple[Column, ...] = attrs.field(converter=_to_columns)
    rows: tuple[tuple[Cell, ...], ...] = attrs.field(converter=_to_rows)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_to_strs)
    index: tuple[str, ...] = attrs.field(default=(), converter=_to_strs)
    name: str = "table"

    @columns.validator
    def _distinct(self, _attribute: object, value: tuple[Column, ...]) -> None:
        names = [c.name for c in value]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            msg = f"Table.columns must have distinct names; repeated: {', '.join(repeated)}"
            raise ValidationError(msg)

    @rows.validator
    def _widths(self, _attribute: object, value: tuple[tuple[Cell, ...], ...]) -> None:
        for k, row in enumerate(value):
            if len(row) != len(self.columns):
                msg = (
                    f"Table.rows[{k}] has {len(row)} cells but the table has"
                    f" {len(self.columns)} columns ({', '.join(self.names)})"
                )
                raise ValidationError(msg)

    @index.validator
    def _known(self, _attribute: object, value: tuple[str, ...]) -> None:
        unknown = [n for n in value if n not in self.names]
        if unknown:
            msg = f"Table.index names no column: {', '.join(unknown)}; columns: {self.names}"
            raise ValidationError(msg)

    @classmethod
    def from_columns(
        cls,
        data: Mapping[str | Column, ColumnValues],
        *,
        caption: str,
        notes: Iterable[str] = (),
        index: Iterable[str] = (),
        name: str = "table",
    ) -> Table:
        """A table from its columns: ``{column: values}``, every column as long.

        Examples
        --------
        >>> import numpy as np
        >>> from alliance_health import Column, Table
        >>> t = Table.from_columns(
        ...     {"year": np.array([2005, 2006]), Column("share", unit="%"): [50.0, 25.0]},
        ...     caption="Shares",
        ... )
        >>> t.rows, t.columns[1].header
        (((2005, 50.0), (2006, 25.0)), 'share [%]')
        """
        lengths = {_to_column(c).name: len(v) for c, v in data.items()}
        if len(set(lengths.values())) > 1:
            msg = f"Table.from_columns needs columns of one length; got {lengths}"
            raise ValidationError(msg)
        rows = zip(*(np.asarray(v, dtype=object).tolist() for v in data.values()), strict=True)
        return cls(
            caption=caption, columns=list(data), rows=rows, notes=notes, index=index, name=name
        )

    @classmethod
    def from_records(
        cls,
        records: Iterable[T],
        fields: Mapping[str | Column, Callable[[T], object]],
        *,
        caption: str,
        notes: Iterable[str] = (),
        index: Iterable[str] = (),
        name: str = "table",
    ) -> Table:
        """A table with one row per record and one column per field: ``{column: getter}``.

        Examples
        --------
        >>> from alliance_health import Table
        >>> t = Table.from_records(
        ...     ["AAA", "BB"], {"member": str, "letters": len}, caption="Members"
        ... )
        >>> t.rows
        (('AAA', 3), ('BB', 2))
        """
        getters = list(fields.values())
        rows = [[get(r) for get in getters] for r in records]
        return cls(
            caption=caption, columns=list(fields), rows=rows, notes=notes, index=index, name=name
        )

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> tuple[Cell, ...]:
        """The cells of one column, top to bottom."""
        if name not in self.names:
            msg = f"Table has no column {name!r}; columns: {', '.join(self.names)}"
            raise ValidationError(msg)
        k = self.names.index(name)
        return tuple(row[k] for row in self.rows)

    def records(self) -> list[dict[str, Cell]]:
        """The rows as dicts keyed by column name."""
        return [dict(zip(self.names, row, strict=True)) for row in self.rows]

    def to_text(self) -> str:
        """Aligned plain text: caption, header, rule, rows (numbers right-aligned), notes."""
        cells = [
            [_cut(cell_text(v, c.format), c.width) for v, c in zip(row, self.columns, strict=True)]
            for row in self.rows
        ]
        heads = [c.header for c in self.columns]
        widths = [max([len(h), *(len(r[j]) for r in cells)]) for j, h in enumerate(heads)]
        right = [_numeric(self.column(n)) for n in self.names]

        def line(values: Sequence[str]) -> str:
            out = [
                v.rjust(w) if r else v.ljust(w)
                for v, w, r in zip(values, widths, right, strict=True)
            ]
            return "  ".join(out).rstrip()

        lines = [self.caption, line(heads), line(["-" * w for w in widths])]
        lines += [line(r) for r in cells]
        return "\n".join([*lines, *self.notes])

    def to_html(self) -> str:
        """An HTML table: escaped caption, header and cells; notes in the footer."""
        head = "".join(f"<th>{html.escape(c.header)}</th>" for c in self.columns)
        body = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(cell_text(v, c.format))}</td>"
                for v, c in zip(row, self.columns, strict=True)
            )
            + "</tr>"
            for row in self.rows
        )
        span = max(len(self.columns), 1)
        foot = "".join(
            f'<tr><td colspan="{span}">{html.escape(note)}</td></tr>' for note in self.notes
        )
        foot = f"<tfoot>{foot}</tfoot>" if foot else ""
        return (
            f"<table><caption>{html.escape(self.caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>"
        )

    def to_frame(self) -> Any:  # noqa: ANN401  (pandas is optional, so no annotation)
        """A pandas DataFrame with the same rows, indexed by :attr:`index` (requires pandas).

        The caption and notes travel in ``frame.attrs``.
        """
        pd = pandas()
        frame = pd.DataFrame.from_records(list(self.rows), columns=list(self.names))
        if self.index:
            frame = frame.set_index(list(self.index))
        frame.attrs.update(caption=self.caption, notes=list(self.notes))
        return frame

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: caption, columns (name, unit), records and notes; infinities are ``None``."""
        return {
            "name": self.name,
            "caption": self.caption,
            "columns": [{"name": c.name, "unit": c.unit} for c in self.columns],
            "index": list(self.index),
            "records": [
                {k: _json_cell(v) for k, v in zip(self.names, row, strict=True)}
                for row in self.rows
            ],
            "notes": list(self.notes),
        }

    def to_csv(self) -> str:
        """CSV (``csv`` module, excel dialect, newline line ends): header, then rows in full.

        Blank cells are empty; the caption and notes are left out, so that the text is
        one rectangular table.
        """
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.names)
        for row in self.rows:
            writer.writerow("" if v is None else v for v in row)
        return out.getvalue()

    def __str__(self) -> str:
        return self.to_text()
