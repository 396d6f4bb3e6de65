"""The options that build the alliance up: a hedge, expansion, new missions, out of area."""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType
from typing import Final

from alliance_health import _validate
from alliance_health._errors import ValidationError
from alliance_health.scenarios._scenario import (
    BUILD,
    Scenario,
    add,
    compose,
    raise_to,
    standard,
)
from alliance_health.scenarios._scenario import threats as threats_target

__all__ = ["expansion", "hedge", "new_missions", "out_of_area"]

# The catalogue standards the options act on (see alliance_health.catalogue).
SYNCHRONY: Final = "policy-synchrony"
INSTITUTIONS: Final = "consultation-institutions"
JOINT_DECISIONS: Final = "joint-decisions"
JOINT_OPERATIONS: Final = "joint-operations"
COMMAND: Final = "integrated-command"


def _floor(option: str, floor: float, level: float | None) -> float:
    """``floor`` in [0, 1], or the deprecated ``level`` when given."""
    if level is not None:
        _validate.deprecated(f"{option}(level=...)", f"{option}(floor=...)", stacklevel=4)
        floor = level
    return _validate.check_in_range(floor, f"{option} floor")


def _threat_names(option: str, threats: Sequence[str]) -> tuple[str, ...]:
    """The threat names as a tuple; a bare string (a sequence of letters) is refused."""
    if isinstance(threats, str):
        msg = (
            f"{option} threats must be a sequence of threat names; got the string {threats!r}:"
            f" write [{threats!r}]"
        )
        raise ValidationError(msg)
    return tuple(threats)


def hedge(
    *, threats: Sequence[str] | None = None, floor: float = 0.5, level: float | None = None
) -> Scenario:
    """The alliance as a hedge: the members converge on recognising the hedged threats.

    The essay: "The alliance remains crucial as a 'hedge' against North Korean aggression, even if
    the dangers of an attack are considered significantly reduced ... that hedge will need to expand
    to include a shared doctrine of containment and deterrence ... Strategically the alliance is
    also a 'hedge' against Chinese ambitions to dominate East Asia".

    Assumes a shared doctrine lifts every member's recognition of each hedged threat to at least
    ``floor`` (normalised) — the least-convinced member is brought up, nobody is lowered — and
    that agreeing the doctrine brings the allies' crisis responses (``policy-synchrony``) to at
    least the same level.

    Parameters
    ----------
    threats : sequence of str, optional
        Threats hedged against (names used by the profile's indicators); default all.
    floor : float, optional
        Floor of recognition in [0, 1], default 0.5 (a threat taken seriously, not an obsession).
    level : float, optional
        Deprecated spelling of ``floor``.

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
    >>> proj = scenarios.project(p, [scenarios.hedge(floor=0.5)], until=2008, n=None)
    >>> print(repr(proj).splitlines()[0])
    Projection('minimal' from 2007: hedge(threats=None, floor=0.5))
    >>> proj.trajectory.health.round(3).tolist()
    [0.5, 0.63, 0.63]
    >>> proj.trajectory.pillar("shared_threat").round(3).tolist()
    [0.25, 0.5, 0.5]
    >>> proj.trajectory.pillar("consultation").round(3).tolist()
    [0.5, 0.5, 0.5]
    """
    floor = _floor("hedge", floor, level)
    chosen = None if threats is None else _threat_names("hedge", threats)
    hedged = threats_target(chosen)
    return Scenario(
        name="hedge",
        stage=BUILD,
        parameters=MappingProxyType({"threats": chosen, "floor": floor}),
        assumes="recognition of hedged threats raised to a common floor; synchrony likewise",
        move=compose(raise_to(floor, hedged.select), raise_to(floor, standard(SYNCHRONY).select)),
        targets=(hedged,),
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

    >>> from alliance_health import fixtures, scenarios
    >>> p = fixtures.rok_us()
    >>> base = scenarios.project(p, until=2010, n=None).trajectory.at(2010)
    >>> wider = scenarios.project(p, [scenarios.expansion()], until=2010, n=None)
    >>> after = wider.trajectory.at(2010)
    >>> round(base["consultation"], 3), round(after["consultation"], 3)
    (0.556, 0.722)
    >>> round(base["health"], 3), round(after["health"], 3)
    (0.585, 0.639)
    """
    gain = _validate.check_in_range(gain, "expansion gain")
    consultation = standard(INSTITUTIONS, JOINT_DECISIONS)
    return Scenario(
        name="expansion",
        stage=BUILD,
        parameters=MappingProxyType({"gain": gain}),
        assumes="consultation institutions and joint decisions rise; no new members",
        move=add(gain, consultation.select),
        targets=(consultation,),
    )


def new_missions(
    *, floor: float = 2 / 3, threats: Sequence[str] = (), level: float | None = None
) -> Scenario:
    """New missions, above all counter-proliferation.

    The essay: "The alliance should take on new missions, most importantly to participate in
    military and non-military counter-proliferation operations".

    Assumes joint operations reach at least ``floor`` (normalised; 2/3 is the catalogue's
    "substantial non-combat deployments") and that members come to recognise the mission's
    threats (``threats``, e.g. ``("nuclear-proliferation",)``) at least at the same level.

    Parameters
    ----------
    floor : float, optional
        Floor of joint operations and of the recognition of ``threats``, in [0, 1]; default 2/3.
    threats : sequence of str, optional
        The threats the missions counter (names used by the profile's indicators; :func:`project`
        rejects a name the profile does not use); default none.
    level : float, optional
        Deprecated spelling of ``floor``.

    Returns
    -------
    Scenario
        To pass to :func:`project`.

    Examples
    --------
    Counter-proliferation as a mission of the U.S.-ROK alliance, projected to 2010:

    >>> from alliance_health import fixtures, scenarios
    >>> p = fixtures.rok_us()
    >>> base = scenarios.project(p, until=2010, n=None).trajectory.at(2010)
    >>> option = scenarios.new_missions(threats=["nuclear-proliferation"])
    >>> after = scenarios.project(p, [option], until=2010, n=None).trajectory.at(2010)
    >>> round(base["shared_threat"], 3), round(after["shared_threat"], 3)
    (0.544, 0.667)
    """
    floor = _floor("new_missions", floor, level)
    chosen = _threat_names("new_missions", threats)
    operations = standard(JOINT_OPERATIONS)
    targets = (operations, threats_target(chosen)) if chosen else (operations,)
    return Scenario(
        name="new_missions",
        stage=BUILD,
        parameters=MappingProxyType({"floor": floor, "threats": chosen}),
        assumes="joint operations and recognition of the mission's threats raised to a floor",
        move=compose(*(raise_to(floor, t.select) for t in targets)),
        targets=targets,
    )


def out_of_area(
    *, floor: float = 1.0, command: float = 2 / 3, level: float | None = None
) -> Scenario:
    """A formal out-of-area role: systematic joint global operations.

    The essay: "A re-imagined alliance might formalize an 'out of area' role, elevating the
    deployments of peacekeeping and other forces to Iraq and Afghanistan into more systematic joint
    global operations between the two militaries".

    Assumes joint operations reach ``floor`` (1 = combat operations together) and the combined
    command keeps at least ``command`` (2/3 = combined planning and regular exercises), since
    global operations need it.

    Parameters
    ----------
    floor : float, optional
        Floor of joint operations in [0, 1]; default 1.
    command : float, optional
        Floor of the integrated command in [0, 1]; default 2/3.
    level : float, optional
        Deprecated spelling of ``floor``.

    Returns
    -------
    Scenario
        To pass to :func:`project`.

    Examples
    --------
    The U.S.-ROK alliance with a formal out-of-area role, projected to 2010:

    >>> from alliance_health import fixtures, scenarios
    >>> p = fixtures.rok_us()
    >>> base = scenarios.project(p, until=2010, n=None).trajectory.at(2010)
    >>> after = scenarios.project(p, [scenarios.out_of_area()], until=2010, n=None)
    >>> after = after.trajectory.at(2010)
    >>> round(base["mutual_obligation"], 3), round(after["mutual_obligation"], 3)
    (0.664, 0.709)
    """
    floor = _floor("out_of_area", floor, level)
    command = _validate.check_in_range(command, "out_of_area command")
    operations = standard(JOINT_OPERATIONS)
    return Scenario(
        name="out_of_area",
        stage=BUILD,
        parameters=MappingProxyType({"floor": floor, "command": command}),
        assumes="joint operations formalised; combined command kept",
        move=compose(
            raise_to(floor, operations.select), raise_to(command, standard(COMMAND).select)
        ),
        targets=(operations,),
    )
