"""Every real R4V file in ../shared/data/r4v loads through its loader, as it is.

The files stay in ../shared/data (never copied into the project); a test that needs a
dataset folder copies them into a temporary one, because a manifest may only name files
inside its own folder. Each test skips with a reason when ../shared/data is absent.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import cli, dialects, geography
from helpers.figures import dataset_findings
from helpers.load import load_dataset, load_indicators, load_partners, load_targets
from helpers.schemas import TEXT_COLUMNS
from helpers.tables import read_table

from .conftest import shared_file, write_dataset

INDICATORS = "indicators_2023_2024.csv"
HTS = "Protection (Human Trafficking and Smuggling)"


def real_dataset(folder: Path, activities: str, period: str = "2023-01, end: 2023-12") -> Path:
    """A dataset folder holding a copy of one real 5W file and the real indicator list."""
    sources = [shared_file("r4v", activities), shared_file("r4v", INDICATORS)]
    write_dataset(folder, {}, f"name: real {activities}\nperiod: {{start: {period}}}\n"
                  f"activities: {activities}\nindicators: {INDICATORS}\n")
    for src in sources:
        shutil.copyfile(src, folder / src.name)
    return folder


def _texts(frame) -> list[str]:
    return [str(v) for c in TEXT_COLUMNS for v in frame[c] if str(v)]


# ------------------------------------------------------------------------------ 5W files


@pytest.mark.parametrize("name", ["5w_2023_sample.xlsx", "5w_2024_sample.xlsx"])
def test_5w_samples_load_with_mojibake_repaired(tmp_path, name):
    ds = load_dataset(real_dataset(tmp_path, name))
    a = ds.activities
    assert len(a) == 50
    assert set(a["country"]) <= {"MEX", "PAN"} and "MEX" in set(a["country"])
    assert set(a["month"]) == {"2023-01"}
    texts = _texts(a)
    assert any("naturalización" in t for t in texts)
    assert not any("Ã" in t for t in texts)
    repaired = [f for f in ds.findings if f.check == "mojibake_repaired"]
    assert repaired and all(f.row and f.column for f in repaired)
    assert any(f.column == "Activity_Name" and "naturalización" in f.message for f in repaired)
    # The real numbers are read as numbers: the first row is 2 new beneficiaries.
    first = a.loc[a["source_row"] == 2].iloc[0]
    assert first["new_beneficiaries"] == 2 and first["cva_value_usd"] == 880


def test_5w_2024_reads_the_platform_column(tmp_path):
    ds = load_dataset(real_dataset(tmp_path, "5w_2024_sample.xlsx"))
    a = ds.activities
    assert (a["platform_raw"] != "").all()
    assert set(a["platform_raw"]) == {"Mexico", "Panama"}
    assert set(a["platform"]) == {"central-america-mexico"}
    assert not [f for f in ds.findings if f.check == "platform_mismatch"]


def test_5w_2023_has_no_platform_column(tmp_path):
    ds = load_dataset(real_dataset(tmp_path, "5w_2023_sample.xlsx"))
    assert (ds.activities["platform_raw"] == "").all()
    assert set(ds.activities["platform"]) == {"central-america-mexico"}


def test_2025_import_template_header_is_recognised(tmp_path):
    path = shared_file("r4v", "5w_2025_import_template.xlsx")
    table = read_table(path, header_score=dialects.header_score)
    assert "Country Country" in table.frame.columns
    assert "Indicator Indicator" in table.frame.columns
    mapping = dialects.map_activity_headers(list(table.frame.columns))
    assert mapping["Country Country"] == "country_raw"
    assert mapping["Indicator Indicator"] == "indicator"
    assert dialects.missing_required(mapping) == []
    assert dialects.dialect_of(list(table.frame.columns)) == "activityinfo"
    assert table.header_row == 1 and len(table.frame) == 0

    ds = load_dataset(real_dataset(tmp_path, path.name, period="2025-01, end: 2025-12"))
    assert len(ds.activities) == 0
    assert not [f for f in ds.findings if f.severity == "warning"]


# ------------------------------------------------------------------------------ references


def test_indicator_list_2023_2024():
    path = shared_file("r4v", INDICATORS)
    findings = []
    ind = load_indicators([path], path.parent, findings)
    assert len(ind) == 94
    assert not [f for f in findings if f.severity == "warning"]
    by_code = ind.set_index("code")
    assert by_code.loc["RE-PRHT3", "counts_as_people"]
    assert by_code.loc["RE-PRHT3", "indicator_type"] == "Direct Assistance"
    assert not by_code.loc["RE-PRHT1", "counts_as_people"]
    assert by_code.loc["RE-PRHT1", "indicator_type"] == "Capacity Building"
    assert not by_code.loc["RE-PRHT2", "counts_as_people"]
    assert by_code.loc["RE-PRHT2", "indicator_type"] == "Mechanism/Advocacy"
    assert set(by_code.loc[["RE-PRHT1", "RE-PRHT2", "RE-PRHT3"], "sector"]) == {HTS}


@pytest.mark.parametrize("name, rows", [("partners_2021.csv", 267),
                                        ("implementing_partners_2021.csv", 519)])
def test_partner_lists_2021(name, rows):
    path = shared_file("r4v", name)
    findings = []
    partners = load_partners([path], path.parent, findings)
    assert len(partners) == rows
    assert not findings
    assert (partners["name"] != "").all()
    first = partners.iloc[0]
    assert first["acronym"].casefold() in first["aliases"]
    # Spanish names are aliases too (accents kept).
    assert any(any("ó" in a for a in aliases) for aliases in partners["aliases"])


def test_partner_list_resolves_acronyms_and_spanish_names():
    from helpers.partners import PartnerIndex

    path = shared_file("r4v", "partners_2021.csv")
    index = PartnerIndex(load_partners([path], path.parent, []))
    name = "Argentine Catholic Migration Commission Foundation (FCCAM)"
    assert index.resolve("FCCAM") == name
    assert index.resolve("fundación comisión católica argentina de migraciones (fccam)") == name


def test_pin_and_target_2022_wide_tables_become_one_long_table():
    pin = shared_file("r4v", "pin_2022_by_admin1.csv")
    target = shared_file("r4v", "target_2022_by_admin1.csv")
    findings = []
    t = load_targets([pin, target], pin.parent, findings)
    assert not findings
    assert list(t.columns) == ["country", "admin1", "sector", "population_type",
                               "people_in_need", "target"]
    assert set(t["population_type"]) == {"in_destination", "in_transit", "host_community",
                                         "pendular", "colombian_returnees"}
    assert set(t["country"]) <= set(geography.COUNTRIES)
    # PiN and target of the same place, sector and population type sit on one row.
    assert not t.duplicated(["country", "admin1", "sector", "population_type"]).any()
    both = t["people_in_need"].notna() & t["target"].notna()
    assert both.sum() > 6000
    row = t[(t["country"] == "COL") & (t["admin1"] == "Amazonas") & (t["sector"] == "Education")
            & (t["population_type"] == "in_destination")]
    assert len(row) == 1
    assert row["people_in_need"].iat[0] == 839  # 'PiN Dest Total'
    assert row["target"].iat[0] == 140  # 'Target Dest Total'


def test_admin1_reference_reads_as_a_table():
    """No admin-1 loader exists (none is needed yet): the generic reader is enough."""
    path = shared_file("r4v", "admin1.csv")
    table = read_table(path)
    assert list(table.frame.columns) == ["Country", "Admin1", "ISOCode"]
    assert len(table.frame) == 235
    assert not table.findings
    assert "Curacao" in set(table.frame["Country"])
    assert geography.resolve_country("Curacao") == "CUW"
    unresolved = {c for c in table.frame["Country"] if geography.resolve_country(c) is None}
    assert not unresolved
    mexico = table.frame[table.frame["Country"] == "Mexico"]
    assert mexico["ISOCode"].str.startswith("ME-").all()


# ------------------------------------------------------------------------------ done-when


def test_real_2023_sample_validates_through_the_cli(tmp_path, capsys):
    """The issue's done-when: manifest + real 2023 5W + 2023-2024 indicators -> exit 0 and
    the findings listed: mojibake repaired, breakdowns that do not add up."""
    folder = real_dataset(tmp_path / "real", "5w_2023_sample.xlsx")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["dataset.yaml", "5w_2023_sample.xlsx", INDICATORS])
    code = cli.main(["validate", "--data", str(folder)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""
    lines = out.splitlines()
    assert lines[0].startswith("real 5w_2023_sample.xlsx: 50 5W rows in 2023-01 to 2023-12")
    assert lines[-1].endswith("the dataset loads.")
    assert any(" info mojibake_repaired: " in line and "naturalización" in line
               for line in lines)
    findings = dataset_findings(load_dataset(folder))
    breakdown = [f for f in findings if f.check == "population_breakdown"]
    assert breakdown
    for f in breakdown:
        assert any(line.startswith(f"{f.file}:{f.row} ") and "population_breakdown" in line
                   for line in lines)
    assert {f.row for f in breakdown} >= {46, 47, 48}


def test_per_distinct_helpers_call_once_per_value_and_keep_row_order():
    import numpy as np
    import pandas as pd

    from helpers.load import map_distinct, per_distinct, per_distinct_pair, text_from_codes

    calls = []

    def upper(v):
        calls.append(v)
        return "MISSING" if pd.isna(v) else str(v).upper()

    values = pd.Series(["b", "a", "b", None, "a", "b"], index=[10, 11, 12, 13, 14, 15])
    codes, answers = per_distinct(values, upper)
    # once each, in order of first appearance; the missing value too
    assert calls[:2] == ["b", "a"] and len(calls) == 3 and pd.isna(calls[2])
    assert codes.tolist() == [0, 1, 0, 2, 1, 0] and answers == ["B", "A", "MISSING"]
    mapped = map_distinct(values, upper)
    assert mapped.tolist() == ["B", "A", "B", "MISSING", "A", "B"]
    assert mapped.index.tolist() == [10, 11, 12, 13, 14, 15]
    assert map_distinct(values.iloc[:0], upper).empty

    pair_of_row, pairs = per_distinct_pair(pd.Series(["PE", "CO", "PE", "PE"]), str.lower,
                                           pd.Series(["x", "x", "y", "x"]), str.upper)
    assert pairs == [("pe", "X"), ("co", "X"), ("pe", "Y")]
    assert pair_of_row.tolist() == [0, 1, 2, 0]
    empty_rows, no_pairs = per_distinct_pair(pd.Series([], dtype=object), str,
                                             pd.Series([], dtype=object), str)
    assert len(empty_rows) == 0 and no_pairs == []

    text = text_from_codes(["PER", None], np.array([1, 0, 0]))
    assert text.isna().tolist() == [True, False, False] and text.iloc[1:].tolist() == ["PER"] * 2
