"""Fact files as an editor's YAML language server sees them (YAML 1.2 core schema).

The loader reads every value as text; editors type unquoted scalars: `15000` is a
number, `2025` an integer, `2025-04-28` a string, `true` a boolean. Schema tests
validate this view, because it is the one the schema is written for.
"""

from __future__ import annotations

import re
from typing import Any

from factsite.yamlnodes import NULLS, Node, parse

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def to_json(node: Node) -> Any:
    if node.kind == "map":
        return {k.value: to_json(v) for k, v in node.pairs if not k.dropped}
    if node.kind == "list":
        return [to_json(item) for item in node.items]
    value = node.value
    if not node.plain:
        return value
    if value in NULLS:
        return None
    if value in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return value.lower() == "true"
    if _INT.fullmatch(value):
        return int(value)
    if re.fullmatch(r"0o[0-7]+", value):
        return int(value[2:], 8)
    if re.fullmatch(r"0x[0-9a-fA-F]+", value):
        return int(value[2:], 16)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def load_json(data: bytes) -> tuple[bool, Any]:
    """(True, document) or (False, None) when the YAML itself is refused."""
    root, problems = parse("x.yaml", data)
    if root is None or problems:
        return False, None
    return True, to_json(root)
