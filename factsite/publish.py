"""The whole site: generate, build with MkDocs into a temporary folder, audit, swap in.

A failure at any step (bad facts, a strict-mode warning, an audit finding) leaves
the previous site/ byte-identical and removes the temporary build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .audit import audit_site
from .pipeline import build_date, generate
from .write import WriteReport, swap_in


class BuildError(Exception):
    """MkDocs failed or the audit found live content; carries the lines to show."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


@dataclass
class SiteReport:
    pages: WriteReport
    html_files: int


def mkdocs_build(project: Path, site_dir: Path) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(build_date(project)), NO_MKDOCS_2_WARNING="1")
    # Never -q: with --strict it hides warnings and exits 0 (mkdocs#4126).
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    warnings = [line for line in result.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]
    if result.returncode != 0 or warnings:
        raise BuildError(warnings or result.stderr.strip().splitlines()[-5:] or ["mkdocs build failed"])


def build_site(
    facts_dir: Path,
    out_dir: Path,
    project: Path,
    site_dir: Path,
    root: Path | None = None,
    stale_after_days: int = 365,
    site_url: str | None = None,
) -> SiteReport:
    pages = generate(facts_dir, out_dir, root, project, stale_after_days, site_url)
    staging = site_dir.with_name(f".{site_dir.name}.new-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        mkdocs_build(project, staging)
        problems = audit_site(staging)
        if problems:
            raise BuildError([f"audit: {p}" for p in problems])
        html_files = sum(1 for _ in staging.rglob("*.html"))
        swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return SiteReport(pages, html_files)
