"""The canonical tables' contracts, as pandera schemas: what every loader promises.

`load_dataset` returns these tables whatever the source looked like (any 5W dialect,
CSV or XLSX, FTS API pages or HDX CSV). `r4v-report validate` checks a loaded dataset
against them, and so do the tests: a table that breaks its contract is a bug in a
loader, never the user's data (bad data is an InputError or a finding before this).
pandera is imported only here, only when a check runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.columns import (
    ACTIVITY_COLUMNS,
    FLOW_COLUMNS,
    INDICATOR_COLUMNS,
    NUMERIC_COLUMNS,
    PARTNER_COLUMNS,
    POPULATION_TYPES,
    SITUATION_COLUMNS,
    TARGET_COLUMNS,
    TEXT_COLUMNS,
)
from ..core.geography import COUNTRIES, PLATFORMS, REGIONAL

if TYPE_CHECKING:
    from .dataset import Dataset

MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"


def schemas() -> dict:
    """{table name: pandera DataFrameSchema} for every canonical table of a Dataset."""
    import pandera.pandas as pa

    countries = list(COUNTRIES)
    text = {c: pa.Column("str") for c in TEXT_COLUMNS}
    counts = {c: pa.Column(float, pa.Check.ge(0), nullable=True) for c in NUMERIC_COLUMNS}
    activities = {
        "country": pa.Column("str", pa.Check.isin([*countries, REGIONAL])),
        "platform": pa.Column("str", pa.Check.isin(list(PLATFORMS)), nullable=True),
        **text,
        "month": pa.Column("str", pa.Check.str_matches(MONTH)),
        **counts,
        "source_file": pa.Column("str"),
        "source_row": pa.Column(int, pa.Check.ge(1)),
    }
    assert list(activities) == ACTIVITY_COLUMNS  # one list of columns, in core.columns

    def table(columns: dict, order: list[str]) -> pa.DataFrameSchema:
        assert list(columns) == order
        return pa.DataFrameSchema(columns, strict=True, ordered=True)

    amount = pa.Column(float, pa.Check.ge(0), nullable=True)
    return {
        "activities": table(activities, ACTIVITY_COLUMNS),
        "indicators": table(
            {
                "code": pa.Column("str"),
                "sector": pa.Column("str"),
                "indicator": pa.Column("str", pa.Check.str_length(min_value=1)),
                "indicator_type": pa.Column("str"),
                "counts_as_people": pa.Column(bool),
                "indicator_es": pa.Column("str", pa.Check.str_length(min_value=1), nullable=True),
                "indicator_type_es": pa.Column(
                    "str", pa.Check.str_length(min_value=1), nullable=True
                ),
            },
            INDICATOR_COLUMNS,
        ),
        "partners": table(
            {
                "name": pa.Column("str", pa.Check.str_length(min_value=1), unique=True),
                "aliases": pa.Column(object),
                "acronym": pa.Column("str"),
                "type": pa.Column("str"),
                "refugee_migrant_led": pa.Column("boolean", nullable=True),
            },
            PARTNER_COLUMNS,
        ),
        "targets": table(
            {
                "country": pa.Column("str", pa.Check.isin(countries)),
                "admin1": pa.Column("str"),
                "sector": pa.Column("str"),
                "population_type": pa.Column("str", pa.Check.isin(POPULATION_TYPES)),
                "people_in_need": amount,
                "target": amount,
            },
            TARGET_COLUMNS,
        ),
        "requirements": pa.DataFrameSchema(
            {
                "country": pa.Column("str", pa.Check.isin(countries)),
                "sector": pa.Column("str"),
                "requirement_usd": amount,
            },
            strict=True,
            ordered=True,
        ),
        "flows": table(
            {
                c: (
                    pa.Column(float)
                    if c == "amount_usd"
                    else pa.Column(object, pa.Check.isin(countries), nullable=True)
                    if c == "country"
                    else pa.Column(object, nullable=c != "flow_id")
                )
                for c in FLOW_COLUMNS
            },
            FLOW_COLUMNS,
        ),
        "situation": table(
            {c: pa.Column("str") for c in SITUATION_COLUMNS}
            | {"country": pa.Column("str", pa.Check.isin(countries))},
            SITUATION_COLUMNS,
        ),
    }


def broken_contracts(dataset: Dataset) -> list[str]:
    """One line per way a loaded table breaks its contract (none when all hold)."""
    import pandera.pandas as pa

    problems = []
    for name, schema in schemas().items():
        frame = getattr(dataset, name)
        if frame is None:
            continue
        try:
            schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            cases = exc.failure_cases
            for (column, check), group in cases.groupby(
                ["column", "check"], sort=False, dropna=False
            ):
                shown = ", ".join(map(str, group["failure_case"].head(3)))
                problems.append(f"{name}.{column}: {check} ({len(group)} value(s): {shown})")
    return problems
