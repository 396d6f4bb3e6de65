"""Comparing two alliances (or one alliance in two years), with an exact attribution."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._analysis.interval import AS_CODED_NOTE, Interval
from alliance_health._analysis.shapley import shapley
from alliance_health._domain.pillar import PILLARS, Pillar
from alliance_health._domain.profile import Profile
from alliance_health._present.result import Tabular
from alliance_health._present.table import Column, ColumnValues, Table
from alliance_health._scoring.aggregate import power_mean
from alliance_health._scoring.arguments import to_model, to_profile
from alliance_health._scoring.engine import build_layout, evaluate
from alliance_health._scoring.model import Model
from alliance_health._scoring.score import Score, assemble
from alliance_health._scoring.select import warn_thin

__all__ = ["Comparison", "compare"]

Array = npt.NDArray[np.float64]
_LEVEL: Final = 0.9  # the confidence level of the interval in the table


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Comparison(Tabular):
    """The difference between two profile-years, ``a`` minus ``b``.

    Read the ``centre`` of the drawn differences and their :meth:`interval` first (both from the
    same draws); ``delta_health`` is the as-coded difference (``as_coded``), shown beside them.

    Attributes
    ----------
    a, b : Score
        The two scores.
    delta_health : float
        ``a.health - b.health``.
    delta_pillars : Mapping[Pillar, float]
        ``a`` minus ``b`` for each pillar.
    attribution : Mapping[Pillar, float]
        Exact Shapley attribution of ``delta_health`` to the pillars; sums to ``delta_health``.
    draws : numpy.ndarray, shape (n,)
        Monte Carlo draws of the health difference.
    attribution_draws : numpy.ndarray, shape (n, 3)
        The attribution in each draw.
    shared_indicators, only_a, only_b : tuple of str
        Indicator yardsticks (catalogue standard, or id for alliance-specific indicators) used by
        both sides, or by one side only. Differences on unshared indicators are differences of
        measurement as well as of alliances.

    Notes
    -----
    Its table (:meth:`table`) has a row for health and one per pillar: both sides, the
    difference, its attribution and, for health, the median, 90 % interval and probability that
    ``a`` is healthier from the draws; the columns are listed on the Tables page
    (:doc:`/tables`).

    Examples
    --------
    >>> import alliance_health as ah
    >>> p = ah.testing.minimal_profile()
    >>> c = ah.compare(p, p, year_a=2006, year_b=2006, n=64, rng=0)
    >>> c.delta_health, sum(c.attribution.values()), c.shared_indicators
    (0.0, 0.0, ('meetings', 'pledge', 'threat-public'))
    """

    a: Score
    b: Score
    delta_health: float
    delta_pillars: Mapping[Pillar, float]
    attribution: Mapping[Pillar, float]
    draws: Array
    attribution_draws: Array
    shared_indicators: tuple[str, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]

    @property
    def centre(self) -> float:
        """Median of the drawn health differences: the value to read with :meth:`interval`."""
        return float(np.median(self.draws))

    @property
    def median(self) -> float:
        """Median of the drawn health differences (:attr:`centre`)."""
        return self.centre

    @property
    def as_coded(self) -> float:
        """The difference of the as-coded scores (``delta_health``)."""
        return self.delta_health

    @property
    def prob_a_healthier(self) -> float:
        """Share of draws in which ``a`` is healthier than ``b`` (ties count one half)."""
        return float(np.mean(self.draws > 0) + 0.5 * np.mean(self.draws == 0))

    def interval(self, confidence_level: float = 0.9, *, level: float | None = None) -> Interval:
        """Equal-tailed interval of the health difference holding ``confidence_level`` of the draws.

        ``level`` is the deprecated spelling of ``confidence_level``.
        """
        cl = _validate.check_confidence(confidence_level, level, call="interval")
        lo, hi = np.quantile(self.draws, [(1 - cl) / 2, (1 + cl) / 2])
        return Interval(low=float(lo), high=float(hi), confidence_level=cl)

    def _label(self, s: Score) -> str:
        return f"{s.profile_id} {s.year}"

    def table(self) -> Table:
        """Both sides, their difference and its attribution; the interval of the difference."""
        a, b = self._label(self.a), self._label(self.b)
        iv = self.interval(_LEVEL)
        blank = [None] * len(PILLARS)
        data: dict[str | Column, ColumnValues] = {
            "score": ["health", *(p.value for p in PILLARS)],
            "a": [self.a.health, *(self.a.pillars[p] for p in PILLARS)],
            "b": [self.b.health, *(self.b.pillars[p] for p in PILLARS)],
            "difference": [self.delta_health, *(self.delta_pillars[p] for p in PILLARS)],
            "attribution": [self.delta_health, *(self.attribution[p] for p in PILLARS)],
            "a_observed": [None, *(self.a.coverage[p].observed_weight_share for p in PILLARS)],
            "b_observed": [None, *(self.b.coverage[p].observed_weight_share for p in PILLARS)],
            "centre": [self.centre, *blank],
            "low": [iv.low, *blank],
            "high": [iv.high, *blank],
            "confidence_level": [iv.confidence_level, *blank],
            "prob_a_healthier": [self.prob_a_healthier, *blank],
        }
        notes = [
            (
                f"draws: centre (median) of the difference {self.centre:.3f},"
                f" {iv.confidence_level:.0%} interval"
                f" [{iv.low:.3f}, {iv.high:.3f}]; P({a} healthier) = {self.prob_a_healthier:.3f}"
            )
        ]
        if not iv.contains(self.delta_health):
            notes.append(AS_CODED_NOTE)
        notes.append(
            f"indicators shared: {len(self.shared_indicators)};"
            f" only {a}: {len(self.only_a)}; only {b}: {len(self.only_b)}"
        )
        return Table.from_columns(
            data,
            caption=f"Comparison: a = {a} minus b = {b}",
            notes=notes,
            index=["score"],
            name="comparison",
        )


def _yardsticks(profile: Profile) -> set[str]:
    return {i.standard or i.id for i in profile.indicators}


def compare(
    a: Profile | str,
    b: Profile | str,
    *,
    year_a: int,
    year_b: int,
    n: int = 4096,
    rng: int | np.random.Generator | None = None,
    model: Model | None = None,
) -> Comparison:
    """Compare the health of ``a`` in ``year_a`` with ``b`` in ``year_b``.

    The centre (median) and interval of the difference and the probability that ``a`` is
    healthier come from ``n`` Monte Carlo draws of each side (:func:`uncertainty`); the as-coded
    difference comes from :func:`score`, and its attribution to the pillars is the exact Shapley
    decomposition (:func:`~alliance_health._analysis.shapley.shapley`), which sums to it for any
    model. When ``a`` and ``b`` are the same profile, both years are drawn together, so an input
    that serves both years gets the same draw in both: comparing a profile-year with itself gives
    a difference of exactly zero. Each side's layout is built once.

    Parameters
    ----------
    a, b : Profile or str
        The two alliances (may be the same profile), or ids of built-in profiles (``"rok-us"``).
    year_a, year_b : int
        The years compared.
    n : int, optional
        Monte Carlo draws per side (default 4096).
    rng : int or numpy.random.Generator, optional
        Seed or generator; the same seed gives the same result to the bit.
    model : Model, optional
        Aggregation model for both sides; default ``Model()``.

    Returns
    -------
    Comparison

    Warns
    -----
    CoverageWarning
        A pillar of either side rests on less than ``model.coverage_threshold`` of its declared
        weight.

    References
    ----------
    .. [1] Shapley, L. S. (1953). A value for n-person games. *Contributions to the Theory of
           Games II*, 307-317.
    .. [2] Sneider, D. C. (2006). "Re-imagining the U.S.-ROK Alliance" (the analogy of the U.S.-ROK
           alliance in 2006 with NATO after the Cold War).

    Examples
    --------
    >>> import alliance_health as ah
    >>> p = ah.testing.minimal_profile()
    >>> c = ah.compare(p, p, year_a=2006, year_b=2006, n=256, rng=0)
    >>> c.delta_health, c.prob_a_healthier
    (0.0, 0.5)
    """
    from alliance_health._analysis.draws import draw_pillars  # noqa: PLC0415  (lazy: scipy)

    a, b = to_profile(a, "a"), to_profile(b, "b")
    model = to_model(model)
    gen = _validate.to_rng(rng)
    same = a == b
    la = build_layout(a, sorted({year_a, year_b}) if same else [year_a])
    lb = la if same else build_layout(b, [year_b])
    for lay in (la,) if same else (la, lb):
        warn_thin(lay.coverage_table(), model.coverage_threshold, lay.profile.name)
    ev_a = evaluate(la, la.normalise(la.values), model)
    ev_b = ev_a if same else evaluate(lb, lb.normalise(lb.values), model)
    score_a, score_b = assemble(la, model, year_a, ev_a), assemble(lb, model, year_b, ev_b)
    pa = np.array([score_a.pillars[p] for p in PILLARS])
    pb = np.array([score_b.pillars[p] for p in PILLARS])
    phi = shapley(pa, pb, model.weight_array, model.p)
    if same:
        joint = draw_pillars(a, la.years, n=n, rng=gen, model=model, layout=la)  # (n, Y, 3)
        da, db = joint[:, la.year_index(year_a)], joint[:, la.year_index(year_b)]
    else:
        da = draw_pillars(a, [year_a], n=n, rng=gen, model=model, layout=la)[:, 0]
        db = draw_pillars(b, [year_b], n=n, rng=gen, model=model, layout=lb)[:, 0]
    w = model.weight_array
    phi_draws = shapley(da, db, w, model.p)
    ya, yb = _yardsticks(a), _yardsticks(b)
    return Comparison(
        a=score_a,
        b=score_b,
        delta_health=score_a.health - score_b.health,
        delta_pillars=MappingProxyType({p: float(pa[k] - pb[k]) for k, p in enumerate(PILLARS)}),
        attribution=MappingProxyType({p: float(phi[k]) for k, p in enumerate(PILLARS)}),
        draws=power_mean(da, w, model.p) - power_mean(db, w, model.p),
        attribution_draws=phi_draws,
        shared_indicators=tuple(sorted(ya & yb)),
        only_a=tuple(sorted(ya - yb)),
        only_b=tuple(sorted(yb - ya)),
    )
