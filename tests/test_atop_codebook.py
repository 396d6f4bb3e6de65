"""Releases and file types: detection from the header, version cells, codebook ranges, dyad-years.

The rows here are made up, in the column layouts of the ATOP files (alliance, alliance-phase,
member and dyad-year level); their atopids (9001-9003) are fictional, their COW codes real. The
layouts of releases other than 4.01 follow the codebooks as we know them (see the module notes of
``alliance_health.atop._codebook``); what is confirmed on real files is tested in
test_atop_real.py.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import alliance_health as ah
from alliance_health import atop

OBLIG = "defense,offense,neutral,nonagg,consul"
INSTITUTIONS = "milcon,milaid,intcom,subord,organ1,orgpurp1,organ2,orgpurp2,base,contrib"
FULL = f"atopid,begyr,endyr,ineffect,bilat,{OBLIG},active,conditio,asymm,{INSTITUTIONS}"
ROW = "9001,1950,0,1,1,1,0,0,0,1,1,0,0,2,0,0,0,2,1,0,0,0,0"


def _read(text: str, **kwargs: Any) -> Any:
    return atop.read(io.StringIO(textwrap.dedent(text).lstrip()), **kwargs)


# -- versions --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "release"),
    [("4.0100002", "4.01"), ("4.01", "4.01"), ("4", "4.0"), ("3.0", "3.0"), ("5.0999999", "5.1")],
)
def test_version_cells_are_numbers(cell: str, release: str) -> None:
    data = _read(f"atopid,version,{OBLIG}\n9001,{cell},1,0,0,0,1\n")
    assert data.version == release
    assert data.source().key == f"atop-{release}"


def test_a_version_argument_agrees_with_a_cell_as_a_version() -> None:
    text = f"atopid,version,{OBLIG}\n9001,4.0100002,1,0,0,0,1\n"
    assert _read(text, version="4.01").version == "4.01"
    with pytest.raises(
        ah.FileFormatError, match=r"version='5.1' was passed but the file says '4.0100002'"
    ):
        _read(text, version="5.1")


def test_an_unknown_release_is_refused() -> None:
    with pytest.raises(ah.FileFormatError) as err:
        _read(f"atopid,version,{OBLIG}\n9001,6.2,1,0,0,0,1\n")
    assert str(err.value) == (
        "<stream>, line 2: ATOP version '6.2' is not a release this package knows (3.0, 4.0,"
        " 4.01, 5.0, 5.1); pass version= with the release whose codebook the file follows"
    )
    with pytest.raises(ah.FileFormatError, match=r"version='2.0': ATOP version '2.0' is not"):
        _read(f"atopid,{OBLIG}\n9001,1,0,0,0,1\n", version="2.0")


@pytest.mark.parametrize(
    ("file_name", "release"),
    [
        ("atop5_1a.csv", "5.1"),
        ("atop5_0m.csv", "5.0"),
        ("atop4_01ap.csv", "4.01"),
        ("ATOP3_0.csv", "3.0"),
    ],
)
def test_release_from_the_file_name(tmp_path: Path, file_name: str, release: str) -> None:
    path = tmp_path / file_name
    path.write_text(f"atopid,{OBLIG}\n9001,1,0,0,0,1\n", encoding="utf-8")
    assert atop.read(path).version == release


def test_release_from_the_header() -> None:
    # A full header without version column: new4/rev4 mark release 4.0; neither those nor cow4id
    # (COW alliance ids, version 4, later than ATOP 3.0) mark 3.0. Unconfirmed fingerprints.
    assert _read(f"{FULL},new4,rev4\n{ROW},1,0\n").version == "4.0"
    assert _read(f"{FULL}\n{ROW}\n").version == "3.0"
    with pytest.raises(ah.FileFormatError, match=r"no version column; pass version="):
        _read(f"{FULL},cow4id\n{ROW},\n")


# -- file types and codebook ranges ----------------------------------------------------------------
@pytest.mark.parametrize("release", list(atop.RELEASES))
def test_orgpurp_five_is_read_in_every_release(release: str) -> None:
    data = _read(f"{FULL},version\n{ROW.replace(',2,1,0,0,0,0', ',2,5,0,5,0,0')},{release}\n")
    assert data.rows[0].codes["orgpurp1"] == 5
    assert data.rows[0].institutionalisation == 1  # milcon = 2


@pytest.mark.parametrize("release", list(atop.RELEASES))
def test_a_code_outside_the_range_names_codebook_and_release(release: str) -> None:
    text = (
        f"atopid,member,yrent,yrexit,{OBLIG},active,version\n9001,2,1950,0,1,0,0,0,1,,{release}\n"
    )
    text += f"9001,20,1950,0,1,0,0,0,1,2,{release}\n"
    with pytest.raises(ah.FileFormatError) as err:
        _read(text)
    assert str(err.value) == (
        f"<stream>, line 3 (atopid 9001), column 'active': code 2 is outside 0-1, the codes the"
        f" ATOP {release} codebook defines for ACTIVE in member-level files. Fix the row; if your"
        " copy of the codebook allows this code, pass ranges={'active': (0, 2)}"
    )
    assert _read(text, ranges={"active": (0, 2)}).rows[1].codes["active"] == 2


def test_alliance_phase_file() -> None:
    phases = _read(
        f"""
        atopid,phase,maxphase,begyr,begmo,begday,endyr,{OBLIG},{INSTITUTIONS},version
        9001,1,2,1949,4,4,1951,1,0,0,0,1,0,0,0,0,2,1,0,0,0,0,5.1
        9001,2,2,1951,6,19,0,1,0,0,0,1,0,0,0,0,3,1,0,0,3,0,5.1
        """
    )
    assert (phases.file_type, phases.version) == ("alliance-phase", "5.1")
    first, second = phases.rows_of(9001)
    assert (first.phase, first.phases, first.end, second.start) == (1, 2, 1951, 1951)
    assert second.start_date.isoformat() == "1951-06-19"
    members = _read(
        f"""
        atopid,member,yrent,yrexit,{OBLIG},version
        9001,2,1949,0,1,0,0,0,1,5.1
        9001,200,1949,0,1,0,0,0,1,5.1
        """
    )
    profile = atop.profile(members, 9001, alliances=phases, indicators=("atop-base",))
    assert [(o.year, o.value) for o in profile.observations] == [(1949, 0.0), (1951, 3.0)]
    assert "phase" not in phases.columns  # a phase number is not a code
    panel = atop.design_panel(phases, until=1952)
    assert panel.column("atop-milinst").tolist() == [1.0, 1.0, 2.0, 2.0]


def test_header_errors_name_the_file_type() -> None:
    with pytest.raises(
        ah.FileFormatError,
        match=r"line 1: the header lacks required column\(s\) 'consul'; an ATOP member-level file"
        r" needs atopid, member, defense",
    ):
        _read("atopid,member,defense,offense,neutral,nonagg\n9001,2,1,0,0,0\n", version="5.1")


def test_dates_must_be_dates_and_spans_run_forward() -> None:
    with pytest.raises(ah.FileFormatError, match=r"column 'yrent': 1950-2-30 in yrent/moent/"):
        _read(
            f"atopid,member,yrent,moent,dayent,{OBLIG}\n9001,2,1950,2,30,1,0,0,0,1\n", version="5.1"
        )
    with pytest.raises(
        ah.FileFormatError, match=r"column 'yrexit': ends in 1940, before it starts"
    ):
        _read(f"atopid,member,yrent,yrexit,{OBLIG}\n9001,2,1950,1940,1,0,0,0,1\n", version="5.1")


# -- dyad-year files ------------------------------------------------------------------------------
DYADS = f"stateA,stateB,year,atopally,{OBLIG},asymm,atopid1,atopid2,version"


def test_directed_dyad_year_file() -> None:
    dyads = _read(
        f"""
        {DYADS}
        2,200,1949,1,1,0,0,0,1,0,3180,,5.1
        200,2,1949,1,1,0,0,0,1,0,3180,,5.1
        2,732,1954,1,1,0,0,1,1,1,3240,3180,5.1
        732,2,1954,1,0,0,0,1,1,1,3240,,5.1
        """
    )
    assert isinstance(dyads, atop.DyadYearData)
    assert (dyads.file_type, dyads.version, dyads.directed) == ("dyad-year", "5.1", True)
    assert dyads.member_a.tolist() == ["USA", "GBR", "USA", "KOR"]
    assert dyads.atopids.tolist() == [[3180, 0], [3180, 0], [3240, 3180], [3240, 0]]
    korea = dyads.dyad("KOR", "USA")
    assert (korea.year.tolist(), korea.codes["defense"].tolist()) == ([1954], [0.0])
    assert dyads.source().locator == "<stream> (directed dyad-year)"


def test_non_directed_dyad_year_file() -> None:
    dyads = _read(
        f"{DYADS}\n2,200,1949,1,1,0,0,0,1,0,3180,,5.0\n2,200,1950,1,1,0,0,0,1,,3180,,5.0\n"
    )
    assert (dyads.directed, dyads.version) == (False, "5.0")
    assert np.isnan(dyads.codes["asymm"][1])
    assert dyads.dyad(200, 2).year.tolist() == [1949, 1950]
    frame = dyads.to_frame()
    assert list(frame.columns[:5]) == ["stateA", "stateB", "memberA", "memberB", "year"]


@pytest.mark.parametrize(
    ("row", "error", "match"),
    [
        (
            "2,200,1949,2,1,0,0,0,1,0,3180,,5.1",
            ah.FileFormatError,
            (
                r"line 3, column 'atopally': code 2 is outside 0-1, the codes the ATOP 5.1"
                r" codebook defines for ATOPALLY in dyad-year files"
            ),
        ),
        ("2,999,1949,1,1,0,0,0,1,0,3180,,5.1", ah.UnknownReferenceError, r"COW state code 999"),
        ("2,2,1949,1,1,0,0,0,1,0,3180,,5.1", ah.FileFormatError, r"a state paired with itself"),
        ("2,200,,1,1,0,0,0,1,0,3180,,5.1", ah.FileFormatError, r"column 'year': the cell is empty"),
        ("2,200,1949,1,x,0,0,0,1,0,3180,,5.1", ah.FileFormatError, r"'x' is not a whole-number"),
    ],
)
def test_dyad_year_errors_name_the_line(row: str, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        _read(f"{DYADS}\n2,200,1948,1,1,0,0,0,1,0,3180,,5.1\n{row}\n")


def test_profile_and_panel_refuse_dyad_years() -> None:
    dyads = _read(f"{DYADS}\n2,200,1949,1,1,0,0,0,1,0,3180,,5.1\n")
    with pytest.raises(ah.ValidationError, match=r"<stream> is dyad-year\. Read the member"):
        atop.profile(dyads, 3180)
    with pytest.raises(ah.ValidationError, match=r"got dyad-year data"):
        atop.design_panel(dyads)
