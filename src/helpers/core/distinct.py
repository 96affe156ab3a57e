"""Work per distinct value: 5W columns repeat a few values many times, so a check or a
lookup runs once per distinct value and reaches the rows through integer codes."""

from __future__ import annotations

import numpy as np
import pandas as pd


def per_distinct(values: pd.Series, func) -> tuple[np.ndarray, list]:
    """(code of each row, func of each distinct value): func runs once per distinct value
    (5W columns repeat a lot) and a row reaches its answer through its code."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return codes, [func(v) for v in uniques]


def per_distinct_pair(a: pd.Series, fa, b: pd.Series, fb) -> tuple[np.ndarray, list[tuple]]:
    """(code of each row, (fa(a), fb(b)) of each distinct pair of values in the rows): each
    function runs once per distinct value, and each pair that occurs is listed once."""
    a_codes, a_answers = per_distinct(a, fa)
    b_codes, b_answers = per_distinct(b, fb)
    n = len(b_answers)
    pair_of_row, pairs = pd.factorize(a_codes.astype(np.int64) * n + b_codes)
    return pair_of_row, [(a_answers[p // n], b_answers[p % n]) for p in pairs.tolist()]


def map_distinct(values: pd.Series, func) -> pd.Series:
    """`values.map(func)`, calling func once per distinct value and spreading the answers
    to the rows with one take, not a lookup per row."""
    if values.empty:
        return values.map({})
    codes, answers = per_distinct(values, func)
    return pd.Series(pd.Series(answers).take(codes).array, index=values.index, name=values.name)


def text_from_codes(texts: list, codes: np.ndarray) -> pd.Series:
    """A text column from its distinct values (str or None) and each row's code: built by
    Arrow in one take, with the dtype pandas gives text (None reads as missing)."""
    import pyarrow as pa

    arr = pa.array(texts, type=pa.large_string()).take(pa.array(codes, type=pa.int64()))
    return pd.Series(pd.array(arr, dtype="str"))
