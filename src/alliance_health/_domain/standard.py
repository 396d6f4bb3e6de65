"""Standard indicator definitions, the yardsticks of the catalogue, read from its data file.

The definitions are data: ``alliance_health/catalogue/data/standards.toml``, read with
:mod:`tomllib` on first use and checked as they are built. This module sits in the domain layer
*below* :class:`~alliance_health.Indicator`, which checks its ``standard`` against :func:`get`
here; :meth:`Standard.indicator` imports the Indicator class only when it is called, so neither
module imports the other at import time. The public face is :mod:`alliance_health.catalogue`.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from alliance_health import _validate
from alliance_health._domain.pillar import Pillar, to_pillar
from alliance_health._errors import AllianceHealthError, UnknownReferenceError, ValidationError

if TYPE_CHECKING:
    from alliance_health._domain.indicator import Indicator

__all__ = ["DATA_FILE", "Level", "Standard", "get", "ids", "same_question", "standards"]

DATA_FILE: Final = "catalogue/data/standards.toml"
"""Where the definitions live, relative to the ``alliance_health`` package."""


def same_question(a: str | None, b: str | None) -> bool:
    """Whether two question wordings are the same, up to spacing and line breaks."""
    return (a is None and b is None) or (a is not None and b is not None and a.split() == b.split())


def _whole(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        msg = f"{_validate.where(instance, attribute)} must be a whole number; got {value!r}"
        raise ValidationError(msg)


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _validate.non_empty(instance, attribute, value)


@attrs.frozen(kw_only=True)
class Level:
    """One level of an ordinal scale: what it means, and a historical case coded at it.

    Parameters
    ----------
    value : int
        The level, a whole number of the scale.
    definition : str
        What an alliance (or member) at this level shows.
    anchor : str
        A historical case coded at this level, for coders to compare with.

    Examples
    --------
    >>> from alliance_health import catalogue
    >>> level = catalogue.get("treaty-pledge").levels[2]
    >>> level.value, level.definition
    (2, 'a pledge of active military support (ATOP defense = 1 or offense = 1)')
    >>> level.anchor
    'NATO Art. 5 (1949); U.S.-ROK Mutual Defense Treaty Art. III (1953).'
    """

    value: int = attrs.field(validator=_whole)
    definition: str = attrs.field(validator=_validate.non_empty)
    anchor: str = attrs.field(validator=_validate.non_empty)


def _to_scale(value: Any) -> tuple[float, float]:  # noqa: ANN401  (a converter takes anything)
    try:
        lo, hi = value
        return (float(lo), float(hi))
    except (TypeError, ValueError):
        msg = f"Standard.scale must be a pair (lo, hi) of numbers; got {value!r}"
        raise ValidationError(msg) from None


def _to_levels(value: Iterable[object]) -> tuple[Level, ...]:
    items = []
    for i, item in enumerate(value):
        if not isinstance(item, Level):
            msg = f"Standard.levels[{i}] must be a Level; got {type(item).__name__} {item!r}"
            raise ValidationError(msg)
        items.append(item)
    return tuple(sorted(items, key=lambda level: level.value))


def _scope(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in {"member", "alliance"}:
        where = _validate.where(instance, attribute)
        msg = f"{where} must be 'member' or 'alliance'; got {value!r}"
        raise ValidationError(msg)


@attrs.frozen(kw_only=True)
class Standard:
    """A standard indicator definition.

    Attributes
    ----------
    id : str
        The definition's id, used as :attr:`Indicator.standard`.
    pillar : Pillar
        The pillar it measures.
    label : str
        Short name.
    scale : tuple of float
        Declared scale.
    unit : str
        Unit of values; ``"ordinal lo-hi"`` for an ordinal coding.
    higher_is_better : bool
        Direction.
    scope : {"member", "alliance"}
        Whether it is observed per member or for the alliance as a whole.
    horizon : int or None
        Default years an observation stays valid.
    description : str
        What it measures and why it belongs to its pillar, in Sherwood-Randall's terms.
    coding : str
        How to code a value; the meaning of each level of an ordinal coding is in ``levels``.
    levels : tuple of Level
        For an ordinal coding, one :class:`Level` per whole number of the scale, in order, each
        with its definition and an anchoring historical case; empty otherwise.
    question : str or None
        The survey question (wording and answers counted) that every indicator following the
        definition asks, or ``None`` when the definition leaves it to the indicator.

    Examples
    --------
    >>> from alliance_health import catalogue
    >>> std = catalogue.get("treaty-pledge")
    >>> std.pillar.value, std.scale, std.scope, std.horizon
    ('mutual_obligation', (0.0, 2.0), 'alliance', None)
    >>> for level in std.levels:
    ...     print(f"{level.value}: {level.definition}")
    0: no written security obligation
    1: consultation, neutrality or non-aggression only (ATOP consul, neutral or nonagg without
    defense or offense)
    2: a pledge of active military support (ATOP defense = 1 or offense = 1)

    A profile's indicator that follows the definition:

    >>> ind = std.indicator()
    >>> ind.id, ind.standard, ind.unit
    ('treaty-pledge', 'treaty-pledge', 'ordinal 0-2')
    """

    id: str = attrs.field(validator=_validate.identifier)
    pillar: Pillar = attrs.field(converter=to_pillar)
    label: str = attrs.field(validator=_validate.non_empty)
    scale: tuple[float, float] = attrs.field(converter=_to_scale)
    unit: str
    higher_is_better: bool = attrs.field(validator=_validate.boolean)
    scope: Literal["member", "alliance"] = attrs.field(validator=_scope)
    horizon: int | None = attrs.field(validator=attrs.validators.optional(_validate.at_least(0)))
    description: str = attrs.field(validator=_validate.non_empty)
    coding: str = attrs.field(validator=_validate.non_empty)
    levels: tuple[Level, ...] = attrs.field(default=(), converter=_to_levels)
    question: str | None = attrs.field(default=None, validator=_optional_text)

    @property
    def level(self) -> str:
        """Deprecated spelling of :attr:`scope`."""
        _validate.deprecated("Standard.level", "Standard.scope")
        return self.scope

    @levels.validator
    def _each_level_once(self, _attribute: attrs.Attribute[Any], value: tuple[Level, ...]) -> None:
        lo, hi = self.scale
        if not value and not self.ordinal:
            return
        if not (lo.is_integer() and hi.is_integer()):
            msg = (
                f"Standard.levels of {self.id!r}: levels need a scale of whole numbers;"
                f" got {self.scale}"
            )
            raise ValidationError(msg)
        expected = list(range(int(lo), int(hi) + 1))
        seen = [level.value for level in value]
        problems = [
            f"{what} {', '.join(map(str, values))}"
            for what, values in (
                ("missing", [v for v in expected if v not in seen]),
                ("repeated", sorted({v for v in seen if seen.count(v) > 1})),
                ("off the scale", sorted({v for v in seen if v not in expected})),
            )
            if values
        ]
        if problems:
            msg = (
                f"Standard.levels of {self.id!r} must define each level {expected[0]}-"
                f"{expected[-1]} of its {self.unit or 'scale'} scale exactly once, with a"
                f" definition and an anchor; {'; '.join(problems)}"
            )
            raise ValidationError(msg)

    @property
    def threat_specific(self) -> bool:
        """True for shared-threat definitions, which are instantiated once per threat."""
        return self.pillar is Pillar.SHARED_THREAT

    @property
    def ordinal(self) -> bool:
        """True for an ordinal coding (unit ``"ordinal lo-hi"``), whose levels are defined."""
        return self.unit.startswith("ordinal")

    def indicator(
        self,
        *,
        id: str | None = None,  # noqa: A002  (mirrors Indicator.id)
        threat: str | None = None,
        weight: float = 1.0,
        horizon: int | Literal["default"] | None = "default",
        label: str | None = None,
        question: str | None = None,
    ) -> Indicator:
        """Build a profile :class:`~alliance_health.Indicator` that follows this definition.

        Parameters
        ----------
        id : str, optional
            The indicator's id; default the definition's id.
        threat : str, optional
            The threat measured; required by shared-threat definitions.
        weight : float, optional
            Weight within its pillar; default 1.
        horizon : int, None or "default", optional
            Years an observation stays valid (``None``: until superseded); default the
            definition's horizon.
        label : str, optional
            Short name; default the definition's label.
        question : str, optional
            The survey question the indicator asks; default the definition's question.

        Returns
        -------
        Indicator
            With the definition's pillar, scale, unit, direction and description, and
            ``standard`` set to its id.

        Examples
        --------
        >>> from alliance_health import catalogue
        >>> std = catalogue.get("threat-official")
        >>> ind = std.indicator(id="china-official", threat="china-rise")
        >>> ind.id, ind.threat, ind.standard, ind.horizon == std.horizon
        ('china-official', 'china-rise', 'threat-official', True)
        """
        from alliance_health._domain.indicator import Indicator  # noqa: PLC0415  (it imports us)

        return Indicator(
            id=id or self.id,
            pillar=self.pillar,
            label=label or self.label,
            scale=self.scale,
            unit=self.unit,
            higher_is_better=self.higher_is_better,
            threat=threat,
            horizon=self.horizon if horizon == "default" else horizon,
            weight=weight,
            description=self.description,
            standard=self.id,
            question=self.question if question is None else question,
        )


def _build(index: int, table: Mapping[str, Any]) -> Standard:
    """One ``[[standards]]`` table of the data file as a Standard; errors name the table."""
    fields = dict(table)
    try:
        if fields.get("horizon") == "none":
            fields["horizon"] = None
        fields["levels"] = [Level(**level) for level in fields.get("levels", ())]
        return Standard(**fields)
    except (AllianceHealthError, TypeError) as exc:
        msg = f"alliance_health/{DATA_FILE}: standards[{index}] ({fields.get('id')!r}): {exc}"
        raise ValidationError(msg) from exc


@functools.cache
def standards() -> tuple[Standard, ...]:
    """Every standard definition, in catalogue order, read from the data file on first call.

    Raises
    ------
    ValidationError
        The data file breaks a rule (a level missing, an id repeated); the message names the
        table. It ships with the package and is tested, so this signals a damaged installation.
    """
    data = resources.files("alliance_health").joinpath(DATA_FILE).read_text(encoding="utf-8")
    out = tuple(_build(i, t) for i, t in enumerate(tomllib.loads(data)["standards"]))
    seen = [std.id for std in out]
    repeated = sorted({i for i in seen if seen.count(i) > 1})
    if repeated:
        msg = f"alliance_health/{DATA_FILE}: standard ids must be unique; repeated: {repeated}"
        raise ValidationError(msg)
    return out


@functools.cache
def _by_id() -> Mapping[str, Standard]:
    return {std.id: std for std in standards()}


def ids() -> tuple[str, ...]:
    """The ids of all standard definitions, in catalogue order.

    Returns
    -------
    tuple of str
        Shared-threat definitions first, then mutual obligation, then consultation.

    Examples
    --------
    >>> from alliance_health import catalogue
    >>> catalogue.ids()
    ('threat-public-critical', 'threat-public-concern', 'threat-official', 'treaty-pledge',
     'integrated-command', 'forces-in-place', 'joint-operations', 'public-support-presence',
     'public-support-defend', 'consultation-institutions', 'joint-decisions', 'policy-synchrony')
    """
    return tuple(_by_id())


def get(id: str) -> Standard:  # noqa: A002  (mirrors Indicator.standard)
    """Return the standard definition ``id``.

    Parameters
    ----------
    id : str
        One of :func:`ids`.

    Returns
    -------
    Standard
        The definition, with its scale, level, horizon, coding guide and levels.

    Raises
    ------
    UnknownReferenceError
        No definition has that id; the message lists the known ids.

    Examples
    --------
    >>> from alliance_health import catalogue
    >>> std = catalogue.get("policy-synchrony")
    >>> std.pillar.value, std.scale, std.unit
    ('consultation', (0.0, 4.0), 'ordinal 0-4')
    >>> catalogue.get("gdp")
    Traceback (most recent call last):
    ...
    alliance_health.UnknownReferenceError: catalogue has no standard 'gdp'; known:
    threat-public-critical, threat-public-concern, threat-official, treaty-pledge,
    integrated-command, forces-in-place, joint-operations, public-support-presence,
    public-support-defend, consultation-institutions, joint-decisions, policy-synchrony
    """
    found = _by_id().get(id) if isinstance(id, str) else None
    if found is None:
        msg = f"catalogue has no standard {id!r}; known: {', '.join(ids())}"
        raise UnknownReferenceError(msg)
    return found
