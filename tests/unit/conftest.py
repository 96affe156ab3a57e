"""Fixtures shared by the unit tests of several layers: tiny FTS extracts shaped like the
real API pages (read by `inputs.fts`, summed by `figures.funding`)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pandas as pd
import pytest


def _api_flow(
    fid,
    amount,
    donor,
    locations,
    *,
    clusters=(),
    global_clusters=(),
    boundary="incoming",
    on_boundary="single",
    status="paid",
    flow_type="Standard",
    version=1,
):
    """One flow shaped like a real FTS API page entry (see shared/data/fts)."""
    src = [
        {"type": "Organization", "id": "10", "name": donor, "behavior": "single"},
        {"type": "UsageYear", "id": "45", "name": "2023", "behavior": "single"},
    ]
    dst = [{"type": "Organization", "id": "20", "name": "UNHCR", "behavior": "single"}]
    dst += [{"type": "Location", "id": "1", "name": n, "behavior": "single"} for n in locations]
    dst += [{"type": "Plan", "id": "1133", "name": "RMRP 2023", "behavior": "single"}]
    dst += [{"type": "Cluster", "id": "2", "name": n, "behavior": "single"} for n in clusters]
    dst += [
        {"type": "GlobalCluster", "id": "3", "name": n, "behavior": "single"}
        for n in global_clusters
    ]
    return {
        "id": str(fid),
        "versionId": version,
        "amountUSD": amount,
        "flowType": flow_type,
        "status": status,
        "boundary": boundary,
        "onBoundary": on_boundary,
        "date": "2023-05-01T00:00:00Z",
        "sourceObjects": src,
        "destinationObjects": dst,
    }


def _write_page(path: Path, flows, *, count=None, incoming=None, next_link=None) -> Path:
    meta = {"language": "en"}
    if count is not None:
        meta["count"] = count
    if next_link:
        meta["nextLink"] = next_link
    data = {"flows": flows}
    if incoming is not None:
        data["incoming"] = incoming
    path.write_text(json.dumps({"status": 200, "data": data, "meta": meta}), encoding="utf-8")
    return path


_HAND = [
    _api_flow(1, 1000, "Donor A", ["Colombia"], clusters=["Human Trafficking & Smuggling"]),
    _api_flow(
        2,
        500,
        "Donor S",
        ["Peru"],
        clusters=["Human Trafficking & Smuggling"],
        on_boundary="shared",
    ),
    _api_flow(
        3, 300, "Donor P", ["Ecuador"], clusters=["Human Trafficking & Smuggling"], status="pledge"
    ),
    _api_flow(
        4,
        700,
        "Donor O",
        ["Colombia"],
        clusters=["Human Trafficking & Smuggling"],
        boundary="outgoing",
    ),
    _api_flow(
        5,
        200,
        "donor a",
        ["Colombia", "Ecuador"],
        clusters=["Human Trafficking & Smuggling"],
        status="commitment",
    ),
    _api_flow(6, 400, "Donor E", ["Peru"], clusters=["Education"]),
    _api_flow(7, 250, "Donor B", ["Aruba"], clusters=["Human Trafficking & Smuggling"]),
    _api_flow(
        8,
        150,
        "Donor B",
        ["Curaçao"],
        global_clusters=["Protection - Human Trafficking & Smuggling"],
    ),
]


@pytest.fixture(scope="session")
def fts_flow():
    """A function building one flow shaped like a real FTS API page entry:
    `fts_flow(id, amount_usd, donor, [locations], clusters=[...], global_clusters=[...],
    boundary="incoming", on_boundary="single", status="paid", flow_type="Standard",
    version=1)`."""
    return _api_flow


@pytest.fixture(scope="session")
def fts_page():
    """A function writing an FTS API page of flows and returning its path:
    `fts_page(path, flows, count=None, incoming=None, next_link=None)`."""
    return _write_page


@pytest.fixture
def hand_extract() -> list[dict]:
    """The hand-worked FTS extract: eight flows (a fresh copy each test), every expected
    figure in the tests worked out from this table, not from the code:

        id  USD   donor    destination        cluster               boundary/onBoundary status
        1   1000  Donor A  Colombia           HTS (plan cluster)    incoming/single     paid
        2    500  Donor S  Peru               HTS                   incoming/shared     paid
        3    300  Donor P  Ecuador            HTS                   incoming/single     pledge
        4    700  Donor O  Colombia           HTS                   outgoing/single     paid
        5    200  donor a  Colombia + Ecuador HTS                   incoming/single  commitment
        6    400  Donor E  Peru               Education             incoming/single     paid
        7    250  Donor B  Aruba              HTS                   incoming/single     paid
        8    150  Donor B  Curaçao            HTS (global cluster)  incoming/single     paid

    Counted (incoming, single, not a pledge): 1, 5, 6, 7, 8."""
    return copy.deepcopy(_HAND)


@pytest.fixture
def hand_flows(tmp_path, hand_extract) -> pd.DataFrame:
    """The hand-worked extract (`hand_extract`) as one page, loaded by `load_fts`."""
    from helpers.inputs.fts import load_fts

    flows, _findings = load_fts([_write_page(tmp_path / "page-1.json", hand_extract)])
    return flows
