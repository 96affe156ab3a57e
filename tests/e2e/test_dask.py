"""`r4v-report build --scheduler tcp://HOST:PORT`: chapters run on a Dask distributed cluster
through its concurrent.futures executor (a LocalCluster on loopback here)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers.batch.build import BuildOptions, build
from helpers.cli.main import main

SCOPES = ["region", "caribbean", "ABW"]


@pytest.fixture(autouse=True)
def _clean_env(no_cache_setting):
    """No user cache setting: each build keeps its cache beside its output."""


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as local:
        yield local


def test_a_scheduler_address_is_checked(tmp_path, capsys, sample_folder):
    code = main(
        [
            "build",
            "--data",
            str(sample_folder),
            "--out",
            str(tmp_path / "reports"),
            "--scheduler",
            "not-an-address; rm -rf /",
        ]
    )
    assert code == 2
    assert "is not a Dask scheduler address" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.xdist_group("build")
def test_three_chapters_are_built_on_a_local_cluster(cluster, tmp_path, sample_folder):
    data = Path(shutil.copytree(sample_folder, tmp_path / "data"))
    out = tmp_path / "reports"
    report = build(
        BuildOptions(
            data=data, out=out, only=SCOPES, scheduler=cluster.scheduler_address, progress=False
        )
    )
    assert report.exit_code == 0, [o.error for o in report.failed]
    from distributed import Client

    with Client(cluster) as client:
        worker_pids = set(client.run(os.getpid).values())
    ran_on = {int(o.worker.rsplit(":", 1)[1]) for o in report.outcomes}
    assert ran_on <= worker_pids and os.getpid() not in ran_on
    for scope in SCOPES:
        for ext in ("html", "csv", "json"):
            assert (out / f"{scope}.{ext}").stat().st_size > 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{s}.html"' in page for s in SCOPES)


@pytest.mark.slow
@pytest.mark.xdist_group("build")
def test_editions_and_pdfs_are_built_on_a_local_cluster(cluster, tmp_path, capsys, sample_folder):
    """Issue 14 item 5: the command's `--scheduler` builds every edition and its PDFs
    through Dask's executor, as a local build does (one browser per Dask worker)."""
    out = tmp_path / "reports"
    code = main(
        [
            "build",
            "--data",
            str(sample_folder),
            "--out",
            str(out),
            "--only",
            "ABW",
            "--lang",
            "en",
            "--lang",
            "es",
            "--scheduler",
            cluster.scheduler_address,
        ]
    )
    assert code == 0, capsys.readouterr().err
    for folder in (out, out / "es"):
        for name in ("ABW.html", "ABW-annex.html", "ABW.pdf", "ABW-annex.pdf"):
            assert (folder / name).stat().st_size > 0, folder / name
        assert (folder / "ABW.pdf").read_bytes().startswith(b"%PDF-")
    assert not (out / "pt").exists()  # only the editions asked for
    assert (out / "book.pdf").stat().st_size > 0
    assert (out / "index.html").is_file()
