"""The shipped dataset's own tests: facts/ against the five seed articles it was built from.

Not a test of the generator (those run on the fixtures under tests/fixtures/): this
module knows the war data, its quotes, questions and counts. A newsroom that puts
its own topic in facts/ deletes this module or replaces it with one for its data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factsite.pipeline import check
from tests.conftest import REAL_FACTS, SEEDS

DATA = check(REAL_FACTS)


def seeds() -> dict[str, str]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    return {p.name: " ".join(p.read_text(encoding="utf-8").split()) for p in sorted(SEEDS.glob("*.txt"))}


def test_every_quote_is_verbatim_and_each_source_is_one_article() -> None:
    texts = seeds()
    found: dict[str, set[str]] = {}
    for record in (*DATA.claims, *DATA.events):
        for citation in record.sources:
            quote = " ".join(citation.quote.split())
            hits = {name for name, text in texts.items() if quote in text}
            assert hits, f"{record.id}: quote not found verbatim in any article: {quote!r}"
            found.setdefault(citation.source, set()).update(hits)
    assert all(len(h) == 1 for h in found.values()), found
    assert sorted(n for h in found.values() for n in h) == sorted(texts), "every article is used, once"


def test_quotes_are_short() -> None:
    assert max(len(c.quote) for r in (*DATA.claims, *DATA.events) for c in r.sources) <= 300


def test_questions_the_site_must_answer() -> None:
    questions = {q.slug: q for q in DATA.questions}
    assert list(questions) == ["troops-sent", "killed", "killed-or-wounded", "who-confirmed", "weapons"]
    assert [m.id for m in questions["troops-sent"].measures] == ["total", "first-deployment", "reinforcements", "planned"]
    assert questions["who-confirmed"].kind == "timeline"


def test_disagreements_are_all_on_the_record() -> None:
    def claimants(question: str, measure: str | None = None) -> set[str | None]:
        return {c.claimant for c in DATA.claims if c.question == question and (measure is None or c.measure == measure)}

    assert len(claimants("troops-sent", "total")) == 4
    assert claimants("killed", "killed") == {"british-intelligence", "south-korea-lawmakers"}
    confirmers = {e.actor for e in DATA.events if e.kind in ("confirmed", "acknowledged")}
    assert {"russia", "wpk-central-military-commission", "north-korean-state-media"} <= confirmers


def test_no_invented_addresses() -> None:
    # None of the five articles gives its own web address.
    assert all(s.url is None and s.archive_url is None for s in DATA.sources)


def test_unknowns_are_recorded_as_unknown() -> None:
    by_id = {s.id: s for s in DATA.sources}
    assert not any(s.publisher_known for s in DATA.sources)
    assert by_id["undated-pyongyang-dateline"].published is None
    assert by_id["undated-admits-sending-troops"].published is None
    assert [s.id for s in DATA.sources if s.authors] == ["postoienko-2025-09-01"]


def test_fact_files_use_no_yaml_tricks() -> None:
    for path in Path(REAL_FACTS).rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "&" not in text.replace("& ", "") and "!!" not in text and "<<:" not in text, path
