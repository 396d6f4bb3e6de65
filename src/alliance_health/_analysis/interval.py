"""Intervals: an equal-tailed interval of Monte Carlo draws, and how to state a centre with it."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._errors import ArgumentTypeError

__all__ = ["AS_CODED_NOTE", "Interval"]

Array = npt.NDArray[np.float64]

AS_CODED_NOTE = (
    "centre: median of the draws, inside its interval; as coded: the score of the coded values"
    " alone, which the minimum and maximum rules and the power mean's curvature can move away"
    " from the centre (see 'Missing and stale data' in the methods)"
)


@attrs.frozen(kw_only=True, init=False)
class Interval:
    """An equal-tailed interval ``[low, high]`` holding a share ``confidence_level`` of the draws.

    ``low`` and ``high`` are floats for one year and arrays (one entry per year, or per input)
    otherwise. The spelling ``level`` (argument and attribute) is deprecated.

    Examples
    --------
    >>> Interval(low=0.25, high=0.5, confidence_level=0.9)
    Interval(low=0.25, high=0.5, confidence_level=0.9)
    >>> Interval(low=0.25, high=0.5, confidence_level=0.9).width
    0.25
    """

    low: float | Array
    high: float | Array
    confidence_level: float

    def __init__(
        self,
        *,
        low: float | Array,
        high: float | Array,
        confidence_level: float | None = None,
        level: float | None = None,
    ) -> None:
        if level is not None:
            _validate.deprecated("Interval(level=...)", "Interval(confidence_level=...)")
            if confidence_level is not None:
                msg = "Interval() takes confidence_level= only; drop the deprecated level="
                raise ArgumentTypeError(msg)
            confidence_level = level
        if confidence_level is None:
            msg = "Interval() needs confidence_level=, e.g. Interval(..., confidence_level=0.9)"
            raise ArgumentTypeError(msg)
        self.__attrs_init__(low=low, high=high, confidence_level=confidence_level)

    @property
    def level(self) -> float:
        """Deprecated spelling of :attr:`confidence_level`."""
        _validate.deprecated("Interval.level", "Interval.confidence_level")
        return self.confidence_level

    def __iter__(self) -> Iterator[float | Array]:
        """Deprecated: unpack ``low, high``, as the tuple ``Trajectory.interval`` used to return."""
        _validate.deprecated("unpacking an Interval as low, high", "its .low and .high")
        return iter((self.low, self.high))

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
        >>> Interval(low=0.25, high=0.5, confidence_level=0.9).contains(0.6)
        False
        """
        return bool(np.all((self.low <= value) & (value <= self.high)))
