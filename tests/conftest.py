"""Shared helpers: paths, writing fact trees into tmp_path, running the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests replay the same examples every run, so a red build is
# reproducible; locally they explore new ones each time.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_FACTS = ROOT / "facts"
SEEDS = ROOT.parent / "shared" / "seeds"
SMALL_FACTS = ROOT / "tests" / "fixtures" / "small" / "facts"


def write_tree(base: Path, files: dict[str, str]) -> Path:
    """Write {relative path: text} under base (text is dedented) and return base."""
    for rel, text in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return base


def run_cli(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run build_facts.py as a contributor would, in a subprocess."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build_facts.py"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def mkdocs_build(project: Path, site_dir: Path, **env_vars: str) -> subprocess.CompletedProcess[str]:
    """A real, strict `mkdocs build` of a project folder (mkdocs.yml + docs/)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env_vars)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def copy_project(dest: Path, facts: Path = SHIPPED_FACTS) -> Path:
    """A copy of the site's hand-written parts plus a facts folder, for building in isolation."""
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("answers"))
    for folder in ("hooks", "overrides"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(facts, dest / "facts")
    return dest


def project_command(command: str, project: Path, *extra: str) -> list[str]:
    """`build_facts.py COMMAND` for a project copy: its facts, its generated folder, its config."""
    folders = ["--facts", str(project / "facts"), "--out", str(project / "docs" / "answers"), "--project", str(project)]
    return [sys.executable, str(ROOT / "build_facts.py"), command, *folders, *extra]


def site_cli(
    project: Path, facts: Path | None = None, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`build_facts.py site` for a project copy: generate, build, audit, swap in site/."""
    facts = facts or project / "facts"
    return run_cli(
        "site", "--facts", str(facts), "--out", str(project / "docs" / "answers"), "--project", str(project), *extra, env=env
    )


def generate_into(project: Path) -> None:
    result = run_cli("--facts", str(project / "facts"), "--out", str(project / "docs" / "answers"), "--project", str(project))
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped facts, generated and built once by the real tools; returns site/."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    generate_into(project)
    built = mkdocs_build(project, project / "site")
    assert built.returncode == 0, built.stderr
    return project / "site"
