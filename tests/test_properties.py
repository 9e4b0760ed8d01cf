"""Property-based: whatever a stranger types, the build succeeds cleanly or fails cleanly.

- Random text in every free-text field: either clean problem lines, or pages whose
  HTML (rendered with the war fixture's Markdown configuration) passes the audit and
  shows the text as typed.
- Random structure and random bytes: the loader never raises, and every problem
  is a FILE:LINE:COL line.
"""

from __future__ import annotations

import itertools
import re
import tempfile
import unicodedata
from html import unescape
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from factsite.audit import JSON_LD, _json_ld_problems, _Scanner
from factsite.errors import FactsError
from factsite.load import load
from factsite.pipeline import pages
from factsite.yamlnodes import parse
from tests.conftest import copy_project

PROBLEM = re.compile(r"^facts/[\w/.<>-]+\.ya?ml:\d+:\d+: \S.*$")
# The war fixture's Markdown configuration, in a project copy that has the hooks and
# theme overrides its mkdocs.yml names.
_CONFIG = load_config(str(copy_project(Path(tempfile.mkdtemp(prefix="prop-project-"))) / "mkdocs.yml"))
_counter = itertools.count()


def render_html(text: str) -> str:
    md = markdown.Markdown(extensions=_CONFIG.markdown_extensions, extension_configs=_CONFIG.mdx_configs)
    return md.convert(text)


def audit_fragment(html: str) -> list[str]:
    scanner = _Scanner()
    scanner.feed(f"<article>{html}</article>")
    scanner.close()
    data = [s for s in scanner.page.scripts if s.attrs == {"type": JSON_LD}]
    others = [f"script: {s.body[:40]}" for s in scanner.page.scripts if s not in data]
    return scanner.page.problems + others + _json_ld_problems(data)


def fact_tree(text: str) -> dict[str, object]:
    """A small valid dataset with ``text`` in every free-text field."""
    return {
        "facts/base.yaml": {
            "parties": [{"id": "gov", "name": text, "short_name": text, "kind": "government", "country": text, "note": text}],
            "sources": [
                {
                    "id": "paper",
                    "title": text,
                    "publisher": text,
                    "authors": [text],
                    "published": "2025-01-02",
                    "language": "en",
                    "note": text,
                }
            ],
            "events": [
                {
                    "id": "e",
                    "actor": "gov",
                    "kind": "stated",
                    "summary": text,
                    "questions": ["q"],
                    "note": text,
                    "sources": [{"source": "paper", "quote": text}],
                }
            ],
        },
        "facts/questions/q.yaml": {
            "question": {
                "slug": "q",
                "ask": "How many?",
                "order": 1,
                "definitions": [text],
                "caveats": [text],
                "measures": [{"id": "total", "label": "Total", "unit": "things"}],
            },
            "claims": [
                {
                    "id": "c1",
                    "figure": {"hedge": "about", "value": 10},
                    "claimant": "gov",
                    "note": text,
                    "scope": {"place": text, "operation": text, "period": text},
                    "sources": [{"source": "paper", "quote": text}],
                },
                {"id": "c2", "figure": {"hedge": "exact", "words": text}, "sources": [{"source": "paper", "quote": text}]},
            ],
        },
    }


def write(files: dict[str, object]) -> Path:
    root = Path(tempfile.mkdtemp(prefix=f"prop{next(_counter)}-"))
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=120))
def test_random_text_in_every_field(text: str) -> None:
    root = write(fact_tree(text))
    try:
        _, _, rendered = pages(root / "facts", root)
    except FactsError as exc:
        assert exc.problems
        assert all(PROBLEM.match(str(p)) for p in exc.problems), exc.problems
        return
    shown = " ".join(unicodedata.normalize("NFC", text).split())
    for name, page in rendered.items():
        html = render_html(page)
        assert audit_fragment(html) == [], name
    parties = unescape(re.sub(r"<[^>]+>", "", render_html(rendered["parties.md"])))
    assert shown in parties


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=25,
)
keys = st.sampled_from(["question", "claims", "events", "sources", "parties", "figure", "id", "x"])


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(keys, json_values, max_size=5) | json_values)
def test_random_structure_never_crashes_the_loader(document: object) -> None:
    root = write({"facts/random.yaml": document})
    loaded = load(root / "facts", root)
    assert all(PROBLEM.match(str(p)) for p in loaded.problems), loaded.problems


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_crash_the_parser(data: bytes) -> None:
    _, problems = parse("facts/random.yaml", data)
    assert all(PROBLEM.match(str(p)) for p in problems), problems
