"""The reference loaders (indicators, partners, targets) on the real R4V lists in
../shared/data/r4v, as they are (each test skips with a reason when the folder is
absent); the indicator list's Spanish columns on a small list written here; and the
generic reader on the admin-1 list, which needs no loader."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.core import geography
from helpers.inputs.references import load_indicators, load_partners, load_targets
from helpers.inputs.tables import read_table

INDICATORS = "indicators_2023_2024.csv"
HTS = "Protection (Human Trafficking and Smuggling)"


def test_indicator_list_2023_2024(shared_file):
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


def test_the_real_list_names_the_trafficking_indicators_in_spanish(shared_file):
    path = shared_file("r4v", INDICATORS)
    ind = load_indicators([path], path.parent, []).set_index("code")
    assert ind["indicator_es"].notna().all()  # the list gives every indicator in Spanish
    hts = ind.loc[["RE-PRHT1", "RE-PRHT2", "RE-PRHT3"]]
    assert hts["indicator_es"].str.startswith("# de ").all()
    assert hts.at["RE-PRHT1", "indicator_es"].startswith(
        "# de personas que trabajan con personas refugiadas y migrantes capacitadas"
    )
    assert hts.at["RE-PRHT2", "indicator_es"].startswith("# de mecanismos institucionales")
    assert "trata" in hts.at["RE-PRHT3", "indicator_es"]
    assert list(hts["indicator_type_es"]) == [
        "Capacitaciones",
        "Mecanismo/Abogacía",
        "Asistencia directa",
    ]


SPANISH_LIST = (
    "CODE,Sector/Subsector/WG,Indicator,Indicator Type,Indicador (SP),Tipo de indicador\n"
    "HT1,Trafficking,# of people trained,Capacity Building,# de personas capacitadas ,"
    "Capacitaciones\n"
    "HT2,Trafficking,# of mechanisms supported,Mechanism/Advocacy,,   \n"
    "HT3,Trafficking,# of people assisted,Direct Assistance,  ,Asistencia directa\n"
)


def test_spanish_names_and_types_load_and_blanks_stay_missing(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text(SPANISH_LIST, encoding="utf-8")
    ind = load_indicators([path], tmp_path, []).set_index("code")
    assert ind.at["HT1", "indicator_es"] == "# de personas capacitadas"  # stripped
    assert ind.at["HT1", "indicator_type_es"] == "Capacitaciones"
    assert ind.at["HT1", "indicator_type"] == "Capacity Building"  # English type unchanged
    assert ind.at["HT2", "indicator_es"] is None  # blank: missing, not ""
    assert ind.at["HT2", "indicator_type_es"] is None  # spaces only: missing too
    assert ind.at["HT3", "indicator_es"] is None
    assert ind.at["HT3", "indicator_type_es"] == "Asistencia directa"


def test_a_list_without_spanish_columns_has_them_missing(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text(
        "CODE,Sector/Subsector/WG,Indicator,Indicator Type\n"
        "HT1,Trafficking,# of people trained,Capacity Building\n",
        encoding="utf-8",
    )
    ind = load_indicators([path], tmp_path, [])
    assert list(ind.columns[-2:]) == ["indicator_es", "indicator_type_es"]
    assert pd.isna(ind.at[0, "indicator_es"]) and pd.isna(ind.at[0, "indicator_type_es"])


@pytest.mark.parametrize(
    "name, rows", [("partners_2021.csv", 267), ("implementing_partners_2021.csv", 519)]
)
def test_partner_lists_2021(name, rows, shared_file):
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


def test_pin_and_target_2022_wide_tables_become_one_long_table(shared_file):
    pin = shared_file("r4v", "pin_2022_by_admin1.csv")
    target = shared_file("r4v", "target_2022_by_admin1.csv")
    findings = []
    t = load_targets([pin, target], pin.parent, findings)
    assert not findings
    assert list(t.columns) == [
        "country",
        "admin1",
        "sector",
        "population_type",
        "people_in_need",
        "target",
    ]
    assert set(t["population_type"]) == {
        "in_destination",
        "in_transit",
        "host_community",
        "pendular",
        "colombian_returnees",
    }
    assert set(t["country"]) <= set(geography.COUNTRIES)
    # PiN and target of the same place, sector and population type sit on one row.
    assert not t.duplicated(["country", "admin1", "sector", "population_type"]).any()
    both = t["people_in_need"].notna() & t["target"].notna()
    assert both.sum() > 6000
    row = t[
        (t["country"] == "COL")
        & (t["admin1"] == "Amazonas")
        & (t["sector"] == "Education")
        & (t["population_type"] == "in_destination")
    ]
    assert len(row) == 1
    assert row["people_in_need"].iat[0] == 839  # 'PiN Dest Total'
    assert row["target"].iat[0] == 140  # 'Target Dest Total'


def test_admin1_reference_reads_as_a_table(shared_file):
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
