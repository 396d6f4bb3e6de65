"""Selection: stale ages, the end of the data, carried observations, coverage and its warning."""

from __future__ import annotations

import warnings

import attrs
import pytest

import alliance_health as ah
from alliance_health import Indicator, InsufficientDataError, Member, Model, Observation, Pillar
from alliance_health._scoring.engine import build_layout
from alliance_health._scoring.select import HORIZONLESS_MARGIN, Coverage, thin_message

MINIMAL = ah.testing.minimal_profile()
ST, MO, CO = Pillar.SHARED_THREAT, Pillar.MUTUAL_OBLIGATION, Pillar.CONSULTATION


def test_nothing_serves_past_the_data_and_the_error_names_the_last_year():
    rok = ah.fixtures.rok_us()
    last = rok.years[1]
    with pytest.raises(InsufficientDataError, match=rf"in 3000: its data end in {last}") as info:
        ah.score(rok, 3000)
    assert f"ask for {last} or earlier" in str(info.value)
    # the minimal profile's data end in 2006: its pledge (no horizon) serves five more years
    # but its surveys and meetings expire, so 2007 is the last year every pillar scores
    assert ah._scoring.engine.scorable_years(MINIMAL, range(2006, 2020)).tolist() == [2006, 2007]
    with pytest.raises(InsufficientDataError, match="in 2008: its data end in 2006"):
        ah.score(MINIMAL, 2008)


def test_stale_ages_count_from_the_observation_and_past_the_data_without_a_horizon():
    layout = build_layout(MINIMAL, [2006, 2007])
    ages = {
        (layout.all_observations[int(o)].indicator, int(layout.years[y])): (int(a), int(s))
        for o, y, a, s in zip(
            layout.slot_obs, layout.slot_year, layout.slot_age, layout.slot_stale, strict=True
        )
    }
    # (age, stale age): horizon-bounded observations age from their year; the pledge (no
    # horizon, coded 2005) is stale only past the profile's last observation (2006)
    assert ages[("meetings", 2007)] == (1, 1)
    assert ages[("pledge", 2006)] == (1, 0)
    assert ages[("pledge", 2007)] == (2, 1)
    assert HORIZONLESS_MARGIN == 5


def test_an_expired_observation_is_carried_only_for_an_indicator_left_unobserved():
    ind = Indicator(id="extra", pillar="consultation", label="extra", scale=(0, 4), horizon=0)
    early = Observation(indicator="extra", year=2005, value=3, source="illustrative")
    profile = attrs.evolve(
        MINIMAL,
        indicators=(*MINIMAL.indicators, ind),
        observations=(*MINIMAL.observations, early),
    )
    layout = build_layout(profile, [2006])
    assert layout.carried == (early,)
    (group,) = [g for g in layout.groups() if g.indicator == "extra"]
    assert (group.status, group.observed, group.ages) == ("carried", False, (1,))
    s = ah.score(profile, 2006)
    assert s.consultation == 0.5  # as coded: meetings alone
    assert s.coverage[CO].missing == ("extra",)
    assert s.coverage[CO].observed_weight_share == 0.5


def test_coverage_records_of_a_thin_year():
    members = (*MINIMAL.members, Member(code="CCC", joined=2006))
    profile = attrs.evolve(MINIMAL, members=members)
    s = ah.score(profile, 2006)
    cov = s.coverage[ST]
    assert isinstance(cov, Coverage)
    assert cov.members == ("AAA", "BBB", "CCC")
    assert cov.members_covered == {"threat-public": ("AAA", "BBB")}
    assert str(cov) == "100% of the weight observed; threat-public 2/3 members; oldest 0 y"
    assert [r.covered for r in s.explain()] == ["2/3", "alliance", "alliance"]
    # two of three members observed under the min rule: the median keeps the observed minimum
    assert s.shared_threat == ah.score(MINIMAL, 2006).shared_threat


def test_one_warning_per_call_naming_pillars_years_and_missing_indicators():
    rok = ah.fixtures.rok_us()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t = ah.trajectory(rok)
    thin = t.coverage.thin(0.5)
    coverage = [w for w in caught if issubclass(w.category, ah.CoverageWarning)]
    assert len(coverage) == (1 if thin else 0)
    for cov in thin:
        text = str(coverage[0].message)
        assert cov.pillar.label in text
        assert all(m in text for m in cov.missing)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ah.trajectory(rok, model=Model(coverage_threshold=0))  # 0 silences it


def test_thin_message_groups_consecutive_years():
    def cov(year: int) -> Coverage:
        return Coverage(pillar=CO, year=year, observed_weight_share=1 / 3, members=("AAA",),
                        members_covered={}, oldest_age=0, missing=("a", "b"))  # fmt: skip

    text = thin_message("X", [cov(1962), cov(1963), cov(1964), cov(1974)], 0.5)
    assert text.startswith("X: less than 0.5 of the declared indicator weight is observed in")
    assert "consultation in 1962-1964, 1974 (missing a, b)" in text


def test_coverage_warning_is_a_user_warning_exported_at_top_level():
    assert issubclass(ah.CoverageWarning, UserWarning)
    assert "CoverageWarning" in ah.__all__
    assert ah.__all__ == sorted(ah.__all__, key=lambda n: (not n.isupper(), n))


@pytest.mark.parametrize("value", [-0.1, 1.5, float("nan"), "half", True])
def test_coverage_threshold_is_a_share(value):
    with pytest.raises(ah.ValidationError, match=r"Model.coverage_threshold must be a number in"):
        Model(coverage_threshold=value)


def test_deprecated_indicator_lookup_of_coverage_names_the_new_spelling():
    s = ah.score(MINIMAL, 2006)
    with pytest.warns(DeprecationWarning, match=r"coverage\['shared_threat'\]\.members_covered"):
        assert s.coverage["threat-public"] == ("AAA", "BBB")
    with pytest.raises(KeyError):
        s.coverage["no-such-indicator"]
