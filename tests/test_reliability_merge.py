"""Merging coders' codings into a profile: one observation per coding, each refused with its line.

Every coding here is SYNTHETIC, made up for the illustrative profile ``testing.minimal_profile()``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import alliance_health as ah
from alliance_health._errors import (
    ArgumentTypeError,
    DuplicateError,
    ScaleError,
    UnknownReferenceError,
    ValidationError,
)
from alliance_health.reliability import Coding, coding_sheet, merge_codings, merge_sheets

P = ah.testing.minimal_profile()
SCALES = {"pledge": (0.0, 3.0), "meetings": (0.0, 4.0), "threat-public": (0.0, 100.0)}


def coding(indicator="pledge", member=None, year=2007, coder="ann", value=2.0, **kw):
    kw.setdefault("lo", max(SCALES[indicator][0], value - 1))
    kw.setdefault("hi", min(SCALES[indicator][1], value + 1))
    kw.setdefault("note", "SYNTHETIC coding")
    return Coding(indicator=indicator, member=member, year=year, coder=coder, value=value, **kw)


# -- the property: the profile then holds exactly the merged codings ----------------------------
@st.composite
def codings(draw: st.DrawFn) -> list[Coding]:
    """Codings of units the illustrative profile does not hold, one per coder and unit."""
    units = [
        ("pledge", None),
        ("meetings", None),
        ("threat-public", "AAA"),
        ("threat-public", "BBB"),
    ]
    chosen = draw(
        st.lists(
            st.tuples(
                st.sampled_from(units),
                st.integers(2007, 2010),
                st.sampled_from(["ann", "bo", "cy", "dee"]),
            ),
            min_size=1,
            max_size=12,
            unique_by=lambda t: (t[0], t[1], t[2]),
        )
    )
    out = []
    for (indicator, member), year, coder in chosen:
        lo, hi = SCALES[indicator]
        a, b, c = sorted(draw(st.floats(lo, hi)) for _ in range(3))
        out.append(coding(indicator, member, year, coder, b, lo=a, hi=c))
    return out


@settings(max_examples=60, deadline=None)
@given(codings())
def test_merged_profile_groups_exactly_the_merged_codings(rows):
    merged = merge_codings(P, rows)
    groups = merged.codings()
    new = {c.key for c in rows}
    assert set(groups) == set(P.codings()) | new
    for key in new:
        expected = [(c.coder, c.value, c.lo, c.hi, c.note) for c in rows if c.key == key]
        got = [(o.coder, o.value, o.uncertainty.lo, o.uncertainty.hi, o.note) for o in groups[key]]
        assert got == expected
    for key, held in P.codings().items():
        assert groups[key] == held  # what was there is untouched
    (source,) = (s for s in merged.sources if s not in P.sources)
    assert source.kind == "expert-coding"
    assert all(o.source == source.key for key in new for o in groups[key])
    coders = ", ".join(sorted({c.coder for c in rows}))
    assert source.title == f"Independent expert codings by {coders}"
    assert ah.loads(ah.dumps(merged, format="json"), format="json") == merged


def test_a_coder_who_coded_the_unit_already_is_refused():
    merged = merge_codings(P, [coding(coder="ann"), coding(coder="bo")])
    with pytest.raises(DuplicateError) as err:
        merge_codings(merged, [coding(coder="bo", value=1.0)])
    assert str(err.value) == (
        "codings[0]: coder 'bo' already coded 'pledge' for the alliance in 2007 in profile"
        " 'minimal'; each coder codes a unit once"
    )
    with pytest.raises(DuplicateError, match=r"codings\[1\]: coder 'ann' coded 'pledge' for the"
                       r" alliance in 2007 already, at codings\[0\]"):  # fmt: skip
        merge_codings(P, [coding(coder="ann"), coding(coder="ann", value=1.0)])
    assert len(merge_codings(merged, [coding(coder="cy")]).codings()[("pledge", None, 2007)]) == 3


def test_a_unit_held_without_a_coder_is_refused():
    held = r"codings\[0\]: profile 'minimal' holds an observation of 'pledge' for the alliance in"
    with pytest.raises(DuplicateError, match=held + " 2005 that names no coder"):
        merge_codings(P, [coding(year=2005)])


FOUNDED = "codings[0]: year 1999 is before 'Minimal illustrative alliance' was founded (2000)"
BAD_CODINGS = [
    ({"indicator": "meetings", "value": 9.0, "lo": 0, "hi": 9}, ScaleError,
     "codings[0]: value 9 is off the scale (0.0, 4.0) of indicator 'meetings'"),
    ({"value": 2.0, "lo": 2, "hi": 5}, ScaleError,
     "codings[0]: hi 5 is off the scale (0.0, 3.0) of indicator 'pledge'"),
    ({"lo": None, "hi": None}, ValidationError,
     "codings[0]: an expert coding needs a range that holds its value"),
    ({"note": "  "}, ValidationError,
     "codings[0]: an expert coding needs a note giving its reasoning"),
    ({"year": 1999}, ValidationError, FOUNDED),
    ({"member": "AAA"}, ValidationError,
     "codings[0]: indicator 'pledge' is coded for the alliance as a whole (member blank)"),
    ({"indicator": "threat-public", "value": 50.0}, ValidationError,
     "codings[0]: indicator 'threat-public' is coded per member"),
    ({"indicator": "threat-public", "member": "ZZZ", "value": 50.0}, UnknownReferenceError,
     "codings[0]: unknown member 'ZZZ'; profile 'minimal' has members AAA, BBB"),
    ({"indicator": "gdp"}, UnknownReferenceError,
     "codings[0]: unknown indicator 'gdp'; profile 'minimal' defines meetings, pledge,"),
]  # fmt: skip


@pytest.mark.parametrize(("kwargs", "error", "message"), BAD_CODINGS)
def test_a_coding_the_profile_cannot_hold_is_refused_by_name(kwargs, error, message):
    if kwargs.get("indicator") == "gdp":
        bad = Coding(indicator="gdp", member=None, year=2007, coder="ann", value=1, lo=0, hi=2,
                     note="SYNTHETIC")  # fmt: skip
    else:
        bad = coding(**kwargs)
    with pytest.raises(error) as err:
        merge_codings(P, [bad])
    assert str(err.value).startswith(message)


def test_a_member_outside_the_alliance_that_year_is_refused():
    left = attrs.evolve(P, members=(P.members[0], attrs.evolve(P.members[1], left=2006)))
    bad = coding("threat-public", "BBB", 2008, value=50.0)
    with pytest.raises(ValidationError, match=r"codings\[0\]: BBB is not a member of 'minimal' in"):
        merge_codings(left, [bad])


def test_nothing_to_merge_and_not_a_profile_are_refused():
    with pytest.raises(ValidationError, match="codings is empty: nothing to merge"):
        merge_codings(P, [])
    with pytest.raises(ArgumentTypeError, match="profile must be a Profile; got str 'rok-us'"):
        merge_codings("rok-us", [coding()])


# -- the source cited ---------------------------------------------------------------------------
def test_a_named_source_is_added_or_cited():
    mine = ah.Source(key="panel-2024", title="Our coding panel", kind="expert-coding", year=2024)
    merged = merge_codings(P, [coding()], source=mine)
    assert merged.sources == (*P.sources, mine)
    assert merged.codings()[("pledge", None, 2007)][0].source == "panel-2024"
    again = merge_codings(merged, [coding(coder="bo")], source="panel-2024")
    assert again.sources == merged.sources
    assert merge_codings(merged, [coding(coder="bo")], source=mine).sources == merged.sources


def test_the_default_source_key_is_free():
    first = merge_codings(P, [coding()])
    second = merge_codings(first, [coding(coder="bo")])
    assert [s.key for s in second.sources] == ["illustrative", "expert-coding", "expert-coding-2"]
    assert second.source("expert-coding-2").title == "Independent expert codings by bo"


@pytest.mark.parametrize(
    ("source", "error", "message"),
    [
        ("nope", UnknownReferenceError, "source 'nope' names no source of profile 'minimal'"),
        ("illustrative", ValidationError, "source 'illustrative' is of kind 'scenario'; codings"),
        (ah.Source(key="illustrative", title="Another", kind="expert-coding"), DuplicateError,
         "source key 'illustrative' is already used by another source of profile 'minimal'"),
        (3, ArgumentTypeError, "source must be a Source, the key of one of the profile's"),
    ],
)  # fmt: skip
def test_a_source_that_cannot_be_cited_is_refused(source, error, message):
    with pytest.raises(error) as err:
        merge_codings(P, [coding()], source=source)
    assert str(err.value).startswith(message)


# -- sheets -------------------------------------------------------------------------------------
def fill(sheet: Path, values: dict[tuple[str, str, str], float]) -> Path:
    """Play a SYNTHETIC coder: fill the rows named in ``values`` (indicator, member, year)."""
    with sheet.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        value = values.get((row["indicator"], row["member"], row["year"]))
        if value is not None:
            row |= {"value": f"{value:g}", "lo": row["scale_lo"], "hi": row["scale_hi"],
                    "note": "SYNTHETIC coding"}  # fmt: skip
    with sheet.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return sheet


def test_merge_sheets_reads_against_the_profile_and_names_the_line(tmp_path):
    sheets = [
        fill(
            coding_sheet(
                P,
                tmp_path / f"{coder}.csv",
                years=[2007, 2008],
                coder=coder,
                indicators=["pledge", "threat-public"],
            ),
            {("pledge", "", "2007"): value, ("threat-public", "BBB", "2008"): 10 * value},
        )
        for coder, value in [("ann", 1.0), ("bo", 3.0)]
    ]
    merged = merge_sheets(P, sheets)
    assert [o.value for o in merged.codings()[("pledge", None, 2007)]] == [1.0, 3.0]
    assert [o.coder for o in merged.codings()[("threat-public", "BBB", 2008)]] == ["ann", "bo"]
    assert ("threat-public", "AAA", 2008) not in merged.codings()  # left blank: not coded
    with pytest.raises(DuplicateError) as err:
        merge_sheets(merged, sheets[1:])
    assert str(err.value).startswith(f"{sheets[1]}, line 2: coder 'bo' already coded 'pledge'")
