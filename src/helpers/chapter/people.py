"""The chapter's tables of people: the infographic (one level down), reached against
target, age and gender, monthly progress, people by activity and by partner, outputs.

Each part keeps its exact table for the exact exports, and registers what it prints in
whole people (parts rounded to add up to their printed total) in the chapter's ledger,
with the relations a reader can use; it returns a `PendingTable` whose published values
the settled ledger decides. Figures of the figures document are its cells.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..core import geography
from ..core.columns import (
    AGE_GENDER,
    AGE_GENDER_LABELS,
    INDICATOR_NAME_COLUMNS,
    POPULATION_LABELS,
    POPULATION_TYPES,
)
from ..core.geography import REGIONAL
from ..core.i18n import N_
from ..core.names import name_key
from ..core.numbers import finite_number as number
from ..core.rounding import controlled_rounding, largest_remainder, round_half_up
from ..disclosure import is_hidden
from ..figures import partners, reach, targets
from ..figures.document import headline, scope_entry
from ..figures.quality import PEOPLE_OUTPUTS
from ..figures.reach import NOT_DISAGGREGATED
from .context import ChapterContext, PendingTable
from .model import LEVEL_COUNTRY, LEVEL_REGION, OTHER, PEOPLE_PARTS, TOP_ROWS, TOTAL

ALL_TYPES = N_("All population types")
ALL_TYPES_REGION = N_("All population types (in transit excluded)")
REGION_TOTAL = N_("Region")  # the region's totals row of its infographic table
ALL_ROWS = N_("All")  # the totals row of the activity and partner tables
"""Table labels are English messages: the page prints them in its edition."""
INFOGRAPHIC_COLUMNS = ["name", *PEOPLE_PARTS, "total", "funding_usd"]


@dataclass
class Part:
    """A table pending the ledger, and what to do with it once published (shares and
    percentages are worked out from the published counts, so they never print what a
    hidden count would give away)."""

    table: PendingTable
    finish: Callable[[pd.DataFrame], pd.DataFrame] | None = None

    def published(self) -> pd.DataFrame | None:
        out = self.table.published()
        if out is None or self.finish is None:
            return out
        return self.finish(out)


def share(part, total) -> float | None:
    """part ÷ total × 100 for two printed counts; None when either is hidden or missing,
    the total is not positive, or the part is negative (no page prints a negative
    share)."""
    p, t = number(part), number(total)
    if p is None or t is None or t <= 0 or p < 0:
        return None
    return 100.0 * p / t


# ---------------------------------------------------------------- infographic


def infographic(ctx: ChapterContext) -> tuple[Part, str]:
    """People reached by population type and budget received, one level down, with the
    scope's totals row (index `TOTAL`); and what one row is."""
    if ctx.level == LEVEL_COUNTRY:
        return Part(_admin1_infographic(ctx)), "admin-1 place"
    doc = ctx.published_document
    if ctx.level == LEVEL_REGION:
        units = [(p["id"], p["name"]) for p in doc["platforms"]]
    else:
        units = [(c, geography.country_name(c)) for c in ctx.countries]
    rows, cells = {}, {}
    for unit, name in [*units, (ctx.scope, None)]:
        label = TOTAL if unit == ctx.scope else unit
        entry = scope_entry(ctx.documents.rounded, unit)
        row: dict[str, Any] = {
            "name": name or (REGION_TOTAL if ctx.level == LEVEL_REGION else ctx.scope_name)
        }
        for p in [*PEOPLE_PARTS, "total"]:
            if unit == ctx.scope and ctx.level == LEVEL_REGION and p == "in_transit":
                row[p] = None  # never added up across countries
                continue
            field = (
                "total_excluding_in_transit"
                if (unit == ctx.scope and ctx.level == LEVEL_REGION and p == "total")
                else p
            )
            row[p] = entry["reached"][field]  # type: ignore[literal-required]
            cells[(label, p)] = ctx.doc_key(unit, field)
        row["funding_usd"] = scope_entry(doc, unit).get("funding_usd")
        rows[label] = row
    if ctx.level == LEVEL_REGION:  # the platforms' budgets (the regional bucket is apart)
        funding = [number(p.get("funding_usd")) for p in doc["platforms"]]
        rows[TOTAL]["funding_usd"] = (
            None if not ctx.analysis.has_funding else float(sum(v or 0.0 for v in funding))
        )
    shown = pd.DataFrame.from_dict(rows, orient="index", columns=INFOGRAPHIC_COLUMNS, dtype=object)
    ctx.keep_exact("infographic", _exact_units(ctx, units))
    return Part(ctx.pending("infographic", shown.astype(object), cells)), (
        "platform" if ctx.level == LEVEL_REGION else "country"
    )


def _exact_units(ctx: ChapterContext, units) -> pd.DataFrame:
    """The infographic of the exact document (for exact exports)."""
    doc = ctx.exact_document
    rows = {}
    for unit, _ in [*units, (ctx.scope, None)]:
        entry = scope_entry(doc, unit)
        row = {"name": entry.get("name"), "funding_usd": entry.get("funding_usd")}
        row.update({p: entry["reached"].get(p) for p in [*PEOPLE_PARTS, "total"]})
        rows[TOTAL if unit == ctx.scope else unit] = row
    return pd.DataFrame.from_dict(rows, orient="index", columns=INFOGRAPHIC_COLUMNS, dtype=object)


def _admin1_infographic(ctx: ChapterContext) -> PendingTable:
    """A country's people reached by admin-1 place: each place's parts and total, in whole
    people that add up across the places to the country's printed figures."""
    rows = ctx.counted.assign(admin1=reach.admin1_labels(ctx.counted))
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
    exact_reached: dict = dict(ctx.exact_entry["reached"])
    exact_total = {
        "name": ctx.scope_name,
        "funding_usd": None,
        **{p: exact_reached[p] for p in [*PEOPLE_PARTS, "total"]},
    }
    ctx.keep_exact(
        "infographic",
        pd.concat([exact, pd.DataFrame([exact_total], index=[TOTAL])]).reindex(
            columns=INFOGRAPHIC_COLUMNS
        ),
    )

    total = ctx.rounded(ctx.scope, "total")
    columns = [ctx.rounded(ctx.scope, p) for p in PEOPLE_PARTS]
    matrix = exact[PEOPLE_PARTS].to_numpy(dtype=float).tolist()
    place_totals = largest_remainder(exact["total"].tolist(), total) if len(exact) else []
    try:
        rounded = controlled_rounding(matrix, place_totals, columns) if matrix else []
    except ValueError:  # no rounding adds up both ways: each place on its own
        rounded = [largest_remainder(r, t) for r, t in zip(matrix, place_totals, strict=True)]
    shown_rows, cells = {}, {}
    name = "admin1"
    for place, parts, place_total in zip(exact.index, rounded, place_totals, strict=True):
        row = {"name": str(place), "funding_usd": None, "total": place_total}
        row.update(zip(PEOPLE_PARTS, parts, strict=True))
        shown_rows[place] = row
        for p, v in zip(PEOPLE_PARTS, parts, strict=True):
            cells[(place, p)] = ctx.register(name, place, p, v, residual=p == NOT_DISAGGREGATED)
        cells[(place, "total")] = ctx.register(name, place, "total", place_total, total=True)
        ctx.relation(cells[(place, "total")], [cells[(place, p)] for p in PEOPLE_PARTS])
    shown_rows[TOTAL] = {
        "name": ctx.scope_name,
        "funding_usd": None,
        "total": total,
        **dict(zip(PEOPLE_PARTS, columns, strict=True)),
    }
    for p in [*PEOPLE_PARTS, "total"]:
        cells[(TOTAL, p)] = ctx.doc_key(ctx.scope, p)
        ctx.relation(cells[(TOTAL, p)], [cells[(place, p)] for place in exact.index])
    shown = pd.DataFrame.from_dict(shown_rows, orient="index", columns=INFOGRAPHIC_COLUMNS)
    return ctx.pending(name, shown.astype(object), cells)


# ---------------------------------------------------------------- reached against target


def reached_vs_target(ctx: ChapterContext) -> Part:
    """Reached, target and people in need by population type, with the scope's row."""
    st = ctx.analysis.sector_targets
    region = not reach.counts_in_transit(ctx.scope)
    target = targets.target_by_type(st, ctx.scope)
    pin = targets.target_by_type(st, ctx.scope, column="people_in_need")
    total_target = ctx.analysis.target(ctx.scope)
    total_pin = targets.target_for(st, ctx.scope, column="people_in_need")

    def table(entry) -> pd.DataFrame:
        rows = {}
        for p in POPULATION_TYPES:
            rows[p] = {
                "label": POPULATION_LABELS[p],
                "people_in_need": pin.get(p),
                "target": target.get(p),
                "reached": None if region and p == "in_transit" else entry["reached"][p],
            }
        rows[TOTAL] = {
            "label": ALL_TYPES_REGION if region else ALL_TYPES,
            "people_in_need": total_pin,
            "target": total_target,
            "reached": headline(entry),
        }
        return pd.DataFrame.from_dict(rows, orient="index").astype(object)

    exact = table(ctx.exact_entry)
    exact["percent_of_target"] = [
        _percent(r, t) for r, t in zip(exact["reached"], exact["target"], strict=True)
    ]
    ctx.keep_exact("reached_vs_target", exact)
    cells = {
        (p, "reached"): ctx.doc_key(ctx.scope, p)
        for p in POPULATION_TYPES
        if not (region and p == "in_transit")
    }
    cells[(TOTAL, "reached")] = ctx.headline_key()

    def finish(published: pd.DataFrame) -> pd.DataFrame:
        published["percent_of_target"] = [
            _percent(r, t) for r, t in zip(published["reached"], published["target"], strict=True)
        ]
        published.at[TOTAL, "percent_of_target"] = ctx.entry["percent_of_target"]
        return published

    shown = table(scope_entry(ctx.documents.rounded, ctx.scope))
    return Part(ctx.pending("reached_vs_target", shown, cells), finish)


def _percent(reached, target) -> float | None:
    r, t = number(reached), number(target)
    return targets.percent_of_target(r, t) if r is not None else None


# ---------------------------------------------------------------- age and gender


def age_gender(ctx: ChapterContext) -> Part:
    """People reached by age and gender, adding up to people reached. The region's
    breakdown cannot leave in-transit people out, so it shows shares only, of all people
    reached in the 17 countries."""
    exact = (
        reach.age_gender(ctx.counted)
        if not ctx.counted.empty
        else {**{c: 0.0 for c in AGE_GENDER}, NOT_DISAGGREGATED: 0.0}
    )
    keys = [*AGE_GENDER, NOT_DISAGGREGATED]
    labels = {
        **AGE_GENDER_LABELS,
        NOT_DISAGGREGATED: N_("Not disaggregated"),
        TOTAL: N_("All people reached"),
    }
    exact_total = float(sum(exact.values()))
    ctx.keep_exact(
        "age_gender",
        pd.DataFrame.from_dict(
            {
                k: {"label": labels[k], "people": exact[k] if k != TOTAL else exact_total}
                for k in [*keys, TOTAL]
            },
            orient="index",
        ),
    )
    if not reach.counts_in_transit(ctx.scope):
        shares = {k: share(exact[k], exact_total) for k in keys}
        shown = pd.DataFrame.from_dict(
            {
                k: {
                    "label": labels[k],
                    "people": None,
                    "share": shares.get(k, 100.0 if exact_total else None),
                }
                for k in [*keys, TOTAL]
            },
            orient="index",
        ).astype(object)
        return Part(ctx.pending("age_gender", shown, {}))
    total = ctx.rounded(ctx.scope, "total")
    parts = (
        largest_remainder([exact[k] for k in keys], total)
        if total or any(exact.values())
        else [0] * len(keys)
    )
    rows, cells = {}, {}
    for k, v in zip(keys, parts, strict=True):
        rows[k] = {"label": labels[k], "people": v}
        cells[(k, "people")] = ctx.register(
            "age_gender", k, "people", v, residual=k == NOT_DISAGGREGATED
        )
    rows[TOTAL] = {"label": labels[TOTAL], "people": total}
    cells[(TOTAL, "people")] = ctx.doc_key(ctx.scope, "total")
    ctx.relation(cells[(TOTAL, "people")], [cells[(k, "people")] for k in keys])

    def finish(published: pd.DataFrame) -> pd.DataFrame:
        t = published.at[TOTAL, "people"]
        published["share"] = [share(v, t) for v in published["people"]]
        return published

    shown = pd.DataFrame.from_dict(rows, orient="index").astype(object)
    return Part(ctx.pending("age_gender", shown, cells), finish)


# ---------------------------------------------------------------- monthly progress


def progress(ctx: ChapterContext) -> Part:
    """New people per month and their running total, in whole people; the last running
    total is the published headline."""
    months = ctx.manifest.months()
    exact = reach.monthly_progress(ctx.headline_people(ctx.counted), ctx.counted["month"], months)
    ctx.keep_exact("progress", exact)
    headline_total = ctx.rounded(
        ctx.scope, "total" if reach.counts_in_transit(ctx.scope) else "total_excluding_in_transit"
    )
    new = largest_remainder(exact["new"].tolist(), headline_total) if len(months) else []
    name = "progress"
    rows, cells = {}, {}
    running, previous = 0, None
    for i, (m, n) in enumerate(zip(months, new, strict=True)):
        running += n
        rows[m] = {"month": m, "new": n, "cumulative": running}
        cells[(m, "new")] = ctx.register(name, m, "new", n)
        last = i == len(months) - 1
        cells[(m, "cumulative")] = (
            ctx.headline_key() if last else ctx.register(name, m, "cumulative", running, total=True)
        )
        ctx.relation(
            cells[(m, "cumulative")],
            [cells[(m, "new")]] if previous is None else [previous, cells[(m, "new")]],
        )
        previous = cells[(m, "cumulative")]
    shown = pd.DataFrame.from_dict(rows, orient="index", columns=["month", "new", "cumulative"])
    pending = ctx.pending(name, shown.astype(object), cells)

    def finish(published: pd.DataFrame) -> pd.DataFrame:
        return published.reset_index(drop=True)

    return Part(pending, finish)


# ---------------------------------------------------------------- people by activity, partner


def _ranked(
    ctx: ChapterContext, name: str, labels: pd.Series, people: pd.Series, extra: dict | None = None
) -> tuple[Part, pd.DataFrame, dict]:
    """People reached per label (largest first, the rest grouped), adding up to the
    published headline; returns the part, the shown table and its cells."""
    sums = people.groupby(labels.to_numpy()).sum().sort_values(ascending=False, kind="stable")
    cut = TOP_ROWS if len(sums) > TOP_ROWS + 1 else len(sums)  # never "1 others"
    top, rest = sums.iloc[:cut], sums.iloc[cut:]
    exact = pd.DataFrame(
        {"name": top.index.astype(str), "reached": top.to_numpy()},
        index=pd.Index(top.index.astype(str), dtype=object),
    )
    if not rest.empty:
        exact.loc[OTHER] = pd.Series({"name": f"{len(rest)} others", "reached": float(rest.sum())})
    headline_total = ctx.rounded(
        ctx.scope, "total" if reach.counts_in_transit(ctx.scope) else "total_excluding_in_transit"
    )
    shown_values = (
        largest_remainder(exact["reached"].tolist(), headline_total) if len(exact) else []
    )
    exact.loc[TOTAL] = pd.Series({"name": ALL_ROWS, "reached": headline(ctx.exact_entry)})
    shown = exact.astype(object)
    cells = {}
    for label, v in zip(exact.index[:-1], shown_values, strict=True):
        shown.at[label, "reached"] = v
        cells[(label, "reached")] = ctx.register(name, label, "reached", v)
    shown.at[TOTAL, "reached"] = headline_total
    cells[(TOTAL, "reached")] = ctx.headline_key()
    ctx.relation(
        cells[(TOTAL, "reached")], [cells[(label, "reached")] for label in exact.index[:-1]]
    )
    for frame in (exact, shown):
        for column, flags in (extra or {}).items():
            frame[column] = [flags.get(i) for i in frame.index]
    exact["share"] = [share(v, exact.at[TOTAL, "reached"]) for v in exact["reached"]]
    ctx.keep_exact(name, exact)

    def finish(published: pd.DataFrame) -> pd.DataFrame:
        total = published.at[TOTAL, "reached"]
        published["share"] = [share(v, total) for v in published["reached"]]
        return published

    return Part(ctx.pending(name, shown, cells), finish), shown, cells


def by_activity(ctx: ChapterContext) -> Part:
    c = ctx.counted
    part, _, _ = _ranked(ctx, "by_activity", reach.activity_labels(c), ctx.headline_people(c))
    return part


def by_partner(ctx: ChapterContext) -> tuple[Part, Part | None, dict | None]:
    """People reached by implementing partner: one row for each partner the chapter's
    partner count counts (those whose rows reach no one too), named as it names them; and
    the refugee- and migrant-led organisations' part of people reached."""
    index = ctx.analysis.index
    rows = ctx.analysis.scope_rows(ctx.scope)  # the partner count's rows
    names = partners.implementer_names(rows, index).fillna(partners.NOT_NAMED)
    in_headline = rows["counts_as_people"] & (rows["country"] != REGIONAL)
    people = ctx.headline_people(rows).where(in_headline, 0.0)
    led = {n: n in index.rm_led for n in pd.unique(names)}
    extra = {"refugee_migrant_led": led} if index.has_rm_flag else None
    part, shown, cells = _ranked(ctx, "by_partner", names, people, extra)
    if not index.has_rm_flag:
        return part, None, None
    exact_led = float(people[names.map(led).astype(bool)].sum())
    listed = [label for label in shown.index if label not in (TOTAL, OTHER)]
    flagged = [label for label in listed if led.get(label)]
    every_flagged_listed = all(n in listed for n, flag in led.items() if flag)
    if every_flagged_listed:
        led_value = int(sum(shown.at[label, "reached"] for label in flagged))
    else:
        led_value = round_half_up(exact_led)
    key = ctx.register("refugee_migrant_led", "led", "reached", led_value)
    if every_flagged_listed:
        ctx.relation(key, [cells[(label, "reached")] for label in flagged])
    led_table = pd.DataFrame({"reached": [led_value]}, index=["led"], dtype=object)
    if ctx.exact:
        headline_exact = number(headline(ctx.exact_entry)) or 0.0
        ctx.exact_tables["refugee_migrant_led"] = pd.DataFrame(
            [
                {
                    "reached": exact_led,
                    "share": 100.0 * exact_led / headline_exact if headline_exact else None,
                }
            ]
        )
    organisations = sorted(n for n, flag in led.items() if flag)

    def finish(published: pd.DataFrame) -> pd.DataFrame:
        published["share"] = [share(published.at["led", "reached"], headline(ctx.entry))]
        return published

    led_part = Part(
        ctx.pending("refugee_migrant_led", led_table, {("led", "reached"): key}), finish
    )
    return (
        part,
        led_part,
        {"organisations": organisations, "partners": ctx.entry.get("refugee_migrant_led_partners")},
    )


# ---------------------------------------------------------------- outputs


def _measure(indicator_type: str) -> str:
    return {
        "Mechanism/Advocacy": N_("mechanisms supported"),
        "Campaign": N_("campaigns"),
        "Infrastructure": N_("infrastructure items"),
    }.get(indicator_type, N_("outputs"))


def outputs(ctx: ChapterContext) -> Part:
    """Outputs that are not people (people trained, mechanisms, campaigns), beside and
    never added to people reached. People trained are a count of people and are
    suppressed like one; mechanisms and campaigns are not people."""
    rows = ctx.analysis.scope_rows(ctx.scope)  # regional outputs belong to the region too
    out = reach.outputs(rows)
    records = []
    for r in out.itertuples(index=False):
        trained = r.indicator_type in PEOPLE_OUTPUTS
        value = float(r.total_monthly if trained else r.quantity_output)
        records.append(
            {
                "type": r.indicator_type,
                "indicator": r.indicator,
                "measure": N_("people trained") if trained else _measure(r.indicator_type),
                "reports": int(r.rows),
                "value": value,
                "people": trained,
            }
        )
    exact = pd.DataFrame(
        records, columns=["type", "indicator", "measure", "reports", "value", "people"]
    )
    ctx.keep_exact("outputs", exact)
    shown = exact.astype(object)
    cells = {}
    for i in range(len(shown)):
        if shown.at[i, "people"]:
            v = round_half_up(shown.at[i, "value"])
            shown.at[i, "value"] = v
            cells[(i, "value")] = ctx.register("outputs", i, "value", v)
    return Part(ctx.pending("outputs", shown, cells))


Names = dict[str, dict[str, str]]


def output_names(ctx: ChapterContext, indicators: Iterable[object]) -> tuple[Names, Names]:
    """The indicator list's own names and types of these indicators (as the 5W rows write
    them, in English) in the other languages it gives them in (`INDICATOR_NAME_COLUMNS`):
    `({language: {indicator: name}}, {language: {indicator: type}})`. The list is read for
    the chapter's sector, indicators compared by `name_key` as `reach.classify` joins them;
    an indicator the list leaves blank in a language is not in that language's names."""
    ref = ctx.dataset.indicators
    sector = name_key(ctx.analysis.sector)
    ref = ref[[name_key(s) == sector for s in ref["sector"]]]
    wanted = {name_key(i): str(i) for i in indicators}
    names: Names = {}
    types: Names = {}
    for lang, (name_column, type_column) in INDICATOR_NAME_COLUMNS.items():
        for out, column in ((names, name_column), (types, type_column)):
            if column not in ref:
                continue
            given: dict[str, str] = {}
            for indicator, value in zip(ref["indicator"], ref[column], strict=True):
                text = wanted.get(name_key(indicator))
                if text is not None and isinstance(value, str) and value.strip():
                    given.setdefault(text, value.strip())
            if given:
                out[lang] = given
    return names, types


def hidden_sum(values) -> bool:
    """Whether any of these published values is hidden."""
    return any(is_hidden(v) for v in values)
