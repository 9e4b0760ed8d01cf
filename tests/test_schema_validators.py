"""The published JSON Schema as standard validators and editors read it.

JSON Schema patterns are ECMA-262 regular expressions. `check-jsonschema` (its default
regex variant: the Rust `regress` engine in Unicode mode) checks the schema against its
meta-schema, `format: regex` included, and then validates fact files with it; the YAML
language server compiles each pattern with JavaScript's `new RegExp(pattern, "u")`.
Both read the schema as the code generates it (`schema_text()`, not the committed copy:
`test_contributing.test_schema_in_sync` keeps that equal).

Every broken fixture must be rejected by the schema and by the loader alike (the schema
is never stricter than the loader), and a tree of edge values both accept keeps a
tightened pattern from refusing a date, address or title the loader takes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from factsite.load import VOCABULARY_FILE
from factsite.schema import fact_file_schema, schema_text
from tests.conftest import REAL_FACTS, ROOT, run_cli, write_tree
from tests.test_contributing import SCHEMA_SEES
from tests.test_errors import BASE, CASES, QUESTION, claim

# `--regex-variant default` is check-jsonschema's default, spelt out: ECMA-262 via regress,
# compiled with the `u` flag (check_jsonschema/regex_variants.py: regress.Regex(p, flags="u")).
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema", "--regex-variant", "default"]

# What the YAML language server does with a pattern (it retries without "u" on failure;
# a pattern that needs that retry is not ECMA-262 in Unicode mode).
NODE_COMPILE = """
const patterns = JSON.parse(require("fs").readFileSync(0, "utf8"));
const failures = [];
for (const pattern of patterns) {
  try { new RegExp(pattern, "u"); } catch (error) { failures.push(error.message); }
}
process.stdout.write(JSON.stringify(failures));
"""


def check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CHECK_JSONSCHEMA, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "fact-file.schema.json"
    path.write_text(schema_text(), encoding="utf-8")
    return path


def test_check_jsonschema_accepts_the_generated_schema(schema_file: Path) -> None:
    result = check_jsonschema("--check-metaschema", str(schema_file))
    assert result.returncode == 0, result.stdout + result.stderr


def _patterns(node: Any) -> Iterator[str]:
    """Every regular expression in a schema: `pattern` values and `patternProperties` keys."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            elif key == "patternProperties" and isinstance(value, dict):
                yield from value
            yield from _patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _patterns(item)


def test_every_pattern_compiles_in_javascript_unicode_mode() -> None:
    node = shutil.which("node")
    if not node:
        if os.environ.get("CI"):
            pytest.fail("node is not installed; .ci/run installs Debian's nodejs")
        pytest.skip(
            "node is not installed (apt-get install nodejs): cannot compile the patterns as the YAML language server does"
        )
    patterns = sorted(set(_patterns(fact_file_schema())))
    assert patterns, "the schema has no patterns: the walk is broken"
    result = subprocess.run([node, "-e", NODE_COMPILE], input=json.dumps(patterns), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    failures = json.loads(result.stdout)
    assert not failures, "\n".join(failures)


def test_check_jsonschema_accepts_every_real_file() -> None:
    """The real site's facts, whatever they hold, as an editor's validator reads them."""
    files = sorted(REAL_FACTS.rglob("*.yaml"))
    assert files
    vocabulary = REAL_FACTS / VOCABULARY_FILE
    facts = [f for f in files if f != vocabulary]
    # The committed schemas: test_contributing keeps them equal to the site's vocabulary and the model.
    runs = [(ROOT / "schema" / "fact-file.schema.json", facts)]
    runs += [(ROOT / "schema" / "vocabulary.schema.json", [vocabulary])] if vocabulary in files else []
    for schema, checked in runs:
        result = check_jsonschema("--schemafile", str(schema), *map(str, checked))
        assert result.returncode == 0, result.stdout + result.stderr


def _as_of(value: str) -> dict[str, str]:
    """The valid tree with the claim's `as_of` set to ``value`` (YAML source text)."""
    return claim(f"""
      - id: c1
        figure: {{hedge: about, value: 10}}
        as_of: {value}
        sources: [{{source: paper, quote: About 10.}}]
    """)


def _url(value: str) -> dict[str, str]:
    """The valid tree plus a source whose `url` is ``value`` (YAML source text)."""
    return {
        "facts/more.yaml": f"""
        sources:
          - id: other
            title: Other
            publisher: unknown
            published: unknown
            language: en
            url: {value}
        """
    }


def _ask(value: str) -> dict[str, str]:
    """The valid tree plus a second question whose title is ``value`` (YAML source text)."""
    return {
        "facts/questions/r.yaml": f"""
        question:
          slug: r
          ask: {value}
          order: 2
          measures: [{{id: total, label: Total, unit: things}}]
        """
    }


# Broken files: the fixtures of test_errors whose fault a schema can see, and faults a
# pattern can spell (a schema cannot know month lengths: 2025-02-30 is the loader's alone).
BROKEN: dict[str, dict[str, str]] = {name: CASES[name][0] for name in CASES if name in SCHEMA_SEES} | {
    "published in month 13": CASES["a broken source raises no phantom unknown-id problem"][0],
    "month 13": _as_of("2025-13"),
    "month 00": _as_of("2025-00"),
    "day 32": _as_of("2025-01-32"),
    "day 00": _as_of("2025-01-00"),
    "year 1800": _as_of("1800-06"),
    "year 1899 bare": _as_of("1899"),
    "year 2101": _as_of("2101-01-01"),
    "month 13 ending a period": _as_of("2024-10/2025-13"),
    "day 32 after before": _as_of("before 2025-01-32"),
    "month 13 accessed": {
        "facts/more.yaml": """
        sources:
          - id: other
            title: Other
            publisher: unknown
            published: unknown
            accessed: 2025-13-01
            language: en
        """
    },
    "url with a space": _url("https://example.org/a b"),
    "url with a double quote": _url('https://example.org/a"b'),
    "url with a backslash": _url("https://example.org/a\\b"),
    "url with angle brackets": _url("https://example.org/<b>"),
    "title with a double quote": _ask('How "many" more?'),
    "title with a backslash": _ask("How many\\more?"),
    # Shapes the date pattern refuses, so the loader must too (or the pattern must take them).
    "period with spaces around the slash": _as_of("2024-10 / 2025-04"),
    "before with two spaces": _as_of("'before  2025'"),
    "date with a leading space": _as_of("' 2025-04'"),
    "date in full-width digits": _as_of("２０２５-０４"),
    "date in Arabic-Indic digits": _as_of("٢٠٢٥-٠٤"),
}


def test_the_borrowed_case_names_exist() -> None:
    assert set(SCHEMA_SEES) <= set(CASES), "test_contributing.SCHEMA_SEES names a case test_errors does not have"


# Values at the edges of what the loader accepts: the schema must take them all.
EDGE_DATES = [
    "1900",
    "2100",
    "'1900'",
    "'2100'",
    "1900-01",
    "2100-12",
    "1900-01-01",
    "2100-12-31",
    "2024-02-29",
    "2025-01-31",
    "2025-09-30",
    "2025-10-10",
    "2025-12-19",
    "before 1900",
    "before 2100-12-31",
    "1900/2100",
    "2024-12-31/2025-01-01",
    "2025-01/2025-12-19",
]
EDGE_URLS = [
    "https://example.org/",
    "https://example.org/a?b=1&c=%20#top",
    "https://web.archive.org/web/20250901000000/https://example.org/(x)",
    "https://例え.jp/パス",
]
EDGE_ASKS = ["Who confirmed it – and when (’25, 100%)?", "'Did Kim say so; or not: yes/no!'", "Wounded—or killed?"]


def _edges() -> dict[str, str]:
    sources = []
    for n, date in enumerate(EDGE_DATES):
        sources.append(
            f"  - id: edge-{n}\n    title: Edge {n}\n    publisher: unknown\n    published: {date}\n"
            f"    accessed: {date}\n    language: en\n"
        )
    for n, url in enumerate(EDGE_URLS):
        sources.append(
            f"  - id: url-{n}\n    title: Url {n}\n    publisher: unknown\n    published: unknown\n    language: en\n"
            f"    url: {url}\n    archive_url: {url}\n"
        )
    files = {"facts/edges.yaml": "sources:\n" + "".join(sources)}
    for n, ask in enumerate(EDGE_ASKS, start=2):
        files[f"facts/questions/edge-{n}.yaml"] = (
            textwrap.dedent(_ask(ask)["facts/questions/r.yaml"])
            .replace("slug: r", f"slug: edge-{n}")
            .replace("order: 2", f"order: {n}")
        )
    return files


CONTROL = "valid base with edge values"


@dataclass(frozen=True)
class Case:
    root: Path
    files: list[Path]  # the files the case is about: the broken ones, or all for the control


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    """Each case as a fact tree of its own: the valid base plus its files."""
    made = {}
    for n, (name, files) in enumerate({**BROKEN, CONTROL: _edges()}.items()):
        root = write_tree(tmp_path_factory.mktemp(f"case{n}"), {**BASE, "facts/questions/q.yaml": QUESTION, **files})
        chosen = sorted((root / "facts").rglob("*.yaml")) if name == CONTROL else [root / rel for rel in sorted(files)]
        made[name] = Case(root, chosen)
    return made


@pytest.fixture(scope="module")
def schema_errors(schema_file: Path, cases: dict[str, Case]) -> dict[str, list[str]]:
    """One check-jsonschema run over every case's files: {file: its errors}, [] when valid."""
    files = [str(path) for case in cases.values() for path in case.files]
    result = check_jsonschema("--output-format", "json", "--schemafile", str(schema_file), *files)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"check-jsonschema validated nothing (exit {result.returncode}): {result.stdout}{result.stderr}")
    assert report.get("parse_errors", []) == [], "a case's file is not YAML that check-jsonschema reads"
    found: dict[str, list[str]] = {path: [] for path in files}
    for error in report.get("errors", []):
        deepest = error.get("best_deep_match", error)
        found[error["filename"]].append(f"{deepest['path']}: {deepest['message']}")
    assert report["status"] == ("fail" if any(found.values()) else "ok")
    return found


@pytest.fixture(scope="module")
def loader_results(cases: dict[str, Case]) -> dict[str, subprocess.CompletedProcess[str]]:
    """`build_facts.py check` on each case's tree, the runs side by side."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        runs = {name: pool.submit(run_cli, "check", "--facts", str(case.root / "facts")) for name, case in cases.items()}
        return {name: run.result() for name, run in runs.items()}


@pytest.mark.parametrize("name", list(BROKEN))
def test_schema_rejects_the_broken_file(name: str, cases: dict[str, Case], schema_errors: dict[str, list[str]]) -> None:
    for path in cases[name].files:
        assert schema_errors[str(path)], f"check-jsonschema accepts the broken {path.relative_to(cases[name].root)}"


@pytest.mark.parametrize("name", list(BROKEN))
def test_loader_rejects_the_broken_file(
    name: str, cases: dict[str, Case], loader_results: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    result = loader_results[name]
    assert result.returncode == 1, f"the schema refuses what the loader accepts ({result.stdout.strip()}){result.stderr}"
    for path in cases[name].files:
        rel = path.relative_to(cases[name].root).as_posix()
        assert any(line.startswith(f"{rel}:") for line in result.stderr.splitlines()), f"no problem reported in {rel}"


def test_schema_and_loader_accept_the_edge_values(
    cases: dict[str, Case],
    schema_errors: dict[str, list[str]],
    loader_results: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    result = loader_results[CONTROL]
    assert result.returncode == 0, result.stderr
    case = cases[CONTROL]
    rejected = {path.relative_to(case.root).as_posix(): schema_errors[str(path)] for path in case.files}
    assert {rel: errors for rel, errors in rejected.items() if errors} == {}
