"""Where things are: the one module that knows the project's folders."""

from __future__ import annotations

import os
from pathlib import Path

from .i18n import SOURCE_LANGUAGE

PACKAGE_DIR = Path(__file__).resolve().parents[1]
REFERENCE_DIR = PACKAGE_DIR / "inputs" / "reference"
TEMPLATES_DIR = PACKAGE_DIR / "present" / "templates"


def project_root() -> Path:
    """The checkout's root (the folder holding pyproject.toml), or the working folder."""
    env = os.environ.get("R4V_PROJECT_ROOT")
    if env:
        return Path(env).resolve()
    for parent in [PACKAGE_DIR, *PACKAGE_DIR.parents]:
        if (parent / "pyproject.toml").is_file() and (parent / "notebooks").is_dir():
            return parent
    return Path.cwd()


ROOT = project_root()
DATA_DIR = ROOT / "data"
SAMPLE_DATA = DATA_DIR / "sample"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
CHAPTER_NOTEBOOK = NOTEBOOKS_DIR / "chapter.ipynb"
SHARED_DATA = ROOT.parent / "shared" / "data"


# ---------------------------------------------------------------- the reports folder

INDEX_NAME = "index.html"


def edition_path(lang: str, name: str) -> str:
    """Where an edition's page sits in the reports folder: English at the top, the others
    in their own folder (`COL.html`, `es/COL.html`)."""
    return name if lang == SOURCE_LANGUAGE else f"{lang}/{name}"


def index_path(lang: str) -> str:
    """Where an edition's index sits in the reports folder (`index.html`, `es/index.html`)."""
    return edition_path(lang, INDEX_NAME)
