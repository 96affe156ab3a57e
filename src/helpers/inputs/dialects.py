"""5W header dialects: every known spelling of each field, mapped to one canonical name.

R4V exports come with ActivityInfo display names (2023-2025), R-renamed headers
(the 2023/2024 samples) or R's `read.csv` dotted names (2021-2022); all load
without the user renaming anything.
"""

from __future__ import annotations

import re

from ..core.errors import InputError
from ..core.names import fold

# canonical field -> {dialect: [header spellings]}
ACTIVITY_HEADERS: dict[str, dict[str, list[str]]] = {
    "country_raw": {
        "activityinfo": ["Country", "Country Country"],
        "r": ["Country"],
        "r2021": ["Country"],
    },
    "admin1": {"activityinfo": ["Country Admin1", "Admin1"], "r": ["Admin1"], "r2021": ["Admin1"]},
    "admin2": {"activityinfo": ["Admin2", "Admin2 Admin2"], "r": ["Admin2"]},
    "appealing_org": {
        "activityinfo": ["Appealing organisation Name", "Appealing organization Name"],
        "r": ["Appealing_org"],
        "r2021": ["Appealing.Organization.Name"],
    },
    "implementation": {
        "activityinfo": ["Implementation Set up"],
        "r": ["Implementation"],
        "r2021": ["Implementation.Set.up"],
    },
    "implementing_partner": {
        "activityinfo": ["Implementing partner Name"],
        "r": ["Implementing_partner"],
        "r2021": ["Implementing.partner.Name"],
    },
    "month": {"activityinfo": ["Month"], "r": ["Month"], "r2021": ["Reporting.Month"]},
    "sector": {
        "activityinfo": ["Indicator Sector"],
        "r": ["Subsector"],
        "r2021": ["Sector...Subsector...WG"],
    },
    "indicator": {
        "activityinfo": ["Indicator", "Indicator Indicator"],
        "r": ["Indicator"],
        "r2021": ["Indicator"],
    },
    "activity_name": {
        "activityinfo": ["Activity Name"],
        "r": ["Activity_Name"],
        "r2021": ["Activity.name"],
    },
    "activity_description": {
        "activityinfo": ["Activity Description"],
        "r": ["Activity_Description"],
        "r2021": ["Activity.description"],
    },
    "rmrp_activity": {
        "activityinfo": ["RMRP Activity"],
        "r": ["RMRPActivity"],
        "r2021": ["RMRP.Activity"],
    },
    "cva": {"activityinfo": ["CVA"], "r": ["CVA"], "r2021": ["CVA"]},
    "cva_value_usd": {
        "activityinfo": ["Value (in USD)"],
        "r": ["Value"],
        "r2021": ["Value.of.Transfer.in.USD"],
    },
    "delivery_mechanism": {
        "activityinfo": ["Delivery mechanism"],
        "r": ["Delivery_mechanism"],
        "r2021": ["Delivery.Mechanism"],
    },
    "quantity_output": {
        "activityinfo": ["Quantity of output"],
        "r": ["Quantity_output"],
        "r2021": ["Quantity.of.unit.measured"],
    },
    "total_monthly": {
        "activityinfo": ["Total monthly beneficiaries"],
        "r": ["Total_monthly"],
        "r2021": ["Total.monthly.beneficiaries"],
    },
    "new_beneficiaries": {
        "activityinfo": ["New beneficiaries of the month"],
        "r": ["New_beneficiaries"],
        "r2021": ["New.beneficiaries.of.the.month"],
    },
    "in_destination": {
        "activityinfo": ["Refugees and Migrants IN DESTINATION"],
        "r": ["IN_DESTINATION"],
        "r2021": ["Refugees.and.Migrants.IN.DESTINATION"],
    },
    "in_transit": {
        "activityinfo": ["Refugees and Migrants IN TRANSIT"],
        "r": ["IN_TRANSIT"],
        "r2021": ["Refugees.and.Migrants.IN.TRANSIT"],
    },
    "host_community": {
        "activityinfo": ["Host Communities Beneficiaries"],
        "r": ["Host_Communities"],
        "r2021": ["Host.Communities.Beneficiaries"],
    },
    "pendular": {
        "activityinfo": ["Refugees and Migrants PENDULARS"],
        "r": ["PENDULARS"],
        "r2021": ["Refugees.and.Migrants.PENDULARS"],
    },
    "colombian_returnees": {
        "activityinfo": ["Colombian Returnees"],
        "r": ["Returnees"],
        "r2021": ["Colombian.Returnees"],
    },
    "girls": {
        "activityinfo": ["Women under 18"],
        "r": ["Girls"],
        "r2021": ["Women.under.18", "Girls"],
    },
    "boys": {"activityinfo": ["Men under 18"], "r": ["Boys"], "r2021": ["Men.under.18", "Boys"]},
    "women": {
        "activityinfo": ["Women above 18"],
        "r": ["Women"],
        "r2021": ["Women.above.18", "Women"],
    },
    "men": {"activityinfo": ["Men above 18"], "r": ["Men"], "r2021": ["Men.above.18", "Men"]},
    "other_under_18": {"activityinfo": ["Other under 18"], "r": ["Other_under"]},
    "other_over_18": {"activityinfo": ["Other above 18"], "r": ["Other_above"]},
    "platform_raw": {"activityinfo": ["Platform"], "r": ["Platform"]},
}

REQUIRED_ACTIVITY_FIELDS = [
    "country_raw",
    "appealing_org",
    "month",
    "sector",
    "indicator",
    "new_beneficiaries",
]

# Human-readable field names for messages.
FIELD_LABELS = {
    "country_raw": "country",
    "appealing_org": "appealing organisation",
    "month": "month",
    "sector": "sector",
    "indicator": "indicator",
    "new_beneficiaries": "new beneficiaries of the month",
}

_NON_ALNUM = re.compile(r"[^0-9a-z#]+")


def header_key(header: object) -> str:
    """Compare headers ignoring case, accents, dots, underscores and spacing."""
    return " ".join(_NON_ALNUM.sub(" ", fold(str(header))).split())


_LOOKUP: dict[str, str] = {}
for _field, _dialects in ACTIVITY_HEADERS.items():
    for _names in _dialects.values():
        for _name in _names:
            _LOOKUP.setdefault(header_key(_name), _field)


def map_activity_headers(headers: list[object]) -> dict[object, str]:
    """Original header -> canonical field, for the headers that name a known field.

    The first column to claim a field wins; a later duplicate is left unmapped.
    """
    mapping: dict[object, str] = {}
    taken: set[str] = set()
    for h in headers:
        canonical = _LOOKUP.get(header_key(h))
        if canonical and canonical not in taken:
            mapping[h] = canonical
            taken.add(canonical)
    return mapping


def check_unambiguous(headers: list[object], file: str, row: int | None) -> None:
    """Stop when two columns name the same field (the same header twice, or two spellings
    of one field): which column holds the figures would be a guess."""
    claimed: dict[str, object] = {}
    for h in headers:
        canonical = _LOOKUP.get(header_key(_shown(h)))
        if canonical is None:
            continue
        if canonical in claimed:
            first = claimed[canonical]
            label = FIELD_LABELS.get(canonical, canonical.replace("_", " "))
            raise InputError(
                f"columns '{_shown(first)}' and '{_shown(h)}' both name the field {label}; "
                "keep one of them",
                file=file,
                row=row,
                column=_shown(h),
            )
        claimed[canonical] = h


def _shown(header: object) -> str:
    """A header as the user wrote it (a repeated header was numbered by the reader)."""
    return re.sub(r" \(\d+\)$", "", str(header))


def missing_required(mapping: dict[object, str]) -> list[str]:
    present = set(mapping.values())
    return [f for f in REQUIRED_ACTIVITY_FIELDS if f not in present]


def header_score(headers: list[object]) -> int:
    """How many required 5W fields a candidate header row names (to find the header row)."""
    return len(REQUIRED_ACTIVITY_FIELDS) - len(missing_required(map_activity_headers(headers)))


def dialect_of(headers: list[object]) -> str:
    """Best-matching dialect name, for provenance and messages."""
    keys = {header_key(h) for h in headers}
    scores = {}
    for dialect in ("activityinfo", "r", "r2021"):
        names = {header_key(n) for d in ACTIVITY_HEADERS.values() for n in d.get(dialect, [])}
        scores[dialect] = len(keys & names)
    return max(scores, key=scores.get)
