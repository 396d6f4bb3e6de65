"""Errors raised while reading a profile file, and the words they use for what was found.

Every message starts with the file name (``<string>`` for text) and the path of the offending value
inside the file (``observations[12].value``), then the rule broken. An error that the domain classes
raise while an item is built (a value off its scale, a repeated id, an unknown reference) is raised
again with that prefix, as a class that is both a :class:`FileFormatError` and the original, more
specific class, so that either ``except`` clause catches it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping, Sequence
from typing import Final

from alliance_health._errors import (
    AllianceHealthError,
    DuplicateError,
    FileFormatError,
    ScaleError,
    UnknownReferenceError,
)

__all__ = [
    "FileDuplicateError",
    "FileReferenceError",
    "FileScaleError",
    "close",
    "describe",
    "error",
    "relocated",
]


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


def error(origin: str, where: str, rule: str) -> FileFormatError:
    """A FileFormatError that names the file, the path inside it and the rule broken."""
    msg = f"{origin}: {where}: {rule}" if where else f"{origin}: {rule}"
    return FileFormatError(msg)


def relocated(exc: AllianceHealthError, origin: str, where: str) -> FileFormatError:
    """``exc`` as a FileFormatError (of its specific kind) prefixed with file and path."""
    text = str(exc).removeprefix("Profile.")
    message = f"{origin}: {where}: {text}" if where else f"{origin}: {text}"
    for cls, file_cls in _SPECIFIC:
        if isinstance(exc, cls):
            return file_cls(message)
    return FileFormatError(message)


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
    try:
        return _short(repr(value))
    except ValueError:  # an integer too long for Python to write in decimal (a hex literal)
        return f"of {value.bit_length()} bits" if isinstance(value, int) else type(value).__name__


def describe(value: object) -> str:
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


def close(key: str, known: Sequence[str]) -> str:
    """``"did you mean 'x'? "`` for the known key closest to ``key``, or nothing."""
    match = difflib.get_close_matches(key, known, n=1)
    return f"did you mean {match[0]!r}? " if match else ""
