"""Where things are: the one module that knows the project's folders."""

from __future__ import annotations

import os
from pathlib import Path

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
