"""One canonical name per field, defined once; every loader produces these columns."""

from __future__ import annotations

from .i18n import N_, gettext

# Population types, in the order the report shows them.
POPULATION_TYPES = [
    "in_destination",
    "in_transit",
    "host_community",
    "pendular",
    "colombian_returnees",
]
POPULATION_LABELS = {
    "in_destination": N_("In destination"),
    "in_transit": N_("In transit"),
    "host_community": N_("Affected host communities"),
    "pendular": N_("Pendular"),
    "colombian_returnees": N_("Colombian returnees"),
}

AGE_GENDER = ["girls", "boys", "women", "men", "other_under_18", "other_over_18"]
AGE_GENDER_LABELS = {
    "girls": N_("Girls"),
    "boys": N_("Boys"),
    "women": N_("Women"),
    "men": N_("Men"),
    "other_under_18": N_("Other, under 18"),
    "other_over_18": N_("Other, 18 and over"),
}
NOT_DISAGGREGATED = N_("Not disaggregated")
"""The part of people reached that no population type accounts for."""


def population_label(key: str) -> str:
    """A population type (or `not_disaggregated`) named in the active edition."""
    if key == "not_disaggregated":
        return gettext(NOT_DISAGGREGATED)
    return gettext(POPULATION_LABELS[key])


def age_gender_label(key: str) -> str:
    """An age-gender group named in the active edition."""
    return gettext(AGE_GENDER_LABELS[key])


COUNT_COLUMNS = [
    "quantity_output",
    "total_monthly",
    "new_beneficiaries",
    *POPULATION_TYPES,
    *AGE_GENDER,
]
NUMERIC_COLUMNS = ["cva_value_usd", *COUNT_COLUMNS]

TEXT_COLUMNS = [
    "country_raw",
    "admin1",
    "admin2",
    "appealing_org",
    "implementation",
    "implementing_partner",
    "month",
    "sector",
    "indicator",
    "activity_name",
    "activity_description",
    "rmrp_activity",
    "cva",
    "delivery_mechanism",
    "platform_raw",
]

# Canonical 5W activity table, as every loader returns it.
ACTIVITY_COLUMNS = [
    "country",  # ISO3, or geography.REGIONAL
    "platform",  # platform id (derived from country; None for regional rows)
    *TEXT_COLUMNS,
    *NUMERIC_COLUMNS,
    "source_file",
    "source_row",  # spreadsheet row number, header = 1
]

INDICATOR_COLUMNS = [
    "code",
    "sector",
    "indicator",
    "indicator_type",
    "counts_as_people",
    "indicator_es",
    "indicator_type_es",
]
INDICATOR_NAME_COLUMNS = {"es": ("indicator_es", "indicator_type_es")}
"""The indicator list's own names and types in another language than English, by language:
R4V's lists have a Spanish column (`Indicador (SP)`, `Tipo de indicador`) and no
Portuguese one. Missing (None) where the list leaves them blank or has no such column."""

PARTNER_COLUMNS = ["name", "aliases", "acronym", "type", "refugee_migrant_led"]

TARGET_COLUMNS = ["country", "admin1", "sector", "population_type", "people_in_need", "target"]

FLOW_COLUMNS = [
    "flow_id",
    "amount_usd",
    "source_org",
    "dest_org",
    "dest_locations",  # '|'-joined location names as FTS gives them
    "destination",  # ISO3 of the one country the flow names, any country; else None
    "destination_name",  # that country's name, one spelling whatever the source
    "country",  # the destination when it is one of the 17 countries, else None
    "dest_cluster",
    "sector",  # mapped from dest_cluster through reference data; None if unmapped
    "flow_type",
    "boundary",
    "on_boundary",
    "status",
    "date",
    "source_file",
]

SITUATION_COLUMNS = ["country", "indicator", "value", "unit", "source", "date"]
