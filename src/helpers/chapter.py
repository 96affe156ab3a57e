"""All one chapter needs, computed once and made fit to publish: one object per chapter.

Data moves one way: files -> load -> compute (`figures.Analysis`) -> chapter (here) ->
notebook (charts and words) -> render. Every number a chapter page prints is in a
`Chapter`, already through small-number disclosure control; the notebook only draws and
says, and the charts only draw these published values.

The page is always suppressed. `exact=True` changes only the machine-readable exports
(CSV and JSON), and only when the user asks for exact figures.
"""

from __future__ import annotations

import copy
import math
import os
import re
import weakref
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from . import __version__, disclosure, geography, lessons, partners, reach, targets
from .errors import InputError
from .exports import (
    FIGURE_COLUMNS,
    csv_with_hxl,
    entry_row,
    regional_activities_rows,
    to_json,
)
from .figures import Analysis
from .geography import PLATFORMS, REGION, REGIONAL
from .load import Dataset, load_dataset, sector_key
from .manifest import read_manifest
from .narratives import PLACEHOLDERS, fill
from .paths import NOTEBOOKS_DIR, ROOT
from .quality import Finding, findings_for_scope
from .schemas import AGE_GENDER, AGE_GENDER_LABELS, POPULATION_LABELS, POPULATION_TYPES

TOTAL = "total"
"""Index label of a table's totals row."""
OTHER = "__other__"
"""Index label of the row that groups the smaller activities or partners."""
NOT_DISAGGREGATED = "not_disaggregated"
PEOPLE_PARTS = [*POPULATION_TYPES, NOT_DISAGGREGATED]
TOP_ROWS = 12  # activities or partners listed one by one; the rest are grouped
MAX_FINDINGS_PER_CHECK = 200  # the annex lists at most this many rows per check

LEVEL_REGION, LEVEL_PLATFORM, LEVEL_COUNTRY = "region", "platform", "country"
SECTIONS = ("situation", "response", "lessons")

MISSING = {
    "funding": "This dataset has no funding extract, so budget received, donors and the "
               "funding analysis are left out.",
    "targets": "This dataset has no targets or people in need, so no percentage of target "
               "is shown.",
    "situation": "This dataset has no situation indicators, so the risk picture is left out.",
    "narratives": "This dataset has no analysts' text for this chapter.",
    "partners": "This dataset has no partner reference, so refugee- and migrant-led "
                "organisations cannot be identified.",
    "requirements": "This dataset has no financial requirements, so funding coverage is not "
                    "shown.",
}


# ---------------------------------------------------------------- display strings


COMPLEMENT = getattr(disclosure, "COMPLEMENT", "[c]")


def is_hidden(value) -> bool:
    """A published token instead of a count: `<5` (small) or `[c]` (hidden to protect one)."""
    return isinstance(value, str) and (value.startswith("<") or value == COMPLEMENT)


number = lessons.finite_number  # a finite number, or None (missing, NaN, hidden token, text)


def _round(value: float, places: int = 0) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


def fmt_people(value, *, short: bool = False, missing: str = "—") -> str:
    """People for display: 26,200 (or 26.2K when short); a hidden count stays `<5`."""
    if is_hidden(value):
        return str(value)
    v = number(value)
    if v is None:
        return missing
    if short and abs(v) >= 1000:
        for size, suffix in ((1e6, "M"), (1e3, "K")):
            if abs(v) >= size:
                text = f"{_round(v / size, 1):f}".removesuffix(".0")
                return f"{text}{suffix}"
    return f"{int(_round(v)):,}"


def fmt_percent(value, *, missing: str = "—") -> str:
    """78.8 % (one decimal)."""
    v = number(value)
    return missing if v is None else f"{_round(v, 1):f} %"


def fmt_usd(value, *, short: bool = False, missing: str = "—") -> str:
    """USD 3,521,000 (or USD 3.5M when short)."""
    v = number(value)
    if v is None:
        return missing
    if short and abs(v) >= 1000:
        for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
            if abs(v) >= size:
                return f"USD {f'{_round(v / size, 1):f}'.removesuffix('.0')}{suffix}"
    return f"USD {int(_round(v)):,}"


def fmt_date(value) -> str:
    """2024-04-01 -> 1 April 2024 (text that is not a date is shown as it is)."""
    try:
        d = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def period_label(start: str, end: str) -> str:
    """2023-01..2023-12 -> 2023; 2023-01..2023-06 -> January–June 2023."""
    s, e = date.fromisoformat(start + "-01"), date.fromisoformat(end + "-01")
    if s.year == e.year and s.month == 1 and e.month == 12:
        return str(s.year)
    if s.year == e.year:
        return f"{s.strftime('%B')}–{e.strftime('%B')} {s.year}"
    return f"{s.strftime('%B')} {s.year} – {e.strftime('%B')} {e.year}"


def hidden_words(token: str) -> str:
    """A token in prose: `<5` -> 'fewer than 5', `[c]` -> 'an undisclosed number'."""
    if token == COMPLEMENT:
        return "an undisclosed number"
    return f"fewer than {token[1:]}" if is_hidden(token) else token


# ---------------------------------------------------------------- parameters


@dataclass(frozen=True)
class ChapterParameters:
    """The notebook's parameters, checked and resolved, with the dataset loaded once."""

    data: Path
    sector: str
    scope: str
    output_dir: Path
    exact: bool
    dataset: Dataset = field(repr=False, compare=False)


def resolve_path(value: str | Path, *, must_exist: bool) -> Path:
    """An absolute path; a relative one is taken from the working folder (JupyterLab's is the
    notebook's), else the notebooks folder, else the project root, so the notebook's default
    `../data/sample` works wherever it runs."""
    path = Path(value).expanduser()
    if path.is_absolute():
        return path.resolve()
    candidates = [Path.cwd() / path, NOTEBOOKS_DIR / path, ROOT / path]
    if must_exist:
        for c in candidates:
            if c.exists():
                return c.resolve()
    return candidates[0].resolve()


def known_sectors(dataset: Dataset) -> list[str]:
    """Sector names in the indicator reference and the 5W rows (one spelling each)."""
    seen: dict[str, str] = {}
    for name in [*dataset.indicators["sector"], *pd.unique(dataset.activities["sector"])]:
        if str(name).strip():
            seen.setdefault(sector_key(name), str(name))
    return sorted(seen.values())


def check_scope(scope: object) -> str:
    """The canonical scope id, or InputError naming the choices."""
    resolved = geography.resolve_scope(scope) if isinstance(scope, str) else None
    if resolved is None:
        choices = ", ".join(geography.chapter_scopes()[:4])
        raise InputError(f"unknown scope '{scope}'", column="scope",
                         expected=f"{choices} or a country's ISO3 code such as COL")
    return resolved


def check_sector(dataset: Dataset, sector: str | None) -> str:
    """The sector to report on (the manifest's by default), or InputError when neither the
    indicator reference nor the 5W rows know it."""
    chosen = sector if sector not in (None, "") else dataset.manifest.sector
    if not isinstance(chosen, str):
        raise InputError(f"sector must be text, not {chosen!r}", column="sector")
    names = known_sectors(dataset)
    if sector_key(chosen) not in {sector_key(n) for n in names}:
        raise InputError(f"sector '{chosen}' is not in the indicator reference nor in the 5W "
                         "rows", column="sector", expected="one of: " + "; ".join(names))
    return chosen


def _load(folder: Path, sector: str | None = None) -> Dataset:
    """The dataset: from the Parquet snapshot a build pinned for its chapters (the sector's
    rows only, every scope's, read faster), else from its files. A chapter needs every
    scope's rows, since disclosure control is decided over the whole figures document."""
    from . import cache

    if os.environ.get(cache.KEY_ENV) and os.environ.get(cache.CACHE_ENV):
        return cache.load_cached(folder, sector=sector or read_manifest(folder).sector)
    return load_dataset(folder)


def validate_parameters(*, data, sector=None, scope="region", output_dir="../reports",
                        exact=False) -> ChapterParameters:
    """Check the notebook's parameters before anything is computed: an unknown scope or
    sector, a missing dataset or a non-boolean `exact` raises InputError (never a warning)."""
    if not isinstance(exact, bool):
        raise InputError(f"exact must be True or False, not {exact!r}", column="exact")
    scope_id = check_scope(scope)
    folder = resolve_path(data, must_exist=True)
    read_manifest(folder)  # a clear error for a wrong folder before the slower load
    dataset = _load(folder, sector if isinstance(sector, str) else None)
    chosen = check_sector(dataset, sector)
    out = resolve_path(output_dir, must_exist=False)
    return ChapterParameters(folder, chosen, scope_id, out, exact, dataset)


# ---------------------------------------------------------------- the chapter


@dataclass(frozen=True)
class Footnote:
    id: str
    marker: str
    text: str


@dataclass
class Lessons:
    """Funding against reach for the chapter's countries (and platforms, for the region)."""

    countries: pd.DataFrame | None  # published: per-person figures hidden with reached
    platforms: pd.DataFrame | None
    correlation: lessons.RankCorrelation
    spread: lessons.CoverageSpread
    misalignment: pd.DataFrame | None
    organisations: pd.DataFrame | None
    outputs: lessons.OutputShare
    sentences: list[str] = field(default_factory=list)


@dataclass
class Chapter:
    """One chapter: everything its page and exports print, already fit to publish."""

    scope: str
    scope_name: str
    level: str
    dataset_name: str
    synthetic: bool
    sector: str
    period_start: str
    period_end: str
    min_count: int
    exact: bool
    funding_as_of: str | None
    key_figures: dict
    infographic: pd.DataFrame
    infographic_unit: str
    reached_vs_target: pd.DataFrame
    age_gender: pd.DataFrame
    progress: pd.DataFrame
    by_activity: pd.DataFrame
    by_partner: pd.DataFrame
    refugee_migrant_led: dict | None
    outputs: pd.DataFrame
    situation: pd.DataFrame | None
    situation_groups: dict[str, pd.DataFrame]
    risk_concentration: pd.DataFrame | None
    situation_wide: pd.DataFrame | None  # country x indicator (published), several countries
    situation_units: dict[str, str]
    situation_sources: list[str]
    people_in_need: dict | None
    lessons: Lessons
    narratives: dict[str, str] | None
    footnotes: list[Footnote]
    findings: list[dict]
    finding_counts: dict[str, int]
    unprotected: list[str]
    provenance: dict
    missing: dict[str, str]
    platforms: pd.DataFrame | None = None  # region: all platforms side by side
    regional_activities: dict | None = None
    regional_funding_usd: float | None = None
    _exports: dict = field(default_factory=dict, repr=False)

    # -- convenience for templates and notebooks

    @property
    def period(self) -> str:
        return period_label(self.period_start, self.period_end)

    @property
    def has_funding(self) -> bool:
        return "funding" not in self.missing

    @property
    def has_targets(self) -> bool:
        return "targets" not in self.missing

    @property
    def headline(self):
        """The published people-reached figure (the region's excludes in-transit)."""
        reached = self.key_figures["reached"]
        return reached.get("total_excluding_in_transit", reached["total"])

    def placeholder_values(self) -> dict[str, str]:
        return placeholder_values(self)

    # -- exports

    def figures_document(self) -> dict:
        """The chapter's figures and tables as one JSON-ready document (suppressed unless the
        chapter was built with exact=True)."""
        return self._exports["document"]

    def figures_csv(self) -> str:
        """Key figures of the scope and of each unit one level down, as CSV with an HXL row."""
        return self._exports["csv"]

    def write_exports(self, out_dir: str | Path) -> dict[str, Path]:
        """Write `<scope>.csv` and `<scope>.json` into out_dir; return their paths."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        paths = {"csv": out / f"{self.scope}.csv", "json": out / f"{self.scope}.json"}
        paths["csv"].write_text(self.figures_csv(), encoding="utf-8")
        paths["json"].write_text(to_json(self.figures_document()) + "\n", encoding="utf-8")
        return paths


_DOCUMENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def figures_documents(analysis: Analysis) -> tuple[dict, disclosure.Suppression]:
    """The exact figures document and its suppression, computed once per Analysis (every
    chapter of a dataset prints from the same published document, as `r4v-report figures`
    does). Callers must not modify them."""
    cached = _DOCUMENTS.get(analysis)
    if cached is None and getattr(analysis.dataset, "cache_entry", None) is not None:
        from . import cache  # inside a build: the documents it computed once for all chapters

        built = cache.figures_documents(analysis.dataset.manifest.folder, analysis.sector)
        if built is not None:
            exact, published, unprotected = built
            cached = (exact, disclosure.Suppression(published, unprotected))
    if cached is None:
        exact = analysis.figures()
        cached = (exact, disclosure.suppress_figures_report(exact,
                                                            analysis.dataset.manifest.min_count))
    _DOCUMENTS[analysis] = cached
    return cached


def scope_level(scope: str) -> str:
    if scope == REGION:
        return LEVEL_REGION
    return LEVEL_PLATFORM if scope in PLATFORMS else LEVEL_COUNTRY


def doc_entry(doc: dict, scope: str) -> dict:
    """A scope's entry in a figures document."""
    if scope == REGION:
        return doc["region"]
    if scope in PLATFORMS:
        return next(p for p in doc["platforms"] if p["id"] == scope)
    return next(c for c in doc["countries"] if c["iso3"] == scope)


def headline_of(entry: dict):
    reached = entry["reached"]
    return reached.get("total_excluding_in_transit", reached["total"])


def build_chapter(source: Dataset | Analysis, scope: str, *, sector: str | None = None,
                  exact: bool = False, built_at: datetime | None = None) -> Chapter:
    """Build the chapter of one scope (`region`, a sub-regional platform id or an ISO3 code)
    from a dataset or an existing Analysis."""
    if isinstance(source, Analysis):
        if sector and sector_key(sector) != sector_key(source.sector):
            raise ValueError(f"the Analysis is for '{source.sector}', not '{sector}'")
        analysis = source
    else:
        analysis = Analysis(source, check_sector(source, sector) if sector else None)
    return _Builder(analysis, check_scope(scope), exact, built_at).build()


class _Builder:
    """Computes one chapter; each method builds one part from the Analysis."""

    def __init__(self, analysis: Analysis, scope: str, exact: bool, built_at: datetime | None):
        self.a = analysis
        self.ds = analysis.dataset
        self.m = self.ds.manifest
        self.k = self.m.min_count
        self.scope = scope
        self.level = scope_level(scope)
        self.exact = exact
        self.built_at = built_at or datetime.now(timezone.utc)
        self.countries = geography.scope_countries(scope)
        self.exact_doc, result = figures_documents(analysis)
        self.doc = result.published
        printed = {scope, *(PLATFORMS[scope].countries if scope in PLATFORMS else ())}
        self.unprotected = [_figure_path_label(self.doc, u) for u in result.unprotected
                            if self.level == LEVEL_REGION
                            or _figure_path_scope(self.doc, u) in printed]
        self.entry = copy.deepcopy(doc_entry(self.doc, scope))
        self.entry_exact = copy.deepcopy(doc_entry(self.exact_doc, scope))
        rows = analysis.scope_rows(scope)
        self.rows = rows[rows["country"] != REGIONAL] if scope == REGION else rows
        self.counted = reach.counted(self.rows)
        self.missing: dict[str, str] = {}
        if not analysis.has_funding:
            self.missing["funding"] = MISSING["funding"]
        if analysis.sector_targets is None or analysis.sector_targets.empty:
            self.missing["targets"] = MISSING["targets"]
        if self.ds.situation is None:
            self.missing["situation"] = MISSING["situation"]
        if not self.ds.narratives:
            self.missing["narratives"] = MISSING["narratives"]
        if not analysis.index.has_reference:
            self.missing["partners"] = MISSING["partners"]
        if self.ds.requirements is None:
            self.missing["requirements"] = MISSING["requirements"]
        self.exports: dict[str, pd.DataFrame] = {}  # exact tables, kept only when exact

    # -- helpers

    def _suppress_frame(self, name: str, df: pd.DataFrame, columns, *, row_total=None,
                        total_row=None) -> pd.DataFrame:
        result = disclosure.suppress_frame_report(df, columns, self.k, row_total, total_row)
        self.unprotected += [f"{name}: {row} / {col}" for row, col in result.unprotected]
        return result.published

    def _suppress_values(self, name: str, values: dict, relations, protected) -> dict:
        result = disclosure.suppress_values_report(values, relations, self.k,
                                                   protected=protected)
        self.unprotected += [f"{name}: {u}" for u in result.unprotected]
        return result.published

    def _people(self, rows: pd.DataFrame) -> pd.Series:
        """Each counted row's people for the scope's headline: at regional level in-transit
        people are left out, since they are never added up across countries."""
        people = rows["new_beneficiaries"].fillna(0.0)
        if self.level == LEVEL_REGION:
            people = people - rows["in_transit"].fillna(0.0)
        return people

    def _keep(self, name: str, df: pd.DataFrame | None) -> None:
        if self.exact and df is not None:
            self.exports[name] = df

    # -- parts

    def infographic(self) -> tuple[pd.DataFrame, str]:
        """People reached by population type and budget received, one level down, with the
        scope's totals row (index `TOTAL`)."""
        cols = ["name", *PEOPLE_PARTS, "total", "funding_usd"]
        if self.level == LEVEL_COUNTRY:
            return self._admin1_infographic(cols), "admin-1 place"

        def row(entry: dict, name: str) -> dict:
            r = entry["reached"]
            return {"name": name, **{p: r.get(p) for p in PEOPLE_PARTS}, "total": r.get("total"),
                    "funding_usd": entry.get("funding_usd")}

        def table(doc: dict) -> pd.DataFrame:
            if self.level == LEVEL_REGION:
                units = {p["id"]: row(p, p["name"]) for p in doc["platforms"]}
                region = doc["region"]
                totals = row(region, "Region")
                totals["in_transit"] = None  # never added up across countries
                totals["total"] = region["reached"]["total_excluding_in_transit"]
                platform_funding = [number(p.get("funding_usd")) for p in doc["platforms"]]
                totals["funding_usd"] = (None if not self.a.has_funding else
                                         float(sum(v or 0.0 for v in platform_funding)))
            else:
                by_iso3 = {c["iso3"]: c for c in doc["countries"]}
                units = {c: row(by_iso3[c], by_iso3[c]["name"]) for c in self.countries}
                totals = row(doc_entry(doc, self.scope), self.entry["name"])
            out = pd.DataFrame.from_dict({**units, TOTAL: totals}, orient="index", columns=cols)
            return out.astype(object)

        self._keep("infographic", table(self.exact_doc))
        return table(self.doc), "platform" if self.level == LEVEL_REGION else "country"

    def _admin1_infographic(self, cols) -> pd.DataFrame:
        rows = self.counted.assign(admin1=self.counted["admin1"].replace("", "(not given)"))
        by = reach.by_field(rows, "admin1") if not rows.empty else pd.DataFrame(
            columns=reach.REACHED_KEYS, dtype="float64")
        exact = pd.DataFrame({"name": by.index.astype(str), **{p: by[p] for p in PEOPLE_PARTS},
                              "total": by["total"], "funding_usd": None}, index=by.index)
        exact = exact.sort_values("total", ascending=False)
        published_total = {"name": self.entry["name"],
                           **{p: self.entry["reached"][p] for p in PEOPLE_PARTS},
                           "total": self.entry["reached"]["total"], "funding_usd": None}
        exact_total = {**published_total,
                       **{p: self.entry_exact["reached"][p] for p in [*PEOPLE_PARTS, "total"]}}
        self._keep("infographic", pd.concat(
            [exact, pd.DataFrame([exact_total], index=[TOTAL])]).reindex(columns=cols))
        table = pd.concat([exact.astype(object),
                           pd.DataFrame([published_total], index=[TOTAL]).astype(object)])
        table = table.reindex(columns=cols).astype(object)
        return self._suppress_frame("admin-1 table", table, PEOPLE_PARTS, row_total="total",
                                    total_row=TOTAL)

    def reached_vs_target(self) -> pd.DataFrame:
        """Reached, target and people in need by population type, with the scope's row."""
        st = self.a.sector_targets
        region = self.level == LEVEL_REGION
        if st is not None:
            st = st[st["country"].isin(list(self.countries))]

        def by_type(column: str) -> dict:
            if st is None:
                return {}
            out = {}
            for p in POPULATION_TYPES:
                v = st.loc[st["population_type"] == p, column].dropna()
                out[p] = float(v.sum()) if not v.empty else None
            return out

        target, pin = by_type("target"), by_type("people_in_need")
        rows = {}
        for entry, name in ((self.entry, "published"), (self.entry_exact, "exact")):
            table = {}
            for p in POPULATION_TYPES:
                reached = None if region and p == "in_transit" else entry["reached"][p]
                t = None if region and p == "in_transit" else target.get(p)
                n = None if region and p == "in_transit" else pin.get(p)
                table[p] = {"label": POPULATION_LABELS[p], "people_in_need": n, "target": t,
                            "reached": reached, "percent_of_target": _percent(reached, t)}
            total_target = self.a.target(self.scope)
            total_pin = targets.target_for(self.a.sector_targets, self.countries,
                                           exclude_in_transit=region, column="people_in_need")
            headline = headline_of(entry)
            table[TOTAL] = {"label": "All population types" + (
                " (in transit excluded)" if region else ""),
                "people_in_need": total_pin, "target": total_target, "reached": headline,
                "percent_of_target": entry["percent_of_target"]}
            rows[name] = pd.DataFrame.from_dict(table, orient="index").astype(object)
        self._keep("reached_vs_target", rows["exact"])
        return rows["published"]

    def age_gender(self) -> pd.DataFrame:
        """People reached by age and gender. The region's breakdown cannot separate in-transit
        people, so its total is all people reached in the 17 countries and only shares of it
        are shown."""
        exact = reach.age_gender(self.counted) if not self.counted.empty else {
            **{c: 0.0 for c in AGE_GENDER}, NOT_DISAGGREGATED: 0.0}
        entry_total = self.entry["reached"]["total"]
        exact_total = self.entry_exact["reached"]["total"]
        keys = [*AGE_GENDER, NOT_DISAGGREGATED]
        values = {TOTAL: entry_total, **{c: exact[c] for c in keys}}
        published = self._suppress_values("age and gender", values, [(TOTAL, keys)], {TOTAL})
        labels = {**AGE_GENDER_LABELS, NOT_DISAGGREGATED: "Not disaggregated",
                  TOTAL: "All people reached"}

        def frame(vals: dict, total) -> pd.DataFrame:
            t = number(total)
            rows = {}
            for key in [*keys, TOTAL]:
                v = vals[key]
                share = 100.0 * number(v) / t if number(v) is not None and t else None
                rows[key] = {"label": labels[key], "people": v, "share": share}
            return pd.DataFrame.from_dict(rows, orient="index").astype(object)

        self._keep("age_gender", frame({TOTAL: exact_total, **exact}, exact_total))
        out = frame(published, entry_total)
        if self.level == LEVEL_REGION:
            out["people"] = None  # shares only: counts would add in-transit people up
        return out

    def progress(self) -> pd.DataFrame:
        """Monthly new people and their running total; the last equals people reached."""
        months = self.m.months()
        rows = self.counted.assign(new_beneficiaries=self._people(self.counted))
        exact = reach.monthly_progress(rows, months).set_index("month")
        headline = headline_of(self.entry)
        new = {f"new {m}": float(exact.at[m, "new"]) for m in months}
        cum = {f"cumulative {m}": float(exact.at[m, "cumulative"]) for m in months}
        last = f"cumulative {months[-1]}"
        if is_hidden(headline):
            cum[last] = headline
        relations = []
        for i, m in enumerate(months):
            parts = [f"new {m}"] if i == 0 else [f"cumulative {months[i - 1]}", f"new {m}"]
            relations.append((f"cumulative {m}", parts))
        published = self._suppress_values("monthly progress", {**new, **cum}, relations, {last})
        self._keep("progress", exact.reset_index())
        return pd.DataFrame({"month": months,
                             "new": [published[f"new {m}"] for m in months],
                             "cumulative": [published[f"cumulative {m}"] for m in months]},
                            dtype=object)

    def _ranked(self, name: str, labels: pd.Series, extra: dict | None = None) -> pd.DataFrame:
        """People reached per label (largest first, the rest grouped), with a totals row equal
        to the published headline, suppressed together."""
        people = self._people(self.counted)
        sums = people.groupby(labels.to_numpy()).sum().sort_values(ascending=False)
        cut = TOP_ROWS if len(sums) > TOP_ROWS + 1 else len(sums)  # never "1 others"
        top, rest = sums.iloc[:cut], sums.iloc[cut:]
        exact = pd.DataFrame({"name": top.index.astype(str), "reached": top.to_numpy()},
                             index=pd.Index(top.index.astype(str), dtype=object))
        if not rest.empty:
            exact.loc[OTHER] = pd.Series({"name": f"{len(rest)} others",
                                          "reached": float(rest.sum())})
        exact.loc[TOTAL] = pd.Series({"name": "All", "reached": headline_of(self.entry_exact)})
        table = exact.astype(object)
        table.loc[TOTAL, "reached"] = headline_of(self.entry)
        published = self._suppress_frame(name, table, ["reached"], total_row=TOTAL)
        for frame in (exact, published):
            total = number(frame.at[TOTAL, "reached"])
            frame["share"] = [100.0 * number(v) / total if number(v) is not None and total
                              else None for v in frame["reached"]]
            for column, flags in (extra or {}).items():
                frame[column] = [flags.get(i) for i in frame.index]
        self._keep(name, exact)
        return published.astype(object)

    def by_activity(self) -> pd.DataFrame:
        c = self.counted
        label = c["activity_name"].where(c["activity_name"].str.strip() != "",
                                         c["rmrp_activity"])
        label = label.where(label.str.strip() != "", "(activity not named)")
        return self._ranked("by_activity", label.str.strip())

    def _implementers(self, rows: pd.DataFrame) -> pd.Series:
        names = partners.implementer_column(rows).map(self.a.index.resolve)
        return names.fillna("(organisation not named)")

    def by_partner(self) -> tuple[pd.DataFrame, dict | None]:
        names = self._implementers(self.counted)
        led = {n: n in self.a.index.rm_led for n in pd.unique(names)}
        extra = {"refugee_migrant_led": led} if self.a.index.has_reference else None
        table = self._ranked("by_partner", names, extra)
        if not self.a.index.has_reference:
            return table, None
        people = self._people(self.counted)
        led_mask = names.map(led).astype(bool)
        exact_led = float(people[led_mask].sum())
        headline_exact = number(headline_of(self.entry_exact)) or 0.0
        values = {TOTAL: headline_of(self.entry), "led": exact_led,
                  "other": headline_exact - exact_led}
        published = self._suppress_values("refugee- and migrant-led share", values,
                                          [(TOTAL, ["led", "other"])], {TOTAL})
        total = number(published[TOTAL])
        led_value = published["led"]
        share = (100.0 * number(led_value) / total if number(led_value) is not None and total
                 else None)
        organisations = sorted(n for n, flag in led.items() if flag)
        if self.exact:
            self.exports["refugee_migrant_led"] = pd.DataFrame(
                [{"reached": exact_led, "share": 100.0 * exact_led / headline_exact
                  if headline_exact else None}])
        return table, {"reached": led_value, "share": share, "organisations": organisations,
                       "partners": self.entry.get("refugee_migrant_led_partners")}

    def outputs(self) -> pd.DataFrame:
        """Outputs that are not people (people trained, mechanisms, campaigns), beside and
        never added to people reached. People trained are a count of people and are
        suppressed like one; mechanisms and campaigns are not people."""
        rows = self.a.scope_rows(self.scope)  # regional outputs belong to the region too
        out = reach.outputs(rows)
        records = []
        for r in out.itertuples(index=False):
            trained = r.indicator_type == "Capacity Building"
            value = float(r.total_monthly if trained else r.quantity_output)
            records.append({"type": r.indicator_type, "indicator": r.indicator,
                            "measure": "people trained" if trained else _measure(
                                r.indicator_type),
                            "reports": int(r.rows), "value": value, "people": trained})
        exact = pd.DataFrame(records, columns=["type", "indicator", "measure", "reports",
                                               "value", "people"])
        self._keep("outputs", exact)
        published = exact.astype(object)
        for i in range(len(published)):
            v = published.at[i, "value"]
            if published.at[i, "people"] and disclosure.is_small(v, self.k):
                published.at[i, "value"] = disclosure.mask(v, self.k)
        return published

    def situation(self) -> tuple[pd.DataFrame | None, dict, pd.DataFrame | None]:
        """Situation indicators of the scope's countries (counts of people suppressed), the
        groups of indicators sharing a prefix ("Main form of exploitation: …") as country ×
        part tables, and where each other indicator is highest."""
        sit = self.ds.situation
        if sit is None:
            return None, {}, None
        sit = sit[sit["country"].isin(list(self.countries))].copy()
        if sit.empty:
            return sit.assign(name=[], published=[]), {}, None
        sit["name"] = sit["country"].map(geography.country_name)
        sit["number"] = pd.to_numeric(sit["value"].str.replace(",", "", regex=False),
                                      errors="coerce")
        people_unit = sit["unit"].str.casefold().str.strip().isin({"people", "persons",
                                                                   "individuals"})
        published = []
        for v, n, is_people in zip(sit["value"], sit["number"], people_unit, strict=True):
            published.append(disclosure.mask(n, self.k) if is_people and disclosure.is_small(
                n, self.k) else (n if not math.isnan(n) else v))
        sit["published"] = published
        sit["people"] = people_unit
        self._keep("situation", sit[["country", "indicator", "value", "unit", "source",
                                     "date"]])
        groups: dict[str, pd.DataFrame] = {}
        split = sit["indicator"].str.split(":", n=1)
        sit["group"] = [p[0].strip() if len(p) == 2 else None for p in split]
        sit["part"] = [p[1].strip() if len(p) == 2 else None for p in split]
        for g, part in sit[sit["group"].notna()].groupby("group", sort=False):
            table = part.pivot_table(index="name", columns="part", values="number",
                                     aggfunc="first", sort=False)
            table["__unit__"] = part.groupby("name")["unit"].first()
            if part["people"].any():
                continue  # groups of people counts would need complementary suppression
            groups[str(g)] = table
        singles = sit[sit["group"].isna() & sit["number"].notna()]
        concentration = None
        if len(self.countries) > 1 and not singles.empty:
            rows = []
            for ind, part in singles.groupby("indicator", sort=False):
                top = part.sort_values("number", ascending=False).head(3)
                rows.append({"indicator": ind, "unit": top["unit"].iloc[0],
                             "countries": len(part),
                             "highest": [(n, p) for n, p in zip(top["name"], top["published"],
                                                                strict=True)]})
            concentration = pd.DataFrame(rows)
        return sit, groups, concentration

    @staticmethod
    def situation_wide(sit: pd.DataFrame | None) -> tuple[pd.DataFrame | None, dict, list]:
        """The indicators as one country × indicator table (published values), their units
        and their sources with dates."""
        if sit is None or sit.empty:
            return None, {}, []
        indicators = list(dict.fromkeys(sit["indicator"]))
        countries = list(dict.fromkeys(sit["name"]))
        wide = pd.DataFrame(index=pd.Index(countries, dtype=object), columns=indicators,
                            dtype=object)
        for name, ind, value in zip(sit["name"], sit["indicator"], sit["published"],
                                    strict=True):
            wide.at[name, ind] = value
        units = {i: u for i, u in zip(sit["indicator"], sit["unit"], strict=True)}
        sources = sorted({f"{src} ({d})" if d else str(src)
                          for src, d in zip(sit["source"], sit["date"], strict=True) if src})
        return wide, units, sources

    def people_in_need(self) -> dict | None:
        st = self.a.sector_targets
        if st is None or st.empty:
            return None
        pin = targets.target_for(st, self.countries, exclude_in_transit=self.level ==
                                 LEVEL_REGION, column="people_in_need")
        return None if pin is None else {"total": pin}

    def lessons(self) -> Lessons:
        countries = list(self.countries)
        reached_exact = pd.Series({c: number(doc_entry(self.exact_doc, c)["reached"]["total"])
                                   for c in countries}, dtype="float64")
        target = pd.Series({c: self.a.target(c) for c in countries}, dtype="float64")
        funding = self.a.funding_by_country.reindex(countries) if self.a.has_funding else None
        req = None
        if self.ds.requirements is not None:
            r = self.ds.requirements
            r = r[r["sector"].map(sector_key) == sector_key(self.a.sector)]
            req = r.groupby("country")["requirement_usd"].sum(min_count=1)
        table = lessons.country_table(reached_exact, funding,
                                      target if target.notna().any() else None, req)
        platforms = lessons.platform_table(table) if self.level == LEVEL_REGION else None
        correlation = lessons.rank_correlation(funding, reached_exact)
        spread = lessons.coverage_spread(table["coverage"] if req is not None and
                                         funding is not None else None)
        mis = lessons.misalignment(table) if funding is not None else None
        orgs = self._organisation_misalignment() if funding is not None else None
        share = lessons.output_share(self.a.scope_rows(self.scope))
        self._keep("lessons_countries", table)
        self._keep("lessons_platforms", platforms)
        self._keep("misalignment", mis)

        published_reached = {c: doc_entry(self.doc, c)["reached"]["total"] for c in countries}
        pub = table.astype(object)
        pub["reached"] = [published_reached[c] for c in pub.index]
        for c in pub.index:
            if number(published_reached[c]) is None:
                pub.at[c, "usd_per_person_reached"] = None  # funding ÷ it gives it back
        pub.insert(0, "name", [geography.country_name(c) for c in pub.index])
        pub_platforms = None
        if platforms is not None:
            pub_platforms = platforms.astype(object)
            for pid in pub_platforms.index:
                p_reached = doc_entry(self.doc, pid)["reached"]["total"]
                pub_platforms.at[pid, "reached"] = p_reached
                if number(p_reached) is None:
                    pub_platforms.at[pid, "usd_per_person_reached"] = None
            pub_platforms.insert(0, "name", [PLATFORMS[p].name for p in pub_platforms.index])
        if mis is not None:
            mis = mis.astype(object)
            mis["reached"] = [published_reached.get(i, v) for i, v in
                              zip(mis["id"], mis["reached"], strict=True)]
        sentences = [correlation.sentence, spread.sentence, share.sentence]
        return Lessons(pub, pub_platforms, correlation, spread, mis, orgs, share, sentences)

    def _organisation_misalignment(self) -> pd.DataFrame | None:
        """Organisations that received funding for the sector in the scope but reached no one,
        or reached people with no recorded funding (names resolved through the reference)."""
        from .funding import counted_flows

        flows = counted_flows(self.ds.flows)
        flows = flows[flows["sector"].map(lambda s: isinstance(s, str) and sector_key(s) ==
                                          sector_key(self.a.sector)).astype(bool)]
        wanted = flows["country"].isin(list(self.countries))
        if self.level == LEVEL_REGION:
            wanted |= flows["country"].isna()
        flows = flows[wanted]
        counted = reach.counted(self.a.scope_rows(self.scope))
        spelling: dict[str, str] = {}

        def key(name) -> str:
            resolved = self.a.index.resolve(name) or "(organisation not named)"
            k = _org_match_key(resolved)
            spelling.setdefault(k, resolved)
            return k

        reached = self._people(counted).groupby(
            counted["appealing_org"].map(key).to_numpy()).sum()
        funded = flows.groupby(flows["dest_org"].map(key).to_numpy())["amount_usd"].sum()
        table = lessons.organisation_table(funded, reached)
        mis = lessons.misalignment(table, names=spelling)
        self._keep("misalignment_organisations", mis)
        mis = mis.astype(object)
        mis["reached"] = [disclosure.mask(v, self.k) if disclosure.is_small(v, self.k) else v
                          for v in mis["reached"]]
        return mis

    def platforms_side_by_side(self, lessons_: Lessons) -> pd.DataFrame | None:
        if self.level != LEVEL_REGION:
            return None
        rows = {}
        for p in self.doc["platforms"]:
            lp = lessons_.platforms
            rows[p["id"]] = {
                "name": p["name"], "national": p["national"],
                "reached": p["reached"]["total"], "in_transit": p["reached"]["in_transit"],
                "target": p["target"], "percent_of_target": p["percent_of_target"],
                "reporting_partners": p["reporting_partners"],
                "implementing_partners": p["implementing_partners"],
                "refugee_migrant_led_partners": p["refugee_migrant_led_partners"],
                "donors": p["donors"], "funding_usd": p["funding_usd"],
                "usd_per_person_reached": (lp.at[p["id"], "usd_per_person_reached"]
                                           if lp is not None and p["id"] in lp.index else None),
                "coverage": (lp.at[p["id"], "coverage"]
                             if lp is not None and p["id"] in lp.index else None),
            }
        return pd.DataFrame.from_dict(rows, orient="index").astype(object)

    def regional_activities(self) -> dict | None:
        if self.level != LEVEL_REGION:
            return None
        entry = self.doc.get("regional_activities")
        if not entry:
            return None
        rows = reach.counted(self.a.scope_rows(REGIONAL))
        label = rows["activity_name"].where(rows["activity_name"].str.strip() != "",
                                            rows["rmrp_activity"])
        names = sorted({str(x).strip() for x in label if str(x).strip()})
        outputs = reach.outputs(self.a.scope_rows(REGIONAL))
        return {**entry, "activities": names, "outputs": int(outputs["rows"].sum())
                if not outputs.empty else 0}

    def narratives(self, chapter: Chapter) -> dict[str, str] | None:
        texts = (self.ds.narratives or {}).get(self.scope)
        if not texts:
            if "narratives" not in self.missing and self.ds.narratives:
                self.missing["narratives"] = ("There is no analysts' text for this chapter "
                                              "in the dataset.")
            return None
        values = placeholder_values(chapter)
        return {s: fill(texts[s], values) for s in SECTIONS if texts.get(s)}

    def footnotes(self) -> list[Footnote]:
        as_of = self.m.as_of.get("funding")
        when = f" as of {fmt_date(as_of)}" if as_of else ""
        transit = (
            "Regional figures on people reached do not include refugees and migrants assisted "
            "in transit. In-transit populations by their very nature pass through several "
            "countries and may be assisted in more than one, so a regional total of in-transit "
            "people would count many of them more than once. To avoid such duplication, people "
            "assisted in transit are shown per country and per platform only, and should be "
            "quoted separately from people in destination (as is also done for the "
            "corresponding people in need and targets).")
        if self.level != LEVEL_REGION:
            transit = (
                "People assisted in transit are included in this chapter's figures but are "
                "never added up across countries: in-transit populations pass through several "
                "countries and may be assisted in more than one, so the regional total leaves "
                "them out. Quote them separately from people in destination.")
        if self.a.has_funding:
            funding = (
                f"Funding information as reported to the Financial Tracking Service (FTS){when}. "
                "This data is based on partners' voluntary reporting of contributions and may "
                "not accurately represent all funds attributed to the response; unmarked funds "
                "may not be reported to FTS with a sector or country designation. Funds for "
                "activities at regional, sub-regional or multi-country level are not split by "
                "national or sub-regional platform: they are shown in their own regional / "
                "multi-country line.")
        else:
            funding = ("This dataset has no FTS funding extract, so no budget received is "
                       "shown. Funding figures, where given, come from partners' voluntary "
                       "reporting to FTS and are not split by platform when regional.")
        partners_note = (
            "Implementing partners include appealing partners that also implement activities, "
            "as well as implementing partners that are not appealing partners. Quote partner "
            "figures separately: adding up reporting and implementing partners, or partners of "
            "different countries, would count some organisations more than once.")
        k = self.k
        disclosure_note = (
            f"To protect the people assisted, any count of people from 1 to {k - 1} is shown "
            f"as <{k} in every table, chart and export, and where a hidden count could be "
            f"worked out from printed totals another cell is hidden too, shown as "
            f"{COMPLEMENT}. Zeros and totals are shown as they are.")
        return [Footnote("fn-transit", "*", transit), Footnote("fn-funding", "**", funding),
                Footnote("fn-partners", "***", partners_note),
                Footnote("fn-disclosure", "†", disclosure_note)]

    def findings(self) -> tuple[list[dict], dict[str, int]]:
        if self.level == LEVEL_REGION:
            scoped = findings_for_scope(self.a.findings, None)
        else:
            scoped = findings_for_scope(self.a.findings, set(self.countries))
        counts: dict[str, int] = {}
        out = []
        for f in sorted(scoped, key=lambda f: (f.check, f.file or "", f.row or 0)):
            counts[f.check] = counts.get(f.check, 0) + 1
            if counts[f.check] <= MAX_FINDINGS_PER_CHECK:
                out.append(publish_finding(f, self.k))
        return out, counts

    def provenance(self) -> dict:
        return {
            "inputs": [dict(i) for i in self.ds.inputs],
            "as_of": dict(self.m.as_of),
            "parameters": {"scope": self.scope, "sector": self.a.sector, "exact": self.exact,
                           "min_count": self.k, "dataset_folder": self.m.folder.name,
                           "period": f"{self.m.period_start} to {self.m.period_end}"},
            "version": __version__,
            "built_at": self.built_at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        }

    def build(self) -> Chapter:
        infographic, unit = self.infographic()
        rvt = self.reached_vs_target()
        by_partner, led = self.by_partner()
        sit, groups, concentration = self.situation()
        wide, units, sources = self.situation_wide(sit if len(self.countries) > 1 else None)
        lessons_ = self.lessons()
        findings, counts = self.findings()
        chapter = Chapter(
            scope=self.scope, scope_name=geography.scope_name(self.scope), level=self.level,
            dataset_name=self.m.name, synthetic=self.m.synthetic, sector=self.a.sector,
            period_start=self.m.period_start, period_end=self.m.period_end, min_count=self.k,
            exact=self.exact, funding_as_of=self.m.as_of.get("funding"),
            key_figures=self.entry, infographic=infographic, infographic_unit=unit,
            reached_vs_target=rvt, age_gender=self.age_gender(), progress=self.progress(),
            by_activity=self.by_activity(), by_partner=by_partner, refugee_migrant_led=led,
            outputs=self.outputs(), situation=sit, situation_groups=groups,
            risk_concentration=concentration, people_in_need=self.people_in_need(),
            situation_wide=wide, situation_units=units, situation_sources=sources,
            lessons=lessons_, narratives=None, footnotes=self.footnotes(), findings=findings,
            finding_counts=counts, unprotected=[], provenance=self.provenance(),
            missing=self.missing,
        )
        chapter.platforms = self.platforms_side_by_side(lessons_)
        chapter.regional_activities = self.regional_activities()
        chapter.regional_funding_usd = (self.a.regional_funding if self.level == LEVEL_REGION
                                        else None)
        chapter.narratives = self.narratives(chapter)
        chapter.unprotected = list(self.unprotected)
        chapter._exports = self._exports(chapter)
        return chapter

    # -- exports

    def _exports(self, chapter: Chapter) -> dict:
        exact = self.exact
        entry = self.entry_exact if exact else self.entry
        doc = self.exact_doc if exact else self.doc
        tables = {
            "infographic": chapter.infographic, "reached_vs_target": chapter.reached_vs_target,
            "age_gender": chapter.age_gender, "progress": chapter.progress,
            "by_activity": chapter.by_activity, "by_partner": chapter.by_partner,
            "outputs": chapter.outputs, "lessons_countries": chapter.lessons.countries,
            "lessons_platforms": chapter.lessons.platforms,
            "misalignment": chapter.lessons.misalignment,
            "misalignment_organisations": chapter.lessons.organisations,
        }
        if exact:
            tables.update({k: v for k, v in self.exports.items() if k in tables})
        if chapter.situation is not None:
            tables["situation"] = (self.exports.get("situation") if exact else
                                   chapter.situation[["country", "indicator", "published",
                                                      "unit", "source", "date"]].rename(
                                       columns={"published": "value"}))
        document = {
            "dataset": self.m.name, "synthetic": self.m.synthetic, "sector": self.a.sector,
            "period": {"start": self.m.period_start, "end": self.m.period_end},
            "scope": {"id": self.scope, "name": chapter.scope_name, "level": self.level},
            "exact": exact, "min_count": self.k, "funding_as_of": chapter.funding_as_of,
            "key_figures": entry,
            "tables": {name: _records(df) for name, df in tables.items() if df is not None},
            "lessons": {
                "rank_correlation": {"rho": chapter.lessons.correlation.rho,
                                     "p_value": chapter.lessons.correlation.p_value,
                                     "n": chapter.lessons.correlation.n,
                                     "note": chapter.lessons.correlation.sentence},
                "coverage_spread": {"cv": chapter.lessons.spread.cv,
                                    "mean": chapter.lessons.spread.mean,
                                    "n": chapter.lessons.spread.n,
                                    "note": chapter.lessons.spread.sentence},
                "output_share": {"output_rows": chapter.lessons.outputs.output_rows,
                                 "rows": chapter.lessons.outputs.rows,
                                 "share": chapter.lessons.outputs.share,
                                 "by_type": chapter.lessons.outputs.by_type},
            },
            "missing": chapter.missing,
            "provenance": chapter.provenance,
        }
        if exact:  # what pages (the chapter's, the index) may print, beside the exact figures
            document["key_figures_published"] = self.entry
        if self.level == LEVEL_REGION:
            document["regional_activities"] = doc.get("regional_activities")
            document["regional_funding_usd"] = doc.get("regional_funding_usd")
        if not exact:
            disclosure.assert_no_small_counts(
                {"key_figures": entry, "regional": document.get("regional_activities")},
                self.k)
        return {"document": document, "csv": self._csv(chapter, doc, entry)}

    def _csv(self, chapter: Chapter, doc: dict, entry: dict) -> str:
        rows = [entry_row(self.level, entry)]
        if self.level == LEVEL_REGION:
            rows += [entry_row(LEVEL_PLATFORM, p) for p in doc["platforms"]]
            rows += regional_activities_rows(doc)
        elif self.level == LEVEL_PLATFORM:
            by_iso3 = {c["iso3"]: c for c in doc["countries"]}
            rows += [entry_row(LEVEL_COUNTRY, by_iso3[c]) for c in self.countries]
        else:
            table = self.exports.get("infographic") if self.exact else chapter.infographic
            for place, r in table.drop(index=TOTAL).iterrows():
                rows.append(entry_row("admin1", {
                    "id": place, "name": r["name"], "platform": entry.get("platform", ""),
                    "reached": {**{p: r[p] for p in PEOPLE_PARTS}, "total": r["total"]}}))
        df = pd.DataFrame(rows, columns=[c for c, _ in FIGURE_COLUMNS])
        return csv_with_hxl(df, dict(FIGURE_COLUMNS))


def _figure_path_scope(doc: dict, path: str) -> str | None:
    """The scope a figures-document path belongs to ("countries[3]..." -> its ISO3)."""
    m = re.match(r"^(countries|platforms)\[(\d+)\]\.", str(path))
    if not m:
        return REGION if str(path).startswith(("region.", "regional_activities.")) else None
    entry = doc[m.group(1)][int(m.group(2))]
    return entry.get("iso3") or entry.get("id")


def _figure_path_label(doc: dict, path: str) -> str:
    """"countries[3].reached.in_transit" -> "Brazil: in transit" (for the annex)."""
    m = re.match(r"^(countries|platforms)\[(\d+)\]\.reached\.(\w+)$", path)
    if m:
        name = doc[m.group(1)][int(m.group(2))].get("name", path)
    else:
        m = re.match(r"^(region|regional_activities)\.reached\.(\w+)$", path)
        if not m:
            return path
        name = "Region" if m.group(1) == "region" else "Regional activities"
    field = m.groups()[-1]
    label = POPULATION_LABELS.get(field, field.replace("_", " "))
    return f"{name}: {label.lower()}"


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


def _org_match_key(name: str) -> str:
    """FTS and 5W spell organisations differently ("… Migration" / "… Migration (IOM)"):
    compare them without a trailing acronym in brackets, case-folded."""
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", name).strip() or name
    return " ".join(bare.casefold().split())


def _percent(reached, target) -> float | None:
    r, t = number(reached), number(target)
    return targets.percent_of_target(r, t) if r is not None else None


def _measure(indicator_type: str) -> str:
    return {"Mechanism/Advocacy": "mechanisms supported", "Campaign": "campaigns",
            "Infrastructure": "infrastructure items"}.get(indicator_type, "outputs")


# ---------------------------------------------------------------- findings

_NUMBER = re.compile(r"(?<![\w.])[+-]?\d+(?:[.,]\d+)?(?![\w.])")
_QUOTED = re.compile(r"('[^']*')")


def redact_small_numbers(message: str, k: int) -> str:
    """Numbers whose size is a small count (0 < |n| < k) become `<k`, outside quoted values."""

    def sub(m: re.Match) -> str:
        try:
            v = abs(float(m.group(0).replace(",", ".")))
        except ValueError:
            return m.group(0)
        return f"<{k}" if 0 < v < k else m.group(0)

    parts = _QUOTED.split(message)
    return "".join(p if i % 2 else _NUMBER.sub(sub, p) for i, p in enumerate(parts))


def publish_finding(f: Finding, k: int) -> dict:
    """A finding as the annex prints it: a small people count shows as `<k`, in the count
    and in the message of findings about people."""
    people = f.people
    if disclosure.is_small(people, k):
        people = disclosure.mask(people, k)
    message = redact_small_numbers(f.message, k) if f.people is not None else f.message
    return {"check": f.check, "severity": f.severity, "file": f.file, "row": f.row,
            "column": f.column, "country": f.country, "people": people, "message": message}


# ---------------------------------------------------------------- narratives


def placeholder_values(chapter: Chapter) -> dict[str, str]:
    """Display strings for every narrative placeholder, from the published figures."""
    kf = chapter.key_figures
    reached = kf["reached"]

    def people(v) -> str:
        return hidden_words(fmt_people(v, short=True, missing="not available"))

    values = {
        "reached": people(chapter.headline),
        "reached_excluding_in_transit": people(reached.get(
            "total_excluding_in_transit", _minus(reached["total"], reached["in_transit"]))),
        **{p: people(reached[p]) for p in POPULATION_TYPES},
        "target": people(kf.get("target")),
        "percent_of_target": fmt_percent(kf.get("percent_of_target"), missing="not available"),
        "reporting_partners": fmt_people(kf.get("reporting_partners"), missing="not available"),
        "implementing_partners": fmt_people(kf.get("implementing_partners"),
                                            missing="not available"),
        "refugee_migrant_led_partners": fmt_people(kf.get("refugee_migrant_led_partners"),
                                                   missing="not available"),
        "donors": fmt_people(kf.get("donors"), missing="not available"),
        "funding_usd": fmt_usd(kf.get("funding_usd"), short=True, missing="not available"),
        "funding_as_of": fmt_date(chapter.funding_as_of) if chapter.funding_as_of else
        "not available",
        "scope": chapter.scope_name if chapter.scope != REGION else "the region",
        "period": chapter.period,
    }
    if chapter.scope == REGION:
        values["in_transit"] = "not added up across countries"
    return {name: values.get(name, "not available") for name in PLACEHOLDERS}


def _minus(a, b):
    x, y = number(a), number(b)
    return None if x is None or y is None else x - y
