"""Dated events that anchor comparisons and explain findings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from alliance_health import _validate
from alliance_health._errors import ValidationError

__all__ = ["Event"]


def _to_date(value: Any) -> dt.date:  # noqa: ANN401  (a converter takes anything)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    msg = f"Event.date must be a date or an ISO string 'YYYY-MM-DD'; got {value!r}"
    raise ValidationError(msg)


def _to_tags(value: Any) -> tuple[str, ...]:  # noqa: ANN401
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        msg = f"Event.tags must be a list of strings; got {value!r}"
        raise ValidationError(msg)
    return tuple(value)


def _tags(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for tag in value:
        _validate.identifier(instance, attribute, tag)
    if len(set(value)) != len(value):
        msg = f"{_validate.where(instance, attribute)} must not repeat a tag; got {value!r}"
        raise ValidationError(msg)


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened to an alliance on a known date.

    Parameters
    ----------
    id : str
        Identifier, e.g. ``"dprk-nuclear-test-2006"``.
    date : datetime.date or str
        The date (ISO strings are converted).
    title : str
        What happened.
    source : str
        Key of the :class:`Source` that reports it.
    tags : tuple of str, optional
        Labels used by the analysis, e.g. ``"unilateral"``, ``"threat-shock"``, ``"anchor"``.

    Examples
    --------
    >>> Event(id="e", date="2006-10-09", title="Nuclear test", source="s").year
    2006
    """

    id: str = attrs.field(validator=_validate.identifier)
    date: dt.date = attrs.field(converter=_to_date)
    title: str = attrs.field(validator=_validate.non_empty)
    source: str = attrs.field(validator=_validate.identifier)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_to_tags, validator=_tags)

    @property
    def year(self) -> int:
        """The calendar year of the event."""
        return self.date.year
