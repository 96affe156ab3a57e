"""Everything a chapter publishes, as one set of cells and relations, suppressed and
audited together (METHOD.md "Small numbers").

A chapter's parts (tables of its page and annex, its CSV and JSON, the numbers its charts
and alt texts print) register each count of people they print as a cell, and each
relation between printed numbers that a reader can use: a table's rows adding up to its
total, parts adding up to a row's total (with the not-disaggregated residual), months
adding up to a running total, a platform adding up to its countries. A quantity printed
in several places is one cell (same key), so the relations of every table meet.

The figures document's cells are fixed: they were published for every scope together,
and the index and other chapters print them too. `settle` then hides complements until no
small count can be worked out from everything published (interval propagation, linear
algebra and a linear program over all relations); what it cannot protect any other way
it protects by withholding the table that gives it away.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .suppression import (
    _is_missing,
    _is_number,
    _publish,
    _Relation,
    _Suppressor,
)

WITHHELD = "withheld"
"""What a cell of a withheld table reads (`Ledger.value`): it is not printed at all."""


@dataclass
class Ledger:
    """The cells and relations of one chapter's publication."""

    k: int
    values: dict[Hashable, Any] = field(default_factory=dict)
    tables: dict[Hashable, str | None] = field(default_factory=dict)  # cell -> its table
    relations: list[tuple[tuple[Hashable, ...], tuple[Hashable, ...]]] = field(
        default_factory=list
    )  # (lhs, rhs): Σ lhs = Σ rhs
    bounds: dict[Hashable, tuple[float, float]] = field(default_factory=dict)
    constants: dict[Hashable, float] = field(default_factory=dict)  # see `equation`
    fixed: set[Hashable] = field(default_factory=set)
    totals: set[Hashable] = field(default_factory=set)
    residuals: set[Hashable] = field(default_factory=set)
    withheld: set[str] = field(default_factory=set)
    published: dict[Hashable, Any] = field(default_factory=dict)
    hidden: set[Hashable] = field(default_factory=set)
    unprotected: tuple = ()

    # -- registering

    def cell(
        self,
        key: Hashable,
        value: Any,
        *,
        table: str | None = None,
        fixed: bool = False,
        total: bool = False,
        residual: bool = False,
    ) -> Hashable:
        """Register a printed count of people (a whole number, a published token or None).
        `fixed`: published already (the figures document), never hidden here; `total`:
        a total, hidden only when nothing else protects a small count; `residual`: the
        not-disaggregated rest, any sign. Registering a key twice is the same cell: its
        value must agree."""
        if key in self.values:
            old = self.values[key]
            if not _same(old, value):
                raise ValueError(f"cell {key!r} registered as {old!r} and as {value!r}")
        else:
            self.values[key] = value
            self.tables[key] = table
        if fixed:
            self.fixed.add(key)
        if total:
            self.totals.add(key)
        if residual:
            self.residuals.add(key)
        return key

    def relation(self, total: Hashable, parts: Iterable[Hashable]) -> None:
        """`total` = Σ `parts`, as printed."""
        parts = tuple(parts)
        if parts:
            self.relations.append(((total,), parts))

    def equation(
        self, lhs: Iterable[Hashable], rhs: Iterable[Hashable], constant: float = 0.0
    ) -> None:
        """Σ `lhs` = Σ `rhs` + `constant` (e.g. the region's headline and in-transit people
        of each country add up to the countries' totals; the constant is what published
        numbers left out of the ledger add up to)."""
        lhs, rhs = tuple(lhs), tuple(rhs)
        if not lhs:
            lhs, rhs, constant = rhs, (), -constant
        if not lhs:
            return
        if constant:
            key = ("constant", len(self.constants))
            self.constants[key] = float(constant)
            rhs = (*rhs, key)
        self.relations.append((lhs, rhs))

    # -- settling

    def settle(self) -> None:
        """Suppress and audit everything registered; withhold a table only where nothing
        else stops a small count being worked out."""
        while True:
            unbounded = {c for c, t in self.tables.items() if t in self.withheld}
            engine = _Suppressor(
                self.values | self.constants,
                [_Relation(lhs, rhs) for lhs, rhs in self.relations],
                self.k,
                self.fixed | {c for c in self.values if c in unbounded},
                last_resort=self.totals,
                signed=self.residuals,
                unbounded=unbounded,
                bounds=self.bounds,
                constants=self.constants,
            )
            hidden, exposed = engine.run()
            culprits = self._tables_giving_away(exposed) - self.withheld
            if not exposed or not culprits:
                break
            self.withheld |= culprits
        if exposed:
            # Only the figures document's own cells remain: they were audited as a whole.
            exposed = tuple(c for c in exposed if c not in self.fixed)
        self.hidden = hidden
        self.unprotected = exposed
        self.published = _publish(self.values, hidden - unbounded, self.k, self.residuals)
        for c in unbounded:
            self.published[c] = WITHHELD

    def _tables_giving_away(self, exposed: Iterable[Hashable]) -> set[str]:
        """The tables to withhold for these exposed counts: a count's own table; for a
        count of the figures document, every table whose relations reach it, directly or
        through other hidden counts of the document (the document alone gives none away:
        it was audited as a whole)."""
        out: set[str] = set()
        for c in exposed:
            own = self.tables.get(c)
            if own is not None:
                out.add(own)
                continue
            reached, todo = {c}, [c]
            while todo:
                x = todo.pop()
                for lhs, rhs in self.relations:
                    if x not in lhs and x not in rhs:
                        continue
                    for y in (*lhs, *rhs):
                        if (t := self.tables.get(y)) is not None:
                            out.add(t)
                        elif y in self.fixed and y not in reached and _is_token(self.values[y]):
                            reached.add(y)
                            todo.append(y)
        return out

    def value(self, key: Hashable) -> Any:
        """The published value of a registered cell (a number, a token, None or WITHHELD)."""
        return self.published[key]

    def is_withheld(self, table: str) -> bool:
        return table in self.withheld

    def people_hidden(self) -> float:
        """How many people's worth of counts this publication hides (residuals and the
        figures document's own suppression left out)."""
        return float(
            sum(
                abs(v)
                for c, v in self.values.items()
                if c in self.hidden
                and c not in self.residuals
                and c not in self.fixed
                and self.tables.get(c) not in self.withheld
                and _is_number(v)
            )
        )


def _is_token(value: Any) -> bool:
    """A published token (`<5`, `[c]`): a count the figures document hides."""
    return isinstance(value, str)


def _same(a: Any, b: Any) -> bool:
    if _is_missing(a) and _is_missing(b):
        return True
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return _is_number(a) and _is_number(b) and math.isclose(float(a), float(b), abs_tol=1e-9)
