"""A small panel study: three alliances over 2000-2008, their health with uncertainty, ranked.

The two built-in profiles (cited data) and ``my_alliance.toml`` (ILLUSTRATIVE VALUES, NOT DATA:
it shows how a user's own profile joins a panel, and says nothing about any real alliance).
Years in which a profile cannot be scored are skipped and listed with the reason. The long table
(one row per alliance, year and measure) is written as CSV to the path given on the command line
(ending in ``.csv``), or to a temporary folder.

Run: ``python examples/panel_study.py [out.csv]``
"""

import sys
import tempfile
from pathlib import Path

import alliance_health as ah

mine = ah.load(Path(__file__).with_name("my_alliance.toml"))
study = ah.panel(["rok-us", "nato-post-1990", mine], range(2000, 2009), n=1024, rng=2006)
print(study)

print("\nSkipped (alliance, year: reason):")
for s in study.skipped:
    print(f"  {s.alliance} {s.year}: {s.reason}")

print()
ranked = study.ranking(2006)
print(ranked)
print(
    "\nP(U.S.-ROK healthier than NATO in 2006):"
    f" {ranked.prob('rok-us', 'nato-post-1990'):.2f}"
    "  (the illustrative alliance is ranked too, but its values are not data)"
)

# a path ending in .csv from the command line; anything else (a notebook kernel passes its own
# arguments when the documentation runs this script) writes to a temporary folder
given = [a for a in sys.argv[1:] if a.endswith(".csv")]
out = Path(given[0]) if given else Path(tempfile.mkdtemp(prefix="alliance-panel-")) / "panel.csv"
study.write_csv(out)
print(f"\n{len(study.table().rows)} rows written to {out.name}")
