"""Footnotes: what a reader must know to quote the figures, marked where they apply,
written in the active edition (each a whole sentence in the catalogue)."""

from __future__ import annotations

from dataclasses import dataclass

from ..chapter.model import LEVEL_REGION, Chapter
from ..core.i18n import N_, gettext
from ..disclosure import COMPLEMENT
from .formatting import fmt_date


@dataclass(frozen=True)
class Footnote:
    id: str
    marker: str
    text: str


TRANSIT_REGION = N_(
    "Regional figures on people reached do not include refugees and migrants assisted "
    "in transit. In-transit populations by their very nature pass through several "
    "countries and may be assisted in more than one, so a regional total of in-transit "
    "people would count many of them more than once. To avoid such duplication, people "
    "assisted in transit are shown per country and per platform only, and should be "
    "quoted separately from people in destination (as is also done for the "
    "corresponding people in need and targets)."
)
TRANSIT = N_(
    "People assisted in transit are included in this chapter's figures but are "
    "never added up across countries: in-transit populations pass through several "
    "countries and may be assisted in more than one, so the regional total leaves "
    "them out. Quote them separately from people in destination."
)
FUNDING_AS_OF = N_(
    "Funding information as reported to the Financial Tracking Service (FTS) as of "
    "%(as_of)s. This data is based on partners' voluntary reporting of contributions and may "
    "not accurately represent all funds attributed to the response; unmarked funds "
    "may not be reported to FTS with a sector or country designation. Funds for "
    "activities at regional, sub-regional or multi-country level are not split by "
    "national or sub-regional platform: they are shown in their own regional / "
    "multi-country line."
)
FUNDING = N_(
    "Funding information as reported to the Financial Tracking Service (FTS). "
    "This data is based on partners' voluntary reporting of contributions and may "
    "not accurately represent all funds attributed to the response; unmarked funds "
    "may not be reported to FTS with a sector or country designation. Funds for "
    "activities at regional, sub-regional or multi-country level are not split by "
    "national or sub-regional platform: they are shown in their own regional / "
    "multi-country line."
)
NO_FUNDING = N_(
    "This dataset has no FTS funding extract, so no budget received is "
    "shown. Funding figures, where given, come from partners' voluntary "
    "reporting to FTS and are not split by platform when regional."
)
PARTNERS = N_(
    "Implementing partners include appealing partners that also implement activities, "
    "as well as implementing partners that are not appealing partners. Quote partner "
    "figures separately: adding up reporting and implementing partners, or partners of "
    "different countries, would count some organisations more than once."
)
DISCLOSURE = N_(
    "To protect the people assisted, any count of people from 1 to %(largest)s is shown "
    "as %(token)s in every table, chart and export, and where a hidden count could be "
    "worked out from printed totals another cell is hidden too, shown as "
    "%(complement)s. Zeros and totals are shown as they are."
)


def footnotes(chapter: Chapter, as_of_funding: str | None) -> list[Footnote]:
    """The footnotes of a chapter, in plain words, with the markers the page uses."""
    transit = gettext(TRANSIT_REGION if chapter.level == LEVEL_REGION else TRANSIT)
    if not chapter.has_funding:
        funding = gettext(NO_FUNDING)
    elif as_of_funding:
        funding = gettext(FUNDING_AS_OF, as_of=fmt_date(as_of_funding))
    else:
        funding = gettext(FUNDING)
    k = chapter.min_count
    disclosure_note = gettext(DISCLOSURE, largest=k - 1, token=f"<{k}", complement=COMPLEMENT)
    return [
        Footnote("fn-transit", "*", transit),
        Footnote("fn-funding", "**", funding),
        Footnote("fn-partners", "***", gettext(PARTNERS)),
        Footnote("fn-disclosure", "†", disclosure_note),
    ]
