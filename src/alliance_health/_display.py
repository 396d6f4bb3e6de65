"""Rich display in notebooks: small HTML tables, and pandas loaded only when asked for."""

from __future__ import annotations

import html
import numbers
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["html_table", "pandas"]


def _cell(value: object) -> str:
    if isinstance(value, numbers.Real) and not isinstance(value, bool | numbers.Integral):
        return f"{float(value):.3f}"
    return html.escape(str(value))


def html_table(caption: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An HTML table with an escaped caption and header; floats shown to three decimals.

    Examples
    --------
    >>> html_table("T", ["a", "b"], [["x<y", 0.5]])
    '<table><caption>T</caption><tr><th>a</th><th>b</th></tr><tr><td>x&lt;y</td><td>0.500</td></tr></table>'
    """
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><caption>{html.escape(caption)}</caption><tr>{head}</tr>{body}</table>"


def pandas() -> Any:  # noqa: ANN401  (pandas is optional, so its module is not annotated)
    """Import pandas, or say how to install it."""
    try:
        import pandas as pd  # noqa: PLC0415  (optional dependency, loaded on demand)
    except ImportError:
        msg = 'to_frame() needs pandas: pip install "alliance_health[pandas]"'
        raise ImportError(msg) from None
    return pd
