"""present/pdf.py without a browser: which pages get a PDF, links made relative, the
book's order, title and contents, and a missing Chromium as a clear error. Printing
itself is tested with the browser in tests/e2e/test_pdf.py."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link

from helpers.core.errors import InputError
from helpers.core.i18n import edition, language
from helpers.present import pdf


def test_every_page_but_the_index_gets_a_pdf(tmp_path):
    for name in ("index.html", "COL.html", "COL-annex.html", "COL.csv", "COL.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in pdf.pages_to_print(tmp_path)] == ["COL-annex.html", "COL.html"]
    assert pdf.pdf_name("COL-annex.html") == "COL-annex.pdf"


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("file:///tmp/r4v-COL-x/COL-annex.html#provenance", "COL-annex.pdf#provenance"),
        ("file:///tmp/r4v-COL-x/index.html#caribbean", "index.html#caribbean"),
        ("file:///tmp/r4v-COL-x/COL.csv", "COL.csv"),
        ("https://fts.unocha.org/", None),  # not into the folder: left as it is
        ("file:///tmp/other/COL.html", None),
    ],
)
def test_links_into_the_printed_folder_become_relative(uri, expected):
    assert pdf._relative(uri, "file:///tmp/r4v-COL-x/") == expected


def _pdf_with_links(urls: list[str], pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    for i, url in enumerate(urls):
        writer.add_annotation(0, Link(rect=(10, 10 + 20 * i, 100, 25 + 20 * i), url=url))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _actions(data: bytes, page: int = 0) -> list[dict]:
    annots = PdfReader(io.BytesIO(data)).pages[page]["/Annots"]
    return [a.get_object()["/A"].get_object() for a in annots]


def test_relink_rewrites_uri_actions_and_keeps_the_others():
    data = _pdf_with_links(["file:///t/ABW.html#top", "https://example.org/"])
    actions = _actions(pdf.relink(data, "file:///t/"))
    assert [a["/URI"] for a in actions] == ["ABW.pdf#top", "https://example.org/"]


def _plain_pdf_with_links(urls: list[str]) -> bytes:
    """A one-page PDF written as Chromium writes its links: `/URI (...)` literal strings,
    no escapes, no object streams (pypdf's writer escapes every character)."""
    links = " ".join(f"{5 + i} 0 R" for i in range(len(urls)))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [{links}] >>",
        "<< /Producer (test) >>",
        *(
            f"<< /Type /Annot /Subtype /Link /Rect [10 {10 + 20 * i} 100 {25 + 20 * i}]"
            f" /A << /S /URI /URI ({url}) >> >>"
            for i, url in enumerate(urls)
        ),
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += b"".join(f"{o:010d} 00000 n \n".encode("ascii") for o in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>\n"
    out += f"{trailer}startxref\n{xref}\n%%EOF\n".encode("ascii")
    return bytes(out)


def test_relink_overwrites_links_in_place_keeping_every_offset():
    data = _plain_pdf_with_links(
        ["file:///t/es/COL.html#fn-1", "file:///t/COL.csv", "https://x.org/"]
    )
    done = pdf.relink(data, "file:///t/", here="es")
    assert len(done) == len(data)  # same length: the xref table still points right
    assert b"/URI (COL.pdf#fn-1)" in done and b"/URI (../COL.csv)" in done
    assert b"https://x.org/" in done
    reader = PdfReader(io.BytesIO(done), strict=True)  # strict: a bad offset is an error
    annots = [a.get_object()["/A"]["/URI"] for a in reader.pages[0]["/Annots"]]
    assert annots == ["COL.pdf#fn-1", "../COL.csv", "https://x.org/"]


def test_a_link_with_escapes_is_relinked_by_pikepdf_instead():
    data = _pdf_with_links(["file:///t/a(1).html"])
    assert pdf._relink_in_place(data, "file:///t/") is None  # pypdf's writer escapes it
    assert [a["/URI"] for a in _actions(pdf.relink(data, "file:///t/"))] == ["a(1).pdf"]


def test_relink_leaves_a_pdf_without_such_links_as_it_was():
    data = _pdf_with_links(["https://example.org/"])
    assert pdf.relink(data, "file:///t/") == data


def test_book_links_become_jumps_to_the_books_own_pages():
    data = _pdf_with_links([pdf._BOOK_LINK + "3"], pages=4)
    book = pdf.relink(data, "file:///t/", book=True)
    (action,) = _actions(book)
    pages = PdfReader(io.BytesIO(book)).pages
    assert action["/S"] == "/GoTo"
    target = action["/D"][0].idnum
    assert target == pages[2].indirect_reference.idnum  # printed page 3 is index 2


def test_book_order_is_the_index_order():
    order = pdf.book_order()
    assert len(order) == 21 and order[0] == ("region", 0)
    scopes = [s for s, _ in order]
    # a sub-regional platform, then its countries one level down
    i = scopes.index("caribbean")
    assert order[i : i + 6] == [
        ("caribbean", 0),
        ("ABW", 1),
        ("CUW", 1),
        ("DOM", 1),
        ("GUY", 1),
        ("TTO", 1),
    ]
    assert ("COL", 0) in order  # a national platform's chapter is its country's
    assert sorted(scopes) == sorted(set(scopes))


def test_book_entries_are_the_chapters_that_have_a_pdf(tmp_path):
    for name in ("COL.pdf", "caribbean.pdf", "ABW.pdf", "ABW-annex.pdf", "region.html"):
        (tmp_path / name).write_bytes(b"%PDF")
    entries = pdf.book_entries(tmp_path)
    assert [(e.scope, e.level, e.name) for e in entries] == [
        ("COL", 0, "Colombia"),
        ("caribbean", 0, "Caribbean"),
        ("ABW", 1, "Aruba"),
    ]


def test_book_names_each_chapter_as_its_heading_does(tmp_path):
    """The contents and the outline name the region's chapter "Regional overview", as
    its heading and the index do (it was "Regional"), in each edition."""
    (tmp_path / "region.pdf").write_bytes(b"%PDF")
    assert [e.name for e in pdf.book_entries(tmp_path)] == ["Regional overview"]
    with edition("es"):
        assert [e.name for e in pdf.book_entries(tmp_path)] == ["Resumen regional"]
    with edition("pt"):
        assert [e.name for e in pdf.book_entries(tmp_path)] == ["Panorama regional"]


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [("2023-01", "2023-12", "2023"), ("2023-07", "2024-06", "2023–2024"), (None, None, "")],
)
def test_report_years(start, end, label):
    assert pdf.report_years(start, end) == label


def test_book_title_names_the_sector_and_period():
    build = {"period_start": "2023-01", "period_end": "2023-12"}
    title = "Human Trafficking and Smuggling — RMRP 2023 end-year report"
    assert pdf.book_title(build) == title
    with edition("es"):
        title = "Trata y Tráfico de Personas — Informe de fin de año del RMRP 2023"
        assert pdf.book_title(build) == title
    with edition("pt"):
        assert (
            pdf.book_title({})
            == "Tráfico e Contrabando de Pessoas — Relatório de fim de ano do RMRP"
        )


def test_front_matter_has_cover_and_contents_with_pages(tmp_path):
    build = {
        "dataset": "RMRP <2023> sample",
        "period_start": "2023-01",
        "period_end": "2023-12",
        "finished_at": "2026-11-29 10:00:00 UTC",
    }
    entries = [
        (pdf.BookEntry("region", "Regional", 0, tmp_path / "region.pdf"), 3),
        (pdf.BookEntry("caribbean", "Caribbean", 0, tmp_path / "caribbean.pdf"), 7),
        (pdf.BookEntry("ABW", "Aruba", 1, tmp_path / "ABW.pdf"), 10),
    ]
    page = pdf.front_matter_html(build, entries, synthetic=True)
    assert "Human Trafficking and Smuggling — RMRP 2023 end-year report" in page
    assert "RMRP &lt;2023&gt; sample" in page  # escaped
    assert "Built on 29 November 2026" in page and "Synthetic data" in page
    assert '<html lang="en">' in page and ">Contents</h2>" in page
    assert page.index(">Regional<") < page.index(">Caribbean<") < page.index(">Aruba<")
    assert f'href="{pdf._BOOK_LINK}10"><span class="name">Aruba</span>' in page
    assert '<li class="level-1">' in page and '<span class="page">7</span>' in page


def test_front_matter_is_the_editions(tmp_path):
    build = {"dataset": "Muestra", "period_start": "2023-01", "period_end": "2023-12"}
    build["finished_at"] = "2026-11-29 10:00:00 UTC"
    entries = [(pdf.BookEntry("PER", "Perú", 1, tmp_path / "PER.pdf"), 3)]
    with edition("es"):
        page = pdf.front_matter_html(build, entries, synthetic=True)
    assert '<html lang="es">' in page and ">Índice</h2>" in page
    assert "Conjunto de datos: Muestra" in page and "Generado el 29 de noviembre de 2026" in page
    assert "Datos sintéticos: todas las cifras de este libro" in page
    for english in ("Contents", "Dataset", "Built on", "Synthetic data", "end-year report"):
        assert english not in page, english


def test_each_book_is_written_in_its_edition_with_one_browser_for_all(monkeypatch, tmp_path):
    """Books are printed in a thread of its own, which must not fall back to English (nor
    may the chapters' names the book lists); the editions' books share one browser."""
    sessions = []

    @contextlib.contextmanager
    def session():
        sessions.append(object())
        yield sessions[-1]

    monkeypatch.setattr(pdf, "_session", session)
    # the chapters found stand for their names: the edition they were named in
    monkeypatch.setattr(
        pdf, "book_entries", lambda folder: [] if folder.name == "empty" else [language()]
    )
    monkeypatch.setattr(
        pdf,
        "_write_book",
        lambda folder, chapters, build, synthetic, browser: (language(), chapters, browser),
    )
    with edition("pt"):
        assert pdf.write_book(tmp_path, {}) == ("pt", ["pt"], sessions[0])
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / pdf.BOOK_NAME).write_bytes(b"%PDF stale")
    books = [(tmp_path, "en"), (tmp_path / "empty", "pt"), (tmp_path, "es")]
    assert pdf.write_books(books, {}) == [
        ("en", ["en"], sessions[1]),
        None,
        ("es", ["es"], sessions[1]),
    ]
    assert len(sessions) == 2  # one for the first call, one for the three editions
    assert not (tmp_path / "empty" / pdf.BOOK_NAME).exists()


def test_footer_says_page_x_of_y_and_escapes_the_label():
    footer = pdf.footer_template("A & B <c>")
    assert "A &amp; B &lt;c&gt;" in footer
    assert '<span class="pageNumber"></span> of <span class="totalPages"></span>' in footer
    assert "font-size" in footer  # Chromium's default in the margins is 0
    with edition("es"):
        footer = pdf.footer_template("Perú")
    assert 'página <span class="pageNumber"></span> de <span class="totalPages"></span>' in footer


@pytest.mark.parametrize(
    ("head", "lang"),
    [
        ('<!DOCTYPE html>\n<html lang="es">', "es"),
        ('<html class="x" lang="pt-BR">', "pt"),
        ("<html>", "en"),
        ('<html lang="fr">', "en"),  # not an edition this project writes
    ],
)
def test_a_page_is_printed_in_its_own_language(head, lang):
    assert pdf.page_language(head) == lang


def test_a_missing_chromium_is_an_input_error_naming_make_browser(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "CHROMIUM", tmp_path / "no-chromium")
    with pytest.raises(InputError) as caught:
        pdf.check_browser()
    assert "make browser" in str(caught.value) and "--no-pdf" in str(caught.value)
    assert str(tmp_path / "no-chromium") in str(caught.value)


def test_a_missing_playwright_is_an_input_error_naming_make_reports(monkeypatch):
    real = pdf.importlib.util.find_spec
    monkeypatch.setattr(
        pdf.importlib.util, "find_spec", lambda name: None if name == "playwright" else real(name)
    )
    with pytest.raises(InputError) as caught:
        pdf.check_browser()
    assert "Playwright" in str(caught.value) and "make reports" in str(caught.value)


def test_no_chapter_pdfs_no_book_and_a_stale_one_removed(tmp_path):
    (tmp_path / pdf.BOOK_NAME).write_bytes(b"%PDF old")
    assert pdf.write_book(tmp_path, {"dataset": "x"}) is None
    assert not (tmp_path / pdf.BOOK_NAME).exists()


def test_the_headless_shell_prints_where_installed_else_the_full_browser(monkeypatch, tmp_path):
    shell, full = tmp_path / "chromium-headless-shell", tmp_path / "chromium"
    monkeypatch.setattr(pdf, "BROWSERS", (shell, full))
    assert pdf.find_chromium({}) == shell  # neither: the error names what to install
    full.write_text("")
    assert pdf.find_chromium({}) == full
    shell.write_text("")
    assert pdf.find_chromium({}) == shell
    assert pdf.find_chromium({"R4V_CHROMIUM": "/opt/c/chrome"}) == Path("/opt/c/chrome")
