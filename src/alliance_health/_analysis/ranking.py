"""Rankings with their uncertainty: how sure is an alliance's place among others in one year.

A ranking from point scores hides how close the places are. Scored on joint Monte Carlo draws,
each draw gives a full ranking; over the draws, each alliance has a probability of every rank and
each pair a probability that one is healthier than the other, as in the rank uncertainty analysis
of composite indicators (OECD/JRC Handbook 2008, step 7; Saisana et al. 2005; COINr's
``get_sensitivity``, Becker et al. 2022).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._errors import UnknownReferenceError
from alliance_health._present.result import Tabular
from alliance_health._present.table import Column, ColumnValues, Table
from alliance_health._validate import check_confidence_level

__all__ = ["Ranking", "prob_healthier", "rank_probabilities"]

Array = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

_PAIR_BLOCK: Final = 1 << 22  # comparisons (draws x alliances x alliances) held at once
_SHOW_PAIRS: Final = 6  # the repr prints the pairwise matrix up to this many alliances
_SHOW_RANKS: Final = 20  # and the rank table's first rows up to this many


def rank_probabilities(draws: Array) -> Array:
    """Probability of each rank (1 = healthiest) for each alliance, from joint draws.

    Parameters
    ----------
    draws : numpy.ndarray, shape (n, A)
        Health of ``A`` alliances in ``n`` joint draws.

    Returns
    -------
    numpy.ndarray, shape (A, A)
        Entry ``[a, r]`` is the share of draws in which alliance ``a`` holds rank ``r + 1``.
        Alliances tied within a draw share the ranks they span equally, so every row and every
        column sums to 1.

    Notes
    -----
    Each draw is sorted once (``argsort``); a tie group spanning sorted positions ``i..j`` gives
    each of its members ``1 / (j - i + 1)`` of each of those ranks. The shares are accumulated as
    differences at ``i`` and ``j + 1`` with one ``bincount`` and summed along the ranks, so the
    work is one sort per draw and no Python loop over draws.
    """
    n, a = draws.shape
    order = np.argsort(-draws, axis=1, kind="stable")
    ranked = np.take_along_axis(draws, order, axis=1)
    pos = np.broadcast_to(np.arange(a), (n, a))
    starts = np.ones((n, a), dtype=bool)
    starts[:, 1:] = ranked[:, 1:] != ranked[:, :-1]
    first = np.maximum.accumulate(np.where(starts, pos, 0), axis=1)
    ends = np.ones((n, a), dtype=bool)
    ends[:, :-1] = starts[:, 1:]
    last = np.minimum.accumulate(np.where(ends, pos, a - 1)[:, ::-1], axis=1)[:, ::-1]
    share = 1.0 / (last - first + 1)
    width = a + 1
    diff = np.bincount((order * width + first).ravel(), share.ravel(), minlength=a * width)
    diff -= np.bincount((order * width + last + 1).ravel(), share.ravel(), minlength=a * width)
    probs: Array = np.cumsum(diff.reshape(a, width)[:, :a], axis=1) / n
    return np.clip(probs, 0.0, 1.0)  # the running sums may leave rounding dust below 0


def prob_healthier(draws: Array) -> Array:
    """Probability that alliance ``a`` is strictly healthier than ``b``, for every pair.

    Parameters
    ----------
    draws : numpy.ndarray, shape (n, A)
        Health of ``A`` alliances in ``n`` joint draws.

    Returns
    -------
    numpy.ndarray, shape (A, A)
        Entry ``[a, b]`` is the share of draws with ``health[a] > health[b]``; ``[a, b] + [b, a]``
        is 1 less the share of ties. The diagonal is 0.
    """
    n, a = draws.shape
    rows = max(1, _PAIR_BLOCK // max(a * a, 1))
    wins = np.zeros((a, a), dtype=np.int64)
    for start in range(0, n, rows):  # blocks of draws bound memory to ~4 MiB of comparisons
        block = draws[start : start + rows]
        wins += np.count_nonzero(block[:, :, None] > block[:, None, :], axis=0)
    out: Array = wins / n
    return out


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Ranking(Tabular):
    """The alliances of a panel ranked in one year, with the uncertainty of their ranks.

    Made by :meth:`Panel.ranking <alliance_health.Panel.ranking>`. Rank 1 is the healthiest.

    Attributes
    ----------
    year : int
        The year ranked.
    alliances : tuple of str
        The alliances scored that year, in the panel's order.
    as_coded : numpy.ndarray, shape (A,)
        Health from the coded values (what :func:`~alliance_health.score` gives).
    rank_probabilities : numpy.ndarray, shape (A, A)
        ``[a, r]``: probability that alliance ``a`` holds rank ``r + 1``; rows and columns sum
        to 1 (:func:`rank_probabilities`).
    prob_healthier : numpy.ndarray, shape (A, A)
        ``[a, b]``: probability that ``a`` is strictly healthier than ``b``.
    n : int
        Number of joint draws behind the probabilities.
    confidence_level : float
        Share of the rank distribution inside the rank ranges the table shows.

    Notes
    -----
    Its table (:meth:`table`, and so :meth:`to_frame`, :meth:`to_dict` and :meth:`to_csv`) has
    one row per alliance with every rank and pairwise probability; the columns are listed on the
    Tables page (:doc:`/tables`). Its text shows the alliances by mean rank and, for up to six
    alliances, the matrix of pairwise probabilities.

    Examples
    --------
    >>> import numpy as np
    >>> from alliance_health import Ranking
    >>> draws = np.array([[0.6, 0.5], [0.4, 0.5], [0.7, 0.2], [0.8, 0.3]])
    >>> r = Ranking.from_draws(2006, ("a", "b"), np.array([0.6, 0.4]), draws)
    >>> r.rank_probabilities.tolist()  # a is first in 3 draws of 4
    [[0.75, 0.25], [0.25, 0.75]]
    >>> r.prob("a", "b"), r.expected_rank.tolist()
    (0.75, [1.25, 1.75])
    """

    year: int
    alliances: tuple[str, ...]
    as_coded: Array
    rank_probabilities: Array
    prob_healthier: Array
    n: int
    confidence_level: float = 0.9

    @classmethod
    def from_draws(
        cls,
        year: int,
        alliances: Sequence[str],
        as_coded: Array,
        draws: Array,
        *,
        confidence_level: float = 0.9,
    ) -> Ranking:
        """Rank ``alliances`` on joint health ``draws`` of shape (n, A)."""
        return cls(
            year=int(year),
            alliances=tuple(alliances),
            as_coded=np.asarray(as_coded, dtype=np.float64),
            rank_probabilities=rank_probabilities(draws),
            prob_healthier=prob_healthier(draws),
            n=int(draws.shape[0]),
            confidence_level=check_confidence_level(confidence_level),
        )

    @property
    def as_coded_rank(self) -> IntArray:
        """Rank of each alliance on its as-coded health (1 + the number strictly healthier)."""
        above = self.as_coded[None, :] > self.as_coded[:, None]
        out: IntArray = 1 + np.count_nonzero(above, axis=1)
        return out

    @property
    def expected_rank(self) -> Array:
        """Mean rank of each alliance over the draws."""
        out: Array = self.rank_probabilities @ np.arange(1.0, len(self.alliances) + 1.0)
        return out

    def rank_interval(self, confidence_level: float | None = None) -> tuple[IntArray, IntArray]:
        """Equal-tailed range of ranks ``(low, high)`` holding ``confidence_level`` of the draws.

        ``low`` is the rank at the ``(1 - level) / 2`` quantile of each alliance's rank
        distribution and ``high`` the one at ``(1 + level) / 2``; default the ranking's own level.
        """
        level = (
            self.confidence_level
            if confidence_level is None
            else check_confidence_level(confidence_level)
        )
        cum = np.cumsum(self.rank_probabilities, axis=1)
        tol = 1e-9  # the cumulated shares are sums of floats
        low = 1 + np.argmax(cum >= (1.0 - level) / 2.0 - tol, axis=1)
        high = 1 + np.argmax(cum >= (1.0 + level) / 2.0 - tol, axis=1)
        return low.astype(np.intp), high.astype(np.intp)

    def prob(self, a: str, b: str) -> float:
        """Probability that alliance ``a`` is strictly healthier than alliance ``b`` this year."""
        return float(self.prob_healthier[self._index(a), self._index(b)])

    def _index(self, alliance: str) -> int:
        if alliance not in self.alliances:
            msg = (
                f"alliance {alliance!r} is not ranked in {self.year}; ranked:"
                f" {', '.join(self.alliances)}"
            )
            raise UnknownReferenceError(msg)
        return self.alliances.index(alliance)

    def table(self) -> Table:
        """One row per alliance, in the panel's order, indexed by alliance.

        Columns: ``alliance``, ``as_coded`` (health), ``as_coded_rank``, ``mean_rank``,
        ``rank_low`` and ``rank_high`` (the rank range at ``confidence_level``),
        ``confidence_level``, then ``p_rank_<r>`` for every rank and ``p_healthier_than_<id>``
        for every alliance.
        """
        low, high = self.rank_interval()
        count = len(self.alliances)
        data: dict[str | Column, ColumnValues] = {
            "alliance": list(self.alliances),
            "as_coded": self.as_coded,
            "as_coded_rank": self.as_coded_rank,
            "mean_rank": self.expected_rank,
            "rank_low": low,
            "rank_high": high,
            "confidence_level": np.full(count, self.confidence_level),
        }
        for r in range(count):
            data[f"p_rank_{r + 1}"] = self.rank_probabilities[:, r]
        for b, other in enumerate(self.alliances):
            data[f"p_healthier_than_{other}"] = self.prob_healthier[:, b]
        return Table.from_columns(data, caption=self._title(), index=["alliance"], name="ranking")

    def to_text(self) -> str:
        """The alliances by mean rank (the first 20) and, for a few, who beats whom how often."""
        parts = [self._ranks().to_text()]
        if len(self.alliances) <= _SHOW_PAIRS:
            parts.append(self._pairs().to_text())
        return "\n\n".join(parts)

    def _repr_html_(self) -> str:
        """The alliances by mean rank; for a few, the pairwise probabilities folded below."""
        markup = self._ranks().to_html()
        if len(self.alliances) <= _SHOW_PAIRS:
            pairs = self._pairs()
            markup += (
                f"<details><summary>{html.escape(pairs.caption)}</summary>"
                f"{pairs.to_html()}</details>"
            )
        return markup

    def _ranks(self) -> Table:
        """The readable ranking: alliances sorted by mean rank (ties: as-coded rank)."""
        low, high = self.rank_interval()
        order = np.lexsort((self.as_coded_rank, self.expected_rank))
        shown = order[:_SHOW_RANKS]
        more = order.size - shown.size
        notes = [f"... {more} more alliances; to_frame() has them all"] if more > 0 else []
        return Table.from_columns(
            {
                "alliance": [self.alliances[a] for a in shown],
                "as coded": self.as_coded[shown],
                "rank": self.as_coded_rank[shown],
                Column("mean rank", format=".2f"): self.expected_rank[shown],
                f"{self.confidence_level:.0%} ranks": [f"{low[a]}-{high[a]}" for a in shown],
                "P(first)": self.rank_probabilities[shown, 0],
            },
            caption=self._title(),
            notes=notes,
            name="ranks",
        )

    def _pairs(self) -> Table:
        """The matrix of pairwise probabilities, rows healthier than columns."""
        return Table(
            caption="P(row healthier than column)",
            columns=["", *self.alliances],
            rows=[(a, *row) for a, row in zip(self.alliances, self.prob_healthier, strict=True)],
            name="pairs",
        )

    def _title(self) -> str:
        return (
            f"Ranking in {self.year} of {len(self.alliances)} alliances ({self.n} joint draws;"
            " rank 1 = healthiest)"
        )
