"""The arguments every analysis takes: a profile or a built-in id, and a model."""

from __future__ import annotations

import pytest

import alliance_health as ah
from alliance_health._scoring import arguments


def test_to_profile_resolves_the_built_in_ids():
    p = ah.testing.minimal_profile()
    assert arguments.to_profile(p) is p
    for pid in ah.fixtures.available():
        assert arguments.to_profile(pid) == ah.fixtures.get(pid)
    with pytest.raises(
        ah.UnknownReferenceError, match=r"^a 'warsaw-pact' is not the id of a built-in profile"
    ) as err:
        arguments.to_profile("warsaw-pact", "a")
    assert isinstance(err.value, KeyError)
    with pytest.raises(
        ah.ArgumentTypeError, match=r"^profile must be a Profile .*; got int 3$"
    ) as err:
        arguments.to_profile(3)
    assert isinstance(err.value, TypeError)


def test_to_model():
    assert arguments.to_model(None) == ah.Model()
    m = ah.Model(p=1)
    assert arguments.to_model(m) is m
    with pytest.raises(
        ah.ArgumentTypeError,
        match=r"^model must be a Model, e\.g\. Model\(p=1\), or None for the default Model\(\); got"
        r" str 'x'$",
    ):
        arguments.to_model("x")
