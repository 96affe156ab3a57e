"""Partner counts (METHOD.md "Partners"): distinct organisations, never summed across scopes.

Counts and tables name organisations the same way (`organisation_names`): through the
partner reference where it knows them, else by their first spelling, compared by
`name_key`. So a partner table has exactly as many rows as its partner count.
"""

from __future__ import annotations

import pandas as pd

from ..core.distinct import map_distinct
from ..core.names import YES_WORDS, fold, name_key
from ..inputs.organisations import PartnerIndex

NOT_NAMED = "(organisation not named)"


def organisation_names(values: pd.Series, index: PartnerIndex) -> pd.Series:
    """Each row's organisation as one name (None where blank): the partner reference's
    name, else the first spelling met in these rows of names with the same `name_key`."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=False)
    first: dict[str, str] = {}
    names = []
    for value in uniques:
        resolved = index.resolve(value) if value is not None else None
        names.append(None if resolved is None else first.setdefault(name_key(resolved), resolved))
    return pd.Series(
        pd.Series(names, dtype=object).take(codes).array, index=values.index, dtype=object
    )


def implementer_column(rows: pd.DataFrame) -> pd.Series:
    """Who implemented each row: the implementing partner where set-up is Yes, else the
    appealing organisation (a blank set-up with a named partner counts as Yes)."""
    setup = map_distinct(rows["implementation"], fold)
    partner = rows["implementing_partner"].astype(str).str.strip()
    uses_partner = setup.isin(YES_WORDS) | ((setup == "") & (partner != ""))
    uses_partner &= partner != ""
    return rows["appealing_org"].where(~uses_partner, partner)


def implementer_names(rows: pd.DataFrame, index: PartnerIndex) -> pd.Series:
    """Each row's implementing partner, named as counts and tables name it."""
    return organisation_names(implementer_column(rows), index)


def reporting_partners(rows: pd.DataFrame, index: PartnerIndex) -> set[str]:
    return set(organisation_names(rows["appealing_org"], index).dropna())


def implementing_partners(rows: pd.DataFrame, index: PartnerIndex) -> set[str]:
    return set(implementer_names(rows, index).dropna())


def refugee_migrant_led(implementers: set[str], index: PartnerIndex) -> set[str]:
    return {n for n in implementers if n in index.rm_led}
