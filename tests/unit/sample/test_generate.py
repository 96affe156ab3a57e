"""The shipped synthetic sample: deterministic, committed as generated, right headline.

The headline is recomputed here with plain pandas, independently of the project's
loaders and computations, following shared/spec/METHOD.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from helpers.core.geography import COUNTRIES, PLATFORMS, REGIONAL, resolve_country
from helpers.sample.generate import SAMPLE_FILES, generate_sample

HTS = "Protection (Human Trafficking and Smuggling)"
HTS_CLUSTER = "Human Trafficking & Smuggling"

# activities_southern_cone.xlsx (R-renamed) -> activities.csv (ActivityInfo export)
R_TO_EXPORT = {
    "Country": "Country",
    "Admin1": "Country Admin1",
    "Admin2": "Admin2",
    "Appealing_org": "Appealing organisation Name",
    "Implementation": "Implementation Set up",
    "Implementing_partner": "Implementing partner Name",
    "Month": "Month",
    "Subsector": "Indicator Sector",
    "Indicator": "Indicator",
    "Activity_Name": "Activity Name",
    "Activity_Description": "Activity Description",
    "RMRPActivity": "RMRP Activity",
    "CVA": "CVA",
    "Value": "Value (in USD)",
    "Delivery_mechanism": "Delivery mechanism",
    "Quantity_output": "Quantity of output",
    "Total_monthly": "Total monthly beneficiaries",
    "New_beneficiaries": "New beneficiaries of the month",
    "IN_DESTINATION": "Refugees and Migrants IN DESTINATION",
    "IN_TRANSIT": "Refugees and Migrants IN TRANSIT",
    "Host_Communities": "Host Communities Beneficiaries",
    "PENDULARS": "Refugees and Migrants PENDULARS",
    "Returnees": "Colombian Returnees",
    "Girls": "Women under 18",
    "Boys": "Men under 18",
    "Women": "Women above 18",
    "Men": "Men above 18",
    "Other_under": "Other under 18",
    "Other_above": "Other above 18",
}
NEW = "New beneficiaries of the month"
POP = {
    "In destination": "Refugees and Migrants IN DESTINATION",
    "In transit": "Refugees and Migrants IN TRANSIT",
    "Host community": "Host Communities Beneficiaries",
    "Pendular": "Refugees and Migrants PENDULARS",
    "Colombian returnees": "Colombian Returnees",
}
TRANSIT = POP["In transit"]
AGE_GENDER = list(R_TO_EXPORT.values())[-6:]
NUMERIC = [NEW, *POP.values(), *AGE_GENDER, "Total monthly beneficiaries", "Quantity of output"]
PLACEHOLDERS = {
    "reached",
    "reached_excluding_in_transit",
    "in_destination",
    "in_transit",
    "host_community",
    "pendular",
    "colombian_returnees",
    "target",
    "percent_of_target",
    "reporting_partners",
    "implementing_partners",
    "refugee_migrant_led_partners",
    "donors",
    "funding_usd",
    "funding_as_of",
    "scope",
    "period",
}


def _norm(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def acts(sample_folder) -> pd.DataFrame:
    csv = pd.read_csv(sample_folder / "activities.csv", dtype=str, keep_default_na=False)
    xl = pd.read_excel(
        sample_folder / "activities_southern_cone.xlsx", dtype=str, engine="openpyxl"
    )
    assert list(xl.columns) == list(R_TO_EXPORT)
    xl = xl.rename(columns=R_TO_EXPORT).fillna("")
    assert list(csv.columns) == list(R_TO_EXPORT.values())
    df = pd.concat([csv, xl], ignore_index=True)
    for col in NUMERIC:
        df[col] = pd.to_numeric(df[col], errors="coerce").fillna(0.0)
    df["iso3"] = df["Country"].map(resolve_country)
    assert df["iso3"].notna().all(), df.loc[df["iso3"].isna(), "Country"].unique()
    ind = pd.read_csv(sample_folder / "indicators.csv", dtype=str)
    types = {
        (_norm(s), _norm(i)): t
        for s, i, t in zip(
            ind["Sector/Subsector/WG"], ind["Indicator"], ind["Indicator Type"], strict=True
        )
    }
    df["type"] = [
        types.get((_norm(s), _norm(i)))
        for s, i in zip(df["Indicator Sector"], df["Indicator"], strict=True)
    ]
    df["hts"] = df["Indicator Sector"].map(_norm) == _norm(HTS)
    df["people"] = df["hts"] & (df["type"] == "Direct Assistance")
    return df


@pytest.fixture(scope="module")
def org_key(sample_folder):
    partners = pd.read_csv(sample_folder / "partners.csv", dtype=str, keep_default_na=False)
    lookup, rm_led = {}, {}
    for _, p in partners.iterrows():
        for col in ("Name", "Nombre", "Nome", "Acronym.Short.Name"):
            if p[col].strip():
                lookup.setdefault(p[col].strip().casefold(), p["Name"])
        rm_led[p["Name"]] = p["RMlead"] == "Yes"

    def key(name: str) -> str:
        k = name.strip().casefold()  # trim and case-fold; accents kept
        return lookup.get(k, k)

    key.rm_led = rm_led
    return key


def _flows(sample: Path) -> list[dict]:
    flows = []
    for page in ("page-1.json", "page-2.json"):
        flows += json.loads((sample / "fts" / page).read_text("utf-8"))["data"]["flows"]
    return flows


def _counted_hts_flows(sample: Path) -> list[dict]:
    return [
        f
        for f in _flows(sample)
        if f["boundary"] == "incoming"
        and f["status"] != "pledge"
        and f["onBoundary"] == "single"
        and any(
            o["type"] == "Cluster" and o["name"] == HTS_CLUSTER for o in f["destinationObjects"]
        )
    ]


def _flow_country(flow: dict) -> str | None:
    locs = [o["name"] for o in flow["destinationObjects"] if o["type"] == "Location"]
    if len(locs) == 1 and resolve_country(locs[0]) in COUNTRIES:
        return resolve_country(locs[0])
    return None


# ----------------------------------------------------------------------------- generator


def test_same_seed_same_bytes_other_seed_differs(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    assert generate_sample(a) == a / "dataset.yaml"
    generate_sample(b, seed=2023)
    generate_sample(c, seed=7)
    fa, fb, fc = _files(a), _files(b), _files(c)
    assert sorted(fa) == sorted(SAMPLE_FILES)
    assert fa == fb
    assert fa["activities.csv"] != fc["activities.csv"]
    assert fa["activities_southern_cone.xlsx"] != fc["activities_southern_cone.xlsx"]
    assert fa["fts/page-1.json"] != fc["fts/page-1.json"]


def test_committed_sample_is_a_fresh_generation(tmp_path, sample_folder):
    generate_sample(tmp_path, seed=2023)
    fresh = _files(tmp_path)
    committed = _files(sample_folder)
    assert sorted(committed) == sorted(fresh)
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert not changed, f"regenerate data/sample (seed 2023): {changed}"


def test_sample_is_small(sample_folder):
    assert sum(len(b) for b in _files(sample_folder).values()) < 1_000_000


def test_manifest(sample_folder):
    m = yaml.safe_load((sample_folder / "dataset.yaml").read_text("utf-8"))
    assert m["name"] == "RMRP 2023 end-year (synthetic sample)"
    assert m["synthetic"] is True
    assert m["sector"] == HTS
    assert m["disclosure"] == {"min_count": 5}
    assert str(m["period"]["start"]) == "2023-01" and str(m["period"]["end"]) == "2023-12"
    for key in (
        "activities",
        "indicators",
        "partners",
        "targets",
        "requirements",
        "funding",
        "situation",
        "narratives",
    ):
        for rel in m[key] if isinstance(m[key], list) else [m[key]]:
            assert (sample_folder / rel).exists(), rel


# ----------------------------------------------------------------------------- headline


def test_headline_people_reached_and_target(acts, sample_folder):
    countries = acts[acts["people"] & acts["iso3"].isin(list(COUNTRIES))]
    reached = countries[NEW].sum() - countries[TRANSIT].sum()
    assert reached == pytest.approx(26_200, rel=0.01)

    targets = pd.read_csv(sample_folder / "targets.csv")
    targets["iso3"] = targets["Country"].map(resolve_country)
    hts = targets[(targets["Sector"].map(_norm) == _norm(HTS))]
    assert set(hts["iso3"]) == set(COUNTRIES)
    assert set(hts["Population type"]) == set(POP)
    target = hts.loc[hts["Population type"] != "In transit", "Target"].sum()
    assert 100 * reached / target == pytest.approx(78.8, abs=0.5)

    regional = acts[acts["people"] & (acts["iso3"] == REGIONAL)]
    assert regional[NEW].sum() == 83


def test_headline_partners(acts, org_key):
    hts = acts[acts["hts"]]
    reporting = {org_key(n) for n in hts["Appealing organisation Name"]}
    assert len(reporting) == 11
    implementers = {
        org_key(imp if setup == "Yes" else app)
        for app, setup, imp in zip(
            hts["Appealing organisation Name"],
            hts["Implementation Set up"],
            hts["Implementing partner Name"],
            strict=True,
        )
    }
    assert len(implementers) == 18
    assert sum(org_key.rm_led.get(o, False) for o in implementers) == 3
    # same counts without the regional rows and the unknown indicator (robust either way)
    known = hts[(hts["iso3"] != REGIONAL) & hts["type"].notna()]
    assert {org_key(n) for n in known["Appealing organisation Name"]} == reporting
    # names were typed in several ways: raw distinct names are more than organisations
    assert hts["Appealing organisation Name"].nunique() > len(reporting)


def test_headline_donors_and_funding_buckets(acts, sample_folder):
    counted = _counted_hts_flows(sample_folder)
    donors = {o["name"] for f in counted for o in f["sourceObjects"] if o["type"] == "Organization"}
    assert len(donors) == 5
    in_countries = [f for f in counted if _flow_country(f)]
    assert {
        o["name"] for f in in_countries for o in f["sourceObjects"] if o["type"] == "Organization"
    } == donors
    regional = [f for f in counted if not _flow_country(f)]
    n_locations = sorted(
        sum(o["type"] == "Location" for o in f["destinationObjects"]) for f in regional
    )
    assert n_locations[0] == 0 and n_locations[-1] >= 2

    funded = {_flow_country(f) for f in in_countries}
    people = acts[acts["people"] & acts["iso3"].isin(list(COUNTRIES))]
    reached = people.groupby("iso3")[NEW].sum()
    reached_set = set(reached[reached > 0].index)
    assert funded - reached_set, "a country with funding and no people reached"
    assert reached_set - funded, "a country with people reached and no funding"


def test_fts_pages_structure_and_totals(sample_folder):
    p1 = json.loads((sample_folder / "fts" / "page-1.json").read_text("utf-8"))
    p2 = json.loads((sample_folder / "fts" / "page-2.json").read_text("utf-8"))
    assert p1["status"] == "ok" and "nextLink" in p1["meta"] and "nextLink" not in p2["meta"]
    flows = _flows(sample_folder)
    assert p1["meta"]["count"] == len(flows)
    incoming = [f for f in flows if f["boundary"] == "incoming"]
    single = [f for f in incoming if f["onBoundary"] == "single"]
    totals = p1["data"]["incoming"]
    assert totals == p2["data"]["incoming"]
    assert totals["flowCount"] == len(incoming)
    assert totals["fundingTotal"] == sum(f["amountUSD"] for f in single if f["status"] != "pledge")
    assert totals["pledgeTotal"] == sum(f["amountUSD"] for f in single if f["status"] == "pledge")
    assert totals["pledgeTotal"] > 0
    assert any(f["onBoundary"] == "shared" for f in incoming)
    clusters = {o["name"] for f in flows for o in f["destinationObjects"] if o["type"] == "Cluster"}
    assert HTS_CLUSTER in clusters and len(clusters) > 1
    for f in flows:
        types = {o["type"] for o in f["destinationObjects"]}
        assert {"Organization", "Plan", "UsageYear"} <= types


# ----------------------------------------------------------------------------- coverage


def test_every_country_and_platform(acts, sample_folder):
    hts = acts[acts["hts"]]
    assert set(COUNTRIES) <= set(hts["iso3"])
    assert REGIONAL in set(hts["iso3"])
    assert (hts.loc[hts["iso3"] == REGIONAL, "Country Admin1"] == "").all()
    platforms = {COUNTRIES[c].platform for c in hts["iso3"] if c in COUNTRIES}
    assert platforms == set(PLATFORMS)
    xl = pd.read_excel(
        sample_folder / "activities_southern_cone.xlsx", sheet_name=None, engine="openpyxl"
    )
    assert len(xl) == 1
    cone = {resolve_country(c) for c in next(iter(xl.values()))["Country"]}
    assert cone == {"ARG", "BOL", "PRY", "URY"}
    csv = pd.read_csv(sample_folder / "activities.csv", dtype=str)
    assert not {resolve_country(c) for c in csv["Country"]} & cone


def test_every_indicator_type_and_population_type(acts):
    hts = acts[acts["hts"]]
    assert {"Direct Assistance", "Capacity Building", "Mechanism/Advocacy"} <= set(hts["type"])
    people = hts[hts["people"]]
    for col in POP.values():
        assert people[col].sum() > 0, col
    transit = people.groupby("iso3")[TRANSIT].sum()
    assert {"MEX", "PAN", "COL", "PER", "CHL", "ECU"} <= set(transit[transit > 0].index)
    months = sorted(acts["Month"].unique())
    assert months[0] == "2023-01" and months[-1] == "2023-12" and len(months) == 12


def test_indicator_list_in_spanish_with_two_blanks_on_purpose(sample_folder):
    ind = pd.read_csv(sample_folder / "indicators.csv", dtype=str, keep_default_na=False)
    assert list(ind.columns) == [
        "CODE",
        "Sector/Subsector/WG",
        "Indicator",
        "Indicator Type",
        "Indicador (SP)",
        "Tipo de indicador",
    ]
    ind = ind.set_index("CODE")
    # RE-PRHT2's name and RE-PRHT1's type are blank: the pages' fallbacks get exercised
    assert list(ind.index[ind["Indicador (SP)"] == ""]) == ["RE-PRHT2"]
    assert list(ind.index[ind["Tipo de indicador"] == ""]) == ["RE-PRHT1"]
    given = ind.loc[ind["Indicador (SP)"] != "", "Indicador (SP)"]
    assert given.str.startswith("# de ").all()
    assert "trata de personas" in ind.at["RE-PRHT1", "Indicador (SP)"]
    assert ind.at["RE-PRHT3", "Tipo de indicador"] == "Asistencia directa"


def test_partner_reference(org_key, sample_folder):
    partners = pd.read_csv(sample_folder / "partners.csv", dtype=str, keep_default_na=False)
    assert list(partners.columns) == [
        "Name",
        "Nombre",
        "Nome",
        "Acronym.Short.Name",
        "Type",
        "RMlead",
    ]
    assert set(partners["RMlead"]) == {"Yes", "No"}
    assert partners["Name"].is_unique


def test_narratives(sample_folder):
    folder = sample_folder / "narratives"
    names = {p.name for p in folder.glob("*.md")}
    assert names == {
        "region.md",
        "caribbean.md",
        "central-america-mexico.md",
        "southern-cone.md",
        "COL.md",
        "PER.md",
        "MEX.md",
    }
    for p in folder.glob("*.md"):
        text = p.read_text("utf-8")
        headings = re.findall(r"^(#+) (.+)$", text, flags=re.M)
        assert headings == [("##", "Situation"), ("##", "Response"), ("##", "Lessons learned")]
        assert set(re.findall(r"\{([^{}]*)\}", text)) <= PLACEHOLDERS, p.name
        assert text.lower().count("synthetic") == 1, p.name


@pytest.mark.parametrize(
    ("lang", "headings", "synthetic"),
    [
        ("es", ["Situación", "Respuesta", "Lecciones aprendidas"], "sintético"),
        ("pt", ["Situação", "Resposta", "Lições aprendidas"], "sintético"),
    ],
)
def test_narratives_in_every_edition(sample_folder, lang, headings, synthetic):
    english = {p.name for p in (sample_folder / "narratives").glob("*.md")}
    folder = sample_folder / "narratives" / lang
    assert {p.name for p in folder.glob("*.md")} == english
    for p in folder.glob("*.md"):
        text = p.read_text("utf-8")
        assert re.findall(r"^## (.+)$", text, flags=re.M) == headings, p.name
        assert set(re.findall(r"\{([^{}]*)\}", text)) <= PLACEHOLDERS, p.name
        assert text.lower().count(synthetic) == 1, p.name


def test_situation_is_synthetic(sample_folder):
    sit = pd.read_csv(sample_folder / "situation.csv")
    assert list(sit.columns) == ["Country", "Indicator", "Value", "Unit", "Source", "Date"]
    assert sit["Source"].str.contains("Synthetic").all()
    assert sit["Country"].map(resolve_country).nunique() >= 12


# ----------------------------------------------------------------------------- messiness


def test_messiness(acts):
    hts = acts[acts["people"]]
    pop_sum = hts[list(POP.values())].sum(axis=1)
    ag_sum = hts[AGE_GENDER].sum(axis=1)
    assert ((pop_sum - hts[NEW]).abs() > 0.01).sum() >= 3
    assert ((ag_sum - hts[NEW]).abs() > 0.01).sum() >= 2
    fractional = hts[list(POP.values()) + AGE_GENDER]
    assert ((fractional % 1).abs() > 0).any(axis=None)
    assert (hts[NEW] > hts["Total monthly beneficiaries"]).any()

    names = " ".join(acts["Activity Name"])
    assert "naturalizaciÃ³n" in names and "AtenciÃ³n" in names

    raw = set(acts["Country"])
    assert "Curacao" in raw and "Perú" in raw and "República Dominicana" in raw

    # small counts (1-4 people) in several countries
    small = hts[(hts[NEW] >= 1) & (hts[NEW] <= 4) & hts["iso3"].isin(list(COUNTRIES))]
    assert small["iso3"].nunique() >= 5

    # an HTS row whose indicator is not in the reference, carrying a few dozen people
    unknown = acts[acts["hts"] & acts["type"].isna()]
    assert len(unknown) == 1 and 20 <= unknown[NEW].sum() <= 60

    # rows of another sector, not counted
    other = acts[~acts["hts"]]
    assert len(other) >= 3 and other["type"].notna().all()

    # pendular and Colombian returnees mostly in COL/ECU/PER
    for col in (POP["Pendular"], POP["Colombian returnees"]):
        by = hts.groupby("iso3")[col].sum()
        assert by[["COL", "ECU", "PER"]].sum() > 0.8 * by.sum()
