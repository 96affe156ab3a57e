"""sha256 of input files: many at once, each as hashlib gives it."""

from __future__ import annotations

import hashlib

from helpers.core.checksums import sha256, sha256_many


def test_many_files_hash_to_what_hashlib_gives_each(tmp_path):
    """Threads hash side by side but the answers keep their files' order."""
    paths = []
    for i, size in enumerate([0, 1, 3 << 20, 17]):
        p = tmp_path / f"f{i}"
        p.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
        paths.append(p)
    want = [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]
    assert sha256_many(paths) == want
    assert [sha256(p) for p in paths] == want
    assert want[0] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert sha256_many([]) == []
