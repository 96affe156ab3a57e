"""Data names in the page's edition: an output's indicator and its type as the annex prints
them in English, Spanish and Portuguese (expected markup written out by hand)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from helpers.core.i18n import edition
from helpers.present.render import indicator_name, indicator_type

TRAINED = "# of people trained"
MECH = "# of mechanisms supported"
# A chapter as far as these two read it: the indicator list gives TRAINED's Spanish name and
# MECH's Spanish type; nothing in Portuguese.
CHAPTER = SimpleNamespace(
    indicator_names={"es": {TRAINED: "# de personas capacitadas"}},
    indicator_types={"es": {MECH: "Mecanismo/Abogacía"}},
)


def test_english_pages_print_the_english_as_before():
    assert indicator_name(TRAINED, CHAPTER) == f'<span translate="no">{TRAINED}</span>'
    assert indicator_type("Capacity Building", TRAINED, CHAPTER) == (
        '<span translate="no" lang="en">Capacity Building</span>'
    )


def test_spanish_pages_print_the_lists_spanish_and_mark_the_english_left():
    with edition("es"):
        # the page's own language: no lang of its own, it is the page's (es)
        assert indicator_name(TRAINED, CHAPTER) == (
            '<span translate="no"># de personas capacitadas</span>'
        )
        assert indicator_name(MECH, CHAPTER) == f'<span translate="no" lang="en">{MECH}</span>'
        assert indicator_type("Mechanism/Advocacy", MECH, CHAPTER) == "Mecanismo/Abogacía"
        # no Spanish type in the list: the catalogue's word for the type
        assert indicator_type("Capacity Building", TRAINED, CHAPTER) == "Capacitaciones"


def test_portuguese_pages_mark_the_english_names():
    with edition("pt"):
        for indicator in (TRAINED, MECH):
            assert indicator_name(indicator, CHAPTER) == (
                f'<span translate="no" lang="en">{indicator}</span>'
            )
        assert indicator_type("Capacity Building", TRAINED, CHAPTER) == "Capacitação"
        assert indicator_type("Mechanism/Advocacy", MECH, CHAPTER) == "Mecanismo/Incidência"


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_a_type_outside_the_vocabulary_stays_as_given_marked_english(lang):
    with edition(lang):
        assert indicator_type("Advocacy <b>", "x", CHAPTER) == (
            '<span translate="no" lang="en">Advocacy &lt;b&gt;</span>'
        )


def test_names_from_data_are_inert_text():
    chapter = SimpleNamespace(indicator_names={"es": {"x": "<script>"}}, indicator_types={})
    with edition("es"):
        assert indicator_name("x", chapter) == '<span translate="no">&lt;script&gt;</span>'
    assert indicator_name("<i>", chapter) == '<span translate="no">&lt;i&gt;</span>'
