"""The aggregation model: how indicator scores become pillar scores and one health score."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health._domain.pillar import PILLARS, Pillar, to_pillar
from alliance_health._errors import ValidationError

__all__ = ["MEMBER_RULES", "THREAT_RULES", "Model"]

MEMBER_RULES: Final = ("min", "mean", "max")
THREAT_RULES: Final = ("max", "mean", "min")
_DEFAULT_MEMBER_RULE: Final = {
    Pillar.SHARED_THREAT: "min",
    Pillar.MUTUAL_OBLIGATION: "mean",
    Pillar.CONSULTATION: "mean",
}


def _to_weights(value: Any) -> tuple[float, float, float]:  # noqa: ANN401  (a converter)
    if isinstance(value, Mapping):
        given = {to_pillar(k): v for k, v in value.items()}
        raw = [given.get(p, 1.0) for p in PILLARS]
    else:
        try:
            raw = list(value)
        except TypeError:
            raw = []
        if len(raw) != len(PILLARS):
            msg = (
                "Model.weights must be a mapping {pillar: weight} or three numbers in the order"
                f" shared_threat, mutual_obligation, consultation; got {value!r}"
            )
            raise ValidationError(msg)
    try:
        w = tuple(float(x) for x in raw)
    except (TypeError, ValueError):
        msg = f"Model.weights must be numbers; got {value!r}"
        raise ValidationError(msg) from None
    return (w[0], w[1], w[2])


def _weights(_instance: Model, attribute: attrs.Attribute[Any], value: tuple[float, ...]) -> None:
    if not all(math.isfinite(w) and w >= 0 for w in value):
        msg = f"Model.{attribute.name} must be finite and >= 0; got {value!r}"
        raise ValidationError(msg)
    if sum(value) <= 0:
        msg = f"Model.{attribute.name} must not all be zero; got {value!r}"
        raise ValidationError(msg)


def _to_member_rule(value: Any) -> tuple[str, str, str]:  # noqa: ANN401  (a converter)
    if isinstance(value, str):
        rules = dict.fromkeys(PILLARS, value)
    elif isinstance(value, Mapping):
        rules = dict(_DEFAULT_MEMBER_RULE) | {to_pillar(k): v for k, v in value.items()}
    elif isinstance(value, tuple | list) and len(value) == len(PILLARS):
        rules = dict(zip(PILLARS, value, strict=True))
    else:
        msg = f"Model.member_rule must be a rule name or a mapping {{pillar: rule}}; got {value!r}"
        raise ValidationError(msg)
    for pillar, rule in rules.items():
        if rule not in MEMBER_RULES:
            msg = (
                f"Model.member_rule for {pillar.value} must be one of {MEMBER_RULES}; got {rule!r}"
            )
            raise ValidationError(msg)
    return (rules[PILLARS[0]], rules[PILLARS[1]], rules[PILLARS[2]])


def _to_p(value: Any) -> float:  # noqa: ANN401  (a converter)
    try:
        p = float(value)
    except (TypeError, ValueError):
        p = math.nan
    if math.isnan(p):
        msg = f"Model.p must be a real number or -inf; got {value!r}"
        raise ValidationError(msg)
    return p


def _share(_instance: Model, attribute: attrs.Attribute[Any], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        msg = f"Model.{attribute.name} must be a number in [0, 1], e.g. 0.5; got {value!r}"
        raise ValidationError(msg)


def _to_share(value: Any) -> float:  # noqa: ANN401  (a converter)
    if isinstance(value, bool):
        value = math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        msg = f"Model.coverage_threshold must be a number in [0, 1], e.g. 0.5; got {value!r}"
        raise ValidationError(msg) from None


def _threat_rule(_instance: Model, attribute: attrs.Attribute[Any], value: str) -> None:
    if value not in THREAT_RULES:
        msg = f"Model.{attribute.name} must be one of {THREAT_RULES}; got {value!r}"
        raise ValidationError(msg)


@attrs.frozen(kw_only=True)
class Model:
    """How indicator scores are aggregated; every choice is a switch an analyst can turn.

    Parameters
    ----------
    weights : mapping or sequence of float, optional
        Pillar weights (>= 0, not all zero), as ``{pillar: weight}`` (missing pillars weigh 1) or
        three numbers in :class:`Pillar` order. Default equal weights: the essay gives no ranking of
        the three ingredients.
    p : float, optional
        Exponent of the weighted power mean across pillars, ``M_p = (sum w x^p / sum w)^(1/p)``.
        Default 0, the geometric mean. ``p = 1`` is the arithmetic mean (full compensation: a strong
        treaty can make up for a vanished threat), ``p = -inf`` the weakest link. With ``p <= 0``
        any pillar at zero gives health zero, encoding the essay's claim that alliances cannot
        survive "the absence of a threat" (OECD/JRC Handbook 2008, section 1.6 on compensability).
    member_rule : str or mapping, optional
        How member-level values combine: ``"min"``, ``"mean"`` or ``"max"``, one rule for all
        pillars, ``{pillar: rule}`` or three rules in :class:`Pillar` order. Default ``"min"`` for
        shared threat (what the members hold in common is what the least-convinced member
        recognises) and ``"mean"`` for the others.
    threat_rule : str, optional
        How threats combine in the shared-threat pillar: ``"max"`` (default; the best-shared threat
        carries the pillar, so "a redefinition of the common threat" keeps the alliance alive),
        ``"mean"`` or ``"min"``.
    coverage_threshold : float, optional
        Share of a pillar's declared indicator weight that must be observed in a year before a
        :class:`CoverageWarning` is issued (default 0.5: a pillar resting on less than half of
        what the profile declares for it is flagged). It changes no number: the as-coded score
        re-weights the observed indicators and the Monte Carlo draws the missing ones either
        way. ``0`` silences the warning; ``1`` flags every gap.

    Examples
    --------
    >>> Model().member_rule
    ('min', 'mean', 'mean')
    >>> Model(weights={"shared_threat": 2}).weights
    (2.0, 1.0, 1.0)
    >>> Model(p=float("-inf")).p
    -inf
    """

    weights: tuple[float, float, float] = attrs.field(
        default=(1.0, 1.0, 1.0), converter=_to_weights, validator=_weights
    )
    p: float = attrs.field(default=0.0, converter=_to_p)
    member_rule: tuple[str, str, str] = attrs.field(
        default=("min", "mean", "mean"), converter=_to_member_rule
    )
    threat_rule: str = attrs.field(default="max", validator=_threat_rule)
    coverage_threshold: float = attrs.field(default=0.5, converter=_to_share, validator=_share)

    @property
    def weight_array(self) -> npt.NDArray[np.float64]:
        """The pillar weights as an array in :class:`Pillar` order."""
        return np.asarray(self.weights, dtype=np.float64)

    def rule_for(self, pillar: Pillar) -> str:
        """The member rule of ``pillar``."""
        return self.member_rule[PILLARS.index(pillar)]
