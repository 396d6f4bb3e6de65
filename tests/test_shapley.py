import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_health._analysis.shapley import shapley
from alliance_health._scoring.aggregate import power_mean

from strategies import model_p

unit = st.floats(0, 1)
pillars = st.tuples(unit, unit, unit)
weights = st.tuples(*(st.floats(0, 5),) * 3).filter(lambda w: sum(w) > 0.01)


@settings(max_examples=200)
@given(pillars, pillars, weights, model_p())
def test_attribution_is_exact_for_any_model(a, b, w, p):
    # Efficiency of the Shapley value (Shapley 1953, axiom 2): shares sum to H(a) - H(b).
    phi = shapley(a, b, w, p)
    delta = power_mean(a, w, p) - power_mean(b, w, p)
    assert abs(phi.sum() - delta) <= 1e-12


@given(pillars, weights, model_p())
def test_a_pillar_that_does_not_differ_gets_nothing(a, w, p):
    # Null-player axiom: change only the first pillar; the other two must get exactly zero.
    b = (0.5 * a[0], a[1], a[2])
    phi = shapley(a, b, w, p)
    assert phi[1] == 0.0
    assert phi[2] == 0.0


def test_arithmetic_mean_reduces_to_weighted_differences():
    # With p = 1, H is linear, so each pillar's share is w_i (a_i - b_i) / sum(w).
    a, b, w = np.array([0.2, 0.9, 0.4]), np.array([0.8, 0.5, 0.6]), np.array([1.0, 2.0, 1.0])
    np.testing.assert_allclose(shapley(a, b, w, 1.0), w * (a - b) / w.sum(), atol=1e-15)


def test_hand_computed_geometric_case():
    # H = geometric mean of (x, 1, 1) vs (y, 1, 1): only pillar 0 differs, so it takes all.
    phi = shapley([0.125, 1, 1], [1, 1, 1], [1, 1, 1], 0.0)
    assert math.isclose(phi[0], 0.5 - 1.0)
    assert phi[1] == phi[2] == 0.0


def test_vectorised_over_draws_with_per_draw_p():
    rng = np.random.default_rng(3)
    a, b = rng.random((50, 3)), rng.random((50, 3))
    p = rng.uniform(-3, 3, 50)
    phi = shapley(a, b, [1, 1, 1], p)
    rows = np.array([shapley(a[k], b[k], [1, 1, 1], p[k]) for k in range(50)])
    np.testing.assert_allclose(phi, rows, atol=1e-14)
