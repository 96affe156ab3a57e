"""Display strings: people, percentages, money, dates and periods as pages print them."""

from __future__ import annotations

from helpers.core.i18n import edition
from helpers.present.formatting import (
    fmt_date,
    fmt_people,
    fmt_percent,
    fmt_timestamp,
    fmt_usd,
    hidden_words,
    period_label,
)


def test_display_strings():
    assert fmt_people(26200, short=True) == "26.2K"
    assert fmt_people(9000, short=True) == "9K"
    assert fmt_people(4612.5) == "4,613"  # half up, not to even
    assert fmt_people("<5") == "<5" and fmt_people("[c]") == "[c]"
    assert fmt_people(None) == "—"
    assert fmt_percent(78.79936) == "78.8 %"
    assert fmt_usd(3521000, short=True) == "USD 3.5M"
    assert fmt_usd(607000) == "USD 607,000"
    assert fmt_date("2024-04-01") == "1 April 2024"
    assert period_label("2023-01", "2023-12") == "2023"
    assert period_label("2023-01", "2023-03") == "January–March 2023"


def test_hidden_tokens_in_words():
    assert hidden_words("<5") == "fewer than 5"
    assert hidden_words("[c]") == "an undisclosed number"
    assert hidden_words("26.2K") == "26.2K"  # not a token: left as it is


def test_build_times_read_as_the_edition_writes_a_day():
    assert fmt_timestamp("2024-05-02 10:07:59 UTC") == "2 May 2024, 10:07 UTC"
    assert fmt_timestamp("2024-05-02 10:07 UTC") == "2 May 2024, 10:07 UTC"  # the annex's
    with edition("es"):
        assert fmt_timestamp("2024-05-02 10:07:59 UTC") == "2 de mayo de 2024, 10:07 UTC"
    with edition("pt"):
        assert fmt_timestamp("2024-05-02 10:07:59 UTC") == "2 de maio de 2024, 10:07 UTC"
    assert fmt_timestamp("yesterday") == "yesterday"  # not a time: as it is
    assert fmt_timestamp(None) == ""
