"""The shipped sample's chapters: their figures are the `r4v-report figures` document's,
suppressed, one level down; the analysts' text is filled with the published figures."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.chapter.build import build_chapter
from helpers.chapter.documents import compute_documents
from helpers.chapter.model import OTHER, TOTAL
from helpers.figures.analysis import Analysis
from helpers.present import render
from helpers.present.placeholders import filled_narratives, placeholder_values


@pytest.fixture(scope="module")
def sample(sample_dataset) -> Analysis:
    """The sample's Analysis (its manifest's sector)."""
    return Analysis(sample_dataset)


@pytest.fixture(scope="module")
def published(sample) -> dict:
    """The `r4v-report figures` document of the sample as published (whole people,
    suppressed), as the CLI prints it."""
    return compute_documents(sample).published


@pytest.fixture(scope="module")
def region(sample):
    return build_chapter(sample, "region")


def test_region_key_figures_are_the_suppressed_figures_document(published, region):
    ch = region
    doc = published
    assert ch.key_figures == doc["region"]
    assert ch.headline == doc["region"]["reached"]["total_excluding_in_transit"]
    # the infographic: one row per platform, straight from the document
    for p in doc["platforms"]:
        row = ch.infographic.loc[p["id"]]
        assert row["total"] == p["reached"]["total"]
        assert row["in_transit"] == p["reached"]["in_transit"]
        assert row["funding_usd"] == p["funding_usd"]
    assert ch.infographic.at[TOTAL, "in_transit"] is None  # never summed across countries
    assert ch.infographic.at[TOTAL, "total"] == ch.headline
    assert ch.regional_funding_usd == doc["regional_funding_usd"]
    assert ch.regional_activities["reached"] == doc["regional_activities"]["reached"]
    # the response adds up to the headline, which excludes in-transit at regional level
    assert ch.progress["cumulative"].iloc[-1] == ch.headline
    assert ch.by_activity.at[TOTAL, "reached"] == ch.headline
    assert ch.by_partner.at[TOTAL, "reached"] == ch.headline
    assert ch.age_gender["people"].isna().all()  # shares only at regional level
    assert pd.isna(ch.reached_vs_target.at["in_transit", "reached"])
    assert len(ch.platforms) == 8


def test_platform_and_country_units_are_one_level_down(sample, published):
    doc = published
    carib = build_chapter(sample, "caribbean")
    assert list(carib.infographic.index) == ["ABW", "CUW", "DOM", "GUY", "TTO", TOTAL]
    by_iso3 = {c["iso3"]: c for c in doc["countries"]}
    for iso3 in ["ABW", "CUW", "DOM", "GUY", "TTO"]:
        for part in ["in_destination", "host_community", "pendular", "total"]:
            assert carib.infographic.at[iso3, part] == by_iso3[iso3]["reached"][part]
    col = build_chapter(sample, "COL")
    assert col.infographic_unit == "admin-1 place"
    assert col.infographic.at[TOTAL, "total"] == by_iso3["COL"]["reached"]["total"]
    assert "Arauca" in col.infographic.index
    assert col.key_figures == by_iso3["COL"]


def test_narratives_are_filled_with_display_strings(region):
    ch = region
    # (deliberate) the chapter holds the analysts' Markdown as written; the present layer
    # fills its placeholders with the published figures' display strings
    assert "{reached}" in ch.narratives["response"]
    filled = filled_narratives(ch)
    assert set(filled) == set(ch.narratives)
    assert "26.2K" in filled["response"]
    assert "78.8 %" in filled["response"]
    assert "{" not in "".join(filled.values())
    values = placeholder_values(ch)
    assert values["reached"] == "26.2K" and values["percent_of_target"] == "78.8 %"
    assert values["scope"] == "the region"


def test_other_row_groups_the_smaller_activities(region):
    ch = region
    if OTHER in ch.by_activity.index:
        assert ch.by_activity.at[OTHER, "name"].endswith("others")
        assert len(ch.by_activity) == 14  # 12 listed, the others, the total


def test_statistics_stay_in_the_annex(sample, region):
    chapter = "".join(render.section_html(region, s) for s in render.CHAPTER_SECTIONS)
    annex = "".join(render.section_html(region, s) for s in render.ANNEX_SECTIONS)
    for word in ("Spearman", "p = ", "p < ", "coefficient of variation"):
        assert word not in chapter, word
    assert "Spearman" in annex and "coefficient of variation" in annex
    col_chapter = build_chapter(sample, "COL")
    # a country: no sentence about a statistic that does not apply to one country
    col = "".join(render.section_html(col_chapter, s) for s in render.SECTIONS)
    assert "rank correlation" not in col and "cannot be computed" not in col
