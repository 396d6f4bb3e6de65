"""Aggregation kernels on arrays: the power mean and reductions over contiguous segments.

Everything here works on whole arrays whose last axis is aggregated and whose leading axes are
free (Monte Carlo draws, years), so that one call scores many draws or many years.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = ["power_mean", "segment_mean", "segment_reduce"]

Array = npt.NDArray[np.float64]
_REDUCERS: Final = {"min": np.minimum, "max": np.maximum, "sum": np.add}


def power_mean(x: npt.ArrayLike, weights: npt.ArrayLike, p: npt.ArrayLike) -> Array:
    r"""Weighted power (generalised) mean over the last axis.

    .. math:: M_p(x; w) = \Big(\sum_i \tilde w_i x_i^p\Big)^{1/p}, \qquad
              \tilde w_i = w_i / \textstyle\sum_j w_j

    with the limits ``p = 0`` (weighted geometric mean), ``p = -inf`` (minimum) and ``p = +inf``
    (maximum) over the items of positive weight. For ``p <= 0`` any item at 0 gives 0: no amount of
    one ingredient compensates for the absence of another.

    Parameters
    ----------
    x : array_like, shape (..., m)
        Values in [0, 1].
    weights : array_like, shape (m,) or (..., m)
        Non-negative weights, not all zero.
    p : float or array_like, shape broadcastable to ``x.shape[:-1]``
        The exponent; an array gives one exponent per row (Monte Carlo over the model).

    Returns
    -------
    numpy.ndarray, shape (...)
        The means.

    Notes
    -----
    For finite ``p != 0`` the mean is computed as ``r * M_p(x / r)`` with ``r`` the largest item
    (``p > 0``) or the smallest (``p < 0``), so that ``x ** p`` never overflows even for large
    ``|p|``. Since the normalised weights sum to one, ``s = sum w (x/r)^p = 1 + sum w expm1(p
    log(x/r))``; when ``s`` is near 1 its logarithm is taken as ``log1p`` of that sum, so the mean
    stays accurate as ``p -> 0`` (the plain power ``s ** (1/p)`` loses every digit there: at
    ``p = -1e-17`` it returned the minimum), and as ``log(s)`` otherwise, so that a tiny ``s``
    (an item of tiny weight far below the rest) keeps its digits. Where every ``|p log(x/r)|`` is
    below 1e-8 the logarithm of the mean is taken from its cumulant series, ``log r + k1 + p k2/2``
    (weighted mean and variance of ``log(x/r)``), which stays exact as ``p`` tends to 0 (even for a
    subnormal ``p``, where ``p log(x/r)`` keeps only a few digits). Scalar ``p`` computes only its
    own branch.

    References
    ----------
    .. [1] Hardy, G. H., Littlewood, J. E. & Polya, G. (1934). *Inequalities*, ch. II.
    .. [2] OECD/JRC (2008). *Handbook on Constructing Composite Indicators*, section 6.1
           (geometric aggregation and compensability).

    Examples
    --------
    >>> float(power_mean([0.25, 1.0], [1, 1], 0))
    0.5
    >>> float(power_mean([0.25, 1.0], [1, 1], 1))
    0.625
    >>> float(power_mean([0.25, 1.0], [1, 1], float("-inf")))
    0.25
    """
    xs = np.asarray(x, dtype=np.float64)
    w = np.broadcast_to(np.asarray(weights, dtype=np.float64), xs.shape)
    pe = np.asarray(p, dtype=np.float64)
    wn = w / w.sum(axis=-1, keepdims=True)
    active = wn > 0
    lo: Array = np.min(np.where(active, xs, np.inf), axis=-1)
    hi: Array = np.max(np.where(active, xs, -np.inf), axis=-1)
    if pe.ndim == 0:  # one exponent for every row: compute only its branch
        if pe == -np.inf:
            return lo
        if pe == np.inf:
            return hi
        if pe == 0:
            return _geometric(xs, wn, active)
        return _general(xs, wn, active, np.where(pe > 0, hi, lo), pe)
    out: Array = np.select(
        [pe == -np.inf, pe == np.inf, pe == 0],
        [lo, hi, _geometric(xs, wn, active)],
        default=_general(xs, wn, active, np.where(pe > 0, hi, lo), pe),
    )
    return out


def _geometric(xs: Array, wn: Array, active: npt.NDArray[np.bool_]) -> Array:
    with np.errstate(divide="ignore", invalid="ignore"):
        out: Array = np.exp(np.sum(np.where(active, wn * np.log(xs), 0.0), axis=-1))
    return out


def _general(xs: Array, wn: Array, active: npt.NDArray[np.bool_], ref: Array, pe: Array) -> Array:
    """The power mean for finite ``p != 0``, relative to ``ref`` (see the Notes of power_mean)."""
    with np.errstate(divide="ignore", over="ignore", invalid="ignore", under="ignore"):
        safe = np.where(ref > 0, ref, 1.0)
        # log(x) - log(r), not log(x / r): the ratio overflows when r is subnormal
        big_l = np.where(active, np.log(xs) - np.log(safe)[..., None], 0.0)
        t = pe[..., None] * big_l  # <= 0 where it matters: each (x/r)^p <= 1
        s = np.sum(np.where(active, wn * np.exp(t), 0.0), axis=-1)
        s_m1 = np.sum(np.where(active, wn * np.expm1(t), 0.0), axis=-1)
        log_s = np.where(np.abs(s_m1) < 0.5, np.log1p(s_m1), np.log(s))
        # |p log(x/r)| tiny: the cumulant series k1 + p k2 / 2, exact to O((p L)^2 L)
        k1 = np.sum(wn * big_l, axis=-1)
        k2 = np.sum(wn * big_l**2, axis=-1) - k1**2
        tiny = np.max(np.abs(t), axis=-1) < 1e-8
        log_ratio = np.where(tiny, k1 + pe * k2 / 2, log_s / pe)
        # in log space: r * s^(1/p) over/underflows in between when r is subnormal
        out: Array = np.where(ref > 0, np.exp(np.log(safe) + log_ratio), 0.0)
    return out


def segment_reduce(values: Array, starts: npt.NDArray[np.intp], how: str) -> Array:
    """Reduce contiguous segments of the last axis with ``"min"``, ``"max"`` or ``"sum"``.

    ``starts`` holds each segment's first index, strictly increasing from 0; a segment runs to the
    next start. Uses ``numpy.ufunc.reduceat``: one pass, no Python loop over segments.
    """
    out: Array = _REDUCERS[how].reduceat(values, starts, axis=-1)
    return out


def segment_mean(
    values: Array, starts: npt.NDArray[np.intp], weights: npt.NDArray[np.float64] | None = None
) -> Array:
    """(Weighted) arithmetic mean of contiguous segments of the last axis."""
    if weights is None:
        counts = np.diff(np.append(starts, values.shape[-1]))
        return segment_reduce(values, starts, "sum") / counts
    total = np.add.reduceat(weights, starts)
    return segment_reduce(values * weights, starts, "sum") / total
