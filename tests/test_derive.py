from __future__ import annotations

import pytest

from factsite import model as m
from factsite.dates import FuzzyDate
from factsite.derive import current_estimates, derive, estimate_range, when
from factsite.pipeline import check
from tests.conftest import SMALL_FACTS

SOURCES = {
    "dated": m.Source(id="dated", title="T", publisher="P", published=FuzzyDate.parse("2025-03-01"), language="en"),
    "undated": m.Source(id="undated", title="T", publisher="P", published=None, language="en"),
}


def claim(
    ident: str,
    low: float,
    high: float | None = None,
    *,
    as_of: str | None = None,
    by: str | None = "a",
    revises: str | None = None,
    source: str = "dated",
) -> m.Claim:
    fig = m.Figure(hedge="exact", value=low) if high is None else m.Figure(hedge="range", low=low, high=high)
    return m.Claim(
        id=ident,
        figure=fig,
        as_of=FuzzyDate.parse(as_of) if as_of else None,
        claimant=by,
        revises=revises,
        sources=(m.Citation(source=source, quote="q"),),
        question="q",
    )


def current_ids(claims: list[m.Claim]) -> list[str]:
    dates = {c.id: when(c, SOURCES) for c in claims}
    superseded = {c.revises for c in claims if c.revises}
    return sorted(c.id for c in current_estimates(claims, dates, superseded))


@pytest.mark.parametrize(
    "claims, expected",
    [
        pytest.param([claim("old", 1, as_of="2024-12"), claim("new", 2, as_of="2025-01")], ["new"], id="later wins"),
        pytest.param(
            [claim("a1", 1, as_of="2025-01"), claim("b1", 2, as_of="2024-01", by="b")], ["a1", "b1"], id="one per claimant"
        ),
        pytest.param(
            [claim("month", 1, as_of="2025-04"), claim("day", 2, as_of="2025-04-10")],
            ["month"],
            id="a month counts as its middle",
        ),
        pytest.param(
            [claim("dated", 1, as_of="2020"), claim("undated", 2, source="undated")], ["dated"], id="dated beats undated"
        ),
        pytest.param([claim("x", 1, as_of="2025-01"), claim("y", 2, as_of="2025-01")], ["x", "y"], id="same date: both current"),
        pytest.param(
            [claim("reported", 1), claim("asof", 2, as_of="2025-02")], ["reported"], id="no as-of: the source's date counts"
        ),
        pytest.param(
            [claim("first", 1, as_of="2025-06"), claim("fix", 2, as_of="2025-01", revises="first")],
            ["fix"],
            id="a revision supersedes even an earlier-dated claim",
        ),
        pytest.param(
            [claim("u1", 1, by=None), claim("u2", 2, by=None, source="undated")],
            ["u1", "u2"],
            id="unattributed claims group by their source",
        ),
    ],
)
def test_current_estimates(claims: list[m.Claim], expected: list[str]) -> None:
    assert current_ids(claims) == expected


def test_range_uses_both_ends_of_ranges() -> None:
    span = estimate_range([claim("r", 10, 12), claim("v", 15), claim("w", 11)])
    assert span is not None
    assert (span.low, span.high, [c.id for c in span.lowest], [c.id for c in span.highest]) == (10, 15, ["r"], ["v"])


def test_range_ignores_figures_in_words() -> None:
    words = m.Claim(
        id="w", figure=m.Figure(hedge="exact", words="several dozen"), sources=(m.Citation(source="dated", quote="q"),)
    )
    assert estimate_range([words]) is None


def test_fixture_views() -> None:
    derived = derive(check(SMALL_FACTS))
    soldiers = derived.questions[0]
    total = soldiers.measures[0]
    assert [c.id for c in total.claims] == [
        "ministry-1200",
        "spies-at-least-2000",
        "ministry-1500",
        "analyst-range",
        "leaflet-more-than-900",
    ]
    assert [c.id for c in total.current] == ["spies-at-least-2000", "ministry-1500", "analyst-range", "leaflet-more-than-900"]
    assert total.range is not None and (total.range.low, total.range.high) == (900, 2000)
    assert derived.superseded_by == {"ministry-1200": ("ministry-1500",)}
    assert [e.id for e in derived.events] == ["early-denial", "confirmation", "undated-rumour"]
    assert [e.id for e in soldiers.events] == ["confirmation"]
    assert [c.id for c in derived.claims_citing["spies"]] == ["spies-at-least-2000"]
