"""People reached (METHOD.md "People reached", rules 1-10), on tiny hand-worked tables.

Every expected number is worked out by hand in the comment next to it. The fixtures
`activity_rows` (tests/conftest.py) and `classified` (tests/unit/figures/conftest.py)
build canonical 5W rows (core.columns.ACTIVITY_COLUMNS) the way
`inputs.activities.load_activities` returns them: empty text is '', a missing number is
NaN. `hts_indicators` is the indicator reference. The last test checks the fast
classification against the plain join it replaces, on the shipped sample.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.core.columns import AGE_GENDER, POPULATION_TYPES
from helpers.core.geography import COUNTRIES, PLATFORMS, REGIONAL
from helpers.core.names import name_key
from helpers.figures import reach
from helpers.figures.quality import check_activities
from helpers.inputs.references import load_indicators

HTS = "Protection (Human Trafficking and Smuggling)"
HTS_2021 = "Protection (Human Trafficking & Smuggling)"
DA = "# of people receiving assistance and protection services"  # RE-PRHT3
TRAINED = "# of people trained"  # RE-PRHT1
MECH = "# of institutional mechanisms supported"  # RE-PRHT2


@pytest.fixture
def reached(classified):
    """A function: people reached (a dict of totals) over the counted rows of records."""

    def totals(records: list[dict]) -> dict[str, float]:
        return reach.reached_totals(reach.counted(classified(records)))

    return totals


# ---------------------------------------------------------------- scope: sector names


def test_sector_names_compare_after_normalising_ampersand_case_spaces(activity_rows):
    rows = activity_rows(
        [
            {"sector": HTS, "new": 1},
            {"sector": HTS_2021, "new": 2},  # 2021 spelling with '&'
            {"sector": "  protection (HUMAN trafficking   AND smuggling) ", "new": 4},
            {"sector": "Protection", "new": 8},  # another sector: never in scope
            {"sector": "Protection (Gender-Based Violence)", "new": 16},
        ]
    )
    kept = reach.sector_rows(rows, HTS)
    # the first three rows are the sub-sector: 1 + 2 + 4 = 7
    assert kept["new_beneficiaries"].sum() == 7
    assert list(kept["source_row"]) == [2, 3, 4]
    # the same holds when the sector asked for is written the 2021 way
    assert list(reach.sector_rows(rows, HTS_2021)["source_row"]) == [2, 3, 4]


def test_sector_normalisation_also_joins_the_indicator_reference(activity_rows, hts_indicators):
    # a 2021-style reference ('&') joins 2023-style rows ('and') and vice versa
    ref = hts_indicators.assign(sector=hts_indicators["sector"].replace({HTS: HTS_2021}))
    rows = reach.classify(activity_rows([{"new": 3}, {"sector": HTS_2021, "new": 4}]), ref)
    assert rows["known_indicator"].tolist() == [True, True]
    # 3 + 4 = 7
    assert reach.reached_totals(reach.counted(rows))["total"] == 7


# ---------------------------------------------------------------- rule 1: what counts


def test_direct_assistance_type_counts_as_people(reached):
    r = reached([{"new": 6}, {"indicator": DA, "new": 4}])
    assert r["total"] == 10  # 6 + 4, both RE-PRHT3 (Direct Assistance)


def test_pin_type_counts_in_2021_lists(tmp_path, activity_rows):
    # R4V's 2021 list as it is: `Sector...Subsector...WG`, `Indicator_Type` Pin/Other
    (tmp_path / "ind2021.csv").write_text(
        "CODE,Sector...Subsector...WG,Indicator,Indicator_Type,PiN.Target.Oriented\n"
        f"PR-HT1,{HTS_2021},# of people assisted,Pin,Yes\n"
        f"PR-HT2,{HTS_2021},# of awareness campaigns,Other,No\n",
        encoding="utf-8",
    )
    findings: list = []
    ref = load_indicators([tmp_path / "ind2021.csv"], tmp_path, findings)
    assert ref.set_index("code")["counts_as_people"].to_dict() == {"PR-HT1": True, "PR-HT2": False}
    rows = reach.classify(
        activity_rows(
            [
                {"sector": HTS_2021, "indicator": "# of people assisted", "new": 6},
                {"sector": HTS_2021, "indicator": "# of awareness campaigns", "new": 40},
            ]
        ),
        ref,
    )
    # Pin counts (6); Other is an output (its 40 are not people reached)
    assert reach.reached_totals(reach.counted(rows))["total"] == 6
    assert findings == []


def test_outputs_reported_separately_never_as_people(classified):
    rows = classified(
        [
            {"new": 5, "total": 5},  # Direct Assistance: 5 people
            {"indicator": TRAINED, "new": 30, "total": 30, "quantity_output": 2},
            {
                "indicator": TRAINED,
                "new": 10,
                "total": 10,
                "quantity_output": 1,
                "month": "2023-02",
            },
            {"indicator": MECH, "new": 0, "quantity_output": 3},
        ]
    )
    # people reached: only the Direct Assistance row, 5 (not 5 + 30 + 10)
    assert reach.reached_totals(reach.counted(rows))["total"] == 5
    out = reach.outputs(rows).set_index("indicator_type")
    assert sorted(out.index) == ["Capacity Building", "Mechanism/Advocacy"]
    # Capacity Building: 2 rows, 2 + 1 = 3 trainings; Mechanism/Advocacy: 1 row, 3 mechanisms
    assert out.loc["Capacity Building", "rows"] == 2
    assert out.loc["Capacity Building", "quantity_output"] == 3
    assert out.loc["Mechanism/Advocacy", "rows"] == 1
    assert out.loc["Mechanism/Advocacy", "quantity_output"] == 3
    assert "new_beneficiaries" not in out.columns  # never presented as people reached


@pytest.mark.parametrize(
    "kind, counts",
    [
        ("Direct Assistance", True),
        ("Capacity Building", False),
        ("Mechanism/Advocacy", False),
        ("Campaign", False),
        ("Infrastructure", False),
        ("Other", False),
        ("direct  ASSISTANCE", True),  # types compare after case and spaces too
    ],
)
def test_only_direct_assistance_and_pin_types_count_as_people(
    tmp_path, kind, counts, activity_rows
):
    (tmp_path / "ind.csv").write_text(
        f"CODE,Sector/Subsector/WG,Indicator,Indicator Type\nX-1,{HTS},# of things,{kind}\n",
        encoding="utf-8",
    )
    ref = load_indicators([tmp_path / "ind.csv"], tmp_path, [])
    rows = reach.classify(
        activity_rows([{"indicator": "# of things", "new": 9, "quantity_output": 2}]), ref
    )
    # 9 people when the type counts, else 0 people and one output row with quantity 2
    assert reach.reached_totals(reach.counted(rows))["total"] == (9 if counts else 0)
    assert len(reach.outputs(rows)) == (0 if counts else 1)


def test_outputs_is_empty_table_without_output_rows(classified):
    out = reach.outputs(classified([{"new": 5}]))
    assert out.empty
    assert list(out.columns) == [
        "indicator_type",
        "indicator",
        "rows",
        "quantity_output",
        "total_monthly",
    ]


def test_indicator_texts_compare_after_whitespace_and_case(classified):
    rows = classified(
        [
            {
                "indicator": "  # OF PEOPLE receiving   assistance\tand protection SERVICES ",
                "new": 3,
            },
            {"indicator": DA, "new": 4},
        ]
    )
    assert rows["known_indicator"].tolist() == [True, True]
    assert rows["indicator_type"].tolist() == ["Direct Assistance"] * 2
    assert reach.reached_totals(reach.counted(rows))["total"] == 7  # 3 + 4


def test_indicator_join_is_on_sector_and_indicator_text(activity_rows, hts_indicators):
    # the same text under another sector in the reference does not make a row known
    ref = hts_indicators[hts_indicators["sector"] != HTS]  # only 'Protection' carries DA text
    rows = reach.classify(activity_rows([{"new": 5}]), ref)
    assert rows["known_indicator"].tolist() == [False]
    assert rows["counts_as_people"].tolist() == [False]


def test_unknown_indicator_is_not_counted(classified):
    rows = classified(
        [
            {"new": 5},
            {"indicator": "# of people rescued (not in the list)", "new": 12, "country": "PER"},
        ]
    )
    # counted: 5 only; the unknown row's 12 are not silently added nor silently lost
    assert reach.reached_totals(reach.counted(rows))["total"] == 5
    assert rows["known_indicator"].tolist() == [True, False]
    unknown = [f for f in check_activities(rows) if f.check == "unknown_indicator"]
    assert len(unknown) == 1
    f = unknown[0]
    assert (f.file, f.row, f.column, f.country, f.people) == ("a.csv", 3, "indicator", "PER", 12)
    assert "12 people" in f.message


# ---------------------------------------------------------------- rules 2-5: sums


def test_missing_numbers_count_as_zero(reached):
    r = reached(
        [
            {"new": 10, "dest": 6, "transit": np.nan},
            {"new": np.nan, "dest": np.nan, "transit": 2},
            {"new": 3},  # no breakdown at all
        ]
    )
    # total: 10 + 0 + 3 = 13; in destination 6 + 0 + 0 = 6; in transit 0 + 2 + 0 = 2
    assert r["total"] == 13
    assert r["in_destination"] == 6
    assert r["in_transit"] == 2
    assert r["host_community"] == 0  # all missing -> 0, not NaN
    assert r["not_disaggregated"] == 5  # 13 - (6 + 2) = 5


def test_missing_numbers_count_as_zero_in_an_empty_scope(classified):
    r = reach.reached_totals(reach.counted(classified([{"indicator": TRAINED, "new": 9}])))
    assert r == {"total": 0.0, **{p: 0.0 for p in POPULATION_TYPES}, "not_disaggregated": 0.0}


def test_plain_sum_of_new_beneficiaries_no_max(reached):
    # one partner, one country, one month, two activities of the sector: R4V sums them
    r = reached(
        [
            {"org": "Org A", "activity_name": "Legal aid", "new": 10},
            {"org": "Org A", "activity_name": "Shelter", "new": 7},
            {"org": "Org A", "activity_name": "Shelter", "new": 7, "month": "2023-02"},
        ]
    )
    assert r["total"] == 24  # 10 + 7 + 7, not max(10, 7) = 10 nor 17


def test_breakdown_by_population_type_sums_each_column(reached):
    r = reached(
        [
            {"new": 10, "dest": 4, "transit": 3, "host": 2, "pendular": 1},
            {"new": 6, "dest": 1, "colombian_returnees": 5, "country": "PER"},
        ]
    )
    # dest 4 + 1 = 5; transit 3; host 2; pendular 1; returnees 5; total 16
    assert r == {
        "total": 16,
        "in_destination": 5,
        "in_transit": 3,
        "host_community": 2,
        "pendular": 1,
        "colombian_returnees": 5,
        "not_disaggregated": 0,
    }


def test_breakdown_by_age_and_gender_sums_each_column(classified):
    rows = reach.counted(
        classified(
            [
                {"new": 10, "girls": 1, "boys": 2, "women": 3, "men": 4},
                {"new": 5, "women": 1, "other_under_18": 1, "other_over_18": 1},
            ]
        )
    )
    ag = reach.age_gender(rows)
    # girls 1, boys 2, women 3 + 1 = 4, men 4, other <18 1, other 18+ 1: 13 of 15
    assert {k: ag[k] for k in AGE_GENDER} == {
        "girls": 1,
        "boys": 2,
        "women": 4,
        "men": 4,
        "other_under_18": 1,
        "other_over_18": 1,
    }
    assert ag["not_disaggregated"] == 2  # 15 - 13


def test_breakdowns_keep_fractions(classified):
    rows = reach.counted(
        classified(
            [
                {"new": 4, "dest": 2.5, "transit": 0.25, "women": 1.5},
                {"new": 3, "dest": 1.25, "host": 0.5, "girls": 0.75},
            ]
        )
    )
    r = reach.reached_totals(rows)
    assert r["in_destination"] == 3.75  # 2.5 + 1.25, not rounded to 4
    assert r["in_transit"] == 0.25  # not rounded to 0
    assert r["host_community"] == 0.5
    assert r["not_disaggregated"] == 2.5  # 7 - (3.75 + 0.25 + 0.5) = 2.5
    ag = reach.age_gender(rows)
    assert ag["women"] == 1.5 and ag["girls"] == 0.75
    assert ag["not_disaggregated"] == 4.75  # 7 - (1.5 + 0.75)
    assert isinstance(r["in_destination"], float)


def test_not_disaggregated_can_be_negative(classified, reached):
    # breakdowns over-report: 8 + 5 = 13 against 10 reported new beneficiaries
    r = reached([{"new": 10, "dest": 8, "transit": 5}])
    assert r["total"] == 10  # the reported total is kept, not replaced by 13
    assert r["not_disaggregated"] == -3  # 10 - 13
    by_country = reach.reached_by_country(
        reach.counted(
            classified(
                [{"new": 10, "dest": 8, "transit": 5}, {"new": 4, "dest": 1, "country": "PER"}]
            )
        )
    )
    assert by_country.loc["COL", "not_disaggregated"] == -3  # 10 - (8 + 5)
    assert by_country.loc["PER", "not_disaggregated"] == 3  # 4 - 1


# ---------------------------------------------------------------- rule 6: monthly progress


def test_monthly_cumulative_ends_at_total(classified):
    rows = reach.counted(
        classified(
            [
                {"month": "2023-01", "new": 5},
                {"month": "2023-03", "new": 7},
                {"month": "2023-03", "new": 3, "country": "PER"},
                {"month": "2023-04", "new": np.nan},  # missing counts as 0
                {"month": "2023-02", "indicator": TRAINED, "new": 50},  # output: not counted
            ]
        )
    )
    mp = reach.monthly_progress(
        rows["new_beneficiaries"], rows["month"], ["2023-01", "2023-02", "2023-03", "2023-04"]
    )
    # new per month: Jan 5, Feb 0, Mar 7 + 3 = 10, Apr 0; running total 5, 5, 15, 15
    assert mp["month"].tolist() == ["2023-01", "2023-02", "2023-03", "2023-04"]
    assert mp["new"].tolist() == [5, 0, 10, 0]
    assert mp["cumulative"].tolist() == [5, 5, 15, 15]
    assert mp["cumulative"].iloc[-1] == reach.reached_totals(rows)["total"] == 15


# ---------------------------------------------------------------- rules 7-8: aggregation


def test_reached_by_country_lists_all_17_with_zeros(classified):
    table = reach.reached_by_country(reach.counted(classified([{"new": 4, "dest": 4}])))
    assert list(table.index) == list(COUNTRIES)
    assert len(table) == 17
    assert table.loc["COL", "total"] == 4
    assert table.drop(index="COL")["total"].sum() == 0  # the other 16 are zero, not missing
    assert not table.isna().any().any()


def test_platform_is_sum_of_countries_in_transit_included(classified):
    by_country = reach.reached_by_country(
        reach.counted(
            classified(
                [
                    {"country": "ABW", "new": 8, "dest": 2, "transit": 6},
                    {"country": "DOM", "new": 4, "host": 4},
                    {"country": "TTO", "new": 3, "transit": 3},
                    {"country": "COL", "new": 50, "transit": 50},  # another platform
                ]
            )
        )
    )
    carib = reach.platform_reached(by_country, "caribbean")
    # Caribbean = ABW 8 + DOM 4 + TTO 3 = 15, in transit included (6 + 3 = 9 not subtracted)
    assert carib["total"] == 15
    assert carib["in_transit"] == 9
    assert carib["in_destination"] == 2
    assert carib["host_community"] == 4
    assert carib["not_disaggregated"] == 0  # 15 - (2 + 9 + 4)
    # a national platform is its country: Colombia 50
    assert reach.platform_reached(by_country, "colombia")["total"] == 50


def test_region_excludes_in_transit(classified):
    by_country = reach.reached_by_country(
        reach.counted(
            classified(
                [
                    {"country": "COL", "new": 10, "dest": 8, "transit": 2},
                    {"country": "COL", "new": 5, "dest": 5},
                    {"country": "PER", "new": 7, "dest": 4, "transit": 3},
                    {"country": "ECU", "new": 6, "transit": 6},
                ]
            )
        )
    )
    region = reach.region_reached(by_country)
    # COL 10 + 5 = 15 (2 in transit); PER 7 (3 in transit); ECU 6 (6 in transit)
    # region = (15 - 2) + (7 - 3) + (6 - 6) = 13 + 4 + 0 = 17
    assert region["total_excluding_in_transit"] == 17
    # no figure of the region includes them: its total is the headline, its in-transit
    # figure is not given; they stay visible per country (and per platform)
    assert region["total"] == 17
    assert region["in_transit"] is None
    assert region["in_destination"] == 17  # 8 + 5 + 4 (ECU's 6 were all in transit)
    assert by_country.loc["ECU", "in_transit"] == 6
    assert by_country["in_transit"].sum() == 11  # 2 + 3 + 6


def test_regional_rows_not_in_any_country_platform_or_headline(classified):
    rows = reach.counted(
        classified(
            [
                {"country": "COL", "new": 10, "dest": 10},
                {"country": REGIONAL, "new": 9, "dest": 9},
            ]
        )
    )
    by_country = reach.reached_by_country(rows)
    assert REGIONAL not in by_country.index
    # no platform holds the 9 regional people: Σ platforms = COL 10
    assert sum(reach.platform_reached(by_country, p)["total"] for p in PLATFORMS) == 10
    assert reach.region_reached(by_country)["total_excluding_in_transit"] == 10
    # the regional block: the 9 people of the regional rows, on their own
    block = reach.reached_totals(rows[rows["country"] == REGIONAL])
    assert block["total"] == 9


# ---------------------------------------------------------------- rule 10: volume


def test_total_monthly_never_summed_as_people(classified):
    rows = reach.counted(
        classified(
            [
                # the same 5 people assisted in three months: volume 5 each month, 5 new once
                {"month": "2023-01", "new": 5, "total": 5, "dest": 5},
                {"month": "2023-02", "new": 0, "total": 5},
                {"month": "2023-03", "new": 0, "total": 5},
            ]
        )
    )
    # people reached: 5 + 0 + 0 = 5, not the volume 5 + 5 + 5 = 15
    assert reach.reached_totals(rows)["total"] == 5
    mp = reach.monthly_progress(
        rows["new_beneficiaries"], rows["month"], ["2023-01", "2023-02", "2023-03"]
    )
    assert mp["cumulative"].tolist() == [5, 5, 5]
    assert reach.reached_by_country(rows).loc["COL", "total"] == 5
    assert reach.by_field(rows, "appealing_org").loc["Org A", "total"] == 5


# ---------------------------------------------------------------- breakdown by a field


def test_people_reached_by_field_largest_first(classified):
    rows = reach.counted(
        classified(
            [
                {"org": "Org A", "new": 3, "dest": 3},
                {"org": "Org B", "new": 10, "dest": 4},
                {"org": "Org A", "new": 2, "transit": 2},
            ]
        )
    )
    table = reach.by_field(rows, "appealing_org")
    assert list(table.index) == ["Org B", "Org A"]  # 10 before 3 + 2 = 5
    assert table.loc["Org A", "total"] == 5
    assert table.loc["Org A", "in_transit"] == 2
    assert table.loc["Org B", "not_disaggregated"] == 6  # 10 - 4


@pytest.mark.parametrize("scope_rows", [[], [{"indicator": MECH, "quantity_output": 1}]])
def test_empty_scope_gives_zeros_not_errors(scope_rows, activity_rows, classified, hts_indicators):
    rows = (
        reach.counted(classified(scope_rows))
        if scope_rows
        else reach.counted(reach.classify(activity_rows([]), hts_indicators))
    )
    assert reach.reached_totals(rows)["total"] == 0
    progress = reach.monthly_progress(rows["new_beneficiaries"], rows["month"], ["2023-01"])
    assert progress["cumulative"].tolist() == [0]
    assert reach.region_reached(reach.reached_by_country(rows))["total_excluding_in_transit"] == 0


# ---------------------------------------------------------------- one sum, one headline rule


def test_people_reached_is_one_row_or_one_row_per_group(classified):
    rows = reach.counted(
        classified(
            [
                {"new": 10, "dest": 6, "transit": 4},
                {"new": 5, "dest": 5, "country": "PER"},
            ]
        )
    )
    whole = reach.people_reached(rows)
    assert list(whole.index) == ["all"]
    assert whole.at["all", "total"] == 15  # 10 + 5
    assert whole.at["all", "in_transit"] == 4
    by = reach.people_reached(rows, by="country")
    assert by.loc["COL", "total"] == 10 and by.loc["PER", "total"] == 5
    assert by.loc["COL", "not_disaggregated"] == 0  # 10 - (6 + 4)
    assert reach.reached_totals(rows) == {k: float(v) for k, v in whole.iloc[0].items()}


def test_headline_people_leave_in_transit_out_for_the_region_only(classified):
    rows = reach.counted(classified([{"new": 10, "transit": 4}, {"new": 5}]))
    assert reach.headline_people(rows, "region").tolist() == [6, 5]  # 10 - 4, 5 - 0
    assert reach.headline_people(rows, "COL").tolist() == [10, 5]
    assert reach.headline_people(rows, "caribbean").tolist() == [10, 5]
    assert not reach.counts_in_transit("region")
    assert reach.counts_in_transit("caribbean") and reach.counts_in_transit("COL")


# ---------------------------------------------------------------- the fast classification


def _messy(activities: pd.DataFrame) -> pd.DataFrame:
    """Missing countries, sectors and indicators, another spelling of a sector, shuffled."""
    df = activities.sample(frac=1, random_state=3).copy()
    df.loc[df.index[::7], "country"] = np.nan
    df.loc[df.index[::5], "sector"] = np.nan
    df.loc[df.index[::11], "indicator"] = np.nan
    df.loc[df.index[1::9], "sector"] = "PROTECTION  (general)"
    return df


def _joined(rows: pd.DataFrame, ref: pd.DataFrame) -> pd.DataFrame:
    """The plain pandas join `reach.classify` replaces: the reference it must equal."""
    left = rows.assign(_s=rows["sector"].map(name_key), _i=rows["indicator"].map(name_key))
    out = left.merge(ref, on=["_s", "_i"], how="left", indicator="_m")
    out["known_indicator"] = out["_m"] == "both"
    out["counts_as_people"] = out["counts_as_people"].fillna(False).astype(bool)
    out.index = rows.index
    return out.drop(columns=["_s", "_i", "_m"])


@pytest.mark.parametrize("frame", ["sample", "messy", "empty"])
def test_classify_is_the_join_it_replaces(sample_dataset, frame):
    sample = sample_dataset
    rows = {
        "sample": sample.activities,
        "messy": _messy(sample.activities),
        "empty": sample.activities.iloc[:0],
    }[frame]
    ref = sample.indicators.assign(
        _s=sample.indicators["sector"].map(name_key),
        _i=sample.indicators["indicator"].map(name_key),
    ).drop_duplicates(["_s", "_i"])[["_s", "_i", "indicator_type", "counts_as_people"]]
    fast = reach.classify(rows, sample.indicators)
    pd.testing.assert_frame_equal(fast, _joined(rows, ref), check_exact=True)
    # classifying classified rows again replaces the three columns (no _x/_y copies)
    pd.testing.assert_frame_equal(reach.classify(fast, sample.indicators), fast)
    for sector in ("Protection (General)", "nothing"):
        picked = reach.sector_rows(rows, sector)
        keep = (
            rows["sector"]
            .map({v: name_key(v) == name_key(sector) for v in pd.unique(rows["sector"])})
            .astype(bool)
        )
        pd.testing.assert_frame_equal(picked, rows[keep])
    pd.testing.assert_frame_equal(reach.counted(fast), fast[fast["counts_as_people"]])
