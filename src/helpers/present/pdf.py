"""HTML pages to PDF, and the book of a build: typeset by Typst (present/typeset.py).

A page's PDF says what the page says: its HTML is read back and typeset, A4, with "page
X of Y" and the page's title in the footer, tagged, with an outline from its headings.
Its links are the page's: a page beside it becomes that page's PDF (`COL.html` ->
`COL.pdf`), the index stays `index.html`, so a PDF works wherever the folder goes.

The book (`book.pdf`) of an edition is one Typst document: a cover, the contents (each
chapter's first page, a link to it), then every chapter that has a PDF (not the annexes)
in index order, each starting on a page of its own and typeset as its own PDF is. Its
outline nests each platform's countries under it, its tags are one tree, and its pages
are numbered as one book.

Typst runs in this process (one compiler per thread, its fonts read once): no browser,
nothing to start or close.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

from ..core import geography
from ..core.errors import InputError
from ..core.files import write_atomic
from ..core.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, edition, gettext, language
from ..core.paths import INDEX_NAME
from ..core.sectors import sector_title
from ..inputs.manifest import DEFAULT_SECTOR

BOOK_NAME = "book.pdf"

# The words around the page numbers are the edition's.
PAGE_X_OF_Y = N_("page %(page)s of %(pages)s")
BOOK_TITLE = N_("%(sector)s — RMRP %(years)s end-year report")
BOOK_TITLE_NO_PERIOD = N_("%(sector)s — RMRP end-year report")


class TypesetterMissing(InputError):
    """Typst's Python package is not installed: the user fixes it, not a bug."""


def check_typesetter() -> None:
    """Raise TypesetterMissing, naming `make reports`, when PDFs cannot be written here."""
    # found, not imported: a rebuild with nothing to print pays for nothing
    if importlib.util.find_spec("typst") is None:
        raise TypesetterMissing(
            "the typst package is needed to write PDFs and is not installed: run "
            "`make reports` (it installs the project's dependencies), or build without PDFs "
            "(--no-pdf)"
        )


# ---------------------------------------------------------------- pages


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


def page_x_of_y() -> tuple[str, str, str]:
    """The active edition's "page X of Y" as the words before, between and after the two
    numbers (the footer puts Typst's page counters between them)."""
    words = gettext(PAGE_X_OF_Y, page="\x00", pages="\x01")
    before, _, rest = words.partition("\x00")
    between, _, after = rest.partition("\x01")
    return before, between, after


def page_language(head: str) -> str:
    """The edition a page is written in, from its `<html lang>` (the source language when
    it names none this project writes)."""
    found = re.search(r"<html[^>]*\blang=[\"']?([a-z]{2})", head, re.I)
    lang = found.group(1).lower() if found else SOURCE_LANGUAGE
    return lang if lang in LANGUAGES else SOURCE_LANGUAGE


def print_page(page: Path, target: Path | None = None) -> Path:
    """Typeset one HTML page to a PDF beside it (or `target`), written atomically."""
    from . import typeset

    page = Path(page)
    target = Path(target) if target is not None else page.with_name(pdf_name(page.name))
    source = page.read_text(encoding="utf-8", errors="replace")
    with edition(page_language(source[:20000])):
        document = typeset.page_document(source, page_x_of_y())
    write_atomic(target, typeset.typeset(document, name=str(target)))
    return target


def print_folder(folder: Path) -> list[Path]:
    """Print every page of a folder (see `pages_to_print`); the PDFs written."""
    return [print_page(p) for p in pages_to_print(folder)]


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


def book_document(
    build: dict, chapters: list[tuple[BookEntry, str]], *, synthetic: bool = False
) -> str:
    """The book of the active edition as one Typst document: `chapters` pairs each chapter
    with its page's HTML."""
    from . import typeset

    title = book_title(build)
    lines = []  # (style, text) under the title on the cover
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
    cover = "\n\n".join(f"#{style}[{typeset.markup(text)}]" for style, text in lines)
    labels = {e.scope: typeset.label_name("chapter-", e.scope) for e, _ in chapters}
    contents = [
        f"#contents-entry({e.level}, <{labels[e.scope]}>)[{typeset.markup(e.name)}]"
        for e, _ in chapters
    ]
    parts = [
        f"#set document(title: {typeset.string(title)}, date: none)",
        f'#set text(lang: "{language()}")',
        typeset.STYLE,
        BOOK_STYLE,
        typeset.page_setup(),  # no footer on the cover and the contents
        f"#cover[{typeset.markup(title)}][{cover}]",
        "#pagebreak()",
        f"#headings[#heading(level: 1, outlined: false, bookmarked: true)"
        f"[{typeset.markup(gettext('Contents'))}]]",
        "\n".join(contents),
        f"#set page(footer: {typeset.footer('chapter-here()', page_x_of_y())})",
    ]
    for entry, page in chapters:
        body = typeset.page_body(
            page,
            prefix=entry.scope + "--",
            heading_offset=entry.level,
            bookmark_depth=1,
        )
        parts += [
            "#pagebreak()",
            f"#metadata({typeset.string(entry.name)}) <r4v-chapter>",
            f"#metadata(none) <{labels[entry.scope]}>",
            f"#headings(offset: {entry.level})[\n{body.body}\n]",
        ]
    return "\n\n".join(parts) + "\n"


# The cover and the contents; each chapter's name in the footer of its pages.
BOOK_STYLE = r"""
#let cover(title, lines) = {
  v(60mm)
  text(size: 24pt, weight: "bold", title)
  v(10mm)
  set text(size: 12pt)
  lines
}
#let contents-entry(level, target, name) = link(target, block(width: 100%,
  inset: (left: level * 8mm, y: 0.45em), stroke: (bottom: (paint: luma(150), dash: "dotted")),
  grid(columns: (1fr, auto), text(weight: if level == 0 { "bold" } else { "regular" }, name),
    context locate(target).page())))
#let chapter-here() = {
  let before = query(selector(<r4v-chapter>).before(here()))
  if before.len() > 0 { before.last().value }
}
"""


def write_book(folder: Path, build: dict, *, synthetic: bool = False) -> Path | None:
    """Write `book.pdf` in `folder` from the chapters there that have a PDF, in the
    caller's edition (None, and no book, when there are none)."""
    return write_books([(Path(folder), language())], build, synthetic=synthetic)[0]


def write_books(
    books: list[tuple[Path, str]], build: dict, *, synthetic: bool = False
) -> list[Path | None]:
    """Each (folder, language)'s `book.pdf`, in that edition: the paths written (None, and a
    stale book removed, where a folder has no chapter PDFs)."""
    from . import typeset

    written: list[Path | None] = []
    for folder, lang in books:
        folder = Path(folder)
        with edition(lang):  # the chapters' names too are the edition's
            entries = book_entries(folder)
            if not entries:
                (folder / BOOK_NAME).unlink(missing_ok=True)
                written.append(None)
                continue
            chapters = [
                (e, e.pdf.with_suffix(".html").read_text(encoding="utf-8", errors="replace"))
                for e in entries
                if e.pdf.with_suffix(".html").is_file()
            ]
            document = book_document(build, chapters, synthetic=synthetic)
        target = folder / BOOK_NAME
        write_atomic(target, typeset.typeset(document, name=str(target)))
        written.append(target)
    return written
