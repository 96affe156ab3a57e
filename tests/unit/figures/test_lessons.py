"""Lessons-learned analytics (METHOD.md, ours), every number worked out by hand below."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.figures import lessons
from helpers.figures.lessons import (
    FUNDED_NOT_REACHED,
    REACHED_NOT_FUNDED,
    country_table,
    coverage_spread,
    misalignment,
    organisation_table,
    output_share,
    per_person,
    platform_table,
    rank_correlation,
)


def test_funding_per_person_is_none_without_people_or_money():
    assert per_person(1000, 4) == 250
    assert per_person(1000, 0) is None  # never infinity
    assert per_person(None, 5) is None
    assert per_person(float("nan"), 5) is None
    assert per_person(0, 5) == 0


# ABW and CUW are Caribbean, COL is Colombia's platform.
REACHED = pd.Series({"ABW": 100.0, "CUW": 0.0, "COL": 50.0})
FUNDING = pd.Series({"ABW": 1000.0, "CUW": 500.0, "COL": 0.0})
TARGETS = pd.Series({"ABW": 200.0, "CUW": 100.0, "COL": None})
REQUIREMENTS = pd.Series({"ABW": 4000.0, "CUW": 1000.0})


def test_country_table_by_hand():
    t = country_table(REACHED, FUNDING, TARGETS, REQUIREMENTS)
    # ABW: 1000 / 100 = 10 per person reached, 1000 / 200 = 5 per person targeted,
    # 1000 / 4000 = 25 % coverage
    assert t.at["ABW", "usd_per_person_reached"] == 10
    assert t.at["ABW", "usd_per_person_targeted"] == 5
    assert t.at["ABW", "coverage"] == 0.25
    # CUW: nobody reached, so no USD per person (not infinity); 500 / 100 = 5; 500 / 1000
    assert math.isnan(t.at["CUW", "usd_per_person_reached"])
    assert t.at["CUW", "usd_per_person_targeted"] == 5
    assert t.at["CUW", "coverage"] == 0.5
    # COL: 0 / 50 = 0 per person; no target and no requirement: empty, never 0
    assert t.at["COL", "usd_per_person_reached"] == 0
    assert math.isnan(t.at["COL", "usd_per_person_targeted"])
    assert math.isnan(t.at["COL", "coverage"])


def test_missing_funding_source_leaves_columns_empty_not_zero():
    t = country_table(REACHED)
    assert t["funding_usd"].isna().all()
    assert t["usd_per_person_reached"].isna().all()
    assert t["coverage"].isna().all()


def test_platform_table_sums_countries_and_recomputes_ratios():
    p = platform_table(country_table(REACHED, FUNDING, TARGETS, REQUIREMENTS))
    carib = p.loc["caribbean"]
    assert carib["reached"] == 100  # 100 + 0
    assert carib["funding_usd"] == 1500  # 1000 + 500
    assert carib["usd_per_person_reached"] == 15  # 1500 / 100, not the mean of 10 and ∞
    assert carib["usd_per_person_targeted"] == 5  # 1500 / 300
    assert carib["coverage"] == pytest.approx(0.3)  # 1500 / (4000 + 1000)
    col = p.loc["colombia"]
    assert col["usd_per_person_reached"] == 0
    assert math.isnan(col["coverage"])  # no requirement
    assert "peru" not in p.index  # no country of it in the table


def test_spearman_by_hand():
    # reached ranks 1,3,2,4,5,6,8,7 against funding ranks 1..8: d² = 0+1+1+0+0+0+1+1 = 4,
    # rho = 1 - 6·4 / (8·(64 - 1)) = 1 - 24/504 = 20/21
    funding = pd.Series([10, 20, 30, 40, 50, 60, 70, 80], index=list("ABCDEFGH"), dtype=float)
    reached = pd.Series([1, 3, 2, 4, 5, 6, 8, 7], index=list("ABCDEFGH"), dtype=float)
    r = rank_correlation(funding, reached)
    assert r.n == 8
    assert r.rho == pytest.approx(20 / 21)
    assert 0 < r.p_value < 0.01
    assert r.meaningful and r.reason == ""


def test_spearman_p_value_by_hand():
    # n = 4, so t has 2 degrees of freedom, whose two-sided tail is 1 - |t| / sqrt(2 + t²).
    # Ranks 1,2,4,3 against 1..4: d² = 2, rho = 1 - 6·2 / (4·15) = 0.8,
    # t² = 0.64 · 2 / 0.36 = 32/9, so |t| / sqrt(2 + t²) = sqrt(32/50) = 0.8 and p = 0.2.
    funding = pd.Series([1.0, 2.0, 3.0, 4.0], index=list("ABCD"))
    r = rank_correlation(funding, pd.Series([1.0, 2.0, 4.0, 3.0], index=list("ABCD")))
    assert r.rho == pytest.approx(0.8) and r.p_value == pytest.approx(0.2)
    # Tied funding takes the mean rank: ranks 1, 2.5, 2.5, 4 against 1..4 give
    # rho = 4.5 / sqrt(4.5 · 5) = sqrt(0.9), t² = 0.9 · 2 / 0.1 = 18, p = 1 - sqrt(18/20).
    tied = pd.Series([1.0, 2.0, 2.0, 3.0], index=list("ABCD"))
    r = rank_correlation(tied, pd.Series([1.0, 2.0, 3.0, 4.0], index=list("ABCD")))
    assert r.rho == pytest.approx(0.9**0.5) and r.p_value == pytest.approx(1 - 0.9**0.5)


def test_spearman_says_plainly_when_too_few_countries():
    funding = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0], index=list("ABCDE"))
    reached = pd.Series([10.0, 20.0, 30.0, 40.0, 50.0], index=list("ABCDE"))
    r = rank_correlation(funding, reached)
    assert r.n == 5 and r.rho == pytest.approx(1.0)
    assert r.p_value == pytest.approx(0.0, abs=1e-12)  # a perfect rank order: t is infinite
    assert not r.meaningful  # fewer than MIN_N countries: given, but not meaningful


def test_spearman_counts_only_countries_with_both_numbers():
    funding = pd.Series({"A": 1.0, "B": None, "C": 3.0})
    reached = pd.Series({"A": 5.0, "B": 6.0, "C": 7.0})
    r = rank_correlation(funding, reached)
    assert r.n == 2 and r.rho is None  # two pairs: nothing to compute
    assert r.reason == "too_few"


def test_spearman_without_variation_or_funding():
    same = rank_correlation(pd.Series([5.0] * 4), pd.Series([1.0, 2.0, 3.0, 4.0]))
    assert same.rho is None and same.reason == "same_funding"
    flat = rank_correlation(pd.Series([1.0, 2.0, 3.0]), pd.Series([7.0] * 3))
    assert flat.rho is None and flat.reason == "same_reached"
    none = rank_correlation(None, pd.Series([1.0, 2.0]))
    assert none.rho is None and none.n == 0 and none.reason == "no_funding"


def test_coefficient_of_variation_by_hand():
    # mean 0.2, population SD 0.1 -> CV 0.5
    s = coverage_spread(pd.Series([0.1, 0.3]))
    assert s.mean == pytest.approx(0.2) and s.sd == pytest.approx(0.1)
    assert s.cv == pytest.approx(0.5)
    assert s.n == 2
    # mean 0.2, SD 0.2 -> CV 1.0; NaN (no requirement) left out
    s = coverage_spread(pd.Series([0.0, 0.4, float("nan")]))
    assert s.cv == pytest.approx(1.0) and s.n == 2
    assert coverage_spread(pd.Series([0.2, 0.2, 0.2])).cv == pytest.approx(0, abs=1e-12)


def test_coefficient_of_variation_needs_two_countries():
    one = coverage_spread(pd.Series([0.5]))
    assert one.cv is None and (one.n, one.reason) == (1, "too_few")
    assert coverage_spread(None).cv is None and coverage_spread(None).reason == "no_data"
    zero = coverage_spread(pd.Series([0.0, 0.0]))
    assert zero.cv is None and zero.reason == "no_funding"


def test_misalignment_lists_both_kinds():
    table = pd.DataFrame(
        {
            "reached": [0.0, 10.0, 10.0, 5.0, 0.0],
            "funding_usd": [100.0, 0.0, 50.0, None, 0.0],
        },
        index=["ABW", "BOL", "COL", "DOM", "ECU"],
    )
    m = misalignment(table)
    assert m.set_index("id")["issue"].to_dict() == {
        "ABW": FUNDED_NOT_REACHED,  # funding, nobody reached
        "BOL": REACHED_NOT_FUNDED,  # reached, no funding
    }  # COL has both; DOM has no funding number (no source); ECU has neither
    assert list(m["name"]) == ["Aruba", "Bolivia"]


def test_organisation_table_fills_the_missing_side_with_zero():
    t = organisation_table(pd.Series({"Org A": 100.0}), pd.Series({"Org B": 7.0}))
    assert t.loc["Org A"].tolist() == [0.0, 100.0]  # reached, funding
    assert t.loc["Org B"].tolist() == [7.0, 0.0]
    m = misalignment(t, names={"Org A": "Org A", "Org B": "Org B"})
    assert dict(zip(m["id"], m["issue"], strict=True)) == {
        "Org A": FUNDED_NOT_REACHED,
        "Org B": REACHED_NOT_FUNDED,
    }


def test_share_of_rows_that_are_outputs_not_people():
    # 10 rows: 6 direct assistance, 2 capacity building, 1 mechanism, 1 unknown indicator
    rows = pd.DataFrame(
        {
            "known_indicator": [True] * 9 + [False],
            "counts_as_people": [True] * 6 + [False] * 4,
            "indicator_type": ["Direct Assistance"] * 6
            + ["Capacity Building"] * 2
            + ["Mechanism/Advocacy", None],
        }
    )
    s = output_share(rows)
    assert (s.output_rows, s.rows) == (3, 10)
    assert s.share == pytest.approx(0.3)
    assert s.by_type == {"Capacity Building": 2, "Mechanism/Advocacy": 1}
    assert output_share(rows.iloc[:0]).share is None


def test_min_n_is_eight():
    assert lessons.MIN_N == 8
