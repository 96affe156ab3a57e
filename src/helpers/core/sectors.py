"""R4V's sectors named in each edition (R4V's own Spanish and Portuguese names), for
the sector a chapter is about; a sector R4V does not list keeps the name it was given.
And the check of a requested sector against the ones a dataset knows (light: a rebuild
with nothing changed asks it before anything imports pandas)."""

from __future__ import annotations

import difflib

from .errors import InputError
from .i18n import N_, SOURCE_LANGUAGE, gettext, language
from .names import name_key

SECTORS = [
    N_("Protection (Human Trafficking and Smuggling)"),
    N_("Protection (General)"),
    N_("Protection (Child Protection)"),
    N_("Protection (GBV)"),
    N_("Protection (Support Spaces)"),
    N_("Education"),
    N_("Food Security"),
    N_("Health"),
    N_("Humanitarian Transportation"),
    N_("Integration"),
    N_("Multipurpose Cash Assistance (MPC)"),
    N_("Nutrition"),
    N_("Shelter"),
    N_("WASH"),
]
_BY_KEY = {name_key(s): s for s in SECTORS}


def sector_name(sector: str) -> str:
    """The sector in the active edition (`Protección (Trata y Tráfico de Personas)`), or
    as written when R4V's list does not have it (see `sector_name_language`)."""
    known = _BY_KEY.get(name_key(sector))
    return gettext(known) if known else sector


def sector_name_language(sector: str) -> str:
    """The language `sector_name` prints the sector in: the edition's, or English for a
    sector outside R4V's list (what a page marks as left in another language)."""
    return language() if name_key(sector) in _BY_KEY else SOURCE_LANGUAGE


_REPORT_TITLES = {
    name_key("Protection (Human Trafficking and Smuggling)"): N_("Human Trafficking and Smuggling"),
}
"""Sectors whose chapter the report titles by their sub-sector alone."""


def sector_title(sector: str) -> str:
    """The sector as the report's headings name it, in the active edition: "Human
    Trafficking and Smuggling", not the 5W's "Protection (Human Trafficking and
    Smuggling)"; another sector by `sector_name`."""
    title = _REPORT_TITLES.get(name_key(sector))
    return gettext(title) if title else sector_name(sector)


def check_sector(
    requested: object, default: str, known: list[str], *, column: str = "sector"
) -> str:
    """The sector to report on (`default`, the manifest's, unless one is requested), as
    the dataset spells it; an InputError when neither the 5W rows nor the indicator
    reference know it."""
    wanted = requested if requested not in (None, "") else default
    if not isinstance(wanted, str):
        raise InputError(f"sector must be text, not {wanted!r}", column=column)
    by_key = {name_key(k): k for k in known}
    if name_key(wanted) not in by_key:
        close = difflib.get_close_matches(name_key(wanted), list(by_key), n=3, cutoff=0.5)
        hint = ("; the closest: " + "; ".join(by_key[k] for k in close)) if close else ""
        raise InputError(
            f"sector '{wanted}' is not in this dataset's 5W rows nor in its indicator "
            f"reference{hint}",
            column=column,
            expected="one of: " + "; ".join(known),
        )
    return by_key[name_key(wanted)]
