"""The result of :func:`~alliance_health.panel`: a tidy table of many alliances over many years."""

from __future__ import annotations

import html
import os
from collections import Counter
from pathlib import Path
from typing import Any, Final, overload

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._analysis.panel_tasks import MEASURES
from alliance_health._analysis.ranking import Ranking
from alliance_health._domain.pillar import Pillar
from alliance_health._errors import InsufficientDataError, UnknownReferenceError, ValidationError
from alliance_health._present.result import Tabular
from alliance_health._present.table import Column, ColumnValues, Table
from alliance_health._scoring.model import Model

__all__ = ["Panel", "Skipped"]

Array = npt.NDArray[np.float64]
Years = npt.NDArray[np.int64]

_SHOW: Final = 20  # alliances listed by the text repr
_PREVIEW: Final = 3  # alliance-years of the long table previewed in a notebook
_SUMMARY: Final = (
    "alliance",
    "years",
    "scored",
    "skipped",
    "latest",
    "health_centre",
    "health_low",
    "health_high",
)


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


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Panel(Tabular):
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

    Notes
    -----
    Its table (:meth:`table`) is the tidy long table, one row per alliance, year and measure;
    :meth:`to_frame`, :meth:`to_dict`, :meth:`to_csv` and :meth:`write_csv` give it. The text
    and notebook display show the summary, one row per alliance (``tables()[1]``), so that a
    panel of thousands of rows prints in a few lines. The columns of both are listed on the
    Tables page (:doc:`/tables`).

    Examples
    --------
    >>> import alliance_health as ah
    >>> p = ah.panel(["rok-us", "nato-post-1990"], [1991, 2006], n=256, rng=1)
    >>> [r["measure"] for r in p.to_dict()["records"][:4]]
    ['health', 'shared_threat', 'mutual_obligation', 'consultation']
    >>> p.to_text().splitlines()[0]
    'Panel of 2 alliances: 4 alliance-years scored, 0 skipped; 256 draws each, 90% intervals'
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

    def table(self) -> Table:
        """The tidy long table: one row per (alliance, year, measure) scored.

        Columns ``alliance``, ``year``, ``measure`` (``health`` or a pillar), ``as_coded``,
        ``centre`` (median of the draws), ``low`` and ``high`` (the interval holding
        ``confidence_level`` of the draws), ``confidence_level`` and ``coverage``, indexed by
        alliance, year and measure. Rows run by alliance (in the panel's order), then year, then
        measure. Skipped alliance-years have no rows; they are in :attr:`skipped`.
        """
        return self._long()

    def tables(self) -> tuple[Table, ...]:
        """The long table, then the summary: one row per alliance."""
        return (self._long(), self._summary())

    def to_dict(self) -> dict[str, Any]:
        """The long table, JSON-ready: caption, columns, records and notes.

        The summary (``tables()[1]``) is left out: it is derived from these rows.
        """
        return self._long().to_dict()

    @overload
    def to_csv(self) -> str: ...

    @overload
    def to_csv(self, path: str | os.PathLike[str]) -> Path: ...

    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str | Path:
        """The long table as CSV text (floats in full, no pandas needed).

        Passing a ``path`` is deprecated: it writes the file, as :meth:`write_csv` does.
        """
        if path is not None:
            _validate.deprecated("Panel.to_csv(path)", "Panel.write_csv(path)")
            return self.write_csv(path)
        return self._long().to_csv()

    def write_csv(self, path: str | os.PathLike[str]) -> Path:
        """Write the long table to ``path`` as UTF-8 CSV (:meth:`to_csv`); return the path.

        Examples
        --------
        >>> import tempfile
        >>> from pathlib import Path
        >>> import alliance_health as ah
        >>> p = ah.panel(["rok-us"], [2006], n=64, rng=0)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     out = p.write_csv(Path(folder) / "panel.csv")
        ...     out.read_text(encoding="utf-8").splitlines()[0]
        'alliance,year,measure,as_coded,centre,low,high,confidence_level,coverage'
        """
        target = Path(path)
        with target.open("w", newline="", encoding="utf-8") as fh:
            fh.write(self._long().to_csv())
        return target

    def to_text(self) -> str:
        """The summary, one row per alliance (the first 20), with the skipped count."""
        return _shown(self._summary(), "to_frame() and tables() have them all").to_text()

    def _repr_html_(self) -> str:
        """The summary, then the first rows of the long table folded under its caption."""
        head = self._long(limit=_PREVIEW)
        rows = int(self.scored.sum()) * len(MEASURES)
        more = [f"the first {len(head.rows)} of {rows} rows; to_frame() has them all"]
        head = attrs.evolve(head, notes=more if rows > len(head.rows) else [])
        summary = _shown(self._summary(), "to_frame() and tables() have them all")
        return (
            summary.to_html()
            + f"<details><summary>{html.escape(head.caption)}</summary>{head.to_html()}</details>"
        )

    def _long(self, limit: int | None = None) -> Table:
        """The long table, or its first ``limit`` alliance-years (for a preview)."""
        a, y = np.nonzero(self.scored)
        a, y = a[:limit], y[:limit]
        reps = len(MEASURES)
        data: dict[str | Column, ColumnValues] = {
            "alliance": [self.alliances[i] for i in np.repeat(a, reps)],
            "year": np.repeat(self.years[y], reps).tolist(),
            "measure": list(MEASURES) * a.size,
        }
        for name in ("as_coded", "centre", "low", "high"):
            data[name] = getattr(self, name)[a, y].ravel().tolist()
        data["confidence_level"] = [self.confidence_level] * (a.size * reps)
        data["coverage"] = self.coverage[a, y].ravel().tolist()
        first, last = int(self.years[0]), int(self.years[-1])
        caption = (
            f"Panel of {len(self.alliances)} alliances, {first}-{last}: health and pillars per"
            f" alliance-year; centre = median of {self.n} draws, [low, high] holds"
            f" {self.confidence_level:.0%} of them"
        )
        return Table.from_columns(
            data,
            caption=caption,
            notes=self._skipped_note(),
            index=["alliance", "year", "measure"],
            name="panel",
        )

    def _summary(self) -> Table:
        """One row per alliance: its span, years scored and skipped, and its latest health."""
        scored = self.scored
        skips = Counter(s.alliance for s in self.skipped)
        rows: list[tuple[object, ...]] = []
        for a, alliance in enumerate(self.alliances):
            cols = np.flatnonzero(scored[a])
            if cols.size == 0:
                rows.append((alliance, None, 0, skips[alliance], None, None, None, None))
                continue
            last = cols[-1]
            rows.append(
                (
                    alliance,
                    f"{self.years[cols[0]]}-{self.years[last]}",
                    cols.size,
                    skips[alliance],
                    self.years[last],
                    *(getattr(self, k)[a, last, 0] for k in ("centre", "low", "high")),
                )
            )
        caption = (
            f"Panel of {len(self.alliances)} alliances: {int(scored.sum())} alliance-years"
            f" scored, {len(self.skipped)} skipped; {self.n} draws each,"
            f" {self.confidence_level:.0%} intervals"
        )
        return Table(
            caption=caption,
            columns=_SUMMARY,
            rows=rows,
            notes=self._skipped_note(),
            index=["alliance"],
            name="summary",
        )

    def _skipped_note(self) -> list[str]:
        if not self.skipped:
            return []
        count = len(self.skipped)
        return [f"{count} alliance-years skipped, not scored; Panel.skipped gives each the reason"]


def _shown(table: Table, where: str) -> Table:
    """The first rows of a table, with a note on how many more there are and where."""
    more = len(table.rows) - _SHOW
    if more <= 0:
        return table
    note = f"... {more} more alliances; {where}"
    return attrs.evolve(table, rows=table.rows[:_SHOW], notes=[*table.notes, note])


def _measure(measure: object) -> int:
    name = measure.value if isinstance(measure, Pillar) else measure
    if name not in MEASURES:
        msg = f"measure must be one of {', '.join(MEASURES)}; got {measure!r}"
        raise ValidationError(msg)
    return MEASURES.index(str(name))
