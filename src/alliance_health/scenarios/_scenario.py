"""The :class:`Scenario` object and the moves its options are made of."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._domain.indicator import Indicator
from alliance_health._domain.pillar import Pillar

__all__ = ["BUILD", "CLOSE", "DRIFT", "Move", "Scenario", "Target"]

Array = npt.NDArray[np.float64]
# A move maps (values (K, T) in [0, 1], years ahead (T,), indicators (K,)) to new values.
Move = Callable[[Array, Array, Sequence[Indicator]], Array]
Select = Callable[[Indicator], bool]

BUILD: Final = 1
DRIFT: Final = 2
CLOSE: Final = 3


@attrs.frozen(kw_only=True)
class Target:
    """What an option acts on: words for messages, a test of each indicator, and a fix."""

    description: str
    select: Select = attrs.field(repr=False)
    fix: str = ""


@attrs.frozen(kw_only=True, eq=False)
class Scenario:
    """One option for the alliance's future; build with :func:`hedge`, :func:`drift`, ...

    Attributes
    ----------
    name : str
        The option's name.
    stage : int
        Composition stage: 1 builds up, 2 drift, 3 close (see the module notes).
    parameters : Mapping[str, Any]
        The parameters it was built with.
    assumes : str
        What it assumes, in words, with the essay's wording.
    move : callable
        The transformation of the normalised values, as ``move(x, years_ahead, indicators)``.
    close_year : int or None
        The year the alliance ends (:func:`close` only).
    targets : tuple
        What the option must find among the profile's indicators to change anything;
        :func:`project` refuses a profile that observes none of one of them.

    Examples
    --------
    >>> from alliance_health import scenarios
    >>> s = scenarios.hedge(threats=["china-rise"], floor=0.6)
    >>> s
    hedge(threats=('china-rise',), floor=0.6)
    >>> s.stage, s.assumes
    (1, 'recognition of hedged threats raised to a common floor; synchrony likewise')
    """

    name: str
    stage: int
    parameters: Mapping[str, Any]
    assumes: str
    move: Move = attrs.field(repr=False)
    close_year: int | None = None
    targets: tuple[Target, ...] = attrs.field(default=(), repr=False)

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.parameters.items())
        return f"{self.name}({params})"


def standard(*ids: str) -> Target:
    """The indicators following any of the catalogue standards ``ids``."""
    names = " or ".join(repr(i) for i in ids)
    plural = "s" if len(ids) > 1 else ""
    return Target(
        description=f"indicators following the catalogue standard{plural} {names}",
        select=lambda i: i.standard in ids,
        fix=f"add one (catalogue.get({ids[0]!r}).indicator()) or ",
    )


def threats(chosen: tuple[str, ...] | None) -> Target:
    """The shared-threat indicators of the ``chosen`` threats (``None``: of every threat)."""
    which = "" if chosen is None else f" of {', '.join(repr(t) for t in chosen)}"
    return Target(
        description=f"shared-threat indicators{which}",
        select=lambda i: (
            i.pillar is Pillar.SHARED_THREAT and (chosen is None or i.threat in chosen)
        ),
    )


def raise_to(floor: float, select: Select) -> Move:
    """Raise the selected indicators to at least ``floor``; leave the others."""

    def move(x: Array, _ahead: Array, inds: Sequence[Indicator]) -> Array:
        mask = np.array([select(i) for i in inds], dtype=bool)[:, None]
        return np.where(mask, np.maximum(x, floor), x)

    return move


def add(gain: float, select: Select) -> Move:
    """Add ``gain`` to the selected indicators, capped at 1."""

    def move(x: Array, _ahead: Array, inds: Sequence[Indicator]) -> Array:
        mask = np.array([select(i) for i in inds], dtype=bool)[:, None]
        return np.where(mask, np.minimum(x + gain, 1.0), x)

    return move


def compose(*moves: Move) -> Move:
    """Apply ``moves`` one after the other."""

    def move(x: Array, ahead: Array, inds: Sequence[Indicator]) -> Array:
        for m in moves:
            x = m(x, ahead, inds)
        return x

    return move
