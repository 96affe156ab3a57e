"""Load a dataset: every source read, repaired, checked and turned into canonical tables.

Data moves one way: files -> `load_dataset` (canonical tables + findings) -> compute.
Problems a user must fix raise `InputError`; oddities that can be reported and worked
around become `Finding`s that the chapter's data-quality annex lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from . import dialects, geography
from .checksums import sha256_many
from .errors import InputError
from .manifest import MANIFEST_NAME as MANIFEST_FILE
from .manifest import Manifest, read_manifest
from .quality import Finding
from .schemas import (
    ACTIVITY_COLUMNS,
    COUNT_COLUMNS,
    INDICATOR_COLUMNS,
    NUMERIC_COLUMNS,
    PARTNER_COLUMNS,
    POPULATION_TYPES,
    SITUATION_COLUMNS,
    TARGET_COLUMNS,
    TEXT_COLUMNS,
)
from .tables import RawTable, display_name, read_table

# Missing-value markers that programs write (R's NA, pandas' NaN, None, SQL null): a missing
# number, counted as 0 without a finding. What people type ("N/A", "-") and Excel's "#N/A"
# are not numbers either, but they get a finding so the row can be checked.
NA_TOKENS = {"", "na", "nan", "none", "null"}
_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}([.,]\d{3})+$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
MAX_PEOPLE_PER_ROW = 10_000_000  # more than any country's whole refugee population: a typo
PEOPLE_TYPES = {"direct assistance", "pin"}
INDICATOR_TYPES = {
    "direct assistance": "Direct Assistance",
    "capacity building": "Capacity Building",
    "mechanism/advocacy": "Mechanism/Advocacy",
    "campaign": "Campaign",
    "infrastructure": "Infrastructure",
    "other": "Other",
    "pin": "Pin",
}


def per_distinct(values: pd.Series, func) -> tuple[np.ndarray, list]:
    """(code of each row, func of each distinct value): func runs once per distinct value
    (5W columns repeat a lot) and a row reaches its answer through its code."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return codes, [func(v) for v in uniques]


def per_distinct_pair(a: pd.Series, fa, b: pd.Series, fb) -> tuple[np.ndarray, list[tuple]]:
    """(code of each row, (fa(a), fb(b)) of each distinct pair of values in the rows): each
    function runs once per distinct value, and each pair that occurs is listed once."""
    a_codes, a_answers = per_distinct(a, fa)
    b_codes, b_answers = per_distinct(b, fb)
    n = len(b_answers)
    pair_of_row, pairs = pd.factorize(a_codes.astype(np.int64) * n + b_codes)
    return pair_of_row, [(a_answers[p // n], b_answers[p % n]) for p in pairs.tolist()]


def map_distinct(values: pd.Series, func) -> pd.Series:
    """`values.map(func)`, calling func once per distinct value and spreading the answers
    to the rows with one take, not a lookup per row."""
    if values.empty:
        return values.map({})
    codes, answers = per_distinct(values, func)
    return pd.Series(pd.Series(answers).take(codes).array, index=values.index,
                     name=values.name)


def text_from_codes(texts: list, codes: np.ndarray) -> pd.Series:
    """A text column from its distinct values (str or None) and each row's code: built by
    Arrow in one take, with the dtype pandas gives text (None reads as missing)."""
    import pyarrow as pa

    arr = pa.array(texts, type=pa.large_string()).take(pa.array(codes, type=pa.int64()))
    return pd.Series(pd.array(arr, dtype="str"))


def text_key(value: object) -> str:
    """Indicator texts compare after normalising whitespace and case (METHOD.md)."""
    return " ".join(str(value).casefold().split())


def sector_key(value: object) -> str:
    """Sector names compare after normalising `&`/`and`, case, accents and spaces."""
    return geography.fold(value)


def org_key(value: object) -> str:
    """Organisation names: trim, case-fold, collapse spaces; accents kept (METHOD.md)."""
    return " ".join(str(value).casefold().split())


# ---------------------------------------------------------------- the dataset


@dataclass
class Dataset:
    manifest: Manifest
    activities: pd.DataFrame
    indicators: pd.DataFrame
    partners: pd.DataFrame | None = None
    targets: pd.DataFrame | None = None
    requirements: pd.DataFrame | None = None
    flows: pd.DataFrame | None = None
    situation: pd.DataFrame | None = None
    narratives: dict[str, dict[str, str]] | None = None
    findings: list[Finding] = field(default_factory=list)
    inputs: list[dict] = field(default_factory=list)  # provenance: file, sha256, bytes

    @property
    def name(self) -> str:
        return self.manifest.name


def load_dataset(folder: str | Path) -> Dataset:
    """Read the manifest and every source it names; raise InputError on unusable input."""
    m = read_manifest(folder)
    findings: list[Finding] = []
    for key in m.unknown_keys:
        findings.append(Finding("manifest", f"unknown key '{key}' ignored", file="dataset.yaml",
                                column=key, severity="info"))
    base = m.folder
    activities = load_activities(m.files("activities"), m, findings)
    indicators = load_indicators(m.files("indicators"), base, findings)
    partners = load_partners(m.files("partners"), base, findings) if m.has("partners") else None
    targets = load_targets(m.files("targets"), base, findings) if m.has("targets") else None
    requirements = (load_requirements(m.files("requirements"), base, findings)
                    if m.has("requirements") else None)
    flows = None
    if m.has("funding"):
        from .funding import load_fts

        flows, flow_findings = load_fts(m.files("funding"))
        findings.extend(flow_findings)
    situation = load_situation(m.files("situation"), base, findings) if m.has("situation") else None
    narratives = None
    if m.has("narratives"):
        from .narratives import load_narratives

        narratives = load_narratives(m.files("narratives"), base)
    check_sectors(activities, indicators, m, findings)
    check_organisation_spellings(activities, partners, findings)
    read = []
    root = base.resolve()
    for key, paths in m.sources.items():
        for p in paths:
            files = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
            read.extend((key, f) for f in files
                        # never read (or fingerprint) a file outside the dataset
                        if f.resolve() == root or root in f.resolve().parents)
    inputs = [{"source": key, "file": display_name(f, base), "sha256": digest,
               "bytes": f.stat().st_size}
              for (key, f), digest in zip(read, sha256_many(f for _, f in read), strict=True)]
    return Dataset(m, activities, indicators, partners, targets, requirements, flows, situation,
                   narratives, findings, inputs)


# ---------------------------------------------------------------- cross-source checks


def check_sectors(activities: pd.DataFrame, indicators: pd.DataFrame, m: Manifest,
                  findings: list[Finding]) -> None:
    """A sector the indicator reference does not know makes every row of it uncountable: say
    so once per spelling (with its rows and people), and once for the manifest's sector."""
    known = {sector_key(v) for v in indicators["sector"]}
    if not known:
        return
    if sector_key(m.sector) not in known:
        findings.append(Finding(
            "unknown_sector", f"the manifest's sector '{m.sector[:80]}' is not in the "
            "indicator reference; no row can count as people reached for it (sectors in the "
            "reference: " + ", ".join(sorted(set(indicators["sector"]))[:8]) + ")",
            file=MANIFEST_FILE, column="sector"))
    if activities.empty:
        return
    unknown = ~map_distinct(activities["sector"], lambda v: sector_key(v) in known).astype(bool)
    cols = ["sector", "new_beneficiaries", "source_file", "source_row", "country"]
    for value, rows in activities.loc[unknown.to_numpy(), cols].groupby("sector", sort=False):
        first = rows.iloc[0]
        people = float(rows["new_beneficiaries"].fillna(0).sum())
        what = (f"sector '{str(value)[:80]}' is not in the indicator reference"
                if str(value).strip() else "sector is empty")
        findings.append(Finding(
            "unknown_sector",
            f"{what}; its {len(rows)} row(s) ({people:,.0f} new beneficiaries) count in no "
            "sector", file=first["source_file"],
            row=int(first["source_row"]), column="sector", country=first["country"],
            people=people))


def check_organisation_spellings(activities: pd.DataFrame, partners: pd.DataFrame | None,
                                 findings: list[Finding]) -> None:
    """Names that differ only in accents (or `&`/`and`) count as different organisations
    (METHOD.md keeps accents) unless the partner reference links them: name each pair so the
    data owner can fix the spelling or add it to the reference."""
    if activities.empty:
        return
    from .partners import PartnerIndex  # partners imports this module

    index = PartnerIndex(partners)
    first_seen: dict[str, dict[str, tuple]] = {}
    for column in ("appealing_org", "implementing_partner"):
        names = activities[column]
        # Each distinct name at its first row (codes number names in order of appearance).
        codes, uniques = pd.factorize(names.astype(str).str.strip())
        seen_codes, first_rows = np.unique(codes, return_index=True)
        for code, pos in zip(seen_codes, first_rows, strict=True):
            name = uniques[code] if code >= 0 else ""  # -1: a missing name
            canonical = index.resolve(name) if name != "" else None
            if canonical is None:
                continue
            rec = activities.iloc[int(pos)]
            spellings = first_seen.setdefault(geography.fold(canonical), {})
            spellings.setdefault(org_key(canonical), (
                name, rec["source_file"], rec["source_row"], rec["country"], column))
    for spellings in first_seen.values():
        if len(spellings) < 2:
            continue
        (name0, file0, row0, *_), *others = spellings.values()
        for name, file, row, country, column in others:
            findings.append(Finding(
                "similar_organisations",
                f"organisation '{name[:60]}' differs from '{name0[:60]}' ({file0} row "
                f"{row0}) only in accents or '&'; they count as two partners unless the "
                "partner reference lists both spellings", file=file, row=int(row),
                column=column, country=country))


# ---------------------------------------------------------------- 5W activities


def _month_from_serial(value: float) -> str:
    d = date(1899, 12, 30) + timedelta(days=int(value))
    return f"{d.year:04d}-{d.month:02d}"


_MONTH_ABBR = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_MONTH_ABBR.update({"ene": 1, "abr": 4, "ago": 8, "set": 9, "dic": 12, "fev": 2, "mai": 5,
                    "out": 10, "dez": 12})
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})(?:[-/]\d{1,2})?(?:[ T].*)?$")
_ABBR = re.compile(r"^([a-zA-Z]{3})[a-zA-Z]*[-/ .]+(\d{2}|\d{4})$")
_SERIAL = re.compile(r"^\d{5}(\.0+)?$")


def parse_month_cell(text: str) -> tuple[str | None, bool]:
    """(YYYY-MM or None, whether the spelling was unusual). Accepts `YYYY-MM`, a full date
    (`2023-01-15`, the day is dropped), a month name with its year (`Jan-23`, `ene 2023`)
    and Excel date serials (`44927`); the last two are 'unusual' and get an info finding so
    the reader can check the reading."""
    t = text.strip()
    m = _ISO.match(t)
    if m:
        month = int(m.group(2))
        if 1 <= month <= 12:
            return f"{int(m.group(1)):04d}-{month:02d}", False
        return None, True
    m = _ABBR.match(t)
    if m and m.group(1).lower() in _MONTH_ABBR:
        year = int(m.group(2))
        year = year + 2000 if year < 100 else year
        return f"{year:04d}-{_MONTH_ABBR[m.group(1).lower()]:02d}", True
    if _SERIAL.match(t):
        serial = float(t)
        if 20000 < serial < 80000:
            return _month_from_serial(serial), True
    return None, True


def parse_numbers(values: pd.Series, rows: pd.Series, column: str, file: str,
                  findings: list[Finding], *, people: bool) -> pd.Series:
    """Text -> float. Anything that is not a usable number becomes NaN (counted as 0) and a
    finding naming the row: never a silently wrong figure.

    Not usable: text (`12 personas`, `N/A`), infinities, negatives, counts of people over
    MAX_PEOPLE_PER_ROW, and counts like `1.234` or `1,234` that read as a thousand or as a
    fraction depending on the writer's locale. One finding per cell, first reason wins.
    """
    # 5W count columns repeat a few values many times: parse each distinct text once.
    codes, uniques = pd.factorize(values.astype(str), use_na_sentinel=False)
    u = pd.Series(np.asarray(uniques, dtype=object), dtype=object).astype(str).str.strip()
    missing = u.str.casefold().isin(NA_TOKENS).to_numpy()
    num_u = pd.to_numeric(u.where(~missing), errors="coerce").to_numpy(dtype="float64",
                                                                        copy=True)
    with np.errstate(invalid="ignore"):
        suspect = ~missing & (np.isnan(num_u) | np.isinf(num_u) | (num_u < 0)
                              | (people & (num_u > MAX_PEOPLE_PER_ROW))
                              | u.str.match(_THOUSANDS.pattern).to_numpy(bool))
    reasons: dict[int, str] = {}
    for i in np.flatnonzero(suspect):  # only the few odd values are looked at one by one
        reason = _number_problem(u.iat[i], num_u[i], people)
        if reason:
            reasons[i] = reason
    bad_u = np.zeros(len(u), dtype=bool)
    bad_u[list(reasons)] = True
    num_u[bad_u] = np.nan
    bad = bad_u[codes]
    for i in np.flatnonzero(bad):
        text = u.iat[codes[i]]
        findings.append(Finding(
            "invalid_number", f"value '{text[:40]}' {reasons[codes[i]]}; counted as 0",
            file=file, row=int(rows.iat[i]), column=column))
    return pd.Series(num_u[codes], dtype="float64")


def _number_problem(text: str, v: float, people: bool) -> str | None:
    """Why a count or amount cell is not usable, or None when it is."""
    grouped = _THOUSANDS.match(text)
    if grouped and text.count(text[-4]) > 1:
        return "looks like a number with thousands separators; write digits only"
    if grouped and (people or np.isnan(v)):
        return (f"is ambiguous: {text.replace(text[-4], '')} with a thousands separator, or "
                f"{text.replace(',', '.')}? Write whole numbers without separators")
    if np.isnan(v):
        return ("is not a number (a decimal comma? write it with a point)"
                if _DECIMAL_COMMA.match(text) else "is not a number")
    if np.isinf(v):
        return "is not a finite number"
    if v < 0:
        return "is negative"
    if people and v > MAX_PEOPLE_PER_ROW:
        return f"is implausibly large (over {MAX_PEOPLE_PER_ROW:,})"
    return None


def load_activities(paths: list[Path], m: Manifest, findings: list[Finding]) -> pd.DataFrame:
    frames = [activities_from_table(
        read_table(p, base=m.folder, header_score=dialects.header_score), m, findings)
        for p in paths]
    if not frames:
        return empty_activities()
    out = pd.concat(frames, ignore_index=True)
    return out


def empty_activities() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series(dtype="object") for c in ACTIVITY_COLUMNS})
    for c in NUMERIC_COLUMNS:
        df[c] = df[c].astype("float64")
    df["source_row"] = df["source_row"].astype("int64")
    return df


def activities_from_table(table: RawTable, m: Manifest, findings: list[Finding]) -> pd.DataFrame:
    """One raw 5W table in any dialect -> canonical activity rows of the manifest's period.

    Columns repeat a few values many times, so each check looks at every distinct value
    once and reaches the rows through integer codes; only rows with a problem are visited
    one by one (to name them)."""
    findings.extend(table.findings)
    mapping = dialects.map_activity_headers(list(table.frame.columns))
    missing = dialects.missing_required(mapping)
    if missing:
        wanted = "; ".join(
            f"{dialects.FIELD_LABELS.get(f, f)} ("
            + " / ".join(dict.fromkeys(n for d in dialects.ACTIVITY_HEADERS[f].values()
                                       for n in d)) + ")"
            for f in missing)
        raise InputError(
            f"the header matches no known 5W dialect; missing fields: {wanted}",
            file=table.file, row=table.header_row)
    # Only the mapped columns, renamed: an extra column spelt like a canonical name
    # ('month' beside 'Reporting.Month') must not shadow the real one.
    raw = table.frame[list(mapping)].rename(columns=mapping).reset_index(drop=True)
    rows = table.rows
    n = len(raw)
    df = pd.DataFrame(index=range(n))
    coded: dict[str, np.ndarray] = {}  # integer code of each row's text, per column
    for col in TEXT_COLUMNS:
        if col in raw:
            df[col], coded[col] = _stripped(raw[col])
        else:
            df[col] = ""
    file = table.file
    inv = {v: k for k, v in mapping.items()}
    for col in NUMERIC_COLUMNS:
        if col in raw:
            df[col] = parse_numbers(raw[col], rows, str(inv[col]), file,
                                    findings, people=col in COUNT_COLUMNS).to_numpy()
        else:
            df[col] = np.nan
    df["source_file"] = file
    df["source_row"] = rows.to_numpy()

    # Exact duplicate rows: kept (they may be real) but reported.
    for i in _duplicate_rows(table.frame, df, coded):
        findings.append(Finding("duplicate_row", "row repeats an earlier row exactly",
                                file=file, row=int(rows.iat[i])))

    # Country -> ISO3, once, here.
    country_codes, country_values = pd.factorize(df["country_raw"], use_na_sentinel=False)
    resolved = [geography.resolve_country(v) if v else None for v in country_values]
    df["country"] = text_from_codes(resolved, country_codes)
    unknown_u = np.array([r is None and v != "" for r, v in zip(resolved, country_values,
                                                                 strict=True)], dtype=bool)
    unknown = unknown_u[country_codes] if n else np.zeros(0, dtype=bool)
    if unknown.any():
        i = int(np.flatnonzero(unknown)[0])
        others = int(unknown.sum()) - 1
        raise InputError(
            f"country '{df['country_raw'].iat[i]}' is not one of the 17 R4V countries nor "
            f"'Regional'" + (f" ({others} more rows like it)" if others else ""),
            file=file, row=int(rows.iat[i]), column=str(inv["country_raw"]),
            expected="a country name such as 'Peru', 'Perú' or 'PER'")
    keep = np.ones(n, dtype=bool)
    blank_country = (df["country_raw"] == "").to_numpy()
    for i in np.flatnonzero(blank_country):
        keep[i] = False
        findings.append(Finding("missing_country", "country is empty; row not counted",
                                file=file, row=int(rows.iat[i]),
                                column=str(inv["country_raw"]),
                                people=_people(df, i)))
    df["platform"] = text_from_codes([geography.platform_of(r) for r in resolved],
                                     country_codes)
    if "platform_raw" in raw:
        resolved_platform = map_distinct(
            df["platform_raw"], lambda v: geography.resolve_platform(v) if v else None)
        clash = (resolved_platform.notna() & df["platform"].notna()
                 & (resolved_platform != df["platform"]))
        for i in np.flatnonzero(clash.to_numpy()):
            findings.append(Finding(
                "platform_mismatch",
                f"platform '{df['platform_raw'].iat[i]}' does not match country "
                f"'{df['country_raw'].iat[i]}'; the country's platform is used",
                file=file, row=int(rows.iat[i]), column=str(inv["platform_raw"])))

    # Month -> YYYY-MM, then keep the manifest's period.
    month_codes, month_values = pd.factorize(df["month"], use_na_sentinel=False)
    parsed = [parse_month_cell(v) if v else (None, False) for v in month_values]
    read_as = [p[0] for p in parsed]
    # Months written YYYY-MM read as themselves: keep the column rather than rebuild it.
    same = all(r == v for r, v in zip(read_as, month_values, strict=True))
    month = df["month"] if same else text_from_codes(read_as, month_codes)
    bad_u = np.array([p[0] is None for p in parsed], dtype=bool)
    for i in np.flatnonzero(bad_u[month_codes] if n else np.zeros(0, dtype=bool)):
        if not keep[i]:
            continue
        keep[i] = False
        value = df["month"].iat[i]
        findings.append(Finding(
            "invalid_month",
            f"month '{value[:40]}' is not a month (expected YYYY-MM, e.g. "
            f"{m.period_start}); row not counted" if value
            else "month is empty; row not counted",
            file=file, row=int(rows.iat[i]), column=str(inv["month"]), people=_people(df, i)))
    # Month names and Excel serials are read, but the reading is shown once per spelling.
    for k, (value, (read, unusual)) in enumerate(zip(month_values, parsed, strict=True)):
        if not (read and unusual):
            continue
        where = np.flatnonzero((month_codes == k) & keep)
        if len(where) == 0:
            continue
        kind = "an Excel date serial" if _SERIAL.match(value.strip()) else "a month name"
        more = f" ({len(where)} rows)" if len(where) > 1 else ""
        findings.append(Finding(
            "month_format", f"month '{value[:40]}' is {kind}, read as {read}{more}; write "
            "YYYY-MM to be sure", file=file, row=int(rows.iat[where[0]]),
            column=str(inv["month"]), severity="info"))
    df["month"] = month
    outside_u = np.array([p[0] is not None and not m.period_start <= p[0] <= m.period_end
                          for p in parsed], dtype=bool)
    outside = outside_u[month_codes] if n else np.zeros(0, dtype=bool)
    if outside.any():
        keep &= ~outside
        findings.append(Finding(
            "outside_period",
            f"{int(outside.sum())} rows fall outside the period {m.period_start} to "
            f"{m.period_end} and are not counted", file=file, severity="info"))
    _tag_countries(findings, file, rows, df["country"])
    if keep.all():
        return df[ACTIVITY_COLUMNS]
    return df.loc[keep, ACTIVITY_COLUMNS].reset_index(drop=True)


def _stripped(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """(the column with each cell stripped of outer spaces, each row's code): strips each
    distinct text once and rebuilds the column only when a text changed."""
    values = values.astype(str).reset_index(drop=True)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    texts = [v.strip() if isinstance(v, str) else "" for v in uniques]
    if all(isinstance(v, str) and v == t for v, t in zip(uniques, texts, strict=True)):
        return values, codes
    return text_from_codes(texts, codes), codes


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads every input bit over the output (a float's bits sit
    high, and multiplying alone would push them out of the 64 bits)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _duplicate_rows(frame: pd.DataFrame, parsed: pd.DataFrame,
                    coded: dict[str, np.ndarray]) -> np.ndarray:
    """Positions of the rows of `frame` that repeat an earlier row exactly, in all columns.

    Comparing whole rows of text is the slow part at a million rows, so rows are first
    sorted out by a hash of their parsed numbers and text codes: rows with equal text have
    equal hashes, and only rows whose hash repeats are compared in full."""
    n = len(frame)
    if n < 2:
        return np.zeros(0, dtype=np.int64)
    h = np.zeros(n, dtype=np.uint64)
    prime = np.uint64(1_000_003)
    for col in NUMERIC_COLUMNS:
        values = parsed[col].to_numpy(dtype="float64")
        h = h * prime + _mix(np.where(np.isnan(values), -1.0, values).view(np.uint64))
    for codes in coded.values():
        h = h * prime + _mix(codes.astype(np.uint64))
    candidates = np.flatnonzero(pd.Series(h).duplicated(keep=False).to_numpy())
    if len(candidates) == 0:
        return candidates
    repeats = frame.iloc[candidates].duplicated(keep="first").to_numpy()
    return candidates[repeats]


def _tag_countries(findings: list[Finding], file: str, rows: pd.Series,
                   countries: pd.Series) -> None:
    """Give this file's row findings their row's country, so each chapter shows its own."""
    wanted = [i for i, f in enumerate(findings)
              if f.file == file and f.row is not None and f.country is None]
    if not wanted:
        return
    numbers = rows.to_numpy()
    ordered = len(numbers) < 2 or bool(np.all(np.diff(numbers) > 0))
    by_row = None if ordered else dict(zip(numbers.tolist(), range(len(numbers)), strict=True))
    for i in wanted:
        row = findings[i].row
        if ordered:
            pos = int(np.searchsorted(numbers, row))
            pos = pos if pos < len(numbers) and numbers[pos] == row else None
        else:
            pos = by_row.get(row)
        code = countries.iat[pos] if pos is not None else None
        if isinstance(code, str) and code:
            findings[i] = replace(findings[i], country=code)


def _people(df: pd.DataFrame, i: int) -> float | None:
    v = df["new_beneficiaries"].iat[i]
    return None if pd.isna(v) else float(v)


# ---------------------------------------------------------------- indicator reference

_INDICATOR_FIELDS = {
    "code": ["code"],
    "sector": ["sector/subsector/wg", "sector subsector wg", "sector", "subsector"],
    "indicator": ["indicator"],
    "indicator_type": ["indicator type", "indicator_type"],
}


def _pick(table: RawTable, fields: dict[str, list[str]], required: list[str]) -> dict[str, str]:
    keys = {dialects.header_key(c): c for c in table.frame.columns}
    found = {}
    for name, options in fields.items():
        for option in options:
            k = dialects.header_key(option)
            if k in keys:
                found[name] = keys[k]
                break
    missing = [f for f in required if f not in found]
    if missing:
        raise InputError("missing column(s): " + ", ".join(
            " / ".join(fields[f]) for f in missing), file=table.file, row=table.header_row)
    return found


def load_indicators(paths: list[Path], base: Path, findings: list[Finding]) -> pd.DataFrame:
    """R4V's indicator lists as they are (2021 `Indicator_Type` Pin/Other, 2023-2024 types)."""
    frames = []
    for p in paths:
        t = read_table(p, base=base, header_score=lambda r: sum(
            dialects.header_key(c) in {"indicator", "indicator type", "code",
                                       "sector subsector wg"} for c in r))
        findings.extend(t.findings)
        cols = _pick(t, _INDICATOR_FIELDS, ["sector", "indicator", "indicator_type"])
        df = pd.DataFrame({
            "code": t.frame[cols["code"]].str.strip() if "code" in cols else "",
            "sector": t.frame[cols["sector"]].str.strip(),
            "indicator": t.frame[cols["indicator"]].str.strip(),
            "indicator_type": t.frame[cols["indicator_type"]].str.strip(),
        })
        type_key = df["indicator_type"].map(geography.fold)
        unknown = ~type_key.isin(INDICATOR_TYPES) & (df["indicator"] != "")
        for i in np.flatnonzero(unknown.to_numpy()):
            findings.append(Finding(
                "indicator_type", f"unknown indicator type '{df['indicator_type'].iat[i]}'; "
                "the indicator is treated as an output, not people", file=t.file,
                row=int(t.rows.iat[i]), column=cols["indicator_type"]))
        df["indicator_type"] = type_key.map(INDICATOR_TYPES).fillna(df["indicator_type"])
        df["counts_as_people"] = type_key.isin(PEOPLE_TYPES)
        frames.append(df[df["indicator"] != ""])
    out = pd.concat(frames, ignore_index=True)[INDICATOR_COLUMNS]
    out = out.drop_duplicates(subset=["sector", "indicator"], keep="first")
    return out.reset_index(drop=True)


# ---------------------------------------------------------------- partner reference

_PARTNER_FIELDS = {
    "name": ["Name"],
    "nombre": ["Nombre"],
    "nome": ["Nome"],
    "acronym": ["Acronym.Short.Name", "Acronym", "Short name"],
    "type": ["Type"],
    "rmlead": ["RMlead", "Refugees and Migrants lead", "RM lead"],
}


def _yes(value: object) -> bool:
    return geography.fold(value) in {"yes", "si", "sim", "true", "1", "y", "x"}


def load_partners(paths: list[Path], base: Path, findings: list[Finding]) -> pd.DataFrame:
    """Organisation reference: canonical name, every alias, type, refugee/migrant-led flag."""
    frames = []
    for p in paths:
        t = read_table(p, base=base)
        findings.extend(t.findings)
        cols = _pick(t, _PARTNER_FIELDS, ["name"])
        f = t.frame
        aliases = []
        for i in range(len(f)):
            names = [f[cols[c]].iat[i] for c in ("name", "nombre", "nome", "acronym") if c in cols]
            aliases.append(sorted({org_key(x) for x in names if str(x).strip()}))
        frames.append(pd.DataFrame({
            "name": f[cols["name"]].str.strip(),
            "aliases": aliases,
            "acronym": f[cols["acronym"]].str.strip() if "acronym" in cols else "",
            "type": f[cols["type"]].str.strip() if "type" in cols else "",
            "refugee_migrant_led": f[cols["rmlead"]].map(_yes) if "rmlead" in cols else False,
        }))
    out = pd.concat(frames, ignore_index=True)
    out = out[out["name"] != ""].drop_duplicates(subset=["name"]).reset_index(drop=True)
    return out[PARTNER_COLUMNS]


# ---------------------------------------------------------------- targets and requirements

_POP_LABELS = {
    "in destination": "in_destination", "destination": "in_destination", "dest": "in_destination",
    "in transit": "in_transit", "transit": "in_transit",
    "host community": "host_community", "host communities": "host_community",
    "hc": "host_community",
    "pendular": "pendular", "pendulars": "pendular",
    "colombian returnees": "colombian_returnees", "returnees": "colombian_returnees",
}
_WIDE = re.compile(r"^(pin|target) (dest|transit|hc|pendular|returnees) total$")


def _country_codes(values: pd.Series, rows: pd.Series, file: str, column: str) -> pd.Series:
    codes = values.map(lambda v: geography.resolve_country(v) if str(v).strip() else None)
    bad = codes.isna().to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        value = str(values.iat[i]).strip()
        raise InputError(f"country '{value[:60]}' is not one of the 17 R4V countries" if value
                         else "country is empty", file=file, row=int(rows.iat[i]),
                         column=column, expected="a country name such as 'Peru', 'Perú' or "
                         "'PER'")
    return codes


def load_targets(paths: list[Path], base: Path, findings: list[Finding]) -> pd.DataFrame:
    """People in need and targets, long (one row per population type) or R4V's wide tables."""
    frames = []
    for p in paths:
        t = read_table(p, base=base)
        findings.extend(t.findings)
        keys = {dialects.header_key(c): c for c in t.frame.columns}
        wide = {k: c for k, c in keys.items() if _WIDE.match(k)}
        if wide:
            frames.append(_wide_targets(t, keys, wide, findings))
        else:
            frames.append(_long_targets(t, findings))
    out = pd.concat(frames, ignore_index=True)
    # Two wide tables (PiN and target) of the same places merge into one long table.
    out = (out.groupby(["country", "admin1", "sector", "population_type"], dropna=False,
                       sort=False)[["people_in_need", "target"]]
           .sum(min_count=1).reset_index())
    return out[TARGET_COLUMNS]


def _long_targets(t: RawTable, findings) -> pd.DataFrame:
    cols = _pick(t, {"country": ["Country"], "admin1": ["Admin1"],
                     "sector": ["Sector", "Subsector"], "pop": ["Population type"],
                     "pin": ["People in need", "PiN"],
                     "target": ["Target"]}, ["country", "sector", "pop"])
    f = t.frame
    pop = f[cols["pop"]].map(lambda v: _POP_LABELS.get(geography.fold(v).replace("_", " ")))
    for i in np.flatnonzero(pop.isna().to_numpy()):
        value = str(f[cols["pop"]].iat[i]).strip()
        raise InputError(f"unknown population type '{value[:60]}'" if value
                         else "population type is empty", file=t.file,
                         row=int(t.rows.iat[i]), column=cols["pop"],
                         expected="In destination, In transit, Host community, Pendular or "
                         "Colombian returnees")
    return pd.DataFrame({
        "country": _country_codes(f[cols["country"]], t.rows, t.file, cols["country"]),
        "admin1": f[cols["admin1"]].str.strip() if "admin1" in cols else "",
        "sector": f[cols["sector"]].str.strip(),
        "population_type": pop,
        "people_in_need": (parse_numbers(f[cols["pin"]], t.rows, cols["pin"], t.file, findings,
                                         people=True) if "pin" in cols else np.nan),
        "target": (parse_numbers(f[cols["target"]], t.rows, cols["target"], t.file, findings,
                                 people=True) if "target" in cols else np.nan),
    })


def _wide_targets(t: RawTable, keys, wide, findings) -> pd.DataFrame:
    f = t.frame
    country_col = next((c for k, c in keys.items() if k.endswith("country")), None)
    sector_col = next((c for k, c in keys.items() if k in {"subsector", "sector"}), None)
    admin_col = next((c for k, c in keys.items() if k.endswith("admin1")), None)
    if country_col is None or sector_col is None:
        raise InputError("wide target table needs a country and a sector column", file=t.file,
                         row=t.header_row)
    countries = _country_codes(f[country_col], t.rows, t.file, country_col)
    parts = []
    pop_of = {"dest": "in_destination", "transit": "in_transit", "hc": "host_community",
              "pendular": "pendular", "returnees": "colombian_returnees"}
    for k, col in wide.items():
        kind, pop = _WIDE.match(k).groups()
        values = parse_numbers(f[col], t.rows, col, t.file, findings, people=True)
        parts.append(pd.DataFrame({
            "country": countries,
            "admin1": f[admin_col].str.strip() if admin_col else "",
            "sector": f[sector_col].str.strip(),
            "population_type": pop_of[pop],
            "people_in_need": values if kind == "pin" else np.nan,
            "target": values if kind == "target" else np.nan,
        }))
    return pd.concat(parts, ignore_index=True)


def load_requirements(paths: list[Path], base: Path, findings: list[Finding]) -> pd.DataFrame:
    """Financial requirements (USD) per country and sector, for funding coverage."""
    frames = []
    for p in paths:
        t = read_table(p, base=base)
        findings.extend(t.findings)
        cols = _pick(t, {"country": ["Country"], "sector": ["Sector"],
                         "req": ["Requirement (USD)", "Requirement", "Requirements"]},
                     ["country", "sector", "req"])
        f = t.frame
        frames.append(pd.DataFrame({
            "country": _country_codes(f[cols["country"]], t.rows, t.file, cols["country"]),
            "sector": f[cols["sector"]].str.strip(),
            "requirement_usd": parse_numbers(f[cols["req"]], t.rows, cols["req"], t.file,
                                             findings, people=False),
        }))
    return pd.concat(frames, ignore_index=True)


# ---------------------------------------------------------------- situation indicators


def load_situation(paths: list[Path], base: Path, findings: list[Finding]) -> pd.DataFrame:
    frames = []
    for p in paths:
        t = read_table(p, base=base)
        findings.extend(t.findings)
        cols = _pick(t, {c: [c] for c in ("country", "indicator", "value", "unit", "source",
                                          "date")}, ["country", "indicator", "value"])
        f = t.frame
        frames.append(pd.DataFrame({
            "country": _country_codes(f[cols["country"]], t.rows, t.file, cols["country"]),
            "indicator": f[cols["indicator"]].str.strip(),
            "value": f[cols["value"]].str.strip(),
            "unit": f[cols["unit"]].str.strip() if "unit" in cols else "",
            "source": f[cols["source"]].str.strip() if "source" in cols else "",
            "date": f[cols["date"]].str.strip() if "date" in cols else "",
        }))
    return pd.concat(frames, ignore_index=True)[SITUATION_COLUMNS]


__all__ = [
    "Dataset", "load_dataset", "load_activities", "load_indicators", "load_partners",
    "load_targets", "load_requirements", "load_situation", "text_key", "sector_key", "org_key",
    "POPULATION_TYPES",
]
