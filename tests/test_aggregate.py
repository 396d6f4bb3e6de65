"""The weighted power mean and the segment reductions (alliance_health._scoring.aggregate)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from alliance_health._scoring.aggregate import power_mean, segment_mean, segment_reduce

# Hardy, Littlewood & Polya (1934), ch. II: M_1 arithmetic, M_0 geometric, M_-1 harmonic,
# M_-inf the minimum; M_p is non-decreasing in p.
SETTINGS = settings(max_examples=80, deadline=None)


def pm(x, w, p) -> float:
    return float(power_mean(x, w, p))


# -- hand-computed values -----------------------------------------------------------------------
def test_two_items_equal_weights():
    x, w = [0.25, 1.0], [1, 1]
    assert pm(x, w, 1) == pytest.approx((0.25 + 1.0) / 2)  # 0.625
    assert pm(x, w, 0) == pytest.approx(math.sqrt(0.25 * 1.0))  # 0.5
    assert pm(x, w, -1) == pytest.approx(2 / (1 / 0.25 + 1 / 1.0))  # 0.4
    assert pm(x, w, -math.inf) == 0.25
    assert pm(x, w, math.inf) == 1.0
    assert pm(x, w, 2) == pytest.approx(math.sqrt((0.25**2 + 1.0) / 2))


def test_three_items_weighted():
    x, w = [0.5, 0.8, 0.2], [1, 2, 1]
    assert pm(x, w, 1) == pytest.approx((0.5 + 2 * 0.8 + 0.2) / 4)  # 0.575
    assert pm(x, w, 0) == pytest.approx((0.5 * 0.8**2 * 0.2) ** (1 / 4))
    assert pm(x, w, -1) == pytest.approx(4 / (1 / 0.5 + 2 / 0.8 + 1 / 0.2))  # 4 / 9.5
    assert pm(x, w, -math.inf) == 0.2


def test_weights_are_normalised():
    x = [0.5, 0.8, 0.2]
    for p in (-3.0, 0.0, 0.5, 1.0):
        assert pm(x, [1, 2, 1], p) == pytest.approx(pm(x, [10, 20, 10], p), rel=1e-12)


def test_weight_two_equals_a_repeated_item():
    for p in (-2.0, -1.0, 0.0, 1.0, 3.0):
        assert pm([0.3, 0.9], [2, 1], p) == pytest.approx(pm([0.3, 0.3, 0.9], [1, 1, 1], p))


@pytest.mark.parametrize("p", [-math.inf, -5.0, -1.0, 0.0, 1.0, 5.0, math.inf])
def test_zero_weight_item_is_ignored(p):
    # A pillar of weight 0 plays no part, even when it is 0 (it cannot veto) or 1.
    for dropped in (0.0, 1.0):
        assert pm([0.4, dropped, 0.9], [1, 0, 3], p) == pytest.approx(pm([0.4, 0.9], [1, 3], p))


@pytest.mark.parametrize("p", [-math.inf, -10.0, -1.0, -0.3, 0.0])
def test_zero_item_gives_zero_when_p_non_positive(p):
    # OECD/JRC Handbook 2008, section 6.1: geometric (and lower) aggregation is non-compensatory.
    assert pm([0.0, 1.0, 1.0], [1, 1, 1], p) == 0.0
    assert pm([0.9, 0.0], [5, 0.01], p) == 0.0


@pytest.mark.parametrize("p", [0.5, 1.0, 2.0])
def test_zero_item_is_compensated_when_p_positive(p):
    assert pm([0.0, 1.0], [1, 1], p) == pytest.approx(0.5 ** (1 / p))


@pytest.mark.parametrize("p", [-math.inf, -2.0, 0.0, 1.0, 2.0, math.inf])
def test_all_zero_and_all_one(p):
    assert pm([0.0, 0.0], [1, 1], p) == 0.0
    assert pm([1.0, 1.0, 1.0], [1, 2, 3], p) == pytest.approx(1.0)


def test_large_exponents_do_not_overflow():
    # Computed as r * M_p(x / r), so x ** p never overflows (docstring, Notes): (1e-3) ** -500
    # alone would be inf. With x = (a, b): M_p = a * (1/2 + (b/a)^p / 2)^(1/p), ~ a * 2^(-1/p).
    assert pm([1e-3, 0.5], [1, 1], -500) == pytest.approx(1e-3 * 2 ** (1 / 500), rel=1e-9)
    assert pm([1e-3, 0.5], [1, 1], 500) == pytest.approx(0.5 * 0.5 ** (1 / 500), rel=1e-9)


@pytest.mark.parametrize("p", [5e-324, -5e-324, 1e-310, 1e-300, 1e-17, -1e-17, 1e-9, -1e-9])
def test_tiny_exponents_approach_the_geometric_mean(p):
    # M_p -> M_0 as p -> 0 (Hardy, Littlewood & Polya 1934, theorem 3); the error is O(p).
    x, w = [1.0, 0.75, 1.0], [1, 1, 1]
    assert pm(x, w, p) == pytest.approx(0.75 ** (1 / 3), rel=1e-8)
    assert pm([1.0, 1.0, 1.0], [8.45, 4.2, 4.2], p) == pytest.approx(1.0, rel=1e-15)


def test_array_p_gives_one_exponent_per_row():
    x = np.array([[0.25, 1.0], [0.25, 1.0], [0.25, 1.0], [0.25, 1.0]])
    p = np.array([1.0, 0.0, -1.0, -np.inf])
    np.testing.assert_allclose(power_mean(x, [1, 1], p), [0.625, 0.5, 0.4, 0.25], rtol=1e-12)


def test_leading_axes_and_row_weights():
    rng = np.random.default_rng(1)
    x = rng.uniform(size=(4, 5, 3))
    w = rng.uniform(0.1, 1, size=(4, 5, 3))
    out = power_mean(x, w, 0.7)
    assert out.shape == (4, 5)
    expected = [[pm(x[i, j], w[i, j], 0.7) for j in range(5)] for i in range(4)]
    np.testing.assert_allclose(out, expected, rtol=1e-12)


# -- properties ---------------------------------------------------------------------------------
def _items(lo: float = 0.0) -> st.SearchStrategy[tuple[np.ndarray, np.ndarray]]:
    return st.integers(1, 6).flatmap(
        lambda m: st.tuples(
            hnp.arrays(np.float64, m, elements=st.floats(lo, 1.0)),
            hnp.arrays(np.float64, m, elements=st.floats(0.01, 10.0)),
        )
    )


@SETTINGS
@given(_items(lo=1e-6))
def test_classical_means(items):
    x, w = items
    assert pm(x, w, 1) == pytest.approx(np.average(x, weights=w), rel=1e-9)
    assert pm(x, w, 0) == pytest.approx(np.exp(np.average(np.log(x), weights=w)), rel=1e-9)
    assert pm(x, w, -1) == pytest.approx(1 / np.average(1 / x, weights=w), rel=1e-9)
    assert pm(x, w, -math.inf) == x.min()


@SETTINGS
@given(_items(), st.floats(-30, 30), st.floats(-30, 30))
def test_non_decreasing_in_p(items, p1, p2):
    x, w = items
    lo, hi = sorted((p1, p2))
    ordered = [-math.inf, lo, hi, math.inf]
    means = [pm(x, w, p) for p in ordered]
    for a, b in itertools.pairwise(means):
        assert a <= b + 1e-12
    # And it is a mean: between the smallest and the largest item.
    assert x.min() - 1e-12 <= means[1] <= x.max() + 1e-12


@SETTINGS
@given(_items(), st.one_of(st.just(-math.inf), st.floats(-30, 0)), st.data())
def test_zero_item_gives_zero_for_any_non_positive_p(items, p, data):
    x, w = items
    x = x.copy()
    x[data.draw(st.integers(0, x.size - 1))] = 0.0
    assert pm(x, w, p) == 0.0


@SETTINGS
@given(_items(), st.floats(-30, 30), st.data())
def test_non_decreasing_in_each_item(items, p, data):
    x, w = items
    k = data.draw(st.integers(0, x.size - 1))
    raised = x.copy()
    raised[k] = data.draw(st.floats(x[k], 1.0))
    assert pm(raised, w, p) >= pm(x, w, p) - 1e-12


@SETTINGS
@given(_items(), st.floats(-30, 30), st.randoms(use_true_random=False))
def test_invariant_to_item_order(items, p, random):
    x, w = items
    order = list(range(x.size))
    random.shuffle(order)
    assert pm(x[order], w[order], p) == pytest.approx(pm(x, w, p), rel=1e-12, abs=1e-300)


@SETTINGS
@given(
    hnp.arrays(np.float64, (5, 3), elements=st.floats(0, 1)),
    hnp.arrays(np.float64, 5, elements=st.one_of(st.just(-np.inf), st.floats(-10, 10))),
)
def test_array_p_matches_row_by_row(x, p):
    w = np.array([1.0, 2.0, 0.5])
    rows = [pm(x[i], w, p[i]) for i in range(5)]
    np.testing.assert_allclose(power_mean(x, w, p), rows, rtol=1e-12, atol=0)


# -- segment reductions -------------------------------------------------------------------------
def test_segments():
    v = np.array([[1.0, 4.0, 2.0, 8.0, 3.0, 5.0]])
    starts = np.array([0, 2, 3], dtype=np.intp)
    assert segment_reduce(v, starts, "min").tolist() == [[1.0, 2.0, 3.0]]
    assert segment_reduce(v, starts, "max").tolist() == [[4.0, 2.0, 8.0]]
    assert segment_reduce(v, starts, "sum").tolist() == [[5.0, 2.0, 16.0]]
    assert segment_mean(v, starts).tolist() == [[2.5, 2.0, 16.0 / 3]]
    w = np.array([1.0, 3.0, 1.0, 1.0, 2.0, 1.0])
    np.testing.assert_allclose(segment_mean(v, starts, w), [[13 / 4, 2.0, (8 + 6 + 5) / 4]])
