"""write_atomic: the old file or the whole new one, never a mix, never a stray temp file."""

from __future__ import annotations

import os

import pytest

from helpers.core.files import fsync_dir, write_atomic


def test_write_replaces_the_whole_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "sub" / "PER.html"
    write_atomic(path, b"old")
    write_atomic(path, b"new, longer")
    assert path.read_bytes() == b"new, longer"
    assert sorted(p.name for p in path.parent.iterdir()) == ["PER.html"]


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "PER.html"
    path.write_bytes(b"old")

    def broken(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="No space"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["PER.html"]


def test_a_hard_link_is_replaced_not_written_through(tmp_path):
    """build stages the previous output as hard links: writing must not change the old."""
    old, staged = tmp_path / "old.html", tmp_path / "staged.html"
    old.write_bytes(b"previous build")
    os.link(old, staged)
    write_atomic(staged, b"this build")
    assert (old.read_bytes(), staged.read_bytes()) == (b"previous build", b"this build")


def test_fsync_of_a_missing_folder_is_a_no_op(tmp_path):
    fsync_dir(tmp_path / "absent")
    fsync_dir(tmp_path)
