"""sha256 of a file: the provenance of every input and the key of the build cache.

Its own module so that a build with nothing to do (which only compares checksums) does
not import pandas.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
