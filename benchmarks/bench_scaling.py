"""Scaling of ``uncertainty`` with the number of draws: time and peak memory.

Run: ``python benchmarks/bench_scaling.py``. Targets: time about linear in n (time per draw
roughly constant from 1e4 on) and peak traced memory below 1 GB at n = 1e6.

Time is measured without tracing (best of 3, one run at 1e6); peak memory in a separate run under
``tracemalloc``, which sees numpy's array buffers.
"""

from __future__ import annotations

import tracemalloc

from common import benchmark_profile, best_of, describe

import alliance_health as ah

SIZES = (1_000, 10_000, 100_000, 1_000_000)
LIMIT_BYTES = 1 << 30


def main() -> None:
    profile, year, label = benchmark_profile()
    print(describe(profile, year, label))
    ah.uncertainty(profile, year, n=64, rng=0)  # warm up: lazy imports, caches

    print(f"{'n':>10} {'time [s]':>10} {'per draw [us]':>14} {'peak [MiB]':>11}")
    per_draw = {}
    peaks = {}
    for n in SIZES:
        repeat = 1 if n >= 1_000_000 else 3
        t = best_of(lambda n=n: ah.uncertainty(profile, year, n=n, rng=0), repeat=repeat)
        tracemalloc.start()
        result = ah.uncertainty(profile, year, n=n, rng=0)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del result
        per_draw[n], peaks[n] = t / n, peak
        print(f"{n:>10,} {t:10.4f} {t / n * 1e6:14.3f} {peak / 2**20:11.1f}")
    print()
    growth = per_draw[SIZES[-1]] / per_draw[SIZES[1]]
    print(
        f"time per draw at {SIZES[-1]:,} / at {SIZES[1]:,} = {growth:.2f}"
        " (about 1 when linear; target < 2)"
    )
    verdict = "below" if peaks[SIZES[-1]] < LIMIT_BYTES else "ABOVE"
    print(
        f"peak memory at {SIZES[-1]:,} draws: {peaks[SIZES[-1]] / 2**20:.0f} MiB,"
        f" {verdict} the 1 GiB target"
    )


if __name__ == "__main__":
    main()
