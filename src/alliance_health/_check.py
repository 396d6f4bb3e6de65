"""Validators shared by the domain classes.

attrs calls each validator as ``validator(instance, attribute, value)``. Every message names
the class and field, the rule and the value, so that a user can find the offending line at once.
"""

from __future__ import annotations

import math
import re
from typing import Any

import attrs

from alliance_health._errors import ValidationError

__all__ = [
    "at_least",
    "boolean",
    "finite",
    "identifier",
    "non_empty",
    "optional_year",
    "positive",
    "where",
    "year",
]

_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$")


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
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        msg = f"{where(instance, attribute)} must be a finite number; got {value!r}"
        raise ValidationError(msg)


def positive(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    """Require a finite number strictly above zero."""
    finite(instance, attribute, value)
    if value <= 0:
        msg = f"{where(instance, attribute)} must be > 0; got {value!r}"
        raise ValidationError(msg)


def at_least(bound: int) -> Any:  # noqa: ANN401  (an attrs validator has no public type)
    """Return a validator that requires a whole number >= ``bound``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or value < bound:
            msg = f"{where(instance, attribute)} must be a whole number >= {bound}; got {value!r}"
            raise ValidationError(msg)

    return check


def year(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    """Require a calendar year as a plain integer between 1 and 9999."""
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 9999:
        msg = (
            f"{where(instance, attribute)} must be a year as a whole number; got {value!r}"
            " (years run from 1 to 9999)"
        )
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
