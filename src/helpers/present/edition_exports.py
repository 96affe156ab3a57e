"""A chapter's exports in an edition: its CSV, JSON and data package with the words the
project writes in the edition's language.

The chapter model holds its exports with English names and labels, and no words for its
statistics (`chapter.exports`); each edition's copy, English too, names the region,
platforms and countries, the population types, age and gender groups, the totals rows,
the misalignment issues, the outputs' types and measures, the warnings and the
statistics' notes in its own language, and its data package describes every column in
that language. What a program reads stays the same in every edition: field
names, HXL hashtags, ids, codes, months and numbers (never locale-formatted: `26200`, not
`26.200`). Names the data gives (activities, organisations, admin-1 places, situation
indicators and their sources) stay as the data gives them, and the provenance records the
build's parameters as they were given. One exception, shared with the pages: the JSON's
place tables name an admin-1 place that is a country's name (rows for the whole country)
as the edition names the country (`formatting.unit_name`); the CSV's admin-1 rows keep
the data's word in both `name` and `adm1_name`.
"""

from __future__ import annotations

import copy
from typing import Any

from ..chapter.exports import LEVEL_ADMIN1, REGIONAL_ACTIVITIES, export_files, rows_csv
from ..chapter.model import LEVEL_REGION, OTHER, TOTAL, Chapter
from ..chapter.people import ALL_ROWS, REGION_TOTAL
from ..core import geography
from ..core.geography import COUNTRIES
from ..core.i18n import gettext, language
from ..core.sectors import sector_name
from ..figures.warnings import message as warning_text
from .formatting import others, unit_name
from .statistics_text import correlation_note, output_indicator, output_type, spread_note

LABELLED_TABLES = ("reached_vs_target", "age_gender")
"""Tables whose rows carry a `label`: an English message (population type, age group)."""
PLACE_TABLES = ("infographic", "lessons_countries", "lessons_platforms", "misalignment")
"""Tables whose rows are places: a platform or country by its id, or an admin-1 place."""
RANKED_TABLES = ("by_activity", "by_partner")
"""Tables whose rows are the data's names, with a grouped row and a totals row."""
ISSUE_TABLES = ("misalignment", "misalignment_organisations")


def edition_export_files(chapter: Chapter) -> dict[str, tuple[str, bytes]]:
    """The chapter's export files (`chapter.exports.export_files`) in the active edition,
    English included (the chapter's document leaves the statistics' notes to the words of
    an edition)."""
    return export_files(chapter, edition_document(chapter), rows_csv(edition_rows(chapter)))


def edition_rows(chapter: Chapter) -> list[dict]:
    """The CSV's rows with the region, platforms and countries named in the active
    edition (admin-1 places as the 5W rows name them)."""
    rows = []
    for row in chapter.figures_rows():
        named = dict(row)
        if row["id"] == geography.REGIONAL:
            named["name"] = gettext(REGIONAL_ACTIVITIES)
        elif row["level"] != LEVEL_ADMIN1:  # an admin-1 place keeps the data's own name
            named["name"] = unit_name(row["id"], row["name"])
        if row.get("country_code") in COUNTRIES:
            named["country_name"] = geography.country_name(row["country_code"])
        rows.append(named)
    return rows


def edition_document(chapter: Chapter) -> dict[str, Any]:
    """The chapter's JSON document with the project's words in the active edition."""
    doc = copy.deepcopy(chapter.figures_document())
    doc["language"] = language()
    doc["sector"] = sector_name(doc["sector"])
    doc["scope"]["name"] = geography.scope_name(chapter.scope)
    for key in ("key_figures", "key_figures_published"):
        if doc.get(key):
            _reword_entry(doc[key], chapter.scope)
    tables = doc.get("tables") or {}
    _reword(tables, LABELLED_TABLES, "label", lambda row: gettext(row["label"]))
    _reword(tables, PLACE_TABLES, "name", lambda row: _place_row_name(row, chapter))
    _reword(tables, RANKED_TABLES, "name", _ranked_row_name)
    _reword(tables, ISSUE_TABLES, "issue", lambda row: gettext(row["issue"]))
    outputs = ("outputs",)
    _reword(tables, outputs, "type", lambda r: output_type(r["type"], r["indicator"], chapter)[0])
    _reword(tables, outputs, "measure", lambda row: gettext(row["measure"]))
    _reword(tables, outputs, "indicator", lambda r: output_indicator(r["indicator"], chapter)[0])
    lessons = doc.get("lessons") or {}
    if "rank_correlation" in lessons:
        lessons["rank_correlation"]["note"] = correlation_note(chapter.lessons.correlation)
    if "coverage_spread" in lessons:
        lessons["coverage_spread"]["note"] = spread_note(chapter.lessons.spread)
    doc["missing"] = {key: gettext(text) for key, text in (doc.get("missing") or {}).items()}
    return doc  # provenance as recorded: the parameters the build was given, verbatim


def edition_figures(doc: dict[str, Any]) -> dict[str, Any]:
    """A figures document (`r4v-report figures`: every country, platform and the region)
    with the project's words in the active edition: their names, notes and warnings, the
    sector's name. Its numbers, ids and codes as they are."""
    doc = copy.deepcopy(doc)
    doc["sector"] = sector_name(doc["sector"])
    for entry in [doc.get("region"), *doc.get("platforms", []), *doc.get("countries", [])]:
        if entry:
            _reword_entry(entry, entry.get("iso3") or entry["id"])
    for warning in (doc.get("regional_activities") or {}).get("warnings") or []:
        if "message" in warning:
            warning["message"] = warning_text(warning)
    return doc


def _reword(tables: dict, names: tuple[str, ...], key: str, words) -> None:
    """Each row of the named tables with its text `key` in the edition's words (rows
    without that text, as an exact table's may be, as they are)."""
    for name in names:
        for row in tables.get(name) or []:
            if isinstance(row.get(key), str):
                row[key] = words(row)


def _ranked_row_name(row: dict) -> str:
    """An activity or partner table's row: the totals and grouped rows in the edition's
    words, the data's names as given."""
    if row.get("id") == TOTAL:
        return gettext(ALL_ROWS)
    if row.get("id") == OTHER:
        return others(row["name"])
    return row["name"]


def _reword_entry(entry: dict, scope: str) -> None:
    """A key-figures entry of `scope` with its name, notes and warnings in the active
    edition, in place."""
    entry["name"] = geography.scope_name(scope)
    notes = entry.get("notes")
    if notes:
        entry["notes"] = {key: gettext(text) for key, text in notes.items()}
    for warning in entry.get("warnings") or []:
        if "message" in warning:
            warning["message"] = warning_text(warning)


def _place_row_name(row: dict, chapter: Chapter) -> str:
    """A place table's row named in the active edition: its totals row as the scope (the
    region's as "Region"), a platform or country by its id, an admin-1 place as given."""
    if row["id"] == TOTAL:
        if chapter.level == LEVEL_REGION:
            return gettext(REGION_TOTAL)
        return geography.scope_name(chapter.scope)
    return unit_name(row["id"], row["name"])
