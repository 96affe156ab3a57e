"""A chapter's slice of the snapshot gives the figures the whole dataset gives: the
sector's rows as the analysis filters them, each chapter's own figures, and the same
people reached when only the consolidation columns are read."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.core.geography import chapter_scopes
from helpers.figures import reach
from helpers.figures.analysis import CONSOLIDATION_COLUMNS, Analysis
from helpers.inputs import snapshot
from helpers.inputs.dataset import load_dataset
from helpers.inputs.manifest import read_manifest


def test_sector_rows_are_filtered_as_the_analysis_filters_them(sample_copy, snapshot_root):
    fresh = load_dataset(sample_copy)
    for sector in ("protection (human trafficking & smuggling)", "Protection (General)"):
        cached = snapshot.load_cached(sample_copy, sector=sector, root=snapshot_root)
        expected = reach.sector_rows(fresh.activities, sector).reset_index(drop=True)
        pd.testing.assert_frame_equal(cached.activities, expected)


def test_each_chapter_slice_gives_the_chapters_own_figures(sample_copy, snapshot_root):
    full = Analysis(load_dataset(sample_copy))
    for scope in chapter_scopes():
        part = snapshot.load_cached(
            sample_copy, sector=full.sector, scope=scope, root=snapshot_root
        )
        assert Analysis(part).scope_figures(scope) == full.scope_figures(scope), scope
    mex = snapshot.load_cached(sample_copy, scope="MEX", root=snapshot_root)
    assert set(mex.activities["country"]) == {"MEX"}
    assert set(mex.narratives) == {"MEX"}
    assert all(f.country in (None, "MEX") for f in mex.findings)


@pytest.mark.parametrize("scope", [None, "region", "caribbean", "COL"])
def test_reading_only_the_consolidation_columns_gives_the_same_figures(
    sample_copy, snapshot_root, scope
):
    """`columns=` reads a few columns, text as categoricals: the same values, row for row,
    and the same people reached by country as the full read."""
    sector = read_manifest(sample_copy).sector
    full = snapshot.load_cached(sample_copy, root=snapshot_root, sector=sector, scope=scope)
    part = snapshot.load_cached(
        sample_copy, root=snapshot_root, sector=sector, scope=scope, columns=CONSOLIDATION_COLUMNS
    )
    assert list(part.activities.columns) == CONSOLIDATION_COLUMNS
    assert len(part.activities) == len(full.activities) > 0
    for col in CONSOLIDATION_COLUMNS:
        got, want = part.activities[col], full.activities[col]
        if want.dtype == "str":
            assert isinstance(got.dtype, pd.CategoricalDtype)
            assert got.astype(object).fillna("").tolist() == want.astype(object).fillna("").tolist()
        else:
            pd.testing.assert_series_equal(got, want)
    pd.testing.assert_frame_equal(
        Analysis(part, sector).by_country, Analysis(full, sector).by_country
    )
    with pytest.raises(ValueError, match="not activity columns"):
        snapshot.load_cached(sample_copy, root=snapshot_root, columns=["country", "nonsense"])
