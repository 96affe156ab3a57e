"""present/pdf.py without typesetting: which pages get a PDF, the footer's words, the
book's order, title, cover and contents, and a missing Typst as a clear error. The PDFs
themselves are read back in tests/e2e/test_pdf.py."""

from __future__ import annotations

import pytest

from helpers.core.errors import InputError
from helpers.core.i18n import edition
from helpers.present import pdf


def test_every_page_but_the_index_gets_a_pdf(tmp_path):
    for name in ("index.html", "COL.html", "COL-annex.html", "COL.csv", "COL.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in pdf.pages_to_print(tmp_path)] == ["COL-annex.html", "COL.html"]
    assert pdf.pdf_name("COL-annex.html") == "COL-annex.pdf"


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


@pytest.mark.parametrize(
    ("head", "lang"),
    [
        ('<!DOCTYPE html>\n<html lang="es">', "es"),
        ('<html class="x" lang="pt-BR">', "pt"),
        ("<html lang='es'>", "es"),
        ("<html>", "en"),
        ('<html lang="fr">', "en"),  # not an edition this project writes
    ],
)
def test_a_page_is_printed_in_its_own_language(head, lang):
    assert pdf.page_language(head) == lang


def test_no_chapter_pdfs_no_book_and_a_stale_one_removed(tmp_path):
    (tmp_path / pdf.BOOK_NAME).write_bytes(b"%PDF old")
    assert pdf.write_book(tmp_path, {"dataset": "x"}) is None
    assert not (tmp_path / pdf.BOOK_NAME).exists()


def test_footer_says_page_x_of_y_in_the_editions_words():
    assert pdf.page_x_of_y() == ("page ", " of ", "")
    with edition("es"):
        assert pdf.page_x_of_y() == ("página ", " de ", "")
    with edition("pt"):
        assert pdf.page_x_of_y() == ("página ", " de ", "")


def test_a_missing_typst_is_an_input_error_naming_make_reports(monkeypatch):
    real = pdf.importlib.util.find_spec
    monkeypatch.setattr(
        pdf.importlib.util, "find_spec", lambda name: None if name == "typst" else real(name)
    )
    with pytest.raises(InputError) as caught:
        pdf.check_typesetter()
    assert "typst" in str(caught.value) and "make reports" in str(caught.value)
    assert "--no-pdf" in str(caught.value)


def _entry(scope: str, name: str, level: int, tmp_path) -> pdf.BookEntry:
    return pdf.BookEntry(scope, name, level, tmp_path / f"{scope}.pdf")


def _chapter(title: str) -> str:
    return f"<html lang='en'><body><h1>{title}</h1><p>Text of {title}.</p></body></html>"


def test_the_book_has_its_cover_contents_and_chapters_in_order(tmp_path):
    build = {
        "dataset": "RMRP [2023] #sample",
        "period_start": "2023-01",
        "period_end": "2023-12",
        "finished_at": "2026-11-29 10:00:00 UTC",
    }
    chapters = [
        (_entry("region", "Regional overview", 0, tmp_path), _chapter("Regional overview")),
        (_entry("caribbean", "Caribbean", 0, tmp_path), _chapter("Caribbean")),
        (_entry("ABW", "Aruba", 1, tmp_path), _chapter("Aruba")),
    ]
    source = pdf.book_document(build, chapters, synthetic=True)
    assert 'title: "Human Trafficking and Smuggling — RMRP 2023 end-year report"' in source
    assert r"Dataset: RMRP \[2023\] \#sample" in source  # the data's words, escaped
    assert "Built on 29 November 2026" in source and "Synthetic data" in source
    assert '#set text(lang: "en")' in source and "[Contents]" in source
    entries = [line for line in source.splitlines() if line.startswith("#contents-entry")]
    assert entries == [
        "#contents-entry(0, <chapter-region>)[Regional overview]",
        "#contents-entry(0, <chapter-caribbean>)[Caribbean]",
        "#contents-entry(1, <chapter-ABW>)[Aruba]",  # a platform's country, one level down
    ]
    # each chapter on its own pages, its labels its own, its headings under its entry's
    assert source.index("Text of Regional overview") < source.index("Text of Aruba")
    assert "#headings(offset: 1)" in source and "<chapter-ABW>" in source


def test_the_books_words_are_the_editions(tmp_path):
    build = {"dataset": "Muestra", "period_start": "2023-01", "period_end": "2023-12"}
    build["finished_at"] = "2026-11-29 10:00:00 UTC"
    chapters = [(_entry("PER", "Perú", 1, tmp_path), _chapter("Perú"))]
    with edition("es"):
        source = pdf.book_document(build, chapters, synthetic=True)
    assert '#set text(lang: "es")' in source and "[Índice]" in source
    assert "Conjunto de datos: Muestra" in source
    assert "Generado el 29 de noviembre de 2026" in source
    assert "Datos sintéticos: todas las cifras de este libro" in source
    assert "[página #counter(page).display() de #counter(page).final().first()]" in source
    for english in ("Contents", "Dataset", "Built on", "Synthetic data", "end-year report"):
        assert english not in source, english
