"""Panels: a similarity measure for every pair of members in every year, in one call."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._domain.indicator import Indicator
from alliance_health._domain.observation import Observation
from alliance_health._domain.source import Source
from alliance_health._errors import ValidationError
from alliance_health.similarity._inputs import MEASURES, Array, as_positions, ratio
from alliance_health.similarity._measures import (
    alignment_index,
    cohen_kappa,
    s_score,
    scott_pi,
    tau_b,
)
from alliance_health.similarity._profile import to_observations

__all__ = ["Pairwise", "pairwise"]


def _measure(name: str) -> Callable[..., Array]:
    table: dict[str, Callable[..., Array]] = {
        "s": s_score,
        "tau_b": tau_b,
        "kappa": cohen_kappa,
        "pi": scott_pi,
        "a": alignment_index,
    }
    return table[_validate.check_choice(name, "measure", MEASURES)]


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

    >>> from alliance_health import similarity
    >>> ind = similarity.indicator(id="ties-s", threat="rival")
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
        return ratio(total, count.astype(np.float64))

    def alliance_mean(self) -> Array:
        """The mean over all pairs present, (n_years,)."""
        m = len(self.members)
        upper = np.triu_indices(m, 1)
        pairs = self.values[:, upper[0], upper[1]]
        count = np.isfinite(pairs).sum(-1)
        total = np.where(np.isfinite(pairs), pairs, 0.0).sum(-1)
        return ratio(total, count.astype(np.float64))

    def to_observations(
        self,
        *,
        indicator: Indicator,
        source: str | Source,
        scope: str = "member",
        note: str = "",
        level: str | None = None,
    ) -> tuple[Observation, ...]:
        """Observations of ``indicator``: per member (:meth:`member_mean`) or for the alliance.

        ``scope="member"`` is the default: the model's member rule then decides how the members
        combine (for shared-threat indicators the least-aligned member, by default);
        ``scope="alliance"`` gives the mean over all pairs (:meth:`alliance_mean`). ``level`` is
        the deprecated spelling of ``scope``. See :func:`to_observations`.
        """
        if level is not None:
            _validate.deprecated("to_observations(level=...)", "to_observations(scope=...)")
            scope = level
        if _validate.check_choice(scope, "scope", ("member", "alliance")) == "member":
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
    p = as_positions(portfolios, "portfolios")
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
        w = as_positions(weights, "weights")
        options["weights"] = w[..., None, :] if w.ndim == 2 else w
    pair_values = func(p[:, i, :], p[:, j, :], **options) if i.size else None
    values = np.full((n_years, m, m), np.nan)
    if pair_values is not None:
        values[:, i, j] = pair_values
        values[:, j, i] = pair_values
    return Pairwise(measure=measure, values=values, years=year_labels, members=member_labels)
