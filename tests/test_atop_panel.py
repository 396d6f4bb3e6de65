"""Design indicators of every alliance at once, and the two design pillars scored as a panel.

Real rows: the ATOP 4.01 excerpts in tests/data (Leeds et al. 2002; ATOP codebook 4.01), and the
full 4.01 member-level file from shared/data beside the repository when present (skipped, with
the reason printed, when not). The panel's arithmetic must agree with the scoring engine's
(DESIGN section 3, steps 2 and 4) on the same indicators.
"""

from __future__ import annotations

import time
from pathlib import Path

import attrs
import numpy as np
import pytest

import alliance_health as ah
from alliance_health import atop

DATA = Path(__file__).parent / "data"
MEMBERS = DATA / "atop-4.01-excerpt-member-level.csv"
FULL_MEMBERS = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "atop"
    / "atop-member-level.csv"
)


@pytest.fixture(scope="module")
def members() -> atop.AtopData:
    data = atop.read(MEMBERS)
    assert isinstance(data, atop.AtopData)
    return data


@pytest.fixture(scope="module")
def panel(members: atop.AtopData) -> atop.DesignPanel:
    return atop.design_panel(members)


def _rows(panel: atop.DesignPanel, atopid: int) -> np.ndarray:
    return np.flatnonzero(panel.atopid == atopid)


def test_one_row_per_alliance_year_in_force(panel: atop.DesignPanel) -> None:
    assert panel.version == "4.01"
    assert [i.id for i in panel.indicators] == list(atop.PANEL_INDICATORS)
    nato = _rows(panel, 3180)
    assert panel.year[nato].tolist() == list(range(1949, 2017))  # in force to the file's end
    confederation = panel.year[_rows(panel, 1020)].tolist()
    assert 1849 not in confederation  # suspended 1848-1850
    assert (confederation[0], confederation[-1]) == (1815, 1866)
    assert np.all(np.diff(panel.atopid * 10_000 + panel.year) > 0)


def test_nato_design_changes_in_1951(panel: atop.DesignPanel) -> None:
    nato = _rows(panel, 3180)[:4]
    assert panel.column("atop-milinst")[nato].tolist() == [1.0, 1.0, 2.0, 2.0]
    assert panel.column("atop-organ")[nato].tolist() == [2.0, 2.0, 3.0, 3.0]
    assert panel.column("treaty-pledge")[nato].tolist() == [2.0] * 4


def test_the_two_pillars_match_the_engine(members: atop.AtopData, panel: atop.DesignPanel) -> None:
    scores = panel.scores()
    threat = ah.Indicator(
        id="placeholder-threat",
        pillar=ah.Pillar.SHARED_THREAT,
        label="Placeholder so that the engine scores (not data)",
        scale=(0, 1),
        threat="any",
    )
    for atopid in (3180, 3205, 1020):
        profile = atop.profile(members, atopid, indicators=atop.PANEL_INDICATORS)
        src = ah.Source(key="placeholder", title="Placeholder (not data)", kind="scenario")
        years = panel.year[_rows(panel, atopid)]
        profile = attrs.evolve(
            profile,
            sources=(*profile.sources, src),
            indicators=(*profile.indicators, threat),
            # observed in every panel year: an observation without a horizon serves at most
            # HORIZONLESS_MARGIN years past a profile's last observation, and the skeleton's own
            # data end with its last change point
            observations=(
                *profile.observations,
                *(
                    ah.Observation(
                        indicator="placeholder-threat",
                        year=int(year),
                        value=1,
                        source="placeholder",
                        uncertainty=ah.Exact(),
                    )
                    for year in years
                ),
            ),
        )
        rows = _rows(panel, atopid)
        for k, year in zip(rows, years, strict=True):
            engine = ah.score(profile, int(year)).pillars
            assert scores.mutual_obligation[k] == pytest.approx(
                engine[ah.Pillar.MUTUAL_OBLIGATION], abs=1e-12
            )
            assert scores.consultation[k] == pytest.approx(
                engine[ah.Pillar.CONSULTATION], abs=1e-12
            )


def test_design_is_never_health_nor_shared_threat(panel: atop.DesignPanel) -> None:
    scores = panel.scores()
    assert all(i.pillar is not ah.Pillar.SHARED_THREAT for i in panel.indicators)
    assert not hasattr(scores, "health")
    assert not hasattr(scores, "shared_threat")
    assert "not alliance health" in repr(scores)
    values = np.concatenate([scores.mutual_obligation, scores.consultation])
    assert np.all((values >= 0) & (values <= 1))
    frame = scores.to_frame()
    assert list(frame.columns) == [
        "atopid",
        "year",
        "mutual_obligation_design",
        "consultation_design",
    ]


def test_member_years_for_joining_threat_and_practice_data(panel: atop.DesignPanel) -> None:
    frame = panel.to_frame(scope="member")
    assert list(frame.columns[:3]) == ["atopid", "year", "member"]
    egypt = frame[(frame.atopid == 3205) & (frame.member == "EGY")]
    assert 1985 not in egypt.year.tolist()
    assert {1979, 1989} <= set(egypt.year.tolist())
    nato_1999 = frame[(frame.atopid == 3180) & (frame.year == 1999)]
    assert len(nato_1999) == 19  # ATOP counts the 1997 protocols' signatories from 1997
    alliance = panel.to_frame()
    assert alliance.shape == (panel.atopid.size, 2 + len(panel.indicators))
    with pytest.raises(ah.ValidationError, match=r"scope must be 'alliance' or 'member'"):
        panel.to_frame(scope="dyad")  # type: ignore[arg-type]


def test_depth_scores_join_the_obligation_pillar(members: atop.AtopData) -> None:
    panel = atop.design_panel(members, depth={3180: 1.0, 3240: -1.0}, depth_scale=(-2.0, 2.0))
    depth = panel.column("bc-depth")
    assert np.all(depth[_rows(panel, 3180)] == 1.0)
    assert np.isnan(depth[_rows(panel, 1020)]).all()
    assert panel.indicators[-1].pillar is ah.Pillar.MUTUAL_OBLIGATION
    plain = atop.design_panel(members).scores().mutual_obligation
    with_depth = panel.scores().mutual_obligation
    nato = _rows(panel, 3180)
    assert np.allclose(with_depth[nato], (2 * plain[nato] + 0.75) / 3)  # (1 - -2) / 4 = 0.75
    assert np.array_equal(with_depth[_rows(panel, 1020)], plain[_rows(panel, 1020)])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"depth": {3180: 1.0}}, ah.ValidationError, r"depth needs depth_scale=\(lo, hi\)"),
        (
            {"depth": {9999: 1.0}, "depth_scale": (0, 1)},
            ah.UnknownReferenceError,
            r"depth names atopids not in the panel: 9999",
        ),
        (
            {"depth": {3180: 5.0}, "depth_scale": (0, 1)},
            ah.ScaleError,
            r"depth\[3180\] = 5.0 is off depth_scale \(0.0, 1.0\)",
        ),
        ({"indicators": ("atop-x",)}, ah.UnknownReferenceError, r"unknown ATOP indicator 'atop-x'"),
    ],
)
def test_panel_errors(members: atop.AtopData, kwargs: dict, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        atop.design_panel(members, **kwargs)


def test_alliance_level_file_is_refused() -> None:
    alliances = atop.read(DATA / "atop-4.01-excerpt-alliance-level.csv")
    with pytest.raises(ah.ValidationError, match=r"got alliance-level data.*NATO's 1951"):
        atop.design_panel(alliances)  # type: ignore[arg-type]


def test_every_alliance_in_about_a_second() -> None:
    if not FULL_MEMBERS.is_file():
        reason = "the full ATOP 4.01 member-level file is not in shared/data/atop; skipped"
        print(reason)  # noqa: T201
        pytest.skip(reason)
    start = time.perf_counter()
    data = atop.read(FULL_MEMBERS)
    assert isinstance(data, atop.AtopData)
    panel = atop.design_panel(data, indicators=tuple(atop.INDICATORS))
    scores = panel.scores()
    elapsed = time.perf_counter() - start
    print(f"read, panel and scores of 745 alliances: {elapsed:.2f} s")  # noqa: T201
    assert np.unique(panel.atopid).size == 745
    assert elapsed < 5  # about 0.4 s on a shared two-core machine; generous for CI
    assert not np.isnan(scores.mutual_obligation).any()  # every row has a treaty pledge
