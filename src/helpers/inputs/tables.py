"""Reading a tabular file (CSV or XLSX) as text, whatever its encoding, delimiter or title rows.

Every cell comes back as a string ('' for empty) so that each loader decides what a
value means and can name the exact row and column when it does not make sense.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import ftfy
import numpy as np
import pandas as pd

from ..core.errors import InputError
from ..core.findings import Finding
from .workbooks import workbook_sheets

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


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _decode(data: bytes, name: str, findings: list[Finding]) -> str:
    if not data or data.isspace():  # (not data.strip(): no copy of a large file)
        raise InputError("file is empty", file=name)
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                "file starts like UTF-16 text but cannot be decoded",
                file=name,
                expected="a CSV file saved as UTF-8",
            ) from exc
        findings.append(
            Finding(
                "encoding",
                "file is UTF-16 (Excel 'Unicode text'); read as "
                "such. Save it as CSV UTF-8 to be sure.",
                file=name,
                severity="info",
                params={"encoding": "UTF-16"},
            )
        )
        return text
    if b"\x00" in data:
        raise InputError(
            "file holds binary data, not CSV text",
            file=name,
            expected="a CSV file saved as UTF-8, or an .xlsx workbook",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        findings.append(
            Finding(
                "encoding",
                "file is not UTF-8; read as Windows-1252 (Latin-1). Save it as UTF-8 to be sure.",
                file=name,
                severity="info",
                params={"encoding": "Windows-1252"},
            )
        )
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            # Bytes Windows-1252 leaves undefined: ISO-8859-1 maps every byte.
            return data.decode("latin-1")


DELIMITERS = ",;\t|"


def _sniff_delimiter(text: str) -> str:
    head = "\n".join(text.splitlines()[:MAX_HEADER_SCAN])
    try:
        return csv.Sniffer().sniff(head, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def _choose_delimiter(text: str, score: Callable[[list[str]], int] | None) -> str:
    """The sniffed delimiter, unless another one makes a better header for this kind of file
    (csv.Sniffer is a heuristic; a recognised header is evidence)."""
    sniffed = _sniff_delimiter(text)
    if score is None:
        return sniffed
    head = "\n".join(text.splitlines()[:MAX_HEADER_SCAN])
    best, best_score = sniffed, None
    for delimiter in dict.fromkeys([sniffed, ",", ";", "\t", "|"]):
        try:
            rows = list(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter))
        except csv.Error:
            continue
        s = max((score(r) for r in rows), default=0)
        if best_score is None or s > best_score:
            best, best_score = delimiter, s
    return best


def _records(text: str, delimiter: str, name: str) -> list[tuple[int, list[str]]]:
    """(spreadsheet row, fields) for each record; bad quoting is an error naming the row
    where the broken record starts.

    Rows are records, as a spreadsheet numbers them, not text lines: a quoted cell holding a
    line break is still one row (a blank line is a row too, as in a spreadsheet).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    out = []
    try:
        for fields in reader:
            out.append((len(out) + 1, fields))
    except csv.Error as exc:
        start = len(out) + 1
        if "unexpected end of data" in str(exc):
            what = "a quoted value that starts on this row is never closed; add the closing quote"
        elif "field larger than field limit" in str(exc):
            what = (
                "a value is longer than any real cell (an unclosed quote swallowing the "
                "rest of the file?)"
            )
        else:
            what = f"cannot read this CSV record ({exc}); check its quotes"
        raise InputError(
            what,
            file=name,
            row=start,
            expected='a quote only around a whole value, doubled inside it: "say ""hi"""',
        ) from exc
    return out


def text_cells(row: list[str]) -> int:
    """Default header score: cells holding text that is not a number (a header names its
    columns; a data row, even a wider one, holds numbers)."""
    n = 0
    for cell in row:
        text = str(cell).strip()
        if not text:
            continue
        try:
            float(text.replace(",", ""))
        except ValueError:
            n += 1
    return n


def _find_header(rows: list[list[str]], score: Callable[[list[str]], int]) -> int:
    best, best_score = 0, -1
    for i, row in enumerate(rows[:MAX_HEADER_SCAN]):
        s = score(row)
        if s > best_score:
            best, best_score = i, s
    return best


def _frame_from_records(
    records, header_idx, name, findings, sheet=None, *, delimiter: str | None = ","
) -> RawTable:
    """Rows below the header as a frame of strings. `delimiter` None means a workbook, where
    a short row is just empty cells and cells right of the header are not data."""
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
            extra = [str(x).strip() for x in fields[width:]]
            if any(extra) and delimiter is None:
                findings.append(
                    Finding(
                        "ragged_row",
                        f"cells right of the last header column ignored: "
                        f"'{next(x for x in extra if x)[:40]}'",
                        file=name,
                        row=line,
                    )
                )
            elif any(extra):
                shown = "tab" if delimiter == "\t" else delimiter
                raise InputError(
                    f"this row has {len(fields)} fields but the header has {width}; "
                    f"a value probably contains an unquoted '{shown}'",
                    file=name,
                    row=line,
                    expected=f"{width} fields, with any value holding '{shown}' in double quotes",
                )
            fields = fields[:width]
        elif len(fields) < width:
            if delimiter is not None:
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
    columns = _dedupe(header)
    frame = (
        pd.DataFrame(data, columns=columns, dtype=object)
        if data
        else pd.DataFrame(columns=columns, dtype=object)
    )
    return RawTable(
        frame.fillna(""), pd.Series(rownums, dtype="int64"), name, sheet, header_line, findings
    )


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
    if path.is_dir():
        raise InputError("is a folder, not a file", file=name, expected="a CSV or .xlsx file")
    if not path.is_file():
        raise InputError("file does not exist", file=name)
    score = header_score or text_cells
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, name, score, findings)
    if suffix in (".xls",):
        raise InputError("old .xls workbooks are not supported", file=name, expected="CSV or .xlsx")
    data = path.read_bytes()
    table = None
    if not data.startswith(_UTF16_BOMS) and b"\x00" not in data and not data.isspace():
        # The common case, a UTF-8 file: Arrow reads the file's own bytes (and checks that
        # they are UTF-8); only the first lines are decoded here, to find the header.
        body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
        table = _fast_table(body, name, header_score, score, findings)
        if table is not None:
            repair_text(table, suspect=_has_marker(body))
            return table
    text = _decode(data, name, findings)
    if any(f.check == "encoding" for f in findings):  # read as UTF-16 or Windows-1252
        table = _fast_table(text.encode("utf-8"), name, header_score, score, findings)
    if table is None:  # anything irregular: the record-by-record reader says exactly what
        delimiter = _choose_delimiter(text, header_score)
        _delimiter_finding(delimiter, name, findings)
        records = _records(text, delimiter, name)
        if not records:
            raise InputError("file is empty", file=name)
        idx = _find_header([r for _, r in records], score)
        table = _frame_from_records(records, idx, name, findings, delimiter=delimiter)
    repair_text(table, suspect=any(m in text for m in _MOJIBAKE_MARKERS))
    return table


_MOJIBAKE_BYTES = re.compile(
    b"|".join(re.escape(m.encode("utf-8")) for m in dict.fromkeys(_MOJIBAKE_MARKERS))
)


def _has_marker(body: bytes) -> bool:
    """Whether the UTF-8 bytes hold any mojibake marker (one regex scan, no decoding)."""
    return _MOJIBAKE_BYTES.search(body) is not None


def _delimiter_finding(delimiter: str, name: str, findings: list[Finding]) -> None:
    if delimiter != ",":
        shown = "tab" if delimiter == "\t" else delimiter
        findings.append(
            Finding(
                "delimiter",
                f"read with '{shown}' as the delimiter",
                file=name,
                severity="info",
                params={"delimiter": shown},
            )
        )


def _head(body: bytes, delimiter_score):
    """(delimiter, first records, lines before each) from the start of a UTF-8 file, decoding
    only as much of it as the header search reads; None when that start is not UTF-8 or its
    records cannot be read (the careful reader then says why)."""
    size = 1 << 16
    while True:
        chunk = body[:size]
        complete = len(chunk) == len(body)
        if not complete:  # cut after a line break: never inside a UTF-8 character
            chunk = chunk[: chunk.rfind(b"\n") + 1]
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if complete or len(text.splitlines()) > MAX_HEADER_SCAN:
            delimiter = _choose_delimiter(text, delimiter_score)
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
            head: list[list[str]] = []
            lines_before: list[int] = []
            try:
                for fields in reader:
                    lines_before.append(reader.line_num - _record_lines(fields))
                    head.append(fields)
                    if len(head) >= MAX_HEADER_SCAN:
                        break
                ok = True
            except csv.Error:
                ok = False  # a quoted cell running past this chunk, or a broken file
            if complete:
                return (delimiter, head, lines_before) if ok else None
            if ok and len(head) >= MAX_HEADER_SCAN:
                return delimiter, head, lines_before
        size *= 4


def _fast_table(body: bytes, name, header_score, score, findings) -> RawTable | None:
    """Arrow's CSV reader for a regular UTF-8 file (same header, cells and row numbers as the
    record-by-record reader, many times faster); None when the file is irregular in any
    way (not UTF-8, ragged or unparseable rows, blank header cells), so the careful reader
    takes over."""
    found = _head(body, header_score)
    if found is None:
        return None
    delimiter, head, lines_before = found
    if not head:
        return None
    idx = _find_header(head, score)
    header = [str(h).strip() for h in head[idx]]
    if not header or any(h == "" for h in header):
        return None
    if lines_before[idx] != idx:
        return None  # a line break inside a title cell: let the careful reader count rows
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    columns = _dedupe(header)
    try:
        arrow = pacsv.read_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(column_names=columns, skip_rows=idx + 1),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.large_string() for c in columns},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException, ValueError):
        return None  # not UTF-8, ragged or unparseable rows: the careful reader names each
    rows = np.arange(idx + 2, idx + 2 + arrow.num_rows, dtype="int64")
    # Blank rows (every cell empty or spaces) are not data; most files have none, and the
    # first column usually proves it alone.
    keep = None
    for col in arrow.columns:
        filled = pc.not_equal(pc.utf8_trim_whitespace(col), "")
        keep = filled if keep is None else pc.or_(keep, filled)
        if pc.all(keep).as_py() is not False:
            keep = None
            break
    if keep is not None:
        mask = keep.to_numpy(zero_copy_only=False)
        arrow, rows = arrow.filter(keep), rows[mask]
    _delimiter_finding(delimiter, name, findings)
    return RawTable(
        arrow.to_pandas(), pd.Series(rows, dtype="int64"), name, None, idx + 1, findings
    )


def _record_lines(fields: list[str]) -> int:
    """Physical lines one record took (1 + line breaks inside quoted cells)."""
    return 1 + sum(f.count("\n") for f in fields)


def _read_xlsx(path, name, score, findings) -> RawTable:
    """The sheet whose header scores best (the first of equals), its rows as text; the
    cells are read by `workbooks.workbook_sheets` (calamine, or openpyxl where it must)."""
    sheets = workbook_sheets(path, name)
    best = None
    for sheet_title, rows in sheets:
        if not rows:
            continue
        idx = _find_header([r for _, r in rows], score)
        s = score(rows[idx][1])
        if best is None or s > best[0]:
            best = (s, sheet_title, rows, idx)
    if best is None:
        raise InputError("workbook has no data", file=name)
    _, title, rows, idx = best
    if len(sheets) > 1:
        others = [t for t, _ in sheets if t != title]
        findings.append(
            Finding(
                "sheets",
                f"read sheet '{title}'; ignored sheets: " + ", ".join(others),
                file=name,
                severity="info",
                params={"sheet": title, "ignored": ", ".join(others)},
            )
        )
    label = f"{name} [{title}]"
    table = _frame_from_records(rows, idx, label, findings, sheet=title, delimiter=None)
    repair_text(table)
    return table


def repair_text(table: RawTable, *, suspect: bool = True) -> None:
    """Repair mojibake (UTF-8 read as Latin-1) in place, and say where it was repaired.
    `suspect` False: the file holds none of the marks of mojibake, nothing to look at."""
    if not suspect:
        return
    frame = table.frame
    for col in frame.columns:
        values = frame[col]
        if values.empty:
            continue
        # 5W columns repeat a few values many times: look at each distinct value once.
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        fixed = {}
        for i, u in enumerate(uniques):
            if isinstance(u, str) and any(m in u for m in _MOJIBAKE_MARKERS):
                after = ftfy.fix_text(u)
                if after != u:
                    fixed[i] = after
        if not fixed:
            continue
        hit = np.isin(codes, list(fixed))
        for pos in np.flatnonzero(hit):
            idx = values.index[pos]
            before = values.iat[pos]
            after = fixed[codes[pos]]
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
                        params={"before": before[:60], "after": after[:60]},
                    )
                )
