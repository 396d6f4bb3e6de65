"""The profile file format: round trips, every error message, limits, the documented example."""

from __future__ import annotations

import datetime as dt
import json
import math
import tomllib
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import alliance_health as ah
from alliance_health import catalogue
from alliance_health._errors import (
    DuplicateError,
    FileFormatError,
    ScaleError,
    UnknownReferenceError,
    ValidationError,
)
from alliance_health._files import io as _io
from alliance_health._files import parse as _parse

from strategies import profiles

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "example_profile.toml"
FORMATS = ("toml", "json")

_TEXT = st.text(max_size=24)  # any Unicode but lone surrogates: controls, quotes, emoji
_VISIBLE = _TEXT.filter(str.strip)
_IDENT = st.from_regex(r"\A[a-z0-9][a-z0-9_.:\-]{0,10}\Z")


def _roundtrip(profile: ah.Profile, fmt: str) -> ah.Profile:
    return ah.loads(ah.dumps(profile, format=fmt), format=fmt)  # type: ignore[arg-type]


def _minimal_toml() -> str:
    return ah.dumps(ah.testing.minimal_profile(), format="toml")


def _error(text: str, fmt: str = "toml") -> FileFormatError:
    with pytest.raises(FileFormatError) as info:
        ah.loads(text, format=fmt)  # type: ignore[arg-type]
    return info.value


# -- round trips ----------------------------------------------------------------------------------
def _rich_profile() -> ah.Profile:
    """A hand-made profile using every field: standards, overrides, Unicode, left members."""
    std = catalogue.get("threat-public-critical")
    indicators = (
        std.indicator(id="nk-critical", threat="north-korea-nuclear", horizon=None, weight=2.5),
        catalogue.get("treaty-pledge").indicator(label='The "pledge" \\ clause'),
        attrs.evolve(catalogue.get("joint-decisions").indicator(), description=""),
        ah.Indicator(
            id="troops",
            pillar="mutual_obligation",
            label="Troops in place (thousands)",
            scale=(0, 37.5),
            unit="thousand troops",
            higher_is_better=True,
            horizon=2,
            weight=0.25,
            description="Line one\nline two\ttabbed \x00 nul, \x7f del, ünïcödé, 한국어, 🛡️",
        ),
        ah.Indicator(
            id="distrust",
            pillar="consultation",
            label="Distrust",
            scale=(-1.5, 1e20),
            higher_is_better=False,
        ),
    )
    sources = (
        ah.Source(key="ccga-2006", title="Chicago Council 2006", kind="survey", year=2006),
        ah.Source(
            key="coding",
            title="Expert coding — «illustrative»",
            kind="expert-coding",
            author="Ana Ñúñez",
            locator='https://example.org/a?b=c&d="e"',
        ),
        ah.Source(key="s", title="Illustrative values (not data)", kind="scenario"),
    )
    observations = (
        ah.Observation(indicator="nk-critical", year=2006, value=30, member="KOR",
                       source="ccga-2006", uncertainty=ah.Survey(n=1000), note="quoted"),
        ah.Observation(indicator="nk-critical", year=2006, value=100 / 3, member="USA",
                       source="ccga-2006", uncertainty=ah.Survey(n=1), note=""),
        ah.Observation(indicator="treaty-pledge", year=1954, value=2, source="coding",
                       uncertainty=ah.Range(1.5, 2), note="Article III\r\n'pledge'"),
        ah.Observation(indicator="troops", year=2004, value=32.5, source="s"),
        ah.Observation(indicator="distrust", year=2004, value=1e19, source="s",
                       uncertainty=ah.Range(-0.0, 1e20)),
    )  # fmt: skip
    return ah.Profile(
        id="rok-us",
        name="U.S.\N{EN DASH}ROK alliance 🇰🇷",
        founded=1953,
        description='A "test" profile\\with escapes',
        members=(
            ah.Member(code="USA", joined=1953),
            ah.Member(code="KOR", joined=1953),
            ah.Member(code="XAA", joined=1960, left=1970),
        ),
        sources=sources,
        indicators=indicators,
        observations=observations,
        events=(
            ah.Event(id="mdt", date=dt.date(1953, 10, 1), title="MDT signed", source="s"),
            ah.Event(
                id="dprk-nuclear-test-2006",
                date=dt.date(2006, 10, 9),
                title="Nuclear test\n(second line)",
                source="s",
                tags=("threat-shock", "anchor"),
            ),
            ah.Event(id="early", date=dt.date(1, 1, 1), title="Year one", source="s"),
        ),
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("make", [ah.testing.minimal_profile, _rich_profile])
def test_roundtrip_hand_made(make, fmt):
    profile = make()
    assert _roundtrip(profile, fmt) == profile


@pytest.mark.parametrize("fmt", FORMATS)
def test_roundtrip_through_files(tmp_path, fmt):
    profile = _rich_profile()
    path = tmp_path / f"rich.{fmt}"
    ah.dump(profile, path)
    assert path.read_text(encoding="utf-8") == ah.dumps(profile, format=fmt)
    assert ah.load(path) == profile
    assert ah.load(str(path)) == profile


@st.composite
def file_profiles(draw: st.DrawFn) -> ah.Profile:
    """A valid profile from ``strategies.profiles`` with what matters to files added.

    Unicode in every free-text field, optional source fields, catalogue standards with their own
    labels, weights and horizons (``None`` included), member-less indicators and events, survey
    questions stated on indicators and observations, and coders.
    """
    base = draw(profiles())
    sources = [
        attrs.evolve(
            s,
            title=draw(_VISIBLE),
            author=draw(_TEXT),
            year=draw(st.none() | st.integers(1, 9999)),
            locator=draw(_TEXT),
        )
        for s in base.sources
    ]
    indicators = [
        attrs.evolve(
            i,
            label=draw(_VISIBLE),
            unit=draw(_TEXT),
            description=draw(_TEXT),
            question=draw(st.none() | _VISIBLE),
        )
        for i in base.indicators
    ]
    for std_id in draw(st.lists(st.sampled_from(catalogue.ids()), max_size=3, unique=True)):
        std = catalogue.get(std_id)
        ind = std.indicator(
            id=f"std-{std_id}",
            threat="rival-z" if std.threat_specific else None,
            weight=draw(st.floats(0.01, 100)),
            horizon=draw(st.sampled_from(["default", None]) | st.integers(0, 9)),
            label=draw(st.none() | _VISIBLE),
        )
        indicators.append(attrs.evolve(ind, description=draw(st.just(std.description) | _TEXT)))
    asks = {i.id: i.question for i in indicators}
    observations = [
        attrs.evolve(
            o,
            note=draw(_VISIBLE),
            coder=draw(st.none() | _VISIBLE),
            question=asks[o.indicator] if draw(st.booleans()) else None,
        )
        for o in base.observations
    ]
    keys = [s.key for s in sources]
    events = [
        ah.Event(
            id=f"event-{k}",
            date=draw(st.dates()),
            title=draw(_VISIBLE),
            source=draw(st.sampled_from(keys)),
            tags=draw(st.lists(_IDENT, max_size=3, unique=True)),
        )
        for k in range(draw(st.integers(0, 3)))
    ]
    return attrs.evolve(
        base,
        id=draw(_IDENT),
        name=draw(_VISIBLE),
        description=draw(_TEXT),
        sources=sources,
        indicators=indicators,
        observations=observations,
        events=events,
    )


@settings(max_examples=60, deadline=None)
@given(profile=file_profiles(), fmt=st.sampled_from(FORMATS))
def test_roundtrip_property(profile, fmt):
    text = ah.dumps(profile, format=fmt)
    assert ah.loads(text, format=fmt) == profile
    assert ah.dumps(ah.loads(text, format=fmt), format=fmt) == text  # writing is deterministic


@settings(max_examples=30, deadline=None)
@given(profile=file_profiles())
def test_toml_and_json_hold_the_same_tree(profile):
    from_toml = tomllib.loads(ah.dumps(profile, format="toml"))
    from_json = json.loads(ah.dumps(profile, format="json"))
    for event in from_toml.get("events", []):
        event["date"] = event["date"].isoformat()
    assert from_toml == from_json


# -- what is written ------------------------------------------------------------------------------
def test_toml_layout_is_readable():
    text = ah.dumps(_rich_profile(), format="toml")
    assert text.startswith('schema_version = 1\nid = "rok-us"\n')
    assert text.count("[[observations]]") == 5
    assert text.count("[[indicators]]") == 5
    assert 'uncertainty = { kind = "survey", n = 1000 }' in text
    assert 'uncertainty = { kind = "range", lo = 1.5, hi = 2 }' in text
    assert "date = 2006-10-09\n" in text
    assert 'tags = ["threat-shock", "anchor"]' in text
    # every indicator in full, with its standard
    first = tomllib.loads(text)["indicators"][0]
    assert first == {
        "id": "nk-critical",
        "standard": "threat-public-critical",
        "pillar": "shared_threat",
        "label": "Public sees the threat as critical",
        "scale": [0, 100],
        "unit": "%",
        "higher_is_better": True,
        "threat": "north-korea-nuclear",
        "horizon": "none",
        "weight": 2.5,
        "description": catalogue.get("threat-public-critical").description,
    }


def test_whole_floats_written_as_ints_only_when_they_load_back_equal():
    text = ah.dumps(_rich_profile(), format="toml")
    assert "value = 30\n" in text
    assert "value = 32.5\n" in text
    assert f"value = {100 / 3!r}\n" in text
    assert "value = 1e+19\n" in text  # whole, but too large to be written as an exact int
    assert "scale = [-1.5, 1e+20]" in text
    assert "lo = 0, hi = 1e+20" in text
    loaded = ah.loads(text, format="toml")
    values = [o.value for o in loaded.observations]
    assert values == [30.0, 100 / 3, 2.0, 32.5, 1e19]
    assert all(type(v) is float for v in values)


def test_strings_are_escaped_and_unicode_kept():
    profile = _rich_profile()
    text = ah.dumps(profile, format="toml")
    assert r'label = "The \"pledge\" \\ clause"' in text
    assert r"Line one\nline two\ttabbed \u0000 nul, \u007F del, ünïcödé, 한국어, 🛡️" in text
    assert r'note = "Article III\r\n' in text
    assert 'name = "U.S.\N{EN DASH}ROK alliance 🇰🇷"' in text
    assert "\x00" not in text
    assert "\x7f" not in text
    assert ah.loads(text, format="toml").indicator("troops").description.endswith("🛡️")
    as_json = ah.dumps(profile, format="json")
    assert '"name": "U.S.\N{EN DASH}ROK alliance 🇰🇷"' in as_json  # readable, not \u-escaped


def test_json_dates_are_iso_strings():
    data = json.loads(ah.dumps(_rich_profile(), format="json"))
    assert [e["date"] for e in data["events"]] == ["1953-10-01", "2006-10-09", "0001-01-01"]


def test_optional_fields_left_out_when_default():
    text = ah.dumps(ah.testing.minimal_profile(), format="toml")
    assert "events" not in text
    assert "author" not in text
    assert 'kind = "exact"' not in text
    data = tomllib.loads(text)
    pledge = data["observations"][2]
    assert "uncertainty" not in pledge
    assert "member" not in pledge
    assert "unit" not in data["indicators"][1]  # empty and no standard to fill it


def test_lone_surrogate_cannot_be_written():
    profile = attrs.evolve(ah.testing.minimal_profile(), name="bad \ud800 name")
    for fmt in FORMATS:
        with pytest.raises(FileFormatError, match=r"lone surrogate '\\ud800'"):
            ah.dumps(profile, format=fmt)  # type: ignore[arg-type]


# -- the documented example -----------------------------------------------------------------------
def test_documented_example_loads_and_scores():
    profile = ah.load(EXAMPLE)
    assert {s.kind for s in profile.sources} == {"scenario"}  # illustrative, not data
    result = ah.score(profile, 2006)
    # hand computation printed in docs/file-format.md
    assert result.shared_threat == pytest.approx(0.25)  # least-convinced member, 25 %
    assert result.mutual_obligation == pytest.approx(1.0)  # pledge 2 on 0-2
    assert result.consultation == pytest.approx((2 / 3 + 0.5 * 0.5) / 1.5)
    assert result.health == pytest.approx((0.25 * 1.0 * (2 / 3 + 0.25) / 1.5) ** (1 / 3))
    assert round(result.health, 3) == 0.535
    assert _roundtrip(profile, "toml") == profile
    assert _roundtrip(profile, "json") == profile


def test_documentation_includes_the_tested_example():
    doc = (EXAMPLE.parent.parent / "file-format.md").read_text(encoding="utf-8")
    assert "```{literalinclude} examples/example_profile.toml" in doc
    assert "0.535" in doc


def test_documented_example_uses_the_catalogue_sugar():
    profile = ah.load(EXAMPLE)
    assert profile.indicator("treaty-pledge") == catalogue.get("treaty-pledge").indicator()
    rival = profile.indicator("rival-critical")
    assert rival == catalogue.get("threat-public-critical").indicator(
        id="rival-critical", threat="rival"
    )


# -- the catalogue shorthand and standards --------------------------------------------------------
_SUGAR = """
schema_version = 1
id = "sugar"
name = "Sugar"
founded = 2000
catalogue = ["treaty-pledge", "joint-decisions"]

[[indicators]]
id = "own"
pillar = "consultation"
label = "Own"
scale = [0, 1]
"""


def test_catalogue_sugar_builds_the_standards_first():
    profile = ah.loads(_SUGAR, format="toml")
    assert [i.id for i in profile.indicators] == ["treaty-pledge", "joint-decisions", "own"]
    assert profile.indicators[0] == catalogue.get("treaty-pledge").indicator()
    assert profile.indicators[1] == catalogue.get("joint-decisions").indicator()
    assert _roundtrip(profile, "toml") == profile


def test_catalogue_sugar_refuses_shared_threat_standards():
    text = _SUGAR.replace('"joint-decisions"', '"threat-official"')
    assert str(_error(text)) == (
        "<string>: catalogue[1]: 'threat-official' is a shared-threat standard and needs a"
        ' threat; add it under [[indicators]] with standard = "threat-official" and'
        ' threat = "..." instead'
    )


def test_catalogue_sugar_unknown_id():
    err = _error(_SUGAR.replace('"joint-decisions"', '"joint-decision"'))
    assert isinstance(err, UnknownReferenceError)
    assert isinstance(err, KeyError)
    assert str(err).startswith(
        "<string>: catalogue[1]: catalogue has no standard 'joint-decision'; known: "
    )


def test_catalogue_sugar_must_be_strings():
    err = _error(_SUGAR.replace('"joint-decisions"', "3"))
    assert str(err) == "<string>: catalogue[1]: must be a string; got the integer 3"


def test_standard_fills_omitted_fields_and_keeps_given_ones():
    text = _SUGAR + (
        '\n[[indicators]]\nid = "nk"\nstandard = "threat-public-critical"\nthreat = "nk"\n'
        'label = "My label"\nhorizon = "none"\nweight = 3\ndescription = ""\n'
    )
    ind = ah.loads(text, format="toml").indicator("nk")
    std = catalogue.get("threat-public-critical")
    expected = std.indicator(id="nk", threat="nk", label="My label", horizon=None, weight=3.0)
    assert ind == attrs.evolve(expected, description="")
    assert (ind.pillar, ind.scale, ind.unit) == (std.pillar, std.scale, std.unit)


def test_standard_must_agree_on_scale():
    text = _SUGAR + '\n[[indicators]]\nid = "p"\nstandard = "treaty-pledge"\nscale = [0, 3]\n'
    err = _error(text)
    assert str(err).startswith(
        "<string>: indicators[1]: Indicator 'p' says it follows standard 'treaty-pledge', but"
        " its (pillar, scale, unit, higher_is_better)"
    )
    assert "(0.0, 3.0)" in str(err)
    assert "(0.0, 2.0)" in str(err)


def test_unknown_standard():
    text = _SUGAR + '\n[[indicators]]\nid = "p"\nstandard = "treaty"\n'
    err = _error(text)
    assert isinstance(err, UnknownReferenceError)
    assert str(err).startswith(
        "<string>: indicators[1].standard: catalogue has no standard 'treaty'; known: "
    )


# -- syntax and schema errors ---------------------------------------------------------------------
def test_toml_syntax_error_names_the_line():
    text = _minimal_toml().replace('name = "Minimal', "name = Minimal")
    assert str(_error(text)) == "<string>: invalid TOML: Invalid value (at line 3, column 8)"


def test_json_syntax_error_names_the_line():
    err = _error('{\n  "schema_version": 1,\n  "id": "x",\n}', fmt="json")
    assert str(err) == (
        "<string>: invalid JSON at line 4, column 1: Expecting property name enclosed in"
        " double quotes"
    )


def test_syntax_error_in_a_file_names_the_file(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("schema_version = = 1\n", encoding="utf-8")
    with pytest.raises(FileFormatError) as info:
        ah.load(path)
    assert str(info.value) == f"{path}: invalid TOML: Invalid value (at line 1, column 18)"


def test_unknown_key_suggests_the_closest():
    text = _minimal_toml().replace("joined = 2000\n", "joind = 2000\n", 1)
    assert str(_error(text)) == (
        "<string>: members[0]: unknown key 'joind'; did you mean 'joined'? known keys: code,"
        " joined, left, gaps"
    )


def test_unknown_top_level_key():
    text = _minimal_toml().replace("founded = 2000", "founded = 2000\ncomment = 'x'")
    err = str(_error(text))
    assert err.startswith("<string>: unknown key 'comment'; known keys: schema_version, id,")


def test_unknown_key_in_uncertainty():
    text = _minimal_toml().replace("lo = 1, hi = 3", "lo = 1, hi = 3, n = 5")
    assert str(_error(text)) == (
        "<string>: observations[3].uncertainty: unknown key 'n'; known keys: kind, lo, hi"
    )


def test_unknown_key_in_json():
    data = json.loads(ah.dumps(ah.testing.minimal_profile(), format="json"))
    data["observations"][1]["vlaue"] = 3
    assert str(_error(json.dumps(data), fmt="json")) == (
        "<string>: observations[1]: unknown key 'vlaue'; did you mean 'value'? known keys:"
        " indicator, year, value, member, source, uncertainty, note, question, coder"
    )


def test_missing_required_key():
    text = _minimal_toml().replace("year = 2005\n", "")
    assert str(_error(text)) == "<string>: observations[2]: missing required key 'year'"


def test_missing_top_level_key():
    text = _minimal_toml().replace('name = "Minimal illustrative alliance"\n', "")
    assert str(_error(text)) == "<string>: missing required key 'name'"


def test_indicator_without_standard_needs_its_definition():
    text = _SUGAR.replace("scale = [0, 1]\n", "")
    assert str(_error(text)) == "<string>: indicators[0]: missing required key 'scale'"


_NUMBER, _WHOLE = "a number", "a whole number"
_WRONG_TYPES = [
    ("value = 40", 'value = "40"', "observations[0].value", _NUMBER, "the string '40'"),
    ("value = 40", "value = true", "observations[0].value", _NUMBER, "the boolean true"),
    ("year = 2005", "year = 2005.0", "observations[2].year", _WHOLE, "the float 2005.0"),
    ("year = 2005", 'year = "2005"', "observations[2].year", _WHOLE, "the string '2005'"),
    ("founded = 2000", "founded = true", "founded", _WHOLE, "the boolean true"),
    ("n = 1000", "n = 1000.5", "observations[0].uncertainty.n", _WHOLE, "the float 1000.5"),
    ("lo = 1", 'lo = "1"', "observations[3].uncertainty.lo", _NUMBER, "the string '1'"),
    ("scale = [0, 3]", 'scale = [0, "3"]', "indicators[1].scale[1]", _NUMBER, "the string '3'"),
    (
        "scale = [0, 3]",
        "scale = [0, 1, 3]",
        "indicators[1].scale",
        "an array of two numbers [lo, hi]",
        "an array",
    ),
    (
        "higher_is_better = true",
        'higher_is_better = "yes"',
        "indicators[0].higher_is_better",
        "true or false",
        "the string 'yes'",
    ),
    (
        "horizon = 1",
        "horizon = 1.5",
        "indicators[2].horizon",
        'a whole number of years or "none"',
        "the float 1.5",
    ),
    (
        'label = "Treaty pledge strength"',
        "label = 3",
        "indicators[1].label",
        "a string",
        "the integer 3",
    ),
    (
        'uncertainty = { kind = "range", lo = 1, hi = 3 }',
        'uncertainty = "range"',
        "observations[3].uncertainty",
        "a table",
        "the string 'range'",
    ),
    (
        'member = "AAA"',
        "member = 2006-01-01",
        "observations[0].member",
        "a string",
        "the date 2006-01-01",
    ),
]


@pytest.mark.parametrize(("old", "new", "where", "expected", "shown"), _WRONG_TYPES)
def test_wrong_types(old, new, where, expected, shown):
    text = _minimal_toml()
    assert old in text
    message = f"<string>: {where}: must be {expected}; got {shown}"
    assert str(_error(text.replace(old, new, 1))) == message


def test_array_of_tables_must_hold_tables():
    text = (
        _minimal_toml()
        .replace("[[members]]", "[[mmm]]")
        .replace("founded = 2000", 'founded = 2000\nmembers = ["AAA"]')
    )
    text = text.replace('[[mmm]]\ncode = "AAA"\njoined = 2000\n\n', "")
    text = text.replace('[[mmm]]\ncode = "BBB"\njoined = 2000\n\n', "")
    assert str(_error(text)) == "<string>: members[0]: must be a table; got the string 'AAA'"


def test_top_level_array_must_be_an_array():
    data = json.loads(ah.dumps(ah.testing.minimal_profile(), format="json"))
    data["events"] = {"id": "x"}
    assert str(_error(json.dumps(data), fmt="json")) == (
        "<string>: events: must be an array; got a table"
    )


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("poll", "unknown uncertainty kind 'poll'; use one of 'exact', 'survey', 'range'"),
        (
            "surveys",
            (
                "unknown uncertainty kind 'surveys'; did you mean 'survey'? use one of 'exact',"
                " 'survey', 'range'"
            ),
        ),
    ],
)
def test_unknown_uncertainty_kind(kind, message):
    text = _minimal_toml().replace('kind = "survey"', f'kind = "{kind}"', 1)
    assert str(_error(text)) == f"<string>: observations[0].uncertainty.kind: {message}"


def test_uncertainty_kinds_read():
    text = _minimal_toml().replace('{ kind = "range", lo = 1, hi = 3 }', '{ kind = "exact" }')
    assert ah.loads(text, format="toml").observations[3].uncertainty == ah.Exact()


@pytest.mark.parametrize("version", ["2", "0", '"1"'])
def test_schema_version_refused(version):
    text = _minimal_toml().replace("schema_version = 1", f"schema_version = {version}")
    expected = {
        "2": "unknown schema_version 2; this version of alliance_health reads schema_version 1"
        " only (upgrade alliance_health or convert the file)",
        "0": "unknown schema_version 0; this version of alliance_health reads schema_version 1"
        " only (upgrade alliance_health or convert the file)",
        '"1"': "must be a whole number; got the string '1'",
    }[version]
    assert str(_error(text)) == f"<string>: schema_version: {expected}"


def test_schema_version_checked_before_unknown_keys():
    text = _minimal_toml().replace("schema_version = 1", "schema_version = 2\nnew_field = 1")
    assert "unknown schema_version 2" in str(_error(text))


def test_schema_version_required():
    text = _minimal_toml().replace("schema_version = 1\n", "")
    assert str(_error(text)) == (
        "<string>: missing required key 'schema_version' (start the file with schema_version = 1)"
    )


def test_json_top_level_must_be_an_object():
    assert str(_error("[1, 2]", fmt="json")) == (
        "<string>: the top level must be a table (a JSON object); got an array"
    )


def test_json_repeated_key_refused():
    assert str(_error('{"schema_version": 1, "id": "a", "id": "b"}', fmt="json")) == (
        "<string>: invalid JSON: an object repeats the key 'id'"
    )


def test_json_nan_refused():
    assert str(_error('{"schema_version": NaN}', fmt="json")) == (
        "<string>: invalid JSON: NaN is not a number (JSON has no NaN or Infinity)"
    )


def test_json_null_means_absent_for_optional_keys():
    data = json.loads(ah.dumps(ah.testing.minimal_profile(), format="json"))
    data["members"][0]["left"] = None
    data["observations"][2]["member"] = None
    data["indicators"][2]["horizon"] = None
    data["sources"][0]["year"] = None
    profile = ah.loads(json.dumps(data), format="json")
    assert profile.members[0].left is None
    assert profile.indicator("meetings").horizon is None


def test_json_null_refused_where_a_value_is_required():
    data = json.loads(ah.dumps(ah.testing.minimal_profile(), format="json"))
    data["observations"][0]["value"] = None
    assert str(_error(json.dumps(data), fmt="json")) == (
        "<string>: observations[0].value: must be a number; got null"
    )


def test_integer_too_large_for_a_float():
    text = _minimal_toml().replace("value = 40", f"value = {10**400}")
    assert str(_error(text)).startswith(
        "<string>: observations[0].value: is too large for a float: the integer 1000"
    )


# -- errors from the domain, relocated ------------------------------------------------------------
def test_scale_error_keeps_its_class_and_gains_the_path():
    text = _minimal_toml().replace("value = 40", "value = 140")
    err = _error(text)
    assert isinstance(err, ScaleError)
    assert isinstance(err, ValidationError)
    assert str(err) == (
        "<string>: observations[0].value: 140.0 is off the scale (0.0, 100.0) of indicator"
        " 'threat-public' (AAA, 2006); rescale the value or fix the scale"
    )


def test_duplicate_error_keeps_its_class():
    text = _minimal_toml().replace('code = "BBB"', 'code = "AAA"')
    err = _error(text)
    assert isinstance(err, DuplicateError)
    assert str(err) == "<string>: members must be unique; repeated: AAA"


def test_unknown_reference_keeps_its_class():
    text = _minimal_toml().replace('indicator = "pledge"', 'indicator = "pledg"')
    err = _error(text)
    assert isinstance(err, UnknownReferenceError)
    assert isinstance(err, KeyError)
    assert str(err) == (
        "<string>: observations[2].indicator: unknown indicator 'pledg' (known: meetings,"
        " pledge, threat-public)"
    )


def test_item_errors_carry_the_item_path(tmp_path):
    text = _minimal_toml().replace("lo = 1, hi = 3", "lo = 3, hi = 4")
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileFormatError) as info:
        ah.load(path)
    assert str(info.value) == (
        f"{path}: observations[3]: Observation.uncertainty of 'meetings' (None, 2006): the range"
        " [3.0, 4.0] must contain the coded value 2.0"
    )


def test_member_code_error_carries_the_item_path():
    text = _minimal_toml().replace('code = "BBB"', 'code = "bbb"')
    assert str(_error(text)) == (
        "<string>: members[1]: Member.code must be an ISO 3166 alpha-3 code in capitals"
        " (e.g. 'USA', 'KOR'); got 'bbb'"
    )


def test_source_kind_error_carries_the_item_path():
    text = _minimal_toml().replace('kind = "scenario"', 'kind = "blog"')
    assert str(_error(text)).startswith(
        "<string>: sources[0]: Source.kind must be one of 'survey', 'treaty',"
    )


# -- dates ----------------------------------------------------------------------------------------
_EVENT = '\n[[events]]\nid = "e"\ndate = {date}\ntitle = "T"\nsource = "illustrative"\n'


@pytest.mark.parametrize("written", ["2006-10-09", '"2006-10-09"'])
def test_dates_read_from_toml(written):
    profile = ah.loads(_minimal_toml() + _EVENT.format(date=written), format="toml")
    assert profile.events[0].date == dt.date(2006, 10, 9)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2006-10-09T10:00:00", "the date-time 2006-10-09T10:00:00"),
        ("10:00:00", "the time 10:00:00"),
        ('"2006-13-01"', "the string '2006-13-01'"),
        ('"9 October 2006"', "the string '9 October 2006'"),
        ("20061009", "the integer 20061009"),
    ],
)
def test_bad_dates_refused(written, shown):
    text = _minimal_toml() + _EVENT.format(date=written)
    assert str(_error(text)) == (
        "<string>: events[0].date: must be a date (TOML 2006-10-09, or the string"
        f" '2006-10-09'); got {shown}"
    )


# -- files: formats, size, encoding ---------------------------------------------------------------
def test_format_from_suffix_and_override(tmp_path):
    profile = ah.testing.minimal_profile()
    path = tmp_path / "profile.txt"
    with pytest.raises(FileFormatError) as info:
        ah.dump(profile, path)
    assert str(info.value) == (
        f"{path}: cannot tell the format from the suffix '.txt'; name the file .toml or .json,"
        " or pass format='toml' or format='json'"
    )
    ah.dump(profile, path, format="json")
    assert ah.load(path, format="json") == profile
    upper = tmp_path / "PROFILE.TOML"
    ah.dump(profile, upper)
    assert ah.load(upper) == profile


def test_unknown_format_argument():
    with pytest.raises(ValidationError, match=r"format must be 'toml' or 'json'; got 'yaml'"):
        ah.loads("", format="yaml")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"format must be 'toml' or 'json'; got 'xml'"):
        ah.dumps(ah.testing.minimal_profile(), format="xml")  # type: ignore[arg-type]


def test_size_limit_refuses_a_file_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(_io, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.toml"
    path.write_text("this is = not TOML\n" * 6, encoding="utf-8")  # 114 bytes, and invalid
    with pytest.raises(FileFormatError) as info:
        ah.load(path)
    assert str(info.value) == (
        f"{path}: the file is 114 bytes, above the limit of 100 bytes; a profile that"
        " large is refused unread"
    )
    path.write_text("x" * 100, encoding="utf-8")  # at the limit: parsed, so a syntax error
    with pytest.raises(FileFormatError, match="invalid TOML"):
        ah.load(path)


def test_size_limit_counts_utf8_bytes_in_loads(monkeypatch):
    monkeypatch.setattr(_io, "MAX_FILE_BYTES", 100)
    with pytest.raises(FileFormatError, match=r"^<string>: the file is 102 bytes, above"):
        ah.loads("é" * 51, format="json")  # 51 characters, 102 bytes
    with pytest.raises(FileFormatError, match="invalid JSON"):
        ah.loads("é" * 50, format="json")


def test_default_size_limit_is_16_mib():
    assert _io.MAX_FILE_BYTES == 16 * 2**20
    with pytest.raises(FileFormatError) as info:
        ah.loads(" " * (16 * 2**20 + 1), format="toml")
    assert str(info.value) == (
        "<string>: the file is 16777217 bytes, above the limit of 16777216 bytes (16 MiB); a"
        " profile that large is refused unread"
    )


def test_file_must_be_utf8(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "Ñ"\n'.encode("latin-1"))
    with pytest.raises(FileFormatError) as info:
        ah.load(path)
    assert (
        str(info.value) == f"{path}: the file is not UTF-8 text (byte 8: invalid continuation byte)"
    )


def test_missing_file_raises_oserror(tmp_path):
    with pytest.raises(FileNotFoundError):
        ah.load(tmp_path / "absent.toml")


def test_nothing_is_executed(tmp_path):
    marker = tmp_path / "executed"
    text = _minimal_toml().replace(
        'name = "Minimal illustrative alliance"',
        f"name = \"__import__('pathlib').Path({str(marker)!r}).touch()\"",
    )
    profile = ah.loads(text, format="toml")
    assert profile.name.startswith("__import__")
    assert not marker.exists()


def test_public_api_is_exported():
    assert {"load", "loads", "dump", "dumps"} <= set(ah.__all__)
    assert ah.load is _io.load
    assert math.isclose(ah.score(ah.load(EXAMPLE), 2002).shared_threat, 0.48)


# -- questions and coders -------------------------------------------------------------------------
_QUESTION = "Is North Korea's nuclear programme a critical threat? (critical)"


def _with_question_and_coders() -> ah.Profile:
    """The minimal profile with a survey question and a coding by each of two coders."""
    base = ah.testing.minimal_profile()
    threat = attrs.evolve(base.indicators[0], question=_QUESTION)
    coded = base.observations[3]  # the expert coding of 'meetings', 2006
    observations = (
        attrs.evolve(base.observations[0], question=_QUESTION),
        *base.observations[1:3],
        attrs.evolve(coded, coder="kim"),
        attrs.evolve(coded, coder="smith", value=1.5, uncertainty=ah.Range(1, 2.5)),
    )
    return attrs.evolve(base, indicators=(threat, *base.indicators[1:]), observations=observations)


@pytest.mark.parametrize("fmt", FORMATS)
def test_question_and_coders_round_trip(fmt):
    profile = _with_question_and_coders()
    text = ah.dumps(profile, format=fmt)
    assert ah.loads(text, format=fmt) == profile
    tree = tomllib.loads(text) if fmt == "toml" else json.loads(text)
    assert tree["indicators"][0]["question"] == _QUESTION
    assert [o.get("coder") for o in tree["observations"]] == [None, None, None, "kim", "smith"]
    assert "question" not in tree["observations"][1]  # left out when not stated


def test_coders_are_grouped_by_what_they_coded():
    profile = ah.loads(ah.dumps(_with_question_and_coders(), format="toml"), format="toml")
    codings = profile.codings()[("meetings", None, 2006)]
    assert [(o.coder, o.value) for o in codings] == [("kim", 2.0), ("smith", 1.5)]
    assert profile.observation("meetings", 2006, coder="smith").value == 1.5


def test_same_coder_twice_is_a_duplicate():
    text = ah.dumps(_with_question_and_coders(), format="toml").replace('"smith"', '"kim"')
    err = _error(text)
    assert isinstance(err, DuplicateError)
    assert str(err) == (
        "<string>: observations (indicator, member, year) must be unique; repeated:"
        " ('meetings', None, 2006) by coder 'kim'; several coders may each code a value once,"
        " every coding naming its coder"
    )


def test_a_stated_question_must_be_the_indicators():
    data = json.loads(ah.dumps(_with_question_and_coders(), format="json"))
    data["observations"][0]["question"] = "Is NK a threat?"
    err = _error(json.dumps(data), fmt="json")
    assert not isinstance(err, DuplicateError | ScaleError)
    assert str(err) == (
        "<string>: observations[0].question: observation of 'threat-public' (AAA, 2006) asks"
        f" 'Is NK a threat?', but indicator 'threat-public' asks {_QUESTION!r}; one question,"
        " one indicator: use a separate indicator for each question (or give the indicator this"
        " question)"
    )


@pytest.mark.parametrize("key", ["question", "coder"])
def test_question_and_coder_are_strings(key):
    data = json.loads(ah.dumps(ah.testing.minimal_profile(), format="json"))
    data["observations"][0][key] = None  # null: not stated
    assert ah.loads(json.dumps(data), format="json") == ah.testing.minimal_profile()
    data["observations"][0][key] = 3
    assert str(_error(json.dumps(data), fmt="json")) == (
        f"<string>: observations[0].{key}: must be a string; got the integer 3"
    )


# -- the edges of loads: bytes, None, byte-order marks, huge numbers, deep nesting ----------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_loads_reads_utf8_bytes(fmt):
    profile = _rich_profile()
    assert ah.loads(ah.dumps(profile, format=fmt).encode("utf-8"), format=fmt) == profile
    assert ah.loads(bytearray(ah.dumps(profile, format=fmt), "utf-8"), format=fmt) == profile


def test_loads_refuses_bytes_that_are_not_utf8():
    with pytest.raises(FileFormatError) as info:
        ah.loads('name = "Ñ"\n'.encode("latin-1"), format="toml")
    assert str(info.value) == (
        "<string>: the file is not UTF-8 text (byte 8: invalid continuation byte)"
    )


def test_size_limit_counts_bytes_given_to_loads(monkeypatch):
    monkeypatch.setattr(_io, "MAX_FILE_BYTES", 100)
    with pytest.raises(FileFormatError, match=r"^<string>: the file is 101 bytes, above"):
        ah.loads(b" " * 101, format="toml")


@pytest.mark.parametrize("text", [None, 3, Path("profile.toml"), ["schema_version = 1"]])
def test_loads_refuses_what_is_not_text(text):
    with pytest.raises(ah.ArgumentTypeError) as info:
        ah.loads(text, format="toml")  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, ah.AllianceHealthError)
    assert str(info.value) == (
        "loads() reads the text of a profile, a str or UTF-8 bytes; got"
        f" {type(text).__name__} {text!r} (to read a file, use load(path))"
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_byte_order_mark_is_dropped(tmp_path, fmt):
    profile = ah.testing.minimal_profile()
    text = "\ufeff" + ah.dumps(profile, format=fmt)
    assert ah.loads(text, format=fmt) == profile
    assert ah.loads(text.encode("utf-8"), format=fmt) == profile
    path = tmp_path / f"bom.{fmt}"
    path.write_text(text, encoding="utf-8")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert ah.load(path) == profile


@pytest.mark.parametrize(
    ("fmt", "old", "new"),
    [
        ("json", '"value": 40', '"value": ' + "9" * 5000),
        ("toml", "value = 40", "value = " + "9" * 5000),
        ("toml", "value = 40", "value = 1_" + "9" * 5000),
    ],
)
def test_integer_of_thousands_of_digits(fmt, old, new):
    text = ah.dumps(ah.testing.minimal_profile(), format=fmt)
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    err = _error(text.replace(old, new), fmt=fmt)
    assert type(err) is FileFormatError
    assert str(err) == (
        f"<string>: invalid {fmt.upper()}: a number at line {line} has more than 4300 digits,"
        " more than any value of a profile can have"
    )


def test_hexadecimal_integer_of_thousands_of_digits():
    # Python reads hexadecimal digits without a limit, so the value is read, then refused
    text = _minimal_toml().replace("value = 40", "value = 0x" + "f" * 5000)
    assert str(_error(text)) == (
        "<string>: observations[0].value: is too large for a float: the integer of 20000 bits"
    )


def _nested(fmt: str, levels: int) -> str:
    if fmt == "json":
        return '{"schema_version": 1, "id": ' + "[" * levels + "]" * levels + "}"
    return "schema_version = 1\nid = " + "[" * levels + "]" * levels + "\n"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("levels", [33, 500, 1000, 100_000])
def test_deep_nesting_is_refused_before_parsing(fmt, levels):
    err = _error(_nested(fmt, levels), fmt=fmt)
    assert str(err) == (
        f"<string>: arrays and tables are nested {levels + (fmt == 'json')} levels deep, above"
        " the limit of 32; a profile needs no more than four levels"
    )
    assert "\n" not in str(err)


@pytest.mark.parametrize("fmt", FORMATS)
def test_nesting_within_the_limit_reaches_the_schema(fmt):
    err = _error(_nested(fmt, 31), fmt=fmt)
    assert str(err) == "<string>: id: must be a string; got an array"


def test_brackets_in_strings_and_comments_do_not_count():
    profile = ah.testing.minimal_profile()
    text = ah.dumps(profile, format="toml")
    text = text.replace(f"name = {profile.name!r}".replace("'", '"'), f'name = "{"[" * 40}"')
    text = text.replace(
        f'description = "{profile.description}"',
        f"# a comment {'[' * 40}\ndescription = '''{'{' * 40}\n'''",
    )
    loaded = ah.loads(text, format="toml")
    assert (loaded.name, loaded.description) == ("[" * 40, "{" * 40 + "\n")


def test_a_recursion_error_is_still_a_file_format_error(monkeypatch):
    monkeypatch.setattr(_parse, "MAX_DEPTH", 10**6)  # let the depth scan pass everything
    err = _error(_nested("toml", 5000))
    assert str(err) == (
        "<string>: arrays and tables are nested too deeply for the parser, above the limit of"
        f" {10**6}; a profile needs no more than four levels"
    )


def test_year_range_is_stated():
    text = _minimal_toml().replace("year = 2005", "year = 12005")
    assert str(_error(text)) == (
        "<string>: observations[2]: Observation.year must be a year, a whole number from 1 to"
        " 9999; got 12005"
    )
