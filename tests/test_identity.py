"""The site's identity comes from its mkdocs.yml, never from the generator's code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factsite.config import SiteConfig, read_config
from factsite.export import package_name
from tests.conftest import run_cli, write_tree

CONFIG = """
site_name: Crowds at the rally, sourced
site_description: Every count of the crowd, side by side.
site_url: !ENV [IDENTITY_TEST_URL, null]
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
nav:
  - Home: index.md
  - Who counted, and when: answers/timeline.md
  - More:
      - Sources of the counts: answers/sources.md
"""


def test_the_identity_is_read_from_mkdocs_yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"mkdocs.yml": CONFIG})
    monkeypatch.delenv("IDENTITY_TEST_URL", raising=False)
    config = read_config(tmp_path)
    assert config.name == "Crowds at the rally, sourced"
    assert config.description == "Every count of the crowd, side by side."
    assert config.url is None
    assert config.title("answers/timeline.md", "Timeline") == "Who counted, and when"
    assert config.title("answers/sources.md", "Sources") == "Sources of the counts"
    assert config.title("answers/parties.md", "Parties") == "Parties"
    monkeypatch.setenv("IDENTITY_TEST_URL", "https://example.org/crowds/")
    assert read_config(tmp_path).url == "https://example.org/crowds/"


def test_python_tags_in_mkdocs_yml_are_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    write_tree(tmp_path, {"mkdocs.yml": f"site_name: X\nhook: !!python/object/apply:os.system ['touch {marker}']\n"})
    assert read_config(tmp_path).name == "X"
    assert not marker.exists()


@pytest.mark.parametrize("text", ["", "- a list\n", "site_name: [unclosed\n", "\xff\xfe"])
def test_a_missing_or_broken_mkdocs_yml_reads_as_no_identity(tmp_path: Path, text: str) -> None:
    (tmp_path / "mkdocs.yml").write_bytes(text.encode("latin-1"))
    assert read_config(tmp_path) == SiteConfig()
    assert read_config(tmp_path / "nowhere") == SiteConfig()


def test_package_names_are_data_package_names() -> None:
    assert package_name("North Korean troops in Russia’s war, sourced") == "north-korean-troops-in-russias-war-sourced"
    assert package_name("Séisme à Al Haouz") == "seisme-a-al-haouz"
    assert package_name("Втрати") == package_name("") == "facts"


def test_pages_and_data_carry_the_configured_name(tmp_path: Path) -> None:
    """Generate a small site whose mkdocs.yml names it: the citation line, the data
    package and the timeline's heading say what mkdocs.yml says."""
    project = write_tree(
        tmp_path,
        {
            "mkdocs.yml": CONFIG,
            "facts/all.yaml": """
                parties:
                  - {id: police, name: City police, kind: government}
                sources:
                  - {id: report, title: Crowd report, publisher: unknown, published: 2024-05-02, language: en}
                question:
                  slug: crowd
                  ask: How many people came?
                  order: 1
                  measures:
                    - {id: total, label: People at the rally, unit: people}
                claims:
                  - id: police-count
                    figure: {hedge: about, value: 12000}
                    claimant: police
                    as_of: 2024-05-01
                    sources: [{source: report, quote: "Police said about 12,000 people came."}]
                events:
                  - id: counted
                    date: 2024-05-01
                    actor: police
                    kind: reported
                    summary: The police published a count.
                    questions: [crowd]
                    sources: [{source: report, quote: "Police said about 12,000 people came."}]
            """,
        },
    )
    out = project / "docs" / "answers"
    result = run_cli("--facts", str(project / "facts"), "--out", str(out), "--project", str(project))
    assert result.returncode == 0, result.stderr
    page = (out / "crowd.md").read_text(encoding="utf-8")
    assert "**Cite this page:** Crowds at the rally, sourced, “How many people came?”." in page
    package = json.loads((out / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "crowds-at-the-rally-sourced"
    assert package["title"] == "Crowds at the rally, sourced: claims, events and sources"
    ld = json.loads(page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert ld["isPartOf"] == {"@type": "WebSite", "name": "Crowds at the rally, sourced"}
    assert (out / "timeline.md").read_text(encoding="utf-8").startswith("# Who counted, and when\n")
    assert (out / "sources.md").read_text(encoding="utf-8").startswith("# Sources of the counts\n")
    assert (out / "parties.md").read_text(encoding="utf-8").startswith("# Parties\n")  # not in the nav: the default


@pytest.mark.parametrize(
    "nav",
    [
        "nav: &n\n  - *n\n  - Home: index.md\n",  # an alias cycle
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nnav: [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n",  # 10^8 items
        "extra: " + "[" * 3000 + "]" * 3000 + "\n",  # deeper than the parser's recursion
    ],
    ids=["cycle", "billion-laughs", "deep"],
)
def test_a_hostile_mkdocs_yml_never_stalls_the_generator(tmp_path: Path, nav: str) -> None:
    write_tree(tmp_path, {"mkdocs.yml": "site_name: X\n" + nav})
    config = read_config(tmp_path)
    assert config.name in ("X", "")
