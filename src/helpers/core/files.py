"""Writing a file so that a crash leaves the old file or the whole new one.

A build writes every file of its staging folder (chapters, index, state) through
`write_atomic` and syncs the folders before swapping it in (build._publish); the cache
writes its small JSON files the same way.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, sync it, then rename it over `path`. The
    rename replaces a hard link (see build._link_tree) rather than writing through it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def fsync_dir(path: Path) -> None:
    """Make a folder's entries durable, where the system allows fsync on a folder."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems and platforms refuse it; nothing more can be done
    finally:
        os.close(fd)
