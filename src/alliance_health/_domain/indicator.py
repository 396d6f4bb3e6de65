"""Indicators: what is measured, on which scale, in which pillar."""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._domain import standard as _standard
from alliance_health._domain.pillar import Pillar, to_pillar
from alliance_health._errors import ValidationError

__all__ = ["Indicator", "from_unit", "to_unit"]


def to_unit(
    values: npt.ArrayLike, lo: npt.ArrayLike, hi: npt.ArrayLike, flip: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """Map values on the scale ``[lo, hi]`` onto [0, 1]; ``1 - x`` where ``flip`` is true.

    ``x = (v - lo) / (hi - lo)`` (OECD/JRC Handbook 2008, section 1.5, min-max normalisation on
    declared bounds). ``lo``, ``hi`` and ``flip`` broadcast against ``values``: one scale, or one
    per column. :func:`from_unit` is its inverse.

    Examples
    --------
    >>> to_unit([0, 25, 50], 0, 50, False).tolist()
    [0.0, 0.5, 1.0]
    >>> to_unit([0, 25, 50], 0, 50, True).tolist()
    [1.0, 0.5, 0.0]
    """
    low, high = np.asarray(lo, dtype=np.float64), np.asarray(hi, dtype=np.float64)
    x = (np.asarray(values, dtype=np.float64) - low) / (high - low)
    out: npt.NDArray[np.float64] = np.where(flip, 1.0 - x, x)
    return out


def from_unit(
    x: npt.ArrayLike, lo: npt.ArrayLike, hi: npt.ArrayLike, flip: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """Map normalised values on [0, 1] back onto the scale ``[lo, hi]``; inverse of :func:`to_unit`.

    Examples
    --------
    >>> from_unit([1.0, 0.5, 0.0], 0, 50, True).tolist()
    [0.0, 25.0, 50.0]
    """
    u = np.asarray(x, dtype=np.float64)
    low, high = np.asarray(lo, dtype=np.float64), np.asarray(hi, dtype=np.float64)
    out: npt.NDArray[np.float64] = low + np.where(flip, 1.0 - u, u) * (high - low)
    return out


def _to_scale(value: Any) -> tuple[float, float]:  # noqa: ANN401  (a converter takes anything)
    return _validate.to_pair(value, "Indicator.scale")


def _scale(
    instance: Indicator, _attribute: attrs.Attribute[Any], value: tuple[float, float]
) -> None:
    _validate.check_scale(value, f"Indicator.scale of {instance.id!r}")


@attrs.frozen(kw_only=True)
class Indicator:
    """One measured quantity, with its scale and the pillar it speaks to.

    Parameters
    ----------
    id : str
        Identifier that observations refer to.
    pillar : Pillar or str
        The pillar the indicator measures.
    label : str
        Short human-readable name.
    scale : tuple of float
        ``(lo, hi)``: the theoretical range of the indicator in its own units. Scores are normalised
        on this declared scale, not on the range of the data, so that no alliance is given an
        artificial zero or one (OECD/JRC Handbook 2008, step 5, "min-max" on fixed bounds).
    unit : str, optional
        Unit of the values, e.g. ``"%"`` or ``"thousand troops"``.
    higher_is_better : bool, optional
        False flips the normalised value, so that 1 always means a healthier alliance.
    threat : str or None
        The threat a shared-threat indicator measures (required for that pillar, forbidden for the
        others). Threats are aggregated by :attr:`Model.threat_rule`.
    horizon : int or None, optional
        Years an observation stays valid: one from year ``y`` serves ``y`` to ``y + horizon``.
        ``None`` keeps it valid until superseded (a treaty clause, say).
    weight : float, optional
        Relative weight within its pillar (or threat), > 0. Default 1.
    description : str, optional
        What the indicator means and how to code it.
    standard : str or None, optional
        Id of the :mod:`~alliance_health.catalogue` definition the indicator follows, or ``None``
        for an alliance-specific indicator.
    question : str or None, optional
        The survey question the indicator counts: its wording and the answers counted (e.g.
        ``"Is North Korea's nuclear programme a critical threat? (critical)"``). One question,
        one indicator: every observation that states a question must state this one, and a
        survey item worded differently is a separate indicator. When the ``standard`` defines a
        question, the indicator asks that question.

    Examples
    --------
    >>> ind = Indicator(id="troops", pillar="mutual_obligation", label="U.S. troops", scale=(0, 50))
    >>> ind.normalise([0, 25, 50]).tolist()
    [0.0, 0.5, 1.0]
    """

    id: str = attrs.field(validator=_validate.identifier)
    pillar: Pillar = attrs.field(converter=to_pillar)
    label: str = attrs.field(validator=_validate.non_empty)
    scale: tuple[float, float] = attrs.field(converter=_to_scale, validator=_scale)
    unit: str = ""
    higher_is_better: bool = attrs.field(default=True, validator=_validate.boolean)
    threat: str | None = attrs.field(default=None)
    horizon: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.at_least(0))
    )
    weight: float = attrs.field(default=1.0, converter=float, validator=_validate.positive)
    description: str = ""
    standard: str | None = attrs.field(default=None)
    question: str | None = attrs.field(default=None)

    @threat.validator
    def _threat(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if self.pillar is Pillar.SHARED_THREAT:
            if value is None:
                msg = (
                    f"Indicator.threat is required for shared-threat indicator {self.id!r}:"
                    " name the threat it measures, e.g. threat='north-korea-nuclear'"
                )
                raise ValidationError(msg)
            _validate.identifier(self, attribute, value)
        elif value is not None:
            msg = (
                f"Indicator.threat must be None for {self.pillar.value} indicator {self.id!r};"
                f" got {value!r} (only shared-threat indicators name a threat)"
            )
            raise ValidationError(msg)

    @standard.validator
    def _follows_standard(self, _attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is None:
            return
        std = _standard.get(value)
        mine = (self.pillar, self.scale, self.unit, self.higher_is_better)
        theirs = (std.pillar, std.scale, std.unit, std.higher_is_better)
        if mine != theirs:
            msg = (
                f"Indicator {self.id!r} says it follows standard {value!r}, but its (pillar, scale,"
                f" unit, higher_is_better) {mine} differ from the catalogue's {theirs}; use"
                f" catalogue.get({value!r}).indicator(...) or set standard=None"
            )
            raise ValidationError(msg)
        if std.question is not None and not _standard.same_question(self.question, std.question):
            msg = (
                f"Indicator {self.id!r} says it follows standard {value!r}, which asks"
                f" {std.question!r}, but its question is {self.question!r}: one question, one"
                " indicator; use the standard's question or set standard=None"
            )
            raise ValidationError(msg)

    @question.validator
    def _question(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None:
            _validate.non_empty(self, attribute, value)

    def in_scale(self, value: float) -> bool:
        """Return whether ``value`` lies on the indicator's scale (bounds included)."""
        lo, hi = self.scale
        return lo <= value <= hi

    def normalise(self, values: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Map values in the indicator's units onto [0, 1], 1 being healthier.

        ``x = (v - lo) / (hi - lo)``, flipped to ``1 - x`` when ``higher_is_better`` is false
        (OECD/JRC Handbook 2008, section 1.5, min-max normalisation).
        """
        lo, hi = self.scale
        return to_unit(values, lo, hi, not self.higher_is_better)
