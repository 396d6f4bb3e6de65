"""Pooling several coders' codings of one unit into a point value and Monte Carlo draws."""

from __future__ import annotations

from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import Interval, Table, _validate
from alliance_health._errors import ValidationError
from alliance_health._present.result import Tabular
from alliance_health.reliability._bootstrap import to_generator
from alliance_health.reliability._table import Array

__all__ = ["PooledCoding", "pool_codings"]

_LEVEL: Final = 0.9  # the confidence level of the interval in the table


@attrs.frozen(kw_only=True, eq=False, repr=False)
class PooledCoding(Tabular):
    """The pooled value of units coded by several coders, and draws from the coders' mixture.

    Attributes
    ----------
    point : float or numpy.ndarray
        Median of the coders' values (one per unit for 2-D input).
    draws : numpy.ndarray
        Shape (n,) or (n, units): draws from the equal-weight mixture of the coders' ranges.
    n_coders : int or numpy.ndarray
        Coders who coded each unit.

    Notes
    -----
    Its :meth:`table` has one row per unit (columns on the Tables page, :doc:`/tables`).

    Examples
    --------
    >>> pooled = pool_codings([1, 2, 3], lo=[0, 1, 2], hi=[2, 3, 4], rng=0)
    >>> pooled.point, pooled.n_coders
    (2.0, 3)
    """

    point: float | Array
    draws: Array
    n_coders: int | npt.NDArray[np.intp]

    def interval(self, confidence_level: float = 0.9, *, level: float | None = None) -> Interval:
        """Equal-tailed interval holding ``confidence_level`` of the draws (one per unit).

        ``level`` is the deprecated spelling of ``confidence_level``.

        Examples
        --------
        >>> pool_codings([1, 3], lo=[1, 3], hi=[1, 3], rng=0).interval(0.5)
        Interval(low=1.0, high=3.0, confidence_level=0.5)
        """
        level = _validate.check_confidence(confidence_level, level, call="PooledCoding.interval")
        low, high = np.quantile(self.draws, [(1.0 - level) / 2.0, (1.0 + level) / 2.0], axis=0)
        if self.draws.ndim == 1:
            return Interval(low=float(low), high=float(high), confidence_level=level)
        return Interval(low=low, high=high, confidence_level=level)

    def table(self) -> Table:
        """One row per unit: the pooled point, the coders and the 90 % interval of the draws.

        Examples
        --------
        >>> pool_codings([1, 3], rng=0).table().records()[0]["point"]
        2.0
        """
        iv = self.interval(_LEVEL)
        n = self.draws.shape[0]
        return Table.from_columns(
            {
                "unit": np.arange(np.size(self.point)),
                "point": np.atleast_1d(self.point),
                "coders": np.atleast_1d(self.n_coders),
                "low": np.atleast_1d(iv.low),
                "high": np.atleast_1d(iv.high),
                "confidence_level": np.full(np.size(self.point), _LEVEL),
            },
            caption=f"Pooled codings: median of the coders, interval of {n} mixture draws",
            notes=["point: median of the coders' values; low, high: equal-tailed interval"],
            index=["unit"],
            name="pooled",
        )


def _arrays(values: Any, lo: Any, hi: Any) -> tuple[Array, Array, Array]:  # noqa: ANN401
    try:
        x = np.array(values, dtype=np.float64)
        low = x.copy() if lo is None else np.array(lo, dtype=np.float64)
        high = x.copy() if hi is None else np.array(hi, dtype=np.float64)
    except (TypeError, ValueError):
        msg = f"values, lo and hi must be numbers (NaN where a coder did not code); got {values!r}"
        raise ValidationError(msg) from None
    if x.ndim not in {1, 2} or x.shape[0] < 1 or low.shape != x.shape or high.shape != x.shape:
        msg = (
            "values must have shape (coders,) or (coders, units), and lo and hi the same shape;"
            f" got {x.shape}, {low.shape}, {high.shape}"
        )
        raise ValidationError(msg)
    coded = ~np.isnan(x)
    if np.isinf(x).any() or np.isnan(low[coded]).any() or np.isnan(high[coded]).any():
        msg = "values must be finite or NaN, and lo and hi finite wherever a value is coded"
        raise ValidationError(msg)
    if not (low[coded] <= x[coded]).all() or not (x[coded] <= high[coded]).all():
        msg = "each coder's range must hold the value: lo <= value <= hi; swap or widen lo, hi"
        raise ValidationError(msg)
    if not coded.any(axis=0).all():
        unit = int(np.flatnonzero(~coded.any(axis=0))[0]) if x.ndim == 2 else 0
        msg = f"every unit needs at least one coded value; unit {unit} has none; drop it"
        raise ValidationError(msg)
    return x, low, high


def pool_codings(
    values: npt.ArrayLike,
    lo: npt.ArrayLike | None = None,
    hi: npt.ArrayLike | None = None,
    *,
    n: int = 4096,
    rng: int | np.random.Generator | None = None,
) -> PooledCoding:
    """Pool coders' codings: the median as the point, an equal mixture of their ranges as draws.

    The rule for a unit coded by several coders: its point value is the **median** of the coders'
    values, so one outlying coder moves it little; its uncertainty is the **equal-weight
    mixture** of the coders' ranges: each draw picks one of the unit's coders uniformly at random,
    then draws from that coder's triangular distribution on ``[lo, hi]`` with its mode at the
    coder's value (the distribution the engine gives a single :class:`~alliance_health.Range`).
    Disagreement between coders therefore widens the draws, as it should: the spread of the
    mixture is the coders' own doubt plus the spread of their values (the law of total
    variance).

    Parameters
    ----------
    values : array_like
        Shape (coders,) for one unit or (coders, units); NaN where a coder did not code a unit.
    lo, hi : array_like, optional
        Each coder's plausible range, same shape as ``values``; default the value itself (no
        doubt beyond the disagreement).
    n : int, optional
        Number of draws, default 4096.
    rng : int or numpy.random.Generator, optional
        Seed or generator; the same seed gives the same draws.

    Returns
    -------
    PooledCoding
        ``point`` (median), ``draws`` of shape (n,) or (n, units), ``n_coders``.

    Raises
    ------
    ValidationError
        Shapes that differ, a range that does not hold its value, a unit nobody coded, ``n`` < 1.

    References
    ----------
    Clemen, R. T. & Winkler, R. L. (1999). Combining probability distributions from experts in
    risk analysis. *Risk Analysis*, 19(2), 187-203 (the equal-weight linear opinion pool).

    Examples
    --------
    Two coders who disagree: the pooled draws spread over both ranges.

    >>> pooled = pool_codings([1, 3], lo=[0.5, 2.5], hi=[1.5, 3.5], n=2000, rng=0)
    >>> float(pooled.point), bool(pooled.draws.min() < 1 < 3 < pooled.draws.max())
    (2.0, True)
    """
    x, low, high = _arrays(values, lo, hi)
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        msg = f"n must be a whole number >= 1 (the number of draws); got {n!r}"
        raise ValidationError(msg)
    gen = to_generator(rng)
    one = x.ndim == 1
    x, low, high = (a.reshape(a.shape[0], -1) for a in (x, low, high))
    coded = ~np.isnan(x)
    k = coded.sum(axis=0)  # coders per unit
    order = np.argsort(~coded, axis=0, kind="stable")  # each unit's coders first, in row order
    units = np.arange(x.shape[1])
    pick = np.minimum((gen.random((n, units.size)) * k).astype(np.intp), k - 1)
    coder = order[pick, units]
    a, mode, b = low[coder, units], x[coder, units], high[coder, units]
    draws = _triangular(a, mode, b, gen.random((n, units.size)))
    point = np.nanmedian(x, axis=0)
    if one:
        return PooledCoding(point=float(point[0]), draws=draws[:, 0], n_coders=int(k[0]))
    return PooledCoding(point=point, draws=draws, n_coders=k.astype(np.intp))


def _triangular(a: Array, mode: Array, b: Array, u: Array) -> Array:
    """Inverse CDF of the triangular law on ``[a, b]`` with ``mode``; ``a == b`` is a point."""
    width = b - a
    left = mode - a
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(width > 0, left / width, 0.0)
    below = a + np.sqrt(u * width * left)
    above = b - np.sqrt((1.0 - u) * width * (b - mode))
    out: Array = np.where(u < c, below, above)
    return out
