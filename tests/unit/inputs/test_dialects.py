"""`inputs.dialects.check_unambiguous`: two columns naming one 5W field (the same header
twice, or two spellings of one field) stop the load, since which column holds the figures
would be a guess (DATA.md "5W activity rows"). The message names both columns, the file and
the header row."""

from __future__ import annotations

import pytest

from helpers.core.errors import InputError
from helpers.inputs.dataset import load_dataset
from helpers.inputs.dialects import check_unambiguous

MANIFEST = (
    "name: t\nperiod: {start: 2023-01, end: 2023-12}\n"
    "activities: activities.csv\nindicators: indicators.csv\n"
)
INDICATORS = (
    "CODE,Sector/Subsector/WG,Indicator,Indicator Type\n"
    "RE-PRHT3,Protection (Human Trafficking and Smuggling),# of people assisted,"
    "Direct Assistance\n"
)
ROW = "Peru,Org A,2023-02,Protection (Human Trafficking and Smuggling),# of people assisted,3"
REST = "Appealing_org,Month,Subsector,Indicator,New_beneficiaries"


# ------------------------------------------------------------------------------ the function


@pytest.mark.parametrize(
    ("first", "second", "label"),
    [
        ("Country", "Country Country", "country"),  # ActivityInfo's two spellings
        ("Month", "Reporting.Month", "month"),  # R-renamed beside 2021's dotted name
        (
            "New_beneficiaries",
            "New beneficiaries of the month",
            "new beneficiaries of the month",
        ),
        ("Girls", "Women.under.18", "girls"),  # an optional field counts too
        ("Admin1", "Country Admin1", "admin1"),
        ("month", "MONTH", "month"),  # spelt differently only in case
    ],
)
def test_two_spellings_of_one_field_name_both_columns(first, second, label):
    headers = ["Country" if first != "Country" else "Admin2", first, "Indicator", second]
    with pytest.raises(InputError) as raised:
        check_unambiguous(headers, "export.csv", 3)
    err = raised.value
    assert f"columns '{first}' and '{second}' both name the field {label}" in str(err)
    assert (err.file, err.row, err.column) == ("export.csv", 3, second)
    assert str(err).startswith("export.csv, row 3")


def test_the_same_header_twice_names_it_twice():
    with pytest.raises(InputError) as raised:
        check_unambiguous(["Country", "Month", "Indicator", "Month"], "a.csv", 1)
    err = raised.value
    assert "columns 'Month' and 'Month' both name the field month" in str(err)
    assert (err.file, err.row, err.column) == ("a.csv", 1, "Month")


def test_the_same_header_twice_as_the_reader_numbers_it():
    with pytest.raises(InputError) as raised:
        check_unambiguous(["Country", "Month", "Indicator", "Month (1)"], "a.csv", 1)
    assert "columns 'Month' and 'Month' both name the field month" in str(raised.value)


@pytest.mark.parametrize(
    "headers",
    [
        # Each field once, in each dialect (DATA.md's table).
        [
            "Country Country",
            "Country Admin1",
            "Admin2 Admin2",
            "Appealing organisation Name",
            "Month",
            "Indicator Sector",
            "Indicator Indicator",
            "New beneficiaries of the month",
            "Women under 18",
            "Men under 18",
            "Women above 18",
            "Men above 18",
        ],
        [
            "Country",
            "Admin1",
            "Admin2",
            "Appealing_org",
            "Month",
            "Subsector",
            "Indicator",
            "New_beneficiaries",
            "Girls",
            "Boys",
            "Women",
            "Men",
            "Other_under",
            "Other_above",
            "Platform",
        ],
        [
            "Country",
            "Admin1",
            "Appealing.Organization.Name",
            "Reporting.Month",
            "Sector...Subsector...WG",
            "Indicator",
            "New.beneficiaries.of.the.month",
            "Women.under.18",
            "Men.under.18",
            "Women.above.18",
            "Men.above.18",
        ],
        # Columns of no field may repeat: they are kept and ignored.
        ["Country", "Notes", "Notes", "COVID.19.situation", "Month"],
        [],
    ],
)
def test_one_column_per_field_passes(headers):
    assert check_unambiguous(headers, "a.csv", 1) is None


# ------------------------------------------------------------------------------ in a load


def test_two_spellings_stop_the_load_naming_both_columns_and_the_file(tmp_path, make_dataset):
    folder = make_dataset(
        tmp_path / "data",
        {
            "activities.csv": f"Country,Country Country,{REST}\nPeru,Colombia,{ROW[5:]}\n",
            "indicators.csv": INDICATORS,
        },
        MANIFEST,
    )
    with pytest.raises(InputError) as raised:
        load_dataset(folder)
    err = raised.value
    assert "columns 'Country' and 'Country Country' both name the field country" in str(err)
    assert (err.file, err.row) == ("activities.csv", 1)  # the header is row 1
    assert str(err).startswith("activities.csv, row 1")


def test_the_header_row_is_named_where_it_is(tmp_path, make_dataset):
    # A title line above the header: the header is the file's row 2.
    folder = make_dataset(
        tmp_path / "data",
        {
            "activities.csv": f"5W export\nCountry,{REST},Reporting.Month\n{ROW},2023-02\n",
            "indicators.csv": INDICATORS,
        },
        MANIFEST,
    )
    with pytest.raises(InputError) as raised:
        load_dataset(folder)
    err = raised.value
    assert "columns 'Month' and 'Reporting.Month' both name the field month" in str(err)
    assert (err.file, err.row, err.column) == ("activities.csv", 2, "Reporting.Month")


def test_the_same_header_twice_stops_the_load(tmp_path, make_dataset):
    folder = make_dataset(
        tmp_path / "data",
        {
            "activities.csv": f"Country,{REST},New_beneficiaries\n{ROW},5\n",
            "indicators.csv": INDICATORS,
        },
        MANIFEST,
    )
    with pytest.raises(InputError) as raised:
        load_dataset(folder)
    err = raised.value
    assert "columns 'New_beneficiaries' and 'New_beneficiaries' both name" in str(err)
    assert err.file == "activities.csv"


def test_one_column_per_field_loads(tmp_path, make_dataset):
    # The same file with one 'Country': it loads, and its one row carries 3 people.
    folder = make_dataset(
        tmp_path / "data",
        {"activities.csv": f"Country,{REST}\n{ROW}\n", "indicators.csv": INDICATORS},
        MANIFEST,
    )
    rows = load_dataset(folder).activities
    assert list(rows["country"]) == ["PER"]
    assert list(rows["new_beneficiaries"]) == [3.0]
