"""How far coders' disagreement moves the scores: the profile scored once per coder.

Every coding here is SYNTHETIC, made up for the illustrative profile or for random profiles.
"""

from __future__ import annotations

import math

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import alliance_health as ah
from alliance_health._errors import ArgumentTypeError, InsufficientDataError, ValidationError
from alliance_health.reliability import Coding, coder_spread, merge_codings

from strategies import profiles

P = ah.testing.minimal_profile()


def coding(indicator, year, coder, value, *, member=None, lo=0.0, hi=3.0):
    return Coding(indicator=indicator, member=member, year=year, coder=coder, value=value,
                  lo=lo, hi=hi, note="SYNTHETIC coding")  # fmt: skip


def only(profile: ah.Profile, keep) -> ah.Profile:
    """The profile with only the observations ``keep`` accepts."""
    return attrs.evolve(profile, observations=[o for o in profile.observations if keep(o)])


# -- properties ---------------------------------------------------------------------------------
@st.composite
def coded_alike(draw: st.DrawFn) -> tuple[ah.Profile, ah.Profile]:
    """A random profile, and the same with some observations coded alike by several coders."""
    profile = draw(profiles())
    picked = draw(st.sets(st.integers(0, len(profile.observations) - 1), min_size=1))
    coders = draw(st.lists(st.sampled_from(["ann", "bo", "cy"]), min_size=2, unique=True))
    observations = [
        attrs.evolve(o, coder=coder) for k, o in enumerate(profile.observations) if k in picked
        for coder in coders
    ]  # fmt: skip
    observations += [o for k, o in enumerate(profile.observations) if k not in picked]
    return profile, attrs.evolve(profile, observations=observations)


@settings(max_examples=40, deadline=None)
@given(coded_alike())
def test_spread_is_zero_when_every_coder_agrees(pair):
    profile, coded = pair
    years = ah.trajectory(profile).years
    spread = coder_spread(coded, years)
    assert np.array_equal(spread.health_range, np.zeros(years.size))
    assert np.array_equal(spread.pillar_range, np.zeros((years.size, 3)))
    alone = ah.trajectory(profile, years)  # the same values, listed in another order
    assert np.allclose(spread.health, alone.health[None, :], rtol=1e-12, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 3), st.floats(0, 4)), min_size=2, max_size=4))
def test_each_coder_row_is_the_score_with_that_coders_codings(values):
    coders = [f"c{k}" for k in range(len(values))]
    rows = [coding("pledge", 2006, c, v) for c, (v, _) in zip(coders, values, strict=True)]
    rows += [
        coding("meetings", 2007, c, m, hi=4.0) for c, (_, m) in zip(coders, values, strict=True)
    ]
    merged = merge_codings(P, rows)
    spread = coder_spread(merged)
    assert spread.years.tolist() == [2006, 2007]
    assert spread.coders == tuple(coders)
    for k, coder in enumerate(coders):
        mine = only(merged, lambda o, c=coder: o.coder in {None, c})
        for j, year in enumerate(spread.years):
            s = ah.score(mine, int(year))
            assert spread.health[k, j] == pytest.approx(s.health, abs=1e-12)
            assert spread.pillars[k, j] == pytest.approx([s.pillars[p] for p in ah.Pillar])
    assert np.allclose(spread.health_range, spread.health.max(0) - spread.health.min(0))
    assert (spread.health_range >= 0).all()


# -- examples -----------------------------------------------------------------------------------
def test_a_unit_a_coder_left_takes_the_median_of_the_others():
    rows = [coding("pledge", 2006, c, v) for c, v in [("ann", 0.0), ("bo", 1.0), ("cy", 3.0)]]
    merged = merge_codings(only(P, lambda o: o.indicator != "meetings"), rows)
    merged = merge_codings(
        merged,
        [coding("meetings", 2006, c, m, hi=4.0) for c, m in [("ann", 1.0), ("dee", 3.0)]],
    )
    spread = coder_spread(merged)
    assert spread.coders == ("ann", "bo", "cy", "dee")
    table = {r["coder"]: r for r in spread.tables()[1].records()}
    assert (table["ann"]["units"], table["bo"]["units"]) == (2, 1)
    # bo left meetings: the median of ann's 1 and dee's 3; dee left pledge: the median 1 of 0, 1, 3
    assert table["bo"]["consultation"] == pytest.approx(2 / 4)
    assert table["dee"]["mutual_obligation"] == pytest.approx(1 / 3)
    assert table["dee"]["consultation"] == pytest.approx(3 / 4)
    assert spread.table().records()[0]["units"] == 2


def test_later_years_a_coding_serves_can_be_asked_for():
    merged = merge_codings(P, [coding("pledge", 2006, c, v) for c, v in [("ann", 1), ("bo", 3)]])
    assert coder_spread(merged).years.tolist() == [2006]
    both = coder_spread(merged, [2006, 2007])
    assert both.health_range[1] == pytest.approx(both.health_range[0])  # pledge has no horizon
    assert both.n_units.tolist() == [1, 0]
    assert both.pillar_range[:, 1] == pytest.approx([2 / 3, 2 / 3])


def test_the_model_is_used():
    merged = merge_codings(P, [coding("pledge", 2006, c, v) for c, v in [("ann", 1), ("bo", 3)]])
    geometric, arithmetic = coder_spread(merged), coder_spread(merged, model=ah.Model(p=1))
    assert arithmetic.model == ah.Model(p=1)
    assert arithmetic.health[1, 0] == pytest.approx((0.25 + 1 + 0.5) / 3)
    assert not np.allclose(geometric.health, arithmetic.health)


def test_score_pools_the_codings_whatever_their_order():
    rows = [coding("pledge", 2006, c, v) for c, v in [("ann", 1.0), ("bo", 3.0), ("cy", 2.0)]]
    merged = merge_codings(P, rows)
    swapped = merge_codings(P, rows[::-1])
    assert ah.score(merged, 2006).health == ah.score(swapped, 2006).health
    spread = coder_spread(merged)
    # the pooled value is the median coding: cy's 2.0, so the pooled score is cy's
    assert ah.score(merged, 2006).health == pytest.approx(spread.health[2, 0])


def test_tables_agree_with_the_arrays():
    rows = [coding("pledge", 2006, c, v) for c, v in [("ann", 1.0), ("bo", 3.0), ("cy", 2.0)]]
    spread = coder_spread(merge_codings(P, rows), [2006, 2007])
    main, coders = spread.tables()
    assert (main.index, coders.index) == (("year",), ("year", "coder"))
    assert main.column("health_range") == tuple(spread.health_range)
    assert main.column("mutual_obligation_range") == tuple(spread.pillar_range[:, 1])
    assert coders.column("coder") == ("ann", "bo", "cy") * 2
    assert coders.column("year") == (2006,) * 3 + (2007,) * 3
    assert coders.column("health") == tuple(spread.health.T.ravel())
    assert list(spread.to_dict()) == ["spread", "coders"]


# -- errors -------------------------------------------------------------------------------------
def test_a_profile_without_multiply_coded_units_is_refused():
    with pytest.raises(ValidationError) as err:
        coder_spread(P)
    assert str(err.value) == (
        "coder_spread needs units coded by two or more coders; profile 'minimal' has none;"
        " merge the coders' sheets first (reliability.merge_sheets)"
    )
    with pytest.raises(ArgumentTypeError, match="profile must be a Profile; got str 'rok-us'"):
        coder_spread("rok-us")


def test_years_that_cannot_be_scored_are_refused():
    merged = merge_codings(P, [coding("pledge", 2003, c, v) for c, v in [("ann", 1), ("bo", 3)]])
    nothing = r"no year with a multiply coded unit of 'Minimal illustrative alliance' \(2003\)"
    with pytest.raises(InsufficientDataError, match=nothing + " has data for all three pillars"):
        coder_spread(merged)
    with pytest.raises(InsufficientDataError, match="shared threat pillar"):
        coder_spread(merged, [2003])
    assert math.isclose(coder_spread(merged, [2006]).health_range[0], 0.0)  # 2005 supersedes
