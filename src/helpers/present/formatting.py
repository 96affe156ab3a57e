"""How numbers, money, dates and periods read on a page: one place for every format.

A hidden count (`<5`, `[c]`) is printed as it is; a missing figure as the `missing` text.
Rounding is half-up on the exact decimal value (never banker's rounding).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ..core.numbers import finite_number as number
from ..disclosure import COMPLEMENT, is_hidden


def _round(value: float, places: int = 0) -> Decimal:
    """Half up, on the exact decimal value; never -0 (no page prints -0 or -0.0 %)."""
    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded


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
                text = f"{_round(v / size, 1):f}".removesuffix(".0")
                return f"{text}{suffix}"
    return f"{int(_round(v)):,}"


def fmt_percent(value, *, missing: str = "—") -> str:
    """78.8 % (one decimal)."""
    v = number(value)
    return missing if v is None else f"{_round(v, 1):f} %"


def fmt_usd(value, *, short: bool = False, missing: str = "—") -> str:
    """USD 3,521,000 (or USD 3.5M when short)."""
    v = number(value)
    if v is None:
        return missing
    if short and abs(v) >= 1000:
        for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
            if abs(v) >= size:
                return f"USD {f'{_round(v / size, 1):f}'.removesuffix('.0')}{suffix}"
    return f"USD {int(_round(v)):,}"


def fmt_date(value) -> str:
    """2024-04-01 -> 1 April 2024 (text that is not a date is shown as it is)."""
    try:
        d = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def period_label(start: str, end: str) -> str:
    """2023-01..2023-12 -> 2023; 2023-01..2023-06 -> January–June 2023."""
    s, e = date.fromisoformat(start + "-01"), date.fromisoformat(end + "-01")
    if s.year == e.year and s.month == 1 and e.month == 12:
        return str(s.year)
    if s.year == e.year:
        return f"{s.strftime('%B')}–{e.strftime('%B')} {s.year}"
    return f"{s.strftime('%B')} {s.year} – {e.strftime('%B')} {e.year}"


def hidden_words(token: str) -> str:
    """A token in prose: `<5` -> 'fewer than 5', `[c]` -> 'an undisclosed number'."""
    if token == COMPLEMENT:
        return "an undisclosed number"
    return f"fewer than {token[1:]}" if is_hidden(token) else token


_WITH_THE = {"caribbean", "southern-cone", "DOM"}
"""Scopes whose name takes "the" in a sentence (in the Caribbean, in the Dominican Republic)."""


def scope_phrase(scope: str, name: str) -> str:
    """A scope as a sentence names it: "the region", "the Caribbean", "Colombia"."""
    if scope == "region":
        return "the region"
    return f"the {name}" if scope in _WITH_THE else name
