"""The technical annex's records: data-quality findings of the chapter's scope, and
provenance."""

from __future__ import annotations

from datetime import timezone

from .. import __version__
from ..core.findings import chapter_findings
from ..disclosure.findings import publish_finding
from .context import ChapterContext
from .model import LEVEL_REGION, MAX_FINDINGS_PER_CHECK


def findings(ctx: ChapterContext) -> tuple[list[dict], dict[str, int], int]:
    """The data-quality findings of the chapter's sector and scope (METHOD.md "Data-quality
    annex scope"), fit to publish, at most `MAX_FINDINGS_PER_CHECK` per check; how many
    each check found; and how many findings the dataset has on other sectors or scopes
    (summed in one line)."""
    every = ctx.analysis.findings  # load-time findings of every row, this sector's checks
    countries = None if ctx.level == LEVEL_REGION else set(ctx.countries)
    scoped, others = chapter_findings(every, countries, ctx.analysis.sector)
    counts: dict[str, int] = {}
    out = []
    for f in sorted(scoped, key=lambda f: (f.check, f.file or "", f.row or 0)):
        counts[f.check] = counts.get(f.check, 0) + 1
        if counts[f.check] <= MAX_FINDINGS_PER_CHECK:
            out.append(publish_finding(f))
    return out, counts, others


def provenance(ctx: ChapterContext) -> dict:
    """Input files with checksums, as-of dates, parameters, version and build time."""
    return {
        "inputs": [dict(i) for i in ctx.dataset.inputs],
        "as_of": dict(ctx.manifest.as_of),
        "parameters": {
            "scope": ctx.scope,
            "sector": ctx.analysis.sector,
            "exact": ctx.exact,
            "min_count": ctx.min_count,
            "dataset_folder": ctx.manifest.folder.name,
            "period": {"start": ctx.manifest.period_start, "end": ctx.manifest.period_end},
        },
        "version": __version__,
        "built_at": ctx.built_at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }
