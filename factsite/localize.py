"""The facts as one language's edition shows them, and what that language still lacks.

Each record's reader-facing texts may carry `translations:` (model.py). For an edition
in language L, `localize` swaps every text for its L translation where one is given and
keeps the fact file's own text where none is, as `Untranslated` so the page marks it
with its language. Ids, figures, dates and quotes are never touched: the edition states
the same facts. `missing` lists what a language lacks, one warning per record, for
`check`.

Pure: no I/O. Costs one pass over the records.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from . import model as m
from .errors import Problem
from .i18n import Untranslated

TEXT_RECORDS: dict[type, type] = {
    m.Question: m.QuestionText,
    m.Measure: m.MeasureText,
    m.Claim: m.ClaimText,
    m.Event: m.EventText,
    m.Party: m.PartyText,
    m.Source: m.SourceText,
    m.Correction: m.CorrectionText,
    m.Term: m.TermText,
}
"""Record type -> the record holding its texts in another language. The translatable
fields are the latter's fields (besides `lang`), read where the record holds them
(`READ_AT`), so a new translatable field is one line in model.py."""

READ_AT: dict[tuple[type, str], tuple[str, str]] = {
    (m.Claim, "words"): ("figure", "words"),
    (m.Claim, "place"): ("scope", "place"),
    (m.Claim, "operation"): ("scope", "operation"),
    (m.Claim, "period"): ("scope", "period"),
}
"""Translated fields kept in a nested record of the original: (record, field) -> (nested field, its field)."""


def text_fields(record_type: type) -> list[str]:
    return [f.name for f in m.spec_fields(TEXT_RECORDS[record_type]) if f.name != "lang"]


def _own(record: Any, name: str) -> Any:
    where = READ_AT.get((type(record), name))
    if where is None:
        return getattr(record, name)
    inner = getattr(record, where[0])
    return getattr(inner, where[1]) if inner is not None else None


def _translation(record: Any, lang: str) -> Any:
    return next((t for t in record.translations if t.lang == lang), None)


def _present(value: Any) -> bool:
    return bool(value) if isinstance(value, tuple) else value is not None


def _texts(record: Any, lang: str) -> Iterator[tuple[str, Any, Any]]:
    """Each text the record has of its own, with its ``lang`` translation (None when not
    given): (field, own, theirs). The one walk `missing` and `localize` share."""
    translated = _translation(record, lang)
    for field in text_fields(type(record)):
        own = _own(record, field)
        if _present(own):
            yield field, own, getattr(translated, field, None) if translated is not None else None


def missing(dataset: m.Dataset, lang: str) -> list[Problem]:
    """One warning per record whose own texts have no `lang` translation (all of them
    listed), at the record; empty when the edition is complete."""
    from .i18n import language

    name = _language_name(lang, language)
    found = []
    for record in _records(dataset):
        lacking = []
        for field, own, theirs in _texts(record, lang):
            if not _present(theirs):
                lacking.append(field)
            elif isinstance(own, tuple) and len(theirs or ()) != len(own):
                lacking.append(f"{field} (give {len(own)}, one for each)")
        if lacking:
            found.append(
                Problem(
                    record.loc,
                    f"warning: {record.NOUN} has no {name} text for {', '.join(lacking)}; the {lang} edition shows the English",
                    f"add them under `translations:` as `- lang: {lang}`",
                )
            )
    return found


def _language_name(lang: str, language: Any) -> str:
    try:
        return f"{language('en').name(lang)} ({lang})"
    except ImportError:  # Babel absent (the check job installs PyYAML alone): the code says it
        return f"'{lang}'"


def _records(dataset: m.Dataset) -> Iterator[Any]:
    for question in dataset.questions:
        yield question
        yield from question.measures
        yield from question.corrections
    yield from dataset.claims
    yield from dataset.events
    yield from dataset.parties
    yield from dataset.sources
    if dataset.vocabulary is not None:
        yield from dataset.vocabulary.party_kinds
        yield from dataset.vocabulary.event_kinds


def localize(dataset: m.Dataset, lang: str) -> m.Dataset:
    """The dataset with its texts in ``lang`` where translated, else marked English."""
    from .words import forms_unit  # the unit's plural forms become a unit the pages write

    def texts(record: Any) -> Any:
        changes: dict[str, Any] = {}
        nested: dict[str, dict[str, Any]] = {}
        for field, own, theirs in _texts(record, lang):
            if isinstance(record, m.Measure) and field == "unit":
                value: Any = forms_unit(theirs) if theirs is not None else Untranslated(own)
            elif isinstance(own, tuple):
                value = theirs if _present(theirs) and len(theirs or ()) == len(own) else tuple(Untranslated(t) for t in own)
            else:
                value = theirs if theirs is not None else Untranslated(own)
            where = READ_AT.get((type(record), field))
            if where is None:
                changes[field] = value
            else:
                nested.setdefault(where[0], {})[where[1]] = value
        for inner, values in nested.items():
            changes[inner] = dataclasses.replace(getattr(record, inner), **values)
        return dataclasses.replace(record, **changes) if changes else record

    def question(q: m.Question) -> m.Question:
        return dataclasses.replace(
            texts(q),
            measures=tuple(texts(x) for x in q.measures),
            corrections=tuple(texts(c) for c in q.corrections),
        )

    return dataclasses.replace(
        dataset,
        questions=tuple(question(q) for q in dataset.questions),
        claims=tuple(texts(c) for c in dataset.claims),
        events=tuple(texts(e) for e in dataset.events),
        parties=tuple(texts(p) for p in dataset.parties),
        sources=tuple(texts(s) for s in dataset.sources),
    )
