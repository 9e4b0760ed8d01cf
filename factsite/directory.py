"""The sources and parties pages: who said what, from which document.

Pure, like every renderer: Dataset + derived views -> Markdown.
"""

from __future__ import annotations

from . import model as m
from . import outputs as out
from .words import Site, date_text, esc, page, url, when_text


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
    return NOT_SEARCHED + page("# Sources", intro, *entries)


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
    return NOT_SEARCHED + page("# Parties", intro, *entries)
