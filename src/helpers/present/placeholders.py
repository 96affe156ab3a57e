"""Narrative placeholders (`{reached}`, `{percent_of_target}`…) filled from the published
figures, formatted as the page prints them."""

from __future__ import annotations

from ..chapter.model import Chapter
from ..core import geography
from ..core.columns import POPULATION_TYPES
from ..core.geography import REGION
from ..core.i18n import N_, gettext
from ..core.numbers import finite_number as number
from ..inputs.narratives import PLACEHOLDERS
from .formatting import (
    fit_scope,
    fmt_date,
    fmt_people,
    fmt_percent,
    fmt_usd,
    hidden_words,
    not_available,
    period_label,
    scope_phrase,
)

NOT_ADDED_UP = N_("not added up across countries")


def placeholder_values(chapter: Chapter) -> dict[str, str]:
    """Display strings for every narrative placeholder, from the published figures, in
    the active edition."""
    kf = chapter.key_figures
    na = not_available()
    reached = kf["reached"]

    def people(v) -> str:
        return hidden_words(fmt_people(v, short=True, missing=na))

    values = {
        "reached": people(chapter.headline),
        "reached_excluding_in_transit": people(
            reached.get(
                "total_excluding_in_transit", _minus(reached["total"], reached["in_transit"])
            )
        ),
        **{p: people(reached[p]) for p in POPULATION_TYPES},
        "target": people(kf.get("target")),
        "percent_of_target": fmt_percent(kf.get("percent_of_target"), missing=na),
        "reporting_partners": fmt_people(kf.get("reporting_partners"), missing=na),
        "implementing_partners": fmt_people(kf.get("implementing_partners"), missing=na),
        "refugee_migrant_led_partners": fmt_people(
            kf.get("refugee_migrant_led_partners"), missing=na
        ),
        "donors": fmt_people(kf.get("donors"), missing=na),
        "funding_usd": fmt_usd(kf.get("funding_usd"), short=True, missing=na),
        "funding_as_of": fmt_date(chapter.funding_as_of) if chapter.funding_as_of else na,
        "scope": scope_phrase(chapter.scope, geography.scope_name(chapter.scope)),
        "period": period_label(chapter.period_start, chapter.period_end),
    }
    if chapter.scope == REGION:
        values["in_transit"] = gettext(NOT_ADDED_UP)
    return {name: values.get(name, na) for name in PLACEHOLDERS}


def _minus(a, b):
    x, y = number(a), number(b)
    return None if x is None or y is None else x - y


def filled_narratives(chapter: Chapter, texts: dict[str, str] | None = None) -> dict[str, str]:
    """The chapter's analysts' text (or `texts`, an edition's), section by section, with
    every placeholder filled in the active edition."""
    values = placeholder_values(chapter)
    source = chapter.narratives if texts is None else texts
    return {
        section: fit_scope(text.format_map(values), values["scope"])
        for section, text in (source or {}).items()
    }
