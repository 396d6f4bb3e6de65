"""Profiles as files: TOML for people, JSON for machines, one schema for both.

A file describes one :class:`~alliance_health.Profile`: its members, sources, indicators,
observations and events, as arrays of tables (the schema is documented in ``docs/file-format.md``).
Reading never executes anything: TOML is parsed by the standard library's :mod:`tomllib`, JSON by
:mod:`json`, and every value is checked against the schema before any domain object is built.
Files larger than :data:`MAX_FILE_BYTES` are refused before they are parsed.

Every error raised while reading is a :class:`~alliance_health.FileFormatError` whose message
starts with the file name (``<string>`` for :func:`loads`) and the path of the offending value
inside the file, e.g. ``observations[12].value``. When the domain classes reject an item (a value
off its scale, a repeated id, an unknown reference), the error is re-raised with that prefix as a
class that is both a ``FileFormatError`` and the original, more specific class
(``ScaleError``, ``DuplicateError`` or ``UnknownReferenceError``), so that either ``except``
clause catches it.

TOML is written by a small emitter in this module (no dependency): one ``[[table]]`` per item,
inline tables for ``uncertainty``, strings escaped per TOML 1.0; comments are not preserved. Whole
floats are written as integers, which load back equal because every float field is converted with
``float`` on construction.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import json
import os
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Literal, NoReturn, TypeVar

from alliance_health import catalogue
from alliance_health._domain.event import Event
from alliance_health._domain.indicator import Indicator
from alliance_health._domain.observation import Exact, Observation, Range, Survey, Uncertainty
from alliance_health._domain.profile import Member, Profile
from alliance_health._domain.source import Source
from alliance_health._errors import (
    AllianceHealthError,
    DuplicateError,
    FileFormatError,
    ScaleError,
    UnknownReferenceError,
    ValidationError,
)

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "SCHEMA_VERSION",
    "FileDuplicateError",
    "FileReferenceError",
    "FileScaleError",
    "dump",
    "dumps",
    "load",
    "loads",
]

MAX_FILE_BYTES: Final = 16 * 1024 * 1024
"""Largest file (in bytes, UTF-8) that :func:`load` and :func:`loads` accept: 16 MiB.

The largest built-in profile is a few hundred kilobytes; the limit keeps a mistaken or hostile
file from exhausting memory before it is even parsed."""

SCHEMA_VERSION: Final = 1
"""The schema version this library reads and writes."""

Format = Literal["toml", "json"]
FORMATS: Final[tuple[Format, ...]] = ("toml", "json")
"""The file formats: ``"toml"`` (for people) and ``"json"`` (for machines)."""

T = TypeVar("T")


class FileScaleError(FileFormatError, ScaleError):
    """A value in a file lies off its indicator's scale."""


class FileDuplicateError(FileFormatError, DuplicateError):
    """Two items in a file share what must be unique."""


class FileReferenceError(FileFormatError, UnknownReferenceError):
    """An item in a file refers to nothing: an unknown indicator, source, member or standard."""


_SPECIFIC: Final[tuple[tuple[type[AllianceHealthError], type[FileFormatError]], ...]] = (
    (ScaleError, FileScaleError),
    (DuplicateError, FileDuplicateError),
    (UnknownReferenceError, FileReferenceError),
)


def _relocated(exc: AllianceHealthError, origin: str, where: str) -> FileFormatError:
    """Return ``exc`` as a FileFormatError (of its specific kind) prefixed with file and path."""
    text = str(exc).removeprefix("Profile.")
    message = f"{origin}: {where}: {text}" if where else f"{origin}: {text}"
    for cls, file_cls in _SPECIFIC:
        if isinstance(exc, cls):
            return file_cls(message)
    return FileFormatError(message)


def _error(origin: str, where: str, rule: str) -> FileFormatError:
    """A FileFormatError that names the file, the path inside it and the rule broken."""
    msg = f"{origin}: {where}: {rule}" if where else f"{origin}: {rule}"
    return FileFormatError(msg)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else f"{text[: limit - 3]}..."


_TYPE_NAMES: Final = (
    (bool, "boolean"),
    (int, "integer"),
    (float, "float"),
    (str, "string"),
    (dt.datetime, "date-time"),
    (dt.date, "date"),
    (dt.time, "time"),
)


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return _short(repr(value))


def _describe(value: object) -> str:
    """Name a parsed value's type and show it, in words that fit both TOML and JSON."""
    if value is None:
        return "null"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, Mapping):
        return "a table"
    for kind, name in _TYPE_NAMES:
        if isinstance(value, kind):
            return f"the {name} {_shown(value)}"
    return type(value).__name__


def _close(key: str, known: Sequence[str]) -> str:
    match = difflib.get_close_matches(key, known, n=1)
    return f"did you mean {match[0]!r}? " if match else ""


class _Required(enum.Enum):
    TOKEN = enum.auto()


_REQUIRED: Final = _Required.TOKEN
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Table:
    """One table of a parsed file and where it is, so that every error can say so."""

    def __init__(self, data: Mapping[str, object], *, origin: str, path: str) -> None:
        self.data = data
        self.origin = origin
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def only(self, known: Sequence[str]) -> None:
        for key in self.data:
            if key not in known:
                raise _error(
                    self.origin,
                    self.path,
                    f"unknown key {key!r}; {_close(key, known)}known keys: {', '.join(known)}",
                )

    def build(self, factory: Callable[..., T], /, **kwargs: Any) -> T:  # noqa: ANN401
        """Call ``factory(**kwargs)``, re-raising the library's errors with file and path."""
        try:
            return factory(**kwargs)
        except FileFormatError:
            raise
        except AllianceHealthError as exc:
            raise _relocated(exc, self.origin, self.path) from exc

    def _absent(self, key: str, default: T | _Required) -> T:
        if isinstance(default, _Required):
            hint = f" (start the file with schema_version = {SCHEMA_VERSION})"
            raise _error(
                self.origin,
                self.path,
                f"missing required key {key!r}{hint if key == 'schema_version' else ''}",
            )
        return default

    def _wrong(self, key: str, expected: str, value: object) -> FileFormatError:
        return _error(self.origin, self.at(key), f"must be {expected}; got {_describe(value)}")

    def text(self, key: str, default: str | _Required = _REQUIRED) -> str:
        if key not in self.data:
            return self._absent(key, default)
        value = self.data[key]
        if not isinstance(value, str):
            raise self._wrong(key, "a string", value)
        return value

    def optional_text(self, key: str) -> str | None:
        """A string that may be omitted (or ``null`` in JSON), meaning ``None``."""
        if self.data.get(key) is None:
            return None
        return self.text(key)

    def whole(self, key: str, default: int | _Required = _REQUIRED) -> int:
        if key not in self.data:
            return self._absent(key, default)
        value = self.data[key]
        if not isinstance(value, int) or isinstance(value, bool):
            raise self._wrong(key, "a whole number", value)
        return value

    def optional_whole(self, key: str) -> int | None:
        if self.data.get(key) is None:
            return None
        return self.whole(key)

    def _number(self, value: object, where: str) -> float:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise _error(self.origin, where, f"must be a number; got {_describe(value)}")
        try:
            return float(value)
        except OverflowError:
            raise _error(
                self.origin, where, f"is too large for a float: {_describe(value)}"
            ) from None

    def number(self, key: str, default: float | _Required = _REQUIRED) -> float:
        if key not in self.data:
            return self._absent(key, default)
        return self._number(self.data[key], self.at(key))

    def flag(self, key: str, default: bool | _Required = _REQUIRED) -> bool:
        if key not in self.data:
            return self._absent(key, default)
        value = self.data[key]
        if not isinstance(value, bool):
            raise self._wrong(key, "true or false", value)
        return value

    def date(self, key: str) -> dt.date:
        value = self.data.get(key)
        if key not in self.data:
            self._absent(key, _REQUIRED)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str) and _DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self._wrong(key, "a date (TOML 2006-10-09, or the string '2006-10-09')", value)

    def horizon(self, key: str, default: int | _Required | None = _REQUIRED) -> int | None:
        """Whole years, or ``"none"`` (``null`` in JSON) for valid until superseded."""
        if key not in self.data:
            return self._absent(key, default)
        value = self.data[key]
        if value is None or value == "none":
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise self._wrong(key, 'a whole number of years or "none"', value)
        return value

    def _array(self, key: str) -> list[object]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise self._wrong(key, "an array", value)
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        items = self._array(key)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise _error(
                    self.origin, f"{self.at(key)}[{i}]", f"must be a string; got {_describe(item)}"
                )
        return tuple(str(item) for item in items)

    def scale(
        self, key: str, default: tuple[float, float] | _Required = _REQUIRED
    ) -> tuple[float, ...]:
        if key not in self.data:
            return self._absent(key, default)
        value = self.data[key]
        if not isinstance(value, list) or len(value) != 2:
            raise self._wrong(key, "an array of two numbers [lo, hi]", value)
        return tuple(self._number(v, f"{self.at(key)}[{i}]") for i, v in enumerate(value))

    def tables(self, key: str) -> list[_Table]:
        out = []
        for i, item in enumerate(self._array(key)):
            where = f"{self.at(key)}[{i}]"
            if not isinstance(item, Mapping):
                raise _error(self.origin, where, f"must be a table; got {_describe(item)}")
            out.append(_Table(item, origin=self.origin, path=where))
        return out

    def table(self, key: str) -> _Table | None:
        if key not in self.data:
            return None
        value = self.data[key]
        if not isinstance(value, Mapping):
            raise self._wrong(key, "a table", value)
        return _Table(value, origin=self.origin, path=self.at(key))


# -- reading ---------------------------------------------------------------------------------------
_ROOT_KEYS: Final = (
    "schema_version",
    "id",
    "name",
    "founded",
    "description",
    "catalogue",
    "members",
    "sources",
    "indicators",
    "observations",
    "events",
)
_MEMBER_KEYS: Final = ("code", "joined", "left")
_SOURCE_KEYS: Final = ("key", "title", "kind", "author", "year", "locator")
_INDICATOR_KEYS: Final = (
    "id",
    "standard",
    "pillar",
    "label",
    "scale",
    "unit",
    "higher_is_better",
    "threat",
    "horizon",
    "weight",
    "description",
)
_OBSERVATION_KEYS: Final = (
    "indicator",
    "year",
    "value",
    "member",
    "source",
    "uncertainty",
    "note",
)
_UNCERTAINTY_KEYS: Final[dict[str, tuple[str, ...]]] = {
    "exact": ("kind",),
    "survey": ("kind", "n"),
    "range": ("kind", "lo", "hi"),
}
_EVENT_KEYS: Final = ("id", "date", "title", "source", "tags")


def _read_profile(data: object, origin: str) -> Profile:
    if not isinstance(data, Mapping):
        raise _error(
            origin, "", f"the top level must be a table (a JSON object); got {_describe(data)}"
        )
    root = _Table(data, origin=origin, path="")
    version = root.whole("schema_version")
    if version != SCHEMA_VERSION:
        raise _error(
            origin,
            "schema_version",
            f"unknown schema_version {version}; this version of alliance_health reads"
            f" schema_version {SCHEMA_VERSION} only (upgrade alliance_health or convert the file)",
        )
    root.only(_ROOT_KEYS)
    indicators = _read_catalogue(root) + [_read_indicator(t) for t in root.tables("indicators")]
    return root.build(
        Profile,
        id=root.text("id"),
        name=root.text("name"),
        founded=root.whole("founded"),
        description=root.text("description", ""),
        members=[_read_member(t) for t in root.tables("members")],
        sources=[_read_source(t) for t in root.tables("sources")],
        indicators=indicators,
        observations=[_read_observation(t) for t in root.tables("observations")],
        events=[_read_event(t) for t in root.tables("events")],
    )


def _standard(origin: str, where: str, std_id: str) -> catalogue.Standard:
    try:
        return catalogue.get(std_id)
    except UnknownReferenceError as exc:
        raise _relocated(exc, origin, where) from exc


def _read_catalogue(root: _Table) -> list[Indicator]:
    out = []
    for i, std_id in enumerate(root.texts("catalogue")):
        where = f"catalogue[{i}]"
        std = _standard(root.origin, where, std_id)
        if std.threat_specific:
            raise _error(
                root.origin,
                where,
                f"{std_id!r} is a shared-threat standard and needs a threat; add it under"
                f' [[indicators]] with standard = "{std_id}" and threat = "..." instead',
            )
        out.append(std.indicator())
    return out


def _read_member(t: _Table) -> Member:
    t.only(_MEMBER_KEYS)
    return t.build(
        Member, code=t.text("code"), joined=t.whole("joined"), left=t.optional_whole("left")
    )


def _read_source(t: _Table) -> Source:
    t.only(_SOURCE_KEYS)
    return t.build(
        Source,
        key=t.text("key"),
        title=t.text("title"),
        kind=t.text("kind"),
        author=t.text("author", ""),
        year=t.optional_whole("year"),
        locator=t.text("locator", ""),
    )


def _read_indicator(t: _Table) -> Indicator:
    """Read an indicator; with ``standard``, omitted fields come from the catalogue.

    The fields given alongside a standard are checked against it by :class:`Indicator` itself
    (pillar, scale, unit and direction must agree; label, horizon, weight and description may be
    the profile's own).
    """
    t.only(_INDICATOR_KEYS)
    std_id = t.optional_text("standard")
    std = None if std_id is None else _standard(t.origin, t.at("standard"), std_id)
    return t.build(
        Indicator,
        id=t.text("id"),
        pillar=t.text("pillar", _REQUIRED if std is None else std.pillar.value),
        label=t.text("label", _REQUIRED if std is None else std.label),
        scale=t.scale("scale", _REQUIRED if std is None else std.scale),
        unit=t.text("unit", "" if std is None else std.unit),
        higher_is_better=t.flag("higher_is_better", std is None or std.higher_is_better),
        threat=t.optional_text("threat"),
        horizon=t.horizon("horizon", None if std is None else std.horizon),
        weight=t.number("weight", 1.0),
        description=t.text("description", "" if std is None else std.description),
        standard=std_id,
    )


def _read_uncertainty(t: _Table | None) -> Uncertainty:
    if t is None:
        return Exact()
    kind = t.text("kind")
    if kind not in _UNCERTAINTY_KEYS:
        kinds = ", ".join(repr(k) for k in _UNCERTAINTY_KEYS)
        raise _error(
            t.origin,
            t.at("kind"),
            f"unknown uncertainty kind {kind!r}; {_close(kind, list(_UNCERTAINTY_KEYS))}"
            f"use one of {kinds}",
        )
    t.only(_UNCERTAINTY_KEYS[kind])
    if kind == "survey":
        return t.build(Survey, n=t.whole("n"))
    if kind == "range":
        return t.build(Range, lo=t.number("lo"), hi=t.number("hi"))
    return Exact()


def _read_observation(t: _Table) -> Observation:
    t.only(_OBSERVATION_KEYS)
    return t.build(
        Observation,
        indicator=t.text("indicator"),
        year=t.whole("year"),
        value=t.number("value"),
        member=t.optional_text("member"),
        source=t.text("source"),
        uncertainty=_read_uncertainty(t.table("uncertainty")),
        note=t.text("note", ""),
    )


def _read_event(t: _Table) -> Event:
    t.only(_EVENT_KEYS)
    return t.build(
        Event,
        id=t.text("id"),
        date=t.date("date"),
        title=t.text("title"),
        source=t.text("source"),
        tags=t.texts("tags"),
    )


def _parse(text: str, format: Format, origin: str) -> object:  # noqa: A002
    if format == "toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise _error(origin, "", f"invalid TOML: {exc}") from None
    try:
        return json.loads(
            text,
            object_pairs_hook=lambda pairs: _json_object(pairs, origin),
            parse_constant=lambda name: _json_constant(name, origin),
        )
    except json.JSONDecodeError as exc:
        raise _error(
            origin, "", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None


def _json_constant(name: str, origin: str) -> NoReturn:
    raise _error(origin, "", f"invalid JSON: {name} is not a number (JSON has no NaN or Infinity)")


def _json_object(pairs: list[tuple[str, Any]], origin: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _error(origin, "", f"invalid JSON: an object repeats the key {key!r}")
        out[key] = value
    return out


def _check_format(format: str) -> Format:  # noqa: A002
    if format == "toml":
        return "toml"
    if format == "json":
        return "json"
    msg = f"format must be 'toml' or 'json'; got {format!r}"
    raise ValidationError(msg)


def _format_of(path: Path, format: str | None) -> Format:  # noqa: A002
    if format is not None:
        return _check_format(format)
    suffix = path.suffix.lower()
    if suffix in {".toml", ".json"}:
        return _check_format(suffix[1:])
    msg = (
        f"{path}: cannot tell the format from the suffix {suffix!r}; name the file .toml or"
        " .json, or pass format='toml' or format='json'"
    )
    raise FileFormatError(msg)


def _too_large(origin: str, size: int) -> FileFormatError:
    mib, rest = divmod(MAX_FILE_BYTES, 2**20)
    limit = f"{MAX_FILE_BYTES} bytes" + ("" if rest else f" ({mib} MiB)")
    return _error(
        origin,
        "",
        f"the file is {size} bytes, above the limit of {limit}; a profile that large is"
        " refused unread",
    )


def loads(text: str, *, format: Format) -> Profile:  # noqa: A002  (the documented name)
    """Read a profile from a string of TOML or JSON.

    Parameters
    ----------
    text : str
        The file's content.
    format : {"toml", "json"}
        Its format.

    Returns
    -------
    Profile
        The profile, validated as a whole.

    Raises
    ------
    FileFormatError
        The text is larger than :data:`MAX_FILE_BYTES`, is not valid TOML/JSON, or breaks the
        schema (unknown key, missing key, wrong type, unknown ``schema_version`` or uncertainty
        kind). The message starts with ``<string>`` and the path inside the file. Rules broken
        while building the profile raise a FileFormatError that is also the specific class
        (``ScaleError``, ``DuplicateError``, ``UnknownReferenceError``).
    ValidationError
        ``format`` is neither ``"toml"`` nor ``"json"``.

    Examples
    --------
    >>> text = '''
    ... schema_version = 1
    ... id = "demo"
    ... name = "Demo alliance"
    ... founded = 2000
    ... catalogue = ["treaty-pledge"]
    ...
    ... [[members]]
    ... code = "XAA"
    ... joined = 2000
    ...
    ... [[sources]]
    ... key = "illustrative"
    ... title = "Illustrative values (not data)"
    ... kind = "scenario"
    ...
    ... [[observations]]
    ... indicator = "treaty-pledge"
    ... year = 2001
    ... value = 2
    ... source = "illustrative"
    ... '''
    >>> profile = loads(text, format="toml")
    >>> profile
    Profile(id='demo', name='Demo alliance', members=1, indicators=1, observations=1,
            years=2001-2001)
    >>> profile.indicator("treaty-pledge").scale
    (0.0, 2.0)
    >>> loads(text.replace("value = 2", 'value = "2"'), format="toml")
    Traceback (most recent call last):
    ...
    alliance_health.FileFormatError: <string>: observations[0].value: must be a number;
    got the string '2'
    """
    fmt = _check_format(format)
    origin = "<string>"
    if len(text) > MAX_FILE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise _too_large(origin, len(text.encode("utf-8", "surrogatepass")))
    return _read_profile(_parse(text, fmt, origin), origin)


def load(path: str | os.PathLike[str], *, format: Format | None = None) -> Profile:  # noqa: A002
    """Read a profile from a ``.toml`` or ``.json`` file.

    Parameters
    ----------
    path : str or path-like
        The file. Its suffix (``.toml`` or ``.json``) gives the format.
    format : {"toml", "json"}, optional
        The format, for a file with another suffix.

    Returns
    -------
    Profile
        The profile, validated as a whole.

    Raises
    ------
    FileFormatError
        As for :func:`loads`, with the file name in the message; also when the suffix is unknown,
        the file is not UTF-8, or it is larger than :data:`MAX_FILE_BYTES` (checked before it is
        read in full).
    OSError
        The file cannot be read.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from alliance_health.testing import minimal_profile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "minimal.toml"
    ...     dump(minimal_profile(), path)
    ...     load(path) == minimal_profile()
    True
    """
    path = Path(path)
    fmt = _format_of(path, format)
    origin = str(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _too_large(origin, size)
    with path.open("rb") as stream:
        raw = stream.read(MAX_FILE_BYTES + 1)  # a special file may not know its size
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(origin, len(raw))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _error(
            origin, "", f"the file is not UTF-8 text (byte {exc.start}: {exc.reason})"
        ) from None
    return _read_profile(_parse(text, fmt, origin), origin)


# -- writing ---------------------------------------------------------------------------------------
def _num(value: float) -> int | float:
    """Write a whole float as an int: it loads back equal, as every float field calls float()."""
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _profile_data(profile: Profile) -> dict[str, object]:
    data: dict[str, object] = {
        "schema_version": SCHEMA_VERSION,
        "id": profile.id,
        "name": profile.name,
        "founded": profile.founded,
    }
    if profile.description:
        data["description"] = profile.description
    arrays = {
        "members": [_member_data(m) for m in profile.members],
        "sources": [_source_data(s) for s in profile.sources],
        "indicators": [_indicator_data(i) for i in profile.indicators],
        "observations": [_observation_data(o) for o in profile.observations],
        "events": [_event_data(e) for e in profile.events],
    }
    data |= {key: items for key, items in arrays.items() if items}  # an omitted array is empty
    return data


def _member_data(member: Member) -> dict[str, object]:
    data: dict[str, object] = {"code": member.code, "joined": member.joined}
    if member.left is not None:
        data["left"] = member.left
    return data


def _source_data(source: Source) -> dict[str, object]:
    data: dict[str, object] = {"key": source.key, "title": source.title, "kind": source.kind}
    if source.author:
        data["author"] = source.author
    if source.year is not None:
        data["year"] = source.year
    if source.locator:
        data["locator"] = source.locator
    return data


def _indicator_data(ind: Indicator) -> dict[str, object]:
    """Every field, so that the file holds the definition even when it follows a standard.

    Only an empty ``unit`` or ``description`` of an indicator without a standard is left out: it
    is the default, and no catalogue entry would fill it in.
    """
    full = ind.standard is not None
    data: dict[str, object] = {"id": ind.id}
    if full:
        data["standard"] = ind.standard
    data |= {
        "pillar": ind.pillar.value,
        "label": ind.label,
        "scale": [_num(ind.scale[0]), _num(ind.scale[1])],
    }
    if full or ind.unit:
        data["unit"] = ind.unit
    data["higher_is_better"] = ind.higher_is_better
    if ind.threat is not None:
        data["threat"] = ind.threat
    data["horizon"] = "none" if ind.horizon is None else ind.horizon
    data["weight"] = _num(ind.weight)
    if full or ind.description:
        data["description"] = ind.description
    return data


def _uncertainty_data(unc: Uncertainty) -> dict[str, object]:
    if isinstance(unc, Survey):
        return {"kind": "survey", "n": unc.n}
    if isinstance(unc, Range):
        return {"kind": "range", "lo": _num(unc.lo), "hi": _num(unc.hi)}
    return {"kind": "exact"}


def _observation_data(obs: Observation) -> dict[str, object]:
    data: dict[str, object] = {
        "indicator": obs.indicator,
        "year": obs.year,
        "value": _num(obs.value),
    }
    if obs.member is not None:
        data["member"] = obs.member
    data["source"] = obs.source
    if not isinstance(obs.uncertainty, Exact):
        data["uncertainty"] = _uncertainty_data(obs.uncertainty)
    if obs.note:
        data["note"] = obs.note
    return data


def _event_data(event: Event) -> dict[str, object]:
    data: dict[str, object] = {
        "id": event.id,
        "date": event.date,
        "title": event.title,
        "source": event.source,
    }
    if event.tags:
        data["tags"] = list(event.tags)
    return data


_TOML_ESCAPES: Final = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_TOML_SPECIAL = re.compile(r'["\\\x00-\x1f\x7f]')
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped (TOML 1.0)."""
    escaped = _TOML_SPECIAL.sub(
        lambda m: _TOML_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text
    )
    return f'"{escaped}"'


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _toml_string(key)


def _toml_value(value: object) -> str:
    if isinstance(value, list):
        return f"[{', '.join(_toml_value(v) for v in value)}]"
    if isinstance(value, Mapping):
        pairs = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return f"{{ {pairs} }}"
    return _toml_scalar(value)


def _toml_scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)  # Python writes inf, -inf and nan as TOML does
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    msg = f"cannot write {type(value).__name__} {value!r} as TOML"
    raise TypeError(msg)


def _toml(data: Mapping[str, object]) -> str:
    """Top-level keys first, then one ``[[key]]`` table per item of each array of tables."""
    lines = []
    arrays: list[tuple[str, list[Mapping[str, object]]]] = []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            arrays.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, items in arrays:
        for item in items:
            lines += ["", f"[[{_toml_key(key)}]]"]
            lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in item.items()]
    return "\n".join(lines) + "\n"


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    msg = f"cannot write {type(value).__name__} {value!r} as JSON"
    raise TypeError(msg)


def dumps(profile: Profile, *, format: Format) -> str:  # noqa: A002  (the documented name)
    """Write a profile as TOML or JSON text.

    Every indicator is written in full (with its ``standard`` when it has one), so that the text
    is self-contained; ``loads(dumps(p, format=f), format=f) == p`` for every valid profile.

    Parameters
    ----------
    profile : Profile
        The profile.
    format : {"toml", "json"}
        The format.

    Returns
    -------
    str
        The text, ending with a newline.

    Raises
    ------
    FileFormatError
        A string in the profile holds a lone surrogate, which UTF-8 cannot encode.
    ValidationError
        ``format`` is neither ``"toml"`` nor ``"json"``.

    Examples
    --------
    >>> from alliance_health.testing import minimal_profile
    >>> print(dumps(minimal_profile(), format="toml"))
    schema_version = 1
    id = "minimal"
    name = "Minimal illustrative alliance"
    founded = 2000
    description = "Two members, one indicator per pillar; illustrative values, not data."
    <BLANKLINE>
    [[members]]
    code = "AAA"
    joined = 2000
    ...
    [[observations]]
    indicator = "threat-public"
    year = 2006
    value = 40
    member = "AAA"
    source = "illustrative"
    uncertainty = { kind = "survey", n = 1000 }
    note = "illustrative value, not an observation"
    ...
    """
    fmt = _check_format(format)
    data = _profile_data(profile)
    if fmt == "toml":
        text = _toml(data)
    else:
        text = json.dumps(
            data, indent=2, ensure_ascii=False, allow_nan=False, default=_json_default
        )
        text += "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        msg = (
            f"profile {profile.id!r} holds a string with the lone surrogate"
            f" {exc.object[exc.start]!r}, which a UTF-8 file cannot hold; remove it"
        )
        raise FileFormatError(msg) from None
    return text


def dump(profile: Profile, path: str | os.PathLike[str], *, format: Format | None = None) -> None:  # noqa: A002
    """Write a profile to a ``.toml`` or ``.json`` file (UTF-8), replacing it if it exists.

    Parameters
    ----------
    profile : Profile
        The profile.
    path : str or path-like
        The file. Its suffix (``.toml`` or ``.json``) gives the format.
    format : {"toml", "json"}, optional
        The format, for a file with another suffix.

    Raises
    ------
    FileFormatError
        The suffix is neither ``.toml`` nor ``.json`` and no ``format`` is given.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from alliance_health.testing import minimal_profile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "minimal.json"
    ...     dump(minimal_profile(), path)
    ...     path.read_text(encoding="utf-8").splitlines()[:3]
    ['{', '  "schema_version": 1,', '  "id": "minimal",']
    """
    path = Path(path)
    text = dumps(profile, format=_format_of(path, format))
    path.write_text(text, encoding="utf-8", newline="\n")
