"""The sources and parties pages, built by the real tools: a heading per entry, details in
a definition list, sentences in plural-correct English, text in another language marked."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factsite.audit import audit_site
from factsite.directory import LISTED, SHOWN, language_name
from factsite.pipeline import check
from factsite.words import in_language, language_attrs
from tests.conftest import WAR_FACTS, copy_project, generate_into, mkdocs_build, run_cli, write_tree

DATA = check(WAR_FACTS)


@dataclass
class Heading:
    attrs: dict[str, str]
    text: str = ""


@dataclass
class Entries:
    """What the tests read from a sources or parties page's content."""

    h2: list[Heading] = field(default_factory=list)
    terms: list[list[tuple[str, str]]] = field(default_factory=list)  # each <dl>: (dt, dd) texts
    spans: list[dict[str, str]] = field(default_factory=list)  # attributes of each <span lang>
    details: list[str] = field(default_factory=list)  # each <details>: its <summary> text
    ids: list[str] = field(default_factory=list)
    text: str = ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Entries()
        self.depth = 0  # > 0 inside <article>
        self.collecting: str | None = None  # the element whose text is being collected
        self.permalink = False  # inside a heading's ¶ link, which is not its text
        self.buffer: list[str] = []
        self.term = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.out.ids.append(a["id"])
        self.depth += tag == "article"
        if not self.depth:
            return
        if tag == "h2":
            self.out.h2.append(Heading(a))
        elif tag == "dl":
            self.out.terms.append([])
        elif tag == "span" and "lang" in a:
            self.out.spans.append(a)
        elif tag == "a" and "headerlink" in a.get("class", ""):
            self.permalink = True
        if tag in ("h2", "dt", "dd", "summary"):
            self.collecting, self.buffer = tag, []

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "article"
        self.permalink = self.permalink and tag != "a"
        if tag != self.collecting:
            return
        text = " ".join("".join(self.buffer).split())
        if tag == "h2":
            self.out.h2[-1].text = text
        elif tag == "dt":
            self.term = text
        elif tag == "dd":
            self.out.terms[-1].append((self.term, text))
        elif tag == "summary":
            self.out.details.append(text)
        self.collecting = None

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.out.text += data
            if self.collecting and not self.permalink:
                self.buffer.append(data)


def read(site: Path, name: str) -> Entries:
    reader = _Reader()
    reader.feed((site / "answers" / name / "index.html").read_text(encoding="utf-8"))
    reader.close()
    return reader.out


# --- the war fixture ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, prefix, records",
    [("sources", "source", DATA.sources), ("parties", "party", DATA.parties)],
)
def test_every_entry_has_a_heading_with_its_anchor(built_site: Path, name: str, prefix: str, records: tuple) -> None:
    page = read(built_site, name)
    assert sorted(h.attrs["id"] for h in page.h2) == sorted(f"{prefix}-{r.id}" for r in records)
    duplicated = [i for i, n in Counter(page.ids).items() if n > 1]
    assert duplicated == []


def test_headings_are_the_names(built_site: Path) -> None:
    sources = {h.attrs["id"]: h.text for h in read(built_site, "sources").h2}
    assert all(sources[f"source-{s.id}"] == " ".join(s.display_title.split()) for s in DATA.sources)
    parties = {h.attrs["id"]: h.text for h in read(built_site, "parties").h2}
    for p in DATA.parties:
        short = p.short_name and p.short_name.casefold() not in p.name.casefold()
        assert parties[f"party-{p.id}"] == p.name + (f" ({p.short_name})" if short else "")


@pytest.mark.parametrize("name", ["sources", "parties"])
def test_no_counted_noun_hedges_its_plural(built_site: Path, name: str) -> None:
    text = read(built_site, name).text
    assert "(s)" not in text
    assert not re.search(r"\b1 (claims|events)\b", text)
    assert not re.search(r"\b([02-9]|\d\d+) (claim|event)\b", text)


def test_sources_details_are_a_definition_list(built_site: Path) -> None:
    page = read(built_site, "sources")
    assert len(page.terms) == len(DATA.sources)
    by_id = {s.id: s for s in DATA.sources}
    order = [by_id[h.attrs["id"].removeprefix("source-")] for h in page.h2]
    for source, terms in zip(order, page.terms, strict=True):
        rows = dict(terms)
        assert [t for t, _ in terms][:6] == ["Publisher", "Headline", "Authors", "Published", "Language", "Web address"]
        assert rows["Publisher"] == (source.publisher if source.publisher_known else "not named in the document")
        if source.title:
            assert rows["Headline"] == f"“{source.title}”"
        else:
            assert rows["Headline"] == "none; the heading above is our description of the document"
        assert rows["Published"] == (source.published.label() if source.published else "date not given")
        assert rows["Language"] == language_name(source.language)
        assert rows["Web address"] == (source.url or "none recorded")
        assert ("Relays" in rows) == bool(source.relays)


def test_language_is_named(built_site: Path) -> None:
    rows = [dict(t) for t in read(built_site, "sources").terms]
    assert {r["Language"] for r in rows} == {"English"}  # the war sources are English texts


def test_parties_say_what_each_said(built_site: Path) -> None:
    text = read(built_site, "parties").text
    for party in DATA.parties:
        claims = sum(c.claimant == party.id for c in DATA.claims)
        if claims:
            assert f"Made {claims} claim{'' if claims == 1 else 's'}." in text
        events = sum(e.actor == party.id for e in DATA.events)
        if events:
            assert f"Acted in {events} event{'' if events == 1 else 's'}." in text


# --- a fixture: another language, and long lists -------------------------------------


CLAIMS = LISTED + 2


QUESTION = """\
question:
  slug: q
  ask: How many soldiers?
  order: 1
  measures: [{id: total, label: Soldiers, unit: soldiers}]
claims:
"""


def _claim(i: int, source: str) -> str:
    return f"""\
  - id: c{i:02d}
    figure: {{hedge: about, value: {1000 + i}}}
    as_of: 2025-{i:02d}-01
    claimant: gov
    sources: [{{source: {source}, quote: Quote {i} says about {1000 + i}.}}]
"""


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    facts = write_tree(
        tmp_path_factory.mktemp("facts"),
        {
            "parties.yaml": """
                parties:
                  - {id: gov, name: Ministry of Examples, kind: government, country: Ruritania}
                  - {id: quiet, name: A quiet party, kind: expert, note: 2. Second thoughts.}
                """,
            "sources.yaml": """
                sources:
                  - id: arabic
                    title: القوات الكورية في روسيا
                    publisher: Example Daily
                    published: 2025-01-02
                    language: ar
                  - id: ukrainian
                    title: Війська КНДР у Курській області
                    publisher: 1986. Example Pravda
                    published: 2025-01-03
                    language: uk
                  - id: malformed
                    title: A headline in some language
                    publisher: unknown
                    published: unknown
                    language: en-GB
                """,
            "questions/q.yaml": QUESTION
            + "".join(_claim(i, "arabic") for i in range(1, CLAIMS - 1))
            + _claim(CLAIMS - 1, "ukrainian")
            + _claim(CLAIMS, "malformed"),
        },
    )
    project = copy_project(tmp_path_factory.mktemp("directory"), facts)
    generate_into(project)
    built = mkdocs_build(project, project / "site")
    assert built.returncode == 0, built.stderr
    return project / "site"


def test_a_headline_in_another_language_is_marked(fixture_site: Path) -> None:
    page = read(fixture_site, "sources")
    heading = {h.attrs["id"]: h.attrs for h in page.h2}
    assert (heading["source-arabic"].get("lang"), heading["source-arabic"].get("dir")) == ("ar", "rtl")
    assert (heading["source-ukrainian"].get("lang"), heading["source-ukrainian"].get("dir")) == ("uk", None)
    assert {"lang": "ar", "dir": "rtl"} in page.spans and {"lang": "uk"} in page.spans
    rows = {h.attrs["id"]: dict(t) for h, t in zip(page.h2, page.terms, strict=True)}
    assert rows["source-arabic"]["Language"] == "Arabic"
    assert rows["source-ukrainian"]["Language"] == "Ukrainian"


def test_a_malformed_language_tag_never_reaches_a_page(fixture_site: Path, tmp_path: Path) -> None:
    """The loader refuses a language that is not a code (the renderer marks only codes it
    knows, see below); an English headline is not marked."""
    page = read(fixture_site, "sources")
    heading = next(h for h in page.h2 if h.attrs["id"] == "source-malformed")
    assert "lang" not in heading.attrs and "dir" not in heading.attrs
    rows = {h.attrs["id"]: dict(t) for h, t in zip(page.h2, page.terms, strict=True)}
    assert rows["source-malformed"]["Language"] == "British English"
    assert audit_site(fixture_site) == []
    facts = write_tree(
        tmp_path / "facts",
        {"sources.yaml": "sources:\n  - {id: s, title: T, publisher: unknown, published: unknown, language: x onload}\n"},
    )
    result = run_cli("check", "--facts", str(facts))
    assert result.returncode == 1 and "facts/sources.yaml:2:73: 'language' is not a language code" in result.stderr


def test_long_lists_are_folded_and_capped(fixture_site: Path) -> None:
    parties = read(fixture_site, "parties")
    assert parties.details == [f"{LISTED - SHOWN} earlier claims"]
    assert f"Made {CLAIMS} claims. The {LISTED} most recent:" in parties.text
    assert f"{CLAIMS - LISTED} earlier claims, in claims.csv." in parties.text
    sources = read(fixture_site, "sources")
    assert sources.details == [f"{LISTED - SHOWN} earlier claims"]  # the Arabic source backs the most
    assert "It reports 1 claim." in sources.text
    assert "A quiet party" in parties.text and "1 claims" not in parties.text


@pytest.mark.parametrize(
    "lang, attrs",
    [
        ("uk", 'lang="uk"'),
        ("ar", 'lang="ar" dir="rtl"'),
        ("ckb", 'lang="ckb" dir="rtl"'),
        ("ug-Latn", 'lang="ug-Latn"'),
        ("pa-Arab", 'lang="pa-Arab" dir="rtl"'),
        ("pt-BR", 'lang="pt-BR"'),
        ("en", ""),
        ("en-GB", ""),
        ("x onload", ""),
        ('uk" onload="x', ""),
        ("UK", ""),
        ("", ""),
    ],
)
def test_language_attrs(lang: str, attrs: str) -> None:
    assert language_attrs(lang) == attrs


def test_in_language_escapes_the_text() -> None:
    assert in_language("<b>x</b>", "ar") == '<span lang="ar" dir="rtl">&#60;b&#62;x&#60;/b&#62;</span>'
    assert in_language("<b>x</b>", "bad tag") == "&#60;b&#62;x&#60;/b&#62;"


def test_text_that_looks_like_a_numbered_list_stays_text(fixture_site: Path) -> None:
    for name in ("sources", "parties"):
        html = (fixture_site / "answers" / name / "index.html").read_text(encoding="utf-8")
        assert "<ol" not in html.split("<article", 1)[1]
    assert "1986. Example Pravda" in read(fixture_site, "sources").text
    assert "2. Second thoughts." in read(fixture_site, "parties").text


def test_quotes_and_headlines_in_another_language_are_marked(tmp_path: Path) -> None:
    """A footnote's quote and headline are in their source's language: marked, with dir
    for a right-to-left script; English ones carry no mark."""
    facts = write_tree(
        tmp_path / "facts",
        {
            "parties.yaml": "parties:\n  - id: p\n    name: P\n    kind: expert\n",
            "sources.yaml": "sources:\n  - id: s\n    title: عنوان الخبر\n    publisher: unknown\n"
            "    published: 2025-01-02\n    language: ar\n",
            "questions/q.yaml": "question:\n  slug: q\n  ask: How many?\n  order: 1\n"
            "  measures: [{id: total, label: Total, unit: things}]\n"
            "claims:\n  - id: c\n    claimant: p\n    figure: {hedge: exact, value: 5}\n"
            "    sources: [{source: s, quote: خمسة}]\n",
        },
    )
    from factsite.derive import derive
    from factsite.render import render_site

    data = check(facts)
    page = render_site(data, derive(data))["q.md"]
    assert '“<span lang="ar" dir="rtl">خمسة</span>”' in page
    assert '“<span lang="ar" dir="rtl">عنوان الخبر</span>”' in page
