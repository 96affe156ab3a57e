"""The canonical tables' contracts (pandera): every loader keeps them, and a table that
breaks one is named column by column."""

from __future__ import annotations

import dataclasses

import numpy as np

from helpers.inputs.contracts import broken_contracts, schemas


def test_the_sample_keeps_every_contract(sample_dataset):
    assert broken_contracts(sample_dataset) == []


def test_every_canonical_table_has_a_contract(sample_dataset):
    tables = {f.name for f in dataclasses.fields(sample_dataset)} - {
        "manifest",
        "narratives",
        "findings",
        "inputs",
    }
    assert set(schemas()) == tables


def test_a_broken_table_is_named_by_column_and_check(sample_dataset):
    activities = sample_dataset.activities.copy()
    activities.loc[0, "new_beneficiaries"] = -3.0  # a count below zero
    activities.loc[1, "month"] = "2023-13"  # not a month
    targets = sample_dataset.targets.drop(columns=["target"])  # a column missing
    broken = dataclasses.replace(sample_dataset, activities=activities, targets=targets)
    problems = broken_contracts(broken)
    assert any(
        p.startswith("activities.new_beneficiaries: greater_than_or_equal_to(0)") and "-3.0" in p
        for p in problems
    )
    assert any(p.startswith("activities.month: str_matches") and "2023-13" in p for p in problems)
    assert any(p.startswith("targets.") and "target" in p for p in problems)
    assert not any(p.startswith(("indicators", "partners", "flows", "situation")) for p in problems)


def test_missing_counts_keep_the_contract(sample_dataset):
    activities = sample_dataset.activities.copy()
    activities["girls"] = np.nan  # a count not given is missing, not broken
    assert broken_contracts(dataclasses.replace(sample_dataset, activities=activities)) == []


def test_real_files_keep_every_contract(shared_data, tmp_path, make_dataset):
    from helpers.inputs.dataset import load_dataset

    files = {
        "a.xlsx": (shared_data / "r4v" / "5w_2024_sample.xlsx").read_bytes(),
        "i.csv": (shared_data / "r4v" / "indicators_2023_2024.csv").read_bytes(),
        "p.csv": (shared_data / "r4v" / "partners_2021.csv").read_bytes(),
        "t.csv": (shared_data / "r4v" / "target_2022_by_admin1.csv").read_bytes(),
        "f.csv": (shared_data / "fts" / "hdx_incoming_funding_jor.csv").read_bytes(),
    }
    folder = make_dataset(
        tmp_path / "real",
        files,
        (
            "name: real\nperiod: {start: 2023-01, end: 2023-12}\nactivities: a.xlsx\n"
            "indicators: i.csv\npartners: p.csv\ntargets: t.csv\nfunding: f.csv\n"
        ),
    )
    assert broken_contracts(load_dataset(folder)) == []
