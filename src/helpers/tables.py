"""Reading a tabular file (CSV or XLSX) as text, whatever its encoding, delimiter or title rows.

Every cell comes back as a string ('' for empty) so that each loader decides what a
value means and can name the exact row and column when it does not make sense.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import ftfy
import pandas as pd

from .errors import InputError
from .quality import Finding

_MOJIBAKE_MARKERS = ("Ã", "Â", "â€", "Ð", "Ã")
MAX_HEADER_SCAN = 20


@dataclass
class RawTable:
    """A file's data as strings, with the spreadsheet row number of each data row."""

    frame: pd.DataFrame  # all str, original headers
    rows: pd.Series  # spreadsheet row numbers (header row = its own number)
    file: str  # name to show users
    sheet: str | None = None
    header_row: int = 1
    findings: list[Finding] = field(default_factory=list)


def display_name(path: Path, base: Path | None) -> str:
    try:
        return str(path.resolve().relative_to(base.resolve())) if base else path.name
    except ValueError:
        return path.name


def _decode(path: Path, name: str, findings: list[Finding]) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise InputError("file is empty", file=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        findings.append(
            Finding(
                "encoding",
                "file is not UTF-8; read as Windows-1252 (Latin-1). Save it as UTF-8 to be sure.",
                file=name,
                severity="info",
            )
        )
        return data.decode("cp1252", errors="replace")


def _sniff_delimiter(text: str) -> str:
    head = "\n".join(text.splitlines()[:MAX_HEADER_SCAN])
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _records(text: str, delimiter: str, name: str) -> list[tuple[int, list[str]]]:
    """(line number where the record starts, fields) for each record; bad quoting is an error."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    out = []
    start = 1
    try:
        for fields in reader:
            out.append((start, fields))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"cannot read this CSV record ({exc}); check its quotes",
                         file=name, row=reader.line_num) from exc
    return out


def _find_header(rows: list[list[str]], score: Callable[[list[str]], int]) -> int:
    best, best_score = 0, -1
    for i, row in enumerate(rows[:MAX_HEADER_SCAN]):
        s = score(row)
        if s > best_score:
            best, best_score = i, s
    return best


def _frame_from_records(records, header_idx, name, findings, sheet=None) -> RawTable:
    header_line, header = records[header_idx]
    header = [str(h).strip() for h in header]
    while header and header[-1] == "":
        header.pop()
    if not header:
        raise InputError("no header row found", file=name)
    width = len(header)
    data, rownums = [], []
    for line, fields in records[header_idx + 1 :]:
        if not any(str(f).strip() for f in fields):
            continue
        if len(fields) > width:
            extra = fields[width:]
            if any(str(x).strip() for x in extra):
                raise InputError(
                    f"this row has {len(fields)} fields but the header has {width}; "
                    "a value probably contains an unquoted delimiter",
                    file=name,
                    row=line,
                )
            fields = fields[:width]
        elif len(fields) < width:
            findings.append(
                Finding(
                    "ragged_row",
                    f"row has {len(fields)} fields, header has {width}; "
                    "missing cells read as empty",
                    file=name,
                    row=line,
                )
            )
            fields = list(fields) + [""] * (width - len(fields))
        data.append(fields)
        rownums.append(line)
    frame = pd.DataFrame(data, columns=_dedupe(header), dtype=object)
    if len(data) == 0:
        frame = pd.DataFrame(columns=_dedupe(header), dtype=object)
    return RawTable(frame.fillna(""), pd.Series(rownums, dtype="int64"), name, sheet,
                    header_line, findings)


def _dedupe(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in header:
        h = h or "unnamed"
        if h in seen:
            seen[h] += 1
            out.append(f"{h} ({seen[h]})")
        else:
            seen[h] = 0
            out.append(h)
    return out


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


def read_table(
    path: Path,
    *,
    base: Path | None = None,
    header_score: Callable[[list[str]], int] | None = None,
) -> RawTable:
    """Read CSV or XLSX into strings; find the header row (title rows above it are skipped)."""
    path = Path(path)
    name = display_name(path, base)
    findings: list[Finding] = []
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError("file does not exist", file=name)
    score = header_score or (lambda row: sum(1 for c in row if str(c).strip()))
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, name, score, findings)
    if suffix in (".xls",):
        raise InputError("old .xls workbooks are not supported", file=name,
                         expected="CSV or .xlsx")
    text = _decode(path, name, findings)
    delimiter = _sniff_delimiter(text)
    if delimiter != ",":
        findings.append(Finding("delimiter", f"read with '{delimiter}' as the delimiter",
                                file=name, severity="info"))
    records = _records(text, delimiter, name)
    if not records:
        raise InputError("file is empty", file=name)
    idx = _find_header(records and [r for _, r in records], score)
    table = _frame_from_records(records, idx, name, findings)
    repair_text(table)
    return table


def _read_xlsx(path, name, score, findings) -> RawTable:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise InputError(f"cannot open the workbook ({type(exc).__name__})", file=name) from exc
    try:
        best = None
        for ws in wb.worksheets:
            rows = []
            for i, values in enumerate(ws.iter_rows(values_only=True), start=1):
                rows.append((i, [_cell_text(v) for v in values]))
            if not rows:
                continue
            idx = _find_header([r for _, r in rows], score)
            s = score(rows[idx][1])
            if best is None or s > best[0]:
                best = (s, ws.title, rows, idx)
        if best is None:
            raise InputError("workbook has no data", file=name)
        _, title, rows, idx = best
        if len(wb.worksheets) > 1:
            others = [ws.title for ws in wb.worksheets if ws.title != title]
            findings.append(Finding("sheets", f"read sheet '{title}'; ignored sheets: "
                                    + ", ".join(others), file=name, severity="info"))
    finally:
        wb.close()
    label = f"{name} [{title}]"
    table = _frame_from_records(rows, idx, label, findings, sheet=title)
    repair_text(table)
    return table


def repair_text(table: RawTable) -> None:
    """Repair mojibake (UTF-8 read as Latin-1) in place, and say where it was repaired."""
    frame = table.frame
    for col in frame.columns:
        values = frame[col]
        if values.empty:
            continue
        suspect = values.str.contains("|".join(_MOJIBAKE_MARKERS), regex=True, na=False)
        if not suspect.any():
            continue
        for idx in values.index[suspect]:
            before = values.at[idx]
            after = ftfy.fix_text(before)
            if after != before:
                frame.at[idx, col] = after
                table.findings.append(
                    Finding(
                        "mojibake_repaired",
                        f"text repaired: '{before[:60]}' -> '{after[:60]}'",
                        file=table.file,
                        row=int(table.rows.at[idx]),
                        column=str(col),
                        severity="info",
                    )
                )
