"""Follow a question: an Atom feed (RFC 4287) per question and one for the whole site.

An entry per estimate added or changed, read from the fact files' history (history.py):
its figure with hedge and unit, its claimant and date, and a link to its row; and an
entry per correction a question records. Written by the generator, not by a theme or a
plugin, so every engine publishes the same feeds.

Pure. XML is built with ElementTree, which escapes every text: a contributor's words or
a commit subject can never become markup. Ids are URNs made of the site's package name,
the question slug, the commit and the claim id, so an entry keeps its id from build to
build; a site without `site_url` gets relative links, which Atom resolves against the
feed's own address.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import PurePosixPath

from . import model as m
from . import outputs as out
from .history import Change
from .i18n import N_, _, current
from .words import OWN_STATEMENT, Site, figure, when_text

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50
"""Entries in a feed, newest first (a feed is a list of recent news, not an archive)."""
NO_DATE = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: dt.date
    link: str
    summary: str


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _base(site: Site) -> str:
    """How a feed in answers/feeds/ reaches the answers folder: absolute when the site's
    address is known."""
    url = site.options.site_url
    return f"{url.rstrip('/')}/answers/" if url else "../"


def _page(site: Site, slug: str) -> str:
    return f"{_base(site)}{slug}/"


def _claim_entry(site: Site, change: Change, claim: m.Claim, verb: str, urn: str) -> Entry:
    question = site.questions[claim.question]
    measure = question.measure(claim.measure)
    label = measure.label if measure else question.ask
    who = site.parties[claim.claimant].label if claim.claimant else _(OWN_STATEMENT)
    when = when_text(site.derived.claim_when[claim.id], in_prose=True)
    said = f"{figure(claim.figure, site.unit(claim))} ({who}, {when})"
    sources = "; ".join(site.sources[c.source].display_title for c in claim.sources)
    return Entry(
        id=f"{urn}:{claim.question}:{change.sha}:{claim.id}",
        title=_(verb) + f": {label}: {said}",
        updated=change.date,
        link=f"{_page(site, claim.question)}#claim-{claim.id}",
        summary=_("{question} {label}: {said}. Source: {sources}. Change: {change}.").format(
            question=question.ask, label=label, said=said, sources=sources, change=change.subject or _("no description")
        ),
    )


def question_entries(site: Site, slug: str, urn: str) -> list[Entry]:
    claims = site.claims
    entries = []
    history = site.options.history
    for change in history.by_question.get(slug, ()) if history and history.available else ():
        for verb, ids in ((N_("New estimate"), change.added), (N_("Revised estimate"), change.changed)):
            entries += [
                _claim_entry(site, change, claims[i], verb, urn) for i in ids if i in claims and claims[i].question == slug
            ]
    question = site.questions[slug]
    for n, fix in enumerate(question.corrections):
        entries.append(
            Entry(
                id=f"{urn}:{slug}:correction:{n}:{fix.date.label()}",
                title=_("Correction: {question}").format(question=question.ask),
                updated=fix.date.start.first,
                link=f"{_page(site, slug)}#what-changed",
                summary=fix.note,
            )
        )
    return entries


def _newest(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)[:FEED_ENTRIES]


def atom(site: Site, title: str, feed_id: str, self_href: str, page_href: str, entries: list[Entry]) -> str:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": current().code})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    updated = max((e.updated for e in entries), default=site.options.today or NO_DATE)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(updated)
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = site.options.config.name or _("Fact site")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=self_href)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=page_href)
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}title").text = entry.title
        ET.SubElement(item, f"{{{ATOM}}}id").text = entry.id
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _stamp(entry.updated)
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=entry.link)
        ET.SubElement(item, f"{{{ATOM}}}summary").text = entry.summary
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def feed_outputs(site: Site, urn: str) -> list[out.Output]:
    """A feed per question, the site's feed, and the map the MkDocs hook reads to link
    each page to its feed ("*": the site's)."""
    name = site.options.config.name or _("Fact site")
    base = _base(site)
    files, everything, feed_map = [], [], {"*": out.SITE_FEED}
    for view in site.derived.questions:
        q = view.question
        entries = question_entries(site, q.slug, urn)
        everything += entries
        own = PurePosixPath(out.question_feed(q.slug)).name  # the feed's own address, beside it
        text = atom(site, f"{name}: {q.ask}", f"{urn}:{q.slug}", own, f"{base}{q.slug}/", _newest(entries))
        files.append(out.Output(out.question_feed(q.slug), text, out.question_owner(q)))
        feed_map[out.question_page(q.slug)] = out.question_feed(q.slug)
    home = f"{site.options.site_url.rstrip('/')}/" if site.options.site_url else "../../"
    site_feed = atom(site, name, urn, PurePosixPath(out.SITE_FEED).name, home, _newest(everything))
    files.append(out.Output(out.SITE_FEED, site_feed))
    files.append(out.Output(out.FEED_MAP, json.dumps(feed_map, indent=2, sort_keys=True) + "\n"))
    return files
