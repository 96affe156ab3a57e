"""Footnotes: what a reader must know to quote the figures, marked where they apply."""

from __future__ import annotations

from dataclasses import dataclass

from ..chapter.model import LEVEL_REGION, Chapter
from ..disclosure import COMPLEMENT
from .formatting import fmt_date


@dataclass(frozen=True)
class Footnote:
    id: str
    marker: str
    text: str


def footnotes(chapter: Chapter, as_of_funding: str | None) -> list[Footnote]:
    """The footnotes of a chapter, in plain words, with the markers the page uses."""
    as_of = as_of_funding
    when = f" as of {fmt_date(as_of)}" if as_of else ""
    transit = (
        "Regional figures on people reached do not include refugees and migrants assisted "
        "in transit. In-transit populations by their very nature pass through several "
        "countries and may be assisted in more than one, so a regional total of in-transit "
        "people would count many of them more than once. To avoid such duplication, people "
        "assisted in transit are shown per country and per platform only, and should be "
        "quoted separately from people in destination (as is also done for the "
        "corresponding people in need and targets)."
    )
    if chapter.level != LEVEL_REGION:
        transit = (
            "People assisted in transit are included in this chapter's figures but are "
            "never added up across countries: in-transit populations pass through several "
            "countries and may be assisted in more than one, so the regional total leaves "
            "them out. Quote them separately from people in destination."
        )
    if chapter.has_funding:
        funding = (
            f"Funding information as reported to the Financial Tracking Service (FTS){when}. "
            "This data is based on partners' voluntary reporting of contributions and may "
            "not accurately represent all funds attributed to the response; unmarked funds "
            "may not be reported to FTS with a sector or country designation. Funds for "
            "activities at regional, sub-regional or multi-country level are not split by "
            "national or sub-regional platform: they are shown in their own regional / "
            "multi-country line."
        )
    else:
        funding = (
            "This dataset has no FTS funding extract, so no budget received is "
            "shown. Funding figures, where given, come from partners' voluntary "
            "reporting to FTS and are not split by platform when regional."
        )
    partners_note = (
        "Implementing partners include appealing partners that also implement activities, "
        "as well as implementing partners that are not appealing partners. Quote partner "
        "figures separately: adding up reporting and implementing partners, or partners of "
        "different countries, would count some organisations more than once."
    )
    k = chapter.min_count
    disclosure_note = (
        f"To protect the people assisted, any count of people from 1 to {k - 1} is shown "
        f"as <{k} in every table, chart and export, and where a hidden count could be "
        f"worked out from printed totals another cell is hidden too, shown as "
        f"{COMPLEMENT}. Zeros and totals are shown as they are."
    )
    return [
        Footnote("fn-transit", "*", transit),
        Footnote("fn-funding", "**", funding),
        Footnote("fn-partners", "***", partners_note),
        Footnote("fn-disclosure", "†", disclosure_note),
    ]
