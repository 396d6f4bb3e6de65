"""The options that let the alliance decline: drift from inattention, and its close."""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType

import numpy as np

from alliance_health import _validate
from alliance_health._domain.indicator import Indicator
from alliance_health._domain.pillar import Pillar
from alliance_health._errors import ArgumentTypeError
from alliance_health.scenarios._scenario import CLOSE, DRIFT, Array, Scenario

__all__ = ["close", "drift"]


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
    >>> proj = scenarios.project(p, [scenarios.drift(rate=0.2)], until=2010, n=None)
    >>> print(repr(proj).splitlines()[0])
    Projection('minimal' from 2007: drift(rate=0.2, threat_lag=3, threat_rate=0.05))
    >>> proj.trajectory.health.round(3).tolist()
    [0.5, 0.464, 0.431, 0.4, 0.365]
    >>> proj.trajectory.pillar("shared_threat").round(3).tolist()
    [0.25, 0.25, 0.25, 0.25, 0.238]
    >>> proj.trajectory.pillar("consultation").round(3).tolist()
    [0.5, 0.4, 0.32, 0.256, 0.205]
    """
    rate = _validate.check_in_range(rate, "drift rate")
    threat_rate = _validate.check_in_range(threat_rate, "drift threat_rate")
    rule = "a whole number of years >= 0"
    threat_lag = _validate.check_whole(threat_lag, "drift threat_lag", minimum=0, rule=rule)

    def move(x: Array, ahead: Array, inds: Sequence[Indicator]) -> Array:
        pillar = np.array([i.pillar for i in inds])
        consult = (pillar == Pillar.CONSULTATION)[:, None]
        threat = (pillar == Pillar.SHARED_THREAT)[:, None]
        late = np.maximum(ahead - threat_lag, 0)
        x = np.where(consult, x * (1 - rate) ** ahead, x)
        return np.where(threat, x * (1 - threat_rate) ** late, x)

    return Scenario(
        name="drift",
        stage=DRIFT,
        parameters=MappingProxyType(
            {"rate": rate, "threat_lag": threat_lag, "threat_rate": threat_rate}
        ),
        assumes="consultation decays geometrically; shared threat decays after a lag",
        move=move,
    )


def close(*args: int, year: int | None = None) -> Scenario:
    """The partners end the alliance: health is zero from ``year`` on.

    The essay: "South Korea and the United States can chose to bring their alliance to a close. If
    we cannot agree on the common threats that face us, this alliance cannot endure".

    Assumes that from ``year`` no pledge, command, operation or consultation remains and no threat
    is recognised in common: every indicator is set to the unhealthy end of its scale, exactly
    (without uncertainty), so every pillar and the health are zero under any model.

    Parameters
    ----------
    year : int
        The first year without the alliance, a whole number from 1 to 9999. Keyword-only: the
        positional form ``close(2012)`` is deprecated.

    Returns
    -------
    Scenario
        To pass to :func:`project`; it overrides every other scenario from ``year`` on.

    Examples
    --------
    >>> import alliance_health as ah
    >>> from alliance_health import scenarios
    >>> p = ah.testing.minimal_profile()
    >>> proj = scenarios.project(p, [scenarios.close(year=2008)], until=2009, n=None)
    >>> print(repr(proj).splitlines()[0])
    Projection('minimal' from 2007: close(year=2008))
    >>> proj.trajectory.health.round(3).tolist()
    [0.5, 0.5, 0.0, 0.0]
    >>> proj.trajectory.pillar("shared_threat").round(3).tolist()
    [0.25, 0.25, 0.0, 0.0]
    >>> proj.trajectory.pillar("consultation").round(3).tolist()
    [0.5, 0.5, 0.0, 0.0]
    """
    if args:
        (year,) = _validate.from_positional(
            args, ("year",), call="close", current=(year,), spelling="close(year=...)"
        )
    if year is None:
        msg = "close() needs year=, the first year without the alliance, e.g. close(year=2012)"
        raise ArgumentTypeError(msg)
    year = _validate.check_year(year, "close year")

    def move(x: Array, _ahead: Array, _inds: Sequence[Indicator]) -> Array:
        return x  # applied by project(), which knows the calendar years

    return Scenario(
        name="close",
        stage=CLOSE,
        parameters=MappingProxyType({"year": year}),
        assumes="every indicator at its unhealthy end from the closing year, with certainty",
        move=move,
        close_year=year,
    )
