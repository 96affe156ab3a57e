"""The figures document: every key figure of every scope, typed.

`Analysis.figures()` builds it exactly; `disclosure.suppress_figures` makes the published
copy, in which a count of people may be a token (`<5`, `[c]`) instead of a number. The
chapter, the exports, the index and the templates read it through these names.
"""

from __future__ import annotations

from typing import TypeAlias

from typing_extensions import NotRequired, TypedDict

from ..core.geography import PLATFORMS, REGION

Count: TypeAlias = "float | str | None"
"""A count of people as published: a number, a token (`<5`, `[c]`) or not reported."""


class Reached(TypedDict):
    """People reached in a scope and its breakdown by population type (METHOD.md 3-5, 8)."""

    total: Count
    in_destination: Count
    in_transit: Count
    host_community: Count
    pendular: Count
    colombian_returnees: Count
    not_disaggregated: Count
    total_excluding_in_transit: NotRequired[Count]  # the region's headline


class PartnerCounts(TypedDict):
    """Distinct organisations of a scope (METHOD.md "Partners"), never summed across scopes."""

    reporting_partners: int
    implementing_partners: int
    refugee_migrant_led_partners: int | None  # None: the partner reference has no flag


class ScopeFigures(PartnerCounts):
    """The key figures every scope has."""

    reached: Reached
    target: float | None
    percent_of_target: float | None
    funding_usd: float | None  # None: the dataset has no funding source
    donors: int | None
    warnings: list[dict]  # [{code, message, ...params}] (figures/warnings.py)
    suppressed: NotRequired[bool]  # the headline is hidden (published copy only)
    notes: NotRequired[dict[str, str]]  # why a figure is not given (the region's in transit)


class CountryFigures(ScopeFigures):
    iso3: str
    name: str
    platform: str


class PlatformFigures(ScopeFigures):
    id: str
    name: str
    national: bool
    countries: list[str]


class RegionFigures(ScopeFigures):
    id: str
    name: str


class RegionalActivities(PartnerCounts):
    """Activities of rows whose country is `Regional`: the regional chapter's own block."""

    reached: Reached
    warnings: list[dict]


class Period(TypedDict):
    start: str
    end: str


class FiguresDocument(TypedDict):
    """`r4v-report figures`: the whole dataset's figures for one sector."""

    dataset: str
    synthetic: bool
    sector: str
    period: Period
    countries: list[CountryFigures]
    platforms: list[PlatformFigures]
    region: RegionFigures
    regional_activities: RegionalActivities | None
    regional_funding_usd: float | None
    funding_as_of: str | None
    min_count: int


def scope_entry(doc: FiguresDocument, scope: str) -> ScopeFigures:
    """A scope's entry: the region, a platform id or an ISO3 code."""
    if scope == REGION:
        return doc["region"]
    if scope in PLATFORMS:
        return next(p for p in doc["platforms"] if p["id"] == scope)
    return next(c for c in doc["countries"] if c["iso3"] == scope)


def headline_key(reached: Reached) -> str:
    """Which figure of `reached` a scope publishes as its people reached: the region's
    leaves in-transit out (METHOD.md rule 8)."""
    return "total_excluding_in_transit" if "total_excluding_in_transit" in reached else "total"


def reached_headline(reached: Reached) -> Count:
    """The people-reached figure of a `reached` block (`headline_key`)."""
    return reached[headline_key(reached)]  # type: ignore[literal-required]


def headline(entry: ScopeFigures | RegionalActivities) -> Count:
    """The people-reached figure a scope publishes."""
    return reached_headline(entry["reached"])
