"""From ATOP treaty codes and voting records to an alliance profile.

ILLUSTRATIVE DATA ONLY. The rows below are written in ATOP's file format and the votes in a
UN-roll-call style, but the numbers are made up for this example (atopid 9999 is not an ATOP
alliance). They show the workflow, not a finding about any real alliance. With a real ATOP
member-level file the first part is three lines: ``atop.read(path)``, then ``atop.profile(data,
atopid)``.
"""

import io

import attrs
import numpy as np

import alliance_health as ah
from alliance_health import atop, similarity

# -- 1. Treaty obligations from ATOP-format rows (illustrative) ---------------------------------
ILLUSTRATIVE_ATOP_ROWS = """\
atopid,version,member,yrent,yrexit,defense,offense,neutral,nonagg,consul,intcom,milcon,milaid,base,subord,contrib,orgpurp1,orgpurp2
9999,5.1,2,1954,0,1,0,0,0,1,0,2,3,0,0,0,,
9999,5.1,732,1954,0,1,0,0,0,1,0,2,0,0,0,0,,
9999,5.1,2,1978,0,1,0,0,0,1,1,3,3,2,0,0,1,
9999,5.1,732,1978,0,1,0,0,0,1,1,3,0,0,0,0,1,
"""
data = atop.read(io.StringIO(ILLUSTRATIVE_ATOP_ROWS))
profile = atop.profile(data, 9999, name="Illustrative bilateral alliance")

print(profile)
for obs in profile.observations:
    print(f"  {obs.year}  {obs.indicator:<14} = {obs.value:.0f}   ({obs.note.split(': ', 1)[1]})")

# -- 2. Similarity of the members' votes, every pair and year at once (illustrative) ------------
years = (2004, 2005, 2006)
members = ("USA", "KOR")
# votes coded 1 = yes, 2 = abstain, 3 = no on eight resolutions a year: (years, members, items)
votes = np.array(
    [
        [[1, 1, 3, 1, 2, 3, 1, 1], [1, 1, 3, 1, 2, 3, 1, 2]],
        [[1, 3, 3, 1, 2, 3, 1, 1], [1, 1, 2, 1, 1, 3, 1, 1]],
        [[3, 3, 3, 1, 2, 3, 3, 1], [1, 1, 2, 1, 1, 1, 1, 1]],
    ],
    dtype=float,
)
s = similarity.pairwise(votes, measure="s", scale=(1, 3), years=years, members=members)
kappa = similarity.pairwise(votes, measure="kappa", years=years, members=members)

s_series, k_series = s.dyad("USA", "KOR"), kappa.dyad("USA", "KOR")
print("\nVoting similarity of USA and KOR (illustrative votes)")
print("  year      S   kappa")
for year, s_value, k_value in zip(years, s_series, k_series, strict=True):
    print(f"  {year}  {s_value:5.2f}  {k_value:6.2f}")
print(
    f"\nIn this illustrative panel, Signorino-Ritter S falls from {s_series[0]:.2f} ({years[0]})"
    f" to {s_series[-1]:.2f} ({years[-1]}) and Cohen's kappa from {k_series[0]:.2f} to"
    f" {k_series[-1]:.2f}: by {years[-1]} the two agree little more often than their own voting"
    " habits would make them agree by chance."
)

# -- 3. Similarity as a shared-interest proxy in the profile's shared-threat pillar -------------
indicator = similarity.indicator(id="votes-kappa", threat="regional-rival", measure="kappa")
source = ah.Source(key="illustrative-votes", title="Illustrative votes (not data)", kind="scenario")
observations = kappa.to_observations(indicator=indicator, source=source)
profile = attrs.evolve(
    profile,
    sources=(*profile.sources, source),
    indicators=(*profile.indicators, indicator),
    observations=(*profile.observations, *observations),
)
print(
    f"\nThe profile now holds {len(profile.observations)} observations; the shared-threat pillar"
    f" has a proxy ({indicator.label}) for threat {profile.threats[0]!r}. Add direct measures of"
    " threat recognition and the consultation pillar before scoring."
)
