"""What changed: each question's claims added, changed and removed, read from git.

The fact files' history is the site's history: every commit that touched a fact file
is compared with its parent, file by file, and the claims whose text changed are
listed under the question they answer, with the commit's date and subject line. A
build without history (a tarball, a shallow clone) says so rather than guessing.

This is the one step besides `build_date` that asks git anything; it runs before
rendering, and its result is passed in (`Options.history`), so pages stay pure. All
text it returns is untrusted (a commit subject is a contributor's words): the pages
escape it like any fact-file text. Reading is bounded: the newest `MAX_COMMITS`
commits, one `git log` and one `git cat-file --batch` process in all.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .i18n import N_

MAX_COMMITS = 300
"""Newest commits read; older changes are summarised as "earlier changes not listed"."""
SUBJECT_MAX = 120
"""A commit subject longer than this is cut (with "…")."""
TIMEOUT = 60


@dataclass(frozen=True)
class Change:
    """One commit's changes to one question's claims."""

    date: dt.date
    commit: str
    """Short hash."""
    sha: str
    """Full hash: the stable part of a feed entry's id."""
    subject: str
    question: str
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class History:
    available: bool
    reason: str = ""
    """Why there is no history (shown to readers), when not available."""
    changes: tuple[Change, ...] = ()
    """Newest first."""
    truncated: bool = False
    by_question: dict[str, tuple[Change, ...]] = field(default_factory=dict)


UNAVAILABLE_NO_GIT = N_("this copy of the site was built without the history of its fact files")
UNAVAILABLE_SHALLOW = N_(
    "this copy of the site was built from a shallow clone, which holds only the latest version of its fact files"
)


def _git(project: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(project), *args], input=stdin, capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def read_history(project: Path, facts_dir: Path) -> History:
    """The changes to the claims of the fact files under ``facts_dir``, newest first."""
    top = _git(project, "rev-parse", "--show-toplevel")
    if top is None:
        return History(False, UNAVAILABLE_NO_GIT)
    if (_git(project, "rev-parse", "--is-shallow-repository") or b"").strip() == b"true":
        return History(False, UNAVAILABLE_SHALLOW)
    try:
        facts = facts_dir.resolve().relative_to(Path(top.decode().strip()).resolve()).as_posix()
    except ValueError:
        return History(False, UNAVAILABLE_NO_GIT)
    log = _git(
        project,
        "log",
        f"--max-count={MAX_COMMITS + 1}",
        "--no-renames",
        "--format=%x00%H%x1f%P%x1f%ct%x1f%s",
        "--name-only",
        "--",
        facts,
    )
    if log is None:
        return History(False, UNAVAILABLE_NO_GIT)
    commits = list(_commits(log.decode("utf-8", "replace")))
    truncated = len(commits) > MAX_COMMITS
    commits = commits[:MAX_COMMITS]
    wanted = [(f"{h}:{p}", f"{parent}:{p}" if parent else "") for h, parent, _, _, paths in commits for p in paths]
    blobs = _cat(project, [spec for pair in wanted for spec in pair if spec])
    changes = []
    for sha, parent, stamp, subject, paths in commits:
        when = dt.datetime.fromtimestamp(stamp, dt.UTC).date()
        for question, (added, changed, removed) in sorted(_diff(blobs, sha, parent, paths).items()):
            changes.append(Change(when, sha[:7], sha, _subject(subject), question, added, changed, removed))
    by_question: dict[str, list[Change]] = {}
    for change in changes:
        by_question.setdefault(change.question, []).append(change)
    return History(True, "", tuple(changes), truncated, {q: tuple(c) for q, c in by_question.items()})


def _commits(log: str) -> Iterator[tuple[str, str, int, str, list[str]]]:
    for record in log.split("\0")[1:]:
        head, _, names = record.partition("\n")
        sha, parents, stamp, subject = (head.split("\x1f") + ["", "", "0", ""])[:4]
        paths = [p for p in names.splitlines() if p.endswith((".yaml", ".yml"))]
        yield sha, parents.split(" ")[0] if parents else "", int(stamp or 0), subject, paths


def _subject(subject: str) -> str:
    subject = " ".join(subject.split())
    return subject if len(subject) <= SUBJECT_MAX else subject[: SUBJECT_MAX - 1] + "…"


def _cat(project: Path, specs: list[str]) -> dict[str, bytes]:
    """The blobs named ``commit:path``, through one `git cat-file --batch` (absent ones left out)."""
    if not specs:
        return {}
    out = _git(project, "cat-file", "--batch", stdin=("\n".join(specs) + "\n").encode())
    found: dict[str, bytes] = {}
    if out is None:
        return found
    at = 0
    for spec in specs:
        end = out.find(b"\n", at)
        if end < 0:  # the output ended early: what was read is kept
            break
        header = out[at:end].split(b" ")
        at = end + 1
        if len(header) < 3 or header[-1] == b"missing" or header[1] != b"blob" or not header[2].isdigit():
            continue
        size = int(header[2])
        found[spec] = out[at : at + size]
        at += size + 1
    return found


def _claims(blob: bytes | None) -> tuple[str | None, dict[str, Any]]:
    """A fact file's question slug and claims by id, read leniently (an old version may
    not load today: it then counts as holding nothing)."""
    if not blob:
        return None, {}
    try:
        data = yaml.load(blob, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe loaders only
    except (yaml.YAMLError, RecursionError, ValueError):
        return None, {}
    if not isinstance(data, dict):
        return None, {}
    question = data.get("question")
    slug = question.get("slug") if isinstance(question, dict) else None
    claims = data.get("claims")
    by_id = (
        {c["id"]: c for c in claims if isinstance(c, dict) and isinstance(c.get("id"), str)} if isinstance(claims, list) else {}
    )
    return slug if isinstance(slug, str) else None, by_id


def _diff(
    blobs: dict[str, bytes], sha: str, parent: str, paths: list[str]
) -> dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    found: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}
    for path in paths:
        new_slug, new = _claims(blobs.get(f"{sha}:{path}"))
        old_slug, old = _claims(blobs.get(f"{parent}:{path}") if parent else None)
        slug = new_slug or old_slug
        if slug is None:
            continue
        added = tuple(sorted(set(new) - set(old)))
        removed = tuple(sorted(set(old) - set(new)))
        changed = tuple(sorted(i for i in set(new) & set(old) if new[i] != old[i]))
        if added or changed or removed:
            previous = found.get(slug, ((), (), ()))
            found[slug] = (previous[0] + added, previous[1] + changed, previous[2] + removed)
    return found
