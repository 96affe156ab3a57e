"""Chapter -> HTML: the two pages a chapter is published as, written from the chapter and
the notebook's choices.

* `section_html` turns one section of a `chapter.Chapter` into HTML (Jinja2 templates in
  `templates/`, autoescaped: every string from data is inert text; every sentence through
  `_()` so that a catalogue can translate it). Narratives go through markdown-it-py with raw
  HTML and images disabled and links limited to http(s) and mailto. Printed numbers carry
  `data-kind` / `data-value` attributes so tests and the audit can read them back.
* `show_section` displays a section in the notebook and records it, with the charts the
  notebook chose, on the chapter; `write_publication` then writes `<scope>.html` (the
  chapter an editor publishes) and `<scope>-annex.html` (the technical annex), each
  self-contained, no scripts, and the CSV and JSON exports.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from datetime import datetime, timezone
from pathlib import Path

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
from .findings_text import ANNEX, GENERIC, MONEY_PARAMS, annex_key, check_title
from .formatting import fmt_date, fmt_people, fmt_percent, fmt_usd, period_label, scope_phrase
from .notes import footnotes
from .placeholders import filled_narratives

KERNEL_NAME = "r4v-report"
CHAPTER_SECTIONS = (
    "header",
    "key_figures",
    "infographic",
    "situation",
    "response",
    "lessons",
    "footnotes",
)
"""The chapter page (CHAPTER.md section 1), in order."""
ANNEX_SECTIONS = (
    "annex_header",
    "regional",
    "annex_situation",
    "annex_response",
    "annex_lessons",
    "quality",
    "provenance",
)
"""The technical annex (CHAPTER.md section 2), in order."""
SECTIONS = CHAPTER_SECTIONS + ANNEX_SECTIONS
"""Every section of both pages: what the audit reads to see every number published."""
CHARTS_FROM = {
    "annex_situation": "situation",
    "annex_response": "response",
    "annex_lessons": "lessons",
}
"""An annex section draws the charts the notebook gave its chapter section (the tables
behind a chart sit in the annex, the story on the chapter page)."""
SECTOR_NAMES = {"protection (human trafficking and smuggling)": "Human Trafficking and Smuggling"}
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
    """The templates' Jinja environment: autoescaped, strict, with `_()` and `{% trans %}`
    (null translations until an edition installs a catalogue)."""
    global _ENV
    if _ENV is None:
        env = Environment(
            loader=FileSystemLoader(str(TEMPLATES_DIR)),
            autoescape=True,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.i18n"],
        )
        env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
        env.filters.update(
            show=show,
            raw=raw,
            clip=clip,
            md=markdown_html,
            chart_html=chart_html,
            date=fmt_date,
            annex_message=annex_message,
            warning_message=warning_message,
            check_title=check_title,
            upfirst=lambda text: str(text)[:1].upper() + str(text)[1:],
        )
        _ENV = env
    return _ENV


def sector_title(sector: str) -> str:
    """The sector as the report names it: "Human Trafficking and Smuggling", not the 5W's
    "Protection (Human Trafficking and Smuggling)"; another sector as it is written."""
    return SECTOR_NAMES.get(" ".join(str(sector).casefold().split()), str(sector))


def scope_title(chapter: Chapter) -> str:
    """The scope as the report's headings write it."""
    return "Regional overview" if chapter.level == LEVEL_REGION else chapter.scope_name


def page_names(scope: str) -> dict[str, str]:
    """The files a chapter is published as, side by side in the reports folder (the PDF is
    the PDF step's)."""
    return {
        "chapter": f"{scope}.html",
        "annex": f"{scope}-annex.html",
        "csv": f"{scope}.csv",
        "json": f"{scope}.json",
        "pdf": f"{scope}.pdf",
        "index": "index.html",
    }


def _level_label(chapter: Chapter) -> str:
    if chapter.level == LEVEL_REGION:
        return f"{len(COUNTRIES)} countries in {len(PLATFORMS)} national and sub-regional platforms"
    if chapter.level == LEVEL_PLATFORM:
        p = PLATFORMS[chapter.scope]
        return f"Sub-regional platform of {len(p.countries)} countries"
    country = COUNTRIES[chapter.scope]
    platform = PLATFORMS[country.platform]
    return "National platform" if platform.national else f"{platform.name} sub-regional platform"


def budget_check(chapter: Chapter) -> dict | None:
    """Where the infographic's budget rows do not add up to the budget card: the rows' sum
    and what the rest is, so the two figures printed side by side reconcile."""
    t = chapter.infographic
    if not chapter.has_funding or chapter.level == LEVEL_COUNTRY or t is None:
        return None
    if "funding_usd" not in t.columns:
        return None
    rows = [number(v) for k, v in t["funding_usd"].items() if k != "total"]
    total = number(chapter.key_figures.get("funding_usd"))
    if total is None:
        return None
    parts = sum(v for v in rows if v is not None)
    rest = total - parts
    if rest < 0.5:  # rows adding up to more: nothing to reconcile in words
        return None
    return {"parts": parts, "rest": rest, "total": total}


def _context(chapter: Chapter, section: str, charts: dict) -> dict:
    names = page_names(chapter.scope)
    annex = section in ANNEX_SECTIONS
    narratives = filled_narratives(chapter)
    return dict(
        chapter=chapter,
        charts=charts,
        people_parts=PEOPLE_PARTS,
        narratives=narratives,
        generated=not narratives,
        footnotes=footnotes(chapter, chapter.funding_as_of),
        period=period_label(chapter.period_start, chapter.period_end),
        labels={**POPULATION_LABELS, "not_disaggregated": "Not disaggregated"},
        level_label=_level_label(chapter),
        no_rows=any(w["code"] == "no_rows" for w in chapter.key_figures.get("warnings", [])),
        withheld_note=WITHHELD_NOTE,
        scope_words=scope_phrase(chapter.scope, chapter.scope_name),
        scope_title=scope_title(chapter),
        sector_title=sector_title(chapter.sector),
        country_level=chapter.level == LEVEL_COUNTRY,
        names=names,
        links=chapter.links,
        notes_href="" if not annex else names["chapter"],
        budget=budget_check(chapter),
    )


def section_html(chapter: Chapter, section: str, **charts) -> str:
    """One section of the chapter page or of the annex as HTML; `charts` are
    `charts.Chart`s (or None) for the section's slots (e.g. `main=`, `target=`)."""
    if section not in SECTIONS:
        raise ValueError(f"unknown section '{section}' (one of {', '.join(SECTIONS)})")
    if section == "regional" and chapter.level != LEVEL_REGION:
        return ""
    template = environment().get_template(f"section_{section}.html.j2")
    return template.render(**_context(chapter, section, charts))


def show_section(chapter: Chapter, section: str, **charts) -> None:
    """Display one section in the notebook, and record it with the charts the notebook
    chose for it: `write_publication` publishes them."""
    from IPython.display import HTML, display

    if section not in SECTIONS:
        raise ValueError(f"unknown section '{section}' (one of {', '.join(SECTIONS)})")
    chapter.shown[section] = dict(charts)
    display(HTML(section_html(chapter, section, **charts)))


# ---------------------------------------------------------------- the two pages


def _charts_for(chapter: Chapter, section: str) -> dict:
    return dict(chapter.shown.get(CHARTS_FROM.get(section, section)) or {})


def page_html(chapter: Chapter, page: str, *, built_at: str | None = None) -> str:
    """`page` "chapter" or "annex": one self-contained HTML page (inline style, no script,
    a Content-Security-Policy that forbids any outside resource), every section of it
    rendered with the charts the notebook recorded."""
    sections = {"chapter": CHAPTER_SECTIONS, "annex": ANNEX_SECTIONS}[page]
    body = Markup("\n").join(
        Markup(section_html(chapter, s, **_charts_for(chapter, s))) for s in sections
    )
    ctx = _context(chapter, "annex_header" if page == "annex" else "header", {})
    html = (
        environment()
        .get_template("page.html.j2")
        .render(
            **ctx,
            page=page,
            body=body,
            version=__version__,
            built_at=built_at
            or chapter.provenance.get("built_at")
            or datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        )
    )
    if re.search(r"<\s*script", html, re.IGNORECASE):
        raise RenderError("the page would hold a <script> element; refusing to write it")
    return html


def publication_html(chapter: Chapter) -> dict[str, str]:
    """Both pages of a chapter: file name -> HTML."""
    names = page_names(chapter.scope)
    return {names[p]: page_html(chapter, p) for p in ("chapter", "annex")}


def write_publication(chapter: Chapter, out_dir: str | Path) -> dict[str, Path]:
    """Write the chapter as published into out_dir: `<scope>.html`, `<scope>-annex.html`,
    `<scope>.csv` and `<scope>.json`; return their paths by kind."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = page_names(chapter.scope)
    paths = write_exports(chapter, out)
    for page in ("chapter", "annex"):
        path = out / names[page]
        write_atomic(path, page_html(chapter, page).encode("utf-8"))
        paths[page] = path
    return paths


def write_exports(chapter: Chapter, out_dir: str | Path) -> dict[str, Path]:
    """Write `<scope>.csv`, `<scope>.json` and `<scope>.datapackage.json` (chapter.exports'
    `export_files`) into out_dir; return their paths."""
    paths = {}
    for kind, (name, data) in export_files(chapter).items():
        paths[kind] = Path(out_dir) / name
        write_atomic(paths[kind], data)
    return paths
