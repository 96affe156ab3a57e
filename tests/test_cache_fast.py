"""The fast paths of the cache and of the row classification give what the plain pandas
code gave: same row groups, same rows in the same order, same columns and dtypes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import cache, load, reach

from .conftest import SAMPLE


@pytest.fixture(scope="module")
def sample():
    return load.load_dataset(SAMPLE)


def messy(activities: pd.DataFrame) -> pd.DataFrame:
    """Missing countries, sectors and indicators, another spelling of a sector, shuffled."""
    df = activities.sample(frac=1, random_state=3).copy()
    df.loc[df.index[::7], "country"] = np.nan
    df.loc[df.index[::5], "sector"] = np.nan
    df.loc[df.index[::11], "indicator"] = np.nan
    df.loc[df.index[1::9], "sector"] = "PROTECTION  (general)"
    return df


def test_group_order_is_the_argsort_of_the_key_strings(sample):
    act = messy(sample.activities).reset_index(drop=True)
    folded = {v: cache.sector_key(v) for v in act["sector"].dropna().unique()}
    keys = (act["country"].fillna("").astype(str) + "\x1f"
            + act["sector"].map(folded).fillna("").astype(str)).to_numpy()
    order, rows_of = cache._group_order(act)
    expected = np.argsort(keys, kind="stable")
    assert np.array_equal(order, expected)
    assert rows_of == {k: int((keys == k).sum()) for k in dict.fromkeys(keys[expected])}


def joined(rows: pd.DataFrame, ref: pd.DataFrame) -> pd.DataFrame:
    """The plain pandas join `reach.classify` replaces: the reference it must equal."""
    left = rows.assign(_s=rows["sector"].map(load.sector_key),
                       _i=rows["indicator"].map(load.text_key))
    out = left.merge(ref, on=["_s", "_i"], how="left", indicator="_m")
    out["known_indicator"] = out["_m"] == "both"
    out["counts_as_people"] = out["counts_as_people"].fillna(False).astype(bool)
    out.index = rows.index
    return out.drop(columns=["_s", "_i", "_m"])


@pytest.mark.parametrize("frame", ["sample", "messy", "empty"])
def test_classify_is_the_join_it_replaces(sample, frame):
    rows = {"sample": sample.activities, "messy": messy(sample.activities),
            "empty": sample.activities.iloc[:0]}[frame]
    ref = sample.indicators.assign(
        _s=sample.indicators["sector"].map(load.sector_key),
        _i=sample.indicators["indicator"].map(load.text_key),
    ).drop_duplicates(["_s", "_i"])[["_s", "_i", "indicator_type", "counts_as_people"]]
    fast = reach.classify(rows, sample.indicators)
    pd.testing.assert_frame_equal(fast, joined(rows, ref), check_exact=True)
    # classifying classified rows again replaces the three columns (no _x/_y copies)
    pd.testing.assert_frame_equal(reach.classify(fast, sample.indicators), fast)
    for sector in ("Protection (General)", "nothing"):
        picked = reach.sector_rows(rows, sector)
        keep = rows["sector"].map({v: load.sector_key(v) == load.sector_key(sector)
                                   for v in pd.unique(rows["sector"])}).astype(bool)
        pd.testing.assert_frame_equal(picked, rows[keep])
    pd.testing.assert_frame_equal(reach.counted(fast), fast[fast["counts_as_people"]])


def test_a_cached_slice_is_the_loaded_slice_in_file_order(tmp_path, monkeypatch, sample):
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.delenv(cache.KEY_ENV, raising=False)
    root = tmp_path / "cache"
    for scope in ("region", "central-america-mexico", "COL"):
        got = cache.load_cached(SAMPLE, scope=scope, root=root).activities
        codes = cache.scope_codes(scope)
        want = sample.activities
        if codes is not None:
            want = want[want["country"].isin(codes)]
        pd.testing.assert_frame_equal(got, want.reset_index(drop=True), check_exact=True)
