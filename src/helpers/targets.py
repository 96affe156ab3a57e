"""People in need and targets for a scope, and % of target (METHOD.md rule 9)."""

from __future__ import annotations

import math

import pandas as pd

from .load import sector_key
from .schemas import POPULATION_TYPES


def sector_targets(targets: pd.DataFrame | None, sector: str) -> pd.DataFrame | None:
    if targets is None:
        return None
    key = sector_key(sector)
    return targets[targets["sector"].map(sector_key) == key]


def target_by_country(targets: pd.DataFrame | None, column: str = "target") -> pd.DataFrame | None:
    """country x population type table of targets (or people in need); None without targets."""
    if targets is None or targets.empty or targets[column].isna().all():
        return None
    table = targets.pivot_table(index="country", columns="population_type", values=column,
                                aggfunc="sum", fill_value=None)
    return table.reindex(columns=POPULATION_TYPES)


def target_for(targets: pd.DataFrame | None, countries, *, exclude_in_transit: bool = False,
               column: str = "target") -> float | None:
    """Σ target over the countries (and population types); None where no target is given."""
    if targets is None:
        return None
    rows = targets[targets["country"].isin(list(countries))]
    if exclude_in_transit:
        rows = rows[rows["population_type"] != "in_transit"]
    values = rows[column].dropna()
    if values.empty:
        return None
    return float(values.sum())


def percent_of_target(reached: float | None, target: float | None) -> float | None:
    """reached ÷ target × 100; no target (missing or 0) gives no percentage, never 0 or ∞."""
    if reached is None or target is None or not math.isfinite(target) or target <= 0:
        return None
    return 100.0 * reached / target
