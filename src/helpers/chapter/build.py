"""Build one chapter: every part from the Analysis and the figures documents, then its
exports. Data moves one way: inputs -> figures -> disclosure -> chapter -> present."""

from __future__ import annotations

from datetime import datetime, timezone

from ..core import geography
from ..core.errors import InputError
from ..core.names import name_key
from ..core.sectors import check_sector
from ..figures.analysis import Analysis
from ..inputs.dataset import Dataset, known_sectors
from . import annex, people, regional, situation
from .context import ChapterContext, document_people_hidden
from .documents import FiguresDocuments, compute_documents
from .exports import chapter_exports
from .lessons import lessons_learned, organisation_misalignment, platforms_side_by_side
from .model import LEVEL_REGION, NO_NARRATIVE, SECTIONS, Chapter


def check_scope(scope: object) -> str:
    """The canonical scope id, or InputError naming the choices."""
    resolved = geography.resolve_scope(scope) if isinstance(scope, str) else None
    if resolved is None:
        choices = ", ".join(geography.chapter_scopes()[:4])
        raise InputError(
            f"unknown scope '{scope}'",
            column="scope",
            expected=f"{choices} or a country's ISO3 code such as COL",
        )
    return resolved


def build_chapter(
    source: Dataset | Analysis,
    scope: str,
    *,
    sector: str | None = None,
    exact: bool = False,
    built_at: datetime | None = None,
    documents: FiguresDocuments | None = None,
) -> Chapter:
    """Build the chapter of one scope (`region`, a sub-regional platform id or an ISO3 code)
    from a dataset or an existing Analysis. `documents` are the whole dataset's figures
    documents when a build computed them already (else they are computed here)."""
    if isinstance(source, Analysis):
        analysis = source
        if sector and name_key(sector) != name_key(source.sector):
            raise ValueError(f"the Analysis is for '{source.sector}', not '{sector}'")
    else:
        chosen = (
            check_sector(sector, source.manifest.sector, known_sectors(source)) if sector else None
        )
        analysis = Analysis(source, chosen)
    ctx = ChapterContext(
        analysis,
        check_scope(scope),
        exact,
        built_at or datetime.now(timezone.utc),
        documents or compute_documents(analysis),
    )
    return _assemble(ctx)


def _narratives(ctx: ChapterContext) -> dict[str, str] | None:
    """The analysts' Markdown of this chapter's sections (placeholders unfilled), in the
    active edition's language."""
    narratives = ctx.dataset.narratives
    texts = narratives.get(ctx.scope) if narratives is not None else None
    if not texts:
        if "narratives" not in ctx.missing and ctx.dataset.narratives:
            ctx.missing["narratives"] = NO_NARRATIVE
        return None
    return {s: texts[s] for s in SECTIONS if texts.get(s)}


def _narratives_by_language(ctx: ChapterContext) -> dict[str, dict[str, str]]:
    """This chapter's analysts' Markdown in every language the dataset has it in."""
    narratives = ctx.dataset.narratives
    if not narratives:
        return {}
    found = {}
    for lang in narratives.languages:
        if narratives.has(lang, ctx.scope):
            texts = narratives[lang, ctx.scope]
            found[lang] = {s: texts[s] for s in SECTIONS if texts.get(s)}
    return found


def _assemble(ctx: ChapterContext) -> Chapter:
    # 1. every table registers what it prints; 2. the ledger settles them together;
    # 3. each table reads back its published values.
    infographic, unit = people.infographic(ctx)
    rvt = people.reached_vs_target(ctx)
    by_partner, led_part, led = people.by_partner(ctx)
    age_gender = people.age_gender(ctx)
    progress = people.progress(ctx)
    by_activity = people.by_activity(ctx)
    outputs = people.outputs(ctx)
    organisations = organisation_misalignment(ctx)
    ctx.ledger.settle()
    if led is not None and led_part is not None:
        led_table = led_part.published()
        led = {
            **led,
            "reached": None if led_table is None else led_table.at["led", "reached"],
            "share": None if led_table is None else led_table.at["led", "share"],
        }
    sit, groups, concentration = situation.situation(ctx)
    wide, units, sources = situation.situation_wide(sit if len(ctx.countries) > 1 else None)
    lessons_ = lessons_learned(ctx, organisations.published() if organisations else None)
    findings, counts, others = annex.findings(ctx)
    m = ctx.manifest
    chapter = Chapter(
        scope=ctx.scope,
        scope_name=geography.scope_name(ctx.scope),
        level=ctx.level,
        dataset_name=m.name,
        synthetic=m.synthetic,
        sector=ctx.analysis.sector,
        period_start=m.period_start,
        period_end=m.period_end,
        min_count=ctx.min_count,
        exact=ctx.exact,
        funding_as_of=m.as_of.get("funding"),
        key_figures=ctx.entry,
        infographic=infographic.published(),
        infographic_unit=unit,
        reached_vs_target=rvt.published(),
        age_gender=age_gender.published(),
        progress=progress.published(),
        by_activity=by_activity.published(),
        by_partner=by_partner.published(),
        refugee_migrant_led=led,
        outputs=outputs.published(),
        situation=sit,
        situation_groups=groups,
        risk_concentration=concentration,
        people_in_need=situation.people_in_need(ctx),
        situation_wide=wide,
        situation_units=units,
        situation_sources=sources,
        lessons=lessons_,
        narratives=None,
        findings=findings,
        finding_counts=counts,
        unprotected=[],
        provenance=annex.provenance(ctx),
        missing=ctx.missing,
    )
    chapter.platforms = platforms_side_by_side(ctx, lessons_)
    chapter.regional_activities = regional.regional_activities(ctx)
    chapter.regional_funding_usd = (
        ctx.analysis.regional_funding if ctx.level == LEVEL_REGION else None
    )
    if chapter.outputs is not None:
        chapter.indicator_names, chapter.indicator_types = people.output_names(
            ctx, chapter.outputs["indicator"]
        )
    chapter.narratives = _narratives(ctx)
    chapter.unprotected = list(ctx.unprotected)
    chapter.withheld = sorted(ctx.ledger.withheld)
    chapter.people_hidden = ctx.ledger.people_hidden() + document_people_hidden(
        ctx.documents, ctx.scope
    )
    chapter.other_findings = others
    chapter.links = dict(m.links)
    chapter.languages = tuple(m.languages)
    chapter.narratives_by_language = _narratives_by_language(ctx)
    chapter.exports = chapter_exports(ctx, chapter)
    return chapter
