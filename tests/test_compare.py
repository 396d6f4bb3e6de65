import warnings

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import alliance_health as ah
from alliance_health import fixtures
from alliance_health._scoring import engine
from alliance_health.testing import minimal_profile

from strategies import models, profiles, scorable_years


@settings(max_examples=40, deadline=None)
@given(profiles(), profiles(), models(), st.data())
def test_attribution_sums_to_the_difference(a, b, model, data):
    year_a, year_b = data.draw(scorable_years(a)), data.draw(scorable_years(b))
    c = ah.compare(a, b, year_a=year_a, year_b=year_b, n=16, rng=0, model=model)
    assert sum(c.attribution.values()) == pytest.approx(c.delta_health, abs=1e-12)
    assert c.delta_health == pytest.approx(c.a.health - c.b.health, abs=0)


def test_a_profile_year_against_itself_is_zero_everywhere():
    p = minimal_profile()
    c = ah.compare(p, p, year_a=2006, year_b=2006, n=256, rng=1)
    assert c.delta_health == 0.0
    assert all(v == 0.0 for v in c.delta_pillars.values())
    assert (c.draws == 0).all()
    assert c.prob_a_healthier == 0.5
    assert c.interval(0.9).low == c.interval(0.9).high == 0.0


def _weaker(profile):
    # The same alliance with public threat recognition halved: a strictly weaker shared threat.
    obs = tuple(
        attrs.evolve(o, value=o.value / 2) if o.indicator == "threat-public" else o
        for o in profile.observations
    )
    return attrs.evolve(profile, id="weaker", observations=obs)


def test_healthier_alliance_wins_and_the_gap_goes_to_the_shared_threat():
    p = minimal_profile()
    c = ah.compare(p, _weaker(p), year_a=2006, year_b=2006, n=2048, rng=2)
    assert c.delta_health > 0
    assert c.attribution[ah.Pillar.SHARED_THREAT] == pytest.approx(c.delta_health)
    assert c.attribution[ah.Pillar.MUTUAL_OBLIGATION] == 0.0
    # the two sides are drawn independently, so the shared Range(1, 3) adds noise to both
    assert c.prob_a_healthier > 0.9
    iv = c.interval(0.9)
    assert iv.low <= c.delta_health <= iv.high


def test_same_seed_same_result_to_the_bit():
    p = minimal_profile()
    c1 = ah.compare(p, _weaker(p), year_a=2006, year_b=2006, n=128, rng=7)
    c2 = ah.compare(p, _weaker(p), year_a=2006, year_b=2006, n=128, rng=7)
    assert (c1.draws == c2.draws).all()


def test_shared_and_unshared_indicators_are_reported():
    p = minimal_profile()
    extra = ah.Indicator(
        id="extra", pillar="consultation", label="Extra", scale=(0, 1), standard=None
    )
    q = attrs.evolve(p, id="other", indicators=(*p.indicators, extra))
    c = ah.compare(p, q, year_a=2006, year_b=2006, n=16, rng=0)
    assert c.only_b == ("extra",)
    assert c.only_a == ()
    assert "meetings" in c.shared_indicators


def test_bad_level_and_rng_are_clear_errors():
    p = minimal_profile()
    c = ah.compare(p, p, year_a=2006, year_b=2006, n=16, rng=0)
    with pytest.raises(ah.ValidationError, match="confidence_level must be a number strictly"):
        c.interval(1.5)
    with pytest.warns(DeprecationWarning, match=r"interval\(confidence_level=\.\.\.\)"):
        assert c.interval(level=0.5) == c.interval(0.5)
    assert c.interval(0.5).confidence_level == 0.5
    with pytest.raises(ah.ValidationError, match="rng must be None"):
        ah.compare(p, p, year_a=2006, year_b=2006, n=16, rng="seed")


def test_repr_shows_attribution_and_probability():
    p = minimal_profile()
    text = repr(ah.compare(p, _weaker(p), year_a=2006, year_b=2006, n=64, rng=0))
    assert "attribution" in text
    assert "P(minimal 2006 healthier)" in text


def test_coded_value_at_the_end_of_its_range_is_the_median_of_its_draws():
    # The coded value 3 sits at the top of Range(1, 3): the two-piece triangular distribution puts
    # half of its draws at 3, so the centre of the difference against an exact 3 is the as-coded 0.
    p = minimal_profile()
    certain = [attrs.evolve(o, uncertainty=ah.Exact()) for o in p.observations]
    exact = tuple(attrs.evolve(o, value=3.0) if o.indicator == "meetings" else o for o in certain)
    low = tuple(
        attrs.evolve(o, uncertainty=ah.Range(1, 3)) if o.indicator == "meetings" else o
        for o in exact
    )
    a = attrs.evolve(p, id="coded-high", observations=low)
    b = attrs.evolve(p, id="exact", observations=exact)
    c = ah.compare(a, b, year_a=2006, year_b=2006, n=1024, rng=0)
    assert c.as_coded == c.delta_health == 0.0
    assert c.centre == pytest.approx(0.0, abs=1e-3)  # half the draws sit at the coded value
    assert c.interval(0.9).low < 0.0


def test_built_in_profiles_by_id_and_a_model_of_the_wrong_kind():
    by_id = ah.compare("rok-us", "nato-post-1990", year_a=2006, year_b=1992, n=16, rng=0)
    objects = ah.compare(
        fixtures.rok_us(), fixtures.nato_post_1990(), year_a=2006, year_b=1992, n=16, rng=0
    )
    assert by_id.delta_health == objects.delta_health
    np.testing.assert_array_equal(by_id.draws, objects.draws)
    with pytest.raises(ah.ArgumentTypeError, match=r"^b must be a Profile or the id of a built-in"):
        ah.compare("rok-us", 3, year_a=2006, year_b=2006)  # type: ignore[arg-type]
    with pytest.raises(ah.ArgumentTypeError, match=r"^model must be a Model"):
        ah.compare("rok-us", "rok-us", year_a=2006, year_b=2005, model="x")  # type: ignore[arg-type]


def _five_members(uncertainty: ah.Uncertainty) -> ah.Profile:
    p = minimal_profile()
    members = tuple(ah.Member(code=c, joined=2000) for c in ("AAA", "BBB", "CCC", "DDD", "EEE"))
    threat = [
        ah.Observation(
            indicator="threat-public",
            year=2006,
            value=25,
            member=m.code,
            source="illustrative",
            uncertainty=uncertainty,
            note="test",
        )
        for m in members
    ]
    rest = [
        attrs.evolve(o, uncertainty=ah.Exact())
        for o in p.observations
        if o.indicator != "threat-public"
    ]
    return attrs.evolve(p, members=members, observations=(*threat, *rest))


def test_as_coded_outside_its_interval_under_the_min_rule_is_explained_in_the_repr():
    # Five members coded 25 with Range(0, 50): each draw's least-convinced member lies below 25
    # unless all five draw above it (1 in 32), so the as-coded difference of 0 against exact
    # codings lies above the 95 % quantile; the centre, from the same draws, lies inside.
    a = attrs.evolve(_five_members(ah.Range(0, 50)), id="ranged")
    b = _five_members(ah.Exact())
    c = ah.compare(a, b, year_a=2006, year_b=2006, n=4096, rng=0)
    assert c.as_coded == 0.0
    iv = c.interval(0.9)
    assert iv.low <= c.centre <= iv.high < c.as_coded
    text = repr(c)
    assert f"centre (median) of the difference {c.centre:.3f}" in text
    assert "as coded: the score of the coded values alone" in text


def test_each_side_is_selected_once(monkeypatch):
    calls = []
    real = engine.select
    monkeypatch.setattr(engine, "select", lambda *a: calls.append(a[1].tolist()) or real(*a))
    p = minimal_profile()
    ah.compare(p, _weaker(p), year_a=2006, year_b=2006, n=16, rng=0)
    assert calls == [[2006], [2006]]
    calls.clear()
    ah.compare(p, p, year_a=2006, year_b=2007, n=16, rng=0)
    assert calls == [[2006, 2007]]


def test_the_readme_comparison_leads_with_a_centre_inside_its_interval():
    with warnings.catch_warnings(action="ignore", category=ah.CoverageWarning):
        c = ah.compare(ah.fixtures.rok_us(), ah.fixtures.nato_post_1990(), year_a=2006,
                       year_b=1991, rng=0)  # fmt: skip
    iv = c.interval(0.9)
    assert iv.low <= c.centre <= iv.high
    text = repr(c)
    assert f"centre (median) of the difference {c.centre:.3f}, 90% interval" in text
    assert text.splitlines()[1].split()[:5] == ["score", "a", "b", "difference", "attribution"]
