"""Sobol' indices: ``sensitivity`` against SALib's Saltelli sampler and Sobol' analyser.

Run: ``python benchmarks/bench_sensitivity.py`` (needs the ``bench`` extra: ``pip install
"alliance_health[bench]"``; without SALib the script says so and exits 0).

Both sides analyse the same model: the health of the benchmark profile as a function of its
uncertain inputs (observations, pillar weights and ``p``). SALib samples the unit cube, and the
model function maps each point through the inputs' quantile functions (the same ones
``sensitivity`` gives SciPy); Sobol' indices are invariant under such monotone transforms of
independent inputs, so the two sets of indices estimate the same numbers. The model function is
vectorised, so the timing compares the samplers and estimators, not the scoring. SALib also
computes bootstrap confidence intervals (100 resamples, its default); ``sensitivity`` is timed
without and with the same number of resamples.
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
    print(f"SALib / sensitivity (no bootstrap)  = {t_salib / t_ours:.2f}x")
    print(f"SALib / sensitivity (both bootstrap) = {t_salib / t_boot:.2f}x")


if __name__ == "__main__":
    main()
