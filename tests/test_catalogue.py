"""The catalogue of standard indicators: its data file, ordinal levels with anchors, its page."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import attrs
import pytest

import alliance_health as ah
from alliance_health import catalogue
from alliance_health._domain import standard as _standard
from alliance_health._errors import UnknownReferenceError, ValidationError

ROOT = Path(__file__).parent.parent
PAGE = ROOT / "docs" / "catalogue.md"


def _data() -> dict[str, object]:
    text = resources.files("alliance_health").joinpath(_standard.DATA_FILE).read_text("utf-8")
    return tomllib.loads(text)


def test_catalogue_is_read_from_its_data_file():
    tables = _data()["standards"]
    assert [t["id"] for t in tables] == list(catalogue.ids())
    for table, std in zip(tables, catalogue.STANDARDS, strict=True):
        assert std.description == table["description"]
        assert std.scale == tuple(float(x) for x in table["scale"])
        assert std.horizon == (None if table["horizon"] == "none" else table["horizon"])


def test_standards_come_in_pillar_order_with_unique_ids():
    order = [list(ah.Pillar).index(s.pillar) for s in catalogue.STANDARDS]
    assert order == sorted(order)
    assert len(set(catalogue.ids())) == len(catalogue.ids())


def test_get_and_unknown_id():
    assert catalogue.get("joint-decisions") is catalogue.STANDARDS[10]
    with pytest.raises(UnknownReferenceError, match=r"catalogue has no standard 'gdp'; known: "):
        catalogue.get("gdp")
    with pytest.raises(UnknownReferenceError, match=r"catalogue has no standard 3; known: "):
        catalogue.get(3)  # type: ignore[arg-type]


def test_every_ordinal_standard_has_each_level_defined_and_anchored():
    ordinal = [s for s in catalogue.STANDARDS if s.unit.startswith("ordinal")]
    assert len(ordinal) == 7
    for std in ordinal:
        lo, hi = (int(x) for x in std.scale)
        assert [level.value for level in std.levels] == list(range(lo, hi + 1)), std.id
        for level in std.levels:
            assert len(level.definition) > 3, (std.id, level.value)
            assert len(level.anchor) > 20, (std.id, level.value)
            assert level.anchor.rstrip().endswith("."), (std.id, level.value)
    assert all(not s.levels for s in catalogue.STANDARDS if not s.ordinal)


def test_issue_anchor_for_the_treaty_pledge():
    pledge = catalogue.get("treaty-pledge").levels[2]
    assert "NATO Art. 5 (1949)" in pledge.anchor
    assert "U.S.-ROK Mutual Defense Treaty Art. III (1953)" in pledge.anchor


def _ordinal(**changes: object) -> _standard.Standard:
    std = catalogue.get("treaty-pledge")
    return attrs.evolve(std, **changes)  # type: ignore[arg-type]


def _level(value: int) -> _standard.Level:
    return _standard.Level(value=value, definition=f"level {value}", anchor="A case.")


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ([0, 1], "missing 2"),
        ([0, 1, 1, 2], "repeated 1"),
        ([0, 1, 2, 3], "off the scale 3"),
        ([], "missing 0, 1, 2"),
    ],
)
def test_levels_must_cover_the_scale_once(values, problem):
    with pytest.raises(ValidationError) as info:
        _ordinal(levels=[_level(v) for v in values])
    assert str(info.value) == (
        "Standard.levels of 'treaty-pledge' must define each level 0-2 of its ordinal 0-2 scale"
        f" exactly once, with a definition and an anchor; {problem}"
    )


def test_levels_are_sorted_and_checked_for_type():
    std = _ordinal(levels=[_level(2), _level(0), _level(1)])
    assert [level.value for level in std.levels] == [0, 1, 2]
    with pytest.raises(ValidationError, match=r"Standard\.levels\[0\] must be a Level; got dict"):
        _ordinal(levels=[{"value": 0}])


def test_level_fields_are_checked():
    with pytest.raises(ValidationError, match=r"Level\.anchor must be a non-empty string"):
        _standard.Level(value=0, definition="none", anchor=" ")
    with pytest.raises(ValidationError, match=r"Level\.value must be a whole number; got 1\.5"):
        _standard.Level(value=1.5, definition="x", anchor="y")  # type: ignore[arg-type]


def test_a_broken_data_table_names_itself():
    with pytest.raises(ValidationError) as info:
        _standard._build(3, {"id": "x", "unknown": 1})
    assert str(info.value).startswith(
        "alliance_health/catalogue/data/standards.toml: standards[3] ('x'):"
    )


def test_standard_question_binds_its_indicators():
    std = attrs.evolve(catalogue.get("public-support-defend"), question="Defend the ally? (yes)")
    ind = std.indicator()
    assert ind.question == "Defend the ally? (yes)"
    lookup = {**{s.id: s for s in catalogue.STANDARDS}, std.id: std}
    original = _standard._by_id
    try:
        _standard._by_id = lambda: lookup  # type: ignore[assignment]
        assert attrs.evolve(ind, question="Defend  the ally?\n(yes)").question  # spacing only
        with pytest.raises(ValidationError) as info:
            attrs.evolve(ind, question="Send troops? (yes)")
    finally:
        _standard._by_id = original  # type: ignore[assignment]
    assert str(info.value) == (
        "Indicator 'public-support-defend' says it follows standard 'public-support-defend',"
        " which asks 'Defend the ally? (yes)', but its question is 'Send troops? (yes)': one"
        " question, one indicator; use the standard's question or set standard=None"
    )


# -- the documentation page -----------------------------------------------------------------------
def test_committed_page_equals_the_generated_one():
    expected = catalogue.to_markdown()
    assert PAGE.read_text(encoding="utf-8") == expected, (
        "docs/catalogue.md is out of date; regenerate it with"
        ' python -c "from alliance_health import catalogue; import pathlib;'
        " pathlib.Path('docs/catalogue.md').write_text(catalogue.to_markdown())\""
    )


def test_page_shows_every_standard_level_and_anchor():
    page = catalogue.to_markdown()
    for std in catalogue.STANDARDS:
        assert f"### `{std.id}`" in page
        for level in std.levels:
            assert f"| {level.value} | " in page
            assert level.anchor.split()[0] in page


def test_page_is_linked_from_the_documentation():
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert "\ncatalogue\n" in index  # in the toctree
    for page in ("file-format.md", "fixtures.md", "theory.md", "methods.md"):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        assert "_generated/fixtures/catalogue" not in text, page
    assert "](catalogue.md)" in (ROOT / "docs" / "file-format.md").read_text(encoding="utf-8")


# -- layering ------------------------------------------------------------------------------------
def _run(probe: str) -> str:
    return subprocess.run(  # noqa: S603  (this interpreter, a fixed probe)
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src")},
    ).stdout.strip()


def test_catalogue_does_not_import_the_indicator_module():
    probe = "import sys, alliance_health.catalogue as c\n"
    probe += "c.get('treaty-pledge'), c.to_markdown()\n"
    probe += "print('alliance_health._domain.indicator' in sys.modules)"
    assert _run(probe) == "False"


def test_indicator_checks_its_standard_without_the_catalogue_module():
    probe = "import sys, alliance_health._domain.indicator as i\n"
    probe += "i.Indicator(id='p', pillar='mutual_obligation', label='P', scale=(0, 2),"
    probe += " unit='ordinal 0-2', standard='treaty-pledge')\n"
    probe += "print('alliance_health.catalogue' in sys.modules)"
    assert _run(probe) == "False"
