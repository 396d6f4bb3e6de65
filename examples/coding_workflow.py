"""Coding workflow end to end: sheets, coders, alpha, merging into a profile, the coder spread.

Every coding below is SYNTHETIC: three made-up coders (a made-up true value plus noise, rounded
to the scale) code two indicators of the illustrative profile ``testing.minimal_profile()``,
whose own values are illustrative, not data. The script shows the workflow, not a finding, and
invents no coding for the built-in profiles.

The same steps from a shell: ``alliance-health coding-sheet --profile my.toml --indicators
pledge,meetings --years 2007:2016 --coder coder-a --out coder-a.csv`` for each coder, then
``alliance-health reliability coder-*.csv --profile my.toml``.
"""

import csv
import tempfile
from pathlib import Path

import numpy as np

from alliance_health import reliability, testing

INDICATORS = ["pledge", "meetings"]
YEARS = range(2007, 2017)
CODERS = {"coder-a": 0.3, "coder-b": 0.5, "coder-c": 0.9}  # SYNTHETIC noise (sd, scale steps)

rng = np.random.default_rng(2006)
truth: dict[tuple[str, str, str], float] = {}


def fill(path: Path, noise: float) -> None:
    """Play one SYNTHETIC coder: fill value, lo, hi and note of every row of a blank sheet."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        lo, hi = float(row["scale_lo"]), float(row["scale_hi"])
        key = (row["indicator"], row["member"], row["year"])
        true = truth.setdefault(key, float(rng.integers(int(lo) + 1, int(hi) + 1)))
        value = float(np.clip(np.round(true + noise * rng.normal()), lo, hi)) + 0.0  # no -0
        row["value"] = f"{value:g}"
        row["lo"], row["hi"] = f"{max(lo, value - 1):g}", f"{min(hi, value + 1):g}"
        row["note"] = "SYNTHETIC coding for the example"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


profile = testing.minimal_profile()  # illustrative values, not data
with tempfile.TemporaryDirectory() as folder:
    sheets = []
    for coder, noise in CODERS.items():
        # 1. one blank sheet per coder, with each indicator's definition in every row
        sheet = reliability.coding_sheet(
            profile, Path(folder) / f"{coder}.csv", indicators=INDICATORS, years=YEARS, coder=coder
        )
        fill(sheet, noise)  # 2. the coders fill their sheets independently (SYNTHETIC here)
        sheets.append(sheet)
    codings = reliability.read_sheets(sheets, source=profile)  # 3. read back, every cell checked

print("SYNTHETIC coders and codings of an illustrative profile: the workflow, not data.\n")
report = reliability.reliability_from_codings(
    codings, indicators=profile.indicators, bootstrap=1000, rng=0
)
print(report)  # 4. alpha per indicator, overall, and where the coders disagree most

# 5. merge the codings into a copy of the profile: one observation per coding, naming its coder
merged = reliability.merge_codings(profile, codings)
print(
    f"\nMerged {len(codings)} codings into a copy of {profile.id!r}:"
    f" {len(profile.observations)} -> {len(merged.observations)} observations,"
    f" cited as {merged.sources[-1].title!r}\n"
)

# 6. how far the disagreement moves the scores: the profile scored once per coder
print(reliability.coder_spread(merged))

print("\nPooled value of the unit of largest disagreement (median; mixture of the ranges):")
worst = report.disagreements[0]
mine = [c for c in codings if c.key == (worst.indicator, worst.member, worst.year)]
pooled = reliability.pool_codings(
    [c.value for c in mine], lo=[c.lo for c in mine], hi=[c.hi for c in mine], rng=0
)
print(pooled)
