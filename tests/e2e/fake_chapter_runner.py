"""A stand-in for `helpers.batch.runner.execute_chapter` (same signature): the build's
workers import it by name (`fake_chapter_runner:execute_chapter`, with this folder on
sys.path: the `fake_runner` fixture of tests/e2e/conftest.py) to run the build machinery
fast, without a notebook. Not a test module, and no test module imports it."""

from __future__ import annotations

import html
import json
import os
import time
from pathlib import Path


def execute_chapter(
    scope,
    *,
    data,
    sector,
    out_dir,
    exact=False,
    kernel_name="r4v-report",
    timeout=600,
    snapshot=None,
    languages=None,
):
    """Reads the build's snapshot as the notebook does and writes
    `<scope>.html/.csv/.json`, and with $R4V_FAKE_EDITIONS set `<lang>/<scope>.html` for
    each other edition of `languages`. Fails for scopes in $R4V_FAKE_FAIL; sleeps
    $R4V_FAKE_SLEEP seconds (to be killed mid-run)."""
    from helpers.figures.analysis import Analysis
    from helpers.inputs.snapshot import load_cached

    if scope in os.environ.get("R4V_FAKE_FAIL", "").split(","):
        raise ValueError(f"fake failure in {scope}")
    time.sleep(float(os.environ.get("R4V_FAKE_SLEEP", "0")))
    ds = load_cached(data, sector=sector, scope=scope, entry=snapshot)
    figures = Analysis(ds, sector).scope_figures(scope)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{scope}.html").write_text(
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{scope}</title>"
        f"</head><body><h1 id='top'>{html.escape(ds.name)}: {scope}</h1>"
        f"<p>{figures['reached']['total']:.0f} reached</p></body></html>",
        encoding="utf-8",
    )
    (out / f"{scope}.json").write_text(json.dumps({"key_figures": figures}), encoding="utf-8")
    (out / f"{scope}.csv").write_text(
        f"scope,reached\n{scope},{figures['reached']['total']}\n", encoding="utf-8"
    )
    if os.environ.get("R4V_FAKE_EDITIONS"):
        for lang in languages or ():
            if lang != "en":
                (out / lang).mkdir(exist_ok=True)
                (out / lang / f"{scope}.html").write_text(
                    f"<!DOCTYPE html><html lang='{lang}'><title>{scope}</title></html>",
                    encoding="utf-8",
                )
    return figures
