"""Targets and % of target (METHOD.md rule 9), on hand-worked target tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.core.columns import POPULATION_TYPES, TARGET_COLUMNS
from helpers.core.geography import PLATFORMS
from helpers.figures import targets

HTS = "Protection (Human Trafficking and Smuggling)"


def target_table(records: list[tuple]) -> pd.DataFrame:
    """(country, sector, population type, people in need, target) -> canonical targets."""
    return pd.DataFrame(
        [
            {
                "country": c,
                "admin1": "",
                "sector": s,
                "population_type": p,
                "people_in_need": pin,
                "target": t,
            }
            for c, s, p, pin, t in records
        ],
        columns=TARGET_COLUMNS,
    )


TARGETS = target_table(
    [
        ("COL", HTS, "in_destination", 100, 20),
        ("COL", HTS, "in_transit", 50, 10),
        ("PER", HTS, "in_destination", 40, 10),
        ("ABW", HTS, "in_transit", 30, 16),
        ("DOM", HTS, "host_community", 8, np.nan),  # people in need given, no target
        ("COL", "Protection", "in_destination", 9000, 5000),  # another sector
    ]
)


def test_sector_targets_compare_sector_after_normalising():
    t = targets.sector_targets(TARGETS, "protection (human trafficking & SMUGGLING)")
    assert len(t) == 5  # the five HTS rows, not the 'Protection' one
    assert targets.sector_targets(None, HTS) is None


def test_target_for_a_country_sums_its_population_types():
    t = targets.sector_targets(TARGETS, HTS)
    assert targets.target_for(t, "COL") == 30  # 20 + 10
    assert targets.target_for(t, "COL", column="people_in_need") == 150  # 100 + 50


def test_platform_target_includes_in_transit():
    t = targets.sector_targets(TARGETS, HTS)
    # Caribbean: ABW 16 (in transit, kept at platform level); DOM has no target
    assert targets.target_for(t, "caribbean") == 16


def test_percent_of_target_region_target_excludes_in_transit():
    t = targets.sector_targets(TARGETS, HTS)
    region = targets.target_for(t, "region")  # the region leaves in-transit out by itself
    # COL dest 20 + PER dest 10 = 30; COL transit 10 and ABW transit 16 left out
    assert region == 30
    # the platforms keep in-transit: 20 + 10 (Colombia) + 10 (Peru) + 16 (Caribbean) = 56
    assert sum(targets.target_for(t, p) or 0 for p in PLATFORMS) == 56
    # region headline 21 people (already excluding in transit) -> 21 / 30 = 70 %
    assert targets.percent_of_target(21, region) == pytest.approx(70.0)


def test_percent_of_target_is_reached_over_target():
    assert targets.percent_of_target(15, 30) == pytest.approx(50.0)  # 15 / 30
    assert targets.percent_of_target(45, 30) == pytest.approx(150.0)  # over 100 % is kept
    assert targets.percent_of_target(0, 30) == 0.0  # a real target and nobody reached: 0 %


@pytest.mark.parametrize("target", [None, 0, 0.0, float("nan"), float("inf"), -5])
def test_no_target_no_percentage(target):
    # never 0 %, never infinity, never NaN
    assert targets.percent_of_target(12, target) is None


def test_no_target_rows_give_no_target():
    t = targets.sector_targets(TARGETS, HTS)
    assert targets.target_for(t, "BRA") is None  # no row for Brazil
    assert targets.target_for(t, "DOM") is None  # a row, but the target is missing
    assert targets.target_for(None, "COL") is None  # no targets file at all
    assert targets.target_for(targets.sector_targets(TARGETS, "Education"), "COL") is None
    # so the percentage is absent too
    assert targets.percent_of_target(4, targets.target_for(t, "DOM")) is None


def test_target_by_population_type():
    # (target_by_country was removed: a scope's targets by population type took its place)
    t = targets.sector_targets(TARGETS, HTS)
    col = targets.target_by_type(t, "COL")
    assert list(col) == POPULATION_TYPES
    assert col["in_destination"] == 20
    assert col["in_transit"] == 10
    assert targets.target_by_type(t, "ABW")["in_transit"] == 16
    assert targets.target_by_type(t, "PER")["in_transit"] is None  # not given: not a made-up 0
    assert targets.target_by_type(t, "COL", column="people_in_need")["in_destination"] == 100
    # the region leaves in-transit out: COL 10 and ABW 16 are not a regional target
    region = targets.target_by_type(t, "region")
    assert region["in_destination"] == 30 and region["in_transit"] is None  # 20 + 10
    assert targets.target_by_type(None, "COL") == {}
    only_missing = target_table([("COL", HTS, "in_transit", 5, np.nan)])
    assert all(v is None for v in targets.target_by_type(only_missing, "COL").values())
