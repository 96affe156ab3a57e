"""A dataset: the manifest and every source it names, read, checked and made canonical.

Data moves one way: files -> `load_dataset` (canonical tables + findings) -> compute.
Problems a user must fix raise `InputError`; oddities that can be reported and worked
around become `Finding`s that the chapter's data-quality annex lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.checksums import sha256_many
from ..core.distinct import map_distinct
from ..core.findings import Finding
from ..core.names import fold, name_key
from .activities import load_activities
from .extract import funding_files
from .fts import load_fts
from .manifest import MANIFEST_NAME, Manifest, read_manifest, source_files
from .narratives import Narratives, load_narratives
from .organisations import PartnerIndex
from .references import (
    load_indicators,
    load_partners,
    load_requirements,
    load_situation,
    load_targets,
)
from .tables import display_name


@dataclass
class Dataset:
    """Every source of a dataset as canonical tables (core.columns), with its findings and
    the provenance of each file read."""

    manifest: Manifest
    activities: pd.DataFrame
    indicators: pd.DataFrame
    partners: pd.DataFrame | None = None
    targets: pd.DataFrame | None = None
    requirements: pd.DataFrame | None = None
    flows: pd.DataFrame | None = None
    situation: pd.DataFrame | None = None
    narratives: Narratives | None = None  # narratives["es", "COL"]; ["COL"]: active edition
    findings: list[Finding] = field(default_factory=list)
    inputs: list[dict] = field(default_factory=list)  # provenance: file, sha256, bytes

    @property
    def name(self) -> str:
        return self.manifest.name


def load_dataset(folder: str | Path) -> Dataset:
    """Read the manifest and every source it names; raise InputError on unusable input."""
    m = read_manifest(folder)
    findings: list[Finding] = []
    for key in m.unknown_keys:
        findings.append(
            Finding(
                "manifest",
                f"unknown key '{key}' ignored",
                file="dataset.yaml",
                column=key,
                severity="info",
                params={"key": key},
            )
        )
    base = m.folder
    activities = load_activities(m.files("activities"), m, findings)
    indicators = load_indicators(m.files("indicators"), base, findings)
    partners = load_partners(m.files("partners"), base, findings) if m.has("partners") else None
    targets = load_targets(m.files("targets"), base, findings) if m.has("targets") else None
    requirements = (
        load_requirements(m.files("requirements"), base, findings)
        if m.has("requirements")
        else None
    )
    flows = None
    if m.has("funding"):
        flows, flow_findings = load_fts(funding_files(m.files("funding"), base))
        findings.extend(flow_findings)
    situation = load_situation(m.files("situation"), base, findings) if m.has("situation") else None
    narratives = None
    if m.has("narratives"):
        narratives = load_narratives(m.files("narratives"), base)
    check_sectors(activities, indicators, m, findings)
    check_organisation_spellings(activities, partners, findings)
    read = source_files(m)
    inputs = [
        {"source": key, "file": display_name(f, base), "sha256": digest, "bytes": f.stat().st_size}
        for (key, f), digest in zip(read, sha256_many(f for _, f in read), strict=True)
    ]
    return Dataset(
        m,
        activities,
        indicators,
        partners,
        targets,
        requirements,
        flows,
        situation,
        narratives,
        findings,
        inputs,
    )


# ---------------------------------------------------------------- sectors


def known_sectors(dataset: Dataset) -> list[str]:
    """Sector names in the 5W rows and the indicator reference, one spelling each (the
    first met, 5W rows first), in order of their `name_key`."""
    seen: dict[str, str] = {}
    for values in (
        pd.unique(dataset.activities["sector"]),
        pd.unique(dataset.indicators["sector"]),
    ):
        for v in values:
            if isinstance(v, str) and v.strip():
                seen.setdefault(name_key(v), v)
    return [v for _, v in sorted(seen.items())]


# ---------------------------------------------------------------- cross-source checks


def check_sectors(
    activities: pd.DataFrame, indicators: pd.DataFrame, m: Manifest, findings: list[Finding]
) -> None:
    """A sector the indicator reference does not know makes every row of it uncountable: say
    so once per spelling (with its rows and people), and once for the manifest's sector."""
    known = {name_key(v) for v in indicators["sector"]}
    if not known:
        return
    if name_key(m.sector) not in known:
        findings.append(
            Finding(
                "unknown_sector",
                f"the manifest's sector '{m.sector[:80]}' is not in the "
                "indicator reference; no row can count as people reached for it (sectors in the "
                "reference: " + ", ".join(sorted(set(indicators["sector"]))[:8]) + ")",
                file=MANIFEST_NAME,
                column="sector",
                params={"sector": m.sector[:80]},
            )
        )
    if activities.empty:
        return
    unknown = ~map_distinct(activities["sector"], lambda v: name_key(v) in known).astype(bool)
    cols = ["sector", "new_beneficiaries", "source_file", "source_row", "country"]
    for value, rows in activities.loc[unknown.to_numpy(), cols].groupby("sector", sort=False):
        first = rows.iloc[0]
        people = float(rows["new_beneficiaries"].fillna(0).sum())
        what = (
            f"sector '{str(value)[:80]}' is not in the indicator reference"
            if str(value).strip()
            else "sector is empty"
        )
        findings.append(
            Finding(
                "unknown_sector",
                f"{what}; its {len(rows)} row(s) ({people:,.0f} new beneficiaries) count in no "
                "sector",
                file=first["source_file"],
                row=int(first["source_row"]),
                column="sector",
                country=first["country"],
                sector=str(value) or None,
                params={"sector": str(value)[:80]},
                people=people,
            )
        )


def check_organisation_spellings(
    activities: pd.DataFrame, partners: pd.DataFrame | None, findings: list[Finding]
) -> None:
    """Names that differ only in accents count as different organisations
    (METHOD.md keeps accents) unless the partner reference links them: name each pair so the
    data owner can fix the spelling or add it to the reference."""
    if activities.empty:
        return
    index = PartnerIndex(partners)
    first_seen: dict[str, dict[str, tuple]] = {}
    for column in ("appealing_org", "implementing_partner"):
        names = activities[column]
        # Each distinct name at its first row (codes number names in order of appearance).
        codes, uniques = pd.factorize(names.astype(str).str.strip())
        seen_codes, first_rows = np.unique(codes, return_index=True)
        for code, pos in zip(seen_codes, first_rows, strict=True):
            name = uniques[code] if code >= 0 else ""  # -1: a missing name
            canonical = index.resolve(name) if name != "" else None
            if canonical is None:
                continue
            rec = activities.iloc[int(pos)]
            spellings = first_seen.setdefault(fold(canonical), {})
            spellings.setdefault(
                name_key(canonical),
                (name, rec["source_file"], rec["source_row"], rec["country"], column),
            )
    for spellings in first_seen.values():
        if len(spellings) < 2:
            continue
        (name0, file0, row0, *_), *others = spellings.values()
        for name, file, row, country, column in others:
            findings.append(
                Finding(
                    "similar_organisations",
                    f"organisation '{name[:60]}' differs from '{name0[:60]}' ({file0} row "
                    f"{row0}) only in accents; they count as two partners unless the "
                    "partner reference lists both spellings",
                    file=file,
                    row=int(row),
                    column=column,
                    params={"name": name[:60], "other": name0[:60]},
                    country=country,
                )
            )
