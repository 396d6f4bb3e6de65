"""A member state of an alliance and the years of its membership, gaps included."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from alliance_health import _validate
from alliance_health._errors import ValidationError

__all__ = ["Member", "span_text"]


def _gap_pairs(value: object) -> tuple[tuple[int, int], ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        msg = f"Member.gaps must be a sequence of (first, last) year pairs; got {value!r}"
        raise ValidationError(msg)
    pairs = []
    for i, pair in enumerate(value):
        items = tuple(pair) if isinstance(pair, tuple | list) else ()
        if len(items) != 2 or not all(
            isinstance(y, int) and not isinstance(y, bool) and 1 <= y <= 9999 for y in items
        ):
            msg = f"Member.gaps[{i}] must be a pair of years (first, last); got {pair!r}"
            raise ValidationError(msg)
        pairs.append((items[0], items[1]))
    return tuple(pairs)


@attrs.frozen(kw_only=True)
class Member:
    """A member state and the years of its membership.

    Parameters
    ----------
    code : str
        ISO 3166 alpha-3 code, e.g. ``"KOR"``; for a historical state without one, a code of three
        capitals such as its Correlates of War abbreviation (``"BAV"`` for Bavaria).
    joined : int
        First year of membership.
    left : int or None, optional
        Last year of membership (inclusive); ``None`` while still a member.
    gaps : sequence of (int, int), optional
        Years between ``joined`` and ``left`` in which the state was *not* a member, as inclusive
        ``(first, last)`` pairs in order: a state that left and re-entered. Each gap lies strictly
        inside the membership and gaps do not touch. Empty by default. :meth:`from_spans` builds
        a member from its spans of membership instead.

    Examples
    --------
    >>> Member(code="POL", joined=1999).is_member(1998)
    False

    Egypt, suspended from an alliance from 1979 and readmitted in 1989 (last year out 1988):

    >>> egypt = Member(code="EGY", joined=1950, gaps=[(1980, 1988)])
    >>> egypt.is_member(1985), egypt.is_member(1989), egypt.spans
    (False, True, ((1950, 1979), (1989, None)))
    """

    code: str = attrs.field(validator=_validate.member_code)
    joined: int = attrs.field(validator=_validate.year)
    left: int | None = attrs.field(default=None, validator=_validate.optional_year)
    gaps: tuple[tuple[int, int], ...] = attrs.field(default=(), converter=_gap_pairs)

    @left.validator
    def _after_joining(self, attribute: attrs.Attribute[Any], value: int | None) -> None:
        if value is not None and value < self.joined:
            msg = (
                f"Member.{attribute.name} of {self.code} must be >= joined ({self.joined});"
                f" got {value}"
            )
            raise ValidationError(msg)

    @gaps.validator
    def _inside_membership(
        self, attribute: attrs.Attribute[Any], value: tuple[tuple[int, int], ...]
    ) -> None:
        previous = self.joined
        for i, (first, last) in enumerate(value):
            if not previous < first <= last or (self.left is not None and last >= self.left):
                msg = (
                    f"Member.{attribute.name}[{i}] of {self.code} is ({first}, {last}); a gap"
                    f" runs from its first to its last year out, lies strictly inside the"
                    f" membership {self.joined}-{self.left or 'now'} and after the previous gap"
                    " with at least one year of membership between. Merge touching gaps; move"
                    " joined or left for a state out at the start or the end"
                )
                raise ValidationError(msg)
            previous = last + 1

    @classmethod
    def from_spans(cls, code: str, spans: Iterable[tuple[int, int | None]]) -> Member:
        """A member from its spans of membership ``(joined, left)``, ``left`` ``None`` if open.

        Spans may come in any order; spans that overlap or touch (one ends the year before the
        next starts, or in the same year) are one span.

        Examples
        --------
        >>> Member.from_spans("EGY", [(1989, None), (1950, 1979)])
        Member(code='EGY', joined=1950, left=None, gaps=((1980, 1988),))
        >>> Member.from_spans("USA", [(1949, 1951), (1951, None)]).gaps
        ()
        """
        ordered = sorted(spans, key=lambda span: span[0])
        if not ordered:
            msg = f"Member.from_spans needs at least one span for {code!r}; got none"
            raise ValidationError(msg)
        joined, left = ordered[0]
        gaps = []
        for start, end in ordered[1:]:
            if left is not None and start > left + 1:
                gaps.append((left + 1, start - 1))
            if left is not None:
                left = None if end is None else max(left, end)
        return cls(code=code, joined=joined, left=left, gaps=gaps)

    @property
    def spans(self) -> tuple[tuple[int, int | None], ...]:
        """The spans of membership ``(first, last)``, ``last`` ``None`` while still a member."""
        starts = (self.joined, *(last + 1 for _first, last in self.gaps))
        ends = (*(first - 1 for first, _last in self.gaps), self.left)
        return tuple(zip(starts, ends, strict=True))

    def is_member(self, year: int) -> bool:
        """Return whether the state is a member in ``year``."""
        if year < self.joined or (self.left is not None and year > self.left):
            return False
        return not any(first <= year <= last for first, last in self.gaps)


def span_text(member: Member, open_end: str = "now") -> str:
    """The spans of a membership as text, e.g. ``1950-1979, 1989-now``."""
    return ", ".join(f"{a}-{open_end if b is None else b}" for a, b in member.spans)
