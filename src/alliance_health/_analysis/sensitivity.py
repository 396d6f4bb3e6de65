"""``sensitivity``: which uncertain inputs drive the uncertainty of a health score.

Variance-based (Sobol') first-order and total indices (estimators in
``alliance_health._analysis.sobol``), on the same vectorised evaluation path as
:func:`~alliance_health.uncertainty`.
"""

from __future__ import annotations

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._analysis.draws import UncertainInputs
from alliance_health._analysis.interval import Interval
from alliance_health._analysis.sobol import BOOTSTRAP_LEVEL, sobol
from alliance_health._domain.profile import Profile
from alliance_health._present.result import Tabular
from alliance_health._present.table import Column, ColumnValues, Table
from alliance_health._scoring.arguments import to_model, to_profile
from alliance_health._scoring.engine import Layout
from alliance_health._scoring.model import Model
from alliance_health._scoring.score import checked_layout
from alliance_health._scoring.select import warn_thin

__all__ = ["BOOTSTRAP_LEVEL", "SensitivityResult", "sensitivity"]

Array = npt.NDArray[np.float64]


@attrs.frozen(kw_only=True, eq=False, repr=False)
class SensitivityResult(Tabular):
    """Sobol' indices of an alliance's health; made by :func:`sensitivity`.

    Attributes
    ----------
    profile_id : str
        The profile.
    year : int
        The year analysed.
    n : int
        Base sample size; the model was evaluated ``n * (d + 2)`` times.
    labels : tuple of str
        The uncertain inputs: ``indicator[member, year]`` (or ``indicator[year]`` for
        alliance-level values), ``model.weights[pillar]`` and ``model.p``.
    first_order : numpy.ndarray, shape (d,)
        Share of the variance of health due to each input alone.
    total : numpy.ndarray, shape (d,)
        Share due to each input including all its interactions.
    first_order_interval, total_interval : Interval or None
        Bootstrap intervals (arrays of length d) when asked for.
    vary_model : bool
        Whether weights and ``p`` were among the inputs.

    Notes
    -----
    Its table (:meth:`table`) has one row per input, with the bootstrap intervals when asked for;
    the columns are listed on the Tables page (:doc:`/tables`).

    Examples
    --------
    Which uncertain input of the illustrative profile moves its 2006 health most? The coded range
    of the meetings count (consultation) dominates; the more convinced member's survey (AAA) does
    not matter at all, since the ``min`` member rule listens only to the less convinced one (BBB).

    >>> import alliance_health as ah
    >>> res = ah.sensitivity(ah.testing.minimal_profile(), 2006, n=256, rng=3, vary_model=False)
    >>> res.ranked()
    Sobol' indices of 'minimal' health in 2006: 3 inputs, n=256
    input                     first_order  total
    ------------------------  -----------  -----
    meetings[2006]                  0.930  0.930
    threat-public[BBB, 2006]        0.053  0.064
    threat-public[AAA, 2006]        0.000  0.000
    >>> dict(zip(res.labels, res.total.round(2).tolist()))
    {'threat-public[AAA, 2006]': 0.0, 'threat-public[BBB, 2006]': 0.06, 'meetings[2006]': 0.93}
    """

    profile_id: str
    year: int
    n: int
    labels: tuple[str, ...]
    first_order: Array
    total: Array
    first_order_interval: Interval | None = None
    total_interval: Interval | None = None
    vary_model: bool = True

    def ranked(self) -> SensitivityResult:
        """The same result with inputs sorted most influential first (by total, then first order).

        Ties keep the input order.
        """
        order = np.lexsort((-self.first_order, -self.total))
        return attrs.evolve(
            self,
            labels=tuple(self.labels[i] for i in order),
            first_order=self.first_order[order],
            total=self.total[order],
            first_order_interval=_take(self.first_order_interval, order),
            total_interval=_take(self.total_interval, order),
        )

    def _title(self) -> str:
        return (
            f"Sobol' indices of {self.profile_id!r} health in {self.year}: {len(self.labels)}"
            f" inputs, n={self.n}"
        )

    def table(self) -> Table:
        """One row per input: first-order and total indices, with their bootstrap intervals."""
        data: dict[str | Column, ColumnValues] = {
            "input": list(self.labels),
            "first_order": self.first_order,
            "total": self.total,
        }
        level = None
        for name, iv in (
            ("first_order", self.first_order_interval),
            ("total", self.total_interval),
        ):
            if iv is not None:
                data[f"{name}_low"] = np.asarray(iv.low)
                data[f"{name}_high"] = np.asarray(iv.high)
                level = iv.confidence_level
        if level is not None:
            data["confidence_level"] = np.full(len(self.labels), level)
        return Table.from_columns(data, caption=self._title(), index=["input"], name="sensitivity")


def _take(iv: Interval | None, order: npt.NDArray[np.intp]) -> Interval | None:
    if iv is None:
        return None
    return Interval(
        low=np.asarray(iv.low)[order],
        high=np.asarray(iv.high)[order],
        confidence_level=iv.confidence_level,
    )


def sensitivity(
    profile: Profile | str,
    year: int,
    *,
    n: int = 1024,
    rng: int | np.random.Generator | None = None,
    model: Model | None = None,
    vary_model: bool = True,
    bootstrap: int | None = None,
    layout: Layout | None = None,
) -> SensitivityResult:
    """Variance-based sensitivity of an alliance's health to each uncertain input.

    The inputs and their distributions are those of :func:`~alliance_health.uncertainty`: every
    ``Survey`` and ``Range`` observation the score uses (and every stale one), the absent members
    of each member-level indicator missing some (``indicator[unobserved members]``), each declared
    indicator without a valid observation (``indicator[not observed]``) and, with ``vary_model``,
    the pillar weights and the exponent ``p``. An input whose index is large is where better
    evidence, or a missing coding, would narrow the interval most. Sobol' indices require
    independent inputs, so the weights enter as independent Gamma multipliers
    ``G_i ~ Gamma(alpha w_i / sum w)`` (``alpha = 60``); after normalisation these are exactly the
    Dirichlet weights of :func:`~alliance_health.uncertainty`, and the index of
    ``model.weights[pillar]`` measures how much the uncertain relative weight of that pillar
    matters. ``p`` is uniform on ``[p - 1, p + 1]`` capped above at ``max(p, 1)``.

    The first-order index ``S_i`` is the share of the variance of health that input ``i`` explains
    alone; the total index ``S_Ti`` adds its interactions with the others. An input with
    ``S_Ti`` near 0 can be fixed at its coded value without changing the conclusion; a large
    ``S_Ti - S_i`` flags an input that matters through interactions (as with the ``min`` member
    rule, where a member's survey matters only when that member is the least convinced).

    Parameters
    ----------
    profile : Profile or str
        The alliance, or the id of a built-in profile (``"rok-us"``).
    year : int
        The year analysed (one year, a whole number from 1 to 9999).
    n : int, optional
        Base sample size, a power of two >= 2; the score is evaluated ``n * (d + 2)`` times for
        ``d`` inputs. Default 1024.
    rng : None, int or numpy.random.Generator, optional
        Randomness for the Sobol' points and the bootstrap. ``None`` draws fresh entropy from the
        operating system; a seed gives the same indices (and intervals) to the bit.
    model : Model, optional
        The aggregation model; default ``Model()``.
    vary_model : bool, optional
        Whether the weights and ``p`` are inputs. Default True.
    bootstrap : int, optional
        Number of bootstrap resamples for percentile intervals on the indices at the 95 % level
        (rows of the design resampled with replacement, drawn from ``rng``, so the intervals too
        repeat to the bit under a seed). Default None: no intervals.
    layout : Layout, optional
        A ready layout of ``profile`` for exactly ``[year]`` (:func:`build_layout`).

    Returns
    -------
    SensitivityResult
        Labels with first-order and total indices; ``ranked()`` sorts them.

    Raises
    ------
    ValidationError
        ``n`` is not a power of two >= 2, ``year`` is not one whole number, ``bootstrap`` is not
        a positive whole number, or ``rng`` is of the wrong kind.
    InsufficientDataError
        A pillar has no valid observation in ``year``.

    Notes
    -----
    The estimators are those of Saltelli et al. (2010) [2]_ as implemented by SciPy; with a
    fixed budget they are accurate to a few hundredths for ``n`` in the thousands, and estimates
    may be slightly negative or above 1 from sampling error. With no uncertain input the result
    holds no rows.

    References
    ----------
    .. [1] Sobol', I. M. (2001). Global sensitivity indices for nonlinear mathematical models and
           their Monte Carlo estimates. *Mathematics and Computers in Simulation*, 55, 271-280.
    .. [2] Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. & Tarantola, S. (2010).
           Variance based sensitivity analysis of model output. Design and estimator for the total
           sensitivity index. *Computer Physics Communications*, 181(2), 259-270.
    .. [3] Saisana, M., Saltelli, A. & Tarantola, S. (2005). Uncertainty and sensitivity analysis
           techniques as tools for the quality assessment of composite indicators. *Journal of the
           Royal Statistical Society A*, 168(2), 307-323.

    Examples
    --------
    >>> import alliance_health as ah
    >>> res = ah.sensitivity(ah.testing.minimal_profile(), 2006, n=256, rng=3, vary_model=False)
    >>> res.labels
    ('threat-public[AAA, 2006]', 'threat-public[BBB, 2006]', 'meetings[2006]')
    >>> res.ranked().labels[0]
    'meetings[2006]'
    >>> float(res.total[0])
    0.0
    """
    profile = to_profile(profile)
    model = to_model(model)
    count = _validate.check_power_of_two(n, why="the balance of Sobol' points requires it")
    gen = _validate.to_rng(rng)
    resamples = None
    if bootstrap is not None:
        rule = "None (no intervals) or a whole number of resamples >= 2, e.g. 999"
        resamples = _validate.check_whole(bootstrap, "bootstrap", minimum=2, rule=rule)
    year = _validate.check_year(year, hint=" (sensitivity analyses one year)")
    layout = checked_layout(profile, [int(year)], layout, exact=True)
    warn_thin(layout.coverage_table(), model.coverage_threshold, profile.name)
    inputs = UncertainInputs.build(layout, model, vary_model=vary_model)
    if inputs.d == 0:
        empty = np.empty(0)
        return SensitivityResult(
            profile_id=profile.id,
            year=int(year),
            n=count,
            labels=(),
            first_order=empty,
            total=empty.copy(),
            vary_model=vary_model,
        )

    def health(u: Array) -> Array:
        out = np.empty(u.shape[0])
        for block in inputs.blocks(u.shape[0]):
            out[block] = inputs.evaluate(inputs.ppf(u[block])).health[:, 0]
        return out

    idx = sobol(health, d=inputs.d, n=count, rng=gen, bootstrap=resamples)
    return SensitivityResult(
        profile_id=profile.id,
        year=int(year),
        n=count,
        labels=inputs.labels,
        first_order=idx.first_order,
        total=idx.total,
        first_order_interval=idx.first_order_interval,
        total_interval=idx.total_interval,
        vary_model=vary_model,
    )
