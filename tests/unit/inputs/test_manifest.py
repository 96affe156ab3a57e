import pytest

from helpers.core.errors import InputError
from helpers.inputs.manifest import months_between, read_manifest

MINIMAL = "period: {start: 2023-01, end: 2023-03}\nactivities: a.csv\nindicators: i.csv\n"


def test_minimal_manifest(tmp_path, make_dataset):
    d = make_dataset(tmp_path, {"a.csv": "x", "i.csv": "x"}, MINIMAL)
    m = read_manifest(d)
    assert m.months() == ["2023-01", "2023-02", "2023-03"]
    assert m.min_count == 5
    assert m.sector == "Protection (Human Trafficking and Smuggling)"
    assert not m.has("funding")


def test_months_cross_a_year():
    assert months_between("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "period: {start: 2023-01, end: 2023-03}\nindicators: i.csv\n",
            "required key 'activities' is missing",
        ),
        (
            "activities: a.csv\nindicators: i.csv\nperiod: {start: 2023-13, end: 2023-12}\n",
            "'2023-13' is not a month",
        ),
        ("activities: [a.csv\n", "not valid YAML"),
        ("- just a list\n", "must be a YAML mapping"),
        (MINIMAL + "targets: ../../etc/passwd\n", "points outside the dataset folder"),
        (MINIMAL + "partners: missing.csv\n", "names a file that does not exist: missing.csv"),
        (MINIMAL + "disclosure: {min_count: zero}\n", "min_count"),
    ],
)
def test_bad_manifests_name_the_problem(tmp_path, text, expected, make_dataset):
    d = make_dataset(tmp_path, {"a.csv": "x", "i.csv": "x"}, text)
    with pytest.raises(InputError) as err:
        read_manifest(d)
    assert expected in str(err.value)
    assert "dataset.yaml" in str(err.value)


def test_symlink_leaving_the_folder_is_refused(tmp_path, make_dataset):
    outside = tmp_path / "outside.csv"
    outside.write_text("secret")
    d = make_dataset(tmp_path / "ds", {"a.csv": "x", "i.csv": "x"}, MINIMAL + "targets: t.csv\n")
    (d / "t.csv").symlink_to(outside)
    with pytest.raises(InputError, match="outside the dataset folder"):
        read_manifest(d)


def test_missing_manifest(tmp_path):
    with pytest.raises(InputError, match="no dataset.yaml"):
        read_manifest(tmp_path)
