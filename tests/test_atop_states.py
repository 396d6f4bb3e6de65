"""The built-in table of the Correlates of War state system and the member codes it gives.

Source of the table: Correlates of War Project (2017), State System Membership List, v2016 (243
spells of 217 states), shipped unchanged with two added columns (ISO 3166 alpha-3 code, member
code). ISO codes from ISO 3166-1 (current) and ISO 3166-3 (formerly used).
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

import alliance_health as ah
from alliance_health import atop

PACKAGED = Path(atop.__file__).parent / "data" / "cow_states_2016.csv"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "cow_states_2016.csv"
SUCCESSIONS = {"DEU": [255, 260], "YEM": [678, 679]}

# The mapping of the previous release (U.S., South Korea, NATO members): must not change.
PREVIOUS = {
    2: "USA", 20: "CAN", 200: "GBR", 210: "NLD", 211: "BEL", 212: "LUX", 220: "FRA", 230: "ESP",
    235: "PRT", 255: "DEU", 260: "DEU", 290: "POL", 310: "HUN", 316: "CZE", 317: "SVK",
    325: "ITA", 339: "ALB", 341: "MNE", 343: "MKD", 344: "HRV", 349: "SVN", 350: "GRC",
    355: "BGR", 360: "ROU", 366: "EST", 367: "LVA", 368: "LTU", 375: "FIN", 380: "SWE",
    385: "NOR", 390: "DNK", 395: "ISL", 640: "TUR", 732: "KOR",
}  # fmt: skip


def test_the_table_is_the_2016_list() -> None:
    states = atop.states()
    cow = [s for s in states if s.spells]
    assert (len(cow), sum(len(s.spells) for s in cow)) == (217, 243)
    assert [s.cow for s in states if not s.spells] == list(atop.NON_SYSTEM) == [8152]
    egypt = atop.state(651)
    assert [(a.year, b.year) for a, b in egypt.spells] == [(1855, 1882), (1937, 2016)]


def test_the_packaged_list_is_the_cow_release_unchanged() -> None:
    if not SHARED.is_file():
        reason = "the COW 2016 list is not in shared/data beside the repository; comparison skipped"
        print(reason)  # noqa: T201
        pytest.skip(reason)
    with SHARED.open(encoding="utf-8", newline="") as f:
        original = [tuple(r.values()) for r in csv.DictReader(f)]
    with PACKAGED.open(encoding="utf-8", newline="") as f:
        packaged = list(csv.DictReader(f))
    assert [tuple(r.values())[: len(original[0])] for r in packaged] == original


def test_member_codes_are_iso_or_cow_abbreviations() -> None:
    for s in atop.states():
        assert len(s.member) == 3
        assert s.member.isupper()
        if s.cow == 730:  # Korea 1887-1905: COW "KOR" is the Republic of Korea's ISO code
            assert (s.abbreviation, s.member) == ("KOR", "KRE")
        elif s.spells:
            assert s.member == (s.iso3 or s.abbreviation)
    historical = {s.cow: s.member for s in atop.states() if s.iso3 is None}
    assert historical[245] == "BAV"
    assert historical[300] == "AUH"
    assert historical[347] == "KOS"  # Kosovo has no ISO 3166 code


def test_no_two_states_share_a_member_code_except_successions() -> None:
    holders: dict[str, list[int]] = defaultdict(list)
    for s in atop.states():
        holders[s.member].append(s.cow)
    shared = {code: cows for code, cows in holders.items() if len(cows) > 1}
    assert shared == SUCCESSIONS
    iso = {s.iso3 for s in atop.states() if s.iso3}
    assert not {s.member for s in atop.states() if s.iso3 is None} & iso


@pytest.mark.parametrize(
    ("cow", "member", "trap"),
    [
        (305, "AUT", "COW 'AUS' is Austria; ISO AUS is Australia (COW 900)"),
        (900, "AUS", ""),
        (349, "SVN", "COW 'SLV' is Slovenia; ISO SLV is El Salvador (COW 92)"),
        (92, "SLV", ""),
        (225, "CHE", "COW 'SWZ' is Switzerland; ISO SWZ is Eswatini (COW 572)"),
        (572, "SWZ", ""),
        (341, "MNE", "COW 'MNG' is Montenegro; ISO MNG is Mongolia (COW 712)"),
        (712, "MNG", ""),
        (315, "CSK", "COW 'CZE' is Czechoslovakia; ISO CZE is the Czech Republic (COW 316)"),
        (316, "CZE", ""),
        (265, "DDR", ""),
        (680, "YMD", ""),
        (365, "RUS", ""),
        (345, "SRB", ""),
    ],
)
def test_cow_abbreviations_that_are_other_states_iso_codes(
    cow: int, member: str, trap: str
) -> None:
    assert atop.COW_TO_ISO3[cow] == member, trap


def test_previous_mapping_is_kept() -> None:
    assert {c: atop.COW_TO_ISO3[c] for c in PREVIOUS} == PREVIOUS
    assert len(atop.COW_TO_ISO3) == 218
    assert "218 COW codes" in repr(atop.COW_TO_ISO3)


def test_a_custom_mapping_may_not_merge_two_states() -> None:
    text = "atopid,member,yrent,defense,offense,neutral,nonagg,consul\n9001,730,1904,1,0,0,0,1\n"
    with pytest.raises(ah.ValidationError) as err:
        atop.read(_stream(text), version="4.01", cow_to_iso={730: "KOR"})
    assert str(err.value) == (
        "cow_to_iso[730] = 'KOR' is already the member code of COW 732 (South Korea); two"
        " states would become one member. Choose another code, or map 732 as well if you mean"
        " them as one member"
    )
    both = atop.read(_stream(text), version="4.01", cow_to_iso={730: "KOR", 732: "ROK"})
    assert both.rows[0].member == "KOR"
    assert atop.read(_stream(text), version="4.01", cow_to_iso={255: "DEU"}).rows[0].member == "KRE"


def test_unknown_state() -> None:
    with pytest.raises(ah.UnknownReferenceError, match=r"COW state code 999 is neither"):
        atop.state(999)


def test_the_table_is_read_on_first_use_only() -> None:
    code = (
        "import alliance_health.atop as a, alliance_health.atop._states as s;"
        " assert s._table.cache_info().currsize == 0; a.state(2);"
        " assert s._table.cache_info().currsize == 1"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603


def _stream(text: str) -> io.StringIO:
    return io.StringIO(text)
