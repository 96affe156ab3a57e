"""Partner counts (METHOD.md "Partners"): distinct organisations, never summed across scopes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.figures import partners
from helpers.inputs.organisations import PartnerIndex
from helpers.inputs.references import load_partners

DA = "# of people receiving assistance and protection services"  # RE-PRHT3
TRAINED = "# of people trained"  # RE-PRHT1
MECH = "# of institutional mechanisms supported"  # RE-PRHT2

REFERENCE = (
    "Name,Nombre,Nome,Acronym.Short.Name,Type,RMlead\n"
    "International Organization for Migration,Organización Internacional para las "
    "Migraciones,Organização Internacional para as Migrações,IOM,UN Agency,No\n"
    "Fundación Nueva Vida,,,FNV,NGO,No\n"
    "Venezolanos en Acción,,,VEA,Refugee- and migrant-led,Yes\n"
    "Otra Fundación,,,,NGO,Sí\n"
)


def reference(tmp_path: Path, text: str = REFERENCE) -> PartnerIndex:
    (tmp_path / "partners.csv").write_text(text, encoding="utf-8")
    findings: list = []
    table = load_partners([tmp_path / "partners.csv"], tmp_path, findings)
    assert findings == []
    return PartnerIndex(table)


def test_reporting_partners_any_indicator_type(activity_rows):
    rows = activity_rows(
        [
            {"org": "Org A", "indicator": DA, "new": 5},  # Direct Assistance
            {"org": "Org B", "indicator": TRAINED, "new": 20},  # Capacity Building only
            {"org": "Org C", "indicator": MECH, "quantity_output": 1},  # Mechanism only
            {"org": "Org A", "indicator": MECH, "quantity_output": 2},
            {"org": "Org D", "indicator": DA, "new": 0},  # a row of the sector, nobody new
        ]
    )
    # A, B, C, D each have at least one row of the sector: 4 (A counted once)
    assert partners.reporting_partners(rows, PartnerIndex(None)) == {
        "Org A",
        "Org B",
        "Org C",
        "Org D",
    }


def test_implementing_partner_follows_setup(activity_rows):
    rows = activity_rows(
        [
            {"org": "Org A", "setup": "No", "partner": ""},  # A implements itself -> A
            {"org": "Org A", "setup": "Yes", "partner": "Org B"},  # through B -> B
            {"org": "Org A", "setup": "No", "partner": "Org C"},  # set-up No: A, C is ignored
            {"org": "Org D", "setup": "Yes", "partner": ""},  # Yes, nobody named -> D (a finding)
            {"org": "Org G", "setup": "Sí", "partner": "Org H"},  # Spanish yes -> H
        ]
    )
    assert partners.implementer_column(rows).tolist() == [
        "Org A",
        "Org B",
        "Org A",
        "Org D",
        "Org H",
    ]
    idx = PartnerIndex(None)
    # implementing: A, B, D, H = 4 (C never implemented; G only appealed)
    assert partners.implementing_partners(rows, idx) == {"Org A", "Org B", "Org D", "Org H"}
    # reporting: the appealing organisations A, D, G = 3
    assert partners.reporting_partners(rows, idx) == {"Org A", "Org D", "Org G"}


def test_blank_setup_with_named_partner_counts_as_yes(activity_rows):
    # (ours) a blank set-up with a named implementing partner is read as set-up Yes
    rows = activity_rows(
        [
            {"org": "Org E", "setup": "", "partner": "Org F"},
            {"org": "Org E", "setup": "", "partner": ""},
        ]
    )
    assert partners.implementer_column(rows).tolist() == ["Org F", "Org E"]
    assert partners.implementing_partners(rows, PartnerIndex(None)) == {"Org F", "Org E"}


def test_refugee_migrant_led_from_reference(tmp_path, activity_rows):
    idx = reference(tmp_path)
    rows = activity_rows(
        [
            {"org": "IOM", "setup": "Yes", "partner": "VEA"},  # implementer: Venezolanos en Acción
            {"org": "FNV", "setup": "Yes", "partner": "IOM"},  # FNV appeals, IOM implements
            {"org": "Otra Fundación", "setup": "No"},  # implements itself; flagged 'Sí'
            {"org": "Org Z", "setup": "No"},  # not in the reference: never flagged
        ]
    )
    implementers = partners.implementing_partners(rows, idx)
    assert implementers == {
        "Venezolanos en Acción",
        "International Organization for Migration",
        "Otra Fundación",
        "Org Z",
    }
    # flagged implementers: Venezolanos en Acción (Yes) and Otra Fundación (Sí) = 2
    assert partners.refugee_migrant_led(implementers, idx) == {
        "Venezolanos en Acción",
        "Otra Fundación",
    }
    # an appealing-only organisation is not an implementing partner, flagged or not
    only_appeals = activity_rows([{"org": "VEA", "setup": "Yes", "partner": "IOM"}])
    assert (
        partners.refugee_migrant_led(partners.implementing_partners(only_appeals, idx), idx)
        == set()
    )


def test_partner_counts_are_distinct_never_summed(activity_rows):
    rows = activity_rows(
        [
            {"country": "ABW", "org": "Org A"},
            {"country": "ABW", "org": "Org B"},
            {"country": "DOM", "org": "Org B"},
            {"country": "DOM", "org": "Org C", "setup": "Yes", "partner": "Org A"},
        ]
    )
    idx = PartnerIndex(None)
    abw = partners.reporting_partners(rows[rows["country"] == "ABW"], idx)
    dom = partners.reporting_partners(rows[rows["country"] == "DOM"], idx)
    assert (len(abw), len(dom)) == (2, 2)  # ABW {A, B}; DOM {B, C}
    # Caribbean: |{A, B, C}| = 3, not 2 + 2 = 4
    assert len(partners.reporting_partners(rows, idx)) == 3
    # implementers: ABW {A, B}, DOM {B, A} -> Caribbean {A, B} = 2, not 4
    assert len(partners.implementing_partners(rows, idx)) == 2


def test_partner_names_normalised_and_resolved_through_reference(tmp_path, activity_rows):
    idx = reference(tmp_path)
    iom = "International Organization for Migration"
    rows = activity_rows(
        [
            {"org": "International Organization for Migration"},
            {"org": "  international   organization FOR migration "},  # case and spaces
            {"org": "IOM"},  # acronym
            {"org": "iom"},  # acronym, other case
            {"org": "Organización Internacional para las Migraciones"},  # Spanish name
            {"org": "Organização Internacional para as Migrações"},  # Portuguese name
            {"org": "Fundación Nueva Vida"},
            {"org": "FUNDACIÓN NUEVA VIDA"},  # case-folded, accent kept: the same
            {"org": "Fundacion Nueva Vida"},  # accent dropped: another organisation
        ]
    )
    assert [idx.resolve(n) for n in rows["appealing_org"][:6]] == [iom] * 6
    # IOM (6 spellings), Fundación Nueva Vida (2), Fundacion Nueva Vida (1) = 3
    assert partners.reporting_partners(rows, idx) == {
        iom,
        "Fundación Nueva Vida",
        "Fundacion Nueva Vida",
    }
    # ... unless the reference links the two spellings
    linked = reference(
        tmp_path,
        REFERENCE.replace("Fundación Nueva Vida,,", "Fundación Nueva Vida,Fundacion Nueva Vida,"),
    )
    assert partners.reporting_partners(rows, linked) == {iom, "Fundación Nueva Vida"}


def test_partner_names_normalised_without_reference(activity_rows):
    rows = activity_rows(
        [{"org": "Org X"}, {"org": " org   x"}, {"org": "ORG X "}, {"org": "Órg X"}]
    )
    # trim, case-fold, collapse spaces -> 'org x' three times; 'órg x' keeps its accent: 2
    assert len(partners.reporting_partners(rows, PartnerIndex(None))) == 2


def test_empty_organisation_names_are_not_partners(activity_rows):
    idx = PartnerIndex(None)
    assert idx.resolve("") is None and idx.resolve("  ") is None and idx.resolve(None) is None
    rows = activity_rows([{"org": ""}, {"org": "Org A"}])
    assert partners.reporting_partners(rows, idx) == {"Org A"}


def test_ambiguous_alias_is_not_resolved(tmp_path):
    # (ours) an acronym shared by two reference organisations resolves to neither
    idx = reference(
        tmp_path,
        "Name,Acronym.Short.Name,Type\nAcción Contra el Hambre,ACH,NGO\n"
        "Asociación Cristiana de Hogares,ACH,NGO\n",
    )
    assert idx.resolve("ACH") == "ACH"
    assert idx.resolve("acción contra el hambre") == "Acción Contra el Hambre"
    assert not idx.known("ACH")


def test_reference_table_is_not_required(activity_rows):
    idx = PartnerIndex(None)
    assert not idx.has_reference
    rows = activity_rows([{"org": "Org A", "setup": "Yes", "partner": "Org B"}])
    implementers = partners.implementing_partners(rows, idx)
    assert implementers == {"Org B"}
    assert partners.refugee_migrant_led(implementers, idx) == set()
    assert not PartnerIndex(
        pd.DataFrame(columns=["name", "aliases", "acronym", "type", "refugee_migrant_led"])
    ).has_reference


def test_ampersand_and_spellings_are_one_organisation_named_as_first_met(activity_rows):
    # (deliberate) '&' reads as 'and', case and spaces do not matter: one organisation,
    # named by the first spelling met in the rows
    idx = PartnerIndex(None)
    rows = activity_rows(
        [{"org": "Save & Protect"}, {"org": "save and protect"}, {"org": "SAVE  &  PROTECT"}]
    )
    assert partners.reporting_partners(rows, idx) == {"Save & Protect"}
    assert (
        partners.organisation_names(rows["appealing_org"], idx).tolist() == ["Save & Protect"] * 3
    )
    # the implementer names are the ones the counts name; a blank one is None
    blank = activity_rows([{"org": ""}, {"org": "Org A", "setup": "Yes", "partner": "ORG  B"}])
    assert partners.implementer_names(blank, idx).tolist() == [None, "ORG B"]
