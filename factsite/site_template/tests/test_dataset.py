"""This site's own data: checks that belong to the dataset, not to the generator.

The generator's tests (every other module here) run on fixtures under tests/ and hold
for any site. Put here what must stay true of your facts, for example that every
quote appears in the document it cites, or that a figure matches another question's.
"""

from __future__ import annotations

from factsite.pipeline import check
from tests.conftest import ROOT

DATA = check(ROOT / "facts")


def test_every_source_is_cited() -> None:
    cited = {c.source for claim in DATA.claims for c in claim.sources}
    cited |= {c.source for event in DATA.events for c in event.sources}
    assert sorted(s.id for s in DATA.sources if s.id not in cited) == []


def test_every_question_has_an_answer() -> None:
    answered = {c.question for c in DATA.claims} | {q for e in DATA.events for q in e.questions}
    assert sorted(q.slug for q in DATA.questions if q.slug not in answered) == []
