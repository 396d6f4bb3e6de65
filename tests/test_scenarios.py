import re

import attrs
import numpy as np
import pytest

import alliance_health as ah
from alliance_health import catalogue, fixtures
from alliance_health import scenarios as sc
from alliance_health.testing import minimal_profile

ROK = fixtures.rok_us()


def _observed(profile):
    return [o for o in profile.observations if o.source != sc.SOURCE_KEY]


@pytest.mark.parametrize(
    ("profile", "options"),
    [
        (minimal_profile(), [sc.drift()]),
        (minimal_profile(), [sc.hedge(floor=0.7)]),
        (ROK, [sc.expansion(), sc.new_missions(), sc.out_of_area()]),
        (minimal_profile(), [sc.hedge(), sc.drift(rate=0.3), sc.close(year=2009)]),
    ],
)
def test_observed_years_are_untouched(profile, options):
    last = profile.years[1]
    projected = sc.apply(profile, options, until=last + 3)
    assert _observed(projected) == list(profile.observations)
    new = [o for o in projected.observations if o.source == sc.SOURCE_KEY]
    assert new
    assert min(o.year for o in new) == last + 1
    assert projected.source(sc.SOURCE_KEY).kind == "scenario"


def test_close_gives_zero_from_its_year_under_any_model():
    p = sc.apply(minimal_profile(), [sc.close(year=2008)], until=2011)
    for model in (ah.Model(), ah.Model(p=1), ah.Model(p=float("inf"))):
        t = ah.trajectory(p, model=model)
        assert t.health[t.years >= 2008].tolist() == [0.0] * 4
        assert t.health[t.years == 2007][0] > 0


def test_drift_never_raises_consultation():
    base = ah.trajectory(sc.apply(minimal_profile(), [], until=2012))
    drifted = ah.trajectory(sc.apply(minimal_profile(), [sc.drift(rate=0.25)], until=2012))
    c0, c1 = base.pillar("consultation"), drifted.pillar("consultation")
    assert np.all(c1 <= c0)
    assert np.all(np.diff(c1) <= 0)
    assert c1[-1] < c0[-1]


def test_hedge_lifts_the_least_convinced_member():
    t = ah.trajectory(sc.apply(minimal_profile(), [sc.hedge(floor=0.6)], until=2008))
    assert t.pillar("shared_threat").tolist() == pytest.approx([0.25, 0.6, 0.6])


def test_stages_compose_in_documented_order():
    # drift (stage 2) acts on what hedge (stage 1) left, whatever order they are given in.
    a = sc.apply(minimal_profile(), [sc.drift(), sc.hedge()], until=2010)
    b = sc.apply(minimal_profile(), [sc.hedge(), sc.drift()], until=2010)
    assert a.observations == b.observations


def test_projections_repeat_under_a_seed():
    opts = [sc.new_missions(), sc.out_of_area()]
    p1 = sc.project(ROK, opts, until=2010, n=128, rng=5)
    p2 = sc.project(ROK, opts, until=2010, n=128, rng=5)
    assert p1.trajectory.draws is not None
    np.testing.assert_array_equal(p1.trajectory.interval().low, p2.trajectory.interval().low)


def test_a_built_in_profile_can_be_named_by_its_id():
    by_id = sc.project("rok-us", [sc.drift()], until=2009, n=None)
    by_object = sc.project(ROK, [sc.drift()], until=2009, n=None)
    assert by_id.profile == by_object.profile
    np.testing.assert_array_equal(by_id.trajectory.health, by_object.trajectory.health)


@pytest.mark.parametrize(
    ("option", "looked_for"),
    [
        (sc.expansion(gain=1.0), "'consultation-institutions' or 'joint-decisions'"),
        (sc.out_of_area(), "the catalogue standard 'joint-operations'"),
        (sc.new_missions(), "the catalogue standard 'joint-operations'"),
    ],
)
def test_an_option_that_finds_nothing_to_change_is_refused(option, looked_for):
    # The illustrative profile has no such indicator: the option would change nothing in silence.
    with pytest.raises(ah.InsufficientDataError, match=looked_for) as info:
        sc.apply(minimal_profile(), [option], until=2008)
    assert f"leave {option.name} out" in str(info.value)
    assert "observes none in 2006, the year carried forward" in str(info.value)


def test_an_option_acts_once_its_indicator_is_observed():
    p = minimal_profile()
    ind = catalogue.get("joint-operations").indicator()
    obs = ah.Observation(
        indicator=ind.id, year=2006, value=1, source="illustrative", note="coded for the test"
    )
    q = attrs.evolve(p, indicators=(*p.indicators, ind), observations=(*p.observations, obs))
    before = ah.trajectory(sc.apply(q, [], until=2008)).pillar("mutual_obligation")
    after = ah.trajectory(sc.apply(q, [sc.out_of_area()], until=2008)).pillar("mutual_obligation")
    assert after[0] == before[0]  # the observed year is untouched
    assert np.all(after[1:] > before[1:])


def test_a_hedge_on_an_unobserved_threat_is_refused():
    with pytest.raises(ah.UnknownReferenceError, match="unknown threat"):
        sc.apply(minimal_profile(), [sc.hedge(threats=["aliens"])], until=2008)
    with pytest.raises(
        ah.ValidationError, match=r"hedge threats must be a sequence .* \['rival'\]"
    ):
        sc.hedge(threats="rival")


@pytest.mark.parametrize(
    ("make", "new"),
    [
        (lambda: sc.hedge(level=0.6), "hedge(floor=...)"),
        (lambda: sc.new_missions(level=0.6), "new_missions(floor=...)"),
        (lambda: sc.out_of_area(level=0.6), "out_of_area(floor=...)"),
    ],
)
def test_level_is_a_deprecated_spelling_of_floor(make, new):
    with pytest.warns(DeprecationWarning, match=re.escape(new)):
        option = make()
    assert option.parameters["floor"] == 0.6


def test_close_takes_its_year_as_a_keyword():
    with pytest.warns(DeprecationWarning, match=re.escape("use close(year=...)")):
        old = sc.close(2009)
    assert old.close_year == sc.close(year=2009).close_year == 2009
    with pytest.raises(ah.ArgumentTypeError, match="close\\(\\) needs year="):
        sc.close()
    with pytest.raises(ah.ArgumentTypeError, match="by position and as a keyword"):
        sc.close(2009, year=2010)


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda: sc.drift(rate=1.5), r"drift rate must lie in \[0, 1\]"),
        (lambda: sc.drift(threat_lag=-1), "threat_lag must be a whole number"),
        (lambda: sc.hedge(floor=float("nan")), "hedge floor must be a finite number"),
        (
            lambda: sc.close(year="2009"),
            "close year must be one year, a whole number from 1 to 9999",
        ),
        (
            lambda: sc.close(year=10_000),
            "close year must be one year, a whole number from 1 to 9999",
        ),
        (lambda: sc.out_of_area(command=2), r"out_of_area command must lie in \[0, 1\]"),
    ],
)
def test_invalid_parameters_raise_clear_errors(make, match):
    with pytest.raises(ah.ValidationError, match=match):
        make()


def test_invalid_projection_requests():
    p = minimal_profile()
    with pytest.raises(ah.ValidationError, match="until must be a year after"):
        sc.apply(p, [sc.drift()], until=2005)
    with pytest.raises(ah.ValidationError, match="until must be one year, a whole number from 1"):
        sc.apply(p, [sc.drift()], until=2008.0)
    with pytest.raises(ah.ArgumentTypeError, match="Scenario objects"):
        sc.apply(p, ["drift"], until=2008)  # type: ignore[list-item]
    with pytest.raises(ah.ArgumentTypeError, match="got the single drift"):
        sc.project(p, sc.drift(), until=2008)  # type: ignore[arg-type]
    projected = sc.apply(p, [], until=2008)
    with pytest.raises(ah.ValidationError, match="already holds scenario observations"):
        sc.apply(projected, [], until=2009)
