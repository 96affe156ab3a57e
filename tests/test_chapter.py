"""The chapter object and its HTML sections: what a page may print, and how.

A tiny hand-made dataset (no funding, targets, situation, narratives or partner reference)
checks that a missing source gives a sentence, never a made-up zero; a hostile one checks
that everything from data is inert text; the shipped sample checks that the chapter's
figures are the `r4v-report figures` document's, suppressed.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from markupsafe import escape

from helpers import charts, render
from helpers.chapter import (
    MISSING,
    OTHER,
    TOTAL,
    build_chapter,
    fmt_date,
    fmt_people,
    fmt_percent,
    fmt_usd,
    period_label,
    publish_finding,
    redact_small_numbers,
    validate_parameters,
)
from helpers.disclosure import assert_no_small_counts, suppress_figures
from helpers.errors import InputError
from helpers.figures import Analysis
from helpers.load import load_dataset
from helpers.quality import Finding

from .conftest import SAMPLE, write_dataset

HTS = "Protection (Human Trafficking and Smuggling)"
DA = "# of people receiving assistance and protection services"
CB = "# of people trained"
SCRIPT = "<script>alert('x')</script>"
IMG = "<img src=x onerror=alert(1)>"
LONG = "A" * 100_000

HEADER = ("Country,Admin1,Appealing_org,Implementation,Implementing_partner,Month,Subsector,"
          "Indicator,Activity_Name,Quantity_output,Total_monthly,New_beneficiaries,"
          "IN_DESTINATION,IN_TRANSIT,Host_Communities,PENDULARS,Returnees")


def line(country, admin1, org, setup, partner, month, indicator, activity, new, dest="",
         transit="", quantity=""):
    values = (country, admin1, org, setup, partner, month, HTS, indicator, activity, quantity,
              new, new, dest, transit, "", "", "")
    return ",".join('"' + str(v).replace('"', '""') + '"' for v in values)


# COL: 40 (30 destination, 10 transit) + 3 = 43 people; PER: 20; ABW: 2 (a small count).
ACTIVITIES = "\n".join([
    HEADER,
    line("Colombia", "Arauca", SCRIPT, "No", "", "2023-01", DA, IMG, 40, 30, 10),
    line("Colombia", "Arauca", "Org B", "Yes", '=HYPERLINK("http://evil")', "2023-02", DA,
         "Legal aid", 3, 3),
    line("Peru", "Lima", "Org B", "No", "", "2023-01", DA, LONG, 20, 20),
    line("Aruba", "Aruba", "Org B", "No", "", "2023-02", DA, "Legal aid", 2, 2),
    line("Colombia", "Arauca", "Org B", "No", "", "2023-03", CB, "Training", 12, quantity=1),
]) + "\n"
INDICATORS = ("CODE,Sector/Subsector/WG,Indicator,Indicator Type\n"
              f"RE-PRHT1,{HTS},{CB},Capacity Building\n"
              f"RE-PRHT3,{HTS},{DA},Direct Assistance\n")
MANIFEST = """name: tiny <b>dataset</b>
period: {start: 2023-01, end: 2023-03}
activities: activities.csv
indicators: indicators.csv
"""
NARRATIVE = f"""## Situation

{SCRIPT} and {IMG} and [a link](javascript:alert(1)) and [ok](https://r4v.info) and
$\\alpha$ and ![tracker](http://evil.example/x.png) in {{scope}}: {LONG[:5000]}

## Response

Partners reached {{reached}} people.
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Analysis:
    folder = write_dataset(tmp_path_factory.mktemp("tiny"), {
        "activities.csv": ACTIVITIES, "indicators.csv": INDICATORS}, MANIFEST)
    return Analysis(load_dataset(folder))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Analysis:
    folder = write_dataset(tmp_path_factory.mktemp("hostile"), {
        "activities.csv": ACTIVITIES, "indicators.csv": INDICATORS,
        "narratives/COL.md": NARRATIVE}, MANIFEST + "narratives: narratives/\n")
    return Analysis(load_dataset(folder))


@pytest.fixture(scope="module")
def sample() -> Analysis:
    if not (SAMPLE / "dataset.yaml").is_file():
        pytest.skip("data/sample is absent")
    return Analysis(load_dataset(SAMPLE))


@pytest.fixture(scope="module")
def region(sample):
    return build_chapter(sample, "region")


def page(chapter, with_charts: bool = False) -> str:
    """Every section of a chapter, as the notebook displays them."""
    c = {}
    if with_charts:
        c = {
            "infographic": {"main": charts.people_and_funding(chapter.infographic,
                                                              chapter.infographic_unit)},
            "response": {"activities": charts.ranked_bars(chapter.by_activity, "By activity",
                                                          what="activity"),
                         "partners": charts.ranked_bars(chapter.by_partner, "By partner",
                                                        what="partner")},
        }
    return "".join(render.section_html(chapter, s, **c.get(s, {})) for s in render.SECTIONS)


def figures_in(html: str) -> dict[tuple[str, str | None], str]:
    soup = BeautifulSoup(html, "html.parser")
    return {(e["data-figure"], e.get("data-unit")): e["data-value"]
            for e in soup.find_all(attrs={"data-figure": True})}


# ---------------------------------------------------------------- display strings


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


def test_small_numbers_in_finding_messages_are_redacted():
    assert redact_small_numbers("add up to 22, not the 19 reported (+3)", 5) == (
        "add up to 22, not the 19 reported (<5)")
    assert redact_small_numbers("value '3' is 2.5 people", 5) == "value '3' is <5 people"
    f = publish_finding(Finding("new_exceeds_total", "new beneficiaries (3) exceed total (2)",
                                file="a.csv", row=7, people=3.0), 5)
    assert f["people"] == "<5" and f["message"] == "new beneficiaries (<5) exceed total (<5)"
    big = publish_finding(Finding("x", "row has 3 fields", file="a.csv", row=2), 5)
    assert big["message"] == "row has 3 fields"  # not about people: left alone


# ---------------------------------------------------------------- parameters


def test_validate_parameters_rejects_unknown_scope_and_sector(tiny):
    folder = tiny.dataset.manifest.folder
    with pytest.raises(InputError, match="unknown scope 'Atlantis'"):
        validate_parameters(data=folder, scope="Atlantis")
    with pytest.raises(InputError, match="sector 'Shelter' is not in the indicator reference"):
        validate_parameters(data=folder, sector="Shelter", scope="COL")
    with pytest.raises(InputError, match="exact must be True or False"):
        validate_parameters(data=folder, scope="COL", exact="yes")
    with pytest.raises(InputError, match="does not exist"):
        validate_parameters(data=folder / "nowhere", scope="COL")
    p = validate_parameters(data=folder, scope="Colombia", sector=HTS.upper())
    assert p.scope == "COL" and p.sector == HTS.upper() and p.data == folder


# ---------------------------------------------------------------- missing sources


def test_missing_optional_sources_give_a_sentence_not_a_zero(tiny):
    ch = build_chapter(tiny, "COL")
    assert set(ch.missing) == {"funding", "targets", "situation", "narratives", "partners",
                               "requirements"}
    assert ch.key_figures["funding_usd"] is None and ch.key_figures["target"] is None
    html = page(ch)
    for key in ("funding", "targets", "situation", "narratives", "partners"):
        assert str(escape(MISSING[key])) in html
    found = figures_in(html)
    assert ("funding_usd", None) not in found and ("percent_of_target", None) not in found
    assert ("donors", None) not in found
    assert "USD" not in html and "% of target" not in html
    assert ch.lessons.correlation.rho is None and ch.lessons.misalignment is None


def test_region_without_funding_says_so(tiny):
    ch = build_chapter(tiny, "region")
    html = render.section_html(ch, "regional")
    assert str(escape(MISSING["funding"])) in html and "USD" not in html
    assert ch.regional_funding_usd is None


# ---------------------------------------------------------------- disclosure


def people_tables(ch):
    parts = [*charts.POPULATION_TYPES, "not_disaggregated", "total"]
    return {"infographic": ch.infographic[parts], "age_gender": ch.age_gender[["people"]],
            "progress": ch.progress[["new", "cumulative"]],
            "by_activity": ch.by_activity[["reached"]],
            "by_partner": ch.by_partner[["reached"]]}


@pytest.mark.parametrize("scope", ["ABW", "COL", "caribbean", "region"])
def test_no_small_count_of_people_is_published(tiny, scope):
    ch = build_chapter(tiny, scope)
    assert_no_small_counts(people_tables(ch), ch.min_count)
    assert_no_small_counts({"reached": ch.key_figures["reached"]}, ch.min_count)
    doc = ch.figures_document()
    assert_no_small_counts({t: [{"reached": r.get("reached")} for r in rows]
                            for t, rows in doc["tables"].items()}, ch.min_count)
    for row in csv.DictReader(io.StringIO(ch.figures_csv())):
        if row["level"].startswith("#"):
            continue
        for key, value in row.items():
            if key.startswith("reached_") and value not in ("", "<5", "[c]"):
                assert not 0 < float(value) < 5, (key, value)
    html = page(ch)
    for (name, _), value in figures_in(html).items():
        if name.startswith("reached") and value not in ("", "<5", "[c]"):
            assert not 0 < float(value) < 5, (name, value)


def test_small_country_total_is_hidden_everywhere(tiny):
    ch = build_chapter(tiny, "ABW")
    assert ch.key_figures["reached"]["total"] == "<5"
    assert ch.key_figures.get("suppressed") is True
    html = page(ch)
    assert figures_in(html)[("reached", None)] == "<5"
    assert "fewer than 5" in html
    exact = build_chapter(tiny, "ABW", exact=True)
    assert exact.figures_document()["key_figures"]["reached"]["total"] == 2  # asked for
    assert exact.figures_document()["key_figures_published"]["reached"]["total"] == "<5"
    assert figures_in(page(exact))[("reached", None)] == "<5"  # the page never is exact
    assert "\nadmin1,Aruba,Aruba,caribbean,2," in exact.figures_csv()
    assert "\nadmin1,Aruba,Aruba,caribbean,<5," in ch.figures_csv()


def test_exports_have_an_hxl_row_and_neutralised_formulas(tiny):
    ch = build_chapter(tiny, "COL")
    rows = list(csv.reader(io.StringIO(ch.figures_csv())))
    assert rows[0][:3] == ["level", "id", "name"]
    assert rows[1][0] == "#meta+level" and all(c.startswith("#") for c in rows[1])
    doc = json.loads(json.dumps(ch.figures_document()))
    names = [r["name"] for r in doc["tables"]["by_partner"]]
    assert '=HYPERLINK("http://evil")' in names  # JSON keeps data as it is
    assert doc["scope"] == {"id": "COL", "name": "Colombia", "level": "country"}
    assert doc["exact"] is False and doc["min_count"] == 5


# ---------------------------------------------------------------- hostile text


def test_everything_from_data_renders_as_inert_text(hostile):
    for scope in ("COL", "region"):
        ch = build_chapter(hostile, scope)
        html = page(ch, with_charts=True)
        assert not re.search(r"<\s*script", html, re.I)
        assert "<img src=x" not in html and "onerror=alert" not in html.replace(
            "onerror=alert(1)&gt;", "")
        assert "&lt;script&gt;" in html
        soup = BeautifulSoup(html, "html.parser")
        assert all(img["src"].startswith("data:image/png;base64,") and img.get("alt")
                   for img in soup.find_all("img"))
        assert not soup.find_all(attrs={"onerror": True})
        for a in soup.find_all("a"):
            assert a["href"].startswith(("#", "https://", "http://", "mailto:")), a
        assert LONG not in html  # 100,000 characters are shortened for display
        assert "tiny &lt;b&gt;dataset&lt;/b&gt;" in html  # the dataset name too
        assert "mathjax" not in html.lower()


def test_narrative_markdown_is_safe(hostile):
    ch = build_chapter(hostile, "COL")
    html = render.section_html(ch, "situation")
    soup = BeautifulSoup(html, "html.parser")
    links = [a["href"] for a in soup.select("[data-narrative] a")]
    assert "https://r4v.info" in links
    assert all(link.startswith("http") for link in links)  # javascript: is never a link
    assert soup.select_one("[data-narrative] a")["rel"] == ["noopener", "noreferrer",
                                                            "nofollow"]
    assert not soup.select("[data-narrative] img")  # no outside image is fetched
    assert "$\\alpha$" in soup.get_text()  # dollars stay text: there is no MathJax
    assert "in Colombia:" in soup.get_text()  # placeholders filled
    response = render.section_html(ch, "response")
    assert "Partners reached 43 people." in response


# ---------------------------------------------------------------- the sample


_DOCS: dict = {}


def sample_doc(analysis):
    """The `r4v-report figures` document, suppressed (as the CLI does it)."""
    if id(analysis) not in _DOCS:
        _DOCS[id(analysis)] = suppress_figures(analysis.figures(),
                                               analysis.dataset.manifest.min_count)
    return _DOCS[id(analysis)]


def test_region_key_figures_are_the_suppressed_figures_document(sample, region):
    ch = region
    doc = sample_doc(sample)
    assert ch.key_figures == doc["region"]
    assert ch.headline == doc["region"]["reached"]["total_excluding_in_transit"]
    # the infographic: one row per platform, straight from the document
    for p in doc["platforms"]:
        row = ch.infographic.loc[p["id"]]
        assert row["total"] == p["reached"]["total"]
        assert row["in_transit"] == p["reached"]["in_transit"]
        assert row["funding_usd"] == p["funding_usd"]
    assert ch.infographic.at[TOTAL, "in_transit"] is None  # never summed across countries
    assert ch.infographic.at[TOTAL, "total"] == ch.headline
    assert ch.regional_funding_usd == doc["regional_funding_usd"]
    assert ch.regional_activities["reached"] == doc["regional_activities"]["reached"]
    # the response adds up to the headline, which excludes in-transit at regional level
    assert ch.progress["cumulative"].iloc[-1] == ch.headline
    assert ch.by_activity.at[TOTAL, "reached"] == ch.headline
    assert ch.by_partner.at[TOTAL, "reached"] == ch.headline
    assert ch.age_gender["people"].isna().all()  # shares only at regional level
    assert pd.isna(ch.reached_vs_target.at["in_transit", "reached"])
    assert len(ch.platforms) == 8


def test_platform_and_country_units_are_one_level_down(sample):
    doc = sample_doc(sample)
    carib = build_chapter(sample, "caribbean")
    assert list(carib.infographic.index) == ["ABW", "CUW", "DOM", "GUY", "TTO", TOTAL]
    by_iso3 = {c["iso3"]: c for c in doc["countries"]}
    for iso3 in ["ABW", "CUW", "DOM", "GUY", "TTO"]:
        for part in ["in_destination", "host_community", "pendular", "total"]:
            assert carib.infographic.at[iso3, part] == by_iso3[iso3]["reached"][part]
    col = build_chapter(sample, "COL")
    assert col.infographic_unit == "admin-1 place"
    assert col.infographic.at[TOTAL, "total"] == by_iso3["COL"]["reached"]["total"]
    assert "Arauca" in col.infographic.index
    assert col.key_figures == by_iso3["COL"]


def test_narratives_are_filled_with_display_strings(region):
    ch = region
    assert "26.2K" in ch.narratives["response"]
    assert "78.8 %" in ch.narratives["response"]
    assert "{" not in "".join(ch.narratives.values())


def test_other_row_groups_the_smaller_activities(region):
    ch = region
    if OTHER in ch.by_activity.index:
        assert ch.by_activity.at[OTHER, "name"].endswith("others")
        assert len(ch.by_activity) == 14  # 12 listed, the others, the total
