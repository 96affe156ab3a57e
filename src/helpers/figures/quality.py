"""Data-quality checks on a sector's classified 5W rows: fixable oddities, reported row by
row, never fatal (R4V's own catalogue of 5W checks, 2024, inspired them)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.columns import AGE_GENDER, POPULATION_TYPES
from ..core.distinct import map_distinct
from ..core.findings import Finding
from ..core.names import is_no, is_yes
from ..inputs.organisations import PartnerIndex
from .partners import implementer_column

PEOPLE_OUTPUTS = ("Capacity Building", "People")
"""Indicator types that are outputs measured in people (trainings), never people reached."""
CITED = [
    "source_file",
    "source_row",
    "country",
    "sector",
    "indicator",
    "new_beneficiaries",
    "total_monthly",
]
"""The columns of a row a finding names or quotes (`_row_finding` and the messages)."""
TOLERANCE = 0.5  # breakdowns are compared with half a person of slack (fractional data)


def _row_finding(
    row,
    check: str,
    message: str,
    column: str | None = None,
    people: float | None = None,
    severity: str = "warning",
    params: dict | None = None,
) -> Finding:
    return Finding(
        check,
        message,
        file=row.source_file,
        row=int(row.source_row),
        column=column,
        country=row.country,
        people=people,
        severity=severity,
        sector=row.sector or None,
        params=params or {},
    )


def check_activities(
    rows: pd.DataFrame, partner_index: PartnerIndex | None = None
) -> list[Finding]:
    """Row-level checks over classified 5W rows (see reach.classify)."""
    out: list[Finding] = []
    if rows.empty:
        return out
    # the columns a finding cites: iterating over these, not the 40 of a 5W row, is what
    # makes a check's loop cheap when it finds few rows
    cited = rows[CITED]
    new = rows["new_beneficiaries"].fillna(0.0)
    total = rows["total_monthly"]
    pop_sum = rows[POPULATION_TYPES].fillna(0.0).sum(axis=1)
    agd_cols = [c for c in AGE_GENDER if rows[c].notna().any()] or AGE_GENDER
    agd_sum = rows[agd_cols].fillna(0.0).sum(axis=1)
    direct = rows["counts_as_people"]
    ctype = rows["indicator_type"].fillna("")

    for row, n in zip(
        cited.loc[~rows["known_indicator"]].itertuples(), new[~rows["known_indicator"]], strict=True
    ):
        out.append(
            _row_finding(
                row,
                "unknown_indicator",
                f"indicator '{str(row.indicator)[:80]}' is not in the reference for sector "
                f"'{row.sector}'; its {n:,.0f} people are not counted",
                "indicator",
                people=n,
                params={"indicator": str(row.indicator)[:80], "sector": row.sector},
            )
        )

    mask = (total.notna() & (new > total + 1e-9)).to_numpy()
    for row in cited.loc[mask].itertuples():
        out.append(
            _row_finding(
                row,
                "new_exceeds_total",
                f"new beneficiaries ({row.new_beneficiaries:g}) exceed total "
                f"monthly beneficiaries ({row.total_monthly:g})",
                "new_beneficiaries",
                people=row.new_beneficiaries,
            )
        )

    # Breakdowns are checked on every row that reports people; on rows that count as
    # people reached the gap shows in the chapter as "not disaggregated" (a warning),
    # on output rows it changes no figure (info). A counted row with no new people but a
    # breakdown still shifts "not disaggregated", so it is listed too (METHOD.md rule 5).
    for check, label, diff in (
        ("population_breakdown", "population types", new - pop_sum),
        ("age_gender_breakdown", "age and gender", new - agd_sum),
    ):
        mask = (((new > 0) | direct) & (diff.abs() > TOLERANCE)).to_numpy()
        for row, n, d, people in zip(
            cited.loc[mask].itertuples(), new[mask], diff[mask], direct[mask], strict=True
        ):
            tail = (
                "; the difference is shown as not disaggregated"
                if people and check == "population_breakdown"
                else ""
            )
            # Output rows are not counted as people reached: their new beneficiaries are
            # only reported.
            what = "counted" if people else "reported"
            out.append(
                _row_finding(
                    row,
                    check,
                    f"{label} add up to {n - d:g}, not the {n:g} new beneficiaries "
                    f"{what} ({d:+g}){tail}",
                    "new_beneficiaries",
                    people=n,
                    severity="warning" if people else "info",
                    params={"counted": bool(people)},
                )
            )

    mask = (direct & (new <= 0) & (total.fillna(0) <= 0)).to_numpy()
    for row in cited.loc[mask].itertuples():
        out.append(
            _row_finding(
                row,
                "direct_assistance_no_people",
                "direct-assistance row reports no beneficiaries",
                "new_beneficiaries",
            )
        )

    frac = (direct & (np.abs(new - np.round(new)) > 1e-9)).to_numpy()
    for row in cited.loc[frac].itertuples():
        out.append(
            _row_finding(
                row,
                "fractional_people",
                f"new beneficiaries {row.new_beneficiaries:g} is not a whole "
                "number (a thousands separator written as '.'?)",
                "new_beneficiaries",
                severity="info",
            )
        )

    # Outputs counted in people (the 2023 lists' Capacity Building, the 2021 lists' People):
    # their measure is total monthly beneficiaries, not a quantity of output.
    in_people = ctype.isin(PEOPLE_OUTPUTS)
    cap = in_people & (total.fillna(0) <= 0)
    for row in cited.loc[cap.to_numpy()].itertuples():
        out.append(
            _row_finding(
                row,
                "capacity_building_no_total",
                "capacity-building row reports no total monthly beneficiaries",
                "total_monthly",
            )
        )
    no_output = (
        rows["known_indicator"] & ~direct & ~in_people & (rows["quantity_output"].fillna(0) <= 0)
    )
    for row in cited.loc[no_output.to_numpy()].itertuples():
        out.append(
            _row_finding(
                row,
                "no_output",
                "output indicator reports no quantity of output",
                "quantity_output",
            )
        )

    cva_yes = map_distinct(rows["cva"], is_yes).astype(bool)
    cva_value = rows["cva_value_usd"].fillna(0)
    mech = rows["delivery_mechanism"].astype(str).str.strip()
    for row in cited.loc[(cva_yes & (cva_value <= 0)).to_numpy()].itertuples():
        out.append(
            _row_finding(
                row, "cva_no_value", "CVA is Yes but no value in USD is given", "cva_value_usd"
            )
        )
    for row in cited.loc[(cva_yes & (mech == "")).to_numpy()].itertuples():
        out.append(
            _row_finding(
                row,
                "cva_no_mechanism",
                "CVA is Yes but no delivery mechanism is given",
                "delivery_mechanism",
            )
        )
    cva_no = map_distinct(rows["cva"], is_no).astype(bool)
    for row in cited.loc[(cva_no & ((cva_value > 0) | (mech != ""))).to_numpy()].itertuples():
        out.append(
            _row_finding(
                row,
                "cva_no_with_value",
                "CVA is No but a value or delivery mechanism is given",
                "cva",
            )
        )

    setup = rows["implementation"].astype(str).str.strip()
    partner = rows["implementing_partner"].astype(str).str.strip()
    for row in cited.loc[((setup == "") & (partner == "")).to_numpy()].itertuples():
        out.append(
            _row_finding(
                row,
                "missing_setup",
                "implementation set-up is empty; the "
                "appealing organisation is taken as implementer",
                "implementation",
            )
        )
    for row in cited.loc[
        (map_distinct(setup, is_yes).astype(bool) & (partner == "")).to_numpy()
    ].itertuples():
        out.append(
            _row_finding(
                row,
                "missing_implementing_partner",
                "set-up is Yes but no implementing partner is named; the "
                "appealing organisation is taken as implementer",
                "implementing_partner",
            )
        )
    for row in cited.loc[
        (rows["appealing_org"].astype(str).str.strip() == "").to_numpy()
    ].itertuples():
        out.append(
            _row_finding(
                row,
                "missing_appealing_org",
                "appealing organisation is empty",
                "appealing_org",
                people=row.new_beneficiaries,
            )
        )

    if partner_index is not None and partner_index.has_reference:
        for column, values in (
            ("appealing_org", rows["appealing_org"]),
            ("implementing_partner", implementer_column(rows)),
        ):
            # each name looked up once, and listed at its first row only
            unknown = map_distinct(
                values, lambda v: bool(str(v).strip()) and not partner_index.known(v)
            ).astype(bool)
            first = (unknown & ~values.duplicated()).to_numpy()
            for row, name in zip(cited.loc[first].itertuples(), values[first], strict=True):
                out.append(
                    _row_finding(
                        row,
                        "unresolved_organisation",
                        f"organisation '{str(name)[:80]}' is not in the partner reference; "
                        "counted under the name as written",
                        column,
                        severity="info",
                        params={"name": str(name)[:80]},
                    )
                )
    return out
