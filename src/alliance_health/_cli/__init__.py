"""The ``alliance-health`` command: list, catalogue, score, trajectory, compare, diagnose."""

from __future__ import annotations

from alliance_health._cli.app import main

__all__ = ["main"]
