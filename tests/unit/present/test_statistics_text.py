"""The annex's statistics in each edition: the same numbers, the edition's words and
number format (worked out by hand from the figures given)."""

from __future__ import annotations

import pandas as pd

from helpers.core.i18n import edition
from helpers.figures.lessons import (
    CoverageSpread,
    OutputShare,
    RankCorrelation,
    coverage_spread,
    rank_correlation,
)
from helpers.present.statistics_text import (
    correlation_note,
    correlation_text,
    output_share_text,
    spread_note,
    spread_text,
)

STRONG = RankCorrelation(rho=0.904, p_value=0.0000012, n=17)
FEW = RankCorrelation(rho=-0.8, p_value=0.2, n=4)
CHANCE = RankCorrelation(rho=0.45, p_value=0.0712, n=12)
# coverages 0, 0.1, 0.2, 0.355: mean 0.16375, population SD 0.1310..., cv 0.80
SPREAD = CoverageSpread(cv=0.8005, mean=0.16375, sd=0.131, n=4, lowest=0.0, highest=0.355)


def test_english_reads_as_the_published_annex():
    assert correlation_text(STRONG) == (
        "Spearman's rank correlation between funding received and people reached across 17 "
        "countries is 0.90 (p < 0.001). That is a strong association, more funding going "
        "with more people reached."
    )
    assert correlation_text(FEW).endswith(
        "across 4 countries is -0.80 (p = 0.200). With only 4 countries this means nothing: "
        "one country more or less can change it completely."
    )
    assert "moderate association that could well be chance" in correlation_text(CHANCE)
    assert spread_text(SPREAD) == (
        "Across 4 countries funding covered on average 16.4 % of requirements, spread "
        "unevenly (coefficient of variation 0.80; lowest 0.0 %, highest 35.5 %)."
    )


def test_spanish_and_portuguese_say_it_in_their_words_and_numbers():
    with edition("es"):
        assert correlation_text(STRONG) == (
            "La correlación de rangos de Spearman entre el financiamiento recibido y las "
            "personas alcanzadas en 17 países es de 0,90 (p < 0,001). Es una asociación "
            "fuerte: a más financiamiento, más personas alcanzadas."
        )
        assert "es de -0,80 (p = 0,200). Con solo 4 países" in correlation_text(FEW)
        assert spread_text(SPREAD) == (
            "En 4 países, el financiamiento cubrió en promedio el 16,4\u00a0% de los "
            "requerimientos, con una distribución desigual (coeficiente de variación 0,80; "
            "mínimo 0,0\u00a0%, máximo 35,5\u00a0%)."
        )
    with edition("pt"):
        assert "É uma associação moderada que pode muito bem ser fruto do acaso" in (
            correlation_text(CHANCE)
        )
        assert spread_text(SPREAD).startswith(
            "Em 4 países, o financiamento cobriu em média 16,4% dos requisitos"  # CLDR pt: no space
        )


def test_nothing_is_said_of_a_statistic_not_computed():
    assert correlation_text(RankCorrelation(None, None, 2, "(English)")) == ""
    assert spread_text(CoverageSpread(None, None, None, 1, "(English)")) == ""


# 7 of 52 rows: 13.4615... % -> 13.5 %; 1,204 of 2,000 rows: 60.2 %
OUTPUTS = OutputShare(7, 52, 7 / 52, {"Mechanism/Advocacy": 4, "Capacity Building": 3})
MANY = OutputShare(1204, 2000, 0.602, {})


def test_the_output_share_in_english_as_the_annex_printed_it():
    assert output_share_text(OUTPUTS) == (
        "7 of the sector's 52 activity rows (13.5 %) report outputs that are not people "
        "reached (3 capacity building, 4 mechanism/advocacy): funding spent on them does "
        "not show in people reached."
    )
    assert output_share_text(MANY).startswith("1,204 of the sector's 2,000 activity rows (60.2 %)")
    assert output_share_text(OutputShare(0, 0, None)) == (
        "The sector reported no activity rows here."
    )


def test_the_output_share_in_spanish_and_portuguese():
    with edition("es"):
        assert output_share_text(OUTPUTS) == (
            "7 de las 52 filas de actividad del sector (13,5\u00a0%) reportan productos que "
            "no son personas alcanzadas (Capacitaciones: 3 y Mecanismo/Abogacía: 4): el "
            "financiamiento invertido en ellos no se refleja en las personas alcanzadas."
        )
        assert output_share_text(MANY).startswith(
            "1.204 de las 2.000 filas"
        )  # as every es figure: grouped
        one = OutputShare(1, 1, 1.0, {})
        assert output_share_text(one).startswith("1 de 1 fila de actividad del sector (100,0")
    with edition("pt"):
        assert output_share_text(OUTPUTS).startswith(
            "7 das 52 linhas de atividade do setor (13,5%) reportam produtos que não são "
            "pessoas alcançadas (Capacitação: 3 e Mecanismo/Incidência: 4)"
        )
        assert output_share_text(OutputShare(0, 0, None)) == (
            "Aqui o setor não reportou nenhuma linha de atividade."
        )


def test_a_statistic_not_computed_is_said_in_the_editions_words():
    """The exports' notes when no rho or spread was computed: the reason the figures give,
    in the edition's words, its count in the edition's plural form."""
    one = rank_correlation(pd.Series({"COL": 10.0}), pd.Series({"COL": 5.0}))
    same = rank_correlation(
        pd.Series({"A": 1.0, "B": 1.0, "C": 1.0}), pd.Series({"A": 1.0, "B": 2.0, "C": 3.0})
    )
    none = rank_correlation(None, pd.Series({"A": 1.0}))
    spread_one = coverage_spread(pd.Series({"COL": 0.4}))
    spread_zero = coverage_spread(pd.Series({"A": 0.0, "B": 0.0}))
    assert (one.reason, same.reason, none.reason) == ("too_few", "same_funding", "no_funding")
    assert (spread_one.reason, spread_zero.reason) == ("too_few", "no_funding")
    assert correlation_note(one) == (
        "With 1 country, a rank correlation between funding and people reached cannot be computed."
    )
    with edition("es"):
        assert correlation_note(one) == (
            "Con 1 país, no puede calcularse una correlación de rangos entre el "
            "financiamiento y las personas alcanzadas."
        )
        assert correlation_note(same) == (
            "Los 3 países tienen todos el mismo financiamiento, por lo que no puede "
            "calcularse una correlación de rangos."
        )
        assert correlation_note(none) == (
            "No hay datos de financiamiento, por lo que el financiamiento no puede "
            "compararse con las personas alcanzadas."
        )
        assert spread_note(spread_one) == (
            "La cobertura del financiamiento solo se conoce para 1 país, por lo que no puede "
            "medirse su distribución."
        )
        assert spread_note(spread_zero) == (
            "Ninguno de los 2 países con requerimientos registró financiamiento, por lo que "
            "la cobertura no varía."
        )
    with edition("pt"):
        assert correlation_note(one) == (
            "Com 1 país, não é possível calcular uma correlação de postos entre o "
            "financiamento e as pessoas alcançadas."
        )
        assert spread_note(coverage_spread(None)) == (
            "Faltam dados de requisitos ou de financiamento, portanto a cobertura do "
            "financiamento não pode ser comparada entre países."
        )


def test_a_computed_statistic_notes_as_the_annex_says_it():
    assert correlation_note(STRONG) == correlation_text(STRONG)
    with edition("es"):
        assert spread_note(SPREAD) == spread_text(SPREAD)
        assert spread_note(SPREAD).startswith("En 4 países, el financiamiento cubrió")


def test_a_chapter_with_no_country_to_compare_says_so_without_a_zero():
    """A country with no recorded funding leaves no pair to rank and no coverage: the
    note says so in words ("With 0 countries" read oddly, and "Com 0 país" in pt)."""
    unfunded = rank_correlation(pd.Series({"ABW": float("nan")}), pd.Series({"ABW": 5.0}))
    uncovered = coverage_spread(pd.Series({"ABW": float("nan")}))
    assert (unfunded.n, unfunded.reason) == (0, "too_few")
    assert (uncovered.n, uncovered.reason) == (0, "too_few")
    assert correlation_note(unfunded) == (
        "No country of this chapter has both funding and people reached, so no rank "
        "correlation can be computed."
    )
    with edition("pt"):
        assert spread_note(uncovered) == (
            "A cobertura do financiamento não é conhecida para nenhum país deste capítulo, "
            "portanto sua distribuição não pode ser medida."
        )
    with edition("es"):
        assert correlation_note(unfunded).startswith("Ningún país de este capítulo tiene")
