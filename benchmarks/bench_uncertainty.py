"""Monte Carlo speed and accuracy: ``uncertainty`` against plain Monte Carlo with numpy draws.

Run: ``python benchmarks/bench_uncertainty.py``. Targets (issue "Performance"): ``uncertainty`` at
n = 100,000 within 1.5x the time of a plain-numpy Monte Carlo of the same model, and its
quasi-Monte Carlo accuracy kept: lower variance of the 5 %, 50 % and 95 % quantiles over
replicates than plain Monte Carlo at the same n.

What each side does, on the same profile-year and the same uncertain inputs
(``UncertainInputs.build``):

- ``alliance_health.uncertainty``: scrambled Sobol' points (``scipy.stats.qmc``), the surveys'
  Beta quantiles read from a table built once per call (``QuantileGrid``), the ranges' two-piece
  triangular quantiles in closed form, then the engine's aggregation, block by block.
- plain Monte Carlo: ``numpy.random.Generator.random`` for the quantile levels,
  ``Generator.beta`` for the survey values and ``Generator.triangular`` for the two halves of
  each range (a fair coin picks the half: the coded value is the median), then the same engine
  call on the same blocks. It is what a user would write with numpy alone, reusing our engine
  for the arithmetic of the model; the two sides differ only in how the inputs are drawn.
"""

from __future__ import annotations

import warnings
from unittest import mock

import numpy as np
from common import benchmark_profile, best_of, describe

import alliance_health as ah
from alliance_health._analysis import draws as draws_module
from alliance_health._analysis.draws import UncertainInputs

N = 100_000
REPLICATES = 30
N_ACCURACY = 16_384
_SURVEY, _RANGE = draws_module._SURVEY, draws_module._RANGE  # noqa: SLF001  (benchmark internals)


def plain_monte_carlo(inputs: UncertainInputs, n: int, seed: int) -> np.ndarray:
    """Health draws (n,) of the first year by plain Monte Carlo with numpy's own samplers."""
    gen = np.random.default_rng(seed)
    health = np.empty(n)
    survey = np.flatnonzero(inputs.kind == _SURVEY)
    ranged = np.flatnonzero(inputs.kind == _RANGE)
    lo, mid, hi = inputs.low[ranged], inputs.value[ranged], inputs.high[ranged]
    for block in inputs.blocks(n):
        rows = block.stop - block.start
        u = gen.random((rows, inputs.d))
        values = np.empty((rows, inputs.kind.size))
        values[:] = inputs.value
        values[:, survey] = 100.0 * gen.beta(
            inputs.beta_a[survey], inputs.beta_b[survey], (rows, survey.size)
        )
        upper = gen.random((rows, ranged.size)) < 0.5
        left = gen.triangular(np.minimum(lo, mid - 1e-12), mid, mid, (rows, ranged.size))
        right = gen.triangular(mid, mid, np.maximum(hi, mid + 1e-12), (rows, ranged.size))
        values[:, ranged] = np.where(upper, right, left)
        with mock.patch.object(
            UncertainInputs, "observation_values", lambda _self, _u, v=values: v
        ):
            health[block] = inputs.evaluate(inputs.ppf(u)).health[:, 0]
    return health


def main() -> None:
    warnings.simplefilter("ignore", ah.CoverageWarning)
    profile, year, label = benchmark_profile()
    print(describe(profile, year, label))
    layout = ah.build_layout(profile, [year])
    inputs = UncertainInputs.build(layout, ah.Model(), vary_model=False)
    print(f"{inputs.d} uncertain inputs; n = {N:,} draws; best of 3 runs, the methods interleaved")

    ours = ah.uncertainty(profile, year, n=N, rng=0).draws
    plain = plain_monte_carlo(inputs, N, 0)
    q = [0.05, 0.5, 0.95]
    print(f"quantiles 5/50/95 %: ours  {np.quantile(ours, q).round(4)}")
    print(f"                     plain {np.quantile(plain, q).round(4)}")

    t_ours = best_of(lambda: ah.uncertainty(profile, year, n=N, rng=0))
    t_plain = best_of(lambda: plain_monte_carlo(inputs, N, 0))
    print()
    print(f"{'method':<44} {'time [s]':>9} {'per draw [us]':>14}")
    for name, t in (
        ("alliance_health.uncertainty (Sobol, tables)", t_ours),
        ("plain Monte Carlo, numpy Generator draws", t_plain),
    ):
        print(f"{name:<44} {t:9.3f} {t / N * 1e6:14.2f}")
    print(f"uncertainty / plain Monte Carlo = {t_ours / t_plain:.2f}x  (target <= 1.5x)")

    print()
    print(f"accuracy: {REPLICATES} replicates at n = {N_ACCURACY:,}, variance of each quantile")
    ours_q = np.array(
        [
            np.quantile(ah.uncertainty(profile, year, n=N_ACCURACY, rng=s).draws, q)
            for s in range(REPLICATES)
        ]
    )
    plain_q = np.array(
        [np.quantile(plain_monte_carlo(inputs, N_ACCURACY, 1000 + s), q) for s in range(REPLICATES)]
    )
    ratio = plain_q.var(axis=0, ddof=1) / ours_q.var(axis=0, ddof=1)
    for k, level in enumerate(q):
        print(f"  {level:>4.0%} quantile: plain / ours variance = {ratio[k]:5.1f}x")
    t_acc_ours = best_of(lambda: ah.uncertainty(profile, year, n=N_ACCURACY, rng=0))
    t_acc_plain = best_of(lambda: plain_monte_carlo(inputs, N_ACCURACY, 0))
    # Equal accuracy: plain MC needs `ratio` times the draws for the same quantile variance.
    worst = float(ratio.min())
    print(f"  at equal quantile accuracy (the least-improved quantile, {worst:.1f}x fewer draws),")
    print(f"  uncertainty is {worst * t_acc_plain / t_acc_ours:.1f}x faster than plain Monte Carlo")


if __name__ == "__main__":
    main()
