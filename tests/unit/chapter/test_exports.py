"""Machine-readable exports: CSV with an HXL row (core hashtags, one kind of place per
column), formula neutralising, JSON numbers, the Frictionless data package."""

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
    assert rows[1][rows[0].index("reached_total")] == "#reached+ind+total"
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


# ---------------------------------------------------------------- HXL hashtags

HXL_ROW = [
    "#meta+level",
    "#meta+id",
    "#meta+name",
    "#region+code",
    "#country+code",
    "#country+name",
    "#adm1+name",
    "#reached+ind+total",
    "#reached+ind+in_destination",
    "#reached+ind+in_transit",
    "#reached+ind+host_community",
    "#reached+ind+pendular",
    "#reached+ind+colombian_returnees",
    "#reached+ind+not_disaggregated",
    "#reached+ind+total+excl_in_transit",
    "#targeted+ind+total",
    "#reached+pct+of_target",
    "#org+reporting+num",
    "#org+impl+num",
    "#org+impl+refugee_migrant_led+num",
    "#value+funding+usd",
    "#org+funder+num",
    "#meta+warnings",
]
# HXL 1.1 core hashtags this export may use (the standard's dictionary); attributes may be
# custom, hashtags may not
CORE_HASHTAGS = {
    "#meta", "#region", "#country", "#adm1", "#reached", "#targeted", "#inneed", "#org",
    "#value", "#sector", "#activity", "#date", "#indicator",
}  # fmt: skip


def test_hxl_row_is_core_hashtags_with_attributes():
    rows = list(csv.reader(io.StringIO(exports.figures_csv(doc()))))
    assert rows[1] == HXL_ROW
    for tag in rows[1]:
        hashtag, *attributes = tag.split("+")
        assert hashtag in CORE_HASHTAGS, tag
        assert all(a and a == a.lower() and a.replace("_", "").isalnum() for a in attributes)


def test_csv_rows_by_hand():
    """Region, a platform, a country and the regional block, cell by cell (doc() above)."""
    lines = exports.figures_csv(doc()).splitlines()
    by_id = {line.split(",")[1]: line for line in lines[2:]}
    # level,id,name,platform,country_code,country_name,adm1_name,
    # reached total/5 types/not disaggregated/excl. transit,target,%,reporting,impl,rmled,
    # funding,donors,warnings
    assert by_id["region"] == "region,region,Regional,,,,,10,6,4,0,0,0,0,6,30,70,2,3,,,,"
    assert (
        by_id["caribbean"] == "platform,caribbean,Caribbean,caribbean,,,,10,6,4,0,0,0,0,,,,2,3,,,,"
    )
    assert by_id["COL"] == "country,COL,Colombia,colombia,COL,Colombia,,10,6,4,0,0,0,0,,,,2,3,,,,"
    assert (
        by_id["REGIONAL"]
        == "regional_activities,REGIONAL,Regional activities,,,,,9,,,,,,,,,,1,,,,,"
    )


def places(row: dict) -> tuple:
    return (row["platform"], row["country_code"], row["country_name"], row["adm1_name"])


def test_region_row_is_in_no_place():
    assert places(exports.entry_row("region", entry(id="region", name="Regional"))) == (
        "",
        None,
        None,
        None,
    )


def test_platform_row_is_tagged_with_its_own_region():
    """#region+code holds the platform on the platform's own row, so a filter on it keeps
    the platform and everything inside it."""
    row = exports.entry_row("platform", entry(id="caribbean", name="Caribbean"))
    assert places(row) == ("caribbean", None, None, None)


def test_country_row_fills_country_code_and_name():
    row = exports.entry_row("country", entry(iso3="ABW", name="Aruba", platform="caribbean"))
    assert (row["id"], *places(row)) == ("ABW", "caribbean", "ABW", "Aruba", None)


def test_admin1_row_names_its_country_and_place():
    row = exports.entry_row(
        "admin1",
        entry(id="Arauca", name="Arauca", platform="colombia"),
        country=("COL", "Colombia"),
        adm1="Arauca",
    )
    assert (row["level"], row["id"], *places(row)) == (
        "admin1",
        "Arauca",
        "colombia",
        "COL",
        "Colombia",
        "Arauca",
    )


def test_regional_activities_row_is_in_no_place():
    (row,) = exports.regional_activities_rows(doc())
    assert places(row) == ("", None, None, None)


# ---------------------------------------------------------------- data package


def test_schema_fields_are_the_csv_columns_with_their_hashtags():
    schema = exports.figures_schema(5, exact=False)
    assert [f["name"] for f in schema["fields"]] == [c for c, _ in exports.FIGURE_COLUMNS]
    assert [f["hxl"] for f in schema["fields"]] == HXL_ROW
    assert schema["missingValues"] == ["", "<5", "[c]"]
    assert schema["primaryKey"] == ["level", "id"]
    types = {f["name"]: f["type"] for f in schema["fields"]}
    assert (types["id"], types["reached_total"], types["percent_of_target"]) == (
        "string",
        "integer",
        "number",
    )
    assert all(f.get("title") and f.get("description") for f in schema["fields"])


def test_schema_follows_the_smallest_count_published():
    assert exports.figures_schema(10, exact=False)["missingValues"] == ["", "<10", "[c]"]


def test_exact_counts_of_people_may_be_fractions_published_ones_are_whole():
    """Exact figures keep the fractions of people that rows split across population types
    (e.g. 4612.5); published ones are rounded to whole people."""
    exact = {f["name"]: f for f in exports.figures_schema(5, exact=True)["fields"]}
    published = {f["name"]: f for f in exports.figures_schema(5, exact=False)["fields"]}
    assert exact["reached_in_destination"]["type"] == "number"
    assert published["reached_in_destination"]["type"] == "integer"
    assert exact["reporting_partners"]["type"] == "integer"  # organisations stay whole


def test_not_disaggregated_may_be_negative_counts_may_not():
    fields = {f["name"]: f for f in exports.figures_schema(5, exact=False)["fields"]}
    assert "constraints" not in fields["reached_not_disaggregated"]
    assert fields["reached_total"]["constraints"] == {"minimum": 0}
    assert fields["donors"]["constraints"] == {"minimum": 0}


def test_figures_files_describe_each_other():
    files = exports.figures_files(doc_with_meta(), exact=False, inputs=[])
    assert [name for name, _ in files.values()] == [
        "figures.csv",
        "figures.json",
        "figures.datapackage.json",
    ]
    package = json.loads(files["datapackage"][1])
    table, document = package["resources"]
    csv_bytes = files["csv"][1]
    assert (table["path"], table["bytes"]) == ("figures.csv", len(csv_bytes))
    assert table["dialect"] == {"headerRows": [1], "commentRows": [2]}
    assert document["path"] == "figures.json"
    assert document["bytes"] == len(files["json"][1])
    assert package["name"] == "protection-human-trafficking-and-smuggling-figures"
    assert "licenses" not in package  # the manifest names no licence: none is made up


def doc_with_meta() -> dict:
    return {
        **doc(),
        "dataset": "Test",
        "synthetic": True,
        "sector": "Protection (Human Trafficking and Smuggling)",
        "period": {"start": "2023-01", "end": "2023-12"},
        "min_count": 5,
    }


def test_input_sources_and_build_time():
    inputs = [{"source": "activities", "file": "5w.csv", "sha256": "ab", "bytes": 3}]
    assert exports.input_sources(inputs) == [{"title": "activities: 5w.csv", "sha256": "ab"}]
    assert exports._rfc3339("2024-05-01 12:07 UTC") == "2024-05-01T12:07:00Z"
    assert exports._rfc3339(None) is None
