"""The chapter's people tables, on tiny hand-worked datasets: the partner table lists every
implementing partner the partner count counts, named as the count names them.

(Deliberate) `chapter.by_partner` has one row per implementing partner of the scope's
sector rows, output-only partners with 0 people included and, for the region, the
partners of Regional rows; names are the partner reference's, else the first spelling
met, compared by `name_key`. So a count of N partners is a table of N named rows.
"""

from __future__ import annotations

import pytest

from helpers.chapter.build import build_chapter
from helpers.chapter.model import OTHER, TOTAL
from helpers.figures.analysis import Analysis
from helpers.inputs.dataset import load_dataset

HTS = "Protection (Human Trafficking and Smuggling)"
DA = "# of people receiving assistance and protection services"
CB = "# of people trained"
HEADER = (
    "Country,Appealing_org,Implementation,Implementing_partner,Month,Subsector,"
    "Indicator,Quantity_output,Total_monthly,New_beneficiaries,IN_DESTINATION"
)
INDICATORS = (
    "CODE,Sector/Subsector/WG,Indicator,Indicator Type\n"
    f"RE-PRHT1,{HTS},{CB},Capacity Building\n"
    f"RE-PRHT3,{HTS},{DA},Direct Assistance\n"
)
MANIFEST = (
    "name: partners\nperiod: {start: 2023-01, end: 2023-03}\n"
    "activities: activities.csv\nindicators: indicators.csv\n"
)


def line(country, org, month, indicator, new, quantity=""):
    values = (country, org, "No", "", month, HTS, indicator, quantity, new, new, new)
    return ",".join(f'"{v}"' for v in values)


def analysis_of(make_dataset, folder, lines: list[str]) -> Analysis:
    """An Analysis of a dataset with no partner reference (and no other optional source)."""
    activities = "\n".join([HEADER, *lines]) + "\n"
    make_dataset(folder, {"activities.csv": activities, "indicators.csv": INDICATORS}, MANIFEST)
    return Analysis(load_dataset(folder))


def named_rows(table):
    """The partner table's rows that name a partner (not the totals nor the others row)."""
    return table.drop(index=[i for i in (TOTAL, OTHER) if i in table.index])


def test_one_partner_spelled_three_ways_is_one_count_and_one_row(
    tmp_path, make_dataset, figures_entry
):
    # Colombia, set-up No (each appealing organisation implements itself), no partner
    # reference: 'Org A', 'ORG A' and 'Org  a' (two spaces) are one organisation by name_key
    # (case-folded, spaces collapsed). People: 10 + 20 + 30 = 60.
    a = analysis_of(
        make_dataset,
        tmp_path / "ds",
        [
            line("Colombia", "Org A", "2023-01", DA, 10),
            line("Colombia", "ORG A", "2023-02", DA, 20),
            line("Colombia", "Org  a", "2023-03", DA, 30),
        ],
    )
    assert "partners" in build_chapter(a, "COL").missing  # no partner reference
    doc = a.figures()
    for scope in ("COL", "colombia", "region"):
        entry = figures_entry(doc, scope)
        assert entry["implementing_partners"] == 1, scope
        assert entry["reporting_partners"] == 1, scope
        assert entry["reached"]["total"] == 60, scope
    for scope in ("COL", "region"):
        table = build_chapter(a, scope).by_partner
        rows = named_rows(table)
        assert len(rows) == 1, (scope, list(table.index))
        # named as the count names it: the first spelling met
        assert list(rows.index) == ["Org A"] and rows.at["Org A", "name"] == "Org A"
        assert rows.at["Org A", "reached"] == 60  # 10 + 20 + 30
        assert table.at[TOTAL, "reached"] == 60
        assert len(table) == 2  # the partner and the totals row


def test_output_only_and_regional_partners_have_rows_with_zero_people(
    tmp_path, make_dataset, figures_entry
):
    # COL: Org A assists 10 people; Org B only trains (12 trained: an output, 0 people
    # reached). Regional: Org C assists 9 people, who are in no country's figures and not
    # in the regional headline, but Org C is one of the region's implementing partners.
    a = analysis_of(
        make_dataset,
        tmp_path / "ds",
        [
            line("Colombia", "Org A", "2023-01", DA, 10),
            line("Colombia", "Org B", "2023-02", CB, 12, quantity=1),
            line("Regional", "Org C", "2023-02", DA, 9),
        ],
    )
    doc = a.figures()
    assert figures_entry(doc, "COL")["implementing_partners"] == 2  # A, B
    assert figures_entry(doc, "region")["implementing_partners"] == 3  # A, B, C
    col = build_chapter(a, "COL").by_partner
    assert named_rows(col)["reached"].to_dict() == {"Org A": 10, "Org B": 0}
    assert col.at[TOTAL, "reached"] == 10
    region = build_chapter(a, "region").by_partner
    assert named_rows(region)["reached"].to_dict() == {"Org A": 10, "Org B": 0, "Org C": 0}
    assert region.at[TOTAL, "reached"] == 10  # the headline: the regional 9 are apart


@pytest.mark.parametrize("scope", ["COL", "caribbean", "region"])
def test_partner_table_rows_match_the_partner_count(tmp_path, make_dataset, figures_entry, scope):
    # Organisation names with '&'/'and', case and spacing variants, in two platforms:
    # COL {Save & Protect, Org D}; ABW {Save & Protect}; DOM {Org E} (all >= 5 people)
    a = analysis_of(
        make_dataset,
        tmp_path / "ds",
        [
            line("Colombia", "Save & Protect", "2023-01", DA, 10),
            line("Colombia", "save and protect", "2023-02", DA, 7),
            line("Colombia", "ORG D", "2023-02", DA, 6),
            line("Aruba", "SAVE  &  PROTECT", "2023-03", DA, 8),
            line("República Dominicana", "Org E", "2023-03", CB, 5, quantity=1),
        ],
    )
    count = figures_entry(a.figures(), scope)["implementing_partners"]
    rows = named_rows(build_chapter(a, scope).by_partner)
    assert len(rows) == count
    assert count == {"COL": 2, "caribbean": 2, "region": 3}[scope]
    # the first spelling met in the scope's rows names it (Aruba's alone in the Caribbean)
    first = {"COL": "Save & Protect", "caribbean": "SAVE & PROTECT", "region": "Save & Protect"}
    assert first[scope] in rows.index


# ---------------------------------------------------------------- outputs' names

MECH = "# of mechanisms supported"
SPANISH_INDICATORS = (
    "CODE,Sector/Subsector/WG,Indicator,Indicator Type,Indicador (SP),Tipo de indicador\n"
    f"RE-PRHT1,{HTS},{CB},Capacity Building,# de personas capacitadas,\n"
    f"RE-PRHT2,{HTS},{MECH},Mechanism/Advocacy,,Mecanismo/Abogacía\n"
    f"RE-PRHT3,{HTS},{DA},Direct Assistance,# de personas asistidas,Asistencia directa\n"
    f"PR-9,Protection (General),{MECH},Mechanism/Advocacy,# de mecanismos,Mecanismo/Abogacía\n"
)


def test_outputs_carry_the_lists_spanish_names_of_their_sector_only(tmp_path, make_dataset):
    # Colombia: 4 people trained (CB, written in capitals in the 5W), 2 mechanisms (MECH),
    # 10 people assisted (DA, counted as people: not an output). The list names CB in
    # Spanish but leaves its Spanish type blank; MECH's Spanish name is blank in this
    # sector (another sector's Spanish name for the same text is not borrowed).
    trained = CB.upper()
    activities = (
        "\n".join(
            [
                HEADER,
                line("Colombia", "Org A", "2023-01", trained, 4, quantity=1),
                line("Colombia", "Org A", "2023-02", MECH, 0, quantity=2),
                line("Colombia", "Org A", "2023-03", DA, 10),
            ]
        )
        + "\n"
    )
    folder = make_dataset(
        tmp_path / "ds",
        {"activities.csv": activities, "indicators.csv": SPANISH_INDICATORS},
        MANIFEST,
    )
    chapter = build_chapter(Analysis(load_dataset(folder)), "COL")
    assert set(chapter.outputs["indicator"]) == {trained, MECH}
    # keyed by the indicator as the outputs table writes it (the 5W's spelling)
    assert chapter.indicator_names == {"es": {trained: "# de personas capacitadas"}}
    assert chapter.indicator_types == {"es": {MECH: "Mecanismo/Abogacía"}}
    # the model's table stays English (no Spanish column): editions name them their way
    assert list(chapter.outputs.columns) == [
        "type",
        "indicator",
        "measure",
        "reports",
        "value",
        "people",
    ]


def test_a_list_without_spanish_gives_no_names(tmp_path, make_dataset):
    activities = "\n".join([HEADER, line("Colombia", "Org A", "2023-01", CB, 4, quantity=1)]) + "\n"
    folder = make_dataset(
        tmp_path / "ds", {"activities.csv": activities, "indicators.csv": INDICATORS}, MANIFEST
    )
    chapter = build_chapter(Analysis(load_dataset(folder)), "COL")
    assert list(chapter.outputs["indicator"]) == [CB]
    assert chapter.indicator_names == {} and chapter.indicator_types == {}
