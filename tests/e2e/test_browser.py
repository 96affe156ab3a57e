"""The built pages in a real browser (headless Chromium through Playwright): the index,
every chapter and every annex load without console errors, every image is drawn, every
local link and anchor resolves, in the pages and in their PDFs; no page scrolls sideways
on a phone (390 px) or a desktop (1366 px); axe-core finds no WCAG 2 A/AA violation; a
country chapter prints on at most 3 A4 pages, the region's on at most 4 (CHAPTER.md).
Screenshots go to test-artifacts/."""

from __future__ import annotations

import functools
import http.server
import io
import threading
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS  # tests/e2e/chromium.py
from pdf_structure import tag_problems  # tests/e2e/pdf_structure.py
from pypdf import PdfReader

from helpers.core.geography import COUNTRIES, REGION, chapter_scopes

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCOPES = chapter_scopes()  # every page of the built publication
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (390, 1366)  # a phone, a desktop
NARROWEST = 360  # the narrowest phone the pages are laid out for
MAX_PDF_PAGES = {REGION: 4, **{iso3: 3 for iso3 in COUNTRIES}}  # CHAPTER.md, section 1
EDITIONS = ("es", "pt")  # the sample's other editions, in their folders

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.xdist_group("publication"),
]


@pytest.fixture(scope="module")
def site(sample_publication) -> Path:
    """The sample publication, as built once for the end-to-end checks."""
    return sample_publication


@pytest.fixture(scope="module")
def server(site):
    """The reports folder over loopback HTTP, as a reviewer's web server would serve it."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: `make test` installs Debian's Chromium (its "
            "`browser` target runs apt-get install chromium-headless-shell); the browser "
            "test does not skip"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _open(browser, url: str, shot: str):
    """Open a page; return (page, console errors, page errors). Saves a screenshot."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console, errors, failed = [], [], []

    def on_console(message):
        # A browser asks every site for /favicon.ico on its own: not the page's request.
        if message.type == "error" and not str(message.location.get("url", "")).endswith(
            "/favicon.ico"
        ):
            console.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(r.url))
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=True)
    return page, console, errors + [f"request failed: {u}" for u in failed]


def _check_page(page, site: Path, base_url: str) -> list[str]:
    """Problems on a loaded page: images not drawn, local links to missing files or
    anchors. External links are not followed (no network); there should be none to
    resources anyway."""
    problems = []
    images = page.eval_on_selector_all(
        "img",
        "els => els.map(e => [e.getAttribute('alt') || e.src.slice(0, 60), "
        "e.complete, e.naturalWidth])",
    )
    for alt, complete, width in images:
        if not complete or width <= 0:
            problems.append(f"image not drawn: {alt}")
    ids = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    for href in hrefs:
        target = urlsplit(urljoin(page.url, href))
        if (
            target.scheme not in ("http", "https", "file")
            or not target.netloc.startswith("127.0.0.1")
            and target.scheme != "file"
        ):
            continue  # mailto: or an external site named in an analyst's text
        path = unquote(target.path).lstrip("/") or "index.html"
        if not (site / path).is_file():
            problems.append(f"link to a missing file: {href}")
            continue
        if target.fragment:
            if path == urlsplit(page.url).path.lstrip("/") or (
                path == "index.html" and urlsplit(page.url).path in ("", "/")
            ):
                present = target.fragment in ids
            else:
                text = (site / path).read_text(encoding="utf-8")
                present = f'id="{target.fragment}"' in text or f"id='{target.fragment}'" in text
            if not present:
                problems.append(f"link to a missing anchor: {href}")
    return problems


def test_index_loads_clean_and_every_link_resolves(browser, server, site):
    page, console, errors = _open(browser, server + "index.html", "index")
    assert console == [] and errors == []
    assert _check_page(page, site, server) == []
    links = page.eval_on_selector_all(
        "a[href$='.html']", "els => els.map(e => e.getAttribute('href'))"
    )
    assert sorted(set(links)) == sorted(
        [f"{s}.html" for s in chapter_scopes()]
        + [f"{s}-annex.html" for s in chapter_scopes()]
        + ["es/index.html", "pt/index.html"]  # the language switch
    )
    rows = page.locator("tbody tr:not(.group)").count()
    assert rows == 21  # every chapter listed, built or not
    assert "Synthetic data" in page.inner_text("body")


@pytest.mark.parametrize("scope", SCOPES)
def test_chapter_page_loads_clean(browser, server, site, scope):
    page, console, errors = _open(browser, server + f"{scope}.html", f"chapter-{scope}")
    assert console == [] and errors == []
    assert page.locator("figure.chart svg[role=img]").count() > 0
    assert _check_page(page, site, server) == []


def test_pages_work_from_the_file_system_too(browser, site):
    page, console, errors = _open(browser, (site / "index.html").as_uri(), "index-file")
    assert console == [] and errors == []
    first = page.locator("a[href='ABW.html']").first
    first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/ABW.html")
    broken = page.eval_on_selector_all(
        "img", "els => els.filter(e => !e.complete || e.naturalWidth === 0).length"
    )
    assert broken == 0


# ---------------------------------------------------------------- every page, two widths


def _pages(site: Path) -> list[str]:
    """The index, then every chapter and annex page the build wrote, then the other
    editions' index, regional and Colombian pages (their words are longer)."""
    english = sorted(p.name for p in site.glob("*.html") if p.name != "index.html")
    others = [
        f"{lang}/{name}"
        for lang in EDITIONS
        for name in ("index.html", "region.html", "region-annex.html", "COL.html")
    ]
    return ["index.html", *english, *others]


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE.is_file():
        pytest.fail(
            f"{AXE} is missing: run `npm ci` in the project folder (`make test` does it, "
            "from package-lock.json); the browser test does not skip"
        )
    return AXE


_AXE_RUN = """async () => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}});
  return r.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ` +
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
}"""


@pytest.fixture(scope="module")
def audit(browser, server, site, axe_script):
    """A function: width -> {page: (page width in px, axe violations)}, each page opened
    once per width (with a screenshot), the page's CSP bypassed to inject axe-core."""

    @functools.cache
    def at(width: int) -> dict[str, tuple[int, list[str]]]:
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        page = context.new_page()
        found = {}
        ARTIFACTS.mkdir(exist_ok=True)
        try:
            for name in _pages(site):
                page.goto(server + name, wait_until="load")
                scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
                page.screenshot(
                    path=str(ARTIFACTS / f"w{width}-{name.replace('/', '-')[:-5]}.png"),
                    full_page=True,
                )
                page.add_script_tag(path=str(axe_script))
                found[name] = (scroll_width, page.evaluate(_AXE_RUN))
        finally:
            context.close()
        return found

    return at


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(audit, width):
    wide = {name: w for name, (w, _) in audit(width).items() if w > width}
    assert wide == {}, f"pages wider than the {width} px window (page: its width in px)"


def test_no_page_scrolls_sideways_on_the_narrowest_phone(browser, server, site):
    """CHAPTER.md's narrowest phone (360 px): page widths only, no screenshots or axe."""
    context = browser.new_context(viewport={"width": NARROWEST, "height": 800})
    page = context.new_page()
    wide = {}
    try:
        for name in _pages(site):
            page.goto(server + name, wait_until="load")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > NARROWEST:
                wide[name] = width
    finally:
        context.close()
    assert wide == {}, f"pages wider than the {NARROWEST} px window (page: its width in px)"


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_wcag_a_or_aa_violations(audit, width):
    violations = {name: v for name, (_, v) in audit(width).items() if v}
    assert violations == {}


def test_annex_pages_load_clean(browser, server, site):
    annexes = sorted(p.name for p in site.glob("*-annex.html"))
    assert len(annexes) == len(SCOPES)  # every chapter has its technical annex
    problems = []
    for name in annexes:
        page, console, errors = _open(browser, server + name, f"annex-{Path(name).stem}")
        problems += [f"{name}: {p}" for p in console + errors + _check_page(page, site, server)]
        page.context.close()
    assert problems == []


# ---------------------------------------------------------------- the PDFs


def _pdf(path: Path) -> PdfReader:
    return PdfReader(io.BytesIO(path.read_bytes()))


def test_every_page_has_its_pdf_and_the_book_holds_every_chapter(site):
    pages = [p for p in site.glob("*.html") if p.name != "index.html"]
    missing = [p.name for p in pages if not p.with_suffix(".pdf").is_file()]
    assert missing == []
    chapters = sum(len(_pdf(site / f"{s}.pdf").pages) for s in SCOPES)
    assert len(_pdf(site / "book.pdf").pages) == 2 + chapters  # cover, contents, chapters


@pytest.mark.parametrize("folder", ["", *(f"{lang}/" for lang in EDITIONS)])
def test_chapter_pdf_fits_its_pages(site, folder):
    """In every edition: Spanish and Portuguese run longer than English."""
    pages = {s: len(_pdf(site / f"{folder}{s}.pdf").pages) for s in MAX_PDF_PAGES}
    over = {s: n for s, n in pages.items() if n > MAX_PDF_PAGES[s]}
    assert over == {}, f"{folder or 'en/'}: chapters longer than CHAPTER.md allows (A4 pages)"


def _pdf_link_problems(path: Path) -> list[str]:
    """Links of a PDF that lead nowhere: a relative link to a missing file or anchor, a
    jump to a page the PDF does not have, or an absolute link to a local file."""
    reader = _pdf(path)
    page_ids = {p.indirect_reference.idnum for p in reader.pages}
    problems = []
    for number, page in enumerate(reader.pages, 1):
        for ref in page.get("/Annots") or []:
            action = ref.get_object().get("/A")
            if action is None:
                continue
            action = action.get_object()
            if action.get("/S") == "/GoTo":
                dest = action["/D"]
                if not isinstance(dest, str) and dest[0].idnum not in page_ids:
                    problems.append(f"{path.name} p.{number}: jump to a page it does not have")
                continue
            uri = str(action.get("/URI", ""))
            target = urlsplit(uri)
            if target.scheme in ("http", "https", "mailto"):
                continue
            if target.scheme or uri.startswith("/"):
                problems.append(f"{path.name} p.{number}: absolute local link {uri}")
                continue
            name = unquote(target.path)
            here = path.parent  # an edition's PDFs link from their folder
            if not (here / name).is_file():
                problems.append(f"{path.name} p.{number}: link to a missing file {uri}")
            elif target.fragment:
                source = here / (name[:-4] + ".html" if name.endswith(".pdf") else name)
                text = source.read_text(encoding="utf-8") if source.suffix == ".html" else ""
                if f'id="{target.fragment}"' not in text:
                    problems.append(f"{path.name} p.{number}: link to a missing anchor {uri}")
    return problems


def test_every_book_is_tagged_as_its_chapters_are(site):
    books = [site / "book.pdf", *sorted(site.glob("[a-z][a-z]/book.pdf"))]
    assert len(books) == 1 + len(EDITIONS)
    assert {b.parent.name: tag_problems(_pdf(b)) for b in books} == {
        b.parent.name: [] for b in books
    }


def test_every_link_of_every_pdf_resolves(site):
    problems = []
    for path in sorted(site.glob("*.pdf")) + sorted(site.glob("[a-z][a-z]/*.pdf")):
        problems += _pdf_link_problems(path)
    assert problems == []


def test_every_pdf_claims_pdf_ua_1(site):
    """Typst checks PDF/UA-1 as it writes (alt text, headings, tables, language) and
    claims it in the XMP metadata; a page it found short of it would be written without
    the claim (present/typeset.py), which no page of the sample may be."""
    pdfs = sorted(site.glob("*.pdf")) + sorted(site.glob("[a-z][a-z]/*.pdf"))
    assert len(pdfs) == 3 * (2 * len(SCOPES) + 1)  # chapters, annexes, books
    unclaimed = [
        p.relative_to(site).as_posix() for p in pdfs if b"<pdfuaid:part>1<" not in p.read_bytes()
    ]
    assert unclaimed == []
