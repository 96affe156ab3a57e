"""Every figure of a chapter, end to end: a tiny CSV dataset -> load_dataset -> Analysis.

The dataset (`tiny`) is small enough to work out by hand. Activities, R-renamed dialect,
sector HTS unless said otherwise (DA = RE-PRHT3 Direct Assistance, CB = RE-PRHT1):

 row country              appealing  set-up partner month   ind new  dest transit host
  2  Colombia             Org A      No             2023-01 DA  10   6    4
  3  Colombia             Org B      Yes    OC      2023-02 DA   5   5            ('&' sector)
  4  Perú                 Org B      No             2023-01 DA   7   4    3
  5  Aruba                Org A      No             2023-03 DA   8   2    6
  6  República Dominicana Org A      Yes    Org E   2023-02 DA   4             4
  7  Colombia             Org A      No             2023-03 CB  20   (output, not people)
  8  Regional             Org F      No             2023-02 DA   9   9
  9  Colombia             Org G      No             2023-02 DA 100   (sector Protection)
 10  Peru                 Org B      No             2023-03 ??  12   (unknown indicator)
 11  Colombia             Org A      No             2024-01 DA  50   (outside the period)

Partner reference: Org C (Spanish 'Organización C', acronym OC, refugee/migrant-led) and
Org E (not led). Targets (HTS): COL dest 20, COL transit 10, PER dest 10, ABW transit 16.
"""

from __future__ import annotations

import pytest

from helpers.core.errors import InputError
from helpers.core.geography import COUNTRIES, PLATFORMS, REGION, REGIONAL
from helpers.figures.analysis import Analysis, dataset_findings
from helpers.inputs.dataset import load_dataset

HTS = "Protection (Human Trafficking and Smuggling)"
DA = "# of people receiving assistance and protection services"
CB = "# of people trained"

HEADER = (
    "Country,Admin1,Appealing_org,Implementation,Implementing_partner,Month,Subsector,"
    "Indicator,Quantity_output,Total_monthly,New_beneficiaries,IN_DESTINATION,IN_TRANSIT,"
    "Host_Communities,PENDULARS,Returnees"
)


def activity_line(
    country,
    org,
    setup,
    partner,
    month,
    indicator,
    new,
    dest="",
    transit="",
    host="",
    sector=HTS,
    quantity="",
    total=None,
):
    total = new if total is None else total
    return ",".join(
        f'"{v}"'
        for v in (
            country,
            "",
            org,
            setup,
            partner,
            month,
            sector,
            indicator,
            quantity,
            total,
            new,
            dest,
            transit,
            host,
            "",
            "",
        )
    )


ACTIVITIES = (
    "\n".join(
        [
            HEADER,
            activity_line("Colombia", "Org A", "No", "", "2023-01", DA, 10, 6, 4),
            activity_line(
                "Colombia",
                "Org B",
                "Yes",
                "OC",
                "2023-02",
                DA,
                5,
                5,
                sector="Protection (Human Trafficking & Smuggling)",
            ),
            activity_line("Perú", "Org B", "No", "", "2023-01", DA, 7, 4, 3),
            activity_line("Aruba", "Org A", "No", "", "2023-03", DA, 8, 2, 6),
            activity_line(
                "República Dominicana", "Org A", "Yes", "Org E", "2023-02", DA, 4, host=4
            ),
            activity_line("Colombia", "Org A", "No", "", "2023-03", CB, 20, quantity=1),
            activity_line("Regional", "Org F", "No", "", "2023-02", DA, 9, 9),
            activity_line(
                "Colombia", "Org G", "No", "", "2023-02", DA, 100, 100, sector="Protection"
            ),
            activity_line("Peru", "Org B", "No", "", "2023-03", "# of people rescued", 12, 12),
            activity_line("Colombia", "Org A", "No", "", "2024-01", DA, 50, 50),
        ]
    )
    + "\n"
)

INDICATORS = (
    "CODE,Sector/Subsector/WG,Indicator,Indicator Type\n"
    f"RE-PRHT1,{HTS},{CB},Capacity Building\n"
    f"RE-PRHT2,{HTS},# of institutional mechanisms supported,Mechanism/Advocacy\n"
    f"RE-PRHT3,{HTS},{DA},Direct Assistance\n"
    f"PR-1,Protection,{DA},Direct Assistance\n"
)

PARTNERS = (
    "Name,Nombre,Acronym.Short.Name,Type,RMlead\nOrg C,Organización C,OC,NGO,Yes\nOrg E,,,NGO,No\n"
)

TARGETS = (
    "Country,Sector,Population type,People in need,Target\n"
    f"Colombia,{HTS},In destination,100,20\n"
    f"Colombia,{HTS},In transit,50,10\n"
    f"Peru,{HTS},In destination,40,10\n"
    f"Aruba,{HTS},In transit,30,16\n"
    f"Peru,Protection,In destination,5000,4000\n"
)

MANIFEST = """name: tiny
period: {start: 2023-01, end: 2023-03}
activities: activities.csv
indicators: indicators.csv
partners: partners.csv
targets: targets.csv
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory, make_dataset) -> Analysis:
    folder = make_dataset(
        tmp_path_factory.mktemp("tiny"),
        {
            "activities.csv": ACTIVITIES,
            "indicators.csv": INDICATORS,
            "partners.csv": PARTNERS,
            "targets.csv": TARGETS,
        },
        MANIFEST,
    )
    return Analysis(load_dataset(folder))


def test_country_figures(tiny):
    col = tiny.scope_figures("COL")
    # rows 2 + 3 (the '&' spelling is the same sector): 10 + 5 = 15; dest 6 + 5 = 11; transit 4
    # row 7 (capacity building), row 9 (other sector), row 11 (2024) are not counted
    assert col["reached"]["total"] == 15
    assert col["reached"]["in_destination"] == 11
    assert col["reached"]["in_transit"] == 4
    assert col["reached"]["not_disaggregated"] == 0  # 15 - (11 + 4)
    assert col["target"] == 30  # 20 + 10
    assert col["percent_of_target"] == pytest.approx(50.0)  # 15 / 30
    # reporting: Org A (rows 2, 7), Org B (row 3) = 2; Org G reports another sector
    assert col["reporting_partners"] == 2
    # implementing: Org A (rows 2, 7, set-up No), 'OC' = Org C (row 3, set-up Yes) = 2
    assert col["implementing_partners"] == 2
    assert col["refugee_migrant_led_partners"] == 1  # Org C
    # Perú (Spanish) and Peru are one country: row 4 = 7 (row 10's 12 are not counted)
    per = tiny.scope_figures("PER")
    assert per["reached"]["total"] == 7
    assert per["percent_of_target"] == pytest.approx(70.0)  # 7 / 10


def test_country_without_target_or_rows(tiny):
    dom = tiny.scope_figures("DOM")
    assert dom["reached"]["total"] == 4  # 'República Dominicana', row 6
    assert dom["reached"]["host_community"] == 4
    assert dom["target"] is None and dom["percent_of_target"] is None  # never 0 % nor ∞
    bra = tiny.scope_figures("BRA")
    assert bra["reached"]["total"] == 0
    assert bra["percent_of_target"] is None
    assert bra["reporting_partners"] == 0 and bra["implementing_partners"] == 0


def test_platform_figures(tiny):
    carib = tiny.scope_figures("caribbean")
    # ABW 8 + DOM 4 = 12, in transit included (ABW's 6 stay in)
    assert carib["reached"]["total"] == 12
    assert carib["reached"]["in_transit"] == 6
    assert carib["target"] == 16  # ABW transit 16; DOM none
    assert carib["percent_of_target"] == pytest.approx(75.0)  # 12 / 16
    # reporting: ABW {Org A}, DOM {Org A} -> {Org A} = 1, not 1 + 1
    assert carib["reporting_partners"] == 1
    # implementing: ABW {Org A}, DOM {Org E} -> 2
    assert carib["implementing_partners"] == 2
    assert carib["refugee_migrant_led_partners"] == 0
    assert tiny.scope_figures("colombia")["reached"]["total"] == 15  # national = its country


def test_region_figures(tiny):
    region = tiny.scope_figures(REGION)
    r = region["reached"]
    # COL 15 + PER 7 + ABW 8 + DOM 4 = 34; in transit 4 + 3 + 6 = 13; regional row 8 not in.
    # No figure of the region includes in-transit people (METHOD.md rule 8): its total is
    # 34 - 13 = 21, and its in-transit figure is not given (a note says why).
    assert r["total"] == 21
    assert r["in_transit"] is None
    assert r["total_excluding_in_transit"] == 21
    assert "not added up across countries" in region["notes"]["reached.in_transit"].lower()
    # region target excludes in transit: COL dest 20 + PER dest 10 = 30
    assert region["target"] == 30
    assert region["percent_of_target"] == pytest.approx(70.0)  # 21 / 30
    # Partners over every row of the sector in the region, the regional rows included
    # (the regional chapter holds the regional block): reporting Org A, B, F = 3 while the
    # countries' counts add up to COL 2 + PER 1 + ABW 1 + DOM 1 = 5
    assert region["reporting_partners"] == 3
    # implementing: Org A, Org C, Org B, Org E, Org F = 5
    assert region["implementing_partners"] == 5
    assert region["refugee_migrant_led_partners"] == 1


def test_regional_rows_only_in_regional_block(tiny):
    block = tiny.regional_activities()
    assert block["reached"]["total"] == 9  # row 8 alone
    assert block["reporting_partners"] == 1  # Org F
    # no platform and no country holds the 9
    assert sum(tiny.scope_figures(p)["reached"]["total"] for p in PLATFORMS) == 34
    assert sum(tiny.scope_figures(c)["reached"]["total"] for c in COUNTRIES) == 34
    assert tiny.scope_rows(REGIONAL)["source_row"].tolist() == [8]


def test_figures_document(tiny):
    doc = tiny.figures()
    assert doc["dataset"] == "tiny"
    assert doc["period"] == {"start": "2023-01", "end": "2023-03"}
    assert len(doc["countries"]) == 17 and len(doc["platforms"]) == 8
    assert doc["region"]["reached"]["total_excluding_in_transit"] == 21
    assert doc["regional_activities"]["reached"]["total"] == 9
    assert doc["regional_funding_usd"] is None  # no funding source: nothing made up
    assert doc["region"]["funding_usd"] is None and doc["region"]["donors"] is None


def test_unknown_indicator_finding_end_to_end(tiny):
    unknown = [f for f in tiny.findings if f.check == "unknown_indicator"]
    assert [(f.file, f.row, f.column, f.country, f.people) for f in unknown] == [
        ("activities.csv", 10, "indicator", "PER", 12)
    ]


def test_findings_of_all_sectors(tiny):
    # no sector named: the 'Protection' row 9 is checked too and its indicator is known
    everything = dataset_findings(tiny.dataset)
    assert [f.row for f in everything if f.check == "unknown_indicator"] == [10]
    assert any(f.check == "outside_period" for f in everything)


def test_unresolvable_country_is_an_error_naming_value_and_row(tmp_path, make_dataset):
    bad = ACTIVITIES.replace('"Aruba"', '"Atlantis"')
    folder = make_dataset(
        tmp_path,
        {"activities.csv": bad, "indicators.csv": INDICATORS},
        "period: {start: 2023-01, end: 2023-03}\n"
        "activities: activities.csv\nindicators: indicators.csv\n",
    )
    with pytest.raises(InputError) as err:
        load_dataset(folder)
    assert err.value.row == 5
    assert "Atlantis" in str(err.value) and "activities.csv" in str(err.value)


def test_no_targets_source_means_no_percentage(tmp_path, make_dataset):
    folder = make_dataset(
        tmp_path,
        {"activities.csv": ACTIVITIES, "indicators.csv": INDICATORS},
        "period: {start: 2023-01, end: 2023-03}\n"
        "activities: activities.csv\nindicators: indicators.csv\n",
    )
    a = Analysis(load_dataset(folder))
    for scope in (REGION, "caribbean", "COL"):
        f = a.scope_figures(scope)
        assert f["target"] is None and f["percent_of_target"] is None
    # and without a partner reference the refugee/migrant-led count is unknown, not 0
    assert a.scope_figures("COL")["refugee_migrant_led_partners"] is None


def test_budget_received_is_countries_plus_the_regional_bucket_for_the_region(
    tmp_path, make_dataset, fts_flow, fts_page
):
    """Budget received (the key figure): a country's counted flows; a platform's, the sum
    of its countries'; the region's, the sum of the 17 countries' plus the regional /
    multi-country bucket (METHOD.md "Funding"). Hand-worked:

        id  USD  donor    destination         cluster     counted?
        1   100  Donor A  Colombia            HTS         yes -> COL
        2    40  Donor B  Aruba               HTS         yes -> ABW (Caribbean)
        3    25  Donor B  Curaçao             HTS         yes -> CUW (Caribbean)
        4    30  Donor C  Colombia + Peru     HTS         yes -> regional bucket
        5    60  Donor D  (no location)       HTS         yes -> regional bucket
        6    70  Donor E  Colombia            Education   no (another sector)
        7     5  Donor F  Colombia            HTS         no (a pledge)

    COL = 100; caribbean = 40 + 25 = 65; regional bucket = 30 + 60 = 90;
    region = (100 + 40 + 25) + 90 = 255. Donors of the region: A, B, C, D = 4."""
    hts = ["Human Trafficking & Smuggling"]
    fts_page(
        tmp_path / "fts.json",
        [
            fts_flow(1, 100, "Donor A", ["Colombia"], clusters=hts),
            fts_flow(2, 40, "Donor B", ["Aruba"], clusters=hts),
            fts_flow(3, 25, "Donor B", ["Curaçao"], clusters=hts),
            fts_flow(4, 30, "Donor C", ["Colombia", "Peru"], clusters=hts),
            fts_flow(5, 60, "Donor D", [], clusters=hts),
            fts_flow(6, 70, "Donor E", ["Colombia"], clusters=["Education"]),
            fts_flow(7, 5, "Donor F", ["Colombia"], clusters=hts, status="pledge"),
        ],
    )
    folder = make_dataset(
        tmp_path / "ds",
        {
            "activities.csv": ACTIVITIES,
            "indicators.csv": INDICATORS,
            "fts.json": (tmp_path / "fts.json").read_bytes(),
        },
        MANIFEST.replace("partners: partners.csv\ntargets: targets.csv\n", "")
        + "funding: fts.json\n",
    )
    analysis = Analysis(load_dataset(folder))
    assert analysis.funding_received("COL") == 100
    assert analysis.funding_received("PER") == 0  # only the shared flow names Peru
    assert analysis.funding_received("caribbean") == 65
    assert analysis.regional_funding == 90
    assert analysis.funding_received(REGION) == 255
    doc = analysis.figures()
    assert doc["region"]["funding_usd"] == 255
    assert doc["regional_funding_usd"] == 90
    assert doc["region"]["donors"] == 4
    platforms = {p["id"]: p["funding_usd"] for p in doc["platforms"]}
    assert platforms["caribbean"] == 65 and platforms["colombia"] == 100
    assert sum(platforms.values()) + doc["regional_funding_usd"] == doc["region"]["funding_usd"]
