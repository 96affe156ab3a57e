"""Fetching funding data from its sources: FTS API pages, or one HDX CSV, into a folder.

DATA.md ("Fetching from the sources"): a fetch writes what it received exactly as it came,
with a record (`fetch.json`, inputs/extract.py) of what was asked, when, and each file's
checksum, so that a build can be reproduced offline from the folder. So:

- every file is written whole or not at all (`core.files.write_atomic`), and the record is
  rewritten after each page: a fetch stopped half-way leaves complete pages and a record
  that says it is incomplete (a dataset refuses it);
- failures that may pass (HTTP 429 and 5xx, a dropped connection, a timeout, a page that
  is not complete JSON with `data.flows`) are tried again after an exponential wait
  (Retry-After honoured, up to `Retry.max_wait`); after the last try the fetch stops with
  an InputError naming the URL and what happened; other HTTP errors stop at once;
- the flows received must add up to FTS's `meta.count`, or nothing is claimed complete;
- run again with the same folder and query, a fetch keeps the pages already written
  (checksums as recorded) and fetches only the rest; another query into a folder that
  holds anything is refused rather than mixing two extracts.

Only stdlib `urllib`: one GET at a time, no session state to go stale between retries.
"""

from __future__ import annotations

import email.utils
import hashlib
import http.client
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from ..core.checksums import sha256
from ..core.errors import InputError
from ..core.files import write_atomic
from ..core.names import fold
from .extract import RECORD_NAME, FetchRecord, parse_record

FTS_API = "https://api.hpc.tools/v1/public/fts/flow"
"""FTS's public flow API (DATA.md); `--api` points a fetch elsewhere (a mirror, a test)."""
MAX_PAGES = 10_000
"""More pages than any FTS query has: a `nextLink` that never ends is a fault, not data."""
_HDX_NAME = re.compile(r"^[\w][\w.-]*\.csv$", re.I)
_HDX_REQUIRED = ("id", "amountUSD")  # inputs/fts.py needs these (and reads the rest)


@dataclass(frozen=True)
class Retry:
    """How hard a fetch tries: `tries` requests per file at most; waits of `backoff`
    seconds, doubled after each failure (or what Retry-After asks), never more than
    `max_wait`; `timeout` seconds for one request. Tests make the waits tiny."""

    tries: int = 5
    backoff: float = 1.0
    max_wait: float = 60.0
    timeout: float = 60.0

    def __post_init__(self) -> None:
        if not isinstance(self.tries, int) or self.tries < 1:
            raise InputError(f"--tries must be at least 1, not {self.tries}", column="--tries")
        for name in ("backoff", "max_wait", "timeout"):
            value = getattr(self, name)
            if not value >= 0 or (name == "timeout" and value == 0):
                raise InputError(
                    f"--{name.replace('_', '-')} must be a positive number of seconds, not {value}",
                    column=f"--{name.replace('_', '-')}",
                )

    def wait(self, failures: int, retry_after: float | None) -> float:
        """Seconds to wait after the n-th failure in a row."""
        wanted = retry_after if retry_after is not None else self.backoff * 2 ** (failures - 1)
        return max(0.0, min(self.max_wait, wanted))


class _Passing(Exception):
    """A failure that may pass: worth another try (`what` says what happened)."""

    def __init__(self, what: str, retry_after: float | None = None):
        super().__init__(what)
        self.what = what
        self.retry_after = retry_after


# ---------------------------------------------------------------- one GET, tried again


def _now() -> str:
    """The time now in UTC, ISO 8601 to the second (`2026-11-28T09:15:02Z`)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number, or an HTTP date); None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _snippet(body: bytes) -> str:
    """The start of an error answer, on one line (FTS says why in its JSON)."""
    text = " ".join(body[:300].decode("utf-8", "replace").split())
    return f": {text[:200]}" if text else ""


def _check_url(url: str, what: str) -> str:
    """Only http(s) addresses are fetched (urllib would open file: and ftp: too)."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https") or not urllib.parse.urlsplit(url).netloc:
        raise InputError(f"{what} is not an http(s) address: {url!r}", expected="https://host/path")
    return url


def _get_once(url: str, timeout: float) -> bytes:
    """One GET: the body, or _Passing for a failure worth another try, or InputError."""
    request = urllib.request.Request(
        url,
        headers={"User-Agent": f"r4v-report/{__version__}", "Accept": "application/json, */*"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as e:
        status = f"HTTP {e.code} {e.reason}".rstrip()
        if e.code == 429 or e.code >= 500:
            raise _Passing(status, _retry_after(e.headers.get("Retry-After"))) from e
        try:
            body = e.read()
        except (OSError, http.client.HTTPException):
            body = b""
        raise InputError(f"the server answered {status}{_snippet(body)}", file=url) from e
    except TimeoutError as e:
        raise _Passing(f"no answer within {timeout:g} s") from e
    except urllib.error.URLError as e:
        if isinstance(e.reason, TimeoutError):
            raise _Passing(f"no answer within {timeout:g} s") from e
        raise _Passing(f"cannot connect ({e.reason})") from e
    except (ValueError, http.client.InvalidURL) as e:  # a port that is not a number, say
        raise InputError(f"not a usable address ({e})", file=url) from e
    except (http.client.HTTPException, ConnectionError) as e:
        reason = str(e) or type(e).__name__
        raise _Passing(f"the connection was dropped ({type(e).__name__}: {reason})") from e


def get(
    url: str,
    retry: Retry,
    check: Callable[[bytes], object] | None = None,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[bytes, object]:
    """GET `url` until it answers with a body `check` accepts (check raises _Passing for a
    broken one), trying again as `retry` says; (body, what check returned). After the last
    try, an InputError naming the URL and what happened."""
    failures = 0
    while True:
        try:
            body = _get_once(url, retry.timeout)
            return body, (check(body) if check else None)
        except _Passing as e:
            failures += 1
            if failures >= retry.tries:
                tries = "1 try" if retry.tries == 1 else f"{retry.tries} tries"
                raise InputError(f"{e.what}; gave up after {tries}", file=url) from None
            sleep(retry.wait(failures, e.retry_after))


# ---------------------------------------------------------------- FTS pages


def fts_parameters(plan: int | None, location: int | None, year: int | None) -> dict[str, str]:
    """The FTS API's query parameters: planId, or locationId and year."""
    if plan is not None and (location is not None or year is not None):
        raise InputError("--plan goes alone, not with --location or --year", column="--plan")
    if plan is not None:
        return {"planId": str(plan)}
    if location is None or year is None:
        raise InputError(
            "FTS needs --plan ID, or --location ID with --year YEAR",
            column="--location" if location is None else "--year",
        )
    return {"locationId": str(location), "year": str(year)}


def _first_url(api: str, parameters: dict[str, str]) -> str:
    """The first page's URL: the API address with the query's parameters added."""
    parts = urllib.parse.urlsplit(api)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    query += list(parameters.items())
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def fts_page(body: bytes) -> dict:
    """What a page must be to be kept: complete JSON with a `data.flows` list and a whole
    `meta.count`; a _Passing (so tried again) otherwise. Returns the parsed page."""
    try:
        doc = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise _Passing("the page is not UTF-8 text") from e
    except json.JSONDecodeError as e:
        raise _Passing(
            f"the page is not complete JSON ({e.msg} at line {e.lineno}, column {e.colno})"
        ) from e
    data = doc.get("data") if isinstance(doc, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("flows"), list):
        raise _Passing("the page has no data.flows list")
    meta = doc.get("meta")
    count = meta.get("count") if isinstance(meta, dict) else None
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise _Passing("the page has no meta.count")
    link = meta.get("nextLink")
    if link is not None and not isinstance(link, str):
        raise _Passing("the page's meta.nextLink is not an address")
    return doc


def fetch_fts(
    out: Path,
    parameters: dict[str, str],
    *,
    api: str = FTS_API,
    retry: Retry | None = None,
    say: Callable[[str], None] = lambda line: None,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchRecord:
    """Fetch every page of one FTS flow query into `out` (page-1.json, page-2.json, ... and
    fetch.json), resuming a fetch of the same query that stopped; the record written."""
    retry = retry or Retry()
    query = {"api": _check_url(api, "--api"), "parameters": dict(parameters)}
    out = Path(out)
    record = _start(out, "fts", query)
    kept = _kept_pages(out, record)
    if len(kept) < len(record.files):
        record.files = record.files[: len(kept)]
        record.complete = False
    for entry in record.files:
        say(f"{entry['file']}: already fetched ({entry['flows']} flows)")
    docs = kept
    url = _first_url(api, parameters) if not docs else docs[-1]["meta"].get("nextLink")
    seen = {entry["url"] for entry in record.files}
    while url:
        if url in seen or len(docs) >= MAX_PAGES:
            raise InputError(
                "meta.nextLink leads back to a page already fetched; the extract would never end",
                file=url,
            )
        seen.add(_check_url(url, "meta.nextLink"))
        body, doc = get(url, retry, fts_page, sleep=sleep)
        name = f"page-{len(docs) + 1}.json"
        write_atomic(out / name, body)
        flows = len(doc["data"]["flows"])
        record.files.append(
            {
                "file": name,
                "url": url,
                "sha256": _sha256_bytes(body),
                "bytes": len(body),
                "flows": flows,
                "count": doc["meta"]["count"],
                "fetched_at": _now(),
            }
        )
        docs.append(doc)
        _write_record(out, record)
        say(f"{name}: {flows} flows")
        url = doc["meta"].get("nextLink")
    return _finish(out, record)


def _sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _kept_pages(out: Path, record: FetchRecord) -> list[dict]:
    """The parsed pages of an earlier run that are still as fetched (file present, sha256
    as recorded, a whole page), up to the first that is not: the fetch goes on from there."""
    docs = []
    for entry in record.files:
        path = out / entry["file"]
        if not path.is_file() or sha256(path) != entry["sha256"]:
            break
        try:
            docs.append(fts_page(path.read_bytes()))
        except _Passing:
            break
    return docs


def _finish(out: Path, record: FetchRecord) -> FetchRecord:
    """Check the pages against FTS's own count, then mark the record complete."""
    counts = sorted({entry.get("count") for entry in record.files}, key=str)
    received = sum(entry["flows"] for entry in record.files)
    record.flows = received
    record.count = counts[0] if len(counts) == 1 else None
    if len(counts) != 1:
        _write_record(out, record)
        raise InputError(
            "the pages disagree on meta.count (" + ", ".join(map(str, counts)) + "): the "
            "extract changed while it was fetched; fetch again into an empty folder",
            file=out / RECORD_NAME,
        )
    if received != record.count:
        _write_record(out, record)
        raise InputError(
            f"received {received} flows in {len(record.files)} page(s), but FTS's meta.count "
            f"says {record.count}: the extract is not complete; fetch again into an empty "
            "folder",
            file=out / RECORD_NAME,
        )
    record.complete = True
    record.as_of = min(entry["fetched_at"] for entry in record.files)
    _write_record(out, record)
    return record


# ---------------------------------------------------------------- HDX CSV


def hdx_csv(body: bytes) -> None:
    """What an HDX download must be to be kept: UTF-8 text whose header names FTS flow
    columns (an HTML error page, say, is not); a _Passing (so tried again) otherwise."""
    try:
        header_line = body.split(b"\n", 1)[0].decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _Passing("the file is not UTF-8 text") from e
    header = {fold(c.strip().strip('"')) for c in header_line.split(",")}
    missing = [c for c in _HDX_REQUIRED if fold(c) not in header]
    if missing:
        raise _Passing(f"the file is not an HDX FTS flows CSV (no {', '.join(missing)} column)")


def fetch_hdx(
    url: str,
    out: Path,
    *,
    retry: Retry | None = None,
    say: Callable[[str], None] = lambda line: None,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchRecord:
    """Fetch one HDX FTS flows CSV into `out` (named as in the URL, else hdx.csv) with its
    fetch.json; a complete fetch of the same URL is kept as it is."""
    retry = retry or Retry()
    query = {"url": _check_url(url, "--url")}
    out = Path(out)
    record = _start(out, "hdx", query)
    if record.complete and record.files and _kept_file(out, record.files[0]):
        say(f"{record.files[0]['file']}: already fetched")
        return record
    name = urllib.parse.unquote(urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1])
    name = name if _HDX_NAME.match(name) else "hdx.csv"
    body, _ = get(url, retry, hdx_csv, sleep=sleep)
    write_atomic(out / name, body)
    now = _now()
    record.files = [{"file": name, "url": url, "sha256": _sha256_bytes(body), "bytes": len(body)}]
    record.files[0]["fetched_at"] = now
    record.complete, record.as_of = True, now
    _write_record(out, record)
    say(f"{name}: {len(body):,} bytes")
    return record


def _kept_file(out: Path, entry: dict) -> bool:
    path = out / entry["file"]
    return path.is_file() and sha256(path) == entry["sha256"]


# ---------------------------------------------------------------- the folder and its record


def _start(out: Path, source: str, query: dict) -> FetchRecord:
    """The record to go on with: the folder's own when it holds a fetch of the same query,
    a new one when the folder is empty or new; an InputError when it holds anything else
    (two extracts are never mixed in one folder)."""
    if out.exists() and not out.is_dir():
        raise InputError("is a file, not a folder", file=out, expected="a folder to fetch into")
    out.mkdir(parents=True, exist_ok=True)
    path = out / RECORD_NAME
    if path.is_file():
        try:
            record = parse_record(path.read_text(encoding="utf-8"), path)
        except (InputError, UnicodeDecodeError) as e:
            raise InputError(
                f"holds a {RECORD_NAME} that cannot be read; fetch into an empty folder",
                file=out,
            ) from e
        if (record.source, record.query) != (source, query) and not _only_record(out, record):
            raise InputError(
                f"holds another fetch ({record.source} {_shown_query(record.query)}); fetch "
                "into an empty folder, or repeat that query to finish it",
                file=out,
            )
        if (record.source, record.query) == (source, query):
            return record
    others = sorted(
        p.name for p in out.iterdir() if not _leftover(p.name) and p.name != RECORD_NAME
    )
    if others:
        raise InputError(
            f"is not empty ({', '.join(others[:3])}{', ...' if len(others) > 3 else ''}) and "
            f"holds no {RECORD_NAME}; fetch into an empty folder",
            file=out,
        )
    record = FetchRecord(source=source, query=query, as_of=None, complete=False)
    _write_record(out, record)
    return record


def _only_record(out: Path, record: FetchRecord) -> bool:
    """A record of a fetch that stopped before its first file, alone in its folder: the
    folder is as good as empty."""
    return not record.files and all(
        _leftover(p.name) or p.name == RECORD_NAME for p in out.iterdir()
    )


def _leftover(name: str) -> bool:
    """A temporary file `write_atomic` left when a fetch was killed mid-write."""
    return name.startswith(".") and name.endswith(".tmp")


def _shown_query(query: dict) -> str:
    params = query.get("parameters")
    if isinstance(params, dict):
        return "&".join(f"{k}={v}" for k, v in params.items()) or "(no parameters)"
    return str(query.get("url", query))


def _write_record(out: Path, record: FetchRecord) -> None:
    """fetch.json, whole or not at all."""
    doc = {"fetched_by": f"r4v-report {__version__}", **record.as_json()}
    write_atomic(out / RECORD_NAME, (json.dumps(doc, indent=1) + "\n").encode("utf-8"))
