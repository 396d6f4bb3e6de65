"""``UncertaintyResult``: draws of health and the pillars, read as a centre and an interval."""

from __future__ import annotations

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._analysis.interval import AS_CODED_NOTE, Interval
from alliance_health._domain.pillar import PILLARS, Pillar, to_pillar
from alliance_health._errors import InsufficientDataError
from alliance_health._present.result import Tabular
from alliance_health._present.table import Column, ColumnValues, Table
from alliance_health._scoring.model import Model
from alliance_health._scoring.select import CoverageTable

__all__ = ["OUTSIDE_NOTE", "UncertaintyResult"]

Array = npt.NDArray[np.float64]
OUTSIDE_NOTE = AS_CODED_NOTE  # the name of version 0.1


@attrs.frozen(kw_only=True, eq=False, repr=False)
class UncertaintyResult(Tabular):
    """Monte Carlo draws of an alliance's health; made by :func:`uncertainty`.

    Read the ``centre`` and the ``interval`` first: both come from the same draws, so the centre
    always lies inside. The ``as_coded`` score (what :func:`~alliance_health.score` gives) is
    shown beside them; it can differ from the centre (see :data:`AS_CODED_NOTE`).

    Attributes
    ----------
    profile_id : str
        The profile.
    years : tuple of int
        The years scored.
    draws : numpy.ndarray, shape (n,) or (n, Y)
        Health draws: shape (n,) when one year was scored, one column per year when several were
        (however the years were spelled; :meth:`at` takes one year out of several).
    pillars : numpy.ndarray, shape (n, 3) or (n, Y, 3)
        Pillar draws, last axis in :class:`~alliance_health.Pillar` order.
    point_health : numpy.ndarray, shape (Y,)
        The health from the coded values themselves (what :func:`~alliance_health.score` gives).
    point_pillars : numpy.ndarray, shape (Y, 3)
        The pillar scores from the coded values.
    model : Model
        The aggregation model (the centre of the model's distribution when it varies).
    vary_model : bool
        Whether pillar weights and ``p`` were drawn too.
    inputs : tuple of str
        Labels of the uncertain inputs drawn.
    coverage : CoverageTable or None
        What each pillar rests on in each year (observed weight share, oldest observation).

    Examples
    --------
    The illustrative profile's 2006 health, with its surveys and its coded range drawn 256 times:

    >>> import alliance_health as ah
    >>> res = ah.uncertainty(ah.testing.minimal_profile(), 2006, n=256, rng=0)
    >>> res
    Uncertainty of 'minimal' health in 2006: 256 draws over 3 uncertain inputs (observations)
    score              centre    low   high  confidence_level  as_coded  observed
    -----------------  ------  -----  -----  ----------------  --------  --------
    health              0.499  0.435  0.553             0.900     0.500
    shared_threat       0.250  0.228  0.273             0.900     0.250     1.000
    mutual_obligation   1.000  1.000  1.000             0.900     1.000     1.000
    consultation        0.500  0.331  0.670             0.900     0.500     1.000
    >>> ci = res.interval(0.9)
    >>> round(ci.low, 3), round(res.centre, 3), round(ci.high, 3), round(res.as_coded, 3)
    (0.435, 0.499, 0.553, 0.5)
    >>> round(res.prob_below(0.45), 3)  # share of draws with health below 0.45
    0.113
    >>> res.pillar_draws("consultation").shape
    (256,)

    Several years give one column per year; :meth:`at` takes one of them out:

    >>> both = ah.uncertainty(ah.testing.minimal_profile(), years=[2006, 2007], n=256, rng=0)
    >>> both.draws.shape, both.at(2006).draws.shape
    ((256, 2), (256,))
    """

    profile_id: str
    years: tuple[int, ...]
    draws: Array
    pillars: Array
    point_health: Array
    point_pillars: Array
    model: Model
    vary_model: bool
    inputs: tuple[str, ...]
    coverage: CoverageTable | None = None

    @property
    def n(self) -> int:
        """Number of draws."""
        return int(self.draws.shape[0])

    @property
    def samples(self) -> Array:
        """Deprecated spelling of :attr:`draws`."""
        _validate.deprecated("UncertaintyResult.samples", "UncertaintyResult.draws")
        return self.draws

    @property
    def _scalar(self) -> bool:
        return self.draws.ndim == 1

    def at(self, year: int) -> UncertaintyResult:
        """The result for one of the years scored, with draws of shape (n,).

        Raises
        ------
        InsufficientDataError
            ``year`` is not one of :attr:`years`.
        """
        if year not in self.years:
            msg = f"year {year!r} is not among the years of this result {list(self.years)}"
            raise InsufficientDataError(msg)
        if self._scalar:
            return self
        k = self.years.index(year)
        return attrs.evolve(
            self,
            years=(self.years[k],),
            draws=self.draws[:, k],
            pillars=self.pillars[:, k],
            point_health=self.point_health[k : k + 1],
            point_pillars=self.point_pillars[k : k + 1],
        )

    def _out(self, a: Array) -> float | Array:
        return float(a) if a.ndim == 0 else a

    @property
    def as_coded(self) -> float | Array:
        """Health of the coded values, equal to ``score(profile, year).health`` (one per year)."""
        return self._out(self.point_health[0] if self._scalar else self.point_health)

    @property
    def point(self) -> float | Array:
        """The as-coded health (:attr:`as_coded`; the name of version 0.1)."""
        return self.as_coded

    @property
    def centre(self) -> float | Array:
        """Median of the health draws (one per year): the value to read with :meth:`interval`."""
        return self._out(np.median(self.draws, axis=0))

    @property
    def median(self) -> float | Array:
        """Median of the health draws (:attr:`centre`)."""
        return self.centre

    def interval(self, confidence_level: float = 0.9, *, level: float | None = None) -> Interval:
        """Equal-tailed interval holding ``confidence_level`` of the health draws.

        Parameters
        ----------
        confidence_level : float, optional
            Share of the draws inside, strictly between 0 and 1. Default 0.9: the 5 % and 95 %
            quantiles.
        level : float, optional
            Deprecated spelling of ``confidence_level``.
        """
        cl = _validate.check_confidence(confidence_level, level, call="interval")
        return self._interval(self.draws, cl)

    def pillar_draws(self, pillar: Pillar | str) -> Array:
        """The draws of one pillar, shape (n,) or (n, Y)."""
        return self.pillars[..., PILLARS.index(to_pillar(pillar))]

    def pillar_samples(self, pillar: Pillar | str) -> Array:
        """Deprecated spelling of :meth:`pillar_draws`."""
        _validate.deprecated("UncertaintyResult.pillar_samples()", "pillar_draws()")
        return self.pillar_draws(pillar)

    def pillar_interval(
        self, pillar: Pillar | str, confidence_level: float = 0.9, *, level: float | None = None
    ) -> Interval:
        """Equal-tailed interval holding ``confidence_level`` of one pillar's draws.

        ``level`` is the deprecated spelling of ``confidence_level``.
        """
        cl = _validate.check_confidence(confidence_level, level, call="pillar_interval")
        return self._interval(self.pillar_draws(pillar), cl)

    def prob_below(self, threshold: float) -> float | Array:
        """Share of health draws strictly below ``threshold`` (one per year)."""
        limit = _validate.check_finite(threshold, "threshold", example="0.5")
        return self._out(np.mean(self.draws < limit, axis=0))

    def quantiles(self, *q: float) -> Array:
        """Quantiles ``q`` (each in [0, 1]) of the health draws.

        Shape (len(q),) for one year, (len(q), Y) for several, as ``numpy.quantile`` gives.
        """
        for value in q:
            _validate.check_in_range(value, "quantiles")
        out: Array = np.quantile(self.draws, q, axis=0)
        return out

    def _interval(self, draws: Array, confidence_level: float) -> Interval:
        lvl = _validate.check_confidence_level(confidence_level)
        low, high = np.quantile(draws, [(1.0 - lvl) / 2.0, (1.0 + lvl) / 2.0], axis=0)
        return Interval(low=self._out(low), high=self._out(high), confidence_level=lvl)

    def table(self) -> Table:
        """The centre (median) and the 90 % interval of the draws, with the as-coded score.

        One row per score (health and each pillar) for one year, one row per year (health) for
        several; ``observed`` is the pillar's observed share of its declared indicator weight
        (for a year, its thinnest pillar's). The columns are listed on :doc:`/tables`.
        """
        level = 0.9
        share = np.full((len(self.years), 3), np.nan)
        if self.coverage is not None:
            share = self.coverage.observed_share
        if self._scalar:
            first: dict[str | Column, ColumnValues] = {
                "score": ["health", *(p.value for p in PILLARS)]
            }
            point = np.append(self.point_health[0], self.point_pillars[0])
            draws = np.column_stack([self.draws, self.pillars])
            observed = np.append(np.nan, share[0])
        else:
            first = {"year": list(self.years)}
            point, draws, observed = self.point_health, self.draws, share.min(axis=1)
        low, median, high = np.quantile(draws, [(1 - level) / 2, 0.5, (1 + level) / 2], axis=0)
        data: dict[str | Column, ColumnValues] = first | {
            "centre": median,
            "low": low,
            "high": high,
            "confidence_level": np.full(point.size, level),
            "as_coded": point,
            "observed": observed,
        }
        notes = [AS_CODED_NOTE] if not self.interval(level).contains(self.as_coded) else []
        return Table.from_columns(
            data,
            caption=self._title(),
            notes=notes,
            index=["score" if self._scalar else "year"],
            name="uncertainty",
        )

    def _title(self) -> str:
        when = (
            str(self.years[0])
            if self._scalar
            else f"{self.years[0]}-{self.years[-1]} ({len(self.years)} years)"
        )
        varied = "observations and model" if self.vary_model else "observations"
        return (
            f"Uncertainty of {self.profile_id!r} health in {when}: {self.n} draws over"
            f" {len(self.inputs)} uncertain inputs ({varied})"
        )
