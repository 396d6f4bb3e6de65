"""What is wrong with the U.S.-ROK alliance in 2006, in Sherwood-Randall's terms.

Sneider (2006): "The 'shared recognition' of a common threat from North Korea that was at the core
of the alliance is badly tattered." The diagnosis below cites the observations and events behind
each finding, and the perception gap shows where the members part.
"""

import alliance_health as ah

rok = ah.fixtures.rok_us()

diagnosis = ah.diagnose(rok, 2006)
print(diagnosis)
print()
print(ah.perception_gap(rok, 2006))
print()
result = ah.uncertainty(rok, 2006, n=8192, rng=2006)
iv = result.interval(0.9)
print(
    f"Health of the U.S.-ROK alliance in 2006: {diagnosis.score.health:.2f}"
    f" (90% interval {iv.low:.2f}-{iv.high:.2f}); weakest pillar: {diagnosis.score.weakest.label}."
)
