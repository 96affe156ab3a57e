"""An .xlsx workbook's cells as text: python-calamine, with openpyxl where calamine would read
a cell differently.

`tables.read_table` finds the header and builds the table from these records; what it gets
must not depend on which library read the file. openpyxl (read-only mode) defined the
text of every cell, and still does: calamine (Rust) reads a large 5W export about 20 times
faster and gives the same text, except in the cases below, where the whole workbook is read
with openpyxl instead.

Read with openpyxl because calamine would give other text:

- error cells (`#N/A`, `#DIV/0!`, cached formula errors): calamine reads them as empty, and
  a `#N/A` in a count cell must stay visible (it is an `invalid_number` finding);
- text holding OOXML escapes (`_x000D_`) or `x005F_`: openpyxl keeps them as written,
  calamine decodes them;
- text with leading or trailing spaces in a `<t>` element without `xml:space="preserve"`:
  calamine trims it, openpyxl keeps it;
- a custom number format that one library reads as a date or duration and the other as a
  number (e.g. `A/P`): checked format by format against calamine itself;
- a date-formatted cell that calamine reads as a time of day: a time, or a date before
  1900 (a negative serial), which openpyxl reads as a date;
- a number of 2,957,004 or more: past 31 December 9999 a date-formatted cell is `#VALUE!`
  to openpyxl and a number to calamine, and past 2^53 openpyxl keeps a written integer
  exact (calamine cannot tell which cells are date-formatted, so any such number);
- a sheet that is neither a worksheet nor a chart sheet;
- every worksheet empty (openpyxl tells "workbook has no data" from "no header row found");
- anything calamine cannot open or read (not a workbook, encrypted, damaged, a date out of
  range): openpyxl then gives the error the user has always seen.

Known differences that remain, where openpyxl was wrong: a sheet whose `<dimension>` element
is smaller than its data (openpyxl's read-only mode silently drops the cells outside it;
calamine reads them all), and a numeric cell holding text (openpyxl refuses the sheet,
calamine reads the text).
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path

from ..core.errors import InputError

Records = list[tuple[int, list[str]]]
"""A sheet's rows: (spreadsheet row number, the text of each cell), from row 1 on."""

_EXACT = 2**53  # past this a float no longer holds every whole number
_PAST_DATES = 2_957_004  # serial of 10000-01-01 in the 1904 system (2,958,466 in 1900's)
_CHUNK = 8 << 20
_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")
_UNPRESERVED_SPACE = re.compile(rb"<t>(?:[ \t\r\n][^<]*|[^<]*[ \t\r\n])</t>")
_CELL_PARTS = re.compile(r"(^|/)(worksheets/[^/]+|sharedStrings[^/]*)\.xml$", re.I)
_STYLES_PART = re.compile(r"(^|/)styles\.xml$", re.I)


def workbook_sheets(path: Path, name: str) -> list[tuple[str, Records]]:
    """Every worksheet (title, records) in workbook order, read with calamine unless a
    check says openpyxl would read a cell otherwise; InputError naming `name` when the
    file is not a usable workbook."""
    sheets = calamine_sheets(path)
    return sheets if sheets is not None else openpyxl_sheets(path, name)


def cell_text(value) -> str:
    """A cell value as text, as every loader has always seen it: empty for no value, whole
    floats without `.0`, dates as YYYY-MM-DD, everything else as Python prints it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


# ---------------------------------------------------------------- openpyxl (the reference)


def openpyxl_sheets(path: Path, name: str) -> list[tuple[str, Records]]:
    """Every worksheet read with openpyxl's read-only mode: the reference reader, and the
    one that names what is wrong with a broken workbook."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise InputError(
            f"cannot open the workbook ({type(exc).__name__})",
            file=name,
            expected="an .xlsx workbook saved by Excel or LibreOffice",
        ) from exc
    sheets = []
    try:
        for ws in wb.worksheets:
            rows = []
            try:
                for i, values in enumerate(ws.iter_rows(values_only=True), start=1):
                    rows.append((i, [cell_text(v) for v in values]))
            except Exception as exc:  # a damaged sheet: many openpyxl/XML error types
                raise InputError(
                    f"cannot read sheet '{ws.title}' ({type(exc).__name__})",
                    file=name,
                    expected="a workbook saved by Excel or LibreOffice",
                ) from exc
            sheets.append((ws.title, rows))
    finally:
        wb.close()
    return sheets


# ---------------------------------------------------------------- calamine


def calamine_sheets(path: Path) -> list[tuple[str, Records]] | None:
    """Every worksheet read with calamine, the text exactly as `openpyxl_sheets` gives it;
    None when calamine cannot promise that (the module's docstring lists the cases)."""
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum
    except ImportError:  # not installed: the reference reader does the work
        return None
    if calamine_differs(path) is not None:
        return None
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception:  # not a workbook, encrypted, damaged: openpyxl names the problem
        return None
    sheets = []
    try:
        for meta in wb.sheets_metadata:
            if meta.typ == SheetTypeEnum.ChartSheet:
                continue  # openpyxl's worksheets leave chart sheets out too
            if meta.typ != SheetTypeEnum.WorkSheet:
                return None
            rows = []
            for i, values in enumerate(
                wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False), start=1
            ):
                texts = _texts(values)
                if texts is None:
                    return None
                rows.append((i, texts))
            sheets.append((meta.name, rows))
    except Exception:  # a damaged sheet or a date out of range: openpyxl says which
        return None
    finally:
        wb.close()
    if not any(rows for _, rows in sheets):
        return None
    return sheets


def _texts(values: list) -> list[str] | None:
    """calamine's values of one row as `cell_text` gives openpyxl's; None for a value whose
    openpyxl text cannot be known from it: a time of day, a number past the last date."""
    out = []
    for v in values:
        kind = type(v)
        if kind is str:
            out.append(v)
        elif kind is float or kind is int:
            if v >= _PAST_DATES or v <= -_EXACT:
                return None
            out.append(str(int(v)) if kind is float and v.is_integer() else str(v))
        elif kind is bool:
            out.append(str(v))
        elif kind is datetime.datetime or kind is datetime.date:
            out.append(v.strftime("%Y-%m-%d"))
        elif kind is datetime.timedelta:
            out.append(str(v))
        else:  # datetime.time: a time of day, or a date before 1900 that openpyxl would give
            return None
    return out


def calamine_differs(path: Path) -> str | None:
    """Why calamine would read some cell of this workbook otherwise than openpyxl, found in
    its XML (error cells, escapes, unpreserved spaces, number formats); None when nothing
    does. Reads the cell and string parts in chunks, so a large workbook is not held whole."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            for part in names:
                if _CELL_PARTS.search(part):
                    reason = _scan_part(zf, part)
                    if reason:
                        return f"{part}: {reason}"
            styles = [n for n in names if _STYLES_PART.search(n)]
            codes = _custom_formats(zf.read(styles[0])) if styles else []
    except Exception as exc:  # not a zip, a damaged member: openpyxl names the problem
        return f"cannot be read as a zip of XML parts ({type(exc).__name__})"
    differing = [code for code in codes if _format_kinds(code)[0] != _format_kinds(code)[1]]
    if differing:
        return f"number format {differing[0]!r} reads as a date in one library only"
    return None


def _scan_part(zf: zipfile.ZipFile, part: str) -> str | None:
    """The first XML construct in one part that calamine reads otherwise, or None. A chunk
    is searched with its tail kept from the second-to-last '<' on, so that no text element
    or attribute is cut between two chunks."""
    tail = b""
    with zf.open(part) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            data = tail + chunk
            reason = _scan_chunk(data)
            if reason:
                return reason
            if not chunk:
                return None
            last = data.rfind(b"<")
            if last < 0:  # inside one long text: an escape is at most 7 bytes long
                tail = data[-16:]
            else:
                before = data.rfind(b"<", 0, last)
                tail = data[before if before >= 0 else last :]


def _scan_chunk(data: bytes) -> str | None:
    """The first construct of `_scan_part` in one buffer, checks in the same order. Each
    full search runs only when a byte or marker it cannot match without is there: in a
    worksheet `'`, `_` and often `e` are absent, and `bytes.__contains__` finds one byte at
    memchr speed, so a large sheet costs one pass for `t="e"` at most and one for `<t>`
    instead of four regex and substring passes."""
    if (b"e" in data and b't="e"' in data) or (b"'" in data and b"t='e'" in data):
        return "error cells"
    if b"_" in data and (_ESCAPE.search(data) or b"x005F_" in data):
        return "escaped characters (_xHHHH_)"
    if b"<t>" in data and _UNPRESERVED_SPACE.search(data):
        return "text with edge spaces and no xml:space='preserve'"
    return None


def _custom_formats(styles_xml: bytes) -> list[str]:
    """The format codes of the workbook's custom number formats (styles.xml numFmt)."""
    from xml.etree import ElementTree

    codes = []
    for element in ElementTree.fromstring(styles_xml).iter():
        if element.tag.rsplit("}", 1)[-1] == "numFmt" and element.get("formatCode"):
            codes.append(element.get("formatCode"))
    return list(dict.fromkeys(codes))


@lru_cache(maxsize=512)
def _format_kinds(code: str) -> tuple[str, str]:
    """(openpyxl's, calamine's) reading of a number with this format: 'number', 'date' or
    'duration'. calamine's is asked of calamine itself, on a one-cell workbook."""
    import openpyxl
    from openpyxl.styles.numbers import is_date_format, is_timedelta_format
    from python_calamine import CalamineWorkbook

    if is_date_format(code):
        theirs = "duration" if is_timedelta_format(code) else "date"
    else:
        theirs = "number"
    wb = openpyxl.Workbook()
    cell = wb.active.cell(1, 1, 1.5)
    cell.number_format = code
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    try:
        value = CalamineWorkbook.from_filelike(buffer).get_sheet_by_index(0).to_python()[0][0]
    except Exception:
        return theirs, "unreadable"
    if isinstance(value, datetime.timedelta):
        ours = "duration"
    elif isinstance(value, datetime.date | datetime.time):
        ours = "date"
    else:
        ours = "number"
    return theirs, ours
