"""Every ATOP alliance at once: read a real release, profile two alliances, build the design panel.

REAL DATA: ATOP release 4.01 (Leeds, B. A., Ritter, J. M., Mitchell, S. M. & Long, A. G. 2002,
*International Interactions* 28: 237-260; ATOP codebook 4.01). The script reads the full
member-level file from ``shared/data/atop`` beside the repository when it is there, and otherwise
the six alliances copied from it into ``tests/data``. The threat data joined at the end are
ILLUSTRATIVE, made up to show the join: not a finding about any alliance.

Treaty text is design, not practice, and design is not health: the panel scores the
mutual-obligation and consultation pillars as written, never a shared-threat pillar and never an
alliance's health.
"""

from pathlib import Path

import numpy as np

from alliance_health import atop

REPO = Path(__file__).resolve().parents[1]
FULL = REPO.parent / "shared" / "data" / "atop" / "atop-member-level.csv"
EXCERPT = REPO / "tests" / "data" / "atop-4.01-excerpt-member-level.csv"

# -- 1. Read a release: file type and release from the header, every code checked ----------------
members = atop.read(FULL if FULL.is_file() else EXCERPT)
print(members, "(full file)" if FULL.is_file() else "(excerpt of six alliances)")

# -- 2. Two alliances as ATOP codes them ---------------------------------------------------------
nato = atop.profile(members, 3180, entry=atop.ENTRY_INTO_FORCE[3180], name="NATO (ATOP)")
rok = atop.profile(members, 3240, name="U.S.-ROK (ATOP)")
for profile in (nato, rok):
    print(f"\n{profile.name}: {len(profile.members)} members, founded {profile.founded}")
    for obs in profile.observations:
        print(f"  {obs.year}  {obs.indicator:<14} {obs.value:.0f}")
print("NATO members by entry into force, 1999:", len(nato.members_in(1999)))

# -- 3. Design indicators of every alliance-year, and the two design pillars, in one call -------
panel = atop.design_panel(members)
design = panel.scores()
print(f"\n{panel}\n{design}")
latest = panel.year == panel.year.max()
print(
    f"In {panel.year.max()}: {latest.sum()} alliances in force; mean obligation design"
    f" {np.nanmean(design.mutual_obligation[latest]):.2f}, mean consultation design"
    f" {np.nanmean(design.consultation[latest]):.2f} (treaty text, not health)"
)

# -- 4. Join your own threat data by member-year (ILLUSTRATIVE values) ---------------------------
by_member = panel.to_frame(scope="member")
mine = by_member[(by_member.atopid == 3240) & (by_member.year.isin([2005, 2006]))].copy()
mine["threat_recognition_illustrative"] = [0.6, 0.5, 0.62, 0.52]  # made up for the example
print("\n" + mine.to_string(index=False))
print(
    "\nThe design columns come from ATOP; a shared-threat pillar and the practice of the alliance"
    " must come from data such as the illustrative column above before any health is scored."
)
