"""The ``alliance-health`` command: profiles, scores, comparisons and expert-coding sheets."""

from __future__ import annotations

from alliance_health._cli.app import main

__all__ = ["main"]
