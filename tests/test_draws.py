"""Monte Carlo inputs: median-centred draws, stale widening, absent members, unobserved ones."""

from __future__ import annotations

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats
from scipy.stats import qmc

import alliance_health as ah
from alliance_health import (
    Exact,
    Indicator,
    Member,
    Model,
    Observation,
    Pillar,
    Profile,
    Range,
    Source,
    Survey,
)
from alliance_health._analysis.draws import UncertainInputs, median_beta
from alliance_health._scoring.engine import build_layout, scorable_years
from alliance_health._scoring.select import STALE_RATE

BUILT_IN = {"rok-us": ah.fixtures.rok_us(), "nato-post-1990": ah.fixtures.nato_post_1990()}
SRC = Source(key="s", title="Hand-made values for tests", kind="dataset")
NOTE = "test value"


def _built_in_inputs(pid: str) -> UncertainInputs:
    profile = BUILT_IN[pid]
    years = scorable_years(profile)
    return UncertainInputs.build(build_layout(profile, years), Model(), vary_model=False)


@pytest.mark.parametrize("pid", sorted(BUILT_IN))
def test_every_uncertain_input_of_the_built_ins_is_centred_on_its_coded_value(pid):
    # Acceptance: each uncertain input's draws have their median within 0.5 % of its scale of
    # the coded value, for every observation in every year it serves (stale ones widened).
    inputs = _built_in_inputs(pid)
    lay = inputs.layout
    m = inputs.obs_col.size
    assert m > 0
    u = qmc.Sobol(m, rng=np.random.default_rng(0)).random_base2(14)
    values = inputs.observation_values(u)
    scale = lay.scale_hi[inputs.obs_col] - lay.scale_lo[inputs.obs_col]
    gap = np.abs(np.median(values, axis=0) - inputs.value) / scale
    assert gap.max() < 0.005
    slots = inputs.slot_values(u)  # normalised, every slot, widened by age
    coded = lay.normalise(np.array([o.value for o in lay.all_observations]))[lay.slot_obs]
    assert np.abs(np.median(slots, axis=0) - coded).max() < 0.005
    # at the median level itself every slot is exactly its coded value
    np.testing.assert_allclose(inputs.slot_values(np.full((1, m), 0.5))[0], coded, atol=1e-9)


def test_median_beta_keeps_the_jeffreys_concentration():
    a, b = median_beta([0.0, 0.03, 0.5, 0.62, 1.0], [50, 1000, 10, 1000, 50])
    np.testing.assert_allclose(a + b, [51, 1001, 11, 1001, 51])
    medians = stats.beta(a, b).median()
    np.testing.assert_allclose(medians, [0.0, 0.03, 0.5, 0.62, 1.0], atol=1e-9)


def _one_pillar_uncertain(ind: Indicator, obs: Observation, years: int) -> Profile:
    """A profile whose only uncertain input is ``obs``; the other pillars are exact and fixed."""
    others = [
        Indicator(id=f"fix-{p.value}", pillar=p, label=p.label, scale=(0, 1),
                  threat="rival" if p is Pillar.SHARED_THREAT else None)
        for p in Pillar if p is not ind.pillar
    ]  # fmt: skip
    fixed = [
        Observation(indicator=i.id, year=obs.year, value=0.6, source="s", note=NOTE) for i in others
    ]
    if years:  # the data run on to the last year asked for
        fixed.append(Observation(indicator=others[0].id, year=obs.year + years, value=0.6,
                                 source="s"))  # fmt: skip
    return Profile(
        id="stale", name="Stale", founded=obs.year, members=[Member(code="AAA", joined=1900)],
        sources=[SRC], indicators=[ind, *others], observations=[obs, *fixed],
    )  # fmt: skip


@st.composite
def served(draw: st.DrawFn) -> tuple[Indicator, Observation, int]:
    pillar = draw(st.sampled_from([Pillar.MUTUAL_OBLIGATION, Pillar.CONSULTATION]))
    horizon = draw(st.integers(1, 8))
    ind = Indicator(id="x", pillar=pillar, label="x", scale=(0, 100), horizon=horizon,
                    higher_is_better=draw(st.booleans()))  # fmt: skip
    value = draw(st.floats(0, 100))
    kind = draw(st.sampled_from(["exact", "range", "survey"]))
    unc: ah.Uncertainty = Exact()
    if kind == "range":
        unc = Range(value * draw(st.floats(0, 1)), value + (100 - value) * draw(st.floats(0, 1)))
    elif kind == "survey":
        unc = Survey(n=draw(st.integers(20, 3000)))
    obs = Observation(indicator="x", year=2000, value=value, source="s", uncertainty=unc,
                      note=NOTE)  # fmt: skip
    return ind, obs, horizon


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(served())
def test_an_older_serving_observation_is_never_narrower(case):
    # Acceptance property: the same observation serving its own year, then ever later years up
    # to its horizon, has a health interval that never narrows (same quantile levels each year).
    ind, obs, horizon = case
    profile = _one_pillar_uncertain(ind, obs, horizon)
    years = list(range(obs.year, obs.year + horizon + 1))
    res = ah.uncertainty(profile, years=years, n=1024, rng=0, model=Model(coverage_threshold=0))
    ci = res.interval(0.9)
    widths = np.asarray(ci.high) - np.asarray(ci.low)
    assert np.all(np.diff(widths) >= -1e-12)
    pillar = np.asarray(res.pillar_interval(ind.pillar).width)
    assert np.all(np.diff(pillar) >= -1e-12)
    if pillar[0] < 0.5:  # room left on the scale: a year of age widens it
        assert pillar[-1] > pillar[0]


def test_stale_range_widens_by_the_rate_on_each_side():
    ind = Indicator(id="x", pillar="consultation", label="x", scale=(0, 10), horizon=5)
    obs = Observation(indicator="x", year=2000, value=5, source="s", uncertainty=Range(4, 6),
                      note=NOTE)  # fmt: skip
    profile = _one_pillar_uncertain(ind, obs, 5)
    inputs = UncertainInputs.build(build_layout(profile, [2000, 2003]), Model(), vary_model=False)
    ends = inputs.slot_values(np.array([[0.0], [1.0]]))
    x = next(k for k, o in enumerate(inputs.layout.all_observations) if o.indicator == "x")
    slots = np.flatnonzero(inputs.layout.slot_obs == x)
    # own year: the range [4, 6] of 10; three years later 3 * STALE_RATE of the scale per side
    assert ends[:, slots[0]].tolist() == pytest.approx([0.4, 0.6])
    assert ends[:, slots[1]].tolist() == pytest.approx([0.4 - 3 * STALE_RATE, 0.6 + 3 * STALE_RATE])


@st.composite
def two_indicators(draw: st.DrawFn) -> tuple[Profile, str]:
    pillar = draw(st.sampled_from([Pillar.MUTUAL_OBLIGATION, Pillar.CONSULTATION]))
    inds = [
        Indicator(id=k, pillar=pillar, label=k, scale=(0, 10), weight=draw(st.floats(0.2, 5)),
                  higher_is_better=draw(st.booleans()))
        for k in ("a", "b")
    ]  # fmt: skip
    obs = []
    for ind in inds:
        value = draw(st.floats(0, 10))
        lo, hi = value * draw(st.floats(0, 1)), value + (10 - value) * draw(st.floats(0, 1))
        unc = draw(st.sampled_from([Exact(), Range(lo, hi)]))
        obs.append(Observation(indicator=ind.id, year=2000, value=value, source="s",
                               uncertainty=unc, note=NOTE))  # fmt: skip
    profile = _one_pillar_uncertain(inds[0], obs[0], 0)
    profile = attrs.evolve(profile, indicators=(*profile.indicators, inds[1]),
                           observations=(*profile.observations, obs[1]))  # fmt: skip
    return profile, draw(st.sampled_from(["a", "b"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(two_indicators(), st.sampled_from([0.0, 1.0]))
def test_removing_an_observed_indicator_never_narrows_the_interval(case, p):
    # Acceptance property: an indicator the profile declares but no longer observes is unknown,
    # drawn over its whole scale, so its pillar's interval never narrows; under the arithmetic
    # mean (p = 1) health is that pillar's share plus constants, so neither does health. (Under
    # the geometric mean a removed low value lifts the pillar, and the mean's curvature can then
    # narrow health by a few per cent: see the methods, "Missing and stale data".)
    profile, removed = case
    thinner = attrs.evolve(
        profile, observations=[o for o in profile.observations if o.indicator != removed]
    )
    model = Model(p=p, coverage_threshold=0)
    pillar = profile.indicator(removed).pillar
    before = ah.uncertainty(profile, 2000, n=4096, rng=1, model=model)
    after = ah.uncertainty(thinner, 2000, n=4096, rng=1, model=model)
    assert after.pillar_interval(pillar).width >= before.pillar_interval(pillar).width - 2e-3
    if p == 1.0:
        assert after.interval(0.9).width >= before.interval(0.9).width - 2e-3


@pytest.mark.parametrize("pid", sorted(BUILT_IN))
def test_removing_a_built_in_indicator_never_narrows_its_pillar(pid):
    # The same on the built-in data, every fifth year: removing an observed indicator (all of its
    # series) that is not the only evidence of its threat never narrows its pillar's interval.
    # (Removing a threat's only evidence removes the threat: threats enter the pillar in the
    # years they are observed.) Threats are averaged: under the default threat_rule="max" a
    # removal that lowers one threat's centre can drop it out of the maximum, and the pillar then
    # follows a threat with a narrower interval (U.S.-ROK 2004 without proliferation-critical:
    # 0.0025 narrower under "max", 0.026 wider under "mean").
    profile = BUILT_IN[pid]
    model = Model(coverage_threshold=0, threat_rule="mean")
    for year in scorable_years(profile).tolist()[::5]:
        base = ah.uncertainty(profile, year, n=1024, rng=1, model=model)
        groups = build_layout(profile, [year]).groups()
        for g in groups:
            sole = (
                g.threat is not None
                and [h.threat for h in groups if h.observed].count(g.threat) == 1
            )
            if not g.observed or sole:
                continue
            thin = attrs.evolve(
                profile,
                observations=[o for o in profile.observations if o.indicator != g.indicator],
            )
            if not scorable_years(thin, [year]).size:
                continue  # it was the pillar's only evidence: nothing left to score
            res = ah.uncertainty(thin, year, n=1024, rng=1, model=model)
            assert (
                res.pillar_interval(g.pillar).width >= base.pillar_interval(g.pillar).width - 3e-3
            ), (year, g.indicator)


def test_absent_members_in_the_draws_never_exceed_the_observed_minimum():
    # Three members, two observed with uncertain values: in every draw the shared value is at
    # most the least convinced observed member's drawn value.
    members = [Member(code=c, joined=2000) for c in ("AAA", "BBB", "CCC")]
    thr = Indicator(id="t", pillar="shared_threat", label="t", scale=(0, 100), threat="rival")
    obs = [
        Observation(indicator="t", year=2000, value=v, member=m, source="s",
                    uncertainty=Survey(n=200), note=NOTE)
        for m, v in (("AAA", 70), ("BBB", 55))
    ]  # fmt: skip
    base = _one_pillar_uncertain(thr, obs[0], 0)
    profile = attrs.evolve(base, members=members, observations=(*base.observations, obs[1]))
    layout = build_layout(profile, [2000])
    inputs = UncertainInputs.build(layout, Model(), vary_model=False)
    assert inputs.labels[-1] == "t[unobserved members]"
    u = qmc.Sobol(inputs.d, rng=np.random.default_rng(3)).random_base2(12)
    ev = inputs.evaluate(inputs.ppf(u))
    slots = inputs.slot_values(u[:, : inputs.obs_col.size])
    (g,) = [g.index for g in layout.groups() if g.indicator == "t"]
    observed_min = slots[:, layout.slot_group == g].min(axis=1)
    assert np.all(ev.indicators[:, g] <= observed_min + 1e-12)
    # two of three observed: the observed minimum holds in two thirds of the draws
    assert np.mean(ev.indicators[:, g] == observed_min) == pytest.approx(2 / 3, abs=0.01)
    as_coded = ah.score(profile, 2000)
    assert as_coded.shared_threat == pytest.approx(0.55)  # 2/3 >= 1/2: the median keeps it


def test_unobserved_indicator_is_drawn_around_its_pillar_and_not_in_the_point():
    ind = Indicator(id="a", pillar="consultation", label="a", scale=(0, 1))
    obs = Observation(indicator="a", year=2000, value=0.8, source="s")
    missing = Indicator(id="b", pillar="consultation", label="b", scale=(0, 1))
    base = _one_pillar_uncertain(ind, obs, 0)
    profile = attrs.evolve(base, indicators=(*base.indicators, missing))
    # half of the consultation weight observed: not below the default threshold of one half
    res = ah.uncertainty(profile, 2000, n=4096, rng=0)
    strict = Model(coverage_threshold=0.75)
    with pytest.warns(ah.CoverageWarning, match=r"consultation in 2000 \(missing b\)"):
        ah.uncertainty(profile, 2000, n=16, rng=0, model=strict)
    assert res.inputs == ("b[not observed]",)
    consult = res.pillar_draws("consultation")
    assert res.point_pillars[0, 2] == 0.8  # as coded: b left out, a re-weighted
    # (a + b) / 2 with b two-piece uniform on [0, 1] around 0.8: median 0.8, 5 % at 0.44
    assert np.median(consult) == pytest.approx(0.8, abs=2e-3)
    assert np.quantile(consult, 0.05) == pytest.approx((0.8 + 0.08) / 2, abs=3e-3)
