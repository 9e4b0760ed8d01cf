"""`build_facts.py init DIR` starts a new site that builds and tests on its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factsite.config import load_mkdocs_yml
from factsite.newsite import GENERATOR_PARTS, SITE_OWN, TEMPLATE
from tests.conftest import ROOT, mkdocs_build, run_cli
from tests.test_other_topic import _shipped_words


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("new") / "my-site"
    result = run_cli("init", str(dest))
    assert result.returncode == 0, result.stderr
    assert f"a new site in {dest}" in result.stdout
    return dest


def test_the_new_site_holds_the_generator_and_a_site_of_its_own(new_site: Path) -> None:
    for part in GENERATOR_PARTS:
        assert (new_site / part).exists(), part
    assert sorted(p.name for p in (new_site / "schema").iterdir()) == ["fact-file.schema.json", "vocabulary.schema.json"]
    for own in ("mkdocs.yml", "docs/index.md", "README.md", "facts/vocabulary.yaml", "tests/test_dataset.py"):
        assert (new_site / own).is_file(), own
    for own in SITE_OWN:  # the new site's own test module, not this site's
        assert (new_site / own).read_bytes() == (TEMPLATE / own).read_bytes()
    assert not (new_site / "facts" / "questions" / "killed.yaml").exists()
    assert (new_site / ".git").is_dir()


def test_the_new_site_checks_builds_and_passes_its_own_data_tests(new_site: Path) -> None:
    """What its CI runs first, with the new site's own build_facts.py."""
    cli = [sys.executable, str(new_site / "build_facts.py")]
    checked = subprocess.run([*cli, "check"], cwd=new_site, capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("ok: 1 questions, 1 claims")
    verified = subprocess.run([*cli, "verify"], cwd=new_site, capture_output=True, text=True, timeout=120)
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith("ok: 1 quote from 1 source found in their saved copies")
    synced = subprocess.run([*cli, "sync"], cwd=new_site, capture_output=True, text=True, timeout=120)
    assert synced.stdout.strip() == "schema and guide already up to date", synced.stdout + synced.stderr
    generated = subprocess.run(cli, cwd=new_site, capture_output=True, text=True, timeout=300)
    assert generated.returncode == 0, generated.stderr
    built = mkdocs_build(new_site, new_site / "site")
    assert built.returncode == 0, built.stderr
    page = (new_site / "site" / "answers" / "crowd" / "index.html").read_text(encoding="utf-8")
    assert "about 12,000 people" in page and "Sourced figures" in page
    tested = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_dataset.py"],
        cwd=new_site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert tested.returncode == 0, tested.stdout + tested.stderr
    ours = [p for p in (new_site / "site").rglob("*") if p.suffix in {".html", ".svg", ".json", ".csv"}]
    ours = [p for p in ours if "assets" not in p.relative_to(new_site / "site").parts]
    words = _shipped_words()
    assert [f"{p.name}: {w}" for p in ours for w in words if w.casefold() in p.read_text(encoding="utf-8").casefold()] == []


def test_init_never_writes_over_a_folder_that_holds_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("init", str(tmp_path))
    assert result.returncode == 2
    assert "is not an empty folder; init never writes over files" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_folder_argument_is_for_init_only() -> None:
    result = run_cli("check", "facts")
    assert result.returncode == 2 and "takes no folder argument" in result.stderr


# What the generator needs from a site's mkdocs.yml; the rest (name, nav, palette) is the site's.
PLUMBING = ("docs_dir", "strict", "hooks", "markdown_extensions", "extra_css", "not_in_nav", "exclude_docs", "validation")


@pytest.mark.parametrize("site", ["tests/fixtures/war", "tests/fixtures/quake"], ids=["war", "quake"])
def test_every_copy_of_mkdocs_yml_keeps_the_generators_plumbing(site: str) -> None:
    """The template's mkdocs.yml is the reference: the fixtures' copies
    must keep what the generated pages need (snippets base, excluded partials, hooks ...)."""
    template = load_mkdocs_yml(TEMPLATE / "mkdocs.yml")
    copy = load_mkdocs_yml(ROOT / site / "mkdocs.yml")
    for key in PLUMBING:
        assert copy.get(key) == template.get(key), f"{site}/mkdocs.yml: {key} differs from the template's"
    assert copy["theme"]["custom_dir"] == template["theme"]["custom_dir"]


def test_init_refuses_a_folder_inside_the_generator(tmp_path: Path) -> None:
    result = run_cli("init", str(ROOT / "tests" / "new-site-inside"))
    assert result.returncode == 2
    assert "inside this generator's own folder" in result.stderr
    assert not (ROOT / "tests" / "new-site-inside").exists()
