"""Shared helpers: paths, writing fact trees into tmp_path, running the real CLI."""

from __future__ import annotations

import contextlib
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
REAL_FACTS = ROOT / "facts"
"""The real site's facts, whatever topic a newsroom put there. Only tests that hold for
any site read it (the schema accepts every file, the real site builds); the
generator's own tests run on the fixtures below."""
WAR = ROOT / "tests" / "fixtures" / "war"
"""The generator's main fixture: the shipped war site's hand-written parts (facts/,
mkdocs.yml, docs/index.md, docs/about.md, CONTRIBUTING.md), copied from the root."""
WAR_FACTS = WAR / "facts"
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


def mkdocs_build(
    project: Path, site_dir: Path, config_file: str = "mkdocs.yml", **env_vars: str
) -> subprocess.CompletedProcess[str]:
    """A real, strict `mkdocs build` of a project folder (mkdocs.yml + docs/, or an edition's file)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env_vars)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", config_file, "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def copy_project(dest: Path, facts: Path = WAR_FACTS, site: Path = WAR) -> Path:
    """A project to build in isolation: a site's hand-written parts (mkdocs.yml,
    CONTRIBUTING.md, docs/ but its generated answers/) from ``site``, the generator's
    own parts (hooks/, overrides/, docs/assets/) from ROOT, and a facts folder."""
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(site / name, dest / name)
    for edition in site.glob("mkdocs.*.yml"):  # other languages' editions (mkdocs.uk.yml)
        shutil.copy(edition, dest / edition.name)
    shutil.copytree(site / "docs", dest / "docs", ignore=shutil.ignore_patterns("answers", "assets"))
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets")
    for folder in ("hooks", "overrides"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(facts, dest / "facts")
    from factsite.config import read_config

    # The sources' saved texts, where the site's mkdocs.yml says (inside the project, or
    # beside it as this site's ../shared/seeds): linked, so the copy verifies its quotes.
    snapshots = read_config(site).snapshots
    if snapshots and (site / snapshots).is_dir() and not (dest / snapshots).exists():
        (dest / snapshots).parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):  # beside the copy, where another copy already linked it
            (dest / snapshots).symlink_to((site / snapshots).resolve(), target_is_directory=True)
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


def build_project(project: Path) -> Path:
    """A project copy generated and built strict by the real tools; returns its site/."""
    from factsite.config import read_config

    generate_into(project)
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    for lang, config_file in read_config(project).editions.items():  # each language's edition in site/<lang>/
        result = mkdocs_build(project, project / "site" / lang, config_file=config_file)
        assert result.returncode == 0, result.stderr
    return project / "site"


def says(fig: str, lead: str = "Q") -> str:
    """A quote that states the figure ``fig`` (the inside of a flow mapping, as test trees
    write it: "hedge: at least, value: 6000"), so `check` finds it there with its hedge:
    "Q at least 6000."."""
    import yaml

    from factsite import model as m

    f = yaml.safe_load("{" + fig + "}")
    hedge = m.HEDGE[f["hedge"]]
    if "words" in f:
        body = f["words"]
    elif "value" in f:
        body = ("" if hedge.name == "exact" else hedge.name + " ") + str(f["value"])
    else:
        body = ("about " if hedge.name == "about" else "") + f"{f['low']} to {f['high']}"
    total = f" of {f['out_of']}" if "out_of" in f else ""
    return f"{lead} {body}{total}."


QUAKE = ROOT / "tests" / "fixtures" / "quake"
"""Another topic (a fictional earthquake): its own kinds, units, languages, and saved
copies of its sources (snapshots/) with an archived address."""


@pytest.fixture(scope="session")
def quake_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(copy_project(tmp_path_factory.mktemp("quake"), QUAKE / "facts", QUAKE))


EVERY_HEDGE = "every-hedge"
"""The slug of the fixture question that puts every hedge at both ends of an answer."""


def every_hedge_facts(base: Path) -> Path:
    """A fact tree with one question whose measures, together, put every hedge of the
    hedge table at the low end of an answer and at the high end: measure k runs from
    hedge k to hedge k+1 (in a ring). Every other measure's high estimate states no
    date, so the charts must draw undated estimates too. Read from the table: a new
    hedge joins the fixture with no edit here."""
    from factsite import model as m

    def fig(hedge: m.Hedge, value: int) -> str:
        return (
            f"hedge: {hedge.name}, value: {value}"
            if hedge.takes_value
            else f"hedge: {hedge.name}, low: {value}, high: {value + 50}"
        )

    hedges = m.HEDGE_TABLE
    measures, claims = [], []
    for k, low in enumerate(hedges):
        high = hedges[(k + 1) % len(hedges)]
        measures.append(f"    - {{id: m{k}, label: From {low.name} to {high.name}, unit: soldiers}}\n")
        claims.append(
            f"  - {{id: m{k}-low, measure: m{k}, claimant: a, as_of: 2025-0{1 + k % 9}, figure: {{{fig(low, 100)}}},"
            f" sources: [{{source: dated, quote: {says(fig(low, 100))}}}]}}\n"
        )
        when = "" if k % 2 else " as_of: 2025-06-30,"
        claims.append(
            f"  - {{id: m{k}-high, measure: m{k}, claimant: b,{when} figure: {{{fig(high, 1000)}}},"
            f" sources: [{{source: {'undated' if k % 4 == 1 else 'dated'}, quote: {says(fig(high, 1000))}}}]}}\n"
        )
    return write_tree(
        base,
        {
            "parties.yaml": "parties:\n  - {id: a, name: Party A, kind: expert}\n  - {id: b, name: Party B, kind: expert}\n",
            "sources.yaml": "sources:\n"
            "  - {id: dated, title: Dated, publisher: unknown, published: 2025-09-01, language: en}\n"
            "  - {id: undated, title: Undated, publisher: unknown, published: unknown, language: en}\n",
            f"questions/{EVERY_HEDGE}.yaml": f"question:\n  slug: {EVERY_HEDGE}\n  ask: How many, at every hedge?\n"
            "  order: 1\n  measures:\n" + "".join(measures) + "claims:\n" + "".join(claims),
        },
    )


@pytest.fixture(scope="session")
def hedge_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The every-hedge fixture, generated and built by the real tools; returns site/."""
    project = tmp_path_factory.mktemp("hedge-project")
    copy_project(project, every_hedge_facts(tmp_path_factory.mktemp("hedge-facts") / "facts"))
    return build_project(project)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The war fixture, generated and built once by the real tools; returns site/."""
    return build_project(copy_project(tmp_path_factory.mktemp("war-project")))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site at the root (its facts/, mkdocs.yml, docs/, CONTRIBUTING.md, whatever
    topic they hold), generated and built strict once; returns site/. For checks that
    hold for any site; what is true of the war data is tested on `built_site`."""
    return build_project(copy_project(tmp_path_factory.mktemp("real-project"), REAL_FACTS, ROOT))
