"""Follow a question: the Atom feeds, read by a real feed parser, on a repository whose
history the test builds (tests/test_history.py), and linked from every page's <head>."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import pytest

from factsite.pipeline import check, generate
from tests.test_history import CLAIM, _edit, _git, repo  # noqa: F401 - the fixture, shared

NEW_CLAIM = """\
  - id: scouts-about-2500
    measure: total
    figure: {hedge: about, value: 2500}
    claimant: minister
    as_of: 2031-03
    sources:
      - source: gazette-2025-03-01
        quote: About 2,500 scouts were counted.
"""


def _feed(out: Path, name: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((out / "feeds" / name).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception  # well-formed XML
    assert parsed.version == "atom10"
    return parsed


def test_every_feed_is_valid_atom_with_an_entry_per_new_or_revised_estimate(repo: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "answers"
    generate(repo / "facts", out, project=repo)
    feeds = sorted(p.name for p in (out / "feeds").glob("*.xml"))
    assert feeds == ["deployment.xml", "equipment.xml", "index.xml", "soldiers.xml"]
    for name in feeds:
        parsed = _feed(out, name)
        assert parsed.feed.id.startswith("urn:") and parsed.feed.updated and parsed.feed.title
        for entry in parsed.entries:
            assert entry.id and entry.updated and entry.title and entry.link and entry.summary
    soldiers = _feed(out, "soldiers.xml")
    titles = [e.title for e in soldiers.entries]
    assert titles[0] == "Correction: How many soldiers were sent?"
    assert "New estimate: Soldiers sent: about 1,500 soldiers (Ruritanian MoD, as of Apr 2025)" in titles
    assert all(not t.startswith("Revised estimate") for t in titles)  # the revised claim was removed later
    assert soldiers.entries[0].link == "../soldiers/#what-changed"
    assert soldiers.entries[1].link == "../soldiers/#claim-planned-up-to"


def test_adding_a_claim_adds_an_entry(repo: Path, tmp_path: Path) -> None:  # noqa: F811
    clone = tmp_path / "clone"
    shutil.copytree(repo, clone)
    _edit(clone / "facts" / "questions" / "soldiers.yaml", "\nclaims:\n", "\nclaims:\n" + NEW_CLAIM)
    _git(clone, "commit", "-q", "-am", "Add the scouts' count <b>bold</b>", date="2031-03-05T12:00:00Z")
    before, after = tmp_path / "before", tmp_path / "after"
    generate(repo / "facts", before, project=repo)
    generate(clone / "facts", after, project=clone)
    old, new = _feed(before, "soldiers.xml"), _feed(after, "soldiers.xml")
    assert len(new.entries) == len(old.entries) + 1
    top = new.entries[0]
    minister = next(p for p in check(clone / "facts").parties if p.id == "minister").label
    assert top.title == f"New estimate: Soldiers sent: about 2,500 soldiers ({minister}, as of Mar 2031)"
    assert top.updated.startswith("2031-03-05") and top.link == "../soldiers/#claim-scouts-about-2500"
    assert _feed(after, "index.xml").entries[0].id == top.id
    # The commit subject is text: escaped in the XML, never markup in a reader.
    raw = (after / "feeds" / "soldiers.xml").read_text(encoding="utf-8")
    assert "Change: Add the scouts' count &lt;b&gt;bold&lt;/b&gt;." in raw and "<b>" not in raw


def test_every_page_links_its_feeds_in_its_head(quake_site: Path) -> None:
    page = (quake_site / "answers" / "deaths" / "index.html").read_text(encoding="utf-8")
    head = page.split("</head>", 1)[0]
    assert '<link rel="alternate feed" type="application/atom+xml"' in head
    assert 'href="../feeds/deaths.xml"' in head and 'href="../feeds/index.xml"' in head
    home = (quake_site / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    assert 'href="answers/feeds/index.xml"' in home and "feeds/deaths.xml" not in home
    assert (quake_site / "answers" / "feeds" / "deaths.xml").is_file()


@pytest.mark.parametrize("name", ["deaths.xml", "index.xml"])
def test_a_site_built_without_history_still_publishes_valid_feeds(quake_site: Path, name: str) -> None:
    parsed = feedparser.parse((quake_site / "answers" / "feeds" / name).read_bytes())
    assert not parsed.bozo and parsed.version == "atom10"
