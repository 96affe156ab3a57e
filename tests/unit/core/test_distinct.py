"""Work per distinct value: each function runs once per distinct value, rows keep their
order and reach their answer through their code."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.core.distinct import map_distinct, per_distinct, per_distinct_pair, text_from_codes


def test_per_distinct_helpers_call_once_per_value_and_keep_row_order():
    calls = []

    def upper(v):
        calls.append(v)
        return "MISSING" if pd.isna(v) else str(v).upper()

    values = pd.Series(["b", "a", "b", None, "a", "b"], index=[10, 11, 12, 13, 14, 15])
    codes, answers = per_distinct(values, upper)
    # once each, in order of first appearance; the missing value too
    assert calls[:2] == ["b", "a"] and len(calls) == 3 and pd.isna(calls[2])
    assert codes.tolist() == [0, 1, 0, 2, 1, 0] and answers == ["B", "A", "MISSING"]
    mapped = map_distinct(values, upper)
    assert mapped.tolist() == ["B", "A", "B", "MISSING", "A", "B"]
    assert mapped.index.tolist() == [10, 11, 12, 13, 14, 15]
    assert map_distinct(values.iloc[:0], upper).empty

    pair_of_row, pairs = per_distinct_pair(
        pd.Series(["PE", "CO", "PE", "PE"]), str.lower, pd.Series(["x", "x", "y", "x"]), str.upper
    )
    assert pairs == [("pe", "X"), ("co", "X"), ("pe", "Y")]
    assert pair_of_row.tolist() == [0, 1, 2, 0]
    empty_rows, no_pairs = per_distinct_pair(
        pd.Series([], dtype=object), str, pd.Series([], dtype=object), str
    )
    assert len(empty_rows) == 0 and no_pairs == []

    text = text_from_codes(["PER", None], np.array([1, 0, 0]))
    assert text.isna().tolist() == [True, False, False] and text.iloc[1:].tolist() == ["PER"] * 2
