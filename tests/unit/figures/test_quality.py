"""Data-quality findings (quality.check_activities): each names file, row and column.

Rows are spreadsheet rows: the header is row 1, the first data row is row 2. The tiny
file below (ActivityInfo dialect, all Colombia, HTS, RE-PRHT3 Direct Assistance unless
said) has one problem per row, and row 2 has none:

 row  problem                         new  total  dest  women men  CVA  value mech  set-up
  2   none                              5     5     5     5        No              No
  3   new > total                       8     6     8     8        No              No
  4   population types 4 of 10         10    10     4    10        No              No
  5   age and gender 3 + 3 of 10       10    10    10     3   3    No              No
  6   CVA Yes, no value nor mechanism   5     5     5     5        Yes             No
  7   CVA No with a value               5     5     5     5        No   50         No
  8   set-up Yes, no partner named      5     5     5     5        No              Yes
  9   indicator not in the reference   12    12    12    12        No              No
 10   2.5 people                      2.5   2.5   2.5   2.5       No              No
"""

from __future__ import annotations

import pytest

from helpers.core.findings import Finding
from helpers.figures.analysis import Analysis
from helpers.figures.quality import check_activities
from helpers.inputs.dataset import load_dataset

HTS = "Protection (Human Trafficking and Smuggling)"
DA = "# of people receiving assistance and protection services"
INDICATORS = (
    f"CODE,Sector/Subsector/WG,Indicator,Indicator Type\nRE-PRHT3,{HTS},{DA},Direct Assistance\n"
)
HEADER = (
    "Country,Appealing organisation Name,Implementation Set up,Implementing partner Name,"
    "Month,Indicator Sector,Indicator,CVA,Value (in USD),Delivery mechanism,"
    "Total monthly beneficiaries,New beneficiaries of the month,"
    "Refugees and Migrants IN DESTINATION,Women above 18,Men above 18"
)


def line(new, total, dest, women, men="", cva="No", value="", mech="", setup="No", indicator=DA):
    return ",".join(
        str(v)
        for v in (
            "Colombia",
            "Org A",
            setup,
            "",
            "2023-01",
            HTS,
            indicator,
            cva,
            value,
            mech,
            total,
            new,
            dest,
            women,
            men,
        )
    )


ROWS = [
    line(5, 5, 5, 5),  # 2
    line(8, 6, 8, 8),  # 3
    line(10, 10, 4, 10),  # 4
    line(10, 10, 10, 3, 3),  # 5
    line(5, 5, 5, 5, cva="Yes"),  # 6
    line(5, 5, 5, 5, cva="No", value=50),  # 7
    line(5, 5, 5, 5, setup="Yes"),  # 8
    line(12, 12, 12, 12, indicator="# of people rescued"),  # 9
    line(2.5, 2.5, 2.5, 2.5),  # 10
]


@pytest.fixture(scope="module")
def analysis(tmp_path_factory, make_dataset) -> Analysis:
    folder = make_dataset(
        tmp_path_factory.mktemp("q"),
        {"5w.csv": "\n".join([HEADER, *ROWS]) + "\n", "ind.csv": INDICATORS},
        "period: {start: 2023-01, end: 2023-12}\nactivities: 5w.csv\nindicators: ind.csv\n",
    )
    return Analysis(load_dataset(folder))


@pytest.fixture(scope="module")
def findings(analysis) -> list[Finding]:
    return analysis.findings


def where(findings: list[Finding], check: str) -> list[tuple]:
    return [(f.file, f.row, f.column) for f in findings if f.check == check]


def test_clean_row_has_no_finding(findings):
    assert [f for f in findings if f.row == 2] == []


def test_new_exceeds_total(findings):
    assert where(findings, "new_exceeds_total") == [("5w.csv", 3, "new_beneficiaries")]
    f = next(f for f in findings if f.check == "new_exceeds_total")
    assert f.people == 8 and "(8)" in f.message and "(6)" in f.message


def test_population_breakdown_mismatch(findings):
    assert where(findings, "population_breakdown") == [("5w.csv", 4, "new_beneficiaries")]
    f = next(f for f in findings if f.check == "population_breakdown")
    # 4 of 10 -> +6 not disaggregated, shown in the chapter: a warning
    assert "add up to 4" in f.message and "+6" in f.message
    assert f.severity == "warning" and f.country == "COL"


def test_age_gender_mismatch(findings):
    assert where(findings, "age_gender_breakdown") == [("5w.csv", 5, "new_beneficiaries")]
    f = next(f for f in findings if f.check == "age_gender_breakdown")
    assert "add up to 6" in f.message and "+4" in f.message  # 3 + 3 = 6 of 10


def test_cva_yes_without_value_or_mechanism(findings):
    assert where(findings, "cva_no_value") == [("5w.csv", 6, "cva_value_usd")]
    assert where(findings, "cva_no_mechanism") == [("5w.csv", 6, "delivery_mechanism")]


def test_cva_no_with_value(findings):
    assert where(findings, "cva_no_with_value") == [("5w.csv", 7, "cva")]


def test_setup_yes_without_partner(findings):
    assert where(findings, "missing_implementing_partner") == [
        ("5w.csv", 8, "implementing_partner")
    ]


def test_unknown_indicator_is_not_counted_and_is_a_finding_with_its_people(analysis, findings):
    # counted: rows 2-8 and 10 = 5 + 8 + 10 + 10 + 5 + 5 + 5 + 2.5 = 50.5; row 9's 12 are out
    assert analysis.scope_figures("COL")["reached"]["total"] == 50.5
    assert where(findings, "unknown_indicator") == [("5w.csv", 9, "indicator")]
    f = next(f for f in findings if f.check == "unknown_indicator")
    assert f.people == 12 and "12 people are not counted" in f.message
    assert f.country == "COL"


def test_fractional_people(findings):
    assert where(findings, "fractional_people") == [("5w.csv", 10, "new_beneficiaries")]
    # the half person is within the breakdown tolerance: no breakdown finding for row 10
    assert all(f.row != 10 for f in findings if f.check.endswith("breakdown"))


def test_population_breakdown_mismatch_listed_even_when_new_is_zero(classified):
    # rule 5: a counted row whose breakdown does not add up changes "not disaggregated"
    # (here 0 - 4 = -4), so it must be listed even though it reports no new people
    rows = classified([{"new": 0, "total": 4, "dest": 4}])
    assert where(check_activities(rows), "population_breakdown") == [
        ("a.csv", 2, "new_beneficiaries")
    ]


def test_breakdown_mismatch_on_output_rows_is_info(classified):
    rows = classified(
        [
            {
                "indicator": "# of people trained",
                "new": 10,
                "total": 10,
                "dest": 3,
                "quantity_output": 1,
            }
        ]
    )
    f = next(f for f in check_activities(rows) if f.check == "population_breakdown")
    assert f.severity == "info"  # changes no people-reached figure


def _findings_of(make_dataset, tmp_path, text: str) -> list[Finding]:
    folder = make_dataset(
        tmp_path,
        {"5w.csv": text, "ind.csv": INDICATORS},
        "period: {start: 2023-01, end: 2023-12}\nactivities: 5w.csv\nindicators: ind.csv\n",
    )
    return Analysis(load_dataset(folder)).findings


def test_finding_rows_are_spreadsheet_rows_below_title_rows(tmp_path, make_dataset):
    # two title lines above the header: header is row 3, the data row is row 4
    text = "RMRP 5W export\n\n" + "\n".join([HEADER, line(8, 6, 8, 8)]) + "\n"
    assert where(_findings_of(make_dataset, tmp_path, text), "new_exceeds_total") == [
        ("5w.csv", 4, "new_beneficiaries")
    ]


def test_finding_rows_are_spreadsheet_rows_after_a_multiline_cell(tmp_path, make_dataset):
    # the first data row's indicator text holds a line break; in a spreadsheet it is still
    # one row (2), so the next data row is row 3 even though it starts on text line 4
    text = (
        "\n".join(
            [HEADER, line(5, 5, 5, 5, indicator='"# of people\nreceiving"'), line(8, 6, 8, 8)]
        )
        + "\n"
    )
    assert where(_findings_of(make_dataset, tmp_path, text), "new_exceeds_total") == [
        ("5w.csv", 3, "new_beneficiaries")
    ]


def test_an_unknown_organisation_is_listed_once_at_its_first_row_per_column(classified, tmp_path):
    from helpers.inputs.organisations import PartnerIndex
    from helpers.inputs.references import load_partners

    (tmp_path / "partners.csv").write_text(
        "Name,Nombre,Nome,Acronym.Short.Name,Type,RMlead\nFundación Nueva Vida,,,FNV,NGO,No\n",
        encoding="utf-8",
    )
    index = PartnerIndex(load_partners([tmp_path / "partners.csv"], tmp_path, []))
    rows = classified(
        [
            {"new": 1, "total": 1, "dest": 1, "org": "FNV"},  # 2: known by its acronym
            {"new": 1, "total": 1, "dest": 1, "org": "Org Z"},  # 3: unknown, first
            {"new": 1, "total": 1, "dest": 1, "org": "Org Z"},  # 4: the same, not again
            {"new": 1, "total": 1, "dest": 1, "org": "fundación  nueva vida"},  # 5: known
            {"new": 1, "total": 1, "dest": 1, "org": "Org Y", "setup": "Yes", "partner": "Org Z"},
            {"new": 1, "total": 1, "dest": 1, "org": ""},  # 7: blank, not this check's
        ]
    )
    found = [
        (f.row, f.column, f.params["name"])
        for f in check_activities(rows, index)
        if f.check == "unresolved_organisation"
    ]
    # appealing organisations first (rows 3 and 6), then implementers: row 3's Org Z
    # implements its own row (set-up No), row 6's implementer is Org Z too (not again)
    assert found == [
        (3, "appealing_org", "Org Z"),
        (6, "appealing_org", "Org Y"),
        (3, "implementing_partner", "Org Z"),
    ]
    severities = {
        f.severity for f in check_activities(rows, index) if f.check == "unresolved_organisation"
    }
    assert severities == {"info"}  # counted under the name as written: no figure changes
