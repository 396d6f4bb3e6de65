"""The standard indicator definitions that every built-in profile uses.

One framework across units (OECD/JRC Handbook 2008, step 1): two alliances can be compared only if
they are scored on the same yardstick, so the built-in profiles draw their indicators from these
definitions and user profiles are encouraged to. A profile's :class:`~alliance_health.Indicator`
says which definition it follows in its ``standard`` field; it may add alliance-specific indicators
(``standard=None``), and comparisons report which indicators the two sides share.

Each definition gives the scale, direction, scope (per member or for the alliance) and a coding
guide. Ordinal codings are judgements: record them with an ``"expert-coding"`` source, a
:class:`~alliance_health.Range` and a note that gives the evidence.

Examples
--------
>>> from alliance_health import catalogue
>>> std = catalogue.get("threat-public-critical")
>>> std.pillar.value, std.scale
('shared_threat', (0.0, 100.0))
>>> ind = std.indicator(id="nk-nuclear-critical", threat="north-korea-nuclear")
>>> ind.standard, ind.unit
('threat-public-critical', '%')
"""

from __future__ import annotations

from typing import Final, Literal

import attrs

from alliance_health import _validate
from alliance_health._domain.indicator import Indicator
from alliance_health._domain.pillar import Pillar
from alliance_health._errors import UnknownReferenceError

__all__ = ["STANDARDS", "Standard", "get", "ids"]


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
        Unit of values.
    higher_is_better : bool
        Direction.
    scope : {"member", "alliance"}
        Whether it is observed per member or for the alliance as a whole. (``level`` is its
        deprecated spelling.)
    horizon : int or None
        Default years an observation stays valid.
    description : str
        What it measures and why it belongs to its pillar, in Sherwood-Randall's terms.
    coding : str
        How to code a value, with the meaning of each level for ordinal codings.

    Examples
    --------
    >>> from alliance_health import catalogue
    >>> std = catalogue.get("treaty-pledge")
    >>> std.pillar.value, std.scale, std.scope, std.horizon
    ('mutual_obligation', (0.0, 2.0), 'alliance', None)
    >>> print(std.coding)
    0: no written security obligation; 1: consultation, neutrality or non-aggression only (ATOP
    consul/neutral/nonagg without defense or offense); 2: a pledge of active military support (ATOP
    defense = 1 or offense = 1). A treaty record: Exact(), cite the treaty text or ATOP.

    A profile's indicator that follows the definition:

    >>> ind = std.indicator()
    >>> ind.id, ind.standard, ind.unit
    ('treaty-pledge', 'treaty-pledge', 'ordinal 0-2')
    """

    id: str
    pillar: Pillar
    label: str
    scale: tuple[float, float]
    unit: str
    higher_is_better: bool
    scope: Literal["member", "alliance"]
    horizon: int | None
    description: str
    coding: str

    @property
    def level(self) -> str:
        """Deprecated spelling of :attr:`scope`."""
        _validate.deprecated("Standard.level", "Standard.scope")
        return self.scope

    @property
    def threat_specific(self) -> bool:
        """True for shared-threat definitions, which are instantiated once per threat."""
        return self.pillar is Pillar.SHARED_THREAT

    def indicator(
        self,
        *,
        id: str | None = None,  # noqa: A002  (mirrors Indicator.id)
        threat: str | None = None,
        weight: float = 1.0,
        horizon: int | Literal["default"] | None = "default",
        label: str | None = None,
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
        )


_ORDINAL_NOTE = (
    " An ordinal expert coding: cite an 'expert-coding' source, give a Range and a note with the"
    " evidence (documents, events, quotations)."
)

STANDARDS: Final[tuple[Standard, ...]] = (
    Standard(
        id="threat-public-critical",
        pillar=Pillar.SHARED_THREAT,
        label="Public sees the threat as critical",
        scale=(0.0, 100.0),
        unit="%",
        higher_is_better=True,
        scope="member",
        horizon=4,
        description=(
            "Share of a member's public that rates the threat in the survey's strongest category"
            " ('critical threat', 'very threatened', 'extremely important'). Measures how strongly"
            " the threat is recognised by the member's people."
        ),
        coding=(
            "Percentage from a national probability sample; record Survey(n). Use the top category"
            " only, so that values are comparable across surveys. Valid four years (surveys recur"
            " every two to four years)."
        ),
    ),
    Standard(
        id="threat-public-concern",
        pillar=Pillar.SHARED_THREAT,
        label="Public at least somewhat threatened",
        scale=(0.0, 100.0),
        unit="%",
        higher_is_better=True,
        scope="member",
        horizon=4,
        description=(
            "Share of a member's public that feels at least somewhat threatened ('a bit' or more,"
            " 'important' or more). The broad base of threat recognition."
        ),
        coding="Percentage from a national sample, all threatened categories summed; Survey(n).",
    ),
    Standard(
        id="threat-official",
        pillar=Pillar.SHARED_THREAT,
        label="Government treats it as a threat",
        scale=(0.0, 4.0),
        unit="ordinal 0-4",
        higher_is_better=True,
        scope="member",
        horizon=None,
        description=(
            "How a member's government recognises the threat in doctrine, white papers, strategic"
            " concepts and leaders' statements: the elite half of 'shared recognition'."
        ),
        coding=(
            "0: not regarded as a threat (or treated as a partner); 1: a minor or distant concern;"
            " 2: a significant risk among several; 3: a principal threat named in doctrine;"
            " 4: the organising, existential threat of national defence. Code at each change"
            " point; a value holds until the next." + _ORDINAL_NOTE
        ),
    ),
    Standard(
        id="treaty-pledge",
        pillar=Pillar.MUTUAL_OBLIGATION,
        label="Written pledge to act",
        scale=(0.0, 2.0),
        unit="ordinal 0-2",
        higher_is_better=True,
        scope="alliance",
        horizon=None,
        description=(
            "The written 'pledge to take action' in the alliance treaty, following the ATOP"
            " codebook (Leeds et al. 2002): whether the members promise active military support."
        ),
        coding=(
            "0: no written security obligation; 1: consultation, neutrality or non-aggression"
            " only (ATOP consul/neutral/nonagg without defense or offense); 2: a pledge of"
            " active military support (ATOP defense = 1 or offense = 1). A treaty record:"
            " Exact(), cite the treaty text or ATOP."
        ),
    ),
    Standard(
        id="integrated-command",
        pillar=Pillar.MUTUAL_OBLIGATION,
        label="Integrated military command",
        scale=(0.0, 3.0),
        unit="ordinal 0-3",
        higher_is_better=True,
        scope="alliance",
        horizon=None,
        description=(
            "How far the members have bound their forces together in peacetime, the 'invaluable"
            " investment made in joint military command and operations' of the essay."
        ),
        coding=(
            "0: no joint military structure; 1: liaison and occasional exercises; 2: combined"
            " planning and regular exercises under national commands, or a combined command being"
            " dismantled; 3: an integrated peacetime command structure with a combined"
            " commander." + _ORDINAL_NOTE
        ),
    ),
    Standard(
        id="forces-in-place",
        pillar=Pillar.MUTUAL_OBLIGATION,
        label="Allied forces stationed, % of 1989 level",
        scale=(0.0, 100.0),
        unit="% of 1989 level",
        higher_is_better=True,
        scope="alliance",
        horizon=2,
        description=(
            "Forces stationed by the guarantor on the territory of the protected members, as a"
            " percentage of their level at the end of the Cold War (1989), capped at 100: a"
            " presence at or above the late Cold War posture counts as full. The same anchor year"
            " for every alliance keeps the yardstick common."
        ),
        coding=(
            "100 * min(troops in year / troops in 1989, 1), from an official personnel series;"
            " the note gives both troop numbers and their sources. Valid two years."
        ),
    ),
    Standard(
        id="joint-operations",
        pillar=Pillar.MUTUAL_OBLIGATION,
        label="Joint operations undertaken",
        scale=(0.0, 3.0),
        unit="ordinal 0-3",
        higher_is_better=True,
        scope="alliance",
        horizon=2,
        description=(
            "Whether the members act together against a danger, the practice of the pledge:"
            " 'joint actions against a perceived danger' (the essay)."
        ),
        coding=(
            "0: no joint operation in the last two years; 1: token or symbolic contributions;"
            " 2: substantial non-combat deployments (medical, engineering, peacekeeping,"
            " air policing); 3: combat operations together." + _ORDINAL_NOTE
        ),
    ),
    Standard(
        id="public-support-presence",
        pillar=Pillar.MUTUAL_OBLIGATION,
        label="Public supports the forces' presence",
        scale=(0.0, 100.0),
        unit="%",
        higher_is_better=True,
        scope="member",
        horizon=4,
        description=(
            "Share of a member's public that supports the alliance or the allied military"
            " presence (e.g. troop levels 'about right or too few'; 'NATO is still essential')."
        ),
        coding="Percentage from a national sample; Survey(n). Quote the question in the note.",
    ),
    Standard(
        id="public-support-defend",
        pillar=Pillar.MUTUAL_OBLIGATION,
        label="Public favours defending the ally",
        scale=(0.0, 100.0),
        unit="%",
        higher_is_better=True,
        scope="member",
        horizon=4,
        description=(
            "Share of a member's public that favours using its forces to defend the ally if"
            " attacked: popular backing for the pledge itself."
        ),
        coding="Percentage from a national sample; Survey(n). Quote the question in the note.",
    ),
    Standard(
        id="consultation-institutions",
        pillar=Pillar.CONSULTATION,
        label="Institutions of consultation",
        scale=(0.0, 3.0),
        unit="ordinal 0-3",
        higher_is_better=True,
        scope="alliance",
        horizon=None,
        description=(
            "The machinery of 'ongoing policy consultations': standing bodies and regular"
            " meetings at which the allies set expectations for each other."
        ),
        coding=(
            "0: none; 1: ad hoc consultation only (a treaty clause to consult when threatened);"
            " 2: a regular, at least yearly ministerial mechanism; 3: a standing political body"
            " meeting weekly or more, with regular ministerial and summit meetings." + _ORDINAL_NOTE
        ),
    ),
    Standard(
        id="joint-decisions",
        pillar=Pillar.CONSULTATION,
        label="Major decisions taken jointly",
        scale=(0.0, 4.0),
        unit="ordinal 0-4",
        higher_is_better=True,
        scope="alliance",
        horizon=3,
        description=(
            "Whether major decisions about the alliance are taken after real consultation or"
            " unilaterally: the essay's complaint that 'major decisions such as the phasing out"
            " of the CFC have been made without adequate discussion'."
        ),
        coding=(
            "0: major decisions imposed unilaterally over a partner's objection; 1: mostly"
            " unilateral, partners informed late; 2: mixed; 3: mostly joint, with some"
            " unilateral moves; 4: all major decisions jointly prepared and agreed." + _ORDINAL_NOTE
        ),
    ),
    Standard(
        id="policy-synchrony",
        pillar=Pillar.CONSULTATION,
        label="Synchrony of crisis responses",
        scale=(0.0, 4.0),
        unit="ordinal 0-4",
        higher_is_better=True,
        scope="alliance",
        horizon=2,
        description=(
            "Whether the allies respond to crises in step or 'visibly out of synch' (the essay):"
            " the outcome that consultation is meant to produce."
        ),
        coding=(
            "0: open public conflict over the response; 1: visibly out of step; 2: differences"
            " papered over; 3: broadly aligned with minor differences; 4: a common, coordinated"
            " response." + _ORDINAL_NOTE
        ),
    ),
)


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
    return tuple(s.id for s in STANDARDS)


def get(id: str) -> Standard:  # noqa: A002  (mirrors Indicator.standard)
    """Return the standard definition ``id``.

    Parameters
    ----------
    id : str
        One of :func:`ids`.

    Returns
    -------
    Standard
        The definition, with its scale, scope, horizon and coding guide.

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
    for std in STANDARDS:
        if std.id == id:
            return std
    msg = f"catalogue has no standard {id!r}; known: {', '.join(ids())}"
    raise UnknownReferenceError(msg)
