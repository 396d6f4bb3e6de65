"""Tests of the ATOP reader, the two codings and the profile skeleton, on made-up rows.

The files atop_alliances.csv and atop_members.csv in tests/data were written for these tests;
they are not ATOP data. Their atopids (9001-9102) are fictional. Tests on real ATOP rows are in
test_atop_real.py. Each row's expected pledge and institutionalisation below is derived
from the coding rules, with the rule that decides it given beside it:

- pledge (catalogue ``treaty-pledge``): 2 if defense or offense = 1, else 1 if consul, neutral or
  nonagg = 1, else 0 (Leeds et al. 2002 define the five obligations).
- Leeds & Anac (2005) index: 2 if milcon = 3, intcom = 1 or base > 0; else 1 if milcon = 2,
  milaid in {3, 4}, subord > 0, contrib = 1 or orgpurp1/orgpurp2 in {1, 4}; else 0.
"""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import alliance_health as ah
from alliance_health import atop, catalogue

DATA = Path(__file__).parent / "data"
ALLIANCES = DATA / "atop_alliances.csv"
MEMBERS = DATA / "atop_members.csv"

# atopid: (pledge, institutionalisation, the rule that decides them)
EXPECTED = {
    9001: (2, 2, "defense=1; intcom=1 is high and outranks milcon=2 and the military organisation"),
    9002: (2, 1, "offense=1; milcon=2 is moderate"),
    9003: (1, 1, "consul only; milaid=3 (training/technology) is moderate"),
    9004: (1, 0, "neutral and nonagg only; no qualifying provision"),
    9005: (2, 2, "defense=1; base=2 > 0 is high"),
    9006: (2, 2, "defense=1; milcon=3 is high"),
    9007: (2, 1, "defense=1; orgpurp1=4 counts as a military organisation"),
    9008: (2, 1, "defense=1; subord=1 > 0 is moderate"),
    9009: (2, 1, "defense=1; contrib=1 is moderate"),
    9010: (2, 0, "defense=1; milcon=1, milaid=2 and contrib=2 do not qualify"),
    9011: (2, 0, "defense=1; orgpurp 2 and 3 are not military purposes"),
    9012: (1, None, "nonagg only; all eight institutional codes missing"),
    9013: (2, 1, "defense=1; orgpurp2=1, the second organisation is military"),
    9102: (2, 2, "defense=1; intcom=1 is high"),
}

HEADER = "atopid,defense,offense,neutral,nonagg,consul"


def _read(text: str, **kwargs: Any) -> atop.AtopData:
    return atop.read(io.StringIO(textwrap.dedent(text).lstrip()), **kwargs)


# -- reading ------------------------------------------------------------------------------------
def test_reads_alliance_level_file() -> None:
    data = atop.read(ALLIANCES)
    assert data.file_type == "alliance"
    assert data.version == "5.1"
    assert data.atopids == tuple(EXPECTED)
    first = data.rows[0]
    assert (first.atopid, first.line, first.start, first.end) == (9001, 2, 1950, None)
    assert first.codes["milcon"] == 2
    assert first.codes["orgpurp2"] is None  # blank cell
    assert data.rows_of(9002)[0].end == 1970


@pytest.mark.parametrize(("atopid", "expected"), EXPECTED.items())
def test_codings_follow_the_codebook_rules(
    atopid: int, expected: tuple[int, int | None, str]
) -> None:
    pledge, index, _why = expected
    (row,) = atop.read(ALLIANCES).rows_of(atopid)
    assert row.pledge == pledge
    assert row.institutionalisation == index


def test_reads_member_level_file_and_maps_cow_codes() -> None:
    data = atop.read(MEMBERS)
    assert data.file_type == "member"
    rows = data.rows_of(9102)
    assert [(r.cow, r.member) for r in rows] == [
        (2, "USA"),
        (2, "USA"),
        (200, "GBR"),
        (220, "FRA"),
        (20, "CAN"),
        (260, "DEU"),
        (255, "DEU"),
    ]
    assert rows[0].end == 1951
    assert rows[2].end is None  # yrexit 0: still in force


def test_header_is_case_insensitive_and_extra_columns_are_ignored() -> None:
    data = _read(
        """
        ATOPID,Defense,OFFENSE,neutral,NonAgg,consul,comment
        9001,1,0,0,0,0,anything
        """,
        version="4.01",
    )
    assert data.rows[0].pledge == 2
    assert data.version == "4.01"
    assert "comment" not in data.rows[0].codes


def test_without_institutional_columns_the_index_is_absent() -> None:
    data = _read(f"{HEADER}\n9001,0,0,0,0,1\n", version="5.1")
    assert data.rows[0].pledge == 1
    assert data.rows[0].institutionalisation is None


def test_integral_floats_are_accepted() -> None:
    data = _read(f"{HEADER}\n9001,1.0,0,0,0,0\n", version="5.1")
    assert data.rows[0].codes["defense"] == 1


def test_repr_names_file_level_and_size() -> None:
    assert repr(atop.read(MEMBERS)) == (
        "AtopData(name='atop_members.csv', file_type='member', version='5.1', rows=9, alliances=2)"
    )


# -- errors name the row and the column ---------------------------------------------------------
def test_missing_required_column_is_named() -> None:
    with pytest.raises(
        ah.FileFormatError, match=r"line 1: the header lacks required column\(s\) 'consul'"
    ):
        _read("atopid,defense,offense,neutral,nonagg\n9001,1,0,0,0\n", version="5.1")


def test_code_out_of_range_names_line_atopid_column_and_fix() -> None:
    text = f"{HEADER},milcon,intcom,base,milaid,subord,contrib,orgpurp1,orgpurp2\n"
    text += "9001,1,0,0,0,0,2,0,0,0,0,0,,\n9002,1,0,0,0,0,5,0,0,0,0,0,,\n"
    with pytest.raises(ah.FileFormatError) as err:
        _read(text, version="5.1")
    assert str(err.value) == (
        "<stream>, line 3 (atopid 9002), column 'milcon': code 5 is outside 0-3, the codes the"
        " ATOP 5.1 codebook defines for MILCON in alliance-level files. Fix the row; if your copy"
        " of the codebook allows this code, pass ranges={'milcon': (0, 5)}"
    )


def test_ranges_can_be_widened() -> None:
    text = f"{HEADER},milcon,intcom,base,milaid,subord,contrib,orgpurp1,orgpurp2\n"
    text += "9002,1,0,0,0,0,5,0,0,0,0,0,,\n"
    data = _read(text, version="5.1", ranges={"MILCON": (0, 5)})
    assert data.rows[0].codes["milcon"] == 5
    assert data.ranges["milcon"] == (0, 5)


def test_obligation_code_must_be_zero_or_one() -> None:
    with pytest.raises(
        ah.FileFormatError, match=r"line 2 \(atopid 9001\), column 'defense': code 2"
    ):
        _read(f"{HEADER}\n9001,2,0,0,0,0\n", version="5.1")


def test_non_integer_code_is_refused() -> None:
    with pytest.raises(
        ah.FileFormatError, match=r"column 'consul': 'yes' is not a whole-number code"
    ):
        _read(f"{HEADER}\n9001,1,0,0,0,yes\n", version="5.1")


def test_missing_obligation_is_refused() -> None:
    with pytest.raises(
        ah.FileFormatError, match=r"column 'offense': the obligation code is missing"
    ):
        _read(f"{HEADER}\n9001,1,,0,0,0\n", version="5.1")


def test_short_row_is_refused() -> None:
    with pytest.raises(
        ah.FileFormatError, match=r"line 2 \(atopid 9001\), column 'consul': the cell is missing"
    ):
        _read(f"{HEADER}\n9001,1,0,0,0\n", version="5.1")


def test_long_row_is_refused() -> None:
    with pytest.raises(
        ah.FileFormatError, match=r"line 2: the row has more fields than the header"
    ):
        _read(f"{HEADER}\n9001,1,0,0,0,0,7\n", version="5.1")


def test_partial_institutional_columns_are_refused() -> None:
    with pytest.raises(ah.FileFormatError, match=r"Leeds & Anac index needs all of .* lacks base"):
        _read(f"{HEADER},milcon,intcom\n9001,1,0,0,0,0,2,0\n", version="5.1")


def test_unmapped_cow_code_names_the_row() -> None:
    # Every state of the COW list has a built-in code (740 is Japan); 999 is no COW state.
    text = "atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul\n"
    text += "9001,740,1960,0,1,0,0,0,0\n9001,999,1960,0,1,0,0,0,0\n"
    with pytest.raises(ah.UnknownReferenceError) as err:
        _read(text, version="5.1")
    assert isinstance(err.value, KeyError)
    assert str(err.value) == (
        "<stream>, line 3 (atopid 9001), column 'member': COW state code 999 is neither in the"
        " Correlates of War state list (v2016) nor among ATOP's members outside it; pass"
        " cow_to_iso={999: 'XXX'} to atop.read with the state's ISO 3166 alpha-3 code (or three"
        " capitals of your own)"
    )
    data = _read(text, version="5.1", cow_to_iso={999: "XYZ"})
    assert [r.member for r in data.rows] == ["JPN", "XYZ"]


def test_cow_mapping_values_must_be_iso_codes() -> None:
    with pytest.raises(ah.ValidationError, match=r"cow_to_iso\[740\] must be an ISO 3166 alpha-3"):
        _read(f"{HEADER}\n9001,1,0,0,0,0\n", version="5.1", cow_to_iso={740: "Japan"})


def test_version_must_be_known_and_consistent() -> None:
    with pytest.raises(ah.FileFormatError, match=r"no version column; pass version="):
        _read(f"{HEADER}\n9001,1,0,0,0,0\n")
    with pytest.raises(
        ah.FileFormatError, match=r"version='4.01' was passed but the file says '5.1'"
    ):
        atop.read(ALLIANCES, version="4.01")
    with pytest.raises(
        ah.FileFormatError, match=r"more than one version: '5.1' \(line 2\), '4.01' \(line 3\)"
    ):
        _read(f"version,{HEADER}\n5.1,9001,1,0,0,0,0\n4.01,9002,1,0,0,0,0\n")


def test_empty_file_and_missing_path() -> None:
    with pytest.raises(ah.FileFormatError, match=r"the file is empty"):
        _read("", version="5.1")
    with pytest.raises(ah.FileFormatError, match=r"cannot read ATOP file 'absent.csv'"):
        atop.read(DATA / "absent.csv")


def test_missing_year_of_a_member_is_refused_when_profiling() -> None:
    text = "atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul\n9001,2,,0,1,0,0,0,0\n"
    with pytest.raises(ah.FileFormatError, match=r"line 2 \(atopid 9001\), column 'yrent'"):
        atop.profile(_read(text, version="5.1"), 9001)


# -- the codings as functions -------------------------------------------------------------------
def test_pledge_level_zero_without_any_obligation() -> None:
    assert atop.pledge_level(dict.fromkeys(atop.OBLIGATIONS, 0)) == 0


@given(st.fixed_dictionaries({c: st.integers(0, 1) for c in atop.OBLIGATIONS}))
def test_pledge_level_matches_the_catalogue_coding(codes: dict[str, int]) -> None:
    level = atop.pledge_level(codes)
    active = codes["defense"] or codes["offense"]
    lesser = codes["consul"] or codes["neutral"] or codes["nonagg"]
    assert level == (2 if active else 1 if lesser else 0)


INSTITUTION_CODES = st.fixed_dictionaries(
    {
        c: st.one_of(st.none(), st.integers(*atop.RANGES[c]))
        for c in ("milcon", "intcom", "base", "milaid", "subord", "contrib", "orgpurp1", "orgpurp2")
    }
)


@given(INSTITUTION_CODES, st.sampled_from([("intcom", 1), ("milcon", 3), ("base", 1), ("base", 3)]))
def test_any_high_provision_gives_two(codes: dict[str, int | None], high: tuple[str, int]) -> None:
    codes[high[0]] = high[1]
    assert atop.military_institutionalisation(codes) == 2


@given(INSTITUTION_CODES)
def test_index_is_none_only_when_every_code_is_missing(codes: dict[str, int | None]) -> None:
    index = atop.military_institutionalisation(codes)
    assert (index is None) == all(v is None for v in codes.values())
    assert index in {None, 0, 1, 2}


@given(
    INSTITUTION_CODES, st.sampled_from(["milcon", "intcom", "base", "milaid", "subord", "contrib"])
)
def test_adding_a_provision_never_lowers_the_index(
    codes: dict[str, int | None], column: str
) -> None:
    # Raising a code from absent/0 to the first qualifying value cannot make the alliance less
    # institutionalised (milaid and milcon are not monotone in their codes, only in qualifying).
    before = atop.military_institutionalisation(codes) or 0
    qualifying = {"milcon": 2, "intcom": 1, "base": 1, "milaid": 3, "subord": 1, "contrib": 1}
    if codes[column] in (None, 0):
        codes[column] = qualifying[column]
        assert (atop.military_institutionalisation(codes) or 0) >= before


# -- the profile skeleton -----------------------------------------------------------------------
def test_three_lines_profile_a_bilateral_alliance() -> None:
    data = atop.read(MEMBERS)
    profile = atop.profile(data, 9101)
    assert isinstance(profile, ah.Profile)
    assert profile.id == "atop-9101"
    assert profile.founded == 1954
    assert profile.members == (
        ah.Member(code="USA", joined=1954),
        ah.Member(code="KOR", joined=1954),
    )
    pledge = profile.indicator("treaty-pledge")
    assert pledge.standard == "treaty-pledge"
    assert pledge.scale == catalogue.get("treaty-pledge").scale
    index = profile.indicator("atop-milinst")
    assert (index.standard, index.scale, index.pillar) == (
        None,
        (0.0, 2.0),
        ah.Pillar.MUTUAL_OBLIGATION,
    )
    assert [(o.indicator, o.year, o.value, o.member) for o in profile.observations] == [
        ("treaty-pledge", 1954, 2.0, None),
        ("atop-milinst", 1954, 2.0, None),
    ]
    (source,) = profile.sources
    assert (source.key, source.kind) == ("atop-5.1", "dataset")
    assert all(o.source == "atop-5.1" for o in profile.observations)
    assert "base=3" in profile.observations[1].note


def test_multilateral_profile_follows_phases_and_membership() -> None:
    profile = atop.profile(atop.read(MEMBERS), 9102, name="Test alliance")
    assert profile.name == "Test alliance"
    assert profile.members == (
        ah.Member(code="USA", joined=1949),
        ah.Member(code="GBR", joined=1949),
        ah.Member(code="FRA", joined=1949),
        ah.Member(code="CAN", joined=1949, left=1970),
        ah.Member(code="DEU", joined=1955),  # COW 260 then 255, one member
    )
    assert profile.members_in(1960) == ("USA", "GBR", "FRA", "CAN", "DEU")
    assert profile.members_in(1971) == ("USA", "GBR", "FRA", "DEU")
    series = [(o.indicator, o.year, o.value) for o in profile.observations]
    # Member rows: milcon=2 with a military organisation (1) until the USA's second phase brings
    # intcom=1 in 1952 (2); the pledge never changes.
    assert series == [
        ("treaty-pledge", 1949, 2.0),
        ("atop-milinst", 1949, 1.0),
        ("atop-milinst", 1952, 2.0),
    ]


def test_dated_member_rows_win_over_the_alliance_level_row() -> None:
    # The alliance-level row of 9102 has intcom=1 from 1949; the member rows date intcom to the
    # USA's second phase (1952). A one-row-per-alliance file cannot date a change (issue 14:
    # NATO's 1951 provisions moved back to 1949), so the member rows are read.
    profile = atop.profile(atop.read(MEMBERS), 9102, alliances=atop.read(ALLIANCES))
    assert [(o.indicator, o.year, o.value) for o in profile.observations] == [
        ("treaty-pledge", 1949, 2.0),
        ("atop-milinst", 1949, 1.0),
        ("atop-milinst", 1952, 2.0),
    ]
    assert "atop_members.csv line 5" in profile.observations[2].note
    assert profile.sources[0].locator == "atop_members.csv and atop_alliances.csv"


def test_alliance_level_file_fills_columns_the_member_file_lacks() -> None:
    members = _read(
        """
        atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul
        9005,2,1953,0,1,0,0,0,1
        9005,732,1953,0,1,0,0,0,1
        """,
        version="5.1",
    )
    alliances = atop.read(ALLIANCES)
    single = atop.profile(members, 9005, alliances=alliances)
    assert [(o.indicator, o.year, o.value) for o in single.observations] == [
        ("treaty-pledge", 1953, 2.0),
        ("atop-milinst", 1953, 2.0),  # from the alliance-level row: base=2
    ]
    assert "atop_alliances.csv line 6" in single.observations[1].note
    # The USA's two rows are two phases, and the alliance row cannot say when intcom came.
    phased = _read(
        """
        atopid,member,yrent,yrexit,phase,defense,offense,neutral,nonagg,consul
        9102,2,1949,1951,1,1,0,0,0,0
        9102,2,1952,0,2,1,0,0,0,0
        """,
        version="5.1",
    )
    with pytest.raises(
        ah.ValidationError,
        match=r"indicator 'atop-milinst' needs milcon, .* gives atopid 9102 one value for all its"
        r" phases, .* Pass the alliance-phase file as alliances=",
    ):
        atop.profile(phased, 9102, alliances=alliances)


def test_optional_indicators_from_single_columns() -> None:
    profile = atop.profile(
        atop.read(MEMBERS), 9101, indicators=("atop-milcon", "atop-conditional", "atop-base")
    )
    assert [i.id for i in profile.indicators] == ["atop-milcon", "atop-conditional", "atop-base"]
    assert profile.indicator("atop-conditional").higher_is_better is False
    assert profile.indicator("atop-milcon").scale == (0.0, 3.0)
    assert [(o.indicator, o.value) for o in profile.observations] == [
        ("atop-milcon", 2.0),
        ("atop-conditional", 0.0),
        ("atop-base", 3.0),
    ]


def test_member_who_leaves_and_reenters_has_a_gap() -> None:
    text = """
        atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul
        9001,2,1950,1959,1,0,0,0,0
        9001,20,1950,1959,1,0,0,0,0
        9001,2,1962,0,0,0,0,0,1
        9001,20,1962,0,0,0,0,0,1
        """
    # USA and CAN leave in 1959 and re-enter in 1962 (issue 14 refused this).
    profile = atop.profile(_read(text, version="5.1"), 9001)
    assert profile.members == (
        ah.Member(code="USA", joined=1950, gaps=[(1960, 1961)]),
        ah.Member(code="CAN", joined=1950, gaps=[(1960, 1961)]),
    )
    assert profile.members_in(1960) == ()
    assert [(o.year, o.value) for o in profile.observations] == [(1950, 2.0), (1962, 1.0)]


def test_profile_errors() -> None:
    members = atop.read(MEMBERS)
    with pytest.raises(ah.ValidationError, match=r"needs a member-level ATOP file"):
        atop.profile(atop.read(ALLIANCES), 9001)
    with pytest.raises(
        ah.UnknownReferenceError, match=r"atop_members.csv has no rows for atopid 1"
    ):
        atop.profile(members, 1)
    with pytest.raises(ah.UnknownReferenceError, match=r"unknown ATOP indicator 'atop-x'"):
        atop.profile(members, 9101, indicators=("atop-x",))
    other = _read(f"{HEADER}\n9101,1,0,0,0,0\n", version="4.01")
    with pytest.raises(
        ah.ValidationError, match=r"alliances is ATOP version '4.01' but data is '5.1'"
    ):
        atop.profile(members, 9101, alliances=other)


def test_similarity_indicator_completes_a_valid_profile() -> None:
    import attrs  # noqa: PLC0415

    from alliance_health import similarity  # noqa: PLC0415

    base = atop.profile(atop.read(MEMBERS), 9101)
    ind = similarity.indicator(id="votes-s", threat="north-korea")
    obs = similarity.to_observations(
        [[0.6, 0.6]], indicator=ind, years=[2000], members=["USA", "KOR"], source="illustrative"
    )
    src = ah.Source(key="illustrative", title="Illustrative values (not data)", kind="scenario")
    extended = attrs.evolve(
        base,
        sources=(*base.sources, src),
        indicators=(*base.indicators, ind),
        observations=(*base.observations, *obs),
    )
    assert extended.threats == ("north-korea",)


def test_reading_does_not_import_scipy() -> None:
    code = (
        "import sys, alliance_health; before = 'scipy' in sys.modules;"
        " import alliance_health.atop, alliance_health.similarity;"
        " assert before or 'scipy' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603
