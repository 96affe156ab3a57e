"""The figures do not change by accident: `r4v-report figures` (exact and published, JSON
and CSV) and `validate` on the sample are compared with the recorded outputs in
tests/data/golden/, and on datasets made of the real files in ../shared/data with their
recorded digests (real figures are not copied into the project, only their sha256).

A deliberate change records the new outputs with
`R4V_RECORD_GOLDEN=1 pytest tests/integration/test_unchanged_figures.py`; the diff of the
sample's files is reviewed in the commit.
"""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from helpers.cli.main import main

RECORD = os.environ.get("R4V_RECORD_GOLDEN") == "1"
COMMANDS = {
    "figures-exact.json": ["figures", "--exact", "--format", "json"],
    "figures-published.json": ["figures", "--format", "json"],
    "figures-exact.csv": ["figures", "--exact", "--format", "csv"],
    "validate.txt": ["validate"],
}
REAL_DATASETS = ["real2023", "real2024", "real2023full", "real2024hdx"]  # tests/conftest.py


def _run(args, capsys) -> str:
    code = main(args)
    out = capsys.readouterr().out
    return f"{out}\nexit {code}\n"


@pytest.fixture(scope="module")
def golden(project_root):
    return project_root / "tests" / "data" / "golden"


@pytest.mark.parametrize("name", COMMANDS)
def test_sample_outputs_are_the_recorded_ones(golden, sample_folder, name, capsys):
    text = _run([*COMMANDS[name], "--data", str(sample_folder)], capsys)
    path = golden / "sample" / name
    if RECORD:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("dataset", REAL_DATASETS)
def test_real_file_outputs_are_the_recorded_ones(
    golden, write_real_dataset, tmp_path, dataset, capsys
):
    folder = write_real_dataset(dataset, tmp_path / dataset)
    digests = {
        name: hashlib.sha256(_run([*args, "--data", str(folder)], capsys).encode()).hexdigest()
        for name, args in COMMANDS.items()
    }
    path = golden / "real" / f"{dataset}.json"
    if RECORD:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(digests, indent=1) + "\n", encoding="utf-8")
    assert digests == json.loads(path.read_text(encoding="utf-8"))
