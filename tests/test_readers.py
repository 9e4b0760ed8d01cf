"""What a reader takes away: the answer card, charts, structured data, downloads, citation."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from frictionless import validate

from factsite import model as m
from factsite import outputs as out
from factsite.charts import marks
from factsite.config import SiteConfig
from factsite.derive import derive
from factsite.export import to_csv
from factsite.pipeline import check
from factsite.render import render_site
from factsite.words import Options, figure
from tests.conftest import SMALL_FACTS, WAR_FACTS

DATA = check(WAR_FACTS)
DERIVED = derive(DATA)


def test_the_data_package_validates(built_site: Path) -> None:
    report = validate(built_site / "answers" / "data" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_every_claim_is_downloadable_once(built_site: Path) -> None:
    data = built_site / "answers" / "data"
    rows = list(csv.DictReader((data / "claims.csv").open(encoding="utf-8")))
    assert sorted(r["id"] for r in rows) == sorted(c.id for c in DATA.claims)
    current = {c.id for v in DERIVED.questions for mv in v.measures for c in mv.current}
    assert {r["id"] for r in rows if r["current"] == "true"} == current
    everything = json.loads((data / "facts.json").read_text(encoding="utf-8"))
    assert len(everything["claims"]) == len(DATA.claims) and len(everything["events"]) == len(DATA.events)
    for q in DATA.questions:
        mine = sorted(c.id for c in DATA.claims if c.question == q.slug)
        csv_path, json_path = (built_site / "answers" / out.question_data(q.slug, ext) for ext in ("csv", "json"))
        assert sorted(r["id"] for r in csv.DictReader(csv_path.open(encoding="utf-8"))) == mine
        assert sorted(c["id"] for c in json.loads(json_path.read_text(encoding="utf-8"))["claims"]) == mine


@pytest.mark.parametrize("text", ['=HYPERLINK("https://evil.example")', "+1+1", "-2", "@SUM(A1)"])
def test_a_cell_cannot_become_a_spreadsheet_formula(text: str) -> None:
    columns = [("note", "string", "", lambda r: r)]
    assert to_csv(columns, [text]).splitlines()[1].lstrip('"').startswith("'")


@pytest.mark.parametrize("question", [q for q in DATA.questions if q.kind == "figures"], ids=lambda q: q.slug)
def test_numeric_questions_have_answer_card_and_charts(built_site: Path, question: m.Question) -> None:
    html = (built_site / "answers" / question.slug / "index.html").read_text(encoding="utf-8")
    assert 'class="admonition abstract"' in html and "The answer" in html
    view = next(v for v in DERIVED.questions if v.question.slug == question.slug)
    for mv in view.measures:
        # The estimates chart: any current estimate with a number. Over time: two or more dated ones.
        dated = [c for c in mv.claims if c.figure.bounds and DERIVED.claim_when[c.id].date is not None]
        kinds = ["estimates"] * any(c.figure.bounds for c in mv.current) + ["over-time"] * (len(dated) >= 2)
        for scheme in ("light", "dark"):
            shown = []
            for kind in ("estimates", "over-time"):
                name = out.chart(question.slug, mv.measure.id, kind, scheme)
                assert (built_site / "answers" / name).is_file() == (kind in kinds)
                assert (f'src="../{name}#only-{scheme}"' in html) == (kind in kinds)
                if kind in kinds:
                    shown.append(html.index(f'src="../{name}#only-{scheme}"'))
            assert shown == sorted(shown)  # the estimates chart first
    images = re.findall(r'<img alt="([^"]*)" src="../charts/', html)
    assert images and all(alt.startswith("Chart of ") for alt in images)


@pytest.mark.parametrize("question", DATA.questions, ids=lambda q: q.slug)
def test_json_ld_describes_the_dataset_and_every_claim(built_site: Path, question: m.Question) -> None:
    html = (built_site / "answers" / question.slug / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "Dataset" and data["name"] == question.ask
    claims = [c for c in DATA.claims if c.question == question.slug]
    assert sorted(p["@id"].rsplit("#claim-", 1)[1] for p in data["hasPart"]) == sorted(c.id for c in claims)
    assert all(p["@type"] == "Claim" for p in data["hasPart"])
    sources = {s.id: s for s in DATA.sources}
    for part, claim in zip(sorted(data["hasPart"], key=lambda p: p["@id"]), sorted(claims, key=lambda c: c.id), strict=True):
        unit = question.measure(claim.measure).unit
        assert part["text"].endswith(figure(claim.figure, unit))  # the figure with its hedge and unit
        for work, ref in zip(part["appearance"], claim.sources, strict=True):
            source = sources[ref.source]
            # Only an article's own headline is its name; a description we wrote is a description.
            assert work.get("name") == source.title and ("description" in work) == (source.title is None)
    for claim_id in (c.id for c in claims):
        assert f'id="claim-{claim_id}"' in html  # the stable anchor the JSON-LD points at


@pytest.mark.parametrize(
    "today, stale",
    [(dt.date(2025, 10, 1), False), (dt.date(2026, 9, 2), False), (dt.date(2026, 9, 3), True), (None, False)],
)
def test_out_of_date_notice(today: dt.date | None, stale: bool) -> None:
    # The newest dated item on the killed page is 1 Sep 2025.
    page = render_site(DATA, DERIVED, Options(today=today, stale_after_days=366))["killed.md"]
    assert ("Possibly out of date" in page) == stale
    if stale:
        assert "from 1 Sep 2025, more than 366 days before" in page


def test_citation_line() -> None:
    options = Options(today=dt.date(2026, 1, 2), config=SiteConfig(name="A site"), site_url="https://example.org/facts/")
    page = render_site(DATA, DERIVED, options)["killed.md"]
    line = next(line for line in page.splitlines() if line.startswith("**Cite this page:**"))
    assert line == (
        "**Cite this page:** A site, “How many North Korean soldiers have been killed?”. Data as of 1 Sep 2025. "
        "Page built 02 Jan 2026. Retrieved from <https://example.org/facts/answers/killed/>."
    )


def test_hedges_are_drawn_as_what_they_claim() -> None:
    small = check(SMALL_FACTS)
    derived = derive(small)
    labels = {p.id: p.label for p in small.parties} | {None: "unattributed"}
    total = derived.questions[0].measures[0]
    plotted = {mk.id: mk for mk in marks(total, derived, labels)}
    # Over time shows stated as-of dates only: an estimate dated by its source's
    # publication alone is in the estimates chart, never placed on a date it does not state.
    assert "leaflet-more-than-900" not in plotted and "spies-at-least-2000" not in plotted
    assert plotted["ministry-1200"].superseded and not plotted["ministry-1500"].superseded
    assert (plotted["analyst-range"].low, plotted["analyst-range"].high) == (1000, 1800)


def test_the_reading_guide_explains_every_hedge_of_the_table(built_site: Path) -> None:
    """docs/about.md includes the hedges table generated from the hedge table: one row each."""
    html = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>\s*<td>([^<]*)</td>", html)
    for hedge in m.HEDGE_TABLE:
        example = figure(
            m.Figure(hedge=hedge.name, value=3000) if hedge.takes_value else m.Figure(hedge=hedge.name, low=25000, high=30000)
        )
        assert any(row.split(" or ")[0] == example for row in rows), hedge.name
    assert len(rows) == len(m.HEDGE_TABLE)
