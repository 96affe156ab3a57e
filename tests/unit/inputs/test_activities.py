"""5W rows from a table read: exact duplicate rows found, and findings of a row without a
country tied to no country."""

from __future__ import annotations

from helpers.inputs import dialects, tables
from helpers.inputs.activities import activities_from_table
from helpers.inputs.manifest import read_manifest

HEADER = "Country,Month,Indicator,New beneficiaries of the month\n"


def test_exact_duplicates_are_found_after_the_hash_prefilter(tmp_path):
    """The duplicate check hashes parsed numbers first: rows equal in every number but
    different in a text column are not duplicates; rows equal in every column are, wherever
    they are."""
    rows = [f"Peru,2023-01,ind {i % 7},{i % 5},Org,Protection" for i in range(2000)]
    rows[1500] = rows[3]  # an exact copy, far from its original
    rows[1600] = "Peru,2023-01,another text,0,Org,Protection"  # numbers of position 1565
    body = (
        HEADER.strip() + ",Appealing organisation Name,Indicator Sector\n" + "\n".join(rows) + "\n"
    )
    (tmp_path / "a.csv").write_text(body, encoding="utf-8")
    (tmp_path / "dataset.yaml").write_text(
        "name: t\nperiod: {start: 2023-01, end: 2023-12}\n"
        "sector: Protection\nactivities: a.csv\nindicators: i.csv\n",
        encoding="utf-8",
    )
    (tmp_path / "i.csv").write_text("Sector,Indicator,Indicator type\n", encoding="utf-8")
    m = read_manifest(tmp_path)
    findings: list = []
    table = tables.read_table(tmp_path / "a.csv", header_score=dialects.header_score)
    activities_from_table(table, m, findings)
    dup_rows = sorted(f.row for f in findings if f.check == "duplicate_row")
    # Position i repeats position i - 35 (i % 7 and i % 5 cycle every 35), so positions
    # 35..1999 repeat an earlier row; 1500 still does (it copies position 3); 1600 no
    # longer does (new text, same numbers as position 1565, so it passes the prefilter).
    # Spreadsheet row = position + 2 (the header is row 1).
    expected = {p + 2 for p in range(35, 2000)} - {1602}
    assert dup_rows == sorted(expected)


def test_a_row_without_country_gives_findings_tied_to_no_country(tmp_path):
    """Findings on a row whose country is blank are tied to no country (None), so every
    chapter's annex lists them; they used to carry NaN, which no chapter but the region
    matched."""
    (tmp_path / "a.csv").write_text(
        HEADER.strip() + ",Appealing organisation Name,Indicator Sector\n"
        "Peru,2023-01,x,1,Org,Protection\n"
        ",2023-01,x,-5,Org,Protection\n",
        encoding="utf-8",
    )
    (tmp_path / "dataset.yaml").write_text(
        "name: t\nperiod: {start: 2023-01, end: 2023-12}\n"
        "sector: Protection\nactivities: a.csv\nindicators: i.csv\n",
        encoding="utf-8",
    )
    (tmp_path / "i.csv").write_text("Sector,Indicator,Indicator type\n", encoding="utf-8")
    findings: list = []
    table = tables.read_table(tmp_path / "a.csv", header_score=dialects.header_score)
    activities_from_table(table, read_manifest(tmp_path), findings)
    on_row_3 = {f.check: f.country for f in findings if f.row == 3}
    assert on_row_3 == {"invalid_number": None, "missing_country": None}
    assert all(f.country is None or isinstance(f.country, str) for f in findings)
