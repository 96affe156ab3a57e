"""Chapters and their HTML sections: what a page may print, and how.

A tiny hand-made dataset (no funding, targets, situation, narratives or partner reference)
checks that a missing source gives a sentence, never a made-up zero, and that no small
count of people is published; a hostile one checks that everything from data is inert
text. The shipped sample's chapters are tests/integration/test_chapter_sample.py's.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from markupsafe import escape

from helpers.chapter.build import build_chapter
from helpers.chapter.exports import to_json
from helpers.chapter.model import MISSING
from helpers.disclosure import assert_no_small_counts
from helpers.figures.analysis import Analysis
from helpers.inputs.dataset import load_dataset
from helpers.present import charts, render
from helpers.present.notes import footnotes
from helpers.present.render import write_exports

HTS = "Protection (Human Trafficking and Smuggling)"
DA = "# of people receiving assistance and protection services"
CB = "# of people trained"
SCRIPT = "<script>alert('x')</script>"
IMG = "<img src=x onerror=alert(1)>"
LONG = "A" * 100_000

HEADER = (
    "Country,Admin1,Appealing_org,Implementation,Implementing_partner,Month,Subsector,"
    "Indicator,Activity_Name,Quantity_output,Total_monthly,New_beneficiaries,"
    "IN_DESTINATION,IN_TRANSIT,Host_Communities,PENDULARS,Returnees"
)


def line(
    country,
    admin1,
    org,
    setup,
    partner,
    month,
    indicator,
    activity,
    new,
    dest="",
    transit="",
    quantity="",
):
    values = (
        country,
        admin1,
        org,
        setup,
        partner,
        month,
        HTS,
        indicator,
        activity,
        quantity,
        new,
        new,
        dest,
        transit,
        "",
        "",
        "",
    )
    return ",".join('"' + str(v).replace('"', '""') + '"' for v in values)


# COL: 40 (30 destination, 10 transit) + 3 = 43 people; PER: 20; ABW: 2 (a small count).
ACTIVITIES = (
    "\n".join(
        [
            HEADER,
            line("Colombia", "Arauca", SCRIPT, "No", "", "2023-01", DA, IMG, 40, 30, 10),
            line(
                "Colombia",
                "Arauca",
                "Org B",
                "Yes",
                '=HYPERLINK("http://evil")',
                "2023-02",
                DA,
                "Legal aid",
                3,
                3,
            ),
            line("Peru", "Lima", "Org B", "No", "", "2023-01", DA, LONG, 20, 20),
            line("Aruba", "Aruba", "Org B", "No", "", "2023-02", DA, "Legal aid", 2, 2),
            line(
                "Colombia", "Arauca", "Org B", "No", "", "2023-03", CB, "Training", 12, quantity=1
            ),
        ]
    )
    + "\n"
)
INDICATORS = (
    "CODE,Sector/Subsector/WG,Indicator,Indicator Type\n"
    f"RE-PRHT1,{HTS},{CB},Capacity Building\n"
    f"RE-PRHT3,{HTS},{DA},Direct Assistance\n"
)
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
def tiny(tmp_path_factory, make_dataset) -> Analysis:
    folder = make_dataset(
        tmp_path_factory.mktemp("tiny"),
        {"activities.csv": ACTIVITIES, "indicators.csv": INDICATORS},
        MANIFEST,
    )
    return Analysis(load_dataset(folder))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, make_dataset) -> Analysis:
    folder = make_dataset(
        tmp_path_factory.mktemp("hostile"),
        {
            "activities.csv": ACTIVITIES,
            "indicators.csv": INDICATORS,
            "narratives/COL.md": NARRATIVE,
        },
        MANIFEST + "narratives: narratives/\n",
    )
    return Analysis(load_dataset(folder))


def page(chapter, with_charts: bool = False) -> str:
    """Every section of a chapter, as the notebook displays them."""
    c = {}
    if with_charts:
        c = {
            "infographic": {
                "main": charts.people_and_funding(chapter.infographic, chapter.infographic_unit)
            },
            "response": {
                "activities": charts.ranked_bars(
                    chapter.by_activity, "By activity", what="activity"
                ),
                "partners": charts.ranked_bars(chapter.by_partner, "By partner", what="partner"),
            },
        }
    return "".join(render.section_html(chapter, s, **c.get(s, {})) for s in render.SECTIONS)


def figures_in(html: str) -> dict[tuple[str, str | None], str]:
    soup = BeautifulSoup(html, "html.parser")
    return {
        (e["data-figure"], e.get("data-unit")): e["data-value"]
        for e in soup.find_all(attrs={"data-figure": True})
    }


# ---------------------------------------------------------------- missing sources


def test_missing_optional_sources_give_a_sentence_not_a_zero(tiny):
    ch = build_chapter(tiny, "COL")
    assert set(ch.missing) == {
        "funding",
        "targets",
        "situation",
        "narratives",
        "partners",
        "requirements",
    }
    assert ch.key_figures["funding_usd"] is None and ch.key_figures["target"] is None
    html = page(ch)
    for key in ("funding", "targets", "situation", "partners"):
        assert str(escape(MISSING[key])) in html
    # no analysts' text: each section opens with a summary written from the figures,
    # marked as such, and the notes say why once
    soup = BeautifulSoup(html, "html.parser")
    generated = soup.find_all(attrs={"data-generated": "true"})
    assert [g["data-narrative"] for g in generated] == ["situation", "response", "lessons"]
    assert html.count("no analysts' text") == 1
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
    return {
        "infographic": ch.infographic[parts],
        "age_gender": ch.age_gender[["people"]],
        "progress": ch.progress[["new", "cumulative"]],
        "by_activity": ch.by_activity[["reached"]],
        "by_partner": ch.by_partner[["reached"]],
    }


@pytest.mark.parametrize("scope", ["ABW", "COL", "caribbean", "region"])
def test_no_small_count_of_people_is_published(tiny, scope):
    ch = build_chapter(tiny, scope)
    assert_no_small_counts(people_tables(ch), ch.min_count)
    assert_no_small_counts({"reached": ch.key_figures["reached"]}, ch.min_count)
    doc = ch.figures_document()
    assert_no_small_counts(
        {t: [{"reached": r.get("reached")} for r in rows] for t, rows in doc["tables"].items()},
        ch.min_count,
    )
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
    assert "\nadmin1,Aruba,Aruba,caribbean,ABW,Aruba,Aruba,2," in exact.figures_csv()
    assert "\nadmin1,Aruba,Aruba,caribbean,ABW,Aruba,Aruba,<5," in ch.figures_csv()


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


def test_footnotes_and_exports_of_a_chapter(tiny, tmp_path):
    # (were Chapter.footnotes and Chapter.write_exports: now the present layer's)
    ch = build_chapter(tiny, "COL")
    notes = footnotes(ch, None)
    assert [n.marker for n in notes] == ["*", "**", "***", "†"]
    assert "never added up across countries" in notes[0].text  # a country's chapter
    assert "no FTS funding extract" in notes[1].text  # the tiny dataset has none
    assert "<5" in notes[3].text and "[c]" in notes[3].text
    region = footnotes(build_chapter(tiny, "region"), None)
    assert "do not include refugees and migrants assisted in transit" in region[0].text
    paths = write_exports(ch, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "COL.csv",
        "COL.datapackage.json",
        "COL.json",
    ]
    assert paths["csv"].read_text(encoding="utf-8") == ch.figures_csv()
    written = json.loads(paths["json"].read_text(encoding="utf-8"))
    # the statistics' notes are words, written by the present layer (no funding here)
    notes = {k: written["lessons"][k].pop("note") for k in ("rank_correlation", "coverage_spread")}
    assert notes == {
        "rank_correlation": "There is no funding data, so funding cannot be compared with "
        "people reached.",
        "coverage_spread": "Requirements or funding data are missing, so funding coverage "
        "cannot be compared across countries.",
    }
    model = json.loads(to_json(ch.figures_document()))
    assert [model["lessons"][k].pop("note") for k in notes] == [None, None]
    assert written == model


def test_a_chapter_is_published_as_two_pages_linked_both_ways(tiny, tmp_path):
    ch = build_chapter(tiny, "COL")
    paths = render.write_publication(ch, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "COL-annex.html",
        "COL.csv",
        "COL.datapackage.json",
        "COL.html",
        "COL.json",
        "es",  # the Spanish and Portuguese editions of both pages
        "pt",
    ]
    pages = {k: BeautifulSoup(paths[k].read_text("utf-8"), "html.parser") for k in paths}
    for kind, other in (("chapter", "COL-annex.html"), ("annex", "COL.html")):
        soup = pages[kind]
        hrefs = {a["href"].split("#")[0] for a in soup.find_all("a", href=True)}
        assert {other, "index.html", "COL.csv", "COL.json"} <= hrefs, kind
        assert soup.html["lang"] == "en" and not soup.find_all("script")
        csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert csp.startswith("default-src 'none'")
        assert all(t.parent.get("class") == ["table-scroll"] for t in soup.find_all("table"))
    # the chapter prints one table, the infographic's, behind one click; the annex the rest
    chapter_tables = pages["chapter"].find_all("table")
    assert len(chapter_tables) == 1 and chapter_tables[0].find_parent("details")
    annex = pages["annex"]
    for section in ("annex-situation", "annex-response", "annex-lessons", "data-quality"):
        assert annex.find(id=section), section
    assert annex.find(id="provenance").find("code", class_="hash")


# ---------------------------------------------------------------- hostile text


def test_everything_from_data_renders_as_inert_text(hostile):
    for scope in ("COL", "region"):
        ch = build_chapter(hostile, scope)
        html = page(ch, with_charts=True)
        assert not re.search(r"<\s*script", html, re.I)
        assert "<img src=x" not in html and "onerror=alert" not in html.replace(
            "onerror=alert(1)&gt;", ""
        )
        assert "&lt;script&gt;" in html
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find_all("img")  # charts are inline SVG, named by their alt text
        assert all(svg.get("aria-label") for svg in soup.find_all("svg"))
        assert not soup.find_all(attrs={"onerror": True})
        for a in soup.find_all("a"):
            own = {f"{scope}.html", f"{scope}-annex.html", f"{scope}.csv", f"{scope}.json"}
            assert a["href"].startswith(("#", "https://", "http://", "mailto:")) or (
                a["href"].split("#")[0] in own
            ), a
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
    assert soup.select_one("[data-narrative] a")["rel"] == ["noopener", "noreferrer", "nofollow"]
    assert not soup.select("[data-narrative] img")  # no outside image is fetched
    assert "$\\alpha$" in soup.get_text()  # dollars stay text: there is no MathJax
    assert "in Colombia:" in soup.get_text()  # placeholders filled
    response = render.section_html(ch, "response")
    assert "Partners reached 43 people." in response
