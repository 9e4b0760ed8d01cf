"""Machine verification: the figure is in its quote (with its hedge), the quote is in
its source's saved copy, and estimates of related questions can both hold.

Generator tests on trees written here and on the earthquake fixture; the shipped
dataset's own checks are in test_dataset.py.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

from factsite import model as m
from factsite.dates import FuzzyDate
from factsite.derive import derive
from factsite.errors import FactsError
from factsite.pipeline import check, checked
from factsite.quotecheck import claim_problems
from factsite.render import render_site
from factsite.textnorm import RULE_NAMES
from factsite.verify import verify
from tests.conftest import QUAKE, run_cli, says, write_tree

# --- the figure is in the quote ----------------------------------------------------


def _claim(quote: str, hedge: str, language: str = "en", **figure: float | str) -> m.Claim:
    return m.Claim(
        id="c",
        figure=m.Figure(hedge=hedge, **figure),  # type: ignore[arg-type]
        sources=(m.Citation(source="s", quote=quote),),
    )


def _problems(quote: str, hedge: str, language: str = "en", **figure: float | str) -> list[str]:
    return [p.text for p in claim_problems(_claim(quote, hedge, **figure), {"s": language})]


FOUND = {
    "grouped by commas": ("at least 6,000 died", "at least", {"value": 6000}),
    "grouped by spaces": ("at least 6 000 died", "at least", {"value": 6000}),
    "grouped by a no-break space": ("out of 15\u00a0000 fighters", "exact", {"value": 15000}),
    "grouped by a narrow no-break space": ("lost 4\u202f700", "exact", {"value": 4700}),
    "not grouped": ("at least 6000 died", "at least", {"value": 6000}),
    "grouped by dots": ("at least 6.000 died", "at least", {"value": 6000}),
    "a scale word shared by a range": ("about 10–12 thousand troops", "about", {"low": 10000, "high": 12000}),
    "a range with 'to'": ("send an additional 25 000 to 30 000 soldiers", "range", {"low": 25000, "high": 30000}),
    "a range with 'between'": ("between 25,000 and 30,000 soldiers", "range", {"low": 25000, "high": 30000}),
    "millions": ("up to 6 million shells", "up to", {"value": 6_000_000}),
    "a decimal comma and a scale": ("1,5 million people", "exact", {"value": 1_500_000}),
    "a decimal point and a scale": ("6.5 million people", "exact", {"value": 6_500_000}),
    "a share": ("In some places, it was 100%.", "exact", {"value": 100}),
    "words": ("a batch of ballistic missiles (several dozen)", "exact", {"words": "several dozen"}),
    "a small number in words": ("Twelve boats.", "exact", {"value": 12}),
    "approximately": ("approximately 15,000 of its troops", "about", {"value": 15000}),
    "around": ("around 15,000", "about", {"value": 15000}),
    "an estimated": ("an estimated 15,000 troops", "about", {"value": 15000}),
    "no fewer than": ("no fewer than 600 soldiers", "at least", {"value": 600}),
    "or more, after": ("600 or more soldiers", "at least", {"value": 600}),
    "over": ("over 3,000 killed", "more than", {"value": 3000}),
    "more than": ("more than 3,000 killed", "more than", {"value": 3000}),
    "as many as": ("as many as 14,000 troops", "as many as", {"value": 14000}),
    "about, after a currency mark": ("Losses of about US$8.7 billion.", "about", {"value": 8_700_000_000}),
    "a total": ("out of 15 000 fighters, the DPRK had lost approximately 4 700", "about", {"value": 4700, "out_of": 15000}),
    "another script's digits": ("قال إن ١٥٠٠ شخص لقوا حتفهم", "about", {"value": 1500}),
    "no less than": ("no less than 600 soldiers", "at least", {"value": 600}),
    "a minimum of": ("a minimum of 600 soldiers", "at least", {"value": 600}),
    "in excess of": ("in excess of 600 soldiers", "more than", {"value": 600}),
    "estimated, no article": ("Estimated 6,000 died", "about", {"value": 6000}),
    "words with a scale": ("Twelve hundred soldiers", "exact", {"value": 1200}),
    "a word and million": ("Six million fled", "exact", {"value": 6_000_000}),
    "k written on": ("15k troops", "exact", {"value": 15000}),
    "m written on": ("$6m in aid", "exact", {"value": 6_000_000}),
    "a footnote mark": ("About 6,000¹ soldiers", "about", {"value": 6000}),
    "a low end the scale does not reach": ("500 to 2 thousand", "range", {"low": 500, "high": 2000}),
}


@pytest.mark.parametrize("quote,hedge,figure", FOUND.values(), ids=FOUND.keys())
def test_the_figure_is_found_however_the_source_writes_it(quote: str, hedge: str, figure: dict) -> None:
    language = "ar" if "لقوا" in quote else "en"
    assert _problems(quote, hedge, language, **figure) == []


WRONG = {
    "another hedge": (
        "at least 6,000 died",
        "about",
        {"value": 6000},
        "the quote says 'at least 6,000' but the figure is 'about 6000' (write `hedge: at least`, as the quote does, "
        "or cite a quote whose own words say 'about')",
    ),
    "a hedge the quote does not give": (
        "the DPRK has sent 15,000 troops",
        "about",
        {"value": 15000},
        "the quote says '15,000' but the figure is 'about 15000' (write `hedge: exact`, as the quote does, "
        "or cite a quote whose own words say 'about')",
    ),
    "a hedge dropped": (
        "approximately 15,000 troops",
        "exact",
        {"value": 15000},
        "the quote says 'approximately 15,000' but the figure is '15000' (write `hedge: about`, as the quote does, "
        "or cite a quote that gives the figure with no hedge word)",
    ),
    "another number": (
        "at least 6,000 died",
        "at least",
        {"value": 7000},
        "the figure at least 7000 is not in the claim's quote (its numbers: '6,000') (write the number the quote "
        "gives, in digits only (6,000 is `value: 6000`); a figure worked out from others says how in `derived:`)",
    ),
    "a scale word missed": ("up to 6 million shells", "up to", {"value": 6}, "the figure up to 6 is not in"),
    "part of a grouped number": ("lost 4 700 soldiers", "exact", {"value": 700}, "the figure 700 is not in"),
    "a range's ends swapped for one of them": (
        "25 000 to 30 000 soldiers",
        "range",
        {"low": 25000, "high": 35000},
        "the figure 25000–35000 is not in",
    ),
    "other words": ("dozens of missiles", "exact", {"words": "several dozen"}, "the words 'several dozen' are not in"),
    "a total not in the quote": ("lost approximately 4 700", "about", {"value": 4700, "out_of": 15000}, "the total 15000"),
    "fewer than": (
        "Fewer than 6,000 died.",
        "exact",
        {"value": 6000},
        "the quote says 'Fewer than 6,000' but the figure is '6000' (no hedge says that: quote words that state the "
        "figure as a hedge does, or ask a maintainer for a new hedge)",
    ),
    "a negated hedge": ("Not over 600 died.", "more than", {"value": 600}, "the quote says 'Not over 600' but"),
    "a plus after": ("6,000+ died.", "exact", {"value": 6000}, "the quote says '6,000+' but"),
    "a tilde": ("~6000 died.", "exact", {"value": 6000}, "the quote says '~6000' but"),
    "m apart is a metre": ("5 m deep", "exact", {"value": 5_000_000}, "the figure 5000000 is not in"),
    "a compound number word": ("Twenty-five soldiers", "exact", {"value": 20}, "the figure 20 is not in"),
    "a vulgar fraction": ("Some 1½ million fled.", "exact", {"value": 2_000_000}, "the figure 2000000 is not in"),
    "a scale word is not left off the low end": (
        "10-12 thousand died.",
        "range",
        {"low": 10, "high": 12000},
        "the figure 10–12000",
    ),
}


@pytest.mark.parametrize("quote,hedge,figure,message", WRONG.values(), ids=WRONG.keys())
def test_a_figure_or_hedge_the_quote_does_not_say_is_a_problem(quote: str, hedge: str, figure: dict, message: str) -> None:
    problems = _problems(quote, hedge, **figure)
    assert len(problems) == 1 and problems[0].startswith(message), problems


def test_a_language_is_a_code_so_english_quotes_are_always_read_for_hedges() -> None:
    from factsite.kinds import LANGUAGE, Invalid

    assert [LANGUAGE.read(code, "language") for code in ("en", "uk", "en-GB", "zh-Hant-TW")] == [
        "en",
        "uk",
        "en-GB",
        "zh-Hant-TW",
    ]
    for bad in ("English", "eng lish", "EN", "e"):
        with pytest.raises(Invalid):
            LANGUAGE.read(bad, "language")


def test_a_quote_in_another_language_is_checked_for_its_number_not_its_hedge_words() -> None:
    assert _problems("نحو 1500 شخص", "about", "ar", value=1500) == []  # نحو: "about"; no Arabic hedge words here
    assert _problems("نحو 1600 شخص", "about", "ar", value=1500)[0].startswith("the figure about 1500 is not in")
    assert _problems("خمسة", "exact", "ar", value=5) == []  # a number in words the check cannot read


def test_a_worked_out_figure_is_not_looked_for_and_the_page_says_so(tmp_path: Path) -> None:
    facts = write_tree(
        tmp_path / "facts",
        {
            "sources.yaml": "sources:\n  - {id: s, title: T, publisher: unknown, published: 2025-01-02, language: en}\n",
            "questions/q.yaml": "question: {slug: q, ask: How many?, order: 1, measures: [{id: total, label: Total, unit: things}]}\n"
            "claims:\n  - id: c\n    figure: {hedge: exact, value: 30}\n"
            "    derived: The sum of the 10 and 20 the article gives for the two towns.\n"
            "    sources: [{source: s, quote: 10 in the first town and 20 in the second.}]\n",
        },
    )
    data = check(facts)
    page = render_site(data, derive(data))["q.md"]
    assert "worked out, not quoted" in page and "*Worked out, not quoted:* The sum of the 10 and 20" in page


def test_problem_lines_point_at_the_value_and_the_hedge(tmp_path: Path) -> None:
    fig = "hedge: about, value: 6000"
    facts = write_tree(
        tmp_path / "facts",
        {
            "sources.yaml": "sources:\n  - {id: s, title: T, publisher: unknown, published: 2025-01-02, language: en}\n",
            "questions/q.yaml": "question: {slug: q, ask: How many?, order: 1, measures: [{id: total, label: Total, unit: things}]}\n"
            "claims:\n"
            "  - id: hedged\n"
            "    figure:\n      hedge: about\n      value: 6000\n"
            '    sources: [{source: s, quote: "At least 6,000 died."}]\n'
            "  - id: wrong\n"
            "    figure:\n      hedge: about\n      value: 7000\n"
            f"    sources: [{{source: s, quote: {says(fig)}}}]\n",
        },
    )
    result = run_cli("check", "--facts", str(facts))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "facts/questions/q.yaml:5:14: the quote says 'At least 6,000' but the figure is 'about 6000' "
        "(write `hedge: at least`, as the quote does, or cite a quote whose own words say 'about')"
    )
    assert lines[1].startswith("facts/questions/q.yaml:11:14: the figure about 7000 is not in the claim's quote")
    assert lines[2] == "2 problem(s)."


# --- the questions agree --------------------------------------------------------------

RELATED = """\
parties:
  - {id: police, name: Police, kind: government}
  - {id: medics, name: Medics, kind: expert}
sources:
  - {id: s, title: T, publisher: unknown, published: 2025-05-02, language: en}
"""


def _related(tmp_path: Path, killed: str, hurt: str, at_most: str = "hurt/hurt") -> Path:
    return write_tree(
        tmp_path / "facts",
        {
            "base.yaml": RELATED,
            "questions/killed.yaml": "question:\n  slug: killed\n  ask: How many were killed?\n  order: 1\n"
            f"  measures: [{{id: killed, label: Killed, unit: people, at_most: [{at_most}]}}]\n"
            "claims:\n" + killed,
            "questions/hurt.yaml": "question:\n  slug: hurt\n  ask: How many were killed or hurt?\n  order: 2\n"
            "  measures: [{id: hurt, label: Killed or hurt, unit: people}]\n"
            "claims:\n" + hurt,
        },
    )


def _estimate(cid: str, fig: str, who: str, as_of: str = "") -> str:
    when = f"    as_of: {as_of}\n" if as_of else ""
    return f"  - id: {cid}\n    claimant: {who}\n{when}    figure: {{{fig}}}\n    sources: [{{source: s, quote: {says(fig)}}}]\n"


def test_one_origin_contradicting_itself_across_questions_is_a_problem(tmp_path: Path) -> None:
    facts = _related(
        tmp_path,
        _estimate("k", "hedge: at least, value: 6000", "police", "2025-04"),
        _estimate("h", "hedge: about, value: 4700", "police", "2025-04"),
    )
    with pytest.raises(FactsError) as raised:
        check(facts)
    assert [str(p) for p in raised.value.problems] == [
        "facts/questions/killed.yaml:10:21: claim 'k' (at least 6000 killed) and claim 'h' (about 4700 hurt/hurt) come "
        "from one origin and cannot both hold: 'killed' is at most 'hurt/hurt' (check both figures against their quotes; "
        "if they describe different dates, give each its `as_of`)"
    ]


def test_different_origins_disagreeing_across_questions_is_stated_on_both_pages(tmp_path: Path) -> None:
    facts = _related(
        tmp_path,
        _estimate("k", "hedge: at least, value: 6000", "police"),
        _estimate("h", "hedge: about, value: 4700", "medics", "2025-04"),
    )
    data, derived = checked(facts)
    assert [(c.lower.id, c.upper.id, c.same_origin, c.undated) for c in derived.clashes] == [("k", "h", False, True)]
    pages = render_site(data, derived)
    for name in ("killed.md", "hurt.md"):
        page = re.sub(r"\]\([^)]*\)|\[\^[^\]]*\]|\[|\*\*", "", pages[name])
        assert '!!! warning "Estimates that cannot both hold at one date"' in page
        assert (
            "Killed can be no more than Killed or hurt at the same date, so these estimates from different origins "
            "cannot both be right if they describe the same date (one of them gives no date of its own): at least "
            "6,000 people (Police, date not stated, reported 2 May 2025) for Killed, and about 4,700 people (Medics, "
            "as of Apr 2025) for Killed or hurt."
        ) in page


def test_dated_estimates_from_different_origins_cannot_both_be_right(tmp_path: Path) -> None:
    facts = _related(
        tmp_path,
        _estimate("k", "hedge: at least, value: 6000", "police", "2025-04"),
        _estimate("h", "hedge: about, value: 4700", "medics", "2025-04"),
    )
    data, derived = checked(facts)
    page = re.sub(r"\]\([^)]*\)|\[\^[^\]]*\]|\[|\*\*", "", render_site(data, derived)["killed.md"])
    assert "so these estimates from different origins cannot both be right: at least 6,000 people" in page


def test_one_origin_undated_is_stated_not_refused(tmp_path: Path) -> None:
    """Contributors leave out a date the source does not give: the pair may describe two
    dates, so `check` passes and the page states it."""
    facts = _related(
        tmp_path,
        _estimate("k", "hedge: at least, value: 6000", "police"),
        _estimate("h", "hedge: about, value: 4000", "police", "2025-04"),
    )
    data, derived = checked(facts)
    assert (
        "estimates from one origin cannot both be right if they describe the same date" in render_site(data, derived)["hurt.md"]
    )


@pytest.mark.parametrize(
    "killed,hurt",
    [
        ("hedge: at least, value: 6000", "hedge: more than, value: 4000"),  # no ceiling on the second
        ("hedge: up to, value: 6000", "hedge: about, value: 4700"),  # no floor on the first
        ("hedge: about, value: 5500", "hedge: about, value: 4700"),  # "about" is read generously
        ("hedge: exact, value: 4700", "hedge: exact, value: 4700"),  # equal is allowed
        ("hedge: exact, value: 6000", "hedge: exact, value: 5950"),  # "6,000" may be rounded from 5,950
    ],
)
def test_estimates_that_can_both_hold_are_not_a_contradiction(tmp_path: Path, killed: str, hurt: str) -> None:
    facts = _related(tmp_path, _estimate("k", killed, "police", "2025-04"), _estimate("h", hurt, "police", "2025-04"))
    assert checked(facts)[1].clashes == ()


def test_estimates_of_different_scopes_are_not_compared(tmp_path: Path) -> None:
    hurt = _estimate("h", "hedge: about, value: 4000", "medics", "2025-04") + "    scope: {place: one region}\n"
    facts = _related(tmp_path, _estimate("k", "hedge: at least, value: 6000", "police", "2025-04"), hurt)
    assert checked(facts)[1].clashes == ()


def test_thousands_of_estimates_that_never_meet_cost_a_bounded_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pair is below the floor but no dates meet: the walk stops at MAX_PAIRS."""
    import factsite.relations as relations

    def claim(cid: str, value: int, year: int) -> m.Claim:
        fig = m.Figure(hedge="exact", value=value)
        return m.Claim(id=cid, figure=fig, as_of=FuzzyDate.parse(str(year)), sources=(m.Citation(source="s", quote="q"),))

    n = 2 * int(relations.MAX_PAIRS**0.5)  # 4 x MAX_PAIRS pairs in all
    lower = tuple(claim(f"a{i}", 10_001, 2025) for i in range(n))
    upper = tuple(claim(f"b{i}", 101 + i, 2024) for i in range(n))
    origin = {c.id: frozenset({c.id}) for c in (*lower, *upper)}
    looked: list[int] = []
    original = relations.may_coincide
    monkeypatch.setattr(relations, "may_coincide", lambda a, b: looked.append(1) or original(a, b))
    assert relations.clashes(relations.Relation(("a", "m"), ("b", "m")), lower, upper, origin) == []
    assert len(looked) == relations.MAX_PAIRS


@pytest.mark.parametrize(
    "units",
    [("people", "% of people"), ("US$", "people"), ("US$", "€")],
    ids=["a count and a share", "money and a count", "two currencies"],
)
def test_a_relation_between_different_kinds_of_quantity_is_a_problem(tmp_path: Path, units: tuple[str, str]) -> None:
    one = "hedge: exact, value: 1"
    facts = _related(tmp_path, _estimate("k", one, "police"), _estimate("h", one, "police"))
    for name, unit in zip(("killed", "hurt"), units, strict=True):
        path = facts / "questions" / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("unit: people", f'unit: "{unit}"'), encoding="utf-8")
    result = run_cli("check", "--facts", str(facts))
    assert "cannot be compared (relate measures of one kind only)" in result.stderr, result.stderr


def test_estimates_of_different_dates_are_not_compared(tmp_path: Path) -> None:
    facts = _related(
        tmp_path,
        _estimate("k", "hedge: at least, value: 6000", "police", "2025-09"),
        _estimate("h", "hedge: about, value: 4700", "police", "2025-04"),
    )
    assert checked(facts)[1].clashes == ()


@pytest.mark.parametrize(
    "at_most,message",
    [
        ("hurts/hurt", "facts/questions/killed.yaml:5:66: 'at_most' names an unknown question 'hurts' (did you mean 'hurt'?)"),
        ("hurt/hurts", "facts/questions/killed.yaml:5:66: question 'hurt' has no measure 'hurts' (did you mean 'hurt'?)"),
        ("killed", "facts/questions/killed.yaml:5:66: a measure cannot be 'at_most' itself (name another measure, or delete it)"),
        (
            "../hurt",
            "facts/questions/killed.yaml:5:66: 'at_most' is not a measure: its id in this question, or "
            "`question-slug/measure-id` in another: '../hurt' (e.g. `killed-or-wounded/killed-or-wounded`)",
        ),
    ],
)
def test_a_relation_to_a_measure_that_does_not_exist_is_a_problem(tmp_path: Path, at_most: str, message: str) -> None:
    one = "hedge: exact, value: 1"
    facts = _related(tmp_path, _estimate("k", one, "police"), _estimate("h", one, "police"), at_most)
    result = run_cli("check", "--facts", str(facts))
    assert result.returncode == 1 and result.stderr.splitlines()[0] == message, result.stderr


# --- the quote is in the source ---------------------------------------------------------

ARTICLE = (
    "Kyiv — “The ministry said at least 1,200 people had died,” a spokes\u00adman’s statement read.\n"
    "Officials\u00a0counted them –\nin the valley. Caf\u0065\u0301 owners fled. Захід закрито.\u200b\n"
)
QUOTES = {
    "as written": ("Захід закрито.", ()),
    "quotation marks": ('"The ministry said at least 1,200 people had died,"', ("quotation marks",)),
    "an apostrophe and a soft hyphen": ("a spokesman's statement read", ("soft hyphens", "apostrophes")),
    "spaces, a line break and a dash": ("Officials counted them - in the valley.", ("dashes", "whitespace")),
    "a decomposed accent": ("Café owners fled.", ("Unicode form",)),
}


def _saved(tmp_path: Path, quotes: list[str], text: str = ARTICLE, digest: str | None = None) -> tuple[Path, Path]:
    folder = tmp_path / "snapshots"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.txt").write_text(text, encoding="utf-8")
    digest = digest or hashlib.sha256(text.encode()).hexdigest()
    events = "".join(
        f"  - id: e{i}\n    actor: p\n    kind: stated\n    summary: S.\n    questions: [t]\n"
        f"    sources:\n      - source: s\n        quote: '{q.replace(chr(39), chr(39) * 2)}'\n"
        for i, q in enumerate(quotes)
    )
    facts = write_tree(
        tmp_path / "facts",
        {
            "base.yaml": "parties: [{id: p, name: P, kind: expert}]\nsources:\n"
            "  - id: s\n    title: T\n    publisher: unknown\n    published: 2025-01-02\n    language: en\n"
            f"    snapshot:\n      file: article.txt\n      sha256: {digest}\n",
            "questions/t.yaml": "question: {slug: t, ask: Who said what?, order: 1, kind: timeline}\n",
            "events.yaml": "events:\n" + events,
        },
    )
    return facts, folder


def test_every_rule_the_issue_names_is_a_rule() -> None:
    assert set(RULE_NAMES) >= {"whitespace", "quotation marks", "apostrophes", "dashes", "soft hyphens", "Unicode form"}


def test_quotes_match_through_the_normalisation_rules_each_names(tmp_path: Path) -> None:
    facts, folder = _saved(tmp_path, [q for q, _ in QUOTES.values()])
    result = verify(check(facts), folder, explain=True)
    assert result.problems == [] and set(result.verified) == {"s"}
    assert {q.quote: q.rules for q in result.quotes} == {q: tuple(x for x in RULE_NAMES if x in r) for q, r in QUOTES.values()}


def test_a_different_letter_is_never_normalised_away(tmp_path: Path) -> None:
    facts, folder = _saved(tmp_path, ["Захiд закрито."], ARTICLE)  # a Latin i for the Cyrillic і
    assert [p.message for p in verify(check(facts), folder).problems][0].startswith("the quote is not in the saved copy")
    facts, folder = _saved(tmp_path / "b", ["Зaхід закрито."], ARTICLE.replace("Захід", "Зй"))
    assert verify(check(facts), folder).problems
    facts, folder = _saved(tmp_path / "c", ["Cafe owners fled."])  # é is not e
    assert verify(check(facts), folder).problems


@pytest.mark.parametrize(
    "quote,text",
    [
        ("the war killed 6,000", "Officials said the war killed 6,000,000 people."),  # part of a larger number
        ("5 soldiers died", "The 15 soldiers died."),
        ("killed 6,000", "killed 6,000.5 people"),
        ("fe owners", "Cafe owners"),  # the end of another word
        ("Cafe", "Cafe\u0301 owners"),  # a letter the accent belongs to
    ],
    ids=["a larger number", "a longer number", "a decimal", "inside a word", "before an accent"],
)
def test_a_quote_is_found_only_as_whole_words(tmp_path: Path, quote: str, text: str) -> None:
    facts, folder = _saved(tmp_path, [quote], text)
    assert [p.message.split(":")[0] for p in verify(check(facts), folder).problems] == [
        "the quote is not in the saved copy of source 's' (article.txt)"
    ]


def test_a_quote_not_in_the_copy_is_a_problem_line_at_the_quote(tmp_path: Path) -> None:
    facts, folder = _saved(tmp_path, ["Officials counted them in the valley."])
    result = run_cli("verify", "--facts", str(facts), "--snapshots", str(folder))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "facts/events.yaml:9:16: the quote is not in the saved copy of source 's' (article.txt): it matches up to "
        "'…Officials counted them ' and then differs at 'in the valley.' (copy it again from the source, exactly as written)",
        "1 problem(s).",
    ]


def test_a_changed_copy_is_a_problem_at_its_hash(tmp_path: Path) -> None:
    facts, folder = _saved(tmp_path, ["Захід закрито."], digest="0" * 64)
    problems = [str(p) for p in verify(check(facts), folder).problems]
    assert problems == [
        f"facts/base.yaml:10:15: snapshot 'article.txt' has SHA-256 {hashlib.sha256(ARTICLE.encode()).hexdigest()}, not the "
        f"{'0' * 64} recorded (the saved copy changed since it was recorded: restore it, or capture the source again)"
    ]


def test_a_missing_copy_a_link_and_a_pipe_are_problems_and_nothing_hangs(tmp_path: Path) -> None:
    facts, folder = _saved(tmp_path, ["Захід закрито."])
    (folder / "article.txt").unlink()
    assert "is not in the snapshot folder" in verify(check(facts), folder).problems[0].message
    (tmp_path / "elsewhere.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "article.txt").symlink_to(tmp_path / "elsewhere.txt")
    assert "is a link" in verify(check(facts), folder).problems[0].message
    (folder / "article.txt").unlink()
    os.mkfifo(folder / "article.txt")
    assert "is not a file" in verify(check(facts), folder).problems[0].message


def test_a_snapshot_name_cannot_leave_the_folder(tmp_path: Path) -> None:
    facts, folder = _saved(tmp_path, ["Захід закрито."])
    base = facts / "base.yaml"
    base.write_text(base.read_text(encoding="utf-8").replace("file: article.txt", "file: ../../etc/passwd"), encoding="utf-8")
    result = run_cli("verify", "--facts", str(facts), "--snapshots", str(folder))
    assert result.returncode == 1 and "'file' is not a plain file name" in result.stderr, result.stderr


def test_a_cited_source_with_no_copy_fails_verify_but_not_the_build(tmp_path: Path) -> None:
    data = check(QUAKE / "facts")
    result = verify(data, QUAKE / "snapshots")
    assert result.problems == []
    assert [p.message for p in result.unsaved] == ["source 'insurer-note' has no snapshot, so its 1 quote(s) cannot be checked"]
    assert set(result.verified) == {"wire-2031-03-02", "arabic-daily-2031-03-03"}
    cli = run_cli("verify", "--facts", str(QUAKE / "facts"), "--project", str(QUAKE))
    assert cli.returncode == 1 and "insurer-note" in cli.stderr


def test_the_pages_say_which_quotes_were_verified_and_when(quake_site: Path) -> None:
    page = (quake_site / "answers" / "damage" / "index.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "When this page was built, a machine found the quotes of 1 of the 2 sources cited here, word for word" in text
    assert (
        "Quotes checked when this page was built: each quote above was found, word for word, in a saved copy of this "
        "source (saved 2 Mar 2031)."
    ) in text
    assert "Quotes not checked by machine: no saved copy of this source is recorded." in text


def test_a_build_without_the_copies_says_it_verified_nothing(tmp_path: Path) -> None:
    from factsite.pipeline import generate

    out = tmp_path / "answers"
    generate(QUAKE / "facts", out, project=QUAKE, snapshots=tmp_path / "absent")
    page = (out / "damage.md").read_text(encoding="utf-8")
    assert "*Quotes not checked in this build: it had no saved copies of the sources to check them against.*" in page
    assert "Quotes not checked in this build: a saved copy of this source is recorded" in page
