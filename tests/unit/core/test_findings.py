"""Findings: what each names, and which ones a chapter's scope lists."""

from __future__ import annotations

from helpers.core.findings import Finding, chapter_findings, findings_for_scope


def test_findings_of_a_scope_and_those_tied_to_no_country():
    fs = [
        Finding("a", "m", file="x.csv", row=2, country="COL"),
        Finding("b", "m", file="x.csv", row=3, country="PER"),
        Finding("c", "m", file="x.csv"),
    ]
    assert [f.check for f in findings_for_scope(fs, {"COL"})] == ["a", "c"]
    assert findings_for_scope(fs, None) == fs


def test_a_finding_as_a_dict_names_every_field():
    f = Finding(
        "new_exceeds_total",
        "m",
        file="x.csv",
        row=2,
        column="new_beneficiaries",
        country="COL",
        people=8.0,
    )
    assert f.as_dict() == {
        "check": "new_exceeds_total",
        "message": "m",
        "file": "x.csv",
        "row": 2,
        "column": "new_beneficiaries",
        "country": "COL",
        "people": 8.0,
        "severity": "warning",
        "sector": None,
        "params": {},
    }


def test_a_chapter_lists_its_sector_and_scope_and_counts_the_others():
    fs = [
        Finding("a", "m", file="x.csv", row=2, country="COL", sector="Protection"),
        Finding("b", "m", file="x.csv", row=3, country="PER", sector="Protection"),
        Finding("c", "m", file="x.csv", row=4, country="COL", sector="Education"),
        Finding("d", "m", file="x.csv"),  # the file's: every chapter lists it
    ]
    listed, others = chapter_findings(fs, {"COL"}, "protection")
    assert [f.check for f in listed] == ["a", "d"]
    assert others == 2  # PER's (another country) and COL's Education row (another sector)
    listed, others = chapter_findings(fs, None, "Protection")  # the region
    assert [f.check for f in listed] == ["a", "b", "d"]
    assert others == 1
