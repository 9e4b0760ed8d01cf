"""The same docs/ and mkdocs.yml build with Zensical: same pages, same footnotes, clean audit."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from factsite.audit import audit_site
from tests.conftest import copy_project, generate_into


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("zensical"))
    generate_into(project)
    zensical = Path(sys.executable).parent / "zensical"
    result = subprocess.run(
        [str(zensical), "build"], cwd=project, capture_output=True, text=True, timeout=300, env=dict(os.environ, NO_COLOR="1")
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No issues found" in result.stdout + result.stderr
    return project / "site"


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))


def test_same_pages(built_site: Path, zensical_site: Path) -> None:
    assert _pages(zensical_site) == _pages(built_site)
    assert len(_pages(built_site)) >= 10


def test_same_footnotes_and_anchors(built_site: Path, zensical_site: Path) -> None:
    for page in _pages(built_site):
        mine, theirs = ((site / page).read_text(encoding="utf-8") for site in (built_site, zensical_site))
        for pattern in (r'href="#fn:([^"]+)"', r'<li id="fn:([^"]+)"', r'id="((?:claim|event|source|party)-[^"]+)"'):
            assert re.findall(pattern, theirs) == re.findall(pattern, mine), (page, pattern)


def test_same_downloads_and_charts(built_site: Path, zensical_site: Path) -> None:
    for folder in ("data", "charts"):
        ours = sorted(p.name for p in (built_site / "answers" / folder).iterdir())
        assert sorted(p.name for p in (zensical_site / "answers" / folder).iterdir()) == ours


def test_audit_is_clean(zensical_site: Path) -> None:
    assert audit_site(zensical_site) == []
