"""``uncertainty``: how sure is a health score, given how sure its observations are.

Every observation a score uses carries its own uncertainty (:class:`~alliance_health.Exact`,
:class:`~alliance_health.Survey`, :class:`~alliance_health.Range`), and what the data do not say
(absent members, unobserved indicators, stale observations) is uncertain too. The inputs and their
distributions are in :mod:`~alliance_health._analysis.draws`; this module draws them, scores all
draws at once with the same array engine as :func:`~alliance_health.score`, and reports a centre
and an interval from the same draws, with the as-coded score beside them.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._analysis.draws import (
    P_HALF_WIDTH,
    WEIGHT_CONCENTRATION,
    UncertainInputs,
    draw,
    draw_pillars,
    observation_label,
    p_interval,
)
from alliance_health._analysis.interval import AS_CODED_NOTE, Interval, finite
from alliance_health._check_args import check_level, check_n, to_rng
from alliance_health._domain.pillar import PILLARS, Pillar, to_pillar
from alliance_health._domain.profile import Profile
from alliance_health._errors import ValidationError
from alliance_health._scoring.engine import Layout, evaluate
from alliance_health._scoring.model import Model
from alliance_health._scoring.score import checked_layout
from alliance_health._scoring.select import CoverageTable, warn_thin

__all__ = [
    "AS_CODED_NOTE",
    "P_HALF_WIDTH",
    "WEIGHT_CONCENTRATION",
    "Interval",
    "UncertainInputs",
    "UncertaintyResult",
    "draw_pillars",
    "observation_label",
    "p_interval",
    "uncertainty",
    "uncertainty_of_layout",
]

Array = npt.NDArray[np.float64]
OUTSIDE_NOTE = AS_CODED_NOTE  # the name of version 0.1


@attrs.frozen(kw_only=True, eq=False)
class UncertaintyResult:
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
    samples : numpy.ndarray, shape (n,) or (n, Y)
        Health draws; one column per year when several years were asked for.
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
                       centre     5%    95% as coded observed
    health              0.499  0.435  0.553    0.500
    shared_threat       0.250  0.228  0.273    0.250     1.00
    mutual_obligation   1.000  1.000  1.000    1.000     1.00
    consultation        0.500  0.331  0.670    0.500     1.00
    >>> ci = res.interval(0.9)
    >>> round(ci.low, 3), round(res.centre, 3), round(ci.high, 3), round(res.as_coded, 3)
    (0.435, 0.499, 0.553, 0.5)
    >>> round(res.prob_below(0.45), 3)  # share of draws with health below 0.45
    0.113
    >>> res.pillar_samples("consultation").shape
    (256,)
    """

    profile_id: str
    years: tuple[int, ...]
    samples: Array
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
        return int(self.samples.shape[0])

    @property
    def _scalar(self) -> bool:
        return self.samples.ndim == 1

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
        return self._out(np.median(self.samples, axis=0))

    @property
    def median(self) -> float | Array:
        """Median of the health draws (:attr:`centre`)."""
        return self.centre

    def interval(self, level: float = 0.9) -> Interval:
        """Equal-tailed interval holding ``level`` of the health draws.

        Parameters
        ----------
        level : float, optional
            Share of the draws inside, strictly between 0 and 1. Default 0.9: the 5 % and 95 %
            quantiles.
        """
        return self._interval(self.samples, level)

    def pillar_samples(self, pillar: Pillar | str) -> Array:
        """The draws of one pillar, shape (n,) or (n, Y)."""
        return self.pillars[..., PILLARS.index(to_pillar(pillar))]

    def pillar_interval(self, pillar: Pillar | str, level: float = 0.9) -> Interval:
        """Equal-tailed interval holding ``level`` of one pillar's draws."""
        return self._interval(self.pillar_samples(pillar), level)

    def prob_below(self, threshold: float) -> float | Array:
        """Share of health draws strictly below ``threshold`` (one per year)."""
        limit = finite(threshold, "threshold")
        return self._out(np.mean(self.samples < limit, axis=0))

    def quantiles(self, *q: float) -> Array:
        """Quantiles ``q`` (each in [0, 1]) of the health draws.

        Shape (len(q),) for one year, (len(q), Y) for several, as ``numpy.quantile`` gives.
        """
        for value in q:
            if not 0.0 <= finite(value, "quantiles") <= 1.0:
                msg = f"quantiles must be numbers between 0 and 1; got {value!r}"
                raise ValidationError(msg)
        out: Array = np.quantile(self.samples, q, axis=0)
        return out

    def _interval(self, draws: Array, level: float) -> Interval:
        lvl = check_level(level)
        low, high = np.quantile(draws, [(1.0 - lvl) / 2.0, (1.0 + lvl) / 2.0], axis=0)
        return Interval(low=self._out(low), high=self._out(high), level=lvl)

    def _rows(self) -> list[tuple[str, list[float]]]:
        """Table rows: label, then centre, 5 % and 95 % quantiles, as coded, observed share."""
        share = np.full((len(self.years), 3), np.nan)
        if self.coverage is not None:
            share = self.coverage.observed_share
        if self._scalar:
            labels = ["health", *(p.value for p in PILLARS)]
            point = np.append(self.point_health[0], self.point_pillars[0])
            draws = np.column_stack([self.samples, self.pillars])
            observed = np.append(np.nan, share[0])
        else:
            labels = [str(y) for y in self.years]
            point, draws, observed = self.point_health, self.samples, share.min(axis=1)
        quant = np.quantile(draws, [0.5, 0.05, 0.95], axis=0)
        stats = np.vstack([quant, point, observed])
        return [(label, stats[:, j].tolist()) for j, label in enumerate(labels)]

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

    def __repr__(self) -> str:
        first = "" if self._scalar else "year"
        head = f"{first:<18} {'centre':>6} {'5%':>6} {'95%':>6} {'as coded':>8} {'observed':>8}"
        lines = [self._title(), head]
        for label, (c, lo, hi, coded, seen) in self._rows():
            tail = "" if math.isnan(seen) else f" {seen:8.2f}"
            lines.append(f"{label:<18} {c:6.3f} {lo:6.3f} {hi:6.3f} {coded:8.3f}{tail}")
        if not self.interval(0.9).contains(self.as_coded):
            lines.append(f"note: {AS_CODED_NOTE}")
        return "\n".join(lines)

    def to_frame(self) -> Any:  # noqa: ANN401  (pandas is optional, so no annotation)
        """The summary table as a pandas DataFrame (requires pandas).

        Index: ``health`` and the pillars for one year, or the years; columns ``centre``,
        ``q05``, ``q95`` (the 90 % equal-tailed interval of the same draws), ``as_coded`` and
        ``observed`` (the pillar's observed weight share; for a year, its thinnest pillar's).
        """
        from alliance_health._display import pandas  # noqa: PLC0415  (optional dependency)

        pd = pandas()
        rows = self._rows()
        index = (
            pd.Index([label for label, _ in rows], name="score")
            if self._scalar
            else pd.Index(list(self.years), name="year")
        )
        columns = ["centre", "q05", "q95", "as_coded", "observed"]
        return pd.DataFrame([values for _, values in rows], index=index, columns=columns)

    def _repr_html_(self) -> str:
        first = "" if self._scalar else "year"
        cells = "".join(
            f"<tr><td>{html.escape(label)}</td>"
            + "".join("<td></td>" if math.isnan(v) else f"<td>{v:.3f}</td>" for v in values)
            + "</tr>"
            for label, values in self._rows()
        )
        return (
            f"<table><caption>{html.escape(self._title())}</caption><tr><th>{first}</th>"
            "<th>centre</th><th>5%</th><th>95%</th><th>as coded</th><th>observed</th></tr>"
            f"{cells}</table>"
        )


def uncertainty(
    profile: Profile,
    year: int | Sequence[int],
    *,
    n: int = 4096,
    rng: int | np.random.Generator | None = None,
    model: Model | None = None,
    vary_model: bool = False,
    layout: Layout | None = None,
) -> UncertaintyResult:
    """Monte Carlo distribution of an alliance's health from the uncertainty of its inputs.

    Every input the score uses is drawn from the distribution its uncertainty declares, and what
    the data leave unknown is drawn too (:mod:`~alliance_health._analysis.draws`):

    - ``Survey(n)``: a Beta with the Jeffreys posterior's concentration ``n + 1`` [1]_, [2]_ and
      its median at the reported share (sampling error only: wording and timing are not in it).
    - ``Range(lo, hi)``: two-piece triangular on ``[lo, hi]``, mode and median at the coded value.
    - ``Exact()``: fixed, unless it serves a later year (stale: its range widens with age).
    - absent members, unobserved indicators: the rules of "Missing and stale data" (methods).

    With ``vary_model=True`` the pillar weights follow ``Dir(alpha w / sum w)`` with total
    concentration ``alpha = 60`` (:data:`WEIGHT_CONCENTRATION`; under equal weights each share is
    Beta(20, 40): 90 % of draws between 0.24 and 0.43), drawn as independent Gamma variables
    normalised by the power mean; and ``p`` is uniform on ``[p - 1, p + 1]`` capped above at
    ``max(p, 1)`` (:func:`p_interval`: ``p > 1`` would reward imbalance), so that for ``p = 0``
    the draws span the harmonic to the arithmetic mean. An infinite ``p`` stays fixed.

    Parameters
    ----------
    profile : Profile
        The alliance.
    year : int or sequence of int
        The year to score, or several years. Draws are shared across years: an input that serves
        several years takes the same quantile level in each of them in a given draw.
    n : int, optional
        Number of draws, a whole number >= 2. Default 4096. Powers of two keep the balance
        properties of Sobol' points.
    rng : None, int or numpy.random.Generator, optional
        Source of randomness for scrambling the Sobol' points. ``None`` draws fresh entropy from
        the operating system; a seed or a Generator in a known state gives the same draws to the
        bit.
    model : Model, optional
        The aggregation model; default ``Model()``.
    vary_model : bool, optional
        Whether the pillar weights and ``p`` vary too (see above). Default False.
    layout : Layout, optional
        A ready layout of ``profile`` for exactly these years (:func:`build_layout`).

    Returns
    -------
    UncertaintyResult
        The centre (median) and intervals of the draws, the as-coded score, tail probabilities.

    Raises
    ------
    ValidationError
        ``n`` is not a whole number >= 2, ``rng`` is of the wrong kind, or ``year`` is invalid.
    InsufficientDataError
        A pillar has no valid observation in a year (as for :func:`~alliance_health.score`).

    Warns
    -----
    CoverageWarning
        A pillar rests on less than ``model.coverage_threshold`` of its declared weight.

    Notes
    -----
    The draws are scrambled Sobol' points [3]_ (``scipy.stats.qmc.Sobol``), one dimension per
    input, mapped through each input's quantile function, one vectorised call per family; when
    ``n`` is not a power of two SciPy's balance warning (and only it) is silenced. The draws are
    returned in a random order, because the i-th points of two differently scrambled Sobol'
    sequences are strongly correlated: shuffled, the draws of two calls pair as independent.
    Draws are scored in blocks of about 4 MiB per array, each block in one call.

    References
    ----------
    .. [1] Jeffreys, H. (1946). An invariant form for the prior probability in estimation
           problems. *Proceedings of the Royal Society A*, 186(1007), 453-461.
    .. [2] Brown, L. D., Cai, T. T. & DasGupta, A. (2001). Interval estimation for a binomial
           proportion. *Statistical Science*, 16(2), 101-133.
    .. [3] Owen, A. B. (1998). Scrambling Sobol' and Niederreiter-Xing points. *Journal of
           Complexity*, 14(4), 466-489.
    .. [4] Saisana, M., Saltelli, A. & Tarantola, S. (2005). Uncertainty and sensitivity analysis
           techniques as tools for the quality assessment of composite indicators. *Journal of the
           Royal Statistical Society A*, 168(2), 307-323.

    Examples
    --------
    >>> import alliance_health as ah
    >>> res = ah.uncertainty(ah.testing.minimal_profile(), 2006, n=1024, rng=7)
    >>> ci = res.interval(0.9)
    >>> bool(ci.low < res.centre < ci.high), round(res.as_coded, 3)
    (True, 0.5)
    >>> res.samples.shape
    (1024,)
    """
    model = Model() if model is None else model
    count, gen = check_n(n), to_rng(rng)
    layout = checked_layout(profile, np.atleast_1d(np.asarray(year)), layout, exact=True)
    warn_thin(layout.coverage_table(), model.coverage_threshold, profile.name)
    res = uncertainty_of_layout(layout, n=count, rng=gen, model=model, vary_model=vary_model)
    if np.ndim(year) == 0:
        return attrs.evolve(res, samples=res.samples[:, 0], pillars=res.pillars[:, 0])
    return res


def uncertainty_of_layout(
    layout: Layout, *, n: int, rng: np.random.Generator, model: Model, vary_model: bool = False
) -> UncertaintyResult:
    """The draws of every year of ``layout`` (no checks, no warning: for other analyses)."""
    inputs = UncertainInputs.build(layout, model, vary_model=vary_model)
    point = evaluate(layout, layout.normalise(layout.values), model)
    health, pillars = draw(inputs, n, rng)
    return UncertaintyResult(
        profile_id=layout.profile.id,
        years=tuple(int(y) for y in layout.years),
        samples=health,
        pillars=pillars,
        point_health=point.health,
        point_pillars=point.pillars,
        model=model,
        vary_model=vary_model,
        inputs=inputs.labels,
        coverage=layout.coverage_table(),
    )
