"""From a fetch to a chapter: `r4v-report fetch fts --out DATASET/fts`, then a dataset whose
manifest says `funding: fts/` loads the fetched pages, and its figures, funding footnote and
provenance carry fetch.json's as-of date and checksums. The FTS API is a loopback server
replaying the real pages (`fts_replay`); nothing reaches the internet."""

from __future__ import annotations

import json

from helpers.chapter.build import build_chapter
from helpers.cli.main import main
from helpers.inputs.dataset import load_dataset
from helpers.inputs.manifest import read_manifest
from helpers.inputs.snapshot import ensure_cache, entry_meta, input_files
from helpers.present.formatting import fmt_date
from helpers.present.notes import footnotes

HTS = "Protection (Human Trafficking and Smuggling)"
ACTIVITIES = (
    "Country,Admin1,Appealing_org,Implementation,Implementing_partner,Month,Subsector,"
    "Indicator,Total_monthly,New_beneficiaries,IN_DESTINATION,IN_TRANSIT,Host_Communities,"
    "PENDULARS,Returnees,Girls,Boys,Women,Men\n"
    f"Peru,Lima,Org A,No,,2020-03,{HTS},# of people assisted,12,12,12,0,0,0,0,0,0,12,0\n"
)
INDICATORS = (
    "CODE,Sector/Subsector/WG,Indicator,Indicator Type\n"
    f"RE-PRHT3,{HTS},# of people assisted,Direct Assistance\n"
)
MANIFEST = (
    "name: fetched funding\nperiod: {start: 2020-01, end: 2020-12}\n"
    "activities: activities.csv\nindicators: indicators.csv\nfunding: fts/\n"
)


def test_fetch_then_figures(fts_replay, tmp_path, capsys, make_dataset, snapshot_root):
    data = make_dataset(
        tmp_path / "data",
        {"activities.csv": ACTIVITIES, "indicators.csv": INDICATORS},
        MANIFEST,
    )
    fetch_argv = [
        "fetch", "fts", "--location", "114", "--year", "2020", "--out", str(data / "fts"),
        "--api", fts_replay.base + "/v1/public/fts/flow", "--backoff", "0",
    ]  # fmt: skip
    assert main(fetch_argv) == 0
    record = json.loads((data / "fts" / "fetch.json").read_text(encoding="utf-8"))
    as_of = record["as_of"][:10]
    capsys.readouterr()

    assert main(["figures", "--data", str(data), "--exact"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["funding_as_of"] == as_of
    assert doc["countries"][0]["reached"]  # the 5W side loads as usual

    assert main(["validate", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "page-1.json" in out and "fts_location_outside_response" in out  # Jordan's flows

    # provenance: fetch.json and every page, with the checksums fetch.json recorded
    ds = load_dataset(data)
    inputs = {i["file"]: i["sha256"] for i in ds.inputs if i["source"] == "funding"}
    assert list(inputs) == [
        "fts/fetch.json",
        "fts/page-1.json",
        "fts/page-2.json",
        "fts/page-3.json",
    ]
    for entry in record["files"]:
        assert inputs[f"fts/{entry['file']}"] == entry["sha256"]
    assert len(ds.flows) == 478

    # the chapter's funding footnote (**) and provenance read the manifest's as-of date
    chapter = build_chapter(ds, "region")
    assert chapter.funding_as_of == as_of
    assert chapter.provenance["as_of"]["funding"] == as_of
    notes = " ".join(n.text for n in footnotes(chapter, chapter.funding_as_of))
    assert f"(FTS) as of {fmt_date(as_of)}" in notes

    # the build cache's key covers fetch.json and the pages
    cached = {p.name for source, p in input_files(read_manifest(data)) if source == "funding"}
    assert cached == {"fetch.json", "page-1.json", "page-2.json", "page-3.json"}
    entry = ensure_cache(data, snapshot_root)
    assert "fts/page-3.json" in entry_meta(entry)["checksums"]
