"""Chapter pages stay light enough for a phone on a slow connection: charts are inline SVG
(text as text), not base64 PNGs, so every page of the sample is at most 350 KB."""

from __future__ import annotations

import pytest

from helpers.core.geography import chapter_scopes

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("publication")]

LIMIT = 350 * 1024


def test_every_chapter_page_is_at_most_350_kb(sample_publication):
    sizes = {
        page: (sample_publication / page).stat().st_size
        for s in chapter_scopes()
        for page in (f"{s}.html", f"{s}-annex.html")
    }
    assert {s: n for s, n in sizes.items() if n > LIMIT} == {}
    pages = [sample_publication / name for name in ("region.html", "region-annex.html")]
    region = "".join(p.read_text(encoding="utf-8") for p in pages)
    assert "base64" not in region
    assert region.count("<svg") >= 5  # the region's charts: chapter page and annex
