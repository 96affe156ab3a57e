"""Whole people on the page (METHOD.md rule 10): each number rounded half up, and the parts
of a printed total rounded so that they add up to it (largest remainder; in a table with
both row and column totals, a controlled rounding). Exact fractions stay in exact exports.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: float) -> int:
    """0.5 rounds away from zero, as people expect (Python's round() rounds half to even);
    never -0."""
    rounded = int(Decimal(repr(float(value))).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return rounded + 0  # -0 is 0


def largest_remainder(values: Sequence[float], total: int) -> list[int]:
    """Whole numbers, each the floor or the ceiling of its value, adding up to `total`:
    every value starts at its floor and the units still missing go to the largest
    fractional parts (ties: the first). When `total` lies outside what rounding the
    values can reach (round_half_up of their exact sum never does), the values are first
    scaled to it."""
    floors = [math.floor(v + 1e-9) for v in values]
    missing = total - sum(floors)
    fractions = [v - f for v, f in zip(values, floors, strict=True)]
    if missing < 0 or missing > sum(1 for x in fractions if x > 1e-9):
        # The total is not one the parts round to (a platform's total is its rounded
        # countries' sum): share the difference out in proportion to the parts.
        whole = sum(values)
        if not values or whole == 0:
            raise ValueError(f"{total} cannot be reached by rounding {list(values)}")
        return largest_remainder([v * total / whole for v in values], total)
    order = sorted(range(len(values)), key=lambda i: (-fractions[i], i))
    out = list(floors)
    for i in order[:missing]:
        out[i] += 1
    return out


def rounded_parts(parts: Sequence[float], exact_total: float) -> tuple[int, list[int]]:
    """(the total rounded half up, the parts rounded to add up to it)."""
    total = round_half_up(exact_total)
    return total, largest_remainder(parts, total)


def controlled_rounding(
    table: Sequence[Sequence[float]], row_totals: Sequence[int], column_totals: Sequence[int]
) -> list[list[int]]:
    """Whole numbers, each the floor or the ceiling of its cell, whose rows add up to
    `row_totals` and columns to `column_totals` (both already whole, with the same sum).
    Found as a flow: each row sends the units its floors miss to the columns that miss
    them, one unit at most through each fractional cell. Raises ValueError when no such
    rounding exists for these totals."""
    rows, cols = len(table), len(table[0]) if table else 0
    floors = [[math.floor(v + 1e-9) for v in row] for row in table]
    frac = [
        [v - f > 1e-9 for v, f in zip(row, frow, strict=True)]
        for row, frow in zip(table, floors, strict=True)
    ]
    need_r = [row_totals[i] - sum(floors[i]) for i in range(rows)]
    need_c = [column_totals[j] - sum(floors[i][j] for i in range(rows)) for j in range(cols)]
    if any(n < 0 for n in need_r + need_c) or sum(need_r) != sum(need_c):
        raise ValueError("the totals cannot be reached by rounding the cells")
    up = [[0] * cols for _ in range(rows)]
    # Augmenting paths in the bipartite graph rows -> columns (Edmonds-Karp, small tables).
    for i in range(rows):
        while need_r[i] > 0:
            path = _augmenting_path(i, frac, up, need_c)
            if path is None:
                raise ValueError("no controlled rounding for these totals")
            for r, c, sign in path:
                up[r][c] += sign
            need_r[i] -= 1
            need_c[path[-1][1]] -= 1
    return [[floors[i][j] + up[i][j] for j in range(cols)] for i in range(rows)]


def _augmenting_path(start, frac, up, need_c):
    """A path row start -> col (free cell) -> row (taken cell, back) -> ... -> a column
    that still needs a unit; as (row, col, +1 or -1) steps."""
    rows, cols = len(frac), len(frac[0])
    seen_rows, seen_cols = {start}, set()
    queue = deque([(start, [])])
    while queue:
        r, path = queue.popleft()
        for c in range(cols):
            if c in seen_cols or not frac[r][c] or up[r][c]:
                continue
            seen_cols.add(c)
            step = [*path, (r, c, +1)]
            if need_c[c] > 0:
                return step
            for r2 in range(rows):
                if r2 not in seen_rows and up[r2][c]:
                    seen_rows.add(r2)
                    queue.append((r2, [*step, (r2, c, -1)]))
    return None
