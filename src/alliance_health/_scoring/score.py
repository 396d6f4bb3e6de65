"""``score``: one alliance's health in one year, with everything needed to explain it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

import attrs
import numpy as np

from alliance_health._domain.observation import UNCERTAINTY_FIELDS, Observation
from alliance_health._domain.pillar import PILLARS, Pillar
from alliance_health._domain.profile import Profile
from alliance_health._present.result import Tabular
from alliance_health._present.table import Column, ColumnValues, Table
from alliance_health._scoring.arguments import to_model, to_profile
from alliance_health._scoring.engine import Evaluation, Layout, build_layout, evaluate
from alliance_health._scoring.model import Model

__all__ = ["Contribution", "Explanation", "Score", "UsedObservation", "score"]


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


@attrs.frozen(kw_only=True)
class Contribution:
    """One indicator's part in a pillar score.

    ``value`` is the indicator's normalised score after combining members; ``share`` is its weight
    share within its threat (or pillar); ``contribution`` is what it adds to the pillar score, so
    that the contributions of a pillar sum to the pillar score. Under the ``"max"`` or ``"min"``
    threat rule only the deciding threat contributes.

    Examples
    --------
    >>> import alliance_health as ah
    >>> row = ah.score(ah.testing.minimal_profile(), 2006).contributions[0]
    >>> row.indicator, row.members, row.value, row.contribution
    ('threat-public', ('AAA', 'BBB'), 0.25, 0.25)
    """

    indicator: str
    label: str
    pillar: Pillar
    threat: str | None
    members: tuple[str, ...]
    value: float
    share: float
    contribution: float


def _of_observation(get: Callable[[Observation], object]) -> Callable[[UsedObservation], object]:
    return lambda u: get(u.observation)


_CONTRIBUTION_FIELDS: dict[str | Column, Callable[[Contribution], object]] = {
    "pillar": lambda r: r.pillar.value,
    "threat": lambda r: r.threat,
    "indicator": lambda r: r.indicator,
    Column("label", width=28): lambda r: r.label,
    Column("members", width=20): lambda r: ",".join(r.members) or None,
    "value": lambda r: r.value,
    "share": lambda r: r.share,
    "contribution": lambda r: r.contribution,
}

_USED_FIELDS: dict[str | Column, Callable[[UsedObservation], object]] = {
    "indicator": lambda u: u.observation.indicator,
    "member": lambda u: u.observation.member,
    "year": lambda u: u.observation.year,
    "age": lambda u: u.age,
    "value": lambda u: u.observation.value,
    **{k: _of_observation(get) for k, get in UNCERTAINTY_FIELDS.items()},
    "source": lambda u: u.observation.source,
}


@attrs.frozen(repr=False)
class Explanation(Tabular):
    """Each indicator's contribution to a :class:`Score`, as rows with a readable table ``repr``.

    Its table (:meth:`table`) has one row per indicator; the contributions of a pillar sum to its
    score. The columns are listed on the Tables page (:doc:`/tables`).

    Examples
    --------
    >>> import alliance_health as ah
    >>> ex = ah.score(ah.testing.minimal_profile(), 2006).explain()
    >>> len(ex), [r.indicator for r in ex.by_pillar("consultation")]
    (3, ['meetings'])
    >>> ex.table().column("contribution")
    (0.25, 1.0, 0.5)
    """

    rows: tuple[Contribution, ...]

    def __iter__(self):  # type: ignore[no-untyped-def]  # noqa: ANN204  (iterator protocol)
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def by_pillar(self, pillar: Pillar | str) -> tuple[Contribution, ...]:
        """The rows of one pillar."""
        return tuple(r for r in self.rows if r.pillar == pillar)

    def table(self) -> Table:
        """One row per indicator, in the order of :attr:`rows`."""
        return Table.from_records(
            self.rows,
            _CONTRIBUTION_FIELDS,
            caption="Each indicator's part in its pillar score (contributions sum to the pillar)",
            name="contributions",
        )


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
    coverage : Mapping[str, tuple[str, ...]]
        For each per-member indicator, the members with a valid observation that year.
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
    >>> s.weakest.label, s.coverage["threat-public"]
    ('shared threat', ('AAA', 'BBB'))
    """

    profile_id: str
    year: int
    health: float
    pillars: Mapping[Pillar, float]
    model: Model
    used: tuple[UsedObservation, ...]
    contributions: tuple[Contribution, ...]
    coverage: Mapping[str, tuple[str, ...]]
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
        """Health, the three pillars and the weakest pillar: one row indexed by profile and year."""
        data: dict[str | Column, ColumnValues] = {
            "profile": [self.profile_id],
            "year": [self.year],
            "health": [self.health],
            **{p.value: [self.pillars[p]] for p in PILLARS},
            "weakest": [self.weakest.value],
        }
        return Table.from_columns(
            data,
            caption=f"{self.profile_id} {self.year}: health {self.health:.3f}",
            notes=[f"model: {self.model!r}"],
            index=["profile", "year"],
            name="score",
        )

    def tables(self) -> tuple[Table, ...]:
        """The score, each indicator's contribution and the observations used."""
        used = Table.from_records(
            self.used,
            _USED_FIELDS,
            caption=f"Observations behind {self.profile_id} {self.year}, with their age in years",
            name="observations",
        )
        return (self.table(), self.explain().table(), used)

    def __repr__(self) -> str:
        row = self.table().records()[0]
        numbers = ", ".join(f"{k}={v:.3f}" for k, v in row.items() if isinstance(v, float))
        return f"Score({self.profile_id!r}, {self.year}, {numbers})"


def score(profile: Profile | str, year: int, *, model: Model | None = None) -> Score:
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

    Returns
    -------
    Score
        Health, pillar scores, the observations used and each indicator's contribution.

    Raises
    ------
    InsufficientDataError
        A pillar has no valid observation in ``year``, or ``year`` precedes the founding.
    ValidationError
        ``year`` is not a whole number from 1 to 9999.
    UnknownReferenceError
        ``profile`` is a string that names no built-in profile.
    ArgumentTypeError
        ``profile`` is neither a Profile nor a string, or ``model`` is not a :class:`Model`.

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
    layout = build_layout(profile, [year])
    ev = evaluate(layout, layout.normalise(layout.values), model)
    return _assemble(layout, ev, model)


def _assemble(layout: Layout, ev: Evaluation, model: Model) -> Score:
    profile = layout.profile
    year = int(layout.years[0])
    pillars = MappingProxyType({p: float(ev.pillars[0, k]) for k, p in enumerate(PILLARS)})
    used = tuple(UsedObservation(observation=o, age=year - o.year) for o in layout.observations)
    members_of = _members_by_group(layout)
    contributions = _contributions(layout, ev, model, members_of)
    coverage = MappingProxyType({c.indicator: c.members for c in contributions if c.members})
    return Score(
        profile_id=profile.id,
        year=year,
        health=float(ev.health[0]),
        pillars=pillars,
        model=model,
        used=used,
        contributions=contributions,
        coverage=coverage,
        members=profile.members_in(year),
    )


def _members_by_group(layout: Layout) -> list[tuple[str, ...]]:
    ends = np.append(layout.ind_start[1:], layout.slot_obs.size)
    out = []
    for start, end in zip(layout.ind_start, ends, strict=True):
        obs = [layout.observations[k] for k in layout.slot_obs[start:end]]
        out.append(tuple(o.member for o in obs if o.member is not None))
    return out


def _contributions(
    layout: Layout, ev: Evaluation, model: Model, members_of: list[tuple[str, ...]]
) -> tuple[Contribution, ...]:
    """Share each pillar score out to its indicators (one year; a single evaluation row)."""
    profile = layout.profile
    threat_of_group = (
        np.searchsorted(layout.thr_start, np.arange(layout.ind_start.size), "right") - 1
    )
    thr = ev.threats
    factor = np.zeros(layout.thr_start.size)
    pil_ends = np.append(layout.pil_start[1:], layout.thr_start.size)
    for start, end in zip(layout.pil_start, pil_ends, strict=True):
        if model.threat_rule == "mean":
            factor[start:end] = 1.0 / (end - start)
        else:
            pick = np.argmax if model.threat_rule == "max" else np.argmin
            factor[start + int(pick(thr[start:end]))] = 1.0
    weight_total = np.add.reduceat(layout.ind_weight, layout.thr_start)[threat_of_group]
    rows = []
    for g, ind_idx in enumerate(layout.ind_indicator):
        ind = profile.indicators[ind_idx]
        t = threat_of_group[g]
        share = float(layout.ind_weight[g] / weight_total[g])
        value = float(ev.indicators[g])
        rows.append(
            Contribution(
                indicator=ind.id,
                label=ind.label,
                pillar=ind.pillar,
                threat=ind.threat,
                members=members_of[g],
                value=value,
                share=share,
                contribution=float(factor[t] * share * value),
            )
        )
    return tuple(rows)
