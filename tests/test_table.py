"""The table protocol: one ``Table`` per result, and every rendering of it shows the same rows."""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import math
import re
import sys
from pathlib import Path

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import alliance_health as ah
from alliance_health import Column, Table, reliability
from alliance_health._cli import coding, commands

YEAR = 2006

# -- tables of any content --------------------------------------------------------------------
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12)
_CELL = st.one_of(
    st.none(),
    _TEXT,
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=False, width=64),
)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    names = draw(st.lists(_TEXT.filter(str.strip), min_size=1, max_size=5, unique=True))
    rows = draw(st.lists(st.tuples(*[_CELL] * len(names)), max_size=6))
    notes = draw(st.lists(_TEXT, max_size=2))
    return Table(caption=draw(_TEXT), columns=names, rows=rows, notes=notes)


def _same(a: object, b: object) -> bool:
    """Equal, counting None and NaN as the same blank cell."""
    blank_a = a is None or (isinstance(a, float) and math.isnan(a))
    blank_b = b is None or (isinstance(b, float) and math.isnan(b))
    return blank_a == blank_b and (blank_a or a == b)


def _same_rows(left: list[list[object]], right: list[list[object]]) -> bool:
    return len(left) == len(right) and all(
        len(x) == len(y) and all(_same(a, b) for a, b in zip(x, y, strict=True))
        for x, y in zip(left, right, strict=True)
    )


def _frame_rows(frame, table: Table) -> list[list[object]]:
    flat = frame.reset_index() if table.index else frame
    return [list(r) for r in flat[list(table.names)].itertuples(index=False)]


def _csv_cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


@settings(max_examples=80, deadline=None)
@given(tables())
def test_every_rendering_shows_the_same_rows(table):
    rows = [list(r) for r in table.rows]
    assert _same_rows([list(r.values()) for r in table.to_dict()["records"]], rows)
    parsed = list(csv.reader(io.StringIO(table.to_csv())))
    assert parsed[0] == list(table.names)
    assert parsed[1:] == [[_csv_cell(v) for v in r] for r in rows]
    cells = re.findall(r"<td>(.*?)</td>", table.to_html(), re.DOTALL)
    assert len(cells) == len(rows) * len(table.names)
    lines = table.to_text().split("\n")
    assert len(lines) == 3 + len(rows) + len(table.notes)  # one line per row, whatever it holds
    json.dumps(table.to_dict(), allow_nan=False)  # JSON-ready: no NaN


@settings(max_examples=40, deadline=None)
@given(tables())
def test_frame_shows_the_same_rows(table):
    pytest.importorskip("pandas")
    frame = table.to_frame()
    assert list(frame.columns) == list(table.names)
    assert _same_rows(_frame_rows(frame, table), [list(r) for r in table.rows])
    assert frame.attrs == {"caption": table.caption, "notes": list(table.notes)}


def test_html_escapes_caption_header_cells_and_notes():
    t = Table(caption="a <b>", columns=["x&y"], rows=[("<i>",)], notes=['"quoted" & <n>'])
    markup = t.to_html()
    assert "<caption>a &lt;b&gt;</caption>" in markup
    assert "<th>x&amp;y</th>" in markup
    assert "<td>&lt;i&gt;</td>" in markup
    assert "&quot;quoted&quot; &amp; &lt;n&gt;" in markup
    assert "<i>" not in markup


def test_csv_quotes_what_needs_quoting_and_reads_back():
    t = Table(caption="c", columns=["a", "b"], rows=[('x, "y"', "two\nlines"), (None, 0.1)])
    assert list(csv.reader(io.StringIO(t.to_csv()))) == [
        ["a", "b"],
        ['x, "y"', "two\nlines"],
        ["", "0.1"],
    ]


def test_text_aligns_numbers_right_and_formats_floats_to_three_decimals():
    t = Table(
        caption="T",
        columns=["name", Column("value", unit="%"), Column("offset", format="+d")],
        rows=[("a", 0.5, -1), ("long name", 12.25, 2), ("blank", float("nan"), None)],
        notes=["a note"],
    )
    lines = t.to_text().splitlines()
    assert lines[0] == "T"
    assert lines[1] == "name       value [%]  offset"
    assert lines[3] == "a              0.500      -1"
    assert lines[4] == "long name     12.250      +2"
    assert lines[5] == "blank"
    assert lines[6] == "a note"


def test_text_cuts_wide_columns_and_keeps_one_line_per_row():
    t = Table(caption="T", columns=[Column("text", width=8)], rows=[("one\ntwo three four",)])
    assert t.to_text().splitlines()[3] == "one t..."


def test_cells_become_plain_python_scalars_and_nan_a_blank():
    row = (np.int64(3), np.float64(0.5), True, np.float64("nan"))
    t = Table(caption="T", columns=["i", "f", "b", "n"], rows=[row])
    assert t.rows == ((3, 0.5, True, None),)
    assert [type(v) for v in t.rows[0]] == [int, float, bool, type(None)]
    assert t.to_text().splitlines()[3].split() == ["3", "0.500", "yes"]


def test_from_columns_and_from_records_agree():
    by_columns = Table.from_columns(
        {"year": np.array([2005, 2006]), "health": np.array([0.5, 0.25])}, caption="T"
    )
    by_records = Table.from_records(
        [(2005, 0.5), (2006, 0.25)], {"year": lambda r: r[0], "health": lambda r: r[1]}, caption="T"
    )
    assert by_columns == by_records
    assert by_columns.column("health") == (0.5, 0.25)
    assert by_columns.records() == [{"year": 2005, "health": 0.5}, {"year": 2006, "health": 0.25}]


def test_to_dict_holds_caption_columns_records_and_notes():
    t = Table(
        caption="T",
        columns=[Column("x", unit="%")],
        rows=[(float("inf"),), (1.5,)],
        notes=["n"],
        index=["x"],
        name="t",
    )
    assert t.to_dict() == {
        "name": "t",
        "caption": "T",
        "columns": [{"name": "x", "unit": "%"}],
        "index": ["x"],
        "records": [{"x": None}, {"x": 1.5}],
        "notes": ["n"],
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"columns": ["a", "a"], "rows": []},
            "Table.columns must have distinct names; repeated: a",
        ),
        (
            {"columns": ["a", "b"], "rows": [(1,)]},
            r"Table.rows\[0\] has 1 cells but the table has 2",
        ),
        ({"columns": ["a"], "rows": [], "index": ["z"]}, "Table.index names no column: z"),
        ({"columns": ["a"], "rows": [((1, 2),)]}, "Table cells must be str, int, float, bool or"),
    ],
)
def test_invalid_tables_are_refused_with_the_rule(kwargs, message):
    with pytest.raises(ah.ValidationError, match=message):
        Table(caption="T", **kwargs)


def test_from_columns_needs_columns_of_one_length():
    with pytest.raises(ah.ValidationError, match="columns of one length"):
        Table.from_columns({"a": [1, 2], "b": [1]}, caption="T")


def test_unknown_column_is_named():
    t = Table(caption="T", columns=["a"], rows=[])
    with pytest.raises(ah.ValidationError, match="Table has no column 'b'; columns: a"):
        t.column("b")


def test_frame_without_pandas_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(ImportError, match=r'pip install "alliance_health\[pandas\]"'):
        Table(caption="T", columns=["a"], rows=[]).to_frame()


# -- every result -------------------------------------------------------------------------------
def _other(profile: ah.Profile) -> ah.Profile:
    halved = [attrs.evolve(o, value=o.value / 2) for o in profile.observations]
    return attrs.evolve(profile, id="halved", observations=halved)


def _coded(profile: ah.Profile) -> ah.Profile:
    """The profile with its 2006 pledge coded by three SYNTHETIC coders."""
    codings = [
        reliability.Coding(indicator="pledge", member=None, year=YEAR, coder=coder, value=value,
                           lo=0, hi=3, note="SYNTHETIC coding")
        for coder, value in [("ann", 1), ("bo", 3), ("cy", 2)]
    ]  # fmt: skip
    return reliability.merge_codings(profile, codings)


CODES = [[1, 2, 3, 3, 2, 1], [1, 2, 3, 3, 2, 2], [1, 3, 3, 3, 2, 3]]
P = ah.testing.minimal_profile()
RESULTS = {
    "score": lambda: ah.score(P, YEAR),
    "explanation": lambda: ah.score(P, YEAR).explain(),
    "trajectory": lambda: ah.trajectory(P),
    "trajectory with bands": lambda: ah.trajectory(P, n=64, rng=0),
    "comparison": lambda: ah.compare(P, _other(P), year_a=YEAR, year_b=YEAR, n=64, rng=0),
    "alignment": lambda: ah.align([(P, YEAR)], window=(-2, 1)),
    "perception gap": lambda: ah.perception_gap(P, YEAR),
    "diagnosis": lambda: ah.diagnose(P, YEAR),
    "no finding": lambda: ah.diagnose(P, YEAR, thresholds=ah.Thresholds(weak=0.1, critical=0.1)),
    "uncertainty": lambda: ah.uncertainty(P, YEAR, n=64, rng=0),
    "uncertainty, years": lambda: ah.uncertainty(P, years=[YEAR, YEAR + 1], n=64, rng=0),
    "sensitivity": lambda: ah.sensitivity(P, YEAR, n=64, rng=0, vary_model=False),
    "sensitivity, bootstrap": lambda: ah.sensitivity(P, YEAR, n=64, rng=0, bootstrap=9),
    "changes": lambda: ah.changes(ah.fixtures.nato_post_1990(), threshold=0.1),
    "no change": lambda: ah.changes(P),
    "alpha": lambda: reliability.krippendorff_alpha(CODES, bootstrap=50, rng=0),
    "alpha, no bootstrap": lambda: reliability.krippendorff_alpha(CODES),
    "reliability report": lambda: reliability.reliability(_coded(P), bootstrap=20, rng=0),
    "pooled codings": lambda: reliability.pool_codings(CODES, n=64, rng=0),
    "coder spread": lambda: reliability.coder_spread(_coded(P), [YEAR, YEAR + 1]),
    "panel": lambda: ah.panel([P, _other(P)], [YEAR - 1, YEAR], n=64, rng=0),
    "ranking": lambda: ah.panel([P, _other(P)], [YEAR], n=64, rng=0).ranking(YEAR),
}


@pytest.fixture(scope="module", params=list(RESULTS), ids=list(RESULTS))
def result(request):
    return RESULTS[request.param]()


def test_every_result_frame_has_the_rows_of_its_table(result):
    pytest.importorskip("pandas")
    table = result.table()
    frame = result.to_frame()
    assert list(frame.index.names) == (list(table.index) or [None])
    assert _same_rows(_frame_rows(frame, table), [list(r) for r in table.rows])


def test_every_result_dict_and_display_derive_from_its_tables(result):
    tables = result.tables()
    assert tables[0] == result.table()
    data = result.to_dict()
    json.dumps(data, allow_nan=False)
    if len(tables) == 1 or isinstance(result, ah.Panel):  # a panel exports its long table only
        assert data["records"] == tables[0].to_dict()["records"]
    else:
        assert list(data) == [t.name for t in tables]
    markup = result._repr_html_()
    for t in tables:
        assert html.escape(t.caption) in markup
    own_text = ah.Score | ah.Diagnosis | ah.Changes | ah.Panel | ah.Ranking  # see their to_text
    if not isinstance(result, own_text):
        assert repr(result) == result.to_text() == "\n\n".join(t.to_text() for t in tables)


def test_score_repr_is_one_line_from_its_table():
    s = ah.score(P, YEAR)
    row = s.table().records()[0]
    assert repr(s) == (
        f"Score('minimal', 2006, health={row['health']:.3f}, shared_threat="
        f"{row['shared_threat']:.3f}, mutual_obligation={row['mutual_obligation']:.3f},"
        f" consultation={row['consultation']:.3f})"
    )


def test_diagnosis_text_numbers_the_findings_of_its_table():
    d = ah.diagnose(P, YEAR)
    lines = d.to_text().splitlines()
    assert lines[0] == d.table().caption
    assert [ln.split(". ", 1)[0] for ln in lines[1:]] == [str(k + 1) for k in range(len(d))]
    assert all(t in ln for t, ln in zip(d.table().column("title"), lines[1:], strict=True))
    quiet = ah.diagnose(P, YEAR, thresholds=ah.Thresholds(weak=0.1, critical=0.1))
    assert quiet.to_text().endswith("no finding: every pillar at or above the 'weak' threshold")


def test_score_tables_name_what_they_hold():
    s = ah.score(P, YEAR)
    score_table, coverage, contributions, used = s.tables()
    assert [t.name for t in s.tables()] == ["score", "coverage", "contributions", "observations"]
    assert coverage.column("observed_weight_share") == tuple(
        s.coverage[p].observed_weight_share for p in ah.Pillar
    )
    assert score_table.index == ("profile", "year")
    assert contributions == s.explain().table()
    assert used.column("age") == tuple(u.age for u in s.used)
    assert used.column("survey_n") == tuple(
        getattr(u.observation.uncertainty, "n", None) for u in s.used
    )


def test_profile_frame_has_the_rows_of_its_table():
    pytest.importorskip("pandas")
    table = P.table()
    assert _same_rows(_frame_rows(P.to_frame(), table), [list(r) for r in table.rows])
    assert len(table.rows) == len(P.observations)


# -- the column names are documented once, in docs/tables.md -----------------------------------
DOCS = Path(__file__).resolve().parents[1] / "docs" / "tables.md"


def documented_columns() -> dict[str, list[tuple[str, ...]]]:
    """Under each ``###`` heading, the names in the first column of each markdown table."""
    sections: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            heading = re.search(r"`(.+?)`", line)
            assert heading is not None, line
            current = sections.setdefault(heading[1], [[]])
        elif current is not None and (name := re.match(r"\| `(.+?)` \|", line)):
            current[-1].append(name[1])
        elif current is not None and current[-1] and not line.startswith("|"):
            current.append([])
    return {k: [tuple(t) for t in v if t] for k, v in sections.items()}


def test_the_tables_page_lists_every_column_of_every_table(tmp_path):
    two = ah.align([(P, YEAR), (_other(P), YEAR)], window=(0, 0)).table().names
    sheet = argparse.Namespace(
        profile=None, indicators="joint-operations", members=None, years="2006", coder="kim",
        out=str(tmp_path / "kim.csv"),
    )  # fmt: skip
    one_year = ah.uncertainty(P, YEAR, n=64, rng=0).table().names
    years = ah.uncertainty(P, years=[YEAR, YEAR + 1], n=64, rng=0).table().names
    assert one_year[1:] == years[1:]
    ranking = RESULTS["ranking"]().table().names
    ids = (P.id, _other(P).id)
    assert ranking[7:] == (
        *(f"p_rank_{r}" for r in (1, 2)),
        *(f"p_healthier_than_{i}" for i in ids),
    )
    expected = {
        "Profile.table()": [P.table().names],
        "Score.tables()": [t.names for t in ah.score(P, YEAR).tables()],
        "Trajectory.table()": [RESULTS["trajectory with bands"]().table().names],
        "UncertaintyResult.table()": [(one_year[0], *years)],
        "SensitivityResult.table()": [RESULTS["sensitivity, bootstrap"]().table().names],
        "Comparison.table()": [RESULTS["comparison"]().table().names],
        "Alignment.table()": [(two[0], "<profile id>")],
        "PerceptionGap.table()": [RESULTS["perception gap"]().table().names],
        "Diagnosis.table()": [RESULTS["diagnosis"]().table().names],
        "Changes.table()": [RESULTS["changes"]().table().names],
        "Alpha.table()": [RESULTS["alpha"]().table().names],
        "ReliabilityReport.tables()": [t.names for t in RESULTS["reliability report"]().tables()],
        "PooledCoding.table()": [RESULTS["pooled codings"]().table().names],
        "CoderSpread.tables()": [t.names for t in RESULTS["coder spread"]().tables()],
        "Panel.tables()": [t.names for t in RESULTS["panel"]().tables()],
        "Ranking.table()": [(*ranking[:7], "p_rank_<r>", "p_healthier_than_<id>")],
        "alliance-health list": [commands.list_profiles(None).names],
        "alliance-health catalogue": [commands.catalogue(None).names],
        "alliance-health coding-sheet": [coding.coding_sheet(sheet).names],
    }
    assert documented_columns() == expected
    drawn = expected["Trajectory.table()"][0]
    assert ah.trajectory(P).table().names == (drawn[0], *drawn[5:])  # without draws: no centre
