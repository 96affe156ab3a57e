"""Editions: the language a chapter is written in, and its catalogue of translations.

Lower layers write English messages as templates with named placeholders and mark them
with `N_`, so that Babel's extractor finds them; whoever prints one looks it up with `_()`
in the active edition's catalogue (`with edition("es"): ...`) and fills it in.

The catalogues are the `.po` files under `helpers/locale/<lang>/LC_MESSAGES/`, read and
compiled in memory on first use: a fresh `pip install -e .` needs no build step, and a
translator's edit is live on the next run. A message an edition's catalogue lacks is an
error (`MissingTranslation`), never English slipped into a Spanish page; only English
falls back to the message itself.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

LANGUAGES = ("en", "es", "pt")
"""Every edition a build can write, in the order the index lists them."""
SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"

LANGUAGE_NAMES = {"en": "English", "es": "Español", "pt": "Português"}
"""Each edition named in its own language (what a language switcher prints)."""

_ACTIVE: ContextVar[str] = ContextVar("edition", default=SOURCE_LANGUAGE)


class MissingTranslation(LookupError):
    """A message with no translation in an edition's catalogue: run `make messages` and
    translate it in the `.po` file named."""


def N_(message: str) -> str:  # noqa: N802 - the gettext convention Babel looks for
    """A message to translate later: returned as it is."""
    return message


def check_language(lang: object) -> str:
    """`lang` when it is an edition this project writes; ValueError otherwise."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language '{lang}' (one of {', '.join(LANGUAGES)})")
    return str(lang)


def language() -> str:
    """The active edition's language code."""
    return _ACTIVE.get()


@contextmanager
def edition(lang: str) -> Iterator[str]:
    """Everything inside is written in `lang`: messages, names, numbers and dates.
    A context variable, so threads and tasks each keep their own edition."""
    token = _ACTIVE.set(check_language(lang))
    try:
        yield lang
    finally:
        _ACTIVE.reset(token)


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


class _Strict(_gettext.NullTranslations):
    """The fallback of a translated edition: a message it lacks is an error."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def gettext(self, message: str) -> str:
        raise MissingTranslation(
            f"no {self.lang} translation of {message!r} in {catalogue_path(self.lang)}"
        )

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1)

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1)


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The edition's catalogue as a `gettext` translations object (what Jinja's
    `env.install_gettext_translations(t, newstyle=True)` takes). English is the messages
    themselves; other editions are compiled from their `.po` file, fuzzy entries left out."""
    check_language(lang)
    if lang == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = catalogue_path(lang)
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    t = _gettext.GNUTranslations(compiled)
    t.add_fallback(_Strict(lang))
    return t


def gettext(message: str, **params: object) -> str:
    """`message` in the active edition, then filled with `params` (`%(name)s`), as Jinja's
    newstyle gettext does; without params the text is returned unfilled."""
    text = translations(language()).gettext(message)
    return text % params if params else text


def ngettext(singular: str, plural: str, n: int, **params: object) -> str:
    """The form of `singular`/`plural` for `n` in the active edition, filled with `params`
    and `num` (= n, as in Jinja's newstyle ngettext)."""
    text = translations(language()).ngettext(singular, plural, n)
    return text % {"num": n, **params}


_ = gettext
