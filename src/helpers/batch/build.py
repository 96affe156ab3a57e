"""`r4v-report build`: every chapter, in parallel, atomically, and only what changed.

1. Check the parameters before anything runs: the scopes against the 21 chapter scopes,
   the sector against the dataset's (an unknown one is an InputError, exit 2).
2. Load and check the dataset once, into a snapshot (`inputs.snapshot.ensure_cache`);
   each chapter gets that snapshot, and reads it instead of the files.
3. Fingerprint every chapter (`fingerprints.chapter_fingerprints`, which also computes
   the figures documents once for every chapter); a chapter whose fingerprint and files are
   those of the previous build is kept as it is (`--force` rebuilds all), and so is one
   whose fingerprint changed only through other chapters' figures if it prints exactly
   what it printed (`fingerprints.printed_digests`, old snapshot against new).
4. Run the others in worker processes (`executor`), one reused kernel per worker, or on
   a Dask cluster (`--scheduler`). A failing chapter is reported and the others go on.
5. Write into a staging folder next to the output folder: a (hard-linked) copy of the
   previous output, the new chapters, the build state and each edition's index page
   (`index.html`, `es/index.html`, ...: `present.index`). Then swap the
   staging folder and the output folder in one atomic rename. Until that rename the
   previous output is untouched, so a failed or killed build leaves it exactly as it
   was. A chapter that fails keeps its previous version (the index says it failed and
   that the version shown is older); input files are only ever read.
6. With `pdf` (the command's default; `--no-pdf` leaves it out), each worker typesets the
   pages its chapter wrote to `<page>.pdf` (Typst, in the worker), and the build then
   writes `book.pdf` of every chapter that has a PDF (`present.pdf`). A chapter built without
   PDFs is not "unchanged" for a build that wants them; a build without PDFs drops the
   book when it rebuilds a chapter, rather than keep a book that no longer matches.

Exit status: 0 when every chapter was built or unchanged, 1 when any failed (each named
with the failing cell's error), 2 for input the user must fix.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
import sys
import time
import uuid
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from ..core import geography
from ..core.errors import InputError
from ..core.files import fsync_dir, write_atomic
from ..core.i18n import LANGUAGES, SOURCE_LANGUAGE
from ..core.paths import CHAPTER_NOTEBOOK, INDEX_NAME, edition_path, index_path
from ..core.sectors import check_sector
from ..inputs import snapshot
from ..inputs.manifest import read_manifest
from ..present import pdf as pdfs
from .executor import (
    DEFAULT_KERNEL,
    DEFAULT_RUNNER,
    ChapterResult,
    ChapterTask,
    check_scheduler,
    make_executor,
    run_chapter,
    start_fork_server,
)
from .fingerprints import chapter_fingerprints, printed_digests

STATE_NAME = ".build-state.json"
STATE_FORMAT = 1


@dataclass
class BuildOptions:
    data: Path
    out: Path
    sector: str | None = None
    only: list[str] | None = None
    jobs: int | None = None
    force: bool = False
    exact: bool = False
    scheduler: str | None = None
    kernel_name: str = DEFAULT_KERNEL
    timeout: int | None = 600  # seconds per cell
    runner: str = DEFAULT_RUNNER  # "module:function" with render.execute_chapter's signature
    reuse_kernel: bool = True
    template: Path | None = CHAPTER_NOTEBOOK
    env: dict[str, str] = field(default_factory=dict)  # extra environment for the chapters
    progress: bool = True
    pdf: bool = False  # PDFs of every page and the book (the command's default is on)
    # the editions to write (`--lang`); None: the manifest's `languages:` (default all)
    languages: tuple[str, ...] | None = None


@dataclass
class Outcome:
    scope: str
    status: str  # built | unchanged | failed
    seconds: float = 0.0
    error: str | None = None
    cell: int | None = None
    worker: str = ""
    people_hidden: float | None = None  # people's worth of counts hidden to protect small ones
    withheld: list[str] = field(default_factory=list)  # tables not printed at all


@dataclass
class BuildReport:
    out: Path
    outcomes: list[Outcome]
    seconds: float
    sector: str
    published: bool  # whether the output folder was replaced
    kernels_started: int = 0  # across workers: with kernel reuse, at most one per worker
    index: str = INDEX_NAME  # the first edition's index (`es/index.html` for a build in es)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


# ---------------------------------------------------------------- parameters


def resolve_scopes(only: list[str] | None) -> list[str]:
    """The chapters to build, in reading order; an unknown scope is an InputError."""
    every = geography.chapter_scopes()
    if not only:
        return every
    chosen = set()
    for value in only:
        scope = geography.resolve_scope(value)
        if scope is None:
            raise InputError(
                f"unknown scope '{value}'",
                column="--only",
                expected="region, a sub-regional platform ("
                + ", ".join(p for p, v in geography.PLATFORMS.items() if not v.national)
                + ") or a country's ISO3 code ("
                + ", ".join(geography.COUNTRIES)
                + ")",
            )
        chosen.add(scope)
    return [s for s in every if s in chosen]


def _jobs(jobs: int | None, n: int) -> int:
    if jobs is not None and jobs < 1:
        raise InputError(f"--jobs must be at least 1, not {jobs}", column="--jobs")
    return max(1, min(jobs or os.cpu_count() or 1, max(n, 1)))


# ---------------------------------------------------------------- folders


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextlib.contextmanager
def _lock(out: Path, root: Path):
    """One build at a time per output folder (the lock file lives in the build cache)."""
    (root / "locks").mkdir(parents=True, exist_ok=True)
    path = root / "locks" / f"{hashlib.sha256(str(out).encode()).hexdigest()[:16]}.lock"
    fh = open(path, "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise InputError(
                "another build is writing this folder; wait for it to finish", file=out
            ) from exc
        yield
    finally:
        fh.close()


def _staging_dirs(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.staging-*"))


def _recover(out: Path) -> None:
    """Undo what a killed build may have left: a half-swapped output, staging folders."""
    previous = out.parent / f".{out.name}.previous"
    if previous.exists():
        if not out.exists():  # killed between the two renames of the fallback swap
            os.rename(previous, out)
        else:
            shutil.rmtree(previous, ignore_errors=True)
    for d in _staging_dirs(out):
        shutil.rmtree(d, ignore_errors=True)


def _link_tree(src: Path, dst: Path) -> None:
    """dst = a copy of src whose files are hard links (new files then replace links; a
    file is never written through a link, so src is never modified)."""

    def link(s, d):
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)

    shutil.copytree(src, dst, copy_function=link, symlinks=True, dirs_exist_ok=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(a))


def _publish(staging: Path, out: Path) -> None:
    """Put the staging folder in the output folder's place in one step. Its files were
    synced as they were written, and its folders are synced here, before the swap: after
    a crash the output folder holds the old reports or the whole new ones."""
    for folder, _, _ in os.walk(staging):
        fsync_dir(Path(folder))
    if not out.exists():
        os.rename(staging, out)
    elif _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous output
    else:
        previous = out.parent / f".{out.name}.previous"  # fallback: two renames, recoverable
        os.rename(out, previous)
        os.rename(staging, out)
        shutil.rmtree(previous, ignore_errors=True)
    fsync_dir(out.parent)


def _editions_left(chapters: dict) -> list[str]:
    """The editions with a chapter's file in the reports folder by the build state (a
    chapter rebuilt in fewer editions no longer lists the others' files), in edition order."""
    found = set()
    for record in chapters.values():
        for name in record.get("files") or {}:
            folder, _, rest = name.partition("/")
            found.add(folder if rest and folder in LANGUAGES else SOURCE_LANGUAGE)
    return [lang for lang in LANGUAGES if lang in found]


def _drop_editions(staging: Path, dropped: list[str]) -> None:
    """Remove the index and the book of editions no chapter has pages in any more (a build
    with a narrower `--lang`, or a language taken off the manifest): their chapters' files
    went as those chapters were rebuilt, and an index or a book left behind would link
    pages that are gone, or print figures no page shows. An edition's folder goes when
    nothing else is in it."""
    for lang in dropped:
        for name in (INDEX_NAME, pdfs.BOOK_NAME):
            (staging / edition_path(lang, name)).unlink(missing_ok=True)
        folder = staging / edition_path(lang, "")
        if lang != SOURCE_LANGUAGE and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def read_state(out: Path) -> dict:
    try:
        state = json.loads((out / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"format": STATE_FORMAT, "chapters": {}}
    if state.get("format") != STATE_FORMAT:
        return {"format": STATE_FORMAT, "chapters": {}}
    return state


def _intact(record: dict | None, out: Path, pdf: bool = False) -> bool:
    """The chapter was built, with its PDFs if they are wanted, and its files are as the
    build wrote them."""
    if not record or record.get("status") != "ok":
        return False
    if pdf and not record.get("pdf"):
        return False  # built without its PDFs
    files = record.get("files") or {}
    if not files:
        return False
    for name, digest in files.items():
        path = out / name
        if not path.is_file() or _sha(path) != digest:
            return False
    return True


def _printed_alike(
    scopes: list[str], chapters: dict, entry: Path, folder: Path, sector: str, exact: bool
) -> list[str]:
    """The chapters among `scopes` that print exactly what they printed when they were
    built (their own snapshot, if the cache still has it, against the new one)."""
    by_entry: dict[Path, list[str]] = {}
    for scope in scopes:
        built_from = entry.parent / str(chapters[scope].get("snapshot") or "")
        if built_from != entry and snapshot.is_complete(built_from):
            by_entry.setdefault(built_from, []).append(scope)
    if not by_entry:
        return []
    now = printed_digests(
        entry, folder, sector=sector, scopes=[s for g in by_entry.values() for s in g], exact=exact
    )
    kept = []
    for built_from, group in by_entry.items():
        try:
            then = printed_digests(built_from, folder, sector=sector, scopes=group, exact=exact)
        except Exception:  # noqa: BLE001 - pruned meanwhile by a build sharing the cache,
            continue  # however its reading failed: those chapters are built again
        kept += [s for s in group if then[s] is not None and then[s] == now[s]]
    return [s for s in scopes if s in kept]


def _protection(record: dict) -> dict:
    """What a chapter's disclosure control did, from its record: people's worth of counts
    hidden, tables withheld."""
    figures = record.get("figures") or {}
    return {
        "people_hidden": figures.get("people_hidden") if isinstance(figures, dict) else None,
        "withheld": list(figures.get("withheld_tables") or []) if isinstance(figures, dict) else [],
    }


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


# ---------------------------------------------------------------- running


class _Display:
    """The progress bar (rich), or nothing."""

    def __init__(self, total: int, enabled: bool):
        self.progress = None
        if enabled and total:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("[bold]building chapters"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=Console(stderr=True),
                transient=False,
            )
            self.task = self.progress.add_task("", total=total)

    def __enter__(self):
        if self.progress:
            self.progress.start()
        return self

    def advance(self, result: ChapterResult) -> None:
        if self.progress:
            mark = "ok" if result.ok else "FAILED"
            self.progress.update(
                self.task, advance=1, description=f"{geography.scope_name(result.scope)} {mark}"
            )

    def __exit__(self, *exc):
        if self.progress:
            self.progress.stop()


def _run(
    tasks: list[ChapterTask], jobs: int, scheduler: str | None, env: dict[str, str], on_result
) -> None:
    """Run every task; call on_result(result) as each ends. A worker lost mid-chapter
    (a crash of the worker process itself, not of the notebook) is retried once."""
    pending = list(tasks)
    for attempt in (1, 2):
        if not pending:
            return
        executor, close = make_executor(min(jobs, len(pending)), scheduler, env)
        lost: list[ChapterTask] = []
        try:
            futures: dict[Future, ChapterTask] = {
                executor.submit(run_chapter, t): t for t in pending
            }
            waiting = set(futures)
            while waiting:
                done, waiting = wait(waiting, return_when=FIRST_COMPLETED)
                for fut in done:
                    task = futures[fut]
                    try:
                        result = fut.result()
                    except BrokenProcessPool as exc:
                        if attempt == 1:
                            lost.append(task)
                            continue
                        result = ChapterResult(
                            task.scope, False, 0.0, error=f"worker process died ({exc})"
                        )
                    except Exception as exc:  # e.g. a Dask worker lost twice
                        result = ChapterResult(
                            task.scope, False, 0.0, error=f"{type(exc).__name__}: {exc}"
                        )
                    on_result(result)
        except KeyboardInterrupt:
            for process in list(getattr(executor, "_processes", {}).values()):
                process.terminate()  # workers ignore SIGINT; their kernels follow them
            raise
        finally:
            close()
        pending = lost


def build(opts: BuildOptions) -> BuildReport:
    """Build the chapters; see the module docstring. Raises InputError for bad input."""
    started = time.perf_counter()
    scopes = resolve_scopes(opts.only)
    jobs = _jobs(opts.jobs, len(scopes))
    if opts.scheduler:
        check_scheduler(opts.scheduler)
    if opts.pdf:
        pdfs.check_typesetter()  # before anything runs: not 21 chapters failing one by one
    m = read_manifest(opts.data)
    out = Path(opts.out).resolve()
    snapshot.check_outside(out, m.folder, "output")
    root = snapshot.cache_root(out)
    snapshot.check_outside(root, m.folder, "build cache")
    out.parent.mkdir(parents=True, exist_ok=True)

    with _lock(out, root):
        _recover(out)
        # new data: chapters to build, almost surely; their workers get ready meanwhile
        entry = snapshot.ensure_cache(
            m.folder, root, on_miss=None if opts.scheduler else start_fork_server
        )
        sector = check_sector(
            opts.sector, m.sector, snapshot.dataset_sectors(entry), column="--sector"
        )
        languages = edition_languages(opts, m.languages)
        params = {
            "exact": opts.exact,
            "kernel": opts.kernel_name,
            "runner": opts.runner,
            "languages": list(languages),  # a new edition rebuilds every chapter
        }
        made = chapter_fingerprints(
            entry, m, sector=sector, scopes=scopes, template=opts.template, params=params
        )
        state = read_state(out) if out.is_dir() else {"format": STATE_FORMAT, "chapters": {}}
        chapters: dict[str, dict] = state.setdefault("chapters", {})
        outcomes: dict[str, Outcome] = {}
        maybe = []  # only other chapters' figures changed: built again only if it prints anew
        for scope in scopes:
            record = chapters.get(scope)
            if opts.force or not _intact(record, out, opts.pdf):
                continue
            if record.get("fingerprint") == made.digests[scope]:
                outcomes[scope] = Outcome(scope, "unchanged", **_protection(record))
            elif record.get("basis") == made.bases[scope]:
                maybe.append(scope)
        kept = _printed_alike(maybe, chapters, entry, m.folder, sector, opts.exact)
        for scope in kept:
            chapters[scope].update(fingerprint=made.digests[scope], snapshot=entry.name)
            outcomes[scope] = Outcome(scope, "unchanged", **_protection(chapters[scope]))
        todo = [s for s in scopes if s not in outcomes]
        if kept and not todo:  # nothing to publish, but remember what was checked
            write_atomic(
                out / STATE_NAME, json.dumps(state, indent=1, ensure_ascii=False).encode("utf-8")
            )
        if (
            not todo
            and all((out / index_path(lang)).is_file() for lang in languages)
            and (
                not opts.pdf
                or all((out / edition_path(lang, pdfs.BOOK_NAME)).is_file() for lang in languages)
            )
        ):
            return BuildReport(
                out,
                [outcomes[s] for s in scopes],
                time.perf_counter() - started,
                sector,
                published=False,
                index=index_path(languages[0]),
            )

        staging = out.parent / f".{out.name}.staging-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            if out.is_dir():
                _link_tree(out, staging)
            else:
                staging.mkdir()
            env = dict(opts.env)
            tasks = [
                ChapterTask(
                    scope=s,
                    data=str(m.folder),
                    sector=sector,
                    exact=opts.exact,
                    kernel_name=opts.kernel_name,
                    timeout=opts.timeout,
                    env=env,
                    runner=opts.runner,
                    reuse_kernel=opts.reuse_kernel,
                    notebook=(
                        str(opts.template)
                        if opts.template is not None and Path(opts.template) != CHAPTER_NOTEBOOK
                        else None
                    ),
                    snapshot=str(entry),
                    pdf=opts.pdf,
                    languages=languages,
                )
                for s in todo
            ]

            kernels: dict[str, int] = {}

            def on_result(result: ChapterResult) -> None:
                previous = chapters.get(result.scope) or {}
                if result.ok:
                    for name in previous.get("files") or {}:
                        if name not in result.files:
                            with contextlib.suppress(FileNotFoundError):
                                (staging / name).unlink()
                    for name, data in result.files.items():
                        write_atomic(staging / name, data)
                    with contextlib.suppress(FileNotFoundError):
                        (staging / ".build-logs" / f"{result.scope}.txt").unlink()
                    chapters[result.scope] = {
                        "status": "ok",
                        "fingerprint": made.digests[result.scope],
                        "basis": made.bases[result.scope],
                        "snapshot": entry.name,
                        "built_at": _now(),
                        "seconds": round(result.seconds, 2),
                        "figures": result.figures,
                        "sector": sector,
                        "dataset": m.name,
                        "pdf": opts.pdf,
                        "files": {
                            n: hashlib.sha256(d).hexdigest() for n, d in result.files.items()
                        },
                    }
                    outcomes[result.scope] = Outcome(
                        result.scope,
                        "built",
                        result.seconds,
                        worker=result.worker,
                        **_protection(chapters[result.scope]),
                    )
                else:
                    record = dict(previous)
                    record.update(
                        status="failed", error=result.error, cell=result.cell, failed_at=_now()
                    )
                    chapters[result.scope] = record
                    outcomes[result.scope] = Outcome(
                        result.scope,
                        "failed",
                        result.seconds,
                        result.error,
                        result.cell,
                        result.worker,
                    )
                    if result.detail:
                        write_atomic(
                            staging / ".build-logs" / f"{result.scope}.txt",
                            result.detail.encode("utf-8", "replace"),
                        )
                kernels[result.worker] = max(kernels.get(result.worker, 0), result.kernels_started)
                display.advance(result)

            with _Display(len(tasks), opts.progress) as display:
                _run(tasks, jobs, opts.scheduler, env, on_result)

            state["format"] = STATE_FORMAT
            state["build"] = {
                "dataset": m.name,
                "synthetic": m.synthetic,
                "sector": sector,
                "period_start": m.period_start,
                "period_end": m.period_end,
                "funding_as_of": m.as_of.get("funding"),
                "min_count": m.min_count,
                "version": __version__,
                "finished_at": _now(),
                "exact": opts.exact,
                "languages": list(languages),
            }
            logs = staging / ".build-logs"
            if logs.is_dir() and not any(logs.iterdir()):
                logs.rmdir()
            statuses = {s: o.status for s, o in outcomes.items()}
            # the editions built, then those another build left pages of (`--only` with a
            # narrower `--lang`): each gets its index, linking the pages it has
            editions = [*languages, *(e for e in _editions_left(chapters) if e not in languages)]
            for lang in editions:  # one index per edition, each linking the others
                from ..present.index import write_index  # pages' modules: only to publish

                write_index(staging, state, statuses, lang, languages)
            _drop_editions(staging, [lang for lang in LANGUAGES if lang not in editions])
            # one book per edition, in its folder
            folders = [(staging / edition_path(lang, ""), lang) for lang in editions]
            if opts.pdf:
                pdfs.write_books(folders, state["build"], synthetic=m.synthetic)
            elif any(o.status == "built" for o in outcomes.values()):
                for folder, _ in folders:
                    (folder / pdfs.BOOK_NAME).unlink(missing_ok=True)  # it no longer matches
            write_atomic(
                staging / STATE_NAME,
                json.dumps(state, indent=1, ensure_ascii=False).encode("utf-8"),
            )
            _publish(staging, out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return BuildReport(
        out,
        [outcomes[s] for s in scopes],
        time.perf_counter() - started,
        sector,
        published=True,
        kernels_started=sum(kernels.values()),
        index=index_path(languages[0]),
    )


# ---------------------------------------------------------------- the command


def summary_table(report: BuildReport):
    from rich.table import Table

    table = Table(title=f"r4v-report build: {report.sector}", title_justify="left")
    table.add_column("chapter")
    table.add_column("status")
    table.add_column("seconds", justify="right")
    table.add_column("hidden (people)", justify="right")
    table.add_column("note", overflow="fold")
    styles = {"built": "green", "unchanged": "dim", "failed": "bold red"}
    for o in report.outcomes:
        note = ""
        if o.status == "failed":
            note = (f"cell {o.cell}: " if o.cell is not None else "") + (o.error or "")
        elif o.withheld:
            note = "withheld (small numbers): " + ", ".join(o.withheld)
        table.add_row(
            f"{geography.scope_name(o.scope)} ({o.scope})",
            f"[{styles[o.status]}]{o.status}[/]",
            f"{o.seconds:.1f}" if o.status != "unchanged" else "—",
            f"{o.people_hidden:,.0f}" if o.people_hidden is not None else "—",
            note,
        )
    return table


def edition_languages(opts: BuildOptions, manifest_languages: tuple[str, ...]) -> tuple[str, ...]:
    """The editions a build writes: `--lang` when given, else the manifest's."""
    return opts.languages or manifest_languages


def _languages(codes: list[str] | None) -> tuple[str, ...] | None:
    """`--lang es --lang pt` checked (an unknown code stops the command)."""
    if not codes:
        return None
    from ..inputs.manifest import parse_languages

    return parse_languages(codes, file="--lang", key="--lang")


def build_command(args) -> int:
    """`r4v-report build`: see the module docstring."""
    from rich.console import Console

    opts = BuildOptions(
        data=args.data,
        out=args.out,
        sector=args.sector,
        only=args.only,
        jobs=args.jobs,
        force=args.force,
        exact=args.exact,
        scheduler=args.scheduler,
        progress=sys.stderr.isatty(),
        pdf=getattr(args, "pdf", True),
        languages=_languages(getattr(args, "lang", None)),
    )
    report = build(opts)
    console = Console()
    console.print(summary_table(report))
    counts = {
        s: sum(o.status == s for o in report.outcomes) for s in ("built", "unchanged", "failed")
    }
    kernels = f" ({report.kernels_started} kernels)" if report.kernels_started else ""
    console.print(
        f"{counts['built']} built, {counts['unchanged']} unchanged, "
        f"{counts['failed']} failed in {report.seconds:.1f} s{kernels} -> "
        f"{report.out / report.index}"
        if report.published or (report.out / report.index).exists()
        else ""
    )
    for o in report.failed:
        where = f" in cell {o.cell}" if o.cell is not None else ""
        print(
            f"r4v-report: error: chapter '{o.scope}' ({geography.scope_name(o.scope)}) "
            f"failed{where}: {o.error}",
            file=sys.stderr,
        )
    return report.exit_code
