"""Panels: time and memory of ``panel`` on the built-ins and on a large synthetic panel.

Run: ``python benchmarks/bench_panel.py``. Measures

- every built-in profile over its own years with n = 1,000 draws;
- a synthetic panel of 100 alliances over 60 years with n = 1,000 draws each (SYNTHETIC values,
  made up below for timing only: they describe no alliance);
- the growth of the time with the number of alliances, of years and of draws (1x, 2x, 4x each);
- the speed-up from a ``ProcessPoolExecutor`` over this machine's cores against the serial run,
  and that both give the same bits.

Peak memory is traced by ``tracemalloc`` (numpy reports its arrays to it) in a separate run.
The growth is timed in CPU seconds of this process, which a busy machine disturbs less than wall
time; the speed-up of the process pool is wall time, so it needs idle cores to show (the script
prints the load average and the CPU time of all processes beside it).
"""

from __future__ import annotations

import os
import resource
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from common import best_of

import alliance_health as ah
from alliance_health import fixtures

N = 1_000
ALLIANCES, YEARS = 100, 60
SEED = 0
SRC = "synthetic"
_SOURCE = ah.Source(key=SRC, title="Synthetic values for a benchmark (not data)", kind="scenario")
_INDICATORS = (
    ah.Indicator(id="threat-a", pillar="shared_threat", label="Threat A", scale=(0, 100),
                 threat="a"),
    ah.Indicator(id="threat-b", pillar="shared_threat", label="Threat B", scale=(0, 100),
                 threat="b"),
    ah.Indicator(id="pledge", pillar="mutual_obligation", label="Pledge", scale=(0, 3)),
    ah.Indicator(id="forces", pillar="mutual_obligation", label="Forces in place", scale=(0, 4)),
    ah.Indicator(id="meetings", pillar="consultation", label="Meetings", scale=(0, 4), horizon=1),
    ah.Indicator(id="joint", pillar="consultation", label="Joint decisions", scale=(0, 1)),
)  # fmt: skip
_MEMBERS = ("XAA", "XBB", "XCC", "XDD")


def synthetic(k: int, years: int, start: int = 1950) -> ah.Profile:
    """Synthetic alliance ``k`` observed over ``years`` years: sizes like the built-in profiles.

    2-4 members; each member's public asked about two threats every sixth year (n = 1,000); a
    treaty pledge coded once; forces in place coded every fifth year, joint decisions every other
    year and meetings every year, as ranges. Over 60 years: 140-185 observations, all but one
    uncertain (the built-ins use 104 and 188 uncertain inputs over their years).
    """
    gen = np.random.default_rng(k)
    members = _MEMBERS[: 2 + k % 3]
    stop = start + years - 1
    obs = [
        ah.Observation(indicator="pledge", year=start, value=float(gen.integers(1, 4)), source=SRC)
    ]
    for year in range(start, stop + 1):
        if (year - start) % 6 == 0:
            for ind in ("threat-a", "threat-b"):
                for m in members:
                    v = float(gen.integers(10, 90))
                    obs.append(
                        ah.Observation(
                            indicator=ind, year=year, value=v, member=m, source=SRC,
                            uncertainty=ah.Survey(n=1000),
                        )
                    )  # fmt: skip
        coded = [("meetings", 4.0)]
        if (year - start) % 2 == 0:
            coded.append(("joint", 1.0))
        if (year - start) % 5 == 0:
            coded.append(("forces", 4.0))
        for ind, top in coded:
            v = float(gen.uniform(0.2, 0.8)) * top
            obs.append(
                ah.Observation(
                    indicator=ind, year=year, value=v, source=SRC,
                    uncertainty=ah.Range(v - 0.15 * top, v + 0.15 * top), note="synthetic",
                )
            )  # fmt: skip
    return ah.Profile(
        id=f"synthetic-{k:03d}",
        name=f"Synthetic alliance {k} (not data)",
        founded=start,
        members=[ah.Member(code=m, joined=start) for m in members],
        sources=[_SOURCE],
        indicators=_INDICATORS,
        observations=obs,
    )


def peak_mib(func: Callable[[], object]) -> float:
    """Peak traced memory of one call, in MiB."""
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def cpu_best_of(func: Callable[[], object], repeat: int = 2) -> float:
    """Best CPU time of ``repeat`` calls in this process, in seconds.

    CPU time rather than wall time: on a machine shared with other jobs it counts the work done,
    not the time spent waiting for a core.
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    return best


def growth(label: str, run: Callable[[int], object], base: int) -> None:
    """CPU time of ``run(base * f)`` for f = 1, 2, 4, and the ratios to the 1x time."""
    times = [cpu_best_of(lambda f=f: run(base * f)) for f in (1, 2, 4)]
    print(
        f"{label:<10} {base:>5} {times[0]:8.3f} {times[1]:8.3f} {times[2]:8.3f}"
        f" {times[1] / times[0]:7.2f} {times[2] / times[0]:7.2f}"
    )


def main() -> None:
    cores = os.cpu_count() or 1
    print(f"numpy {np.__version__}; {cores} cores; load average {os.getloadavg()[0]:.1f}")

    builtins = list(fixtures.available())
    loaded = [fixtures.get(pid) for pid in builtins]
    p = ah.panel(loaded, n=N, rng=SEED)
    t = best_of(lambda: ah.panel(loaded, n=N, rng=SEED))
    mem = peak_mib(lambda: ah.panel(loaded, n=N, rng=SEED))
    t_rank = best_of(lambda: [p.ranking(int(y)) for y in p.years])
    print(
        f"\nbuilt-ins {builtins}: {int(p.scored.sum())} profile-years scored,"
        f" {len(p.skipped)} skipped, n = {N}"
    )
    print(f"  panel: {t:.3f} s, peak {mem:.1f} MiB")
    print(f"  rankings of all {p.years.size} years: {t_rank:.3f} s")

    profiles = [synthetic(k, YEARS) for k in range(ALLIANCES)]
    n_obs = sum(len(q.observations) for q in profiles) / ALLIANCES
    print(
        f"\nsynthetic: {ALLIANCES} alliances x {YEARS} years, n = {N}"
        f" ({n_obs:.0f} observations per alliance on average)"
    )
    start, cpu = time.perf_counter(), time.process_time()
    serial = ah.panel(profiles, n=N, rng=SEED)
    t_serial, cpu_serial = time.perf_counter() - start, time.process_time() - cpu
    mem = peak_mib(lambda: ah.panel(profiles, n=N, rng=SEED))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    start, cpu = time.perf_counter(), time.process_time()
    with ProcessPoolExecutor(cores) as pool:  # the pool's start-up is part of the time
        parallel = ah.panel(profiles, n=N, rng=SEED, executor=pool)
    t_pool = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_pool = time.process_time() - cpu
    cpu_pool += (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    same = all(
        np.array_equal(getattr(serial, k), getattr(parallel, k), equal_nan=True)
        for k in ("as_coded", "centre", "low", "high", "coverage", "draws")
    )
    per = t_serial / (ALLIANCES * YEARS * N) * 1e6
    print(
        f"  serial: {t_serial:.2f} s, CPU {cpu_serial:.2f} s"
        f" ({per:.2f} us per alliance-year-draw), peak {mem:.0f} MiB"
    )
    print(
        f"  ProcessPoolExecutor({cores}): {t_pool:.2f} s, CPU {cpu_pool:.2f} s in all processes;"
        f" speed-up {t_serial / t_pool:.2f}x"
    )
    print(f"  load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"  same bits as serial: {same}")
    t_rank = best_of(lambda: [serial.ranking(int(y)) for y in serial.years], repeat=1)
    print(f"  rankings of all {serial.years.size} years ({ALLIANCES} alliances): {t_rank:.2f} s")

    print("\ngrowth (CPU seconds, best of 2; ratios to 1x, linear = 2 and 4)")
    print(f"{'grows':<10} {'base':>5} {'1x':>8} {'2x':>8} {'4x':>8} {'2x/1x':>7} {'4x/1x':>7}")
    pool_of = [synthetic(k, 4 * 15) for k in range(4 * 20)]
    growth("alliances", lambda a: ah.panel(pool_of[:a], range(1950, 1965), n=512, rng=1), 20)
    growth("years", lambda y: ah.panel(pool_of[:20], range(1950, 1950 + y), n=512, rng=1), 15)
    growth("draws", lambda n: ah.panel(pool_of[:20], range(1950, 1965), n=n, rng=1), 512)


if __name__ == "__main__":
    main()
