"""Dataset -> downloadable data: CSV and JSON tables and a Frictionless Data Package.

Pure: returns {relative path: text}. Tables are sorted by id, so the same facts
always export the same bytes. One table per kind of record, joined by ids
(declared as foreign keys in datapackage.json): claims, citations, events,
sources, parties; plus a slice of claims for every question.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from . import model as m
from . import outputs as out
from .derive import Derived
from .kinds import plain


def package_name(site_name: str) -> str:
    """A Data Package name (lowercase letters, digits, ``-``) from the site's name.

    >>> package_name("Crowds at the 2024 rally, sourced"), package_name("Втрати")
    ('crowds-at-the-2024-rally-sourced', 'facts')
    """
    folded = unicodedata.normalize("NFKD", site_name).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", folded)) or "facts"


# Field: (name, Frictionless type, description, value from the record)
Column = tuple[str, str, str, Callable[[Any], Any]]


def _list(values: Iterable[str]) -> str:
    return "; ".join(values)


def _date(date: Any) -> str:
    return date.iso() if date else ""


def _num(value: float | None) -> str:
    return "" if value is None else plain(value)


def claim_columns(derived: Derived, questions: dict[str, m.Question]) -> list[Column]:
    def measure_of(c: m.Claim) -> m.Measure:
        measure = questions[c.question].measure(c.measure)
        assert measure is not None  # validation guarantees every claim's measure exists
        return measure

    def measure_id(c: m.Claim) -> str:
        return measure_of(c).id

    def unit(c: m.Claim) -> str:
        return measure_of(c).unit

    current_ids = {c.id for view in derived.questions for mv in view.measures for c in mv.current}

    def current(c: m.Claim) -> str:
        return "true" if c.id in current_ids else "false"

    return [
        ("id", "string", "Stable id of the claim; the anchor of its row on the site.", lambda c: c.id),
        ("question", "string", "Slug of the question the claim answers.", lambda c: c.question),
        ("measure", "string", "Id of the question's measure the figure counts.", measure_id),
        ("unit", "string", "What is counted.", unit),
        ("hedge", "string", "How the source hedges the figure.", lambda c: c.figure.hedge),
        ("value", "number", "The figure, when it is a single number.", lambda c: _num(c.figure.value)),
        ("low", "number", "Lower end of a range.", lambda c: _num(c.figure.low)),
        ("high", "number", "Upper end of a range.", lambda c: _num(c.figure.high)),
        ("out_of", "number", "The total the figure is part of.", lambda c: _num(c.figure.out_of)),
        ("words", "string", "The amount in words, when the source gives no number.", lambda c: c.figure.words or ""),
        (
            "as_of",
            "string",
            "The date or period the figure describes (YYYY, YYYY-MM, YYYY-MM-DD, 'before …', 'A/B'); empty when not stated.",
            lambda c: _date(c.as_of),
        ),
        (
            "as_of_precision",
            "string",
            "day, month or year; empty when not stated.",
            lambda c: c.as_of.precision if c.as_of else "",
        ),
        (
            "reported",
            "string",
            "When no as-of date is stated: the earliest publication date of the claim's sources.",
            lambda c: _date(derived.claim_when[c.id].reported),
        ),
        (
            "claimant",
            "string",
            "Id of the party making the claim; empty when the source states it in its own voice.",
            lambda c: c.claimant or "",
        ),
        ("cited", "string", "Ids of the parties the claimant cites, nearest first, separated by '; '.", lambda c: _list(c.cited)),
        ("place", "string", "Where the figure applies.", lambda c: c.scope.place if c.scope and c.scope.place else ""),
        (
            "operation",
            "string",
            "The operation or phase it covers.",
            lambda c: c.scope.operation if c.scope and c.scope.operation else "",
        ),
        ("period", "string", "The period it covers, in words.", lambda c: c.scope.period if c.scope and c.scope.period else ""),
        ("revises", "string", "Id of the earlier claim this one replaces.", lambda c: c.revises or ""),
        (
            "superseded_by",
            "string",
            "Ids of later claims that replace this one, separated by '; '.",
            lambda c: _list(derived.superseded_by.get(c.id, ())),
        ),
        ("current", "boolean", "Whether this is its claimant's current estimate.", current),
        (
            "sources",
            "string",
            "Ids of the sources reporting the claim, separated by '; ' (quotes: citations table).",
            lambda c: _list(s.source for s in c.sources),
        ),
        (
            "derived",
            "string",
            "How the figure was worked out, when no quote states it as written; empty when a quote does.",
            lambda c: c.derived or "",
        ),
        ("note", "string", "What a reader needs to read the figure correctly.", lambda c: c.note or ""),
    ]


CITATION_COLUMNS: list[Column] = [
    ("record", "string", "'claim' or 'event'.", lambda r: r[0]),
    ("record_id", "string", "Id of the claim or event.", lambda r: r[1]),
    ("source", "string", "Id of the source.", lambda r: r[2].source),
    ("quote", "string", "Verbatim quote from the source.", lambda r: r[2].quote),
]

EVENT_COLUMNS: list[Column] = [
    ("id", "string", "Stable id of the event.", lambda e: e.id),
    ("date", "string", "When it happened, as precise as the source says; empty when not stated.", lambda e: _date(e.date)),
    ("date_precision", "string", "day, month or year; empty when not stated.", lambda e: e.date.precision if e.date else ""),
    ("actor", "string", "Id of the party that acted.", lambda e: e.actor),
    ("kind", "string", "What the actor did.", lambda e: e.kind),
    ("summary", "string", "One sentence saying what happened.", lambda e: e.summary),
    ("questions", "string", "Slugs of the questions it bears on, separated by '; '.", lambda e: _list(e.questions)),
    ("note", "string", "Anything a reader should know.", lambda e: e.note or ""),
]

SOURCE_COLUMNS: list[Column] = [
    ("id", "string", "Stable id of the source.", lambda s: s.id),
    ("title", "string", "The headline as published; empty when there is none.", lambda s: s.title or ""),
    ("descriptive_title", "string", "Our description, when the document has no headline.", lambda s: s.descriptive_title or ""),
    ("publisher", "string", "Who published it; 'unknown' when the document does not say.", lambda s: s.publisher),
    ("authors", "string", "Authors as credited, separated by '; '.", lambda s: _list(s.authors)),
    (
        "published",
        "string",
        "Publication date as precise as the document gives it; empty when it gives none.",
        lambda s: _date(s.published),
    ),
    ("language", "string", "Language code.", lambda s: s.language),
    ("url", "string", "Where it is published; empty when unknown.", lambda s: s.url or ""),
    ("archive_url", "string", "An archived copy.", lambda s: s.archive_url or ""),
    ("relays", "string", "Ids of the agencies it says it relays, separated by '; '.", lambda s: _list(s.relays)),
    (
        "snapshot_sha256",
        "string",
        "SHA-256 of the saved copy of its text that every quote was checked against; empty when none is kept.",
        lambda s: s.snapshot.sha256 if s.snapshot else "",
    ),
    (
        "snapshot_captured",
        "string",
        "When that copy was saved; empty when not recorded.",
        lambda s: _date(s.snapshot.captured) if s.snapshot else "",
    ),
    ("note", "string", "Anything a reader should know.", lambda s: s.note or ""),
]

PARTY_COLUMNS: list[Column] = [
    ("id", "string", "Stable id of the party.", lambda p: p.id),
    ("name", "string", "Full name.", lambda p: p.name),
    ("short_name", "string", "Shorter name.", lambda p: p.short_name or ""),
    ("kind", "string", "What sort of party it is.", lambda p: p.kind),
    ("country", "string", "Country it belongs to.", lambda p: p.country or ""),
    ("affiliation", "string", "Id of the party it belongs to.", lambda p: p.affiliation or ""),
    ("note", "string", "Anything a reader should know.", lambda p: p.note or ""),
]


def _cell(value: Any, kind: str) -> str:
    text = str(value)
    # A spreadsheet runs a cell that starts like a formula; contributor text must not.
    if kind == "string" and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def to_csv(columns: list[Column], records: Iterable[Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, *_ in columns])
    for record in records:
        writer.writerow([_cell(get(record), kind) for _, kind, _, get in columns])
    return out.getvalue()


def to_rows(columns: list[Column], records: Iterable[Any]) -> list[dict[str, Any]]:
    rows = []
    for record in records:
        row: dict[str, Any] = {}
        for name, kind, _, get in columns:
            value = get(record)
            if kind == "number":
                value = float(value) if value != "" else None
                value = int(value) if value is not None and value.is_integer() else value
            elif kind == "boolean":
                value = value == "true"
            row[name] = value
        rows.append(row)
    return rows


def _resource(name: str, columns: list[Column], primary: str | None, foreign: list[tuple[str, str, str]]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [{"name": n, "type": k, "description": d} for n, k, d, _ in columns],
        "missingValues": [""],
    }
    if primary:
        schema["primaryKey"] = [primary]
    if foreign:
        schema["foreignKeys"] = [{"fields": [f], "reference": {"resource": res, "fields": [key]}} for f, res, key in foreign]
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def export(data: m.Dataset, derived: Derived, site_name: str = "") -> list[out.Output]:
    """Every data file, with its path inside the generated folder and its owner."""
    questions = {q.slug: q for q in data.questions}
    claims_cols = claim_columns(derived, questions)
    citations = [("claim", c.id, s) for c in data.claims for s in c.sources] + [
        ("event", e.id, s) for e in data.events for s in e.sources
    ]
    # name: (columns, records, primary key, foreign keys as (field, resource, field))
    tables: dict[str, tuple[list[Column], Any, str | None, list[tuple[str, str, str]]]] = {
        "claims": (claims_cols, data.claims, "id", [("claimant", "parties", "id")]),
        "citations": (CITATION_COLUMNS, citations, None, [("source", "sources", "id")]),
        "events": (EVENT_COLUMNS, data.events, "id", [("actor", "parties", "id")]),
        "sources": (SOURCE_COLUMNS, data.sources, "id", []),
        "parties": (PARTY_COLUMNS, data.parties, "id", []),
    }
    assert tuple(tables) == out.DATA_TABLES, "outputs.DATA_TABLES names the tables written here"
    files: list[out.Output] = []
    resources = []
    everything: dict[str, Any] = {}
    for name, (columns, records, primary, foreign) in tables.items():
        files.append(out.Output(out.data_table(name), to_csv(columns, records)))
        everything[name] = to_rows(columns, records)
        resources.append(_resource(name, columns, primary, foreign))
    files.append(out.Output(out.DATA_JSON, _json(everything)))
    package = _json(
        {
            "profile": "tabular-data-package",
            "name": package_name(site_name),
            "title": f"{site_name}: claims, events and sources" if site_name else "Claims, events and sources",
            "description": (
                "Every claim (figure), dated event, source and party behind the site, one table each, joined by ids. "
                "Lists inside a cell are separated by '; '. Text cells that would start with =, +, - or @ are "
                "prefixed with ' so spreadsheets show them as text."
            ),
            "resources": resources,
        }
    )
    files.append(out.Output(out.DATA_PACKAGE, package))
    by_question: dict[str, list[m.Claim]] = {q.slug: [] for q in data.questions}
    for claim in data.claims:  # one pass: filtering per question was quadratic (1.96 s at 10k)
        by_question[claim.question].append(claim)
    for question in data.questions:
        mine = by_question[question.slug]
        owner = out.question_owner(question)
        files.append(out.Output(out.question_data(question.slug, "csv"), to_csv(claims_cols, mine), owner))
        rows = {"question": {"slug": question.slug, "ask": question.ask}, "claims": to_rows(claims_cols, mine)}
        files.append(out.Output(out.question_data(question.slug, "json"), _json(rows), owner))
    return files


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
