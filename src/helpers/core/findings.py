"""Data-quality findings: fixable oddities in the data, named by file, row and column.

A finding never stops a load; the chapter's data-quality annex lists those of its scope.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
    """One thing a data owner should look at; `row` is the spreadsheet row (header = 1)."""

    check: str
    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    country: str | None = None  # ISO3, REGIONAL, or None when not tied to a country
    people: float | None = None  # people the row carries, where that matters
    severity: str = "warning"  # "warning" or "info"

    def as_dict(self) -> dict:
        return asdict(self)


def findings_for_scope(findings: list[Finding], countries: set[str] | None) -> list[Finding]:
    """Findings about rows of these countries, plus those tied to no country (file-level)."""
    if countries is None:
        return list(findings)
    return [f for f in findings if f.country is None or f.country in countries]
