"""The ``alliance-health`` command: formats from the table protocol, arguments, errors, pipes."""

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import alliance_health as ah
from alliance_health._cli import main, options
from alliance_health._cli.app import build_parser
from alliance_health._cli.registry import COMMANDS, command
from alliance_health._present.table import Table
from alliance_health._scoring.engine import scorable_years
from alliance_health.testing import minimal_profile

PILLARS = [p.value for p in ah.Pillar]
SRC = Path(ah.__file__).resolve().parents[1]


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "minimal.toml"
    ah.dump(minimal_profile(), path)
    return str(path)


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def csv_blocks(text: str) -> list[list[list[str]]]:
    """The tables of a CSV output: rows split at the blank line between tables."""
    blocks: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(text)):
        if row:
            blocks[-1].append(row)
        else:
            blocks.append([])
    return blocks


def as_json(data: dict) -> dict:
    return json.loads(json.dumps(data))


# -- formats: every table comes from the result's own table -------------------------------------
def test_score_json_is_the_score_to_dict(profile_file, capsys):
    code, out, _ = run(["score", f"{profile_file}:2006", "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    drawn = ah.uncertainty(minimal_profile(), 2006, n=4096, rng=0)
    expected = {
        "uncertainty": drawn.table().to_dict(),
        **ah.score(minimal_profile(), 2006).to_dict(),
    }
    assert data == as_json(expected)
    (row,) = data["score"]["records"]
    assert row["health"] == pytest.approx(ah.score(minimal_profile(), 2006).health)
    assert row["weakest"] == "shared_threat"
    assert set(PILLARS) <= set(row)


def test_score_table_by_default(profile_file, capsys):
    code, out, _ = run(["score", f"{profile_file}:2006"], capsys)
    assert code == 0
    drawn = ah.uncertainty(minimal_profile(), 2006, n=4096, rng=0)
    expected = [drawn.table().to_text(), ah.score(minimal_profile(), 2006).to_text()]
    assert out == "\n\n".join(expected) + "\n"
    assert "threat-public" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["catalogue"],
        ["score", "{file}:2006"],
        ["trajectory", "{file}", "--n", "64"],
        ["compare", "{file}:2006", "rok-us:2006", "--n", "64"],
        ["diagnose", "{file}:2006"],
    ],
    ids=lambda a: a[0],
)
def test_every_command_prints_csv_the_csv_module_reads(argv, profile_file, capsys):
    argv = [a.replace("{file}", profile_file) for a in argv]
    code, csv_out, _ = run([*argv, "--format", "csv"], capsys)
    assert code == 0
    _, json_out, _ = run([*argv, "--format", "json"], capsys)
    data = json.loads(json_out)
    tables = list(data.values()) if "records" not in data else [data]
    blocks = csv_blocks(csv_out)
    assert len(blocks) == len(tables)
    for block, table in zip(blocks, tables, strict=True):
        names = [c["name"] for c in table["columns"]]
        assert block[0] == names
        assert len(block) == 1 + len(table["records"])
        assert all(len(row) == len(names) for row in block)


def test_model_options_change_the_result(profile_file, capsys):
    _, out, _ = run(["score", f"{profile_file}:2006", "--format", "json", "--p", "1"], capsys)
    (row,) = json.loads(out)["score"]["records"]
    assert row["health"] == pytest.approx((0.25 + 1.0 + 0.5) / 3)


@pytest.mark.parametrize("value", ["-inf", "-1", "-1e3", "-.5"])
def test_negative_numbers_are_option_values(value, capsys):
    code, out, err = run(["score", "rok-us:2006", "--p", value, "--format", "json"], capsys)
    assert (code, err) == (0, "")
    (row,) = json.loads(out)["score"]["records"]
    expected = ah.score(ah.fixtures.rok_us(), 2006, model=ah.Model(p=float(value)))
    assert row["health"] == pytest.approx(expected.health)
    assert main(["score", "rok-us:2006", f"--p={value}", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["score"]["records"] == [row]


def test_compare_json_has_the_interval_and_attribution(profile_file, capsys):
    argv = ["compare", f"{profile_file}:2006", f"{profile_file}:2006", "--n", "64"]
    code, out, _ = run([*argv, "--format", "json"], capsys)
    assert code == 0
    rows = {r["score"]: r for r in json.loads(out)["records"]}
    assert rows["health"]["difference"] == 0.0
    assert sum(rows[p]["attribution"] for p in PILLARS) == 0.0
    assert rows["health"]["prob_a_healthier"] == 0.5
    assert (rows["health"]["low"], rows["health"]["high"]) == (0.0, 0.0)
    assert rows["health"]["confidence_level"] == 0.9


def test_trajectory_span_and_bands(capsys):
    argv = ["trajectory", "rok-us", "--from", "2004", "--to", "2006", "--format", "json"]
    code, out, _ = run([*argv, "--n", "64"], capsys)
    assert code == 0
    records = json.loads(out)["records"]
    assert [r["year"] for r in records] == [2004, 2005, 2006]
    band = ah.trajectory(ah.fixtures.rok_us(), [2004, 2005, 2006], n=64, rng=0)
    assert [r["low"] for r in records] == band.interval(0.9).low.tolist()
    _, out, _ = run(["trajectory", "rok-us", "--to", "1956", "--format", "json"], capsys)
    assert [r["year"] for r in json.loads(out)["records"]] == [1954, 1955, 1956]


def test_diagnose_takes_profile_year(profile_file, capsys):
    code, out, _ = run(["diagnose", f"{profile_file}:2006", "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)["records"][0]["pillar"] == "shared_threat"


def test_catalogue_lists_every_standard_indicator(capsys):
    code, out, _ = run(["catalogue", "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    names = [c["name"] for c in data["columns"]]
    for column in ("id", "pillar", "scale_lo", "scale_hi", "unit", "scope", "description"):
        assert column in names
    assert [r["id"] for r in data["records"]] == list(ah.catalogue.ids())
    std = ah.catalogue.get(data["records"][0]["id"])
    assert data["records"][0]["description"] == std.description


def test_list_names_the_built_in_profiles_and_their_scorable_years(capsys):
    assert main(["list", "--format", "json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)["records"]}
    assert set(rows) == set(ah.fixtures.available())
    assert (rows["rok-us"]["scorable_from"], rows["rok-us"]["scorable_to"]) == (1954, 2007)
    assert (rows["nato-post-1990"]["scorable_from"], rows["nato-post-1990"]["scorable_to"]) == (
        1989,
        2007,
    )
    assert rows["nato-post-1990"]["members"] == 26


# -- deprecated spellings still work, and say so ------------------------------------------------
@pytest.mark.parametrize("cmd", ["score", "diagnose"])
def test_profile_then_year_still_works_with_a_deprecation(cmd, profile_file, capsys):
    _, new, _ = run([cmd, f"{profile_file}:2006"], capsys)
    code, old, err = run([cmd, profile_file, "2006"], capsys)
    assert (code, old) == (0, new)
    assert err == (
        f"alliance-health: warning: '{cmd} {profile_file} 2006' is deprecated;"
        f" write '{cmd} {profile_file}:2006'\n"
    )


def test_json_flag_still_works_with_a_deprecation(profile_file, capsys):
    _, new, _ = run(["score", f"{profile_file}:2006", "--format", "json"], capsys)
    code, old, err = run(["score", f"{profile_file}:2006", "--json"], capsys)
    assert (code, old) == (0, new)
    assert err == "alliance-health: warning: --json is deprecated; use --format json\n"


# -- the parser -----------------------------------------------------------------------------
def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out == f"alliance-health {ah.__version__}\n"


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_argument_and_option_has_help():
    parser = build_parser()
    subs = _subparsers(parser)
    assert set(subs) == set(COMMANDS) >= {"list", "catalogue", "score", "trajectory"}
    for name, sub in {"": parser, **subs}.items():
        for action in sub._actions:
            assert action.help, f"{name}: {action.dest} has no help"


def test_no_option_where_it_does_nothing():
    subs = _subparsers(build_parser())
    for name in ("list", "catalogue"):
        flags = {f for a in subs[name]._actions for f in a.option_strings}
        assert flags == {"-h", "--help", "--format", "--json"}, name
    assert "--n" not in {f for a in subs["diagnose"]._actions for f in a.option_strings}


def test_a_command_is_one_function_and_one_registration(capsys):
    @command("hello", help="say hello in a table")
    def hello(_args: argparse.Namespace) -> Table:
        return Table(caption="Greeting", columns=["word"], rows=[("hello",)])

    try:
        code, out, _ = run(["hello", "--format", "csv"], capsys)
    finally:
        del COMMANDS["hello"]
    assert (code, out) == (0, "word\nhello\n")


# -- errors -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["score", "no-such-alliance:2006"], "neither a built-in profile"),
        (["score", "missing.toml:2006"], "missing.toml"),
        (["compare", "rok-us", "rok-us:2006"], "expected PROFILE:YEAR"),
        (["score", "{file}:1990"], "before 'Minimal illustrative alliance' was founded"),
        (["score", "{file}:2006", "--weights", "1,x,1"], "--weights must be three numbers"),
        (["score", "{file}:2006", "--weights", "1,1"], "--weights must be three numbers"),
        (["score", "{file}:2006", "--p", "nan"], "--p must be a real number or -inf; got nan"),
        (["compare", "{file}:2006", "{file}:2006", "--n", "1"], "--n must be a whole number >= 2"),
        (["compare", "{file}:2006", "{file}:2006", "--seed", "-1"], "--seed must be a whole"),
        (["trajectory", "{file}", "--n", "0"], "--n must be a whole number >= 2"),
        (["trajectory", "rok-us", "--from", "2000", "--to", "1990"], "--from 2000 is after --to"),
        (["score", "{file}:2006", "2007"], "give the year once"),
        (["score", ":2006"], "the profile name in ':2006' is empty"),
        (["trajectory", ""], "the profile name is empty"),
    ],
)
def test_bad_input_exits_1_with_one_line(argv, message, profile_file, capsys):
    argv = [a.replace("{file}", profile_file) for a in argv]
    code, _, err = run(argv, capsys)
    assert code == 1
    assert err.startswith("alliance-health: error:")
    assert message in err
    assert err.count("\n") == 1
    for leak in ("Traceback", "rng must", "Model.", "'.'"):
        assert leak not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["score"],
        ["list", "--p", "1"],
        ["list", "--weights", "1,1,1"],
        ["diagnose", "rok-us:2006", "--n", "64"],
        ["score", "rok-us:2006", "--threat-rule", "best"],
        ["compare", "rok-us:2006", "rok-us:2005", "--n", "many"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "usage: alliance-health" in capsys.readouterr().err


def test_draws_that_would_not_fit_are_refused_before_anything_is_allocated(monkeypatch, capsys):
    def no_draws(*_args, **_kwargs):
        pytest.fail("draws were started")

    monkeypatch.setattr("alliance_health._analysis.draws.draw", no_draws)
    for argv in (
        ["compare", "rok-us:2006", "nato-post-1990:1991", "--n", "100000000000"],
        ["trajectory", "rok-us", "--n", "100000000000"],
    ):
        start = time.perf_counter()
        code, _, err = run(argv, capsys)
        assert time.perf_counter() - start < 5
        assert code == 1
        assert err.startswith("alliance-health: error: --n 100000000000 would need about ")
        assert "TiB for the draws, more than the 2.0 GiB allowed" in err


def test_the_memory_estimate_and_its_limit(monkeypatch, profile_file, capsys):
    # The minimal profile has three uncertain observations (two surveys and a range).
    p = minimal_profile()
    assert options.draw_bytes(1000, [(p, 1)]) == 1000 * (3 + 4 * 1) * 8 * 2
    assert options.draw_bytes(1000, [(p, 1), (p, 2)]) == 1000 * (3 + 4 + 3 + 8) * 8 * 2
    limit = options.draw_bytes(64, [(p, 2)])  # a profile compared with itself: two years drawn
    monkeypatch.setattr(options, "MAX_DRAW_BYTES", limit)
    argv = ["compare", f"{profile_file}:2006", f"{profile_file}:2006", "--format", "json"]
    assert run([*argv, "--n", "64"], capsys)[0] == 0
    code, _, err = run([*argv, "--n", "65"], capsys)
    assert code == 1
    assert err.startswith("alliance-health: error: --n 65 would need about")


# -- pipes --------------------------------------------------------------------------------------
def _command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "alliance_health._cli", *argv]


def _env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def test_a_closed_pipe_ends_quietly():
    read, write = os.pipe()
    os.close(read)  # nobody reads: the first write fails with a broken pipe
    try:
        proc = subprocess.run(  # noqa: S603  (our own command)
            _command("trajectory", "rok-us", "--to", "1961"),  # years with full coverage
            stdout=write,
            stderr=subprocess.PIPE,
            env=_env(),
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)
    assert b"Traceback" not in proc.stderr  # coverage warnings may come, a traceback never
    assert b"BrokenPipe" not in proc.stderr
    assert proc.returncode == 141


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell pipe")
def test_head_of_the_output_without_a_traceback():
    argv = _command("trajectory", "rok-us", "--to", "1961", "--format", "csv")
    shell = f"{' '.join(argv)} | head -1"
    proc = subprocess.run(  # noqa: S602  (a fixed command line of our own)
        shell, shell=True, capture_output=True, env=_env(), timeout=120, check=False
    )
    observed = [f"{p}_observed" for p in PILLARS]
    header = ["year", "health", *PILLARS, *observed, "oldest_age"]
    assert proc.stdout.decode() == ",".join(header) + "\n"
    assert b"Traceback" not in proc.stderr


# -- the measurement policy on the command line -----------------------------------------------
def test_score_leads_with_a_centre_inside_its_interval_and_shows_coverage(profile_file, capsys):
    code, out, _ = run(["score", f"{profile_file}:2006", "--n", "256", "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert list(data)[:3] == ["uncertainty", "score", "coverage"]
    health = data["uncertainty"]["records"][0]
    assert health["score"] == "health"
    assert health["low"] <= health["centre"] <= health["high"]
    assert health["as_coded"] == data["score"]["records"][0]["health"]
    rows = {r["pillar"]: r for r in data["coverage"]["records"]}
    assert rows["shared_threat"]["observed_weight_share"] == 1.0
    code, out, _ = run(["score", f"{profile_file}:2006", "--n", "256"], capsys)
    assert out.splitlines()[0].startswith("Uncertainty of 'minimal'")  # the draws come first


def test_thin_years_warn_on_one_line_and_years_past_the_data_are_refused(capsys):
    code, _, err = run(["score", "rok-us:1987", "--n", "64"], capsys)  # no consultation codings
    assert code == 0
    assert err.startswith("alliance-health: warning: U.S.-ROK alliance: less than 0.5")
    assert err.count("\n") == 1
    code, _, err = run(["score", "rok-us:3000"], capsys)
    assert code == 1
    assert "its data end in 2007" in err


def test_list_agrees_with_the_scorable_years(capsys):
    code, out, _ = run(["list", "--format", "json"], capsys)
    assert code == 0
    for row in json.loads(out)["records"]:
        profile = ah.fixtures.get(row["id"])
        years = scorable_years(profile)
        assert [row["scorable_from"], row["scorable_to"]] == [int(years[0]), int(years[-1])]
        later = scorable_years(profile, range(int(years[-1]) + 1, row["stale_until"] + 2))
        assert later.tolist()[-1] == row["stale_until"]  # the next year is refused
        with pytest.raises(ah.InsufficientDataError, match="data end in"):
            ah.score(profile, row["stale_until"] + 1)
