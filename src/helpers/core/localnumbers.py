"""Numbers in the active edition's locale (Babel's CLDR data): `26,200` in English,
`26.200` in Spanish and Portuguese, `78,8 %` in Spanish.

Rounding is the project's, half up on the exact decimal value, done before Babel sees
the number (Babel would round half to even); never -0. Here, below `figures`, so that a
warning's message and a page format a number the same way.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

from .i18n import language


def rounded(value: float, places: int = 0) -> Decimal:
    """Half up to `places` decimals, on the exact decimal value; never -0."""
    quantum = Decimal(1).scaleb(-places)
    out = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    return abs(out) if out == 0 else out


@cache
def _pattern(lang: str, kind: str, places: int) -> NumberPattern:
    """The locale's own pattern for `kind` with exactly `places` decimals."""
    loc = Locale.parse(lang)
    if kind == "percent":
        text = loc.percent_formats[None].pattern
    elif kind == "currency":
        # the ISO code (USD) rather than a symbol (US$), placed as the locale places it
        text = loc.currency_formats["standard"].pattern.split(";")[0].replace("¤", "¤¤")
    else:
        text = loc.decimal_formats[None].pattern
    pattern = parse_pattern(text)
    pattern.frac_prec = (places, places)
    return pattern


def decimal(value: float, places: int = 0, lang: str | None = None) -> str:
    """`value` rounded half up, with the locale's grouping and decimal signs."""
    lang = lang or language()
    return _pattern(lang, "decimal", places).apply(rounded(value, places), Locale.parse(lang))


def percent(value: float, places: int = 1, lang: str | None = None) -> str:
    """A percentage already times 100 (78.75 -> `78,8 %` es, `78,8%` pt), as the locale
    writes percentages."""
    lang = lang or language()
    pattern = _pattern(lang, "percent", places)
    return pattern.apply(rounded(value, places) / 100, Locale.parse(lang))


def usd(value: float, places: int = 0, lang: str | None = None) -> str:
    """An amount in US dollars with the code `USD` where the locale puts a currency."""
    lang = lang or language()
    pattern = _pattern(lang, "currency", places)
    return pattern.apply(
        rounded(value, places), Locale.parse(lang), currency="USD", currency_digits=False
    )


def currency_first(lang: str | None = None) -> bool:
    """Whether the locale writes the currency before the amount (pt, en) or after (es)."""
    return Locale.parse(lang or language()).currency_formats["standard"].pattern.startswith("¤")
