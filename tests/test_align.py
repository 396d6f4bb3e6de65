import attrs
import numpy as np
import pytest

import alliance_health as ah
from alliance_health.testing import minimal_profile


def _with_anchor():
    p = minimal_profile()
    event = ah.Event(id="shock", date="2006-03-01", title="A shock", source="illustrative")
    return attrs.evolve(p, events=(event,))


def test_offsets_are_years_since_the_anchor_event():
    al = ah.align([(_with_anchor(), "shock")], window=(-2, 2))
    assert al.offsets.tolist() == [-2, -1, 0, 1, 2]
    s = al.series[0]
    assert s.anchor_year == 2006
    assert s.health[2] == pytest.approx(ah.score(minimal_profile(), 2006).health)
    assert np.isnan(s.health[0])


def test_two_profiles_on_one_clock():
    p = _with_anchor()
    al = ah.align([(p, "shock"), (minimal_profile(), 2005)])
    assert al.offsets.tolist() == [0, 1]
    assert al.series[0].health[0] == pytest.approx(al.series[1].health[1])


def test_bad_anchor_and_window():
    with pytest.raises(ah.UnknownReferenceError, match="unknown event 'nope'"):
        ah.align([(minimal_profile(), "nope")])
    with pytest.raises(ah.ValidationError, match="low <= high"):
        ah.align([(minimal_profile(), 2006)], window=(3, 1))
    with pytest.raises(ah.ValidationError, match="at least one"):
        ah.align([])
    with pytest.raises(ah.ValidationError, match=r"items\[0\] must be a pair \(profile, anchor\)"):
        ah.align([minimal_profile()])  # type: ignore[list-item]
    with pytest.raises(ah.ValidationError, match=r"anchor for 'minimal' must be one year, a whole"):
        ah.align([(minimal_profile(), 2006.5)])  # type: ignore[list-item]


def test_built_in_profiles_by_id():
    al = ah.align([("rok-us", 2006), ("nato-post-1990", 1991)], window=(0, 1))
    assert [s.profile_id for s in al.series] == ["rok-us", "nato-post-1990"]
    assert al.series[0].health[0] == pytest.approx(ah.score("rok-us", 2006).health)
    with pytest.raises(ah.ArgumentTypeError, match=r"^items\[1\]\[0\] must be a Profile"):
        ah.align([("rok-us", 2006), (1, 1991)])  # type: ignore[list-item]
