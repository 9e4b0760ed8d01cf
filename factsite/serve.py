"""Live preview: regenerate pages when a fact file changes; MkDocs serves and reloads.

``mkdocs serve`` already watches docs/ and reloads the open page. This loop only
watches facts/ (and the guide) and regenerates into docs/answers/. The writer
touches only pages whose bytes changed, so MkDocs rebuilds once per real change
and never loops. A broken edit prints its problems and leaves the last good pages
in place, so the preview keeps showing the last good site.

A save shows in seconds on a large site too, from three things:

* the loop keeps every fact file it read (`load.Reads`): a save re-reads that file only;
* the pages of the questions in the saved files are written first (`first_pages`), then
  the rest of the site, which rewrites only files whose bytes changed (compared by the
  digest kept from the last write, not by reading each file back);
* MkDocs runs ``--dirty``: it rebuilds only pages whose Markdown changed, and
  hooks/preview.py makes that show what a full build would.

Fact files change under the loop at any moment: an editor's safe-save renames a
temporary file over the real one, ``git checkout`` deletes and recreates files, a
save is caught half-written. None of that stops the preview: a file that vanishes,
turns into a folder or cannot be read between listing and reading is reported in
one line, the last good pages stay, and the next change is picked up as usual.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from .config import CONFIG_FILE, read_config
from .errors import FactsError
from .load import Reads, fact_paths, relative
from .pipeline import GUIDE, first_pages, prepare, render, write
from .write import WriteError, WriteReport, Written

Signature = tuple[tuple[str, int, int, int], ...]


def signature(facts_dir: Path, project: Path) -> Signature:
    """What changes when anyone saves a fact file or the guide (cheap: one stat per file).

    The inode number is part of it: a safe-save renames a new file over the old one,
    which a same-size save within one clock tick would otherwise hide."""
    paths = [*fact_paths(facts_dir), project / GUIDE]
    stats = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:  # deleted (or made unreadable) between listing and stat
            continue
        stats.append((str(path), st.st_mtime_ns, st.st_size, st.st_ino))
    return tuple(stats)


KEPT = "still serving the last good pages."


def regenerate(
    facts_dir: Path,
    out_dir: Path,
    project: Path,
    say: Callable[[str], None],
    reads: Reads | None = None,
    saved: frozenset[str] = frozenset(),
    written: Written | None = None,
) -> bool:
    """One regeneration; reports what happened and never raises for bad facts or for a
    file that changed while it was read. Raises WriteError (the output folder is not
    ours: the caller decides whether that is fatal). The pages of the questions in the
    fact files ``saved`` (as problems name them) are written first."""
    started = time.perf_counter()
    try:
        prepared = prepare(facts_dir, out_dir, project=project, reads=reads)
        first = first_pages(prepared, set(saved), written) if saved else WriteReport()
        pages = [path for path in first.written if path.endswith(".md")]
        if pages:
            charts = len(first.written) - len(pages)
            with_charts = f" and {charts} chart file(s)" if charts else ""
            took = time.perf_counter() - started
            say(f"updated {', '.join(pages)}{with_charts} ({took:.2f} s); the rest of the site follows")
        report = write(render(prepared), written)
    except FactsError as exc:
        say("\n".join(str(p) for p in exc.problems))
        say(f"{len(exc.problems)} problem(s); {KEPT}")
        return False
    except OSError as exc:
        # A file vanished, became a folder or was unreadable between listing and reading
        # (a safe-save, a checkout, a permission change): the next change retries.
        what = f"{exc.strerror or type(exc).__name__}: {exc.filename}" if exc.filename else str(exc)
        say(f"build_facts.py: {what} (retried on the next change); {KEPT}")
        return False
    if report.written or report.removed:
        changed = report.written + report.removed
        listed = ", ".join(changed[:10]) + (f" and {len(changed) - 10} more" if len(changed) > 10 else "")
        say(f"regenerated: {listed} ({time.perf_counter() - started:.2f} s)")
    return True


PREVIEW_HOOK = "hooks/preview.py"


def mkdocs_mode(project: Path, say: Callable[[str], None]) -> list[str]:
    """``--dirty`` (rebuild only what changed) where the site's mkdocs.yml loads the hook
    that makes a dirty build show what a full one would; else full rebuilds, said once."""
    if PREVIEW_HOOK in read_config(project).hooks:
        return ["--dirty"]
    say(
        f"{CONFIG_FILE} does not load {PREVIEW_HOOK}: every save rebuilds the whole site (add it under `hooks:` for fast rebuilds)"
    )
    return []


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(facts_dir: Path, out_dir: Path, project: Path, dev_addr: str, interval: float = 0.25) -> int:
    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    reads, written = Reads(), Written()
    try:
        ok = regenerate(facts_dir, out_dir, project, say, reads, written=written)
    except WriteError as exc:
        say(f"build_facts.py: {exc}")
        return 2
    if not ok and not (out_dir / "_partials").is_dir():
        return 1  # nothing good to show yet
    # MkDocs resolves the snippet include relative to the working directory: the project.
    mode = mkdocs_mode(project, say)
    mkdocs = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *mode, "--dev-addr", dev_addr, "--config-file", CONFIG_FILE],
        cwd=project,
        env=dict(os.environ, FACTSITE_PREVIEW="1") if mode else None,  # hooks/preview.py repairs dirty builds only
    )
    last = signature(facts_dir, project)
    signal.signal(signal.SIGTERM, _stop)  # a plain `kill` must stop MkDocs too
    try:
        while mkdocs.poll() is None:
            time.sleep(interval)
            current = signature(facts_dir, project)
            if current != last:
                saved = frozenset(relative(Path(entry[0]), facts_dir.parent) for entry in set(current) - set(last))
                last = current  # before regenerating: a failure is reported once per change
                try:
                    regenerate(facts_dir, out_dir, project, say, reads, saved, written)
                except WriteError as exc:  # e.g. someone removed the marker: not fatal mid-session
                    say(f"build_facts.py: {exc}; {KEPT}")
                except Exception:  # deliberately broad; see below
                    # Anything else is a bug in build_facts.py, not a bad edit (those are
                    # FactsError) nor a file system race (OSError). Dying here would take
                    # MkDocs and the reader's live-reloading page down with it over a bug
                    # the contributor cannot fix, so the preview prints the full traceback,
                    # as loudly as a crash would, and keeps serving the last good pages.
                    # KeyboardInterrupt and SystemExit are not Exceptions: they still stop
                    # the loop. `build`, `site` and CI are not shielded and still crash.
                    say(traceback.format_exc().rstrip())
                    say(f"build_facts.py: unexpected error, a bug: please report it with the lines above; {KEPT}")
    except KeyboardInterrupt:
        pass
    finally:
        if mkdocs.poll() is None:
            mkdocs.terminate()
            try:
                mkdocs.wait(timeout=10)
            except subprocess.TimeoutExpired:
                mkdocs.kill()
    return mkdocs.returncode or 0
