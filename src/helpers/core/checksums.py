"""sha256 of a file: the provenance of every input and the key of the build cache.

Its own module so that a build with nothing to do (which only compares checksums) does
not import pandas.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        if hasattr(hashlib, "file_digest"):  # Python 3.11+: one reused buffer
            return hashlib.file_digest(fh, "sha256").hexdigest()
        h = hashlib.sha256()
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
        return h.hexdigest()


def sha256_many(paths: Iterable[Path]) -> list[str]:
    """sha256 of each file, in order. hashlib releases the GIL, so a few threads hash a
    dataset's large files side by side."""
    paths = list(paths)
    if len(paths) < 2:
        return [sha256(p) for p in paths]
    with ThreadPoolExecutor(min(len(paths), os.cpu_count() or 1, 4)) as pool:
        return list(pool.map(sha256, paths))
