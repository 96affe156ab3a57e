"""Fixtures every layer's tests share, each named for what it holds: the project's folders,
the shipped sample, the real R4V/FTS samples in ../shared/data, tiny datasets written on
the fly, canonical 5W rows built by hand, and lookups written independently of the code
under test. No test module imports another: what tests share is here (or in a layer's
conftest.py)."""

from __future__ import annotations

import csv
import hashlib
import http.server
import io
import re
import shutil
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "data" / "sample"
SHARED_DATA_ABSENT = "../shared/data is absent (fresh clone): real R4V/FTS samples not available"


# ------------------------------------------------------------------------------ groups


def pytest_configure(config):
    """`--dist loadgroup` must keep each `xdist_group` on one worker: the slow shared
    builds (the whole publication with its PDFs) are made once per worker otherwise, and
    the suite takes twice as long. pytest-xdist 3.8 marks a group by setting
    `item._nodeid`, which pytest 9 no longer reads: stop at once, saying so."""
    from importlib.metadata import version

    if config.getoption("dist", "no") != "loadgroup":
        return
    pytest_major = int(version("pytest").split(".")[0])
    xdist = tuple(int(p) for p in version("pytest-xdist").split(".")[:2])
    if pytest_major >= 9 and xdist <= (3, 8):
        raise pytest.UsageError(
            f"pytest {version('pytest')} with pytest-xdist {version('pytest-xdist')} ignores "
            "xdist_group: install pyproject.toml's pytest (`make test` does)"
        )


# ------------------------------------------------------------------------------ folders


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The project's folder (pyproject.toml, data/, notebooks/, benchmarks/)."""
    return ROOT


@pytest.fixture(scope="session")
def sample_folder() -> Path:
    """The shipped synthetic sample's folder, data/sample (committed, never edited by a
    test: tests that edit a dataset copy it first)."""
    return SAMPLE


@pytest.fixture(scope="session")
def sample_dataset(sample_folder):
    """The shipped sample loaded with `load_dataset` (once per session; do not modify)."""
    from helpers.inputs.dataset import load_dataset

    if not (sample_folder / "dataset.yaml").is_file():
        pytest.fail(
            "data/sample is missing: it is shipped with the project (`make sample` writes it)"
        )
    return load_dataset(sample_folder)


@pytest.fixture
def sample_copy(sample_folder, tmp_path) -> Path:
    """A private copy of the shipped sample, `<tmp_path>/data` (tests edit it)."""
    return Path(shutil.copytree(sample_folder, tmp_path / "data"))


@pytest.fixture
def snapshot_root(tmp_path, monkeypatch) -> Path:
    """An empty folder for snapshot entries (the build cache), `<tmp_path>/cache`, with
    the user's cache setting ($R4V_BUILD_CACHE) cleared for the test."""
    from helpers.inputs.snapshot import CACHE_ENV

    monkeypatch.delenv(CACHE_ENV, raising=False)
    return tmp_path / "cache"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real R4V and FTS samples, ../shared/data (never copied into the project); the
    test skips when the folder is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(SHARED_DATA_ABSENT)
    return SHARED_DATA


@pytest.fixture(scope="session")
def shared_file(shared_data):
    """A function: the path of one real sample file in ../shared/data (`shared_file("r4v",
    "admin1.csv")`), or a skip naming it when it is absent."""

    def path_of(*parts: str) -> Path:
        path = shared_data.joinpath(*parts)
        if not path.exists():
            pytest.skip(f"{path} is absent")
        return path

    return path_of


REAL_DATASETS = {
    "real2023": {
        "activities": ["r4v/5w_2023_sample.xlsx"],
        "indicators": ["r4v/indicators_2023_2024.csv"],
    },
    "real2024": {
        "activities": ["r4v/5w_2024_sample.xlsx"],
        "indicators": ["r4v/indicators_2023_2024.csv"],
    },
    "real2023full": {
        "activities": ["r4v/5w_2023_sample.xlsx"],
        "indicators": ["r4v/indicators_2023_2024.csv"],
        "partners": ["r4v/partners_2021.csv", "r4v/implementing_partners_2021.csv"],
        "targets": ["r4v/pin_2022_by_admin1.csv", "r4v/target_2022_by_admin1.csv"],
        "funding": [f"fts/flows_location114_2020-page-{i}.json" for i in (1, 2, 3)],
    },
    "real2024hdx": {
        "activities": ["r4v/5w_2024_sample.xlsx", "r4v/5w_2023_sample.xlsx"],
        "indicators": ["r4v/indicators_2023_2024.csv"],
        "funding": ["fts/hdx_incoming_funding_jor.csv"],
    },
}
"""Datasets made of the real files in ../shared/data, by name: every real file is in one
(the 2025 import template and the admin-1 and error catalogues are read by their own tests)."""


@pytest.fixture(scope="session")
def real_dataset_names() -> list[str]:
    return list(REAL_DATASETS)


@pytest.fixture(scope="session")
def write_real_dataset(shared_data):
    """A function: `write_real_dataset(name, folder)` copies that real dataset's files
    from ../shared/data into `folder` (a temporary one: never into the project) with a
    dataset.yaml for 2023, and returns the folder."""

    def write(name: str, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        lines = [f"name: real {name}", "period: {start: 2023-01, end: 2023-12}"]
        for source, files in REAL_DATASETS[name].items():
            for f in files:
                shutil.copyfile(shared_data / f, folder / f.split("/")[-1])
            lines.append(f"{source}: [{', '.join(f.split('/')[-1] for f in files)}]")
        (folder / "dataset.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return folder

    return write


# ------------------------------------------------------------------------------ datasets


@pytest.fixture(scope="session")
def make_dataset():
    """A function writing a tiny dataset folder: `make_dataset(folder, {name: text or
    bytes}, manifest_text)` writes `dataset.yaml` and the files, and returns the folder."""

    def write(folder: Path, files: dict[str, str | bytes], manifest: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "dataset.yaml").write_text(manifest, encoding="utf-8")
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder

    return write


@pytest.fixture(scope="session")
def workbook_from_yaml():
    """A function writing the workbook a `<name>.xlsx.yaml` file describes (`sheets:`, a
    sheet name -> its rows), with openpyxl, and returning its path (`<name>.xlsx` beside
    the description): the bad-input corpus keeps its workbooks as text this way."""
    import openpyxl
    import yaml

    def write(spec: Path) -> Path:
        sheets = yaml.safe_load(spec.read_text(encoding="utf-8"))["sheets"]
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for title, rows in sheets.items():
            ws = wb.create_sheet(str(title))
            for values in rows or []:
                ws.append(list(values))
        out = spec.with_suffix("")
        wb.save(out)
        return out

    return write


@pytest.fixture(scope="session")
def tree_digest():
    """A function: {relative path: sha256} of every file under a folder (to show that a
    folder was, or was not, changed byte for byte)."""

    def digest(folder: Path) -> dict[str, str]:
        return {
            p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    return digest


# ------------------------------------------------------------------------------ lookups


@pytest.fixture(scope="session")
def figures_entry():
    """A function: a scope's entry in a figures document (`region`,
    `regional_activities`, a platform id or an ISO3 code); None for anything else. Written
    out here, not taken from the code under test, so that tests look entries up
    independently."""

    def entry(doc: dict, scope: str) -> dict | None:
        if scope in ("region", "regional_activities"):
            return doc[scope]
        for e in doc["platforms"]:
            if e["id"] == scope:
                return e
        for e in doc["countries"]:
            if e["iso3"] == scope:
                return e
        return None

    return entry


# ------------------------------------------------------------------------------ 5W rows

HTS = "Protection (Human Trafficking and Smuggling)"
DA = "# of people receiving assistance and protection services"  # RE-PRHT3
TRAINED = "# of people trained"  # RE-PRHT1
MECH = "# of institutional mechanisms supported"  # RE-PRHT2

_SHORT = {
    "new": "new_beneficiaries",
    "total": "total_monthly",
    "dest": "in_destination",
    "transit": "in_transit",
    "host": "host_community",
    "org": "appealing_org",
    "partner": "implementing_partner",
    "setup": "implementation",
}


@pytest.fixture(scope="session")
def hts_indicators() -> pd.DataFrame:
    """A canonical indicator reference (INDICATOR_COLUMNS): the three HTS indicators
    RE-PRHT1 '# of people trained' (Capacity Building), RE-PRHT2 '# of institutional
    mechanisms supported' (Mechanism/Advocacy), RE-PRHT3 '# of people receiving assistance
    and protection services' (Direct Assistance, counts as people), and the same RE-PRHT3
    text under sector 'Protection' (PR-1). Do not modify."""
    from helpers.core.columns import INDICATOR_COLUMNS

    return pd.DataFrame(
        {
            "code": ["RE-PRHT1", "RE-PRHT2", "RE-PRHT3", "PR-1"],
            "sector": [HTS, HTS, HTS, "Protection"],
            "indicator": [TRAINED, MECH, DA, DA],
            "indicator_type": [
                "Capacity Building",
                "Mechanism/Advocacy",
                "Direct Assistance",
                "Direct Assistance",
            ],
            "counts_as_people": [False, False, True, True],
        },
        columns=INDICATOR_COLUMNS,
    )


@pytest.fixture(scope="session")
def activity_rows():
    """A function building canonical 5W rows (ACTIVITY_COLUMNS) the way
    `inputs.activities.load_activities` returns them (empty text is '', a missing number
    NaN): `activity_rows(records, file="a.csv")`, one dict per row. Defaults: sector HTS,
    indicator RE-PRHT3 (Direct Assistance), month 2023-01, country COL, appealing org
    'Org A', set-up 'No'. Short keys: new, total, dest, transit, host, org, partner, setup.
    Rows are numbered as in a spreadsheet (header = row 1)."""
    from helpers.core import geography
    from helpers.core.columns import ACTIVITY_COLUMNS, NUMERIC_COLUMNS, TEXT_COLUMNS

    def rows(records: list[dict], file: str = "a.csv") -> pd.DataFrame:
        out = []
        for i, rec in enumerate(records):
            row: dict = {c: "" for c in TEXT_COLUMNS}
            row.update({c: np.nan for c in NUMERIC_COLUMNS})
            row.update(
                country="COL",
                sector=HTS,
                indicator=DA,
                month="2023-01",
                appealing_org="Org A",
                implementation="No",
            )
            row.update({_SHORT.get(k, k): v for k, v in rec.items()})
            row["platform"] = geography.platform_of(row["country"])
            row.update(source_file=file, source_row=i + 2)  # header = row 1
            out.append(row)
        df = pd.DataFrame(out, columns=ACTIVITY_COLUMNS)
        df[NUMERIC_COLUMNS] = df[NUMERIC_COLUMNS].astype("float64")
        return df

    return rows


# ------------------------------------------------------------------------------ a reader


POPULATION = ["in_destination", "in_transit", "host_community", "pendular", "colombian_returnees"]
PARTS = [*POPULATION, "not_disaggregated"]


class PublishedReader:
    """Everything a reader can work out from what was published for one or more chapters,
    written independently of the code under test: every number of the published figures
    document and of the chapters' JSON exports is a cell; every relation the tables print
    (parts and totals, rows and their total row, running totals, a scope printed in two
    tables, a share or a percentage next to a printed total, funding per person) is an
    equation; each hidden cell is bounded by its token ("<k": 1..k-1, "[c]": k or more, a
    hidden not-disaggregated rest: anything). `bounds()` gives each hidden small count the
    range a linear program over all of it leaves."""

    def __init__(self, k: int):
        self.k = k
        self.cells: dict = {}
        self.residual: set = set()
        self.equations: list = []  # (dict cell -> coefficient, constant): Σ a·x = constant
        self.ranges: list = []  # (cell, low, high): what a rounded ratio says of a cell

    # -- cells and relations

    def cell(self, key, value, residual=False):
        if value is None:
            return None
        if isinstance(value, float) and value != value:
            return None
        self.cells.setdefault(key, value)
        if residual:
            self.residual.add(key)
        return key

    def equal(self, lhs, rhs, constant=0.0):
        """Σ lhs - Σ rhs = constant, cells that are None (not given) left out."""
        form: dict = {}
        for side, sign in ((lhs, 1), (rhs, -1)):
            for c in side:
                if c is not None:
                    form[c] = form.get(c, 0) + sign
        if form:
            self.equations.append((form, constant))

    def same(self, a, b):
        if a is not None and b is not None and a != b:
            self.equal([a], [b])

    # -- what is published

    def figures_document(self, doc):
        """`r4v-report figures` (published): parts add up to each entry's total,
        platforms to their countries, the region to its countries (in transit left out)."""

        def entry(path, e):
            r = e["reached"]
            keys = {
                f: self.cell((path, f), r.get(f), residual=f == "not_disaggregated")
                for f in ["total", *PARTS, "total_excluding_in_transit"]
            }
            self.equal([keys["total"]], [keys[p] for p in PARTS])
            self.same(keys["total"], keys["total_excluding_in_transit"])
            return keys

        countries = {c["iso3"]: entry(("country", c["iso3"]), c) for c in doc["countries"]}
        for p in doc["platforms"]:
            keys = entry(("platform", p["id"]), p)
            for f in ["total", *PARTS]:
                self.equal([keys[f]], [countries[c][f] for c in p["countries"]])
        region = entry(("region",), doc["region"])
        for f in [p for p in PARTS if p != "in_transit"]:
            self.equal([region[f]], [c[f] for c in countries.values()])
        self.equal(
            [region["total"], *(c["in_transit"] for c in countries.values())],
            [c["total"] for c in countries.values()],
        )
        if doc.get("regional_activities"):
            entry(("regional",), doc["regional_activities"])
        return countries

    def chapter(self, export):
        """One chapter's JSON export: its tables, tied to the document's figures."""
        scope = export["scope"]["id"]
        level = export["scope"]["level"]
        key = (
            ("region",)
            if level == "region"
            else (("platform", scope) if level == "platform" else ("country", scope))
        )
        headline = (key, "total")
        t = export["tables"]

        def c(*parts, value, residual=False):
            return self.cell((scope, *parts), value, residual)

        rows = t.get("infographic") or []
        totals = {}
        for row in rows:
            unit = row["id"]
            here = {
                f: c("infographic", unit, f, value=row.get(f), residual=f == "not_disaggregated")
                for f in [*PARTS, "total"]
            }
            self.equal([here["total"]], [here[p] for p in PARTS])
            if unit == "total":
                totals = here
                for f in [*PARTS, "total"]:
                    self.same(here[f], (key, f))
            else:
                for f in [*PARTS, "total"]:
                    unit_key = {"platform": ("country", unit), "region": ("platform", unit)}.get(
                        level
                    )
                    if unit_key:
                        self.same(here[f], (unit_key, f))

        def unit_cells(f):
            return [
                (scope, "infographic", row["id"], f)
                if (scope, "infographic", row["id"], f) in self.cells
                else None
                for row in rows
                if row["id"] != "total"
            ]

        for f in [*PARTS, "total"]:
            if not totals:
                break
            if level == "region" and f == "total":  # in transit never added up
                self.equal([totals.get(f), *unit_cells("in_transit")], unit_cells("total"))
            elif not (level == "region" and f == "in_transit"):
                self.equal([totals.get(f)], unit_cells(f))
        for row in t.get("reached_vs_target") or []:
            here = c("rvt", row["id"], value=row.get("reached"))
            self.same(here, headline if row["id"] == "total" else (key, row["id"]))
            self._ratio(here, row.get("percent_of_target"), row.get("target"), 100)
        people = [r for r in t.get("age_gender") or [] if r.get("people") is not None]
        if people:
            cells = {
                r["id"]: c(
                    "age", r["id"], value=r["people"], residual=r["id"] == "not_disaggregated"
                )
                for r in people
            }
            total = cells.get("total")
            self.same(total, (key, "total"))
            self.equal([total], [v for i, v in cells.items() if i != "total"])
            for r in people:
                self._ratio(cells[r["id"]], r.get("share"), r_total(people), 100)
        progress = t.get("progress") or []
        previous = None
        for row in progress:
            new = c("month", row["month"], "new", value=row.get("new"))
            cum = c("month", row["month"], "cum", value=row.get("cumulative"))
            self.equal([cum], [previous, new] if previous is not None else [new])
            previous = cum
        if progress:
            self.same(previous, headline)
        for name in ("by_activity", "by_partner"):
            table = t.get(name) or []
            cells = {r["id"]: c(name, r["id"], value=r.get("reached")) for r in table}
            if cells:
                self.same(cells.get("total"), headline)
                self.equal([cells.get("total")], [v for i, v in cells.items() if i != "total"])
                for r in table:
                    self._ratio(cells[r["id"]], r.get("share"), r_total(table, "reached"), 100)
        for row in t.get("lessons_countries") or []:
            here = c("lessons", row["id"], value=row.get("reached"))
            self.same(here, (("country", row["id"]), "total"))
            self._per_person(here, row.get("funding_usd"), row.get("usd_per_person_reached"))
        for row in t.get("misalignment_organisations") or []:
            c("orgs", row["id"], value=row.get("reached"))
        for row in t.get("outputs") or []:
            if row.get("people"):
                c("outputs", row["id"], value=row.get("value"))

    ROUNDED = 0.5e-4  # exports round ratios to 4 decimals

    def _ratio(self, part, ratio, total, scale):
        """A share (or % of target) printed beside a printed total gives the part back, to
        within the ratio's rounding."""
        if (
            part is None
            or not isinstance(ratio, (int, float))
            or not isinstance(total, (int, float))
        ):
            return
        self.ranges.append(
            (part, (ratio - self.ROUNDED) * total / scale, (ratio + self.ROUNDED) * total / scale)
        )

    def _per_person(self, people, funding, per_person):
        if (
            people is not None
            and isinstance(funding, (int, float))
            and isinstance(per_person, (int, float))
            and per_person > 0
        ):
            self.ranges.append(
                (
                    people,
                    funding / (per_person + self.ROUNDED),
                    funding / max(per_person - self.ROUNDED, 1e-12),
                )
            )

    # -- bounds

    def _token(self, key):
        v = self.cells[key]
        if not isinstance(v, str):
            return (float(v), float(v))
        if key in self.residual and not v.startswith("<"):
            return (None, None)
        if v.startswith("<"):
            return (1.0, float(v[1:]) - 1)
        return (float(self.k), None)

    def bounds(self) -> dict:
        """For each hidden small count ("<k"), the (min, max) a reader can narrow it to."""
        from scipy.optimize import linprog

        keys = list(self.cells)
        index = {c: j for j, c in enumerate(keys)}
        a_eq, b_eq = [], []
        for form, constant in self.equations:
            if all(c in index for c in form):
                row = np.zeros(len(keys))
                for c, a in form.items():
                    row[index[c]] += a
                a_eq.append(row)
                b_eq.append(constant)
        a_ub, b_ub = [], []
        for c, low, high in self.ranges:
            row = np.zeros(len(keys))
            row[index[c]] = 1
            a_ub += [row, -row]
            b_ub += [high + 1e-6, -(low - 1e-6)]
        limits = [self._token(c) for c in keys]
        out = {}
        for c in keys:
            v = self.cells[c]
            if not (isinstance(v, str) and v.startswith("<")):
                continue
            cost = np.zeros(len(keys))
            cost[index[c]] = 1
            kw = dict(
                A_eq=np.array(a_eq) if a_eq else None,
                b_eq=b_eq or None,
                A_ub=np.array(a_ub) if a_ub else None,
                b_ub=b_ub or None,
                bounds=limits,
                method="highs",
            )
            low, high = linprog(cost, **kw), linprog(-cost, **kw)
            assert low.status != 2, "the published numbers contradict each other"
            out[c] = (
                low.fun if low.status == 0 else -np.inf,
                -high.fun if high.status == 0 else np.inf,
            )
        return out

    def pinned(self) -> dict:
        """Hidden small counts narrowed to a single whole number."""
        return {c: b for c, b in self.bounds().items() if b[1] - b[0] < 1 - 1e-6}


def r_total(rows, column="people"):
    for r in rows:
        if r["id"] == "total":
            v = r.get(column)
            return v if isinstance(v, (int, float)) else None
    return None


@pytest.fixture(scope="session")
def published_reader():
    """A function: `published_reader(k)` -> a PublishedReader to feed with a published
    figures document and chapters' JSON exports, then ask what it can pin down."""
    return PublishedReader


PEOPLE_CSV_COLUMNS = re.compile(r"^(reached|people|new|cumulative)(_|$)")


def small_counts_in_html(html: str, k: int) -> list[str]:
    """Counts of people in 1..k-1 a page prints (every number of people a page prints
    carries `data-kind="people"` and its `data-value`)."""
    found = []
    for value in re.findall(r'data-kind="people" data-value="([^"]*)"', html):
        if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value) and 0 < float(value) < k:
            found.append(value)
    return found


def small_counts_in_csv(text: str, k: int) -> list[str]:
    """Counts of people (columns reached_*, people, new, cumulative) in 1..k-1 in a CSV
    export; tokens and the HXL row are not numbers."""
    found = []
    for row in csv.DictReader(io.StringIO(text)):
        for column, value in row.items():
            if column and PEOPLE_CSV_COLUMNS.match(column) and value:
                if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value) and 0 < float(value) < k:
                    found.append(f"{column}={value}")
    return found


@pytest.fixture(scope="session")
def small_counts():
    """`small_counts.html(text, k)` and `small_counts.csv(text, k)`: the counts of people
    in 1..k-1 a published page or CSV export prints (none may)."""
    return SimpleNamespace(html=small_counts_in_html, csv=small_counts_in_csv)


# ------------------------------------------------------------------------------ a loopback server


class ReplayServer:
    """A loopback HTTP server (port 0, a thread) answering GETs from `bodies` (request
    target `/path?query` -> bytes), first playing the `faults` queued for a target, one per
    request: "429" (with Retry-After: `retry_after`, "0" unless set), "500", "404", "drop"
    (connection closed unanswered), "truncate" (status 200 with the first half of the body),
    "cut" (the whole body's Content-Length, half the body, then the connection closed),
    "slow" (answers after `slow_seconds`). `requests` lists every target asked for."""

    def __init__(self):
        self.bodies: dict[str, bytes] = {}
        self.faults: dict[str, list[str]] = {}
        self.requests: list[str] = []
        self.slow_seconds = 1.0
        self.retry_after = "0"
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                server.requests.append(self.path)
                queued = server.faults.get(self.path) or []
                fault = queued.pop(0) if queued else None
                body = server.bodies.get(self.path)
                if fault == "drop":
                    self.close_connection = True
                    return
                if fault == "slow":
                    time.sleep(server.slow_seconds)
                if fault in ("429", "500", "404") or body is None:
                    code = int(fault) if fault in ("429", "500") else 404
                    self.send_response(code)
                    if code == 429:
                        self.send_header("Retry-After", server.retry_after)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                length = len(body)
                if fault == "truncate":
                    body = body[: len(body) // 2]
                    length = len(body)
                elif fault == "cut":
                    body = body[: len(body) // 2]
                    self.close_connection = True
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(length))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def replay_server():
    """A `ReplayServer` on loopback serving nothing yet (tests add `bodies` and `faults`);
    shut down after the test. Tests never reach the internet."""
    server = ReplayServer()
    yield server
    server.close()


FTS_PAGES = [f"flows_location114_2020-page-{i}.json" for i in (1, 2, 3)]
FTS_TARGET = "/v1/public/fts/flow?locationId=114&year=2020"


@pytest.fixture
def fts_replay(replay_server, shared_data):
    """`replay_server` replaying the three real FTS pages of ../shared/data/fts (location
    114, 2020: 478 flows = meta.count) at `server.base + "/v1/public/fts/flow"`, query
    locationId=114&year=2020 (then &page=2, &page=3), each page's meta.nextLink rewritten
    to point at the next one here and nothing else changed; and the real HDX CSV at
    `/hdx/hdx_incoming_funding_jor.csv`. `server.pages` holds the three targets in order."""
    import json

    fts = shared_data / "fts"
    targets = [FTS_TARGET] + [f"{FTS_TARGET}&page={i}" for i in (2, 3)]
    for i, name in enumerate(FTS_PAGES):
        body = (fts / name).read_bytes()
        link = json.loads(body)["meta"].get("nextLink")
        if link:
            new = (replay_server.base + targets[i + 1]).encode()
            body = body.replace(json.dumps(link).encode(), json.dumps(new.decode()).encode())
            assert json.loads(body)["meta"]["nextLink"] == new.decode()
        replay_server.bodies[targets[i]] = body
    replay_server.bodies["/hdx/hdx_incoming_funding_jor.csv"] = (
        fts / "hdx_incoming_funding_jor.csv"
    ).read_bytes()
    replay_server.pages = targets
    return replay_server
