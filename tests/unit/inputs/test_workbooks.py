"""Workbooks read with python-calamine give exactly what openpyxl gave: same cells as text,
row numbers, header row and findings (or the same error).

openpyxl is the reference (`workbooks.openpyxl_sheets`). Every workbook the project has
(the real R4V files in ../shared/data, the shipped sample, the bad-input corpus) is read
both ways and compared, and so are workbooks built here to hold each case where calamine
would read a cell otherwise, which must go to openpyxl.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from helpers.core.errors import InputError
from helpers.inputs import dialects, tables, workbooks

# Collected before any fixture runs, so the folder is named here.
CORPUS = Path(__file__).resolve().parents[2] / "data" / "bad_inputs"
CORPUS_WORKBOOKS = sorted(CORPUS.rglob("*.xlsx")) + sorted(CORPUS.rglob("*.xlsx.yaml"))
# Corpus workbooks that calamine hands to openpyxl: a CSV named .xlsx, and no cells at all.
HANDED_OVER = {"xlsx_not_a_workbook", "xlsx_empty"}


def _read(path: Path, *, reader: str, monkeypatch) -> tuple:
    """read_table's answer with one reader: ("table", frame, rows, header row, findings),
    ("error", message), or ("openpyxl", None) when calamine handed the workbook over."""
    with monkeypatch.context() as mp:
        if reader == "openpyxl":
            mp.setattr(workbooks, "calamine_sheets", lambda path: None)
        else:

            def handed_over(*a, **k):
                raise AssertionError("calamine handed the workbook to openpyxl")

            mp.setattr(workbooks, "openpyxl_sheets", handed_over)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # openpyxl on odd dates
                t = tables.read_table(path, header_score=dialects.header_score)
        except InputError as exc:
            return ("error", str(exc))
        except AssertionError:
            return ("openpyxl", None)
    return ("table", t.frame, t.rows.tolist(), t.header_row, [f.as_dict() for f in t.findings])


def _same(path: Path, monkeypatch) -> tuple:
    """Read both ways, assert the same answer; return calamine's (maybe "openpyxl")."""
    ours = _read(path, reader="calamine", monkeypatch=monkeypatch)
    reference = _read(path, reader="openpyxl", monkeypatch=monkeypatch)
    if ours[0] == "openpyxl":
        return ours
    assert ours[0] == reference[0], (ours, reference)
    if ours[0] == "error":
        assert ours[1] == reference[1]
    else:
        pd.testing.assert_frame_equal(ours[1], reference[1])
        assert ours[2:] == reference[2:]
    return ours


# ---------------------------------------------------------------- every workbook we have


def test_real_workbooks_read_the_same(shared_data, monkeypatch):
    paths = sorted(shared_data.rglob("*.xlsx"))
    assert paths, "no .xlsx in ../shared/data"
    for path in paths:
        assert _same(path, monkeypatch)[0] == "table", f"{path.name}: calamine handed it over"


def test_sample_workbooks_read_the_same(sample_folder, monkeypatch):
    paths = sorted(sample_folder.rglob("*.xlsx"))
    for path in paths:
        assert _same(path, monkeypatch)[0] == "table", f"{path.name}: calamine handed it over"


@pytest.mark.parametrize("source", CORPUS_WORKBOOKS, ids=lambda p: p.parent.name)
def test_corpus_workbooks_read_the_same(source, tmp_path, monkeypatch, workbook_from_yaml):
    path = source
    if source.name.endswith(".yaml"):
        copy = tmp_path / source.name
        copy.write_bytes(source.read_bytes())
        path = workbook_from_yaml(copy)
    answer = _same(path, monkeypatch)
    if source.parent.name in HANDED_OVER:
        assert answer[0] == "openpyxl"
    else:
        assert answer[0] == "table", "calamine handed a plain workbook over"


# ---------------------------------------------------------------- workbooks built here

HEADER = ["Country", "Month", "New_beneficiaries"]


def _workbook(path: Path, rows: list[list], formats: dict[str, str] | None = None) -> Path:
    """A one-sheet workbook: the 5W-like header, then `rows`; `formats` gives a number
    format to cells by coordinate (`{"B2": "yyyy-mm-dd"}`)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "5W"
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    for coordinate, code in (formats or {}).items():
        ws[coordinate].number_format = code
    wb.save(path)
    return path


def _rewrite(path: Path, part: str, pattern: str, replacement: str) -> Path:
    """The workbook with one XML part edited by a regular expression (what other writers
    than openpyxl put in a file)."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    text, n = re.subn(pattern, replacement, parts[part].decode("utf-8"))
    assert n, f"{pattern!r} not in {part}"
    parts[part] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def test_dates_numbers_and_booleans_read_the_same(tmp_path, monkeypatch):
    rows = [
        ["Peru", dt.datetime(2023, 1, 1), 1],
        ["Peru", dt.datetime(2023, 2, 15, 13, 30), 2.5],
        ["Peru", dt.date(2023, 3, 1), True],
        ["Peru", 44927, False],
        ["Peru", "2023-04", 1e-7],
        ["Peru", dt.datetime(1900, 1, 1), 1 / 3],
        ["Peru", dt.datetime(1900, 3, 1), -0.0],
        ["Peru", dt.timedelta(days=1, hours=2), 10**6],
        ["  Chile ", "=1+1", 3.0],  # a formula without a cached value reads as empty
        ["", None, None],
        [None, None, None, None, "right of the header"],
    ]
    path = _workbook(tmp_path / "w.xlsx", rows, {"B5": "dd/mm/yyyy", "B9": "[h]:mm:ss"})
    answer = _same(path, monkeypatch)
    assert answer[0] == "table"
    frame, row_numbers = answer[1], answer[2]
    assert frame["Month"].tolist()[:4] == ["2023-01-01", "2023-02-15", "2023-03-01", "2023-01-01"]
    assert frame["New_beneficiaries"].tolist()[:4] == ["1", "2.5", "True", "False"]
    assert row_numbers[-1] == 12 and "ragged_row" in [f["check"] for f in answer[4]]


NUMBER_FORMATS = [
    "General", "0", "0.00", "#,##0", "0.00%", "0.00E+00", "@", "yyyy-mm-dd", "dd/mm/yyyy",
    "mmm-yy", "d-mmm-yy", "m/d/yy h:mm", "[$-409]mmmm d, yyyy", "yyyy-mm-dd;@", "d", "m", "y",
    "h:mm", "mm:ss", "mm:ss.0", "hh:mm AM/PM", "[h]:mm:ss", "[mm]:ss", "[ss]", "[h]",
    '#,##0 "days"', '"Month" 0', "[Red]0.00", "#,##0.00_);[Red](#,##0.00)", '0.0 "m"',
    "[>=100]0;0.0", "_(* #,##0_)", "[$€-2] #,##0.00", "ge.m.d", "[DBNum1]yyyy",
]  # fmt: skip
SERIALS = [1, 1.5, 59, 60, 61, 44927, 44927.75, 2957003.5, 3.14159, 100]


def test_number_formats_read_the_same(tmp_path, monkeypatch):
    """Each format on a row of serials: calamine and openpyxl agree on which formats make a
    date or a duration, and on the text of each (a calamine upgrade that reads a format
    otherwise fails here, or hands the workbook over)."""
    rows = [["Peru", code, *SERIALS] for code in NUMBER_FORMATS]
    formats = {
        f"{openpyxl.utils.get_column_letter(3 + j)}{2 + i}": code
        for i, code in enumerate(NUMBER_FORMATS)
        for j in range(len(SERIALS))
    }
    path = _workbook(tmp_path / "formats.xlsx", rows, formats)
    answer = _same(path, monkeypatch)
    assert answer[0] == "table", workbooks.calamine_differs(path)
    by_format = answer[1].set_index("Month")
    assert by_format.loc["yyyy-mm-dd", "New_beneficiaries"] == "1900-01-01"
    assert by_format.loc["[h]:mm:ss", "New_beneficiaries"] == "1 day, 0:00:00"
    assert by_format.loc["0.00%", "New_beneficiaries"] == "1"


@pytest.mark.parametrize(
    "case,rows,formats,edit",
    [
        ("error cells", [["Peru", "2023-01", "#N/A"]], None, None),
        ("escapes", [["Peru", "2023-01", "a_x000D_b"]], None, None),
        ("format A/P", [["Peru", "2023-01", 0.5]], {"C2": "A/P"}, None),
        ("date before 1900", [["Peru", -1, 1]], {"B2": "yyyy-mm-dd"}, None),
        ("time of day", [["Peru", dt.time(13, 30), 1]], None, None),
        ("integer past 2^53", [["Peru", "2023-01", 12345678901234567890]], None, None),
        ("date out of range", [["Peru", 2958466, 1]], {"B2": "yyyy-mm-dd"}, None),
        (
            "unpreserved spaces",
            [["Peru ", "2023-01", 1]],
            None,
            ("xl/worksheets/sheet1.xml", r' xml:space="preserve"', ""),
        ),
    ],
)
def test_cells_calamine_reads_otherwise_go_to_openpyxl(
    case, rows, formats, edit, tmp_path, monkeypatch
):
    path = _workbook(tmp_path / "w.xlsx", rows, formats)
    if edit:
        _rewrite(path, *edit)
    assert _same(path, monkeypatch)[0] == "openpyxl", case
    # and what read_table gives by default is the reference's answer
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # openpyxl on a date out of range
        default = tables.read_table(path, header_score=dialects.header_score)
    reference = _read(path, reader="openpyxl", monkeypatch=monkeypatch)
    pd.testing.assert_frame_equal(default.frame, reference[1])


def test_the_reason_is_named(tmp_path):
    path = _workbook(tmp_path / "w.xlsx", [["Peru", "2023-01", "#N/A"]])
    assert "error cells" in workbooks.calamine_differs(path)
    path = _workbook(tmp_path / "f.xlsx", [["Peru", "2023-01", 1]], {"C2": "A/P"})
    assert "'A/P'" in workbooks.calamine_differs(path)
    (tmp_path / "not.xlsx").write_text("Country,Month\n", encoding="utf-8")
    assert "zip" in workbooks.calamine_differs(tmp_path / "not.xlsx")
    assert workbooks.calamine_differs(_workbook(tmp_path / "ok.xlsx", [["Peru", 1, 2]])) is None


def test_a_stale_dimension_no_longer_drops_rows(tmp_path, monkeypatch):
    """The one deliberate difference: a sheet whose <dimension> says less than it holds.
    openpyxl's read-only mode trusts it and silently drops the rest; calamine reads all."""
    path = _workbook(tmp_path / "w.xlsx", [["Peru", "2023-01", 1], ["Chile", "2023-02", 2]])
    _rewrite(path, "xl/worksheets/sheet1.xml", r'<dimension ref="[^"]*"', '<dimension ref="A1"')
    ours = _read(path, reader="calamine", monkeypatch=monkeypatch)
    assert ours[0] == "table" and ours[1]["Country"].tolist() == ["Peru", "Chile"]
    assert workbooks.openpyxl_sheets(path, "w.xlsx") == [("5W", [(1, ["Country"])])]


def _scan_before(data: bytes) -> str | None:
    """The chunk check as it was before its gates (four full passes): the reference."""
    if b't="e"' in data or b"t='e'" in data:
        return "error cells"
    if workbooks._ESCAPE.search(data) or b"x005F_" in data:
        return "escaped characters (_xHHHH_)"
    if workbooks._UNPRESERVED_SPACE.search(data):
        return "text with edge spaces and no xml:space='preserve'"
    return None


@pytest.mark.parametrize(
    "xml",
    [
        b'<c r="A1" t="s"><v>0</v></c>',
        b'<c r="A1" t="e"><v>#N/A</v></c>',
        b"<c r='A1' t='e'><v>#N/A</v></c>",
        b'<c r="A1" t="inlineStr"><is><t>a_x000D_b</t></is></c>',
        b'<c r="A1" t="str"><f>A2</f><v>a_x000d_</v></c>',
        b"<si><t>_x005F_x0041_</t></si>",
        b"<si><t>x005F_</t></si>",
        b"<si><t>_x00G0_ tax_x _x12345</t></si>",
        b"<si><t> lead</t></si>",
        b"<si><t>trail\n</t></si>",
        b'<si><t xml:space="preserve"> kept </t></si>',
        b"<si><r><t>in a run </t></r></si>",
        b"<si><t></t><t> </t></si>",
        b"<si><t>a<![CDATA[ x ]]></t></si>",
        b'<c t="e"><is><t> both _x0041_</t></is></c>',
        b'<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1"><v>1E-3</v></c></row>',
    ],
)
def test_the_gated_scan_finds_what_the_full_passes_found(xml):
    """The gates (a byte a pattern needs, looked for first) skip work, never a finding."""
    assert workbooks._scan_chunk(xml) == _scan_before(xml)
    assert workbooks._scan_chunk(xml * 3 + b"<x/>") == _scan_before(xml * 3 + b"<x/>")
