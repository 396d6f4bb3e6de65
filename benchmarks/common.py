"""Shared pieces of the benchmark scripts: the profile benchmarked and a timer."""

from __future__ import annotations

import time
from collections.abc import Callable

import alliance_health as ah

YEAR_FIXTURE = 2006
YEAR_MINIMAL = 2006


def benchmark_profile() -> tuple[ah.Profile, int, str]:
    """The built-in U.S.-ROK fixture at 2006 if this install has it, else the minimal profile."""
    try:
        from alliance_health import fixtures  # noqa: PLC0415  (may not exist in older installs)

        profile = fixtures.rok_us()
    except (ImportError, AttributeError, OSError, ah.AllianceHealthError) as exc:
        reason = f"fixture unavailable ({type(exc).__name__}: {exc})"
        return ah.testing.minimal_profile(), YEAR_MINIMAL, f"testing.minimal_profile(); {reason}"
    return profile, YEAR_FIXTURE, "fixtures.rok_us()"


def best_of(func: Callable[[], object], repeat: int = 3) -> float:
    """Best wall-clock time of ``repeat`` calls, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def describe(profile: ah.Profile, year: int, label: str) -> str:
    """One line naming the profile and the size of the problem."""
    layout = ah.build_layout(profile, [year])
    uncertain = sum(not isinstance(o.uncertainty, ah.Exact) for o in layout.observations)
    return (
        f"profile: {label}, year {year}: {len(layout.observations)} observations used,"
        f" {uncertain} uncertain"
    )
