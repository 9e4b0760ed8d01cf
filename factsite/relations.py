"""The questions agree: estimates of related measures that cannot both be true.

A measure may declare `at_most:` other measures (killed ≤ killed or wounded ≤ troops
sent). Two current estimates clash when the lowest the first allows is above the
highest the second allows, and they may describe the same moment (dates overlap, or
one states none). What each hedge allows is read from its bound in the hedge table:
"at least 6,000" allows 6,000 and more; "about 4,700" is read generously, as anything
from 4,700 ÷ 1.25 to 4,700 × 1.25, so that only a clear contradiction is called one.

Estimates are compared only when their scopes are the same (a count for one region
is not a count for the whole). An exact round figure is read as rounded ("6,000" as
5,500 to 6,500). A clash between dated estimates of one origin is an error in the
data (`check` reports it); any other is a disagreement the pages state, as a possible
one when either states no date.

Pure: no I/O. Output-sensitive: each relation sorts the second measure's estimates
once and walks only the pairs that clash, up to `MAX_CLASHES`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from dataclasses import dataclass

from . import model as m
from .dates import FuzzyDate
from .errors import Problem
from .quotecheck import written

ABOUT = 1.25
"""How far "about x" is read to stretch either way, for comparisons only."""
MAX_CLASHES = 200
"""Clashes kept per relation; more than this says the relation itself is wrong."""
MAX_PAIRS = 100_000
"""Pairs of estimates looked at per relation, so thousands of estimates on each side
whose dates never meet cost a bounded time rather than their product."""


@dataclass(frozen=True)
class Relation:
    """``lower`` can never exceed ``upper`` at the same date (question slug, measure id)."""

    lower: tuple[str, str]
    upper: tuple[str, str]


@dataclass(frozen=True)
class Clash:
    """Two current estimates a declared relation says cannot both hold."""

    relation: Relation
    lower: m.Claim
    """The estimate of the measure that can be no larger: it says more than ``upper`` allows."""
    upper: m.Claim
    same_origin: bool
    undated: bool
    """One or both state no date of their own, so they may describe different dates."""


def resolve(question: m.Question, path: str) -> tuple[str, str]:
    """An `at_most:` entry as (question slug, measure id): `measure` or `question/measure`."""
    slug, _, measure = path.rpartition("/")
    return (slug or question.slug, measure)


def relations(questions: tuple[m.Question, ...]) -> tuple[Relation, ...]:
    found = {
        Relation((q.slug, measure.id), resolve(q, path)) for q in questions for measure in q.measures for path in measure.at_most
    }
    return tuple(sorted(found, key=lambda r: (r.lower, r.upper)))


def bounds(fig: m.Figure) -> tuple[float, float] | None:
    """The lowest and highest true value ``fig`` allows; None for a figure in words."""
    nominal = fig.bounds
    if nominal is None:
        return None
    low, high = nominal
    kind = m.HEDGE[fig.hedge].bound
    if kind == "floor":
        return (low, math.inf)
    if kind == "ceiling":
        return (0.0, high)
    if kind == "about":
        return (low / ABOUT, high * ABOUT)
    return (low - _rounding(low), high + _rounding(high))  # exact, range


def _rounding(value: float) -> float:
    """Half a unit of a round figure's last non-zero digit: "6,000" may be 5,500 to 6,500
    rounded, "5,950" only 5,945 to 5,955; 0 for a figure with no trailing zero."""
    if not float(value).is_integer() or value == 0:
        return 0.0
    whole, step = int(value), 1
    while whole % (step * 10) == 0:
        step *= 10
    return step / 2 if step > 1 else 0.0


def _span(date: FuzzyDate) -> tuple[dt.date, dt.date]:
    if date.before:
        return (dt.date.min, date.start.first - dt.timedelta(days=1))
    return (date.start.first, (date.end or date.start).last)


def may_coincide(a: FuzzyDate | None, b: FuzzyDate | None) -> bool:
    """Whether two estimates may describe one same moment: both spans meet, or one is unknown."""
    if a is None or b is None:
        return True
    (a0, a1), (b0, b1) = _span(a), _span(b)
    return a0 <= b1 and b0 <= a1


def clashes(
    relation: Relation,
    lower: tuple[m.Claim, ...],
    upper: tuple[m.Claim, ...],
    origin: dict[str, frozenset[str]],
) -> list[Clash]:
    """Pairs of ``lower`` × ``upper`` estimates that cannot both hold. ``origin``: claim
    id -> its origin keys (derive.origin_keys); one shared key is one origin."""
    allowed = {c.id: bounds(c.figure) for c in upper}
    ceilings = sorted((top[1], c.id, c) for c in upper if (top := allowed[c.id]) is not None)
    tops = [t for t, _, _ in ceilings]
    found: list[Clash] = []
    walked = 0
    for a in sorted(lower, key=lambda c: c.id):
        floor = bounds(a.figure)
        if floor is None:
            continue
        for _, _, other in ceilings[: bisect.bisect_left(tops, floor[0])]:  # highest allowed < lowest allowed
            walked += 1
            if walked > MAX_PAIRS:  # pairs whose dates or scopes differ cost a step each, kept or not
                return found
            if not may_coincide(a.as_of, other.as_of) or a.scope != other.scope:
                continue
            same = bool(origin[a.id] & origin[other.id])
            found.append(Clash(relation, a, other, same, a.as_of is None or other.as_of is None))
            if len(found) >= MAX_CLASHES:
                return found
    return found


def problem(clash: Clash) -> Problem:
    """A clash within one origin, as `check` reports it: at the first estimate's figure."""
    (_, low_measure), (up_slug, up_measure) = clash.relation.lower, clash.relation.upper
    return Problem(
        clash.lower.figure.at("hedge"),
        f"claim '{clash.lower.id}' ({written(clash.lower.figure)} {low_measure}) and claim '{clash.upper.id}' "
        f"({written(clash.upper.figure)} {up_slug}/{up_measure}) come from one origin and cannot both hold: "
        f"'{low_measure}' is at most '{up_slug}/{up_measure}'",
        "check both figures against their quotes; if they describe different dates, give each its `as_of`",
    )
