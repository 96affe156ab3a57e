"""PDFs typeset by Typst (present/pdf.py): A4 with "page X of Y", tagged, with an outline
and relative links; the book's contents and outline; and the build's PDFs kept, written
and dropped as the chapters are. Pages here are written by hand, each section filling a
page, so every page count is known in advance."""

from __future__ import annotations

import hashlib
import html
import io
from pathlib import Path

import pytest
from pdf_structure import kids, tag_problems  # tests/e2e/pdf_structure.py
from pypdf import PdfReader

from helpers.batch.build import BuildOptions, build
from helpers.cli.main import main
from helpers.core.i18n import edition
from helpers.present import pdf

pytestmark = [pytest.mark.xdist_group("pdf")]

A4 = (595.28, 841.89)  # points
FAKE = "fake_chapter_runner:execute_chapter"  # tests/e2e/fake_chapter_runner.py


def _page(folder: Path, name: str, title: str, pages: int, links: str = "") -> Path:
    """A page of `pages` A4 pages, one h2 per page (a table of 60 rows under each but the
    last fills the rest of its page), under a CSP like the chapters' (no scripts)."""
    filler = "<table class='data'>" + "<tr><td>row</td></tr>" * 60 + "</table>"
    sections = "".join(
        f'<section id="part-{i + 1}"><h2>Part {i + 1}</h2><p>Text {i + 1}.</p>'
        f"{filler if i < pages - 1 else ''}</section>"
        for i in range(pages)
    )
    path = folder / name
    path.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">"
        f"<title>{title}</title></head><body><h1>{title}</h1>{links}{sections}</body></html>",
        encoding="utf-8",
    )
    return path


def _reader(path: Path) -> PdfReader:
    return PdfReader(io.BytesIO(path.read_bytes()))


def _destination_page(reader: PdfReader, dest) -> int:
    """The page (from 0) a link's /Dest leads to: a named destination or a [page ...] one."""
    dest = dest.get_object() if hasattr(dest, "get_object") else dest
    if isinstance(dest, str):
        return reader.get_destination_page_number(reader.named_destinations[dest])
    page_ids = [p.indirect_reference.idnum for p in reader.pages]
    return page_ids.index(dest[0].idnum)


def _outline(items, depth=0) -> list[tuple[int, str]]:
    out = []
    for item in items:
        if isinstance(item, list):
            out.extend(_outline(item, depth + 1))
        else:
            out.append((depth, item.title))
    return out


def test_a_page_prints_a4_numbered_tagged_with_outline_and_relative_links(tmp_path):
    links = (
        '<p><a href="index.html">index</a> <a href="COL-annex.html#p">annex</a> '
        '<a href="#part-2">part 2</a></p>'
    )
    target = pdf.print_page(_page(tmp_path, "COL.html", "Colombia", 3, links))
    assert target == tmp_path / "COL.pdf"
    reader = _reader(target)
    assert len(reader.pages) == 3
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4[0]) < 1.5 and abs(height - A4[1]) < 1.5
    texts = [p.extract_text() for p in reader.pages]
    assert [("page 1 of 3" in texts[0]), ("page 3 of 3" in texts[2])] == [True, True]
    assert "Colombia" in texts[1]  # the footer names the page on every page
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]  # tagged
    assert tag_problems(reader) == []
    assert _outline(reader.outline) == [
        (0, "Colombia"),
        (1, "Part 1"),
        (1, "Part 2"),
        (1, "Part 3"),
    ]
    uris = [
        a.get_object()["/A"]["/URI"]
        for a in reader.pages[0]["/Annots"]
        if "/URI" in a.get_object().get("/A", {})
    ]
    assert sorted(uris) == ["COL-annex.pdf#p", "index.html"]
    # the page's own link to its part 2 jumps to the page part 2 is on
    jumps = [
        a.get_object()["/Dest"] for a in reader.pages[0]["/Annots"] if "/Dest" in a.get_object()
    ]
    assert [_destination_page(reader, d) for d in jumps] == [1]
    # each section names a destination, so `COL.pdf#part-3` from another PDF opens there
    named = reader.named_destinations
    assert {n: reader.get_destination_page_number(named[n]) for n in named} == {
        "part-1": 0,
        "part-2": 1,
        "part-3": 2,
    }


def test_every_page_of_a_folder_gets_its_pdf_in_its_editions_words(tmp_path):
    _page(tmp_path, "ABW.html", "Aruba", 1)
    _page(tmp_path, "ABW-annex.html", "Aruba: annex", 2)
    (tmp_path / "es").mkdir()
    page = _page(tmp_path / "es", "ABW.html", "Aruba", 2, '<p><a href="../ABW.csv">CSV</a></p>')
    page.write_text(page.read_text().replace("lang='en'", "lang='es'"), encoding="utf-8")
    (tmp_path / "index.html").write_text("<html></html>", encoding="utf-8")
    written = pdf.print_folder(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [
        "ABW-annex.pdf",
        "ABW.pdf",
        "es/ABW.pdf",
    ]
    assert len(_reader(tmp_path / "ABW-annex.pdf").pages) == 2
    spanish = _reader(tmp_path / "es" / "ABW.pdf")
    assert "página 2 de 2" in spanish.pages[1].extract_text()
    assert spanish.trailer["/Root"]["/Lang"] == "es"
    uris = [a.get_object()["/A"]["/URI"] for a in spanish.pages[0]["/Annots"]]
    assert uris == ["../ABW.csv"]  # from the edition's folder, as the page links


def test_a_page_the_writer_cannot_read_well_still_prints_every_word(tmp_path):
    """Text that is Typst's markup, an element the writer does not know, a table without
    rows: printed as the page shows them, never a Typst error."""
    tricky = "#set page(width: 1cm) $x$ <lab> @ref // not a comment * _ ` \\ ] [ = - + ~"
    page = tmp_path / "COL.html"
    page.write_text(
        "<!DOCTYPE html><html lang='en'><head><title>T</title></head><body>"
        f"<h1>{html.escape(tricky)}</h1><p>{html.escape(tricky)}</p><marquee>Moving words</marquee>"
        "<table class='data'></table><ul><li></li></ul></body></html>",
        encoding="utf-8",
    )
    text = _reader(pdf.print_page(page)).pages[0].extract_text()
    assert "#set page(width: 1cm) $x$ <lab> @ref // not a comment" in text
    assert "Moving words" in text


def test_the_book_has_cover_contents_and_every_chapter_in_index_order(tmp_path):
    # 2 + 1 + 3 chapter pages, an annex that stays out, after a cover and a contents page
    # two chapters link to a section of the same name: each to its own, in the book too
    _page(tmp_path, "ABW.html", "Aruba", 3, '<p><a href="#part-2">Part 2</a></p>')
    _page(tmp_path, "region.html", "Regional overview", 2, '<p><a href="#part-2">Part 2</a></p>')
    _page(tmp_path, "caribbean.html", "Caribbean", 1)
    _page(tmp_path, "ABW-annex.html", "Aruba: annex", 4)
    pdf.print_folder(tmp_path)
    build_info = {
        "dataset": "Sample dataset",
        "period_start": "2023-01",
        "period_end": "2023-12",
        "finished_at": "2026-11-29 10:00:00 UTC",
    }
    book = pdf.write_book(tmp_path, build_info, synthetic=True)
    reader = _reader(book)
    assert len(reader.pages) == 2 + 2 + 1 + 3
    cover, contents = reader.pages[0].extract_text(), reader.pages[1].extract_text()
    assert "Human Trafficking and Smuggling — RMRP 2023 end-year report" in " ".join(cover.split())
    assert "Sample dataset" in cover and "Built on 29 November 2026" in cover
    lines = [" ".join(line.split()) for line in contents.splitlines()]
    assert [x for x in lines if x[:1].isalpha() and x[-1:].isdigit()] == [
        "Regional overview 3",  # as its heading and the index name it
        "Caribbean 5",
        "Aruba 6",
    ]
    assert "Aruba" in reader.pages[5].extract_text()  # the chapter is where it says
    jumps = {}  # book page of a link -> the book pages its links lead to
    for number, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            if "/Dest" in annot.get_object():
                target = _destination_page(reader, annot.get_object()["/Dest"])
                jumps.setdefault(number, []).append(target)
    # the contents to each chapter; Regional p.1 -> its p.2; Aruba p.1 -> its own p.2
    assert jumps == {1: [2, 4, 5], 2: [3], 5: [6]}
    assert _outline(reader.outline) == [
        (0, "Contents"),
        (0, "Regional overview"),
        (0, "Caribbean"),
        (1, "Aruba"),
    ]
    assert reader.metadata.title == "Human Trafficking and Smuggling — RMRP 2023 end-year report"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "page 6 of 8" in reader.pages[5].extract_text()  # the book's own page numbers
    # one tree for the whole book, every chapter's heading in it, a country's one down
    assert tag_problems(reader) == []
    roles = []

    def walk(element) -> None:
        element = element.get_object()
        if isinstance(element, dict) and "/S" in element:
            roles.append(str(element["/S"]))
        for kid in kids(element) if isinstance(element, dict) else []:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert roles.count("/H1") == 3 and roles.count("/H2") >= 1  # Contents, region, platform

    with edition("es"):  # the Spanish book of the same chapters: its words, its names
        reader = _reader(pdf.write_book(tmp_path, build_info, synthetic=True))
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Informe de fin de año del RMRP 2023" in cover
    assert "Conjunto de datos: Sample dataset" in cover and "Generado el 29 de noviembre" in cover
    # the outline names chapters as their pages' headings do (these pages are English)
    assert _outline(reader.outline)[0] == (0, "Índice")
    contents = [" ".join(line.split()) for line in reader.pages[1].extract_text().splitlines()]
    assert "Caribe 5" in contents and "Caribbean 5" not in contents
    assert "página 6 de 8" in reader.pages[5].extract_text()
    assert reader.trailer["/Root"]["/Lang"] == "es"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_a_build_writes_keeps_and_drops_pdfs_with_its_chapters(
    fake_runner, no_cache_setting, sample_copy, tmp_path
):
    out = tmp_path / "reports"

    def run(**kw):
        only = ["caribbean", "ABW"]
        opts = BuildOptions(
            data=sample_copy, out=out, runner=FAKE, jobs=2, progress=False, only=only
        )
        for key, value in kw.items():
            setattr(opts, key, value)
        report = build(opts)
        assert report.exit_code == 0, [o.error for o in report.failed]
        return {o.scope: o.status for o in report.outcomes}

    assert run(pdf=True) == {"caribbean": "built", "ABW": "built"}
    pdfs = {p.name: _digest(p) for p in out.glob("*.pdf")}
    assert set(pdfs) == {"caribbean.pdf", "ABW.pdf", "book.pdf"}
    assert len(_reader(out / "book.pdf").pages) == 2 + 1 + 1

    assert run(pdf=True) == {"caribbean": "unchanged", "ABW": "unchanged"}
    assert {p.name: _digest(p) for p in out.glob("*.pdf")} == pdfs  # kept as they were
    assert run(pdf=False) == {"caribbean": "unchanged", "ABW": "unchanged"}
    assert {p.name: _digest(p) for p in out.glob("*.pdf")} == pdfs

    (out / "book.pdf").unlink()
    assert run(pdf=True) == {"caribbean": "unchanged", "ABW": "unchanged"}
    assert (out / "book.pdf").is_file()  # the book alone is written again

    assert run(pdf=False, force=True) == {"caribbean": "built", "ABW": "built"}
    assert list(out.glob("*.pdf")) == []  # rebuilt without PDFs: no stale ones left
    assert run(pdf=True) == {"caribbean": "built", "ABW": "built"}  # PDFs were missing
    assert {p.name for p in out.glob("*.pdf")} == set(pdfs)


def test_a_missing_typst_stops_the_build_with_a_message(monkeypatch, sample_copy, tmp_path, capsys):
    real = pdf.importlib.util.find_spec
    monkeypatch.setattr(
        pdf.importlib.util, "find_spec", lambda name: None if name == "typst" else real(name)
    )
    out = tmp_path / "reports"
    code = main(["build", "--data", str(sample_copy), "--out", str(out), "--only", "ABW"])
    err = capsys.readouterr().err
    assert code == 2
    assert "make reports" in err and "--no-pdf" in err and "Traceback" not in err
    assert not out.exists()


def test_what_an_analysts_markdown_may_hold_prints_and_stays_pdf_ua(tmp_path):
    """A narrative's headings at any level, quotes, nested lists, code, an image, a rule and
    a table without classes: every word printed, and the PDF still PDF/UA-1 (a `###` right
    under the page's h1 skipped a level, and Typst then wrote the PDF without the claim)."""
    page = tmp_path / "COL.html"
    page.write_text(
        "<!DOCTYPE html><html lang='en'><head><title>T</title></head><body><h1>Colombia</h1>"
        '<div class="narrative"><h3>Inside</h3><blockquote><p>Quoted <em>text</em> and '
        "<code>x = 1</code></p></blockquote><ul><li>a<ul><li>b <strong>bold</strong></li>"
        "</ul></li></ul><pre><code>line1\nline2 # not a heading</code></pre>"
        "<p>an image: <img alt='x' src='data:image/png;base64,AAA'> end</p><hr>"
        "<table><tr><td>no class</td><td><a href='https://e.org/a_b?c=d&amp;e=f'>link</a>"
        "</td></tr></table><p>5 &lt; 6 &amp; “quotes” …</p></div></body></html>",
        encoding="utf-8",
    )
    written = pdf.print_page(page)
    text = " ".join(_reader(written).pages[0].extract_text().split())
    for words in ("Inside", "Quoted text and x = 1", "b bold", "line2 # not a heading"):
        assert words in text
    assert "no class link" in text and "5 < 6 & “quotes” …" in text
    assert b"<pdfuaid:part>1<" in written.read_bytes()
