"""Trajectories: an alliance's health and pillars over many years, in one vectorised pass."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._analysis.interval import Interval
from alliance_health._domain.pillar import PILLARS, Pillar, to_pillar
from alliance_health._domain.profile import Profile
from alliance_health._errors import InsufficientDataError
from alliance_health._scoring.engine import build_layout, evaluate, scorable_years
from alliance_health._scoring.model import Model

if TYPE_CHECKING:
    from alliance_health._analysis.uncertainty import UncertaintyResult

__all__ = ["Trajectory", "trajectory"]

Array = npt.NDArray[np.float64]


@attrs.frozen(kw_only=True, eq=False)
class Trajectory:
    """Health and pillar scores of one alliance over a run of years.

    Attributes
    ----------
    profile_id, name : str
        The profile.
    years : numpy.ndarray of int, shape (Y,)
        The years scored.
    health : numpy.ndarray, shape (Y,)
        Health each year.
    pillars : numpy.ndarray, shape (Y, 3)
        Pillar scores each year, columns in :class:`Pillar` order.
    model : Model
        The aggregation model.
    draws : UncertaintyResult or None
        Monte Carlo draws for every year when asked for (``n=``), sharing each observation's draw
        across the years it serves. (``bands`` is its deprecated spelling.)

    Examples
    --------
    >>> import alliance_health as ah
    >>> t = ah.trajectory(ah.testing.minimal_profile(), n=256, rng=0)
    >>> t.at(2006)
    {'health': 0.5, 'shared_threat': 0.25, 'mutual_obligation': 1.0, 'consultation': 0.5}
    >>> iv = t.interval(0.9)
    >>> bool(iv.low[0] < t.health[0] < iv.high[0])
    True
    """

    profile_id: str
    name: str
    years: npt.NDArray[np.int64]
    health: Array
    pillars: Array
    model: Model
    draws: UncertaintyResult | None = None

    @property
    def bands(self) -> UncertaintyResult | None:
        """Deprecated spelling of :attr:`draws`."""
        _validate.deprecated("Trajectory.bands", "Trajectory.draws")
        return self.draws

    def pillar(self, pillar: Pillar | str) -> Array:
        """The scores of one pillar over the years."""
        return self.pillars[:, PILLARS.index(to_pillar(pillar))]

    def at(self, year: int) -> dict[str, float]:
        """Health and pillar scores of one year as a plain dict."""
        hits = np.flatnonzero(self.years == year)
        if hits.size == 0:
            msg = (
                f"year {year} is not in this trajectory"
                f" ({int(self.years[0])}-{int(self.years[-1])})"
            )
            raise InsufficientDataError(msg)
        k = int(hits[0])
        row = {"health": float(self.health[k])}
        row |= {p.value: float(self.pillars[k, j]) for j, p in enumerate(PILLARS)}
        return row

    def interval(self, confidence_level: float = 0.9, *, level: float | None = None) -> Interval:
        """Equal-tailed interval of health for every year, as arrays (needs ``n=``).

        ``level`` is the deprecated spelling of ``confidence_level``. The interval used to be a
        tuple ``(low, high)``; unpacking it so still works, with a deprecation warning.
        """
        cl = _validate.check_confidence(confidence_level, level, call="interval")
        if self.draws is None:
            msg = "this trajectory has no Monte Carlo draws; call trajectory(..., n=4096)"
            raise InsufficientDataError(msg)
        iv = self.draws.interval(cl)
        return attrs.evolve(iv, low=np.atleast_1d(iv.low), high=np.atleast_1d(iv.high))

    def to_frame(self) -> Any:  # noqa: ANN401  (pandas is optional, so no annotation)
        """A pandas DataFrame indexed by year (requires pandas)."""
        import pandas as pd  # noqa: PLC0415  (optional dependency)

        data = {"health": self.health} | {p.value: self.pillar(p) for p in PILLARS}
        return pd.DataFrame(data, index=pd.Index(self.years, name="year"))

    def _rows(self) -> list[tuple[int, float, float, float, float]]:
        return [
            (int(y), float(h), *(float(v) for v in row))  # type: ignore[misc]
            for y, h, row in zip(self.years, self.health, self.pillars, strict=True)
        ]

    def __repr__(self) -> str:
        head = f"Trajectory({self.profile_id!r}, {self.years.size} years)\n"
        cols = f"{'year':>6} {'health':>7} {'threat':>7} {'oblig.':>7} {'consult.':>8}"
        lines = [f"{y:>6} {h:7.3f} {a:7.3f} {b:7.3f} {c:8.3f}" for y, h, a, b, c in self._rows()]
        return head + cols + "\n" + "\n".join(lines)

    def _repr_html_(self) -> str:
        cells = "".join(
            f"<tr><td>{y}</td><td>{h:.3f}</td><td>{a:.3f}</td><td>{b:.3f}</td><td>{c:.3f}</td></tr>"
            for y, h, a, b, c in self._rows()
        )
        return (
            f"<table><caption>{html.escape(self.name)}</caption><tr><th>year</th><th>health</th>"
            "<th>shared threat</th><th>mutual obligation</th><th>consultation</th></tr>"
            f"{cells}</table>"
        )


def trajectory(
    profile: Profile | str,
    years: Sequence[int] | npt.ArrayLike | None = None,
    *,
    model: Model | None = None,
    n: int | None = None,
    rng: int | np.random.Generator | None = None,
) -> Trajectory:
    """Score every year of a profile at once.

    All years go through one call of the scoring arithmetic (the same as :func:`score`), on arrays
    with a year axis: no loop over years.

    Parameters
    ----------
    profile : Profile or str
        The alliance, or the id of a built-in profile (``"rok-us"``).
    years : sequence of int, optional
        Years to score. Default: every year from the founding (or first observation, if later) to
        the last observation in which all three pillars have data.
    model : Model, optional
        Aggregation model; default ``Model()``.
    n : int, optional
        If given, also make ``n`` Monte Carlo draws per year (:func:`uncertainty`) for intervals.
    rng : int or numpy.random.Generator, optional
        Seed for the draws (only with ``n``).

    Returns
    -------
    Trajectory

    Raises
    ------
    InsufficientDataError
        An explicitly requested year lacks a pillar, or no year is scorable.

    Examples
    --------
    >>> import alliance_health as ah
    >>> t = ah.trajectory(ah.testing.minimal_profile())
    >>> t.years.tolist(), t.health.round(3).tolist()
    ([2006], [0.5])
    """
    profile = _validate.to_profile(profile)
    model = _validate.to_model(model)
    ys = scorable_years(profile) if years is None else np.asarray(years)
    if np.size(ys) == 0:
        msg = f"no year of {profile.name!r} has data for all three pillars"
        raise InsufficientDataError(msg)
    layout = build_layout(profile, ys)
    ev = evaluate(layout, layout.normalise(layout.values), model)
    draws = None
    if n is not None:
        from alliance_health._analysis.uncertainty import uncertainty  # noqa: PLC0415  (lazy: scipy)

        draws = uncertainty(profile, years=layout.years.tolist(), n=n, rng=rng, model=model)
    return Trajectory(
        profile_id=profile.id,
        name=profile.name,
        years=layout.years,
        health=ev.health,
        pillars=ev.pillars,
        model=model,
        draws=draws,
    )
