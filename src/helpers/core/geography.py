"""The 17 countries and 8 platforms of the R4V response, and name -> ISO3 resolution.

Source files spell countries and platforms in English, Spanish or Portuguese,
with or without accents; everything is resolved to ISO3 once, at load time.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .i18n import LANGUAGES, language
from .names import fold

REGIONAL = "REGIONAL"
"""Country code given to rows whose country is `Regional` (regional-level activities)."""


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    platform: str  # platform id


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    national: bool
    countries: tuple[str, ...]


PLATFORMS: dict[str, Platform] = {
    p.id: p
    for p in [
        Platform("brazil", "Brazil", True, ("BRA",)),
        Platform("chile", "Chile", True, ("CHL",)),
        Platform("colombia", "Colombia", True, ("COL",)),
        Platform("ecuador", "Ecuador", True, ("ECU",)),
        Platform("peru", "Peru", True, ("PER",)),
        Platform("caribbean", "Caribbean", False, ("ABW", "CUW", "DOM", "GUY", "TTO")),
        Platform(
            "central-america-mexico", "Central America and Mexico", False, ("CRI", "MEX", "PAN")
        ),
        Platform("southern-cone", "Southern Cone", False, ("ARG", "BOL", "PRY", "URY")),
    ]
}

_NAMES = {
    "ABW": "Aruba",
    "ARG": "Argentina",
    "BOL": "Bolivia",
    "BRA": "Brazil",
    "CHL": "Chile",
    "COL": "Colombia",
    "CRI": "Costa Rica",
    "CUW": "Curaçao",
    "DOM": "Dominican Republic",
    "ECU": "Ecuador",
    "GUY": "Guyana",
    "MEX": "Mexico",
    "PAN": "Panama",
    "PER": "Peru",
    "PRY": "Paraguay",
    "TTO": "Trinidad and Tobago",
    "URY": "Uruguay",
}

COUNTRIES: dict[str, Country] = {
    iso3: Country(iso3, _NAMES[iso3], pid) for pid, p in PLATFORMS.items() for iso3 in p.countries
}
COUNTRIES = dict(sorted(COUNTRIES.items(), key=lambda kv: kv[1].name))

# Other spellings seen in R4V files (Spanish, Portuguese, ISO2, short forms).
_COUNTRY_ALIASES = {
    "ABW": ["AW"],
    "ARG": ["AR"],
    "BOL": ["BO", "Bolivia (Plurinational State of)", "Estado Plurinacional de Bolivia"],
    "BRA": ["BR", "Brasil"],
    "CHL": ["CL"],
    "COL": ["CO"],
    "CRI": ["CR"],
    "CUW": ["CW", "Curacao", "Curazao"],
    "DOM": ["DO", "República Dominicana", "Republica Dominicana", "Dominican Rep."],
    "ECU": ["EC"],
    "GUY": ["GY"],
    "MEX": ["MX", "ME", "México"],
    "PAN": ["PA", "Panamá"],
    "PER": ["PE", "Perú"],
    "PRY": ["PY"],
    "TTO": ["TT", "Trinidad y Tobago", "Trinidad & Tobago", "Trinidad e Tobago"],
    "URY": ["UY"],
}
_REGIONAL_ALIASES = ["Regional", "Region", "Región", "Região", "Multi-country", "Multicountry"]

_PLATFORM_ALIASES = {
    "caribbean": ["Caribe", "The Caribbean", "Caribbean platform"],
    "central-america-mexico": [
        "Central America & Mexico",
        "Central America and Mexico",
        "Centroamérica y México",
        "Central America",
        "CA&M",
    ],
    "southern-cone": ["Cono Sur", "Southern cone", "Cone Sul"],
}


_COUNTRY_LOOKUP: dict[str, str] = {}
for _iso3, _c in COUNTRIES.items():
    for _alias in [_iso3, _c.name, *_COUNTRY_ALIASES.get(_iso3, [])]:
        _COUNTRY_LOOKUP[fold(_alias)] = _iso3
for _alias in _REGIONAL_ALIASES:
    _COUNTRY_LOOKUP[fold(_alias)] = REGIONAL

_PLATFORM_LOOKUP: dict[str, str] = {}
for _pid, _p in PLATFORMS.items():
    for _alias in [_pid, _p.name, *_PLATFORM_ALIASES.get(_pid, [])]:
        _PLATFORM_LOOKUP[fold(_alias)] = _pid
    if _p.national:
        for _iso3 in _p.countries:
            for _alias in [_iso3, *_COUNTRY_ALIASES.get(_iso3, [])]:
                _PLATFORM_LOOKUP[fold(_alias)] = _pid


def resolve_country(name: object) -> str | None:
    """ISO3 for a country name in any known spelling, `REGIONAL`, or None if unknown."""
    if name is None or (isinstance(name, float) and name != name):
        return None
    return _COUNTRY_LOOKUP.get(fold(str(name)))


def resolve_platform(name: object) -> str | None:
    """Platform id for a platform name in any known spelling, or None if unknown."""
    if name is None or (isinstance(name, float) and name != name):
        return None
    return _PLATFORM_LOOKUP.get(fold(str(name)))


def platform_of(iso3: str) -> str | None:
    """Platform id of a country; None for REGIONAL or unknown codes."""
    c = COUNTRIES.get(iso3)
    return c.platform if c else None


# ------------------------------------------------------------------ names per edition

NAMES_FILE = Path(__file__).resolve().parent / "reference" / "names.csv"
"""The region, platforms and countries named in each edition's language (the countries
as CLDR names them in Spanish and Portuguese; the platforms as R4V does)."""


def _read_names() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """(names, articles): each id's name in each language, and the definite article a
    sentence puts before it ("the Caribbean", "el Cono Sur", "o Brasil"; empty: none)."""
    with NAMES_FILE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    names = {row["id"]: {lang: row[lang] for lang in LANGUAGES} for row in rows}
    articles = {row["id"]: {lang: row[f"{lang}_article"] for lang in LANGUAGES} for row in rows}
    return names, articles


_LOCAL_NAMES, _ARTICLES = _read_names()


def local_article(key: str, lang: str | None = None) -> str:
    """The definite article a sentence of `lang` (default: the active edition) puts before
    the region's, a platform's or a country's name; "" when it takes none."""
    return _ARTICLES.get(key, {}).get(lang or language(), "")


def local_name(key: str, lang: str | None = None) -> str | None:
    """The name of the region, a platform id or an ISO3 code in `lang` (default: the
    active edition); None when the reference has no name for it."""
    names = _LOCAL_NAMES.get(key)
    return names[lang or language()] if names else None


def country_name(iso3: str) -> str:
    """A country's name in the active edition; an unknown code as it is."""
    if iso3 not in COUNTRIES:
        return iso3
    return local_name(iso3) or COUNTRIES[iso3].name


def platform_name(pid: str) -> str:
    """A platform's name in the active edition."""
    return local_name(pid) or PLATFORMS[pid].name


# Chapter scopes: the region, each sub-regional platform, each country (a national
# platform's chapter is its country's chapter).
REGION = "region"


def chapter_scopes() -> list[str]:
    """All 21 chapter scopes in reading order: region, sub-regional platforms, countries."""
    subregional = [pid for pid, p in PLATFORMS.items() if not p.national]
    return [REGION, *subregional, *COUNTRIES]


def resolve_scope(scope: str) -> str | None:
    """Canonical scope id (`region`, a sub-regional platform id, or ISO3) or None."""
    if not isinstance(scope, str) or not scope.strip():
        return None
    if fold(scope) in {"region", "regional"}:
        return REGION
    iso3 = resolve_country(scope)
    if iso3 and iso3 != REGIONAL:
        return iso3
    pid = resolve_platform(scope)
    if pid and not PLATFORMS[pid].national:
        return pid
    if pid:
        return PLATFORMS[pid].countries[0]
    return None


def scope_name(scope: str) -> str:
    """A chapter's name in the active edition: `Regional`, `Cono Sur`, `Perú`."""
    if scope == REGION:
        return local_name(REGION) or "Regional"
    if scope in PLATFORMS:
        return platform_name(scope)
    return country_name(scope)


def scope_countries(scope: str) -> tuple[str, ...]:
    """The countries whose rows a scope covers."""
    if scope == REGION:
        return tuple(COUNTRIES)
    if scope in PLATFORMS:
        return PLATFORMS[scope].countries
    return (scope,)


# ---------------------------------------------------------------- any country of the world

_UN_NAMES = {  # UN-style names FTS writes that ISO 3166 spells otherwise
    "state of palestine": "PSE",
    "occupied palestinian territory": "PSE",
    "turkey": "TUR",
    "democratic republic of the congo": "COD",
    "republic of korea": "KOR",
    "democratic people's republic of korea": "PRK",
}


def world_country(name: object) -> tuple[str, str] | None:
    """(ISO3, English name) of any country of the world written as FTS and HDX write it
    (`Jordan`, `JOR`, `Bolivia (Plurinational State of)`); None for a region or text
    that names no country. The 17 keep the names this module gives them."""
    if name is None or not str(name).strip():
        return None
    text = " ".join(str(name).split())
    iso3 = resolve_country(text)
    if iso3 in COUNTRIES:
        return iso3, COUNTRIES[iso3].name
    import pycountry  # ISO 3166 data, only when a flow names a country outside the 17

    candidates = [text, text.split(" (")[0]]
    for candidate in candidates:
        code = _UN_NAMES.get(candidate.casefold())
        try:
            country = (
                pycountry.countries.get(alpha_3=code)
                if code
                else pycountry.countries.lookup(candidate)
            )
        except LookupError:
            continue
        if country is not None:
            if country.alpha_3 in COUNTRIES:
                return country.alpha_3, COUNTRIES[country.alpha_3].name
            return country.alpha_3, getattr(country, "common_name", country.name)
    return None
