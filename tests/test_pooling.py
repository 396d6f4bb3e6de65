"""Several coders of one value: scoring uses their median; disagreement widens the interval."""

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import alliance_health as ah
from alliance_health._scoring.pooling import pooled

P = ah.testing.minimal_profile()
MEETINGS = next(o for o in P.observations if o.indicator == "meetings")


def _coded(values, spread=0.5):
    codings = [
        attrs.evolve(
            MEETINGS,
            coder=f"coder-{k}",
            value=v,
            uncertainty=ah.Range(max(v - spread, 0.0), min(v + spread, 4.0)),
        )
        for k, v in enumerate(values)
    ]
    others = [o for o in P.observations if o is not MEETINGS]
    return attrs.evolve(P, observations=(*others, *codings))


@settings(max_examples=30, deadline=None)
@given(values=st.lists(st.sampled_from([0.0, 1.0, 2.0, 3.0, 4.0]), min_size=2, max_size=5))
def test_pooled_value_is_the_median_within_the_coders_ranges(values):
    pool = pooled(_coded(values)).observation("meetings", 2006)
    assert pool.value == pytest.approx(float(np.median(values)))
    assert pool.uncertainty.lo == max(min(values) - 0.5, 0.0)
    assert pool.uncertainty.hi == min(max(values) + 0.5, 4.0)
    assert pool.coder is None


def test_a_profile_with_one_coding_per_value_is_untouched():
    assert pooled(P) is P


def test_disagreement_widens_the_interval_and_agreement_does_not_move_the_point():
    agree = _coded([2.0, 2.0, 2.0])
    disagree = _coded([0.0, 2.0, 4.0])
    assert ah.score(agree, 2006).health == ah.score(disagree, 2006).health  # same median
    narrow = ah.uncertainty(agree, 2006, n=2048, rng=0).interval(0.9)
    wide = ah.uncertainty(disagree, 2006, n=2048, rng=0).interval(0.9)
    assert wide.width > narrow.width


def test_build_layout_and_the_analyses_score_the_same_pooled_profile():
    coded = _coded([1.0, 3.0])
    layout = ah.build_layout(coded, [2006])
    assert layout.profile == pooled(coded)
    assert ah.score(coded, 2006, layout=layout).health == ah.score(coded, 2006).health
