"""Perception gaps: how far the members differ in recognising each threat."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs
import numpy as np

from alliance_health._domain.pillar import Pillar
from alliance_health._domain.profile import Profile
from alliance_health._errors import UnknownReferenceError
from alliance_health._present.result import Tabular
from alliance_health._present.table import Table
from alliance_health._scoring.arguments import to_model, to_profile
from alliance_health._scoring.engine import Layout, build_layout, evaluate
from alliance_health._scoring.model import Model

__all__ = ["PerceptionGap", "ThreatGap", "perception_gap"]


@attrs.frozen(kw_only=True)
class ThreatGap:
    """Each member's recognition of one threat, and how far apart the members are.

    Attributes
    ----------
    threat : str
        The threat.
    recognition : Mapping[str, float]
        Member code to its recognition in [0, 1]: the weighted mean of the member's normalised
        values on the threat's indicators.
    shared : float
        The threat's score inside the shared-threat pillar (what the members hold in common under
        the model's member rule, averaged over the threat's indicators).
    gap : float
        Largest minus smallest recognition (0 when one member is observed).

    Examples
    --------
    >>> import alliance_health as ah
    >>> rival = ah.perception_gap(ah.testing.minimal_profile(), 2006)["rival"]
    >>> rival.least_convinced, rival.most_convinced, round(rival.gap, 2)
    ('BBB', 'AAA', 0.15)
    """

    threat: str
    recognition: Mapping[str, float]
    shared: float
    gap: float

    @property
    def least_convinced(self) -> str:
        """The member that recognises the threat least."""
        return min(self.recognition, key=lambda m: self.recognition[m])

    @property
    def most_convinced(self) -> str:
        """The member that recognises the threat most."""
        return max(self.recognition, key=lambda m: self.recognition[m])


@attrs.frozen(kw_only=True, repr=False)
class PerceptionGap(Tabular):
    """Threat recognition by member for one profile-year (see :func:`perception_gap`).

    Its table (:meth:`table`) has one row per threat and member; the columns are listed on the
    Tables page (:doc:`/tables`).

    Examples
    --------
    >>> import alliance_health as ah
    >>> ah.perception_gap(ah.testing.minimal_profile(), 2006).widest().threat
    'rival'
    """

    profile_id: str
    year: int
    threats: tuple[ThreatGap, ...]

    def __getitem__(self, threat: str) -> ThreatGap:
        for t in self.threats:
            if t.threat == threat:
                return t
        known = ", ".join(t.threat for t in self.threats)
        msg = f"no threat {threat!r} observed in {self.year}; observed: {known}"
        raise UnknownReferenceError(msg)

    def widest(self) -> ThreatGap:
        """The threat on which the members disagree most."""
        return max(self.threats, key=lambda t: t.gap)

    def table(self) -> Table:
        """One row per threat and member, with the threat's shared score and gap."""
        rows = [(t, m) for t in self.threats for m in t.recognition]
        return Table.from_records(
            rows,
            {
                "threat": lambda r: r[0].threat,
                "member": lambda r: r[1],
                "recognition": lambda r: r[0].recognition[r[1]],
                "shared": lambda r: r[0].shared,
                "gap": lambda r: r[0].gap,
            },
            caption=f"Perception gaps, {self.profile_id} {self.year}",
            name="perception_gap",
        )


def perception_gap(
    profile: Profile | str, year: int, *, model: Model | None = None
) -> PerceptionGap:
    """Each member's recognition of each threat in ``year``, and the gap between members.

    The essay's diagnosis of the U.S.-ROK alliance in 2006 is a perception gap: "the crack in the
    alliance comes over the perception of threat from North Korea". A member's recognition of a
    threat is the weighted mean (by indicator weight) of its normalised values on that threat's
    indicators; the gap is the spread between the most and least convinced member. Alliance-level
    shared-threat indicators have no member and are left out of the recognition by member.

    Parameters
    ----------
    profile : Profile or str
        The alliance, or the id of a built-in profile (``"rok-us"``).
    year : int
        The year.
    model : Model, optional
        Used for the ``shared`` value of each threat (member rule); default ``Model()``.

    Returns
    -------
    PerceptionGap
        Threats in the order the profile names them.

    Examples
    --------
    >>> import alliance_health as ah
    >>> gap = ah.perception_gap(ah.testing.minimal_profile(), 2006)
    >>> gap["rival"].recognition["AAA"], round(gap["rival"].gap, 2)
    (0.4, 0.15)
    """
    profile = to_profile(profile)
    model = to_model(model)
    layout = build_layout(profile, [year])
    x = layout.normalise(layout.values)
    ev = evaluate(layout, x, model)
    members = [m.code for m in profile.members]
    threats = profile.threats
    # each member's value of each observed member-level shared-threat indicator, by name
    rows = [
        (
            threats.index(g.threat),
            members.index(o.member),
            g.weight,
            x[layout.observations.index(o)],
        )
        for g in layout.indicator_groups(int(layout.years[0]))
        if g.observed and g.threat is not None
        for o in g.observations
        if o.member is not None
    ]
    arr = np.array(rows, dtype=np.float64).reshape(-1, 4)
    t_idx, m_idx, w, slot_x = (
        arr[:, 0].astype(np.intp),
        arr[:, 1].astype(np.intp),
        arr[:, 2],
        arr[:, 3],
    )
    cell = t_idx * len(members) + m_idx
    size = len(threats) * len(members)
    total = np.bincount(cell, weights=w, minlength=size).reshape(len(threats), len(members))
    summed = np.bincount(cell, weights=w * slot_x, minlength=size).reshape(total.shape)
    shared = _shared_by_threat(layout, ev.threats)
    gaps = []
    for t, threat in enumerate(threats):
        seen = np.flatnonzero(total[t] > 0)
        if seen.size == 0:
            continue
        rec = {members[m]: float(summed[t, m] / total[t, m]) for m in seen}
        values = list(rec.values())
        gaps.append(
            ThreatGap(
                threat=threat,
                recognition=MappingProxyType(rec),
                shared=shared.get(t, float("nan")),
                gap=max(values) - min(values),
            )
        )
    return PerceptionGap(profile_id=profile.id, year=int(layout.years[0]), threats=tuple(gaps))


def _shared_by_threat(layout: Layout, threat_scores: np.ndarray) -> dict[int, float]:
    """Within-threat scores of the shared-threat pillar, keyed by threat index."""
    return {
        layout.profile.threats.index(t.threat): float(threat_scores[t.index])
        for t in layout.threat_groups()
        if t.pillar is Pillar.SHARED_THREAT and t.threat is not None
    }
