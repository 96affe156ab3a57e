"""The snapshot (build cache): load once, read back exactly, never inside the dataset, a
new entry when a file changes, a given entry read as it was, and the fast paths (row
groups, a chapter's slice in file order) giving what the plain pandas code gave.

Tests work on a private copy of the shipped sample (`sample_copy`) and an empty cache
folder (`snapshot_root`). What the figures make of a snapshot is
tests/integration/test_snapshot_figures.py's; chapter fingerprints are
tests/unit/batch/test_fingerprints.py's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.core.errors import InputError
from helpers.core.names import name_key
from helpers.inputs import dataset as datasets
from helpers.inputs import snapshot
from helpers.inputs.dataset import load_dataset
from helpers.sample.generate import add_people

TABLES = ["activities", "indicators", "partners", "targets", "requirements", "flows", "situation"]


def test_cached_dataset_is_the_loaded_dataset(sample_copy, snapshot_root):
    fresh = load_dataset(sample_copy)
    cached = snapshot.load_cached(sample_copy, root=snapshot_root)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(cached, name), getattr(fresh, name), check_dtype=True)
    assert cached.findings == fresh.findings
    assert cached.narratives == fresh.narratives
    assert cached.inputs == fresh.inputs
    assert cached.manifest == fresh.manifest


def test_a_second_load_reads_the_cache_not_the_files(sample_copy, snapshot_root, monkeypatch):
    snapshot.ensure_cache(sample_copy, snapshot_root)

    def no_reload(folder):
        raise AssertionError("the dataset was loaded again")

    monkeypatch.setattr(datasets, "load_dataset", no_reload)
    assert len(snapshot.load_cached(sample_copy, root=snapshot_root).activities) > 0


def test_editing_a_file_makes_a_new_entry(sample_copy, snapshot_root):
    misses = []  # what a build starts meanwhile (its workers' fork server)

    def on_miss():
        misses.append(True)

    first = snapshot.ensure_cache(sample_copy, snapshot_root, on_miss=on_miss)
    assert snapshot.ensure_cache(sample_copy, snapshot_root, on_miss=on_miss) == first
    assert len(misses) == 1  # the first load only: the second found its entry
    add_people(sample_copy, "Mexico")
    second = snapshot.ensure_cache(sample_copy, snapshot_root, on_miss=on_miss)
    assert first != second and first.is_dir() and second.is_dir()
    assert len(misses) == 2


def test_cache_inside_the_dataset_folder_is_refused(sample_copy, monkeypatch):
    monkeypatch.setenv(snapshot.CACHE_ENV, str(sample_copy / "cache"))
    with pytest.raises(InputError, match="inside the dataset folder"):
        snapshot.ensure_cache(sample_copy)
    assert not (sample_copy / "cache").exists()


def test_a_given_entry_is_what_a_builds_chapters_read(sample_copy, snapshot_root, sample_folder):
    # (was the R4V_BUILD_CACHE_KEY pin: a build now passes its entry to each chapter)
    entry = snapshot.ensure_cache(sample_copy, snapshot_root)
    add_people(sample_copy, "Mexico")  # the data changed during the build...
    pinned = snapshot.load_cached(sample_copy, entry=entry)  # ...its chapters still read
    assert pinned.inputs == load_dataset(sample_folder).inputs  # the snapshot it checked
    assert pinned.inputs != load_dataset(sample_copy).inputs
    # an entry of another dataset (or half a one) is refused, not read
    with pytest.raises(InputError, match="not a complete snapshot of this dataset"):
        snapshot.load_cached(sample_folder, entry=entry)
    with pytest.raises(InputError, match="not a complete snapshot of this dataset"):
        snapshot.load_cached(sample_copy, entry=snapshot_root / "no-such-entry")


def test_unchanged_files_are_not_hashed_again_but_edited_ones_are(
    sample_copy, snapshot_root, monkeypatch
):
    import time

    snapshot.ensure_cache(sample_copy, snapshot_root)
    time.sleep(2.1)  # files touched within 2 s of being hashed are always hashed again
    snapshot.ensure_cache(sample_copy, snapshot_root)  # hashes once more, now trusted
    hashed = []
    real = snapshot.sha256_many

    def spy(paths):
        paths = list(paths)
        hashed.extend(p.name for p in paths)
        return real(paths)

    monkeypatch.setattr(snapshot, "sha256_many", spy)
    first = snapshot.ensure_cache(sample_copy, snapshot_root)
    assert hashed == []
    add_people(sample_copy, "Mexico")
    second = snapshot.ensure_cache(sample_copy, snapshot_root)
    assert "activities.csv" in hashed and first != second


# ---------------------------------------------------------------- the fast paths


def messy(activities: pd.DataFrame) -> pd.DataFrame:
    """Missing countries, sectors and indicators, another spelling of a sector, shuffled."""
    df = activities.sample(frac=1, random_state=3).copy()
    df.loc[df.index[::7], "country"] = np.nan
    df.loc[df.index[::5], "sector"] = np.nan
    df.loc[df.index[::11], "indicator"] = np.nan
    df.loc[df.index[1::9], "sector"] = "PROTECTION  (general)"
    return df


def test_group_order_is_the_argsort_of_the_key_strings(sample_dataset):
    act = messy(sample_dataset.activities).reset_index(drop=True)
    folded = {v: name_key(v) for v in act["sector"].dropna().unique()}
    keys = (
        act["country"].fillna("").astype(str)
        + "\x1f"
        + act["sector"].map(folded).fillna("").astype(str)
    ).to_numpy()
    order, rows_of = snapshot._group_order(act)
    expected = np.argsort(keys, kind="stable")
    assert np.array_equal(order, expected)
    assert rows_of == {k: int((keys == k).sum()) for k in dict.fromkeys(keys[expected])}


def test_a_cached_slice_is_the_loaded_slice_in_file_order(
    snapshot_root, sample_folder, sample_dataset
):
    for scope in ("region", "central-america-mexico", "COL"):
        got = snapshot.load_cached(sample_folder, scope=scope, root=snapshot_root).activities
        codes = snapshot.scope_codes(scope)
        want = sample_dataset.activities
        if codes is not None:
            want = want[want["country"].isin(codes)]
        pd.testing.assert_frame_equal(got, want.reset_index(drop=True), check_exact=True)
