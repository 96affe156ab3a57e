"""Code that runs inside a reused chapter kernel: the warm-up after it starts, and the
reset before each chapter, so a chapter sees the kernel as a fresh one would.

`warm_up` imports the heavy libraries once (the time kernel reuse saves), keeps this
package's compiled code for its imports after each reset, and records the state to come
back to; `reset` empties the user namespace, drops every module that is
not an installed library (this package among them, so module-level state is fresh),
closes figures, collects the chapter's garbage (the warm-up's objects are frozen out of
that), and restores matplotlib's rcParams, pandas' options, warning filters,
the random states, `os.environ`, `sys.path` and the working folder. The executor sends
`import helpers.batch.kernel` and one call; nothing here runs in the build process.
"""

from __future__ import annotations

import gc
import os
import random
import sys
import sysconfig
import types
import warnings

BASELINE = "_r4v_kernel_baseline"
"""Name in `sys.modules` of the state recorded by `warm_up` (it survives `reset`)."""
OWN_PACKAGE = __name__.split(".")[0]

WARM_UP_CODE = f"import {__name__} as _k; _k.warm_up(); del _k"


def reset_code(env: dict[str, str], cwd: str) -> str:
    """The one line the executor sends before each chapter."""
    return f"import {__name__} as _k; _k.reset({env!r}, {cwd!r})"


def reload_edited_code(shell=None) -> None:
    """The chapter notebook's first cell: in JupyterLab, IPython's autoreload, so edits to
    `src/helpers/` apply without restarting the kernel; in a build's warmed-up kernel,
    nothing, since `reset` imports this package afresh for each chapter anyway and
    autoreload's look at every loaded module before every cell cost about 0.2 s a
    chapter (measured by hand)."""
    if BASELINE in sys.modules:
        return
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
    if shell is None:  # plain Python (the floor of the benchmark): nothing to reload into
        return
    shell.run_line_magic("load_ext", "autoreload")
    shell.run_line_magic("autoreload", "2")


def warm_up() -> None:
    """Import the libraries every chapter uses, then record the state `reset` restores."""
    base = types.ModuleType(BASELINE)
    try:
        import matplotlib

        matplotlib.use("module://matplotlib_inline.backend_inline")
        import matplotlib.pyplot  # noqa: F401  (imported once per kernel: the saving)

        base.rc = dict(matplotlib.rcParams)
    except Exception:
        base.rc = None
    for name in ("numpy", "pandas"):
        try:
            __import__(name)
        except Exception:
            pass
    _remember_compiled_code()
    own = (OWN_PACKAGE, f"{OWN_PACKAGE}.")
    base.modules = {m for m in sys.modules if not m.startswith(own)} | {BASELINE}
    base.environ = dict(os.environ)
    base.path = list(sys.path)
    base.cwd = os.getcwd()
    base.warnings = list(warnings.filters)
    base.random = random.getstate()
    np = sys.modules.get("numpy")
    base.np_random = np.random.get_state() if np is not None else None
    sys.modules[BASELINE] = base
    freeze_survivors()


def freeze_survivors() -> None:
    """Collect the garbage, then freeze what is left (the libraries' objects, the caches
    earlier chapters filled), so that the next chapter's collections look at its own
    objects only: after the warm-up and before each chapter (a chapter 0.2-0.25 s less
    CPU in the floor, by hand). What is frozen is never collected again, so the chapter
    before must be garbage by then (`reset` clears the namespace first)."""
    gc.collect()
    gc.freeze()


def _remember_compiled_code() -> None:
    """Keep the compiled code of every module `reset` drops, for its next import: where
    Python writes no `.pyc` (`PYTHONDONTWRITEBYTECODE`, common in containers), each
    chapter compiled this package's modules from source again (about 0.2 s a chapter,
    by hand).
    Keyed on the file's path, size and modification time, as a `.pyc` is, so an edited
    file is compiled afresh. Installed libraries stay imported and are not kept."""
    from importlib.machinery import SourceFileLoader

    compile_source = SourceFileLoader.get_code
    if getattr(compile_source, "remembers", False):
        return
    installed = _installed_prefixes()
    compiled: dict[tuple[str, int, int], types.CodeType] = {}

    def get_code(self, fullname):
        path = self.get_filename(fullname)
        try:
            stat = os.stat(path)
        except OSError:
            return compile_source(self, fullname)
        if _is_installed(path, installed):
            return compile_source(self, fullname)
        key = (path, stat.st_size, stat.st_mtime_ns)
        if key not in compiled:
            compiled[key] = compile_source(self, fullname)
        return compiled[key]

    get_code.remembers = True  # type: ignore[attr-defined]
    SourceFileLoader.get_code = get_code  # type: ignore[method-assign]


def _installed_prefixes() -> tuple[str, ...]:
    paths = {sysconfig.get_paths().get(k) for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    paths |= {sys.prefix, sys.base_prefix, sys.exec_prefix}
    return tuple({os.path.realpath(p) + os.sep for p in paths if p})


def _is_installed(path: str, prefixes: tuple[str, ...]) -> bool:
    """Whether `path` is a library's file (the standard library's, the environment's),
    not this package's or a notebook's own."""
    return os.path.realpath(path).startswith(prefixes)


def _module_file(mod: types.ModuleType) -> str | None:
    where = getattr(mod, "__file__", None)
    if where is None:
        paths = list(getattr(mod, "__path__", []) or [])
        where = paths[0] if paths else None
    return where


def drop_own_modules(keep: set[str]) -> list[str]:
    """Remove from `sys.modules` every module not in `keep` that is not an installed
    library; returns their names."""
    installed = _installed_prefixes()
    dropped = []
    for name, mod in list(sys.modules.items()):
        if name in keep or mod is None:
            continue
        where = _module_file(mod)
        if where is None or not _is_installed(where, installed):
            del sys.modules[name]
            dropped.append(name)
    return dropped


def reset(env: dict[str, str], cwd: str | None, shell=None) -> None:
    """Put the kernel back to its state after `warm_up`, with `env` added to the
    environment and `cwd` as the working folder."""
    base = sys.modules[BASELINE]
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    if shell is not None:
        shell.run_line_magic("reset", "-f")
    drop_own_modules(base.modules)
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")
    if base.rc is not None:
        import matplotlib

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            matplotlib.rcParams.clear()
            matplotlib.rcParams.update(base.rc)
    pd = sys.modules.get("pandas")
    if pd is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pd.reset_option("all")
    warnings.filters[:] = base.warnings
    random.setstate(base.random)
    np = sys.modules.get("numpy")
    if np is not None and base.np_random is not None:
        np.random.set_state(base.np_random)
    os.environ.clear()
    os.environ.update(base.environ)
    os.environ.update(env)
    sys.path[:] = base.path
    os.chdir(cwd or base.cwd)
    if shell is not None:
        shell.execution_count = 1
    freeze_survivors()
