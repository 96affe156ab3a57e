"""What every part of a chapter is built from: the scope, its rows, its entries in the
figures documents, and the ledger of everything the chapter publishes.

Parts are built in two steps. First each registers the counts of people it prints and
the relations between them in `ctx.ledger` (a `PendingTable` per table); then
`ctx.ledger.settle()` suppresses and audits them all together; then each pending table
reads its published values back. The figures document's counts are cells of the ledger
under their document paths (e.g. `countries[3].reached.in_transit`), fixed: a table that
prints a document figure prints that cell.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from ..core import geography
from ..core.geography import COUNTRIES, PLATFORMS, REGION, REGIONAL, scope_countries
from ..disclosure.ledger import WITHHELD, Ledger
from ..disclosure.suppression import DocumentView, document_cells, document_view, is_hidden
from ..figures import reach
from ..figures.analysis import Analysis
from ..figures.document import FiguresDocument, ScopeFigures, headline_key, scope_entry
from ..inputs.dataset import Dataset
from ..inputs.manifest import Manifest
from .documents import FiguresDocuments
from .model import MISSING, scope_level


def entry_path(doc: FiguresDocument, scope: str) -> str:
    """The figures-document path of a scope's entry: `region`, `platforms[i]`,
    `countries[i]` or `regional_activities`."""
    if scope == REGION:
        return "region"
    if scope == REGIONAL:
        return "regional_activities"
    if scope in PLATFORMS:
        return f"platforms[{[p['id'] for p in doc['platforms']].index(scope)}]"
    return f"countries[{[c['iso3'] for c in doc['countries']].index(scope)}]"


def printed_scopes(scope: str) -> list[str]:
    """The scopes whose figures a chapter prints: its own, one level down, and for the
    region every scope and the regional block."""
    if scope == REGION:
        return [REGION, *PLATFORMS, *COUNTRIES, REGIONAL]
    if scope in PLATFORMS:
        return [scope, *PLATFORMS[scope].countries]
    return [scope]


def printed_entries(documents: FiguresDocuments, scope: str) -> set[str]:
    """The figures-document paths of the entries the chapter of `scope` prints."""
    published = documents.published
    return {
        entry_path(published, s)
        for s in printed_scopes(scope)
        if s != REGIONAL or published.get("regional_activities")
    }


def chapter_document_view(documents: FiguresDocuments, scope: str) -> DocumentView:
    """What the chapter of `scope` is audited against from the published figures document
    (and all its disclosure control uses of other scopes' figures)."""
    paths = printed_entries(documents, scope)
    return document_view(documents.published, paths, documents.rounded)


def document_people_hidden(documents: FiguresDocuments, scope: str) -> float:
    """People's worth of the figures-document counts the chapter prints hidden (the
    document hid them; the chapter's own tables add `Ledger.people_hidden`): their whole
    values, residuals (not disaggregated) left out."""
    published, _, _, residuals = document_cells(documents.published)
    truth, *_ = document_cells(documents.rounded)
    prefixes = tuple(f"{path}.reached." for path in printed_entries(documents, scope))
    return float(
        sum(
            abs(float(truth[key]))
            for key, value in published.items()
            if key.startswith(prefixes) and key not in residuals and is_hidden(value)
        )
    )


@dataclass
class PendingTable:
    """A table whose counts of people are registered in the ledger: `shown` holds the
    whole numbers a reader would see, `cells` the ledger key of each registered cell by
    (row label, column); `published()` is the table as the settled ledger lets it print,
    or None when the ledger withheld it."""

    name: str
    shown: pd.DataFrame
    cells: Mapping[tuple, Hashable]
    ledger: Ledger

    def published(self) -> pd.DataFrame | None:
        if self.ledger.is_withheld(self.name):
            return None
        out = self.shown.astype(object)
        out = out.where(out.notna(), None)  # a figure not given is None, not NaN
        rows = {label: i for i, label in enumerate(out.index)}
        for (row, col), key in self.cells.items():
            value = self.ledger.value(key)
            out.iat[rows[row], out.columns.get_loc(col)] = None if value == WITHHELD else value
        return out


@dataclass
class ChapterContext:
    """One chapter's inputs, and what its parts add up as they are built: the ledger of
    what it publishes and (only for exact exports) the exact tables."""

    analysis: Analysis
    scope: str
    exact: bool
    built_at: datetime
    documents: FiguresDocuments
    exact_tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.level = scope_level(self.scope)
        self.countries = scope_countries(self.scope)
        self.entry: ScopeFigures = copy.deepcopy(scope_entry(self.published_document, self.scope))
        self.exact_entry: ScopeFigures = copy.deepcopy(scope_entry(self.exact_document, self.scope))
        self.rounded_entry: ScopeFigures = scope_entry(self.documents.rounded, self.scope)
        rows = self.analysis.scope_rows(self.scope)
        self.rows = rows[rows["country"] != REGIONAL] if self.scope == REGION else rows
        self.counted = reach.counted(self.rows)
        self.ledger = Ledger(self.min_count)
        self._register_document()
        a, ds = self.analysis, self.dataset
        if not a.has_funding:
            self.missing["funding"] = MISSING["funding"]
        if a.sector_targets is None or a.sector_targets.empty:
            self.missing["targets"] = MISSING["targets"]
        if ds.situation is None:
            self.missing["situation"] = MISSING["situation"]
        if not ds.narratives:
            self.missing["narratives"] = MISSING["narratives"]
        if not a.index.has_rm_flag:
            self.missing["partners"] = MISSING["partners"]
        if ds.requirements is None:
            self.missing["requirements"] = MISSING["requirements"]

    @property
    def scope_name(self) -> str:
        return geography.scope_name(self.scope)

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

    # -- the figures document in the ledger

    def _register_document(self) -> None:
        """The printed entries' counts as fixed cells, with everything a reader of the whole
        document knows that bears on their hidden ones (`document_view`): the hidden counts
        of other entries tied to them, and the relations, other entries' published numbers
        added up into constants."""
        view = chapter_document_view(self.documents, self.scope)
        ranges = self.documents.ranges
        for key, value in view.values.items():
            self.ledger.cell(key, value, fixed=True, residual=key in view.residuals)
            if key in ranges:
                self.ledger.bounds[key] = ranges[key]
        for lhs, rhs, constant in view.relations:
            self.ledger.equation(lhs, rhs, constant)

    def doc_key(self, scope: str, field_name: str) -> str:
        """The ledger key of a figure of the document (`reached.<field>`), registered."""
        key = f"{entry_path(self.published_document, scope)}.reached.{field_name}"
        if key not in self.ledger.values:
            raise KeyError(f"{key} is not printed by the chapter of {self.scope}")
        return key

    def headline_key(self, scope: str | None = None) -> str:
        scope = scope or self.scope
        entry = scope_entry(self.published_document, scope)
        return self.doc_key(scope, headline_key(entry["reached"]))

    def rounded(self, scope: str, field_name: str) -> int:
        """A document figure in whole people, as the tables add up to it (published or
        not)."""
        entry: Any = scope_entry(self.documents.rounded, scope)
        return int(entry["reached"][field_name] or 0)

    # -- tables

    def pending(
        self,
        name: str,
        shown: pd.DataFrame,
        cells: Mapping[tuple, Hashable],
    ) -> PendingTable:
        return PendingTable(name, shown, cells, self.ledger)

    def register(
        self,
        name: str,
        row: Hashable,
        column: Hashable,
        value: Any,
        *,
        total: bool = False,
        residual: bool = False,
    ) -> Hashable:
        """A count of people a table prints, as a ledger cell of that table."""
        return self.ledger.cell(
            (name, row, column), value, table=name, total=total, residual=residual
        )

    def relation(self, total: Hashable, parts: Iterable[Hashable]) -> None:
        self.ledger.relation(total, parts)

    def headline_people(self, rows: pd.DataFrame) -> pd.Series:
        """Each counted row's people toward this scope's headline (`reach.headline_people`)."""
        return reach.headline_people(rows, self.scope)

    def keep_exact(self, name: str, df: pd.DataFrame | None) -> None:
        """Keep a part's exact table for the exact exports (only when they were asked for)."""
        if self.exact and df is not None:
            self.exact_tables[name] = df

    @property
    def unprotected(self) -> list[str]:
        return [str(c) for c in self.ledger.unprotected]
