"""One owner per output path; one table per vocabulary; numbers and chart text exactly as written.

The guarantees a stranger's pull request relies on: no slug or measure id makes one
generated file replace another, every hedge reaches every step, every figure prints
with its own digits, and chart labels are drawn as written.
"""

from __future__ import annotations

import dataclasses
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factsite import model as m
from factsite import outputs as out
from factsite.charts import marks
from factsite.derive import derive
from factsite.guide import field_reference
from factsite.kinds import SLUG_MAX, Number
from factsite.over_time_chart import svg
from factsite.pipeline import check
from factsite.render import _key, json_ld
from factsite.schema import fact_file_schema
from factsite.words import Options, figure, number
from factsite.words import Site as RenderSite
from tests.conftest import SMALL_FACTS, run_cli, write_tree

# --- one owner per path ----------------------------------------------------------------

slugs = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,3}", fullmatch=True).filter(lambda s: len(s) <= SLUG_MAX)


def question_paths(slug: str, measures: list[str]) -> set[str]:
    """Every path a question owns, as the steps spell them."""
    paths = {out.question_page(slug), out.question_data(slug, "csv"), out.question_data(slug, "json"), out.question_feed(slug)}
    return paths | {
        out.chart(slug, mid, kind, scheme)
        for mid in measures
        for kind in ("estimates", "over-time")
        for scheme in ("light", "dark")
    }


@given(slugs, st.lists(slugs, min_size=1, max_size=4, unique=True), slugs, st.lists(slugs, min_size=1, max_size=4, unique=True))
def test_two_questions_never_share_a_path(a: str, a_measures: list[str], b: str, b_measures: list[str]) -> None:
    if a == b:
        return  # one slug is one question (duplicates are refused by id)
    assert not question_paths(a, a_measures) & question_paths(b, b_measures)
    folded = {p.casefold() for p in question_paths(a, a_measures)}
    assert not folded & {p.casefold() for p in question_paths(b, b_measures)}


@given(slugs, st.lists(slugs, min_size=1, max_size=4, unique=True))
def test_a_question_meets_a_fixed_file_only_through_a_reserved_slug(slug: str, measures: list[str]) -> None:
    clash = question_paths(slug, measures) & set(out.FIXED)
    assert clash == ({out.question_page(slug)} if slug in out.RESERVED_SLUGS else set())


def test_reserved_slugs_come_from_the_fixed_pages() -> None:
    assert {"index", "timeline", "sources", "parties", "questions", "contributing"} == out.RESERVED_SLUGS


def test_the_collector_refuses_a_second_file_at_a_path() -> None:
    files = out.Outputs()
    first = out.Owner("question 'a'", m.Loc("facts/questions/a.yaml", 2, 9))
    second = out.Owner("question 'b'", m.Loc("facts/questions/b.yaml", 2, 9))
    files.add("x.md", "one", first)
    files.add("X.md", "two", second)  # differs only in case: one file on macOS and Windows
    files.add("sources.md", "three", second)  # a fixed path, even before its owner wrote it
    assert files.files == {"x.md": "one"}
    assert [str(p) for p in files.problems] == [
        "facts/questions/b.yaml:2:9: question 'b' would write answers/X.md, which belongs to question 'a' "
        "(at facts/questions/a.yaml:2:9) (choose another slug)",
        "facts/questions/b.yaml:2:9: question 'b' would write answers/sources.md, which belongs to the sources page "
        "(choose another slug)",
    ]


def test_every_generated_file_has_an_owner_and_a_fixed_name_or_a_question(tmp_path: Path) -> None:
    result = run_cli("--facts", str(SMALL_FACTS), "--out", str(tmp_path / "answers"), "--project", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = {p.relative_to(tmp_path / "answers").as_posix() for p in (tmp_path / "answers").rglob("*") if p.is_file()}
    data = check(SMALL_FACTS)
    owned = set().union(*(question_paths(q.slug, [x.id for x in q.measures]) for q in data.questions))
    assert written - {".generated-by-build_facts"} <= set(out.FIXED) | owned
    assert written & set(out.FIXED) >= {out.HOME_PARTIAL, out.SCHEMA, out.DATA_PACKAGE, out.EDIT_MAP}


# --- one table for hedges ------------------------------------------------------------------


def _figure(hedge: m.Hedge) -> m.Figure:
    return m.Figure(hedge=hedge.name, value=1500) if hedge.takes_value else m.Figure(hedge=hedge.name, low=1000, high=2000)


@pytest.mark.parametrize("hedge", m.HEDGE_TABLE, ids=lambda h: h.name)
def test_every_hedge_reaches_every_step(hedge: m.Hedge) -> None:
    assert hedge.bound in m.BOUNDS
    # the reader's wording: a hedged figure never reads as a bare one
    text = figure(_figure(hedge), "troops")
    assert text.endswith(" troops") and ("1,500" in text or "1,000–2,000" in text)
    if hedge.bound not in ("exact", "range"):
        assert text.startswith(hedge.name + " ")
    # the chart key names it next to its symbol; the chart draws its marker
    assert re.search(rf"{re.escape(hedge.symbol)} [^·]*\b{re.escape(hedge.name)}\b", _key())
    # the schema and the guide list it
    assert hedge.name in fact_file_schema()["$defs"]["Figure"]["properties"]["hedge"]["enum"]
    assert f"`{hedge.name}`" in field_reference()
    # every word a source uses for it is offered as a hint
    for word in hedge.source_words:
        assert m.HEDGE_WORDS[word] == hedge.name


def test_hedges_that_say_different_things_look_different() -> None:
    drawn = {(h.bound, h.marker) for h in m.HEDGE_TABLE}
    assert len({marker for _, marker in drawn}) == len({bound for bound, _ in drawn})
    assert len({figure(_figure(h)) for h in m.HEDGE_TABLE}) == len(m.HEDGE_TABLE)


# --- numbers exactly, at every size ------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (999_999_900_000, "999,999,900,000"),  # {:g} printed "1e+06 million"
        (123_456_700_000, "123,456,700,000"),  # {:g} printed "123457 million"
        (8_700_000_000, "8.7 billion"),
        (10_000_000_000, "10 billion"),
        (1_000_000_000_000, "1,000 billion"),
        (1_234_000_000, "1,234,000,000"),
        (480_000_000, "480 million"),
        (2_500_000, "2.5 million"),
        (123_456_789_012.5, "123,456,789,012.5"),
        (0.25, "0.25"),
    ],
)
def test_numbers_keep_their_digits(value: float, expected: str) -> None:
    assert number(value) == expected


def _read_back(printed: str) -> Decimal:
    digits, _, word = printed.replace(",", "").partition(" ")
    return Decimal(digits) * {"": 1, "million": 10**6, "billion": 10**9}[word]


@pytest.mark.parametrize("text", ["999999900000", "123456789012.123", "0.000001", "1000000000000", "4.5", "87000000000"])
def test_a_figure_read_and_printed_keeps_every_digit(text: str) -> None:
    assert _read_back(number(Number().read(text, "value"))) == Decimal(text)


def test_json_ld_carries_exact_figures() -> None:
    data = check(SMALL_FACTS)
    claim = next(c for c in data.claims if c.figure.value is not None)
    big = dataclasses.replace(claim, figure=m.Figure(hedge="about", value=999_999_900_000))
    data = dataclasses.replace(data, claims=tuple(big if c.id == claim.id else c for c in data.claims))
    derived = derive(data)
    view = next(v for v in derived.questions if v.question.slug == claim.question)
    block = json_ld(RenderSite.of(data, derived, Options()), view)
    parts = json.loads(block.split(">", 1)[1].rsplit("<", 1)[0])["hasPart"]
    measure = view.question.measure(claim.measure)
    assert measure is not None
    assert f"about 999,999,900,000 {measure.unit}" in {p["text"].split(": ", 1)[1] for p in parts}


# --- chart text as written ------------------------------------------------------------------


@pytest.mark.parametrize("label", ["$x^2$ & <b>", "costs $5", r"\alpha", "a_b^c {d}"])
def test_chart_labels_are_drawn_as_written(tmp_path: Path, label: str) -> None:
    facts = write_tree(
        tmp_path / "facts",
        {
            "parties.yaml": f"parties:\n  - id: p\n    name: {json.dumps(label)}\n    kind: expert\n",
            "sources.yaml": "sources:\n  - id: s\n    title: T\n    publisher: unknown\n    published: 2025-01-02\n"
            "    language: en\n",
            "questions/q.yaml": "question:\n  slug: q\n  ask: How many?\n  order: 1\n"
            "  measures: [{id: total, label: Total, unit: things}]\n"
            "claims:\n  - id: c\n    claimant: p\n    as_of: 2025-01\n    figure: {hedge: about, value: 5}\n"
            "    sources: [{source: s, quote: About five.}]\n",
        },
    )
    data = check(facts)
    derived = derive(data)
    view = derived.questions[0].measures[0]
    drawn = svg("Total", "alt", "things", marks(view, derived, {"p": label, None: "unattributed"}), "light")
    texts = [
        t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") for t in re.findall(r"<text[^>]*>([^<]*)</text>", drawn)
    ]
    assert label in texts


# --- no cost that grows faster than the input ------------------------------------------------
# Each input below took minutes when some step was quadratic in it; now each takes about a
# second. The subprocess timeout is a stall guard, not a timing assertion.

SOURCE = "sources:\n  - id: s\n    title: T\n    publisher: unknown\n    published: 2025-01-02\n    language: en\n"


def _question(measures: int, claims: str) -> str:
    ms = "".join(f"    - {{id: m{i}, label: Measure {i}, unit: things}}\n" for i in range(measures))
    return f"question:\n  slug: q\n  ask: How many?\n  order: 1\n  measures:\n{ms}claims:\n{claims}"


STALLS = {
    "a mapping with 40,000 keys": (
        {
            "parties.yaml": "parties:\n  - id: p\n    name: P\n    kind: expert\n"
            + "".join(f"    k{i}: x\n" for i in range(40_000))
        },
        1,
    ),
    "a question with 4,000 measures": (
        {
            "sources.yaml": SOURCE,
            "questions/q.yaml": _question(
                4000,
                "".join(
                    f"  - id: c{i}\n    measure: m{i}\n    figure: {{hedge: exact, words: a few}}\n"
                    f"    sources: [{{source: s, quote: Q{i} a few.}}]\n"
                    for i in range(4000)
                ),
            ),
        },
        0,
    ),
    "a vocabulary of 20,000 kinds read by 20,000 parties": (
        {
            "vocabulary.yaml": "party_kinds:\n"
            + "".join(f"  - {{name: kind {i}, means: Kind {i}.}}\n" for i in range(20_000))
            + "event_kinds:\n  - {name: said, means: Said.}\n",
            "parties.yaml": "parties:\n" + "".join(f"  - {{id: p{i}, name: P{i}, kind: kind {i}}}\n" for i in range(20_000)),
        },
        0,
    ),
    "4,000 misspelt ids among 4,000 parties": (
        {
            "parties.yaml": "parties:\n" + "".join(f"  - {{id: party-{i}, name: P{i}, kind: expert}}\n" for i in range(4000)),
            "sources.yaml": "sources:\n  - {id: s, title: T, publisher: unknown, published: 2025-01-02, language: en, relays: ["
            + ", ".join(f"party-{i}x" for i in range(4000))
            + "]}\n",
        },
        1,
    ),
    "a chain of 4,000 revisions quoting one source": (
        {
            "sources.yaml": SOURCE,
            "questions/q.yaml": _question(
                1,
                "".join(
                    f"  - id: c{i}\n    figure: {{hedge: exact, words: a few}}\n"
                    + (f"    revises: c{i - 1}\n" if i else "")
                    + f"    sources: [{{source: s, quote: Quote number {i} says a few.}}]\n"
                    for i in range(4000)
                ),
            ),
        },
        0,
    ),
}


@pytest.mark.parametrize("name", list(STALLS))
def test_large_inputs_do_not_stall(tmp_path: Path, name: str) -> None:
    files, status = STALLS[name]
    facts = write_tree(tmp_path / "facts", files)
    result = run_cli("--facts", str(facts), "--out", str(tmp_path / "answers"), "--project", str(tmp_path), timeout=60)
    assert result.returncode == status, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    if name.startswith("a mapping"):
        assert len(result.stderr.splitlines()) == 40_001  # every unknown key, then the count
    elif status:
        assert len(result.stderr.splitlines()) == 4001  # every unknown id, then the count
