"""Language editions: the interface catalogues, plural forms, translated facts with an
English fallback marked as English, and a built Ukrainian edition with no English
interface string left in it."""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from factsite import model as m
from factsite.i18n import LOCALES, TEMPLATE, _, ngettext, speaking, template
from factsite.words import figure, forms_unit
from tests.conftest import REAL_FACTS, ROOT, build_project, copy_project, run_cli, site_cli

CATALOGUES = sorted(LOCALES.glob("*/LC_MESSAGES/factsite.po"))
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def test_the_catalogue_template_is_current() -> None:
    """Every interface string in the code is in factsite.pot (`build_facts.py sync` writes it)."""
    assert TEMPLATE.read_text(encoding="utf-8") == template(), "run `make sync` to refresh factsite/locales/factsite.pot"


def test_there_is_a_ukrainian_catalogue() -> None:
    assert [p.parts[-3] for p in CATALOGUES] == ["uk"]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_every_interface_string_is_translated_with_its_placeholders(path: Path) -> None:
    with TEMPLATE.open("rb") as handle:
        wanted = {msg.id for msg in read_po(handle) if msg.id}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=path.parts[-3])
    given = {msg.id: msg for msg in catalog if msg.id}
    assert sorted(map(str, wanted - given.keys())) == [], "untranslated"
    for msgid in wanted:
        msg = given[msgid]
        assert not msg.fuzzy, msgid
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        assert all(strings) and len(strings) == (catalog.num_plurals if isinstance(msgid, tuple) else 1), msgid
        names = set(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == names, (msgid, text)


SOLDIERS = m.UnitForms(one="солдат", few="солдати", many="солдатів", other="солдата")


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1 солдат"), (2, "2 солдати"), (5, "5 солдатів"), (11, "11 солдатів"), (21, "21 солдат"), (22, "22 солдати")],
)
def test_a_unit_takes_the_form_its_number_asks_for(n: int, expected: str) -> None:
    with speaking("uk"):
        assert figure(m.Figure(hedge="exact", value=n), forms_unit(SOLDIERS)) == expected


def test_units_after_ranges_shares_and_millions() -> None:
    with speaking("uk"):
        unit = forms_unit(SOLDIERS)
        assert figure(m.Figure(hedge="about", low=10000, high=12001), unit) == "близько 10\xa0000–12\xa0001 солдат"
        assert figure(m.Figure(hedge="at least", value=6000000), unit) == "щонайменше 6 млн солдатів"
        assert figure(m.Figure(hedge="exact", value=1.5), unit) == "1,5 солдата"
        assert figure(m.Figure(hedge="about", value=4700, out_of=15000), unit) == "близько 4\xa0700 з 15\xa0000 солдатів"


def test_interface_plurals_follow_ukrainian_rules() -> None:
    """Three forms: 1 and 21 share one, 2 and 22 another, 5 and 11 the third."""
    with speaking("uk"):
        made = {n: ngettext("It reports {n} event.", "It reports {n} events.", n).format(n=n) for n in (1, 2, 5, 11, 21, 22)}
    assert made[1].replace("1", "21") == made[21]
    assert made[2].replace("2", "22") == made[22]
    assert made[5].replace("5", "11") == made[11]
    assert len({made[1].replace("1", "N"), made[2].replace("2", "N"), made[5].replace("5", "N")}) == 3, made


def test_english_stays_english() -> None:
    assert _("The answer") == "The answer"
    with speaking("uk"):
        assert _("The answer") != "The answer"
    assert _("The answer") == "The answer"


# --- a site with an edition whose facts are not translated ------------------------------

UK_CONFIG = """INHERIT: mkdocs.yml
site_name: Тестовий сайт
docs_dir: docs/uk
theme:
  language: uk
extra:
  alternate:
    - {name: English, link: ../, lang: en}
    - {name: Українська, link: ./, lang: uk}
nav:
  - Головна: index.md
exclude_docs: |
  /answers/_partials/
  /answers/.generated-by-build_facts
"""


@pytest.fixture(scope="module")
def untranslated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The war fixture (no translations) with a Ukrainian edition added to its configuration."""
    project = copy_project(tmp_path_factory.mktemp("untranslated"))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("base_path: [docs/answers/_partials]", "base_path: [!relative $docs_dir/answers/_partials]", 1)
    config = config.replace("exclude_docs: |\n", "exclude_docs: |\n  /uk/\n", 1)
    config += "\nextra:\n  factsite:\n    editions:\n      uk: mkdocs.uk.yml\n"
    assert "$docs_dir" in config and "/uk/" in config, "the fixture's mkdocs.yml changed shape"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "mkdocs.uk.yml").write_text(UK_CONFIG, encoding="utf-8")
    (project / "docs" / "uk").mkdir()
    (project / "docs" / "uk" / "index.md").write_text('# Тест\n\n--8<-- "home.md"\n', encoding="utf-8")
    return project


def test_check_warns_of_each_missing_translation_and_passes(untranslated: Path) -> None:
    result = run_cli("check", "--facts", str(untranslated / "facts"), "--project", str(untranslated))
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert lines, result.stderr
    assert all(re.match(r"^facts/\S+\.yaml:\d+:\d+: warning: ", line) for line in lines), lines
    question = next(line for line in lines if "the question has no" in line)
    assert "Ukrainian (uk)" in question and "ask" in question and "`- lang: uk`" in question


def test_an_untranslated_text_falls_back_to_english_marked_as_english(untranslated: Path) -> None:
    site = build_project(untranslated)
    page = (site / "uk" / "answers" / "killed" / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert heading and 'lang="en"' in heading.group(1), "the English question must be marked as English"
    assert '<html lang="uk"' in page
    assert ">Відповідь<" in page or "Відповідь" in page  # the interface is Ukrainian around it


# --- the shipped site's Ukrainian edition ---------------------------------------------


class _Text(HTMLParser):
    """The text a reader of a page reads, without what is marked as English (quotes,
    headlines, fallbacks), scripts, styles or the search index."""

    SKIP = frozenset({"script", "style", "svg"})
    VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "path", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        hidden = tag in self.SKIP or (dict(attrs).get("lang") or "").startswith("en")
        self.stack.append(hidden or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


PROPER = {"Atom", "CSV", "JSON", "Data Package", "Frictionless Data", "GitHub"}
"""Names the Ukrainian edition writes as they are."""


def _english_fragments() -> set[str]:
    """Every literal run of words in the English interface strings, two words or longer."""
    with TEMPLATE.open("rb") as handle:
        ids = [i for msg in read_po(handle) if msg.id for i in (msg.id if isinstance(msg.id, tuple) else (msg.id,))]
    fragments = set()
    for msgid in ids:
        for piece in re.split(r"\{[a-z_]*\}|\[|\]\([^)]*\)|[*`()<>:;,.“”]", msgid):
            piece = " ".join(piece.split())
            if len(piece.split()) >= 2 and piece not in PROPER:
                fragments.add(piece)
    return fragments


def test_no_english_interface_string_on_any_ukrainian_page(real_site: Path) -> None:
    fragments = _english_fragments()
    assert len(fragments) > 100  # the interface is really there to look for
    pages = sorted((real_site / "uk").rglob("*.html"))
    assert len(pages) >= 10
    found = {}
    for path in pages:
        reader = _Text()
        reader.feed(path.read_text(encoding="utf-8"))
        # What a translated note quotes from an English source, in «…», is the source's words, not ours.
        text = re.sub(r"«[^»]*»", " ", " ".join(" ".join(reader.parts).split()))
        english = sorted(f for f in fragments if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text))
        if english:
            found[path.relative_to(real_site).as_posix()] = english
    assert found == {}


def test_the_ukrainian_pages_say_ukrainian_answers(real_site: Path) -> None:
    page = (real_site / "uk" / "answers" / "killed" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="uk"' in page
    assert "солдатів" in page and "щонайменше 6\xa0000" in page


def test_the_data_downloads_are_the_same_in_every_edition(real_site: Path) -> None:
    english = real_site / "answers" / "data" / "claims.csv"
    assert english.read_bytes() == (real_site / "uk" / "answers" / "data" / "claims.csv").read_bytes()


def test_an_edition_without_its_configuration_file_is_a_problem(untranslated: Path, tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(untranslated, project, ignore=shutil.ignore_patterns("site", "answers"))
    (project / "mkdocs.uk.yml").unlink()
    result = run_cli("--facts", str(project / "facts"), "--out", str(project / "docs" / "answers"), "--project", str(project))
    assert result.returncode == 1
    assert "mkdocs.yml:1:1: the 'uk' edition's configuration file mkdocs.uk.yml is missing" in result.stderr
    assert not (project / "docs" / "answers").exists()  # nothing half-written


def test_each_edition_has_its_own_address_when_the_site_has_one(tmp_path: Path) -> None:
    """Canonical links and the sitemap of the Ukrainian edition name /uk/ pages, not the
    English ones (search engines would take the edition for a copy of them)."""
    project = copy_project(tmp_path, REAL_FACTS, ROOT)
    result = site_cli(project, env=dict(os.environ, SITE_URL="https://example.org/facts/"))
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "uk" / "answers" / "killed" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/facts/uk/answers/killed/">' in page
    english = (project / "site" / "answers" / "killed" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/facts/answers/killed/">' in english
    sitemap = (project / "site" / "uk" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/facts/uk/answers/killed/</loc>" in sitemap
