"""People in need and targets for a scope, and % of target (METHOD.md rule 9)."""

from __future__ import annotations

import math

import pandas as pd

from ..core.columns import POPULATION_TYPES
from ..core.geography import scope_countries
from ..core.names import name_key
from .reach import counts_in_transit


def sector_targets(targets: pd.DataFrame | None, sector: str) -> pd.DataFrame | None:
    """The targets table's rows of one sector; None when the dataset has no targets."""
    if targets is None:
        return None
    key = name_key(sector)
    return targets[targets["sector"].map(name_key) == key]


def _scope_rows(targets: pd.DataFrame, scope: str) -> pd.DataFrame:
    rows = targets[targets["country"].isin(list(scope_countries(scope)))]
    if not counts_in_transit(scope):
        rows = rows[rows["population_type"] != "in_transit"]
    return rows


def target_for(targets: pd.DataFrame | None, scope: str, *, column: str = "target") -> float | None:
    """Σ target (or people in need) of a scope, over the population types its headline
    counts (the region's leaves in-transit out); None where none is given."""
    if targets is None:
        return None
    values = _scope_rows(targets, scope)[column].dropna()
    if values.empty:
        return None
    return float(values.sum())


def target_by_type(
    targets: pd.DataFrame | None, scope: str, *, column: str = "target"
) -> dict[str, float | None]:
    """Σ target (or people in need) of a scope per population type; None where none is
    given (and for in-transit where the scope does not add it up)."""
    if targets is None:
        return {}
    rows = _scope_rows(targets, scope)
    out: dict[str, float | None] = {}
    for p in POPULATION_TYPES:
        values = rows.loc[rows["population_type"] == p, column].dropna()
        out[p] = float(values.sum()) if not values.empty else None
    return out


def percent_of_target(reached: float | None, target: float | None) -> float | None:
    """reached ÷ target × 100; no target (missing or 0) gives no percentage, never 0 or ∞."""
    if reached is None or target is None or not math.isfinite(target) or target <= 0:
        return None
    return 100.0 * reached / target
