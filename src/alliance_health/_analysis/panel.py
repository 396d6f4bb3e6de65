"""``panel``: many alliances over many years, with uncertainty, in one vectorised pass each.

Each profile's layout is built once for all its requested years, and all its years and draws are
scored together, through the same draw machinery as :func:`~alliance_health.uncertainty`.
Profiles are independent units of work, so a large panel spreads over any
:class:`concurrent.futures.Executor` (a process pool, or a Dask cluster's executor) and gives the
same result, to the bit, as in one process.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import Executor, Future
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from alliance_health._analysis.panel_result import Panel, Skipped
from alliance_health._analysis.panel_tasks import MEASURES, YEARS_PER_TASK, Piece, Task, run
from alliance_health._domain.profile import Profile
from alliance_health._errors import (
    DuplicateError,
    InsufficientDataError,
    UnknownReferenceError,
    ValidationError,
)
from alliance_health._scoring.engine import scorable_years
from alliance_health._scoring.model import Model
from alliance_health._validate import check_confidence_level, check_n, to_rng

__all__ = ["DEFAULT_N", "panel"]

Years = npt.NDArray[np.int64]

DEFAULT_N: Final = 1024
"""Draws per profile when ``n`` is not given: a power of two keeps the Sobol' points balanced."""


def _profiles(profiles: object) -> tuple[Profile, ...]:
    """Profiles and built-in ids as profiles; one Profile or id alone is a panel of one."""
    items = [profiles] if isinstance(profiles, Profile | str) else profiles
    if not isinstance(items, Iterable):
        msg = (
            "profiles must be a sequence of Profile objects or built-in ids, e.g."
            f" ['rok-us', 'nato-post-1990']; got {type(profiles).__name__} {profiles!r}"
        )
        raise ValidationError(msg)
    out: list[Profile] = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            from alliance_health import fixtures  # noqa: PLC0415  (data files load on demand)

            try:
                item = fixtures.get(item)  # noqa: PLW2901  (the id becomes its profile)
            except UnknownReferenceError as err:
                msg = f"profiles[{i}]: {err}"
                raise UnknownReferenceError(msg) from None
        if not isinstance(item, Profile):
            msg = (
                f"profiles[{i}] must be a Profile or a built-in id such as 'rok-us';"
                f" got {type(item).__name__} {item!r}"
            )
            raise ValidationError(msg)
        out.append(item)
    if not out:
        msg = "profiles must hold at least one Profile or built-in id, e.g. ['rok-us']; got none"
        raise ValidationError(msg)
    first: dict[str, int] = {}
    for i, p in enumerate(out):
        if first.setdefault(p.id, i) != i:
            msg = (
                f"profiles must have distinct ids; {p.id!r} is at positions {first[p.id]} and"
                f" {i}; give one another id with attrs.evolve(profile, id=...)"
            )
            raise DuplicateError(msg)
    return tuple(out)


def _years(years: object) -> Years | None:
    """Requested years: None (each profile's own span), or unique whole numbers, sorted."""
    if years is None:
        return None
    arr = np.atleast_1d(np.asarray(years))
    if arr.ndim != 1 or arr.size == 0 or not np.issubdtype(arr.dtype, np.integer):
        msg = (
            "years must be a whole number or a sequence of them, e.g. range(1990, 2008);"
            f" got {years!r}"
        )
        raise ValidationError(msg)
    if np.unique(arr).size != arr.size:
        msg = f"years must not repeat; got {arr.tolist()}"
        raise ValidationError(msg)
    return np.sort(arr).astype(np.int64)


def _own_years(index: int, profile: Profile) -> Years:
    """A profile's default span: from its founding (or first observation) to its last."""
    span = profile.years
    if span is None:
        msg = (
            f"profiles[{index}] {profile.id!r} has no observations, so it has no years to score;"
            " add observations or drop it from the panel"
        )
        raise InsufficientDataError(msg)
    return np.arange(max(profile.founded, span[0]), span[1] + 1, dtype=np.int64)


def _seeds(gen: np.random.Generator, count: int) -> tuple[np.random.SeedSequence, ...]:
    """One independent child seed per profile, spawned from the root (numpy's SeedSequence)."""
    root = gen.bit_generator.seed_seq
    if not isinstance(root, np.random.SeedSequence):  # a bit generator seeded without one
        root = np.random.SeedSequence(gen.integers(2**63, size=4).tolist())
    return tuple(root.spawn(count))


def _block_seed(seed: np.random.SeedSequence, block: int) -> np.random.SeedSequence:
    """The seed of one block of years, derived without touching ``seed``'s spawn counter."""
    return np.random.SeedSequence(
        seed.entropy, spawn_key=(*seed.spawn_key, block), pool_size=seed.pool_size
    )


def _plan(
    index: int,
    profile: Profile,
    wanted: Years,
    seed: np.random.SeedSequence,
    **options: Any,  # noqa: ANN401  (the Task's n, model, vary_model and level)
) -> tuple[list[Task], list[Skipped]]:
    """The tasks of one profile, and the requested years before its founding (skipped here)."""
    early = wanted[wanted < profile.founded]
    skipped = [
        Skipped(
            alliance=profile.id,
            year=int(y),
            reason=f"{y} is before {profile.name!r} was founded ({profile.founded})",
        )
        for y in early
    ]
    rest = wanted[wanted >= profile.founded]
    scored = scorable_years(profile, rest) if rest.size else rest
    unscorable = np.setdiff1d(rest, scored)
    blocks = max(1, -(-scored.size // YEARS_PER_TASK))
    tasks = [
        Task(
            index=index,
            profile=profile,
            years=years,
            explain=unscorable if b == 0 else unscorable[:0],
            seed=seed if blocks == 1 else _block_seed(seed, b),
            **options,
        )
        for b, years in enumerate(np.array_split(scored, blocks))
        if years.size or (b == 0 and unscorable.size)
    ]
    return tasks, skipped


def _run(tasks: Sequence[Task], executor: Executor | None) -> list[Piece]:
    """Run the tasks in this process, or on ``executor``; results in the order of the tasks."""
    if executor is None:
        return [run(t) for t in tasks]
    futures: list[Future[Piece]] = [executor.submit(run, t) for t in tasks]
    try:
        return [f.result() for f in futures]
    except BaseException:
        for f in futures:
            f.cancel()
        raise


def _assemble(
    profiles: Sequence[Profile],
    pieces: Sequence[Piece],
    skipped: list[Skipped],
    **fields: Any,  # noqa: ANN401  (the Panel's seeds, confidence_level, model, vary_model)
) -> Panel:
    """Place every piece in the panel's (alliance, year) arrays."""
    for piece in pieces:
        pid = profiles[piece.index].id
        skipped += [Skipped(alliance=pid, year=y, reason=r) for y, r in piece.skipped]
    order = {p.id: i for i, p in enumerate(profiles)}
    skipped.sort(key=lambda s: (order[s.alliance], s.year))
    years = np.unique(np.concatenate([np.empty(0, np.int64), *(p.years for p in pieces)]))
    if years.size == 0:
        reasons = "; ".join(f"{s.alliance} {s.year}: {s.reason}" for s in skipped[:3])
        more = f"; and {len(skipped) - 3} more" if len(skipped) > 3 else ""
        msg = f"no requested year is scorable for any profile of the panel ({reasons}{more})"
        raise InsufficientDataError(msg)
    shape = (len(profiles), years.size, len(MEASURES))
    arrays = {k: np.full(shape, np.nan) for k in ("as_coded", "centre", "low", "high", "coverage")}
    draws = np.full((pieces[0].draws.shape[0], len(profiles), years.size), np.nan)
    for piece in pieces:
        cols = np.searchsorted(years, piece.years)
        for name, values in arrays.items():
            values[piece.index, cols] = getattr(piece, name)
        draws[:, piece.index, cols] = piece.draws
    return Panel(
        alliances=tuple(p.id for p in profiles),
        names=tuple(p.name for p in profiles),
        years=years,
        draws=draws,
        skipped=tuple(skipped),
        as_coded=arrays["as_coded"],
        centre=arrays["centre"],
        low=arrays["low"],
        high=arrays["high"],
        coverage=arrays["coverage"],
        **fields,
    )


def panel(
    profiles: Profile | str | Iterable[Profile | str],
    years: int | Sequence[int] | npt.ArrayLike | None = None,
    *,
    n: int | None = None,
    rng: int | np.random.Generator | None = None,
    model: Model | None = None,
    vary_model: bool = False,
    confidence_level: float = 0.9,
    executor: Executor | None = None,
) -> Panel:
    """Score many alliances over many years, each with its uncertainty, and rank them.

    For each profile, one layout serves all its requested years (:func:`build_layout`) and all its
    years and ``n`` Monte Carlo draws are scored together, in the engine's vectorised blocks of
    draws, with the draws of :func:`~alliance_health.uncertainty` (same distributions, same
    scrambled Sobol' points). Years in which a profile cannot be scored are skipped and reported,
    each with the reason.

    Parameters
    ----------
    profiles : sequence of Profile or str
        The alliances, each a :class:`Profile` or a built-in id (``"rok-us"``, see
        :func:`alliance_health.fixtures.available`); ids must be distinct.
    years : int or sequence of int, optional
        The years to score for every profile. Default: each profile's own span, from its founding
        (or first observation, if later) to its last observation.
    n : int, optional
        Draws per profile, a whole number >= 2; default 1024.
    rng : None, int or numpy.random.Generator, optional
        Root of the randomness. Each profile gets its own child seed (see Notes), so results do
        not depend on the executor. ``None`` draws fresh entropy.
    model : Model, optional
        The aggregation model; default ``Model()``.
    vary_model : bool, optional
        Draw the pillar weights and ``p`` too, as :func:`~alliance_health.uncertainty` does.
    confidence_level : float, optional
        Share of the draws inside each interval ``[low, high]``; default 0.9.
    executor : concurrent.futures.Executor, optional
        Where to run the profiles: ``None`` runs them here, one after the other; a
        ``ProcessPoolExecutor`` spreads them over local processes; a Dask cluster's
        ``distributed.Client(...).get_executor()`` over its workers. Same result in every case.

    Returns
    -------
    Panel
        The tidy table (:meth:`Panel.table`, :meth:`~Panel.to_frame`, :meth:`~Panel.write_csv`),
        the health draws, rankings per year (:meth:`Panel.ranking`) and the skipped years.

    Raises
    ------
    ValidationError
        No profiles, an entry that is neither a Profile nor an id, bad years, ``n``, ``rng``,
        ``model``, ``confidence_level`` or ``executor``.
    DuplicateError
        Two profiles share an id.
    UnknownReferenceError
        An id names no built-in profile.
    InsufficientDataError
        No requested year is scorable for any profile, or a profile has no observations and no
        ``years`` were given.

    Notes
    -----
    Seeds: the root seed sequence of ``rng`` (:func:`numpy.random.default_rng`'s) spawns one
    child per profile, in the order given (``numpy.random.SeedSequence.spawn``). With an integer
    seed ``s``, profile ``i``'s draws are therefore those of
    ``uncertainty(profile_i, scored_years, n=n, rng=np.random.default_rng(child))`` with
    ``child = np.random.SeedSequence(s).spawn(len(profiles))[i]`` (stored as ``Panel.seeds``):
    its centre and interval equal that result's median and interval. A profile with more than
    100 scored years is split into blocks of nearly equal size, each seeded by the child's own
    children; its draws are joint within a block and independent across blocks. Neither the
    seeds nor the blocks depend on the executor, so every executor gives the same bits.

    A Generator passed as ``rng`` spawns its children from its own seed sequence (as
    ``Generator.spawn`` does), so two calls with the same Generator object differ, and a fresh
    ``np.random.default_rng(s)`` gives the same panel as the seed ``s``.

    Draws of different profiles are independent: two profiles citing the same survey are drawn as
    if their errors were unrelated.

    References
    ----------
    .. [1] OECD/JRC (2008). *Handbook on Constructing Composite Indicators: Methodology and User
           Guide*. OECD Publishing. Step 7: uncertainty and sensitivity analysis of rankings.
    .. [2] Saisana, M., Saltelli, A. & Tarantola, S. (2005). Uncertainty and sensitivity analysis
           techniques as tools for the quality assessment of composite indicators. *Journal of the
           Royal Statistical Society A*, 168(2), 307-323.
    .. [3] Becker, W., Caperna, G., Del Sorbo, M., Norlén, H., Papadimitriou, E. & Saisana, M.
           (2022). COINr: An R package for developing composite indicators. *Journal of Open
           Source Software*, 7(78), 4567.

    Examples
    --------
    >>> import alliance_health as ah
    >>> p = ah.panel(["rok-us", "nato-post-1990"], range(1989, 1992), n=256, rng=0)
    >>> p.alliances, p.years.tolist()
    (('rok-us', 'nato-post-1990'), [1989, 1990, 1991])
    >>> len(p.to_dict()["records"])  # 2 alliances x 3 years x (health + 3 pillars)
    24
    >>> bool(p.as_coded[0, 2, 0] == ah.score(ah.fixtures.rok_us(), 1991).health)
    True
    """
    items = _profiles(profiles)
    wanted = _years(years)
    count = DEFAULT_N if n is None else check_n(n)
    level = check_confidence_level(confidence_level)
    model = _model(model)
    ok = executor is None or isinstance(executor, Executor)  # annotations are not enforced
    if not ok:
        msg = (
            "executor must be None or a concurrent.futures.Executor (e.g. ProcessPoolExecutor(),"
            f" or distributed.Client().get_executor()); got {type(executor).__name__}"
        )
        raise ValidationError(msg)
    seeds = _seeds(to_rng(rng), len(items))
    tasks: list[Task] = []
    skipped: list[Skipped] = []
    for i, (profile, seed) in enumerate(zip(items, seeds, strict=True)):
        own = _own_years(i, profile) if wanted is None else wanted
        more_tasks, more_skipped = _plan(
            i, profile, own, seed, n=count, model=model, vary_model=vary_model, level=level
        )
        tasks += more_tasks
        skipped += more_skipped
    return _assemble(
        items,
        _run(tasks, executor),
        skipped,
        seeds=seeds,
        confidence_level=level,
        model=model,
        vary_model=bool(vary_model),
    )


def _model(model: object) -> Model:
    if model is None:
        return Model()
    if not isinstance(model, Model):
        msg = f"model must be an alliance_health.Model, e.g. Model(p=0); got {type(model).__name__}"
        raise ValidationError(msg)
    return model
