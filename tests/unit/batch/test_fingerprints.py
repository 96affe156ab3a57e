"""Chapter fingerprints: they change only for the chapters a change reaches; the figures
documents a build computes once from its snapshot are those every chapter would compute;
and none of it writes into the dataset folder."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.batch import fingerprints as fp
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
    )


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
    path = sample_copy / "activities.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    column = lines[0].rstrip("\n").split(",").index("Women above 18")
    row = next(i for i, ln in enumerate(lines) if ln.startswith("Peru,") and '"' not in ln)
    cells = lines[row].rstrip("\n").split(",")
    cells[column] = str(int(cells[column]) + 7)  # the age and gender parts no longer add up
    lines[row] = ",".join(cells) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    assert _other_findings(sample_copy, "COL") == counted_before + 1
    after = fingerprints(sample_copy, snapshot_root)
    assert {s for s in before if before[s] != after[s]} == set(chapter_scopes())


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
