"""Members that leave and re-enter: ``Member.gaps`` in the domain, the engine and the files.

ATOP codes members that leave an alliance and later re-enter it (Egypt, COW 651, leaves atopids
3015 and 3205 in 1979 and re-enters in 1989; ATOP 4.01 member-level file). A :class:`Member`
holds one state with its gaps, so a profile keeps one member per code. These tests cover that
change to the domain model (``_profile.Member``, the engine's selection, the file format); they
live beside the ATOP tests because ATOP is what needs it.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import alliance_health as ah
from alliance_health import testing

EGYPT = ah.Member(code="EGY", joined=1950, gaps=[(1980, 1988)])


# -- the member ----------------------------------------------------------------------------------
def test_gaps_are_years_out_between_spans() -> None:
    assert EGYPT.gaps == ((1980, 1988),)
    assert EGYPT.spans == ((1950, 1979), (1989, None))
    assert [y for y in range(1978, 1991) if EGYPT.is_member(y)] == [1978, 1979, 1989, 1990]
    assert not EGYPT.is_member(1949)
    closed = ah.Member(code="SYR", joined=1950, left=2011, gaps=[(1958, 1960), (1970, 1970)])
    assert closed.spans == ((1950, 1957), (1961, 1969), (1971, 2011))
    assert not closed.is_member(2012)


def test_a_member_without_gaps_is_unchanged() -> None:
    member = ah.Member(code="POL", joined=1999)
    assert member.gaps == ()
    assert member.spans == ((1999, None),)
    assert member == ah.Member(code="POL", joined=1999, gaps=[])


def test_from_spans_merges_touching_and_overlapping_spans() -> None:
    assert ah.Member.from_spans("EGY", [(1989, None), (1950, 1979)]) == EGYPT
    # NATO's phases in ATOP: the first ends in 1951, the second starts in 1951.
    assert ah.Member.from_spans("USA", [(1949, 1951), (1951, None)]) == ah.Member(
        code="USA", joined=1949
    )
    assert ah.Member.from_spans("CAN", [(1949, 1960), (1961, 1970)]).spans == ((1949, 1970),)
    assert ah.Member.from_spans("GBR", [(1949, None), (1960, 1970)]).spans == ((1949, None),)
    assert ah.Member.from_spans("FRA", [(1949, 1959), (1955, 1966), (1990, 1995)]).gaps == (
        (1967, 1989),
    )
    with pytest.raises(ah.ValidationError, match=r"needs at least one span for 'EGY'"):
        ah.Member.from_spans("EGY", [])


@pytest.mark.parametrize(
    ("gaps", "match"),
    [
        ([(1950, 1955)], r"gaps\[0\] of EGY is \(1950, 1955\); a gap .* strictly inside"),
        ([(1960, 1955)], r"gaps\[0\] of EGY is \(1960, 1955\)"),
        ([(1990, 2000)], r"gaps\[0\] of EGY is \(1990, 2000\).* membership 1950-1995"),
        ([(1960, 1965), (1966, 1970)], r"gaps\[1\] of EGY is \(1966, 1970\).*Merge touching"),
        ([(1970, 1975), (1960, 1965)], r"gaps\[1\] of EGY is \(1960, 1965\)"),
        ([(1960,)], r"Member.gaps\[0\] must be a pair of years \(first, last\); got \(1960,\)"),
        ([(1960, "1965")], r"Member.gaps\[0\] must be a pair of years"),
        ("1960-1965", r"Member.gaps must be a sequence of \(first, last\) year pairs"),
    ],
)
def test_gaps_are_validated(gaps: object, match: str) -> None:
    with pytest.raises(ah.ValidationError, match=match):
        ah.Member(code="EGY", joined=1950, left=1995, gaps=gaps)  # type: ignore[arg-type]


# -- the profile and the engine ------------------------------------------------------------------
def _with_gap(profile: ah.Profile, gaps: list[tuple[int, int]]) -> ah.Profile:
    members = (profile.members[0], attrs.evolve(profile.members[1], gaps=gaps))
    return attrs.evolve(profile, members=members)


def test_profile_refuses_an_observation_in_a_gap() -> None:
    base = testing.minimal_profile()  # BBB observed in 2006
    with pytest.raises(
        ah.ValidationError,
        match=r"BBB is not a member in 2006 \(member 2000-2004, 2008-now\)",
    ):
        _with_gap(base, [(2005, 2007)])
    assert _with_gap(base, [(2002, 2003)]).members_in(2002) == ("AAA",)


def test_a_member_in_a_gap_is_not_counted() -> None:
    # BBB's 2006 view of the threat would serve 2007 too (the indicator has no horizon); while
    # BBB is out of the alliance in 2007 it must not.
    base = _with_gap(testing.minimal_profile(), [(2007, 2008)])
    consult = ah.Observation(
        indicator="meetings", year=2007, value=2, source="illustrative", uncertainty=ah.Exact()
    )
    base = attrs.evolve(base, observations=(*base.observations, consult))
    covered = ah.score(base, 2006).coverage["shared_threat"].members_covered
    assert covered["threat-public"] == ("AAA", "BBB")
    in_gap = ah.score(base, 2007)
    assert in_gap.coverage["shared_threat"].members_covered["threat-public"] == ("AAA",)
    assert in_gap.shared_threat == pytest.approx(0.4)  # AAA's 40 %, not min(40, 25)


# -- files ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_gaps_survive_a_round_trip(fmt: str) -> None:
    profile = _with_gap(testing.minimal_profile(), [(2002, 2003)])
    text = ah.dumps(profile, format=fmt)  # type: ignore[arg-type]
    assert ("gaps = [[2002, 2003]]" in text) if fmt == "toml" else ('"gaps"' in text)
    assert ah.loads(text, format=fmt) == profile  # type: ignore[arg-type]
    plain = ah.dumps(testing.minimal_profile(), format=fmt)  # type: ignore[arg-type]
    assert "gaps" not in plain


def test_bad_gaps_in_a_file_name_the_path() -> None:
    text = ah.dumps(testing.minimal_profile(), format="toml")
    broken = text.replace('code = "BBB"\n', 'code = "BBB"\ngaps = [2002, 2003]\n', 1)
    with pytest.raises(ah.FileFormatError) as err:
        ah.loads(broken, format="toml")
    assert str(err.value) == (
        "<string>: members[1].gaps[0]: must be an array of 2 values; got the integer 2002"
    )
    outside = text.replace('code = "BBB"\n', 'code = "BBB"\ngaps = [[1990, 1995]]\n', 1)
    with pytest.raises(ah.FileFormatError, match=r"members\[1\]: Member.gaps\[0\] of BBB"):
        ah.loads(outside, format="toml")


# -- properties ----------------------------------------------------------------------------------
SPANS = st.lists(
    st.tuples(st.integers(1900, 2000), st.integers(0, 30), st.booleans()).map(
        lambda t: (t[0], None if t[2] else t[0] + t[1])
    ),
    min_size=1,
    max_size=6,
)


@given(SPANS)
def test_from_spans_keeps_exactly_the_years_of_the_spans(
    spans: list[tuple[int, int | None]],
) -> None:
    member = ah.Member.from_spans("AAA", spans)
    for year in range(1895, 2040):
        inside = any(a <= year and (b is None or year <= b) for a, b in spans)
        assert member.is_member(year) == inside
    assert ah.Member.from_spans("AAA", member.spans) == member
    assert ah.Member.from_spans("AAA", reversed(spans)) == member
