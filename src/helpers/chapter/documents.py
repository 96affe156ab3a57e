"""The whole dataset's figures documents, exact and published: every chapter prints from
the same published document (as `r4v-report figures` does), since complementary
suppression is decided over all scopes together.

Publishing a document, in order:
1. whole people (METHOD.md rule 10): each country's parts rounded to add up to its
   rounded total (largest remainder); platforms, the region and the regional block are
   sums of rounded countries, so every printed relation adds up;
2. a scope with no counted rows gets no figures of people ("not reported");
3. small numbers suppressed over the whole document (`disclosure.suppress_figures_report`);
4. each warning keeps only the numbers it may print next to the published figures.
"""

from __future__ import annotations

import copy
import weakref
from typing import Any, NamedTuple

from ..core.numbers import finite_number
from ..core.rounding import round_half_up, rounded_parts
from ..disclosure import is_hidden, is_small, suppress_figures_report
from ..disclosure.suppression import document_ranges
from ..figures.analysis import Analysis
from ..figures.document import FiguresDocument, Reached, headline
from ..figures.reach import NOT_DISAGGREGATED, REACHED_KEYS, TOTAL_EXCLUDING_IN_TRANSIT
from ..figures.warnings import english

PARTS = REACHED_KEYS[1:]  # the population types and the not-disaggregated rest


class FiguresDocuments(NamedTuple):
    exact: FiguresDocument
    published: FiguresDocument
    unprotected: tuple  # paths of small counts the published numbers still give away
    rounded: FiguresDocument  # whole people before suppression: what tables add up to
    ranges: dict  # path of each hidden count -> (lo, hi) a reader of the document knows


_COMPUTED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def compute_documents(analysis: Analysis) -> FiguresDocuments:
    """The exact figures document and its published copy, computed once per Analysis.
    Callers must not modify them."""
    documents = _COMPUTED.get(analysis)
    if documents is None:
        exact = analysis.figures()
        k = analysis.dataset.manifest.min_count
        rounded = round_document(exact)
        published, unprotected = publish_document(rounded, k)
        documents = FiguresDocuments(
            exact, published, unprotected, rounded, document_ranges(published, k, rounded)
        )
        _COMPUTED[analysis] = documents
    return documents


def round_document(exact: FiguresDocument) -> FiguresDocument:
    """The document in whole people that add up (step 1)."""
    doc: Any = copy.deepcopy(exact)
    by_iso3 = {}
    for country in doc["countries"]:
        country["reached"] = _rounded(country["reached"])
        by_iso3[country["iso3"]] = country["reached"]
    for platform in doc["platforms"]:
        platform["reached"] = _summed([by_iso3[c] for c in platform["countries"]])
    region = _summed(list(by_iso3.values()))
    region["total"] = sum(r["total"] - r["in_transit"] for r in by_iso3.values())
    region["in_transit"] = None
    region[TOTAL_EXCLUDING_IN_TRANSIT] = region["total"]
    doc["region"]["reached"] = region
    if doc.get("regional_activities"):
        doc["regional_activities"]["reached"] = _rounded(doc["regional_activities"]["reached"])
    return doc


def publish_document(rounded: FiguresDocument, k: int) -> tuple[FiguresDocument, tuple]:
    """The document a reader may see, from the rounded one: no figures of people for
    scopes without activities, small counts suppressed, warnings' numbers kept only where
    printing them gives nothing away."""
    doc: Any = copy.deepcopy(rounded)
    for entry in _entries(doc):
        if any(w["code"] == "no_rows" for w in entry.get("warnings", [])):
            entry["reached"] = {key: None for key in entry["reached"]}
            entry["percent_of_target"] = None
    result = suppress_figures_report(doc, k)
    published: Any = result.published
    for entry in _entries(published):
        entry["warnings"] = [_published_warning(w, entry, k) for w in entry.get("warnings", [])]
    return published, tuple(result.unprotected)


def _rounded(reached: Reached) -> Reached:
    """A country's (or the regional block's) figures in whole people that add up."""
    values: Any = dict(reached)
    total, parts = rounded_parts([values[p] or 0.0 for p in PARTS], values["total"])
    values["total"] = total
    values.update(zip(PARTS, parts, strict=True))
    return values


def _summed(parts: list) -> Any:
    return {key: sum(r[key] for r in parts) for key in REACHED_KEYS}


def _entries(doc: Any) -> list[dict]:
    entries = [*doc["countries"], *doc["platforms"], doc["region"]]
    if doc.get("regional_activities"):
        entries.append(doc["regional_activities"])
    return entries


def _published_warning(warning: dict, entry: dict, k: int) -> dict:
    """A warning with only the numbers it may print: the dominant row's people and share
    only when neither they nor the rest of the scope's people are a small count (and the
    headline is printed); the over-count only when the not-disaggregated figure it is the
    opposite of is printed."""
    out = dict(warning)
    code = out["code"]
    printed = finite_number(headline(entry))  # type: ignore[arg-type]
    if code == "dominant_row":
        people = round_half_up(out.pop("people"))
        fewest_others = out.pop("fewest_others", 0.0)
        safe = (
            printed is not None
            and not is_small(fewest_others, k)
            and not is_small(people, k)
            and not is_small(printed - people, k)
            and people <= printed
        )
        out["share"] = round_half_up(100.0 * people / printed) if safe and printed else None
        out["people"] = people if out["share"] is not None else None
    elif code == "target_exceeded":
        out["percent"] = entry.get("percent_of_target")  # None where the headline is hidden
    elif code == "breakdown_exceeds_total":
        nd = entry["reached"].get(NOT_DISAGGREGATED)
        printed_nd = None if is_hidden(nd) else finite_number(nd)
        # Only the over-count the page shows as a negative "not disaggregated" (rounded
        # to whole people it may be 0: then the warning gives no number).
        out["over_count"] = -printed_nd if printed_nd is not None and printed_nd < 0 else None
    out["message"] = english(out)
    return out
