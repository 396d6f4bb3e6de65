"""Observations: one value of one indicator, for one year and (optionally) one member."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import attrs

from alliance_health import _validate
from alliance_health._errors import ValidationError
from alliance_health._present.table import Column

__all__ = ["UNCERTAINTY_FIELDS", "Exact", "Observation", "Range", "Survey", "Uncertainty"]


@attrs.frozen
class Exact:
    """A value known without error: a treaty clause, a date, a count from an official record.

    Examples
    --------
    >>> Exact()
    Exact()
    """


@attrs.frozen
class Survey:
    """A percentage from a sample of ``n`` respondents.

    Monte Carlo draws use a Beta with the Jeffreys posterior's concentration n + 1 and its median
    at the reported share (Brown, Cai & DasGupta 2001). Use an honest ``n``: where a report gives
    only a margin of error, n is about ``(1.96 / margin) ** 2 / 4`` (margin as a fraction); say
    so in the observation's note.

    Examples
    --------
    >>> Survey(n=1000).n
    1000
    """

    n: int = attrs.field(validator=_validate.at_least(1))


@attrs.frozen
class Range:
    """An expert coding's plausible range ``[lo, hi]`` around the coded value.

    Monte Carlo draws use a two-piece triangular distribution on ``[lo, hi]`` with its mode and
    median at the coded value.

    Examples
    --------
    >>> Range(2, 4)
    Range(lo=2.0, hi=4.0)
    """

    lo: float = attrs.field(converter=float, validator=_validate.finite)
    hi: float = attrs.field(converter=float, validator=_validate.finite)

    @hi.validator
    def _ordered(self, attribute: attrs.Attribute[Any], value: float) -> None:
        if value < self.lo:
            msg = f"Range.{attribute.name} must be >= lo; got lo={self.lo!r}, hi={value!r}"
            raise ValidationError(msg)


Uncertainty = Exact | Survey | Range
"""How sure a value is: :class:`Exact`, :class:`Survey` or :class:`Range`."""


def _to_value(value: Any) -> float:  # noqa: ANN401  (a converter takes anything)
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"Observation.value must be a number; got {value!r}"
        raise ValidationError(msg)
    return float(value)


def _uncertainty(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Exact | Survey | Range):
        msg = (
            f"{_validate.where(instance, attribute)} must be Exact(), Survey(n=...) or"
            f" Range(lo, hi); got {value!r}"
        )
        raise ValidationError(msg)


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _validate.non_empty(instance, attribute, value)


@attrs.frozen(kw_only=True)
class Observation:
    """One value of an indicator in one year.

    Parameters
    ----------
    indicator : str
        Id of the :class:`Indicator`.
    year : int
        Year the value describes.
    value : float
        The value, in the indicator's units and on its scale.
    source : str
        Key of the :class:`Source` it comes from.
    member : str or None, optional
        Member code (ISO 3166 alpha-3) for a member's value; ``None`` for the alliance as a whole.
    uncertainty : Exact, Survey or Range, optional
        How sure the value is. Default :class:`Exact`.
    note : str, optional
        Rationale and evidence. Required for expert codings.
    question : str or None, optional
        The survey question the value answers, when stated; it must be the question of its
        indicator (:attr:`Indicator.question`), checked by :class:`Profile`.
    coder : str or None, optional
        Who coded the value (a person or team), for expert codings coded independently by
        several coders: a profile may hold one coding per coder of the same (indicator, member,
        year), but not two by the same coder.

    Examples
    --------
    >>> obs = Observation(
    ...     indicator="nk-threat",
    ...     year=2006,
    ...     value=30,
    ...     member="KOR",
    ...     source="ccga-2006",
    ...     uncertainty=Survey(n=1000),
    ... )
    >>> obs.key
    ('nk-threat', 'KOR', 2006)
    """

    indicator: str = attrs.field(validator=_validate.identifier)
    year: int = attrs.field(validator=_validate.year)
    value: float = attrs.field(converter=_to_value, validator=_validate.finite)
    source: str = attrs.field(validator=_validate.identifier)
    member: str | None = None
    uncertainty: Uncertainty = attrs.field(factory=Exact, validator=_uncertainty)
    note: str = ""
    question: str | None = attrs.field(default=None, validator=_optional_text)
    coder: str | None = attrs.field(default=None, validator=_optional_text)

    @uncertainty.validator
    def _range_holds_value(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, Range) and not value.lo <= self.value <= value.hi:
            msg = (
                f"Observation.{attribute.name} of {self.indicator!r} ({self.member}, {self.year}):"
                f" the range [{value.lo}, {value.hi}] must contain the coded value {self.value}"
            )
            raise ValidationError(msg)

    @property
    def key(self) -> tuple[str, str | None, int]:
        """``(indicator, member, year)``: unique within a profile for each coder."""
        return (self.indicator, self.member, self.year)


UNCERTAINTY_FIELDS: Final[dict[str | Column, Callable[[Observation], object]]] = {
    "uncertainty": lambda o: type(o.uncertainty).__name__.lower(),
    "survey_n": lambda o: o.uncertainty.n if isinstance(o.uncertainty, Survey) else None,
    "range_lo": lambda o: o.uncertainty.lo if isinstance(o.uncertainty, Range) else None,
    "range_hi": lambda o: o.uncertainty.hi if isinstance(o.uncertainty, Range) else None,
}
"""Table columns of an observation's uncertainty, as numbers: kind (``exact``, ``survey``,
``range``), the survey's sample size and the range's bounds (blank where they do not apply)."""
