"""The real R4V 5W files in ../shared/data/r4v load as datasets, as they are, and
validate through the command line.

The files stay in ../shared/data (never copied into the project); a test that needs a
dataset folder copies them into a temporary one, because a manifest may only name files
inside its own folder. Each test skips with a reason when ../shared/data is absent. The
reference lists (indicators, partners, targets, admin-1) are tests/unit/inputs'.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.cli.main import main
from helpers.core.columns import TEXT_COLUMNS
from helpers.core.errors import InputError
from helpers.figures.analysis import dataset_findings
from helpers.inputs import dialects
from helpers.inputs.dataset import load_dataset
from helpers.inputs.tables import read_table

INDICATORS = "indicators_2023_2024.csv"


@pytest.fixture
def real_dataset(shared_file, make_dataset):
    """A function: a dataset folder holding a copy of one real 5W file and the real
    indicator list (`real_dataset(folder, "5w_2023_sample.xlsx")`)."""

    def make(folder: Path, activities: str, period: str = "2023-01, end: 2023-12") -> Path:
        sources = [shared_file("r4v", activities), shared_file("r4v", INDICATORS)]
        make_dataset(
            folder,
            {},
            f"name: real {activities}\nperiod: {{start: {period}}}\n"
            f"activities: {activities}\nindicators: {INDICATORS}\n",
        )
        for src in sources:
            shutil.copyfile(src, folder / src.name)
        return folder

    return make


def _texts(frame) -> list[str]:
    return [str(v) for c in TEXT_COLUMNS for v in frame[c] if str(v)]


# ------------------------------------------------------------------------------ 5W files


@pytest.mark.parametrize("name", ["5w_2023_sample.xlsx", "5w_2024_sample.xlsx"])
def test_5w_samples_load_with_mojibake_repaired(tmp_path, name, real_dataset):
    ds = load_dataset(real_dataset(tmp_path, name))
    a = ds.activities
    assert len(a) == 50
    assert set(a["country"]) <= {"MEX", "PAN"} and "MEX" in set(a["country"])
    assert set(a["month"]) == {"2023-01"}
    texts = _texts(a)
    assert any("naturalización" in t for t in texts)
    assert not any("Ã" in t for t in texts)
    repaired = [f for f in ds.findings if f.check == "mojibake_repaired"]
    assert repaired and all(f.row and f.column for f in repaired)
    assert any(f.column == "Activity_Name" and "naturalización" in f.message for f in repaired)
    # The real numbers are read as numbers: the first row is 2 new beneficiaries.
    first = a.loc[a["source_row"] == 2].iloc[0]
    assert first["new_beneficiaries"] == 2 and first["cva_value_usd"] == 880


def test_5w_2024_reads_the_platform_column(tmp_path, real_dataset):
    ds = load_dataset(real_dataset(tmp_path, "5w_2024_sample.xlsx"))
    a = ds.activities
    assert (a["platform_raw"] != "").all()
    assert set(a["platform_raw"]) == {"Mexico", "Panama"}
    assert set(a["platform"]) == {"central-america-mexico"}
    assert not [f for f in ds.findings if f.check == "platform_mismatch"]


def test_5w_2023_has_no_platform_column(tmp_path, real_dataset):
    ds = load_dataset(real_dataset(tmp_path, "5w_2023_sample.xlsx"))
    assert (ds.activities["platform_raw"] == "").all()
    assert set(ds.activities["platform"]) == {"central-america-mexico"}


def test_2025_import_template_header_is_recognised(tmp_path, shared_file, real_dataset):
    path = shared_file("r4v", "5w_2025_import_template.xlsx")
    table = read_table(path, header_score=dialects.header_score)
    assert "Country Country" in table.frame.columns
    assert "Indicator Indicator" in table.frame.columns
    mapping = dialects.map_activity_headers(list(table.frame.columns))
    assert mapping["Country Country"] == "country_raw"
    assert mapping["Indicator Indicator"] == "indicator"
    assert dialects.missing_required(mapping) == []
    assert dialects.dialect_of(list(table.frame.columns)) == "activityinfo"
    assert table.header_row == 1 and len(table.frame) == 0

    # The template holds no row: a dataset of it alone would empty every chapter, which is
    # an error naming what to fix (METHOD.md), not a publication of zeros.
    with pytest.raises(InputError, match="the 5W files hold no row with a month"):
        load_dataset(real_dataset(tmp_path, path.name, period="2025-01, end: 2025-12"))


# ------------------------------------------------------------------------------ done-when


def test_real_2023_sample_validates_through_the_cli(tmp_path, capsys, real_dataset):
    """The issue's done-when: manifest + real 2023 5W + 2023-2024 indicators -> exit 0 and
    the findings listed: mojibake repaired, breakdowns that do not add up."""
    folder = real_dataset(tmp_path / "real", "5w_2023_sample.xlsx")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["dataset.yaml", "5w_2023_sample.xlsx", INDICATORS]
    )
    code = main(["validate", "--data", str(folder)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""
    lines = out.splitlines()
    assert lines[0].startswith("real 5w_2023_sample.xlsx: 50 5W rows in 2023-01 to 2023-12")
    assert lines[-1].endswith("the dataset loads.")
    assert any(" info mojibake_repaired: " in line and "naturalización" in line for line in lines)
    findings = dataset_findings(load_dataset(folder))
    breakdown = [f for f in findings if f.check == "population_breakdown"]
    assert breakdown
    for f in breakdown:
        assert any(
            line.startswith(f"{f.file}:{f.row} ") and "population_breakdown" in line
            for line in lines
        )
    assert {f.row for f in breakdown} >= {46, 47, 48}
