"""The benchmark's own logic (not its timings): its naive baseline must compute the same
figures as ours, or the ratios in the table compare different work; and its status says
exactly which part of a target is missed."""

from __future__ import annotations

import importlib
import sys

import pytest


@pytest.fixture(scope="module")
def bench(project_root):
    """benchmarks/run.py, imported as the benchmark runs it (its folder on sys.path)."""
    folder = str(project_root / "benchmarks")
    sys.path.insert(0, folder)
    try:
        yield importlib.import_module("run")
    finally:
        sys.path.remove(folder)


def test_naive_baseline_finds_the_same_people_as_ours(bench, tmp_path):
    from synth5w import write_dataset

    data = write_dataset(tmp_path / "5w", 3000)
    naive = bench.step_naive(str(data))
    cold = bench.step_ours(str(data), str(tmp_path / "cache"), False)
    warm = bench.step_ours(str(data), str(tmp_path / "cache"), True)
    assert not cold["warm"] and warm["warm"]
    assert naive["people"] > 0 and naive["in_transit"] > 0
    for ours in (cold, warm):
        assert (ours["people"], ours["in_transit"]) == (naive["people"], naive["in_transit"])
    assert bench._same_figures(naive, [cold, warm]).startswith("Same figures as ours")


def test_naive_baseline_follows_the_method_on_a_hand_made_file(bench, tmp_path):
    """Two countries; a row outside the period, an output indicator, another sector, a
    regional row and an unknown indicator are not counted; a text count is 0.
    Counted: Peru 10 + 5 (indicator in other case/spaces), Chile 7 -> 22 people,
    in transit 3 + 0 + 2 = 5."""
    from synth5w import EXPORT_HEADERS

    sector = "Protection (Human Trafficking and Smuggling)"
    header = [
        "Country",
        "Month",
        "Indicator Sector",
        "Indicator",
        "New beneficiaries of the month",
        "Total monthly beneficiaries",
        "Refugees and Migrants IN DESTINATION",
        "Refugees and Migrants IN TRANSIT",
        "Host Communities Beneficiaries",
        "Refugees and Migrants PENDULARS",
        "Colombian Returnees",
    ]
    assert set(header) <= set(EXPORT_HEADERS)
    counted = "# of people assisted"
    rows = [
        ["Peru", "2023-03", sector, counted, "10", "10", "7", "3", "0", "0", "0"],
        ["Peru", "2023-04", sector.upper(), f"  {counted.upper()} ", "5", "5", "5", "", "", "", ""],
        ["Chile", "2023-12", sector, counted, "7", "9", "5", "2", "0", "0", "0"],
        ["Chile", "2024-01", sector, counted, "100", "0", "0", "100", "0", "0", "0"],
        ["Peru", "2023-05", sector, "# of trainings", "50", "0", "0", "50", "0", "0", "0"],
        ["Peru", "2023-05", "Health", counted, "40", "0", "0", "40", "0", "0", "0"],
        ["Regional", "2023-05", sector, counted, "30", "0", "0", "30", "0", "0", "0"],
        ["Peru", "2023-05", sector, "# unknown", "20", "0", "0", "20", "0", "0", "0"],
        ["Chile", "2023-06", sector, counted, "n/a", "0", "0", "0", "0", "0", "0"],
    ]
    data = tmp_path / "hand"
    data.mkdir()
    (data / "activities-1.csv").write_text(
        "\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8"
    )
    (data / "indicators.csv").write_text(
        "CODE,Sector/Subsector/WG,Indicator,Indicator Type\n"
        f"A,{sector},{counted},Direct Assistance\n"
        f"B,{sector},# of trainings,Capacity Building\n"
        f"C,Health,{counted},Direct Assistance\n",
        encoding="utf-8",
    )
    (data / "dataset.yaml").write_text(
        f"name: hand\nperiod: {{start: 2023-01, end: 2023-12}}\nsector: {sector}\n",
        encoding="utf-8",
    )
    naive = bench.step_naive(str(data))
    assert (naive["people"], naive["in_transit"], naive["groups"]) == (22, 5, 2)


def test_status_names_each_missed_part(bench):
    naive = {"seconds": 2.0, "people": 100.0, "in_transit": 10.0}
    fast = {"seconds": 0.3, "peak_mb": 200.0, "people": 100.0, "in_transit": 10.0}
    assert bench._status(naive, fast) == "PASS"  # 6.7x, 0.3 s, 200 MB
    assert bench._status(naive, {**fast, "seconds": 0.5}) == "FAIL: 5x"  # 4x
    assert (
        bench._status({**naive, "seconds": 20.0}, {**fast, "seconds": 2.5}) == "FAIL: 2 s"
    )  # 8x but 2.5 s
    assert bench._status(naive, {**fast, "peak_mb": 1600.0}) == "FAIL: 1.5 GB"
    assert bench._status(naive, {**fast, "people": 99.0}) == "FAIL: figures differ from naive"
    parse = {"seconds": 1.0}  # parsing alone only 2x faster than naive
    assert (
        bench._status(naive, {**fast, "seconds": 3.0}, parse)
        == "FAIL: 5x (unreachable: parsing alone is 2.0x), 2 s"
    )
    assert (
        bench._same_figures(naive, [{"people": 99.0, "in_transit": 10.0}])
        == "FIGURES DIFFER from ours: 99 people, 10 in transit; 100 people, 10 in transit"
    )


def test_the_floor_arithmetic_splits_shared_edition_and_pdf_seconds(bench):
    # English 1.2 s = c + w; three editions 2.4 s = c + 3w: w = 0.6, c = 0.6; with PDFs
    # 4.2 s = 2.4 + 6p: p = 0.3. 3w + 12p = 1.8 + 3.6 = 5.4 s against c = 0.6 s (missed:
    # 4.2 s is 3.5 x the English floor, over 1.5 x)
    assert bench._floor_arithmetic(1.2, 2.4, 4.2) == (
        "; each PDF 0.30 s (six a chapter). 1.5 x needs 3w + 12p <= c: 5.40 s against c = 0.60 s"
    )
    # English 1.0, editions 1.2 (w = 0.1, c = 0.9), PDFs 1.26 (p = 0.01): 0.42 <= 0.9, and
    # indeed 1.26 <= 1.5 x 1.0
    assert bench._floor_arithmetic(1.0, 1.2, 1.26).endswith("0.42 s against c = 0.90 s")


def test_the_english_floor_writes_english_only(project_root, sample_folder, tmp_path):
    """The floor's `languages` reaches the notebook: an "English only" floor that wrote
    all three editions measured three times the work it reported."""
    folder = str(project_root / "benchmarks")
    sys.path.insert(0, folder)
    try:
        floor = importlib.import_module("floor")
    finally:
        sys.path.remove(folder)
    seconds = floor.run_floor(sample_folder, tmp_path, scopes=["ABW"], languages=["en"])
    assert list(seconds) == ["ABW"]
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.html"))
    assert written == ["ABW-annex.html", "ABW.html"]
