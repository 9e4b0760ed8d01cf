"""The answer at the top of a page: input estimates -> the exact sentence (docs/about.md, "The answer").

Each case is a small fact tree written for the test; the sentence is pinned whole, so
a change of wording is a reviewed change of these tables.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from factsite import model as m
from factsite import outputs as out
from factsite.derive import derive
from factsite.pipeline import check
from factsite.render import answer, render_site
from factsite.words import Notes, Site, esc, figure
from tests.conftest import SMALL_FACTS, WAR_FACTS, says, write_tree

PARTIES = "".join(f"  - id: {p}\n    name: {p.upper()}\n    kind: expert\n" for p in ("a", "b", "c", "agency"))
SOURCES = (
    "sources:\n"
    "  - id: s1\n    title: One\n    publisher: unknown\n    published: 2025-09-01\n    language: en\n"
    "  - id: s2\n    title: Two\n    publisher: unknown\n    published: unknown\n    language: en\n"
    "  - id: s3\n    title: Three\n    publisher: unknown\n    published: 2025-05-02\n    language: en\n"
    "    relays: [agency]\n"
    "  - id: s4\n    title: Four\n    publisher: unknown\n    published: 2025-06-03\n    language: en\n"
    "    relays: [agency]\n"
)


def claim(cid: str, fig: str, *, who: str | None = None, cited: str = "", as_of: str = "", source: str = "s1") -> str:
    lines = [f"  - id: {cid}", f"    figure: {{{fig}}}"]
    lines += [f"    claimant: {who}"] if who else []
    lines += [f"    cited: [{cited}]"] if cited else []
    lines += [f"    as_of: {as_of}"] if as_of else []
    lines += [f"    sources: [{{source: {source}, quote: {says(fig, f'Q {cid}')}}}]"]
    return "\n".join(lines) + "\n"


def sentence(tmp_path: Path, *claims: str) -> str:
    facts = write_tree(
        tmp_path / "facts",
        {
            "parties.yaml": "parties:\n" + PARTIES,
            "sources.yaml": SOURCES,
            "questions/q.yaml": "question:\n  slug: q\n  ask: How many?\n  order: 1\n"
            "  measures: [{id: total, label: Total, unit: soldiers}]\n" + ("claims:\n" + "".join(claims) if claims else ""),
        },
    )
    data = check(facts)
    derived = derive(data)
    site = Site.of(data, derived)
    text = answer(site, derived.questions[0].measures[0], Notes(site.sources, ""))
    # Read as a reader does: links and footnote marks out, Markdown emphasis out.
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"\[\^[^\]]*\]", "", text).replace("**", "")


CASES = {
    "none": ([], "No estimate recorded yet."),
    "one floor": (
        [claim("x", "hedge: at least, value: 6000", who="a", as_of="2025-04")],
        "One current estimate: at least 6,000 soldiers (A, as of Apr 2025).",
    ),
    "a floor is never the top of a range": (
        [
            claim("x", "hedge: exact, value: 600", who="a", as_of="2025-04"),
            claim("y", "hedge: at least, value: 6000", who="b"),
        ],
        "2 current estimates from 2 independent origins, from 600 soldiers (A, as of Apr 2025) to at least 6,000 "
        "soldiers (B, date not stated, reported 1 Sep 2025). Their dates (the article's date where none is stated) "
        "run from Apr 2025 to 1 Sep 2025, so part of the difference may be time passing rather than disagreement. "
        "One states no date of its own.",
    ),
    "approximations and floors keep their words": (
        [
            claim("x", "hedge: more than, value: 4000", who="a", as_of="2025-01"),
            claim("y", "hedge: about, value: 4700", who="b", as_of="2025-01"),
        ],
        "2 current estimates from 2 independent origins, from more than 4,000 soldiers (A, as of Jan 2025) "
        "to about 4,700 soldiers (B, as of Jan 2025).",
    ),
    "a range stays a range": (
        [
            claim("x", "hedge: about, low: 10000, high: 12000", who="a", source="s2"),
            claim("y", "hedge: as many as, value: 14000", who="b", source="s2"),
            claim("z", "hedge: about, value: 15000", who="c", as_of="2025-04"),
        ],
        "3 current estimates from 3 independent origins, from about 10,000–12,000 soldiers (A, date not stated) "
        "to about 15,000 soldiers (C, as of Apr 2025); 1 other between them. 2 state no date of their own; "
        "for 2 of them, nor does the article.",
    ),
    "dates that share a day are not time passing": (
        [
            claim("x", "hedge: exact, value: 600", who="a", as_of="2025-03"),
            claim("y", "hedge: at least, value: 800", who="b", as_of="2025-03-18"),
        ],
        "2 current estimates from 2 independent origins, from 600 soldiers (A, as of Mar 2025) "
        "to at least 800 soldiers (B, as of 18 Mar 2025).",
    ),
    "figures only in words": (
        [
            claim("x", "hedge: exact, words: hundreds", who="a", as_of="2025-01"),
            claim("y", "hedge: exact, words: several dozen", who="b", as_of="2025-01"),
        ],
        "2 current estimates from 2 independent origins, in words: hundreds of soldiers (A, as of Jan 2025); "
        "several dozen soldiers (B, as of Jan 2025).",
    ),
    "a range that holds the other estimates has no two ends": (
        [
            claim("x", "hedge: range, low: 40, high: 50", who="a", as_of="2025-01"),
            claim("y", "hedge: about, value: 45", who="b", as_of="2025-01"),
        ],
        "2 current estimates from 2 independent origins: 40–50 soldiers (A, as of Jan 2025); "
        "about 45 soldiers (B, as of Jan 2025).",
    ),
    "one figure repeated through a citation is not two confirmations": (
        [
            claim("x", "hedge: exact, value: 3000", who="a", as_of="2025-03"),
            claim("y", "hedge: exact, value: 3000", who="b", cited="a", as_of="2025-03"),
        ],
        "One figure, reported 2 times, from one origin (not 2 confirmations): 3,000 soldiers (A, as of Mar 2025); "
        "3,000 soldiers (B, citing A, as of Mar 2025).",
    ),
    "articles relaying one agency are one origin": (
        [
            claim("x", "hedge: exact, value: 3000", as_of="2025-03", source="s3"),
            claim("y", "hedge: exact, value: 3000", as_of="2025-03", source="s4"),
        ],
        "One figure, reported 2 times, from one origin (not 2 confirmations): 3,000 soldiers (the article's own "
        "statement, as of Mar 2025); 3,000 soldiers (the article's own statement, as of Mar 2025).",
    ),
    "independent origins that agree": (
        [
            claim("x", "hedge: exact, value: 3000", who="a", as_of="2025-03"),
            claim("y", "hedge: exact, value: 3000", who="b", as_of="2025-03"),
        ],
        "2 estimates from 2 independent origins agree: 3,000 soldiers (A, as of Mar 2025); 3,000 soldiers (B, as of Mar 2025).",
    ),
    "figures in words are listed as written": (
        [
            claim("x", "hedge: exact, words: several dozen", who="a", as_of="2024-01"),
            claim("y", "hedge: up to, value: 50", who="b", as_of="2024-01"),
        ],
        "2 current estimates from 2 independent origins: up to 50 soldiers (B, as of Jan 2024); "
        "in words: several dozen soldiers (A, as of Jan 2024).",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_answer_sentence(tmp_path: Path, name: str) -> None:
    claims, expected = CASES[name]
    assert sentence(tmp_path, *claims) == expected


def _fig(hedge: m.Hedge, low: int) -> str:
    if hedge.takes_value:
        return f"hedge: {hedge.name}, value: {low}"
    return f"hedge: {hedge.name}, low: {low}, high: {low + 50}"


@pytest.mark.parametrize(
    "low, high", list(itertools.product(m.HEDGE_TABLE, m.HEDGE_TABLE)), ids=lambda h: h.name.replace(" ", "-")
)
def test_every_hedge_at_each_end_keeps_its_words(tmp_path: Path, low: m.Hedge, high: m.Hedge) -> None:
    text = sentence(
        tmp_path,
        claim("x", _fig(low, 100), who="a", as_of="2025-01"),
        claim("y", _fig(high, 1000), who="b", as_of="2025-01"),
    )
    first = figure(m.Figure(hedge=low.name, **_values(low, 100)), "soldiers")
    last = figure(m.Figure(hedge=high.name, **_values(high, 1000)), "soldiers")
    assert text == (
        f"2 current estimates from 2 independent origins, from {first} (A, as of Jan 2025) to {last} (B, as of Jan 2025)."
    )
    assert "between" not in text.casefold().replace("between them", "")


def _values(hedge: m.Hedge, low: int) -> dict[str, int]:
    return {"value": low} if hedge.takes_value else {"low": low, "high": low + 50}


@pytest.mark.parametrize("facts", [WAR_FACTS, SMALL_FACTS], ids=["war", "small"])
def test_every_figure_in_an_answer_carries_its_hedge_and_unit(facts: Path) -> None:
    """On every question page and the home page, each bold figure is exactly one current
    estimate's figure with its hedge and unit, and every current estimate is named."""
    data = check(facts)
    derived = derive(data)
    pages = render_site(data, derived)
    for view in derived.questions:
        if not view.measures:
            continue
        block = pages[out.question_page(view.question.slug)].split('!!! abstract "The answer"', 1)[1].split("\n\n", 2)[1]
        allowed = {esc(figure(c.figure, mv.measure.unit)) for mv in view.measures for c in mv.current}
        assert set(re.findall(r"\*\*([^*]+)\*\*", block)) - {f"{esc(mv.measure.label)}:" for mv in view.measures} <= allowed
        for mv in view.measures:
            for c in mv.current:
                assert f"**{esc(figure(c.figure, mv.measure.unit))}**" in block, c.id
        home = (
            pages[out.HOME_PARTIAL]
            .split(f"(answers/{out.question_page(view.question.slug)})**", 1)[1]
            .split("\n- ", 1)[0]
            .split("\n\n", 1)[0]
        )
        headline = view.measures[0]
        bold = set(re.findall(r"\*\*([^*]+)\*\*", home))
        assert bold and bold <= {esc(figure(c.figure, headline.measure.unit)) for c in headline.current}
