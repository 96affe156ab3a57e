"""People reached (METHOD.md "People reached"): which rows count, and the sums over them.

One function sums people (`people_reached`, for any grouping); one decides what the
region adds up (`counts_in_transit`, `headline_people`): in-transit people are never
added up across countries (METHOD.md rule 8).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.columns import AGE_GENDER, POPULATION_TYPES
from ..core.distinct import per_distinct, per_distinct_pair
from ..core.geography import COUNTRIES, PLATFORMS, REGION, REGIONAL
from ..core.names import name_key

NOT_DISAGGREGATED = "not_disaggregated"
REACHED_KEYS = ["total", *POPULATION_TYPES, NOT_DISAGGREGATED]
TOTAL_EXCLUDING_IN_TRANSIT = "total_excluding_in_transit"
SUMMED_COLUMNS = ["new_beneficiaries", *POPULATION_TYPES]
BY_COUNTRY_COLUMNS = ["country", "counts_as_people", *SUMMED_COLUMNS]
"""What `counted` and `reached_by_country` read of classified rows."""


def _all_or_some(rows: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """rows[mask]; every row kept costs no copy (copy-on-write keeps them apart)."""
    return rows.copy(deep=False) if mask.all() else rows[mask]


def sector_rows(activities: pd.DataFrame, sector: str) -> pd.DataFrame:
    """The rows of one sector (names compared by `name_key`)."""
    key = name_key(sector)
    codes, keys = per_distinct(activities["sector"], name_key)
    return _all_or_some(activities, np.array([k == key for k in keys], dtype=bool)[codes])


def classify(rows: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Add (or replace) `indicator_type`, `counts_as_people` and `known_indicator`: a left
    join of the indicator reference on (sector, indicator text), worked out once per
    distinct pair."""
    ref = indicators.assign(
        _s=indicators["sector"].map(name_key), _i=indicators["indicator"].map(name_key)
    ).drop_duplicates(["_s", "_i"])[["_s", "_i", "indicator_type", "counts_as_people"]]
    pair_of_row, pairs = per_distinct_pair(rows["sector"], name_key, rows["indicator"], name_key)
    ref_row = {k: n for n, k in enumerate(zip(ref["_s"], ref["_i"], strict=True))}
    hit = np.array([ref_row.get(p, -1) for p in pairs], dtype=np.intp)[pair_of_row]
    found = {
        c: ref[c].reset_index(drop=True).reindex(hit).set_axis(rows.index)
        for c in ("indicator_type", "counts_as_people")
    }  # -1: missing, as in a join
    return rows.assign(
        indicator_type=found["indicator_type"],
        counts_as_people=found["counts_as_people"].fillna(False).astype(bool),
        known_indicator=hit >= 0,
    )


def counted(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows whose indicator counts toward people reached (classified rows only)."""
    mask = rows["counts_as_people"]
    return _all_or_some(rows, mask.to_numpy()) if mask.dtype == bool else rows[mask]


# ---------------------------------------------------------------- sums


def people_reached(rows: pd.DataFrame, by=None) -> pd.DataFrame:
    """Σ new beneficiaries (`total`) and Σ each population type over counted rows, per
    group of `by` (a column name or a Series aligned with the rows), or in one row labelled
    "all" when `by` is None. Missing counts are 0. Breakdowns often do not add up: the
    reported total is kept and the difference is `not_disaggregated` (it can be negative)."""
    values = rows[SUMMED_COLUMNS]
    if by is None:
        sums = values.sum(min_count=0).to_frame("all").T
    else:
        key = rows[by] if isinstance(by, str) else by
        sums = values.groupby(key.to_numpy() if isinstance(key, pd.Series) else key).sum()
    sums = sums.astype("float64").fillna(0.0).rename(columns={"new_beneficiaries": "total"})
    sums[NOT_DISAGGREGATED] = sums["total"] - sums[POPULATION_TYPES].sum(axis=1)
    return sums[REACHED_KEYS]


def reached_totals(rows: pd.DataFrame) -> dict[str, float]:
    """`people_reached` of all the rows, as a dict of floats."""
    return {k: float(v) for k, v in people_reached(rows).iloc[0].items()}


def reached_by_country(rows: pd.DataFrame) -> pd.DataFrame:
    """People reached per country (all 17, zeros where none), regional rows excluded."""
    rows = rows.loc[rows["country"] != REGIONAL, ["country", *SUMMED_COLUMNS]]
    return people_reached(rows, by="country").reindex(list(COUNTRIES), fill_value=0.0)


def by_field(rows: pd.DataFrame, field: str) -> pd.DataFrame:
    """People reached per value of a field (activity, partner, admin1), largest first."""
    return people_reached(rows, by=field).sort_values("total", ascending=False)


def age_gender(rows: pd.DataFrame) -> dict[str, float]:
    """Σ each age and gender column; what they leave of people reached is not disaggregated."""
    sums = rows[["new_beneficiaries", *AGE_GENDER]].sum().fillna(0.0)
    out = {k: float(sums[k]) for k in AGE_GENDER}
    out[NOT_DISAGGREGATED] = float(sums["new_beneficiaries"]) - sum(out.values())
    return out


def monthly_progress(people: pd.Series, months: pd.Series, period: list[str]) -> pd.DataFrame:
    """People per month and their running total; the last value equals people reached."""
    by_month = people.groupby(months.to_numpy()).sum().reindex(period, fill_value=0.0)
    by_month = by_month.fillna(0.0)
    return pd.DataFrame(
        {"month": period, "new": by_month.to_numpy(), "cumulative": np.cumsum(by_month.to_numpy())}
    )


# ---------------------------------------------------------------- the region's rule


def counts_in_transit(scope: str) -> bool:
    """Whether a scope's people-reached headline (and target) includes in-transit people:
    a country's and a platform's do; the region's never does, since in-transit people may
    be assisted in several countries (METHOD.md rule 8)."""
    return scope != REGION


def headline_people(rows: pd.DataFrame, scope: str) -> pd.Series:
    """Each counted row's contribution to the scope's headline: its new beneficiaries, less
    its in-transit people where the scope does not add them up."""
    people = rows["new_beneficiaries"].fillna(0.0)
    if not counts_in_transit(scope):
        people = people - rows["in_transit"].fillna(0.0)
    return people


def platform_reached(by_country: pd.DataFrame, platform: str) -> dict[str, float]:
    """A platform is the plain sum of its countries, in-transit included."""
    part = by_country.loc[list(PLATFORMS[platform].countries)]
    return {k: float(part[k].sum()) for k in REACHED_KEYS}


def region_reached(by_country: pd.DataFrame) -> dict[str, float | None]:
    """The region: Σ over countries of (people reached − in transit), and each other
    breakdown summed; its in-transit figure is None, since in-transit people are never
    added up across countries, and no figure of the region includes them."""
    out: dict[str, float | None] = {k: float(by_country[k].sum()) for k in REACHED_KEYS}
    out["total"] = float((by_country["total"] - by_country["in_transit"]).sum())
    out["in_transit"] = None
    out[TOTAL_EXCLUDING_IN_TRANSIT] = out["total"]
    return out


def outputs(rows: pd.DataFrame) -> pd.DataFrame:
    """What non-people indicators delivered (people trained, mechanisms, campaigns): reported
    beside people reached, never added to it."""
    out_rows = rows[~rows["counts_as_people"] & rows["known_indicator"]]
    if out_rows.empty:
        return pd.DataFrame(
            columns=["indicator_type", "indicator", "rows", "quantity_output", "total_monthly"]
        )
    g = out_rows.groupby(["indicator_type", "indicator"])
    return pd.DataFrame(
        {
            "rows": g.size(),
            "quantity_output": g["quantity_output"].sum(),
            "total_monthly": g["total_monthly"].sum(),
        }
    ).reset_index()


def activity_labels(rows: pd.DataFrame) -> pd.Series:
    """Each row's activity as the activity table names it: its name, else its RMRP
    activity, else "(activity not named)"."""
    label = rows["activity_name"].where(
        rows["activity_name"].str.strip() != "", rows["rmrp_activity"]
    )
    return label.where(label.str.strip() != "", "(activity not named)").str.strip()


NO_PLACE = "(not given)"
"""The admin-1 label of 5W rows that name no place: one row of their own in every table."""


def admin1_labels(rows: pd.DataFrame) -> pd.Series:
    """Each row's admin-1 place as the tables label it (`NO_PLACE` where none is given)."""
    return rows["admin1"].replace("", NO_PLACE)
