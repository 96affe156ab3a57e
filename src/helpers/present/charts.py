"""One visual style for every chapter chart: draw the chapter's published tables, nothing else.

Charts take the tables of a `chapter.Chapter` (already through disclosure control) and
return a `Chart`: a matplotlib Figure with a title and axis units, plus an alt text that
says in words what the chart shows. A hidden count (`<5`) is never drawn to scale: its
segment is left out and its label prints the token. Nothing here computes a figure.

Figures are made with `matplotlib.figure.Figure`, not pyplot, so a notebook never shows
them twice and they need no closing.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..chapter.model import OTHER, TOTAL
from ..core.columns import POPULATION_LABELS, POPULATION_TYPES
from ..core.numbers import finite_number as number
from ..disclosure import is_hidden
from .formatting import fmt_people, fmt_percent, fmt_usd

# Okabe & Ito (2008), safe for the common colour-vision deficiencies and distinct in grey.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
POPULATION_COLOURS = {
    "in_destination": OKABE_ITO["blue"],
    "in_transit": OKABE_ITO["orange"],
    "host_community": OKABE_ITO["bluish_green"],
    "pendular": OKABE_ITO["reddish_purple"],
    "colombian_returnees": OKABE_ITO["sky_blue"],
    "not_disaggregated": OKABE_ITO["grey"],
}
BUDGET_COLOUR = OKABE_ITO["vermillion"]
ACCENT = OKABE_ITO["blue"]
MUTED = "#BBBBBB"
TEXT = "#222222"
LABEL_CHARS = 46  # longer names (organisations, activities) are shortened on axes
PARTS_DRAWN = [*POPULATION_TYPES, "not_disaggregated"]

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": "#444444",
    "axes.grid": True,
    "axes.grid.axis": "x",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.prop_cycle": mpl.cycler(
        color=[
            OKABE_ITO[c]
            for c in (
                "blue",
                "orange",
                "bluish_green",
                "reddish_purple",
                "sky_blue",
                "vermillion",
                "black",
            )
        ]
    ),
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.8,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
}


@dataclass(frozen=True)
class Chart:
    """A drawn chart and the words a screen reader (or a printed caption) gives instead."""

    figure: Figure
    alt: str
    title: str


def apply_style() -> None:
    """Use the chapter style for every matplotlib/seaborn figure of this session."""
    import seaborn as sns

    sns.set_theme(context="paper", style="whitegrid", rc=STYLE)
    mpl.rcParams.update(STYLE)


@contextmanager
def _style():
    with mpl.rc_context(STYLE):
        yield


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def _short(text: object, limit: int = LABEL_CHARS) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def _people_axis(ax, axis: str = "x") -> None:
    fmt = FuncFormatter(lambda v, _: fmt_people(v, short=True))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(fmt)


def _usd_axis(ax) -> None:
    ax.xaxis.set_major_formatter(
        FuncFormatter(lambda v, _: fmt_usd(v, short=True).removeprefix("USD "))
    )


def _hidden_note(values) -> str:
    tokens = sorted({v for v in values if is_hidden(v)})
    if not tokens:
        return ""
    return (
        f" Counts shown as {' or '.join(tokens)} are hidden to protect the people "
        "assisted and are not drawn one by one."
    )


# ---------------------------------------------------------------- people reached and funding


def people_and_funding(
    table: pd.DataFrame | None, unit: str, *, scope_name: str = ""
) -> Chart | None:
    """The infographic: people reached by population type (stacked bars) and budget received,
    one bar per unit (platform, country or admin-1 place); the totals row is not drawn."""
    if table is None:  # the table was withheld: nothing of it may be drawn
        return None
    units = table.drop(index=TOTAL, errors="ignore")
    has_funding = "funding_usd" in units and any(
        number(v) is not None for v in units["funding_usd"]
    )
    title = f"People reached{' and funding' if has_funding else ''} by {unit}"
    if scope_name:
        title += f" — {scope_name}"
    n = max(len(units), 1)
    with _style():
        fig = _figure(9.5 if has_funding else 8, 1.4 + 0.42 * n)
        if has_funding:
            ax, axf = fig.subplots(1, 2, sharey=True, width_ratios=[3, 1.3])
        else:
            ax, axf = fig.subplots(), None
        names = [_short(x, 30) for x in units["name"]]
        y = list(range(len(units)))[::-1]
        left = [0.0] * len(units)
        for part in PARTS_DRAWN:
            values = [number(v) for v in units[part]]
            widths = [v if v is not None and v > 0 else 0.0 for v in values]
            label = POPULATION_LABELS.get(part, "Not disaggregated")
            ax.barh(
                y,
                widths,
                left=left,
                color=POPULATION_COLOURS[part],
                label=label,
                height=0.7,
                edgecolor="white",
                linewidth=0.5,
            )
            left = [a + b for a, b in zip(left, widths, strict=True)]
        # What the hidden cells add up to is printed anyway (total − the shown parts): draw
        # it as one hatched segment so a row is never an empty bar.
        hidden = []
        for _, r in units.iterrows():
            shown = [number(r[p]) for p in PARTS_DRAWN]
            rest = (number(r["total"]) or 0.0) - sum(v for v in shown if v is not None)
            hidden.append(rest if any(is_hidden(r[p]) for p in PARTS_DRAWN) and rest > 0 else 0.0)
        if any(hidden):
            ax.barh(
                y,
                hidden,
                left=left,
                color="white",
                edgecolor=MUTED,
                hatch="///",
                height=0.7,
                linewidth=0.5,
                label="Hidden (small counts)",
            )
            left = [a + b for a, b in zip(left, hidden, strict=True)]
        for yi, end, total in zip(y, left, units["total"], strict=True):
            ax.annotate(
                fmt_people(total),
                (end, yi),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
            )
        ax.set_yticks(y, names)
        ax.set_xlabel("People reached (persons)")
        ax.set_xlim(0, max(left + [1.0]) * 1.18)
        _people_axis(ax)
        ax.set_title(title)
        fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncol=4, fontsize=8)
        if axf is not None:
            funding = [number(v) for v in units["funding_usd"]]
            axf.barh(
                y,
                [v or 0.0 for v in funding],
                color=BUDGET_COLOUR,
                height=0.55,
                label="Budget received",
            )
            for yi, v in zip(y, funding, strict=True):
                axf.annotate(
                    fmt_usd(v, short=True, missing="—").removeprefix("USD "),
                    (v or 0.0, yi),
                    xytext=(4, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=8.5,
                )
            axf.set_xlabel("Budget received (USD)")
            axf.set_xlim(0, max([v or 0.0 for v in funding] + [1.0]) * 1.45)
            _usd_axis(axf)
            axf.set_title("Budget received", fontsize=10)
    shown = units[[*POPULATION_TYPES, "not_disaggregated"]].to_numpy().ravel()
    parts = []
    for (_, r), name in zip(units.iterrows(), units["name"], strict=True):
        pieces = ", ".join(
            f"{POPULATION_LABELS[p].lower()} {fmt_people(r[p])}"
            for p in POPULATION_TYPES
            if number(r[p]) != 0.0
        )
        money = f"; budget received {fmt_usd(r['funding_usd'], short=True)}" if has_funding else ""
        if number(r["total"]) is None and not is_hidden(r["total"]):
            parts.append(f"{_short(name, 60)}: people reached not reported" + money)
            continue
        parts.append(
            f"{_short(name, 60)}: {fmt_people(r['total'])} people"
            + (f" ({pieces})" if pieces else "")
            + money
        )
    alt = (
        f"Horizontal stacked bar chart of people reached by population type for each "
        f"{unit}{' with a second panel of budget received in US dollars' if has_funding else ''}"
        f". "
        + "; ".join(parts)
        + "."
        + _hidden_note(shown)
        + (
            " A hatched segment shows what the hidden counts of a row add up to."
            if any(hidden)
            else ""
        )
    )
    return Chart(fig, alt, title)


# ---------------------------------------------------------------- reached against target


def reached_against_target(table: pd.DataFrame) -> Chart | None:
    """Reached beside target for each population type that has a target."""
    if table is None:  # the table was withheld: nothing of it may be drawn
        return None
    rows = table.drop(index=TOTAL, errors="ignore")
    rows = rows[[number(t) is not None and number(t) > 0 for t in rows["target"]]]
    if rows.empty:
        return None
    title = "People reached against target by population type"
    with _style():
        fig = _figure(8, 1.3 + 0.55 * len(rows))
        ax = fig.subplots()
        y = list(range(len(rows)))[::-1]
        targets = [number(t) for t in rows["target"]]
        reached = [number(r) for r in rows["reached"]]
        ax.barh(
            y, targets, height=0.75, color="white", edgecolor="#555555", linewidth=1, label="Target"
        )
        colours = [POPULATION_COLOURS[p] for p in rows.index]
        ax.barh(y, [r or 0.0 for r in reached], height=0.45, color=colours, label="Reached")
        for yi, t, r, pct, pub in zip(
            y, targets, reached, rows["percent_of_target"], rows["reached"], strict=True
        ):
            text = f"{fmt_people(pub)} of {fmt_people(t)}"
            if number(pct) is not None:
                text += f" ({fmt_percent(pct)})"
            ax.annotate(
                text,
                (max(t, r or 0.0), yi),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
            )
        ax.set_yticks(y, list(rows["label"]))
        ax.set_xlabel("People (persons)")
        ax.set_xlim(0, max(targets + [r or 0.0 for r in reached]) * 1.45)
        _people_axis(ax)
        ax.set_title(title)
        fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncol=2)
    parts = [
        f"{label}: {fmt_people(r)} reached of a target of {fmt_people(t)}"
        + (f" ({fmt_percent(p)})" if number(p) is not None else "")
        for label, r, t, p in zip(
            rows["label"], rows["reached"], rows["target"], rows["percent_of_target"], strict=True
        )
    ]
    alt = (
        "Bar chart comparing people reached (filled bars) with the target (outlined bars) "
        "for each population type. " + "; ".join(parts) + "." + _hidden_note(rows["reached"])
    )
    return Chart(fig, alt, title)


# ---------------------------------------------------------------- age and gender


def age_and_gender(table: pd.DataFrame) -> Chart | None:
    """People reached by age and gender, as counts, or as shares when counts are not shown."""
    if table is None:  # the table was withheld: nothing of it may be drawn
        return None
    rows = table.drop(index=TOTAL, errors="ignore")
    rows = rows[
        [
            k != "not_disaggregated" or (number(v) or 0) > 0
            for k, v in zip(rows.index, rows["share"], strict=True)
        ]
    ]
    counts = any(number(v) is not None for v in rows["people"])
    if not counts and all(number(s) is None for s in rows["share"]):
        return None
    title = "People reached by age and gender" + ("" if counts else " (share)")
    column = "people" if counts else "share"
    with _style():
        fig = _figure(8, 1.3 + 0.42 * len(rows))
        ax = fig.subplots()
        y = list(range(len(rows)))[::-1]
        values = [number(v) for v in rows[column]]
        colours = [
            OKABE_ITO["vermillion"]
            if k in ("girls", "women")
            else OKABE_ITO["blue"]
            if k in ("boys", "men")
            else MUTED
            for k in rows.index
        ]
        ax.barh(y, [v or 0.0 for v in values], color=colours, height=0.6)
        for yi, v, pub, share in zip(y, values, rows[column], rows["share"], strict=True):
            text = (
                (
                    fmt_people(pub)
                    + (f" ({fmt_percent(share)})" if number(share) is not None else "")
                )
                if counts
                else fmt_percent(share)
            )
            ax.annotate(
                text,
                (v or 0.0, yi),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
            )
        ax.set_yticks(y, list(rows["label"]))
        ax.set_xlim(0, max([v or 0.0 for v in values] + [1.0]) * 1.3)
        if counts:
            ax.set_xlabel("People reached (persons)")
            _people_axis(ax)
        else:
            ax.set_xlabel("Share of people reached (%)")
        ax.set_title(title)
    parts = [
        f"{label}: " + (fmt_people(p) if counts else fmt_percent(s))
        for label, p, s in zip(rows["label"], rows["people"], rows["share"], strict=True)
    ]
    alt = (
        f"Bar chart of people reached by age and gender{'' if counts else ' as shares'}. "
        + "; ".join(parts)
        + "."
        + _hidden_note(rows["people"])
    )
    return Chart(fig, alt, title)


# ---------------------------------------------------------------- monthly progress


def monthly_progress(progress: pd.DataFrame | None, target=None) -> Chart | None:
    """New people each month (bars) and their running total (line), against the target."""
    if progress is None:  # the table was withheld: nothing of it may be drawn
        return None
    title = "Monthly progress: people reached, cumulative"
    months = list(progress["month"])
    labels = [
        pd.Timestamp(m + "-01").strftime("%b\n%Y" if m.endswith("-01") or i == 0 else "%b")
        for i, m in enumerate(months)
    ]
    new = [number(v) for v in progress["new"]]
    cum = [number(v) for v in progress["cumulative"]]
    with _style():
        fig = _figure(8, 3.6)
        ax = fig.subplots()
        x = list(range(len(months)))
        ax.bar(
            x,
            [v or 0.0 for v in new],
            color=OKABE_ITO["sky_blue"],
            width=0.6,
            label="New people in the month",
        )
        ax.plot(
            [xi for xi, c in zip(x, cum, strict=True) if c is not None],
            [c for c in cum if c is not None],
            color=ACCENT,
            marker="o",
            linewidth=2,
            label="Cumulative people reached",
        )
        t = number(target)
        if t:
            ax.axhline(
                t,
                color=OKABE_ITO["vermillion"],
                linestyle="--",
                linewidth=1.2,
                label=f"Target ({fmt_people(t)})",
            )
        last = next((i for i in range(len(cum) - 1, -1, -1) if cum[i] is not None), None)
        if last is not None:
            ax.annotate(
                fmt_people(progress["cumulative"].iloc[last]),
                (last, cum[last]),
                xytext=(0, 8),
                textcoords="offset points",
                ha="center",
                fontsize=9,
            )
        ax.set_xticks(x, labels)
        ax.grid(axis="y")
        ax.grid(axis="x", visible=False)
        ax.set_ylabel("People (persons)")
        _people_axis(ax, "y")
        ax.set_title(title)
        fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncol=3)
    final = progress["cumulative"].iloc[-1] if len(progress) else None
    alt = (
        f"Bar and line chart by month from {months[0]} to {months[-1]}: bars show new "
        f"people reached each month, the line their running total, which ends at "
        f"{fmt_people(final)}"
        + (f" against a target of {fmt_people(t)}" if t else "")
        + ". Monthly new people: "
        + "; ".join(f"{m} {fmt_people(v)}" for m, v in zip(months, progress["new"], strict=True))
        + "."
        + _hidden_note([*progress["new"], *progress["cumulative"]])
    )
    return Chart(fig, alt, title)


# ---------------------------------------------------------------- ranked bars


def ranked_bars(
    table: pd.DataFrame,
    title: str,
    *,
    what: str,
    highlight: str | None = None,
    highlight_label: str = "",
) -> Chart | None:
    """People reached per activity or per organisation, largest first; `highlight` names a
    boolean column (e.g. refugee- and migrant-led) drawn in a second colour."""
    if table is None:  # the table was withheld: nothing of it may be drawn
        return None
    rows = table.drop(index=TOTAL, errors="ignore")
    if rows.empty:
        return None
    with _style():
        fig = _figure(8, 1.2 + 0.36 * len(rows))
        ax = fig.subplots()
        y = list(range(len(rows)))[::-1]
        values = [number(v) for v in rows["reached"]]
        flags = [
            bool(rows.at[i, highlight]) if highlight and highlight in rows else False
            for i in rows.index
        ]
        colours = [
            OKABE_ITO["orange"] if f else (MUTED if i == OTHER else ACCENT)
            for f, i in zip(flags, rows.index, strict=True)
        ]
        ax.barh(y, [v or 0.0 for v in values], color=colours, height=0.65)
        for yi, v, pub, share in zip(y, values, rows["reached"], rows["share"], strict=True):
            text = fmt_people(pub) + (
                f" ({fmt_percent(share)})" if number(share) is not None else ""
            )
            ax.annotate(
                text,
                (v or 0.0, yi),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
            )
        ax.set_yticks(y, [_short(n) for n in rows["name"]])
        ax.set_xlim(0, max([v or 0.0 for v in values] + [1.0]) * 1.3)
        ax.set_xlabel("People reached (persons)")
        _people_axis(ax)
        ax.set_title(title)
        if any(flags):
            from matplotlib.patches import Patch

            fig.legend(
                handles=[
                    Patch(color=OKABE_ITO["orange"], label=highlight_label),
                    Patch(color=ACCENT, label="Other organisations"),
                ],
                loc="outside lower center",
                ncol=2,
            )
    parts = [
        f"{_short(n, 60)}: {fmt_people(p)}" + (f" ({highlight_label.lower()})" if f else "")
        for n, p, f in zip(rows["name"], rows["reached"], flags, strict=True)
    ]
    alt = (
        f"Horizontal bar chart of people reached by {what}, largest first. "
        + "; ".join(parts)
        + "."
        + _hidden_note(rows["reached"])
    )
    return Chart(fig, alt, title)


# ---------------------------------------------------------------- funding against reach


def funding_against_reach(countries: pd.DataFrame | None) -> Chart | None:
    """Each country's budget received against its people reached (countries whose people
    reached is hidden are left out, since a point would show the hidden value)."""
    if countries is None or len(countries) < 2:
        return None
    rows = countries[
        [
            number(r) is not None and number(f) is not None
            for r, f in zip(countries["reached"], countries["funding_usd"], strict=True)
        ]
    ]
    if len(rows) < 2:
        return None
    title = "Budget received against people reached, by country"
    with _style():
        fig = _figure(8, 4.6)
        ax = fig.subplots()
        x = [number(v) for v in rows["reached"]]
        y = [number(v) for v in rows["funding_usd"]]
        funded = [v > 0 for v in y]
        ax.scatter(
            [a for a, f in zip(x, funded, strict=True) if f],
            [b for b, f in zip(y, funded, strict=True) if f],
            s=46,
            color=ACCENT,
            edgecolor="white",
            linewidth=0.8,
            zorder=3,
            label="Funding recorded",
        )
        if not all(funded):
            ax.scatter(
                [a for a, f in zip(x, funded, strict=True) if not f],
                [0.0] * funded.count(False),
                s=46,
                facecolor="white",
                edgecolor=OKABE_ITO["vermillion"],
                linewidth=1.5,
                zorder=3,
                label="No funding recorded",
            )
            fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncol=2)
        for xi, yi, iso3, f in zip(x, y, rows.index, funded, strict=True):
            if f:  # unfunded countries sit on the axis together: named in the alt text
                ax.annotate(
                    str(iso3), (xi, yi), xytext=(5, 3), textcoords="offset points", fontsize=8
                )
        ax.set_xlabel("People reached (persons)")
        ax.set_ylabel("Budget received (USD)")
        _people_axis(ax)
        ax.yaxis.set_major_formatter(
            FuncFormatter(lambda v, _: fmt_usd(v, short=True).removeprefix("USD "))
        )
        ax.grid(axis="both")
        ax.set_title(title)
    hidden_out = sum(1 for r in countries["reached"] if is_hidden(r))
    unreported_out = len(countries) - len(rows) - hidden_out
    left_out = ""
    if hidden_out:
        left_out += f" Countries with a hidden count, not drawn: {hidden_out}."
    if unreported_out:
        left_out += (
            f" Countries with people reached or budget not reported, not drawn: {unreported_out}."
        )
    alt = (
        "Scatter plot of budget received (US dollars, vertical) against people reached "
        "(horizontal), one point per country labelled with its ISO3 code. "
        + "; ".join(
            f"{name}: {fmt_people(r)} people, {fmt_usd(f, short=True)}"
            for name, r, f in zip(rows["name"], rows["reached"], rows["funding_usd"], strict=True)
        )
        + "."
        + left_out
    )
    return Chart(fig, alt, title)


# ---------------------------------------------------------------- situation


def situation_parts(table: pd.DataFrame, group: str) -> Chart | None:
    """Indicators that split one whole (e.g. forms of exploitation, in % of identified
    victims), as one 100 % stacked bar per country."""
    parts = [c for c in table.columns if c != "__unit__"]
    if table.empty or not parts:
        return None
    unit = str(table["__unit__"].iloc[0]) if "__unit__" in table else ""
    title = f"{group}, by country"
    colours = [
        OKABE_ITO[c]
        for c in (
            "blue",
            "orange",
            "bluish_green",
            "reddish_purple",
            "sky_blue",
            "vermillion",
            "yellow",
            "black",
        )
    ]
    with _style():
        fig = _figure(8, 1.4 + 0.4 * len(table))
        ax = fig.subplots()
        y = list(range(len(table)))[::-1]
        left = [0.0] * len(table)
        for i, part in enumerate(parts):
            values = [number(v) or 0.0 for v in table[part]]
            ax.barh(
                y,
                values,
                left=left,
                color=colours[i % len(colours)],
                label=_short(part, 45),
                height=0.65,
                edgecolor="white",
                linewidth=0.5,
            )
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.set_yticks(y, [_short(n, 30) for n in table.index])
        ax.set_xlabel(unit.capitalize() if unit else "Value")
        ax.set_title(title)
        fig.legend(
            *ax.get_legend_handles_labels(), loc="outside lower center", ncol=min(len(parts), 3)
        )
    alt = (
        f"Stacked bar chart of {group.lower()} for each country ({unit}). "
        + "; ".join(
            f"{name}: "
            + ", ".join(f"{_short(p, 45)} {row[p]:g}" for p in parts if number(row[p]) is not None)
            for name, row in table.iterrows()
        )
        + "."
    )
    return Chart(fig, alt, title)


# ---------------------------------------------------------------- platforms side by side


def platforms_compared(platforms: pd.DataFrame | None) -> Chart | None:
    """The regional comparison: each platform's % of target and USD per person reached."""
    if platforms is None or platforms.empty:
        return None
    pct = [number(v) for v in platforms["percent_of_target"]]
    usd = [number(v) for v in platforms["usd_per_person_reached"]]
    has_usd = any(v is not None for v in usd)
    title = "Platforms side by side"
    with _style():
        fig = _figure(9, 1.4 + 0.42 * len(platforms))
        axes = fig.subplots(1, 2 if has_usd else 1, sharey=True)
        axes = list(axes) if has_usd else [axes]
        y = list(range(len(platforms)))[::-1]
        names = list(platforms["name"])
        axes[0].barh(y, [v or 0.0 for v in pct], color=ACCENT, height=0.6)
        axes[0].axvline(100, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1)
        for yi, v in zip(y, pct, strict=True):
            axes[0].annotate(
                fmt_percent(v),
                (v or 0.0, yi),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
            )
        axes[0].set_yticks(y, names)
        axes[0].set_xlim(0, max([v or 0.0 for v in pct] + [100.0]) * 1.25)
        axes[0].set_xlabel("People reached as % of target")
        axes[0].set_title("% of target", fontsize=10)
        if has_usd:
            axes[1].barh(y, [v or 0.0 for v in usd], color=BUDGET_COLOUR, height=0.6)
            for yi, v in zip(y, usd, strict=True):
                axes[1].annotate(
                    fmt_usd(v, missing="—"),
                    (v or 0.0, yi),
                    xytext=(4, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=8.5,
                )
            axes[1].set_xlim(0, max([v or 0.0 for v in usd] + [1.0]) * 1.5)
            axes[1].set_xlabel("Budget received per person reached (USD)")
            axes[1].set_title("USD per person reached", fontsize=10)
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=12)
    alt = (
        "Two bar charts comparing platforms: people reached as a percentage of target"
        + (" and budget received per person reached in US dollars" if has_usd else "")
        + ". "
        + "; ".join(
            f"{n}: {fmt_percent(p)}" + (f", {fmt_usd(u)} per person" if has_usd else "")
            for n, p, u in zip(
                names,
                platforms["percent_of_target"],
                platforms["usd_per_person_reached"],
                strict=True,
            )
        )
        + "."
    )
    return Chart(fig, alt, title)
