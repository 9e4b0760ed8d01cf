"""Records from every file -> one consistent Dataset, or the list of what is wrong.

Checks that need the whole dataset: ids unique, every reference resolves, figures
make sense with their hedge, revisions point backwards within one measure.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import model as m
from .errors import FactsError, Problem
from .kinds import currency_mark, plain, suggest
from .load import Loaded, QuoteChecks, RefUse
from .model import Loc
from .outputs import RESERVED_SLUGS, clash, fixed, question_owner, question_page
from .quotecheck import claim_problems
from .relations import resolve

SINGULAR = {"parties": "party", "sources": "source", "claims": "claim", "questions": "question", "events": "event"}


def _unique(items: Iterable[Any], key: str, what: str, problems: list[Problem]) -> dict[str, Any]:
    """Index records by id, reporting each id used twice (with the first place)."""
    index: dict[str, Any] = {}
    for item in items:
        ident = getattr(item, key)
        if ident in index:
            first = index[ident].at(key)
            problems.append(
                Problem(item.at(key), f"duplicate {what} id '{ident}' (first used at {first})", "give each one its own id")
            )
        else:
            index[ident] = item
    return index


def _duplicates(declared: list[RefUse], problems: list[Problem]) -> None:
    """Every id declared twice in one collection, whether or not its records loaded."""
    first: dict[tuple[str, str], Loc] = {}
    for use in sorted(declared, key=lambda u: u.loc):
        place = first.setdefault((use.target, use.ident), use.loc)
        if place != use.loc:
            what = SINGULAR.get(use.target, use.target.rstrip("s"))
            problems.append(
                Problem(use.loc, f"duplicate {what} id '{use.ident}' (first used at {place})", "give each one its own id")
            )


def _index(records: Iterable[Any], key: str) -> dict[str, Any]:
    """Records by id; the first wins (duplicates are reported by _duplicates)."""
    index: dict[str, Any] = {}
    for record in records:
        index.setdefault(getattr(record, key), record)
    return index


HINTED = 100
"""Unknown ids that get a "did you mean": each hint compares the id with every known one,
so thousands of unknown ids against thousands of records would cost their product."""


def _check_refs(refs: list[RefUse], known: dict[str, Any], broken: dict[str, set[str]], problems: list[Problem]) -> None:
    ordered: dict[str, list[str]] = {}  # each target's ids sorted once, not once per unknown id
    hinted = 0
    for ref in refs:
        if ref.target not in known or ref.ident in known[ref.target] or ref.ident in broken.get(ref.target, ()):
            continue  # measures are checked per question, in _check_claim
        hint = ""
        if hinted < HINTED:
            hinted += 1
            ids = ordered.setdefault(ref.target, sorted(known[ref.target]))
            hint = suggest(ref.ident, ids)
        hint = hint or f"add it to the {ref.target} or fix the spelling"
        problems.append(Problem(ref.loc, f"unknown {SINGULAR[ref.target]} id '{ref.ident}'", hint))


def _check_figure(claim: m.Claim, problems: list[Problem]) -> bool:
    """Whether the figure is well formed (else its problems are added)."""
    before = len(problems)
    _check_figure_shape(claim, problems)
    return len(problems) == before


def _check_figure_shape(claim: m.Claim, problems: list[Problem]) -> None:
    fig = claim.figure
    at = fig.loc
    has_value, has_range, has_words = fig.value is not None, fig.low is not None or fig.high is not None, fig.words is not None
    if has_value + has_range + has_words != 1:
        problems.append(
            Problem(
                at,
                "a figure needs exactly one of: value, low and high, or words",
                "e.g. `value: 15000`, or `low: 25000` with `high: 30000`",
            )
        )
        return
    if has_range:
        if fig.low is None or fig.high is None:
            missing = "high" if fig.high is None else "low"
            problems.append(Problem(at, f"a range needs both low and high; '{missing}' is missing", f"add `{missing}:`"))
            return
        if fig.low >= fig.high:
            problems.append(
                Problem(
                    fig.at("high"),
                    f"'high' ({plain(fig.high)}) must be greater than 'low' ({plain(fig.low)})",
                    "swap them, or use `value:` for a single number",
                )
            )
        if fig.hedge not in m.RANGE_HEDGES:
            problems.append(
                Problem(
                    fig.at("hedge"),
                    f"hedge '{fig.hedge}' does not go with a low–high range",
                    "use " + " or ".join(f"`{h}`" for h in m.RANGE_HEDGES),
                )
            )
    elif not m.HEDGE[fig.hedge].takes_value:
        problems.append(
            Problem(
                fig.at("hedge"),
                f"hedge '{fig.hedge}' needs `low:` and `high:` instead of a single value",
                "give low and high, or choose another hedge",
            )
        )
    if has_words and fig.hedge != "exact":
        problems.append(
            Problem(fig.at("hedge"), "a figure in words takes hedge 'exact' (the words carry the hedge)", "write `hedge: exact`")
        )
    top = fig.high if has_range else fig.value
    if fig.out_of is not None and top is not None and fig.out_of < top:
        problems.append(
            Problem(fig.at("out_of"), f"'out_of' ({plain(fig.out_of)}) is smaller than the figure", "check the numbers")
        )


def _check_source(source: m.Source, problems: list[Problem]) -> None:
    if (source.title is None) == (source.descriptive_title is None):
        problems.append(
            Problem(
                source.loc,
                f"source '{source.id}' needs exactly one of 'title' or 'descriptive_title'",
                "use `title` for a real headline, `descriptive_title` when there is none",
            )
        )


def _check_question(question: m.Question, problems: list[Problem]) -> None:
    if question.slug in RESERVED_SLUGS:  # found here too, so `check` reports it without rendering
        page = question_page(question.slug)
        problems.append(clash(question_owner(question), page, fixed(page)))
    if question.kind == "figures" and not question.measures:
        problems.append(
            Problem(
                question.loc,
                f"question '{question.slug}' answers with figures but lists no measures",
                "add `measures:` with at least one `id`, `label` and `unit`",
            )
        )
    if question.kind == "timeline" and question.measures:
        problems.append(
            Problem(question.at("measures"), "a timeline question has no measures", "delete `measures:` or use `kind: figures`")
        )
    _unique(question.measures, "id", "measure", problems)


def _quantity(unit: str) -> str:
    """What a unit measures, for comparing two measures: money in one currency, a share,
    or a count (of soldiers or of troops alike)."""
    mark = currency_mark(unit)
    return f"money in {mark}" if mark else "share" if unit.startswith("%") else "count"


def _check_relations(questions: dict[str, m.Question], problems: list[Problem]) -> None:
    """Every `at_most:` names a measure that exists, and not its own."""
    for question in questions.values():
        for measure in question.measures:
            for i, path in enumerate(measure.at_most):
                slug, measure_id = resolve(question, path)
                at = measure.at(f"at_most.{i}")
                other = questions.get(slug)
                if other is None:
                    hint = suggest(slug, sorted(questions)) or "write `question-slug/measure-id`"
                    problems.append(Problem(at, f"'at_most' names an unknown question '{slug}'", hint))
                elif other.measure(measure_id) is None or not other.measures:
                    ids = [x.id for x in other.measures]
                    hint = suggest(measure_id, ids) or ("its measures: " + ", ".join(ids) if ids else "it has no measures")
                    problems.append(Problem(at, f"question '{slug}' has no measure '{measure_id}'", hint))
                elif (slug, measure_id) == (question.slug, measure.id):
                    problems.append(Problem(at, "a measure cannot be 'at_most' itself", "name another measure, or delete it"))
                elif _quantity(unit := other.measure(measure_id).unit) != _quantity(measure.unit):  # type: ignore[union-attr]
                    problems.append(
                        Problem(
                            at,
                            f"'{measure.id}' is in {measure.unit}, '{path}' in {unit}: a count, a share and an amount "
                            "of money cannot be compared",
                            "relate measures of one kind only",
                        )
                    )


def _check_claim(claim: m.Claim, question: m.Question, problems: list[Problem]) -> None:
    if question.kind == "timeline":
        problems.append(
            Problem(
                claim.loc,
                f"question '{question.slug}' is a timeline; it takes events, not claims",
                "move the figure to a figures question",
            )
        )
        return
    if question.measure(claim.measure) is not None:
        return
    ids = [x.id for x in question.measures]
    if claim.measure is None:
        problems.append(
            Problem(
                claim.loc, f"claim '{claim.id}' must say which measure it is", "add `measure:` with one of: " + ", ".join(ids)
            )
        )
    else:
        hint = suggest(claim.measure, ids) or "measures of this question: " + ", ".join(ids)
        problems.append(Problem(claim.at("measure"), f"question '{question.slug}' has no measure '{claim.measure}'", hint))


def _check_revision(claim: m.Claim, claims: dict[str, m.Claim], problems: list[Problem]) -> None:
    if claim.revises is None or claim.revises not in claims:
        return
    earlier = claims[claim.revises]
    if earlier.id == claim.id:
        problems.append(Problem(claim.at("revises"), "a claim cannot revise itself", "point `revises:` at the earlier claim"))
    elif (earlier.question, earlier.measure) != (claim.question, claim.measure):
        problems.append(
            Problem(
                claim.at("revises"),
                f"claim '{claim.id}' revises '{earlier.id}', which answers another question or measure",
                "a revision must count the same thing",
            )
        )


def _revision_cycles(claims: dict[str, m.Claim], problems: list[Problem]) -> None:
    """Report every claim on a circle of revisions.

    Each claim is walked once (a claim already placed on a walk ends the next walk):
    walking every chain from every claim was quadratic in a long chain of revisions."""
    done: set[str] = set()
    for start in claims.values():
        path: dict[str, None] = {}
        current: m.Claim | None = start
        while current is not None and current.id not in done and current.id not in path:
            path[current.id] = None
            current = claims.get(current.revises) if current.revises else None
        if current is not None and current.id in path and current.revises != current.id:
            members = list(path)
            for ident in members[members.index(current.id) :]:  # every claim on the circle
                problems.append(
                    Problem(
                        claims[ident].at("revises"),
                        f"claims revise each other in a circle starting at '{ident}'",
                        "the oldest claim must have no `revises:`",
                    )
                )
        done.update(path)


def _unique_orders(questions: Iterable[m.Question], problems: list[Problem]) -> None:
    first: dict[int, m.Question] = {}
    for question in sorted(questions, key=lambda q: q.loc):
        if question.order in first:
            other = first[question.order]
            problems.append(
                Problem(
                    question.at("order"),
                    f"questions '{other.slug}' and '{question.slug}' share order {question.order}",
                    "give each question its own place on the home page",
                )
            )
        else:
            first[question.order] = question


def _quote_problems(claim: m.Claim, languages: dict[str, str], kept: QuoteChecks | None) -> list[Problem]:
    """`claim_problems`, from ``kept`` when this very claim was checked with the same
    source languages before (the live preview: only the saved file's claims are new)."""
    if kept is None:
        return claim_problems(claim, languages)
    langs = tuple(languages.get(c.source) for c in claim.sources)
    before = kept.get(id(claim))
    if before is not None and before[0] is claim and before[1] == langs:
        return before[2]
    found = claim_problems(claim, languages)
    kept[id(claim)] = (claim, langs, found)
    return found


def build_dataset(loaded: Loaded) -> m.Dataset:
    """Merge loaded files into one Dataset, or raise FactsError with every problem.

    Ids of records that failed to load (already reported) are taken to exist, so
    references to them raise no second, misleading problem.
    """
    files = loaded.files
    problems: list[Problem] = []
    _duplicates(loaded.declared, problems)
    questions = _index((f.question for f in files if f.question), "slug")
    claims = _index((c for f in files for c in f.claims), "id")
    events = _index((e for f in files for e in f.events), "id")
    sources = _index((s for f in files for s in f.sources), "id")
    parties = _index((p for f in files for p in f.parties), "id")
    _unique_orders(questions.values(), problems)

    known = {"questions": questions, "claims": claims, "sources": sources, "parties": parties}
    _check_refs(loaded.refs, known, loaded.broken, problems)
    for source in sources.values():
        _check_source(source, problems)
    for question in questions.values():
        _check_question(question, problems)
    _check_relations(questions, problems)
    languages = {s.id: s.language for s in sources.values()}
    for claim in claims.values():
        if claim.question in questions:  # else its question failed to load, already reported
            _check_claim(claim, questions[claim.question], problems)
        if _check_figure(claim, problems):  # a malformed figure is not looked for in its quotes
            problems.extend(_quote_problems(claim, languages, loaded.quote_checks))
        _check_revision(claim, claims, problems)
    if loaded.quote_checks is not None:  # forget claims no longer there
        for gone in loaded.quote_checks.keys() - {id(c) for c in claims.values()}:
            del loaded.quote_checks[gone]
    _revision_cycles(claims, problems)
    if problems or loaded.problems:  # never assemble a dataset from records that failed to load
        raise FactsError(problems)
    return m.Dataset(
        questions=tuple(sorted(questions.values(), key=lambda q: (q.order, q.slug))),
        claims=tuple(sorted(claims.values(), key=lambda c: c.id)),
        events=tuple(sorted(events.values(), key=lambda e: e.id)),
        sources=tuple(sorted(sources.values(), key=lambda s: s.id)),
        parties=tuple(sorted(parties.values(), key=lambda p: p.id)),
        question_files={q.slug: q.loc.path for q in questions.values()},
        vocabulary=loaded.vocabulary,
    )
