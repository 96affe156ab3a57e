"""Every figure of every chapter for one dataset and sector, computed once.

`Analysis` holds the sector's classified rows and the per-country tables; chapters,
the `figures` command and the notebooks all read from it, so a number is computed in
exactly one place. `figures()` is the figures document (exact numbers).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

import pandas as pd

from ..core.findings import Finding
from ..core.geography import COUNTRIES, PLATFORMS, REGION, REGIONAL, scope_countries
from ..core.i18n import N_
from ..core.names import name_key
from ..core.numbers import finite_number
from ..core.sectors import check_sector
from ..inputs.dataset import Dataset, known_sectors
from ..inputs.organisations import PartnerIndex
from . import funding, partners, reach, targets
from .document import (
    CountryFigures,
    FiguresDocument,
    PartnerCounts,
    PlatformFigures,
    Reached,
    RegionalActivities,
    RegionFigures,
    ScopeFigures,
    reached_headline,
)
from .quality import check_activities
from .warnings import english, scope_warnings

IN_TRANSIT_NOTE = N_(
    "Not added up across countries: in-transit people may be assisted in several countries "
    "(METHOD.md rule 8). See each country and platform."
)

CONSOLIDATION_COLUMNS = ["country", "sector", "indicator", *reach.SUMMED_COLUMNS]
"""The activity columns people reached by country is made of (`Analysis.by_country`):
what a consumer of only that consolidation reads from the columnar cache."""


class Analysis:
    def __init__(self, dataset: Dataset, sector: str | None = None):
        """`sector` defaults to the manifest's; one the dataset does not know is an
        InputError naming the closest it knows (never a document of zeros)."""
        self.dataset = dataset
        self.sector = (
            check_sector(sector, dataset.manifest.sector, known_sectors(dataset))
            if sector
            else dataset.manifest.sector
        )
        self.index = PartnerIndex(dataset.partners)

    # ---------------------------------------------------------------- rows

    @cached_property
    def rows(self) -> pd.DataFrame:
        """The sector's 5W rows of the period, classified against the indicator reference."""
        return reach.classify(
            reach.sector_rows(self.dataset.activities, self.sector), self.dataset.indicators
        )

    @cached_property
    def counted(self) -> pd.DataFrame:
        return reach.counted(self.rows)

    @cached_property
    def by_country(self) -> pd.DataFrame:
        """From the counted rows' summed columns only: copying every column of them (as
        `counted` does) was most of a warm 1M-row load."""
        return reach.reached_by_country(reach.counted(self.rows[reach.BY_COUNTRY_COLUMNS]))

    @cached_property
    def findings(self) -> list[Finding]:
        """Load-time findings plus the row checks of this sector's rows."""
        return [*self.dataset.findings, *check_activities(self.rows, self.index)]

    @cached_property
    def sector_targets(self) -> pd.DataFrame | None:
        return targets.sector_targets(self.dataset.targets, self.sector)

    @cached_property
    def requirements_by_country(self) -> pd.Series | None:
        """The sector's financial requirement (USD) per country; None without requirements."""
        r = self.dataset.requirements
        if r is None:
            return None
        r = r[r["sector"].map(name_key) == name_key(self.sector)]
        return r.groupby("country")["requirement_usd"].sum(min_count=1)

    @property
    def has_funding(self) -> bool:
        return self.dataset.flows is not None

    @cached_property
    def funding_by_country(self) -> pd.Series | None:
        if self.dataset.flows is None:
            return None
        return funding.funding_by_country(self.dataset.flows, self.sector).reindex(
            list(COUNTRIES), fill_value=0.0
        )

    @cached_property
    def regional_funding(self) -> float | None:
        if self.dataset.flows is None:
            return None
        return float(funding.regional_funding(self.dataset.flows, self.sector))

    def scope_rows(self, scope: str, counted_only: bool = False) -> pd.DataFrame:
        """Rows of a chapter scope: the region holds every row, regional ones included."""
        rows = self.counted if counted_only else self.rows
        if scope == REGION:
            return rows
        if scope == REGIONAL:
            return rows[rows["country"] == REGIONAL]
        return rows[rows["country"].isin(scope_countries(scope))]

    # ---------------------------------------------------------------- figures

    def partner_figures(self, rows: pd.DataFrame) -> PartnerCounts:
        implementers = partners.implementing_partners(rows, self.index)
        return {
            "reporting_partners": len(partners.reporting_partners(rows, self.index)),
            "implementing_partners": len(implementers),
            "refugee_migrant_led_partners": (
                len(partners.refugee_migrant_led(implementers, self.index))
                if self.index.has_rm_flag
                else None
            ),
        }

    def funding_received(self, scope: str) -> float | None:
        """Budget received by a scope (METHOD.md "Funding"): Σ of its countries' flows, and
        for the region also the regional / multi-country bucket; None without funding."""
        if self.funding_by_country is None or self.regional_funding is None:
            return None
        amount = float(self.funding_by_country.loc[list(scope_countries(scope))].sum())
        if scope == REGION:
            amount += self.regional_funding
        return amount

    def donors(self, scope: str) -> int | None:
        if self.dataset.flows is None:
            return None
        return len(
            funding.donors(
                self.dataset.flows, self.sector, list(scope_countries(scope)), scope == REGION
            )
        )

    def target(self, scope: str) -> float | None:
        return targets.target_for(self.sector_targets, scope)

    def reached(self, scope: str) -> Reached:
        values: Mapping[str, float | None]
        if scope == REGION:
            values = reach.region_reached(self.by_country)
        elif scope in PLATFORMS:
            values = reach.platform_reached(self.by_country, scope)
        else:
            values = {k: float(v) for k, v in self.by_country.loc[scope].items()}
        return Reached(**values)  # type: ignore[typeddict-item]

    def headline_rows(self, scope: str) -> pd.DataFrame:
        """The counted rows a scope's people-reached headline is made of (the region's
        leaves the Regional rows to their own block)."""
        rows = self.scope_rows(scope, counted_only=True)
        return rows[rows["country"] != REGIONAL] if scope == REGION else rows

    def _key_figures(self, scope: str) -> ScopeFigures:
        reached = self.reached(scope)
        target = self.target(scope)
        figures: ScopeFigures = {
            "reached": reached,
            "target": target,
            "percent_of_target": targets.percent_of_target(
                finite_number(reached_headline(reached)), target
            ),
            **self.partner_figures(self.scope_rows(scope)),
            "funding_usd": self.funding_received(scope),
            "donors": self.donors(scope),
            "warnings": [],
        }
        figures["warnings"] = [
            {**w, "message": english(w)}
            for w in scope_warnings(self.headline_rows(scope), scope, figures, self.index)
        ]
        if scope == REGION:
            figures["notes"] = {"reached.in_transit": IN_TRANSIT_NOTE}
        return figures

    def country_figures(self, iso3: str) -> CountryFigures:
        country = COUNTRIES[iso3]
        return CountryFigures(
            iso3=iso3, name=country.name, platform=country.platform, **self._key_figures(iso3)
        )

    def platform_figures(self, pid: str) -> PlatformFigures:
        p = PLATFORMS[pid]
        return PlatformFigures(
            id=pid,
            name=p.name,
            national=p.national,
            countries=list(p.countries),
            **self._key_figures(pid),
        )

    def region_figures(self) -> RegionFigures:
        return RegionFigures(id=REGION, name="Regional", **self._key_figures(REGION))

    def scope_figures(self, scope: str) -> ScopeFigures:
        """The key figures of one scope: a country (ISO3), a platform id or the region."""
        if scope in COUNTRIES:
            return self.country_figures(scope)
        if scope in PLATFORMS:
            return self.platform_figures(scope)
        return self.region_figures()

    def regional_activities(self) -> RegionalActivities | None:
        rows = self.scope_rows(REGIONAL)
        if rows.empty:
            return None
        reached = Reached(**reach.reached_totals(reach.counted(rows)))  # type: ignore[typeddict-item]
        return RegionalActivities(reached=reached, **self.partner_figures(rows), warnings=[])

    def figures(self) -> FiguresDocument:
        """The `r4v-report figures` document (exact numbers; suppress before publishing)."""
        m = self.dataset.manifest
        return {
            "dataset": m.name,
            "synthetic": m.synthetic,
            "sector": self.sector,
            "period": {"start": m.period_start, "end": m.period_end},
            "countries": [self.country_figures(c) for c in COUNTRIES],
            "platforms": [self.platform_figures(p) for p in PLATFORMS],
            "region": self.region_figures(),
            "regional_activities": self.regional_activities(),
            "regional_funding_usd": self.regional_funding,
            "funding_as_of": m.as_of.get("funding"),
            "min_count": m.min_count,
        }


def dataset_findings(dataset: Dataset, sector: str | None = None) -> list[Finding]:
    """Every finding of a dataset: one sector's rows, or all sectors' when none is named."""
    if sector:
        return Analysis(dataset, sector).findings
    rows = reach.classify(dataset.activities, dataset.indicators)
    return [*dataset.findings, *check_activities(rows, PartnerIndex(dataset.partners))]
