"""The rules for what is not observed, as quantile functions: medians, bounds and shapes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_health._scoring.imputation import (
    absent_members,
    two_piece_triangular,
    two_piece_uniform,
)

U = np.linspace(0.0, 1.0, 2001)
unit = st.floats(0.0, 1.0)


@st.composite
def supports(draw: st.DrawFn) -> tuple[float, float, float]:
    lo = draw(st.floats(-100, 100))
    hi = lo + draw(st.floats(0.0, 50))
    m = lo + draw(unit) * (hi - lo)
    return lo, min(max(m, lo), hi), hi


@settings(max_examples=100)
@given(supports())
def test_two_piece_quantiles_rise_within_the_support_with_the_median_at_m(support):
    lo, m, hi = support
    for ppf in (two_piece_triangular, two_piece_uniform):
        q = ppf(U, lo, m, hi)
        assert np.all(np.diff(q) >= 0)
        assert q[0] == pytest.approx(lo)
        assert q[-1] == pytest.approx(hi)
        assert float(ppf(0.5, lo, m, hi)) == m
        assert np.all((q >= lo - 1e-9) & (q <= hi + 1e-9))


def test_two_piece_triangular_has_its_mode_at_the_coded_value():
    # On [0, 4] with median 1: P(X < 0.5) = 0.5 * (0.5 / 1) ** 2 and P(X > 2.5) = 0.5 * (1.5 / 3)
    # ** 2: each side is a triangle rising to the coded value, holding half of the mass.
    draws = two_piece_triangular((np.arange(100_000) + 0.5) / 100_000, 0.0, 1.0, 4.0)
    assert np.mean(draws < 0.5) == pytest.approx(0.125, abs=1e-4)
    assert np.mean(draws > 2.5) == pytest.approx(0.125, abs=1e-4)
    density, edges = np.histogram(draws, bins=40, range=(0, 4), density=True)
    assert edges[np.argmax(density)] == pytest.approx(0.9, abs=0.11)  # the bin ending at 1


def test_a_value_coded_at_an_end_of_its_range_holds_half_the_mass():
    q = two_piece_triangular(U, 3.0, 3.0, 5.0)
    assert np.all(q[U <= 0.5] == 3.0)
    assert np.all(q[U > 0.5] > 3.0)


@settings(max_examples=200)
@given(observed=unit, share=st.floats(0.01, 1.0))
def test_under_the_min_rule_absent_members_never_raise_the_shared_value(observed, share):
    # The acceptance property: a reading from some members is never more shared than the
    # least convinced of them, in the as-coded value (u = 1/2) and in every draw.
    q = absent_members(U, observed, 0.0, observed, share)
    assert np.all(q <= observed)
    assert np.all(q >= 0.0)
    assert np.all(np.diff(q) >= -1e-15)
    assert float(absent_members(0.5, observed, 0.0, observed, share)) <= observed


@settings(max_examples=200)
@given(observed=st.floats(1e-6, 1.0), share=st.floats(0.01, 0.99))
def test_the_observed_value_holds_with_the_probability_that_the_least_convinced_was_observed(
    observed, share
):
    # Exchangeable members: the least convinced of N is among the k observed with probability
    # k / N, so the observed minimum stands with that probability and is undercut otherwise.
    u = (np.arange(20_000) + 0.5) / 20_000
    q = absent_members(u, observed, 0.0, observed, share)
    assert np.mean(q == observed) == pytest.approx(share, abs=1e-3)
    below = q[q < observed]
    assert np.mean(below < observed / 2) == pytest.approx(0.5, abs=0.01)  # uniform below


@pytest.mark.parametrize(
    ("rule_bounds", "share", "median"),
    [
        # min, one of two members observed at 0.8: a coin flip, the median stays at 0.8
        ((0.0, 0.8), 0.5, 0.8),
        # min, 6 of 16 observed: 5/8 of the mass lies evenly below 0.8, so the median is 0.64
        ((0.0, 0.8), 6 / 16, 0.8 * 0.5 / (10 / 16)),
        # max, 1 of 4 observed at 0.2: the median rises to 0.2 + 0.8 * (0.25 / 0.75)
        ((0.2, 1.0), 0.25, 0.2 + 0.8 / 3),
    ],
)
def test_as_coded_value_is_the_median_of_the_rule(rule_bounds, share, median):
    low, high = rule_bounds
    observed = 0.8 if low == 0.0 else 0.2
    assert float(absent_members(0.5, observed, low, high, share)) == pytest.approx(median)


@settings(max_examples=100)
@given(mean=unit, share=st.floats(0.01, 1.0))
def test_mean_rule_stays_within_its_worst_case_bounds(mean, share):
    low, high = share * mean, share * mean + 1 - share
    q = absent_members(U, mean, low, high, share)
    assert np.all((q >= low - 1e-12) & (q <= high + 1e-12))
    if share >= 0.5:
        assert float(absent_members(0.5, mean, low, high, share)) == pytest.approx(mean)


def test_every_member_observed_changes_nothing():
    np.testing.assert_array_equal(absent_members(U, 0.3, 0.0, 0.3, 1.0), 0.3)
