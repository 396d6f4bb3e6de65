import attrs
import numpy as np
import pytest
from hypothesis import given, settings

import alliance_health as ah
from alliance_health import fixtures
from alliance_health.testing import minimal_profile

from strategies import SPAN, profiles


@settings(max_examples=40, deadline=None)
@given(profiles())
def test_trajectory_equals_score_year_by_year(profile):
    years = list(range(profile.founded, profile.founded + SPAN + 1))
    t = ah.trajectory(profile, years)
    for k, year in enumerate(years):
        s = ah.score(profile, year)
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


def test_intervals_need_draws():
    t = ah.trajectory(minimal_profile())
    with pytest.raises(ah.InsufficientDataError, match="no Monte Carlo draws; call trajectory"):
        t.interval()


def test_intervals_bracket_the_point_and_repeat_under_a_seed():
    p = attrs.evolve(minimal_profile())
    t1 = ah.trajectory(p, [2006, 2007], n=512, rng=4)
    t2 = ah.trajectory(p, [2006, 2007], n=512, rng=4)
    iv = t1.interval(0.9)
    assert isinstance(iv, ah.Interval)
    assert iv.confidence_level == 0.9
    assert np.all(iv.low <= t1.health + 1e-12)
    assert np.all(t1.health <= iv.high + 1e-12)
    np.testing.assert_array_equal(iv.low, t2.interval(0.9).low)


def test_interval_of_one_year_is_still_per_year():
    t = ah.trajectory(minimal_profile(), [2006], n=64, rng=0)
    iv = t.interval()
    assert iv.low.shape == iv.high.shape == (1,)  # type: ignore[union-attr]
    assert iv.low[0] <= t.health[0] <= iv.high[0]  # type: ignore[index]


def test_deprecated_spellings_still_answer():
    t = ah.trajectory(minimal_profile(), [2006, 2007], n=64, rng=0)
    with pytest.warns(DeprecationWarning, match=r"Trajectory\.bands.*Trajectory\.draws"):
        assert t.bands is t.draws
    with pytest.warns(DeprecationWarning, match=r"unpacking an Interval"):
        low, high = t.interval(0.9)
    np.testing.assert_array_equal(low, t.interval(0.9).low)
    np.testing.assert_array_equal(high, t.interval(0.9).high)
    with pytest.warns(DeprecationWarning, match=r"interval\(confidence_level=\.\.\.\)"):
        np.testing.assert_array_equal(t.interval(level=0.5).high, t.interval(0.5).high)


def test_a_built_in_profile_and_the_model_are_checked():
    assert ah.trajectory("rok-us").years.tolist() == ah.trajectory(fixtures.rok_us()).years.tolist()
    with pytest.raises(ah.ArgumentTypeError, match=r"^profile must be a Profile or the id of"):
        ah.trajectory(None)  # type: ignore[arg-type]
    with pytest.raises(ah.ArgumentTypeError, match=r"^model must be a Model"):
        ah.trajectory(minimal_profile(), model="x")  # type: ignore[arg-type]


def test_repr_lists_every_year():
    text = repr(ah.trajectory(minimal_profile()))
    assert "2006" in text
    assert "health" in text
