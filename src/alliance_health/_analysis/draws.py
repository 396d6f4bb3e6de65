"""Monte Carlo inputs: the distribution of every uncertain input, and scoring draws of them.

Every column of the input matrix is one independent input, drawn as a quantile level ``u`` and
mapped to a value by the rules of the methods ("Uncertainty"; "Missing and stale data"):

- an uncertain or stale **observation**: ``Survey(n)`` a Beta with the Jeffreys posterior's
  concentration ``n + 1`` whose median is the observed share; ``Range(lo, hi)`` the two-piece
  triangular distribution on ``[lo, hi]`` with mode and median at the coded value
  (:func:`~alliance_health._scoring.imputation.two_piece_triangular`); an exact value is fixed.
  A stale observation's range widens by ``STALE_RATE`` of the scale per side and year of age (for
  a survey, the same width is added to its Beta); every family keeps the coded value as median.
- the **absent members** of a member-level indicator
  (:func:`~alliance_health._scoring.imputation.absent_members`), one column per indicator;
- an **unobserved indicator**, two-piece uniform on its scale with its median at the weighted
  mean of the observed indicators of its threat or pillar, one column per indicator;
- with ``vary_model``, the pillar weights (Gamma, normalised: Dirichlet) and ``p`` (uniform).

One column serves every year: an observation (or indicator) takes the same quantile level in every
year of a draw, so that multi-year draws and comparisons stay coherent.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Iterator, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._analysis.quantiles import QuantileGrid
from alliance_health._domain.observation import Observation, Range, Survey
from alliance_health._domain.pillar import PILLARS
from alliance_health._domain.profile import Profile
from alliance_health._scoring.engine import (
    UNOBSERVED,
    Evaluation,
    Layout,
    aggregate,
    build_layout,
)
from alliance_health._scoring.groups import stale_width
from alliance_health._scoring.imputation import two_piece_triangular
from alliance_health._scoring.model import Model

__all__ = [
    "P_HALF_WIDTH",
    "WEIGHT_CONCENTRATION",
    "UncertainInputs",
    "draw",
    "draw_pillars",
    "median_beta",
    "observation_label",
    "p_interval",
]

Array = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

WEIGHT_CONCENTRATION: Final = 60.0
"""Total Dirichlet concentration of the pillar weights when the model varies (20 per pillar)."""
P_HALF_WIDTH: Final = 1.0
"""Half-width of the uniform interval on which the power-mean exponent ``p`` varies."""
_BLOCK_BYTES: Final = 1 << 22  # 4 MiB per (draws x width) array: bounds memory for any n
_SOBOL_BALANCE_WARNING: Final = "The balance properties of Sobol' points require"
_SURVEY, _RANGE, _FIXED = 0, 1, 2


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


def median_beta(share: npt.ArrayLike, n: npt.ArrayLike) -> tuple[Array, Array]:
    """Beta parameters ``(a, b)`` with ``a + b = n + 1`` and median ``share``.

    The Jeffreys posterior ``Beta(k + 1/2, n - k + 1/2)`` of a survey share ``k / n`` has this
    concentration but a median pulled toward one half (by up to ``1 / (3 n)``); the draws are
    centred on the reported share instead, keeping the posterior's spread. Solved by bisection on
    ``a`` (the median rises with ``a`` at fixed ``a + b``), all surveys at once.

    Examples
    --------
    >>> from scipy import stats
    >>> a, b = median_beta([0.3], [20])
    >>> round(float(stats.beta(a[0], b[0]).median()), 12)
    0.3
    """
    from scipy import special  # noqa: PLC0415  (scipy loads lazily)

    p = np.asarray(share, dtype=np.float64)
    total = np.asarray(n, dtype=np.float64) + 1.0
    lo, hi = np.full_like(p, 1e-12), np.ones_like(p) - 1e-12
    for _ in range(60):
        mid = (lo + hi) / 2
        below = special.betainc(mid * total, (1 - mid) * total, p) > 0.5
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    a = (lo + hi) / 2 * total
    return a, total - a


@attrs.frozen(kw_only=True, eq=False)
class _Marginal:
    """A column's distribution for ``scipy.stats.sobol_indices`` (it only calls ``ppf``)."""

    ppf: Any


@attrs.frozen(kw_only=True, eq=False)
class UncertainInputs:
    """The uncertain inputs of a layout's scores, one column each, and how to score them.

    Columns: the uncertain or stale observations (in ``layout.all_observations`` order), the
    absent members of each member-level indicator missing some, each unobserved indicator, then
    one Gamma variable per positively weighted pillar and ``p`` (the last two only when the model
    varies). The first three kinds are quantile levels in [0, 1]; :meth:`evaluate` maps them.
    Built by :meth:`build`.
    """

    layout: Layout
    model: Model
    labels: tuple[str, ...]
    obs_col: IntArray  # (m,) observation of each observation column
    kind: IntArray  # (m,) _SURVEY, _RANGE or _FIXED
    low: Array  # (m,) lower and upper end of each base distribution, in units
    high: Array
    value: Array  # (m,) coded values
    beta_a: Array  # (m,) median-matched Beta of the surveys (1 elsewhere)
    beta_b: Array
    slot_col: IntArray  # (K,) observation column of each slot, -1 for a fixed value
    absent_col: IntArray  # (G,) absent-members column of each group, -1 when all are observed
    fill_col: IntArray  # (G,) column of each unobserved group, -1 otherwise
    n_absent: int
    n_fill: int
    weight_pillar: IntArray  # (k,) pillar of each weight column
    weight_alpha: Array
    p_bounds: tuple[float, float] | None

    @classmethod
    def build(cls, layout: Layout, model: Model, *, vary_model: bool) -> UncertainInputs:
        """Describe the uncertain inputs of ``layout`` under ``model``."""
        obs = layout.all_observations
        stale = np.zeros(len(obs), dtype=bool)
        stale[layout.slot_obs[stale_width(layout) > 0]] = True
        kind = np.array([_kind(o) for o in obs], dtype=np.intp)
        cols = np.flatnonzero((kind != _FIXED) | stale).astype(np.intp)
        chosen = [obs[k] for k in cols]
        value = np.array([o.value for o in chosen], dtype=np.float64)
        unc = [o.uncertainty for o in chosen]
        low = np.array(
            [u.lo if isinstance(u, Range) else o.value for u, o in zip(unc, chosen, strict=True)],
            dtype=np.float64,
        )
        high = np.array(
            [u.hi if isinstance(u, Range) else o.value for u, o in zip(unc, chosen, strict=True)],
            dtype=np.float64,
        )
        surveys = np.array([isinstance(u, Survey) for u in unc], dtype=bool)
        beta_a, beta_b = np.ones(cols.size), np.ones(cols.size)
        if surveys.any():
            sizes = [u.n for u in unc if isinstance(u, Survey)]
            beta_a[surveys], beta_b[surveys] = median_beta(value[surveys] / 100.0, sizes)
        slot_col = np.full(len(obs), -1, dtype=np.intp)
        slot_col[cols] = np.arange(cols.size)
        g_ind = layout.grp_indicator
        absent = (layout.grp_count > 0) & (layout.grp_count < layout.grp_members)
        absent_ids, absent_col = _columns(g_ind, absent)
        fill_ids, fill_col = _columns(g_ind, layout.grp_status == UNOBSERVED)
        inds = layout.profile.indicators
        labels = [observation_label(o) for o in chosen]
        labels += [f"{inds[i].id}[unobserved members]" for i in absent_ids]
        labels += [f"{inds[i].id}[not observed]" for i in fill_ids]
        w = model.weight_array
        positive = np.flatnonzero(w > 0) if vary_model else np.empty(0, dtype=np.intp)
        if positive.size < 2:  # normalised weights cannot move with fewer than two pillars
            positive = np.empty(0, dtype=np.intp)
        labels += [f"model.weights[{PILLARS[i].value}]" for i in positive]
        p_bounds = p_interval(model.p) if vary_model else None
        if p_bounds is not None:
            labels.append("model.p")
        return cls(
            layout=layout,
            model=model,
            labels=tuple(labels),
            obs_col=cols,
            kind=kind[cols],
            low=low,
            high=high,
            value=value,
            beta_a=beta_a,
            beta_b=beta_b,
            slot_col=slot_col[layout.slot_obs],
            absent_col=absent_col,
            fill_col=fill_col,
            n_absent=absent_ids.size,
            n_fill=fill_ids.size,
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
        wide = (len(lay.all_observations), lay.slot_obs.size, lay.grp_indicator.size, self.d)
        return max(*wide, 3 * lay.years.size, 1)

    @property
    def _m(self) -> int:
        return self.obs_col.size + self.n_absent + self.n_fill

    def ppf(self, u: Array) -> Array:
        """Map points ``u`` (rows, d) of the unit cube to inputs: quantile levels stay as they are.

        Weight columns become Gamma variables and ``p`` a uniform one, one call per family.
        """
        from scipy import stats  # noqa: PLC0415  (scipy loads lazily)

        x = np.array(u, dtype=np.float64)
        m, k = self._m, self.weight_pillar.size
        if k:
            x[:, m : m + k] = stats.gamma.ppf(u[:, m : m + k], self.weight_alpha)
        if self.p_bounds is not None:
            lo, hi = self.p_bounds
            x[:, -1] = stats.uniform.ppf(u[:, -1], loc=lo, scale=hi - lo)
        return x

    def dists(self) -> list[Any]:
        """The distributions of the columns, in column order (for ``sobol_indices``).

        Column for column they are the distributions whose quantiles :meth:`ppf` computes.
        Sobol' indices do not change under a monotone map of one input, so a quantile level
        stands for the observation (or rule) it is mapped to.
        """
        from scipy import stats  # noqa: PLC0415  (scipy loads lazily)

        out: list[Any] = [_Marginal(ppf=np.asarray)] * self._m
        out += [stats.gamma(alpha) for alpha in self.weight_alpha]
        if self.p_bounds is not None:
            lo, hi = self.p_bounds
            out.append(stats.uniform(loc=lo, scale=hi - lo))
        return out

    def observation_values(self, u: Array) -> Array:
        """Values (rows, m) of the observation columns at quantile levels ``u``, in units.

        Each column's own distribution, before any widening for age. Survey columns read their
        Beta quantiles from a table built once per set of inputs (:class:`QuantileGrid`: exact
        at its nodes, within ``TOLERANCE`` of the scale in between, the error measured when the
        table is built); ranges use the closed form of the two-piece triangular distribution.
        """
        out: Array = np.empty_like(u, dtype=np.float64)
        out[:] = self.value
        grid = self._survey_grid
        if grid is not None:
            out[:, self._survey_cols] = grid(u[:, self._survey_cols])
        r = self._range_cols
        if r.size:
            out[:, r] = two_piece_triangular(u[:, r], self.low[r], self.value[r], self.high[r])
        return out

    @functools.cached_property
    def _survey_cols(self) -> IntArray:
        return np.flatnonzero(self.kind == _SURVEY).astype(np.intp)

    @functools.cached_property
    def _range_cols(self) -> IntArray:
        return np.flatnonzero(self.kind == _RANGE).astype(np.intp)

    @functools.cached_property
    def _survey_grid(self) -> QuantileGrid | None:
        """The Beta quantile functions of the survey columns, tabulated once (percent scale)."""
        from scipy import special  # noqa: PLC0415  (scipy loads lazily)

        cols = self._survey_cols
        if not cols.size:
            return None
        a, b = self.beta_a[cols], self.beta_b[cols]

        def ppf(q: Array) -> Array:
            out: Array = 100.0 * special.betaincinv(a, b, q)
            return out

        def isf(q: Array) -> Array:  # the upper tail, where 1 - q would round to 1
            out: Array = 100.0 * (1.0 - special.betaincinv(b, a, q))
            return out

        return QuantileGrid.build(ppf, isf=isf, d=cols.size, scale=np.full(cols.size, 100.0))

    def slot_values(self, u: Array) -> Array:
        """Normalised values (rows, K) of every slot, each stale one widened by its age."""
        lay = self.layout
        raw = np.empty((u.shape[0], len(lay.all_observations)))
        raw[:] = [o.value for o in lay.all_observations]
        raw[:, self.obs_col] = self.observation_values(u)
        xs = raw[:, lay.slot_obs]
        col = self.slot_col
        width = stale_width(lay)
        widen = np.flatnonzero((col >= 0) & (width > 0))
        if widen.size:
            c = col[widen]
            lo, hi = lay.scale_lo[lay.slot_obs[widen]], lay.scale_hi[lay.slot_obs[widen]]
            step = width[widen] * (hi - lo)
            left = np.minimum(step, self.low[c] - lo)
            right = np.minimum(step, hi - self.high[c])
            dev = two_piece_triangular(u[:, c], -left, 0.0, right)
            xs[:, widen] = np.clip(xs[:, widen] + dev, lo, hi)
        return lay.normalise_slots(xs)

    def evaluate(self, x: Array) -> Evaluation:
        """Score rows of input values ``x`` (rows, d) with the engine, all rows in one call."""
        rows = x.shape[0]
        m, a, f = self.obs_col.size, self.n_absent, self.n_fill
        member_u = _gather(x[:, m : m + a], self.absent_col)
        fill_u = _gather(x[:, m + a : m + a + f], self.fill_col)
        k = self.weight_pillar.size
        weights = None
        if k:
            weights = np.zeros((rows, len(PILLARS)))
            weights[:, self.weight_pillar] = x[:, self._m : self._m + k]
        p = x[:, -1] if self.p_bounds is not None else None
        xs = self.slot_values(x[:, :m])
        return aggregate(
            self.layout, xs, self.model, member_u=member_u, fill_u=fill_u, weights=weights, p=p
        )

    def blocks(self, n: int) -> Iterator[slice]:
        """Split ``n`` draws into blocks whose (draws x width) arrays stay near 4 MiB each.

        Blocks hold a power of two draws, so a first block of Sobol' points keeps its balance.
        """
        rows = max(1, _BLOCK_BYTES // (8 * self.width))
        rows = 1 << (rows.bit_length() - 1)
        for start in range(0, n, rows):
            yield slice(start, min(start + rows, n))


def _kind(obs: Observation) -> int:
    unc = obs.uncertainty
    if isinstance(unc, Survey):
        return _SURVEY
    if isinstance(unc, Range) and unc.hi > unc.lo:
        return _RANGE
    return _FIXED


def _columns(group_indicator: IntArray, mask: npt.NDArray[np.bool_]) -> tuple[IntArray, IntArray]:
    """One column per indicator with a masked group; each group's column (-1 if unmasked)."""
    ids = np.unique(group_indicator[mask]).astype(np.intp)
    col = np.searchsorted(ids, group_indicator).astype(np.intp)
    return ids, np.where(mask, col, -1).astype(np.intp)


def _gather(u: Array, col: IntArray) -> Array:
    """Per-group quantile levels (rows, G) from the columns ``col`` (1/2 where ``col`` is -1)."""
    out = np.full((u.shape[0], col.size), 0.5)
    hit = col >= 0
    out[:, hit] = u[:, col[hit]]
    return out


def draw(inputs: UncertainInputs, n: int, gen: np.random.Generator) -> tuple[Array, Array]:
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


def draw_pillars(
    profile: Profile,
    years: Sequence[int] | npt.ArrayLike,
    *,
    n: int,
    rng: np.random.Generator,
    model: Model,
    layout: Layout | None = None,
) -> Array:
    """Pillar draws of shape (n, Y, 3) for ``years``, as :func:`uncertainty` makes them.

    For callers that need the pillar draws alone (comparisons); the model is not varied. A ready
    ``layout`` of exactly these years is used as it is.
    """
    layout = build_layout(profile, years) if layout is None else layout
    inputs = UncertainInputs.build(layout, model, vary_model=False)
    return draw(inputs, _validate.check_n(n), rng)[1]
