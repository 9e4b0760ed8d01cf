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
from .load import NUMBER, SLUG, SLUG_MAX, WHOLE

SCHEMA_FILE = "fact-file.schema.json"
DATE_POINT = r"\d{4}(-\d{2}(-\d{2})?)?"
DATE = rf"^(before {DATE_POINT}|{DATE_POINT}(/{DATE_POINT})?)$"
# Characters the loader never allows in a title: a deny-list, because JSON Schema
# patterns cannot spell "any letter" portably.
TITLE = r"^[^<>&\"\\`*_{}\[\]#|~^=$+@\n\r\t]+$"

# Rules across fields of one record, which field declarations cannot say.
RECORD_RULES: dict[type, dict[str, Any]] = {
    m.Figure: {"oneOf": [{"required": ["value"]}, {"required": ["low", "high"]}, {"required": ["words"]}]},
    m.Source: {"oneOf": [{"required": ["title"]}, {"required": ["descriptive_title"]}]},
}


def _text(kind: m.Text) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": kind.max_len}
    if kind.heading_safe:
        schema["pattern"] = TITLE
    elif kind.one_line:
        schema["pattern"] = r"^[^\n]*$"
    return schema


def _value(kind: Any) -> dict[str, Any]:
    """The schema of one kind of value."""
    if isinstance(kind, m.Text):
        return _text(kind)
    if isinstance(kind, (m.Slug, m.Ref)):
        return {"type": "string", "pattern": f"^{SLUG.pattern}$", "maxLength": SLUG_MAX}
    if isinstance(kind, m.Choice):
        return {"enum": list(kind.values)}
    if isinstance(kind, m.Date):
        forms: list[dict[str, Any]] = [
            {"type": "string", "pattern": DATE},
            {"type": "integer", "minimum": 1900, "maximum": 2100},  # a bare year, as YAML 1.2 reads it
        ]
        if kind.allow_unknown:
            forms.append({"const": "unknown"})
        return {"anyOf": forms}
    if isinstance(kind, m.Url):
        return {"type": "string", "pattern": r"^https://[^\s<>\"'`\\]+$"}
    if isinstance(kind, m.Number):
        return {"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": f"^{NUMBER.pattern}$"}]}
    if isinstance(kind, m.Whole):
        return {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": f"^{WHOLE.pattern}$"}]}
    if isinstance(kind, m.Flag):
        return {"type": "boolean"}
    if isinstance(kind, m.ListOf):
        schema: dict[str, Any] = {"type": "array", "items": _value(kind.item)}
        if kind.min_items:
            schema["minItems"] = kind.min_items
        return schema
    if isinstance(kind, m.Nested):
        return {"$ref": f"#/$defs/{kind.record.__name__}"}
    raise TypeError(f"no schema for {kind!r}")


def _record(cls: type) -> dict[str, Any]:
    fields = m.spec_fields(cls)
    properties = {f.name: {"description": f.metadata["doc"], **_value(f.metadata["kind"])} for f in fields}
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
