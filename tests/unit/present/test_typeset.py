"""present/typeset.py: a page's HTML as Typst markup, element by element, with the page's
words escaped; the PDFs themselves are read back in tests/e2e/test_pdf.py."""

from __future__ import annotations

import pytest

from helpers.present import typeset


def _body(inner: str, **options) -> str:
    head = "<!DOCTYPE html><html lang='es'><head><title>T</title></head>"
    page = f"{head}<body>{inner}</body></html>"
    return typeset.page_body(page, **options).body


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("#set page(width: 1cm)", r"\#set page(width: 1cm)"),
        ("$x$ <lab> @ref", r"\$x\$ \<lab\> \@ref"),
        ("// no comment", r"\/\/ no comment"),
        ("= not a heading", r"\= not a heading"),
        ("a*b_c`d", r"a\*b\_c\`d"),
        ("[x] \\ ~", r"\[x\] \\ \~"),
        ("bell\x07", "bell"),  # a control character is dropped
    ],
)
def test_the_pages_words_are_escaped_as_typst_markup(text, written):
    assert typeset.markup(text) == written


def test_a_long_word_may_break_anywhere():
    checksum = "a" * 30
    assert typeset.markup(checksum) == "a" * 12 + "\u200b" + "a" * 12 + "\u200b" + "a" * 6


def test_a_string_literal_escapes_quotes_backslashes_and_lines():
    assert typeset.string('say "hi"\\\n') == r'"say \"hi\"\\\n"'


@pytest.mark.parametrize(
    ("href", "written"),
    [
        ("COL-annex.html#provenance", "COL-annex.pdf#provenance"),
        ("index.html#caribbean", "index.html#caribbean"),  # the index stays a page
        ("es/COL.html", "es/COL.pdf"),
        ("COL.html#fn-funding", "COL.pdf#footnotes"),  # a note: the chapter's notes
        ("#fn-funding", "#fn-funding"),  # within the page: the note itself (a label)
        ("../COL.csv", "../COL.csv"),
        ("https://fts.unocha.org/x.html", "https://fts.unocha.org/x.html"),
        ("mailto:a@b.org", "mailto:a@b.org"),
    ],
)
def test_links_to_pages_become_links_to_their_pdfs(href, written):
    assert typeset.pdf_href(href) == written


def test_a_chart_keeps_its_svg_as_written_and_its_alt_text():
    svg = '<svg viewBox="0 0 300 150" aria-label="Bars: A &amp; B"><clipPath id="c"/></svg>'
    body = _body(f'<figure class="chart">{svg}</figure>')
    # viewBox and clipPath keep their case; 300 x 150 pt as drawn
    assert body == (
        f"#chart(bytes({typeset.string(svg)}), 300.0pt, 150.0pt, {typeset.string('Bars: A & B')})"
    )


def test_headings_carry_their_ids_and_the_books_offset():
    assert _body('<h1>Perú</h1><h2 id="situation">Situación</h2>').endswith(
        "#heading(level: 2, bookmarked: true)[Situación] <situation>"
    )
    book = _body('<h1>Aruba</h1><h2 id="x">Notas</h2>', prefix="ABW--", heading_offset=1,
                 bookmark_depth=1)  # fmt: skip
    assert book.splitlines() == [
        "#heading(level: 2, bookmarked: true)[Aruba]",
        "",
        "#heading(level: 3, bookmarked: false)[Notas] <ABW--x>",
    ]


def test_a_link_within_the_page_leads_to_its_label_and_a_dead_one_is_text():
    body = _body(
        '<p>Budget<sup><a href="#fn-funding">**</a></sup> <a href="#nowhere">x</a></p>'
        '<ol class="plain"><li id="fn-funding">Funding note</li></ol>'
    )
    assert "#super[#link(<fn-funding>)[\\*\\*]]" in body
    assert "#link(<nowhere>)" not in body and " x" in body
    assert "#metadata(none) <fn-funding>" in body


def test_the_notes_keep_their_own_markers_and_no_numbers():
    body = _body(
        '<section class="footnotes"><ol><li id="fn-a"><span class="marker">*</span>Note.'
        "</li></ol></section>"
    )
    assert "#enum" not in body
    assert "#block([#strong[\\*] Note.])" in body


def test_key_figures_are_cards_with_their_small_print():
    body = _body(
        '<dl class="cards"><div><dt>Personas alcanzadas</dt><dd><span class="figure">9.000'
        "</span><small>meta: 11.500</small></dd></div></dl>"
    )
    assert body == "#cards(card([Personas alcanzadas], [9.000], [meta: 11.500]))"


def test_a_table_has_its_header_caption_numbers_right_and_totals_bold():
    body = _body(
        '<table class="data"><caption>Por país</caption>'
        '<thead><tr><th scope="col">País</th><th scope="col" class="num">Personas</th></tr>'
        '</thead><tbody><tr><th scope="row">Perú</th><td class="num">1.200</td></tr></tbody>'
        '<tfoot><tr class="total"><th scope="row">Total</th><td class="num">1.200</td></tr>'
        '</tfoot></table><table class="data"><tr><th colspan="2">Grupo</th></tr></table>'
    )
    first, second = body.split("\n\n")
    assert first == (
        "#datatable([Por país], table(columns: 2, table.header([#strong[País]], "
        "table.cell(align: right)[#strong[Personas]]), [Perú], "
        "table.cell(align: right)[1.200], [#strong[Total]], "
        "table.cell(align: right)[#strong[1.200]]))"
    )
    assert second == "#datatable(none, table(columns: 2, table.cell(colspan: 2)[Grupo]))"


def test_what_print_hides_is_left_out_and_words_in_another_language_are_marked():
    body = _body(
        '<nav class="editions"><a href="../COL.html">English</a></nav>'
        '<details class="data-table"><summary>La tabla</summary><table></table></details>'
        '<p class="note">Según <span lang="en">Safe Routes</span>.</p>'
    )
    assert body == '#note[Según #text(lang: "en")[Safe Routes].]'


def test_an_element_the_writer_does_not_know_keeps_its_words():
    assert _body("<p>Uno <blink>dos</blink> <unknown-el>tres</unknown-el></p>") == "Uno dos tres"


def test_the_page_document_has_the_pages_title_language_and_footer():
    page = "<html lang='pt'><head><title>Peru — anexo</title></head><body><p>x</p></body></html>"
    source = typeset.page_document(page, ("página ", " de ", ""))
    assert 'title: "Peru — anexo"' in source and '#set text(lang: "pt")' in source
    assert "[Peru — anexo], [página #counter(page).display() de" in source


def test_a_block_in_another_language_is_marked_too():
    assert _body('<p lang="en">Safe Routes report</p>') == '#text(lang: "en")[Safe Routes report]'


def test_a_tables_header_keeps_its_note_markers_without_their_links():
    """The header repeats on every page of a long table, as an artifact, and PDF/UA-1
    allows no links in artifacts: the region annex's platforms table had one."""
    body = _body(
        '<table class="data"><thead><tr><th>Budget<sup><a href="#fn-funding">**</a></sup>'
        '</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table><p id="fn-funding">'
        '<a href="#fn-funding">note</a></p>'
    )
    assert "table.header([#strong[Budget#super[\\*\\*]]])" in body
    assert "#link(<fn-funding>)[note]" in body  # elsewhere the link stays


def test_a_sections_id_names_its_heading_so_other_pdfs_can_link_to_it():
    body = _body(
        '<h1>Perú</h1><section id="situation"><h2>Situación</h2><p>Texto.</p></section>'
        '<p><a href="#situation">arriba</a></p>'
    )
    assert "#heading(level: 2, bookmarked: true)[Situación] <situation>" in body
    assert "#metadata" not in body and "#link(<situation>)[arriba]" in body


def test_a_heading_never_skips_a_level():
    """PDF/UA-1 requires consecutive heading levels: an analyst's `####` under a section's
    h2 is written one level below it (the PDF was written without its PDF/UA claim)."""
    body = _body("<h1>Perú</h1><h2>Situación</h2><h4>Detalle</h4><h2>Respuesta</h2>")
    levels = [line.split(",")[0] for line in body.split("\n\n")]
    assert levels == [
        "#heading(level: 1",
        "#heading(level: 2",
        "#heading(level: 3",  # h4, one below its h2
        "#heading(level: 2",
    ]


def test_a_pdf_short_of_pdf_ua_is_still_written_and_says_why():
    """A link inside an artifact (what repeats on every page) breaks PDF/UA-1: the PDF is
    written, tagged, without the claim, and a warning names it and Typst's reason."""
    source = (
        '#set document(title: "T")\n#set text(lang: "en")\n= T\n'
        '#pdf.artifact[#link("https://e.org")[x]]\n'
    )
    with pytest.warns(typeset.PdfUaWarning, match=r"COL\.pdf is written without its PDF/UA-1"):
        written = typeset.typeset(source, name="COL.pdf")
    assert written.startswith(b"%PDF") and b"pdfuaid:part>1<" not in written
