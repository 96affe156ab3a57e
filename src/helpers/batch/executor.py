"""Where chapters run: worker processes, one reused Jupyter kernel each, or a Dask cluster.

Starting a kernel and importing pandas and matplotlib costs about 2 s; the
chapter itself much less. So each worker keeps one kernel alive and runs chapter after
chapter in it through the papermill engine `r4v-reuse` (`ReusableKernelEngine`, a
subclass of papermill's `NBClientEngine` that hands nbclient a kernel manager it keeps,
and the client already connected to it). Before every chapter the kernel is put back to
the state it had when it started:

- `%reset -f` empties the user namespace (and `In`/`Out`), the execution count restarts
  at 1 so the executed notebook is numbered as with a fresh kernel;
- every module that is not an installed library (the project's own `helpers` package,
  anything next to the notebook) is dropped from `sys.modules`, so module-level state is
  fresh on the next import; installed libraries (pandas, matplotlib, scipy...) stay
  imported: that is the time saved;
- open figures are closed, and matplotlib's rcParams, pandas' options, `warnings`
  filters, the global random states of `random` and numpy, `os.environ`, `sys.path` and
  the working folder are restored to their state after the warm-up imports.

That code is `batch.kernel`, a module like any other; the engine sends one line that
imports it and calls it.

A kernel that failed a chapter (error, timeout, death) is shut down, and the next chapter
gets a new one. Workers exit, and take their kernels with them, when the build process
dies (a watchdog thread; ipykernel itself exits when its parent worker dies).

`make_executor(jobs, scheduler)` gives a `concurrent.futures.Executor`: a process pool
here, or `distributed.Client(scheduler).get_executor()` for a Dask cluster.
"""

from __future__ import annotations

import atexit
import importlib
import inspect
import json
import os
import re
import shutil
import signal
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import kernel

ENGINE_NAME = "r4v-reuse"
DEFAULT_RUNNER = "helpers.batch.runner:execute_chapter"
DEFAULT_KERNEL = "r4v-report"

# ---------------------------------------------------------------- the kernel-reusing engine


class KernelPool:
    """Live kernels of this process, one per (thread, kernel name), each with the client
    connected to it: a new client waits up to 0.2 s for its IOPub subscription to take
    (jupyter_client's `wait_for_ready`), which each chapter paid when it made its own."""

    _lock = threading.Lock()
    _kernels: dict[tuple[int, str], tuple[object, object | None]] = {}
    started = 0  # kernels started by this process (for tests and the benchmark)

    @classmethod
    def take(cls, kernel_name: str) -> tuple[object, object | None] | None:
        """(kernel manager, its connected client or None), or None when there is none."""
        with cls._lock:
            return cls._kernels.pop((threading.get_ident(), kernel_name), None)

    @classmethod
    def give_back(cls, kernel_name: str, km, kc=None) -> None:
        with cls._lock:
            cls._kernels[(threading.get_ident(), kernel_name)] = (km, kc)

    @classmethod
    def shutdown_all(cls) -> None:
        with cls._lock:
            kernels, cls._kernels = list(cls._kernels.values()), {}
        for km, kc in kernels:
            _shutdown(km, kc)


_sockets: tuple[int, Path] | None = None  # (the process that made it, the folder)


def _socket_dir() -> Path:
    """This process's folder for its kernels' sockets, removed when the process exits.

    By a multiprocessing finalizer, not atexit: a pool's worker leaves by `os._exit` and
    runs only those (with atexit, every worker of every build left an empty folder in
    the temporary directory). A forked child makes its own rather than share its
    parent's."""
    global _sockets
    if _sockets is None or _sockets[0] != os.getpid() or not _sockets[1].is_dir():
        from multiprocessing.util import Finalize

        folder = Path(tempfile.mkdtemp(prefix="r4v-kernels-"))
        _sockets = (os.getpid(), folder)
        # after the kernels (exitpriority 100), whose sockets are in it
        Finalize(None, shutil.rmtree, args=(folder, True), exitpriority=50)
    return _sockets[1]


def _shutdown(km, kc=None) -> None:
    from jupyter_core.utils import run_sync

    if kc is not None:
        try:
            kc.stop_channels()
        except Exception:  # already closed, or its kernel gone
            pass
    try:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    except Exception:  # a dying kernel: make sure the process is gone
        try:
            if km.provisioner and km.provisioner.process:
                km.provisioner.process.kill()
        except Exception:
            pass


def _failed(nb) -> bool:
    for cell in nb.cells:
        if cell.get("metadata", {}).get("papermill", {}).get("exception"):
            return True
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and not (
                out.get("ename") == "SystemExit" and out.get("evalue") in ("", "0")
            ):
                return True
    return False


_chapter_env: dict[str, str] = {}


def set_chapter_env(env: dict[str, str]) -> None:
    """Environment variables the next chapter's kernel must see (reused kernels too)."""
    _chapter_env.clear()
    _chapter_env.update(env)


def _client_class():
    from papermill.clientwrap import PapermillNotebookClient

    class ResettingClient(PapermillNotebookClient):
        """Runs the warm-up (new kernel) or the reset (reused kernel) before the cells."""

        fresh_kernel = False

        def _run_hidden(self, code: str) -> None:
            msg_id = self.kc.execute(code, silent=True, store_history=False, allow_stdin=False)
            reply = self.wait_for_reply(msg_id)
            content = (reply or {}).get("content", {})
            if content.get("status") != "ok":
                raise RuntimeError(
                    "could not reset the reused kernel: "
                    f"{content.get('ename')}: {content.get('evalue')}"
                )

        def papermill_execute_cells(self):
            if self.fresh_kernel:
                self._run_hidden(kernel.WARM_UP_CODE)
            self._run_hidden(kernel.reset_code(dict(_chapter_env), os.getcwd()))
            return super().papermill_execute_cells()

    return ResettingClient


def _engine_class():
    from papermill.engines import NBClientEngine
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    class ReusableKernelEngine(NBClientEngine):
        """papermill's nbclient engine with one kernel per worker, reset between notebooks."""

        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man,
            kernel_name,
            log_output=False,
            stdout_file=None,
            stderr_file=None,
            start_timeout=60,
            execution_timeout=None,
            **kwargs,
        ):
            from jupyter_client.manager import AsyncKernelManager

            kwargs = remove_args(["input_path"], **kwargs)
            safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
            final_kwargs = merge_kwargs(
                safe_kwargs,
                timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
            )
            km, kc = KernelPool.take(kernel_name) or (None, None)
            fresh = km is None or not km.has_kernel
            if km is not None and not fresh:
                from jupyter_core.utils import run_sync

                if not run_sync(km.is_alive)():
                    _shutdown(km, kc)
                    fresh = True
            if fresh:
                kc = None
                # Local sockets (ipc) in a private folder rather than loopback TCP ports.
                km = AsyncKernelManager(
                    kernel_name=kernel_name,
                    transport="ipc",
                    ip=str(_socket_dir() / f"k{KernelPool.started}"),
                )
                KernelPool.started += 1
            client = _client_class()(nb_man, km=km, **final_kwargs)
            client.fresh_kernel = fresh
            client.kc = kc  # the kernel's own client, connected: nbclient makes one if None
            healthy = False
            try:
                nb = client.execute()
                healthy = not _failed(nb)
                return nb
            finally:
                if healthy:  # kept connected for the next chapter
                    KernelPool.give_back(kernel_name, km, client.kc)
                else:
                    _shutdown(km, client.kc)

    return ReusableKernelEngine


_registered = False


def register_engine() -> str:
    """Register `r4v-reuse` with papermill in this process; returns the engine's name."""
    global _registered
    if not _registered:
        from papermill.engines import papermill_engines

        papermill_engines.register(ENGINE_NAME, _engine_class())
        atexit.register(KernelPool.shutdown_all)
        _registered = True
    return ENGINE_NAME


# ---------------------------------------------------------------- one chapter, in a worker


@dataclass(frozen=True)
class ChapterTask:
    """Everything a worker needs to render one chapter (plain data: it is pickled)."""

    scope: str
    data: str
    sector: str
    exact: bool = False
    kernel_name: str = DEFAULT_KERNEL
    timeout: int | None = 600
    env: dict[str, str] = field(default_factory=dict)
    runner: str = DEFAULT_RUNNER  # "module:function" with execute_chapter's signature
    reuse_kernel: bool = True
    notebook: str | None = None  # the template, when not the runner's default
    snapshot: str | None = None  # the build's snapshot entry of the dataset
    pdf: bool = False  # print every page the chapter wrote to PDF, in this worker
    languages: tuple[str, ...] | None = None  # the editions to write; None: the manifest's


@dataclass
class ChapterResult:
    scope: str
    ok: bool
    seconds: float
    figures: dict | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    error: str | None = None  # "ename: evalue", one line
    cell: int | None = None  # index of the failing cell, when papermill says
    detail: str | None = None  # traceback text, for the log
    worker: str = ""
    kernels_started: int = 0  # by this worker so far (reuse: 1 per worker)


def _resolve(runner: str) -> Callable:
    module, _, name = runner.partition(":")
    return getattr(importlib.import_module(module), name)


def _error_text(exc: BaseException) -> tuple[str, int | None, str]:
    """(one line "ename: evalue", failing cell index or None, traceback text)."""
    cause: BaseException | None = exc
    while cause is not None and getattr(cause, "ename", None) is None:
        cause = cause.__cause__  # render wraps papermill's error; the cell's is underneath
    if cause is not None:
        exc = cause
    ename = getattr(exc, "ename", None)
    if ename is not None:  # papermill.PapermillExecutionError: the failing cell's error
        evalue = " ".join(str(getattr(exc, "evalue", "") or "").split())
        detail = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(getattr(exc, "traceback", []) or []))
        return (
            f"{ename}: {evalue}" if evalue else str(ename),
            getattr(exc, "cell_index", None),
            detail,
        )
    lines = str(exc).strip().splitlines()
    first = lines[0] if lines else ""
    return (
        f"{type(exc).__name__}: {first}" if first else type(exc).__name__,
        None,
        "".join(traceback.format_exception(exc)),
    )


def run_chapter(task: ChapterTask) -> ChapterResult:
    """Render one chapter into a private folder and return its files' bytes and figures.

    Never raises for a chapter's own failure: the result says what failed, so one
    chapter never stops the others. Returning the bytes (rather than writing into the
    build's folder) lets a chapter run on any Dask worker."""
    start = time.perf_counter()
    worker = f"{os.uname().nodename}:{os.getpid()}"
    out_dir = Path(tempfile.mkdtemp(prefix=f"r4v-{task.scope}-"))
    saved_env = {k: os.environ.get(k) for k in task.env}
    os.environ.update(task.env)
    set_chapter_env(task.env)
    try:
        execute = _resolve(task.runner)
        kwargs = dict(
            data=Path(task.data),
            sector=task.sector,
            out_dir=out_dir,
            exact=task.exact,
            kernel_name=task.kernel_name,
        )
        params = inspect.signature(execute).parameters
        if "timeout" in params and task.timeout is not None:
            kwargs["timeout"] = task.timeout
        if task.notebook is not None:
            if "notebook" not in params:
                raise TypeError(f"{task.runner} takes no notebook= to run another template")
            kwargs["notebook"] = Path(task.notebook)
        if task.snapshot is not None and "snapshot" in params:
            kwargs["snapshot"] = task.snapshot
        if task.languages is not None and "languages" in params:
            kwargs["languages"] = task.languages
        if task.reuse_kernel and "engine_name" in params:  # else: papermill's own engine
            kwargs["engine_name"] = register_engine()
        figures = execute(task.scope, **kwargs)
        if task.pdf:  # typeset in this worker, its fonts read on its first chapter
            from ..present.pdf import print_folder

            print_folder(out_dir)
        files = {
            p.relative_to(out_dir).as_posix(): p.read_bytes()
            for p in sorted(out_dir.rglob("*"))
            if p.is_file() and not p.name.endswith(".ipynb")
        }
        return ChapterResult(
            task.scope,
            True,
            time.perf_counter() - start,
            figures=_plain(figures),
            files=files,
            worker=worker,
            kernels_started=KernelPool.started,
        )
    except Exception as exc:  # a chapter's failure is reported, not raised
        error, cell, detail = _error_text(exc)
        return ChapterResult(
            task.scope,
            False,
            time.perf_counter() - start,
            error=error,
            cell=cell,
            detail=detail,
            worker=worker,
            kernels_started=KernelPool.started,
        )
    finally:
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        shutil.rmtree(out_dir, ignore_errors=True)


def _plain(obj):
    """Figures as plain JSON data (numpy numbers become Python numbers)."""
    if obj is None:
        return None
    return json.loads(json.dumps(obj, default=_json_default))


def _json_default(value):
    import numpy as np

    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------- the pool


def _watch_parent(build: int, parent: int) -> None:
    """Exit when the build is gone: the worker's parent (the build, or the fork server,
    which exits with the build) changed, or the build's pid no longer exists."""
    while True:
        time.sleep(0.5)
        gone = os.getppid() != parent
        if not gone:
            try:
                os.kill(build, 0)
            except ProcessLookupError:
                gone = True
            except PermissionError:
                pass
        if gone:
            KernelPool.shutdown_all()
            if _sockets is not None and _sockets[0] == os.getpid():
                shutil.rmtree(_sockets[1], ignore_errors=True)
            os._exit(70)


def _worker_init(build: int, env: dict[str, str]) -> None:
    """In each worker: exit with the build (and shut the kernels down), see its env."""
    os.environ.update(env)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle
    threading.Thread(target=_watch_parent, args=(build, os.getppid()), daemon=True).start()
    from multiprocessing.util import Finalize

    Finalize(KernelPool, KernelPool.shutdown_all, exitpriority=100)


_PRELOAD = [
    "helpers.batch.executor",
    "pandas",
    "papermill",
    "helpers.figures.analysis",
]


def _context():
    """Workers forked from a single-threaded fork server that imported the heavy modules
    once (safe, unlike forking the build, and faster than spawning fresh interpreters);
    plain spawn where there is no fork server."""
    import multiprocessing

    try:
        ctx = multiprocessing.get_context("forkserver")
    except ValueError:
        return multiprocessing.get_context("spawn")
    ctx.set_forkserver_preload(_PRELOAD)
    return ctx


def start_fork_server() -> None:
    """Start the workers' fork server now: it imports `_PRELOAD` (about 2 s) in its own
    process while the build reads the data, rather than while the build waits for its
    first worker. Returns at once; nothing happens where there is no fork server."""
    ctx = _context()
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def check_scheduler(address: str) -> str:
    """A Dask scheduler address (tcp://HOST:PORT and the like), or InputError."""
    from ..core.errors import InputError

    if not re.match(r"^(tcp|tls|ucx|inproc)://[\w.\-\[\]:]+/?$", address):
        raise InputError(
            f"'{address}' is not a Dask scheduler address",
            column="--scheduler",
            expected="tcp://HOST:PORT",
        )
    return address


def make_executor(
    jobs: int, scheduler: str | None = None, env: dict[str, str] | None = None
) -> tuple[Executor, Callable[[], None]]:
    """(executor, close): `jobs` worker processes, or a Dask cluster's executor."""
    if scheduler:
        from distributed import Client

        from ..core.errors import InputError

        check_scheduler(scheduler)
        try:
            client = Client(scheduler, timeout="20s", set_as_default=False)
        except OSError as exc:
            raise InputError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc})", column="--scheduler"
            ) from exc
        executor = client.get_executor(pure=False)

        def close() -> None:
            executor.shutdown(wait=True)
            client.close()

        return executor, close
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_context(),
        initializer=_worker_init,
        initargs=(os.getpid(), dict(env or {})),
    )

    def close() -> None:
        executor.shutdown(wait=True, cancel_futures=True)

    return executor, close
