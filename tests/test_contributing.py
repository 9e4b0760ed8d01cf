"""What contributors rely on: the JSON Schema, the guide, the modelines.

The schema, the guide's field reference and the modelines are checked on the real site
(schema/, CONTRIBUTING.md, facts/ at the root), in terms that hold for any site; the
guide's worked example is about the war data, so it is checked on the war fixture.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from factsite import model as m
from factsite.guide import SECTIONS, with_reference
from factsite.load import VOCABULARY_FILE, site_vocabulary
from factsite.schema import SCHEMA_FILE, VOCABULARY_SCHEMA_FILE, fact_file_schema, schema_files, vocabulary_schema
from tests.conftest import REAL_FACTS, ROOT
from tests.test_errors import CASES, problems
from tests.yaml12 import load_json

SCHEMA_PATH = ROOT / "schema" / SCHEMA_FILE
GUIDE = ROOT / "CONTRIBUTING.md"
VALIDATOR = Draft202012Validator(fact_file_schema())
"""The schema with the default vocabulary, for the generator's fixtures."""
REAL_VOCABULARY = site_vocabulary(REAL_FACTS)


def _real_schema(path: Path) -> str:
    """The schema a file of the real facts/ is written against: the vocabulary file has its own."""
    return VOCABULARY_SCHEMA_FILE if path.name == VOCABULARY_FILE and path.parent == REAL_FACTS else SCHEMA_FILE


def test_schema_in_sync() -> None:
    """schema/ holds what the model and the site's own vocabulary say."""
    for name, text in schema_files(REAL_VOCABULARY).items():
        assert (ROOT / "schema" / name).read_text(encoding="utf-8") == text, f"schema/{name} is stale: run `make sync`"


def test_guide_in_sync() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert text == with_reference(text, REAL_VOCABULARY), "run `make sync`"


def test_schema_is_a_valid_2020_12_schema() -> None:
    Draft202012Validator.check_schema(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _records(cls: type = m.FactFile, seen: set[type] | None = None) -> set[type]:
    seen = seen if seen is not None else set()
    seen.add(cls)
    for f in m.spec_fields(cls):
        kind = f.metadata["kind"]
        inner = kind.item if isinstance(kind, m.ListOf) else kind
        if isinstance(inner, m.Nested) and inner.record not in seen:
            _records(inner.record, seen)
    return seen


def test_every_field_is_documented_in_the_guide() -> None:
    assert {cls for cls, _ in SECTIONS} == _records() | _records(m.Vocabulary)
    text = GUIDE.read_text(encoding="utf-8")
    for cls, _ in SECTIONS:
        for f in m.spec_fields(cls):
            assert len(f.metadata["doc"]) >= 10, f"{cls.__name__}.{f.name} has no real description"
            assert f"| `{f.name}` |" in text, f"{cls.__name__}.{f.name} missing from CONTRIBUTING.md"


@pytest.mark.parametrize("path", sorted(REAL_FACTS.rglob("*.yaml")), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_schema_accepts_every_real_file(path: Path) -> None:
    ok, document = load_json(path.read_bytes())
    assert ok
    schema = vocabulary_schema() if _real_schema(path) == VOCABULARY_SCHEMA_FILE else fact_file_schema(REAL_VOCABULARY)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in Draft202012Validator(schema).iter_errors(document)]
    assert errors == []


@pytest.mark.parametrize("path", sorted(REAL_FACTS.rglob("*.yaml")), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_real_file_names_its_schema(path: Path) -> None:
    """The real facts/ only: the fixtures' copies keep the modelines of the place they were
    copied from, which point at no schema from tests/fixtures/."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, "first line must be the yaml-language-server modeline"
    assert (path.parent / match.group(1)).resolve() == (ROOT / "schema" / _real_schema(path)).resolve()


# Cases whose fault a schema can see: the schema must reject the broken file.
SCHEMA_SEES = {
    "misspelt key",
    "hedge that does not exist",
    "date in another shape",
    "missing required key points at the record",
    "required key left empty",
    "optional key left empty",
    "range with only one end",
    "no figure at all",
    "number with separators",
    "cited is not a list",
    "http address",
    "title and descriptive title both",
    "unknown top-level key",
    "markup in a question title",
    "bad id",
    "every problem of a file in one run",
}


@pytest.mark.parametrize("name", list(CASES))
def test_schema_and_loader_agree(tmp_path: Path, name: str) -> None:
    files, _ = CASES[name]
    reported = {line.split(":")[0] for line in problems(tmp_path, files)}
    for path in sorted((tmp_path / "facts").rglob("*.y*ml")):
        rel = path.relative_to(tmp_path).as_posix()
        ok, document = load_json(path.read_bytes())
        if not ok:
            continue  # refused as YAML (syntax, anchors, tags): no JSON for a schema to judge
        schema_ok = VALIDATOR.is_valid(document)
        if not schema_ok:
            assert rel in reported, f"the schema rejects {rel}, the loader accepts it"
        if name in SCHEMA_SEES and rel in files:
            assert not schema_ok, f"the schema accepts the broken {rel}"
