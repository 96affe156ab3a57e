"""Every CSV a build exports reads, HXL row and all, against its Frictionless data package:
the sample's chapters (built in-process, as the notebook does, without papermill) and
`r4v-report figures --out`. A tampered file must fail, so the check can fail."""

from __future__ import annotations

import csv
import io
import json

import pytest

from helpers.chapter.build import build_chapter
from helpers.cli.main import main
from helpers.figures.analysis import Analysis
from helpers.inputs.dataset import load_dataset
from helpers.present.render import write_exports

frictionless = pytest.importorskip("frictionless")

# the region, a sub-regional platform, a national platform's country, a country with
# suppressed cells (ABW: `<5` and `[c]`), each as published; and one exact chapter
SCOPES = [("region", False), ("caribbean", False), ("COL", False), ("ABW", False)]
SCOPES += [("COL", True)]


def errors(report) -> list:
    return report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


@pytest.fixture(scope="module")
def sample(sample_dataset) -> Analysis:
    return Analysis(sample_dataset)


@pytest.fixture(scope="module")
def written(sample, tmp_path_factory) -> dict:
    """(scope, exact) -> the paths `render.write_exports` wrote for that chapter."""
    out = {}
    for scope, exact in SCOPES:
        folder = tmp_path_factory.mktemp(f"{scope}-{'exact' if exact else 'published'}")
        out[(scope, exact)] = write_exports(build_chapter(sample, scope, exact=exact), folder)
    return out


@pytest.mark.parametrize(("scope", "exact"), SCOPES)
def test_chapter_exports_are_valid_against_their_data_package(written, scope, exact):
    paths = written[(scope, exact)]
    assert paths["datapackage"].name == f"{scope}.datapackage.json"
    report = frictionless.validate(str(paths["datapackage"]))
    assert report.valid, errors(report)
    table, document = report.tasks
    assert table.stats["rows"] == len(paths["csv"].read_text("utf-8").splitlines()) - 2
    assert (table.type, document.type) == ("table", "json")


def test_suppressed_cells_read_as_missing_values(written):
    """ABW hosts a small count of people (`<5`) and a cell that would give it away (`[c]`):
    the package reads both as missing, never as text in a number column, and its HXL row
    is not read as data."""
    paths = written[("ABW", False)]
    rows = list(csv.DictReader(io.StringIO(paths["csv"].read_text("utf-8"))))
    assert rows[0]["reached_total"] == "#reached+ind+total"
    country = rows[1]
    assert country["level"] == "country" and country["reached_total"] == "45"
    assert (country["reached_in_destination"], country["reached_host_community"]) == ("[c]", "<5")
    package = frictionless.Package(str(paths["datapackage"]))
    read = package.get_resource("figures").read_rows()
    assert [r["level"] for r in read] == ["country", "admin1"]
    assert (read[0]["reached_total"], read[0]["country_code"]) == (45, "ABW")
    assert (read[0]["reached_in_destination"], read[0]["reached_host_community"]) == (None, None)
    assert read[0]["reached_in_transit"] == 0  # zero stays zero


def test_package_says_what_the_files_are(written, sample_dataset):
    paths = written[("COL", False)]
    package = json.loads(paths["datapackage"].read_text("utf-8"))
    assert package["name"] == "protection-human-trafficking-and-smuggling-col"
    assert package["r4v"]["scope"] == {"id": "COL", "name": "Colombia", "level": "country"}
    assert package["r4v"]["exact"] is False and package["r4v"]["min_count"] == 5
    assert [r["path"] for r in package["resources"]] == ["COL.csv", "COL.json"]
    assert package["resources"][0]["schema"]["missingValues"] == ["", "<5", "[c]"]
    assert len(package["sources"]) == len(sample_dataset.inputs)
    assert package["created"].endswith("Z")
    exact = json.loads(written[("COL", True)]["datapackage"].read_text("utf-8"))
    assert exact["r4v"]["exact"] is True and "Exact figures" in exact["description"]


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        (",<5,", ",3.5,", "type-error"),  # a fraction of a person in a published count
        (",<5,", ",-1,", "constraint-error"),  # a negative count
        ("\ncountry,", "\nprovince,", "constraint-error"),  # a level that does not exist
    ],
)
def test_a_tampered_csv_is_invalid(written, tmp_path, old, new, error):
    source = written[("ABW", False)]
    for kind in ("csv", "json"):
        (tmp_path / source[kind].name).write_bytes(source[kind].read_bytes())
    package = json.loads(source["datapackage"].read_text("utf-8"))
    del package["resources"][0]["hash"], package["resources"][0]["bytes"]  # the cells, not sums
    (tmp_path / source["datapackage"].name).write_text(json.dumps(package), "utf-8")
    text = source["csv"].read_text("utf-8")
    assert old in text
    (tmp_path / source["csv"].name).write_text(text.replace(old, new, 1), "utf-8")
    report = frictionless.validate(str(tmp_path / source["datapackage"].name))
    assert not report.valid
    assert error in {e[3] for e in errors(report)}


def test_an_edited_csv_fails_its_checksum(written, tmp_path):
    source = written[("COL", False)]
    for kind in ("json", "datapackage"):
        (tmp_path / source[kind].name).write_bytes(source[kind].read_bytes())
    (tmp_path / source["csv"].name).write_bytes(source["csv"].read_bytes() + b"\n")
    report = frictionless.validate(str(tmp_path / source["datapackage"].name))
    assert not report.valid
    assert "hash-count" in {e[3] for e in errors(report)}


@pytest.mark.parametrize("exact", [False, True])
def test_figures_out_writes_a_valid_data_package(sample_folder, tmp_path, capsys, exact):
    args = ["figures", "--data", str(sample_folder), "--out", str(tmp_path)]
    assert main(args + (["--exact"] if exact else [])) == 0
    names = ["figures.csv", "figures.json", "figures.datapackage.json"]
    assert capsys.readouterr().out.split() == [str(tmp_path / n) for n in names]
    report = frictionless.validate(str(tmp_path / "figures.datapackage.json"))
    assert report.valid, errors(report)
    # region, 8 platforms, 17 countries and the regional block
    assert report.tasks[0].stats["rows"] == 1 + 8 + 17 + 1


def test_an_admin1_place_not_given_is_an_empty_adm1_cell(tmp_path, make_dataset):
    """5W rows with no admin-1 place make the row `(not given)` of the infographic: its
    #adm1+name is empty (not reported), not a place called "(not given)"."""
    hts = "Protection (Human Trafficking and Smuggling)"
    indicator = "# of people receiving assistance and protection services"
    header = (
        "Country,Admin1,Appealing_org,Implementation,Implementing_partner,Month,Subsector,"
        "Indicator,Activity_Name,Quantity_output,Total_monthly,New_beneficiaries,"
        "IN_DESTINATION,IN_TRANSIT,Host_Communities,PENDULARS,Returnees"
    )
    rows = [
        f'Peru,Lima,Org A,No,,2023-01,{hts},"{indicator}",Legal aid,,20,20,20,,,,',
        f'Peru,,Org A,No,,2023-02,{hts},"{indicator}",Legal aid,,30,30,30,,,,',
    ]
    folder = make_dataset(
        tmp_path / "data",
        {
            "activities.csv": "\n".join([header, *rows]) + "\n",
            "indicators.csv": "CODE,Sector/Subsector/WG,Indicator,Indicator Type\n"
            f'RE-PRHT3,{hts},"{indicator}",Direct Assistance\n',
        },
        "name: no place\nperiod: {start: 2023-01, end: 2023-03}\n"
        "activities: activities.csv\nindicators: indicators.csv\n",
    )
    chapter = build_chapter(Analysis(load_dataset(folder)), "PER")
    table = list(csv.DictReader(io.StringIO(chapter.figures_csv())))[1:]
    cells = {
        r["id"]: (r["level"], r["country_code"], r["adm1_name"], r["reached_total"]) for r in table
    }
    assert cells == {
        "PER": ("country", "PER", "", "50"),
        "Lima": ("admin1", "PER", "Lima", "20"),
        "(not given)": ("admin1", "PER", "", "30"),
    }
    paths = write_exports(chapter, tmp_path / "out")
    report = frictionless.validate(str(paths["datapackage"]))
    assert report.valid, errors(report)
