from helpers.core import geography as g


def test_seventeen_countries_in_eight_platforms():
    assert len(g.COUNTRIES) == 17
    assert len(g.PLATFORMS) == 8
    assert sorted(c for p in g.PLATFORMS.values() for c in p.countries) == sorted(g.COUNTRIES)


def test_sub_regional_platform_membership():
    assert g.PLATFORMS["caribbean"].countries == ("ABW", "CUW", "DOM", "GUY", "TTO")
    assert g.PLATFORMS["central-america-mexico"].countries == ("CRI", "MEX", "PAN")
    assert g.PLATFORMS["southern-cone"].countries == ("ARG", "BOL", "PRY", "URY")


def test_country_spellings_resolve_to_iso3():
    for name, iso3 in [
        ("Curacao", "CUW"),
        ("Curaçao", "CUW"),
        ("Perú", "PER"),
        ("  peru ", "PER"),
        ("República Dominicana", "DOM"),
        ("Brasil", "BRA"),
        ("Trinidad & Tobago", "TTO"),
        ("MEX", "MEX"),
        ("México", "MEX"),
    ]:
        assert g.resolve_country(name) == iso3, name


def test_regional_and_unknown_countries():
    assert g.resolve_country("Regional") == g.REGIONAL
    assert g.resolve_country("Venezuela") is None
    assert g.resolve_country(None) is None
    assert g.resolve_country(float("nan")) is None


def test_platform_spellings():
    assert g.resolve_platform("Central America & Mexico") == "central-america-mexico"
    assert g.resolve_platform("Cono Sur") == "southern-cone"
    assert g.resolve_platform("Colombia") == "colombia"


def test_twenty_one_chapter_scopes():
    scopes = g.chapter_scopes()
    assert len(scopes) == 21
    assert scopes[0] == "region"
    assert g.resolve_scope("caribe") == "caribbean"
    assert g.resolve_scope("Perú") == "PER"
    assert g.resolve_scope("brazil") == "BRA"  # a national platform's chapter is its country's
    assert g.resolve_scope("Atlantis") is None
    assert g.resolve_scope("../../etc/passwd") is None
