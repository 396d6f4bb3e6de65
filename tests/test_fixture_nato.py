"""The built-in "NATO after the Cold War" profile: it loads, scores every year 1989-2007, keeps
its rules for judgements, and holds the sourced facts exactly.

Expected values come from the profile's sources: accession dates (White House fact sheet of 23
April 1999; NATO Press Release (2004)028), event dates (NATO, U.S. Department of State and the
documents cited in the file), U.S. troop counts (troopdata, Allen, Flynn & Martinez Machain 2022,
built on DMDC counts), the Chicago Council's 1990 survey and Transatlantic Trends 2005-2006.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest

import alliance_health as ah
from alliance_health import Exact, Observation, Pillar, Profile, Range, Survey, fixtures

YEARS = range(1989, 2008)
FOUNDERS = ("BEL", "CAN", "DNK", "FRA", "ISL", "ITA", "LUX", "NLD", "NOR", "PRT", "GBR", "USA")
JOINED_1999 = ("CZE", "HUN", "POL")
JOINED_2004 = ("BGR", "EST", "LVA", "LTU", "ROU", "SVK", "SVN")
CODED = ("USA", "GBR", "FRA", "DEU", "ITA", "TUR")
TROOPS_1989 = 319_762  # sum of troopdata host-country counts over the 14 European members


@pytest.fixture(scope="module")
def nato() -> Profile:
    return fixtures.nato_post_1990()


def the(profile: Profile, indicator: str, year: int, member: str | None = None) -> Observation:
    """The one observation of (indicator, member, year); uniqueness is a Profile rule."""
    return profile.observation(indicator, year, member=member)


# -- loading and coverage --------------------------------------------------------------------------
def test_loads_as_the_documented_profile(nato: Profile) -> None:
    assert (nato.id, nato.name, nato.founded) == ("nato-post-1990", "NATO after the Cold War", 1949)
    assert fixtures.get("nato-post-1990") == nato
    assert ah.loads(fixtures.text("nato-post-1990"), format="toml") == nato


def test_round_trips_through_both_formats(nato: Profile) -> None:
    for fmt in ("toml", "json"):
        assert ah.loads(ah.dumps(nato, format=fmt), format=fmt) == nato


@pytest.mark.parametrize(
    ("year", "count"),
    [(1989, 16), (1998, 16)]
    + [(y, 19) for y in range(1999, 2004)]
    + [(y, 26) for y in range(2004, 2008)],
)
def test_membership_as_it_changed(nato: Profile, year: int, count: int) -> None:
    assert len(nato.members_in(year)) == count


def test_accession_years(nato: Profile) -> None:
    joined = {m.code: m.joined for m in nato.members}
    assert all(joined[c] == 1949 for c in FOUNDERS)
    assert (joined["GRC"], joined["TUR"], joined["DEU"], joined["ESP"]) == (1952, 1952, 1955, 1982)
    assert all(joined[c] == 1999 for c in JOINED_1999)
    assert all(joined[c] == 2004 for c in JOINED_2004)
    assert len(joined) == 26
    assert all(m.left is None for m in nato.members)


def test_every_year_scores_in_every_pillar(nato: Profile) -> None:
    for year in YEARS:
        s = ah.score(nato, year)
        assert 0.0 <= s.health <= 1.0
        assert set(s.pillars) == set(Pillar)
        assert all(0.0 <= v <= 1.0 for v in s.pillars.values())
    assert ah.trajectory(nato).years.tolist() == list(YEARS)


def test_no_year_before_the_coded_range_is_claimed(nato: Profile) -> None:
    with pytest.raises(ah.InsufficientDataError, match="1988"):
        ah.score(nato, 1988)


def test_score_1991_the_year_the_threat_disappeared(nato: Profile) -> None:
    s = ah.score(nato, 1991)
    assert s.year == 1991
    assert len(s.members) == 16
    assert math.isfinite(s.health)
    # The Rome Strategic Concept replaced the Soviet threat with "risks": shared recognition falls.
    assert s.shared_threat < ah.score(nato, 1989).shared_threat


def test_threats_are_coded_for_the_same_members_every_year(nato: Profile) -> None:
    """A threat coded for one member only would look 'shared'; the codings cover the same set."""
    official = [i.id for i in nato.indicators if i.standard == "threat-official"]
    assert len(official) == 4
    for year in YEARS:
        expected = set(CODED) | ({"POL"} if year >= 1999 else set())
        coverage = ah.score(nato, year).coverage[Pillar.SHARED_THREAT].members_covered
        for ind in official:
            assert set(coverage[ind]) == expected, (ind, year)


# -- rules for sources and judgements, re-checked explicitly ---------------------------------------
def test_every_observation_and_event_cites_a_known_source(nato: Profile) -> None:
    keys = {s.key for s in nato.sources}
    assert all(o.source in keys for o in nato.observations)
    assert all(e.source in keys for e in nato.events)


def test_every_expert_coding_has_a_range_and_a_note(nato: Profile) -> None:
    coded = [o for o in nato.observations if nato.source(o.source).kind == "expert-coding"]
    assert len(coded) > 100
    for obs in coded:
        assert isinstance(obs.uncertainty, Range), obs.key
        assert obs.uncertainty.lo <= obs.value <= obs.uncertainty.hi, obs.key
        assert obs.uncertainty.lo < obs.uncertainty.hi, obs.key  # a real range, not a point
        assert len(obs.note) > 40, obs.key


def test_every_judgement_names_its_year_and_value(nato: Profile) -> None:
    """Each threat coding's note states the change point and the code it gives."""
    for obs in nato.observations:
        ind = nato.indicator(obs.indicator)
        if ind.standard == "threat-official":
            assert obs.note.startswith(str(obs.year)), obs.key
            assert f"oded {int(obs.value)}" in obs.note, obs.key


def test_survey_values_carry_their_sample(nato: Profile) -> None:
    surveys = [o for o in nato.observations if isinstance(o.uncertainty, Survey)]
    assert {o.indicator for o in surveys} == {
        "soviet-public-critical",
        "terrorism-public-transatlantic",
        "proliferation-public-transatlantic",
    }
    assert all("n = " in o.note for o in surveys)


# -- sourced facts, exactly ------------------------------------------------------------------------
def test_article_5(nato: Profile) -> None:
    obs = the(nato, "treaty-pledge", 1949)
    assert (obs.value, obs.uncertainty) == (2.0, Exact())
    assert nato.source(obs.source).kind == "treaty"
    assert "shall be considered an attack against them all" in obs.note


CCFR_1990_PUBLIC_SAMPLE = 1_662  # 1990 CCFR general-public sample (ICPSR 9564), as in rok_us.toml


def test_chicago_council_1990_soviet_military(nato: Profile) -> None:
    obs = the(nato, "soviet-public-critical", 1990, "USA")
    assert (obs.value, obs.uncertainty) == (33.0, Survey(n=CCFR_1990_PUBLIC_SAMPLE))
    assert nato.indicator("soviet-public-critical").horizon == 1


def test_the_1990_sample_is_the_one_the_rok_profile_uses() -> None:
    rok = fixtures.rok_us().observation("us-public-troops-if-invaded", 1990, member="USA")
    assert rok.uncertainty == Survey(n=CCFR_1990_PUBLIC_SAMPLE)


def test_survey_indicators_state_their_question(nato: Profile) -> None:
    surveyed = {o.indicator for o in nato.observations if nato.source(o.source).kind == "survey"}
    assert surveyed
    for ind in surveyed:
        assert "Question" in nato.indicator(ind).description, ind


def test_european_averages_use_one_effective_sample_rule(nato: Profile) -> None:
    # n_eff = respondents in the averaged countries (nine, about 1,000 each) / design effect 2,
    # the same rule for every Transatlantic Trends European average.
    for indicator, year in [
        ("terrorism-public-transatlantic", 2005),
        ("terrorism-public-transatlantic", 2006),
        ("proliferation-public-transatlantic", 2006),
    ]:
        obs = the(nato, indicator, year)
        assert obs.uncertainty == Survey(n=9 * 1_000 // 2), (indicator, year)
        assert "design effect" in obs.note


@pytest.mark.parametrize(
    ("indicator", "year", "value", "other"),
    [
        ("terrorism-public-transatlantic", 2005, 58, "72% of Americans"),
        ("terrorism-public-transatlantic", 2006, 66, "79% of Americans"),
        ("proliferation-public-transatlantic", 2006, 58, "75% of Americans"),
    ],
)
def test_transatlantic_trends_lower_of_us_and_europe(
    nato: Profile, indicator: str, year: int, value: int, other: str
) -> None:
    obs = the(nato, indicator, year)
    assert obs.value == value
    assert f"{value}% of Europeans" in obs.note
    assert other in obs.note


def test_european_support_for_nato_is_flagged_as_doubtful(nato: Profile) -> None:
    values = {y: the(nato, "nato-essential-europe", y) for y in (2002, 2006, 2007)}
    assert {y: o.value for y, o in values.items()} == {2002: 69, 2006: 55, 2007: 53}
    assert all(isinstance(o.uncertainty, Range) for o in values.values())
    assert all("No U.S. figure was found" in o.note for o in values.values())
    # The 2002 and 2006 figures cite the Key Findings report, not a blog summary of it.
    for year in (2002, 2006):
        source = nato.source(values[year].source)
        assert (source.kind, source.title) == ("survey", "Transatlantic Trends: Key Findings 2006")
    assert "still essential" in nato.indicator("nato-essential-europe").description


# U.S. troops on the European members' territory (troopdata; see the file's notes for the parts).
TROOPS = {
    1989: 319_762,
    1990: 290_989,
    1992: 187_241,
    1993: 148_918,
    1996: 84_701,
    2006: 99_564,  # Germany at the mean of its 2005 and 2007 counts; see the note
    2007: 101_858,
}


@pytest.mark.parametrize(("year", "total"), sorted(TROOPS.items()))
def test_forces_in_place_from_the_troop_series(nato: Profile, year: int, total: int) -> None:
    obs = the(nato, "forces-in-place", year)
    assert f"{year}: {total:,} U.S. military personnel" in obs.note
    assert obs.value == round(100 * min(total / TROOPS_1989, 1), 1)


def test_forces_in_place_every_year_states_both_numbers(nato: Profile) -> None:
    for year in YEARS:
        obs = the(nato, "forces-in-place", year)
        stated = re.match(rf"{year}: ([\d,]+) U\.S\. military personnel", obs.note)
        assert stated is not None, year
        total = int(stated[1].replace(",", ""))
        assert f"1989 level {TROOPS_1989:,}" in obs.note
        assert obs.value == round(100 * min(total / TROOPS_1989, 1), 1)
        assert nato.source(obs.source).kind == "dataset"
    assert isinstance(the(nato, "forces-in-place", 1996).uncertainty, Range)
    assert isinstance(the(nato, "forces-in-place", 2006).uncertainty, Range)


def test_forces_in_place_2006_leaves_out_the_anomalous_germany_count(nato: Profile) -> None:
    germany_2005, germany_2007, germany_2006_raw = 66_418, 72_880, 85_419
    obs = the(nato, "forces-in-place", 2006)
    assert f"{(germany_2005 + germany_2007) // 2:,}" in obs.note
    assert f"{germany_2006_raw:,}" in obs.note  # named, and said to be left out
    stated = int(re.match(r"2006: ([\d,]+)", obs.note)[1].replace(",", ""))
    assert stated < 100_000  # Stars and Stripes: below 100,000 in 2006


EVENTS = {
    "berlin-wall-opened": dt.date(1989, 11, 9),
    "london-declaration": dt.date(1990, 7, 6),
    "german-reunification": dt.date(1990, 10, 3),
    "warsaw-pact-dissolved": dt.date(1991, 7, 1),
    "rome-strategic-concept": dt.date(1991, 11, 7),
    "nacc-first-meeting": dt.date(1991, 12, 20),
    "ussr-dissolved": dt.date(1991, 12, 26),
    "deny-flight": dt.date(1993, 4, 12),
    "partnership-for-peace": dt.date(1994, 1, 10),
    "deliberate-force": dt.date(1995, 8, 30),
    "ifor": dt.date(1995, 12, 20),
    "enlargement-1999": dt.date(1999, 3, 12),
    "allied-force": dt.date(1999, 3, 24),
    "washington-strategic-concept": dt.date(1999, 4, 24),
    "article-5-invoked": dt.date(2001, 9, 12),
    "turkey-article-4-request": dt.date(2003, 2, 10),
    "dpc-decision-turkey": dt.date(2003, 2, 16),
    "isaf-command": dt.date(2003, 8, 11),
    "enlargement-2004": dt.date(2004, 3, 29),
    "riga-summit": dt.date(2006, 11, 28),
    "september-11-attacks": dt.date(2001, 9, 11),
    "iraq-war-begins": dt.date(2003, 3, 20),
}


@pytest.mark.parametrize(("event", "date"), sorted(EVENTS.items()))
def test_event_dates(nato: Profile, event: str, date: dt.date) -> None:
    assert nato.event(event).date == date


def test_the_iraq_war_is_marked_as_a_split(nato: Profile) -> None:
    assert "split" in nato.event("iraq-war-begins").tags
    assert "threat-shock" in nato.event("september-11-attacks").tags


def test_the_anchor_is_the_soviet_collapse(nato: Profile) -> None:
    anchors = [e.id for e in nato.events if "anchor" in e.tags]
    assert anchors == ["ussr-dissolved"]
    assert "threat-shock" in nato.event("ussr-dissolved").tags
