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
from .load import default_vocabulary

SCHEMA_FILE = outputs.SCHEMA
VOCABULARY_SCHEMA_FILE = outputs.VOCABULARY_SCHEMA

# Rules across fields of one record, which field declarations cannot say.
RECORD_RULES: dict[type, dict[str, Any]] = {
    m.Figure: {"oneOf": [{"required": ["value"]}, {"required": ["low", "high"]}, {"required": ["words"]}]},
    m.Source: {"oneOf": [{"required": ["title"]}, {"required": ["descriptive_title"]}]},
}


def _kind(kind: Any, vocabulary: m.Vocabulary) -> dict[str, Any]:
    """A field's schema; a choice from the site's vocabulary lists the site's words,
    so editors offer exactly what the loader accepts."""
    if isinstance(kind, m.Choice) and kind.vocabulary:
        return {"enum": list(vocabulary.names(kind.vocabulary))}
    schema: dict[str, Any] = kind.schema()
    return schema


def _record(cls: type, vocabulary: m.Vocabulary, root: type) -> dict[str, Any]:
    fields = m.spec_fields(cls)
    properties = {f.name: {"description": f.metadata["doc"], **_kind(f.metadata["kind"], vocabulary)} for f in fields}
    schema: dict[str, Any] = {
        "type": "object",
        "description": (cls.__doc__ or "").strip().split("\n")[0] if cls is root else "",
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


def _schema(root: type, title: str, vocabulary: m.Vocabulary) -> dict[str, Any]:
    seen: dict[str, type] = {}
    _records(root, seen)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        **_record(root, vocabulary, root),
        "$defs": {name: _record(cls, vocabulary, root) for name, cls in seen.items() if cls is not root},
    }


def fact_file_schema(vocabulary: m.Vocabulary | None = None) -> dict[str, Any]:
    """The schema of a fact file, for a site's vocabulary (the default one if None)."""
    return _schema(m.FactFile, "Fact file", vocabulary or default_vocabulary())


def vocabulary_schema() -> dict[str, Any]:
    return _schema(m.Vocabulary, "Vocabulary", default_vocabulary())


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def schema_text(vocabulary: m.Vocabulary | None = None) -> str:
    return _text(fact_file_schema(vocabulary))


def schema_files(vocabulary: m.Vocabulary | None = None) -> dict[str, str]:
    """Every schema file, by name: fact files (with the site's kinds) and the vocabulary file."""
    return {SCHEMA_FILE: schema_text(vocabulary), VOCABULARY_SCHEMA_FILE: _text(vocabulary_schema())}
