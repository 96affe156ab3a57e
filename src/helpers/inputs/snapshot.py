"""Load once: a Parquet snapshot of a dataset's canonical tables and findings.

A build loads and checks the dataset once (`ensure_cache`: `dataset.load_dataset`, then
the tables written to Parquet with pyarrow); every chapter then reads it from there
(`load_cached`) instead of parsing the files again. The snapshot holds exactly what
`load_dataset` returns (tests compare every table, dtype and finding), the activity rows
in one row group per (country, sector), so that a chapter's slice is read without the
rest, and their text dictionary-encoded, so that putting a slice back in file order moves
integer codes rather than strings.

An entry is keyed by the sha256 of the manifest and of every file it names, the helpers
code (its version and the bytes of every module and reference file) and the format. It
lives in `.build-cache/` next to the output folder (or `$R4V_BUILD_CACHE`), never inside
the dataset folder; it is written to a temporary folder and renamed into place, so a
reader never sees half an entry. A build passes its entry to each chapter (`entry=`), so
every chapter of one build reads the same snapshot; `write_json`/`read_json` keep what a
build computed once beside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..core import geography, paths
from ..core.checksums import sha256_many
from ..core.errors import InputError
from ..core.files import write_atomic
from ..core.names import name_key
from .manifest import MANIFEST_NAME, Manifest, read_manifest, source_files

if TYPE_CHECKING:  # pandas is imported only when a table is read: a no-change build skips it
    import numpy as np
    import pandas as pd

    from ..core.findings import Finding
    from .dataset import Dataset


CACHE_ENV = "R4V_BUILD_CACHE"
"""A user's choice of folder for the cache (default: `.build-cache/` beside the output)."""
FORMAT = 3  # 3: narratives per language
KEEP_ENTRIES = 4
TABLES = ("indicators", "partners", "targets", "requirements", "flows", "situation")
_ACTIVITIES = "activities.parquet"
_COMPLETE = "COMPLETE"
_POS = "_pos"


# ---------------------------------------------------------------- where and what key


def cache_root(out: str | Path | None = None) -> Path:
    """`$R4V_BUILD_CACHE`, else `.build-cache/` next to the output folder (default: the
    project root's, next to `reports/`)."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).resolve()
    base = Path(out).resolve().parent if out is not None else paths.ROOT
    return base / ".build-cache"


def check_outside(folder: Path, dataset: Path, what: str) -> None:
    """Refuse a cache or output folder inside the dataset folder: inputs stay untouched."""
    folder, dataset = folder.resolve(), dataset.resolve()
    if folder == dataset or dataset in folder.parents:
        raise InputError(
            f"the {what} folder {folder} is inside the dataset folder; choose a folder outside it",
            file=dataset / MANIFEST_NAME,
        )


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The helpers version and the bytes of every module, reference and template file."""
    h = hashlib.sha256(f"helpers {__version__}\n".encode())
    for f in sorted(paths.PACKAGE_DIR.rglob("*")):
        if not f.is_file() or "__pycache__" in f.parts or f.suffix in {".pyc", ".pyo"}:
            continue
        h.update(f.relative_to(paths.PACKAGE_DIR).as_posix().encode() + b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def input_files(m: Manifest) -> list[tuple[str, Path]]:
    """(source, path) of the manifest and of every file it names, folders expanded (a
    fetch folder to its fetch.json and the files that lists: `manifest.source_files`)."""
    return [("manifest", m.path), *source_files(m)]


def _rel(path: Path, folder: Path) -> str:
    return path.resolve().relative_to(folder.resolve()).as_posix()


_RACY_NS = 2_000_000_000


def _checksums(paths: list[Path], root: Path | None) -> dict[Path, str]:
    """sha256 of each file. A file whose size, inode, mtime and ctime are those recorded
    when it was last hashed, and which had not been touched for 2 s before that hash, is
    not read again (as git and make trust a file's stat); everything else is hashed."""
    memo_path = root / "checksums.json" if root is not None else None
    try:
        memo = json.loads(memo_path.read_text(encoding="utf-8")) if memo_path else {}
    except (OSError, ValueError):
        memo = {}
    out, stale = {}, {}
    for p in paths:
        st = p.stat()
        stat = [st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns]
        known = memo.get(str(p))
        if known and known[:4] == stat and max(stat[2], stat[3]) < known[4] - _RACY_NS:
            out[p] = known[5]
        else:
            stale[p] = stat
    hashed_at = time.time_ns()
    for (p, stat), digest in zip(stale.items(), sha256_many(stale), strict=True):
        out[p] = digest
        memo[str(p)] = [*stat, hashed_at, digest]
    if stale and memo_path is not None and memo_path.parent.is_dir():
        with contextlib.suppress(OSError):
            _write_json(memo_path, memo)
    return out


def dataset_key(m: Manifest, root: Path | None = None) -> tuple[str, dict[str, str]]:
    """(cache key, {relative file: sha256}) for a dataset as its files are now."""
    files = [p for _, p in input_files(m)]
    sums = _checksums(files, root)
    checksums = {_rel(p, m.folder): sums[p] for p in files}
    doc = {"format": FORMAT, "code": code_fingerprint(), "files": checksums}
    key = hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()[:32]
    return key, checksums


# ---------------------------------------------------------------- writing an entry


def _kind(series: pd.Series) -> str:
    import numpy as np

    if series.dtype == object:
        sample = series.dropna()
        if len(sample) and isinstance(sample.iloc[0], list | tuple | np.ndarray):
            return "list"
        return "object"
    return str(series.dtype)


def _write_table(df: pd.DataFrame, path: Path) -> dict[str, str]:
    df.reset_index(drop=True).to_parquet(path, index=False, engine="pyarrow")
    return {c: _kind(df[c]) for c in df.columns}


def _read_table(path: Path, kinds: dict[str, str], columns=None) -> pd.DataFrame:
    import pyarrow.parquet as pq

    return _to_pandas(pq.read_table(path, columns=columns), kinds)


def _to_pandas(table, kinds: dict[str, str]) -> pd.DataFrame:
    df = table.to_pandas()
    for col, kind in kinds.items():
        if col not in df:
            continue
        if kind == "object":
            values = df[col].astype(object)
            df[col] = values.where(values.notna(), None)
        elif kind == "list":
            df[col] = df[col].map(lambda v: list(v) if v is not None else None).astype(object)
    return df


def _findings_frame(findings: list[Finding]) -> pd.DataFrame:
    import pandas as pd

    from ..core.findings import Finding

    cols = list(Finding.__dataclass_fields__)
    df = pd.DataFrame([f.as_dict() for f in findings], columns=cols)
    for c in ("check", "message", "file", "column", "country", "severity", "sector"):
        df[c] = df[c].astype(object).where(df[c].notna(), None).astype("str")
    df["params"] = [json.dumps(p, ensure_ascii=False) for p in df["params"]]
    df["row"] = pd.array(df["row"], dtype="Int64")
    df["people"] = pd.array(df["people"], dtype="Float64")
    return df


def _findings_list(df: pd.DataFrame) -> list[Finding]:
    import pandas as pd

    from ..core.findings import Finding

    def val(v):
        return None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v

    out = []
    for rec in df.to_dict("records"):
        row, people = val(rec["row"]), val(rec["people"])
        out.append(
            Finding(
                check=str(rec["check"]),
                message=str(rec["message"]),
                file=val(rec["file"]),
                row=int(row) if row is not None else None,
                column=val(rec["column"]),
                country=val(rec["country"]),
                people=float(people) if people is not None else None,
                severity=str(rec["severity"]),
                sector=val(rec["sector"]),
                params=json.loads(rec["params"]),
            )
        )
    return out


def _group_order(act: pd.DataFrame) -> tuple[np.ndarray, dict[str, int]]:
    """Row order that groups the rows by (country, folded sector) key, sorted, file order
    within a group, and {key: rows}. Keys are built per distinct value, not per row."""
    import numpy as np
    import pandas as pd

    from ..core.distinct import per_distinct_pair

    pair_of_row, pairs = per_distinct_pair(
        act["country"],
        lambda v: "" if pd.isna(v) else str(v),
        act["sector"],
        lambda v: "" if pd.isna(v) else name_key(v),
    )
    pair_keys = [country + "\x1f" + sector for country, sector in pairs]
    keys = sorted(set(pair_keys))  # the order np.argsort gave the key strings
    rank = {k: i for i, k in enumerate(keys)}
    small = np.uint16 if len(keys) <= np.iinfo(np.uint16).max else np.int64  # radix sort
    row_rank = np.array([rank[k] for k in pair_keys], dtype=small)[pair_of_row]
    counts = np.bincount(row_rank, minlength=len(keys))
    return np.argsort(row_rank, kind="stable"), dict(zip(keys, counts.tolist(), strict=True))


def _dictionary_encoded(table):
    """String columns dictionary-encoded (5W text repeats a lot): the row shuffle moves
    integers, and a reader gets the codes, cheap to put back in file order."""
    from concurrent.futures import ThreadPoolExecutor

    import pyarrow as pa
    import pyarrow.compute as pc

    text = [
        i
        for i, f in enumerate(table.schema)
        if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)
    ]
    with ThreadPoolExecutor(min(len(text), os.cpu_count() or 1) or 1) as pool:
        encoded = pool.map(lambda i: pc.dictionary_encode(table.column(i)), text)
        for i, column in zip(text, list(encoded), strict=True):
            table = table.set_column(i, table.schema[i].name, column)
    # One dictionary and one chunk per column: a take from a column of many chunks (the
    # CSV reader's blocks) concatenates them first, once per row group.
    return table.unify_dictionaries().combine_chunks()


def _write_entry(ds: Dataset, folder: Path, key: str, checksums: dict[str, str]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .dataset import known_sectors

    folder.mkdir(parents=True)
    kinds: dict[str, dict[str, str]] = {}
    act = ds.activities.reset_index(drop=True)
    act = act.assign(**{_POS: np.arange(len(act), dtype="int64")})
    kinds["activities"] = {c: _kind(act[c]) for c in act.columns}
    # One row group per (country, sector): a chapter reads its countries' rows of its
    # sector and nothing else. Sectors are grouped by their folded name (name_key).
    order, rows_of = _group_order(act)
    table = _dictionary_encoded(pa.Table.from_pandas(act, preserve_index=False))
    # No statistics (the reader finds row groups from meta.json); _pos rises within a group.
    # A group is taken while the one before is written (both release the GIL).
    with (
        pq.ParquetWriter(
            folder / _ACTIVITIES,
            table.schema,
            write_statistics=False,
            use_dictionary=[c for c in table.column_names if c != _POS],
            column_encoding={_POS: "DELTA_BINARY_PACKED"},
        ) as writer,
        ThreadPoolExecutor(1) as pool,
    ):
        start, written = 0, None
        for n in rows_of.values():
            group = table.take(pa.array(order[start : start + n]))
            if written is not None:
                written.result()
            written = pool.submit(writer.write_table, group, row_group_size=n)
            start += n
        if written is not None:
            written.result()
        if not len(act):
            writer.write_table(table)
    meta_groups = _row_groups(folder / _ACTIVITIES, rows_of)
    for name in TABLES:
        table = getattr(ds, name)
        if table is not None:
            kinds[name] = _write_table(table, folder / f"{name}.parquet")
    _findings_frame(ds.findings).to_parquet(folder / "findings.parquet", index=False)
    meta = {
        "format": FORMAT,
        "key": key,
        "helpers_version": __version__,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "dataset": str(ds.manifest.folder),
        "checksums": checksums,
        "kinds": kinds,
        "inputs": ds.inputs,
        "narratives": ds.narratives.as_dict() if ds.narratives is not None else None,
        "rows": len(act),
        "findings": len(ds.findings),
        "sectors": known_sectors(ds),
        "row_groups": meta_groups,
    }
    (folder / "meta.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    (folder / _COMPLETE).write_text(key, encoding="utf-8")


def is_complete(entry: Path) -> bool:
    """Whether `entry` is a snapshot whose writer finished (and was not pruned since)."""
    return (Path(entry) / _COMPLETE).is_file()


def _prune(root: Path, keep: Path) -> None:
    """Keep the newest few entries; remove temporary folders left by killed writers."""
    entries = sorted(
        (p for p in root.iterdir() if p.is_dir() and is_complete(p)),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in entries[KEEP_ENTRIES:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
    for tmp in root.glob(".tmp-*"):
        try:
            if time.time() - tmp.stat().st_mtime > 3600:
                shutil.rmtree(tmp, ignore_errors=True)
        except FileNotFoundError:
            pass


def ensure_cache(
    data: str | Path, root: str | Path | None = None, on_miss: Callable[[], None] | None = None
) -> Path:
    """The cache entry of a dataset as its files are now; load and write it on a miss.

    Returns the entry's folder. Raises InputError for unusable input (from the loader) or
    when the files changed while they were being read. `on_miss` is called before a miss
    loads the files: what a caller can start meanwhile (a build, its workers)."""
    m = read_manifest(data)
    root = Path(root) if root is not None else cache_root()
    check_outside(root, m.folder, "build cache")
    root.mkdir(parents=True, exist_ok=True)  # so that the checksums are remembered now
    key, checksums = dataset_key(m, root)
    entry = root / key
    if is_complete(entry):
        os.utime(entry)
        return entry
    if on_miss is not None:
        on_miss()
    from .dataset import load_dataset

    ds = load_dataset(m.folder)
    loaded = {i["file"]: i["sha256"] for i in ds.inputs}
    for source, p in input_files(m):
        rel = _rel(p, m.folder)
        if source != "manifest" and loaded.get(rel, checksums[rel]) != checksums[rel]:
            raise InputError(
                "the file changed while the dataset was being read; build again", file=p
            )
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{key[:12]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        _write_entry(ds, tmp, key, checksums)
        try:
            os.rename(tmp, entry)
        except OSError:
            if not is_complete(entry):  # not a concurrent writer's entry: a fault
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _prune(root, entry)
    return entry


# ---------------------------------------------------------------- reading slices


def scope_codes(scope: str | None) -> list[str] | None:
    """Country codes whose rows a chapter reads; None = every row (the region, or no scope)."""
    if scope is None or scope == geography.REGION:
        return None
    return list(geography.scope_countries(scope))


def entry_meta(entry: Path) -> dict:
    """What a snapshot entry records: key, checksums, inputs, narratives, sectors, rows."""
    return json.loads((entry / "meta.json").read_text(encoding="utf-8"))


def _row_groups(path: Path, counts: dict[str, int]) -> dict[str, dict[str, list[int]]]:
    """{country code: {folded sector: row-group indices}}, from the rows of each group as
    written (one row group each, unless the writer split a very large one)."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    out: dict[str, dict[str, list[int]]] = {}
    g = 0
    for key, n in counts.items():
        country, _, sector = key.partition("\x1f")
        groups = out.setdefault(country, {}).setdefault(sector, [])
        taken = 0
        while taken < n:
            groups.append(g)
            taken += sizes[g]
            g += 1
    return out


def _activities(
    entry: Path,
    meta: dict,
    codes: list[str] | None,
    sector: str | None = None,
    columns: list[str] | None = None,
) -> pd.DataFrame:
    """Activity rows of some countries (all: None) and one sector (all: None), reading
    only their row groups (and only `columns`, when given), in the dataset's row order."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(entry / _ACTIVITIES)
    index = meta["row_groups"]
    key = name_key(sector) if sector else None
    groups = sorted(
        g
        for country, by_sector in index.items()
        if codes is None or country in codes
        for s, gs in by_sector.items()
        if key is None or s == key
        for g in gs
    )
    if columns is not None:
        unknown = [c for c in columns if c not in meta["kinds"]["activities"] or c == _POS]
        if unknown:
            raise ValueError(f"not activity columns: {unknown}")
        columns = [*dict.fromkeys(columns), _POS]
    table = (
        pf.read_row_groups(groups, columns=columns)
        if groups
        else pf.schema_arrow.empty_table().select(columns or pf.schema_arrow.names)
    )
    pos = table.column(_POS).to_numpy()
    order = None
    if len(pos) > 1 and not (pos[1:] > pos[:-1]).all():  # several groups: back to file order
        order = pa.array(np.argsort(pos))
    kinds = meta["kinds"]["activities"]
    return _to_pandas(
        _decoded(table.drop_columns([_POS]), kinds, order, as_categories=columns is not None), kinds
    )


def _decoded(table, kinds: dict[str, str], order=None, *, as_categories: bool = False):
    """The rows in `order` (None: as they are), dictionary columns back to their values
    but for categoricals (stored as such). Text is the few distinct values cast to
    large_string (what pandas' str dtype holds) and taken by the reordered codes: each
    row's text is written once, already in place. `as_categories`: text stays coded and
    comes back as pandas categoricals (no row's text is written at all)."""
    import pyarrow as pa

    table = table.unify_dictionaries()
    for i, f in enumerate(table.schema):
        column = table.column(i)
        if pa.types.is_dictionary(f.type) and as_categories:
            if order is not None:
                column = column.take(order)
        elif pa.types.is_dictionary(f.type) and kinds.get(f.name) != "category":
            to = pa.large_string() if pa.types.is_string(f.type.value_type) else f.type.value_type
            if not column.num_chunks:
                table = table.set_column(i, f.name, pa.chunked_array([], type=to))
                continue
            values = column.chunk(0).dictionary.cast(to)
            codes = pa.chunked_array([c.indices for c in column.chunks], f.type.index_type)
            if order is not None:
                codes = codes.take(order)
            column = pa.chunked_array([values.take(c) for c in codes.chunks], type=to)
        elif order is not None:
            column = column.take(order)
        table = table.set_column(i, f.name, column)
    return table


def load_cached(
    data: str | Path,
    *,
    sector: str | None = None,
    scope: str | None = None,
    root: str | Path | None = None,
    columns: list[str] | None = None,
    entry: str | Path | None = None,
) -> Dataset:
    """The dataset as `load_dataset` returns it, from the build cache, cut to one chapter.

    `scope` (a canonical scope id: 'region', a sub-regional platform id or ISO3) keeps the
    activity rows of the scope's countries (every row for the region, regional rows
    included), the findings tied to those countries or to none, and the scope's narrative;
    `sector` keeps that sector's activity rows. Without them, the whole dataset.
    `columns` reads only these activity columns, their text as pandas categoricals (the
    cache is columnar and stores text coded: a consumer that sums a few columns, as
    `figures.CONSOLIDATION_COLUMNS`, pays neither for the other columns nor for writing out
    each row's text); default every column, as `load_dataset` returns them.
    `entry` reads a given snapshot (the one a build made for its chapters) instead of the
    files as they are now.
    """
    m = read_manifest(data)
    if entry is not None:
        entry = Path(entry)
        if not is_complete(entry) or Path(entry_meta(entry)["dataset"]) != m.folder:
            raise InputError("not a complete snapshot of this dataset", file=entry)
    else:
        entry = ensure_cache(m.folder, root)
    if (
        scope is not None
        and scope != geography.REGION
        and scope not in geography.PLATFORMS
        and scope not in geography.COUNTRIES
    ):
        raise InputError(
            f"'{scope}' is not a chapter scope",
            expected="'region', a sub-regional platform id or an ISO3 code",
        )
    return dataset_from_entry(
        entry, entry_meta(entry), m, sector=sector, scope=scope, columns=columns
    )


def dataset_from_entry(
    entry: Path,
    meta: dict,
    m: Manifest,
    *,
    sector: str | None = None,
    scope: str | None = None,
    columns: list[str] | None = None,
) -> Dataset:
    import pandas as pd

    from ..core.findings import findings_for_scope
    from .dataset import Dataset
    from .narratives import Narratives

    codes = scope_codes(scope)
    activities = _activities(entry, meta, codes, sector, columns)
    tables = {
        name: (
            _read_table(entry / f"{name}.parquet", meta["kinds"][name])
            if name in meta["kinds"]
            else None
        )
        for name in TABLES
    }
    findings = _findings_list(pd.read_parquet(entry / "findings.parquet"))
    narratives = Narratives.from_dict(meta["narratives"])
    if scope is not None:
        findings = findings_for_scope(findings, None if codes is None else set(codes))
        if narratives is not None:
            narratives = narratives.only(scope)
    return Dataset(
        m,
        activities,
        tables["indicators"],
        tables["partners"],
        tables["targets"],
        tables["requirements"],
        tables["flows"],
        tables["situation"],
        narratives,
        findings,
        [dict(i) for i in meta["inputs"]],
    )


def _write_json(path: Path, obj) -> None:
    write_atomic(path, json.dumps(obj, indent=1, ensure_ascii=False).encode("utf-8"))


def write_json(entry: Path, name: str, obj) -> None:
    """Keep a JSON document beside a snapshot (what a build computed once from it)."""
    _write_json(Path(entry) / f"{name}.json", obj)


def read_json(entry: Path, name: str):
    """A JSON document kept beside a snapshot, or None."""
    try:
        return json.loads((Path(entry) / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def dataset_sectors(entry: Path) -> list[str]:
    """Sector names found in the 5W rows and the indicator reference, as first written."""
    return list(entry_meta(entry)["sectors"])
