import numpy as np
import pytest

import alliance_health as ah
from alliance_health import scenarios as sc
from alliance_health.testing import minimal_profile


def _observed(profile):
    return [o for o in profile.observations if o.source != sc.SOURCE_KEY]


@pytest.mark.parametrize(
    "options",
    [
        [sc.drift()],
        [sc.hedge(level=0.7)],
        [sc.expansion(), sc.new_missions(), sc.out_of_area()],
        [sc.hedge(), sc.drift(rate=0.3), sc.close(2009)],
    ],
)
def test_observed_years_are_untouched(options):
    p = minimal_profile()
    projected = sc.apply(p, options, until=2010)
    assert _observed(projected) == list(p.observations)
    new = [o for o in projected.observations if o.source == sc.SOURCE_KEY]
    assert new
    assert min(o.year for o in new) == 2007
    assert projected.source(sc.SOURCE_KEY).kind == "scenario"


def test_close_gives_zero_from_its_year_under_any_model():
    p = sc.apply(minimal_profile(), [sc.close(2008)], until=2011)
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
    t = ah.trajectory(sc.apply(minimal_profile(), [sc.hedge(level=0.6)], until=2008))
    assert t.pillar("shared_threat").tolist() == pytest.approx([0.25, 0.6, 0.6])


def test_stages_compose_in_documented_order():
    # drift (stage 2) acts on what hedge (stage 1) left, whatever order they are given in.
    a = sc.apply(minimal_profile(), [sc.drift(), sc.hedge()], until=2010)
    b = sc.apply(minimal_profile(), [sc.hedge(), sc.drift()], until=2010)
    assert a.observations == b.observations


def test_projections_repeat_under_a_seed():
    opts = [sc.new_missions(), sc.out_of_area()]
    p1 = sc.project(minimal_profile(), opts, until=2010, n=128, rng=5)
    p2 = sc.project(minimal_profile(), opts, until=2010, n=128, rng=5)
    assert p1.trajectory.bands is not None
    np.testing.assert_array_equal(p1.trajectory.interval()[0], p2.trajectory.interval()[0])


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda: sc.drift(rate=1.5), r"drift rate must lie in \[0, 1\]"),
        (lambda: sc.drift(threat_lag=-1), "threat_lag must be a whole number"),
        (lambda: sc.hedge(level=float("nan")), "hedge level must be a finite number"),
        (lambda: sc.close("2009"), "close year must be a whole number"),
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
    with pytest.raises(ah.UnknownReferenceError, match="unknown threat"):
        sc.apply(p, [sc.hedge(threats=["aliens"])], until=2008)
    with pytest.raises(ah.ValidationError, match="Scenario objects"):
        sc.apply(p, ["drift"], until=2008)  # type: ignore[list-item]
    projected = sc.apply(p, [], until=2008)
    with pytest.raises(ah.ValidationError, match="already holds scenario observations"):
        sc.apply(projected, [], until=2009)
