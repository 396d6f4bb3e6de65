"""Aligning trajectories on an anchor event: years since the shock, side by side."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._analysis.trajectory import Trajectory, trajectory
from alliance_health._domain.pillar import PILLARS
from alliance_health._domain.profile import Profile
from alliance_health._errors import ValidationError
from alliance_health._present.result import Tabular
from alliance_health._present.table import Column, ColumnValues, Table
from alliance_health._scoring.arguments import to_model, to_profile
from alliance_health._scoring.model import Model

__all__ = ["AlignedSeries", "Alignment", "align"]

Array = npt.NDArray[np.float64]


@attrs.frozen(kw_only=True, eq=False)
class AlignedSeries:
    """One profile's trajectory on the common axis of years since its anchor (NaN where absent).

    Examples
    --------
    >>> import alliance_health as ah
    >>> s = ah.align([(ah.testing.minimal_profile(), 2006)], window=(0, 1)).series[0]
    >>> s.anchor_year, s.health.tolist()
    (2006, [0.5, nan])
    """

    profile_id: str
    name: str
    anchor: str
    anchor_year: int
    health: Array
    pillars: Array
    trajectory: Trajectory


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Alignment(Tabular):
    """Trajectories of several alliances re-indexed on years since an anchor event of each.

    Attributes
    ----------
    offsets : numpy.ndarray of int
        Years since the anchor (0 = the anchor's year).
    series : tuple of AlignedSeries
        One per profile, in the order given.

    Notes
    -----
    Its table (:meth:`table`) has one row per offset and one column of health per profile, blank
    where the profile has no score; the columns are listed on the Tables page (:doc:`/tables`).

    Examples
    --------
    >>> import alliance_health as ah
    >>> al = ah.align([(ah.testing.minimal_profile(), 2005)], window=(0, 1))
    >>> al.offsets.tolist(), al.series[0].health.tolist()
    ([0, 1], [nan, 0.5])
    """

    offsets: npt.NDArray[np.int64]
    series: tuple[AlignedSeries, ...]

    def table(self) -> Table:
        """Health by years since the anchor, one column per profile id."""
        data: dict[str | Column, ColumnValues] = {
            Column("years_since_anchor", format="+d"): self.offsets,
            **dict(zip(self._labels(), (s.health for s in self.series), strict=True)),
        }
        anchors = "; ".join(f"{s.profile_id}: {s.anchor} ({s.anchor_year})" for s in self.series)
        return Table.from_columns(
            data,
            caption=f"Health by years since the anchor ({anchors})",
            index=["years_since_anchor"],
            name="alignment",
        )

    def _labels(self) -> list[str]:
        """Profile ids; a profile aligned twice gets its anchor too (``id@anchor``)."""
        ids = [s.profile_id for s in self.series]
        return [
            f"{s.profile_id}@{s.anchor}" if ids.count(s.profile_id) > 1 else s.profile_id
            for s in self.series
        ]


def _anchor_year(profile: Profile, anchor: str | int) -> tuple[str, int]:
    if isinstance(anchor, str):
        return (anchor, profile.event(anchor).year)
    rule = " (or an event id of the profile)"
    year = _validate.check_year(anchor, f"anchor for {profile.id!r}", hint=rule)
    return (str(year), year)


def _pair(item: object, i: int) -> tuple[Profile, str | int]:
    if isinstance(item, str) or not isinstance(item, tuple | list) or len(item) != 2:
        msg = f"items[{i}] must be a pair (profile, anchor), e.g. ('rok-us', 2006); got {item!r}"
        raise ValidationError(msg)
    return (to_profile(item[0], f"items[{i}][0]"), item[1])


def align(
    items: Sequence[tuple[Profile | str, str | int]],
    *,
    window: tuple[int, int] | None = None,
    model: Model | None = None,
) -> Alignment:
    """Put several alliances' trajectories on a common clock: years since an anchor event.

    The essay's analogy is of this kind: the U.S.-ROK alliance after North Korea's 2006 nuclear test
    set beside NATO after the dissolution of the Soviet Union. Each profile is scored over its
    scorable years (:func:`trajectory`) and re-indexed on ``year - anchor year``.

    Parameters
    ----------
    items : sequence of (Profile or str, str or int)
        Each profile (or the id of a built-in profile, ``"rok-us"``) with its anchor: an event id
        of that profile, or a year.
    window : (int, int), optional
        Keep offsets from ``window[0]`` to ``window[1]`` inclusive; default all.
    model : Model, optional
        Aggregation model; default ``Model()``.

    Returns
    -------
    Alignment

    Raises
    ------
    UnknownReferenceError
        An anchor names no event of its profile.

    Examples
    --------
    >>> import alliance_health as ah
    >>> p = ah.testing.minimal_profile()
    >>> al = ah.align([(p, 2006)], window=(-1, 1))
    >>> al.offsets.tolist(), al.series[0].health[1]
    ([-1, 0, 1], np.float64(0.5))
    """
    if not items:
        msg = "align needs at least one (profile, anchor) pair"
        raise ValidationError(msg)
    model = to_model(model)
    runs = []
    for i, item in enumerate(items):
        profile, anchor = _pair(item, i)
        name, year = _anchor_year(profile, anchor)
        runs.append((profile, name, year, trajectory(profile, model=model)))
    if window is None:
        lo = min(int(t.years[0]) - y for _, _, y, t in runs)
        hi = max(int(t.years[-1]) - y for _, _, y, t in runs)
    else:
        lo, hi = window
        if lo > hi:
            msg = f"window must be (low, high) with low <= high; got {window!r}"
            raise ValidationError(msg)
    offsets = np.arange(lo, hi + 1)
    series = []
    for profile, name, year, traj in runs:
        health = np.full(offsets.size, np.nan)
        pillars = np.full((offsets.size, len(PILLARS)), np.nan)
        pos = traj.years - year - lo
        inside = (pos >= 0) & (pos < offsets.size)
        health[pos[inside]] = traj.health[inside]
        pillars[pos[inside]] = traj.pillars[inside]
        series.append(
            AlignedSeries(
                profile_id=profile.id,
                name=profile.name,
                anchor=name,
                anchor_year=year,
                health=health,
                pillars=pillars,
                trajectory=traj,
            )
        )
    return Alignment(offsets=offsets, series=tuple(series))
