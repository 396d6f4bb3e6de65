"""The scoring engine: select observations, then aggregate them on arrays.

:func:`build_layout` does the bookkeeping once for a profile and a set of years: which observation
serves which (indicator, member, year), how those slots group into indicators, threats and
pillars, and what each year's data cover. :func:`evaluate` runs the arithmetic of DESIGN section 3
on arrays whose leading axes are free, so that :func:`~alliance_health.score`, trajectories and
Monte Carlo draws all go through the same code (:func:`aggregate`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._domain.indicator import to_unit
from alliance_health._domain.observation import Observation
from alliance_health._domain.pillar import PILLARS, Pillar
from alliance_health._domain.profile import Profile
from alliance_health._errors import InsufficientDataError
from alliance_health._scoring.aggregate import power_mean, segment_mean, segment_reduce
from alliance_health._scoring.groups import GroupQueries, build_groups
from alliance_health._scoring.imputation import absent_members, two_piece_uniform
from alliance_health._scoring.model import Model
from alliance_health._scoring.pooling import pooled
from alliance_health._scoring.select import (
    HORIZONLESS_MARGIN,
    Selection,
    check_years,
    keep_years,
    select,
)

__all__ = [
    "Evaluation",
    "Layout",
    "aggregate",
    "build_layout",
    "check_years",
    "evaluate",
    "scorable_years",
]

Array = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
_RULE_CODES: Final = {"min": 0, "mean": 1, "max": 2}
OBSERVED, CARRIED, UNOBSERVED = 0, 1, 2
"""Status of an indicator group: a valid observation; only expired ones, carried; none at all."""


@attrs.frozen(kw_only=True, eq=False)
class Layout(GroupQueries):
    """Which observations serve which years, and how they group. Built by :func:`build_layout`.

    Slots are (year, indicator, member) triples and groups are (year, indicator) pairs, both
    sorted by year, pillar, threat and indicator, so that every group, threat and pillar is a
    contiguous run that reduces with one ``reduceat``. Every declared indicator in scope has a
    group, observed or not (a shared-threat indicator is in scope when its threat is observed that
    year); ask for them by name with :meth:`groups`, :meth:`indicator_groups`, :meth:`members_of`,
    :meth:`threat_of` and :meth:`pillar_of`.

    Examples
    --------
    >>> import alliance_health as ah
    >>> layout = ah.build_layout(ah.testing.minimal_profile(), [2006])
    >>> layout.years.tolist(), len(layout.observations)
    ([2006], 4)
    >>> [g.indicator for g in layout.indicator_groups(2006)]
    ['threat-public', 'pledge', 'meetings']
    """

    profile: Profile
    years: npt.NDArray[np.int64]
    observations: tuple[Observation, ...]  # the U observations serving some year validly
    carried: tuple[Observation, ...]  # C more, only carried forward for unobserved indicators
    scale_lo: Array  # (U + C,) scale bounds and direction of each observation's indicator
    scale_hi: Array
    flip: npt.NDArray[np.bool_]
    slot_obs: IntArray  # (K,) index into observations + carried
    slot_year: IntArray  # (K,) index into years
    slot_group: IntArray  # (K,) index into the groups
    slot_age: IntArray  # (K,) year minus the observation's year
    slot_stale: IntArray  # (K,) years of age the Monte Carlo widens by
    grp_year: IntArray  # (G,) index into years
    grp_indicator: IntArray  # (G,) index into profile.indicators
    grp_pillar: IntArray  # (G,) index into PILLARS
    grp_weight: Array  # (G,)
    grp_status: IntArray  # (G,) OBSERVED, CARRIED or UNOBSERVED
    grp_start: IntArray  # (G,) first slot
    grp_count: IntArray  # (G,) slots (k members, or 1 alliance-level value, or 0)
    grp_members: IntArray  # (G,) N: members that year for a member-level indicator, else 1
    thr_start: IntArray  # (T,) first group of each (year, pillar, threat)
    thr_threat: IntArray  # (T,) index into profile.threats, -1 outside the shared-threat pillar
    pil_start: IntArray  # (Y * 3,) first threat of each (year, pillar)
    member_level: npt.NDArray[np.bool_]  # (I,) whether each indicator is observed per member
    cov_share: Array  # (Y, 3) share of each pillar's declared weight observed
    cov_age: IntArray  # (Y, 3) age of the oldest observation used

    def normalise(self, values: npt.ArrayLike) -> Array:
        """Normalise raw values of shape (..., U) onto [0, 1] on each observation's scale.

        Values of shape (..., U + C) (the carried observations too) are normalised alike.
        """
        v = np.asarray(values, dtype=np.float64)
        n = v.shape[-1]
        return to_unit(v, self.scale_lo[:n], self.scale_hi[:n], self.flip[:n])

    def normalise_slots(self, values: npt.ArrayLike) -> Array:
        """Normalise raw values of shape (..., K), one per slot, on each slot's scale."""
        k = self.slot_obs
        return to_unit(
            np.asarray(values, dtype=np.float64), self.scale_lo[k], self.scale_hi[k], self.flip[k]
        )

    @property
    def obs_lo(self) -> Array:
        """Lower scale bound of each of the ``U`` observations (version 0.1 field)."""
        return self.scale_lo[: len(self.observations)]

    @property
    def obs_hi(self) -> Array:
        """Upper scale bound of each of the ``U`` observations (version 0.1 field)."""
        return self.scale_hi[: len(self.observations)]

    @property
    def obs_flip(self) -> npt.NDArray[np.bool_]:
        """Whether each of the ``U`` observations is flipped (version 0.1 field)."""
        return self.flip[: len(self.observations)]

    @property
    def values(self) -> Array:
        """The observed values (U,), in their indicators' units."""
        return np.array([o.value for o in self.observations], dtype=np.float64)

    @property
    def all_observations(self) -> tuple[Observation, ...]:
        """``observations`` then ``carried``: what ``slot_obs`` indexes."""
        return self.observations + self.carried


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

    indicators: Array  # (..., G) indicator scores after the member rule (NaN: not in the score)
    threats: Array  # (..., T) within-threat (or within-pillar) weighted means
    pillars: Array  # (..., Y, 3)
    health: Array  # (..., Y)


def build_layout(
    profile: Profile, years: Sequence[int] | npt.ArrayLike, *, drop_unscorable: bool = False
) -> Layout:
    """Select the observations that serve each year and group them for aggregation.

    Selection (DESIGN section 3, step 1): for each (indicator, member) the latest observation with
    ``obs.year <= year`` that is still within the indicator's horizon; members are counted only in
    years they belong to the alliance; nothing serves more than
    :data:`~alliance_health._scoring.select.HORIZONLESS_MARGIN` years after the profile's last
    observation. Build the layout once, then score as many variants of the values or of the model
    as needed with :func:`evaluate`.

    Parameters
    ----------
    profile : Profile
        The alliance.
    years : int or sequence of int
        The years to score: whole numbers from 1 to 9999, unique, none before the alliance was
        founded.
    drop_unscorable : bool, optional
        Leave out the years in which a pillar has no valid observation instead of raising (the
        default trajectory's years). Default False.

    Returns
    -------
    Layout
        The ``U`` distinct observations used (``observations``, with ``values`` in their units and
        ``normalise`` to put values on [0, 1]), the years, the grouping of the slots they fill into
        indicators, threats and pillars, and each year's ``coverage``.

    Raises
    ------
    ValidationError
        ``years`` are not whole numbers from 1 to 9999, or repeat.
    InsufficientDataError
        A year is before the founding, or a pillar has no valid observation in one of the years
        (the message names both, and the last year with data when the year is past it).

    Examples
    --------
    >>> import alliance_health as ah
    >>> layout = ah.build_layout(ah.testing.minimal_profile(), [2006])
    >>> [(o.indicator, o.member, o.year) for o in layout.observations]
    [('threat-public', 'AAA', 2006), ('threat-public', 'BBB', 2006), ('pledge', None, 2005),
     ('meetings', None, 2006)]
    >>> layout.normalise(layout.values).tolist()
    [0.4, 0.25, 1.0, 0.5]
    >>> [(g.indicator, g.members) for g in layout.indicator_groups(2006)][0]
    ('threat-public', ('AAA', 'BBB'))

    The 2005 treaty pledge still serves 2006: it has no horizon, so it holds until superseded.
    """
    profile = pooled(profile)  # several coders' codings of one value: their pooled observation
    ys = check_years(profile, years)
    sel = select(profile, ys)
    if drop_unscorable:
        sel = keep_years(sel, _scorable(profile, sel))
        if sel.years.size == 0:
            msg = f"no year of {profile.name!r} has data for all three pillars"
            raise InsufficientDataError(msg)
    return Layout(profile=profile, **build_groups(profile, sel, _require_every_pillar))


def _scorable(profile: Profile, sel: Selection) -> npt.NDArray[np.bool_]:
    pillar_of = np.array([PILLARS.index(i.pillar) for i in profile.indicators], dtype=np.intp)
    present = np.zeros((sel.years.size, len(PILLARS)), dtype=np.bool_)
    present[sel.year[sel.valid], pillar_of[sel.indicator[sel.valid]]] = True
    out: npt.NDArray[np.bool_] = np.all(present, axis=1)
    return out


def scorable_years(
    profile: Profile, years: Sequence[int] | npt.ArrayLike | None = None
) -> npt.NDArray[np.int64]:
    """The years (of ``years``, default every year the profile observes) in which all pillars score.

    The default span runs from the founding or the first observation, whichever is later, to the
    last observation; later years score only with stale data, when asked for.
    """
    if years is None:
        span = profile.years
        if span is None:
            return np.empty(0, dtype=np.int64)
        years = np.arange(max(profile.founded, span[0]), span[1] + 1)
    ys = check_years(profile, years)
    return ys[_scorable(profile, select(profile, ys))]


def _require_every_pillar(
    profile: Profile, years: npt.NDArray[np.int64], present: npt.NDArray[np.bool_]
) -> None:
    """Raise for the first (year, pillar) of ``present`` (Y, 3) without a valid observation."""
    missing = np.flatnonzero(~present.ravel())
    if not missing.size:
        return
    year = int(years[missing[0] // len(PILLARS)])
    pillar: Pillar = PILLARS[missing[0] % len(PILLARS)]
    msg = f"no valid observation of the {pillar.label} pillar of {profile.name!r} in {year}"
    last = profile.years[1] if profile.years else None
    if last is not None and year > last:
        msg += (
            f": its data end in {last}, and an observation serves no longer than its horizon"
            f" ({HORIZONLESS_MARGIN} years past the data without one); ask for {last} or earlier"
        )
    else:
        msg += ": add an observation, lengthen an indicator's horizon, or choose another year"
    raise InsufficientDataError(msg)


def evaluate(
    layout: Layout,
    x: Array,
    model: Model,
    *,
    weights: Array | None = None,
    p: Array | float | None = None,
) -> Evaluation:
    """Aggregate normalised values ``x`` of shape (..., U) as coded (DESIGN section 3, steps 3-6).

    The arithmetic of :func:`~alliance_health.score`, on arrays: every leading row of ``x`` is one
    variant of the observed values, scored in the same vectorised call. Indicators without a valid
    observation are left out and the others re-weighted; a member-level indicator missing some
    members takes the median of :func:`~alliance_health._scoring.imputation.absent_members`.

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
        Arrays with the leading shape of ``x``: ``indicators`` (..., G) (NaN for the groups left
        out) and ``threats`` (..., T) for the groups of the layout, ``pillars`` (..., Y, 3) in
        :class:`~alliance_health.Pillar` order, and ``health`` (..., Y).

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
    xo = np.asarray(x, dtype=np.float64)
    coded = layout.normalise(np.array([o.value for o in layout.all_observations]))
    full = np.empty((*xo.shape[:-1], coded.size))
    full[...] = coded  # carried observations: never in the as-coded score, any value does
    full[..., : xo.shape[-1]] = xo
    return aggregate(layout, full[..., layout.slot_obs], model, weights=weights, p=p)


def aggregate(
    layout: Layout,
    xs: Array,
    model: Model,
    *,
    member_u: Array | float = 0.5,
    fill_u: Array | None = None,
    weights: Array | None = None,
    p: Array | float | None = None,
) -> Evaluation:
    """Aggregate slot values ``xs`` (..., K): as coded, or as Monte Carlo draws with ``fill_u``.

    ``member_u`` (..., G) are the quantile levels of the absent-members rule (1/2 as coded).
    Without ``fill_u`` the indicators without a valid observation are left out (the as-coded
    re-weighting); with it, (..., G) levels, every group in scope enters: carried groups with
    their carried values, unobserved ones drawn from the two-piece uniform on the scale whose
    median is the weighted mean of the observed indicators of their threat or pillar.
    """
    ind = _member_rule(layout, xs, model, member_u)
    observed = layout.grp_status == OBSERVED
    w_obs = layout.grp_weight * observed
    with np.errstate(invalid="ignore"):  # every threat in scope has an observed indicator
        thr = segment_mean(np.where(observed, ind, 0.0), layout.thr_start, w_obs)
    if fill_u is None:
        ind[..., ~observed] = np.nan
    else:
        unseen = np.flatnonzero(layout.grp_status == UNOBSERVED)
        t_of_g = np.searchsorted(layout.thr_start, unseen, "right") - 1
        ind[..., unseen] = two_piece_uniform(fill_u[..., unseen], 0.0, thr[..., t_of_g], 1.0)
        thr = segment_mean(ind, layout.thr_start, layout.grp_weight)
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


def _member_rule(layout: Layout, xs: Array, model: Model, member_u: Array | float) -> Array:
    """Each group's value (..., G) under its pillar's member rule (NaN for a group without slots).

    Where some members of the year are unobserved, the absent-members rule at ``member_u``.
    """
    rules = np.array([_RULE_CODES[r] for r in model.member_rule])[layout.grp_pillar]
    has = np.flatnonzero(layout.grp_count > 0)
    starts, rule = layout.grp_start[has], rules[has]
    value = np.empty((*xs.shape[:-1], has.size))
    for name, code in _RULE_CODES.items():
        chosen = rule == code
        if chosen.any():
            red = segment_mean(xs, starts) if name == "mean" else segment_reduce(xs, starts, name)
            value[..., chosen] = red[..., chosen]
    ind = np.full((*xs.shape[:-1], layout.grp_count.size), np.nan)
    ind[..., has] = value
    absent = np.flatnonzero(layout.grp_count[has] < layout.grp_members[has])
    if absent.size:
        g, r, v = has[absent], rule[absent], value[..., absent]
        share = layout.grp_count[g] / layout.grp_members[g]
        low = np.select([r == 0, r == 1], [np.zeros_like(v), v * share], v)
        high = np.select([r == 0, r == 1], [v, v * share + 1 - share], 1.0)
        mu = np.broadcast_to(np.asarray(member_u, dtype=np.float64), ind.shape)[..., g]
        ind[..., g] = absent_members(mu, v, low, high, share)
    return ind
