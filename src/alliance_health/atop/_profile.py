"""The profile skeleton of one ATOP alliance: members as they were, and dated treaty codes."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from alliance_health import Exact, Indicator, Member, Observation, Profile
from alliance_health._errors import FileFormatError, UnknownReferenceError, ValidationError
from alliance_health.atop._codebook import LABELS
from alliance_health.atop._data import AtopData, AtopRow
from alliance_health.atop._indicators import DEFAULT_INDICATORS, INDICATORS, Spec

__all__ = ["profile"]


@functools.cache
def _built(key: str, ranges: tuple[tuple[str, tuple[int, int]], ...]) -> Indicator:
    """The indicator ``key`` on the scales of ``ranges`` (built once: indicators are frozen)."""
    return INDICATORS[key].build(dict(ranges))


def _phased(member_rows: Sequence[AtopRow], alliance_row: AtopRow) -> bool:
    counts = [r.phase or 0 for r in member_rows] + [alliance_row.phases or 0]
    return max(counts) > 1


def _coded_rows(
    spec: Spec, key: str, data: AtopData, *, alliances: AtopData | None, atopid: int, founded: int
) -> tuple[Sequence[AtopRow], str]:
    """The dated rows an indicator is read from, and their file (see :func:`profile`)."""
    member_rows = data.rows_of(atopid)
    if alliances is None:
        return member_rows, data.name
    if alliances.file_type == "alliance-phase":
        rows = tuple(
            r if r.start is not None else attrs.evolve(r, start=founded)
            for r in alliances.rows_of(atopid)
        )
        return rows, alliances.name
    has = set(spec.columns) <= set(data.columns)
    if has or not set(spec.columns) <= set(alliances.columns):
        return member_rows, data.name
    (row,) = alliances.rows_of(atopid)[:1]
    if _phased(member_rows, row):
        msg = (
            f"indicator {key!r} needs {', '.join(spec.columns)}, which the member-level file"
            f" {data.name} lacks; the alliance-level file {alliances.name} gives atopid {atopid}"
            " one value for all its phases, so the years of a change are unknown. Pass the"
            " alliance-phase file as alliances="
        )
        raise ValidationError(msg)
    return (row if row.start is not None else attrs.evolve(row, start=founded),), alliances.name


def _change_points(
    rows: Sequence[AtopRow], value_of: Callable[[AtopRow], int | None]
) -> list[tuple[int, int, AtopRow]]:
    """(year, value, a row giving it) at each year the alliance's value changes.

    The value in a year is the highest among the rows in force; years with no value are skipped.
    Only the years where some row starts or ends are visited, not every year.
    """
    years = sorted(
        {r.start for r in rows if r.start is not None}
        | {r.end + 1 for r in rows if r.end is not None}
    )
    valued = [(v, r) for r in rows if (v := value_of(r)) is not None]
    out: list[tuple[int, int, AtopRow]] = []
    last: int | None = None
    for year in years:
        scored = [(v, r) for v, r in valued if r.in_force(year)]
        if not scored:
            last = None
            continue
        value, row = max(scored, key=lambda vr: vr[0])
        if value != last:
            out.append((year, value, row))
            last = value
    return out


def _members(
    rows: Sequence[AtopRow], name: str, entry: Mapping[str, int] | None
) -> tuple[Member, ...]:
    spans: dict[str, list[tuple[int, int | None]]] = {}
    for row in rows:
        if row.member is None:
            msg = f"{name}, line {row.line}: the row names no member"
            raise FileFormatError(msg)
        if row.start is None:
            msg = (
                f"{name}, line {row.line} (atopid {row.atopid}), column 'yrent': the member's"
                " entry year is missing; a profile needs it"
            )
            raise FileFormatError(msg)
        spans.setdefault(row.member, []).append((row.start, row.end))
    members = {code: Member.from_spans(code, s) for code, s in spans.items()}
    for code, year in (entry or {}).items():
        if code not in members:
            msg = (
                f"entry[{code!r}]: {code} is not a member of atopid {rows[0].atopid} in {name}"
                f" (members: {', '.join(members)})"
            )
            raise UnknownReferenceError(msg)
        (joined, left), *rest = members[code].spans
        if year < joined or (left is not None and year > left):
            msg = (
                f"entry[{code!r}] = {year} lies outside {code}'s first span in ATOP,"
                f" {joined}-{left or 'now'}; entry into force follows signature (ATOP's year)"
                " and precedes leaving"
            )
            raise ValidationError(msg)
        members[code] = Member.from_spans(code, [(year, left), *rest])
    return tuple(members.values())


def profile(
    data: AtopData,
    atopid: int,
    *,
    alliances: AtopData | None = None,
    id: str | None = None,  # noqa: A002  (mirrors Profile.id)
    name: str | None = None,
    indicators: Iterable[str] = DEFAULT_INDICATORS,
    entry: Mapping[str, int] | None = None,
) -> Profile:
    """Build a :class:`~alliance_health.Profile` skeleton for one ATOP alliance.

    Members and their years come from the member-level file: a member that leaves and re-enters
    gets :attr:`~alliance_health.Member.gaps`. ATOP dates a member's entry by the signature of
    the treaty or of its accession protocol; ``entry`` replaces that year with the year of entry
    into force (:data:`ENTRY_INTO_FORCE` holds NATO's and U.S.-ROK's). Each indicator is observed
    in the first year and in every year its value changes (values hold until superseded); each
    observation's note gives the file, line, ATOP codes and the rule behind the value, and cites
    the dataset (source kind ``"dataset"``, key ``atop-<release>``). The skeleton has no
    shared-threat indicator, by design: treaty text does not measure the recognition of a threat.

    The codes are read from dated rows: an alliance-phase file passed as ``alliances``, else the
    member rows (dated by phase). An alliance-level file passed as ``alliances`` supplies only
    columns the member file lacks, for alliances with one phase: its single row per alliance does
    not date changes (it would move NATO's 1951 provisions back to 1949).

    Parameters
    ----------
    data : AtopData
        A member-level file read by :func:`read`.
    atopid : int
        The alliance.
    alliances : AtopData, optional
        The alliance-phase (or alliance-level) file of the same ATOP release.
    id, name : str, optional
        Profile id and name; default ``atop-<atopid>`` and ``ATOP alliance <atopid>``.
    indicators : iterable of str, optional
        Ids from :data:`INDICATORS`; default :data:`DEFAULT_INDICATORS` (the catalogue's
        ``treaty-pledge`` and the Leeds & Anac index, both mutual obligation).
    entry : Mapping[str, int], optional
        Member code -> year its membership entered into force, replacing ATOP's first year.

    Raises
    ------
    UnknownReferenceError
        The alliance is not in the file, an indicator id is unknown, or ``entry`` names a state
        that is not a member.
    ValidationError
        ``data`` is not member-level, the releases differ, an ``entry`` year lies outside the
        member's first span, or an alliance-level file would have to date a phased alliance.

    Examples
    --------
    >>> import io
    >>> from alliance_health import atop
    >>> text = '''atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul
    ... 9001,2,1953,0,1,0,0,0,1
    ... 9001,732,1953,0,1,0,0,0,1
    ... '''
    >>> data = atop.read(io.StringIO(text), version="5.1")
    >>> p = atop.profile(data, 9001)
    >>> p.members_in(1960), [(o.indicator, o.year, o.value) for o in p.observations]
    (('USA', 'KOR'), [('treaty-pledge', 1953, 2.0)])
    >>> atop.profile(data, 9001, entry={"USA": 1954, "KOR": 1954}).founded
    1954
    """
    if not isinstance(data, AtopData) or data.file_type != "member":
        level = LABELS.get(getattr(data, "file_type", ""), type(data).__name__)
        msg = (
            f"profile needs a member-level ATOP file for the members and their years;"
            f" {getattr(data, 'name', 'data')} is {level}. Read the member-level file (with"
            " a 'member' column) and pass an alliance-phase or alliance-level file as alliances="
        )
        raise ValidationError(msg)
    members = _members(data.rows_of(atopid), data.name, entry)
    founded = min(m.joined for m in members)
    if alliances is not None:
        _check_alliances(data, alliances)
    source = data.source()
    if alliances is not None and alliances.name != data.name:
        source = attrs.evolve(source, locator=f"{data.name} and {alliances.name}")
    built: list[Indicator] = []
    observations: list[Observation] = []
    for key in dict.fromkeys(indicators):
        if key not in INDICATORS:
            msg = f"unknown ATOP indicator {key!r}; known: {', '.join(INDICATORS)}"
            raise UnknownReferenceError(msg)
        spec = INDICATORS[key]
        ind = _built(key, tuple(data.ranges.items()))
        built.append(ind)
        rows, file = _coded_rows(
            spec, key, data, alliances=alliances, atopid=atopid, founded=founded
        )
        observations.extend(
            Observation(
                indicator=ind.id,
                year=year,
                value=value,
                source=source.key,
                uncertainty=Exact(),
                note=f"ATOP atopid {atopid}, {file} line {row.line}: {spec.explain(row, value)}",
            )
            for year, value, row in _change_points(rows, spec.value)
        )
    dates = (
        f"entry into force for {', '.join(entry)} and ATOP's (signature) for the others"
        if entry
        else "ATOP's (signature of the treaty or of an accession protocol)"
    )
    return Profile(
        id=id or f"atop-{atopid}",
        name=name or f"ATOP alliance {atopid}",
        founded=founded,
        members=members,
        sources=(source,),
        indicators=tuple(built),
        observations=tuple(observations),
        description=(
            f"Skeleton from ATOP version {data.version}, atopid {atopid}: members, dates and the"
            f" written treaty provisions (design, not practice). Members' first years: {dates}."
            " Add shared-threat, practice and consultation indicators before scoring."
        ),
    )


def _check_alliances(data: AtopData, alliances: AtopData) -> None:
    if not isinstance(alliances, AtopData) or alliances.file_type == "member":
        kind = LABELS.get(getattr(alliances, "file_type", ""), type(alliances).__name__)
        msg = (
            "alliances must be an alliance-phase or alliance-level ATOP file read by atop.read;"
            f" got {kind} data"
        )
        raise ValidationError(msg)
    if alliances.version != data.version:
        msg = (
            f"alliances is ATOP version {alliances.version!r} but data is {data.version!r};"
            " use files of one version"
        )
        raise ValidationError(msg)
