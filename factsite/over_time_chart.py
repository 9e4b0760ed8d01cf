"""The over-time chart: a measure's dated estimates on a time axis, as SVG.

Each estimate is drawn over the time its date covers, at its value, as its hedge says:

    a day                     a mark at that day (id ``point-<claim id>``)
    a month, a year, a period a bar from its first day to the end of its last
                              (id ``span-<claim id>``), its mark in the middle
    a range                   an interval: on a day a vertical bar with caps, over a
                              span a shaded box (id ``span-<claim id>``)
    a floor or a ceiling      an arrow from the value to the open side: up, or down
    the mark                  the hedge table's shape (``Hedge.marker``, one of `SHAPES`)

Colour is the claimant, in order of first appearance; superseded estimates are faded.
The key under the axis names each claimant once; the page's key explains the shapes.

The estimates chart's sibling (estimates_chart.py), written the same way: every text
passes through `xml` once, so contributor text is drawn exactly as written and can never
become markup; coordinates are rounded by `_f`. Pure: marks in, SVG text out, the same
bytes every time. 360 units wide with 13-unit text, so it reads at 12 px or more on a phone.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from .estimates_chart import LINE, PAD, WIDTH, _f, _text, document, isolated, text_width, wrap, xml
from .i18n import _, current
from .words import quantity

# Colour-blind-safe palettes (after Okabe & Ito), each colour 3:1 or more against its page
# background (tests/test_charts.py checks); claimants take colours in order of first claim.
PALETTES = {
    "light": ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#A07000"),
    "dark": ("#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#D55E00", "#FFFFFF"),
}
INK = {"light": {"ink": "#1a1a1a", "grid": "#dddddd"}, "dark": {"ink": "#ececec", "grid": "#444444"}}

PLOT_HEIGHT = 166
HEADROOM = 1.25
"""The value axis runs from 0 to this times the highest value: room for a floor's arrow."""
ARROW = 18  # length of a floor's or a ceiling's arrow
FADED = 0.35
"""Opacity of a superseded estimate."""
TICK_GAP = 8  # the least room between two date labels
KEY_INDENT = 18  # the key's text, right of its colour swatch
MONTH_STEPS = (1, 2, 3, 4, 6, 12, 24, 60, 120, 240, 600, 1200)
"""Months between date ticks: the first of these whose labels do not touch is used."""
MOST_TICKS = int((WIDTH + TICK_GAP) // (text_width("2000") + TICK_GAP))
"""More date labels than this cannot fit side by side: each holds a four-digit year at least."""


@dataclass(frozen=True)
class Mark:
    """A dated numeric estimate: it covers ``first`` to the end of ``last`` (the same day
    for a date given to the day). Every field is shown, shapes a mark or names it."""

    id: str
    """The claim's id: the drawing's element ids (``span-<id>``, ``point-<id>``)."""
    first: dt.date
    last: dt.date
    low: float
    high: float
    bound: str
    """The hedge table's bound: exact, about, floor, ceiling or range."""
    shape: str
    """The hedge table's marker: a key of `SHAPES`."""
    superseded: bool
    who: str
    when: str
    text: str
    """The figure as written, with its unit (for the alt text)."""

    @property
    def day(self) -> bool:
        return self.first == self.last


# --- the marks ---------------------------------------------------------------------------


def _polygon(cls: str, points: list[tuple[float, float]], colour: str, gid: str) -> str:
    d = "M" + "L".join(f"{_f(x)} {_f(y)}" for x, y in points) + "Z"
    return f'<path{gid} class="marker {cls}" d="{d}" fill="{colour}"/>'


SHAPES: dict[str, Callable[[float, float, str, str], str]] = {
    # Each draws one value at (x, y); ``gid`` is the element's id attribute, or "".
    "circle": lambda x, y, colour, gid: f'<circle{gid} class="marker circle" cx="{_f(x)}" cy="{_f(y)}" r="4.5" fill="{colour}"/>',
    "diamond": lambda x, y, colour, gid: _polygon("diamond", [(x, y - 6), (x + 5.5, y), (x, y + 6), (x - 5.5, y)], colour, gid),
    "triangle-up": lambda x, y, colour, gid: _polygon("triangle-up", [(x, y - 5.5), (x + 6, y + 5), (x - 6, y + 5)], colour, gid),
    "triangle-down": lambda x, y, colour, gid: _polygon(
        "triangle-down", [(x, y + 5.5), (x + 6, y - 5), (x - 6, y - 5)], colour, gid
    ),
    # A range whose ends are equal: the cap an interval ends in.
    "interval": lambda x, y, colour, gid: (
        f'<line{gid} class="marker interval" x1="{_f(x - 5)}" y1="{_f(y)}" x2="{_f(x + 5)}" y2="{_f(y)}" '
        f'stroke="{colour}" stroke-width="2"/>'
    ),
}
"""How a single value is drawn, by the hedge table's ``marker`` name."""


def _id(prefix: str, mark: Mark) -> str:
    return f' id="{prefix}-{xml(mark.id)}"'


def mark_parts(mark: Mark, x0: float, x1: float, y: Callable[[float], float], floor_y: float, colour: str) -> list[str]:
    """One estimate's shapes, in a group whose class names its bound: ``x0`` to ``x1`` is the
    time it covers (one x for a day), ``y`` maps a value to its height, ``floor_y`` is the
    axis (a ceiling's arrow stops there)."""
    faded = f' opacity="{FADED}"' if mark.superseded else ""
    parts = [f'<g class="mark {mark.bound}{" superseded" if mark.superseded else ""}"{faded}>']
    middle = x0 if mark.day else (x0 + x1) / 2
    if mark.low != mark.high:
        top, bottom = y(mark.high), y(mark.low)
        if mark.day:
            parts.append(
                f'<line{_id("span", mark)} class="interval" x1="{_f(middle)}" y1="{_f(bottom)}" x2="{_f(middle)}" '
                f'y2="{_f(top)}" stroke="{colour}" stroke-width="2.5"/>'
            )
            parts += [SHAPES["interval"](middle, end, colour, "") for end in (bottom, top)]
        else:
            parts.append(
                f'<rect{_id("span", mark)} class="interval" x="{_f(x0)}" y="{_f(top)}" width="{_f(x1 - x0)}" '
                f'height="{_f(bottom - top)}" fill="{colour}" fill-opacity="0.3" stroke="{colour}" stroke-width="1.5"/>'
            )
        return [*parts, "</g>"]
    at = y(mark.low)
    if not mark.day:
        parts.append(
            f'<line{_id("span", mark)} class="span" x1="{_f(x0)}" y1="{_f(at)}" x2="{_f(x1)}" y2="{_f(at)}" '
            f'stroke="{colour}" stroke-width="3"/>'
        )
    if mark.bound in ("floor", "ceiling"):  # an arrow to the open side
        tip = at - ARROW if mark.bound == "floor" else min(at + ARROW, floor_y)
        head = 5 if mark.bound == "floor" else -5
        parts.append(
            f'<path class="arrow" d="M{_f(middle)} {_f(at)}L{_f(middle)} {_f(tip)}M{_f(middle - 4)} {_f(tip + head)}'
            f'L{_f(middle)} {_f(tip)}L{_f(middle + 4)} {_f(tip + head)}" fill="none" stroke="{colour}" stroke-width="1.5"/>'
        )
    parts.append(SHAPES[mark.shape](middle, at, colour, _id("point", mark) if mark.day else ""))
    return [*parts, "</g>"]


# --- the axes ----------------------------------------------------------------------------


def value_axis(top: float) -> tuple[float, list[float]]:
    """The value axis's end (`HEADROOM` above the highest value) and its ticks from 0:
    the smallest round step that makes at most four steps.

    >>> value_axis(8.7e9)
    (10875000000.0, [0.0, 2500000000.0, 5000000000.0, 7500000000.0, 10000000000.0])
    """
    end = top * HEADROOM if top > 0 else 1.0
    exponent = math.floor(math.log10(end))
    for power in (exponent - 1, exponent):
        for digits in ("1", "2", "2.5", "5"):
            step = Decimal(digits).scaleb(power)
            count = int(Decimal(repr(end)) // step)
            if count <= 4:
                return end, [float(step * k) for k in range(count + 1)]
    return end, [0.0]  # not reached: a step of 2 × 10^exponent always fits


def _label_extents(ticks: list[tuple[float, str]]) -> list[tuple[float, float, float]]:
    """Each date label's centre and extent, kept inside the image."""
    found = []
    for x, label in ticks:
        half = text_width(label) / 2
        centre = min(max(x, half + 1), WIDTH - half - 1)
        found.append((centre, centre - half, centre + half))
    return found


def _apart(ticks: list[tuple[float, str]]) -> bool:
    extents = _label_extents(ticks)
    return all(b[1] - a[2] >= TICK_GAP for a, b in zip(extents, extents[1:], strict=False))


def date_ticks(lo: float, hi: float, x: Callable[[float], float]) -> list[tuple[float, str]]:
    """Ticks for the days ``lo`` to ``hi`` (proleptic ordinals) as (x, label): the first of
    each month, every few months, as close as their labels allow without touching; two
    days a third of the axis apart when fewer than two months begin on it."""
    first, last = dt.date.fromordinal(math.ceil(lo)), dt.date.fromordinal(math.floor(hi))
    months = []
    year, month = first.year, first.month
    while (day := dt.date(year, month, 1)) <= last:
        if day >= first:
            months.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for step in MONTH_STEPS:
        chosen = [d for d in months if (d.year * 12 + d.month - 1) % step == 0]
        if len(chosen) < 2:
            break
        if len(chosen) > MOST_TICKS:  # cannot fit: no need to write and measure the labels
            continue
        ticks = [(x(d.toordinal()), current().month(d.year, d.month)) for d in chosen]
        if _apart(ticks):
            return ticks
    days = [dt.date.fromordinal(round(lo + (hi - lo) * share)) for share in (1 / 6, 5 / 6)]
    return [(x(d.toordinal()), current().day(d) if d.day != 1 else current().month(d.year, d.month)) for d in days]


# --- the chart ---------------------------------------------------------------------------


def colours_of(marks: list[Mark], scheme: str) -> dict[str, str]:
    """Each claimant's colour, in order of first appearance (the palette repeats past its end)."""
    palette = PALETTES[scheme]
    colours: dict[str, str] = {}
    for mark in marks:
        colours.setdefault(mark.who, palette[len(colours) % len(palette)])
    return colours


def svg(title: str, alt: str, unit: str, marks: list[Mark], scheme: str) -> str:
    """The chart of ``marks`` (two or more, in drawing order) in one colour scheme."""
    ink, grid = INK[scheme]["ink"], INK[scheme]["grid"]
    colours = colours_of(marks, scheme)
    end, values = value_axis(max(mark.high for mark in marks))
    labels = [quantity(v, unit) for v in values]
    left = min(PAD + max(text_width(label) for label in labels) + 8, WIDTH / 2)  # long labels never squeeze the plot away
    right = WIDTH - PAD - 20  # room for the last date label's right half
    body: list[str] = []
    y = float(PAD)
    for line in wrap(unit, WIDTH - 2 * PAD) if unit else []:  # the unit, as the value axis's title
        y += LINE
        body.append(_text(PAD, y - 4, line, ink, cls="unit"))
    plot_top = y + 12
    bottom = plot_top + PLOT_HEIGHT

    def y_of(value: float) -> float:
        return bottom - min(max(value, 0.0), end) / end * PLOT_HEIGHT

    start = min(mark.first for mark in marks).toordinal()
    stop = max(mark.last for mark in marks).toordinal() + 1  # the end of the last day
    pad = max(15.0, (stop - start) * 0.06)
    lo, hi = start - pad, stop + pad

    def x_of(day: float) -> float:
        return left + (day - lo) / (hi - lo) * (right - left)

    axes = []
    for value, label in zip(values, labels, strict=True):
        at = y_of(value)
        line = f'<line x1="{_f(left)}" y1="{_f(at)}" x2="{_f(right)}" y2="{_f(at)}" stroke="{grid}" stroke-width="0.8"/>'
        axes += [
            '<g class="value-tick">',
            *([line] if value else []),  # 0 is the axis itself
            f'<line x1="{_f(left - 4)}" y1="{_f(at)}" x2="{_f(left)}" y2="{_f(at)}" stroke="{ink}"/>',
            _text(left - 7, at + 4.5, label, ink, anchor="end", cls="tick-label"),
            "</g>",
        ]
    axes.append(
        f'<path class="axis" d="M{_f(left)} {_f(plot_top)}V{_f(bottom)}H{_f(right)}" fill="none" stroke="{ink}" stroke-width="1"/>'
    )
    ticks = date_ticks(lo, hi, x_of)
    for (x, label), (centre, _a, _b) in zip(ticks, _label_extents(ticks), strict=True):
        axes += [
            '<g class="date-tick">',
            f'<line x1="{_f(x)}" y1="{_f(bottom)}" x2="{_f(x)}" y2="{_f(bottom + 4)}" stroke="{ink}"/>',
            _text(centre, bottom + LINE + 2, label, ink, anchor="middle", cls="date-label"),
            "</g>",
        ]
    drawn = []
    for mark in marks:
        x0, x1 = x_of(mark.first.toordinal()), x_of(mark.last.toordinal() + 1)
        drawn += mark_parts(mark, x0, x1, y_of, bottom, colours[mark.who])
    y = bottom + LINE + 2 + 14
    key: list[tuple[str, str, float]] = [(who, colour, 1.0) for who, colour in colours.items()]
    if any(mark.superseded for mark in marks):
        key.append((_("faded: superseded (revised by a later claim)"), ink, FADED))
    for text, colour, opacity in key:
        lines = wrap(text, WIDTH - 2 * PAD - KEY_INDENT)
        faded = f' opacity="{opacity}"' if opacity != 1 else ""
        drawn += [
            '<g class="key">',
            f'<rect x="{_f(PAD)}" y="{_f(y + 3.5)}" width="10" height="10" rx="2" fill="{colour}"{faded}/>',
        ]
        for line in lines:
            y += LINE
            drawn.append(_text(PAD + KEY_INDENT, y - 4, isolated(line), ink))
        drawn.append("</g>")
        y += 3
    return document(title, alt, y + PAD, [*body, *axes, *drawn])
