"""Scenarios: the essay's options for a re-imagined alliance, as transformations of a profile.

Sneider (2006) closes with options for the U.S.-ROK alliance drawn from NATO's experience after the
Cold War: a **hedge**, **expansion**, **new missions**, an **out-of-area** role, or to "bring their
alliance to a close"; and he warns against letting it "drift from inattention". Each option here is
a :class:`Scenario` that adds hypothetical observations (source kind ``"scenario"``) for the years
after the profile's last observed year; observed years are never changed.

How a projection is built (:func:`project`):

1. **Baseline (persistence).** Each (indicator, member) series valid in the last observed year is
   carried forward unchanged: absent a change of policy, the last observed state persists.
2. **Scenarios**, in stages: first the options that build the alliance up (``hedge``,
   ``expansion``, ``new_missions``, ``out_of_area``, in the order given), then ``drift``, then
   ``close``. Each stage works on the normalised values [0, 1] left by the previous one, so
   "hedge, then drift" means a hedge that is then neglected, and ``close`` overrides everything.
3. **Uncertainty.** Projected values carry a ``Range`` that widens with the square root of the
   years ahead (``spread`` per sqrt-year, in normalised units); the end of the alliance is certain.

Examples
--------
>>> import alliance_health as ah
>>> from alliance_health import scenarios
>>> p = ah.testing.minimal_profile()
>>> proj = scenarios.project(p, [scenarios.drift(rate=0.2)], until=2009, n=64, rng=0)
>>> proj.trajectory.health.round(3).tolist()
[0.5, 0.464, 0.431, 0.4]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._analysis.trajectory import Trajectory, trajectory
from alliance_health._domain.indicator import Indicator
from alliance_health._domain.observation import Exact, Observation, Range
from alliance_health._domain.pillar import Pillar
from alliance_health._domain.profile import Profile
from alliance_health._domain.source import Source
from alliance_health._errors import InsufficientDataError, UnknownReferenceError, ValidationError
from alliance_health._scoring.engine import build_layout
from alliance_health._scoring.model import Model

__all__ = [
    "Projection",
    "Scenario",
    "close",
    "drift",
    "expansion",
    "hedge",
    "new_missions",
    "out_of_area",
    "project",
]

Array = npt.NDArray[np.float64]
# A move maps (values (K, T) in [0, 1], years ahead (T,), indicators (K,)) to new values.
Move = Callable[[Array, Array, Sequence[Indicator]], Array]

_BUILD, _DRIFT, _CLOSE = 1, 2, 3
SOURCE_KEY: Final = "scenario"
DEFAULT_SPREAD: Final = 0.03


@attrs.frozen(kw_only=True, eq=False)
class Scenario:
    """One option for the alliance's future; build with :func:`hedge`, :func:`drift`, ...

    Attributes
    ----------
    name : str
        The option's name.
    stage : int
        Composition stage: 1 builds up, 2 drift, 3 close (see the module notes).
    parameters : Mapping[str, Any]
        The parameters it was built with.
    assumes : str
        What it assumes, in words, with the essay's wording.
    move : callable
        The transformation of the normalised values, as ``move(x, years_ahead, indicators)``.
    close_year : int or None
        The year the alliance ends (:func:`close` only).

    Examples
    --------
    >>> from alliance_health import scenarios
    >>> s = scenarios.hedge(threats=["china-rise"], level=0.6)
    >>> s
    hedge(threats=('china-rise',), level=0.6)
    >>> s.stage, s.assumes
    (1, 'recognition of hedged threats raised to a common floor; synchrony likewise')
    """

    name: str
    stage: int
    parameters: Mapping[str, Any]
    assumes: str
    move: Move = attrs.field(repr=False)
    close_year: int | None = None

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.parameters.items())
        return f"{self.name}({params})"


def _fraction(name: str, value: float, *, upper: float = 1.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        msg = f"{name} must be a finite number; got {value!r}"
        raise ValidationError(msg)
    if not 0 <= value <= upper:
        msg = f"{name} must lie in [0, {upper:g}]; got {value!r}"
        raise ValidationError(msg)
    return float(value)


def _raise_to(level: float, select: Callable[[Indicator], bool]) -> Move:
    def move(x: Array, _ahead: Array, inds: Sequence[Indicator]) -> Array:
        mask = np.array([select(i) for i in inds], dtype=bool)[:, None]
        return np.where(mask, np.maximum(x, level), x)

    return move


def _add(gain: float, select: Callable[[Indicator], bool]) -> Move:
    def move(x: Array, _ahead: Array, inds: Sequence[Indicator]) -> Array:
        mask = np.array([select(i) for i in inds], dtype=bool)[:, None]
        return np.where(mask, np.minimum(x + gain, 1.0), x)

    return move


def _compose(*moves: Move) -> Move:
    def move(x: Array, ahead: Array, inds: Sequence[Indicator]) -> Array:
        for m in moves:
            x = m(x, ahead, inds)
        return x

    return move


def _is(standard: str) -> Callable[[Indicator], bool]:
    return lambda i: i.standard == standard


def hedge(*, threats: Sequence[str] | None = None, level: float = 0.5) -> Scenario:
    """The alliance as a hedge: the members converge on recognising the hedged threats.

    The essay: "The alliance remains crucial as a 'hedge' against North Korean aggression, even if
    the dangers of an attack are considered significantly reduced ... that hedge will need to expand
    to include a shared doctrine of containment and deterrence ... Strategically the alliance is
    also a 'hedge' against Chinese ambitions to dominate East Asia".

    Assumes a shared doctrine lifts every member's recognition of each hedged threat to at least
    ``level`` (normalised) — the least-convinced member is brought up, nobody is lowered — and
    that agreeing the doctrine brings the allies' crisis responses (``policy-synchrony``) to at
    least the same level.

    Parameters
    ----------
    threats : sequence of str, optional
        Threats hedged against (names used by the profile's indicators); default all.
    level : float, optional
        Floor of recognition in [0, 1], default 0.5 (a threat taken seriously, not an obsession).

    Returns
    -------
    Scenario
        To pass to :func:`project`.

    Examples
    --------
    In the illustrative profile the less convinced member (BBB, 25 %) is brought up to the floor
    of 50 %, and the shared threat with it:

    >>> import alliance_health as ah
    >>> from alliance_health import scenarios
    >>> p = ah.testing.minimal_profile()
    >>> scenarios.project(p, [scenarios.hedge(level=0.5)], until=2008, n=None)
    Projection('minimal' from 2007: hedge(threats=None, level=0.5))
    Trajectory('minimal', 3 years)
      year  health  threat  oblig. consult.
      2006   0.500   0.250   1.000    0.500
      2007   0.630   0.500   1.000    0.500
      2008   0.630   0.500   1.000    0.500
    """
    level = _fraction("hedge level", level)
    chosen = None if threats is None else tuple(threats)

    def select(i: Indicator) -> bool:
        return i.pillar is Pillar.SHARED_THREAT and (chosen is None or i.threat in chosen)

    return Scenario(
        name="hedge",
        stage=_BUILD,
        parameters=MappingProxyType({"threats": chosen, "level": level}),
        assumes="recognition of hedged threats raised to a common floor; synchrony likewise",
        move=_compose(_raise_to(level, select), _raise_to(level, _is("policy-synchrony"))),
    )


def expansion(*, gain: float = 0.25) -> Scenario:
    """The alliance as the base of a wider multilateral security structure.

    The essay: "The alliance can reassert its vitality as the basis, along with the U.S.-Japan
    security alliance, of an expanded multilateral security structure for Northeast Asia".

    Assumes the structure adds consultation (``consultation-institutions`` and
    ``joint-decisions`` rise by ``gain`` in normalised units, capped at 1). Partners are not added
    as members: their threat perceptions are unknown, and the min rule would let any of them
    decide the shared threat.

    Parameters
    ----------
    gain : float, optional
        Rise of the two consultation indicators, in [0, 1] normalised units; default 0.25.

    Returns
    -------
    Scenario
        To pass to :func:`project`.

    Examples
    --------
    The U.S.-ROK alliance in 2010, carried forward from 2007, without and with the expansion:

    >>> import warnings
    >>> from alliance_health import CoverageWarning, fixtures, scenarios
    >>> warnings.simplefilter("ignore", CoverageWarning)  # thin consultation codings before 2007
    >>> p = fixtures.rok_us()
    >>> base = scenarios.project(p, until=2010, n=None).trajectory.at(2010)
    >>> wider = scenarios.project(p, [scenarios.expansion()], until=2010, n=None)
    >>> after = wider.trajectory.at(2010)
    >>> round(base["consultation"], 3), round(after["consultation"], 3)
    (0.556, 0.722)
    >>> round(base["health"], 3), round(after["health"], 3)
    (0.596, 0.651)
    """
    gain = _fraction("expansion gain", gain)
    select = lambda i: i.standard in {"consultation-institutions", "joint-decisions"}  # noqa: E731
    return Scenario(
        name="expansion",
        stage=_BUILD,
        parameters=MappingProxyType({"gain": gain}),
        assumes="consultation institutions and joint decisions rise; no new members",
        move=_add(gain, select),
    )


def new_missions(*, level: float = 2 / 3, threats: Sequence[str] = ()) -> Scenario:
    """New missions, above all counter-proliferation.

    The essay: "The alliance should take on new missions, most importantly to participate in
    military and non-military counter-proliferation operations".

    Assumes joint operations reach at least ``level`` (normalised; 2/3 is the catalogue's
    "substantial non-combat deployments") and that members come to recognise the mission's
    threats (``threats``, e.g. ``("nuclear-proliferation",)``) at least at the same level.

    Parameters
    ----------
    level : float, optional
        Floor of joint operations and of the recognition of ``threats``, in [0, 1]; default 2/3.
    threats : sequence of str, optional
        The threats the missions counter (names used by the profile's indicators; :func:`project`
        rejects a name the profile does not use); default none.

    Returns
    -------
    Scenario
        To pass to :func:`project`.

    Examples
    --------
    Counter-proliferation as a mission of the U.S.-ROK alliance, projected to 2010:

    >>> import warnings
    >>> from alliance_health import CoverageWarning, fixtures, scenarios
    >>> warnings.simplefilter("ignore", CoverageWarning)  # thin consultation codings before 2007
    >>> p = fixtures.rok_us()
    >>> base = scenarios.project(p, until=2010, n=None).trajectory.at(2010)
    >>> option = scenarios.new_missions(threats=["nuclear-proliferation"])
    >>> after = scenarios.project(p, [option], until=2010, n=None).trajectory.at(2010)
    >>> round(base["shared_threat"], 3), round(after["shared_threat"], 3)
    (0.572, 0.667)
    """
    level = _fraction("new_missions level", level)
    chosen = tuple(threats)

    def threat(i: Indicator) -> bool:
        return i.pillar is Pillar.SHARED_THREAT and i.threat in chosen

    return Scenario(
        name="new_missions",
        stage=_BUILD,
        parameters=MappingProxyType({"level": level, "threats": chosen}),
        assumes="joint operations and recognition of the mission's threats raised to a floor",
        move=_compose(_raise_to(level, _is("joint-operations")), _raise_to(level, threat)),
    )


def out_of_area(*, level: float = 1.0, command: float = 2 / 3) -> Scenario:
    """A formal out-of-area role: systematic joint global operations.

    The essay: "A re-imagined alliance might formalize an 'out of area' role, elevating the
    deployments of peacekeeping and other forces to Iraq and Afghanistan into more systematic joint
    global operations between the two militaries".

    Assumes joint operations reach ``level`` (1 = combat operations together) and the combined
    command keeps at least ``command`` (2/3 = combined planning and regular exercises), since
    global operations need it.

    Parameters
    ----------
    level : float, optional
        Floor of joint operations in [0, 1]; default 1.
    command : float, optional
        Floor of the integrated command in [0, 1]; default 2/3.

    Returns
    -------
    Scenario
        To pass to :func:`project`.

    Examples
    --------
    The U.S.-ROK alliance with a formal out-of-area role, projected to 2010:

    >>> import warnings
    >>> from alliance_health import CoverageWarning, fixtures, scenarios
    >>> warnings.simplefilter("ignore", CoverageWarning)  # thin consultation codings before 2007
    >>> p = fixtures.rok_us()
    >>> base = scenarios.project(p, until=2010, n=None).trajectory.at(2010)
    >>> after = scenarios.project(p, [scenarios.out_of_area()], until=2010, n=None)
    >>> after = after.trajectory.at(2010)
    >>> round(base["mutual_obligation"], 3), round(after["mutual_obligation"], 3)
    (0.668, 0.713)
    """
    level = _fraction("out_of_area level", level)
    command = _fraction("out_of_area command", command)
    return Scenario(
        name="out_of_area",
        stage=_BUILD,
        parameters=MappingProxyType({"level": level, "command": command}),
        assumes="joint operations formalised; combined command kept",
        move=_compose(
            _raise_to(level, _is("joint-operations")),
            _raise_to(command, _is("integrated-command")),
        ),
    )


def drift(*, rate: float = 0.1, threat_lag: int = 3, threat_rate: float = 0.05) -> Scenario:
    """Drift from inattention: consultation decays, and after a lag the shared threat too.

    The essay: "What we should not do is to allow the alliance to drift from inattention into a
    deeper crisis that would only benefit our adversaries".

    Assumes every consultation value decays geometrically, ``x_t = x_0 (1 - rate)^t`` with ``t``
    the years ahead, and that after ``threat_lag`` years without real consultation the shared
    recognition of threats decays at ``threat_rate`` a year. Drift never raises anything.

    Parameters
    ----------
    rate : float, optional
        Yearly decay of consultation, in [0, 1]; default 0.1.
    threat_lag : int, optional
        Years before the shared threat starts to decay, >= 0; default 3.
    threat_rate : float, optional
        Yearly decay of the shared threat after the lag, in [0, 1]; default 0.05.

    Returns
    -------
    Scenario
        To pass to :func:`project`.

    Examples
    --------
    Consultation loses a fifth a year (0.5, 0.4, 0.32, ...); the shared threat holds for three
    years:

    >>> import alliance_health as ah
    >>> from alliance_health import scenarios
    >>> p = ah.testing.minimal_profile()
    >>> scenarios.project(p, [scenarios.drift(rate=0.2)], until=2010, n=None)
    Projection('minimal' from 2007: drift(rate=0.2, threat_lag=3, threat_rate=0.05))
    Trajectory('minimal', 5 years)
      year  health  threat  oblig. consult.
      2006   0.500   0.250   1.000    0.500
      2007   0.464   0.250   1.000    0.400
      2008   0.431   0.250   1.000    0.320
      2009   0.400   0.250   1.000    0.256
      2010   0.365   0.237   1.000    0.205
    """
    rate = _fraction("drift rate", rate)
    threat_rate = _fraction("drift threat_rate", threat_rate)
    if isinstance(threat_lag, bool) or not isinstance(threat_lag, int) or threat_lag < 0:
        msg = f"drift threat_lag must be a whole number of years >= 0; got {threat_lag!r}"
        raise ValidationError(msg)

    def move(x: Array, ahead: Array, inds: Sequence[Indicator]) -> Array:
        pillar = np.array([i.pillar for i in inds])
        consult = (pillar == Pillar.CONSULTATION)[:, None]
        threat = (pillar == Pillar.SHARED_THREAT)[:, None]
        late = np.maximum(ahead - threat_lag, 0)
        x = np.where(consult, x * (1 - rate) ** ahead, x)
        return np.where(threat, x * (1 - threat_rate) ** late, x)

    return Scenario(
        name="drift",
        stage=_DRIFT,
        parameters=MappingProxyType(
            {"rate": rate, "threat_lag": threat_lag, "threat_rate": threat_rate}
        ),
        assumes="consultation decays geometrically; shared threat decays after a lag",
        move=move,
    )


def close(year: int) -> Scenario:
    """The partners end the alliance: health is zero from ``year`` on.

    The essay: "South Korea and the United States can chose to bring their alliance to a close. If
    we cannot agree on the common threats that face us, this alliance cannot endure".

    Assumes that from ``year`` no pledge, command, operation or consultation remains and no threat
    is recognised in common: every indicator is set to the unhealthy end of its scale, exactly
    (without uncertainty), so every pillar and the health are zero under any model.

    Parameters
    ----------
    year : int
        The first year without the alliance.

    Returns
    -------
    Scenario
        To pass to :func:`project`; it overrides every other scenario from ``year`` on.

    Examples
    --------
    >>> import alliance_health as ah
    >>> from alliance_health import scenarios
    >>> p = ah.testing.minimal_profile()
    >>> scenarios.project(p, [scenarios.close(2008)], until=2009, n=None)
    Projection('minimal' from 2007: close(year=2008))
    Trajectory('minimal', 4 years)
      year  health  threat  oblig. consult.
      2006   0.500   0.250   1.000    0.500
      2007   0.500   0.250   1.000    0.500
      2008   0.000   0.000   0.000    0.000
      2009   0.000   0.000   0.000    0.000
    """
    if isinstance(year, bool) or not isinstance(year, int):
        msg = f"close year must be a whole number; got {year!r}"
        raise ValidationError(msg)

    def move(x: Array, _ahead: Array, _inds: Sequence[Indicator]) -> Array:
        return x  # applied by project(), which knows the calendar years

    return Scenario(
        name="close",
        stage=_CLOSE,
        parameters=MappingProxyType({"year": year}),
        assumes="every indicator at its unhealthy end from the closing year, with certainty",
        move=move,
        close_year=year,
    )


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
        Scores of every scorable year up to ``until``, with bands when ``n`` was given.

    Examples
    --------
    >>> import alliance_health as ah
    >>> from alliance_health import scenarios
    >>> p = ah.testing.minimal_profile()
    >>> proj = scenarios.project(p, [scenarios.hedge()], until=2008, n=256, rng=0)
    >>> proj.start, proj.scenarios
    (2007, (hedge(threats=None, level=0.5),))

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
    lo, hi = ind.scale
    xs = x if ind.higher_is_better else 1.0 - x
    return lo + xs * (hi - lo)


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
    profile: Profile,
    scenarios: Sequence[Scenario],
    *,
    until: int,
    spread: float = DEFAULT_SPREAD,
) -> Profile:
    """Return ``profile`` with hypothetical observations from its last observed year to ``until``.

    See the module notes for the baseline, the stages and the uncertainty.
    """
    given: Sequence[object] = scenarios  # checked at runtime: users pass anything
    for s in given:
        if not isinstance(s, Scenario):
            msg = f"scenarios must be Scenario objects (hedge(), drift(), ...); got {s!r}"
            raise ValidationError(msg)
    spread = _fraction("spread", spread)
    base = _last_observed(profile)
    if isinstance(until, bool) or not isinstance(until, int) or until <= base:
        msg = f"until must be a year after the last observed year {base}; got {until!r}"
        raise ValidationError(msg)
    if any(s.source == SOURCE_KEY for s in profile.observations):
        msg = f"{profile.id!r} already holds scenario observations; project from the observed one"
        raise ValidationError(msg)
    for s in scenarios:
        _unknown_threats(profile, s.parameters.get("threats") or ())
    layout = build_layout(profile, [base])
    current = layout.normalise(layout.values)
    keys = [
        (o.indicator, o.member, "baseline: last observed value carried forward")
        for o in layout.observations
    ]
    inds = [profile.indicator(o.indicator) for o in layout.observations]
    years = np.arange(base + 1, until + 1)
    ahead = (years - base).astype(np.float64)
    x = np.repeat(current[:, None], years.size, axis=1)
    ordered = sorted(scenarios, key=lambda s: s.stage)
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
    profile: Profile,
    scenarios: Sequence[Scenario] = (),
    *,
    until: int,
    n: int | None = 1024,
    rng: int | np.random.Generator | None = None,
    model: Model | None = None,
    spread: float = DEFAULT_SPREAD,
) -> Projection:
    """Project an alliance's health under a combination of scenarios, with uncertainty bands.

    Parameters
    ----------
    profile : Profile
        The observed alliance.
    scenarios : sequence of Scenario
        Options from :func:`hedge`, :func:`expansion`, :func:`new_missions`, :func:`out_of_area`,
        :func:`drift`, :func:`close`; applied in stages (module notes).
    until : int
        Last projected year.
    n : int or None, optional
        Monte Carlo draws for bands (default 1024); ``None`` for point values only.
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
        A scenario is not a :class:`Scenario`, ``until`` is not after the last observed year, or
        the profile already holds scenario observations.
    UnknownReferenceError
        A scenario names a threat the profile does not have.

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
    >>> proj
    Projection('minimal' from 2007: hedge(threats=None, level=0.5) + drift(rate=0.2, ...))
    Trajectory('minimal', 5 years)
      year  centre      5%     95% as coded  threat  oblig. consult.
      2006   0.500   0.433   0.553    0.500   0.250   1.000    0.500
      2007   0.581   0.569   0.594    0.585   0.500   1.000    0.400
      2008   0.538   0.518   0.556    0.543   0.500   1.000    0.320
      2009   0.498   0.473   0.522    0.504   0.500   1.000    0.256
      2010   0.453   0.421   0.484    0.460   0.475   1.000    0.205
    >>> low, high = proj.trajectory.interval(0.9)
    >>> low.round(3).tolist(), high.round(3).tolist()
    ([0.433, 0.569, 0.518, 0.473, 0.421], [0.553, 0.594, 0.556, 0.522, 0.484])
    """
    projected = apply(profile, scenarios, until=until, spread=spread)
    start = _last_observed(profile) + 1
    t = trajectory(projected, model=model, n=n, rng=rng)
    return Projection(
        profile=projected,
        scenarios=tuple(sorted(scenarios, key=lambda s: s.stage)),
        start=start,
        trajectory=t,
    )


def _unknown_threats(profile: Profile, threats: Sequence[str]) -> None:
    missing = sorted(set(threats) - set(profile.threats))
    if missing:
        msg = f"unknown threat(s) {missing} for {profile.id!r}; known: {list(profile.threats)}"
        raise UnknownReferenceError(msg)
