"""The whole site: generate, build with MkDocs into a temporary folder, audit, swap in.

A failure at any step (bad facts, a strict-mode warning, an audit finding) leaves
the previous site/ byte-identical and removes the temporary build.

So does being stopped: SIGTERM (a CI job cancelled, a plain ``kill``) or Ctrl-C
raises ``Interrupted``, which unwinds through the same cleanup (MkDocs is killed and
waited for first, so nothing writes into the folder being removed). Only SIGKILL, a
power cut or a crash can leave temporary folders behind; the next build removes them.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .audit import audit_site
from .config import CONFIG_FILE, read_config
from .pipeline import build_date, generate
from .write import WriteReport, swap_in


class BuildError(Exception):
    """MkDocs failed or the audit found live content; carries the lines to show."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


class Interrupted(KeyboardInterrupt):
    """SIGTERM or Ctrl-C during ``build_site``; raised once the temporary build is gone.

    A KeyboardInterrupt, so everything in between treats it as Ctrl-C (``except
    Exception`` cannot swallow it) and a caller that handles Ctrl-C handles this too."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(f"stopped by {signal.Signals(signum).name}; the site was not changed")


@dataclass
class _Stop:
    published: bool = False
    stopping: bool = False


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def _stop_cleanly() -> Iterator[_Stop]:
    """While the block runs, SIGTERM and SIGINT raise ``Interrupted`` (once: a second
    signal during the cleanup is ignored, so the cleanup finishes; SIGKILL still works).
    Once ``published`` is set the build has nothing left to undo, and a signal no longer
    interrupts it. The previous handlers come back afterwards. Signal handlers belong to
    the main thread: elsewhere this does nothing."""
    state = _Stop()
    if threading.current_thread() is not threading.main_thread():
        yield state
        return

    def handler(signum: int, frame: object) -> None:
        if state.published or state.stopping:
            return
        state.stopping = True
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, handler) for signum in STOP_SIGNALS}
    try:
        yield state
    finally:
        for signum, old in previous.items():
            if old is not None:  # None: installed outside Python; cannot be put back
                signal.signal(signum, old)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGTERM and SIGINT until the block is done (POSIX): publishing is two renames
    and a stop between them would leave no site/ at all."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _running(pid: int) -> bool:
    """Whether process ``pid`` still runs: signal 0 checks without sending anything.
    This process is not building yet, so its own pid counts as finished; so does every
    pid where there is no cheap check (Windows, where signal 0 would be CTRL_C_EVENT)."""
    if pid <= 0 or pid == os.getpid() or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:  # another user's process
        return True
    except (OSError, OverflowError):  # no such process
        return False
    return True


def remove_leftovers(site_dir: Path) -> list[Path]:
    """Remove the temporary folders that earlier builds of ``site_dir`` left beside it when
    they were killed: ``.site.new-<pid>`` (a build in progress) and ``.site.old-<pid>``
    (the site being replaced). Only folders with exactly those names, never a symbolic
    link or a file. A folder whose process still runs is kept: two builds of one site at
    once are unusual, but the check is one system call. (A reused pid keeps a leftover
    until that process ends; a build in another pid namespace, e.g. another container
    sharing the folder, cannot be seen and its folders are removed.)"""
    name = re.compile(rf"\.{re.escape(site_dir.name)}\.(?:new|old)-([0-9]{{1,18}})")
    try:
        entries = sorted(site_dir.parent.iterdir())
    except OSError:  # no parent folder yet: nothing left over
        return []
    removed = []
    for path in entries:
        found = name.fullmatch(path.name)
        if found is None or path.is_symlink() or not path.is_dir() or _running(int(found[1])):
            continue
        shutil.rmtree(path, ignore_errors=True)  # what cannot be removed now is tried next time
        removed.append(path)
    return removed


@dataclass
class SiteReport:
    pages: WriteReport
    html_files: int


def mkdocs_build(project: Path, site_dir: Path, config_file: str = CONFIG_FILE, edition: str = "") -> None:
    """A strict MkDocs build of the main project, or of an ``edition`` ("uk/") from its own
    configuration file; an edition's address is the site's plus its folder (`SITE_URL`, which
    every edition's configuration reads), so its canonical links and sitemap name its own pages."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(build_date(project)), NO_MKDOCS_2_WARNING="1")
    address = read_config(project).url
    if edition and address:
        env["SITE_URL"] = f"{address.rstrip('/')}/{edition}"
    # Never -q: with --strict it hides warnings and exits 0 (mkdocs#4126).
    command = ["build", "--strict", "--clean", "--config-file", config_file, "--site-dir", str(site_dir)]
    with subprocess.Popen(
        [sys.executable, "-m", "mkdocs", *command],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        try:
            _, stderr = process.communicate()
        except BaseException:  # Interrupted: MkDocs must stop writing before its folder is removed
            process.kill()
            process.wait()
            raise
    warnings = [
        f"{config_file}: {line}" if config_file != CONFIG_FILE else line
        for line in stderr.splitlines()
        if line.startswith(("WARNING", "ERROR"))
    ]
    if process.returncode != 0 or warnings:
        raise BuildError(warnings or stderr.strip().splitlines()[-5:] or ["mkdocs build failed"])


def build_site(
    facts_dir: Path,
    out_dir: Path,
    project: Path,
    site_dir: Path,
    root: Path | None = None,
    stale_after_days: int = 365,
    site_url: str | None = None,
    snapshots: Path | None = None,
) -> SiteReport:
    """Generate, build into ``.<site>.new-<pid>`` beside ``site_dir``, audit, swap in.
    Raises FactsError, BuildError, WriteError, or Interrupted (SIGTERM, Ctrl-C); each
    leaves ``site_dir`` as it was and no temporary folder behind."""
    with _stop_cleanly() as stop:
        remove_leftovers(site_dir)
        pages = generate(facts_dir, out_dir, root, project, stale_after_days, site_url, snapshots)
        staging = site_dir.with_name(f".{site_dir.name}.new-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        try:
            mkdocs_build(project, staging)
            editions = read_config(project).editions
            for lang, config_file in sorted(editions.items()):
                mkdocs_build(project, staging / lang, config_file, f"{lang}/")  # inside the main build: one site, one swap
            problems = audit_site(staging, tuple(sorted(editions)))
            if problems:
                raise BuildError([f"audit: {p}" for p in problems])
            html_files = sum(1 for _ in staging.rglob("*.html"))
            with _signals_held():  # a signal held here arrives after `published`: ignored
                swap_in(staging, site_dir)
                stop.published = True
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return SiteReport(pages, html_files)
