"""Comparing two alliances (or one alliance in two years), with an exact attribution."""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _display
from alliance_health._analysis.interval import AS_CODED_NOTE, Interval
from alliance_health._analysis.shapley import shapley
from alliance_health._check_args import check_level, to_rng
from alliance_health._domain.pillar import PILLARS, Pillar
from alliance_health._domain.profile import Profile
from alliance_health._scoring.aggregate import power_mean
from alliance_health._scoring.engine import build_layout, evaluate
from alliance_health._scoring.model import Model
from alliance_health._scoring.score import Score, assemble
from alliance_health._scoring.select import warn_thin

__all__ = ["Comparison", "compare"]

Array = npt.NDArray[np.float64]


@attrs.frozen(kw_only=True, eq=False)
class Comparison:
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

    def interval(self, level: float = 0.9) -> Interval:
        """Equal-tailed interval of the health difference at ``level``."""
        check_level(level)
        lo, hi = np.quantile(self.draws, [(1 - level) / 2, (1 + level) / 2])
        return Interval(low=float(lo), high=float(hi), level=level)

    def _label(self, s: Score) -> str:
        return f"{s.profile_id} {s.year}"

    def __repr__(self) -> str:
        a, b = self._label(self.a), self._label(self.b)
        iv = self.interval()
        lines = [
            f"Comparison: {a} minus {b}",
            (
                f"health difference: centre {self.centre:.3f}, 90% interval [{iv.low:.3f},"
                f" {iv.high:.3f}]; P({a} healthier) = {self.prob_a_healthier:.3f}"
            ),
            f"as coded {'':<11} {a:>20} {b:>20} {'difference':>11} {'attribution':>12}",
            (
                f"{'health':<20} {self.a.health:20.3f} {self.b.health:20.3f}"
                f" {self.delta_health:11.3f} {self.delta_health:12.3f}"
            ),
        ]
        lines += [
            f"{p.label:<20} {self.a.pillars[p]:20.3f} {self.b.pillars[p]:20.3f}"
            f" {self.delta_pillars[p]:11.3f} {self.attribution[p]:12.3f}"
            for p in PILLARS
        ]
        lines += [
            f"{'observed weight':<20} {self._observed(self.a):>20} {self._observed(self.b):>20}",
            (
                f"indicators shared: {len(self.shared_indicators)};"
                f" only {a}: {len(self.only_a)}; only {b}: {len(self.only_b)}"
            ),
        ]
        if not iv.contains(self.delta_health):
            lines.append(f"note: {AS_CODED_NOTE}")
        return "\n".join(lines)

    @staticmethod
    def _observed(s: Score) -> str:
        return " ".join(f"{s.coverage[p].observed_weight_share:.2f}" for p in PILLARS)

    def to_frame(self) -> Any:  # noqa: ANN401  (pandas is optional, so no annotation)
        """Health and pillars of both sides, their difference and its attribution (needs pandas).

        Index: ``health`` and the three pillars; columns: the two sides (``"<profile> <year>"``),
        ``difference`` and ``attribution`` (the Shapley share; for health, the whole difference),
        all as coded, then each side's observed weight share per pillar (``"<side> observed"``).
        """
        pd = _display.pandas()
        a, b = self._label(self.a), self._label(self.b)
        if a == b:
            a, b = f"a: {a}", f"b: {b}"
        names = ["health", *(p.value for p in PILLARS)]
        data = {
            a: [self.a.health, *(self.a.pillars[p] for p in PILLARS)],
            b: [self.b.health, *(self.b.pillars[p] for p in PILLARS)],
            "difference": [self.delta_health, *(self.delta_pillars[p] for p in PILLARS)],
            "attribution": [self.delta_health, *(self.attribution[p] for p in PILLARS)],
        }
        for side, s in ((a, self.a), (b, self.b)):
            data[f"{side} observed"] = [
                math.nan,
                *(s.coverage[p].observed_weight_share for p in PILLARS),
            ]
        return pd.DataFrame(data, index=pd.Index(names, name="score"))

    def _repr_html_(self) -> str:
        a, b = html.escape(self._label(self.a)), html.escape(self._label(self.b))
        rows = [("health", self.a.health, self.b.health, self.delta_health, self.delta_health)]
        rows += [
            (
                p.label,
                self.a.pillars[p],
                self.b.pillars[p],
                self.delta_pillars[p],
                self.attribution[p],
            )
            for p in PILLARS
        ]
        body = "".join(
            f"<tr><td>{name}</td><td>{x:.3f}</td><td>{y:.3f}</td><td>{d:.3f}</td>"
            f"<td>{s:.3f}</td></tr>"
            for name, x, y, d, s in rows
        )
        body += (
            f"<tr><td>observed weight</td><td>{self._observed(self.a)}</td>"
            f"<td>{self._observed(self.b)}</td><td></td><td></td></tr>"
        )
        iv = self.interval()
        return (
            f"<table><caption>{a} minus {b}: centre {self.centre:.3f}, 90% interval"
            f" [{iv.low:.3f}, {iv.high:.3f}], P(a healthier) = {self.prob_a_healthier:.3f};"
            f" as coded below</caption><tr><th>as coded</th><th>{a}</th>"
            f"<th>{b}</th><th>difference</th><th>attribution</th></tr>{body}</table>"
        )


def _yardsticks(profile: Profile) -> set[str]:
    return {i.standard or i.id for i in profile.indicators}


def compare(
    a: Profile,
    b: Profile,
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
    a, b : Profile
        The two alliances (may be the same profile).
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

    model = Model() if model is None else model
    gen = to_rng(rng)
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
