"""Fixtures every layer's tests share, each named for what it holds: the project's folders,
the shipped sample, the real R4V/FTS samples in ../shared/data, tiny datasets written on
the fly, canonical 5W rows built by hand, and lookups written independently of the code
under test. No test module imports another: what tests share is here (or in a layer's
conftest.py)."""

from __future__ import annotations

import hashlib
import http.server
import shutil
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "data" / "sample"
SHARED_DATA_ABSENT = "../shared/data is absent (fresh clone): real R4V/FTS samples not available"


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
        pytest.skip("data/sample is absent")
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
