"""Live preview: regenerate pages when a fact file changes; MkDocs serves and reloads.

``mkdocs serve`` already watches docs/ and reloads the open page. This loop only
watches facts/ (and the guide) and regenerates into docs/answers/. The writer
touches only pages whose bytes changed, so MkDocs rebuilds once per real change
and never loops. A broken edit prints its problems and leaves the last good pages
in place, so the preview keeps showing the last good site.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .errors import FactsError
from .load import fact_paths
from .pipeline import GUIDE, generate
from .write import WriteError

Signature = tuple[tuple[str, int, int], ...]


def signature(facts_dir: Path, project: Path) -> Signature:
    """What changes when anyone saves a fact file or the guide (cheap: one stat per file)."""
    paths = [*fact_paths(facts_dir), project / GUIDE]
    stats = []
    for path in paths:
        try:
            st = path.stat()
        except FileNotFoundError:  # deleted between listing and stat
            continue
        stats.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(stats)


def regenerate(facts_dir: Path, out_dir: Path, project: Path, say: Callable[[str], None]) -> bool:
    """One regeneration; reports what happened and never raises for bad facts."""
    try:
        report = generate(facts_dir, out_dir, project=project)
    except FactsError as exc:
        say("\n".join(str(p) for p in exc.problems))
        say(f"{len(exc.problems)} problem(s); still serving the last good pages.")
        return False
    if report.written or report.removed:
        say(f"regenerated: {', '.join(report.written + report.removed)}")
    return True


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(facts_dir: Path, out_dir: Path, project: Path, dev_addr: str, interval: float = 0.25) -> int:
    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    try:
        ok = regenerate(facts_dir, out_dir, project, say)
    except WriteError as exc:
        say(f"build_facts.py: {exc}")
        return 2
    if not ok and not (out_dir / "_partials").is_dir():
        return 1  # nothing good to show yet
    # MkDocs resolves the snippet include relative to the working directory: the project.
    mkdocs = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", dev_addr, "--config-file", "mkdocs.yml"],
        cwd=project,
    )
    last = signature(facts_dir, project)
    signal.signal(signal.SIGTERM, _stop)  # a plain `kill` must stop MkDocs too
    try:
        while mkdocs.poll() is None:
            time.sleep(interval)
            current = signature(facts_dir, project)
            if current != last:
                last = current
                regenerate(facts_dir, out_dir, project, say)
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
