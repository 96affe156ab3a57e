"""Invariants of the METHOD.md rules over random canonical activity tables (hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.core.columns import POPULATION_TYPES
from helpers.core.geography import COUNTRIES, PLATFORMS
from helpers.figures import partners, reach
from helpers.inputs.organisations import PartnerIndex

DA = "# of people receiving assistance and protection services"  # RE-PRHT3 (people)
TRAINED = "# of people trained"  # RE-PRHT1 (an output)
MONTHS = ["2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06"]
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# a count as real data has it: missing, whole or fractional, never negative (the loader
# turns negatives into findings and NaN)
count = st.one_of(
    st.just(np.nan),
    st.integers(0, 60).map(float),
    st.floats(0, 60, allow_nan=False, allow_infinity=False),
)

row = st.fixed_dictionaries(
    {
        "country": st.sampled_from(list(COUNTRIES)),
        "month": st.sampled_from(MONTHS),
        "indicator": st.sampled_from([DA, DA, DA, TRAINED]),
        "appealing_org": st.sampled_from(["Org A", " org a", "Org B", "Org C", "Org D"]),
        "implementation": st.sampled_from(["Yes", "No", ""]),
        "implementing_partner": st.sampled_from(["", "Org B", "Org E", "ORG E", "Org F"]),
        "new_beneficiaries": count,
        **{p: count for p in POPULATION_TYPES},
    }
)
tables = st.lists(row, min_size=0, max_size=25)


@pytest.fixture(scope="module")
def counted_rows(activity_rows, hts_indicators):
    """A function: the counted rows of records (classified against `hts_indicators`)."""

    def rows(records):
        return reach.counted(reach.classify(activity_rows(records), hts_indicators))

    return rows


@SETTINGS
@given(tables)
def test_region_excluding_in_transit_at_most_sum_of_country_totals(counted_rows, records):
    by_country = reach.reached_by_country(counted_rows(records))
    region = reach.region_reached(by_country)
    country_total = float(by_country["total"].sum())
    assert region["total_excluding_in_transit"] <= country_total + 1e-9
    assert region["total_excluding_in_transit"] == pytest.approx(
        float((by_country["total"] - by_country["in_transit"]).sum())
    )


@SETTINGS
@given(tables)
def test_platform_and_region_partner_counts_between_max_and_sum_of_countries(
    activity_rows, records
):
    rows = activity_rows(records)
    idx = PartnerIndex(None)
    scopes = {p: PLATFORMS[p].countries for p in PLATFORMS} | {"region": tuple(COUNTRIES)}
    for count_of in (partners.reporting_partners, partners.implementing_partners):
        by_country = {c: len(count_of(part, idx)) for c, part in rows.groupby("country")}
        for countries in scopes.values():
            per_country = [by_country.get(c, 0) for c in countries]
            whole = len(count_of(rows[rows["country"].isin(countries)], idx))
            assert max(per_country) <= whole <= sum(per_country)


@SETTINGS
@given(tables)
def test_monthly_cumulative_never_falls_and_ends_at_total(counted_rows, records):
    rows = counted_rows(records)
    series = reach.monthly_progress(rows["new_beneficiaries"], rows["month"], MONTHS)[
        "cumulative"
    ].to_numpy()
    assert len(series) == len(MONTHS)
    assert np.all(np.diff(series) >= -1e-9)
    assert series[-1] == pytest.approx(reach.reached_totals(rows)["total"])


@SETTINGS
@given(tables)
def test_not_disaggregated_is_total_minus_population_types(counted_rows, records):
    rows = counted_rows(records)
    r = reach.reached_totals(rows)
    assert r["not_disaggregated"] == pytest.approx(r["total"] - sum(r[p] for p in POPULATION_TYPES))
    by_country = reach.reached_by_country(rows)
    expected = by_country["total"] - by_country[POPULATION_TYPES].sum(axis=1)
    assert np.allclose(by_country["not_disaggregated"], expected)
    for p in PLATFORMS:
        pr = reach.platform_reached(by_country, p)
        assert pr["not_disaggregated"] == pytest.approx(
            pr["total"] - sum(pr[t] for t in POPULATION_TYPES)
        )
    # and the country tables add up to the scope-wide sums: a plain sum, nothing lost
    assert float(by_country["total"].sum()) == pytest.approx(r["total"])
