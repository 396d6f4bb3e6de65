"""The similarity measures: S, Benati & Capurri's A, kappa, pi and tau-b."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._errors import ValidationError
from alliance_health.similarity._disagreement import (
    chunked,
    code_positions,
    distinct,
    expected,
    observed,
)
from alliance_health.similarity._inputs import (
    Array,
    Distance,
    check_distance,
    d_max,
    prepare,
    ratio,
)

__all__ = ["alignment_index", "cohen_kappa", "s_score", "scott_pi", "tau_b"]


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
    sc = _validate.check_scale(scale)
    dist = check_distance(distance)
    xp, yp, w = prepare(x, y, weights, sc)
    return 1.0 - 2.0 * observed(xp, yp, w, dist) / d_max(sc, dist)


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
    sc = _validate.check_scale(scale)
    dist = check_distance(distance)
    if dist == "nominal":
        msg = (
            "alignment_index is defined for distance='absolute' or 'squared' (the distances of"
            " S on an ordered scale); got distance='nominal'. Use cohen_kappa for nominal codes"
        )
        raise ValidationError(msg)
    xp, yp, w = prepare(x, y, weights, sc)
    d_o = observed(xp, yp, w, dist)
    d_e = expected(xp, w, yp, w, dist)
    return 2.0 * (d_e - d_o) / d_max(sc, dist)


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
    dist = check_distance(distance)
    xp, yp, w = prepare(x, y, weights, None)
    return 1.0 - ratio(observed(xp, yp, w, dist), expected(xp, w, yp, w, dist))


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
    dist = check_distance(distance)
    xp, yp, w = prepare(x, y, weights, None)
    z = np.concatenate([xp, yp], axis=-1)
    wz = np.concatenate([w, w], axis=-1)
    return 1.0 - ratio(observed(xp, yp, w, dist), expected(z, wz, z, wz, dist))


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
    xp, yp, w = prepare(x, y, None, None)
    lead, n = xp.shape[:-1], xp.shape[-1]
    rows = math.prod(lead)
    flat = [a.reshape(rows, n) for a in (xp, yp, w)]
    ux, uy = distinct([(flat[0], flat[2])]), distinct([(flat[1], flat[2])])
    if ux.size * uy.size <= n * n:
        num, den = _tau_by_table(flat[0], flat[1], flat[2], ux=ux, uy=uy)
    else:
        num, den = _tau_pairs_chunked(flat[0], flat[1], flat[2])
    return ratio(num, np.sqrt(den)).reshape(lead)


def _tau_by_table(x: Array, y: Array, w: Array, *, ux: Array, uy: Array) -> tuple[Array, Array]:
    rows = x.shape[0]
    cx, cy = max(ux.size, 1), max(uy.size, 1)
    ix, iy = code_positions(x, ux), code_positions(y, uy)
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
    out = chunked(_tau_pairs, (x, y, w), 3 * x.shape[1] ** 2)
    return out[:, 0], out[:, 1]
