"""From the text of a file to a parsed tree, safely: TOML or JSON, no code run, no deep recursion.

TOML is parsed by the standard library's :mod:`tomllib`, JSON by :mod:`json`; neither runs
anything. Three things a hostile or damaged file could do are turned into a
:class:`~alliance_health.FileFormatError` with a one-line message instead of a Python error:

- **Deep nesting.** Both parsers recurse once per level of nested arrays and tables, so a document
  nested a thousand levels deep would end in a ``RecursionError``. The depth is measured first
  (strings and comments skipped) and a document nested deeper than :data:`MAX_DEPTH` is refused;
  a profile needs four levels.
- **Huge integers.** Python refuses to convert an integer of more than
  :func:`sys.get_int_max_str_digits` digits (4,300 by default) and says so with a ``ValueError``.
- **Not UTF-8**, or a UTF-8 byte-order mark: the first is refused with the offending byte, the
  second is accepted and dropped.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from itertools import accumulate
from typing import Any, Final, Literal, NoReturn

from alliance_health._errors import FileFormatError
from alliance_health._files.errors import error

__all__ = ["MAX_DEPTH", "Format", "decode", "depth", "parse"]

Format = Literal["toml", "json"]

MAX_DEPTH: Final = 32
"""Deepest nesting of arrays and tables accepted; a profile needs four (root, array, table,
inline table or array)."""

# Strings and comments, whose brackets are text, not structure. An unterminated string runs to the
# end of its line (or of the text), so that every match ends at once: the scan stays linear.
_TEXT = re.compile(
    r'"""[^\\"]*+(?:(?:\\.|"(?!""))[^\\"]*+)*+(?:"""|\Z)'  # multi-line basic string (TOML)
    r"|'''[^']*+(?:'(?!'')[^']*+)*+(?:'''|\Z)"  # multi-line literal string (TOML)
    r'|"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+(?:"|$)'  # basic string (TOML and JSON)
    r"|'[^'\n]*+(?:'|$)"  # literal string (TOML)
    r"|#[^\n]*+",  # comment (TOML)
    re.DOTALL | re.MULTILINE,
)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP: Final = {"[": 1, "{": 1, "]": -1, "}": -1}
_BOM: Final = "\ufeff"


def decode(raw: bytes, origin: str) -> str:
    """UTF-8 bytes as text, without a leading byte-order mark."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(
            origin, "", f"the file is not UTF-8 text (byte {exc.start}: {exc.reason})"
        ) from None
    return text.removeprefix(_BOM)


def depth(text: str) -> int:
    """How deeply arrays and tables nest in TOML or JSON ``text`` (0 for none)."""
    brackets = _NOT_BRACKET.sub("", _TEXT.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _too_deep(origin: str, found: int | None) -> FileFormatError:
    how = f"{found} levels deep" if found is not None else "too deeply for the parser"
    return error(
        origin,
        "",
        f"arrays and tables are nested {how}, above the limit of {MAX_DEPTH}; a profile"
        " needs no more than four levels",
    )


def _huge_number(text: str, origin: str, fmt: str) -> FileFormatError:
    limit = sys.get_int_max_str_digits()
    found = re.search(rf"0[xX][0-9a-fA-F_]{{{limit},}}|[0-9_]{{{limit + 1},}}", text)
    where = ""
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        where = f" at line {line}"
    return error(
        origin,
        "",
        f"invalid {fmt}: a number{where} has more than {limit} digits, more than any value of a"
        " profile can have",
    )


def parse(text: str, fmt: Format, origin: str) -> object:
    """The tree of ``text`` (BOM dropped), or a FileFormatError naming ``origin``."""
    text = text.removeprefix(_BOM)
    found = depth(text)
    if found > MAX_DEPTH:
        raise _too_deep(origin, found)
    name = fmt.upper()
    try:
        return _toml(text, origin) if fmt == "toml" else _json(text, origin)
    except FileFormatError:
        raise
    except RecursionError:  # a backstop: the depth scan should have refused the text
        raise _too_deep(origin, None) from None
    except ValueError as exc:  # not a syntax error: an integer too long to convert
        if "integer string conversion" in str(exc):
            raise _huge_number(text, origin, name) from None
        raise error(origin, "", f"invalid {name}: {exc}") from None


def _toml(text: str, origin: str) -> object:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(origin, "", f"invalid TOML: {exc}") from None


def _json(text: str, origin: str) -> object:
    try:
        return json.loads(
            text,
            object_pairs_hook=lambda pairs: _json_object(pairs, origin),
            parse_constant=lambda name: _json_constant(name, origin),
        )
    except json.JSONDecodeError as exc:
        raise error(
            origin, "", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None


def _json_constant(name: str, origin: str) -> NoReturn:
    raise error(origin, "", f"invalid JSON: {name} is not a number (JSON has no NaN or Infinity)")


def _json_object(pairs: list[tuple[str, Any]], origin: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise error(origin, "", f"invalid JSON: an object repeats the key {key!r}")
        out[key] = value
    return out
