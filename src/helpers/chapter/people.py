"""The chapter's tables of people: the infographic (one level down), reached against
target, age and gender, monthly progress, people by activity and by partner, outputs.

Each part builds its exact table, suppresses it with the relations it prints (rows add
up to their totals, months to the running total), and keeps the exact table only when
exact exports were asked for.
"""

from __future__ import annotations

import pandas as pd

from ..core.columns import AGE_GENDER, AGE_GENDER_LABELS, POPULATION_LABELS, POPULATION_TYPES
from ..core.geography import REGIONAL
from ..core.numbers import finite_number as number
from ..disclosure import is_hidden, is_small, mask
from ..figures import partners, reach, targets
from ..figures.document import FiguresDocument, ScopeFigures, headline, scope_entry
from ..figures.reach import NOT_DISAGGREGATED
from .context import ChapterContext
from .model import LEVEL_COUNTRY, LEVEL_REGION, OTHER, PEOPLE_PARTS, TOP_ROWS, TOTAL

INFOGRAPHIC_COLUMNS = ["name", *PEOPLE_PARTS, "total", "funding_usd"]


def infographic(ctx: ChapterContext) -> tuple[pd.DataFrame, str]:
    """People reached by population type and budget received, one level down, with the
    scope's totals row (index `TOTAL`); and what one row is."""
    if ctx.level == LEVEL_COUNTRY:
        return _admin1_infographic(ctx), "admin-1 place"

    def row(entry: ScopeFigures, name: str) -> dict:
        r = entry["reached"]
        return {
            "name": name,
            **{p: r.get(p) for p in PEOPLE_PARTS},
            "total": r.get("total"),
            "funding_usd": entry.get("funding_usd"),
        }

    def table(doc: FiguresDocument) -> pd.DataFrame:
        if ctx.level == LEVEL_REGION:
            units = {p["id"]: row(p, p["name"]) for p in doc["platforms"]}
            region = doc["region"]
            totals = row(region, "Region")
            totals["in_transit"] = None  # never added up across countries
            totals["total"] = headline(region)
            platform_funding = [number(p.get("funding_usd")) for p in doc["platforms"]]
            totals["funding_usd"] = (
                None
                if not ctx.analysis.has_funding
                else float(sum(v or 0.0 for v in platform_funding))
            )
        else:
            by_iso3 = {c["iso3"]: c for c in doc["countries"]}
            units = {c: row(by_iso3[c], by_iso3[c]["name"]) for c in ctx.countries}
            totals = row(scope_entry(doc, ctx.scope), ctx.entry["name"])  # type: ignore[typeddict-item]
        out = pd.DataFrame.from_dict(
            {**units, TOTAL: totals}, orient="index", columns=INFOGRAPHIC_COLUMNS
        )
        return out.astype(object)

    ctx.keep_exact("infographic", table(ctx.exact_document))
    return table(ctx.published_document), "platform" if ctx.level == LEVEL_REGION else "country"


def _admin1_infographic(ctx: ChapterContext) -> pd.DataFrame:
    rows = ctx.counted.assign(admin1=ctx.counted["admin1"].replace("", "(not given)"))
    by = (
        reach.by_field(rows, "admin1")
        if not rows.empty
        else pd.DataFrame(columns=reach.REACHED_KEYS, dtype="float64")
    )
    exact = pd.DataFrame(
        {
            "name": by.index.astype(str),
            **{p: by[p] for p in PEOPLE_PARTS},
            "total": by["total"],
            "funding_usd": None,
        },
        index=by.index,
    )
    exact = exact.sort_values("total", ascending=False)
    published_total = {
        "name": ctx.entry["name"],  # type: ignore[typeddict-item]
        **{p: ctx.entry["reached"][p] for p in PEOPLE_PARTS},  # type: ignore[literal-required]
        "total": ctx.entry["reached"]["total"],
        "funding_usd": None,
    }
    exact_total = {
        **published_total,
        **{
            p: ctx.exact_entry["reached"][p]  # type: ignore[literal-required]
            for p in [*PEOPLE_PARTS, "total"]
        },
    }
    ctx.keep_exact(
        "infographic",
        pd.concat([exact, pd.DataFrame([exact_total], index=[TOTAL])]).reindex(
            columns=INFOGRAPHIC_COLUMNS
        ),
    )
    table = pd.concat(
        [exact.astype(object), pd.DataFrame([published_total], index=[TOTAL]).astype(object)]
    )
    table = table.reindex(columns=INFOGRAPHIC_COLUMNS).astype(object)
    return ctx.suppress_frame(
        "admin-1 table", table, PEOPLE_PARTS, row_total="total", total_row=TOTAL
    )


def _percent(reached, target) -> float | None:
    r, t = number(reached), number(target)
    return targets.percent_of_target(r, t) if r is not None else None


def reached_vs_target(ctx: ChapterContext) -> pd.DataFrame:
    """Reached, target and people in need by population type, with the scope's row."""
    st = ctx.analysis.sector_targets
    region = not reach.counts_in_transit(ctx.scope)
    target = targets.target_by_type(st, ctx.scope)
    pin = targets.target_by_type(st, ctx.scope, column="people_in_need")
    total_target = ctx.analysis.target(ctx.scope)
    total_pin = targets.target_for(st, ctx.scope, column="people_in_need")
    rows = {}
    for entry, name in ((ctx.entry, "published"), (ctx.exact_entry, "exact")):
        table = {}
        for p in POPULATION_TYPES:
            reached = None if region and p == "in_transit" else entry["reached"][p]  # type: ignore[literal-required]
            t = target.get(p)
            table[p] = {
                "label": POPULATION_LABELS[p],
                "people_in_need": pin.get(p),
                "target": t,
                "reached": reached,
                "percent_of_target": _percent(reached, t),
            }
        table[TOTAL] = {
            "label": "All population types" + (" (in transit excluded)" if region else ""),
            "people_in_need": total_pin,
            "target": total_target,
            "reached": headline(entry),
            "percent_of_target": entry["percent_of_target"],
        }
        rows[name] = pd.DataFrame.from_dict(table, orient="index").astype(object)
    ctx.keep_exact("reached_vs_target", rows["exact"])
    return rows["published"]


def age_gender(ctx: ChapterContext) -> pd.DataFrame:
    """People reached by age and gender. The region's breakdown cannot separate in-transit
    people, so its total is all people reached in the 17 countries and only shares of it
    are shown."""
    exact = (
        reach.age_gender(ctx.counted)
        if not ctx.counted.empty
        else {**{c: 0.0 for c in AGE_GENDER}, NOT_DISAGGREGATED: 0.0}
    )
    entry_total = ctx.entry["reached"]["total"]
    exact_total = ctx.exact_entry["reached"]["total"]
    keys = [*AGE_GENDER, NOT_DISAGGREGATED]
    values = {TOTAL: entry_total, **{c: exact[c] for c in keys}}
    published = ctx.suppress_values("age and gender", values, [(TOTAL, keys)], {TOTAL})
    labels = {
        **AGE_GENDER_LABELS,
        NOT_DISAGGREGATED: "Not disaggregated",
        TOTAL: "All people reached",
    }

    def frame(vals: dict, total) -> pd.DataFrame:
        t = number(total)
        rows = {}
        for key in [*keys, TOTAL]:
            v = vals[key]
            n = number(v)
            share = 100.0 * n / t if n is not None and t else None
            rows[key] = {"label": labels[key], "people": v, "share": share}
        return pd.DataFrame.from_dict(rows, orient="index").astype(object)

    ctx.keep_exact("age_gender", frame({TOTAL: exact_total, **exact}, exact_total))
    out = frame(published, entry_total)
    if not reach.counts_in_transit(ctx.scope):
        out["people"] = None  # shares only: counts would add in-transit people up
    return out


def progress(ctx: ChapterContext) -> pd.DataFrame:
    """Monthly new people and their running total; the last equals people reached."""
    months = ctx.manifest.months()
    exact = reach.monthly_progress(
        ctx.headline_people(ctx.counted), ctx.counted["month"], months
    ).set_index("month")
    published_headline = headline(ctx.entry)
    new = {f"new {m}": float(exact.at[m, "new"]) for m in months}
    cum = {f"cumulative {m}": float(exact.at[m, "cumulative"]) for m in months}
    last = f"cumulative {months[-1]}"
    if is_hidden(published_headline):
        cum[last] = published_headline  # type: ignore[assignment]
    relations = []
    for i, m in enumerate(months):
        parts = [f"new {m}"] if i == 0 else [f"cumulative {months[i - 1]}", f"new {m}"]
        relations.append((f"cumulative {m}", parts))
    published = ctx.suppress_values("monthly progress", {**new, **cum}, relations, {last})
    ctx.keep_exact("progress", exact.reset_index())
    return pd.DataFrame(
        {
            "month": months,
            "new": [published[f"new {m}"] for m in months],
            "cumulative": [published[f"cumulative {m}"] for m in months],
        },
        dtype=object,
    )


def _ranked(
    ctx: ChapterContext, name: str, labels: pd.Series, people: pd.Series, extra: dict | None = None
) -> pd.DataFrame:
    """People reached per label (largest first, the rest grouped), with a totals row equal
    to the published headline, suppressed together."""
    sums = people.groupby(labels.to_numpy()).sum().sort_values(ascending=False)
    cut = TOP_ROWS if len(sums) > TOP_ROWS + 1 else len(sums)  # never "1 others"
    top, rest = sums.iloc[:cut], sums.iloc[cut:]
    exact = pd.DataFrame(
        {"name": top.index.astype(str), "reached": top.to_numpy()},
        index=pd.Index(top.index.astype(str), dtype=object),
    )
    if not rest.empty:
        exact.loc[OTHER] = pd.Series({"name": f"{len(rest)} others", "reached": float(rest.sum())})
    exact.loc[TOTAL] = pd.Series({"name": "All", "reached": headline(ctx.exact_entry)})
    table = exact.astype(object)
    table.loc[TOTAL, "reached"] = headline(ctx.entry)
    published = ctx.suppress_frame(name, table, ["reached"], total_row=TOTAL)
    for frame in (exact, published):
        total = number(frame.at[TOTAL, "reached"])
        frame["share"] = [
            100.0 * n / total if (n := number(v)) is not None and total else None
            for v in frame["reached"]
        ]
        for column, flags in (extra or {}).items():
            frame[column] = [flags.get(i) for i in frame.index]
    ctx.keep_exact(name, exact)
    return published.astype(object)


def by_activity(ctx: ChapterContext) -> pd.DataFrame:
    c = ctx.counted
    label = c["activity_name"].where(c["activity_name"].str.strip() != "", c["rmrp_activity"])
    label = label.where(label.str.strip() != "", "(activity not named)")
    return _ranked(ctx, "by_activity", label.str.strip(), ctx.headline_people(c))


def by_partner(ctx: ChapterContext) -> tuple[pd.DataFrame, dict | None]:
    """People reached by implementing partner: one row for each partner the chapter's
    partner count counts (those whose rows reach no one too), named as it names them."""
    index = ctx.analysis.index
    rows = ctx.analysis.scope_rows(ctx.scope)  # the partner count's rows
    names = partners.implementer_names(rows, index).fillna(partners.NOT_NAMED)
    in_headline = rows["counts_as_people"] & (rows["country"] != REGIONAL)
    people = ctx.headline_people(rows).where(in_headline, 0.0)
    led = {n: n in index.rm_led for n in pd.unique(names)}
    extra = {"refugee_migrant_led": led} if index.has_reference else None
    table = _ranked(ctx, "by_partner", names, people, extra)
    if not index.has_reference:
        return table, None
    led_mask = names.map(led).astype(bool)
    exact_led = float(people[led_mask].sum())
    headline_exact = number(headline(ctx.exact_entry)) or 0.0
    values = {TOTAL: headline(ctx.entry), "led": exact_led, "other": headline_exact - exact_led}
    published = ctx.suppress_values(
        "refugee- and migrant-led share", values, [(TOTAL, ["led", "other"])], {TOTAL}
    )
    total = number(published[TOTAL])
    led_value = published["led"]
    led_number = number(led_value)
    share = 100.0 * led_number / total if led_number is not None and total else None
    organisations = sorted(n for n, flag in led.items() if flag)
    if ctx.exact:
        ctx.exact_tables["refugee_migrant_led"] = pd.DataFrame(
            [
                {
                    "reached": exact_led,
                    "share": 100.0 * exact_led / headline_exact if headline_exact else None,
                }
            ]
        )
    return table, {
        "reached": led_value,
        "share": share,
        "organisations": organisations,
        "partners": ctx.entry.get("refugee_migrant_led_partners"),
    }


def _measure(indicator_type: str) -> str:
    return {
        "Mechanism/Advocacy": "mechanisms supported",
        "Campaign": "campaigns",
        "Infrastructure": "infrastructure items",
    }.get(indicator_type, "outputs")


def outputs(ctx: ChapterContext) -> pd.DataFrame:
    """Outputs that are not people (people trained, mechanisms, campaigns), beside and
    never added to people reached. People trained are a count of people and are
    suppressed like one; mechanisms and campaigns are not people."""
    rows = ctx.analysis.scope_rows(ctx.scope)  # regional outputs belong to the region too
    out = reach.outputs(rows)
    records = []
    for r in out.itertuples(index=False):
        trained = r.indicator_type == "Capacity Building"
        value = float(r.total_monthly if trained else r.quantity_output)
        records.append(
            {
                "type": r.indicator_type,
                "indicator": r.indicator,
                "measure": "people trained" if trained else _measure(r.indicator_type),
                "reports": int(r.rows),
                "value": value,
                "people": trained,
            }
        )
    exact = pd.DataFrame(
        records, columns=["type", "indicator", "measure", "reports", "value", "people"]
    )
    ctx.keep_exact("outputs", exact)
    published = exact.astype(object)
    for i in range(len(published)):
        v = published.at[i, "value"]
        if published.at[i, "people"] and is_small(v, ctx.min_count):
            published.at[i, "value"] = mask(v, ctx.min_count)
    return published
