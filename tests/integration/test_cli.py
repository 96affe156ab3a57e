"""The command line as users run it: figures, funding, validate, sample."""

from __future__ import annotations

import json

import pytest

from helpers.cli.main import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_figures_reproduce_the_2023_regional_headline(capsys, sample_folder):
    code, out, _ = run(capsys, "figures", "--data", str(sample_folder), "--exact")
    assert code == 0
    doc = json.loads(out)
    region = doc["region"]
    # The published 2023 chapter: 26.2K reached, 78.8 % of target, 11 reporting and
    # 18 implementing partners (3 refugee- and migrant-led), 5 donors.
    assert region["reached"]["total_excluding_in_transit"] == pytest.approx(26_200, rel=0.01)
    assert region["percent_of_target"] == pytest.approx(78.8, abs=0.5)
    assert region["reporting_partners"] == 11
    assert region["implementing_partners"] == 18
    assert region["refugee_migrant_led_partners"] == 3
    assert region["donors"] == 5
    assert len(doc["countries"]) == 17 and len(doc["platforms"]) == 8
    assert doc["period"] == {"start": "2023-01", "end": "2023-12"}


def test_figures_default_output_suppresses_small_counts(capsys, sample_folder):
    code, out, _ = run(capsys, "figures", "--data", str(sample_folder))
    assert code == 0
    doc = json.loads(out)
    k = doc["min_count"]
    for entry in [*doc["countries"], *doc["platforms"], doc["region"]]:
        for key, value in entry["reached"].items():
            assert not (isinstance(value, (int, float)) and 0 < value < k), (entry["name"], key)
    # the sample has small counts, so something must have been masked
    assert f'"<{k}"' in out


def test_figures_csv_has_hxl_row(capsys, sample_folder):
    code, out, _ = run(capsys, "figures", "--data", str(sample_folder), "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("level,id,name")
    assert lines[1].startswith("#meta+level,#meta+id")
    assert len(lines) == 2 + 1 + 8 + 17 + 1  # region, platforms, countries, regional block


def test_unknown_sector_is_an_error_naming_the_closest_known_sectors(capsys, sample_folder):
    """A mistyped sector would give a document of zeros: exit 2 with the closest sectors
    the dataset knows (METHOD.md), for figures and validate alike."""
    for command in ("figures", "validate"):
        code, out, err = run(
            capsys,
            command,
            "--data",
            str(sample_folder),
            "--sector",
            "Protection (Human Trafficing and Smugling)",
        )
        assert code == 2 and out == ""
        assert "column '--sector'" in err
        assert "the closest: Protection (Human Trafficking and Smuggling)" in err
    # a sector the dataset knows, even written otherwise, is fine
    code, out, _ = run(
        capsys,
        "figures",
        "--data",
        str(sample_folder),
        "--sector",
        "protection (human trafficking & smuggling)",
    )
    assert code == 0 and json.loads(out)["sector"] == "Protection (Human Trafficking and Smuggling)"


def test_funding_reproduces_fts_own_totals(capsys, shared_file):
    pages = [str(shared_file("fts", f"flows_location114_2020-page-{i}.json")) for i in (1, 2, 3)]
    code, out, _ = run(capsys, "funding", *pages, "--format", "json")
    assert code == 0
    totals = json.loads(out)
    assert totals["fundingTotal"] == 714246261
    assert totals["pledgeTotal"] == 81128
    assert totals["flowCount"] == 440
    code, out, _ = run(capsys, "funding", *pages)
    assert "fundingTotal 714246261" in out and "flowCount 440" in out


def test_bad_dataset_exits_2_with_a_message_not_a_traceback(capsys, tmp_path):
    code, _, err = run(capsys, "validate", "--data", str(tmp_path / "nowhere"))
    assert code == 2
    assert "dataset folder does not exist" in err
    assert "Traceback" not in err


def test_validate_sample_lists_findings(capsys, sample_folder):
    code, out, _ = run(capsys, "validate", "--data", str(sample_folder))
    assert code == 0
    assert "mojibake_repaired" in out
    assert "population_breakdown" in out
    assert "unknown_indicator" in out
    assert "the dataset loads" in out


def test_sample_command_writes_a_dataset(capsys, tmp_path):
    code, out, _ = run(capsys, "sample", "--out", str(tmp_path / "s"), "--seed", "7")
    assert code == 0
    assert (tmp_path / "s" / "dataset.yaml").is_file()


@pytest.mark.parametrize(("flag", "pdf"), [([], True), (["--no-pdf"], False)])
def test_build_prints_pdfs_unless_no_pdf(monkeypatch, capsys, tmp_path, flag, pdf):
    from helpers.batch import build

    seen = []

    def fake_build(opts):
        seen.append(opts.pdf)
        return build.BuildReport(tmp_path, [], 0.0, "sector", published=False)

    monkeypatch.setattr(build, "build", fake_build)
    code, _, _ = run(capsys, "build", "--out", str(tmp_path / "reports"), *flag)
    assert (code, seen) == (0, [pdf])
