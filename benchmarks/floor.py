"""The floor of a build: every chapter's computation and charts in one process, no kernel.

The chapter notebook's code cells are executed here as plain Python (IPython magics
dropped, `display` collecting the HTML instead of a front end), one fresh namespace per
chapter, after the parameters cell is replaced by the chapter's parameters. It is the
notebook's own code, so the floor follows the template as it changes; what it leaves out
is exactly what a build adds: kernels and papermill. The notebook's last cell writes the
pages and exports, as in a build.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat

from helpers.core.geography import chapter_scopes
from helpers.core.paths import CHAPTER_NOTEBOOK


def _code_cells(notebook: Path) -> list[str]:
    nb = nbformat.read(notebook, as_version=4)
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        lines = [ln for ln in cell.source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
        cells.append("\n".join(lines))
    return cells


def run_floor(
    data: Path,
    out: Path,
    scopes: list[str] | None = None,
    notebook: Path = CHAPTER_NOTEBOOK,
    snapshot: str | None = None,
) -> dict[str, float]:
    """Seconds per chapter; the notebook writes each chapter's pages and exports into out."""
    import IPython.display

    shown: list[str] = []

    def display(*objs, **kwargs):
        for obj in objs:
            html = getattr(obj, "_repr_html_", None)
            shown.append(html() if html else repr(obj))

    IPython.display.display = display  # what show_section calls; the page's content
    cells = [
        compile(src, f"<chapter cell {i}>", "exec") for i, src in enumerate(_code_cells(notebook))
    ]
    out.mkdir(parents=True, exist_ok=True)
    seconds = {}
    for scope in scopes or chapter_scopes():
        start = time.perf_counter()
        shown.clear()
        namespace = {
            "__name__": "__chapter__",
            "data": str(data),
            "sector": None,
            "scope": scope,
            "output_dir": str(out),
            "exact": False,
            "snapshot": snapshot,
        }
        for code in cells:
            exec(code, namespace)  # noqa: S102 - the project's own template
        seconds[scope] = time.perf_counter() - start
    return seconds


if __name__ == "__main__":
    result = run_floor(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{sum(result.values()):.1f} s for {len(result)} chapters")
