"""The technical annex's two statistics in the page's edition: the rank correlation of
funding with people reached, and the spread of funding coverage. The figures layer keeps
English sentences for the exports; a page says them in its own language, whole
sentences with named placeholders, numbers in the edition's format."""

from __future__ import annotations

from ..core.i18n import N_, gettext
from ..core.localnumbers import decimal
from ..figures.lessons import MIN_N, CoverageSpread, RankCorrelation
from .formatting import fmt_percent

CORRELATION = N_(
    "Spearman's rank correlation between funding received and people reached across "
    "%(count)s countries is %(rho)s (%(p)s)."
)
TOO_FEW = N_(
    "With only %(count)s countries this means nothing: one country more or less can "
    "change it completely."
)
P_BELOW = N_("p < %(p)s")
P_EQUALS = N_("p = %(p)s")
# (strength, way) -> the sentence; `way` is "more" or "fewer" people with more funding,
# or "chance" when p >= 0.05
STRENGTH = {
    ("strong", "more"): N_(
        "That is a strong association, more funding going with more people reached."
    ),
    ("moderate", "more"): N_(
        "That is a moderate association, more funding going with more people reached."
    ),
    ("weak", "more"): N_(
        "That is a weak association, more funding going with more people reached."
    ),
    ("strong", "fewer"): N_(
        "That is a strong association, more funding going with fewer people reached."
    ),
    ("moderate", "fewer"): N_(
        "That is a moderate association, more funding going with fewer people reached."
    ),
    ("weak", "fewer"): N_(
        "That is a weak association, more funding going with fewer people reached."
    ),
    ("strong", "chance"): N_(
        "That is a strong association that could well be chance (p ≥ 0.05); funding does "
        "not clearly track reach."
    ),
    ("moderate", "chance"): N_(
        "That is a moderate association that could well be chance (p ≥ 0.05); funding "
        "does not clearly track reach."
    ),
    ("weak", "chance"): N_(
        "That is a weak association that could well be chance (p ≥ 0.05); funding does "
        "not clearly track reach."
    ),
}
SPREAD = {
    "very unevenly": N_(
        "Across %(count)s countries funding covered on average %(mean)s of requirements, "
        "spread very unevenly (coefficient of variation %(cv)s; lowest %(lowest)s, "
        "highest %(highest)s)."
    ),
    "unevenly": N_(
        "Across %(count)s countries funding covered on average %(mean)s of requirements, "
        "spread unevenly (coefficient of variation %(cv)s; lowest %(lowest)s, highest "
        "%(highest)s)."
    ),
    "fairly evenly": N_(
        "Across %(count)s countries funding covered on average %(mean)s of requirements, "
        "spread fairly evenly (coefficient of variation %(cv)s; lowest %(lowest)s, "
        "highest %(highest)s)."
    ),
}


def correlation_text(c: RankCorrelation) -> str:
    """What the annex says of a computed rank correlation ("" when none was computed)."""
    if c.rho is None or c.p_value is None:
        return ""
    p = (
        gettext(P_BELOW, p=decimal(0.001, 3))
        if c.p_value < 0.001
        else gettext(P_EQUALS, p=decimal(c.p_value, 3))
    )
    text = gettext(CORRELATION, count=c.n, rho=decimal(c.rho, 2), p=p)
    if c.n < MIN_N:
        return f"{text} {gettext(TOO_FEW, count=c.n)}"
    size = abs(c.rho)
    strength = "strong" if size >= 0.7 else "moderate" if size >= 0.4 else "weak"
    way = "chance" if c.p_value >= 0.05 else "more" if c.rho > 0 else "fewer"
    return f"{text} {gettext(STRENGTH[strength, way])}"


def spread_text(s: CoverageSpread) -> str:
    """What the annex says of a measured spread of coverage ("" when none was measured)."""
    if s.cv is None or s.mean is None or s.lowest is None or s.highest is None:
        return ""
    word = "very unevenly" if s.cv >= 1 else "unevenly" if s.cv >= 0.5 else "fairly evenly"
    return gettext(
        SPREAD[word],
        count=s.n,
        mean=fmt_percent(100 * s.mean),
        cv=decimal(s.cv, 2),
        lowest=fmt_percent(100 * s.lowest),
        highest=fmt_percent(100 * s.highest),
    )
