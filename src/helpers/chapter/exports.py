"""Machine-readable exports: figures as flat CSV (with an HXL hashtag row) and JSON, for
`r4v-report figures` and for each chapter, and the Frictionless data package that
describes both (so that a reader's tool knows the types, the hashtags and that `<k` and
`[c]` are suppressed cells, not text).

Every text cell that a spreadsheet would read as a formula is neutralised.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..core.columns import POPULATION_TYPES
from ..core.geography import REGIONAL
from ..core.i18n import N_, SOURCE_LANGUAGE, gettext, language
from ..disclosure import assert_no_small_counts
from ..figures.document import FiguresDocument, ScopeFigures
from ..figures.reach import NO_PLACE
from .context import ChapterContext
from .model import LEVEL_COUNTRY, LEVEL_PLATFORM, LEVEL_REGION, PEOPLE_PARTS, TOTAL, Chapter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _words(message: str) -> str:
    """A column's title or description in the active edition. The catalogues hold them as
    Python format strings (`%%` for a per cent sign, as Babel extracts them)."""
    return gettext(message) % {}


@dataclass(frozen=True)
class Column:
    """One column of the figures CSV: its name, HXL hashtag, Table Schema type and meaning
    (the CSV's hashtag row and its data package are both made from this list). The title
    and description are messages, written in the active edition; the name and the hashtag
    are the same in every edition, so that a program reads each edition's files alike."""

    name: str
    hxl: str
    type: str  # Table Schema type: string, integer, number
    title: str
    description: str
    people: bool = False  # a count of people: suppressed `<k` / `[c]` unless exact;
    # its description is then followed by the `_SUPPRESSED` sentence
    signed: bool = False  # may be below 0 (a difference, not a count)

    def field(self, exact: bool) -> dict[str, Any]:
        """The column as a Table Schema field, its HXL hashtag as the custom property `hxl`.
        Published counts of people are whole people; exact ones may carry the fractions of
        people that rows split across population types."""
        out: dict[str, Any] = {
            "name": self.name,
            "type": "number" if (self.people and exact) else self.type,
            "title": _words(self.title),
            "description": _words(self.description)
            + (" " + _words(_SUPPRESSED) if self.people else ""),
            "hxl": self.hxl,
        }
        if self.type == "integer" and not self.signed:  # counts of people or organisations
            out["constraints"] = {"minimum": 0}
        return out


_SUPPRESSED = N_("Shown `<k` (k: the smallest count published) or `[c]` when suppressed.")
"""The sentence every people column's description ends with (`Column.suppressed`)."""
_PARTS = {  # each population type's column: whole sentences, not a label glued in
    "in_destination": (
        N_("People reached: in destination"),
        N_(
            "People reached in destination: new beneficiaries counted once per partner, "
            "activity and place."
        ),
    ),
    "in_transit": (
        N_("People reached: in transit"),
        N_(
            "People reached in transit: new beneficiaries counted once per partner, activity "
            "and place."
        ),
    ),
    "host_community": (
        N_("People reached: affected host communities"),
        N_(
            "People reached in affected host communities: new beneficiaries counted once per "
            "partner, activity and place."
        ),
    ),
    "pendular": (
        N_("People reached: pendular"),
        N_(
            "People reached among pendular movers: new beneficiaries counted once per "
            "partner, activity and place."
        ),
    ),
    "colombian_returnees": (
        N_("People reached: Colombian returnees"),
        N_(
            "People reached among Colombian returnees: new beneficiaries counted once per "
            "partner, activity and place."
        ),
    ),
}
COLUMNS: list[Column] = [
    Column(
        "level",
        "#meta+level",
        "string",
        N_("Level"),
        N_(
            "What the row is: region, platform, country, admin1 (an admin-1 place) or "
            "regional_activities (activities reported for the region, in no country)."
        ),
    ),
    Column(
        "id",
        "#meta+id",
        "string",
        N_("Identifier"),
        N_(
            "region, the platform id, the country's ISO3 code, the admin-1 place as "
            "reported, or REGIONAL."
        ),
    ),
    Column(
        "name",
        "#meta+name",
        "string",
        N_("Name"),
        N_(
            "The row's name in English (an admin-1 place as the 5W rows name it, in their "
            "language)."
        ),
    ),
    Column(
        "platform",
        "#region+code",
        "string",
        N_("Platform"),
        N_(
            "The R4V platform (sub-regional, e.g. caribbean, or national, e.g. colombia) the "
            "row is or belongs to; empty for the region."
        ),
    ),
    Column(
        "country_code",
        "#country+code",
        "string",
        N_("Country (ISO3)"),
        N_(
            "ISO 3166-1 alpha-3 code of the country the row is or lies in; empty for rows "
            "above country level."
        ),
    ),
    Column(
        "country_name",
        "#country+name",
        "string",
        N_("Country"),
        N_("The country's name in English."),
    ),
    Column(
        "adm1_name",
        "#adm1+name",
        "string",
        N_("Admin-1 place"),
        N_(
            "The admin-1 place as the 5W rows name it; empty for other rows and where the "
            "rows give no place."
        ),
    ),
    Column(
        "reached_total",
        "#reached+ind+total",
        "integer",
        N_("People reached"),
        N_("People reached, all population types."),
        people=True,
    ),
    *[
        Column(f"reached_{p}", f"#reached+ind+{p}", "integer", *_PARTS[p], people=True)
        for p in POPULATION_TYPES
    ],
    Column(
        "reached_not_disaggregated",
        "#reached+ind+not_disaggregated",
        "integer",
        N_("People reached: not disaggregated"),
        N_(
            "People reached whom the 5W rows do not split by population type: the total "
            "less the parts, below 0 where the parts exceed the total (warning "
            "breakdown_exceeds_total)."
        ),
        people=True,
        signed=True,
    ),
    Column(
        "reached_total_excluding_in_transit",
        "#reached+ind+total+excl_in_transit",
        "integer",
        N_("People reached, in transit left out"),
        N_(
            "The region's headline: people in transit are counted in each country they pass "
            "through, so they are not added up across countries; empty below the region."
        ),
        people=True,
    ),
    Column(
        "target",
        "#targeted+ind+total",
        "integer",
        N_("People targeted"),
        N_("People targeted in the response plan; empty when the dataset has no targets."),
    ),
    Column(
        "percent_of_target",
        "#reached+pct+of_target",
        "number",
        N_("%% of target"),
        N_("People reached as a percentage of people targeted; empty without a target."),
    ),
    Column(
        "reporting_partners",
        "#org+reporting+num",
        "integer",
        N_("Reporting partners"),
        N_("Organisations that reported activities (not to be added up across rows)."),
    ),
    Column(
        "implementing_partners",
        "#org+impl+num",
        "integer",
        N_("Implementing partners"),
        N_("Organisations that carried out activities (not to be added up across rows)."),
    ),
    Column(
        "refugee_migrant_led_partners",
        "#org+impl+refugee_migrant_led+num",
        "integer",
        N_("Refugee- and migrant-led implementing partners"),
        N_(
            "Implementing partners led by refugees and migrants; empty when the partner "
            "reference does not say which are."
        ),
    ),
    Column(
        "funding_usd",
        "#value+funding+usd",
        "number",
        N_("Budget received (USD)"),
        N_(
            "Funding received as reported to OCHA's FTS, in US dollars; empty without a "
            "funding extract."
        ),
    ),
    Column(
        "donors",
        "#org+funder+num",
        "integer",
        N_("Donors"),
        N_("Donors of the funding received; empty without a funding extract."),
    ),
    Column(
        "warnings",
        "#meta+warnings",
        "string",
        N_("Warnings"),
        N_("Codes of the warnings on the row's figures, separated by `;` (docs/methodology.md)."),
    ),
]
FIGURE_COLUMNS = [(c.name, c.hxl) for c in COLUMNS]
LEVEL_ADMIN1, LEVEL_REGIONAL_ACTIVITIES = "admin1", "regional_activities"  # rows, not chapters
LEVELS = [LEVEL_REGION, LEVEL_PLATFORM, LEVEL_COUNTRY, LEVEL_ADMIN1, LEVEL_REGIONAL_ACTIVITIES]


def neutralise(value):
    """Prefix text that a spreadsheet would execute as a formula with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        try:
            float(value)
            return value  # a plain negative number written as text is data, not a formula
        except ValueError:
            return "'" + value
    return value


def entry_row(
    level: str,
    entry: Mapping[str, Any],
    *,
    country: tuple[str, str] | None = None,
    adm1: str | None = None,
) -> dict:
    """One scope's figures as one flat row in COLUMNS (figures CSV, chapter CSV).

    Each HXL place column holds one kind of place, so that a HXL tool can filter or join on
    it: `platform` (#region) is filled on a platform's row and on every row inside it,
    `country_code`/`country_name` (#country) on a country's row and its admin-1 rows
    (`country`: ISO3 and name), `adm1_name` (#adm1) on admin-1 rows only."""
    if level == LEVEL_COUNTRY:
        country = (entry["iso3"], entry.get("name", ""))
    reached = entry.get("reached") or {}
    row = {
        "level": level,
        "id": entry.get("iso3") or entry.get("id") or level,
        "name": entry.get("name", ""),
        "platform": entry["id"] if level == LEVEL_PLATFORM else entry.get("platform", ""),
        "country_code": country[0] if country else None,
        "country_name": country[1] if country else None,
        "adm1_name": adm1,
        "reached_total": reached.get("total"),
        **{f"reached_{p}": reached.get(p) for p in POPULATION_TYPES},
        "reached_not_disaggregated": reached.get("not_disaggregated"),
        "reached_total_excluding_in_transit": reached.get("total_excluding_in_transit"),
    }
    row["warnings"] = ";".join(w["code"] for w in entry.get("warnings") or [])
    for key in (
        "target",
        "percent_of_target",
        "reporting_partners",
        "implementing_partners",
        "refugee_migrant_led_partners",
        "funding_usd",
        "donors",
    ):
        row[key] = entry.get(key)
    return row


def figures_table(doc: dict) -> pd.DataFrame:
    """One row per scope (region, platforms, countries, regional activities)."""
    rows = [entry_row(LEVEL_REGION, doc["region"])]
    rows += [entry_row(LEVEL_PLATFORM, p) for p in doc["platforms"]]
    rows += [entry_row(LEVEL_COUNTRY, c) for c in doc["countries"]]
    rows += regional_activities_rows(doc)
    return _table(rows)


def _table(rows: list[dict]) -> pd.DataFrame:
    """Figures rows (`entry_row`'s) as a table of COLUMNS, in their order."""
    return pd.DataFrame(rows, columns=[c for c, _ in FIGURE_COLUMNS])


REGIONAL_ACTIVITIES = N_("Regional activities")  # the name of their row


def regional_activities_rows(doc: Mapping[str, Any]) -> list[dict]:
    """The regional-activities block of a figures document as a row (none if it has none):
    regional rows belong to no country, so they get a level and an id of their own."""
    block = doc.get("regional_activities")
    if not block:
        return []
    return [
        entry_row(
            LEVEL_REGIONAL_ACTIVITIES,
            {**block, "id": REGIONAL, "name": gettext(REGIONAL_ACTIVITIES)},
        )
    ]


def csv_with_hxl(df: pd.DataFrame, hxl: dict[str, str] | None = None) -> str:
    """CSV text: header row, HXL hashtag row, then data; formula-like text neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralise(str(c)) for c in df.columns])
    if hxl is not None:
        writer.writerow([hxl.get(c, "") for c in df.columns])
    for values in df.itertuples(index=False):
        writer.writerow([_cell(v) for v in values])
    return out.getvalue()


def _cell(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return neutralise(v)


def figures_csv(doc: dict) -> str:
    return _table_csv(figures_table(doc))


def _table_csv(table: pd.DataFrame) -> str:
    """A figures table as CSV, with the HXL hashtag row of COLUMNS."""
    return csv_with_hxl(table, dict(FIGURE_COLUMNS))


def to_json(doc) -> str:
    """JSON with numbers as numbers, NaN as null, and whole floats as integers."""
    return json.dumps(_clean(doc), ensure_ascii=False, indent=2)


def _clean(obj):
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set)):
        return [_clean(v) for v in (sorted(obj) if isinstance(obj, set) else obj)]
    if isinstance(obj, float):
        if math.isnan(obj) or math.isinf(obj):
            return None
        return int(obj) if obj.is_integer() else round(obj, 4)
    if hasattr(obj, "item"):  # numpy scalar
        return _clean(obj.item())
    return obj


# ---------------------------------------------------------------- one chapter


def chapter_exports(ctx: ChapterContext, chapter: Chapter) -> dict:
    """The chapter's JSON document and CSV (suppressed unless exact exports were asked for)."""
    exact = ctx.exact
    entry = ctx.exact_entry if exact else ctx.entry
    doc = ctx.exact_document if exact else ctx.published_document
    tables = {
        "infographic": chapter.infographic,
        "reached_vs_target": chapter.reached_vs_target,
        "age_gender": chapter.age_gender,
        "progress": chapter.progress,
        "by_activity": chapter.by_activity,
        "by_partner": chapter.by_partner,
        "outputs": chapter.outputs,
        "lessons_countries": chapter.lessons.countries,
        "lessons_platforms": chapter.lessons.platforms,
        "misalignment": chapter.lessons.misalignment,
        "misalignment_organisations": chapter.lessons.organisations,
    }
    if exact:
        tables.update({k: v for k, v in ctx.exact_tables.items() if k in tables})
    if chapter.situation is not None:
        tables["situation"] = (
            ctx.exact_tables.get("situation")
            if exact
            else chapter.situation[
                ["country", "indicator", "published", "unit", "source", "date"]
            ].rename(columns={"published": "value"})
        )
    document = {
        "language": SOURCE_LANGUAGE,  # an edition's exports are this document translated
        "dataset": ctx.manifest.name,
        "synthetic": ctx.manifest.synthetic,
        "sector": ctx.analysis.sector,
        "period": {"start": ctx.manifest.period_start, "end": ctx.manifest.period_end},
        "scope": {"id": ctx.scope, "name": chapter.scope_name, "level": ctx.level},
        "exact": exact,
        "min_count": ctx.min_count,
        "funding_as_of": chapter.funding_as_of,
        "key_figures": entry,
        "tables": {name: _records(df) for name, df in tables.items() if df is not None},
        "withheld_tables": chapter.withheld,
        "people_hidden": chapter.people_hidden if not exact else None,
        "lessons": {
            "rank_correlation": {
                "rho": chapter.lessons.correlation.rho,
                "p_value": chapter.lessons.correlation.p_value,
                "n": chapter.lessons.correlation.n,
                "note": None,  # in words: the edition's (present.edition_exports)
            },
            "coverage_spread": {
                "cv": chapter.lessons.spread.cv,
                "mean": chapter.lessons.spread.mean,
                "n": chapter.lessons.spread.n,
                "note": None,
            },
            "output_share": {
                "output_rows": chapter.lessons.outputs.output_rows,
                "rows": chapter.lessons.outputs.rows,
                "share": chapter.lessons.outputs.share,
                "by_type": chapter.lessons.outputs.by_type,
            },
        },
        "missing": chapter.missing,
        "provenance": chapter.provenance,
    }
    if exact:  # what pages (the chapter's, the index) may print, beside the exact figures
        document["key_figures_published"] = ctx.entry
    if ctx.level == LEVEL_REGION:
        document["regional_activities"] = doc.get("regional_activities")
        document["regional_funding_usd"] = doc.get("regional_funding_usd")
    if not exact:
        assert_no_small_counts(
            {"key_figures": entry, "regional": document.get("regional_activities")}, ctx.min_count
        )
    rows = chapter_rows(ctx, chapter, doc, entry)
    return {"document": document, "csv": rows_csv(rows), "rows": rows}


def rows_csv(rows: list[dict]) -> str:
    """Figures rows (`entry_row`'s) as the CSV of COLUMNS, with its HXL hashtag row."""
    return _table_csv(_table(rows))


def chapter_rows(
    ctx: ChapterContext, chapter: Chapter, doc: FiguresDocument, entry: ScopeFigures
) -> list[dict]:
    """Key figures of the scope and of each unit one level down, one row each (the rows of
    the chapter's CSV, named in English)."""
    rows = [entry_row(ctx.level, entry)]
    if ctx.level == LEVEL_REGION:
        rows += [entry_row(LEVEL_PLATFORM, p) for p in doc["platforms"]]
        rows += regional_activities_rows(doc)
    elif ctx.level == LEVEL_PLATFORM:
        by_iso3 = {c["iso3"]: c for c in doc["countries"]}
        rows += [entry_row(LEVEL_COUNTRY, by_iso3[c]) for c in ctx.countries]
    else:
        table = ctx.exact_tables["infographic"] if ctx.exact else chapter.infographic
        if table is None:  # withheld: it would give a small count away
            table = pd.DataFrame(index=[TOTAL])
        for place, r in table.drop(index=TOTAL).iterrows():
            rows.append(
                entry_row(
                    LEVEL_ADMIN1,
                    {
                        "id": place,
                        "name": r["name"],
                        "platform": entry.get("platform", ""),
                        "reached": {**{p: r[p] for p in PEOPLE_PARTS}, "total": r["total"]},
                    },
                    country=(ctx.scope, chapter.scope_name),
                    adm1=None if place == NO_PLACE else r["name"],
                )
            )
    return rows


def _records(df: pd.DataFrame) -> list[dict]:
    out = []
    for idx, row in df.iterrows():
        rec = {"id": idx if not isinstance(idx, (np.integer,)) else int(idx)}
        for col, v in row.items():
            if isinstance(v, float) and math.isnan(v):
                v = None
            elif isinstance(v, (list, tuple)):
                v = [list(x) if isinstance(x, tuple) else x for x in v]
            rec[str(col)] = v
        out.append(rec)
    return out


# ---------------------------------------------------------------- data packages

HXL_DIALECT = {"headerRows": [1], "commentRows": [2]}
"""Row 1 names the fields; row 2, the HXL hashtags, is skipped by Frictionless readers."""


def json_bytes(doc) -> bytes:
    """A JSON export as written to file (one `to_json` document and a newline)."""
    return (to_json(doc) + "\n").encode("utf-8")


def missing_values(min_count: int) -> list[str]:
    """What a suppressed or not-reported cell holds: empty (not reported), `<k` (a small
    count) or `[c]` (hidden so that a small count cannot be worked out from a total)."""
    return ["", f"<{min_count}", "[c]"]


def figures_schema(min_count: int, exact: bool) -> dict[str, Any]:
    """The Table Schema of a figures CSV (chapter's or `r4v-report figures`'): suppressed
    cells read as missing, never as text in a number column."""
    fields = [c.field(exact) for c in COLUMNS]
    fields[0]["constraints"] = {"required": True, "enum": LEVELS}
    fields[1]["constraints"] = {"required": True}
    return {
        "fields": fields,
        "missingValues": missing_values(min_count),
        "primaryKey": ["level", "id"],
    }


def data_package(
    *,
    name: str,
    title: str,
    description: str,
    csv_file: tuple[str, bytes],
    json_file: tuple[str, bytes],
    min_count: int,
    exact: bool,
    sources: list[dict] | None = None,
    created: str | None = None,
    about: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A Frictionless data package (v1 descriptor, read by frictionless v5) describing a
    figures CSV and its JSON document, with each file's size and sha256 so that a reader can
    check the files are the ones described."""
    package: dict[str, Any] = {
        "name": _slug(name),
        "title": title,
        "description": description,
    }
    if created:
        package["created"] = created
    if sources:
        package["sources"] = sources
    if about:
        package["r4v"] = about  # what the files are of, for a program (custom property)
    package["resources"] = [
        _file_resource(
            "figures",
            gettext(FIGURES_RESOURCE),
            csv_file,
            "csv",
            "text/csv",
        )
        | {"dialect": dict(HXL_DIALECT), "schema": figures_schema(min_count, exact)},
        _file_resource(
            "document",
            gettext(DOCUMENT_RESOURCE),
            json_file,
            "json",
            "application/json",
        ),
    ]
    return package


def _file_resource(
    name: str, title: str, file: tuple[str, bytes], fmt: str, mediatype: str
) -> dict[str, Any]:
    """A data package resource for one written file: where it is, what it is, and its
    size and sha256 so that a reader can check it is the file described."""
    path, data = file
    return {
        "name": name,
        "title": title,
        "path": path,
        "format": fmt,
        "mediatype": mediatype,
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
    }


def _slug(text: str) -> str:
    """A data package name: lower case letters, digits and dashes."""
    return "-".join(
        "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in text.lower()).split()
    )


FIGURES_RESOURCE = N_("Figures, one row per scope (with an HXL hashtag row)")
DOCUMENT_RESOURCE = N_("Figures and tables as one JSON document")
CHAPTER_TITLE = N_("%(sector)s: %(scope)s, %(dataset)s")
CHAPTER_DESCRIPTION = N_(
    "Key figures of the chapter %(scope)s (%(start)s to %(end)s) and of each unit one level "
    "down, and the chapter's tables."
)
FIGURES_TITLE = N_("%(sector)s: figures by country, platform and region, %(dataset)s")
FIGURES_DESCRIPTION = N_("One row per scope (%(start)s to %(end)s).")
SYNTHETIC = N_("Synthetic data.")
EXACT = N_("Exact figures: no count is suppressed.")
SUPPRESSED = N_(
    "Counts of people from 1 to %(largest)s are shown as <%(k)s, and a cell from which one "
    "could be worked out as [c]: both read as missing values. An empty cell is a figure not "
    "reported (never 0)."
)


def _description(first: str, synthetic: bool, exact: bool, min_count: int) -> str:
    """A package's description in the active edition: what it holds, whether the data are
    synthetic, and how small counts are shown (whole sentences, one after another)."""
    sentences = [first]
    if synthetic:
        sentences.append(gettext(SYNTHETIC))
    if exact:
        sentences.append(gettext(EXACT))
    else:
        sentences.append(gettext(SUPPRESSED) % {"largest": min_count - 1, "k": min_count})
    return " ".join(sentences)


def chapter_package(
    chapter: Chapter, doc: Mapping[str, Any] | None = None, csv_text: str | None = None
) -> dict[str, Any]:
    """The data package of a chapter's exports: `<scope>.csv` and `<scope>.json` (`doc`
    and `csv_text`, default the chapter's own, in English), with the inputs they were built
    from as sources and the build time as `created`; its words in the active edition, the
    sector and scope named as the document names them."""
    doc = chapter.figures_document() if doc is None else doc
    csv_text = chapter.figures_csv() if csv_text is None else csv_text
    provenance = doc.get("provenance") or {}
    scope_name = doc["scope"]["name"]
    scope = {"scope": scope_name, "start": chapter.period_start, "end": chapter.period_end}
    return data_package(
        name=f"{chapter.sector} {chapter.scope}",
        title=gettext(CHAPTER_TITLE)
        % {"sector": doc["sector"], "scope": scope_name, "dataset": chapter.dataset_name},
        description=_description(
            gettext(CHAPTER_DESCRIPTION) % scope,
            chapter.synthetic,
            chapter.exact,
            chapter.min_count,
        ),
        csv_file=(f"{chapter.scope}.csv", csv_text.encode("utf-8")),
        json_file=(f"{chapter.scope}.json", json_bytes(doc)),
        min_count=chapter.min_count,
        exact=chapter.exact,
        sources=input_sources(provenance.get("inputs") or []),
        created=_rfc3339(provenance.get("built_at")),
        about={
            "dataset": chapter.dataset_name,
            "synthetic": chapter.synthetic,
            "sector": chapter.sector,
            "period": {"start": chapter.period_start, "end": chapter.period_end},
            "scope": {"id": chapter.scope, "name": chapter.scope_name, "level": chapter.level},
            "exact": chapter.exact,
            "min_count": chapter.min_count,
            "language": doc.get("language", language()),
        },
    )


def figures_package(
    doc: Mapping[str, Any],
    *,
    exact: bool,
    inputs: list[dict] | None = None,
    sector: str | None = None,
) -> dict[str, Any]:
    """The data package of `r4v-report figures --out DIR`: `figures.csv` and `figures.json`
    (`exact`: the document is the exact one, not the suppressed one). `sector`: as the
    dataset spells it (default the document's), for the package's name and `r4v.sector`,
    which a program reads and which are the same in every edition; the title names the
    document's (an edition's words)."""
    sector = sector or doc["sector"]
    return data_package(
        name=f"{sector} figures",
        title=gettext(FIGURES_TITLE) % {"sector": doc["sector"], "dataset": doc["dataset"]},
        description=_description(
            gettext(FIGURES_DESCRIPTION) % doc["period"],
            bool(doc.get("synthetic")),
            exact,
            doc["min_count"],
        ),
        csv_file=(FIGURES_FILES["csv"], figures_csv(dict(doc)).encode("utf-8")),
        json_file=(FIGURES_FILES["json"], json_bytes(doc)),
        min_count=doc["min_count"],
        exact=exact,
        sources=input_sources(inputs or []),
        about={
            "dataset": doc["dataset"],
            "synthetic": doc.get("synthetic"),
            "sector": sector,
            "period": doc["period"],
            "exact": exact,
            "min_count": doc["min_count"],
            "language": language(),
        },
    )


FIGURES_FILES = {
    "csv": "figures.csv",
    "json": "figures.json",
    "datapackage": "figures.datapackage.json",
}


def input_sources(inputs: list[dict]) -> list[dict]:
    """The dataset's input files as data package sources (title and checksum)."""
    return [
        {"title": f"{i['source']}: {i['file']}", "sha256": i.get("sha256")}
        for i in inputs
        if i.get("file")
    ]


def _rfc3339(built_at: str | None) -> str | None:
    """`2024-05-01 12:00 UTC` (provenance) as `2024-05-01T12:00:00Z` (a package's created)."""
    if not built_at or not built_at.endswith(" UTC"):
        return None
    day, _, time = built_at.removesuffix(" UTC").partition(" ")
    return f"{day}T{time}:00Z" if time else None


def export_files(
    chapter: Chapter, doc: Mapping[str, Any] | None = None, csv_text: str | None = None
) -> dict[str, tuple[str, bytes]]:
    """A chapter's export files, kind -> (file name, bytes): `<scope>.csv`, `<scope>.json`
    and `<scope>.datapackage.json` (their Frictionless data package). `doc` and `csv_text`:
    an edition's (present.editions), default the chapter's own, in English."""
    doc = chapter.figures_document() if doc is None else doc
    csv_text = chapter.figures_csv() if csv_text is None else csv_text
    return {
        "csv": (f"{chapter.scope}.csv", csv_text.encode("utf-8")),
        "json": (f"{chapter.scope}.json", json_bytes(doc)),
        "datapackage": (
            f"{chapter.scope}.datapackage.json",
            json_bytes(chapter_package(chapter, doc, csv_text)),
        ),
    }


def figures_files(
    doc: Mapping[str, Any],
    *,
    exact: bool,
    inputs: list[dict] | None = None,
    sector: str | None = None,
) -> dict[str, tuple[str, bytes]]:
    """`r4v-report figures --out DIR`'s files, kind -> (file name, bytes); `sector` as in
    `figures_package`."""
    package = figures_package(doc, exact=exact, inputs=inputs, sector=sector)
    return {
        "csv": (FIGURES_FILES["csv"], figures_csv(dict(doc)).encode("utf-8")),
        "json": (FIGURES_FILES["json"], json_bytes(doc)),
        "datapackage": (FIGURES_FILES["datapackage"], json_bytes(package)),
    }
