"""`r4v-report build` on the real files in ../shared/data (both years' 5W, the HDX funding
CSV), for the sector with the most rows, read back from what it wrote: every chapter's JSON
export with the published figures document (`r4v-report figures`) through the independent
reader, and every page (every edition) and CSV scanned for a count of people in 1..k-1
(built without PDFs: a PDF prints its page). One build: the
in-process twin (tests/integration/test_real_publication_audit.py) covers every dataset
and sector.
"""

from __future__ import annotations

import json

import pytest

from helpers.cli.main import main

SECTOR = "Protection (General)"  # the most rows in the real 5W samples


@pytest.mark.xdist_group("real-build")
def test_real_build_publishes_no_small_count(
    write_real_dataset, tmp_path, capsys, published_reader, small_counts
):
    folder = write_real_dataset("real2024hdx", tmp_path / "real2024hdx")
    out = tmp_path / "reports"
    assert (
        main(
            [
                "build",
                "--data",
                str(folder),
                "--out",
                str(out),
                "--sector",
                SECTOR,
                "--jobs",
                "1",
                "--no-pdf",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["figures", "--data", str(folder), "--sector", SECTOR, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    k = document.get("min_count") or 5
    reader = published_reader(k)
    reader.figures_document(document)
    exports = sorted(
        p
        for p in out.glob("*.json")
        if not p.name.startswith(".") and not p.name.endswith(".datapackage.json")
    )
    assert len(exports) == 21  # region, 3 platforms, 17 countries
    leaks, tokens = [], 0
    for path in exports:
        text = path.read_text(encoding="utf-8")
        tokens += text.count(f'"<{k}"')
        reader.chapter(json.loads(text))
    for page in out.rglob("*.html"):
        leaks += [f"{page.name}: {x}" for x in small_counts.html(page.read_text("utf-8"), k)]
    for path in out.glob("*.csv"):
        leaks += [f"{path.name} {x}" for x in small_counts.csv(path.read_text("utf-8"), k)]
    assert leaks == []
    assert reader.pinned() == {}
    assert tokens > 0  # there were small counts to protect
