"""Partner counts (METHOD.md "Partners"): distinct organisations, never summed across scopes."""

from __future__ import annotations

import pandas as pd

from .geography import fold
from .load import map_distinct, org_key


class PartnerIndex:
    """Resolves organisation names through the partner reference (name, Spanish/Portuguese
    name, acronym); unknown names stay themselves, compared after trim and case-fold."""

    def __init__(self, partners: pd.DataFrame | None):
        self.lookup: dict[str, str] = {}
        self.rm_led: set[str] = set()
        self.has_reference = partners is not None and not partners.empty
        if partners is None:
            return
        ambiguous: set[str] = set()
        for name, aliases, led in zip(partners["name"], partners["aliases"],
                                      partners["refugee_migrant_led"], strict=True):
            for alias in [org_key(name), *aliases]:
                if alias in self.lookup and self.lookup[alias] != name:
                    ambiguous.add(alias)
                self.lookup.setdefault(alias, name)
            if led:
                self.rm_led.add(name)
        for alias in ambiguous:
            self.lookup.pop(alias, None)

    def resolve(self, name: object) -> str | None:
        """Canonical name, or None for an empty name."""
        text = " ".join(str(name).split()) if name is not None else ""
        if not text or text.casefold() in {"nan", "none"}:
            return None
        key = org_key(text)
        return self.lookup.get(key, text)

    def known(self, name: object) -> bool:
        return org_key(name) in self.lookup


def _distinct(names) -> set[str]:
    """Distinct names by their normalised key, keeping the first spelling seen."""
    seen: dict[str, str] = {}
    for n in names:
        if n:
            seen.setdefault(org_key(n), n)
    return set(seen.values())


def is_yes(value: object) -> bool:
    return fold(value) in {"yes", "si", "sim", "y", "true"}


def implementer_column(rows: pd.DataFrame) -> pd.Series:
    """Who implemented each row: the implementing partner where set-up is Yes, else the
    appealing organisation (a blank set-up with a named partner counts as Yes)."""
    setup = map_distinct(rows["implementation"], fold)
    partner = rows["implementing_partner"].astype(str).str.strip()
    uses_partner = (setup.isin({"yes", "si", "sim", "y", "true"})
                    | ((setup == "") & (partner != "")))
    uses_partner &= partner != ""
    return rows["appealing_org"].where(~uses_partner, partner)


def reporting_partners(rows: pd.DataFrame, index: PartnerIndex) -> set[str]:
    return _distinct(index.resolve(n) for n in pd.unique(rows["appealing_org"]))


def implementing_partners(rows: pd.DataFrame, index: PartnerIndex) -> set[str]:
    return _distinct(index.resolve(n) for n in pd.unique(implementer_column(rows)))


def refugee_migrant_led(implementers: set[str], index: PartnerIndex) -> set[str]:
    return {n for n in implementers if n in index.rm_led}
