"""Fixtures of the figures layer's tests."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.figures import reach

HTS = "Protection (Human Trafficking and Smuggling)"


@pytest.fixture
def classified(activity_rows, hts_indicators):
    """A function: `activity_rows(records)` cut to the HTS sector (`reach.sector_rows`) and
    classified against an indicator reference (`hts_indicators` unless one is given)."""

    def rows(records: list[dict], indicators: pd.DataFrame | None = None) -> pd.DataFrame:
        ref = hts_indicators if indicators is None else indicators
        return reach.classify(reach.sector_rows(activity_rows(records), HTS), ref)

    return rows
