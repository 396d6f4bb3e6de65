"""Projecting a profile under scenarios: the hypothetical observations and their trajectory."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._analysis.trajectory import Trajectory, trajectory
from alliance_health._domain.indicator import Indicator, from_unit
from alliance_health._domain.observation import Exact, Observation, Range
from alliance_health._domain.profile import Profile
from alliance_health._domain.source import Source
from alliance_health._errors import (
    ArgumentTypeError,
    InsufficientDataError,
    UnknownReferenceError,
    ValidationError,
)
from alliance_health._scoring.arguments import to_profile
from alliance_health._scoring.engine import build_layout
from alliance_health._scoring.model import Model
from alliance_health.scenarios._scenario import Array, Scenario

__all__ = ["DEFAULT_SPREAD", "SOURCE_KEY", "Projection", "apply", "project"]

SOURCE_KEY: Final = "scenario"
DEFAULT_SPREAD: Final = 0.03


@attrs.frozen(kw_only=True, eq=False)
class Projection:
    """A projected future: the profile with scenario observations and its trajectory.

    Attributes
    ----------
    profile : Profile
        The original profile plus the hypothetical observations (source ``"scenario"``).
    scenarios : tuple of Scenario
        In the order applied.
    start : int
        First projected year (the year after the last observed year).
    trajectory : Trajectory
        Scores of every scorable year up to ``until``, with Monte Carlo draws when ``n`` was given.

    Examples
    --------
    >>> import alliance_health as ah
    >>> from alliance_health import scenarios
    >>> p = ah.testing.minimal_profile()
    >>> proj = scenarios.project(p, [scenarios.hedge()], until=2008, n=256, rng=0)
    >>> proj.start, proj.scenarios
    (2007, (hedge(threats=None, floor=0.5),))

    The hypothetical observations cite the source ``"scenario"`` and widen with the years ahead:

    >>> added = [o for o in proj.profile.observations if o.source == "scenario"]
    >>> [(o.member, o.year, o.value) for o in added if o.indicator == "threat-public"]
    [('AAA', 2007, 50.0), ('AAA', 2008, 50.0), ('BBB', 2007, 50.0), ('BBB', 2008, 50.0)]
    >>> [(o.year, round(o.uncertainty.hi - o.uncertainty.lo, 2)) for o in added[:2]]
    [(2007, 6.0), (2008, 8.49)]
    >>> proj.profile.source("scenario").kind
    'scenario'
    """

    profile: Profile
    scenarios: tuple[Scenario, ...]
    start: int
    trajectory: Trajectory

    def __repr__(self) -> str:
        names = " + ".join(repr(s) for s in self.scenarios) or "persistence only"
        return f"Projection({self.profile.id!r} from {self.start}: {names})\n{self.trajectory!r}"

    def _repr_html_(self) -> str:
        return self.trajectory._repr_html_()


def _last_observed(profile: Profile) -> int:
    years = [o.year for o in profile.observations if o.source != SOURCE_KEY]
    if not years:
        msg = f"{profile.name!r} has no observation to project from"
        raise InsufficientDataError(msg)
    return max(years)


def _to_units(ind: Indicator, x: Array) -> Array:
    return from_unit(x, ind.scale[0], ind.scale[1], not ind.higher_is_better)


def _emit(
    profile: Profile,
    x: Array,
    exact: npt.NDArray[np.bool_],
    *,
    years: Array,
    spread: float,
    keys: Sequence[tuple[str, str | None, str]],
) -> list[Observation]:
    """Turn the projected matrix back into observations, in each indicator's units."""
    ahead = years - years[0] + 1
    out = []
    for k, (ind_id, member, note) in enumerate(keys):
        ind = profile.indicator(ind_id)
        width = spread * np.sqrt(ahead)
        value = _to_units(ind, x[k])
        ends = np.sort(_to_units(ind, np.clip(x[k][None, :] + [[-1], [1]] * width, 0, 1)), axis=0)
        for t, year in enumerate(years):
            if member is not None and not profile.member(member).is_member(int(year)):
                continue
            low, high = float(ends[0, t]), float(ends[1, t])
            v = float(value[t])
            unc: Exact | Range = Exact() if exact[k, t] else Range(min(low, v), max(high, v))
            out.append(
                Observation(
                    indicator=ind_id,
                    year=int(year),
                    value=v,
                    member=member,
                    source=SOURCE_KEY,
                    uncertainty=unc,
                    note=note,
                )
            )
    return out


def apply(
    profile: Profile | str,
    scenarios: Sequence[Scenario],
    *,
    until: int,
    spread: float = DEFAULT_SPREAD,
) -> Profile:
    """Return ``profile`` with hypothetical observations from its last observed year to ``until``.

    The first step of :func:`project`, for those who want the projected profile itself (to save
    it, or to score it with another function). See the module notes for the baseline, the stages
    and the uncertainty; the parameters are those of :func:`project`.

    Returns
    -------
    Profile
        The profile plus one observation of every carried-forward (indicator, member) series in
        each projected year, citing the source ``"scenario"``.

    Raises
    ------
    InsufficientDataError
        A scenario finds none of the indicators it acts on among those the profile observes in
        its last observed year (``expansion()`` on a profile without consultation institutions
        or joint decisions, say): it would change nothing.

    Examples
    --------
    >>> import alliance_health as ah
    >>> from alliance_health import scenarios
    >>> p = ah.testing.minimal_profile()
    >>> q = scenarios.apply(p, [scenarios.drift(rate=0.5)], until=2007)
    >>> q.observation("meetings", 2007).value  # consultation halved: 2 of 4 becomes 1
    1.0
    >>> scenarios.apply(p, [scenarios.expansion()], until=2007)
    Traceback (most recent call last):
    ...
    alliance_health.InsufficientDataError: expansion(gain=0.25) acts on indicators following the
    catalogue standards 'consultation-institutions' or 'joint-decisions', but 'minimal' observes
    none in 2006, the year carried forward; add one
    (catalogue.get('consultation-institutions').indicator()) or leave expansion out
    """
    profile = to_profile(profile)
    chosen = _scenarios(scenarios)
    spread = _validate.check_in_range(spread, "spread")
    base = _last_observed(profile)
    until = _validate.check_year(until, "until", hint=f" after the last observed year {base}")
    if until <= base:
        msg = f"until must be a year after the last observed year {base}; got {until!r}"
        raise ValidationError(msg)
    if any(s.source == SOURCE_KEY for s in profile.observations):
        msg = f"{profile.id!r} already holds scenario observations; project from the observed one"
        raise ValidationError(msg)
    for s in chosen:
        _unknown_threats(profile, s.parameters.get("threats") or ())
    layout = build_layout(profile, [base])
    current = layout.normalise(layout.values)
    keys = [
        (o.indicator, o.member, "baseline: last observed value carried forward")
        for o in layout.observations
    ]
    inds = [profile.indicator(o.indicator) for o in layout.observations]
    for s in chosen:
        _require_targets(s, inds, profile.id, base)
    years = np.arange(base + 1, until + 1)
    ahead = (years - base).astype(np.float64)
    x = np.repeat(current[:, None], years.size, axis=1)
    ordered = sorted(chosen, key=lambda s: s.stage)
    for s in ordered:
        x = np.clip(s.move(x, ahead, inds), 0.0, 1.0)
    exact = np.zeros_like(x, dtype=bool)
    for s in ordered:
        if s.close_year is not None:
            closed = years >= s.close_year
            x[:, closed] = 0.0
            exact[:, closed] = True
    names = " + ".join(repr(s) for s in ordered) or "persistence"
    keys = [(i, m, f"scenario {names}; {note}") for i, m, note in keys]
    new = _emit(profile, x, exact, years=years.astype(np.float64), spread=spread, keys=keys)
    source = Source(
        key=SOURCE_KEY,
        title=f"Hypothetical projection: {names} (not data)",
        kind="scenario",
        author="alliance_health scenarios",
    )
    sources = (*tuple(s for s in profile.sources if s.key != SOURCE_KEY), source)
    return attrs.evolve(profile, sources=sources, observations=profile.observations + tuple(new))


def project(
    profile: Profile | str,
    scenarios: Sequence[Scenario] = (),
    *,
    until: int,
    n: int | None = 1024,
    rng: int | np.random.Generator | None = None,
    model: Model | None = None,
    spread: float = DEFAULT_SPREAD,
) -> Projection:
    """Project an alliance's health under a combination of scenarios, with its uncertainty.

    Parameters
    ----------
    profile : Profile or str
        The observed alliance, or the id of a built-in profile (``"rok-us"``).
    scenarios : sequence of Scenario
        Options from :func:`hedge`, :func:`expansion`, :func:`new_missions`, :func:`out_of_area`,
        :func:`drift`, :func:`close`; applied in stages (module notes).
    until : int
        Last projected year.
    n : int or None, optional
        Monte Carlo draws for intervals (default 1024); ``None`` for point values only.
    rng : int or numpy.random.Generator, optional
        Seed for the draws.
    model : Model, optional
        Aggregation model; default ``Model()``.
    spread : float, optional
        Growth of the projected values' uncertainty per square-root year, in normalised units
        (default 0.03: a value ten years ahead is uncertain by about +/- 0.1).

    Returns
    -------
    Projection
        The profile with the hypothetical observations and its trajectory from the first observed
        year to ``until``.

    Raises
    ------
    ValidationError
        ``until`` is not a year after the last observed year, or the profile already holds
        scenario observations.
    ArgumentTypeError
        ``scenarios`` is not a sequence of :class:`Scenario`.
    UnknownReferenceError
        A scenario names a threat the profile does not have.
    InsufficientDataError
        A scenario finds none of the indicators it acts on (see :func:`apply`).

    References
    ----------
    .. [1] Sneider, D. C. (2006). "Re-imagining the U.S.-ROK Alliance". Shorenstein APARC, Stanford
           University; the options quoted in each scenario.

    Examples
    --------
    A hedge that is then neglected: the shared threat rises at once, consultation drifts away,
    and after three years the shared threat starts to erode too.

    >>> import alliance_health as ah
    >>> from alliance_health import scenarios
    >>> p = ah.testing.minimal_profile()
    >>> options = [scenarios.drift(rate=0.2), scenarios.hedge()]  # applied hedge first
    >>> proj = scenarios.project(p, options, until=2010, n=256, rng=0)
    >>> print(repr(proj).splitlines()[0])
    Projection('minimal' from 2007: hedge(threats=None, floor=0.5) + drift(rate=0.2, ...))
    >>> proj.trajectory.health.round(3).tolist()
    [0.5, 0.585, 0.543, 0.504, 0.46]
    >>> proj.trajectory.pillar("shared_threat").round(3).tolist()
    [0.25, 0.5, 0.5, 0.5, 0.475]
    >>> proj.trajectory.pillar("consultation").round(3).tolist()
    [0.5, 0.4, 0.32, 0.256, 0.205]
    >>> iv = proj.trajectory.interval(0.9)
    >>> iv.low.round(3).tolist(), iv.high.round(3).tolist()
    ([0.433, 0.569, 0.518, 0.473, 0.421], [0.553, 0.594, 0.556, 0.522, 0.484])
    """
    profile = to_profile(profile)
    chosen = _scenarios(scenarios)
    projected = apply(profile, chosen, until=until, spread=spread)
    start = _last_observed(profile) + 1
    t = trajectory(projected, model=model, n=n, rng=rng)
    return Projection(
        profile=projected,
        scenarios=tuple(sorted(chosen, key=lambda s: s.stage)),
        start=start,
        trajectory=t,
    )


def _unknown_threats(profile: Profile, threats: Sequence[str]) -> None:
    missing = sorted(set(threats) - set(profile.threats))
    if missing:
        msg = f"unknown threat(s) {missing} for {profile.id!r}; known: {list(profile.threats)}"
        raise UnknownReferenceError(msg)


def _scenarios(scenarios: object) -> tuple[Scenario, ...]:
    """``scenarios`` as a tuple of Scenario objects; anything else is refused."""
    if isinstance(scenarios, Scenario):
        msg = f"scenarios must be a sequence of Scenario; got the single {scenarios!r}: write [...]"
        raise ArgumentTypeError(msg)
    if isinstance(scenarios, str) or not isinstance(scenarios, Iterable):
        msg = (
            f"scenarios must be a sequence of Scenario, e.g. [hedge(), drift()]; got {scenarios!r}"
        )
        raise ArgumentTypeError(msg)
    chosen = tuple(scenarios)
    for s in chosen:
        if not isinstance(s, Scenario):
            msg = f"scenarios must be Scenario objects (hedge(), drift(), ...); got {s!r}"
            raise ArgumentTypeError(msg)
    return chosen


def _require_targets(s: Scenario, inds: Sequence[Indicator], profile_id: str, base: int) -> None:
    """Refuse a scenario that finds none of the indicators one of its targets names."""
    for target in s.targets:
        if not any(target.select(i) for i in inds):
            msg = (
                f"{s!r} acts on {target.description}, but {profile_id!r} observes none in {base},"
                f" the year carried forward; {target.fix}leave {s.name} out"
            )
            raise InsufficientDataError(msg)
