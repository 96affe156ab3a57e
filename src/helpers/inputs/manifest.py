"""The dataset manifest (`dataset.yaml`): what a dataset holds and where, checked on read."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..core.errors import InputError
from ..core.i18n import LANGUAGES
from .extract import RECORD_NAME, is_fetch_folder, read_record, record_files

MANIFEST_NAME = "dataset.yaml"
DEFAULT_SECTOR = "Protection (Human Trafficking and Smuggling)"
DEFAULT_MIN_COUNT = 5
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SOURCES = (
    "activities",
    "indicators",
    "partners",
    "targets",
    "requirements",
    "funding",
    "situation",
    "narratives",
)
_FOLDER_SOURCES = {"narratives"}  # a folder of files, each read
_FETCH_SOURCES = {"funding"}  # a folder `r4v-report fetch` wrote: the files its fetch.json lists
_KNOWN_KEYS = {
    "name",
    "synthetic",
    "period",
    "sector",
    "as_of",
    "disclosure",
    "languages",
    "links",
    *_SOURCES,
}
LINK_KEYS = ("funding", "needs", "report", "guidance")
"""Source links a chapter prints where the seed prints one: FTS, the RMNA, the report, the
sector's guidance."""


@dataclass
class Manifest:
    """A parsed, checked manifest; every path is absolute and inside the dataset folder."""

    folder: Path
    name: str
    period_start: str
    period_end: str
    sector: str = DEFAULT_SECTOR
    synthetic: bool = False
    sources: dict[str, list[Path]] = field(default_factory=dict)
    as_of: dict[str, str] = field(default_factory=dict)
    min_count: int = DEFAULT_MIN_COUNT
    links: dict[str, str] = field(default_factory=dict)
    unknown_keys: list[str] = field(default_factory=list)
    languages: tuple[str, ...] = LANGUAGES  # the editions to build, in edition order

    @property
    def path(self) -> Path:
        return self.folder / MANIFEST_NAME

    def files(self, source: str) -> list[Path]:
        return self.sources.get(source, [])

    def has(self, source: str) -> bool:
        return bool(self.sources.get(source))

    def months(self) -> list[str]:
        return months_between(self.period_start, self.period_end)


def parse_month(value: object, *, file=None, key="period") -> str:
    """`YYYY-MM` checked for a real month; anything else is an InputError."""
    text = str(value).strip() if value is not None else ""
    m = _MONTH.match(text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InputError(
            f"'{text}' is not a month", file=file, column=key, expected="YYYY-MM, e.g. 2023-01"
        )
    return text


def months_between(start: str, end: str) -> list[str]:
    y, m = int(start[:4]), int(start[5:])
    out = []
    while f"{y:04d}-{m:02d}" <= end:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _inside(folder: Path, rel: object, key: str, manifest_path: Path) -> Path:
    """Resolve a manifest path and refuse any that leaves the dataset folder (`..`, an
    absolute path or a symlink), is missing, or is a folder where a file is wanted."""
    if not isinstance(rel, str) or not rel.strip():
        raise InputError(
            f"'{key}' must name a file relative to the dataset folder",
            file=manifest_path,
            column=key,
        )
    candidate = (folder / rel).resolve()
    root = folder.resolve()
    if candidate != root and root not in candidate.parents:
        literal = Path(os.path.normpath(root / rel))
        via = (
            " (a symlink; copy the file into the dataset folder instead)"
            if literal == root or root in literal.parents
            else ""
        )
        raise InputError(
            f"'{key}' points outside the dataset folder: {rel}{via}",
            file=manifest_path,
            column=key,
            expected="a path inside the dataset folder",
        )
    if not candidate.exists():
        raise InputError(
            f"'{key}' names a file that does not exist: {rel}", file=manifest_path, column=key
        )
    if candidate.is_dir() and key in _FETCH_SOURCES:
        if not is_fetch_folder(candidate):
            raise InputError(
                f"'{key}' names a folder without {RECORD_NAME}: {rel}",
                file=manifest_path,
                column=key,
                expected="a folder written by `r4v-report fetch`, or the files themselves",
            )
    elif candidate.is_dir() and key not in _FOLDER_SOURCES:
        raise InputError(
            f"'{key}' names a folder, not a file: {rel}",
            file=manifest_path,
            column=key,
            expected="a CSV or .xlsx file (a list for several)",
        )
    return candidate


def read_manifest(folder: str | Path) -> Manifest:
    """Read `dataset.yaml` from a dataset folder, or raise one clear InputError."""
    folder = Path(folder)
    path = folder / MANIFEST_NAME
    if not folder.is_dir():
        raise InputError("dataset folder does not exist", file=folder)
    if not path.is_file():
        raise InputError(f"no {MANIFEST_NAME} in the dataset folder", file=folder)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError("manifest is not UTF-8 text", file=path) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start is not None and start.line + 1 != row:
            what += f"; {context} that starts on row {start.line + 1}"
        raise InputError(
            f"manifest is not valid YAML ({what})",
            file=path,
            row=row,
            expected="key: value lines, e.g. 'activities: activities.csv'",
        ) from exc
    if not isinstance(raw, dict):
        raise InputError(
            "manifest must be a YAML mapping of keys to values",
            file=path,
            expected="key: value lines, e.g. 'activities: activities.csv'",
        )

    for key in ("activities", "indicators", "period"):
        if raw.get(key) in (None, "", []):
            raise InputError(f"required key '{key}' is missing", file=path, column=key)
    period = raw["period"]
    if not isinstance(period, dict) or "start" not in period or "end" not in period:
        raise InputError(
            "'period' needs 'start' and 'end'",
            file=path,
            column="period",
            expected="period: {start: 2023-01, end: 2023-12}",
        )
    start = parse_month(period["start"], file=path, key="period.start")
    end = parse_month(period["end"], file=path, key="period.end")
    if end < start:
        raise InputError(
            f"period ends ({end}) before it starts ({start})", file=path, column="period"
        )

    sources: dict[str, list[Path]] = {}
    for key in _SOURCES:
        value = raw.get(key)
        if value in (None, "", []):
            continue
        items = value if isinstance(value, list) else [value]
        sources[key] = [_inside(folder, item, key, path) for item in items]
        twice = [str(items[i]) for i, p in enumerate(sources[key]) if p in sources[key][:i]]
        if twice:
            raise InputError(
                f"'{key}' lists {twice[0]} twice; its rows would count twice",
                file=path,
                column=key,
                expected="each file once",
            )

    as_of = raw.get("as_of") or {}
    if not isinstance(as_of, dict):
        raise InputError("'as_of' must map sources to dates", file=path, column="as_of")
    as_of = {str(k): str(v) for k, v in as_of.items()}
    for key in sorted(_FETCH_SOURCES & set(sources)):
        # A fetch folder: its record must be complete; without an as_of of its own, the
        # source is as of the earliest fetch (every part holds what FTS had by then).
        records = [read_record(p, shown=_shown(p, folder)) for p in sources[key] if p.is_dir()]
        dates = sorted(r.as_of_date for r in records if r.as_of_date)
        if dates and key not in as_of:
            as_of[key] = dates[0]

    disclosure = raw.get("disclosure") or {}
    min_count = (
        disclosure.get("min_count", DEFAULT_MIN_COUNT) if isinstance(disclosure, dict) else None
    )
    if not isinstance(min_count, int) or isinstance(min_count, bool) or min_count < 1:
        raise InputError(
            "'disclosure.min_count' must be a whole number of at least 1",
            file=path,
            column="disclosure",
        )

    languages = parse_languages(raw.get("languages"), file=path)
    links = _links(raw.get("links"), path)
    name = str(raw.get("name") or folder.resolve().name)
    sector = str(raw.get("sector") or DEFAULT_SECTOR)
    return Manifest(
        folder=folder.resolve(),
        name=name,
        period_start=start,
        period_end=end,
        sector=sector,
        synthetic=bool(raw.get("synthetic", False)),
        sources=sources,
        as_of=as_of,
        min_count=min_count,
        links=links,
        unknown_keys=sorted(set(raw) - _KNOWN_KEYS),
        languages=languages,
    )


def parse_languages(value: object, *, file=None, key: str = "languages") -> tuple[str, ...]:
    """The editions a manifest (or `--lang`) asks for, checked, once each, in edition
    order; absent means all three."""
    if value is None:
        return LANGUAGES
    items = value if isinstance(value, list) else [value]
    expected = "a list of language codes among " + ", ".join(LANGUAGES) + ", e.g. [en, es]"
    if not items or not all(isinstance(x, str) for x in items):
        raise InputError(
            f"'{key}' must list language codes", file=file, column=key, expected=expected
        )
    unknown = [x for x in items if x.strip().lower() not in LANGUAGES]
    if unknown:
        raise InputError(
            f"'{key}' names an unknown language: {unknown[0]}",
            file=file,
            column=key,
            expected=expected,
        )
    wanted = {x.strip().lower() for x in items}
    return tuple(lang for lang in LANGUAGES if lang in wanted)


def _links(value: object, path: Path) -> dict[str, str]:
    """`links:` checked: a mapping of the known names to http(s) addresses, so a page never
    prints a link of another scheme (javascript:, file:) from a manifest."""
    if value in (None, "", {}):
        return {}
    expected = "links: {funding: https://fts.unocha.org/..., needs: https://www.r4v.info/...}"
    if not isinstance(value, dict):
        raise InputError(
            "'links' must map names to web addresses", file=path, column="links", expected=expected
        )
    links = {}
    for key, url in value.items():
        if str(key) not in LINK_KEYS:
            raise InputError(
                f"'links' has an unknown name '{key}'",
                file=path,
                column="links",
                expected=", ".join(LINK_KEYS),
            )
        text = str(url or "").strip()
        if not re.match(r"^https?://[^\s]+$", text, re.IGNORECASE):
            raise InputError(
                f"'links.{key}' is not an http or https address: {text!r}",
                file=path,
                column="links",
                expected=expected,
            )
        links[str(key)] = text
    return links


def _shown(path: Path, folder: Path) -> str:
    """A path as the user wrote it: relative to the dataset folder."""
    try:
        return path.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return str(path)


def source_files(m: Manifest) -> list[tuple[str, Path]]:
    """(source, file) of every file the manifest's sources stand for, in order: a file
    itself; a fetch folder's fetch.json and the files it lists; every file under another
    folder (narratives). Files reached through a symlink out of the dataset are left out:
    they are never read nor fingerprinted. The one list both provenance and the build
    cache's key are made from."""
    root = m.folder.resolve()
    out: list[tuple[str, Path]] = []
    for key, paths in m.sources.items():
        for p in paths:
            if p.is_dir() and key in _FETCH_SOURCES:
                record = read_record(p, shown=_shown(p, m.folder))
                files = [p / RECORD_NAME, *record_files(p, record)]
            elif p.is_dir():
                files = sorted(x for x in p.rglob("*") if x.is_file())
            else:
                files = [p]
            out.extend(
                (key, f) for f in files if f.resolve() == root or root in f.resolve().parents
            )
    return out
