"""On every real file in ../shared/data, everything published gives no small count away.

Each real dataset (tests/conftest.py `REAL_DATASETS`) is built in-process for every chapter,
for the manifest's sector (human trafficking and smuggling: few or no rows in the real
samples) and for the sector with the most rows (where small counts abound). The
independent reader (`PublishedReader`) reads the published figures document and every
chapter's JSON export together; the pages and CSV exports are scanned for any count of
people in 1..k-1. The slow end-to-end twin (tests/e2e/test_real_build_audit.py) runs the
real `r4v-report build` once and reads what it wrote.
"""

from __future__ import annotations

import json

import pytest

from helpers.chapter.build import build_chapter
from helpers.chapter.documents import compute_documents
from helpers.core.geography import chapter_scopes
from helpers.figures.analysis import Analysis
from helpers.inputs.dataset import load_dataset
from helpers.present import render

REAL = ["real2023", "real2024", "real2023full", "real2024hdx"]


def busiest_sector(analysis: Analysis) -> str:
    """The sector with the most 5W rows in the dataset."""
    return str(analysis.dataset.activities["sector"].value_counts().index[0])


@pytest.fixture(scope="module", params=REAL)
def real_analysis(request, write_real_dataset, tmp_path_factory):
    folder = write_real_dataset(request.param, tmp_path_factory.mktemp(request.param))
    return request.param, load_dataset(folder)


def audit(analysis: Analysis, published_reader, small_counts) -> tuple[list[str], dict, int]:
    """(small counts printed in pages or CSV, hidden counts the reader pins, tokens
    published) for every chapter of the analysis's sector, read together."""
    k = analysis.dataset.manifest.min_count
    documents = compute_documents(analysis)
    reader = published_reader(k)
    reader.figures_document(documents.published)
    leaks, tokens = [], 0
    for scope in chapter_scopes():
        chapter = build_chapter(analysis, scope)
        document = chapter.figures_document()
        reader.chapter(document)
        tokens += json.dumps(document).count(f'"<{k}"')
        for section in render.SECTIONS:
            html = render.section_html(chapter, section)
            leaks += [f"{scope} {section}: {x}" for x in small_counts.html(html, k)]
        leaks += [f"{scope}.csv {x}" for x in small_counts.csv(chapter.figures_csv(), k)]
    return leaks, reader.pinned(), tokens


def test_real_publication_gives_nothing_away(real_analysis, published_reader, small_counts):
    """The manifest's sector, on each real dataset."""
    name, dataset = real_analysis
    leaks, pinned, _ = audit(Analysis(dataset), published_reader, small_counts)
    assert leaks == [], name
    assert pinned == {}, name


@pytest.mark.parametrize("name", ["real2023full", "real2024hdx"])
def test_every_real_sector_gives_nothing_away(
    name, write_real_dataset, tmp_path, published_reader, small_counts
):
    """Every sector of the real 5W files of both years (real2024hdx holds both): the
    sectors with rows are where small counts are; some must have been hidden."""
    dataset = load_dataset(write_real_dataset(name, tmp_path))
    sectors = sorted(dataset.activities["sector"].dropna().unique())
    hidden = 0
    for sector in sectors:
        leaks, pinned, tokens = audit(Analysis(dataset, sector), published_reader, small_counts)
        assert leaks == [], sector
        assert pinned == {}, sector
        hidden += tokens
    assert hidden > 0  # the audit read publications with hidden counts in them
