"""Tabulated quantile functions: within their measured error of SciPy's exact ones."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from alliance_health._analysis.quantiles import TOLERANCE, QuantileGrid

shares = st.floats(0.0, 100.0)
sizes = st.integers(2, 5000)


@settings(max_examples=40, deadline=None)
@given(share=shares, n=sizes, seed=st.integers(0, 2**32 - 1))
def test_beta_quantiles_within_tolerance_of_scipy(share, n, seed):
    k = share / 100.0 * n
    dist = stats.beta(np.array([k + 0.5]), np.array([n - k + 0.5]), scale=100.0)
    grid = QuantileGrid.build(dist.ppf, isf=dist.isf, d=1, scale=np.array([100.0]))
    u = np.random.default_rng(seed).random((2000, 1))
    error = np.abs(grid(u) - dist.ppf(u)).max()
    # the measured midpoint error is what the grid promises, and it meets the tolerance
    assert grid.error[0] <= TOLERANCE * 100.0
    assert error <= 1.05 * grid.error[0] + 1e-12


def test_many_inputs_in_one_call_each_within_its_own_error():
    a, b = np.array([2.5, 40.5, 700.5]), np.array([90.5, 60.5, 300.5])
    dist = stats.beta(a, b, scale=100.0)
    grid = QuantileGrid.build(dist.ppf, isf=dist.isf, d=3, scale=np.full(3, 100.0))
    u = np.random.default_rng(1).random((500, 3))
    error = np.abs(grid(u) - dist.ppf(u)).max(axis=0)
    assert np.all(error <= 1.05 * grid.error + 1e-12)
    assert np.all(grid.error <= TOLERANCE * 100.0)


def test_monotone_and_exact_at_the_median():
    dist = stats.gamma(np.array([3.0, 20.0]))
    grid = QuantileGrid.build(dist.ppf, isf=dist.isf, d=2, scale=np.array([10.0, 40.0]))
    u = np.linspace(1e-9, 1 - 1e-9, 10_001)[:, None].repeat(2, axis=1)
    q = grid(u)
    assert np.all(np.diff(q, axis=0) >= 0)
    np.testing.assert_allclose(grid(np.full((1, 2), 0.5))[0], dist.median(), rtol=1e-12)


def test_a_quantile_function_the_grid_cannot_meet_reports_its_error():
    # a step function has no smooth inverse: the grid stops refining and says how far off it is
    def step(u):
        return np.where(u < 0.5, 0.0, 1.0)

    grid = QuantileGrid.build(step, d=1, scale=np.array([1.0]))
    assert grid.error[0] > TOLERANCE
