"""Codings: one coder's value for one unit, and the tables alpha is computed from."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import numpy as np

from alliance_health import Profile, catalogue
from alliance_health._errors import ArgumentTypeError, DuplicateError, ValidationError
from alliance_health.reliability._table import METRICS, Array

__all__ = [
    "Coding",
    "Disagreement",
    "as_coding",
    "as_profile",
    "check_unique",
    "choose_metrics",
    "definitions",
    "disagreements_of",
    "table_of",
]


def _text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        msg = (
            f"{type(instance).__name__}.{attribute.name} must be a non-empty string; got {value!r}"
        )
        raise ValidationError(msg)


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        msg = f"Coding.value must be a number; got {value!r}"
        raise ValidationError(msg)
    number = float(value) + 0.0  # -0 reads as 0
    if not math.isfinite(number):
        msg = f"Coding.value must be finite; got {value!r}"
        raise ValidationError(msg)
    return number


def _optional_number(value: object) -> float | None:
    return None if value is None else _number(value)


@attrs.frozen(kw_only=True)
class Coding:
    """One coder's value for one (indicator, member, year), as returned on a coding sheet.

    Parameters
    ----------
    indicator : str
        Indicator id (a profile's, or a :mod:`~alliance_health.catalogue` definition's).
    member : str or None
        Member code, ``None`` for the alliance as a whole.
    year : int
        The year coded.
    coder : str
        Who coded it.
    value : float
        The coded value, on the indicator's scale.
    lo, hi : float or None, optional
        The coder's plausible range around ``value``, if given.
    note : str, optional
        The coder's evidence.
    origin : str, optional
        Where the coding was read (``"kim.csv, line 3"``), so that an error about it can name
        the line; :func:`read_sheets` fills it. It takes no part in equality.

    Examples
    --------
    >>> Coding(indicator="joint-operations", member=None, year=2006, coder="kim", value=2).key
    ('joint-operations', None, 2006)
    """

    indicator: str = attrs.field(validator=_text)
    member: str | None
    year: int = attrs.field(converter=int)
    coder: str = attrs.field(validator=_text)
    value: float = attrs.field(converter=_number)
    lo: float | None = attrs.field(default=None, converter=_optional_number)
    hi: float | None = attrs.field(default=None, converter=_optional_number)
    note: str = ""
    origin: str = attrs.field(default="", eq=False, repr=False)

    @property
    def key(self) -> tuple[str, str | None, int]:
        """``(indicator, member, year)``: the unit coded."""
        return (self.indicator, self.member, self.year)


@attrs.frozen(kw_only=True)
class Disagreement:
    """The codes of one unit and how far apart they are.

    Attributes
    ----------
    indicator, member, year
        The unit.
    codes : tuple of (str, float)
        ``(coder, value)`` pairs, by coder.
    spread : float
        Largest minus smallest code, in the indicator's units.
    relative_spread : float
        ``spread`` over the width of the indicator's scale (over the range of its codes when the
        scale is unknown), so that indicators on different scales can be ranked together.

    Examples
    --------
    >>> from alliance_health.reliability import reliability_from_codings
    >>> report = reliability_from_codings(
    ...     [
    ...         ("pledge", None, 2000, "a", 1),
    ...         ("pledge", None, 2000, "b", 3),
    ...         ("pledge", None, 2001, "a", 2),
    ...         ("pledge", None, 2001, "b", 2),
    ...     ]
    ... )
    >>> report.disagreements[0].codes, report.disagreements[0].spread
    ((('a', 1.0), ('b', 3.0)), 2.0)
    """

    indicator: str
    member: str | None
    year: int
    codes: tuple[tuple[str, float], ...]
    spread: float
    relative_spread: float


def as_coding(row: object) -> Coding:
    if isinstance(row, Coding):
        return row
    if isinstance(row, tuple | list) and len(row) == 5:
        indicator, member, year, coder, value = row
        return Coding(indicator=indicator, member=member, year=year, coder=coder, value=value)
    msg = (
        "codings must be Coding objects or (indicator, member, year, coder, value) tuples;"
        f" got {row!r}"
    )
    raise ValidationError(msg)


def as_profile(value: object) -> Profile:
    """``value`` if it is a Profile; refuse anything else (a built-in id has no codings)."""
    if isinstance(value, Profile):
        return value
    msg = f"profile must be a Profile; got {type(value).__name__} {value!r:.60}"
    raise ArgumentTypeError(msg)


def definitions(indicators: Iterable[Any]) -> dict[str, Any]:
    """Indicator id to its definition (an Indicator or a catalogue Standard: unit and scale)."""
    known = {std.id: std for std in catalogue.STANDARDS}
    known.update({ind.id: ind for ind in indicators})
    return known


def choose_metrics(ids: list[str], defs: Mapping[str, Any], metric: object) -> dict[str, str]:
    overrides: Mapping[str, object] = metric if isinstance(metric, Mapping) else {}
    if metric is not None and not isinstance(metric, Mapping | str):
        msg = f"metric must be None, a metric name or a mapping indicator -> metric; got {metric!r}"
        raise ValidationError(msg)
    out = {}
    for ind in ids:
        unit = str(getattr(defs.get(ind), "unit", ""))
        default = "ordinal" if unit.startswith("ordinal") else "interval"
        chosen = metric if isinstance(metric, str) else overrides.get(ind, default)
        if chosen not in METRICS:
            msg = f"metric for {ind!r} must be one of {', '.join(METRICS)}; got {chosen!r}"
            raise ValidationError(msg)
        out[ind] = str(chosen)
    return out


def check_unique(codings: list[Coding]) -> None:
    seen: set[tuple[str, str | None, int, str]] = set()
    for c in codings:
        key = (*c.key, c.coder)
        if key in seen:
            msg = (
                f"codings must hold one value per (indicator, member, year, coder); repeated:"
                f" {key}; keep one of them"
            )
            raise DuplicateError(msg)
        seen.add(key)


def table_of(
    codings: list[Coding],
) -> tuple[Array, list[tuple[str | None, int]], list[str]]:
    """The (coders, units) table of one indicator's codings, NaN where a coder left a unit."""
    coders, coder_idx = np.unique([c.coder for c in codings], return_inverse=True)
    units = sorted({(c.member, c.year) for c in codings}, key=lambda u: (u[0] or "", u[1]))
    where = {u: i for i, u in enumerate(units)}
    unit_idx = np.array([where[(c.member, c.year)] for c in codings], dtype=np.intp)
    table = np.full((coders.size, len(units)), np.nan)
    table[coder_idx, unit_idx] = [c.value for c in codings]
    return table, units, [str(c) for c in coders]


def disagreements_of(
    ind: str,
    codes: Array,
    units: list[tuple[str | None, int]],
    coders: list[str],
    scale: tuple[float, float] | None,
) -> list[Disagreement]:
    with np.errstate(invalid="ignore"):
        spread = np.nanmax(codes, axis=0) - np.nanmin(codes, axis=0)
    observed = float(np.nanmax(codes) - np.nanmin(codes))
    width = scale[1] - scale[0] if scale is not None else observed or 1.0
    out = []
    for u in np.flatnonzero(spread > 0):
        coded = np.flatnonzero(~np.isnan(codes[:, u]))
        member, year = units[u]
        out.append(
            Disagreement(
                indicator=ind,
                member=member,
                year=year,
                codes=tuple((coders[i], float(codes[i, u])) for i in coded),
                spread=float(spread[u]),
                relative_spread=float(spread[u] / width),
            )
        )
    return out
