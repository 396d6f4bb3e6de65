"""Read Alliance Treaty Obligations and Provisions (ATOP) files into treaty-design indicators.

ATOP (Leeds et al. 2002) codes the written content of every military alliance since 1815: which
obligations the members take on (defence, offence, neutrality, non-aggression, consultation) and
which institutions the treaty creates. This module reads every ATOP release (3.0, 4.0, 4.01, 5.0,
5.1) and file type (alliance, alliance-phase and member level; directed and non-directed
dyad-year) without options, validates every code against the release's codebook, names every
member by ISO 3166 alpha-3 code (or, for a historical state without one, its Correlates of War
abbreviation) from a built-in table of the COW state system, and builds either the profile
skeleton of one alliance or design indicators for all alliances at once::

    from alliance_health import atop

    members = atop.read("atop5_1m.csv")  # member-level file: release and type from the header
    nato = atop.profile(members, 3180, entry=atop.ENTRY_INTO_FORCE[3180])
    panel = atop.design_panel(members)  # every alliance-year, in one call
    design = panel.scores()  # mutual-obligation and consultation design, as arrays

ATOP codes the treaty texts, not the practice: a pledge on paper is what it measures. Treaty
design grouped into the three pillars does not tell the alliances of ATOP 4.01 that ended early
or in violation from the rest (AUC 0.50-0.55), so this module never derives a shared-threat
pillar from treaty text and never presents an ATOP-only score as an alliance's health: join the
design indicators to threat and practice data first.

Notes
-----
**Codes and their ranges.** :data:`RELEASES` gives, per release and file type, the codes each
column may take; a code outside them is an error naming the file, line, atopid, column, codebook
and release. Which ranges are confirmed on real files and which are taken from the codebooks
unconfirmed is said in :class:`Release` notes and in the interoperability guide. If your copy of
a codebook allows another code, pass ``ranges={"column": (lo, hi)}`` to :func:`read`. Blank
cells, ``.`` and ``NA`` are missing values; an exit or end year of 0 or blank means still in
force; columns this module does not read are ignored.

**States.** :func:`states` is the COW State System Membership List v2016 with ISO codes added;
:data:`COW_TO_ISO3` maps every COW code to the member code used in profiles. No ATOP file needs
a mapping of your own; ``cow_to_iso=`` still overrides one, and refuses to give two states one
code unless you map both.

**Dates.** ATOP dates a member's entry by the signature of the treaty or of an accession protocol
(NATO's Greece and Turkey: 22 Oct 1951); :data:`ENTRY_INTO_FORCE` and ``profile(entry=...)``
give the year membership entered into force (1952), as the built-in NATO profile uses.

References
----------
.. [1] Leeds, B. A., Ritter, J. M., Mitchell, S. M. & Long, A. G. (2002). Alliance treaty
   obligations and provisions, 1815-1944. *International Interactions* 28(3), 237-260.
.. [2] Leeds, B. A. *Alliance Treaty Obligations and Provisions (ATOP) Codebook*, versions 3.0,
   4.0, 4.01, 5.0 and 5.1. Rice University, atopdata.org.
.. [3] Leeds, B. A. & Anac, S. (2005). Alliance institutionalization and alliance performance.
   *International Interactions* 31(3), 183-202.
.. [4] Correlates of War Project (2017). State System Membership List, v2016.
.. [5] Benson, B. V. & Clinton, J. D. (2016). Assessing the variation of formal military
   alliances. *Journal of Conflict Resolution* 60(5), 866-898.

Examples
--------
A made-up alliance 9001 in the layout of a member-level file, between COW states 2 and 732 (the
United States and South Korea), both pledging defence and consultation from 1954:

>>> import io
>>> from alliance_health import atop
>>> text = '''atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul,version
... 9001,2,1954,0,1,0,0,0,1,5.1
... 9001,732,1954,0,1,0,0,0,1,5.1
... '''
>>> data = atop.read(io.StringIO(text))
>>> data
AtopData(name='<stream>', file_type='member', version='5.1', rows=2, alliances=1)
>>> p = atop.profile(data, 9001)
>>> p.members_in(1960)
('USA', 'KOR')
>>> print(p.observations[0].note)
ATOP atopid 9001, <stream> line 2: defense=1 offense=0 neutral=0 nonagg=0 consul=1 -> 2: a pledge
of active military support (defence or offence)
"""

from __future__ import annotations

from alliance_health.atop._codebook import OBLIGATIONS, RANGES, RELEASES, Release
from alliance_health.atop._codings import military_institutionalisation, pledge_level
from alliance_health.atop._data import AtopData, AtopRow
from alliance_health.atop._dyad import DyadYearData
from alliance_health.atop._indicators import DEFAULT_INDICATORS, ENTRY_INTO_FORCE, INDICATORS
from alliance_health.atop._panel import (
    PANEL_INDICATORS,
    DesignPanel,
    DesignScores,
    design_panel,
)
from alliance_health.atop._profile import profile
from alliance_health.atop._read import read
from alliance_health.atop._states import COW_TO_ISO3, NON_SYSTEM, State, state, states

__all__ = [
    "COW_TO_ISO3",
    "DEFAULT_INDICATORS",
    "ENTRY_INTO_FORCE",
    "INDICATORS",
    "NON_SYSTEM",
    "OBLIGATIONS",
    "PANEL_INDICATORS",
    "RANGES",
    "RELEASES",
    "AtopData",
    "AtopRow",
    "DesignPanel",
    "DesignScores",
    "DyadYearData",
    "Release",
    "State",
    "design_panel",
    "military_institutionalisation",
    "pledge_level",
    "profile",
    "read",
    "state",
    "states",
]
