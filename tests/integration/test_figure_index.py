"""The figure index in docs/methodology.md: every figure a page prints is in it, and every
function and test it names exists, so a reader goes from a number to its rule and test in
one hop."""

from __future__ import annotations

import importlib
import re

import pytest

from helpers.chapter.build import build_chapter
from helpers.figures.analysis import Analysis
from helpers.present import render

ROW = re.compile(r"^\|([^|]+)\|\s*`([^`]+)`\s*\|([^|]+)\|([^|]+)\|\s*$")
REF = re.compile(r"`([\w/]+\.py)::([\w.]+)`")


@pytest.fixture(scope="module")
def index(project_root) -> dict[str, tuple[str, str]]:
    """{key: (function column, test column)} of the figure index table."""
    text = (project_root / "docs" / "methodology.md").read_text(encoding="utf-8")
    section = text.split("## Figure index", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        m = ROW.match(line)
        if m and m.group(2) != "key":
            rows[m.group(2)] = (m.group(3), m.group(4))
    assert rows, "the figure index table was not found"
    return rows


@pytest.fixture(scope="module")
def printed_keys(sample_dataset) -> set[str]:
    """Every `data-figure` key the sections print, for the region, a sub-regional
    platform and a country of the sample."""
    analysis = Analysis(sample_dataset)
    keys: set[str] = set()
    for scope in ("region", "caribbean", "COL"):
        chapter = build_chapter(analysis, scope)
        for section in render.SECTIONS:
            keys |= set(re.findall(r'data-figure="([^"]+)"', render.section_html(chapter, section)))
    return keys


def test_every_printed_figure_is_in_the_index(index, printed_keys):
    missing = sorted(printed_keys - set(index))
    assert not missing, f"figures printed but not in docs/methodology.md's index: {missing}"


def test_the_index_lists_no_figure_that_is_never_printed(index, printed_keys):
    assert sorted(set(index) - printed_keys) == []


def test_every_function_in_the_index_exists(index):
    for key, (functions, _) in index.items():
        refs = REF.findall(functions)
        assert refs, f"{key}: no function named"
        for path, name in refs:
            module = importlib.import_module(
                "helpers." + path.removesuffix(".py").replace("/", ".")
            )
            obj = module
            for part in name.split("."):
                obj = getattr(obj, part)  # AttributeError names what is missing


def test_every_test_in_the_index_exists(index, project_root):
    for key, (_, tests) in index.items():
        refs = REF.findall(tests)
        assert refs, f"{key}: no test named"
        for path, name in refs:
            source = (project_root / "tests" / path).read_text(encoding="utf-8")
            assert re.search(rf"^def {name}\(", source, re.MULTILINE), f"{key}: {path}::{name}"
