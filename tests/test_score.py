"""``score``: hand-computed cases for every rule of DESIGN section 3, and its properties.

Each hand-computed case says where its rule comes from: the design's step, the OECD/JRC
*Handbook on Constructing Composite Indicators* (2008), or Sherwood-Randall (2006) as quoted in
Sneider (2006).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import alliance_health as ah
from alliance_health import (
    Indicator,
    InsufficientDataError,
    Member,
    Model,
    Observation,
    Pillar,
    Profile,
    Source,
    ValidationError,
    build_layout,
    evaluate,
    score,
)
from alliance_health._scoring.select import HORIZONLESS_MARGIN

from strategies import SPAN, models, new_value, profiles, scorable_years, with_value, with_values

SETTINGS = settings(max_examples=60, deadline=None)
ST, MO, CO = Pillar.SHARED_THREAT, Pillar.MUTUAL_OBLIGATION, Pillar.CONSULTATION
SRC = Source(key="s", title="Hand-made values for tests", kind="dataset")
MEMBERS = (
    Member(code="AAA", joined=2000),
    Member(code="BBB", joined=2000, left=2005),
    Member(code="CCC", joined=2003),
)


def indicator(id: str, pillar: Pillar, **kw: Any) -> Indicator:  # noqa: A002
    threat = kw.pop("threat", "rival" if pillar is ST else None)
    fields: dict[str, Any] = {"scale": (0, 1), "threat": threat} | kw
    return Indicator(id=id, pillar=pillar, label=id, **fields)


def o(ind: str, year: int, value: float, member: str | None = None) -> Observation:
    return Observation(indicator=ind, year=year, value=value, member=member, source="s")


def make(
    indicators: Sequence[Indicator], observations: Sequence[Observation], **kw: Any
) -> Profile:
    """A profile of the given indicators; pillars they leave empty get a constant 1 (a filler)."""
    covered = {i.pillar for i in indicators}
    fillers = [indicator(f"fill-{p.value}", p) for p in Pillar if p not in covered]
    fields: dict[str, Any] = {"founded": 2000, "members": MEMBERS} | kw
    return Profile(
        id="test",
        name="Test",
        sources=[SRC],
        indicators=[*indicators, *fillers],
        observations=[*observations, *(o(f.id, fields["founded"], 1.0) for f in fillers)],
        **fields,
    )


# -- step 1: selection --------------------------------------------------------------------------
SELECTION = make(
    [indicator("meet", CO, scale=(0, 4), horizon=2)],
    [o("meet", 2000, 4), o("meet", 2003, 2), o("meet", 2010, 1)],
)


@pytest.mark.parametrize(
    ("year", "expected", "age"),
    [
        (2000, 1.0, 0),  # 4 / 4
        (2001, 1.0, 1),
        (2002, 1.0, 2),  # y + h = 2002: inclusive end of the 2000 observation's validity
        (2003, 0.5, 0),  # the later observation supersedes: 2 / 4
        (2005, 0.5, 2),  # 2003 + 2, inclusive
        (2010, 0.25, 0),
        (2012, 0.25, 2),
    ],
)
def test_latest_observation_within_horizon(year, expected, age):
    # DESIGN section 3, step 1: "the latest observation with obs.year <= year that is still
    # within the indicator's horizon: an observation of year y with horizon h serves the years
    # y to y + h inclusive".
    s = score(SELECTION, year)
    assert s.consultation == expected
    assert s.health == pytest.approx(expected ** (1 / 3))  # fillers at 1, geometric mean
    (used,) = [u for u in s.used if u.observation.indicator == "meet"]
    assert used.age == age
    assert used.observation.year == year - age


@pytest.mark.parametrize("year", [2006, 2009, 2013])
def test_expired_observation_leaves_the_pillar_empty(year):
    # DESIGN section 3, step 7: no valid observation -> InsufficientDataError naming both.
    match = rf"no valid observation of the consultation pillar of 'Test' in {year}"
    with pytest.raises(InsufficientDataError, match=match) as info:
        score(SELECTION, year)
    assert isinstance(info.value, ValueError)


def test_horizon_zero_serves_only_its_own_year():
    p = make([indicator("meet", CO, horizon=0)], [o("meet", 2004, 0.5)])
    assert score(p, 2004).consultation == 0.5
    with pytest.raises(InsufficientDataError, match=r"consultation pillar of 'Test' in 2005"):
        score(p, 2005)


def test_horizon_none_holds_until_superseded():
    # DESIGN section 2: horizon None = "until superseded, e.g. a treaty clause".
    p = make([indicator("pledge", MO)], [o("pledge", 2000, 0.75), o("pledge", 2030, 0.25)])
    assert score(p, 2029).mutual_obligation == 0.75
    assert [u.age for u in score(p, 2029).used if u.observation.indicator == "pledge"] == [29]
    assert score(p, 2030).mutual_obligation == 0.25
    assert score(p, 2035).mutual_obligation == 0.25  # five years past the last observation
    with pytest.raises(InsufficientDataError, match=r"in 2036: its data end in 2030"):
        score(p, 2036)


def test_no_pillar_before_its_first_observation():
    p = make([indicator("pledge", MO)], [o("pledge", 2004, 1)])
    with pytest.raises(InsufficientDataError, match=r"mutual obligation pillar of 'Test' in 2003"):
        score(p, 2003)


def test_year_before_founding():
    # DESIGN section 3 (API): scores are given from the founding year on.
    match = r"year 1999 is before 'Test' was founded \(2000\); ask for 2000 or later"
    with pytest.raises(InsufficientDataError, match=match):
        score(SELECTION, 1999)


@pytest.mark.parametrize("year", [2002.0, "2002", [2002, 2002]])
def test_year_must_be_a_whole_number(year):
    with pytest.raises(ValidationError, match=r"year"):
        score(SELECTION, year)


def test_members_who_left_or_joined():
    # DESIGN section 3, step 1: "a per-member indicator combines the members that have a valid
    # observation that year"; DESIGN section 2: members observed are members that year. BBB left
    # after 2005 and CCC joined in 2003; observations without horizon stay valid for members only.
    p = make(
        [indicator("thr", ST, scale=(0, 100))],
        [o("thr", 2000, 80, "AAA"), o("thr", 2000, 20, "BBB"), o("thr", 2003, 50, "CCC")],
    )
    expected = {
        2002: (0.2, ("AAA", "BBB"), ("AAA", "BBB")),  # min(0.8, 0.2)
        2004: (0.2, ("AAA", "BBB", "CCC"), ("AAA", "BBB", "CCC")),  # min(0.8, 0.2, 0.5)
        2005: (0.2, ("AAA", "BBB", "CCC"), ("AAA", "BBB", "CCC")),  # 'left' is inclusive
        2006: (0.5, ("AAA", "CCC"), ("AAA", "CCC")),  # BBB gone: min(0.8, 0.5)
    }
    for year, (pillar, members, coverage) in expected.items():
        s = score(p, year)
        assert s.shared_threat == pytest.approx(pillar)
        assert s.members == members
        assert s.coverage[ST].members_covered == {"thr": coverage}


def test_coverage_reports_members_without_a_valid_observation():
    # DESIGN section 3, step 1: "the score reports that coverage". CCC is a member in 2004 but
    # has no observation: the indicator combines AAA and BBB only.
    p = make(
        [indicator("sup", MO, scale=(0, 10))], [o("sup", 2004, 2, "AAA"), o("sup", 2004, 6, "BBB")]
    )
    s = score(p, 2004)
    assert s.members == ("AAA", "BBB", "CCC")
    assert s.coverage[MO].members_covered == {"sup": ("AAA", "BBB")}
    assert s.coverage[MO].members == ("AAA", "BBB", "CCC")
    # two of three members observed: CCC is unknown, not 0 and not the others' mean; with more
    # than half observed the median of the absent-members rule is the observed mean(0.2, 0.6)
    assert s.mutual_obligation == pytest.approx(0.4)
    with pytest.warns(DeprecationWarning, match=r"coverage\['mutual_obligation'\].members_covered"):
        assert s.coverage["sup"] == ("AAA", "BBB")


# -- step 2: normalisation ----------------------------------------------------------------------
def test_normalisation_on_the_declared_scale():
    # DESIGN section 3, step 2; OECD/JRC Handbook 2008, step 5: min-max on fixed bounds, so a
    # single observation is not given an artificial 0 or 1 by the range of the data.
    p = make(
        [
            indicator("troops", MO, scale=(10, 250), higher_is_better=False),
            indicator("meet", CO, scale=(-2, 2)),
        ],
        [o("troops", 2000, 70), o("meet", 2000, 1)],
    )
    s = score(p, 2000)
    assert s.mutual_obligation == pytest.approx(1 - (70 - 10) / (250 - 10))  # 0.75, flipped
    assert s.consultation == pytest.approx((1 - -2) / (2 - -2))  # 0.75
    assert s.health == pytest.approx((1 * 0.75 * 0.75) ** (1 / 3))


# -- step 3: across members ---------------------------------------------------------------------
MEMBER_CASE = make(
    [indicator("sup", MO, scale=(0, 10)), indicator("thr", ST, scale=(0, 10))],
    [o("sup", 2002, 2, "AAA"), o("sup", 2002, 6, "BBB"), o("thr", 2002, 9, "AAA"),
     o("thr", 2002, 3, "BBB")],
)  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "mutual_obligation", "shared_threat"),
    [("min", 0.2, 0.3), ("mean", 0.4, 0.6), ("max", 0.6, 0.9)],
)
def test_member_rules(rule, mutual_obligation, shared_threat):
    # DESIGN section 3, step 3: Model.member_rule combines the members' normalised values.
    s = score(MEMBER_CASE, 2002, model=Model(member_rule=rule))
    assert s.mutual_obligation == pytest.approx(mutual_obligation)
    assert s.shared_threat == pytest.approx(shared_threat)


def test_default_member_rules():
    # DESIGN section 1: "shared" recognition is what the members hold in common, the
    # least-convinced member's (min) for shared threat; the mean elsewhere (section 3, step 3).
    s = score(MEMBER_CASE, 2002)
    assert s.shared_threat == pytest.approx(0.3)
    assert s.mutual_obligation == pytest.approx(0.4)
    mixed = score(MEMBER_CASE, 2002, model=Model(member_rule={"shared_threat": "mean"}))
    assert (mixed.shared_threat, mixed.mutual_obligation) == pytest.approx((0.6, 0.4))


# -- step 4: within a pillar (or threat) ----------------------------------------------------------
WEIGHTED = make(
    [indicator("a", CO, weight=1), indicator("b", CO, weight=3, horizon=1)],
    [o("a", 2000, 0.2), o("b", 2000, 0.6)],
)


def test_weighted_mean_inside_a_pillar():
    # DESIGN section 3, step 4; OECD/JRC Handbook 2008, step 7: compensation inside a pillar.
    s = score(WEIGHTED, 2000)
    assert s.consultation == pytest.approx((1 * 0.2 + 3 * 0.6) / 4)  # 0.5
    rows = {r.indicator: r for r in s.explain().by_pillar(CO)}
    assert rows["a"].share == pytest.approx(0.25)
    assert rows["b"].share == pytest.approx(0.75)
    assert rows["a"].contribution == pytest.approx(0.05)
    assert rows["b"].contribution == pytest.approx(0.45)
    assert rows["a"].members == ()


def test_weighted_mean_over_indicators_with_a_value_that_year():
    # DESIGN section 3, step 4: "of the indicators that have a value that year"; b expired after
    # 2001, so a carries the pillar alone (it is not averaged with a zero).
    assert score(WEIGHTED, 2001).consultation == pytest.approx(0.5)
    # a alone is 1 of the 4 declared weight units: less than Model.coverage_threshold (1/2)
    with pytest.warns(ah.CoverageWarning, match=r"consultation in 2002 \(missing b\)"):
        s = score(WEIGHTED, 2002)
    assert s.consultation == pytest.approx(0.2)
    rows = [(r.indicator, r.observed, r.share) for r in s.explain().by_pillar(CO)]
    assert rows == [("a", True, 1.0), ("b", False, 0.0)]
    assert s.coverage[CO].observed_weight_share == 0.25
    assert s.coverage[CO].missing == ("b",)
    silent = score(WEIGHTED, 2002, model=Model(coverage_threshold=0.25))  # 0.25 is not below
    assert silent.consultation == s.consultation


# -- step 5: across threats ---------------------------------------------------------------------
THREATS = make(
    [
        indicator("a1", ST, threat="old"),
        indicator("a2", ST, threat="old"),
        indicator("b1", ST, threat="new"),
    ],
    [o("a1", 2000, 0.2), o("a2", 2000, 0.4), o("b1", 2000, 0.9)],
)


@pytest.mark.parametrize(
    ("rule", "expected", "contributions"),
    [
        ("max", 0.9, {"a1": 0.0, "a2": 0.0, "b1": 0.9}),  # only the deciding threat contributes
        ("mean", 0.6, {"a1": 0.05, "a2": 0.1, "b1": 0.45}),  # (0.3 + 0.9) / 2
        ("min", 0.3, {"a1": 0.1, "a2": 0.2, "b1": 0.0}),  # threat 'old' = mean(0.2, 0.4)
    ],
)
def test_threat_rules(rule, expected, contributions):
    # DESIGN section 3, step 5: Model.threat_rule combines the per-threat weighted means.
    s = score(THREATS, 2000, model=Model(threat_rule=rule))
    assert s.shared_threat == pytest.approx(expected)
    got = {r.indicator: r.contribution for r in s.explain().by_pillar(ST)}
    assert got == pytest.approx(contributions)
    assert {r.indicator: r.threat for r in s.explain()}["b1"] == "new"


def test_redefinition_of_the_threat_keeps_the_pillar():
    # Sherwood-Randall (2006): "Alliances can survive a redefinition of the common threat ... but
    # not the absence of a threat." Default threat rule 'max' (DESIGN section 1): the old threat
    # fades to 0 while a new one is shared, and the pillar follows the new threat.
    p = make(
        [indicator("old", ST, threat="soviet-union"), indicator("new", ST, threat="terrorism")],
        [o("old", 2000, 0.9), o("new", 2000, 0.1), o("old", 2002, 0.0), o("new", 2002, 0.7)],
    )
    assert score(p, 2000).shared_threat == pytest.approx(0.9)
    assert score(p, 2002).shared_threat == pytest.approx(0.7)
    assert score(p, 2002).health > 0


# -- step 6: across pillars ---------------------------------------------------------------------
PILLARS = make(
    [indicator("t", ST), indicator("m", MO), indicator("c", CO)],
    [o("t", 2000, 0.25), o("m", 2000, 0.5), o("c", 2000, 1.0), o("t", 2001, 0.0)],
)


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        (Model(), (0.25 * 0.5 * 1.0) ** (1 / 3)),  # default p = 0: geometric, 0.5
        (Model(p=1), (0.25 + 0.5 + 1.0) / 3),  # arithmetic
        (Model(p=-1), 3 / (1 / 0.25 + 1 / 0.5 + 1 / 1.0)),  # harmonic, 3 / 7
        (Model(p=2), math.sqrt((0.25**2 + 0.5**2 + 1.0) / 3)),
        (Model(p=-math.inf), 0.25),  # weakest link
        (Model(p=1, weights=(2, 1, 1)), (2 * 0.25 + 0.5 + 1.0) / 4),  # 0.5
        (Model(p=0, weights=(2, 1, 1)), (0.25**2 * 0.5 * 1.0) ** (1 / 4)),
        (Model(p=0, weights={"consultation": 0}), math.sqrt(0.25 * 0.5)),
        (Model(p=-math.inf, weights=(0, 1, 1)), 0.5),  # a weightless pillar cannot be weakest
    ],
)
def test_power_mean_across_pillars(model, expected):
    # DESIGN section 3, step 6: M_p = (sum w_i x_i^p / sum w_i)^(1/p), p = 0 geometric (OECD/JRC
    # Handbook 2008, section 6.1 on geometric aggregation).
    s = score(PILLARS, 2000, model=model)
    assert (s.shared_threat, s.mutual_obligation, s.consultation) == (0.25, 0.5, 1.0)
    assert s.health == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("p", "expected"), [(-math.inf, 0.0), (-1, 0.0), (0, 0.0), (0.5, ((0.5**0.5 + 1) / 3) ** 2)]
)
def test_absence_of_a_threat(p, expected):
    # Sherwood-Randall (2006): alliances cannot survive "the absence of a threat"; DESIGN section
    # 3, step 6: with p <= 0 any pillar at 0 gives health 0. With p > 0 the others compensate.
    s = score(PILLARS, 2001, model=Model(p=p))
    assert s.shared_threat == 0.0
    assert s.weakest is ST
    assert s.health == pytest.approx(expected)


# -- the Score object ---------------------------------------------------------------------------
def test_score_object():
    s = score(PILLARS, 2000)
    assert s.profile_id == "test"
    assert s.year == 2000
    assert s.model == Model()
    assert dict(s.pillars) == {ST: 0.25, MO: 0.5, CO: 1.0}
    assert s.weakest is ST
    assert sorted((u.observation.indicator, u.age) for u in s.used) == [
        ("c", 0),
        ("m", 0),
        ("t", 0),
    ]
    assert {p: c.observed_weight_share for p, c in s.coverage.items()} == {ST: 1, MO: 1, CO: 1}
    assert all(not c.members_covered and not c.missing for c in s.coverage.values())
    assert repr(s) == (
        "Score('test', 2000, health=0.500, shared_threat=0.250, mutual_obligation=0.500,"
        " consultation=1.000)"
    )
    assert "<caption>test 2000: health 0.500</caption>" in s._repr_html_()
    table = repr(s.explain()).splitlines()
    header = ["pillar", "threat", "indicator", "label", "members", "covered", "age", "value"]
    assert table[1].split() == [*header, "share", "contribution"]
    assert len(table) == 3 + len(s.explain())
    assert table[3].startswith("shared_threat")


@pytest.mark.parametrize(
    ("values", "weakest"),
    [((1, 1, 1), ST), ((1, 0.5, 0.5), MO), ((0.9, 0.8, 0.1), CO), ((0.2, 0.2, 0.1), CO)],
)
def test_weakest_pillar_first_in_order_on_ties(values, weakest):
    p = make(
        [indicator("t", ST), indicator("m", MO), indicator("c", CO)],
        [o(k, 2000, v) for k, v in zip("tmc", values, strict=True)],
    )
    assert score(p, 2000).weakest is weakest


def test_minimal_profile_hand_computed():
    # testing.minimal_profile(): threat min(40, 25) / 100 = 0.25, pledge 3 / 3 = 1, meetings
    # 2 / 4 = 0.5 (its 2006 value, horizon 1); health (0.25 * 1 * 0.5) ** (1/3) = 0.5.
    s = score(ah.testing.minimal_profile(), 2006)
    assert (s.shared_threat, s.mutual_obligation, s.consultation) == (0.25, 1.0, 0.5)
    assert s.health == pytest.approx(0.5)
    assert {u.observation.indicator: u.age for u in s.used} == {
        "threat-public": 0,
        "pledge": 1,
        "meetings": 0,
    }
    assert s.coverage[ST].members_covered == {"threat-public": ("AAA", "BBB")}
    assert [s.coverage[q].oldest_age for q in Pillar] == [0, 1, 0]


# -- properties ---------------------------------------------------------------------------------
@st.composite
def scored(draw: st.DrawFn, model: st.SearchStrategy[Model] | None = None) -> tuple[Any, ...]:
    p = draw(profiles())
    return p, draw(scorable_years(p)), draw(models() if model is None else model)


@SETTINGS
@given(scored())
def test_scores_lie_in_the_unit_interval(case):
    p, year, model = case
    s = score(p, year, model=model)
    assert 0.0 <= s.health <= 1.0
    assert all(0.0 <= v <= 1.0 for v in s.pillars.values())


@SETTINGS
@given(scored())
def test_contributions_of_a_pillar_sum_to_the_pillar(case):
    p, year, model = case
    s = score(p, year, model=model)
    for pillar in Pillar:
        rows = s.explain().by_pillar(pillar)
        assert any(r.observed for r in rows)
        assert math.fsum(r.contribution for r in rows) == pytest.approx(
            s.pillars[pillar], rel=1e-9, abs=1e-12
        )
        seen = [r for r in rows if r.observed]
        assert all(0.0 <= r.value <= 1.0 and 0.0 < r.share <= 1.0 for r in seen)
        assert all(
            math.isnan(r.value) and r.share == r.contribution == 0 for r in rows if not r.observed
        )
        assert sorted(r.indicator for r in rows if not r.observed) == sorted(
            s.coverage[pillar].missing
        )


@SETTINGS
@given(scored())
def test_explain_orders_pillars_then_largest_contribution_first(case):
    # Score.explain's docstring: pillars in Pillar order, the largest contribution first in each.
    p, year, model = case
    s = score(p, year, model=model)
    rows = s.explain().rows
    assert sorted(rows, key=id) == sorted(s.contributions, key=id)
    keys = [(list(Pillar).index(r.pillar), -r.contribution) for r in rows]
    assert keys == sorted(keys)
    table = s.explain().table()
    assert table.column("threat") == tuple(r.threat for r in rows)
    assert table.column("contribution") == tuple(r.contribution for r in rows)


@SETTINGS
@given(scored())
def test_used_observations_are_the_latest_valid_ones(case):
    # DESIGN section 3, step 1, restated per (indicator, member) as a check of the selection.
    p, year, model = case
    s = score(p, year, model=model)
    expected = {}
    for obs in p.observations:
        ind = p.indicator(obs.indicator)
        in_horizon = ind.horizon is None or year - obs.year <= ind.horizon
        member_ok = obs.member is None or p.member(obs.member).is_member(year)
        key = (obs.indicator, obs.member)
        if (
            obs.year <= year
            and in_horizon
            and member_ok
            and (key not in expected or expected[key].year < obs.year)
        ):
            expected[key] = obs
    assert {u.observation for u in s.used} == set(expected.values())
    assert all(u.age == year - u.observation.year >= 0 for u in s.used)
    for cov in s.coverage.values():
        for ind_id, members in cov.members_covered.items():
            assert set(members) == {m for (i, m) in expected if i == ind_id}
            assert set(members) <= set(s.members)
        ages = [u.age for u in s.used if p.indicator(u.observation.indicator).pillar is cov.pillar]
        assert cov.oldest_age == max(ages)


@SETTINGS
@given(scored(), st.data())
def test_better_value_never_lowers_pillar_or_health(case, data):
    p, year, model = case
    k = data.draw(st.integers(0, len(p.observations) - 1))
    u = data.draw(st.floats(0, 1))
    better = with_value(p, k, new_value(p, k, u, better=True))
    pillar = p.indicator(p.observations[k].indicator).pillar
    before, after = score(p, year, model=model), score(better, year, model=model)
    assert after.pillars[pillar] >= before.pillars[pillar] - 1e-12
    assert after.health >= before.health - 1e-12
    for other in set(Pillar) - {pillar}:
        assert after.pillars[other] == before.pillars[other]


non_positive_p = st.one_of(st.just(-math.inf), st.floats(-20, -0.01), st.just(0.0))


@SETTINGS
@given(scored(model=models(p=non_positive_p)), st.data())
def test_pillar_at_zero_gives_health_zero_when_p_non_positive(case, data):
    # DESIGN section 3, step 6; Sherwood-Randall (2006): no alliance without a threat. A pillar
    # of weight 0 takes no part in the mean, so the zeroed pillar is one with a positive weight.
    p, year, model = case
    pillar = data.draw(
        st.sampled_from([q for q, w in zip(Pillar, model.weights, strict=True) if w])
    )
    worst = with_values(
        p,
        {
            k: new_value(p, k, 1.0, better=False)
            for k, obs in enumerate(p.observations)
            if p.indicator(obs.indicator).pillar is pillar
        },
    )
    s = score(worst, year, model=model)
    if s.pillars[pillar] > 0.0:
        # Only unobserved members can hold it up: fewer than half of a year's members observed
        # under the mean or max rule leaves their values unknown, not at the worst.
        rows = [r for r in s.explain().by_pillar(pillar) if r.observed and r.value > 0]
        assert rows
        assert all(2 * len(r.members) < r.member_count for r in rows)
        assert model.rule_for(pillar) != "min"
        return
    assert s.health == 0.0


def _permuted(p: Profile, data: st.DataObject) -> Profile:
    return attrs.evolve(
        p,
        members=data.draw(st.permutations(p.members)),
        indicators=data.draw(st.permutations(p.indicators)),
        observations=data.draw(st.permutations(p.observations)),
    )


@SETTINGS
@given(scored(), st.data())
def test_order_of_members_indicators_and_observations_does_not_matter(case, data):
    p, year, model = case
    shuffled = _permuted(p, data)
    a, b = score(p, year, model=model), score(shuffled, year, model=model)
    ah.testing.assert_score_close(b, a, rel=1e-9)
    assert {u.observation for u in a.used} == {u.observation for u in b.used}
    for q in Pillar:
        ca, cb = a.coverage[q], b.coverage[q]
        assert ca.observed_weight_share == pytest.approx(cb.observed_weight_share, rel=1e-12)
        assert {k: set(v) for k, v in ca.members_covered.items()} == {
            k: set(v) for k, v in cb.members_covered.items()
        }
        assert (set(ca.missing), ca.oldest_age) == (set(cb.missing), cb.oldest_age)
    contrib_a = {r.indicator: r.contribution for r in a.explain()}
    contrib_b = {r.indicator: r.contribution for r in b.explain()}
    assert contrib_b.keys() == contrib_a.keys()
    if model.threat_rule == "mean" or len(p.threats) == 1:
        # Under max/min, tied threats may swap which one is credited; the sums still agree.
        assert contrib_b == pytest.approx(contrib_a, rel=1e-9, abs=1e-12)


@SETTINGS
@given(scored(), st.data())
def test_score_equals_evaluate_on_a_multi_year_layout(case, data):
    # One arithmetic: score() is evaluate() on a one-year layout, so a multi-year layout must give
    # the same numbers year by year.
    p, _, model = case
    last = p.founded if p.years is None else p.years[1]
    span = range(p.founded, min(p.founded + SPAN + 5, last + HORIZONLESS_MARGIN) + 1)
    years = np.array(sorted(data.draw(st.sets(st.sampled_from(span), min_size=2, max_size=8))))
    layout = build_layout(p, years)
    ev = evaluate(layout, layout.normalise(layout.values), model)
    assert ev.pillars.shape == (years.size, 3)
    for i, year in enumerate(years):
        s = score(p, int(year), model=model)
        assert s.health == pytest.approx(ev.health[i], rel=1e-12, abs=1e-15)
        assert [s.pillars[q] for q in Pillar] == pytest.approx(ev.pillars[i], rel=1e-12, abs=1e-15)


# -- API edges: a built-in profile by its id; arguments of the wrong kind -------------------------
def test_a_built_in_profile_can_be_named_by_its_id():
    from alliance_health import fixtures  # noqa: PLC0415

    assert score("rok-us", 2006) == score(fixtures.rok_us(), 2006)
    assert score("nato-post-1990", 1999).profile_id == "nato-post-1990"


@pytest.mark.parametrize(
    ("profile", "error", "match"),
    [
        (
            "rok",
            ah.UnknownReferenceError,
            (
                r"^profile 'rok' is not the id of a built-in profile \("
                r"'nato-post-1990', 'rok-us'\); to use a file, load it first: alliance_health\.load"
            ),
        ),
        (
            None,
            ah.ArgumentTypeError,
            (
                r"^profile must be a Profile or the id of a built-in profile"
                r" \('nato-post-1990', 'rok-us'\); got NoneType None$"
            ),
        ),
        (["rok-us"], ah.ArgumentTypeError, r"got list \['rok-us'\]$"),
    ],
)
def test_anything_else_is_refused_in_one_line(profile, error, match):
    with pytest.raises(error, match=match) as info:
        score(profile, 2006)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("model", ["x", 0, {"p": 1}, ah.Model])
def test_a_model_of_the_wrong_kind_is_refused(model):
    with pytest.raises(
        ah.ArgumentTypeError, match=r"^model must be a Model, e\.g\. Model\(p=1\)"
    ) as info:
        score(SELECTION, 2002, model=model)
    assert isinstance(info.value, TypeError)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("year", [0, 10_000, -2002])
def test_year_outside_1_to_9999_names_the_range(year):
    with pytest.raises(
        ValidationError, match=rf"year must be a whole number from 1 to 9999; got {year}"
    ):
        score(SELECTION, year)
