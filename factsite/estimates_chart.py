"""The estimates chart: every current estimate of a measure on one value axis, as SVG.

One row per estimate, lowest first, each labelled directly (who, when, the figure as
written) and drawn as its hedge says (the hedge table's ``bound``):

    exact    a point              about    a point in a shaded band (±10%)
    floor    a bar running off    ceiling  a bar from the axis start up to the
             to the right, with            value, ending in a tick
             an arrowhead
    range    an interval          about + range: an interval with soft ends

A figure given only in words gets its row and no mark. Direct labels make a key
unnecessary; the text under the axis says what the shading means.

Written by hand, like the chart over time (over_time_chart.py): the rows are text
first, and every text passes through `xml` once, so contributor text is drawn exactly
as written and can never become markup. Pure: rows in, SVG text out, the same bytes
every time.

Sized for a phone: the image is shown at most `WIDTH` px wide and fills the column
(343 px on a 375 px phone), so text of `FONT` px is displayed at
``FONT * 343 / WIDTH`` ≥ 12 px.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from .i18n import N_, _
from .words import quantity

WIDTH = 360
"""The natural width in px (the page's CSS shows charts at most this wide)."""
PHONE_COLUMN = 343
FONT = 13
assert FONT * PHONE_COLUMN / WIDTH >= 12, "chart text must read at 12 px on a phone"
LINE = 17  # line height
PAD = 8
X0, X1 = PAD + 6, WIDTH - PAD - 10  # the value axis; room on the right for a floor's arrowhead
TRACK = 20  # height of a row's mark
ABOUT_BAND = 0.10
"""Half-width of the band drawn around an "about" figure, as a share of the value. It only
marks the figure as approximate: it is not a margin any source gave or anyone computed."""
BAND_NOTE = N_("Shading around an “about” figure only marks it as approximate (±10%); it is not a computed margin.")

SCHEMES = {
    # Text colours reach 4.5:1 or more on the page background of their scheme
    # (Material: white; slate ≈ #1e2129); tests/test_charts.py checks the ratios.
    "light": {"background": "#ffffff", "ink": "#1a1a1a", "muted": "#545454", "grid": "#d6d6d6", "mark": "#0072b2"},
    "dark": {"background": "#1e2129", "ink": "#ececec", "muted": "#b4b8c0", "grid": "#3d424d", "mark": "#56b4e9"},
}


@dataclass(frozen=True)
class Row:
    """One current estimate as the chart draws it; every field is shown or shapes a mark."""

    who: str
    when: str
    figure: str
    bound: str
    """The hedge table's bound: exact, about, floor, ceiling or range."""
    bounds: tuple[float, float] | None
    """Low and high; None for a figure in words (no mark)."""


# --- text -----------------------------------------------------------------------------

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml(text: str) -> str:
    """Any text -> XML character data or attribute value, inert and shown as written.

    >>> xml('<script>"&\\'')
    '&lt;script&gt;&quot;&amp;&#39;'

    Characters XML cannot carry at all (control characters; the loader refuses them
    anyway) become U+FFFD rather than a file no browser opens.
    """
    text = _NOT_XML.sub("\ufffd", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


def isolated(text: str) -> str:
    """Right-to-left text in first-strong isolates, so a Hebrew or Arabic name does not
    reorder the date written after it. The isolates are invisible; the text is unchanged."""
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
        return f"\u2068{text}\u2069"
    return text


def char_width(ch: str, bold: bool = False) -> float:
    """A generous estimate of a character's advance in em, for any sans-serif a reader has."""
    if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf":
        return 0.0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch == " ":
        return 0.32
    base = 0.72 if ch.isupper() or ch.isdigit() or ch in "—–%&@" else 0.58
    return base * (1.08 if bold else 1.0)


def text_width(text: str, size: float = FONT, bold: bool = False) -> float:
    return size * sum(char_width(ch, bold) for ch in text)


def wrap(text: str, width: float, size: float = FONT, bold: bool = False) -> list[str]:
    """Lines of at most ``width`` px, broken at spaces; a word too long for a line is
    broken inside. Nothing is left out: joining the lines gives the text back."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:  # only a word longer than a whole line gets here with content left
            if line and text_width(line + ch, size, bold) > width:
                lines.append(line)
                line = ""
            line += ch
    lines.append(line)
    return lines


# --- the value axis ---------------------------------------------------------------------


def axis(top: float, unit: str = "") -> tuple[float, list[float]]:
    """The axis's end, a little above the largest bound (room for the ±10% band), and its
    ticks: round steps, as many as fit without their labels (`quantity`) touching."""
    end = top * (1 + ABOUT_BAND + 0.02) if top > 0 else 1.0
    exponent = math.floor(math.log10(end))
    for power in range(exponent - 2, exponent + 2):
        for step_digits in ("1", "2", "2.5", "5"):
            step = Decimal(step_digits).scaleb(power)
            count = int(Decimal(repr(end)) // step) + 1
            if count > 5:  # too many before any label is measured (a small step makes hundreds)
                continue
            ticks = [float(step * k) for k in range(count)]
            spacing = float(step) / end * (X1 - X0)
            if spacing >= max(text_width(quantity(t, unit)) for t in ticks) + 12:
                return end, ticks
    return end, [0.0]


def x_of(value: float, end: float) -> float:
    return X0 + min(value, end) / end * (X1 - X0)


# --- drawing -----------------------------------------------------------------------------


def _f(value: float) -> str:
    """A coordinate, rounded so the same chart is the same bytes everywhere."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, text: str, fill: str, *, bold: bool = False, anchor: str = "start", cls: str = "") -> str:
    attrs = f' class="{cls}"' if cls else ""
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text{attrs} x="{_f(x)}" y="{_f(y)}" font-size="{FONT}"{weight} text-anchor="{anchor}" fill="{fill}">{xml(text)}</text>'
    )


def mark(row: Row, cy: float, end: float, colour: str) -> list[str]:
    """The shapes of one row's mark, in a group whose class names its bound."""
    assert row.bounds is not None
    low, high = row.bounds
    a, b = x_of(low, end), x_of(high, end)
    parts: list[str] = []
    line = f'stroke="{colour}" stroke-width="3" stroke-linecap="butt"'
    if row.bound == "about":
        # The band only says "approximately": ±10% of each end, faint.
        band_a, band_b = x_of(low * (1 - ABOUT_BAND), end), x_of(high * (1 + ABOUT_BAND), end)
        parts.append(
            f'<rect class="band" x="{_f(band_a)}" y="{_f(cy - 7)}" width="{_f(band_b - band_a)}" height="14" '
            f'fill="{colour}" fill-opacity="0.25"/>'
        )
        if low != high:
            parts.append(f'<rect class="interval" x="{_f(a)}" y="{_f(cy - 4)}" width="{_f(b - a)}" height="8" fill="{colour}"/>')
        else:
            parts.append(
                f'<path class="point" d="M{_f(a)} {_f(cy - 6)}L{_f(a + 6)} {_f(cy)}L{_f(a)} {_f(cy + 6)}L{_f(a - 6)} {_f(cy)}Z" '
                f'fill="{colour}"/>'
            )
    elif row.bound == "floor":
        tip = X1 + 8
        parts.append(f'<line class="tick" x1="{_f(a)}" y1="{_f(cy - 7)}" x2="{_f(a)}" y2="{_f(cy + 7)}" {line}/>')
        parts.append(f'<line class="bar" x1="{_f(a)}" y1="{_f(cy)}" x2="{_f(tip - 7)}" y2="{_f(cy)}" {line}/>')
        parts.append(
            f'<path class="arrow" d="M{_f(tip)} {_f(cy)}L{_f(tip - 9)} {_f(cy - 6)}L{_f(tip - 9)} {_f(cy + 6)}Z" fill="{colour}"/>'
        )
    elif row.bound == "ceiling":
        parts.append(f'<line class="bar" x1="{_f(X0)}" y1="{_f(cy)}" x2="{_f(b)}" y2="{_f(cy)}" {line} stroke-opacity="0.6"/>')
        parts.append(f'<line class="tick" x1="{_f(b)}" y1="{_f(cy - 8)}" x2="{_f(b)}" y2="{_f(cy + 8)}" {line}/>')
    elif low != high:  # a range
        parts.append(f'<rect class="interval" x="{_f(a)}" y="{_f(cy - 4)}" width="{_f(b - a)}" height="8" fill="{colour}"/>')
        for x in (a, b):
            parts.append(f'<line class="tick" x1="{_f(x)}" y1="{_f(cy - 7)}" x2="{_f(x)}" y2="{_f(cy + 7)}" {line}/>')
    else:  # exact
        parts.append(f'<circle class="point" cx="{_f(a)}" cy="{_f(cy)}" r="5" fill="{colour}"/>')
    return [f'<g class="mark {row.bound}">', *parts, "</g>"]


def row_lines(row: Row) -> tuple[list[str], list[str]]:
    """A row's label lines: who and when (muted), then the figure as written (bold).
    The date stays whole on the last line of the claimant's name when it fits."""
    room = WIDTH - 2 * PAD
    who = [isolated(line) for line in wrap(row.who, room)]
    last = f"{who[-1]} · {row.when}"
    if text_width(last) <= room:
        who[-1] = last
    else:
        who[-1] += " ·"
        who += wrap(row.when, room)
    return who, wrap(row.figure, room, bold=True)


def svg(title: str, alt: str, unit: str, rows: list[Row], scheme: str) -> str:
    """The chart for ``rows`` (already in display order) in one colour scheme."""
    colours = SCHEMES[scheme]
    numeric = [r.bounds for r in rows if r.bounds is not None]
    end, ticks = axis(max((high for _, high in numeric), default=0.0), unit)
    body: list[str] = []
    y = PAD
    first_track = None
    for row in rows:
        who, fig = row_lines(row)
        for line in who:
            y += LINE
            body.append(_text(PAD, y - 4, line, colours["muted"], cls="who"))
        for line in fig:
            y += LINE
            body.append(_text(PAD, y - 4, line, colours["ink"], bold=True, cls="figure"))
        cy = y + TRACK / 2 + 1
        first_track = first_track if first_track is not None else y
        if row.bounds is None:
            body.append(_text(X0, cy + 4.5, _("given in words: no point on the axis"), colours["muted"], cls="no-mark"))
        else:
            body.append(
                f'<line class="track" x1="{_f(X0)}" y1="{_f(cy)}" x2="{_f(X1)}" y2="{_f(cy)}" stroke="{colours["grid"]}" stroke-width="1"/>'
            )
            body += mark(row, cy, end, colours["mark"])
        y += TRACK + 10
    axis_y = y
    grid = [
        f'<line class="grid" x1="{_f(x_of(t, end))}" y1="{_f(first_track or PAD)}" x2="{_f(x_of(t, end))}" y2="{_f(axis_y)}" '
        f'stroke="{colours["grid"]}" stroke-width="1"/>'
        for t in ticks
    ]
    foot = [f'<line class="axis" x1="{_f(X0)}" y1="{_f(axis_y)}" x2="{_f(X1)}" y2="{_f(axis_y)}" stroke="{colours["muted"]}"/>']
    y = axis_y + LINE
    for t in ticks:
        x = x_of(t, end)
        label = quantity(t, unit)
        half = text_width(label) / 2
        anchor = "start" if x - half < 0 else "end" if x + half > WIDTH else "middle"
        foot.append(f'<line x1="{_f(x)}" y1="{_f(axis_y)}" x2="{_f(x)}" y2="{_f(axis_y + 4)}" stroke="{colours["muted"]}"/>')
        foot.append(_text(x, y, label, colours["muted"], anchor=anchor, cls="tick-label"))
    for line in wrap(unit, WIDTH - 2 * PAD):
        y += LINE
        foot.append(_text(WIDTH / 2, y, line, colours["ink"], anchor="middle", cls="unit"))
    if any(r.bound == "about" and r.bounds for r in rows):
        y += 4
        for line in wrap(_(BAND_NOTE), WIDTH - 2 * PAD):
            y += LINE
            foot.append(_text(PAD, y, line, colours["muted"], cls="note"))
    return document(title, alt, y + PAD, [*grid, *body, *foot])


def document(title: str, alt: str, bottom: float, parts: list[str]) -> str:
    """A chart's SVG file: ``WIDTH`` wide and tall enough for ``bottom``, an image named by
    its title and described by its alt text (both as text), then its drawn parts."""
    height = math.ceil(bottom)
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        'role="img" aria-labelledby="title desc" font-family="sans-serif">',
        f'<title id="title">{xml(title)}</title>',
        f'<desc id="desc">{xml(alt)}</desc>',
    ]
    return "\n".join([*head, *parts, "</svg>"]) + "\n"
