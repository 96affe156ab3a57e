"""The floor of a build: every chapter's computation, charts and pages in one process, no
kernel.

The chapter notebook's code cells are executed here as plain Python (IPython magics
dropped, `display` collecting the HTML instead of a front end), one fresh namespace per
chapter: the parameters cell runs first for its defaults, then the chapter's parameters
replace them. It is the notebook's own code, so the floor follows the template as it
changes; what it leaves out is exactly what a build adds: kernels, papermill, workers. The
notebook's last cell writes the pages and exports, as in a build.

Editions and PDFs: `languages` is handed to `render.write_publication` when it takes it
(feature-detected, so the floor runs with and without editions), and `pdf` prints every
page a chapter wrote with present/pdf.py in this same process (Typst, as in a worker).
"""

from __future__ import annotations

import inspect
import sys
import time
from pathlib import Path

import nbformat

from helpers.batch.kernel import freeze_survivors
from helpers.core.geography import chapter_scopes
from helpers.core.paths import CHAPTER_NOTEBOOK


def _code_cells(notebook: Path) -> tuple[str, list[str]]:
    """(the parameters cell, the other code cells), magics dropped."""
    nb = nbformat.read(notebook, as_version=4)
    parameters, cells = "", []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        lines = [ln for ln in cell.source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
        if "parameters" in cell.metadata.get("tags", []):
            parameters = "\n".join(lines)
        else:
            cells.append("\n".join(lines))
    return parameters, cells


def editions_supported() -> bool:
    """Whether this tree writes editions (`write_publication(..., languages=)`)."""
    from helpers.present import render

    return "languages" in inspect.signature(render.write_publication).parameters


def _pages(out: Path) -> dict[Path, int]:
    """Every page under out (editions' folders too) but the index, by its mtime."""
    return {p: p.stat().st_mtime_ns for p in out.rglob("*.html") if p.name != "index.html"}


def run_floor(
    data: Path,
    out: Path,
    scopes: list[str] | None = None,
    notebook: Path = CHAPTER_NOTEBOOK,
    snapshot: str | None = None,
    languages: list[str] | None = None,
    pdf: bool = False,
) -> dict[str, float]:
    """Seconds per chapter; the notebook writes each chapter's pages and exports into out,
    in `languages` when the tree has editions (None: its default), printed when `pdf`."""
    import IPython.display

    from helpers.present import render

    shown: list[str] = []

    def display(*objs, **kwargs):
        for obj in objs:
            html = getattr(obj, "_repr_html_", None)
            shown.append(html() if html else repr(obj))

    shown_by_ipython = IPython.display.display
    IPython.display.display = display  # what show_section calls; the page's content
    write_publication = render.write_publication
    # asked once, before write_publication is wrapped (the wrapper's signature has no
    # `languages`: asked later, every "English only" floor wrote all three editions)
    editions = languages is not None and editions_supported()
    if editions:

        def with_languages(chapter, out_dir, *args, **kwargs):
            if not args:
                kwargs.setdefault("languages", tuple(languages))
            return write_publication(chapter, out_dir, *args, **kwargs)

        render.write_publication = with_languages
    parameters, sources = _code_cells(notebook)
    defaults = compile(parameters, "<chapter parameters>", "exec")
    cells = [compile(src, f"<chapter cell {i}>", "exec") for i, src in enumerate(sources)]
    out.mkdir(parents=True, exist_ok=True)
    seconds = {}
    try:
        for scope in scopes or chapter_scopes():
            start = time.perf_counter()
            freeze_survivors()  # as a build's kernel does before each chapter (reset)
            shown.clear()
            before = _pages(out) if pdf else {}
            namespace: dict = {"__name__": "__chapter__"}
            exec(defaults, namespace)  # noqa: S102 - the project's own template
            namespace.update(
                data=str(data),
                sector=None,
                scope=scope,
                output_dir=str(out),
                exact=False,
                snapshot=snapshot,
            )
            if editions:
                namespace["languages"] = list(languages)
            for code in cells:
                exec(code, namespace)  # noqa: S102 - the project's own template
            if pdf:
                from helpers.present.pdf import print_page

                for page, mtime in _pages(out).items():
                    if before.get(page) != mtime:
                        print_page(page)
            seconds[scope] = time.perf_counter() - start
            namespace.clear()  # its objects are garbage before the next freeze, not frozen
    finally:
        render.write_publication = write_publication
        IPython.display.display = shown_by_ipython
    return seconds


if __name__ == "__main__":
    result = run_floor(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{sum(result.values()):.1f} s for {len(result)} chapters")
