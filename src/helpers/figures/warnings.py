"""Warnings that travel with a figure (METHOD.md): data right by the method that would
still mislead a reader, stated next to the key figures, in the index and in the exports.

Each warning is a code, its English message (a template marked for translation, filled
with `params`), and the params; counts of people among the params are the exact ones
here, and the publishing step (`chapter.documents`) keeps only those it may print.
"""

from __future__ import annotations

import pandas as pd

from ..core import localnumbers
from ..core.i18n import N_, gettext
from ..core.numbers import finite_number
from ..core.rounding import round_half_up
from ..inputs.organisations import PartnerIndex
from .document import ScopeFigures, headline
from .partners import NOT_NAMED, implementer_names, organisation_names
from .reach import activity_labels, admin1_labels, headline_people

TARGET_EXCEEDED_PERCENT = 200.0
DOMINANT_SHARE = 0.5
DOMINANT_MIN_ROWS = 5
OVERCOUNT_TOLERANCE = 0.5  # half a person: breakdowns may be fractional


def table_labels(rows: pd.DataFrame, index: PartnerIndex) -> dict[str, pd.Series]:
    """Each row's label in each table a chapter groups rows by, named as the tables name
    them (organisations by `name_key`, activities by `activity_labels`): the dominant row's
    people are printed only when, in each, the other rows sharing its label hold no people
    or at least k (`fewest_others`: otherwise a table's cell less the row's people would
    give a small count away)."""
    return {
        "country": rows["country"],
        "admin1": admin1_labels(rows),
        "month": rows["month"].astype(str),
        "appealing_org": organisation_names(rows["appealing_org"], index),
        "implementing_partner": implementer_names(rows, index).fillna(NOT_NAMED),
        "activity": activity_labels(rows),
    }


MESSAGES = {
    "no_rows": N_(
        "No 5W row of the sector counting people reached was reported here in the period."
    ),
    "dominant_row": N_(
        "One 5W row ({file}, row {row}: {organisation}, {month}) reports {people} people, "
        "{share} of the people reached."
    ),
    "dominant_row_unquantified": N_(
        "One 5W row ({file}, row {row}: {organisation}, {month}) accounts for more than half "
        "of the people reached."
    ),
    "target_exceeded": N_(
        "People reached are {percent} of the target: check that the targets are this period's."
    ),
    "target_exceeded_unquantified": N_(
        "People reached are more than twice the target: check that the targets are this period's."
    ),
    "breakdown_exceeds_total": N_(
        "The population types add up to {over_count} more people than the people reached reported."
    ),
    "breakdown_exceeds_total_unquantified": N_(
        "The population types add up to more people than the people reached reported."
    ),
}
"""English templates by message key; `message_key(warning)` picks one."""


def message_key(warning: dict) -> str:
    """The template a warning is written with: without its number when that number may
    not be printed (the publishing step then leaves it out of the params)."""
    code = warning["code"]
    if code == "dominant_row" and warning.get("share") is None:
        return "dominant_row_unquantified"
    if code == "target_exceeded" and warning.get("percent") is None:
        return "target_exceeded_unquantified"
    if code == "breakdown_exceeds_total" and warning.get("over_count") is None:
        return "breakdown_exceeds_total_unquantified"
    return code


def english(warning: dict) -> str:
    """The warning's message in English, its numbers as plain text."""
    params = {k: v for k, v in warning.items() if k not in ("code", "message")}
    if "share" in params and params["share"] is not None:
        params["share"] = f"{round_half_up(params['share'])} %"
    if "percent" in params and params["percent"] is not None:
        params["percent"] = f"{round_half_up(params['percent']):,} %"
    if "people" in params and params["people"] is not None:
        params["people"] = f"{round_half_up(params['people']):,}"
    if "over_count" in params and params["over_count"] is not None:
        params["over_count"] = f"{params['over_count']:,.0f}"
    return MESSAGES[message_key(warning)].format(**params)


def message(warning: dict) -> str:
    """The warning's message in the active edition (`core.i18n.edition`), its numbers in
    that edition's locale; `english()` stays the exports' text."""
    params = {k: v for k, v in warning.items() if k not in ("code", "message")}
    if params.get("share") is not None:
        params["share"] = localnumbers.percent(params["share"], 0)
    if params.get("percent") is not None:
        params["percent"] = localnumbers.percent(params["percent"], 0)
    for name in ("people", "over_count"):
        if params.get(name) is not None:
            params[name] = localnumbers.decimal(params[name])
    return gettext(MESSAGES[message_key(warning)]).format(**params)


def scope_warnings(
    counted_rows: pd.DataFrame,
    scope: str,
    entry: ScopeFigures,
    index: PartnerIndex | None = None,
) -> list[dict]:
    """The warnings of one scope from its counted rows and its exact figures (`index`:
    the partner reference, to name organisations as the tables do; none: names alone)."""
    index = index or PartnerIndex(None)
    out: list[dict] = []
    if counted_rows.empty:
        out.append({"code": "no_rows"})
        return out
    people = headline_people(counted_rows, scope)
    total = finite_number(headline(entry)) or 0.0
    if len(counted_rows) >= DOMINANT_MIN_ROWS and total > 0:
        top = people.idxmax()
        if people[top] > DOMINANT_SHARE * total:
            row = counted_rows.loc[top]
            others = [
                float(people[labels == labels[top]].sum() - people[top])
                for labels in table_labels(counted_rows, index).values()
            ]
            out.append(
                {
                    "code": "dominant_row",
                    "file": row["source_file"],
                    "row": int(row["source_row"]),
                    "organisation": row["appealing_org"],
                    "month": row["month"],
                    "people": float(people[top]),
                    "share": 100.0 * float(people[top]) / total,
                    "fewest_others": min((o for o in others if o > 0), default=0.0),
                }
            )
    percent = finite_number(entry.get("percent_of_target"))
    if percent is not None and percent > TARGET_EXCEEDED_PERCENT:
        out.append({"code": "target_exceeded", "percent": percent})
    nd = finite_number(entry["reached"].get("not_disaggregated"))
    if nd is not None and -nd > OVERCOUNT_TOLERANCE:
        out.append({"code": "breakdown_exceeds_total", "over_count": -nd})
    return out
