"""Pure functions from a Dataset to what the pages show: current estimates, ranges, order.

Nothing here formats text or touches files. Every result is sorted, so the same
Dataset always derives the same views.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import model as m
from .dates import FuzzyDate
from .relations import Clash, clashes, relations


@dataclass(frozen=True)
class When:
    """A claim's as-of date or an event's date, or, when the text gives none, the
    earliest publication date among its sources (shown as "reported …")."""

    date: FuzzyDate | None
    reported: FuzzyDate | None

    @property
    def effective(self) -> FuzzyDate | None:
        return self.date or self.reported

    def sort_key(self) -> tuple:
        """Dated things in time order; things with no date at all last."""
        effective = self.effective
        return (0, effective.sort_key()) if effective else (1,)


def when(record: m.Claim | m.Event, sources: dict[str, m.Source]) -> When:
    own = record.as_of if isinstance(record, m.Claim) else record.date
    published = [s.published for c in record.sources if (s := sources[c.source]).published]
    reported = min(published, key=FuzzyDate.sort_key) if published else None
    return When(own, None if own else reported)


@dataclass(frozen=True)
class Range:
    """The spread of current numeric estimates of one measure."""

    low: float
    high: float
    lowest: tuple[m.Claim, ...]
    highest: tuple[m.Claim, ...]


@dataclass(frozen=True)
class MeasureView:
    measure: m.Measure
    claims: tuple[m.Claim, ...]
    """Every claim of this measure in time order, superseded ones included."""
    current: tuple[m.Claim, ...]
    """Each claimant's latest claim that no later claim revises, in time order."""
    range: Range | None
    """None when no current claim has a number (only figures in words, or none)."""
    origins: tuple[tuple[m.Claim, ...], ...] = ()
    """The current claims grouped by independent origin (see `origins`), largest group first."""

    @property
    def by_value(self) -> tuple[m.Claim, ...]:
        """The current claims from lowest to highest (see `value_key`); figures in words last."""
        return tuple(sorted(self.current, key=value_key))


@dataclass(frozen=True)
class QuestionView:
    question: m.Question
    measures: tuple[MeasureView, ...]
    events: tuple[m.Event, ...]
    """Events that bear on this question, in time order."""

    @property
    def headline(self) -> MeasureView | None:
        return self.measures[0] if self.measures else None

    confirmations: tuple[m.Event, ...] = ()
    """The events whose kind the site's vocabulary marks as confirming (`confirms: true`)."""


@dataclass(frozen=True)
class Derived:
    questions: tuple[QuestionView, ...]
    events: tuple[m.Event, ...]
    claim_when: dict[str, When]
    event_when: dict[str, When]
    superseded_by: dict[str, tuple[str, ...]]
    """Claim id -> ids of the later claims that revise it."""
    claims_by_source: dict[str, tuple[m.Claim, ...]]
    events_by_source: dict[str, tuple[m.Event, ...]]
    claims_by_claimant: dict[str, tuple[m.Claim, ...]]
    claims_citing: dict[str, tuple[m.Claim, ...]]
    events_by_actor: dict[str, tuple[m.Event, ...]]
    clashes: tuple[Clash, ...] = ()
    """Current estimates of related measures (`at_most:`) that cannot both hold."""


def claimant_key(claim: m.Claim) -> str:
    """Who a claim belongs to for "latest per claimant": its claimant, or for an
    unattributed claim, the source that states it in its own voice."""
    return claim.claimant or "source:" + claim.sources[0].source


def current_estimates(claims: list[m.Claim], dates: dict[str, When], superseded: set[str]) -> list[m.Claim]:
    """Each claimant's latest claim not superseded; ties (same date) all stay current."""
    groups: dict[str, list[m.Claim]] = defaultdict(list)
    for claim in claims:
        if claim.id not in superseded:
            groups[claimant_key(claim)].append(claim)
    current: list[m.Claim] = []
    for group in groups.values():
        # Rank dated claims above undated ones, later above earlier.
        rank = [(_recency(dates[c.id]), c) for c in group]
        best = max(r for r, _ in rank)
        current.extend(c for r, c in rank if r == best)
    return current


def _recency(w: When) -> tuple:
    effective = w.effective
    return (1, effective.sort_key()) if effective else (0,)


def estimate_range(current: list[m.Claim]) -> Range | None:
    numeric = [(c.figure.bounds, c) for c in current if c.figure.bounds is not None]
    if not numeric:
        return None
    low = min(b[0] for b, _ in numeric)
    high = max(b[1] for b, _ in numeric)
    return Range(
        low=low,
        high=high,
        lowest=tuple(c for b, c in numeric if b[0] == low),
        highest=tuple(c for b, c in numeric if b[1] == high),
    )


def value_key(claim: m.Claim) -> tuple:
    """Order of estimates by value: by the lower end of what each says (a floor's value, a
    ceiling's value, a range's low), then the upper end, then id; figures in words last."""
    bounds = claim.figure.bounds
    return (0, bounds[0], bounds[1], claim.id) if bounds else (1, 0, 0, claim.id)


def origin_keys(claim: m.Claim, sources: dict[str, m.Source]) -> set[str]:
    """Where a claim's figure may come from: its claimant and every party it cites; for a
    claim stated in an article's own voice (no claimant), the articles themselves and the
    agencies they say they relay. (An article that relays an agency also quotes others:
    a claim with a claimant is that claimant's, not the agency's.)"""
    keys = {f"party:{p}" for p in (claim.claimant, *claim.cited) if p}
    if claim.claimant is None:
        keys |= {f"source:{c.source}" for c in claim.sources}
        keys |= {f"party:{r}" for c in claim.sources for r in sources[c.source].relays}
    return keys


def origins(claims: tuple[m.Claim, ...], sources: dict[str, m.Source]) -> tuple[tuple[m.Claim, ...], ...]:
    """Group estimates that trace to the same origin: two estimates share an origin when
    their `origin_keys` meet (the same claimant; one citing the other's claimant or a
    party the other cites; sources relaying the same agency), and sharing is transitive.
    Estimates in one group are one origin repeated, not independent confirmations.

    Union-find over the keys: linear in the number of claims and keys."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    anchor = {}
    for claim in claims:
        keys = sorted(origin_keys(claim, sources)) or [f"claim:{claim.id}"]
        root = find(keys[0])
        for key in keys[1:]:
            parent[find(key)] = root
        anchor[claim.id] = keys[0]
    groups: dict[str, list[m.Claim]] = defaultdict(list)
    for claim in claims:
        groups[find(anchor[claim.id])].append(claim)
    ordered = [tuple(sorted(g, key=value_key)) for g in groups.values()]
    return tuple(sorted(ordered, key=lambda g: (-len(g), value_key(g[0]))))


def _chrono(records: list, dates: dict[str, When]) -> tuple:
    return tuple(sorted(records, key=lambda r: (dates[r.id].sort_key(), r.id)))


def _index(pairs: list[tuple[str, object]], dates: dict[str, When]) -> dict[str, tuple]:
    grouped: dict[str, dict[str, object]] = defaultdict(dict)
    for key, record in pairs:
        grouped[key][record.id] = record  # type: ignore[attr-defined]
    return {key: _chrono(list(records.values()), dates) for key, records in sorted(grouped.items())}


def _clashes(data: m.Dataset, views: list[QuestionView], sources: dict[str, m.Source]) -> tuple[Clash, ...]:
    declared = relations(data.questions)
    if not declared:
        return ()
    current = {(v.question.slug, mv.measure.id): mv.current for v in views for mv in v.measures}
    origin = {c.id: frozenset(origin_keys(c, sources)) for estimates in current.values() for c in estimates}
    found: list[Clash] = []
    for relation in declared:
        if relation.lower in current and relation.upper in current:  # validate.py reported any other
            found.extend(clashes(relation, current[relation.lower], current[relation.upper], origin))
    return tuple(found)


def derive(data: m.Dataset) -> Derived:
    confirming = data.vocabulary.confirming if data.vocabulary else frozenset()
    sources = {s.id: s for s in data.sources}
    claim_when = {c.id: when(c, sources) for c in data.claims}
    event_when = {e.id: when(e, sources) for e in data.events}
    revisers: dict[str, list[str]] = defaultdict(list)
    for claim in data.claims:
        if claim.revises:
            revisers[claim.revises].append(claim.id)
    superseded_by = {k: tuple(sorted(v)) for k, v in sorted(revisers.items())}
    revised = set(superseded_by)  # once: a set per measure made the loop below measures × revisions

    by_question: dict[str, list[m.Claim]] = defaultdict(list)
    for claim in data.claims:
        by_question[claim.question].append(claim)
    events_by_question: dict[str, list[m.Event]] = defaultdict(list)
    for event in data.events:
        for slug in event.questions:
            events_by_question[slug].append(event)

    views = []
    for question in data.questions:
        by_measure: dict[str, list[m.Claim]] = defaultdict(list)
        for claim in by_question[question.slug]:  # one pass: filtering per measure was quadratic
            measure = question.measure(claim.measure)
            if measure is not None:
                by_measure[measure.id].append(claim)
        measures = []
        for measure in question.measures:
            claims = by_measure[measure.id]
            current = current_estimates(claims, claim_when, revised)
            current_view = _chrono(current, claim_when)
            measures.append(
                MeasureView(
                    measure,
                    _chrono(claims, claim_when),
                    current_view,
                    estimate_range(current),
                    origins(current_view, sources),
                )
            )
        events = _chrono(events_by_question[question.slug], event_when)
        views.append(QuestionView(question, tuple(measures), events, tuple(e for e in events if e.kind in confirming)))

    return Derived(
        clashes=_clashes(data, views, sources),
        questions=tuple(views),
        events=_chrono(list(data.events), event_when),
        claim_when=claim_when,
        event_when=event_when,
        superseded_by=superseded_by,
        claims_by_source=_index([(c.source, claim) for claim in data.claims for c in claim.sources], claim_when),
        events_by_source=_index([(c.source, event) for event in data.events for c in event.sources], event_when),
        claims_by_claimant=_index([(c.claimant, c) for c in data.claims if c.claimant], claim_when),
        claims_citing=_index([(p, c) for c in data.claims for p in c.cited], claim_when),
        events_by_actor=_index([(e.actor, e) for e in data.events], event_when),
    )
