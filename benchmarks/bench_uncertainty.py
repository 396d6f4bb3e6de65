"""Monte Carlo speed: ``uncertainty`` against bare numpy and against a loop over ``score``.

Run: ``python benchmarks/bench_uncertainty.py``. Targets: at most 1.5x the time of a bare-numpy
expression of the same formulas, and at least 50x faster than scoring draw by draw.

The bare-numpy version below is written for the default model (member rule min for shared
threat and mean elsewhere, weighted mean of indicators, best-shared threat, equal-weight geometric
mean of the pillars) and uses the same Sobol' points and quantile functions, so its draws equal the
library's up to rounding (checked below).
"""

from __future__ import annotations

import time
import warnings

import attrs
import numpy as np
from common import benchmark_profile, best_of, describe
from scipy import stats
from scipy.stats import qmc

import alliance_health as ah

N = 100_000
LOOP_DRAWS = 200
SEED = 0


def bare_draws(profile: ah.Profile, year: int, n: int, seed: int) -> np.ndarray:
    """Draw raw values (n, U) of the observations ``score`` uses, in their order."""
    used = [u.observation for u in ah.score(profile, year).used]
    base = np.array([o.value for o in used])
    survey = [j for j, o in enumerate(used) if isinstance(o.uncertainty, ah.Survey)]
    ranged = [
        j
        for j, o in enumerate(used)
        if isinstance(o.uncertainty, ah.Range) and o.uncertainty.hi > o.uncertainty.lo
    ]
    uncertain = sorted(survey + ranged)
    col = {j: c for c, j in enumerate(uncertain)}
    values = np.tile(base, (n, 1))
    if not uncertain:
        return values
    m = n.bit_length() - 1
    engine = qmc.Sobol(len(uncertain), scramble=True, rng=np.random.default_rng(seed))
    with warnings.catch_warnings():  # n = 100,000 is not a power of two; as in the library
        warnings.filterwarnings("ignore", "The balance properties", UserWarning)
        u = engine.random_base2(m) if n == 1 << m else engine.random(n)
    if survey:
        sizes = np.array([used[j].uncertainty.n for j in survey])
        k = base[survey] / 100 * sizes
        values[:, survey] = stats.beta.ppf(
            u[:, [col[j] for j in survey]], k + 0.5, sizes - k + 0.5, scale=100.0
        )
    if ranged:
        lo = np.array([used[j].uncertainty.lo for j in ranged])
        hi = np.array([used[j].uncertainty.hi for j in ranged])
        values[:, ranged] = stats.triang.ppf(
            u[:, [col[j] for j in ranged]], (base[ranged] - lo) / (hi - lo), loc=lo, scale=hi - lo
        )
    return values


def bare_health(profile: ah.Profile, year: int, values: np.ndarray) -> np.ndarray:
    """Health of each row of raw values under the default model, in plain numpy."""
    used = [u.observation for u in ah.score(profile, year).used]
    inds = [profile.indicator(o.indicator) for o in used]
    lo = np.array([i.scale[0] for i in inds])
    hi = np.array([i.scale[1] for i in inds])
    x = (values - lo) / (hi - lo)
    flip = np.array([not i.higher_is_better for i in inds])
    x[:, flip] = 1.0 - x[:, flip]
    pillars = []
    for pillar in ah.Pillar:
        groups: dict[str | None, list[tuple[float, np.ndarray]]] = {}
        for ind in profile.indicators_of(pillar):
            cols = [j for j, i in enumerate(inds) if i.id == ind.id]
            if not cols:
                continue
            by_member = x[:, cols].min(axis=1) if pillar is ah.Pillar.SHARED_THREAT else None
            if by_member is None:
                by_member = x[:, cols].mean(axis=1)
            groups.setdefault(ind.threat, []).append((ind.weight, by_member))
        means = [sum(w * v for w, v in g) / sum(w for w, _ in g) for g in groups.values()]
        pillars.append(np.max(means, axis=0))
    return np.exp(np.mean(np.log(pillars), axis=0))


def loop_health(profile: ah.Profile, year: int, values: np.ndarray) -> np.ndarray:
    """Health draw by draw: rebuild the profile with each draw's values and call ``score``."""
    used = [u.observation for u in ah.score(profile, year).used]
    position = {o.key: j for j, o in enumerate(used)}
    out = np.empty(values.shape[0])
    for r, row in enumerate(values):
        observations = tuple(
            attrs.evolve(o, value=float(row[position[o.key]])) if o.key in position else o
            for o in profile.observations
        )
        drawn = attrs.evolve(profile, observations=observations)
        out[r] = ah.score(drawn, year).health
    return out


def main() -> None:
    profile, year, label = benchmark_profile()
    print(describe(profile, year, label))
    print(f"n = {N:,} draws; times are the best of 3 runs")

    ours = ah.uncertainty(profile, year, n=N, rng=SEED)
    bare = bare_health(profile, year, bare_draws(profile, year, N, SEED))
    same = np.allclose(np.sort(ours.draws), np.sort(bare), rtol=0, atol=1e-12)
    print(f"bare numpy draws equal the library's (sorted, atol 1e-12): {same}")

    t_ours = best_of(lambda: ah.uncertainty(profile, year, n=N, rng=SEED))
    t_bare = best_of(lambda: bare_health(profile, year, bare_draws(profile, year, N, SEED)))

    values = bare_draws(profile, year, N, SEED)
    layout = ah.build_layout(profile, [year])
    model = ah.Model()
    t_engine = best_of(lambda: ah.evaluate(layout, layout.normalise(values), model))
    t_bare_agg = best_of(lambda: bare_health(profile, year, values))

    sub = values[:LOOP_DRAWS]
    start = time.perf_counter()
    looped = loop_health(profile, year, sub)
    t_loop = (time.perf_counter() - start) / LOOP_DRAWS * N
    engine_rows = ah.evaluate(layout, layout.normalise(sub), model).health[:, 0]
    agree = np.allclose(looped, engine_rows, rtol=0, atol=1e-12)
    print(f"loop over score agrees with the engine on {LOOP_DRAWS} draws: {agree}")
    print()

    rows = [
        ("alliance_health.uncertainty", t_ours),
        ("bare numpy, same formulas", t_bare),
        (f"loop over score ({LOOP_DRAWS} draws, extrapolated)", t_loop),
        ("aggregation only: ah.evaluate", t_engine),
        ("aggregation only: bare numpy", t_bare_agg),
    ]
    print(f"{'method':<46} {'time [s]':>10} {'per draw [us]':>14}")
    for name, t in rows:
        print(f"{name:<46} {t:10.4f} {t / N * 1e6:14.3f}")
    print()
    ratio_bare = t_ours / t_bare
    ratio_loop = t_loop / t_ours
    ratio_agg = t_engine / t_bare_agg
    print(f"uncertainty / bare numpy     = {ratio_bare:6.2f}x  (target <= 1.5x)")
    print(f"aggregation / bare numpy     = {ratio_agg:6.2f}x  (for information)")
    print(f"loop over score / uncertainty = {ratio_loop:,.0f}x faster  (target >= 50x)")


if __name__ == "__main__":
    main()
