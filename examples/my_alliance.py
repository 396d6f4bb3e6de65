"""Score your own alliance from a TOML file (illustrative values, not data).

Copy ``my_alliance.toml``, replace its values with cited observations, and run this script on it.
"""

from pathlib import Path

import alliance_health as ah

profile = ah.load(Path(__file__).with_name("my_alliance.toml"))
print(profile)
print()
print(ah.trajectory(profile))
print()
print(ah.diagnose(profile, 2008))
print()
print(ah.perception_gap(profile, 2008))
