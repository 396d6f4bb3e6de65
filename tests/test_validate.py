"""The one validation module: every check accepts what its rule allows, refuses the rest in one
line naming the argument, the rule and the value, and normalises what it returns."""

from __future__ import annotations

import math
import warnings
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import alliance_health as ah
from alliance_health import _validate as v


def _one_line(err: pytest.ExceptionInfo[BaseException]) -> str:
    text = str(err.value)
    assert "\n" not in text
    return text


# -- numbers ------------------------------------------------------------------------------------
@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**6), 10**6))
def test_check_finite_returns_every_finite_number_as_a_float(x):
    out = v.check_finite(x, "x")
    assert isinstance(out, float)
    assert out == x


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, "1", None, True, [1.0]])
def test_check_finite_refuses_the_rest(value):
    with pytest.raises(
        ah.ValidationError, match=r"^threshold must be a finite number, e\.g\. 0\.5; got "
    ) as err:
        v.check_finite(value, "threshold", example="0.5")
    assert _one_line(err).endswith(repr(value))


def test_numpy_numbers_count_as_numbers():
    assert v.check_finite(np.float32(0.5), "x") == 0.5
    assert v.check_whole(np.int64(3), "n", minimum=2) == 3
    assert type(v.check_year(np.int16(2006))) is int


@pytest.mark.parametrize(
    ("value", "ok"), [(0, True), (1, True), (0.5, True), (1.01, False), (-1e-9, False)]
)
def test_check_in_range_includes_both_ends(value, ok):
    if ok:
        assert v.check_in_range(value, "rate") == value
    else:
        with pytest.raises(ah.ValidationError, match=r"^rate must lie in \[0, 1\]; got "):
            v.check_in_range(value, "rate")


@pytest.mark.parametrize("value", [1, 2.0, "3", True, None])
def test_check_whole_and_check_n(value):
    with pytest.raises(
        ah.ValidationError, match=r"^n must be a whole number >= 2 \(the number of draws\); got "
    ):
        v.check_n(value)
    assert v.check_whole(5, "lag", minimum=0) == 5
    with pytest.raises(ah.ValidationError, match=r"^lag must be a whole number of years; got -1$"):
        v.check_whole(-1, "lag", minimum=0, rule="a whole number of years")


@pytest.mark.parametrize(("n", "hint"), [(3, "use 2 or 4"), (1000, "use 512 or 1024")])
def test_check_power_of_two_names_the_two_nearest(n, hint):
    assert v.check_power_of_two(1024, why="balance") == 1024
    with pytest.raises(
        ah.ValidationError, match=rf"^n must be a power of two \(balance\); got {n}: {hint}$"
    ):
        v.check_power_of_two(n, why="balance")


@pytest.mark.parametrize("value", [0, 1, -0.1, 1.5, math.nan, "0.9", True, None])
def test_check_confidence_level_is_strictly_between_0_and_1(value):
    with pytest.raises(
        ah.ValidationError,
        match=r"^confidence_level must be a number strictly between 0 and 1 \(e\.g\. 0\.9\)",
    ):
        v.check_confidence_level(value)
    assert v.check_confidence_level(0.9) == 0.9


# -- years --------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [0, 10_000, 2006.0, "2006", True, None])
def test_check_year_states_the_accepted_range(value):
    with pytest.raises(
        ah.ValidationError, match=r"^until must be one year, a whole number from 1 to 9999; got "
    ):
        v.check_year(value, "until")
    assert v.check_year(1, "until") == 1
    assert v.check_year(9999, "until") == 9999


def test_check_years_one_or_several():
    assert v.check_years(2006).tolist() == [2006]
    assert v.check_years([2005, 2006]).dtype == np.int64
    with pytest.raises(
        ah.ValidationError, match=r"^year must be a whole number from 1 to 9999 \(or a sequence"
    ):
        v.check_years([2005.0])
    with pytest.raises(
        ah.ValidationError, match=r"^year must be a whole number from 1 to 9999; got 0$"
    ):
        v.check_years([2005, 0])
    with pytest.raises(ah.ValidationError, match=r"^years must not repeat; got \[2005, 2005\]$"):
        v.check_years([2005, 2005])
    with pytest.raises(ah.ValidationError, match=r"or a sequence of them\); got \[\]$"):
        v.check_years([])


# -- codes, scales, choices ---------------------------------------------------------------------
@pytest.mark.parametrize("code", ["kor", "KO", "KORE", "K0R", 410, None])
def test_check_iso3(code):
    with pytest.raises(
        ah.ValidationError, match=r"^cow_to_iso\[732\] must be an ISO 3166 alpha-3 code in capitals"
    ):
        v.check_iso3(code, "cow_to_iso[732]")
    assert v.check_iso3("KOR", "code") == "KOR"


@given(lo=st.floats(-1e9, 1e9), width=st.floats(1e-6, 1e9))
def test_check_scale_accepts_every_finite_increasing_pair(lo, width):
    assert v.check_scale((lo, lo + width)) == (lo, lo + width)


@pytest.mark.parametrize(
    ("scale", "match"),
    [
        (5, r"^scale must be a pair \(lo, hi\): the lowest and highest possible value; got 5$"),
        ((1, 2, 3), r"must be a pair \(lo, hi\)"),
        (("a", 1), r"must be a pair \(lo, hi\)"),
        ((3, 1), r"^scale must be finite with lo < hi, e\.g\. \(0, 100\); got \(3, 1\)$"),
        ((0, math.inf), r"must be finite with lo < hi"),
        ((2, 2), r"must be finite with lo < hi"),
    ],
)
def test_check_scale_refuses(scale, match):
    with pytest.raises(ah.ValidationError, match=match):
        v.check_scale(scale)


def test_check_choice_lists_the_options():
    assert v.check_choice("a", "measure", ("s", "a")) == "a"
    with pytest.raises(ah.ValidationError, match=r"^measure must be one of 's', 'a'; got 'b'$"):
        v.check_choice("b", "measure", ("s", "a"))


# -- randomness, profiles, models ---------------------------------------------------------------
def test_to_rng_seeds_and_generators():
    assert v.to_rng(3).random() == np.random.default_rng(3).random()
    assert v.to_rng(np.int64(3)).random() == np.random.default_rng(3).random()
    gen = np.random.default_rng(0)
    assert v.to_rng(gen) is gen
    assert isinstance(v.to_rng(None), np.random.Generator)
    for bad in (-1, 1.5, "seed", True):
        with pytest.raises(
            ah.ValidationError, match=r"^rng must be None, a non-negative integer seed"
        ):
            v.to_rng(bad)


# -- deprecations -------------------------------------------------------------------------------
def _renamed(*args: Any, new: Any = None) -> Any:  # a function whose argument became keyword-only
    if args:
        (new,) = v.from_positional(args, ("new",), call="f", current=(new,), spelling="f(new=...)")
    return new


def test_deprecation_warnings_point_at_the_callers_line():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert _renamed(5) == 5
    (w,) = caught
    assert w.category is DeprecationWarning
    assert w.filename == __file__
    assert str(w.message) == "passing new to f() by position is deprecated; use f(new=...) instead"


def test_from_positional_refuses_ambiguity():
    assert _renamed(new=4) == 4
    with pytest.raises(ah.ArgumentTypeError, match=r"^f\(\) got new by position and as a keyword"):
        _renamed(1, new=2)
    with pytest.raises(ah.ArgumentTypeError, match=r"^f\(\) takes new as keywords; got 2 extra"):
        _renamed(1, 2)


# -- attrs field validators ---------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class _Record:
    flag: bool = attrs.field(default=True, validator=v.boolean)
    share: float = attrs.field(default=0.5, validator=v.unit_interval)
    weight: float = attrs.field(default=1.0, validator=v.positive)
    count: int = attrs.field(default=0, validator=v.at_least(0))
    year: int = attrs.field(default=2000, validator=v.year)
    left: int | None = attrs.field(default=None, validator=v.optional_year)
    name: str = attrs.field(default="x", validator=v.identifier)
    label: str = attrs.field(default="X", validator=v.non_empty)
    code: str = attrs.field(default="USA", validator=v.member_code)


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"flag": "no"}, r"^_Record\.flag must be True or False; got 'no'$"),
        ({"share": 1.5}, r"^_Record\.share must lie in \[0, 1\]; got 1\.5$"),
        ({"share": math.nan}, r"^_Record\.share must be a finite number, e\.g\. 0\.5; got nan$"),
        ({"weight": 0}, r"^_Record\.weight must be > 0; got 0$"),
        ({"weight": math.inf}, r"^_Record\.weight must be a finite number; got inf$"),
        ({"count": -1}, r"^_Record\.count must be a whole number >= 0; got -1$"),
        ({"year": 0}, r"^_Record\.year must be a year, a whole number from 1 to 9999; got 0$"),
        ({"left": 10_000}, r"^_Record\.left must be a year, a whole number from 1 to 9999"),
        ({"name": "-x"}, r"^_Record\.name must be an identifier"),
        ({"label": "  "}, r"^_Record\.label must be a non-empty string; got '  '$"),
        ({"code": "usa"}, r"^_Record\.code must be an ISO 3166 alpha-3 code in capitals"),
    ],
)
def test_field_validators_name_class_field_rule_and_value(changes, match):
    assert _Record().flag
    with pytest.raises(ah.ValidationError, match=match):
        _Record(**changes)


# -- the public classes' home -------------------------------------------------------------------
def test_public_classes_report_the_package_as_their_module():
    for name in ah.__all__:
        obj = getattr(ah, name)
        if isinstance(obj, type):
            assert obj.__module__ == "alliance_health", name
    assert ah.scenarios.Scenario.__module__ == "alliance_health.scenarios"
    assert ah.similarity.Pairwise.__module__ == "alliance_health.similarity"
    with pytest.raises(ah.ValidationError) as err:
        ah.Observation(indicator="x", year=2006, value=math.nan, source="s")
    assert err.type.__module__ == "alliance_health"


def test_all_is_sorted_and_exports_the_types_of_the_top_level_functions():
    # constants first, then classes, then functions and modules, each alphabetical (ruff RUF022)
    kind = {True: 0, False: 1}
    assert ah.__all__ == sorted(ah.__all__, key=lambda n: (kind[n.isupper()], n[0].islower(), n))
    for name in ("ArgumentTypeError", "Evaluation", "Layout"):
        assert name in ah.__all__
    layout = ah.build_layout(ah.testing.minimal_profile(), [2006])
    assert isinstance(layout, ah.Layout)
    assert isinstance(
        ah.evaluate(layout, layout.normalise(layout.values), ah.Model()), ah.Evaluation
    )
