"""FTS flows (OCHA FTS API pages and HDX CSV) read into one canonical table, FTS's own
totals reproduced, clusters mapped to sectors, duplicates and incomplete extracts found,
bad input named; on hand-worked extracts (`hand_flows`, `hand_extract`: the table is in
tests/unit/conftest.py) and on the real pages in ../shared/data/fts. Funding by country,
donors and coverage are tests/unit/figures/test_funding.py's.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from helpers.core.columns import FLOW_COLUMNS
from helpers.core.errors import InputError
from helpers.figures.funding import funding_by_country, regional_funding
from helpers.inputs.fts import (
    REGIONAL_BUCKET,
    counted_flows,
    fts_totals,
    load_cluster_map,
    load_fts,
)

HTS = "Protection (Human Trafficking and Smuggling)"


@pytest.fixture(scope="module")
def fts_dir(shared_data) -> Path:
    """The real FTS samples, ../shared/data/fts (skips when ../shared/data is absent)."""
    return shared_data / "fts"


@pytest.fixture(scope="module")
def real_pages(fts_dir) -> list[Path]:
    """The three real FTS API pages of one extract (location 114, 2020)."""
    return [fts_dir / f"flows_location114_2020-page-{i}.json" for i in (1, 2, 3)]


@pytest.fixture(scope="module")
def real_hdx(fts_dir) -> Path:
    """The real HDX CSV of the same flows (Jordan's incoming funding)."""
    return fts_dir / "hdx_incoming_funding_jor.csv"


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


def test_plan_cluster_preferred_global_cluster_as_fallback(tmp_path, fts_flow, fts_page):
    flows, _ = load_fts(
        [
            fts_page(
                tmp_path / "p.json",
                [
                    # plan cluster wins over the global one
                    fts_flow(
                        1,
                        10,
                        "D",
                        ["Peru"],
                        clusters=["Human Trafficking and Smuggling"],
                        global_clusters=["Protection"],
                    ),
                    # no plan cluster: the global cluster is used
                    fts_flow(2, 10, "D", ["Peru"], global_clusters=["Protection"]),
                ],
            )
        ]
    )
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


def test_counted_flows_exact_set(hand_flows):
    assert sorted(counted_flows(hand_flows)["flow_id"]) == ["1", "5", "6", "7", "8"]


# ---------------------------------------------------------------- duplicates and extracts


def test_same_flow_on_two_pages_counts_once(tmp_path, fts_page, hand_extract):
    p1 = fts_page(tmp_path / "p1.json", hand_extract[:5])
    p2 = fts_page(tmp_path / "p2.json", hand_extract[4:])  # flow 5 is on both pages
    flows, findings = load_fts([p1, p2])
    assert len(flows) == 8
    assert fts_totals(flows)["fundingTotal"] == 2000  # not 2200
    dup = [f for f in findings if f.check == "fts_duplicate_flow"]
    assert len(dup) == 1 and dup[0].severity == "info" and "1 flow(s) (5)" in dup[0].message


def test_same_id_with_other_boundary_is_another_row(tmp_path, fts_flow, fts_page):
    # FTS lists a flow once per boundary it crosses: id 9 incoming/single and
    # incoming/shared are two rows; only the single one counts (100, not 200)
    flows, findings = load_fts(
        [
            fts_page(
                tmp_path / "p.json",
                [
                    fts_flow(9, 100, "D", ["Peru"], clusters=["Education"]),
                    fts_flow(9, 100, "D", ["Peru"], clusters=["Education"], on_boundary="shared"),
                    fts_flow(9, 100, "D", ["Peru"], clusters=["Education"], boundary="internal"),
                ],
            )
        ]
    )
    assert len(flows) == 3
    assert fts_totals(flows) == {
        "fundingTotal": 100,
        "pledgeTotal": 0,
        "flowCount": 2,
        "by_location": {"Peru": {"fundingTotal": 100, "pledgeTotal": 0, "flowCount": 2}},
    }
    assert not [f for f in findings if f.check == "fts_duplicate_flow"]


def test_newer_version_of_a_flow_wins(tmp_path, fts_flow, fts_page):
    p1 = fts_page(tmp_path / "p1.json", [fts_flow(7, 100, "D", ["Peru"], version=1)])
    p2 = fts_page(tmp_path / "p2.json", [fts_flow(7, 120, "D", ["Peru"], version=2)])
    for order in ([p1, p2], [p2, p1]):
        flows, findings = load_fts(order)
        assert flows["amount_usd"].tolist() == [120.0]
        assert [f.severity for f in findings if f.check == "fts_duplicate_flow"] == ["warning"]


def test_extract_checks_against_fts_own_totals(tmp_path, fts_page, hand_extract):
    # an extract of 3 flows in two pages; FTS says 1000 + 200 = 1200 funded, 300 pledged,
    # 4 incoming... but there are only 3 incoming flows (1, 3, 5): flowCount 3
    flows = [hand_extract[0], hand_extract[2], hand_extract[4]]
    good = {"fundingTotal": 1200, "pledgeTotal": 300, "flowCount": 3}
    p1 = fts_page(tmp_path / "a1.json", flows[:2], count=3, incoming=good, next_link="x")
    p2 = fts_page(tmp_path / "a2.json", flows[2:], count=3, incoming=good)
    _, findings = load_fts([p1, p2])
    assert not [f for f in findings if f.severity == "warning"]
    # page 2 missing: the extract is incomplete
    _, findings = load_fts([p1])
    assert [f.check for f in findings if f.severity == "warning"] == ["fts_incomplete_extract"]
    # totals that the flows do not reproduce
    bad = dict(good, fundingTotal=999)
    q1 = fts_page(tmp_path / "b1.json", flows[:2], count=3, incoming=bad)
    q2 = fts_page(tmp_path / "b2.json", flows[2:], count=3, incoming=bad)
    _, findings = load_fts([q1, q2])
    mismatch = [f for f in findings if f.check == "fts_total_mismatch"]
    assert len(mismatch) == 1 and "1,200 here vs 999" in mismatch[0].message


# ---------------------------------------------------------------- real_hdx CSV


HDX_HEADER = [
    "date",
    "amountUSD",
    "srcOrganization",
    "destOrganization",
    "destGlobalClusters",
    "destLocations",
    "flowType",
    "boundary",
    "onBoundary",
    "status",
    "id",
]


def write_csv(path: Path, rows, header=HDX_HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_hdx_csv_same_rules(tmp_path):
    # the hand extract again, as real_hdx flattens it (ISO3 locations, comma-joined)
    rows = [
        [
            "2023-05-01",
            "1000",
            "Donor A",
            "UNHCR",
            "Protection - Human Trafficking & Smuggling",
            "COL",
            "Standard",
            "incoming",
            "single",
            "paid",
            "1",
        ],
        [
            "2023-05-01",
            "500",
            "Donor S",
            "UNHCR",
            "Protection - Human Trafficking & Smuggling",
            "PER",
            "Standard",
            "incoming",
            "shared",
            "paid",
            "2",
        ],
        [
            "2023-05-01",
            "300",
            "Donor P",
            "UNHCR",
            "Protection - Human Trafficking & Smuggling",
            "ECU",
            "Standard",
            "incoming",
            "single",
            "pledge",
            "3",
        ],
        [
            "2023-05-01",
            "200",
            "donor a",
            "UNHCR",
            "Protection - Human Trafficking & Smuggling",
            "COL,ECU",
            "Standard",
            "incoming",
            "single",
            "commitment",
            "5",
        ],
        [
            "2023-05-01",
            "400",
            "Donor E",
            "UNHCR",
            "Education",
            "PER",
            "Standard",
            "incoming",
            "single",
            "paid",
            "6",
        ],
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
        [
            "#date",
            "#value+funding+total+usd",
            "#org+name+funder",
            "#org+name+impl",
            "#sector+cluster+name",
            "#country+code",
            "#x",
            "#x",
            "#x",
            "#status",
            "#activity+id",
        ],
        [
            "2023-05-01",
            "10",
            "D",
            "U",
            "Education",
            "PER",
            "Standard",
            "incoming",
            "single",
            "paid",
            "1",
        ],
        [
            "2023-05-01",
            "ten",
            "D",
            "U",
            "Education",
            "PER",
            "Standard",
            "incoming",
            "single",
            "paid",
            "2",
        ],
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
    for name in (
        "Protection - Human Trafficking & Smuggling",
        "Human Trafficking and Smuggling",
        "Human Trafficking & Smuggling",
        "Protection (Human Trafficking and Smuggling)",
    ):
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


def test_cluster_names_compare_folded(tmp_path, fts_flow, fts_page):
    # '&'/'and', case, accents, spaces and punctuation do not matter
    flows, _ = load_fts(
        [
            fts_page(
                tmp_path / "p.json",
                [
                    fts_flow(
                        1,
                        1,
                        "D",
                        ["Peru"],
                        clusters=["  protection -  HUMAN trafficking and smuggling"],
                    ),
                    fts_flow(2, 1, "D", ["Peru"], clusters=["Gender Based Violence"]),
                    fts_flow(3, 1, "D", ["Peru"], clusters=["Educación"]),
                ],
            )
        ]
    )
    assert flows["sector"].tolist() == [HTS, "Protection (GBV)", None]
    custom = pd.DataFrame({"fts_cluster": ["Educacion"], "sector": ["Education"]})
    flows, _ = load_fts([tmp_path / "p.json"], cluster_map=custom)
    assert flows["sector"].tolist() == [None, None, "Education"]


def test_cluster_map_conflict_is_an_input_error(tmp_path):
    path = tmp_path / "map.csv"
    path.write_text(
        "fts_cluster,sector\nProtection,Protection (General)\nPROTECTION,Education\n",
        encoding="utf-8",
    )
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


def test_json_flow_missing_field_names_the_flow_index(tmp_path, fts_flow, fts_page):
    bad = fts_flow(2, 10, "D", ["Peru"])
    del bad["destinationObjects"]
    path = fts_page(tmp_path / "p.json", [fts_flow(1, 10, "D", ["Peru"]), bad])
    with pytest.raises(InputError, match=r"p.json.*data.flows\[1\].*destinationObjects"):
        load_fts([path])


def test_json_text_amount(tmp_path, fts_flow, fts_page):
    path = fts_page(tmp_path / "p.json", [fts_flow(1, "a lot", "D", ["Peru"])])
    with pytest.raises(InputError, match=r"p.json.*data.flows\[0\].*not a number"):
        load_fts([path])


def test_csv_missing_amount_column(tmp_path):
    header = [h for h in HDX_HEADER if h != "amountUSD"]
    path = write_csv(tmp_path / "no_amount.csv", [["2023-05-01"] * len(header)], header)
    with pytest.raises(InputError) as err:
        load_fts([path])
    assert "no_amount.csv" in str(err.value) and err.value.column == "amountUSD"


def test_csv_text_amount(tmp_path):
    rows = [
        [
            "2023-05-01",
            "1000",
            "D",
            "U",
            "Education",
            "PER",
            "Standard",
            "incoming",
            "single",
            "paid",
            "1",
        ],
        [
            "2023-05-01",
            "USD 5k",
            "D",
            "U",
            "Education",
            "PER",
            "Standard",
            "incoming",
            "single",
            "paid",
            "2",
        ],
    ]
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
    assert fts_totals(flows) == {
        "fundingTotal": 0,
        "pledgeTotal": 0,
        "flowCount": 0,
        "by_location": {},
    }
    assert funding_by_country(flows, HTS).sum() == 0.0


# ---------------------------------------------------------------- the real FTS samples


def test_real_pages_reproduce_fts_own_totals(real_pages):
    flows, findings = load_fts(real_pages)
    totals = fts_totals(flows)
    assert totals["fundingTotal"] == 714246261
    assert totals["pledgeTotal"] == 81128
    assert totals["flowCount"] == 440
    # ... which are exactly what every page states in data.incoming
    for page in real_pages:
        incoming = json.loads(page.read_text(encoding="utf-8"))["data"]["incoming"]
        assert {k: totals[k] for k in incoming} == incoming
    # the extract is complete (meta.count 478) and reproduces FTS: no warning about it
    assert len(flows) == 478
    assert not [f for f in findings if f.check.startswith(("fts_incomplete", "fts_total"))]
    # every flow goes to Jordan: not one of the 17, so in no budget, a warning per sector
    outside = [f for f in findings if f.check == "fts_location_outside_response"]
    assert outside and all(f.severity == "warning" for f in outside)
    assert {f.params["location"] for f in outside} == {"Jordan"}
    assert counted_flows(flows)["amount_usd"].sum() == 714246261


def test_real_flow_count_is_every_incoming_flow(real_pages):
    # independent reading: flowCount = flows with boundary 'incoming', whatever their
    # onBoundary or status (shared flows and the pledge included); 'internal' flows not
    raw = [
        f for p in real_pages for f in json.loads(p.read_text(encoding="utf-8"))["data"]["flows"]
    ]
    incoming = [f for f in raw if f["boundary"] == "incoming"]
    assert len(incoming) == 440
    assert any(f["onBoundary"] == "shared" for f in incoming)
    assert any(f["status"] == "pledge" for f in incoming)
    funded = sum(
        f["amountUSD"] for f in incoming if f["onBoundary"] == "single" and f["status"] != "pledge"
    )
    assert funded == 714246261


def test_real_pages_twice_or_reordered_count_once(real_pages):
    flows, findings = load_fts([real_pages[2], real_pages[0], real_pages[1], real_pages[0]])
    totals = fts_totals(flows)
    assert (totals["fundingTotal"], totals["pledgeTotal"], totals["flowCount"]) == (
        714246261,
        81128,
        440,
    )
    assert any(f.check == "fts_duplicate_flow" for f in findings)


def test_real_missing_page_is_reported(real_pages):
    _, findings = load_fts(real_pages[:2])
    assert "fts_incomplete_extract" in [f.check for f in findings]


def test_real_hdx_csv(real_pages, real_hdx):
    flows, _ = load_fts([real_hdx])
    assert list(flows.columns) == FLOW_COLUMNS
    # independent reading with the csv module
    with real_hdx.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(flows) == len(rows) == 440
    expected = sum(
        int(r["amountUSD"])
        for r in rows
        if r["boundary"] == "incoming" and r["onBoundary"] == "single" and r["status"] != "pledge"
    )
    totals = fts_totals(flows)
    assert totals["fundingTotal"] == expected == 714246261
    assert totals["pledgeTotal"] == 81128 and totals["flowCount"] == 440
    # the same flows as the API pages' incoming boundary
    api = [
        f for p in real_pages for f in json.loads(p.read_text(encoding="utf-8"))["data"]["flows"]
    ]
    assert set(flows["flow_id"]) == {str(f["id"]) for f in api if f["boundary"] == "incoming"}
    # Jordan is not an R4V country: everything is in the regional bucket
    assert flows["country"].isna().all()


def test_real_pages_and_hdx_together_count_once(real_pages, real_hdx):
    flows, _ = load_fts([*real_pages, real_hdx])
    assert len(flows) == 478
    assert fts_totals(flows)["fundingTotal"] == 714246261
