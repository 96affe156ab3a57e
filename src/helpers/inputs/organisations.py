"""Resolving organisation names through the partner reference (name, Spanish and
Portuguese names, acronym): the index every partner count and table uses."""

from __future__ import annotations

import pandas as pd

from ..core.names import name_key


class PartnerIndex:
    """Resolves organisation names through the partner reference; a name the reference
    does not know stays itself (its spaces collapsed), compared by `name_key`."""

    def __init__(self, partners: pd.DataFrame | None):
        self.lookup: dict[str, str] = {}
        self.rm_led: set[str] = set()
        self.has_reference = partners is not None and not partners.empty
        # Whether the reference says which organisations are refugee- and migrant-led
        # (the flag exists from 2023): without it their number is not reported, never 0.
        self.has_rm_flag = bool(
            self.has_reference and partners["refugee_migrant_led"].notna().any()
        )
        if partners is None:
            return
        ambiguous: set[str] = set()
        for name, aliases, led in zip(
            partners["name"], partners["aliases"], partners["refugee_migrant_led"], strict=True
        ):
            for alias in [name_key(name), *aliases]:
                if alias in self.lookup and self.lookup[alias] != name:
                    ambiguous.add(alias)
                self.lookup.setdefault(alias, name)
            if led is not pd.NA and bool(led):
                self.rm_led.add(name)
        for alias in ambiguous:
            self.lookup.pop(alias, None)

    def resolve(self, name: object) -> str | None:
        """Canonical name, or None for an empty name."""
        text = " ".join(str(name).split()) if name is not None else ""
        if not text or text.casefold() in {"nan", "none"}:
            return None
        return self.lookup.get(name_key(text), text)

    def known(self, name: object) -> bool:
        return name_key(name) in self.lookup
