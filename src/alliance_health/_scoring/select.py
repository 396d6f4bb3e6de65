"""Selection: which observation serves which year, how old it is, and what a year's data cover.

DESIGN section 3, step 1, with the rules of "Missing and stale data" in the methods:

- An observation of year ``y`` of an indicator with horizon ``h`` serves ``y`` to ``y + h``; one
  without a horizon serves until superseded, but never more than :data:`HORIZONLESS_MARGIN` years
  after the profile's last observation, so that nothing is scored far beyond the data.
- An observation serving a later year than its own is *stale*: in the Monte Carlo its range
  widens by :data:`STALE_RATE` of the indicator's scale on each side per year of age (for an
  indicator without a horizon, per year beyond the profile's last observation: within the data a
  coding "until superseded" is the coder's statement that nothing changed).
- After its horizon an observation no longer serves the score; it is *carried* forward only as
  the Monte Carlo's best knowledge of an indicator that has no valid observation that year,
  widened for its whole age.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._domain.member import Member
from alliance_health._domain.pillar import PILLARS, Pillar, to_pillar
from alliance_health._domain.profile import Profile
from alliance_health._errors import CoverageWarning, InsufficientDataError, ValidationError

__all__ = [
    "HORIZONLESS_MARGIN",
    "STALE_RATE",
    "Coverage",
    "CoverageTable",
    "Selection",
    "check_years",
    "keep_years",
    "select",
]

IntArray = npt.NDArray[np.intp]

STALE_RATE: Final = 0.02
"""Share of an indicator's scale by which a stale observation's range widens, per side and year.

Ten years of age add 0.2 of the scale on each side; 25 years cover any scale. A judgement about
how fast the things measured here move (opinion, force levels, consultation practice) when nobody
looks, not an estimate: set out so that a reader who disagrees can see what it does.
"""
HORIZONLESS_MARGIN: Final = 5
"""Years after a profile's last observation that an observation without a horizon still serves."""


def check_years(profile: Profile, years: Sequence[int] | npt.ArrayLike) -> npt.NDArray[np.int64]:
    """Validate requested years: whole numbers from 1 to 9999, unique, not before the founding."""
    arr = _validate.check_years(years)
    early = arr[arr < profile.founded]
    if early.size:
        msg = (
            f"year {int(early[0])} is before {profile.name!r} was founded ({profile.founded});"
            f" ask for {profile.founded} or later"
        )
        raise InsufficientDataError(msg)
    return arr


def membership(member: Member, years: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Whether ``member`` belongs to the alliance in each of ``years`` (every span it was in)."""
    inside = np.zeros(years.shape, dtype=np.bool_)
    for joined, left in member.spans:
        inside |= (years >= joined) & (years <= (years.max() if left is None else left))
    return inside


@attrs.frozen(kw_only=True, eq=False)
class Selection:
    """One row per (year, indicator, member) served: by a valid observation, or carried forward.

    ``year``, ``indicator`` and ``obs`` index ``years``, ``profile.indicators`` and
    ``profile.observations``; ``rank`` is the member's position in ``profile.members`` (-1 for an
    alliance-level value); ``valid`` is False for an observation past its horizon, carried
    forward; ``age`` is year minus the observation's year and ``stale`` the age the Monte Carlo
    widens it by (see the module notes).
    """

    years: npt.NDArray[np.int64]
    year: IntArray
    indicator: IntArray
    rank: IntArray
    obs: IntArray
    valid: npt.NDArray[np.bool_]
    age: IntArray
    stale: IntArray


def keep_years(sel: Selection, keep: npt.NDArray[np.bool_]) -> Selection:
    """The rows of ``sel`` in the years marked by ``keep``, without selecting again."""
    new_index = np.cumsum(keep) - 1
    rows = keep[sel.year]
    return Selection(
        years=sel.years[keep],
        year=new_index[sel.year[rows]].astype(np.intp),
        indicator=sel.indicator[rows],
        rank=sel.rank[rows],
        obs=sel.obs[rows],
        valid=sel.valid[rows],
        age=sel.age[rows],
        stale=sel.stale[rows],
    )


def select(profile: Profile, years: npt.NDArray[np.int64]) -> Selection:
    """For each (indicator, member) series, the latest observation of each year (module notes).

    The loop runs over series, never over years: each series is searched for all years at once.
    """
    series: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for k, obs in enumerate(profile.observations):
        series[(obs.indicator, obs.member)].append(k)
    ind_index = {ind.id: i for i, ind in enumerate(profile.indicators)}
    member_rank = {m.code: r for r, m in enumerate(profile.members)}
    last = profile.years[1] if profile.years else int(years.max())
    cols: list[list[IntArray]] = [[] for _ in range(7)]
    for (ind_id, member), idx in series.items():
        order = np.array(sorted(idx, key=lambda k: profile.observations[k].year), dtype=np.intp)
        obs_years = np.array([profile.observations[k].year for k in order])
        pos = np.searchsorted(obs_years, years, side="right") - 1
        age = years - obs_years[np.maximum(pos, 0)]
        horizon = profile.indicator(ind_id).horizon
        if horizon is None:
            valid = (pos >= 0) & (years <= last + HORIZONLESS_MARGIN)
            carried = np.zeros_like(valid)
            stale = np.maximum(years - last, 0)
        else:
            valid = (pos >= 0) & (age <= horizon)
            carried = (pos >= 0) & ~valid
            stale = age
        rank = -1
        if member is not None:
            belongs = membership(profile.member(member), years)
            valid, carried, rank = valid & belongs, carried & belongs, member_rank[member]
        hit = np.flatnonzero(valid | carried)
        for col, value in zip(
            cols,
            (
                hit,
                np.full(hit.size, ind_index[ind_id]),
                np.full(hit.size, rank),
                order[pos[hit]],
                valid[hit],
                age[hit],
                stale[hit],
            ),
            strict=True,
        ):
            col.append(np.asarray(value, dtype=np.intp))
    year, indicator, rank_, obs_idx, valid_, age_, stale_ = (
        np.concatenate(c) if c else np.empty(0, dtype=np.intp) for c in cols
    )
    return Selection(
        years=years,
        year=year,
        indicator=indicator,
        rank=rank_,
        obs=obs_idx,
        valid=valid_.astype(bool),
        age=age_,
        stale=stale_,
    )


@attrs.frozen(kw_only=True)
class Coverage:
    """What one pillar's score rests on in one year.

    Attributes
    ----------
    pillar : Pillar
        The pillar.
    year : int
        The year.
    observed_weight_share : float
        Share of the pillar's declared indicator weight with a valid observation that year (in the
        shared-threat pillar, the indicators of the threats observed that year).
    members : tuple of str
        The members of the alliance that year.
    members_covered : Mapping[str, tuple[str, ...]]
        For each member-level indicator with a valid observation, the members it covers.
    oldest_age : int
        Age in years of the oldest observation used (0: all from the year itself).
    missing : tuple of str
        The declared indicators with no valid observation that year.

    Examples
    --------
    >>> import alliance_health as ah
    >>> cov = ah.score(ah.testing.minimal_profile(), 2006).coverage["shared_threat"]
    >>> cov.observed_weight_share, cov.members_covered["threat-public"], cov.oldest_age
    (1.0, ('AAA', 'BBB'), 0)
    """

    pillar: Pillar
    year: int
    observed_weight_share: float
    members: tuple[str, ...]
    members_covered: Mapping[str, tuple[str, ...]]
    oldest_age: int
    missing: tuple[str, ...]

    def __str__(self) -> str:
        parts = [f"{self.observed_weight_share:.0%} of the weight observed"]
        n = len(self.members)
        parts += [
            f"{i} {len(m)}/{n} members" for i, m in self.members_covered.items() if len(m) < n
        ]
        if self.missing:
            parts.append("missing " + ", ".join(self.missing))
        parts.append(f"oldest {self.oldest_age} y")
        return "; ".join(parts)


class CoverageByPillar(Mapping[Pillar, Coverage]):
    """A :class:`Coverage` for each pillar, looked up by :class:`Pillar` or its name.

    Looking up an indicator id (the ``Score.coverage[indicator]`` of version 0.1, which gave the
    members covered) still works, with a ``DeprecationWarning`` naming the new spelling.
    """

    def __init__(self, records: Sequence[Coverage]) -> None:
        self._records = {c.pillar: c for c in records}

    def __getitem__(self, key: object) -> Coverage:
        if isinstance(key, Pillar | str):
            try:
                return self._records[to_pillar(key)]
            except ValidationError:
                pass
        for cov in self._records.values():
            if isinstance(key, str) and key in cov.members_covered:
                msg = (
                    f"Score.coverage[{key!r}] is deprecated; use"
                    f" Score.coverage[{cov.pillar.value!r}].members_covered[{key!r}]"
                )
                warnings.warn(msg, DeprecationWarning, stacklevel=2)
                return cov.members_covered[key]  # type: ignore[return-value]  # deprecated
        raise KeyError(key)

    def __iter__(self) -> Iterator[Pillar]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __repr__(self) -> str:
        return "{" + ", ".join(f"{p.value!r}: <{c}>" for p, c in self._records.items()) + "}"


@attrs.frozen(kw_only=True, eq=False)
class CoverageTable:
    """Coverage of every year and pillar of a multi-year result, as arrays and records.

    ``observed_share`` and ``oldest_age`` have shape (Y, 3), pillars in :class:`Pillar` order;
    :meth:`at` gives one year's :class:`Coverage` records.
    """

    years: npt.NDArray[np.int64]
    observed_share: npt.NDArray[np.float64]
    oldest_age: IntArray
    at_year: Callable[[int], CoverageByPillar] = attrs.field(repr=False)

    def at(self, year: int) -> CoverageByPillar:
        """The coverage of each pillar in ``year``."""
        return self.at_year(year)

    def thin(self, threshold: float) -> list[Coverage]:
        """The records whose observed weight share is below ``threshold``, year by year."""
        cells = np.argwhere(self.observed_share < threshold)
        return [self.at(int(self.years[y]))[PILLARS[k]] for y, k in cells]


def thin_message(name: str, thin: Sequence[Coverage], threshold: float) -> str:
    """The text of a :class:`~alliance_health.CoverageWarning`: pillars, years, indicators."""
    runs: dict[tuple[Pillar, tuple[str, ...]], list[int]] = defaultdict(list)
    for c in thin:
        runs[(c.pillar, c.missing)].append(c.year)
    parts = []
    for (pillar, missing), years in runs.items():
        spans, start = [], years[0]
        for a, b in zip(years, [*years[1:], None], strict=True):
            if b != a + 1:
                spans.append(str(a) if a == start else f"{start}-{a}")
                start = b  # type: ignore[assignment]
        parts.append(f"{pillar.label} in {', '.join(spans)} (missing {', '.join(missing)})")
    return (
        f"{name}: less than {threshold:g} of the declared indicator weight is observed in "
        + "; ".join(parts)
        + ". The as-coded score re-weights the observed indicators; the Monte Carlo draws the"
        " missing ones, so the interval, not the point, shows the gap (Model.coverage_threshold"
        " sets the threshold)"
    )


def warn_thin(table: CoverageTable, threshold: float, name: str, *, stacklevel: int = 3) -> None:
    """Issue one :class:`~alliance_health.CoverageWarning` for the thin cells of ``table``."""
    if not (table.observed_share < threshold).any():
        return
    msg = thin_message(name, table.thin(threshold), threshold)
    warnings.warn(msg, CoverageWarning, stacklevel=stacklevel)
