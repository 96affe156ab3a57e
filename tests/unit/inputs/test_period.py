"""The manifest's period and the indicator types, at load time: 5W files none of whose rows
fall in the period would empty every chapter, so the load stops naming the files and the
months found (METHOD.md "Warnings that travel with a figure"); the 2021 list's `People`
indicators are outputs, never people reached (METHOD.md "People reached" 1)."""

from __future__ import annotations

import pytest

from helpers.core.errors import InputError
from helpers.figures import reach
from helpers.inputs.dataset import load_dataset

HTS = "Protection (Human Trafficking and Smuggling)"
HEADER = "Country,Appealing_org,Month,Subsector,Indicator,Total_monthly,New_beneficiaries\n"
INDICATORS = (
    "CODE,Sector/Subsector/WG,Indicator,Indicator Type\n"
    f"RE-PRHT3,{HTS},# of people assisted,Direct Assistance\n"
)


def _manifest(activities: str = "activities.csv", indicators: str = "indicators.csv") -> str:
    return (
        "name: t\nperiod: {start: 2023-01, end: 2023-12}\n"
        f"activities: {activities}\nindicators: {indicators}\n"
    )


def _rows(*months: str, people: int = 3) -> str:
    return HEADER + "".join(
        f"Peru,Org A,{m},{HTS},# of people assisted,{people},{people}\n" for m in months
    )


# ------------------------------------------------------------------------------ the period


@pytest.mark.parametrize(
    ("months", "shown"),
    [
        (["2022-12", "2022-11", "2022-12"], "2022-11, 2022-12"),  # sorted, each once
        (["2024-01"], "2024-01"),  # after the period as well as before it
        (["2022-12", "2024-02"], "2022-12, 2024-02"),  # on both sides
    ],
)
def test_every_row_outside_the_period_stops_the_load(tmp_path, make_dataset, months, shown):
    folder = make_dataset(
        tmp_path / "data",
        {"activities.csv": _rows(*months), "indicators.csv": INDICATORS},
        _manifest(),
    )
    with pytest.raises(InputError) as raised:
        load_dataset(folder)
    err = raised.value
    assert err.file == "activities.csv"
    assert f"no 5W row falls in the period 2023-01 to 2023-12; the rows are of {shown}" in str(err)
    assert str(err).startswith("activities.csv")


def test_every_file_is_named_when_none_has_a_row_in_the_period(tmp_path, make_dataset):
    folder = make_dataset(
        tmp_path / "data",
        {
            "a.csv": _rows("2022-11"),
            "b.csv": _rows("2022-12", "2022-10"),
            "indicators.csv": INDICATORS,
        },
        _manifest(activities="[a.csv, b.csv]"),
    )
    with pytest.raises(InputError) as raised:
        load_dataset(folder)
    err = raised.value
    # Both files, and the months of both together: 2022-10, 2022-11, 2022-12.
    assert "a.csv" in err.file and "b.csv" in err.file
    assert "the rows are of 2022-10, 2022-11, 2022-12" in str(err)


def test_many_months_are_shown_twelve_and_counted(tmp_path, make_dataset):
    # 2021-01 .. 2022-02 is 14 months: the first 12 (2021-01 .. 2021-12) are named, then
    # "and 2 more" (2022-01, 2022-02).
    months = [f"2021-{m:02d}" for m in range(1, 13)] + ["2022-01", "2022-02"]
    folder = make_dataset(
        tmp_path / "data",
        {"activities.csv": _rows(*reversed(months)), "indicators.csv": INDICATORS},
        _manifest(),
    )
    with pytest.raises(InputError) as raised:
        load_dataset(folder)
    message = str(raised.value)
    assert "the rows are of " + ", ".join(months[:12]) + " and 2 more" in message
    assert "2022-01" not in message


@pytest.mark.parametrize("month", ["2023-01", "2023-12"])
def test_a_row_on_either_end_of_the_period_is_in_it(tmp_path, make_dataset, month):
    folder = make_dataset(
        tmp_path / "data",
        {"activities.csv": _rows("2022-12", month, people=4), "indicators.csv": INDICATORS},
        _manifest(),
    )
    ds = load_dataset(folder)
    # The 2022-12 row is left out with a finding; the row of the period's end month loads.
    assert list(ds.activities["month"]) == [month]
    assert list(ds.activities["new_beneficiaries"]) == [4.0]
    outside = [f for f in ds.findings if f.check == "outside_period"]
    assert [(f.file, f.params["rows"]) for f in outside] == [("activities.csv", 1)]


def test_one_file_wholly_outside_beside_one_inside_is_a_warning(tmp_path, make_dataset):
    folder = make_dataset(
        tmp_path / "data",
        {
            "a.csv": _rows("2022-11", "2022-12"),
            "b.csv": _rows("2023-05"),
            "indicators.csv": INDICATORS,
        },
        _manifest(activities="[a.csv, b.csv]"),
    )
    ds = load_dataset(folder)
    assert list(ds.activities["source_file"]) == ["b.csv"]
    (finding,) = [f for f in ds.findings if f.check == "outside_period"]
    # Both rows of a.csv (2) fall outside: every row of the file, so a warning.
    assert (finding.file, finding.severity, finding.params["rows"]) == ("a.csv", "warning", 2)
    assert finding.params["every"] is True


def test_the_shipped_bad_input_names_its_months(tmp_path, make_dataset, project_root):
    case = project_root / "tests" / "data" / "bad_inputs" / "all_rows_outside_period"
    assert case.is_dir(), f"{case} is shipped with the tests"
    with pytest.raises(InputError) as raised:
        load_dataset(case)
    # Its two rows are of 2022-11 and 2022-12; the period is 2023.
    assert "the rows are of 2022-11, 2022-12" in str(raised.value)
    assert raised.value.file == "activities.csv"


# ------------------------------------------------------------------------------ `People`

INDICATORS_2021 = (
    "CODE,Sector...Subsector...WG,Indicator,Indicator_Type,PiN.Target.Oriented\n"
    "HT1,Protection (Human Trafficking & Smuggling),# of people assisted,Pin,Yes\n"
    "HT2,Protection (Human Trafficking & Smuggling),# of people trained,People,No\n"
    "HT3,Protection (Human Trafficking & Smuggling),# of campaigns,Other,No\n"
    "HT4,Protection (Human Trafficking & Smuggling),# of people referred, people ,No\n"
)
ACTIVITIES_2021 = (
    HEADER + f"Peru,Org A,2023-02,{HTS},# of people assisted,6,6\n"
    f"Peru,Org A,2023-03,{HTS},# of people trained,9,9\n"
    f"Peru,Org A,2023-04,{HTS},# of people referred,4,4\n"
)


@pytest.fixture
def dataset_2021(tmp_path, make_dataset):
    return load_dataset(
        make_dataset(
            tmp_path / "data",
            {"activities.csv": ACTIVITIES_2021, "indicators.csv": INDICATORS_2021},
            _manifest(),
        )
    )


def test_people_is_a_known_output_type(dataset_2021):
    types = dict(
        zip(
            dataset_2021.indicators["indicator"],
            zip(
                dataset_2021.indicators["indicator_type"],
                dataset_2021.indicators["counts_as_people"],
                strict=True,
            ),
            strict=True,
        )
    )
    assert types == {
        "# of people assisted": ("Pin", True),
        "# of people trained": ("People", False),
        "# of campaigns": ("Other", False),
        "# of people referred": ("People", False),  # ' people ' read as the type People
    }
    # A known type: no "unknown indicator type" finding.
    assert [f for f in dataset_2021.findings if f.check == "indicator_type"] == []


def test_an_unknown_type_is_still_a_finding(tmp_path, make_dataset):
    folder = make_dataset(
        tmp_path / "data",
        {
            "activities.csv": ACTIVITIES_2021,
            "indicators.csv": INDICATORS_2021.replace(",People,", ",Persons,"),
        },
        _manifest(),
    )
    ds = load_dataset(folder)
    (finding,) = [f for f in ds.findings if f.check == "indicator_type"]
    assert (finding.file, finding.row) == ("indicators.csv", 3)  # HT2 is the file's row 3
    assert "Persons" in finding.message


def test_people_rows_are_outputs_not_people_reached(dataset_2021):
    rows = reach.classify(dataset_2021.activities, dataset_2021.indicators)
    # Only the Pin row counts: 6 people reached; the People rows (9 trained, 4 referred)
    # are reported as outputs.
    assert reach.counted(rows)["new_beneficiaries"].sum() == 6
    out = reach.outputs(rows)
    got = dict(
        zip(
            out["indicator"],
            zip(out["indicator_type"], out["total_monthly"], strict=True),
            strict=True,
        )
    )
    assert got == {"# of people trained": ("People", 9), "# of people referred": ("People", 4)}
