"""The unit of work of a panel: one profile over a block of years, scored in one vectorised pass.

A :class:`Task` carries everything it needs, pickles (so it can run in another process, or on a
Dask worker), and returns a :class:`Piece` of plain arrays. Its draws depend only on the task's own
seed, never on which worker runs it or what ran before, which is what makes a panel's result
independent of the executor.
"""

from __future__ import annotations

from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._analysis.draws import UncertainInputs, draw
from alliance_health._domain.pillar import PILLARS
from alliance_health._domain.profile import Profile
from alliance_health._errors import InsufficientDataError
from alliance_health._scoring.engine import Layout, build_layout, evaluate
from alliance_health._scoring.model import Model
from alliance_health._scoring.select import select

__all__ = ["MEASURES", "YEARS_PER_TASK", "Piece", "Task", "coverage", "run"]

Array = npt.NDArray[np.float64]
Years = npt.NDArray[np.int64]

MEASURES: Final = ("health", *(p.value for p in PILLARS))
"""The measures of a panel's table, in the order of the last axis of its arrays."""
YEARS_PER_TASK: Final = 100
"""A profile with more scored years than this is split into blocks of nearly equal size.

Part of the method, not of the execution: the blocks and their seeds are the same whatever the
executor, so results do not depend on it. Draws are joint across the years of a block (an
observation serving several years takes the same value in each), independent across blocks.
"""


@attrs.frozen(kw_only=True, eq=False)
class Piece:
    """What a task returns: the summaries and health draws of one profile over a block of years.

    Arrays over measures have :data:`MEASURES` as their last axis.
    """

    index: int  # position of the profile in the panel
    years: Years  # (Yb,)
    as_coded: Array  # (Yb, 4)
    centre: Array  # (Yb, 4) median of the draws
    low: Array  # (Yb, 4)
    high: Array  # (Yb, 4)
    coverage: Array  # (Yb, 4)
    draws: Array  # (n, Yb) health draws, kept for rankings
    skipped: tuple[tuple[int, str], ...]  # (year, reason) of requested years not scorable


def _rebuild(profile_fields: dict[str, Any], rest: dict[str, Any]) -> Task:
    return Task(profile=Profile(**profile_fields), **rest)


@attrs.frozen(kw_only=True, eq=False)
class Task:
    """One profile over a block of ``years``, with the seed of its draws."""

    index: int
    profile: Profile
    years: Years  # scorable years to score
    explain: Years  # requested years that are not scorable, to give the reason for
    seed: np.random.SeedSequence
    n: int
    model: Model
    vary_model: bool
    level: float

    def __reduce__(self) -> tuple[Any, ...]:
        # A Profile holds lookup tables (mappingproxy) that do not pickle: ship its fields and
        # rebuild it, validated again, where the task runs.
        fields = {f.alias: getattr(self.profile, f.name) for f in attrs.fields(Profile) if f.init}
        rest = {f.name: getattr(self, f.name) for f in attrs.fields(Task) if f.name != "profile"}
        return (_rebuild, (fields, rest))


def _reasons(profile: Profile, years: Years) -> list[str]:
    """Why each of ``years`` cannot be scored: the pillars without a valid observation.

    One selection for all the years (the engine's), not one layout per year.
    """
    sel = select(profile, years)
    pillar_of = np.array([PILLARS.index(i.pillar) for i in profile.indicators], dtype=np.intp)
    present = np.zeros((years.size, len(PILLARS)), dtype=bool)
    present[sel.year[sel.valid], pillar_of[sel.indicator[sel.valid]]] = True
    out = []
    for year, row in zip(years.tolist(), present, strict=True):
        missing = [p.label for p, ok in zip(PILLARS, row, strict=True) if not ok]
        if not missing:
            out.append(_engine_reason(profile, year))
        elif len(missing) == 1:
            out.append(f"the {missing[0]} pillar has no valid observation in {year}")
        else:
            names = f"{', '.join(missing[:-1])} and {missing[-1]}"
            out.append(f"the {names} pillars have no valid observation in {year}")
    return out


def _engine_reason(profile: Profile, year: int) -> str:
    """The engine's own message, for a year unscorable for another reason than a missing pillar."""
    try:
        build_layout(profile, [year])
    except InsufficientDataError as err:
        return str(err)
    return "not scorable"  # pragma: no cover  (asked only about years the engine refuses)


def coverage(layout: Layout, model: Model) -> Array:
    """Share of each pillar's declared indicator weight observed in each year (the engine's).

    The pillars' shares are the layout's coverage (``Layout.coverage_table``, the same numbers
    every result reports); health's is their mean under the model's pillar weights. Returns shape
    (Y, 4), measures in :data:`MEASURES` order.
    """
    pillars = layout.coverage_table().observed_share
    w = model.weight_array
    out: Array = np.column_stack([pillars @ w / w.sum(), pillars])
    return out


def run(task: Task) -> Piece:
    """Score one task: one layout, one point evaluation, ``n`` draws of every year at once.

    The draws are those of :func:`~alliance_health.uncertainty` for the same layout and seed:
    the shared draw machinery (:class:`UncertainInputs`), not a copy of it.
    """
    reasons = _reasons(task.profile, task.explain) if task.explain.size else []
    skipped = tuple(zip(task.explain.tolist(), reasons, strict=True))
    if task.years.size == 0:
        empty = np.empty((0, len(MEASURES)))
        return Piece(
            index=task.index,
            years=task.years,
            as_coded=empty,
            centre=empty,
            low=empty,
            high=empty,
            coverage=empty,
            draws=np.empty((task.n, 0)),
            skipped=skipped,
        )
    layout = build_layout(task.profile, task.years)
    inputs = UncertainInputs.build(layout, task.model, vary_model=task.vary_model)
    point = evaluate(layout, layout.normalise(layout.values), task.model)
    health, pillars = draw(inputs, task.n, np.random.default_rng(task.seed))
    draws = np.concatenate([health[..., None], pillars], axis=-1)  # (n, Yb, 4)
    # the same quantile calls as UncertaintyResult.median and .interval, so the numbers agree
    low, high = np.quantile(draws, [(1.0 - task.level) / 2.0, (1.0 + task.level) / 2.0], axis=0)
    return Piece(
        index=task.index,
        years=layout.years,
        as_coded=np.column_stack([point.health, point.pillars]),
        centre=np.median(draws, axis=0),
        low=low,
        high=high,
        coverage=coverage(layout, task.model),
        draws=health,
        skipped=skipped,
    )
