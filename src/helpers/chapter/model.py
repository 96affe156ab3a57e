"""One chapter as data: everything its pages and exports print, already fit to publish.

A `Chapter` holds published values (small counts already `<k` or `[c]`); the exact
tables sit beside them only when the user asked for exact exports. Words, formatting
and drawing are the `present` layer's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..core.columns import POPULATION_TYPES
from ..core.geography import PLATFORMS, REGION
from ..core.i18n import N_, gettext
from ..figures import lessons
from ..figures.document import Count, ScopeFigures, headline
from ..figures.reach import NOT_DISAGGREGATED

TOTAL = "total"
"""Index label of a table's totals row."""
OTHER = "__other__"
"""Index label of the row that groups the smaller activities or partners."""
PEOPLE_PARTS = [*POPULATION_TYPES, NOT_DISAGGREGATED]
TOP_ROWS = 12  # activities or partners listed one by one; the rest are grouped
MAX_FINDINGS_PER_CHECK = 200  # the annex lists at most this many rows per check

LEVEL_REGION, LEVEL_PLATFORM, LEVEL_COUNTRY = "region", "platform", "country"
SECTIONS = ("situation", "response", "lessons")

MISSING = {
    "funding": N_(
        "This dataset has no funding extract, so budget received, donors and the "
        "funding analysis are left out."
    ),
    "targets": N_(
        "This dataset has no targets or people in need, so no percentage of target is shown."
    ),
    "situation": N_("This dataset has no situation indicators, so the risk picture is left out."),
    "narratives": N_("This dataset has no analysts' text for this chapter."),
    "partners": N_(
        "The partner reference of this dataset does not say which organisations are "
        "refugee- and migrant-led, so their number is not reported."
    ),
    "requirements": N_(
        "This dataset has no financial requirements, so funding coverage is not shown."
    ),
}
NO_NARRATIVE = N_("There is no analysts' text for this chapter in the dataset.")
"""The sentences a chapter prints for a source it lacks (English, as `missing` holds
them); `missing_text` gives one in the active edition."""


def missing_text(text: str) -> str:
    """A `Chapter.missing` sentence in the active edition."""
    return gettext(text)


def scope_level(scope: str) -> str:
    if scope == REGION:
        return LEVEL_REGION
    return LEVEL_PLATFORM if scope in PLATFORMS else LEVEL_COUNTRY


@dataclass
class Lessons:
    """Funding against reach for the chapter's countries (and platforms, for the region)."""

    countries: pd.DataFrame | None  # published: per-person figures hidden with reached
    platforms: pd.DataFrame | None
    correlation: lessons.RankCorrelation
    spread: lessons.CoverageSpread
    misalignment: pd.DataFrame | None
    organisations: pd.DataFrame | None
    outputs: lessons.OutputShare


@dataclass
class Chapter:
    """One chapter: everything its page and exports print, already fit to publish."""

    scope: str
    scope_name: str
    level: str
    dataset_name: str
    synthetic: bool
    sector: str
    period_start: str
    period_end: str
    min_count: int
    exact: bool
    funding_as_of: str | None
    key_figures: ScopeFigures
    infographic: pd.DataFrame | None  # None: withheld (it would give a small count away)
    infographic_unit: str
    reached_vs_target: pd.DataFrame | None
    age_gender: pd.DataFrame | None
    progress: pd.DataFrame | None
    by_activity: pd.DataFrame | None
    by_partner: pd.DataFrame | None
    refugee_migrant_led: dict | None
    outputs: pd.DataFrame | None
    situation: pd.DataFrame | None
    situation_groups: dict[str, pd.DataFrame]
    risk_concentration: pd.DataFrame | None
    situation_wide: pd.DataFrame | None  # country x indicator (published), several countries
    situation_units: dict[str, str]
    situation_sources: list[str]
    people_in_need: dict | None
    lessons: Lessons
    narratives: dict[str, str] | None  # section -> the analysts' Markdown, placeholders unfilled
    findings: list[dict]
    finding_counts: dict[str, int]
    unprotected: list[str]
    provenance: dict
    missing: dict[str, str]
    withheld: list[str] = field(default_factory=list)  # tables not printed (small numbers)
    people_hidden: float = 0.0  # people's worth of counts hidden to protect small ones
    other_findings: int = 0  # findings on other sectors or scopes, summed in one line
    platforms: pd.DataFrame | None = None  # region: all platforms side by side
    regional_activities: dict | None = None
    regional_funding_usd: float | None = None
    exports: dict = field(default_factory=dict, repr=False)  # {"document": ..., "csv": ...}
    links: dict[str, str] = field(default_factory=dict)  # the manifest's source links
    languages: tuple[str, ...] = ("en",)  # the manifest's editions, in edition order
    narratives_by_language: dict[str, dict[str, str]] = field(default_factory=dict)
    """Each edition's analysts' Markdown (placeholders unfilled): the pages of an edition
    print its own text, and say so where it has none (never another language's text)."""
    indicator_names: dict[str, dict[str, str]] = field(default_factory=dict)
    """The outputs' indicators as the indicator list names them in another language than
    English, where it does: language -> {indicator as the outputs table writes it -> name}
    (R4V's lists give Spanish); an edition's pages and exports use them."""
    indicator_types: dict[str, dict[str, str]] = field(default_factory=dict)
    """Their indicator types as the list writes them in that language, likewise."""
    shown: dict[str, dict] = field(default_factory=dict, repr=False)
    """Sections the notebook displayed, each with the charts it chose for them (recorded by
    present.render.show_section, so the published pages carry the notebook's choices)."""

    @property
    def has_funding(self) -> bool:
        return "funding" not in self.missing

    @property
    def has_targets(self) -> bool:
        return "targets" not in self.missing

    @property
    def headline(self) -> Count:
        """The published people-reached figure (the region's excludes in-transit)."""
        return headline(self.key_figures)

    def figures_document(self) -> dict:
        """The chapter's figures and tables as one JSON-ready document (suppressed unless the
        chapter was built with exact=True)."""
        return self.exports["document"]

    def figures_csv(self) -> str:
        """Key figures of the scope and of each unit one level down, as CSV with an HXL row."""
        return self.exports["csv"]

    def figures_rows(self) -> list[dict]:
        """The rows of `figures_csv`, named in English (an edition names them its way)."""
        return self.exports["rows"]
