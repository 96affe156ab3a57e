"""A seeded synthetic 5W of any size, all sectors, in the ActivityInfo export dialect.

Used by `benchmarks/run.py` only: the shipped sample (`data/sample/`) is small on
purpose; this makes 100K or 1M rows of the same shape so that loading and
consolidating can be timed. The same seed and size always give the same bytes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.core.geography import COUNTRIES
from helpers.sample.generate import EXPORT_HEADERS, INDICATORS

# More sectors than the sample so that "all sectors" means something; indicator texts
# outside protection are invented for the benchmark.
EXTRA_INDICATORS = [
    ("BM-ED1", "Education", "# of children enrolled in formal education", "Direct Assistance"),
    ("BM-ED2", "Education", "# of teachers trained", "Capacity Building"),
    ("BM-HE1", "Health", "# of primary health care consultations", "Direct Assistance"),
    ("BM-HE2", "Health", "# of health campaigns carried out", "Campaign"),
    ("BM-FS1", "Food Security", "# of people receiving food assistance", "Direct Assistance"),
    ("BM-SH1", "Shelter", "# of collective shelters supported", "Infrastructure"),
]
ALL_INDICATORS = [*INDICATORS, *EXTRA_INDICATORS]
ORGS = [
    "International Organization for Migration (IOM)",
    "United Nations High Commissioner for Refugees (UNHCR)",
    "United Nations Children's Fund (UNICEF)",
    "Andean Rights Alliance",
    "Safe Routes International",
    "Fundación Puente Seguro",
    "Caribbean Shelter Network",
    "Corporación Horizonte Libre",
]
COUNTRY_NAMES = [c.name for c in COUNTRIES.values()] + ["Regional"]
MONTHS = [f"2023-{m:02d}" for m in range(1, 13)]

MANIFEST = """\
name: Benchmark 5W ({rows:,} rows, synthetic)
synthetic: true
period: {{start: 2023-01, end: 2023-12}}
sector: Protection (Human Trafficking and Smuggling)
activities: [{files}]
indicators: indicators.csv
"""


def activities_frame(rows: int, seed: int) -> pd.DataFrame:
    """`rows` 5W rows with ActivityInfo headers; numbers are whole and breakdowns add up."""
    rng = np.random.default_rng(seed)
    ind = rng.integers(0, len(ALL_INDICATORS), rows)
    country = rng.integers(0, len(COUNTRY_NAMES), rows)
    org = rng.integers(0, len(ORGS), rows)
    setup = rng.random(rows) < 0.3
    partner = rng.integers(0, len(ORGS), rows)
    new = rng.integers(0, 200, rows)
    total = new + rng.integers(0, 100, rows)
    # population types: split `new` in five parts that add up
    cuts = np.sort(rng.integers(0, 201, (rows, 4)), axis=1)
    cuts = (cuts * new[:, None]) // 200
    bounds = np.concatenate([np.zeros((rows, 1), int), cuts, new[:, None]], axis=1)
    pop = np.diff(bounds, axis=1)
    age = np.diff(
        np.concatenate(
            [
                np.zeros((rows, 1), int),
                (np.sort(rng.integers(0, 201, (rows, 5)), axis=1) * new[:, None]) // 200,
                new[:, None],
            ],
            axis=1,
        ),
        axis=1,
    )
    codes = np.array([i[0] for i in ALL_INDICATORS])
    sectors = np.array([i[1] for i in ALL_INDICATORS])
    texts = np.array([i[2] for i in ALL_INDICATORS])
    names = np.array(COUNTRY_NAMES)
    orgs = np.array(ORGS)
    data = {
        "Country": names[country],
        "Country Admin1": np.char.add(
            "Admin1-", (country * 10 + rng.integers(0, 8, rows)).astype(str)
        ),
        "Admin2": "",
        "Appealing organisation Name": orgs[org],
        "Implementation Set up": np.where(setup, "Yes", "No"),
        "Implementing partner Name": np.where(setup, orgs[partner], ""),
        "Month": np.array(MONTHS)[rng.integers(0, 12, rows)],
        "Indicator Sector": sectors[ind],
        "Indicator": texts[ind],
        "Activity Name": np.char.add("Activity ", codes[ind]),
        "Activity Description": "Synthetic benchmark row",
        "RMRP Activity": "Yes",
        "CVA": "No",
        "Value (in USD)": "",
        "Delivery mechanism": "",
        "Quantity of output": rng.integers(1, 20, rows),
        "Total monthly beneficiaries": total,
        "New beneficiaries of the month": new,
    }
    pop_headers = EXPORT_HEADERS[18:23]
    age_headers = EXPORT_HEADERS[23:29]
    for i, h in enumerate(pop_headers):
        data[h] = pop[:, i]
    for i, h in enumerate(age_headers):
        data[h] = age[:, i]
    return pd.DataFrame(data, columns=EXPORT_HEADERS)


def write_dataset(folder: Path, rows: int, seed: int = 2023, files: int = 2) -> Path:
    """A dataset folder (manifest, indicator list, `files` 5W CSV parts) with `rows` rows."""
    folder.mkdir(parents=True, exist_ok=True)
    frame = activities_frame(rows, seed)
    names = []
    for i, part in enumerate(np.array_split(np.arange(rows), files), 1):
        name = f"activities-{i}.csv"
        frame.iloc[part].to_csv(folder / name, index=False, lineterminator="\n")
        names.append(name)
    pd.DataFrame(
        ALL_INDICATORS, columns=["CODE", "Sector/Subsector/WG", "Indicator", "Indicator Type"]
    ).to_csv(folder / "indicators.csv", index=False, lineterminator="\n")
    (folder / "dataset.yaml").write_text(
        MANIFEST.format(rows=rows, files=", ".join(names)), encoding="utf-8"
    )
    return folder


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=2023)
    a = ap.parse_args()
    print(write_dataset(a.out, a.rows, a.seed))
