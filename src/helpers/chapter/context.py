"""What every part of a chapter is built from: the scope, its rows, its entries in the
figures documents, and the small-number bookkeeping the parts share."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from ..core.columns import POPULATION_LABELS
from ..core.geography import PLATFORMS, REGION, REGIONAL, scope_countries
from ..disclosure import suppress_frame_report, suppress_values_report
from ..figures import reach
from ..figures.analysis import Analysis
from ..figures.document import FiguresDocument, ScopeFigures, scope_entry
from ..inputs.dataset import Dataset
from ..inputs.manifest import Manifest
from .documents import FiguresDocuments
from .model import LEVEL_REGION, MISSING, scope_level


@dataclass
class ChapterContext:
    """One chapter's inputs, and what its parts add up as they are built: the small counts
    they could not protect, and (only for exact exports) the exact tables."""

    analysis: Analysis
    scope: str
    exact: bool
    built_at: datetime
    documents: FiguresDocuments
    unprotected: list[str] = field(default_factory=list)
    exact_tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.level = scope_level(self.scope)
        self.countries = scope_countries(self.scope)
        printed = {
            self.scope,
            *(PLATFORMS[self.scope].countries if self.scope in PLATFORMS else ()),
        }
        self.unprotected = [
            _figure_path_label(self.published_document, u)
            for u in self.documents.unprotected
            if self.level == LEVEL_REGION
            or _figure_path_scope(self.published_document, u) in printed
        ]
        self.entry: ScopeFigures = copy.deepcopy(scope_entry(self.published_document, self.scope))
        self.exact_entry: ScopeFigures = copy.deepcopy(scope_entry(self.exact_document, self.scope))
        rows = self.analysis.scope_rows(self.scope)
        self.rows = rows[rows["country"] != REGIONAL] if self.scope == REGION else rows
        self.counted = reach.counted(self.rows)
        a, ds = self.analysis, self.dataset
        if not a.has_funding:
            self.missing["funding"] = MISSING["funding"]
        if a.sector_targets is None or a.sector_targets.empty:
            self.missing["targets"] = MISSING["targets"]
        if ds.situation is None:
            self.missing["situation"] = MISSING["situation"]
        if not ds.narratives:
            self.missing["narratives"] = MISSING["narratives"]
        if not a.index.has_reference:
            self.missing["partners"] = MISSING["partners"]
        if ds.requirements is None:
            self.missing["requirements"] = MISSING["requirements"]

    @property
    def dataset(self) -> Dataset:
        return self.analysis.dataset

    @property
    def manifest(self) -> Manifest:
        return self.analysis.dataset.manifest

    @property
    def min_count(self) -> int:
        return self.manifest.min_count

    @property
    def exact_document(self) -> FiguresDocument:
        return self.documents.exact

    @property
    def published_document(self) -> FiguresDocument:
        return self.documents.published

    def headline_people(self, rows: pd.DataFrame) -> pd.Series:
        """Each counted row's people toward this scope's headline (`reach.headline_people`)."""
        return reach.headline_people(rows, self.scope)

    def suppress_frame(
        self, name: str, df: pd.DataFrame, columns, *, row_total=None, total_row=None
    ) -> pd.DataFrame:
        result = suppress_frame_report(df, columns, self.min_count, row_total, total_row)
        self.unprotected += [f"{name}: {cell[0]} / {cell[1]}" for cell in result.unprotected]
        return result.published

    def suppress_values(self, name: str, values: dict, relations, protected) -> dict:
        result = suppress_values_report(values, relations, self.min_count, protected=protected)
        self.unprotected += [f"{name}: {u}" for u in result.unprotected]
        return result.published

    def keep_exact(self, name: str, df: pd.DataFrame | None) -> None:
        """Keep a part's exact table for the exact exports (only when they were asked for)."""
        if self.exact and df is not None:
            self.exact_tables[name] = df


def _figure_path_scope(doc: FiguresDocument, path: str) -> str | None:
    """The scope a figures-document path belongs to ("countries[3]..." -> its ISO3)."""
    m = re.match(r"^(countries|platforms)\[(\d+)\]\.", str(path))
    if not m:
        return REGION if str(path).startswith(("region.", "regional_activities.")) else None
    entry = doc[m.group(1)][int(m.group(2))]  # type: ignore[literal-required]
    return entry.get("iso3") or entry.get("id")


def _figure_path_label(doc: FiguresDocument, path: str) -> str:
    """ "countries[3].reached.in_transit" -> "Brazil: in transit" (for the annex)."""
    m = re.match(r"^(countries|platforms)\[(\d+)\]\.reached\.(\w+)$", path)
    if m:
        name = doc[m.group(1)][int(m.group(2))].get("name", path)  # type: ignore[literal-required]
    else:
        m = re.match(r"^(region|regional_activities)\.reached\.(\w+)$", path)
        if not m:
            return path
        name = "Region" if m.group(1) == "region" else "Regional activities"
    part = m.groups()[-1]
    label = POPULATION_LABELS.get(part, part.replace("_", " "))
    return f"{name}: {label.lower()}"
