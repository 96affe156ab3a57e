"""Every figure of every chapter for one dataset and sector, computed once.

`Analysis` holds the sector's classified rows and the per-country tables; chapters,
the `figures` command and the notebooks all read from it, so a number is computed in
exactly one place.
"""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from . import geography, partners, reach, targets
from .geography import COUNTRIES, PLATFORMS, REGION, REGIONAL
from .load import Dataset
from .quality import Finding, check_activities

CONSOLIDATION_COLUMNS = ["country", "sector", "indicator", "new_beneficiaries",
                         *reach.POPULATION_TYPES]
"""The activity columns people reached by country is made of (`Analysis.by_country`):
what a consumer of only that consolidation reads from the columnar cache."""


class Analysis:
    def __init__(self, dataset: Dataset, sector: str | None = None):
        self.dataset = dataset
        self.sector = sector or dataset.manifest.sector
        self.index = partners.PartnerIndex(dataset.partners)

    # ---------------------------------------------------------------- rows

    @cached_property
    def rows(self) -> pd.DataFrame:
        """The sector's 5W rows of the period, classified against the indicator reference."""
        return reach.classify(reach.sector_rows(self.dataset.activities, self.sector),
                              self.dataset.indicators)

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

    @property
    def has_funding(self) -> bool:
        return self.dataset.flows is not None

    @cached_property
    def funding_by_country(self) -> pd.Series | None:
        if not self.has_funding:
            return None
        from .funding import funding_by_country

        return funding_by_country(self.dataset.flows, self.sector).reindex(
            list(COUNTRIES), fill_value=0.0)

    @cached_property
    def regional_funding(self) -> float | None:
        if not self.has_funding:
            return None
        from .funding import regional_funding

        return float(regional_funding(self.dataset.flows, self.sector))

    def scope_rows(self, scope: str, counted_only: bool = False) -> pd.DataFrame:
        """Rows of a chapter scope: the region holds every row, regional ones included."""
        rows = self.counted if counted_only else self.rows
        if scope == REGION:
            return rows
        if scope == REGIONAL:
            return rows[rows["country"] == REGIONAL]
        return rows[rows["country"].isin(geography.scope_countries(scope))]

    # ---------------------------------------------------------------- figures

    def _partner_figures(self, rows: pd.DataFrame) -> dict:
        implementers = partners.implementing_partners(rows, self.index)
        return {
            "reporting_partners": len(partners.reporting_partners(rows, self.index)),
            "implementing_partners": len(implementers),
            "refugee_migrant_led_partners": (
                len(partners.refugee_migrant_led(implementers, self.index))
                if self.index.has_reference else None),
        }

    def _funding_figures(self, countries: tuple[str, ...], include_regional: bool) -> dict:
        if not self.has_funding:
            return {"funding_usd": None, "donors": None}
        from .funding import donors

        amount = float(self.funding_by_country.loc[list(countries)].sum())
        if include_regional:
            amount += self.regional_funding
        return {"funding_usd": amount,
                "donors": len(donors(self.dataset.flows, self.sector, list(countries),
                                     include_regional))}

    def target(self, scope: str) -> float | None:
        countries = geography.scope_countries(scope)
        return targets.target_for(self.sector_targets, countries,
                                  exclude_in_transit=scope == REGION)

    def reached(self, scope: str) -> dict[str, float]:
        if scope == REGION:
            return reach.region_reached(self.by_country)
        if scope in PLATFORMS:
            return reach.platform_reached(self.by_country, scope)
        return {k: float(v) for k, v in self.by_country.loc[scope].items()}

    def scope_figures(self, scope: str) -> dict:
        """The key figures of one scope: a country (ISO3), a platform id or the region."""
        reached = self.reached(scope)
        target = self.target(scope)
        headline = reached["total_excluding_in_transit"] if scope == REGION else reached["total"]
        rows = self.scope_rows(scope)
        entry: dict = {}
        if scope in COUNTRIES:
            entry.update(iso3=scope, name=COUNTRIES[scope].name,
                         platform=COUNTRIES[scope].platform)
        elif scope in PLATFORMS:
            p = PLATFORMS[scope]
            entry.update(id=scope, name=p.name, national=p.national, countries=list(p.countries))
        else:
            entry.update(id=REGION, name="Regional")
        entry.update(
            reached=reached,
            target=target,
            percent_of_target=targets.percent_of_target(headline, target),
            **self._partner_figures(rows),
            **self._funding_figures(geography.scope_countries(scope), scope == REGION),
        )
        return entry

    def regional_activities(self) -> dict | None:
        rows = self.scope_rows(REGIONAL)
        if rows.empty:
            return None
        return {"reached": reach.people_reached(reach.counted(rows)),
                **self._partner_figures(rows)}

    def figures(self) -> dict:
        """The `r4v-report figures` document (exact numbers; suppress before publishing)."""
        m = self.dataset.manifest
        return {
            "dataset": m.name,
            "synthetic": m.synthetic,
            "sector": self.sector,
            "period": {"start": m.period_start, "end": m.period_end},
            "countries": [self.scope_figures(c) for c in COUNTRIES],
            "platforms": [self.scope_figures(p) for p in PLATFORMS],
            "region": self.scope_figures(REGION),
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
    return [*dataset.findings, *check_activities(rows, partners.PartnerIndex(dataset.partners))]
