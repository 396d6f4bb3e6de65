"""``changes``: what moved the score, year on year.

A trajectory shows that health moved; an analyst needs to say why. For every pair of consecutive
scored years whose health differs by at least a threshold, :func:`changes` attributes the change
to the three pillars by the exact Shapley decomposition that :func:`~alliance_health.compare`
uses, lists the observations that entered, changed or stopped serving between the two years, and
the profile's events dated in between. All years are scored in one pass and all attributions
computed in one array call; only the flagged pairs are then read for their observations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._analysis.shapley import shapley
from alliance_health._analysis.trajectory import default_layout, trajectory
from alliance_health._domain.event import Event
from alliance_health._domain.observation import Observation
from alliance_health._domain.pillar import PILLARS, Pillar
from alliance_health._domain.profile import Profile
from alliance_health._errors import ValidationError
from alliance_health._present.result import Tabular
from alliance_health._present.table import Column, Table
from alliance_health._scoring.arguments import to_profile
from alliance_health._scoring.engine import Layout
from alliance_health._scoring.model import Model

__all__ = ["Change", "Changes", "ObservationChange", "changes"]


@attrs.frozen(kw_only=True)
class ObservationChange:
    """One (indicator, member) series whose serving value differs between two years.

    ``before`` is ``None`` for an observation that starts to serve, ``after`` for one that stops.

    Examples
    --------
    >>> import alliance_health as ah
    >>> change = ah.changes(ah.fixtures.nato_post_1990(), threshold=0.1).rows[0]
    >>> print(next(o for o in change.observations if o.indicator == "forces-in-place"))
    forces-in-place: 82.8 (1991) -> 58.6 (1992)
    """

    indicator: str
    member: str | None
    before: Observation | None
    after: Observation | None

    def __str__(self) -> str:
        where = f"{self.indicator}[{self.member}]" if self.member else self.indicator
        old = "-" if self.before is None else f"{self.before.value:g} ({self.before.year})"
        new = "-" if self.after is None else f"{self.after.value:g} ({self.after.year})"
        return f"{where}: {old} -> {new}"


@attrs.frozen(kw_only=True)
class Change:
    """A year-on-year change in health, attributed to the pillars and traced to its evidence.

    Examples
    --------
    >>> import alliance_health as ah
    >>> change = ah.changes(ah.fixtures.nato_post_1990(), threshold=0.1).rows[0]
    >>> change.year_from, change.year_to, change.driver.label
    (1991, 1992, 'shared threat')
    """

    year_from: int
    year_to: int
    health_from: float
    health_to: float
    attribution: tuple[tuple[Pillar, float], ...]
    observations: tuple[ObservationChange, ...]
    events: tuple[Event, ...]

    @property
    def delta(self) -> float:
        """``health_to - health_from``."""
        return self.health_to - self.health_from

    @property
    def driver(self) -> Pillar:
        """The pillar with the largest share of the change (in absolute value)."""
        return max(self.attribution, key=lambda pair: abs(pair[1]))[0]


@attrs.frozen(kw_only=True, repr=False)
class Changes(Tabular):
    """The year-on-year changes of one profile's health at or above a threshold, largest first.

    Examples
    --------
    >>> import alliance_health as ah
    >>> moved = ah.changes(ah.fixtures.rok_us(), threshold=0.1)
    >>> all(abs(c.delta) >= 0.1 for c in moved)
    True
    """

    profile_id: str
    threshold: float
    rows: tuple[Change, ...]

    def __iter__(self):  # type: ignore[no-untyped-def]  # noqa: ANN204  (iterator protocol)
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def table(self) -> Table:
        """One row per change: years, health before and after, each pillar's share, evidence."""
        return Table.from_records(
            self.rows,
            {
                "years": lambda c: f"{c.year_from}-{c.year_to}",
                "health_from": lambda c: c.health_from,
                "health_to": lambda c: c.health_to,
                "change": lambda c: c.delta,
                **{p.value: _share_of(k) for k, p in enumerate(PILLARS)},
                Column("data", width=60): lambda c: "; ".join(str(o) for o in c.observations),
                Column("events", width=60): lambda c: "; ".join(
                    f"{e.date.isoformat()} {e.title}" for e in c.events
                ),
            },
            caption=(
                f"Changes in the health of {self.profile_id!r} of {self.threshold:g} or more,"
                " largest first"
            ),
            notes=[] if self.rows else ["none"],
            name="changes",
        )

    def to_text(self) -> str:
        """Each change on one line with its attribution, then the data and events behind it."""
        lines = [self.table().caption + ":"]
        for c in self.rows:
            parts = ", ".join(f"{p.label} {v:+.3f}" for p, v in c.attribution)
            lines.append(
                f"  {c.year_from}-{c.year_to}: {c.health_from:.3f} -> {c.health_to:.3f}"
                f" ({c.delta:+.3f}; {parts})"
            )
            lines.extend(f"      data: {o}" for o in c.observations)
            lines.extend(f"      event: {e.date.isoformat()} {e.title}" for e in c.events)
        if not self.rows:
            lines.append("  none")
        return "\n".join(lines)


def _share_of(k: int) -> Callable[[Change], float]:
    """A getter of pillar ``k``'s Shapley share of a change (one per table column)."""
    return lambda change: change.attribution[k][1]


def changes(
    profile: Profile,
    *,
    threshold: float = 0.05,
    years: Sequence[int] | npt.ArrayLike | None = None,
    model: Model | None = None,
) -> Changes:
    """List each year-on-year change in health of at least ``threshold``, with what drove it.

    Parameters
    ----------
    profile : Profile
        The alliance.
    threshold : float, optional
        Smallest absolute change in health to report, on the [0, 1] scale. Default 0.05.
    years : sequence of int, optional
        The years to compare (consecutive entries are compared); default every scorable year.
    model : Model, optional
        The aggregation model; default ``Model()``.

    Returns
    -------
    Changes
        The changes, largest first, each with its Shapley attribution to the pillars (summing to
        the change), the observations that entered, changed or stopped serving, and the events
        dated after the first year and up to the second.

    References
    ----------
    .. [1] Shapley, L. S. (1953). A value for n-person games. In *Contributions to the Theory of
           Games II*, 307-317. Princeton University Press.

    Examples
    --------
    >>> import alliance_health as ah
    >>> first = ah.changes(ah.fixtures.nato_post_1990(), threshold=0.1).rows[0]
    >>> abs(sum(v for _, v in first.attribution) - first.delta) < 1e-12
    True
    """
    if not isinstance(threshold, int | float) or not 0 <= threshold <= 1:
        msg = f"threshold must be a number in [0, 1], e.g. 0.05; got {threshold!r}"
        raise ValidationError(msg)
    model = Model() if model is None else model
    layout = default_layout(to_profile(profile), years)  # one selection for all the years
    traj = trajectory(layout.profile, model=model, layout=layout)
    if traj.years.size < 2:
        return Changes(profile_id=profile.id, threshold=float(threshold), rows=())
    phi = shapley(traj.pillars[1:], traj.pillars[:-1], model.weight_array, model.p)
    delta = np.diff(traj.health)
    flagged = np.flatnonzero(np.abs(delta) >= threshold)
    flagged = flagged[np.argsort(-np.abs(delta[flagged]), kind="stable")]
    rows = tuple(
        Change(
            year_from=int(traj.years[k]),
            year_to=int(traj.years[k + 1]),
            health_from=float(traj.health[k]),
            health_to=float(traj.health[k + 1]),
            attribution=tuple((p, float(v)) for p, v in zip(PILLARS, phi[k], strict=True)),
            observations=_differences(layout, int(traj.years[k]), int(traj.years[k + 1])),
            events=tuple(
                e
                for e in profile.events
                if int(traj.years[k]) < e.date.year <= int(traj.years[k + 1])
            ),
        )
        for k in flagged
    )
    return Changes(profile_id=profile.id, threshold=float(threshold), rows=rows)


def _differences(layout: Layout, year_a: int, year_b: int) -> tuple[ObservationChange, ...]:
    """The series whose serving value moved between two years of ``layout`` (no re-scoring)."""

    def serving(year: int) -> dict[tuple[str, str | None], Observation]:
        groups = layout.indicator_groups(year)
        return {(o.indicator, o.member): o for g in groups if g.observed for o in g.observations}

    before, after = serving(year_a), serving(year_b)
    keys = sorted(set(before) | set(after), key=lambda k: (k[0], k[1] or ""))
    return tuple(
        ObservationChange(indicator=k[0], member=k[1], before=before.get(k), after=after.get(k))
        for k in keys
        if _moved(before.get(k), after.get(k))
    )


def _moved(before: Observation | None, after: Observation | None) -> bool:
    """A series moved if it starts or stops serving or its value changes (not a re-observation)."""
    if before is None or after is None:
        return before is not after
    return before.value != after.value
