"""No page grows with the site: the timeline, sources and parties listings are paged, a
question page lists its most recent events, and every link lands on the page that holds
its anchor. Run on benchmarks/synth.py's 10x tree: 170 events (all on one question, 39
of them confirmations), 50 sources and 250 parties."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.synth import PRESETS, write_tree
from factsite import outputs as out
from factsite.derive import Derived
from factsite.kinds import SLUG
from factsite.pipeline import checked
from factsite.render import CONFIRMATIONS_SHOWN, EVENTS_SHOWN, render_site

ANCHOR = re.compile(r'\{#([a-z0-9-]+)|id="([a-z0-9-]+)"')
LINK = re.compile(r"\]\(([a-z0-9_-]+\.md)#([a-z0-9-]+)\)")
KINDS = {out.SOURCES: "source", out.PARTIES: "party", out.TIMELINE: "event"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Derived, dict[str, str]]:
    facts = write_tree(tmp_path_factory.mktemp("synth"), PRESETS["10x"])
    dataset, derived = checked(facts)
    return derived, render_site(dataset, derived)


def anchors(text: str) -> set[str]:
    return {a or b for a, b in ANCHOR.findall(text)}


def test_a_listing_page_name_is_never_a_question_slug() -> None:
    for first in out.PAGED:
        assert out.listing_page(first, 1) == first
        for number in (2, 3, 10, 999):
            name = out.listing_page(first, number)
            assert not SLUG.fullmatch(name.removesuffix(".md")), name
            assert out.listing_of(name) == first
    assert out.listing_of("sources-2.md") is None  # a question's slug: not a listing page
    assert out.listing_of("sources_x.md") is None
    assert out.listing_pages(out.SOURCES, 0) == [out.SOURCES]
    assert len(out.listing_pages(out.SOURCES, out.PAGED[out.SOURCES] + 1)) == 2


def test_every_listing_is_paged_and_no_page_holds_more_than_its_share(site: tuple[Derived, dict[str, str]]) -> None:
    _, pages = site
    size = PRESETS["10x"]
    totals = {out.SOURCES: size.sources, out.PARTIES: size.parties, out.TIMELINE: size.events}
    for first, kind in KINDS.items():
        paths = [p for p in pages if out.listing_of(p) == first]
        assert len(paths) == -(-totals[first] // out.PAGED[first]) > 1, (first, paths)
        held = [{a for a in anchors(pages[p]) if a.startswith(kind + "-")} for p in paths]
        assert all(0 < len(h) <= out.PAGED[first] for h in held), [len(h) for h in held]
        every = [a for h in held for a in h]
        assert len(every) == len(set(every)) == totals[first], "each entry on exactly one page"


def test_every_link_to_an_entry_lands_on_the_page_that_holds_it(site: tuple[Derived, dict[str, str]]) -> None:
    _, pages = site
    held = {path: anchors(text) for path, text in pages.items()}
    checked_links = 0
    for path, text in pages.items():
        for target, anchor in LINK.findall(text):
            if out.listing_of(target) is None:
                continue
            assert anchor in held.get(target, set()), f"{path} links {target}#{anchor}, which is not there"
            checked_links += 1
    assert checked_links > 1000  # parties, sources (footnotes) and events, from every kind of page


def test_the_pages_of_a_listing_link_to_each_other_in_order(site: tuple[Derived, dict[str, str]]) -> None:
    _, pages = site
    paths = out.listing_pages(out.PARTIES, PRESETS["10x"].parties)
    for number, path in enumerate(paths, 1):
        text = pages[path]
        assert f"page {number} of {len(paths)}" in text.splitlines()[0]
        previous, following = paths[number - 2] if number > 1 else None, paths[number] if number < len(paths) else None
        assert all(f"]({p})" in text for p in (previous, following) if p)
        assert f"]({out.PARTIES})" not in text or number > 1  # page 1 links no page 1


def test_a_question_page_lists_its_most_recent_events_and_says_where_the_rest_are(site: tuple[Derived, dict[str, str]]) -> None:
    derived, pages = site
    view = max(derived.questions, key=lambda v: len(v.events))
    assert len(view.events) > EVENTS_SHOWN and len(view.confirmations) > CONFIRMATIONS_SHOWN
    text = pages[out.question_page(view.question.slug)]
    listed = [a for a in anchors(text) if a.startswith("event-")]
    assert sorted(listed) == sorted(f"event-{e.id}" for e in view.events[-EVENTS_SHOWN:])
    earlier = len(view.events) - EVENTS_SHOWN
    assert f"{earlier} earlier events are on the [timeline](" in text
    answer = text.split("The answer", 1)[1].split("\n\n", 2)[1]
    assert answer.count("[^") >= CONFIRMATIONS_SHOWN  # each named confirmation cites its source
    more = len(view.confirmations) - CONFIRMATIONS_SHOWN
    assert f"and {more} later ones, on the [timeline](" in answer


def test_no_question_page_outgrows_a_bound(site: tuple[Derived, dict[str, str]]) -> None:
    """Markdown of every question page, with 170 events on one of them: bounded by the
    caps, not by the data (the HTML bound, 40 KB at 10,000 claims, is BENCHMARKS.md's)."""
    _, pages = site
    largest = max(len(text.encode()) for path, text in pages.items() if "/" not in path and out.listing_of(path) is None)
    assert largest < 40_000, largest


def test_the_shipped_sized_site_keeps_one_page_per_listing(tmp_path: Path) -> None:
    dataset, derived = checked(write_tree(tmp_path, PRESETS["1x"]))
    pages = render_site(dataset, derived)
    assert not [p for p in pages if out.listing_of(p) not in (None, p)]
    assert "page 1 of" not in pages[out.SOURCES]


def test_the_home_page_lists_one_page_of_questions_and_links_the_rest(site: tuple[Derived, dict[str, str]]) -> None:
    derived, pages = site
    home = pages[out.HOME_PARTIAL]
    shown = re.findall(r"\]\(answers/(q-[0-9]+)\.md\)", home)
    size = out.PAGED[out.QUESTIONS]
    assert shown == [v.question.slug for v in derived.questions[:size]]
    rest = len(derived.questions) - size
    assert f"The other {rest} questions, with their answers, are in [the list of questions](answers/questions_2.md)." in home
    listed = [
        re.findall(r"^- \*\*\[.*?\]\((q-[0-9]+)\.md\)", pages[p], re.M) for p in pages if out.listing_of(p) == out.QUESTIONS
    ]
    assert [slug for page in listed for slug in page] == [v.question.slug for v in derived.questions]
    assert "questions" in out.RESERVED_SLUGS  # no question can take the listing's name
