"""One key for names from data (`name_key`), one fold for words of a closed list (`fold`)."""

from __future__ import annotations

import pytest

from helpers.core.names import NO_WORDS, YES_WORDS, fold, is_no, is_yes, name_key


@pytest.mark.parametrize(
    "a, b",
    [
        ("Org A", "  org   a "),  # case and spaces
        ("Save & Protect", "save and protect"),  # '&' reads as 'and'
        (
            "Protection (Human Trafficking & Smuggling)",
            "PROTECTION (HUMAN TRAFFICKING AND SMUGGLING)",
        ),
        ("Org\tA", "Org A"),
    ],
)
def test_name_key_ignores_case_spaces_and_ampersand(a, b):
    assert name_key(a) == name_key(b)


def test_name_key_keeps_accents_and_fold_drops_them():
    assert name_key("Asociación") != name_key("Asociacion")  # two organisations
    assert fold("Asociación") == fold("Asociacion") == "asociacion"
    assert fold("  Perú  &  Chile ") == "peru and chile"


def test_yes_and_no_words_in_three_languages():
    for word in ("Yes", "sí", "Sim", "TRUE", "1", "x", " yes "):
        assert is_yes(word), word
    for word in ("No", "não", "n", "FALSE", "0"):
        assert is_no(word), word
    assert not is_yes("") and not is_no("") and not is_yes("maybe")
    assert "si" in YES_WORDS and "nao" in NO_WORDS
