"""The quote is in the source: every quote checked against a saved copy of its source.

A source's `snapshot:` names a file in the site's snapshot folder and the SHA-256 of
its bytes. `verify` reads each file once, checks its hash, and looks for every quote
that cites the source in its text, both normalised by the rules in textnorm.py
(whitespace, quotation marks, apostrophes, dashes, soft hyphens, Unicode forms; never
letters). Offline: nothing here opens a network connection.

Pure apart from reading the snapshot files; problems are returned, never printed.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import model as m
from .errors import Problem
from .kinds import shown
from .textnorm import contains, matched_prefix, normalise, quote_found, rules_needed

MAX_SNAPSHOT_BYTES = 5_000_000
"""A saved text longer than this is not an article: the text of a long news article is
under 100 kB, and every quote citing a source is searched for in all of its copy."""


@dataclass(frozen=True)
class QuoteCheck:
    """One quote found in its source's saved copy."""

    record: str
    source: str
    quote: str
    exact: bool
    """Found as written, with no normalising."""
    rules: tuple[str, ...] = ()
    """A minimal set of the normalisation rules it needed (only when asked to explain)."""


@dataclass
class Verification:
    """What `verify` found: its problems, and the sources whose every quote was found."""

    problems: list[Problem] = field(default_factory=list)
    """Quotes not found, copies changed or missing: what the data gets wrong."""
    unsaved: list[Problem] = field(default_factory=list)
    """Cited sources with no saved copy: `verify` fails on them, a build shows them as
    not verified."""
    verified: dict[str, m.Snapshot] = field(default_factory=dict)
    """Source id -> the snapshot every one of its quotes was found in."""
    quotes: list[QuoteCheck] = field(default_factory=list)


def citations_by_source(dataset: m.Dataset) -> dict[str, list[tuple[m.Claim | m.Event, m.Citation]]]:
    cited: dict[str, list[tuple[m.Claim | m.Event, m.Citation]]] = defaultdict(list)
    records: tuple[m.Claim | m.Event, ...] = (*dataset.claims, *dataset.events)
    for record in records:
        for citation in record.sources:
            cited[citation.source].append((record, citation))
    return cited


def read_snapshot(folder: Path, source: m.Source, snapshot: m.Snapshot) -> tuple[str | None, list[Problem]]:
    """The snapshot's text, or None with the problem that stopped it being read."""
    where = snapshot.at("file")
    path = folder / snapshot.file  # a plain file name (the loader's FILE_NAME): no folders, no ..
    try:
        if path.is_symlink() or not path.resolve().is_relative_to(folder.resolve()):
            return None, [Problem(where, f"snapshot '{shown(snapshot.file)}' is a link", "save the text itself in the folder")]
        if path.exists() and not path.is_file():  # a folder, or a pipe that would never end
            return None, [Problem(where, f"snapshot '{snapshot.file}' is not a file", "save the text as a plain file")]
        if path.stat().st_size > MAX_SNAPSHOT_BYTES:
            return None, [
                Problem(where, f"snapshot '{snapshot.file}' is larger than {MAX_SNAPSHOT_BYTES:,} bytes", "save the text only")
            ]
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [
            Problem(
                where,
                f"snapshot '{snapshot.file}' of source '{source.id}' is not in the snapshot folder",
                f"add it to {folder}, or run `build_facts.py capture {source.id}`",
            )
        ]
    except OSError as exc:
        return None, [Problem(where, f"snapshot '{snapshot.file}' cannot be read: {exc.strerror}", "check the file")]
    problems = []
    digest = hashlib.sha256(data).hexdigest()
    if digest != snapshot.sha256:
        problems.append(
            Problem(
                snapshot.at("sha256"),
                f"snapshot '{snapshot.file}' has SHA-256 {digest}, not the {snapshot.sha256} recorded",
                "the saved copy changed since it was recorded: restore it, or capture the source again",
            )
        )
    try:
        return data.decode("utf-8"), problems
    except UnicodeDecodeError:
        return None, [*problems, Problem(where, f"snapshot '{snapshot.file}' is not UTF-8 text", "save it as UTF-8")]


def verify(dataset: m.Dataset, folder: Path, explain: bool = False) -> Verification:
    """Check every cited source's snapshot and every quote against it; with ``explain``,
    also which normalisation rules each quote needed (a few more passes over the text)."""
    result = Verification()
    cited = citations_by_source(dataset)
    for source in dataset.sources:  # sorted by id; an uncited source's copy is checked too
        source_id, uses = source.id, cited.get(source.id, [])
        if source.snapshot is None and not uses:
            continue
        if source.snapshot is None:
            result.unsaved.append(
                Problem(
                    source.loc,
                    f"source '{source_id}' has no snapshot, so its {len(uses)} quote(s) cannot be checked",
                    f"run `build_facts.py capture {source_id}`, or add `snapshot:` with `file:` and `sha256:`",
                )
            )
            continue
        text, problems = read_snapshot(folder, source, source.snapshot)
        result.problems.extend(problems)
        if text is None:
            continue
        missing = _check_quotes(source, source.snapshot, text, uses, result, explain)
        if not problems and not missing:
            result.verified[source_id] = source.snapshot
    return result


def _check_quotes(
    source: m.Source,
    snapshot: m.Snapshot,
    text: str,
    uses: list[tuple[m.Claim | m.Event, m.Citation]],
    result: Verification,
    explain: bool,
) -> int:
    """Look for each quote of one source; returns how many were not found."""

    @functools.lru_cache(maxsize=16)
    def normalised(skip: frozenset[str]) -> str:  # the text once per set of rules left out, not once per quote
        return normalise(text, skip)

    missing = 0
    for record, citation in uses:
        if contains(text, citation.quote):
            result.quotes.append(QuoteCheck(record.id, source.id, citation.quote, True))
            continue
        if quote_found(citation.quote, normalised(frozenset())):
            rules = (rules_needed(citation.quote, text, normalised) or ()) if explain else ()
            result.quotes.append(QuoteCheck(record.id, source.id, citation.quote, False, rules))
            continue
        missing += 1
        quote = normalise(citation.quote)
        agree = matched_prefix(quote, normalised(frozenset()))
        where = (
            f"it matches up to '…{shown(quote[max(0, agree - 30) : agree], 40)}' and then differs at '{shown(quote[agree:], 30)}'"
            if agree
            else "not even its first word is there"
        )
        result.problems.append(
            Problem(
                citation.at("quote"),
                f"the quote is not in the saved copy of source '{source.id}' ({snapshot.file}): {where}",
                "copy it again from the source, exactly as written",
            )
        )
    return missing
