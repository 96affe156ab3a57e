"""People reached (METHOD.md "People reached"): which rows count, and the sums over them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .geography import COUNTRIES, PLATFORMS, REGIONAL
from .load import per_distinct, per_distinct_pair, sector_key, text_key
from .schemas import AGE_GENDER, POPULATION_TYPES

REACHED_KEYS = ["total", *POPULATION_TYPES, "not_disaggregated"]
BY_COUNTRY_COLUMNS = ["country", "counts_as_people", "new_beneficiaries", *POPULATION_TYPES]
"""What `counted` and `reached_by_country` read of classified rows."""


def _all_or_some(rows: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """rows[mask]; every row kept costs no copy (copy-on-write keeps them apart)."""
    return rows.copy(deep=False) if mask.all() else rows[mask]


def sector_rows(activities: pd.DataFrame, sector: str) -> pd.DataFrame:
    """The rows of one sector (names compared after normalising &/and, case, spaces)."""
    key = sector_key(sector)
    codes, keys = per_distinct(activities["sector"], sector_key)
    return _all_or_some(activities, np.array([k == key for k in keys], dtype=bool)[codes])


def classify(rows: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Add (or replace) `indicator_type`, `counts_as_people` and `known_indicator`: a left
    join of the indicator reference on (sector, indicator text), worked out once per
    distinct pair."""
    ref = indicators.assign(
        _s=indicators["sector"].map(sector_key), _i=indicators["indicator"].map(text_key)
    ).drop_duplicates(["_s", "_i"])[["_s", "_i", "indicator_type", "counts_as_people"]]
    pair_of_row, pairs = per_distinct_pair(rows["sector"], sector_key,
                                           rows["indicator"], text_key)
    ref_row = {k: n for n, k in enumerate(zip(ref["_s"], ref["_i"], strict=True))}
    hit = np.array([ref_row.get(p, -1) for p in pairs], dtype=np.intp)[pair_of_row]
    found = {c: ref[c].reset_index(drop=True).reindex(hit).set_axis(rows.index)
             for c in ("indicator_type", "counts_as_people")}  # -1: missing, as in a join
    return rows.assign(
        indicator_type=found["indicator_type"],
        counts_as_people=found["counts_as_people"].fillna(False).astype(bool),
        known_indicator=hit >= 0)


def counted(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows whose indicator counts toward people reached (classified rows only)."""
    mask = rows["counts_as_people"]
    return _all_or_some(rows, mask.to_numpy()) if mask.dtype == bool else rows[mask]


def people_reached(rows: pd.DataFrame) -> dict[str, float]:
    """Σ new beneficiaries and Σ each population type over counted rows; missing counts as 0.

    Breakdowns often do not add up: the reported total is kept and the difference is
    `not_disaggregated` (it can be negative).
    """
    sums = rows[["new_beneficiaries", *POPULATION_TYPES]].sum(min_count=0).fillna(0.0)
    out = {"total": float(sums["new_beneficiaries"])}
    for p in POPULATION_TYPES:
        out[p] = float(sums[p])
    out["not_disaggregated"] = out["total"] - sum(out[p] for p in POPULATION_TYPES)
    return out


def age_gender(rows: pd.DataFrame) -> dict[str, float]:
    sums = rows[["new_beneficiaries", *AGE_GENDER]].sum().fillna(0.0)
    out = {k: float(sums[k]) for k in AGE_GENDER}
    out["not_disaggregated"] = float(sums["new_beneficiaries"]) - sum(out.values())
    return out


def monthly_progress(rows: pd.DataFrame, months: list[str]) -> pd.DataFrame:
    """New beneficiaries per month and their running total; the last value = people reached."""
    by_month = rows.groupby("month")["new_beneficiaries"].sum().reindex(months, fill_value=0.0)
    by_month = by_month.fillna(0.0)
    return pd.DataFrame({"month": months, "new": by_month.to_numpy(),
                         "cumulative": np.cumsum(by_month.to_numpy())})


def reached_by_country(rows: pd.DataFrame) -> pd.DataFrame:
    """People reached per country (all 17, zeros where none), regional rows excluded."""
    cols = ["new_beneficiaries", *POPULATION_TYPES]
    rows = rows.loc[rows["country"] != REGIONAL, ["country", *cols]]  # only what is summed
    sums = rows.groupby("country")[cols].sum().reindex(list(COUNTRIES), fill_value=0.0)
    sums = sums.fillna(0.0).rename(columns={"new_beneficiaries": "total"})
    sums["not_disaggregated"] = sums["total"] - sums[POPULATION_TYPES].sum(axis=1)
    return sums[REACHED_KEYS]


def platform_reached(by_country: pd.DataFrame, platform: str) -> dict[str, float]:
    """A platform is the plain sum of its countries, in-transit included."""
    part = by_country.loc[list(PLATFORMS[platform].countries)]
    return {k: float(part[k].sum()) for k in REACHED_KEYS}


def region_reached(by_country: pd.DataFrame) -> dict[str, float]:
    """The region: Σ countries, with the headline excluding in-transit people, who may be
    assisted in several countries and so are never added up across countries."""
    out = {k: float(by_country[k].sum()) for k in REACHED_KEYS}
    out["total_excluding_in_transit"] = out["total"] - out["in_transit"]
    return out


def by_field(rows: pd.DataFrame, field: str) -> pd.DataFrame:
    """People reached per value of a field (activity, partner, admin1), largest first."""
    cols = ["new_beneficiaries", *POPULATION_TYPES]
    out = rows.groupby(field)[cols].sum().fillna(0.0).rename(columns={"new_beneficiaries":
                                                                       "total"})
    out["not_disaggregated"] = out["total"] - out[POPULATION_TYPES].sum(axis=1)
    return out.sort_values("total", ascending=False)[REACHED_KEYS]


def outputs(rows: pd.DataFrame) -> pd.DataFrame:
    """What non-people indicators delivered (people trained, mechanisms, campaigns): reported
    beside people reached, never added to it."""
    out_rows = rows[~rows["counts_as_people"] & rows["known_indicator"]]
    if out_rows.empty:
        return pd.DataFrame(columns=["indicator_type", "indicator", "rows", "quantity_output",
                                     "total_monthly"])
    g = out_rows.groupby(["indicator_type", "indicator"])
    return pd.DataFrame({
        "rows": g.size(),
        "quantity_output": g["quantity_output"].sum(),
        "total_monthly": g["total_monthly"].sum(),
    }).reset_index()
