"""Small-number disclosure control (METHOD.md, "Small numbers").

Trafficking data identifies people when counts are small, so every published count of
people from 1 to k−1 is shown as `<k`, and further cells are hidden wherever a hidden
count could otherwise be worked back out of printed totals (complementary suppression).

Three steps, the same for a dict of cells, a table and a figures document:

1. **Primary**: every count v with 0 < v < k is hidden (fractions too: 0.4 is small).
   Zeros, negatives (the "not disaggregated" remainder can be negative) and missing
   values are never hidden.
2. **Complementary**, repeated until nothing changes: a relation `total == Σ parts` whose
   total is printed and in which exactly one cell is hidden gives that cell away, so one
   more cell is hidden: the smallest positive printed part (ties: the first in the
   relation's order), preferring one that can itself be protected in its other relations.
   Totals are never hidden to protect another cell ("totals stay"): by default every
   relation's total; in a figures document, each entry's people-reached headline.
3. **Audit**: step 2 looks at one relation at a time, but relations can also be combined
   (a row and a column, a platform and its countries), and the tokens themselves carry
   bounds. A small count is *given away* when either
   - its exact value follows from the printed numbers by linear algebra, or
   - its feasible range is too narrow to hold two whole numbers (width < 1, or exactly 1
     with an open end; e.g. (0, 1] leaves only 1). The range comes from interval
     propagation: each hidden cell starts in its token's range, (0, k) for `<k` and
     [k, ∞) for `[c]`; every relation with a printed total then bounds each of its hidden
     cells by what the printed cells and the other hidden cells' ranges leave over, and
     this is repeated across relations until no range narrows. (6 = `<5` + `[c]` gives
     the `<5` at most 6 − 5 = 1.)
   Each small count given away gets one more complement where one stops that. Cells that
   cannot be protected without hiding a total (e.g. a small country total beside a
   printed platform total and printed sibling totals) stay as they are and are listed in
   `Suppression.unprotected`; the plain functions also emit a `DisclosureWarning`, so a
   build never publishes them silently.

A hidden small count is published as the token `<k`; a cell of k or more hidden only as a
complement as `[c]` (`COMPLEMENT`), since `<k` would be false for it.
"""

from __future__ import annotations

import copy
import heapq
import math
import numbers
import warnings
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple, TypeAlias

import numpy as np
import pandas as pd

from ..core.columns import POPULATION_TYPES
from ..figures.document import headline_key
from ..figures.reach import NOT_DISAGGREGATED, TOTAL_EXCLUDING_IN_TRANSIT

DEFAULT_K = 5
"""Smallest count of people that may be published as a number (METHOD.md; the manifest's
`disclosure.min_count` overrides it)."""

BREAKDOWNS = (*POPULATION_TYPES, NOT_DISAGGREGATED)
"""The parts of a `reached` total: the population types plus the not-disaggregated rest."""

TOTAL = "total"
IN_TRANSIT = "in_transit"

_RELATION_TOLERANCE = 1.0  # a figures relation "holds" when both sides differ by < 1 person
_NULL_TOLERANCE = 1e-8
_BOUND_TOLERANCE = 1e-9  # float noise in interval arithmetic (12.4 - 6 - 6 != 0.4)
_WHOLE_TOLERANCE = 1e-6  # float noise of a linear program's bound on a whole number
_MAX_ROUNDS = 100  # propagation rounds; every round's ranges are already valid bounds


Cell: TypeAlias = Any
"""The key of a cell: a name, a (row, column) pair or a figures-document path."""


class DisclosureWarning(UserWarning):
    """Some hidden count can still be worked out from the published numbers."""


@dataclass(frozen=True)
class Suppression:
    """What a suppression produced: the publishable object, and the small counts (hidden,
    keys as the input names them) that the published numbers still give away (exactly, or
    to within less than two whole numbers), which the caller should report (data-quality
    annex) or refuse to publish."""

    published: Any
    unprotected: tuple[Cell, ...]


class _Range(NamedTuple):
    """What a reader knows of a hidden cell: lo < x < hi, with <= where the end is closed."""

    lo: float
    lo_open: bool
    hi: float
    hi_open: bool

    def narrow(self) -> bool:
        """Too narrow to hold two whole numbers: width < 1, or exactly 1 with an open end
        (so (0, 1] pins the cell to 1 but [1, 2] still leaves 1 or 2). An empty range
        (the printed numbers contradict the tokens) counts as narrow too."""
        width = self.hi - self.lo  # inf when an end is infinite; never inf - inf
        return width < 1 - _BOUND_TOLERANCE or (
            width <= 1 + _BOUND_TOLERANCE and (self.lo_open or self.hi_open)
        )

    def whole_numbers(self) -> tuple[float, float]:
        """The smallest and largest whole number in the range (inf where unbounded); a
        closed end within `_WHOLE_TOLERANCE` of a whole number is that number (a linear
        program's float noise)."""
        lo, hi = self.lo, self.hi
        if math.isfinite(lo):
            lo = (
                math.floor(lo + _BOUND_TOLERANCE) + 1
                if self.lo_open
                else math.ceil(lo - _WHOLE_TOLERANCE)
            )
        if math.isfinite(hi):
            hi = (
                math.ceil(hi - _BOUND_TOLERANCE) - 1
                if self.hi_open
                else math.floor(hi + _WHOLE_TOLERANCE)
            )
        return float(lo), float(hi)

    def meet(self, lo: float, lo_open: bool, hi: float, hi_open: bool) -> _Range:
        """This range intersected with another. Float noise is taken out: a result within
        the tolerance of a point is that (closed) point, one empty by more is `_EMPTY`."""
        if lo < self.lo or (lo == self.lo and self.lo_open):
            lo, lo_open = self.lo, self.lo_open
        if hi > self.hi or (hi == self.hi and self.hi_open):
            hi, hi_open = self.hi, self.hi_open
        if hi - lo < -_BOUND_TOLERANCE:
            return _EMPTY
        if hi - lo <= _BOUND_TOLERANCE:
            middle = (lo + hi) / 2
            return _Range(middle, False, middle, False)
        return _Range(lo, lo_open, hi, hi_open)

    def narrower_than(self, old: _Range) -> bool:
        """Narrowed by more than float noise (or an end turned open, or emptied)."""
        if self == _EMPTY or old == _EMPTY:
            return self != old
        return (
            self.lo > old.lo + _BOUND_TOLERANCE
            or self.hi < old.hi - _BOUND_TOLERANCE
            or (
                self.hi - self.lo > _BOUND_TOLERANCE
                and (self.lo_open, self.hi_open) != (old.lo_open, old.hi_open)
            )
        )


_EMPTY = _Range(math.inf, False, -math.inf, False)


def _small_range(bound: float, whole: bool) -> _Range:
    """What `<bound` says of a count of people: where every printed number is a whole
    number (`whole`), a whole number from 1 to bound - 1, as a reader reasons; otherwise
    (exact figures with fractions of people) anything in (0, bound)."""
    if whole and float(bound).is_integer() and bound >= 2:
        return _Range(1.0, False, bound - 1.0, False)
    return _Range(0.0, True, bound, True)


def _solve(
    constant: float, unknown: Sequence[tuple[Cell, float]], i: int, ranges: Mapping[Cell, _Range]
) -> tuple[float, bool, float, bool]:
    """The range of unknown[i] that `constant + Σ a·x == 0` leaves, given the others'
    ranges (none of them empty): a·x == −constant − Σ b·y."""
    lo = hi = -constant
    lo_open = hi_open = False
    for j, (other, b) in enumerate(unknown):
        if j == i:
            continue
        r = ranges[other]
        if b > 0:
            lo, lo_open = lo - b * r.hi, lo_open or r.hi_open
            hi, hi_open = hi - b * r.lo, hi_open or r.lo_open
        else:
            lo, lo_open = lo - b * r.lo, lo_open or r.lo_open
            hi, hi_open = hi - b * r.hi, hi_open or r.hi_open
    a = unknown[i][1]
    if a < 0:
        lo, lo_open, hi, hi_open = hi, hi_open, lo, lo_open
    return lo / a, lo_open, hi / a, hi_open


class _Relation(NamedTuple):
    """Σ lhs == Σ rhs. lhs[0] is the printed total: when it is missing the relation tells
    the reader nothing. Complements are taken from rhs first, then from lhs."""

    lhs: tuple[Cell, ...]
    rhs: tuple[Cell, ...]


# ------------------------------------------------------------------------------ values


def _check_k(k: Any) -> int:
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 1:
        raise ValueError(f"k must be a whole number of at least 1, got {k!r}")
    return int(k)


def _is_real(value: Any) -> bool:
    return isinstance(value, (numbers.Real, Decimal)) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    """A real number a reader can use (bools, NaN and text are not)."""
    return _is_real(value) and not math.isnan(value)


def _is_missing(value: Any) -> bool:
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (_is_real(value) and math.isnan(value))
    )


def is_small(value: Any, k: int = DEFAULT_K) -> bool:
    """True for a count of people that must not be published: 0 < value < k.

    Fractions count (0.4 is small) because breakdowns are kept as floats; zero, negatives,
    missing values and text are never small.
    """
    k = _check_k(k)
    return bool(_is_number(value) and 0 < value < k)


COMPLEMENT = "[c]"
"""Token for a cell hidden only to protect another (its value is k or more): printing
`<k` there would be false, so it gets the statistical convention for "confidential"."""


def is_hidden(value: Any) -> bool:
    """A published token instead of a count: `<5` (small) or `[c]` (hidden to protect one)."""
    return isinstance(value, str) and (value.startswith("<") or value == COMPLEMENT)


def mask(value: Any, k: int = DEFAULT_K) -> str:
    """The token published instead of a hidden count: `<k` (e.g. "<5") for a small count,
    `[c]` for a larger cell hidden as a complement.

    Zero, negatives and missing values are never hidden, so asking to mask one is a bug.
    """
    k = _check_k(k)
    if _is_missing(value) or (_is_number(value) and value <= 0):
        raise ValueError(f"{value!r} is never hidden: only positive counts of people are")
    return f"<{k}" if is_small(value, k) else COMPLEMENT


# ------------------------------------------------------------------------------ engine


class _Suppressor:
    """Primary, complementary and audit steps over named cells and linear relations."""

    def __init__(
        self,
        values: Mapping[Cell, Any],
        relations: Iterable[_Relation],
        k: int,
        protected: Collection[Cell],
        *,
        last_resort: Collection[Cell] = (),
        signed: Collection[Cell] = (),
        unbounded: Collection[Cell] = (),
        bounds: Mapping[Cell, tuple[float, float]] | None = None,
        constants: Collection[Cell] = (),
    ):
        """`protected` cells are never hidden; `last_resort` ones (headlines, a table's
        totals) only when nothing else stops a small count being worked out; `signed`
        cells are residuals (not disaggregated), any sign, never small in themselves and
        hideable; `unbounded` cells are not published at all (a withheld table's);
        `constants` are not counts of people but what published numbers outside the
        cells add up to in a relation (`DocumentView`): known, never hidden."""
        self.k = k
        self.values = dict(values)
        constants = set(constants)
        for key, value in self.values.items():
            if not (isinstance(value, str) or _is_missing(value) or _is_number(value)):
                raise TypeError(
                    f"cell {key!r} holds {value!r}: expected a number, None or "
                    "text (an already published token)"
                )
        self.order = {key: i for i, key in enumerate(self.values)}
        self.whole = all(float(v).is_integer() for v in self.values.values() if _is_number(v))
        self.relations: list[_Relation] = []
        for rel in relations:
            for key in (*rel.lhs, *rel.rhs):
                if key not in self.values:
                    raise KeyError(f"relation {rel!r} names cell {key!r}, which has no value")
            if not _is_missing(self.values[rel.lhs[0]]):
                self.relations.append(rel)
        self.protected = set(protected) | set(constants)
        self.last_resort = set(last_resort) - self.protected
        self.signed = set(signed)
        self.unbounded = set(unbounded)
        # What a reader knows of a published token beyond the token itself (e.g. the
        # figures document's relations bound a `[c]` to [7, 12]): closed whole-number ends.
        self.bounds = dict(bounds or {})
        self.kept: frozenset = frozenset()  # set below, once `sensitive` is known
        # Text is taken as already hidden (e.g. a "<5" from an earlier run); a `<k` token
        # or a small number is a small count to protect (a residual too, when it is a small
        # positive number of people). A `[c]` is k or more, or a residual of any size.
        self.sensitive = frozenset(
            key
            for key, v in self.values.items()
            if key not in self.unbounded
            and key not in constants
            and (
                is_small(v, k)
                or (isinstance(v, str) and v.strip() != COMPLEMENT and not _is_missing(v))
            )
        )
        # A count hidden where it was published first (the figures document), small or a
        # complement, keeps the range it has there: a chapter adds nothing to what the
        # document says of it, so chapters read together add nothing either. Were one
        # chapter to narrow it, the chapters read together (each narrowing a count of the
        # same platform, or pinning a complement that protects one) could pin a small
        # count down.
        self.kept = frozenset(
            c for c in self.bounds if c in self.protected and isinstance(self.values[c], str)
        )
        self.hidden = (
            set(self.sensitive)
            | self.unbounded
            | {key for key, v in self.values.items() if isinstance(v, str)}
        )
        self.relations_of: dict[Cell, list[_Relation]] = defaultdict(list)
        self.relation_numbers: dict[Cell, list[int]] = defaultdict(list)
        for i, rel in enumerate(self.relations):
            for key in dict.fromkeys((*rel.lhs, *rel.rhs)):
                self.relations_of[key].append(rel)
                self.relation_numbers[key].append(i)
        # Each relation as Σ coefficient × cell == 0 (lhs +1, rhs −1; zeros dropped).
        self.forms: list[dict[Cell, float]] = []
        for rel in self.relations:
            form: dict[Cell, float] = defaultdict(float)
            for c in rel.lhs:
                form[c] += 1.0
            for c in rel.rhs:
                form[c] -= 1.0
            self.forms.append({c: a for c, a in form.items() if a})
        self.forms_of: dict[Cell, list[int]] = defaultdict(list)
        for i, form in enumerate(self.forms):
            for c in form:
                self.forms_of[c].append(i)
        # What the audits find for a group of hidden cells tied together depends on that
        # group only (the other cells are printed numbers): found once per group.
        self._fast_found: dict[frozenset, frozenset] = {}
        self._lp_found: dict[frozenset, frozenset] = {}

    # -- complementary step

    def _eligible(self, key: Cell, last_resort: bool = False) -> bool:
        """May be hidden as a complement: printed, not protected (nor a last resort, unless
        asked), and a positive count or a residual other than zero (zero stays zero)."""
        value = self.values[key]
        if key in self.hidden or key in self.protected or not _is_number(value):
            return False
        if key in self.last_resort:
            # A total, only as a last resort; then whatever its sign (a negative one arises
            # where breakdowns add up to more than the people reported), but zero stays zero.
            return last_resort and value != 0
        return value > 0 or (key in self.signed and value != 0)

    def _cost(self, key: Cell) -> tuple[float, int]:
        """What hiding a cell costs the reader: its size (ties: the first cell)."""
        return abs(float(self.values[key])), self.order[key]

    @staticmethod
    def _cells(rel: _Relation) -> list[Cell]:
        return list(dict.fromkeys((*rel.lhs, *rel.rhs)))

    def _dead_end(self, key: Cell, current: _Relation) -> bool:
        """Hiding `key` would leave it alone in another relation with nothing to pair it with."""
        for rel in self.relations_of[key]:
            if rel is current:
                continue
            cells = self._cells(rel)
            if any(c in self.hidden for c in cells):
                continue  # hiding key there makes two hidden cells, or already more
            if not any(c != key and self._eligible(c) for c in cells):
                return True
        return False

    def _complement(self, rel: _Relation, last_resort: bool = False) -> Cell | None:
        hidden = [c for c in self._cells(rel) if c in self.hidden]
        if len(hidden) != 1:
            return None
        for last in (False, True) if last_resort else (False,):
            for side in (rel.rhs, rel.lhs):
                candidates = [
                    c for c in dict.fromkeys(side) if c != hidden[0] and self._eligible(c, last)
                ]
                if candidates:
                    safe = [c for c in candidates if not self._dead_end(c, rel)]
                    # The smallest cell to hide; ties go to the cell met first.
                    return min(safe or candidates, key=self._cost)
        return None

    def _close(self, last_resort: bool = False, touched: Iterable[Cell] | None = None) -> None:
        """Repeat the complementary rule until stable (with totals too, when `last_resort`);
        ends since each pass hides a new cell. From a closed state where only `touched`
        cells were hidden since, only the relations naming them (and then those naming
        the complements they bring) can need a complement: only those are looked at."""
        if touched is None or last_resort:
            changed = True
            while changed:
                changed = False
                for rel in self.relations:
                    key = self._complement(rel, last_resort)
                    if key is not None:
                        self.hidden.add(key)
                        changed = True
            return
        pending = sorted({i for c in touched for i in self.relation_numbers[c]})
        heapq.heapify(pending)
        queued = set(pending)
        while pending:
            i = heapq.heappop(pending)
            queued.discard(i)
            key = self._complement(self.relations[i])
            if key is not None:
                self.hidden.add(key)
                for j in self.relation_numbers[key]:
                    if j not in queued:
                        queued.add(j)
                        heapq.heappush(pending, j)

    # -- audit step

    def _recoverable(self, hidden: Collection[Cell]) -> set[Cell]:
        """Hidden cells whose value the printed cells and the relations determine exactly:
        those on which every solution of the relations agrees (zero in the null space)."""
        columns = sorted(hidden, key=self.order.__getitem__)
        index = {c: j for j, c in enumerate(columns)}
        rows = []
        for i in self._forms_touching(columns):
            row = np.zeros(len(columns))
            for c, a in self.forms[i].items():
                if c in index:
                    row[index[c]] += a
            if row.any():
                rows.append(row)
        if not rows:
            return set()
        matrix = np.array(rows)
        _, singular, vt = np.linalg.svd(matrix)
        tol = max(matrix.shape) * np.finfo(float).eps * singular.max()
        null = vt[int((singular > tol).sum()) :]
        determined = np.linalg.norm(null, axis=0) < _NULL_TOLERANCE
        return {columns[j] for j in np.flatnonzero(determined)}

    def _forms_touching(self, cells: Iterable[Cell]) -> list[int]:
        """The relations (as indices of `forms`) naming any of these cells, in order."""
        return sorted({i for c in cells for i in self.forms_of.get(c, ())})

    def _token_range(self, key: Cell) -> _Range:
        """What the published token alone says: `<n` is (0, n), `[c]` is [k, ∞); other text
        says nothing. A hidden number gets the token `mask` gives it."""
        value = self.values[key]
        if key in self.bounds:
            lo, hi = self.bounds[key]
            return _Range(lo, False, hi, False)
        if key in self.unbounded or (key in self.signed and key not in self.sensitive):
            return _Range(-math.inf, True, math.inf, True)  # a residual can be anything
        if isinstance(value, str):
            token = value.strip()
            if token == COMPLEMENT:
                return _Range(float(self.k), False, math.inf, True)
            if token.startswith("<"):
                try:
                    bound = float(token[1:])
                except ValueError:
                    bound = math.nan
                if 0 < bound < math.inf:
                    return _small_range(bound, self.whole)
            return _Range(-math.inf, True, math.inf, True)
        if is_small(value, self.k):
            return _small_range(float(self.k), self.whole)
        return _Range(float(self.k), False, math.inf, True)

    def _ranges(self, hidden: Collection[Cell]) -> dict[Cell, _Range]:
        """The range a reader can narrow each hidden cell to: start from the tokens, then,
        relation by relation, bound each hidden cell by the printed cells and the other
        hidden cells' ranges, until no range narrows (missing cells count as 0). A range
        found empty (the printed numbers contradict the tokens) empties every hidden cell
        it shares a relation with: that part of the table has no consistent reading."""
        ranges = {c: self._token_range(c) for c in hidden}
        equations = []  # (constant, [(cell, coefficient)]): constant + Σ a·x == 0
        for i in self._forms_touching(ranges):
            form = self.forms[i]
            unknown = [(c, a) for c, a in form.items() if c in ranges]
            if unknown:
                constant = sum(
                    a * (0.0 if _is_missing(self.values[c]) else float(self.values[c]))
                    for c, a in form.items()
                    if c not in ranges
                )
                equations.append((constant, unknown))
        for _ in range(_MAX_ROUNDS):
            changed = False
            for constant, unknown in equations:
                if any(ranges[c] == _EMPTY for c, _ in unknown):
                    for c, _ in unknown:
                        changed = changed or ranges[c] != _EMPTY
                        ranges[c] = _EMPTY
                    continue
                for i, (cell, _) in enumerate(unknown):
                    new = ranges[cell].meet(*_solve(constant, unknown, i, ranges))
                    changed = changed or new.narrower_than(ranges[cell])
                    ranges[cell] = new
                    if new == _EMPTY:
                        break  # the next round empties the rest of this relation
            if not changed:
                break
        return ranges

    def _given_away(self, hidden: Collection[Cell], only: Cell | None = None) -> set[Cell]:
        """Small counts a reader can work out, exactly (linear algebra) or to within less
        than two whole numbers (interval propagation), when `hidden` is hidden (only
        among the hidden cells tied to `only`, when given)."""
        out: set[Cell] = set()
        for group in self._groups(hidden, only):
            found = self._fast_found.get(group)
            if found is None:
                ranges = self._ranges(group)
                narrow = {
                    c
                    for c in group
                    if (c in self.sensitive or c in self.kept) and self._too_narrow(c, ranges[c])
                }
                found = frozenset((self._recoverable(group) & self.sensitive) | narrow)
                self._fast_found[group] = found
            out |= found
        return out

    def _too_narrow(self, key: Cell, found: _Range) -> bool:
        """Given away: a small count too narrow to hold two whole numbers, or a count
        published elsewhere (`kept`) holding fewer whole numbers than it does there."""
        if key in self.sensitive and found.narrow():
            return True
        if key not in self.kept:
            return False
        lo, hi = found.whole_numbers()
        return lo > self.bounds[key][0] or hi < self.bounds[key][1]

    def _groups(self, hidden: Collection[Cell], only: Cell | None) -> list[frozenset]:
        """The groups of hidden cells that relations tie together; or only `only`'s."""
        if only is None:
            return [frozenset(g) for g in self._components(hidden)]
        hidden = set(hidden)
        group, todo = {only}, [only]
        while todo:
            for i in self.forms_of.get(todo.pop(), ()):
                for c in self.forms[i]:
                    if c in hidden and c not in group:
                        group.add(c)
                        todo.append(c)
        return [frozenset(group)]

    def _with(self, candidate: Cell, last_resort: bool = False) -> set[Cell]:
        """The hidden cells if `candidate` were hidden too, with the complements that then
        follow (a hidden running total needs its own complement, and so on; totals among
        them when `last_resort`)."""
        saved = set(self.hidden)
        self.hidden.add(candidate)
        self._close(last_resort, touched=[candidate])
        trial, self.hidden = self.hidden, saved
        return trial

    def _fix(self, key: Cell, given_away=None) -> set[Cell] | None:
        """The cells to hide so that `key` is no longer given away: the cheapest candidate
        (with the complements it brings) that does it, first among the cells that share a
        relation with `key`, then anywhere; a headline or a table's total only when
        nothing else does."""
        given_away = given_away or self._given_away
        around = list(dict.fromkeys(c for rel in self.relations_of[key] for c in self._cells(rel)))
        for last in (False, True):
            near = [c for c in around if self._eligible(c, last)]
            seen = set(near)
            far = [
                c
                for c in self.values
                if c not in seen and self.relations_of[c] and self._eligible(c, last)
            ]
            for pool in (near, far):
                for candidate in sorted(pool, key=self._cost):
                    trial = self._with(candidate, last)
                    if key not in given_away(trial, key):
                        return trial - self.hidden
        return None

    def lp_ranges(self, hidden: Collection[Cell], cells: Collection[Cell]) -> dict[Cell, _Range]:
        """The range a reader can narrow each of `cells` (hidden) to with every relation at
        once: a linear program over the hidden cells, each within its token's range (an
        open end is kept as a closed one, then marked open again where the bound is met)."""
        order = sorted(hidden, key=self.order.__getitem__)
        index = {c: j for j, c in enumerate(order)}
        rows, rhs = [], []
        for i in self._forms_touching(order):
            form = self.forms[i]
            row = np.zeros(len(order))
            constant = 0.0
            for c, a in form.items():
                if c in index:
                    row[index[c]] += a
                else:
                    value = self.values[c]
                    constant += a * (0.0 if _is_missing(value) else float(value))
            rows.append(row)
            rhs.append(-constant)
        tokens = {c: self._token_range(c) for c in order}
        bounds = [
            (None if r.lo == -math.inf else r.lo, None if r.hi == math.inf else r.hi)
            for r in tokens.values()
        ]
        solver = _ExtremeSolver(np.array(rows).reshape(len(rows), len(order)), rhs, bounds)
        out: dict[Cell, _Range] = {}
        for c in cells:
            low_status, least = solver.extreme(index[c], 1.0)
            high_status, negated_most = solver.extreme(index[c], -1.0)
            if _INFEASIBLE in (low_status, high_status):  # the published numbers contradict
                out[c] = _EMPTY
                continue
            r = tokens[c]
            lo = least if low_status == _OPTIMAL else -math.inf
            hi = -negated_most if high_status == _OPTIMAL else math.inf
            out[c] = _Range(
                lo,
                r.lo_open and abs(lo - r.lo) <= _BOUND_TOLERANCE,
                hi,
                r.hi_open and abs(hi - r.hi) <= _BOUND_TOLERANCE,
            )
        return out

    def _components(self, hidden: Collection[Cell]) -> list[list[Cell]]:
        """The hidden cells in groups that relations tie together (a relation ties the
        hidden cells it names): each group is bounded on its own."""
        parent = {c: c for c in hidden}

        def find(c):
            while parent[c] != c:
                parent[c] = parent[parent[c]]
                c = parent[c]
            return c

        for form in self.forms:
            cells = [c for c in form if c in parent]
            for other in cells[1:]:
                parent[find(other)] = find(cells[0])
        groups: dict[Cell, list[Cell]] = defaultdict(list)
        for c in hidden:
            groups[find(c)].append(c)
        return list(groups.values())

    def _widen(self, key: Cell, given_away) -> set[Cell] | None:
        """When no one cell protects `key` (tiny tables where every count is small), hide
        every cell that can be hidden in the relations around it, ring by ring, until it
        is protected; None if even that does not do it."""
        trial = set(self.hidden)
        ring = {key}
        for _ in range(len(self.values)):
            around = {c for r in ring for rel in self.relations_of[r] for c in self._cells(rel)}
            saved, self.hidden = self.hidden, trial
            added = {c for c in around if self._eligible(c, last_resort=True)}
            self.hidden = saved
            if not added:
                return None
            trial |= added
            if key not in given_away(trial, key):
                return trial - self.hidden
            ring = around
        return None

    def _lp_given_away(self, hidden: Collection[Cell], only: Cell | None = None) -> set[Cell]:
        """Small counts whose range, as a linear program over every relation at once (what
        interval propagation may miss when relations combine), is too narrow to hold two
        whole numbers: the final audit (only among the hidden cells tied to `only`, when
        given). A group of one hidden cell is bounded exactly by interval propagation
        already."""
        out: set[Cell] = set()
        for group in self._groups(hidden, only):
            found = self._lp_found.get(group)
            if found is None:
                targets = [c for c in group if c in self.sensitive or c in self.kept]
                found = frozenset()
                if targets and len(group) >= 2:
                    ranges = self.lp_ranges(group, targets)
                    found = frozenset(c for c, r in ranges.items() if self._too_narrow(c, r))
                self._lp_found[group] = found
            out |= found
        return out

    def _search(self, given_away, given_up: set[Cell] | None = None) -> set[Cell]:
        """Hide complements until `given_away` finds no small count exposed, but for
        those nothing can protect (returned, with `given_up` already known)."""
        given_up = set(given_up or ())
        while True:
            exposed = sorted(
                (c for c in given_away(self.hidden) if c not in given_up),
                key=self.order.__getitem__,
            )
            if not exposed:
                return given_up
            fix = self._fix(exposed[0], given_away) or self._widen(exposed[0], given_away)
            if fix is None:
                given_up.add(exposed[0])
                continue
            # Hiding more cells never makes another hidden cell recoverable, nor narrows
            # its range (a printed value becomes a range holding it), and the new cells are
            # not small. Each round hides new cells or gives up on one: the loop ends.
            self.hidden |= fix
            self._close()

    def run(self) -> tuple[set[Cell], tuple[Cell, ...]]:
        """Hidden cells, and the small counts among them still given away."""
        self._close()
        # Fast first (interval propagation and linear algebra), then every relation at
        # once; the linear program's bounds are never wider, so what the fast search could
        # not protect it cannot either.
        given_up = self._search(self._given_away)
        self._search(self._lp_given_away, given_up)
        exposed = self._given_away(self.hidden) | self._lp_given_away(self.hidden)
        return self.hidden, tuple(sorted(exposed, key=self.order.__getitem__))


def _publish(
    values: Mapping[Cell, Any], hidden: Collection[Cell], k: int, signed: Collection[Cell] = ()
) -> dict:
    """Hidden numbers become the token (a hidden residual `[c]`, whatever its sign); text
    already hidden and everything else is kept."""
    return {
        key: (f"<{k}" if is_small(v, k) else COMPLEMENT)
        if key in hidden and not isinstance(v, str)
        else v
        for key, v in values.items()
    }


def _warn(unprotected: Sequence[Cell], where: str) -> None:
    if unprotected:
        shown = ", ".join(str(u) for u in unprotected[:10])
        more = f" and {len(unprotected) - 10} more" if len(unprotected) > 10 else ""
        warnings.warn(
            f"{where}: small counts the printed numbers still give away (only a "
            f"total, a zero or a negative could have protected them): {shown}{more}",
            DisclosureWarning,
            stacklevel=3,
        )


# ------------------------------------------------------------------------------ cells


def suppress_values_report(
    values: Mapping[Cell, float | None],
    relations: Iterable[tuple[Cell, Sequence[Cell]]],
    k: int = DEFAULT_K,
    *,
    protected: Collection[Cell] | None = None,
) -> Suppression:
    """`suppress_values`, plus the small counts still given away.

    A cell stays exactly recoverable when the only cells that could pair with it are zeros,
    negatives, missing values or totals, e.g. {total: 0, a: 3, not_disaggregated: -3}.
    Hiding a total, a zero or a negative is not allowed, so nothing more is hidden and the
    cell is listed for the caller to report. So is one the tokens' bounds pin down, e.g.
    {total: 6, a: 1, b: 5}: published 6 = `<5` + `[c]`, so a <= 6 − 5 = 1, and only the
    total could pair with it.
    """
    k = _check_k(k)
    rels = [_Relation((total,), tuple(parts)) for total, parts in relations]
    keep = {rel.lhs[0] for rel in rels} if protected is None else protected
    hidden, unprotected = _Suppressor(values, rels, k, keep).run()
    return Suppression(_publish(values, hidden, k), unprotected)


def suppress_values(
    values: Mapping[Cell, float | None],
    relations: Iterable[tuple[Cell, Sequence[Cell]]],
    k: int = DEFAULT_K,
    *,
    protected: Collection[Cell] | None = None,
) -> dict[Cell, float | str | None]:
    """Cells keyed by name, small counts replaced by `<k` and their complements by `[c]`.

    Each relation `(total, parts)` says `total == Σ parts`. `protected` names the cells
    never hidden as complements (default: every relation's total, since totals stay; a
    total that is itself small is still hidden). Missing values stay missing and cannot
    serve as complements; a relation whose total is missing reveals nothing. Warns
    (`DisclosureWarning`) when a small count is still given away (exactly, or by the
    tokens' bounds to within less than two whole numbers); see `suppress_values_report`.
    """
    result = suppress_values_report(values, relations, k, protected=protected)
    _warn(result.unprotected, "suppress_values")
    return result.published


# ------------------------------------------------------------------------------ tables


def suppress_frame_report(
    df: pd.DataFrame,
    value_columns: Sequence[Cell],
    k: int = DEFAULT_K,
    row_total: Cell | None = None,
    column_total_row: object | None = None,
) -> Suppression:
    """`suppress_frame`, plus the small counts still given away, as (row label, column)."""
    k = _check_k(k)
    columns = [*value_columns, *([row_total] if row_total is not None else [])]
    if len(set(columns)) != len(columns):
        raise ValueError(f"columns named more than once: {columns!r}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"columns not in the table: {missing!r}")
    position = {}
    for col in columns:
        loc = df.columns.get_loc(col)
        if not isinstance(loc, int):
            raise ValueError(f"column {col!r} appears more than once in the table")
        position[col] = loc
    total_pos = None
    if column_total_row is not None:
        hits = [i for i, label in enumerate(df.index) if label == column_total_row]
        if len(hits) != 1:
            raise ValueError(
                f"totals row {column_total_row!r} found {len(hits)} times in the "
                "index; expected once"
            )
        total_pos = hits[0]

    # Cells are keyed by position, so duplicate row labels cannot mix up two cells.
    values = {(i, col): df.iat[i, position[col]] for i in range(len(df)) for col in columns}
    rels = []
    if row_total is not None:
        rels += [
            _Relation(((i, row_total),), tuple((i, c) for c in value_columns))
            for i in range(len(df))
        ]
    if total_pos is not None:
        rels += [
            _Relation(
                ((total_pos, col),), tuple((i, col) for i in range(len(df)) if i != total_pos)
            )
            for col in columns
        ]
    hidden, unprotected = _Suppressor(values, rels, k, {r.lhs[0] for r in rels}).run()

    out = df.astype(object)  # a copy: the caller's table is never touched
    for (i, col), value in _publish(values, hidden, k).items():
        if (i, col) in hidden:
            out.iat[i, position[col]] = value
    return Suppression(out, tuple((df.index[i], col) for i, col in unprotected))


def suppress_frame(
    df: pd.DataFrame,
    value_columns: Sequence[Cell],
    k: int = DEFAULT_K,
    row_total: Cell | None = None,
    column_total_row: object | None = None,
) -> pd.DataFrame:
    """A published table of people (rows = countries, etc.; columns = population types).

    `row_total` names the column equal to Σ `value_columns` per row; `column_total_row` is
    the index label of the row equal to the column sums of the other rows. Small counts
    become the string `<k` and their complements, across rows and columns, `[c]`, in an
    object-dtype copy; other cells are unchanged, and the input is never modified. Totals
    are never hidden to protect another cell. Warns (`DisclosureWarning`) when a small
    count is still given away; see `suppress_frame_report`.
    """
    result = suppress_frame_report(df, value_columns, k, row_total, column_total_row)
    _warn(result.unprotected, "suppress_frame")
    return result.published


# ------------------------------------------------------------------------------ figures


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _entries(obj: Any, path: str = "") -> Iterator[tuple[str, dict]]:
    """Every dict holding a `reached` dict, with its path (e.g. "countries[3]")."""
    if isinstance(obj, dict):
        if isinstance(obj.get("reached"), dict):
            yield path, obj
        for key, value in obj.items():
            if key != "reached":
                yield from _entries(value, _join(path, key))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from _entries(value, f"{path}[{i}]")


def _leaves(obj: Any, path: str) -> Iterator[tuple[str, Any, Any]]:
    """(path, container, key) of every scalar under `obj`."""
    items = obj.items() if isinstance(obj, dict) else enumerate(obj)
    for key, value in items:
        sub = _join(path, key) if isinstance(obj, dict) else f"{path}[{key}]"
        if isinstance(value, (dict, list)):
            yield from _leaves(value, sub)
        else:
            yield sub, obj, key


def _cell(entry_path: str, field: str) -> str:
    return _join(_join(entry_path, "reached"), field)


def _headline(reached: dict) -> str | None:
    """The entry's people-reached figure (`figures.document.headline_key`), if it has one."""
    key = headline_key(reached)  # type: ignore[arg-type]
    return key if key in reached else None


def _figures_relations(
    doc: dict,
    entries: list[tuple[str, dict]],
    values: dict[str, Any],
    truth: Mapping[str, Any] | None = None,
) -> list[_Relation]:
    """The additive relations a reader of the figures document can use.

    Inside each `reached`: total = Σ breakdowns, and total = total excluding in-transit +
    in-transit. Across entries: platform = Σ its countries, region = Σ countries (or with
    the regional activities), and region total excluding in-transit = Σ countries' (total −
    in-transit). A relation is used only where the numbers satisfy it within one person
    (`truth`: the numbers before suppression, when the document is a published one), or
    cannot be checked because a cell is already hidden: only then can it give a cell away.
    """

    def number(key: str) -> float:
        value = (truth if truth is not None else values)[key]
        if isinstance(value, str):
            raise LookupError(key)
        return 0.0 if _is_missing(value) else float(value)

    def holds(rel: _Relation) -> bool:
        try:
            diff = sum(map(number, rel.lhs)) - sum(map(number, rel.rhs))
        except LookupError:
            return True
        return abs(diff) < _RELATION_TOLERANCE

    def fields(path: str, names: Iterable[str]) -> tuple[str, ...]:
        return tuple(_cell(path, f) for f in names if _cell(path, f) in values)

    candidates: list[_Relation] = []
    for path, entry in entries:
        reached = entry["reached"]
        if (
            TOTAL_EXCLUDING_IN_TRANSIT in reached
            and IN_TRANSIT in reached
            and _cell(path, TOTAL) in values
        ):
            candidates.append(
                _Relation(
                    fields(path, [TOTAL]), fields(path, [TOTAL_EXCLUDING_IN_TRANSIT, IN_TRANSIT])
                )
            )
        parts = fields(path, BREAKDOWNS)
        if _cell(path, TOTAL) in values and parts:
            candidates.append(_Relation((_cell(path, TOTAL),), parts))

    def entry_path(name: str) -> str | None:
        return (
            name
            if isinstance(doc.get(name), dict) and isinstance(doc[name].get("reached"), dict)
            else None
        )

    countries = [
        (f"countries[{i}]", c)
        for i, c in enumerate(doc.get("countries") or [])
        if isinstance(c, dict) and isinstance(c.get("reached"), dict)
    ]
    by_iso3 = {c.get("iso3") or c.get("country"): path for path, c in countries}
    for j, platform in enumerate(doc.get("platforms") or []):
        if not (isinstance(platform, dict) and isinstance(platform.get("reached"), dict)):
            continue
        members = [
            by_iso3[iso]
            for iso in platform.get("countries") or []
            if isinstance(iso, str) and iso in by_iso3
        ]
        for field in platform["reached"]:
            total = _cell(f"platforms[{j}]", field)
            parts = tuple(_cell(m, field) for m in members if _cell(m, field) in values)
            if total in values and parts:
                candidates.append(_Relation((total,), parts))

    region, extra = entry_path("region"), entry_path("regional_activities")
    if region:
        groups = [[p for p, _ in countries]]
        if extra:
            groups.append([*groups[0], extra])
        for field in doc[region]["reached"]:
            total = _cell(region, field)
            for group in groups:
                parts = tuple(_cell(m, field) for m in group if _cell(m, field) in values)
                if total in values and parts and holds(_Relation((total,), parts)):
                    candidates.append(_Relation((total,), parts))
                    break
        headline = _cell(region, TOTAL_EXCLUDING_IN_TRANSIT)
        for group in groups:
            rel = _Relation(
                (
                    headline,
                    *(_cell(m, IN_TRANSIT) for m in group if _cell(m, IN_TRANSIT) in values),
                ),
                tuple(_cell(m, TOTAL) for m in group if _cell(m, TOTAL) in values),
            )
            if headline in values and rel.rhs and holds(rel):
                candidates.append(rel)
                break
    return [rel for rel in candidates if holds(rel)]


def document_cells(
    doc: Mapping, truth: Mapping | None = None
) -> tuple[dict[str, Any], list[_Relation], set[str], set[str]]:
    """(cells by path, the relations among them, their totals and headlines, their
    residuals) of a figures document: what a reader of it can use. For a published
    document, `truth` is the same document before suppression: which relations hold is
    read from it (a reader knows them from METHOD.md; a hidden cell must not make a
    relation that does not hold look usable)."""
    entries = list(_entries(doc))
    values: dict[str, Any] = {}
    for path, entry in entries:
        for key, container, name in _leaves(entry["reached"], _join(path, "reached")):
            values[key] = container[name]
    true_values: dict[str, Any] | None = None
    if truth is not None:
        true_values = {}
        for path, entry in _entries(truth):
            for key, container, name in _leaves(entry["reached"], _join(path, "reached")):
                true_values[key] = container[name]
        if set(true_values) != set(values):
            raise ValueError("the published document and its truth do not have the same cells")
    totals = {
        _cell(path, f) for path, e in entries for f in (TOTAL, _headline(e["reached"])) if f
    } & set(values)
    signed = {_cell(path, NOT_DISAGGREGATED) for path, _ in entries} & set(values)
    return values, _figures_relations(dict(doc), entries, values, true_values), totals, signed


def document_ranges(
    published: Mapping, k: int, truth: Mapping | None = None
) -> dict[str, tuple[float, float]]:
    """For each hidden cell of a published figures document, the whole numbers a reader of
    the whole document can narrow it to (a linear program over every relation): what a
    chapter that prints the cell knows of it beyond its token. `truth`: the document
    before suppression (`document_cells`)."""
    values, relations, _, signed = document_cells(published, truth)
    engine = _Suppressor(values, relations, _check_k(k), (), signed=signed)
    out: dict[str, tuple[float, float]] = {}
    ranges: dict = {}
    for group in engine._components(engine.hidden):
        ranges.update(engine.lp_ranges(group, group))
    for c, r in ranges.items():
        if r != _EMPTY:
            out[c] = r.whole_numbers()
    return out


@dataclass(frozen=True)
class DocumentView:
    """What a reader of the whole published figures document knows that bears on some of
    its entries: their cells, the hidden cells of other entries that relations tie to
    their hidden ones (directly or through other hidden cells), and those relations, with
    the published numbers of the other entries added up into a constant (Σ lhs = Σ rhs +
    constant). Nothing else in the document can narrow what these entries hide: a chapter
    that prints them is audited against this, and changes only when this changes."""

    values: dict[str, Any]
    relations: list[tuple[tuple[str, ...], tuple[str, ...], float]]
    residuals: frozenset[str]

    def as_json(self) -> dict:
        return {
            "values": self.values,
            "relations": [[list(lhs), list(rhs), c] for lhs, rhs, c in self.relations],
            "residuals": sorted(self.residuals),
        }


def document_view(
    published: Mapping, entries: Collection[str], truth: Mapping | None = None
) -> DocumentView:
    """The `DocumentView` of the entries at these paths (e.g. "countries[3]"); `truth` as
    for `document_cells`."""
    values, relations, _, signed = document_cells(published, truth)
    own = {key for key in values if key.split(".reached.")[0] in entries}
    hidden = {key for key, v in values.items() if isinstance(v, str)}
    linked = own & hidden
    todo = list(linked)
    relations_of: dict[str, list[_Relation]] = defaultdict(list)
    for rel in relations:
        for key in (*rel.lhs, *rel.rhs):
            relations_of[key].append(rel)
    while todo:
        for rel in relations_of[todo.pop()]:
            for key in (*rel.lhs, *rel.rhs):
                if key in hidden and key not in linked:
                    linked.add(key)
                    todo.append(key)
    cells = own | linked
    view: list[tuple[tuple[str, ...], tuple[str, ...], float]] = []
    seen: set = set()
    for rel in relations:
        if not any(key in linked for key in (*rel.lhs, *rel.rhs)):
            continue
        constant = sum(_number_or_zero(values[key]) for key in rel.rhs if key not in cells)
        constant -= sum(_number_or_zero(values[key]) for key in rel.lhs if key not in cells)
        lhs = tuple(key for key in rel.lhs if key in cells)
        rhs = tuple(key for key in rel.rhs if key in cells)
        if (lhs, rhs, constant) not in seen:
            seen.add((lhs, rhs, constant))
            view.append((lhs, rhs, constant))
    ordered = {key: values[key] for key in values if key in cells}
    return DocumentView(ordered, view, frozenset(signed & cells))


def _number_or_zero(value: Any) -> float:
    """A published number outside a view (a missing one counts as 0, as in the relations)."""
    return 0.0 if _is_missing(value) else float(value)


def suppress_figures_report(figures: Mapping, k: int | None = None) -> Suppression:
    """`suppress_figures`, plus the small counts still given away, named by path
    (e.g. "countries[0].reached.total")."""
    doc = copy.deepcopy(dict(figures))
    if k is None:
        k = doc.get("min_count") or DEFAULT_K
    k = _check_k(k)
    entries = list(_entries(doc))
    where: dict[str, tuple[Any, Any]] = {}
    for path, entry in entries:
        for key, container, name in _leaves(entry["reached"], _join(path, "reached")):
            where[key] = (container, name)
    # Totals stay (the headline and the total of each entry): hidden only when nothing
    # else stops a small count being worked out. "Not disaggregated" is a residual.
    values, relations, last_resort, signed = document_cells(doc)
    hidden, unprotected = _Suppressor(
        values, relations, k, (), last_resort=last_resort, signed=signed
    ).run()

    for key, value in _publish(values, hidden, k, signed).items():
        container, name = where[key]
        container[name] = value
    for path, entry in entries:
        headline = _headline(entry["reached"])
        if headline and _cell(path, headline) in hidden:
            # percent × target would give the hidden figure back.
            entry["suppressed"] = True
            if "percent_of_target" in entry:
                entry["percent_of_target"] = None
    return Suppression(doc, unprotected)


def suppress_figures(figures: Mapping, k: int | None = None) -> dict:
    """A deep copy of a figures document fit to publish.

    Only the values inside `reached` dicts are counts of people; targets, partner and donor
    counts, money and percentages are left alone. Relations used: each entry's total = Σ
    breakdowns (and, for the region, total = total excluding in-transit + in-transit),
    platform = Σ its countries, region = Σ countries. The people-reached headline (the
    region's excludes in-transit) is never hidden as a complement, but the region's total
    *including* in-transit may be: METHOD.md never adds in-transit people up across
    countries, and hiding it is what keeps a small in-transit count from being total −
    headline. When an entry's headline is hidden, its `percent_of_target` becomes None
    (percent × target would give it back) and `"suppressed": true` is added to the entry.
    `k` defaults to the document's `min_count`, else `DEFAULT_K`. Warns
    (`DisclosureWarning`) when a small count is still given away; see
    `suppress_figures_report`.
    """
    result = suppress_figures_report(figures, k)
    _warn(result.unprotected, "suppress_figures")
    return result.published


# ------------------------------------------------------------------------------ tests


def assert_no_small_counts(obj: Any, k: int = DEFAULT_K) -> None:
    """Fail, naming every path, if a count of people in (0, k) is published in `obj`.

    Walks nested dicts and lists; counts of people are the numbers anywhere under a
    `reached` key. A DataFrame is taken to be a table of people: every number in it is
    checked. For tests and a last check before writing a publication.
    """
    k = _check_k(k)
    found: list[str] = []

    def walk(node: Any, path: str, people: bool) -> None:
        if isinstance(node, pd.DataFrame):
            for i, label in enumerate(node.index):
                for j, col in enumerate(node.columns):
                    if is_small(node.iat[i, j], k):
                        found.append(f"{path}[{label!r}, {col!r}] = {node.iat[i, j]}")
        elif isinstance(node, Mapping):
            for key, value in node.items():
                walk(value, _join(path, key), people or key == "reached")
        elif isinstance(node, (list, tuple)):
            for i, value in enumerate(node):
                walk(value, f"{path}[{i}]", people)
        elif people and is_small(node, k):
            found.append(f"{path} = {node}")

    walk(obj, "", False)
    if found:
        raise AssertionError(
            f"{len(found)} count(s) of people between 0 and {k} (exclusive) "
            f"published: " + "; ".join(found)
        )


_OPTIMAL, _INFEASIBLE, _OTHER = 0, 2, 4  # as scipy's linprog numbers them


class _ExtremeSolver:
    """The least and the greatest value of one variable subject to `a_eq x = b_eq` within
    `bounds`: the linear programs of `lp_ranges`, one HiGHS model per table with only the
    objective changed between solves. Each solve starts afresh (presolve, dual simplex),
    what `scipy.optimize.linprog(method="highs")` asks of its own copy of HiGHS, without
    the wrapper that cost about four fifths of each of its calls (a fifth of a chapter,
    measured by hand).
    HiGHS's quiet class is used: the public one prints a banner to stdout when made."""

    def __init__(self, a_eq: np.ndarray, b_eq: Sequence[float], bounds) -> None:
        import highspy
        from scipy.sparse import csc_array

        columns = csc_array(a_eq)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = a_eq.shape[1], a_eq.shape[0]
        lp.col_cost_ = np.zeros(a_eq.shape[1])
        lp.col_lower_ = np.array([-highspy.kHighsInf if lo is None else lo for lo, _ in bounds])
        lp.col_upper_ = np.array([highspy.kHighsInf if hi is None else hi for _, hi in bounds])
        lp.row_lower_ = lp.row_upper_ = np.asarray(b_eq, dtype=float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = a_eq.shape[1], a_eq.shape[0]
        lp.a_matrix_.start_ = columns.indptr
        lp.a_matrix_.index_ = columns.indices
        lp.a_matrix_.value_ = columns.data
        self._highs = highspy._Highs()  # type: ignore[attr-defined]  # in highspy.__all__
        for option, value in (
            ("output_flag", False),
            ("presolve", "on"),
            ("simplex_strategy", 1),  # dual, as linprog asks
        ):
            self._highs.setOptionValue(option, value)
        self._highs.passModel(lp)
        self._status = highspy.HighsModelStatus

    def extreme(self, column: int, sign: float) -> tuple[int, float]:
        """(status, least value of sign × x[column]): `_OPTIMAL`, `_INFEASIBLE` (no x
        fits) or `_OTHER` (unbounded, or HiGHS could not tell)."""
        highs = self._highs
        highs.changeColCost(column, sign)
        highs.clearSolver()
        try:
            highs.run()
            status = highs.getModelStatus()
            value = highs.getInfo().objective_function_value
        finally:
            highs.changeColCost(column, 0.0)
        if status == self._status.kOptimal:
            return _OPTIMAL, value
        if status in (self._status.kInfeasible, self._status.kModelError):
            return _INFEASIBLE, math.nan
        return _OTHER, math.nan
