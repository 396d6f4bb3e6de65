"""How one cell reads as text, and pandas loaded only when a DataFrame is asked for."""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Iterable, Sequence
from typing import Any, Final

__all__ = ["PANDAS_HINT", "cell_text", "html_table", "pandas"]

PANDAS_HINT: Final = 'pip install "alliance_health[pandas]"'
"""How to install the optional pandas dependency."""


def cell_text(value: object, spec: str = "") -> str:
    """One cell as text: floats to three decimals, ``None`` and NaN blank.

    ``spec`` is a format specification (``".2f"``, ``"+d"``) that replaces the default for
    numbers. Booleans read ``yes`` or ``no``.

    Examples
    --------
    >>> cell_text(0.5), cell_text(3), cell_text(None), cell_text(float("nan")), cell_text(-2, "+d")
    ('0.500', '3', '', '', '-2')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return format(int(value), spec)
    if isinstance(value, numbers.Real):
        number = float(value)
        return "" if math.isnan(number) else format(number, spec or ".3f")
    return str(value)


def html_table(caption: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An HTML table with an escaped caption and header; floats shown to three decimals.

    For tables whose header is not a list of distinct column names (a two-column summary, say);
    results state theirs as a :class:`~alliance_health.Table`.

    Examples
    --------
    >>> html_table("T", ["a", "b"], [["x<y", 0.5]])
    '<table><caption>T</caption><tr><th>a</th><th>b</th></tr><tr><td>x&lt;y</td><td>0.500</td></tr></table>'
    """
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell_text(v))}</td>" for v in row) + "</tr>"
        for row in rows
    )
    return f"<table><caption>{html.escape(caption)}</caption><tr>{head}</tr>{body}</table>"


def pandas() -> Any:  # noqa: ANN401  (pandas is optional, so its module is not annotated)
    """Import pandas, or say how to install it.

    Examples
    --------
    >>> pandas().__name__
    'pandas'
    """
    try:
        import pandas as pd  # noqa: PLC0415  (optional dependency, loaded on demand)
    except ImportError:
        msg = f"to_frame() needs pandas: {PANDAS_HINT}"
        raise ImportError(msg) from None
    return pd
