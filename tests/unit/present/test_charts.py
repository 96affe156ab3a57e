"""Charts draw the published tables in one style: titles, units, alt text, hidden counts
never drawn to scale, a fixed colour-blind-safe colour per population type."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from helpers.chapter.model import TOTAL
from helpers.core.columns import POPULATION_TYPES
from helpers.present import charts

PARTS = [*POPULATION_TYPES, "not_disaggregated"]


def infographic() -> pd.DataFrame:
    rows = {
        "brazil": ["Brazil", 2080.0, "<5", 442.0, "[c]", 0.0, 0.0, 2750.0, 130000.0],
        "peru": ["Peru", 3722.0, 600.0, 591.0, 96.0, 136.0, 0.0, 5145.0, None],
        TOTAL: ["Region", 5802.0, None, 1033.0, 100.0, 136.0, 0.0, 7070.0, 130000.0],
    }
    return pd.DataFrame.from_dict(
        rows, orient="index", columns=["name", *PARTS, "total", "funding_usd"]
    ).astype(object)


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_palette_is_okabe_ito_and_fixed_per_population_type():
    okabe = {v.upper() for v in charts.OKABE_ITO.values()}
    assert {c.upper() for c in charts.POPULATION_COLOURS.values()} <= okabe
    assert len(set(charts.POPULATION_COLOURS.values())) == len(charts.POPULATION_COLOURS)
    assert set(POPULATION_TYPES) <= set(charts.POPULATION_COLOURS)


def test_infographic_draws_published_values_only():
    chart = charts.people_and_funding(infographic(), "platform")
    fig = chart.figure
    assert isinstance(fig, Figure) and fig.canvas.manager is None  # not pyplot: shown once
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "People reached and funding by platform"
    assert ax.get_xlabel() == "People reached (persons)"
    assert fig.axes[1].get_xlabel() == "Budget received (USD)"
    # one bar container per population type, in the fixed colours; hidden cells not drawn
    bars = {c.get_label(): c for c in ax.containers}
    transit = bars["In transit"]
    assert to_hex(transit.patches[0].get_facecolor()).upper() == charts.OKABE_ITO["orange"]
    brazil = 0  # patches follow the table's rows (Brazil is drawn at the top)
    assert transit.patches[brazil].get_width() == 0  # "<5" is not drawn to scale
    assert bars["Pendular"].patches[brazil].get_width() == 0  # "[c]" neither
    assert bars["In destination"].patches[brazil].get_width() == 2080
    hidden = bars["Hidden (small counts)"]  # what the hidden cells add up to, hatched
    assert hidden.patches[brazil].get_width() == 2750 - 2080 - 442
    assert hidden.patches[1].get_width() == 0  # nothing hidden for Peru
    assert "2,750" in texts(fig) and "5,145" in texts(fig)  # totals, as published
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Brazil", "Peru"]  # no total row
    assert "Brazil: 2,750 people" in chart.alt and "in transit <5" in chart.alt
    assert "pendular [c]" in chart.alt and "<5 or [c] are hidden" in chart.alt
    assert "budget received USD 130K" in chart.alt


def test_reached_against_target_skips_types_without_target():
    table = pd.DataFrame.from_dict(
        {
            "in_destination": {
                "label": "In destination",
                "target": 100.0,
                "reached": 80.0,
                "percent_of_target": 80.0,
            },
            "in_transit": {
                "label": "In transit",
                "target": None,
                "reached": 7.0,
                "percent_of_target": None,
            },
            "pendular": {
                "label": "Pendular",
                "target": 10.0,
                "reached": "<5",
                "percent_of_target": None,
            },
            TOTAL: {"label": "All", "target": 110.0, "reached": 90.0, "percent_of_target": 81.8},
        },
        orient="index",
    ).astype(object)
    chart = charts.reached_against_target(table)
    labels = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert labels == ["In destination", "Pendular"]  # read top to bottom
    assert "80 of 100 (80.0 %)" in texts(chart.figure)
    assert "<5 of 10" in texts(chart.figure)
    assert "Pendular: <5 reached of a target of 10" in chart.alt
    assert charts.reached_against_target(table.assign(target=None)) is None


def test_monthly_progress_leaves_hidden_points_out():
    progress = pd.DataFrame(
        {
            "month": ["2023-01", "2023-02", "2023-03"],
            "new": ["<5", "[c]", 20.0],
            "cumulative": ["<5", 30.0, 50.0],
        },
        dtype=object,
    )
    chart = charts.monthly_progress(progress, target=100)
    ax = chart.figure.axes[0]
    line = ax.get_lines()[0]
    assert list(line.get_xdata()) == [1, 2]  # January's cumulative is hidden
    assert ax.get_ylabel() == "People (persons)"
    assert "ends at 50 against a target of 100" in chart.alt
    assert "2023-01 <5" in chart.alt


def test_ranked_bars_highlight_refugee_and_migrant_led():
    table = pd.DataFrame(
        {
            "name": ["Org A", "Org <b>B</b>", "All"],
            "reached": [60.0, 40.0, 100.0],
            "share": [60.0, 40.0, 100.0],
            "refugee_migrant_led": [False, True, None],
        },
        index=["Org A", "Org <b>B</b>", TOTAL],
    ).astype(object)
    chart = charts.ranked_bars(
        table,
        "People reached by implementing partner",
        what="implementing partner",
        highlight="refugee_migrant_led",
        highlight_label="Refugee- and migrant-led",
    )
    patches = chart.figure.axes[0].patches
    assert to_hex(patches[1].get_facecolor()).upper() == charts.OKABE_ITO["orange"]
    assert "Org <b>B</b>: 40 (refugee- and migrant-led)" in chart.alt  # escaped when shown
    assert "60 (60.0 %)" in texts(chart.figure)


def test_long_names_are_shortened_on_axes():
    name = "N" * 100_000
    table = pd.DataFrame(
        {"name": [name, "All"], "reached": [10.0, 10.0], "share": [100.0, 100.0]},
        index=[name, TOTAL],
    ).astype(object)
    chart = charts.ranked_bars(table, "t", what="activity")
    label = chart.figure.axes[0].get_yticklabels()[0].get_text()
    assert len(label) <= charts.LABEL_CHARS and label.endswith("…")
    assert len(chart.alt) < 500


def test_funding_against_reach_leaves_hidden_countries_out():
    countries = pd.DataFrame(
        {
            "name": ["Aruba", "Brazil", "Chile"],
            "reached": ["<5", 2750.0, 2050.0],
            "funding_usd": [43000.0, 130000.0, 0.0],
        },
        index=["ABW", "BRA", "CHL"],
    ).astype(object)
    chart = charts.funding_against_reach(countries)
    assert "Countries with a hidden count, not drawn: 1." in chart.alt
    assert texts(chart.figure) == ["BRA"]  # Chile has no funding: on the axis, in the alt
    assert "Chile: 2,050 people, USD 0" in chart.alt
    assert charts.funding_against_reach(None) is None


@pytest.mark.parametrize("maker", ["age", "situation", "platforms"])
def test_every_chart_has_a_title_units_and_alt_text(maker):
    if maker == "age":
        table = pd.DataFrame.from_dict(
            {
                "girls": {"label": "Girls", "people": 10.0, "share": 50.0},
                "boys": {"label": "Boys", "people": "<5", "share": None},
                TOTAL: {"label": "All", "people": 20.0, "share": 100.0},
            },
            orient="index",
        )
        chart = charts.age_and_gender(table.astype(object))
        assert chart.figure.axes[0].get_xlabel() == "People reached (persons)"
    elif maker == "situation":
        table = pd.DataFrame(
            {
                "sexual exploitation": [60.0],
                "forced labour": [40.0],
                "__unit__": ["percent of identified victims"],
            },
            index=["Peru"],
        )
        chart = charts.situation_parts(table, "Main form of exploitation")
        assert chart.figure.axes[0].get_xlabel() == "Percent of identified victims"
    else:
        table = pd.DataFrame(
            {"name": ["Brazil"], "percent_of_target": [80.9], "usd_per_person_reached": [47.3]},
            index=["brazil"],
        )
        chart = charts.platforms_compared(table)
        assert chart.figure.axes[1].get_xlabel() == "Budget received per person reached (USD)"
    shown = chart.figure.get_suptitle() or chart.figure.axes[0].get_title(loc="left")
    assert chart.title and shown == chart.title
    assert len(chart.alt) > 40


def test_apply_style_sets_the_shared_style():
    charts.apply_style()
    assert matplotlib.rcParams["axes.spines.top"] is False
    assert matplotlib.rcParams["savefig.dpi"] == charts.STYLE["savefig.dpi"]
