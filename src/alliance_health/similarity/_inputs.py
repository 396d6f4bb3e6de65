"""Constants, argument checks and the array helpers shared by every similarity measure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._errors import ValidationError

__all__ = [
    "CATEGORY_LIMIT",
    "CHUNK_BUDGET",
    "DISTANCES",
    "LABELS",
    "MEASURES",
    "SCALES",
    "Array",
    "Distance",
    "as_positions",
    "check_distance",
    "d_max",
    "delta",
    "prepare",
    "ratio",
]

Array = npt.NDArray[np.float64]
Distance = Literal["absolute", "squared", "nominal"]

DISTANCES: Final[tuple[Distance, ...]] = ("absolute", "squared", "nominal")
"""Distances between two positions: ``|a - b|``, ``(a - b)**2``, or 0/1 for equal/different.

``absolute`` gives partial credit in proportion to the gap (Signorino & Ritter's usual choice);
``squared`` penalises large gaps more (a defence pact against no tie counts nine times a one-step
difference on a 0-3 coding, not three times); ``nominal`` ignores the order of the codes.
"""

MEASURES: Final = ("s", "tau_b", "kappa", "pi", "a")
"""Names accepted by :func:`pairwise` and :func:`indicator`."""

SCALES: Final[Mapping[str, tuple[float, float]]] = {
    "s": (-1.0, 1.0),
    "tau_b": (-1.0, 1.0),
    "kappa": (-1.0, 1.0),
    "pi": (-1.0, 1.0),
    "a": (-1.0, 1.0),
}
"""The scale an indicator built on each measure declares.

S, tau-b and A lie in [-1, 1] by construction (see each function). kappa and pi are at most 1,
and at least -1 with squared distances; with absolute or nominal distances we know no proof that
they cannot fall below -1 (none did in our property tests), so :func:`to_observations` refuses
such a value with a :class:`ScaleError` rather than clipping it silently.
"""

LABELS: Final = {
    "s": "Signorino & Ritter's S",
    "tau_b": "Kendall's tau-b",
    "kappa": "Cohen's kappa",
    "pi": "Scott's pi",
    "a": "Benati & Capurri's A",
}
CATEGORY_LIMIT: Final = 64
CHUNK_BUDGET: Final = 1 << 22  # array elements per chunk of the O(n**2) paths (32 MiB)


def as_positions(value: npt.ArrayLike, name: str) -> Array:
    """``value`` as a float array with an item axis; infinities are refused (NaN is missing)."""
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        msg = f"{name} must be an array of numbers of shape (..., n_items); got {value!r}"
        raise ValidationError(msg) from None
    if arr.ndim == 0:
        msg = f"{name} must have at least one axis (the items); got the scalar {value!r}"
        raise ValidationError(msg)
    if np.isinf(arr).any():
        msg = f"{name} must be finite (use NaN for a missing item); got an infinite value"
        raise ValidationError(msg)
    return arr


def check_distance(distance: object) -> Distance:
    """``distance`` if it is one of :data:`DISTANCES`."""
    return _validate.check_choice(distance, "distance", DISTANCES)


def prepare(
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    weights: npt.ArrayLike | None,
    scale: tuple[float, float] | None,
) -> tuple[Array, Array, Array]:
    """Broadcast x, y and weights to one shape; zero the weight of items missing on either side."""
    xa, ya = as_positions(x, "x"), as_positions(y, "y")
    arrays = [xa, ya]
    if weights is not None:
        wa = as_positions(weights, "weights")
        if np.isnan(wa).any() or (wa < 0).any():
            msg = "weights must be finite and >= 0 (a weight of 0 leaves an item out)"
            raise ValidationError(msg)
        arrays.append(wa)
    try:
        shape = np.broadcast_shapes(*(a.shape for a in arrays))
    except ValueError:
        shapes = ", ".join(str(a.shape) for a in arrays)
        msg = (
            f"x, y (and weights) must broadcast to one shape (..., n_items); got shapes {shapes}."
            " The last axis is the items and must have the same length on both sides"
        )
        raise ValidationError(msg) from None
    xb, yb = np.broadcast_to(xa, shape), np.broadcast_to(ya, shape)
    w = np.ones(shape) if weights is None else np.broadcast_to(arrays[2], shape)
    if scale is not None:
        lo, hi = scale
        for name, arr in (("x", xb), ("y", yb)):
            off = (arr < lo) | (arr > hi)
            if off.any():
                where = tuple(int(i) for i in np.argwhere(off)[0])
                msg = (
                    f"{name}{list(where)} = {arr[where]} lies off the scale ({lo}, {hi}); every"
                    " position must lie on the declared scale, whose range is the maximum distance"
                )
                raise ValidationError(msg)
    missing = np.isnan(xb) | np.isnan(yb)
    if not missing.any():
        return xb, yb, w
    return np.where(missing, 0.0, xb), np.where(missing, 0.0, yb), np.where(missing, 0.0, w)


def delta(a: Array, b: Array, distance: Distance) -> Array:
    if distance == "absolute":
        return np.abs(a - b)
    if distance == "squared":
        return np.square(a - b)
    unequal: Array = (a != b).astype(np.float64)
    return unequal


def d_max(scale: tuple[float, float], distance: Distance) -> float:
    span = scale[1] - scale[0]
    return {"absolute": span, "squared": span * span, "nominal": 1.0}[distance]


def ratio(num: Array, den: Array) -> Array:
    """``num / den`` with NaN where ``den`` is zero, without a floating-point warning."""
    out: Array = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out
