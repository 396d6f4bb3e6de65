"""Quick start: score a small alliance written in a few lines.

The values here are illustrative, not data: they show the API, not a finding.
"""

import alliance_health as ah

profile = ah.testing.minimal_profile()
result = ah.score(profile, 2006)
print(result)
print()
print(result.explain())
print()
print(f"weakest pillar in 2006: {result.weakest.label}")
