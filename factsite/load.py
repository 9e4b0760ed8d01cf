"""facts/**/*.yaml -> records, with a file:line:col for every problem.

This step checks shape only: keys, types, allowed values, date and URL syntax.
Whether an id exists or a figure is consistent is `validate.py`'s job, which
needs every file loaded first.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import model as m
from .errors import FactsError, Problem
from .kinds import SLUG, Invalid, shown, suggest
from .model import Loc
from .yamlnodes import Node, parse


@dataclass(frozen=True)
class RefUse:
    """An id used to refer to a record of ``target``, and where."""

    target: str
    ident: str
    loc: Loc


@dataclass
class Loaded:
    """What the loader read: the files, the problems, and what validation needs."""

    files: list[m.FactFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    broken: dict[str, set[str]] = field(default_factory=dict)
    """Ids of records that failed to load, by collection: they exist, so references to
    them are not reported as unknown."""
    refs: list[RefUse] = field(default_factory=list)
    """Every reference read, including those inside records that failed to load."""
    declared: list[RefUse] = field(default_factory=list)
    """Every id declared (a record's own id or slug), including records that failed to load."""
    vocabulary: m.Vocabulary | None = None
    """The site's kinds of parties and events (facts/vocabulary.yaml, or the default)."""
    vocabulary_choices: dict[str, m.Choice] = field(default_factory=dict)
    """Each vocabulary list as a choice, made once (see `Reader.choices`)."""
    quote_checks: QuoteChecks | None = None
    """Kept by `Reads`: each claim's quote check, for claims read from unchanged files."""


QuoteChecks = dict[int, tuple[m.Claim, tuple[str | None, ...], list[Problem]]]
"""id(claim) -> (the claim, its sources' languages, what validate.py's quote check found):
a claim from a file whose bytes did not change is the same object, with the same result."""


ID_OWNERS = {m.Party: "parties", m.Source: "sources", m.Claim: "claims", m.Question: "questions", m.Event: "events"}


class Reader:
    """Reads one file's node tree into records, collecting problems as it goes.

    A record with a problem is dropped, but reading goes on with its siblings, so
    one run reports every problem in the file.
    """

    def __init__(self, loaded: Loaded) -> None:
        self.problems = loaded.problems
        self.broken = loaded.broken
        self.refs = loaded.refs
        self.declared = loaded.declared
        self.vocabulary = loaded.vocabulary
        self.vocabulary_choices = loaded.vocabulary_choices

    def problem(self, loc: Loc, message: str, hint: str = "") -> None:
        self.problems.append(Problem(loc, message, hint))

    # --- records ------------------------------------------------------------

    def record(self, cls: type[m.Record], node: Node, partial: bool = False) -> Any | None:
        """Read a mapping into ``cls``; None if anything is wrong, unless ``partial``
        (a whole file), where the good parts are kept and bad list items dropped."""
        where = cls.NOUN
        if node.kind != "map":
            self.problem(node.loc, f"{where} must be a mapping of `key: value` lines, not {node.describe()}")
            return None
        fields = {f.name: f for f in m.spec_fields(cls)}
        values: dict[str, Any] = {}
        marks: dict[str, Loc] = {}
        empty: set[str] = set()
        ok = True
        for key, value in node.pairs:
            if key.dropped:
                continue
            name = key.value
            if name not in fields:
                hint = suggest(name, list(fields), values=False) or "allowed keys: " + ", ".join(fields)
                self.problem(key.loc, f"unknown key '{shown(name)}' in {where}", hint)
                ok = False
                continue
            marks[name] = value.loc
            marks.update({f"{name}.{i}": item.loc for i, item in enumerate(value.items)})
            if value.is_null:
                empty.add(name)
                ok = False
                if fields[name].metadata["required"]:
                    self.problem(value.loc, f"'{name}' in {where} needs a value", f"fill in `{name}:`")
                else:
                    self.problem(value.loc, f"'{name}' in {where} is empty", "fill it in or delete the line")
                continue
            parsed = self.value(fields[name].metadata["kind"], value, name, partial)
            if parsed is _BAD:
                ok = False
            else:
                values[name] = parsed
        # A mapping with a refused key (a merge key, say) may hold the missing key in
        # the part that was refused: that problem is already reported.
        refused = any(key.dropped for key, _ in node.pairs)
        for name, f in fields.items():
            if f.metadata["required"] and name not in marks:
                ok = False
                if not refused:
                    self.problem(node.loc, f"{where} is missing the required key '{name}'", f"add `{name}:`")
        self.declare(cls, values, marks, broken=not ok)
        if not ok and not partial:
            return None
        return cls(loc=node.loc, marks=marks, **values)

    def declare(self, cls: type, values: dict[str, Any], marks: dict[str, Loc], broken: bool) -> None:
        """Note the record's id, even when the record fails: a duplicate or a reference
        is then judged against every id written, not only the records that loaded."""
        owner = ID_OWNERS.get(cls)
        key = "slug" if cls is m.Question else "id"
        ident = values.get(key)
        if owner and ident:
            self.declared.append(RefUse(owner, ident, marks[key]))
            if broken:
                self.broken.setdefault(owner, set()).add(ident)

    # --- values -------------------------------------------------------------

    def value(self, kind: Any, node: Node, name: str, partial: bool = False) -> Any:
        if isinstance(kind, m.ListOf):
            return self.list_of(kind, node, name, partial)
        if isinstance(kind, m.Nested):
            result = self.record(kind.record, node)
            return _BAD if result is None else result
        if node.kind != "scalar":
            self.problem(node.loc, f"'{name}' must be a single value, not {node.describe()}")
            return _BAD
        if isinstance(kind, m.Choice) and kind.vocabulary:
            kind = self.choices(kind)
        try:
            result = kind.read(node.value, name)
        except Invalid as exc:
            self.problem(node.loc, exc.message, exc.hint)
            return _BAD
        if isinstance(kind, m.Ref):
            # Kept even if the record around it fails, so an unknown id is reported
            # in the same run as the record's other problems.
            self.refs.append(RefUse(kind.target, result, node.loc))
        return result

    def choices(self, kind: m.Choice) -> m.Choice:
        """A choice from the site's vocabulary, with the site's words. When the
        vocabulary failed to load, its own problems are reported and any word passes
        here: one broken file must not bury the run under a line per party."""
        if self.vocabulary is None:
            return dataclasses.replace(kind, values=(), anything=True)
        if kind.vocabulary not in self.vocabulary_choices:  # once per run: its set of words is built once
            self.vocabulary_choices[kind.vocabulary] = dataclasses.replace(kind, values=self.vocabulary.names(kind.vocabulary))
        return self.vocabulary_choices[kind.vocabulary]

    def list_of(self, kind: m.ListOf, node: Node, name: str, partial: bool = False) -> Any:
        if node.kind != "list":
            self.problem(node.loc, f"'{name}' must be a list (one `- item` per line), not {node.describe()}")
            return _BAD
        if len(node.items) < kind.min_items:
            self.problem(node.loc, f"'{name}' needs at least {kind.min_items} item(s)")
            return _BAD
        items = []
        for index, item in enumerate(node.items):
            if item.is_null:
                self.problem(item.loc, f"item {index + 1} of '{name}' is empty", "delete the empty `-` line")
                items.append(_BAD)
            else:
                items.append(self.value(kind.item, item, name))
        if isinstance(kind.item, m.Ref):
            items = self.listed_once(node, items, name)
        good = tuple(i for i in items if i is not _BAD)
        return good if partial or len(good) == len(items) else _BAD

    def listed_once(self, node: Node, items: list[Any], name: str) -> list[Any]:
        """An id listed twice in one list would show its record twice (an event under
        one question twice, a party cited twice): the second one is a problem."""
        first: dict[str, int] = {}
        for index, ident in enumerate(items):
            if ident is _BAD:
                continue
            if ident in first:
                self.problem(
                    node.items[index].loc,
                    f"'{ident}' is listed twice in '{name}' (first as item {first[ident] + 1})",
                    "delete one of the two",
                )
                items[index] = _BAD
            else:
                first[ident] = index
        return items


class _Bad:
    """Marker for a value that failed to read (None is a legitimate value)."""


_BAD = _Bad()


def relative(path: Path, root: Path) -> str:
    """How a path is shown in messages: relative to the project root when possible."""
    try:  # abspath, not resolve: a symbolic link is named as itself, never as its target
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return path.as_posix()


FILE_PART = re.compile(r"[a-z0-9][a-z0-9_-]*")


def fact_paths(facts_dir: Path) -> list[Path]:
    """Every .yaml/.yml file under facts_dir, and every symbolic link (to be refused).
    Symlinked folders are listed, never entered: no loops, nothing outside facts/."""
    found = []
    for folder, dirs, files in os.walk(facts_dir):  # does not follow links
        here = Path(folder)
        found += [here / d for d in dirs if (here / d).is_symlink()]
        found += [here / f for f in files if f.endswith((".yaml", ".yml")) or (here / f).is_symlink()]
    return sorted(found)


def _bad_name(path: Path, facts_dir: Path) -> tuple[str, str] | None:
    """A fact file's path becomes part of "edit this page" links: keep it plain."""
    rel = path.relative_to(facts_dir)
    if path.is_symlink():
        return "symbolic links are not allowed in facts/", "commit the file itself"
    if path.suffix != ".yaml":
        return "fact files end in .yaml", f"rename it to {rel.with_suffix('.yaml').as_posix()}"
    if not all(FILE_PART.fullmatch(part) for part in (*rel.parent.parts, rel.stem)):
        return "file and folder names use lowercase letters, digits, - and _", "rename it, e.g. killed-or-wounded.yaml"
    return None


VOCABULARY_FILE = "vocabulary.yaml"
"""The file in facts/ that holds the site's vocabulary, if it has its own."""
DEFAULT_VOCABULARY = Path(__file__).with_name("vocabulary.yaml")


def _read(path: Path, display: str, loaded: Loaded) -> bytes | None:
    """A file's bytes; None if it is gone (a safe-save, a checkout: deleted since the folder
    was listed) or cannot be read (with the problem recorded)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        loaded.problems.append(
            Problem(Loc(display, 1, 1), f"the file cannot be read: {exc.strerror}", "check that it is a plain file")
        )
        return None


def _parsed(
    path: Path,
    display: str,
    loaded: Loaded,
    empty_hint: str = "add `question:`, `claims:`, `events:`, `sources:` or `parties:`",
    data: bytes | None = None,
) -> Node | None:
    """A file's node tree; None (with the problem recorded) if it cannot be read or parsed."""
    problems = loaded.problems
    if data is None:
        data = _read(path, display, loaded)
        if data is None:
            return None
    root, found = parse(display, data)
    problems.extend(found)
    if root is None and not found:  # an empty file
        problems.append(Problem(Loc(display, 1, 1), "the file is empty", empty_hint))
    return root


@functools.cache
def default_vocabulary() -> m.Vocabulary:
    """The generator's default vocabulary (factsite/vocabulary.yaml)."""
    loaded = Loaded()
    load_vocabulary(DEFAULT_VOCABULARY, "factsite/vocabulary.yaml", loaded)
    assert loaded.vocabulary is not None, loaded.problems  # the generator's own file: a bug, not contributor error
    return loaded.vocabulary


def site_vocabulary(facts_dir: Path, root: Path | None = None) -> m.Vocabulary:
    """The vocabulary a facts folder uses: its own vocabulary.yaml, else the default.
    Raises FactsError with the vocabulary's problems."""
    own = facts_dir / VOCABULARY_FILE
    if not os.path.lexists(own):
        return default_vocabulary()
    loaded = Loaded()
    if own.is_symlink() or not own.is_file():  # as `check` refuses it: never a silent fall-back to the default
        display = relative(own, root or facts_dir.parent)
        raise FactsError([Problem(Loc(display, 1, 1), "the vocabulary must be a plain file", "commit the file itself")])
    load_vocabulary(own, relative(own, root or facts_dir.parent), loaded)
    if loaded.vocabulary is None:
        raise FactsError(loaded.problems)
    return loaded.vocabulary


def load_vocabulary(path: Path, display: str, loaded: Loaded) -> None:
    """Read the site's vocabulary (or the default) before any fact file: every party's
    and event's kind is read against it."""
    root = _parsed(path, display, loaded, "add `party_kinds:` and `event_kinds:`, or delete the file to use the default kinds")
    if root is not None:
        before = len(loaded.problems)
        record = Reader(loaded).record(m.Vocabulary, root, partial=True)  # the good terms, for the checks below
        if record is not None:
            loaded.problems.extend(_repeated_terms(record))  # in the same run as the file's other problems
            loaded.vocabulary = record if len(loaded.problems) == before else None


def _repeated_terms(vocabulary: m.Vocabulary) -> list[Problem]:
    problems = []
    for which in ("party_kinds", "event_kinds"):
        first: dict[str, m.Term] = {}
        for term in getattr(vocabulary, which):
            seen = first.setdefault(unicodedata.normalize("NFKC", term.name).casefold(), term)
            if seen is not term:
                problems.append(
                    Problem(term.at("name"), f"'{term.name}' is in {which} twice (first at {seen.at('name')})", "delete one")
                )
    return problems


@dataclass(frozen=True)
class FileRead:
    """All that reading one fact file gave: its records and what the loader noted."""

    record: m.FactFile | None
    problems: tuple[Problem, ...]
    broken: tuple[tuple[str, str], ...]
    refs: tuple[RefUse, ...]
    declared: tuple[RefUse, ...]

    def into(self, loaded: Loaded) -> None:
        loaded.problems.extend(self.problems)
        for owner, ident in self.broken:
            loaded.broken.setdefault(owner, set()).add(ident)
        loaded.refs.extend(self.refs)
        loaded.declared.extend(self.declared)
        if self.record is not None:
            loaded.files.append(self.record)


class Reads:
    """Fact files read before, by their bytes: a file whose bytes did not change is never
    parsed again. The live preview keeps one, so a save re-reads the one file saved.

    Reading a file depends only on its bytes, its path and the site's vocabulary (the
    kinds its parties and events are read against), so those are the key. One read is
    kept per path: the cache never outgrows the facts folder."""

    def __init__(self) -> None:
        self._reads: dict[str, tuple[bytes, FileRead]] = {}
        self._vocabulary: m.Vocabulary | None = None
        self.quote_checks: QuoteChecks = {}

    def get(self, display: str, digest: bytes, vocabulary: m.Vocabulary | None) -> FileRead | None:
        if vocabulary != self._vocabulary:  # other kinds: every file reads differently
            self._reads.clear()
            self._vocabulary = vocabulary
            return None
        kept = self._reads.get(display)
        return kept[1] if kept and kept[0] == digest else None

    def put(self, display: str, digest: bytes, read: FileRead) -> None:
        self._reads[display] = (digest, read)

    def keep_only(self, displays: set[str]) -> None:
        """Forget files no longer there (deleted or renamed)."""
        for gone in self._reads.keys() - displays:
            del self._reads[gone]


def read_file(path: Path, display: str, loaded: Loaded, reads: Reads | None = None) -> None:
    """Read one fact file into ``loaded``, from ``reads`` when its bytes were read before."""
    data = _read(path, display, loaded)
    if data is None:
        return
    if reads is None:
        record = load_file(path, display, loaded, data)
        if record is not None:
            loaded.files.append(record)
        return
    digest = hashlib.blake2b(data, digest_size=16).digest()
    read = reads.get(display, digest, loaded.vocabulary)
    if read is None:
        own = Loaded(vocabulary=loaded.vocabulary, vocabulary_choices=loaded.vocabulary_choices)
        record = load_file(path, display, own, data)
        broken = tuple((owner, ident) for owner, idents in sorted(own.broken.items()) for ident in sorted(idents))
        read = FileRead(record, tuple(own.problems), broken, tuple(own.refs), tuple(own.declared))
        reads.put(display, digest, read)
    read.into(loaded)


def load_file(path: Path, display: str, loaded: Loaded, data: bytes | None = None) -> m.FactFile | None:
    problems = loaded.problems
    root = _parsed(path, display, loaded, data=data)
    if root is None:
        return None
    record = Reader(loaded).record(m.FactFile, root, partial=True)
    if record is None:
        return None
    if record.claims and record.question is None and "question" not in record.marks:
        problems.append(
            Problem(
                record.at("claims"), "claims must sit in the same file as their question", "add a `question:` block to this file"
            )
        )
        return None
    slug = record.question.slug if record.question else _raw_slug(root)
    if slug:
        record = dataclasses.replace(record, claims=tuple(_with_question(c, slug) for c in record.claims))
    return record


def _raw_slug(root: Node) -> str | None:
    """The slug of a question block that failed to load, so its claims stay attached."""
    for key, value in root.pairs:
        if key.value == "question" and value.kind == "map":
            for k, v in value.pairs:
                if k.value == "slug" and v.kind == "scalar" and SLUG.fullmatch(v.value):
                    return v.value
    return None


def _with_question(claim: m.Claim, slug: str) -> m.Claim:
    return dataclasses.replace(claim, question=slug)


def load(facts_dir: Path, root: Path | None = None, reads: Reads | None = None) -> Loaded:
    """Read every fact file under ``facts_dir``; paths in problems are relative to ``root``.
    With ``reads``, a file whose bytes were read before is not parsed again."""
    root = root or facts_dir.parent
    loaded = Loaded(quote_checks=reads.quote_checks if reads is not None else None)
    if facts_dir.is_symlink():  # os.walk would read wherever it points, and echo it into the log
        loaded.problems.append(
            Problem(
                Loc(relative(facts_dir, root), 1, 1),
                "the facts folder is a symbolic link",
                "commit the folder itself; fact files are read only from inside it",
            )
        )
        return loaded
    paths = fact_paths(facts_dir)
    own = facts_dir / VOCABULARY_FILE
    misplaced = [p for p in paths if p.name == VOCABULARY_FILE and p != own]
    for path in misplaced:
        paths.remove(path)
        loaded.problems.append(
            Problem(Loc(relative(path, root), 1, 1), "a vocabulary is read only from facts/vocabulary.yaml", "move it there")
        )
    if own in paths and not own.is_symlink():
        paths.remove(own)
        load_vocabulary(own, relative(own, root), loaded)
    else:
        load_vocabulary(DEFAULT_VOCABULARY, "factsite/vocabulary.yaml", loaded)
    if not paths:
        loaded.problems.append(
            Problem(Loc(relative(facts_dir, root), 1, 1), "no fact files found", "add .yaml files under this folder")
        )
    for path in paths:
        bad = _bad_name(path, facts_dir)
        if bad:
            loaded.problems.append(Problem(Loc(relative(path, root), 1, 1), *bad))
            continue
        read_file(path, relative(path, root), loaded, reads)
    if reads is not None:
        reads.keep_only({relative(path, root) for path in paths})
    return loaded
