"""Sobol' sensitivity indices: the Ishigami benchmark, labels, exact zeros, and validation."""

from __future__ import annotations

import math

import attrs
import numpy as np
import pytest
from scipy import stats

import alliance_health as ah
from alliance_health import Exact, Model, Profile, Survey, fixtures
from alliance_health._analysis.sensitivity import sobol

MINIMAL = ah.testing.minimal_profile()
OBSERVATIONS = ("threat-public[AAA, 2006]", "threat-public[BBB, 2006]", "meetings[2006]")


def _ishigami(u: np.ndarray, a: float = 7.0, b: float = 0.1) -> np.ndarray:
    # inputs uniform on [-pi, pi], given as points u of the unit cube
    x = stats.uniform(loc=-math.pi, scale=2 * math.pi).ppf(u).T
    return np.sin(x[0]) + a * np.sin(x[1]) ** 2 + b * x[2] ** 4 * np.sin(x[0])


def test_ishigami_indices_match_the_analytic_values():
    # Analytic indices for a = 7, b = 0.1 (Ishigami & Homma 1990; Sobol' & Levitan 1999):
    # S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
    idx = sobol(_ishigami, d=3, n=2**14, rng=np.random.default_rng(1234))
    np.testing.assert_allclose(idx.first_order, [0.3139, 0.4424, 0.0], atol=0.01)
    np.testing.assert_allclose(idx.total, [0.5576, 0.4424, 0.2437], atol=0.01)


def test_ishigami_bootstrap_intervals_cover_the_analytic_values():
    idx = sobol(_ishigami, d=3, n=2**12, rng=np.random.default_rng(7), bootstrap=199)
    assert idx.total_interval is not None
    low, high = np.asarray(idx.total_interval.low), np.asarray(idx.total_interval.high)
    assert np.all(low <= idx.total)
    assert np.all(idx.total <= high)
    assert idx.total_interval.confidence_level == 0.95
    assert np.all(high - low < 0.2)


def test_labels_name_every_uncertain_input():
    res = ah.sensitivity(MINIMAL, 2006, n=64, rng=0)
    assert res.labels == (
        *OBSERVATIONS,
        "model.weights[shared_threat]",
        "model.weights[mutual_obligation]",
        "model.weights[consultation]",
        "model.p",
    )
    assert res.first_order.shape == res.total.shape == (7,)
    fixed = ah.sensitivity(MINIMAL, 2006, n=64, rng=0, vary_model=False)
    assert fixed.labels == OBSERVATIONS


def test_member_that_is_never_the_least_convinced_has_zero_influence():
    # Under the "min" member rule AAA (40 %) never falls below BBB (25 %) with n = 1000: its draws
    # cannot change health at all, so both its indices are exactly zero.
    res = ah.sensitivity(MINIMAL, 2006, n=256, rng=1)
    k = res.labels.index("threat-public[AAA, 2006]")
    assert res.first_order[k] == 0.0
    assert res.total[k] == 0.0
    mean_rule = ah.sensitivity(MINIMAL, 2006, n=256, rng=1, model=Model(member_rule="mean"))
    assert mean_rule.total[k] > 0.0


def _only_meetings_uncertain() -> Profile:
    obs = [
        attrs.evolve(o, uncertainty=Exact()) if isinstance(o.uncertainty, Survey) else o
        for o in MINIMAL.observations
    ]
    return attrs.evolve(MINIMAL, observations=obs)


def test_single_uncertain_input_explains_all_variance():
    res = ah.sensitivity(_only_meetings_uncertain(), 2006, n=1024, rng=2, vary_model=False)
    assert res.labels == ("meetings[2006]",)
    assert res.first_order[0] == pytest.approx(1.0, abs=0.02)
    assert res.total[0] == pytest.approx(1.0, abs=0.02)


def test_exact_profile_has_no_inputs():
    obs = [attrs.evolve(o, uncertainty=Exact()) for o in MINIMAL.observations]
    res = ah.sensitivity(attrs.evolve(MINIMAL, observations=obs), 2006, n=8, vary_model=False)
    assert res.labels == ()
    assert res.total.size == 0
    assert "0 inputs" in repr(res)


def test_indices_are_consistent():
    res = ah.sensitivity(MINIMAL, 2006, n=2048, rng=3)
    assert np.all(res.total >= res.first_order - 0.02)
    assert res.first_order.sum() <= 1.02
    assert res.total.sum() >= 0.98


def test_same_seed_identical_and_ranked_most_influential_first():
    a = ah.sensitivity(MINIMAL, 2006, n=128, rng=5)
    b = ah.sensitivity(MINIMAL, 2006, n=128, rng=5)
    c = ah.sensitivity(MINIMAL, 2006, n=128, rng=6)
    assert np.array_equal(a.first_order, b.first_order)
    assert np.array_equal(a.total, b.total)
    assert not np.array_equal(a.total, c.total)
    ranked = a.ranked()
    assert np.all(np.diff(ranked.total) <= 0)
    assert sorted(ranked.labels) == sorted(a.labels)
    for label, s1, st in zip(ranked.labels, ranked.first_order, ranked.total, strict=True):
        k = a.labels.index(label)
        assert (s1, st) == (a.first_order[k], a.total[k])


def test_bootstrap_intervals_and_degenerate_zero():
    res = ah.sensitivity(MINIMAL, 2006, n=256, rng=1, vary_model=False, bootstrap=99)
    assert res.first_order_interval is not None
    assert res.total_interval is not None
    low, high = np.asarray(res.total_interval.low), np.asarray(res.total_interval.high)
    assert np.all(low <= high)
    assert (low[0], high[0]) == (0.0, 0.0)  # AAA never matters: a degenerate interval at 0
    ranked = res.ranked()
    assert ranked.total_interval is not None
    assert np.asarray(ranked.total_interval.low)[-1] == 0.0
    assert res.to_frame()["confidence_level"].tolist() == [0.95] * len(res.labels)
    assert "total_high" in repr(res)


@pytest.mark.parametrize("n", [1000, 3, 6])
def test_n_must_be_a_power_of_two(n):
    with pytest.raises(ah.ValidationError, match=r"n must be a power of two.*got \d+: use"):
        ah.sensitivity(MINIMAL, 2006, n=n)


@pytest.mark.parametrize("n", [1, 2.0, "8", False])
def test_n_must_be_a_whole_number(n):
    with pytest.raises(ah.ValidationError, match=r"n must be a whole number >= 2"):
        ah.sensitivity(MINIMAL, 2006, n=n)


def test_invalid_year_rng_and_bootstrap():
    one_year = r"year must be one year, a whole number from 1 to 9999 \(sensitivity analyses one"
    with pytest.raises(ah.ValidationError, match=one_year):
        ah.sensitivity(MINIMAL, [2005, 2006], n=8)  # type: ignore[arg-type]
    with pytest.raises(ah.ValidationError, match=one_year):
        ah.sensitivity(MINIMAL, 0, n=8)
    with pytest.raises(ah.ValidationError, match=r"rng must be None"):
        ah.sensitivity(MINIMAL, 2006, n=8, rng="x")  # type: ignore[arg-type]
    with pytest.raises(ah.ValidationError, match=r"bootstrap must be None .* got 1"):
        ah.sensitivity(MINIMAL, 2006, n=8, bootstrap=1)
    with pytest.raises(ah.ValidationError, match=r"bootstrap must be None .* got 9.5"):
        ah.sensitivity(MINIMAL, 2006, n=8, bootstrap=9.5)  # type: ignore[arg-type]


def test_repr_and_html():
    res = ah.sensitivity(MINIMAL, 2006, n=64, rng=0, vary_model=False)
    text = repr(res)
    assert text.splitlines()[0] == "Sobol' indices of 'minimal' health in 2006: 3 inputs, n=64"
    assert "meetings[2006]" in text
    html = res._repr_html_()
    assert html.count("<tr>") == 4


def test_single_input_with_bootstrap():
    res = ah.sensitivity(
        _only_meetings_uncertain(), 2006, n=512, rng=2, vary_model=False, bootstrap=99
    )
    assert res.total_interval is not None
    assert np.asarray(res.total_interval.low).shape == (1,)
    assert np.asarray(res.total_interval.low)[0] <= res.total[0]


def test_a_built_in_profile_and_the_model_are_checked():
    by_id = ah.sensitivity("rok-us", 2006, n=8, rng=0, vary_model=False)
    assert by_id.profile_id == "rok-us"
    assert (
        by_id.labels == ah.sensitivity(fixtures.rok_us(), 2006, n=8, rng=0, vary_model=False).labels
    )
    with pytest.raises(
        ah.UnknownReferenceError, match=r"profile 'rok' is not the id of a built-in"
    ):
        ah.sensitivity("rok", 2006, n=8)
    with pytest.raises(ah.ArgumentTypeError, match=r"^model must be a Model"):
        ah.sensitivity(MINIMAL, 2006, n=8, model={"p": 1})  # type: ignore[arg-type]
