import attrs
import pytest

import alliance_health as ah
from alliance_health.testing import minimal_profile


def test_weak_shared_threat_is_found_and_cites_its_observations():
    d = ah.diagnose(minimal_profile(), 2006)
    first = d.findings[0]
    assert first.pillar is ah.Pillar.SHARED_THREAT
    assert first.severity == pytest.approx(0.75)
    assert '(weak): "the shared recognition of common threats" is in doubt' in first.text
    # both members' values (0.40 and 0.25) lie below the default evidence cut of 0.5
    assert {o.member for o in first.observations} == {"AAA", "BBB"}
    strict = ah.diagnose(minimal_profile(), 2006, thresholds=ah.Thresholds(indicator=0.3))
    assert {o.member for o in strict.findings[0].observations} == {"BBB"}


def test_findings_are_worst_first():
    d = ah.diagnose(minimal_profile(), 2006)
    severities = [f.severity for f in d.findings]
    assert severities == sorted(severities, reverse=True)


def test_thresholds_are_adjustable():
    none = ah.diagnose(minimal_profile(), 2006, thresholds=ah.Thresholds(weak=0.2, critical=0.1))
    assert len(none) == 0
    gap = ah.diagnose(minimal_profile(), 2006, thresholds=ah.Thresholds(gap=0.1))
    assert any(f.title == "perception gap on rival" for f in gap)


def test_absent_threat_quotes_the_essay():
    p = minimal_profile()
    obs = tuple(
        attrs.evolve(o, value=0.0) if o.indicator == "threat-public" else o for o in p.observations
    )
    d = ah.diagnose(attrs.evolve(p, observations=obs), 2006)
    assert d.findings[0].title == "shared threat absent"
    assert "but not the absence of a threat" in d.findings[0].text


def test_unilateral_events_are_cited_under_consultation():
    p = minimal_profile()
    ev = ah.Event(
        id="u", date="2005-06-01", title="Decision", source="illustrative", tags=["unilateral"]
    )
    d = ah.diagnose(attrs.evolve(p, events=(ev,)), 2006)
    consult = [f for f in d if f.pillar is ah.Pillar.CONSULTATION]
    assert consult
    assert consult[0].events == (ev,)


def test_inconsistent_thresholds_are_rejected():
    with pytest.raises(ah.ValidationError, match="absent <= critical <= weak"):
        ah.Thresholds(weak=0.2, critical=0.3)
    with pytest.raises(ah.ValidationError, match=r"Thresholds.gap must lie in \[0, 1\]"):
        ah.Thresholds(gap=2.0)


def test_a_built_in_profile_by_its_id_and_arguments_of_the_wrong_kind():
    by_id = ah.diagnose("rok-us", 2006)
    assert by_id.findings == ah.diagnose(ah.fixtures.rok_us(), 2006).findings
    with pytest.raises(ah.ArgumentTypeError, match=r"^model must be a Model"):
        ah.diagnose("rok-us", 2006, model="x")  # type: ignore[arg-type]
    with pytest.raises(ah.ArgumentTypeError, match=r"^thresholds must be a Thresholds, e\.g\."):
        ah.diagnose("rok-us", 2006, thresholds={"weak": 0.6})  # type: ignore[arg-type]
    with pytest.raises(ah.UnknownReferenceError, match=r"^profile 'ROK-US' is not the id of a"):
        ah.diagnose("ROK-US", 2006)
