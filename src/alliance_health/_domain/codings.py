"""Rules on a profile's observations together: one coding per coder, one question per indicator.

Several coders may code the same (indicator, member, year) independently (issue 16): each coding
is an :class:`Observation` naming its ``coder``, and :class:`Profile` holds them side by side. Two
codings of one value by the same coder, or two without a coder, are still a repeat. An observation
that states the survey question it answers must state its indicator's question: a survey item
worded differently measures something else, so it is a separate indicator (issue 13).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from alliance_health._domain.indicator import Indicator
from alliance_health._domain.observation import Observation
from alliance_health._domain.standard import same_question
from alliance_health._errors import DuplicateError, UnknownReferenceError, ValidationError

__all__ = ["Key", "check_question", "check_unique", "group", "pick"]

Key = tuple[str, str | None, int]
"""``(indicator, member, year)``, the key of :attr:`Observation.key`."""


def group(observations: Iterable[Observation]) -> Mapping[Key, tuple[Observation, ...]]:
    """The observations grouped by (indicator, member, year), keys and codings in given order."""
    out: dict[Key, list[Observation]] = {}
    for obs in observations:
        out.setdefault(obs.key, []).append(obs)
    return MappingProxyType({key: tuple(codings) for key, codings in out.items()})


def _repeat(key: Key, coders: list[str | None]) -> str | None:
    """How the codings of ``key`` repeat one another, or None when each names its own coder."""
    if len(coders) == 1:
        return None
    if all(coder is None for coder in coders):
        return str(key)
    if None in coders:
        return f"{key} with and without a coder"
    twice = sorted({c for c in coders if c is not None and coders.count(c) > 1})
    return f"{key} by coder {', '.join(map(repr, twice))}" if twice else None


def check_unique(observations: Iterable[Observation]) -> None:
    """Raise DuplicateError unless each (indicator, member, year) is coded once per coder."""
    repeats, coded = [], False
    for key, codings in group(observations).items():
        coders = [o.coder for o in codings]
        text = _repeat(key, coders)
        if text is not None:
            repeats.append(text)
            coded = coded or any(c is not None for c in coders)
    if repeats:
        hint = "; several coders may each code a value once, every coding naming its coder"
        msg = (
            "Profile.observations (indicator, member, year) must be unique; repeated:"
            f" {', '.join(sorted(repeats))}{hint if coded else ''}"
        )
        raise DuplicateError(msg)


def check_question(indicator: Indicator, obs: Observation, where: str) -> None:
    """Raise ValidationError if ``obs`` states a question other than its indicator's."""
    if obs.question is None or same_question(obs.question, indicator.question):
        return
    asked = "states none" if indicator.question is None else f"asks {indicator.question!r}"
    msg = (
        f"Profile.{where}.question: observation of {obs.indicator!r} ({obs.member}, {obs.year})"
        f" asks {obs.question!r}, but indicator {indicator.id!r} {asked}; one question, one"
        " indicator: use a separate indicator for each question (or give the indicator this"
        " question)"
    )
    raise ValidationError(msg)


def pick(
    observations: Iterable[Observation], key: Key, coder: str | None, profile: str
) -> Observation:
    """The observation of ``key`` (by ``coder`` when given); refuse to choose among coders."""
    found = [o for o in observations if o.key == key and (coder is None or o.coder == coder)]
    if len(found) == 1:
        return found[0]
    indicator, member, year = key
    what = f"observation of indicator {indicator!r} for {member or 'the alliance'} in {year}"
    if not found:
        by = "" if coder is None else f" by coder {coder!r}"
        msg = f"Profile {profile!r} has no {what}{by}"
        raise UnknownReferenceError(msg)
    coders = ", ".join(repr(o.coder) for o in found)
    msg = (
        f"Profile {profile!r} has {len(found)} codings of the {what}, by coders {coders};"
        " pass coder=... to choose one, or use Profile.codings() to see them all"
    )
    raise ValidationError(msg)
