"""Tests of the similarity measures: worked examples, independent references and properties.

Expected values come from (a) the worked example in the documentation of Signorino's own GAUSS
procedure ``S.g`` for S; (b) small examples computed by hand, with the arithmetic in comments;
(c) independent implementations: scipy's Kendall tau-b, and loop-based reference versions of
weighted kappa, pi and A written here from their textbook definitions (Cohen 1968; Scott 1955;
Häge 2011; Benati & Capurri 2026 as implemented in the R package fpsim).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import alliance_health as ah
from alliance_health import similarity
from alliance_health.similarity import _disagreement as disagreement

Array = npt.NDArray[np.float64]


# -- references written from the definitions, one dyad at a time ------------------------------
def _dist(a: float, b: float, distance: str) -> float:
    if distance == "absolute":
        return abs(a - b)
    if distance == "squared":
        return (a - b) ** 2
    return float(a != b)


def ref_kappa(x: list[float], y: list[float], w: list[float], distance: str) -> float:
    total = sum(w)
    observed = sum(wk * _dist(a, b, distance) for a, b, wk in zip(x, y, w, strict=True)) / total
    expected = (
        sum(
            wk * wl * _dist(a, b, distance)
            for a, wk in zip(x, w, strict=True)
            for b, wl in zip(y, w, strict=True)
        )
        / total**2
    )
    return 1 - observed / expected


def ref_pi(x: list[float], y: list[float], w: list[float], distance: str) -> float:
    total = sum(w)
    observed = sum(wk * _dist(a, b, distance) for a, b, wk in zip(x, y, w, strict=True)) / total
    pooled, pw = x + y, w + w
    expected = (
        sum(
            wk * wl * _dist(a, b, distance)
            for a, wk in zip(pooled, pw, strict=True)
            for b, wl in zip(pooled, pw, strict=True)
        )
        / (2 * total) ** 2
    )
    return 1 - observed / expected


def ref_alignment(x: list[int], y: list[int], levels: list[int], distance: str) -> float:
    # fpsim's bcai: S from the joint table of proportions, E from the outer product of its
    # margins, both with d_max = max(levels) - min(levels) (squared for squared distances).
    n = len(x)
    o = np.zeros((len(levels), len(levels)))
    for a, b in zip(x, y, strict=True):
        o[levels.index(a), levels.index(b)] += 1 / n
    power = 1 if distance == "absolute" else 2
    d = np.abs(np.subtract.outer(levels, levels)) ** power
    dd = (max(levels) - min(levels)) ** power
    s = 1 - 2 * (o * d).sum() / dd
    e = np.outer(o.sum(1), o.sum(0))
    return float(s - (1 - 2 * (e * d).sum() / dd))


# -- published worked example -------------------------------------------------------------------
def test_s_reproduces_signorinos_worked_example() -> None:
    # Signorino's GAUSS procedure S.g, "Example 1": alliance portfolios Ai = 3 3 2 2 and
    # Aj = 2 2 3 3 coded 0-3 (max distance 3), weighted by system shares W = .5 .3 .1 .1.
    # Every item differs by 1: sum w d = 1, sum w d_max = 3, S = 1 - 2/3 = 1/3.
    s = similarity.s_score([3, 3, 2, 2], [2, 2, 3, 3], scale=(0, 3), weights=[0.5, 0.3, 0.1, 0.1])
    assert s == pytest.approx(1 / 3, abs=1e-15)


# -- hand-computed examples ---------------------------------------------------------------------
def test_s_by_hand() -> None:
    # absolute: distances 0, 0, 1 -> mean 1/3; S = 1 - 2 (1/3) / 3 = 7/9
    assert similarity.s_score([3, 0, 0], [3, 0, 1], scale=(0, 3)) == pytest.approx(7 / 9)
    # squared: distances 9, 0, 1, 0 -> mean 2.5; d_max = 9; S = 1 - 5/9 = 4/9
    squared = similarity.s_score([3, 0, 0, 0], [0, 0, 1, 0], scale=(0, 3), distance="squared")
    assert squared == pytest.approx(4 / 9)
    # nominal: 2 of 4 items differ; S = 1 - 2 (1/2) / 1 = 0
    nominal = similarity.s_score([1, 2, 3, 1], [1, 3, 3, 2], scale=(1, 3), distance="nominal")
    assert nominal == pytest.approx(0.0)
    # A wider declared scale makes the same gaps look smaller: d_max 6 -> S = 1 - 2 (1/3) / 6
    assert similarity.s_score([3, 0, 0], [3, 0, 1], scale=(0, 6)) == pytest.approx(8 / 9)


def test_tau_b_by_hand() -> None:
    # x = (0, 0, 1, 3), y = (0, 1, 1, 3). Pairs: (1,2) tied on x; (2,3) tied on y; the other
    # four concordant. P = 4, Q = 0, n0 = 6, n1 = n2 = 1: tau_b = 4 / sqrt(5 * 5) = 0.8.
    assert similarity.tau_b([0, 0, 1, 3], [0, 1, 1, 3]) == pytest.approx(0.8)


def test_kappa_and_pi_differ_when_marginals_differ() -> None:
    # x = (0, 0, 0, 1), y = (0, 1, 1, 1): they differ on 2 of 4 items, D_o = 1/2.
    # Cohen: P(x=1) = 1/4, P(y=1) = 3/4, D_e = 3/4 * 3/4 + 1/4 * 1/4 = 5/8, kappa = 1 - 4/5 = 0.2.
    # Scott: pooled P(1) = 1/2, D_e = 2 * 1/2 * 1/2 = 1/2, pi = 1 - 1 = 0.
    x, y = [0, 0, 0, 1], [0, 1, 1, 1]
    assert similarity.cohen_kappa(x, y) == pytest.approx(0.2)
    assert similarity.scott_pi(x, y) == pytest.approx(0.0, abs=1e-15)
    # A on the 0-1 scale: S = 1 - 2 (1/2) = 0, E = 1 - 2 (5/8) = -1/4, A = 0.25.
    assert similarity.alignment_index(x, y, scale=(0, 1)) == pytest.approx(0.25)


def test_linear_weighted_kappa_by_hand() -> None:
    # x = (0, 1, 2, 2), y = (0, 2, 2, 1): D_o = (0 + 1 + 0 + 1) / 4 = 1/2. Both margins are
    # (1/4, 1/4, 1/2) on codes 0, 1, 2; D_e = sum p(a) p(b) |a - b|
    #   = 1/4 (1/4 * 1 + 1/2 * 2) + 1/4 (1/4 * 1 + 1/2 * 1) + 1/2 (1/4 * 2 + 1/4 * 1) = 7/8.
    # kappa = 1 - (1/2) / (7/8) = 3/7; pi pools identical margins, so it is 3/7 too.
    x, y = [0, 1, 2, 2], [0, 2, 2, 1]
    assert similarity.cohen_kappa(x, y) == pytest.approx(3 / 7)
    assert similarity.scott_pi(x, y) == pytest.approx(3 / 7)


# -- independent implementations ----------------------------------------------------------------
def test_tau_b_agrees_with_scipy_on_codes_and_on_continuous_values() -> None:
    rng = np.random.default_rng(7)
    codes = rng.integers(0, 4, size=(40, 25)).astype(float)
    other = rng.integers(0, 4, size=(40, 25)).astype(float)
    continuous = rng.normal(size=(30, 12))  # many distinct values: the all-pairs path
    more = rng.normal(size=(30, 12))
    for x, y in ((codes, other), (continuous, more)):
        expected = [
            stats.kendalltau(a, b, variant="b").statistic for a, b in zip(x, y, strict=True)
        ]
        np.testing.assert_allclose(similarity.tau_b(x, y), expected, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("distance", ["absolute", "squared", "nominal"])
def test_kappa_and_pi_agree_with_loop_references(distance: str) -> None:
    rng = np.random.default_rng(11)
    x = rng.integers(0, 4, size=(25, 9)).astype(float)
    y = rng.integers(0, 4, size=(25, 9)).astype(float)
    w = rng.uniform(0.1, 2.0, size=(25, 9))
    kappa = similarity.cohen_kappa(x, y, distance=distance, weights=w)  # type: ignore[arg-type]
    pi = similarity.scott_pi(x, y, distance=distance, weights=w)  # type: ignore[arg-type]
    for r in range(25):
        args = (list(x[r]), list(y[r]), list(w[r]), distance)
        assert kappa[r] == pytest.approx(ref_kappa(*args), rel=1e-10)
        assert pi[r] == pytest.approx(ref_pi(*args), rel=1e-10)


@pytest.mark.parametrize("distance", ["absolute", "squared"])
def test_alignment_index_agrees_with_fpsim_construction(distance: str) -> None:
    rng = np.random.default_rng(5)
    for _ in range(30):
        x = rng.integers(1, 4, size=12).tolist()
        y = rng.integers(1, 4, size=12).tolist()
        got = similarity.alignment_index(x, y, scale=(1, 3), distance=distance)  # type: ignore[arg-type]
        assert got == pytest.approx(ref_alignment(x, y, [1, 2, 3], distance), abs=1e-12)


def test_squared_kappa_is_lins_concordance_and_squared_a_is_a_covariance() -> None:
    rng = np.random.default_rng(3)
    x, y = rng.uniform(0, 3, size=(2, 50, 15))
    mx, my = x.mean(1), y.mean(1)
    vx, vy = x.var(1), y.var(1)
    cov = ((x - mx[:, None]) * (y - my[:, None])).mean(1)
    lin = 2 * cov / (vx + vy + (mx - my) ** 2)
    np.testing.assert_allclose(similarity.cohen_kappa(x, y, distance="squared"), lin, rtol=1e-10)
    a = similarity.alignment_index(x, y, scale=(0, 3), distance="squared")
    np.testing.assert_allclose(a, 4 * cov / 9, rtol=1e-10, atol=1e-14)


def test_histogram_and_all_pairs_paths_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(13)
    x = rng.integers(0, 4, size=(20, 30)).astype(float)
    y = rng.integers(0, 4, size=(20, 30)).astype(float)
    w = rng.uniform(0, 1, size=30)
    by_histogram = [
        similarity.cohen_kappa(x, y, weights=w, distance="nominal"),
        similarity.scott_pi(x, y, weights=w),
        similarity.alignment_index(x, y, scale=(0, 3), weights=w),
    ]
    monkeypatch.setattr(disagreement, "CATEGORY_LIMIT", 0)
    monkeypatch.setattr(disagreement, "CHUNK_BUDGET", 5000)  # several chunks
    by_pairs = [
        similarity.cohen_kappa(x, y, weights=w, distance="nominal"),
        similarity.scott_pi(x, y, weights=w),
        similarity.alignment_index(x, y, scale=(0, 3), weights=w),
    ]
    for a, b in zip(by_histogram, by_pairs, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12)


# -- properties ---------------------------------------------------------------------------------
@st.composite
def dyads(draw: st.DrawFn, *, hi: int = 3) -> tuple[Array, Array, Array]:
    n = draw(st.integers(2, 8))
    code = st.integers(0, hi).map(float)
    x = np.array(draw(st.lists(code, min_size=n, max_size=n)))
    y = np.array(draw(st.lists(code, min_size=n, max_size=n)))
    w = np.array(draw(st.lists(st.floats(0.1, 10.0), min_size=n, max_size=n)))
    return x, y, w


def _all_measures(x: Array, y: Array, w: Array, distance: str) -> dict[str, float]:
    return {
        "s": float(similarity.s_score(x, y, scale=(0, 3), distance=distance, weights=w)),  # type: ignore[arg-type]
        "kappa": float(similarity.cohen_kappa(x, y, distance=distance, weights=w)),  # type: ignore[arg-type]
        "pi": float(similarity.scott_pi(x, y, distance=distance, weights=w)),  # type: ignore[arg-type]
        "tau_b": float(similarity.tau_b(x, y)),
        **(
            {}
            if distance == "nominal"
            else {
                "a": float(
                    similarity.alignment_index(x, y, scale=(0, 3), distance=distance, weights=w)
                )
            }  # type: ignore[arg-type]
        ),
    }


DISTANCE = st.sampled_from(["absolute", "squared", "nominal"])


@given(dyads(), DISTANCE)
def test_identical_portfolios_score_one_where_defined(
    dyad: tuple[Array, Array, Array], distance: str
) -> None:
    x, _, w = dyad
    values = _all_measures(x, x, w, distance)
    assert values["s"] == pytest.approx(1.0)
    constant = np.unique(x).size == 1
    for name in ("kappa", "pi", "tau_b"):
        if constant:
            assert math.isnan(values[name])  # no variation: undefined, never 1 by accident
        else:
            assert values[name] == pytest.approx(1.0)


@given(dyads(), DISTANCE)
def test_measures_are_symmetric(dyad: tuple[Array, Array, Array], distance: str) -> None:
    x, y, w = dyad
    forward, backward = _all_measures(x, y, w, distance), _all_measures(y, x, w, distance)
    for name, value in forward.items():
        assert value == pytest.approx(backward[name], abs=1e-12, nan_ok=True)


@given(dyads(), DISTANCE)
def test_measures_stay_in_their_bounds(dyad: tuple[Array, Array, Array], distance: str) -> None:
    x, y, w = dyad
    eps = 1e-12
    values = _all_measures(x, y, w, distance)
    assert -1 - eps <= values["s"] <= 1 + eps
    for name in ("tau_b", "a"):
        if name in values and not math.isnan(values[name]):
            assert -1 - eps <= values[name] <= 1 + eps
    for name in ("kappa", "pi"):
        if not math.isnan(values[name]):
            assert values[name] <= 1 + eps
            if distance == "squared":
                assert values[name] >= -1 - eps
    if distance == "squared" and not math.isnan(values["pi"]):
        assert values["pi"] >= -1 - eps


@given(dyads(), st.integers(0, 7), st.floats(0.01, 100.0))
def test_missing_and_zero_weight_items_are_left_out(
    dyad: tuple[Array, Array, Array], k: int, c: float
) -> None:
    x, y, w = dyad
    k %= x.size
    keep = np.arange(x.size) != k
    if keep.sum() < 2:
        return
    holed = x.copy()
    holed[k] = np.nan
    zero = w.copy()
    zero[k] = 0.0
    for func in (
        lambda a, b, v: similarity.s_score(a, b, scale=(0, 3), weights=v),
        lambda a, b, v: similarity.cohen_kappa(a, b, weights=v),
        lambda a, b, v: similarity.scott_pi(a, b, weights=v, distance="squared"),
        lambda a, b, v: similarity.alignment_index(a, b, scale=(0, 3), weights=v),
    ):
        dropped = func(x[keep], y[keep], w[keep])
        assert func(holed, y, w) == pytest.approx(dropped, nan_ok=True)
        assert func(x, y, zero) == pytest.approx(dropped, nan_ok=True)
        assert func(x, y, w * c) == pytest.approx(func(x, y, w), nan_ok=True)  # scale-free weights


def test_vectorised_over_leading_axes_equals_a_loop() -> None:
    rng = np.random.default_rng(17)
    x = rng.integers(0, 4, size=(4, 6, 10)).astype(float)
    y = rng.integers(0, 4, size=(6, 10)).astype(float)  # broadcasts against x
    x[0, 0, 3] = np.nan
    funcs: list[Callable[[Any, Any], Array]] = [
        lambda a, b: similarity.s_score(a, b, scale=(0, 3)),
        similarity.tau_b,
        similarity.cohen_kappa,
        lambda a, b: similarity.scott_pi(a, b, distance="nominal"),
        lambda a, b: similarity.alignment_index(a, b, scale=(0, 3), distance="squared"),
    ]
    for func in funcs:
        together = func(x, y)
        assert together.shape == (4, 6)
        one_by_one = [[float(func(x[i, j], y[j])) for j in range(6)] for i in range(4)]
        np.testing.assert_allclose(together, one_by_one, rtol=1e-12)


def test_undefined_cases_are_nan_without_warnings() -> None:
    assert math.isnan(similarity.tau_b([1, 1, 1], [0, 1, 2]))  # constant portfolio
    assert math.isnan(similarity.cohen_kappa([2, 2], [2, 2]))  # no expected disagreement
    assert math.isnan(similarity.scott_pi([2, 2], [2, 2]))
    nothing = [np.nan, np.nan]
    assert math.isnan(similarity.s_score(nothing, [1, 2], scale=(0, 3)))
    assert math.isnan(similarity.cohen_kappa(nothing, [1, 2]))
    assert math.isnan(similarity.alignment_index(nothing, [1, 2], scale=(0, 3)))
    assert math.isnan(similarity.tau_b(nothing, [1, 2]))


# -- argument errors ----------------------------------------------------------------------------
def test_errors_name_the_argument_and_the_fix() -> None:
    with pytest.raises(ah.ValidationError, match=r"x\[2\] = 4.0 lies off the scale \(0.0, 3.0\)"):
        similarity.s_score([0, 1, 4], [0, 1, 2], scale=(0, 3))
    with pytest.raises(ah.ValidationError, match=r"scale must be a pair \(lo, hi\)"):
        similarity.s_score([0], [1], scale=3)  # type: ignore[arg-type]
    with pytest.raises(ah.ValidationError, match=r"scale must be finite with lo < hi"):
        similarity.s_score([0], [1], scale=(3, 0))
    with pytest.raises(
        ah.ValidationError,
        match=r"distance must be one of 'absolute', 'squared', 'nominal'; got 'cosine'",
    ):
        similarity.cohen_kappa([0], [1], distance="cosine")  # type: ignore[arg-type]
    with pytest.raises(
        ah.ValidationError, match=r"must broadcast to one shape .* got shapes \(3,\), \(2,\)"
    ):
        similarity.tau_b([0, 1, 2], [0, 1])
    with pytest.raises(ah.ValidationError, match=r"weights must be finite and >= 0"):
        similarity.cohen_kappa([0, 1], [0, 1], weights=[1, -1])
    with pytest.raises(ah.ValidationError, match=r"x must have at least one axis"):
        similarity.tau_b(1, [1])
    with pytest.raises(
        ah.ValidationError, match=r"y must be finite \(use NaN for a missing item\)"
    ):
        similarity.tau_b([1, 2], [1, np.inf])
    with pytest.raises(ah.ValidationError, match=r"defined for distance='absolute' or 'squared'"):
        similarity.alignment_index([0, 1], [0, 1], scale=(0, 1), distance="nominal")


# -- panels -------------------------------------------------------------------------------------
def test_pairwise_equals_direct_calls_for_every_pair_and_year() -> None:
    rng = np.random.default_rng(19)
    panel = rng.integers(0, 4, size=(5, 4, 12)).astype(float)  # 5 years, 4 members, 12 items
    panel[2, 3] = np.nan  # member 3 absent in the third year
    weights = rng.uniform(0.5, 1.5, size=(5, 12))
    result = similarity.pairwise(
        panel,
        measure="kappa",
        years=range(2000, 2005),
        members=("USA", "CAN", "GBR", "DEU"),
        weights=weights,
        distance="squared",
    )
    assert result.values.shape == (5, 4, 4)
    for t in range(5):
        for i in range(4):
            assert math.isnan(result.values[t, i, i])
            for j in range(4):
                if i != j:
                    direct = similarity.cohen_kappa(
                        panel[t, i], panel[t, j], weights=weights[t], distance="squared"
                    )
                    assert result.values[t, i, j] == pytest.approx(direct, nan_ok=True)
    assert np.isnan(result.dyad("USA", "DEU")[2])
    assert repr(result) == "Pairwise(measure='kappa', years=2000-2004, members=4, pairs per year=6)"


def test_member_and_alliance_means() -> None:
    panel = np.array([[[3, 0, 1], [3, 0, 1], [0, 3, 1]]], dtype=float)
    result = similarity.pairwise(panel, measure="s", scale=(0, 3), members=("AAA", "BBB", "CCC"))
    # S(AAA, BBB) = 1; S(AAA, CCC) = S(BBB, CCC) = 1 - 2 (2) / 3 = -1/3.
    np.testing.assert_allclose(result.member_mean(), [[1 / 3, 1 / 3, -1 / 3]])
    np.testing.assert_allclose(result.alliance_mean(), [1 / 9])


def test_pairwise_errors() -> None:
    with pytest.raises(
        ah.ValidationError,
        match=r"measure must be one of 's', 'tau_b', 'kappa', 'pi', 'a'; got 'd'",
    ):
        similarity.pairwise(np.zeros((2, 3)), measure="d")
    with pytest.raises(
        ah.ValidationError, match=r"portfolios must have shape \(n_years, n_members, n_items\)"
    ):
        similarity.pairwise(np.zeros(3))
    with pytest.raises(
        ah.ValidationError, match=r"members must have one label per member \(2\); got 3"
    ):
        similarity.pairwise(np.zeros((2, 3)), measure="tau_b", members=("A", "B", "C"))
    result = similarity.pairwise(np.zeros((2, 3)), measure="tau_b", members=("AAA", "BBB"))
    with pytest.raises(ah.ValidationError, match=r"Pairwise has no member 'ZZZ'"):
        result.dyad("AAA", "ZZZ")
    with pytest.raises(ah.ValidationError, match=r"scope must be one of 'member', 'alliance'"):
        result.to_observations(
            indicator=similarity.indicator(id="x", threat="t"), source="s", scope="pair"
        )


# -- into a profile -----------------------------------------------------------------------------
def test_indicator_declares_the_measures_scale_and_what_it_means() -> None:
    for measure in similarity.MEASURES:
        ind = similarity.indicator(id=f"sim-{measure}", threat="rival", measure=measure)
        assert ind.pillar is ah.Pillar.SHARED_THREAT
        assert ind.scale == similarity.SCALES[measure]
        assert ind.threat == "rival"
        assert "proxy for shared threat perception" in ind.description
        assert ind.standard is None
    with pytest.raises(ah.ValidationError, match=r"measure must be one of"):
        similarity.indicator(id="x", threat="t", measure="r")


def test_to_observations_per_member_and_for_the_alliance() -> None:
    panel = np.array(
        [[[3, 0, 1], [3, 0, 1], [0, 3, 1]], [[3, 0, 1], [3, 0, 0], [np.nan] * 3]], dtype=float
    )
    result = similarity.pairwise(
        panel, measure="s", scale=(0, 3), years=(2001, 2002), members=("USA", "CAN", "GBR")
    )
    ind = similarity.indicator(id="alliance-s", threat="rival")
    src = ah.Source(key="votes", title="Illustrative votes", kind="scenario")
    per_member = result.to_observations(indicator=ind, source=src)
    assert [(o.year, o.member, round(o.value, 6)) for o in per_member] == [
        (2001, "USA", 0.333333),
        (2001, "CAN", 0.333333),
        (2001, "GBR", -0.333333),
        (2002, "USA", 0.777778),  # GBR absent in 2002: its pairs are NaN and left out
        (2002, "CAN", 0.777778),
    ]
    assert all(o.source == "votes" and "proxy for shared interest" in o.note for o in per_member)
    alliance = result.to_observations(indicator=ind, source="votes", scope="alliance", note="n")
    with pytest.warns(DeprecationWarning, match=r"to_observations\(scope=\.\.\.\)"):
        old = result.to_observations(indicator=ind, source="votes", level="alliance", note="n")
    assert old == alliance
    assert [(o.year, o.member, o.note) for o in alliance] == [(2001, None, "n"), (2002, None, "n")]


def test_to_observations_checks_shapes_and_scale() -> None:
    ind = similarity.indicator(id="k", threat="rival", measure="kappa")
    with pytest.raises(
        ah.ScaleError, match=r"value -1.5 for KOR in 2003 lies off the scale \(-1.0, 1.0\)"
    ):
        similarity.to_observations(
            [[0.2, -1.5]], indicator=ind, years=[2003], members=["USA", "KOR"], source="s"
        )
    with pytest.raises(ah.ValidationError, match=r"values must have shape \(n_years,\) = \(2,\)"):
        similarity.to_observations([0.1], indicator=ind, years=[2000, 2001], source="s")
    with pytest.raises(
        ah.ValidationError, match=r"values must have shape \(n_years, n_members\) = \(1, 2\)"
    ):
        similarity.to_observations(
            [0.1], indicator=ind, years=[2000], members=["USA", "KOR"], source="s"
        )
    # a rounding excursion past a bound is put back on the scale rather than refused
    (obs,) = similarity.to_observations([-1 - 1e-15], indicator=ind, years=[2000], source="s")
    assert obs.value == -1.0


@settings(max_examples=25)
@given(st.integers(2, 5), st.integers(3, 9), st.integers(1, 3))
def test_pairwise_is_symmetric_with_nan_diagonal(members: int, items: int, years: int) -> None:
    rng = np.random.default_rng(members * 100 + items * 10 + years)
    panel = rng.integers(0, 4, size=(years, members, items)).astype(float)
    for measure in similarity.MEASURES:
        options: dict[str, Any] = {"scale": (0, 3)} if measure in {"s", "a"} else {}
        v = similarity.pairwise(panel, measure=measure, **options).values
        assert np.isnan(np.diagonal(v, axis1=1, axis2=2)).all()
        np.testing.assert_allclose(v, np.swapaxes(v, 1, 2), equal_nan=True)
