"""Comparing names: one key for names from data, one fold for words from a closed list.

`name_key` is how organisations, sectors and indicators are compared (METHOD.md): case,
spaces and `&`/`and` do not matter, accents do ("Asociación" and "Asociacion" stay two
organisations unless the partner reference links them). `fold` also drops accents: it
matches words from a closed vocabulary written in English, Spanish or Portuguese
(country and platform names, "yes" words, population-type labels, indicator types).
"""

from __future__ import annotations

import unicodedata

YES_WORDS = frozenset({"yes", "y", "si", "sim", "true", "1", "x"})
"""Every spelling of "yes" in R4V files (set-up, CVA, refugee- and migrant-led flags)."""
NO_WORDS = frozenset({"no", "n", "nao", "false", "0"})
"""Every spelling of "no" (after `fold`: "não" is "nao")."""


def _spaced(text: str) -> str:
    return " ".join(text.casefold().replace("&", " and ").split())


def name_key(value: object) -> str:
    """The key two names from data are compared by: case-folded, `&` read as `and`,
    spaces collapsed, accents kept."""
    return _spaced(unicodedata.normalize("NFC", str(value)))


def fold(value: object) -> str:
    """`name_key` without accents: the key of a word from a closed list."""
    decomposed = unicodedata.normalize("NFKD", str(value))
    return _spaced("".join(c for c in decomposed if not unicodedata.combining(c)))


def is_yes(value: object) -> bool:
    return fold(value) in YES_WORDS


def is_no(value: object) -> bool:
    return fold(value) in NO_WORDS
