"""The bad-input corpus: every case in tests/data/bad_inputs/ gives its exact error or
findings.

Each case is a folder holding a dataset (`dataset.yaml` and the files it names) and an
`expected.yaml` that says what the dataset must produce:

- `error: "<part of the message>"`, with `file`, `row` and `column` where they apply: the
  dataset cannot be used; `r4v-report validate` exits 2 with one line
  `r4v-report: error: <file>, row N, column 'X': what (expected ...)` and no traceback.
- `findings: [{check, file, row, column, severity, country, people, message}, ...]` (any
  subset of the keys; `message` is a substring): the dataset loads, `validate` exits 0 and
  lists them. Every *warning* the dataset produces must be listed (info findings may be
  left out), so a case also proves that nothing else is flagged.
- `figures: {<scope>: {<dotted path>: value}}`, scope an ISO3 code, a platform id,
  `region` or `regional_activities`: the exact figures (`Analysis(...).figures()`) that the
  case must give, worked out by hand.
- `symlinks: {<path in the case>: <target relative to it>}`: symlinks the test makes
  (a symlink out of the folder is not something to commit); their target, `outside.csv`
  next to the case folder, is made too.

To keep the repository text-only, `<name>.xlsx.yaml` (a sheet name -> rows description) is
turned into the workbook `<name>.xlsx`, and `<name>.b64` into the bytes of `<name>`, when a
case is copied to a temporary folder. `docs/errors.md` explains every message and check.
"""

from __future__ import annotations

import ast
import base64
import json
import math
import re
import shutil
from pathlib import Path

import pytest
import yaml

from helpers.cli.main import EXIT_INPUT, main
from helpers.core.errors import InputError
from helpers.disclosure import assert_no_small_counts
from helpers.figures.analysis import Analysis, dataset_findings
from helpers.inputs.dataset import load_dataset

# Collected before any fixture runs, so the folders are named here.
ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.yaml").is_file())
FINDING_KEYS = {"check", "file", "row", "column", "severity", "country", "people", "message"}
CASE_KEYS = {"about", "error", "file", "row", "column", "findings", "figures", "symlinks"}


def expected_of(case: str) -> dict:
    return yaml.safe_load((CORPUS / case / "expected.yaml").read_text(encoding="utf-8"))


def materialise(case: str, tmp_path: Path, workbook_from_yaml) -> Path:
    """A working copy of the case: workbooks and binary files made, symlinks laid."""
    folder = tmp_path / case
    shutil.copytree(CORPUS / case, folder, symlinks=True)
    (folder / "expected.yaml").unlink()
    for spec in sorted(folder.rglob("*.xlsx.yaml")):
        workbook_from_yaml(spec)
        spec.unlink()
    for encoded in sorted(folder.rglob("*.b64")):
        encoded.with_suffix("").write_bytes(base64.decodebytes(encoded.read_bytes()))
        encoded.unlink()
    links = expected_of(case).get("symlinks") or {}
    if links:
        (tmp_path / "outside.csv").write_text("secret,do not read\n", encoding="utf-8")
    for name, target in links.items():
        link = folder / name
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target)
    return folder


def _matches(finding, want: dict) -> bool:
    for key, value in want.items():
        got = getattr(finding, key)
        if key == "message":
            if str(value) not in got:
                return False
        elif key == "people":
            if got is None or not math.isclose(got, value, abs_tol=1e-9):
                return False
        elif got != value:
            return False
    return True


def _get(entry: dict, path: str):
    value = entry
    for part in path.split("."):
        value = value[part]
    return value


# ------------------------------------------------------------------------------ the corpus


def test_corpus_is_well_formed():
    assert len(CASES) >= 40
    for case in CASES:
        exp = expected_of(case)
        assert set(exp) <= CASE_KEYS, (case, set(exp) - CASE_KEYS)
        assert exp.get("about"), f"{case}: say what the case is about"
        assert ("error" in exp) != ("findings" in exp), f"{case}: an error or findings"
        assert "figures" not in exp or "findings" in exp, case
        for want in exp.get("findings") or []:
            assert set(want) <= FINDING_KEYS and "check" in want, (case, want)
        assert (CORPUS / case / "dataset.yaml").is_file(), case


def test_encoded_files_keep_their_bytes():
    """An editor re-saving these files would quietly turn the cases into easy ones."""
    latin1 = (CORPUS / "latin1" / "activities.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        latin1.decode("utf-8")
    assert "Perú".encode("cp1252") in latin1
    assert (CORPUS / "utf8_bom" / "activities.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (CORPUS / "empty_file" / "activities.csv").read_bytes() == b""


# A lone small count beside its printed total cannot be protected: disclosure warns, by design.
@pytest.mark.filterwarnings("ignore::helpers.disclosure.DisclosureWarning")
@pytest.mark.parametrize("case", CASES)
def test_case(case, tmp_path, capsys, figures_entry, workbook_from_yaml):
    exp = expected_of(case)
    folder = materialise(case, tmp_path, workbook_from_yaml)
    code = main(["validate", "--data", str(folder)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if "error" in exp:
        _check_error(exp, folder, code, out, err)
    else:
        _check_findings(exp, folder, code, out, err, figures_entry)
        # The published figures of the same dataset come out too, small counts hidden.
        assert main(["figures", "--data", str(folder)]) == 0
        published, err = capsys.readouterr()
        assert "Traceback" not in err
        assert_no_small_counts(json.loads(published), load_dataset(folder).manifest.min_count)


def _check_error(exp: dict, folder: Path, code: int, out: str, err: str) -> None:
    assert code == EXIT_INPUT, out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("r4v-report: error: "), err
    line = lines[0]
    assert exp["error"] in line
    if "file" in exp:
        assert exp["file"] in line
    if "row" in exp:
        assert f"row {exp['row']}" in line
    if "column" in exp:
        assert f"column '{exp['column']}'" in line
    with pytest.raises(InputError) as caught:
        load_dataset(folder)
    e = caught.value
    assert exp["error"] in e.detail
    if "file" in exp:
        assert e.file == exp["file"] or e.file.endswith("/" + exp["file"]), e.file
    assert e.row == exp.get("row"), str(e)
    assert e.column == exp.get("column"), str(e)


def _check_findings(exp: dict, folder: Path, code: int, out: str, err: str, figures_entry) -> None:
    assert code == 0, err
    assert out.rstrip().endswith("the dataset loads.")
    ds = load_dataset(folder)
    findings = dataset_findings(ds)
    wanted = exp.get("findings") or []
    for want in wanted:
        hits = [f for f in findings if _matches(f, want)]
        assert hits, f"no finding {want}; got:\n" + "\n".join(map(str, findings))
        f = hits[0]
        where = f"{f.file}:{f.row}" if f.row is not None else (f.file or "dataset")
        assert any(
            line.startswith(where) and f" {f.severity} {f.check}: " in line
            for line in out.splitlines()
        ), f"validate does not list {want}:\n{out}"
    for f in findings:
        if f.severity == "warning":
            assert any(_matches(f, want) for want in wanted), f"unexpected warning {f}"

    doc = Analysis(ds).figures()
    for scope, values in (exp.get("figures") or {}).items():
        entry = figures_entry(doc, scope)
        assert entry is not None, f"expected.yaml names an unknown scope {scope!r}"
        for path, value in values.items():
            got = _get(entry, path)
            if value is None:
                assert got is None, (scope, path, got)
            else:
                assert got == pytest.approx(value, abs=1e-9), (scope, path, got)


# ------------------------------------------------------------------------------ the guide

SRC = ROOT / "src" / "helpers"
GUIDE = ROOT / "docs" / "errors.md"
LOADERS = [
    "inputs/tables.py",
    "inputs/workbooks.py",
    "inputs/extract.py",
    "inputs/fetch.py",
    "inputs/activities.py",
    "inputs/values.py",
    "inputs/references.py",
    "inputs/dataset.py",
    "inputs/manifest.py",
    "inputs/narratives.py",
    "inputs/dialects.py",
    "core/sectors.py",  # the requested sector against the dataset's
]


def _calls(path: Path, names: set[str]):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name in names:
                yield name, node


def finding_checks() -> set[str]:
    """Every `check` name a Finding is made with, anywhere in the package."""
    checks = set()
    for path in SRC.rglob("*.py"):
        for name, node in _calls(path, {"Finding", "_row_finding"}):
            arg = node.args[0 if name == "Finding" else 1] if node.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                checks.add(arg.value)
    # figures/quality.py names its two breakdown checks in a loop
    text = (SRC / "figures" / "quality.py").read_text(encoding="utf-8")
    checks |= set(re.findall(r'"([a-z_]+_breakdown)"', text))
    return checks


def loader_messages() -> set[str]:
    """The fixed text of every InputError message the loaders raise (the longest literal
    part of an f-string)."""
    out = set()
    for module in LOADERS:
        for _, node in _calls(SRC / module, {"InputError"}):
            if not node.args:
                continue
            arg = node.args[0]
            if isinstance(arg, ast.IfExp):
                parts = [arg.body, arg.orelse]
            else:
                parts = [arg]
            for part in parts:
                if isinstance(part, ast.BinOp):
                    part = part.left
                if isinstance(part, ast.Constant):
                    pieces = [part.value]
                elif isinstance(part, ast.JoinedStr):
                    pieces = [v.value for v in part.values if isinstance(v, ast.Constant)]
                else:
                    continue
                best = max(pieces, key=len).strip(" '():;,")
                if len(best) > 3:
                    out.add(best)
    return out


def test_errors_guide_names_every_check():
    guide = GUIDE.read_text(encoding="utf-8")
    checks = finding_checks()
    assert {"invalid_number", "population_breakdown", "similar_organisations"} <= checks
    assert {"unknown_indicator", "fts_duplicate_flow", "age_gender_breakdown"} <= checks
    missing = sorted(c for c in checks if f"`{c}`" not in guide)
    assert not missing, f"docs/errors.md does not explain: {missing}"


def test_errors_guide_explains_every_loader_message():
    guide = GUIDE.read_text(encoding="utf-8")
    messages = loader_messages()
    assert "file is empty" in messages and "points outside the dataset folder" in messages
    assert "is not in this dataset's 5W rows nor in its indicator reference" in messages
    assert "tests/data/bad_inputs/" in guide  # where the guide's examples are
    missing = sorted(m for m in messages if m not in guide)
    assert not missing, f"docs/errors.md does not explain: {missing}"
