"""Each measure's charts as static SVG, in a light and a dark variant.

* The estimates chart (estimates_chart.py), shown first: every current estimate on
  one value axis, dated or not, each labelled with who, when and the figure as written.
* The over-time chart, drawn with matplotlib only where a measure has two or more
  estimates with a stated as-of date, and showing only those. A date is drawn over the
  time it covers: a month or a year (or a period) as a horizontal span, a day as a
  point. Hedges are drawn as the hedge table says (`Hedge.marker`, `Hedge.bound`): a
  marker for a single value, an arrow to the open side of a floor or a ceiling, an
  interval for a range. Colour is the claimant; superseded estimates are faded.

Every chart has an alt text that carries each figure with its hedge, unit, claimant
and date, so the chart adds a picture and hides nothing. The table under the charts
stays the accessible source of truth.

Pure: returns SVG text. The output is byte-stable (fixed hash salt, no date).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # no display, ever

from matplotlib.axes import Axes  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.dates import date2num, num2date  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator  # noqa: E402

from . import estimates_chart as est  # noqa: E402
from . import model as m  # noqa: E402
from . import outputs as out  # noqa: E402
from .derive import Derived, MeasureView, value_key  # noqa: E402
from .i18n import _, current, ngettext  # noqa: E402
from .words import OWN_LABEL, OWN_STATEMENT, figure, quantity, when_text  # noqa: E402

FONT = 13
"""Point size of every text in the over-time chart: its SVG is 360 units wide (5 in at
72 units an inch) and shown 343 px wide on a phone, so 13 is displayed at 12.4 px."""
WIDTH_IN = est.WIDTH / 72

matplotlib.rcParams.update(
    {
        "svg.hashsalt": "factsite",  # stable ids inside the SVG
        "svg.fonttype": "none",  # text stays text: smaller, searchable, the reader's fonts
        "font.family": "sans-serif",
        "font.size": FONT,
        # Labels are contributor text: draw them as written. With mathtext on, "$x$" is
        # drawn as math and an unbalanced "$" ends the build with a traceback.
        "text.parse_math": False,
        "text.usetex": False,
    }
)

KINDS = ("estimates", "over-time")
"""The charts of a measure, in the order the page shows them."""
SCHEMES = ("light", "dark")

# Colour-blind-safe palettes (after Okabe & Ito), each colour 3:1 or more against its page
# background; claimants take colours in order of first claim.
PALETTES = {
    "light": ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#A07000"),
    "dark": ("#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#D55E00", "#FFFFFF"),
}
INK = {"light": {"ink": "#1a1a1a", "grid": "#dddddd"}, "dark": {"ink": "#ececec", "grid": "#444444"}}


def _measure_words(measure: m.Measure) -> str:
    """A measure's label inside a sentence: "People killed" -> "people killed", "WHO estimate" stays."""
    label = measure.label
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def _date_words(claim: m.Claim, derived: Derived) -> str:
    """'Apr 2025', 'date not stated, reported 1 Sep 2025' or 'date not stated'."""
    when = derived.claim_when[claim.id]
    return when_text(when) if when.date else when_text(when, in_prose=True)


# --- the estimates chart ----------------------------------------------------------------------


def rows(view: MeasureView, derived: Derived, labels: dict[str | None, str]) -> list[est.Row]:
    """Every current estimate, dated or not, lowest first (ties by claimant); figures in
    words last."""

    def key(claim: m.Claim) -> tuple:
        return (value_key(claim)[:2], labels[claim.claimant], value_key(claim)[2:])

    return [
        est.Row(
            labels[claim.claimant],
            _date_words(claim, derived),
            figure(claim.figure, view.measure.unit),
            m.HEDGE[claim.figure.hedge].bound,
            claim.figure.bounds,
        )
        for claim in sorted(view.current, key=key)
    ]


def estimates_alt(view: MeasureView, drawn: list[est.Row]) -> str:
    """>>> 'Chart of 2 current estimates of people killed, lowest to highest: 600 people (WHO, Apr 2025); …'"""
    words = _("; in words, not on the axis")
    items = [f"{r.figure} ({_sentence_who(r.who)}, {r.when}{'' if r.bounds else words})" for r in drawn]
    text = ngettext(
        "Chart of {n} current estimate of {measure}: {items}.",
        "Chart of {n} current estimates of {measure}, lowest to highest: {items}.",
        len(drawn),
    ).format(n=len(drawn), measure=_measure_words(view.measure), items="; ".join(items))
    if any(r.bound == "about" and r.bounds for r in drawn):
        text += " " + _(est.BAND_NOTE)
    return text


def _sentence_who(who: str) -> str:
    """Who, inside a sentence of the alt text."""
    return _(OWN_STATEMENT) if who == _(OWN_LABEL) else who


# --- the over-time chart ----------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """A dated numeric estimate on the over-time chart: it covers ``first`` to the end of
    ``last`` (the same day for a date given to the day)."""

    claim: m.Claim
    first: dt.date
    last: dt.date
    low: float
    high: float
    superseded: bool
    who: str
    when: str
    text: str
    """The figure as written, with its unit (for the alt text)."""

    @property
    def day(self) -> bool:
        return self.first == self.last


def marks(view: MeasureView, derived: Derived, labels: dict[str | None, str]) -> list[Mark]:
    """Every estimate of the measure with a number and a stated as-of date, superseded
    ones included, in time order. The chart is drawn only when there are two or more."""
    found = []
    for claim in view.claims:
        bounds = claim.figure.bounds
        date = derived.claim_when[claim.id].date
        if bounds is None or date is None:
            continue
        found.append(
            Mark(
                claim,
                date.start.first,
                (date.end or date.start).last,
                bounds[0],
                bounds[1],
                claim.id in derived.superseded_by,
                labels[claim.claimant],
                date.label(),
                figure(claim.figure, view.measure.unit),
            )
        )
    return found


def over_time_alt(view: MeasureView, plotted: list[Mark]) -> str:
    first, last = min(p.first for p in plotted), max(p.last for p in plotted)
    superseded = _(", superseded")
    items = [f"{p.text} ({_sentence_who(p.who)}, {p.when}{superseded if p.superseded else ''})" for p in plotted]
    return ngettext(
        "Chart of {n} dated estimate of {measure} over time, from {first} to {last}: {items}.",
        "Chart of {n} dated estimates of {measure} over time, from {first} to {last}: {items}.",
        len(plotted),
    ).format(
        n=len(plotted),
        measure=_measure_words(view.measure),
        first=current().month(first.year, first.month),
        last=current().month(last.year, last.month),
        items="; ".join(items),
    )


def _month_ticks(start: float, end: float, per_day: float) -> list[float]:
    """The first days of months, every `step` months, spaced wide enough for their labels."""
    lo, hi = num2date(start).date(), num2date(end).date()
    for step in (1, 2, 3, 4, 6, 12, 24, 60, 120):
        if step * 30.4 * per_day < est.text_width(current().month(2025, 5), FONT) + 14:
            continue
        ticks = []
        year, month = lo.year, lo.month
        while (day := dt.date(year, month, 1)) <= hi:
            if day >= lo and (year * 12 + month - 1) % step == 0:
                ticks.append(date2num(day))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if len(ticks) >= 2 or step == 1:
            return ticks if len(ticks) >= 2 else [start + (end - start) / 6, end - (end - start) / 6]
    return [start, end]


def _date_label(value: float, _: object = None) -> str:
    """'Nov 2024': an explicit month and year (a concise formatter wrote 'Nov · 2025 · Mar'),
    or the day too when ticks fall inside one month."""
    day = num2date(value).date()
    return current().day(day) if day.day != 1 else current().month(day.year, day.month)


def svg(view: MeasureView, plotted: list[Mark], scheme: str) -> str:
    ink, grid = INK[scheme]["ink"], INK[scheme]["grid"]
    colours: dict[str, str] = {}
    for mark in plotted:
        colours.setdefault(mark.who, PALETTES[scheme][len(colours) % len(PALETTES[scheme])])
    top = max(p.high for p in plotted) or 1.0
    y_ticks = [_tick(v) for v in MaxNLocator(nbins=4).tick_values(0, top * 1.25) if 0 <= v <= top * 1.25]
    unit = view.measure.unit
    left = (max(est.text_width(quantity(v, unit), FONT) for v in y_ticks) + 16) / 72

    legend: list[tuple[str, str, float]] = [
        ("\n".join(est.wrap(who, est.WIDTH - 50, FONT)), colour, 1.0) for who, colour in colours.items()
    ]
    if any(p.superseded for p in plotted):
        legend.append((_("faded: superseded (revised by a later claim)"), ink, 0.35))
    legend_lines = sum(label.count("\n") + 1 for label, _, _ in legend)
    title_h, axes_h, ticks_h = 0.4, 2.3, 0.45
    legend_h = legend_lines * FONT * 1.5 / 72 + 0.15
    height = title_h + axes_h + ticks_h + legend_h
    right = (est.text_width(_date_label(date2num(dt.date(2025, 5, 1))), FONT) / 2 + 4) / 72  # room for a last tick's label
    fig = Figure(figsize=(WIDTH_IN, height))
    # A fixed layout: bbox_inches="tight" would draw the whole figure twice.
    fig.subplots_adjust(
        left=left / WIDTH_IN, right=1 - right / WIDTH_IN, top=1 - title_h / height, bottom=(ticks_h + legend_h) / height
    )
    ax = fig.subplots()
    for mark in plotted:
        _draw(ax, mark, colours[mark.who], top)
    ax.set_ylim(0, top * 1.25)
    ax.yaxis.set_major_locator(FixedLocator(y_ticks))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: quantity(_tick(v), unit)))
    start = date2num(min(p.first for p in plotted))
    end = date2num(max(p.last for p in plotted) + dt.timedelta(days=1))
    pad = max(15.0, (end - start) * 0.06)
    ax.set_xlim(start - pad, end + pad)
    axes_w = WIDTH_IN - left - right
    ticks = _month_ticks(start - pad, end + pad, axes_w * 72 / (end - start + 2 * pad))
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_major_formatter(FuncFormatter(_date_label))
    ax.set_title(view.measure.unit, loc="left", color=ink, fontsize=FONT)  # above the axis: never clipped
    ax.grid(axis="y", color=grid, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(ink)
    ax.tick_params(colors=ink, labelsize=FONT)
    handles = [
        Line2D([], [], marker="o", linestyle="none", color=colour, alpha=alpha, label=label) for label, colour, alpha in legend
    ]
    key = fig.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(0.01, legend_h / height), frameon=False, fontsize=FONT, ncol=1
    )
    for text in key.get_texts():
        text.set_color(ink)
    fig.patch.set_alpha(0)
    ax.patch.set_alpha(0)
    buffer = io.StringIO()
    with warnings.catch_warnings():  # a glyph DejaVu lacks is drawn by the reader's fonts (svg.fonttype none)
        warnings.simplefilter("ignore", UserWarning)
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _tick(value: float) -> float:
    """A tick value without the locator's float artefacts (7500000000.000001 -> 7.5e9),
    so its label prints the round number the locator meant."""
    return float(f"{value:.10g}")


def _draw(ax: Axes, mark: Mark, colour: str, top: float) -> None:
    """One estimate: its span of time (a day: a point), its value or interval, its hedge."""
    alpha = 0.35 if mark.superseded else 1.0
    hedge = m.HEDGE[mark.claim.figure.hedge]
    x0, x1 = date2num(mark.first), date2num(mark.last + dt.timedelta(days=1))  # to the end of its last day
    middle = date2num(mark.first) if mark.day else (x0 + x1) / 2
    gid = f"span-{mark.claim.id}"
    if mark.low != mark.high:
        if mark.day:
            ax.plot(
                [middle, middle], [mark.low, mark.high], color=colour, alpha=alpha, linewidth=2.5, solid_capstyle="butt", gid=gid
            )
            ax.plot([middle] * 2, [mark.low, mark.high], linestyle="none", marker="_", markersize=10, color=colour, alpha=alpha)
        else:
            face = to_rgba(colour, 0.3 * alpha)
            edge = to_rgba(colour, alpha)
            box = Rectangle((x0, mark.low), x1 - x0, mark.high - mark.low, facecolor=face, edgecolor=edge, linewidth=1.5, gid=gid)
            ax.add_patch(box)
        return
    if not mark.day:
        ax.plot([x0, x1], [mark.low] * 2, color=colour, alpha=alpha, linewidth=3, solid_capstyle="butt", gid=gid)
    if hedge.bound in ("floor", "ceiling"):  # an arrow to the open side
        up = hedge.bound == "floor"
        ax.annotate(
            "",
            xy=(middle, mark.low + (0.12 if up else -0.12) * top),
            xytext=(middle, mark.low),
            arrowprops={"arrowstyle": "->", "color": colour, "alpha": alpha, "linewidth": 1.5},
        )
    ax.plot(
        [middle],
        [mark.low],
        marker=hedge.marker,
        markersize=8 if hedge.bound in ("floor", "ceiling") else 7,
        color=colour,
        alpha=alpha,
        linestyle="none",
        gid=f"point-{mark.claim.id}" if mark.day else None,
    )


# --- files, alt texts, cache --------------------------------------------------------------------

CHART_VERSION = "9"
"""Bump when the drawing code changes, so cached charts are redrawn."""


def fingerprint(kind: str, scheme: str, alt: str, drawn: list[est.Row] | list[Mark], view: MeasureView) -> str:
    """Everything a chart shows, hashed: equal fingerprints draw equal SVGs. The alt text
    is part of the over-time chart's file only through this; the estimates chart embeds it."""
    parts = [CHART_VERSION, matplotlib.__version__, kind, scheme, view.measure.label, view.measure.unit, alt]
    parts += [] if current().english else [current().code]  # month names on the axis
    parts += [repr(d) for d in drawn]  # every label, date, figure, bound and value
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Chart:
    """One chart of a measure, before it is drawn in a scheme."""

    kind: str
    alt: str
    drawn: list[est.Row] | list[Mark]

    def svg(self, view: MeasureView, scheme: str) -> str:
        if self.kind == "estimates":
            title = _("Current estimates of {measure}").format(measure=_measure_words(view.measure))
            return est.svg(title, self.alt, view.measure.unit, self.drawn, scheme)  # type: ignore[arg-type]
        return svg(view, self.drawn, scheme)  # type: ignore[arg-type]


def measure_charts(view: MeasureView, derived: Derived, labels: dict[str | None, str]) -> list[Chart]:
    """A measure's charts in the order the page shows them: the estimates chart when any
    current estimate has a number, the over-time chart when they have two or more different
    stated dates (estimates all of one date make no line over time)."""
    found = []
    drawn = rows(view, derived, labels)
    if any(r.bounds for r in drawn):  # figures only in words: nothing to place on an axis
        found.append(Chart("estimates", estimates_alt(view, drawn), drawn))
    plotted = marks(view, derived, labels)
    if len({(mark.first, mark.last) for mark in plotted}) >= 2:
        found.append(Chart("over-time", over_time_alt(view, plotted), plotted))
    return found


def render_charts(
    data: m.Dataset, derived: Derived, cached: Callable[[str], str | None] = lambda _: None
) -> tuple[list[out.Output], dict[tuple[str, str], list[tuple[str, str]]], dict[str, str]]:
    """Every chart file; for each charted measure, ``(question slug, measure id) -> [(kind,
    alt text)]`` in the order the page shows them; and each file's fingerprint.
    ``cached(fingerprint)`` returns an SVG drawn before, so a chart whose inputs did not
    change is never drawn again (matplotlib is the build's main cost)."""
    labels: dict[str | None, str] = {p.id: p.label for p in data.parties} | {None: _(OWN_LABEL)}
    files: list[out.Output] = []
    alts: dict[tuple[str, str], list[tuple[str, str]]] = {}
    prints: dict[str, str] = {}
    for view in derived.questions:
        owner = out.question_owner(view.question)
        for mv in view.measures:
            found = measure_charts(mv, derived, labels)
            if found:
                alts[(view.question.slug, mv.measure.id)] = [(c.kind, c.alt) for c in found]
            for chart in found:
                for scheme in SCHEMES:
                    name = out.chart(view.question.slug, mv.measure.id, chart.kind, scheme)
                    prints[name] = fingerprint(chart.kind, scheme, chart.alt, chart.drawn, mv)
                    files.append(out.Output(name, cached(prints[name]) or chart.svg(mv, scheme), owner))
    return files, alts, prints
