"""Monte Carlo uncertainty: distributions of the inputs, determinism, intervals and validation."""

from __future__ import annotations

import itertools
import math
import subprocess
import sys
import warnings

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats
from scipy.stats import qmc

import alliance_health as ah
from alliance_health import Exact, Model, Observation, Pillar, Profile, Range, Survey, fixtures
from alliance_health._analysis.uncertainty import UncertainInputs, draw_pillars, p_interval
from alliance_health._scoring.engine import build_layout

from strategies import models, profiles, scorable_years


def _with_uncertainty(profile: Profile, survey_n: int | None, half: float | None) -> Profile:
    """``profile`` with every Survey's n and every Range's half-width replaced."""
    out = []
    for obs in profile.observations:
        o = obs
        if isinstance(o.uncertainty, Survey):
            o = attrs.evolve(o, uncertainty=Exact() if survey_n is None else Survey(n=survey_n))
        elif isinstance(o.uncertainty, Range):
            unc = Exact() if half is None else Range(o.value - half, o.value + half)
            o = attrs.evolve(o, uncertainty=unc)
        out.append(o)
    return attrs.evolve(profile, observations=out)


def _exact(profile: Profile) -> Profile:
    return _with_uncertainty(profile, None, None)


MINIMAL = ah.testing.minimal_profile()


def test_exact_profile_has_zero_width_at_the_score():
    profile = _exact(MINIMAL)
    res = ah.uncertainty(profile, 2006, n=256, rng=0)
    expected = ah.score(profile, 2006).health
    ci = res.interval(0.9)
    assert ci.low == ci.high
    assert ci.width == 0.0
    assert ci.low == pytest.approx(expected, abs=1e-12)
    assert res.inputs == ()
    assert np.ptp(res.draws) == 0.0


def test_median_converges_to_the_score_as_uncertainty_shrinks():
    point = ah.score(MINIMAL, 2006).health
    gaps, widths = [], []
    for survey_n, half in [(100, 1.0), (10_000, 0.1), (1_000_000, 0.01), (100_000_000, 0.001)]:
        res = ah.uncertainty(_with_uncertainty(MINIMAL, survey_n, half), 2006, n=4096, rng=5)
        assert res.point == pytest.approx(point, abs=1e-15)
        gaps.append(abs(res.median - point))
        widths.append(res.interval(0.9).width)
    assert all(a > b for a, b in itertools.pairwise(widths))
    assert all(a > b for a, b in itertools.pairwise(gaps))
    assert gaps[-1] < 1e-6


def test_same_seed_gives_identical_draws_and_different_seeds_differ():
    a = ah.uncertainty(MINIMAL, 2006, n=512, rng=11, vary_model=True)
    b = ah.uncertainty(MINIMAL, 2006, n=512, rng=11, vary_model=True)
    c = ah.uncertainty(MINIMAL, 2006, n=512, rng=12, vary_model=True)
    assert np.array_equal(a.draws, b.draws)
    assert np.array_equal(a.pillars, b.pillars)
    assert not np.array_equal(a.draws, c.draws)


def test_generator_in_the_same_state_gives_identical_draws():
    a = ah.uncertainty(MINIMAL, 2006, n=300, rng=np.random.default_rng(3))
    b = ah.uncertainty(MINIMAL, 2006, n=300, rng=np.random.default_rng(3))
    assert np.array_equal(a.draws, b.draws)


def test_fresh_entropy_without_rng():
    a = ah.uncertainty(MINIMAL, 2006, n=64)
    b = ah.uncertainty(MINIMAL, 2006, n=64)
    assert not np.array_equal(a.draws, b.draws)


@pytest.mark.parametrize("level", [0.5, 0.9, 0.99])
def test_intervals_contain_the_point_score(level):
    res = ah.uncertainty(MINIMAL, 2006, n=4096, rng=1)
    ci = res.interval(level)
    assert ci.low < res.point < ci.high
    assert ci.confidence_level == level
    for pillar in (Pillar.SHARED_THREAT, Pillar.CONSULTATION):
        pci = res.pillar_interval(pillar, level)
        point = ah.score(MINIMAL, 2006).pillars[pillar]
        assert pci.low < point < pci.high


def test_exact_pillar_stays_fixed_and_pillar_samples_by_name():
    res = ah.uncertainty(MINIMAL, 2006, n=128, rng=1)
    obligation = res.pillar_draws("mutual_obligation")
    assert obligation.shape == (128,)
    assert np.all(obligation == 1.0)
    assert res.pillar_interval(Pillar.MUTUAL_OBLIGATION).width == 0.0


def test_interval_is_equal_tailed():
    res = ah.uncertainty(MINIMAL, 2006, n=4096, rng=2)
    ci = res.interval(0.8)
    below = np.mean(res.draws < ci.low)
    above = np.mean(res.draws > ci.high)
    assert below == pytest.approx(0.1, abs=2e-3)
    assert above == pytest.approx(0.1, abs=2e-3)


def test_prob_below():
    res = ah.uncertainty(MINIMAL, 2006, n=1024, rng=4)
    assert res.prob_below(-0.1) == 0.0
    assert res.prob_below(1.1) == 1.0
    assert res.prob_below(res.median) == pytest.approx(0.5, abs=2e-3)
    with pytest.raises(
        ah.ValidationError, match=r"threshold must be a finite number, e.g. 0.5; got nan"
    ):
        res.prob_below(math.nan)


def test_quantiles_match_interval():
    res = ah.uncertainty(MINIMAL, 2006, n=1024, rng=4)
    lo, hi = res.quantiles(0.05, 0.95)
    ci = res.interval(0.9)
    assert (lo, hi) == (ci.low, ci.high)
    multi = ah.uncertainty(MINIMAL, years=[2006, 2007], n=64, rng=0)
    assert multi.quantiles(0.1, 0.5, 0.9).shape == (3, 2)
    with pytest.raises(ah.ValidationError, match=r"quantiles must lie in \[0, 1\]; got 1.5"):
        res.quantiles(1.5)


def _two_year_profile() -> Profile:
    """MINIMAL plus a 2007 meetings coding, so 2007 differs from 2006 in one observation."""
    extra = Observation(
        indicator="meetings",
        year=2007,
        value=3,
        source="illustrative",
        uncertainty=Range(2, 4),
        note="illustrative value, not an observation",
    )
    return attrs.evolve(MINIMAL, observations=(*MINIMAL.observations, extra))


def test_multi_year_point_matches_score_per_year():
    profile = _two_year_profile()
    years = [2006, 2007, 2008]
    res = ah.uncertainty(profile, years=years, n=1024, rng=8)
    assert res.draws.shape == (1024, 3)
    assert res.pillars.shape == (1024, 3, 3)
    expected = [ah.score(profile, y).health for y in years]
    np.testing.assert_allclose(res.point, expected, rtol=0, atol=1e-15)
    ci = res.interval(0.9)
    assert np.all((ci.low <= res.point) & (res.point <= ci.high))
    assert len(res.prob_below(0.5)) == 3  # type: ignore[arg-type]


def test_multi_year_draws_are_shared_across_years(monkeypatch):
    # In 2006 and 2007 the minimal profile uses the same observations (meetings has horizon 1).
    # In 2007 they are a year old, so their ranges widen, but every input keeps its quantile
    # level: a draw below the median in 2006 is below it in 2007 too.
    stale = ah.uncertainty(MINIMAL, years=[2006, 2007], n=512, rng=9)
    shared = stale.pillar_draws(Pillar.SHARED_THREAT)
    below = shared < np.median(shared, axis=0)
    assert np.array_equal(below[:, 0], below[:, 1])
    assert np.ptp(shared[:, 1]) > np.ptp(shared[:, 0])
    # Without widening every draw gives the same health in both years, and matches a one-year run.
    monkeypatch.setattr("alliance_health._scoring.groups.STALE_RATE", 0.0)
    both = ah.uncertainty(MINIMAL, years=[2006, 2007], n=512, rng=9)
    assert np.array_equal(both.draws[:, 0], both.draws[:, 1])
    alone = ah.uncertainty(MINIMAL, 2006, n=512, rng=9)
    assert np.array_equal(both.draws[:, 0], alone.draws)
    # With a new 2007 meetings coding, consultation differs but the shared-threat surveys (the
    # same observations in both years) keep the same draws.
    changed = ah.uncertainty(_two_year_profile(), years=[2006, 2007], n=512, rng=9)
    threat = changed.pillar_draws(Pillar.SHARED_THREAT)
    assert np.array_equal(threat[:, 0], threat[:, 1])
    consult = changed.pillar_draws(Pillar.CONSULTATION)
    assert not np.array_equal(consult[:, 0], consult[:, 1])


def test_vary_model_inputs_and_documented_choices():
    res = ah.uncertainty(MINIMAL, 2006, n=256, rng=0, vary_model=True)
    assert res.inputs[-4:] == (
        "model.weights[shared_threat]",
        "model.weights[mutual_obligation]",
        "model.weights[consultation]",
        "model.p",
    )
    fixed_p = ah.uncertainty(MINIMAL, 2006, n=16, rng=0, model=Model(p=-math.inf), vary_model=True)
    assert "model.p" not in fixed_p.inputs
    one_zero = Model(weights=(1, 0, 1))
    zero_w = ah.uncertainty(MINIMAL, 2006, n=16, rng=0, model=one_zero, vary_model=True)
    assert "model.weights[mutual_obligation]" not in zero_w.inputs
    assert p_interval(0.0) == (-1.0, 1.0)
    assert p_interval(1.0) == (0.0, 1.0)
    assert p_interval(3.0) == (2.0, 3.0)
    assert p_interval(-math.inf) is None


def test_vary_model_leaves_equal_pillars_unchanged():
    # Any power mean of equal values is that value, whatever the weights and exponent.
    profile = _exact(MINIMAL)
    obs = [
        attrs.evolve(o, value=v)
        for o, v in zip(profile.observations, (50, 50, 1.5, 2), strict=True)
    ]
    profile = attrs.evolve(profile, observations=obs)
    res = ah.uncertainty(profile, 2006, n=512, rng=3, vary_model=True)
    np.testing.assert_allclose(res.draws, 0.5, rtol=0, atol=1e-12)


def test_vary_model_weights_follow_the_documented_dirichlet():
    layout = build_layout(MINIMAL, [2006])
    inputs = UncertainInputs.build(layout, Model(), vary_model=True)
    u = qmc.Sobol(inputs.d, rng=np.random.default_rng(0)).random_base2(14)
    x = inputs.ppf(u)
    share = x[:, 3] / x[:, 3:6].sum(axis=1)  # shared-threat share of the weights
    expected = stats.beta(20, 40)
    assert share.mean() == pytest.approx(expected.mean(), abs=1e-3)
    assert share.std() == pytest.approx(expected.std(), abs=1e-3)
    assert x[:, 6].min() >= -1.0
    assert x[:, 6].max() <= 1.0


def test_ppf_matches_the_frozen_distributions_column_by_column():
    layout = build_layout(MINIMAL, [2006])
    inputs = UncertainInputs.build(layout, Model(p=0.5), vary_model=True)
    u = np.random.default_rng(1).random((64, inputs.d))
    x = inputs.ppf(u)
    for j, dist in enumerate(inputs.dists()):
        np.testing.assert_array_equal(x[:, j], dist.ppf(u[:, j]))


def test_survey_draws_have_the_jeffreys_spread_and_the_observed_median():
    layout = build_layout(MINIMAL, [2006])
    inputs = UncertainInputs.build(layout, Model(), vary_model=False)
    assert inputs.labels[0] == "threat-public[AAA, 2006]"
    u = qmc.Sobol(inputs.d, rng=np.random.default_rng(0)).random_base2(14)
    draws = inputs.observation_values(inputs.ppf(u)[:, :3])[:, 0]  # AAA: 40 % of 1000
    assert np.median(draws) == pytest.approx(40.0, abs=1e-2)
    assert inputs.observation_values(np.full((1, 3), 0.5))[0, 0] == pytest.approx(40.0, abs=1e-9)
    assert draws.std() == pytest.approx(100 * stats.beta(400.5, 600.5).std(), rel=1e-2)
    assert inputs.beta_a[0] + inputs.beta_b[0] == pytest.approx(1001)


def test_range_draws_are_two_piece_triangular_with_mode_and_median_at_the_value():
    layout = build_layout(MINIMAL, [2006])
    inputs = UncertainInputs.build(layout, Model(), vary_model=False)
    assert inputs.labels[2] == "meetings[2006]"
    u = qmc.Sobol(inputs.d, rng=np.random.default_rng(0)).random_base2(14)
    draws = inputs.observation_values(inputs.ppf(u)[:, :3])[:, 2]  # Range(1, 3) around 2
    assert draws.min() >= 1.0
    assert draws.max() <= 3.0
    assert draws.mean() == pytest.approx(2.0, abs=1e-3)
    assert np.mean(draws < 1.5) == pytest.approx(0.125, abs=1e-3)  # (0.5 / 1) ** 2 / 2


def test_degenerate_range_is_fixed():
    obs = [
        attrs.evolve(o, uncertainty=Range(2, 2)) if o.indicator == "meetings" else o
        for o in MINIMAL.observations
    ]
    res = ah.uncertainty(attrs.evolve(MINIMAL, observations=obs), 2006, n=32, rng=0)
    assert "meetings[2006]" not in res.inputs
    assert np.all(res.pillar_draws(Pillar.CONSULTATION) == 0.5)


def test_non_power_of_two_n_raises_no_warning():
    # pytest turns warnings into errors, so this also checks the balance warning is silenced.
    res = ah.uncertainty(MINIMAL, 2006, n=1000, rng=0)
    assert res.n == 1000


def test_blocks_give_the_same_draws_as_one_call(monkeypatch):
    one = ah.uncertainty(MINIMAL, years=[2006, 2007], n=1000, rng=6, vary_model=True)
    monkeypatch.setattr("alliance_health._analysis.draws._BLOCK_BYTES", 8 * 7 * 64)
    layout = build_layout(MINIMAL, [2006, 2007])
    assert len(list(UncertainInputs.build(layout, Model(), vary_model=True).blocks(1000))) > 10
    many = ah.uncertainty(MINIMAL, years=[2006, 2007], n=1000, rng=6, vary_model=True)
    assert np.array_equal(one.draws, many.draws)


def test_draw_pillars_matches_uncertainty():
    res = ah.uncertainty(MINIMAL, years=[2006], n=256, rng=2)
    pillars = draw_pillars(MINIMAL, [2006], n=256, rng=np.random.default_rng(2), model=Model())
    assert np.array_equal(res.pillars, pillars[:, 0])


@pytest.mark.parametrize("n", [1, 0, -4, 2.5, True, "64", None])
def test_invalid_n(n):
    with pytest.raises(ah.ValidationError, match=r"n must be a whole number >= 2.*got"):
        ah.uncertainty(MINIMAL, 2006, n=n)


@pytest.mark.parametrize("level", [0, 1, 1.5, -0.1, math.nan, "0.9", True])
def test_invalid_level(level):
    res = ah.uncertainty(MINIMAL, 2006, n=16, rng=0)
    pattern = r"confidence_level must be a number strictly between 0 and 1.*got"
    with pytest.raises(ah.ValidationError, match=pattern):
        res.interval(level)
    with pytest.raises(ah.ValidationError, match=pattern):
        res.pillar_interval(Pillar.CONSULTATION, level)


@pytest.mark.parametrize("rng", ["seed", 1.5, -1, True, np.random.RandomState(0)])
def test_invalid_rng(rng):
    with pytest.raises(ah.ValidationError, match=r"rng must be None.*Generator; got"):
        ah.uncertainty(MINIMAL, 2006, n=16, rng=rng)


def test_invalid_year_and_pillar():
    with pytest.raises(ah.InsufficientDataError, match="before"):
        ah.uncertainty(MINIMAL, 1990, n=16, rng=0)
    res = ah.uncertainty(MINIMAL, 2006, n=16, rng=0)
    with pytest.raises(ah.ValidationError, match="pillar must be one of"):
        res.pillar_draws("trust")


def test_repr_and_html():
    res = ah.uncertainty(MINIMAL, 2006, n=64, rng=0)
    text = repr(res)
    assert text.startswith("Uncertainty of 'minimal' health in 2006: 64 draws over 3")
    assert "consultation" in text
    assert text.splitlines()[1].split() == ["score", "centre", "low", "high", "confidence_level",
                                            "as_coded", "observed"]  # fmt: skip
    assert "<table>" in res._repr_html_()
    multi = ah.uncertainty(MINIMAL, years=[2006, 2007], n=64, rng=0)
    assert "2006-2007" in repr(multi)
    assert "\n2007 " in repr(multi)
    assert repr(ah.Interval(low=0.1, high=0.2, confidence_level=0.9)) == (
        "Interval(low=0.1, high=0.2, confidence_level=0.9)"
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_draws_lie_in_the_unit_interval_and_point_is_score(data):
    profile = data.draw(profiles())
    year = data.draw(scorable_years(profile))
    model = data.draw(models())
    vary = data.draw(st.booleans())
    res = ah.uncertainty(profile, year, n=64, rng=data.draw(st.integers(0, 2**32)), model=model,
                         vary_model=vary)  # fmt: skip
    assert np.all((res.draws >= 0) & (res.draws <= 1 + 1e-12))
    assert np.all((res.pillars >= 0) & (res.pillars <= 1 + 1e-12))
    assert res.point == pytest.approx(ah.score(profile, year, model=model).health, abs=1e-12)


def test_importing_the_package_does_not_import_scipy():
    code = "import sys, alliance_health; print('scipy' in sys.modules)"
    out = subprocess.run(  # noqa: S603  (runs this interpreter on a fixed string)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_draws_of_two_calls_pair_as_independent():
    # Two scramblings of the same Sobol' sequence are strongly correlated point by point; the
    # draws are shuffled so that pairing them (as comparisons do) is sound.
    gen = np.random.default_rng(2)
    a = ah.uncertainty(MINIMAL, 2006, n=4096, rng=gen).pillar_draws(Pillar.CONSULTATION)
    b = ah.uncertainty(MINIMAL, 2006, n=4096, rng=gen).pillar_draws(Pillar.CONSULTATION)
    assert abs(np.corrcoef(a, b)[0, 1]) < 4 / math.sqrt(4096)


# -- one shape whatever the spelling; deprecated spellings ----------------------------------------
def test_one_year_has_one_shape_however_it_is_spelled():
    by_year = ah.uncertainty(MINIMAL, 2006, n=128, rng=3)
    by_years = ah.uncertainty(MINIMAL, years=[2006], n=128, rng=3)
    with pytest.warns(DeprecationWarning, match=r"uncertainty\(year=\[\.\.\.\]\).*use years="):
        by_list = ah.uncertainty(MINIMAL, [2006], n=128, rng=3)
    for res in (by_years, by_list):
        assert res.draws.shape == by_year.draws.shape == (128,)
        assert np.array_equal(res.draws, by_year.draws)
        assert isinstance(res.median, float)
        assert res.interval() == by_year.interval()


def test_at_takes_one_year_out_of_several():
    both = ah.uncertainty(MINIMAL, years=[2006, 2007], n=128, rng=3)
    one = both.at(2007)
    assert one.years == (2007,)
    assert np.array_equal(one.draws, both.draws[:, 1])
    assert one.point == both.point[1]  # type: ignore[index]
    assert one.interval().low == both.interval().low[1]  # type: ignore[index]
    assert one.at(2007) is one
    with pytest.raises(ah.InsufficientDataError, match=r"year 2005 is not among .*\[2006, 2007\]"):
        both.at(2005)


def test_year_and_years_are_exclusive():
    with pytest.raises(ah.ArgumentTypeError, match=r"needs year= .* or years= .*exactly one"):
        ah.uncertainty(MINIMAL, n=16)
    with pytest.raises(ah.ArgumentTypeError, match=r"got year=2006, years=\[2006\]"):
        ah.uncertainty(MINIMAL, 2006, years=[2006], n=16)


def test_deprecated_spellings_still_answer():
    res = ah.uncertainty(MINIMAL, 2006, n=64, rng=1)
    with pytest.warns(DeprecationWarning, match=r"UncertaintyResult\.samples.*use .*\.draws"):
        assert res.samples is res.draws
    with pytest.warns(DeprecationWarning, match=r"pillar_samples\(\).*use pillar_draws\(\)"):
        old = res.pillar_samples("consultation")
    assert np.array_equal(old, res.pillar_draws("consultation"))
    with pytest.warns(DeprecationWarning, match=r"interval\(level=\.\.\.\).*confidence_level="):
        assert res.interval(level=0.8) == res.interval(0.8)
    with pytest.warns(DeprecationWarning, match=r"pillar_interval\(confidence_level=\.\.\.\)"):
        assert res.pillar_interval("consultation", level=0.8) == res.pillar_interval(
            "consultation", 0.8
        )


def test_interval_keeps_level_as_a_deprecated_spelling():
    with pytest.warns(DeprecationWarning, match=r"Interval\(level=\.\.\.\).*confidence_level"):
        iv = ah.Interval(low=0.1, high=0.2, level=0.9)
    assert iv == ah.Interval(low=0.1, high=0.2, confidence_level=0.9)
    with pytest.warns(DeprecationWarning, match=r"Interval\.level.*Interval\.confidence_level"):
        assert iv.level == 0.9
    with pytest.warns(DeprecationWarning, match=r"unpacking an Interval.*\.low and \.high"):
        low, high = iv
    assert (low, high) == (0.1, 0.2)
    with pytest.raises(ah.ArgumentTypeError, match=r"needs confidence_level="):
        ah.Interval(low=0.1, high=0.2)


def test_a_built_in_profile_is_accepted_by_its_id():
    by_id = ah.uncertainty("rok-us", 2006, n=64, rng=0)
    by_object = ah.uncertainty(fixtures.rok_us(), 2006, n=64, rng=0)
    assert by_id.profile_id == "rok-us"
    assert np.array_equal(by_id.draws, by_object.draws)


def test_a_model_of_the_wrong_kind_is_refused():
    with pytest.raises(ah.ArgumentTypeError, match=r"^model must be a Model, e\.g\. Model\(p=1\)"):
        ah.uncertainty(MINIMAL, 2006, n=16, model="geometric")  # type: ignore[arg-type]


@pytest.mark.parametrize("pid", ["rok-us", "nato-post-1990"])
def test_every_centre_of_a_built_in_profile_lies_inside_its_interval(pid):
    # Acceptance: over every built-in profile-year, each value presented as a centre (health and
    # each pillar, as the table shows them) lies inside the interval shown with it.
    profile = ah.fixtures.get(pid)
    years = ah._scoring.engine.scorable_years(profile).tolist()
    with warnings.catch_warnings(action="ignore", category=ah.CoverageWarning):
        res = ah.uncertainty(profile, years=years, n=2048, rng=0)
    for draws in (res.draws, *(res.pillar_draws(p) for p in Pillar)):
        centre = np.median(draws, axis=0)
        low, high = np.quantile(draws, [0.05, 0.95], axis=0)
        assert np.all((low <= centre) & (centre <= high))
    table = res.table()
    for row in table.records():
        assert row["low"] <= row["centre"] <= row["high"], row
    assert res.coverage is not None
    assert res.coverage.observed_share.shape == (len(years), 3)
