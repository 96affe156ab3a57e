"""The build cache: load once, read back exactly, never inside the dataset, fingerprints that
change only for the chapters a change reaches."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import cache, load
from helpers.errors import InputError
from helpers.figures import Analysis
from helpers.geography import chapter_scopes
from helpers.manifest import read_manifest
from helpers.sample import add_people

from .conftest import SAMPLE

TABLES = ["activities", "indicators", "partners", "targets", "requirements", "flows",
          "situation"]


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def dataset(tmp_path) -> Path:
    """A private copy of the sample (tests edit it)."""
    return Path(shutil.copytree(SAMPLE, tmp_path / "data"))


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.delenv(cache.KEY_ENV, raising=False)
    return tmp_path / "cache"


def test_cached_dataset_is_the_loaded_dataset(dataset, root):
    fresh = load.load_dataset(dataset)
    cached = cache.load_cached(dataset, root=root)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(cached, name), getattr(fresh, name),
                                      check_dtype=True)
    assert cached.findings == fresh.findings
    assert cached.narratives == fresh.narratives
    assert cached.inputs == fresh.inputs
    assert cached.manifest == fresh.manifest


def test_sector_rows_are_filtered_as_the_analysis_filters_them(dataset, root):
    from helpers import reach

    fresh = load.load_dataset(dataset)
    for sector in ("protection (human trafficking & smuggling)", "Protection (General)"):
        cached = cache.load_cached(dataset, sector=sector, root=root)
        expected = reach.sector_rows(fresh.activities, sector).reset_index(drop=True)
        pd.testing.assert_frame_equal(cached.activities, expected)


def test_each_chapter_slice_gives_the_chapters_own_figures(dataset, root):
    full = Analysis(load.load_dataset(dataset))
    for scope in chapter_scopes():
        part = cache.load_cached(dataset, sector=full.sector, scope=scope, root=root)
        assert Analysis(part).scope_figures(scope) == full.scope_figures(scope), scope
    mex = cache.load_cached(dataset, scope="MEX", root=root)
    assert set(mex.activities["country"]) == {"MEX"}
    assert set(mex.narratives) == {"MEX"}
    assert all(f.country in (None, "MEX") for f in mex.findings)


def test_a_second_load_reads_the_cache_not_the_files(dataset, root, monkeypatch):
    cache.ensure_cache(dataset, root)

    def no_reload(folder):
        raise AssertionError("the dataset was loaded again")

    monkeypatch.setattr(load, "load_dataset", no_reload)
    assert len(cache.load_cached(dataset, root=root).activities) > 0


def test_editing_a_file_makes_a_new_entry(dataset, root):
    first = cache.ensure_cache(dataset, root)
    add_people(dataset, "Mexico")
    second = cache.ensure_cache(dataset, root)
    assert first != second and first.is_dir() and second.is_dir()


def test_input_files_are_never_modified(dataset, root):
    before = tree_digest(dataset)
    entry = cache.ensure_cache(dataset, root)
    cache.load_cached(dataset, scope="COL", root=root)
    cache.chapter_fingerprints(entry, read_manifest(dataset), sector=read_manifest(
        dataset).sector, scopes=chapter_scopes(), template=None, params={})
    assert tree_digest(dataset) == before
    assert not any(p.name.endswith(".parquet") for p in dataset.rglob("*"))


def test_cache_inside_the_dataset_folder_is_refused(dataset, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(dataset / "cache"))
    with pytest.raises(InputError, match="inside the dataset folder"):
        cache.ensure_cache(dataset)
    assert not (dataset / "cache").exists()


def test_pinned_entry_is_what_a_builds_chapters_read(dataset, root, monkeypatch):
    entry = cache.ensure_cache(dataset, root)
    monkeypatch.setenv(cache.CACHE_ENV, str(root))
    monkeypatch.setenv(cache.KEY_ENV, entry.name)
    add_people(dataset, "Mexico")  # the data changed during the build...
    pinned = cache.load_cached(dataset)  # ...its chapters still read the snapshot it checked
    assert pinned.inputs == load.load_dataset(SAMPLE).inputs


def fingerprints(folder: Path, root: Path, **params) -> dict[str, str]:
    m = read_manifest(folder)
    entry = cache.ensure_cache(folder, root)
    return cache.chapter_fingerprints(entry, m, sector=m.sector, scopes=chapter_scopes(),
                                      template=None, params=params)


def test_one_countrys_rows_change_only_its_platform_and_the_region(dataset, root):
    before = fingerprints(dataset, root)
    assert len(set(before.values())) == 21
    add_people(dataset, "Mexico")
    after = fingerprints(dataset, root)
    changed = {s for s in before if before[s] != after[s]}
    assert changed == {"MEX", "central-america-mexico", "region"}


def test_a_narrative_changes_only_its_chapter(dataset, root):
    before = fingerprints(dataset, root)
    path = dataset / "narratives" / "PER.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                    encoding="utf-8")
    after = fingerprints(dataset, root)
    assert {s for s in before if before[s] != after[s]} == {"PER"}


def test_reference_files_and_parameters_change_every_chapter(dataset, root):
    before = fingerprints(dataset, root)
    assert set(fingerprints(dataset, root, exact=True).values()).isdisjoint(before.values())
    path = dataset / "targets.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = fingerprints(dataset, root)
    assert all(before[s] != after[s] for s in before)


def test_figures_documents_are_those_every_chapter_would_compute(dataset, root, monkeypatch):
    from helpers import disclosure

    m = read_manifest(dataset)
    assert cache.figures_documents(dataset, m.sector) is None  # outside a build
    entry = cache.ensure_cache(dataset, root)
    cache.chapter_fingerprints(entry, m, sector=m.sector, scopes=["region"], template=None,
                               params={})
    monkeypatch.setenv(cache.CACHE_ENV, str(root))
    monkeypatch.setenv(cache.KEY_ENV, entry.name)
    exact, published, unprotected = cache.figures_documents(dataset, m.sector)
    analysis = Analysis(load.load_dataset(dataset))
    expected = disclosure.suppress_figures_report(analysis.figures(), m.min_count)
    assert exact == analysis.figures()
    assert published == expected.published and unprotected == tuple(expected.unprotected)


def test_unchanged_files_are_not_hashed_again_but_edited_ones_are(dataset, root, monkeypatch):
    import time

    cache.ensure_cache(dataset, root)
    time.sleep(2.1)  # files touched within 2 s of being hashed are always hashed again
    cache.ensure_cache(dataset, root)  # hashes once more, now trusted from here on
    hashed = []
    real = cache.sha256_many

    def spy(paths):
        paths = list(paths)
        hashed.extend(p.name for p in paths)
        return real(paths)

    monkeypatch.setattr(cache, "sha256_many", spy)
    first = cache.ensure_cache(dataset, root)
    assert hashed == []
    add_people(dataset, "Mexico")
    second = cache.ensure_cache(dataset, root)
    assert "activities.csv" in hashed and first != second


@pytest.mark.parametrize("scope", [None, "region", "caribbean", "COL"])
def test_reading_only_the_consolidation_columns_gives_the_same_figures(dataset, root, scope):
    """`columns=` reads a few columns, text as categoricals: the same values, row for row,
    and the same people reached by country as the full read."""
    from helpers.figures import CONSOLIDATION_COLUMNS

    sector = read_manifest(dataset).sector
    full = cache.load_cached(dataset, root=root, sector=sector, scope=scope)
    part = cache.load_cached(dataset, root=root, sector=sector, scope=scope,
                             columns=CONSOLIDATION_COLUMNS)
    assert list(part.activities.columns) == CONSOLIDATION_COLUMNS
    assert len(part.activities) == len(full.activities) > 0
    for col in CONSOLIDATION_COLUMNS:
        got, want = part.activities[col], full.activities[col]
        if want.dtype == "str":
            assert isinstance(got.dtype, pd.CategoricalDtype)
            assert got.astype(object).fillna("").tolist() == want.astype(object).fillna(
                "").tolist()
        else:
            pd.testing.assert_series_equal(got, want)
    pd.testing.assert_frame_equal(Analysis(part, sector).by_country,
                                  Analysis(full, sector).by_country)
    with pytest.raises(ValueError, match="not activity columns"):
        cache.load_cached(dataset, root=root, columns=["country", "nonsense"])


def test_many_files_hash_to_what_hashlib_gives_each(tmp_path):
    """Threads hash side by side but the answers keep their files' order."""
    import hashlib

    from helpers.checksums import sha256, sha256_many

    paths = []
    for i, size in enumerate([0, 1, 3 << 20, 17]):
        p = tmp_path / f"f{i}"
        p.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
        paths.append(p)
    want = [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]
    assert sha256_many(paths) == want
    assert [sha256(p) for p in paths] == want
    assert want[0] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert sha256_many([]) == []
