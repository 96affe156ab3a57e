"""Everything published for the chapters, read together, gives no small count away.

A reader (tests/conftest.py `PublishedReader`, written independently of the code under
test) takes the published figures document and every chapter's JSON export, turns every
relation they print into an equation (parts and totals, rows and their total, running
totals, a scope printed in several tables, a platform and its countries, the region and
its countries less their in-transit people, a share or a percentage of target beside a
printed total, funding per person), bounds each hidden cell by its token, and asks a
linear program how narrow each hidden count of 1..k-1 can be made: never a single value.
The pages print nothing but what the exports hold: no number in 1..k-1 in a page either.
"""

from __future__ import annotations

import pytest

from helpers.chapter.build import build_chapter
from helpers.chapter.documents import compute_documents
from helpers.core.geography import chapter_scopes
from helpers.figures.analysis import Analysis
from helpers.inputs.dataset import load_dataset
from helpers.present import render

HTS = "Protection (Human Trafficking and Smuggling)"
DA = "# of people assisted"
HEADER = (
    "Country,Admin1,Appealing_org,Implementation,Implementing_partner,Month,Subsector,"
    "Indicator,Total_monthly,New_beneficiaries,IN_DESTINATION,IN_TRANSIT,Host_Communities,"
    "PENDULARS,Returnees,Girls,Boys,Women,Men"
)


def line(
    country,
    admin1,
    org,
    month,
    new,
    dest=0,
    transit=0,
    host=0,
    pend=0,
    ret=0,
    girls=0,
    boys=0,
    women=None,
    men=0,
):
    women = new - girls - boys - men if women is None else women
    return (
        f"{country},{admin1},{org},No,,{month},{HTS},{DA},{new},{new},{dest},{transit},"
        f"{host},{pend},{ret},{girls},{boys},{women},{men}"
    )


# Each block is built to leak through one relation if it were printed as it is.
LEAKY = (
    "\n".join(
        [
            HEADER,
            # Peru, admin-1 "not disaggregated": Tacna's rows report 0 new people but 3 in
            # destination (total 0, 3, not disaggregated -3 would give the 3 away).
            line("Peru", "Lima", "Org A", "2023-01", 400, dest=400),
            line("Peru", "Tacna", "Org A", "2023-01", 0, dest=3, women=0),
            # Peru, running totals: February 5, March 1, nothing after: "Feb [c], Mar <5,
            # cumulative 406" would pin March to 1.
            line("Peru", "Lima", "Org B", "2023-02", 5, dest=5),
            line("Peru", "Lima", "Org B", "2023-03", 1, dest=1),
            # Peru, age and gender: 2 girls among 406 (a share beside the total gives them back).
            line("Peru", "Cusco", "Org C", "2023-01", 0, dest=0, women=0),
            # Colombia: 3 people in transit (the region's total must not add them up), one
            # partner reaching 2 people (its row in the partner table beside the total).
            line("Colombia", "Arauca", "Org D", "2023-01", 300, dest=297, transit=3, girls=2),
            line("Colombia", "Arauca", "Org E", "2023-02", 2, dest=2),
            # Caribbean: pendular 2 in Aruba and 4 in the Dominican Republic (the platform's 6).
            line("Aruba", "Oranjestad", "Org F", "2023-04", 60, dest=58, pend=2),
            line("República Dominicana", "Santo Domingo", "Org F", "2023-04", 90, dest=86, pend=4),
            # Trinidad and Tobago: population types adding up to more than the total (85 vs 62).
            line("Trinidad and Tobago", "Port of Spain", "Org G", "2023-05", 62, dest=80, host=5),
            # Mexico: one row is nearly all of the country's people, among 5 rows.
            line("Mexico", "Tapachula", "Org H", "2023-06", 990, dest=990),
            line("Mexico", "Tapachula", "Org H", "2023-07", 3, dest=3),
            line("Mexico", "Tapachula", "Org H", "2023-08", 4, dest=4),
            line("Mexico", "Tapachula", "Org I", "2023-09", 2, dest=2),
            line("Mexico", "CDMX", "Org I", "2023-10", 1, dest=1),
        ]
    )
    + "\n"
)
INDICATORS = (
    f"CODE,Sector/Subsector/WG,Indicator,Indicator Type\nRE-PRHT3,{HTS},{DA},Direct Assistance\n"
)
TARGETS = (
    "Country,Sector,Population type,People in need,Target\n"
    f"Peru,{HTS},In destination,100,60\n"  # 406 of 60: far above 200 % of target
)
MANIFEST = """name: designed to leak
period: {start: 2023-01, end: 2023-12}
activities: activities.csv
indicators: indicators.csv
targets: targets.csv
"""


@pytest.fixture(scope="module")
def leaky(tmp_path_factory, make_dataset) -> Analysis:
    folder = make_dataset(
        tmp_path_factory.mktemp("leaky"),
        {"activities.csv": LEAKY, "indicators.csv": INDICATORS, "targets.csv": TARGETS},
        MANIFEST,
    )
    return Analysis(load_dataset(folder))


def publication(analysis: Analysis, published_reader):
    """The reader fed with everything published for every chapter; the chapters."""
    documents = compute_documents(analysis)
    reader = published_reader(analysis.dataset.manifest.min_count)
    reader.figures_document(documents.published)
    chapters = {s: build_chapter(analysis, s) for s in chapter_scopes()}
    for chapter in chapters.values():
        reader.chapter(chapter.figures_document())
    return reader, chapters


def small_numbers_in_page(chapter, k: int, small_counts) -> list[str]:
    """Counts of people in 1..k-1 a chapter's page prints; and every number it prints
    says what it is (`data-kind`)."""
    found = []
    for section in render.SECTIONS:
        html = render.section_html(chapter, section)
        assert html.count('data-value="') == html.count('data-kind="'), section
        found += [f"{chapter.scope} {section}: {v}" for v in small_counts.html(html, k)]
    return found


def test_data_designed_to_leak_gives_nothing_away(leaky, published_reader, small_counts):
    reader, chapters = publication(leaky, published_reader)
    assert reader.pinned() == {}
    k = leaky.dataset.manifest.min_count
    for chapter in chapters.values():
        assert small_numbers_in_page(chapter, k, small_counts) == []


def test_each_designed_leak_is_closed_where_it_was(leaky, published_reader):
    _, chapters = publication(leaky, published_reader)
    per = chapters["PER"]
    # Tacna: 0 = 3 + (−3) — the 3 is hidden, and so is the residual that gave it away
    if per.infographic is not None:
        tacna = per.infographic.loc["Tacna"]
        assert tacna["in_destination"] == "<5"
        assert tacna["not_disaggregated"] == "[c]"
    # March's 1 is hidden, and its running totals cannot pin it
    if per.progress is not None:
        march = per.progress.set_index("month").loc["2023-03"]
        assert march["new"] == "<5"
    # the region's figures never include the 3 people in transit in Colombia
    region = chapters["region"].key_figures["reached"]
    assert region["in_transit"] is None and region["total"] == region["total_excluding_in_transit"]
    # warnings travel with the figures
    codes = {c: [w["code"] for w in ch.key_figures["warnings"]] for c, ch in chapters.items()}
    assert "breakdown_exceeds_total" in codes["TTO"]
    assert "dominant_row" in codes["MEX"]
    assert "target_exceeded" in codes["PER"]
    assert codes["BRA"] == ["no_rows"]


def test_the_sample_publication_gives_nothing_away(sample_dataset, published_reader, small_counts):
    reader, chapters = publication(Analysis(sample_dataset), published_reader)
    assert reader.pinned() == {}
    for chapter in chapters.values():
        assert small_numbers_in_page(chapter, 5, small_counts) == []
