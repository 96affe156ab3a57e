"""Fixtures of the end-to-end tests (builds, notebooks, the browser, Dask)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.fixture
def fake_runner(monkeypatch) -> str:
    """The build runner ("module:function") of a fake chapter that needs no notebook
    (tests/e2e/fake_chapter_runner.py); its folder is put on sys.path for the test, which
    the build's worker processes inherit."""
    monkeypatch.syspath_prepend(str(HERE))
    return "fake_chapter_runner:execute_chapter"


@pytest.fixture
def no_cache_setting(monkeypatch) -> None:
    """The user's cache folder setting ($R4V_BUILD_CACHE) cleared for the test, so a build
    keeps its cache beside its output folder."""
    from helpers.inputs.snapshot import CACHE_ENV

    monkeypatch.delenv(CACHE_ENV, raising=False)


@pytest.fixture(scope="session")
def sample_publication(tmp_path_factory, sample_folder) -> Path:
    """The whole sample publication, built once per test process with the real notebook
    (every chapter, index, export, PDF and the book), for the checks that read what a
    reader gets.
    Tests using it share the xdist group "publication", so one process builds it."""
    from helpers.batch.build import BuildOptions, build
    from helpers.inputs.snapshot import CACHE_ENV

    saved = os.environ.pop(CACHE_ENV, None)
    try:
        base = tmp_path_factory.mktemp("publication")
        data = Path(shutil.copytree(sample_folder, base / "sample"))  # named as shipped
        report = build(
            BuildOptions(data=data, out=base / "reports", jobs=2, progress=False, pdf=True)
        )
    finally:
        if saved is not None:
            os.environ[CACHE_ENV] = saved
    assert report.exit_code == 0, [(o.scope, o.error) for o in report.failed]
    return base / "reports"
