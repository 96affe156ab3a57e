"""OCHA FTS funding flows: load FTS API pages and HDX CSVs, and count them as FTS does.

FTS's own counting rule (METHOD.md "Funding") lives here, because a load checks that
the pages reproduce FTS's own `data.incoming` totals: incoming flows only, never
pledges, and only `onBoundary == single` where the flow carries it. Each flow gets its
country (exactly one destination location, one of the 17; else none) and its sector
(destination cluster, mapped by reference data, `reference/fts_clusters.csv`, never by
code). Attributing the counted flows to scopes is `figures.funding`. Nothing here
touches the network.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd

from ..core.columns import FLOW_COLUMNS
from ..core.errors import InputError
from ..core.findings import Finding
from ..core.geography import COUNTRIES, world_country
from ..core.names import fold

SEP = "|"
"""Joins several names (locations, clusters, organisations) in one cell."""

REGIONAL_BUCKET = "Regional / multi-country"
"""`fts_totals` key for flows that name no location or several (no single country)."""

MULTIPLE_SECTORS = "Multiple clusters/sectors (shared)"
"""Sector of a flow whose clusters map to several sectors (FTS's own label): it counts
for no single sector, as FTS shows such flows apart instead of counting them twice."""

_API_REQUIRED = ("id", "amountUSD", "sourceObjects", "destinationObjects")
_CSV_REQUIRED = ("id", "amountUSD", "srcOrganization", "destLocations")
_CSV_OPTIONAL = (
    "destOrganization",
    "destClusters",
    "destPlanClusters",
    "destGlobalClusters",
    "flowType",
    "boundary",
    "onBoundary",
    "status",
    "date",
)
_EXPECTED_API = 'an FTS API flow page: {"data": {"flows": [...]}, "meta": {...}}'
_EXPECTED_CSV = "an HDX FTS flows CSV with columns " + ", ".join(_CSV_REQUIRED)
_TEXT_COLUMNS = [c for c in FLOW_COLUMNS if c != "amount_usd"]
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


# ---------------------------------------------------------------- cluster map


def _cluster_key(name: object) -> str:
    """Cluster names compare after folding `&`/`and`, case, accents, spaces and punctuation,
    so `Protection - Child Protection` and `Protection (Child Protection)` are one name."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(str(name))).split())


def load_cluster_map(path: str | Path | None = None) -> pd.DataFrame:
    """The FTS cluster -> R4V sector map (columns `fts_cluster`, `sector`).

    Reference data, not code (METHOD.md): the shipped `reference/fts_clusters.csv` by
    default, or a user's own file when a plan renames its clusters.
    """
    if path is None:
        ref = resources.files("helpers.inputs").joinpath("reference", "fts_clusters.csv")
        name, text = "fts_clusters.csv", ref.read_text(encoding="utf-8-sig")
    else:
        path = Path(path)
        name = path.name
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as e:
            raise InputError("not UTF-8 text", file=name, expected="a CSV file") from e
    try:
        df = pd.read_csv(io.StringIO(text), dtype=object, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise InputError(f"not a readable CSV ({e})", file=name) from e
    df.columns = [str(c).strip() for c in df.columns]
    for col in ("fts_cluster", "sector"):
        if col not in df.columns:
            raise InputError(
                f"missing column '{col}'",
                file=name,
                row=1,
                column=col,
                expected="columns fts_cluster,sector",
            )
    df = df[["fts_cluster", "sector"]].map(lambda v: str(v).strip())
    seen: dict[str, str] = {}
    for i, (cluster, sector) in enumerate(zip(df["fts_cluster"], df["sector"], strict=True)):
        for col, value in (("fts_cluster", cluster), ("sector", sector)):
            if not value:
                raise InputError("empty cell", file=name, row=i + 2, column=col)
        key = _cluster_key(cluster)
        if key in seen and fold(seen[key]) != fold(sector):
            raise InputError(
                f"'{cluster}' is already mapped to '{seen[key]}', not '{sector}'",
                file=name,
                row=i + 2,
                column="fts_cluster",
            )
        seen.setdefault(key, sector)
    return df.reset_index(drop=True)


def _cluster_lookup(cluster_map: pd.DataFrame) -> dict[str, str]:
    missing = {"fts_cluster", "sector"} - set(cluster_map.columns)
    if missing:
        raise ValueError(f"cluster map lacks columns {sorted(missing)}")
    lookup: dict[str, str] = {}
    for cluster, sector in zip(cluster_map["fts_cluster"], cluster_map["sector"], strict=True):
        if present(cluster) and present(sector):
            lookup.setdefault(_cluster_key(cluster), str(sector).strip())
    return lookup


def _sector_of(clusters: list[str], lookup: dict[str, str]) -> str | None:
    """One sector when every cluster maps to it; None when none maps; else the shared label."""
    if not clusters:
        return None
    mapped = {lookup.get(_cluster_key(c)) for c in clusters}
    if mapped == {None}:
        return None
    if len(mapped) == 1:
        return mapped.pop()
    return MULTIPLE_SECTORS


# ---------------------------------------------------------------- reading files


@dataclass
class _Flow:
    values: dict  # FLOW_COLUMNS except country and sector
    locations: list[str]
    clusters: list[str]
    version: int  # FTS versionId; -1 when the file has none (HDX CSV)
    where: str  # "data.flows[12]" or "row 14"
    row: int | None  # spreadsheet row for CSV, None for JSON

    def key(self) -> tuple[str, str, str]:
        v = self.values
        return (v["flow_id"], _norm(v["boundary"]), _norm(v["on_boundary"]))


@dataclass
class _Extract:
    """Pages of one FTS API extract: they repeat the same meta.count and totals."""

    count: int
    incoming: dict | None
    files: list[str] = field(default_factory=list)
    flows: list[_Flow] = field(default_factory=list)


def present(value: object) -> bool:
    """A cell that holds something (not None, NaN or blank)."""
    if value is None:
        return False
    try:
        if pd.isna(value):  # NaN, pd.NA, NaT from tables built elsewhere
            return False
    except (TypeError, ValueError):
        pass
    return bool(str(value).strip())


def _text(value: object) -> str | None:
    return str(value).strip() if present(value) else None


def _norm(value: object) -> str:
    return fold(value) if present(value) else ""


def _unique(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if n and n not in out:
            out.append(n)
    return out


def _joined(names: list[str]) -> str | None:
    return SEP.join(names) if names else None


def _amount(value: object) -> float:
    """A USD amount as float; raises ValueError with a plain reason otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"amount {value!r} is not a number")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            raise ValueError("amount is empty")
        if _THOUSANDS.match(text):
            text = text.replace(",", "")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"amount '{value}' is not a number") from None
    elif value is None:
        raise ValueError("amount is missing")
    else:
        raise ValueError(f"amount {value!r} is not a number")
    if not math.isfinite(number):
        raise ValueError(f"amount '{value}' is not a finite number")
    return number


def _is_json(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return True
    if suffix in {".csv", ".txt"}:
        return False
    with path.open("rb") as fh:
        head = fh.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[")


def _read_api_page(path: Path, name: str) -> tuple[list[_Flow], dict]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as e:
        raise InputError("not UTF-8 text", file=name, expected=_EXPECTED_API) from e
    except json.JSONDecodeError as e:
        raise InputError(
            f"not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})",
            file=name,
            expected=_EXPECTED_API,
        ) from e
    data = doc.get("data") if isinstance(doc, dict) else None
    raw = data.get("flows") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        raise InputError("no data.flows list", file=name, expected=_EXPECTED_API)
    flows = [_api_flow(name, i, f) for i, f in enumerate(raw)]
    meta = doc.get("meta") if isinstance(doc.get("meta"), dict) else {}
    return flows, {"meta": meta, "data": data}


def _objects(name: str, where: str, flow: dict, side: str) -> dict[str, list[str]]:
    """Names by object type (Organization, Location, Cluster, GlobalCluster, ...)."""
    objs = flow[side]
    if objs is None:
        objs = []
    if not isinstance(objs, list):
        raise InputError(f"{where}.{side} is not a list", file=name, expected=_EXPECTED_API)
    by_type: dict[str, list[str]] = {}
    for j, obj in enumerate(objs):
        if not isinstance(obj, dict) or "type" not in obj:
            raise InputError(
                f"{where}.{side}[{j}] is not an object with a 'type'",
                file=name,
                expected=_EXPECTED_API,
            )
        label = _text(obj.get("name"))
        if label:
            by_type.setdefault(str(obj["type"]), []).append(label)
    return {t: _unique(v) for t, v in by_type.items()}


def _api_flow(name: str, i: int, flow: object) -> _Flow:
    where = f"data.flows[{i}]"
    if not isinstance(flow, dict):
        raise InputError(f"{where} is not a flow object", file=name, expected=_EXPECTED_API)
    missing = [k for k in _API_REQUIRED if k not in flow]
    if missing:
        raise InputError(f"{where} lacks {', '.join(missing)}", file=name, expected=_EXPECTED_API)
    fid = _text(flow["id"])
    if fid is None:
        raise InputError(f"{where} has an empty id", file=name)
    try:
        amount = _amount(flow["amountUSD"])
    except ValueError as e:
        raise InputError(f"{where} (flow {fid}): {e}", file=name, column="amountUSD") from None
    src = _objects(name, where, flow, "sourceObjects")
    dst = _objects(name, where, flow, "destinationObjects")
    clusters = dst.get("Cluster") or dst.get("GlobalCluster") or []
    locations = dst.get("Location", [])
    date = _text(flow.get("date"))
    values = {
        "flow_id": fid,
        "amount_usd": amount,
        "source_org": _joined(src.get("Organization", [])),
        "dest_org": _joined(dst.get("Organization", [])),
        "dest_locations": _joined(locations),
        "dest_cluster": _joined(clusters),
        "flow_type": _text(flow.get("flowType")),
        "boundary": _text(flow.get("boundary")),
        "on_boundary": _text(flow.get("onBoundary")),
        "status": _text(flow.get("status")),
        "date": date[:10] if date else None,
        "source_file": name,
    }
    version = flow.get("versionId")
    version = version if isinstance(version, int) and not isinstance(version, bool) else -1
    return _Flow(values, locations, clusters, version, where, None)


def _split(cell: object) -> list[str]:
    """HDX joins several values in one cell with commas (ISO3 codes, cluster names)."""
    if not present(cell):
        return []
    return _unique(part.strip() for part in str(cell).split(","))


def _read_hdx_csv(path: Path, name: str) -> list[_Flow]:
    try:
        df = pd.read_csv(path, dtype=object, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError("not UTF-8 text", file=name, expected=_EXPECTED_CSV) from e
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        reason = " ".join(str(e).split())
        raise InputError(f"not a readable CSV ({reason})", file=name, expected=_EXPECTED_CSV) from e
    by_key = {fold(c): c for c in df.columns}
    cols: dict[str, str | None] = {}
    for col in _CSV_REQUIRED:
        if fold(col) not in by_key:
            raise InputError(
                f"missing column '{col}'", file=name, row=1, column=col, expected=_EXPECTED_CSV
            )
        cols[col] = by_key[fold(col)]
    for col in _CSV_OPTIONAL:
        cols[col] = by_key.get(fold(col))
    first_row = 2
    # HDX files may carry a HXL hashtag row under the header: skip it.
    if (
        len(df)
        and any(str(v).startswith("#") for v in df.iloc[0])
        and all(not str(v).strip() or str(v).startswith("#") for v in df.iloc[0])
    ):
        df = df.iloc[1:]
        first_row = 3

    def cell(rec: dict, col: str) -> str | None:
        return _text(rec[cols[col]]) if cols[col] else None

    flows = []
    for i, rec in enumerate(df.to_dict("records")):
        row = i + first_row
        fid = cell(rec, "id")
        if fid is None:
            raise InputError("empty flow id", file=name, row=row, column=cols["id"])
        try:
            amount = _amount(rec[cols["amountUSD"]])
        except ValueError as e:
            raise InputError(str(e), file=name, row=row, column=cols["amountUSD"]) from None
        clusters: list[str] = []
        for col in ("destClusters", "destPlanClusters", "destGlobalClusters"):
            clusters = clusters or _split(cell(rec, col))
        locations = _split(cell(rec, "destLocations"))
        date = cell(rec, "date")
        values = {
            "flow_id": fid,
            "amount_usd": amount,
            "source_org": cell(rec, "srcOrganization"),
            "dest_org": cell(rec, "destOrganization"),
            "dest_locations": _joined(locations),
            "dest_cluster": _joined(clusters),
            "flow_type": cell(rec, "flowType"),
            "boundary": cell(rec, "boundary"),
            "on_boundary": cell(rec, "onBoundary"),
            "status": cell(rec, "status"),
            "date": date[:10] if date else None,
            "source_file": name,
        }
        flows.append(_Flow(values, locations, clusters, -1, f"row {row}", row))
    return flows


# ---------------------------------------------------------------- loading


def _dedupe(flows: list[_Flow]) -> tuple[list[_Flow], list[tuple[_Flow, _Flow]]]:
    """Keep one flow per FTS identity (id, boundary, onBoundary); the newest version wins.

    FTS lists one flow once per boundary it crosses, so the same id may appear as
    `incoming/single` and, say, `internal/single`: those are different rows and both
    stay. The same identity twice (a page saved twice, overlapping pages, the API pages
    and the HDX CSV of one extract) is one flow.
    """
    kept: dict[tuple[str, str, str], int] = {}
    out: list[_Flow] = []
    dropped: list[tuple[_Flow, _Flow]] = []  # (dropped, kept)
    for f in flows:
        k = f.key()
        if k not in kept:
            kept[k] = len(out)
            out.append(f)
            continue
        old = out[kept[k]]
        if f.version > old.version:
            out[kept[k]] = f
            dropped.append((old, f))
        else:
            dropped.append((f, old))
    return out, dropped


def _frame(flows: list[_Flow], lookup: dict[str, str]) -> pd.DataFrame:
    rows = []
    destinations = {
        loc: world_country(loc) for f in flows if len(f.locations) == 1 for loc in f.locations
    }
    for f in flows:
        values = dict(f.values)
        found = destinations.get(f.locations[0]) if len(f.locations) == 1 else None
        values["destination"], values["destination_name"] = found or (None, None)
        values["country"] = found[0] if found and found[0] in COUNTRIES else None
        values["sector"] = _sector_of(f.clusters, lookup)
        rows.append(values)
    df = pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=object) for c in _TEXT_COLUMNS})
    df["amount_usd"] = pd.Series([r["amount_usd"] for r in rows], dtype="float64")
    return df[FLOW_COLUMNS]


def load_fts(
    paths: list[Path], cluster_map: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, list[Finding]]:
    """Read FTS API pages (JSON) and HDX flow CSVs, in any mix, into the flows table.

    Returns the canonical table (exactly `schemas.FLOW_COLUMNS`, one row per FTS flow
    identity) and findings: duplicates dropped, an API extract with pages missing or
    whose flows do not reproduce FTS's own totals, clusters no sector is mapped to, and
    single-location flows outside the 17 countries. Unusable files raise InputError.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    lookup = _cluster_lookup(cluster_map if cluster_map is not None else load_cluster_map())
    findings: list[Finding] = []
    flows: list[_Flow] = []
    extracts: dict[str, _Extract] = {}
    for p in paths:
        path = Path(p)
        name = path.name
        if not path.is_file():
            raise InputError("file not found", file=str(path))
        if _is_json(path):
            page, doc = _read_api_page(path, name)
            flows.extend(page)
            meta, data = doc["meta"], doc["data"]
            count = meta.get("count")
            if isinstance(count, int) and not isinstance(count, bool):
                sig = json.dumps(
                    [count, data.get("incoming"), data.get("outgoing"), data.get("internal")],
                    sort_keys=True,
                    default=str,
                )
                ext = extracts.setdefault(sig, _Extract(count, data.get("incoming")))
                ext.files.append(name)
                ext.flows.extend(page)
        else:
            flows.extend(_read_hdx_csv(path, name))
            findings.append(
                Finding(
                    "fts_hdx_locations",
                    "HDX CSVs give destination countries as ISO3 codes and leave out locations "
                    "HDX does not recognise, so a multi-country flow can look single-country "
                    "here; FTS API pages list every destination location",
                    file=name,
                    column="destLocations",
                    severity="info",
                )
            )

    kept, dropped = _dedupe(flows)
    findings.extend(_duplicate_findings(dropped))
    for ext in extracts.values():
        findings.extend(_check_extract(ext, lookup))

    df = _frame(kept, lookup)
    findings.extend(_unmapped_findings(kept, lookup))
    findings.extend(_location_findings(df))
    return df, findings


def _check_extract(ext: _Extract, lookup: dict[str, str]) -> list[Finding]:
    """Pages of one extract must add up to meta.count and to FTS's own incoming totals."""
    flows, _ = _dedupe(ext.flows)
    files = ", ".join(ext.files)
    if len(flows) != ext.count:
        return [
            Finding(
                "fts_incomplete_extract",
                f"{files} hold {len(flows)} of the {ext.count} flows this FTS extract has "
                "(meta.count): pages are missing or belong to another extract, so totals "
                "will not match FTS",
                file=ext.files[0],
                severity="warning",
                params={"flows": len(flows), "count": ext.count},
            )
        ]
    if not isinstance(ext.incoming, dict):
        return []
    ours = fts_totals(_frame(flows, lookup))
    diffs = [
        f"{k} {ours[k]:,} here vs {ext.incoming[k]:,} in FTS"
        for k in ("fundingTotal", "pledgeTotal", "flowCount")
        if isinstance(ext.incoming.get(k), int | float) and ours[k] != ext.incoming[k]
    ]
    if not diffs:
        return []
    return [
        Finding(
            "fts_total_mismatch",
            f"{files}: the flows do not reproduce FTS's data.incoming ({'; '.join(diffs)})",
            file=ext.files[0],
            severity="warning",
        )
    ]


def _duplicate_findings(dropped: list[tuple[_Flow, _Flow]]) -> list[Finding]:
    """One info finding per pair of files that repeat flows; a warning per repeated flow
    whose amount differs (the newer FTS version was kept)."""
    out = []
    groups: dict[tuple[str, str], list[str]] = {}
    for gone, stays in dropped:
        g, k = gone.values, stays.values
        if g["amount_usd"] == k["amount_usd"]:
            groups.setdefault((g["source_file"], k["source_file"]), []).append(g["flow_id"])
            continue
        out.append(
            Finding(
                "fts_duplicate_flow",
                f"flow {g['flow_id']} ({g['boundary'] or '-'}/{g['on_boundary'] or '-'}) at "
                f"{gone.where} is listed again in {k['source_file']} {stays.where} with another "
                f"amount ({g['amount_usd']:,.0f} vs {k['amount_usd']:,.0f} USD): counted once, "
                "the newer FTS version",
                file=g["source_file"],
                row=gone.row,
                column="amountUSD",
                severity="warning",
            )
        )
    for (gone_file, kept_file), ids in groups.items():
        shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
        where = "the same file" if gone_file == kept_file else kept_file
        out.append(
            Finding(
                "fts_duplicate_flow",
                f"{len(ids)} flow(s) ({shown}) are also in {where}: each counted once "
                "(one FTS flow = id + boundary + onBoundary)",
                file=gone_file,
                column="id",
                severity="info",
            )
        )
    return out


def _unmapped_findings(flows: list[_Flow], lookup: dict[str, str]) -> list[Finding]:
    """One finding per cluster name the map does not know, with how many flows carry it."""
    seen: dict[str, list[_Flow]] = {}
    for f in flows:
        for cluster in f.clusters:
            if _cluster_key(cluster) not in lookup:
                seen.setdefault(cluster, []).append(f)
    out = []
    for cluster in sorted(seen, key=fold):
        group = seen[cluster]
        amount = sum(f.values["amount_usd"] for f in group)
        out.append(
            Finding(
                "fts_unmapped_cluster",
                f"cluster '{cluster}' ({len(group)} flow(s), {amount:,.0f} USD before the "
                "counting rules) maps to no sector in the cluster map, so those flows count for "
                "no sector; add it to the map if it belongs to one",
                file=group[0].values["source_file"],
                column="dest_cluster",
                severity="info",
                params={"cluster": cluster},
            )
        )
    return out


def outside_response(flows: pd.DataFrame) -> pd.Series:
    """Flows to a single country that is not one of the 17: not the response's funding
    (METHOD.md "Funding"), so they go into no budget, not even the regional bucket."""
    return flows["destination"].notna() & flows["country"].isna()


def _location_findings(df: pd.DataFrame) -> list[Finding]:
    """A warning per sector and country outside the response that the sector's counted
    flows go to, with their amount: funding a budget would otherwise have taken."""
    out = []
    counted = counted_flows(df[outside_response(df) & df["sector"].notna()])
    for (_, sector), group in counted.groupby(["destination", "sector"], sort=True):
        name = group["destination_name"].iloc[0]
        amount = float(group["amount_usd"].sum())
        out.append(
            Finding(
                "fts_location_outside_response",
                f"{len(group)} flow(s) of {sector} go to {name} alone, which is not one of "
                f"the 17 countries of the response: USD {amount:,.0f} left out of every "
                "budget",
                file=group["source_file"].iloc[0],
                column="dest_locations",
                severity="warning",
                sector=None if sector == MULTIPLE_SECTORS else sector,
                params={"location": name, "flows": len(group), "amount_usd": amount},
            )
        )
    return out


# ---------------------------------------------------------------- counting rules


def _folded(series: pd.Series) -> pd.Series:
    return series.map(_norm).astype(object)


def _incoming(flows: pd.DataFrame) -> pd.Series:
    b = _folded(flows["boundary"])
    return (b == "") | (b == "incoming")


def _single(flows: pd.DataFrame) -> pd.Series:
    ob = _folded(flows["on_boundary"])
    return (ob == "") | (ob == "single")


def _pledge(flows: pd.DataFrame) -> pd.Series:
    return (_folded(flows["status"]) == "pledge") | (_folded(flows["flow_type"]) == "pledge")


def counted_flows(flows: pd.DataFrame) -> pd.DataFrame:
    """The flows that count as funding received (METHOD.md): incoming, not pledges, and
    `onBoundary == single` where given; FTS's own `incoming.fundingTotal` rule."""
    mask = _incoming(flows) & _single(flows) & ~_pledge(flows)
    return flows.loc[mask.astype(bool)]


def _whole(x: float) -> int | float:
    x = float(x)
    return int(x) if x.is_integer() else x


def _totals(flows: pd.DataFrame) -> dict:
    inc, single, pledge = _incoming(flows), _single(flows), _pledge(flows)
    amount = flows["amount_usd"].astype(float)
    return {
        "fundingTotal": _whole(amount[inc & single & ~pledge].sum()),
        "pledgeTotal": _whole(amount[inc & single & pledge].sum()),
        # FTS's flowCount counts every incoming flow: shared ones and pledges too.
        "flowCount": int(inc.sum()),
    }


def _location_label(dest_locations: object, destination_name: object) -> str:
    """One label per destination whichever the source (API pages say "Jordan", HDX CSVs
    "JOR"): the country's name; flows naming several locations or none are the bucket."""
    if present(destination_name):
        return str(destination_name)
    if not present(dest_locations) or SEP in str(dest_locations):
        return REGIONAL_BUCKET
    return str(dest_locations)


def fts_totals(flows: pd.DataFrame) -> dict:
    """FTS's own three incoming figures, overall and by destination location.

    `fundingTotal`: counted flows (see `counted_flows`); `pledgeTotal`: pledges under the
    same incoming/single rule; `flowCount`: all incoming flows, whatever their
    onBoundary or status (this is what FTS's `data.incoming.flowCount` counts).
    `by_location` splits them by the single destination location, with flows that name
    several locations or none under `REGIONAL_BUCKET`; the parts add up to the whole.
    """
    out = _totals(flows)
    labels = pd.Series(
        [
            _location_label(loc, name)
            for loc, name in zip(flows["dest_locations"], flows["destination_name"], strict=True)
        ],
        index=flows.index,
        dtype=object,
    )
    names = sorted(set(labels) - {REGIONAL_BUCKET}, key=fold)
    if (labels == REGIONAL_BUCKET).any():
        names.append(REGIONAL_BUCKET)
    out["by_location"] = {name: _totals(flows[labels == name]) for name in names}
    return out
