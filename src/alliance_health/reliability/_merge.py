"""Merging coders' returned sheets into a profile: one observation per coding, naming its coder."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from alliance_health import Indicator, Member, Observation, Profile, Range, Source
from alliance_health._errors import (
    ArgumentTypeError,
    DuplicateError,
    ScaleError,
    UnknownReferenceError,
    ValidationError,
)
from alliance_health.reliability._codings import Coding, as_coding, as_profile
from alliance_health.reliability._sheet import read_sheets

__all__ = ["DEFAULT_SOURCE_KEY", "merge_codings", "merge_sheets"]

DEFAULT_SOURCE_KEY: Final = "expert-coding"
"""Key of the source :func:`merge_codings` adds when none is named (``-2``, ``-3``... if taken)."""

Key = tuple[str, str | None, int]


def _unit(key: Key) -> str:
    indicator, member, year = key
    return f"{indicator!r} for {member or 'the alliance'} in {year}"


def _cite(profile: Profile, source: object, coders: list[str]) -> Source:
    """The expert-coding source the codings cite: named, given, or a default one."""
    known = {s.key: s for s in profile.sources}
    if source is None:
        key, k = DEFAULT_SOURCE_KEY, 1
        while key in known:
            k += 1
            key = f"{DEFAULT_SOURCE_KEY}-{k}"
        title = f"Independent expert codings by {', '.join(coders)}"
        return Source(key=key, title=title, kind="expert-coding")
    if isinstance(source, str):
        if source not in known:
            msg = (
                f"source {source!r} names no source of profile {profile.id!r} (known:"
                f" {', '.join(sorted(known)) or 'none'}); pass a Source to add one, or leave"
                " source=None for a default expert-coding source"
            )
            raise UnknownReferenceError(msg)
        source = known[source]
    if not isinstance(source, Source):
        msg = (
            "source must be a Source, the key of one of the profile's sources, or None;"
            f" got {type(source).__name__} {source!r}"
        )
        raise ArgumentTypeError(msg)
    if source.kind != "expert-coding":
        msg = (
            f"source {source.key!r} is of kind {source.kind!r}; codings are judgements and cite"
            " a source of kind 'expert-coding'"
        )
        raise ValidationError(msg)
    if source.key in known and known[source.key] != source:
        msg = (
            f"source key {source.key!r} is already used by another source of profile"
            f" {profile.id!r}; give the new source another key, or pass source={source.key!r}"
            " to cite the existing one"
        )
        raise DuplicateError(msg)
    return source


@attrs.frozen
class _Known:
    """What a coding is checked against: the profile's indicators, members and levels."""

    indicators: dict[str, Indicator]
    members: dict[str, Member]
    per_member: dict[str, bool]  # indicator id: observed per member (or for the alliance)

    @classmethod
    def of(cls, profile: Profile) -> _Known:
        return cls(
            {i.id: i for i in profile.indicators},
            {m.code: m for m in profile.members},
            {o.indicator: o.member is not None for o in profile.observations},
        )


def _check_unit(profile: Profile, c: Coding, where: str, known: _Known) -> Indicator:
    """Refuse a coding whose indicator, member or year the profile does not know."""
    if c.indicator not in known.indicators:
        msg = (
            f"{where}: unknown indicator {c.indicator!r}; profile {profile.id!r} defines"
            f" {', '.join(sorted(known.indicators)) or 'none'} (write its sheets with"
            " coding_sheet(profile, ...))"
        )
        raise UnknownReferenceError(msg)
    per_member = known.per_member.setdefault(c.indicator, c.member is not None)
    if per_member != (c.member is not None):
        level = "per member" if per_member else "for the alliance as a whole (member blank)"
        msg = f"{where}: indicator {c.indicator!r} is coded {level} in profile {profile.id!r}"
        raise ValidationError(msg)
    if c.year < profile.founded:
        msg = (
            f"{where}: year {c.year} is before {profile.name!r} was founded ({profile.founded});"
            f" code {profile.founded} or later"
        )
        raise ValidationError(msg)
    if c.member is not None:
        if c.member not in known.members:
            msg = (
                f"{where}: unknown member {c.member!r}; profile {profile.id!r} has members"
                f" {', '.join(known.members)}"
            )
            raise UnknownReferenceError(msg)
        if not known.members[c.member].is_member(c.year):
            msg = f"{where}: {c.member} is not a member of {profile.id!r} in {c.year}"
            raise ValidationError(msg)
    return known.indicators[c.indicator]


def _check_coding(ind: Indicator, c: Coding, where: str) -> Range:
    """The coding's range; refuse a value off the scale, or a coding without a range and a note."""
    for column, number in (("value", c.value), ("lo", c.lo), ("hi", c.hi)):
        if number is not None and not ind.in_scale(number):
            msg = (
                f"{where}: {column} {number:g} is off the scale {ind.scale} of indicator"
                f" {ind.id!r}; code a value on the scale"
            )
            raise ScaleError(msg)
    if c.lo is None or c.hi is None or not c.lo <= c.value <= c.hi:
        msg = (
            f"{where}: an expert coding needs a range that holds its value, lo <= value"
            f" ({c.value:g}) <= hi; got lo={c.lo}, hi={c.hi}; fill lo and hi"
        )
        raise ValidationError(msg)
    if not c.note.strip():
        msg = f"{where}: an expert coding needs a note giving its reasoning and evidence"
        raise ValidationError(msg)
    return Range(c.lo, c.hi)


def _check_new(
    profile: Profile,
    c: Coding,
    where: str,
    held: Mapping[Key, tuple[Observation, ...]],
    seen: dict[tuple[Key, str], str],
) -> None:
    """Refuse a unit the coder coded already, in the profile or among the codings."""
    key = (c.indicator, c.member, c.year)
    before = held.get(key, ())
    if any(o.coder is None for o in before):
        msg = (
            f"{where}: profile {profile.id!r} holds an observation of {_unit(key)} that names no"
            " coder; a unit is coded once without a coder or by named coders: name its coder"
            " (attrs.evolve(observation, coder=...)) or remove it before merging"
        )
        raise DuplicateError(msg)
    if any(o.coder == c.coder for o in before):
        msg = (
            f"{where}: coder {c.coder!r} already coded {_unit(key)} in profile {profile.id!r};"
            " each coder codes a unit once"
        )
        raise DuplicateError(msg)
    if (key, c.coder) in seen:
        msg = (
            f"{where}: coder {c.coder!r} coded {_unit(key)} already, at {seen[key, c.coder]};"
            " keep one coding per coder and unit"
        )
        raise DuplicateError(msg)
    seen[key, c.coder] = where


def merge_codings(
    profile: Profile,
    codings: Iterable[Coding],
    *,
    source: Source | str | None = None,
) -> Profile:
    """A copy of ``profile`` with one observation per coding, each naming its coder.

    Each :class:`Coding` becomes an :class:`~alliance_health.Observation` with its ``coder``, its
    value, its range as a :class:`~alliance_health.Range` and its note, citing one expert-coding
    source. The profile then holds the coders' codings of a unit side by side
    (:meth:`Profile.codings() <alliance_health.Profile.codings>` groups them), ready for
    :func:`reliability` and :func:`coder_spread`. Every coding is checked before anything is
    built, and an error names the sheet and line it was read from (or its position in
    ``codings``).

    Parameters
    ----------
    profile : Profile
        The profile the codings describe; it is not changed (profiles are frozen).
    codings : iterable of Coding
        Typically ``read_sheets(paths, source=profile)``.
    source : Source or str, optional
        What the codings cite: a :class:`~alliance_health.Source` of kind ``"expert-coding"``
        (added to the profile unless it is there already), or the key of one of the profile's
        expert-coding sources. Default: a new source of kind ``"expert-coding"`` keyed
        :data:`DEFAULT_SOURCE_KEY` whose title names the coders.

    Returns
    -------
    Profile
        A new profile (``attrs.evolve``) with the codings appended to its observations.

    Raises
    ------
    UnknownReferenceError
        An indicator or member the profile does not define, or a source key it does not hold.
    ValidationError
        A year before the founding, a member out of the alliance that year, a member given for
        an alliance-level indicator (or missing for a per-member one), a coding without a range
        or a note, an empty ``codings``, or a source that is not an expert coding.
    ScaleError
        A value, ``lo`` or ``hi`` off the indicator's scale.
    DuplicateError
        A coder who already coded the unit (in the profile or twice in ``codings``), a unit the
        profile holds without a coder, or a new source whose key is taken.

    See Also
    --------
    merge_sheets : read the sheets and merge them in one call.

    Examples
    --------
    Two SYNTHETIC coders code the illustrative profile's pledge in 2006:

    >>> import alliance_health as ah
    >>> from alliance_health.reliability import Coding, merge_codings
    >>> profile = ah.testing.minimal_profile()
    >>> codings = [
    ...     Coding(indicator="pledge", member=None, year=2006, coder=coder, value=value,
    ...            lo=value - 1, hi=value, note="SYNTHETIC coding")
    ...     for coder, value in [("kim", 3), ("lee", 2)]
    ... ]  # fmt: skip
    >>> merged = merge_codings(profile, codings)
    >>> [(o.coder, o.value) for o in merged.codings()[("pledge", None, 2006)]]
    [('kim', 3.0), ('lee', 2.0)]
    >>> merged.source("expert-coding").title
    'Independent expert codings by kim, lee'
    >>> merge_codings(merged, codings[:1])
    Traceback (most recent call last):
    ...
    alliance_health.DuplicateError: codings[0]: coder 'kim' already coded 'pledge' for the
    alliance in 2006 in profile 'minimal'; each coder codes a unit once
    """
    profile = as_profile(profile)
    rows = [as_coding(c) for c in codings]
    if not rows:
        msg = "codings is empty: nothing to merge (were the sheets' value cells filled in?)"
        raise ValidationError(msg)
    rows = [attrs.evolve(c, member=c.member or None) for c in rows]
    known = _Known.of(profile)
    held = profile.codings()
    seen: dict[tuple[Key, str], str] = {}
    ranges = []
    for i, c in enumerate(rows):
        where = c.origin or f"codings[{i}]"
        ind = _check_unit(profile, c, where, known)
        ranges.append(_check_coding(ind, c, where))
        _check_new(profile, c, where, held, seen)
    cited = _cite(profile, source, sorted({c.coder for c in rows}))
    added = tuple(
        Observation(
            indicator=c.indicator,
            year=c.year,
            value=c.value,
            source=cited.key,
            member=c.member,
            uncertainty=uncertainty,
            note=c.note,
            coder=c.coder,
        )
        for c, uncertainty in zip(rows, ranges, strict=True)
    )
    sources = profile.sources if cited in profile.sources else (*profile.sources, cited)
    return attrs.evolve(profile, sources=sources, observations=(*profile.observations, *added))


def merge_sheets(
    profile: Profile,
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    source: Source | str | None = None,
) -> Profile:
    r"""Read coders' returned sheets against ``profile`` and merge them into a copy of it.

    ``read_sheets(paths, source=profile)`` then :func:`merge_codings`; errors name the sheet,
    the line and, where there is one, the column.

    Parameters
    ----------
    profile : Profile
        The profile whose indicators the sheets code (written by ``coding_sheet(profile, ...)``).
    paths : path or iterable of paths
        The filled-in CSV sheets.
    source : Source or str, optional
        What the codings cite; as in :func:`merge_codings`.

    Returns
    -------
    Profile

    Raises
    ------
    FileFormatError, UnknownReferenceError, ScaleError, DuplicateError, ValidationError
        As :func:`read_sheets` and :func:`merge_codings`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import alliance_health as ah
    >>> from alliance_health.reliability import merge_sheets
    >>> sheet = pathlib.Path(tempfile.mkdtemp()) / "kim.csv"
    >>> _ = sheet.write_text(
    ...     "coder,indicator,member,year,value,lo,hi,note\n"
    ...     "kim,pledge,,2006,2,1,3,SYNTHETIC coding\n"
    ...     "kim,pledge,AAA,2007,2,1,3,SYNTHETIC coding\n",
    ...     encoding="utf-8",
    ... )
    >>> merge_sheets(ah.testing.minimal_profile(), [sheet])
    Traceback (most recent call last):
    ...
    alliance_health.ValidationError: ...kim.csv, line 3: indicator 'pledge' is coded for the
    alliance as a whole (member blank) in profile 'minimal'
    """
    return merge_codings(profile, read_sheets(paths, source=profile), source=source)
