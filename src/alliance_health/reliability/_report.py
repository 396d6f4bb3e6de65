"""Reliability of a profile's multiply coded observations: alpha per indicator and overall."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs
import numpy as np

from alliance_health import Column, Interval, Profile, Range, Table
from alliance_health._errors import ValidationError
from alliance_health._present.result import Tabular
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


@attrs.frozen(kw_only=True, repr=False)
class ReliabilityReport(Tabular):
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

    Notes
    -----
    Its tables (:meth:`tables`) are ``alphas``, one row per indicator and a last ``(overall)``
    row, and ``disagreements``, one row per unit coded differently; the columns are listed on
    the Tables page (:doc:`/tables`).

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

    def tables(self) -> tuple[Table, Table]:
        """``alphas`` (one row per indicator and an ``(overall)`` row) and ``disagreements``.

        Examples
        --------
        >>> rows = [("x", None, 1, "a", 1), ("x", None, 1, "b", 2), ("x", None, 2, "a", 3)]
        >>> rows.append(("x", None, 2, "b", 3))
        >>> [t.name for t in reliability_from_codings(rows).tables()]
        ['alphas', 'disagreements']
        """
        return (self.table(), self._disagreement_table())

    def table(self) -> Table:
        """Alpha per indicator and overall, with the bootstrap interval when there is one."""
        rows: list[tuple[object, ...]] = [
            (ind, a.metric, *_alpha_cells(a.value, a.interval), a.n_coders, a.n_units, a.n_values)
            for ind, a in self.alphas.items()
        ]
        rows.append(
            (
                _OVERALL,
                "mixed",
                *_alpha_cells(self.overall, self.overall_interval),
                len(self.coders),
                sum(a.n_units for a in self.alphas.values()),
                sum(a.n_values for a in self.alphas.values()),
            )
        )
        notes = [f"skipped {ind}: {why}" for ind, why in self.skipped.items()]
        notes.append(
            "Krippendorff (2004): rely on alpha >= 0.800; draw tentative conclusions from"
            " 0.667 <= alpha < 0.800"
        )
        return Table(
            caption=(
                f"Inter-coder reliability: {len(self.coders)} coders ({', '.join(self.coders)}),"
                f" {self.n_codings} codings, {len(self.alphas)} indicator"
                f"{'' if len(self.alphas) == 1 else 's'}"
            ),
            columns=_ALPHA_COLUMNS,
            rows=rows,
            notes=notes,
            index=["indicator"],
            name="alphas",
        )

    def _disagreement_table(self) -> Table:
        return Table.from_records(
            self.disagreements,
            {
                "indicator": lambda d: d.indicator,
                "member": lambda d: d.member,
                "year": lambda d: d.year,
                "coders": lambda d: len(d.codes),
                Column("codes", width=60): lambda d: ", ".join(f"{c} {v:g}" for c, v in d.codes),
                Column("spread", format="g"): lambda d: d.spread,
                "relative_spread": lambda d: d.relative_spread,
            },
            caption="Units coded differently, largest relative spread first",
            notes=[] if self.disagreements else ["every unit was coded alike by its coders"],
            name="disagreements",
        )


_OVERALL: Final = "(overall)"
_ALPHA_COLUMNS: Final = (
    "indicator",
    "metric",
    "alpha",
    "low",
    "high",
    "confidence_level",
    "coders",
    "units",
    "values",
)


def _alpha_cells(
    value: float, iv: Interval | None
) -> tuple[float, float | None, float | None, float | None]:
    """Alpha and its interval's low, high and confidence level (blank without a bootstrap)."""
    if iv is None:
        return (value, None, None, None)
    return (value, float(iv.low), float(iv.high), iv.confidence_level)


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
        if (coder := o.coder) is not None
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
