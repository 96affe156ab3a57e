"""Lessons-learned analytics (METHOD.md, "Lessons-learned analytics", ours): funding set
against reach, to show where the two disagree.

Every function takes plain tables (one value per country, organisation or row) and returns
numbers or tables; a chapter decides what it may publish. Exact counts go in; small-number
disclosure control is the caller's job (the chapter layer).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..core.geography import COUNTRIES, PLATFORMS, country_name
from ..core.i18n import N_
from ..core.numbers import finite_number
from .funding import coverage

MIN_N = 8
"""Below this many countries a rank correlation is printed with a plain warning that it
means nothing: with n < 8 one country moving changes rho a lot (ours)."""

COUNTRY_COLUMNS = [
    "reached",
    "target",
    "funding_usd",
    "requirement_usd",
    "usd_per_person_reached",
    "usd_per_person_targeted",
    "coverage",
]


def per_person(amount, people) -> float | None:
    """USD per person: None without an amount or without people (never ∞, never 0 ÷ 0)."""
    a, p = finite_number(amount), finite_number(people)
    if a is None or p is None or p <= 0:
        return None
    return a / p


def _series(values, index) -> pd.Series:
    if values is None:
        return pd.Series(np.nan, index=index, dtype="float64")
    return pd.Series(values, dtype="float64").reindex(index)


def country_table(
    reached: pd.Series,
    funding: pd.Series | None = None,
    targets: pd.Series | None = None,
    requirements: pd.Series | None = None,
) -> pd.DataFrame:
    """One row per country (the index of `reached`): people reached, target, funding
    received, requirement, USD per person reached and targeted, and coverage.

    A source that is missing (None) leaves its columns empty (NaN), never zero.
    """
    index = reached.index
    out = pd.DataFrame(index=index)
    out["reached"] = pd.Series(reached, dtype="float64")
    out["target"] = _series(targets, index)
    out["funding_usd"] = _series(funding, index)
    out["requirement_usd"] = _series(requirements, index)
    out["usd_per_person_reached"] = [
        per_person(f, r) for f, r in zip(out["funding_usd"], out["reached"], strict=True)
    ]
    out["usd_per_person_targeted"] = [
        per_person(f, t) for f, t in zip(out["funding_usd"], out["target"], strict=True)
    ]
    out["coverage"] = [
        coverage(f, q) for f, q in zip(out["funding_usd"], out["requirement_usd"], strict=True)
    ]
    return out[COUNTRY_COLUMNS].astype("float64")


def _sum(values: pd.Series) -> float:
    """Σ of the given values; NaN when none is given (a missing source is not zero)."""
    return float(values.sum()) if values.notna().any() else math.nan


def platform_table(countries: pd.DataFrame) -> pd.DataFrame:
    """The country table summed per platform (a platform is the sum of its countries, in
    transit included); ratios recomputed from the sums, never averaged.

    Coverage uses the countries that have a requirement: received by those countries ÷
    their requirement, so a country without a requirement does not inflate it.
    """
    rows = {}
    for pid, platform in PLATFORMS.items():
        part = countries.reindex([c for c in platform.countries if c in countries.index])
        if part.empty:
            continue
        with_req = part[part["requirement_usd"].notna()]
        reached, target = _sum(part["reached"]), _sum(part["target"])
        funding = _sum(part["funding_usd"])
        rows[pid] = {
            "reached": reached,
            "target": target,
            "funding_usd": funding,
            "requirement_usd": _sum(part["requirement_usd"]),
            "usd_per_person_reached": per_person(funding, reached),
            "usd_per_person_targeted": per_person(funding, target),
            "coverage": coverage(_sum(with_req["funding_usd"]), _sum(with_req["requirement_usd"])),
        }
    return pd.DataFrame.from_dict(rows, orient="index", columns=COUNTRY_COLUMNS).astype("float64")


# ---------------------------------------------------------------- rank correlation


# Why a statistic was not computed (RankCorrelation.reason, CoverageSpread.reason)
NO_FUNDING, NO_DATA, TOO_FEW = "no_funding", "no_data", "too_few"
SAME_FUNDING, SAME_REACHED = "same_funding", "same_reached"


@dataclass(frozen=True)
class RankCorrelation:
    """Spearman's rho between funding received and people reached across countries."""

    rho: float | None
    p_value: float | None
    n: int
    reason: str = ""
    """Why no rho was computed (`NO_FUNDING`, `TOO_FEW`, `SAME_FUNDING`, `SAME_REACHED`);
    "" when one was. The words are the present layer's (`statistics_text`)."""

    @property
    def meaningful(self) -> bool:
        return self.rho is not None and self.n >= MIN_N


def rank_correlation(
    funding: pd.Series | None, reached: pd.Series, min_n: int = MIN_N
) -> RankCorrelation:
    """Spearman rank correlation over the countries that have both numbers.

    With fewer than `min_n` countries rho and its p-value are still given (`meaningful` is
    then False: so few countries cannot support a conclusion); with fewer than 3, or when
    one side does not vary, no rho is computed at all, and `reason` says why.
    """
    if funding is None:
        return RankCorrelation(None, None, 0, NO_FUNDING)
    pairs = pd.DataFrame(
        {"f": pd.Series(funding, dtype="float64"), "r": pd.Series(reached, dtype="float64")}
    ).dropna()
    n = len(pairs)
    if n < 3:
        return RankCorrelation(None, None, n, TOO_FEW)
    if pairs["f"].nunique() < 2 or pairs["r"].nunique() < 2:
        same = SAME_FUNDING if pairs["f"].nunique() < 2 else SAME_REACHED
        return RankCorrelation(None, None, n, same)
    rho, p = _spearman(pairs["f"], pairs["r"])
    return RankCorrelation(rho, p, n)


def _spearman(x: pd.Series, y: pd.Series) -> tuple[float, float]:
    """(rho, two-sided p) as `scipy.stats.spearmanr` gives them: Pearson's r of the ranks
    (ties take their mean rank), and p from Student's t with n - 2 degrees of freedom,
    t = rho * sqrt((n - 2) / (1 - rho^2)). Written out because importing scipy.stats to
    call it cost each kernel about 1.3 s; scipy.special holds the t distribution."""
    from scipy.special import stdtr

    n = len(x)
    rho = float(min(1.0, max(-1.0, x.rank().corr(y.rank()))))
    if abs(rho) == 1.0:
        return rho, 0.0
    t = rho * math.sqrt((n - 2) / ((1.0 - rho) * (1.0 + rho)))
    return rho, float(2.0 * stdtr(n - 2, -abs(t)))


# ---------------------------------------------------------------- spread of coverage


@dataclass(frozen=True)
class CoverageSpread:
    """How unevenly funding covered requirements across countries."""

    cv: float | None  # coefficient of variation: population SD ÷ mean of coverage
    mean: float | None
    sd: float | None
    n: int
    lowest: float | None = None
    highest: float | None = None
    reason: str = ""
    """Why no spread was measured (`NO_DATA`, `TOO_FEW`, `NO_FUNDING`); "" when one was.
    The words are the present layer's (`statistics_text`)."""


def coverage_spread(coverages: pd.Series | None) -> CoverageSpread:
    """Coefficient of variation (population standard deviation ÷ mean, as
    scipy.stats.variation) of coverage across the countries that have one."""
    if coverages is None:
        return CoverageSpread(None, None, None, 0, reason=NO_DATA)
    values = pd.Series(coverages, dtype="float64").dropna()
    n = len(values)
    if n < 2:
        return CoverageSpread(None, None, None, n, reason=TOO_FEW)
    mean = float(values.mean())
    sd = float(values.std(ddof=0))
    if mean <= 0:
        return CoverageSpread(None, mean, sd, n, reason=NO_FUNDING)
    return CoverageSpread(sd / mean, mean, sd, n, float(values.min()), float(values.max()))


# ---------------------------------------------------------------- misalignment

FUNDED_NOT_REACHED = N_("funding but no people reached")
REACHED_NOT_FUNDED = N_("people reached but no recorded funding")


def misalignment(table: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """Units (countries or organisations, the index) with funding but no people reached, or
    people reached but no recorded funding. `table` needs `reached` and `funding_usd`;
    units with no funding number at all (no funding source) are not listed."""
    cols = ["id", "name", "issue", "reached", "funding_usd"]
    rows = []
    for unit, r in table.iterrows():
        reached = finite_number(r["reached"]) or 0.0
        funding = finite_number(r["funding_usd"])
        if funding is None:
            continue
        issue = (
            FUNDED_NOT_REACHED
            if funding > 0 and reached <= 0
            else REACHED_NOT_FUNDED
            if reached > 0 and funding <= 0
            else None
        )
        if issue:
            name = (names or {}).get(unit) or (
                country_name(unit) if unit in COUNTRIES else str(unit)
            )
            rows.append(
                {
                    "id": unit,
                    "name": name,
                    "issue": issue,
                    "reached": reached,
                    "funding_usd": funding,
                }
            )
    return pd.DataFrame(rows, columns=cols)


def organisation_table(funding_by_org: pd.Series, reached_by_org: pd.Series) -> pd.DataFrame:
    """Funding received and people reached per organisation (names already resolved to one
    spelling), for `misalignment`; an organisation missing on one side has 0 there."""
    orgs = sorted(set(funding_by_org.index) | set(reached_by_org.index), key=str.casefold)
    return pd.DataFrame(
        {
            "reached": pd.Series(reached_by_org, dtype="float64").reindex(orgs).fillna(0.0),
            "funding_usd": pd.Series(funding_by_org, dtype="float64").reindex(orgs).fillna(0.0),
        },
        index=pd.Index(orgs, dtype=object),
    )


# ---------------------------------------------------------------- outputs


@dataclass(frozen=True)
class OutputShare:
    """How much of the sector's reporting is outputs that are not people reached."""

    output_rows: int
    rows: int
    share: float | None  # output_rows ÷ rows, None without rows
    by_type: dict[str, int] = field(default_factory=dict)


def output_share(rows: pd.DataFrame) -> OutputShare:
    """Share of the sector's activity rows (classified, see reach.classify) whose indicator is
    known and is not counted as people: trainings, mechanisms, campaigns. Rows whose
    indicator is not in the reference stay in the denominator (they are the sector's rows)
    but are neither people nor outputs."""
    total = len(rows)
    if total == 0:
        return OutputShare(0, 0, None, {})
    outputs = rows[rows["known_indicator"] & ~rows["counts_as_people"]]
    by_type = {str(k): int(v) for k, v in outputs["indicator_type"].value_counts().items()}
    return OutputShare(len(outputs), total, len(outputs) / total, by_type)
