"""Observed and expected disagreement: the building blocks of S, kappa, pi and A."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from alliance_health.similarity._inputs import (
    CATEGORY_LIMIT,
    CHUNK_BUDGET,
    Array,
    Distance,
    delta,
    ratio,
)

__all__ = ["chunked", "code_positions", "distinct", "expected", "observed"]


def observed(x: Array, y: Array, w: Array, distance: Distance) -> Array:
    """Weighted mean distance between paired positions, ``sum w d(x_k, y_k) / sum w``."""
    return ratio((w * delta(x, y, distance)).sum(-1), w.sum(-1))


def expected(x: Array, wx: Array, y: Array, wy: Array, distance: Distance) -> Array:
    """Mean distance between independent draws from the two weighted distributions.

    ``sum_k sum_l wx_k wy_l d(x_k, y_l) / (sum wx * sum wy)``. Squared distances have the closed
    form ``var_x + var_y + (mean_x - mean_y)**2``; the others go through a histogram on the
    distinct values when they are few (votes, alliance codes), or through all pairs otherwise.
    """
    sx, sy = wx.sum(-1), wy.sum(-1)
    if distance == "squared":
        # Shift both sides by one of x's values, so that constant portfolios give exactly zero.
        ref = np.take_along_axis(x, np.argmax(wx, axis=-1)[..., None], axis=-1)
        x, y = x - ref, y - ref
        mx, my = ratio((wx * x).sum(-1), sx), ratio((wy * y).sum(-1), sy)
        vx = ratio((wx * np.square(x - mx[..., None])).sum(-1), sx)
        vy = ratio((wy * np.square(y - my[..., None])).sum(-1), sy)
        return vx + vy + np.square(mx - my)
    lead = x.shape[:-1]
    rows = math.prod(lead)
    n = x.shape[-1]
    flat = [a.reshape(rows, n) for a in (x, wx, y, wy)]
    values = distinct([(flat[0], flat[1]), (flat[2], flat[3])])
    if values.size == 0:
        return np.full(lead, np.nan)
    if values.size <= min(CATEGORY_LIMIT, n):
        total = _expected_by_category(
            flat[0], flat[1], flat[2], flat[3], values=values, distance=distance
        )
    else:
        total = chunked(lambda a, b, c, d: _expected_by_pairs(a, b, c, d, distance), flat, n * n)
    return ratio(total.reshape(lead), sx * sy)


def distinct(arrays: Sequence[tuple[Array, Array]]) -> Array:
    """The sorted distinct values that carry weight.

    Whole-number codes in a short range (votes, alliance ties) give every code from the lowest
    to the highest, found in one pass without sorting the data.
    """
    lo = min(float(np.min(v, where=w > 0, initial=np.inf)) for v, w in arrays)
    hi = max(float(np.max(v, where=w > 0, initial=-np.inf)) for v, w in arrays)
    if not math.isfinite(lo):
        return np.empty(0)
    if hi - lo < CATEGORY_LIMIT and all(((v == np.round(v)) | (w == 0)).all() for v, w in arrays):
        return np.arange(lo, hi + 1.0)
    return np.unique(np.concatenate([v[w > 0] for v, w in arrays]))


def code_positions(v: Array, values: Array) -> npt.NDArray[np.intp]:
    """Position of each value in ``values`` (positions of zero-weight items are arbitrary)."""
    c = values.size
    whole = c > 1 and values[0] == np.round(values[0]) and values[-1] - values[0] == c - 1
    if whole:  # consecutive whole numbers: the position is the offset, no search
        offset: npt.NDArray[np.intp] = np.clip(np.rint(v - values[0]), 0, c - 1).astype(np.intp)
        return offset
    found: npt.NDArray[np.intp] = np.clip(np.searchsorted(values, v), 0, max(c - 1, 0))
    return found


def histogram(v: Array, w: Array, values: Array) -> Array:
    """Weighted counts (rows, c) of each distinct value; one bincount, no loop over rows."""
    rows = v.shape[0]
    c = values.size
    idx = code_positions(v, values)
    flat = (np.arange(rows)[:, None] * c + idx).ravel()
    counts = np.bincount(flat, weights=w.ravel(), minlength=rows * c)
    return np.asarray(counts, dtype=np.float64).reshape(rows, c)


def _expected_by_category(
    x: Array, wx: Array, y: Array, wy: Array, *, values: Array, distance: Distance
) -> Array:
    px, py = histogram(x, wx, values), histogram(y, wy, values)
    cost = delta(values[:, None], values[None, :], distance)
    out: Array = np.einsum("ra,ab,rb->r", px, cost, py)
    return out


def _expected_by_pairs(x: Array, wx: Array, y: Array, wy: Array, distance: Distance) -> Array:
    d = delta(x[:, :, None], y[:, None, :], distance)
    out: Array = np.einsum("rk,rkl,rl->r", wx, d, wy)
    return out


def chunked(func: Callable[..., Array], arrays: Sequence[Array], cost: int) -> Array:
    """Apply ``func`` to row blocks whose O(n**2) intermediates stay within a memory budget."""
    rows = arrays[0].shape[0]
    step = max(1, CHUNK_BUDGET // max(cost, 1))
    parts = [func(*(a[i : i + step] for a in arrays)) for i in range(0, rows, step)]
    return np.concatenate(parts) if parts else np.empty(0)
