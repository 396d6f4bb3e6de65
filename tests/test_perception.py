import re

import pytest

import alliance_health as ah
from alliance_health.testing import minimal_profile


def test_recognition_by_member_and_gap_hand_computed():
    # threat-public is 40 (AAA) and 25 (BBB) on a 0-100 scale: recognition 0.40 and 0.25.
    gap = ah.perception_gap(minimal_profile(), 2006)
    rival = gap["rival"]
    assert dict(rival.recognition) == {"AAA": 0.4, "BBB": 0.25}
    assert rival.gap == pytest.approx(0.15)
    assert rival.least_convinced == "BBB"
    assert rival.most_convinced == "AAA"
    # shared = the within-threat score of the pillar: the min rule gives BBB's 0.25.
    assert rival.shared == pytest.approx(ah.score(minimal_profile(), 2006).shared_threat)
    assert gap.widest() is rival


def test_unknown_threat_is_a_key_error_listing_the_known():
    gap = ah.perception_gap(minimal_profile(), 2006)
    with pytest.raises(KeyError, match="observed: rival"):
        gap["aliens"]


def test_repr_names_threat_and_members():
    text = repr(ah.perception_gap(minimal_profile(), 2006))
    assert "rival" in text
    assert re.search(r"^rival +BBB +0\.250 ", text, re.MULTILINE)


def test_a_built_in_profile_by_its_id_and_a_model_of_the_wrong_kind():
    gap = ah.perception_gap("rok-us", 2006)
    assert gap.profile_id == "rok-us"
    assert gap.threats == ah.perception_gap(ah.fixtures.rok_us(), 2006).threats
    with pytest.raises(ah.ArgumentTypeError, match=r"^model must be a Model"):
        ah.perception_gap("rok-us", 2006, model="min")  # type: ignore[arg-type]
