"""One visual style for every chapter chart: draw the chapter's published tables, nothing else.

Charts take the tables of a `chapter.Chapter` (already through disclosure control) and
return a `Chart`: a matplotlib Figure with a title and axis units, plus an alt text that
says in words what the chart shows. A hidden count (`<5`, `[c]`) is never drawn to scale:
its segment is left out and its label prints the token. Nothing here computes a figure.

Every word a chart prints (title, axes, legend, notes, alt text) is a message of the active
edition's catalogue, an alt text's items whole sentences with named placeholders; numbers,
lists and month initials follow the edition's locale (`formatting`). Names the data gives
(activities, organisations, admin-1 places, situation indicators) are printed as given.

What a chart function returns:

* `None`: no chart belongs here (the table was withheld, or does not apply, e.g. no target);
* a `Chart` whose `figure` is None: the table is published but holds nothing to draw to
  scale (every value zero or hidden); its `alt` is the one-line note the page prints
  instead ("Nothing to draw: ..."), never an empty frame with "0 0 1 1" ticks.

One meaning per colour across the chapter (a reader learns a colour once):

* population types: Okabe & Ito (2008), safe for the common colour-vision deficiencies —
  in destination blue, in transit orange, host community bluish green, pendular reddish
  purple, Colombian returnees sky blue, not disaggregated grey. No other chart uses these.
* money (budget received, USD per person): vermillion.
* one quantity with no categories (people per activity, partner, month, age and gender,
  a platform's % of target, a country in the scatter): slate; the "other" row a pale slate;
  refugee- and migrant-led organisations, the one highlight: Okabe-Ito yellow with a dark
  outline.
* the parts of a situation indicator (forms of exploitation, ...): a brown ramp.
* targets and running totals: near-black lines and outlines.
* hidden cells: white with black hatching and a black outline (at least 3:1 against white
  and every neighbouring fill), in the legend as hidden to protect people.

Sizes: charts are drawn 4.8 in wide with text of at least 10 pt, so on a 360 px phone
(about 320 px of chart) text is still about 9 px; the page lets a chart grow to 1.4 times
that on a desktop. Names sit above their bars, so long names take no width from the bars.

Figures are made with `matplotlib.figure.Figure`, not pyplot, so a notebook never shows
them twice and they need no closing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from ..chapter.model import OTHER, TOTAL
from ..core.columns import POPULATION_TYPES, population_label
from ..core.i18n import N_, SOURCE_LANGUAGE, gettext, language, ngettext
from ..core.numbers import finite_number as number
from ..disclosure import is_hidden
from .formatting import (
    country_words,
    fmt_number,
    fmt_people,
    fmt_percent,
    fmt_usd,
    list_of,
    month_initial,
    or_list,
    others,
    unit_name,
)

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
NEUTRAL = "#4A5A68"  # slate: one quantity, no categories
NEUTRAL_LIGHT = "#B4BEC7"  # the "other" row
HIGHLIGHT = OKABE_ITO["yellow"]  # refugee- and migrant-led organisations
OUTLINE = "#222222"  # targets, running totals, the highlight's outline
# Parts of a situation indicator: a brown ramp (no hue of the population types), dark to light.
PART_COLOURS = ["#543005", "#8C510A", "#BF812D", "#DFC27D", "#7F6A55", "#C9B79C"]
HIDDEN_FILL = "white"
HIDDEN_INK = OKABE_ITO["black"]  # hatching and outline of what hidden cells add up to
HIDDEN_LABEL = N_("Hidden to protect people (<5 and complements)")
TEXT = "#222222"
LABEL_CHARS = 40  # longer names (organisations, activities) are shortened on the chart
PARTS_DRAWN = [*POPULATION_TYPES, "not_disaggregated"]
WIDTH = 4.8  # inches: see "Sizes" above
ROW = 0.46  # inches per bar row (its name above, then the bar)
FONT = 10  # points: the smallest text of a chart
TITLE_SIZE = 12  # points: a chart's title, bold

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
    "axes.labelsize": FONT,
    "axes.prop_cycle": mpl.cycler(color=[NEUTRAL, OUTLINE, *PART_COLOURS]),
    "grid.color": "#E3E3E3",
    "grid.linewidth": 0.8,
    "font.family": "DejaVu Sans",
    "font.size": FONT,
    "legend.frameon": False,
    "legend.columnspacing": 1.0,  # font sizes: two columns of population types fit 4.8 in
    "legend.fontsize": FONT,
    "xtick.labelsize": FONT,
    "ytick.labelsize": FONT,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    # What seaborn's "paper" context and "whitegrid" style set and nothing above overrides,
    # declared here so that drawing needs no seaborn (whose import, with scipy.stats, cost
    # every kernel about 1.5 s) and a chart is the same wherever it is drawn: bars outlined
    # in white, no tick marks, grid lines under the data, lines and ticks at paper scale.
    "axes.axisbelow": True,
    "axes.linewidth": 1.0,
    "legend.title_fontsize": 9.6,
    "lines.linewidth": 1.2,
    "lines.markersize": 4.8,
    "lines.solid_capstyle": "round",
    "patch.edgecolor": "w",
    "patch.force_edgecolor": True,
    "patch.linewidth": 0.8,
    "xtick.bottom": False,
    "xtick.major.size": 4.8,
    "xtick.major.width": 1.0,
    "xtick.minor.size": 3.2,
    "xtick.minor.width": 0.8,
    "ytick.left": False,
    "ytick.major.size": 4.8,
    "ytick.major.width": 1.0,
    "ytick.minor.size": 3.2,
    "ytick.minor.width": 0.8,
}


_METRICS_KEPT = 50_000  # measured texts kept per process (about 10 MB at most)


def share_text_metrics() -> None:
    """Measure each text once per process rather than once per drawing.

    matplotlib keeps the sizes of the texts it measured per renderer, and every savefig
    makes a new renderer: a chapter's charts, in every edition, measured the same names
    and tick labels again and again (a quarter of their time when constrained layout
    drew each figure twice). A text's size depends only on the renderer's
    kind, its resolution, the font and the hinting settings, so that is the key here;
    the SVG written is byte for byte the same (tests/unit/present/test_charts.py). Left
    alone when this matplotlib has no such function to wrap (slower, never wrong)."""
    import matplotlib.text as mtext

    measure = getattr(mtext, "_get_text_metrics_with_cache", None)
    if measure is None or hasattr(measure, "__wrapped__"):
        return
    sizes: dict = {}

    @functools.wraps(measure)
    def measured_once(renderer, text, fontprop, ismath, dpi):
        if ismath == "TeX":  # TeX goes through its own machinery: matplotlib's own cache
            return measure(renderer, text, fontprop, ismath, dpi)
        rc = mpl.rcParams
        key = (
            type(renderer),
            getattr(renderer, "dpi", None),
            dpi,
            text,
            ismath,
            fontprop.copy(),  # copied: FontProperties are mutable, their hash follows them
            rc["text.hinting"],
            rc["text.hinting_factor"],
            rc["text.kerning_factor"],
        )
        size = sizes.get(key)
        if size is None:
            if len(sizes) >= _METRICS_KEPT:
                sizes.clear()
            size = sizes[key] = measure(renderer, text, fontprop, ismath, dpi)
        return size

    mtext._get_text_metrics_with_cache = measured_once


share_text_metrics()


@dataclass(frozen=True)
class Chart:
    """A drawn chart and the words a screen reader (or a printed caption) gives instead;
    `figure` is None when there is nothing to draw and `alt` is then the note printed."""

    figure: Figure | None
    alt: str
    title: str
    lang: str = SOURCE_LANGUAGE
    """The edition the chart was drawn in (its words and number formats)."""
    redraw: Callable[..., Chart | None] | None = field(default=None, compare=False, repr=False)
    """The same chart drawn again from the same table, in the active edition: each edition
    of a page draws the charts the notebook chose in its own language."""

    def in_edition(self) -> Chart | None:
        """This chart as the active edition draws it: itself when drawn in it and its figure
        still holds its words; else its figure relabelled in the edition's words (see
        `_Relabel`)."""
        if self.redraw is None:
            return self
        if self.figure is None:  # its note: nothing to relabel, worded again (no drawing)
            return self if self.lang == language() else self.redraw()
        words = getattr(self.figure, _WORDS, self.lang)
        if self.lang == language() and words == self.lang:
            return self
        return self.redraw(reuse=self.figure)


# The attribute of a figure that says which edition's words it holds now.
_WORDS = "_r4v_words"
_RELABEL: ContextVar[_Relabel | None] = ContextVar("r4v_relabel", default=None)


def _per_edition(draw):
    """A chart function whose charts can be drawn again in another edition. Drawing again
    does not build a new figure: the chart function runs as before, but on the figure it
    already drew (`reuse`), whose bars, lines and axes stay, and whose words it sets again
    in the active edition (`_Relabel`): building the figure was two thirds of an edition's
    drawing, and its bars are the same in every edition."""

    @functools.wraps(draw)
    def wrapper(*args, reuse: Figure | None = None, **kwargs):
        again = _Relabel(reuse) if reuse is not None else None
        token = _RELABEL.set(again)
        try:
            chart = draw(*args, **kwargs)
            if again is not None:
                again.check()
        except _NotTheSameDrawing:  # never seen; a fresh figure rather than a wrong one
            setattr(reuse, _WORDS, None)  # half relabelled: its own chart relabels it again
            chart = draw(*args, **kwargs)  # a new figure: `_figure` hands out `reuse` once
        finally:
            _RELABEL.reset(token)
        if chart is None:
            return None
        figure = chart.figure
        if isinstance(figure, _FigureAgain):
            figure = figure.figure
        if figure is not None:
            setattr(figure, _WORDS, language())
        return replace(
            chart,
            figure=figure,
            lang=language(),
            redraw=functools.partial(wrapper, *args, **kwargs),
        )

    return wrapper


class _NotTheSameDrawing(Exception):
    """A drawing again made other artists than the first (the data decide them, and they
    are the same data): the chart is drawn afresh instead."""


class _Relabel:
    """A chart function's second drawing, on the figure of its first: `_figure` hands the
    function that figure back (`_FigureAgain`), at the height it started at."""

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        self.height = getattr(figure, "_r4v_height", figure.get_figheight())
        self.axes: list[_AxesAgain] = []
        self.used = False

    def check(self) -> None:
        """Every artist of the first drawing was made again (none left with old words)."""
        if self.used and not all(a.all_made() for a in self.axes):
            raise _NotTheSameDrawing


class _FigureAgain:
    """A drawn figure, as a chart function draws it again in another edition: its axes are
    the ones already there, its legend is made again (its columns follow its words), and
    everything else is the figure's own."""

    def __init__(self, again: _Relabel) -> None:
        self.again = again
        self.figure = again.figure

    def __getattr__(self, name):
        return getattr(self.figure, name)

    def subplots(self, nrows: int = 1, ncols: int = 1, **kwargs):
        if nrows * ncols != len(self.figure.axes):
            raise _NotTheSameDrawing
        axes = [_AxesAgain(ax) for ax in self.figure.axes]
        self.again.axes = axes
        return axes[0] if len(axes) == 1 else axes

    def legend(self, *args, **kwargs):
        for old in list(self.figure.legends):
            old.remove()
        return self.figure.legend(*args, **kwargs)


class _AxesAgain:
    """Drawn axes, as a chart function draws them again: what makes bars, lines, points and
    texts gives back the one it made the first time (in the same order: the drawing follows
    the data, which is the same in every edition), with its new words; the rest (limits,
    labels, ticks, titles) is done again on the axes themselves."""

    def __init__(self, ax) -> None:
        self.ax = ax
        self.made = {"containers": 0, "lines": 0, "collections": 0, "texts": 0}

    def __getattr__(self, name):
        return getattr(self.ax, name)

    def all_made(self) -> bool:
        return all(len(getattr(self.ax, kind)) == n for kind, n in self.made.items())

    def _again(self, kind: str, label=None):
        made = getattr(self.ax, kind)
        if self.made[kind] >= len(made):
            raise _NotTheSameDrawing
        artist = made[self.made[kind]]
        self.made[kind] += 1
        if label is not None:
            artist.set_label(label)
        return artist

    def barh(self, *args, label=None, **kwargs):
        return self._again("containers", label)

    bar = barh

    def plot(self, *args, label=None, **kwargs):
        return [self._again("lines", label)]

    def axhline(self, *args, label=None, **kwargs):
        return self._again("lines", label)

    axvline = axhline

    def scatter(self, *args, label=None, **kwargs):
        return self._again("collections", label)

    def grid(self, *args, **kwargs):
        """Already set: called with no `visible`, matplotlib's grid() would toggle it off."""

    def text(self, x, y, s, *args, **kwargs):
        text = self._again("texts")
        text.set_text(s)
        return text

    def annotate(self, text, *args, **kwargs):
        annotation = self._again("texts")
        annotation.set_text(text)
        return annotation


def apply_style() -> None:
    """Use the chapter style for every matplotlib figure of this session."""
    mpl.rcParams.update(STYLE)


@contextmanager
def _style():
    with mpl.rc_context(STYLE):
        yield


def _figure(height: float, width: float = WIDTH) -> Figure:
    """A figure laid out by `_lay_out` once its chart is drawn (not matplotlib's constrained
    layout, which measured every tick again at each savefig: half of a chart's time). When
    the chart is drawn again in another edition, the figure it drew the first time, at the
    height it started at (`_per_edition`)."""
    again = _RELABEL.get()
    if again is not None and not again.used:
        again.used = True
        again.figure.set_figheight(again.height)
        return _FigureAgain(again)  # type: ignore[return-value]
    figure = Figure(figsize=(width, height))
    figure._r4v_height = height  # type: ignore[attr-defined]
    return figure


PAD = 3.0  # points between a chart's parts and round its edge (constrained layout's own)
LINE = 1.2  # a text line's height, in font sizes (matplotlib's line spacing)
ONE_LINE = 1.164  # one line's ink height, in font sizes (DejaVu Sans ascent + descent)


@functools.lru_cache(maxsize=4096)
def _text_width(text: str, size: float, weight: str = "normal") -> float:
    """The width in points of one line of text as the SVG writes it (hinting off)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font = FontProperties(family=STYLE["font.family"], size=size, weight=weight)
    return TextToPath().get_text_width_height_descent(text, font, ismath=False)[0]


def _lines(text: str) -> int:
    return text.count("\n") + 1 if text else 0


def _tick_texts(axis) -> list[str]:
    """The tick labels an axis will print (its locator and formatter, within its limits)."""
    low, high = sorted(axis.get_view_interval())
    locs = [v for v in axis.get_majorticklocs() if low - 1e-9 <= v <= high + 1e-9]
    return [t for t in axis.get_major_formatter().format_ticks(locs) if t]


def _columns(sizes: list[float], ncol: int) -> list[list[float]]:
    """Legend entries' sizes by column, as matplotlib packs them: consecutive entries, the
    first columns one longer."""
    import numpy as np

    return [list(c) for c in np.array_split(np.array(sizes, dtype=float), ncol) if len(c)]


def _legend(fig: Figure, handles, labels, ncol: int):
    """The chart's legend under it, in `ncol` columns or as few fewer as make it fit the
    chart's width (an edition's longer words would otherwise run off both sides)."""
    rc = mpl.rcParams
    widths = [max(_text_width(line, FONT) for line in str(t).split("\n")) for t in labels]
    entry = (rc["legend.handlelength"] + rc["legend.handletextpad"]) * FONT
    room = fig.get_figwidth() * 72.0 - 2 * PAD
    while ncol > 1:
        columns = _columns(widths, ncol)
        need = (
            sum(entry + max(c) for c in columns)
            + (len(columns) - 1) * rc["legend.columnspacing"] * FONT
            + 2 * rc["legend.borderpad"] * FONT
        )
        if need <= room:
            break
        ncol -= 1
    return fig.legend(handles, labels, loc="outside lower center", ncol=ncol)


def _legend_height(legend) -> float:
    """A figure legend's height in points, as matplotlib packs it: each entry as tall as
    its text (or its handle), the tallest column plus the legend's border."""
    rc = mpl.rcParams
    size = legend.prop.get_size_in_points()
    entries = [
        max(rc["legend.handleheight"], ONE_LINE) * size + (_lines(t.get_text()) - 1) * LINE * size
        for t in legend.get_texts()
    ]
    spacing = rc["legend.labelspacing"] * size
    columns = _columns(entries, max(legend._ncols, 1))
    tallest = max((sum(c) + (len(c) - 1) * spacing for c in columns), default=0.0)
    return tallest + 2 * rc["legend.borderpad"] * size


FIT = 0.95  # of the room a wrapped line may take: slack for hinting and a fallback font


def _wrap_to(text: str, room: float, size: float, weight: str) -> str:
    """`text` broken between words into lines of at most `room` points (less `FIT`'s
    slack: a reader's browser may draw the text in another font)."""
    lines: list[str] = []
    for word in text.split():
        if lines and _text_width(f"{lines[-1]} {word}", size, weight) <= room * FIT:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def _lay_out(fig: Figure, body: float | None = None) -> None:
    """Place the axes so that the title, axis labels, tick labels and figure legend fit
    round them, from the sizes of their texts: what constrained layout found by drawing
    the whole figure, at a fraction of its cost. Every chart here has its title above,
    its x axis and legend below, y tick labels only where it has a y scale, and its names
    inside the axes; tests/unit/present/test_charts.py draws every chart, in every
    edition, and checks that nothing leaves the figure. `body`: the inches the axes need
    (their rows); the figure grows when the texts round them take more than it had."""
    rc = mpl.rcParams
    axes = fig.axes
    width = fig.get_figwidth() * 72.0
    x_ticks = [_tick_texts(ax.xaxis) for ax in axes]

    def half(ticks: list[str]) -> float:  # of a tick label centred on an axes' edge
        return _text_width(ticks[0].split("\n")[0], FONT) / 2 if ticks else 0.0

    left = PAD
    y_ticks = _tick_texts(axes[0].yaxis) if len(axes[0].get_yticks()) else []
    if y_ticks:
        left += rc["ytick.major.size"] + rc["ytick.major.pad"]
        left += max(_text_width(t, FONT) for t in y_ticks)
    if axes[0].get_ylabel():
        left += rc["axes.labelpad"] + FONT * LINE
    left = max(left, PAD + half(x_ticks[0]))
    right = PAD + half(x_ticks[-1][-1:])
    panels = width - left - right
    wspace, gap = 0.2, 0.0
    if len(axes) > 1:  # side by side: the first panel's last tick label, then a gap
        gap = 2 * half(x_ticks[0][-1:]) + 4 * PAD
        wspace = gap / ((panels - gap) / len(axes))
    fig.subplots_adjust(left=left / width, right=1 - right / width, wspace=wspace)

    top = PAD
    title = fig._suptitle
    if title is not None and title.get_text():
        top += _lines(title.get_text()) * title.get_fontsize() * LINE + 2 * PAD
    panel_lines = 0
    for ax in axes:  # a panel's title wraps to its panel's width
        text = ax.get_title(loc="left")
        if text:
            room = ax.get_position().width * width
            weight = rc["axes.titleweight"]
            if _text_width(text, FONT, weight) > room and " " in text:
                text = _wrap_to(" ".join(text.split()), room, FONT, weight)
                ax.set_title(text, fontsize=FONT, loc="left")
            panel_lines = max(panel_lines, _lines(text))
    if panel_lines:
        top += panel_lines * FONT * LINE + rc["axes.titlepad"]
    bottom = PAD
    for legend in fig.legends:
        bottom += _legend_height(legend) + rc["legend.borderaxespad"] * FONT
    tick_lines = max((_lines(t) for ticks in x_ticks for t in ticks), default=0)
    if tick_lines:
        bottom += rc["xtick.major.size"] + rc["xtick.major.pad"] + tick_lines * FONT * LINE
    label_lines = 0
    for ax in axes:  # an axis label wraps to its panel's width too
        text = ax.get_xlabel()
        if text:
            room = ax.get_position().width * width
            if _text_width(text, FONT) > room and " " in text:
                text = _wrap_to(" ".join(text.split()), room, FONT, "normal")
                ax.set_xlabel(text)
            label_lines = max(label_lines, _lines(text))
    if label_lines:
        bottom += rc["axes.labelpad"] + label_lines * FONT * LINE
    height = fig.get_figheight() * 72.0
    if body is not None and top + bottom + body * 72.0 > height:
        height = top + bottom + body * 72.0
        fig.set_figheight(height / 72.0)
    if title is not None and title.get_text():
        title.set_y(1 - PAD / height)
        title.set_verticalalignment("top")
    fig.subplots_adjust(top=1 - top / height, bottom=bottom / height)


def _nothing(title: str, note: str) -> Chart:
    """The note a page prints instead of an empty chart (`note`: already in the edition)."""
    return Chart(None, note, title)


def hidden_label() -> str:
    """The hidden cells' legend entry in the active edition, its parenthesis on a line of
    its own."""
    return gettext(HIDDEN_LABEL).replace(" (", "\n(", 1)


ITEMS_SEPARATOR = N_("; ")
"""Between the items of an alt text (one place, one population type, ...)."""


def _items(items) -> str:
    """An alt text's items, each a whole sentence of the edition, one after another."""
    return gettext(ITEMS_SEPARATOR).join(items)


def _place(unit: object, name: object, limit: int = 60) -> str:
    """A row's place in the active edition, as the page's tables name it (`unit_name`)."""
    return _short(unit_name(unit, name), limit)


def _country(name: object, limit: int = 60) -> str:
    """A country the table names in English, in the active edition."""
    return _short(country_words(name), limit)


def _row_name(key: object, name: object, limit: int = LABEL_CHARS) -> str:
    """A ranked row's name; the grouped row (`12 others`) in the active edition."""
    if key == OTHER:
        return _short(others(name), limit)
    return _short(name, limit)


def _title(fig: Figure, title: str) -> None:
    """The chart's title over all its panels, wrapped to the chart's width (never cut):
    measured as panel titles and axis labels are (`_wrap_to`), not counted in letters."""
    x = 0.01
    room = fig.get_figwidth() * 72.0 * (1 - x) - PAD
    fig.suptitle(
        _wrap_to(title, room, TITLE_SIZE, "bold"),
        x=x,
        ha="left",
        fontweight="bold",
        fontsize=TITLE_SIZE,
    )


def _short(text: object, limit: int = LABEL_CHARS) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def _people_axis(ax, axis: str = "x") -> None:
    """People are whole: integer ticks only (never "0 0 1 1"), short numbers."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(MaxNLocator(nbins=4, integer=True, min_n_ticks=2))
    target.set_major_formatter(FuncFormatter(lambda v, _: fmt_people(v, short=True)))


def _usd_axis(ax) -> None:
    ax.xaxis.set_major_locator(MaxNLocator(nbins=3))
    ax.xaxis.set_major_formatter(
        FuncFormatter(lambda v, _: fmt_usd(v, short=True).removeprefix("USD "))
    )


def _rows(ax, n: int) -> list[int]:
    """Row positions top to bottom for horizontal bars with their names above them."""
    ax.set_ylim(-0.62, n - 0.3)
    ax.set_yticks([])
    ax.tick_params(axis="y", length=0)
    return list(range(n))[::-1]


BAR_DROP = 0.2  # a bar sits below its row's name line
NAME_RISE = 0.05


def _bars_y(y: list[int]) -> list[float]:
    return [v - BAR_DROP for v in y]


def _names_above(ax, y, names, right=None) -> None:
    """Each row's name above its bar at the left edge (and an optional value at the right
    edge): long names then cost the bars no width, which matters on a phone."""
    where = blended_transform_factory(ax.transAxes, ax.transData)
    for i, (yi, name) in enumerate(zip(y, names, strict=True)):
        ax.text(0, yi + NAME_RISE, name, transform=where, va="bottom", ha="left", fontsize=FONT)
        if right is not None:
            ax.text(
                1, yi + NAME_RISE, right[i], transform=where, va="bottom", ha="right", fontsize=FONT
            )


def _value_labels(ax, y, values, texts) -> None:
    for yi, v, text in zip(y, values, texts, strict=True):
        ax.annotate(
            text,
            (v or 0.0, yi - BAR_DROP),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=FONT,
        )


HIDDEN_NOTE = N_(
    "Counts shown as %(tokens)s are hidden to protect the people assisted and are not "
    "drawn one by one."
)


def _hidden_note(values) -> str:
    """The sentence an alt text ends with when some of its counts are hidden (with its
    leading space), else nothing."""
    tokens = sorted({v for v in values if is_hidden(v)})
    if not tokens:
        return ""
    return " " + gettext(HIDDEN_NOTE, tokens=or_list(tokens))


# ---------------------------------------------------------------- people reached and funding


INFOGRAPHIC_TEXT = {
    # unit: (title, title with funding, nothing to draw, alt, alt with funding)
    "platform": (
        N_("People reached by platform"),
        N_("People reached and funding by platform"),
        N_(
            "Nothing to draw: people reached in every platform is zero or hidden to protect "
            "people (see the table)."
        ),
        N_("Horizontal stacked bar chart of people reached by population type for each platform."),
        N_(
            "Horizontal stacked bar chart of people reached by population type for each "
            "platform with a second panel of budget received in US dollars."
        ),
    ),
    "country": (
        N_("People reached by country"),
        N_("People reached and funding by country"),
        N_(
            "Nothing to draw: people reached in every country is zero or hidden to protect "
            "people (see the table)."
        ),
        N_("Horizontal stacked bar chart of people reached by population type for each country."),
        N_(
            "Horizontal stacked bar chart of people reached by population type for each "
            "country with a second panel of budget received in US dollars."
        ),
    ),
    "admin-1 place": (
        N_("People reached by admin-1 place"),
        N_("People reached and funding by admin-1 place"),
        N_(
            "Nothing to draw: people reached in every admin-1 place is zero or hidden to "
            "protect people (see the table)."
        ),
        N_(
            "Horizontal stacked bar chart of people reached by population type for each "
            "admin-1 place."
        ),
        N_(
            "Horizontal stacked bar chart of people reached by population type for each "
            "admin-1 place with a second panel of budget received in US dollars."
        ),
    ),
}
"""The infographic's words for each kind of row (`Chapter.infographic_unit`)."""
PEOPLE_REACHED_AXIS = N_("People reached (persons)")
BUDGET_RECEIVED = N_("Budget received")
BUDGET_AXIS = N_("Budget (USD)")
HATCHED_NOTE = N_("A hatched segment shows what the hidden counts of a row add up to.")


def _people_count(people: object) -> int:
    """The number a count's plural form follows (a hidden count: some people)."""
    v = number(people)
    return 2 if v is None else int(v)


def _infographic_item(name: str, r, has_funding: bool) -> str:
    """One place of the infographic's alt text, as one sentence of the edition."""
    pieces = [
        gettext(
            "%(population)s %(people)s",
            population=population_label(p).lower(),
            people=fmt_people(r[p]),
        )
        for p in POPULATION_TYPES
        if number(r[p]) != 0.0
    ]
    if number(r["total"]) is None and not is_hidden(r["total"]):
        item = gettext("%(place)s: people reached not reported", place=name)
    elif pieces:
        item = ngettext(
            "%(place)s: %(people)s person (%(parts)s)",
            "%(place)s: %(people)s people (%(parts)s)",
            _people_count(r["total"]),
            place=name,
            people=fmt_people(r["total"]),
            parts=list_of(pieces),
        )
    else:
        item = ngettext(
            "%(place)s: %(people)s person",
            "%(place)s: %(people)s people",
            _people_count(r["total"]),
            place=name,
            people=fmt_people(r["total"]),
        )
    if not has_funding:
        return item
    return gettext(
        "%(place_and_people)s; budget received %(budget)s",
        place_and_people=item,
        budget=fmt_usd(r["funding_usd"], short=True),
    )


@_per_edition
def people_and_funding(
    table: pd.DataFrame | None, unit: str, *, scope_name: str = ""
) -> Chart | None:
    """The infographic: people reached by population type (stacked bars) and budget received,
    one bar per unit (platform, country or admin-1 place); the totals row is not drawn."""
    if table is None:  # the table was withheld: nothing of it may be drawn
        return None
    title_only, title_funding, nothing, alt_only, alt_funding = INFOGRAPHIC_TEXT[unit]
    units = table.drop(index=TOTAL, errors="ignore")
    has_funding = "funding_usd" in units and any(
        number(v) is not None for v in units["funding_usd"]
    )
    title = gettext(title_funding if has_funding else title_only)
    if scope_name:
        title += f" — {scope_name}"
    # What the hidden cells add up to is printed anyway (total − the shown parts): drawn as
    # one hatched segment so a row is never an empty bar.
    hidden = []
    for _, r in units.iterrows():
        shown_parts = [number(r[p]) for p in PARTS_DRAWN]
        rest = (number(r["total"]) or 0.0) - sum(v for v in shown_parts if v is not None)
        hidden.append(rest if any(is_hidden(r[p]) for p in PARTS_DRAWN) and rest > 0 else 0.0)
    drawn = any(hidden) or any(
        (number(units.at[i, p]) or 0) > 0 for i in units.index for p in PARTS_DRAWN
    )
    funded = has_funding and any((number(v) or 0) > 0 for v in units["funding_usd"])
    if not drawn and not funded:
        return _nothing(title, gettext(nothing))
    names = [_place(key, name) for key, name in zip(units.index, units["name"], strict=True)]
    n = max(len(units), 1)
    with _style():
        fig = _figure(1.5 + ROW * n)
        if has_funding:
            ax, axf = fig.subplots(1, 2, sharey=True, width_ratios=[2.6, 1])
        else:
            ax, axf = fig.subplots(), None
        y = _rows(ax, len(units))
        yb = _bars_y(y)
        left = [0.0] * len(units)
        for part in PARTS_DRAWN:
            values = [number(v) for v in units[part]]
            widths = [v if v is not None and v > 0 else 0.0 for v in values]
            ax.barh(
                yb,
                widths,
                left=left,
                color=POPULATION_COLOURS[part],
                label=population_label(part),
                height=0.5,
                edgecolor="white",
                linewidth=0.5,
            )
            left = [a + b for a, b in zip(left, widths, strict=True)]
        if any(hidden):
            ax.barh(
                yb,
                hidden,
                left=left,
                color=HIDDEN_FILL,
                edgecolor=HIDDEN_INK,
                hatch="////",
                height=0.5,
                linewidth=0.8,
                label=hidden_label(),
            )
            left = [a + b for a, b in zip(left, hidden, strict=True)]
        _names_above(ax, y, [_short(x, 30) for x in names])
        _value_labels(ax, y, left, [fmt_people(t) for t in units["total"]])
        ax.set_xlabel(gettext(PEOPLE_REACHED_AXIS))
        ax.set_xlim(0, max(left + [1.0]) * 1.3)
        _people_axis(ax)
        _title(fig, title)
        handles, labels = ax.get_legend_handles_labels()
        keep = [
            i for i, c in enumerate(ax.containers) if any(bar.get_width() > 0 for bar in c.patches)
        ]  # a legend only for what is drawn
        _legend(fig, [handles[i] for i in keep], [labels[i] for i in keep], 2)
        if axf is not None:
            funding = [number(v) for v in units["funding_usd"]]
            axf.barh(
                yb,
                [v or 0.0 for v in funding],
                color=BUDGET_COLOUR,
                height=0.5,
                label=gettext(BUDGET_RECEIVED),
            )
            _value_labels(
                axf,
                y,
                funding,
                [fmt_usd(v, short=True, missing="—").removeprefix("USD ") for v in funding],
            )
            axf.set_xlabel(gettext(BUDGET_AXIS))
            axf.set_xlim(0, max([v or 0.0 for v in funding] + [1.0]) * 1.9)
            _usd_axis(axf)
            axf.tick_params(axis="y", length=0)
            axf.set_title(gettext(BUDGET_RECEIVED), fontsize=FONT, loc="left")
        _lay_out(fig, body=ROW * len(units))
    shown = units[[*POPULATION_TYPES, "not_disaggregated"]].to_numpy().ravel()
    items = [
        _infographic_item(name, r, has_funding)
        for (_, r), name in zip(units.iterrows(), names, strict=True)
    ]
    alt = (
        gettext(alt_funding if has_funding else alt_only)
        + " "
        + _items(items)
        + "."
        + _hidden_note(shown)
        + (" " + gettext(HATCHED_NOTE) if any(hidden) else "")
    )
    return Chart(fig, alt, title)


# ---------------------------------------------------------------- reached against target

TARGET_TITLE = N_("People reached against target by population type")
TARGET = N_("Target")
REACHED = N_("Reached")
PEOPLE_AXIS = N_("People (persons)")
TARGET_ALT = N_(
    "Bar chart comparing people reached (filled bars) with the target (outlined bars) for "
    "each population type."
)


@_per_edition
def reached_against_target(table: pd.DataFrame) -> Chart | None:
    """Reached beside target for each population type that has a target."""
    if table is None:  # the table was withheld: nothing of it may be drawn
        return None
    rows = table.drop(index=TOTAL, errors="ignore")
    rows = rows[[number(t) is not None and number(t) > 0 for t in rows["target"]]]
    if rows.empty:
        return None
    title = gettext(TARGET_TITLE)
    labels = [gettext(label) for label in rows["label"]]
    with _style():
        fig = _figure(1.6 + ROW * len(rows))
        ax = fig.subplots()
        y = _rows(ax, len(rows))
        yb = _bars_y(y)
        targets = [number(t) for t in rows["target"]]
        reached = [number(r) for r in rows["reached"]]
        ax.barh(
            yb,
            targets,
            height=0.5,
            color="white",
            edgecolor=OUTLINE,
            linewidth=1,
            label=gettext(TARGET),
        )
        colours = [POPULATION_COLOURS[p] for p in rows.index]
        ax.barh(yb, [r or 0.0 for r in reached], height=0.3, color=colours, label=gettext(REACHED))
        values = []
        for t, pct, pub in zip(targets, rows["percent_of_target"], rows["reached"], strict=True):
            if number(pct) is not None:
                text = gettext(
                    "%(reached)s of %(target)s (%(percent)s)",
                    reached=fmt_people(pub),
                    target=fmt_people(t),
                    percent=fmt_percent(pct),
                )
            else:
                text = gettext(
                    "%(reached)s of %(target)s", reached=fmt_people(pub), target=fmt_people(t)
                )
            values.append(text)
        _names_above(ax, y, labels, right=values)  # the value never meets a bar
        ax.set_xlabel(gettext(PEOPLE_AXIS))
        ax.set_xlim(0, max(targets + [r or 0.0 for r in reached]) * 1.05)
        _people_axis(ax)
        _title(fig, title)
        _legend(
            fig,
            [Patch(facecolor="white", edgecolor=OUTLINE), Patch(facecolor=colours[0])],
            [gettext("Target (outline)"), gettext("Reached (filled)")],
            1,
        )
        _lay_out(fig, body=ROW * len(rows))
    items = [
        gettext(
            "%(population)s: %(reached)s reached of a target of %(target)s (%(percent)s)",
            population=label,
            reached=fmt_people(r),
            target=fmt_people(t),
            percent=fmt_percent(p),
        )
        if number(p) is not None
        else gettext(
            "%(population)s: %(reached)s reached of a target of %(target)s",
            population=label,
            reached=fmt_people(r),
            target=fmt_people(t),
        )
        for label, r, t, p in zip(
            labels, rows["reached"], rows["target"], rows["percent_of_target"], strict=True
        )
    ]
    alt = gettext(TARGET_ALT) + " " + _items(items) + "." + _hidden_note(rows["reached"])
    return Chart(fig, alt, title)


# ---------------------------------------------------------------- age and gender

AGE_GENDER_TITLE = N_("People reached by age and gender")
AGE_GENDER_SHARE_TITLE = N_("People reached by age and gender (share)")
AGE_GENDER_NOTHING = N_(
    "Nothing to draw: people reached in every age and gender group is zero or hidden to "
    "protect people (see the table)."
)
SHARE_AXIS = N_("Share of people reached (%)")
AGE_GENDER_ALT = N_("Bar chart of people reached by age and gender.")
AGE_GENDER_SHARE_ALT = N_("Bar chart of people reached by age and gender as shares.")
ITEM = N_("%(name)s: %(value)s")
"""One item of an alt text: a name and its figure."""


@_per_edition
def age_and_gender(table: pd.DataFrame) -> Chart | None:
    """People reached by age and gender, as counts, or as shares when counts are not shown;
    one neutral colour, since every bar is named."""
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
    title = gettext(AGE_GENDER_TITLE if counts else AGE_GENDER_SHARE_TITLE)
    column = "people" if counts else "share"
    values = [number(v) for v in rows[column]]
    if not any((v or 0) > 0 for v in values):
        return _nothing(title, gettext(AGE_GENDER_NOTHING))
    labels = [gettext(label) for label in rows["label"]]
    with _style():
        fig = _figure(1.3 + ROW * len(rows))
        ax = fig.subplots()
        y = _rows(ax, len(rows))
        colours = [NEUTRAL_LIGHT if k == "not_disaggregated" else NEUTRAL for k in rows.index]
        ax.barh(_bars_y(y), [v or 0.0 for v in values], color=colours, height=0.5)
        texts = [
            (fmt_people(pub) + (f" ({fmt_percent(share)})" if number(share) is not None else ""))
            if counts
            else fmt_percent(share)
            for pub, share in zip(rows[column], rows["share"], strict=True)
        ]
        _names_above(ax, y, labels)
        _value_labels(ax, y, values, texts)
        ax.set_xlim(0, max([v or 0.0 for v in values] + [1.0]) * 1.45)
        if counts:
            ax.set_xlabel(gettext(PEOPLE_REACHED_AXIS))
            _people_axis(ax)
        else:
            ax.set_xlabel(gettext(SHARE_AXIS))
        _title(fig, title)
        _lay_out(fig, body=ROW * len(rows))
    items = [
        gettext(ITEM, name=label, value=fmt_people(p) if counts else fmt_percent(s))
        for label, p, s in zip(labels, rows["people"], rows["share"], strict=True)
    ]
    alt = (
        gettext(AGE_GENDER_ALT if counts else AGE_GENDER_SHARE_ALT)
        + " "
        + _items(items)
        + "."
        + _hidden_note(rows["people"])
    )
    return Chart(fig, alt, title)


# ---------------------------------------------------------------- monthly progress

PROGRESS_TITLE = N_("Monthly progress: people reached, cumulative")
PROGRESS_NOTHING = N_(
    "Nothing to draw: people reached in every month is zero or hidden to protect people "
    "(see the table)."
)
PROGRESS_ALT = N_(
    "Bar and line chart by month from %(start)s to %(end)s: bars show new people reached "
    "each month, the line their running total, which ends at %(total)s. Monthly new "
    "people: %(months)s."
)
PROGRESS_TARGET_ALT = N_(
    "Bar and line chart by month from %(start)s to %(end)s: bars show new people reached "
    "each month, the line their running total, which ends at %(total)s against a target "
    "of %(target)s. Monthly new people: %(months)s."
)


@_per_edition
def monthly_progress(progress: pd.DataFrame | None, target=None) -> Chart | None:
    """New people each month (bars) and their running total (line), against the target."""
    if progress is None:  # the table was withheld: nothing of it may be drawn
        return None
    title = gettext(PROGRESS_TITLE)
    months = list(progress["month"])
    new = [number(v) for v in progress["new"]]
    cum = [number(v) for v in progress["cumulative"]]
    if not any((v or 0) > 0 for v in new + cum):
        return _nothing(title, gettext(PROGRESS_NOTHING))
    # one letter a month, as the edition abbreviates it (a year under its January), so
    # twelve fit on a phone
    labels = [
        month_initial(int(m[5:7])) + (f"\n{m[:4]}" if m.endswith("-01") or i == 0 else "")
        for i, m in enumerate(months)
    ]
    t = number(target)
    with _style():
        fig = _figure(3.4)
        ax = fig.subplots()
        x = list(range(len(months)))
        ax.bar(
            x,
            [v or 0.0 for v in new],
            color=NEUTRAL_LIGHT,
            width=0.6,
            label=gettext("New people in the month"),
        )
        ax.plot(
            [xi for xi, c in zip(x, cum, strict=True) if c is not None],
            [c for c in cum if c is not None],
            color=OUTLINE,
            marker="o",
            markersize=4,
            linewidth=1.8,
            label=gettext("Cumulative people reached"),
        )
        if t:
            ax.axhline(
                t,
                color=OUTLINE,
                linestyle="--",
                linewidth=1.1,
                label=gettext("Target (%(people)s)", people=fmt_people(t)),
            )
        last = next((i for i in range(len(cum) - 1, -1, -1) if cum[i] is not None), None)
        if last is not None:
            ax.annotate(
                fmt_people(progress["cumulative"].iloc[last]),
                (last, cum[last]),
                xytext=(0, 6),
                textcoords="offset points",
                ha="right",
                fontsize=FONT,
            )
        ax.set_xticks(x, labels)
        ax.grid(axis="y")
        ax.grid(axis="x", visible=False)
        ax.set_ylabel(gettext(PEOPLE_AXIS))
        _people_axis(ax, "y")
        _title(fig, title)
        _legend(fig, *ax.get_legend_handles_labels(), 2)
        _lay_out(fig)
    final = progress["cumulative"].iloc[-1] if len(progress) else None
    figures = {
        "start": months[0],
        "end": months[-1],
        "total": fmt_people(final),
        "months": _items(
            f"{m} {fmt_people(v)}" for m, v in zip(months, progress["new"], strict=True)
        ),
    }
    alt = (
        gettext(PROGRESS_TARGET_ALT, target=fmt_people(t), **figures)
        if t
        else gettext(PROGRESS_ALT, **figures)
    ) + _hidden_note([*progress["new"], *progress["cumulative"]])
    return Chart(fig, alt, title)


# ---------------------------------------------------------------- ranked bars

BY_ACTIVITY = N_("People reached by activity")
BY_PARTNER = N_("People reached by implementing partner")
REFUGEE_MIGRANT_LED = N_("Refugee- and migrant-led")
RANKED_TEXT = {
    # what a row is: (nothing to draw, alt)
    "activity": (
        N_(
            "Nothing to draw: people reached by every activity is zero or hidden to protect "
            "people (see the table)."
        ),
        N_("Horizontal bar chart of people reached by activity, largest first."),
    ),
    "implementing partner": (
        N_(
            "Nothing to draw: people reached by every implementing partner is zero or hidden "
            "to protect people (see the table)."
        ),
        N_("Horizontal bar chart of people reached by implementing partner, largest first."),
    ),
}
"""The ranked charts' words for each kind of row (`what`)."""
RANKED_ANY = (
    N_(
        "Nothing to draw: people reached in every row is zero or hidden to protect people "
        "(see the table)."
    ),
    N_("Horizontal bar chart of people reached, largest first."),
)
"""The words of a ranked chart whose rows are of no kind `RANKED_TEXT` knows."""


@_per_edition
def ranked_bars(
    table: pd.DataFrame,
    title: str,
    *,
    what: str,
    highlight: str | None = None,
    highlight_label: str = "",
) -> Chart | None:
    """People reached per activity or per organisation, largest first; `highlight` names a
    boolean column (e.g. refugee- and migrant-led) drawn in the highlight colour. `title`
    and `highlight_label` are English messages (`BY_ACTIVITY`, `BY_PARTNER`,
    `REFUGEE_MIGRANT_LED`), drawn in the active edition; `what` is what a row is (a key
    of `RANKED_TEXT`)."""
    if table is None:  # the table was withheld: nothing of it may be drawn
        return None
    rows = table.drop(index=TOTAL, errors="ignore")
    if rows.empty:
        return None
    nothing, alt_intro = RANKED_TEXT.get(what, RANKED_ANY)
    title = gettext(title)
    highlight_label = gettext(highlight_label) if highlight_label else ""
    values = [number(v) for v in rows["reached"]]
    if not any((v or 0) > 0 for v in values):
        return _nothing(title, gettext(nothing))
    flags = [
        bool(rows.at[i, highlight]) if highlight and highlight in rows else False
        for i in rows.index
    ]
    with _style():
        fig = _figure(1.3 + ROW * len(rows))
        ax = fig.subplots()
        y = _rows(ax, len(rows))
        colours = [
            HIGHLIGHT if f else (NEUTRAL_LIGHT if i == OTHER else NEUTRAL)
            for f, i in zip(flags, rows.index, strict=True)
        ]
        ax.barh(
            _bars_y(y),
            [v or 0.0 for v in values],
            color=colours,
            edgecolor=[OUTLINE if f else c for f, c in zip(flags, colours, strict=True)],
            linewidth=0.8,
            height=0.5,
        )
        texts = [
            fmt_people(pub) + (f" ({fmt_percent(share)})" if number(share) is not None else "")
            for pub, share in zip(rows["reached"], rows["share"], strict=True)
        ]
        _names_above(
            ax, y, [_row_name(k, n) for k, n in zip(rows.index, rows["name"], strict=True)]
        )
        _value_labels(ax, y, values, texts)
        ax.set_xlim(0, max([v or 0.0 for v in values] + [1.0]) * 1.5)
        ax.set_xlabel(gettext(PEOPLE_REACHED_AXIS))
        _people_axis(ax)
        _title(fig, title)
        if any(flags):
            _legend(
                fig,
                [Patch(facecolor=HIGHLIGHT, edgecolor=OUTLINE), Patch(color=NEUTRAL)],
                [highlight_label, gettext("Other organisations")],
                2,
            )
        _lay_out(fig, body=ROW * len(rows))
    items = [
        gettext(
            "%(name)s: %(people)s (%(highlight)s)",
            name=_row_name(k, n, 60),
            people=fmt_people(p),
            highlight=highlight_label.lower(),
        )
        if f
        else gettext(ITEM, name=_row_name(k, n, 60), value=fmt_people(p))
        for k, n, p, f in zip(rows.index, rows["name"], rows["reached"], flags, strict=True)
    ]
    alt = gettext(alt_intro) + " " + _items(items) + "." + _hidden_note(rows["reached"])
    return Chart(fig, alt, title)


# ---------------------------------------------------------------- funding against reach

# Where a scatter label may go around its point (points): right, then above, left, below.
LABEL_OFFSETS = [(5, 3), (5, -11), (-5, 3), (-5, -11), (0, 9), (0, -17), (12, 12), (-12, -20)]


def _place_labels(ax, xs, ys, labels, fontsize=FONT) -> None:
    """Greedy placement: each label takes the first spot round its point that overlaps no
    label placed before it and no point (boxes measured at the figure's final layout)."""
    fig = ax.figure
    to_px = ax.transData.transform
    pt = fig.dpi / 72.0
    points = [to_px((x, y)) for x, y in zip(xs, ys, strict=True)]
    radius = 4 * pt
    taken = [(px - radius, py - radius, px + radius, py + radius) for px, py in points]

    def free(box):
        return all(
            box[2] <= b[0] or box[0] >= b[2] or box[3] <= b[1] or box[1] >= b[3] for b in taken
        )

    order = sorted(range(len(labels)), key=lambda i: (-ys[i], xs[i]))
    for i in order:
        px, py = points[i]
        w, h = 0.62 * fontsize * len(labels[i]) * pt, fontsize * pt
        choice = LABEL_OFFSETS[0]
        for dx, dy in LABEL_OFFSETS:
            x0 = px + dx * pt - (w if dx < 0 else w / 2 if dx == 0 else 0)
            box = (x0, py + dy * pt, x0 + w, py + dy * pt + h)
            if free(box):
                choice = (dx, dy)
                taken.append(box)
                break
        dx, dy = choice
        ax.annotate(
            labels[i],
            (xs[i], ys[i]),
            xytext=(dx, dy),
            textcoords="offset points",
            ha="right" if dx < 0 else "center" if dx == 0 else "left",
            va="bottom",
            fontsize=fontsize,
        )


@_per_edition
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
    title = gettext("Budget received against people reached, by country")
    with _style():
        fig = _figure(4.2)
        ax = fig.subplots()
        x = [number(v) for v in rows["reached"]]
        y = [number(v) for v in rows["funding_usd"]]
        funded = [v > 0 for v in y]
        ax.scatter(
            [a for a, f in zip(x, funded, strict=True) if f],
            [b for b, f in zip(y, funded, strict=True) if f],
            s=40,
            color=NEUTRAL,
            edgecolor="white",
            linewidth=0.8,
            zorder=3,
            label=gettext("Funding recorded"),
        )
        if not all(funded):
            ax.scatter(
                [a for a, f in zip(x, funded, strict=True) if not f],
                [0.0] * funded.count(False),
                s=40,
                facecolor="white",
                edgecolor=BUDGET_COLOUR,
                linewidth=1.5,
                zorder=3,
                label=gettext("No funding recorded"),
            )
            _legend(fig, *ax.get_legend_handles_labels(), 2)
        ax.set_xlabel(gettext(PEOPLE_REACHED_AXIS))
        ax.set_ylabel(gettext("Budget received (USD)"))
        _people_axis(ax)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
        ax.yaxis.set_major_formatter(
            FuncFormatter(lambda v, _: fmt_usd(v, short=True).removeprefix("USD "))
        )
        ax.set_xlim(0, max(x) * 1.12)
        ax.set_ylim(0, max(y + [1.0]) * 1.12)
        ax.grid(axis="both")
        _title(fig, title)
        _lay_out(fig)  # the final layout, so data -> pixels is what is drawn
        drawn = [i for i, f in enumerate(funded) if f]  # unfunded sit on the axis: in the alt
        _place_labels(
            ax, [x[i] for i in drawn], [y[i] for i in drawn], [str(rows.index[i]) for i in drawn]
        )
    hidden_out = sum(1 for r in countries["reached"] if is_hidden(r))
    unreported_out = len(countries) - len(rows) - hidden_out
    left_out = ""
    if hidden_out:
        left_out += " " + gettext(
            "Countries with a hidden count, not drawn: %(count)s.",
            count=fmt_people(hidden_out),
        )
    if unreported_out:
        left_out += " " + gettext(
            "Countries with people reached or budget not reported, not drawn: %(count)s.",
            count=fmt_people(unreported_out),
        )
    items = [
        ngettext(
            "%(country)s: %(people)s person, %(budget)s",
            "%(country)s: %(people)s people, %(budget)s",
            _people_count(r),
            country=_place(key, name, 200),
            people=fmt_people(r),
            budget=fmt_usd(f, short=True),
        )
        for key, name, r, f in zip(
            rows.index, rows["name"], rows["reached"], rows["funding_usd"], strict=True
        )
    ]
    alt = (
        gettext(
            "Scatter plot of budget received (US dollars, vertical) against people reached "
            "(horizontal), one point per country labelled with its ISO3 code."
        )
        + " "
        + _items(items)
        + "."
        + left_out
    )
    return Chart(fig, alt, title)


# ---------------------------------------------------------------- situation

SITUATION_TITLE = N_("%(indicator)s, by country")
SITUATION_NOTHING = N_(
    "Nothing to draw: %(indicator)s in every country is zero or hidden to protect people "
    "(see the table)."
)
SITUATION_ALT = N_("Stacked bar chart of %(indicator)s for each country (%(unit)s).")


@_per_edition
def situation_parts(table: pd.DataFrame, group: str) -> Chart | None:
    """Indicators that split one whole (e.g. forms of exploitation, in % of identified
    victims), as one 100 % stacked bar per country, in the parts' own brown ramp. The
    indicators' and units' names are the data's own words; the countries are named in the
    active edition."""
    parts = [c for c in table.columns if c != "__unit__"]
    if table.empty or not parts:
        return None
    unit = str(table["__unit__"].iloc[0]) if "__unit__" in table else ""
    title = gettext(SITUATION_TITLE, indicator=group)
    if not any((number(v) or 0) > 0 for p in parts for v in table[p]):
        return _nothing(title, gettext(SITUATION_NOTHING, indicator=group.lower()))
    countries = [_country(n, 200) for n in table.index]
    with _style():
        fig = _figure(1.6 + ROW * len(table) + 0.2 * len(parts))
        ax = fig.subplots()
        y = _rows(ax, len(table))
        left = [0.0] * len(table)
        for i, part in enumerate(parts):
            values = [number(v) or 0.0 for v in table[part]]
            ax.barh(
                _bars_y(y),
                values,
                left=left,
                color=PART_COLOURS[i % len(PART_COLOURS)],
                label=_short(part, 45),
                height=0.5,
                edgecolor="white",
                linewidth=0.5,
            )
            left = [a + b for a, b in zip(left, values, strict=True)]
        _names_above(ax, y, [_short(n, 30) for n in countries])
        ax.set_xlim(0, max(left + [1.0]))
        ax.set_xlabel(unit.capitalize() if unit else gettext("Value"))
        _title(fig, title)
        _legend(fig, *ax.get_legend_handles_labels(), 1)
        _lay_out(fig, body=ROW * len(table))
    items = [
        gettext(
            ITEM,
            name=name,
            value=list_of(
                f"{_short(p, 45)} {fmt_number(row[p])}" for p in parts if number(row[p]) is not None
            ),
        )
        for name, (_, row) in zip(countries, table.iterrows(), strict=True)
    ]
    alt = gettext(SITUATION_ALT, indicator=group.lower(), unit=unit) + " " + _items(items) + "."
    return Chart(fig, alt, title)


# ---------------------------------------------------------------- platforms side by side

PERCENT_OF_TARGET = N_("%% of target")
PERCENT_OF_TARGET_AXIS = N_("%% of target reached")


@_per_edition
def platforms_compared(platforms: pd.DataFrame | None) -> Chart | None:
    """The regional comparison: each platform's % of target and USD per person reached."""
    if platforms is None or platforms.empty:
        return None
    pct = [number(v) for v in platforms["percent_of_target"]]
    usd = [number(v) for v in platforms["usd_per_person_reached"]]
    has_usd = any(v is not None for v in usd)
    title = gettext("Platforms side by side")
    names = [_place(k, n, 200) for k, n in zip(platforms.index, platforms["name"], strict=True)]
    with _style():
        fig = _figure(1.6 + ROW * len(platforms))
        axes = fig.subplots(
            1, 2 if has_usd else 1, sharey=True, width_ratios=[1.8, 1] if has_usd else None
        )
        axes = list(axes) if has_usd else [axes]
        y = _rows(axes[0], len(platforms))
        yb = _bars_y(y)
        axes[0].barh(yb, [v or 0.0 for v in pct], color=NEUTRAL, height=0.5)
        axes[0].axvline(100, color=OUTLINE, linestyle="--", linewidth=1)
        _names_above(axes[0], y, [_short(n, 30) for n in names])
        _value_labels(axes[0], y, pct, [fmt_percent(v) for v in pct])
        axes[0].set_xlim(0, max([v or 0.0 for v in pct] + [100.0]) * 1.35)
        axes[0].xaxis.set_major_locator(MaxNLocator(nbins=3))
        axes[0].set_xlabel(gettext(PERCENT_OF_TARGET_AXIS) % {})
        axes[0].set_title(gettext(PERCENT_OF_TARGET) % {}, fontsize=FONT, loc="left")
        if has_usd:
            axes[1].barh(yb, [v or 0.0 for v in usd], color=BUDGET_COLOUR, height=0.5)
            _value_labels(
                axes[1], y, usd, [fmt_usd(v, missing="—").removeprefix("USD ") for v in usd]
            )
            axes[1].set_xlim(0, max([v or 0.0 for v in usd] + [1.0]) * 1.7)
            axes[1].xaxis.set_major_locator(MaxNLocator(nbins=3))
            axes[1].set_xlabel(gettext("USD per person reached"))
            axes[1].tick_params(axis="y", length=0)
            axes[1].set_title(gettext("Budget per person"), fontsize=FONT, loc="left")
        _title(fig, title)
        _lay_out(fig, body=ROW * len(platforms))
    items = [
        gettext(
            "%(platform)s: %(percent)s, %(budget)s per person",
            platform=n,
            percent=fmt_percent(p),
            budget=fmt_usd(u),
        )
        if has_usd
        else gettext(ITEM, name=n, value=fmt_percent(p))
        for n, p, u in zip(
            names, platforms["percent_of_target"], platforms["usd_per_person_reached"], strict=True
        )
    ]
    intro = (
        N_(
            "Two bar charts comparing platforms: people reached as a percentage of target and "
            "budget received per person reached in US dollars."
        )
        if has_usd
        else N_("Two bar charts comparing platforms: people reached as a percentage of target.")
    )
    alt = gettext(intro) + " " + _items(items) + "."
    return Chart(fig, alt, title)
