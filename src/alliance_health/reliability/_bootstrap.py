"""Bootstrap distributions of Krippendorff's alpha: resampling units, or pairs of values."""

from __future__ import annotations

import numbers
from typing import Final

import numpy as np

from alliance_health._errors import ValidationError
from alliance_health.reliability._table import BLOCK, Array, Table, delta2, expected

__all__ = [
    "BOOTSTRAP_METHODS",
    "check_level",
    "check_options",
    "pair_draws",
    "to_generator",
    "unit_draws",
]

BOOTSTRAP_METHODS: Final = ("pairs", "units")
"""``units``: resample units (the default); ``pairs``: Hayes & Krippendorff (2007)."""


def to_generator(rng: object) -> np.random.Generator:
    """``rng`` (None, a non-negative int seed or a Generator) as a Generator; raise otherwise."""
    if rng is None or isinstance(rng, np.random.Generator):
        return np.random.default_rng(rng)
    seed = None if isinstance(rng, bool) else rng
    if isinstance(seed, numbers.Integral) and int(seed) >= 0:
        return np.random.default_rng(int(seed))
    msg = (
        "rng must be None, a non-negative integer seed or a numpy.random.Generator;"
        f" got {type(rng).__name__} {rng!r}"
    )
    raise ValidationError(msg)


def check_level(level: object, name: str = "level") -> float:
    """Return ``level`` if it is a number strictly between 0 and 1; raise naming ``name``."""
    if (
        isinstance(level, bool)
        or not isinstance(level, numbers.Real)
        or not 0.0 < float(level) < 1.0
    ):
        msg = f"{name} must be a number strictly between 0 and 1 (e.g. 0.95); got {level!r}"
        raise ValidationError(msg)
    return float(level)


def check_options(bootstrap: object, method: object, confidence_level: object) -> int:
    """Validate the bootstrap options; return the number of resamples (0 for none)."""
    whole = None if isinstance(bootstrap, bool) else bootstrap
    n = int(whole) if isinstance(whole, numbers.Integral) else -1
    if n == 1 or n < 0:
        msg = (
            "bootstrap must be 0 (no interval) or a whole number of resamples >= 2, e.g. 2000;"
            f" got {bootstrap!r}"
        )
        raise ValidationError(msg)
    if method not in BOOTSTRAP_METHODS:
        msg = f"method must be 'units' or 'pairs'; got {method!r}"
        raise ValidationError(msg)
    check_level(confidence_level, "confidence_level")
    return n


def unit_draws(t: Table, metric: str, n: int, gen: np.random.Generator) -> Array:
    """Alpha of ``n`` resamples of the pairable units (with replacement), a block at a time."""
    size = t.n_units
    picks = gen.multinomial(size, np.full(size, 1.0 / size), size=n).astype(np.float64)
    starts = np.searchsorted(t.entry_value, np.arange(t.values.size))
    fixed = None
    if metric != "ordinal":  # fixed differences: each unit's observed disagreement, once
        d2 = delta2(metric, t.values, t.pair_a, t.pair_b, t.n_c)
        fixed = np.bincount(t.pair_unit, weights=t.pair_w * d2, minlength=size)
    out = np.empty(n)
    step = max(1, BLOCK // max(t.pair_w.size, t.entry_unit.size, 1))
    for start in range(0, n, step):
        block = picks[start : start + step]
        n_c = np.add.reduceat(block[:, t.entry_unit], starts, axis=1)  # (rows, v)
        if fixed is None:  # ordinal: the differences move with the resample's marginals
            d2 = delta2(metric, t.values, t.pair_a, t.pair_b, n_c[:, None, :])[:, 0, :]
            observed = (block[:, t.pair_unit] * t.pair_w * d2).sum(axis=1)
        else:
            observed = block @ fixed
        exp_dis = expected(metric, t.values, n_c)
        with np.errstate(divide="ignore", invalid="ignore"):  # one value in a resample
            out[start : start + step] = np.where(
                exp_dis > 0, 1.0 - (n_c.sum(axis=1) - 1.0) * observed / exp_dis, np.nan
            )
    return out


def pair_draws(t: Table, metric: str, n: int, gen: np.random.Generator) -> Array:
    """Hayes & Krippendorff (2007): draw pairs of values from the coincidences; D_e is fixed."""
    cells, cell = np.unique(t.pair_a * t.values.size + t.pair_b, return_inverse=True)
    coincidences = np.bincount(cell, weights=t.pair_w)  # o_ck of the occupied cells
    a, b = cells // t.values.size, cells % t.values.size
    n_c = t.n_c
    total = n_c.sum()
    exp_dis = expected(metric, t.values, n_c) / (total * (total - 1.0))
    pairs = round(float((t.m * (t.m - 1.0) / 2.0).sum()))  # the pairs of values the data hold
    drawn = gen.multinomial(pairs, coincidences / coincidences.sum(), size=n)
    observed = drawn @ delta2(metric, t.values, a, b, n_c) / pairs
    out: Array = 1.0 - observed / exp_dis
    return out
