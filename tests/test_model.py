"""The aggregation model: validation of every switch and the conversions of its inputs."""

from __future__ import annotations

import math

import attrs
import numpy as np
import pytest
from hypothesis import given, settings

from alliance_health import Model, Pillar, ValidationError

from strategies import models


def test_defaults_follow_the_design():
    # DESIGN section 3: equal pillar weights, geometric mean (p = 0), the least-convinced member
    # for shared threat and the mean elsewhere (step 3), the best-shared threat (step 5).
    m = Model()
    assert m.weights == (1.0, 1.0, 1.0)
    assert m.p == 0.0
    assert m.member_rule == ("min", "mean", "mean")
    assert m.threat_rule == "max"
    assert m.rule_for(Pillar.SHARED_THREAT) == "min"
    assert m.rule_for(Pillar.CONSULTATION) == "mean"
    assert m.weight_array.tolist() == [1.0, 1.0, 1.0]
    assert m.weight_array.dtype == np.float64


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ({"shared_threat": 2}, (2.0, 1.0, 1.0)),
        ({Pillar.CONSULTATION: 0, "mutual-obligation": 3}, (1.0, 3.0, 0.0)),
        ([1, 2, 3], (1.0, 2.0, 3.0)),
        ((0.5, 0, 0), (0.5, 0.0, 0.0)),
        (np.array([1, 1, 2]), (1.0, 1.0, 2.0)),
        ({}, (1.0, 1.0, 1.0)),
    ],
)
def test_weights_conversion(weights, expected):
    converted = Model(weights=weights).weights
    assert converted == expected
    assert all(type(w) is float for w in converted)


@pytest.mark.parametrize(
    ("weights", "match"),
    [
        ((-1, 1, 1), r"Model\.weights must be finite and >= 0; got \(-1\.0, 1\.0, 1\.0\)"),
        ((math.nan, 1, 1), r"Model\.weights must be finite and >= 0; got \(nan, 1\.0, 1\.0\)"),
        ((math.inf, 1, 1), r"Model\.weights must be finite and >= 0"),
        ({"consultation": -0.5}, r"Model\.weights must be finite and >= 0"),
        ((0, 0, 0), r"Model\.weights must not all be zero; got \(0\.0, 0\.0, 0\.0\)"),
        ((1, 1), r"Model\.weights must be a mapping \{pillar: weight\} or three numbers"),
        (5, r"Model\.weights must be a mapping .*; got 5"),
        (("a", 1, 1), r"Model\.weights must be numbers; got \('a', 1, 1\)"),
        ({"trust": 1}, r"pillar must be one of .*got 'trust'"),
    ],
)
def test_weights_invalid(weights, match):
    with pytest.raises(ValidationError, match=match) as info:
        Model(weights=weights)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("p", "expected"),
    [(1, 1.0), (-2, -2.0), ("-inf", -math.inf), (-math.inf, -math.inf), (np.float64(0.5), 0.5)],
)
def test_p_conversion(p, expected):
    converted = Model(p=p).p
    assert converted == expected
    assert type(converted) is float


@pytest.mark.parametrize(
    ("p", "match"),
    [
        (math.nan, r"Model\.p must be a real number or -inf; got nan"),
        ("nan", r"Model\.p must be a real number or -inf; got 'nan'"),
        ("strong", r"Model\.p must be a real number or -inf; got 'strong'"),
        (None, r"Model\.p must be a real number or -inf; got None"),
    ],
)
def test_p_invalid(p, match):
    with pytest.raises(ValidationError, match=match) as info:
        Model(p=p)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("max", ("max", "max", "max")),
        ({"consultation": "min"}, ("min", "mean", "min")),
        ({Pillar.SHARED_THREAT: "mean"}, ("mean", "mean", "mean")),
        (["max", "min", "mean"], ("max", "min", "mean")),
        (("mean", "mean", "max"), ("mean", "mean", "max")),
    ],
)
def test_member_rule_conversion(rule, expected):
    m = Model(member_rule=rule)
    assert m.member_rule == expected
    assert tuple(m.rule_for(p) for p in Pillar) == expected


@pytest.mark.parametrize(
    ("rule", "match"),
    [
        ("median", r"Model\.member_rule for shared_threat must be one of .*got 'median'"),
        ({"consultation": "sum"}, r"Model\.member_rule for consultation must be one of"),
        (("min", "mean", "mode"), r"Model\.member_rule for consultation must be one of .*'mode'"),
        (("min", "mean"), r"Model\.member_rule must be a rule name or a mapping"),
        (3, r"Model\.member_rule must be a rule name or a mapping .*got 3"),
        ({"trust": "min"}, r"pillar must be one of"),
    ],
)
def test_member_rule_invalid(rule, match):
    with pytest.raises(ValidationError, match=match) as info:
        Model(member_rule=rule)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("rule", ["max", "mean", "min"])
def test_threat_rule_valid(rule):
    assert Model(threat_rule=rule).threat_rule == rule


@pytest.mark.parametrize("rule", ["median", "MAX", ""])
def test_threat_rule_invalid(rule):
    match = rf"Model\.threat_rule must be one of \('max', 'mean', 'min'\); got '{rule}'"
    with pytest.raises(ValidationError, match=match) as info:
        Model(threat_rule=rule)
    assert isinstance(info.value, ValueError)


def test_evolve_revalidates():
    # Frozen classes change through attrs.evolve, which runs the validators again.
    assert attrs.evolve(Model(), p=-1).p == -1.0
    with pytest.raises(ValidationError, match=r"Model\.threat_rule"):
        attrs.evolve(Model(), threat_rule="sum")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        Model().p = 1  # type: ignore[misc]


@settings(max_examples=50)
@given(models())
def test_generated_models_round_trip_through_their_own_fields(m):
    rebuilt = Model(
        weights=m.weights,
        p=m.p,
        member_rule=m.member_rule,
        threat_rule=m.threat_rule,
        coverage_threshold=m.coverage_threshold,
    )
    assert rebuilt == m
    # A mapping form of the same weights converts to the same tuple.
    assert Model(weights=dict(zip(Pillar, m.weights, strict=True))).weights == m.weights
