"""Running one chapter: the notebook's parameters checked and its inputs opened (the
dataset, from the build's snapshot when there is one, and the build's figures
documents), and the notebook executed with papermill: its last cell publishes the chapter
page, its technical annex and the exports."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..chapter.build import check_scope
from ..chapter.documents import FiguresDocuments
from ..core.errors import InputError
from ..core.paths import (
    CHAPTER_NOTEBOOK,
    NOTEBOOKS_DIR,
    REPORTS_DIR,
    ROOT,
    SAMPLE_DATA,
    edition_path,
)
from ..core.sectors import check_sector
from ..inputs.dataset import Dataset, known_sectors, load_dataset
from ..inputs.manifest import read_manifest
from ..present.render import RenderError, page_names

KERNEL_NAME = "r4v-report"


# ---------------------------------------------------------------- the notebook's parameters


@dataclass(frozen=True)
class ChapterParameters:
    """The notebook's parameters, checked and resolved, with the dataset loaded once and the
    build's figures documents (None outside a build)."""

    data: Path
    sector: str
    scope: str
    output_dir: Path
    exact: bool
    dataset: Dataset = field(repr=False, compare=False)
    documents: FiguresDocuments | None = field(default=None, repr=False, compare=False)


def resolve_path(value: str | Path, *, must_exist: bool) -> Path:
    """An absolute path; a relative one is taken from the working folder (JupyterLab's is the
    notebook's), else the notebooks folder, else the project root, so the notebook's default
    `../data/sample` works wherever it runs."""
    path = Path(value).expanduser()
    if path.is_absolute():
        return path.resolve()
    candidates = [Path.cwd() / path, NOTEBOOKS_DIR / path, ROOT / path]
    if must_exist:
        for c in candidates:
            if c.exists():
                return c.resolve()
    return candidates[0].resolve()


def validate_parameters(
    *, data, sector=None, scope="region", output_dir="../reports", exact=False, snapshot=None
) -> ChapterParameters:
    """Check the notebook's parameters before anything is computed: an unknown scope or
    sector, a missing dataset or a non-boolean `exact` raises InputError (never a warning).
    With `snapshot` (a build's), the dataset's sector rows come from it, and so do the
    figures documents the build computed once; without it, from the files."""
    from ..inputs import snapshot as snapshots
    from .fingerprints import figures_documents

    if not isinstance(exact, bool):
        raise InputError(f"exact must be True or False, not {exact!r}", column="exact")
    scope_id = check_scope(scope)
    folder = resolve_path(data, must_exist=True)
    m = read_manifest(folder)  # a clear error for a wrong folder before the slower load
    documents = None
    if snapshot:
        known = snapshots.dataset_sectors(Path(snapshot))
        chosen = check_sector(sector, m.sector, known)
        # Every scope's rows: disclosure control is decided over the whole document.
        dataset = snapshots.load_cached(folder, sector=chosen, entry=snapshot)
        documents = figures_documents(snapshot, chosen)
    else:
        dataset = load_dataset(folder)
        chosen = check_sector(sector, m.sector, known_sectors(dataset))
    out = resolve_path(output_dir, must_exist=False)
    return ChapterParameters(folder, chosen, scope_id, out, exact, dataset, documents)


# ---------------------------------------------------------------- executing the notebook


def execute_chapter(
    scope: str,
    *,
    data: str | Path = SAMPLE_DATA,
    sector: str | None = None,
    out_dir: str | Path = REPORTS_DIR,
    exact: bool = False,
    kernel_name: str = KERNEL_NAME,
    timeout: int = 600,
    start_timeout: int = 120,
    notebook: str | Path = CHAPTER_NOTEBOOK,
    keep_notebook: bool = False,
    engine_name: str | None = None,
    snapshot: str | Path | None = None,
    languages: tuple[str, ...] | list[str] | None = None,
) -> dict:
    """Run the chapter notebook for one scope with papermill, whose last cell writes the
    chapter into out_dir as `render.write_publication` does (both pages and the exports in
    each edition of `languages`, default the manifest's: English at the top, the others in
    `<lang>/`); return the chapter's key figures as pages may print them (the first
    edition's; their numbers are every edition's) (suppressed, even when
    `exact` makes the exports exact), with how many people's worth of counts it hid and
    the tables it withheld.

    An InputError raised in the notebook (unknown sector, bad dataset) is raised here as
    InputError; any other failure is a RenderError naming the cell. `timeout` limits each
    cell, `start_timeout` the kernel's start-up; `engine_name` picks a papermill engine
    (e.g. one that reuses a kernel). The executed notebook may hold unpublished output and
    is deleted unless `keep_notebook` (then it is `<scope>.ipynb` in out_dir). `snapshot`
    is the build's snapshot entry of the dataset, passed to the notebook as a parameter.
    """
    import papermill
    from jupyter_client.kernelspec import NoSuchKernel
    from papermill.exceptions import PapermillExecutionError

    scope_id = check_scope(scope)
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    notebook = Path(notebook).resolve()
    parameters = {
        "data": str(Path(data).resolve()),
        "sector": sector,
        "scope": scope_id,
        "output_dir": str(out),
        "exact": bool(exact),
        "snapshot": str(snapshot) if snapshot is not None else None,
        "languages": list(languages) if languages else None,
    }
    names = page_names(scope_id)
    # the first edition's files say the chapter was written (English is not always built)
    first = (list(languages) if languages else list(read_manifest(data).languages))[0]
    expected = [out / edition_path(first, names[k]) for k in ("chapter", "annex", "csv", "json")]
    for path in expected:
        path.unlink(missing_ok=True)  # so a stale file is never taken for this run's
    json_path = out / edition_path(first, names["json"])
    with tempfile.TemporaryDirectory(prefix="r4v-chapter-") as tmp:
        executed = Path(tmp) / f"{scope_id}.ipynb"
        try:
            papermill.execute_notebook(
                str(notebook),
                str(executed),
                parameters=parameters,
                kernel_name=kernel_name,
                start_timeout=start_timeout,
                execution_timeout=timeout,
                cwd=str(notebook.parent),
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                engine_name=engine_name,
            )
        except PapermillExecutionError as exc:
            if exc.ename == "InputError":
                raise InputError(exc.evalue) from None
            raise RenderError(
                f"chapter '{scope_id}': cell {exc.exec_count} failed: {exc.ename}: {exc.evalue}"
            ) from exc
        except NoSuchKernel as exc:
            raise RenderError(
                f"Jupyter kernel '{kernel_name}' is not installed: run `make test` or "
                f"`python -m ipykernel install --sys-prefix --name {kernel_name}`"
            ) from exc
        if keep_notebook:
            (out / f"{scope_id}.ipynb").write_bytes(executed.read_bytes())
    missing = [p.name for p in expected if not p.is_file()]
    if missing:
        raise RenderError(
            f"chapter '{scope_id}': the notebook wrote no {', '.join(missing)}; "
            "keep its last cell (render.write_publication)"
        )
    document = json.loads(json_path.read_text(encoding="utf-8"))
    return {
        "key_figures": document.get("key_figures_published", document["key_figures"]),
        "people_hidden": document.get("people_hidden"),
        "withheld_tables": document.get("withheld_tables", []),
    }
