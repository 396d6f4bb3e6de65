r"""What is not observed: absent members, unobserved indicators and stale observations.

The rules of "Missing and stale data" in the methods, as quantile functions on arrays. Each maps a
quantile level ``u`` in [0, 1] to a value, so that the as-coded score takes ``u = 1/2`` (the
median) and the Monte Carlo draws take uniform ``u``: the point and the draws follow one rule, and
every uncertain input's draws have the coded value as their median.

Three families:

- :func:`two_piece_triangular`: mode and median at the coded value ``m``, triangular on each side
  of it, each side holding half the mass. A plain triangular distribution with its mode at ``m``
  has its median elsewhere whenever ``m`` is off-centre (the mass lies on the longer side), which
  put the point score outside its own interval; the two-piece form keeps the coder's best guess as
  both the most likely value and the middle one (the split distributions of John 1982; Wallis 2014).
- :func:`two_piece_uniform`: median ``m``, uniform on each side: no preference within either side.
  The distribution of a value about which only its median is known.
- :func:`absent_members`: a member-level indicator observed for ``k`` of the ``N`` members.

References
----------
.. [1] John, S. (1982). The three-parameter two-piece normal family of distributions and its
       fitting. *Communications in Statistics - Theory and Methods*, 11(8), 879-885.
.. [2] Wallis, K. F. (2014). The two-piece normal, binormal, or double Gaussian distribution: its
       origin and rediscoveries. *Statistical Science*, 29(1), 106-112.
.. [3] Manski, C. F. (2003). *Partial Identification of Probability Distributions*. Springer.
.. [4] Little, R. J. A. & Rubin, D. B. (2019). *Statistical Analysis with Missing Data*, 3rd ed.
       Wiley.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["absent_members", "two_piece_triangular", "two_piece_uniform"]

Array = npt.NDArray[np.float64]


def two_piece_triangular(
    u: npt.ArrayLike, lo: npt.ArrayLike, m: npt.ArrayLike, hi: npt.ArrayLike
) -> Array:
    """Quantiles of the two-piece triangular distribution on ``[lo, hi]`` with median ``m``.

    Below ``m`` the density rises linearly from 0 at ``lo``, above it falls linearly to 0 at
    ``hi``; each side holds half the mass, so ``m`` is both the mode and the median. A side of zero
    width is an atom of one half at ``m`` (a value coded at an end of its range: "at least this").

    Examples
    --------
    >>> two_piece_triangular([0.0, 0.125, 0.5, 1.0], 1.0, 2.0, 6.0).tolist()
    [1.0, 1.5, 2.0, 6.0]
    """
    q = np.asarray(u, dtype=np.float64)
    lo_, m_, hi_ = (np.asarray(a, dtype=np.float64) for a in (lo, m, hi))
    low = m_ - (m_ - lo_) * (1.0 - np.sqrt(2.0 * np.minimum(q, 0.5)))
    high = m_ + (hi_ - m_) * (1.0 - np.sqrt(2.0 * (1.0 - np.maximum(q, 0.5))))
    out: Array = np.where(q < 0.5, low, high)
    return out


def two_piece_uniform(
    u: npt.ArrayLike, lo: npt.ArrayLike, m: npt.ArrayLike, hi: npt.ArrayLike
) -> Array:
    """Quantiles of the two-piece uniform distribution on ``[lo, hi]`` with median ``m``.

    Half the mass is spread evenly on ``[lo, m]``, half on ``[m, hi]``.

    Examples
    --------
    >>> two_piece_uniform([0.0, 0.25, 0.5, 0.75, 1.0], 0.0, 0.2, 1.0).round(3).tolist()
    [0.0, 0.1, 0.2, 0.6, 1.0]
    """
    q = np.asarray(u, dtype=np.float64)
    lo_, m_, hi_ = (np.asarray(a, dtype=np.float64) for a in (lo, m, hi))
    out: Array = np.where(q < 0.5, lo_ + (m_ - lo_) * 2.0 * q, m_ + (hi_ - m_) * (2.0 * q - 1.0))
    return out


def absent_members(
    u: npt.ArrayLike,
    observed: npt.ArrayLike,
    low: npt.ArrayLike,
    high: npt.ArrayLike,
    share: npt.ArrayLike,
) -> Array:
    r"""Quantiles of a member-level indicator when some members of the year are not observed.

    ``observed`` is the member rule over the ``k`` observed members, ``share`` is ``k / N`` and
    ``[low, high]`` are the worst-case bounds of the rule over all ``N`` members when the
    ``N - k`` unobserved ones may lie anywhere on the scale (Manski 2003): for ``"min"``
    ``[0, observed]``, for ``"max"`` ``[observed, 1]``, for ``"mean"``
    ``[share * observed, share * observed + 1 - share]``. The value is the mixture

    .. math:: P = c\,\delta_{v} + (1 - c)\,\mathcal U[\mathrm{low}, \mathrm{high}],
              \qquad c = k / N,

    an atom at the observed value with probability ``c`` and uniform on the bounds otherwise. Under
    exchangeable members missing at random (Little & Rubin 2019), the least (or most) convinced of
    ``N`` members is among the ``k`` observed with probability exactly ``k / N``; where it is not,
    nothing says how far below (above) it lies, hence the uniform. So under ``"min"`` an absent
    member can only lower the shared value, never raise it above the observed members' minimum,
    and a reading from one member of two is a coin flip, not a shared reading.

    Examples
    --------
    One member of two observed at 0.8 under the ``"min"`` rule: half of the draws keep 0.8, the
    other half lie evenly below it; the median stays at 0.8.

    >>> absent_members([0.1, 0.25, 0.5, 0.9], 0.8, 0.0, 0.8, 0.5).round(3).tolist()
    [0.16, 0.4, 0.8, 0.8]
    """
    q = np.asarray(u, dtype=np.float64)
    v, lo, hi, c = (np.asarray(a, dtype=np.float64) for a in (observed, low, high, share))
    with np.errstate(divide="ignore", invalid="ignore"):
        span = hi - lo
        rest = 1.0 - c
        # divide before scaling by ``rest``: with subnormal values ``rest * (v - lo)`` rounds up
        # to ``span`` and would send the atom's draws onto the uniform part, above ``v``
        below = np.where(span > 0, rest * ((v - lo) / np.where(span > 0, span, 1.0)), 0.0)
        # each piece stays on its side of the atom, whatever the rounding of lo + fraction * span
        lower = np.minimum(lo + q / rest * span, v)
        upper = np.maximum(lo + (q - c) / rest * span, v)
        mixed = np.where(q < below, lower, np.where(q < below + c, v, upper))
    out: Array = np.where(c >= 1.0, v, mixed)
    return out
