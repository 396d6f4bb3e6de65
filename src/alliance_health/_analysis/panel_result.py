"""The result of :func:`~alliance_health.panel`: a tidy table of many alliances over many years."""

from __future__ import annotations

import csv
import os
from collections import Counter
from pathlib import Path
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._analysis.panel_tasks import MEASURES
from alliance_health._analysis.ranking import Ranking
from alliance_health._display import html_table
from alliance_health._domain.pillar import Pillar
from alliance_health._errors import InsufficientDataError, UnknownReferenceError, ValidationError
from alliance_health._scoring.model import Model

__all__ = ["Panel", "Skipped"]

Array = npt.NDArray[np.float64]
Years = npt.NDArray[np.int64]

_SHOW: Final = 20  # alliances listed by the text repr
_COLUMNS: Final = ("alliance", "year", "measure", "as_coded", "centre", "low", "high", "coverage")


@attrs.frozen(kw_only=True)
class Skipped:
    """A requested year in which a profile could not be scored, and why.

    Examples
    --------
    >>> import alliance_health as ah
    >>> p = ah.panel([ah.testing.minimal_profile()], [1999, 2006], n=64, rng=0)
    >>> p.skipped
    (Skipped(alliance='minimal', year=1999, reason="1999 is before 'Minimal illustrative alliance'
    was founded (2000)"),)
    """

    alliance: str
    year: int
    reason: str


@attrs.frozen(kw_only=True, eq=False)
class Panel:
    """Health and pillar scores of many alliances over many years, with their uncertainty.

    Made by :func:`panel`. Arrays over measures have ``MEASURES`` (``health`` then the three
    pillars) as their last axis; entries of alliance-years not scored are NaN.

    Attributes
    ----------
    alliances, names : tuple of str
        The profiles' ids and names, in the order given.
    years : numpy.ndarray of int, shape (Y,)
        Every year in which at least one alliance was scored.
    as_coded : numpy.ndarray, shape (A, Y, 4)
        Scores from the coded values, equal to :func:`~alliance_health.score`'s.
    centre, low, high : numpy.ndarray, shape (A, Y, 4)
        Median of the draws and the equal-tailed interval holding ``confidence_level`` of them.
    coverage : numpy.ndarray, shape (A, Y, 4)
        Share of each pillar's declared indicator weight observed that year, an indicator
        counting once any member's observation serves it (the engine's coverage; health: weighted
        by the model's pillar weights).
    draws : numpy.ndarray, shape (n, A, Y)
        Health draws, joint across alliances within a draw (for :meth:`ranking`).
    skipped : tuple of Skipped
        Requested alliance-years that could not be scored, each with the reason.
    seeds : tuple of numpy.random.SeedSequence
        The seed of each alliance's draws (see :func:`panel`, Notes).
    confidence_level : float
        Share of the draws inside ``[low, high]``.
    model : Model
        The aggregation model.
    vary_model : bool
        Whether pillar weights and ``p`` were drawn too.

    Examples
    --------
    >>> import alliance_health as ah
    >>> p = ah.panel(["rok-us", "nato-post-1990"], [1991, 2006], n=256, rng=1)
    >>> p.to_dict()["measure"][:4]
    ['health', 'shared_threat', 'mutual_obligation', 'consultation']
    >>> r = p.ranking(2006)
    >>> r.alliances, r.rank_probabilities.sum(axis=1).round(6).tolist()
    (('rok-us', 'nato-post-1990'), [1.0, 1.0])
    """

    alliances: tuple[str, ...]
    names: tuple[str, ...]
    years: Years
    as_coded: Array
    centre: Array
    low: Array
    high: Array
    coverage: Array
    draws: Array
    skipped: tuple[Skipped, ...]
    seeds: tuple[np.random.SeedSequence, ...]
    confidence_level: float
    model: Model
    vary_model: bool

    @property
    def n(self) -> int:
        """Number of draws per alliance."""
        return int(self.draws.shape[0])

    @property
    def scored(self) -> npt.NDArray[np.bool_]:
        """Mask (A, Y) of the alliance-years scored."""
        out: npt.NDArray[np.bool_] = ~np.isnan(self.as_coded[..., 0])
        return out

    def _alliance(self, alliance: str) -> int:
        if alliance not in self.alliances:
            msg = (
                f"alliance {alliance!r} is not in this panel; it holds {', '.join(self.alliances)}"
            )
            raise UnknownReferenceError(msg)
        return self.alliances.index(alliance)

    def _year(self, year: int) -> int:
        hits = np.flatnonzero(self.years == year)
        if hits.size == 0:
            span = f"{self.years[0]}-{self.years[-1]}"
            msg = f"year {year!r} is not scored for any alliance of this panel (years {span})"
            raise InsufficientDataError(msg)
        return int(hits[0])

    def ranking(self, year: int) -> Ranking:
        """The alliances scored in ``year`` ranked on health, with rank probabilities.

        Each joint draw ranks the alliances; over the draws, :class:`Ranking` holds each
        alliance's probability of every rank and each pair's probability that one is healthier.
        The draws of different alliances are independent: where two profiles cite the same
        source, their shared error is not modelled.

        Examples
        --------
        >>> import alliance_health as ah
        >>> p = ah.panel(["rok-us", "nato-post-1990"], [2006], n=256, rng=1)
        >>> r = p.ranking(2006)
        >>> round(r.prob("rok-us", "nato-post-1990") + r.prob("nato-post-1990", "rok-us"), 6)
        1.0
        """
        k = self._year(year)
        idx = np.flatnonzero(self.scored[:, k])
        return Ranking.from_draws(
            int(self.years[k]),
            [self.alliances[a] for a in idx],
            self.as_coded[idx, k, 0],
            self.draws[:, idx, k],
            confidence_level=self.confidence_level,
        )

    def series(
        self, alliance: str, measure: str | Pillar = "health"
    ) -> dict[str, npt.NDArray[Any]]:
        """One alliance's scored years and the values of one measure in each, as arrays.

        Keys ``years``, ``as_coded``, ``centre``, ``low``, ``high`` and ``coverage``.

        Examples
        --------
        >>> import alliance_health as ah
        >>> p = ah.panel(["rok-us"], range(2004, 2008), n=128, rng=0)
        >>> p.series("rok-us", "consultation")["years"].tolist()
        [2004, 2005, 2006, 2007]
        """
        a, m = self._alliance(alliance), _measure(measure)
        cols = np.flatnonzero(self.scored[a])
        out: dict[str, npt.NDArray[Any]] = {"years": self.years[cols]}
        for name in ("as_coded", "centre", "low", "high", "coverage"):
            out[name] = getattr(self, name)[a, cols, m]
        return out

    def to_dict(self) -> dict[str, list[Any]]:
        """The tidy long table as columns: one row per (alliance, year, measure) scored.

        Columns ``alliance``, ``year``, ``measure`` (``health`` or a pillar), ``as_coded``,
        ``centre`` (median of the draws), ``low`` and ``high`` (the interval at
        ``confidence_level``) and ``coverage``. Rows run by alliance (in the panel's order), then
        year, then measure. Skipped alliance-years have no rows; they are in :attr:`skipped`.
        """
        a, y = np.nonzero(self.scored)
        reps = len(MEASURES)
        out: dict[str, list[Any]] = {
            "alliance": [self.alliances[i] for i in np.repeat(a, reps)],
            "year": np.repeat(self.years[y], reps).tolist(),
            "measure": list(MEASURES) * a.size,
        }
        for name in _COLUMNS[3:]:
            out[name] = getattr(self, name)[a, y].ravel().tolist()
        return out

    def to_frame(self) -> Any:  # noqa: ANN401  (pandas is optional, so no annotation)
        """:meth:`to_dict` as a pandas DataFrame (requires pandas)."""
        from alliance_health._display import pandas  # noqa: PLC0415  (optional dependency)

        return pandas().DataFrame(self.to_dict(), columns=list(_COLUMNS))

    def to_csv(self, path: str | os.PathLike[str]) -> Path:
        """Write :meth:`to_dict` to ``path`` as CSV (floats at full precision); return the path.

        Needs no pandas. Skipped alliance-years are not rows of the table; see :attr:`skipped`.
        """
        target = Path(path)
        table = self.to_dict()
        with target.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(_COLUMNS)
            writer.writerows(zip(*(table[c] for c in _COLUMNS), strict=True))
        return target

    def _rows(self) -> list[list[object]]:
        rows: list[list[object]] = []
        scored = self.scored
        skips = Counter(s.alliance for s in self.skipped)
        for a, alliance in enumerate(self.alliances):
            cols = np.flatnonzero(scored[a])
            skipped = skips[alliance]
            if cols.size == 0:
                rows.append([alliance, "-", 0, skipped, "-", np.nan, np.nan, np.nan])
                continue
            last = cols[-1]
            first_year, last_year = int(self.years[cols[0]]), int(self.years[last])
            rows.append(
                [
                    alliance,
                    f"{first_year}-{last_year}",
                    cols.size,
                    skipped,
                    last_year,
                    *(float(getattr(self, k)[a, last, 0]) for k in ("centre", "low", "high")),
                ]
            )
        return rows

    def _title(self) -> str:
        return (
            f"Panel of {len(self.alliances)} alliances: {int(self.scored.sum())} alliance-years"
            f" scored, {len(self.skipped)} skipped; {self.n} draws each,"
            f" {self.confidence_level:.0%} intervals"
        )

    def _header(self) -> list[str]:
        return ["alliance", "years", "scored", "skipped", "latest", "health", "low", "high"]

    def __repr__(self) -> str:
        width = max(8, *(len(a) for a in self.alliances))
        h = self._header()
        lines = [
            self._title(),
            f"{h[0]:<{width}} {h[1]:>9} {h[2]:>6} {h[3]:>7} {h[4]:>6}"
            + "".join(f" {c:>6}" for c in h[5:]),
        ]
        lines += [
            f"{r[0]:<{width}} {r[1]:>9} {r[2]:>6} {r[3]:>7} {r[4]:>6}"
            + "".join(f" {v:6.3f}" for v in r[5:])
            for r in self._rows()[:_SHOW]
        ]
        if len(self.alliances) > _SHOW:
            lines.append(
                f"... {len(self.alliances) - _SHOW} more alliances; to_frame() has them all"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return html_table(self._title(), self._header(), self._rows())


def _measure(measure: object) -> int:
    name = measure.value if isinstance(measure, Pillar) else measure
    if name not in MEASURES:
        msg = f"measure must be one of {', '.join(MEASURES)}; got {measure!r}"
        raise ValidationError(msg)
    return MEASURES.index(str(name))
