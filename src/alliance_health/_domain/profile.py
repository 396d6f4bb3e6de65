"""A profile: one alliance's members, sources, indicators, observations and events."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from alliance_health import _validate
from alliance_health._domain import codings as _codings
from alliance_health._domain.event import Event
from alliance_health._domain.indicator import Indicator
from alliance_health._domain.member import Member, span_text
from alliance_health._domain.observation import UNCERTAINTY_FIELDS, Observation, Range, Survey
from alliance_health._domain.pillar import Pillar
from alliance_health._domain.source import Source
from alliance_health._errors import (
    DuplicateError,
    ScaleError,
    UnknownReferenceError,
    ValidationError,
)
from alliance_health._present.display import html_table
from alliance_health._present.table import Column, Table

__all__ = ["Member", "Profile"]

T = TypeVar("T")


def _as_tuple(value: Iterable[T], kind: type[T], field: str) -> tuple[T, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        msg = f"Profile.{field} must be a sequence of {kind.__name__}; got {value!r}"
        raise ValidationError(msg)
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            msg = (
                f"Profile.{field}[{i}] must be a {kind.__name__};"
                f" got {type(item).__name__} {item!r}"
            )
            raise ValidationError(msg)
    return items


def _members(value: Iterable[Member]) -> tuple[Member, ...]:
    return _as_tuple(value, Member, "members")


def _sources(value: Iterable[Source]) -> tuple[Source, ...]:
    return _as_tuple(value, Source, "sources")


def _indicators(value: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return _as_tuple(value, Indicator, "indicators")


def _observations(value: Iterable[Observation]) -> tuple[Observation, ...]:
    return _as_tuple(value, Observation, "observations")


def _events(value: Iterable[Event]) -> tuple[Event, ...]:
    return _as_tuple(value, Event, "events")


def _unique(field: str, keys: Iterable[object]) -> None:
    counts = Counter(keys)
    repeated = sorted(str(k) for k, c in counts.items() if c > 1)
    if repeated:
        msg = f"Profile.{field} must be unique; repeated: {', '.join(repeated)}"
        raise DuplicateError(msg)


@attrs.frozen(kw_only=True)
class Profile:
    """One alliance, validated as a whole on construction.

    Parameters
    ----------
    id : str
        Identifier, e.g. ``"rok-us"``.
    name : str
        Display name.
    founded : int
        Year the alliance was founded; scores are given from this year on.
    members : sequence of Member
        Member states with the years they joined and left.
    sources : sequence of Source
        Every citation the observations and events use.
    indicators : sequence of Indicator
        The indicators observed.
    observations : sequence of Observation
        The values.
    events : sequence of Event, optional
        Dated events.
    description : str, optional
        What the profile covers.

    Raises
    ------
    DuplicateError
        Two ids, keys or codes repeat, or two observations share (indicator, member, year)
        without naming different coders (:attr:`Observation.coder`).
    UnknownReferenceError
        An observation names an unknown indicator, source or member; an event an unknown source.
    ScaleError
        A value (or an end of its range) lies off its indicator's scale.
    ValidationError
        Any other rule: an indicator observed both per member and for the alliance as a whole, a
        member observed in a year it was not a member, an expert coding without a range or a note,
        a survey value on an indicator that is not a 0-100 percentage, an observation stating a
        question other than its indicator's.

    Examples
    --------
    >>> p = Profile(
    ...     id="demo",
    ...     name="Demo",
    ...     founded=2000,
    ...     members=[Member(code="AAA", joined=2000), Member(code="BBB", joined=2000)],
    ...     sources=[Source(key="s", title="A source", kind="official")],
    ...     indicators=[],
    ...     observations=[],
    ... )
    >>> p.members_in(2005)
    ('AAA', 'BBB')
    """

    id: str = attrs.field(validator=_validate.identifier)
    name: str = attrs.field(validator=_validate.non_empty)
    founded: int = attrs.field(validator=_validate.year)
    members: tuple[Member, ...] = attrs.field(converter=_members)
    sources: tuple[Source, ...] = attrs.field(converter=_sources)
    indicators: tuple[Indicator, ...] = attrs.field(converter=_indicators)
    observations: tuple[Observation, ...] = attrs.field(converter=_observations)
    events: tuple[Event, ...] = attrs.field(default=(), converter=_events)
    description: str = ""

    _sources: Mapping[str, Source] = attrs.field(init=False, eq=False, repr=False)
    _indicators: Mapping[str, Indicator] = attrs.field(init=False, eq=False, repr=False)
    _members: Mapping[str, Member] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        _unique("members", (m.code for m in self.members))
        _unique("sources", (s.key for s in self.sources))
        _unique("indicators", (i.id for i in self.indicators))
        _unique("events", (e.id for e in self.events))
        object.__setattr__(self, "_sources", MappingProxyType({s.key: s for s in self.sources}))
        object.__setattr__(
            self, "_indicators", MappingProxyType({i.id: i for i in self.indicators})
        )
        object.__setattr__(self, "_members", MappingProxyType({m.code: m for m in self.members}))
        self._validate_observations()
        for i, event in enumerate(self.events):
            self._resolve("source", event.source, self._sources, f"events[{i}].source")

    def _resolve(self, what: str, key: str, table: Mapping[str, T], where: str) -> T:
        try:
            return table[key]
        except KeyError:
            known = ", ".join(sorted(table)) or "none"
            msg = f"Profile.{where}: unknown {what} {key!r} (known: {known})"
            raise UnknownReferenceError(msg) from None

    def _validate_observations(self) -> None:
        _codings.check_unique(self.observations)
        level: dict[str, bool] = {}
        for i, obs in enumerate(self.observations):
            where = f"observations[{i}]"
            ind = self._resolve("indicator", obs.indicator, self._indicators, f"{where}.indicator")
            src = self._resolve("source", obs.source, self._sources, f"{where}.source")
            per_member = obs.member is not None
            if level.setdefault(obs.indicator, per_member) != per_member:
                msg = (
                    f"Profile.{where}.member: indicator {obs.indicator!r} is observed both per"
                    " member and for the alliance as a whole; use one level per indicator"
                )
                raise ValidationError(msg)
            if obs.member is not None:
                member = self._resolve("member", obs.member, self._members, f"{where}.member")
                if not member.is_member(obs.year):
                    msg = (
                        f"Profile.{where}.member: {obs.member} is not a member in {obs.year}"
                        f" (member {span_text(member)})"
                    )
                    raise ValidationError(msg)
            _check_on_scale(ind, obs, where)
            _codings.check_question(ind, obs, where)
            if src.kind == "expert-coding" and not (
                isinstance(obs.uncertainty, Range) and obs.note.strip()
            ):
                msg = (
                    f"Profile.{where}: {obs.indicator!r} ({obs.member}, {obs.year}) cites expert"
                    f" coding {src.key!r}, so it needs uncertainty=Range(lo, hi) and a note giving"
                    " the reasoning and evidence"
                )
                raise ValidationError(msg)
            if isinstance(obs.uncertainty, Survey) and ind.scale != (0.0, 100.0):
                msg = (
                    f"Profile.{where}.uncertainty: Survey(n) describes a percentage, but indicator"
                    f" {ind.id!r} has scale {ind.scale}; use scale (0, 100) or another uncertainty"
                )
                raise ValidationError(msg)

    # -- lookups ---------------------------------------------------------------------------------
    def source(self, key: str) -> Source:
        """Return the source with ``key``; raise :class:`UnknownReferenceError` if there is none."""
        return self._resolve("source", key, self._sources, "sources")

    def indicator(self, id: str) -> Indicator:  # noqa: A002  (the field is called id)
        """Return the indicator ``id``; raise :class:`UnknownReferenceError` if there is none."""
        return self._resolve("indicator", id, self._indicators, "indicators")

    def member(self, code: str) -> Member:
        """Return the member ``code``; raise :class:`UnknownReferenceError` if there is none."""
        return self._resolve("member", code, self._members, "members")

    def event(self, id: str) -> Event:  # noqa: A002
        """Return the event ``id``; raise :class:`UnknownReferenceError` if there is none."""
        return self._resolve("event", id, {e.id: e for e in self.events}, "events")

    def observation(
        self,
        indicator: str,
        year: int,
        *args: str | None,
        member: str | None = None,
        coder: str | None = None,
    ) -> Observation:
        """Return the observation of ``(indicator, member, year)``, by ``coder`` if given.

        ``member`` is keyword-only; passing it third by position is deprecated.

        Raises
        ------
        UnknownReferenceError
            No observation has that key; the message names it.
        ValidationError
            Several coders coded it and no ``coder`` is given; see :meth:`codings`.
        """
        if args:
            spelling = "observation(indicator, year, member=...)"
            (member,) = _validate.from_positional(
                args, ("member",), call="Profile.observation", current=(member,), spelling=spelling
            )
        return _codings.pick(self.observations, (indicator, member, year), coder, self.id)

    def codings(self) -> Mapping[tuple[str, str | None, int], tuple[Observation, ...]]:
        """The observations by ``(indicator, member, year)``; several only from several coders."""
        return _codings.group(self.observations)

    def members_in(self, year: int) -> tuple[str, ...]:
        """Codes of the members in ``year``, in the profile's order."""
        return tuple(m.code for m in self.members if m.is_member(year))

    def indicators_of(self, pillar: Pillar) -> tuple[Indicator, ...]:
        """The indicators of one pillar."""
        return tuple(i for i in self.indicators if i.pillar is pillar)

    @property
    def years(self) -> tuple[int, int] | None:
        """First and last observed year, or ``None`` without observations."""
        if not self.observations:
            return None
        ys = [o.year for o in self.observations]
        return (min(ys), max(ys))

    @property
    def threats(self) -> tuple[str, ...]:
        """The threats the shared-threat indicators name, in order of first appearance."""
        return tuple(dict.fromkeys(i.threat for i in self.indicators if i.threat is not None))

    def table(self) -> Table:
        """The observations as a :class:`~alliance_health.Table`, one row each.

        With the indicator's pillar, threat, unit and scale, and the uncertainty as numbers; the
        columns are listed on the Tables page (:doc:`/tables`).

        Examples
        --------
        >>> import alliance_health as ah
        >>> t = ah.testing.minimal_profile().table()
        >>> t.names[:6], len(t.rows)
        (('indicator', 'pillar', 'threat', 'member', 'year', 'value'), 4)
        """
        ind = self._indicators
        fields: dict[str | Column, Callable[[Observation], object]] = {
            "indicator": lambda o: o.indicator,
            "pillar": lambda o: ind[o.indicator].pillar.value,
            "threat": lambda o: ind[o.indicator].threat,
            "member": lambda o: o.member,
            "year": lambda o: o.year,
            "value": lambda o: o.value,
            "unit": lambda o: ind[o.indicator].unit,
            "scale_lo": lambda o: ind[o.indicator].scale[0],
            "scale_hi": lambda o: ind[o.indicator].scale[1],
            **UNCERTAINTY_FIELDS,
            "source": lambda o: o.source,
            "note": lambda o: o.note,
        }
        return Table.from_records(
            self.observations,
            fields,
            caption=f"Observations of {self.name} ({self.id})",
            name="observations",
        )

    def to_frame(self) -> Any:  # noqa: ANN401  (pandas is optional, so no annotation)
        """The observations as a pandas DataFrame, one row each (requires pandas).

        The rows and columns of :meth:`table`.
        """
        return self.table().to_frame()

    def _repr_html_(self) -> str:
        span = self.years
        members = ", ".join(f"{m.code} {span_text(m, open_end='')}" for m in self.members)
        kinds = Counter(s.kind for s in self.sources)
        rows: list[tuple[str, str]] = [
            ("founded", str(self.founded)),
            ("observed", f"{span[0]}-{span[1]}" if span else "no observations"),
            (f"members ({len(self.members)})", members),
        ]
        for pillar in Pillar:
            inds = {i.id for i in self.indicators_of(pillar)}
            n_obs = sum(o.indicator in inds for o in self.observations)
            rows.append((pillar.label, f"{len(inds)} indicators, {n_obs} observations"))
        rows += [
            (
                f"sources ({len(self.sources)})",
                ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())),
            ),
            ("events", str(len(self.events))),
        ]
        return html_table(f"{self.name} ({self.id})", ["", ""], rows)

    def __repr__(self) -> str:
        span = self.years
        years = f"{span[0]}-{span[1]}" if span else "no observations"
        return (
            f"Profile(id={self.id!r}, name={self.name!r}, members={len(self.members)},"
            f" indicators={len(self.indicators)}, observations={len(self.observations)},"
            f" years={years})"
        )


def _check_on_scale(ind: Indicator, obs: Observation, where: str) -> None:
    if not ind.in_scale(obs.value):
        msg = (
            f"Profile.{where}.value: {obs.value} is off the scale {ind.scale} of indicator"
            f" {ind.id!r} ({obs.member}, {obs.year}); rescale the value or fix the scale"
        )
        raise ScaleError(msg)
    unc = obs.uncertainty
    if isinstance(unc, Range) and not (ind.in_scale(unc.lo) and ind.in_scale(unc.hi)):
        msg = (
            f"Profile.{where}.uncertainty: Range({unc.lo}, {unc.hi}) leaves the scale"
            f" {ind.scale} of indicator {ind.id!r}; clip the range to the scale"
        )
        raise ScaleError(msg)
