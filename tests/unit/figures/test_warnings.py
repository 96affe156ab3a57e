"""Warnings that travel with a figure (METHOD.md "Warnings that travel with a figure",
figures/warnings.py), on tiny hand-built rows.

`scope_warnings(counted_rows, scope, entry)` is called by `Analysis._key_figures` with the
counted rows of a scope's headline and the scope's exact figures; here the rows come from
the `classified` fixture (tests/unit/figures/conftest.py: canonical 5W rows, file `a.csv`,
first data row numbered 2, country COL, month 2023-01, organisation 'Org A' unless said)
cut to the counted rows, and the entry is written by hand. Every expected number is worked
out in the comment next to it.
"""

from __future__ import annotations

import math

import pytest

from helpers.core.geography import REGION
from helpers.figures import reach
from helpers.figures.warnings import (
    DOMINANT_MIN_ROWS,
    DOMINANT_SHARE,
    MESSAGES,
    OVERCOUNT_TOLERANCE,
    TARGET_EXCEEDED_PERCENT,
    english,
    message_key,
    scope_warnings,
)

TRAINED = "# of people trained"  # RE-PRHT1, Capacity Building: an output, not people


@pytest.fixture
def counted(classified):
    """A function: the counted rows of hand-written records."""

    def rows(records: list[dict]):
        return reach.counted(classified(records))

    return rows


def entry(total, *, nd=0.0, percent=None, excluding_in_transit=None) -> dict:
    """The part of a scope's exact figures the warnings read: its reached block (the
    region's has `total_excluding_in_transit`, its headline) and its % of target."""
    reached = {"total": total, "not_disaggregated": nd}
    if excluding_in_transit is not None:
        reached["total_excluding_in_transit"] = excluding_in_transit
    return {"reached": reached, "percent_of_target": percent}


def codes(warnings: list[dict]) -> list[str]:
    return [w["code"] for w in warnings]


# ---------------------------------------------------------------- the thresholds


def test_thresholds_are_the_ones_method_md_states():
    # "more than half", "at least 5 counted rows", "above 200 % of target"; and half a
    # person of tolerance because breakdowns may be fractional.
    assert DOMINANT_SHARE == 0.5
    assert DOMINANT_MIN_ROWS == 5
    assert TARGET_EXCEEDED_PERCENT == 200.0
    assert OVERCOUNT_TOLERANCE == 0.5


# ---------------------------------------------------------------- no_rows


def test_no_rows_when_no_row_counts_people(counted):
    # Two rows of the sector, both trainings (outputs): no counted row at all. The other
    # checks are not made: only no_rows, even with a silly % and an over-count given.
    rows = counted([{"indicator": TRAINED, "new": 40}, {"indicator": TRAINED, "new": 3}])
    assert rows.empty
    out = scope_warnings(rows, "COL", entry(0.0, nd=-10.0, percent=500.0))
    assert out == [{"code": "no_rows"}]


def test_one_counted_row_is_not_no_rows(counted):
    rows = counted([{"new": 0}])  # a counted row reaching no one is still a reported row
    assert "no_rows" not in codes(scope_warnings(rows, "COL", entry(0.0)))


# ---------------------------------------------------------------- dominant_row

FIVE_ROWS = [
    {"new": 60, "org": "Org A", "month": "2023-01"},  # row 2: 60 of 100 people
    {"new": 10, "org": "Org A", "month": "2023-02"},  # row 3
    {"new": 7, "org": "Org B", "month": "2023-01"},  # row 4
    {"new": 12, "org": "Org B", "month": "2023-03"},  # row 5
    {"new": 11, "org": "Org C", "month": "2023-03"},  # row 6
]


def test_dominant_row_names_the_row(counted):
    # 60 + 10 + 7 + 12 + 11 = 100 people in 5 counted rows; row 2 has 60 > 50 % of them.
    # The other rows sharing a value with row 2, by table grouping:
    #   country COL, admin1 '', implementing partner '', activity '', RMRP activity '':
    #     all four others, 100 - 60 = 40
    #   month 2023-01: row 4 only, 7
    #   appealing organisation Org A: row 3 only, 10
    # so the fewest others are 7 (a small count could be given away below 5; 7 is not).
    out = scope_warnings(counted(FIVE_ROWS), "COL", entry(100.0))
    assert out == [
        {
            "code": "dominant_row",
            "file": "a.csv",
            "row": 2,
            "organisation": "Org A",
            "month": "2023-01",
            "people": 60.0,
            "share": 60.0,  # 100 * 60 / 100
            "fewest_others": 7.0,
        }
    ]


def test_dominant_row_at_exactly_half_is_not_flagged(counted):
    # 50 of 100 is half, not more than half.
    rows = [{"new": 50}, {"new": 10}, {"new": 10}, {"new": 10}, {"new": 20}]
    assert scope_warnings(counted(rows), "COL", entry(100.0)) == []


def test_dominant_row_just_above_half_is_flagged(counted):
    # 50.5 of 50.5 + 10 + 10 + 10 + 19.5 = 100: more than half.
    rows = [{"new": 50.5}, {"new": 10}, {"new": 10}, {"new": 10}, {"new": 19.5}]
    (w,) = scope_warnings(counted(rows), "COL", entry(100.0))
    assert w["code"] == "dominant_row"
    assert w["people"] == 50.5
    assert w["share"] == pytest.approx(50.5)  # 100 * 50.5 / 100


def test_dominant_row_needs_at_least_five_counted_rows(counted):
    # 4 rows: 97 of 100 people in one row, yet no warning (too few rows to mislead).
    four = [{"new": 97}, {"new": 1}, {"new": 1}, {"new": 1}]
    assert scope_warnings(counted(four), "COL", entry(100.0)) == []
    # 5 rows: 96 of 100 in one row -> flagged, share 96 %.
    five = [{"new": 96}, {"new": 1}, {"new": 1}, {"new": 1}, {"new": 1}]
    (w,) = scope_warnings(counted(five), "COL", entry(100.0))
    assert w["code"] == "dominant_row" and w["share"] == pytest.approx(96.0)
    assert w["people"] == 96.0


def test_outputs_do_not_count_toward_the_five_rows(counted):
    # 4 counted rows and 3 trainings: 4 counted rows only, so no dominant_row.
    rows = [{"new": 97}, {"new": 1}, {"new": 1}, {"new": 1}] + [
        {"indicator": TRAINED, "new": 5}
    ] * 3
    assert scope_warnings(counted(rows), "COL", entry(100.0)) == []


def test_dominant_row_with_a_zero_headline_is_not_flagged(counted):
    # 5 rows reaching no one: there is no "more than half" of 0 (and no division by 0).
    rows = [{"new": 0}] * 5
    assert scope_warnings(counted(rows), "COL", entry(0.0)) == []


def test_dominant_row_in_the_region_leaves_in_transit_out(counted):
    # Row 2: 60 new of whom 30 in transit; rows 3-6: 10 each, none in transit.
    # Country COL: headline 100, row 2 has 60 > 50 -> flagged (share 60 %).
    # Region: headline excludes in transit, 100 - 30 = 70; row 2 counts 60 - 30 = 30,
    # not more than 35 -> not flagged.
    rows = counted([{"new": 60, "transit": 30}] + [{"new": 10}] * 4)
    (w,) = scope_warnings(rows, "COL", entry(100.0))
    assert (w["code"], w["people"], w["share"]) == ("dominant_row", 60.0, 60.0)
    region = entry(100.0, excluding_in_transit=70.0)
    assert scope_warnings(rows, REGION, region) == []


def test_dominant_row_in_the_region_counts_people_without_in_transit(counted):
    # Row 2: 80 new, 10 in transit -> 70 in the region's headline; rows 3-6: 5 each -> 20.
    # Region headline 90 (100 - 10); 70 > 45 -> flagged with people 70 and share
    # 100 * 70 / 90 = 77.78 %; the others (90 - 70 = 20 in every shared group) are 20.
    rows = counted([{"new": 80, "transit": 10}] + [{"new": 5}] * 4)
    (w,) = scope_warnings(rows, REGION, entry(100.0, excluding_in_transit=90.0))
    assert w["code"] == "dominant_row"
    assert w["people"] == 70.0
    assert w["share"] == pytest.approx(700 / 9)
    assert w["fewest_others"] == 20.0


def test_fewest_others_leaves_out_groups_where_the_row_is_alone(counted):
    # Row 2 is Org Z's only row and its month's only row: those groups hold no other
    # people (a table cell equal to the row's own people gives nothing away), so they are
    # left out. The rest: country, admin1, partner, activity groups hold 8 + 9 + 9 + 9 = 35.
    rows = [
        {"new": 65, "org": "Org Z", "month": "2023-03"},
        {"new": 8},
        {"new": 9},
        {"new": 9},
        {"new": 9},
    ]
    (w,) = scope_warnings(counted(rows), "COL", entry(100.0))
    assert w["fewest_others"] == 35.0


def test_fewest_others_is_zero_when_no_other_row_reaches_anyone(counted):
    # Row 2 is all of the 60 people; rows 3-6 reach no one: every group's others are 0,
    # and with no positive others the fewest is 0. Share 100 %.
    rows = [{"new": 60}] + [{"new": 0}] * 4
    (w,) = scope_warnings(counted(rows), "COL", entry(60.0))
    assert w["fewest_others"] == 0.0
    assert w["share"] == 100.0


def test_fewest_others_small_admin1_group(counted):
    # Row 2 in Bogotá (60), row 3 in Bogotá (3): the admin-1 table prints Bogotá = 63,
    # and 63 - 60 = 3 would give away row 3's 3 people: fewest others 3.
    rows = [
        {"new": 60, "admin1": "Bogotá"},
        {"new": 3, "admin1": "Bogotá", "org": "Org B", "month": "2023-02"},
        {"new": 12, "admin1": "Cali", "org": "Org B", "month": "2023-02"},
        {"new": 12, "admin1": "Cali", "org": "Org B", "month": "2023-02"},
        {"new": 13, "admin1": "Cali", "org": "Org B", "month": "2023-02"},
    ]
    # Others of row 2: country 40, admin1 Bogotá 3, month 2023-01 none, Org A none,
    # partner/activity '' 40 -> 3.
    (w,) = scope_warnings(counted(rows), "COL", entry(100.0))
    assert w["fewest_others"] == 3.0


def test_fewest_others_groups_organisations_as_the_partner_table_does(counted):
    # Row 2: Org A, 60 people; row 3: 'ORG A' (the same organisation by name_key,
    # set-up No, so also the same implementing partner), 3 people, another month;
    # rows 4-6: Org B / Org C, 10 + 10 + 17. The partner table's 'Org A' row holds
    # 60 + 3 = 63: the others sharing row 2's partner hold 3, the fewest of all groups
    # (country etc.: 40; month 2023-01: none besides row 2).
    rows = [
        {"new": 60, "org": "Org A", "month": "2023-01"},
        {"new": 3, "org": "ORG A", "month": "2023-02"},
        {"new": 10, "org": "Org B", "month": "2023-03"},
        {"new": 10, "org": "Org B", "month": "2023-03"},
        {"new": 17, "org": "Org C", "month": "2023-03"},
    ]
    (w,) = scope_warnings(counted(rows), "COL", entry(100.0))
    assert w["fewest_others"] == 3.0


# ---------------------------------------------------------------- target_exceeded


@pytest.mark.parametrize(
    "percent, flagged",
    [
        (None, False),  # no target: no percentage, no warning
        (150.0, False),
        (200.0, False),  # exactly twice the target is not "above 200 %"
        (200.01, True),
        (1000.0, True),
        (math.nan, False),  # not a number is not above anything
        (math.inf, False),
    ],
)
def test_target_exceeded_boundary(counted, percent, flagged):
    rows = counted([{"new": 10}])  # one row: no dominant_row check
    out = scope_warnings(rows, "COL", entry(10.0, percent=percent))
    if flagged:
        assert out == [{"code": "target_exceeded", "percent": percent}]
    else:
        assert out == []


# ---------------------------------------------------------------- breakdown_exceeds_total


@pytest.mark.parametrize(
    "nd, over_count",
    [
        (0.0, None),  # the breakdowns add up
        (12.0, None),  # fewer people disaggregated than reached: not an over-count
        (-0.5, None),  # half a person over: within the tolerance (fractional breakdowns)
        (-0.51, 0.51),  # just beyond it: the over-count is printed as a positive number
        (-23.0, 23.0),  # population types 85 vs a total of 62 -> 23 over
        (None, None),  # not given
    ],
)
def test_breakdown_exceeds_total_boundary(counted, nd, over_count):
    rows = counted([{"new": 10}])
    out = scope_warnings(rows, "COL", entry(10.0, nd=nd))
    if over_count is None:
        assert out == []
    else:
        assert out == [{"code": "breakdown_exceeds_total", "over_count": over_count}]


def test_breakdown_from_real_rows(counted):
    # Trinidad-like: 62 new, 80 in destination + 5 host community = 85 -> not
    # disaggregated 62 - 85 = -23, an over-count of 23.
    rows = counted([{"country": "TTO", "new": 62, "dest": 80, "host": 5}])
    nd = reach.reached_totals(rows)["not_disaggregated"]
    assert nd == -23.0
    out = scope_warnings(rows, "TTO", entry(62.0, nd=nd))
    assert out == [{"code": "breakdown_exceeds_total", "over_count": 23.0}]


def test_several_warnings_in_order(counted):
    # FIVE_ROWS (dominant row 2), 250 % of target, 4 people over-counted: three warnings,
    # in the order dominant_row, target_exceeded, breakdown_exceeds_total.
    out = scope_warnings(counted(FIVE_ROWS), "COL", entry(100.0, nd=-4.0, percent=250.0))
    assert codes(out) == ["dominant_row", "target_exceeded", "breakdown_exceeds_total"]


# ---------------------------------------------------------------- message_key


@pytest.mark.parametrize(
    "warning, key",
    [
        ({"code": "no_rows"}, "no_rows"),
        ({"code": "dominant_row", "people": 60, "share": 60}, "dominant_row"),
        ({"code": "dominant_row", "people": None, "share": None}, "dominant_row_unquantified"),
        ({"code": "dominant_row"}, "dominant_row_unquantified"),  # no share at all
        ({"code": "target_exceeded", "percent": 250.0}, "target_exceeded"),
        ({"code": "target_exceeded", "percent": None}, "target_exceeded_unquantified"),
        ({"code": "breakdown_exceeds_total", "over_count": 4}, "breakdown_exceeds_total"),
        (
            {"code": "breakdown_exceeds_total", "over_count": None},
            "breakdown_exceeds_total_unquantified",
        ),
    ],
)
def test_message_key_picks_the_unquantified_template_without_the_number(warning, key):
    assert message_key(warning) == key
    assert key in MESSAGES


def test_unquantified_templates_have_no_number_to_fill():
    for key in (
        "target_exceeded_unquantified",
        "breakdown_exceeds_total_unquantified",
    ):
        assert "{" not in MESSAGES[key], key
    # the dominant row is still named (file, row, organisation, month), its people not
    assert "{people}" not in MESSAGES["dominant_row_unquantified"]
    assert "{share}" not in MESSAGES["dominant_row_unquantified"]


# ---------------------------------------------------------------- english


ROW = {"file": "a.csv", "row": 2, "organisation": "Org A", "month": "2023-01"}


def test_english_no_rows():
    assert english({"code": "no_rows"}) == (
        "No 5W row of the sector counting people reached was reported here in the period."
    )


def test_english_dominant_row_with_its_numbers():
    # 1234 people with a thousands separator; share 56 -> "56 %".
    w = {"code": "dominant_row", **ROW, "people": 1234.0, "share": 56.0, "fewest_others": 40}
    assert english(w) == (
        "One 5W row (a.csv, row 2: Org A, 2023-01) reports 1,234 people, "
        "56 % of the people reached."
    )


def test_english_dominant_row_unquantified():
    w = {"code": "dominant_row", **ROW, "people": None, "share": None}
    assert english(w) == (
        "One 5W row (a.csv, row 2: Org A, 2023-01) accounts for more than half "
        "of the people reached."
    )


def test_english_target_exceeded():
    # 1234.4 % -> "1,234 %" (whole percent, thousands separator)
    assert english({"code": "target_exceeded", "percent": 1234.4}) == (
        "People reached are 1,234 % of the target: check that the targets are this period's."
    )
    assert english({"code": "target_exceeded", "percent": None}) == (
        "People reached are more than twice the target: check that the targets are this period's."
    )


def test_english_breakdown_exceeds_total():
    assert english({"code": "breakdown_exceeds_total", "over_count": 1500.0}) == (
        "The population types add up to 1,500 more people than the people reached reported."
    )
    assert english({"code": "breakdown_exceeds_total", "over_count": None}) == (
        "The population types add up to more people than the people reached reported."
    )


def test_english_ignores_an_old_message_and_extra_params():
    # A published warning carries its previous message; the text is made from the params.
    w = {"code": "target_exceeded", "percent": 300.0, "message": "stale text"}
    assert english(w) == (
        "People reached are 300 % of the target: check that the targets are this period's."
    )


def test_english_of_every_warning_scope_warnings_makes(counted):
    # Whatever scope_warnings returns can be written out with no placeholder left.
    out = scope_warnings(counted(FIVE_ROWS), "COL", entry(100.0, nd=-4.0, percent=250.0))
    texts = [english(w) for w in out]
    assert texts == [
        "One 5W row (a.csv, row 2: Org A, 2023-01) reports 60 people, 60 % of the people reached.",
        "People reached are 250 % of the target: check that the targets are this period's.",
        "The population types add up to 4 more people than the people reached reported.",
    ]
