"""``sensitivity``: which uncertain inputs drive the uncertainty of a health score.

Variance-based (Sobol') first-order and total indices, computed by ``scipy.stats.sobol_indices``
on the same vectorised evaluation path as :func:`~alliance_health.uncertainty`.
"""

from __future__ import annotations

import html
import numbers
import warnings
from collections.abc import Callable
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._analysis.draws import UncertainInputs
from alliance_health._analysis.interval import Interval
from alliance_health._check_args import check_n, to_rng
from alliance_health._domain.profile import Profile
from alliance_health._errors import ValidationError
from alliance_health._scoring.engine import Layout
from alliance_health._scoring.model import Model
from alliance_health._scoring.score import checked_layout
from alliance_health._scoring.select import warn_thin

__all__ = ["BOOTSTRAP_LEVEL", "SensitivityResult", "sensitivity"]

Array = npt.NDArray[np.float64]
BOOTSTRAP_LEVEL = 0.95
"""Confidence level of the bootstrap intervals on the indices."""


@attrs.frozen(kw_only=True, eq=False)
class SobolIndices:
    """First-order and total indices of one scalar output, with optional bootstrap intervals."""

    first_order: Array
    total: Array
    first_order_interval: Interval | None = None
    total_interval: Interval | None = None


def sobol(
    func: Callable[[Array], Array],
    dists: list[Any],
    *,
    n: int,
    rng: np.random.Generator,
    bootstrap: int | None = None,
) -> SobolIndices:
    """Sobol' indices of a vectorised scalar function by ``scipy.stats.sobol_indices``.

    ``func`` takes inputs of shape (d, N) and returns N outputs; ``dists`` are frozen scipy
    distributions, one per input. With ``bootstrap`` resamples, BCa intervals at
    :data:`BOOTSTRAP_LEVEL` from the result's own ``bootstrap`` method. An index whose
    bootstrap distribution is constant (an input with no influence at all) gets the
    degenerate interval at that constant instead of SciPy's NaN.
    """
    from scipy import stats  # noqa: PLC0415  (scipy loads lazily)

    d = len(dists)

    def twice(x: Array) -> Array:
        return np.stack([func(x)] * 2)

    # SciPy squeezes one input's indices to a scalar (and then fails on it): with one input,
    # ask for two identical outputs and keep the first.
    res = stats.sobol_indices(func=twice if d == 1 else func, n=n, dists=dists, rng=rng)
    first = np.atleast_1d(np.asarray(res.first_order, dtype=np.float64))[:d]
    total = np.atleast_1d(np.asarray(res.total_order, dtype=np.float64))[:d]
    if bootstrap is None:
        return SobolIndices(first_order=first, total=total)
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        # Inputs without influence make BCa degenerate (a warning and NaN); fixed below.
        warnings.simplefilter("ignore", stats.DegenerateDataWarning)
        boot = res.bootstrap(confidence_level=BOOTSTRAP_LEVEL, n_resamples=bootstrap)
    return SobolIndices(
        first_order=first,
        total=total,
        first_order_interval=_interval(boot.first_order, d),
        total_interval=_interval(boot.total_order, d),
    )


def _interval(boot: Any, d: int) -> Interval:  # noqa: ANN401  (scipy's BootstrapResult)
    dist = np.atleast_2d(np.asarray(boot.bootstrap_distribution, dtype=np.float64))[:d]
    low = np.atleast_1d(np.asarray(boot.confidence_interval.low, dtype=np.float64))[:d].copy()
    high = np.atleast_1d(np.asarray(boot.confidence_interval.high, dtype=np.float64))[:d].copy()
    constant = np.ptp(dist, axis=-1) == 0
    low[constant] = high[constant] = dist[constant, 0]
    return Interval(low=low, high=high, level=BOOTSTRAP_LEVEL)


@attrs.frozen(kw_only=True, eq=False)
class SensitivityResult:
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

    Examples
    --------
    Which uncertain input of the illustrative profile moves its 2006 health most? The coded range
    of the meetings count (consultation) dominates; the more convinced member's survey (AAA) does
    not matter at all, since the ``min`` member rule listens only to the less convinced one (BBB).

    >>> import alliance_health as ah
    >>> res = ah.sensitivity(ah.testing.minimal_profile(), 2006, n=256, rng=3, vary_model=False)
    >>> res.ranked()
    Sobol' indices of 'minimal' health in 2006: 3 inputs, n=256
    input                               first            total
    meetings[2006]                      0.934            0.936
    threat-public[BBB, 2006]            0.060            0.064
    threat-public[AAA, 2006]            0.000            0.000
    >>> dict(zip(res.labels, res.total.round(2).tolist()))
    {'threat-public[AAA, 2006]': 0.0, 'threat-public[BBB, 2006]': 0.06, 'meetings[2006]': 0.94}
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

    def _rows(self) -> list[tuple[str, ...]]:
        rows = []
        for j, label in enumerate(self.labels):
            row = [label, f"{self.first_order[j]:.3f}", f"{self.total[j]:.3f}"]
            for iv in (self.first_order_interval, self.total_interval):
                if iv is not None:
                    low, high = np.asarray(iv.low), np.asarray(iv.high)
                    row.append(f"[{low[j]:.3f}, {high[j]:.3f}]")
            rows.append(tuple(row))
        return rows

    def _head(self) -> list[str]:
        head = ["input", "first", "total"]
        if self.first_order_interval is not None:
            pct = f"{BOOTSTRAP_LEVEL:.0%}"
            head += [f"first {pct}", f"total {pct}"]
        return head

    def __repr__(self) -> str:
        rows = self._rows()
        wide = max([len("input"), *(len(r[0]) for r in rows)])
        head = self._head()
        lines = [self._title(), f"{head[0]:<{wide}} " + " ".join(f"{h:>16}" for h in head[1:])]
        lines += [f"{r[0]:<{wide}} " + " ".join(f"{c:>16}" for c in r[1:]) for r in rows]
        return "\n".join(lines)

    def to_frame(self) -> Any:  # noqa: ANN401  (pandas is optional, so no annotation)
        """The indices as a pandas DataFrame indexed by input (requires pandas).

        Columns ``first_order`` and ``total``, and with bootstrap intervals ``first_order_low``,
        ``first_order_high``, ``total_low`` and ``total_high``.
        """
        from alliance_health._display import pandas  # noqa: PLC0415  (optional dependency)

        pd = pandas()
        data: dict[str, Array] = {"first_order": self.first_order, "total": self.total}
        for name, iv in (
            ("first_order", self.first_order_interval),
            ("total", self.total_interval),
        ):
            if iv is not None:
                data[f"{name}_low"] = np.asarray(iv.low)
                data[f"{name}_high"] = np.asarray(iv.high)
        return pd.DataFrame(data, index=pd.Index(list(self.labels), name="input"))

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(h)}</th>" for h in self._head())
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>"
            for r in self._rows()
        )
        return (
            f"<table><caption>{html.escape(self._title())}</caption><tr>{head}</tr>{body}</table>"
        )


def _take(iv: Interval | None, order: npt.NDArray[np.intp]) -> Interval | None:
    if iv is None:
        return None
    return Interval(low=np.asarray(iv.low)[order], high=np.asarray(iv.high)[order], level=iv.level)


def sensitivity(
    profile: Profile,
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
    profile : Profile
        The alliance.
    year : int
        The year analysed (one year).
    n : int, optional
        Base sample size, a power of two >= 2; the score is evaluated ``n * (d + 2)`` times for
        ``d`` inputs. Default 1024.
    rng : None, int or numpy.random.Generator, optional
        Randomness for the Sobol' points. ``None`` draws fresh entropy from the operating system; a
        seed gives the same indices to the bit.
    model : Model, optional
        The aggregation model; default ``Model()``.
    vary_model : bool, optional
        Whether the weights and ``p`` are inputs. Default True.
    bootstrap : int, optional
        Number of bootstrap resamples for BCa intervals on the indices at the 95 % level, from
        SciPy's ``SobolResult.bootstrap``. That method takes no generator, so the intervals (not
        the indices) vary slightly between calls even with a fixed ``rng``. Default None: no
        intervals.
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
    count = _check_power_of_two(n)
    gen = to_rng(rng)
    resamples = _check_bootstrap(bootstrap)
    _check_one_year(year)
    model = Model() if model is None else model
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

    def health(x: Array) -> Array:
        rows = x.T
        out = np.empty(rows.shape[0])
        for block in inputs.blocks(rows.shape[0]):
            out[block] = inputs.evaluate(rows[block]).health[:, 0]
        return out

    idx = sobol(health, inputs.dists(), n=count, rng=gen, bootstrap=resamples)
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


def _check_one_year(year: object) -> None:
    if isinstance(year, bool) or not isinstance(year, numbers.Integral):
        msg = f"year must be one whole number (sensitivity analyses one year); got {year!r}"
        raise ValidationError(msg)


def _check_power_of_two(n: object) -> int:
    count = check_n(n)
    if count & (count - 1):
        lower = 1 << (count.bit_length() - 1)
        msg = (
            "n must be a power of two for Sobol' indices (the balance of Sobol' points requires"
            f" it); got {count}: use {lower} or {2 * lower}"
        )
        raise ValidationError(msg)
    return count


def _check_bootstrap(bootstrap: object) -> int | None:
    if bootstrap is None:
        return None
    if isinstance(bootstrap, bool) or not isinstance(bootstrap, numbers.Integral) or bootstrap < 2:
        msg = (
            "bootstrap must be None (no intervals) or a whole number of resamples >= 2, e.g. 999;"
            f" got {bootstrap!r}"
        )
        raise ValidationError(msg)
    return int(bootstrap)
