"""The record of a fetch, `fetch.json`: what was asked of FTS or HDX, when, and what came back.

`r4v-report fetch` (inputs/fetch.py) writes it beside the files it downloads; a dataset
whose manifest names that folder as its `funding` reads the files it lists, in order, and
takes the funding as-of date from it. Reading and checking the record lives here, apart
from the network code, so that loading a dataset never imports an HTTP client. A record
looks like:

    {"source": "fts",
     "query": {"api": "https://api.hpc.tools/v1/public/fts/flow",
               "parameters": {"locationId": "114", "year": "2020"}},
     "as_of": "2026-11-28T09:15:02Z", "complete": true, "count": 478, "flows": 478,
     "files": [{"file": "page-1.json", "url": "...", "sha256": "...", "bytes": 396822,
                "flows": 200, "fetched_at": "2026-11-28T09:15:02Z"}, ...]}

`as_of` is when the earliest file was fetched (a resumed fetch keeps it): every flow
reported to FTS by then is in the extract. An HDX fetch has `"source": "hdx"`,
`"query": {"url": ...}`, one file and no count.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.checksums import sha256
from ..core.errors import InputError

RECORD_NAME = "fetch.json"
SOURCES = ("fts", "hdx")
_FILE_NAME = re.compile(r"^[\w][\w.-]*$")
_EXPECTED = f"a {RECORD_NAME} written by `r4v-report fetch`"


@dataclass
class FetchRecord:
    """A parsed `fetch.json`: the query, the as-of time (UTC, ISO 8601) and the files."""

    source: str  # "fts" or "hdx"
    query: dict
    as_of: str | None
    complete: bool
    files: list[dict] = field(default_factory=list)  # file, url, sha256, bytes, ...
    count: int | None = None  # FTS's meta.count
    flows: int | None = None  # flows received

    def as_json(self) -> dict:
        """The record as `fetch.json` holds it."""
        return {
            "source": self.source,
            "query": self.query,
            "as_of": self.as_of,
            "complete": self.complete,
            "count": self.count,
            "flows": self.flows,
            "files": self.files,
        }

    @property
    def as_of_date(self) -> str | None:
        """The as-of date (YYYY-MM-DD, UTC) the chapter's funding footnote prints."""
        return self.as_of[:10] if self.as_of else None


def is_fetch_folder(path: Path) -> bool:
    """A folder `r4v-report fetch` wrote (it holds fetch.json)."""
    return path.is_dir() and (path / RECORD_NAME).is_file()


def parse_record(text: str, where: str | Path) -> FetchRecord:
    """A fetch record from its JSON text; an InputError naming `where` when it is not one."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(
            f"not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})",
            file=where,
            expected=_EXPECTED,
        ) from e
    if (
        not isinstance(raw, dict)
        or raw.get("source") not in SOURCES
        or not isinstance(raw.get("query"), dict)
        or not isinstance(raw.get("files"), list)
    ):
        raise InputError(
            "not a fetch record (it needs 'source', 'query' and 'files')",
            file=where,
            expected=_EXPECTED,
        )
    files = raw["files"]
    for i, entry in enumerate(files):
        name = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not _FILE_NAME.match(name) or name == RECORD_NAME:
            raise InputError(
                f"files[{i}] is not a file name in this folder: {name!r}",
                file=where,
                expected=_EXPECTED,
            )
        if not isinstance(entry.get("sha256"), str):
            raise InputError(f"files[{i}] ({name}) has no sha256", file=where, expected=_EXPECTED)
    count, flows = raw.get("count"), raw.get("flows")
    return FetchRecord(
        source=raw["source"],
        query=raw["query"],
        as_of=str(raw["as_of"]) if raw.get("as_of") else None,
        complete=raw.get("complete") is True,
        files=files,
        count=count if isinstance(count, int) and not isinstance(count, bool) else None,
        flows=flows if isinstance(flows, int) and not isinstance(flows, bool) else None,
    )


def read_record(folder: Path, shown: str | None = None) -> FetchRecord:
    """The record of a complete fetch in `folder`, every file it lists present; an
    InputError naming the folder (as `shown`) otherwise. Checksums are `verify`'s job."""
    shown = shown or str(folder)
    where = f"{shown.rstrip('/')}/{RECORD_NAME}"
    path = folder / RECORD_NAME
    if not path.is_file():
        raise InputError(
            f"the folder holds no {RECORD_NAME}",
            file=shown,
            expected="a folder written by `r4v-report fetch` (or name the files themselves)",
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError("not UTF-8 text", file=where, expected=_EXPECTED) from e
    record = parse_record(text, where)
    if not record.complete:
        raise InputError(
            f"the fetch is not complete ({len(record.files)} file(s) so far); run the same "
            "r4v-report fetch command again to finish it",
            file=where,
        )
    if not record.files:
        raise InputError("the fetch lists no files", file=where, expected=_EXPECTED)
    for entry in record.files:
        if not (folder / entry["file"]).is_file():
            raise InputError(
                f"lists {entry['file']}, which is not in the folder; fetch again", file=where
            )
    return record


def record_files(folder: Path, record: FetchRecord) -> list[Path]:
    """The downloaded files of a fetch, in the order they came (FTS pages by page)."""
    return [folder / entry["file"] for entry in record.files]


def verify(folder: Path, record: FetchRecord, shown: str | None = None) -> None:
    """Every file as it was fetched (its sha256 as recorded); an InputError naming the first
    that changed, so that a build never quietly reads an edited extract."""
    where = f"{(shown or str(folder)).rstrip('/')}/{RECORD_NAME}"
    for entry in record.files:
        if sha256(folder / entry["file"]) != entry["sha256"]:
            raise InputError(
                f"{entry['file']} is not the file that was fetched (its sha256 differs from "
                "the record's); fetch again rather than edit a fetched file",
                file=where,
            )


def funding_files(paths: list[Path], base: Path | None = None) -> list[Path]:
    """The FTS pages and HDX CSVs a funding source names: files as listed, and for a fetch
    folder the files its record lists, in the order they came, each checked against its
    sha256 (errors name the folder relative to `base`, the dataset folder)."""
    out: list[Path] = []
    for p in paths:
        if not p.is_dir():
            out.append(p)
            continue
        shown = str(p)
        if base is not None:
            try:
                shown = p.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                pass
        record = read_record(p, shown)
        verify(p, record, shown)
        out.extend(record_files(p, record))
    return out
