"""`r4v-report fetch`: FTS pages and an HDX CSV fetched into a folder as they came, with
fetch.json; failures that may pass tried again, those that do not named; a stopped fetch
finished without fetching twice; a fetched folder read back by the loader and the manifest.

Every request goes to a loopback server (`fts_replay`, tests/conftest.py) replaying the
three real FTS pages of ../shared/data/fts; nothing reaches the internet.
"""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from helpers.cli.main import EXIT_INPUT, main
from helpers.core.errors import InputError
from helpers.inputs import fetch
from helpers.inputs.extract import RECORD_NAME, funding_files, read_record
from helpers.inputs.fts import fts_totals, load_fts
from helpers.inputs.manifest import read_manifest

LOCATION_2020 = {"locationId": "114", "year": "2020"}
FAST = fetch.Retry(tries=3, backoff=0.001, max_wait=0.01, timeout=5)


def _fetch(server, out, retry=FAST, **kw):
    return fetch.fetch_fts(
        out, LOCATION_2020, api=server.base + "/v1/public/fts/flow", retry=retry, **kw
    )


def _cli(server, out, *extra):
    """argv of `r4v-report fetch fts` against the loopback server, waits made tiny."""
    return [
        "fetch", "fts", "--location", "114", "--year", "2020", "--out", str(out),
        "--api", server.base + "/v1/public/fts/flow",
        "--tries", "3", "--backoff", "0.001", "--max-wait", "0.01", *extra,
    ]  # fmt: skip


def _totals(folder):
    flows, _ = load_fts(funding_files([folder]))
    return fts_totals(flows)


# ---------------------------------------------------------------- a whole fetch


def test_full_fetch_writes_the_pages_as_they_came(fts_replay, tmp_path):
    out = tmp_path / "fts"
    record = _fetch(fts_replay, out)
    assert fts_replay.requests == fts_replay.pages
    assert [e["file"] for e in record.files] == ["page-1.json", "page-2.json", "page-3.json"]
    assert record.complete and record.count == 478 and record.flows == 478
    for entry, target in zip(record.files, fts_replay.pages, strict=True):
        body = fts_replay.bodies[target]
        assert (out / entry["file"]).read_bytes() == body  # the bytes received
        assert entry["url"] == fts_replay.base + target
        assert entry["sha256"] == hashlib.sha256(body).hexdigest()
    saved = json.loads((out / RECORD_NAME).read_text(encoding="utf-8"))
    assert saved["query"] == {
        "api": fts_replay.base + "/v1/public/fts/flow",
        "parameters": LOCATION_2020,
    }
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", saved["as_of"])
    assert saved["complete"] is True and saved["count"] == 478
    assert sorted(p.name for p in out.iterdir()) == [
        "fetch.json",
        "page-1.json",
        "page-2.json",
        "page-3.json",
    ]


def test_fetched_folder_reproduces_fts_own_totals(fts_replay, tmp_path):
    _fetch(fts_replay, tmp_path / "fts")
    totals = _totals(tmp_path / "fts")
    assert totals["fundingTotal"] == 714246261
    assert totals["pledgeTotal"] == 81128


def test_cli_fetch_prints_what_it_did(fts_replay, tmp_path, capsys):
    assert main(_cli(fts_replay, tmp_path / "fts")) == 0
    out = capsys.readouterr().out
    assert "page-3.json: 78 flows" in out
    assert "3 page(s), 478 flows (meta.count 478)" in out


# ---------------------------------------------------------------- failures that pass


@pytest.mark.parametrize("fault", ["429", "500", "drop", "truncate", "cut", "slow"])
def test_a_failure_that_passes_is_tried_again(fault, fts_replay, tmp_path):
    page_2 = fts_replay.pages[1]
    fts_replay.faults[page_2] = [fault]
    fts_replay.slow_seconds = 3.0
    # a timeout well above a loopback page on a busy machine (a 0.3 s one timed out other
    # pages under a parallel suite), well below the slow page
    retry = fetch.Retry(tries=3, backoff=0.001, max_wait=0.01, timeout=1.0)
    waits = []
    record = _fetch(fts_replay, tmp_path / "fts", retry=retry, sleep=waits.append)
    assert fts_replay.requests.count(page_2) == 2
    assert len(waits) == 1 and waits[0] <= 0.01
    assert record.complete and record.flows == 478
    assert (tmp_path / "fts" / "page-2.json").read_bytes() == fts_replay.bodies[page_2]
    assert _totals(tmp_path / "fts")["fundingTotal"] == 714246261


def test_the_wait_a_429_asks_for_is_honoured(fts_replay, tmp_path):
    fts_replay.faults[fts_replay.pages[0]] = ["429"]
    fts_replay.retry_after = "7"
    waits = []
    _fetch(fts_replay, tmp_path / "fts", retry=fetch.Retry(backoff=0.5), sleep=waits.append)
    assert waits == [7.0]


def test_retry_after_is_honoured_and_backoff_doubles():
    retry = fetch.Retry(tries=5, backoff=1.0, max_wait=60)
    assert [retry.wait(n, None) for n in (1, 2, 3)] == [1.0, 2.0, 4.0]
    assert retry.wait(1, 7.0) == 7.0  # what the server asks
    assert retry.wait(9, None) == 60  # never past max_wait
    assert fetch._retry_after("12") == 12.0
    assert fetch._retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # a date past
    assert fetch._retry_after(None) is None


def test_the_last_try_fails_with_one_clear_line(fts_replay, tmp_path, capsys):
    page_2 = fts_replay.pages[1]
    fts_replay.faults[page_2] = ["500", "500", "500"]
    code = main(_cli(fts_replay, tmp_path / "fts"))
    err = capsys.readouterr().err
    assert code == EXIT_INPUT
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"r4v-report: error: {fts_replay.base}{page_2}: HTTP 500")
    assert "gave up after 3 tries" in err
    # the complete page stays, the record says the fetch is not complete
    saved = json.loads((tmp_path / "fts" / RECORD_NAME).read_text(encoding="utf-8"))
    assert saved["complete"] is False and [e["file"] for e in saved["files"]] == ["page-1.json"]
    assert not (tmp_path / "fts" / "page-2.json").exists()


def test_a_page_that_stays_broken_is_never_written(fts_replay, tmp_path):
    fts_replay.faults[fts_replay.pages[2]] = ["truncate"] * 3
    with pytest.raises(InputError, match="not complete JSON .*gave up after 3 tries"):
        _fetch(fts_replay, tmp_path / "fts")
    assert not (tmp_path / "fts" / "page-3.json").exists()


def test_an_error_that_will_not_pass_is_not_tried_again(fts_replay, tmp_path):
    fts_replay.faults[fts_replay.pages[0]] = ["404"]
    with pytest.raises(InputError, match="HTTP 404"):
        _fetch(fts_replay, tmp_path / "fts")
    assert len(fts_replay.requests) == 1


def test_an_unreachable_server_is_named(tmp_path):
    with pytest.raises(InputError, match=r"127\.0\.0\.1:9/.*cannot connect.*gave up after 2"):
        fetch.fetch_fts(
            tmp_path / "fts",
            LOCATION_2020,
            api="http://127.0.0.1:9/v1/public/fts/flow",  # the discard port: nobody there
            retry=fetch.Retry(tries=2, backoff=0, timeout=2),
        )


# ---------------------------------------------------------------- stopping and going on


def test_a_stopped_fetch_fetches_only_the_missing_pages(fts_replay, tmp_path):
    out = tmp_path / "fts"
    fts_replay.faults[fts_replay.pages[2]] = ["500"] * 3
    with pytest.raises(InputError):
        _fetch(fts_replay, out)
    with pytest.raises(InputError, match="not complete"):
        read_record(out)  # a dataset would refuse it
    fts_replay.requests.clear()
    record = _fetch(fts_replay, out)
    assert fts_replay.requests == [fts_replay.pages[2]]
    assert record.complete and record.flows == 478
    assert _totals(out)["fundingTotal"] == 714246261


def test_a_damaged_page_is_fetched_again(fts_replay, tmp_path):
    out = tmp_path / "fts"
    _fetch(fts_replay, out)
    (out / "page-2.json").write_bytes(b'{"data": {"flo')
    fts_replay.requests.clear()
    record = _fetch(fts_replay, out)
    assert fts_replay.requests == fts_replay.pages[1:]
    assert record.complete
    assert (out / "page-2.json").read_bytes() == fts_replay.bodies[fts_replay.pages[1]]


def test_a_complete_fetch_run_again_fetches_nothing(fts_replay, tmp_path):
    first = _fetch(fts_replay, tmp_path / "fts")
    fts_replay.requests.clear()
    again = _fetch(fts_replay, tmp_path / "fts")
    assert fts_replay.requests == []
    assert again.as_of == first.as_of and again.files == first.files


def test_another_query_into_the_folder_is_refused(fts_replay, tmp_path):
    out = tmp_path / "fts"
    _fetch(fts_replay, out)
    with pytest.raises(InputError, match="holds another fetch .*locationId=114&year=2020"):
        fetch.fetch_fts(out, {"planId": "943"}, api=fts_replay.base + "/v1/public/fts/flow")
    with pytest.raises(InputError, match="holds another fetch"):
        fetch.fetch_hdx(fts_replay.base + "/hdx/hdx_incoming_funding_jor.csv", out)
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match=r"is not empty \(notes.txt\) and holds no fetch.json"):
        _fetch(fts_replay, other)
    assert fts_replay.requests == fts_replay.pages  # nothing asked for the refused ones


# ---------------------------------------------------------------- the count


def _recount(server, counts):
    for target, count in zip(server.pages, counts, strict=True):
        server.bodies[target] = server.bodies[target].replace(
            b'"count": 478', f'"count": {count}'.encode()
        )


def test_flows_short_of_meta_count_are_an_error(fts_replay, tmp_path):
    _recount(fts_replay, [480, 480, 480])
    with pytest.raises(InputError, match="received 478 flows in 3 page.*meta.count says 480"):
        _fetch(fts_replay, tmp_path / "fts")
    saved = json.loads((tmp_path / "fts" / RECORD_NAME).read_text(encoding="utf-8"))
    assert saved["complete"] is False


def test_pages_that_disagree_on_meta_count_are_an_error(fts_replay, tmp_path):
    _recount(fts_replay, [478, 478, 479])
    with pytest.raises(InputError, match=r"disagree on meta.count \(478, 479\)"):
        _fetch(fts_replay, tmp_path / "fts")


def test_a_next_link_going_round_in_circles_is_an_error(fts_replay, tmp_path):
    page_2 = fts_replay.pages[1]
    body = fts_replay.bodies[page_2]
    fts_replay.bodies[page_2] = body.replace(b"&page=3", b"&page=2")
    with pytest.raises(InputError, match="leads back to a page already fetched"):
        _fetch(fts_replay, tmp_path / "fts")


# ---------------------------------------------------------------- the query


@pytest.mark.parametrize(
    "plan,location,year,expected",
    [
        (943, None, None, {"planId": "943"}),
        (None, 114, 2020, {"locationId": "114", "year": "2020"}),
    ],
)
def test_fts_parameters(plan, location, year, expected):
    assert fetch.fts_parameters(plan, location, year) == expected


@pytest.mark.parametrize(
    "argv,message",
    [
        (["--location", "114"], "FTS needs --plan ID, or --location ID with --year YEAR"),
        (["--plan", "1", "--year", "2020"], "--plan goes alone"),
        (["--plan", "1", "--api", "file:///etc/passwd"], "--api is not an http(s) address"),
        (["--plan", "1", "--tries", "0"], "--tries must be at least 1"),
        (["--plan", "1", "--api", "http://127.0.0.1:port/"], "not a usable address"),
    ],
)
def test_bad_options_exit_2(argv, message, tmp_path, capsys):
    code = main(["fetch", "fts", "--out", str(tmp_path / "fts"), *argv])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT and message in err and err.count("\n") == 1


# ---------------------------------------------------------------- HDX


def test_fetch_hdx(fts_replay, tmp_path, shared_data, capsys):
    url = fts_replay.base + "/hdx/hdx_incoming_funding_jor.csv"
    fts_replay.faults["/hdx/hdx_incoming_funding_jor.csv"] = ["500", "drop"]
    argv = ["fetch", "hdx", "--url", url, "--out", str(tmp_path / "hdx"), "--backoff", "0"]
    assert main(argv) == 0
    assert "hdx_incoming_funding_jor.csv" in capsys.readouterr().out
    real = shared_data / "fts" / "hdx_incoming_funding_jor.csv"
    assert (tmp_path / "hdx" / real.name).read_bytes() == real.read_bytes()
    record = read_record(tmp_path / "hdx")
    assert record.source == "hdx" and record.query == {"url": url}
    assert record.files[0]["sha256"] == hashlib.sha256(real.read_bytes()).hexdigest()
    ours, _ = load_fts(funding_files([tmp_path / "hdx"]))
    theirs, _ = load_fts([real])
    assert ours.equals(theirs)
    # run again: nothing fetched
    fts_replay.requests.clear()
    assert main(argv) == 0 and fts_replay.requests == []


def test_fetch_hdx_refuses_what_is_not_a_flows_csv(replay_server, tmp_path):
    replay_server.bodies["/x.csv"] = b"<html><body>Maintenance</body></html>"
    with pytest.raises(InputError, match="not an HDX FTS flows CSV"):
        fetch.fetch_hdx(replay_server.base + "/x.csv", tmp_path / "hdx", retry=FAST)
    assert not (tmp_path / "hdx" / "x.csv").exists()


# ---------------------------------------------------------------- the manifest and the loader

MANIFEST = (
    "period: {start: 2020-01, end: 2020-12}\nactivities: a.csv\nindicators: i.csv\nfunding: fts/\n"
)


def test_manifest_takes_the_as_of_date_from_fetch_json(fts_replay, tmp_path, make_dataset):
    d = make_dataset(tmp_path / "ds", {"a.csv": "x", "i.csv": "x"}, MANIFEST)
    record = _fetch(fts_replay, d / "fts")
    m = read_manifest(d)
    assert m.as_of["funding"] == record.as_of[:10]
    (d / "dataset.yaml").write_text(MANIFEST + "as_of: {funding: 2021-03-01}\n", "utf-8")
    assert read_manifest(d).as_of["funding"] == "2021-03-01"  # the manifest's own wins


@pytest.mark.parametrize(
    "damage,message",
    [
        ("no record", "'funding' names a folder without fetch.json: fts"),
        ("incomplete", "fts/fetch.json: the fetch is not complete"),
        ("page gone", "fts/fetch.json: lists page-2.json, which is not in the folder"),
    ],
)
def test_manifest_refuses_a_folder_that_is_not_a_complete_fetch(
    damage, message, fts_replay, tmp_path, make_dataset
):
    d = make_dataset(tmp_path / "ds", {"a.csv": "x", "i.csv": "x"}, MANIFEST)
    _fetch(fts_replay, d / "fts")
    if damage == "no record":
        (d / "fts" / RECORD_NAME).unlink()
    elif damage == "incomplete":
        saved = json.loads((d / "fts" / RECORD_NAME).read_text(encoding="utf-8"))
        (d / "fts" / RECORD_NAME).write_text(json.dumps({**saved, "complete": False}), "utf-8")
    else:
        (d / "fts" / "page-2.json").unlink()
    with pytest.raises(InputError) as err:
        read_manifest(d)
    assert message in str(err.value)


def test_an_edited_page_is_refused(fts_replay, tmp_path):
    _fetch(fts_replay, tmp_path / "fts")
    page = tmp_path / "fts" / "page-3.json"
    page.write_bytes(page.read_bytes().replace(b'"amountUSD": 0', b'"amountUSD": 1', 1))
    with pytest.raises(InputError, match="page-3.json is not the file that was fetched"):
        funding_files([tmp_path / "fts"])


def test_funding_command_reads_a_fetched_folder(fts_replay, tmp_path, capsys):
    _fetch(fts_replay, tmp_path / "fts")
    assert main(["funding", str(tmp_path / "fts"), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["fundingTotal"] == 714246261
