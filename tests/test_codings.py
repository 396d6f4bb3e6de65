"""Several coders of one value, and one question per indicator (the profile-wide rules)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

import alliance_health as ah

from strategies import profiles

_QUESTION = "Would you favour using troops to defend the ally if attacked? (favour)"


def _coded(*coders: str | None) -> ah.Profile:
    """The minimal profile with its expert coding of 'meetings' (2006) by each coder given."""
    base = ah.testing.minimal_profile()
    coding = base.observations[3]
    return attrs.evolve(
        base,
        observations=(*base.observations[:3], *(attrs.evolve(coding, coder=c) for c in coders)),
    )


def test_different_coders_may_code_the_same_value():
    profile = _coded("kim", "smith", "lee")
    codings = profile.codings()[("meetings", None, 2006)]
    assert [o.coder for o in codings] == ["kim", "smith", "lee"]
    assert profile.observation("meetings", 2006, coder="lee").coder == "lee"


@given(profile=profiles())
def test_codings_partition_the_observations(profile):
    codings = profile.codings()
    flat = [obs for group in codings.values() for obs in group]
    assert sorted(map(id, flat)) == sorted(map(id, profile.observations))
    assert all(obs.key == key for key, group in codings.items() for obs in group)
    assert all(len(group) == 1 for group in codings.values())  # no coders: one coding each


@pytest.mark.parametrize(
    ("coders", "repeat"),
    [
        ((None, None), "('meetings', None, 2006)"),
        (("kim", "kim"), "('meetings', None, 2006) by coder 'kim'"),
        (("kim", None), "('meetings', None, 2006) with and without a coder"),
    ],
)
def test_a_coder_codes_a_value_once(coders, repeat):
    with pytest.raises(ah.DuplicateError) as info:
        _coded(*coders)
    hint = (
        ""
        if coders == (None, None)
        else ("; several coders may each code a value once, every coding naming its coder")
    )
    assert str(info.value) == (
        f"Profile.observations (indicator, member, year) must be unique; repeated: {repeat}{hint}"
    )


def test_observation_refuses_to_choose_among_coders():
    profile = _coded("kim", "smith")
    with pytest.raises(ah.ValidationError) as info:
        profile.observation("meetings", 2006)
    assert str(info.value) == (
        "Profile 'minimal' has 2 codings of the observation of indicator 'meetings' for the"
        " alliance in 2006, by coders 'kim', 'smith'; pass coder=... to choose one, or use"
        " Profile.codings() to see them all"
    )
    with pytest.raises(ah.UnknownReferenceError) as missing:
        profile.observation("meetings", 2006, coder="lee")
    assert str(missing.value) == (
        "Profile 'minimal' has no observation of indicator 'meetings' for the alliance in 2006"
        " by coder 'lee'"
    )


def test_coder_and_question_must_have_text():
    obs = ah.testing.minimal_profile().observations[0]
    for field in ("coder", "question"):
        with pytest.raises(ah.ValidationError, match=rf"Observation\.{field} must be a non-empty"):
            attrs.evolve(obs, **{field: " "})
    with pytest.raises(ah.ValidationError, match=r"Indicator\.question must be a non-empty"):
        attrs.evolve(ah.testing.minimal_profile().indicators[0], question="")


def _asked(indicator_question: str | None, observation_question: str | None) -> ah.Profile:
    base = ah.testing.minimal_profile()
    threat = attrs.evolve(base.indicators[0], question=indicator_question)
    first = attrs.evolve(base.observations[0], question=observation_question)
    return attrs.evolve(
        base,
        indicators=(threat, *base.indicators[1:]),
        observations=(first, *base.observations[1:]),
    )


def test_an_observation_may_state_its_indicators_question():
    assert _asked(_QUESTION, _QUESTION).observations[0].question == _QUESTION
    spaced = _QUESTION.replace(" ", "\n  ", 2)  # wrapped differently: the same words
    assert _asked(_QUESTION, spaced).observations[0].question == spaced
    assert _asked(_QUESTION, None).observations[0].question is None


@pytest.mark.parametrize(
    ("indicator_question", "asked"),
    [(_QUESTION, f"asks {_QUESTION!r}"), (None, "states none")],
)
def test_an_observation_of_another_question_is_refused(indicator_question, asked):
    with pytest.raises(ah.ValidationError) as info:
        _asked(indicator_question, "Should troops stay? (yes)")
    assert str(info.value) == (
        "Profile.observations[0].question: observation of 'threat-public' (AAA, 2006) asks"
        f" 'Should troops stay? (yes)', but indicator 'threat-public' {asked}; one question,"
        " one indicator: use a separate indicator for each question (or give the indicator this"
        " question)"
    )
