"""The charts: every current estimate on the estimates chart, drawn as its hedge says and
labelled as written; the over-time chart only for two or more dated estimates, dates drawn
over the time they cover; text readable on a phone; the same bytes every build."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factsite import charts
from factsite import estimates_chart as est
from factsite import model as m
from factsite import outputs as out
from factsite import over_time_chart as ot
from factsite.audit import audit_svg
from factsite.charts import render_charts
from factsite.derive import Derived, MeasureView, derive
from factsite.i18n import speaking
from factsite.pipeline import check
from factsite.words import figure
from tests.conftest import WAR_FACTS, write_tree

SVG = "{http://www.w3.org/2000/svg}"
PLAIN = {"svg", "title", "desc", "g", "line", "rect", "circle", "path", "text"}
"""The only elements a chart is drawn with: shapes and text, nothing that runs or links."""
PHONE_COLUMN = 343  # px: the page column on a 375 px phone

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "amp": 'Smith & "Sons" l\'agence',
    "math": "$x^2$ costs $5",
    "rtl": "وزارة الدفاع",
    "brace": r"a_b^c {d} \alpha",
}
"""Party id -> its name: contributor text the charts must draw exactly as written."""


def _party(pid: str, name: str) -> str:
    return f"  - id: {pid}\n    name: {json.dumps(name)}\n    kind: expert\n"


# Every hedge; dated (day, month, year, period) and undated; a figure in words; a revised claim.
CLAIMS = """
claims:
  - id: c-old
    claimant: script
    as_of: 2024-12
    figure: {hedge: exact, value: 80}
    sources: [{source: s, quote: Q 80.}]
  - id: c-exact
    claimant: script
    as_of: 2025-01-15
    revises: c-old
    figure: {hedge: exact, value: 100}
    sources: [{source: s, quote: Q 100.}]
  - id: c-about
    claimant: amp
    as_of: 2025-04
    figure: {hedge: about, value: 200}
    sources: [{source: s, quote: Q about 200.}]
  - id: c-about-range
    claimant: math
    figure: {hedge: about, low: 150, high: 250}
    sources: [{source: s, quote: Q about 150 to 250.}]
  - id: c-floor
    claimant: rtl
    figure: {hedge: at least, value: 300}
    sources: [{source: s, quote: Q at least 300.}]
  - id: c-more-than
    figure: {hedge: more than, value: 50}
    sources: [{source: s, quote: Q more than 50.}]
  - id: c-ceiling
    claimant: brace
    as_of: 2025
    figure: {hedge: up to, value: 400}
    sources: [{source: s, quote: Q up to 400.}]
  - id: c-as-many-as
    claimant: f
    figure: {hedge: as many as, value: 120}
    sources: [{source: s, quote: Q as many as 120.}]
  - id: c-range
    claimant: g
    as_of: 2024-10/2025-02
    figure: {hedge: range, low: 220, high: 260}
    sources: [{source: s, quote: Q 220 to 260.}]
  - id: c-words
    claimant: h
    figure: {hedge: exact, words: several hundred}
    sources: [{source: s, quote: Q several hundred.}]
"""

FACTS = {
    "parties.yaml": "parties:\n"
    + "".join(_party(pid, name) for pid, name in HOSTILE.items())
    + "".join(_party(pid, f"Party {pid.upper()}") for pid in "fgh"),
    "sources.yaml": "sources:\n  - id: s\n    title: T\n    publisher: unknown\n    published: 2025-03-01\n    language: en\n",
    "questions/q.yaml": "question:\n  slug: q\n  ask: How many?\n  order: 1\n"
    "  measures: [{id: total, label: Troops sent, unit: troops}]\n" + CLAIMS,
    "questions/one.yaml": "question:\n  slug: one\n  ask: How many once?\n  order: 2\n"
    "  measures: [{id: total, label: Boats, unit: boats}, {id: words, label: Tanks, unit: tanks}]\n"
    "claims:\n"
    "  - {id: o-dated, measure: total, claimant: f, as_of: 2025-02, figure: {hedge: exact, value: 3},"
    " sources: [{source: s, quote: Q 3.}]}\n"
    "  - {id: o-undated, measure: total, claimant: g, figure: {hedge: about, value: 5}, sources: [{source: s, quote: Q about 5.}]}\n"
    "  - {id: o-words, measure: words, claimant: g, figure: {hedge: exact, words: a few}, sources: [{source: s, quote: Q a few.}]}\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[m.Dataset, Derived, dict[str, str], dict]:
    data = check(write_tree(tmp_path_factory.mktemp("charts") / "facts", FACTS))
    derived = derive(data)
    files, alts, _ = render_charts(data, derived)
    return data, derived, {f.path: f.text for f in files}, alts


def _view(derived: Derived, slug: str, measure: str = "total") -> MeasureView:
    return next(mv for v in derived.questions if v.question.slug == slug for mv in v.measures if mv.measure.id == measure)


def _texts(svg: str, cls: str | None = None) -> list[str]:
    """Every <text>'s content as a reader sees it (entities resolved by the XML parser)."""
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if cls is None or t.get("class") == cls]


def _estimates(files: dict[str, str], slug: str = "q", scheme: str = "light") -> str:
    return files[out.chart(slug, "total", "estimates", scheme)]


# --- the estimates chart ------------------------------------------------------------------------


def test_every_current_estimate_dated_or_not_is_a_row(built) -> None:
    data, derived, files, _ = built
    view = _view(derived, "q")
    assert len(view.current) == 9
    for scheme in charts.SCHEMES:
        figures = _texts(_estimates(files, scheme=scheme), "figure")
        assert sorted(figures) == sorted(figure(c.figure, "troops") for c in view.current)
        assert "80 troops" not in figures  # superseded: never current


def test_rows_run_from_lowest_to_highest_with_words_last(built) -> None:
    _, _, files, _ = built
    assert _texts(_estimates(files), "figure") == [
        "more than 50 troops",
        "100 troops",
        "as many as 120 troops",
        "about 150–250 troops",
        "about 200 troops",
        "220–260 troops",
        "at least 300 troops",
        "up to 400 troops",
        "several hundred troops",
    ]


def test_each_row_names_who_and_when(built) -> None:
    _, _, files, _ = built
    who = " ".join(_texts(_estimates(files), "who"))  # a long line wraps after " ·"
    assert "The article's own statement · date not stated, reported 1 Mar 2025" in who
    assert "Party G · Oct 2024 – Feb 2025" in who
    assert "\u2068وزارة الدفاع\u2069 · date not stated, reported 1 Mar 2025" in who  # isolated: the date stays after it


def _marks(svg: str) -> dict[str, list[ET.Element]]:
    root = ET.fromstring(svg)
    return {g.get("class", "").split()[1]: list(g) for g in root.iter(f"{SVG}g") if "mark" in g.get("class", "").split()}


def _shape(children: list[ET.Element]) -> frozenset[str]:
    return frozenset(f"{c.tag.removeprefix(SVG)}.{c.get('class')}" for c in children)


def test_each_hedge_is_drawn_as_what_it_claims(tmp_path: Path) -> None:
    end = 500.0
    rows = {
        bound: est.Row("who", "when", "fig", bound, bounds)
        for bound, bounds in [("exact", (100, 100)), ("about", (200, 200)), ("floor", (300, 300)), ("ceiling", (400, 400))]
    }
    rows["range"] = est.Row("who", "when", "fig", "range", (220, 260))
    rows["about range"] = est.Row("who", "when", "fig", "about", (150, 250))
    shapes = {name: _shape([ET.fromstring(p) for p in est.mark(row, 50, end, "#000")[1:-1]]) for name, row in rows.items()}
    assert len(set(shapes.values())) == len(shapes), shapes  # no two hedges look alike
    assert [name for name, shape in shapes.items() if "path.arrow" in shape] == ["floor"]  # only a floor runs off
    assert shapes["exact"] == {"circle.point"}
    assert "rect.band" in shapes["about"] and "rect.band" in shapes["about range"]
    assert shapes["range"] == {"rect.interval", "line.tick"}
    # a floor starts at its value and runs to the right edge; a ceiling runs from the axis start to its value
    floor = {e.get("class"): e for e in (ET.fromstring(p) for p in est.mark(rows["floor"], 50, end, "#000")[1:-1])}
    assert float(floor["tick"].get("x1")) == pytest.approx(est.x_of(300, end), abs=0.01)
    assert float(floor["bar"].get("x2")) > est.X1
    ceiling = {e.get("class"): e for e in (ET.fromstring(p) for p in est.mark(rows["ceiling"], 50, end, "#000")[1:-1])}
    assert float(ceiling["bar"].get("x1")) == est.X0
    assert float(ceiling["tick"].get("x1")) == pytest.approx(est.x_of(400, end), abs=0.01)
    # an interval spans low to high
    interval = next(ET.fromstring(p) for p in est.mark(rows["range"], 50, end, "#000") if "interval" in p)
    assert float(interval.get("width")) == pytest.approx(est.x_of(260, end) - est.x_of(220, end), abs=0.02)


def test_the_chart_draws_every_hedge_of_the_table(built) -> None:
    _, _, files, _ = built
    drawn = _marks(_estimates(files))
    assert {m.HEDGE[h].bound for h in m.HEDGES} == set(drawn)
    assert len(ET.fromstring(_estimates(files)).findall(f".//{SVG}g")) == 8  # the figure in words has no mark
    assert "given in words: no point on the axis" in _texts(_estimates(files), "no-mark")


@pytest.mark.parametrize("pid", HOSTILE)
def test_hostile_labels_are_drawn_as_written_and_stay_text(built, pid: str) -> None:
    _, _, files, _ = built
    for name, svg in files.items():
        if "/q/" not in name or ("/over-time-" in name and pid in ("math", "rtl")):  # those two are undated
            continue
        assert any(HOSTILE[pid] in text for text in _texts(svg)), name
        assert "<script" not in svg and "javascript:" not in svg.lower()
    svg = _estimates(files)
    assert HOSTILE[pid] in ET.fromstring(svg).find(f"{SVG}desc").text  # the alt text inside the file too


def test_the_svg_is_plain_accessible_markup(built, tmp_path: Path) -> None:
    _, _, files, _ = built
    for name, svg in files.items():
        path = tmp_path / name.replace("/", "_")
        path.write_text(svg, encoding="utf-8")
        assert audit_svg(path) == [], name
        root = ET.fromstring(svg)
        assert root.get("role") == "img"
        assert [c.tag.removeprefix(SVG) for c in root][:2] == ["title", "desc"]
        tags = {e.tag.removeprefix(SVG) for e in root.iter()}
        assert tags <= PLAIN, tags
        assert not any(k.endswith("href") for e in root.iter() for k in e.attrib)


@pytest.mark.parametrize(
    "text, expected",
    [('<a href="x">&\'', "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"), ("bell\x07", "bell\ufffd"), ("ok", "ok")],
)
def test_xml_escapes_everything(text: str, expected: str) -> None:
    assert est.xml(text) == expected


def test_a_long_label_wraps_and_nothing_is_cut() -> None:
    who = "The Joint Intelligence Committee of the Ministry of Defence and Foreign Affairs of Ruritania"
    row = est.Row(
        who, "date not stated, reported 1 Sep 2025", "about 10,000–12,000 troops in the Kursk region", "about", (10, 12)
    )
    svg = est.svg("t", "alt", "troops", [row], "light")
    lines = _texts(svg, "who")
    assert len(lines) >= 3 and " ".join(lines).replace(" · ", " ") == f"{who} {row.when}"
    assert all(est.text_width(line) <= est.WIDTH - 2 * est.PAD for line in lines)
    assert " ".join(_texts(svg, "figure")) == row.figure
    height = float(ET.fromstring(svg).get("height"))
    assert all(float(t.get("y")) < height for t in ET.fromstring(svg).iter(f"{SVG}text"))


def test_the_axis_starts_at_zero_and_reads_in_words() -> None:
    end, ticks = est.axis(2_500_000)
    assert ticks[0] == 0 and end >= 2_500_000 * 1.1 and ticks[-1] <= end
    assert [est.quantity(t) for t in ticks] == ["0", "1 million", "2 million"]
    end, ticks = est.axis(4.5)
    assert all(float(str(t)) == t for t in ticks)  # no 0.30000000000000004


# --- the over-time chart --------------------------------------------------------------------------


def test_the_over_time_chart_needs_two_dated_estimates(built) -> None:
    _, _, files, alts = built
    assert [kind for kind, _ in alts[("q", "total")]] == ["estimates", "over-time"]
    assert [kind for kind, _ in alts[("one", "total")]] == ["estimates"]  # one dated, one undated
    assert ("one", "words") not in alts  # only a figure in words: nothing to place on an axis
    assert not any(name.startswith("charts/one/words/") for name in files)
    assert not any(name.startswith("charts/one/total/over-time") for name in files)


def test_estimates_all_of_one_date_make_no_chart_over_time(tmp_path: Path) -> None:
    facts = write_tree(
        tmp_path / "facts",
        {
            "all.yaml": """
                parties:
                  - {id: a, name: A, kind: expert}
                  - {id: b, name: B, kind: expert}
                sources:
                  - {id: s, title: S, publisher: unknown, published: 2031-03-20, language: en}
                question:
                  slug: q
                  ask: How many?
                  order: 1
                  measures: [{id: total, label: Total, unit: people}]
                claims:
                  - {id: x, claimant: a, as_of: 2031-03-18, figure: {hedge: about, value: 10}, sources: [{source: s, quote: Q about 10.}]}
                  - {id: y, claimant: b, as_of: 2031-03-18, figure: {hedge: about, value: 20}, sources: [{source: s, quote: Q about 20.}]}
            """
        },
    )
    data = check(facts)
    _, alts, _ = render_charts(data, derive(data))
    assert [kind for kind, _ in alts[("q", "total")]] == ["estimates"]


def _ticks(root: ET.Element) -> list[tuple[float, str]]:
    """The date axis's ticks: (x of the tick, its label)."""
    return [
        (float(group.find(f"{SVG}line").get("x1")), "".join(group.find(f"{SVG}text").itertext()))
        for group in root.iter(f"{SVG}g")
        if group.get("class") == "date-tick"
    ]


def _x_extent(root: ET.Element, gid: str) -> tuple[float, float]:
    element = next(e for e in root.iter() if e.get("id") == gid)
    tag = element.tag.removeprefix(SVG)
    if tag == "rect":
        return float(element.get("x")), float(element.get("x")) + float(element.get("width"))
    if tag == "line":
        return float(element.get("x1")), float(element.get("x2"))
    if tag == "circle":
        return float(element.get("cx")), float(element.get("cx"))
    xs = [float(v) for v in re.findall(r"-?\d+\.?\d*", element.get("d"))[0::2]]
    return (min(xs) + max(xs)) / 2, (min(xs) + max(xs)) / 2  # a shape centred on its day


def _per_day(root: ET.Element) -> tuple[float, dt.date, float]:
    """The date axis's scale: px a day, and one tick's day and x (from its month label)."""
    (x_a, label_a), (x_b, label_b) = _ticks(root)[0], _ticks(root)[-1]
    day_a, day_b = (dt.datetime.strptime(label, "%b %Y").date() for label in (label_a, label_b))
    return (x_b - x_a) / (day_b - day_a).days, day_a, x_a


def test_only_dated_estimates_are_drawn_over_time_each_over_its_span(built) -> None:
    _, _, files, _ = built
    root = ET.fromstring(files[out.chart("q", "total", "over-time", "light")])
    ids = {e.get("id") for e in root.iter()}
    assert {"span-c-about", "span-c-ceiling", "span-c-range", "span-c-old", "point-c-exact"} <= ids
    assert not {i for i in ids if i and i.endswith(("c-floor", "c-more-than", "c-about-range", "c-as-many-as", "c-words"))}
    ticks = _ticks(root)
    assert len(ticks) >= 2 and all(re.fullmatch(r"(\d{1,2} )?[A-Z][a-z]{2} \d{4}", label) for _, label in ticks)
    per_day, day_a, x_a = _per_day(root)
    low, high = _x_extent(root, "span-c-about")  # Apr 2025: 30 days
    assert (high - low) / per_day == pytest.approx(30, abs=0.2)
    assert low == pytest.approx(x_a + (dt.date(2025, 4, 1) - day_a).days * per_day, abs=0.1)
    low, high = _x_extent(root, "span-c-ceiling")  # 2025: a year
    assert (high - low) / per_day == pytest.approx(365, abs=0.5)
    low, high = _x_extent(root, "span-c-range")  # Oct 2024 to Feb 2025, a period
    assert (high - low) / per_day == pytest.approx((dt.date(2025, 3, 1) - dt.date(2024, 10, 1)).days, abs=0.5)
    low, high = _x_extent(root, "point-c-exact")  # 15 Jan 2025: a point at the start of its day
    assert low == high == pytest.approx(x_a + (dt.date(2025, 1, 15) - day_a).days * per_day, abs=0.1)
    superseded = next(g for g in root.iter(f"{SVG}g") if any(e.get("id") == "span-c-old" for e in g))
    assert "superseded" in superseded.get("class").split() and superseded.get("opacity") == str(ot.FADED) == "0.35"
    assert all(g.get("opacity") is None for g in root.iter(f"{SVG}g") if "superseded" not in g.get("class", ""))


def test_month_ticks_say_month_and_year() -> None:
    data = check(WAR_FACTS)
    derived = derive(data)
    files, _, _ = render_charts(data, derived)
    over_time = [f for f in files if "/over-time-" in f.path]
    assert over_time
    for f in over_time:
        labels = [label for _, label in _ticks(ET.fromstring(f.text))]
        assert labels and all(re.fullmatch(r"(\d{1,2} )?[A-Z][a-z]{2} \d{4}", label) for label in labels), labels


def _mark(
    first: dt.date,
    last: dt.date | None = None,
    low: float = 100,
    high: float | None = None,
    hedge: str = "exact",
    who: str = "Party A",
    superseded: bool = False,
    cid: str = "c",
) -> ot.Mark:
    h = m.HEDGE[hedge]
    high = low if high is None else high
    return ot.Mark(cid, first, last or first, low, high, h.bound, h.marker, superseded, who, "when", "text")


def _parts(mark: ot.Mark) -> dict[str, ET.Element]:
    """One mark drawn from x 100 (to 200 when it covers more than a day), a value v at y 300 - v,
    by each shape's class."""
    group = ET.fromstring(
        "".join(ot.mark_parts(mark, 100, 200, lambda v: 300 - v, 300, "#000")).replace("<g ", f'<g xmlns="{SVG[1:-1]}" ', 1)
    )
    return {e.get("class"): e for e in group}


def _centre(shape: ET.Element) -> tuple[float, float]:
    if shape.get("cx"):
        return float(shape.get("cx")), float(shape.get("cy"))
    if shape.get("x1"):
        return (float(shape.get("x1")) + float(shape.get("x2"))) / 2, (float(shape.get("y1")) + float(shape.get("y2"))) / 2
    numbers = [float(v) for v in re.findall(r"-?\d+\.?\d*", shape.get("d"))]
    xs, ys = numbers[0::2], numbers[1::2]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


D = dt.date(2025, 3, 10)
MONTH = (dt.date(2025, 3, 1), dt.date(2025, 3, 31))


@pytest.mark.parametrize("hedge", m.HEDGES)
@pytest.mark.parametrize("span", [False, True], ids=["day", "month"])
def test_every_hedge_is_drawn_over_time_as_the_table_says(hedge: str, span: bool) -> None:
    h = m.HEDGE[hedge]
    assert h.marker in ot.SHAPES  # the table names a shape this writer draws
    first, last = MONTH if span else (D, D)
    low, high = (50, 80) if h.takes_range and not h.takes_value else (50, 50)
    parts = _parts(_mark(first, last, low, high, hedge, cid="x"))
    mark_id = {e.get("id") for e in parts.values()} - {None}
    assert mark_id == ({"span-x"} if span or low != high else {"point-x"})
    if low != high:  # a range: an interval from low to high, no single-value shape
        assert not any(cls.startswith("marker ") and e.get("id") for cls, e in parts.items())
        interval = parts["interval"]
        if span:
            assert (float(interval.get("x")), float(interval.get("width"))) == (100, 100)
            assert (float(interval.get("y")), float(interval.get("height"))) == (300 - 80, 30)
        else:  # a vertical bar at its day
            assert {interval.get("y1"), interval.get("y2")} == {"250", "220"}
            assert interval.get("x1") == interval.get("x2") == "100"
        return
    shape = parts[f"marker {h.marker}"]
    assert _centre(shape) == pytest.approx((150 if span else 100, 250), abs=0.5)  # in the middle of its time, at its value
    if span:
        line = parts["span"]
        assert (line.get("x1"), line.get("x2"), line.get("y1"), line.get("y2")) == ("100", "200", "250", "250")
    arrow = parts.get("arrow")
    if h.bound in ("floor", "ceiling"):  # an arrow from the value toward the open side
        ys = [float(v) for v in re.findall(r"-?\d+\.?\d*", arrow.get("d"))[1::2]]
        tip = min(ys) if h.bound == "floor" else max(ys)
        assert ys[0] == 250 and abs(tip - 250) == ot.ARROW
        assert (tip < 250) == (h.bound == "floor")
    else:
        assert arrow is None


def test_hedges_that_say_different_things_have_different_shapes() -> None:
    shapes = {h.bound: h.marker for h in m.HEDGE_TABLE}
    assert len(set(shapes.values())) == len(shapes)
    assert set(shapes.values()) == set(ot.SHAPES)  # no shape without a hedge, no hedge without a shape


def test_a_ceiling_near_zero_points_down_to_the_axis_not_beyond() -> None:
    arrow = _parts(_mark(D, low=5, hedge="up to"))["arrow"]
    assert max(float(v) for v in re.findall(r"-?\d+\.?\d*", arrow.get("d"))[1::2]) <= 300


def _chart(marks: list[ot.Mark], unit: str = "troops", scheme: str = "light", alt: str = "alt") -> ET.Element:
    return ET.fromstring(ot.svg("Title", alt, unit, marks, scheme))


def _label_extents(root: ET.Element, cls: str) -> list[tuple[float, float, float]]:
    """(left, right, baseline) of each text of ``cls``, from its anchor and its width as the writer measures it."""
    found = []
    for text in root.iter(f"{SVG}text"):
        if text.get("class") != cls:
            continue
        x, width = float(text.get("x")), est.text_width("".join(text.itertext()))
        left = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor")]
        found.append((left, left + width, float(text.get("y"))))
    return found


RANGES = [
    (dt.date(2025, 3, 10), dt.date(2025, 3, 12)),  # two days: a month begins at most once on the axis
    (dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
    (dt.date(2025, 1, 31), dt.date(2025, 3, 1)),
    (dt.date(2024, 10, 1), dt.date(2025, 12, 31)),
    (dt.date(2022, 2, 24), dt.date(2025, 9, 1)),
    (dt.date(1990, 1, 1), dt.date(2025, 3, 3)),
    (dt.date(1900, 1, 1), dt.date(2100, 12, 31)),  # the loader's whole range of years
]


@pytest.mark.parametrize("lang", ["en", "uk"])
@pytest.mark.parametrize("top", [3, 45, 8_700_000_000, 123_456_789_012])
@pytest.mark.parametrize("first, last", RANGES, ids=lambda d: d.isoformat())
def test_axis_labels_never_overlap_and_stay_inside(lang: str, top: float, first: dt.date, last: dt.date) -> None:
    with speaking(lang):
        root = _chart([_mark(first, low=top / 2, cid="a"), _mark(last, low=top, cid="b")], unit="US$ in damage")
    dates = _label_extents(root, "date-label")
    assert len(dates) >= 2, dates
    assert all(left >= 0 and right <= est.WIDTH for left, right, _ in dates), dates
    assert all(b[0] - a[1] >= ot.TICK_GAP for a, b in zip(dates, dates[1:], strict=False)), dates
    values = _label_extents(root, "tick-label")
    assert len(values) >= 3 and all(left >= 0 for left, _, _ in values), values
    baselines = sorted(y for _, _, y in values)
    assert all(b - a >= est.FONT + 4 for a, b in zip(baselines, baselines[1:], strict=False)), baselines
    ticks = [x for x, _ in _ticks(root)]
    assert ticks == sorted(ticks)


def test_the_value_axis_starts_at_zero_in_round_steps() -> None:
    end, ticks = ot.value_axis(8_700_000_000)
    assert ticks[0] == 0 and ticks[-1] <= end and end >= 8_700_000_000 * 1.2 and 3 <= len(ticks) <= 5
    assert [est.quantity(t, "US$ in damage") for t in ticks] == [
        "US$0",
        "US$2.5 billion",
        "US$5 billion",
        "US$7.5 billion",
        "US$10 billion",
    ]
    for top in (0, 0.3, 1, 7, 45, 100, 4_700, 99_999):
        end, ticks = ot.value_axis(top)
        assert ticks[0] == 0 and 3 <= len(ticks) <= 5 and ticks[-1] <= end and top < end, (top, ticks)
        assert all(float(str(t)) == t for t in ticks)  # no 0.30000000000000004


def _key(root: ET.Element) -> list[str]:
    return [
        " ".join("".join(t.itertext()) for t in g.iter(f"{SVG}text")) for g in root.iter(f"{SVG}g") if g.get("class") == "key"
    ]


def test_the_key_names_every_claimant_once_in_order_of_first_appearance(built) -> None:
    _, _, files, _ = built
    root = ET.fromstring(files[out.chart("q", "total", "over-time", "dark")])
    assert _key(root) == [
        "Party G",
        "<script>alert(1)</script>",
        'Smith & "Sons" l\'agence',
        "a_b^c {d} \\alpha",
        "faded: superseded (revised by a later claim)",
    ]
    swatches = [g.find(f"{SVG}rect").get("fill") for g in root.iter(f"{SVG}g") if g.get("class") == "key"]
    assert swatches[:4] == list(ot.PALETTES["dark"][:4]) and swatches[4] == ot.INK["dark"]["ink"]
    colour = {g.get("id"): g.get("fill") or g.get("stroke") for g in root.iter() if g.get("id")}
    assert colour["span-c-range"] == ot.PALETTES["dark"][0] and colour["point-c-exact"] == ot.PALETTES["dark"][1]


def test_a_long_or_right_to_left_name_wraps_in_the_key_and_nothing_is_cut() -> None:
    long = "The Joint Intelligence Committee of the Ministry of Defence and Foreign Affairs of Ruritania"
    marks = [_mark(dt.date(2025, 1, 1), who=long), _mark(dt.date(2025, 5, 1), who="وزارة الدفاع 🙂", superseded=True, cid="d")]
    root = _chart(marks)
    lines = [["".join(t.itertext()) for t in g.iter(f"{SVG}text")] for g in root.iter(f"{SVG}g") if g.get("class") == "key"]
    assert len(lines[0]) >= 2 and " ".join(lines[0]) == long
    assert all(est.text_width(line) <= est.WIDTH - 2 * est.PAD - ot.KEY_INDENT for line in lines[0])
    assert lines[1] == ["\u2068وزارة الدفاع 🙂\u2069"]  # isolated, as written
    assert len(lines) == 3  # and the faded entry
    height = float(root.get("height"))
    assert all(float(t.get("y")) < height for t in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("name", [*HOSTILE.values(), "]]><script>alert(1)</script>", "&amp; &#x3C;", "a\x07b"])
def test_hostile_text_over_time_is_drawn_as_written_and_stays_text(name: str) -> None:
    marks = [_mark(dt.date(2025, 1, 1), who=name), _mark(dt.date(2025, 4, 1), who="B", cid="d")]
    text = ot.svg(name, f"alt {name}", name, marks, "light")
    root = ET.fromstring(text)  # well-formed whatever the names say
    shown = name.replace("\x07", "\ufffd")
    assert est.isolated(shown) in _key(root) and shown in _texts(text, "unit")
    assert root.find(f"{SVG}title").text == shown and root.find(f"{SVG}desc").text == f"alt {shown}"
    assert {e.tag.removeprefix(SVG) for e in root.iter()} <= PLAIN
    assert "<script" not in text


SAME = """
import datetime as dt, hashlib, sys
from factsite import charts, over_time_chart as ot
marks = [
    ot.Mark("a", dt.date(2024, 12, 1), dt.date(2024, 12, 31), 80, 80, "exact", "circle", True, "A", "Dec 2024", "80"),
    ot.Mark("b", dt.date(2025, 1, 15), dt.date(2025, 1, 15), 90, 120, "range", "interval", False, "B", "15 Jan 2025", "90–120"),
    ot.Mark("c", dt.date(2025, 1, 1), dt.date(2025, 12, 31), 150, 150, "floor", "triangle-up", False, "C", "2025", "at least 150"),
]
print(hashlib.sha256(ot.svg("T", "alt", "troops", marks, "dark").encode()).hexdigest())
print(sorted({name.split(".")[0] for name in sys.modules} & {"matplotlib", "numpy", "PIL"}))
"""


def test_the_same_marks_draw_the_same_bytes_in_any_process() -> None:
    """No set order, hash seed, clock or counter reaches the drawing; and no plotting library
    is loaded to draw it (matplotlib cost ~55 ms a chart, issue 14)."""
    runs = {
        subprocess.run(
            [sys.executable, "-c", SAME],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[1],
            env=dict(os.environ, PYTHONHASHSEED=seed),
        ).stdout
        for seed in ("1", "2", "random")
    }
    assert len(runs) == 1
    digest, heavy = runs.pop().splitlines()
    assert len(digest) == 64 and heavy == "[]"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
            st.integers(0, 800),
            st.integers(0, 10**15).map(lambda n: n / 1000),  # what the loader reads: up to 1e12, a few decimals
            st.floats(0, 1, allow_nan=False),
            st.sampled_from(m.HEDGES),
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60),
            st.booleans(),
        ),
        min_size=2,
        max_size=8,
    )
)
def test_any_marks_make_a_well_formed_chart_with_readable_axes(drawn: list) -> None:
    marks = [
        _mark(
            first,
            first + dt.timedelta(days=days),
            low,
            low * (1 + spread) if m.HEDGE[hedge].takes_range else low,
            hedge,
            who,
            old,
            f"c{i}",
        )
        for i, (first, days, low, spread, hedge, who, old) in enumerate(drawn)
    ]
    root = _chart(marks)
    dates = _label_extents(root, "date-label")
    assert len(dates) >= 2 and all(b[0] - a[1] >= ot.TICK_GAP for a, b in zip(dates, dates[1:], strict=False)), dates
    assert len(_label_extents(root, "tick-label")) >= 3
    whos = list(dict.fromkeys(mk.who for mk in marks))  # each claimant once, in order, nothing cut
    key = [k.replace(" ", "").replace("\u2068", "").replace("\u2069", "") for k in _key(root)]
    assert key[: len(whos)] == [w.replace(" ", "") for w in whos]
    assert len(key) == len(whos) + any(mk.superseded for mk in marks)
    assert len([g for g in root.iter(f"{SVG}g") if (g.get("class") or "").startswith("mark ")]) == len(marks)


# --- both charts -------------------------------------------------------------------------------------


def _font_px(element: ET.Element) -> float | None:
    own = element.get("font-size")
    if own is None:
        found = re.search(r"font-size:\s*([\d.]+)px", element.get("style", ""))
        own = found.group(1) if found else None
    return float(own) if own is not None else None


def test_text_reads_at_12px_or_more_on_a_phone(built) -> None:
    _, _, files, _ = built
    for name, svg in files.items():
        root = ET.fromstring(svg)
        width = float(root.get("viewBox").split()[2])
        texts = [t for t in root.iter(f"{SVG}text") if "".join(t.itertext()).strip()]
        assert texts, name
        for text in texts:
            size = _font_px(text)
            assert size is not None and size * min(PHONE_COLUMN, width) / width >= 12, (name, size, width)
        assert width == est.WIDTH  # the page's CSS shows charts at most this wide


def test_the_same_facts_draw_the_same_bytes(built) -> None:
    data, derived, files, alts = built
    again, alts_again, _ = render_charts(data, derived)
    assert {f.path: f.text for f in again} == files and alts_again == alts


def test_alt_texts_carry_every_figure_with_who_and_when(built) -> None:
    _, derived, files, alts = built
    for kind, alt in alts[("q", "total")]:  # inside each file too, as its description
        for scheme in charts.SCHEMES:
            assert ET.fromstring(files[out.chart("q", "total", kind, scheme)]).find(f"{SVG}desc").text == alt
    estimates, over_time = (alt for _, alt in alts[("q", "total")])
    assert estimates.startswith("Chart of 9 current estimates of troops sent, lowest to highest: more than 50 troops (")
    assert "about 150–250 troops ($x^2$ costs $5, date not stated, reported 1 Mar 2025)" in estimates
    assert "more than 50 troops (the article's own statement, date not stated, reported 1 Mar 2025)" in estimates
    assert "several hundred troops (Party H, date not stated, reported 1 Mar 2025; in words, not on the axis)" in estimates
    assert "not a computed margin" in estimates
    for claim in _view(derived, "q").current:
        assert figure(claim.figure, "troops") in estimates
    assert over_time.startswith("Chart of 5 dated estimates of troops sent over time, from Oct 2024 to Dec 2025: ")
    assert "80 troops (<script>alert(1)</script>, Dec 2024, superseded)" in over_time
    assert "more than 50" not in over_time


def test_fingerprints_cover_each_chart_and_the_cache_is_used(built) -> None:
    data, derived, files, _ = built
    drawn, _, prints = render_charts(data, derived)
    assert set(prints) == set(files) and len(set(prints.values())) == len(prints)
    cached, _, _ = render_charts(data, derived, lambda fp: f"cached {fp}")
    assert all(f.text == f"cached {prints[f.path]}" for f in cached)
    # a changed label changes the fingerprint of every chart that shows it
    view = _view(derived, "q")
    rows = charts.rows(view, derived, {p.id: p.label for p in data.parties} | {None: charts.OWN_LABEL})
    changed = [dataclasses.replace(rows[0], who=rows[0].who + "!"), *rows[1:]]
    assert charts.fingerprint("estimates", "light", "a", rows, view) != charts.fingerprint(
        "estimates", "light", "a", changed, view
    )


def test_colours_are_readable_on_both_page_backgrounds() -> None:
    def luminance(colour: str) -> float:
        rgb = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    def contrast(a: str, b: str) -> float:
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    for scheme, colours in est.SCHEMES.items():
        background = colours["background"]
        for role in ("ink", "muted"):
            assert contrast(colours[role], background) >= 4.5, (scheme, role)
        assert contrast(colours["mark"], background) >= 3, scheme
        assert contrast(ot.INK[scheme]["ink"], background) >= 4.5, scheme
        for colour in ot.PALETTES[scheme]:
            assert contrast(colour, background) >= 3, (scheme, colour)


def test_chart_paths_sit_in_a_folder_per_measure(built) -> None:
    _, _, files, _ = built
    assert out.chart("q", "total", "over-time", "dark") == "charts/q/total/over-time-dark.svg"
    for name in files:
        assert re.fullmatch(r"charts/[a-z0-9-]+/[a-z0-9-]+/(estimates|over-time)-(light|dark)\.svg", name), name
