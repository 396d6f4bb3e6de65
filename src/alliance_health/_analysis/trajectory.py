"""Trajectories: an alliance's health and pillars over many years, in one vectorised pass."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._check_args import check_n, to_rng
from alliance_health._domain.pillar import PILLARS, Pillar, to_pillar
from alliance_health._domain.profile import Profile
from alliance_health._errors import InsufficientDataError, ValidationError
from alliance_health._scoring.engine import Layout, build_layout, evaluate
from alliance_health._scoring.model import Model
from alliance_health._scoring.select import CoverageTable, warn_thin

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
    bands : UncertaintyResult or None
        Monte Carlo draws for every year when asked for (``n=``), sharing each observation's draw
        across the years it serves. With them, read :attr:`centre` and :meth:`interval` first;
        ``health`` is the as-coded score beside them.
    coverage : CoverageTable or None
        What each pillar rests on each year: ``coverage.observed_share`` (Y, 3),
        ``coverage.oldest_age`` (Y, 3) and ``coverage.at(year)``.

    Examples
    --------
    >>> import alliance_health as ah
    >>> t = ah.trajectory(ah.testing.minimal_profile(), n=256, rng=0)
    >>> t.at(2006)
    {'health': 0.5, 'shared_threat': 0.25, 'mutual_obligation': 1.0, 'consultation': 0.5}
    >>> low, high = t.interval(0.9)
    >>> bool(low[0] < t.centre[0] < high[0])
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
    bands: UncertaintyResult | None = None
    coverage: CoverageTable | None = None

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

    @property
    def _bands(self) -> UncertaintyResult:
        if self.bands is None:
            msg = "this trajectory has no uncertainty bands; call trajectory(..., n=4096)"
            raise InsufficientDataError(msg)
        return self.bands

    @property
    def centre(self) -> Array:
        """Median of the health draws of every year (needs ``n=``), inside :meth:`interval`."""
        return np.median(self._bands.samples, axis=0)

    def interval(self, level: float = 0.9) -> tuple[Array, Array]:
        """Equal-tailed bands ``(low, high)`` of health for every year (needs ``n=``)."""
        lo, hi = self._bands.quantiles((1 - level) / 2, (1 + level) / 2)
        return lo, hi

    def _columns(self) -> dict[str, Array]:
        """Columns shown: centre and interval first when drawn, as-coded scores, coverage."""
        data: dict[str, Array] = {}
        if self.bands is not None:
            data["centre"] = self.centre
            data["q05"], data["q95"] = self.interval(0.9)
        data["health"] = self.health
        data |= {p.value: self.pillar(p) for p in PILLARS}
        if self.coverage is not None:
            share = self.coverage.observed_share
            data |= {f"{p.value}_observed_share": share[:, k] for k, p in enumerate(PILLARS)}
            data["oldest_age"] = self.coverage.oldest_age.max(axis=1).astype(np.float64)
        return data

    def to_frame(self) -> Any:  # noqa: ANN401  (pandas is optional, so no annotation)
        """A pandas DataFrame indexed by year (requires pandas).

        Columns: ``centre``, ``q05`` and ``q95`` (with ``n=``), the as-coded ``health`` and
        pillars, each pillar's observed weight share and the age of the oldest observation used.
        """
        import pandas as pd  # noqa: PLC0415  (optional dependency)

        return pd.DataFrame(self._columns(), index=pd.Index(self.years, name="year"))

    def _rows(self) -> tuple[list[str], list[list[str]]]:
        data = self._columns()
        names = {
            "health": "as coded" if self.bands is not None else "health",
            "shared_threat": "threat",
            "mutual_obligation": "oblig.",
            "consultation": "consult.",
            "q05": "5%",
            "q95": "95%",
        }
        keys = [k for k in data if not k.endswith("_share") and k != "oldest_age"]
        head = ["year", *(names.get(k, k) for k in keys)]
        observed = None
        if self.coverage is not None:
            observed = self.coverage.observed_share.min(axis=1)
            head.append("observed")
        rows = []
        for j, y in enumerate(self.years):
            row = [str(int(y)), *(f"{data[k][j]:.3f}" for k in keys)]
            rows.append(row if observed is None else [*row, f"{observed[j]:.2f}"])
        return head, rows

    def __repr__(self) -> str:
        lines = [f"Trajectory({self.profile_id!r}, {self.years.size} years)"]
        cols = f"{'threat':>7} {'oblig.':>7} {'consult.':>8}"
        pillars = [f"{a:7.3f} {b:7.3f} {c:8.3f}" for a, b, c in self.pillars]
        if self.bands is None:
            lines.append(f"{'year':>6} {'health':>7} {cols}")
            lines += [
                f"{y:>6} {h:7.3f} {p}"
                for y, h, p in zip(self.years, self.health, pillars, strict=True)
            ]
            return "\n".join(lines)
        lo, hi = self.interval(0.9)
        lines.append(f"{'year':>6} {'centre':>7} {'5%':>7} {'95%':>7} {'as coded':>8} {cols}")
        lines += [
            f"{y:>6} {c:7.3f} {a:7.3f} {b:7.3f} {h:8.3f} {p}"
            for y, c, a, b, h, p in zip(
                self.years, self.centre, lo, hi, self.health, pillars, strict=True
            )
        ]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head, rows = self._rows()
        cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        return (
            f"<table><caption>{html.escape(self.name)}</caption><tr>"
            + "".join(f"<th>{html.escape(h)}</th>" for h in head)
            + f"</tr>{cells}</table>"
        )


def trajectory(
    profile: Profile,
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
    profile : Profile
        The alliance.
    years : sequence of int, optional
        Years to score. Default: every year from the founding (or first observation, if later) to
        the last observation in which all three pillars have data.
    model : Model, optional
        Aggregation model; default ``Model()``.
    n : int, optional
        If given, also draw ``n`` Monte Carlo samples per year (:func:`uncertainty`) for bands.
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
    model = Model() if model is None else model
    if layout is None:
        layout = _layout(profile, years)
    elif layout.profile != profile or (
        years is not None and np.asarray(years).tolist() != layout.years.tolist()
    ):
        msg = "layout= must be a layout of this profile and of the years asked for (or years=None)"
        raise ValidationError(msg)
    warn_thin(layout.coverage_table(), model.coverage_threshold, profile.name)
    ev = evaluate(layout, layout.normalise(layout.values), model)
    bands = None
    if n is not None:
        from alliance_health._analysis.uncertainty import uncertainty_of_layout  # noqa: PLC0415

        bands = uncertainty_of_layout(layout, n=check_n(n), rng=to_rng(rng), model=model)
    return Trajectory(
        profile_id=profile.id,
        name=profile.name,
        years=layout.years,
        health=ev.health,
        pillars=ev.pillars,
        model=model,
        bands=bands,
        coverage=layout.coverage_table(),
    )


def _layout(profile: Profile, years: Sequence[int] | npt.ArrayLike | None) -> Layout:
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
