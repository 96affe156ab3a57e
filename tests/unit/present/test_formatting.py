"""Display strings: people, percentages, money, dates and periods as pages print them."""

from __future__ import annotations

from helpers.core.i18n import edition
from helpers.present.findings_text import severity_label
from helpers.present.formatting import (
    country_words,
    data_language,
    fit_scope,
    fmt_date,
    fmt_people,
    fmt_percent,
    fmt_timestamp,
    fmt_usd,
    hidden_words,
    period_label,
    scope_phrase,
    unit_name,
)


def test_display_strings():
    assert fmt_people(26200, short=True) == "26.2K"
    assert fmt_people(9000, short=True) == "9K"
    assert fmt_people(4612.5) == "4,613"  # half up, not to even
    assert fmt_people("<5") == "<5" and fmt_people("[c]") == "[c]"
    assert fmt_people(None) == "—"
    assert fmt_percent(78.79936) == "78.8 %"
    assert fmt_usd(3521000, short=True) == "USD 3.5M"
    assert fmt_usd(607000) == "USD 607,000"
    assert fmt_date("2024-04-01") == "1 April 2024"
    assert period_label("2023-01", "2023-12") == "2023"
    assert period_label("2023-01", "2023-03") == "January–March 2023"


def test_hidden_tokens_in_words():
    assert hidden_words("<5") == "fewer than 5"
    assert hidden_words("[c]") == "an undisclosed number"
    assert hidden_words("26.2K") == "26.2K"  # not a token: left as it is


def test_build_times_read_as_the_edition_writes_a_day():
    assert fmt_timestamp("2024-05-02 10:07:59 UTC") == "2 May 2024, 10:07 UTC"
    assert fmt_timestamp("2024-05-02 10:07 UTC") == "2 May 2024, 10:07 UTC"  # the annex's
    with edition("es"):
        assert fmt_timestamp("2024-05-02 10:07:59 UTC") == "2 de mayo de 2024, 10:07 UTC"
    with edition("pt"):
        assert fmt_timestamp("2024-05-02 10:07:59 UTC") == "2 de maio de 2024, 10:07 UTC"
    assert fmt_timestamp("yesterday") == "yesterday"  # not a time: as it is
    assert fmt_timestamp(None) == ""


def test_countries_the_chapter_names_in_english_in_the_edition():
    """The situation indicators' rows name countries as the English chapter does."""
    assert country_words("Trinidad and Tobago") == "Trinidad and Tobago"
    with edition("es"):
        assert country_words("Trinidad and Tobago") == "Trinidad y Tobago"
        assert country_words("Peru") == "Perú"
        assert country_words("Atlantis") == "Atlantis"  # unknown: as the data gives it
    with edition("pt"):
        assert country_words("Dominican Republic") == "República Dominicana"


def test_a_findings_severity_in_the_edition():
    assert severity_label("warning") == "warning"
    with edition("es"):
        assert (severity_label("warning"), severity_label("info")) == (
            "advertencia",
            "informativo",
        )
    with edition("pt"):
        assert severity_label("warning") == "aviso"
        assert severity_label("fatal") == "fatal"  # no catalogue names it: as it is


def test_data_words_marked_only_where_their_language_is_plain():
    assert data_language("Victims of trafficking identified among refugees and migrants") == "en"
    assert data_language("percent of identified victims") == "en"
    assert data_language("People") == "en"  # a unit the situation data use
    # Spanish or Portuguese by the words only it writes: marked on the other editions'
    # pages; too few words to tell, or a mix: not marked (never marked wrongly)
    assert data_language("Mecanismo Regional de Asistencia a víctimas de trata") == "es"
    assert data_language("Alojamiento temporal seguro y referencia de casos") == "es"
    assert data_language("Apoio psicossocial às vítimas de tráfico") == "pt"
    assert data_language("Asistencia legal") is None  # no word says which
    assert data_language("Apoyo para la naturalización") == "es"
    assert data_language("Number of pessoas em risco") is None  # mixed: not plainly English
    assert data_language("Capacity Building") is None
    assert data_language(None) is None


def test_a_tables_place_in_the_edition():
    """Platforms and countries by id; an admin-1 place as the data gives it, unless it is
    a country's name (rows for the whole country), which another edition translates."""
    assert unit_name("DOM", "Dominican Republic") == "Dominican Republic"
    assert unit_name("Dominican Republic", "Dominican Republic") == "Dominican Republic"
    assert unit_name("Roraima", "Roraima") == "Roraima"
    with edition("es"):
        assert unit_name("DOM", "Dominican Republic") == "República Dominicana"
        assert unit_name("caribbean", "Caribbean") == "Caribe"
        assert unit_name("Dominican Republic", "Dominican Republic") == "República Dominicana"
        assert unit_name("Nuevo León", "Nuevo León") == "Nuevo León"
    with edition("pt"):
        assert unit_name("Trinidad and Tobago", "Trinidad and Tobago") == "Trinidad e Tobago"


def test_a_scope_in_a_sentence_takes_its_article_and_its_contraction():
    """Portuguese and Spanish sentences put an article before some places, joined to the
    preposition before it: em + o Brasil = no Brasil, de + el Caribe = del Caribe."""
    with edition("pt"):
        brazil = scope_phrase("BRA", "Brasil")
        assert brazil == "o Brasil"
        assert fit_scope("acolhida em o Brasil, 80%", brazil) == "acolhida no Brasil, 80%"
        assert fit_scope("recebido por o Brasil", brazil) == "recebido pelo Brasil"
        assert fit_scope("as linhas de o Brasil", brazil) == "as linhas do Brasil"
        assert fit_scope("reportados para o Brasil", brazil) == "reportados para o Brasil"
        assert fit_scope("o Brasil registrou. o Brasil", brazil) == "O Brasil registrou. O Brasil"
        dominican = scope_phrase("DOM", "República Dominicana")
        assert fit_scope("Em a República Dominicana", dominican) == "Na República Dominicana"
        assert scope_phrase("ABW", "Aruba") == "Aruba"  # no article: as it is
        assert fit_scope("em Aruba", "Aruba") == "em Aruba"
        region = scope_phrase("region", "")
        assert fit_scope("migrantes em a região", region) == "migrantes na região"
        # only before the place: another "em o" of the sentence is left alone
        assert fit_scope("sem o apoio em o Peru", "o Peru") == "sem o apoio no Peru"
    with edition("es"):
        caribbean = scope_phrase("caribbean", "Caribe")
        assert caribbean == "el Caribe"
        assert fit_scope("fondos de el Caribe, en el Caribe", caribbean) == (
            "fondos del Caribe, en el Caribe"
        )
        assert fit_scope("el Caribe registró", caribbean) == "El Caribe registró"
        assert scope_phrase("BRA", "Brasil") == "Brasil"
    assert scope_phrase("DOM", "Dominican Republic") == "the Dominican Republic"
    assert fit_scope("the Dominican Republic recorded", "the Dominican Republic") == (
        "The Dominican Republic recorded"
    )
