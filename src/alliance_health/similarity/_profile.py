"""From similarity values to a profile: a shared-threat indicator and its observations."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from alliance_health import _validate
from alliance_health._domain.indicator import Indicator
from alliance_health._domain.observation import Exact, Observation
from alliance_health._domain.pillar import Pillar
from alliance_health._domain.source import Source
from alliance_health._errors import ScaleError, ValidationError
from alliance_health.similarity._inputs import LABELS, MEASURES, SCALES

__all__ = ["indicator", "to_observations"]


def indicator(
    *,
    id: str,  # noqa: A002  (mirrors Indicator.id)
    threat: str,
    measure: str = "s",
    label: str | None = None,
    horizon: int | None = 1,
    weight: float = 1.0,
    description: str | None = None,
) -> Indicator:
    """A shared-threat indicator for a similarity measure, on the measure's scale.

    Similar portfolios reveal **shared interest**, a proxy for the "shared recognition of common
    threats" of Sherwood-Randall's first pillar, not a record of it. The indicator names the
    threat it stands in for (required for the pillar), declares the measure's scale from
    :data:`SCALES`, and says in its description what it does and does not show. Give it a lower
    ``weight`` than direct measures of threat recognition when both are present.

    Parameters
    ----------
    id : str
        The indicator id.
    threat : str
        The threat whose shared perception the similarity stands in for, e.g. ``"soviet-union"``.
    measure : str, optional
        One of :data:`MEASURES`. Default ``"s"``.
    label : str, optional
        Display label; default names the measure.
    horizon : int or None, optional
        Years an observation stays valid. Default 1: portfolios are yearly.
    weight : float, optional
        Weight within its threat. Default 1.
    description : str, optional
        Replaces the default description.

    Examples
    --------
    >>> ind = indicator(id="un-votes-s", threat="soviet-union")
    >>> ind.pillar.value, ind.scale
    ('shared_threat', (-1.0, 1.0))
    """
    _validate.check_choice(measure, "measure", MEASURES)
    name = LABELS[measure]
    text = description or (
        f"{name} of the members' foreign-policy portfolios (alliance ties or votes): how alike"
        " their revealed interests are. A proxy for shared threat perception, not a measure of"
        " threat recognition itself; members can align for other reasons and can share a threat"
        " while their portfolios differ."
    )
    return Indicator(
        id=id,
        pillar=Pillar.SHARED_THREAT,
        label=label or f"Similar interests ({name})",
        scale=SCALES[measure],
        unit=measure,
        threat=threat,
        horizon=horizon,
        weight=weight,
        description=text,
    )


def to_observations(
    values: npt.ArrayLike,
    *,
    indicator: Indicator,
    years: Sequence[int],
    source: str | Source,
    members: Sequence[str] | None = None,
    note: str = "",
) -> tuple[Observation, ...]:
    """Turn similarity values into observations of ``indicator`` (``NaN`` values are skipped).

    Parameters
    ----------
    values : array_like
        Shape (n_years,) for alliance-level observations, or (n_years, n_members) with
        ``members`` for per-member ones (e.g. :meth:`Pairwise.member_mean`).
    indicator : Indicator
        The indicator observed, e.g. from :func:`indicator`. Every value must lie on its scale.
    years : sequence of int
        The year of each row.
    source : str or Source
        The source (or its key) the portfolios come from, e.g. an ATOP or UN-votes dataset.
    members : sequence of str, optional
        ISO alpha-3 codes of the columns.
    note : str, optional
        Added to each observation; by default the note states the measure and that it is a
        proxy for shared interest.

    Raises
    ------
    ScaleError
        A value lies off the indicator's scale (e.g. a kappa below -1 on a (-1, 1) indicator).
    ValidationError
        Shapes and labels do not match.

    Examples
    --------
    >>> ind = indicator(id="votes-s", threat="rival")
    >>> obs = to_observations([0.5, float("nan")], indicator=ind, years=[2000, 2001], source="un")
    >>> [(o.year, o.value, o.member) for o in obs]
    [(2000, 0.5, None)]
    """
    v = np.asarray(values, dtype=np.float64)
    year_list = [int(y) for y in years]
    key = source.key if isinstance(source, Source) else source
    text = note or (
        f"{indicator.label}: similarity of the members' portfolios, a proxy for shared interest"
    )
    if members is None:
        if v.shape != (len(year_list),):
            msg = (
                f"values must have shape (n_years,) = ({len(year_list)},) for alliance-level"
                f" observations (or pass members=); got shape {v.shape}"
            )
            raise ValidationError(msg)
        v = v[:, None]
        codes: tuple[str | None, ...] = (None,)
    else:
        codes = tuple(members)
        if v.shape != (len(year_list), len(codes)):
            msg = (
                f"values must have shape (n_years, n_members) = ({len(year_list)}, {len(codes)});"
                f" got shape {v.shape}"
            )
            raise ValidationError(msg)
    lo, hi = indicator.scale
    # Rounding can put a bound a few ulps outside its scale (pi = -1.0000000000000009).
    tol = 1e-9 * (hi - lo)
    v = np.where((v >= lo - tol) & (v < lo), lo, np.where((v <= hi + tol) & (v > hi), hi, v))
    out = []
    for r, c in zip(*np.nonzero(np.isfinite(v)), strict=True):
        value = float(v[r, c])
        if not indicator.in_scale(value):
            msg = (
                f"value {value} for {codes[c] or 'the alliance'} in {year_list[r]} lies off the"
                f" scale {indicator.scale} of indicator {indicator.id!r}; widen the scale or"
                " leave the value out"
            )
            raise ScaleError(msg)
        out.append(
            Observation(
                indicator=indicator.id,
                year=year_list[r],
                value=value,
                member=codes[c],
                source=key,
                uncertainty=Exact(),
                note=text,
            )
        )
    return tuple(out)
