"""The profile schema: how each domain class appears in a file, beyond what its fields say.

Almost everything follows from the attrs fields (:mod:`~alliance_health._files.schema`). What is
added here:

- the top level: ``schema_version`` first, and the ``catalogue`` shorthand that adds one
  indicator per listed standard;
- indicators: ``standard`` first, and when it is given the fields left out are taken from the
  catalogue; ``horizon`` is a whole number or ``"none"``; ``scale`` is ``[lo, hi]``; every
  indicator that follows a standard is written in full, so that the file holds the definition;
- observations: ``member`` right after the value, where a reader looks for it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Final, cast

import attrs

from alliance_health._domain.indicator import Indicator
from alliance_health._domain.observation import Observation
from alliance_health._domain.profile import Profile
from alliance_health._domain.standard import Standard, get
from alliance_health._errors import UnknownReferenceError
from alliance_health._files.errors import describe, error, relocated
from alliance_health._files.schema import (
    Node,
    Schema,
    Shape,
    read_list,
    read_number,
    read_text,
)

__all__ = ["SCHEMA_VERSION", "profile_data", "read_profile"]

SCHEMA_VERSION: Final = 1
"""The schema version this library reads and writes."""

# an indicator that follows a standard takes these from it when the file leaves them out
_FROM_STANDARD: Final = tuple(
    field.name
    for field in attrs.fields(Indicator)
    if field.name in attrs.fields_dict(Standard) and field.name != "id"
)


def _read_horizon(node: Node, value: object, where: str) -> int | None:
    """Whole years, or ``"none"`` (``null`` in JSON) for valid until superseded."""
    if value is None or value == "none":
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise node.wrong(where, 'a whole number of years or "none"', value)
    return value


def _read_scale(node: Node, value: object, where: str) -> tuple[float, ...]:
    if not isinstance(value, list) or len(value) != 2:
        raise node.wrong(where, "an array of two numbers [lo, hi]", value)
    return tuple(read_number(node, v, f"{where}[{i}]") for i, v in enumerate(value))


def _standard(node: Node, where: str, std_id: str) -> Standard:
    try:
        return get(std_id)
    except UnknownReferenceError as exc:
        raise relocated(exc, node.origin, where) from exc


def _build_indicator(schema: Schema, node: Node) -> Indicator:
    """An indicator; with ``standard``, the fields the file leaves out come from the catalogue.

    The fields given alongside a standard are checked against it by :class:`Indicator` itself
    (pillar, scale, unit and direction must agree; label, horizon, weight and description may be
    the profile's own).
    """
    node.only(schema.keys(Indicator))
    std_id = node.data.get("standard")
    if std_id is None:
        return schema.load(node, Indicator)
    std = _standard(node, node.at("standard"), read_text(node, std_id, node.at("standard")))
    return schema.load(node, Indicator, defaults={k: getattr(std, k) for k in _FROM_STANDARD})


def _indicator_always(ind: Indicator) -> Collection[str]:
    """Every key of an indicator that follows a standard; else those whose default may change."""
    if ind.standard is not None:
        return {field.name for field in attrs.fields(Indicator)}
    return {"higher_is_better", "horizon", "weight"}


SCHEMA: Final = Schema(
    [
        Shape(
            cls=Profile,
            lead=("schema_version", "id", "name", "founded", "description", "catalogue"),
            extra=("schema_version", "catalogue"),
        ),
        Shape(
            cls=Indicator,
            lead=("id", "standard"),
            readers={"horizon": _read_horizon, "scale": _read_scale},
            writers={"horizon": lambda h: "none" if h is None else h},
            always=_indicator_always,
            build=_build_indicator,
        ),
        Shape(cls=Observation, lead=("indicator", "year", "value", "member")),
    ]
)


def _read_catalogue(root: Node) -> list[Indicator]:
    """The indicators of the ``catalogue`` shorthand, one per listed standard."""
    out = []
    for i, item in enumerate(read_list(root, root.data.get("catalogue", []), "catalogue")):
        where = f"catalogue[{i}]"
        std_id = read_text(root, item, where)
        std = _standard(root, where, std_id)
        if std.threat_specific:
            raise root.error(
                where,
                f"{std_id!r} is a shared-threat standard and needs a threat; add it under"
                f' [[indicators]] with standard = "{std_id}" and threat = "..." instead',
            )
        out.append(std.indicator())
    return out


def read_profile(tree: object, origin: str) -> Profile:
    """The profile in a parsed tree; every error names ``origin`` and the path inside it."""
    if not isinstance(tree, Mapping):
        rule = f"the top level must be a table (a JSON object); got {describe(tree)}"
        raise error(origin, "", rule)
    root = Node(tree, origin=origin, path="")
    key = "schema_version"  # checked first: a later version may have other keys
    if key not in tree:
        raise root.missing(key, f" (start the file with {key} = {SCHEMA_VERSION})")
    version = SCHEMA.reader(int)(root, tree[key], key)
    if version != SCHEMA_VERSION:
        raise root.error(
            key,
            f"unknown {key} {version}; this version of alliance_health reads"
            f" {key} {SCHEMA_VERSION} only (upgrade alliance_health or convert the file)",
        )
    root.only(SCHEMA.keys(Profile))
    shorthand = _read_catalogue(root)
    kwargs = SCHEMA.kwargs(root, Profile)
    kwargs["indicators"] = (*shorthand, *cast("tuple[Indicator, ...]", kwargs["indicators"]))
    return root.build(Profile, **kwargs)


def profile_data(profile: Profile) -> dict[str, object]:
    """The tree of a profile, as :func:`read_profile` reads it: ``schema_version`` first."""
    return {"schema_version": SCHEMA_VERSION, **SCHEMA.dump(profile)}
