"""Kept for imports from before ``_present``: the HTML table helper and the lazy pandas import."""

from __future__ import annotations

from alliance_health._present.display import html_table, pandas

__all__ = ["html_table", "pandas"]
