import attrs
import numpy as np
import pytest
from hypothesis import given, settings

import alliance_health as ah
from alliance_health._scoring.select import HORIZONLESS_MARGIN
from alliance_health.testing import minimal_profile

from strategies import SPAN, profiles


@settings(max_examples=40, deadline=None)
@given(profiles())
def test_trajectory_equals_score_year_by_year(profile):
    last = profile.founded if profile.years is None else profile.years[1]
    years = list(range(profile.founded, min(profile.founded + SPAN, last + HORIZONLESS_MARGIN) + 1))
    model = ah.Model(coverage_threshold=0)
    t = ah.trajectory(profile, years, model=model)
    for k, year in enumerate(years):
        s = ah.score(profile, year, model=model)
        assert t.health[k] == pytest.approx(s.health, abs=1e-12)
        assert t.at(year)["consultation"] == pytest.approx(s.consultation, abs=1e-12)


def test_default_years_are_the_scorable_span():
    t = ah.trajectory(minimal_profile())
    assert t.years.tolist() == [2006]


def test_missing_year_is_an_error_naming_it():
    t = ah.trajectory(minimal_profile())
    with pytest.raises(ah.InsufficientDataError, match="year 1999 is not in this trajectory"):
        t.at(1999)
    with pytest.raises(ah.InsufficientDataError, match="in 2008"):
        ah.trajectory(minimal_profile(), [2006, 2008])


def test_bands_need_draws():
    t = ah.trajectory(minimal_profile())
    with pytest.raises(ah.InsufficientDataError, match="no uncertainty bands"):
        t.interval()


def test_bands_bracket_the_centre_and_repeat_under_a_seed():
    p = attrs.evolve(minimal_profile())
    t1 = ah.trajectory(p, [2006, 2007], n=512, rng=4)
    t2 = ah.trajectory(p, [2006, 2007], n=512, rng=4)
    lo, hi = t1.interval(0.9)
    assert np.all(lo <= t1.centre)
    assert np.all(t1.centre <= hi)
    np.testing.assert_array_equal(lo, t2.interval(0.9)[0])
    np.testing.assert_array_equal(t1.centre, t2.centre)
    with pytest.raises(ah.InsufficientDataError, match="no uncertainty bands"):
        _ = ah.trajectory(p).centre


def test_repr_lists_every_year():
    text = repr(ah.trajectory(minimal_profile()))
    assert "2006" in text
    assert "health" in text
