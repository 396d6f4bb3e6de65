"""``alliance-health panel``: many alliances over many years, or one year's ranking."""

import csv
import io
import json
import time

import pytest

import alliance_health as ah
from alliance_health._analysis import panel as panel_module
from alliance_health._cli import commands, main, options
from alliance_health.testing import minimal_profile


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "minimal.toml"
    ah.dump(minimal_profile(), path)
    return str(path)


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def as_json(data: dict) -> dict:
    return json.loads(json.dumps(data, allow_nan=False))


def test_json_is_the_panels_to_dict(profile_file, capsys):
    argv = ["panel", profile_file, "rok-us", "--from", "2005", "--to", "2007", "--n", "64"]
    code, out, err = run([*argv, "--format", "json"], capsys)
    assert (code, err) == (0, "")
    expected = ah.panel([minimal_profile(), "rok-us"], range(2005, 2008), n=64, rng=0)
    assert json.loads(out) == as_json(expected.to_dict())
    # minimal is scorable in 2006 and 2007 only; rok-us every year: 5 alliance-years
    assert len(json.loads(out)["records"]) == 5 * 4


def test_csv_is_the_long_table_the_csv_module_reads(profile_file, capsys):
    argv = ["panel", profile_file, "rok-us", "--from", "2005", "--to", "2007", "--n", "64"]
    code, out, _ = run([*argv, "--format", "csv"], capsys)
    assert code == 0
    _, json_out, _ = run([*argv, "--format", "json"], capsys)
    data = json.loads(json_out)
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == [c["name"] for c in data["columns"]]
    assert len(rows) == 1 + len(data["records"])
    for row, record in zip(rows[1:], data["records"], strict=True):
        assert row[:3] == [record["alliance"], str(record["year"]), record["measure"]]
        assert [float(v) for v in row[3:]] == list(record.values())[3:]  # every digit


def test_table_is_the_summary(profile_file, capsys):
    code, out, _ = run(["panel", profile_file, "rok-us", "--n", "64", "--seed", "3"], capsys)
    assert code == 0
    expected = ah.panel([minimal_profile(), "rok-us"], n=64, rng=3)
    assert out == expected.to_text() + "\n"
    assert out.startswith("Panel of 2 alliances: ")
    assert len(out.splitlines()) == 3 + 2 + 1  # caption, header, rule, two alliances, skipped


def test_ranking_of_one_year(profile_file, capsys):
    argv = ["panel", profile_file, "rok-us", "nato-post-1990", "--n", "128", "--ranking", "2006"]
    code, out, _ = run([*argv, "--format", "json"], capsys)
    assert code == 0
    alone = ah.panel([minimal_profile(), "rok-us", "nato-post-1990"], [2006], n=128, rng=0)
    assert json.loads(out) == as_json(alone.ranking(2006).to_dict())
    names = [c["name"] for c in json.loads(out)["columns"]]
    assert names[7:10] == ["p_rank_1", "p_rank_2", "p_rank_3"]
    _, text, _ = run(argv, capsys)
    assert text == alone.ranking(2006).to_text() + "\n"
    assert "P(row healthier than column)" in text


def test_ranking_within_a_span_ranks_that_year_of_the_span(capsys):
    argv = ["panel", "rok-us", "nato-post-1990", "--from", "2004", "--to", "2007", "--n", "64"]
    code, out, _ = run([*argv, "--ranking", "2006", "--format", "json"], capsys)
    assert code == 0
    span = ah.panel(["rok-us", "nato-post-1990"], range(2004, 2008), n=64, rng=0)
    assert json.loads(out) == as_json(span.ranking(2006).to_dict())


def test_model_seed_and_confidence_level_reach_the_panel(capsys):
    argv = ["panel", "rok-us", "--from", "2006", "--n", "64", "--seed", "5", "--p", "-inf"]
    code, out, _ = run(
        [*argv, "--weights", "2,1,1", "--confidence-level", "0.8", "--format", "json"], capsys
    )
    assert code == 0
    model = ah.Model(p=float("-inf"), weights=(2, 1, 1))
    expected = ah.panel(["rok-us"], [2006, 2007], n=64, rng=5, model=model, confidence_level=0.8)
    data = json.loads(out)
    assert data == as_json(expected.to_dict())
    assert {r["confidence_level"] for r in data["records"]} == {0.8}


def test_from_alone_runs_to_the_last_year_any_alliance_can_be_scored(profile_file, capsys):
    argv = ["panel", profile_file, "rok-us", "--from", "2006", "--n", "8", "--format", "json"]
    code, out, _ = run(argv, capsys)
    assert code == 0
    assert {r["year"] for r in json.loads(out)["records"]} == {2006, 2007}
    _, out, _ = run(["panel", profile_file, "--to", "2006", "--n", "8", "--format", "json"], capsys)
    assert {r["year"] for r in json.loads(out)["records"]} == {2006}


def test_the_default_number_of_draws_is_the_librarys():
    assert commands.PANEL_N == panel_module.DEFAULT_N


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["rok-us", "rok-us"], "PROFILE 'rok-us' is given twice ('rok-us'); a panel needs"),
        (["{file}", "{copy}"], "has the id of '{file}' ('minimal')"),
        (["rok-us", "warsaw-pact"], "'warsaw-pact' is neither a built-in profile"),
        (["rok-us", "--n", "1"], "--n must be a whole number >= 2"),
        (["rok-us", "--seed", "-1"], "--seed must be a whole number >= 0"),
        (["rok-us", "--confidence-level", "1"], "--confidence-level must be a number strictly"),
        (["rok-us", "--confidence-level", "nan"], "--confidence-level must be a number strictly"),
        (["rok-us", "--from", "2007", "--to", "2000"], "--from 2007 is after --to 2000"),
        (["rok-us", "--ranking", "1900"], "--ranking 1900: no requested year is scorable"),
        (
            ["rok-us", "--from", "2000", "--to", "2005", "--ranking", "2006"],
            "--ranking 2006 is outside the years 2000-2005 of --from/--to",
        ),
        (
            ["rok-us", "--from", "1953", "--to", "1955", "--ranking", "1953"],
            "--from 1953 --to 1955 --ranking 1953: year 1953 is not scored for any alliance",
        ),
        (["rok-us", "--weights", "1,1"], "--weights must be three numbers"),
        (["rok-us", "--p", "nan"], "--p must be a real number or -inf"),
    ],
)
def test_bad_options_exit_1_naming_the_option(argv, message, profile_file, tmp_path, capsys):
    copy = tmp_path / "copy.json"
    ah.dump(minimal_profile(), copy)
    fill = {"{file}": profile_file, "{copy}": str(copy)}
    argv = [fill.get(a, a) for a in argv]
    for key, value in fill.items():
        message = message.replace(key, value)
    code, _, err = run(["panel", "--n", "8", *argv], capsys)  # a later --n wins
    assert code == 1
    assert err.startswith("alliance-health: error: ")
    assert message in err
    assert err.count("\n") == 1
    for leak in ("Traceback", "rng must", "Model.", "profiles["):
        assert leak not in err


@pytest.mark.parametrize(
    "argv",
    [["panel"], ["panel", "rok-us", "--ranking", "soon"], ["panel", "rok-us", "--n", "many"]],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "usage: alliance-health panel" in capsys.readouterr().err


def test_draws_that_would_not_fit_are_refused_before_anything_is_allocated(monkeypatch, capsys):
    def no_draws(*_args, **_kwargs):
        pytest.fail("draws were started")

    monkeypatch.setattr("alliance_health._analysis.panel_tasks.draw", no_draws)
    start = time.perf_counter()
    code, _, err = run(["panel", "rok-us", "nato-post-1990", "--n", "100000000000"], capsys)
    assert time.perf_counter() - start < 5
    assert code == 1
    assert err.startswith("alliance-health: error: --n 100000000000 would need about ")


def test_the_memory_estimate_counts_every_alliance_over_the_whole_span(monkeypatch, capsys):
    # rok-us is scored from 1954, NATO's own span from its founding in 1949: together 1949-2007
    rok, nato = ah.fixtures.rok_us(), ah.fixtures.nato_post_1990()
    span = 2007 - 1949 + 1
    limit = options.draw_bytes(16, [(rok, span), (nato, span)])
    monkeypatch.setattr(options, "MAX_DRAW_BYTES", limit)
    argv = ["panel", "rok-us", "nato-post-1990", "--format", "csv"]
    assert run([*argv, "--n", "16"], capsys)[0] == 0
    code, _, err = run([*argv, "--n", "17"], capsys)
    assert code == 1
    assert err.startswith("alliance-health: error: --n 17 would need about")
    # with a span given, the span counts
    short = options.draw_bytes(16, [(rok, 2), (nato, 2)])
    monkeypatch.setattr(options, "MAX_DRAW_BYTES", short)
    assert run([*argv, "--n", "16", "--from", "2005", "--to", "2006"], capsys)[0] == 0
    assert run([*argv, "--n", "17", "--from", "2005", "--to", "2006"], capsys)[0] == 1
