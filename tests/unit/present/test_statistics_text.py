"""The annex's statistics in each edition: the same numbers, the edition's words and
number format (worked out by hand from the figures given)."""

from __future__ import annotations

from helpers.core.i18n import edition
from helpers.figures.lessons import CoverageSpread, RankCorrelation
from helpers.present.statistics_text import correlation_text, spread_text

STRONG = RankCorrelation(rho=0.904, p_value=0.0000012, n=17, sentence="(English)")
FEW = RankCorrelation(rho=-0.8, p_value=0.2, n=4, sentence="(English)")
CHANCE = RankCorrelation(rho=0.45, p_value=0.0712, n=12, sentence="(English)")
# coverages 0, 0.1, 0.2, 0.355: mean 0.16375, population SD 0.1310..., cv 0.80
SPREAD = CoverageSpread(
    cv=0.8005, mean=0.16375, sd=0.131, n=4, sentence="(English)", lowest=0.0, highest=0.355
)


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
