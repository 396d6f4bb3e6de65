"""Benchmark: similarity of every member pair and year at once, against a loop over the pairs.

The panel is random (portfolios coded 0-3, like ATOP-style alliance ties, or 1-3 votes): the
timing depends on the shape of the panel, not on its content. Both paths call the same functions
and must give the same numbers; the script checks that before it reports the ratio.

    python benchmarks/bench_similarity.py [--years 20] [--members 30] [--items 190]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from itertools import combinations
from typing import Any

import numpy as np

from alliance_health import similarity


def best_of(func: Callable[[], Any], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def loop(panel: np.ndarray, measure: Callable[..., Any], options: dict[str, Any]) -> np.ndarray:
    years, members, _ = panel.shape
    out = np.full((years, members, members), np.nan)
    for t in range(years):
        for i, j in combinations(range(members), 2):
            out[t, i, j] = out[t, j, i] = measure(panel[t, i], panel[t, j], **options)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--members", type=int, default=30)
    parser.add_argument("--items", type=int, default=190)
    args = parser.parse_args()
    rng = np.random.default_rng(2006)
    panel = rng.integers(0, 4, size=(args.years, args.members, args.items)).astype(float)
    dyad_years = args.years * args.members * (args.members - 1) // 2
    print(
        f"{args.years} years x {args.members} members x {args.items} items:"
        f" {dyad_years} dyad-years per call"
    )
    cases = [
        ("s", similarity.s_score, {"scale": (0, 3)}),
        ("kappa", similarity.cohen_kappa, {}),
        ("pi", similarity.scott_pi, {"distance": "squared"}),
        ("a", similarity.alignment_index, {"scale": (0, 3)}),
        ("tau_b", similarity.tau_b, {}),
    ]
    print(f"{'measure':<8}{'vectorised s':>14}{'per-pair loop s':>17}{'ratio':>9}")
    for name, func, options in cases:
        fast = similarity.pairwise(panel, measure=name, **options).values
        slow = loop(panel, func, options)
        np.testing.assert_allclose(fast, slow, rtol=1e-10, equal_nan=True)
        t_fast = best_of(lambda: similarity.pairwise(panel, measure=name, **options))  # noqa: B023
        t_slow = best_of(lambda: loop(panel, func, options), repeat=1)  # noqa: B023
        print(f"{name:<8}{t_fast:>14.4f}{t_slow:>17.4f}{t_slow / t_fast:>8.0f}x")


if __name__ == "__main__":
    main()
