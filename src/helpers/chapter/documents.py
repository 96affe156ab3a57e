"""The whole dataset's figures documents, exact and published: every chapter prints from
the same published document (as `r4v-report figures` does), since complementary
suppression is decided over all scopes together."""

from __future__ import annotations

import weakref
from typing import NamedTuple

from ..disclosure import suppress_figures_report
from ..figures.analysis import Analysis
from ..figures.document import FiguresDocument


class FiguresDocuments(NamedTuple):
    exact: FiguresDocument
    published: FiguresDocument
    unprotected: tuple  # paths of small counts the published numbers still give away


_COMPUTED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def compute_documents(analysis: Analysis) -> FiguresDocuments:
    """The exact figures document and its suppression, computed once per Analysis.
    Callers must not modify them."""
    documents = _COMPUTED.get(analysis)
    if documents is None:
        exact = analysis.figures()
        result = suppress_figures_report(exact, analysis.dataset.manifest.min_count)
        documents = FiguresDocuments(exact, result.published, tuple(result.unprotected))
        _COMPUTED[analysis] = documents
    return documents
