"""Exact Shapley attribution of a health difference to the pillars."""

from __future__ import annotations

import itertools
import math
from typing import Final

import numpy as np
import numpy.typing as npt

from alliance_health._scoring.aggregate import power_mean

__all__ = ["shapley"]

Array = npt.NDArray[np.float64]
_M: Final = 3
# Every coalition S of pillars, as a 0/1 mask: pillars in S take side a's value, the rest side b's.
_COALITIONS: Final = np.array(list(itertools.product((0, 1), repeat=_M)), dtype=bool)


def _marginal_pairs() -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], Array]:
    """For each pillar i, the coalitions S without i, S with i added, and the Shapley weights.

    Returns index arrays ``without`` and ``with_`` of shape (3, 4) into the coalition list and the
    weights |S|! (m - |S| - 1)! / m! of shape (3, 4). Differences are taken pairwise, so a pillar
    that does not differ gets exactly zero (the null-player property holds to the bit).
    """
    index = {tuple(c): k for k, c in enumerate(_COALITIONS.tolist())}
    without, with_, weight = [], [], []
    for i in range(_M):
        rows = [c for c in _COALITIONS.tolist() if not c[i]]
        without.append([index[tuple(c)] for c in rows])
        with_.append([index[(*c[:i], True, *c[i + 1 :])] for c in rows])
        weight.append(
            [
                math.factorial(sum(c)) * math.factorial(_M - sum(c) - 1) / math.factorial(_M)
                for c in rows
            ]
        )
    return (
        np.array(without, dtype=np.intp),
        np.array(with_, dtype=np.intp),
        np.array(weight, dtype=np.float64),
    )


_WITHOUT, _WITH, _WEIGHT = _marginal_pairs()


def shapley(
    pillars_a: npt.ArrayLike,
    pillars_b: npt.ArrayLike,
    weights: npt.ArrayLike,
    p: float | npt.ArrayLike,
) -> Array:
    r"""Shapley values of the pillars in ``H(a) - H(b)``, with ``H`` the weighted power mean.

    The "players" are the three pillars; the value of a coalition :math:`S` is the health of a
    hybrid alliance that has side ``a``'s scores on the pillars in :math:`S` and side ``b``'s
    elsewhere:

    .. math:: \phi_i = \sum_{S \not\ni i} \frac{|S|!\,(m - |S| - 1)!}{m!}
              \big[H(a_{S \cup i}, b_{\text{rest}}) - H(a_S, b_{\text{rest}})\big]

    The values sum to ``H(a) - H(b)`` exactly (efficiency) and give a pillar that does not differ
    zero (null player), so the attribution answers "how much of the gap is due to each ingredient",
    whatever the exponent ``p``. With ``p = 1`` it reduces to each pillar's weighted difference.
    All :math:`2^3` hybrids are scored in one array call.

    Parameters
    ----------
    pillars_a, pillars_b : array_like, shape (..., 3)
        Pillar scores of the two sides (leading axes: draws).
    weights : array_like, shape (3,) or (..., 3)
        Pillar weights.
    p : float or array_like
        Power-mean exponent (scalar or one per leading row).

    Returns
    -------
    numpy.ndarray, shape (..., 3)
        Each pillar's share of ``H(a) - H(b)``.

    References
    ----------
    .. [1] Shapley, L. S. (1953). A value for n-person games. In *Contributions to the Theory of
           Games II*, 307-317. Princeton University Press.
    .. [2] Shorrocks, A. F. (2013). Decomposition procedures for distributional analysis: a unified
           framework based on the Shapley value. *Journal of Economic Inequality* 11, 99-126.

    Examples
    --------
    >>> phi = shapley([0.2, 0.9, 0.4], [0.8, 0.9, 0.6], [1, 1, 1], 1.0)
    >>> [round(v, 4) for v in phi.tolist()]
    [-0.2, 0.0, -0.0667]
    """
    a = np.asarray(pillars_a, dtype=np.float64)
    b = np.asarray(pillars_b, dtype=np.float64)
    hybrids = np.where(_COALITIONS, a[..., None, :], b[..., None, :])  # (..., 8, 3)
    w = np.asarray(weights, dtype=np.float64)
    if w.ndim > 1:
        w = w[..., None, :]
    pe = np.asarray(p, dtype=np.float64)
    if pe.ndim:
        pe = pe[..., None]
    value = power_mean(hybrids, w, pe)  # (..., 8)
    marginal = value[..., _WITH] - value[..., _WITHOUT]  # (..., 3, 4)
    out: Array = np.sum(marginal * _WEIGHT, axis=-1)
    return out
