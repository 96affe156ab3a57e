"""5W activity rows: one raw table in any header dialect -> canonical rows of the period."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..core import geography
from ..core.columns import ACTIVITY_COLUMNS, COUNT_COLUMNS, NUMERIC_COLUMNS, TEXT_COLUMNS
from ..core.distinct import map_distinct, text_from_codes
from ..core.errors import InputError
from ..core.findings import Finding
from . import dialects
from .manifest import Manifest
from .tables import RawTable, read_table
from .values import is_excel_serial, parse_month_cell, parse_numbers


def load_activities(paths: list[Path], m: Manifest, findings: list[Finding]) -> pd.DataFrame:
    """Every 5W file of the dataset, as canonical rows of the period. 5W files none of whose
    rows fall in the period would empty every chapter: that is an InputError naming the
    months they hold (METHOD.md "Warnings that travel with a figure")."""
    months: dict[str, set[str]] = {}
    frames = [
        activities_from_table(
            read_table(p, base=m.folder, header_score=dialects.header_score),
            m,
            findings,
            months_found=months,
        )
        for p in paths
    ]
    if not frames:
        return empty_activities()
    out = pd.concat(frames, ignore_index=True)
    found = sorted(set().union(*months.values()))
    if not any(m.period_start <= month <= m.period_end for month in found):
        files = ", ".join(months) or "the 5W files"
        if found:
            shown = ", ".join(found[:12]) + (
                f" and {len(found) - 12} more" if len(found) > 12 else ""
            )
            message = (
                f"no 5W row falls in the period {m.period_start} to {m.period_end}; "
                f"the rows are of {shown}"
            )
        else:
            message = "the 5W files hold no row with a month"
        raise InputError(
            message,
            file=files,
            column="period",
            expected="a period (dataset.yaml) that covers the months of the 5W rows",
        )
    return out


def empty_activities() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series(dtype="object") for c in ACTIVITY_COLUMNS})
    for c in NUMERIC_COLUMNS:
        df[c] = df[c].astype("float64")
    df["source_row"] = df["source_row"].astype("int64")
    return df


def activities_from_table(
    table: RawTable,
    m: Manifest,
    findings: list[Finding],
    months_found: dict[str, set[str]] | None = None,
) -> pd.DataFrame:
    """One raw 5W table in any dialect -> canonical activity rows of the manifest's period
    (the months its rows hold are added to `months_found`, by file).

    Columns repeat a few values many times, so each check looks at every distinct value
    once and reaches the rows through integer codes; only rows with a problem are visited
    one by one (to name them)."""
    findings.extend(table.findings)
    dialects.check_unambiguous(list(table.frame.columns), table.file, table.header_row)
    mapping = dialects.map_activity_headers(list(table.frame.columns))
    missing = dialects.missing_required(mapping)
    if missing:
        wanted = "; ".join(
            f"{dialects.FIELD_LABELS.get(f, f)} ("
            + " / ".join(dict.fromkeys(n for d in dialects.ACTIVITY_HEADERS[f].values() for n in d))
            + ")"
            for f in missing
        )
        raise InputError(
            f"the header matches no known 5W dialect; missing fields: {wanted}",
            file=table.file,
            row=table.header_row,
        )
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
            df[col] = parse_numbers(
                raw[col], rows, str(inv[col]), file, findings, people=col in COUNT_COLUMNS
            ).to_numpy()
        else:
            df[col] = np.nan
    df["source_file"] = file
    df["source_row"] = rows.to_numpy()

    # Exact duplicate rows: kept (they may be real) but reported.
    for i in _duplicate_rows(table.frame, df, coded):
        findings.append(
            Finding(
                "duplicate_row",
                "row repeats an earlier row exactly",
                file=file,
                row=int(rows.iat[i]),
            )
        )

    # Country -> ISO3, once, here.
    country_codes, country_values = pd.factorize(df["country_raw"], use_na_sentinel=False)
    resolved = [geography.resolve_country(v) if v else None for v in country_values]
    df["country"] = text_from_codes(resolved, country_codes)
    unknown_u = np.array(
        [r is None and v != "" for r, v in zip(resolved, country_values, strict=True)], dtype=bool
    )
    unknown = unknown_u[country_codes] if n else np.zeros(0, dtype=bool)
    if unknown.any():
        i = int(np.flatnonzero(unknown)[0])
        others = int(unknown.sum()) - 1
        raise InputError(
            f"country '{df['country_raw'].iat[i]}' is not one of the 17 R4V countries nor "
            f"'Regional'" + (f" ({others} more rows like it)" if others else ""),
            file=file,
            row=int(rows.iat[i]),
            column=str(inv["country_raw"]),
            expected="a country name such as 'Peru', 'Perú' or 'PER'",
        )
    keep = np.ones(n, dtype=bool)
    blank_country = (df["country_raw"] == "").to_numpy()
    for i in np.flatnonzero(blank_country):
        keep[i] = False
        findings.append(
            Finding(
                "missing_country",
                "country is empty; row not counted",
                file=file,
                row=int(rows.iat[i]),
                column=str(inv["country_raw"]),
                people=_people(df, i),
            )
        )
    df["platform"] = text_from_codes([geography.platform_of(r) for r in resolved], country_codes)
    if "platform_raw" in raw:
        resolved_platform = map_distinct(
            df["platform_raw"], lambda v: geography.resolve_platform(v) if v else None
        )
        clash = (
            resolved_platform.notna()
            & df["platform"].notna()
            & (resolved_platform != df["platform"])
        )
        for i in np.flatnonzero(clash.to_numpy()):
            findings.append(
                Finding(
                    "platform_mismatch",
                    f"platform '{df['platform_raw'].iat[i]}' does not match country "
                    f"'{df['country_raw'].iat[i]}'; the country's platform is used",
                    file=file,
                    row=int(rows.iat[i]),
                    column=str(inv["platform_raw"]),
                    params={
                        "platform": df["platform_raw"].iat[i],
                        "country": df["country_raw"].iat[i],
                    },
                )
            )

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
        findings.append(
            Finding(
                "invalid_month",
                f"month '{value[:40]}' is not a month (expected YYYY-MM, e.g. "
                f"{m.period_start}); row not counted"
                if value
                else "month is empty; row not counted",
                file=file,
                row=int(rows.iat[i]),
                column=str(inv["month"]),
                people=_people(df, i),
                params={"value": value[:40]},
            )
        )
    # Month names and Excel serials are read, but the reading is shown once per spelling.
    for k, (value, (read, unusual)) in enumerate(zip(month_values, parsed, strict=True)):
        if not (read and unusual):
            continue
        where = np.flatnonzero((month_codes == k) & keep)
        if len(where) == 0:
            continue
        kind = "an Excel date serial" if is_excel_serial(value) else "a month name"
        more = f" ({len(where)} rows)" if len(where) > 1 else ""
        findings.append(
            Finding(
                "month_format",
                f"month '{value[:40]}' is {kind}, read as {read}{more}; write YYYY-MM to be sure",
                file=file,
                row=int(rows.iat[where[0]]),
                column=str(inv["month"]),
                severity="info",
                params={"value": value[:40], "read_as": read},
            )
        )
    df["month"] = month
    outside_u = np.array(
        [p[0] is not None and not m.period_start <= p[0] <= m.period_end for p in parsed],
        dtype=bool,
    )
    outside = outside_u[month_codes] if n else np.zeros(0, dtype=bool)
    if months_found is not None:
        months_found[file] = {r for r in read_as if r}
    if outside.any():
        keep &= ~outside
        every = bool(outside.all())
        findings.append(
            Finding(
                "outside_period",
                (
                    f"every row ({int(outside.sum())}) of this file falls"
                    if every
                    else f"{int(outside.sum())} rows fall"
                )
                + f" outside the period {m.period_start} to {m.period_end}; not counted",
                file=file,
                column=str(inv["month"]),
                severity="warning" if every else "info",
                params={
                    "rows": int(outside.sum()),
                    "start": m.period_start,
                    "end": m.period_end,
                    "every": every,
                },
            )
        )
    _tag_rows(findings, file, rows, df["country"], df["sector"])
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


def _duplicate_rows(
    frame: pd.DataFrame, parsed: pd.DataFrame, coded: dict[str, np.ndarray]
) -> np.ndarray:
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


def _tag_rows(
    findings: list[Finding],
    file: str,
    rows: pd.Series,
    countries: pd.Series,
    sectors: pd.Series,
) -> None:
    """Give this file's row findings their row's country and sector, so each chapter's
    annex shows its own."""
    wanted = [
        i
        for i, f in enumerate(findings)
        if f.file == file and f.row is not None and f.country is None
    ]
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
        if pos is None:
            continue
        code, sector = countries.iat[pos], sectors.iat[pos]
        findings[i] = replace(
            findings[i],
            country=code if isinstance(code, str) and code else None,
            sector=sector if isinstance(sector, str) and sector else None,
        )


def _people(df: pd.DataFrame, i: int) -> float | None:
    v = df["new_beneficiaries"].iat[i]
    return None if pd.isna(v) else float(v)
