"""Machine-readable exports: figures as flat CSV (with an HXL hashtag row) and JSON, for
`r4v-report figures` and for each chapter.

Every text cell that a spreadsheet would read as a formula is neutralised.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..core.columns import POPULATION_TYPES
from ..core.geography import REGIONAL
from ..disclosure import assert_no_small_counts
from ..figures.document import FiguresDocument, ScopeFigures
from .context import ChapterContext
from .model import LEVEL_COUNTRY, LEVEL_PLATFORM, LEVEL_REGION, PEOPLE_PARTS, TOTAL, Chapter

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
    ("warnings", "#meta+warnings"),
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


def entry_row(level: str, entry: Mapping[str, Any]) -> dict:
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
    row["warnings"] = ";".join(w["code"] for w in entry.get("warnings") or [])
    for key in (
        "target",
        "percent_of_target",
        "reporting_partners",
        "implementing_partners",
        "refugee_migrant_led_partners",
        "funding_usd",
        "donors",
    ):
        row[key] = entry.get(key)
    return row


def figures_table(doc: dict) -> pd.DataFrame:
    """One row per scope (region, platforms, countries, regional activities)."""
    rows = [entry_row("region", doc["region"])]
    rows += [entry_row("platform", p) for p in doc["platforms"]]
    rows += [entry_row("country", c) for c in doc["countries"]]
    rows += regional_activities_rows(doc)
    return pd.DataFrame(rows, columns=[c for c, _ in FIGURE_COLUMNS])


def regional_activities_rows(doc: Mapping[str, Any]) -> list[dict]:
    """The regional-activities block of a figures document as a row (none if it has none):
    regional rows belong to no country, so they get a level and an id of their own."""
    block = doc.get("regional_activities")
    if not block:
        return []
    return [
        entry_row("regional_activities", {**block, "id": REGIONAL, "name": "Regional activities"})
    ]


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


# ---------------------------------------------------------------- one chapter


def chapter_exports(ctx: ChapterContext, chapter: Chapter) -> dict:
    """The chapter's JSON document and CSV (suppressed unless exact exports were asked for)."""
    exact = ctx.exact
    entry = ctx.exact_entry if exact else ctx.entry
    doc = ctx.exact_document if exact else ctx.published_document
    tables = {
        "infographic": chapter.infographic,
        "reached_vs_target": chapter.reached_vs_target,
        "age_gender": chapter.age_gender,
        "progress": chapter.progress,
        "by_activity": chapter.by_activity,
        "by_partner": chapter.by_partner,
        "outputs": chapter.outputs,
        "lessons_countries": chapter.lessons.countries,
        "lessons_platforms": chapter.lessons.platforms,
        "misalignment": chapter.lessons.misalignment,
        "misalignment_organisations": chapter.lessons.organisations,
    }
    if exact:
        tables.update({k: v for k, v in ctx.exact_tables.items() if k in tables})
    if chapter.situation is not None:
        tables["situation"] = (
            ctx.exact_tables.get("situation")
            if exact
            else chapter.situation[
                ["country", "indicator", "published", "unit", "source", "date"]
            ].rename(columns={"published": "value"})
        )
    document = {
        "dataset": ctx.manifest.name,
        "synthetic": ctx.manifest.synthetic,
        "sector": ctx.analysis.sector,
        "period": {"start": ctx.manifest.period_start, "end": ctx.manifest.period_end},
        "scope": {"id": ctx.scope, "name": chapter.scope_name, "level": ctx.level},
        "exact": exact,
        "min_count": ctx.min_count,
        "funding_as_of": chapter.funding_as_of,
        "key_figures": entry,
        "tables": {name: _records(df) for name, df in tables.items() if df is not None},
        "withheld_tables": chapter.withheld,
        "people_hidden": chapter.people_hidden if not exact else None,
        "lessons": {
            "rank_correlation": {
                "rho": chapter.lessons.correlation.rho,
                "p_value": chapter.lessons.correlation.p_value,
                "n": chapter.lessons.correlation.n,
                "note": chapter.lessons.correlation.sentence,
            },
            "coverage_spread": {
                "cv": chapter.lessons.spread.cv,
                "mean": chapter.lessons.spread.mean,
                "n": chapter.lessons.spread.n,
                "note": chapter.lessons.spread.sentence,
            },
            "output_share": {
                "output_rows": chapter.lessons.outputs.output_rows,
                "rows": chapter.lessons.outputs.rows,
                "share": chapter.lessons.outputs.share,
                "by_type": chapter.lessons.outputs.by_type,
            },
        },
        "missing": chapter.missing,
        "provenance": chapter.provenance,
    }
    if exact:  # what pages (the chapter's, the index) may print, beside the exact figures
        document["key_figures_published"] = ctx.entry
    if ctx.level == LEVEL_REGION:
        document["regional_activities"] = doc.get("regional_activities")
        document["regional_funding_usd"] = doc.get("regional_funding_usd")
    if not exact:
        assert_no_small_counts(
            {"key_figures": entry, "regional": document.get("regional_activities")}, ctx.min_count
        )
    return {"document": document, "csv": chapter_csv(ctx, chapter, doc, entry)}


def chapter_csv(
    ctx: ChapterContext, chapter: Chapter, doc: FiguresDocument, entry: ScopeFigures
) -> str:
    """Key figures of the scope and of each unit one level down, one row each."""
    rows = [entry_row(ctx.level, entry)]
    if ctx.level == LEVEL_REGION:
        rows += [entry_row(LEVEL_PLATFORM, p) for p in doc["platforms"]]
        rows += regional_activities_rows(doc)
    elif ctx.level == LEVEL_PLATFORM:
        by_iso3 = {c["iso3"]: c for c in doc["countries"]}
        rows += [entry_row(LEVEL_COUNTRY, by_iso3[c]) for c in ctx.countries]
    else:
        table = ctx.exact_tables["infographic"] if ctx.exact else chapter.infographic
        if table is None:  # withheld: it would give a small count away
            table = pd.DataFrame(index=[TOTAL])
        for place, r in table.drop(index=TOTAL).iterrows():
            rows.append(
                entry_row(
                    "admin1",
                    {
                        "id": place,
                        "name": r["name"],
                        "platform": entry.get("platform", ""),
                        "reached": {**{p: r[p] for p in PEOPLE_PARTS}, "total": r["total"]},
                    },
                )
            )
    df = pd.DataFrame(rows, columns=[c for c, _ in FIGURE_COLUMNS])
    return csv_with_hxl(df, dict(FIGURE_COLUMNS))


def _records(df: pd.DataFrame) -> list[dict]:
    out = []
    for idx, row in df.iterrows():
        rec = {"id": idx if not isinstance(idx, (np.integer,)) else int(idx)}
        for col, v in row.items():
            if isinstance(v, float) and math.isnan(v):
                v = None
            elif isinstance(v, (list, tuple)):
                v = [list(x) if isinstance(x, tuple) else x for x in v]
            rec[str(col)] = v
        out.append(rec)
    return out
