"""Data-quality findings: fixable oddities in the data, named by file, row and column.

A finding never stops a load; `r4v-report validate` prints its `message` (for the data
owner: it may name values and counts of people), and a chapter's technical annex lists
the findings of its sector and scope in words of their own (`present`), from `check` and
`params`, which never name a count of people.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .names import name_key


@dataclass(frozen=True)
class Finding:
    """One thing a data owner should look at; `row` is the spreadsheet row (header = 1)."""

    check: str
    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    country: str | None = None  # ISO3, REGIONAL, or None when not tied to a country
    people: float | None = None  # people the row carries, where that matters (not published)
    severity: str = "warning"  # "warning" or "info"
    sector: str | None = None  # the row's sector, None when not tied to a row's sector
    params: dict = field(default_factory=dict, compare=False)  # what the annex may name

    def as_dict(self) -> dict:
        return asdict(self)


def findings_for_scope(
    findings: list[Finding], countries: set[str] | None, sector: str | None = None
) -> list[Finding]:
    """Findings about rows of these countries (all, when None) and this sector (any, when
    None), plus those tied to no country or no sector (file- and dataset-level)."""
    key = name_key(sector) if sector is not None else None
    return [
        f
        for f in findings
        if (countries is None or f.country is None or f.country in countries)
        and (key is None or f.sector is None or name_key(f.sector) == key)
    ]


def chapter_findings(
    findings: list[Finding], countries: set[str] | None, sector: str | None
) -> tuple[list[Finding], int]:
    """The findings a chapter's annex lists (`findings_for_scope`) and how many others it
    sums in one line (METHOD.md "Data-quality annex scope"): that count is printed by
    every chapter, so a finding added or fixed anywhere changes every chapter."""
    scoped = findings_for_scope(findings, countries, sector)
    return scoped, len(findings) - len(scoped)
