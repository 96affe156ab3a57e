"""How numbers, money, dates and periods read on a page: one place for every format, in
the active edition's locale (`core.i18n.edition`).

English keeps the house style of the published chapters (`26,200`, `78.8 %`,
`USD 3.5M`, `1 April 2024`); Spanish and Portuguese follow their CLDR locale through
Babel (`26.200`, `78,8 %`, `3,5 M USD`, `1 de abril de 2024`). A hidden count (`<5`,
`[c]`) is printed as it is; a missing figure as the `missing` text. Rounding is half-up
on the exact decimal value (never banker's rounding), before any locale formatting.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime

from babel.dates import format_date, get_month_names
from babel.lists import format_list
from babel.numbers import format_compact_decimal, format_decimal

from ..core import geography, localnumbers
from ..core.i18n import N_, SOURCE_LANGUAGE, gettext, language, ngettext
from ..core.numbers import finite_number as number
from ..disclosure import COMPLEMENT, is_hidden

_round = localnumbers.rounded
NOT_AVAILABLE = N_("not available")
"""What a sentence says where a figure is missing (narrative placeholders)."""


NOT_REPORTED = N_("not reported")
"""What a table or the index prints for a figure with no counted rows (never 0)."""


def not_reported() -> str:
    """`not reported` in the active edition."""
    return gettext(NOT_REPORTED)


def not_available() -> str:
    """`not available` in the active edition."""
    return gettext(NOT_AVAILABLE)


def _english() -> bool:
    return language() == SOURCE_LANGUAGE


def _short(v: float, size: float) -> str:
    """`v` in units of `size` (1e3, 1e6, 1e9), one decimal, as the locale abbreviates."""
    scaled = _round(v / size, 1)
    return format_compact_decimal(float(scaled) * size, locale=language(), fraction_digits=1)


def fmt_people(value, *, short: bool = False, missing: str = "—") -> str:
    """People for display: 26,200 (or 26.2K when short); a hidden count stays `<5`."""
    if is_hidden(value):
        return str(value)
    v = number(value)
    if v is None:
        return missing
    if short and abs(v) >= 1000:
        for size, suffix in ((1e6, "M"), (1e3, "K")):
            if abs(v) >= size:
                if not _english():
                    return _short(v, size)
                text = f"{_round(v / size, 1):f}".removesuffix(".0")
                return f"{text}{suffix}"
    if not _english():
        return localnumbers.decimal(v)
    return f"{int(_round(v)):,}"


def fmt_percent(value, *, missing: str = "—") -> str:
    """78.8 % (one decimal); `78,8 %` es, `78,8%` pt."""
    v = number(value)
    if v is None:
        return missing
    return f"{_round(v, 1):f} %" if _english() else localnumbers.percent(v, 1)


def fmt_usd(value, *, short: bool = False, missing: str = "—") -> str:
    """USD 3,521,000 (or USD 3.5M when short); `3.521.000 USD` es, `USD 3.521.000` pt."""
    v = number(value)
    if v is None:
        return missing
    if short and abs(v) >= 1000:
        for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
            if abs(v) >= size:
                if not _english():
                    amount = _short(v, size)
                    first = localnumbers.currency_first()
                    return f"USD\u00a0{amount}" if first else f"{amount}\u00a0USD"
                return f"USD {f'{_round(v / size, 1):f}'.removesuffix('.0')}{suffix}"
    if not _english():
        return localnumbers.usd(v)
    return f"USD {int(_round(v)):,}"


def fmt_date(value) -> str:
    """2024-04-01 -> 1 April 2024, `1 de abril de 2024` es and pt (text that is not a
    date is shown as it is)."""
    try:
        d = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    if not _english():
        return format_date(d, "long", locale=language())
    return f"{d.day} {d.strftime('%B')} {d.year}"


def fmt_timestamp(value) -> str:
    """When a build ran, `2026-11-29 10:00(:ss) UTC` as the edition writes the day:
    `29 November 2026, 10:00 UTC`, `29 de noviembre de 2026, 10:00 UTC` (text that is not
    such a time is shown as it is)."""
    text = str(value or "")
    try:
        when = datetime.strptime(text[:16], "%Y-%m-%d %H:%M")
    except ValueError:
        return text
    zone = " UTC" if text.endswith("UTC") else ""
    return f"{fmt_date(when.date().isoformat())}, {when:%H:%M}{zone}"


def month_name(month: int) -> str:
    """The month's name as it stands in a sentence: `April`, `abril` (es), `abril` (pt)."""
    if _english():
        return date(2000, month, 1).strftime("%B")
    return get_month_names("wide", locale=language())[month]


def month_initial(month: int) -> str:
    """The month as one letter, as the locale abbreviates it on a chart's axis: `J` for
    January in English and Portuguese, `E` (enero) in Spanish."""
    return get_month_names("narrow", context="stand-alone", locale=language())[month]


def fmt_number(value, *, missing: str = "—") -> str:
    """A measured value with no unit of its own (an indicator's 45.5): as many decimals as
    it has (up to three), in the locale's signs; a hidden count or a text as it is."""
    if is_hidden(value):
        return str(value)
    v = number(value)
    if v is None:
        return missing if value is None or value != value else str(value)
    if _english():
        return f"{v:g}"
    return format_decimal(v, locale=language())


def list_of(items) -> str:
    """Parts of one thing listed in a sentence as the locale lists them: `a, b, c` in
    English, `a, b y c` in Spanish, `a, b e c` in Portuguese. (Babel's CLDR data lacks the
    `unit` list patterns of some locales, e.g. es: those take the standard ones.)"""
    items = [str(i) for i in items]
    try:
        return format_list(items, style="unit", locale=language())
    except KeyError:
        return format_list(items, style="standard", locale=language())


def or_list(items) -> str:
    """Alternatives in a sentence: `<5 or [c]`, `<5 o [c]` (es), `<5 ou [c]` (pt)."""
    return format_list([str(i) for i in items], style="or", locale=language())


PERIOD_MONTHS = N_("%(start_month)s–%(end_month)s %(year)s")
PERIOD_YEARS = N_("%(start_month)s %(start_year)s – %(end_month)s %(end_year)s")


def period_label(start: str, end: str) -> str:
    """2023-01..2023-12 -> 2023; 2023-01..2023-06 -> January–June 2023 (`enero–junio de
    2023` es)."""
    s, e = date.fromisoformat(start + "-01"), date.fromisoformat(end + "-01")
    if s.year == e.year and s.month == 1 and e.month == 12:
        return str(s.year)
    if s.year == e.year:
        return gettext(
            PERIOD_MONTHS,
            start_month=month_name(s.month),
            end_month=month_name(e.month),
            year=s.year,
        )
    return gettext(
        PERIOD_YEARS,
        start_month=month_name(s.month),
        start_year=s.year,
        end_month=month_name(e.month),
        end_year=e.year,
    )


FEWER_THAN = N_("fewer than %(min_count)s")
UNDISCLOSED = N_("an undisclosed number")


def hidden_words(token: str) -> str:
    """A token in prose: `<5` -> 'fewer than 5', `[c]` -> 'an undisclosed number'."""
    if token == COMPLEMENT:
        return gettext(UNDISCLOSED)
    return gettext(FEWER_THAN, min_count=token[1:]) if is_hidden(token) else token


THE_REGION = N_("the region")


def scope_phrase(scope: str, name: str) -> str:
    """A scope as a sentence names it, with the article its language puts before it (the
    reference's): "the region", "the Caribbean", "Colombia", "o Brasil", "el Cono Sur".
    A sentence fits it in with `fit_scope`."""
    if scope == "region":
        return gettext(THE_REGION)
    article = geography.local_article(scope)
    return f"{article} {name}" if article else name


# A preposition and the article after it, written as one word (Portuguese em + o = no).
_CONTRACTIONS = {
    "es": {("a", "el"): "al", ("de", "el"): "del"},
    "pt": {
        ("a", "a"): "à",
        ("a", "o"): "ao",
        ("de", "a"): "da",
        ("de", "o"): "do",
        ("em", "a"): "na",
        ("em", "o"): "no",
        ("por", "a"): "pela",
        ("por", "o"): "pelo",
    },
}


def fit_scope(sentence: str, phrase: object) -> str:
    """`sentence` with the scope `phrase` (`scope_phrase`'s) fitted in as the edition's
    grammar wants: a preposition and the phrase's article contracted ("em o Brasil" ->
    "no Brasil", "de el Caribe" -> "del Caribe") and the article capitalised where the
    phrase begins the sentence ("o México é" -> "O México é"). The sentences are whole
    in the catalogues; only the article, which depends on the place, is fitted here."""
    if not isinstance(phrase, str) or not phrase:
        return sentence
    article = phrase.split(" ", 1)[0]
    for (preposition, before), together in _CONTRACTIONS.get(language(), {}).items():
        if before != article:
            continue
        rest = phrase[len(article) :]
        for prep, joined in (
            (preposition, together),
            (preposition.capitalize(), together.capitalize()),
        ):
            sentence = re.sub(
                rf"(?<![^\W_]){re.escape(prep)} {re.escape(phrase)}(?![^\W_])",
                lambda _m, fitted=joined + rest: fitted,
                sentence,
            )
    capital = phrase[:1].upper() + phrase[1:]
    return re.sub(rf"(^|[.!?]\s+){re.escape(phrase)}", lambda m: m[1] + capital, sentence)


def clip(value, limit: int = 200) -> str:
    """Text from data, shortened for display (a 100,000-character name stays a name)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


OTHERS = re.compile(r"^(\d+) others$")
"""The name the chapter gives the grouped row of a ranked table (`12 others`)."""


def others(name: object, limit: int = 120) -> str:
    """A ranked table's row name: the grouped row (`12 others`) in the active edition, any
    other name as the data gives it."""
    found = OTHERS.match(str(name))
    if not found:
        return clip(name, limit)
    n = int(found[1])
    return ngettext("%(num)d other", "%(num)d others", n)


# Words that only read as English: a phrase with one of these and none of the Spanish or
# Portuguese ones is English (function words, and the units the situation data use).
_ENGLISH_WORDS = frozenset(
    "of and the in for to with among by from on at per people persons individuals "
    "percent victims cases".split()
)
_IBERIAN_WORDS = frozenset(
    "de del la las el los y e o em para por con com da das do dos na no nas nos que "
    "personas pessoas víctimas vítimas".split()
)
# Words only one of the two Iberian languages writes (both write de, a, para, por, que).
_SPANISH_WORDS = frozenset("el los las la y con del al una personas víctimas".split())
_PORTUGUESE_WORDS = frozenset(
    "e em com da das do dos na nas nos ao às à uma pessoas vítimas".split()
)


def data_language(text: object) -> str | None:
    """The language of words the dataset gives (an indicator, a unit, an activity), when
    they plainly read as one: English, Spanish or Portuguese by words only that language
    writes; None when they may be another or mix them, which the page then leaves
    unmarked rather than mark wrongly."""
    found = set(re.findall(r"[^\W\d_]+", str(text).casefold()))
    english, spanish, portuguese = (
        bool(found & words) for words in (_ENGLISH_WORDS, _SPANISH_WORDS, _PORTUGUESE_WORDS)
    )
    if english and not found & _IBERIAN_WORDS:
        return SOURCE_LANGUAGE
    if spanish and not (english or portuguese):
        return "es"
    if portuguese and not (english or spanish):
        return "pt"
    return None


REGIONAL_OVERVIEW = N_("Regional overview")


def chapter_name(scope: str) -> str:
    """A chapter as its heading, the index and the book name it, in the active edition:
    the region's is "Regional overview", the others their platform's or country's name."""
    if scope == geography.REGION:
        return gettext(REGIONAL_OVERVIEW)
    return geography.scope_name(scope)


def country_words(name: object, limit: int = 120) -> str:
    """A country the chapter names in English (the situation indicators' rows), in the
    active edition; a name the reference does not know, as the data gives it."""
    iso3 = geography.resolve_country(name)
    if iso3 in geography.COUNTRIES:
        return clip(geography.country_name(iso3), limit)
    return clip(name, limit)


def unit_name(unit: object, name: object, limit: int = 120) -> str:
    """A table row's place in the active edition: a platform or country by its id, the
    region, or the name as the data gives it (an admin-1 place). Another edition names an
    admin-1 place that is a country's name (rows reported for the whole country, "Dominican
    Republic") as it names the country; English keeps the data's word."""
    if isinstance(unit, str) and geography.local_name(unit) is not None:
        return geography.scope_name(unit)
    if not _english():
        return country_words(name, limit)
    return clip(name, limit)
