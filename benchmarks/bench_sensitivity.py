"""Sobol' indices: ``sensitivity`` against SALib's sampler and analyser, like for like.

Run: ``python benchmarks/bench_sensitivity.py`` (needs the ``bench`` extra: ``pip install
"alliance_health[bench]"``; without SALib the script says so and exits 0). Target: at least 2x
faster than SALib with the same work on both sides.

What each side does, for the same model (the health of the benchmark profile-year as a function
of its uncertain inputs: observations, absent members, unobserved indicators, pillar weights and
``p``), the same base sample N = 1024 and the same number of bootstrap resamples (100):

- ``alliance_health.sensitivity(..., bootstrap=100)``: scrambled Sobol' points for the matrices
  A and B, the N (d + 2) model evaluations in one vectorised call, Saltelli (2010) first-order and
  Jansen total estimators, 100 bootstrap resamples of the rows, percentile intervals.
- SALib: ``SALib.sample.sobol.sample`` (Saltelli's scheme, N (d + 2) points, no second order),
  the same vectorised model function on the unit cube (it maps each point through the inputs'
  quantile functions exactly as ``sensitivity`` does: SALib's documented way for a model whose
  inputs are not among its built-in distributions), and ``SALib.analyze.sobol.analyze`` with
  ``num_resamples=100`` (its bootstrap, normal-approximation intervals).

Sobol' indices are invariant under monotone transforms of independent inputs, so the two sets of
indices estimate the same numbers; their agreement is printed. The first timing row (no
bootstrap) is for information; the like-for-like ratio is the last line.
"""

from __future__ import annotations

import importlib.util
import sys

import numpy as np
from common import benchmark_profile, best_of, describe

import alliance_health as ah
from alliance_health._analysis.uncertainty import UncertainInputs

N = 1024
SEED = 0
RESAMPLES = 100


def main() -> None:
    if importlib.util.find_spec("SALib") is None:
        print("SALib is not installed: pip install 'alliance_health[bench]' to run this comparison")
        sys.exit(0)
    from SALib.analyze import sobol as salib_analyze  # noqa: PLC0415  (optional)
    from SALib.sample import sobol as salib_sample  # noqa: PLC0415  (optional)

    profile, year, label = benchmark_profile()
    print(describe(profile, year, label))
    layout = ah.build_layout(profile, [year])
    inputs = UncertainInputs.build(layout, ah.Model(), vary_model=True)
    d = inputs.d
    problem = {"num_vars": d, "names": list(inputs.labels), "bounds": [[0.0, 1.0]] * d}

    def model(u: np.ndarray) -> np.ndarray:
        return inputs.evaluate(inputs.ppf(u)).health[:, 0]

    def run_salib() -> dict[str, np.ndarray]:
        u = salib_sample.sample(problem, N, calc_second_order=False, seed=SEED)
        return salib_analyze.analyze(
            problem, model(u), calc_second_order=False, num_resamples=RESAMPLES, seed=SEED
        )

    ours = ah.sensitivity(profile, year, n=N, rng=SEED)
    theirs = run_salib()
    t_ours = best_of(lambda: ah.sensitivity(profile, year, n=N, rng=SEED))
    t_boot = best_of(lambda: ah.sensitivity(profile, year, n=N, rng=SEED, bootstrap=RESAMPLES))
    t_salib = best_of(run_salib)

    print(f"n = {N} base samples, {d} inputs, {N * (d + 2):,} model evaluations each")
    print()
    wide = max(len(x) for x in inputs.labels)
    print(f"{'input':<{wide}} {'S1 ours':>8} {'S1 SALib':>9} {'ST ours':>8} {'ST SALib':>9}")
    for j, name in enumerate(inputs.labels):
        print(
            f"{name:<{wide}} {ours.first_order[j]:8.3f} {theirs['S1'][j]:9.3f}"
            f" {ours.total[j]:8.3f} {theirs['ST'][j]:9.3f}"
        )
    gap_s1 = np.max(np.abs(ours.first_order - theirs["S1"]))
    gap_st = np.max(np.abs(ours.total - theirs["ST"]))
    half_width = float(np.max(theirs["ST_conf"]))
    print()
    print(f"largest difference: S1 {gap_s1:.3f}, ST {gap_st:.3f}")
    print(f"(SALib's largest 95% half-width on ST: {half_width:.3f})")
    print()
    print(f"{'method':<44} {'time [s]':>9}")
    print(f"{'alliance_health.sensitivity':<44} {t_ours:9.4f}")
    print(f"{f'alliance_health.sensitivity, bootstrap={RESAMPLES}':<44} {t_boot:9.4f}")
    print(f"{f'SALib sample + analyze ({RESAMPLES} resamples)':<44} {t_salib:9.4f}")
    print()
    print(f"SALib / sensitivity without its bootstrap = {t_salib / t_ours:.2f}x (unequal work)")
    print(
        f"SALib / sensitivity, both {RESAMPLES} resamples = {t_salib / t_boot:.2f}x (target >= 2x)"
    )


if __name__ == "__main__":
    main()
