"""The reports folder's front page: every chapter with its key figures and links.

One self-contained HTML file (`index.html`: inline style, no script, no external
resource), every text escaped. It is written from the build state (`.build-state.json`),
so a chapter that was not rebuilt keeps its figures and a chapter that failed in this
build says so, with its error, and links to its previous version when there is one.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

from ..core import geography
from ..core.files import write_atomic
from ..figures.document import reached_headline

INDEX_NAME = "index.html"
FILE_NAMES = {
    "chapter": "{scope}.html",
    "annex": "{scope}-annex.html",
    "pdf": "{scope}.pdf",
    "csv": "{scope}.csv",
    "json": "{scope}.json",
}
"""A chapter's published files (render.page_names; the PDF is the PDF step's, linked when it
is there)."""

_CSS = """
:root { --ink: #222; --muted: #555; --line: #ddd; --accent: #0072B2; --bad: #B03A00; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 78rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
p.meta { color: var(--muted); margin: .2rem 0; }
.banner { background: #FFF4D6; border: 1px solid #E6C36A; padding: .5rem .8rem;
          margin: 1rem 0; border-radius: 4px; }
.failed-note { background: #FBE9E2; border: 1px solid #E3A58C; padding: .5rem .8rem;
               margin: 1rem 0; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { text-align: left; font-weight: 600; font-size: .85rem; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
a { color: var(--accent); }
.status-failed { color: var(--bad); font-weight: 600; }
.status-ok { color: #1A7A3A; }
.small { font-size: .85rem; color: var(--muted); }
.warning { font-size: .85rem; color: var(--bad); margin-top: .2rem; }
footer { margin-top: 2rem; font-size: .85rem; color: var(--muted); }
.table-scroll { overflow-x: auto; max-width: 100%; }
tr.level-1 td:first-child { padding-left: 1.5rem; }
tr.group th { font-size: 1rem; color: var(--ink); padding-top: 1.2rem;
               border-bottom: 2px solid var(--ink); }
@media (max-width: 30rem) { body { padding: 1rem .75rem; } }
"""

_CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
    "form-action 'none'"
)

STATUS_TEXT = {
    "built": "built",
    "unchanged": "unchanged",
    "failed": "failed",
    "not built": "not built",
}


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _href(name: str) -> str:
    return _e(quote(name))


def _key_figures(figures: dict | None) -> dict:
    """The scope's key figures, whatever wrapper the chapter returned them in."""
    if not figures:
        return {}
    return figures.get("key_figures", figures) if isinstance(figures, dict) else {}


def _headline(kf: dict) -> str:
    """People reached as the index prints it: "not reported" for a scope without counted
    rows (its `no_rows` warning says why, under it)."""
    from .formatting import fmt_people

    if any(w.get("code") == "no_rows" for w in kf.get("warnings") or []):
        return "not reported"
    reached = kf.get("reached")
    return fmt_people(reached_headline(reached) if isinstance(reached, dict) else reached)


def _warnings(kf: dict) -> str:
    """The scope's warnings, in words, under its row (METHOD.md: they travel with it)."""
    from ..figures.warnings import english

    items = list(kf.get("warnings") or [])
    if not items:
        return ""
    return "".join(
        f"<div class='warning' data-warning='{_e(w['code'])}'>⚠ {_e(english(w))}</div>"
        for w in items
    )


def _partners(kf: dict) -> str:
    from .formatting import fmt_people

    implementing = kf.get("implementing_partners")
    led = kf.get("refugee_migrant_led_partners")
    text = _e(fmt_people(implementing))
    if not implementing:  # no implementing partner: nothing to say of them
        return text
    if led is None:
        text += "<div class='small'>refugee- and migrant-led: not reported</div>"
    elif led == 1:
        text += "<div class='small'>including 1 refugee- and migrant-led</div>"
    elif led:
        text += f"<div class='small'>including {_e(fmt_people(led))} refugee- and migrant-led</div>"
    return text


def _row(scope: str, record: dict | None, outcome: str, out_dir: Path, depth: int = 0) -> str:
    from .formatting import fmt_people, fmt_percent, fmt_usd

    name = "Regional overview" if scope == geography.REGION else geography.scope_name(scope)
    record = record or {}
    kf = _key_figures(record.get("figures"))
    files = record.get("files") or {}
    html_name = f"{scope}.html"
    has_page = html_name in files and (out_dir / html_name).is_file()
    if has_page and outcome != "failed":
        title = f'<a href="{_href(html_name)}">{_e(name)}</a>'
    else:
        title = _e(name)
    labels = {"chapter": "Chapter", "annex": "Annex", "pdf": "PDF", "csv": "CSV", "json": "JSON"}
    names = {kind: FILE_NAMES[kind].format(scope=scope) for kind in labels}
    downloads = " · ".join(
        f'<a href="{_href(names[kind])}">{label}</a>'
        for kind, label in labels.items()
        if (names[kind] in files or kind == "pdf") and (out_dir / names[kind]).is_file()
    )
    status_class = {"failed": "status-failed", "built": "status-ok"}.get(outcome, "small")
    status = f'<span class="{status_class}">{_e(STATUS_TEXT.get(outcome, outcome))}</span>'
    if outcome == "failed":
        status += f'<div class="small">{_e(record.get("error") or "failed")}</div>'
        if has_page:
            status += (
                f'<div class="small"><a href="{_href(html_name)}">previous version'
                f"</a> (built {_e(record.get('built_at', 'earlier'))})</div>"
            )
    elif record.get("built_at"):
        status += f'<div class="small">{_e(record["built_at"])}</div>'
    budget = fmt_usd(kf.get("funding_usd"), short=True) if kf else "—"
    return (
        f"<tr class='level-{depth}'>"
        f"<td>{title}<div class='small'>{_e(scope)}</div>{_warnings(kf) if kf else ''}</td>"
        f"<td class='num'>{_e(_headline(kf) if kf else '—')}</td>"
        f"<td class='num'>{_e(fmt_percent(kf.get('percent_of_target')) if kf else '—')}</td>"
        f"<td class='num'>{_e(fmt_people(kf.get('reporting_partners')) if kf else '—')}</td>"
        f"<td class='num'>{_partners(kf) if kf else '—'}</td>"
        f"<td class='num'>{_e(fmt_people(kf.get('donors')) if kf else '—')}</td>"
        f"<td class='num'>{_e(budget)}</td>"
        f"<td>{downloads or '—'}</td>"
        f"<td>{status}</td>"
        "</tr>"
    )


_HEAD = (
    "<tr><th>Chapter</th><th class='num'>People reached</th>"
    "<th class='num'>% of target</th><th class='num'>Reporting partners</th>"
    "<th class='num'>Implementing partners</th><th class='num'>Donors</th>"
    "<th class='num'>Budget received</th><th>Read and download</th><th>Status</th></tr>"
)


def render_index(out_dir: Path, state: dict, outcomes: dict[str, str]) -> str:
    """The index page's HTML. `state` is the build state; `outcomes` maps scope to this
    build's outcome (built, unchanged, failed); scopes not in it were not asked for."""
    from .formatting import fmt_date, period_label

    chapters = state.get("chapters", {})
    build = state.get("build", {})
    groups = [("Regional overview", [(geography.REGION, 0)])]
    national = [p.countries[0] for p in geography.PLATFORMS.values() if p.national]
    groups.append(("National platforms", [(c, 0) for c in national]))
    for pid, platform in geography.PLATFORMS.items():
        if not platform.national:
            groups.append(
                (
                    f"{platform.name} sub-regional platform and its countries",
                    [(pid, 0)] + [(c, 1) for c in platform.countries],
                )
            )
    bodies = []
    for title, scopes in groups:
        rows = [f"<tr class='group'><th colspan='9' scope='rowgroup'>{_e(title)}</th></tr>"]
        for scope, depth in scopes:
            record = chapters.get(scope)
            outcome = outcomes.get(scope) or (record or {}).get("status") or "not built"
            if outcome == "ok":
                outcome = "unchanged"
            rows.append(_row(scope, record, outcome, out_dir, depth))
        bodies.append("<tbody>\n" + "\n".join(rows) + "\n</tbody>")
    sections = [
        f"<div class='table-scroll' tabindex='0'><table>\n<thead>{_HEAD}</thead>\n"
        + "\n".join(bodies)
        + "\n</table></div>"
    ]
    failed = [s for s, o in outcomes.items() if o == "failed"]
    failed_note = ""
    if failed:
        names = ", ".join(geography.scope_name(s) for s in failed)
        failed_note = (
            f'<p class="failed-note">This build could not produce: {_e(names)}. '
            "Their rows say why; a previous version, where one exists, is "
            "linked and was not made from this data.</p>"
        )
    synthetic = (
        '<p class="banner"><strong>Synthetic data.</strong> These chapters are '
        "built from an invented sample dataset; no figure describes real people."
        "</p>"
        if build.get("synthetic")
        else ""
    )
    period = ""
    if build.get("period_start") and build.get("period_end"):
        period = period_label(build["period_start"], build["period_end"])
    funding_as_of = build.get("funding_as_of")
    k = build.get("min_count", 5)
    from .render import sector_title

    title = f"{sector_title(build.get('sector') or 'Sector')}: the chapters"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{_e(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>{_e(title)}</h1>
<p class="meta">{_e(build.get("dataset") or "")}{" · " + _e(period) if period else ""}</p>
<p class="meta">Built {_e(build.get("finished_at") or "")} with r4v-report
{_e(build.get("version") or "")}</p>
</header>
{synthetic}
{failed_note}
<main>
{chr(10).join(sections)}
</main>
<footer>
<p>People reached at regional level exclude people in transit, who may be assisted in
several countries and are never added up across countries; a platform's figure includes
them. Partner counts are distinct organisations in each scope and are not to be added up.
Budget received is from OCHA FTS{
        " as of " + _e(fmt_date(funding_as_of)) if funding_as_of else ""
    }; reporting is voluntary and regional funds are not split by platform. Counts of
people from 1 to {_e(int(k) - 1)} are shown as &lt;{_e(k)}.</p>
</footer>
</body>
</html>
"""


def write_index(out_dir: Path, state: dict, outcomes: dict[str, str]) -> Path:
    path = Path(out_dir) / INDEX_NAME
    write_atomic(path, render_index(Path(out_dir), state, outcomes).encode("utf-8"))
    return path
