"""What each chapter is made of, digested, so a build rebuilds only what changed; and the
whole dataset's figures documents, computed once per build for every chapter."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import geography
from ..core.checksums import sha256
from ..core.files import write_atomic
from ..core.names import name_key
from ..inputs import snapshot
from ..inputs.manifest import Manifest

if TYPE_CHECKING:
    import pandas as pd

    from ..chapter.documents import FiguresDocuments

# The chapter and figures layers (pandas) are imported where a digest is computed: a
# rebuild with nothing changed reads the remembered digests and needs neither.


def _digest(obj) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()


def _frame_digest(df: pd.DataFrame) -> str:
    import pandas as pd

    h = hashlib.sha256(_digest([list(df.columns), [str(t) for t in df.dtypes]]).encode())
    if not df.empty:
        h.update(pd.util.hash_pandas_object(df, index=False).to_numpy().tobytes())
    return h.hexdigest()


def _is_source(m: Manifest, rel: str, sources: tuple[str, ...]) -> bool:
    path = (m.folder / rel).resolve()
    for source in sources:
        for p in m.files(source):
            if path == p or p in path.parents:
                return True
    return False


def _doc_part(scope: str, documents: FiguresDocuments) -> dict:
    """The entries of the figures documents a chapter prints (its own and those of the
    units one level down; the region prints them all), and all its disclosure control uses
    of the other scopes (`chapter_document_view`): a change elsewhere that leaves these
    alone leaves the chapter alone."""
    from ..chapter.context import chapter_document_view, printed_scopes
    from ..figures.document import scope_entry

    published = documents.published
    if scope == geography.REGION:
        return {
            "exact": documents.exact,
            "published": published,
            "rounded": documents.rounded,
            "ranges": documents.ranges,
        }
    view = chapter_document_view(documents, scope)
    return {
        "entries": {
            s: [scope_entry(doc, s) for doc in (documents.exact, published, documents.rounded)]
            for s in printed_scopes(scope)
            if s != geography.REGIONAL
        },
        "view": view.as_json(),
        "ranges": {p: r for p, r in documents.ranges.items() if p in view.values},
    }


def chapter_fingerprints(
    entry: Path, m: Manifest, *, sector: str, scopes: list[str], template: Path | None, params: dict
) -> dict[str, str]:
    """One digest per chapter of everything the chapter is made from. Same digest, same
    chapter (`build` then skips it).

    A chapter prints: the rows of its scope (tables, charts), the data-quality findings of
    its sector and scope and how many the dataset has elsewhere, its entries in the
    figures document *after* complementary suppression, which is decided over the whole
    document (so a change elsewhere that changes what is hidden in this chapter changes
    its digest, and one that does not, does not), the reference files, its narrative,
    the manifest's settings, the template, the helpers code and the parameters. Computed
    once per cache entry, sector, template and parameters, and remembered in the entry.
    """
    template_sha = sha256(template) if template is not None and template.is_file() else None
    memo = entry / f"fingerprints-{_digest([name_key(sector), template_sha, params])[:24]}.json"
    try:
        known = json.loads(memo.read_text(encoding="utf-8"))
        if all(s in known for s in scopes):
            return {s: known[s] for s in scopes}
    except (OSError, ValueError):
        pass
    from ..chapter.documents import compute_documents
    from ..core.findings import chapter_findings
    from ..figures import reach
    from ..figures.analysis import Analysis

    meta = snapshot.entry_meta(entry)
    ds = snapshot.dataset_from_entry(entry, meta, m)
    analysis = Analysis(ds, sector)
    documents = compute_documents(analysis)
    exact_doc, published = documents.exact, documents.published
    findings = analysis.findings
    rows = reach.sector_rows(ds.activities, sector).reset_index(drop=True)
    references = {
        f: s
        for f, s in meta["checksums"].items()
        if not _is_source(m, f, ("activities", "narratives"))
    }
    settings = {
        "name": m.name,
        "synthetic": m.synthetic,
        "period": [m.period_start, m.period_end],
        "sector": m.sector,
        "as_of": m.as_of,
        "min_count": m.min_count,
        "folder": m.folder.name,
    }
    common = _digest(
        {
            "format": snapshot.FORMAT,
            "code": snapshot.code_fingerprint(),
            "references": references,
            "settings": settings,
            "params": params,
            "sector": sector,
            "template": template_sha,
            "unprotected": [str(u) for u in documents.unprotected],
        }
    )
    narratives = meta["narratives"] or {}
    out = {}
    for scope in geography.chapter_scopes():
        codes = snapshot.scope_codes(scope)
        scope_rows = rows if codes is None else rows[rows["country"].isin(codes)]
        scoped, others = chapter_findings(
            findings, None if codes is None else set(codes), analysis.sector
        )
        out[scope] = _digest(
            {
                "common": common,
                "scope": scope,
                "rows": _frame_digest(scope_rows),
                "findings": _digest([f.as_dict() for f in scoped]),
                "other_findings": others,
                "figures": _doc_part(scope, documents),
                "narrative": {lang: texts.get(scope) for lang, texts in narratives.items()},
            }
        )
    write_atomic(memo, json.dumps(out, indent=1).encode("utf-8"))
    snapshot.write_json(
        entry,
        _documents_name(sector),
        {
            "exact": exact_doc,
            "published": published,
            "rounded": documents.rounded,
            "ranges": documents.ranges,
            "unprotected": list(documents.unprotected),
            "min_count": m.min_count,
        },
    )
    return {s: out[s] for s in scopes}


def _documents_name(sector: str) -> str:
    return f"documents-{_digest(name_key(sector))[:24]}"


def figures_documents(entry: str | Path, sector: str) -> FiguresDocuments | None:
    """The whole dataset's figures documents of one sector, as the build computed them
    once for every chapter from this snapshot (None if it has not)."""
    from ..chapter.documents import FiguresDocuments

    doc = snapshot.read_json(Path(entry), _documents_name(sector))
    if doc is None:
        return None
    return FiguresDocuments(
        doc["exact"],
        doc["published"],
        tuple(doc["unprotected"]),
        doc["rounded"],
        {path: tuple(bounds) for path, bounds in doc["ranges"].items()},
    )
