"""The executor's housekeeping in a pool's worker (no kernel started)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from helpers.batch import executor


def _socket_folder_of_this_worker() -> str:
    return str(executor._socket_dir())


def test_a_workers_socket_folder_is_removed_when_the_worker_exits():
    # a pool's worker leaves by os._exit: an atexit hook would never run there
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        folder = Path(pool.submit(_socket_folder_of_this_worker).result())
        assert folder.is_dir()
        assert pool.submit(_socket_folder_of_this_worker).result() == str(folder)
    assert not folder.exists()


def test_a_forked_child_makes_its_own_socket_folder_not_its_parents():
    parents = executor._socket_dir()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        childs = Path(pool.submit(_socket_folder_of_this_worker).result())
    assert childs != parents
    assert parents.is_dir()  # the child's exit left its parent's folder alone
    assert not childs.exists()
