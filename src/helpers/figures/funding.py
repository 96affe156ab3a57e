"""Funding received by scope (METHOD.md "Funding"): FTS's counted flows attributed to
countries, the regional / multi-country bucket, donors, and coverage.

A flow belongs to a country only when its destination names exactly one location and
that is one of the 17 countries (`inputs.fts` sets `country`); everything else is the
regional / multi-country bucket that the regional chapter shows apart and no platform
receives. Which flows count at all is FTS's own rule (`inputs.fts.counted_flows`).
"""

from __future__ import annotations

import re

import pandas as pd

from ..core.geography import COUNTRIES
from ..core.names import name_key
from ..core.numbers import finite_number
from ..inputs.fts import SEP, counted_flows, outside_response, present


def _of_sector(flows: pd.DataFrame, sector: str) -> pd.DataFrame:
    key = name_key(sector)
    mask = flows["sector"].map(lambda s: present(s) and name_key(s) == key).astype(bool)
    return flows.loc[mask]


def funding_by_country(flows: pd.DataFrame, sector: str) -> pd.Series:
    """Funding received (USD) by each of the 17 countries for a sector; 0.0 where no flow.

    Only flows naming exactly one country count here; a platform's funding is the sum of
    its countries, and the regional bucket is `regional_funding`. Whether a dataset has
    funding at all is the caller's question (no funding source is not zero funding).
    """
    counted = _of_sector(counted_flows(flows), sector)
    sums = counted.groupby("country")["amount_usd"].sum()
    result = pd.Series(0.0, index=pd.Index(list(COUNTRIES), name="country"), name="funding_usd")
    for iso3, value in sums.items():
        if iso3 in result.index:
            result[iso3] = float(value)
    return result


def in_regional_bucket(flows: pd.DataFrame) -> pd.Series:
    """Flows that name several locations, none, or no country: the regional /
    multi-country bucket. A flow to one country outside the 17 is in no budget at all."""
    return flows["country"].isna() & ~outside_response(flows)


def regional_funding(flows: pd.DataFrame, sector: str) -> float:
    """The regional / multi-country bucket (USD) of a sector's counted flows; the regional
    chapter shows it apart."""
    counted = _of_sector(counted_flows(flows), sector)
    return float(counted.loc[in_regional_bucket(counted), "amount_usd"].sum())


def scope_flows(
    flows: pd.DataFrame,
    sector: str,
    countries: list[str] | None = None,
    include_regional: bool = False,
) -> pd.DataFrame:
    """The sector's counted flows to those countries (all 17 when None), plus the regional
    bucket's when asked (the region's)."""
    counted = _of_sector(counted_flows(flows), sector)
    wanted = set(COUNTRIES) if countries is None else set(countries)
    mask = counted["country"].isin(wanted)
    if include_regional:
        mask |= in_regional_bucket(counted)
    return counted.loc[mask]


def donors(
    flows: pd.DataFrame,
    sector: str,
    countries: list[str] | None = None,
    include_regional: bool = False,
) -> set[str]:
    """Distinct source organisations of the sector's counted flows to those countries
    (all 17 when None), plus the regional bucket's when asked. A distinct count, never a
    sum of country counts; names with the same `name_key` are one donor."""
    found: dict[str, str] = {}
    for cell in scope_flows(flows, sector, countries, include_regional)["source_org"]:
        if not present(cell):
            continue
        for org in str(cell).split(SEP):
            org = " ".join(org.split())
            if org:
                found.setdefault(name_key(org), org)
    return set(found.values())


def recipient_key(name: str) -> str:
    """FTS and 5W spell organisations differently ("… Migration" / "… Migration (IOM)"):
    compare them by `name_key` without a trailing acronym in brackets."""
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", name).strip() or name
    return name_key(bare)


def coverage(received, requirement) -> float | None:
    """Received ÷ requirement; None without a requirement to divide by (missing, zero or
    not a number), so a chapter never prints a made-up coverage."""
    got, req = finite_number(received), finite_number(requirement)
    if got is None or req is None or req <= 0:
        return None
    return got / req
