"""The essay's options for a re-imagined U.S.-ROK alliance, projected 2008-2015 side by side.

Each option is a hypothetical transformation (source kind "scenario"), not a forecast: it shows
what the health score would do if the option's assumptions held (see each scenario's docstring).
"""

import alliance_health as ah
from alliance_health import scenarios as sc

rok = ah.fixtures.rok_us()
options = {
    "persistence": [],
    "drift": [sc.drift()],
    "hedge": [sc.hedge(threats=["north-korea-nuclear", "north-korea-attack"])],
    "new missions + out of area": [
        sc.new_missions(threats=["nuclear-proliferation"]),
        sc.out_of_area(),
    ],
    "expansion": [sc.expansion()],
    "close in 2012": [sc.close(year=2012)],
}

years = list(range(2007, 2016))
print(f"{'option':<28}" + "".join(f"{y:>7}" for y in years))
for name, chosen in options.items():
    projection = sc.project(rok, chosen, until=2015, n=1024, rng=7)
    t = projection.trajectory
    row = [t.at(y)["health"] for y in years]
    print(f"{name:<28}" + "".join(f"{h:7.3f}" for h in row))

drifting = sc.project(rok, [sc.drift()], until=2015, n=2048, rng=7).trajectory
iv = drifting.interval(0.9)
k = int((drifting.years == 2015).argmax())
print(
    f"\nUnder drift, health in 2015 would be {drifting.health[k]:.2f}"
    f" (90% interval {iv.low[k]:.2f}-{iv.high[k]:.2f})."
)
