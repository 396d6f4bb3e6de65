"""The built-in U.S.-ROK profile: it loads, scores every year 1954-2007, keeps its rules for
judgements, and holds the sourced facts exactly.

Expected values come from the profile's sources: the Chicago Council *Global Views 2006* figures
as quoted by D. C. Sneider, "Re-imagining the U.S.-ROK Alliance" (Shorenstein APARC, Dec 2006);
U.S. troop counts from troopdata (Allen, Flynn & Martinez Machain 2022; Kane's Heritage
compilation of the DoD 309A tables); event dates from the treaty, the ROK Ministry of National
Defense 2018 White Paper, Stars and Stripes, Reuters, the U.S. Department of Defense and the
press reports cited in the file.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest

import alliance_health as ah
from alliance_health import Exact, Observation, Pillar, Profile, Range, Survey, fixtures

YEARS = range(1954, 2008)
TROOPS_1989 = 44_461  # DMDC 309A, 30 Sep 1989 (troopdata row South Korea, 732, KOR, 1989)
THREATS = ("north-korea-attack", "north-korea-nuclear", "nuclear-proliferation", "china-rise")


@pytest.fixture(scope="module")
def rok() -> Profile:
    return fixtures.rok_us()


def the(profile: Profile, indicator: str, year: int, member: str | None = None) -> Observation:
    """The one observation of (indicator, member, year); uniqueness is a Profile rule."""
    return profile.observation(indicator, year, member)


# -- loading and coverage --------------------------------------------------------------------------
def test_loads_as_the_documented_profile(rok: Profile) -> None:
    assert (rok.id, rok.name, rok.founded) == ("rok-us", "U.S.-ROK alliance", 1953)
    assert [(m.code, m.joined, m.left) for m in rok.members] == [
        ("USA", 1953, None),
        ("KOR", 1953, None),
    ]
    assert fixtures.get("rok-us") == rok
    assert ah.loads(fixtures.text("rok-us"), format="toml") == rok


def test_round_trips_through_both_formats(rok: Profile) -> None:
    for fmt in ("toml", "json"):
        assert ah.loads(ah.dumps(rok, format=fmt), format=fmt) == rok


@pytest.mark.filterwarnings("ignore::alliance_health.CoverageWarning")  # thin years still score
def test_every_year_scores_in_every_pillar(rok: Profile) -> None:
    for year in YEARS:
        s = ah.score(rok, year)
        assert 0.0 <= s.health <= 1.0, year
        assert set(s.pillars) == set(Pillar), year
        assert all(0.0 <= v <= 1.0 for v in s.pillars.values()), year


def test_the_year_before_the_treaty_took_effect_is_not_scorable(rok: Profile) -> None:
    # The treaty pledge counts from entry into force (17 Nov 1954), so 1953 lacks obligation data.
    with pytest.raises(ah.InsufficientDataError, match="1953"):
        ah.score(rok, 1953)


@pytest.mark.parametrize("year", [1954, 1968, 1978, 1990, 2000, 2004, 2006, 2007])
def test_score_reports_used_observations_no_older_than_their_horizon(
    rok: Profile, year: int
) -> None:
    s = ah.score(rok, year)
    for used in s.used:
        horizon = rok.indicator(used.observation.indicator).horizon
        assert used.age >= 0
        assert horizon is None or used.age <= horizon


def test_every_threat_is_coded_officially_for_both_members_from_the_same_year(
    rok: Profile,
) -> None:
    official = [i for i in rok.indicators if i.standard == "threat-official"]
    assert sorted(i.threat for i in official) == sorted(THREATS)
    for ind in official:
        first = {
            code: min(o.year for o in rok.observations if (o.indicator, o.member) == (ind.id, code))
            for code in ("USA", "KOR")
        }
        assert first["USA"] == first["KOR"], ind.id


# -- rules for judgements and sources -------------------------------------------------------------
def test_every_observation_and_event_cites_a_source_that_exists(rok: Profile) -> None:
    keys = {s.key for s in rok.sources}
    assert all(o.source in keys for o in rok.observations)
    assert all(e.source in keys for e in rok.events)


def test_every_expert_coding_has_a_range_around_its_value_and_a_note(rok: Profile) -> None:
    codings = [o for o in rok.observations if rok.source(o.source).kind == "expert-coding"]
    assert codings
    for o in codings:
        assert isinstance(o.uncertainty, Range), o.key
        assert o.uncertainty.lo <= o.value <= o.uncertainty.hi, o.key
        assert len(o.note.strip()) > 40, o.key


def test_survey_uncertainty_only_on_percentages_and_cites_a_survey(rok: Profile) -> None:
    for o in rok.observations:
        if isinstance(o.uncertainty, Survey):
            assert rok.indicator(o.indicator).scale == (0.0, 100.0), o.key
            assert rok.source(o.source).kind == "survey", o.key
            assert o.note, o.key


def test_every_survey_sample_size_is_explained(rok: Profile) -> None:
    for o in rok.observations:
        if isinstance(o.uncertainty, Survey):
            assert re.search(r"\bn\b", o.note), o.key


# -- the seed essay's 2006 figures, exactly as quoted ---------------------------------------------
SEED_2006 = [
    ("public-support-presence", "KOR", 62.0),
    ("public-support-presence", "USA", 52.0),
    ("public-too-many-troops", "USA", 42.0),
    ("public-too-many-troops", "KOR", 36.0),
    ("public-support-defend", "USA", 65.0),
    ("public-support-defend", "KOR", 84.0),
    ("nk-nuclear-concern", "KOR", 79.0),
    ("nk-nuclear-critical", "KOR", 30.0),
    ("proliferation-critical", "USA", 69.0),
    ("proliferation-critical", "KOR", 50.0),
]


@pytest.mark.parametrize(("indicator", "member", "value"), SEED_2006)
def test_seed_figure_is_present_exactly(
    rok: Profile, indicator: str, member: str, value: float
) -> None:
    obs = the(rok, indicator, 2006, member)
    assert obs.value == value
    assert obs.source == "ccga-gv2006"
    assert rok.source(obs.source).kind == "survey"
    assert "Sneider (2006)" in obs.note


def test_seed_figures_sit_in_the_pillar_and_threat_they_speak_to(rok: Profile) -> None:
    def spec(ind_id: str) -> tuple[str | None, Pillar, str | None]:
        ind = rok.indicator(ind_id)
        return (ind.standard, ind.pillar, ind.threat)

    mo, st = Pillar.MUTUAL_OBLIGATION, Pillar.SHARED_THREAT
    assert spec("public-support-presence") == ("public-support-presence", mo, None)
    assert spec("public-support-defend") == ("public-support-defend", mo, None)
    assert spec("nk-nuclear-concern") == ("threat-public-concern", st, "north-korea-nuclear")
    assert spec("nk-nuclear-critical") == ("threat-public-critical", st, "north-korea-nuclear")
    assert spec("proliferation-critical") == (
        "threat-public-critical",
        st,
        "nuclear-proliferation",
    )
    too_many = rok.indicator("public-too-many-troops")
    assert (too_many.standard, too_many.pillar, too_many.higher_is_better) == (None, mo, False)
    assert too_many.scale == (0.0, 100.0)
    assert "catalogue" in too_many.description


def test_about_half_is_coded_as_a_range_not_a_sample(rok: Profile) -> None:
    obs = the(rok, "proliferation-critical", 2006, "KOR")
    assert obs.uncertainty == Range(45, 55)
    assert "only half of Koreans" in obs.note


def test_unknown_us_sample_size_is_stated_as_an_assumption(rok: Profile) -> None:
    for indicator in ("public-support-presence", "public-support-defend", "proliferation-critical"):
        obs = the(rok, indicator, 2006, "USA")
        assert obs.uncertainty == Survey(n=1000)
        assert "assum" in obs.note


def test_the_2006_score_uses_the_seed_figures(rok: Profile) -> None:
    s = ah.score(rok, 2006)
    used = {(u.observation.indicator, u.observation.member, u.observation.year) for u in s.used}
    assert {(i, m, 2006) for i, m, _ in SEED_2006 if i != "proliferation-critical"} <= used
    assert s.coverage["shared_threat"].members_covered["nk-nuclear-concern"] == (
        "KOR",
    )  # no U.S. figure quoted; see its note
    assert math.isclose(
        s.health,
        (s.shared_threat * s.mutual_obligation * s.consultation) ** (1 / 3),
    )


# -- other facts ----------------------------------------------------------------------------------
def test_treaty_pledge_is_a_defence_pledge_from_entry_into_force(rok: Profile) -> None:
    obs = the(rok, "treaty-pledge", 1954)
    assert (obs.value, obs.uncertainty) == (2.0, Exact())
    assert rok.source(obs.source).kind == "treaty"
    assert [o.year for o in rok.observations if o.indicator == "treaty-pledge"] == [1954]


@pytest.mark.parametrize(
    ("year", "troops"),
    [(1954, 225_590), (1969, 66_531), (1971, 40_740), (1989, 44_461), (2006, 29_486)],
)
def test_forces_in_place_follow_the_troop_series(rok: Profile, year: int, troops: int) -> None:
    obs = the(rok, "forces-in-place", year)
    assert obs.value == round(100 * min(troops / TROOPS_1989, 1), 1)
    assert f"{troops:,}" in obs.note


def test_forces_in_place_every_year_matches_the_numbers_in_its_note(rok: Profile) -> None:
    series = sorted(
        (o for o in rok.observations if o.indicator == "forces-in-place"), key=lambda o: o.year
    )
    assert [o.year for o in series] == list(YEARS)
    for o in series:
        troops = int(re.search(rf"{o.year}: ([\d,]+)", o.note).group(1).replace(",", ""))
        assert "1989: 44,461" in o.note
        assert o.value == round(100 * min(troops / TROOPS_1989, 1), 1), o.year
        assert o.source == "troopdata-2022"


@pytest.mark.parametrize(
    ("year", "value"),
    [(1954, 2.0), (1978, 3.0), (1994, 3.0), (2006, 2.5), (2007, 2.0)],
)
def test_integrated_command_change_points(rok: Profile, year: int, value: float) -> None:
    assert the(rok, "integrated-command", year).value == value


def test_joint_operations_cover_korea_s_deployments_and_the_gaps(rok: Profile) -> None:
    coded = {o.year: o.value for o in rok.observations if o.indicator == "joint-operations"}
    assert rok.indicator("joint-operations").horizon is None
    assert all(coded[y] == 3 for y in (1965, 1966, 1968, 1970, 1973))  # Vietnam
    assert coded[1991] == 1  # the Gulf War medical and air transport units
    assert all(coded[y] == 2 for y in (2002, 2003, 2004, 2007))  # Afghanistan and Iraq
    assert coded[1954] == coded[1979] == coded[1994] == 0


@pytest.mark.parametrize(
    ("event", "date"),
    [
        ("mdt-signed", dt.date(1953, 10, 1)),
        ("mdt-in-force", dt.date(1954, 11, 17)),
        ("first-scm", dt.date(1968, 5, 28)),
        ("cfc-activated", dt.date(1978, 11, 7)),
        ("peacetime-opcon", dt.date(1994, 12, 1)),
        ("usfk-cut-agreed", dt.date(2004, 10, 6)),
        ("nk-missile-tests", dt.date(2006, 7, 5)),
        ("nk-nuclear-test", dt.date(2006, 10, 9)),
        ("scm-38", dt.date(2006, 10, 20)),
        ("gates-kim-agreement", dt.date(2007, 2, 23)),
    ],
)
def test_event_dates(rok: Profile, event: str, date: dt.date) -> None:
    assert rok.event(event).date == date


def test_event_tags(rok: Profile) -> None:
    assert {"anchor", "threat-shock"} <= set(rok.event("nk-nuclear-test").tags)
    assert [e.id for e in rok.events if "anchor" in e.tags] == ["nk-nuclear-test"]
    # The CFC decisions were agreed jointly; the essay's complaint is coded under joint-decisions.
    for cfc in ("scm-38", "gates-kim-agreement"):
        assert "unilateral" not in rok.event(cfc).tags
    assert "unilateral" in rok.event("seventh-division-withdrawn").tags
    assert "unilateral" in rok.event("carter-withdrawal-plan").tags
    assert the(rok, "joint-decisions", 2006).value == 1


def test_uncertainty_of_2006_contains_the_point_and_repeats(rok: Profile) -> None:
    # The acceptance check: the 90% interval of U.S.-ROK 2006 contains the point score
    # and the same seed repeats it exactly.
    first = ah.uncertainty(rok, 2006, n=10_000, rng=0)
    again = ah.uncertainty(rok, 2006, n=10_000, rng=0)
    iv = first.interval(0.9)
    assert iv.contains(ah.score(rok, 2006).health)
    assert iv == again.interval(0.9)
    assert (first.samples == again.samples).all()
