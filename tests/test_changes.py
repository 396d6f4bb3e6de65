"""What moved the score: year-on-year changes, their attribution and their evidence."""

import numpy as np
import pytest
from hypothesis import given, settings

import alliance_health as ah

from strategies import profiles

ROK = ah.fixtures.rok_us()


@pytest.mark.parametrize("threshold", [0.0, 0.03, 0.1])
def test_every_change_at_or_above_the_threshold_is_listed_largest_first(threshold):
    traj = ah.trajectory(ROK)
    moved = ah.changes(ROK, threshold=threshold)
    expected = np.sum(np.abs(np.diff(traj.health)) >= threshold)
    assert len(moved) == expected
    sizes = [abs(c.delta) for c in moved]
    assert sizes == sorted(sizes, reverse=True)
    assert all(size >= threshold for size in sizes)


def test_attribution_sums_to_the_change_and_names_the_driver():
    for change in ah.changes(ROK, threshold=0.05):
        shares = dict(change.attribution)
        assert sum(shares.values()) == pytest.approx(change.delta, abs=1e-12)
        assert abs(shares[change.driver]) == max(abs(v) for v in shares.values())


def test_evidence_lies_between_the_two_years():
    for change in ah.changes(ROK, threshold=0.05):
        assert all(change.year_from < e.date.year <= change.year_to for e in change.events)
        for moved in change.observations:
            assert moved.before is None or moved.before.year <= change.year_from
            assert moved.after is None or moved.after.year <= change.year_to
            assert (
                moved.before is None
                or moved.after is None
                or moved.before.value != moved.after.value
            )


def test_a_change_with_no_moved_data_cannot_happen():
    # health is a function of the serving values: if it moved, some value moved
    assert all(c.observations for c in ah.changes(ROK, threshold=0.01))


@settings(max_examples=25, deadline=None)
@given(profile=profiles())
def test_no_change_is_listed_in_a_profile_scored_for_one_year_only(profile):
    years = ah.trajectory(profile).years
    moved = ah.changes(profile, threshold=0.0, years=years[:1])
    assert len(moved) == 0


@pytest.mark.parametrize("bad", [-0.1, 1.5, "0.1", float("nan")])
def test_threshold_must_be_a_share(bad):
    with pytest.raises(ah.ValidationError, match="threshold must be a number in"):
        ah.changes(ROK, threshold=bad)


def test_text_table_and_frame_agree():
    moved = ah.changes(ROK, threshold=0.1)
    frame = moved.to_frame()
    assert len(frame) == len(moved)
    assert list(frame["change"]) == pytest.approx([c.delta for c in moved])
    for change in moved:
        assert f"{change.year_from}-{change.year_to}" in repr(moved)
    assert "<table>" in moved._repr_html_()
