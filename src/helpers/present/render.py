"""Chapter -> HTML: the sections a notebook displays, and an executed notebook -> one page.

Two halves:

* `section_html` / `show` turn a `chapter.Chapter` into HTML fragments (Jinja2 templates in
  `templates/`, autoescaped: every string from data is inert text). Narratives go through
  markdown-it-py with raw HTML and images disabled and links limited to http(s) and mailto.
  Key figures carry `data-figure` / `data-value` attributes so tests can read them back.
* `notebook_to_html` turns an executed chapter notebook into one self-contained page: no
  code, prompts, stderr, errors or scripts, images embedded as data URIs, no MathJax, no
  CDN. `write_exports` writes the chapter's CSV and JSON.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .. import __version__
from ..chapter.exports import export_files
from ..chapter.model import LEVEL_COUNTRY, LEVEL_PLATFORM, LEVEL_REGION, PEOPLE_PARTS, Chapter
from ..core.columns import POPULATION_LABELS
from ..core.files import write_atomic
from ..core.geography import COUNTRIES, PLATFORMS
from ..core.numbers import finite_number as number
from ..core.paths import TEMPLATES_DIR
from ..disclosure import is_hidden
from ..figures.warnings import english
from .findings_text import ANNEX, GENERIC, MONEY_PARAMS, annex_key
from .formatting import fmt_date, fmt_people, fmt_percent, fmt_usd, period_label
from .notes import footnotes
from .placeholders import filled_narratives

if TYPE_CHECKING:  # nbformat takes seconds to import: only the page half needs it
    import nbformat

KERNEL_NAME = "r4v-report"
SECTIONS = (
    "header",
    "key_figures",
    "infographic",
    "regional",
    "situation",
    "response",
    "lessons",
    "footnotes",
    "quality",
    "provenance",
)
PUBLISHED_MIMETYPES = ["text/html", "image/png", "image/jpeg"]
# Charts as SVG: text as text (the page's fonts), a fixed hash salt and no date so a rebuilt
# page is the same bytes, and no wider on screen than 1.4 times their drawn size (text
# grows with the chart: wider, it would read as a poster).
SVG_RC = {"svg.fonttype": "none", "svg.hashsalt": "r4v-chart", "svg.image_inline": True}
CHART_MAX_SCALE = 1.4
_SVG_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_SVG_ID = re.compile(r'\sid="([^"]+)"')
_SVG_REFERENCE = re.compile(r'url\(#([^)]+)\)|href="#([^"]+)"')
_SVG_SIZE = re.compile(r'\s(?:width|height)="([\d.]+)pt"')
_SVG_NO_ROTATION = re.compile(r' transform="rotate\(-0 [^"]*\)"')
SVG_FONTS = "font-family: 'DejaVu Sans', 'Segoe UI', Roboto, Arial, sans-serif"
_SVG_WIDTH = re.compile(r'\swidth="([\d.]+)pt"')


WITHHELD_NOTE = (
    "This table is not shown: its counts are too small to publish without letting "
    "someone work out how many people are behind them."
)


class RenderError(RuntimeError):
    """A chapter could not be executed or rendered (a bug or an environment problem)."""


# ---------------------------------------------------------------- value display


def show(value, kind: str = "people", short: bool = False, missing: str = "—") -> str:
    """One published value as the page prints it; a hidden count stays its token (`<5`)."""
    if is_hidden(value):
        return str(value)
    if kind in ("people", "planned"):  # reached; planned: in need or targeted
        return fmt_people(value, short=short, missing=missing)
    if kind == "count":
        v = number(value)
        return missing if v is None else f"{int(round(v)):,}"
    if kind == "percent":
        return fmt_percent(value, missing=missing)
    if kind == "ratio":
        v = number(value)
        return missing if v is None else fmt_percent(100.0 * v)
    if kind == "usd":
        return fmt_usd(value, short=short, missing=missing)
    if kind == "money":  # in a column whose heading says USD
        return fmt_usd(value, missing=missing).removeprefix("USD ")
    v = number(value)  # "value": a situation indicator, a number or text
    if v is None:
        return (
            missing
            if value is None or (isinstance(value, float) and math.isnan(value))
            else str(value)
        )
    return f"{v:,.0f}" if v.is_integer() else f"{v:,.1f}"


def raw(value) -> str:
    """The machine-readable value of a figure for `data-value`: a number as JSON writes it,
    a hidden token as it is, nothing for a missing value."""
    if isinstance(value, str):
        return value
    v = number(value)
    if v is None:
        return ""
    return str(int(v)) if v.is_integer() else repr(round(v, 6))


def clip(value, limit: int = 200) -> str:
    """Text from data, shortened for display (a 100,000-character name stays a name)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- markdown


_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _markdown():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image", "html_block", "html_inline"])
    md.validateLink = lambda url: url.strip().lower().startswith(_SAFE_SCHEMES)

    def link_open(self, tokens, idx, options, env):
        tokens[idx].attrSet("rel", "noopener noreferrer nofollow")
        return self.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    return md


_MD = None


def markdown_html(text: str) -> Markup:
    """Analysts' Markdown as inert HTML: raw HTML is shown as text, images are not loaded,
    only http(s) and mailto links are made, and `$` is plain text (no MathJax on the page)."""
    global _MD
    if _MD is None:
        _MD = _markdown()
    return Markup(_MD.render(str(text)))


# ---------------------------------------------------------------- charts


def chart_html(chart) -> Markup:
    """A `charts.Chart` as an inline SVG (text stays text, so it is small, sharp at any width
    and searchable), named by its alt text; a chart with nothing to draw is its one-line note."""
    if chart is None:
        return Markup("")
    if chart.figure is None:
        return Markup('<p class="note chart-empty">{}</p>').format(chart.alt)
    import matplotlib as mpl  # only pages with charts need it

    buf = io.StringIO()
    with mpl.rc_context(SVG_RC):
        chart.figure.savefig(buf, format="svg", facecolor="white", metadata={"Date": None})
    svg = _SVG_METADATA.sub("", buf.getvalue())
    svg = svg[svg.index("<svg") :]
    # Ids are made per chart from its content, so two charts of one page never collide and
    # a rebuilt page is byte for byte the same; ids nothing points to are dropped.
    prefix = "c" + hashlib.sha1(svg.encode("utf-8")).hexdigest()[:8] + "-"
    used = {a or b for a, b in _SVG_REFERENCE.findall(svg)}
    svg = _SVG_ID.sub(lambda m: f' id="{prefix}{m[1]}"' if m[1] in used else "", svg)
    svg = _SVG_REFERENCE.sub(
        lambda m: f"url(#{prefix}{m[1]})" if m[1] else f'href="#{prefix}{m[2]}"', svg
    )
    svg = svg.replace("*{", f".{prefix}svg *{{")  # matplotlib's one style rule, kept inside
    svg = svg.replace("font-family: 'DejaVu Sans'", SVG_FONTS)  # where the font is missing
    svg = _SVG_NO_ROTATION.sub("", svg)
    width = float(_SVG_WIDTH.search(svg)[1])  # in pt
    svg = _SVG_SIZE.sub("", svg, count=2)
    head, body = svg.split(">", 1)
    open_tag = Markup(
        '{} class="{}svg" width="100%" style="max-width: {}px" role="img" aria-label="{}">'
    ).format(Markup(head), prefix, round(width * CHART_MAX_SCALE * 4 / 3), chart.alt)
    return (
        Markup('<figure class="chart">')
        + open_tag
        + Markup("<title>{}</title>").format(chart.alt)
        + Markup(body.strip())
        + Markup("</figure>")
    )


# ---------------------------------------------------------------- sections

_ENV: Environment | None = None


def annex_message(finding: dict) -> str:
    """A published finding in the annex's words (present/findings_text.py), with its
    values; never a count of people."""
    key = annex_key(finding)
    if key is None:
        return GENERIC
    params = {
        name: fmt_usd(value) if name in MONEY_PARAMS else value
        for name, value in (finding.get("params") or {}).items()
    }
    try:
        return ANNEX[key].format(**params)
    except (KeyError, IndexError):  # a finding without the values its words need
        return GENERIC


def warning_message(warning: dict) -> str:
    """A warning that travels with a figure, in words (figures/warnings.py)."""
    return english(warning)


def environment() -> Environment:
    global _ENV
    if _ENV is None:
        env = Environment(
            loader=FileSystemLoader(str(TEMPLATES_DIR)),
            autoescape=True,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )
        env.filters.update(
            show=show,
            raw=raw,
            clip=clip,
            md=markdown_html,
            chart_html=chart_html,
            date=fmt_date,
            annex_message=annex_message,
            warning_message=warning_message,
        )
        _ENV = env
    return _ENV


def _level_label(chapter: Chapter) -> str:
    if chapter.level == LEVEL_REGION:
        return f"Region: {len(COUNTRIES)} countries in {len(PLATFORMS)} platforms"
    if chapter.level == LEVEL_PLATFORM:
        p = PLATFORMS[chapter.scope]
        return f"Sub-regional platform: {len(p.countries)} countries"
    country = COUNTRIES[chapter.scope]
    platform = PLATFORMS[country.platform]
    return (
        "Country (national platform)"
        if platform.national
        else f"Country in the {platform.name} platform"
    )


def section_html(chapter: Chapter, section: str, **charts) -> str:
    """One section of the chapter page as HTML; `charts` are `charts.Chart`s (or None) for
    the section's slots (e.g. `main=`, `target=`, `progress=`)."""
    if section not in SECTIONS:
        raise ValueError(f"unknown section '{section}' (one of {', '.join(SECTIONS)})")
    if section == "regional" and chapter.level != LEVEL_REGION:
        return ""
    template = environment().get_template(f"section_{section}.html.j2")
    return template.render(
        chapter=chapter,
        charts=charts,
        people_parts=PEOPLE_PARTS,
        narratives=filled_narratives(chapter),
        footnotes=footnotes(chapter, chapter.funding_as_of),
        period=period_label(chapter.period_start, chapter.period_end),
        labels={**POPULATION_LABELS, "not_disaggregated": "Not disaggregated"},
        level_label=_level_label(chapter),
        no_rows=any(w["code"] == "no_rows" for w in chapter.key_figures.get("warnings", [])),
        withheld_note=WITHHELD_NOTE,
        scope_words="the region" if chapter.level == LEVEL_REGION else chapter.scope_name,
        country_level=chapter.level == LEVEL_COUNTRY,
    )


def show_section(chapter: Chapter, section: str, **charts) -> None:
    """Display one section in the notebook (as HTML output, which is what the page keeps)."""
    from IPython.display import HTML, display

    display(HTML(section_html(chapter, section, **charts)))


# ---------------------------------------------------------------- notebook -> page


def publishable(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of an executed notebook holding only what a page may show: displayed HTML and
    images. Streams (stdout, stderr, warnings), errors, and plain-text reprs are dropped."""
    import nbformat

    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            if output.get("output_type") not in ("display_data", "execute_result"):
                continue
            data = {k: v for k, v in output.get("data", {}).items() if k in PUBLISHED_MIMETYPES}
            if data:
                output["data"] = data
                kept.append(output)
        cell["outputs"] = kept
    return nb


def notebook_to_html(nb: nbformat.NotebookNode, *, title: str = "Sector chapter") -> str:
    """One self-contained HTML page from an executed chapter notebook."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_file=str(TEMPLATES_DIR / "chapter_page.html.j2"),
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_markdown=True,
        exclude_raw=True,
        exclude_unknown=True,
    )
    exporter.display_data_priority = list(PUBLISHED_MIMETYPES)
    body, _ = exporter.from_notebook_node(
        publishable(nb), resources={"r4v": {"title": title, "version": __version__}}
    )
    if re.search(r"<\s*script", body, re.IGNORECASE):
        raise RenderError("the page would hold a <script> element; refusing to write it")
    return body


def write_exports(chapter: Chapter, out_dir: str | Path) -> dict[str, Path]:
    """Write `<scope>.csv`, `<scope>.json` and `<scope>.datapackage.json` (chapter.exports'
    `export_files`) into out_dir; return their paths."""
    paths = {}
    for kind, (name, data) in export_files(chapter).items():
        paths[kind] = Path(out_dir) / name
        write_atomic(paths[kind], data)
    return paths
