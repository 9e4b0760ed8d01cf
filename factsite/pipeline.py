"""The steps in order: load -> validate -> derive -> render -> write.

Each function raises `FactsError` with every problem found, before anything is
written; the command line turns that into messages.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from . import outputs as out
from .config import read_config
from .derive import Derived, derive
from .errors import FactsError, Problem
from .export import export
from .guide import with_reference
from .history import read_history
from .load import load, site_vocabulary
from .model import Dataset, Loc, Vocabulary
from .relations import problem as clash_problem
from .render import Options, render_outputs, render_site
from .schema import schema_files
from .validate import build_dataset
from .verify import Verification, verify
from .write import WriteReport, write_file, write_pages

GUIDE = "CONTRIBUTING.md"
SCHEMA_DIR = "schema"


def check(facts_dir: Path, root: Path | None = None) -> Dataset:
    """Load and validate every fact file; the Dataset, or FactsError with all problems."""
    return checked(facts_dir, root)[0]


def checked(facts_dir: Path, root: Path | None = None) -> tuple[Dataset, Derived]:
    """Load, validate and derive; FactsError with every problem, including estimates of
    related measures from one origin that cannot both hold (relations.py)."""
    loaded = load(facts_dir, root)
    problems = list(loaded.problems)
    try:
        dataset = build_dataset(loaded)
    except FactsError as exc:
        raise FactsError(problems + exc.problems) from None
    if problems:
        raise FactsError(problems)
    derived = derive(dataset)
    same_origin = [clash_problem(c) for c in derived.clashes if c.same_origin and not c.undated]
    if same_origin:
        raise FactsError(same_origin)
    return dataset, derived


def snapshot_folder(project: Path, given: Path | None = None) -> Path | None:
    """The folder of the sources' saved texts: ``given`` (``--snapshots``), else the one
    mkdocs.yml names (``extra: factsite: snapshots:``, relative to it), else None."""
    if given is not None:
        return given
    configured = read_config(project).snapshots
    return project / configured if configured else None


def verify_quotes(facts_dir: Path, folder: Path, root: Path | None = None, explain: bool = False) -> Verification:
    """Check the facts, then every quote against its source's snapshot in ``folder``;
    FactsError with every problem of either."""
    dataset = check(facts_dir, root)
    result = verify(dataset, folder, explain)
    if result.problems or result.unsaved:
        raise FactsError(result.problems + result.unsaved)
    return result


def pages(facts_dir: Path, root: Path | None = None) -> tuple[Dataset, Derived, dict[str, str]]:
    dataset, derived = checked(facts_dir, root)
    return dataset, derived, render_site(dataset, derived)


def edit_paths(dataset: Dataset, page_paths: list[str]) -> dict[str, str]:
    """Generated page -> the file (relative to the repository) a contributor edits to change it."""
    first: dict[str, str | None] = {
        out.TIMELINE: min((e.loc.path for e in dataset.events), default=None),
        out.SOURCES: min((s.loc.path for s in dataset.sources), default=None),
        out.PARTIES: min((p.loc.path for p in dataset.parties), default=None),
        out.GUIDE_PAGE: GUIDE,
        **{out.question_page(slug): path for slug, path in dataset.question_files.items()},
    }
    return {page: path for page in page_paths if (path := first.get(page))}


def previous_charts(out_dir: Path) -> Callable[[str], str | None]:
    """Charts the last generation drew, by fingerprint (reads only; the writer writes)."""
    try:
        manifest = json.loads((out_dir / out.CHART_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return lambda _: None
    by_print = {fp: out_dir / name for name, fp in manifest.items()}

    def lookup(fingerprint: str) -> str | None:
        path = by_print.get(fingerprint)
        try:
            return path.read_text(encoding="utf-8") if path else None
        except OSError:
            return None

    return lookup


def build_date(project: Path) -> int:
    """The build's timestamp: SOURCE_DATE_EPOCH if set, else the last commit's time (so
    the same commit builds the same bytes on any day), else 0."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "-C", str(project), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return int(out.stdout.strip())
    except OSError:
        pass
    return 0


def generate(
    facts_dir: Path,
    out_dir: Path,
    root: Path | None = None,
    project: Path | None = None,
    stale_after_days: int = 365,
    site_url: str | None = None,
    snapshots: Path | None = None,
) -> WriteReport:
    """Regenerate the site's generated folder ``out_dir`` from ``facts_dir``.

    Besides the pages: charts, the data downloads, the contributor guide (from
    ``project``/CONTRIBUTING.md), the JSON Schema, and the map the "edit this
    page" hook reads. Where the snapshot folder (``snapshots``, else mkdocs.yml's) is
    there, every quote is first found in its source's saved copy, and the pages say so;
    a quote not found is a problem, as in `verify`.
    """
    from .charts import render_charts  # matplotlib: only when pages are written, never for `check`

    project = project or facts_dir.parent
    dataset, derived = checked(facts_dir, root)
    folder = snapshot_folder(project, snapshots)
    verified = None
    if folder is not None and folder.is_dir():
        checks = verify(dataset, folder)
        if checks.problems:
            raise FactsError(checks.problems)
        verified = checks.verified
    chart_files, alts, prints = render_charts(dataset, derived, previous_charts(out_dir))
    stamp = build_date(project)
    config = read_config(project)
    history = read_history(project, facts_dir)
    options = Options(
        today=dt.datetime.fromtimestamp(stamp, dt.UTC).date() if stamp else None,
        stale_after_days=stale_after_days,
        config=config,
        site_url=site_url or config.url,
        charts=alts,
        verified=verified,
        history=history,
    )
    files = out.Outputs()  # the one owner of every path: a second file at a path is a problem
    files.extend(render_outputs(dataset, derived, options))
    files.extend(chart_files)
    files.extend(export(dataset, derived, config.name))
    guide = project / GUIDE
    if guide.is_file():
        files.add_fixed(out.GUIDE_PAGE, _guide(guide, dataset.vocabulary))
    for name, text in schema_files(dataset.vocabulary).items():
        files.add_fixed(name, text)
    files.add_fixed(out.CHART_MANIFEST, json.dumps(prints, indent=0, sort_keys=True) + "\n")
    edit_map = edit_paths(dataset, sorted(files.files))
    files.add_fixed(out.EDIT_MAP, json.dumps(edit_map, indent=2, sort_keys=True) + "\n")
    if files.problems:
        raise FactsError(files.problems)
    return write_pages(out_dir, files.files)


def _guide(guide: Path, vocabulary: Vocabulary | None) -> str:
    """The guide with its generated parts; FactsError if its markers were deleted."""
    try:
        return with_reference(guide.read_text(encoding="utf-8"), vocabulary)
    except ValueError as exc:
        raise FactsError([Problem(Loc(GUIDE, 1, 1), str(exc), "restore the two field-reference comment lines")]) from None


def sync(project: Path, facts_dir: Path | None = None) -> list[str]:
    """Bring the hand-kept copies of generated text up to date: the schemas (with the
    site's vocabulary from ``facts_dir``) and the guide's field reference. Returns the
    files that changed; FactsError if the vocabulary file has problems."""
    vocabulary = site_vocabulary(facts_dir or project / "facts", project)
    changed = []
    for name, text in schema_files(vocabulary).items():
        if write_file(project / SCHEMA_DIR / name, text):
            changed.append(f"{SCHEMA_DIR}/{name}")
    guide = project / GUIDE
    if not guide.is_file():  # a site without a guide: the schemas are all there is to sync
        return changed
    if write_file(guide, _guide(guide, vocabulary)):
        changed.append(GUIDE)
    return changed
