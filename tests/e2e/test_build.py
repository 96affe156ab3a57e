"""`r4v-report build`: parameters checked first, failures isolated and named, atomic output,
incremental rebuilds, and a kernel reused per worker without chapters leaking state.

Most tests run the build machinery with a fake unit of work
(tests/e2e/fake_chapter_runner.py, the signature of `batch.runner.execute_chapter`,
computing the chapter's key figures from the build's snapshot without a notebook) so they
stay fast; the tests marked slow run the real notebook.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from helpers.batch.build import STATE_NAME, BuildOptions, build, read_state
from helpers.cli.main import main
from helpers.core.geography import chapter_scopes
from helpers.core.paths import CHAPTER_NOTEBOOK
from helpers.sample.generate import add_people

ROOT = Path(__file__).resolve().parents[2]
E2E = Path(__file__).resolve().parent
FAKE = "fake_chapter_runner:execute_chapter"  # tests/e2e/fake_chapter_runner.py


@pytest.fixture(autouse=True)
def _clean_env(no_cache_setting, fake_runner):
    """No user cache setting; the fake runner importable by the build's workers."""


def fake_build(data: Path, out: Path, **kw) -> object:
    env = kw.pop("env", {})
    return build(
        BuildOptions(
            data=data, out=out, runner=FAKE, jobs=kw.pop("jobs", 2), progress=False, env=env, **kw
        )
    )


def statuses(report) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for o in report.outcomes:
        out.setdefault(o.status, set()).add(o.scope)
    return out


# ---------------------------------------------------------------- parameters


def test_unknown_scope_is_an_input_error_before_anything_runs(sample_copy, tmp_path, capsys):
    out = tmp_path / "reports"
    code = main(
        ["build", "--data", str(sample_copy), "--out", str(out), "--only", "COL", "Atlantis"]
    )
    assert code == 2
    assert "unknown scope 'Atlantis'" in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / ".build-cache").exists()


def test_unknown_sector_is_an_input_error(sample_copy, tmp_path, capsys):
    out = tmp_path / "reports"
    code = main(
        ["build", "--data", str(sample_copy), "--out", str(out), "--sector", "Protection (Made Up)"]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "sector 'Protection (Made Up)'" in err and "Human Trafficking" in err
    assert not out.exists()


def test_output_inside_the_dataset_is_refused(sample_copy, capsys):
    code = main(["build", "--data", str(sample_copy), "--out", str(sample_copy / "reports")])
    assert code == 2
    assert not (sample_copy / "reports").exists()


def test_sector_spelling_is_matched_not_executed(sample_copy, tmp_path):
    report = fake_build(
        sample_copy,
        tmp_path / "reports",
        only=["ABW"],
        sector="protection (human trafficking & smuggling)",
    )
    assert report.sector == "Protection (Human Trafficking and Smuggling)"


# ---------------------------------------------------------------- a full fake build


@pytest.mark.xdist_group("build")
def test_failing_chapter_does_not_stop_the_others(sample_copy, tmp_path, tree_digest):
    out = tmp_path / "reports"
    before = tree_digest(sample_copy)
    report = fake_build(sample_copy, out, env={"R4V_FAKE_FAIL": "COL"})
    assert report.exit_code == 1
    assert [o.scope for o in report.failed] == ["COL"]
    assert report.failed[0].error == "ValueError: fake failure in COL"
    assert statuses(report)["built"] == set(chapter_scopes()) - {"COL"}
    assert not (out / "COL.html").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "fake failure in COL" in index
    assert tree_digest(sample_copy) == before  # inputs are only read

    # Fixed: the next build makes only the failed chapter.
    report = fake_build(sample_copy, out)
    assert report.exit_code == 0
    assert statuses(report) == {"built": {"COL"}, "unchanged": set(chapter_scopes()) - {"COL"}}

    # Failing again keeps its previous version, byte for byte, and the index says so.
    previous = (out / "COL.html").read_bytes()
    report = fake_build(sample_copy, out, env={"R4V_FAKE_FAIL": "COL"}, force=True)
    assert report.exit_code == 1
    assert (out / "COL.html").read_bytes() == previous
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "previous version" in index and "fake failure in COL" in index


@pytest.mark.xdist_group("build")
def test_incremental_rebuild_makes_only_what_changed(
    sample_copy, tmp_path, tree_digest, monkeypatch
):
    from helpers.batch import build as build_mod

    servers = []  # the workers' fork server, started while new data is read

    def start_fork_server():
        servers.append(True)
        real_start()

    real_start = build_mod.start_fork_server
    monkeypatch.setattr(build_mod, "start_fork_server", start_fork_server)
    out = tmp_path / "reports"
    assert fake_build(sample_copy, out).exit_code == 0
    snapshot = tree_digest(out)
    assert len(servers) == 1

    report = fake_build(sample_copy, out)  # nothing changed: nothing runs nor is written
    assert statuses(report) == {"unchanged": set(chapter_scopes())}
    assert not report.published and tree_digest(out) == snapshot
    assert len(servers) == 1  # nor started

    add_people(sample_copy, "Mexico")
    report = fake_build(sample_copy, out)
    assert statuses(report)["built"] == {"MEX", "central-america-mexico", "region"}
    assert len(servers) == 2
    after = tree_digest(out)
    changed = {name.split(".")[0] for name in after if after[name] != snapshot.get(name)}
    indexes = {"index", "es/index", "pt/index"}  # one per edition
    assert changed - indexes - {STATE_NAME.split(".")[0]} == {
        "MEX",
        "central-america-mexico",
        "region",
    }

    report = fake_build(sample_copy, out, force=True)
    assert statuses(report) == {"built": set(chapter_scopes())}

    (out / "PER.html").write_text("edited by hand", encoding="utf-8")  # outputs are checked
    report = fake_build(sample_copy, out)
    assert statuses(report)["built"] == {"PER"}


def test_editions_no_chapter_has_pages_in_lose_their_index_and_book(sample_copy, tmp_path):
    """A narrower `--lang` rebuilds the chapters without the other editions' pages: an index
    or a book left behind would link pages that are gone. An edition keeps its index (now
    linking only what it has) while some chapter still has pages in it."""
    out = tmp_path / "reports"
    editions = {"env": {"R4V_FAKE_EDITIONS": "1"}, "only": ["COL", "ECU"]}
    assert fake_build(sample_copy, out, **editions).exit_code == 0  # the manifest's three
    assert (out / "es" / "COL.html").is_file() and (out / "pt" / "index.html").is_file()
    (out / "es" / "book.pdf").write_bytes(b"%PDF- a book of the Spanish chapters")

    fake_build(sample_copy, out, **{**editions, "only": ["COL"]}, languages=("en",))
    assert not (out / "es" / "COL.html").exists() and (out / "es" / "ECU.html").is_file()
    index = (out / "es" / "index.html").read_text(encoding="utf-8")
    assert 'href="ECU.html"' in index and 'href="COL.html"' not in index
    assert not (out / "es" / "book.pdf").exists()  # it held COL's Spanish pages
    (out / "es" / "book.pdf").write_bytes(b"%PDF- a book of ECU's Spanish pages")

    fake_build(sample_copy, out, **editions, languages=("en",))
    assert not (out / "es").exists() and not (out / "pt").exists()
    assert (out / "index.html").is_file() and (out / "COL.html").is_file()


@pytest.mark.xdist_group("build")
def test_a_chapter_that_prints_the_same_is_kept_when_only_others_figures_changed(
    sample_copy, tmp_path, monkeypatch
):
    """One more person in Aruba changes the constants of the relations that sixteen
    chapters' hidden counts are audited with; thirteen of them print exactly what they
    printed, so only Aruba, the Caribbean and the region are built again (Bolivia, asked
    for alone first, is not compared twice)."""
    from helpers.batch import build as build_mod

    compared = []

    def printed_digests(entry, folder, **kw):
        compared.append((Path(entry).name, tuple(kw["scopes"])))
        return real(entry, folder, **kw)

    real = build_mod.printed_digests
    monkeypatch.setattr(build_mod, "printed_digests", printed_digests)
    out = tmp_path / "reports"
    assert fake_build(sample_copy, out).exit_code == 0
    assert not compared  # nothing built before: nothing to compare
    add_people(sample_copy, "Aruba", 1)
    # Bolivia alone: kept, and remembered although nothing is published
    state = json.loads((out / STATE_NAME).read_text(encoding="utf-8"))
    report = fake_build(sample_copy, out, only=["BOL"])
    assert statuses(report) == {"unchanged": {"BOL"}} and not report.published
    assert [scopes for _, scopes in compared] == [("BOL",), ("BOL",)]
    assert compared[0][0] != compared[1][0]  # the new snapshot, then the one it was built from
    remembered = json.loads((out / STATE_NAME).read_text(encoding="utf-8"))["chapters"]
    assert remembered["BOL"]["fingerprint"] != state["chapters"]["BOL"]["fingerprint"]
    assert remembered["BOL"]["snapshot"] == compared[0][0]
    assert remembered["BOL"]["built_at"] == state["chapters"]["BOL"]["built_at"]
    assert remembered["COL"] == state["chapters"]["COL"]

    compared.clear()
    report = fake_build(sample_copy, out)
    assert statuses(report)["built"] == {"ABW", "caribbean", "region"}
    assert len(statuses(report)["unchanged"]) == 18
    # the twelve others whose basis stayed were compared, once in each snapshot
    assert len(compared) == 2 and len(compared[0][1]) == 12 and "BOL" not in compared[0][1]
    assert compared[0][0] != compared[1][0] and set(compared[0][1]) == set(compared[1][1])

    compared.clear()  # what was compared is remembered: the next build compares nothing
    report = fake_build(sample_copy, out)
    assert statuses(report) == {"unchanged": set(chapter_scopes())} and not compared


@pytest.mark.xdist_group("build")
def test_a_chapter_is_built_again_when_what_it_prints_changed_or_cannot_be_compared(
    sample_copy, tmp_path, monkeypatch
):
    from helpers.batch import build as build_mod
    from helpers.chapter import build as chapter_build
    from helpers.inputs import snapshot

    out = tmp_path / "reports"
    assert fake_build(sample_copy, out).exit_code == 0
    add_people(sample_copy, "Aruba", 1)
    with monkeypatch.context() as patched:  # a different page in every snapshot
        patched.setattr(
            build_mod,
            "printed_digests",
            lambda entry, folder, *, scopes, **kw: {s: Path(entry).name for s in scopes},
        )
        assert len(statuses(fake_build(sample_copy, out))["built"]) == 16

    # one chapter's model cannot be built for the comparison: that chapter is built (by a
    # worker, which names a failure as for any chapter), the build goes on
    add_people(sample_copy, "Aruba", 1)
    real_build_chapter = chapter_build.build_chapter

    def build_chapter(source, scope, **kw):
        if scope == "BOL":
            raise ValueError("cannot be built here")
        return real_build_chapter(source, scope, **kw)

    with monkeypatch.context() as patched:
        patched.setattr(chapter_build, "build_chapter", build_chapter)
        report = fake_build(sample_copy, out)
    assert statuses(report)["built"] == {"ABW", "caribbean", "region", "BOL"}

    add_people(sample_copy, "Aruba", 1)
    cache = tmp_path / ".build-cache"  # the snapshots the chapters were built from: gone
    entries = [p for p in cache.iterdir() if snapshot.is_complete(p)]
    assert entries
    for entry in entries:
        shutil.rmtree(entry)
    assert len(statuses(fake_build(sample_copy, out))["built"]) == 16


@pytest.mark.xdist_group("build")
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")
def test_new_reports_are_synced_before_the_swap_publishes_them(sample_copy, tmp_path, monkeypatch):
    """After a crash the output folder holds the old reports or the whole new ones: every
    file written is fsynced, and the staging folders too, before the swap; then the parent
    of the output folder, which names it."""
    from helpers.batch import build as build_mod

    out = tmp_path / "reports"
    fake_build(sample_copy, out, only=["PER", "COL"], jobs=1)
    add_people(sample_copy, "Peru")
    events: list[tuple[str, str]] = []
    real_fsync, real_dir, real_exchange = os.fsync, build_mod.fsync_dir, build_mod._exchange

    def fsync(fd):
        target = os.readlink(f"/proc/self/fd/{fd}")
        if not os.path.isdir(target):  # folders are recorded by fsync_dir
            events.append(("file", target))
        return real_fsync(fd)

    def fsync_dir(path):
        events.append(("dir", str(path)))
        return real_dir(path)

    def exchange(a, b):
        events.append(("swap", str(b)))
        return real_exchange(a, b)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(build_mod, "fsync_dir", fsync_dir)
    monkeypatch.setattr(build_mod, "_exchange", exchange)
    report = fake_build(sample_copy, out, only=["PER", "COL"], jobs=1)
    assert statuses(report) == {"built": {"PER"}, "unchanged": {"COL"}}
    kinds = [k for k, _ in events]
    swap = kinds.index("swap")
    # `<folder>/.PER.html.<id>.tmp`: the staged name, before the rename
    written = {Path(p).name[1:].rsplit(".", 2)[0] for k, p in events[:swap] if k == "file"}
    assert {"PER.html", "PER.json", "PER.csv", STATE_NAME, "index.html"} <= written
    assert not {"COL.html", "COL.json", "COL.csv"} & written  # unchanged: hard links
    assert "file" not in kinds[swap:]
    staged = [p for k, p in events[:swap] if k == "dir"]
    assert staged and all(".reports.staging-" in p for p in staged)
    assert events[swap + 1 :] == [("dir", str(tmp_path))]


def test_index_lists_every_chapter_escaped_and_self_contained(sample_copy, tmp_path):
    manifest = sample_copy / "dataset.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace(
            "name: RMRP 2023 end-year (synthetic sample)",
            "name: \"<script>alert('x')</script> & co\"",
        ),
        encoding="utf-8",
    )
    out = tmp_path / "reports"
    fake_build(sample_copy, out, only=["region", "caribbean", "ABW"])
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co" in page
    for scope in chapter_scopes():
        assert f'<div class="small">{scope}</div>' in page
    for scope in ("region", "caribbean", "ABW"):
        assert f'href="{scope}.html"' in page and f'href="{scope}.json"' in page
    assert 'href="COL.html"' not in page  # not built: listed, not linked
    assert "http://" not in page and "https://" not in page and "src=" not in page
    state = read_state(out)
    assert state["chapters"]["region"]["figures"]["reporting_partners"] == 11


@pytest.mark.slow
@pytest.mark.xdist_group("build")
def test_killed_build_leaves_the_previous_output_byte_for_byte(sample_copy, tmp_path, tree_digest):
    out = tmp_path / "reports"
    assert fake_build(sample_copy, out, only=["region", "ABW", "COL"]).exit_code == 0
    before = tree_digest(out)
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(E2E)!r})
        from pathlib import Path
        from helpers.batch.build import BuildOptions, build
        build(BuildOptions(data=Path({str(sample_copy)!r}), out=Path({str(out)!r}),
                           runner={FAKE!r}, jobs=2, force=True, progress=False,
                           only=["region", "ABW", "COL", "PER", "ECU", "BRA", "CHL"],
                           env={{"R4V_FAKE_SLEEP": "2"}}))
        """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    import psutil

    deadline = time.time() + 120
    staged = []
    while time.time() < deadline and proc.poll() is None:
        try:
            staged = [
                p
                for s in tmp_path.glob(".reports.staging-*")
                for p in s.glob("*.html")
                if tree_digest(s).get(p.name) != before.get(p.name)
            ]
        except FileNotFoundError:  # a temporary file renamed while it was read: look again
            staged = []
        if staged:  # mid-run: a new chapter written to staging, more to come
            break
        time.sleep(0.2)
    assert proc.poll() is None and staged, "the build ended before it could be killed"
    workers = psutil.Process(proc.pid).children(recursive=True)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert tree_digest(out) == before
    gone, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive, "worker processes outlived the killed build"

    # The next build cleans up after the killed one and publishes normally.
    report = fake_build(sample_copy, out, only=["ABW"], force=True)
    assert report.exit_code == 0
    assert not list(tmp_path.glob(".reports.staging-*"))


# ---------------------------------------------------------------- kernel reuse


def _notebook(path: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "r4v-report",
        "display_name": "R4V report",
        "language": "python",
    }
    params = nbformat.v4.new_code_cell("scope = 'A'\nfail = False")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        params,
        nbformat.v4.new_code_cell(
            textwrap.dedent("""
        import os, json
        import pandas as pd
        import helpers.core.geography as geo
        seen = {
            "pid": os.getpid(),
            "variable": "leaked" in globals(),
            "module_state": hasattr(geo, "_leaked"),
            "environ": os.environ.get("R4V_LEAKED"),
            "pandas_option": pd.get_option("display.max_rows"),
        }
        print(json.dumps(seen))
        leaked = scope
        geo._leaked = scope
        os.environ["R4V_LEAKED"] = scope
        pd.set_option("display.max_rows", 3)
        if fail:
            raise RuntimeError("chapter " + scope + " fails")
        """)
        ),
    ]
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
@pytest.mark.xdist_group("build")
def test_reused_kernel_gives_each_chapter_a_clean_state(tmp_path):
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from helpers.batch.executor import KernelPool, register_engine

    engine = register_engine()
    notebook = _notebook(tmp_path / "t.ipynb")

    def run(scope, fail=False):
        nb = papermill.execute_notebook(
            str(notebook),
            str(tmp_path / f"{scope}.ipynb"),
            parameters={"scope": scope, "fail": fail},
            engine_name=engine,
            kernel_name="r4v-report",
            progress_bar=False,
        )
        text = "".join(o["text"] for o in nb.cells[-1].outputs if o.output_type == "stream")
        return json.loads(text), nb

    started = KernelPool.started
    first, _ = run("A")
    ((_, client),) = KernelPool._kernels.values()  # kept with its kernel, connected
    assert client is not None and client.channels_running
    second, nb = run("B")
    assert second["pid"] == first["pid"], "the kernel was not reused"
    ((_, again),) = KernelPool._kernels.values()
    assert again is client  # nor a new client: each new one waited for IOPub (up to 0.2 s)
    assert KernelPool.started == started + 1
    clean = {"variable": False, "module_state": False, "environ": None, "pandas_option": 60}
    assert {k: first[k] for k in clean} == clean
    assert {k: second[k] for k in clean} == clean  # nothing of A is visible in B
    assert nb.cells[-1].execution_count == 3  # numbered as in a fresh kernel

    with pytest.raises(PapermillExecutionError, match="chapter C fails"):
        run("C", fail=True)
    after_failure, _ = run("D")  # a kernel that failed a chapter is replaced
    assert after_failure["pid"] != first["pid"]
    assert {k: after_failure[k] for k in clean} == clean
    KernelPool.shutdown_all()


# ---------------------------------------------------------------- the real notebook


def _need_notebook():
    if not CHAPTER_NOTEBOOK.is_file():
        pytest.fail(f"{CHAPTER_NOTEBOOK} is missing: the chapter template is needed")


@pytest.mark.slow
@pytest.mark.xdist_group("build")
def test_cli_builds_chapters_with_the_notebook(sample_copy, tmp_path, capsys):
    _need_notebook()
    out = tmp_path / "reports"
    code = main(
        [
            "build",
            "--data",
            str(sample_copy),
            "--out",
            str(out),
            "--jobs",
            "2",
            "--only",
            "region",
            "caribbean",
            "ABW",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    for scope in ("region", "caribbean", "ABW"):
        for ext in ("html", "csv", "json", "pdf"):  # the command prints PDFs by default
            assert (out / f"{scope}.{ext}").stat().st_size > 0
    assert (out / "book.pdf").is_file()
    assert "3 built" in captured.out
    assert (
        main(
            [
                "build",
                "--data",
                str(sample_copy),
                "--out",
                str(out),
                "--only",
                "region",
                "caribbean",
                "ABW",
            ]
        )
        == 0
    )
    assert "3 unchanged" in capsys.readouterr().out


def _break_one_chapter(folder: Path, scope: str) -> None:
    """A narrative whose text passes the loader's checks (known placeholder names) but
    cannot be filled: a format the figure cannot take. Only that chapter can fail."""
    path = folder / "narratives" / f"{scope}.md"
    path.write_text(
        "## Situation\nReached: {reached:%Q}.\n\n## Response\nText.\n", encoding="utf-8"
    )


@pytest.mark.slow
@pytest.mark.xdist_group("build")
def test_a_broken_chapter_is_named_and_the_others_are_built(
    sample_copy, tmp_path, capsys, tree_digest
):
    _need_notebook()
    _break_one_chapter(sample_copy, "PER")
    out = tmp_path / "reports"
    before = tree_digest(sample_copy)
    code = main(
        [
            "build",
            "--data",
            str(sample_copy),
            "--out",
            str(out),
            "--jobs",
            "2",
            "--only",
            "PER",
            "ECU",
            "ABW",
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "chapter 'PER' (Peru) failed" in err and "ValueError" in err
    assert (out / "ECU.html").is_file() and (out / "ABW.html").is_file()
    assert not (out / "PER.html").exists()
    assert tree_digest(sample_copy) == before


@pytest.mark.slow
@pytest.mark.xdist_group("build")
def test_a_chapter_raising_in_the_notebook_is_named_with_its_cell(sample_copy, tmp_path):
    """The template itself raises for one scope: that chapter fails with the cell's error,
    the others are built, the exit status is 1."""
    import nbformat

    _need_notebook()
    nb = nbformat.read(CHAPTER_NOTEBOOK, as_version=4)
    tagged = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(
        tagged + 2,
        nbformat.v4.new_code_cell(
            'if scope == "ECU":\n    raise ZeroDivisionError("ECU cannot be divided")'
        ),
    )
    template = tmp_path / "broken-chapter.ipynb"
    nbformat.write(nb, template)
    report = build(
        BuildOptions(
            data=sample_copy,
            out=tmp_path / "reports",
            jobs=2,
            only=["ECU", "PER"],
            template=template,
            progress=False,
        )
    )
    assert report.exit_code == 1
    (failed,) = report.failed
    assert failed.scope == "ECU"
    assert failed.error == "ZeroDivisionError: ECU cannot be divided"
    assert failed.cell == tagged + 2 + 1  # papermill's injected-parameters cell comes first
    assert (tmp_path / "reports" / "PER.html").is_file()


@pytest.mark.slow
@pytest.mark.xdist_group("build")
def test_one_worker_starts_one_kernel_for_all_its_chapters(sample_copy, tmp_path):
    _need_notebook()
    report = build(
        BuildOptions(
            data=sample_copy,
            out=tmp_path / "reports",
            jobs=1,
            only=["ABW", "CUW", "GUY"],
            progress=False,
        )
    )
    assert report.exit_code == 0
    assert report.kernels_started == 1
