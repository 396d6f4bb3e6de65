"""A small TOML emitter for profile trees (the standard library reads TOML but does not write it).

Top-level keys first, then one ``[[key]]`` table per item of each array of tables; tables inside
an item (``uncertainty``) are written inline. Strings are TOML basic strings with quotes,
backslashes and control characters escaped (TOML 1.0); other Unicode is written as it is. Comments
are not preserved: the emitter writes what the tree holds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Final

__all__ = ["to_toml"]

_ESCAPES: Final = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_SPECIAL = re.compile(r'["\\\x00-\x1f\x7f]')
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped (TOML 1.0)."""
    escaped = _SPECIAL.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)
    return f'"{escaped}"'


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _string(key)


def _value(value: object) -> str:
    if isinstance(value, list):
        return f"[{', '.join(_value(v) for v in value)}]"
    if isinstance(value, Mapping):
        pairs = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        return f"{{ {pairs} }}"
    return _scalar(value)


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)  # Python writes inf, -inf and nan as TOML does
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    msg = f"cannot write {type(value).__name__} {value!r} as TOML"
    raise TypeError(msg)


def to_toml(data: Mapping[str, object]) -> str:
    """The TOML text of a tree: top-level keys, then one ``[[key]]`` table per array item."""
    lines = []
    arrays: list[tuple[str, list[Mapping[str, object]]]] = []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            arrays.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, items in arrays:
        for item in items:
            lines += ["", f"[[{_key(key)}]]"]
            lines += [f"{_key(k)} = {_value(v)}" for k, v in item.items()]
    return "\n".join(lines) + "\n"
