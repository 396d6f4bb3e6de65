"""Citations: every number in a profile names the source it comes from."""

from __future__ import annotations

from typing import Any, Final

import attrs

from alliance_health import _validate
from alliance_health._errors import ValidationError

__all__ = ["SOURCE_KINDS", "Source"]

SOURCE_KINDS: Final = (
    "survey",
    "treaty",
    "official",
    "press",
    "scholarly",
    "dataset",
    "expert-coding",
    "scenario",
)
"""The kinds of source. ``press`` is journalism, ``scholarly`` published research (books, journal
articles, essays); ``expert-coding`` marks a judgement, ``scenario`` a hypothetical value."""


def _kind(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if value not in SOURCE_KINDS:
        options = ", ".join(repr(k) for k in SOURCE_KINDS)
        msg = f"{_validate.where(instance, attribute)} must be one of {options}; got {value!r}"
        raise ValidationError(msg)


@attrs.frozen(kw_only=True)
class Source:
    """A citation for observations and events.

    Parameters
    ----------
    key : str
        Short identifier that observations and events refer to, e.g. ``"ccga-2006"``.
    title : str
        Title of the work.
    kind : str
        One of :data:`SOURCE_KINDS`. Observations citing an ``"expert-coding"`` source are
        judgements and must carry a :class:`~alliance_health.Range` and a note.
    author : str, optional
        Author or issuing organisation.
    year : int or None, optional
        Year of publication.
    locator : str, optional
        Where in the work: page, table, article number or URL.

    Examples
    --------
    >>> Source(key="mdt-1953", title="Mutual Defense Treaty", kind="treaty", year=1953).kind
    'treaty'
    """

    key: str = attrs.field(validator=_validate.identifier)
    title: str = attrs.field(validator=_validate.non_empty)
    kind: str = attrs.field(validator=_kind)
    author: str = ""
    year: int | None = attrs.field(default=None, validator=_validate.optional_year)
    locator: str = ""

    @property
    def is_judgement(self) -> bool:
        """True for expert codings and scenarios: values that are not observed data."""
        return self.kind in {"expert-coding", "scenario"}
