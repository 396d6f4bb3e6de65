"""``score``: one alliance's health in one year, with everything needed to explain it."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._domain.observation import UNCERTAINTY_FIELDS, Observation
from alliance_health._domain.pillar import PILLARS, Pillar
from alliance_health._domain.profile import Profile
from alliance_health._errors import ValidationError
from alliance_health._present.result import Tabular
from alliance_health._present.table import Column, ColumnValues, Table
from alliance_health._scoring.arguments import to_model, to_profile
from alliance_health._scoring.engine import Evaluation, Layout, build_layout, evaluate
from alliance_health._scoring.explain import Contribution, Explanation
from alliance_health._scoring.groups import IndicatorGroup
from alliance_health._scoring.model import Model
from alliance_health._scoring.select import Coverage, warn_thin

__all__ = [
    "Contribution",
    "Coverage",
    "Explanation",
    "Score",
    "UsedObservation",
    "assemble",
    "checked_layout",
    "score",
]


@attrs.frozen(kw_only=True)
class UsedObservation:
    """An observation that entered a score, with its age (score year - observation year).

    Examples
    --------
    >>> import alliance_health as ah
    >>> used = ah.score(ah.testing.minimal_profile(), 2006).used
    >>> [(u.observation.indicator, u.age) for u in used][-1]
    ('meetings', 0)
    """

    observation: Observation
    age: int


def _of_observation(get: Callable[[Observation], object]) -> Callable[[UsedObservation], object]:
    return lambda u: get(u.observation)


_USED_FIELDS: dict[str | Column, Callable[[UsedObservation], object]] = {
    "indicator": lambda u: u.observation.indicator,
    "member": lambda u: u.observation.member,
    "year": lambda u: u.observation.year,
    "age": lambda u: u.age,
    "value": lambda u: u.observation.value,
    **{k: _of_observation(get) for k, get in UNCERTAINTY_FIELDS.items()},
    "source": lambda u: u.observation.source,
}


@attrs.frozen(kw_only=True)
class Score(Tabular):
    """The health of one alliance in one year.

    Attributes
    ----------
    profile_id : str
        The profile scored.
    year : int
        The year scored.
    health : float
        Overall health in [0, 1]: the power mean of the pillars (:class:`Model`).
    pillars : Mapping[Pillar, float]
        Each pillar's score in [0, 1].
    model : Model
        The aggregation model used.
    used : tuple of UsedObservation
        The observations that entered the score, with their ages.
    contributions : tuple of Contribution
        Each indicator's part; see :meth:`explain`.
    coverage : Mapping[Pillar, Coverage]
        What each pillar rests on that year: the share of its declared indicator weight observed,
        the members covered by each member-level indicator, the age of the oldest observation used
        and the indicators missing (looked up by :class:`Pillar` or its name).
    members : tuple of str
        The members of the alliance that year.

    Notes
    -----
    Three tables (:meth:`tables`): the score (one row, so that the frames of many scores stack
    with ``pandas.concat``), the contributions (:meth:`explain`) and the observations used, with
    their age and uncertainty; the columns are listed on the Tables page (:doc:`/tables`).

    Examples
    --------
    >>> import alliance_health as ah
    >>> s = ah.score(ah.testing.minimal_profile(), 2006)
    >>> s
    Score('minimal', 2006, health=0.500, shared_threat=0.250, ...)
    >>> s.weakest.label, s.coverage["shared_threat"].members_covered["threat-public"]
    ('shared threat', ('AAA', 'BBB'))
    >>> s.coverage["mutual_obligation"].oldest_age  # the 2005 treaty pledge
    1
    """

    profile_id: str
    year: int
    health: float
    pillars: Mapping[Pillar, float]
    model: Model
    used: tuple[UsedObservation, ...]
    contributions: tuple[Contribution, ...]
    coverage: Mapping[Pillar, Coverage]
    members: tuple[str, ...]

    @property
    def shared_threat(self) -> float:
        """Score of "the shared recognition of common threats"."""
        return self.pillars[Pillar.SHARED_THREAT]

    @property
    def mutual_obligation(self) -> float:
        """Score of "a pledge to take action to counter them"."""
        return self.pillars[Pillar.MUTUAL_OBLIGATION]

    @property
    def consultation(self) -> float:
        """Score of "ongoing policy consultations"."""
        return self.pillars[Pillar.CONSULTATION]

    @property
    def weakest(self) -> Pillar:
        """The pillar with the lowest score (the first in :class:`Pillar` order on ties)."""
        return min(PILLARS, key=lambda p: self.pillars[p])

    def explain(self) -> Explanation:
        """Each indicator's contribution to its pillar score.

        Pillars in :class:`Pillar` order; within a pillar, the largest contribution first.
        """
        order = sorted(self.contributions, key=lambda r: (PILLARS.index(r.pillar), -r.contribution))
        return Explanation(tuple(order))

    def table(self) -> Table:
        """Health, the pillars, the weakest, and coverage: one row indexed by profile and year.

        ``<pillar>_observed`` is the share of the pillar's declared indicator weight observed that
        year; ``oldest_age`` the age in years of the oldest observation used.
        """
        data: dict[str | Column, ColumnValues] = {
            "profile": [self.profile_id],
            "year": [self.year],
            "health": [self.health],
            **{p.value: [self.pillars[p]] for p in PILLARS},
            "weakest": [self.weakest.value],
            **{f"{p.value}_observed": [self.coverage[p].observed_weight_share] for p in PILLARS},
            "oldest_age": [max(c.oldest_age for c in self.coverage.values())],
        }
        return Table.from_columns(
            data,
            caption=f"{self.profile_id} {self.year}: health {self.health:.3f}",
            notes=[f"model: {self.model!r}"],
            index=["profile", "year"],
            name="score",
        )

    def tables(self) -> tuple[Table, ...]:
        """The score, its coverage, each indicator's contribution and the observations used."""
        coverage = Table.from_records(
            [self.coverage[p] for p in PILLARS],
            {
                "pillar": lambda c: c.pillar.value,
                "observed_weight_share": lambda c: c.observed_weight_share,
                "members": lambda c: len(c.members),
                "oldest_age": lambda c: c.oldest_age,
                Column("missing", width=40): lambda c: ", ".join(c.missing) or None,
            },
            caption=f"Coverage of {self.profile_id} {self.year}: what each pillar rests on",
            name="coverage",
        )
        used = Table.from_records(
            self.used,
            _USED_FIELDS,
            caption=f"Observations behind {self.profile_id} {self.year}, with their age in years",
            name="observations",
        )
        return (self.table(), coverage, self.explain().table(), used)

    def __repr__(self) -> str:
        row = self.table().records()[0]
        shown = ("health", *(p.value for p in PILLARS))
        numbers = ", ".join(f"{k}={row[k]:.3f}" for k in shown)
        return f"Score({self.profile_id!r}, {self.year}, {numbers})"


def score(
    profile: Profile | str,
    year: int,
    *,
    model: Model | None = None,
    layout: Layout | None = None,
) -> Score:
    """Score an alliance's health in one year.

    The steps follow DESIGN section 3: select each (indicator, member)'s latest observation still
    within its horizon; normalise it on the indicator's declared scale; combine members with
    ``model.member_rule`` (default: the least-convinced member for shared threat, the mean
    elsewhere); take the weighted mean of indicators within each threat or pillar; combine threats
    with ``model.threat_rule`` (default: the best-shared threat); and combine the three pillars with
    a weighted power mean (default: geometric, so a pillar at zero gives zero health).

    Parameters
    ----------
    profile : Profile or str
        The alliance, or the id of a built-in profile (``"rok-us"``, ``"nato-post-1990"``).
    year : int
        The year to score, a whole number from 1 to 9999; not before ``profile.founded``.
    model : Model, optional
        The aggregation model; default ``Model()``.
    layout : Layout, optional
        A layout of ``profile`` covering ``year``, already built (:func:`build_layout`), so that
        an analysis scoring several views of the same data selects the observations once.

    Returns
    -------
    Score
        Health, pillar scores, the observations used, each indicator's contribution and what
        each pillar rests on (``coverage``).

    Raises
    ------
    InsufficientDataError
        A pillar has no valid observation in ``year``, ``year`` precedes the founding, or it lies
        past the profile's data by more than the observations' horizons (the message names the
        last year with data).
    ValidationError
        ``year`` is not a whole number from 1 to 9999.
    UnknownReferenceError
        ``profile`` is a string that names no built-in profile.
    ArgumentTypeError
        ``profile`` is neither a Profile nor a string, or ``model`` is not a :class:`Model`.
        ``year`` is not a whole number, or ``layout`` is not of ``profile``.

    Warns
    -----
    CoverageWarning
        A pillar rests on less than ``model.coverage_threshold`` of its declared indicator weight.

    Notes
    -----
    Missing data (see "Missing and stale data" in the methods): an indicator without a valid
    observation is left out and the others re-weighted; a member-level indicator observed for
    some members only takes the median of the absent-members rule, never the value of the
    observed members alone when fewer than half are observed. This is the as-coded score; the
    Monte Carlo (:func:`~alliance_health.uncertainty`) draws what is missing.

    References
    ----------
    .. [1] Sherwood-Randall, E. (2006). *Alliances and American National Security*. Strategic
           Studies Institute, U.S. Army War College. Quoted in Sneider, D. C. (2006),
           "Re-imagining the U.S.-ROK Alliance", Shorenstein APARC, Stanford.
    .. [2] OECD/JRC (2008). *Handbook on Constructing Composite Indicators: Methodology and User
           Guide*. OECD Publishing. Steps 5 (normalisation) and 6 (weighting and aggregation).

    Examples
    --------
    >>> import alliance_health as ah
    >>> profile = ah.testing.minimal_profile()
    >>> s = ah.score(profile, 2006)
    >>> round(s.health, 3), s.weakest.value
    (0.5, 'shared_threat')

    A built-in profile can be named by its id:

    >>> ah.score("rok-us", 2006).health == ah.score(ah.fixtures.rok_us(), 2006).health
    True
    """
    profile = to_profile(profile)
    model = to_model(model)
    layout = checked_layout(profile, [year], layout)
    warn_thin(layout.coverage_table(), model.coverage_threshold, profile.name)
    return assemble(layout, model, year)


def checked_layout(
    profile: Profile,
    years: Sequence[int] | npt.ArrayLike,
    layout: Layout | None,
    *,
    exact: bool = False,
) -> Layout:
    """``layout`` if it is a layout of ``profile`` holding ``years`` (exactly them, if ``exact``).

    Without a layout, a new one of ``years``.
    """
    if layout is None:
        return build_layout(profile, years)
    wanted = np.atleast_1d(np.asarray(years))
    if layout.profile is not profile and layout.profile != profile:
        msg = f"layout= must be built from the same profile ({profile.id!r}); it is not"
        raise ValidationError(msg)
    same = wanted.size == layout.years.size and bool(np.all(wanted == layout.years))
    if not (same if exact else np.isin(wanted, layout.years).all()):
        msg = (
            f"layout= covers the years {layout.years.tolist()}, not {wanted.tolist()};"
            " build it with build_layout(profile, years)"
        )
        raise ValidationError(msg)
    return layout


def assemble(layout: Layout, model: Model, year: int, ev: Evaluation | None = None) -> Score:
    """The :class:`Score` of ``year`` from a layout (and its as-coded evaluation, if at hand)."""
    ev = evaluate(layout, layout.normalise(layout.values), model) if ev is None else ev
    y = layout.year_index(year)
    groups = layout.indicator_groups(year)
    used = {id(o): o for g in groups if g.observed for o in g.observations}
    return Score(
        profile_id=layout.profile.id,
        year=year,
        health=float(ev.health[y]),
        pillars=MappingProxyType({p: float(ev.pillars[y, k]) for k, p in enumerate(PILLARS)}),
        model=model,
        used=tuple(UsedObservation(observation=o, age=year - o.year) for o in used.values()),
        contributions=_contributions(layout, ev, model, groups),
        coverage=layout.coverage_at(year),
        members=layout.profile.members_in(year),
    )


def _contributions(
    layout: Layout, ev: Evaluation, model: Model, groups: Sequence[IndicatorGroup]
) -> tuple[Contribution, ...]:
    """Share each pillar score out to its indicators (one year of a single evaluation row)."""
    rows = []
    for g in groups:
        t = layout.threat_index(g)
        siblings = [s for s in groups if layout.threat_index(s) == t and s.observed]
        pillar_threats = {
            layout.threat_index(s): ev.threats[layout.threat_index(s)]
            for s in groups
            if s.pillar is g.pillar
        }
        if model.threat_rule == "mean":
            factor = 1.0 / len(pillar_threats)
        else:
            pick = max if model.threat_rule == "max" else min
            factor = float(pick(pillar_threats, key=lambda k: pillar_threats[k]) == t)
        share = g.weight / sum(s.weight for s in siblings) if g.observed else 0.0
        value = float(ev.indicators[g.index]) if g.observed else math.nan
        rows.append(
            Contribution(
                indicator=g.indicator,
                label=layout.profile.indicator(g.indicator).label,
                pillar=g.pillar,
                threat=g.threat,
                members=g.members if g.observed else (),
                value=value,
                share=share,
                contribution=factor * share * value if g.observed else 0.0,
                observed=g.observed,
                member_count=g.member_count,
                age=max(g.ages, default=0) if g.observed else 0,
            )
        )
    return tuple(rows)
