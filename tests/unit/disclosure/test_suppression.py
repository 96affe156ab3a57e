"""Disclosure control (METHOD.md, "Small numbers"): counts of people from 1 to k−1 are shown
as `<k`, and enough other cells are hidden that no hidden count can be worked back out of a
printed total. A cell of k or more that is hidden only as such a complement is shown as
`[c]` (printing "<5" for a hidden 97 would be false). Totals stay; zeros stay; negatives stay.

Every expected value below is worked out by hand in the comments, not taken from the code.
The random (hypothesis) checks are tests/properties/test_suppression.py's.
Notation: "h" = hidden (published as "<k" when its true value is small, 0 < v < k, and as
"[c]" when it is k or more and hidden only as a complement); "lone" = the only hidden cell
of a relation whose total is printed, which the relation would give away.
"""

from __future__ import annotations

import copy
import math
import warnings

import numpy as np
import pandas as pd
import pytest

from helpers.disclosure import (
    COMPLEMENT,
    DEFAULT_K,
    DisclosureWarning,
    assert_no_small_counts,
    is_small,
    mask,
    suppress_figures,
    suppress_figures_report,
    suppress_frame,
    suppress_frame_report,
    suppress_values,
    suppress_values_report,
    suppression,
)

REL = [("total", ["a", "b", "c"])]


def quiet_values(values, relations, k=DEFAULT_K, **kw):
    """suppress_values, failing the test if it warns that something stayed recoverable."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", DisclosureWarning)
        return suppress_values(values, relations, k, **kw)


# ------------------------------------------------------------------ is_small, mask, k


def test_default_k_is_five():
    assert DEFAULT_K == 5


@pytest.mark.parametrize(
    ("value", "small"),
    [
        (0, False),
        (0.0, False),
        (0.4, True),
        (1, True),
        (4, True),
        (4.99, True),
        (5, False),
        (12, False),
        (-3, False),
        (None, False),
        (float("nan"), False),
        ("3", False),
        (True, False),
        (np.int64(2), True),
        (np.float64(7.0), False),
    ],
)
def test_is_small_means_strictly_between_zero_and_k(value, small):
    assert is_small(value, 5) is small


def test_is_small_follows_k():
    assert is_small(9, 10) and not is_small(10, 10) and not is_small(5, 5)


def test_mask_is_the_published_token():
    assert mask(3, 5) == "<5"
    assert mask(4.99, 5) == "<5" and mask(0.4, 5) == "<5"  # fractions below k are small
    # a complement is not small: printing "<10" for 97 would be false, so it is "[c]"
    assert mask(97, 10) == "[c]" == COMPLEMENT
    assert mask(5, 5) == "[c]"  # k itself is not small


@pytest.mark.parametrize("value", [0, -2, None, float("nan")])
def test_mask_refuses_values_that_are_never_hidden(value):
    with pytest.raises(ValueError):
        mask(value, 5)


@pytest.mark.parametrize("k", [0, -1, 2.5, True, "5"])
def test_k_must_be_a_whole_number_of_at_least_one(k):
    with pytest.raises(ValueError):
        is_small(1, k)


# ------------------------------------------------------------------ suppress_values


def test_small_part_gets_the_smallest_positive_printed_part_as_complement():
    # 20 = 3 + 7 + 10. a=3 is small -> hidden ("<5"); alone it would be 20 - 7 - 10 = 3, so
    # one more part goes: the smallest positive printed one, b=7 (>= 5, so "[c]"). Now
    # a + b = 10: two unknowns.
    out = quiet_values({"total": 20, "a": 3, "b": 7, "c": 10}, REL)
    assert out == {"total": 20, "a": "<5", "b": "[c]", "c": 10}


def test_zero_is_never_a_complement():
    # 20 = 3 + 0 + 17. Hiding the 0 would protect nothing (a reader would still get 20 - 17
    # = a + b, and zeros stay zero), so the complement is c=17 ("[c]").
    out = quiet_values({"total": 20, "a": 3, "b": 0, "c": 17}, REL)
    assert out == {"total": 20, "a": "<5", "b": 0, "c": "[c]"}


def test_fraction_below_k_is_small_and_ties_go_to_the_first_part():
    # 12.4 = 0.4 + 6 + 6. 0.4 is small ("<5"). b and c tie at 6: the first in the relation,
    # b, goes ("[c]").
    out = quiet_values({"total": 12.4, "a": 0.4, "b": 6, "c": 6}, REL)
    assert out == {"total": 12.4, "a": "<5", "b": "[c]", "c": 6}


def test_negative_not_disaggregated_stays_and_counts_as_printed():
    # 10 = 3 + 9 + (-2). The -2 is not a count of people: never hidden, and never a
    # complement, but it is printed, so it does help the reader: a = 10 - 9 + 2. b=9 goes
    # ("[c]"); then a + b = 12 with two unknowns.
    out = quiet_values({"total": 10, "a": 3, "b": 9, "nd": -2}, [("total", ["a", "b", "nd"])])
    assert out == {"total": 10, "a": "<5", "b": "[c]", "nd": -2}


def test_cell_that_cannot_be_protected_is_reported_and_warned():
    # 0 = 3 + (-3): a = 0 + 3 whatever is printed. Its only companions are a total (which
    # stays) and a negative (never hidden), so nothing can be done: report it.
    values, rels = {"total": 0, "a": 3, "nd": -3}, [("total", ["a", "nd"])]
    result = suppress_values_report(values, rels, 5)
    assert result.published == {"total": 0, "a": "<5", "nd": -3}
    assert result.unprotected == ("a",)
    with pytest.warns(DisclosureWarning, match="a"):
        assert suppress_values(values, rels, 5) == result.published


def test_small_total_is_hidden_and_so_are_its_small_parts():
    # 4 = 1 + 3: all three are small. 4 = 4 + 0: total and a are small, the zero stays.
    rel = [("total", ["a", "b"])]
    assert quiet_values({"total": 4, "a": 1, "b": 3}, rel) == {"total": "<5", "a": "<5", "b": "<5"}
    assert quiet_values({"total": 4, "a": 4, "b": 0}, rel) == {"total": "<5", "a": "<5", "b": 0}


def test_small_total_whose_parts_are_all_printed_gets_a_complement():
    # 3 = 6 + (-3): the total is small ("<5"), but 6 - 3 would give it back; hide a=6 as
    # well ("[c]").
    out = quiet_values({"total": 3, "a": 6, "nd": -3}, [("total", ["a", "nd"])])
    assert out == {"total": "<5", "a": "[c]", "nd": -3}


def test_two_small_parts_protect_each_other_with_k_10():
    # k=10: 29 = 8 + 12 + 9. a and c are both small: a + c = 17 with each a whole number
    # in 1..9, so a in 8..9 and c in 8..9: two values each, no complement needed, b=12 stays.
    out = quiet_values({"total": 29, "a": 8, "b": 12, "c": 9}, REL, 10)
    assert out == {"total": 29, "a": "<10", "b": 12, "c": "<10"}
    # 30 = 9 + 12 + 9: a + c = 18 with each at most 9 pins both to 9, so b=12 goes too.
    out = quiet_values({"total": 30, "a": 9, "b": 12, "c": 9}, REL, 10)
    assert out == {"total": 30, "a": "<10", "b": "[c]", "c": "<10"}


def test_missing_stays_missing_and_is_not_a_complement():
    # 20 = 3 + None + 17: None is shown as missing and cannot be hidden; c=17 goes ("[c]").
    out = quiet_values({"total": 20, "a": 3, "b": None, "c": 17}, REL)
    assert out == {"total": 20, "a": "<5", "b": None, "c": "[c]"}
    # With the total missing there is nothing to subtract from: a alone is hidden.
    out = quiet_values({"total": None, "a": 3, "b": 7, "c": 10}, REL)
    assert out == {"total": None, "a": "<5", "b": 7, "c": 10}


def test_complement_chains_into_the_next_relation():
    # t1 = a + b (10 = 3 + 7) and t2 = b + c (20 = 7 + 13). a is small ("<5"); b=7 is its
    # complement ("[c]"); b is then alone in t2 (20 - 13 = 7), so c=13 goes too ("[c]").
    values = {"t1": 10, "a": 3, "b": 7, "t2": 20, "c": 13}
    out = quiet_values(values, [("t1", ["a", "b"]), ("t2", ["b", "c"])])
    assert out == {"t1": 10, "a": "<5", "b": "[c]", "t2": 20, "c": "[c]"}


def test_totals_stay_even_when_they_are_the_only_possible_complement():
    # T = a + S (20 = 3 + 17) and S = x + y (17 = 10 + 7). S is a total, so it is never
    # hidden to protect a: a stays recoverable (20 - 17) and is reported.
    values = {"T": 20, "a": 3, "S": 17, "x": 10, "y": 7}
    rels = [("T", ["a", "S"]), ("S", ["x", "y"])]
    result = suppress_values_report(values, rels, 5)
    assert result.published == {"T": 20, "a": "<5", "S": 17, "x": 10, "y": 7}
    assert result.unprotected == ("a",)
    # Unless the caller says only T stays: then S=17 goes, and S = x + y needs y=7
    # (smaller); both are complements >= 5, so "[c]".
    out = quiet_values(values, rels, protected={"T"})
    assert out == {"T": 20, "a": "<5", "S": "[c]", "x": 10, "y": "[c]"}


def test_already_published_tokens_count_as_hidden():
    # 20 = <5 + <5 + 13: a + b = 7 with a, b whole numbers in 1..4, so a in 3..4: safe.
    out = quiet_values({"total": 20, "a": "<5", "b": "<5", "c": 13}, REL)
    assert out == {"total": 20, "a": "<5", "b": "<5", "c": 13}
    # 20 = <5 + <5 + 12: a + b = 8 pins both to 4, so c=12 goes ("[c]").
    out = quiet_values({"total": 20, "a": "<5", "b": "<5", "c": 12}, REL)
    assert out == {"total": 20, "a": "<5", "b": "<5", "c": "[c]"}
    # 20 = <5 + [c] + 10: a + b = 10 with b >= 5, so a <= 5: a in (0, 5), safe.
    out = quiet_values({"total": 20, "a": "<5", "b": "[c]", "c": 10}, REL)
    assert out == {"total": 20, "a": "<5", "b": "[c]", "c": 10}


def test_tokens_that_contradict_the_printed_numbers_count_as_given_away():
    # 20 = <5 + <5 + 10 cannot hold: a + b = 10 but a, b < 5 each, so a's range is
    # (5, 10) ∩ (0, 5) = empty. An empty range counts as too narrow (printed numbers this
    # far off would put a at its bound), so c=10 goes too ("[c]"): a + b + c = 20 with
    # c >= 5 gives a < 20 - 5 = 15, so a in (0, 5), safe.
    out = quiet_values({"total": 20, "a": "<5", "b": "<5", "c": 10}, REL)
    assert out == {"total": 20, "a": "<5", "b": "<5", "c": "[c]"}


# ------------------------------------------------------------------ bounds from the tokens


def test_complement_of_exactly_k_pins_the_small_cell_and_is_reported():
    # 6 = 1 + 5. a=1 is small ("<5"); its complement is b=5 ("[c]", as 5 >= 5). The exact
    # audit is satisfied (a + b = 6, two unknowns), but the tokens say b >= 5, so
    # a <= 6 - 5 = 1, and a > 0: a in (0, 1], which holds one whole number, 1. Only the
    # total could pair with a further, and totals stay: a is reported, with a warning.
    values, rels = {"total": 6, "a": 1, "b": 5}, [("total", ["a", "b"])]
    result = suppress_values_report(values, rels, 5)
    assert result.published == {"total": 6, "a": "<5", "b": "[c]"}
    assert result.unprotected == ("a",)
    with pytest.warns(DisclosureWarning, match="a"):
        assert suppress_values(values, rels, 5) == result.published


def test_bound_that_leaves_two_whole_numbers_is_safe():
    # 9 = 2 + 7: a is small ("<5"), b=7 its complement ("[c]"). The reader knows a in
    # (0, 5) and b >= 5, so a <= 9 - 5 = 4: a in (0, 4], width 4 (1, 2, 3 or 4): safe.
    out = quiet_values({"total": 9, "a": 2, "b": 7}, [("total", ["a", "b"])])
    assert out == {"total": 9, "a": "<5", "b": "[c]"}


def test_bound_exposure_is_fixed_by_one_more_complement():
    # 12 = 1 + 5 + 6. a=1 is small ("<5"); the smallest positive part, b=5, is its
    # complement ("[c]"). Then a + b = 12 - 6 = 6 with b >= 5: a in (0, 1], pinned to 1.
    # The audit hides one more cell of the relation, c=6 ("[c]"): a + b + c = 12 with
    # b, c >= 5 gives a <= 12 - 10 = 2, a in (0, 2], width 2: safe.
    out = quiet_values({"total": 12, "a": 1, "b": 5, "c": 6}, REL)
    assert out == {"total": 12, "a": "<5", "b": "[c]", "c": "[c]"}


def test_bounds_propagate_across_relations():
    # k=5. t1: 8 = a + b (3 + 5); t2: 6 = b + c (5 + 1). a and c are small ("<5"); b=5 is
    # a's complement in t1 ("[c]"), and t2 then has two hidden cells. Exactly, a - c = 2:
    # neither is determined. Bounds: t2 gives c <= 6 - 5 = 1, c in (0, 1], and b < 6 - 0,
    # b in [5, 6); t1 then gives a = 8 - b in (2, 3]: pinned to 3, though t1 alone would
    # only give (0, 3]. Only totals could pair with any of them: both are reported.
    values = {"t1": 8, "a": 3, "b": 5, "t2": 6, "c": 1}
    result = suppress_values_report(values, [("t1", ["a", "b"]), ("t2", ["b", "c"])], 5)
    assert result.published == {"t1": 8, "a": "<5", "b": "[c]", "t2": 6, "c": "<5"}
    assert result.unprotected == ("a", "c")
    # With t1 alone, a in (0, 3] holds 1, 2 or 3: safe.
    assert quiet_values({"t1": 8, "a": 3, "b": 5}, [("t1", ["a", "b"])]) == {
        "t1": 8,
        "a": "<5",
        "b": "[c]",
    }


def test_relation_naming_an_unknown_cell_is_a_bug():
    with pytest.raises(KeyError, match="zz"):
        suppress_values({"total": 1}, [("total", ["zz"])])


def test_suppress_values_does_not_mutate_its_input():
    values = {"total": 20, "a": 3, "b": 7, "c": 10}
    rels = [("total", ["a", "b", "c"])]
    before, rels_before = copy.deepcopy(values), copy.deepcopy(rels)
    quiet_values(values, rels)
    assert values == before and rels == rels_before


# ------------------------------------------------------------------ suppress_frame


def test_frame_chain_through_row_and_column_totals():
    #          x    y    z   all          x    y    z   all
    #   A      3   10   20    33    A    <5  [c]   20    33
    #   B      8   12    0    20 -> B   [c]  [c]    0    20
    #   C      9    0    6    15    C     9    0    6    15
    #   Total 20   22   26    68    Total 20   22   26    68
    # A.x=3 is small. Row A: complement is the smallest positive part, A.y=10. Column x:
    # A.x alone (20 - 8 - 9): complement B.x=8 (< C.x=9). Column y: A.y alone (22 - 12 - 0):
    # the only positive printed part is B.y=12. Row B now has B.x and B.y: done. The four
    # hidden cells form a rectangle: A.x + A.y = 13, B.x + B.y = 20, A.x + B.x = 11,
    # A.y + B.y = 22 -- three independent equations for four unknowns. Only A.x is small
    # ("<5"); the three complements are all >= 5 ("[c]").
    df = pd.DataFrame(
        {"x": [3, 8, 9, 20], "y": [10, 12, 0, 22], "z": [20, 0, 6, 26], "all": [33, 20, 15, 68]},
        index=["A", "B", "C", "Total"],
    )
    result = suppress_frame_report(
        df, ["x", "y", "z"], 5, row_total="all", column_total_row="Total"
    )
    expected = pd.DataFrame(
        {
            "x": ["<5", "[c]", 9, 20],
            "y": ["[c]", "[c]", 0, 22],
            "z": [20, 0, 6, 26],
            "all": [33, 20, 15, 68],
        },
        index=["A", "B", "C", "Total"],
        dtype=object,
    )
    pd.testing.assert_frame_equal(result.published, expected)
    assert result.unprotected == ()


def test_frame_prefers_a_complement_that_can_itself_be_protected():
    #          x    p    q   all          x    p    q   all
    #   A      3   40  100   143    A    <5   40  [c]   143
    #   B     10    0   90   100 -> B   [c]    0  [c]   100
    #   Total 13   40  190   243    Total 13   40  190   243
    # Row A's smallest positive part is A.p=40, but column p is 40 = A.p + 0: hiding A.p
    # would leave it alone there with only a zero beside it, and 40 - 0 gives it back (then
    # A.x = 143 - 40 - 100). So A.q=100 is taken; column x then needs B.x, column q B.q.
    # Only A.x=3 is small ("<5"); A.q, B.x=10 and B.q are complements >= 5 ("[c]").
    df = pd.DataFrame(
        {"x": [3, 10, 13], "p": [40, 0, 40], "q": [100, 90, 190], "all": [143, 100, 243]},
        index=["A", "B", "Total"],
    )
    out = suppress_frame(df, ["x", "p", "q"], 5, row_total="all", column_total_row="Total")
    assert out["x"].tolist() == ["<5", "[c]", 13]
    assert out["p"].tolist() == [40, 0, 40]
    assert out["q"].tolist() == ["[c]", "[c]", 190]
    assert out["all"].tolist() == [143, 100, 243]


def test_frame_small_row_total_is_hidden_and_reported_when_the_grand_total_gives_it_away():
    #          x    y  all          x    y  all
    #   A      1    2    3    A    <5   <5   <5
    #   B     10   20   30 -> B   [c]  [c]   30
    #   Total 11   22   33    Total 11   22   33
    # Row A is all small. Column x: A.x alone -> B.x; column y: A.y alone -> B.y. Column
    # "all": 33 = A.all + 30, and B.all=30 is a total, which stays: A.all = 3 is still
    # recoverable, and is reported. (A.x, A.y, B.x, B.y stay a protected rectangle.) Row A
    # is small ("<5"); B.x=10 and B.y=20 are complements ("[c]").
    df = pd.DataFrame(
        {"x": [1, 10, 11], "y": [2, 20, 22], "all": [3, 30, 33]}, index=["A", "B", "Total"]
    )
    result = suppress_frame_report(df, ["x", "y"], 5, row_total="all", column_total_row="Total")
    assert result.published["all"].tolist() == ["<5", 30, 33]
    assert result.published["x"].tolist() == ["<5", "[c]", 11]
    assert result.published["y"].tolist() == ["<5", "[c]", 22]
    assert result.unprotected == (("A", "all"),)
    with pytest.warns(DisclosureWarning):
        suppress_frame(df, ["x", "y"], 5, row_total="all", column_total_row="Total")


def test_frame_without_totals_only_hides_small_cells():
    df = pd.DataFrame({"x": [3.0, 0.4, 8.0], "y": [0, np.nan, 12]}, index=["A", "B", "C"])
    out = suppress_frame(df, ["x", "y"], 5)
    assert out["x"].tolist() == ["<5", "<5", 8.0]
    assert out["y"].tolist()[0] == 0 and math.isnan(out["y"].tolist()[1])


def test_frame_is_an_object_copy_and_other_columns_are_untouched():
    df = pd.DataFrame(
        {"name": ["Aruba", "Peru"], "x": [3, 50], "pct": [2.0, 1.5]}, index=["ABW", "PER"]
    )
    before = df.copy()
    out = suppress_frame(df, ["x"], 5)
    pd.testing.assert_frame_equal(df, before)
    assert all(dtype == np.dtype(object) for dtype in out.dtypes)
    assert out["name"].tolist() == ["Aruba", "Peru"]
    assert out["pct"].tolist() == [2.0, 1.5]  # percentages are not people
    assert out["x"].tolist() == ["<5", 50]


def test_frame_totals_row_must_be_found_once():
    df = pd.DataFrame({"x": [1, 2]}, index=["A", "A"])
    with pytest.raises(ValueError, match="found 0 times"):
        suppress_frame(df, ["x"], 5, column_total_row="Total")
    with pytest.raises(ValueError, match="found 2 times"):
        suppress_frame(df, ["x"], 5, column_total_row="A")
    with pytest.raises(ValueError, match="not in the table"):
        suppress_frame(df, ["nope"], 5)


# ------------------------------------------------------------------ suppress_figures


def entry(total, dest, transit, host, nd, **other):
    """A figures entry; pendular and Colombian returnees are 0 throughout."""
    return {
        "reached": {
            "total": total,
            "in_destination": dest,
            "in_transit": transit,
            "host_community": host,
            "pendular": 0,
            "colombian_returnees": 0,
            "not_disaggregated": nd,
        },
        **other,
    }


def figures_doc(bra=(100, 60, 40, 0, 0), region=(140, 83, 42, 15)):
    """Two Caribbean countries, Brazil (a one-country platform), the region (= Σ countries
    with in-transit people left out: its total is its headline, its in-transit figure is
    not given) and regional activities (not part of the region)."""
    headline, dest, host, nd = region
    total, transit = headline, None
    doc = {
        "dataset": "hand",
        "sector": "HTS",
        "period": {"start": "2023-01", "end": "2023-12"},
        "countries": [
            {
                "iso3": "ABW",
                "name": "Aruba",
                **entry(30, 3, 0, 12, 15),
                "target": 40,
                "percent_of_target": 75.0,
                "reporting_partners": 2,
                "funding_usd": 3.0,
                "donors": 1,
            },
            {
                "iso3": "CUW",
                "name": "Curaçao",
                **entry(50, 20, 0, 30, 0),
                "target": 100,
                "percent_of_target": 50.0,
                "reporting_partners": 1,
            },
            {
                "iso3": "BRA",
                "name": "Brazil",
                **entry(*bra),
                "target": 4 * bra[0],
                "percent_of_target": 25.0,
                "reporting_partners": 3,
            },
        ],
        "platforms": [
            {
                "id": "caribbean",
                "countries": ["ABW", "CUW"],
                **entry(80, 23, 0, 42, 15),
                "target": 140,
                "percent_of_target": 80 / 140 * 100,
            },
            {
                "id": "brazil",
                "countries": ["BRA"],
                **entry(*bra),
                "target": 4 * bra[0],
                "percent_of_target": 25.0,
            },
        ],
        "region": {
            "id": "region",
            **entry(total, dest, transit, host, nd),
            "target": 200,
            "percent_of_target": headline / 2,
        },
        "regional_activities": {**entry(7, 2, 0, 0, 5), "reporting_partners": 1},
        "regional_funding_usd": 1234.0,
    }
    doc["region"]["reached"]["total_excluding_in_transit"] = headline
    return doc


def test_figures_hand_worked():
    # k=5. Primary ("<5"): Aruba in destination 3, regional activities in destination 2.
    # Every complement below is >= 5, so "[c]".
    # Aruba: 30 = 3 + 0 + 12 + 0 + 0 + 15 -> complement host 12 (smallest positive).
    # Caribbean platform = Aruba + Curaçao, field by field:
    #   in destination 23 = 3(h) + 20 -> Curaçao in destination 20 goes;
    #   host 42 = 12(h) + 30 -> Curaçao host 30 goes.
    # Curaçao: 50 = 20(h) + 0 + 30(h): two hidden, done. The region's destination and host
    # (83 = 3 + 20 + 60, 42 = 12 + 30 + 0) have two hidden parts each: done. The four
    # hidden Caribbean cells form a rectangle (3 equations, 4 unknowns): safe.
    # Regional activities: 7 = 2 + 0 + 0 + 0 + 0 + 5 -> not disaggregated 5 goes (5 is not
    # small at k=5, so "[c]").
    # Nothing else changes; no headline is hidden, so every percent_of_target stays.
    doc = figures_doc()
    before = copy.deepcopy(doc)
    result = suppress_figures_report(doc, 5)
    out = result.published
    assert doc == before  # a deep copy: the input is untouched
    assert result.unprotected == ()
    aruba, curacao, brazil = out["countries"]
    assert aruba["reached"] == {
        "total": 30,
        "in_destination": "<5",
        "in_transit": 0,
        "host_community": "[c]",
        "pendular": 0,
        "colombian_returnees": 0,
        "not_disaggregated": 15,
    }
    assert curacao["reached"] == {
        "total": 50,
        "in_destination": "[c]",
        "in_transit": 0,
        "host_community": "[c]",
        "pendular": 0,
        "colombian_returnees": 0,
        "not_disaggregated": 0,
    }
    assert brazil == before["countries"][2]
    assert out["platforms"] == before["platforms"]
    assert out["region"] == before["region"]
    assert out["regional_activities"]["reached"] == {
        "total": 7,
        "in_destination": "<5",
        "in_transit": 0,
        "host_community": 0,
        "pendular": 0,
        "colombian_returnees": 0,
        "not_disaggregated": "[c]",
    }
    # Not people: targets, partner and donor counts, money, percentages stay as they were.
    for key in ("target", "percent_of_target", "reporting_partners", "funding_usd", "donors"):
        assert aruba[key] == before["countries"][0][key]
    assert out["regional_funding_usd"] == 1234.0
    assert not any("suppressed" in e for e in [*out["countries"], *out["platforms"]])
    assert_no_small_counts(out, 5)


def test_figures_small_headline_hides_percent_of_target_and_a_total_as_the_last_resort():
    # Brazil reached 4 = 1 in destination + 3 in transit: all small ("<5"), in the country
    # and in its one-country platform. Percent of target × target would give 4 back: it
    # becomes None and the entry is flagged "suppressed".
    # The region's headline, 81, is Σ countries (total − in transit) = 30 + 50 + (4 − 3):
    # with Aruba's 30 and Curaçao's 50 printed, Brazil's 4 − 3 = 1 = its in-destination
    # count would be given away. No cell that is not a total can stop that, so a total goes
    # as the last resort, the cheapest: Aruba's 30 (its percent of target goes with it),
    # then the Caribbean's total (80 = Aruba + 50 would give it back), and the complements
    # their relations need: Aruba's not disaggregated, the Caribbean's, the region's, and
    # the region's in destination. What a reader can still work out by hand:
    #   81 = t_ABW + 50 + d_BRA, so d_BRA = 31 − t_ABW;
    #   Caribbean in destination 23 = d_ABW + d_CUW and host 42 = h_ABW + h_CUW (printed),
    #   region nd = 81 − region dest − 42 = 16 − d_BRA = nd_ABW, so
    #   t_ABW = d_ABW + h_ABW + 16 − d_BRA, i.e. d_ABW + h_ABW = 15: no bound on d_BRA
    #   beyond its token: anything in 1..4. Nothing stays given away.
    doc = figures_doc(bra=(4, 1, 3, 0, 0), region=(81, 24, 42, 15))
    result = suppress_figures_report(doc, 5)
    out = result.published
    aruba, _, brazil = out["countries"]
    caribbean, brazil_platform = out["platforms"]
    for e in (brazil, brazil_platform):
        assert e["reached"]["total"] == "<5"
        assert e["reached"]["in_destination"] == e["reached"]["in_transit"] == "<5"
        assert e["percent_of_target"] is None and e["suppressed"] is True
        assert e["target"] == 16  # a planning figure, not people: stays
    assert aruba["reached"]["total"] == "[c]" and aruba["percent_of_target"] is None
    assert aruba["reached"]["not_disaggregated"] == "[c]"
    assert caribbean["reached"]["total"] == "[c]"
    assert caribbean["reached"]["in_destination"] == 23  # d_ABW + d_CUW: two hidden parts
    assert (
        out["region"]["reached"]["total"]
        == 81
        == out["region"]["reached"]["total_excluding_in_transit"]
    )
    assert out["region"]["reached"]["in_transit"] is None
    assert out["region"]["reached"]["in_destination"] == "[c]"
    assert out["region"]["percent_of_target"] == 40.5 and "suppressed" not in out["region"]
    assert result.unprotected == ()
    assert_no_small_counts(out, 5)


def test_figures_k_defaults_to_the_documents_min_count():
    doc = {**figures_doc(), "min_count": 10}
    out = suppress_figures(doc)
    # k=10: regional activities' total 7 and not disaggregated 5 are now small too.
    assert out["regional_activities"]["reached"]["total"] == "<10"
    assert out["regional_activities"]["reached"]["not_disaggregated"] == "<10"
    assert_no_small_counts(out, 10)


def test_suppressing_twice_changes_nothing_here():
    # Tokens read back count as small counts. The six hidden cells of the hand-worked
    # document are a rectangle and a pair (see above): still protected, nothing more to do.
    once = suppress_figures(figures_doc(), 5)
    assert suppress_figures(once, 5) == once


# ------------------------------------------------------------------ assert_no_small_counts


def test_assert_no_small_counts_names_the_paths():
    doc = {
        "countries": [{"reached": {"total": 30, "by_age": {"girls": 2}}, "donors": 1}],
        "table": pd.DataFrame({"x": [3, 10]}, index=["A", "B"]),
    }
    with pytest.raises(AssertionError) as err:
        assert_no_small_counts(doc, 5)
    message = str(err.value)
    assert "countries[0].reached.by_age.girls = 2" in message
    assert "table['A', 'x'] = 3" in message
    assert "donors" not in message  # not a count of people


def test_assert_no_small_counts_accepts_tokens_zeros_and_negatives():
    assert_no_small_counts({"reached": {"a": "<5", "b": 0, "c": -3, "d": None, "e": 5}}, 5)


# ---------------------------------------------------------------- the linear programs


def test_the_extreme_solver_bounds_a_cell_by_hand():
    # x + y = 10 with 0 <= x <= 4 and y >= 0: x in [0, 4], y in [6, 10]
    solver = suppression._ExtremeSolver(np.array([[1.0, 1.0]]), [10.0], [(0, 4), (0, None)])
    assert solver.extreme(0, 1.0) == (suppression._OPTIMAL, 0.0)
    assert solver.extreme(0, -1.0) == (suppression._OPTIMAL, -4.0)  # max x = 4
    assert solver.extreme(1, 1.0) == (suppression._OPTIMAL, 6.0)
    assert solver.extreme(1, -1.0) == (suppression._OPTIMAL, -10.0)
    assert solver.extreme(0, 1.0) == (suppression._OPTIMAL, 0.0)  # the objective was reset


def test_the_extreme_solver_says_infeasible_and_unbounded():
    # x + y = 10 with x <= 2, y <= 3: no x, y fits (the published numbers contradict)
    none_fits = suppression._ExtremeSolver(np.array([[1.0, 1.0]]), [10.0], [(0, 2), (0, 3)])
    assert none_fits.extreme(0, 1.0)[0] == suppression._INFEASIBLE
    # x - y = 0 with x, y >= 0: x has no greatest value; no relation at all: x alone
    open_above = suppression._ExtremeSolver(np.array([[1.0, -1.0]]), [0.0], [(0, None)] * 2)
    assert open_above.extreme(0, -1.0)[0] == suppression._OTHER
    assert open_above.extreme(0, 1.0) == (suppression._OPTIMAL, 0.0)
    alone = suppression._ExtremeSolver(np.zeros((0, 1)), [], [(5, 12)])
    assert alone.extreme(0, 1.0) == (suppression._OPTIMAL, 5.0)
    assert alone.extreme(0, -1.0) == (suppression._OPTIMAL, -12.0)


def test_the_extreme_solver_agrees_with_scipys_linprog_on_random_tables():
    """The solver replaced `scipy.optimize.linprog(method="highs")` for speed: the same
    answers, statuses included, on tables like suppression's (sums of counts)."""
    from scipy.optimize import linprog

    rng = np.random.default_rng(2024)
    compared = {"optimal": 0, "infeasible": 0, "other": 0}
    for _ in range(60):
        n, m = int(rng.integers(1, 9)), int(rng.integers(0, 6))
        a_eq = rng.integers(-1, 2, size=(m, n)).astype(float)
        counts = rng.integers(0, 30, size=n).astype(float)
        b_eq = a_eq @ counts + (rng.random(m) < 0.1) * 50  # now and then, contradictory
        bounds = [(0.0, None) if rng.random() < 0.3 else (0.0, float(c) + 4) for c in counts]
        solver = suppression._ExtremeSolver(a_eq, list(b_eq), bounds)
        for j in range(n):
            for sign in (1.0, -1.0):
                cost = np.zeros(n)
                cost[j] = sign
                ref = linprog(
                    cost,
                    A_eq=a_eq if m else None,
                    b_eq=b_eq if m else None,
                    bounds=bounds,
                    method="highs",
                )
                status, value = solver.extreme(j, sign)
                expected = ref.status if ref.status in (0, 2) else suppression._OTHER
                assert status == expected, (a_eq, b_eq, bounds, j, sign)
                if status == suppression._OPTIMAL:
                    assert abs(value - ref.fun) <= 1e-9
                compared[{0: "optimal", 2: "infeasible"}.get(status, "other")] += 1
    assert min(compared.values()) > 0, compared  # every kind of answer was compared


def test_the_extreme_solver_prints_nothing():
    """HiGHS's public class prints a banner on stdout once per process: a notebook's
    output or a build's log would show it."""
    import subprocess
    import sys

    code = (
        "import numpy as np; from helpers.disclosure.suppression import _ExtremeSolver; "
        "s = _ExtremeSolver(np.array([[1.0, 1.0]]), [10.0], [(0, 4), (0, None)]); "
        "assert s.extreme(1, 1.0)[1] == 6.0"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
