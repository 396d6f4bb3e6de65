"""Notebook display: ``_repr_html_`` and ``to_frame()`` of every result type, on known values.

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
from alliance_health._display import html_table

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


def _is_table(markup: str) -> bool:
    return markup.startswith("<table") and markup.endswith("</table>")


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


def test_score_html_shows_health_and_pillars(profile):
    markup = ah.score(profile, YEAR)._repr_html_()
    assert _is_table(markup)
    assert "health 0.500" in markup
    assert _cells(markup)[3:] == [
        "shared threat",
        "0.250",
        "100% of the weight observed; oldest 0 y",
        "mutual obligation",
        "1.000",
        "100% of the weight observed; oldest 1 y",
        "consultation",
        "0.500",
        "100% of the weight observed; oldest 0 y",
    ]


def test_explanation_html_has_one_row_per_indicator(profile):
    markup = ah.score(profile, YEAR).explain()._repr_html_()
    assert _is_table(markup)
    assert markup.count("<tr>") == 1 + 3
    cells = _cells(markup)
    assert cells[9:18] == [
        "shared threat",
        "rival",
        "Public sees the threat as critical (threat-public)",
        "AAA, BBB",
        "2/2",
        "0",
        "0.250",
        "1.000",
        "0.250",
    ]


def test_trajectory_html_has_one_row_per_year(profile):
    markup = ah.trajectory(profile)._repr_html_()
    assert _is_table(markup)
    assert _cells(markup)[6:] == ["2006", "0.500", "0.250", "1.000", "0.500", "1.00"]


def test_comparison_html_shows_both_sides_and_attribution(profile, other):
    c = ah.compare(profile, other, year_a=YEAR, year_b=YEAR, n=256, rng=0)
    markup = c._repr_html_()
    assert _is_table(markup)
    cells = _cells(markup)
    row = cells[cells.index("health") : cells.index("health") + 5]
    assert row == [
        "health",
        f"{c.a.health:.3f}",
        f"{c.b.health:.3f}",
        f"{c.delta_health:.3f}",
        f"{c.delta_health:.3f}",
    ]
    assert f"P(a healthier) = {c.prob_a_healthier:.3f}" in markup
    assert f"centre {c.centre:.3f}" in markup
    assert cells[cells.index("observed weight") + 1] == "1.00 1.00 1.00"


def test_alignment_html(profile):
    markup = ah.align([(profile, YEAR)], window=(-1, 1))._repr_html_()
    assert _is_table(markup)
    assert _cells(markup) == ["years since anchor", "minimal", "-1", "", "+0", "0.500", "+1", ""]


def test_perception_gap_html(profile):
    markup = ah.perception_gap(profile, YEAR)._repr_html_()
    assert _is_table(markup)
    assert _cells(markup)[4:] == ["rival", "0.15", "0.25", "AAA 0.40, BBB 0.25"]


def test_diagnosis_html_lists_findings(profile):
    d = ah.diagnose(profile, YEAR)
    markup = d._repr_html_()
    assert markup.count("<li>") == len(d.findings) > 0
    assert html.escape(d.findings[0].title) in markup


def test_uncertainty_html_for_one_and_several_years(profile):
    one = ah.uncertainty(profile, YEAR, n=256, rng=0)
    assert _is_table(one._repr_html_())
    cells = _cells(one._repr_html_())
    assert cells[1:6] == ["centre", "5%", "95%", "as coded", "observed"]
    assert cells[6] == "health"
    assert cells[7] == f"{one.centre:.3f}"
    assert cells[10] == "0.500"  # as coded
    several = ah.uncertainty(profile, [YEAR], n=256, rng=0)
    assert _cells(several._repr_html_())[6:8] == ["2006", f"{one.centre:.3f}"]


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
    assert row.uncertainty == "Survey(n=1000)"
    assert (row.scale_lo, row.scale_hi, row.unit) == (0.0, 100.0, "%")


def test_score_to_frame_stacks(profile):
    pd = pytest.importorskip("pandas")
    frame = pd.concat(
        [
            ah.score(profile, YEAR).to_frame(),
            ah.score(profile, YEAR, model=ah.Model(p=1)).to_frame(),
        ]
    )
    assert list(frame.index.names) == ["profile", "year"]
    assert frame.shape == (2, 8)
    assert frame["health"].tolist() == pytest.approx([0.5, (0.25 + 1 + 0.5) / 3])
    assert frame["consultation_observed_share"].tolist() == [1.0, 1.0]
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
    assert list(drawn.columns[:4]) == ["centre", "q05", "q95", "health"]


def test_comparison_to_frame_attribution_sums_to_difference(profile, other):
    pytest.importorskip("pandas")
    c = ah.compare(profile, other, year_a=YEAR, year_b=YEAR, n=256, rng=0)
    frame = c.to_frame()
    assert list(frame.columns) == [
        "minimal 2006",
        "halved 2006",
        "difference",
        "attribution",
        "minimal 2006 observed",
        "halved 2006 observed",
    ]
    assert frame.loc["consultation", "halved 2006 observed"] == 1.0
    pillars = frame.drop(index="health")
    assert pillars["attribution"].sum() == pytest.approx(frame.loc["health", "difference"])
    np.testing.assert_allclose(
        frame["difference"], frame["minimal 2006"] - frame["halved 2006"], atol=1e-15
    )


def test_comparison_to_frame_of_one_profile_year_with_itself(profile):
    pytest.importorskip("pandas")
    c = ah.compare(profile, profile, year_a=YEAR, year_b=YEAR, n=64, rng=0)
    assert list(c.to_frame().columns[:2]) == ["a: minimal 2006", "b: minimal 2006"]


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
    assert list(frame.columns) == ["centre", "q05", "q95", "as_coded", "observed"]
    assert frame.loc["health", "as_coded"] == pytest.approx(0.5)
    assert frame.loc["health", "centre"] == pytest.approx(res.centre)
    assert frame.loc["consultation", "observed"] == 1.0
    iv = res.interval(0.9)
    assert (frame.loc["health", "q05"], frame.loc["health", "q95"]) == pytest.approx(
        (iv.low, iv.high)
    )
    several = ah.uncertainty(profile, [YEAR], n=256, rng=0).to_frame()
    assert several.index.name == "year"
    assert several.index.tolist() == [YEAR]


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
    ]


def test_to_frame_without_pandas_says_how_to_install(profile, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(ImportError, match=r'pip install "alliance_health\[pandas\]"'):
        profile.to_frame()
