"""The pairable values of a (coders, units) table of codes, and alpha's disagreements."""

from __future__ import annotations

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._errors import ValidationError

__all__ = [
    "BLOCK",
    "METRICS",
    "Array",
    "IntArray",
    "Table",
    "alpha_of",
    "delta2",
    "expected",
    "tabulate",
]

Array = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

BLOCK = 1 << 21  # floats in one block of a blocked computation: bounds memory for any size
METRICS = ("interval", "nominal", "ordinal", "ratio")
"""The difference functions of Krippendorff (2011), named by level of measurement."""


@attrs.frozen(kw_only=True, eq=False)
class Table:
    """The pairable part of the codes: values, units and the ordered pairs within units."""

    values: Array  # (v,) distinct pairable values, sorted
    entry_unit: IntArray  # (E,) unit of each pairable code, sorted by value
    entry_value: IntArray  # (E,) value index of each pairable code, ascending
    m: Array  # (U,) codes per pairable unit, m_u >= 2
    pair_unit: IntArray  # (P,) unit of each ordered pair of codings of one unit
    pair_a: IntArray  # (P,) value index of the pair's first coding
    pair_b: IntArray  # (P,) value index of the second
    pair_w: Array  # (P,) 1 / (m_u - 1): each value's pairs share one unit of weight
    n_coders: int

    @property
    def n_units(self) -> int:
        return int(self.m.size)

    @property
    def n_c(self) -> Array:
        """How often each value was coded in the pairable units (the n_c of the coincidences)."""
        out: Array = np.bincount(self.entry_value, minlength=self.values.size).astype(np.float64)
        return out


def tabulate(codes: object, metric: str) -> Table:
    """Validate ``codes`` and ``metric`` and tabulate the pairable values (before any maths)."""
    if metric not in METRICS:
        msg = f"metric must be one of {', '.join(map(repr, METRICS))}; got {metric!r}"
        raise ValidationError(msg)
    try:
        x = np.array(codes, dtype=np.float64)
    except (TypeError, ValueError):
        msg = f"codes must be numbers, with NaN for a missing code; got {codes!r:.80}"
        raise ValidationError(msg) from None
    if x.ndim != 2 or x.shape[0] < 2:
        msg = (
            "codes must be a 2-D array of shape (coders, units) with at least 2 coders (rows);"
            f" got shape {x.shape}; put one row per coder, NaN where a coder did not code a unit"
        )
        raise ValidationError(msg)
    if np.isinf(x).any():
        coder, unit = np.argwhere(np.isinf(x))[0]
        msg = (
            f"codes must be finite or NaN (missing); got {x[coder, unit]} at coder {coder},"
            f" unit {unit}"
        )
        raise ValidationError(msg)
    if metric == "ratio" and (x < 0).any():
        msg = (
            f"the ratio metric needs non-negative codes (a scale with an absolute zero); got"
            f" {np.nanmin(x)}; use metric='interval'"
        )
        raise ValidationError(msg)
    coded = ~np.isnan(x)
    m = coded.sum(axis=0)
    keep = m >= 2  # a unit coded once has no pair: it is not pairable and drops
    if not keep.any():
        msg = (
            "codes have no pairable unit: every unit needs codes from at least 2 coders;"
            f" got {x.shape[1]} units with at most {int(m.max(initial=0))} code each"
        )
        raise ValidationError(msg)
    x, coded, m = x[:, keep], coded[:, keep], m[keep]
    values, index = np.unique(x[coded], return_inverse=True)
    if values.size < 2:
        msg = (
            f"alpha is undefined when a single value is observed (every pairable code is"
            f" {values[0]:g}): the expected disagreement is zero; code more varied units"
        )
        raise ValidationError(msg)
    n_coders, n_units = x.shape
    idx = np.full(x.shape, -1, dtype=np.intp)
    idx[coded] = index
    unit = np.broadcast_to(np.arange(n_units), x.shape)[coded]
    order = np.argsort(idx[coded], kind="stable")
    # every ordered pair (i, j), i != j, of coders who both coded a unit
    pair = coded[:, None, :] & coded[None, :, :] & ~np.eye(n_coders, dtype=bool)[:, :, None]
    pair_unit = np.broadcast_to(np.arange(n_units), pair.shape)[pair]
    return Table(
        values=values,
        entry_unit=unit[order],
        entry_value=idx[coded][order],
        m=m.astype(np.float64),
        pair_unit=pair_unit,
        pair_a=np.broadcast_to(idx[:, None, :], pair.shape)[pair],
        pair_b=np.broadcast_to(idx[None, :, :], pair.shape)[pair],
        pair_w=1.0 / (m[pair_unit] - 1.0),
        n_coders=n_coders,
    )


def _midranks(n_c: Array) -> Array:
    """Ordinal positions of the values: ``sum(n_g, g < c) + n_c / 2`` (along the last axis)."""
    out: Array = np.cumsum(n_c, axis=-1) - n_c / 2.0
    return out


def delta2(metric: str, values: Array, a: IntArray, b: IntArray, n_c: Array) -> Array:
    """Squared differences of value pairs ``(a, b)`` (Krippendorff 2011, section E)."""
    out: Array
    if metric == "nominal":
        out = (a != b).astype(np.float64)
        return out
    if metric == "ordinal":  # (sum_{g=c}^{k} n_g - (n_c + n_k) / 2)^2 = (R_k - R_c)^2
        rank = _midranks(n_c)
        out = (np.take(rank, a, axis=-1) - np.take(rank, b, axis=-1)) ** 2
        return out
    x, y = values[a], values[b]
    if metric == "interval":
        out = (x - y) ** 2
        return out
    total = x + y  # ratio; both zero is no difference
    out = np.divide(x - y, total, out=np.zeros_like(total), where=total != 0) ** 2
    return out


def expected(metric: str, values: Array, n_c: Array) -> Array:
    """``sum_c sum_k n_c n_k delta2_ck`` for value counts ``n_c`` (along the last axis)."""
    n = n_c.sum(axis=-1)
    out: Array
    if metric == "nominal":
        out = n**2 - (n_c**2).sum(axis=-1)
    elif metric in {"interval", "ordinal"}:  # 2 (n sum n_c x_c^2 - (sum n_c x_c)^2)
        x = values if metric == "interval" else _midranks(n_c)
        out = 2.0 * (n * (n_c * x**2).sum(axis=-1) - (n_c * x).sum(axis=-1) ** 2)
    else:  # ratio: no closed form; the (v, v) differences, a block of rows at a time
        grid = np.arange(values.size)
        out = np.zeros(n.shape)
        step = max(1, BLOCK // values.size)
        for start in range(0, values.size, step):
            rows = grid[start : start + step]
            d2 = delta2(metric, values, rows[:, None], grid[None, :], n_c)
            out += (n_c[..., rows] * (n_c @ d2.T)).sum(axis=-1)
    return out


def alpha_of(t: Table, metric: str) -> tuple[float, Array]:
    """Alpha and the observed value counts ``n_c`` of a table."""
    n_c = t.n_c
    observed = t.pair_w @ delta2(metric, t.values, t.pair_a, t.pair_b, n_c)
    return 1.0 - (n_c.sum() - 1.0) * observed / expected(metric, t.values, n_c), n_c
