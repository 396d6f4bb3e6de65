"""Several coders of one value: the pooled observation that scoring uses (issue 16).

When several coders code the same (indicator, member, year), each coding is kept in the profile
(:meth:`~alliance_health.Profile.codings`, and :func:`~alliance_health.reliability.reliability`
measures how far they agree), and scoring uses one pooled observation in their place:

- **the value is the median of the codings** (the middle coding, or the mean of the two middle
  ones): one coder far from the others moves it least, as in the aggregation of expert judgements
  by a robust centre (Krippendorff 2004 on pooling reliable codings; Clemen & Winkler 1999 on
  combining expert judgements);
- **its range spans every coder's range**: from the lowest coder's ``lo`` to the highest coder's
  ``hi`` (a coding without a range counts as the point it codes), so the Monte Carlo draws it from
  the two-piece triangular distribution on that span whose median is the pooled value. The wider
  the coders disagree, the wider the interval: disagreement is uncertainty, not noise to average
  away. This is a conservative stand-in for the equal-weight mixture of the coders' ranges that
  :func:`~alliance_health.reliability.pool_codings` draws (same support, same median, heavier
  tails).

A profile without multiply coded values is returned as it is, so single-coder scoring is untouched.

References
----------
.. [1] Krippendorff, K. (2004). *Content Analysis: An Introduction to Its Methodology*, 2nd ed.
   Sage.
.. [2] Clemen, R. T. & Winkler, R. L. (1999). Combining probability distributions from experts in
   risk analysis. *Risk Analysis* 19(2), 187-203.
"""

from __future__ import annotations

import statistics

import attrs

from alliance_health._domain.observation import Observation, Range
from alliance_health._domain.profile import Profile

__all__ = ["pooled", "pooled_observation"]


def pooled(profile: Profile) -> Profile:
    """``profile`` with each multiply coded (indicator, member, year) replaced by its pooled value.

    Examples
    --------
    >>> import attrs
    >>> import alliance_health as ah
    >>> p = ah.testing.minimal_profile()
    >>> meetings = next(o for o in p.observations if o.indicator == "meetings")
    >>> codings = [
    ...     attrs.evolve(meetings, coder=c, value=v, uncertainty=ah.Range(v - 1, v + 1))
    ...     for c, v in [("ann", 1.0), ("bo", 2.0), ("cy", 3.0)]
    ... ]
    >>> others = [o for o in p.observations if o is not meetings]
    >>> coded = attrs.evolve(p, observations=(*others, *codings))
    >>> pool = pooled(coded).observation("meetings", 2006)
    >>> pool.value, pool.uncertainty, pool.coder
    (2.0, Range(lo=0.0, hi=4.0), None)
    """
    groups = profile.codings()
    if len(groups) == len(profile.observations):
        return profile
    observations = tuple(
        codings[0] if len(codings) == 1 else pooled_observation(codings)
        for codings in groups.values()
    )
    return attrs.evolve(profile, observations=observations)


def pooled_observation(codings: tuple[Observation, ...]) -> Observation:
    """One observation standing for several coders' codings of one value (see the module)."""
    values = [o.value for o in codings]
    lows = [o.uncertainty.lo if isinstance(o.uncertainty, Range) else o.value for o in codings]
    highs = [o.uncertainty.hi if isinstance(o.uncertainty, Range) else o.value for o in codings]
    centre = float(statistics.median(values))
    coders = ", ".join(f"{o.coder} {o.value:g}" for o in codings)
    note = (
        f"pooled from {len(codings)} coders ({coders}): the median coding, with a range spanning"
        " every coder's range"
    )
    return attrs.evolve(
        codings[0],
        value=centre,
        uncertainty=Range(min(lows), max(highs)),
        coder=None,
        note=note,
    )
