"""Similarity of states' foreign-policy portfolios, for whole panels of dyads at once.

Two allies whose alliance portfolios (or United Nations votes) look alike are usually read as having
similar security interests. This module computes the standard measures of that similarity and turns
them into shared-threat observations of a :class:`~alliance_health.Profile`.

Every measure takes two arrays of shape ``(..., n_items)``: the positions of the two sides on the
same ``n_items`` items (third states, resolutions). Leading axes are free (dyads, years, draws) and
broadcast against each other, and the result has the leading shape ``(...)``. An item that is
``NaN`` on either side is left out for that dyad (complete cases), so ragged panels can be padded
with ``NaN``. Where a measure is undefined (every item missing, a portfolio with no variation for
tau-b, no expected disagreement for kappa and pi) the result is ``NaN``, never an error.

- :func:`s_score`: Signorino & Ritter's (1999) S, in [-1, 1]; 1 for identical portfolios.
- :func:`tau_b`: Kendall's tau-b as Bueno de Mesquita (1975) used it, in [-1, 1]; 1 for identical
  portfolios that are not constant.
- :func:`cohen_kappa`: Cohen's kappa with distance weights (Häge 2011), at most 1; 1 for identical
  portfolios where defined.
- :func:`scott_pi`: Scott's pi with distance weights (Häge 2011); 1 for identical portfolios where
  defined.
- :func:`alignment_index`: Benati & Capurri's (2026) A, in [-1, 1]; ``1 - E`` for identical
  portfolios, E being the S expected by chance.
- :func:`pairwise`: any of them for every pair of members in every year of a panel, in one call.

What these numbers speak to is **shared interest**, revealed by whom states ally with or how they
vote. A shared interest is a proxy for, not an observation of, Sherwood-Randall's "shared
recognition of common threats": two allies may vote alike for reasons that have nothing to do with a
threat, and may recognise the same threat while their portfolios differ. :func:`indicator` builds a
shared-threat indicator that says so in its description; use it beside direct measures of threat
recognition (surveys, doctrine), not instead of them.

References
----------
.. [1] Bueno de Mesquita, B. (1975). Measuring systemic polarity. *Journal of Conflict
   Resolution* 19(2), 187-216.
.. [2] Signorino, C. S. & Ritter, J. M. (1999). Tau-b or not tau-b: measuring the similarity of
   foreign policy positions. *International Studies Quarterly* 43(1), 115-144.
.. [3] Häge, F. M. (2011). Choice or circumstance? Adjusting measures of foreign policy
   similarity for chance agreement. *Political Analysis* 19(3), 287-305.
.. [4] Cohen, J. (1968). Weighted kappa: nominal scale agreement with provision for scaled
   disagreement or partial credit. *Psychological Bulletin* 70(4), 213-220.
.. [5] Scott, W. A. (1955). Reliability of content analysis: the case of nominal scale coding.
   *Public Opinion Quarterly* 19(3), 321-325.
.. [6] Benati, S. & Capurri, A. (2026). The alignment index and its application to voting at the
   United Nations General Assembly. *Quality & Quantity*. doi:10.1007/s11135-026-02814-x

Examples
--------
Signorino's own worked example (the documentation of his GAUSS procedure ``S.g``): alliance
portfolios coded 0-3, weighted by the system shares of the four third states.

>>> from alliance_health import similarity
>>> similarity.s_score(
...     [3, 3, 2, 2], [2, 2, 3, 3], scale=(0, 3), weights=[0.5, 0.3, 0.1, 0.1]
... ).round(4)
np.float64(0.3333)

Many dyad-years at once: leading axes broadcast.

>>> import numpy as np
>>> x = np.array([[3, 0, 0, 1], [3, 3, 0, 0]])
>>> similarity.s_score(x, [3, 0, 0, 0], scale=(0, 3)).round(4).tolist()
[0.8333, 0.5]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, Literal

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._domain.indicator import Indicator
from alliance_health._domain.observation import Exact, Observation
from alliance_health._domain.pillar import Pillar
from alliance_health._domain.source import Source
from alliance_health._errors import ScaleError, ValidationError

__all__ = [
    "DISTANCES",
    "MEASURES",
    "SCALES",
    "Pairwise",
    "alignment_index",
    "cohen_kappa",
    "indicator",
    "pairwise",
    "s_score",
    "scott_pi",
    "tau_b",
    "to_observations",
]

Array = npt.NDArray[np.float64]
Distance = Literal["absolute", "squared", "nominal"]

DISTANCES: Final = ("absolute", "squared", "nominal")
"""Distances between two positions: ``|a - b|``, ``(a - b)**2``, or 0/1 for equal/different.

``absolute`` gives partial credit in proportion to the gap (Signorino & Ritter's usual choice);
``squared`` penalises large gaps more (a defence pact against no tie counts nine times a one-step
difference on a 0-3 coding, not three times); ``nominal`` ignores the order of the codes.
"""

MEASURES: Final = ("s", "tau_b", "kappa", "pi", "a")
"""Names accepted by :func:`pairwise` and :func:`indicator`."""

SCALES: Final[Mapping[str, tuple[float, float]]] = {
    "s": (-1.0, 1.0),
    "tau_b": (-1.0, 1.0),
    "kappa": (-1.0, 1.0),
    "pi": (-1.0, 1.0),
    "a": (-1.0, 1.0),
}
"""The scale an indicator built on each measure declares.

S, tau-b and A lie in [-1, 1] by construction (see each function). kappa and pi are at most 1,
and at least -1 with squared distances; with absolute or nominal distances we know no proof that
they cannot fall below -1 (none did in our property tests), so :func:`to_observations` refuses
such a value with a :class:`ScaleError` rather than clipping it silently.
"""

_LABELS: Final = {
    "s": "Signorino & Ritter's S",
    "tau_b": "Kendall's tau-b",
    "kappa": "Cohen's kappa",
    "pi": "Scott's pi",
    "a": "Benati & Capurri's A",
}
_CATEGORY_LIMIT: Final = 64
_CHUNK_BUDGET: Final = 1 << 22  # array elements per chunk of the O(n**2) paths (32 MiB)


# -- argument checks ----------------------------------------------------------------------------
def _as_positions(value: npt.ArrayLike, name: str) -> Array:
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        msg = f"{name} must be an array of numbers of shape (..., n_items); got {value!r}"
        raise ValidationError(msg) from None
    if arr.ndim == 0:
        msg = f"{name} must have at least one axis (the items); got the scalar {value!r}"
        raise ValidationError(msg)
    if np.isinf(arr).any():
        msg = f"{name} must be finite (use NaN for a missing item); got an infinite value"
        raise ValidationError(msg)
    return arr


def _check_distance(distance: object) -> Distance:
    if distance not in DISTANCES:
        options = ", ".join(repr(d) for d in DISTANCES)
        msg = f"distance must be one of {options}; got {distance!r}"
        raise ValidationError(msg)
    return distance


def _check_scale(scale: object) -> tuple[float, float]:
    try:
        lo, hi = (float(v) for v in scale)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        msg = f"scale must be a pair (lo, hi): the lowest and highest possible code; got {scale!r}"
        raise ValidationError(msg) from None
    if not (math.isfinite(lo) and math.isfinite(hi)) or lo >= hi:
        msg = f"scale must be finite with lo < hi (e.g. (0, 3) for ATOP-style codes); got {scale!r}"
        raise ValidationError(msg)
    return lo, hi


def _prepare(
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    weights: npt.ArrayLike | None,
    scale: tuple[float, float] | None,
) -> tuple[Array, Array, Array]:
    """Broadcast x, y and weights to one shape; zero the weight of items missing on either side."""
    xa, ya = _as_positions(x, "x"), _as_positions(y, "y")
    arrays = [xa, ya]
    if weights is not None:
        wa = _as_positions(weights, "weights")
        if np.isnan(wa).any() or (wa < 0).any():
            msg = "weights must be finite and >= 0 (a weight of 0 leaves an item out)"
            raise ValidationError(msg)
        arrays.append(wa)
    try:
        shape = np.broadcast_shapes(*(a.shape for a in arrays))
    except ValueError:
        shapes = ", ".join(str(a.shape) for a in arrays)
        msg = (
            f"x, y (and weights) must broadcast to one shape (..., n_items); got shapes {shapes}."
            " The last axis is the items and must have the same length on both sides"
        )
        raise ValidationError(msg) from None
    xb, yb = np.broadcast_to(xa, shape), np.broadcast_to(ya, shape)
    w = np.ones(shape) if weights is None else np.broadcast_to(arrays[2], shape)
    if scale is not None:
        lo, hi = scale
        for name, arr in (("x", xb), ("y", yb)):
            off = (arr < lo) | (arr > hi)
            if off.any():
                where = tuple(int(i) for i in np.argwhere(off)[0])
                msg = (
                    f"{name}{list(where)} = {arr[where]} lies off the scale ({lo}, {hi}); every"
                    " position must lie on the declared scale, whose range is the maximum distance"
                )
                raise ValidationError(msg)
    missing = np.isnan(xb) | np.isnan(yb)
    if not missing.any():
        return xb, yb, w
    return np.where(missing, 0.0, xb), np.where(missing, 0.0, yb), np.where(missing, 0.0, w)


def _delta(a: Array, b: Array, distance: Distance) -> Array:
    if distance == "absolute":
        return np.abs(a - b)
    if distance == "squared":
        return np.square(a - b)
    unequal: Array = (a != b).astype(np.float64)
    return unequal


def _d_max(scale: tuple[float, float], distance: Distance) -> float:
    span = scale[1] - scale[0]
    return {"absolute": span, "squared": span * span, "nominal": 1.0}[distance]


def _ratio(num: Array, den: Array) -> Array:
    """``num / den`` with NaN where ``den`` is zero, without a floating-point warning."""
    out: Array = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


# -- the building blocks: observed and expected disagreement -------------------------------------
def _observed(x: Array, y: Array, w: Array, distance: Distance) -> Array:
    """Weighted mean distance between paired positions, ``sum w d(x_k, y_k) / sum w``."""
    return _ratio((w * _delta(x, y, distance)).sum(-1), w.sum(-1))


def _expected(x: Array, wx: Array, y: Array, wy: Array, distance: Distance) -> Array:
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
        mx, my = _ratio((wx * x).sum(-1), sx), _ratio((wy * y).sum(-1), sy)
        vx = _ratio((wx * np.square(x - mx[..., None])).sum(-1), sx)
        vy = _ratio((wy * np.square(y - my[..., None])).sum(-1), sy)
        return vx + vy + np.square(mx - my)
    lead = x.shape[:-1]
    rows = math.prod(lead)
    n = x.shape[-1]
    flat = [a.reshape(rows, n) for a in (x, wx, y, wy)]
    values = _distinct([(flat[0], flat[1]), (flat[2], flat[3])])
    if values.size == 0:
        return np.full(lead, np.nan)
    if values.size <= min(_CATEGORY_LIMIT, n):
        total = _expected_by_category(
            flat[0], flat[1], flat[2], flat[3], values=values, distance=distance
        )
    else:
        total = _chunked(lambda a, b, c, d: _expected_by_pairs(a, b, c, d, distance), flat, n * n)
    return _ratio(total.reshape(lead), sx * sy)


def _distinct(arrays: Sequence[tuple[Array, Array]]) -> Array:
    """The sorted distinct values that carry weight.

    Whole-number codes in a short range (votes, alliance ties) give every code from the lowest
    to the highest, found in one pass without sorting the data.
    """
    lo = min(float(np.min(v, where=w > 0, initial=np.inf)) for v, w in arrays)
    hi = max(float(np.max(v, where=w > 0, initial=-np.inf)) for v, w in arrays)
    if not math.isfinite(lo):
        return np.empty(0)
    if hi - lo < _CATEGORY_LIMIT and all(((v == np.round(v)) | (w == 0)).all() for v, w in arrays):
        return np.arange(lo, hi + 1.0)
    return np.unique(np.concatenate([v[w > 0] for v, w in arrays]))


def _index(v: Array, values: Array) -> npt.NDArray[np.intp]:
    """Position of each value in ``values`` (positions of zero-weight items are arbitrary)."""
    c = values.size
    whole = c > 1 and values[0] == np.round(values[0]) and values[-1] - values[0] == c - 1
    if whole:  # consecutive whole numbers: the position is the offset, no search
        offset: npt.NDArray[np.intp] = np.clip(np.rint(v - values[0]), 0, c - 1).astype(np.intp)
        return offset
    found: npt.NDArray[np.intp] = np.clip(np.searchsorted(values, v), 0, max(c - 1, 0))
    return found


def _histogram(v: Array, w: Array, values: Array) -> Array:
    """Weighted counts (rows, c) of each distinct value; one bincount, no loop over rows."""
    rows = v.shape[0]
    c = values.size
    idx = _index(v, values)
    flat = (np.arange(rows)[:, None] * c + idx).ravel()
    counts = np.bincount(flat, weights=w.ravel(), minlength=rows * c)
    return np.asarray(counts, dtype=np.float64).reshape(rows, c)


def _expected_by_category(
    x: Array, wx: Array, y: Array, wy: Array, *, values: Array, distance: Distance
) -> Array:
    px, py = _histogram(x, wx, values), _histogram(y, wy, values)
    delta = _delta(values[:, None], values[None, :], distance)
    out: Array = np.einsum("ra,ab,rb->r", px, delta, py)
    return out


def _expected_by_pairs(x: Array, wx: Array, y: Array, wy: Array, distance: Distance) -> Array:
    d = _delta(x[:, :, None], y[:, None, :], distance)
    out: Array = np.einsum("rk,rkl,rl->r", wx, d, wy)
    return out


def _chunked(func: Callable[..., Array], arrays: Sequence[Array], cost: int) -> Array:
    """Apply ``func`` to row blocks whose O(n**2) intermediates stay within a memory budget."""
    rows = arrays[0].shape[0]
    step = max(1, _CHUNK_BUDGET // max(cost, 1))
    parts = [func(*(a[i : i + step] for a in arrays)) for i in range(0, rows, step)]
    return np.concatenate(parts) if parts else np.empty(0)


# -- the measures -------------------------------------------------------------------------------
def s_score(
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    scale: tuple[float, float],
    distance: Distance = "absolute",
    weights: npt.ArrayLike | None = None,
) -> Array:
    """Signorino & Ritter's S: one minus twice the weighted distance, as a share of its maximum.

    ``S = 1 - 2 * sum_k w_k d(x_k, y_k) / (sum_k w_k * d_max)``, with ``d`` the absolute (or
    squared) difference of the two positions on item ``k`` and ``d_max`` the largest possible
    distance on the scale: ``hi - lo`` (or its square). S is 1 for identical portfolios and -1 for
    portfolios at opposite ends of the scale on every item.

    Parameters
    ----------
    x, y : array_like, shape (..., n_items)
        The two sides' positions; leading axes broadcast. ``NaN`` leaves an item out.
    scale : tuple of float
        ``(lo, hi)``: the lowest and highest possible code, e.g. ``(0, 3)`` for alliance ties
        coded none / entente / neutrality / defence, ``(1, 3)`` for yes / abstain / no votes. Its
        range sets ``d_max``: declaring a wider scale than the codes can take inflates S.
    distance : {"absolute", "squared", "nominal"}, optional
        See :data:`DISTANCES`. Default ``"absolute"``.
    weights : array_like, optional
        Non-negative weight of each item, broadcast like ``x`` (Signorino & Ritter weight third
        states by their share of capabilities). Default: equal weights.

    Returns
    -------
    numpy.ndarray
        S with the leading shape; ``NaN`` where no item has weight.

    References
    ----------
    .. [1] Signorino, C. S. & Ritter, J. M. (1999). Tau-b or not tau-b: measuring the similarity
       of foreign policy positions. *International Studies Quarterly* 43(1), 115-144, eqs. 3-5.

    Examples
    --------
    >>> float(s_score([3, 0, 0], [3, 0, 1], scale=(0, 3)))  # 1 - 2 * (1/3) / 3
    0.7777777777777778
    >>> float(s_score([3, 0], [0, 3], scale=(0, 3)))
    -1.0
    """
    sc = _check_scale(scale)
    dist = _check_distance(distance)
    xp, yp, w = _prepare(x, y, weights, sc)
    return 1.0 - 2.0 * _observed(xp, yp, w, dist) / _d_max(sc, dist)


def alignment_index(
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    scale: tuple[float, float],
    distance: Distance = "absolute",
    weights: npt.ArrayLike | None = None,
) -> Array:
    """Benati & Capurri's alignment index A: S minus the S expected under independence.

    ``A = S - E``, where ``E`` is S computed as if the two sides had taken their positions
    independently, each keeping its own (weighted) distribution of codes:
    ``E = 1 - 2 * D_e / d_max`` with ``D_e = sum_k sum_l w_k w_l d(x_k, y_l) / (sum w)**2``. Hence
    ``A = 2 * (D_e - D_o) / d_max``, with ``D_o`` the observed mean distance used by
    :func:`s_score`. A corrects S for the agreement that two states' marginal habits alone
    would produce (both rarely allying, both usually voting yes), as kappa does, but stays on S's
    additive scale.

    A lies in [-1, 1]: with absolute distances because ``|D_o - D_e|`` is at most the mean
    difference of one side's codes, itself at most ``d_max / 2``; with squared distances because
    ``A = 4 cov(x, y) / (hi - lo)**2`` and each variance is at most ``(hi - lo)**2 / 4``. Identical
    portfolios give ``1 - E``, not 1: agreement on codes that both sides use all the time earns
    little.

    Parameters
    ----------
    x, y : array_like, shape (..., n_items)
        The two sides' positions; ``NaN`` leaves an item out.
    scale : tuple of float
        ``(lo, hi)`` of the codes, as for :func:`s_score`.
    distance : {"absolute", "squared"}, optional
        Default ``"absolute"``. Nominal distances are refused: without an order A is not
        bounded by 1.
    weights : array_like, optional
        Non-negative item weights. Default: equal weights.

    Returns
    -------
    numpy.ndarray
        A with the leading shape; ``NaN`` where no item has weight.

    Notes
    -----
    We could not consult the article itself; the definition follows the description of A as
    "S minus the S expected under jointly independent voting" and its implementation in the R
    package fpsim (function ``bcai``, S. Miller, 2026), which this function reproduces, weights
    and squared distances included.

    References
    ----------
    .. [1] Benati, S. & Capurri, A. (2026). The alignment index and its application to voting at
       the United Nations General Assembly. *Quality & Quantity*. doi:10.1007/s11135-026-02814-x

    Examples
    --------
    Two voters who vote yes (1) three times and no (3) once, always together: S = 1. Voting
    independently with the same habits they would differ on 3/8 of the pairs, by 2, so
    ``D_e = 3/4``, ``E = 1 - 2 * (3/4) / 2 = 1/4`` and ``A = 1 - 1/4``.

    >>> float(alignment_index([1, 1, 1, 3], [1, 1, 1, 3], scale=(1, 3)))
    0.75
    """
    sc = _check_scale(scale)
    dist = _check_distance(distance)
    if dist == "nominal":
        msg = (
            "alignment_index is defined for distance='absolute' or 'squared' (the distances of"
            " S on an ordered scale); got distance='nominal'. Use cohen_kappa for nominal codes"
        )
        raise ValidationError(msg)
    xp, yp, w = _prepare(x, y, weights, sc)
    d_o = _observed(xp, yp, w, dist)
    d_e = _expected(xp, w, yp, w, dist)
    return 2.0 * (d_e - d_o) / _d_max(sc, dist)


def cohen_kappa(
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    distance: Distance = "absolute",
    weights: npt.ArrayLike | None = None,
) -> Array:
    """Cohen's kappa with distance weights: observed disagreement relative to chance.

    ``kappa = 1 - D_o / D_e``, with ``D_o`` the weighted mean distance between the paired positions
    and ``D_e`` the mean distance expected if each side kept its own (weighted) distribution of
    codes but chose independently: ``D_e = sum_k sum_l w_k w_l d(x_k, y_l) / (sum w)**2``. With
    nominal distances this is Cohen's (1960) kappa, with absolute or squared distances his (1968)
    weighted kappa with linear or quadratic disagreement weights, as Häge (2011) proposes for
    foreign-policy ties: kappa credits two states only for the agreement that their own habits
    (few ties, mostly yes votes) do not already produce. It needs no scale: rescaling the codes
    leaves it unchanged.

    kappa is 1 for identical portfolios and 0 for agreement at chance level; it is undefined
    (``NaN``) when both sides hold one and the same code on every item. With squared distances it
    equals Lin's concordance correlation, so lies in [-1, 1].

    Parameters
    ----------
    x, y : array_like, shape (..., n_items)
        The two sides' positions; ``NaN`` leaves an item out.
    distance : {"absolute", "squared", "nominal"}, optional
        Default ``"absolute"`` (linear weights).
    weights : array_like, optional
        Non-negative item weights. Default: equal weights.

    Returns
    -------
    numpy.ndarray
        kappa with the leading shape.

    References
    ----------
    .. [1] Häge, F. M. (2011). Choice or circumstance? Adjusting measures of foreign policy
       similarity for chance agreement. *Political Analysis* 19(3), 287-305.
    .. [2] Cohen, J. (1968). Weighted kappa. *Psychological Bulletin* 70(4), 213-220.

    Examples
    --------
    Identical portfolios score 1. Two binary portfolios, each with one 1 and three 0s, agreeing on
    2 of 4 items: ``p_o = 1/2``, ``p_e = 1/4 * 1/4 + 3/4 * 3/4 = 5/8``, so
    ``kappa = (1/2 - 5/8) / (1 - 5/8) = -1/3`` (nominal and absolute distances coincide on 0/1).

    >>> float(cohen_kappa([1, 0, 0, 0], [1, 0, 0, 0]))
    1.0
    >>> round(float(cohen_kappa([1, 0, 0, 0], [0, 1, 0, 0])), 12)
    -0.333333333333
    """
    dist = _check_distance(distance)
    xp, yp, w = _prepare(x, y, weights, None)
    return 1.0 - _ratio(_observed(xp, yp, w, dist), _expected(xp, w, yp, w, dist))


def scott_pi(
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    distance: Distance = "absolute",
    weights: npt.ArrayLike | None = None,
) -> Array:
    """Scott's pi with distance weights: like kappa, with one pooled distribution of codes.

    ``pi = 1 - D_o / D_e``, where ``D_e`` is the mean distance between two independent draws from
    the pooled (weighted) distribution of both sides' codes. Where kappa lets each state keep its
    own propensity to form ties, pi assumes a common one, so a difference in how many ties the two
    states form counts as disagreement (Häge 2011). With nominal distances this is Scott's (1955)
    pi. pi is 1 for identical portfolios, undefined (``NaN``) when every code of both sides is the
    same; with squared distances it lies in [-1, 1].

    Parameters
    ----------
    x, y : array_like, shape (..., n_items)
        The two sides' positions; ``NaN`` leaves an item out.
    distance : {"absolute", "squared", "nominal"}, optional
        Default ``"absolute"``.
    weights : array_like, optional
        Non-negative item weights. Default: equal weights.

    Returns
    -------
    numpy.ndarray
        pi with the leading shape.

    References
    ----------
    .. [1] Häge, F. M. (2011). Choice or circumstance? Adjusting measures of foreign policy
       similarity for chance agreement. *Political Analysis* 19(3), 287-305.
    .. [2] Scott, W. A. (1955). Reliability of content analysis: the case of nominal scale
       coding. *Public Opinion Quarterly* 19(3), 321-325.

    Examples
    --------
    The same binary items as for :func:`cohen_kappa`: the pooled share of 1s is 1/4, so
    ``p_e = 5/8`` again and pi equals kappa here (the two marginals coincide).

    >>> round(float(scott_pi([1, 0, 0, 0], [0, 1, 0, 0])), 12)
    -0.333333333333
    """
    dist = _check_distance(distance)
    xp, yp, w = _prepare(x, y, weights, None)
    z = np.concatenate([xp, yp], axis=-1)
    wz = np.concatenate([w, w], axis=-1)
    return 1.0 - _ratio(_observed(xp, yp, w, dist), _expected(z, wz, z, wz, dist))


def tau_b(x: npt.ArrayLike, y: npt.ArrayLike) -> Array:
    """Kendall's tau-b of two portfolios, as Bueno de Mesquita (1975) used it for alliances.

    Over the pairs of items, ``tau_b = (P - Q) / sqrt((n0 - n1) (n0 - n2))``: ``P`` pairs ranked
    the same way by both sides, ``Q`` ranked in opposite ways, ``n0 = n (n - 1) / 2`` pairs, ``n1``
    and ``n2`` pairs tied on ``x`` and on ``y``. For alliance codes this is tau-b of the 4 x 4
    table of the two states' ties with every third state. Signorino & Ritter (1999) show why it
    measures association rather than similarity: portfolios that differ by a constant shift score
    1. It is ``NaN`` when either portfolio is constant over the items present.

    Parameters
    ----------
    x, y : array_like, shape (..., n_items)
        The two sides' positions (only their order matters); ``NaN`` leaves an item out.

    Returns
    -------
    numpy.ndarray
        tau-b with the leading shape.

    References
    ----------
    .. [1] Bueno de Mesquita, B. (1975). Measuring systemic polarity. *Journal of Conflict
       Resolution* 19(2), 187-216.
    .. [2] Kendall, M. G. (1945). The treatment of ties in ranking problems. *Biometrika* 33(3),
       239-251.

    Examples
    --------
    ``x = (1, 2, 3)``, ``y = (1, 3, 2)``: pairs (1, 2) and (1, 3) concordant, (2, 3) discordant,
    no ties, so ``(2 - 1) / 3``. A constant shift scores 1.

    >>> float(tau_b([1, 2, 3], [1, 3, 2])), float(tau_b([0, 1, 2], [1, 2, 3]))
    (0.3333333333333333, 1.0)
    """
    xp, yp, w = _prepare(x, y, None, None)
    lead, n = xp.shape[:-1], xp.shape[-1]
    rows = math.prod(lead)
    flat = [a.reshape(rows, n) for a in (xp, yp, w)]
    ux, uy = _distinct([(flat[0], flat[2])]), _distinct([(flat[1], flat[2])])
    if ux.size * uy.size <= n * n:
        num, den = _tau_by_table(flat[0], flat[1], flat[2], ux=ux, uy=uy)
    else:
        num, den = _tau_pairs_chunked(flat[0], flat[1], flat[2])
    return _ratio(num, np.sqrt(den)).reshape(lead)


def _tau_by_table(x: Array, y: Array, w: Array, *, ux: Array, uy: Array) -> tuple[Array, Array]:
    rows = x.shape[0]
    cx, cy = max(ux.size, 1), max(uy.size, 1)
    ix, iy = _index(x, ux), _index(y, uy)
    flat = ((np.arange(rows)[:, None] * cx + ix) * cy + iy).ravel()
    counts = np.bincount(flat, weights=w.ravel(), minlength=rows * cx * cy)
    table = np.asarray(counts, dtype=np.float64).reshape(rows, cx, cy)
    # Pairs with a strictly larger x: reverse cumulative sum over rows of the table, minus itself.
    above = np.flip(np.cumsum(np.flip(table, 1), 1), 1) - table
    right = np.flip(np.cumsum(np.flip(above, 2), 2), 2) - above  # larger x and larger y
    left = np.cumsum(above, 2) - above  # larger x and smaller y
    pq = (table * (right - left)).sum((1, 2))
    n = table.sum((1, 2))
    n0 = n * (n - 1) / 2
    n1 = (table.sum(2) * (table.sum(2) - 1) / 2).sum(1)
    n2 = (table.sum(1) * (table.sum(1) - 1) / 2).sum(1)
    return pq, (n0 - n1) * (n0 - n2)


def _tau_pairs(x: Array, y: Array, w: Array) -> Array:
    valid = (w[:, :, None] > 0) & (w[:, None, :] > 0)
    sx = np.sign(x[:, :, None] - x[:, None, :]) * valid
    sy = np.sign(y[:, :, None] - y[:, None, :]) * valid
    n = (w > 0).sum(1)
    n0 = n * (n - 1) / 2
    n1 = n0 - np.abs(sx).sum((1, 2)) / 2  # pairs not separated by x are tied on x
    n2 = n0 - np.abs(sy).sum((1, 2)) / 2
    return np.stack([(sx * sy).sum((1, 2)) / 2, (n0 - n1) * (n0 - n2)], axis=1)


def _tau_pairs_chunked(x: Array, y: Array, w: Array) -> tuple[Array, Array]:
    out = _chunked(_tau_pairs, (x, y, w), 3 * x.shape[1] ** 2)
    return out[:, 0], out[:, 1]


# -- panels: every member pair and year in one call -----------------------------------------------
def _measure(name: str) -> Callable[..., Array]:
    table: dict[str, Callable[..., Array]] = {
        "s": s_score,
        "tau_b": tau_b,
        "kappa": cohen_kappa,
        "pi": scott_pi,
        "a": alignment_index,
    }
    if name not in table:
        options = ", ".join(repr(m) for m in MEASURES)
        msg = f"measure must be one of {options}; got {name!r}"
        raise ValidationError(msg)
    return table[name]


def _labels(value: Sequence[Any] | None, count: int, what: str) -> tuple[Any, ...]:
    if value is None:
        return tuple(range(count))
    labels = tuple(value)
    if len(labels) != count:
        msg = f"{what} must have one label per {what[:-1]} ({count}); got {len(labels)}"
        raise ValidationError(msg)
    if len(set(labels)) != len(labels):
        msg = f"{what} must not repeat a label; got {labels!r}"
        raise ValidationError(msg)
    return labels


@attrs.frozen(kw_only=True, eq=False)
class Pairwise:
    """A similarity measure for every pair of members in every year: the result of :func:`pairwise`.

    Attributes
    ----------
    measure : str
        One of :data:`MEASURES`.
    values : numpy.ndarray, shape (n_years, n_members, n_members)
        Symmetric; the diagonal (a member with itself) is ``NaN``.
    years : tuple of int
        Year labels of the first axis.
    members : tuple
        Member labels of the other two axes (ISO alpha-3 codes to make observations).

    Examples
    --------
    Illustrative alliance portfolios (ties 0-3 with four third states) of three members over two
    years; member CCC is absent in the second year, so its row is ``NaN``:

    >>> import numpy as np
    >>> nan = np.nan
    >>> portfolios = [
    ...     [[3, 3, 0, 1], [3, 2, 0, 1], [0, 1, 3, 1]],
    ...     [[3, 3, 0, 1], [3, 3, 0, 1], [nan, nan, nan, nan]],
    ... ]
    >>> res = pairwise(portfolios, scale=(0, 3), years=(1990, 1991), members=("AAA", "BBB", "CCC"))
    >>> res
    Pairwise(measure='s', years=1990-1991, members=3, pairs per year=3)
    >>> res.dyad("AAA", "BBB").round(3).tolist()
    [0.833, 1.0]
    >>> res.member_mean().round(3).tolist()  # each member's mean S with the others
    [[0.25, 0.333, -0.25], [1.0, 1.0, nan]]
    >>> res.alliance_mean().round(3).tolist()
    [0.111, 1.0]

    As per-member observations of a shared-threat indicator (absent members are skipped):

    >>> ind = indicator(id="ties-s", threat="rival")
    >>> obs = res.to_observations(indicator=ind, source="ties")
    >>> [(o.member, o.year, round(o.value, 3)) for o in obs]
    [('AAA', 1990, 0.25), ('BBB', 1990, 0.333), ('CCC', 1990, -0.25), ('AAA', 1991, 1.0),
     ('BBB', 1991, 1.0)]
    """

    measure: str
    values: Array
    years: tuple[int, ...]
    members: tuple[Any, ...]

    def dyad(self, a: object, b: object) -> Array:
        """The series (n_years,) of one pair of members, named by their labels."""
        i, j = (self._index(m) for m in (a, b))
        return self.values[:, i, j]

    def member_mean(self) -> Array:
        """Each member's mean similarity with the other members, (n_years, n_members).

        ``NaN`` pairs (a member absent that year) are left out; a member with no partner is NaN.
        """
        v = self.values
        count = np.isfinite(v).sum(-1)
        total = np.where(np.isfinite(v), v, 0.0).sum(-1)
        return _ratio(total, count.astype(np.float64))

    def alliance_mean(self) -> Array:
        """The mean over all pairs present, (n_years,)."""
        m = len(self.members)
        upper = np.triu_indices(m, 1)
        pairs = self.values[:, upper[0], upper[1]]
        count = np.isfinite(pairs).sum(-1)
        total = np.where(np.isfinite(pairs), pairs, 0.0).sum(-1)
        return _ratio(total, count.astype(np.float64))

    def to_observations(
        self,
        *,
        indicator: Indicator,
        source: str | Source,
        level: str = "member",
        note: str = "",
    ) -> tuple[Observation, ...]:
        """Observations of ``indicator``: per member (:meth:`member_mean`) or for the alliance.

        Per member is the default: the model's member rule then decides how the members combine
        (for shared-threat indicators the least-aligned member, by default). See
        :func:`to_observations`.
        """
        if level not in {"member", "alliance"}:
            msg = f"level must be 'member' or 'alliance'; got {level!r}"
            raise ValidationError(msg)
        if level == "member":
            return to_observations(
                self.member_mean(),
                indicator=indicator,
                years=self.years,
                members=self.members,
                source=source,
                note=note,
            )
        return to_observations(
            self.alliance_mean(),
            indicator=indicator,
            years=self.years,
            source=source,
            note=note,
        )

    def _index(self, member: object) -> int:
        try:
            return self.members.index(member)
        except ValueError:
            msg = f"Pairwise has no member {member!r}; members: {self.members!r}"
            raise ValidationError(msg) from None

    def __repr__(self) -> str:
        span = f"{self.years[0]}-{self.years[-1]}" if self.years else "none"
        return (
            f"Pairwise(measure={self.measure!r}, years={span}, members={len(self.members)},"
            f" pairs per year={len(self.members) * (len(self.members) - 1) // 2})"
        )


def pairwise(
    portfolios: npt.ArrayLike,
    *,
    measure: str = "s",
    years: Sequence[int] | None = None,
    members: Sequence[Any] | None = None,
    weights: npt.ArrayLike | None = None,
    **options: Any,  # noqa: ANN401  (passed on to the measure: scale, distance)
) -> Pairwise:
    """Compute a measure for every pair of members in every year, in one vectorised call.

    Parameters
    ----------
    portfolios : array_like, shape (n_years, n_members, n_items)
        Each member's positions on the same items in each year (a 2-D array is one year). Pad a
        member's years outside the alliance with ``NaN``: its pairs are then ``NaN``.
    measure : str, optional
        One of :data:`MEASURES`: ``"s"``, ``"tau_b"``, ``"kappa"``, ``"pi"``, ``"a"``.
    years, members : sequence, optional
        Labels of the years and members; default ``0, 1, ...``.
    weights : array_like, optional
        Item weights of shape (n_items,) or (n_years, n_items).
    **options
        Passed to the measure, e.g. ``scale=(0, 3)`` (required by S and A), ``distance=``.

    Returns
    -------
    Pairwise
        Values (n_years, n_members, n_members).

    Examples
    --------
    >>> import numpy as np
    >>> p = np.array([[[3, 0, 1], [3, 0, 1], [0, 3, 1]]])  # one year, three members
    >>> result = pairwise(p, measure="s", scale=(0, 3), members=("AAA", "BBB", "CCC"))
    >>> result.values[0].round(3).tolist()
    [[nan, 1.0, -0.333], [1.0, nan, -0.333], [-0.333, -0.333, nan]]
    """
    func = _measure(measure)
    p = _as_positions(portfolios, "portfolios")
    if p.ndim == 2:
        p = p[None]
    if p.ndim != 3:
        msg = (
            "portfolios must have shape (n_years, n_members, n_items) or (n_members, n_items);"
            f" got shape {p.shape}"
        )
        raise ValidationError(msg)
    n_years, m, _ = p.shape
    year_labels = _labels(years, n_years, "years")
    member_labels = _labels(members, m, "members")
    i, j = np.triu_indices(m, 1)
    if weights is not None:
        if measure == "tau_b":
            msg = "tau_b takes no item weights (Kendall's tau-b counts pairs); drop weights="
            raise ValidationError(msg)
        w = _as_positions(weights, "weights")
        options["weights"] = w[..., None, :] if w.ndim == 2 else w
    pair_values = func(p[:, i, :], p[:, j, :], **options) if i.size else None
    values = np.full((n_years, m, m), np.nan)
    if pair_values is not None:
        values[:, i, j] = pair_values
        values[:, j, i] = pair_values
    return Pairwise(measure=measure, values=values, years=year_labels, members=member_labels)


# -- from numbers to a profile's shared-threat pillar ---------------------------------------------
def indicator(
    *,
    id: str,  # noqa: A002  (mirrors Indicator.id)
    threat: str,
    measure: str = "s",
    label: str | None = None,
    horizon: int | None = 1,
    weight: float = 1.0,
    description: str | None = None,
) -> Indicator:
    """A shared-threat indicator for a similarity measure, on the measure's scale.

    Similar portfolios reveal **shared interest**, a proxy for the "shared recognition of common
    threats" of Sherwood-Randall's first pillar, not a record of it. The indicator names the
    threat it stands in for (required for the pillar), declares the measure's scale from
    :data:`SCALES`, and says in its description what it does and does not show. Give it a lower
    ``weight`` than direct measures of threat recognition when both are present.

    Parameters
    ----------
    id : str
        The indicator id.
    threat : str
        The threat whose shared perception the similarity stands in for, e.g. ``"soviet-union"``.
    measure : str, optional
        One of :data:`MEASURES`. Default ``"s"``.
    label : str, optional
        Display label; default names the measure.
    horizon : int or None, optional
        Years an observation stays valid. Default 1: portfolios are yearly.
    weight : float, optional
        Weight within its threat. Default 1.
    description : str, optional
        Replaces the default description.

    Examples
    --------
    >>> ind = indicator(id="un-votes-s", threat="soviet-union")
    >>> ind.pillar.value, ind.scale
    ('shared_threat', (-1.0, 1.0))
    """
    _measure(measure)
    name = _LABELS[measure]
    text = description or (
        f"{name} of the members' foreign-policy portfolios (alliance ties or votes): how alike"
        " their revealed interests are. A proxy for shared threat perception, not a measure of"
        " threat recognition itself; members can align for other reasons and can share a threat"
        " while their portfolios differ."
    )
    return Indicator(
        id=id,
        pillar=Pillar.SHARED_THREAT,
        label=label or f"Similar interests ({name})",
        scale=SCALES[measure],
        unit=measure,
        threat=threat,
        horizon=horizon,
        weight=weight,
        description=text,
    )


def to_observations(
    values: npt.ArrayLike,
    *,
    indicator: Indicator,
    years: Sequence[int],
    source: str | Source,
    members: Sequence[str] | None = None,
    note: str = "",
) -> tuple[Observation, ...]:
    """Turn similarity values into observations of ``indicator`` (``NaN`` values are skipped).

    Parameters
    ----------
    values : array_like
        Shape (n_years,) for alliance-level observations, or (n_years, n_members) with
        ``members`` for per-member ones (e.g. :meth:`Pairwise.member_mean`).
    indicator : Indicator
        The indicator observed, e.g. from :func:`indicator`. Every value must lie on its scale.
    years : sequence of int
        The year of each row.
    source : str or Source
        The source (or its key) the portfolios come from, e.g. an ATOP or UN-votes dataset.
    members : sequence of str, optional
        ISO alpha-3 codes of the columns.
    note : str, optional
        Added to each observation; by default the note states the measure and that it is a
        proxy for shared interest.

    Raises
    ------
    ScaleError
        A value lies off the indicator's scale (e.g. a kappa below -1 on a (-1, 1) indicator).
    ValidationError
        Shapes and labels do not match.

    Examples
    --------
    >>> ind = indicator(id="votes-s", threat="rival")
    >>> obs = to_observations([0.5, float("nan")], indicator=ind, years=[2000, 2001], source="un")
    >>> [(o.year, o.value, o.member) for o in obs]
    [(2000, 0.5, None)]
    """
    v = np.asarray(values, dtype=np.float64)
    year_list = [int(y) for y in years]
    key = source.key if isinstance(source, Source) else source
    text = note or (
        f"{indicator.label}: similarity of the members' portfolios, a proxy for shared interest"
    )
    if members is None:
        if v.shape != (len(year_list),):
            msg = (
                f"values must have shape (n_years,) = ({len(year_list)},) for alliance-level"
                f" observations (or pass members=); got shape {v.shape}"
            )
            raise ValidationError(msg)
        v = v[:, None]
        codes: tuple[str | None, ...] = (None,)
    else:
        codes = tuple(members)
        if v.shape != (len(year_list), len(codes)):
            msg = (
                f"values must have shape (n_years, n_members) = ({len(year_list)}, {len(codes)});"
                f" got shape {v.shape}"
            )
            raise ValidationError(msg)
    lo, hi = indicator.scale
    # Rounding can put a bound a few ulps outside its scale (pi = -1.0000000000000009).
    tol = 1e-9 * (hi - lo)
    v = np.where((v >= lo - tol) & (v < lo), lo, np.where((v <= hi + tol) & (v > hi), hi, v))
    out = []
    for r, c in zip(*np.nonzero(np.isfinite(v)), strict=True):
        value = float(v[r, c])
        if not indicator.in_scale(value):
            msg = (
                f"value {value} for {codes[c] or 'the alliance'} in {year_list[r]} lies off the"
                f" scale {indicator.scale} of indicator {indicator.id!r}; widen the scale or"
                " leave the value out"
            )
            raise ScaleError(msg)
        out.append(
            Observation(
                indicator=indicator.id,
                year=year_list[r],
                value=value,
                member=codes[c],
                source=key,
                uncertainty=Exact(),
                note=text,
            )
        )
    return tuple(out)
