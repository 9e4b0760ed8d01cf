"""Fact file text -> a tree of YAML nodes with positions, refusing what the data never needs.

We build the node tree from the parser's event stream ourselves instead of calling
``yaml.compose``: that way nothing is ever constructed (no tags run, no YAML 1.1
typing), and anchors, aliases, explicit tags, merge keys, extra documents,
duplicate keys and absurd nesting are reported where they stand instead of being
silently resolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import yaml

from .errors import Problem
from .kinds import shown
from .model import Loc

try:  # libyaml's parser is several times faster; the pure-Python one behaves the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 12
NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass
class Node:
    """A scalar (``value`` is a str), a list (``items``) or a mapping (``pairs``)."""

    kind: str  # "scalar" | "list" | "map"
    loc: Loc
    value: str = ""
    plain: bool = False  # an unquoted scalar: the only kind that can spell null
    dropped: bool = False  # a key already reported (duplicate, merge key): readers skip it
    items: list[Node] = field(default_factory=list)
    pairs: list[tuple[Node, Node]] = field(default_factory=list)

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.plain and self.value in NULLS

    def describe(self) -> str:
        return {"scalar": "a single value", "list": "a list", "map": "a mapping"}[self.kind]


class _Mark(Protocol):
    """Both parsers' marks (yaml.Mark, and libyaml's own) have these."""

    line: int
    column: int


def _loc(path: str, mark: _Mark | None) -> Loc:
    if mark is None:
        return Loc(path, 1, 1)
    return Loc(path, mark.line + 1, mark.column + 1)


def _decode(path: str, data: bytes, problems: list[Problem]) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark: harmless, drop it
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        problems.append(Problem(Loc(path, line, col), "the file is not valid UTF-8 text", "save it as UTF-8"))
        return None


def parse(path: str, data: bytes) -> tuple[Node | None, list[Problem]]:
    """Parse one fact file. Returns the root node (None if unusable) and the problems."""
    problems: list[Problem] = []
    if len(data) > MAX_BYTES:
        problems.append(
            Problem(
                Loc(path, 1, 1),
                f"the file is {len(data):,} bytes, more than the {MAX_BYTES:,} allowed",
                "split it into several files",
            )
        )
        return None, problems
    text = _decode(path, data, problems)
    if text is None:
        return None, problems
    builder = _Builder(path, problems)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
            if builder.stop:
                break
    except yaml.reader.ReaderError as exc:  # a character YAML refuses; it has a position, not a mark
        problems.append(
            _position(path, text, exc.position, f"control character U+{exc.character:04X} is not allowed", "delete it")
        )
        return None, problems
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problems.append(_syntax(path, text, mark, exc.problem or "the YAML cannot be read"))
        return None, problems
    return builder.root, problems


def _position(path: str, text: str, index: int, message: str, hint: str) -> Problem:
    before = text[:index]
    return Problem(Loc(path, before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1), message, hint)


def _syntax(path: str, text: str, mark: _Mark | None, what: str) -> Problem:
    loc = _loc(path, mark)
    lines = text.splitlines()
    if 0 < loc.line <= len(lines) and lines[loc.line - 1][loc.col - 1 : loc.col] == "\t":
        return Problem(loc, "a tab cannot indent YAML", "use spaces")
    return Problem(loc, f"YAML syntax: {what}", "check indentation, colons and quotes")


class _Builder:
    """Turns parser events into Nodes, one document only."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        self.stack: list[Node] = []
        self.keys: list[dict[str, Node]] = []
        """Per open mapping, its keys so far: a duplicate is found in one look-up, not by
        rescanning every earlier key (which made a 50,000-key mapping take minutes)."""
        self.root: Node | None = None
        self.documents = 0
        self.stop = False

    def refuse(self, mark: _Mark | None, message: str, hint: str) -> None:
        self.problems.append(Problem(_loc(self.path, mark), message, hint))
        self.stop = True
        self.root = None

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.refuse(event.start_mark, "a fact file holds one YAML document", "remove the '---' line")
            return
        if isinstance(event, yaml.AliasEvent):
            self.refuse(event.start_mark, f"aliases (*{event.anchor}) are not allowed", "write the value out in full")
            return
        if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if event.anchor is not None:
                self.refuse(event.start_mark, f"anchors (&{event.anchor}) are not allowed", "write the value out in full")
                return
            if event.tag is not None:
                self.refuse(event.start_mark, f"YAML tags ({event.tag}) are not allowed", "remove the tag")
                return
            self.open(event)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            self.keys.pop()
            self.close(self.stack.pop())

    def open(self, event: yaml.NodeEvent) -> None:
        loc = _loc(self.path, event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            # libyaml reports a plain scalar's style as '', the pure-Python parser as None.
            plain = bool(event.implicit[0]) and not event.style
            self.close(Node("scalar", loc, value=event.value, plain=plain))
            return
        if len(self.stack) >= MAX_DEPTH:
            self.refuse(event.start_mark, f"nesting deeper than {MAX_DEPTH} levels", "flatten the structure")
            return
        self.stack.append(Node("list" if isinstance(event, yaml.SequenceStartEvent) else "map", loc))
        self.keys.append({})

    def close(self, node: Node) -> None:
        """Attach a finished node to its parent (or make it the root)."""
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        if parent.kind == "list":
            parent.items.append(node)
            return
        # Mappings arrive as key, value, key, value: a pending key waits in `pairs`
        # with the parent itself as placeholder value.
        if parent.pairs and parent.pairs[-1][1] is parent:
            key = parent.pairs[-1][0]
            parent.pairs[-1] = (key, node)
            return
        node.dropped = not self.key_ok(self.keys[-1], node)
        parent.pairs.append((node, parent))

    def key_ok(self, seen: dict[str, Node], key: Node) -> bool:
        if key.kind != "scalar":
            self.problems.append(Problem(key.loc, "a key must be a plain name", "write `name: value`"))
            return False
        if key.plain and key.value == "<<":
            self.problems.append(Problem(key.loc, "merge keys (<<) are not allowed", "write the keys out in full"))
            return False
        other = seen.setdefault(key.value, key)
        if other is not key:
            self.problems.append(
                Problem(
                    key.loc,
                    f"duplicate key '{shown(key.value)}' (first at line {other.loc.line})",
                    "keep one of the two and delete the other",
                )
            )
            return False
        return True
