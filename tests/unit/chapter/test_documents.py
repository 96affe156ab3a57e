"""The figures documents a chapter prints from (chapter/documents.py): whole people that add
up (METHOD.md rule 10), "not reported" for scopes without rows, and warnings that keep only
the numbers they may print.

`compute_documents(Analysis)` on a tiny CSV dataset (k = 5, period 2023-01..03, sector HTS,
every row Direct Assistance, set-up No, no admin-1), one scenario per country, small enough
to work out by hand (dest = in destination, host = host community):

 country  rows (new people)                                 breakdown
 COL      9000                                              dest 4500.5, in transit 4499.5
 PER      10                                                dest 10.4
 ECU      406 (target 60)                                   dest 406
 ABW      10.5                                              dest 10.5
 DOM      20.5                                              dest 20.5
 TTO      62                                                dest 80, host 5
 GUY      60 Org A 01 | 3 'ORG A' 02 | 10, 10 Org B 03 | 17 Org C 03
 MEX      60, 10, 10, 10, 10 (all Org H, 2023-01)
 BRA      60 Org A 01 | 3 Org B 01 | 12 Org B 02 | 12 Org C 02 | 13 Org C 03
 CHL      150                                               dest 100.3, host 50.3
 PAN      25, 5, 4, 3, 3 (all Org P, 2023-01)
 CRI      12.5, 2, 2, 2, 2 (all Org Q, 2023-01)
 Regional 20.5                                              dest 10.25, host 10.25
 URY      no rows (target 50); CUW, ARG, BOL, PRY: no rows

Every expected number is worked out by hand in the comment next to it.
"""

from __future__ import annotations

import math

import pytest

from helpers.chapter.build import build_chapter
from helpers.chapter.documents import _published_warning, compute_documents
from helpers.figures.analysis import Analysis
from helpers.inputs.dataset import load_dataset

HTS = "Protection (Human Trafficking and Smuggling)"
DA = "# of people receiving assistance and protection services"
HEADER = (
    "Country,Appealing_org,Implementation,Implementing_partner,Month,Subsector,Indicator,"
    "New_beneficiaries,IN_DESTINATION,IN_TRANSIT,Host_Communities"
)
INDICATORS = (
    f"CODE,Sector/Subsector/WG,Indicator,Indicator Type\nRE-PRHT3,{HTS},{DA},Direct Assistance\n"
)
MANIFEST = (
    "name: rounding\nperiod: {start: 2023-01, end: 2023-03}\n"
    "activities: activities.csv\nindicators: indicators.csv\ntargets: targets.csv\n"
)
POPULATION = ["in_destination", "in_transit", "host_community", "pendular", "colombian_returnees"]
PARTS = [*POPULATION, "not_disaggregated"]
K = 5


def line(country, org, month, new, dest="", transit="", host=""):
    values = (country, org, "No", "", month, HTS, DA, new, dest, transit, host)
    return ",".join(f'"{v}"' for v in values)


LINES = [
    line("Colombia", "Org A", "2023-01", 9000, dest=4500.5, transit=4499.5),
    line("Peru", "Org B", "2023-01", 10, dest=10.4),
    line("Ecuador", "Org B", "2023-01", 406, dest=406),
    line("Aruba", "Org B", "2023-01", 10.5, dest=10.5),
    line("República Dominicana", "Org B", "2023-01", 20.5, dest=20.5),
    line("Trinidad and Tobago", "Org B", "2023-01", 62, dest=80, host=5),
    line("Guyana", "Org A", "2023-01", 60),
    line("Guyana", "ORG A", "2023-02", 3),
    line("Guyana", "Org B", "2023-03", 10),
    line("Guyana", "Org B", "2023-03", 10),
    line("Guyana", "Org C", "2023-03", 17),
    *[line("Mexico", "Org H", "2023-01", n) for n in (60, 10, 10, 10, 10)],
    line("Brazil", "Org A", "2023-01", 60),
    line("Brazil", "Org B", "2023-01", 3),
    line("Brazil", "Org B", "2023-02", 12),
    line("Brazil", "Org C", "2023-02", 12),
    line("Brazil", "Org C", "2023-03", 13),
    line("Chile", "Org B", "2023-01", 150, dest=100.3, host=50.3),
    *[line("Panama", "Org P", "2023-01", n) for n in (25, 5, 4, 3, 3)],
    *[line("Costa Rica", "Org Q", "2023-01", n) for n in (12.5, 2, 2, 2, 2)],
    line("Regional", "Org R", "2023-02", 20.5, dest=10.25, host=10.25),
]
TARGETS = (
    "Country,Sector,Population type,People in need,Target\n"
    f"Ecuador,{HTS},In destination,100,60\n"
    f"Uruguay,{HTS},In destination,100,50\n"
)

# Each country's rounded figures, by hand: the total rounded half up, the parts (population
# types and the not-disaggregated rest) by largest remainder so that they add up to it.
ROUNDED = {
    # 9000; floors 4500 + 4499 = 8999, one unit to the first of two 0.5 fractions (dest)
    "COL": {"total": 9000, "in_destination": 4501, "in_transit": 4499},
    # 10; dest 10.4 and rest -0.4 (floor -1, fraction 0.6): the unit goes to the rest -> 0
    "PER": {"total": 10, "in_destination": 10},
    "ECU": {"total": 406, "in_destination": 406},
    # 10.5 -> 11 half up; the one part 10.5 -> 11
    "ABW": {"total": 11, "in_destination": 11},
    # 20.5 -> 21; dest 20.5 -> 21
    "DOM": {"total": 21, "in_destination": 21},
    # 62; dest 80 + host 5 = 85, the rest 62 - 85 = -23 (whole: nothing moves)
    "TTO": {"total": 62, "in_destination": 80, "host_community": 5, "not_disaggregated": -23},
    # 60 + 3 + 10 + 10 + 17 = 100, no breakdown: all not disaggregated
    "GUY": {"total": 100, "not_disaggregated": 100},
    "MEX": {"total": 100, "not_disaggregated": 100},  # 60 + 4 x 10
    "BRA": {"total": 100, "not_disaggregated": 100},  # 60 + 3 + 12 + 12 + 13
    # 150; dest 100.3, host 50.3, rest -0.6: floors 100 + 50 - 1 = 149, one unit to the
    # largest fraction, the rest's 0.4 (vs 0.3, 0.3) -> 100, 50, 0
    "CHL": {"total": 150, "in_destination": 100, "host_community": 50},
    "PAN": {"total": 40, "not_disaggregated": 40},  # 25 + 5 + 4 + 3 + 3
    # 12.5 + 4 x 2 = 20.5 -> 21 half up; the rest 20.5 -> 21
    "CRI": {"total": 21, "not_disaggregated": 21},
}
NO_ROWS = ["CUW", "ARG", "BOL", "PRY", "URY"]


def rounded_reached(iso3: str) -> dict:
    """A country's full rounded `reached` block: the given figures, zeros elsewhere."""
    return {"total": 0, **dict.fromkeys(PARTS, 0), **ROUNDED.get(iso3, {})}


@pytest.fixture(scope="module")
def documents(tmp_path_factory, make_dataset):
    activities = "\n".join([HEADER, *LINES]) + "\n"
    folder = make_dataset(
        tmp_path_factory.mktemp("documents"),
        {"activities.csv": activities, "indicators.csv": INDICATORS, "targets.csv": TARGETS},
        MANIFEST,
    )
    analysis = Analysis(load_dataset(folder))
    return analysis, compute_documents(analysis)


@pytest.fixture(scope="module")
def published(documents):
    return documents[1].published


@pytest.fixture(scope="module")
def rounded(documents):
    return documents[1].rounded


def warning(entry: dict, code: str) -> dict:
    (w,) = [w for w in entry["warnings"] if w["code"] == code]
    return w


def entries(doc: dict) -> list[tuple[str, dict]]:
    out = [(c["iso3"], c) for c in doc["countries"]]
    out += [(p["id"], p) for p in doc["platforms"]]
    out.append(("region", doc["region"]))
    if doc.get("regional_activities"):
        out.append(("regional", doc["regional_activities"]))
    return out


# ---------------------------------------------------------------- whole people that add up


@pytest.mark.parametrize("iso3", sorted(ROUNDED))
def test_country_parts_rounded_to_add_up_to_the_printed_total(figures_entry, published, iso3):
    reached = figures_entry(published, iso3)["reached"]
    assert reached == rounded_reached(iso3)
    assert sum(reached[p] for p in PARTS) == reached["total"]


def test_colombia_halves_add_up_where_half_up_each_would_not(figures_entry, published, documents):
    # Exact 4500.5 + 4499.5 = 9000. Rounded each half up: 4501 + 4500 = 9001, one person
    # too many beside the printed 9000. Largest remainder: 4501 + 4499 = 9000.
    exact = figures_entry(documents[1].exact, "COL")["reached"]
    assert (exact["in_destination"], exact["in_transit"]) == (4500.5, 4499.5)
    col = figures_entry(published, "COL")["reached"]
    assert (col["total"], col["in_destination"], col["in_transit"]) == (9000, 4501, 4499)


def test_every_published_entry_adds_up(published):
    # Each entry: total = Σ parts; the region's parts leave in transit out (it is None).
    for name, entry in entries(published):
        r = entry["reached"]
        if r["total"] is None:  # no rows: not reported
            continue
        parts = [r[p] for p in PARTS if r[p] is not None]
        assert sum(parts) == r["total"], name


def test_platform_is_the_sum_of_its_rounded_countries(figures_entry, rounded):
    # Caribbean = ABW 11 + CUW 0 + DOM 21 + GUY 100 + TTO 62 = 194 printed people, although
    # the exact 10.5 + 20.5 + 100 + 62 = 193 would round to 193: the platform adds up the
    # countries as printed, so its table adds up.
    carib = figures_entry(rounded, "caribbean")["reached"]
    assert carib["total"] == 194
    assert carib["in_destination"] == 11 + 21 + 80  # ABW, DOM, TTO
    assert carib["host_community"] == 5  # TTO
    assert carib["not_disaggregated"] == 100 - 23  # GUY, TTO
    # Central America and Mexico = MEX 100 + PAN 40 + CRI 21 (20.5 printed 21) = 161
    assert figures_entry(rounded, "central-america-mexico")["reached"]["total"] == 161


def test_region_is_the_sum_of_rounded_countries_without_in_transit(figures_entry, published):
    # Σ over countries of (rounded total - rounded in transit): only COL has people in
    # transit, 9000 - 4499 = 4501; the others add their totals.
    expected = sum(r["total"] - r.get("in_transit", 0) for r in ROUNDED.values())
    # 4501 + 10 + 406 + 11 + 21 + 62 + 100 + 100 + 100 + 150 + 40 + 21 = 5522
    assert expected == 5522
    region = figures_entry(published, "region")["reached"]
    assert region["total"] == 5522
    assert region["total_excluding_in_transit"] == 5522  # the headline
    assert region["in_transit"] is None  # never added up across countries
    # in destination: COL 4501, PER 10, ECU 406, ABW 11, DOM 21, TTO 80, CHL 100
    assert region["in_destination"] == 4501 + 10 + 406 + 11 + 21 + 80 + 100
    assert region["host_community"] == 5 + 50  # TTO, CHL
    # not disaggregated: TTO -23, GUY/MEX/BRA 100 each, PAN 40, CRI 21
    assert region["not_disaggregated"] == -23 + 300 + 40 + 21


def test_regional_block_rounded_on_its_own(figures_entry, published):
    # 20.5 -> 21 half up; dest 10.25 and host 10.25 floor to 10 + 10 = 20, one unit missing,
    # fractions 0.25 and 0.25 tie -> the first (dest): 11 + 10 = 21.
    r = figures_entry(published, "regional_activities")["reached"]
    assert (r["total"], r["in_destination"], r["host_community"]) == (21, 11, 10)
    assert r["not_disaggregated"] == 0


def test_published_people_are_whole_and_never_negative_zero(published, rounded):
    # Every count of people is an int (or None / a token): nothing like 4500.5 nor -0.0.
    for doc in (rounded, published):
        for name, entry in entries(doc):
            for key, v in entry["reached"].items():
                if v is None or isinstance(v, str):
                    continue
                assert isinstance(v, int) and not isinstance(v, bool), (name, key, v)
                assert math.copysign(1, v) == 1.0 or v < 0, (name, key, v)
                assert str(v) != "-0", (name, key)


def test_peru_small_negative_rest_prints_zero(figures_entry, published, documents):
    # Exact rest 10 - 10.4 = -0.4: printed 0 (never "-0"), and 0.4 of a person over is
    # within the tolerance: no breakdown_exceeds_total warning.
    exact = figures_entry(documents[1].exact, "PER")
    assert exact["reached"]["not_disaggregated"] == pytest.approx(-0.4)
    per = figures_entry(published, "PER")
    nd = per["reached"]["not_disaggregated"]
    assert nd == 0 and str(nd) == "0" and math.copysign(1, nd) == 1.0
    assert per["warnings"] == []


# ---------------------------------------------------------------- not reported


@pytest.mark.parametrize("scope", [*NO_ROWS, "southern-cone"])
def test_scope_without_rows_is_not_reported_not_zero(figures_entry, published, rounded, scope):
    # No counted row: the published figures of people are null, not 0 ...
    entry = figures_entry(published, scope)
    assert set(entry["reached"].values()) == {None}
    assert entry["percent_of_target"] is None
    assert [w["code"] for w in entry["warnings"]] == ["no_rows"]
    # ... while the rounded document (what platforms add up) holds zeros.
    assert figures_entry(rounded, scope)["reached"]["total"] == 0


def test_no_rows_with_a_target_has_no_percentage(figures_entry, published, documents):
    # URY has a target of 50 and no rows: 0 / 50 = 0 % in the exact document, never
    # printed (no activities reported is not 0 % of target).
    assert figures_entry(documents[1].exact, "URY")["percent_of_target"] == 0.0
    ury = figures_entry(published, "URY")
    assert ury["target"] == 50
    assert ury["percent_of_target"] is None


# ---------------------------------------------------------------- target_exceeded


def test_target_exceeded_percent_is_the_published_percent(figures_entry, published):
    # ECU: 406 people of a target of 60 -> 100 * 406 / 60 = 676.67 %, above 200 %.
    ecu = figures_entry(published, "ECU")
    assert ecu["percent_of_target"] == pytest.approx(40600 / 60)
    w = warning(ecu, "target_exceeded")
    assert w["percent"] == ecu["percent_of_target"]
    assert w["message"] == (
        "People reached are 677 % of the target: check that the targets are this period's."
    )


def test_target_exceeded_percent_hidden_with_a_hidden_headline(tmp_path, make_dataset):
    # Only Argentina: 3 people of a target of 1 (300 %). 3 is a small count (k = 5): the
    # headline is hidden, and 300 % x 1 would give it back, so no percentage is printed,
    # in the figures nor in the warning, which says "more than twice" instead.
    folder = make_dataset(
        tmp_path / "small",
        {
            "activities.csv": "\n".join([HEADER, line("Argentina", "Org S", "2023-01", 3)]),
            "indicators.csv": INDICATORS,
            "targets.csv": (
                "Country,Sector,Population type,People in need,Target\n"
                f"Argentina,{HTS},In destination,10,1\n"
            ),
        },
        MANIFEST,
    )
    docs = compute_documents(Analysis(load_dataset(folder)))
    arg = next(c for c in docs.published["countries"] if c["iso3"] == "ARG")
    assert arg["reached"]["total"] == "<5"
    assert arg["percent_of_target"] is None
    w = warning(arg, "target_exceeded")
    assert w["percent"] is None
    assert w["message"] == (
        "People reached are more than twice the target: check that the targets are this period's."
    )
    # the exact document keeps the percentage: 100 * 3 / 1
    exact_arg = next(c for c in docs.exact["countries"] if c["iso3"] == "ARG")
    assert warning(exact_arg, "target_exceeded")["percent"] == 300.0


# ---------------------------------------------------------------- breakdown_exceeds_total


def test_breakdown_over_count_is_the_published_rest(figures_entry, published):
    # TTO: 80 + 5 = 85 for a total of 62: the rest -23 is printed as an over-count of 23.
    w = warning(figures_entry(published, "TTO"), "breakdown_exceeds_total")
    assert w["over_count"] == 23
    assert w["message"] == (
        "The population types add up to 23 more people than the people reached reported."
    )


def test_breakdown_warning_never_prints_an_over_count_of_zero(figures_entry, published):
    # CHL: dest 100.3 + host 50.3 = 150.6 for a total of 150: exact rest -0.6, over the
    # half-person tolerance, so the exact figures warn. Rounded: 100 + 50 + 0 = 150 (the
    # rest's fraction 0.4 is the largest). Printing "0 more people" beside parts that add
    # up is wrong: the published warning should say no number (or >= 1) instead.
    w = warning(figures_entry(published, "CHL"), "breakdown_exceeds_total")
    assert w["over_count"] is None or w["over_count"] >= 1
    assert "add up to 0 more" not in w["message"]


# ---------------------------------------------------------------- dominant_row


def test_dominant_row_numbers_printed_when_safe(figures_entry, published):
    # MEX: 60 of 100 people in its first row, the file's 12th data line (after COL, PER,
    # ECU, ABW, DOM, TTO and 5 GUY lines): spreadsheet row 13, the header being row 1.
    # Every other row shares every grouped value with it: the others hold 40 everywhere,
    # not small; the row's 60 and the rest 40 are not small either -> printed: 60 people,
    # 60 %. The exact fewest_others is not published.
    w = warning(figures_entry(published, "MEX"), "dominant_row")
    assert (w["people"], w["share"]) == (60, 60)
    assert w["row"] == 13 and w["organisation"] == "Org H" and w["month"] == "2023-01"
    assert "fewest_others" not in w
    assert w["message"] == (
        "One 5W row (activities.csv, row 13: Org H, 2023-01) reports 60 people, "
        "60 % of the people reached."
    )


def test_dominant_row_numbers_dropped_when_a_group_is_small(figures_entry, published, documents):
    # BRA: its first row has 60 of 100 people, but the month 2023-01 holds besides it only the
    # 3 people of Org B's row: the month's 63 less 60 would give the 3 away. The warning
    # still names the row, without people or share.
    exact = warning(figures_entry(documents[1].exact, "BRA"), "dominant_row")
    assert (exact["people"], exact["share"], exact["fewest_others"]) == (60.0, 60.0, 3.0)
    w = warning(figures_entry(published, "BRA"), "dominant_row")
    assert w["people"] is None and w["share"] is None
    assert "fewest_others" not in w
    assert w["organisation"] == "Org A" and w["month"] == "2023-01"
    assert "accounts for more than half of the people reached" in w["message"]
    assert "60" not in w["message"]


def test_dominant_row_share_rounds_half_up(figures_entry, published):
    # PAN: 25 of 25 + 5 + 4 + 3 + 3 = 40 people: 100 * 25 / 40 = 62.5 % -> 63 % half up.
    # Safe to print: the others hold 15 in every group, the rest is 40 - 25 = 15.
    w = warning(figures_entry(published, "PAN"), "dominant_row")
    assert w["people"] == 25
    assert w["share"] == 63


def test_dominant_row_people_round_half_up(figures_entry, published):
    # CRI: 12.5 of 20.5 people, printed headline 21 (20.5 half up). The row's 12.5 -> 13
    # half up; share 100 * 13 / 21 = 61.9 -> 62 %. Safe: others 8, rest 21 - 13 = 8.
    w = warning(figures_entry(published, "CRI"), "dominant_row")
    assert w["people"] == 13
    assert w["share"] == 62


def test_dominant_row_people_not_printed_when_the_partner_table_gives_the_rest_away(
    documents, figures_entry
):
    # GUY: row 'Org A' 60 people; 'ORG A' (the same organisation by name_key) 3 people.
    # The partner table prints Org A = 60 + 3 = 63; if the warning printed 60, the
    # reader would get 63 - 60 = 3, a count below k = 5. So the warning must not print it.
    analysis, docs = documents
    table = build_chapter(analysis, "GUY", documents=docs).by_partner
    assert table.at["Org A", "reached"] == 63
    w = warning(figures_entry(docs.published, "GUY"), "dominant_row")
    assert w["people"] is None


# ---------------------------------------------------------------- _published_warning


def dominant(people, fewest_others):
    return {
        "code": "dominant_row",
        "file": "a.csv",
        "row": 2,
        "organisation": "Org A",
        "month": "2023-01",
        "people": people,
        "share": 0.0,  # replaced from the published numbers
        "fewest_others": fewest_others,
        "message": "exact text",
    }


def country(total, nd=0, percent=None) -> dict:
    reached = {"total": total, **dict.fromkeys(PARTS, 0)}
    reached["not_disaggregated"] = nd
    return {"reached": reached, "percent_of_target": percent}


@pytest.mark.parametrize(
    "printed, people, fewest_others, expected",
    [
        (100, 60.0, 40.0, (60, 60)),  # all safe: 60 people, 100 * 60 / 100 = 60 %
        (100, 60.4, 40.0, (60, 60)),  # 60.4 people -> 60
        (65, 60.0, 5.0, (60, 92)),  # rest 5 and others 5 = k: safe; 6000 / 65 = 92.3 -> 92
        (100, 60.0, 4.9, (None, None)),  # a group's others 4.9 < k: could be given away
        (100, 60.0, 1.0, (None, None)),
        (63, 60.0, 40.0, (None, None)),  # rest 63 - 60 = 3 < k
        (7, 4.0, 3.0, (None, None)),  # the row's 4 people are a small count
        (60, 61.0, 0.0, (None, None)),  # more people than printed (rounding): never
        ("<5", 3.0, 0.0, (None, None)),  # headline hidden: no share of it
        ("[c]", 60.0, 40.0, (None, None)),
        (None, 60.0, 40.0, (None, None)),  # not reported
    ],
)
def test_published_dominant_row(printed, people, fewest_others, expected):
    out = _published_warning(dominant(people, fewest_others), country(printed), K)
    assert (out["people"], out["share"]) == expected
    assert "fewest_others" not in out
    if expected[0] is None:
        assert out["message"] == (
            "One 5W row (a.csv, row 2: Org A, 2023-01) accounts for more than half "
            "of the people reached."
        )
    else:
        assert out["message"] == (
            f"One 5W row (a.csv, row 2: Org A, 2023-01) reports {expected[0]} people, "
            f"{expected[1]} % of the people reached."
        )


def test_published_dominant_row_in_the_region_uses_the_headline_without_in_transit():
    # Region: total 100 including 30 in transit, headline 70. The row counts 60 people of
    # the headline: 100 * 60 / 70 = 85.7 -> 86 %; the rest 70 - 60 = 10 is not small.
    entry = country(100)
    entry["reached"]["total_excluding_in_transit"] = 70
    out = _published_warning(dominant(60.0, 10.0), entry, K)
    assert (out["people"], out["share"]) == (60, 86)


def test_published_warning_leaves_the_exact_warning_alone():
    exact = dominant(60.0, 40.0)
    before = dict(exact)
    _published_warning(exact, country(100), K)
    assert exact == before


@pytest.mark.parametrize(
    "percent, text",
    [
        (250.0, "People reached are 250 % of the target"),
        (None, "People reached are more than twice the target"),  # hidden headline
    ],
)
def test_published_target_exceeded_takes_the_entry_percent(percent, text):
    # Whatever the exact warning said (999 %), the published one says the entry's percent.
    w = {"code": "target_exceeded", "percent": 999.0, "message": "exact"}
    out = _published_warning(w, country(500, percent=percent), K)
    assert out["percent"] == percent
    assert out["message"].startswith(text)


@pytest.mark.parametrize(
    "nd, over_count",
    [
        (-12, 12),  # the printed rest -12: 12 over
        ("[c]", None),  # rest hidden: the over-count would give it back
        (None, None),  # not reported
    ],
)
def test_published_breakdown_over_count_is_the_printed_rest(nd, over_count):
    w = {"code": "breakdown_exceeds_total", "over_count": 12.4, "message": "exact"}
    out = _published_warning(w, country(100, nd=nd), K)
    assert out["over_count"] == over_count
    if over_count is None:
        assert out["message"] == (
            "The population types add up to more people than the people reached reported."
        )
    else:
        assert out["message"] == (
            "The population types add up to 12 more people than the people reached reported."
        )


def test_published_no_rows_is_kept_as_it_is():
    out = _published_warning({"code": "no_rows", "message": "x"}, country(None), K)
    assert out == {
        "code": "no_rows",
        "message": (
            "No 5W row of the sector counting people reached was reported here in the period."
        ),
    }
