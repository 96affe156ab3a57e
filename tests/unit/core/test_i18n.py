"""Editions: catalogues complete and consistent, locale formats, names, narratives per
language, manifest languages. Expected strings are written out by hand."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from helpers.core import geography, i18n, localnumbers
from helpers.core.columns import age_gender_label, population_label
from helpers.core.errors import InputError
from helpers.core.sectors import sector_name, sector_name_language, sector_title
from helpers.figures import warnings
from helpers.inputs.manifest import read_manifest
from helpers.inputs.narratives import load_narratives
from helpers.present import findings_text
from helpers.present.formatting import (
    fmt_date,
    fmt_people,
    fmt_percent,
    fmt_usd,
    hidden_words,
    period_label,
)

PERCENT_NAMES = re.compile(r"%\((\w+)\)[sd]")
BRACE_NAMES = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")
NBSP = "\u00a0"


def _catalogue(lang):
    with i18n.catalogue_path(lang).open("rb") as f:
        return read_po(f, locale=lang)


def _names(text):
    return set(PERCENT_NAMES.findall(text)) | set(BRACE_NAMES.findall(text))


# ------------------------------------------------------------------------ catalogues


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_every_message_translated_none_fuzzy(lang):
    cat = _catalogue(lang)
    messages = [m for m in cat if m.id]
    assert len(messages) > 80
    for m in messages:
        assert not m.fuzzy, m.id
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(s.strip() for s in strings), m.id


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_placeholders_match_both_ways(lang):
    for m in _catalogue(lang):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set().union(*(_names(x) for x in ids))
        for s in strings:
            assert _names(s) == wanted, (m.id, s)


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_plural_forms_present(lang):
    cat = _catalogue(lang)
    assert cat.num_plurals >= 2
    for m in cat:
        if m.pluralizable:
            assert len(m.string) == cat.num_plurals, m.id


def test_catalogue_covers_the_marked_messages():
    with i18n.edition("es"):
        for text in [*findings_text.ANNEX.values(), *warnings.MESSAGES.values()]:
            i18n.gettext(text)  # raises MissingTranslation when absent


def test_missing_translation_is_an_error_but_english_falls_back():
    assert i18n.gettext("No such message %(n)s", n=3) == "No such message 3"
    with i18n.edition("es"), pytest.raises(i18n.MissingTranslation, match="es translation"):
        i18n.gettext("No such message")


def test_edition_is_scoped_and_checked():
    assert i18n.language() == "en"
    with i18n.edition("pt"):
        assert i18n.language() == "pt"
        assert i18n.gettext("the region") == "a região"
    assert i18n.language() == "en"
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        with i18n.edition("fr"):
            pass


def test_newstyle_fill_after_translation():
    with i18n.edition("es"):
        assert i18n.gettext("fewer than %(min_count)s", min_count=5) == "menos de 5"
    assert i18n.ngettext("%(num)d row", "%(num)d rows", 1) == "1 row"
    assert i18n.ngettext("%(num)d row", "%(num)d rows", 2) == "2 rows"


def test_translations_object_for_jinja():
    t = i18n.translations("es")
    assert t.gettext("In transit") == "En tránsito"
    assert i18n.translations("en").gettext("In transit") == "In transit"


# ------------------------------------------------------------------------ formatting


@pytest.mark.parametrize(
    ("lang", "people", "percent", "when"),
    [
        ("en", "26,200", "78.8 %", "1 April 2024"),
        ("es", "26.200", f"78,8{NBSP}%", "1 de abril de 2024"),
        ("pt", "26.200", "78,8%", "1 de abril de 2024"),
    ],
)
def test_locale_formats(lang, people, percent, when):
    with i18n.edition(lang):
        assert fmt_people(26200) == people
        assert fmt_percent(78.75) == percent
        assert fmt_date("2024-04-01") == when


def test_half_up_before_locale_formatting():
    assert localnumbers.decimal(0.5, lang="es") == "1"
    assert localnumbers.decimal(2.5, lang="pt") == "3"  # Babel alone would give 2
    assert localnumbers.decimal(-0.4, lang="es") == "0"
    with i18n.edition("es"):
        assert fmt_percent(0.05) == f"0,1{NBSP}%"


def test_money_and_short_forms():
    with i18n.edition("es"):
        assert fmt_usd(3_521_000) == f"3.521.000{NBSP}USD"
        assert fmt_usd(3_521_000, short=True) == f"3,5{NBSP}M{NBSP}USD"
        assert fmt_people(26_200, short=True) == f"26,2{NBSP}mil"
    with i18n.edition("pt"):
        assert fmt_usd(3_521_000) == f"USD{NBSP}3.521.000"
    assert fmt_usd(3_521_000) == "USD 3,521,000"
    assert fmt_usd(3_521_000, short=True) == "USD 3.5M"
    assert fmt_people(26_200, short=True) == "26.2K"


def test_tokens_unchanged_and_words_translated():
    with i18n.edition("es"):
        assert fmt_people("<5") == "<5"
        assert fmt_people("[c]") == "[c]"
        assert hidden_words("<5") == "menos de 5"
        assert hidden_words("[c]") == "un número no divulgado"
    with i18n.edition("pt"):
        assert hidden_words("<5") == "menos de 5"
    assert hidden_words("<5") == "fewer than 5"


def test_periods_and_months():
    assert period_label("2023-01", "2023-06") == "January–June 2023"
    with i18n.edition("es"):
        assert period_label("2023-01", "2023-12") == "2023"
        assert period_label("2023-01", "2023-06") == "enero–junio de 2023"
        assert period_label("2023-11", "2024-02") == "noviembre de 2023 – febrero de 2024"
    with i18n.edition("pt"):
        assert period_label("2023-01", "2023-06") == "janeiro–junho de 2023"


def test_warning_message_in_edition_and_english_kept():
    w = {"code": "target_exceeded", "percent": 1234.5}
    assert warnings.english(w) == (
        "People reached are 1,235 % of the target: check that the targets are this period's."
    )
    with i18n.edition("es"):
        assert warnings.message(w) == (
            f"Las personas alcanzadas equivalen al 1.235{NBSP}% de la meta: verifique que las "
            "metas correspondan a este período."
        )


def test_finding_message_in_edition():
    finding = {"check": "encoding", "params": {"encoding": "cp1252"}}
    assert findings_text.message(finding) == "The file is not UTF-8: it was read as cp1252."
    with i18n.edition("pt"):
        assert findings_text.message(finding) == (
            "O arquivo não está em UTF-8: foi lido como cp1252."
        )
        assert findings_text.message({"check": "nope"}) == (
            "Consulte `r4v-report validate` para ver esta constatação."
        )


# ------------------------------------------------------------------------ names


def test_scope_names_per_edition():
    assert geography.scope_name("southern-cone") == "Southern Cone"
    assert geography.scope_name("PER") == "Peru"
    with i18n.edition("es"):
        assert geography.scope_name("southern-cone") == "Cono Sur"
        assert geography.scope_name("PER") == "Perú"
        assert geography.scope_name("central-america-mexico") == "Centroamérica y México"
        assert geography.country_name("TTO") == "Trinidad y Tobago"
    with i18n.edition("pt"):
        assert geography.scope_name("COL") == "Colômbia"
        assert geography.scope_name("caribbean") == "Caribe"
        assert geography.country_name("GUY") == "Guiana"


def test_country_names_agree_with_cldr():
    import csv

    from babel import Locale

    with geography.NAMES_FILE.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] == "country"]
    assert {r["id"] for r in rows} == set(geography.COUNTRIES)
    for r in rows:
        for lang in ("es", "pt"):
            assert Locale(lang).territories[r["iso2"]] == r[lang], (r["id"], lang)


def test_population_age_gender_and_sector_names():
    with i18n.edition("es"):
        assert population_label("host_community") == "Comunidades de acogida afectadas"
        assert population_label("colombian_returnees") == "Retornados colombianos"
        assert population_label("not_disaggregated") == "Sin desagregar"
        assert age_gender_label("girls") == "Niñas"
        assert sector_name("Protection (Human Trafficking and Smuggling)") == (
            "Protección (Trata y Tráfico de Personas)"
        )
        assert sector_name("Made-up sector") == "Made-up sector"
        assert sector_name_language("Made-up sector") == "en"
    with i18n.edition("pt"):
        assert population_label("host_community") == "Comunidades de acolhida afetadas"
        assert population_label("colombian_returnees") == "Colombianos retornados"


# ------------------------------------------------------------------------ narratives

TEXT = "## Situation\n\nIn {scope}.\n\n## Response\n\nReached {reached}.\n"
TEXT_ES = "## Situación\n\nEn {scope}.\n\n## Respuesta\n\nSe alcanzó a {reached}.\n"


def _write(folder, rel, text):
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_narratives_by_language_and_scope(tmp_path):
    _write(tmp_path, "narratives/COL.md", TEXT)
    _write(tmp_path, "narratives/es/COL.md", TEXT_ES)
    _write(tmp_path, "narratives/es/region.md", TEXT_ES)
    n = load_narratives([tmp_path / "narratives"], tmp_path)
    assert n["en", "COL"]["situation"] == "In {scope}."
    assert n["es", "COL"]["response"] == "Se alcanzó a {reached}."
    assert n["COL"]["situation"] == "In {scope}."  # the active edition: English
    assert list(n) == ["COL"]
    with i18n.edition("es"):
        assert n["COL"]["situation"] == "En {scope}."
        assert set(n) == {"COL", "region"}
    assert n.missing("COL") == ["pt"]
    assert n.missing("region") == ["en", "pt"]
    assert n.languages == ["en", "es"]


def test_narrative_twice_for_one_language_is_an_error(tmp_path):
    _write(tmp_path, "narratives/COL.md", TEXT)
    _write(tmp_path, "narratives/en/COL.md", TEXT)
    with pytest.raises(InputError, match="two en narratives for chapter 'COL'"):
        load_narratives([tmp_path / "narratives"], tmp_path)


def test_narrative_folder_that_is_not_a_language(tmp_path):
    _write(tmp_path, "narratives/fr/COL.md", TEXT)
    with pytest.raises(InputError, match="narratives folder 'fr' is not a language"):
        load_narratives([tmp_path / "narratives"], tmp_path)


def test_sample_narratives_in_three_languages(sample_dataset):
    n = sample_dataset.narratives
    assert n.languages == ["en", "es", "pt"]
    assert all(n.missing(scope) == [] for scope in n)
    assert n["pt", "MEX"]["situation"].startswith("Este texto é sintético")


# ------------------------------------------------------------------------ manifest

MANIFEST = "period: {start: 2023-01, end: 2023-12}\nactivities: a.csv\nindicators: i.csv\n"


def _manifest(tmp_path, extra=""):
    (tmp_path / "a.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / "i.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / "dataset.yaml").write_text(MANIFEST + extra, encoding="utf-8")
    return read_manifest(tmp_path)


def test_manifest_languages_default_all_three(tmp_path):
    assert _manifest(tmp_path).languages == ("en", "es", "pt")


def test_manifest_languages_in_edition_order(tmp_path):
    assert _manifest(tmp_path, "languages: [pt, en, pt]\n").languages == ("en", "pt")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[en, fr]", "'languages' names an unknown language: fr"),
        ("[]", "'languages' must list language codes"),
        ("{en: yes}", "'languages' must list language codes"),
    ],
)
def test_manifest_languages_errors(tmp_path, value, message):
    with pytest.raises(InputError, match=re.escape(message)) as exc:
        _manifest(tmp_path, f"languages: {value}\n")
    assert "dataset.yaml" in str(exc.value)
    assert "languages" in str(exc.value)


def test_sector_title_is_the_reports_heading_in_each_edition():
    # The 5W's sector, however spaced or cased, is titled by its sub-sector alone.
    assert sector_title("protection  (human trafficking and smuggling)") == (
        "Human Trafficking and Smuggling"
    )
    with i18n.edition("es"):
        assert sector_title("Protection (Human Trafficking and Smuggling)") == (
            "Trata y Tráfico de Personas"
        )
        # another R4V sector keeps its full R4V name, in the edition's language
        assert sector_title("Education") == "Educación"
    assert sector_title("Made-up sector") == "Made-up sector"
