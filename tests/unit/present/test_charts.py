"""Charts draw the published tables in one style: titles, units, alt text, hidden counts
never drawn to scale, a fixed colour-blind-safe colour per population type."""

from __future__ import annotations

import re
import subprocess
import sys

import matplotlib
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from helpers.chapter.model import TOTAL
from helpers.core.columns import POPULATION_TYPES
from helpers.core.i18n import edition
from helpers.present import charts
from helpers.present.render import chart_html

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


def names(fig: Figure) -> list[str]:
    """Row names, written above their bars at the left edge of the first panel."""
    return [t.get_text() for t in fig.axes[0].texts if t.get_position()[0] == 0]


def title(fig: Figure) -> str:
    return " ".join(fig.get_suptitle().split())  # wrapped to the chart's width


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance, worked from the sRGB channels."""
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


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
    assert title(fig) == "People reached and funding by platform"
    assert ax.get_xlabel() == "People reached (persons)"
    assert fig.axes[1].get_xlabel() == "Budget (USD)"  # the panel is titled "Budget received"
    # one bar container per population type, in the fixed colours; hidden cells not drawn
    bars = {c.get_label(): c for c in ax.containers}
    transit = bars["In transit"]
    assert to_hex(transit.patches[0].get_facecolor()).upper() == charts.OKABE_ITO["orange"]
    brazil = 0  # patches follow the table's rows (Brazil is drawn at the top)
    assert transit.patches[brazil].get_width() == 0  # "<5" is not drawn to scale
    assert bars["Pendular"].patches[brazil].get_width() == 0  # "[c]" neither
    assert bars["In destination"].patches[brazil].get_width() == 2080
    hidden = bars[charts.hidden_label()]  # what the hidden cells add up to, hatched
    assert hidden.patches[brazil].get_width() == 2750 - 2080 - 442
    assert hidden.patches[1].get_width() == 0  # nothing hidden for Peru
    assert "2,750" in texts(fig) and "5,145" in texts(fig)  # totals, as published
    assert names(fig) == ["Brazil", "Peru"]  # no total row
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
    assert names(chart.figure) == ["In destination", "Pendular"]  # read top to bottom
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
    assert to_hex(patches[1].get_facecolor()).upper() == charts.HIGHLIGHT  # not a population
    assert "Org <b>B</b>: 40 (refugee- and migrant-led)" in chart.alt  # escaped when shown
    assert "60 (60.0 %)" in texts(chart.figure)


def test_long_names_are_shortened_on_axes():
    name = "N" * 100_000
    table = pd.DataFrame(
        {"name": [name, "All"], "reached": [10.0, 10.0], "share": [100.0, 100.0]},
        index=[name, TOTAL],
    ).astype(object)
    chart = charts.ranked_bars(table, "t", what="activity")
    label = names(chart.figure)[0]
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
        label = chart.figure.axes[1].get_xlabel()  # wrapped to its narrow panel
        assert " ".join(label.split()) == "USD per person reached"
    assert chart.title and title(chart.figure) == chart.title
    assert len(chart.alt) > 40


def test_apply_style_sets_the_shared_style():
    charts.apply_style()
    assert matplotlib.rcParams["axes.spines.top"] is False
    assert matplotlib.rcParams["savefig.dpi"] == charts.STYLE["savefig.dpi"]


def test_the_style_is_the_projects_own_and_imports_no_seaborn():
    code = (
        "import sys, matplotlib; from helpers.present import charts; charts.apply_style(); "
        "rc = matplotlib.rcParams; "
        "print('seaborn' in sys.modules, rc['patch.force_edgecolor'], rc['xtick.bottom'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["False", "True", "False"]


def test_a_chart_is_the_same_whether_or_not_the_session_has_the_style():
    """A notebook that never called apply_style (a test, an officer's own cell) draws the
    chart a build publishes."""
    defaults = {k: v for k, v in matplotlib.rcParamsDefault.items() if k != "backend"}
    with matplotlib.rc_context(defaults):
        plain = str(chart_html(charts.people_and_funding(infographic(), "platform")))
    with matplotlib.rc_context():
        charts.apply_style()
        styled = str(chart_html(charts.people_and_funding(infographic(), "platform")))
    assert plain == styled


# ---------------------------------------------------------------- SVG on the page


def test_chart_html_is_inline_svg_named_by_its_alt_text():
    chart = charts.people_and_funding(infographic(), "platform")
    html = str(chart_html(chart))
    assert "base64" not in html and "<img" not in html
    assert html.startswith('<figure class="chart"><svg ') and html.endswith("</svg></figure>")
    assert "<?xml" not in html and "DOCTYPE" not in html and "<metadata" not in html
    assert 'role="img"' in html and 'width="100%"' in html and "viewBox=" in html
    alt = chart.alt.replace("<", "&lt;").replace(">", "&gt;")  # "<5" escaped in attributes
    assert f'aria-label="{alt}"' in html and f"<title>{alt}</title>" in html
    assert ">Brazil</text>" in html  # text stays text (svg.fonttype none)
    assert html == str(chart_html(charts.people_and_funding(infographic(), "platform")))


def test_a_chart_shown_then_written_is_drawn_once_and_again_after_a_change(monkeypatch):
    chart = charts.people_and_funding(infographic(), "platform")
    saved = []
    savefig = Figure.savefig

    def counted(fig, *args, **kwargs):
        saved.append(fig)
        return savefig(fig, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", counted)
    shown = str(chart_html(chart))  # the notebook shows it
    written = str(chart_html(chart))  # the page writes it
    assert written == shown and saved == [chart.figure]
    chart.figure.axes[0].set_xlabel("Personas alcanzadas")  # a user changes the figure
    changed = str(chart_html(chart))
    assert len(saved) == 2 and ">Personas alcanzadas</text>" in changed
    assert ">Personas alcanzadas</text>" not in shown
    renamed = charts.Chart(chart.figure, "Another alt text", chart.title)
    assert 'aria-label="Another alt text"' in str(chart_html(renamed)) and len(saved) == 3


def test_two_charts_on_one_page_share_no_id():
    one = str(chart_html(charts.people_and_funding(infographic(), "platform")))
    two = str(chart_html(charts.people_and_funding(infographic().iloc[1:], "country")))
    ids_one = re.findall(r'\sid="([^"]+)"', one)
    ids_two = re.findall(r'\sid="([^"]+)"', two)
    assert ids_one and ids_two  # clip paths, the hatch pattern
    assert not set(ids_one) & set(ids_two)
    for html, ids in ((one, ids_one), (two, ids_two)):
        assert len(ids) == len(set(ids))
        refs = re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', html)
        assert {a or b for a, b in refs} <= set(ids)  # every reference still resolves


def test_nothing_to_draw_is_a_one_line_note_not_an_empty_chart():
    # Curaçao's admin-1 places: everything zero or hidden, nothing funded
    table = pd.DataFrame.from_dict(
        {
            "willemstad": ["Willemstad", "<5", 0.0, 0.0, 0.0, 0.0, 0.0, "<5", None],
            "other": ["Other", 0.0, "[c]", 0.0, 0.0, 0.0, 0.0, 0.0, None],
        },
        orient="index",
        columns=["name", *PARTS, "total", "funding_usd"],
    ).astype(object)
    chart = charts.people_and_funding(table, "admin-1 place")
    assert chart.figure is None and chart.alt.startswith("Nothing to draw:")
    html = str(chart_html(chart))
    assert html.startswith("<p") and "Nothing to draw:" in html and "<svg" not in html
    ranked = pd.DataFrame({"name": ["A"], "reached": ["<5"], "share": [None]}, index=["A"]).astype(
        object
    )
    assert charts.ranked_bars(ranked, "t", what="activity").figure is None
    assert str(chart_html(None)) == ""


def test_people_axes_tick_whole_people_only():
    table = infographic()
    table.loc["peru", [*PARTS, "total"]] = [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]
    table = table.drop(index=["brazil", TOTAL])
    chart = charts.people_and_funding(table.assign(funding_usd=None), "country")
    ax = chart.figure.axes[0]
    chart.figure.draw_without_rendering()
    low, high = ax.get_xlim()
    ticks = [t.get_text() for t in ax.get_xticklabels() if low <= t.get_position()[0] <= high]
    assert (low, high) == (0, pytest.approx(1.3))  # the bar of 1 and room for its label
    assert ticks == ["0", "1"]  # not "0 0 0 1 1 1"


# ---------------------------------------------------------------- colours


def colours_of(chart) -> dict[str, str]:
    return {
        c.get_label(): to_hex(c.patches[0].get_facecolor()).upper()
        for ax in chart.figure.axes
        for c in ax.containers
    }


def test_a_population_type_has_one_colour_in_every_chart_and_no_other_chart_uses_it():
    main = colours_of(charts.people_and_funding(infographic(), "platform"))
    assert main["In transit"] == "#E69F00" and main["In destination"] == "#0072B2"
    target = charts.reached_against_target(
        pd.DataFrame.from_dict(
            {"in_transit": {"label": "In transit", "target": 10.0, "reached": 8.0}},
            orient="index",
        )
        .assign(percent_of_target=80.0)
        .astype(object)
    )
    reached = target.figure.axes[0].containers[1].patches[0]
    assert to_hex(reached.get_facecolor()).upper() == "#E69F00"  # in transit, as above
    population = {c.upper() for c in charts.POPULATION_COLOURS.values()}
    situation = charts.situation_parts(
        pd.DataFrame(
            {"sexual exploitation": [60.0], "forced labour": [40.0], "__unit__": ["%"]},
            index=["Peru"],
        ),
        "Main form of exploitation",
    )
    ranked = charts.ranked_bars(
        pd.DataFrame(
            {
                "name": ["A", "B"],
                "reached": [6.0, 4.0],
                "share": [60.0, 40.0],
                "led": [True, False],
            },
            index=["A", "B"],
        ).astype(object),
        "t",
        what="partner",
        highlight="led",
        highlight_label="Refugee- and migrant-led",
    )
    for other in (situation, ranked):
        used = {to_hex(p.get_facecolor()).upper() for p in other.figure.axes[0].patches}
        assert not used & population, used  # sexual exploitation is not "in destination" blue
    assert {c.upper() for c in charts.PART_COLOURS}.isdisjoint(population | {charts.BUDGET_COLOUR})


def test_hidden_hatching_stands_out_from_white_and_every_neighbour():
    # By hand: black on white is (1 + 0.05) / (0 + 0.05) = 21; against the darkest
    # neighbour, blue #0072B2 (luminance 0.7152 × 0.1683 + 0.0722 × 0.4451 = 0.1525),
    # (0.1525 + 0.05) / 0.05 = 4.05.
    assert contrast(charts.HIDDEN_INK, "#FFFFFF") == pytest.approx(21.0)
    assert contrast(charts.HIDDEN_INK, "#0072B2") == pytest.approx(4.05, abs=0.01)
    for colour in charts.POPULATION_COLOURS.values():
        assert contrast(charts.HIDDEN_INK, colour) >= 3, colour
    assert contrast("#BBBBBB", "#FFFFFF") < 3  # the old grey hatching did not
    chart = charts.people_and_funding(infographic(), "platform")
    hidden = next(
        c for c in chart.figure.axes[0].containers if c.get_label() == charts.hidden_label()
    )
    assert to_hex(hidden.patches[0].get_edgecolor()).upper() == charts.HIDDEN_INK.upper()
    legend = [t.get_text() for t in chart.figure.legends[0].get_texts()]
    assert "Hidden to protect people\n(<5 and complements)" in legend
    assert not any("small counts" in t for t in legend)


# ---------------------------------------------------------------- labels


def test_scatter_labels_of_close_points_do_not_overlap():
    countries = pd.DataFrame(
        {
            "name": ["Aruba", "Brazil", "Chile", "Peru"],
            "reached": [1000.0, 1010.0, 1020.0, 5000.0],
            "funding_usd": [50000.0, 50500.0, 49500.0, 90000.0],
        },
        index=["ABW", "BRA", "CHL", "PER"],
    ).astype(object)
    fig = charts.funding_against_reach(countries).figure
    fig.draw_without_rendering()
    boxes = [t.get_window_extent() for t in fig.axes[0].texts]
    assert len(boxes) == 4
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)


# ---------------------------------------------------------------- editions

ENGLISH_WORDS = re.compile(
    r"\b(people|reached|persons|budget|funding|hidden|protect|target|and|by|the|of|in|"
    r"for|country|destination|transit|host|returnees|not)\b",
    re.IGNORECASE,
)


def svg_words(chart) -> str:
    """The words of a chart as a page prints them: its SVG's text, tags and ids left out."""
    svg = str(chart_html(chart))
    return " ".join(re.findall(r">([^<]+)<", svg))


def test_a_chart_drawn_in_the_spanish_edition_has_no_english_words():
    table = infographic().rename(index={"brazil": "BRA", "peru": "PER"})
    with edition("es"):
        chart = charts.people_and_funding(table, "country")
        words = svg_words(chart)
        assert chart.in_edition() is chart  # drawn in the active edition: not drawn again
    nbsp = "\u00a0"
    assert chart.lang == "es"
    assert title(chart.figure) == "Personas alcanzadas y financiamiento por país"
    assert chart.alt == (
        "Gráfico de barras horizontales apiladas de las personas alcanzadas por tipo de "
        "población en cada país, con un segundo panel del presupuesto recibido en dólares "
        "estadounidenses. "
        "Brasil: 2.750 personas (en destino 2.080, en tránsito <5, comunidades de acogida "
        f"afectadas 442 y pendulares [c]); presupuesto recibido 130{nbsp}mil{nbsp}USD; "
        "Perú: 5.145 personas (en destino 3.722, en tránsito 600, comunidades de acogida "
        "afectadas 591, pendulares 96 y retornados colombianos 136); presupuesto recibido —. "
        "Los conteos que aparecen como <5 o [c] se ocultan para proteger a las personas "
        "asistidas y no se dibujan uno por uno. "
        "Un segmento rayado muestra cuánto suman los conteos ocultos de una fila."
    )
    legend = [t.get_text() for t in chart.figure.legends[0].get_texts()]
    assert "Oculto para proteger a las personas\n(<5 y complementos)" in legend
    assert "Brasil" in words
    # the funding panel's title is wider than its panel in Spanish: it wraps, never cut
    panel = chart.figure.axes[1].get_title(loc="left")
    assert panel == "Presupuesto\nrecibido" and "Presupuesto" in words and "recibido" in words
    assert not ENGLISH_WORDS.findall(words), ENGLISH_WORDS.findall(words)
    english = chart.in_edition()  # the English page draws it again
    assert english is not chart and title(english.figure).startswith("People reached")


def test_month_initials_and_the_empty_note_follow_the_edition():
    progress = pd.DataFrame(
        {"month": ["2023-12", "2024-01"], "new": [0.0, 0.0], "cumulative": [0.0, 0.0]}
    ).astype(object)
    with edition("es"):
        assert charts.monthly_progress(progress).alt == (
            "Nada que dibujar: las personas alcanzadas en cada mes son cero o están ocultas "
            "para proteger a las personas (vea la tabla)."
        )
        progress["new"] = [5.0, 7.0]
        progress["cumulative"] = [5.0, 12.0]
        ticks = [
            t.get_text() for t in charts.monthly_progress(progress).figure.axes[0].get_xticklabels()
        ]
    assert ticks == ["D\n2023", "E\n2024"]  # diciembre, enero


def test_a_text_is_measured_once_per_process_not_once_per_renderer(monkeypatch):
    import matplotlib.text as mtext
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    calls = []
    measure = RendererAgg.get_text_width_height_descent

    def counted(self, text, prop, ismath):
        calls.append((text, self.dpi))
        return measure(self, text, prop, ismath)

    monkeypatch.setattr(RendererAgg, "get_text_width_height_descent", counted)
    font = FontProperties(family="DejaVu Sans", size=10)
    text = "Colombia, measured once 7c1f"  # in no chart: not measured before this test
    first = mtext._get_text_metrics_with_cache(RendererAgg(100, 100, 150), text, font, False, 150)
    again = mtext._get_text_metrics_with_cache(RendererAgg(200, 50, 150), text, font, False, 150)
    assert again == first and calls == [(text, 150)]  # a second renderer: no new measure
    other = mtext._get_text_metrics_with_cache(RendererAgg(100, 100, 300), text, font, False, 300)
    assert calls == [(text, 150), (text, 300)]  # another resolution is measured again
    assert other[0] == pytest.approx(2 * first[0], rel=0.02)  # twice the dots per inch
    font.set_size(20)  # the same object, changed: a new key, not the old size
    mtext._get_text_metrics_with_cache(RendererAgg(100, 100, 150), text, font, False, 150)
    assert len(calls) == 3


def test_shared_text_metrics_draw_the_same_svg_as_matplotlib_alone(monkeypatch):
    import matplotlib.text as mtext

    shared = str(chart_html(charts.people_and_funding(infographic(), "platform")))
    own = mtext._get_text_metrics_with_cache.__wrapped__  # matplotlib's, per renderer
    monkeypatch.setattr(mtext, "_get_text_metrics_with_cache", own)
    alone = str(chart_html(charts.people_and_funding(infographic(), "platform")))
    assert shared == alone
    charts.share_text_metrics()
    charts.share_text_metrics()  # a second call leaves the one wrapper alone
    assert mtext._get_text_metrics_with_cache.__wrapped__ is own
    assert not hasattr(own, "__wrapped__")


# ---------------------------------------------------------------- layout


def every_chart() -> dict[str, charts.Chart]:
    """One chart of each kind, drawn in the active edition, with long names and two-line
    legend entries (the hidden cells'), the texts that test a layout."""
    long = "Fundación para la Protección Integral de Personas Sobrevivientes de Trata"
    target = pd.DataFrame.from_dict(
        {
            part: {"label": label, "target": t, "reached": r, "percent_of_target": p}
            for part, label, t, r, p in (
                ("in_destination", "In destination", 25249.0, 19709.0, 78.1),
                ("host_community", "Affected host communities", 5012.0, 3809.0, 76.0),
                ("pendular", "Pendular", 1588.0, 1346.0, 84.8),
            )
        },
        orient="index",
    ).astype(object)
    progress = pd.DataFrame(
        {
            "month": [f"2023-{m:02d}" for m in range(1, 13)],
            "new": [float(100 * m) for m in range(1, 13)],
            "cumulative": [float(50 * m * (m + 1)) for m in range(1, 13)],
        },
        dtype=object,
    )
    ranked = pd.DataFrame(
        {
            "name": [long, "Org B", "All"],
            "reached": [6000.0, 4000.0, 10000.0],
            "share": [60.0, 40.0, 100.0],
            "refugee_migrant_led": [True, False, None],
        },
        index=[long, "Org B", TOTAL],
    ).astype(object)
    countries = pd.DataFrame(
        {
            "name": ["Aruba", "Brazil", "Colombia", "Peru"],
            "reached": [45.0, 2750.0, 9000.0, 5145.0],
            "funding_usd": [0.0, 130000.0, 796000.0, 387000.0],
        },
        index=["ABW", "BRA", "COL", "PER"],
    ).astype(object)
    ages = pd.DataFrame.from_dict(
        {
            "girls": {"label": "Girls", "people": 326.0, "share": 18.5},
            "other_adults": {"label": "Other, 18 and over", "people": 36.0, "share": 2.0},
            TOTAL: {"label": "All", "people": 362.0, "share": 100.0},
        },
        orient="index",
    ).astype(object)
    parts = pd.DataFrame(
        {
            "sexual exploitation": [60.0, 50.0],
            "forced labour": [30.0, 30.0],
            "other (forced criminality, servitude, begging and forced marriage)": [10.0, 20.0],
            "__unit__": ["percent of identified victims"] * 2,
        },
        index=["Peru", "Trinidad and Tobago"],
    )
    platforms = pd.DataFrame(
        {
            "name": ["Central America and Mexico", "Southern Cone"],
            "percent_of_target": [78.6, 160.8],
            "usd_per_person_reached": [116.2, 44.0],
        },
        index=["central-america-mexico", "southern-cone"],
    )
    return {
        "people_and_funding": charts.people_and_funding(infographic(), "admin-1 place"),
        "reached_against_target": charts.reached_against_target(target),
        "monthly_progress": charts.monthly_progress(progress, target=9000),
        "ranked_bars": charts.ranked_bars(
            ranked,
            charts.BY_PARTNER,
            what="implementing partner",
            highlight="refugee_migrant_led",
            highlight_label=charts.REFUGEE_MIGRANT_LED,
        ),
        "funding_against_reach": charts.funding_against_reach(countries),
        "age_and_gender": charts.age_and_gender(ages),
        "situation_parts": charts.situation_parts(parts, "Main form of exploitation"),
        "platforms_compared": charts.platforms_compared(platforms),
    }


def _inside(box, frame, slack: float = 1.0) -> bool:
    return (
        box.x0 >= frame.x0 - slack
        and box.y0 >= frame.y0 - slack
        and box.x1 <= frame.x1 + slack
        and box.y1 <= frame.y1 + slack
    )


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_every_chart_keeps_its_texts_inside_and_its_legend_clear_of_its_axes(lang):
    with edition(lang):
        drawn = every_chart()
    for kind, chart in drawn.items():
        fig = chart.figure
        assert fig.get_layout_engine() is None, kind  # laid out by _lay_out, once
        renderer = FigureCanvasAgg(fig).get_renderer()
        fig.draw(renderer)
        frame = fig.bbox
        # everything drawn (ticks within the axes' limits, names, legend, titles)
        drawn = fig.get_tightbbox(renderer).transformed(fig.dpi_scale_trans)
        assert _inside(drawn, frame), (lang, kind, drawn, frame)
        texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_text()]
        assert len(texts) > 5, kind
        decorated = [ax.get_tightbbox(renderer) for ax in fig.axes]
        for legend in fig.legends:
            box = legend.get_window_extent(renderer)
            assert _inside(box, frame), (lang, kind, "legend", box, frame)
            for axes_box in decorated:  # below every axes, its tick and axis labels
                assert box.y1 <= axes_box.y0 + 1.0, (lang, kind, box, axes_box)
        titles = [ax._left_title for ax in fig.axes]
        top = fig._suptitle.get_window_extent(renderer)
        for axes_box, panel in zip(decorated, titles, strict=True):
            assert top.y0 >= axes_box.y1 - 1.0, (lang, kind, "title over its axes")
            if panel.get_text():
                assert _inside(panel.get_window_extent(renderer), frame), (lang, kind)


def test_a_legend_too_wide_for_two_columns_takes_one():
    with edition("es"):  # "Comunidades de acogida afectadas" beside the hidden cells' entry
        chart = charts.people_and_funding(infographic(), "country")
    assert chart.figure.legends[0]._ncols == 1
    chart = charts.people_and_funding(infographic(), "country")  # English: two fit
    assert chart.figure.legends[0]._ncols == 2


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_a_chart_relabelled_in_another_edition_is_the_chart_drawn_in_it(lang):
    """An edition draws the notebook's charts again on the figures they were drawn on, only
    their words set again (`_per_edition`): the SVG it writes is byte for byte the one a
    chart drawn afresh in that edition writes, and the chart it came from is relabelled
    back when its own edition draws it again."""
    english = every_chart()
    first = {kind: chart_html(chart) for kind, chart in english.items()}
    with edition(lang):
        fresh = {kind: chart_html(chart) for kind, chart in every_chart().items()}
        relabelled = {kind: chart.in_edition() for kind, chart in english.items()}
        assert {k: c.figure for k, c in relabelled.items()} == {
            k: c.figure for k, c in english.items()
        }  # the same figures, not new ones
        assert {k: chart_html(c) for k, c in relabelled.items()} == fresh
        assert {k: c.alt for k, c in relabelled.items()} == {
            k: c.alt for k, c in every_chart().items()
        }
    assert {k: chart_html(c.in_edition()) for k, c in english.items()} == first


def test_a_chart_shown_again_after_another_edition_is_in_its_own_words():
    """The notebook shows its English charts after the publication was written: the
    figures then held the last edition's words, and must be English again."""
    chart = every_chart()["reached_against_target"]
    english = chart_html(chart)
    with edition("pt"):
        assert "Pessoas" in chart_html(chart.in_edition())
    assert chart_html(chart) == english


def test_nothing_to_draw_is_noted_in_each_editions_words():
    """A chart with nothing to draw has no figure to relabel: its note is worded again
    (the Spanish and Portuguese Curaçao pages printed it in English)."""
    empty = infographic().assign(**{p: 0.0 for p in PARTS}, total=0.0, funding_usd=None)
    chart = charts.people_and_funding(empty, "admin-1 place")
    assert chart.figure is None and chart.alt.startswith("Nothing to draw")
    with edition("es"):
        assert chart.in_edition().alt.startswith("Nada que dibujar")


def test_a_figure_that_cannot_be_relabelled_is_drawn_afresh():
    """Should a drawing again ever make other artists than the first, the edition gets a
    chart drawn afresh, never one with some of the other edition's words left in it."""
    chart = every_chart()["ranked_bars"]
    chart.figure.axes[0].texts[0].remove()  # one text fewer than the drawing makes
    with edition("es"):
        fresh = chart_html(every_chart()["ranked_bars"])
        again = chart.in_edition()
        assert again.figure is not chart.figure and chart_html(again) == fresh
    english = every_chart()["ranked_bars"]
    assert chart_html(chart.in_edition()) == chart_html(english)
