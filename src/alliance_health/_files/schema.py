"""Parsed trees to attrs classes and back, keys and their types taken from ``attrs.fields``.

The file form of a class follows from its fields: each field is a key of the same name; a field
without a default is a required key; ``X | None`` may be omitted (or ``null`` in JSON); a
``tuple[C, ...]`` of attrs classes is an array of tables, omitted when empty; a union of attrs
classes is a table whose ``kind`` names the class (``{ kind = "range", lo = 1, hi = 3 }``); an enum
is written as its value. A :class:`Shape` adds only what the fields cannot say: the keys that come
first in a file, keys that are not fields, and readers and writers for a field whose file form is
its own. Unknown keys are refused with the closest known key suggested, and every error names the
file, the path inside it (``observations[12].value``) and the rule broken.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import sys
import types
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, Final, TypeVar, Union, cast, get_args, get_origin

import attrs

from alliance_health._errors import DEFINED_IN, AllianceHealthError, FileFormatError
from alliance_health._files.errors import close, describe, error, relocated

__all__ = ["Field", "Node", "Reader", "Schema", "Shape", "fields_of", "read_text"]

T = TypeVar("T")
Reader = Callable[["Node", object, str], object]
"""Reads one value: ``reader(node, value, where)``, ``where`` being the value's path."""
Writer = Callable[[Any], object]
_NO_DEFAULTS: Final[Mapping[str, object]] = types.MappingProxyType({})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Node:
    """One table of a parsed file and where it is, so that every error can say so."""

    __slots__ = ("data", "origin", "path")

    def __init__(self, data: Mapping[str, object], *, origin: str, path: str) -> None:
        self.data = data
        self.origin = origin
        self.path = path

    def at(self, key: str) -> str:
        """The path of ``key`` in this table."""
        return f"{self.path}.{key}" if self.path else key

    def error(self, where: str, rule: str) -> FileFormatError:
        """A FileFormatError for the value at ``where``."""
        return error(self.origin, where, rule)

    def wrong(self, where: str, expected: str, value: object) -> FileFormatError:
        """The value at ``where`` is not of the ``expected`` kind."""
        return self.error(where, f"must be {expected}; got {describe(value)}")

    def missing(self, key: str, hint: str = "") -> FileFormatError:
        """A required ``key`` is absent from this table."""
        return self.error(self.path, f"missing required key {key!r}{hint}")

    def only(self, known: Sequence[str]) -> None:
        """Refuse a key outside ``known``, suggesting the closest known key."""
        for key in self.data:
            if key not in known:
                rule = f"unknown key {key!r}; {close(key, known)}known keys: {', '.join(known)}"
                raise self.error(self.path, rule)

    def child(self, value: object, where: str) -> Node:
        """The table at ``where``; anything else is an error."""
        if not isinstance(value, Mapping):
            raise self.wrong(where, "a table", value)
        return Node(value, origin=self.origin, path=where)

    def build(self, factory: Callable[..., T], /, **kwargs: object) -> T:
        """Call ``factory(**kwargs)``, raising the library's errors again with file and path."""
        try:
            return factory(**kwargs)
        except FileFormatError:
            raise
        except AllianceHealthError as exc:
            raise relocated(exc, self.origin, self.path) from exc


# -- readers of plain values -----------------------------------------------------------------------
def read_text(node: Node, value: object, where: str) -> str:
    """A string."""
    if not isinstance(value, str):
        raise node.wrong(where, "a string", value)
    return value


def read_whole(node: Node, value: object, where: str) -> int:
    """An integer (not a boolean, not a float such as ``2006.0``)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise node.wrong(where, "a whole number", value)
    return value


def read_number(node: Node, value: object, where: str) -> float:
    """An integer or a float, as a float."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise node.wrong(where, "a number", value)
    try:
        return float(value)
    except OverflowError:
        raise node.error(where, f"is too large for a float: {describe(value)}") from None


def read_flag(node: Node, value: object, where: str) -> bool:
    """``true`` or ``false``."""
    if not isinstance(value, bool):
        raise node.wrong(where, "true or false", value)
    return value


def read_date(node: Node, value: object, where: str) -> dt.date:
    """A TOML local date, or a string ``YYYY-MM-DD`` (JSON has no dates)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise node.wrong(where, "a date (TOML 2006-10-09, or the string '2006-10-09')", value)


def read_list(node: Node, value: object, where: str) -> list[object]:
    """An array."""
    if not isinstance(value, list):
        raise node.wrong(where, "an array", value)
    return value


_PLAIN: Final[Mapping[object, Reader]] = {
    str: read_text,
    int: read_whole,
    float: read_number,
    bool: read_flag,
    dt.date: read_date,
}


# -- what the fields say, and what they do not ----------------------------------------------------
@attrs.frozen
class Field:
    """One key of a class's file form, from an attrs field."""

    key: str
    kind: Any
    required: bool
    default: object
    array: bool  # a tuple[X, ...]: omitted when empty
    tagged: bool  # a union of attrs classes: a table with a "kind"


@functools.cache
def fields_of(cls: type) -> tuple[Field, ...]:
    """The keys of ``cls`` (attrs fields set by ``__init__``), types resolved, in field order."""
    # Resolve the annotations where the class is defined: a public class reports the package as
    # its module, whose namespace loads names lazily.
    home = sys.modules[DEFINED_IN.get(cls, cls.__module__)]
    attrs.resolve_types(cls, globalns=vars(home))
    out = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        default = field.default
        factory = getattr(default, "factory", None)  # an attrs.Factory: its value is the default
        if callable(factory) and not getattr(default, "takes_self", False):
            default = factory()
        kind = field.type
        members = _union(kind)
        tagged = bool(members) and all(isinstance(m, type) and attrs.has(m) for m in members)
        out.append(
            Field(field.name, kind, default is attrs.NOTHING, default, _is_array(kind), tagged)
        )
    return tuple(out)


def _is_array(kind: object) -> bool:
    args = get_args(kind)
    return get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis


def _union(kind: object) -> tuple[object, ...]:
    """The members of a union type, or ``()``."""
    return get_args(kind) if get_origin(kind) in {Union, types.UnionType} else ()


@attrs.frozen(kw_only=True, eq=False)
class Shape:
    """What the attrs fields do not say about a class's file form.

    ``lead``: keys that come first, in this order (others follow in field order); ``extra``: keys
    that are not fields, read by the caller; ``readers`` and ``writers``: a field's own file form;
    ``always``: the keys written even when they hold their default; ``build``: how one item is
    read, when not field by field (``build(schema, node)``).
    """

    cls: type
    lead: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    readers: Mapping[str, Reader] = attrs.field(factory=dict)
    writers: Mapping[str, Writer] = attrs.field(factory=dict)
    always: Callable[[Any], Collection[str]] = lambda _obj: ()
    build: Callable[[Schema, Node], object] | None = None

    def fields(self) -> tuple[Field, ...]:
        """The class's fields, in file order."""
        by_key = {field.key: field for field in fields_of(self.cls)}
        lead = [by_key[key] for key in self.lead if key in by_key]
        return (*lead, *(f for f in by_key.values() if f.key not in self.lead))

    def keys(self) -> tuple[str, ...]:
        """Every key a table of this class may hold, in file order."""
        fields = [f.key for f in self.fields() if f.key not in self.lead]
        return (*self.lead, *(k for k in self.extra if k not in self.lead), *fields)


class Schema:
    """Reads and writes the classes of a file: their fields, and their :class:`Shape` if any."""

    def __init__(self, shapes: Iterable[Shape]) -> None:
        self._shapes = {shape.cls: shape for shape in shapes}
        self._readers: dict[object, Reader] = {}
        self._plans: dict[type, tuple[tuple[str, ...], tuple[tuple[Field, Reader], ...]]] = {}

    def shape(self, cls: type) -> Shape:
        """The shape of ``cls`` (its fields alone, if none was given)."""
        if cls not in self._shapes:
            self._shapes[cls] = Shape(cls=cls)
        return self._shapes[cls]

    # -- reading ---------------------------------------------------------------------------------
    def item(self, node: Node, cls: type[T]) -> T:
        """One item of class ``cls`` from its table, built as its shape says."""
        build = self.shape(cls).build
        if build is None:
            return self.load(node, cls)
        return cast("T", build(self, node))

    def load(self, node: Node, cls: type[T], *, defaults: Mapping[str, object] = _NO_DEFAULTS) -> T:
        """Build ``cls`` from its table, field by field; ``defaults`` fill omitted keys."""
        return node.build(cls, **self.kwargs(node, cls, defaults=defaults))

    def _plan(self, cls: type) -> tuple[tuple[str, ...], tuple[tuple[Field, Reader], ...]]:
        """The keys of ``cls`` and each field with its reader, worked out once per class."""
        if cls not in self._plans:
            shape = self.shape(cls)
            fields = tuple(
                (field, shape.readers.get(field.key) or self.reader(field.kind))
                for field in shape.fields()
            )
            self._plans[cls] = (shape.keys(), fields)
        return self._plans[cls]

    def keys(self, cls: type) -> tuple[str, ...]:
        """Every key a table of ``cls`` may hold, in file order."""
        return self._plan(cls)[0]

    def kwargs(
        self,
        node: Node,
        cls: type,
        *,
        defaults: Mapping[str, object] = _NO_DEFAULTS,
        tag: tuple[str, ...] = (),
    ) -> dict[str, object]:
        """The keyword arguments for ``cls`` that the table holds (``tag``: keys to allow too)."""
        keys, fields = self._plan(cls)
        node.only((*tag, *keys) if tag else keys)
        out: dict[str, object] = {}
        for field, read in fields:
            if field.key in node.data:
                out[field.key] = read(node, node.data[field.key], node.at(field.key))
            elif field.key in defaults:
                out[field.key] = defaults[field.key]
            elif field.array:
                if field.required:  # an omitted array is empty
                    out[field.key] = ()
            elif field.required:
                raise node.missing(field.key)
        return out

    def reader(self, kind: object) -> Reader:
        """The reader of a value of type ``kind``."""
        if kind not in self._readers:
            self._readers[kind] = self._make_reader(kind)
        return self._readers[kind]

    def _make_reader(self, kind: object) -> Reader:
        if kind in _PLAIN:
            return _PLAIN[kind]
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return read_text  # the class's converter turns the text into a member
        members = _union(kind)
        if type(None) in members and len(members) == 2:
            inner = self.reader(next(m for m in members if m is not type(None)))
            return lambda node, value, where: None if value is None else inner(node, value, where)
        classes = [m for m in members if isinstance(m, type) and attrs.has(m)]
        if members and len(classes) == len(members):
            return self._tagged({cls.__name__.lower(): cls for cls in classes})
        if get_origin(kind) is tuple:
            return self._array(kind)
        msg = f"no file form for the type {kind!r}; give the field a reader in its Shape"
        raise TypeError(msg)

    def _array(self, kind: object) -> Reader:
        """A tuple of tables or values (``tuple[X, ...]``), or of fixed length (a pair)."""
        if _is_array(kind):
            item_kind = get_args(kind)[0]
            if attrs.has(item_kind):
                return self._tables(item_kind)
            each = self.reader(item_kind)
            return lambda node, value, where: tuple(
                each(node, v, f"{where}[{i}]") for i, v in enumerate(read_list(node, value, where))
            )
        readers = [self.reader(k) for k in get_args(kind)]

        def read(node: Node, value: object, where: str) -> tuple[object, ...]:
            if not isinstance(value, list) or len(value) != len(readers):
                raise node.wrong(where, f"an array of {len(readers)} values", value)
            items = value
            return tuple(
                r(node, v, f"{where}[{i}]")
                for i, (r, v) in enumerate(zip(readers, items, strict=True))
            )

        return read

    def _tables(self, cls: type) -> Reader:
        def read(node: Node, value: object, where: str) -> tuple[object, ...]:
            items = read_list(node, value, where)
            return tuple(
                self.item(node.child(item, f"{where}[{i}]"), cls) for i, item in enumerate(items)
            )

        return read

    def _tagged(self, kinds: Mapping[str, type]) -> Reader:
        def read(node: Node, value: object, where: str) -> object:
            table, tag = node.child(value, where), "kind"
            if tag not in table.data:
                raise table.missing(tag)
            kind = read_text(table, table.data[tag], table.at(tag))
            if kind not in kinds:
                name = where.rpartition(".")[2]
                options = ", ".join(repr(k) for k in kinds)
                rule = (
                    f"unknown {name} kind {kind!r}; {close(kind, list(kinds))}use one of {options}"
                )
                raise table.error(table.at("kind"), rule)
            cls = kinds[kind]
            return table.build(cls, **self.kwargs(table, cls, tag=("kind",)))

        return read

    # -- writing ---------------------------------------------------------------------------------
    def dump(self, obj: object) -> dict[str, object]:
        """The table of ``obj``: its fields in file order, those at their default left out."""
        shape = self.shape(type(obj))
        always = shape.always(obj)
        out: dict[str, object] = {}
        for field, _read in self._plan(type(obj))[1]:
            value = getattr(obj, field.key)
            writer = shape.writers.get(field.key)
            if value is None and writer is None:
                continue
            if field.key not in always and (
                value is None or value == field.default or (isinstance(value, tuple) and not value)
            ):
                continue
            out[field.key] = (
                writer(value) if writer is not None else self._plain(value, field.tagged)
            )
        return out

    def _plain(self, value: object, tagged: bool = False) -> object:
        if isinstance(value, str | int | dt.date):  # bool is an int; the same in the tree
            return value.value if isinstance(value, enum.Enum) else value  # a StrEnum is a str
        if isinstance(value, float):
            return number(value)
        if isinstance(value, tuple):
            return [self._plain(v) for v in value]
        if isinstance(value, enum.Enum):
            return value.value
        data = self.dump(value)  # an attrs instance
        return {"kind": type(value).__name__.lower(), **data} if tagged else data


def number(value: float) -> int | float:
    """A whole float as an int: it loads back equal, as every float field calls ``float``."""
    return int(value) if value.is_integer() and abs(value) < 2**53 else value
