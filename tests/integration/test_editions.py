"""Editions of a chapter's pages: the Spanish and Portuguese pages print the figures of
`r4v-report figures` in their locale, are written in their language, say which one, and
link the other editions. Expected values written by hand from the sample."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from helpers.chapter.build import build_chapter
from helpers.present import render

COMMON_ENGLISH = {"the", "and", "of", "people", "reached", "with", "by", "in", "not", "are"}


@pytest.fixture(scope="module")
def col_pages(sample_dataset, tmp_path_factory):
    out = tmp_path_factory.mktemp("editions")
    chapter = build_chapter(sample_dataset, "COL")
    return render.write_publication(chapter, out), out


class _Text(HTMLParser):
    """The page's own words: text outside names marked translate="no" or in another
    language than the page's, and outside style and title."""

    def __init__(self, lang):
        super().__init__()
        self.lang, self.stack, self.words = lang, [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        skip = (
            tag in ("style", "title", "svg", "code")
            or a.get("translate") == "no"
            or (a.get("lang") not in (None, self.lang) and tag != "html")
        )
        if tag not in ("br", "meta", "link", "input", "img", "hr"):
            self.stack.append(skip)

    def handle_endtag(self, tag):
        if self.stack and tag not in ("br", "meta", "link", "input", "img", "hr"):
            self.stack.pop()

    def handle_data(self, data):
        if not any(self.stack):
            self.words += re.findall(r"[A-Za-zÀ-ÿ]+", data)


def test_files_of_every_edition(col_pages):
    paths, out = col_pages
    for name in (
        "COL.html",
        "COL-annex.html",
        "es/COL.html",
        "es/COL-annex.html",
        "pt/COL.html",
        "pt/COL-annex.html",
        "COL.csv",
        "COL.json",
    ):
        assert (out / name).is_file(), name
    assert not (out / "es" / "COL.csv").exists()  # exports once, at the top


@pytest.mark.parametrize(("lang", "reached"), [("en", "9,000"), ("es", "9.000"), ("pt", "9.000")])
def test_people_reached_in_the_edition_format(col_pages, lang, reached):
    _, out = col_pages
    page = (out / render.edition_path(lang, "COL.html")).read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in page
    assert f'data-figure="reached" data-kind="people" data-value="9000">{reached}</span>' in page


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("name", ["COL.html", "COL-annex.html"])
def test_switch_links_existing_pages_and_exports(col_pages, lang, name):
    _, out = col_pages
    page = out / lang / name
    html = page.read_text(encoding="utf-8")
    switch = re.search(r'<nav class="editions".*?</nav>', html, re.S)[0]
    links = re.findall(r'href="([^"]+)"', switch)
    assert sorted(links) == sorted([f"../{name}", f"../{'pt' if lang == 'es' else 'es'}/{name}"])
    for href in [*links, "../COL.csv", "../COL.json"]:
        assert (page.parent / href).resolve().is_file(), href
    assert 'href="../COL.csv"' in html
    assert 'href="../index.html"' in html  # the one index, at the top


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_few_english_words_in_the_edition(col_pages, lang):
    _, out = col_pages
    parser = _Text(lang)
    parser.feed((out / lang / "COL.html").read_text(encoding="utf-8"))
    words = [w.lower() for w in parser.words]
    english = [w for w in words if w in COMMON_ENGLISH]
    assert len(words) > 300
    assert len(english) / len(words) < 0.02, english[:40]
