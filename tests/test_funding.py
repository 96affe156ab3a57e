"""Funding (OCHA FTS flows): the METHOD.md rules on hand-worked flows, and the real pages.

The hand-worked extract (`hand_flows`) has eight flows; every expected figure below is
worked out from that table, not from the code:

    id  USD   donor    destination        cluster                 boundary/onBoundary status
    1   1000  Donor A  Colombia           HTS (plan cluster)      incoming/single     paid
    2    500  Donor S  Peru               HTS                     incoming/shared     paid
    3    300  Donor P  Ecuador            HTS                     incoming/single     pledge
    4    700  Donor O  Colombia           HTS                     outgoing/single     paid
    5    200  donor a  Colombia + Ecuador HTS                     incoming/single     commitment
    6    400  Donor E  Peru               Education               incoming/single     paid
    7    250  Donor B  Aruba              HTS                     incoming/single     paid
    8    150  Donor B  Curaçao            HTS (global cluster)    incoming/single     paid

Counted (incoming, single, not a pledge): 1, 5, 6, 7, 8.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from helpers import geography
from helpers.errors import InputError
from helpers.funding import (
    MULTIPLE_SECTORS,
    REGIONAL_BUCKET,
    counted_flows,
    coverage,
    donors,
    fts_totals,
    funding_by_country,
    load_cluster_map,
    load_fts,
    regional_funding,
)
from helpers.schemas import FLOW_COLUMNS

HTS = "Protection (Human Trafficking and Smuggling)"
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FTS = DATA / "fts"
PAGES = [FTS / f"flows_location114_2020-page-{i}.json" for i in (1, 2, 3)]
HDX = FTS / "hdx_incoming_funding_jor.csv"


# ---------------------------------------------------------------- building tiny extracts


def api_flow(fid, amount, donor, locations, *, clusters=(), global_clusters=(),
             boundary="incoming", on_boundary="single", status="paid", flow_type="Standard",
             version=1):
    """One flow shaped like a real FTS API page entry (see shared/data/fts)."""
    src = [
        {"type": "Organization", "id": "10", "name": donor, "behavior": "single"},
        {"type": "UsageYear", "id": "45", "name": "2023", "behavior": "single"},
    ]
    dst = [{"type": "Organization", "id": "20", "name": "UNHCR", "behavior": "single"}]
    dst += [{"type": "Location", "id": "1", "name": n, "behavior": "single"} for n in locations]
    dst += [{"type": "Plan", "id": "1133", "name": "RMRP 2023", "behavior": "single"}]
    dst += [{"type": "Cluster", "id": "2", "name": n, "behavior": "single"} for n in clusters]
    dst += [{"type": "GlobalCluster", "id": "3", "name": n, "behavior": "single"}
            for n in global_clusters]
    return {"id": str(fid), "versionId": version, "amountUSD": amount, "flowType": flow_type,
            "status": status, "boundary": boundary, "onBoundary": on_boundary,
            "date": "2023-05-01T00:00:00Z", "sourceObjects": src, "destinationObjects": dst}


def write_page(path: Path, flows, *, count=None, incoming=None, next_link=None) -> Path:
    meta = {"language": "en"}
    if count is not None:
        meta["count"] = count
    if next_link:
        meta["nextLink"] = next_link
    data = {"flows": flows}
    if incoming is not None:
        data["incoming"] = incoming
    path.write_text(json.dumps({"status": 200, "data": data, "meta": meta}), encoding="utf-8")
    return path


HAND = [
    api_flow(1, 1000, "Donor A", ["Colombia"], clusters=["Human Trafficking & Smuggling"]),
    api_flow(2, 500, "Donor S", ["Peru"], clusters=["Human Trafficking & Smuggling"],
             on_boundary="shared"),
    api_flow(3, 300, "Donor P", ["Ecuador"], clusters=["Human Trafficking & Smuggling"],
             status="pledge"),
    api_flow(4, 700, "Donor O", ["Colombia"], clusters=["Human Trafficking & Smuggling"],
             boundary="outgoing"),
    api_flow(5, 200, "donor a", ["Colombia", "Ecuador"],
             clusters=["Human Trafficking & Smuggling"], status="commitment"),
    api_flow(6, 400, "Donor E", ["Peru"], clusters=["Education"]),
    api_flow(7, 250, "Donor B", ["Aruba"], clusters=["Human Trafficking & Smuggling"]),
    api_flow(8, 150, "Donor B", ["Curaçao"],
             global_clusters=["Protection - Human Trafficking & Smuggling"]),
]


@pytest.fixture
def hand_flows(tmp_path) -> pd.DataFrame:
    flows, findings = load_fts([write_page(tmp_path / "page-1.json", HAND)])
    return flows


@pytest.fixture
def fts_dir() -> Path:
    if not FTS.is_dir():
        pytest.skip("../shared/data is absent (fresh clone): real FTS samples not available")
    return FTS


# ---------------------------------------------------------------- the table


def test_loader_returns_the_canonical_flow_table(hand_flows):
    assert list(hand_flows.columns) == FLOW_COLUMNS
    assert len(hand_flows) == 8
    one = hand_flows.set_index("flow_id").loc["1"]
    assert one["amount_usd"] == 1000.0
    assert one["source_org"] == "Donor A"
    assert one["dest_org"] == "UNHCR"
    assert one["dest_locations"] == "Colombia"
    assert one["country"] == "COL"
    assert one["dest_cluster"] == "Human Trafficking & Smuggling"
    assert one["sector"] == HTS
    assert one["date"] == "2023-05-01"
    assert one["source_file"] == "page-1.json"
    five = hand_flows.set_index("flow_id").loc["5"]
    assert five["dest_locations"] == "Colombia|Ecuador"
    assert five["country"] is None


def test_plan_cluster_preferred_global_cluster_as_fallback(tmp_path):
    flows, _ = load_fts([write_page(tmp_path / "p.json", [
        # plan cluster wins over the global one
        api_flow(1, 10, "D", ["Peru"], clusters=["Human Trafficking and Smuggling"],
                 global_clusters=["Protection"]),
        # no plan cluster: the global cluster is used
        api_flow(2, 10, "D", ["Peru"], global_clusters=["Protection"]),
    ])])
    by_id = flows.set_index("flow_id")
    assert by_id.loc["1", "dest_cluster"] == "Human Trafficking and Smuggling"
    assert by_id.loc["1", "sector"] == HTS
    assert by_id.loc["2", "dest_cluster"] == "Protection"
    assert by_id.loc["2", "sector"] == "Protection (General)"


# ---------------------------------------------------------------- METHOD.md rules


def test_fts_totals_hand_worked(hand_flows):
    totals = fts_totals(hand_flows)
    # fundingTotal: counted flows 1 + 5 + 6 + 7 + 8 = 1000 + 200 + 400 + 250 + 150 = 2000
    assert totals["fundingTotal"] == 2000
    # pledgeTotal: incoming/single pledges = flow 3 = 300
    assert totals["pledgeTotal"] == 300
    # flowCount: every incoming flow, shared and pledge included = all but flow 4 = 7
    assert totals["flowCount"] == 7
    assert isinstance(totals["fundingTotal"], int)
    # by location: single location by name, flow 5 (two countries) in the regional bucket
    assert totals["by_location"] == {
        "Aruba": {"fundingTotal": 250, "pledgeTotal": 0, "flowCount": 1},
        "Colombia": {"fundingTotal": 1000, "pledgeTotal": 0, "flowCount": 1},  # 4 is outgoing
        "Curaçao": {"fundingTotal": 150, "pledgeTotal": 0, "flowCount": 1},
        "Ecuador": {"fundingTotal": 0, "pledgeTotal": 300, "flowCount": 1},
        "Peru": {"fundingTotal": 400, "pledgeTotal": 0, "flowCount": 2},  # 2 shared + 6
        REGIONAL_BUCKET: {"fundingTotal": 200, "pledgeTotal": 0, "flowCount": 1},
    }
    # the parts add up to the whole
    for key in ("fundingTotal", "pledgeTotal", "flowCount"):
        assert sum(v[key] for v in totals["by_location"].values()) == totals[key]


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


def test_counted_flows_exact_set(hand_flows):
    assert sorted(counted_flows(hand_flows)["flow_id"]) == ["1", "5", "6", "7", "8"]


def test_exactly_one_location_else_regional_bucket(tmp_path, hand_flows):
    # HTS by country: COL 1000 (flow 1), ABW 250 (flow 7), CUW 150 (flow 8)
    by_country = funding_by_country(hand_flows, HTS)
    assert list(by_country.index) == list(geography.COUNTRIES)
    assert len(by_country) == 17
    assert by_country.to_dict() == {iso: 0.0 for iso in geography.COUNTRIES} | {
        "COL": 1000.0, "ABW": 250.0, "CUW": 150.0}
    # flow 5 names Colombia and Ecuador: regional bucket, 200
    assert regional_funding(hand_flows, HTS) == 200.0
    # a single location outside the 17, or 'Regional', or none: regional bucket too
    flows, findings = load_fts([write_page(tmp_path / "p.json", [
        api_flow(1, 30, "D", ["Venezuela (Bolivarian Republic of)"], clusters=["Education"]),
        api_flow(2, 20, "D", ["Regional"], clusters=["Education"]),
        api_flow(3, 10, "D", [], clusters=["Education"]),
        api_flow(4, 5, "D", ["Perú"], clusters=["Education"]),
    ])])
    assert flows["country"].tolist() == [None, None, None, "PER"]
    # 30 + 20 + 10 = 60 regional, 5 to Peru
    assert regional_funding(flows, "Education") == 60.0
    assert funding_by_country(flows, "Education").sum() == 5.0
    assert any(f.check == "fts_location_outside_response" and "Venezuela" in f.message
               for f in findings)


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
    assert sum(platform(pid) for pid in geography.PLATFORMS) + regional_funding(
        hand_flows, HTS) == 1600.0


def test_sector_by_cluster_and_name_folding(hand_flows):
    # only flow 6 is Education: Peru 400
    assert funding_by_country(hand_flows, "Education")["PER"] == 400.0
    assert funding_by_country(hand_flows, "education").sum() == 400.0
    # the 2021 spelling of the sector name compares equal after folding '&'/'and', case
    assert funding_by_country(
        hand_flows, "protection (human trafficking & smuggling)").sum() == 1400.0
    assert funding_by_country(hand_flows, "Health").sum() == 0.0


def test_multi_sector_and_unmapped_clusters(tmp_path):
    flows, findings = load_fts([write_page(tmp_path / "p.json", [
        api_flow(1, 100, "D", ["Peru"], clusters=["Human Trafficking & Smuggling", "Education"]),
        api_flow(2, 100, "D", ["Peru"], clusters=["Multi-sector"]),
        api_flow(3, 100, "D", ["Peru"], clusters=["HUMAN TRAFFICKING AND SMUGGLING",
                                                   "Protection (Human Trafficking & Smuggling)"]),
    ])])
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


# ---------------------------------------------------------------- duplicates and extracts


def test_same_flow_on_two_pages_counts_once(tmp_path):
    p1 = write_page(tmp_path / "p1.json", HAND[:5])
    p2 = write_page(tmp_path / "p2.json", HAND[4:])  # flow 5 is on both pages
    flows, findings = load_fts([p1, p2])
    assert len(flows) == 8
    assert fts_totals(flows)["fundingTotal"] == 2000  # not 2200
    dup = [f for f in findings if f.check == "fts_duplicate_flow"]
    assert len(dup) == 1 and dup[0].severity == "info" and "1 flow(s) (5)" in dup[0].message


def test_same_id_with_other_boundary_is_another_row(tmp_path):
    # FTS lists a flow once per boundary it crosses: id 9 incoming/single and
    # incoming/shared are two rows; only the single one counts (100, not 200)
    flows, findings = load_fts([write_page(tmp_path / "p.json", [
        api_flow(9, 100, "D", ["Peru"], clusters=["Education"]),
        api_flow(9, 100, "D", ["Peru"], clusters=["Education"], on_boundary="shared"),
        api_flow(9, 100, "D", ["Peru"], clusters=["Education"], boundary="internal"),
    ])])
    assert len(flows) == 3
    assert fts_totals(flows) == {
        "fundingTotal": 100, "pledgeTotal": 0, "flowCount": 2,
        "by_location": {"Peru": {"fundingTotal": 100, "pledgeTotal": 0, "flowCount": 2}}}
    assert not [f for f in findings if f.check == "fts_duplicate_flow"]


def test_newer_version_of_a_flow_wins(tmp_path):
    p1 = write_page(tmp_path / "p1.json", [api_flow(7, 100, "D", ["Peru"], version=1)])
    p2 = write_page(tmp_path / "p2.json", [api_flow(7, 120, "D", ["Peru"], version=2)])
    for order in ([p1, p2], [p2, p1]):
        flows, findings = load_fts(order)
        assert flows["amount_usd"].tolist() == [120.0]
        assert [f.severity for f in findings if f.check == "fts_duplicate_flow"] == ["warning"]


def test_extract_checks_against_fts_own_totals(tmp_path):
    # an extract of 3 flows in two pages; FTS says 1000 + 200 = 1200 funded, 300 pledged,
    # 4 incoming... but there are only 3 incoming flows (1, 3, 5): flowCount 3
    flows = [HAND[0], HAND[2], HAND[4]]
    good = {"fundingTotal": 1200, "pledgeTotal": 300, "flowCount": 3}
    p1 = write_page(tmp_path / "a1.json", flows[:2], count=3, incoming=good, next_link="x")
    p2 = write_page(tmp_path / "a2.json", flows[2:], count=3, incoming=good)
    _, findings = load_fts([p1, p2])
    assert not [f for f in findings if f.severity == "warning"]
    # page 2 missing: the extract is incomplete
    _, findings = load_fts([p1])
    assert [f.check for f in findings if f.severity == "warning"] == ["fts_incomplete_extract"]
    # totals that the flows do not reproduce
    bad = dict(good, fundingTotal=999)
    q1 = write_page(tmp_path / "b1.json", flows[:2], count=3, incoming=bad)
    q2 = write_page(tmp_path / "b2.json", flows[2:], count=3, incoming=bad)
    _, findings = load_fts([q1, q2])
    mismatch = [f for f in findings if f.check == "fts_total_mismatch"]
    assert len(mismatch) == 1 and "1,200 here vs 999" in mismatch[0].message


# ---------------------------------------------------------------- HDX CSV


HDX_HEADER = ["date", "amountUSD", "srcOrganization", "destOrganization",
              "destGlobalClusters", "destLocations", "flowType", "boundary", "onBoundary",
              "status", "id"]


def write_csv(path: Path, rows, header=HDX_HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_hdx_csv_same_rules(tmp_path):
    # the hand extract again, as HDX flattens it (ISO3 locations, comma-joined)
    rows = [
        ["2023-05-01", "1000", "Donor A", "UNHCR", "Protection - Human Trafficking & Smuggling",
         "COL", "Standard", "incoming", "single", "paid", "1"],
        ["2023-05-01", "500", "Donor S", "UNHCR", "Protection - Human Trafficking & Smuggling",
         "PER", "Standard", "incoming", "shared", "paid", "2"],
        ["2023-05-01", "300", "Donor P", "UNHCR", "Protection - Human Trafficking & Smuggling",
         "ECU", "Standard", "incoming", "single", "pledge", "3"],
        ["2023-05-01", "200", "donor a", "UNHCR", "Protection - Human Trafficking & Smuggling",
         "COL,ECU", "Standard", "incoming", "single", "commitment", "5"],
        ["2023-05-01", "400", "Donor E", "UNHCR", "Education", "PER", "Standard", "incoming",
         "single", "paid", "6"],
    ]
    flows, findings = load_fts([write_csv(tmp_path / "hdx.csv", rows)])
    assert list(flows.columns) == FLOW_COLUMNS
    # counted: 1 + 5 + 6 = 1000 + 200 + 400 = 1600; pledge 300; incoming flows 5
    totals = fts_totals(flows)
    assert (totals["fundingTotal"], totals["pledgeTotal"], totals["flowCount"]) == (1600, 300, 5)
    assert flows["dest_locations"].tolist() == ["COL", "PER", "ECU", "COL|ECU", "PER"]
    assert flows["country"].tolist() == ["COL", "PER", "ECU", None, "PER"]
    assert funding_by_country(flows, HTS)["COL"] == 1000.0
    assert regional_funding(flows, HTS) == 200.0
    assert any(f.check == "fts_hdx_locations" for f in findings)


def test_hdx_csv_skips_hxl_row_and_numbers_rows(tmp_path):
    rows = [
        ["#date", "#value+funding+total+usd", "#org+name+funder", "#org+name+impl",
         "#sector+cluster+name", "#country+code", "#x", "#x", "#x", "#status", "#activity+id"],
        ["2023-05-01", "10", "D", "U", "Education", "PER", "Standard", "incoming", "single",
         "paid", "1"],
        ["2023-05-01", "ten", "D", "U", "Education", "PER", "Standard", "incoming", "single",
         "paid", "2"],
    ]
    with pytest.raises(InputError) as err:
        load_fts([write_csv(tmp_path / "hxl.csv", rows)])
    # header row 1, HXL row 2, first flow row 3: the bad amount is on row 4
    assert "hxl.csv" in str(err.value)
    assert err.value.row == 4 and err.value.column == "amountUSD"
    flows, _ = load_fts([write_csv(tmp_path / "ok.csv", rows[:2])])
    assert flows["amount_usd"].tolist() == [10.0]


# ---------------------------------------------------------------- the cluster map


def test_cluster_map_shipped():
    cmap = load_cluster_map()
    assert list(cmap.columns) == ["fts_cluster", "sector"]
    mapping = dict(zip(cmap["fts_cluster"], cmap["sector"], strict=True))
    for name in ("Protection - Human Trafficking & Smuggling", "Human Trafficking and Smuggling",
                 "Human Trafficking & Smuggling", "Protection (Human Trafficking and Smuggling)"):
        assert mapping[name] == HTS
    expected = {
        "Protection": "Protection (General)",
        "Child Protection": "Protection (Child Protection)",
        "Gender-Based Violence": "Protection (GBV)",
        "Education": "Education",
        "Health": "Health",
        "Food Security": "Food Security",
        "Shelter": "Shelter",
        "WASH": "WASH",
        "Integration": "Integration",
        "Humanitarian Transportation": "Humanitarian Transportation",
        "Multipurpose Cash Assistance": "Multipurpose Cash Assistance (MPC)",
        "Nutrition": "Nutrition",
        "Coordination and support services": "Common Services",
    }
    for cluster, sector in expected.items():
        assert mapping[cluster] == sector


def test_cluster_names_compare_folded(tmp_path):
    # '&'/'and', case, accents, spaces and punctuation do not matter
    flows, _ = load_fts([write_page(tmp_path / "p.json", [
        api_flow(1, 1, "D", ["Peru"], clusters=["  protection -  HUMAN trafficking and smuggling"]),
        api_flow(2, 1, "D", ["Peru"], clusters=["Gender Based Violence"]),
        api_flow(3, 1, "D", ["Peru"], clusters=["Educación"]),
    ])])
    assert flows["sector"].tolist() == [HTS, "Protection (GBV)", None]
    custom = pd.DataFrame({"fts_cluster": ["Educacion"], "sector": ["Education"]})
    flows, _ = load_fts([tmp_path / "p.json"], cluster_map=custom)
    assert flows["sector"].tolist() == [None, None, "Education"]


def test_cluster_map_conflict_is_an_input_error(tmp_path):
    path = tmp_path / "map.csv"
    path.write_text("fts_cluster,sector\nProtection,Protection (General)\n"
                    "PROTECTION,Education\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_cluster_map(path)
    assert "map.csv" in str(err.value) and err.value.row == 3


# ---------------------------------------------------------------- bad input


def test_non_json_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("<html>rate limited</html>", encoding="utf-8")
    with pytest.raises(InputError, match="broken.json"):
        load_fts([path])


def test_json_without_data_flows(tmp_path):
    path = tmp_path / "summary.json"
    path.write_text(json.dumps({"data": {"report1": {}}}), encoding="utf-8")
    with pytest.raises(InputError, match="summary.json.*data.flows"):
        load_fts([path])


def test_json_flow_missing_field_names_the_flow_index(tmp_path):
    bad = api_flow(2, 10, "D", ["Peru"])
    del bad["destinationObjects"]
    path = write_page(tmp_path / "p.json", [api_flow(1, 10, "D", ["Peru"]), bad])
    with pytest.raises(InputError, match=r"p.json.*data.flows\[1\].*destinationObjects"):
        load_fts([path])


def test_json_text_amount(tmp_path):
    path = write_page(tmp_path / "p.json", [api_flow(1, "a lot", "D", ["Peru"])])
    with pytest.raises(InputError, match=r"p.json.*data.flows\[0\].*not a number"):
        load_fts([path])


def test_csv_missing_amount_column(tmp_path):
    header = [h for h in HDX_HEADER if h != "amountUSD"]
    path = write_csv(tmp_path / "no_amount.csv", [["2023-05-01"] * len(header)], header)
    with pytest.raises(InputError) as err:
        load_fts([path])
    assert "no_amount.csv" in str(err.value) and err.value.column == "amountUSD"


def test_csv_text_amount(tmp_path):
    rows = [["2023-05-01", "1000", "D", "U", "Education", "PER", "Standard", "incoming",
             "single", "paid", "1"],
            ["2023-05-01", "USD 5k", "D", "U", "Education", "PER", "Standard", "incoming",
             "single", "paid", "2"]]
    with pytest.raises(InputError) as err:
        load_fts([write_csv(tmp_path / "amounts.csv", rows)])
    message = str(err.value)
    assert "amounts.csv" in message and "row 3" in message and "amountUSD" in message


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="nowhere.json"):
        load_fts([tmp_path / "nowhere.json"])


def test_no_files_no_flows():
    flows, findings = load_fts([])
    assert list(flows.columns) == FLOW_COLUMNS and flows.empty and findings == []
    assert fts_totals(flows) == {"fundingTotal": 0, "pledgeTotal": 0, "flowCount": 0,
                                 "by_location": {}}
    assert funding_by_country(flows, HTS).sum() == 0.0


# ---------------------------------------------------------------- the real FTS samples


def test_real_pages_reproduce_fts_own_totals(fts_dir):
    flows, findings = load_fts(PAGES)
    totals = fts_totals(flows)
    assert totals["fundingTotal"] == 714246261
    assert totals["pledgeTotal"] == 81128
    assert totals["flowCount"] == 440
    # ... which are exactly what every page states in data.incoming
    for page in PAGES:
        incoming = json.loads(page.read_text(encoding="utf-8"))["data"]["incoming"]
        assert {k: totals[k] for k in incoming} == incoming
    # the extract is complete (meta.count 478) and reproduces FTS: no warning
    assert len(flows) == 478
    assert not [f for f in findings if f.severity == "warning"]
    assert counted_flows(flows)["amount_usd"].sum() == 714246261


def test_real_flow_count_is_every_incoming_flow(fts_dir):
    # independent reading: flowCount = flows with boundary 'incoming', whatever their
    # onBoundary or status (shared flows and the pledge included); 'internal' flows not
    raw = [f for p in PAGES for f in json.loads(p.read_text(encoding="utf-8"))["data"]["flows"]]
    incoming = [f for f in raw if f["boundary"] == "incoming"]
    assert len(incoming) == 440
    assert any(f["onBoundary"] == "shared" for f in incoming)
    assert any(f["status"] == "pledge" for f in incoming)
    funded = sum(f["amountUSD"] for f in incoming
                 if f["onBoundary"] == "single" and f["status"] != "pledge")
    assert funded == 714246261


def test_real_pages_twice_or_reordered_count_once(fts_dir):
    flows, findings = load_fts([PAGES[2], PAGES[0], PAGES[1], PAGES[0]])
    totals = fts_totals(flows)
    assert (totals["fundingTotal"], totals["pledgeTotal"], totals["flowCount"]) == (
        714246261, 81128, 440)
    assert any(f.check == "fts_duplicate_flow" for f in findings)


def test_real_missing_page_is_reported(fts_dir):
    _, findings = load_fts(PAGES[:2])
    assert "fts_incomplete_extract" in [f.check for f in findings]


def test_real_hdx_csv(fts_dir):
    flows, _ = load_fts([HDX])
    assert list(flows.columns) == FLOW_COLUMNS
    # independent reading with the csv module
    with HDX.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(flows) == len(rows) == 440
    expected = sum(int(r["amountUSD"]) for r in rows
                   if r["boundary"] == "incoming" and r["onBoundary"] == "single"
                   and r["status"] != "pledge")
    totals = fts_totals(flows)
    assert totals["fundingTotal"] == expected == 714246261
    assert totals["pledgeTotal"] == 81128 and totals["flowCount"] == 440
    # the same flows as the API pages' incoming boundary
    api = [f for p in PAGES for f in json.loads(p.read_text(encoding="utf-8"))["data"]["flows"]]
    assert set(flows["flow_id"]) == {str(f["id"]) for f in api if f["boundary"] == "incoming"}
    # Jordan is not an R4V country: everything is in the regional bucket
    assert flows["country"].isna().all()


def test_real_pages_and_hdx_together_count_once(fts_dir):
    flows, _ = load_fts([*PAGES, HDX])
    assert len(flows) == 478
    assert fts_totals(flows)["fundingTotal"] == 714246261
