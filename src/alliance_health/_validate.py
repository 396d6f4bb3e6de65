"""Every check of a field or an argument, and the deprecation of renamed arguments.

Field validators for attrs classes (``validator(instance, attribute, value)``) name ``Class.field``
in their messages; argument checks ``check_*(value, name)`` and resolvers ``to_*(value)`` name the
argument and return the value normalised (a float, an int, a Generator). Both share their rules and
wording: a message names the field or argument, the rule, the value and, where obvious, the fix.
"""

from __future__ import annotations

import math
import numbers
import operator
import re
import warnings
from typing import Any, Final, TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._errors import ArgumentTypeError, ValidationError

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "at_least",
    "boolean",
    "check_choice",
    "check_confidence",
    "check_confidence_level",
    "check_finite",
    "check_in_range",
    "check_iso3",
    "check_n",
    "check_power_of_two",
    "check_scale",
    "check_whole",
    "check_year",
    "check_years",
    "deprecated",
    "finite",
    "from_positional",
    "identifier",
    "member_code",
    "non_empty",
    "optional_year",
    "positive",
    "to_pair",
    "to_rng",
    "unit_interval",
    "where",
    "year",
]

T = TypeVar("T")
FIRST_YEAR: Final = 1
LAST_YEAR: Final = 9999
_YEARS: Final = f"a whole number from {FIRST_YEAR} to {LAST_YEAR}"
_IDENTIFIER: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$")
_ISO3: Final = re.compile(r"^[A-Z]{3}$")


def _as_float(value: object) -> float:
    """``value`` as a float if it is a real number (numpy scalars included, bools not), else NaN."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return math.nan
    return float(value)


def _as_int(value: object) -> int | None:
    """``value`` as an int if it is a whole number (numpy integers included, bools not)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        return None
    return operator.index(value)


# -- argument checks ----------------------------------------------------------------------------
def check_finite(value: object, name: str, *, example: str | None = None) -> float:
    """Return ``value`` as a float if it is a finite real number; raise naming ``name``."""
    number = _as_float(value)
    if not math.isfinite(number):
        eg = f", e.g. {example}" if example else ""
        msg = f"{name} must be a finite number{eg}; got {value!r}"
        raise ValidationError(msg)
    return number


def check_in_range(value: object, name: str, lo: float = 0.0, hi: float = 1.0) -> float:
    """Return ``value`` as a float if it is a finite number in ``[lo, hi]``."""
    number = check_finite(value, name, example=f"{(lo + hi) / 2:g}")
    if not lo <= number <= hi:
        msg = f"{name} must lie in [{lo:g}, {hi:g}]; got {value!r}"
        raise ValidationError(msg)
    return number


def check_whole(value: object, name: str, *, minimum: int, rule: str | None = None) -> int:
    """Return ``value`` as an int if it is a whole number >= ``minimum``.

    ``rule`` replaces the default wording of the rule (``a whole number >= minimum``).
    """
    number = _as_int(value)
    if number is None or number < minimum:
        msg = f"{name} must be {rule or f'a whole number >= {minimum}'}; got {value!r}"
        raise ValidationError(msg)
    return number


def check_n(n: object, *, minimum: int = 2, name: str = "n") -> int:
    """Return the number of draws ``n`` if it is a whole number >= ``minimum``."""
    return check_whole(
        n, name, minimum=minimum, rule=f"a whole number >= {minimum} (the number of draws)"
    )


def check_power_of_two(n: object, *, name: str = "n", why: str) -> int:
    """Return ``n`` if it is a power of two >= 2; the message gives ``why`` and the two nearest."""
    count = check_n(n, name=name)
    if count & (count - 1):
        lower = 1 << (count.bit_length() - 1)
        msg = f"{name} must be a power of two ({why}); got {count}: use {lower} or {2 * lower}"
        raise ValidationError(msg)
    return count


def check_confidence_level(value: object, name: str = "confidence_level") -> float:
    """Return a confidence level: a probability strictly between 0 and 1."""
    number = _as_float(value)
    if not 0 < number < 1:  # NaN fails too
        msg = f"{name} must be a number strictly between 0 and 1 (e.g. 0.9); got {value!r}"
        raise ValidationError(msg)
    return number


def check_confidence(value: object, level: object, *, call: str) -> float:
    """The confidence level given to ``call``: ``confidence_level``, or the deprecated ``level``."""
    if level is not None:
        deprecated(f"{call}(level=...)", f"{call}(confidence_level=...)", stacklevel=4)
        value = level
    return check_confidence_level(value)


def check_year(value: object, name: str = "year", *, hint: str = "") -> int:
    """Return ``value`` as an int if it is one calendar year from 1 to 9999.

    ``hint`` (e.g. ``" (sensitivity analyses one year)"``) follows the rule in the message.
    """
    number = _as_int(value)
    if number is None or not FIRST_YEAR <= number <= LAST_YEAR:
        msg = f"{name} must be one year, {_YEARS}{hint}; got {value!r}"
        raise ValidationError(msg)
    return number


def check_years(years: object, name: str = "year") -> npt.NDArray[np.int64]:
    """Return one or several years as a 1-D int64 array: whole numbers 1-9999, none repeated."""
    arr = np.atleast_1d(np.asarray(years))
    if arr.ndim != 1 or arr.size == 0 or not np.issubdtype(arr.dtype, np.integer):
        msg = f"{name} must be {_YEARS} (or a sequence of them); got {years!r}"
        raise ValidationError(msg)
    off = arr[(arr < FIRST_YEAR) | (arr > LAST_YEAR)]
    if off.size:
        msg = f"{name} must be {_YEARS}; got {int(off[0])}"
        raise ValidationError(msg)
    if np.unique(arr).size != arr.size:
        msg = f"{name}s must not repeat; got {arr.tolist()}"
        raise ValidationError(msg)
    return arr.astype(np.int64)


def check_iso3(value: object, name: str) -> str:
    """Return ``value`` if it is an ISO 3166 alpha-3 code in capitals."""
    if not isinstance(value, str) or not _ISO3.match(value):
        rule = "an ISO 3166 alpha-3 code in capitals (e.g. 'USA', 'KOR')"
        msg = f"{name} must be {rule}; got {value!r}"
        raise ValidationError(msg)
    return value


def to_pair(value: Any, name: str) -> tuple[float, float]:  # noqa: ANN401  (anything is checked)
    """Return ``value`` as a pair of floats ``(lo, hi)``."""
    try:
        lo, hi = value
        return (float(lo), float(hi))
    except (TypeError, ValueError):
        msg = (
            f"{name} must be a pair (lo, hi): the lowest and highest possible value; got {value!r}"
        )
        raise ValidationError(msg) from None


def check_scale(value: object, name: str = "scale") -> tuple[float, float]:
    """Return a declared scale: a pair ``(lo, hi)`` of finite numbers with ``lo < hi``."""
    lo, hi = to_pair(value, name)
    if not (math.isfinite(lo) and math.isfinite(hi)) or lo >= hi:
        msg = f"{name} must be finite with lo < hi, e.g. (0, 100); got {value!r}"
        raise ValidationError(msg)
    return lo, hi


def check_choice(value: object, name: str, options: tuple[T, ...]) -> T:
    """Return the one of ``options`` that ``value`` equals."""
    if value not in options:
        listed = ", ".join(repr(o) for o in options)
        msg = f"{name} must be one of {listed}; got {value!r}"
        raise ValidationError(msg)
    return options[options.index(value)]


def to_rng(rng: object) -> np.random.Generator:
    """Turn ``rng`` (None, a non-negative int seed, or a Generator) into a Generator.

    ``None`` draws fresh entropy from the operating system: results then differ between calls.
    """
    if rng is None or isinstance(rng, np.random.Generator):
        return np.random.default_rng(rng)
    seed = _as_int(rng)
    if seed is not None and seed >= 0:
        return np.random.default_rng(seed)
    msg = (
        "rng must be None, a non-negative integer seed or a numpy.random.Generator;"
        f" got {type(rng).__name__} {rng!r}"
    )
    raise ValidationError(msg)


# -- deprecations -------------------------------------------------------------------------------
def deprecated(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` is deprecated in favour of ``new`` (both as the user would write them).

    The default ``stacklevel`` points at the caller of the function that calls this one.
    """
    msg = f"{old} is deprecated; use {new} instead"
    warnings.warn(msg, DeprecationWarning, stacklevel=stacklevel)


def from_positional(
    args: tuple[object, ...],
    names: tuple[str, ...],
    *,
    call: str,
    current: tuple[object, ...],
    spelling: str,
) -> tuple[Any, ...]:
    """Keyword-only arguments ``names`` given by position (deprecated): warn and return them.

    ``current`` holds their keyword values (None when not given); ``spelling`` is the call as it
    should be written, for the warning. More positional values than ``names``, or a value given
    both ways, is an :class:`ArgumentTypeError`.
    """
    if len(args) > len(names):
        msg = (
            f"{call}() takes {', '.join(names)} as keywords; got {len(args)} extra positional"
            f" arguments {args!r}"
        )
        raise ArgumentTypeError(msg)
    values = list(current)
    for k, value in enumerate(args):
        if current[k] is not None:
            msg = f"{call}() got {names[k]} by position and as a keyword; write {names[k]}= once"
            raise ArgumentTypeError(msg)
        values[k] = value
    given = ", ".join(names[: len(args)])
    deprecated(f"passing {given} to {call}() by position", spelling, stacklevel=4)
    return tuple(values)


# -- field validators (attrs) -------------------------------------------------------------------
def where(instance: object, attribute: attrs.Attribute[Any]) -> str:
    """Return ``Class.field`` for use in an error message."""
    return f"{type(instance).__name__}.{attribute.name}"


def boolean(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Require ``True`` or ``False`` (not a string such as ``"no"``, which would be truthy)."""
    if not isinstance(value, bool):
        msg = f"{where(instance, attribute)} must be True or False; got {value!r}"
        raise ValidationError(msg)


def finite(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    """Reject NaN and infinities, which would otherwise propagate silently into every score."""
    check_finite(value, where(instance, attribute))


def positive(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    """Require a finite number strictly above zero."""
    if check_finite(value, where(instance, attribute)) <= 0:
        msg = f"{where(instance, attribute)} must be > 0; got {value!r}"
        raise ValidationError(msg)


def unit_interval(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    """Require a finite number in [0, 1]."""
    check_in_range(value, where(instance, attribute))


def at_least(bound: int) -> Any:  # noqa: ANN401  (an attrs validator has no public type)
    """Return a validator that requires a whole number >= ``bound``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
        check_whole(value, where(instance, attribute), minimum=bound)

    return check


def year(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    """Require a calendar year as a plain integer between 1 and 9999."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not FIRST_YEAR <= value <= LAST_YEAR
    ):
        msg = f"{where(instance, attribute)} must be a year, {_YEARS}; got {value!r}"
        raise ValidationError(msg)


def optional_year(instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    """Like :func:`year`, but ``None`` is allowed."""
    if value is not None:
        year(instance, attribute, value)


def non_empty(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Require a string with visible text."""
    if not isinstance(value, str) or not value.strip():
        msg = f"{where(instance, attribute)} must be a non-empty string; got {value!r}"
        raise ValidationError(msg)


def identifier(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Require an identifier: letters, digits and ``_ . : -``, starting with a letter or digit."""
    if not isinstance(value, str) or not _IDENTIFIER.match(value):
        msg = (
            f"{where(instance, attribute)} must be an identifier (letters, digits, '_', '.', ':'"
            f" or '-', starting with a letter or digit); got {value!r}"
        )
        raise ValidationError(msg)


def member_code(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Require an ISO 3166 alpha-3 code in capitals, e.g. ``"KOR"``."""
    check_iso3(value, where(instance, attribute))
