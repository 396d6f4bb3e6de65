"""Named queries on a layout: which members, indicator, threat and pillar for each group."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import alliance_health as ah
from alliance_health import Pillar
from alliance_health._scoring.engine import build_layout
from alliance_health._scoring.groups import IndicatorGroup, ThreatGroup

from strategies import profiles, scorable_years

MINIMAL = ah.testing.minimal_profile()


def test_groups_of_the_minimal_profile_by_name():
    layout = build_layout(MINIMAL, [2006])
    groups = layout.groups()
    assert [g.indicator for g in groups] == ["threat-public", "pledge", "meetings"]
    assert all(isinstance(g, IndicatorGroup) and g.observed for g in groups)
    threat = groups[0]
    assert layout.members_of(threat) == layout.members_of(0) == ("AAA", "BBB")
    assert layout.threat_of(threat) == "rival"
    assert layout.pillar_of(threat) is Pillar.SHARED_THREAT
    assert layout.threat_of(groups[1]) is None
    assert [o.year for o in groups[1].observations] == [2005]
    assert groups[1].ages == (1,)
    assert layout.indicator_groups(2006) == groups
    with pytest.raises(ah.InsufficientDataError, match="year 2007 is not in this layout"):
        layout.indicator_groups(2007)


def test_threat_groups_index_the_evaluation():
    layout = build_layout(ah.fixtures.rok_us(), [2006])
    ev = ah.evaluate(layout, layout.normalise(layout.values), ah.Model())
    threats = layout.threat_groups(2006)
    assert all(isinstance(t, ThreatGroup) for t in threats)
    shared = [t for t in threats if t.pillar is Pillar.SHARED_THREAT]
    assert {t.threat for t in shared} == set(ah.fixtures.rok_us().threats)
    for t in threats:
        assert all(layout.threat_index(g) == t.index for g in t.groups)
    # under the default "max" threat rule the pillar is the best-shared threat
    assert ev.pillars[0, 0] == max(ev.threats[t.index] for t in shared)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_every_group_answers_consistently(data):
    profile = data.draw(profiles())
    year = data.draw(scorable_years(profile))
    layout = build_layout(profile, [year])
    members = set(profile.members_in(year))
    for g in layout.groups():
        ind = profile.indicator(g.indicator)
        assert (layout.pillar_of(g), layout.threat_of(g)) == (ind.pillar, ind.threat)
        assert set(layout.members_of(g)) <= members
        assert g.member_count == (len(members) if g.member_level else 1)
        assert len(g.observations) == len(g.ages)
        assert all(o.indicator == g.indicator for o in g.observations)
        assert g.status in {"observed", "carried", "unobserved"}
        assert (g.status == "unobserved") == (not g.observations)
    # every declared indicator of the obligation and consultation pillars has a group
    declared = {i.id for i in profile.indicators if i.pillar is not Pillar.SHARED_THREAT}
    assert declared <= {g.indicator for g in layout.groups()}
    shares = layout.cov_share[0]
    assert np.all((shares > 0) & (shares <= 1))
