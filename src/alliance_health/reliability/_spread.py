"""How far the coders' disagreement moves the scores: the profile scored once per coder."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

import alliance_health as ah
from alliance_health import Model, Observation, Pillar, Profile, Range, Table
from alliance_health._errors import InsufficientDataError, ValidationError
from alliance_health._present.result import Tabular
from alliance_health.reliability._codings import as_profile
from alliance_health.reliability._table import Array

__all__ = ["CoderSpread", "coder_spread"]

IntArray = npt.NDArray[np.int64]
_PILLARS: Final = tuple(Pillar)
_READING: Final = (
    "each coder's row scores the profile with that coder's codings of the units they coded and"
    " the median of the codings of the multiply coded units they did not code"
)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class CoderSpread(Tabular):
    """Health and pillars scored once per coder, and their range across coders, year by year.

    Attributes
    ----------
    profile_id, name : str
        The profile.
    years : numpy.ndarray of int, shape (Y,)
        The years scored.
    coders : tuple of str, length C
        The coders of the multiply coded units, sorted.
    health : numpy.ndarray, shape (C, Y)
        Health with each coder's codings.
    pillars : numpy.ndarray, shape (C, Y, 3)
        Pillar scores with each coder's codings, in :class:`~alliance_health.Pillar` order.
    units : numpy.ndarray of int, shape (C, Y)
        How many of the multiply coded units observed in each year each coder coded.
    n_units : numpy.ndarray of int, shape (Y,)
        How many multiply coded units are observed in each year.
    model : Model
        The aggregation model.

    Notes
    -----
    Its tables (:meth:`tables`) are ``spread``, one row per year with the range (max - min)
    across coders of health and of each pillar, and ``coders``, one row per year and coder; the
    columns are listed on the Tables page (:doc:`/tables`).

    Examples
    --------
    >>> import alliance_health as ah
    >>> from alliance_health.reliability import Coding, coder_spread, merge_codings
    >>> codings = [
    ...     Coding(indicator="meetings", member=None, year=2007, coder=coder, value=value,
    ...            lo=0, hi=4, note="SYNTHETIC coding")
    ...     for coder, value in [("kim", 1), ("lee", 3)]
    ... ]  # fmt: skip
    >>> spread = coder_spread(merge_codings(ah.testing.minimal_profile(), codings))
    >>> spread.coders, spread.health_range.round(3).tolist()
    (('kim', 'lee'), [0.176])
    """

    profile_id: str
    name: str
    years: IntArray
    coders: tuple[str, ...]
    health: Array
    pillars: Array
    units: IntArray
    n_units: IntArray
    model: Model

    @property
    def health_range(self) -> Array:
        """Largest minus smallest health across coders, each year, shape (Y,)."""
        out: Array = self.health.max(axis=0) - self.health.min(axis=0)
        return out

    @property
    def pillar_range(self) -> Array:
        """Largest minus smallest pillar score across coders, each year, shape (Y, 3)."""
        out: Array = self.pillars.max(axis=0) - self.pillars.min(axis=0)
        return out

    def tables(self) -> tuple[Table, Table]:
        """``spread`` (one row per year) and ``coders`` (one row per year and coder).

        Examples
        --------
        >>> import alliance_health as ah
        >>> from alliance_health.reliability import Coding, coder_spread, merge_codings
        >>> codings = [
        ...     Coding(indicator="pledge", member=None, year=2006, coder=c, value=2, lo=1, hi=3,
        ...            note="SYNTHETIC")
        ...     for c in ("kim", "lee")
        ... ]  # fmt: skip
        >>> spread = coder_spread(merge_codings(ah.testing.minimal_profile(), codings))
        >>> spread.table().records()[0]["health_range"]
        0.0
        """
        return (self.table(), self._coder_table())

    def table(self) -> Table:
        """One row per year: the range across coders of health and of each pillar."""
        ranges = self.pillar_range
        return Table.from_columns(
            {
                "year": self.years,
                "units": self.n_units,
                "health_range": self.health_range,
                **{f"{p.value}_range": ranges[:, k] for k, p in enumerate(_PILLARS)},
            },
            caption=(
                f"Coder spread of {self.name} ({self.profile_id}): range of the scores across"
                f" {len(self.coders)} coders ({', '.join(self.coders)})"
            ),
            notes=[f"range: largest minus smallest score across the coders; {_READING}"],
            index=["year"],
            name="spread",
        )

    def _coder_table(self) -> Table:
        n_coders, n_years = self.health.shape  # rows year by year, the coders within a year
        return Table.from_columns(
            {
                "year": np.repeat(self.years, n_coders),
                "coder": np.tile(np.array(self.coders, dtype=object), n_years),
                "units": self.units.T.ravel(),
                "health": self.health.T.ravel(),
                **{p.value: self.pillars[:, :, k].T.ravel() for k, p in enumerate(_PILLARS)},
            },
            caption=f"Scores of {self.name} ({self.profile_id}) with each coder's codings",
            notes=[
                "units: how many of the multiply coded units observed that year the coder coded"
            ],
            index=["year", "coder"],
            name="coders",
        )


def _median_coding(codings: tuple[Observation, ...]) -> Observation:
    """One observation for a unit a coder left: the median of the coders' values (as pooled)."""
    values = np.array([o.value for o in codings])
    bounds = [
        (o.uncertainty.lo, o.uncertainty.hi) if isinstance(o.uncertainty, Range) else (o.value,) * 2
        for o in codings
    ]
    coders = ", ".join(str(o.coder) for o in codings)
    return attrs.evolve(
        codings[0],
        value=float(np.median(values)),
        uncertainty=Range(min(b[0] for b in bounds), max(b[1] for b in bounds)),
        note=f"median of the codings by {coders}",
        coder=None,
    )


def _variants(profile: Profile) -> tuple[list[str], list[Profile], IntArray, IntArray]:
    """One profile per coder, the coders, and each multiply coded unit's year and coders."""
    groups = {key: obs for key, obs in profile.codings().items() if len(obs) > 1}
    if not groups:
        msg = (
            f"coder_spread needs units coded by two or more coders; profile {profile.id!r} has"
            " none; merge the coders' sheets first (reliability.merge_sheets)"
        )
        raise ValidationError(msg)
    coders = sorted({str(o.coder) for obs in groups.values() for o in obs})
    single = tuple(o for o in profile.observations if o.key not in groups)
    median = {key: _median_coding(obs) for key, obs in groups.items()}
    variants = []
    for coder in coders:
        chosen = [
            next((o for o in obs if o.coder == coder), median[k]) for k, obs in groups.items()
        ]
        variants.append(attrs.evolve(profile, observations=(*single, *chosen)))
    unit_year = np.array([year for (_, _, year) in groups], dtype=np.int64)
    coded = np.array([[any(o.coder == c for o in obs) for obs in groups.values()] for c in coders])
    return coders, variants, unit_year, coded


def coder_spread(
    profile: Profile,
    years: Sequence[int] | npt.ArrayLike | None = None,
    *,
    model: Model | None = None,
) -> CoderSpread:
    """Score a multiply coded profile once per coder: how far the coders' disagreement moves it.

    For each coder, the profile is scored with that coder's codings of the units they coded
    (the other coders' codings of those units removed), the **median** of the codings for the
    multiply coded units the coder did not code, and every singly coded observation untouched.
    The range (max - min) of health and of each pillar across the coders shows how much the
    choice of coder matters for each year's scores: 0 when the coders agree, or when their
    disagreements do not reach the score (a unit superseded, or a member that is not the
    least convinced under the ``"min"`` rule).

    :func:`~alliance_health.score` (and every analysis) pools a unit's codings: the median
    coding, with a range spanning the coders' ranges, so disagreement widens the interval. This
    function shows instead the scores each coder's codings give on their own; report their range
    beside a pooled score.

    Each coder's variant is scored in one vectorised :func:`~alliance_health.trajectory` call
    over all the years.

    Parameters
    ----------
    profile : Profile
        A profile holding codings of the same units by two or more coders (see
        :func:`merge_codings`).
    years : sequence of int, optional
        Years to score. Default: the years in which a multiply coded unit is observed and all
        three pillars score. Later years a coding still serves (by its indicator's horizon) can
        be asked for.
    model : Model, optional
        Aggregation model; default ``Model()``.

    Returns
    -------
    CoderSpread

    Raises
    ------
    ValidationError
        No unit is coded by two or more coders.
    InsufficientDataError
        A year asked for lacks a pillar, or no year with a multiply coded unit can be scored.

    References
    ----------
    OECD/JRC (2008). *Handbook on Constructing Composite Indicators: Methodology and User
    Guide*, step 7 (robustness: scores under alternative inputs). OECD Publishing.

    Examples
    --------
    >>> import alliance_health as ah
    >>> from alliance_health.reliability import Coding, coder_spread, merge_codings
    >>> codings = [
    ...     Coding(indicator="meetings", member=None, year=2007, coder=coder, value=value,
    ...            lo=0, hi=4, note="SYNTHETIC coding")
    ...     for coder, value in [("kim", 1), ("lee", 3)]
    ... ]  # fmt: skip
    >>> spread = coder_spread(merge_codings(ah.testing.minimal_profile(), codings))
    >>> spread.health.round(3).tolist(), spread.pillar_range.tolist()
    ([[0.397], [0.572]], [[0.0, 0.0, 0.5]])
    """
    profile = as_profile(profile)
    coders, variants, unit_year, coded = _variants(profile)
    if years is None:  # every scorable year, then those with a multiply coded unit
        runs = [ah.trajectory(v, model=model) for v in variants]
        keep = np.isin(runs[0].years, unit_year)
        if not keep.any():
            msg = (
                f"no year with a multiply coded unit of {profile.name!r}"
                f" ({', '.join(map(str, sorted(set(unit_year.tolist()))))}) has data for all"
                " three pillars; pass years=... that the codings serve"
            )
            raise InsufficientDataError(msg)
    else:
        runs = [ah.trajectory(v, years, model=model) for v in variants]
        keep = np.ones(runs[0].years.size, dtype=bool)
    ys = runs[0].years[keep]
    units = (coded[:, None, :] & (unit_year[None, None, :] == ys[None, :, None])).sum(axis=2)
    return CoderSpread(
        profile_id=profile.id,
        name=profile.name,
        years=ys,
        coders=tuple(coders),
        health=np.stack([r.health[keep] for r in runs]),
        pillars=np.stack([r.pillars[keep] for r in runs]),
        units=units.astype(np.int64),
        n_units=(unit_year[None, :] == ys[:, None]).sum(axis=1).astype(np.int64),
        model=runs[0].model,
    )
