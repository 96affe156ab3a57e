"""Findings as the annex publishes them: small numbers of people redacted in the count and
in the message of findings about people, other messages left alone."""

from __future__ import annotations

from helpers.core.findings import Finding
from helpers.disclosure.findings import publish_finding, redact_small_numbers


def test_small_numbers_in_finding_messages_are_redacted():
    assert redact_small_numbers("add up to 22, not the 19 reported (+3)", 5) == (
        "add up to 22, not the 19 reported (<5)"
    )
    assert redact_small_numbers("value '3' is 2.5 people", 5) == "value '3' is <5 people"
    f = publish_finding(
        Finding(
            "new_exceeds_total",
            "new beneficiaries (3) exceed total (2)",
            file="a.csv",
            row=7,
            people=3.0,
        ),
        5,
    )
    assert f["people"] == "<5" and f["message"] == "new beneficiaries (<5) exceed total (<5)"
    big = publish_finding(Finding("x", "row has 3 fields", file="a.csv", row=2), 5)
    assert big["message"] == "row has 3 fields"  # not about people: left alone
