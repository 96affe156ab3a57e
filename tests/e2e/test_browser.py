"""The built pages in a real browser (headless Chromium through Playwright): the index and
three chapters (region, a platform, a country) load without console errors, every image
is drawn, every local link and anchor resolves. Screenshots go to test-artifacts/."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from helpers.core.geography import chapter_scopes

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCOPES = chapter_scopes()  # every page of the built publication

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
            f"{CHROMIUM} is missing: `make test` installs Debian's chromium (its "
            "`browser` target runs apt-get install chromium); the browser test does "
            "not skip"
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
        [f"{s}.html" for s in chapter_scopes()] + [f"{s}-annex.html" for s in chapter_scopes()]
    )
    rows = page.locator("tbody tr:not(.group)").count()
    assert rows == 21  # every chapter listed, built or not
    assert "Synthetic data" in page.inner_text("body")


@pytest.mark.parametrize("scope", SCOPES)
def test_chapter_page_loads_clean(browser, server, site, scope):
    page, console, errors = _open(browser, server + f"{scope}.html", f"chapter-{scope}")
    assert console == [] and errors == []
    assert page.locator("img").count() > 0
    assert _check_page(page, site, server) == []


def test_pages_work_from_the_file_system_too(browser, site):
    page, console, errors = _open(browser, (site / "index.html").as_uri(), "index-file")
    assert console == [] and errors == []
    first = page.locator("a[href='ABW.html']")
    first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/ABW.html")
    broken = page.eval_on_selector_all(
        "img", "els => els.filter(e => !e.complete || e.naturalWidth === 0).length"
    )
    assert broken == 0
