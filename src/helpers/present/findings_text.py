"""The words of the technical annex for each data-quality check: what was found and what
it does to the figures, naming values and places but never a count of people (a finding
is published as its check and params, see `disclosure.findings`)."""

from __future__ import annotations

from ..core.i18n import N_, gettext
from .formatting import fmt_usd

ANNEX = {
    "encoding": N_("The file is not UTF-8: it was read as {encoding}."),
    "delimiter": N_("The file was read with '{delimiter}' as the delimiter."),
    "ragged_row": N_(
        "The row does not have as many cells as the header: missing cells were read as "
        "empty and extra ones ignored."
    ),
    "sheets": N_("Sheet '{sheet}' was read; other sheets were ignored: {ignored}."),
    "mojibake_repaired": N_("Garbled text was repaired: '{before}' became '{after}'."),
    "duplicate_row": N_("The row repeats an earlier row exactly; both are counted."),
    "missing_country": N_("The country is empty: the row is not counted."),
    "platform_mismatch": N_(
        "Platform '{platform}' does not match country '{country}': the country's platform is used."
    ),
    "invalid_month": N_("'{value}' is not a month: the row is not counted."),
    "invalid_month_empty": N_("The month is empty: the row is not counted."),
    "month_format": N_(
        "Month '{value}' was read as {read_as}; months written as YYYY-MM leave no doubt."
    ),
    "outside_period": N_(
        "{rows} rows fall outside the period {start} to {end} and are not counted."
    ),
    "outside_period_every": N_(
        "Every row of this file falls outside the period {start} to {end}: none is counted."
    ),
    "invalid_number": N_("A value in this column is not a usable number: it counts as 0."),
    "indicator_type": N_(
        "Indicator type '{value}' is unknown: the indicator is treated as an output, not as "
        "people reached."
    ),
    "manifest": N_("Key '{key}' of the dataset manifest is unknown and was ignored."),
    "unknown_sector": N_(
        "Sector '{sector}' is not in the indicator reference: its rows count in no sector."
    ),
    "similar_organisations": N_(
        "Organisation '{name}' differs from '{other}' only in accents: they count as two "
        "partners unless the partner reference lists both spellings."
    ),
    "unknown_indicator": N_(
        "Indicator '{indicator}' is not in the reference for sector '{sector}': the row's "
        "people are not counted."
    ),
    "new_exceeds_total": N_("The row's new beneficiaries exceed its total monthly beneficiaries."),
    "population_breakdown": N_(
        "The population types do not add up to the row's new beneficiaries: the difference "
        "is shown as not disaggregated."
    ),
    "population_breakdown_output": N_(
        "The population types do not add up to the new beneficiaries the output row "
        "reports; no figure of people reached changes."
    ),
    "age_gender_breakdown": N_("Age and gender do not add up to the row's new beneficiaries."),
    "direct_assistance_no_people": N_("The direct-assistance row reports no beneficiaries."),
    "fractional_people": N_(
        "The row's new beneficiaries are not a whole number (a thousands separator written "
        "as '.'?)."
    ),
    "capacity_building_no_total": N_(
        "The capacity-building row reports no total monthly beneficiaries."
    ),
    "no_output": N_("The output indicator reports no quantity of output."),
    "cva_no_value": N_("CVA is Yes but no value in USD is given."),
    "cva_no_mechanism": N_("CVA is Yes but no delivery mechanism is given."),
    "cva_no_with_value": N_("CVA is No but a value or a delivery mechanism is given."),
    "missing_setup": N_(
        "The implementation set-up is empty: the appealing organisation is taken as the "
        "implementer."
    ),
    "missing_implementing_partner": N_(
        "Set-up is Yes but no implementing partner is named: the appealing organisation is "
        "taken as the implementer."
    ),
    "missing_appealing_org": N_("The appealing organisation is empty."),
    "unresolved_organisation": N_(
        "Organisation '{name}' is not in the partner reference: it is counted under the name "
        "as written."
    ),
    "fts_hdx_locations": N_(
        "HDX files give destination countries as ISO3 codes and leave out the locations HDX "
        "does not recognise, so a multi-country flow can look like a single country's."
    ),
    "fts_unmapped_cluster": N_(
        "Cluster '{cluster}' maps to no sector: its flows count for no sector."
    ),
    "fts_location_outside_response": N_(
        "Flows of the sector go to {location} alone, which is not one of the 17 countries "
        "of the response: {amount_usd} are left out of every budget."
    ),
    "fts_incomplete_extract": N_(
        "The FTS pages hold {flows} of the {count} flows of the extract: pages are missing, "
        "so the totals will not match FTS's."
    ),
    "fts_total_mismatch": N_("The flows do not reproduce FTS's own incoming totals."),
    "fts_duplicate_flow": N_("Flows listed more than once are counted once."),
}
GENERIC = N_("See `r4v-report validate` for this finding.")
MONEY_PARAMS = {"amount_usd"}


def annex_key(finding: dict) -> str | None:
    """The annex template of a published finding (its check, or a variant of it)."""
    check, params = finding["check"], finding.get("params") or {}
    if check == "invalid_month" and not params.get("value"):
        return "invalid_month_empty"
    if check == "outside_period" and params.get("every"):
        return "outside_period_every"
    if check == "population_breakdown" and params.get("counted") is False:
        return "population_breakdown_output"
    return check if check in ANNEX else None


def message(finding: dict) -> str:
    """A published finding in the annex's words, in the active edition, with its values
    (money in the edition's format); never a count of people."""
    key = annex_key(finding)
    if key is None:
        return gettext(GENERIC)
    params = {
        name: fmt_usd(value) if name in MONEY_PARAMS else value
        for name, value in (finding.get("params") or {}).items()
    }
    try:
        return gettext(ANNEX[key]).format(**params)
    except (KeyError, IndexError):  # a finding without the values its words need
        return gettext(GENERIC)


CHECK_TITLES = {
    "mojibake_repaired": N_("Garbled text repaired"),
    "age_gender_breakdown": N_("Age and gender breakdown that does not add up"),
    "population_breakdown": N_("Population breakdown that does not add up"),
    "new_exceeds_total": N_("New people above the month's total"),
    "unknown_indicator": N_("Indicator not in the reference"),
}
"""A data-quality check as the annex names it; others by their name in words."""


def check_title(check: str) -> str:
    """The annex's heading for a check (never its code, e.g. "mojibake repaired")."""
    title = CHECK_TITLES.get(check)
    return gettext(title) if title else str(check).replace("_", " ").capitalize()


SEVERITIES = {"warning": N_("warning"), "info": N_("info")}
"""A finding's severity as the annex's table and its introduction name it."""


def severity_label(severity: str) -> str:
    """A finding's severity in the active edition (one no catalogue names, as it is)."""
    label = SEVERITIES.get(severity)
    return gettext(label) if label else str(severity)
