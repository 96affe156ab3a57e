"""Organisation names resolved through the partner reference (name, Spanish and
Portuguese names, acronym): the index every partner count and table uses."""

from __future__ import annotations

from helpers.inputs.organisations import PartnerIndex
from helpers.inputs.references import load_partners


def test_partner_list_resolves_acronyms_and_spanish_names(shared_file):
    path = shared_file("r4v", "partners_2021.csv")
    index = PartnerIndex(load_partners([path], path.parent, []))
    name = "Argentine Catholic Migration Commission Foundation (FCCAM)"
    assert index.resolve("FCCAM") == name
    assert index.resolve("fundación comisión católica argentina de migraciones (fccam)") == name
