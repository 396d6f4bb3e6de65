"""Import time of alliance_health against numpy, each in fresh interpreters.

Run: ``python benchmarks/bench_import.py``. Target: ``import alliance_health`` takes at most 1.5x
as long as ``import numpy``. The package loads each public name on first use, so the import alone
loads nothing; the third row times the import with the first use of the domain model
(``alliance_health.Profile``, which brings numpy and attrs), the cost a user pays in practice.
Each figure is the best of several fresh ``python -c`` runs, timed inside the interpreter.
"""

from __future__ import annotations

import subprocess
import sys
import time

RUNS = 7
PROBE = (
    "import time; t = time.perf_counter(); import {module}; "
    "print(time.perf_counter() - t); import sys; print('scipy' in sys.modules)"
)


def import_time(module: str) -> tuple[float, bool]:
    """Best import time of ``module`` over fresh interpreters, and whether scipy got imported."""
    best, scipy_loaded = float("inf"), False
    for _ in range(RUNS):
        out = subprocess.run(  # noqa: S603  (runs this interpreter on a fixed probe)
            [sys.executable, "-c", PROBE.format(module=module)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        best = min(best, float(out[0]))
        scipy_loaded = out[1] == "True"
    return best, scipy_loaded


def process_time(statement: str) -> float:
    """Best wall-clock time of a whole ``python -c statement`` process (start-up included)."""
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)  # noqa: S603  (fixed probe)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    print(f"best of {RUNS} fresh interpreters ({sys.executable})")
    print(f"{'module':<40} {'import [ms]':>12} {'scipy loaded':>13}")
    times = {}
    for module in ("numpy", "alliance_health", "alliance_health; alliance_health.Profile"):
        t, scipy_loaded = import_time(module)
        times[module] = t
        print(f"{module:<40} {t * 1e3:12.1f} {scipy_loaded!s:>13}")
    print()
    for module in ("alliance_health", "alliance_health; alliance_health.Profile"):
        ratio = times[module] / times["numpy"]
        print(f"{module} / numpy = {ratio:.2f}x  (target <= 1.5x)")
    print()
    print(
        f"whole processes, best of {RUNS}: python -c '<statement>' (interpreter start-up included)"
    )
    bare = process_time("pass")
    rows = {s: process_time(s) for s in ("import numpy", "import alliance_health")}
    rows["import alliance_health; alliance_health.Profile"] = process_time(
        "import alliance_health; alliance_health.Profile"
    )
    print(f"{'python -c pass':<50} {bare * 1e3:8.1f} ms")
    for statement, t in rows.items():
        print(f"{statement:<50} {t * 1e3:8.1f} ms")
    for statement in ("import alliance_health", "import alliance_health; alliance_health.Profile"):
        ratio = rows[statement] / rows["import numpy"]
        print(f"{statement} / import numpy (whole processes) = {ratio:.2f}x  (target <= 1.5x)")


if __name__ == "__main__":
    main()
