"""The code a reused kernel runs (`batch.kernel`): the reset puts back what a chapter
changed, and drops the project's own modules so they are imported fresh."""

from __future__ import annotations

import gc
import os
import random
import sys
import types
import warnings
import weakref

import pytest

from helpers.batch import kernel


class FakeShell:
    """What `reset` asks of IPython's shell: a line magic and an execution count."""

    def __init__(self):
        self.magics = []
        self.execution_count = 7

    def run_line_magic(self, name, line):
        self.magics.append((name, line))


@pytest.fixture
def warmed(monkeypatch):
    """A warm-up in this process, undone after the test."""
    import matplotlib

    saved = (dict(os.environ), list(sys.path), os.getcwd(), list(warnings.filters))
    # `reset` drops the project's modules; the rest of this test process must keep the
    # ones it imported (a fresh `helpers.core.errors.InputError` would be another class).
    own = {name: mod for name, mod in sys.modules.items() if name.startswith("helpers")}
    backend = matplotlib.get_backend()
    from importlib.machinery import SourceFileLoader

    monkeypatch.setattr(SourceFileLoader, "get_code", SourceFileLoader.get_code)  # undone
    kernel.warm_up()
    yield sys.modules[kernel.BASELINE]
    sys.modules.pop(kernel.BASELINE, None)
    sys.modules.update(own)
    os.environ.clear()
    os.environ.update(saved[0])
    sys.path[:] = saved[1]
    os.chdir(saved[2])
    warnings.filters[:] = saved[3]
    matplotlib.use(backend)  # the warm-up chose the notebook's inline backend
    gc.unfreeze()  # the warm-up froze this process's heap


def test_the_baseline_leaves_the_projects_own_modules_out(warmed):
    assert "pandas" in warmed.modules
    assert not any(m == "helpers" or m.startswith("helpers.") for m in warmed.modules)


def test_reset_restores_what_a_chapter_changed(warmed, tmp_path):
    import matplotlib
    import pandas as pd

    shell = FakeShell()
    os.environ["R4V_LEFT_BY_A_CHAPTER"] = "1"
    sys.path.append(str(tmp_path))
    warnings.simplefilter("error")
    pd.set_option("display.max_rows", 3)
    matplotlib.rcParams["font.size"] = 31.0
    random.random()
    moved = random.getstate()
    sys.modules["chapter_scratch"] = types.ModuleType("chapter_scratch")  # not installed

    kernel.reset({"GIVEN": "yes"}, str(tmp_path), shell=shell)

    assert shell.magics == [("reset", "-f")] and shell.execution_count == 1
    assert "R4V_LEFT_BY_A_CHAPTER" not in os.environ and os.environ["GIVEN"] == "yes"
    assert str(tmp_path) not in sys.path
    assert os.getcwd() == str(tmp_path)
    assert warnings.filters == warmed.warnings
    assert pd.get_option("display.max_rows") == 60
    assert matplotlib.rcParams["font.size"] == warmed.rc["font.size"]
    assert random.getstate() == warmed.random != moved
    assert "chapter_scratch" not in sys.modules
    assert "pandas" in sys.modules  # installed libraries stay imported: the saving


def test_the_warmed_heap_is_frozen_and_a_chapters_garbage_is_still_collected(warmed):
    assert gc.get_freeze_count() > 0  # the libraries' objects: out of every collection

    class Node:
        pass

    first, second = Node(), Node()
    first.other, second.other = second, first  # a cycle a chapter leaves behind
    gone = weakref.ref(first)
    del first, second
    kernel.reset({}, os.getcwd(), shell=FakeShell())
    assert gone() is None


def test_what_outlives_a_chapter_is_frozen_for_the_next(warmed):
    left = [["a cache a chapter filled"]]  # alive at the reset, as a library's cache is
    assert any(o is left for o in gc.get_objects())
    frozen = gc.get_freeze_count()
    kernel.reset({}, os.getcwd(), shell=FakeShell())
    assert gc.get_freeze_count() > frozen
    assert not any(o is left for o in gc.get_objects())  # out of every collection


def test_reset_drops_the_projects_modules_for_a_fresh_import(warmed):
    import helpers.figures.reach  # noqa: F401

    kept = {name: mod for name, mod in sys.modules.items() if name.startswith("helpers")}
    try:
        dropped = kernel.drop_own_modules(warmed.modules)
        assert "helpers.figures.reach" in dropped
        assert not any(name.startswith("helpers") for name in sys.modules)
    finally:
        sys.modules.update(kept)  # the rest of this test process keeps its imports


def test_the_lines_the_executor_sends_import_the_module():
    assert kernel.WARM_UP_CODE.startswith("import helpers.batch.kernel as _k")
    line = kernel.reset_code({"A": "b"}, "/tmp/x")
    assert line == "import helpers.batch.kernel as _k; _k.reset({'A': 'b'}, '/tmp/x')"


def test_autoreload_is_on_in_jupyterlab_and_off_in_a_builds_kernel(warmed):
    in_build = FakeShell()
    kernel.reload_edited_code(in_build)
    assert in_build.magics == []  # reset imports the package afresh for each chapter
    sys.modules.pop(kernel.BASELINE)  # a kernel no build warmed up: JupyterLab's
    try:
        in_lab = FakeShell()
        kernel.reload_edited_code(in_lab)
        assert in_lab.magics == [("load_ext", "autoreload"), ("autoreload", "2")]
    finally:
        sys.modules[kernel.BASELINE] = warmed


def test_autoreload_asks_for_nothing_outside_ipython(monkeypatch):
    import IPython

    monkeypatch.delitem(sys.modules, kernel.BASELINE, raising=False)
    asked = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: asked.append(True))
    kernel.reload_edited_code()  # plain Python, as in the benchmark's floor: no shell
    assert asked == [True]


def test_a_dropped_module_is_imported_again_without_compiling_it_unless_edited(
    warmed, tmp_path, monkeypatch
):
    source = tmp_path / "r4v_probe_module.py"
    source.write_text("def answer():\n    return 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # as PYTHONDONTWRITEBYTECODE=1

    import r4v_probe_module as first

    kernel.drop_own_modules(warmed.modules)
    assert "r4v_probe_module" not in sys.modules
    import r4v_probe_module as second

    assert second is not first  # a fresh module, as each chapter gets
    assert second.answer.__code__ is first.answer.__code__  # from the same compiled code
    source.write_text("def answer():\n    return 22\n", encoding="utf-8")  # a new size
    kernel.drop_own_modules(warmed.modules)
    import r4v_probe_module as edited

    assert edited.answer() == 22
    sys.modules.pop("r4v_probe_module", None)
