"""Reading cells: counts, amounts and months as people write them, every odd one named."""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
import pandas as pd

from ..core.findings import Finding

# Missing-value markers that programs write (R's NA, pandas' NaN, None, SQL null): a missing
# number, counted as 0 without a finding. What people type ("N/A", "-") and Excel's "#N/A"
# are not numbers either, but they get a finding so the row can be checked.
NA_TOKENS = {"", "na", "nan", "none", "null"}
_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}([.,]\d{3})+$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
MAX_PEOPLE_PER_ROW = 10_000_000  # more than any country's whole refugee population: a typo


def _month_from_serial(value: float) -> str:
    d = date(1899, 12, 30) + timedelta(days=int(value))
    return f"{d.year:04d}-{d.month:02d}"


_MONTH_ABBR = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_MONTH_ABBR.update(
    {"ene": 1, "abr": 4, "ago": 8, "set": 9, "dic": 12, "fev": 2, "mai": 5, "out": 10, "dez": 12}
)
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})(?:[-/]\d{1,2})?(?:[ T].*)?$")
_ABBR = re.compile(r"^([a-zA-Z]{3})[a-zA-Z]*[-/ .]+(\d{2}|\d{4})$")
_SERIAL = re.compile(r"^\d{5}(\.0+)?$")


def is_excel_serial(text: str) -> bool:
    """Whether a month cell is an Excel date serial (`44927`) rather than a written month."""
    return bool(_SERIAL.match(text.strip()))


def parse_month_cell(text: str) -> tuple[str | None, bool]:
    """(YYYY-MM or None, whether the spelling was unusual). Accepts `YYYY-MM`, a full date
    (`2023-01-15`, the day is dropped), a month name with its year (`Jan-23`, `ene 2023`)
    and Excel date serials (`44927`); the last two are 'unusual' and get an info finding so
    the reader can check the reading."""
    t = text.strip()
    m = _ISO.match(t)
    if m:
        month = int(m.group(2))
        if 1 <= month <= 12:
            return f"{int(m.group(1)):04d}-{month:02d}", False
        return None, True
    m = _ABBR.match(t)
    if m and m.group(1).lower() in _MONTH_ABBR:
        year = int(m.group(2))
        year = year + 2000 if year < 100 else year
        return f"{year:04d}-{_MONTH_ABBR[m.group(1).lower()]:02d}", True
    if _SERIAL.match(t):
        serial = float(t)
        if 20000 < serial < 80000:
            return _month_from_serial(serial), True
    return None, True


def parse_numbers(
    values: pd.Series,
    rows: pd.Series,
    column: str,
    file: str,
    findings: list[Finding],
    *,
    people: bool,
) -> pd.Series:
    """Text -> float. Anything that is not a usable number becomes NaN (counted as 0) and a
    finding naming the row: never a silently wrong figure.

    Not usable: text (`12 personas`, `N/A`), infinities, negatives, counts of people over
    MAX_PEOPLE_PER_ROW, and counts like `1.234` or `1,234` that read as a thousand or as a
    fraction depending on the writer's locale. One finding per cell, first reason wins.
    """
    # 5W count columns repeat a few values many times: parse each distinct text once.
    codes, uniques = pd.factorize(values.astype(str), use_na_sentinel=False)
    u = pd.Series(np.asarray(uniques, dtype=object), dtype=object).astype(str).str.strip()
    missing = u.str.casefold().isin(NA_TOKENS).to_numpy()
    num_u = pd.to_numeric(u.where(~missing), errors="coerce").to_numpy(dtype="float64", copy=True)
    with np.errstate(invalid="ignore"):
        suspect = ~missing & (
            np.isnan(num_u)
            | np.isinf(num_u)
            | (num_u < 0)
            | (people & (num_u > MAX_PEOPLE_PER_ROW))
            | u.str.match(_THOUSANDS.pattern).to_numpy(bool)
        )
    reasons: dict[int, str] = {}
    for i in np.flatnonzero(suspect):  # only the few odd values are looked at one by one
        reason = _number_problem(u.iat[i], num_u[i], people)
        if reason:
            reasons[i] = reason
    bad_u = np.zeros(len(u), dtype=bool)
    bad_u[list(reasons)] = True
    num_u[bad_u] = np.nan
    bad = bad_u[codes]
    for i in np.flatnonzero(bad):
        text = u.iat[codes[i]]
        findings.append(
            Finding(
                "invalid_number",
                f"value '{text[:40]}' {reasons[codes[i]]}; counted as 0",
                file=file,
                row=int(rows.iat[i]),
                column=column,
            )
        )
    return pd.Series(num_u[codes], dtype="float64")


def _number_problem(text: str, v: float, people: bool) -> str | None:
    """Why a count or amount cell is not usable, or None when it is."""
    grouped = _THOUSANDS.match(text)
    if grouped and text.count(text[-4]) > 1:
        return "looks like a number with thousands separators; write digits only"
    if grouped and (people or np.isnan(v)):
        return (
            f"is ambiguous: {text.replace(text[-4], '')} with a thousands separator, or "
            f"{text.replace(',', '.')}? Write whole numbers without separators"
        )
    if np.isnan(v):
        return (
            "is not a number (a decimal comma? write it with a point)"
            if _DECIMAL_COMMA.match(text)
            else "is not a number"
        )
    if np.isinf(v):
        return "is not a finite number"
    if v < 0:
        return "is negative"
    if people and v > MAX_PEOPLE_PER_ROW:
        return f"is implausibly large (over {MAX_PEOPLE_PER_ROW:,})"
    return None
