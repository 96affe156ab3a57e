"""The fast CSV path (Arrow on the file's own bytes) reads exactly what the careful
record-by-record reader reads: same cells, row numbers, header row and findings.

The careful reader is the reference: it is the one that names rows in errors. Every CSV
shipped with the project (the sample, the bad-input corpus, the real R4V files when present)
and a few files built to stress the header search are read both ways and compared.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.core.errors import InputError
from helpers.inputs import dialects, tables

# Collected before any fixture runs, so the folders are named here.
ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "sample"
CORPUS = ROOT / "tests" / "data" / "bad_inputs"
SHARED_DATA = ROOT.parent / "shared" / "data"


def _csvs() -> list[Path]:
    files = sorted(SAMPLE.rglob("*.csv")) + sorted(CORPUS.rglob("*.csv"))
    if SHARED_DATA.is_dir():
        files += sorted(SHARED_DATA.rglob("*.csv"))
    return files


def _read(path: Path, *, careful: bool, monkeypatch) -> tuple:
    with monkeypatch.context() as mp:
        if careful:
            mp.setattr(tables, "_fast_table", lambda *a, **k: None)
        else:

            def no_records(*a, **k):
                raise AssertionError("the careful reader ran")

            mp.setattr(tables, "_records", no_records)
        try:
            t = tables.read_table(path, header_score=dialects.header_score)
        except InputError as exc:
            return ("error", str(exc))
        except AssertionError:
            return ("careful", None)
    frame = t.frame.astype(object).map(str)
    return ("table", frame, t.rows.tolist(), t.header_row, [f.as_dict() for f in t.findings])


def _same(fast: tuple, careful: tuple) -> None:
    if fast[0] == "careful":  # the fast path declined: the careful reader is the answer
        return
    assert fast[0] == careful[0]
    if fast[0] == "error":
        assert fast[1] == careful[1]
        return
    pd.testing.assert_frame_equal(fast[1], careful[1], check_dtype=False)
    assert fast[2:] == careful[2:]


@pytest.mark.parametrize("path", _csvs(), ids=lambda p: str(p.relative_to(p.parents[1])))
def test_fast_reader_reads_what_the_careful_reader_reads(path, monkeypatch):
    _same(
        _read(path, careful=False, monkeypatch=monkeypatch),
        _read(path, careful=True, monkeypatch=monkeypatch),
    )


HEADER = "Country,Month,Indicator,New beneficiaries of the month\n"


def test_header_search_reads_past_the_first_chunk(tmp_path, monkeypatch):
    """Title rows and data rows whose quoted cells hold many line breaks: the first 64 KB
    hold fewer than 20 records, so the fast path must read on before choosing the header,
    and still agree with the careful reader (and not fall back to it)."""
    note = '"' + "line\n" * 4000 + '"'  # 20 KB per cell, 4000 line breaks
    text = (
        "Report title\n"
        + HEADER
        + "".join(f"Peru,2023-0{1 + i % 9},{note},{i}\n" for i in range(30))
    )
    path = tmp_path / "long-cells.csv"
    path.write_text(text, encoding="utf-8")
    fast = _read(path, careful=False, monkeypatch=monkeypatch)
    assert fast[0] == "table", "the fast path declined a regular file"
    assert fast[3] == 2  # the header is the second row
    assert fast[2][:3] == [3, 4, 5]  # spreadsheet rows count records, not lines
    _same(fast, _read(path, careful=True, monkeypatch=monkeypatch))


@pytest.mark.parametrize(
    "content,check",
    [
        ("Titre\n" + HEADER + "Perú,2023-01,x,1\n", None),  # Windows-1252 bytes: re-read
        (HEADER.replace(",", ";") + "Peru;2023-01;x;1\n", "delimiter"),
        ("\ufeff" + HEADER + "Peru,2023-01,x,1\n,,,\n  , ,,\nChile,2023-02,y,2\n", None),
        (HEADER + "Fundaci\u00c3\u00b3n,2023-01,x,1\n", "mojibake_repaired"),
    ],
)
def test_odd_but_regular_files_agree(tmp_path, monkeypatch, content, check):
    path = tmp_path / "t.csv"
    if content.startswith("Titre"):
        path.write_bytes(content.encode("cp1252"))
    else:
        path.write_text(content, encoding="utf-8")
    fast = _read(path, careful=False, monkeypatch=monkeypatch)
    careful = _read(path, careful=True, monkeypatch=monkeypatch)
    _same(fast, careful)
    if check:
        assert check in [f["check"] for f in careful[4]]


def test_blank_rows_are_dropped_with_their_numbers(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "Peru,2023-01,x,1\n,,,\n  , ,,\nChile,2023-02,y,2\n", encoding="utf-8")
    fast = _read(path, careful=False, monkeypatch=monkeypatch)
    assert fast[0] == "table"
    assert fast[2] == [2, 5]
    assert fast[1]["Country"].tolist() == ["Peru", "Chile"]
