"""The steps in order: load -> validate -> derive -> render -> write.

Each function raises `FactsError` with every problem found, before anything is
written; the command line turns that into messages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import outputs as out
from .config import CONFIG_FILE, SiteConfig, read_config
from .derive import Derived, derive
from .errors import FactsError, Problem
from .export import export
from .guide import with_reference
from .history import read_history
from .i18n import DEFAULT, TEMPLATE, catalogue_path, speaking
from .load import Reads, load, site_vocabulary
from .localize import localize, missing
from .model import Dataset, Loc, Vocabulary
from .relations import problem as clash_problem
from .render import Options, question_pages, render_outputs, render_site
from .schema import schema_files
from .validate import build_dataset
from .verify import Verification, verify
from .write import WriteReport, Written, update_pages, write_file, write_pages

GUIDE = "CONTRIBUTING.md"
SCHEMA_DIR = "schema"


def check(facts_dir: Path, root: Path | None = None) -> Dataset:
    """Load and validate every fact file; the Dataset, or FactsError with all problems."""
    return checked(facts_dir, root)[0]


def checked(facts_dir: Path, root: Path | None = None, reads: Reads | None = None) -> tuple[Dataset, Derived]:
    """Load, validate and derive; FactsError with every problem, including estimates of
    related measures from one origin that cannot both hold (relations.py)."""
    loaded = load(facts_dir, root, reads)
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
    return {page: path for page in page_paths if (path := first.get(out.listing_of(page) or page))}


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
    return write(render(prepare(facts_dir, out_dir, root, project, stale_after_days, site_url, snapshots)))


@dataclass(frozen=True)
class Prepared:
    """The checked facts and everything rendering needs, before any page is rendered."""

    dataset: Dataset
    derived: Derived
    common: Options
    editions: list[Edition]
    project: Path


def prepare(
    facts_dir: Path,
    out_dir: Path,
    root: Path | None = None,
    project: Path | None = None,
    stale_after_days: int = 365,
    site_url: str | None = None,
    snapshots: Path | None = None,
    reads: Reads | None = None,
) -> Prepared:
    """Load, check, verify and derive: FactsError with every problem, nothing rendered."""
    project = project or facts_dir.parent
    dataset, derived = checked(facts_dir, root, reads)
    folder = snapshot_folder(project, snapshots)
    verified = None
    if folder is not None and folder.is_dir():
        checks = verify(dataset, folder)
        if checks.problems:
            raise FactsError(checks.problems)
        verified = checks.verified
    stamp = build_date(project)
    config = read_config(project)
    common = Options(
        today=dt.datetime.fromtimestamp(stamp, dt.UTC).date() if stamp else None,
        stale_after_days=stale_after_days,
        config=config,
        site_url=site_url or config.url,
        verified=verified,
        history=read_history(project, facts_dir),
    )
    return Prepared(dataset, derived, common, editions(project, config, out_dir), project)


Rendered = list[tuple["Edition", out.Outputs]]


def render(prepared: Prepared) -> Rendered:
    """Every edition's files; FactsError with every problem (two files at one path)."""
    data = export(
        prepared.dataset, prepared.derived, prepared.common.config.name
    )  # the fact files' own: one copy for all editions
    every = [(edition, edition_files(edition, prepared, data)) for edition in prepared.editions]
    problems = [p for _, files in every for p in files.problems]
    if problems:
        raise FactsError(problems)
    return every


def write(rendered: Rendered, written: Written | None = None) -> WriteReport:
    """Every edition's folder made to hold exactly its files. Every edition is rendered
    before any is written: a problem leaves every folder as it was."""
    reports = [write_pages(edition.out_dir, files.files, written) for edition, files in rendered]
    return WriteReport.merged(reports, [edition.prefix for edition, _ in rendered])


def first_pages(prepared: Prepared, paths: set[str], written: Written | None = None) -> WriteReport:
    """The main edition's pages (and charts) of the questions in the fact files ``paths``
    (as problems name them), written before everything else: the live preview shows the
    page a contributor is editing without waiting for the rest of the site. The full
    `render` and `write` follow, and leave these files as they are (same bytes)."""
    from .charts import render_charts

    slugs = {slug for slug, path in prepared.dataset.question_files.items() if path in paths}
    edition = prepared.editions[0]
    views = tuple(v for v in prepared.derived.questions if v.question.slug in slugs)
    if not views:
        return WriteReport()
    with speaking(edition.lang):
        some = dataclasses.replace(prepared.derived, questions=views)
        chart_files, alts, _ = render_charts(prepared.dataset, some, previous_charts(edition.out_dir))
        options = dataclasses.replace(prepared.common, config=edition.config, charts=alts, edition=edition.prefix)
        files = {page.path: page.text for page in question_pages(prepared.dataset, prepared.derived, options, slugs)}
    files |= {chart.path: chart.text for chart in chart_files}
    return update_pages(edition.out_dir, files, written)


@dataclass(frozen=True)
class Edition:
    """One language's copy of the generated pages."""

    lang: str
    out_dir: Path
    prefix: str
    """Where the edition sits in the published site: "" for the main one, "uk/" for another."""
    config: SiteConfig


def editions(project: Path, config: SiteConfig, out_dir: Path) -> list[Edition]:
    """The main edition (into ``out_dir``) and one per `extra.factsite.editions` entry,
    each into ``answers/`` of the docs folder its own configuration file names."""
    found = [Edition(config.language, out_dir, "", config)]
    lacking = [lang for lang in {config.language, *config.editions} if lang != DEFAULT and not catalogue_path(lang).is_file()]
    if lacking:
        raise FactsError(
            [
                Problem(
                    Loc(CONFIG_FILE, 1, 1),
                    f"the site has an edition in '{lang}', but the generator has no interface catalogue for it",
                    f"translate factsite/locales/{TEMPLATE.name} into {catalogue_path(lang).relative_to(TEMPLATE.parent.parent.parent)}",
                )
                for lang in sorted(lacking)
            ]
        )
    problems = []
    for lang, file in sorted(config.editions.items()):
        if not (project / file).is_file():
            problems.append(
                Problem(
                    Loc(CONFIG_FILE, 1, 1),
                    f"the '{lang}' edition's configuration file {file} is missing",
                    "create it or remove the edition",
                )
            )
            continue
        own = read_config(project, file)
        merged = dataclasses.replace(own, name=own.name or config.name, url=config.url, editions={})
        edition = Edition(lang, _edition_folder(project, config, own, out_dir, lang), f"{lang}/", merged)
        taken = [e for e in found if _overlap(e.out_dir, edition.out_dir)]
        if taken:
            problems.append(
                Problem(
                    Loc(file, 1, 1),
                    f"the '{lang}' edition would write its pages into {edition.out_dir}, where the '{taken[0].lang}' edition's are",
                    f"give it a docs_dir of its own, e.g. docs_dir: docs/{lang}",
                )
            )
            continue
        found.append(edition)
    if problems:
        raise FactsError(problems)
    return found


def _edition_folder(project: Path, config: SiteConfig, own: SiteConfig, out_dir: Path, lang: str) -> Path:
    """Where an edition's pages go: its docs folder's ``answers/`` when the main edition is
    generated into the project's own (``docs/answers``); beside a folder given with
    ``--out`` otherwise (``out-uk``), so a trial run never writes into the project."""
    if out_dir.resolve() == (project / config.docs_dir / "answers").resolve():
        return project / own.docs_dir / "answers"
    return out_dir.with_name(f"{out_dir.name}-{lang}")


def _overlap(a: Path, b: Path) -> bool:
    """Whether one folder is, or is inside, the other: the writer of one would remove the other's files."""
    a, b = a.resolve(), b.resolve()
    return a == b or a in b.parents or b in a.parents


def edition_files(edition: Edition, prepared: Prepared, data: list[out.Output]) -> out.Outputs:
    """Every generated file of one edition: pages, charts and feeds in its language, the
    data as is; the contributor guide and the schemas in the main edition only (they are
    for contributors, who write the fact files in its language)."""
    from .charts import render_charts  # only when pages are written, never for `check`

    dataset, derived, common, project = prepared.dataset, prepared.derived, prepared.common, prepared.project
    main = edition.prefix == ""
    with speaking(edition.lang):
        shown, shown_derived = (dataset, derived) if main else _localized(dataset, edition.lang)
        chart_files, alts, prints = render_charts(shown, shown_derived, previous_charts(edition.out_dir))
        options = dataclasses.replace(common, config=edition.config, charts=alts, edition=edition.prefix)
        files = out.Outputs()  # the one owner of every path: a second file at a path is a problem
        files.extend(render_outputs(shown, shown_derived, options))
    files.extend(chart_files)
    files.extend(data)
    if main:
        guide = project / GUIDE
        if guide.is_file():
            files.add_fixed(out.GUIDE_PAGE, _guide(guide, dataset.vocabulary))
        for name, text in schema_files(dataset.vocabulary).items():
            files.add_fixed(name, text)
    files.add_fixed(out.CHART_MANIFEST, json.dumps(prints, indent=0, sort_keys=True) + "\n")
    edit_map = edit_paths(dataset, sorted(files.files))
    files.add_fixed(out.EDIT_MAP, json.dumps(edit_map, indent=2, sort_keys=True) + "\n")
    return files


def _localized(dataset: Dataset, lang: str) -> tuple[Dataset, Derived]:
    shown = localize(dataset, lang)
    return shown, derive(shown)


def translation_warnings(dataset: Dataset, project: Path) -> list[Problem]:
    """What each edition's language lacks (localize.missing), for `check` and builds."""
    return [w for lang in sorted(read_config(project).editions) for w in missing(dataset, lang)]


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
    from .i18n import template  # Babel's extractor: only `sync` needs it

    if write_file(TEMPLATE, template()):  # the interface strings translators work from
        changed.append(TEMPLATE.relative_to(TEMPLATE.parents[2]).as_posix())
    guide = project / GUIDE
    if not guide.is_file():  # a site without a guide: the schemas are all there is to sync
        return changed
    if write_file(guide, _guide(guide, vocabulary)):
        changed.append(GUIDE)
    return changed
