"""Coding workflow: blank sheets, independent coders, Krippendorff's alpha and pooled values.

Every coding below is SYNTHETIC: three made-up coders (true value plus noise, rounded to the scale)
for made-up members AAA, BBB and CCC. The script shows the workflow, not a finding, and invents no
coding for the built-in profiles.
"""

import csv
import tempfile
from pathlib import Path

import numpy as np

from alliance_health import catalogue, reliability

INDICATORS = ["threat-official", "integrated-command", "joint-operations"]
YEARS = range(2000, 2006)
CODERS = {"coder-a": 0.4, "coder-b": 0.6, "coder-c": 1.0}  # SYNTHETIC noise (sd, scale steps)

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
        true = truth.setdefault(key, float(rng.integers(int(lo), int(hi) + 1)))
        value = float(np.clip(np.round(true + noise * rng.normal()), lo, hi))
        row["value"] = f"{value:g}"
        row["lo"], row["hi"] = f"{max(lo, value - 1):g}", f"{min(hi, value + 1):g}"
        row["note"] = "SYNTHETIC coding for the example"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


with tempfile.TemporaryDirectory() as folder:
    sheets = []
    for coder, noise in CODERS.items():
        # 1. one blank sheet per coder, with the catalogue's coding guide in every row
        sheet = reliability.coding_sheet(
            catalogue,
            Path(folder) / f"{coder}.csv",
            indicators=INDICATORS,
            members=["AAA", "BBB", "CCC"],
            years=YEARS,
            coder=coder,
        )
        fill(sheet, noise)  # 2. the coders fill their sheets independently (SYNTHETIC here)
        sheets.append(sheet)
    codings = reliability.read_sheets(sheets)  # 3. read them back, every cell checked

print("SYNTHETIC coders and codings: an illustration of the workflow, not data.\n")
report = reliability.reliability_from_codings(codings, bootstrap=1000, rng=0)
print(report)  # 4. alpha per indicator, overall, and where the coders disagree most

print("\nPooled value of the unit of largest disagreement (median; mixture of the ranges):")
worst = report.disagreements[0]
mine = [c for c in codings if c.key == (worst.indicator, worst.member, worst.year)]
pooled = reliability.pool_codings(
    [c.value for c in mine], lo=[c.lo for c in mine], hi=[c.hi for c in mine], rng=0
)
print(pooled)
