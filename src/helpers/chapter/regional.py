"""The regional chapter's own block: activities of rows whose country is `Regional`."""

from __future__ import annotations

from ..core.geography import REGIONAL
from ..figures import reach
from .context import ChapterContext
from .model import LEVEL_REGION


def regional_activities(ctx: ChapterContext) -> dict | None:
    if ctx.level != LEVEL_REGION:
        return None
    entry = ctx.published_document.get("regional_activities")
    if not entry:
        return None
    rows = reach.counted(ctx.analysis.scope_rows(REGIONAL))
    label = rows["activity_name"].where(
        rows["activity_name"].str.strip() != "", rows["rmrp_activity"]
    )
    names = sorted({str(x).strip() for x in label if str(x).strip()})
    outputs = reach.outputs(ctx.analysis.scope_rows(REGIONAL))
    return {
        **entry,
        "activities": names,
        "outputs": int(outputs["rows"].sum()) if not outputs.empty else 0,
    }
