"""Findings fit to publish in a chapter's annex: where and what, never how many people.

`r4v-report validate` prints a finding's full message for the data owner, with the
counts of people it names. The annex is published: a row's count of people, or the
figures a breakdown adds up to, could be set against the chapter's tables to work out a
small count. So the annex keeps a finding's check, severity, file, row, column, country
and its `params` (text values, never counts of people), and `present` writes its words.
"""

from __future__ import annotations

from ..core.findings import Finding


def publish_finding(f: Finding) -> dict:
    """A finding as the annex may print it."""
    return {
        "check": f.check,
        "severity": f.severity,
        "file": f.file,
        "row": f.row,
        "column": f.column,
        "country": f.country,
        "params": dict(f.params),
    }
