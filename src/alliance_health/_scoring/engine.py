"""The scoring engine: select observations, then aggregate them on arrays.

:func:`build_layout` does the bookkeeping once for a profile and a set of years: which observation
serves which (indicator, member, year), and how those slots group into indicators, threats and
pillars. :func:`evaluate` then runs the arithmetic of DESIGN section 3 on arrays whose leading axes
are free, so that :func:`~alliance_health.score`, trajectories and Monte Carlo draws all go through
the same code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._domain.indicator import to_unit
from alliance_health._domain.observation import Observation
from alliance_health._domain.pillar import PILLARS, Pillar
from alliance_health._domain.profile import Member, Profile
from alliance_health._errors import InsufficientDataError
from alliance_health._scoring.aggregate import power_mean, segment_mean, segment_reduce
from alliance_health._scoring.model import Model

__all__ = [
    "Evaluation",
    "Layout",
    "build_layout",
    "check_years",
    "evaluate",
    "scorable_years",
]

Array = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
_RULE_CODES: Final = {"min": 0, "mean": 1, "max": 2}


@attrs.frozen(kw_only=True, eq=False)
class Layout:
    """Which observations serve which years, and how they group. Built by :func:`build_layout`.

    Slots are (year, indicator, member) triples sorted by year, pillar, threat, indicator and
    member, so that every group below is a contiguous run and reduces with one ``reduceat``.

    Examples
    --------
    >>> import alliance_health as ah
    >>> layout = ah.build_layout(ah.testing.minimal_profile(), [2006])
    >>> layout.years.tolist(), len(layout.observations)
    ([2006], 4)
    """

    profile: Profile
    years: npt.NDArray[np.int64]
    observations: tuple[Observation, ...]  # the U distinct observations used
    obs_lo: Array  # (U,) scale bounds and direction, for normalising draws
    obs_hi: Array
    obs_flip: npt.NDArray[np.bool_]
    slot_obs: IntArray  # (K,) index into observations
    slot_year: IntArray  # (K,) index into years
    ind_start: IntArray  # (G,) first slot of each (year, indicator) group
    ind_indicator: IntArray  # (G,) index into profile.indicators
    ind_pillar: IntArray  # (G,) index into PILLARS
    ind_weight: Array  # (G,)
    thr_start: IntArray  # (T,) first indicator group of each (year, pillar, threat) group
    thr_threat: IntArray  # (T,) index into profile.threats, -1 outside the shared-threat pillar
    pil_start: IntArray  # (Y * 3,) first threat group of each (year, pillar) group

    def normalise(self, values: npt.ArrayLike) -> Array:
        """Normalise raw values of shape (..., U) onto [0, 1] on each observation's scale."""
        return to_unit(values, self.obs_lo, self.obs_hi, self.obs_flip)

    @property
    def values(self) -> Array:
        """The observed values (U,), in their indicators' units."""
        return np.array([o.value for o in self.observations], dtype=np.float64)


@attrs.frozen(kw_only=True, eq=False)
class Evaluation:
    """Arrays produced by :func:`evaluate`; leading axes are those of the input.

    Examples
    --------
    >>> import alliance_health as ah
    >>> layout = ah.build_layout(ah.testing.minimal_profile(), [2006])
    >>> ev = ah.evaluate(layout, layout.normalise(layout.values), ah.Model())
    >>> ev.health.tolist(), ev.pillars.shape
    ([0.5], (1, 3))
    """

    indicators: Array  # (..., G) indicator scores after the member rule
    threats: Array  # (..., T) within-threat (or within-pillar) weighted means
    pillars: Array  # (..., Y, 3)
    health: Array  # (..., Y)


def check_years(profile: Profile, years: Sequence[int] | npt.ArrayLike) -> npt.NDArray[np.int64]:
    """Validate requested years: whole numbers, unique, not before the alliance was founded."""
    arr = _validate.check_years(years)
    early = arr[arr < profile.founded]
    if early.size:
        msg = (
            f"year {int(early[0])} is before {profile.name!r} was founded ({profile.founded});"
            f" ask for {profile.founded} or later"
        )
        raise InsufficientDataError(msg)
    return arr


def _select(profile: Profile, years: npt.NDArray[np.int64]) -> IntArray:
    """For each (indicator, member), the latest valid observation in each year.

    Returns an array of rows ``(year index, indicator index, member rank, observation index)``, one
    per slot (member rank -1 for alliance-level values). The loop runs over (indicator, member)
    series, never over years: each series is searched for all years at once.
    """
    series: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for k, obs in enumerate(profile.observations):
        series[(obs.indicator, obs.member)].append(k)
    ind_index = {ind.id: i for i, ind in enumerate(profile.indicators)}
    member_rank = {m.code: r for r, m in enumerate(profile.members)}
    blocks = [np.empty((0, 4), dtype=np.intp)]
    for (ind_id, member), idx in series.items():
        order = np.array(sorted(idx, key=lambda k: profile.observations[k].year), dtype=np.intp)
        obs_years = np.array([profile.observations[k].year for k in order])
        pos = np.searchsorted(obs_years, years, side="right") - 1
        valid = pos >= 0
        horizon = profile.indicator(ind_id).horizon
        if horizon is not None:
            valid &= years - obs_years[np.maximum(pos, 0)] <= horizon
        rank = -1
        if member is not None:
            valid &= _membership(profile.member(member), years)
            rank = member_rank[member]
        hit = np.flatnonzero(valid)
        block = np.empty((hit.size, 4), dtype=np.intp)
        block[:, 0], block[:, 1], block[:, 2], block[:, 3] = (
            hit,
            ind_index[ind_id],
            rank,
            order[pos[hit]],
        )
        blocks.append(block)
    return np.concatenate(blocks)


def _membership(member: Member, years: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Whether ``member`` belongs to the alliance in each of ``years`` (every span it was in)."""
    inside = np.zeros(years.shape, dtype=np.bool_)
    for joined, left in member.spans:
        inside |= (years >= joined) & (years <= (years.max() if left is None else left))
    return inside


def build_layout(profile: Profile, years: Sequence[int] | npt.ArrayLike) -> Layout:
    """Select the observations that serve each year and group them for aggregation.

    Selection (DESIGN section 3, step 1): for each (indicator, member) the latest observation with
    ``obs.year <= year`` that is still within the indicator's horizon; members are counted only in
    years they belong to the alliance. Build the layout once, then score as many variants of the
    values or of the model as needed with :func:`evaluate`.

    Parameters
    ----------
    profile : Profile
        The alliance.
    years : int or sequence of int
        The years to score: whole numbers from 1 to 9999, unique, none before the alliance was
        founded.

    Returns
    -------
    Layout
        The ``U`` distinct observations used (``observations``, with ``values`` in their units and
        ``normalise`` to put values on [0, 1]), the years, and the grouping of the slots they fill
        into indicators, threats and pillars.

    Raises
    ------
    ValidationError
        ``years`` are not whole numbers from 1 to 9999, or repeat.
    InsufficientDataError
        A year is before the founding, or a pillar has no valid observation in one of the years
        (the message names both).

    Examples
    --------
    >>> import alliance_health as ah
    >>> layout = ah.build_layout(ah.testing.minimal_profile(), [2006])
    >>> [(o.indicator, o.member, o.year) for o in layout.observations]
    [('threat-public', 'AAA', 2006), ('threat-public', 'BBB', 2006), ('pledge', None, 2005),
     ('meetings', None, 2006)]
    >>> layout.normalise(layout.values).tolist()
    [0.4, 0.25, 1.0, 0.5]

    The 2005 treaty pledge still serves 2006: it has no horizon, so it holds until superseded.
    """
    ys = check_years(profile, years)
    table = _select(profile, ys)
    inds = profile.indicators
    threats = {t: i for i, t in enumerate(profile.threats)}
    pillar_of = np.array([PILLARS.index(i.pillar) for i in inds], dtype=np.intp)
    threat_of = np.array([threats.get(i.threat or "", -1) for i in inds], dtype=np.intp)
    y, ind, rank, obs = table.T
    order = np.lexsort((rank, ind, threat_of[ind], pillar_of[ind], y))
    y, ind, rank, obs = y[order], ind[order], rank[order], obs[order]
    pil = pillar_of[ind]
    _require_every_pillar(profile, ys, y * len(PILLARS) + pil)

    ind_start = _run_starts(y, ind)
    g_y, g_ind = y[ind_start], ind[ind_start]
    thr_start = _run_starts(g_y, pillar_of[g_ind], threat_of[g_ind])
    t_y, t_ind = g_y[thr_start], g_ind[thr_start]
    pil_start = _run_starts(t_y, pillar_of[t_ind])

    used, slot_obs = np.unique(obs, return_inverse=True)
    observations = tuple(profile.observations[k] for k in used)
    used_inds = [profile.indicator(o.indicator) for o in observations]
    return Layout(
        profile=profile,
        years=ys,
        observations=observations,
        obs_lo=np.array([i.scale[0] for i in used_inds], dtype=np.float64),
        obs_hi=np.array([i.scale[1] for i in used_inds], dtype=np.float64),
        obs_flip=np.array([not i.higher_is_better for i in used_inds], dtype=np.bool_),
        slot_obs=slot_obs.astype(np.intp),
        slot_year=y,
        ind_start=ind_start,
        ind_indicator=g_ind,
        ind_pillar=pillar_of[g_ind],
        ind_weight=np.array([inds[i].weight for i in g_ind], dtype=np.float64),
        thr_start=thr_start,
        thr_threat=threat_of[t_ind],
        pil_start=pil_start,
    )


def scorable_years(
    profile: Profile, years: Sequence[int] | npt.ArrayLike | None = None
) -> npt.NDArray[np.int64]:
    """The years (of ``years``, default every year the profile observes) in which all pillars score.

    The default span runs from the founding or the first observation, whichever is later, to the
    last observation.
    """
    if years is None:
        span = profile.years
        if span is None:
            return np.empty(0, dtype=np.int64)
        years = np.arange(max(profile.founded, span[0]), span[1] + 1)
    ys = check_years(profile, years)
    table = _select(profile, ys)
    pillar_of = np.array([PILLARS.index(i.pillar) for i in profile.indicators], dtype=np.intp)
    present = np.zeros((ys.size, len(PILLARS)), dtype=bool)
    present[table[:, 0], pillar_of[table[:, 1]]] = True
    return ys[present.all(axis=1)]


def _run_starts(*keys: IntArray) -> IntArray:
    """Indices where any of the (sorted) key arrays changes value: the starts of runs."""
    change = np.zeros(keys[0].size, dtype=bool)
    if keys[0].size:
        change[0] = True
    for k in keys:
        change[1:] |= k[1:] != k[:-1]
    return np.flatnonzero(change).astype(np.intp)


def _require_every_pillar(profile: Profile, years: npt.NDArray[np.int64], cell: IntArray) -> None:
    present = np.zeros(years.size * len(PILLARS), dtype=bool)
    present[cell] = True
    missing = np.flatnonzero(~present)
    if missing.size:
        year = int(years[missing[0] // len(PILLARS)])
        pillar: Pillar = PILLARS[missing[0] % len(PILLARS)]
        msg = (
            f"no valid observation of the {pillar.label} pillar of {profile.name!r} in {year}:"
            " add an observation, lengthen an indicator's horizon, or choose another year"
        )
        raise InsufficientDataError(msg)


def evaluate(
    layout: Layout,
    x: Array,
    model: Model,
    *,
    weights: Array | None = None,
    p: Array | float | None = None,
) -> Evaluation:
    """Aggregate normalised values ``x`` of shape (..., U) (DESIGN section 3, steps 3-6).

    The arithmetic of :func:`~alliance_health.score`, on arrays: every leading row of ``x`` is one
    variant of the observed values, scored in the same vectorised call.

    Parameters
    ----------
    layout : Layout
        From :func:`build_layout`.
    x : numpy.ndarray, shape (..., U)
        Values of the layout's ``U`` observations on [0, 1], in the order of
        ``layout.observations`` (``layout.normalise(layout.values)`` for the coded values).
    model : Model
        The aggregation model: member rules, threat rule, pillar weights and exponent ``p``.
    weights : numpy.ndarray, shape (..., 3), optional
        Pillar weights per leading row, overriding ``model.weights`` (for Monte Carlo over the
        model itself).
    p : float or numpy.ndarray, shape (...), optional
        Power-mean exponent per leading row, overriding ``model.p``.

    Returns
    -------
    Evaluation
        Arrays with the leading shape of ``x``: ``indicators`` (..., G) and ``threats`` (..., T)
        for the groups of the layout, ``pillars`` (..., Y, 3) in :class:`~alliance_health.Pillar`
        order, and ``health`` (..., Y).

    Examples
    --------
    The illustrative profile in 2006, with its consultation value (meetings, coded 2 on a 0-4
    scale with the range 1-3) at the low end, the coded value and the high end, in one call:

    >>> import numpy as np
    >>> import alliance_health as ah
    >>> layout = ah.build_layout(ah.testing.minimal_profile(), [2006])
    >>> x = np.tile(layout.normalise(layout.values), (3, 1))
    >>> x[:, 3] = [0.25, 0.5, 0.75]
    >>> ah.evaluate(layout, x, ah.Model()).health.round(3).tolist()
    [[0.397], [0.5], [0.572]]

    The coded values under the harmonic, geometric and arithmetic means of the pillars:

    >>> x0 = np.tile(layout.normalise(layout.values), (3, 1))
    >>> ev = ah.evaluate(layout, x0, ah.Model(), p=np.array([-1.0, 0.0, 1.0]))
    >>> ev.health.round(3).tolist()
    [[0.429], [0.5], [0.583]]
    """
    xs = x[..., layout.slot_obs]
    rules = np.array([_RULE_CODES[r] for r in model.member_rule])[layout.ind_pillar]
    ind = np.empty((*xs.shape[:-1], layout.ind_start.size))
    for rule, code in _RULE_CODES.items():
        chosen = rules == code
        if chosen.any():
            reduced = (
                segment_mean(xs, layout.ind_start)
                if rule == "mean"
                else segment_reduce(xs, layout.ind_start, rule)
            )
            ind[..., chosen] = reduced[..., chosen]
    thr = segment_mean(ind, layout.thr_start, layout.ind_weight)
    if model.threat_rule == "mean":
        pil = segment_mean(thr, layout.pil_start)
    else:
        pil = segment_reduce(thr, layout.pil_start, model.threat_rule)
    pillars = pil.reshape(*pil.shape[:-1], layout.years.size, len(PILLARS))
    w = model.weight_array if weights is None else np.asarray(weights)[..., None, :]
    pe = np.asarray(model.p if p is None else p, dtype=np.float64)
    if pe.ndim:
        pe = pe[..., None]
    health = power_mean(pillars, w, pe)
    return Evaluation(indicators=ind, threats=thr, pillars=pillars, health=health)
