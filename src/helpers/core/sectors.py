"""R4V's sectors named in each edition (R4V's own Spanish and Portuguese names), for
the sector a chapter is about; a sector R4V does not list keeps the name it was given."""

from __future__ import annotations

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
