"""Machine-readable exports: CSV with an HXL row, formula neutralising, JSON numbers."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pandas as pd
import pytest

from helpers.chapter import exports
from helpers.core.geography import COUNTRIES, PLATFORMS


def entry(**kw) -> dict:
    reached = {
        "total": 10.0,
        "in_destination": 6.0,
        "in_transit": 4.0,
        "host_community": 0.0,
        "pendular": 0.0,
        "colombian_returnees": 0.0,
        "not_disaggregated": 0.0,
    }
    return {
        "reached": reached,
        "target": None,
        "percent_of_target": None,
        "reporting_partners": 2,
        "implementing_partners": 3,
        "refugee_migrant_led_partners": None,
        "funding_usd": None,
        "donors": None,
        **kw,
    }


def doc() -> dict:
    region = entry(id="region", name="Regional", target=30.0, percent_of_target=70.0)
    region["reached"] = {**region["reached"], "total_excluding_in_transit": 6.0}
    return {
        "region": region,
        "platforms": [entry(id=p, name=PLATFORMS[p].name) for p in PLATFORMS],
        "countries": [
            entry(iso3=c, name=COUNTRIES[c].name, platform=COUNTRIES[c].platform) for c in COUNTRIES
        ],
        "regional_activities": {"reached": {"total": 9.0}, "reporting_partners": 1},
    }


def test_csv_has_header_then_hxl_row():
    text = exports.figures_csv(doc())
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [c for c, _ in exports.FIGURE_COLUMNS]
    assert rows[1][0].startswith("#")
    assert all(tag.startswith("#") for tag in rows[1])
    assert rows[1][rows[0].index("reached_total")] == "#reached+total"
    # region, 8 platforms, 17 countries, the regional block: 27 data rows after 2 header rows
    assert len(rows) == 2 + 1 + 8 + 17 + 1
    region = dict(zip(rows[0], rows[2], strict=True))
    assert region["level"] == "region"
    assert region["reached_total_excluding_in_transit"] == "6"  # whole float written as 6
    assert region["percent_of_target"] == "70"
    assert region["refugee_migrant_led_partners"] == ""  # None -> empty, not 'None' nor 0
    last = dict(zip(rows[0], rows[-1], strict=True))
    assert (last["level"], last["id"], last["reached_total"]) == (
        "regional_activities",
        "REGIONAL",
        "9",
    )


def test_csv_without_hxl_has_no_hashtag_row():
    text = exports.csv_with_hxl(pd.DataFrame({"a": [1.5, np.nan], "b": ["x", "y"]}))
    assert text == "a,b\n1.5,x\n,y\n"  # header, then data; NaN is an empty cell


@pytest.mark.parametrize(
    "value", ["=cmd|' /C calc'!A0", "+x", "-x", "@SUM(A1)", "=1+1", "+", "-", "\tx", "-1+cmd"]
)
def test_formula_like_cells_are_prefixed_with_quote(value):
    assert exports.neutralise(value) == "'" + value
    text = exports.csv_with_hxl(pd.DataFrame({value: [value]}))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["'" + value], ["'" + value]]  # header cells and data cells alike


@pytest.mark.parametrize("value", ["-5", "-2.5", "+3", "Org A", "", "a=b", "#reached"])
def test_plain_values_are_left_alone(value):
    assert exports.neutralise(value) == value


def test_non_text_values_are_not_prefixed():
    assert exports.neutralise(-5) == -5
    assert exports.neutralise(-2.5) == -2.5
    assert exports.neutralise(None) is None


def test_json_turns_nan_into_null_and_whole_floats_into_ints():
    out = json.loads(
        exports.to_json(
            {
                "nan": float("nan"),
                "inf": float("inf"),
                "whole": 21.0,
                "fraction": 63.25,
                "np_whole": np.float64(3.0),
                "np_int": np.int64(4),
                "np_nan": np.float64("nan"),
                "nested": [{"x": 1.0}, (2.0, None)],
                "set": {"b", "a"},
                7: "int key",
                "flag": np.bool_(True),
                "text": "Perú",
            }
        )
    )
    assert out == {
        "nan": None,
        "inf": None,
        "whole": 21,
        "fraction": 63.25,
        "np_whole": 3,
        "np_int": 4,
        "np_nan": None,
        "nested": [{"x": 1}, [2, None]],
        "set": ["a", "b"],
        "7": "int key",
        "flag": True,
        "text": "Perú",
    }
    assert isinstance(out["whole"], int)
    assert "Perú" in exports.to_json({"t": "Perú"})  # UTF-8, not \u escapes


def test_figures_table_one_row_per_scope():
    table = exports.figures_table(doc())
    assert table["level"].tolist().count("platform") == 8
    assert table["level"].tolist().count("country") == 17
    assert table["id"].iloc[0] == "region"
    col = table[table["id"] == "COL"].iloc[0]
    assert (col["name"], col["platform"], col["reached_total"]) == ("Colombia", "colombia", 10)
