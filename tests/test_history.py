"""What changed: each question page's history, read from a git repository the test builds
(add, revise, correct), and what a build without history says."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from factsite.history import UNAVAILABLE_NO_GIT, UNAVAILABLE_SHALLOW, read_history
from factsite.pipeline import generate
from tests.conftest import SMALL_FACTS


def _git(repo: Path, *args: str, date: str = "2031-03-02T12:00:00Z") -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="A Contributor",
        GIT_AUTHOR_EMAIL="contributor@example.org",
        GIT_COMMITTER_NAME="A Contributor",
        GIT_COMMITTER_EMAIL="contributor@example.org",
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
    )
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CLAIM = """\
  - id: spies-at-least-2000
    measure: total
    figure: {hedge: at least, value: 2000}
    claimant: minister
    cited: [spies, agency]
    sources:
      - source: gazette-2025-03-01
        quote: At least 2,000, according to intelligence.
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose facts were added, then one estimate revised, then that estimate
    removed with a correction note, each in its own commit on its own day."""
    root = tmp_path_factory.mktemp("history") / "site"
    shutil.copytree(SMALL_FACTS, root / "facts")
    soldiers = root / "facts" / "questions" / "soldiers.yaml"
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "facts")
    _git(root, "commit", "-q", "-m", "Add the small dataset", date="2031-03-01T12:00:00Z")
    _edit(soldiers, CLAIM, CLAIM + "    note: The count was revised.\n")
    _git(
        root,
        "commit",
        "-q",
        "-am",
        "Revise the spies' estimate <script>alert(1)</script> ::error::x",
        date="2031-03-02T12:00:00Z",
    )
    _edit(soldiers, CLAIM + "    note: The count was revised.\n", "")
    _edit(
        soldiers,
        "\nclaims:",
        "  corrections:\n    - date: 2031-03-03\n      note: An estimate entered twice was removed.\n\nclaims:",
    )
    _git(root, "commit", "-q", "-am", "Correct: remove a duplicate", date="2031-03-03T12:00:00Z")
    return root


def _page(repo: Path, out: Path, name: str = "soldiers.md") -> str:
    generate(repo / "facts", out, project=repo)
    return (out / name).read_text(encoding="utf-8")


def test_each_question_page_shows_its_history_newest_first(repo: Path, tmp_path: Path) -> None:
    page = _page(repo, tmp_path / "answers")
    section = page.split("## What changed {#what-changed}", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.strip().splitlines() if line]
    assert lines[0] == "- **3 Mar 2031** · Correction: An estimate entered twice was removed."
    assert lines[1].startswith("- **3 Mar 2031** · Removed `spies-at-least-2000`. *Correct&#58; remove a duplicate* (commit ")
    assert lines[2].startswith("- **2 Mar 2031** · Changed `spies-at-least-2000`. *Revise the spies")
    assert lines[3].startswith("- **1 Mar 2031** · Added [")
    assert len(lines) == 4


def test_a_commit_subject_is_shown_as_text(repo: Path, tmp_path: Path) -> None:
    page = _page(repo, tmp_path / "answers")
    assert "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62; &#58;&#58;error&#58;&#58;x" in page
    assert "<script>" not in page.split('<script type="application/ld+json">')[0]


def test_the_home_page_lists_recent_changes(repo: Path, tmp_path: Path) -> None:
    home = _page(repo, tmp_path / "answers", "_partials/home.md")
    recent = home.split("## Recent changes", 1)[1]
    assert "](answers/soldiers.md#what-changed): **3 Mar 2031** · Removed" in recent


def test_a_shallow_clone_says_its_history_is_not_available(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, capture_output=True)
    assert read_history(clone, clone / "facts").reason == UNAVAILABLE_SHALLOW
    page = _page(clone, tmp_path / "answers")
    assert f"*History not available: {UNAVAILABLE_SHALLOW}.*" in page
    assert "Correction: An estimate entered twice was removed." in page  # the fact file's own note still shows


def test_a_copy_without_git_says_its_history_is_not_available(tmp_path: Path) -> None:
    shutil.copytree(SMALL_FACTS, tmp_path / "site" / "facts")
    page = _page(tmp_path / "site", tmp_path / "answers")
    assert f"*History not available: {UNAVAILABLE_NO_GIT}.*" in page
