"""`add_people`: how tests and the benchmark change one country's rows, in place."""

from __future__ import annotations

import pytest

from helpers.sample.generate import add_people

HEADER = (
    "Country,Indicator,Total monthly beneficiaries,New beneficiaries of the month,"
    "Refugees and Migrants IN DESTINATION,Host Communities Beneficiaries,Women above 18\n"
)
DIRECT = "# of people who received assistance and protection"


def _write(folder, rows: list[str]) -> None:
    (folder / "activities.csv").write_text(HEADER + "".join(rows), encoding="utf-8")


def _rows(folder) -> list[str]:
    return (folder / "activities.csv").read_text(encoding="utf-8").splitlines()[1:]


def test_people_are_added_to_the_first_plain_direct_assistance_row(tmp_path):
    _write(
        tmp_path,
        [
            "Peru,# of campaigns,9,9,9,0,9\n",  # not direct assistance
            f'Peru,"{DIRECT}, quoted",9,9,9,0,9\n',  # quoted: not plain
            f"Peru,{DIRECT},20,5,12,8,6\n",
            f"Peru,{DIRECT},30,5,30,0,6\n",
        ],
    )
    add_people(tmp_path, "Peru", 3)
    assert _rows(tmp_path)[2] == f"Peru,{DIRECT},23,8,15,8,9"  # total, new, destination, women
    assert _rows(tmp_path)[3] == f"Peru,{DIRECT},30,5,30,0,6"  # only the first


def test_other_columns_and_the_first_row_with_people_in_one(tmp_path):
    _write(tmp_path, [f"Aruba,{DIRECT},20,5,20,,6\n", f"Aruba,{DIRECT},20,5,17,3,6\n"])
    add_people(
        tmp_path,
        "Aruba",
        3,
        columns=("Total monthly beneficiaries", "Host Communities Beneficiaries"),
        having="Host Communities Beneficiaries",
    )
    assert _rows(tmp_path) == [f"Aruba,{DIRECT},20,5,20,,6", f"Aruba,{DIRECT},23,5,17,6,6"]
    with pytest.raises(ValueError, match="no plain direct-assistance row for Chile"):
        add_people(tmp_path, "Chile")
