"""Helpers for testing code that uses alliance_health, and a tiny illustrative profile.

The profile built by :func:`minimal_profile` holds **illustrative values, not data**: its source is
of kind ``"scenario"`` and says so. Use it to try the API, never to draw a conclusion.

Examples
--------
A test of a user's own code that must not change the score of a profile, here a round trip
through JSON:

>>> import alliance_health as ah
>>> from alliance_health import testing
>>> profile = testing.minimal_profile()
>>> again = ah.loads(ah.dumps(profile, format="json"), format="json")
>>> testing.assert_score_close(ah.score(again, 2006), ah.score(profile, 2006))
"""

from __future__ import annotations

import math

from alliance_health._domain.indicator import Indicator
from alliance_health._domain.observation import Exact, Observation, Range, Survey
from alliance_health._domain.pillar import Pillar
from alliance_health._domain.profile import Member, Profile
from alliance_health._domain.source import Source
from alliance_health._scoring.score import Score

__all__ = ["assert_score_close", "minimal_profile"]

_ILLUSTRATIVE = "illustrative"


def minimal_profile() -> Profile:
    """Return a two-member profile with one indicator per pillar (illustrative values).

    Members ``AAA`` and ``BBB``; observations for 2005 and 2006. Every value cites the source
    ``"illustrative"``, of kind ``"scenario"``.

    Examples
    --------
    >>> minimal_profile().members_in(2006)
    ('AAA', 'BBB')
    """
    src = Source(
        key=_ILLUSTRATIVE,
        title="Illustrative values for documentation and tests (not data)",
        kind="scenario",
    )
    note = "illustrative value, not an observation"
    indicators = (
        Indicator(
            id="threat-public",
            pillar=Pillar.SHARED_THREAT,
            label="Public sees the threat as critical",
            scale=(0, 100),
            unit="%",
            threat="rival",
        ),
        Indicator(
            id="pledge",
            pillar=Pillar.MUTUAL_OBLIGATION,
            label="Treaty pledge strength",
            scale=(0, 3),
        ),
        Indicator(
            id="meetings",
            pillar=Pillar.CONSULTATION,
            label="Ministerial meetings a year",
            scale=(0, 4),
            horizon=1,
        ),
    )
    observations = (
        Observation(indicator="threat-public", year=2006, value=40, member="AAA",
                    source=_ILLUSTRATIVE, uncertainty=Survey(n=1000), note=note),
        Observation(indicator="threat-public", year=2006, value=25, member="BBB",
                    source=_ILLUSTRATIVE, uncertainty=Survey(n=1000), note=note),
        Observation(indicator="pledge", year=2005, value=3, source=_ILLUSTRATIVE,
                    uncertainty=Exact(), note=note),
        Observation(indicator="meetings", year=2006, value=2, source=_ILLUSTRATIVE,
                    uncertainty=Range(1, 3), note=note),
    )  # fmt: skip
    return Profile(
        id="minimal",
        name="Minimal illustrative alliance",
        founded=2000,
        members=(Member(code="AAA", joined=2000), Member(code="BBB", joined=2000)),
        sources=(src,),
        indicators=indicators,
        observations=observations,
        description="Two members, one indicator per pillar; illustrative values, not data.",
    )


def assert_score_close(actual: Score, expected: Score, *, rel: float = 1e-12) -> None:
    """Assert that two scores agree in health and every pillar within ``rel``.

    Parameters
    ----------
    actual, expected : Score
        The scores to compare.
    rel : float, optional
        Tolerance, relative and absolute alike (``math.isclose`` with ``rel_tol=abs_tol=rel``);
        default 1e-12.

    Raises
    ------
    AssertionError
        Naming the first quantity that differs.

    Examples
    --------
    >>> import alliance_health as ah
    >>> from alliance_health.testing import assert_score_close, minimal_profile
    >>> profile = minimal_profile()
    >>> geometric = ah.score(profile, 2006)
    >>> assert_score_close(ah.score(profile, 2006, model=ah.Model(p=0)), geometric)
    >>> assert_score_close(ah.score(profile, 2006, model=ah.Model(p=1)), geometric)
    Traceback (most recent call last):
    ...
    AssertionError: health differs: 0.5833333333333334 != 0.5 (rel=1e-12)
    """
    pairs = [("health", actual.health, expected.health)]
    pairs += [(p.value, actual.pillars[p], expected.pillars[p]) for p in Pillar]
    for name, a, b in pairs:
        if not math.isclose(a, b, rel_tol=rel, abs_tol=rel):
            msg = f"{name} differs: {a!r} != {b!r} (rel={rel})"
            raise AssertionError(msg)
