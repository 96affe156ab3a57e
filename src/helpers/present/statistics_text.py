"""The technical annex's statistics in the page's edition: the rank correlation of
funding with people reached, the spread of funding coverage, and the share of outputs
that are not people reached. The figures layer keeps English sentences for the English
exports; a page, and another edition's exports (`correlation_note`, `spread_note`), say
them in its own language, whole sentences with named placeholders, numbers in the
edition's format."""

from __future__ import annotations

from ..chapter.model import Chapter
from ..core.i18n import N_, SOURCE_LANGUAGE, gettext, language, ngettext
from ..core.localnumbers import decimal
from ..figures.lessons import (
    MIN_N,
    NO_DATA,
    NO_FUNDING,
    SAME_FUNDING,
    SAME_REACHED,
    TOO_FEW,
    CoverageSpread,
    OutputShare,
    RankCorrelation,
)
from .formatting import fmt_people, fmt_percent, list_of

CORRELATION = N_(
    "Spearman's rank correlation between funding received and people reached across "
    "%(count)s countries is %(rho)s (%(p)s)."
)
FEW_COUNTRIES = N_(
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


OUTPUT_TYPES = {
    "Capacity Building": N_("Capacity Building"),
    "Mechanism/Advocacy": N_("Mechanism/Advocacy"),
    "Campaign": N_("Campaign"),
    "Infrastructure": N_("Infrastructure"),
    "Other": N_("Other"),
    "People": N_("People"),
}
"""The indicator types an output can have (inputs.references.INDICATOR_TYPES that do not
count as people), as messages: an edition whose indicator list gives no type of its own
prints these. A type outside them is the data's own word, printed as given."""


def output_type(kind: object, indicator: object, chapter: Chapter) -> tuple[str, str]:
    """(An output's indicator type in the active edition, the language it is written in):
    the indicator list's own type in the edition's language where it gives one, else the
    type's message in the edition's catalogue (`OUTPUT_TYPES`), else the type as given, in
    English."""
    page = language()
    if page == SOURCE_LANGUAGE:
        return str(kind), SOURCE_LANGUAGE
    given = chapter.indicator_types.get(page, {}).get(str(indicator))
    if given:
        return given, page
    if str(kind) in OUTPUT_TYPES:
        return gettext(OUTPUT_TYPES[str(kind)]), page
    return str(kind), SOURCE_LANGUAGE


def output_indicator(indicator: object, chapter: Chapter) -> tuple[str, str]:
    """(An output's indicator in the active edition, the language it is written in): the
    indicator list's name in the edition's language where it gives one (Spanish), else the
    English."""
    page = language()
    given = chapter.indicator_names.get(page, {}).get(str(indicator))
    if given and page != SOURCE_LANGUAGE:
        return given, page
    return str(indicator), SOURCE_LANGUAGE


NO_ROWS = N_("The sector reported no activity rows here.")
TYPE_COUNT = N_("%(rows)s %(type)s")


def _type_word(kind: str) -> str:
    """An indicator type inside a sentence: lower case in English, as R4V writes it; the
    edition's word where the catalogue has it (as a label: translators place it)."""
    if language() == SOURCE_LANGUAGE:
        return kind.lower()
    return gettext(OUTPUT_TYPES[kind]) if kind in OUTPUT_TYPES else kind


def output_share_text(s: OutputShare) -> str:
    """What the annex says of the outputs that are not people reached, in the edition
    (rows are counted as whole numbers, with the edition's separators)."""
    if s.rows == 0 or s.share is None:
        return gettext(NO_ROWS)
    types = list_of(
        gettext(TYPE_COUNT, rows=fmt_people(v), type=_type_word(k))
        for k, v in sorted(s.by_type.items())
    )
    numbers = {
        "outputs": fmt_people(s.output_rows),
        "count": fmt_people(s.rows),
        "share": fmt_percent(100 * s.share),
    }
    if not types:
        return ngettext(
            "%(outputs)s of the sector's %(count)s activity row (%(share)s) report outputs "
            "that are not people reached: funding spent on them does not show in people "
            "reached.",
            "%(outputs)s of the sector's %(count)s activity rows (%(share)s) report outputs "
            "that are not people reached: funding spent on them does not show in people "
            "reached.",
            s.rows,
            **numbers,
        )
    return ngettext(
        "%(outputs)s of the sector's %(count)s activity row (%(share)s) report outputs "
        "that are not people reached (%(types)s): funding spent on them does not show in "
        "people reached.",
        "%(outputs)s of the sector's %(count)s activity rows (%(share)s) report outputs "
        "that are not people reached (%(types)s): funding spent on them does not show in "
        "people reached.",
        s.rows,
        types=types,
        **numbers,
    )


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
        return f"{text} {gettext(FEW_COUNTRIES, count=c.n)}"
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


# Why a statistic was not computed, in words (the exports' notes; an annex prints nothing)
NO_CORRELATION = {
    NO_FUNDING: N_("There is no funding data, so funding cannot be compared with people reached."),
    SAME_FUNDING: N_(
        "Every one of the %(count)s countries has the same funding, so no rank correlation "
        "can be computed."
    ),
    SAME_REACHED: N_(
        "Every one of the %(count)s countries has the same people reached, so no rank "
        "correlation can be computed."
    ),
}
NO_SPREAD = {
    NO_DATA: N_(
        "Requirements or funding data are missing, so funding coverage cannot be compared "
        "across countries."
    ),
    NO_FUNDING: N_(
        "None of the %(count)s countries with a requirement recorded any funding, so "
        "coverage does not vary."
    ),
}


NO_PAIRS = N_(
    "No country of this chapter has both funding and people reached, so no rank correlation "
    "can be computed."
)
NO_COVERAGE = N_(
    "Funding coverage is not known for any country of this chapter, so its spread cannot be "
    "measured."
)


def _note(stat, nothing: str, too_few, reasons: dict, computed) -> str:
    """A statistic in words of the active edition, computed or not: `nothing` when no
    country could enter it, `too_few(n)` when too few did, the reason it was not computed
    (`reasons`), else what the annex says of it (`computed`)."""
    if stat.reason == TOO_FEW:
        return gettext(nothing) if stat.n == 0 else too_few(stat.n)
    if stat.reason in reasons:
        return gettext(reasons[stat.reason], count=stat.n)
    return computed(stat)


def correlation_note(c: RankCorrelation) -> str:
    """The rank correlation in one or two sentences of the active edition, computed or not
    (what an edition's exports say of it)."""
    return _note(
        c,
        NO_PAIRS,
        lambda n: ngettext(
            "With %(count)s country, a rank correlation between funding and people reached "
            "cannot be computed.",
            "With %(count)s countries, a rank correlation between funding and people reached "
            "cannot be computed.",
            n,
            count=n,
        ),
        NO_CORRELATION,
        correlation_text,
    )


def spread_note(s: CoverageSpread) -> str:
    """The spread of funding coverage in a sentence of the active edition, measured or not
    (what an edition's exports say of it)."""
    return _note(
        s,
        NO_COVERAGE,
        lambda n: ngettext(
            "Funding coverage is known for %(count)s country only, so its spread cannot be "
            "measured.",
            "Funding coverage is known for %(count)s countries only, so its spread cannot be "
            "measured.",
            n,
            count=n,
        ),
        NO_SPREAD,
        spread_text,
    )
