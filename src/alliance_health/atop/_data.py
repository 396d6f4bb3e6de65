"""The rows of an alliance, alliance-phase or member-level ATOP file, as read by ``read``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

import attrs

from alliance_health import Source
from alliance_health._errors import UnknownReferenceError
from alliance_health.atop._codebook import RELEASES, Release, dataset_source
from alliance_health.atop._codings import military_institutionalisation, pledge_level

__all__ = ["AtopData", "AtopRow", "FileType"]

FileType = Literal["alliance", "alliance-phase", "member"]


def _frozen_codes(codes: Mapping[str, int | None]) -> Mapping[str, int | None]:
    return MappingProxyType(dict(codes))


def _codings_of(row: AtopRow) -> tuple[int, int | None]:
    # computed once per row: every profile and panel reads them, often many times
    return pledge_level(row.codes), military_institutionalisation(row.codes)


@attrs.frozen(kw_only=True)
class AtopRow:
    """One row of an alliance, alliance-phase or member-level ATOP file.

    Attributes
    ----------
    atopid : int
        The alliance.
    line : int
        Line of the file the row ends on (the header is line 1).
    codes : Mapping[str, int | None]
        Every coded column of the release's codebook that the file has; ``None`` where missing.
    member : str or None
        Member code of the member (member-level files): ISO 3166 alpha-3, or the COW
        abbreviation of a historical state without one (see :func:`states`); else ``None``.
    cow : int or None
        The member's COW code as written in the file.
    start, end : int or None
        First and last year in force (``yrent``/``yrexit`` or ``begyr``/``endyr``); ``end`` is
        ``None`` while in force (ATOP writes 0).
    phase : int or None
        The treaty phase of the row (``phase`` column; 0 for an alliance without phases).
    phases : int or None
        The number of phases of the alliance (``maxphase`` column), where given.
    start_date, end_date : datetime.date or None
        The full dates, where the file gives month and day. ATOP dates a member's entry by the
        signature of the treaty or of its accession protocol, not by entry into force.

    Examples
    --------
    A member-level row of a made-up alliance: the United Kingdom (COW 200) promises consultation
    and non-aggression from 1960 to 1975.

    >>> import io
    >>> from alliance_health import atop
    >>> text = '''atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul
    ... 9002,200,1960,1975,0,0,0,1,1
    ... '''
    >>> row = atop.read(io.StringIO(text), version="5.1").rows[0]
    >>> row.member, row.cow, row.start, row.end
    ('GBR', 200, 1960, 1975)
    >>> row.pledge  # consultation or non-aggression only
    1
    >>> row.in_force(1970), row.in_force(1980)
    (True, False)
    >>> row.institutionalisation is None  # the file has no institutional columns
    True
    """

    atopid: int
    line: int
    codes: Mapping[str, int | None] = attrs.field(converter=_frozen_codes)
    member: str | None = None
    cow: int | None = None
    start: int | None = None
    end: int | None = None
    phase: int | None = None
    phases: int | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    _codings: tuple[int, int | None] = attrs.field(
        init=False, repr=False, eq=False, default=attrs.Factory(_codings_of, takes_self=True)
    )

    @property
    def pledge(self) -> int:
        """:func:`pledge_level` of the row."""
        return self._codings[0]

    @property
    def institutionalisation(self) -> int | None:
        """:func:`military_institutionalisation` of the row."""
        return self._codings[1]

    def in_force(self, year: int) -> bool:
        """Whether the row covers ``year`` (a row without a start year covers every year)."""
        if self.start is not None and year < self.start:
            return False
        return self.end is None or year <= self.end


def _index(rows: tuple[AtopRow, ...]) -> Mapping[int, tuple[AtopRow, ...]]:
    out: dict[int, list[AtopRow]] = {}
    for row in rows:
        out.setdefault(row.atopid, []).append(row)
    return MappingProxyType({k: tuple(v) for k, v in out.items()})


@attrs.frozen(kw_only=True, eq=False)
class AtopData:
    """The rows of one alliance, alliance-phase or member-level ATOP file, from :func:`read`.

    Attributes
    ----------
    name : str
        File name (or ``"<stream>"``), used in messages and citations.
    file_type : {"alliance", "alliance-phase", "member"}
        The file type, detected from the header.
    version : str
        The ATOP release, e.g. ``"4.01"`` (a file's ``4.0100002`` is read as ``"4.01"``).
    rows : tuple of AtopRow
        The rows, in file order.
    ranges : Mapping[str, tuple[int, int]]
        The code ranges the file was validated against.
    columns : tuple of str
        The coded columns the file has (the keys of every row's ``codes``).

    Examples
    --------
    A member-level file holding two made-up alliances:

    >>> import io
    >>> from alliance_health import atop
    >>> text = '''atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul
    ... 9001,2,1954,0,1,0,0,0,1
    ... 9001,732,1954,0,1,0,0,0,1
    ... 9002,2,1960,1975,0,0,0,1,1
    ... 9002,200,1960,1975,0,0,0,1,1
    ... '''
    >>> data = atop.read(io.StringIO(text), version="5.1")
    >>> data.atopids
    (9001, 9002)
    >>> [row.member for row in data.rows_of(9002)]
    ['USA', 'GBR']
    >>> data.source().key  # the citation of every observation built from the file
    'atop-5.1'
    >>> data.rows_of(3180)
    Traceback (most recent call last):
    ...
    alliance_health.UnknownReferenceError: <stream> has no rows for atopid 3180; it holds 2
    alliances (first: 9001, 9002)
    """

    name: str
    file_type: FileType
    version: str
    rows: tuple[AtopRow, ...]
    ranges: Mapping[str, tuple[int, int]]
    columns: tuple[str, ...] = ()
    _by_id: Mapping[int, tuple[AtopRow, ...]] = attrs.field(
        init=False,
        repr=False,
        default=attrs.Factory(lambda self: _index(self.rows), takes_self=True),
    )

    @property
    def release(self) -> Release:
        """The ATOP release, with its codebook."""
        return RELEASES[self.version]

    @property
    def atopids(self) -> tuple[int, ...]:
        """The alliances in the file, in order of first appearance."""
        return tuple(self._by_id)

    def rows_of(self, atopid: int) -> tuple[AtopRow, ...]:
        """The rows of one alliance; raise :class:`UnknownReferenceError` if it has none."""
        rows = self._by_id.get(atopid, ())
        if not rows:
            msg = (
                f"{self.name} has no rows for atopid {atopid!r}; it holds {len(self.atopids)}"
                f" alliances (first: {', '.join(map(str, self.atopids[:5])) or 'none'})"
            )
            raise UnknownReferenceError(msg)
        return rows

    def source(self) -> Source:
        """The dataset citation that observations built from this file refer to."""
        return dataset_source(self.version, f"{self.name} ({self.file_type}-level file)")

    def __repr__(self) -> str:
        return (
            f"AtopData(name={self.name!r}, file_type={self.file_type!r}, version={self.version!r},"
            f" rows={len(self.rows)}, alliances={len(self.atopids)})"
        )
