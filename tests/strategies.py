"""Hypothesis strategies shared by the test modules: random valid profiles and models.

``profiles()`` builds a :class:`Profile` that passes every whole-profile rule: 2-5 members, 1-3
shared-threat indicators naming 1-3 threats and 1-2 indicators in each other pillar, with random
scales, directions, weights and horizons, alliance-level and per-member observations with ``Exact``,
``Survey`` (only on 0-100 indicators) or ``Range`` (always inside the scale) uncertainty.

Every generated profile is scorable in every year from ``founded`` on: the first member joins at
the founding and never leaves, and the first indicator of each pillar has no horizon and is
observed in the founding year (for the alliance or for that first member). The other indicators
and members are free, so selection by horizon and by membership is still exercised.

Append new strategies at the end of this file; other test modules import from it.
"""

from __future__ import annotations

import math
from typing import Any

import attrs
from hypothesis import strategies as st

from alliance_health import (
    Exact,
    Indicator,
    Member,
    Model,
    Observation,
    Pillar,
    Profile,
    Range,
    Source,
    Survey,
    Uncertainty,
)
from alliance_health._scoring.select import HORIZONLESS_MARGIN

__all__ = [
    "CODES",
    "SPAN",
    "model_p",
    "models",
    "new_value",
    "profiles",
    "scorable_years",
    "with_value",
    "with_values",
]

CODES = ("AAA", "BBB", "CCC", "DDD", "EEE", "FFF")
"""Member codes (any three capitals pass the ISO 3166 alpha-3 format check)."""

SPAN = 15
"""Observations fall in ``founded .. founded + SPAN``."""

_SCALES = ((0.0, 100.0), (0.0, 1.0), (0.0, 4.0), (-3.0, 3.0), (1.0, 7.0), (10.0, 250.0))
_THREATS = ("rival-a", "rival-b", "rival-c")
_SOURCES = (
    Source(key="data", title="A dataset", kind="dataset"),
    Source(key="poll", title="A survey", kind="survey"),
    Source(key="coding", title="An expert coding", kind="expert-coding"),
)
_NOTE = "generated for a property test"


def _scale() -> st.SearchStrategy[tuple[float, float]]:
    drawn = st.tuples(
        st.floats(-50, 50, allow_nan=False), st.floats(0.5, 100, allow_nan=False)
    ).map(lambda t: (t[0], t[0] + t[1]))
    return st.one_of(st.sampled_from(_SCALES), drawn)


def _on_scale(scale: tuple[float, float], u: float) -> float:
    lo, hi = scale
    return min(max(lo + u * (hi - lo), lo), hi)


@st.composite
def _members(draw: st.DrawFn, founded: int) -> tuple[Member, ...]:
    n = draw(st.integers(2, 5))
    codes = draw(st.permutations(CODES))[:n]
    members = [Member(code=codes[0], joined=founded)]  # the anchor: always a member
    for code in codes[1:]:
        joined = draw(st.integers(founded, founded + SPAN - 5))
        left = draw(st.none() | st.integers(joined, founded + SPAN))
        members.append(Member(code=code, joined=joined, left=left))
    return tuple(members)


@st.composite
def _indicators(draw: st.DrawFn) -> tuple[Indicator, ...]:
    threats = _THREATS[: draw(st.integers(1, 3))]
    out = []
    for pillar in Pillar:
        for k in range(draw(st.integers(1, 3 if pillar is Pillar.SHARED_THREAT else 2))):
            anchor = k == 0
            threat = None
            if pillar is Pillar.SHARED_THREAT:
                threat = threats[0] if anchor else draw(st.sampled_from(threats))
            out.append(
                Indicator(
                    id=f"{pillar.value}-{k}",
                    pillar=pillar,
                    label=f"{pillar.label} {k}",
                    scale=draw(_scale()),
                    higher_is_better=draw(st.booleans()),
                    threat=threat,
                    horizon=None if anchor else draw(st.none() | st.integers(0, 5)),
                    weight=draw(st.floats(0.1, 5.0)),
                )
            )
    return tuple(out)


@st.composite
def _observation(draw: st.DrawFn, ind: Indicator, year: int, member: str | None) -> Observation:
    value = _on_scale(ind.scale, draw(st.floats(0, 1)))
    kinds = ["exact", "range"] + (["survey"] if ind.scale == (0.0, 100.0) else [])
    kind = draw(st.sampled_from(kinds))
    unc: Uncertainty = Exact()
    source = "data"
    if kind == "survey":
        unc, source = Survey(n=draw(st.integers(1, 3000))), "poll"
    elif kind == "range":
        lo, hi = ind.scale
        a, b = draw(st.floats(0, 1)), draw(st.floats(0, 1))
        unc = Range(max(lo, value - a * (value - lo)), min(hi, value + b * (hi - value)))
        source = draw(st.sampled_from(["coding", "data"]))
    return Observation(
        indicator=ind.id,
        year=year,
        value=value,
        member=member,
        source=source,
        uncertainty=unc,
        note=_NOTE,
    )


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    """A random valid profile, scorable in every year from its founding on (see module doc)."""
    founded = draw(st.integers(1950, 2000))
    members = draw(_members(founded))
    indicators = draw(_indicators())
    anchors = {ind.id for ind in indicators if ind.id.endswith("-0")}
    observations = []
    for ind in indicators:
        per_member = draw(st.booleans())
        for entity in members if per_member else (None,):
            first = founded if entity is None else entity.joined
            last = founded + SPAN if entity is None or entity.left is None else entity.left
            years = set(draw(st.lists(st.integers(first, last), max_size=3)))
            if ind.id in anchors and entity in (None, members[0]):
                years.add(founded)
            code = None if entity is None else entity.code
            observations += [draw(_observation(ind, y, code)) for y in sorted(years)]
    return Profile(
        id="generated",
        name="Generated alliance",
        founded=founded,
        members=members,
        sources=_SOURCES,
        indicators=indicators,
        observations=observations,
    )


def scorable_years(profile: Profile) -> st.SearchStrategy[int]:
    """A year in which ``profile`` (from :func:`profiles`) can be scored.

    Up to five years past the span, but not past what its data serve: an observation without a
    horizon serves at most ``HORIZONLESS_MARGIN`` years after the profile's last observation.
    """
    span = profile.years
    last = profile.founded if span is None else span[1]
    return st.integers(profile.founded, min(profile.founded + SPAN + 5, last + HORIZONLESS_MARGIN))


def model_p() -> st.SearchStrategy[float]:
    """An exponent of the pillar power mean: -inf, negative, 0 or positive."""
    return st.one_of(
        st.just(-math.inf),
        st.floats(-20, -0.01),
        st.just(0.0),
        st.floats(0.01, 20),
    )


@st.composite
def models(draw: st.DrawFn, p: st.SearchStrategy[float] | None = None) -> Model:
    """A random valid :class:`Model`: weights (some may be 0), p, member and threat rules."""
    weights = [draw(st.one_of(st.just(0.0), st.floats(0.05, 10.0))) for _ in range(3)]
    if not any(weights):  # weights must not all be zero: give one pillar a positive weight
        weights[draw(st.integers(0, 2))] = draw(st.floats(0.05, 10.0))
    rule = st.sampled_from(("min", "mean", "max"))
    return Model(
        weights=tuple(weights),
        p=draw(model_p() if p is None else p),
        member_rule=draw(st.tuples(rule, rule, rule)),
        threat_rule=draw(rule),
        coverage_threshold=0.0,  # generated profiles are thin by design; warnings tested apart
    )


def new_value(profile: Profile, k: int, u: float, *, better: bool) -> float:
    """A value for observation ``k`` moved a fraction ``u`` of the way to one end of its scale.

    ``better=True`` moves it toward the end that normalises to 1 (higher if higher is better).
    """
    obs = profile.observations[k]
    ind = profile.indicator(obs.indicator)
    lo, hi = ind.scale
    target = hi if ind.higher_is_better == better else lo
    if u == 1:
        return target  # exactly: v + (target - v) may miss it by a rounding error
    moved = obs.value + u * (target - obs.value)
    return min(max(moved, min(obs.value, target)), max(obs.value, target))


def with_value(profile: Profile, k: int, value: float) -> Profile:
    """``profile`` with observation ``k`` set to ``value`` (its range widened to the scale)."""
    return with_values(profile, {k: value})


def with_values(profile: Profile, values: dict[int, float]) -> Profile:
    """``profile`` with observations ``k`` set to ``values[k]`` (ranges widened to the scale)."""
    observations = list(profile.observations)
    for k, value in values.items():
        obs = observations[k]
        changes: dict[str, Any] = {"value": value}
        if isinstance(obs.uncertainty, Range):
            changes["uncertainty"] = Range(*profile.indicator(obs.indicator).scale)
        observations[k] = attrs.evolve(obs, **changes)
    return attrs.evolve(profile, observations=observations)
