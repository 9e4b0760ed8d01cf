"""Dataset + derived views -> Markdown pages, as a mapping of relative path to text.

Pure: no I/O, no clock. All contributor text passes through `esc` (free text) or
`heading` (text the loader already restricted to a safe alphabet) before it
reaches Markdown, so no fact file can produce live HTML, links or formatting.
Only ids (strict slugs) and https URLs the loader checked go into markup.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote

from . import model as m
from . import outputs as out
from .dates import FuzzyDate
from .derive import Derived, MeasureView, QuestionView, When
from .kinds import HEADING_SAFE, plain

SITE_NAME = "North Korean troops in Russia’s war, sourced"
"""Must equal site_name in mkdocs.yml (a test checks); used in the citation line."""


# Every ASCII character Markdown, its extensions or HTML give a meaning to, written
# as a numeric character reference: it displays the same and means nothing.
_SPECIAL = set('\\`*_{}[]()#+-!|<>&~^=:"$')


def esc(text: str) -> str:
    """Contributor text -> inert inline Markdown (one line, nothing interpreted)."""
    return "".join(f"&#{ord(ch)};" if ch in _SPECIAL else ch for ch in " ".join(text.split()))


def heading(text: str) -> str:
    """Text for a heading or page title; the loader allowed only a safe alphabet."""
    if not HEADING_SAFE.fullmatch(text):  # a bug upstream, never contributor error
        raise ValueError(f"unsafe heading text reached the renderer: {text!r}")
    return text


def url(address: str) -> str:
    """An https URL the loader checked, made safe inside a Markdown link target."""
    return quote(address, safe=":/?#=&%~+@,;!$'*.-_")


# --- numbers, figures, dates -----------------------------------------------------------


def number(value: float) -> str:
    """A figure as a reader reads it, with exactly the digits it was written with.

    >>> number(15000), number(6000000), number(8700000000), number(1234000000), number(4.5)
    ('15,000', '6 million', '8.7 billion', '1,234,000,000', '4.5')

    Millions (below a thousand million) and billions only where one decimal says it
    all; otherwise every digit.
    Decimal, never float formatting: ``{:g}`` keeps six digits and printed
    999,999,900,000 as "1e+06 million".
    """
    exact = Decimal(plain(value))
    for power, word, below in ((9, "billion", 10**4), (6, "million", 10**3)):
        scaled = exact.scaleb(-power)
        if 1 <= scaled < below and scaled == scaled.quantize(_TENTH):
            return f"{_grouped(scaled)} {word}"
    return _grouped(exact)


_TENTH = Decimal("0.1")


def _grouped(value: Decimal) -> str:
    text = format(value, ",f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def figure(fig: m.Figure, unit: str = "") -> str:
    """The figure as a reader would say it: 'about 10,000–12,000 troops'."""
    if fig.words is not None:
        text = fig.words
    elif fig.low is not None and fig.high is not None:
        text = m.HEDGE[fig.hedge].template.format(f"{number(fig.low)}–{number(fig.high)}")
    else:
        assert fig.value is not None
        text = m.HEDGE[fig.hedge].template.format(number(fig.value))
    if fig.out_of is not None:
        text += f" of {number(fig.out_of)}"
    return f"{text} {unit}" if unit else text


def date_text(date: FuzzyDate | None) -> str:
    return date.label() if date else "date not given"


def _on(date: FuzzyDate) -> str:
    """A date in a sentence about an event: 'on 28 Apr 2025', 'in Apr 2025', 'before 26 Apr 2025'."""
    if date.before:
        return date.label()
    return ("on " if date.precision == "day" and not date.end else "in ") + date.label()


def when_text(w: When, in_prose: bool = False, event: bool = False) -> str:
    """For a table cell: 'Apr 2025', 'not stated, reported 1 Sep 2025' or 'not stated'.
    In prose: 'as of Apr 2025' (a claim) or 'on 28 Apr 2025' (an event), else
    'date not stated, reported 1 Sep 2025' or 'date not stated'."""
    if w.date:
        if not in_prose:
            return w.date.label()
        return _on(w.date) if event else "as of " + w.date.label()
    text = "date not stated" if in_prose else "not stated"
    return f"{text}, reported {w.reported.label()}" if w.reported else text


# --- footnotes -----------------------------------------------------------------------


@dataclass
class Notes:
    """The footnotes of one page: one per source, reused by every row that cites it."""

    sources: dict[str, m.Source]
    link_base: str  # how this page reaches the answers folder ("" or "answers/")
    quotes: dict[str, dict[str, None]] = field(default_factory=dict)
    """Source id -> its quotes used on the page, each once, in order of first use (dicts:
    a list's `in` made a page citing one source thousands of times quadratic)."""

    def cite(self, citations: Iterable[m.Citation]) -> str:
        refs: dict[str, None] = {}
        for citation in citations:
            self.quotes.setdefault(citation.source, {})[citation.quote] = None
            refs[f"[^{citation.source}]"] = None
        return "".join(refs)

    def render(self) -> str:
        blocks = []
        for sid in self.quotes:
            lines = [f"[^{sid}]: {source_line(self.sources[sid], self.link_base)}", ""]
            lines += [f"    - “{esc(q)}”" for q in self.quotes[sid]]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)


def source_line(source: m.Source, link_base: str = "") -> str:
    """Publisher, title, author, date, links: everything known about a source, in one line."""
    publisher = esc(source.publisher) if source.publisher_known else "Publisher not named"
    title = f"“{esc(source.title)}”" if source.title else f"{esc(source.display_title)} (no headline; description ours)"
    authors = "By " + ", ".join(esc(a) for a in source.authors) if source.authors else "No author named"
    published = f"Published {source.published.label()}" if source.published else "Date not given"
    links = []
    if source.url:
        links.append(f"[Read it]({url(source.url)})")
    if source.archive_url:
        links.append(f"[archived copy]({url(source.archive_url)})")
    if not links:
        links.append("No web address recorded")
    links.append(f"[details]({link_base}{out.SOURCES}#source-{source.id})")
    return f"{publisher}. {title}. {authors}. {published}. " + " · ".join(links)


# --- shared pieces -----------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """What the pages depend on besides the facts; passed in so rendering stays pure."""

    today: dt.date | None = None
    """The build's date (from SOURCE_DATE_EPOCH): the reference for "out of date"."""
    stale_after_days: int = 365
    site_url: str | None = None
    """Where the site is published, for citations and JSON-LD; None when unknown."""
    charts: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(question slug, measure id) -> the chart's alt text, for measures that have a chart."""


@dataclass(frozen=True)
class Site:
    """What every page renderer needs: the data, the derived views, lookups and options."""

    data: m.Dataset
    derived: Derived
    parties: dict[str, m.Party]
    sources: dict[str, m.Source]
    questions: dict[str, m.Question]
    options: Options

    @classmethod
    def of(cls, data: m.Dataset, derived: Derived, options: Options | None = None) -> Site:
        return cls(
            data,
            derived,
            {p.id: p for p in data.parties},
            {s.id: s for s in data.sources},
            {q.slug: q for q in data.questions},
            options or Options(),
        )

    def newest(self, view: QuestionView) -> FuzzyDate | None:
        """The most recent date of any claim or event on a question's page."""
        dates = [self.derived.claim_when[c.id].effective for mv in view.measures for c in mv.claims]
        dates += [self.derived.event_when[e.id].effective for e in view.events]
        known = [d for d in dates if d is not None]
        return max(known, key=FuzzyDate.sort_key) if known else None

    def stale(self, view: QuestionView) -> FuzzyDate | None:
        """The newest date, when it is older than the configured age; else None."""
        newest, today = self.newest(view), self.options.today
        if newest is None or today is None:
            return None
        last = (newest.end or newest.start).last
        return newest if (today - last).days > self.options.stale_after_days else None

    def party(self, pid: str | None, link_base: str = "") -> str:
        if pid is None:
            return "Unattributed (the source's own statement)"
        party = self.parties[pid]
        return f"[{esc(party.label)}]({link_base}{out.PARTIES}#party-{pid})"

    def claimant(self, claim: m.Claim, link_base: str = "") -> str:
        text = self.party(claim.claimant, link_base)
        if claim.cited:
            text += ", citing " + " via ".join(self.party(p, link_base) for p in claim.cited)
        return text

    def unit(self, claim: m.Claim) -> str:
        measure = self.questions[claim.question].measure(claim.measure)
        assert measure is not None
        return measure.unit

    def claim_link(self, claim: m.Claim, link_base: str = "") -> str:
        """A figure shown away from its question page: a link to the claim it states."""
        text = esc(figure(claim.figure, self.unit(claim)))
        return f"[{text}]({link_base}{out.question_page(claim.question)}#claim-{claim.id})"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _page(*blocks: str) -> str:
    return "\n\n".join(b for b in blocks if b).rstrip() + "\n"


# --- answers ------------------------------------------------------------------------


def answer(site: Site, view: MeasureView, notes: Notes, link_base: str = "") -> str:
    """One measure's answer in plain words, every figure footnoted."""
    unit = view.measure.unit
    current = view.current
    if not current:
        return "No estimate recorded yet."

    def holder(claim: m.Claim) -> str:
        when = when_text(site.derived.claim_when[claim.id], in_prose=True)
        who = site.claimant(claim, link_base) if claim.claimant else "the source itself, unattributed"
        return f"{esc(figure(claim.figure))} from {who} ({when}){notes.cite(claim.sources)}"

    span = view.range
    if span is None:
        return "No number given; in words: " + "; ".join(holder(c) for c in current) + "."
    if len(current) == 1:
        return f"One current estimate: {holder(current[0])}."
    if span.low == span.high:
        return f"Current estimates agree on {number(span.low)} {esc(unit)}: " + "; ".join(holder(c) for c in current) + "."
    lowest = "; ".join(holder(c) for c in span.lowest)
    highest = "; ".join(holder(c) for c in span.highest)
    dates = [w.effective for c in current if (w := site.derived.claim_when[c.id]).effective]
    newest = f", the newest from {max(dates, key=FuzzyDate.sort_key).label()}" if dates else ""
    return (
        f"Between **{number(span.low)}** and **{number(span.high)}** {esc(unit)}, "
        f"according to {len(current)} current estimates{newest}. "
        f"Lowest: {lowest}. Highest: {highest}."
    )


def timeline_answer(site: Site, view: QuestionView, notes: Notes, link_base: str = "") -> str:
    confirmations = view.confirmations or view.events[-1:]
    if not confirmations:
        return "No event recorded yet."
    items = []
    for event in confirmations:
        when = when_text(site.derived.event_when[event.id], in_prose=True, event=True)
        items.append(f"{site.party(event.actor, link_base)} {event.kind} ({when}){notes.cite(event.sources)}")
    return "; ".join(items) + "."


# --- pages ----------------------------------------------------------------------------


def home_partial(site: Site) -> str:
    """The question list included by the hand-written home page (links from docs/)."""
    base = "answers/"
    notes = Notes(site.sources, base)
    rows = []
    for view in site.derived.questions:
        q = view.question
        link = f"[{heading(q.ask)}]({base}{out.question_page(q.slug)})"
        if view.headline is None:
            text = timeline_answer(site, view, notes, base)
        else:
            text = f"{esc(view.headline.measure.label)}: {answer(site, view.headline, notes, base)}"
        stale = site.stale(view)
        if stale:
            text += f" *The newest figure here is from {stale.label()}.*"
        rows.append(f"- **{link}**  \n  {text}")
    downloads = (
        "**Take the data:** every claim, event, source and party as "
        f"[CSV]({base}{out.data_table('claims')}) and [JSON]({base}{out.DATA_JSON}), described by a "
        f"[Data Package]({base}{out.DATA_PACKAGE}) (Frictionless Data)."
    )
    return _page("\n".join(rows), downloads, notes.render())


def _key() -> str:
    """The chart key, from the hedge table: one entry per symbol, in table order."""
    names: dict[str, list[m.Hedge]] = {}
    for hedge in m.HEDGE_TABLE:
        names.setdefault(hedge.symbol, []).append(hedge)
    entries = []
    for symbol, hedges in names.items():
        meaning = m.BOUNDS[hedges[0].bound]
        entries.append(f"{symbol} {' or '.join(h.name for h in hedges)}" + (f" ({meaning})" if meaning else ""))
    return (
        "*Key:* " + " · ".join(entries) + " · hollow: no as-of date stated, placed at the publication date · "
        "faded: superseded. Undated estimates appear only in the table."
    )


KEY = _key()


def chart(site: Site, slug: str, measure: m.Measure) -> str:
    alt = site.options.charts.get((slug, measure.id))
    if alt is None:
        return ""
    light, dark = (out.chart(slug, measure.id, scheme) for scheme in ("light", "dark"))
    return f"![{esc(alt)}]({light}#only-light)\n![{esc(alt)}]({dark}#only-dark)\n\n{KEY}"


def question_page(site: Site, view: QuestionView) -> str:
    q = view.question
    notes = Notes(site.sources, "")
    if view.headline is None:
        summary = timeline_answer(site, view, notes)
        body = [events_list(site, view.events, notes)] if view.events else []
    else:
        summary = "\n".join(f"- **{esc(mv.measure.label)}:** {answer(site, mv, notes)}" for mv in view.measures)
        body = [
            "\n\n".join(
                b
                for b in (
                    # An explicit id: the heading's own slug could equal a row's `claim-…` anchor.
                    f"## {heading(mv.measure.label)} {{#measure-{mv.measure.id}}}",
                    chart(site, q.slug, mv.measure),
                    estimates_table(site, mv, notes),
                )
                if b
            )
            for mv in view.measures
        ]
        if view.events:
            body.append("## Related events\n\n" + events_list(site, view.events, notes))
    admonition = '!!! abstract "The answer"\n\n' + "\n".join("    " + line for line in summary.splitlines())
    stale = site.stale(view)
    notice = (
        f'!!! warning "Possibly out of date"\n\n    The newest figure or event on this page is from {stale.label()}, '
        f"more than {site.options.stale_after_days} days before this page was built. Newer estimates may exist."
        if stale
        else ""
    )
    about = [f"- {esc(text)}" for text in (*q.definitions, *q.caveats)]
    return _page(
        f"# {heading(q.ask)}",
        admonition,
        notice,
        *body,
        "## Definitions and caveats\n\n" + "\n".join(about) if about else "",
        data_section(site, view),
        json_ld(site, view),
        notes.render(),
    )


def data_section(site: Site, view: QuestionView) -> str:
    q = view.question
    newest = site.newest(view)
    address = f" Retrieved from <{site.options.site_url.rstrip('/')}/answers/{q.slug}/>." if site.options.site_url else ""
    built = f" Page built {site.options.today:%d %b %Y}." if site.options.today else ""
    as_of = f" Data as of {newest.label()}." if newest else ""
    return (
        "## Data and citation\n\n"
        f"Every estimate on this page: [CSV]({out.question_data(q.slug, 'csv')}) · "
        f"[JSON]({out.question_data(q.slug, 'json')}). "
        f"All the data: [Data Package]({out.DATA_PACKAGE}). "
        "Link to one estimate with its row's anchor (`#claim-…`).\n\n"
        f"**Cite this page:** {esc(SITE_NAME)}, “{heading(q.ask)}”.{as_of}{built}{address}"
    )


def json_ld(site: Site, view: QuestionView) -> str:
    """schema.org Dataset (the page's data) with one Claim per estimate, as inert JSON."""
    q = view.question
    base = site.options.site_url.rstrip("/") + "/" if site.options.site_url else ""
    page = f"{base}answers/{q.slug}/"
    claims = []
    for mv in view.measures:
        for claim in mv.claims:
            when = site.derived.claim_when[claim.id]
            item: dict[str, object] = {
                "@type": "Claim",
                "@id": f"{page}#claim-{claim.id}",
                "text": f"{mv.measure.label}: {figure(claim.figure, mv.measure.unit)}",
                "appearance": [_creative_work(site.sources[c.source]) for c in claim.sources],
            }
            if claim.claimant:
                item["author"] = {"@type": "Organization", "name": site.parties[claim.claimant].name}
            if when.date:
                item["temporalCoverage"] = when.date.iso().replace("before ", "")
            claims.append(item)
    dataset: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": q.ask,
        "description": f"Every published estimate answering: {q.ask} Each with its claimant, date, hedge and source.",
        "url": page,
        "isAccessibleForFree": True,
        "variableMeasured": [mv.measure.label for mv in view.measures],
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "contentUrl": f"{base}answers/{out.question_data(q.slug, 'csv')}",
            },
            {
                "@type": "DataDownload",
                "encodingFormat": "application/json",
                "contentUrl": f"{base}answers/{out.question_data(q.slug, 'json')}",
            },
        ],
        "hasPart": claims,
    }
    # Inert inside <script>: no "<", ">" or "&" survives as itself, so nothing can close the element.
    text = json.dumps(dataset, ensure_ascii=True, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def _creative_work(source: m.Source) -> dict[str, object]:
    work: dict[str, object] = {"@type": "CreativeWork", "name": source.display_title}
    if source.publisher_known:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.published:
        work["datePublished"] = source.published.iso()
    if source.url:
        work["url"] = source.url
    return work


def estimates_table(site: Site, view: MeasureView, notes: Notes) -> str:
    if not view.claims:
        return "No estimate recorded yet."
    rows = []
    by_id = {c.id: c for c in view.claims}
    for claim in view.claims:
        cell = esc(figure(claim.figure, view.measure.unit)) + notes.cite(claim.sources)
        later = site.derived.superseded_by.get(claim.id, ())
        if later:
            cell = f"~~{cell}~~ *superseded by* " + ", ".join(
                f"[{esc(figure(c.figure))}](#claim-{c.id}){notes.cite(c.sources)}" for cid in later if (c := by_id.get(cid))
            )
        scope = claim.scope
        parts = [p for p in (scope.place, scope.operation, scope.period) if p] if scope else []
        rows.append(
            [
                f'<span id="claim-{claim.id}"></span>' + when_text(site.derived.claim_when[claim.id]),
                cell,
                site.claimant(claim),
                "; ".join(esc(p) for p in parts) or "—",
                esc(claim.note) if claim.note else "",
            ]
        )
    return _table(["As of", "Figure", "Claimed by", "Scope", "Note"], rows)


def events_list(site: Site, events: Iterable[m.Event], notes: Notes, link_base: str = "") -> str:
    """Events as a timeline: a heading per year, then date, actor, what they did, sources."""
    blocks = ['<span class="fs-timeline"></span>']
    year = None
    for event in events:
        when = site.derived.event_when[event.id]
        label = str(when.effective.start.year) if when.effective else "Date not stated"
        if label != year:
            year = label
            blocks += ["", f"### {label}", ""]  # a heading needs a blank line on both sides
        what = f"*{event.kind}* {esc(event.summary)}{notes.cite(event.sources)}"
        if event.note:
            what += f" *{esc(event.note)}*"
        blocks.append(
            f'- <span id="event-{event.id}"></span>**{when_text(when)}** · {site.party(event.actor, link_base)} · {what}'
        )
    return "\n".join(blocks)


def timeline_page(site: Site) -> str:
    notes = Notes(site.sources, "")
    intro = (
        "Every dated event in the data, oldest first: who confirmed, denied or did what, and when. "
        "Where a source gives no date, the event is placed at the source's publication date and marked *reported*."
    )
    body = events_list(site, site.derived.events, notes) if site.derived.events else "No event recorded yet."
    return _page("# Who confirmed what, and when", intro, body, notes.render())


def _event_line(site: Site, event: m.Event) -> str:
    when = when_text(site.derived.event_when[event.id])
    return f"[{event.kind.capitalize()}, {when}]({out.TIMELINE}#event-{event.id}): {esc(event.summary)}"


def _claim_line(site: Site, claim: m.Claim, with_claimant: bool = True) -> str:
    q = site.questions[claim.question]
    when = when_text(site.derived.claim_when[claim.id], in_prose=True)
    who = f", {site.claimant(claim)}" if with_claimant else ""
    return f"{site.claim_link(claim)} ({esc(q.ask)}){who}, {when}"


NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n\n"
"""Front matter (fixed text, never contributor text) keeping the sources and parties
pages out of the search index: their names are searchable on the question pages, and a
whole dataset's worth of entries exceeds what Zensical indexes for one page."""

LISTED = 10
"""How many of a source's or party's claims (and events) its entry lists: the most recent.
Without a cap these pages grow with the whole dataset (at 10,000 claims, past what a
search index takes for one page); the rest are one download away."""


def _recent(lines: list[str], total: int, what: str, table: str) -> list[str]:
    if total > len(lines):
        lines = [*lines, f"… and {total - len(lines)} earlier {what}, all in [{table}]({out.DATA}/{table})"]
    return lines


def sources_page(site: Site) -> str:
    order = sorted(site.data.sources, key=lambda s: ((0, s.published.sort_key()) if s.published else (1,), s.id))
    entries = []
    for source in order:
        facts = [
            f"- Publisher: {esc(source.publisher) if source.publisher_known else 'not named in the document'}",
            "- Title: " + (f"“{esc(source.title)}”" if source.title else f"none; described as: {esc(source.display_title)}"),
            "- Authors: " + (", ".join(esc(a) for a in source.authors) or "none named"),
            f"- Published: {date_text(source.published)}",
            f"- Language: {esc(source.language)}",
            "- Web address: " + (f"[{esc(source.url)}]({url(source.url)})" if source.url else "none recorded"),
        ]
        if source.archive_url:
            facts.append(f"- Archived copy: [{esc(source.archive_url)}]({url(source.archive_url)})")
        if source.accessed:
            facts.append(f"- Accessed: {source.accessed.label()}")
        if source.relays:
            facts.append("- Relays: " + ", ".join(site.party(p) for p in source.relays))
        if source.note:
            facts.append(f"- Note: {esc(source.note)}")
        claims = site.derived.claims_by_source.get(source.id, ())
        events = site.derived.events_by_source.get(source.id, ())
        backs = _recent([_claim_line(site, c) for c in claims[-LISTED:]], len(claims), "claims", "citations.csv")
        backs += _recent([_event_line(site, e) for e in events[-LISTED:]], len(events), "events", "citations.csv")
        if backs:
            facts.append(f"- Backs {len(claims)} claim(s) and {len(events)} event(s):\n" + "\n".join(f"    - {b}" for b in backs))
        entries.append(f'<span id="source-{source.id}"></span>\n**{esc(source.display_title)}**\n\n' + "\n".join(facts))
    intro = "Every document the figures and events come from. Where a document does not name its publisher, author or date, this page says so."
    return NOT_SEARCHED + _page("# Sources", intro, *entries)


def parties_page(site: Site) -> str:
    entries = []
    for party in sorted(site.data.parties, key=lambda p: (p.name.casefold(), p.id)):
        about = [party.kind] + ([esc(party.country)] if party.country else [])
        lines = [
            f'<span id="party-{party.id}"></span>\n**{esc(party.name)}**'
            + (f" ({esc(party.short_name)})" if party.short_name else ""),
            "",
            "- " + ", ".join(about),
        ]
        if party.affiliation:
            lines.append(f"- Part of {site.party(party.affiliation)}")
        if party.note:
            lines.append(f"- Note: {esc(party.note)}")
        claims = site.derived.claims_by_claimant.get(party.id, ())
        citing = site.derived.claims_citing.get(party.id, ())
        events = site.derived.events_by_actor.get(party.id, ())
        for title, items in (
            ("Claims", _recent([_claim_line(site, c, False) for c in claims[-LISTED:]], len(claims), "claims", "claims.csv")),
            ("Cited in", _recent([_claim_line(site, c) for c in citing[-LISTED:]], len(citing), "claims", "claims.csv")),
            ("Events", _recent([_event_line(site, e) for e in events[-LISTED:]], len(events), "events", "events.csv")),
        ):
            if items:
                lines.append(f"- {title}:\n" + "\n".join(f"    - {i}" for i in items))
        entries.append("\n".join(lines))
    intro = "Who said what: every party that makes a claim, is cited, or acts in the timeline."
    return NOT_SEARCHED + _page("# Parties", intro, *entries)


def render_outputs(data: m.Dataset, derived: Derived, options: Options | None = None) -> list[out.Output]:
    """Every generated page, with its path and owner."""
    site = Site.of(data, derived, options)
    pages = [
        out.Output(out.HOME_PARTIAL, home_partial(site)),
        out.Output(out.TIMELINE, timeline_page(site)),
        out.Output(out.SOURCES, sources_page(site)),
        out.Output(out.PARTIES, parties_page(site)),
    ]
    for view in derived.questions:
        q = view.question
        pages.append(out.Output(out.question_page(q.slug), question_page(site, view), out.question_owner(q)))
    return pages


def render_site(data: m.Dataset, derived: Derived, options: Options | None = None) -> dict[str, str]:
    """Every generated page, keyed by its path inside the generated folder."""
    return dict(sorted((o.path, o.text) for o in render_outputs(data, derived, options)))
