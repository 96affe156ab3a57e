"""Lessons learned: funding set against reach, as the chapter may publish it."""

from __future__ import annotations

import pandas as pd

from ..core.geography import PLATFORMS, REGION, country_name
from ..core.numbers import finite_number as number
from ..core.rounding import largest_remainder
from ..figures import funding, reach
from ..figures import lessons as analytics
from ..figures.document import scope_entry
from ..figures.partners import NOT_NAMED
from .context import ChapterContext
from .model import LEVEL_REGION, Lessons
from .people import Part


def lessons_learned(ctx: ChapterContext, organisations: pd.DataFrame | None) -> Lessons:
    """Funding against reach for the chapter's countries (and platforms, for the region),
    with per-person figures hidden wherever the people they divide by are."""
    countries = list(ctx.countries)
    reached_exact = pd.Series(
        {c: number(scope_entry(ctx.exact_document, c)["reached"]["total"]) for c in countries},
        dtype="float64",
    )
    target = pd.Series({c: ctx.analysis.target(c) for c in countries}, dtype="float64")
    by_country = ctx.analysis.funding_by_country
    received = by_country.reindex(countries) if by_country is not None else None
    req = ctx.analysis.requirements_by_country
    table = analytics.country_table(
        reached_exact, received, target if target.notna().any() else None, req
    )
    platforms = analytics.platform_table(table) if ctx.level == LEVEL_REGION else None
    correlation = analytics.rank_correlation(received, reached_exact)
    spread = analytics.coverage_spread(
        table["coverage"] if req is not None and received is not None else None
    )
    mis = analytics.misalignment(table) if received is not None else None
    orgs = organisations
    share = analytics.output_share(ctx.analysis.scope_rows(ctx.scope))
    ctx.keep_exact("lessons_countries", table)
    ctx.keep_exact("lessons_platforms", platforms)
    ctx.keep_exact("misalignment", mis)

    published_reached = {
        c: scope_entry(ctx.published_document, c)["reached"]["total"] for c in countries
    }
    pub = table.astype(object)
    pub["reached"] = [published_reached[c] for c in pub.index]
    for c in pub.index:
        if number(published_reached[c]) is None:
            pub.at[c, "usd_per_person_reached"] = None  # funding ÷ it gives it back
    pub.insert(0, "name", [country_name(c) for c in pub.index])
    pub_platforms = None
    if platforms is not None:
        pub_platforms = platforms.astype(object)
        for pid in pub_platforms.index:
            p_reached = scope_entry(ctx.published_document, pid)["reached"]["total"]
            pub_platforms.at[pid, "reached"] = p_reached
            if number(p_reached) is None:
                pub_platforms.at[pid, "usd_per_person_reached"] = None
        pub_platforms.insert(0, "name", [PLATFORMS[p].name for p in pub_platforms.index])
    if mis is not None:
        mis = mis.astype(object)
        mis["reached"] = [
            published_reached.get(i, v) for i, v in zip(mis["id"], mis["reached"], strict=True)
        ]
    return Lessons(pub, pub_platforms, correlation, spread, mis, orgs, share)


def organisation_misalignment(ctx: ChapterContext) -> Part | None:
    """Organisations that received funding for the sector in the scope but reached no one,
    or reached people with no recorded funding (names resolved through the reference), with
    their people in whole people adding up to the headline, registered in the ledger (when
    every organisation that reached someone is listed, they add up to it in print too).
    None without funding."""
    if ctx.dataset.flows is None:
        return None
    flows = funding.scope_flows(
        ctx.dataset.flows, ctx.analysis.sector, list(ctx.countries), ctx.scope == REGION
    )
    counted = ctx.counted  # the rows the headline is made of
    spelling: dict[str, str] = {}

    def key(name) -> str:
        resolved = ctx.analysis.index.resolve(name) or NOT_NAMED
        k = funding.recipient_key(resolved)
        spelling.setdefault(k, resolved)
        return k

    reached = (
        ctx.headline_people(counted).groupby(counted["appealing_org"].map(key).to_numpy()).sum()
    )
    funded = flows.groupby(flows["dest_org"].map(key).to_numpy())["amount_usd"].sum()
    exact = analytics.misalignment(analytics.organisation_table(funded, reached), names=spelling)
    ctx.keep_exact("misalignment_organisations", exact)
    headline_total = ctx.rounded(
        ctx.scope, "total" if reach.counts_in_transit(ctx.scope) else "total_excluding_in_transit"
    )
    whole = (
        dict(zip(reached.index, largest_remainder(reached.tolist(), headline_total), strict=True))
        if len(reached) and reached.sum()
        else {}
    )
    table = analytics.misalignment(
        analytics.organisation_table(funded, pd.Series(whole, dtype="float64")), names=spelling
    ).set_index("id", drop=False)
    cells = {}
    for org in table.index:
        value = int(table.at[org, "reached"])
        table.at[org, "reached"] = value
        if value:
            cells[(org, "reached")] = ctx.register(
                "misalignment_organisations", org, "reached", value
            )
    reaching = {org for org, v in whole.items() if v}
    if reaching and reaching <= set(table.index):
        ctx.relation(ctx.headline_key(), [cells[(org, "reached")] for org in sorted(reaching)])
    return Part(
        ctx.pending("misalignment_organisations", table.astype(object), cells),
        lambda published: published.reset_index(drop=True),
    )


def platforms_side_by_side(ctx: ChapterContext, lessons_: Lessons) -> pd.DataFrame | None:
    """The region's platforms in one table: key figures and funding per person."""
    if ctx.level != LEVEL_REGION:
        return None
    rows = {}
    for p in ctx.published_document["platforms"]:
        lp = lessons_.platforms
        rows[p["id"]] = {
            "name": p["name"],
            "national": p["national"],
            "reached": p["reached"]["total"],
            "in_transit": p["reached"]["in_transit"],
            "target": p["target"],
            "percent_of_target": p["percent_of_target"],
            "reporting_partners": p["reporting_partners"],
            "implementing_partners": p["implementing_partners"],
            "refugee_migrant_led_partners": p["refugee_migrant_led_partners"],
            "donors": p["donors"],
            "funding_usd": p["funding_usd"],
            "usd_per_person_reached": (
                lp.at[p["id"], "usd_per_person_reached"]
                if lp is not None and p["id"] in lp.index
                else None
            ),
            "coverage": (
                lp.at[p["id"], "coverage"] if lp is not None and p["id"] in lp.index else None
            ),
        }
    return pd.DataFrame.from_dict(rows, orient="index").astype(object)
