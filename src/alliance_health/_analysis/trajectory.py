"""Trajectories: an alliance's health and pillars over many years, in one vectorised pass."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._analysis.interval import Interval
from alliance_health._domain.pillar import PILLARS, Pillar, to_pillar
from alliance_health._domain.profile import Profile
from alliance_health._errors import InsufficientDataError, ValidationError
from alliance_health._present.result import Tabular
from alliance_health._present.table import Column, ColumnValues, Table
from alliance_health._scoring.arguments import to_model, to_profile
from alliance_health._scoring.engine import Layout, build_layout, evaluate
from alliance_health._scoring.model import Model
from alliance_health._scoring.select import CoverageTable, warn_thin

if TYPE_CHECKING:
    from alliance_health._analysis.uncertainty import UncertaintyResult

__all__ = ["Trajectory", "trajectory"]

Array = npt.NDArray[np.float64]
_BAND_LEVEL: Final = 0.9  # the confidence level of the bands in the table


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Trajectory(Tabular):
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
        across the years it serves (``bands`` is its deprecated spelling). With them, read
        :attr:`centre` and :meth:`interval` first; ``health`` is the as-coded score beside them.
    coverage : CoverageTable or None
        What each pillar rests on each year: ``coverage.observed_share`` (Y, 3),
        ``coverage.oldest_age`` (Y, 3) and ``coverage.at(year)``.

    Notes
    -----
    Its table (:meth:`table`) has one row per year; the columns are listed on the Tables page
    (:doc:`/tables`).

    Examples
    --------
    >>> import alliance_health as ah
    >>> t = ah.trajectory(ah.testing.minimal_profile(), n=256, rng=0)
    >>> t.at(2006)
    {'health': 0.5, 'shared_threat': 0.25, 'mutual_obligation': 1.0, 'consultation': 0.5}
    >>> iv = t.interval(0.9)
    >>> bool(iv.low[0] < t.centre[0] < iv.high[0])
    True
    >>> t.coverage.observed_share.tolist()
    [[1.0, 1.0, 1.0]]
    """

    profile_id: str
    name: str
    years: npt.NDArray[np.int64]
    health: Array
    pillars: Array
    model: Model
    draws: UncertaintyResult | None = None
    coverage: CoverageTable | None = None

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

    @property
    def centre(self) -> Array:
        """Median of the health draws of every year (needs ``n=``), inside :meth:`interval`."""
        if self.draws is None:
            msg = "this trajectory has no Monte Carlo draws; call trajectory(..., n=4096)"
            raise InsufficientDataError(msg)
        out: Array = np.median(self.draws.draws.reshape(self.draws.n, self.years.size), axis=0)
        return out

    def table(self) -> Table:
        """One row per year: the centre and interval of health first (with draws), then as coded.

        After the draws' columns come health and the pillars as coded, then each pillar's observed
        weight share and the age of the oldest observation used.
        """
        data: dict[str | Column, ColumnValues] = {"year": self.years}
        caption = f"Trajectory of {self.name} ({self.profile_id}), {self._span()}"
        if self.draws is not None:
            iv = self.interval(_BAND_LEVEL)
            data |= {
                "centre": self.centre,
                "low": np.asarray(iv.low),
                "high": np.asarray(iv.high),
                "confidence_level": np.full(self.years.size, _BAND_LEVEL),
            }
            caption += f", {self.draws.n} Monte Carlo draws (health as coded beside them)"
        data |= {"health": self.health, **{p.value: self.pillar(p) for p in PILLARS}}
        if self.coverage is not None:
            share = self.coverage.observed_share
            data |= {f"{p.value}_observed": share[:, k] for k, p in enumerate(PILLARS)}
            data["oldest_age"] = self.coverage.oldest_age.max(axis=1)
        return Table.from_columns(data, caption=caption, index=["year"], name="trajectory")

    def _span(self) -> str:
        first, last = int(self.years[0]), int(self.years[-1])
        return str(first) if first == last else f"{first}-{last}"


def trajectory(
    profile: Profile | str,
    years: Sequence[int] | npt.ArrayLike | None = None,
    *,
    model: Model | None = None,
    n: int | None = None,
    rng: int | np.random.Generator | None = None,
    layout: Layout | None = None,
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
    layout : Layout, optional
        A ready layout of ``profile`` (:func:`build_layout`); its years are scored (``years``
        must then be None or the same years).

    Returns
    -------
    Trajectory

    Raises
    ------
    InsufficientDataError
        An explicitly requested year lacks a pillar, or no year is scorable.

    Warns
    -----
    CoverageWarning
        A pillar rests on less than ``model.coverage_threshold`` of its declared weight in some
        year (one warning, naming every such pillar and year).

    Examples
    --------
    >>> import alliance_health as ah
    >>> t = ah.trajectory(ah.testing.minimal_profile())
    >>> t.years.tolist(), t.health.round(3).tolist()
    ([2006], [0.5])
    """
    profile = to_profile(profile)
    model = to_model(model)
    if layout is None:
        layout = default_layout(profile, years)
    elif layout.profile != profile or (
        years is not None and np.asarray(years).tolist() != layout.years.tolist()
    ):
        msg = "layout= must be a layout of this profile and of the years asked for (or years=None)"
        raise ValidationError(msg)
    warn_thin(layout.coverage_table(), model.coverage_threshold, profile.name)
    ev = evaluate(layout, layout.normalise(layout.values), model)
    draws = None
    if n is not None:
        from alliance_health._analysis.uncertainty import uncertainty_of_layout  # noqa: PLC0415

        draws = uncertainty_of_layout(
            layout, n=_validate.check_n(n), rng=_validate.to_rng(rng), model=model
        )
    return Trajectory(
        profile_id=profile.id,
        name=profile.name,
        years=layout.years,
        health=ev.health,
        pillars=ev.pillars,
        model=model,
        draws=draws,
        coverage=layout.coverage_table(),
    )


def default_layout(profile: Profile, years: Sequence[int] | npt.ArrayLike | None) -> Layout:
    """The layout of ``years``, or of every scorable year of the profile's span (one selection)."""
    if years is not None:
        return build_layout(profile, years)
    span = profile.years
    if span is None:
        msg = f"no year of {profile.name!r} has data for all three pillars"
        raise InsufficientDataError(msg)
    return build_layout(
        profile, np.arange(max(profile.founded, span[0]), span[1] + 1), drop_unscorable=True
    )
