"""The charts: every current estimate on the estimates chart, drawn as its hedge says and
labelled as written; the over-time chart only for two or more dated estimates, dates drawn
over the time they cover; text readable on a phone; the same bytes every build."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from factsite import charts
from factsite import estimates_chart as est
from factsite import model as m
from factsite import outputs as out
from factsite.audit import audit_svg
from factsite.charts import render_charts
from factsite.derive import Derived, MeasureView, derive
from factsite.pipeline import check
from factsite.words import figure
from tests.conftest import WAR_FACTS, write_tree

SVG = "{http://www.w3.org/2000/svg}"
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
        if "/estimates-" not in name:
            continue
        root = ET.fromstring(svg)
        assert root.get("role") == "img"
        assert [c.tag.removeprefix(SVG) for c in root][:2] == ["title", "desc"]
        tags = {e.tag.removeprefix(SVG) for e in root.iter()}
        assert tags <= {"svg", "title", "desc", "g", "line", "rect", "circle", "path", "text"}, tags
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
    found = []
    for group in root.iter(f"{SVG}g"):
        if re.fullmatch(r"xtick_\d+", group.get("id", "")):
            use = next(group.iter(f"{SVG}use"))
            found.append((float(use.get("x")), "".join(next(group.iter(f"{SVG}text")).itertext())))
    return found


def _x_extent(root: ET.Element, gid: str) -> tuple[float, float]:
    group = next(g for g in root.iter(f"{SVG}g") if g.get("id") == gid)
    numbers = [float(v) for v in re.findall(r"-?\d+\.?\d*", next(group.iter(f"{SVG}path")).get("d"))]
    xs = numbers[0::2]
    return min(xs), max(xs)


def test_only_dated_estimates_are_drawn_over_time_each_over_its_span(built) -> None:
    _, _, files, _ = built
    root = ET.fromstring(files[out.chart("q", "total", "over-time", "light")])
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    assert {"span-c-about", "span-c-ceiling", "span-c-range", "span-c-old", "point-c-exact"} <= ids
    assert not {i for i in ids if i and i.endswith(("c-floor", "c-more-than", "c-about-range", "c-as-many-as", "c-words"))}
    ticks = _ticks(root)
    assert len(ticks) >= 2 and all(re.fullmatch(r"(\d{1,2} )?[A-Z][a-z]{2} \d{4}", label) for _, label in ticks)
    (x_a, label_a), (x_b, label_b) = ticks[0], ticks[-1]
    days = (dt.datetime.strptime(label_b, "%b %Y") - dt.datetime.strptime(label_a, "%b %Y")).days
    per_day = (x_b - x_a) / days
    low, high = _x_extent(root, "span-c-about")  # Apr 2025: 30 days
    assert (high - low) / per_day == pytest.approx(30, abs=0.2)
    assert low == pytest.approx(
        x_a + (dt.date(2025, 4, 1) - dt.datetime.strptime(label_a, "%b %Y").date()).days * per_day, abs=0.1
    )
    low, high = _x_extent(root, "span-c-ceiling")  # 2025: a year
    assert (high - low) / per_day == pytest.approx(365, abs=0.5)
    low, high = _x_extent(root, "span-c-range")  # Oct 2024 to Feb 2025, a period
    assert (high - low) / per_day == pytest.approx((dt.date(2025, 3, 1) - dt.date(2024, 10, 1)).days, abs=0.5)


def test_month_ticks_say_month_and_year() -> None:
    data = check(WAR_FACTS)
    derived = derive(data)
    files, _, _ = render_charts(data, derived)
    over_time = [f for f in files if "/over-time-" in f.path]
    assert over_time
    for f in over_time:
        labels = [label for _, label in _ticks(ET.fromstring(f.text))]
        assert labels and all(re.fullmatch(r"(\d{1,2} )?[A-Z][a-z]{2} \d{4}", label) for label in labels), labels


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
    _, derived, _, alts = built
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
        assert contrast(charts.INK[scheme]["ink"], background) >= 4.5, scheme
        for colour in charts.PALETTES[scheme]:
            assert contrast(colour, background) >= 3, (scheme, colour)


def test_chart_paths_sit_in_a_folder_per_measure(built) -> None:
    _, _, files, _ = built
    assert out.chart("q", "total", "over-time", "dark") == "charts/q/total/over-time-dark.svg"
    for name in files:
        assert re.fullmatch(r"charts/[a-z0-9-]+/[a-z0-9-]+/(estimates|over-time)-(light|dark)\.svg", name), name
