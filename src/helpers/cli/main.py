"""`r4v-report`: validate a dataset, print figures, total and fetch FTS extracts, make the
sample, build."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import __version__
from ..core.errors import InputError
from ..core.i18n import LANGUAGES, SOURCE_LANGUAGE, edition
from ..core.paths import REPORTS_DIR, SAMPLE_DATA

EXIT_INPUT = 2


def _data_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data",
        type=Path,
        default=SAMPLE_DATA,
        help="dataset folder holding dataset.yaml (default: the shipped sample)",
    )


def _retry_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tries", type=int, default=5, help="requests per file at most (default 5)")
    p.add_argument(
        "--backoff",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="first wait before trying again; doubles each time (default 1)",
    )
    p.add_argument(
        "--max-wait",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="longest wait, Retry-After included (default 60)",
    )
    p.add_argument(
        "--timeout", type=float, default=60.0, metavar="SECONDS", help="per request (default 60)"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="r4v-report",
        description="Build the RMRP end-year sector chapter from R4V 5W and OCHA FTS data.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="load a dataset and list its data-quality findings")
    _data_arg(p)
    p.add_argument("--sector", help="sector to check (default: the manifest's)")

    p = sub.add_parser("figures", help="chapter figures for every country, platform, region")
    _data_arg(p)
    p.add_argument("--sector", help="sector (default: the manifest's)")
    p.add_argument(
        "--exact",
        action="store_true",
        help="print exact counts (no small-number suppression): not for publishing",
    )
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="write figures.csv, figures.json and figures.datapackage.json (the Frictionless "
        "data package describing both) into DIR instead of printing one format",
    )
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="the language of the names, notes and warnings, and of the data package's "
        "words (numbers, ids, field names and HXL hashtags are the same in every language)",
    )

    p = sub.add_parser(
        "funding", help="FTS totals of FTS API pages or HDX CSV files (or a fetched folder)"
    )
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--format", choices=["json", "table"], default="table")

    p = sub.add_parser(
        "fetch", help="download funding data (FTS API pages, an HDX CSV) into a folder"
    )
    fetch = p.add_subparsers(dest="source", required=True)
    f = fetch.add_parser(
        "fts",
        help="every page of one FTS flow query, with fetch.json (query, as-of, checksums)",
        description="Fetch every page of one FTS flow query into a folder: page-1.json, "
        "page-2.json, ... as they came, and fetch.json. Run it again with the same folder "
        "and query to finish a fetch that stopped.",
    )
    f.add_argument("--plan", type=int, metavar="ID", help="FTS plan id (planId)")
    f.add_argument("--location", type=int, metavar="ID", help="FTS location id (locationId)")
    f.add_argument("--year", type=int, help="year, with --location")
    f.add_argument("--out", type=Path, required=True, help="folder to fetch into")
    f.add_argument(
        "--api", metavar="URL", help="FTS flow API (default: FTS's public API, see DATA.md)"
    )
    _retry_args(f)
    h = fetch.add_parser("hdx", help="one HDX FTS flows CSV, with fetch.json")
    h.add_argument("--url", required=True, help="the CSV's download address")
    h.add_argument("--out", type=Path, required=True, help="folder to fetch into")
    _retry_args(h)

    p = sub.add_parser("sample", help="write the synthetic sample dataset")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--seed", type=int, default=2023)

    p = sub.add_parser("build", help="render every chapter (papermill) into a reports folder")
    _data_arg(p)
    p.add_argument("--sector", help="sector (default: the manifest's)")
    p.add_argument(
        "--only",
        nargs="+",
        metavar="SCOPE",
        help="scopes to build: region, a platform id, or ISO3 codes",
    )
    p.add_argument("--jobs", type=int, default=None, help="parallel workers (default: cores)")
    p.add_argument("--out", type=Path, default=REPORTS_DIR)
    p.add_argument("--force", action="store_true", help="rebuild chapters even if unchanged")
    p.add_argument(
        "--exact",
        action="store_true",
        help="publish exact figures in CSV/JSON exports (no suppression)",
    )
    p.add_argument(
        "--scheduler", metavar="tcp://HOST:PORT", help="run chapters on a Dask distributed cluster"
    )
    p.add_argument(
        "--no-pdf",
        dest="pdf",
        action="store_false",
        help="skip the PDFs (of every page, and book.pdf): a faster build",
    )
    p.add_argument(
        "--lang",
        action="append",
        metavar="LANG",
        choices=LANGUAGES,
        help="an edition to write (en, es, pt; repeatable; default: the manifest's languages)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except InputError as exc:
        print(f"r4v-report: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("r4v-report: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: say so plainly, traceback on request
        if os.environ.get("R4V_DEBUG"):
            raise
        print(
            f"r4v-report: internal error ({type(exc).__name__}: {exc}). This is a bug in "
            "r4v-report, not in your data; rerun with R4V_DEBUG=1 for the traceback and "
            "report it.",
            file=sys.stderr,
        )
        return 1


def _validate(args) -> int:
    from ..figures.analysis import dataset_findings
    from ..inputs.contracts import broken_contracts
    from ..inputs.dataset import load_dataset

    ds = load_dataset(args.data)
    _sector(ds, args.sector)
    broken = broken_contracts(ds)
    if broken:  # a loader's bug, not the user's data: say so and stop
        print(
            "r4v-report: internal error: the loaded tables break their contracts "
            "(inputs/contracts.py); this is a bug in r4v-report, please report it:\n  "
            + "\n  ".join(broken),
            file=sys.stderr,
        )
        return 1
    findings = dataset_findings(ds, args.sector)
    scope = f"sector '{args.sector}'" if args.sector else "all sectors"
    print(
        f"{ds.name}: {len(ds.activities):,} 5W rows in {ds.manifest.period_start} to "
        f"{ds.manifest.period_end}; checked {scope}"
    )
    for f in findings:
        where = ":".join(str(x) for x in (f.file, f.row) if x is not None) or "dataset"
        column = f" [{f.column}]" if f.column else ""
        print(f"{where}{column} {f.severity} {f.check}: {f.message}")
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.check] = counts.get(f.check, 0) + 1
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"
    print(f"{len(findings)} findings ({summary}); the dataset loads.")
    return 0


def _figures(args) -> int:
    from ..chapter.documents import compute_documents
    from ..chapter.exports import figures_csv, figures_files, to_json
    from ..core.files import write_atomic
    from ..figures.analysis import Analysis
    from ..inputs.dataset import load_dataset

    ds = load_dataset(args.data)
    documents = compute_documents(Analysis(ds, _sector(ds, args.sector)))
    doc = documents.exact if args.exact else documents.published
    sector = doc["sector"]  # as the dataset spells it: the package's name in every edition
    with edition(args.lang):
        if args.lang != SOURCE_LANGUAGE:  # English: the document as computed
            from ..present.edition_exports import edition_figures

            doc = edition_figures(doc)
        if args.out is None:
            sys.stdout.write(figures_csv(doc) if args.format == "csv" else to_json(doc) + "\n")
            return 0
        files = figures_files(doc, exact=args.exact, inputs=ds.inputs, sector=sector)
    for name, data in files.values():
        write_atomic(args.out / name, data)
        print(args.out / name)
    return 0


def _sector(ds, requested: str | None) -> str | None:
    """The sector asked for on the command line, as the dataset spells it; an unknown one
    is an InputError naming the closest known sectors (never a document of zeros)."""
    from ..core.sectors import check_sector
    from ..inputs.dataset import known_sectors

    if not requested:
        return None
    return check_sector(requested, ds.manifest.sector, known_sectors(ds), column="--sector")


def _funding(args) -> int:
    from ..chapter.exports import to_json
    from ..inputs.extract import funding_files
    from ..inputs.fts import fts_totals, load_fts

    flows, _ = load_fts(funding_files(list(args.files)))
    totals = fts_totals(flows)
    if args.format == "json":
        print(to_json(totals))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(
        "destination",
        "fundingTotal (USD)",
        "pledgeTotal (USD)",
        "flowCount",
        title="FTS incoming flows",
    )
    for name, t in sorted(totals["by_location"].items()):
        table.add_row(
            name or "(none)",
            f"{t['fundingTotal']:,.0f}",
            f"{t['pledgeTotal']:,.0f}",
            str(t["flowCount"]),
        )
    table.add_row(
        "[bold]all[/bold]",
        f"{totals['fundingTotal']:,.0f}",
        f"{totals['pledgeTotal']:,.0f}",
        str(totals["flowCount"]),
    )
    Console().print(table)
    print(f"fundingTotal {totals['fundingTotal']:.0f}")
    print(f"pledgeTotal {totals['pledgeTotal']:.0f}")
    print(f"flowCount {totals['flowCount']}")
    return 0


def _fetch(args) -> int:
    from ..inputs import fetch

    retry = fetch.Retry(args.tries, args.backoff, args.max_wait, args.timeout)

    def say(line: str) -> None:
        print(line, flush=True)

    if args.source == "fts":
        parameters = fetch.fts_parameters(args.plan, args.location, args.year)
        record = fetch.fetch_fts(
            args.out, parameters, api=args.api or fetch.FTS_API, retry=retry, say=say
        )
        print(
            f"fetched {len(record.files)} page(s), {record.flows} flows (meta.count "
            f"{record.count}) into {args.out}, as of {record.as_of}"
        )
    else:
        record = fetch.fetch_hdx(args.url, args.out, retry=retry, say=say)
        print(f"fetched {record.files[0]['file']} into {args.out}, as of {record.as_of}")
    return 0


def _sample(args) -> int:
    from ..sample.generate import generate_sample

    manifest = generate_sample(args.out, seed=args.seed)
    print(f"wrote {manifest}")
    return 0


def _build(args) -> int:
    from ..batch.build import build_command

    return build_command(args)


_COMMANDS = {
    "validate": _validate,
    "figures": _figures,
    "funding": _funding,
    "fetch": _fetch,
    "sample": _sample,
    "build": _build,
}

if __name__ == "__main__":
    sys.exit(main())
