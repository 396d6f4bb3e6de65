import contextlib
import io
import json

import pytest

import alliance_health as ah
from alliance_health._cli import main
from alliance_health._scoring.engine import scorable_years
from alliance_health.testing import minimal_profile


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "minimal.toml"
    ah.dump(minimal_profile(), path)
    return str(path)


def test_score_from_a_file_as_json(profile_file, capsys):
    assert main(["score", profile_file, "2006", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["health"] == pytest.approx(ah.score(minimal_profile(), 2006).health)
    assert data["weakest"] == "shared_threat"
    assert set(data["pillars"]) == {"shared_threat", "mutual_obligation", "consultation"}


def test_score_table_by_default(profile_file, capsys):
    assert main(["score", profile_file, "2006"]) == 0
    out = capsys.readouterr().out
    assert "Score('minimal', 2006" in out
    assert "threat-public" in out


def test_model_options_change_the_result(profile_file, capsys):
    main(["score", profile_file, "2006", "--json", "--p", "1"])
    arithmetic = json.loads(capsys.readouterr().out)["health"]
    assert arithmetic == pytest.approx((0.25 + 1.0 + 0.5) / 3)


def test_compare_json_has_attribution_summing_to_the_difference(profile_file, capsys):
    code = main(["compare", f"{profile_file}:2006", f"{profile_file}:2006", "--n", "64", "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["delta_health"] == 0.0
    assert sum(data["attribution"].values()) == 0.0
    assert data["prob_a_healthier"] == 0.5


def test_trajectory_and_diagnose(profile_file, capsys):
    assert main(["trajectory", profile_file, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["years"] == [2006]
    assert main(["diagnose", profile_file, "2006", "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert findings[0]["pillar"] == "shared_threat"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["score", "no-such-alliance", "2006"], "neither a built-in profile"),
        (["score", "missing.toml", "2006"], "missing.toml"),
        (["compare", "rok-us", "rok-us:2006"], "expected PROFILE:YEAR"),
        (["score", "{file}", "1990"], "before 'Minimal illustrative alliance' was founded"),
        (["score", "{file}", "2006", "--weights", "1,x,1"], "--weights must be three numbers"),
    ],
)
def test_bad_input_exits_1_with_one_line(argv, message, profile_file, capsys):
    argv = [a.replace("{file}", profile_file) for a in argv]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("alliance-health: error:")
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_usage_errors_exit_2():
    with pytest.raises(SystemExit) as exc:
        main(["score"])
    assert exc.value.code == 2


def test_list_names_the_built_in_profiles_and_their_scorable_years(capsys):
    assert main(["list", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows) == set(ah.fixtures.available())
    assert rows["rok-us"]["scorable"] == [1954, 2007]
    assert rows["nato-post-1990"]["scorable"] == [1989, 2007]
    assert rows["nato-post-1990"]["members"] == 26


def test_score_leads_with_a_centre_inside_its_interval_and_shows_coverage(profile_file, capsys):
    assert main(["score", profile_file, "2006", "--n", "256"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("health of minimal in 2006: centre ")
    assert "as coded 0.500" in lines[0]
    assert "coverage:" in lines
    assert main(["score", profile_file, "2006", "--n", "256", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    low, high = data["interval_90"]
    assert low <= data["centre"] <= high
    assert data["as_coded"] == data["health"]
    assert data["coverage"]["shared_threat"]["members_covered"] == {"threat-public": ["AAA", "BBB"]}


def test_thin_years_warn_on_one_line_and_years_past_the_data_are_refused(capsys):
    assert main(["score", "rok-us", "1974", "--n", "64"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("alliance-health: warning: U.S.-ROK alliance: less than 0.5")
    assert err.count("\n") == 1
    assert main(["score", "rok-us", "99999"]) == 1
    err = capsys.readouterr().err
    assert "in 99999: its data end in 2007" in err


def test_list_agrees_with_the_scorable_years():
    out = json.loads(_run(["list", "--json"]))
    for row in out:
        profile = ah.fixtures.get(row["id"])
        years = scorable_years(profile)
        assert row["scorable"] == [int(years[0]), int(years[-1])]
        later = scorable_years(profile, range(int(years[-1]) + 1, row["stale_until"] + 2))
        assert later.tolist()[-1] == row["stale_until"]  # the next year is refused
        with pytest.raises(ah.InsufficientDataError, match="data end in"):
            ah.score(profile, row["stale_until"] + 1)


def _run(argv):
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(argv) == 0
    return buffer.getvalue()
