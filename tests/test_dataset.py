"""The shipped dataset's own tests: facts/ against the five seed articles it was built from.

Not a test of the generator (those run on the fixtures under tests/fixtures/): this
module knows the war data, its quotes, questions and counts. A newsroom that puts
its own topic in facts/ deletes this module or replaces it with one for its data.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from factsite.errors import FactsError
from factsite.kinds import plain
from factsite.model import HEDGE_TABLE, HEDGES, Loc
from factsite.pipeline import check, checked
from factsite.verify import verify
from tests.conftest import REAL_FACTS, SEEDS, run_cli

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


# --- machine verification of the shipped data (the generator's own tests: test_verification.py)


def test_every_quote_is_verified_against_the_seed_articles_with_no_normalising() -> None:
    """`verify --snapshots ../shared/seeds`, as CI runs it; the closing note of the
    verification issue reports that none of the 45 quotes needed a normalisation rule."""
    seeds()  # skips where ../shared is absent
    result = run_cli("verify", "--snapshots", str(SEEDS), "--explain")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        f"ok: 45 quotes from 5 sources found in their saved copies in {SEEDS} (0 needed normalising)"
    )


def _copy(tmp_path: Path) -> Path:
    facts = tmp_path / "facts"
    shutil.copytree(REAL_FACTS, facts)
    return facts


def _edit(facts: Path, loc: Loc, old: str, new: str) -> None:
    """Replace ``old`` (which must stand at ``loc``) by ``new`` in the copy's file."""
    path = facts.parent / loc.path
    lines = path.read_text(encoding="utf-8").split("\n")
    line = lines[loc.line - 1]
    at = loc.col - 1
    assert line[at:].startswith(old), (line, old)
    lines[loc.line - 1] = line[:at] + new + line[at + len(old) :]
    path.write_text("\n".join(lines), encoding="utf-8")


def _fails_at(facts: Path, loc: Loc) -> None:
    with pytest.raises(FactsError) as raised:
        check(facts)
    assert any((p.loc.path, p.loc.line) == (loc.path, loc.line) for p in raised.value.problems), raised.value.problems


def _figure_edits() -> list[tuple[str, str, str, str]]:
    """(claim id, field, written, changed): each figure's numbers one more, each hedge each other one."""
    edits = []
    for claim in DATA.claims:
        fig = claim.figure
        for name in ("value", "low", "high", "out_of"):
            number = getattr(fig, name)
            if number is not None:
                edits.append((claim.id, name, plain(number), plain(number + 1)))
        if fig.words:
            edits.append((claim.id, "words", fig.words, fig.words.rsplit(" ", 1)[0] + " hundred"))
        edits += [(claim.id, "hedge", fig.hedge, other) for other in HEDGES if other != fig.hedge]
    return edits


@pytest.mark.parametrize("claim_id,field,written,changed", _figure_edits())
def test_changing_any_shipped_figure_or_hedge_fails_check_at_that_value(
    tmp_path: Path, claim_id: str, field: str, written: str, changed: str
) -> None:
    fig = {c.id: c for c in DATA.claims}[claim_id].figure
    facts = _copy(tmp_path)
    _edit(facts, fig.at(field), written, changed)
    _fails_at(facts, fig.at(field))


def _quotes() -> list[tuple[str, int]]:
    return [(r.id, i) for r in (*DATA.claims, *DATA.events) for i in range(len(r.sources))]


@pytest.mark.parametrize("record_id,index", _quotes())
def test_changing_one_word_of_any_shipped_quote_fails_verify_at_that_quote(tmp_path: Path, record_id: str, index: int) -> None:
    seeds()
    record = {r.id: r for r in (*DATA.claims, *DATA.events)}[record_id]
    citation = record.sources[index]
    # The longest word that is not a hedge's (changing "approximately" fails `check` first, at the hedge).
    hedge_words = {w for h in HEDGE_TABLE for phrase in h.quote_words + h.after_words for w in phrase.split()}
    word = max((w for w in re.findall(r"[A-Za-z]+", citation.quote) if w.casefold() not in hedge_words), key=len)
    facts = _copy(tmp_path)
    path = facts.parent / citation.at("quote").path
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    start = sum(len(x) + 1 for x in lines[: citation.at("quote").line - 1]) + citation.at("quote").col - 1
    at = text.index(word, start)
    path.write_text(text[:at] + word[::-1].lower() + text[at + len(word) :], encoding="utf-8")
    result = verify(check(facts), SEEDS)
    assert [(p.loc.path, p.loc.line) for p in result.problems] == [(citation.at("quote").path, citation.at("quote").line)]


def test_the_killed_page_states_the_disagreement_with_the_casualty_figure() -> None:
    from factsite.render import render_site

    data, derived = checked(REAL_FACTS)
    assert [(c.lower.id, c.upper.id, c.same_origin) for c in derived.clashes] == [
        ("british-intelligence-at-least-6000-killed", "south-korea-lawmakers-about-4700-lost", False)
    ]
    pages = render_site(data, derived)
    for name in ("killed.md", "killed-or-wounded.md"):
        assert '!!! warning "Estimates that cannot both hold at one date"' in pages[name]
        assert "cannot both be right if they describe the same date (one of them gives no date of its own)" in pages[name]
