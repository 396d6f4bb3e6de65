"""Validation of the domain classes: every rule raises the library's error, which is also the
builtin it refines, with a message that names the field."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_health import (
    AllianceHealthError,
    DuplicateError,
    Event,
    Exact,
    Indicator,
    Member,
    Observation,
    Pillar,
    Profile,
    Range,
    ScaleError,
    Source,
    Survey,
    UnknownReferenceError,
    ValidationError,
    catalogue,
)
from alliance_health._domain.indicator import from_unit, to_unit
from alliance_health.testing import minimal_profile

from strategies import profiles

NAN, INF = math.nan, math.inf

SOURCES = (
    Source(key="data", title="A dataset", kind="dataset"),
    Source(key="poll", title="A survey", kind="survey"),
    Source(key="coding", title="An expert coding", kind="expert-coding"),
)
INDICATORS = (
    Indicator(id="threat", pillar="shared_threat", label="Threat", scale=(0, 100), threat="rival"),
    Indicator(id="pledge", pillar="mutual_obligation", label="Pledge", scale=(0, 3)),
    Indicator(id="meet", pillar="consultation", label="Meetings", scale=(0, 4)),
)
MEMBERS = (Member(code="AAA", joined=2000), Member(code="BBB", joined=2000, left=2004))


def obs(**changes: Any) -> Observation:
    fields: dict[str, Any] = {"indicator": "pledge", "year": 2002, "value": 2, "source": "data"}
    return Observation(**(fields | changes))


def profile(**changes: Any) -> Profile:
    fields: dict[str, Any] = {
        "id": "p",
        "name": "P",
        "founded": 2000,
        "members": MEMBERS,
        "sources": SOURCES,
        "indicators": INDICATORS,
        "observations": (),
    }
    return Profile(**(fields | changes))


def check(exc: type[AllianceHealthError], builtin: type[Exception], match: str) -> Any:
    """pytest.raises on the library error; the error must also be the builtin it refines."""
    assert issubclass(exc, builtin)
    return pytest.raises(exc, match=match)


def test_error_family_refines_builtins():
    assert issubclass(ValidationError, ValueError)
    assert issubclass(ScaleError, ValidationError)
    assert issubclass(DuplicateError, ValidationError)
    assert issubclass(UnknownReferenceError, KeyError)
    # KeyError would quote its argument; the message must read as written.
    assert str(UnknownReferenceError("unknown x")) == "unknown x"


# -- Source -------------------------------------------------------------------------------------
def test_source_valid():
    src = Source(key="ccga-2006", title="Global Views 2006", kind="survey", year=2006)
    assert not src.is_judgement
    assert Source(key="c", title="Coding", kind="expert-coding").is_judgement
    assert Source(key="s", title="Scenario", kind="scenario").is_judgement


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"kind": "blog"}, r"Source\.kind must be one of .*'survey'.*; got 'blog'"),
        ({"key": "bad key"}, r"Source\.key must be an identifier.*got 'bad key'"),
        ({"key": ""}, r"Source\.key must be an identifier"),
        ({"title": "  "}, r"Source\.title must be a non-empty string"),
        ({"year": 0}, r"Source\.year must be a year, a whole number from 1 to 9999; got 0"),
        ({"year": 2006.0}, r"Source\.year must be a year"),
    ],
)
def test_source_invalid(changes, match):
    fields = {"key": "k", "title": "T", "kind": "official"} | changes
    with check(ValidationError, ValueError, match):
        Source(**fields)


# -- Indicator ----------------------------------------------------------------------------------
def ind(**changes: Any) -> Indicator:
    fields: dict[str, Any] = {"id": "x", "pillar": "consultation", "label": "X", "scale": (0, 4)}
    return Indicator(**(fields | changes))


def test_indicator_valid_and_converted():
    i = ind(pillar="mutual-obligation", scale=[1, 7], weight=2, horizon=0)
    assert i.pillar is Pillar.MUTUAL_OBLIGATION
    assert i.scale == (1.0, 7.0)
    assert i.weight == 2.0
    assert isinstance(i.weight, float)
    assert i.in_scale(1)
    assert i.in_scale(7)
    assert not i.in_scale(7.0001)
    # Normalisation on the declared scale, flipped when lower is better (DESIGN section 3, step 2).
    assert i.normalise([1, 4, 7]).tolist() == [0.0, 0.5, 1.0]
    assert ind(scale=(0, 4), higher_is_better=False).normalise([0, 1, 4]).tolist() == [
        1.0,
        0.75,
        0.0,
    ]


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        (
            {"scale": (0, INF)},
            (
                r"Indicator\.scale of 'x' must be finite with lo < hi, e\.g\. \(0, 100\);"
                r" got \(0\.0, inf\)"
            ),
        ),
        ({"scale": (NAN, 1)}, r"Indicator\.scale of 'x' must be finite with lo < hi"),
        (
            {"scale": (2, 2)},
            (
                r"Indicator\.scale of 'x' must be finite with lo < hi, e\.g\. \(0, 100\);"
                r" got \(2\.0, 2\.0\)"
            ),
        ),
        ({"scale": (3, 1)}, r"Indicator\.scale of 'x' must be finite with lo < hi"),
        (
            {"scale": 5},
            (
                r"Indicator\.scale must be a pair \(lo, hi\): the lowest and highest possible"
                r" value; got 5"
            ),
        ),
        ({"scale": (0, 1, 2)}, r"Indicator\.scale must be a pair"),
        ({"weight": 0}, r"Indicator\.weight must be > 0; got 0\.0"),
        ({"weight": -1}, r"Indicator\.weight must be > 0; got -1\.0"),
        ({"weight": NAN}, r"Indicator\.weight must be a finite number; got nan"),
        ({"weight": INF}, r"Indicator\.weight must be a finite number; got inf"),
        ({"horizon": -1}, r"Indicator\.horizon must be a whole number >= 0; got -1"),
        ({"horizon": 1.5}, r"Indicator\.horizon must be a whole number >= 0"),
        ({"pillar": "trust"}, r"pillar must be one of .*got 'trust'"),
        ({"label": ""}, r"Indicator\.label must be a non-empty string"),
        (
            {"higher_is_better": "yes"},
            r"Indicator\.higher_is_better must be True or False; got 'yes'",
        ),
        ({"id": "-x"}, r"Indicator\.id must be an identifier"),
    ],
)
def test_indicator_invalid(changes, match):
    with check(ValidationError, ValueError, match):
        ind(**changes)


def test_shared_threat_indicator_must_name_its_threat():
    with check(ValidationError, ValueError, r"Indicator\.threat is required .* 'x'"):
        ind(pillar="shared_threat")
    with check(ValidationError, ValueError, r"Indicator\.threat must be an identifier"):
        ind(pillar="shared_threat", threat="two words")
    assert ind(pillar="shared_threat", threat="rival").threat == "rival"


@pytest.mark.parametrize("pillar", ["mutual_obligation", "consultation"])
def test_only_shared_threat_indicators_name_a_threat(pillar):
    match = rf"Indicator\.threat must be None for {pillar} indicator 'x'; got 'rival'"
    with check(ValidationError, ValueError, match):
        ind(pillar=pillar, threat="rival")


def test_indicator_following_a_standard():
    std = catalogue.get("threat-official")
    built = std.indicator(id="nk-official", threat="nk")
    assert (built.standard, built.scale, built.horizon) == ("threat-official", (0.0, 4.0), None)
    fields = attrs.asdict(built, recurse=False)
    with check(
        ValidationError, ValueError, r"'nk-official' says it follows standard 'threat-official'"
    ):
        Indicator(**(fields | {"scale": (0, 5)}))
    with check(ValidationError, ValueError, r"follows standard 'threat-official'.*differ"):
        Indicator(**(fields | {"higher_is_better": False}))
    with check(UnknownReferenceError, KeyError, r"catalogue has no standard 'nope'"):
        Indicator(**(fields | {"standard": "nope"}))


def test_standard_scope_and_its_deprecated_spelling():
    assert {catalogue.get(i).scope for i in catalogue.ids()} == {"member", "alliance"}
    std = catalogue.get("treaty-pledge")
    with pytest.warns(DeprecationWarning, match=r"Standard\.level.*use Standard\.scope"):
        assert std.level == std.scope == "alliance"


@given(
    lo=st.floats(-1e6, 1e6),
    width=st.floats(1e-3, 1e6),
    u=st.lists(st.floats(0, 1), min_size=1, max_size=5),
    flip=st.booleans(),
)
def test_from_unit_inverts_to_unit(lo, width, u, flip):
    hi = lo + width
    values = from_unit(u, lo, hi, flip)
    assert np.all((values >= lo - 1e-9 * width) & (values <= hi + 1e-9 * width))
    np.testing.assert_allclose(to_unit(values, lo, hi, flip), u, atol=1e-6)


def test_one_normalisation_for_indicators_layouts_and_scenarios():
    ind = Indicator(
        id="x", pillar="consultation", label="X", scale=(10, 20), higher_is_better=False
    )
    np.testing.assert_array_equal(
        ind.normalise([10, 15, 20]), to_unit([10, 15, 20], 10, 20, flip=True)
    )
    per_column = to_unit(
        [[10.0, 10.0]], np.array([10.0, 0.0]), np.array([20.0, 40.0]), [True, False]
    )
    np.testing.assert_array_equal(per_column, [[1.0, 0.25]])


# -- Observation and its uncertainty ------------------------------------------------------------
def test_observation_valid():
    o = obs(value=1, member="AAA", uncertainty=Survey(n=10))
    assert o.value == 1.0
    assert isinstance(o.value, float)
    assert o.key == ("pledge", "AAA", 2002)
    assert obs().uncertainty == Exact()
    assert obs(value=2, uncertainty=Range(2, 2)).uncertainty == Range(2.0, 2.0)


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"value": NAN}, r"Observation\.value must be a finite number; got nan"),
        ({"value": INF}, r"Observation\.value must be a finite number; got inf"),
        ({"value": -INF}, r"Observation\.value must be a finite number; got -inf"),
        ({"value": "2"}, r"Observation\.value must be a number; got '2'"),
        ({"value": True}, r"Observation\.value must be a number; got True"),
        ({"year": 0}, r"Observation\.year must be a year, a whole number from 1 to 9999; got 0"),
        ({"year": "2002"}, r"Observation\.year must be a year"),
        ({"source": ""}, r"Observation\.source must be an identifier"),
        ({"uncertainty": 0.5}, r"Observation\.uncertainty must be Exact\(\), Survey\(n=\.\.\.\)"),
        (
            {"value": 2, "uncertainty": Range(0, 1)},
            (
                r"Observation\.uncertainty of 'pledge' \(None, 2002\): the range \[0\.0, 1\.0\]"
                r" must contain the coded value 2\.0"
            ),
        ),
        ({"value": 2, "uncertainty": Range(2.5, 3)}, r"must contain the coded value 2\.0"),
    ],
)
def test_observation_invalid(changes, match):
    with check(ValidationError, ValueError, match):
        obs(**changes)


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda: Range(NAN, 1), r"Range\.lo must be a finite number; got nan"),
        (lambda: Range(0, INF), r"Range\.hi must be a finite number; got inf"),
        (lambda: Range(2, 1), r"Range\.hi must be >= lo; got lo=2\.0, hi=1\.0"),
        (lambda: Survey(n=0), r"Survey\.n must be a whole number >= 1; got 0"),
        (lambda: Survey(n=10.5), r"Survey\.n must be a whole number >= 1; got 10\.5"),
        (lambda: Survey(n=True), r"Survey\.n must be a whole number >= 1; got True"),
    ],
)
def test_uncertainty_invalid(make, match):
    with check(ValidationError, ValueError, match):
        make()


# -- Event and Member ---------------------------------------------------------------------------
def test_event_valid_and_converted():
    e = Event(
        id="e",
        date=dt.datetime(2006, 10, 9, 10, 35, tzinfo=dt.UTC),
        title="Test",
        source="s",
        tags=["a"],
    )
    assert e.date == dt.date(2006, 10, 9)
    assert e.tags == ("a",)
    assert e.year == 2006
    assert Event(id="e", date="1953-10-01", title="T", source="s").date == dt.date(1953, 10, 1)


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"date": "09/10/2006"}, r"Event\.date must be a date or an ISO string 'YYYY-MM-DD'"),
        ({"date": 2006}, r"Event\.date must be a date .*got 2006"),
        ({"tags": "unilateral"}, r"Event\.tags must be a list of strings; got 'unilateral'"),
        ({"tags": ["a", "a"]}, r"Event\.tags must not repeat a tag"),
        ({"tags": ["two words"]}, r"Event\.tags must be an identifier"),
        ({"title": ""}, r"Event\.title must be a non-empty string"),
        ({"id": "e e"}, r"Event\.id must be an identifier"),
    ],
)
def test_event_invalid(changes, match):
    fields = {"id": "e", "date": "2006-10-09", "title": "T", "source": "s"} | changes
    with check(ValidationError, ValueError, match):
        Event(**fields)


def test_member_membership_years():
    m = Member(code="POL", joined=1999, left=2004)
    assert [m.is_member(y) for y in (1998, 1999, 2004, 2005)] == [False, True, True, False]
    assert Member(code="POL", joined=1999).is_member(3000)


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"code": "kor"}, r"Member\.code must be an ISO 3166 alpha-3 code .*got 'kor'"),
        ({"code": "KORE"}, r"Member\.code must be an ISO 3166 alpha-3 code"),
        ({"joined": -5}, r"Member\.joined must be a year"),
        ({"left": 1990}, r"Member\.left of KOR must be >= joined \(1999\); got 1990"),
    ],
)
def test_member_invalid(changes, match):
    fields = {"code": "KOR", "joined": 1999} | changes
    with check(ValidationError, ValueError, match):
        Member(**fields)


# -- Profile ------------------------------------------------------------------------------------
def test_profile_valid_and_lookups():
    p = profile(
        observations=[
            obs(),
            obs(
                indicator="threat", value=60, member="AAA", source="poll", uncertainty=Survey(1000)
            ),
            obs(
                indicator="meet",
                year=2003,
                value=2,
                source="coding",
                uncertainty=Range(1, 3),
                note="two meetings a year, the communiques",
            ),
        ],
        events=[Event(id="e", date="2003-01-01", title="T", source="data")],
    )
    assert p.years == (2002, 2003)
    assert p.threats == ("rival",)
    assert p.members_in(2004) == ("AAA", "BBB")
    assert p.members_in(2005) == ("AAA",)
    assert p.indicators_of(Pillar.CONSULTATION) == (INDICATORS[2],)
    assert p.source("poll") is SOURCES[1]
    assert p.indicator("meet") is INDICATORS[2]
    assert p.member("BBB") is MEMBERS[1]
    assert p.event("e").year == 2003
    assert repr(p) == (
        "Profile(id='p', name='P', members=2, indicators=3, observations=3, years=2002-2003)"
    )
    assert profile().years is None
    assert "no observations" in repr(profile())
    # Lists are converted to tuples: the profile is immutable all the way down.
    assert isinstance(p.observations, tuple)
    assert p == profile(observations=list(p.observations), events=list(p.events))


@pytest.mark.parametrize(
    ("lookup", "match"),
    [
        (lambda p: p.source("x"), r"unknown source 'x' \(known: coding, data, poll\)"),
        (lambda p: p.indicator("x"), r"unknown indicator 'x' \(known: meet, pledge, threat\)"),
        (lambda p: p.member("XXX"), r"unknown member 'XXX' \(known: AAA, BBB\)"),
        (lambda p: p.event("x"), r"unknown event 'x' \(known: none\)"),
    ],
)
def test_profile_lookup_unknown(lookup, match):
    with check(UnknownReferenceError, KeyError, match):
        lookup(profile())


@pytest.mark.parametrize(
    ("observation", "match"),
    [
        (obs(value=4), r"Profile\.observations\[0\]\.value: 4\.0 is off the scale \(0\.0, 3\.0\)"),
        (obs(value=-0.5), r"observations\[0\]\.value: -0\.5 is off the scale"),
        (
            obs(indicator="threat", value=50, member="AAA", uncertainty=Range(40, 101)),
            (
                r"observations\[0\]\.uncertainty: Range\(40\.0, 101\.0\) leaves the scale"
                r" \(0\.0, 100\.0\) of indicator 'threat'"
            ),
        ),
        (obs(value=0, uncertainty=Range(-1, 1)), r"Range\(-1\.0, 1\.0\) leaves the scale"),
    ],
)
def test_profile_off_scale(observation, match):
    with check(ScaleError, ValueError, match):
        profile(observations=[observation])


@pytest.mark.parametrize(
    ("observation", "match"),
    [
        (obs(indicator="nope"), r"Profile\.observations\[0\]\.indicator: unknown indicator 'nope'"),
        (obs(source="nope"), r"Profile\.observations\[0\]\.source: unknown source 'nope'"),
        (obs(member="XXX"), r"Profile\.observations\[0\]\.member: unknown member 'XXX'"),
    ],
)
def test_profile_unknown_reference(observation, match):
    with check(UnknownReferenceError, KeyError, match):
        profile(observations=[observation])


def test_profile_event_with_unknown_source():
    event = Event(id="e", date="2003-01-01", title="T", source="nope")
    with check(UnknownReferenceError, KeyError, r"Profile\.events\[0\]\.source: unknown source"):
        profile(events=[event])


def test_profile_duplicate_observation_key():
    match = (
        r"Profile\.observations \(indicator, member, year\) must be unique;"
        r" repeated: \('pledge', None, 2002\)"
    )
    with check(DuplicateError, ValueError, match):
        profile(observations=[obs(value=1), obs(value=2)])
    # The same indicator and year for two members, or two years, is fine.
    profile(observations=[obs(member="AAA"), obs(member="BBB"), obs(member="AAA", year=2003)])


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        (
            {"members": (*MEMBERS, Member(code="AAA", joined=2001))},
            r"Profile\.members must be unique; repeated: AAA",
        ),
        ({"sources": (*SOURCES, SOURCES[0])}, r"Profile\.sources must be unique; repeated: data"),
        (
            {"indicators": (*INDICATORS, INDICATORS[1])},
            r"Profile\.indicators must be unique; repeated: pledge",
        ),
        (
            {"events": [Event(id="e", date="2001-01-01", title="T", source="data")] * 2},
            r"Profile\.events must be unique; repeated: e",
        ),
    ],
)
def test_profile_duplicate_ids(changes, match):
    with check(DuplicateError, ValueError, match):
        profile(**changes)


def test_profile_member_observed_outside_membership():
    # BBB left in 2004 (inclusive): 2004 is fine, 2005 is not; nobody is a member before joining.
    profile(observations=[obs(member="BBB", year=2004)])
    match = r"Profile\.observations\[0\]\.member: BBB is not a member in 2005 \(member 2000-2004\)"
    with check(ValidationError, ValueError, match):
        profile(observations=[obs(member="BBB", year=2005)])
    with check(ValidationError, ValueError, r"AAA is not a member in 1999 \(member 2000-now\)"):
        profile(observations=[obs(member="AAA", year=1999)])


@pytest.mark.parametrize(
    "changes",
    [
        {"uncertainty": Exact(), "note": "reasoning"},
        {"uncertainty": Range(1, 3), "note": ""},
        {"uncertainty": Range(1, 3), "note": "   "},
    ],
)
def test_profile_expert_coding_needs_range_and_note(changes):
    match = (
        r"Profile\.observations\[0\]: 'pledge' \(None, 2002\) cites expert coding 'coding',"
        r" so it needs uncertainty=Range\(lo, hi\) and a note"
    )
    with check(ValidationError, ValueError, match):
        profile(observations=[obs(source="coding", **changes)])


def test_profile_survey_only_on_percentages():
    match = (
        r"Profile\.observations\[0\]\.uncertainty: Survey\(n\) describes a percentage, but"
        r" indicator 'pledge' has scale \(0\.0, 3\.0\)"
    )
    with check(ValidationError, ValueError, match):
        profile(observations=[obs(uncertainty=Survey(n=100))])


def test_profile_one_level_per_indicator():
    match = (
        r"Profile\.observations\[1\]\.member: indicator 'pledge' is observed both per member and"
        r" for the alliance as a whole"
    )
    with check(ValidationError, ValueError, match):
        profile(observations=[obs(year=2001), obs(member="AAA")])


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"members": "AAA"}, r"Profile\.members must be a sequence of Member; got 'AAA'"),
        (
            {"indicators": [INDICATORS[0], "pledge"]},
            r"Profile\.indicators\[1\] must be a Indicator; got str",
        ),
        ({"observations": None}, r"Profile\.observations must be a sequence of Observation"),
        ({"founded": 2000.5}, r"Profile\.founded must be a year"),
        ({"name": ""}, r"Profile\.name must be a non-empty string"),
    ],
)
def test_profile_wrong_types(changes, match):
    with check(ValidationError, ValueError, match):
        profile(**changes)


@settings(max_examples=50, deadline=None)
@given(profiles())
def test_generated_profiles_are_valid_and_rebuild_equal(p):
    # The whole-profile rules hold for every generated profile: rebuilding it passes them again.
    rebuilt = attrs.evolve(p)
    assert rebuilt == p
    assert set(p.threats) <= {"rival-a", "rival-b", "rival-c"}
    assert 2 <= len(p.members) <= 5
    for o in p.observations:
        assert p.indicator(o.indicator).in_scale(o.value)


def test_observation_lookup_by_key():
    p = minimal_profile()
    assert p.observation("threat-public", 2006, member="BBB").value == 25.0
    assert p.observation("pledge", 2005).value == 3.0
    with pytest.warns(DeprecationWarning, match=r"observation\(indicator, year, member=\.\.\.\)"):
        assert p.observation("threat-public", 2006, "BBB").value == 25.0
    with pytest.raises(UnknownReferenceError, match="no observation of indicator 'pledge' for"):
        p.observation("pledge", 2006)
