"""Panels: many alliances over many years, their rankings, and the same bits on every executor."""

from __future__ import annotations

import csv
import html
import itertools
import pickle
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import alliance_health as ah
from alliance_health._analysis import panel_tasks, ranking
from alliance_health._analysis.panel_tasks import MEASURES, YEARS_PER_TASK

from strategies import profiles

SRC = "synthetic"


def synthetic(pid: str, start: int, stop: int, seed: int) -> ah.Profile:
    """A two-member profile observed every year from ``start`` to ``stop`` (synthetic values).

    One survey per member on one threat, a treaty pledge coded once, a consultation range coded
    every year; the source is of kind "scenario": not data.
    """
    gen = np.random.default_rng(seed)
    inds = (
        ah.Indicator(
            id="threat", pillar="shared_threat", label="Threat", scale=(0, 100), threat="rival"
        ),
        ah.Indicator(id="pledge", pillar="mutual_obligation", label="Pledge", scale=(0, 3)),
        ah.Indicator(id="meet", pillar="consultation", label="Meetings", scale=(0, 4), horizon=0),
    )
    obs = [ah.Observation(indicator="pledge", year=start, value=2, source=SRC)]
    for year in range(start, stop + 1):
        for member in ("AAA", "BBB"):
            value = float(gen.integers(20, 90))
            obs.append(
                ah.Observation(
                    indicator="threat",
                    year=year,
                    value=value,
                    member=member,
                    source=SRC,
                    uncertainty=ah.Survey(n=500),
                )
            )
        mid = float(gen.uniform(1, 3))
        obs.append(
            ah.Observation(
                indicator="meet",
                year=year,
                value=mid,
                source=SRC,
                uncertainty=ah.Range(mid - 0.5, mid + 0.5),
                note="synthetic",
            )
        )
    return ah.Profile(
        id=pid,
        name=f"Synthetic {pid}",
        founded=start,
        members=[ah.Member(code="AAA", joined=start), ah.Member(code="BBB", joined=start)],
        sources=[
            ah.Source(key=SRC, title="Synthetic values for tests (not data)", kind="scenario")
        ],
        indicators=inds,
        observations=obs,
    )


@pytest.fixture(scope="module")
def small():
    """The minimal profile (scorable 2006 only), the U.S.-ROK fixture and a synthetic profile."""
    return [ah.testing.minimal_profile(), "rok-us", synthetic("syn", 2003, 2007, seed=1)]


def test_rows_are_profiles_times_years_times_measures_minus_skipped(small):
    years = [1999, 2004, 2005, 2006]
    p = ah.panel(small, years, n=64, rng=0)
    # minimal: 1999 before its founding, 2004 and 2005 lack two pillars; syn: 1999 before founding
    skipped = {(s.alliance, s.year) for s in p.skipped}
    assert skipped == {("minimal", 1999), ("minimal", 2004), ("minimal", 2005), ("syn", 1999)}
    records = p.to_dict()["records"]
    assert len(records) == (3 * len(years) - len(skipped)) * len(MEASURES)
    assert [r["measure"] for r in records[:4]] == list(MEASURES)
    assert not {(r["alliance"], r["year"]) for r in records} & skipped
    assert {r["confidence_level"] for r in records} == {p.confidence_level}


def test_skipped_years_carry_their_reasons(small):
    p = ah.panel(small, [1999, 2005, 2006], n=64, rng=0)
    reasons = {(s.alliance, s.year): s.reason for s in p.skipped}
    assert reasons[("minimal", 1999)] == (
        "1999 is before 'Minimal illustrative alliance' was founded (2000)"
    )
    assert reasons[("minimal", 2005)] == (
        "the shared threat and consultation pillars have no valid observation in 2005"
    )
    assert "3 skipped" in repr(p)
    # the meetings coded in 2006 serve one year more (horizon 1), then consultation has no value
    late = ah.panel([small[0]], [2006, 2007, 2008], n=8, rng=0).skipped
    assert [(s.alliance, s.year, s.reason) for s in late] == [
        ("minimal", 2008, "the consultation pillar has no valid observation in 2008")
    ]


def test_default_years_are_each_profiles_own_span():
    p = ah.panel(["rok-us", "nato-post-1990"], n=16, rng=0)
    rok, nato = ah.fixtures.rok_us(), ah.fixtures.nato_post_1990()
    assert p.series("rok-us")["years"].tolist() == ah.trajectory(rok).years.tolist()
    assert p.series("nato-post-1990")["years"].tolist() == ah.trajectory(nato).years.tolist()
    # NATO's file starts with the 1949 treaty; the years before 1989 are reported, not dropped
    assert [s.year for s in p.skipped] == list(range(1949, 1989))


def test_as_coded_equals_score(small):
    p = ah.panel(small, [2005, 2006], n=32, rng=0)
    profiles_by_id = {"minimal": small[0], "rok-us": ah.fixtures.rok_us(), "syn": small[2]}
    for row in p.to_dict()["records"]:
        s = ah.score(profiles_by_id[row["alliance"]], row["year"])
        measure = row["measure"]
        expected = s.health if measure == "health" else s.pillars[ah.Pillar(measure)]
        assert row["as_coded"] == expected


@settings(max_examples=15, deadline=None)
@given(profile=profiles(), offset=st.integers(0, 3))
def test_as_coded_equals_score_on_random_profiles(profile, offset):
    year = profile.founded + offset
    p = ah.panel([profile], [year], n=8, rng=0)
    s = ah.score(profile, year)
    assert p.as_coded[0, 0].tolist() == [s.health, *(s.pillars[q] for q in ah.Pillar)]


def test_centre_and_interval_equal_uncertainty_with_the_spawned_seed(small):
    seed, years = 11, [2005, 2006, 2007]
    p = ah.panel(small, years, n=256, rng=seed, confidence_level=0.8)
    children = np.random.SeedSequence(seed).spawn(len(small))
    for i, prof in enumerate([small[0], ah.fixtures.rok_us(), small[2]]):
        scored = p.series(prof.id)["years"].tolist()
        assert p.seeds[i].spawn_key == children[i].spawn_key == (i,)
        u = ah.uncertainty(prof, years=scored, n=256, rng=np.random.default_rng(children[i]))
        cols = np.flatnonzero(p.scored[i])
        np.testing.assert_array_equal(p.draws[:, i, cols], u.draws.reshape(256, cols.size))
        np.testing.assert_array_equal(p.centre[i, cols, 0], u.median)
        ci = u.interval(0.8)
        np.testing.assert_array_equal(p.low[i, cols, 0], ci.low)
        np.testing.assert_array_equal(p.high[i, cols, 0], ci.high)
        pillar = u.pillar_interval("consultation", 0.8)
        np.testing.assert_array_equal(p.low[i, cols, 3], pillar.low)


def test_long_profiles_are_split_into_seeded_blocks():
    long = synthetic("long", 1850, 1850 + YEARS_PER_TASK + 20, seed=2)  # 121 years: two blocks
    p = ah.panel([long], n=64, rng=4)
    years = p.series("long")["years"]
    assert years.size == YEARS_PER_TASK + 21
    first = years[: years.size // 2 + 1]  # numpy.array_split gives the first block the extra year
    child = np.random.SeedSequence(4).spawn(1)[0]
    block = np.random.SeedSequence(child.entropy, spawn_key=(0, 0))
    u = ah.uncertainty(long, years=first.tolist(), n=64, rng=np.random.default_rng(block))
    np.testing.assert_array_equal(p.draws[:, 0, : first.size], u.draws)


def test_same_seed_same_panel_and_a_generator_seeds_like_its_integer(small):
    a = ah.panel(small, [2006], n=64, rng=3)
    b = ah.panel(small, [2006], n=64, rng=np.random.default_rng(3))
    c = ah.panel(small, [2006], n=64, rng=4)
    np.testing.assert_array_equal(a.draws, b.draws)
    assert not np.array_equal(a.draws, c.draws)


def _same(a: ah.Panel, b: ah.Panel) -> None:
    for name in ("years", "as_coded", "centre", "low", "high", "coverage", "draws"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
    assert a.skipped == b.skipped
    assert a.alliances == b.alliances


@pytest.fixture(scope="module")
def mixed():
    """Profiles with a long span (two blocks), skipped years, a built-in id and short spans."""
    return [
        synthetic("long", 1880, 1880 + YEARS_PER_TASK + 10, seed=5),
        "nato-post-1990",
        ah.testing.minimal_profile(),
        *(synthetic(f"s{k}", 1990 + k, 2000, seed=k) for k in range(3)),
    ]


def test_executors_give_the_same_bits(mixed):
    serial = ah.panel(mixed, n=128, rng=21)
    with ProcessPoolExecutor(2) as pool:
        _same(serial, ah.panel(mixed, n=128, rng=21, executor=pool))
    with ThreadPoolExecutor(3) as pool:
        _same(serial, ah.panel(mixed, n=128, rng=21, executor=pool))


def test_dask_cluster_gives_the_same_bits(mixed):
    distributed = pytest.importorskip("distributed")
    serial = ah.panel(mixed, n=64, rng=8)
    with (
        distributed.LocalCluster(
            n_workers=2, processes=False, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        _same(serial, ah.panel(mixed, n=64, rng=8, executor=client.get_executor()))


def test_a_task_pickles_with_its_profile():
    task = panel_tasks.Task(
        index=0,
        profile=ah.fixtures.rok_us(),
        years=np.array([2006], dtype=np.int64),
        explain=np.empty(0, dtype=np.int64),
        seed=np.random.SeedSequence(1),
        n=8,
        model=ah.Model(),
        vary_model=False,
        level=0.9,
    )
    again = pickle.loads(pickle.dumps(task))  # noqa: S301  (our own bytes)
    assert again.profile == task.profile
    np.testing.assert_array_equal(panel_tasks.run(again).draws, panel_tasks.run(task).draws)


def test_errors_in_a_worker_reach_the_caller():
    with (
        ThreadPoolExecutor(2) as pool,
        pytest.raises(
            ah.InsufficientDataError,
            match=r"no requested year is scorable .* \(minimal 2001: the shared threat, mutual"
            r" obligation and consultation pillars have no valid observation in 2001; minimal 2002",
        ),
    ):
        ah.panel([ah.testing.minimal_profile()], [2001, 2002], n=8, rng=0, executor=pool)


# -- rankings ------------------------------------------------------------------------------------


def brute_rank_probabilities(draws: np.ndarray) -> np.ndarray:
    """Rank shares by looping over draws: tied alliances share the ranks they span."""
    n, a = draws.shape
    out = np.zeros((a, a))
    for row in draws:
        for k in range(a):
            above = int(np.sum(row > row[k]))
            tied = int(np.sum(row == row[k]))
            out[k, above : above + tied] += 1 / tied
    return out / n


draw_matrices = st.integers(1, 6).flatmap(
    lambda a: st.lists(
        st.lists(st.integers(0, 4).map(lambda v: v / 4), min_size=a, max_size=a),
        min_size=1,
        max_size=40,
    )
)


@settings(max_examples=60, deadline=None)
@given(rows=draw_matrices)
def test_rank_probabilities_are_doubly_stochastic_and_share_ties(rows):
    draws = np.array(rows, dtype=np.float64)
    probs = ranking.rank_probabilities(draws)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(probs.sum(axis=0), 1.0, atol=1e-12)
    np.testing.assert_allclose(probs, brute_rank_probabilities(draws), atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(rows=draw_matrices)
def test_pairwise_probabilities_add_to_one_less_ties(rows):
    draws = np.array(rows, dtype=np.float64)
    p = ranking.prob_healthier(draws)
    ties = np.mean(draws[:, :, None] == draws[:, None, :], axis=0)
    np.testing.assert_allclose(p + p.T + ties, 1.0, atol=1e-12)
    assert np.all(np.diag(p) == 0)


def test_pairwise_probabilities_do_not_depend_on_the_block_size(monkeypatch):
    draws = np.random.default_rng(0).random((103, 5))
    whole = ranking.prob_healthier(draws)
    monkeypatch.setattr(ranking, "_PAIR_BLOCK", 50)  # two draws a block
    np.testing.assert_array_equal(ranking.prob_healthier(draws), whole)


def test_panel_ranking_from_the_joint_draws(small):
    p = ah.panel(small, [2006], n=512, rng=2)
    r = p.ranking(2006)
    assert r.alliances == ("minimal", "rok-us", "syn")
    h = p.draws[:, :, 0]
    np.testing.assert_allclose(r.rank_probabilities, brute_rank_probabilities(h), atol=1e-12)
    assert r.prob("rok-us", "minimal") == np.mean(h[:, 1] > h[:, 0])
    np.testing.assert_allclose(r.expected_rank.sum(), 1 + 2 + 3)
    low, high = r.rank_interval()
    assert np.all((low >= 1) & (low <= high) & (high <= 3))
    assert sorted(r.as_coded_rank.tolist()) == [1, 2, 3]
    text = repr(r)
    assert text.startswith("Ranking in 2006 of 3 alliances (512 joint draws")
    assert "P(row healthier than column)" in text
    table = r.table()
    assert table.column("p_rank_1") == tuple(r.rank_probabilities[:, 0].tolist())
    assert table.column("p_healthier_than_syn") == tuple(r.prob_healthier[:, 2].tolist())
    assert table.column("rank_low") == tuple(low.tolist())
    assert r.to_dict() == table.to_dict()


def test_ranking_text_sorts_by_mean_rank_and_shows_the_pairs(small):
    r = ah.panel(small, [2006], n=256, rng=5).ranking(2006)
    lines = r.to_text().splitlines()
    assert lines[0] == r.table().caption
    assert lines[1].split() == [
        "alliance",
        "as",
        "coded",
        "rank",
        "mean",
        "rank",
        "90%",
        "ranks",
        "P(first)",
    ]
    shown = [line.split()[0] for line in lines[3:6]]
    mean = dict(zip(r.alliances, r.expected_rank.tolist(), strict=True))
    assert sorted(shown, key=mean.__getitem__) == shown
    assert set(shown) == set(r.alliances)
    low, high = r.rank_interval()
    k = r.alliances.index(shown[0])
    assert lines[3].split()[4] == f"{low[k]}-{high[k]}"
    assert lines[7] == "P(row healthier than column)"
    assert lines[8].split() == list(r.alliances)
    assert repr(r) == r.to_text()
    markup = r._repr_html_()
    assert "<details><summary>P(row healthier than column)</summary>" in markup


def test_ranking_leaves_out_alliances_not_scored_that_year(small):
    p = ah.panel(small, [2005, 2006], n=32, rng=0)
    assert p.ranking(2005).alliances == ("rok-us", "syn")
    with pytest.raises(ah.InsufficientDataError, match=r"year 1990 is not scored .* 2005-2006"):
        p.ranking(1990)
    with pytest.raises(ah.UnknownReferenceError, match="'minimal' is not ranked in 2005"):
        p.ranking(2005).prob("minimal", "syn")


def test_ranking_of_identical_alliances_is_even():
    same = ah.testing.minimal_profile()
    twin = attrs.evolve(same, id="twin")
    r = ah.panel([same, twin], [2006], n=256, rng=0).ranking(2006)
    # independent draws of the same distributions: each is first about half the time
    assert abs(r.rank_probabilities[0, 0] - 0.5) < 0.1
    np.testing.assert_allclose(r.rank_probabilities.sum(axis=0), 1.0)


# -- coverage and tables ---------------------------------------------------------------------------


def test_coverage_counts_members_and_unobserved_indicators():
    p = ah.testing.minimal_profile()
    full = ah.panel([p], [2006], n=8, rng=0)
    assert full.coverage[0, 0].tolist() == [1.0, 1.0, 1.0, 1.0]
    one_member = [o for o in p.observations if o.member != "BBB"]
    extra = ah.Indicator(id="summits", pillar="consultation", label="Summits", scale=(0, 1))
    thin = attrs.evolve(p, indicators=(*p.indicators, extra), observations=one_member)
    c = ah.panel([thin], [2006], n=8, rng=0).coverage[0, 0]
    # the engine's coverage: the survey is observed though half the members answer it (the
    # members are counted in the coverage record); one of two equally weighted consultation
    # indicators is observed; health is the mean of the pillars under equal pillar weights
    assert c.tolist() == [pytest.approx(5 / 6), 1.0, 1.0, 0.5]
    record = ah.score(thin, 2006).coverage
    assert record["shared_threat"].members_covered == {"threat-public": ("AAA",)}
    assert record["consultation"].observed_weight_share == c[3]


def test_csv_text_file_dict_and_frame_agree(small, tmp_path):
    p = ah.panel(small, [2005, 2006], n=32, rng=0)
    path = p.write_csv(tmp_path / "panel.csv")
    assert path == tmp_path / "panel.csv"
    assert path.read_text(encoding="utf-8") == p.to_csv() == p.table().to_csv()  # no summary
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    data = p.to_dict()
    assert data == p.table().to_dict()
    records = data["records"]
    assert list(rows[0]) == [c["name"] for c in data["columns"]]
    assert [r["alliance"] for r in rows] == [r["alliance"] for r in records]
    assert [float(r["centre"]) for r in rows] == [r["centre"] for r in records]  # full precision
    frame = p.to_frame()
    assert list(frame.index.names) == ["alliance", "year", "measure"]
    assert frame.shape == (len(rows), len(rows[0]) - 3)
    assert frame["low"].le(frame["high"]).all()
    assert frame.loc[("syn", 2006, "consultation"), "centre"] == p.centre[2, 1, 3]


def test_to_csv_with_a_path_still_writes_the_file_with_a_deprecation(small, tmp_path):
    p = ah.panel(small, [2006], n=16, rng=0)
    with pytest.warns(
        DeprecationWarning, match=r"to_csv\(path\) is deprecated; use Panel.write_csv"
    ):
        path = p.to_csv(tmp_path / "old.csv")
    assert path.read_text(encoding="utf-8") == p.to_csv()


def test_summary_has_one_row_per_alliance_drawn_from_the_long_table(small):
    p = ah.panel(small, [1999, 2005, 2006], n=64, rng=0)
    long, summary = p.tables()
    assert [t.name for t in (long, summary)] == ["panel", "summary"]
    assert long == p.table()
    rows = {r["alliance"]: r for r in summary.records()}
    assert list(rows) == list(p.alliances)
    for alliance, row in rows.items():
        health = [
            r for r in long.records() if (r["alliance"], r["measure"]) == (alliance, "health")
        ]
        years = [r["year"] for r in health]
        assert row["scored"] == len(health)
        assert row["skipped"] == sum(s.alliance == alliance for s in p.skipped)
        assert row["years"] == f"{years[0]}-{years[-1]}"
        assert row["latest"] == years[-1]
        latest = health[-1]
        assert (row["health_centre"], row["health_low"], row["health_high"]) == (
            latest["centre"],
            latest["low"],
            latest["high"],
        )
    assert p.to_text() == repr(p) == summary.to_text()
    assert summary.notes == (
        "3 alliance-years skipped, not scored; Panel.skipped gives each the reason",
    )


def test_text_and_html_do_not_grow_with_the_years():
    long = synthetic("long", 1900, 1999, seed=3)
    p = ah.panel([long, ah.testing.minimal_profile()], n=8, rng=0)
    assert len(p.table().rows) > 400
    assert len(repr(p).splitlines()) == 3 + 2 + 1  # caption, header, rule, 2 alliances, a note
    markup = p._repr_html_()
    assert markup.count("<tr>") < 30
    assert html.escape(p.table().caption) in markup
    assert f"the first 12 of {len(p.table().rows)} rows; to_frame() has them all" in markup


def test_repr_and_html_name_every_alliance(small):
    p = ah.panel(small, [2006], n=16, rng=0)
    text = repr(p)
    assert text.startswith("Panel of 3 alliances: 3 alliance-years scored, 0 skipped; 16 draws")
    for alliance in ("minimal", "rok-us", "syn"):
        assert alliance in text
        assert alliance in p._repr_html_()


def test_series_and_measures(small):
    p = ah.panel(small, [2005, 2006], n=16, rng=0)
    s = p.series("syn", ah.Pillar.CONSULTATION)
    assert s["years"].tolist() == [2005, 2006]
    np.testing.assert_array_equal(s["centre"], p.centre[2, :, 3])
    with pytest.raises(ah.ValidationError, match="measure must be one of health, shared_threat"):
        p.series("syn", "cohesion")
    with pytest.raises(ah.UnknownReferenceError, match="'warsaw' is not in this panel"):
        p.series("warsaw")


# -- bad inputs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("profiles_", "kwargs", "error", "message"),
    [
        ([], {}, ah.ValidationError, "profiles must hold at least one Profile or built-in id"),
        (["rok-us", "rok-us"], {}, ah.DuplicateError, "'rok-us' is at positions 0 and 1"),
        (["rok-us", "warsaw-pact"], {}, ah.UnknownReferenceError, r"profiles\[1\]: no built-in"),
        ([1954], {}, ah.ValidationError, r"profiles\[0\] must be a Profile .* got int 1954"),
        (42, {}, ah.ValidationError, "profiles must be a sequence of Profile objects"),
        (["rok-us"], {"n": 0}, ah.ValidationError, "n must be a whole number >= 2"),
        (["rok-us"], {"n": -5}, ah.ValidationError, "got -5"),
        (["rok-us"], {"years": [2006, 2006]}, ah.ValidationError, "years must not repeat"),
        (["rok-us"], {"years": [2006.5]}, ah.ValidationError, "years must be a whole number"),
        (["rok-us"], {"years": []}, ah.ValidationError, "years must be a whole number"),
        (["rok-us"], {"confidence_level": 1.0}, ah.ValidationError, "strictly between 0 and 1"),
        (["rok-us"], {"model": "geometric"}, ah.ValidationError, "model must be an"),
        (["rok-us"], {"executor": "pool"}, ah.ValidationError, "concurrent.futures.Executor"),
        (["rok-us"], {"rng": -1}, ah.ValidationError, "rng must be None"),
        (["rok-us"], {"years": [1900]}, ah.InsufficientDataError, "no requested year is scorable"),
    ],
)
def test_bad_inputs_raise_clear_errors(profiles_, kwargs, error, message):
    with pytest.raises(error, match=message):
        ah.panel(profiles_, **{"n": 8, "rng": 0, **kwargs})


def test_a_profile_without_observations_needs_years():
    empty = attrs.evolve(ah.testing.minimal_profile(), observations=())
    with pytest.raises(ah.InsufficientDataError, match=r"profiles\[0\] 'minimal' has no obs"):
        ah.panel([empty], n=8, rng=0)


def test_one_profile_or_id_alone_is_a_panel_of_one():
    assert ah.panel("rok-us", [2006], n=8, rng=0).alliances == ("rok-us",)
    assert ah.panel(ah.testing.minimal_profile(), 2006, n=8, rng=0).alliances == ("minimal",)


def test_every_alliance_year_pair_is_either_scored_or_skipped(small):
    years = range(1998, 2009)
    p = ah.panel(small, years, n=8, rng=0)
    scored = {(p.alliances[a], int(p.years[y])) for a, y in zip(*np.nonzero(p.scored), strict=True)}
    skipped = {(s.alliance, s.year) for s in p.skipped}
    wanted = set(itertools.product(p.alliances, years))
    assert scored | skipped == wanted
    assert not scored & skipped


def test_long_panels_and_rankings_print_their_first_rows():
    p = ah.testing.minimal_profile()
    big = ah.panel([attrs.evolve(p, id=f"m{k:02d}") for k in range(23)], [2006], n=16, rng=0)
    assert repr(big).splitlines()[-1] == (
        "... 3 more alliances; to_frame() and tables() have them all"
    )
    assert len(repr(big).splitlines()) == 3 + 20 + 1
    assert len(big.tables()[1].rows) == 23
    assert repr(big.ranking(2006)).splitlines()[-1] == (
        "... 3 more alliances; to_frame() has them all"
    )
    assert len(big.ranking(2006).to_frame()) == 23


def test_an_alliance_with_no_scored_year_keeps_its_row():
    p = ah.panel([ah.testing.minimal_profile(), "rok-us"], [1999], n=8, rng=0)
    assert p.alliances == ("minimal", "rok-us")
    assert not p.scored[0].any()
    row = p.tables()[1].records()[0]
    assert row == {
        "alliance": "minimal",
        "years": None,
        "scored": 0,
        "skipped": 1,
        "latest": None,
        "health_centre": None,
        "health_low": None,
        "health_high": None,
    }
    assert repr(p).splitlines()[3].split() == ["minimal", "0", "1"]
    assert p.ranking(1999).alliances == ("rok-us",)
    assert p.ranking(1999).rank_probabilities.tolist() == [[1.0]]
