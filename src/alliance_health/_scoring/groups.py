"""Groups of a layout: building them from a selection, and asking for them by name.

A layout's arrays say which slots form an indicator group, which groups a threat, which threats a
pillar. :class:`GroupQueries` answers "which members, indicator, threat and pillar for this group"
so that callers never decode the index arrays themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._domain.observation import Observation
from alliance_health._domain.pillar import PILLARS, Pillar
from alliance_health._domain.profile import Profile
from alliance_health._errors import InsufficientDataError
from alliance_health._scoring.select import (
    STALE_RATE,
    Coverage,
    CoverageByPillar,
    CoverageTable,
    Selection,
    membership,
)

__all__ = ["GroupQueries", "IndicatorGroup", "ThreatGroup", "build_groups"]

IntArray = npt.NDArray[np.intp]
STATUS: Final = ("observed", "carried", "unobserved")


@attrs.frozen(kw_only=True)
class IndicatorGroup:
    """One indicator in one year of a layout.

    ``status`` is ``"observed"`` (a valid observation: it enters the as-coded score),
    ``"carried"`` (only observations past their horizon, which the Monte Carlo carries forward) or
    ``"unobserved"`` (nothing). ``members`` are the members whose observations the group holds,
    ``member_count`` the members of the alliance that year (1 for an alliance-level indicator).

    Examples
    --------
    >>> import alliance_health as ah
    >>> layout = ah.build_layout(ah.testing.minimal_profile(), [2006])
    >>> g = layout.groups()[0]
    >>> g.indicator, g.status, g.members, g.member_count, g.threat
    ('threat-public', 'observed', ('AAA', 'BBB'), 2, 'rival')
    """

    index: int
    year: int
    indicator: str
    pillar: Pillar
    threat: str | None
    weight: float
    status: str
    members: tuple[str, ...]
    member_count: int
    member_level: bool
    observations: tuple[Observation, ...]
    ages: tuple[int, ...]

    @property
    def observed(self) -> bool:
        """Whether the group enters the as-coded score."""
        return self.status == "observed"


@attrs.frozen(kw_only=True)
class ThreatGroup:
    """The indicator groups of one threat (or one pillar outside shared threat) in one year.

    Examples
    --------
    >>> import alliance_health as ah
    >>> layout = ah.build_layout(ah.testing.minimal_profile(), [2006])
    >>> [(t.pillar.value, t.threat, t.groups) for t in layout.threat_groups()]
    [('shared_threat', 'rival', (0,)), ('mutual_obligation', None, (1,)),
     ('consultation', None, (2,))]
    """

    index: int
    year: int
    pillar: Pillar
    threat: str | None
    groups: tuple[int, ...]


class GroupQueries:
    """Named queries over a :class:`~alliance_health._scoring.engine.Layout`'s groups."""

    __slots__ = ()
    if TYPE_CHECKING:  # the fields of Layout that the queries read
        profile: Profile
        years: npt.NDArray[np.int64]
        slot_obs: IntArray
        slot_age: IntArray
        slot_stale: IntArray
        grp_year: IntArray
        grp_indicator: IntArray
        grp_pillar: IntArray
        grp_status: IntArray
        grp_start: IntArray
        grp_count: IntArray
        grp_members: IntArray
        member_level: npt.NDArray[np.bool_]
        thr_start: IntArray
        thr_threat: IntArray
        cov_share: npt.NDArray[np.float64]
        cov_age: IntArray

        @property
        def all_observations(self) -> tuple[Observation, ...]: ...

    def year_index(self, year: int) -> int:
        """Position of ``year`` among the layout's years."""
        hits = np.flatnonzero(self.years == year)
        if hits.size == 0:
            msg = f"year {year} is not in this layout ({self.years.tolist()})"
            raise InsufficientDataError(msg)
        return int(hits[0])

    def group(self, index: int) -> IndicatorGroup:
        """The indicator group at ``index``."""
        start, count = int(self.grp_start[index]), int(self.grp_count[index])
        slots = range(start, start + count)
        ind = self.profile.indicators[int(self.grp_indicator[index])]
        obs = tuple(self.all_observations[int(self.slot_obs[k])] for k in slots)
        return IndicatorGroup(
            index=index,
            year=int(self.years[self.grp_year[index]]),
            indicator=ind.id,
            pillar=ind.pillar,
            threat=ind.threat,
            weight=ind.weight,
            status=STATUS[int(self.grp_status[index])],
            members=tuple(o.member for o in obs if o.member is not None),
            member_count=int(self.grp_members[index]),
            member_level=bool(self.member_level[int(self.grp_indicator[index])]),
            observations=obs,
            ages=tuple(int(self.slot_age[k]) for k in slots),
        )

    def groups(self) -> tuple[IndicatorGroup, ...]:
        """Every indicator group, in layout order (year, pillar, threat, indicator)."""
        return tuple(self.group(g) for g in range(self.grp_indicator.size))

    def indicator_groups(self, year: int) -> tuple[IndicatorGroup, ...]:
        """The indicator groups of one year."""
        y = self.year_index(year)
        return tuple(self.group(int(g)) for g in np.flatnonzero(self.grp_year == y))

    def members_of(self, group: IndicatorGroup | int) -> tuple[str, ...]:
        """The members whose observations ``group`` holds (empty for an alliance-level value)."""
        return self.group(_index(group)).members

    def threat_of(self, group: IndicatorGroup | int) -> str | None:
        """The threat of ``group`` (None outside the shared-threat pillar)."""
        return self.profile.indicators[int(self.grp_indicator[_index(group)])].threat

    def pillar_of(self, group: IndicatorGroup | int) -> Pillar:
        """The pillar of ``group``."""
        return PILLARS[int(self.grp_pillar[_index(group)])]

    def threat_index(self, group: IndicatorGroup | int) -> int:
        """Position of ``group``'s threat segment in ``Evaluation.threats``."""
        return int(np.searchsorted(self.thr_start, _index(group), "right")) - 1

    def threat_groups(self, year: int | None = None) -> tuple[ThreatGroup, ...]:
        """The threat segments (one per threat, or per pillar outside shared threat)."""
        ends = np.append(self.thr_start[1:], self.grp_indicator.size)
        out = []
        for t, (start, end) in enumerate(zip(self.thr_start, ends, strict=True)):
            y = int(self.years[self.grp_year[start]])
            if year is not None and y != year:
                continue
            thr = int(self.thr_threat[t])
            out.append(
                ThreatGroup(
                    index=t,
                    year=y,
                    pillar=PILLARS[int(self.grp_pillar[start])],
                    threat=None if thr < 0 else self.profile.threats[thr],
                    groups=tuple(range(int(start), int(end))),
                )
            )
        return tuple(out)

    def coverage_at(self, year: int) -> CoverageByPillar:
        """What each pillar's score rests on in ``year`` (:class:`Coverage` records)."""
        y = self.year_index(year)
        members = self.profile.members_in(year)
        records = []
        for k, pillar in enumerate(PILLARS):
            mine = [
                self.group(int(g))
                for g in np.flatnonzero((self.grp_year == y) & (self.grp_pillar == k))
            ]
            records.append(
                Coverage(
                    pillar=pillar,
                    year=year,
                    observed_weight_share=float(self.cov_share[y, k]),
                    members=members,
                    members_covered=MappingProxyType(
                        {g.indicator: g.members for g in mine if g.observed and g.member_level}
                    ),
                    oldest_age=int(self.cov_age[y, k]),
                    missing=tuple(g.indicator for g in mine if not g.observed),
                )
            )
        return CoverageByPillar(records)

    def coverage_table(self) -> CoverageTable:
        """Coverage of every year and pillar (arrays, and records on demand)."""
        return CoverageTable(
            years=self.years,
            observed_share=self.cov_share,
            oldest_age=self.cov_age,
            at_year=self.coverage_at,
        )


def _index(group: IndicatorGroup | int) -> int:
    return group.index if isinstance(group, IndicatorGroup) else int(group)


def _run_starts(*keys: IntArray) -> IntArray:
    """Indices where any of the (sorted) key arrays changes value: the starts of runs."""
    change = np.zeros(keys[0].size, dtype=bool)
    if keys[0].size:
        change[0] = True
    for k in keys:
        change[1:] |= k[1:] != k[:-1]
    return np.flatnonzero(change).astype(np.intp)


def build_groups(
    profile: Profile,
    sel: Selection,
    require: Callable[[Profile, npt.NDArray[np.int64], Any], None],
) -> dict[str, Any]:
    """The fields of a :class:`~alliance_health._scoring.engine.Layout` from a selection.

    Every declared indicator in scope gets a group (observed, carried or unobserved); its slots
    are its valid observations if it has any, else its carried ones. ``require`` raises for a
    (year, pillar) without a valid observation.
    """
    inds = profile.indicators
    pillar_of = np.array([PILLARS.index(i.pillar) for i in inds], dtype=np.intp)
    threat_of = np.array([profile.threats.index(i.threat) if i.threat else -1 for i in inds])
    status, in_scope = _status(profile, sel, pillar_of, threat_of)
    present = np.zeros((sel.years.size, len(PILLARS)), dtype=bool)
    yy, ii = np.nonzero(status == 0)
    present[yy, pillar_of[ii]] = True
    require(profile, sel.years, present)
    gy, gi = np.nonzero(in_scope)
    order = np.lexsort((gi, threat_of[gi], pillar_of[gi], gy))
    gy, gi = gy[order].astype(np.intp), gi[order].astype(np.intp)
    table = np.full(in_scope.shape, -1, dtype=np.intp)
    table[gy, gi] = np.arange(gy.size)
    slots = _slots(profile, sel, table, status)
    grp_count = np.bincount(slots["slot_group"], minlength=gy.size).astype(np.intp)
    weight = np.array([i.weight for i in inds], dtype=np.float64)[gi]
    member_level = np.zeros(len(inds), dtype=bool)
    index = {i.id: k for k, i in enumerate(inds)}
    member_level[[index[o.indicator] for o in profile.observations if o.member]] = True
    thr_start = _run_starts(gy, pillar_of[gi], threat_of[gi])
    coverage = _coverage(
        sel,
        slots.pop("pick"),
        group_year=gy,
        group_pillar=pillar_of[gi],
        weight=weight,
        observed=status[gy, gi] == 0,
        pillar_of=pillar_of,
    )
    return (
        slots
        | coverage
        | {
            "years": sel.years,
            "grp_year": gy,
            "grp_indicator": gi,
            "grp_pillar": pillar_of[gi],
            "grp_weight": weight,
            "grp_status": status[gy, gi].astype(np.intp),
            "grp_start": (np.cumsum(grp_count) - grp_count).astype(np.intp),
            "grp_count": grp_count,
            "grp_members": np.where(member_level[gi], _members_per_year(profile, sel)[gy], 1),
            "member_level": member_level,
            "thr_start": thr_start,
            "thr_threat": threat_of[gi[thr_start]].astype(np.intp),
            "pil_start": _run_starts(gy[thr_start], pillar_of[gi[thr_start]]),
        }
    )


def _status(
    profile: Profile, sel: Selection, pillar_of: IntArray, threat_of: IntArray
) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    """Status (Y, I) of every (year, indicator) (0 observed, 1 carried, 2 none) and its scope.

    A shared-threat indicator is in scope in the years some indicator of its threat is observed;
    the others always are.
    """
    counts = np.zeros((2, sel.years.size, len(profile.indicators)), dtype=np.intp)
    np.add.at(counts, (1 - sel.valid.astype(np.intp), sel.year, sel.indicator), 1)
    status = np.where(counts[0] > 0, 0, np.where(counts[1] > 0, 1, 2)).astype(np.intp)
    shared = pillar_of == 0
    seen = np.zeros((sel.years.size, max(len(profile.threats), 1)), dtype=bool)
    yy, ii = np.nonzero((status == 0) & shared)
    seen[yy, threat_of[ii]] = True
    return status, ~shared | seen[:, np.maximum(threat_of, 0)]


def _slots(profile: Profile, sel: Selection, table: IntArray, status: IntArray) -> dict[str, Any]:
    """The slots kept (valid rows of observed groups, carried rows of carried ones), in order."""
    slot_group = table[sel.year, sel.indicator]
    st = status[sel.year, sel.indicator]
    keep = (slot_group >= 0) & np.where(sel.valid, st == 0, st == 1)
    pick = np.flatnonzero(keep)[np.lexsort((sel.rank[keep], slot_group[keep]))]
    valid_ids = np.unique(sel.obs[pick][sel.valid[pick]])
    ids = np.concatenate([valid_ids, np.setdiff1d(sel.obs[pick], valid_ids)])
    position = np.full(len(profile.observations), -1, dtype=np.intp)
    position[ids] = np.arange(ids.size)
    used = [profile.observations[k] for k in ids]
    inds = [profile.indicator(o.indicator) for o in used]
    scales = np.array([i.scale for i in inds], dtype=np.float64).reshape(-1, 2)
    return {
        "pick": pick,
        "observations": tuple(used[: valid_ids.size]),
        "carried": tuple(used[valid_ids.size :]),
        "scale_lo": scales[:, 0],
        "scale_hi": scales[:, 1],
        "flip": np.array([not i.higher_is_better for i in inds], dtype=bool),
        "slot_obs": position[sel.obs[pick]],
        "slot_year": sel.year[pick],
        "slot_group": slot_group[pick],
        "slot_age": sel.age[pick],
        "slot_stale": sel.stale[pick],
    }


def _coverage(
    sel: Selection,
    pick: IntArray,
    *,
    group_year: IntArray,
    group_pillar: IntArray,
    weight: npt.NDArray[np.float64],
    observed: npt.NDArray[np.bool_],
    pillar_of: IntArray,
) -> dict[str, Any]:
    """Per (year, pillar): the share of declared weight observed, the oldest observation used."""
    shape = (sel.years.size, len(PILLARS))
    declared, seen = np.zeros(shape), np.zeros(shape)
    np.add.at(declared, (group_year, group_pillar), weight)
    np.add.at(seen, (group_year, group_pillar), weight * observed)
    oldest = np.zeros(shape, dtype=np.intp)
    used = pick[sel.valid[pick]]
    np.maximum.at(oldest, (sel.year[used], pillar_of[sel.indicator[used]]), sel.age[used])
    return {"cov_share": seen / np.where(declared > 0, declared, 1.0), "cov_age": oldest}


def _members_per_year(profile: Profile, sel: Selection) -> IntArray:
    """The number of members in each year of the selection."""
    inside = np.array([membership(m, sel.years) for m in profile.members], dtype=np.intp)
    out: IntArray = inside.reshape(len(profile.members), sel.years.size).sum(axis=0)
    return out


def stale_width(layout: GroupQueries) -> npt.NDArray[np.float64]:
    """Per slot, the share of the scale by which the Monte Carlo widens each side of its range."""
    out: npt.NDArray[np.float64] = STALE_RATE * layout.slot_stale.astype(np.float64)
    return out
