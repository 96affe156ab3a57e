"""The chapter notebook: committed clean, parameterised, and rendered by papermill into pages
whose figures are those of `r4v-report figures` (suppressed).

The papermill and nbval tests are slow (a Jupyter kernel each) and share one xdist group so
they never start several kernels at once. `make test` runs them with the rest; nbval runs
here in a subprocess as `pytest --nbval-lax --nbval-current-env` over a copy of notebooks/.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from helpers.batch.runner import execute_chapter, validate_parameters
from helpers.cli.main import main
from helpers.core.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
TEMPLATE = NOTEBOOKS_DIR / "chapter.ipynb"


def needs_sample(sample_folder):
    if not (sample_folder / "dataset.yaml").is_file():
        pytest.fail(
            "data/sample is missing: it is shipped with the project (`make sample` writes it)"
        )


# ---------------------------------------------------------------- the committed notebooks


def test_there_is_a_chapter_template():
    assert TEMPLATE in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebooks_are_committed_without_outputs(path):
    """Outputs leak data: a notebook is committed with none and no execution counts."""
    nb = nbformat.read(path, as_version=4)
    dirty = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)
    ]
    assert not dirty, f"{path.name}: cells {dirty} hold outputs; clear them before committing"


def parameters_cell(nb):
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell is tagged `parameters`"
    return tagged[0]


def test_template_parameters_run_as_they_are():
    nb = nbformat.read(TEMPLATE, as_version=4)
    i = parameters_cell(nb)
    values: dict = {}
    exec(nb.cells[i].source, {}, values)  # plain assignments, nothing else
    # `snapshot`: a build passes its snapshot entry of the dataset (None: read the files);
    # `languages`: the editions to write (None: the manifest's)
    assert values == {
        "data": "../data/sample",
        "sector": None,
        "scope": "region",
        "output_dir": "../reports",
        "exact": False,
        "snapshot": None,
        "languages": None,
    }
    assert "validate_parameters(" in nb.cells[i + 1].source  # checked right after
    assert all(
        "%" not in c.source or c.source.startswith("%load_ext autoreload")
        for c in nb.cells
        if c.cell_type == "code"
    )


def test_template_defaults_resolve_from_the_notebooks_folder(monkeypatch, tmp_path, sample_folder):
    needs_sample(sample_folder)
    monkeypatch.chdir(tmp_path)  # wherever it runs, ../data/sample is the shipped sample
    p = validate_parameters(
        data="../data/sample", sector=None, scope="region", output_dir="../reports", exact=False
    )
    assert p.data == sample_folder.resolve()
    assert p.scope == "region" and p.sector == p.dataset.manifest.sector


def test_template_is_thin():
    """The notebook draws and says: no figure is computed in it."""
    nb = nbformat.read(TEMPLATE, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for word in (
        "import pandas",
        ".sum(",
        ".groupby(",
        "load_dataset(",
        "read_csv",
        "Analysis(",
        "print(",
    ):
        assert word not in source, word


# ---------------------------------------------------------------- papermill runs


@pytest.fixture(scope="module")
def figures_document(tmp_path_factory, sample_folder) -> dict:
    """What `r4v-report figures` prints for the sample (suppressed), read back."""
    needs_sample(sample_folder)
    out = tmp_path_factory.mktemp("figures") / "figures.json"
    buffer = io.StringIO()
    old = sys.stdout
    sys.stdout = buffer
    try:
        assert main(["figures", "--data", str(sample_folder)]) == 0
    finally:
        sys.stdout = old
    out.write_text(buffer.getvalue(), encoding="utf-8")
    return json.loads(buffer.getvalue())


def expected(doc: dict, entry: dict, name: str):
    """The document's value for a `data-figure` name."""
    if name == "reached":
        r = entry["reached"]
        return r.get("total_excluding_in_transit", r["total"])
    if name == "regional_funding_usd":
        return doc["regional_funding_usd"]
    if name == "regional_activities.reached":
        return doc["regional_activities"]["reached"]["total"]
    if name.startswith("reached."):
        return entry["reached"][name.split(".", 1)[1]]
    return entry[name]


def same(value, shown: str) -> bool:
    if isinstance(value, str) or value is None:
        return (value or "") == shown
    return (
        shown != ""
        and not isinstance(value, bool)
        and math.isclose(float(shown), float(value), rel_tol=1e-6, abs_tol=1e-3)
    )


def printed_figures(html: str) -> list[tuple[str, str | None, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [
        (e["data-figure"], e.get("data-unit"), e["data-value"])
        for e in soup.find_all(attrs={"data-figure": True})
    ]


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_a_chapter_in_spanish_alone_is_written_in_its_folder(
    tmp_path, figures_document, sample_folder, figures_entry
):
    """`build --lang es` (the README's narrowing): no English page is written, and the
    runner takes the chapter's figures from the Spanish edition's files (every chapter
    failed here, looking for English pages at the top)."""
    result = execute_chapter(
        "ABW", data=sample_folder, out_dir=tmp_path, timeout=300, languages=["es"]
    )
    written = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()}
    assert written == {
        f"es/ABW{end}" for end in (".html", "-annex.html", ".csv", ".json", ".datapackage.json")
    }
    entry = figures_entry(figures_document, "ABW")
    assert json.loads(json.dumps(result["key_figures"]))["reached"] == entry["reached"]


@pytest.mark.parametrize("scope", ["region", "caribbean", "COL"])
@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_rendered_chapter_prints_the_figures_document(
    scope, tmp_path, figures_document, sample_folder, figures_entry
):
    doc = figures_document
    result = execute_chapter(scope, data=sample_folder, out_dir=tmp_path, timeout=300)
    key_figures = result["key_figures"]
    html = (tmp_path / f"{scope}.html").read_text(encoding="utf-8")
    # both pages and the exports in every edition of the sample (English at the top)
    assert {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()} == {
        f"{scope}.html",
        f"{scope}-annex.html",
        f"{scope}.csv",
        f"{scope}.json",
        f"{scope}.datapackage.json",
        f"es/{scope}.html",
        f"es/{scope}-annex.html",
        f"es/{scope}.csv",
        f"es/{scope}.json",
        f"es/{scope}.datapackage.json",
        f"pt/{scope}.csv",
        f"pt/{scope}.json",
        f"pt/{scope}.datapackage.json",
        f"pt/{scope}.html",
        f"pt/{scope}-annex.html",
    }
    html += (tmp_path / f"{scope}-annex.html").read_text(encoding="utf-8")
    entry = figures_entry(doc, scope)
    assert json.loads(json.dumps(key_figures)) == entry

    printed = printed_figures(html)
    names = {name for name, unit, _ in printed if unit is None}
    assert {
        "reached",
        "reporting_partners",
        "implementing_partners",
        "donors",
        "funding_usd",
        "percent_of_target",
        "target",
    } <= names
    checked = 0
    for name, unit, shown in printed:
        owner = entry if unit is None else figures_entry(doc, unit)
        if owner is None:  # an admin-1 place: not in the figures document
            assert scope == "COL"
            continue
        assert same(expected(doc, owner, name), shown), (name, unit, shown)
        checked += 1
    assert checked >= (50 if scope != "COL" else 10)

    # a report, not a notebook: no code, prompts, stderr, errors or scripts
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("script")
    for bad in (
        "Traceback",
        "In [",
        "Out[",
        "Warning",
        "stderr",
        "jp-InputArea",
        "input_area",
        "highlight",
        "%autoreload",
        "validate_parameters",
    ):
        assert bad not in html, bad
    charts = soup.select("figure.chart > svg")  # inline SVG, named by its alt text
    assert all(svg["role"] == "img" and len(svg["aria-label"]) > 40 for svg in charts)
    assert len(charts) >= 5 and "base64" not in html
    assert soup.find(string=lambda s: s and "Synthetic data" in s)
    for section in (
        "key-figures",
        "people-reached-and-funding",
        "situation",
        "response",
        "lessons-learned",
        "footnotes",
        "annex-situation",
        "annex-response",
        "annex-lessons",
        "data-quality",
        "provenance",
    ):
        assert soup.find(id=section), section
    assert bool(soup.find(id="regional")) == (scope == "region")

    rows = list(csv.reader(io.StringIO((tmp_path / f"{scope}.csv").read_text("utf-8"))))
    assert rows[1][0] == "#meta+level" and rows[2][1] == (scope if scope != "region" else "region")
    exported = json.loads((tmp_path / f"{scope}.json").read_text("utf-8"))
    assert exported["key_figures"] == entry and exported["exact"] is False


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_nbval_runs_the_notebooks_in_the_current_environment(tmp_path, sample_folder, project_root):
    """`pytest --nbval-lax --nbval-current-env notebooks/`, on a copy so the defaults'
    output folder (../reports) is a temporary one."""
    needs_sample(sample_folder)
    copy = tmp_path / "notebooks"
    copy.mkdir()
    for path in NOTEBOOKS:
        shutil.copy(path, copy / path.name)
    env = {**os.environ, "R4V_PROJECT_ROOT": str(project_root), "PYTHONWARNINGS": "ignore"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "--nbval-current-env",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-p",
            "no:randomly",
            str(copy),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert (tmp_path / "reports" / "region.json").is_file()
    assert not any(
        Path(p).suffix == ".ipynb" and nbformat.read(p, 4).cells[3].get("outputs")
        for p in copy.glob("*.ipynb")
    )  # nbval never writes outputs back
