"""Diagnosis: what is wrong with an alliance, in Sherwood-Randall's terms."""

from __future__ import annotations

from typing import Any

import attrs

from alliance_health import _validate
from alliance_health._analysis.perception import perception_gap
from alliance_health._domain.event import Event
from alliance_health._domain.observation import Observation
from alliance_health._domain.pillar import Pillar
from alliance_health._domain.profile import Profile
from alliance_health._errors import ArgumentTypeError, ValidationError
from alliance_health._present.result import Tabular
from alliance_health._present.table import Column, Table
from alliance_health._scoring.arguments import to_model, to_profile
from alliance_health._scoring.model import Model
from alliance_health._scoring.score import Score, score

__all__ = ["Diagnosis", "Finding", "Thresholds", "diagnose"]

_WORDS = {
    Pillar.SHARED_THREAT: (
        "the shared recognition of common threats",
        (
            "Alliances can survive a redefinition of the common threat ... but not the absence of a"
            " threat."
        ),
    ),
    Pillar.MUTUAL_OBLIGATION: (
        "a pledge to take action to counter them",
        (
            "Nor can alliances endure if there is not a clear sense of the mutual obligations the"
            " partners have to each other."
        ),
    ),
    Pillar.CONSULTATION: (
        "ongoing policy consultations that continually set expectations for allied behavior",
        (
            "At a minimum, allies are expected to take into consideration the perspectives and"
            " interests of their partners."
        ),
    ),
}


_NO_FINDING = "no finding: every pillar at or above the 'weak' threshold"


@attrs.frozen(kw_only=True)
class Thresholds:
    """The cut-offs of :func:`diagnose`; every one is a judgement an analyst may change.

    Parameters
    ----------
    weak : float
        A pillar below this is weak (default 0.5: less than half of the healthy end of its scales).
    critical : float
        A pillar below this is critical (default 0.25).
    absent : float
        A shared-threat pillar below this means no common threat is recognised (default 0.1):
        the case the essay says no alliance survives.
    gap : float
        A perception gap above this between the most and least convinced member is reported
        (default 0.25, a quarter of the scale).
    indicator : float
        Indicators below this are cited as evidence behind a weak pillar (default 0.5).
    lookback : int
        Events up to this many years before the year are cited (default 2).

    Examples
    --------
    >>> Thresholds(weak=0.6).critical
    0.25
    """

    weak: float = attrs.field(default=0.5, validator=_validate.unit_interval)
    critical: float = attrs.field(default=0.25, validator=_validate.unit_interval)
    absent: float = attrs.field(default=0.1, validator=_validate.unit_interval)
    gap: float = attrs.field(default=0.25, validator=_validate.unit_interval)
    indicator: float = attrs.field(default=0.5, validator=_validate.unit_interval)
    lookback: int = attrs.field(default=2, validator=_validate.at_least(0))

    @critical.validator
    def _ordered(self, _attribute: attrs.Attribute[Any], value: float) -> None:
        if not self.absent <= value <= self.weak:
            msg = (
                "Thresholds must satisfy absent <= critical <= weak; got"
                f" absent={self.absent}, critical={value}, weak={self.weak}"
            )
            raise ValidationError(msg)


@attrs.frozen(kw_only=True)
class Finding:
    """One finding: a pillar's problem, how severe, and the evidence behind it.

    ``severity`` is in [0, 1]: how far below the healthy end the measured quantity lies (1 - score
    for a weak pillar, the gap for a perception gap). Findings sort worst first.

    Examples
    --------
    >>> import alliance_health as ah
    >>> finding = ah.diagnose(ah.testing.minimal_profile(), 2006).findings[0]
    >>> finding.title, finding.severity
    ('shared threat weak', 0.75)
    """

    pillar: Pillar
    severity: float
    title: str
    text: str
    observations: tuple[Observation, ...] = ()
    events: tuple[Event, ...] = ()

    def __str__(self) -> str:
        cites = [f"{o.indicator} {o.member or 'alliance'} {o.year}" for o in self.observations]
        cites += [f"{e.date.isoformat()} {e.title}" for e in self.events]
        tail = f" [{'; '.join(cites)}]" if cites else ""
        return f"{self.title}: {self.text}{tail}"


@attrs.frozen(kw_only=True, repr=False)
class Diagnosis(Tabular):
    """The findings of :func:`diagnose`, worst first, with the score they rest on.

    Its table (:meth:`table`) has one row per finding, with its evidence as short citations; the
    columns are listed on the Tables page (:doc:`/tables`). Its text is the findings as a
    numbered list.

    Examples
    --------
    >>> import alliance_health as ah
    >>> d = ah.diagnose(ah.testing.minimal_profile(), 2006)
    >>> [f.pillar.value for f in d]
    ['shared_threat']
    """

    score: Score
    findings: tuple[Finding, ...]
    thresholds: Thresholds

    def __iter__(self):  # type: ignore[no-untyped-def]  # noqa: ANN204  (iterator protocol)
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def table(self) -> Table:
        """One row per finding, worst first, with the evidence as short citations."""
        notes = [] if self.findings else [_NO_FINDING]
        return Table.from_records(
            self.findings,
            {
                "pillar": lambda f: f.pillar.value,
                "severity": lambda f: f.severity,
                "title": lambda f: f.title,
                Column("text", width=60): lambda f: f.text,
                Column("observations", width=40): lambda f: "; ".join(
                    f"{o.indicator} {o.member or 'alliance'} {o.year}" for o in f.observations
                ),
                Column("events", width=40): lambda f: "; ".join(
                    f"{e.date.isoformat()} {e.title}" for e in f.events
                ),
            },
            caption=f"Diagnosis of {self.score.profile_id} in {self.score.year}: {self.score!r}",
            notes=notes,
            name="findings",
        )

    def to_text(self) -> str:
        """The findings as a numbered list, each with its evidence in brackets."""
        table = self.table()
        lines = [table.caption]
        for k, r in enumerate(table.records(), 1):
            cites = "; ".join(str(c) for c in (r["observations"], r["events"]) if c)
            lines.append(f"{k}. {r['title']}: {r['text']}" + (f" [{cites}]" if cites else ""))
        return "\n".join(lines + [f"  {note}" for note in table.notes])


def _evidence(
    profile: Profile, result: Score, pillar: Pillar, cut: float
) -> tuple[Observation, ...]:
    """The observations of ``pillar`` whose own normalised value lies below ``cut``."""
    return tuple(
        o
        for o in (u.observation for u in result.used)
        if (ind := profile.indicator(o.indicator)).pillar is pillar
        and float(ind.normalise(o.value)) < cut
    )


def _events(profile: Profile, year: int, lookback: int, tags: set[str]) -> tuple[Event, ...]:
    return tuple(
        e for e in profile.events if year - lookback <= e.year <= year and tags & set(e.tags)
    )


def diagnose(
    profile: Profile | str,
    year: int,
    *,
    model: Model | None = None,
    thresholds: Thresholds | None = None,
) -> Diagnosis:
    """Findings about an alliance in one year, in Sherwood-Randall's terms, worst first.

    Checks, each against a documented :class:`Thresholds` value:

    - each pillar below ``weak`` (or ``critical``), quoting the ingredient it measures and citing
      the observations below ``indicator`` that pull it down;
    - a shared-threat pillar below ``absent``: "alliances can survive a redefinition of the common
      threat ... but not the absence of a threat";
    - a perception gap above ``gap`` on a threat (the essay's "crack in the alliance");
    - events tagged ``"unilateral"`` within ``lookback`` years, under consultation ("major
      decisions ... made without adequate discussion"), and ``"threat-shock"`` events under shared
      threat.

    Parameters
    ----------
    profile : Profile or str
        The alliance, or the id of a built-in profile (``"rok-us"``).
    year : int
        The year.
    model : Model, optional
        Aggregation model; default ``Model()``.
    thresholds : Thresholds, optional
        Cut-offs; default ``Thresholds()``.

    Returns
    -------
    Diagnosis

    References
    ----------
    .. [1] Sherwood-Randall, E. (2006). *Alliances and American National Security*. Strategic
           Studies Institute. Quoted in Sneider, D. C. (2006), "Re-imagining the U.S.-ROK Alliance".

    Examples
    --------
    >>> import alliance_health as ah
    >>> d = ah.diagnose(ah.testing.minimal_profile(), 2006)
    >>> d.findings[0].pillar.value
    'shared_threat'
    """
    profile = to_profile(profile)
    model = to_model(model)
    given: object = thresholds  # checked at run time: annotations are not enforced
    if given is not None and not isinstance(given, Thresholds):
        msg = (
            "thresholds must be a Thresholds, e.g. Thresholds(weak=0.6), or None for the"
            f" defaults; got {type(given).__name__} {given!r}"
        )
        raise ArgumentTypeError(msg)
    th = Thresholds() if thresholds is None else thresholds
    result = score(profile, year, model=model)
    findings: list[Finding] = []
    for pillar, value in result.pillars.items():
        if value >= th.weak:
            continue
        ingredient, quote = _WORDS[pillar]
        level = "critical" if value < th.critical else "weak"
        text = f'{pillar.label} scores {value:.2f} ({level}): "{ingredient}" is in doubt. {quote}'
        if pillar is Pillar.SHARED_THREAT and value < th.absent:
            level = "absent"
            text = f"no common threat is recognised ({value:.2f}). {quote}"
        tags = {"unilateral"} if pillar is Pillar.CONSULTATION else set()
        if pillar is Pillar.SHARED_THREAT:
            tags = {"threat-shock"}
        findings.append(
            Finding(
                pillar=pillar,
                severity=1.0 - value,
                title=f"{pillar.label} {level}",
                text=text,
                observations=_evidence(profile, result, pillar, th.indicator),
                events=_events(profile, year, th.lookback, tags),
            )
        )
    for gap in perception_gap(profile, year, model=model).threats:
        if gap.gap <= th.gap:
            continue
        lo, hi = gap.least_convinced, gap.most_convinced
        findings.append(
            Finding(
                pillar=Pillar.SHARED_THREAT,
                severity=gap.gap,
                title=f"perception gap on {gap.threat}",
                text=(
                    f"{hi} recognises {gap.threat} at {gap.recognition[hi]:.2f}, {lo} at"
                    f" {gap.recognition[lo]:.2f}: the 'shared recognition' is not shared."
                ),
                observations=tuple(
                    u.observation
                    for u in result.used
                    if profile.indicator(u.observation.indicator).threat == gap.threat
                ),
            )
        )
    unilateral = _events(profile, year, th.lookback, {"unilateral"})
    if unilateral and not any(f.pillar is Pillar.CONSULTATION for f in findings):
        findings.append(
            Finding(
                pillar=Pillar.CONSULTATION,
                severity=1.0 - result.consultation,
                title="decisions taken without consultation",
                text=(
                    f"{len(unilateral)} decision(s) tagged unilateral in the last {th.lookback}"
                    " years: major decisions made without adequate discussion."
                ),
                events=unilateral,
            )
        )
    findings.sort(key=lambda f: -f.severity)
    return Diagnosis(score=result, findings=tuple(findings), thresholds=th)
