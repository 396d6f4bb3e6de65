"""The essay's analogy: the U.S.-ROK alliance after 2006 beside NATO after the Cold War.

Sneider (2006) argues that the U.S.-ROK alliance of 2006, whose common threat is in doubt, looks
like NATO after 1990, and that NATO's reinvention shows "that even when the nature of the threat has
changed, security alliances can preserve a sense of common purpose". This script puts both on one
clock (years since the shock: the dissolution of the USSR, North Korea's 2006 nuclear test),
compares them, and attributes the difference to the three pillars.
"""

import alliance_health as ah

rok = ah.fixtures.rok_us()
nato = ah.fixtures.nato_post_1990()

aligned = ah.align([(nato, "ussr-dissolved"), (rok, "nk-nuclear-test")], window=(-3, 6))
print(aligned)
print()

# U.S.-ROK in 2006 against NATO in 1992, the first year after the Soviet Union's end.
comparison = ah.compare(rok, nato, year_a=2006, year_b=1992, n=4096, rng=2006)
print(comparison)
print()

share = comparison.attribution
largest = max(share, key=lambda p: abs(share[p]))
iv = comparison.interval(0.9)
print(
    f"U.S.-ROK 2006 minus NATO 1992: {comparison.delta_health:+.3f} health"
    f" (90% interval {iv.low:+.3f} to {iv.high:+.3f});"
    f" the largest share, {share[largest]:+.3f}, comes from {largest.label}."
)
print(
    "Shared threat, U.S.-ROK 2006:"
    f" {comparison.a.shared_threat:.2f}; NATO 1992: {comparison.b.shared_threat:.2f}."
)
