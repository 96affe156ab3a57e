"""Editions of a chapter's pages and of the index: the Spanish and Portuguese pages print
the figures of `r4v-report figures` in their locale, are written in their language, say
which one, and link the other editions. Expected values written by hand from the sample."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from helpers.chapter.build import build_chapter
from helpers.present import render
from helpers.present.index import index_path, write_index

COMMON_ENGLISH = {"the", "and", "of", "people", "reached", "with", "by", "in", "not", "are"}


@pytest.fixture(scope="module")
def col_pages(sample_dataset, tmp_path_factory):
    out = tmp_path_factory.mktemp("editions")
    chapter = build_chapter(sample_dataset, "COL")
    return render.write_publication(chapter, out), out


@pytest.fixture(scope="module")
def region_pages(col_pages, sample_dataset):
    """The region's pages in every edition, beside Colombia's (the indexes link both)."""
    _, out = col_pages
    render.write_publication(build_chapter(sample_dataset, "region"), out)
    return out


@pytest.fixture(scope="module")
def dominican_republic(sample_dataset):
    """The Dominican Republic's chapter, built once: one donor, and few partners."""
    return build_chapter(sample_dataset, "DOM")


class _Text(HTMLParser):
    """The page's own words: text outside names marked translate="no" or in another
    language than the page's, and outside style and title."""

    def __init__(self, lang):
        super().__init__()
        self.lang, self.stack, self.words = lang, [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        skip = (
            tag in ("style", "title", "svg", "code")
            or a.get("translate") == "no"
            or (a.get("lang") not in (None, self.lang) and tag != "html")
        )
        if tag not in ("br", "meta", "link", "input", "img", "hr"):
            self.stack.append(skip)

    def handle_endtag(self, tag):
        if self.stack and tag not in ("br", "meta", "link", "input", "img", "hr"):
            self.stack.pop()

    def handle_data(self, data):
        if not any(self.stack):
            self.words += re.findall(r"[A-Za-zÀ-ÿ]+", data)


def test_files_of_every_edition(col_pages):
    paths, out = col_pages
    for name in (
        "COL.html",
        "COL-annex.html",
        "es/COL.html",
        "es/COL-annex.html",
        "pt/COL.html",
        "pt/COL-annex.html",
        "COL.csv",
        "COL.json",
        "COL.datapackage.json",
        "es/COL.csv",
        "es/COL.json",
        "es/COL.datapackage.json",
        "pt/COL.csv",
        "pt/COL.json",
        "pt/COL.datapackage.json",
    ):
        assert (out / name).is_file(), name
    assert paths["es:csv"] == out / "es" / "COL.csv"


@pytest.mark.parametrize(("lang", "reached"), [("en", "9,000"), ("es", "9.000"), ("pt", "9.000")])
def test_people_reached_in_the_edition_format(col_pages, lang, reached):
    _, out = col_pages
    page = (out / render.edition_path(lang, "COL.html")).read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in page
    assert f'data-figure="reached" data-kind="people" data-value="9000">{reached}</span>' in page


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("name", ["COL.html", "COL-annex.html"])
def test_switch_links_existing_pages_and_exports(col_pages, lang, name):
    _, out = col_pages
    page = out / lang / name
    html = page.read_text(encoding="utf-8")
    switch = re.search(r'<nav class="editions".*?</nav>', html, re.S)[0]
    links = re.findall(r'href="([^"]+)"', switch)
    assert sorted(links) == sorted([f"../{name}", f"../{'pt' if lang == 'es' else 'es'}/{name}"])
    for href in [*links, "COL.csv", "COL.json"]:
        assert (page.parent / href).resolve().is_file(), href
    assert 'href="COL.csv"' in html and 'href="COL.json"' in html  # its edition's, beside it
    assert "../COL.csv" not in html
    assert 'href="index.html"' in html  # its own edition's index, beside it
    assert (page.parent / "index.html").resolve() == out / lang / "index.html"


@pytest.mark.parametrize("page", ["COL.html", "COL-annex.html"])
@pytest.mark.parametrize("lang", ["es", "pt"])
def test_few_english_words_in_the_edition(col_pages, lang, page):
    """Words left in English (the data's names, indicators, units, sources) are marked
    `lang="en"`, so what is left unmarked is the edition's own language."""
    _, out = col_pages
    parser = _Text(lang)
    parser.feed((out / lang / page).read_text(encoding="utf-8"))
    words = [w.lower() for w in parser.words]
    english = [w for w in words if w in COMMON_ENGLISH]
    assert len(words) > 300
    assert len(english) / len(words) < 0.02, english[:40]


# The sample's indicator list gives RE-PRHT1 a Spanish name and leaves RE-PRHT2's blank.
TRAINED_ES = (
    "# de personas que trabajan con personas refugiadas y migrantes capacitadas en la "
    "prevención, identificación, asistencia, protección y persecución de la trata de personas "
    "y el tráfico ilícito de migrantes"
)
MECHANISMS_EN = (
    "# of national, subnational, and/or regional institutional mechanisms supported and/or "
    "created for the prevention, identification, protection, assistance, integration and/or "
    "persecution of human trafficking and migrant smuggling"
)
TRAINED_EN = (
    "# of individuals working with refugees and migrants trained on the prevention, "
    "identification, assistance, protection, and prosecution of human trafficking and "
    "smuggling of migrants"
)


def _output_rows(out, lang):
    """The annex's outputs table (the response section's last): (type, indicator) cells."""
    from bs4 import BeautifulSoup

    page = (out / render.edition_path(lang, "COL-annex.html")).read_text(encoding="utf-8")
    table = BeautifulSoup(page, "html.parser").select("section#annex-response table")[-1]
    return [tuple(row.find_all("td")[:2]) for row in table.tbody.find_all("tr")]


def test_spanish_annex_names_indicators_from_the_lists_spanish_column(col_pages):
    _, out = col_pages
    (t1, i1), (t2, i2) = _output_rows(out, "es")
    assert i1.span.get_text() == TRAINED_ES and i1.span.get("lang") is None  # the page's es
    assert i2.span.get_text() == MECHANISMS_EN and i2.span["lang"] == "en"  # blank in the list
    assert t1.get_text() == "Capacitaciones" and t1.span is None  # catalogue (type blank)
    assert t2.get_text() == "Mecanismo/Abogacía" and t2.span is None  # the list's own


def test_portuguese_annex_marks_the_english_indicator_names(col_pages):
    _, out = col_pages
    (t1, i1), (t2, i2) = _output_rows(out, "pt")
    assert [i.span.get_text() for i in (i1, i2)] == [TRAINED_EN, MECHANISMS_EN]
    assert [i.span["lang"] for i in (i1, i2)] == ["en", "en"]
    assert [t.get_text() for t in (t1, t2)] == ["Capacitação", "Mecanismo/Incidência"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "es",
            r"\d+ de las \d+ filas de actividad del sector \([\d,]+\u00a0%\) reportan productos",
        ),
        ("pt", r"\d+ das \d+ linhas de atividade do setor \([\d,]+%\) reportam produtos"),
    ],
)
def test_the_output_share_sentence_is_in_the_pages_language(col_pages, lang, words):
    _, out = col_pages
    page = (out / lang / "COL-annex.html").read_text(encoding="utf-8")
    assert re.search("<p>" + words, page)
    assert "activity rows" not in page


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_situation_indicators_are_marked_as_the_datas_english(col_pages, lang):
    """The dataset's situation indicators, units and sources are English: an edition's
    annex prints them as given and says so (`lang="en"`), as a screen reader needs."""
    from bs4 import BeautifulSoup

    _, out = col_pages
    page = (out / lang / "COL-annex.html").read_text(encoding="utf-8")
    section = BeautifulSoup(page, "html.parser").select_one("section#annex-situation")
    marked = [s.get_text() for s in section.select('span[lang="en"]')]
    assert "Victims of trafficking identified among refugees and migrants" in marked
    assert "people" in marked


def test_regional_activities_are_marked_in_the_language_they_read_as(region_pages):
    """The sample's one regional activity is named in Spanish: the Spanish page leaves it
    unmarked (its own language), the English and Portuguese ones mark it Spanish."""
    from bs4 import BeautifulSoup

    marks = {}
    for lang in ("en", "es", "pt"):
        folder = region_pages if lang == "en" else region_pages / lang
        page = BeautifulSoup(
            (folder / "region-annex.html").read_text(encoding="utf-8"), "html.parser"
        )
        names = page.find(string=re.compile("Mecanismo Regional de Asistencia"))
        assert names is not None and names.parent.get("translate") == "no"
        marks[lang] = names.parent.get("lang")
    assert marks == {"en": "es", "es": None, "pt": "es"}


@pytest.fixture(scope="module")
def region_annex_es(region_pages):
    from bs4 import BeautifulSoup

    page = (region_pages / "es" / "region-annex.html").read_text(encoding="utf-8")
    return BeautifulSoup(page, "html.parser")


def test_region_annex_names_situation_countries_in_spanish(region_annex_es):
    """The situation indicators by country and where each is highest: the countries in
    the edition's language, as every other table names them."""
    section = region_annex_es.select_one("section#annex-situation")
    rows = [th.get_text() for th in section.select("tbody th[scope=row]")]
    assert "Trinidad y Tobago" in rows and "Perú" in rows and "República Dominicana" in rows
    assert not {"Trinidad and Tobago", "Peru", "Dominican Republic"} & set(rows)
    highest = " ".join(td.get_text() for td in section.select("tbody td.text"))
    assert "Trinidad and Tobago" not in highest and "Peru (" not in highest


def test_region_annex_provenance_and_findings_in_spanish(region_annex_es):
    provenance = region_annex_es.select_one("section#provenance").get_text(" ")
    assert "Fecha de corte ( funding )" in provenance  # the manifest's key, as code
    assert "1 de abril de 2024" in provenance and "2023-01 a 2023-12" in provenance
    assert "no: las exportaciones ocultan los conteos pequeños" in provenance
    assert "As of" not in provenance and " to " not in provenance
    severities = {
        row.find_all("td")[4].get_text()
        for row in region_annex_es.select("section#data-quality table.findings tbody tr")
    }
    assert severities and severities <= {"advertencia", "informativo"}


def test_portuguese_and_spanish_sentences_put_the_article_before_a_country(
    sample_dataset, tmp_path
):
    """ "em Brasil" is not Portuguese: a sentence naming a country that takes an article
    contracts it with its preposition, in the generated sentences and in the narratives."""
    from helpers.core.i18n import edition
    from helpers.present.placeholders import filled_narratives

    chapter = build_chapter(sample_dataset, "BRA")
    render.write_publication(chapter, tmp_path)
    brazil = (tmp_path / "pt" / "BRA.html").read_text(encoding="utf-8")
    assert "acolhida no Brasil" in brazil and "recebido pelo Brasil" in brazil
    assert not re.search(r"\b(em|por|de) Brasil\b", brazil)
    english = (tmp_path / "BRA.html").read_text(encoding="utf-8")
    assert "host communities in Brazil" in english
    analysts = {"situation": "{scope} recebe refugiados. Em {scope}, as redes de {scope}."}
    with edition("pt"):
        assert filled_narratives(chapter, analysts) == {
            "situation": "O Brasil recebe refugiados. No Brasil, as redes do Brasil."
        }


@pytest.mark.parametrize(
    ("lang", "counts", "sentence"),
    [
        ("en", (1, 1), "1 reporting partner and 1 implementing partner carried out"),
        ("en", (1, 3), "1 reporting partner and 3 implementing partners carried out"),
        ("en", (2, 1), "2 reporting partners and 1 implementing partner carried out"),
        ("es", (1, 2), "1 socio que reporta y 2 socios implementadores llevaron a cabo"),
        ("pt", (3, 1), "3 parceiros que reportam e 1 parceiro implementador realizaram"),
    ],
)
def test_partner_counts_agree_with_their_nouns(dominican_republic, lang, counts, sentence):
    """One partner is "1 reporting partner", in every edition: each count takes its own
    plural form (it said "1 reporting partners")."""
    import dataclasses

    from helpers.core.i18n import edition

    key_figures = dict(dominican_republic.key_figures)
    key_figures["reporting_partners"], key_figures["implementing_partners"] = counts
    chapter = dataclasses.replace(dominican_republic, key_figures=key_figures)
    with edition(lang):
        text = re.sub(r"<[^>]+>", "", render.section_html(chapter, "response"))
    assert sentence in " ".join(text.split())


@pytest.mark.parametrize(
    ("lang", "more", "sentence"),
    [
        ("en", 1, "1 more finding is on other sectors or countries"),
        ("en", 1234, "1,234 more findings are on other sectors or countries"),
        ("pt", 1, "Há mais 1 constatação sobre outros setores"),
        ("es", 2, "Hay 2 hallazgos más sobre otros sectores"),
    ],
)
def test_findings_elsewhere_agree_with_their_count(dominican_republic, lang, more, sentence):
    import dataclasses

    from helpers.core.i18n import edition

    chapter = dataclasses.replace(dominican_republic, other_findings=more)
    with edition(lang):
        text = re.sub(r"<[^>]+>", "", render.section_html(chapter, "quality"))
    assert sentence in " ".join(text.split())


def test_one_donor_is_one_donor_in_every_edition(dominican_republic, tmp_path):
    """The Dominican Republic has one donor: "1 donor reported" (it said "1 donors")."""
    render.write_publication(dominican_republic, tmp_path)
    for page, words in [
        ("DOM.html", "1</span> donor reported"),
        ("es/DOM.html", "1</span> donante reportó al FTS"),
        ("pt/DOM.html", "1</span> doador reportou ao FTS"),
    ]:
        assert words in (tmp_path / page).read_text(encoding="utf-8"), page


def test_english_annex_keeps_the_english_names(col_pages):
    _, out = col_pages
    (t1, i1), (t2, i2) = _output_rows(out, "en")
    assert [i.span.get_text() for i in (i1, i2)] == [TRAINED_EN, MECHANISMS_EN]
    assert [t.span["lang"] for t in (t1, t2)] == ["en", "en"]
    assert [t.get_text() for t in (t1, t2)] == ["Capacity Building", "Mechanism/Advocacy"]


# ---------------------------------------------------------------- the index of each edition


@pytest.fixture(scope="module")
def indexes(region_pages):
    """The three indexes, written in-process from a build state as the build keeps it: the
    region and Colombia built (both their pages in every edition), Peru failed, Aruba built
    earlier with no counted rows, every other chapter not built."""
    out = region_pages
    chapters = {}
    for scope in ("region", "COL"):
        document = json.loads((out / f"{scope}.json").read_text(encoding="utf-8"))
        chapters[scope] = {
            "status": "ok",
            "built_at": "2024-05-02 10:00:00 UTC",
            "figures": {
                "key_figures": document.get("key_figures_published", document["key_figures"])
            },
            "files": {p.relative_to(out).as_posix(): "" for p in out.rglob(f"{scope}[.-]*")},
        }
    chapters["ABW"] = {
        "status": "ok",
        "figures": {"key_figures": {"reached": {"total": 0}, "warnings": [{"code": "no_rows"}]}},
    }
    state = {
        "chapters": chapters,
        "build": {
            "dataset": "RMRP 2023 end-year (synthetic sample)",
            "synthetic": True,
            "sector": "Protection (Human Trafficking and Smuggling)",
            "period_start": "2023-01",
            "period_end": "2023-12",
            "funding_as_of": "2024-01-15",
            "min_count": 5,
            "finished_at": "2024-05-02 10:00:00 UTC",
        },
    }
    outcomes = {"region": "built", "COL": "built", "PER": "failed"}
    for lang in ("en", "es", "pt"):
        write_index(out, state, outcomes, lang, ("en", "es", "pt"))
    return out


def _index(out, lang):
    return (out / index_path(lang)).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_one_index_per_edition_with_its_switch(indexes, lang):
    page = indexes / index_path(lang)
    html = _index(indexes, lang)
    assert f'<html lang="{lang}">' in html
    switch = re.search(r'<nav class="editions".*?</nav>', html, re.S)[0]
    expected = {
        "en": ["es/index.html", "pt/index.html"],
        "es": ["../index.html", "../pt/index.html"],
        "pt": ["../es/index.html", "../index.html"],
    }[lang]
    links = re.findall(r'href="([^"]+)"', switch)
    assert sorted(links) == expected
    for href in links:
        assert (page.parent / href).resolve().is_file(), href
    assert f'aria-current="page">{render.LANGUAGE_NAMES[lang]}<' in switch


@pytest.mark.parametrize(
    ("lang", "reached", "percent", "budget"),
    [
        ("en", "26,200", "78.8 %", "USD 3.5M"),
        ("es", "26.200", "78,8\xa0%", "3,5\xa0M\xa0USD"),
        ("pt", "26.200", "78,8%", "USD\xa03,5\xa0mi"),
    ],
)
def test_index_prints_the_region_in_the_edition_format(indexes, lang, reached, percent, budget):
    html = _index(indexes, lang)
    row = re.search(r'<tr class="level-0" data-scope="region">.*?</tr>', html, re.S)[0]
    assert f'data-kind="people" data-value="26200">{reached}</td>' in row
    assert f'data-kind="percent" data-value="78.7994">{percent}</td>' in row
    assert f'data-kind="usd" data-value="3521000">{budget}</td>' in row


def test_spanish_index_links_its_pages_and_its_exports(indexes):
    page = indexes / "es" / "index.html"
    html = page.read_text(encoding="utf-8")
    row = re.search(r'<tr class="level-0" data-scope="COL">.*?</tr>', html, re.S)[0]
    links = re.findall(r'href="([^"]+)"', row)
    assert links == ["COL.html", "COL.html", "COL-annex.html", "COL.csv", "COL.json"]
    for href in links:
        assert (page.parent / href).resolve().is_file(), href
    assert (page.parent / "COL.html").resolve() == indexes / "es" / "COL.html"
    assert ">Colombia</a>" in row and ">Capítulo</a>" in row and ">Anexo</a>" in row
    assert "9.000" in row and ">generado<" in row
    assert "incluidas" not in row  # Colombia: one refugee- and migrant-led organisation
    assert "incluida <span" in row and "organización liderada por personas refugiadas" in row
    assert "2 de mayo de 2024, 10:00 UTC" in html and "2024-05-02" not in html  # built


def test_spanish_index_groups_failures_and_warnings_in_spanish(indexes):
    html = _index(indexes, "es")
    assert "<h1>Trata y Tráfico de Personas: los capítulos</h1>" in html
    groups = re.findall(r'<th colspan="9" scope="rowgroup">([^<]+)</th>', html)
    assert groups[:2] == ["Resumen regional", "Plataformas nacionales"]
    assert "Plataforma subregional Caribe y sus países" in groups
    assert "Esta ejecución no pudo generar el capítulo Perú." in html
    peru = re.search(r'<tr class="level-0" data-scope="PER">.*?</tr>', html, re.S)[0]
    assert ">con error<" in peru and "href" not in peru
    aruba = re.search(r'<tr class="level-1" data-scope="ABW">.*?</tr>', html, re.S)[0]
    assert '<td class="num">no reportado</td>' in aruba
    assert (
        '<div class="warning" data-warning="no_rows">⚠ No se reportó aquí en el período '
        "ninguna fila 5W del sector que cuente personas alcanzadas.</div>"
    ) in aruba
    assert "al 15 de enero de 2024" in html and "se muestran como &lt;5." in html


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_few_english_words_in_the_edition_index(indexes, lang):
    parser = _Text(lang)
    parser.feed(_index(indexes, lang))
    words = [w.lower() for w in parser.words]
    english = [w for w in words if w in COMMON_ENGLISH]
    assert len(words) > 150
    assert len(english) / len(words) < 0.02, english[:40]
