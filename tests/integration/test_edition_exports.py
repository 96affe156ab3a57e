"""Each edition's exports (`es/COL.csv`, `es/COL.json`, `es/COL.datapackage.json`): the
project's words in the edition's language, the same numbers, field names, hashtags and ids
as the English files, and a data package that describes them in that language and reads
them (the sample's chapters, built in-process)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re

import pytest
from markupsafe import escape

from helpers.chapter.build import build_chapter
from helpers.present import render

frictionless = pytest.importorskip("frictionless")

SCOPES = ("region", "caribbean", "COL", "ABW")

# Strings an edition keeps as the English file has them: ids, codes and dates, and what the
# data name (places below country level, activities, organisations, indicators from the
# indicator list where it gives no name in the edition's language, situation indicators
# with their units and sources), or names that happen to be spelt alike (Colombia, Chile).
KEPT = {
    ".dataset",
    ".scope.id",
    ".scope.name",
    ".scope.level",
    ".key_figures.id",
    ".key_figures.iso3",
    ".key_figures.name",
    ".key_figures.platform",
    ".key_figures.countries[]",
    ".key_figures.warnings[].code",
    ".key_figures.warnings[].file",
    ".key_figures.warnings[].organisation",
    ".funding_as_of",
    ".period.start",
    ".period.end",
    ".tables.infographic[].id",
    ".tables.infographic[].name",
    ".tables.reached_vs_target[].id",
    ".tables.age_gender[].id",
    ".tables.progress[].month",
    ".tables.by_activity[].id",
    ".tables.by_activity[].name",
    ".tables.by_partner[].id",
    ".tables.by_partner[].name",
    ".tables.outputs[].indicator",
    ".tables.lessons_countries[].id",
    ".tables.lessons_countries[].name",
    ".tables.lessons_platforms[].id",
    ".tables.lessons_platforms[].name",
    ".tables.misalignment[].id",
    ".tables.misalignment[].name",
    ".tables.misalignment_organisations[].id",
    ".tables.misalignment_organisations[].name",
    ".tables.situation[].country",
    ".tables.situation[].indicator",
    ".tables.situation[].unit",
    ".tables.situation[].source",
    ".tables.situation[].date",
    ".tables.situation[].value",
    ".withheld_tables[]",
}


@pytest.fixture(scope="module")
def published(sample_dataset, tmp_path_factory):
    """The reports folder with the four chapters written in every edition."""
    out = tmp_path_factory.mktemp("edition-exports")
    for scope in SCOPES:
        render.write_publication(build_chapter(sample_dataset, scope), out)
    return out


def _json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _leaves(value, path=""):
    """(path, value) of every leaf, lists' items under `[]`."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item, f"{path}[]")
    else:
        yield path, value


def _rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("scope", SCOPES)
def test_an_editions_document_has_the_same_numbers_and_keys(published, scope, lang):
    english = list(_leaves(_json(published / f"{scope}.json")))
    edition = list(_leaves(_json(published / lang / f"{scope}.json")))
    assert [path for path, _ in edition] == [path for path, _ in english]
    for (path, ours), (_, theirs) in zip(edition, english, strict=True):
        if not isinstance(theirs, str) or path.startswith(".provenance"):
            assert ours == theirs, path  # numbers, flags, nulls, provenance: as in English


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_no_sentence_or_label_of_the_project_is_left_in_english(published, lang):
    left = set()
    for scope in SCOPES:
        english = _leaves(_json(published / f"{scope}.json"))
        edition = _leaves(_json(published / lang / f"{scope}.json"))
        for (path, ours), (_, theirs) in zip(edition, english, strict=True):
            if isinstance(ours, str) and ours == theirs and re.search("[A-Za-z]{3}", ours):
                if not path.startswith(".provenance") and path not in KEPT:
                    left.add((path, ours))
    assert not left


def test_provenance_names_the_period_by_its_months_not_in_english_words(published):
    """The provenance is the same in every edition, so it holds no sentence: the period as
    its first and last months (it was "2023-01 to 2023-12" in every language)."""
    for folder in (published, published / "es"):
        parameters = _json(folder / "COL.json")["provenance"]["parameters"]
        assert parameters["period"] == {"start": "2023-01", "end": "2023-12"}


def test_the_spanish_colombia_document_in_spanish_words(published):
    doc = _json(published / "es" / "COL.json")
    assert doc["language"] == "es"
    assert doc["sector"] == "Protección (Trata y Tráfico de Personas)"
    assert [r["label"] for r in doc["tables"]["reached_vs_target"]] == [
        "En destino",
        "En tránsito",
        "Comunidades de acogida afectadas",
        "Pendulares",
        "Retornados colombianos",
        "Todos los tipos de población",
    ]
    assert doc["tables"]["by_activity"][-1]["name"] == "Total"  # the totals row, "All"
    assert {r["issue"] for r in doc["tables"]["misalignment_organisations"]} == {
        "personas alcanzadas sin financiamiento registrado"
    }
    assert doc["tables"]["outputs"][0]["measure"] == "personas capacitadas"
    # Colombia alone: no rank correlation, no spread (METHOD.md, lessons)
    assert doc["lessons"]["rank_correlation"]["note"] == (
        "Con 1 país, no puede calcularse una correlación de rangos entre el financiamiento "
        "y las personas alcanzadas."
    )
    assert doc["lessons"]["coverage_spread"]["note"] == (
        "La cobertura del financiamiento solo se conoce para 1 país, por lo que no puede "
        "medirse su distribución."
    )


def test_the_regions_notes_and_names_in_portuguese(published):
    doc = _json(published / "pt" / "region.json")
    assert doc["key_figures"]["notes"]["reached.in_transit"].startswith(
        "Não é somado entre países: as pessoas em trânsito podem ser assistidas"
    )
    names = {r["id"]: r["name"] for r in doc["tables"]["infographic"]}
    assert names["southern-cone"] == "Cone Sul" and names["total"] == "Região"
    assert names["central-america-mexico"] == "América Central e México"


def test_an_editions_csv_names_places_in_its_language_and_keeps_the_rest(published):
    english, spanish = _rows(published / "region.csv"), _rows(published / "es" / "region.csv")
    assert spanish[:2] == english[:2]  # field names and HXL hashtags
    name = english[0].index("name")
    by_id = {r[1]: r for r in spanish[2:]}
    assert by_id["southern-cone"][name] == "Cono Sur"
    assert by_id["peru"][name] == "Perú"
    assert by_id["caribbean"][name] == "Caribe"
    for ours, theirs in zip(spanish[2:], english[2:], strict=True):
        assert ours[:name] + ours[name + 1 :] == theirs[:name] + theirs[name + 1 :]
    portuguese = _rows(published / "pt" / "COL.csv")
    country = english[0].index("country_name")
    assert {r[country] for r in portuguese[2:]} == {"Colômbia"}
    assert portuguese[2][name] == "Colômbia"  # the country's row
    assert _rows(published / "COL.csv")[3][name] == portuguese[3][name]  # admin-1 as given


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("scope", ["region", "ABW"])
def test_an_editions_data_package_reads_its_files(published, scope, lang):
    package = published / lang / f"{scope}.datapackage.json"
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    described = {r["path"]: r["hash"] for r in _json(package)["resources"]}
    for name, digest in described.items():
        data = (published / lang / name).read_bytes()
        assert digest == "sha256:" + hashlib.sha256(data).hexdigest()


def test_the_spanish_data_package_describes_every_column_in_spanish(published):
    english = _json(published / "COL.datapackage.json")
    spanish = _json(published / "es" / "COL.datapackage.json")
    fields = spanish["resources"][0]["schema"]["fields"]
    english_fields = english["resources"][0]["schema"]["fields"]
    assert [(f["name"], f["hxl"], f["type"]) for f in fields] == [
        (f["name"], f["hxl"], f["type"]) for f in english_fields
    ]
    for ours, theirs in zip(fields, english_fields, strict=True):
        assert ours["title"] != theirs["title"], ours["name"]
        assert ours["description"] != theirs["description"], ours["name"]
    titles = {f["name"]: f["title"] for f in fields}
    assert titles["reached_total"] == "Personas alcanzadas"
    assert titles["percent_of_target"] == "% de la meta"
    assert titles["country_code"] == "País (ISO3)"
    total = next(f for f in fields if f["name"] == "reached_total")
    assert total["description"] == (
        "Personas alcanzadas, todos los tipos de población. Cuando se oculta, se muestra "
        "como `<k` (k: el conteo más pequeño publicado) o como `[c]`."
    )
    assert spanish["title"] == (
        "Protección (Trata y Tráfico de Personas): Colombia, RMRP 2023 end-year (synthetic sample)"
    )
    assert "Datos sintéticos." in spanish["description"]
    assert "Los conteos de personas de 1 a 4 se muestran como <5" in spanish["description"]
    assert spanish["r4v"]["language"] == "es" and english["r4v"]["language"] == "en"
    assert spanish["resources"][0]["schema"]["missingValues"] == ["", "<5", "[c]"]


def test_the_english_notes_are_the_words_of_the_annex(published):
    """The English exports' notes come from the same sentences as the annex and the other
    editions (present.statistics_text), not from a wording of their own."""
    colombia = _json(published / "COL.json")["lessons"]
    assert colombia["rank_correlation"]["note"] == (
        "With 1 country, a rank correlation between funding and people reached cannot be computed."
    )
    assert colombia["coverage_spread"]["note"] == (
        "Funding coverage is known for 1 country only, so its spread cannot be measured."
    )
    region = _json(published / "region.json")["lessons"]
    annex = (published / "region-annex.html").read_text(encoding="utf-8")
    for key in ("rank_correlation", "coverage_spread"):
        note = region[key]["note"]
        assert note.startswith(("Spearman's rank correlation", "Across 17 countries"))
        assert str(escape(note)) in annex  # as Jinja escapes it


def test_an_exact_chapter_has_its_editions_exports_too(sample_dataset, tmp_path):
    """Exact exports (asked for by the user, never published) in every edition: exact
    tables carry fewer texts; the Spanish files are still valid and say they are exact."""
    render.write_publication(build_chapter(sample_dataset, "COL", exact=True), tmp_path)
    english, spanish = _json(tmp_path / "COL.json"), _json(tmp_path / "es" / "COL.json")
    assert spanish["exact"] is True
    assert spanish["key_figures"]["reached"] == english["key_figures"]["reached"]
    package = tmp_path / "es" / "COL.datapackage.json"
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert "Cifras exactas: no se oculta ningún conteo." in _json(package)["description"]


def test_figures_in_spanish_name_and_describe_in_spanish_the_same_numbers(
    sample_folder, tmp_path, capsys
):
    """`r4v-report figures --lang es --out DIR`: the whole dataset's figures, named and
    described in Spanish, with the English run's numbers, ids and codes."""
    from helpers.cli.main import main

    base = ["figures", "--data", str(sample_folder), "--out"]
    assert main([*base, str(tmp_path / "en")]) == 0
    assert main([*base, str(tmp_path / "es"), "--lang", "es"]) == 0
    english, spanish = (
        _rows(tmp_path / "en" / "figures.csv"),
        _rows(tmp_path / "es" / "figures.csv"),
    )
    name, country = english[0].index("name"), english[0].index("country_name")
    assert spanish[:2] == english[:2]
    for ours, theirs in zip(spanish[2:], english[2:], strict=True):
        assert [v for i, v in enumerate(ours) if i not in (name, country)] == [
            v for i, v in enumerate(theirs) if i not in (name, country)
        ]
    by_id = {r[1]: r for r in spanish[2:]}
    assert by_id["MEX"][name] == by_id["MEX"][country] == "México"
    assert by_id["central-america-mexico"][name] == "Centroamérica y México"
    assert by_id["REGIONAL"][name] == "Actividades regionales"
    document = _json(tmp_path / "es" / "figures.json")
    assert document["region"]["notes"]["reached.in_transit"].startswith("No se suma entre países")
    package = tmp_path / "es" / "figures.datapackage.json"
    assert frictionless.validate(str(package)).valid
    described = _json(package)
    assert described["r4v"]["language"] == "es"
    # what a program reads stays as the dataset spells it: same name and sector as English
    in_english = _json(tmp_path / "en" / "figures.datapackage.json")
    assert (
        described["name"]
        == in_english["name"]
        == ("protection-human-trafficking-and-smuggling-figures")
    )
    assert described["r4v"]["sector"] == "Protection (Human Trafficking and Smuggling)"
    assert described["title"].startswith(
        "Protección (Trata y Tráfico de Personas): cifras por país, plataforma y región"
    )
    capsys.readouterr()
