"""The coding commands: ``coding-sheet`` writes a blank sheet, ``reliability`` reads them back.

Every coding here is SYNTHETIC, made up for the illustrative profile ``testing.minimal_profile()``
or for the catalogue's indicators.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

import alliance_health as ah
from alliance_health import reliability
from alliance_health._cli import main
from alliance_health.testing import minimal_profile

P = minimal_profile()
CODERS = {"ann": {"pledge": 1, "meetings": 2}, "bo": {"pledge": 3, "meetings": 2}}


def run(argv, capsys):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def fill(path, values):
    """Play a SYNTHETIC coder: value, range and note in every row, by indicator."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        value = values[row["indicator"]]
        row |= {"value": str(value), "lo": "0", "hi": str(value), "note": "SYNTHETIC coding"}
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "minimal.toml"
    ah.dump(P, path)
    return path


@pytest.fixture
def sheets(tmp_path, profile_file, capsys):
    """Two coders' sheets of the illustrative profile's pledge and meetings in 2007, filled."""
    paths = []
    for coder, values in CODERS.items():
        path = tmp_path / f"{coder}.csv"
        argv = ["coding-sheet", "--profile", profile_file, "--indicators", "pledge,meetings"]
        code, _, _ = run([*argv, "--years", "2007", "--coder", coder, "--out", path], capsys)
        assert code == 0
        fill(path, values)
        paths.append(path)
    return paths


# -- coding-sheet -------------------------------------------------------------------------------
def test_coding_sheet_writes_the_library_sheet(tmp_path, capsys):
    out = tmp_path / "kim.csv"
    argv = ["coding-sheet", "--indicators", "joint-operations,threat-official", "--members"]
    code, text, err = run(
        [*argv, "USA,KOR", "--years", "2004:2006", "--coder", "kim", "--out", out], capsys
    )
    assert (code, err) == (0, "")
    same = reliability.coding_sheet(
        ah.catalogue, tmp_path / "same.csv", years=range(2004, 2007), coder="kim",
        indicators=["joint-operations", "threat-official"], members=["USA", "KOR"],
    )  # fmt: skip
    assert out.read_text(encoding="utf-8") == same.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("Coding sheet written")
    assert text.splitlines()[3].split()[:3] == [str(out), "kim", "9"]  # 3 x (alliance, 2 members)


def test_coding_sheet_json_names_what_was_written(tmp_path, profile_file, capsys):
    out = tmp_path / "ann.csv"
    argv = ["coding-sheet", "--profile", profile_file, "--indicators", "threat-public"]
    argv += ["--years", "2006:2007", "--coder", "ann", "--out", out, "--format", "json"]
    code, text, _ = run(argv, capsys)
    assert code == 0
    (record,) = json.loads(text)["records"]
    assert record == {"path": str(out), "coder": "ann", "rows": 4,
                      "indicators": "threat-public", "years": "2006:2007"}  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--years", "2000-2006"], "--years must be FROM:TO such as 2000:2006, or one year"),
        (["--years", "2006:2000"], "--years 2006:2000: 2006 is after 2000; give FROM <= TO"),
        (["--coder", " "], "--coder must be a non-empty name"),
        (["--out", "{tmp}/no/such/folder.csv"], "the folder"),
        (["--out", "{tmp}/taken.csv"], "the file exists; choose another path or remove it"),
        (["--indicators", "gdp"], "--indicators: unknown indicator 'gdp' in the catalogue"),
        (["--indicators", "a,,b"], "--indicators must be comma-separated names without blanks"),
        (["--indicators", "threat-official"], "--members is needed for the catalogue's"),
        (["--profile", "{file}"], "profile 'minimal' has no indicator on an ordinal scale"),
        (["--profile", "{file}", "--indicators", "threat-public", "--members", "AAA,ZZZ"],
         "--members: 'ZZZ' is no member of profile 'minimal' (AAA, BBB)"),
        (["--profile", "{tmp}/nope.toml"], "nope.toml"),
    ],
)  # fmt: skip
def test_coding_sheet_errors_name_the_option(argv, message, tmp_path, profile_file, capsys):
    (tmp_path / "taken.csv").write_text("keep me", encoding="utf-8")
    given = {"--years": "2006", "--coder": "kim", "--out": "{tmp}/new.csv"}
    given |= dict(zip(argv[::2], argv[1::2], strict=True))
    flat = [x for kv in given.items() for x in kv]
    flat = [a.replace("{tmp}", str(tmp_path)).replace("{file}", str(profile_file)) for a in flat]
    code, out, err = run(["coding-sheet", *flat], capsys)
    assert (code, out) == (1, "")
    assert err.startswith("alliance-health: error:")
    assert message in err
    assert err.count("\n") == 1
    assert (tmp_path / "taken.csv").read_text(encoding="utf-8") == "keep me"


def test_coding_sheet_needs_years_coder_and_out(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["coding-sheet", "--coder", "kim"])
    assert exc.value.code == 2
    assert "the following arguments are required: --years, --out" in capsys.readouterr().err


# -- reliability --------------------------------------------------------------------------------
def test_reliability_prints_the_report_of_the_sheets(sheets, profile_file, capsys):
    code, out, err = run(["reliability", *sheets, "--profile", profile_file], capsys)
    assert (code, err) == (0, "")
    codings = reliability.read_sheets(sheets, source=P)
    report = reliability.reliability_from_codings(codings, indicators=P.indicators)
    spread = reliability.coder_spread(reliability.merge_codings(P, codings))
    assert out == f"{report.to_text()}\n\n{spread.to_text()}\n"
    assert "ann 1, bo 3" in out  # the disagreement on pledge


def test_reliability_without_a_profile_reads_the_catalogue(tmp_path, capsys):
    paths = []
    for coder, noise in {"ann": 0, "bo": 1}.items():
        path = reliability.coding_sheet(
            ah.catalogue, tmp_path / f"{coder}.csv", indicators=["joint-operations"],
            years=range(2000, 2004), coder=coder,
        )  # fmt: skip
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for k, row in enumerate(rows):
            row["value"] = str(min(3, k + noise * (k % 2)))
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        paths.append(path)
    code, out, _ = run(["reliability", *paths, "--bootstrap", "50", "--seed", "3"], capsys)
    assert code == 0
    expected = reliability.reliability_from_codings(
        reliability.read_sheets(paths), bootstrap=50, rng=3
    )
    assert out == expected.to_text() + "\n"


def test_reliability_json_and_csv_hold_every_table(sheets, profile_file, capsys):
    argv = ["reliability", *sheets, "--profile", profile_file]
    _, text, _ = run([*argv, "--format", "json"], capsys)
    data = json.loads(text)
    assert list(data) == ["alphas", "disagreements", "spread", "coders"]
    assert data["spread"]["records"][0]["mutual_obligation_range"] == pytest.approx(2 / 3)
    _, text, _ = run([*argv, "--format", "csv"], capsys)
    blocks = [b for b in text.split("\n\n") if b]
    assert len(blocks) == 4
    for block, table in zip(blocks, data.values(), strict=True):
        rows = list(csv.reader(io.StringIO(block)))
        assert rows[0] == [c["name"] for c in table["columns"]]
        assert len(rows) == 1 + len(table["records"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["{a}", "--bootstrap", "1"], "--bootstrap must be 0 (no interval) or a whole number >= 2"),
        (["{a}", "--seed", "-1"], "--seed must be a whole number >= 0; got -1"),
        (["{tmp}/missing.csv"], "SHEET '{tmp}/missing.csv': no such file"),
        (["{a}", "{b}"], ("line 2, column 'indicator': unknown indicator 'pledge'; use a sheet"
                          " written by coding_sheet, and read a profile's sheets with --profile")),
        (["{a}", "{b}", "--profile", "{merged}"],
         "ann.csv, line 2: coder 'ann' already coded 'pledge' for the alliance in 2007"),
        (["{blank}"], "the sheets hold no coded value: fill the value column"),
    ],
)  # fmt: skip
def test_reliability_errors_name_the_option_or_line(argv, message, sheets, tmp_path, capsys):
    blank = reliability.coding_sheet(P, tmp_path / "blank.csv", years=[2007], coder="cy",
                                     indicators=["pledge"])  # fmt: skip
    merged = tmp_path / "merged.toml"
    ah.dump(reliability.merge_sheets(P, sheets[:1]), merged)  # holds ann's codings already
    names = {"{a}": sheets[0], "{b}": sheets[1], "{merged}": merged, "{blank}": blank}
    argv = [str(names.get(a, a)).replace("{tmp}", str(tmp_path)) for a in argv]
    code, out, err = run(["reliability", *argv], capsys)
    assert (code, out) == (1, "")
    assert message.replace("{tmp}", str(tmp_path)) in err
    assert err.count("\n") == 1
