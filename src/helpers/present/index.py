"""The reports folder's front pages, one per edition: every chapter with its key figures
and links.

`index.html` (English, at the top), `es/index.html` and `pt/index.html`: each in its
language, rendered like the chapter pages (`templates/index.html.j2`, the edition's Jinja
environment: autoescaped, every sentence through the catalogue, numbers in the
edition's locale), self-contained (inline style, no script, no external resource), with
the language switch to the other editions' indexes. Each links its own edition's chapter
and annex pages, PDFs and exports (`COL.csv` beside `es/index.html` is `es/COL.csv`). It
is written from the build state (`.build-state.json`), so a chapter that was not rebuilt
keeps its figures and a chapter that failed in this build says so, with its error, and
links to its previous version when there is one.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from babel.lists import format_list

from .. import __version__
from ..core import geography
from ..core.files import write_atomic
from ..core.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    SOURCE_LANGUAGE,
    check_language,
    edition,
    gettext,
    language,
    ngettext,
)
from ..core.paths import INDEX_NAME, edition_path, index_path
from ..core.sectors import sector_title
from ..figures.document import reached_headline
from .formatting import chapter_name, period_label
from .render import edition_href, environment

FILE_NAMES = {
    "chapter": "{scope}.html",
    "annex": "{scope}-annex.html",
    "pdf": "{scope}.pdf",
    "csv": "{scope}.csv",
    "json": "{scope}.json",
}
"""A chapter's published files (render.page_names; the PDF is the PDF step's, linked when it
is there)."""
DOWNLOAD_LABELS = {
    "chapter": N_("Chapter"),
    "annex": N_("Annex"),
    "pdf": "PDF",
    "csv": "CSV",
    "json": "JSON",
}
"""How a row names each file it links: its pages in words, to translate; the formats by
their names, the same in every edition."""
EDITION_PAGES = ("chapter", "annex")

STATUS_TEXT = {
    "built": N_("built"),
    "unchanged": N_("unchanged"),
    "failed": N_("failed"),
    "not built": N_("not built"),
}
NATIONAL_PLATFORMS = N_("National platforms")
SUBREGIONAL_GROUP = N_("%(platform)s sub-regional platform and its countries")
TITLE = N_("%(sector)s: the chapters")


def _href(name: str) -> str:
    return quote(name)


def _key_figures(figures: dict | None) -> dict:
    """The scope's key figures, whatever wrapper the chapter returned them in."""
    if not figures:
        return {}
    return figures.get("key_figures", figures) if isinstance(figures, dict) else {}


def _row(scope: str, record: dict | None, outcome: str, out_dir: Path, depth: int) -> dict:
    """One chapter's row of the active edition's index."""
    lang = language()
    record = record or {}
    kf = _key_figures(record.get("figures"))
    files = record.get("files") or {}
    names = {kind: pattern.format(scope=scope) for kind, pattern in FILE_NAMES.items()}
    # where each file sits in the reports folder; the index links it from beside it
    where = {kind: edition_path(lang, name) for kind, name in names.items()}
    links = names
    has_page = where["chapter"] in files and (out_dir / where["chapter"]).is_file()
    failed = outcome == "failed"
    reached = kf.get("reached")
    return {
        "scope": scope,
        "depth": depth,
        "name": chapter_name(scope),
        "href": _href(links["chapter"]) if has_page and not failed else None,
        "warnings": list(kf.get("warnings") or []),
        "no_rows": any(w.get("code") == "no_rows" for w in kf.get("warnings") or []),
        "fig": {
            "reached": reached_headline(reached) if isinstance(reached, dict) else reached,
            **{
                key: kf.get(key)
                for key in (
                    "percent_of_target",
                    "reporting_partners",
                    "implementing_partners",
                    "donors",
                    "funding_usd",
                    "refugee_migrant_led_partners",
                )
            },
        }
        if kf
        else None,
        "downloads": [
            {
                "label": gettext(label) if kind in EDITION_PAGES else label,
                "href": _href(links[kind]),
            }
            for kind, label in DOWNLOAD_LABELS.items()
            if (where[kind] in files or kind == "pdf") and (out_dir / where[kind]).is_file()
        ],
        "status": gettext(STATUS_TEXT[outcome]) if outcome in STATUS_TEXT else outcome,
        "status_class": {"failed": "status-failed", "built": "status-ok"}.get(outcome, "small"),
        "failed": failed,
        "error": record.get("error") or gettext(STATUS_TEXT["failed"]),
        "previous": _href(links["chapter"]) if failed and has_page else None,
        "built_at": record.get("built_at"),
    }


def _groups() -> list[tuple[str, list[tuple[str, int]]]]:
    """The index's rows in order, by group: the region, the national platforms, then each
    sub-regional platform followed by its countries (scope, depth)."""
    groups = [(chapter_name(geography.REGION), [(geography.REGION, 0)])]
    national = [p.countries[0] for p in geography.PLATFORMS.values() if p.national]
    groups.append((gettext(NATIONAL_PLATFORMS), [(c, 0) for c in national]))
    for pid, platform in geography.PLATFORMS.items():
        if not platform.national:
            title = gettext(SUBREGIONAL_GROUP, platform=geography.platform_name(pid))
            groups.append((title, [(pid, 0)] + [(c, 1) for c in platform.countries]))
    return groups


def render_index(
    out_dir: Path,
    state: dict,
    outcomes: dict[str, str],
    lang: str = SOURCE_LANGUAGE,
    languages: tuple[str, ...] | list[str] | None = None,
) -> str:
    """The index page's HTML in `lang`'s edition. `state` is the build state; `outcomes`
    maps scope to this build's outcome (built, unchanged, failed); scopes not in it were
    not asked for. `languages`: the editions built, which the switch links (default: the
    build state's, else `lang` alone)."""
    lang = check_language(lang)
    out_dir = Path(out_dir)
    chapters = state.get("chapters", {})
    build = state.get("build", {})
    built = languages or build.get("languages") or (lang,)
    editions = [e for e in LANGUAGES if e in built or e == lang]
    with edition(lang):
        groups = []
        for title, scopes in _groups():
            rows = []
            for scope, depth in scopes:
                record = chapters.get(scope)
                outcome = outcomes.get(scope) or (record or {}).get("status") or "not built"
                if outcome == "ok":
                    outcome = "unchanged"
                rows.append(_row(scope, record, outcome, out_dir, depth))
            groups.append({"title": title, "rows": rows})
        failed = [s for s, o in outcomes.items() if o == "failed"]
        failed_note = ""
        if failed:
            names = format_list([geography.scope_name(s) for s in failed], locale=lang)
            failed_note = ngettext(
                "This build could not produce the chapter %(chapters)s. Its row says why; a "
                "previous version, where one exists, is linked and was not made from this data.",
                "This build could not produce the chapters %(chapters)s. Their rows say why; a "
                "previous version, where one exists, is linked and was not made from this data.",
                len(failed),
                chapters=names,
            )
        period = ""
        if build.get("period_start") and build.get("period_end"):
            period = period_label(build["period_start"], build["period_end"])
        return (
            environment(lang)
            .get_template("index.html.j2")
            .render(
                lang=lang,
                switch=[
                    {
                        "lang": e,
                        "name": LANGUAGE_NAMES[e],
                        "current": e == lang,
                        "href": edition_href(lang, e, INDEX_NAME),
                    }
                    for e in editions
                ]
                if len(editions) > 1
                else [],
                title=gettext(TITLE, sector=sector_title(build.get("sector") or "Sector")),
                dataset=build.get("dataset") or "",
                period=period,
                finished_at=build.get("finished_at") or "",
                version=build.get("version") or __version__,
                synthetic=bool(build.get("synthetic")),
                failed=bool(failed),
                failed_note=failed_note,
                groups=groups,
                funding_as_of=build.get("funding_as_of"),
                min_count=int(build.get("min_count") or 5),
            )
        )


def write_index(
    out_dir: Path,
    state: dict,
    outcomes: dict[str, str],
    lang: str = SOURCE_LANGUAGE,
    languages: tuple[str, ...] | list[str] | None = None,
) -> Path:
    """Write `lang`'s index (`index.html`, `es/index.html`) into out_dir; its path."""
    path = Path(out_dir) / index_path(lang)
    html = render_index(Path(out_dir), state, outcomes, lang, languages)
    write_atomic(path, html.encode("utf-8"))
    return path
