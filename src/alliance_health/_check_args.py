"""Validation of the arguments shared by the random and interval functions (n, level, rng)."""

from __future__ import annotations

import math
import numbers

import numpy as np

from alliance_health._errors import ValidationError

__all__ = ["check_level", "check_n", "to_rng"]


def check_n(n: object, *, minimum: int = 2, name: str = "n") -> int:
    """Return ``n`` if it is a whole number >= ``minimum``; raise a clear error otherwise."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or int(n) < minimum:
        msg = f"{name} must be a whole number >= {minimum} (the number of draws); got {n!r}"
        raise ValidationError(msg)
    return int(n)


def check_level(level: object) -> float:
    """Return ``level`` if it is a probability strictly between 0 and 1."""
    if (
        isinstance(level, bool)
        or not isinstance(level, numbers.Real)
        or not math.isfinite(float(level))
        or not 0 < float(level) < 1
    ):
        msg = f"level must be a number strictly between 0 and 1 (e.g. 0.9); got {level!r}"
        raise ValidationError(msg)
    return float(level)


def to_rng(rng: object) -> np.random.Generator:
    """Turn ``rng`` (None, a non-negative int seed, or a Generator) into a Generator.

    ``None`` draws fresh entropy from the operating system: results then differ between calls.
    """
    if rng is None or isinstance(rng, np.random.Generator):
        return np.random.default_rng(rng)
    seed = None if isinstance(rng, bool) else rng
    if isinstance(seed, numbers.Integral) and int(seed) >= 0:
        return np.random.default_rng(int(seed))
    msg = (
        "rng must be None, a non-negative integer seed or a numpy.random.Generator;"
        f" got {type(rng).__name__} {rng!r}"
    )
    raise ValidationError(msg)
