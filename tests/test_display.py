"""Notebook display: ``_repr_html_`` and ``to_frame()`` of every result type, on known values.

Every result states its table once (``table()``); these tests check that the HTML and the
DataFrame show the values of the result itself, under the documented column names.

The minimal illustrative profile scores, in 2006, 0.25 on shared threat (the least-convinced
member, BBB at 25 %), 1 on mutual obligation, 0.5 on consultation and 0.5 in health.
"""

from __future__ import annotations

import html
import re
import sys

import attrs
import numpy as np
import pytest

import alliance_health as ah
from alliance_health._present.display import html_table

YEAR = 2006


@pytest.fixture(scope="module")
def profile() -> ah.Profile:
    return ah.testing.minimal_profile()


@pytest.fixture(scope="module")
def other(profile) -> ah.Profile:
    halved = [attrs.evolve(o, value=o.value / 2) for o in profile.observations]
    return attrs.evolve(profile, id="halved", observations=halved)


def _cells(markup: str) -> list[str]:
    return [html.unescape(c) for c in re.findall(r"<t[dh]>(.*?)</t[dh]>", markup)]


def _records(markup: str) -> list[dict[str, str]]:
    """The rows of the first HTML table as {column: cell text}, by the header row."""
    table = _first_table(markup)
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)
    head = _cells(rows[0])
    cells = [_cells(r) for r in rows[1:]]
    return [dict(zip(head, c, strict=True)) for c in cells if len(c) == len(head)]  # notes aside


def _is_table(markup: str) -> bool:
    return markup.startswith("<table") and markup.endswith("</table>")


def _first_table(markup: str) -> str:
    return markup[: markup.index("</table>") + len("</table>")]


# -- HTML ---------------------------------------------------------------------------------------


def test_html_table_escapes_and_formats():
    markup = html_table("a <b>", ["x", "y"], [["<i>", 0.25], ["n", 3]])
    assert "<caption>a &lt;b&gt;</caption>" in markup
    assert _cells(markup) == ["x", "y", "<i>", "0.250", "n", "3"]


def test_profile_html_summarises_members_pillars_and_sources(profile):
    markup = profile._repr_html_()
    assert _is_table(markup)
    assert "<caption>Minimal illustrative alliance (minimal)</caption>" in markup
    cells = _cells(markup)
    assert cells[cells.index("founded") + 1] == "2000"
    assert cells[cells.index("observed") + 1] == "2005-2006"
    assert cells[cells.index("members (2)") + 1] == "AAA 2000-, BBB 2000-"
    assert cells[cells.index("shared threat") + 1] == "1 indicators, 2 observations"
    assert cells[cells.index("consultation") + 1] == "1 indicators, 1 observations"
    assert cells[cells.index("sources (1)") + 1] == "1 scenario"


def test_score_html_shows_health_and_pillars_then_folds_the_details(profile):
    s = ah.score(profile, YEAR)
    markup = s._repr_html_()
    first = _first_table(markup)
    assert "health 0.500" in first
    (row,) = _records(first)
    shown = ["profile", "year", "health", *(p.value for p in ah.Pillar), "weakest"]
    assert [row[k] for k in shown] == [
        *("minimal", "2006", "0.500", "0.250", "1.000", "0.500", "shared_threat")
    ]
    assert row["consultation_observed"] == "1.000"
    folded = markup[len(first) :]
    assert folded.count("<details>") == 3  # coverage, contributions, observations
    assert "Each indicator&#x27;s part" in folded
    assert folded.count("<td>threat-public</td>") == 1 + 2  # a contribution, two observations


def test_explanation_html_has_one_row_per_indicator(profile):
    markup = ah.score(profile, YEAR).explain()._repr_html_()
    assert _is_table(markup)
    rows = _records(markup)
    assert len(rows) == 3
    first = rows[0]
    assert (first["pillar"], first["threat"], first["indicator"]) == (
        "shared_threat",
        "rival",
        "threat-public",
    )
    assert (first["members"], first["covered"], first["age"]) == ("AAA,BBB", "2/2", "0")
    assert (first["value"], first["share"], first["contribution"]) == ("0.250", "1.000", "0.250")


def test_trajectory_html_has_one_row_per_year(profile):
    markup = ah.trajectory(profile)._repr_html_()
    assert _is_table(markup)
    (row,) = _records(markup)
    shown = ["year", "health", *(p.value for p in ah.Pillar), "consultation_observed"]
    assert [row[k] for k in shown] == ["2006", "0.500", "0.250", "1.000", "0.500", "1.000"]


def test_trajectory_html_with_bands_shows_the_interval(profile):
    t = ah.trajectory(profile, n=256, rng=0)
    (row,) = _records(t._repr_html_())
    iv = t.interval(0.9)
    assert list(row)[1:5] == ["centre", "low", "high", "confidence_level"]  # read these first
    assert [row["low"], row["high"], row["confidence_level"]] == [
        f"{iv.low[0]:.3f}",
        f"{iv.high[0]:.3f}",
        "0.900",
    ]
    assert row["centre"] == f"{t.centre[0]:.3f}"


def test_comparison_html_shows_both_sides_and_attribution(profile, other):
    c = ah.compare(profile, other, year_a=YEAR, year_b=YEAR, n=256, rng=0)
    markup = c._repr_html_()
    assert _is_table(markup)
    health = _records(markup)[0]
    iv = c.interval(0.9)
    assert health["score"] == "health"
    assert [health[k] for k in ("a", "b", "difference", "attribution")] == [
        f"{c.a.health:.3f}",
        f"{c.b.health:.3f}",
        f"{c.delta_health:.3f}",
        f"{c.delta_health:.3f}",
    ]
    assert [health[k] for k in ("centre", "low", "high", "confidence_level")] == [
        f"{c.centre:.3f}",
        f"{iv.low:.3f}",
        f"{iv.high:.3f}",
        "0.900",
    ]
    assert health["prob_a_healthier"] == f"{c.prob_a_healthier:.3f}"
    assert "a = minimal 2006 minus b = halved 2006" in markup
    assert f"P(minimal 2006 healthier) = {c.prob_a_healthier:.3f}" in markup


def test_alignment_html(profile):
    markup = ah.align([(profile, YEAR)], window=(-1, 1))._repr_html_()
    assert _is_table(markup)
    assert _cells(markup) == ["years_since_anchor", "minimal", "-1", "", "+0", "0.500", "+1", ""]


def test_alignment_of_one_profile_on_two_anchors_keeps_both(profile):
    frame_cols = ah.align([(profile, 2005), (profile, YEAR)], window=(0, 1)).table().names
    assert frame_cols == ("years_since_anchor", "minimal@2005", "minimal@2006")


def test_perception_gap_html(profile):
    markup = ah.perception_gap(profile, YEAR)._repr_html_()
    assert _is_table(markup)
    assert _cells(markup)[5:] == [
        *("rival", "AAA", "0.400", "0.250", "0.150"),
        *("rival", "BBB", "0.250", "0.250", "0.150"),
    ]


def test_diagnosis_html_lists_findings(profile):
    d = ah.diagnose(profile, YEAR)
    markup = d._repr_html_()
    assert _is_table(markup)
    assert markup.count("<tr>") == 1 + len(d.findings)
    assert len(d.findings) > 0
    assert f"<td>{html.escape(d.findings[0].title)}</td>" in markup


def test_uncertainty_html_for_one_and_several_years(profile):
    one = ah.uncertainty(profile, YEAR, n=256, rng=0)
    assert _is_table(one._repr_html_())
    health = _records(one._repr_html_())[0]
    assert (health["score"], health["as_coded"]) == ("health", "0.500")
    assert health["centre"] == f"{one.centre:.3f}"
    several = ah.uncertainty(profile, years=[YEAR, YEAR + 1], n=256, rng=0)
    first = _records(several._repr_html_())[0]
    assert (first["year"], first["as_coded"]) == ("2006", "0.500")


def test_sensitivity_html(profile):
    res = ah.sensitivity(profile, YEAR, n=256, rng=0, vary_model=False)
    markup = res._repr_html_()
    assert _is_table(markup)
    assert markup.count("<tr>") == 1 + len(res.labels)


# -- DataFrames ---------------------------------------------------------------------------------


def test_profile_to_frame_has_every_observation(profile):
    pytest.importorskip("pandas")
    frame = profile.to_frame()
    assert len(frame) == len(profile.observations)
    assert list(frame.columns[:6]) == ["indicator", "pillar", "threat", "member", "year", "value"]
    row = frame[(frame.indicator == "threat-public") & (frame.member == "BBB")].iloc[0]
    assert (row.value, row.pillar, row.threat, row.source) == (
        25.0,
        "shared_threat",
        "rival",
        "illustrative",
    )
    assert (row.uncertainty, row.survey_n) == ("survey", 1000)
    assert np.isnan(row.range_lo)
    assert (row.scale_lo, row.scale_hi, row.unit) == (0.0, 100.0, "%")
    coded = frame[frame.indicator == "meetings"].iloc[0]
    (meetings,) = (o for o in profile.observations if o.indicator == "meetings")
    assert coded.uncertainty == "range"
    assert (coded.range_lo, coded.range_hi) == (meetings.uncertainty.lo, meetings.uncertainty.hi)


def test_score_to_frame_stacks(profile):
    pd = pytest.importorskip("pandas")
    frame = pd.concat(
        [
            ah.score(profile, YEAR).to_frame(),
            ah.score(profile, YEAR, model=ah.Model(p=1)).to_frame(),
        ]
    )
    assert list(frame.index.names) == ["profile", "year"]
    observed = [f"{p.value}_observed" for p in ah.Pillar]
    shown = ["health", *(p.value for p in ah.Pillar), "weakest", *observed, "oldest_age"]
    assert list(frame.columns) == shown
    assert frame.shape == (2, 9)
    assert frame["health"].tolist() == pytest.approx([0.5, (0.25 + 1 + 0.5) / 3])
    assert frame["consultation_observed"].tolist() == [1.0, 1.0]
    assert frame["oldest_age"].tolist() == [1, 1]


def test_explanation_to_frame_contributions_sum_to_pillars(profile):
    pytest.importorskip("pandas")
    s = ah.score(profile, YEAR)
    frame = s.explain().to_frame()
    sums = frame.groupby("pillar")["contribution"].sum()
    for pillar, value in s.pillars.items():
        assert sums[pillar.value] == pytest.approx(value)


def test_trajectory_to_frame(profile):
    pytest.importorskip("pandas")
    frame = ah.trajectory(profile).to_frame()
    assert frame.index.name == "year"
    assert frame.loc[YEAR].tolist() == [0.5, 0.25, 1.0, 0.5, 1.0, 1.0, 1.0, 1.0]
    drawn = ah.trajectory(profile, n=64, rng=0).to_frame()
    assert list(drawn.columns[:5]) == ["centre", "low", "high", "confidence_level", "health"]


def test_trajectory_to_frame_keeps_the_monte_carlo_bands(profile):
    pytest.importorskip("pandas")
    t = ah.trajectory(profile, n=256, rng=0)
    frame = t.to_frame()
    iv = t.interval(0.9)
    assert frame["low"].tolist() == iv.low.tolist()
    assert frame["high"].tolist() == iv.high.tolist()
    draws = t.draws.draws.reshape(t.draws.n, -1)
    assert frame["centre"].tolist() == np.median(draws, axis=0).tolist()
    assert frame["confidence_level"].tolist() == [0.9]


def test_comparison_to_frame_attribution_sums_to_difference(profile, other):
    pytest.importorskip("pandas")
    c = ah.compare(profile, other, year_a=YEAR, year_b=YEAR, n=256, rng=0)
    frame = c.to_frame()
    assert list(frame.columns) == [
        *("a", "b", "difference", "attribution", "a_observed", "b_observed"),
        *("centre", "low", "high", "confidence_level", "prob_a_healthier"),
    ]
    assert frame.attrs["caption"] == "Comparison: a = minimal 2006 minus b = halved 2006"
    pillars = frame.drop(index="health")
    assert pillars["attribution"].sum() == pytest.approx(frame.loc["health", "difference"])
    np.testing.assert_allclose(frame["difference"], frame["a"] - frame["b"], atol=1e-15)


def test_comparison_to_frame_keeps_the_interval_and_probability(profile, other):
    pytest.importorskip("pandas")
    c = ah.compare(profile, other, year_a=YEAR, year_b=YEAR, n=256, rng=0)
    health = c.to_frame().loc["health"]
    iv = c.interval(0.9)
    assert (health["centre"], health["low"], health["high"]) == (c.centre, iv.low, iv.high)
    assert (health["confidence_level"], health["prob_a_healthier"]) == (0.9, c.prob_a_healthier)
    assert c.to_frame().drop(index="health")["low"].isna().all()  # the draws are of health


def test_comparison_to_frame_of_one_profile_year_with_itself(profile):
    pytest.importorskip("pandas")
    c = ah.compare(profile, profile, year_a=YEAR, year_b=YEAR, n=64, rng=0)
    frame = c.to_frame()
    assert list(frame.columns[:2]) == ["a", "b"]
    assert (frame["difference"] == 0).all()


def test_alignment_and_perception_to_frame(profile):
    pytest.importorskip("pandas")
    frame = ah.align([(profile, YEAR)], window=(-1, 1)).to_frame()
    assert frame["minimal"].tolist()[1] == 0.5
    gaps = ah.perception_gap(profile, YEAR).to_frame()
    assert gaps.set_index("member")["recognition"].to_dict() == {"AAA": 0.4, "BBB": 0.25}


def test_diagnosis_to_frame(profile):
    pytest.importorskip("pandas")
    d = ah.diagnose(profile, YEAR)
    frame = d.to_frame()
    assert len(frame) == len(d.findings)
    assert frame["severity"].is_monotonic_decreasing
    assert frame.iloc[0]["pillar"] == "shared_threat"


def test_uncertainty_to_frame_matches_the_result(profile):
    pytest.importorskip("pandas")
    res = ah.uncertainty(profile, YEAR, n=256, rng=0)
    frame = res.to_frame()
    shown = ["centre", "low", "high", "confidence_level", "as_coded", "observed"]
    assert list(frame.columns) == shown
    assert frame.loc["health", "as_coded"] == pytest.approx(0.5)
    assert frame.loc["health", "centre"] == pytest.approx(res.centre)
    assert frame.loc["consultation", "observed"] == 1.0
    iv = res.interval(0.9)
    assert (frame.loc["health", "low"], frame.loc["health", "high"]) == pytest.approx(
        (iv.low, iv.high)
    )
    assert frame["confidence_level"].tolist() == [iv.confidence_level] * len(frame)
    pillar = res.pillar_interval("consultation", 0.9)
    assert (frame.loc["consultation", "low"], frame.loc["consultation", "high"]) == pytest.approx(
        (pillar.low, pillar.high)
    )
    several = ah.uncertainty(profile, years=[YEAR, YEAR + 1], n=256, rng=0).to_frame()
    assert several.index.name == "year"
    assert several.index.tolist() == [YEAR, YEAR + 1]


def test_sensitivity_to_frame(profile):
    pytest.importorskip("pandas")
    res = ah.sensitivity(profile, YEAR, n=256, rng=0, vary_model=False)
    frame = res.to_frame()
    assert frame.index.tolist() == list(res.labels)
    np.testing.assert_array_equal(frame["total"], res.total)
    with_intervals = ah.sensitivity(profile, YEAR, n=256, rng=0, bootstrap=20).to_frame()
    assert list(with_intervals.columns) == [
        "first_order",
        "total",
        "first_order_low",
        "first_order_high",
        "total_low",
        "total_high",
        "confidence_level",
    ]


def test_to_frame_without_pandas_says_how_to_install(profile, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(ImportError, match=r'pip install "alliance_health\[pandas\]"'):
        profile.to_frame()
