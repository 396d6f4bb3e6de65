"""``uncertainty``: how sure is a health score, given how sure its observations are.

Every observation a score uses carries its own uncertainty (:class:`~alliance_health.Exact`,
:class:`~alliance_health.Survey`, :class:`~alliance_health.Range`). This module turns those into
probability distributions, draws scrambled Sobol' points through their quantile functions and scores
all draws at once with the same array engine as :func:`~alliance_health.score`. The description of
the uncertain inputs (:class:`UncertainInputs`) is shared with
:func:`~alliance_health.sensitivity`.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._analysis.interval import Interval
from alliance_health._domain.observation import Observation, Range, Survey
from alliance_health._domain.pillar import PILLARS, Pillar, to_pillar
from alliance_health._domain.profile import Profile
from alliance_health._errors import ArgumentTypeError, InsufficientDataError
from alliance_health._present.result import Tabular
from alliance_health._present.table import Column, ColumnValues, Table
from alliance_health._scoring.arguments import to_model, to_profile
from alliance_health._scoring.engine import Evaluation, Layout, build_layout, evaluate
from alliance_health._scoring.model import Model

__all__ = [
    "P_HALF_WIDTH",
    "WEIGHT_CONCENTRATION",
    "Interval",
    "UncertaintyResult",
    "uncertainty",
]

Array = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

WEIGHT_CONCENTRATION: Final = 60.0
"""Total Dirichlet concentration of the pillar weights when the model varies (20 per pillar)."""
P_HALF_WIDTH: Final = 1.0
"""Half-width of the uniform interval on which the power-mean exponent ``p`` varies."""
_BLOCK_BYTES: Final = 1 << 22  # 4 MiB per (draws x width) array: bounds memory for any n
_SOBOL_BALANCE_WARNING: Final = "The balance properties of Sobol' points require"


OUTSIDE_NOTE = (
    "note: a point score lies outside its 90% interval: coded values sit at an end of their"
    " ranges, so the draws fall on one side of them; report the median and the interval too"
)


def observation_label(obs: Observation) -> str:
    """``indicator[member, year]``, or ``indicator[year]`` for an alliance-level value."""
    where = f"{obs.member}, {obs.year}" if obs.member is not None else str(obs.year)
    return f"{obs.indicator}[{where}]"


def p_interval(p: float) -> tuple[float, float] | None:
    """The interval on which ``p`` varies: ``[p - 1, p + 1]``, capped above at ``max(p, 1)``.

    ``None`` when ``p`` is infinite (the weakest-link or strongest-link rule stays fixed).
    """
    if not math.isfinite(p):
        return None
    return (p - P_HALF_WIDTH, min(p + P_HALF_WIDTH, max(p, 1.0)))


@attrs.frozen(kw_only=True, eq=False)
class UncertainInputs:
    """The uncertain inputs of a score, one column each, and how to score a matrix of them.

    Columns come in this order: the uncertain observations (in ``layout.observations`` order),
    then one Gamma variable per positively weighted pillar, then ``p``; the last two only when the
    model varies. Built by :meth:`build`.
    """

    layout: Layout
    model: Model
    labels: tuple[str, ...]
    obs_index: IntArray  # (m,) observation of each observation column
    survey_col: IntArray
    survey_a: Array
    survey_b: Array
    range_col: IntArray
    range_mode: Array  # triangular shape c = (value - lo) / (hi - lo)
    range_lo: Array
    range_width: Array
    weight_pillar: IntArray  # (k,) pillar of each weight column
    weight_alpha: Array
    p_bounds: tuple[float, float] | None

    @classmethod
    def build(cls, layout: Layout, model: Model, *, vary_model: bool) -> UncertainInputs:
        """Describe the uncertain inputs of ``layout`` under ``model``."""
        labels: list[str] = []
        obs_index: list[int] = []
        survey: list[tuple[int, float, float]] = []
        ranges: list[tuple[int, float, float, float]] = []
        for u, obs in enumerate(layout.observations):
            unc = obs.uncertainty
            col = len(obs_index)
            if isinstance(unc, Survey):
                k = obs.value / 100.0 * unc.n
                survey.append((col, k + 0.5, unc.n - k + 0.5))
            elif isinstance(unc, Range) and unc.hi > unc.lo:
                width = unc.hi - unc.lo
                ranges.append((col, (obs.value - unc.lo) / width, unc.lo, width))
            else:
                continue
            obs_index.append(u)
            labels.append(observation_label(obs))
        w = model.weight_array
        positive = np.flatnonzero(w > 0) if vary_model else np.empty(0, dtype=np.intp)
        if positive.size < 2:  # normalised weights cannot move with fewer than two pillars
            positive = np.empty(0, dtype=np.intp)
        labels += [f"model.weights[{PILLARS[i].value}]" for i in positive]
        p_bounds = p_interval(model.p) if vary_model else None
        if p_bounds is not None:
            labels.append("model.p")
        s = np.array(survey, dtype=np.float64).reshape(-1, 3)
        r = np.array(ranges, dtype=np.float64).reshape(-1, 4)
        return cls(
            layout=layout,
            model=model,
            labels=tuple(labels),
            obs_index=np.array(obs_index, dtype=np.intp),
            survey_col=s[:, 0].astype(np.intp),
            survey_a=s[:, 1],
            survey_b=s[:, 2],
            range_col=r[:, 0].astype(np.intp),
            range_mode=r[:, 1],
            range_lo=r[:, 2],
            range_width=r[:, 3],
            weight_pillar=positive.astype(np.intp),
            weight_alpha=WEIGHT_CONCENTRATION * w[positive] / w.sum(),
            p_bounds=p_bounds,
        )

    @property
    def d(self) -> int:
        """Number of uncertain inputs (columns)."""
        return len(self.labels)

    @property
    def width(self) -> int:
        """The widest per-draw array the evaluation builds, for sizing blocks of draws."""
        lay = self.layout
        return max(len(lay.observations), lay.slot_obs.size, self.d, 3 * lay.years.size, 1)

    def ppf(self, u: Array) -> Array:
        """Map points ``u`` of shape (rows, d) in the unit cube through each column's quantile.

        One vectorised call per distribution family over all of its columns.
        """
        from scipy import stats  # noqa: PLC0415  (scipy loads lazily)

        x = np.empty_like(u)
        if self.survey_col.size:
            x[:, self.survey_col] = stats.beta.ppf(
                u[:, self.survey_col], self.survey_a, self.survey_b, scale=100.0
            )
        if self.range_col.size:
            x[:, self.range_col] = stats.triang.ppf(
                u[:, self.range_col], self.range_mode, loc=self.range_lo, scale=self.range_width
            )
        m, k = self.obs_index.size, self.weight_pillar.size
        if k:
            x[:, m : m + k] = stats.gamma.ppf(u[:, m : m + k], self.weight_alpha)
        if self.p_bounds is not None:
            lo, hi = self.p_bounds
            x[:, -1] = stats.uniform.ppf(u[:, -1], loc=lo, scale=hi - lo)
        return x

    def dists(self) -> list[Any]:
        """The frozen scipy distributions of the columns, in column order (for ``sobol_indices``).

        Column for column they are the distributions whose quantiles :meth:`ppf` computes.
        """
        from scipy import stats  # noqa: PLC0415  (scipy loads lazily)

        out: list[Any] = [None] * self.d
        for col, a, b in zip(self.survey_col, self.survey_a, self.survey_b, strict=True):
            out[col] = stats.beta(a, b, scale=100.0)
        for col, c, lo, width in zip(
            self.range_col, self.range_mode, self.range_lo, self.range_width, strict=True
        ):
            out[col] = stats.triang(c, loc=lo, scale=width)
        m = self.obs_index.size
        for j, alpha in enumerate(self.weight_alpha):
            out[m + j] = stats.gamma(alpha)
        if self.p_bounds is not None:
            lo, hi = self.p_bounds
            out[-1] = stats.uniform(loc=lo, scale=hi - lo)
        return out

    def evaluate(self, x: Array) -> Evaluation:
        """Score rows of input values ``x`` (rows, d) with the engine, all rows in one call."""
        lay = self.layout
        rows = x.shape[0]
        values = np.empty((rows, len(lay.observations)))
        values[:] = lay.values
        m, k = self.obs_index.size, self.weight_pillar.size
        values[:, self.obs_index] = x[:, :m]
        weights = None
        if k:
            weights = np.zeros((rows, len(PILLARS)))
            weights[:, self.weight_pillar] = x[:, m : m + k]
        p = x[:, -1] if self.p_bounds is not None else None
        return evaluate(lay, lay.normalise(values), self.model, weights=weights, p=p)

    def blocks(self, n: int) -> Iterator[slice]:
        """Split ``n`` draws into blocks whose (draws x width) arrays stay near 4 MiB each.

        Blocks hold a power of two draws, so a first block of Sobol' points keeps its balance.
        """
        rows = max(1, _BLOCK_BYTES // (8 * self.width))
        rows = 1 << (rows.bit_length() - 1)
        for start in range(0, n, rows):
            yield slice(start, min(start + rows, n))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class UncertaintyResult(Tabular):
    """Monte Carlo draws of an alliance's health; made by :func:`uncertainty`.

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

    Examples
    --------
    The illustrative profile's 2006 health, with its surveys and its coded range drawn 256 times:

    >>> import alliance_health as ah
    >>> res = ah.uncertainty(ah.testing.minimal_profile(), 2006, n=256, rng=0)
    >>> res
    Uncertainty of 'minimal' health in 2006: 256 draws over 3 uncertain inputs (observations)
    score              point  median    low   high  confidence_level
    -----------------  -----  ------  -----  -----  ----------------
    health             0.500   0.500  0.435  0.553             0.900
    shared_threat      0.250   0.250  0.228  0.273             0.900
    mutual_obligation  1.000   1.000  1.000  1.000             0.900
    consultation       0.500   0.500  0.331  0.670             0.900
    >>> ci = res.interval(0.9)
    >>> round(ci.low, 3), round(ci.high, 3)
    (0.435, 0.553)
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
    def point(self) -> float | Array:
        """Health without noise, equal to ``score(profile, year).health`` (one per year)."""
        return self._out(self.point_health[0] if self._scalar else self.point_health)

    @property
    def median(self) -> float | Array:
        """Median of the health draws (one per year)."""
        return self._out(np.median(self.draws, axis=0))

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
        """The point score, the median and the 90 % interval of the draws.

        One row per score (health and each pillar) for one year, one row per year (health) for
        several; the columns are listed on the Tables page (:doc:`/tables`).
        """
        level = 0.9
        if self._scalar:
            first: dict[str | Column, ColumnValues] = {
                "score": ["health", *(p.value for p in PILLARS)]
            }
            point = np.append(self.point_health[0], self.point_pillars[0])
            draws = np.column_stack([self.draws, self.pillars])
        else:
            first = {"year": list(self.years)}
            point, draws = self.point_health, self.draws
        low, median, high = np.quantile(draws, [(1 - level) / 2, 0.5, (1 + level) / 2], axis=0)
        data: dict[str | Column, ColumnValues] = first | {
            "point": point,
            "median": median,
            "low": low,
            "high": high,
            "confidence_level": np.full(point.size, level),
        }
        notes = [] if self.interval(level).contains(self.point) else [OUTSIDE_NOTE]
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


def uncertainty(
    profile: Profile | str,
    year: int | None = None,
    *,
    years: Sequence[int] | None = None,
    n: int = 4096,
    rng: int | np.random.Generator | None = None,
    model: Model | None = None,
    vary_model: bool = False,
) -> UncertaintyResult:
    """Monte Carlo distribution of an alliance's health from the uncertainty of its inputs.

    Every observation the score uses is drawn from the distribution its uncertainty declares:

    - ``Survey(n)``: the reported percentage ``v`` is ``k = v n / 100`` successes out of ``n``;
      the true percentage is drawn from the Jeffreys posterior ``100 * Beta(k + 1/2, n - k + 1/2)``
      [1]_, [2]_ (sampling error only: question wording and timing are not in it).
    - ``Range(lo, hi)``: triangular on ``[lo, hi]`` with its mode at the coded value (the coder's
      best guess is the most likely value; a mode at an end of the range is allowed). A range with
      ``lo == hi`` is a fixed value.
    - ``Exact()``: fixed.

    With ``vary_model=True`` the aggregation model is uncertain too:

    - the pillar weights follow a Dirichlet distribution ``Dir(alpha w / sum w)`` with total
      concentration ``alpha = 60`` (:data:`WEIGHT_CONCENTRATION`; 20 per pillar under equal
      weights). Under equal weights each pillar's share is Beta(20, 40): mean 1/3, standard
      deviation 0.06, 90 % of draws between 0.24 and 0.43. Analysts who agree on the ranking of
      the ingredients but not on their exact weights disagree about this much. It is drawn as
      independent Gamma variables ``G_i ~ Gamma(alpha w_i / sum w)``, normalised by the power
      mean; a pillar of zero weight keeps zero weight.
    - the exponent ``p`` is uniform on ``[p - 1, p + 1]``, capped above at ``max(p, 1)``
      (:func:`p_interval`), because ``p > 1`` would reward imbalance between pillars. For the
      default ``p = 0`` (geometric mean) this spans the harmonic mean (``p = -1``, less
      compensatory) to the arithmetic mean (``p = 1``, fully compensatory): draws with ``p > 0``
      no longer drive health to zero when a pillar is zero, so the interval also tests the
      essay's non-compensatory claim. An infinite ``p`` (weakest link) stays fixed.

    Parameters
    ----------
    profile : Profile or str
        The alliance, or the id of a built-in profile (``"rok-us"``).
    year : int, optional
        The year to score, a whole number from 1 to 9999. Give ``year`` or ``years``.
    years : sequence of int, optional
        Several years to score at once. Draws are shared across years: an observation that serves
        several years takes the same value in each of them in a given draw. (A sequence passed as
        ``year`` is deprecated.)
    n : int, optional
        Number of draws, a whole number >= 2. Default 4096. Powers of two keep the balance
        properties of Sobol' points.
    rng : None, int or numpy.random.Generator, optional
        Source of randomness for scrambling the Sobol' points. ``None`` draws fresh entropy from
        the operating system (results differ between calls); a seed or a Generator in a known
        state gives the same draws to the bit.
    model : Model, optional
        The aggregation model; default ``Model()``.
    vary_model : bool, optional
        Whether the pillar weights and ``p`` vary too (see above). Default False.

    Returns
    -------
    UncertaintyResult
        Health and pillar draws, the point score, medians, intervals and tail probabilities. With
        one year scored (``year=2006`` or ``years=[2006]`` alike) the draws have shape (n,) and
        the summaries are floats; with several, one column (or entry) per year.

    Raises
    ------
    ValidationError
        ``n`` is not a whole number >= 2, ``rng`` is of the wrong kind, or a year is invalid.
    ArgumentTypeError
        Both or neither of ``year`` and ``years`` are given, or ``profile`` or ``model`` is of the
        wrong kind.
    InsufficientDataError
        A pillar has no valid observation in a year (as for :func:`~alliance_health.score`).

    Notes
    -----
    The draws are scrambled Sobol' points [3]_ (``scipy.stats.qmc.Sobol``), one dimension per
    uncertain input, mapped through each marginal's quantile function, one vectorised call per
    distribution family. Quasi-random points cover the input space more evenly than pseudo-random
    ones, so quantiles settle with fewer draws; when ``n`` is not a power of two SciPy warns that
    the balance properties are lost, and that warning (and only it) is silenced, since the draws
    remain valid, merely less even. The draws are returned in a random order, because the i-th
    points of two differently scrambled Sobol' sequences are strongly correlated: shuffled, the
    draws of two calls can be paired as independent. Draws are scored by the engine in blocks of
    about 4 MiB per array, each block in one call, so memory stays bounded for any ``n``.

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
    >>> profile = ah.testing.minimal_profile()
    >>> res = ah.uncertainty(profile, 2006, n=1024, rng=7)
    >>> round(res.point, 3)
    0.5
    >>> ci = res.interval(0.9)
    >>> bool(ci.low < res.point < ci.high)
    True
    >>> res.draws.shape
    (1024,)
    """
    profile = to_profile(profile)
    model = to_model(model)
    asked = _years_asked(year, years)
    count = _validate.check_n(n)
    gen = _validate.to_rng(rng)
    layout = build_layout(profile, asked)
    inputs = UncertainInputs.build(layout, model, vary_model=vary_model)
    point = evaluate(layout, layout.normalise(layout.values), model)
    health, pillars = _draw(inputs, count, gen)
    if layout.years.size == 1:
        health, pillars = health[:, 0], pillars[:, 0]
    return UncertaintyResult(
        profile_id=profile.id,
        years=tuple(int(y) for y in layout.years),
        draws=health,
        pillars=pillars,
        point_health=point.health,
        point_pillars=point.pillars,
        model=model,
        vary_model=vary_model,
        inputs=inputs.labels,
    )


def _years_asked(year: Any, years: Any) -> Any:  # noqa: ANN401  (checked here)
    """The years of ``uncertainty(year=...)`` or of ``uncertainty(years=...)``: exactly one."""
    if year is not None and np.ndim(year) > 0:
        _validate.deprecated("uncertainty(year=[...]) with a sequence", "years=[...]", stacklevel=4)
        if years is not None:
            msg = "uncertainty() got a sequence in year= and years=; give years= only"
            raise ArgumentTypeError(msg)
        year, years = None, year
    if (year is None) == (years is None):
        msg = (
            "uncertainty() needs year= (one year, e.g. 2006) or years= (several, e.g."
            f" [2005, 2006]), exactly one of them; got year={year!r}, years={years!r}"
        )
        raise ArgumentTypeError(msg)
    return [year] if years is None else years


def draw_pillars(
    profile: Profile,
    years: Sequence[int],
    *,
    n: int,
    rng: np.random.Generator,
    model: Model,
) -> Array:
    """Pillar draws of shape (n, Y, 3) for ``years``, as :func:`uncertainty` makes them.

    For callers that need the pillar draws alone (comparisons); the model is not varied.
    """
    layout = build_layout(profile, years)
    inputs = UncertainInputs.build(layout, model, vary_model=False)
    return _draw(inputs, _validate.check_n(n), rng)[1]


def _draw(inputs: UncertainInputs, n: int, gen: np.random.Generator) -> tuple[Array, Array]:
    """Draw ``n`` scrambled Sobol' points block by block and score each block in one call.

    The draws are stored in a random order: the i-th points of two differently scrambled Sobol'
    sequences are strongly correlated, so without it the draws of two calls could not be paired
    (as a comparison of two alliances does) as independent.
    """
    from scipy.stats import qmc  # noqa: PLC0415  (scipy loads lazily)

    years = inputs.layout.years.size
    health = np.empty((n, years))
    pillars = np.empty((n, years, len(PILLARS)))
    engine = qmc.Sobol(inputs.d, scramble=True, rng=gen) if inputs.d else None
    order = gen.permutation(n)
    with warnings.catch_warnings():
        # Only SciPy's notice that n is not a power of two; the points stay valid.
        warnings.filterwarnings("ignore", _SOBOL_BALANCE_WARNING, UserWarning)
        for block in inputs.blocks(n):
            rows = block.stop - block.start
            if engine is None:
                u = np.empty((rows, 0))
            elif block.start == 0 and not rows & (rows - 1):
                u = engine.random_base2(rows.bit_length() - 1)
            else:
                u = engine.random(rows)
            ev = inputs.evaluate(inputs.ppf(u))
            health[order[block]] = ev.health
            pillars[order[block]] = ev.pillars
    return health, pillars
