"""Whole people on the page (METHOD.md rule 10, core/rounding.py): half up, never -0, and
the parts of a printed total rounded so that they add up to it (largest remainder; in a
table with row and column totals, a controlled rounding).

Every expected number is worked out by hand in the comment next to it.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers.core.rounding import (
    controlled_rounding,
    largest_remainder,
    round_half_up,
    rounded_parts,
)


def is_positive_zero_or_nonzero(value) -> bool:
    """False only for a negative zero (-0 or -0.0), whatever its type."""
    return value != 0 or (math.copysign(1, value) == 1.0 and not str(value).startswith("-"))


# ---------------------------------------------------------------- round_half_up


@pytest.mark.parametrize(
    "value, expected",
    [
        (0.5, 1),  # half up; Python's round(0.5) is 0 (half to even)
        (1.5, 2),  # round(1.5) is 2 as well
        (2.5, 3),  # round(2.5) is 2 (half to even); people expect 3
        (3.5, 4),
        (4500.5, 4501),  # round(4500.5) is 4500
        (2.4, 2),
        (2.6, 3),
        (7, 7),  # a whole number stays
        (0.0, 0),
        (0.49999999999999994, 0),  # the largest float below 0.5 is below the half
        (2.4999999999999996, 2),  # the largest float below 2.5
        (-2.5, -3),  # "half up" is away from zero: the magnitude 2.5 rounds to 3
        (-0.5, -1),
        (-2.4, -2),
    ],
)
def test_round_half_up(value, expected):
    out = round_half_up(value)
    assert out == expected
    assert isinstance(out, int) and not isinstance(out, bool)


def test_round_half_up_differs_from_bankers_rounding_on_halves():
    # The whole point of the function: Python rounds 2.5 and 4.5 to the even neighbour.
    assert (round(2.5), round(4.5)) == (2, 4)
    assert (round_half_up(2.5), round_half_up(4.5)) == (3, 5)


@pytest.mark.parametrize("value", [-0.4, -0.0, -0.1, -1e-12, np.float64(-0.3)])
def test_round_half_up_never_returns_negative_zero(value):
    # -0.4 is closer to 0 than to -1: it rounds to 0, printed "0", never "-0".
    out = round_half_up(value)
    assert out == 0
    assert math.copysign(1, out) == 1.0
    assert str(out) == "0"
    assert f"{out:,.0f}" == "0"


def test_round_half_up_takes_numpy_numbers():
    # Pandas sums are numpy floats: 4500.5 still rounds half up, to 4501.
    assert round_half_up(np.float64(4500.5)) == 4501
    assert round_half_up(np.float64(0.5)) == 1


# ---------------------------------------------------------------- largest_remainder


def test_largest_remainder_parts_of_ten():
    # Parts 3.5 + 2.5 + 4.0 = 10. Floors 3 + 2 + 4 = 9: one unit is missing. Fractions
    # 0.5, 0.5, 0: a tie between the first two, which goes to the first one -> 4, 2, 4.
    # (Each rounded half up would print 4 + 3 + 4 = 11 beside a total of 10.)
    assert largest_remainder([3.5, 2.5, 4.0], 10) == [4, 2, 4]


def test_largest_remainder_gives_the_unit_to_the_largest_fraction_not_the_first():
    # 1.2 + 1.7 + 1.1 = 4.0; floors 1 + 1 + 1 = 3, one unit missing; the largest fraction
    # is 0.7 (the second part) -> 1, 2, 1.
    assert largest_remainder([1.2, 1.7, 1.1], 4) == [1, 2, 1]


def test_largest_remainder_two_missing_units():
    # 1.6 + 1.7 + 1.1 + 0.4 = 4.8, total 5: floors 1 + 1 + 1 + 0 = 3, two units missing.
    # Fractions 0.6, 0.7, 0.1, 0.4: the 0.7 (second part), then the 0.6 (first) -> 2, 2, 1, 0.
    assert largest_remainder([1.6, 1.7, 1.1, 0.4], 5) == [2, 2, 1, 0]
    # The same parts to a total of 4: one unit missing, the 0.7 only -> 1, 2, 1, 0.
    assert largest_remainder([1.6, 1.7, 1.1, 0.4], 4) == [1, 2, 1, 0]


def test_largest_remainder_colombia_like_halves():
    # In destination 4500.5, in transit 4499.5, the rest 0: total 9000. Floors 4500 + 4499
    # = 8999, one unit missing, both fractions are 0.5: the first part gets it.
    # 4501 + 4499 = 9000; rounding each half up would print 4501 + 4500 = 9001.
    assert largest_remainder([4500.5, 4499.5, 0.0, 0.0], 9000) == [4501, 4499, 0, 0]


def test_largest_remainder_whole_values_stay():
    assert largest_remainder([2.0, 3.0, 0.0], 5) == [2, 3, 0]
    assert largest_remainder([], 0) == []
    assert largest_remainder([0.0, 0.0], 0) == [0, 0]


def test_largest_remainder_each_part_is_its_floor_or_ceiling():
    values = [10.25, 0.75, 3.5, 7.5]  # sum 22.0; floors 10 + 0 + 3 + 7 = 20: 2 missing
    out = largest_remainder(values, 22)
    # fractions 0.25, 0.75, 0.5, 0.5: the 0.75 (second) and the first 0.5 (third)
    assert out == [10, 1, 4, 7]
    assert sum(out) == 22
    for v, o in zip(values, out, strict=True):
        assert o in (math.floor(v), math.ceil(v))


def test_largest_remainder_negative_part_and_no_negative_zero():
    # Not disaggregated can be negative: in destination 10.4, not disaggregated -0.4,
    # total 10. Floors 10 and -1 (floor of -0.4) = 9, one unit missing; fractions 0.4 and
    # 0.6 (-0.4 - (-1)): the negative part gets it -> 10 and 0, a plain 0 (never -0).
    out = largest_remainder([10.4, -0.4], 10)
    assert out == [10, 0]
    assert all(is_positive_zero_or_nonzero(v) for v in out)
    assert [str(v) for v in out] == ["10", "0"]


def test_largest_remainder_scales_up_a_total_the_parts_do_not_reach():
    # 3 + 3 + 4 = 10 but the total is 11 (e.g. a platform total from rounded countries):
    # whole values cannot move, so they are scaled by 11/10 first: 3.3, 3.3, 4.4. Floors
    # 3 + 3 + 4 = 10, one unit missing, largest fraction 0.4 (the third) -> 3, 3, 5.
    assert largest_remainder([3.0, 3.0, 4.0], 11) == [3, 3, 5]


def test_largest_remainder_scales_down_a_total_below_the_floors():
    # 5 + 5 = 10, total 8: scaled by 8/10 -> 4.0, 4.0 -> 4, 4.
    assert largest_remainder([5.0, 5.0], 8) == [4, 4]
    # 2.5 + 2.5 = 5, total 3: floors 2 + 2 = 4 > 3, so scaled by 3/5 -> 1.5, 1.5; floors
    # 1 + 1 = 2, one missing, tie of 0.5s -> the first: 2, 1.
    assert largest_remainder([2.5, 2.5], 3) == [2, 1]


def test_largest_remainder_scales_when_more_units_are_missing_than_fractions():
    # 1.5 + 2.0 = 3.5; total 5 needs 2 units over the floors 1 + 2 = 3, but only one part
    # has a fraction: scaled by 5/3.5 -> 2.142857..., 2.857142...; floors 2 + 2 = 4, one
    # missing, the larger fraction (0.857, second part) gets it -> 2, 3.
    assert largest_remainder([1.5, 2.0], 5) == [2, 3]


@pytest.mark.parametrize(
    "values, total",
    [
        ([0.0, 0.0, 0.0], 3),  # nothing to share 3 people out in proportion to
        ([], 1),  # no parts at all
    ],
)
def test_largest_remainder_impossible_raises(values, total):
    with pytest.raises(ValueError):
        largest_remainder(values, total)


# ---------------------------------------------------------------- rounded_parts


def test_rounded_parts_rounds_the_total_half_up_and_the_parts_to_it():
    # Exact total 9000.0 -> 9000; parts 4500.5 / 4499.5 / 0 -> 4501 / 4499 / 0 (see above).
    assert rounded_parts([4500.5, 4499.5, 0.0], 9000.0) == (9000, [4501, 4499, 0])


def test_rounded_parts_half_total_rounds_up_and_parts_follow():
    # Five parts of 0.5: exact total 2.5 -> 3 half up (Python's round would say 2). Floors
    # are all 0, three units missing, all fractions tie at 0.5: the first three -> 1,1,1,0,0.
    total, parts = rounded_parts([0.5] * 5, 2.5)
    assert total == 3
    assert parts == [1, 1, 1, 0, 0]


def test_rounded_parts_negative_fraction_total_is_zero_not_minus_zero():
    # Exact total -0.4 rounds to 0; the one part -0.4 has floor -1 and fraction 0.6, and
    # the missing unit takes it to 0. Neither is printed "-0".
    total, parts = rounded_parts([-0.4], -0.4)
    assert (total, parts) == (0, [0])
    assert is_positive_zero_or_nonzero(total) and is_positive_zero_or_nonzero(parts[0])
    assert str(total) == "0" and str(parts[0]) == "0"


def test_rounded_parts_total_outside_the_parts_gets_them_scaled():
    # Parts 1 + 1 = 2 while the exact total says 3: the parts are scaled by 3/2 to 1.5 and
    # 1.5, floors 1 + 1, one unit missing, tie -> first: 2, 1.
    assert rounded_parts([1.0, 1.0], 3.0) == (3, [2, 1])


# ---------------------------------------------------------------- controlled_rounding


def test_controlled_rounding_keeps_row_and_column_totals():
    # 2x2 table of halves, every row and column adding up to 1:
    #     0.5 0.5 | 1
    #     0.5 0.5 | 1
    #     --------+
    #     1   1
    # Each row on its own (largest remainder, ties to the first) would give 1 0 / 1 0:
    # columns 2 and 0, not 1 and 1. A controlled rounding puts one unit in each row and
    # each column: a diagonal, [[1, 0], [0, 1]] or [[0, 1], [1, 0]].
    table = [[0.5, 0.5], [0.5, 0.5]]
    out = controlled_rounding(table, [1, 1], [1, 1])
    assert out in ([[1, 0], [0, 1]], [[0, 1], [1, 0]])


def test_controlled_rounding_unique_solution():
    # a b | 4      a in {1, 2}, b in {2, 3}
    # c d | 4      c in {3, 4}, d in {0, 1}
    # ----         with a + c = 6 only a = 2, c = 4 fit; then b = 4 - 2 = 2, d = 4 - 4 = 0,
    # 6 2          and b + d = 2 as asked: the one answer is [[2, 2], [4, 0]].
    table = [[1.5, 2.5], [3.5, 0.5]]
    assert controlled_rounding(table, [4, 4], [6, 2]) == [[2, 2], [4, 0]]


def test_controlled_rounding_two_answers_either_adds_up():
    # The same table with its exact totals: rows 4, 4 and columns 5, 3. Two answers:
    # a = 1 -> b = 3, c = 4, d = 0; a = 2 -> b = 2, c = 3, d = 1 (both: b + d = 3).
    out = controlled_rounding([[1.5, 2.5], [3.5, 0.5]], [4, 4], [5, 3])
    assert out in ([[1, 3], [4, 0]], [[2, 2], [3, 1]])


def test_controlled_rounding_moves_a_unit_already_placed():
    # 0.5 0.5 | 1     Row 0 alone could take its unit in column 0 or 1; row 1's only
    # 0.5 1.0 | 2     fraction is in column 0 (1.0 is whole and never moves), so row 1
    # --------+       must round up there; column 0 (total 1) is then full, so row 0's
    # 1   2           unit goes to column 1: [[0, 1], [1, 1]]. Rows 1, 2; columns 1, 2.
    assert controlled_rounding([[0.5, 0.5], [0.5, 1.0]], [1, 2], [1, 2]) == [[0, 1], [1, 1]]


def test_controlled_rounding_whole_table_stays():
    table = [[1.0, 2.0], [3.0, 4.0]]  # rows 3, 7; columns 4, 6
    assert controlled_rounding(table, [3, 7], [4, 6]) == [[1, 2], [3, 4]]
    assert controlled_rounding([], [], []) == []


def test_controlled_rounding_each_cell_is_its_floor_or_ceiling():
    # 3x3 with rows 3, 3, 3 and columns 3, 3, 3 (each row 1.2 + 0.9 + 0.9 = 3 rotated).
    table = [[1.2, 0.9, 0.9], [0.9, 1.2, 0.9], [0.9, 0.9, 1.2]]
    out = controlled_rounding(table, [3, 3, 3], [3, 3, 3])
    assert [sum(r) for r in out] == [3, 3, 3]
    assert [sum(out[i][j] for i in range(3)) for j in range(3)] == [3, 3, 3]
    for row, orow in zip(table, out, strict=True):
        for v, o in zip(row, orow, strict=True):
            assert o in (math.floor(v), math.ceil(v))


@pytest.mark.parametrize(
    "table, rows, columns",
    [
        # Totals of the same sum (2) that no rounding reaches: column 0 needs 2 units but
        # row 1 needs none, and row 0 can give column 0 only one (one cell per row and
        # column); row 0's second unit would go to column 1, which needs none.
        ([[0.5, 0.5], [0.5, 0.5]], [2, 0], [2, 0]),
        # Row total below the floors: 1.5 can be 1 or 2, never 0.
        ([[1.5]], [0], [0]),
        # Row and column totals that disagree (2 vs 1).
        ([[1.5]], [2], [1]),
        # A unit to place but no fractional cell: whole cells never move.
        ([[1.0, 2.0]], [4], [1, 3]),
    ],
)
def test_controlled_rounding_impossible_raises(table, rows, columns):
    with pytest.raises(ValueError):
        controlled_rounding(table, rows, columns)
