"""The generator on a topic that is not the shipped one: a fictional earthquake
(tests/fixtures/quake) with its own mkdocs.yml, pages, guide, party and event kinds,
money in billions, shares in percent, figures in words and an Arabic source. Built by
the real tools, strict; nothing of the shipped topic may reach its output."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from factsite.pipeline import check
from tests.conftest import WAR_FACTS


def _text(path: Path) -> str:
    """A built page as a reader reads it: tags out, entities decoded, spaces collapsed."""
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<script\b.*?</script>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_money_shares_and_words_read_as_a_reader_expects(quake_site: Path) -> None:
    damage = _text(quake_site / "answers" / "damage" / "index.html")
    for expected in (
        "about US$8.7 billion",
        "up to US$10 billion",
        "€480 million",
        "about 45% of buildings",
        "about a third of buildings",
    ):
        assert expected in damage
    assert "8700 million" not in damage and "% of buildings of" not in damage
    deaths = _text(quake_site / "answers" / "deaths" / "index.html")
    assert "hundreds of people" in deaths and "hundreds people" not in deaths
    chart = (quake_site / "answers" / "charts" / "damage" / "losses" / "estimates-light.svg").read_text(encoding="utf-8")
    assert "US$8.7 billion" in html.unescape(chart)


def test_the_sites_own_kinds_and_words_reach_the_pages(quake_site: Path) -> None:
    home = _text(quake_site / "index.html")
    # The timeline question's answer counts the site's confirming kind ("declared"), not the appeal.
    assert "Ministry of the Interior declared (on 1 Mar 2031)" in home
    assert "appealed" not in home.split("Who declared an emergency, and when?", 1)[1].split("Take the data", 1)[0]
    timeline = _text(quake_site / "answers" / "timeline" / "index.html")
    assert "Who declared what, and when" in timeline
    parties = _text(quake_site / "answers" / "parties" / "index.html")
    assert "UN agency." in parties and "NGO." in parties and "Emergency service." in parties
    sources = (quake_site / "answers" / "sources" / "index.html").read_text(encoding="utf-8")
    assert 'lang="ar"' in sources and "ارتفاع حصيلة زلزال الوادي" in sources


def test_the_sites_identity_comes_from_its_mkdocs_yml(quake_site: Path) -> None:
    package = json.loads((quake_site / "answers" / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "the-harlow-valley-earthquake-sourced"
    deaths = _text(quake_site / "answers" / "deaths" / "index.html")
    assert "Cite this page: The Harlow Valley earthquake, sourced, “How many people died in the earthquake?”" in deaths


def _shipped_words() -> set[str]:
    """Names only the shipped topic uses: its parties, sources' titles, questions, and a
    few words of the war itself."""
    data = check(WAR_FACTS)
    words = {p.name for p in data.parties} | {q.ask for q in data.questions}
    words |= {s.title for s in data.sources if s.title}
    return words | {"Korea", "Kursk", "Pyongyang", "Russia", "Ukrain", "troops", "soldiers", "KCNA", "DPRK"}


def test_nothing_of_the_shipped_topic_reaches_another_sites_output(quake_site: Path) -> None:
    # The theme's own files (assets/: fonts, search languages such as lunr.ru) are MkDocs Material's.
    ours = [p for p in quake_site.rglob("*") if p.is_file() and p.suffix in {".html", ".svg", ".json", ".csv", ".xml", ".txt"}]
    ours = [p for p in ours if "assets" not in p.relative_to(quake_site).parts]
    assert len(ours) > 20
    words = _shipped_words()
    leaks = sorted(
        f"{p.relative_to(quake_site)}: {word}"
        for p in ours
        for word in words
        if word.casefold() in p.read_text(encoding="utf-8").casefold()
    )
    assert leaks == []
