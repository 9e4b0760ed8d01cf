"""The sources and parties pages: who said what, from which document.

Pure, like every renderer: Dataset + derived views -> Markdown. One section per
source and per party, headed by its name and anchored `source-<id>` / `party-<id>`
(the other pages link there); what it said comes in sentences, its most recent
claims and events listed, the older ones folded away.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from . import model as m
from . import outputs as out
from .i18n import _, current, ngettext
from .words import Site, esc, in_language, language_attrs, listing, party_order, sentence_case, source_order, url, when_text


def language_name(lang: str) -> str:
    """A language as a reader of the page knows it: 'English' for `en`, 'Brazilian
    Portuguese' for `pt-BR`; the code itself (escaped) when Babel does not know it.

    >>> language_name("uk"), language_name("pt-BR"), language_name("xx")
    ('Ukrainian', 'Brazilian Portuguese', 'xx')
    """
    return _language_name(lang, current().code)


@functools.cache
def _language_name(lang: str, page: str) -> str:
    from babel import Locale  # only the sources page needs it

    names = Locale.parse(page.replace("-", "_")).languages
    key = lang.replace("-", "_")
    return names.get(key) or names.get(key.split("_")[0]) or esc(lang)


# --- counting and folding --------------------------------------------------------


EARLIER = {
    "claim": lambda n: ngettext("{n} earlier claim", "{n} earlier claims", n),
    "event": lambda n: ngettext("{n} earlier event", "{n} earlier events", n),
}
"""How a folded list counts what it folds, by noun (each its own plural forms)."""


LISTED = 10
"""How many of a source's or party's claims (and events) its entry lists: the most recent.
Without a cap these pages grow with the whole dataset (at 10,000 claims, past what a
search index takes for one page); the rest are one download away."""

SHOWN = 3
"""Of those, how many show before the fold; the rest are in a collapsed <details>, so a
reader on a phone scrolls past an entry's list in one screen."""


def _listing(lead: str, lines: Sequence[str], total: int, noun: str, table: str) -> str:
    """`lead` and the list, newest first: the SHOWN most recent lines, then the others
    (up to LISTED) folded, with a pointer to the CSV for any beyond."""
    newest = list(reversed(lines[-LISTED:]))
    listed, folded = newest[:SHOWN], newest[SHOWN:]
    if total > len(newest):
        lead += " " + ngettext("The {n} most recent:", "The {n} most recent:", len(newest)).format(n=len(newest))
    elif len(newest) > 1:
        lead += " " + _("The most recent first:")
    block = lead + "\n\n" + "\n".join(f"- {line}" for line in listed)
    if folded:
        # md_in_html rather than pymdownx.details: its `???` would be one more syntax that
        # esc() does not neutralise (it leaves `?` alone); raw HTML is ours alone.
        inner = "\n".join(f"- {line}" for line in folded)
        if beyond := total - len(newest):
            where = _("{earlier}, in [{table}]({link}).").format(
                earlier=EARLIER[noun](beyond).format(n=beyond), table=table, link=f"{out.DATA}/{table}"
            )
            inner += f"\n\n{where}"
        summary = EARLIER[noun](len(folded)).format(n=len(folded))
        block += f"\n\n<details markdown>\n<summary>{summary}</summary>\n\n{inner}\n\n</details>"
    return block


# --- lines -------------------------------------------------------------------------


def _cited(site: Site, claim: m.Claim) -> str:
    if not claim.cited:
        return ""
    return _(", citing {cited}").format(cited=_(" via ").join(site.party(p) for p in claim.cited))


def _claim(site: Site, claim: m.Claim, who: str) -> str:
    """'Claimed [at least 2,000 people](…), citing … (as of Feb 2025) — How many …?'"""
    when = when_text(site.derived.claim_when[claim.id], in_prose=True)
    ask = esc(site.questions[claim.question].ask)
    return f"{who} {site.claim_link(claim)}{_cited(site, claim)} ({when}) — {ask}"


def _said_by(site: Site, claim: m.Claim) -> str:
    """Who made a claim, as the subject of a sentence."""
    return _("{party} claimed").format(party=site.party(claim.claimant)) if claim.claimant else _("Stated in its own voice:")


def _event(site: Site, event: m.Event, with_actor: bool) -> str:
    """'[Confirmed on 10 Feb 2025](…): The minister confirmed …' (with the actor first on
    the sources page, where the entry is not the actor's)."""
    w = site.derived.event_when[event.id]
    when = when_text(w, in_prose=True, event=True)
    kind = esc(site.kind(event.kind) if with_actor else sentence_case(site.kind(event.kind)))
    did = f"{kind} {when}" if w.date else f"{kind} ({when})"
    actor = f"{site.party(event.actor)} " if with_actor else ""
    return f"{actor}[{did}]({site.event_link(event.id)}): {esc(event.summary)}"


# --- the sources page --------------------------------------------------------------


def _definitions(rows: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"{term}\n:   {value}" for term, value in rows)


def _source_facts(site: Site, source: m.Source) -> str:
    if source.title:
        headline = f"“{in_language(source.title, source.language)}”"
    else:
        headline = _("none; the heading above is our description of the document")
    rows = [
        (_("Publisher"), esc(source.publisher) if source.publisher_known else _("not named in the document")),
        (_("Headline"), headline),
        (_("Authors"), ", ".join(esc(a) for a in source.authors) or _("none named")),
        (_("Published"), source.published.label() if source.published else _("date not given")),
        (_("Language"), language_name(source.language)),
        (_("Web address"), f"[{esc(source.url)}]({url(source.url)})" if source.url else _("none recorded")),
    ]
    if source.archive_url:
        rows.append((_("Archived copy"), f"[{esc(source.archive_url)}]({url(source.archive_url)})"))
    if source.accessed:
        rows.append((_("Accessed"), source.accessed.label()))
    if source.relays:
        rows.append((_("Relays"), ", ".join(site.party(p) for p in source.relays)))
    if source.note:
        rows.append((_("Note"), esc(source.note)))
    return _definitions(rows)


def _source_entry(site: Site, source: m.Source) -> str:
    attrs = language_attrs(source.language) if source.title else ""  # a description is ours, in English
    blocks = [
        f"## {esc(source.display_title)} {{#source-{source.id}{' ' + attrs if attrs else ''}}}",
        _source_facts(site, source),
    ]
    claims = site.derived.claims_by_source.get(source.id, ())
    events = site.derived.events_by_source.get(source.id, ())
    if claims:
        lines = [_claim(site, c, _said_by(site, c)) for c in claims[-LISTED:]]
        lead = ngettext("It reports {n} claim.", "It reports {n} claims.", len(claims)).format(n=len(claims))
        blocks.append(_listing(lead, lines, len(claims), "claim", "citations.csv"))
    if events:
        lines = [_event(site, e, with_actor=True) for e in events[-LISTED:]]
        lead = ngettext("It reports {n} event.", "It reports {n} events.", len(events)).format(n=len(events))
        blocks.append(_listing(lead, lines, len(events), "event", "citations.csv"))
    if not claims and not events:
        blocks.append(_("No claim or event cites it yet."))
    return "\n\n".join(blocks)


# Searchable, folded lists included. Search engines index a page as one document per
# heading, and Zensical's limit is on one document's text ("split the page into smaller
# sections, or exclude it from search", its error says). Each entry has its own heading,
# so each document is one source or party, bounded by LISTED however large the dataset:
# with benchmarks/synth.py's 10k tree both pages build in Zensical, 1,503 documents, the
# longest 621 words. (Without headings each page was one document, the parties page past
# the limit at 10,000 claims, and both pages had to carry `search: exclude`.)


def sources_pages(site: Site) -> list[tuple[str, str]]:
    intro = _(
        "Every document the figures and events come from, oldest first. "
        "Where a document does not name its publisher, author or date, this page says so."
    )
    title = site.options.config.title(f"answers/{out.SOURCES}", _("Sources"))  # the navigation's words
    return listing(out.SOURCES, title, intro, source_order(site.data), lambda some: [_source_entry(site, s) for s in some])


# --- the parties page --------------------------------------------------------------


def _party_entry(site: Site, party: m.Party) -> str:
    name = esc(party.name)
    if party.short_name and party.short_name.casefold() not in party.name.casefold():  # not "Morocco (Morocco)"
        name += f" ({esc(party.short_name)})"
    about = esc(sentence_case(site.kind(party.kind))) + (f", {esc(party.country)}" if party.country else "") + "."
    if party.affiliation:
        about += " " + _("Part of {party}.").format(party=site.party(party.affiliation))
    blocks = [f"## {name} {{#party-{party.id}}}", about]
    if party.note:
        blocks.append(esc(party.note))
    claims = site.derived.claims_by_claimant.get(party.id, ())
    citing = site.derived.claims_citing.get(party.id, ())
    events = site.derived.events_by_actor.get(party.id, ())
    if claims:
        lines = [_claim(site, c, _("Claimed")) for c in claims[-LISTED:]]
        lead = ngettext("Made {n} claim.", "Made {n} claims.", len(claims)).format(n=len(claims))
        blocks.append(_listing(lead, lines, len(claims), "claim", "claims.csv"))
    if citing:
        lines = [_claim(site, c, _said_by(site, c)) for c in citing[-LISTED:]]
        lead = ngettext("Cited in {n} claim.", "Cited in {n} claims.", len(citing)).format(n=len(citing))
        blocks.append(_listing(lead, lines, len(citing), "claim", "claims.csv"))
    if events:
        lines = [_event(site, e, with_actor=False) for e in events[-LISTED:]]
        lead = ngettext("Acted in {n} event.", "Acted in {n} events.", len(events)).format(n=len(events))
        blocks.append(_listing(lead, lines, len(events), "event", "events.csv"))
    return "\n\n".join(blocks)


def parties_pages(site: Site) -> list[tuple[str, str]]:
    intro = _("Who said what: every party that makes a claim, is cited, or acts in the timeline, by name.")
    title = site.options.config.title(f"answers/{out.PARTIES}", _("Parties"))  # the navigation's words
    return listing(out.PARTIES, title, intro, party_order(site.data), lambda some: [_party_entry(site, p) for p in some])
