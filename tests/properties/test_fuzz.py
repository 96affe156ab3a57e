"""Fuzzing: random 5W tables through load -> compute -> suppress -> export.

Hypothesis writes random 5W CSV files (any of the three header dialects, columns in any
order, ',' or ';', UTF-8, UTF-8 with BOM or Windows-1252, title rows above the header)
holding random countries (the 17 in several spellings, Regional, empty, unknown), counts
(whole, fractional, junk text, NaN, negative, infinite, huge), months (in and out of the
period, month names, Excel serials, malformed), indicators from a tiny reference
(people, outputs, unknown), sectors and organisation names (case, spacing and accent
variants), plus a target table. It then checks that

- the only exception ever raised is the project's `InputError`, and only for an unknown
  country, naming its row and column;
- the figures equal an independent oracle worked out from the generated cells (people
  reached per country and in transit, regional activities, partners, targets): no silently
  wrong figure;
- METHOD.md's invariants hold (platform = Σ countries, region = Σ countries without in-transit,
  population types ≥ 0, not disaggregated = total − Σ types, % of target None or finite,
  partner counts of a scope between the max and the sum of its parts);
- after `disclosure.suppress_figures`, no published count of people lies in [1, k−1].
"""

from __future__ import annotations

import csv
import io
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.chapter.documents import compute_documents
from helpers.chapter.exports import figures_csv, to_json
from helpers.core.columns import POPULATION_TYPES
from helpers.core.errors import InputError
from helpers.core.geography import COUNTRIES, PLATFORMS, REGIONAL
from helpers.disclosure import assert_no_small_counts
from helpers.figures import reach
from helpers.figures.analysis import Analysis, dataset_findings
from helpers.inputs.dataset import load_dataset

HTS = "Protection (Human Trafficking and Smuggling)"
DA = "# of people assisted"
TRAINED = "# of people trained"
INDICATORS = (
    "CODE,Sector/Subsector/WG,Indicator,Indicator Type\n"
    f"RE-PRHT1,{HTS},{TRAINED},Capacity Building\n"
    f"RE-PRHT3,{HTS},{DA},Direct Assistance\n"
    f"ED-1,Education,{DA},Direct Assistance\n"
)

# ------------------------------------------------------------------------------ cells
# Every generated cell carries what it must mean, so the oracle never parses anything.

SPELLINGS = {
    "ABW": ["Aruba", "ABW"],
    "ARG": ["Argentina"],
    "BOL": ["Bolivia", "BO"],
    "BRA": ["Brazil", "Brasil"],
    "CHL": ["Chile"],
    "COL": ["Colombia", "COL", "colombia "],
    "CRI": ["Costa Rica"],
    "CUW": ["Curaçao", "Curacao"],
    "DOM": ["Dominican Republic", "República Dominicana"],
    "ECU": ["Ecuador"],
    "GUY": ["Guyana"],
    "MEX": ["Mexico", "México"],
    "PAN": ["Panama", "Panamá"],
    "PER": ["Peru", "Perú", "PER"],
    "PRY": ["Paraguay"],
    "TTO": ["Trinidad and Tobago", "Trinidad & Tobago"],
    "URY": ["Uruguay"],
}
VALID_COUNTRIES = [(name, iso3) for iso3, names in SPELLINGS.items() for name in names]
_valid = st.sampled_from(VALID_COUNTRIES)
countries = st.one_of(
    _valid,
    _valid,
    _valid,
    _valid,
    st.sampled_from([("Regional", REGIONAL), ("Región", REGIONAL)]),
    st.just(("", None)),  # empty: row not counted, a finding
)
# An unknown country stops the load: at most one per table, in a few tables.
UNKNOWN = [("Narnia", "junk"), ("Venezuela", "junk")]


@dataclass(frozen=True)
class Number:
    text: str
    value: float  # what it must count as (0 when not usable)


whole = st.integers(0, 400).map(lambda n: Number(str(n), float(n)))
fraction = st.integers(1, 999).map(lambda n: Number(f"{n / 10:.1f}", float(f"{n / 10:.1f}")))
junk = st.sampled_from(
    [
        Number("", 0.0),
        Number("NaN", 0.0),
        Number("NA", 0.0),
        Number("N/A", 0.0),
        Number("12 personas", 0.0),
        Number("1.234", 0.0),
        Number("1,234", 0.0),
        Number("-3", 0.0),
        Number("-0.5", 0.0),
        Number("inf", 0.0),
        Number("-inf", 0.0),
        Number("1e12", 0.0),
        Number("99999999", 0.0),
        Number("#N/A", 0.0),
        Number("abc", 0.0),
    ]
)
numbers = st.one_of(whole, whole, fraction, junk)

MONTHS_IN = [f"2023-{m:02d}" for m in range(1, 13)]
_in_period = st.sampled_from([(m, m) for m in MONTHS_IN])
months = st.one_of(
    _in_period,
    _in_period,
    _in_period,
    st.sampled_from(
        [
            ("Jan-23", "2023-01"),
            ("44927", "2023-01"),
            ("2023-02-15", "2023-02"),
            ("mar 2023", "2023-03"),
            ("2022-12", "2022-12"),
            ("2024-01", "2024-01"),
        ]
    ),
    st.sampled_from([("2023-13", None), ("13/2023", None), ("", None), ("soon", None)]),
)
SECTORS = [
    (HTS, True),
    ("Protection (Human Trafficking & Smuggling)", True),
    ("protection (human trafficking and smuggling)", True),
    ("Education", False),
]
INDICATOR_TEXTS = [
    (DA, "people"),
    ("#  OF people   assisted", "people"),
    (TRAINED, "output"),
    ("# of people helped", "unknown"),
]
WORDS = ["Fundación", "Fundacion", "Ayuda", "Cruz", "Roja", "Org", "Norte", "Ñandú", "IOM"]
org_names = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).flatmap(
    lambda words: st.tuples(
        *[st.sampled_from([w, w.upper(), w.lower()]) for w in words],
        st.sampled_from([" ", "  "]),
        st.sampled_from(["", " "]),
    ).map(lambda t: t[-1] + t[-2].join(t[:-2]) + t[-1])
)


@dataclass(frozen=True)
class Row:
    country: tuple[str, str | None]
    month: tuple[str, str | None]
    sector: tuple[str, bool]
    indicator: tuple[str, str]
    org: str
    setup: str
    partner: str
    new: Number
    total: Number
    destination: Number
    transit: Number


rows = st.builds(
    Row,
    countries,
    months,
    st.sampled_from(SECTORS),
    st.sampled_from(INDICATOR_TEXTS),
    org_names,
    st.sampled_from(["Yes", "No", "", "yes", "Sí"]),
    st.one_of(st.just(""), org_names),
    numbers,
    numbers,
    numbers,
    numbers,
)

# field -> header per dialect (DATA.md's table)
HEADERS = {
    "country": ("Country Country", "Country", "Country"),
    "admin1": ("Country Admin1", "Admin1", "Admin1"),
    "org": ("Appealing organisation Name", "Appealing_org", "Appealing.Organization.Name"),
    "setup": ("Implementation Set up", "Implementation", "Implementation.Set.up"),
    "partner": ("Implementing partner Name", "Implementing_partner", "Implementing.partner.Name"),
    "month": ("Month", "Month", "Reporting.Month"),
    "sector": ("Indicator Sector", "Subsector", "Sector...Subsector...WG"),
    "indicator": ("Indicator Indicator", "Indicator", "Indicator"),
    "total": ("Total monthly beneficiaries", "Total_monthly", "Total.monthly.beneficiaries"),
    "new": (
        "New beneficiaries of the month",
        "New_beneficiaries",
        "New.beneficiaries.of.the.month",
    ),
    "destination": (
        "Refugees and Migrants IN DESTINATION",
        "IN_DESTINATION",
        "Refugees.and.Migrants.IN.DESTINATION",
    ),
    "transit": (
        "Refugees and Migrants IN TRANSIT",
        "IN_TRANSIT",
        "Refugees.and.Migrants.IN.TRANSIT",
    ),
    "extra": ("Comments", "Notes", "COVID.19.situation"),
}
POPULATION_LABELS = ["In destination", "In transit", "Host community"]


@dataclass(frozen=True)
class Table:
    rows: list[Row]
    dialect: int
    order: list[str]
    delimiter: str
    encoding: str
    titles: int
    k: int
    targets: list[tuple[str, str, str, Number]]  # (country name, iso3, population, target)
    header_case: str = "as is"  # headers compare ignoring case, dots, underscores, spacing


def _with_unknown(table: Table, unknown: tuple[int, tuple[str, str]] | None) -> Table:
    if unknown is None or not table.rows:
        return table
    at, country = unknown
    rows_ = list(table.rows)
    i = at % len(rows_)
    rows_[i] = Row(country, *[getattr(rows_[i], f) for f in list(Row.__dataclass_fields__)[1:]])
    return Table(rows_, *[getattr(table, f) for f in list(Table.__dataclass_fields__)[1:]])


tables = st.builds(
    Table,
    st.lists(rows, min_size=1, max_size=25),
    st.integers(0, 2),
    st.permutations(list(HEADERS)),
    st.sampled_from([",", ";"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    st.integers(0, 2),
    st.integers(1, 10),
    st.lists(
        st.tuples(
            st.sampled_from(VALID_COUNTRIES), st.sampled_from(POPULATION_LABELS), numbers
        ).map(lambda t: (t[0][0], t[0][1], t[1], t[2])),
        max_size=8,
    ),
    st.sampled_from(["as is", "upper", "lower"]),
)
tables = st.builds(
    _with_unknown,
    tables,
    st.one_of(
        st.none(), st.none(), st.none(), st.tuples(st.integers(0, 99), st.sampled_from(UNKNOWN))
    ),
)


def _cell(row: Row, field: str) -> str:
    return {
        "country": row.country[0],
        "admin1": "",
        "org": row.org,
        "setup": row.setup,
        "partner": row.partner,
        "month": row.month[0],
        "sector": row.sector[0],
        "indicator": row.indicator[0],
        "total": row.total.text,
        "new": row.new.text,
        "destination": row.destination.text,
        "transit": row.transit.text,
        "extra": "x",
    }[field]


def write(table: Table, folder: Path) -> None:
    out = io.StringIO()
    w = csv.writer(out, delimiter=table.delimiter, lineterminator="\n")
    for i in range(table.titles):
        w.writerow([f"RMRP 2023 5W export, part {i + 1}"])
    case = {"as is": str, "upper": str.upper, "lower": str.lower}[table.header_case]
    w.writerow([case(HEADERS[f][table.dialect]) for f in table.order])
    for row in table.rows:
        w.writerow([_cell(row, f) for f in table.order])
    text = out.getvalue()
    try:
        data = text.encode(table.encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    (folder / "activities.csv").write_bytes(data)
    (folder / "indicators.csv").write_text(INDICATORS, encoding="utf-8")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Country", "Sector", "Population type", "Target"])
    w.writerows([name, HTS, pop, number.text] for name, _, pop, number in table.targets)
    (folder / "targets.csv").write_text(out.getvalue(), encoding="utf-8")
    (folder / "dataset.yaml").write_text(
        "name: fuzz\nperiod: {start: 2023-01, end: 2023-12}\nactivities: activities.csv\n"
        f"indicators: indicators.csv\ntargets: targets.csv\ndisclosure: {{min_count: {table.k}}}\n",
        encoding="utf-8",
    )


# ------------------------------------------------------------------------------ oracle


def _org_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _kept(row: Row) -> bool:
    """Loaded (not dropped at load time): a known country and a month of the period."""
    iso3, month = row.country[1], row.month[1]
    return iso3 not in (None, "junk") and month is not None and "2023-01" <= month <= "2023-12"


def _implementer(row: Row) -> str:
    setup = row.setup.strip().casefold()
    partner = row.partner.strip()
    uses_partner = setup in {"yes", "sí", "si"} or (setup == "" and partner != "")
    return partner if uses_partner and partner else row.org


def oracle(table: Table) -> dict:
    reached: dict[str, dict[str, float]] = {}
    reporting: dict[str, set[str]] = {}
    implementing: dict[str, set[str]] = {}
    for row in table.rows:
        if not _kept(row) or not row.sector[1]:
            continue
        iso3 = row.country[1]
        reporting.setdefault(iso3, set()).add(_org_key(row.org))
        implementing.setdefault(iso3, set()).add(_org_key(_implementer(row)))
        if row.indicator[1] != "people":
            continue
        r = reached.setdefault(iso3, {"total": 0.0, "in_transit": 0.0, "in_destination": 0.0})
        r["total"] += row.new.value
        r["in_transit"] += row.transit.value
        r["in_destination"] += row.destination.value
    targets: dict[str, list[float]] = {}
    for _, iso3, _pop, number in table.targets:
        usable = number.text.strip() not in ("", "NaN", "NA") and (
            number.value > 0 or number.text == "0"
        )
        if usable:
            targets.setdefault(iso3, []).append(number.value)
        else:
            targets.setdefault(iso3, [])
    return {
        "reached": reached,
        "reporting": reporting,
        "implementing": implementing,
        "targets": targets,
    }


# ------------------------------------------------------------------------------ the test


def _small_counts(obj, k: int, path: str = "", people: bool = False) -> list[str]:
    found = []
    if isinstance(obj, dict):
        for key, value in obj.items():
            found += _small_counts(value, k, f"{path}.{key}", people or key == "reached")
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            found += _small_counts(value, k, f"{path}[{i}]", people)
    elif people and isinstance(obj, (int, float)) and not isinstance(obj, bool):
        if 1 <= obj <= k - 1:
            found.append(f"{path} = {obj}")
    return found


def check(table: Table) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write(table, folder)
        junk_rows = [i for i, r in enumerate(table.rows) if r.country[1] == "junk"]
        in_period = [r for r in table.rows if r.month[1] and "2023-01" <= r.month[1] <= "2023-12"]
        try:
            ds = load_dataset(folder)
        except InputError as exc:
            if not junk_rows and not in_period:
                # no row of the period: chapters of zeros would be published (METHOD.md)
                assert exc.column == "period", str(exc)
                return
            # Otherwise the only acceptable reason in these tables: an unknown country.
            assert junk_rows, f"unexpected InputError: {exc}"
            assert exc.row == 2 + table.titles + junk_rows[0], str(exc)
            assert exc.column.casefold() == HEADERS["country"][table.dialect].casefold()
            assert table.rows[junk_rows[0]].country[0] in exc.detail
            return
        assert not junk_rows, "an unknown country loaded silently"
        assert in_period, "a dataset with no row of the period loaded silently"
        analysis = Analysis(ds)
        doc = analysis.figures()
        dataset_findings(ds)  # every check runs on random rows without raising
        _check_against_oracle(table, doc)
        _check_invariants(analysis, doc)
        published = compute_documents(analysis).published
        assert_no_small_counts(published, table.k)
        assert not _small_counts(published, table.k)
        figures_csv(published)
        to_json(published)


def _check_against_oracle(table: Table, doc: dict) -> None:
    want = oracle(table)
    for entry in doc["countries"]:
        iso3 = entry["iso3"]
        r = want["reached"].get(iso3, {"total": 0.0, "in_transit": 0.0, "in_destination": 0.0})
        for key, value in r.items():
            assert entry["reached"][key] == pytest.approx(value, abs=1e-6), (iso3, key)
        assert entry["reporting_partners"] == len(want["reporting"].get(iso3, ())), iso3
        assert entry["implementing_partners"] == len(want["implementing"].get(iso3, ())), iso3
        values = want["targets"].get(iso3)
        expected_target = sum(values) if values else None
        if expected_target is None:
            assert entry["target"] is None, iso3
        else:
            assert entry["target"] == pytest.approx(expected_target), iso3
    regional = want["reached"].get(REGIONAL)
    if regional is not None:
        assert doc["regional_activities"]["reached"]["total"] == pytest.approx(
            regional["total"], abs=1e-6
        )


def _check_invariants(analysis: Analysis, doc: dict) -> None:
    by_iso3 = {c["iso3"]: c for c in doc["countries"]}
    entries = [*doc["countries"], *doc["platforms"], doc["region"]]
    if doc["regional_activities"]:
        entries.append(doc["regional_activities"])
    for entry in entries:
        reached = entry["reached"]
        parts = [p for p in POPULATION_TYPES if reached[p] is not None]  # region: no transit
        # (the region's total is Σ countries' total − in transit: below 0 only where a
        # country's in-transit breakdown exceeds its total, which its warning says)
        for key in ("total", *parts) if entry is not doc["region"] else parts:
            assert reached[key] >= 0 and math.isfinite(reached[key]), (entry.get("name"), key)
        assert reached["not_disaggregated"] == pytest.approx(
            reached["total"] - sum(reached[p] for p in parts), abs=1e-6
        )
        pct = entry.get("percent_of_target")
        assert pct is None or math.isfinite(pct)
    for platform in doc["platforms"]:
        members = [by_iso3[c] for c in PLATFORMS[platform["id"]].countries]
        for key in ("total", "in_transit"):
            assert platform["reached"][key] == pytest.approx(
                sum(m["reached"][key] for m in members), abs=1e-6
            )
        for key in ("reporting_partners", "implementing_partners"):
            parts = [m[key] for m in members]
            assert max(parts) <= platform[key] <= sum(parts), (platform["id"], key)
    region = doc["region"]
    totals = sum(c["reached"]["total"] for c in doc["countries"])
    in_transit = sum(c["reached"]["in_transit"] for c in doc["countries"])
    # no figure of the region includes in-transit people (METHOD.md rule 8)
    assert region["reached"]["in_transit"] is None
    assert region["reached"]["total"] == region["reached"]["total_excluding_in_transit"]
    assert region["reached"]["total"] == pytest.approx(totals - in_transit, abs=1e-6)
    extra = doc["regional_activities"] or {}
    for key in ("reporting_partners", "implementing_partners"):
        parts = [c[key] for c in doc["countries"]] + ([extra[key]] if extra else [])
        assert max(parts) <= region[key] <= sum(parts), key
    # Monthly progress ends at people reached (METHOD.md rule 6).
    counted = analysis.counted[analysis.counted["country"].isin(list(COUNTRIES))]
    progress = reach.monthly_progress(
        counted["new_beneficiaries"], counted["month"], analysis.dataset.manifest.months()
    )
    last = float(progress["cumulative"].iloc[-1]) if len(progress) else 0.0
    assert last == pytest.approx(totals, abs=1e-6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_random_5w_tables(table):
    check(table)


def test_oracle_sees_a_hand_made_table():
    """The oracle itself, on one table worked out by hand."""
    r = Row(
        ("Perú", "PER"),
        ("Jan-23", "2023-01"),
        (HTS, True),
        (DA, "people"),
        "Org A",
        "No",
        "",
        Number("10", 10.0),
        Number("10", 10.0),
        Number("8", 8.0),
        Number("2", 2.0),
    )
    bad = Row(
        ("Peru", "PER"),
        ("2023-13", None),
        (HTS, True),
        (DA, "people"),
        "Org B",
        "No",
        "",
        Number("5", 5.0),
        Number("5", 5.0),
        Number("5", 5.0),
        Number("0", 0.0),
    )
    table = Table(
        [r, bad, r],
        1,
        list(HEADERS),
        ";",
        "cp1252",
        1,
        5,
        [("Peru", "PER", "In destination", Number("40", 40.0))],
    )
    want = oracle(table)
    assert want["reached"]["PER"] == {"total": 20.0, "in_transit": 4.0, "in_destination": 16.0}
    assert want["reporting"]["PER"] == {"org a"}
    check(table)
