"""Funding received by scope (METHOD.md "Funding"): FTS's counted flows attributed to
countries, the regional / multi-country bucket, platforms as sums of their countries,
donors as a distinct count, and coverage; on the hand-worked extract (`hand_flows`: the
table is in tests/unit/conftest.py), every expected figure worked out from that table.
"""

from __future__ import annotations

import math

from helpers.core import geography
from helpers.figures.funding import (
    coverage,
    donors,
    funding_by_country,
    recipient_key,
    regional_funding,
    scope_flows,
)
from helpers.inputs.fts import MULTIPLE_SECTORS, counted_flows, fts_totals, load_fts

HTS = "Protection (Human Trafficking and Smuggling)"


def test_incoming_only(hand_flows):
    # flow 4 (outgoing, 700 to Colombia) never counts: Colombia gets flow 1 only
    assert "4" not in set(counted_flows(hand_flows)["flow_id"])
    assert funding_by_country(hand_flows, HTS)["COL"] == 1000.0
    # a flow without any boundary (e.g. a CSV lacking the column) is taken as incoming
    no_boundary = hand_flows.assign(boundary=None)
    assert "4" in set(counted_flows(no_boundary)["flow_id"])


def test_never_pledges(hand_flows):
    # flow 3 is a pledge by status: Ecuador gets nothing for the sector
    assert "3" not in set(counted_flows(hand_flows)["flow_id"])
    assert funding_by_country(hand_flows, HTS)["ECU"] == 0.0
    # a pledge flagged by flow type instead of status is excluded too
    by_type = hand_flows.copy()
    by_type.loc[by_type["flow_id"] == "1", "flow_type"] = "Pledge"
    assert funding_by_country(by_type, HTS)["COL"] == 0.0
    assert fts_totals(by_type)["pledgeTotal"] == 300 + 1000


def test_on_boundary_single_only(hand_flows):
    # flow 2 (shared, 500 to Peru) does not count; Peru's HTS funding is 0
    assert "2" not in set(counted_flows(hand_flows)["flow_id"])
    assert funding_by_country(hand_flows, HTS)["PER"] == 0.0
    # without onBoundary at all every incoming non-pledge flow counts: 2000 + 500 = 2500
    assert fts_totals(hand_flows.assign(on_boundary=None))["fundingTotal"] == 2500


def test_exactly_one_location_else_regional_bucket(tmp_path, hand_flows, fts_flow, fts_page):
    # HTS by country: COL 1000 (flow 1), ABW 250 (flow 7), CUW 150 (flow 8)
    by_country = funding_by_country(hand_flows, HTS)
    assert list(by_country.index) == list(geography.COUNTRIES)
    assert len(by_country) == 17
    assert by_country.to_dict() == {iso: 0.0 for iso in geography.COUNTRIES} | {
        "COL": 1000.0,
        "ABW": 250.0,
        "CUW": 150.0,
    }
    # flow 5 names Colombia and Ecuador: regional bucket, 200
    assert regional_funding(hand_flows, HTS) == 200.0
    # 'Regional', or no location: the regional bucket too; a single country outside the 17
    # (Venezuela) is not the response's funding: in no budget, and a warning with its amount
    flows, findings = load_fts(
        [
            fts_page(
                tmp_path / "p.json",
                [
                    fts_flow(
                        1, 30, "D", ["Venezuela (Bolivarian Republic of)"], clusters=["Education"]
                    ),
                    fts_flow(2, 20, "D", ["Regional"], clusters=["Education"]),
                    fts_flow(3, 10, "D", [], clusters=["Education"]),
                    fts_flow(4, 5, "D", ["Perú"], clusters=["Education"]),
                ],
            )
        ]
    )
    assert flows["country"].tolist() == [None, None, None, "PER"]
    assert flows["destination"].tolist() == ["VEN", None, None, "PER"]
    # 20 + 10 = 30 regional, 5 to Peru, Venezuela's 30 in no budget
    assert regional_funding(flows, "Education") == 30.0
    assert funding_by_country(flows, "Education").sum() == 5.0
    (outside,) = [f for f in findings if f.check == "fts_location_outside_response"]
    assert outside.severity == "warning" and outside.sector == "Education"
    assert outside.params == {"location": "Venezuela", "flows": 1, "amount_usd": 30.0}
    assert "USD 30" in outside.message


def test_platform_is_the_sum_of_its_countries(hand_flows):
    by_country = funding_by_country(hand_flows, HTS)

    def platform(pid):
        return sum(by_country[iso] for iso in geography.PLATFORMS[pid].countries)

    # Caribbean = Aruba 250 + Curaçao 150 = 400; Colombia 1000; the regional 200 goes nowhere
    assert platform("caribbean") == 400.0
    assert platform("colombia") == 1000.0
    assert platform("southern-cone") == 0.0
    assert sum(platform(pid) for pid in geography.PLATFORMS) == 1400.0
    # region = platforms + regional bucket = 1400 + 200 = 1600 (sector HTS only)
    assert (
        sum(platform(pid) for pid in geography.PLATFORMS) + regional_funding(hand_flows, HTS)
        == 1600.0
    )


def test_sector_by_cluster_and_name_folding(hand_flows):
    # only flow 6 is Education: Peru 400
    assert funding_by_country(hand_flows, "Education")["PER"] == 400.0
    assert funding_by_country(hand_flows, "education").sum() == 400.0
    # the 2021 spelling of the sector name compares equal after folding '&'/'and', case
    assert (
        funding_by_country(hand_flows, "protection (human trafficking & smuggling)").sum() == 1400.0
    )
    assert funding_by_country(hand_flows, "Health").sum() == 0.0


def test_multi_sector_and_unmapped_clusters(tmp_path, fts_flow, fts_page):
    flows, findings = load_fts(
        [
            fts_page(
                tmp_path / "p.json",
                [
                    fts_flow(
                        1,
                        100,
                        "D",
                        ["Peru"],
                        clusters=["Human Trafficking & Smuggling", "Education"],
                    ),
                    fts_flow(2, 100, "D", ["Peru"], clusters=["Multi-sector"]),
                    fts_flow(
                        3,
                        100,
                        "D",
                        ["Peru"],
                        clusters=[
                            "HUMAN TRAFFICKING AND SMUGGLING",
                            "Protection (Human Trafficking & Smuggling)",
                        ],
                    ),
                ],
            )
        ]
    )
    assert flows["sector"].tolist() == [MULTIPLE_SECTORS, None, HTS]
    # the shared flow counts for neither sector: HTS gets flow 3 only, Education nothing
    assert funding_by_country(flows, HTS)["PER"] == 100.0
    assert funding_by_country(flows, "Education")["PER"] == 0.0
    unmapped = [f for f in findings if f.check == "fts_unmapped_cluster"]
    assert len(unmapped) == 1 and "'Multi-sector'" in unmapped[0].message


def test_donors_distinct(hand_flows):
    # Colombia alone: flow 1 (Donor A); flow 4's Donor O is outgoing
    assert donors(hand_flows, HTS, ["COL"], include_regional=False) == {"Donor A"}
    # + regional bucket: flow 5's 'donor a' is the same donor once case is folded
    assert donors(hand_flows, HTS, ["COL"], include_regional=True) == {"Donor A"}
    # Caribbean: flows 7 and 8 are both Donor B: one donor, not two
    caribbean = list(geography.PLATFORMS["caribbean"].countries)
    assert donors(hand_flows, HTS, caribbean, include_regional=False) == {"Donor B"}
    # all countries: A and B; never S (shared), P (pledge), O (outgoing); E is Education
    everyone = donors(hand_flows, HTS, None, include_regional=True)
    assert everyone == {"Donor A", "Donor B"}
    # a distinct count, not a sum of country counts: COL 1 + ABW 1 + CUW 1 = 3, region 2
    per_country = sum(len(donors(hand_flows, HTS, [iso], False)) for iso in geography.COUNTRIES)
    assert per_country == 3 and len(everyone) == 2
    assert donors(hand_flows, "Education", ["PER"], include_regional=False) == {"Donor E"}


def test_coverage():
    assert coverage(400.0, 1600.0) == 0.25
    assert coverage(0.0, 100.0) == 0.0
    assert coverage(150.0, 100.0) == 1.5
    for missing in (None, 0, 0.0, float("nan"), math.nan):
        assert coverage(400.0, missing) is None
    assert coverage(None, 100.0) is None


def test_coverage_needs_a_requirement():
    # (was lessons.coverage: the one coverage is figures.funding's)
    assert coverage(50, 200) == 0.25
    assert coverage(50, 0) is None
    assert coverage(50, None) is None
    assert coverage(None, 100) is None


def test_scope_flows_are_the_sectors_counted_flows_to_its_countries(hand_flows):
    # HTS counted flows: 1 (COL), 5 (Colombia + Ecuador: regional), 7 (ABW), 8 (CUW)
    assert sorted(scope_flows(hand_flows, HTS, ["COL"])["flow_id"]) == ["1"]
    assert sorted(scope_flows(hand_flows, HTS, ["COL"], include_regional=True)["flow_id"]) == [
        "1",
        "5",
    ]
    assert sorted(scope_flows(hand_flows, HTS)["flow_id"]) == ["1", "7", "8"]  # all 17
    assert sorted(scope_flows(hand_flows, "Education", ["PER"])["flow_id"]) == ["6"]


def test_recipient_key_ignores_a_trailing_acronym_in_brackets():
    assert recipient_key("International Organization for Migration (IOM)") == recipient_key(
        "international  organization for migration"
    )
    assert recipient_key("Save & Protect") == recipient_key("save and protect")
    assert recipient_key("(IOM)") == recipient_key("(iom)")  # nothing else to compare
