"""A copy of the small fixture with an attack in every free-text field.

Titles and labels only take a safe alphabet, ids only slugs, URLs only https:
those keep their values (the loader refuses payloads there; see test_hostile).
Everything else a contributor can type gets one of these payloads.
"""

from __future__ import annotations

from itertools import cycle
from pathlib import Path
from typing import Any

import yaml

from factsite import model as m
from tests.conftest import SMALL_FACTS

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg onload=alert(3)>",
    "[click](javascript:alert(4))",
    "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==)",
    "</title><script>alert(6)</script>",
    '"><script>alert(7)</script>',
    '<a href="javascript:alert(8)">x</a>',
    '{: onclick="alert(9)" }',
    "*emphasis* {: #x onclick=alert(10) }",
    "<iframe src=javascript:alert(11)></iframe>",
    "<style>body{display:none}</style>",
    "&lt;script&gt;alert(12)&lt;/script&gt;",
    "&#60;script&#62;alert(13)&#60;/script&#62;",
    "\\<script\\>alert(14)\\</script\\>",
    "<<script>script>alert(15)<</script>/script>",
    "[^fake]: <script>alert(16)</script>",
    '--8<-- "/etc/passwd"',
    "{{ config.extra }} {% raw %}",
    "<details open ontoggle=alert(17)>",
    "`<script>alert(18)</script>`",
    "<object data=javascript:alert(19)>",
    '<a href="&#106;avascript:alert(20)">x</a>',
    "[x](<javascript:alert(21)>)",
    '<math><mi xlink:href="javascript:alert(22)">x</mi></math>',
]


def _free_text(record: type) -> set[str]:
    """Fields of a record a contributor types freely (text, not a title)."""
    names = set()
    for f in m.spec_fields(record):
        kind = f.metadata["kind"]
        inner = kind.item if isinstance(kind, m.ListOf) else kind
        if isinstance(inner, m.Text) and not inner.heading_safe and f.name != "language":
            names.add(f.name)
    return names


RECORD_OF_KEY = {
    "question": m.Question,
    "claims": m.Claim,
    "events": m.Event,
    "sources": m.Source,
    "parties": m.Party,
    "figure": m.Figure,
    "scope": m.Scope,
}


def _poison(value: Any, record: type, payloads: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in _free_text(record):
                out[key] = [next(payloads) for _ in item] if isinstance(item, list) else next(payloads)
            elif key == "sources" and record in (m.Claim, m.Event):
                out[key] = [{**c, "quote": next(payloads)} for c in item]
            elif key in RECORD_OF_KEY:
                out[key] = _poison(item, RECORD_OF_KEY[key], payloads)
            else:
                out[key] = item
        if record is m.Claim:  # poisoned quotes no longer state the figure: say how it was "worked out"
            out["derived"] = next(payloads)
        return out
    if isinstance(value, list):
        return [_poison(item, record, payloads) for item in value]
    return value


def write_poisoned_facts(dest: Path) -> int:
    """Write the poisoned fixture under dest; returns how many values carry a payload."""
    payloads = cycle(PAYLOADS)
    used = 0
    for path in sorted(SMALL_FACTS.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))  # our own fixture: trusted
        counter = _Counter(payloads)
        poisoned = _poison(data, m.FactFile, counter)
        used += counter.count
        target = dest / path.relative_to(SMALL_FACTS)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(poisoned, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return used


class _Counter:
    def __init__(self, items: Any) -> None:
        self.items = items
        self.count = 0

    def __iter__(self) -> _Counter:
        return self

    def __next__(self) -> str:
        self.count += 1
        return next(self.items)
