"""The situation section's tables: situation indicators of the scope's countries (counts
of people suppressed), grouped indicators, where each indicator is highest, and people
in need."""

from __future__ import annotations

import math

import pandas as pd

from ..core.geography import country_name
from ..disclosure import is_small, mask
from ..figures import targets
from .context import ChapterContext


def situation(ctx: ChapterContext) -> tuple[pd.DataFrame | None, dict, pd.DataFrame | None]:
    """Situation indicators of the scope's countries (counts of people suppressed), the
    groups of indicators sharing a prefix ("Main form of exploitation: …") as country ×
    part tables, and where each other indicator is highest."""
    sit = ctx.dataset.situation
    if sit is None:
        return None, {}, None
    sit = sit[sit["country"].isin(list(ctx.countries))].copy()
    if sit.empty:
        return sit.assign(name=[], published=[]), {}, None
    sit["name"] = sit["country"].map(country_name)
    sit["number"] = pd.to_numeric(sit["value"].str.replace(",", "", regex=False), errors="coerce")
    people_unit = sit["unit"].str.casefold().str.strip().isin({"people", "persons", "individuals"})
    published = []
    for v, n, is_people in zip(sit["value"], sit["number"], people_unit, strict=True):
        published.append(
            mask(n, ctx.min_count)
            if is_people and is_small(n, ctx.min_count)
            else (n if not math.isnan(n) else v)
        )
    sit["published"] = published
    sit["people"] = people_unit
    ctx.keep_exact("situation", sit[["country", "indicator", "value", "unit", "source", "date"]])
    groups: dict[str, pd.DataFrame] = {}
    split = sit["indicator"].str.split(":", n=1)
    sit["group"] = [p[0].strip() if len(p) == 2 else None for p in split]
    sit["part"] = [p[1].strip() if len(p) == 2 else None for p in split]
    for g, part in sit[sit["group"].notna()].groupby("group", sort=False):
        table = part.pivot_table(
            index="name", columns="part", values="number", aggfunc="first", sort=False
        )
        table["__unit__"] = part.groupby("name")["unit"].first()
        if part["people"].any():
            continue  # groups of people counts would need complementary suppression
        groups[str(g)] = table
    singles = sit[sit["group"].isna() & sit["number"].notna()]
    concentration = None
    if len(ctx.countries) > 1 and not singles.empty:
        rows = []
        for ind, part in singles.groupby("indicator", sort=False):
            top = part.sort_values("number", ascending=False).head(3)
            rows.append(
                {
                    "indicator": ind,
                    "unit": top["unit"].iloc[0],
                    "countries": len(part),
                    "highest": [(n, p) for n, p in zip(top["name"], top["published"], strict=True)],
                }
            )
        concentration = pd.DataFrame(rows)
    return sit, groups, concentration


def situation_wide(sit: pd.DataFrame | None) -> tuple[pd.DataFrame | None, dict, list]:
    """The indicators as one country × indicator table (published values), their units
    and their sources with dates."""
    if sit is None or sit.empty:
        return None, {}, []
    indicators = list(dict.fromkeys(sit["indicator"]))
    countries = list(dict.fromkeys(sit["name"]))
    wide = pd.DataFrame(index=pd.Index(countries, dtype=object), columns=indicators, dtype=object)
    for name, ind, value in zip(sit["name"], sit["indicator"], sit["published"], strict=True):
        wide.at[name, ind] = value
    units = {i: u for i, u in zip(sit["indicator"], sit["unit"], strict=True)}
    sources = sorted(
        {
            f"{src} ({d})" if d else str(src)
            for src, d in zip(sit["source"], sit["date"], strict=True)
            if src
        }
    )
    return wide, units, sources


def people_in_need(ctx: ChapterContext) -> dict | None:
    st = ctx.analysis.sector_targets
    if st is None or st.empty:
        return None
    pin = targets.target_for(st, ctx.scope, column="people_in_need")
    return None if pin is None else {"total": pin}
