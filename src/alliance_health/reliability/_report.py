"""Reliability of a profile's multiply coded observations: alpha per indicator and overall."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs
import numpy as np

from alliance_health import Interval, Profile, Range, _display
from alliance_health._errors import ValidationError
from alliance_health.reliability._alpha import Alpha, krippendorff_alpha
from alliance_health.reliability._bootstrap import check_options, to_generator
from alliance_health.reliability._codings import (
    Coding,
    Disagreement,
    as_coding,
    check_unique,
    choose_metrics,
    definitions,
    disagreements_of,
    table_of,
)
from alliance_health.reliability._table import Array

__all__ = ["Disagreement", "ReliabilityReport", "reliability", "reliability_from_codings"]


@attrs.frozen(kw_only=True)
class ReliabilityReport:
    """Alpha per indicator and overall, and the units where the coders disagree most.

    Attributes
    ----------
    alphas : Mapping[str, Alpha]
        Indicator id to its alpha, in the order the indicators first appear.
    overall : float
        Mean of the indicators' alphas weighted by their pairable values: one minus the
        weighted mean of the ratios of observed to expected disagreement, each under its own
        indicator's metric and scale.
    overall_interval : Interval or None
        Bootstrap interval of ``overall`` (the same weights, each indicator resampled).
    skipped : Mapping[str, str]
        Indicators without an alpha, and why (no unit coded twice, a single value observed).
    disagreements : tuple of Disagreement
        Units coded differently, largest relative spread first.
    coders : tuple of str
        Every coder, sorted.
    n_codings : int
        Number of codings read.

    Examples
    --------
    >>> rows = [("x", None, y, c, v) for y, c, v in [(1, "a", 1), (1, "b", 1), (2, "a", 3)]]
    >>> rows.append(("x", None, 2, "b", 4))
    >>> reliability_from_codings(rows).alphas["x"].metric
    'interval'
    """

    alphas: Mapping[str, Alpha]
    overall: float
    overall_interval: Interval | None
    skipped: Mapping[str, str]
    disagreements: tuple[Disagreement, ...]
    coders: tuple[str, ...]
    n_codings: int
    overall_draws: Array = attrs.field(factory=lambda: np.empty(0), eq=False, repr=False)

    def _rows(self) -> list[tuple[str, str, float, float, float, int, int]]:
        nan = math.nan
        rows = []
        for ind, a in self.alphas.items():
            low, high = (nan, nan) if a.interval is None else (a.interval.low, a.interval.high)
            rows.append((ind, a.metric, a.value, float(low), float(high), a.n_units, a.n_values))
        iv = self.overall_interval
        low, high = (nan, nan) if iv is None else (float(iv.low), float(iv.high))
        n_units = sum(a.n_units for a in self.alphas.values())
        n_values = sum(a.n_values for a in self.alphas.values())
        rows.append(("(overall)", "mixed", self.overall, low, high, n_units, n_values))
        return rows

    def _level(self) -> str:
        iv = self.overall_interval
        return "" if iv is None else f"{iv.confidence_level:.0%} "

    def __repr__(self) -> str:
        lvl = self._level()
        coders = ", ".join(self.coders)
        head = (
            f"Inter-coder reliability: {len(self.coders)} coders ({coders}), {self.n_codings}"
            f" codings, {len(self.alphas)} indicators"
        )
        lines = [head]
        lines.append(
            f"{'indicator':<28} {'metric':<9} {'alpha':>6} {lvl + 'low':>8} {lvl + 'high':>9}"
            f" {'units':>6}"
        )
        lines += [
            f"{ind:<28} {metric:<9} {value:6.3f} {low:8.3f} {high:9.3f} {units:6d}"
            for ind, metric, value, low, high, units, _ in self._rows()
        ]
        lines += [f"skipped {ind}: {why}" for ind, why in self.skipped.items()]
        if self.disagreements:
            lines.append("largest disagreements:")
            for d in self.disagreements[:5]:
                who = f"{d.member}, {d.year}" if d.member else str(d.year)
                codes = ", ".join(f"{c} {v:g}" for c, v in d.codes)
                lines.append(f"  {d.indicator}[{who}]: {codes} (spread {d.spread:g})")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        lvl = self._level()
        head = ["indicator", "metric", "alpha", f"{lvl}low", f"{lvl}high", "units", "values"]
        return _display.html_table("Inter-coder reliability", head, self._rows())

    def to_frame(self) -> Any:  # noqa: ANN401  (pandas is optional, so no annotation)
        """One row per indicator and a last ``(overall)`` row (requires pandas).

        Columns ``metric``, ``alpha``, ``low``, ``high`` (NaN without a bootstrap), ``units`` and
        ``values`` (pairable); index ``indicator``.

        Examples
        --------
        >>> rows = [("x", None, 1, "a", 1), ("x", None, 1, "b", 2), ("x", None, 2, "a", 3)]
        >>> rows.append(("x", None, 2, "b", 3))
        >>> reliability_from_codings(rows).to_frame().index.tolist()
        ['x', '(overall)']
        """
        pd = _display.pandas()
        columns = ["indicator", "metric", "alpha", "low", "high", "units", "values"]
        return pd.DataFrame(self._rows(), columns=columns).set_index("indicator")

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready dict of plain numbers, strings, lists and dicts.

        Examples
        --------
        >>> rows = [("x", None, 1, "a", 1), ("x", None, 1, "b", 2), ("x", None, 2, "a", 3)]
        >>> rows.append(("x", None, 2, "b", 3))
        >>> sorted(reliability_from_codings(rows).to_dict())
        ['coders', 'disagreements', 'indicators', 'n_codings', 'overall', 'skipped']
        """

        def interval(iv: Interval | None) -> dict[str, float] | None:
            if iv is None:
                return None
            return {"low": float(iv.low), "high": float(iv.high), "level": iv.confidence_level}

        return {
            "overall": {"alpha": self.overall, "interval": interval(self.overall_interval)},
            "indicators": {
                ind: {
                    "alpha": a.value,
                    "metric": a.metric,
                    "units": a.n_units,
                    "values": a.n_values,
                    "coders": a.n_coders,
                    "interval": interval(a.interval),
                }
                for ind, a in self.alphas.items()
            },
            "skipped": dict(self.skipped),
            "disagreements": [
                {**attrs.asdict(d, recurse=False), "codes": dict(d.codes)}
                for d in self.disagreements
            ],
            "coders": list(self.coders),
            "n_codings": self.n_codings,
        }


def reliability_from_codings(
    codings: Iterable[Coding | tuple[str, str | None, int, str, float]],
    *,
    indicators: Iterable[Any] = (),
    metric: str | Mapping[str, str] | None = None,
    bootstrap: int = 0,
    method: str = "units",
    confidence_level: float = 0.95,
    rng: int | np.random.Generator | None = None,
) -> ReliabilityReport:
    """Krippendorff's alpha per indicator, and overall, from independent codings of the same units.

    A unit is one (indicator, member, year); each coder gives it at most one value. Alpha is
    computed per indicator with :func:`krippendorff_alpha`, under the ``"ordinal"`` metric for an
    ordinal expert-coding scale (an indicator whose unit starts with ``"ordinal"``) and the
    ``"interval"`` metric otherwise. The overall alpha is the mean of the indicators' alphas
    weighted by their pairable values; an indicator whose alpha is undefined is skipped and named.

    Parameters
    ----------
    codings : iterable of Coding or tuple
        :class:`Coding` objects, or ``(indicator, member, year, coder, value)`` tuples.
    indicators : iterable of Indicator or catalogue Standard, optional
        Definitions (unit and scale) of the indicators coded; the catalogue's standard
        definitions are known already. An unknown indicator is treated as interval, its spread
        ranked against the range of its codes.
    metric : str or Mapping[str, str], optional
        One metric for every indicator, or indicator id to metric, overriding the default.
    bootstrap, method, confidence_level, rng
        As in :func:`krippendorff_alpha`; one generator serves every indicator in turn.

    Returns
    -------
    ReliabilityReport

    Raises
    ------
    ValidationError
        A malformed coding, an unknown metric, or no indicator with an alpha.
    DuplicateError
        Two values from one coder for one unit.

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
    Communication, University of Pennsylvania, Departmental Papers 43.

    Examples
    --------
    >>> rows = [
    ...     ("joint-operations", None, 2001, "kim", 2),
    ...     ("joint-operations", None, 2001, "lee", 2),
    ...     ("joint-operations", None, 2002, "kim", 3),
    ...     ("joint-operations", None, 2002, "lee", 1),
    ...     ("joint-operations", None, 2003, "kim", 0),
    ...     ("joint-operations", None, 2003, "lee", 0),
    ... ]
    >>> report = reliability_from_codings(rows)
    >>> a = report.alphas["joint-operations"]
    >>> a.metric, round(a.value, 3), report.disagreements[0].year
    ('ordinal', 0.545, 2002)
    """
    rows = [as_coding(row) for row in codings]
    check_unique(rows)
    defs = definitions(indicators)
    ids = list(dict.fromkeys(c.indicator for c in rows))
    metrics = choose_metrics(ids, defs, metric)
    check_options(bootstrap, method, confidence_level)  # before any maths
    gen = to_generator(rng)
    alphas: dict[str, Alpha] = {}
    skipped: dict[str, str] = {}
    disagreements: list[Disagreement] = []
    for ind in ids:
        mine = [c for c in rows if c.indicator == ind]
        codes, units, coders = table_of(mine)
        scale = getattr(defs.get(ind), "scale", None)
        disagreements += disagreements_of(ind, codes, units, coders, scale)
        try:
            alphas[ind] = krippendorff_alpha(
                codes,
                metric=metrics[ind],
                bootstrap=bootstrap,
                method=method,
                confidence_level=confidence_level,
                rng=gen,
            )
        except ValidationError as err:  # the options are valid: the data leave alpha undefined
            skipped[ind] = str(err)
    if not alphas:
        msg = "no indicator has an alpha: " + "; ".join(f"{k}: {v}" for k, v in skipped.items())
        raise ValidationError(msg)
    overall, draws = _overall(list(alphas.values()))
    interval = None
    if draws.size:
        level = float(confidence_level)
        low, high = np.nanquantile(draws, [(1.0 - level) / 2.0, (1.0 + level) / 2.0])
        interval = Interval(low=float(low), high=float(high), confidence_level=level)
    disagreements.sort(key=lambda d: (-d.relative_spread, d.indicator, d.member or "", d.year))
    return ReliabilityReport(
        alphas=MappingProxyType(alphas),
        overall=overall,
        overall_interval=interval,
        skipped=MappingProxyType(skipped),
        disagreements=tuple(disagreements),
        coders=tuple(sorted({c.coder for c in rows})),
        n_codings=len(rows),
        overall_draws=draws,
    )


def _overall(alphas: list[Alpha]) -> tuple[float, Array]:
    """Pairable-value-weighted mean of the alphas, and of their bootstrap draws."""
    weights = np.array([a.n_values for a in alphas], dtype=np.float64)
    value = float(weights @ np.array([a.value for a in alphas]) / weights.sum())
    if alphas[0].draws.size == 0:
        return value, np.empty(0)
    draws = np.vstack([a.draws for a in alphas])  # (indicators, resamples)
    finite = np.isfinite(draws)
    w = weights[:, None] * finite
    with np.errstate(invalid="ignore"):
        combined: Array = (w * np.where(finite, draws, 0.0)).sum(axis=0) / w.sum(axis=0)
    return value, combined


def reliability(
    profile: Profile,
    *,
    metric: str | Mapping[str, str] | None = None,
    bootstrap: int = 0,
    method: str = "units",
    confidence_level: float = 0.95,
    rng: int | np.random.Generator | None = None,
) -> ReliabilityReport:
    """Inter-coder reliability of a profile's multiply coded observations.

    Reads every observation that names its coder (``Observation.coder``) and passes them, with
    the profile's indicators, to :func:`reliability_from_codings`.

    Parameters
    ----------
    profile : Profile
        A profile whose expert codings were made independently by two or more coders.
    metric, bootstrap, method, confidence_level, rng
        As in :func:`reliability_from_codings`.

    Returns
    -------
    ReliabilityReport

    Raises
    ------
    ValidationError
        When no observation names a coder.

    References
    ----------
    Krippendorff, K. (2004). *Content Analysis: An Introduction to Its Methodology*, 2nd ed. Sage.

    Examples
    --------
    The illustrative profile has one value per unit, from no named coder:

    >>> import alliance_health as ah
    >>> reliability(ah.testing.minimal_profile())
    Traceback (most recent call last):
    ...
    alliance_health.ValidationError: reliability needs observations that name their coder
    (Observation.coder); profile 'minimal' has none; collect codings with coding_sheet and
    read_sheets, then call reliability_from_codings
    """
    codings = [
        Coding(
            indicator=o.indicator,
            member=o.member,
            year=o.year,
            coder=coder,
            value=o.value,
            lo=o.uncertainty.lo if isinstance(o.uncertainty, Range) else None,
            hi=o.uncertainty.hi if isinstance(o.uncertainty, Range) else None,
            note=o.note,
        )
        for o in profile.observations
        if (coder := getattr(o, "coder", None)) is not None  # the field comes with issue 16
    ]
    if not codings:
        msg = (
            "reliability needs observations that name their coder (Observation.coder); profile"
            f" {profile.id!r} has none; collect codings with coding_sheet and read_sheets, then"
            " call reliability_from_codings"
        )
        raise ValidationError(msg)
    return reliability_from_codings(
        codings,
        indicators=profile.indicators,
        metric=metric,
        bootstrap=bootstrap,
        method=method,
        confidence_level=confidence_level,
        rng=rng,
    )
