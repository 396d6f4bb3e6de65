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


if __name__ == "__main__":
    main()
