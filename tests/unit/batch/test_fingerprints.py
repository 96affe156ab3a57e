"""Chapter fingerprints: they change only for the chapters a change reaches; the figures
documents a build computes once from its snapshot are those every chapter would compute;
and none of it writes into the dataset folder."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pytest

from helpers.batch import fingerprints as fp
from helpers.chapter.build import build_chapter
from helpers.chapter.documents import compute_documents
from helpers.core.findings import chapter_findings
from helpers.core.geography import chapter_scopes
from helpers.figures.analysis import Analysis
from helpers.inputs import snapshot
from helpers.inputs.dataset import load_dataset
from helpers.inputs.manifest import read_manifest
from helpers.sample.generate import add_people


def fingerprints(folder: Path, root: Path, **params) -> dict[str, str]:
    m = read_manifest(folder)
    entry = snapshot.ensure_cache(folder, root)
    return fp.chapter_fingerprints(
        entry, m, sector=m.sector, scopes=chapter_scopes(), template=None, params=params
    ).digests


def test_input_files_are_never_modified(sample_copy, snapshot_root, tree_digest):
    before = tree_digest(sample_copy)
    entry = snapshot.ensure_cache(sample_copy, snapshot_root)
    snapshot.load_cached(sample_copy, scope="COL", root=snapshot_root)
    m = read_manifest(sample_copy)
    fp.chapter_fingerprints(
        entry, m, sector=m.sector, scopes=chapter_scopes(), template=None, params={}
    )
    assert tree_digest(sample_copy) == before
    assert not any(p.name.endswith(".parquet") for p in sample_copy.rglob("*"))


def test_one_countrys_rows_change_only_its_platform_and_the_region(sample_copy, snapshot_root):
    before = fingerprints(sample_copy, snapshot_root)
    assert len(set(before.values())) == 21
    add_people(sample_copy, "Mexico")
    after = fingerprints(sample_copy, snapshot_root)
    changed = {s for s in before if before[s] != after[s]}
    assert changed == {"MEX", "central-america-mexico", "region"}


def test_a_finding_added_in_one_country_changes_every_chapter_that_counts_it(
    sample_copy, snapshot_root
):
    """Every chapter's annex says how many findings are on other sectors or countries
    ("39 more findings ..."): one more in Peru is one more in each of them, so none may
    be skipped with the count it printed before."""
    before = fingerprints(sample_copy, snapshot_root)
    counted_before = _other_findings(sample_copy, "COL")
    _break_age_and_gender(sample_copy, "Peru")
    assert _other_findings(sample_copy, "COL") == counted_before + 1
    after = fingerprints(sample_copy, snapshot_root)
    assert {s for s in before if before[s] != after[s]} == set(chapter_scopes())


def _break_age_and_gender(folder: Path, country: str) -> None:
    """7 more women in a country's first plain row than its total: one more finding."""
    add_people(folder, country, 7, columns=("Women above 18",))


def _add_host_community(folder: Path, country: str, add: int) -> None:
    """`add` more host-community people in a country's first plain direct-assistance row
    that has some, its total, new people and women too: the row still adds up."""
    host = "Host Communities Beneficiaries"
    columns = (
        host,
        "Total monthly beneficiaries",
        "New beneficiaries of the month",
        "Women above 18",
    )
    add_people(folder, country, add, columns=columns, having=host)


def _other_findings(folder: Path, iso3: str) -> int:
    """What the chapter of one country prints as the findings elsewhere."""
    analysis = Analysis(load_dataset(folder))
    return chapter_findings(analysis.findings, {iso3}, analysis.sector)[1]


def test_a_narrative_changes_only_its_chapter(sample_copy, snapshot_root):
    before = fingerprints(sample_copy, snapshot_root)
    path = sample_copy / "narratives" / "PER.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    after = fingerprints(sample_copy, snapshot_root)
    assert {s for s in before if before[s] != after[s]} == {"PER"}


def test_reference_files_and_parameters_change_every_chapter(sample_copy, snapshot_root):
    before = fingerprints(sample_copy, snapshot_root)
    assert set(fingerprints(sample_copy, snapshot_root, exact=True).values()).isdisjoint(
        before.values()
    )
    path = sample_copy / "targets.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = fingerprints(sample_copy, snapshot_root)
    assert all(before[s] != after[s] for s in before)


def test_figures_documents_are_those_every_chapter_would_compute(sample_copy, snapshot_root):
    m = read_manifest(sample_copy)
    entry = snapshot.ensure_cache(sample_copy, snapshot_root)
    assert fp.figures_documents(entry, m.sector) is None  # not computed by a build yet
    fp.chapter_fingerprints(entry, m, sector=m.sector, scopes=["region"], template=None, params={})
    stored = fp.figures_documents(entry, m.sector)
    expected = compute_documents(Analysis(load_dataset(sample_copy)))
    # what every chapter would compute on its own, through JSON (whole floats as floats)
    assert json.loads(json.dumps(stored.exact)) == json.loads(json.dumps(expected.exact))
    assert json.loads(json.dumps(stored.published)) == json.loads(json.dumps(expected.published))
    assert stored.unprotected == expected.unprotected == ()
    assert stored.ranges == expected.ranges
    # the sector's spelling does not matter; another sector's documents are not there
    assert fp.figures_documents(entry, m.sector.upper().replace(" AND ", " & ")) is not None
    assert fp.figures_documents(entry, "Education") is None


def _printed(folder: Path) -> dict[str, str]:
    """A digest of everything each chapter prints, its provenance (the input files'
    checksums, the build time) aside: a chapter a build skips keeps the provenance of the
    build that wrote it, which is still true of it."""
    analysis = Analysis(load_dataset(folder))
    documents = compute_documents(analysis)
    at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    out = {}
    for scope in chapter_scopes():
        chapter = build_chapter(analysis, scope, built_at=at, documents=documents)
        printed = dataclasses.asdict(replace(chapter, provenance={}, exports={}))
        printed["exports"] = {
            k: v for k, v in chapter.exports["document"].items() if k != "provenance"
        }
        text = json.dumps(printed, sort_keys=True, default=_as_text)
        out[scope] = hashlib.sha256(text.encode()).hexdigest()
    return out


def _as_text(value) -> str:
    return value.to_json() if isinstance(value, pd.DataFrame | pd.Series) else repr(value)


@pytest.mark.parametrize(
    ("change", "reached"),
    [
        pytest.param(
            lambda folder: add_people(folder, "Mexico"),
            {"MEX", "central-america-mexico", "region"},
            id="Mexico's people",
        ),
        pytest.param(
            lambda folder: add_people(folder, "Aruba", 1),
            {"ABW", "caribbean", "region"},
            id="Aruba's people (its counts are constants of others' relations)",
        ),
        pytest.param(
            lambda folder: _break_age_and_gender(folder, "Peru"),
            set(chapter_scopes()),  # every annex counts it
            id="a Peru finding",
        ),
        pytest.param(
            lambda folder: _add_host_community(folder, "Aruba", 3),
            {"ABW", "GUY", "caribbean", "region"},  # Guyana's complementary cells move
            id="Aruba's host community from 3 (hidden) to 6",
        ),
    ],
)
def test_every_chapter_whose_page_changes_is_built_again(
    change, reached, sample_copy, snapshot_root
):
    """What a skipped chapter would get wrong: each chapter whose printed content changes
    must have a new digest, and must not be one of those a build keeps because they print
    what they printed (`printed_digests`). More may be built, never fewer."""
    m = read_manifest(sample_copy)
    scopes = chapter_scopes()

    def state():
        entry = snapshot.ensure_cache(sample_copy, snapshot_root)
        made = fp.chapter_fingerprints(
            entry, m, sector=m.sector, scopes=scopes, template=None, params={}
        )
        return entry, made, _printed(sample_copy)

    entry_before, before, printed_before = state()
    change(sample_copy)
    entry_after, after, printed_after = state()
    printed = {s for s in scopes if printed_before[s] != printed_after[s]}
    digested = {s for s in scopes if before.digests[s] != after.digests[s]}
    maybe = [s for s in digested if before.bases[s] == after.bases[s]]
    then, now = (
        fp.printed_digests(entry, sample_copy, sector=m.sector, scopes=maybe, exact=False)
        for entry in (entry_before, entry_after)
    )
    kept = {s for s in maybe if then[s] == now[s]}
    assert printed == reached  # what the change is here to test
    assert printed <= digested - kept, f"skipped with a stale page: {sorted(printed - digested)}"
    assert digested - kept == printed  # and in the sample, nothing more is built


def test_printed_digests_see_what_a_chapter_prints_and_nothing_else(sample_copy, snapshot_root):
    """Aruba's one more person: Bolivia's chapter prints the same in both snapshots, while
    the constants its hidden counts are audited with changed; Aruba's prints anew."""
    m = read_manifest(sample_copy)
    first = snapshot.ensure_cache(sample_copy, snapshot_root)
    before = fp.chapter_fingerprints(
        first, m, sector=m.sector, scopes=["BOL"], template=None, params={}
    )
    add_people(sample_copy, "Aruba", 1)
    second = snapshot.ensure_cache(sample_copy, snapshot_root)
    after = fp.chapter_fingerprints(
        second, m, sector=m.sector, scopes=["BOL"], template=None, params={}
    )
    assert before.bases == after.bases and before.digests != after.digests
    then, now = (
        fp.printed_digests(e, sample_copy, sector=m.sector, scopes=["BOL", "ABW"], exact=False)
        for e in (first, second)
    )
    assert then["BOL"] == now["BOL"]
    assert then["ABW"] != now["ABW"]
