"""A real, strict `mkdocs build` of the war fixture, then the HTML read back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factsite.derive import derive
from factsite.pipeline import check
from factsite.schema import schema_files
from factsite.words import when_text
from tests.conftest import WAR_FACTS, copy_project, generate_into, mkdocs_build
from tests.htmlscan import Page, scan

DATA = check(WAR_FACTS)
DERIVED = derive(DATA)
PARTIES = {p.id: p for p in DATA.parties}
SOURCES = {s.id: s for s in DATA.sources}


def page(site: Path, path: str) -> Page:
    target = site / path / "index.html" if path else site / "index.html"
    assert target.is_file(), f"missing page {path}"
    return scan(target)


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("question", DATA.questions, ids=lambda q: q.slug)
def test_every_question_has_its_page(built_site: Path, question) -> None:
    html = page(built_site, f"answers/{question.slug}")
    assert html.h1.rstrip("¶ \n") == question.ask
    assert html.title.startswith(question.ask)


@pytest.mark.parametrize(
    "path, title",
    [("answers/timeline", "Who confirmed what, and when"), ("answers/sources", "Sources"), ("answers/parties", "Parties")],
)
def test_shared_pages_exist(built_site: Path, path: str, title: str) -> None:
    assert page(built_site, path).h1.rstrip("¶ \n") == title


def test_every_footnote_reference_resolves(built_site: Path) -> None:
    checked = 0
    for path in all_pages(built_site):
        html = scan(path)
        for href in html.footnote_refs:
            assert href.startswith("#fn:") and href[1:] in html.footnotes, f"{path}: {href} has no footnote"
            checked += 1
        for note_id, text in html.footnotes.items():
            assert "“" in text, f"{path}: footnote {note_id} carries no quote"
    assert checked > 50


@pytest.mark.parametrize("claim", DATA.claims, ids=lambda c: c.id)
def test_every_claim_row_has_when_who_and_footnotes(built_site: Path, claim) -> None:
    html = page(built_site, f"answers/{claim.question}")
    rows = [row for table in html.tables for row in table if f"claim-{claim.id}" in row[0].ids]
    assert len(rows) == 1, "claim row missing"
    when, fig, who = rows[0][0], rows[0][1], rows[0][2]
    assert when.text.strip() == when_text(DERIVED.claim_when[claim.id])
    footnotes = {h for h in fig.hrefs if h.startswith("#fn:")}
    revisers = [c for c in DATA.claims if c.revises == claim.id]  # the figures named in "superseded by"
    assert footnotes == {f"#fn:{c.source}" for r in (claim, *revisers) for c in r.sources}
    expected_who = PARTIES[claim.claimant].label if claim.claimant else "The article's own statement"
    assert expected_who in who.text
    for cited in claim.cited:
        assert PARTIES[cited].label in who.text
    if claim.id in DERIVED.superseded_by:
        assert "superseded by" in fig.text


@pytest.mark.parametrize("event", DATA.events, ids=lambda e: e.id)
def test_every_event_is_on_the_timeline_with_footnotes(built_site: Path, event) -> None:
    html = page(built_site, "answers/timeline")
    items = [item for item in html.items if f"event-{event.id}" in item.ids]
    assert len(items) == 1
    item = items[0]
    assert {h for h in item.hrefs if h.startswith("#fn:")} == {f"#fn:{c.source}" for c in event.sources}
    assert PARTIES[event.actor].label in item.text and event.kind in item.text
    assert when_text(DERIVED.event_when[event.id]) in item.text


def test_home_answers_every_question_with_footnotes(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    positions = [html.index(f'href="answers/{q.slug}/"') for q in DATA.questions]
    for start, end in zip(positions, [*positions[1:], html.index('class="footnote"')], strict=True):
        assert 'class="footnote-ref"' in html[start:end], "an answer on the home page has no footnote"


def test_figures_elsewhere_link_to_their_claim(built_site: Path) -> None:
    hrefs = set(page(built_site, "answers/sources").hrefs) | set(page(built_site, "answers/parties").hrefs)
    for claim in DATA.claims:
        assert f"../{claim.question}/#claim-{claim.id}" in hrefs


def test_sources_page_says_what_is_not_known(built_site: Path) -> None:
    text = (built_site / "answers" / "sources" / "index.html").read_text(encoding="utf-8")
    unknown = sum(not s.publisher_known for s in DATA.sources)
    assert text.count("<dt>Publisher</dt>\n<dd>not named in the document</dd>") == unknown
    assert text.count("<dt>Published</dt>\n<dd>date not given</dd>") == sum(s.published is None for s in DATA.sources)
    assert text.count("<dt>Web address</dt>\n<dd>none recorded</dd>") == sum(s.url is None for s in DATA.sources)


def test_internal_links_resolve(built_site: Path) -> None:
    for path in all_pages(built_site):
        if path.name == "404.html":  # served at any depth, so the theme links it from the root
            continue
        html = scan(path)
        for href in html.hrefs:
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            target, _, anchor = href.partition("#")
            dest = (path.parent / target).resolve() if target else path
            if dest.is_dir():
                dest = dest / "index.html"
            assert dest.is_file(), f"{path}: broken link {href}"
            if anchor and dest.suffix == ".html":
                assert anchor in scan(dest).ids, f"{path}: no anchor for {href}"


def test_schemas_are_published(built_site: Path) -> None:
    """The war fixture uses the default vocabulary: its published schemas are the default ones."""
    for name, text in schema_files().items():
        assert (built_site / "answers" / name).read_text(encoding="utf-8") == text


def test_no_edit_links_without_a_repository(built_site: Path) -> None:
    assert 'rel="edit"' not in (built_site / "answers" / "killed" / "index.html").read_text(encoding="utf-8")


def test_edit_links_open_the_fact_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    generate_into(project)
    repo = "https://github.com/example/facts"
    built = mkdocs_build(project, project / "site", SITE_REPO_URL=repo, SITE_EDIT_URI="edit/main/")
    assert built.returncode == 0, built.stderr
    expected = {f"answers/{q.slug}": DATA.question_files[q.slug] for q in DATA.questions}
    expected |= {
        "answers/timeline": "facts/events.yaml",
        "answers/sources": "facts/sources.yaml",
        "answers/parties": "facts/parties.yaml",
        "answers/contributing": "CONTRIBUTING.md",
        "": "docs/index.md",
        "about": "docs/about.md",
    }
    for path, source in expected.items():
        html = (project / "site" / path / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon" rel="edit">', html)
        assert links == [f"{repo}/edit/main/{source}"], path
