"""Profiles as files: TOML for people, JSON for machines, one schema for both.

A file describes one :class:`~alliance_health.Profile`: its members, sources, indicators,
observations and events, as arrays of tables (the schema is documented in ``docs/file-format.md``).
Reading never executes anything: TOML is parsed by the standard library's :mod:`tomllib`, JSON by
:mod:`json`, and every value is checked against the schema before any domain object is built.
Files larger than :data:`MAX_FILE_BYTES` are refused before they are parsed, documents nested
deeper than :data:`~alliance_health._files.parse.MAX_DEPTH` before the parser recurses.

The work is shared by the modules of this package: :mod:`~alliance_health._files.parse` turns text
into a tree, :mod:`~alliance_health._files.schema` turns trees into attrs classes and back with the
keys taken from ``attrs.fields``, :mod:`~alliance_health._files.convert` says what the fields do not
(the ``catalogue`` shorthand, indicators that follow a standard), and
:mod:`~alliance_health._files.toml_writer` writes TOML.

Every error raised while reading is a :class:`~alliance_health.FileFormatError` whose message
starts with the file name (``<string>`` for :func:`loads`) and the path of the offending value
inside the file, e.g. ``observations[12].value``. When the domain classes reject an item (a value
off its scale, a repeated id, an unknown reference), the error is re-raised with that prefix as a
class that is both a ``FileFormatError`` and the original, more specific class
(``ScaleError``, ``DuplicateError`` or ``UnknownReferenceError``), so that either ``except``
clause catches it.

Whole floats are written as integers, which load back equal because every float field is
converted with ``float`` on construction.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Final

from alliance_health._domain.profile import Profile
from alliance_health._errors import ArgumentTypeError, FileFormatError, ValidationError
from alliance_health._files.convert import SCHEMA_VERSION, profile_data, read_profile
from alliance_health._files.errors import (
    FileDuplicateError,
    FileReferenceError,
    FileScaleError,
    error,
)
from alliance_health._files.parse import Format, decode, parse
from alliance_health._files.toml_writer import to_toml

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

FORMATS: Final[tuple[Format, ...]] = ("toml", "json")
"""The file formats: ``"toml"`` (for people) and ``"json"`` (for machines)."""


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
    return error(
        origin,
        "",
        f"the file is {size} bytes, above the limit of {limit}; a profile that large is"
        " refused unread",
    )


def _text(text: object, origin: str) -> str:
    """The text given to :func:`loads`: a str, or UTF-8 bytes decoded; within the size limit."""
    if isinstance(text, bytes | bytearray):
        if len(text) > MAX_FILE_BYTES:
            raise _too_large(origin, len(text))
        return decode(bytes(text), origin)
    if not isinstance(text, str):
        msg = (
            "loads() reads the text of a profile, a str or UTF-8 bytes; got"
            f" {type(text).__name__} {text!r:.60} (to read a file, use load(path))"
        )
        raise ArgumentTypeError(msg)
    if len(text) > MAX_FILE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise _too_large(origin, len(text.encode("utf-8", "surrogatepass")))
    return text


def loads(text: str | bytes, *, format: Format) -> Profile:  # noqa: A002  (the documented name)
    """Read a profile from a string (or UTF-8 bytes) of TOML or JSON.

    Parameters
    ----------
    text : str or bytes
        The file's content; bytes are decoded as UTF-8. A leading byte-order mark is dropped.
    format : {"toml", "json"}
        Its format.

    Returns
    -------
    Profile
        The profile, validated as a whole.

    Raises
    ------
    FileFormatError
        The text is larger than :data:`MAX_FILE_BYTES`, is not UTF-8 (bytes), is not valid
        TOML/JSON, nests arrays and tables too deeply, holds an integer too long to convert, or
        breaks the schema (unknown key, missing key, wrong type, unknown ``schema_version`` or
        uncertainty kind). The message starts with ``<string>`` and the path inside the file.
        Rules broken while building the profile raise a FileFormatError that is also the
        specific class (``ScaleError``, ``DuplicateError``, ``UnknownReferenceError``).
    ArgumentTypeError
        ``text`` is neither a str nor bytes (``None``, a path: use :func:`load` for a file).
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
    >>> loads(text.encode("utf-8"), format="toml") == profile
    True
    >>> loads(text.replace("value = 2", 'value = "2"'), format="toml")
    Traceback (most recent call last):
    ...
    alliance_health.FileFormatError: <string>: observations[0].value: must be a number;
    got the string '2'
    """
    origin = "<string>"
    fmt = _check_format(format)
    return read_profile(parse(_text(text, origin), fmt, origin), origin)


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
        read in full). A UTF-8 byte-order mark at the start is accepted and dropped.
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
    return read_profile(parse(decode(raw, origin), fmt, origin), origin)


# -- writing ---------------------------------------------------------------------------------------
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
    data = profile_data(profile)
    if fmt == "toml":
        text = to_toml(data)
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
