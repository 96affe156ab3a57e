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

import functools
import hashlib
import io
import math
import re
import weakref
from datetime import datetime, timezone
from pathlib import Path

from babel import Locale
from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
)
from markupsafe import Markup

from .. import __version__
from ..chapter.model import LEVEL_COUNTRY, LEVEL_PLATFORM, LEVEL_REGION, PEOPLE_PARTS, Chapter
from ..core import geography
from ..core.columns import POPULATION_LABELS, population_label
from ..core.files import write_atomic
from ..core.geography import COUNTRIES, PLATFORMS
from ..core.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    SOURCE_LANGUAGE,
    check_language,
    edition,
    gettext,
    language,
    translations,
)
from ..core.localnumbers import decimal
from ..core.numbers import finite_number as number
from ..core.paths import TEMPLATES_DIR, edition_path
from ..core.sectors import sector_title
from ..disclosure import is_hidden
from ..figures.warnings import message as warning_text
from .edition_exports import edition_export_files
from .findings_text import check_title, severity_label
from .findings_text import message as finding_text
from .formatting import (
    chapter_name,
    clip,
    country_words,
    data_language,
    fit_scope,
    fmt_date,
    fmt_people,
    fmt_percent,
    fmt_timestamp,
    fmt_usd,
    others,
    period_label,
    scope_phrase,
    unit_name,
)
from .notes import footnotes
from .placeholders import filled_narratives
from .statistics_text import (
    correlation_text,
    output_indicator,
    output_share_text,
    output_type,
    spread_text,
)

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
# {figure: (alt, its HTML)}: a chart the notebook shows and the page then writes (or two
# pages print) is drawn once. A figure changed since is drawn again: matplotlib marks it
# stale, and chart_html marks it fresh once drawn.
_DRAWN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


WITHHELD_NOTE = N_(
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
        return missing if v is None else fmt_people(v)
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
    if language() != SOURCE_LANGUAGE:
        return decimal(v, 0 if v.is_integer() else 1)
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
    if chart is not None and hasattr(chart, "in_edition"):
        # its figure may hold another edition's words now (editions relabel one figure)
        chart = chart.in_edition()
    if chart is None:
        return Markup("")
    if chart.figure is None:
        return Markup('<p class="note chart-empty">{}</p>').format(chart.alt)
    kept = _DRAWN.get(chart.figure)
    if kept is not None and kept[0] == chart.alt and not chart.figure.stale:
        return kept[1]
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
    drawn = (
        Markup('<figure class="chart">')
        + open_tag
        + Markup("<title>{}</title>").format(chart.alt)
        + Markup(body.strip())
        + Markup("</figure>")
    )
    chart.figure.stale = False  # as drawn: any later change to it marks it stale again
    _DRAWN[chart.figure] = (chart.alt, drawn)
    return drawn


# ---------------------------------------------------------------- sections

_ENVS: dict[str, Environment] = {}


def annex_message(finding: dict) -> str:
    """A published finding in the annex's words, in the active edition
    (present/findings_text.py), with its values; never a count of people."""
    return finding_text(finding)


def warning_message(warning: dict) -> str:
    """A warning that travels with a figure, in words, in the active edition."""
    return warning_text(warning)


def words(text: object) -> str:
    """A label the chapter holds as an English message (a population type, an issue), in
    the active edition; a label no catalogue has is an error, never English on the page."""
    return gettext(str(text))


def _data_span(text: object, text_lang: str, limit: int = 240) -> Markup:
    """A name the data gives, which a browser must not translate: `translate="no"`, and its
    language where it is not the page's."""
    mark = Markup("") if text_lang == language() else Markup(' lang="{}"').format(text_lang)
    return Markup('<span translate="no"{}>{}</span>').format(mark, clip(text, limit))


def data_words(text: object, limit: int = 240) -> Markup:
    """Words the dataset gives as they are (a situation indicator, its unit, an activity):
    marked `lang="en"` on another edition's page when they read as English
    (`data_language`); words that may be the page's own language are left unmarked."""
    return _data_span(text, data_language(text) or language(), limit)


def indicator_name(indicator: object, chapter: Chapter) -> Markup:
    """An output's indicator in the active edition (`output_indicator`), marked as data:
    the list's name in the page's language, else the English marked `lang="en"`."""
    text, lang = output_indicator(indicator, chapter)
    return _data_span(text, lang)


def indicator_type(kind: object, indicator: object, chapter: Chapter) -> Markup:
    """An output's indicator type in the active edition (`output_type`); the type as
    given is marked English (`translate="no"`)."""
    text, lang = output_type(kind, indicator, chapter)
    if lang == SOURCE_LANGUAGE:
        return Markup('<span translate="no" lang="{}">{}</span>').format(SOURCE_LANGUAGE, text)
    return Markup.escape(clip(text, 120))


class TemplateCodeCache(FileSystemBytecodeCache):
    """The templates' compiled code, shared by every edition's environment and kept on
    disk (Jinja's private per-user folder), so a template is compiled once, not once per
    edition, chapter and process: a reused kernel imports this package afresh for each
    chapter, and compiling the templates cost about 0.45 s per edition there (by hand). Jinja keys
    each entry on the template's name and path and checks its source and Python's
    bytecode version on load, so an edited template is compiled again. A cache that
    cannot be written is no cache, never a failed page."""

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a full disk or read-only temp: this template is compiled next time


@functools.cache
def template_code_cache() -> BytecodeCache | None:
    """The process's `TemplateCodeCache` (None where no private folder can be made)."""
    try:
        return TemplateCodeCache()
    except (OSError, RuntimeError):  # Jinja refuses a temp folder that is not private
        return None


def _fitting_scope(gettext_in_templates):
    """The templates' `_()` (or `ngettext()`) with the scope fitted into each sentence that names it
    (`formatting.fit_scope`: "em o Brasil" -> "no Brasil"), after Jinja has filled it."""

    @pass_context
    def gettext_fitted(context, *messages, **variables):
        sentence = gettext_in_templates(context, *messages, **variables)
        fitted = fit_scope(sentence, variables.get("scope"))
        return Markup(fitted) if isinstance(sentence, Markup) else fitted

    return gettext_fitted


def environment(lang: str | None = None) -> Environment:
    """The templates' Jinja environment of an edition (default: the active one):
    autoescaped, strict, with `_()` and `{% trans %}` from the edition's catalogue. One per
    language, so pages of two editions never share a catalogue."""
    lang = check_language(lang or language())
    if lang not in _ENVS:
        env = Environment(
            loader=FileSystemLoader(str(TEMPLATES_DIR)),
            autoescape=True,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.i18n"],
            bytecode_cache=template_code_cache(),
        )
        env.install_gettext_translations(  # type: ignore[attr-defined]
            translations(lang), newstyle=True
        )
        for name in ("gettext", "ngettext"):
            env.globals[name] = _fitting_scope(env.globals[name])
        env.filters.update(
            show=show,
            raw=raw,
            clip=clip,
            md=markdown_html,
            chart_html=chart_html,
            date=fmt_date,
            timestamp=fmt_timestamp,
            correlation_text=correlation_text,
            output_share_text=output_share_text,
            spread_text=spread_text,
            annex_message=annex_message,
            warning_message=warning_message,
            check_title=check_title,
            unit_name=unit_name,
            words=words,
            others=others,
            indicator_name=indicator_name,
            data_words=data_words,
            country_words=country_words,
            severity=severity_label,
            code=lambda text: Markup("<code>{}</code>").format(text),
            indicator_type=indicator_type,
            upfirst=lambda text: str(text)[:1].upper() + str(text)[1:],
            singular=lambda n: Locale.parse(lang).plural_form(n) == "one",
        )
        _ENVS[lang] = env
    return _ENVS[lang]


def edition_href(from_lang: str, to_lang: str, name: str) -> str:
    """A relative link from a page of `from_lang`'s edition to the file `name` of
    `to_lang`'s (English at the top, the others in `<lang>/`)."""
    up = "" if from_lang == SOURCE_LANGUAGE else "../"
    if from_lang == to_lang:
        return name
    return up + edition_path(to_lang, name)


def page_names(scope: str) -> dict[str, str]:
    """The files a chapter is published as, in each edition's folder, as its pages link
    them: its pages, its exports and its edition's index beside them (`es/COL.html` links
    `es/COL.csv` and `es/index.html`) (the PDF is the PDF step's)."""
    return {
        "chapter": f"{scope}.html",
        "annex": f"{scope}-annex.html",
        "csv": f"{scope}.csv",
        "json": f"{scope}.json",
        "datapackage": f"{scope}.datapackage.json",
        "pdf": f"{scope}.pdf",
        "index": "index.html",  # each edition has its own index
    }


REGION_LEVEL = N_("%(countries)s countries in %(platforms)s national and sub-regional platforms")
PLATFORM_LEVEL = N_("Sub-regional platform of %(countries)s countries")
NATIONAL_LEVEL = N_("National platform")
SUBREGIONAL_MEMBER = N_("%(platform)s sub-regional platform")


def _level_label(chapter: Chapter) -> str:
    if chapter.level == LEVEL_REGION:
        return gettext(REGION_LEVEL, countries=len(COUNTRIES), platforms=len(PLATFORMS))
    if chapter.level == LEVEL_PLATFORM:
        p = PLATFORMS[chapter.scope]
        return gettext(PLATFORM_LEVEL, countries=len(p.countries))
    country = COUNTRIES[chapter.scope]
    platform = PLATFORMS[country.platform]
    if platform.national:
        return gettext(NATIONAL_LEVEL)
    return gettext(SUBREGIONAL_MEMBER, platform=geography.platform_name(platform.id))


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


UNIT_HEADINGS = {
    "platform": N_("Platform"),
    "country": N_("Country"),
    "admin-1 place": N_("Admin-1 place"),
}


def edition_narratives(chapter: Chapter) -> tuple[dict[str, str], list[str]]:
    """The analysts' text of the active edition, filled; and, where this edition has none,
    the editions built that have it (the page says so and links them)."""
    lang = language()
    by_language = chapter.narratives_by_language
    if not by_language:  # a chapter built before editions, or a dataset without them
        return filled_narratives(chapter), []
    texts = by_language.get(lang)
    if texts:
        return filled_narratives(chapter, texts), []
    return {}, [other for other in chapter.languages if other != lang and other in by_language]


def _context(chapter: Chapter, section: str, charts: dict) -> dict:
    lang = language()
    names = page_names(chapter.scope)
    annex = section in ANNEX_SECTIONS
    narratives, elsewhere = edition_narratives(chapter)
    editions = [e for e in chapter.languages if e in LANGUAGES]
    return dict(
        lang=lang,
        editions=editions,
        edition_names=LANGUAGE_NAMES,
        narrative_elsewhere=[
            {"lang": e, "name": LANGUAGE_NAMES[e], "href": edition_href(lang, e, names["chapter"])}
            for e in elsewhere
        ],
        switch=[
            {
                "lang": e,
                "name": LANGUAGE_NAMES[e],
                "current": e == lang,
                "href": edition_href(lang, e, names["annex" if annex else "chapter"]),
            }
            for e in editions
        ]
        if len(editions) > 1
        else [],
        missing={key: gettext(text) for key, text in chapter.missing.items()},
        scope_name=chapter_name(chapter.scope),
        unit_heading=gettext(UNIT_HEADINGS[chapter.infographic_unit])
        if chapter.infographic_unit in UNIT_HEADINGS
        else chapter.infographic_unit,
        chapter=chapter,
        charts=charts,
        people_parts=PEOPLE_PARTS,
        narratives=narratives,
        generated=not narratives,
        footnotes=footnotes(chapter, chapter.funding_as_of),
        period=period_label(chapter.period_start, chapter.period_end),
        labels={p: population_label(p) for p in [*POPULATION_LABELS, "not_disaggregated"]},
        level_label=_level_label(chapter),
        no_rows=any(w["code"] == "no_rows" for w in chapter.key_figures.get("warnings", [])),
        withheld_note=gettext(WITHHELD_NOTE),
        scope_words=scope_phrase(chapter.scope, geography.scope_name(chapter.scope)),
        scope_title=chapter_name(chapter.scope),
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
    """The charts the notebook chose for a section, drawn in the active edition."""
    chosen = chapter.shown.get(CHARTS_FROM.get(section, section)) or {}
    return {slot: c.in_edition() if hasattr(c, "in_edition") else c for slot, c in chosen.items()}


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


def publication_html(
    chapter: Chapter, languages: tuple[str, ...] | list[str] | None = None
) -> dict[str, str]:
    """Both pages of a chapter in every edition: path in the reports folder -> HTML."""
    names = page_names(chapter.scope)
    pages = {}
    for lang in _editions(chapter, languages):
        with edition(lang):
            for p in ("chapter", "annex"):
                pages[edition_path(lang, names[p])] = page_html(chapter, p)
    return pages


def _editions(chapter: Chapter, languages) -> tuple[str, ...]:
    """The editions to write, in edition order (None: the manifest's)."""
    wanted = {check_language(x) for x in (languages or chapter.languages or (SOURCE_LANGUAGE,))}
    chapter.languages = tuple(x for x in LANGUAGES if x in wanted)
    return chapter.languages


def write_publication(
    chapter: Chapter,
    out_dir: str | Path,
    languages: tuple[str, ...] | list[str] | None = None,
) -> dict[str, Path]:
    """Write the chapter as published into out_dir, in each edition (`languages`, default
    the manifest's): both pages and the exports (`<scope>.html`, `<scope>-annex.html`,
    `<scope>.csv`, `.json` and `.datapackage.json`), English at the top, the others in
    `<lang>/`. Returns paths by kind (`chapter`, `csv`, ...: English; `es:chapter`, ...)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = page_names(chapter.scope)
    paths: dict[str, Path] = {}
    for lang in _editions(chapter, languages):
        with edition(lang):
            folder = out / edition_path(lang, "")
            for kind, path in write_exports(chapter, folder).items():
                paths[kind if lang == SOURCE_LANGUAGE else f"{lang}:{kind}"] = path
            for page in ("chapter", "annex"):
                path = out / edition_path(lang, names[page])
                write_atomic(path, page_html(chapter, page).encode("utf-8"))
                paths[page if lang == SOURCE_LANGUAGE else f"{lang}:{page}"] = path
    return paths


def write_exports(chapter: Chapter, out_dir: str | Path) -> dict[str, Path]:
    """Write `<scope>.csv`, `<scope>.json` and `<scope>.datapackage.json` into out_dir, in
    the active edition (`edition_exports`); return their paths."""
    paths = {}
    for kind, (name, data) in edition_export_files(chapter).items():
        paths[kind] = Path(out_dir) / name
        write_atomic(paths[kind], data)
    return paths
