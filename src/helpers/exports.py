"""Machine-readable exports: figures as flat CSV (with an HXL hashtag row) and JSON.

Every text cell that a spreadsheet would read as a formula is neutralised.
"""

from __future__ import annotations

import csv
import io
import json
import math

import pandas as pd

from .geography import REGIONAL
from .schemas import POPULATION_TYPES

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

FIGURE_COLUMNS = [
    ("level", "#meta+level"),
    ("id", "#meta+id"),
    ("name", "#meta+name"),
    ("platform", "#meta+platform"),
    ("reached_total", "#reached+total"),
    *[(f"reached_{p}", f"#reached+{p}") for p in POPULATION_TYPES],
    ("reached_not_disaggregated", "#reached+not_disaggregated"),
    ("reached_total_excluding_in_transit", "#reached+total+excl_in_transit"),
    ("target", "#targeted+total"),
    ("percent_of_target", "#reached+pct"),
    ("reporting_partners", "#org+reporting+num"),
    ("implementing_partners", "#org+implementing+num"),
    ("refugee_migrant_led_partners", "#org+implementing+rmled+num"),
    ("funding_usd", "#value+funding+usd"),
    ("donors", "#org+funder+num"),
]


def neutralise(value):
    """Prefix text that a spreadsheet would execute as a formula with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        try:
            float(value)
            return value  # a plain negative number written as text is data, not a formula
        except ValueError:
            return "'" + value
    return value


def entry_row(level: str, entry: dict) -> dict:
    """One scope's figures as one flat row in FIGURE_COLUMNS (figures CSV, chapter CSV)."""
    reached = entry.get("reached") or {}
    row = {
        "level": level,
        "id": entry.get("iso3") or entry.get("id") or level,
        "name": entry.get("name", ""),
        "platform": entry.get("platform", ""),
        "reached_total": reached.get("total"),
        **{f"reached_{p}": reached.get(p) for p in POPULATION_TYPES},
        "reached_not_disaggregated": reached.get("not_disaggregated"),
        "reached_total_excluding_in_transit": reached.get("total_excluding_in_transit"),
    }
    for key in ("target", "percent_of_target", "reporting_partners", "implementing_partners",
                "refugee_migrant_led_partners", "funding_usd", "donors"):
        row[key] = entry.get(key)
    return row


def figures_table(doc: dict) -> pd.DataFrame:
    """One row per scope (region, platforms, countries, regional activities)."""
    rows = [entry_row("region", doc["region"])]
    rows += [entry_row("platform", p) for p in doc["platforms"]]
    rows += [entry_row("country", c) for c in doc["countries"]]
    rows += regional_activities_rows(doc)
    return pd.DataFrame(rows, columns=[c for c, _ in FIGURE_COLUMNS])


def regional_activities_rows(doc: dict) -> list[dict]:
    """The regional-activities block of a figures document as a row (none if it has none):
    regional rows belong to no country, so they get a level and an id of their own."""
    block = doc.get("regional_activities")
    if not block:
        return []
    return [entry_row("regional_activities",
                      {**block, "id": REGIONAL, "name": "Regional activities"})]


def csv_with_hxl(df: pd.DataFrame, hxl: dict[str, str] | None = None) -> str:
    """CSV text: header row, HXL hashtag row, then data; formula-like text neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralise(str(c)) for c in df.columns])
    if hxl is not None:
        writer.writerow([hxl.get(c, "") for c in df.columns])
    for values in df.itertuples(index=False):
        writer.writerow([_cell(v) for v in values])
    return out.getvalue()


def _cell(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return neutralise(v)


def figures_csv(doc: dict) -> str:
    return csv_with_hxl(figures_table(doc), dict(FIGURE_COLUMNS))


def to_json(doc) -> str:
    """JSON with numbers as numbers, NaN as null, and whole floats as integers."""
    return json.dumps(_clean(doc), ensure_ascii=False, indent=2)


def _clean(obj):
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set)):
        return [_clean(v) for v in (sorted(obj) if isinstance(obj, set) else obj)]
    if isinstance(obj, float):
        if math.isnan(obj) or math.isinf(obj):
            return None
        return int(obj) if obj.is_integer() else round(obj, 4)
    if hasattr(obj, "item"):  # numpy scalar
        return _clean(obj.item())
    return obj
