"""Our HTML pages as Typst markup, typeset to tagged PDFs in this process.

The page is the one source: the chapter's and the annex's HTML (render.py) are read back
and written as Typst markup element by element (headings, paragraphs, key-figure cards,
tables, charts, lists, links), so the PDF says what the page says; what the browser's
print left out stays out (the links between editions and exports, the data table behind
a click; the chart's alt text stays). The pages' print stylesheet is restated once, in
`STYLE` and `page_setup`: A4, the margins, the fonts, "page X of Y" in the footer,
headings kept with what follows, long tables broken across pages with their header
repeated.

Typst, not a browser, prints them: in-process, it typesets a chapter in about 0.03 s and
an annex in about 0.11 s of CPU, the conversion included (a headless Chromium took
0.19 s a PDF, in processes of its own). Its PDFs are tagged and PDF/UA-1 (headings,
lists, tables with their header cells, figures with their alt text, the language), with
an outline from the headings. Typst names a PDF's destinations after its labelled
headings only, so a link from another PDF to a section opens at that section, and one to
a note at the chapter's notes.

Everything the writer does not know is written as its text, never dropped: a page with a
new kind of element still prints all its words.
"""

from __future__ import annotations

import html
import re
import threading
import warnings
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..core.paths import INDEX_NAME

# ---------------------------------------------------------------- the page as a tree

_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr",
}  # fmt: skip
_SKIPPED = {"head", "script", "style", "template", "noscript"}
# What the page's print stylesheet hides: the links between editions and exports.
_NOT_PRINTED_CLASSES = {"pages", "editions"}
# The page's charts: kept whole (their markup is XML, and its case matters) while the page
# around them is parsed.
_SVG = re.compile(r"<svg\b.*?</svg>", re.S | re.I)
_SVG_PLACEHOLDER = "r4v-svg"


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find(self, tag: str) -> Node | None:
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag:
                    return child
                found = child.find(tag)
                if found is not None:
                    return found
        return None


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_page(page: str) -> tuple[Node, list[str]]:
    """The page as a tree, and its charts' SVG text (each replaced in the tree by an
    `r4v-svg` element holding its number)."""
    charts: list[str] = []

    def keep(found: re.Match) -> str:
        charts.append(found.group(0))
        return f'<{_SVG_PLACEHOLDER} data-chart="{len(charts) - 1}"></{_SVG_PLACEHOLDER}>'

    builder = _TreeBuilder()
    builder.feed(_SVG.sub(keep, page))
    builder.close()
    return builder.root, charts


# ---------------------------------------------------------------- Typst's words

# Typst markup's own characters, escaped wherever text is written as markup.
_MARKUP = re.compile(r"([\\#*_`$<>@\[\]=\-+/~\"'])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")
# A word this long breaks anywhere (a checksum, a URL): the page's `overflow-wrap: anywhere`.
_LONG_WORD = re.compile(r"\S{28,}")
_LABEL = re.compile(r"[^A-Za-z0-9_.:-]")


def markup(text: str) -> str:
    """Text as Typst markup that prints it as it is."""
    text = _CONTROL.sub("", text)
    text = _LONG_WORD.sub(lambda m: "\u200b".join(_chunks(m.group(0), 12)), text)
    return _MARKUP.sub(r"\\\1", text)


def _chunks(word: str, size: int) -> list[str]:
    return [word[i : i + size] for i in range(0, len(word), size)]


def string(text: str) -> str:
    """Text as a Typst string literal."""
    text = _CONTROL.sub("", text)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


def label_name(prefix: str, anchor: str) -> str:
    """A page's `id` as a Typst label (a book prefixes each chapter's own)."""
    return _LABEL.sub("-", prefix + anchor)


# A chapter's notes: each note's id (`fn-funding`) and the section that holds them.
_NOTE = re.compile(r"^fn-")
NOTES_SECTION = "footnotes"


def pdf_href(href: str) -> str:
    """A page's link as its PDF's: a page beside it becomes that page's PDF
    (`COL-annex.html#x` -> `COL-annex.pdf#x`); the index stays HTML; the rest as it is.
    A link to another page's note leads to that page's notes (`COL.pdf#footnotes`): a
    PDF names its destinations after its headings only, and the notes have one."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I) or href.startswith(("/", "#")):
        return href
    path, sep, fragment = href.partition("#")
    if path.endswith(".html") and path.rsplit("/", 1)[-1] != INDEX_NAME:
        path = path[: -len(".html")] + ".pdf"
        if _NOTE.match(fragment):
            fragment = NOTES_SECTION
    return path + sep + fragment


# ---------------------------------------------------------------- the page as Typst markup

_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "ul", _SVG_PLACEHOLDER,
}  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# The page's paragraph classes and the Typst functions of `STYLE` that print them.
_PARAGRAPH_STYLES = {
    "eyebrow": "eyebrow",
    "meta": "meta",
    "banner": "banner",
    "note": "note",
    "missing": "note",
    "generated-mark": "generatedmark",
    "source": "small",
    "failed-note": "note",
}


@dataclass
class Writer:
    """Writes one page's tree as Typst markup.

    `prefix` is put before every label (a book holds many pages, whose ids repeat);
    `heading_offset` moves the page's headings down (a country under its platform in the
    book); `bookmark_depth` is the deepest heading level the PDF's outline lists."""

    charts: list[str]
    anchors: set[str]
    prefix: str = ""
    heading_offset: int = 0
    bookmark_depth: int = 6
    plain_lists: bool = False
    in_header: bool = False  # a table's header row, repeated on each page as an artifact
    last_level: int = 0  # the level of the last heading written

    # -- blocks

    def blocks(self, node: Node) -> str:
        """A container's children: runs of inline content as paragraphs, blocks as they are."""
        out: list[str] = []
        run: list[Node | str] = []

        def flush() -> None:
            text = self.inlines(run).strip()
            if text:
                out.append(text)
            run.clear()

        for child in node.children:
            if isinstance(child, Node) and child.tag in _BLOCKS:
                flush()
                written = self.block(child)
                if written.strip():
                    out.append(written)
            else:
                run.append(child)
        flush()
        return "\n\n".join(out)

    def block(self, node: Node) -> str:
        tag, classes = node.tag, node.classes
        _id_to_heading(node)
        anchor = self._anchor(node)
        if tag in _SKIPPED or (tag == "nav" and classes & _NOT_PRINTED_CLASSES):
            return ""
        if tag == "details":  # a screen's table behind a click; the chart's alt text stays
            return ""
        if tag in _HEADINGS:
            # never a level skipped (PDF/UA-1 requires it; an analyst's `####` under a
            # section's h2 would skip one): one level below the heading before, at most
            level = _HEADINGS[tag] + self.heading_offset
            level = min(level, (self.last_level or self.heading_offset) + 1)
            self.last_level = level
            bookmarked = "true" if _HEADINGS[tag] <= self.bookmark_depth else "false"
            anchor_id = node.attrs.get("id")
            label = f" <{label_name(self.prefix, anchor_id)}>" if anchor_id else ""
            body = self.inlines(node.children).strip()
            return f"#heading(level: {level}, bookmarked: {bookmarked})[{body}]{label}"
        if tag == "p":
            body = self.inlines(node.children).strip()
            style = next((_PARAGRAPH_STYLES[c] for c in classes if c in _PARAGRAPH_STYLES), None)
            if style:
                body = f"#{style}[{body}]"
            return anchor + _in_language(node, body)
        if tag in ("ul", "ol"):
            return anchor + self.write_list(node)
        if tag == "dl":
            return anchor + (self.cards(node) if "cards" in classes else self.terms(node))
        if tag == "table":
            return anchor + self.table(node)
        if tag == "figure":
            return anchor + self.blocks(node)
        if "footnotes" in classes:  # the notes' own markers (*, **) replace the numbers
            self.plain_lists = True
            try:
                return anchor + self.blocks(node)
            finally:
                self.plain_lists = False
        if tag == _SVG_PLACEHOLDER:
            return self.chart(int(node.attrs.get("data-chart", "0")))
        if tag == "hr":
            return "#line(length: 100%, stroke: 0.5pt + rule)"
        if tag == "pre":
            return f"#raw(block: true, {string(node.text())})"
        body = self.blocks(node)
        if not body.strip():
            return anchor
        if "narrative" in classes:
            kind = "generatednarrative" if "generated" in classes else "narrative"
            return f"{anchor}#{kind}[\n{body}\n]"
        if "warnings" in classes:
            return f"{anchor}#warnings[\n{body}\n]"
        if "small" in classes or tag == "footer" or "legend" in classes:
            return f"{anchor}#small[\n{body}\n]"
        return anchor + _in_language(node, body)

    def _anchor(self, node: Node) -> str:
        """A label where the page has an `id` that something links to (headings carry their
        own, which also names a destination in the PDF)."""
        anchor = node.attrs.get("id")
        if not anchor or node.tag in _HEADINGS or anchor not in self.anchors:
            return ""
        return f"#metadata(none) <{label_name(self.prefix, anchor)}>\n"

    def write_list(self, node: Node) -> str:
        items = [c for c in node.children if isinstance(c, Node) and c.tag == "li"]
        written = [f"[{self._anchor(li)}{self.blocks(li)}]" for li in items]
        if "legend" in node.classes:
            return "#small[#enum(" + ", ".join(written) + ")]"
        if self.plain_lists:
            return "\n\n".join(f"#block({w})" for w in written)
        if node.tag == "ol":
            return "#enum(" + ", ".join(written) + ")"
        return "#list(" + ", ".join(written) + ")"

    def cards(self, node: Node) -> str:
        """The key figures: each term with its figure and the small print under it."""
        cards = []
        for group in node.children:
            if not isinstance(group, Node):
                continue
            term, value = group.find("dt"), group.find("dd")
            if term is None or value is None:
                continue
            main = [c for c in value.children if not (isinstance(c, Node) and c.tag == "small")]
            notes = [c for c in value.children if isinstance(c, Node) and c.tag == "small"]
            small = " ".join(self.inlines(n.children).strip() for n in notes)
            cards.append(
                f"card([{self.inlines(term.children).strip()}], "
                f"[{self.inlines(main).strip()}], [{small}])"
            )
        return "#cards(" + ", ".join(cards) + ")"

    def terms(self, node: Node) -> str:
        pairs, term = [], None
        for child in node.children:
            if isinstance(child, Node) and child.tag == "dt":
                term = self.inlines(child.children).strip()
            elif isinstance(child, Node) and child.tag == "dd":
                pairs.append(f"terms.item([{term or ''}], [{self.blocks(child)}])")
        return "#terms(" + ", ".join(pairs) + ")"

    def table(self, node: Node) -> str:
        caption = ""
        header: list[list[str]] = []
        body: list[list[str]] = []
        columns = 0

        def rows(part: Node) -> list[Node]:
            return [r for r in part.children if isinstance(r, Node) and r.tag == "tr"]

        for part in node.children:
            if not isinstance(part, Node):
                continue
            if part.tag == "caption":
                caption = self.inlines(part.children).strip()
                continue
            self.in_header = part.tag == "thead"
            try:
                for tr in [part] if part.tag == "tr" else rows(part):
                    total = "total" in tr.classes or "group" in tr.classes
                    cells = [
                        self.cell(c, total)
                        for c in tr.children
                        if isinstance(c, Node) and c.tag in ("td", "th")
                    ]
                    columns = max(columns, sum(span for span, _ in cells))
                    (header if self.in_header else body).append([c for _, c in cells])
            finally:
                self.in_header = False
        if not columns:
            return ""
        parts = []
        if header:
            parts.append("table.header(" + ", ".join(c for row in header for c in row) + ")")
        parts.extend(c for row in body for c in row)
        # as wide as their content, up to the page's width (auto columns share it then)
        table = f"table(columns: {columns}, " + ", ".join(parts) + ")"
        if caption:
            return f"#datatable([{caption}], {table})"
        return f"#datatable(none, {table})"

    def cell(self, cell: Node, total: bool) -> tuple[int, str]:
        """(columns it spans, the cell as Typst): numbers right, headers and totals bold."""
        span = _int(cell.attrs.get("colspan"), 1)
        options = []
        if span > 1:
            options.append(f"colspan: {span}")
        if "num" in cell.classes:
            options.append("align: right")
        body = self.blocks(cell).strip()
        if self.in_header or total:
            body = f"#strong[{body}]"
        if options:
            return span, f"table.cell({', '.join(options)})[{body}]"
        return span, f"[{body}]"

    def chart(self, number: int) -> str:
        if number >= len(self.charts):
            return ""
        svg = self.charts[number]
        opening = svg[: svg.index(">") + 1] if ">" in svg else svg
        alt = re.search(r'\baria-label="([^"]*)"', opening)
        text = html.unescape(alt.group(1)) if alt else ""
        size = re.search(r'\bviewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', opening)
        width, height = (float(size.group(1)), float(size.group(2))) if size else (400.0, 240.0)
        return f"#chart(bytes({string(svg)}), {width:.1f}pt, {height:.1f}pt, {string(text)})"

    # -- inlines

    def inlines(self, children: list[Node | str]) -> str:
        return "".join(self.inline(c) for c in children)

    def inline(self, node: Node | str) -> str:
        if isinstance(node, str):
            return markup(_SPACE.sub(" ", node))
        tag = node.tag
        if tag in _SKIPPED:
            return ""
        if tag == "br":
            return "#linebreak()"
        if tag == _SVG_PLACEHOLDER:
            return self.chart(int(node.attrs.get("data-chart", "0")))
        if tag in _BLOCKS:  # a block inside inline content: its words, in line
            return " " + self.inlines(node.children) + " "
        body = self.inlines(node.children)
        if tag in ("strong", "b"):
            body = f"#strong[{body}]"
        elif tag in ("em", "i", "cite"):
            body = f"#emph[{body}]"
        elif tag == "sup":
            body = f"#super[{body}]"
        elif tag == "sub":
            body = f"#sub[{body}]"
        elif tag == "code":
            body = f"#code[{body}]"
        elif tag == "small":
            body = f"#text(size: 0.85em)[{body}]"
        elif tag == "a":
            body = self.link(node, body)
        elif "marker" in node.classes:
            body = f"#strong[{body}] "
        return _in_language(node, body)

    def link(self, node: Node, body: str) -> str:
        href = node.attrs.get("href", "").strip()
        if not href or self.in_header:  # PDF/UA: no links in what repeats on every page
            return body
        if href.startswith("#"):
            anchor = href[1:]
            if anchor in self.anchors:
                return f"#link(<{label_name(self.prefix, anchor)}>)[{body}]"
            return body
        return f"#link({string(pdf_href(href))})[{body}]"


def _id_to_heading(node: Node) -> None:
    """A section's id moved onto its heading, when the section opens with one that has
    none: a labelled heading names a destination in the PDF, so a link from another PDF
    (`COL.pdf#situation`) opens there, not at the first page."""
    anchor = node.attrs.get("id")
    if not anchor or node.tag in _HEADINGS:
        return
    first = next((c for c in node.children if isinstance(c, Node)), None)
    if first is not None and first.tag in _HEADINGS and not first.attrs.get("id"):
        first.attrs["id"] = node.attrs.pop("id")


def _in_language(node: Node, body: str) -> str:
    """Words the page marks as another language (`lang="en"`) marked so in the PDF's tags."""
    lang = node.attrs.get("lang", "").lower()
    if not re.fullmatch(r"[a-z]{2,3}", lang) or not body.strip():
        return body
    return f'#text(lang: "{lang}")[{body}]'


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value or default))
    except ValueError:
        return default


def _anchors(root: Node) -> set[str]:
    """The ids a link of the page points to (an unused label costs nothing but clutter)."""
    ids: set[str] = set()
    targets: set[str] = set()

    def walk(node: Node) -> None:
        if node.attrs.get("id"):
            ids.add(node.attrs["id"])
        href = node.attrs.get("href", "") if node.tag == "a" else ""
        if href.startswith("#"):
            targets.add(href[1:])
        for child in node.children:
            if isinstance(child, Node):
                walk(child)

    walk(root)
    return ids & targets


@dataclass(frozen=True)
class TypesetPage:
    """A page as Typst markup: its body, and what its PDF is named and said to be in."""

    body: str
    title: str
    lang: str


def page_body(
    page: str, *, prefix: str = "", heading_offset: int = 0, bookmark_depth: int = 6
) -> TypesetPage:
    """One HTML page (as render.py writes them) as Typst markup."""
    root, charts = parse_page(page)
    html_node = root.find("html") or root
    title_node = root.find("title")
    title = " ".join(title_node.text().split()) if title_node is not None else ""
    lang = html_node.attrs.get("lang", "en")[:2].lower() or "en"
    body_node = root.find("body") or html_node
    writer = Writer(charts, _anchors(body_node), prefix, heading_offset, bookmark_depth)
    return TypesetPage(writer.blocks(body_node), title, lang)


# ---------------------------------------------------------------- the look, once

# The pages' print stylesheet (chapter.css, `@media print`) restated for Typst.
STYLE = r"""
#let ink = rgb("#1f1f1f")
#let muted = rgb("#5a5a5a")
#let rule = rgb("#d0d0d0")
#let band = rgb("#f4f6f8")
#let accent = rgb("#0072B2")
#let warn = rgb("#8a4b00")
#set text(font: "DejaVu Sans", size: 9pt, fill: ink, hyphenate: auto)
#set par(leading: 0.5em, spacing: 0.75em, justify: false)
// The page's headings, `offset` levels down (a country under its platform in the book).
#let headings(offset: 0, body) = {
  show heading: set block(sticky: true)
  show heading: set text(weight: "bold")
  show heading.where(level: 1 + offset): set text(size: 16pt)
  show heading.where(level: 1 + offset): set block(above: 0.4em, below: 0.6em)
  show heading.where(level: 2 + offset): set text(size: 11.5pt)
  show heading.where(level: 2 + offset): it => block(width: 100%,
    stroke: (bottom: 1.5pt + accent), inset: (bottom: 0.25em), above: 1.2em, below: 0.6em,
    sticky: true, it)
  show heading.where(level: 3 + offset): set text(size: 9.5pt)
  show heading.where(level: 3 + offset): set block(above: 1em, below: 0.5em)
  body
}
#show link: set text(fill: ink)
#show raw: set text(font: "DejaVu Sans Mono", size: 0.9em)
#let code(body) = text(font: "DejaVu Sans Mono", size: 0.9em, body)
#let eyebrow(body) = text(fill: accent, weight: "bold", tracking: 0.06em, upper(body))
#let meta(body) = text(fill: muted, body)
#let small(body) = text(size: 0.88em, fill: muted, body)
#let note(body) = text(fill: muted, style: "italic", body)
#let generatedmark(body) = text(size: 0.8em, fill: muted, tracking: 0.04em, upper(body))
#let banner(body) = block(width: 100%, stroke: 1.5pt + warn, fill: rgb("#fff7ec"),
  inset: (x: 0.8em, y: 0.5em), text(fill: warn, weight: "bold", body))
#let narrative(body) = block(width: 100%, stroke: (left: 2pt + rule), inset: (left: 0.8em), body)
#let generatednarrative(body) = block(width: 100%,
  stroke: (left: (paint: rule, thickness: 2pt, dash: "dashed")), inset: (left: 0.8em), body)
#let warnings(body) = block(width: 100%, breakable: false, body)
#let card(term, value, note) = block(width: 100%, fill: band,
  stroke: (left: 3pt + accent), inset: (x: 0.7em, y: 0.5em), breakable: false)[
  #text(size: 0.8em, fill: muted, tracking: 0.04em, upper(term)) \
  #text(size: 14pt, weight: "bold", value)
  #if note != [] [ \ #text(size: 0.8em, fill: muted, note)]
]
#let cards(..items) = block(breakable: false, above: 0.8em, below: 0.8em,
  grid(columns: (1fr,) * 3, gutter: 0.6em, ..items.pos()))
#let datatable(caption, body) = {
  set text(size: 0.92em)
  set table(stroke: (x, y) => (bottom: 0.5pt + rule), inset: (x: 0.4em, y: 0.3em),
    align: left + top)
  show table.cell.where(y: 0): set text(weight: "bold")
  if caption != none {
    figure(body, caption: figure.caption(position: top, caption), kind: table,
      supplement: none, numbering: none)
  } else { body }
}
#show figure: set block(breakable: true)
#show figure.where(kind: table): set align(left)
#show figure.caption: it => align(left, text(weight: "bold", it.body))
// A chart at 0.9 of its drawn size, so that its words (drawn at 10 pt) print at the body
// text's 9 pt; smaller where the column or 11 cm of height is not enough (a tall chart:
// every country).
#let chart(data, width, height, alt) = figure(kind: image, supplement: none, numbering: none,
  layout(size => align(center, image(data, format: "svg", alt: alt,
    width: calc.min(size.width, 0.9 * width, 11cm * (width / height))))))
#let footer-line(label, pages) = {
  set text(size: 7pt, fill: rgb("#555555"))
  grid(columns: (1fr, auto), gutter: 1em,
    box(height: 1em, clip: true, label), pages)
}
"""


def page_setup(footer_code: str | None = None) -> str:
    """A4 and the margins, with `footer_code` (`footer`'s) on every page, or no footer."""
    return (
        '#set page(paper: "a4", margin: (top: 16mm, bottom: 18mm, x: 15mm), '
        f"footer: {footer_code or 'none'})\n"
    )


def footer(label: str, page_x_of_y: tuple[str, str, str]) -> str:
    """The footer: `label` (Typst code giving content: a page's title, a book's chapter)
    and "page X of Y" in the active edition's words (`page_x_of_y`: the words before,
    between and after the numbers)."""
    before, between, after = (markup(part) for part in page_x_of_y)
    numbers = f"[{before}#counter(page).display(){between}#counter(page).final().first(){after}]"
    return f"context footer-line({label}, {numbers})"


def page_document(page: str, page_x_of_y: tuple[str, str, str]) -> str:
    """A whole Typst document for one HTML page."""
    typeset = page_body(page)
    return (
        f"#set document(title: {string(typeset.title)}, date: none)\n"
        f'#set text(lang: "{typeset.lang}")\n'
        + STYLE
        + page_setup(footer(f"[{markup(typeset.title)}]", page_x_of_y))
        + "#show: headings\n"
        + typeset.body
        + "\n"
    )


# ---------------------------------------------------------------- the typesetter

_compilers: dict[int, object] = {}
_fonts: list[object] = []
_lock = threading.Lock()


def font_folders() -> list[str]:
    """matplotlib's own DejaVu fonts, which every install of this package has: the PDFs
    use the fonts the charts are drawn in, whatever the machine has installed."""
    import matplotlib

    return [str(Path(matplotlib.get_data_path()) / "fonts" / "ttf")]


def _compiler():
    """This thread's Typst compiler: the fonts are read once per process."""
    import typst

    thread = threading.get_ident()
    compiler = _compilers.get(thread)
    if compiler is None:
        with _lock:
            if not _fonts:
                _fonts.append(
                    typst.Fonts(
                        include_system_fonts=False,
                        include_embedded_fonts=True,
                        font_paths=font_folders(),
                    )
                )
        compiler = _compilers[thread] = typst.Compiler(font_paths=_fonts[0])
    return compiler


class TypesetError(RuntimeError):
    """Typst could not typeset a page: a bug of this writer, named with Typst's words."""


class PdfUaWarning(UserWarning):
    """A PDF was written tagged but without its PDF/UA-1 claim: Typst found the page short
    of that standard (the reason follows)."""


def typeset(source: str, name: str = "") -> bytes:
    """A Typst document as PDF bytes, PDF/UA-1 where Typst finds it meets that standard
    (every page of the sample does: tests/e2e/test_browser.py); else tagged all the same,
    without the claim, rather than no PDF, with a PdfUaWarning naming `name` and why."""
    import typst

    compiler = _compiler()
    data = source.encode("utf-8")
    try:
        try:
            pdf = compiler.compile(input=data, format="pdf", timestamp=0, pdf_standards=["ua-1"])
        except typst.TypstError as exc:
            if "PDF/UA" not in exc.message:
                raise
            warnings.warn(
                f"{name or 'a PDF'} is written without its PDF/UA-1 claim: {exc.message}",
                PdfUaWarning,
                stacklevel=2,
            )
            pdf = compiler.compile(input=data, format="pdf", timestamp=0)
    except typst.TypstError as exc:
        raise TypesetError(f"Typst could not typeset {name or 'the page'}: {exc.message}") from exc
    assert isinstance(pdf, bytes)
    return pdf
