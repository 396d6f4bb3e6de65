"""Plots: each is rendered to PNG and its content (axes, labels, series, values) is checked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import numpy as np
import pytest

import alliance_health as ah

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")

SRC = "illustrative"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _obs(
    indicator: str, year: int, value: float, member: str | None = None, **kw
) -> ah.Observation:
    return ah.Observation(
        indicator=indicator, year=year, value=value, member=member, source=SRC, **kw
    )


def history() -> ah.Profile:
    """The minimal illustrative profile stretched over 2001-2006 with a second threat and events.

    Illustrative values, not data (the source is of kind "scenario").
    """
    p = ah.testing.minimal_profile()
    terror = ah.Indicator(
        id="threat-terror",
        pillar="shared_threat",
        label="Terrorism seen as critical",
        scale=(0, 100),
        unit="%",
        threat="terrorism",
    )
    survey = ah.Survey(n=800)
    obs = [o for o in p.observations if o.indicator == "threat-public"]
    for year, a, b in [(2001, 70, 40), (2003, 60, 50), (2005, 55, 30)]:
        obs += [
            _obs("threat-public", year, a, "AAA", uncertainty=survey),
            _obs("threat-public", year, b, "BBB", uncertainty=survey),
        ]
    for year, a, b in [(2001, 50, 45), (2003, 40, 55), (2005, 35, 35), (2006, 20, 30)]:
        obs += [
            _obs("threat-terror", year, a, "AAA", uncertainty=survey),
            _obs("threat-terror", year, b, "BBB", uncertainty=survey),
        ]
    note = "illustrative value, not an observation"
    obs.append(_obs("pledge", 2001, 2.5, uncertainty=ah.Range(2, 3), note=note))
    for k, year in enumerate(range(2001, 2007)):
        value = 3.0 - 0.5 * k
        obs.append(_obs("meetings", year, value, uncertainty=ah.Range(value / 2, 4), note=note))
    events = (
        ah.Event(
            id="shock",
            date="2003-06-15",
            title="A threat shock with a title far longer than a plot label should be",
            source=SRC,
            tags=["threat-shock"],
        ),
        ah.Event(id="split", date="2005-02-01", title="Unilateral decision", source=SRC),
        ah.Event(id="before", date="1990-01-01", title="Outside the years", source=SRC),
    )
    return attrs.evolve(
        p, indicators=(*p.indicators, terror), observations=tuple(obs), events=events
    )


def _render(ax, tmp_path: Path) -> Path:
    path = tmp_path / "figure.png"
    ax.figure.savefig(path, dpi=60)
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (480, 270)  # figsize (8, 4.5) at 60 dpi
    return path


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_importing_the_package_does_not_import_matplotlib():
    code = "import sys, alliance_health; print('matplotlib' in sys.modules)"
    out = subprocess.run(  # noqa: S603  (runs this interpreter on a fixed string)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_trajectory_draws_health_pillars_band_and_events(tmp_path):
    profile = history()
    traj = ah.trajectory(profile, n=512, rng=3)
    ax = ah.plot.trajectory(traj, events=profile)
    _render(ax, tmp_path)
    assert ax.get_title() == profile.name
    assert ax.get_xlabel() == "year"
    assert ax.get_ylabel() == ah.plot.SCORE_LABEL
    labels = [line.get_label() for line in ax.get_lines()]
    # health, three pillars, then one vertical line per event inside 2001-2006 (not the 1990 one)
    assert labels == [
        "health",
        "shared threat",
        "mutual obligation",
        "consultation",
        "_event shock",
        "_event split",
    ]
    health = ax.get_lines()[0]
    np.testing.assert_array_equal(health.get_xdata(), traj.years)
    np.testing.assert_allclose(health.get_ydata(), traj.health)
    np.testing.assert_allclose(ax.get_lines()[3].get_ydata(), traj.pillar("consultation"))
    shock_x = ax.get_lines()[4].get_xdata()[0]
    assert 2003.4 < shock_x < 2003.5  # 15 June is 165 days into the year
    assert _texts(ax) == [
        "A threat shock with a title far lon...",
        "Unilateral decision",
    ]
    (band,) = ax.collections
    iv = traj.interval(0.9)
    vertices = band.get_paths()[0].vertices
    assert np.isclose(vertices[:, 1].min(), iv.low.min())
    assert np.isclose(vertices[:, 1].max(), iv.high.max())
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "90% interval",
        "health",
        "shared threat",
        "mutual obligation",
        "consultation",
    ]


def test_trajectory_without_draws_has_no_band_and_honours_options():
    traj = ah.trajectory(history())
    _fig, given = plt.subplots()
    ax = ah.plot.trajectory(traj, ax=given, show_pillars=False)
    assert ax is given
    assert [line.get_label() for line in ax.get_lines()] == ["health"]
    assert len(ax.collections) == 0
    assert len(ax.texts) == 0


def test_trajectory_rejects_events_of_the_wrong_kind():
    traj = ah.trajectory(history())
    with pytest.raises(ah.ValidationError, match=r"events\[0\] is str"):
        ah.plot.trajectory(traj, events=["2003"])


def test_pillars_draws_one_bar_group_per_score(tmp_path):
    profile = history()
    s1, s2 = ah.score(profile, 2001), ah.score(profile, 2006)
    ax = ah.plot.pillars([s1, s2])
    _render(ax, tmp_path)
    assert ax.get_title() == "Pillar scores"
    assert ax.get_ylabel() == ah.plot.SCORE_LABEL
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "shared threat",
        "mutual obligation",
        "consultation",
    ]
    assert len(ax.containers) == 2
    for container, s in zip(ax.containers, (s1, s2), strict=True):
        heights = [bar.get_height() for bar in container]
        assert heights == [s.shared_threat, s.mutual_obligation, s.consultation]
    assert _texts(ax) == [f"{s.pillars[p]:.2f}" for s in (s1, s2) for p in ah.Pillar]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        f"minimal 2001 (health {s1.health:.2f})",
        f"minimal 2006 (health {s2.health:.2f})",
    ]


def test_pillars_takes_a_score_or_a_comparison():
    profile = history()
    one = ah.plot.pillars(ah.score(profile, 2006))
    assert len(one.containers) == 1
    assert len(one.patches) == 3
    c = ah.compare(profile, profile, year_a=2006, year_b=2001, n=64, rng=0)
    both = ah.plot.pillars(c)
    assert [bar.get_height() for bar in both.containers[1]] == [c.b.pillars[p] for p in ah.Pillar]


def test_pillars_rejects_an_empty_sequence():
    with pytest.raises(ah.ValidationError, match="non-empty sequence of Score"):
        ah.plot.pillars([])


def test_waterfall_steps_add_up_from_b_to_a(tmp_path):
    profile = history()
    c = ah.compare(profile, profile, year_a=2006, year_b=2001, n=512, rng=5)
    ax = ah.plot.waterfall(c)
    _render(ax, tmp_path)
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "minimal 2001",
        "shared threat",
        "mutual obligation",
        "consultation",
        "minimal 2006",
    ]
    totals, moves = ax.containers[:2]
    assert [bar.get_height() for bar in totals] == [c.b.health, c.a.health]
    steps = [c.attribution[p] for p in ah.Pillar]
    np.testing.assert_allclose([bar.get_height() for bar in moves], steps)
    bottoms = [bar.get_y() for bar in moves]
    np.testing.assert_allclose(bottoms, c.b.health + np.concatenate(([0], np.cumsum(steps)[:-1])))
    assert np.isclose(bottoms[-1] + steps[-1], c.a.health)  # Shapley shares are exact
    assert _texts(ax) == [
        f"{c.b.health:.3f}",
        f"{c.a.health:.3f}",
        *(f"{s:+.3f}" for s in steps),
    ]
    # falls and rises in two colours; here the threat pillar fell and the pledge did not move
    assert steps[0] < 0
    assert steps[1] == 0
    fall, rise = matplotlib.colors.to_rgba("#b23a48"), matplotlib.colors.to_rgba("#2a7f62")
    assert [bar.get_facecolor() for bar in moves] == [fall if s < 0 else rise for s in steps]
    assert f"{c.delta_health:+.3f}" in ax.get_title()
    assert ax.get_ylabel() == "health"


def test_confidence_level_sets_the_band_and_the_error_bars():
    traj = ah.trajectory(history(), n=256, rng=0)
    ax = ah.plot.trajectory(traj, confidence_level=0.5)
    (band,) = ax.collections
    iv = traj.interval(0.5)
    assert np.isclose(band.get_paths()[0].vertices[:, 1].max(), iv.high.max())
    assert ax.get_legend().get_texts()[0].get_text() == "50% interval"
    with pytest.warns(DeprecationWarning, match=r"plot\.trajectory\(level=\.\.\.\)"):
        old = ah.plot.trajectory(traj, level=0.5)
    assert old.get_legend().get_texts()[0].get_text() == "50% interval"
    c = ah.compare(history(), history(), year_a=2006, year_b=2001, n=256, rng=5)
    labels = [
        t.get_text() for t in ah.plot.waterfall(c, confidence_level=0.5).get_legend().get_texts()
    ]
    assert "50% interval" in labels
    with pytest.warns(DeprecationWarning, match=r"plot\.waterfall\(level=\.\.\.\)"):
        ah.plot.waterfall(c, level=0.5)
    with pytest.raises(ah.ValidationError, match="confidence_level must be a number strictly"):
        ah.plot.waterfall(c, confidence_level=90)


def test_waterfall_rejects_a_score():
    with pytest.raises(ah.ValidationError, match="takes a Comparison"):
        ah.plot.waterfall(ah.score(history(), 2006))


def test_perception_draws_each_member_and_the_gap(tmp_path):
    gap = ah.perception_gap(history(), 2005)
    ax = ah.plot.perception(gap)
    _render(ax, tmp_path)
    assert ax.get_title() == "Perception of threats, minimal 2005"
    assert ax.get_xlabel() == "recognition of the threat (0 = none, 1 = full)"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["rival", "terrorism"]
    segments, aaa, _bbb, shared = ax.collections
    rival = gap["rival"]
    first = segments.get_segments()[0]
    assert sorted(first[:, 0].tolist()) == [rival.recognition["BBB"], rival.recognition["AAA"]]
    assert aaa.get_label() == "AAA"
    np.testing.assert_allclose(
        aaa.get_offsets()[:, 0], [gap[t].recognition["AAA"] for t in ("rival", "terrorism")]
    )
    np.testing.assert_allclose(shared.get_offsets()[:, 0], [t.shared for t in gap.threats])
    texts = _texts(ax)
    assert f"gap {rival.gap:.2f}" in texts
    assert texts.count("gap 0.00") == 1  # terrorism: both members at 35 %
    assert "BBB" in texts  # the least convinced member of the rival threat is named
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["gap", "AAA", "BBB", "held in common"]


def test_perception_with_many_members_draws_them_alike():
    gap = ah.perception_gap(history(), 2005)
    ax = ah.plot.perception(gap, legend_members=1)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["gap", "members", "held in common"]
    members = ax.collections[1]
    assert members.get_offsets().shape == (4, 2)  # two members x two threats


def test_perception_rejects_a_score():
    with pytest.raises(ah.ValidationError, match="takes a PerceptionGap"):
        ah.plot.perception(ah.score(history(), 2006))


def _panel() -> ah.Panel:
    """history() (scored 2001-2006), its twin with other values, and the minimal profile (2006)."""
    h = history()
    twin = attrs.evolve(
        h,
        id="twin",
        observations=tuple(
            attrs.evolve(o, value=o.value / 2) if o.indicator == "threat-public" else o
            for o in h.observations
        ),
    )
    return ah.panel([h, twin, attrs.evolve(ah.testing.minimal_profile(), id="short")], n=128, rng=0)


def test_panel_dots_sorts_alliances_and_draws_their_intervals(tmp_path):
    p = _panel()
    ax = ah.plot.panel_dots(p, 2006)
    _render(ax, tmp_path)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    centres = {a: p.centre[p.alliances.index(a), -1, 0] for a in labels}
    assert sorted(labels) == ["minimal", "short", "twin"]
    assert [centres[a] for a in labels] == sorted(centres.values())  # healthiest on top
    assert ax.get_title() == "health in 2006"
    (crosses,) = ax.collections[-1:]
    rows = [p.alliances.index(a) for a in labels]
    np.testing.assert_allclose(crosses.get_offsets()[:, 0], p.as_coded[rows, -1, 0])
    (bars,) = ax.containers
    x_ranges = [seg[:, 0] for seg in bars.lines[2][0].get_segments()]
    np.testing.assert_allclose([lo for lo, _ in x_ranges], p.low[rows, -1, 0])
    np.testing.assert_allclose([hi for _, hi in x_ranges], p.high[rows, -1, 0])


def test_panel_dots_leaves_out_alliances_not_scored_that_year():
    p = _panel()
    ax = ah.plot.panel_dots(p, 2003, measure="consultation")
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == ["minimal", "twin"]
    assert ax.get_title() == "consultation in 2003"
    with pytest.raises(ah.ValidationError, match="year 1990 is not scored"):
        ah.plot.panel_dots(p, 1990)
    with pytest.raises(ah.ValidationError, match="measure must be one of"):
        ah.plot.panel_dots(p, 2006, measure="cohesion")
    with pytest.raises(ah.ValidationError, match="takes a Panel"):
        ah.plot.panel_dots(ah.trajectory(history()), 2006)


def test_panel_trajectories_draws_a_line_and_band_per_alliance(tmp_path):
    p = _panel()
    ax = ah.plot.panel_trajectories(p)
    _render(ax, tmp_path)
    assert [line.get_label() for line in ax.get_lines()] == ["minimal", "twin", "short"]
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), p.years)
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), p.centre[1, :, 0])
    short = ax.get_lines()[2].get_ydata()
    assert np.isnan(short[:-1]).all()  # a line breaks where the alliance is not scored
    assert short[-1] == p.centre[2, -1, 0]
    assert len(ax.collections) == 3
    band = ax.collections[0].get_paths()[0].vertices
    assert np.isclose(band[:, 1].min(), np.nanmin(p.low[0, :, 0]))
    one = ah.plot.panel_trajectories(p, alliances=["twin"], measure="shared_threat")
    assert [line.get_label() for line in one.get_lines()] == ["twin"]
    with pytest.raises(ah.ValidationError, match=r"alliances \['nato'\] are not in this panel"):
        ah.plot.panel_trajectories(p, alliances=["nato"])
