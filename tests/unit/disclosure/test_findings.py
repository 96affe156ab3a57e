"""Findings as the annex publishes them: where and what, never how many people.

The message `validate` prints for the data owner names the counts ("age and gender add
up to 22, not the 19 new beneficiaries counted (+3)"): printed in the annex, 22 − 19 gives
the hidden 3 back. The published finding keeps check, severity, place and text values."""

from __future__ import annotations

from helpers.core.findings import Finding
from helpers.disclosure.findings import publish_finding


def test_a_published_finding_names_no_count_of_people():
    f = Finding(
        "age_gender_breakdown",
        "age and gender add up to 22, not the 19 new beneficiaries counted (+3)",
        file="a.csv",
        row=7,
        column="new_beneficiaries",
        country="PER",
        people=19.0,
        params={"counted": True},
    )
    published = publish_finding(f)
    assert published == {
        "check": "age_gender_breakdown",
        "severity": "warning",
        "file": "a.csv",
        "row": 7,
        "column": "new_beneficiaries",
        "country": "PER",
        "params": {"counted": True},
    }
    assert "19" not in str(published) and "22" not in str(published)


def test_text_values_of_a_finding_are_kept_for_the_annex():
    f = Finding(
        "platform_mismatch",
        "…",
        file="b.csv",
        row=3,
        params={"platform": "Caribe", "country": "Perú"},
    )
    assert publish_finding(f)["params"] == {"platform": "Caribe", "country": "Perú"}
