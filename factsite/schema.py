"""The JSON Schema of a fact file, generated from the field declarations in model.py.

Editors (through the YAML language server's ``$schema`` modeline) use it to
complete keys and flag mistakes as a contributor types. The loader stays the
authority: it also checks what a schema cannot (ids that must exist, the
characters allowed in titles), so the schema is deliberately no stricter.

Values are described as the YAML language server reads them (YAML 1.2): an
unquoted ``15000`` is a number, an unquoted ``2025`` an integer, ``2025-04-28``
a string. The loader itself reads every value as text.
"""

from __future__ import annotations

import json
from typing import Any

from . import model as m
from . import outputs

SCHEMA_FILE = outputs.SCHEMA

# Rules across fields of one record, which field declarations cannot say.
RECORD_RULES: dict[type, dict[str, Any]] = {
    m.Figure: {"oneOf": [{"required": ["value"]}, {"required": ["low", "high"]}, {"required": ["words"]}]},
    m.Source: {"oneOf": [{"required": ["title"]}, {"required": ["descriptive_title"]}]},
}


def _record(cls: type) -> dict[str, Any]:
    fields = m.spec_fields(cls)
    properties = {f.name: {"description": f.metadata["doc"], **f.metadata["kind"].schema()} for f in fields}
    schema: dict[str, Any] = {
        "type": "object",
        "description": (cls.__doc__ or "").strip().split("\n")[0] if cls is m.FactFile else "",
        "properties": properties,
        "additionalProperties": False,
    }
    if not schema["description"]:
        del schema["description"]
    required = [f.name for f in fields if f.metadata["required"]]
    if required:
        schema["required"] = required
    schema.update(RECORD_RULES.get(cls, {}))
    return schema


def _records(cls: type, seen: dict[str, type]) -> None:
    """Every record type reachable from ``cls``, in the order first met."""
    seen.setdefault(cls.__name__, cls)
    for f in m.spec_fields(cls):
        kind = f.metadata["kind"]
        inner = kind.item if isinstance(kind, m.ListOf) else kind
        if isinstance(inner, m.Nested) and inner.record.__name__ not in seen:
            _records(inner.record, seen)


def fact_file_schema() -> dict[str, Any]:
    seen: dict[str, type] = {}
    _records(m.FactFile, seen)
    root = _record(m.FactFile)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Fact file",
        **root,
        "$defs": {name: _record(cls) for name, cls in seen.items() if cls is not m.FactFile},
    }


def schema_text() -> str:
    return json.dumps(fact_file_schema(), indent=2, ensure_ascii=False) + "\n"
