"""Intervals: an equal-tailed interval of Monte Carlo draws, and how to state a centre with it."""

from __future__ import annotations

import math
import numbers

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._errors import ValidationError

__all__ = ["AS_CODED_NOTE", "Interval", "finite"]

Array = npt.NDArray[np.float64]

AS_CODED_NOTE = (
    "centre: median of the draws, inside its interval; as coded: the score of the coded values"
    " alone, which the minimum and maximum rules and the power mean's curvature can move away"
    " from the centre (see 'Missing and stale data' in the methods)"
)


@attrs.frozen(kw_only=True)
class Interval:
    """An equal-tailed interval ``[low, high]`` holding a share ``level`` of the draws.

    ``low`` and ``high`` are floats for one year and arrays (one entry per year, or per input)
    otherwise.

    Examples
    --------
    >>> Interval(low=0.25, high=0.5, level=0.9)
    Interval(low=0.25, high=0.5, level=0.9)
    >>> Interval(low=0.25, high=0.5, level=0.9).width
    0.25
    """

    low: float | Array
    high: float | Array
    level: float

    @property
    def width(self) -> float | Array:
        """``high - low``."""
        return self.high - self.low

    def contains(self, value: float | Array) -> bool:
        """Whether every ``value`` lies in ``[low, high]`` (bounds included).

        The centre of the draws (their median) always does; the as-coded score need not: under
        the minimum and maximum rules, or the power mean's curvature, the score of the coded
        values is not the median of the scores of the draws. Read both numbers.

        Examples
        --------
        >>> Interval(low=0.25, high=0.5, level=0.9).contains(0.6)
        False
        """
        return bool(np.all((self.low <= value) & (value <= self.high)))


def finite(value: object, name: str) -> float:
    """Return ``value`` as a float if it is a finite real number; raise naming ``name``."""
    real = isinstance(value, numbers.Real) and not isinstance(value, bool)
    number = float(value) if real else math.nan  # type: ignore[arg-type]
    if not math.isfinite(number):
        msg = f"{name} must be a finite number, e.g. 0.5; got {value!r}"
        raise ValidationError(msg)
    return number
