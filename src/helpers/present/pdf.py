"""HTML pages to PDF (headless Chromium through Playwright), and the book of a build.

A page prints as the reader's browser would print it: A4, the page's own `@page` rules
first (`prefer_css_page_size`), backgrounds, "page X of Y" in the footer, tagged, with
an outline from its headings. A fallback print stylesheet keeps headings with what
follows where the page says nothing about it. Links between pages are rewritten from
the temporary folder the page was printed in to relative links (`COL.html` becomes
`COL.pdf`, the index stays `index.html`), so a PDF works wherever the folder goes.

Starting Chromium costs about a second, so each process (each thread, on a Dask worker)
starts one browser the first time it prints and reuses it for every page; it is closed
when the process exits.

The book (`book.pdf`) is a cover and a table of contents, printed from HTML, followed by
every chapter's PDF (not the annexes) in index order, merged with pikepdf (qpdf): the
contents give each chapter's first page and link to it, the book's outline nests each
platform's countries under it, the chapters' own links (footnotes, sections) still lead
where they did, and their tags are the book's, so it reads aloud as they do.
"""

from __future__ import annotations

import atexit
import contextlib
import html
import importlib.util
import io
import os
import posixpath
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from ..core import geography
from ..core.errors import InputError
from ..core.files import write_atomic
from ..core.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, edition, gettext, language
from ..core.paths import INDEX_NAME
from ..core.sectors import sector_title
from ..inputs.manifest import DEFAULT_SECTOR

# Debian's headless shell first: Chromium's old headless mode, the one Playwright's own
# headless runs, prints the same tagged PDF as the full browser's headless mode for about
# a third less CPU (0.1 s instead of 0.35 s for an empty page, measured by hand); the
# full browser where only it is installed.
BROWSERS = (Path("/usr/bin/chromium-headless-shell"), Path("/usr/bin/chromium"))


def find_chromium(environ=os.environ) -> Path:
    """`$R4V_CHROMIUM`, else the first of `BROWSERS` installed (the first when none is, so
    that the error names what `make browser` installs)."""
    if environ.get("R4V_CHROMIUM"):
        return Path(environ["R4V_CHROMIUM"])
    return next((b for b in BROWSERS if b.is_file()), BROWSERS[0])


CHROMIUM = find_chromium()
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
BOOK_NAME = "book.pdf"
# Links of the book's contents: rewritten into jumps to a page of the book after merging.
_BOOK_LINK = "https://book.r4v.invalid/page/"

# Inserted before the page's own styles, so that a page's rules win over these.
PRINT_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
@media print {
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
  h1, h2, h3, h4, h5, h6 { break-inside: avoid; }
  figure, img, svg, tr, .key-figures { break-inside: avoid; }
  p { orphans: 3; widows: 3; }
}
"""

# Chromium draws these in the page margins; its default font size there is 0.
FOOTER = (
    '<div style="font-size:7.5pt;width:100%;margin:0 15mm;color:#555;'
    'font-family:sans-serif;display:flex;justify-content:space-between">'
    '<span style="overflow:hidden;white-space:nowrap;text-overflow:ellipsis;'
    'max-width:75%">{label}</span>'
    "<span>{page_x_of_y}</span>"
    "</div>"
)
# Chromium fills the spans in; the words around them are the edition's.
PAGE_X_OF_Y = N_("page %(page)s of %(pages)s")
BOOK_TITLE = N_("%(sector)s — RMRP %(years)s end-year report")
BOOK_TITLE_NO_PERIOD = N_("%(sector)s — RMRP end-year report")
MARGINS = {"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"}


class BrowserMissing(InputError):
    """Chromium (or Playwright) is not installed: the user fixes it, not a bug."""


def check_browser() -> None:
    """Raise BrowserMissing, naming `make browser`, when PDFs cannot be printed here."""
    if not CHROMIUM.is_file():
        raise BrowserMissing(
            "headless Chromium is needed to write PDFs and is not installed: run "
            "`make browser` (apt-get install chromium-headless-shell), or build without PDFs "
            "(--no-pdf)",
            file=CHROMIUM,
        )
    # found, not imported: importing Playwright's API costs a third of a second, which a
    # rebuild with nothing to print would pay for nothing
    if importlib.util.find_spec("playwright") is None:
        raise BrowserMissing(
            "Playwright is needed to write PDFs and is not installed: run `make reports` "
            "(it installs the project's dependencies), or build without PDFs (--no-pdf)"
        )


# ---------------------------------------------------------------- the browser, one per process


@dataclass
class _Printer:
    """A thread's browser and the one tab it prints every page in: opening a context and a
    tab costs about as much as printing a chapter's page, so they are made once."""

    playwright: object
    browser: object
    tab: object = None
    printed: int = 0

    def page(self):
        """The tab, fresh after `_PAGES_PER_TAB` pages (a long build's tab grows)."""
        if self.tab is not None and (self.printed >= _PAGES_PER_TAB or self.tab.is_closed()):
            _close_quietly(self.tab.context.close)
            self.tab = None
        if self.tab is None:
            self.tab = self.browser.new_context(bypass_csp=True).new_page()
            self.printed = 0
        self.printed += 1
        return self.tab


# {thread: _Printer} of this process. A process pool's worker prints in its main thread
# only: one browser per worker. Playwright's synchronous objects belong to the thread that
# made them, so a Dask worker, which runs tasks in threads, gets one per thread.
_browsers: dict[int, _Printer] = {}
_pid = os.getpid()  # a forked child inherits the dict, not the browsers: it starts its own
_registered = False  # close_browser registered to run at this process's exit
_PAGES_PER_TAB = 200  # a tab prints this many pages, then a fresh one takes over


def _get_printer() -> _Printer:
    global _pid, _registered
    if _pid != os.getpid():
        _browsers.clear()
        _pid, _registered = os.getpid(), False
    thread = threading.get_ident()
    if thread in _browsers:
        if _browsers[thread].browser.is_connected():
            return _browsers[thread]
        close_browser()  # it crashed: stop its driver, start another
    check_browser()
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        browser = _launch(pw)
    except BaseException:
        pw.stop()
        raise
    if not _registered:
        atexit.register(close_browser)
        # Worker processes of multiprocessing skip atexit; they run these finalizers.
        from multiprocessing.util import Finalize

        Finalize(None, close_browser, exitpriority=90)
        _registered = True
    _browsers[thread] = _Printer(pw, browser)
    return _browsers[thread]


@contextlib.contextmanager
def _session():
    """A browser for this thread only, closed after."""
    check_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = _launch(pw)
        try:
            yield browser
        finally:
            browser.close()


def _launch(pw):
    from playwright.sync_api import Error

    try:
        return pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Error as exc:
        raise BrowserMissing(
            f"Chromium would not start ({str(exc).splitlines()[0]}): run `make browser`",
            file=CHROMIUM,
        ) from exc


def close_browser() -> None:
    """Close this thread's browser, if it started one (safe to call twice)."""
    if _pid != os.getpid():
        return  # a forked child's copy of its parent's: not its to close
    printer = _browsers.pop(threading.get_ident(), None)
    if printer is not None:
        _close_quietly(printer.browser.close)
        _close_quietly(printer.playwright.stop)


def _close_quietly(close) -> None:
    try:
        close()
    except Exception:  # the browser already gone: nothing left to close
        pass


# ---------------------------------------------------------------- printing


def pdf_name(page: str) -> str:
    """`COL.html` -> `COL.pdf`."""
    return re.sub(r"\.html?$", "", page) + ".pdf"


def pages_to_print(folder: Path) -> list[Path]:
    """The pages of a folder that get a PDF: every `*.html` except the index, the
    editions' `<lang>/` pages included."""
    pages = list(Path(folder).glob("*.html"))
    for lang in LANGUAGES:
        pages.extend(Path(folder, lang).glob("*.html"))
    return sorted(p for p in pages if p.name != INDEX_NAME)


def footer_template(label: str) -> str:
    """The footer Chromium prints on every page: the label and "page X of Y" in the active
    edition."""
    return FOOTER.format(
        label=html.escape(label),
        page_x_of_y=gettext(
            PAGE_X_OF_Y,
            page='<span class="pageNumber"></span>',
            pages='<span class="totalPages"></span>',
        ),
    )


def page_language(head: str) -> str:
    """The edition a page is written in, from its `<html lang>` (the source language when
    it names none this project writes)."""
    found = re.search(r"<html[^>]*\blang=\"([a-z]{2})", head, re.I)
    lang = found.group(1).lower() if found else SOURCE_LANGUAGE
    return lang if lang in LANGUAGES else SOURCE_LANGUAGE


def _relative(uri: str, base: str, here: str = "") -> str | None:
    """A link into the folder `base` as a link beside the PDF, or None for other links.
    Pages become their PDFs (`COL.html#x` -> `COL.pdf#x`); the index stays HTML."""
    if not uri.startswith(base):
        return None
    rest = uri[len(base) :]
    path, sep, fragment = rest.partition("#")
    if path.endswith(".html") and path.rsplit("/", 1)[-1] != INDEX_NAME:
        path = pdf_name(path)
    if here:  # a page in an edition's folder: the link from there
        path = posixpath.relpath(path or ".", here.rstrip("/"))
    return path + sep + fragment


_URI_STRING = re.compile(rb"/URI\s*\(((?:[^()\\]|\\.)*)\)", re.DOTALL)
_PDF_ESCAPES = {b"\\": b"\\\\", b"(": b"\\(", b")": b"\\)"}  # backslash first


def _relink_in_place(pdf: bytes, base: str, here: str = "") -> bytes | None:
    """`relink` without a PDF library, for the PDFs Chromium prints: each `/URI (...)`
    literal string into `base` is overwritten by its relative link padded with spaces to
    the same length, so every byte offset (the xref table) stays right. Reading and
    writing the whole document (with pypdf) cost a third of a page's print time. None
    when the PDF is not of that plain shape (compressed object streams, escapes, or a
    link that would not fit): `relink` then does it with pikepdf."""
    if b"/ObjStm" in pdf or b"/Encrypt" in pdf:
        return None
    pieces, last = [], 0
    for found in _URI_STRING.finditer(pdf):
        raw = found.group(1)
        if b"\\" in raw:
            return None  # an escaped string: not worth decoding here
        try:
            uri = raw.decode("ascii")
        except UnicodeDecodeError:
            return None
        relative = _relative(uri, base, here)
        if relative is None:
            continue
        try:
            text = relative.encode("ascii")
        except UnicodeEncodeError:
            return None
        for char, escaped in _PDF_ESCAPES.items():
            text = text.replace(char, escaped)
        if len(text) > len(raw):
            return None
        start, end = found.span(1)
        pieces += [pdf[last:start], text, b")", b" " * (len(raw) - len(text))]
        last = end + 1  # past the closing parenthesis
    if not pieces:
        return pdf
    pieces.append(pdf[last:])
    return b"".join(pieces)


def relink(pdf: bytes, base: str, *, book: bool = False, here: str = "") -> bytes:
    """The PDF with its links into `base` made relative (see `_relative`) and, for the
    book, its `_BOOK_LINK` links (`.../page/N`) turned into jumps to its own page N. The
    rest (tags, outline) is kept."""
    if not book:
        done = _relink_in_place(pdf, base, here)
        if done is not None:
            return done
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        if not _relink_document(document, base, book=book, here=here):
            return pdf
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def _relink_document(document, base: str, *, book: bool = False, here: str = "") -> bool:
    """`relink` on a pikepdf document's pages, in place; whether any link changed."""
    import pikepdf

    changed = False
    for page in document.pages:
        for annot in page.obj.get("/Annots", ()):
            action = annot.get("/A")
            if action is None or "/URI" not in action:
                continue
            uri = str(action.URI)
            if book and uri.startswith(_BOOK_LINK):
                target = document.pages[int(uri[len(_BOOK_LINK) :]) - 1].obj
                annot.A = pikepdf.Dictionary(
                    S=pikepdf.Name.GoTo, D=pikepdf.Array([target, pikepdf.Name.Fit])
                )
                changed = True
                continue
            relative = _relative(uri, base, here)
            if relative is not None:
                action.URI = pikepdf.String(relative)
                changed = True
    return changed


def _print(url: str, footer: str | None, browser=None) -> bytes:
    """`url` as a PDF: in this thread's tab, or in a context of its own on `browser`."""
    context = browser.new_context(bypass_csp=True) if browser is not None else None
    try:
        page = context.new_page() if context is not None else _get_printer().page()
        page.goto(url, wait_until="load")
        page.evaluate(
            "css => { const s = document.createElement('style'); s.textContent = css;"
            " document.head.prepend(s); return document.fonts.ready.then(() => true); }",
            PRINT_CSS,
        )
        return page.pdf(
            format="A4",
            prefer_css_page_size=True,
            print_background=True,
            display_header_footer=footer is not None,
            header_template="<span></span>",
            footer_template=footer or "<span></span>",
            margin=MARGINS,
            tagged=True,
            outline=True,
        )
    finally:
        if context is not None:
            context.close()


def print_page(page: Path, target: Path | None = None) -> Path:
    """Print one HTML page to a PDF beside it (or `target`), written atomically."""
    page = Path(page).resolve()
    target = Path(target) if target is not None else page.with_name(pdf_name(page.name))
    head = page.read_text(encoding="utf-8", errors="replace")[:20000]
    with edition(page_language(head)):
        footer = footer_template(_title(head, page.stem))
    pdf = _print(page.as_uri(), footer)
    root, here = page.parent, ""
    if page.parent.name in LANGUAGES:  # an edition's page links up to the exports
        root, here = page.parent.parent, page.parent.name + "/"
    write_atomic(target, relink(pdf, root.as_uri() + "/", here=here))
    return target


def print_folder(folder: Path) -> list[Path]:
    """Print every page of a folder (see `pages_to_print`); the PDFs written."""
    return [print_page(p) for p in pages_to_print(folder)]


def _title(head: str, name: str) -> str:
    """The page's <title> from its head, for its footer (`name` when it has none)."""
    found = re.search(r"<title>(.*?)</title>", head, re.S | re.I)
    return html.unescape(" ".join(found.group(1).split())) if found else name


def page_count(pdf: Path | bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf) as document:
        return len(document.pages)


# ---------------------------------------------------------------- the book


@dataclass(frozen=True)
class BookEntry:
    scope: str
    name: str
    level: int  # 0: region and platforms; 1: a platform's countries
    pdf: Path


def book_order() -> list[tuple[str, int]]:
    """(scope, level) in index order: the region, then each platform followed by its
    countries (a national platform's chapter is its country's)."""
    order: list[tuple[str, int]] = [(geography.REGION, 0)]
    for pid, platform in geography.PLATFORMS.items():
        if platform.national:
            order.extend((iso3, 0) for iso3 in platform.countries)
        else:
            order.append((pid, 0))
            order.extend((iso3, 1) for iso3 in platform.countries)
    return order


def book_entries(folder: Path) -> list[BookEntry]:
    """The chapters of a folder that have a PDF, in book order."""
    # here, not at the top: a build imports this module, and a rebuild with nothing to
    # print must not pay for formatting's imports (pandas, Babel's locale data)
    from .formatting import chapter_name

    return [
        BookEntry(scope, chapter_name(scope), level, Path(folder) / f"{scope}.pdf")
        for scope, level in book_order()
        if (Path(folder) / f"{scope}.pdf").is_file()
    ]


def report_years(start: str | None, end: str | None) -> str:
    """The years the report is named by: `2023-01`..`2023-12` -> `2023`, across years
    `2023–2024` (a chapter's period, `formatting.period_label`, names months too)."""
    years = [str(v)[:4] for v in (start, end) if v]
    if not years:
        return ""
    return years[0] if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def book_title(build: dict) -> str:
    """The book's title in the active edition: the sector's and the report's names."""
    sector = sector_title(build.get("sector") or DEFAULT_SECTOR)
    years = report_years(build.get("period_start"), build.get("period_end"))
    if years:
        return gettext(BOOK_TITLE, sector=sector, years=years)
    return gettext(BOOK_TITLE_NO_PERIOD, sector=sector)


def front_matter_html(
    build: dict, entries: list[tuple[BookEntry, int]], *, synthetic: bool = False
) -> str:
    """The cover and the contents, one HTML page in the active edition; `entries` pairs
    each chapter with the book page it starts on."""
    title = html.escape(book_title(build))
    lines = []  # (class, text) under the title
    if build.get("dataset"):
        lines.append(("meta", gettext("Dataset: %(dataset)s", dataset=str(build["dataset"]))))
    if build.get("finished_at"):
        from .formatting import fmt_date  # here: it brings pandas, which a no-change rebuild skips

        built = fmt_date(build["finished_at"])
        lines.append(("meta", gettext("Built on %(date)s", date=built)))
    if synthetic:
        banner = gettext(
            "Synthetic data: every figure in this book comes from the synthetic sample "
            "dataset, not from real people or organisations."
        )
        lines.append(("banner", banner))
    cover = "\n".join(f'<p class="{kind}">{html.escape(text)}</p>' for kind, text in lines)
    contents = html.escape(gettext("Contents"))
    rows = []
    for entry, page in entries:
        rows.append(
            f'<li class="level-{entry.level}"><a href="{_BOOK_LINK}{page}">'
            f'<span class="name">{html.escape(entry.name)}</span>'
            f'<span class="page">{page}</span></a></li>'
        )
    return f"""<!DOCTYPE html>
<html lang="{language()}"><head><meta charset="utf-8"><title>{title}</title>
<style>
@page {{ size: A4; margin: 20mm 18mm; }}
body {{ font-family: sans-serif; color: #1a1a1a; }}
.cover {{ break-after: page; padding-top: 70mm; }}
.cover h1 {{ font-size: 26pt; line-height: 1.2; margin: 0 0 12mm; }}
.cover p {{ font-size: 13pt; margin: 0 0 4mm; }}
.banner {{ border: 1px solid #b00; color: #b00; padding: 3mm; display: inline-block; }}
h2 {{ font-size: 18pt; }}
ol {{ list-style: none; padding: 0; margin: 0; }}
li a {{ display: flex; justify-content: space-between; color: inherit;
        text-decoration: none; padding: 1.6mm 0; border-bottom: 1px dotted #999; }}
li.level-0 {{ font-weight: bold; margin-top: 2mm; }}
li.level-1 {{ padding-left: 8mm; font-weight: normal; }}
</style></head>
<body>
<section class="cover">
<h1>{title}</h1>
{cover}
</section>
<nav aria-labelledby="contents"><h2 id="contents">{contents}</h2>
<ol>
{chr(10).join(rows)}
</ol></nav>
</body></html>
"""


def write_book(folder: Path, build: dict, *, synthetic: bool = False) -> Path | None:
    """Write `book.pdf` in `folder` from the chapter PDFs there, in the caller's edition
    (None, and no book, when there are none)."""
    return write_books([(Path(folder), language())], build, synthetic=synthetic)[0]


def write_books(
    books: list[tuple[Path, str]], build: dict, *, synthetic: bool = False
) -> list[Path | None]:
    """Each (folder, language)'s `book.pdf`, in that edition: the paths written (None
    where a folder has no chapter PDFs). Runs in a thread of its own with one browser for
    every book, closed after: the build's process keeps no browser, a caller's asyncio
    loop (a notebook's, a test's Playwright) is never in the way of Playwright's
    synchronous API, and the editions' books pay for one browser, not one each."""
    from concurrent.futures import ThreadPoolExecutor

    def write_all() -> list[Path | None]:
        written: list[Path | None] = []
        browser = None
        with contextlib.ExitStack() as stack:
            for folder, lang in books:
                with edition(lang):  # the chapters' names too are the edition's
                    chapters = book_entries(folder)
                    if not chapters:
                        (folder / BOOK_NAME).unlink(missing_ok=True)
                        written.append(None)
                        continue
                    if browser is None:
                        browser = stack.enter_context(_session())
                    written.append(_write_book(folder, chapters, build, synthetic, browser))
        return written

    with ThreadPoolExecutor(1, thread_name_prefix="r4v-book") as pool:
        return pool.submit(write_all).result()


def _write_book(
    folder: Path, chapters: list[BookEntry], build: dict, synthetic: bool, browser
) -> Path:
    """The contents' page numbers are the book's own: the front matter is printed, and
    printed again if its length moved the chapters. Each chapter's PDF is read once, by
    qpdf: merging with pypdf, in Python, cost about a second a book."""
    import pikepdf

    with contextlib.ExitStack() as opened:
        sources = [opened.enter_context(pikepdf.open(e.pdf)) for e in chapters]
        front_pages = 2
        for _ in range(3):
            starts, page = [], front_pages + 1
            for source in sources:
                starts.append(page)
                page += len(source.pages)
            pairs = list(zip(chapters, starts, strict=True))
            source = front_matter_html(build, pairs, synthetic=synthetic)
            printed = _print_html(source, folder, browser)
            front = opened.enter_context(pikepdf.open(io.BytesIO(printed)))
            if len(front.pages) == front_pages:
                break
            front_pages = len(front.pages)
        book = opened.enter_context(pikepdf.new())
        tags = _BookTags(book)
        for source in (front, *sources):
            first = len(book.pages)
            # their named destinations kept; their own outlines not: the book's is below
            book.add_pages_from(source, outlines="ignore")
            tags.add(source, first)
        tags.finish()
        with book.open_outline() as outline:
            outline.root.append(pikepdf.OutlineItem(gettext("Contents"), 1))
            parent = None
            for entry, start in pairs:
                item = pikepdf.OutlineItem(entry.name, start - 1)
                if entry.level == 1 and parent is not None:
                    parent.children.append(item)
                else:
                    outline.root.append(item)
                if entry.level == 0:
                    parent = item
        book.docinfo["/Title"] = book_title(build)
        book.Root.Lang = pikepdf.String(language())
        book.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        _relink_document(book, folder.resolve().as_uri() + "/", book=True)
        buffer = io.BytesIO()
        book.save(buffer, deterministic_id=True)
    target = folder / BOOK_NAME
    write_atomic(target, buffer.getvalue())
    return target


class _BookTags:
    """The book's structure tree: each merged PDF's own tags (Chromium tags every page it
    prints) as a Part of one Document, their pages' and links' keys into the tree moved
    past those of the PDFs before them, so that the book reads aloud as its chapters do.
    A book with an untagged PDF in it is left untagged rather than tagged in part."""

    def __init__(self, book) -> None:
        from pikepdf import Array, Dictionary, Name

        self.book = book
        self.document = book.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Document, K=Array())
        )
        self.root = book.make_indirect(
            Dictionary(Type=Name.StructTreeRoot, K=Array([self.document]))
        )
        self.document.P = self.root
        self.parents = Array()  # the parent tree's /Nums: key, value, key, value, ...
        self.next_key = 0
        self.tagged = True

    def _copy(self, source, obj):
        """`obj` of `source` in the book (qpdf maps the pages it already copied)."""
        return self.book.copy_foreign(obj if obj.is_indirect else source.make_indirect(obj))

    def add(self, source, first_page: int) -> None:
        """Take in the tags of `source`, whose pages are the book's from `first_page` on."""
        from pikepdf import Array, Name

        tree = source.Root.get("/StructTreeRoot")
        if tree is None or "/K" not in tree:
            self.tagged = False
            return
        offset = self.next_key
        for element in tree.K if isinstance(tree.K, Array) else [tree.K]:
            copied = self._copy(source, element)
            copied.P = self.document
            if copied.get("/S") == Name.Document:
                copied.S = Name.Part
            self.document.K.append(copied)
        keys = _number_tree(tree.get("/ParentTree"))
        for key, value in keys:
            self.parents.extend([key + offset, self._copy(source, value)])
        for page in self.book.pages[first_page:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annot in page.obj.get("/Annots", ()):
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + offset
        used = max((key for key, _ in keys), default=-1) + 1
        self.next_key = offset + max(int(tree.get("/ParentTreeNextKey", 0)), used)

    def finish(self) -> None:
        """Put the tree in the book, if every PDF in it was tagged."""
        from pikepdf import Dictionary

        if not self.tagged:
            return
        self.root.ParentTree = self.book.make_indirect(Dictionary(Nums=self.parents))
        self.root.ParentTreeNextKey = self.next_key
        self.book.Root.StructTreeRoot = self.root
        self.book.Root.MarkInfo = Dictionary(Marked=True)


def _number_tree(node) -> list[tuple[int, object]]:
    """A PDF number tree's (key, value) pairs, in key order."""
    if node is None:
        return []
    pairs = []
    numbers = node.get("/Nums")
    if numbers is not None:
        pairs += [(int(numbers[i]), numbers[i + 1]) for i in range(0, len(numbers) - 1, 2)]
    for kid in node.get("/Kids", ()):
        pairs += _number_tree(kid)
    return sorted(pairs, key=lambda pair: pair[0])


def _print_html(source: str, folder: Path, browser) -> bytes:
    """Print an HTML document (no page numbers: the cover has none)."""
    tmp = folder / ".book-front.html"
    write_atomic(tmp, source.encode("utf-8"))
    try:
        return _print(tmp.resolve().as_uri(), None, browser)
    finally:
        tmp.unlink(missing_ok=True)
