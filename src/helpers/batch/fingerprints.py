"""What each chapter is made of, digested, so a build rebuilds only what changed; and the
whole dataset's figures documents, computed once per build for every chapter."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, is_dataclass
from datetime import datetime, timezone
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


def _doc_parts(scope: str, documents: FiguresDocuments) -> tuple[dict, dict]:
    """(the entries of the figures documents a chapter prints: its own and those of the
    units one level down, the region's all of them; all its disclosure control uses of
    the other scopes, `chapter_document_view`): a change elsewhere that leaves both
    alone leaves the chapter alone. The second holds other chapters' published numbers
    (the constants of the relations its hidden counts are audited with), which may or
    may not change what the chapter hides: see `printed_digests`."""
    from ..chapter.context import chapter_document_view, printed_scopes
    from ..figures.document import scope_entry

    published = documents.published
    if scope == geography.REGION:
        whole = {
            "exact": documents.exact,
            "published": published,
            "rounded": documents.rounded,
            "ranges": documents.ranges,
        }
        return whole, {}
    view = chapter_document_view(documents, scope)
    entries = {
        s: [scope_entry(doc, s) for doc in (documents.exact, published, documents.rounded)]
        for s in printed_scopes(scope)
        if s != geography.REGIONAL
    }
    uses = {
        "view": view.as_json(),
        "ranges": {p: r for p, r in documents.ranges.items() if p in view.values},
    }
    return {"entries": entries}, uses


@dataclass(frozen=True)
class Fingerprints:
    """One digest per chapter of everything it is made from (`digests`), and of all of it
    but the other chapters' figures its disclosure control uses (`bases`)."""

    digests: dict[str, str]
    bases: dict[str, str]

    def only(self, scopes: list[str]) -> Fingerprints:
        return Fingerprints(
            {s: self.digests[s] for s in scopes}, {s: self.bases[s] for s in scopes}
        )


def chapter_fingerprints(
    entry: Path, m: Manifest, *, sector: str, scopes: list[str], template: Path | None, params: dict
) -> Fingerprints:
    """One digest per chapter of everything the chapter is made from, and its basis: the
    same less the other chapters' figures its disclosure control uses. Same digest, same
    chapter (`build` then skips it); same basis and a new digest, maybe the same chapter
    (`printed_digests` tells).

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
        remembered = Fingerprints(known["digests"], known["bases"])
        return remembered.only(scopes)
    except (OSError, ValueError, KeyError, TypeError):
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
    digests, bases = {}, {}
    for scope in geography.chapter_scopes():
        codes = snapshot.scope_codes(scope)
        scope_rows = rows if codes is None else rows[rows["country"].isin(codes)]
        scoped, others = chapter_findings(
            findings, None if codes is None else set(codes), analysis.sector
        )
        printed, uses = _doc_parts(scope, documents)
        bases[scope] = _digest(
            {
                "common": common,
                "scope": scope,
                "rows": _frame_digest(scope_rows),
                "findings": _digest([f.as_dict() for f in scoped]),
                "other_findings": others,
                "figures": printed,
                "narrative": {lang: texts.get(scope) for lang, texts in narratives.items()},
            }
        )
        digests[scope] = _digest({"basis": bases[scope], "uses": uses})
    made = Fingerprints(digests, bases)
    write_atomic(memo, json.dumps(asdict(made), indent=1).encode("utf-8"))
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
    return made.only(scopes)


PRINTED_AT = datetime(2000, 1, 1, tzinfo=timezone.utc)
"""The build time `printed_digests` builds chapters at: any fixed one (it is provenance)."""


def printed_digests(
    entry: Path, folder: Path, *, sector: str, scopes: list[str], exact: bool
) -> dict[str, str | None]:
    """What each chapter prints, digested, built from a snapshot entry as a build's
    notebook builds it, its provenance aside: a chapter a build keeps keeps the provenance
    of the build that wrote it, which is still true of it. None for a chapter that could
    not be built here: a worker builds it, and names its failure as for any chapter.

    Why: a small count hidden in one chapter is audited with relations whose constants
    are other chapters' published numbers, so those numbers are in its fingerprint; most
    of the time they change nothing the chapter hides, and a chapter whose basis is the
    same and whose printed content is the same for the previous snapshot and the new one
    need not be built again (Aruba's rows changed: three chapters, not sixteen)."""
    from ..chapter.build import build_chapter
    from ..figures.analysis import Analysis

    analysis = Analysis(snapshot.load_cached(folder, sector=sector, entry=entry), sector)
    documents = figures_documents(entry, sector)
    digests: dict[str, str | None] = {}
    for scope in scopes:
        try:
            chapter = build_chapter(
                analysis, scope, exact=exact, built_at=PRINTED_AT, documents=documents
            )
        except Exception:  # noqa: BLE001 - the chapter's own build reports it
            digests[scope] = None
        else:
            digests[scope] = _digest(_printed(chapter))
    return digests


def _printed(chapter) -> dict:
    """Everything a chapter prints, its provenance aside, as plain JSON values."""
    printed = {
        f.name: getattr(chapter, f.name)
        for f in fields(chapter)
        if f.name not in ("provenance", "exports", "shown")
    }
    document = {k: v for k, v in chapter.exports["document"].items() if k != "provenance"}
    printed["exports"] = {"document": document, "csv": chapter.exports.get("csv")}
    return _plain(printed)


def _plain(value):
    """`value` as JSON values, whole: a table by every cell (its str is cut short)."""
    import pandas as pd

    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.to_json(orient="split", double_precision=15, default_handler=str)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((_plain(v) for v in value), key=repr)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


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
