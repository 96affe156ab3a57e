"""Shared fixtures: where the real R4V samples are, and small datasets written on the fly."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "data" / "sample"


def shared_file(*parts: str) -> Path:
    """A real sample file from ../shared/data, or skip when that folder is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent (fresh clone): real R4V/FTS samples not available")
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


def write_dataset(folder: Path, files: dict[str, str | bytes], manifest: str) -> Path:
    """Write a tiny dataset (manifest + files) and return its folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dataset.yaml").write_text(manifest, encoding="utf-8")
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def figures_entry(doc: dict, scope: str) -> dict | None:
    """A scope's entry in a figures document (`region`, `regional_activities`, a platform
    id or an ISO3 code); None for anything else. Written out here, not taken from the
    code under test, so that tests look entries up independently."""
    if scope in ("region", "regional_activities"):
        return doc[scope]
    for entry in doc["platforms"]:
        if entry["id"] == scope:
            return entry
    for entry in doc["countries"]:
        if entry["iso3"] == scope:
            return entry
    return None
