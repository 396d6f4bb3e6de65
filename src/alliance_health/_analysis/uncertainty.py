"""``uncertainty``: how sure is a health score, given how sure its observations are.

Every observation a score uses carries its own uncertainty (:class:`~alliance_health.Exact`,
:class:`~alliance_health.Survey`, :class:`~alliance_health.Range`), and what the data do not say
(absent members, unobserved indicators, stale observations) is uncertain too. The inputs and their
distributions are in :mod:`~alliance_health._analysis.draws`; this module draws them, scores all
draws at once with the same array engine as :func:`~alliance_health.score`, and reports a centre
and an interval from the same draws, with the as-coded score beside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._analysis.draws import (
    P_HALF_WIDTH,
    WEIGHT_CONCENTRATION,
    UncertainInputs,
    draw,
    draw_pillars,
    observation_label,
    p_interval,
)
from alliance_health._analysis.interval import AS_CODED_NOTE, Interval
from alliance_health._analysis.uncertainty_result import OUTSIDE_NOTE, UncertaintyResult
from alliance_health._domain.profile import Profile
from alliance_health._errors import ArgumentTypeError
from alliance_health._scoring.arguments import to_model, to_profile
from alliance_health._scoring.engine import Layout, evaluate
from alliance_health._scoring.model import Model
from alliance_health._scoring.score import checked_layout
from alliance_health._scoring.select import warn_thin

__all__ = [
    "AS_CODED_NOTE",
    "OUTSIDE_NOTE",
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


def uncertainty(
    profile: Profile | str,
    year: int | None = None,
    *,
    years: Sequence[int] | None = None,
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
    >>> res.draws.shape
    (1024,)
    """
    profile = to_profile(profile)
    model = to_model(model)
    asked = _years_asked(year, years)
    count = _validate.check_n(n)
    gen = _validate.to_rng(rng)
    layout = checked_layout(profile, np.atleast_1d(np.asarray(asked)), layout, exact=True)
    warn_thin(layout.coverage_table(), model.coverage_threshold, profile.name)
    res = uncertainty_of_layout(layout, n=count, rng=gen, model=model, vary_model=vary_model)
    if layout.years.size == 1:
        return attrs.evolve(res, draws=res.draws[:, 0], pillars=res.pillars[:, 0])
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
        draws=health,
        pillars=pillars,
        point_health=point.health,
        point_pillars=point.pillars,
        model=model,
        vary_model=vary_model,
        inputs=inputs.labels,
        coverage=layout.coverage_table(),
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
