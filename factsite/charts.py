"""Estimates over time as static SVG, drawn at build time with matplotlib.

One mark per claim at its as-of date (or, hollow, at its source's publication date
when no as-of date is stated). Hedges are drawn as what they claim, as the hedge
table in model.py says (`Hedge.bound` and `Hedge.marker`): a point for an exact or
approximate figure, a triangle and an arrow to the open side for a floor or a
ceiling, an interval for a range.

Colour is the claimant; superseded estimates are faded. Each chart comes in a light
and a dark variant; the page shows the one for the reader's colour scheme. The
table under the chart stays the accessible source of truth.

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

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from . import model as m  # noqa: E402
from . import outputs as out  # noqa: E402
from .derive import Derived, MeasureView  # noqa: E402
from .words import number  # noqa: E402

matplotlib.rcParams.update(
    {
        "svg.hashsalt": "factsite",  # stable ids inside the SVG
        "svg.fonttype": "none",  # text stays text: smaller, searchable, the reader's fonts
        "font.family": "sans-serif",
        "font.size": 12,  # the SVG is scaled to the column: on a 375 px phone to about 0.7
        # Labels are contributor text: draw them as written. With mathtext on, "$x$" is
        # drawn as math and an unbalanced "$" ends the build with a traceback.
        "text.parse_math": False,
        "text.usetex": False,
    }
)

# Colour-blind-safe palette (Okabe & Ito); claimants take colours in order of first claim.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
SCHEMES = {"light": {"ink": "#333333", "grid": "#dddddd"}, "dark": {"ink": "#dddddd", "grid": "#444444"}}


@dataclass(frozen=True)
class Mark:
    claim: m.Claim
    when: dt.date
    stated: bool  # False: placed at the source's publication date
    low: float
    high: float
    superseded: bool
    who: str


def _day(date: m.FuzzyDate) -> dt.date:
    """The middle of the span a date covers, as the chart's x position."""
    first = date.start.first
    last = (date.end or date.start).last
    return first + (last - first) / 2


def marks(view: MeasureView, derived: Derived, labels: dict[str | None, str]) -> list[Mark]:
    out = []
    for claim in view.claims:
        bounds = claim.figure.bounds
        when = derived.claim_when[claim.id]
        if bounds is None or when.effective is None:
            continue
        out.append(
            Mark(
                claim,
                _day(when.effective),
                when.date is not None,
                bounds[0],
                bounds[1],
                claim.id in derived.superseded_by,
                labels[claim.claimant or None],
            )
        )
    return out


def alt_text(view: MeasureView, plotted: list[Mark]) -> str:
    total = len(view.claims)
    if not plotted:
        return ""
    first, last = min(p.when for p in plotted), max(p.when for p in plotted)
    span = f"from {first:%b %Y} to {last:%b %Y}" if first != last else f"in {first:%b %Y}"
    left = total - len(plotted)
    rest = f"; {left} estimate(s) without any date are only in the table" if left else ""
    return (
        f"Chart of {len(plotted)} estimate(s) of {view.measure.label.lower()} {span}{rest}. The table below lists every estimate."
    )


def svg(view: MeasureView, plotted: list[Mark], scheme: str) -> str:
    ink, grid = SCHEMES[scheme]["ink"], SCHEMES[scheme]["grid"]
    fig = Figure(figsize=(5.0, 3.7))
    # A fixed layout: bbox_inches="tight" would draw the whole figure twice.
    fig.subplots_adjust(left=0.2, right=0.96, top=0.9, bottom=0.36)
    ax = fig.subplots()
    colours: dict[str, str] = {}
    for mark in plotted:
        colours.setdefault(mark.who, PALETTE[len(colours) % len(PALETTE)])
    top = max(p.high for p in plotted)
    for mark in plotted:
        colour = colours[mark.who]
        alpha = 0.35 if mark.superseded else 1.0
        face = colour if mark.stated else "none"
        x = date2num(mark.when)
        hedge = m.HEDGE[mark.claim.figure.hedge]
        if mark.low != mark.high:
            ax.plot([x, x], [mark.low, mark.high], color=colour, alpha=alpha, linewidth=2.5, solid_capstyle="butt")
            ax.plot([x, x], [mark.low, mark.high], linestyle="none", marker="_", markersize=10, color=colour, alpha=alpha)
        else:
            if hedge.bound in ("floor", "ceiling"):  # an arrow to the open side
                up = hedge.bound == "floor"
                ax.annotate(
                    "",
                    xy=(x, mark.low + (0.12 if up else -0.12) * top),
                    xytext=(x, mark.low),
                    arrowprops={"arrowstyle": "->", "color": colour, "alpha": alpha, "linewidth": 1.5},
                )
            ax.plot(
                [x],
                [mark.low],
                marker=hedge.marker,
                markersize=8 if hedge.bound in ("floor", "ceiling") else 7,
                color=colour,
                markerfacecolor=face,
                alpha=alpha,
                linestyle="none",
            )
    ax.set_ylim(0, top * 1.25)
    days = [date2num(p.when) for p in plotted]
    ax.set_xlim(min(days) - 45, max(days) + 45)
    locator = AutoDateLocator(minticks=2, maxticks=4)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: number(round(v, 6))))
    ax.set_title(view.measure.unit, loc="left", color=ink, fontsize=12)  # above the axis: never clipped
    ax.grid(axis="y", color=grid, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(ink)
    ax.tick_params(colors=ink)
    handles = [Line2D([], [], marker="o", linestyle="none", color=c, label=who) for who, c in colours.items()]
    if any(not p.stated for p in plotted):
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="none",
                color=ink,
                markerfacecolor="none",
                label="hollow: as-of not stated, at publication date",
            )
        )
    legend = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(-0.15, -0.14), frameon=False, fontsize=11, ncol=1)
    for text in legend.get_texts():
        text.set_color(ink)
    fig.patch.set_alpha(0)
    ax.patch.set_alpha(0)
    out = io.StringIO()
    with warnings.catch_warnings():  # a glyph DejaVu lacks is drawn by the reader's fonts (svg.fonttype none)
        warnings.simplefilter("ignore", UserWarning)
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


CHART_VERSION = "7"
"""Bump when the drawing code changes, so cached charts are redrawn."""


def fingerprint(view: MeasureView, plotted: list[Mark], scheme: str) -> str:
    """Everything a chart shows, hashed: equal fingerprints draw equal SVGs."""
    parts = [CHART_VERSION, matplotlib.__version__, scheme, view.measure.label, view.measure.unit]
    parts += [f"{p.claim.figure.hedge}|{p.when}|{p.stated}|{p.low}|{p.high}|{p.superseded}|{p.who}" for p in plotted]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def render_charts(
    data: m.Dataset, derived: Derived, cached: Callable[[str], str | None] = lambda _: None
) -> tuple[list[out.Output], dict[tuple[str, str], str], dict[str, str]]:
    """Every chart file, each charted measure's alt text, and each file's fingerprint.
    ``cached(fingerprint)`` returns an SVG drawn before, so a chart whose inputs did not
    change is never drawn again (matplotlib is the build's main cost)."""
    labels: dict[str | None, str] = {p.id: p.label for p in data.parties}
    labels[None] = "unattributed"
    files: list[out.Output] = []
    alts: dict[tuple[str, str], str] = {}
    prints: dict[str, str] = {}
    for view in derived.questions:
        owner = out.question_owner(view.question)
        for mv in view.measures:
            plotted = marks(mv, derived, labels)
            if not plotted:
                continue
            alts[(view.question.slug, mv.measure.id)] = alt_text(mv, plotted)
            for scheme in SCHEMES:
                name = out.chart(view.question.slug, mv.measure.id, scheme)
                prints[name] = fingerprint(mv, plotted, scheme)
                files.append(out.Output(name, cached(prints[name]) or svg(mv, plotted, scheme), owner))
    return files, alts, prints
