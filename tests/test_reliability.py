"""Krippendorff's alpha, its bootstrap, the reliability report, pooling and coding sheets.

Expected values come from Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability"
(Annenberg School for Communication, Departmental Papers 43): section A (two coders, binary data,
10 units) and section C (four coders, 12 units, missing values). The ``krippendorff`` package
(Castro 2017, fast-krippendorff) serves as an independent oracle on random data; the library does
not use it at run time.
"""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import alliance_health as ah
from alliance_health import catalogue
from alliance_health._errors import (
    DuplicateError,
    FileFormatError,
    ScaleError,
    UnknownReferenceError,
    ValidationError,
)
from alliance_health.reliability import (
    Alpha,
    Coding,
    coding_sheet,
    krippendorff_alpha,
    merge_codings,
    pool_codings,
    read_sheets,
    reliability,
    reliability_from_codings,
)

krippendorff = pytest.importorskip("krippendorff")

NAN = math.nan
# Krippendorff (2011), section C: 4 observers x 12 units, values 1-5, blanks as NaN
SECTION_C = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
        [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
    ]
)
# Krippendorff (2011), section A: 2 coders x 10 units, binary
SECTION_A = np.array([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]])
METRICS = ("nominal", "ordinal", "interval", "ratio")


# --- the published examples ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_section_c_published_values(metric, published):
    a = krippendorff_alpha(SECTION_C, metric=metric)
    assert round(a.value, 3) == published
    oracle = krippendorff.alpha(reliability_data=SECTION_C, level_of_measurement=metric)
    assert a.value == pytest.approx(oracle, abs=1e-12)
    # unit 12 has one value only: not pairable; 40 pairable values remain (section C)
    assert (a.n_units, a.n_coders, a.n_values) == (11, 4, 40)


def test_section_a_binary_example():
    a = krippendorff_alpha(SECTION_A, metric="nominal")
    assert round(a.value, 3) == 0.095
    assert a.value == pytest.approx(1 - 19 * 4 / (14 * 6), abs=1e-12)  # 1 - (n-1) o_01 / n_0 n_1


# --- the oracle on random data -----------------------------------------------------------------


@st.composite
def code_tables(draw, *, non_negative=False):
    coders = draw(st.integers(2, 5))
    units = draw(st.integers(1, 12))
    lo = 0 if non_negative else -3
    integers = draw(st.booleans())
    value = (
        st.integers(lo, 6).map(float)
        if integers
        else st.floats(lo, 6, allow_nan=False).map(lambda x: round(x, 2))
    )
    cell = st.one_of(value, st.just(NAN)) if draw(st.booleans()) else value
    rows = draw(st.lists(st.lists(cell, min_size=units, max_size=units), min_size=coders,
                         max_size=coders))  # fmt: skip
    return np.array(rows, dtype=np.float64)


def _oracle(codes, metric):
    try:
        with np.errstate(all="ignore"):
            value = krippendorff.alpha(reliability_data=codes, level_of_measurement=metric)
    except (ValueError, ZeroDivisionError):
        return None
    return value if np.isfinite(value) else None


@settings(max_examples=150, deadline=None)
@given(codes=code_tables(), metric=st.sampled_from(["nominal", "ordinal", "interval"]))
def test_agrees_with_the_oracle(codes, metric):
    expected = _oracle(codes, metric)
    coded = ~np.isnan(codes)
    pairable = coded.sum(axis=0) >= 2
    n_values = np.unique(codes[:, pairable][coded[:, pairable]]).size
    if n_values < 2:  # no pairable unit or a single value: alpha is undefined, and we say so
        with pytest.raises(ValidationError, match=r"no pairable unit|single value"):
            krippendorff_alpha(codes, metric=metric)
        return
    assert expected is not None
    assert krippendorff_alpha(codes, metric=metric).value == pytest.approx(expected, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(codes=code_tables(non_negative=True))
def test_ratio_agrees_with_the_oracle(codes):
    expected = _oracle(codes, "ratio")
    coded = ~np.isnan(codes)
    pairable = coded.sum(axis=0) >= 2
    assume(np.unique(codes[:, pairable][coded[:, pairable]]).size >= 2)
    assert expected is not None
    assert krippendorff_alpha(codes, metric="ratio").value == pytest.approx(expected, abs=1e-9)


# --- properties --------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(codes=code_tables(non_negative=True), metric=st.sampled_from(METRICS), seed=st.integers(0))
def test_invariant_to_coder_and_unit_order(codes, metric, seed):
    try:
        a = krippendorff_alpha(codes, metric=metric).value
    except ValidationError:
        return
    rng = np.random.default_rng(seed)
    shuffled = codes[rng.permutation(codes.shape[0])][:, rng.permutation(codes.shape[1])]
    assert krippendorff_alpha(shuffled, metric=metric).value == pytest.approx(a, abs=1e-12)


@pytest.mark.parametrize("metric", METRICS)
def test_perfect_agreement_is_one(metric):
    codes = np.array([[1, 2, 3, 4, NAN], [1, 2, 3, 4, 4], [1, 2, NAN, 4, 4]], dtype=float)
    a = krippendorff_alpha(codes, metric=metric, bootstrap=200, rng=0)
    assert a.value == 1.0
    assert (a.interval.low, a.interval.high) == (1.0, 1.0)


@pytest.mark.parametrize("method", ["units", "pairs"])
def test_same_seed_same_draws(method):
    first = krippendorff_alpha(SECTION_C, metric="ordinal", bootstrap=500, method=method, rng=7)
    again = krippendorff_alpha(SECTION_C, metric="ordinal", bootstrap=500, method=method, rng=7)
    gen = krippendorff_alpha(
        SECTION_C, metric="ordinal", bootstrap=500, method=method, rng=np.random.default_rng(7)
    )
    assert np.array_equal(first.draws, again.draws)
    assert np.array_equal(first.draws, gen.draws)
    assert first.interval == again.interval
    other = krippendorff_alpha(SECTION_C, metric="ordinal", bootstrap=500, method=method, rng=8)
    assert not np.array_equal(first.draws, other.draws)


@pytest.mark.parametrize("metric", METRICS)
def test_pairs_bootstrap_is_centred_on_alpha(metric):
    # E[D_o*] = D_o when pairs are drawn with probabilities o_ck / n..: the draws centre on alpha
    a = krippendorff_alpha(SECTION_C, metric=metric, bootstrap=20000, method="pairs", rng=1)
    assert np.mean(a.draws) == pytest.approx(a.value, abs=0.005)


def test_unit_bootstrap_recomputes_each_resample():
    # A resample of the units is itself a table: its alpha is the alpha of that table
    codes = SECTION_C[:, :11]
    rng = np.random.default_rng(3)
    a = krippendorff_alpha(codes, metric="ordinal", bootstrap=5, rng=3)
    picks = rng.multinomial(11, np.full(11, 1 / 11), size=5)
    for draw, count in zip(a.draws, picks, strict=True):
        table = np.repeat(codes, count, axis=1)
        expected = _oracle(table, "ordinal")
        assert (math.isnan(draw) and expected is None) or draw == pytest.approx(expected)


def test_bootstrap_coverage_by_simulation():
    """Coverage of 90 % intervals over 200 samples of 30 units x 3 coders (interval metric).

    Coder i codes unit u as T_u + e_iu, T ~ N(0, 1), e ~ N(0, 0.7^2): the population alpha is
    1 / (1 + 0.49) = 0.671 (the expected disagreement 2 (1 + s^2) over the observed 2 s^2),
    confirmed below on 20,000 units. Measured with this seed: units 0.795, pairs 0.595.
    """
    sigma, units, coders = 0.7, 30, 3
    population = 1 / (1 + sigma**2)
    big = np.random.default_rng(1)
    large = big.normal(size=20000) + sigma * big.normal(size=(coders, 20000))
    assert krippendorff_alpha(large).value == pytest.approx(population, abs=0.01)
    rng = np.random.default_rng(2024)
    covered = {"units": 0, "pairs": 0}
    for _ in range(200):
        codes = rng.normal(size=units) + sigma * rng.normal(size=(coders, units))
        for method in covered:
            iv = krippendorff_alpha(
                codes, bootstrap=500, method=method, confidence_level=0.9, rng=rng
            ).interval
            covered[method] += iv.low <= population <= iv.high
    share = {m: c / 200 for m, c in covered.items()}
    assert share == pytest.approx({"units": 0.795, "pairs": 0.595}, abs=0.001)
    assert 0.75 <= share["units"] <= 0.97  # near nominal, a little under with 30 units
    assert share["pairs"] < share["units"] - 0.1  # pairs of one unit are not independent


# --- results and errors ------------------------------------------------------------------------


def test_alpha_display():
    a = krippendorff_alpha(SECTION_C, metric="interval", bootstrap=300, rng=0)
    (row,) = a.table().records()
    assert row["alpha"] == a.value
    assert (row["low"], row["high"]) == (a.interval.low, a.interval.high)
    assert (row["coders"], row["units"], row["values"]) == (4, 11, 40)
    assert (row["method"], row["resamples"], row["confidence_level"]) == ("units", 300, 0.95)
    assert repr(a) == a.to_text() == a.table().to_text()
    assert "<caption>Krippendorff&#x27;s alpha (interval metric)</caption>" in a._repr_html_()
    frame = a.to_frame()
    assert frame.loc[0, "alpha"] == a.value
    assert frame.loc[0, "low"] == a.interval.low
    assert float(a) == a.value
    assert 0 <= a.prob_below(0.8) <= 1
    bare = krippendorff_alpha(SECTION_C)
    (row,) = bare.table().records()
    assert row["low"] is row["high"] is row["resamples"] is None
    assert "bootstrap=2000" in repr(bare)
    pd = pytest.importorskip("pandas")
    assert pd.isna(bare.to_frame().loc[0, "low"])
    with pytest.raises(ValidationError, match=r"prob_below needs bootstrap draws"):
        bare.prob_below(0.8)
    assert isinstance(a.interval, ah.Interval)
    assert a.interval.confidence_level == 0.95


@pytest.mark.parametrize(
    ("codes", "kwargs", "message"),
    [
        ([1, 2, 3], {}, "codes must be a 2-D array of shape (coders, units) with at least 2"),
        ([[1, 2, 3]], {}, "got shape (1, 3); put one row per coder"),
        ([[1, math.inf], [1, 2]], {}, "codes must be finite or NaN (missing); got inf at coder 0"),
        ([["a", "b"], ["c", "d"]], {}, "codes must be numbers, with NaN for a missing code"),
        ([[1, NAN], [NAN, 2]], {}, "codes have no pairable unit: every unit needs codes from at"),
        ([[2, 2, NAN], [2, 2, 5]], {}, "alpha is undefined when a single value is observed"),
        (SECTION_C, {"metric": "circular"}, "metric must be one of 'interval', 'nominal'"),
        ([[-1, 2], [1, 2]], {"metric": "ratio"}, "the ratio metric needs non-negative codes"),
        (SECTION_C, {"bootstrap": 1}, "bootstrap must be 0 (no interval) or a whole number"),
        (SECTION_C, {"bootstrap": 2.5}, "bootstrap must be 0 (no interval) or a whole number"),
        (SECTION_C, {"bootstrap": 10, "method": "jackknife"}, "method must be 'units' or"),
        (SECTION_C, {"confidence_level": 95}, "confidence_level must be a number strictly"),
        (SECTION_C, {"bootstrap": 10, "rng": -1}, "rng must be None, a non-negative integer"),
    ],
)
def test_errors_name_the_argument_and_the_fix(codes, kwargs, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        krippendorff_alpha(codes, **kwargs)


def test_unpaired_units_drop():
    codes = np.array([[1, 2, 3, NAN], [1, 3, NAN, 4]])
    a = krippendorff_alpha(codes)
    assert (a.n_units, a.n_values) == (2, 4)
    assert a.value == pytest.approx(krippendorff_alpha(codes[:, :2]).value)


# --- the reliability report --------------------------------------------------------------------


def _codings():
    """Three coders, an ordinal catalogue indicator and a percentage of one's own."""
    truth = {2001: 1, 2002: 2, 2003: 3, 2004: 0, 2005: 2}
    noise = {"ann": [0, 0, 0, 0, 1], "bo": [0, 1, 0, 0, 0], "cy": [0, 0, -2, 0, 0]}
    rows = [
        Coding(indicator="joint-operations", member=None, year=y, coder=c, value=v + d[i])
        for c, d in noise.items()
        for i, (y, v) in enumerate(truth.items())
    ]
    rows += [
        ("share", "AAA", 2001, "ann", 40.0),
        ("share", "AAA", 2001, "bo", 45.0),
        ("share", "BBB", 2001, "ann", 70.0),
        ("share", "BBB", 2001, "bo", 65.0),
        ("share", "CCC", 2001, "ann", 10.0),  # coded once: not pairable
    ]
    return rows


def test_report_per_indicator_and_overall():
    report = reliability_from_codings(_codings())
    joint, share = report.alphas["joint-operations"], report.alphas["share"]
    assert joint.metric == "ordinal"  # the catalogue's unit is "ordinal 0-3"
    assert share.metric == "interval"  # unknown unit: interval
    codes = np.array([[1, 2, 3, 0, 3], [1, 3, 3, 0, 2], [1, 2, 1, 0, 2]], dtype=float)
    assert joint.value == pytest.approx(krippendorff_alpha(codes, metric="ordinal").value)
    assert share.n_units == 2
    weights = np.array([joint.n_values, share.n_values])
    expected = weights @ [joint.value, share.value] / weights.sum()
    assert report.overall == pytest.approx(expected)
    assert report.coders == ("ann", "bo", "cy")
    assert report.n_codings == 20
    # the largest relative spread first: cy's 1 against 3 on a 0-3 scale
    first = report.disagreements[0]
    assert (first.indicator, first.member, first.year, first.spread) == (
        "joint-operations",
        None,
        2003,
        2.0,
    )
    assert first.codes == (("ann", 3.0), ("bo", 3.0), ("cy", 1.0))
    spreads = [d.relative_spread for d in report.disagreements]
    assert spreads == sorted(spreads, reverse=True)


def test_report_metric_override_and_skips():
    rows = [*_codings(), ("flat", None, 2001, "ann", 1), ("flat", None, 2001, "bo", 1)]
    report = reliability_from_codings(rows, metric={"share": "ratio"})
    assert report.alphas["share"].metric == "ratio"
    assert "flat" not in report.alphas
    assert "single value" in report.skipped["flat"]
    assert "skipped flat: alpha is undefined" in repr(report)
    everything = reliability_from_codings(_codings(), metric="interval")
    assert {a.metric for a in everything.alphas.values()} == {"interval"}
    ind = ah.Indicator(id="share", pillar="consultation", label="Share", scale=(0, 100),
                       unit="ordinal 0-100")  # fmt: skip
    assert reliability_from_codings(_codings(), indicators=[ind]).alphas["share"].metric == (
        "ordinal"
    )
    with pytest.raises(ValidationError, match=r"metric for 'share' must be one of"):
        reliability_from_codings(_codings(), metric={"share": "circular"})


def test_report_errors():
    rows = _codings()
    with pytest.raises(DuplicateError, match=r"repeated: \('share', 'AAA', 2001, 'ann'\)"):
        reliability_from_codings([*rows, ("share", "AAA", 2001, "ann", 41.0)])
    with pytest.raises(ValidationError, match="no indicator has an alpha: x: codes have no"):
        reliability_from_codings([("x", None, 2001, "ann", 1), ("x", None, 2002, "bo", 1)])
    with pytest.raises(ValidationError, match=r"codings must be Coding objects or \(indicator"):
        reliability_from_codings([("x", 2001, "ann", 1)])
    with pytest.raises(ValidationError, match=r"Coding\.value must be finite; got nan"):
        reliability_from_codings([("x", None, 2001, "ann", NAN)])
    with pytest.raises(ValidationError, match="bootstrap must be 0"):
        reliability_from_codings(rows, bootstrap=-5)


def test_report_bootstrap_and_display():
    report = reliability_from_codings(_codings(), bootstrap=300, rng=5)
    again = reliability_from_codings(_codings(), bootstrap=300, rng=5)
    assert np.array_equal(report.overall_draws, again.overall_draws)
    iv = report.overall_interval
    assert iv.low <= report.overall <= iv.high or iv.low <= np.median(report.overall_draws)
    alphas, disagreements = report.tables()
    assert alphas.caption.startswith("Inter-coder reliability: 3 coders (ann, bo, cy), 20 codings")
    assert alphas.column("indicator") == ("joint-operations", "share", "(overall)")
    assert alphas.column("alpha")[-1] == report.overall
    assert alphas.column("low")[-1] == iv.low
    assert alphas.column("confidence_level") == (0.95,) * 3
    assert disagreements.records()[0] == {
        "indicator": "joint-operations",
        "member": None,
        "year": 2003,
        "coders": 3,
        "codes": "ann 3, bo 3, cy 1",
        "spread": 2.0,
        "relative_spread": pytest.approx(2 / 3),
    }
    assert len(disagreements.rows) == len(report.disagreements)
    assert "<caption>Inter-coder reliability" in report._repr_html_()
    frame = report.to_frame()
    assert list(frame.index) == ["joint-operations", "share", "(overall)"]
    assert frame.loc["(overall)", "alpha"] == report.overall
    data = json.loads(json.dumps(report.to_dict()))
    assert list(data) == ["alphas", "disagreements"]
    assert data["alphas"]["records"][0]["metric"] == "ordinal"


def test_report_of_one_indicator_and_no_disagreement():
    rows = [("x", None, y, c, y) for y in (1, 2, 3) for c in ("a", "b")]
    report = reliability_from_codings(rows)
    alphas, disagreements = report.tables()
    assert alphas.caption.endswith("6 codings, 1 indicator")
    assert disagreements.rows == ()
    assert disagreements.notes == ("every unit was coded alike by its coders",)


def test_reliability_of_a_profile_reads_the_coder_of_each_observation():
    with pytest.raises(ValidationError, match="profile 'minimal' has none"):
        reliability(ah.testing.minimal_profile())
    rows = [
        Coding(indicator="pledge", member=None, year=y, coder=c, value=v, lo=0, hi=3, note="S")
        for y, c, v in [(2006, "ann", 1), (2006, "bo", 2), (2007, "ann", 3), (2007, "bo", 3)]
    ]
    rows += [
        Coding(indicator="meetings", member=None, year=y, coder=c, value=v, lo=0, hi=4, note="S")
        for y, c, v in [(2007, "ann", 1), (2007, "bo", 2), (2008, "ann", 4), (2008, "bo", 4)]
    ]
    profile = merge_codings(ah.testing.minimal_profile(), rows)  # with uncoded observations too
    report = reliability(profile, bootstrap=100, rng=0)
    direct = reliability_from_codings(rows, indicators=profile.indicators, bootstrap=100, rng=0)
    assert report.to_dict() == direct.to_dict()
    assert report.n_codings == len(rows)


# --- pooling -----------------------------------------------------------------------------------


def test_pool_point_is_the_median_and_draws_mix_the_coders():
    pooled = pool_codings([1.0, 2.0, 3.0], lo=[0.0, 1.0, 2.0], hi=[2.0, 3.0, 4.0], n=40000, rng=0)
    assert pooled.point == 2.0
    assert np.median(pooled.draws) == pytest.approx(2.0, abs=0.03)  # a symmetric mixture
    assert pooled.draws.min() >= 0.0
    assert pooled.draws.max() <= 4.0
    # each coder is picked a third of the time: a third of the draws fall below 1 only via coder 1
    assert np.mean(pooled.draws < 1.0) == pytest.approx(1 / 3 * 0.5, abs=0.01)
    (row,) = pooled.table().records()
    iv = pooled.interval(0.9)
    assert row == {"unit": 0, "point": 2.0, "coders": 3, "low": iv.low, "high": iv.high,
                   "confidence_level": 0.9}  # fmt: skip
    assert repr(pooled) == pooled.to_text()


def test_pooled_interval_takes_confidence_level_and_level_is_deprecated():
    pooled = pool_codings([1.0, 3.0], lo=[0.0, 2.0], hi=[2.0, 4.0], n=500, rng=0)
    iv = pooled.interval(confidence_level=0.5)
    assert iv.confidence_level == 0.5
    with pytest.warns(DeprecationWarning, match=r"PooledCoding.interval\(confidence_level=...\)"):
        assert pooled.interval(level=0.5) == iv
    with pytest.raises(ValidationError, match="confidence_level must be a number strictly"):
        pooled.interval(1.5)


def test_pooled_table_has_a_row_per_unit():
    pooled = pool_codings([[1.0, 2.0, np.nan], [3.0, 2.0, 4.0]], n=500, rng=0)
    table = pooled.table()
    assert table.column("unit") == (0, 1, 2)
    assert table.column("point") == tuple(pooled.point)
    assert table.column("coders") == (2, 2, 1)
    assert table.column("low") == tuple(pooled.interval(0.9).low)


def test_pool_disagreement_widens_the_spread():
    same = pool_codings([2.0, 2.0], lo=[1.0, 1.0], hi=[3.0, 3.0], n=20000, rng=1)
    apart = pool_codings([1.5, 2.5], lo=[0.5, 1.5], hi=[2.5, 3.5], n=20000, rng=1)
    assert same.point == apart.point == 2.0
    assert np.std(apart.draws) > np.std(same.draws)
    assert apart.interval().width > same.interval().width
    # law of total variance: each triangular(c-1, c, c+1) has variance 1/6; the centres add 1/4
    assert np.var(apart.draws) == pytest.approx(1 / 6 + 0.25, rel=0.03)


def test_pool_many_units_missing_coders_and_seed():
    values = np.array([[1.0, 2.0, NAN], [3.0, NAN, 0.0], [2.0, 2.0, NAN]])
    first = pool_codings(values, n=1000, rng=3)
    assert np.array_equal(first.point, [2.0, 2.0, 0.0])
    assert first.n_coders.tolist() == [3, 2, 1]
    assert first.draws.shape == (1000, 3)
    assert set(np.unique(first.draws[:, 0])) == {1.0, 2.0, 3.0}  # exact codings: point masses
    assert np.all(first.draws[:, 2] == 0.0)
    assert np.array_equal(first.draws, pool_codings(values, n=1000, rng=3).draws)
    iv = first.interval(0.5)
    assert iv.low.shape == (3,)


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (([1, 2], [0]), {}, "values must have shape (coders,) or (coders, units)"),
        (([1, 2], [0, 3], [2, 4]), {}, "each coder's range must hold the value"),
        (([[1, NAN], [2, NAN]],), {}, "unit 1 has none"),
        (([1, 2],), {"n": 0}, "n must be a whole number >= 1"),
        (([1, math.inf],), {}, "values must be finite or NaN"),
    ],
)
def test_pool_errors(args, kwargs, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        pool_codings(*args, **kwargs)


# --- coding sheets -----------------------------------------------------------------------------


def _fill(path, values):
    """Fill a sheet's value (and a +-1 range on the scale) as a coder would, in order."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    for row, value in zip(rows, values, strict=True):
        if value is not None:
            row["value"], row["note"] = str(value), "=cmd|' /C calc'!A0 stays text"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def test_sheet_round_trip(tmp_path):
    kwargs = {"indicators": ["threat-official", "joint-operations"], "years": [2005, 2006]}
    members = ["AAA", "BBB"]
    paths = []
    codes = {"ann": [4, 3, 4, 2, 2, 3], "bo": [4, 3, 3, 2, 2, None]}
    for coder, values in codes.items():
        path = coding_sheet(catalogue, tmp_path / f"{coder}.csv", coder=coder, members=members,
                            **kwargs)  # fmt: skip
        _fill(path, values)
        paths.append(path)
    with paths[0].open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == [
        "coder", "indicator", "member", "year", "value", "lo", "hi", "note", "label", "unit",
        "scale_lo", "scale_hi", "coding_guide", "description",
    ]  # fmt: skip
    keys = [(r["indicator"], r["member"], r["year"]) for r in rows]
    assert keys == [
        ("threat-official", "AAA", "2005"),
        ("threat-official", "BBB", "2005"),
        ("threat-official", "AAA", "2006"),
        ("threat-official", "BBB", "2006"),
        ("joint-operations", "", "2005"),  # an alliance-level indicator: one row a year
        ("joint-operations", "", "2006"),
    ]
    assert rows[0]["coding_guide"] == catalogue.get("threat-official").coding
    codings = read_sheets(paths)
    assert len(codings) == 11  # bo left one unit blank
    assert codings[0] == Coding(indicator="threat-official", member="AAA", year=2005, coder="ann",
                                value=4, note="=cmd|' /C calc'!A0 stays text")  # fmt: skip
    report = reliability_from_codings(codings)
    assert report.alphas["threat-official"].metric == "ordinal"
    assert report.alphas["threat-official"].n_units == 4
    assert read_sheets(paths[0]) == read_sheets([paths[0]])


def test_sheet_from_a_profile(tmp_path):
    profile = ah.testing.minimal_profile()
    path = coding_sheet(profile, tmp_path / "kim.csv", indicators=["threat-public", "pledge"],
                        years=[2006], coder="kim")  # fmt: skip
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["indicator"], r["member"]) for r in rows] == [
        ("threat-public", "AAA"),
        ("threat-public", "BBB"),
        ("pledge", ""),
    ]
    _fill(path, [30, 20, 3])
    codings = read_sheets([path], source=profile)
    assert [c.value for c in codings] == [30.0, 20.0, 3.0]
    with pytest.raises(UnknownReferenceError, match="source=profile"):
        read_sheets([path])  # the catalogue does not know 'threat-public'
    with pytest.raises(ValidationError, match="needs members="):
        coding_sheet(catalogue, tmp_path / "x.csv", indicators=["threat-official"], years=[2006],
                     coder="kim")  # fmt: skip
    with pytest.raises(UnknownReferenceError, match="unknown indicator 'gdp'"):
        coding_sheet(profile, tmp_path / "x.csv", indicators=["gdp"], years=[2006], coder="kim")
    with pytest.raises(ValidationError, match="coder must be a non-empty name"):
        coding_sheet(profile, tmp_path / "x.csv", years=[2006], coder=" ")


HEADER = "coder,indicator,member,year,value,lo,hi,note\n"


@pytest.mark.parametrize(
    ("body", "error", "message"),
    [
        ("ann,gdp,,2006,1,,,\n", UnknownReferenceError,
         "a.csv, line 2, column 'indicator': unknown indicator 'gdp'"),
        ("ann,joint-operations,,2006,two,,,\n", FileFormatError,
         "a.csv, line 2, column 'value': 'two' is not a finite number"),
        ("ann,joint-operations,,2006,nan,,,\n", FileFormatError,
         "a.csv, line 2, column 'value': 'nan' is not a finite number"),
        ("ann,joint-operations,,2006,1,,,\nann,joint-operations,,2007,4,,,\n", ScaleError,
         "a.csv, line 3, column 'value': 4.0 is off the scale (0.0, 3.0)"),
        ("ann,joint-operations,,2006,1,2,3,\n", ScaleError,
         "a.csv, line 2, columns 'lo', 'hi': give both, lo <= value (1.0) <= hi, or neither"),
        ("ann,joint-operations,,2006,1,0,,\n", ScaleError, "columns 'lo', 'hi': give both"),
        ("ann,joint-operations,,2006,,0,1,\n", FileFormatError,
         "a.csv, line 2, column 'value': blank, but a range is given"),
        (",joint-operations,,2006,1,,,\n", FileFormatError,
         "a.csv, line 2, column 'coder': blank; write the coder's name"),
        ("ann,joint-operations,,06x,1,,,\n", FileFormatError,
         "a.csv, line 2, column 'year': '06x' is not a year"),
        ("ann,joint-operations,,2006,1,,,\nann,joint-operations,,2006,2,,,\n", DuplicateError,
         "a.csv, line 3: coder 'ann' already coded ('joint-operations', None, 2006) at"),
    ],
)  # fmt: skip
def test_read_sheets_errors_name_file_line_and_column(tmp_path, body, error, message):
    path = tmp_path / "a.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(error, match=re.escape(message)):
        read_sheets([path])


def test_read_sheets_duplicates_across_files_and_structure(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(HEADER + "ann,joint-operations,,2006,1,,,\n", encoding="utf-8")
    b.write_text(HEADER + "ann,joint-operations,,2006,2,,,\n", encoding="utf-8")
    with pytest.raises(DuplicateError, match=re.escape(f"at {a}, line 2")):
        read_sheets([a, b])
    bad = tmp_path / "bad.csv"
    bad.write_text("coder,indicator,year\nann,x,2006\n", encoding="utf-8")
    with pytest.raises(FileFormatError, match="missing column\\(s\\) 'member', 'value', 'lo'"):
        read_sheets([bad])
    assert read_sheets([Path(b)])[0].value == 2.0


def test_every_public_name_is_exported_sorted():
    from alliance_health import reliability as module  # noqa: PLC0415

    assert module.__all__ == sorted(module.__all__)
    assert ah.reliability is module
    assert isinstance(krippendorff_alpha(SECTION_A), Alpha)


def test_the_example_script_runs_and_says_its_codings_are_synthetic(capsys):
    import runpy  # noqa: PLC0415

    script = Path(__file__).resolve().parents[1] / "examples" / "coding_workflow.py"
    runpy.run_path(str(script), run_name="__main__")
    out = capsys.readouterr().out
    assert out.startswith("SYNTHETIC coders and codings")
    assert "Inter-coder reliability: 3 coders" in out
