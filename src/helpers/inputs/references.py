"""Reference tables as R4V publishes them: indicators, partners, targets, requirements,
situation indicators; each read as it is and turned into one canonical table."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..core import geography
from ..core.columns import (
    INDICATOR_COLUMNS,
    PARTNER_COLUMNS,
    SITUATION_COLUMNS,
    TARGET_COLUMNS,
)
from ..core.errors import InputError
from ..core.findings import Finding
from ..core.names import fold, is_yes, name_key
from . import dialects
from .tables import RawTable, read_table
from .values import parse_numbers

PEOPLE_TYPES = {"direct assistance", "pin"}
INDICATOR_TYPES = {
    "direct assistance": "Direct Assistance",
    "capacity building": "Capacity Building",
    "mechanism/advocacy": "Mechanism/Advocacy",
    "campaign": "Campaign",
    "infrastructure": "Infrastructure",
    "other": "Other",
    "pin": "Pin",
    "people": "People",  # the 2021 list's outputs counted in people (trainings): not reached
}


# ---------------------------------------------------------------- indicator reference

_INDICATOR_FIELDS = {
    "code": ["code"],
    "sector": ["sector/subsector/wg", "sector subsector wg", "sector", "subsector"],
    "indicator": ["indicator"],
    "indicator_type": ["indicator type", "indicator_type"],
    "indicator_es": ["indicador (sp)"],
    "indicator_type_es": ["tipo de indicador"],
}


def _pick(table: RawTable, fields: dict[str, list[str]], required: list[str]) -> dict[str, str]:
    keys = {dialects.header_key(c): c for c in table.frame.columns}
    found = {}
    for name, options in fields.items():
        for option in options:
            k = dialects.header_key(option)
            if k in keys:
                found[name] = keys[k]
                break
    missing = [f for f in required if f not in found]
    if missing:
        raise InputError(
            "missing column(s): " + ", ".join(" / ".join(fields[f]) for f in missing),
            file=table.file,
            row=table.header_row,
        )
    return found


def _given(column: pd.Series) -> pd.Series:
    """Stripped text, None where a cell is blank (a name the list does not give)."""
    values = [v.strip() if isinstance(v, str) else "" for v in column]
    return pd.Series([v or None for v in values], index=column.index, dtype=object)


def load_indicators(paths: list[Path], base: Path, findings: list[Finding]) -> pd.DataFrame:
    """R4V's indicator lists as they are (2021 `Indicator_Type` Pin/Other, 2023-2024 types).
    The 2023-2024 list's Spanish name and type (`Indicador (SP)`, `Tipo de indicador`) are
    kept as `indicator_es` and `indicator_type_es`: None where blank or not in the list."""
    frames = []
    for p in paths:
        t = read_table(
            p,
            base=base,
            header_score=lambda r: sum(
                dialects.header_key(c)
                in {"indicator", "indicator type", "code", "sector subsector wg"}
                for c in r
            ),
        )
        findings.extend(t.findings)
        cols = _pick(t, _INDICATOR_FIELDS, ["sector", "indicator", "indicator_type"])
        df = pd.DataFrame(
            {
                "code": t.frame[cols["code"]].str.strip() if "code" in cols else "",
                "sector": t.frame[cols["sector"]].str.strip(),
                "indicator": t.frame[cols["indicator"]].str.strip(),
                "indicator_type": t.frame[cols["indicator_type"]].str.strip(),
            }
        )
        for name in ("indicator_es", "indicator_type_es"):
            df[name] = _given(t.frame[cols[name]]) if name in cols else None
        type_key = df["indicator_type"].map(fold)
        unknown = ~type_key.isin(INDICATOR_TYPES) & (df["indicator"] != "")
        for i in np.flatnonzero(unknown.to_numpy()):
            findings.append(
                Finding(
                    "indicator_type",
                    f"unknown indicator type '{df['indicator_type'].iat[i]}'; "
                    "the indicator is treated as an output, not people",
                    file=t.file,
                    row=int(t.rows.iat[i]),
                    column=cols["indicator_type"],
                    params={"value": str(df["indicator_type"].iat[i])[:40]},
                )
            )
        df["indicator_type"] = type_key.map(INDICATOR_TYPES).fillna(df["indicator_type"])
        df["counts_as_people"] = type_key.isin(PEOPLE_TYPES)
        frames.append(df[df["indicator"] != ""])
    out = pd.concat(frames, ignore_index=True)[INDICATOR_COLUMNS]
    out = out.drop_duplicates(subset=["sector", "indicator"], keep="first")
    return out.reset_index(drop=True)


# ---------------------------------------------------------------- partner reference

_PARTNER_FIELDS = {
    "name": ["Name"],
    "nombre": ["Nombre"],
    "nome": ["Nome"],
    "acronym": ["Acronym.Short.Name", "Acronym", "Short name"],
    "type": ["Type"],
    "rmlead": ["RMlead", "Refugees and Migrants lead", "RM lead"],
}


def load_partners(paths: list[Path], base: Path, findings: list[Finding]) -> pd.DataFrame:
    """Organisation reference: canonical name, every alias, type, refugee/migrant-led flag."""
    frames = []
    for p in paths:
        t = read_table(p, base=base)
        findings.extend(t.findings)
        cols = _pick(t, _PARTNER_FIELDS, ["name"])
        f = t.frame
        aliases = []
        for i in range(len(f)):
            names = [f[cols[c]].iat[i] for c in ("name", "nombre", "nome", "acronym") if c in cols]
            aliases.append(sorted({name_key(x) for x in names if str(x).strip()}))
        frames.append(
            pd.DataFrame(
                {
                    "name": f[cols["name"]].str.strip(),
                    "aliases": aliases,
                    "acronym": f[cols["acronym"]].str.strip() if "acronym" in cols else "",
                    "type": f[cols["type"]].str.strip() if "type" in cols else "",
                    # NA where the list has no flag: not reported is not "no"
                    "refugee_migrant_led": pd.array(
                        f[cols["rmlead"]].map(is_yes) if "rmlead" in cols else [None] * len(f),
                        dtype="boolean",
                    ),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    out = out[out["name"] != ""].drop_duplicates(subset=["name"]).reset_index(drop=True)
    return out[PARTNER_COLUMNS]


# ---------------------------------------------------------------- targets and requirements

_POP_LABELS = {
    "in destination": "in_destination",
    "destination": "in_destination",
    "dest": "in_destination",
    "in transit": "in_transit",
    "transit": "in_transit",
    "host community": "host_community",
    "host communities": "host_community",
    "hc": "host_community",
    "pendular": "pendular",
    "pendulars": "pendular",
    "colombian returnees": "colombian_returnees",
    "returnees": "colombian_returnees",
}
_WIDE = re.compile(r"^(pin|target) (dest|transit|hc|pendular|returnees) total$")


def _country_codes(values: pd.Series, rows: pd.Series, file: str, column: str) -> pd.Series:
    codes = values.map(lambda v: geography.resolve_country(v) if str(v).strip() else None)
    bad = codes.isna().to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        value = str(values.iat[i]).strip()
        raise InputError(
            f"country '{value[:60]}' is not one of the 17 R4V countries"
            if value
            else "country is empty",
            file=file,
            row=int(rows.iat[i]),
            column=column,
            expected="a country name such as 'Peru', 'Perú' or 'PER'",
        )
    return codes


def load_targets(paths: list[Path], base: Path, findings: list[Finding]) -> pd.DataFrame:
    """People in need and targets, long (one row per population type) or R4V's wide tables."""
    frames = []
    for p in paths:
        t = read_table(p, base=base)
        findings.extend(t.findings)
        keys = {dialects.header_key(c): c for c in t.frame.columns}
        wide = {k: c for k, c in keys.items() if _WIDE.match(k)}
        if wide:
            frames.append(_wide_targets(t, keys, wide, findings))
        else:
            frames.append(_long_targets(t, findings))
    out = pd.concat(frames, ignore_index=True)
    # Two wide tables (PiN and target) of the same places merge into one long table.
    out = (
        out.groupby(["country", "admin1", "sector", "population_type"], dropna=False, sort=False)[
            ["people_in_need", "target"]
        ]
        .sum(min_count=1)
        .reset_index()
    )
    return out[TARGET_COLUMNS]


def _long_targets(t: RawTable, findings) -> pd.DataFrame:
    cols = _pick(
        t,
        {
            "country": ["Country"],
            "admin1": ["Admin1"],
            "sector": ["Sector", "Subsector"],
            "pop": ["Population type"],
            "pin": ["People in need", "PiN"],
            "target": ["Target"],
        },
        ["country", "sector", "pop"],
    )
    f = t.frame
    pop = f[cols["pop"]].map(lambda v: _POP_LABELS.get(fold(v).replace("_", " ")))
    for i in np.flatnonzero(pop.isna().to_numpy()):
        value = str(f[cols["pop"]].iat[i]).strip()
        raise InputError(
            f"unknown population type '{value[:60]}'" if value else "population type is empty",
            file=t.file,
            row=int(t.rows.iat[i]),
            column=cols["pop"],
            expected="In destination, In transit, Host community, Pendular or Colombian returnees",
        )
    return pd.DataFrame(
        {
            "country": _country_codes(f[cols["country"]], t.rows, t.file, cols["country"]),
            "admin1": f[cols["admin1"]].str.strip() if "admin1" in cols else "",
            "sector": f[cols["sector"]].str.strip(),
            "population_type": pop,
            "people_in_need": (
                parse_numbers(f[cols["pin"]], t.rows, cols["pin"], t.file, findings, people=True)
                if "pin" in cols
                else np.nan
            ),
            "target": (
                parse_numbers(
                    f[cols["target"]], t.rows, cols["target"], t.file, findings, people=True
                )
                if "target" in cols
                else np.nan
            ),
        }
    )


def _wide_targets(t: RawTable, keys, wide, findings) -> pd.DataFrame:
    f = t.frame
    country_col = next((c for k, c in keys.items() if k.endswith("country")), None)
    sector_col = next((c for k, c in keys.items() if k in {"subsector", "sector"}), None)
    admin_col = next((c for k, c in keys.items() if k.endswith("admin1")), None)
    if country_col is None or sector_col is None:
        raise InputError(
            "wide target table needs a country and a sector column", file=t.file, row=t.header_row
        )
    countries = _country_codes(f[country_col], t.rows, t.file, country_col)
    parts = []
    pop_of = {
        "dest": "in_destination",
        "transit": "in_transit",
        "hc": "host_community",
        "pendular": "pendular",
        "returnees": "colombian_returnees",
    }
    for k, col in wide.items():
        kind, pop = _WIDE.match(k).groups()
        values = parse_numbers(f[col], t.rows, col, t.file, findings, people=True)
        parts.append(
            pd.DataFrame(
                {
                    "country": countries,
                    "admin1": f[admin_col].str.strip() if admin_col else "",
                    "sector": f[sector_col].str.strip(),
                    "population_type": pop_of[pop],
                    "people_in_need": values if kind == "pin" else np.nan,
                    "target": values if kind == "target" else np.nan,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def load_requirements(paths: list[Path], base: Path, findings: list[Finding]) -> pd.DataFrame:
    """Financial requirements (USD) per country and sector, for funding coverage."""
    frames = []
    for p in paths:
        t = read_table(p, base=base)
        findings.extend(t.findings)
        cols = _pick(
            t,
            {
                "country": ["Country"],
                "sector": ["Sector"],
                "req": ["Requirement (USD)", "Requirement", "Requirements"],
            },
            ["country", "sector", "req"],
        )
        f = t.frame
        frames.append(
            pd.DataFrame(
                {
                    "country": _country_codes(f[cols["country"]], t.rows, t.file, cols["country"]),
                    "sector": f[cols["sector"]].str.strip(),
                    "requirement_usd": parse_numbers(
                        f[cols["req"]], t.rows, cols["req"], t.file, findings, people=False
                    ),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


# ---------------------------------------------------------------- situation indicators


def load_situation(paths: list[Path], base: Path, findings: list[Finding]) -> pd.DataFrame:
    frames = []
    for p in paths:
        t = read_table(p, base=base)
        findings.extend(t.findings)
        cols = _pick(
            t,
            {c: [c] for c in ("country", "indicator", "value", "unit", "source", "date")},
            ["country", "indicator", "value"],
        )
        f = t.frame
        frames.append(
            pd.DataFrame(
                {
                    "country": _country_codes(f[cols["country"]], t.rows, t.file, cols["country"]),
                    "indicator": f[cols["indicator"]].str.strip(),
                    "value": f[cols["value"]].str.strip(),
                    "unit": f[cols["unit"]].str.strip() if "unit" in cols else "",
                    "source": f[cols["source"]].str.strip() if "source" in cols else "",
                    "date": f[cols["date"]].str.strip() if "date" in cols else "",
                }
            )
        )
    return pd.concat(frames, ignore_index=True)[SITUATION_COLUMNS]
