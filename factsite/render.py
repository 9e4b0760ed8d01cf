"""Dataset + derived views -> the question pages, the home page's list and the timeline,
as a mapping of relative path to text.

Pure: no I/O, no clock. Every contributor text goes through `words.esc` or
`words.heading` (see words.py); the sources and parties pages are in directory.py.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterable, Sequence

from . import model as m
from . import outputs as out
from .dates import FuzzyDate
from .derive import Derived, MeasureView, QuestionView
from .directory import parties_pages, sources_pages
from .export import package_name
from .feeds import feed_outputs
from .history import Change
from .i18n import N_, _, current, ngettext
from .kinds import SLUG
from .words import (
    OWN_STATEMENT,
    Notes,
    Options,
    Site,
    day,
    esc,
    figure,
    heading,
    in_language,
    listing,
    page,
    sentence_case,
    table,
    when_text,
)

# --- answers ------------------------------------------------------------------------


def estimate(site: Site, claim: m.Claim, unit: str, notes: Notes, link_base: str = "") -> str:
    """One estimate as the answer states it: the figure with its hedge and unit, who claims
    it, its date, its footnote. '**at least 6,000 people** (City police, date
    not stated, reported 1 Sep 2025)¹'."""
    who = site.claimant(claim, link_base) if claim.claimant else _(OWN_STATEMENT)
    when = when_text(site.derived.claim_when[claim.id], in_prose=True)
    worked = _("; worked out, not quoted") if claim.derived else ""
    return f"**{esc(figure(claim.figure, unit))}** ({who}, {when}{worked}){notes.cite(claim.sources)}"


def _same_figure(claims: tuple[m.Claim, ...]) -> bool:
    first = claims[0].figure
    return all(
        (c.figure.hedge, c.figure.value, c.figure.low, c.figure.high, c.figure.words, c.figure.out_of)
        == (first.hedge, first.value, first.low, first.high, first.words, first.out_of)
        for c in claims
    )


def _share_a_day(dates: list[FuzzyDate]) -> bool:
    """Whether every date's span holds one same day ("Mar 2031" and "18 Mar 2031"): then
    their difference is precision, not time passing."""
    firsts = [dt.date.min if d.before else d.start.first for d in dates]
    lasts = [d.start.first - dt.timedelta(days=1) if d.before else (d.end or d.start).last for d in dates]
    return max(firsts) <= min(lasts)


def _dates(site: Site, claims: tuple[m.Claim, ...]) -> str:
    """Say when estimates differ in date (the difference may be time passing), and how
    many state no date of their own."""
    whens = [site.derived.claim_when[c.id] for c in claims]
    dated = sorted((w.effective for w in whens if w.effective), key=FuzzyDate.sort_key)
    unstated = [w for w in whens if w.date is None]
    parts = []
    if dated and dated[0].label() != dated[-1].label() and not _share_a_day(dated):
        line = (
            _(
                "Their dates (the article's date where none is stated) run from {first} to {last}, "
                "so part of the difference may be time passing rather than disagreement."
            )
            if any(w.reported for w in unstated)
            else _(
                "Their dates run from {first} to {last}, so part of the difference may be time passing rather than disagreement."
            )
        )
        parts.append(line.format(first=dated[0].label(), last=dated[-1].label()))
    if unstated:
        n = len(unstated)
        none = sum(1 for w in unstated if w.reported is None)
        if n == 1:
            line = _("One states no date of its own, nor does its article.") if none else _("One states no date of its own.")
        elif none:
            line = ngettext(
                "{n} state no date of their own; for {none} of them, nor does the article.",
                "{n} state no date of their own; for {none} of them, nor does the article.",
                n,
            )
        else:
            line = ngettext("{n} state no date of their own.", "{n} state no date of their own.", n)
        parts.append(line.format(n=n, none=none))
    return " ".join(parts)


def answer(site: Site, view: MeasureView, notes: Notes, link_base: str = "") -> str:
    """The answer's first line for one measure. Never says more than the estimates: every
    figure keeps its hedge and unit and names its claimant and date; estimates that trace
    to one origin are not counted as confirmations (rules: docs/about.md, "The answer")."""
    unit = view.measure.unit
    ordered = view.by_value
    if not ordered:
        return _("No estimate recorded yet.")

    def one(claim: m.Claim) -> str:
        return estimate(site, claim, unit, notes, link_base)

    count, independent = len(ordered), len(view.origins)
    if count == 1:
        return _("One current estimate: {estimate}.").format(estimate=one(ordered[0]))
    if _same_figure(ordered):
        listed = "; ".join(one(c) for c in ordered)
        if independent == 1:
            line = ngettext(
                "One figure, reported {count} times, from one origin (not {count} confirmations): {listed}.",
                "One figure, reported {count} times, from one origin (not {count} confirmations): {listed}.",
                count,
            )
            return line.format(count=count, listed=listed)
        line = ngettext(
            "{count} estimates from {independent} independent origins agree: {listed}.",
            "{count} estimates from {independent} independent origins agree: {listed}.",
            independent,
        )
        return f"{line.format(count=count, independent=independent, listed=listed)} {_dates(site, ordered)}".rstrip()
    numeric = [c for c in ordered if c.figure.bounds is not None]
    words = [c for c in ordered if c.figure.bounds is None]
    lead = ngettext(
        "{count} current estimates from {independent} independent origin",
        "{count} current estimates from {independent} independent origins",
        independent,
    ).format(count=count, independent=independent)
    ends = _ends(numeric)
    if ends:
        lead += _(", from {low} to {high}").format(low=one(ends[0]), high=one(ends[1]))
        if len(numeric) > 2:
            others = len(numeric) - 2
            lead += ngettext("; {n} other between them", "; {n} others between them", others).format(n=others)
    elif numeric:
        lead += ": " + "; ".join(one(c) for c in numeric)
    if words:
        lead += (_("; in words: ") if numeric else _(", in words: ")) + "; ".join(one(c) for c in words)
    return f"{lead}. {_dates(site, ordered)}".rstrip()


def _ends(numeric: list[m.Claim]) -> tuple[m.Claim, m.Claim] | None:
    """The lowest and the highest of two or more numeric estimates (ordered by value), or
    None when there are no two ends: one estimate's range holds every other's figures
    (40–50% and 45%), so "from 40–50% to 40–50%" would name it twice and drop the rest."""
    if len(numeric) < 2:
        return None
    highest = max(numeric, key=lambda c: (c.figure.bounds[1], c.figure.bounds[0], c.id))  # type: ignore[index]
    return None if highest is numeric[0] else (numeric[0], highest)


def answer_list(site: Site, view: MeasureView, notes: Notes) -> list[str]:
    """Every current estimate, lowest first, when the first line names only the two ends."""
    numeric = [c for c in view.by_value if c.figure.bounds is not None]
    if len(numeric) <= 2 or _same_figure(view.by_value) or _ends(numeric) is None:
        return []
    return [estimate(site, c, view.measure.unit, notes) for c in view.by_value]


CONFIRMATIONS_SHOWN = 6
"""How many confirmations a timeline question's answer names (the earliest); the answer
says how many more there are and links the timeline at the first of them."""
EVENTS_SHOWN = 20
"""How many events a question page lists (the most recent), so no page grows with the
site; it says how many earlier ones there are and links the timeline at them."""


def timeline_answer(site: Site, view: QuestionView, notes: Notes, link_base: str = "") -> str:
    confirmations = view.confirmations or view.events[-1:]
    if not confirmations:
        return _("No event recorded yet.")
    items = []
    for event in confirmations[:CONFIRMATIONS_SHOWN]:
        when = when_text(site.derived.event_when[event.id], in_prose=True, event=True)
        said = _("{actor} {kind} ({when})").format(
            actor=site.party(event.actor, link_base), kind=esc(site.kind(event.kind)), when=when
        )
        items.append(said + notes.cite(event.sources))
    if more := confirmations[CONFIRMATIONS_SHOWN:]:
        link = site.event_link(more[0].id, link_base)
        items.append(
            ngettext(
                "and {n} later one, on the [timeline]({link})", "and {n} later ones, on the [timeline]({link})", len(more)
            ).format(n=len(more), link=link)
        )
    return "; ".join(items) + "."


def recent_events(site: Site, view: QuestionView, notes: Notes, level: int) -> str:
    """The question's most recent events (`EVENTS_SHOWN`), and where the earlier ones are."""
    shown = events_list(site, view.events[-EVENTS_SHOWN:], notes, level=level)
    earlier = view.events[:-EVENTS_SHOWN]
    if not earlier:
        return shown
    where = ngettext(
        "{n} earlier event is on the [timeline]({link}).",
        "{n} earlier events are on the [timeline]({link}).",
        len(earlier),
    ).format(n=len(earlier), link=site.event_link(earlier[0].id))
    return f"{where}\n\n{shown}"


# --- pages ----------------------------------------------------------------------------


def home_partial(site: Site) -> str:
    """The question list included by the hand-written home page (links from docs/): the
    first page's worth of questions, and where the others are when there are more."""
    base = "answers/"
    notes = site.notes(base)
    views = site.derived.questions
    rows = [_question_item(site, view, notes, base) for view in views[: out.PAGED[out.QUESTIONS]]]
    if len(views) > len(rows):
        more = ngettext(
            "The other {n} question, with its answer, is in [the list of questions]({link}).",
            "The other {n} questions, with their answers, are in [the list of questions]({link}).",
            len(views) - len(rows),
        )
        rows.append("\n" + more.format(n=len(views) - len(rows), link=base + out.listing_page(out.QUESTIONS, 2)))
    downloads = _(
        "**Take the data:** every claim, event, source and party as [CSV]({csv}) and [JSON]({json}), "
        "described by a [Data Package]({package}) (Frictionless Data)."
    ).format(csv=base + out.data_table("claims"), json=base + out.DATA_JSON, package=base + out.DATA_PACKAGE)
    return page("\n".join(rows), downloads, recent_changes(site, base), notes.render())


def _question_item(site: Site, view: QuestionView, notes: Notes, base: str) -> str:
    """A question as the home page and the questions listing show it: linked, with its answer."""
    q = view.question
    link = f"[{heading(q.ask)}]({base}{out.question_page(q.slug)})"
    if view.headline is None:
        text = timeline_answer(site, view, notes, base)
    else:
        text = f"{esc(view.headline.measure.label)}: {answer(site, view.headline, notes, base)}"
    stale = site.stale(view)
    if stale:
        newest = (
            _("The newest event here is from {date}.") if view.headline is None else _("The newest figure here is from {date}.")
        )
        text += f" *{newest.format(date=stale.label())}*"
    return f"- **{link}**  \n  {text}"


def questions_pages(site: Site) -> list[tuple[str, str]]:
    """Every question with its answer, paged, when the home page cannot list them all
    (nothing otherwise: a small site's home page is its list)."""
    views = site.derived.questions
    if len(views) <= out.PAGED[out.QUESTIONS]:
        return []
    intro = _("Every question, with its answer, in the order of the home page.")

    def shown(some: Sequence[QuestionView]) -> list[str]:
        notes = site.notes()
        return ["\n".join(_question_item(site, view, notes, "") for view in some), notes.render()]

    return listing(out.QUESTIONS, _("Questions"), intro, views, shown)


def _key() -> str:
    """The over-time chart's key, from the hedge table: one entry per symbol, in table order.

    The estimates chart needs none: each of its rows is labelled with the figure as written."""
    names: dict[str, list[m.Hedge]] = {}
    for hedge in m.HEDGE_TABLE:
        names.setdefault(hedge.symbol, []).append(hedge)
    entries = []
    for symbol, hedges in names.items():
        meaning = m.BOUNDS[hedges[0].bound]
        named = _(" or ").join(_(h.name) for h in hedges)
        entries.append(f"{symbol} {named}" + (" (" + _(meaning) + ")" if meaning else ""))
    return (
        "*"
        + _("Key to the charts over time:")
        + "* "
        + " · ".join(entries)
        + " · "
        + _(
            "a bar across: the month, year or period the figure is dated to · faded: superseded. "
            "Estimates with no stated date are in the first chart only."
        )
    )


def chart(site: Site, slug: str, measure: m.Measure, keyed: bool) -> tuple[str, bool]:
    """The measure's charts, estimates first; and whether the page's key is now shown.

    The key goes once per page, under the first chart over time (`keyed` says it is
    already above)."""
    blocks = []
    for kind, alt in site.options.charts.get((slug, measure.id), []):
        light, dark = (out.chart(slug, measure.id, kind, scheme) for scheme in ("light", "dark"))
        blocks.append(f"![{esc(alt)}]({light}#only-light)\n![{esc(alt)}]({dark}#only-dark)")
        if kind == "over-time" and not keyed:
            blocks.append(_key())
            keyed = True
    return "\n\n".join(blocks), keyed


def question_page(site: Site, view: QuestionView) -> str:
    q = view.question
    notes = site.notes()
    if view.headline is None:
        summary = timeline_answer(site, view, notes)
        body = [recent_events(site, view, notes, level=2)] if view.events else []
    else:
        summary = "\n".join(
            f"- **{esc(mv.measure.label)}:** {answer(site, mv, notes)}"
            + "".join(f"\n    - {line}" for line in answer_list(site, mv, notes))
            for mv in view.measures
        )
        body, keyed = [], False
        for mv in view.measures:
            charts, keyed = chart(site, q.slug, mv.measure, keyed)
            parts = (
                # An explicit id: the heading's own slug could equal a row's `claim-…` anchor.
                f"## {heading(mv.measure.label)} {{#measure-{mv.measure.id}}}",
                charts,
                estimates_table(site, mv, notes),
            )
            body.append("\n\n".join(b for b in parts if b))
        if view.events:
            body.append("## " + _("Related events") + "\n\n" + recent_events(site, view, notes, level=3))
    admonition = '!!! abstract "' + _("The answer") + '"\n\n' + "\n".join("    " + line for line in summary.splitlines())
    contradictions = clash_notes(site, view, notes)
    stale = site.stale(view)
    days = site.options.stale_after_days
    notice = (
        '!!! warning "'
        + _("Possibly out of date")
        + '"\n\n    '
        + ngettext(
            "The newest figure or event on this page is from {date}, more than {days} day before this page was built. "
            "Newer estimates may exist.",
            "The newest figure or event on this page is from {date}, more than {days} days before this page was built. "
            "Newer estimates may exist.",
            days,
        ).format(date=stale.label(), days=days)
        if stale
        else ""
    )
    about = [f"- {esc(text)}" for text in (*q.definitions, *q.caveats)]
    return page(
        f"# {heading(q.ask)}",
        admonition,
        verified_line(notes),
        contradictions,
        notice,
        *body,
        "## " + _("Definitions and caveats") + "\n\n" + "\n".join(about) if about else "",
        history_section(site, view),
        data_section(site, view),
        json_ld(site, view),
        notes.render(),
    )


HISTORY_SHOWN = 20
"""Entries of a question's history on its page; older ones are counted, not listed."""


def _claims_named(site: Site, ids: tuple[str, ...], link_base: str, slug: str) -> str:
    """Claims by their figure (a link to the row) where they still exist, else by id."""
    claims = site.claims
    named = []
    for cid in ids:
        claim = claims.get(cid)
        if claim is None or claim.question != slug:
            named.append(f"`{cid}`" if SLUG.fullmatch(cid) else _("a claim no longer in the data"))
        else:
            who = f" ({esc(site.parties[claim.claimant].label)})" if claim.claimant else ""
            named.append(
                f"[{esc(figure(claim.figure, site.unit(claim)))}]({link_base}{out.question_page(slug)}#claim-{cid}){who}"
            )
    return ", ".join(named)


def change_line(site: Site, change: Change, link_base: str = "") -> str:
    """One commit's changes to one question: what was added, changed, removed, and why."""
    parts = [
        _(verb).format(claims=_claims_named(site, ids, link_base, change.question))
        for verb, ids in (
            (N_("added {claims}"), change.added),
            (N_("changed {claims}"), change.changed),
            (N_("removed {claims}"), change.removed),
        )
        if ids
    ]
    what = sentence_case("; ".join(parts))
    commit = _("(commit {commit})").format(commit=change.commit)
    return f"**{day(change.date)}** · {what}. *{esc(change.subject) or _('No description')}* {commit}"


def history_section(site: Site, view: QuestionView) -> str:
    """The question's history: the repository's changes to its claims, and the corrections
    its fact file records, newest first."""
    history = site.options.history
    if history is None:
        return ""
    q = view.question
    title = "## " + _("What changed") + " {#what-changed}\n\n"
    correction = _("Correction:")
    fixes = [(c.date.start.first, f"- **{c.date.label()}** · {correction} {esc(c.note)}") for c in q.corrections]
    if not history.available:
        unavailable = _("History not available: {reason}.").format(reason=_(history.reason))
        return title + "\n".join([f"*{unavailable}*", "", *(f for _day, f in fixes)]).rstrip()
    entries: list[tuple[dt.date, str]] = list(fixes)
    entries += [(ch.date, "- " + change_line(site, ch)) for ch in history.by_question.get(q.slug, ())]
    entries.sort(key=lambda e: e[0], reverse=True)  # stable: a day's correction stays before its commits
    lines = [text for _, text in entries[:HISTORY_SHOWN]]
    if len(entries) > HISTORY_SHOWN or history.truncated:
        lines.append("- " + _("Earlier changes are in the repository's history."))
    return title + ("\n".join(lines) if lines else _("No change recorded since the question was added."))


def recent_changes(site: Site, base: str) -> str:
    """The home page's list of the latest changes to any question."""
    history = site.options.history
    if history is None or not history.available or not history.changes:
        return ""
    lines = []
    for change in history.changes[:RECENT_SHOWN]:
        question = site.questions.get(change.question)
        if question is None:  # a question since removed
            continue
        link = f"[{heading(question.ask)}]({base}{out.question_page(question.slug)}#what-changed)"
        lines.append(f"- {link}: " + change_line(site, change, base))
    return "## " + _("Recent changes") + "\n\n" + "\n".join(lines) if lines else ""


RECENT_SHOWN = 10


def verified_line(notes: Notes) -> str:
    """How many of the page's sources had every quote found in a saved copy, and when."""
    done, cited = notes.verified_count()
    if not cited:
        return ""
    if not done and not any(notes.sources[sid].snapshot for sid in notes.quotes):
        return "*" + _("Quotes not checked by machine: no saved copy of the sources cited here is recorded.") + "*"
    if notes.verified is None:
        return "*" + _("Quotes not checked in this build: it had no saved copies of the sources to check them against.") + "*"
    on = _("On {date}").format(date=day(notes.checked_on)) if notes.checked_on else _("When this page was built")
    if done == cited:
        line = _(
            "{on}, a machine found every quote on this page, word for word, in a saved copy of its source; each footnote says so."
        )
        return f"*{line.format(on=on)}*"
    line = ngettext(
        "{on}, a machine found the quotes of {done} of the {cited} source cited here, word for word, "
        "in saved copies of the sources; each footnote says which.",
        "{on}, a machine found the quotes of {done} of the {cited} sources cited here, word for word, "
        "in saved copies of the sources; each footnote says which.",
        cited,
    )
    return f"*{line.format(on=on, done=done, cited=cited)}*"


CLASHES_SHOWN = 10
"""Contradictions listed on one page; beyond them the page says how many more."""


def clash_notes(site: Site, view: QuestionView, notes: Notes) -> str:
    """Estimates on this page that a declared relation between measures says cannot both
    hold with an estimate of another measure (relations.py); `check` refuses the dated
    ones from one origin, so what reaches a page is a disagreement to state."""
    slug = view.question.slug
    mine = [c for c in site.derived.clashes if slug in (c.relation.lower[0], c.relation.upper[0])]
    if not mine:
        return ""
    items = []
    for clash in mine[:CLASHES_SHOWN]:
        low, up = (_measure_link(site, *end) for end in (clash.relation.lower, clash.relation.upper))
        low_unit, up_unit = (site.unit(c) for c in (clash.lower, clash.upper))
        if clash.same_origin:
            line = (
                _(
                    "{low} can be no more than {up} at the same date, so these estimates from one origin cannot both be "
                    "right if they describe the same date (one of them gives no date of its own): "
                    "{lower} for {low}, and {upper} for {up}."
                )
                if clash.undated
                else _(
                    "{low} can be no more than {up} at the same date, so these estimates from one origin cannot both be right: "
                    "{lower} for {low}, and {upper} for {up}."
                )
            )
        else:
            line = (
                _(
                    "{low} can be no more than {up} at the same date, so these estimates from different origins cannot both be "
                    "right if they describe the same date (one of them gives no date of its own): "
                    "{lower} for {low}, and {upper} for {up}."
                )
                if clash.undated
                else _(
                    "{low} can be no more than {up} at the same date, so these estimates from different origins cannot both "
                    "be right: {lower} for {low}, and {upper} for {up}."
                )
            )
        lower, upper = estimate(site, clash.lower, low_unit, notes), estimate(site, clash.upper, up_unit, notes)
        items.append("- " + line.format(low=low, up=up, lower=lower, upper=upper))
    if len(mine) > CLASHES_SHOWN:
        more = len(mine) - CLASHES_SHOWN
        items.append(
            "- "
            + ngettext(
                "{n} other pair of estimates disagree in the same way.",
                "{n} other pairs of estimates disagree in the same way.",
                more,
            ).format(n=more)
        )
    body = "\n".join("    " + line for line in "\n".join(items).splitlines())
    return '!!! warning "' + _("Estimates that cannot both hold at one date") + f'"\n\n{body}'


def _measure_link(site: Site, slug: str, measure_id: str) -> str:
    measure = site.questions[slug].measure(measure_id)
    assert measure is not None  # validate.py checked every `at_most:`
    return f"[{esc(measure.label)}]({out.question_page(slug)}#measure-{measure_id})"


def data_section(site: Site, view: QuestionView) -> str:
    q = view.question
    newest = site.newest(view)
    address = (
        " "
        + _("Retrieved from <{address}>.").format(
            address=f"{site.options.site_url.rstrip('/')}/{site.options.edition}answers/{q.slug}/"
        )
        if site.options.site_url
        else ""
    )
    built = " " + _("Page built {date}.").format(date=_zero_padded(site.options.today)) if site.options.today else ""
    label = newest.label() if newest else ""
    # "Data as of before 15 Mar 2031" reads wrong: an upper bound is the newest date, not a data date.
    as_of = (
        ""
        if not newest
        else " " + (_("The newest date here is {date}.") if newest.before else _("Data as of {date}.")).format(date=label)
    )
    cited_site = f"{esc(site.options.config.name)}, " if site.options.config.name else ""
    if view.headline is None:  # a timeline: its items are events, which live in the events table
        items = _(
            "Every event on this page is in the events table: [CSV]({csv}) · [JSON]({json}). "
            "Link to one event with its anchor (`#event-…`)"
        ).format(csv=out.data_table("events"), json=out.DATA_JSON)
    else:
        items = _(
            "Every estimate on this page: [CSV]({csv}) · [JSON]({json}). Link to one estimate with its row's anchor (`#claim-…`)"
        ).format(csv=out.question_data(q.slug, "csv"), json=out.question_data(q.slug, "json"))
    follow = _(
        "**Follow this question:** its [Atom feed]({feed}) has an entry for every new or revised estimate ([all questions]({all}))."
    ).format(feed=out.question_feed(q.slug), all=out.SITE_FEED)
    cite = _("**Cite this page:**")
    return (
        "## "
        + _("Data and citation")
        + "\n\n"
        + _("{items}. All the data: [Data Package]({package}).").format(items=items, package=out.DATA_PACKAGE)
        + f"\n\n{follow}\n\n"
        f"{cite} {cited_site}“{heading(q.ask)}”.{as_of}{built}{address}"
    )


def _zero_padded(date: dt.date) -> str:
    """The build's day as the citation line has always written it ("01 Sep 2025" in English)."""
    text = day(date)
    return f"0{text}" if current().english and date.day < 10 else text


def json_ld(site: Site, view: QuestionView) -> str:
    """schema.org Dataset (the page's data) with one Claim per estimate, as inert JSON."""
    q = view.question
    base = site.options.site_url.rstrip("/") + "/" if site.options.site_url else ""
    page = f"{base}{site.options.edition}answers/{q.slug}/"
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
        "description": _("Every published estimate answering: {question} Each with its claimant, date, hedge and source.").format(
            question=q.ask
        ),
        "inLanguage": current().code,
        "url": page,
        "isAccessibleForFree": True,
        "variableMeasured": [mv.measure.label for mv in view.measures],
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "contentUrl": f"{base}{site.options.edition}answers/{out.question_data(q.slug, 'csv')}",
            },
            {
                "@type": "DataDownload",
                "encodingFormat": "application/json",
                "contentUrl": f"{base}{site.options.edition}answers/{out.question_data(q.slug, 'json')}",
            },
        ],
        "hasPart": claims,
    }
    config = site.options.config
    if config.name:
        dataset["isPartOf"] = {"@type": "WebSite", "name": config.name, **({"url": base} if base else {})}
    # Inert inside <script>: no "<", ">" or "&" survives as itself, so nothing can close the element.
    text = json.dumps(dataset, ensure_ascii=True, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def _creative_work(source: m.Source) -> dict[str, object]:
    # `name` is the article's own headline; a description we wrote is only a description.
    key = "name" if source.title else "description"
    work: dict[str, object] = {"@type": "CreativeWork", key: source.display_title}
    if source.publisher_known:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.published:
        work["datePublished"] = source.published.iso()
    if source.url:
        work["url"] = source.url
    return work


def estimates_table(site: Site, view: MeasureView, notes: Notes) -> str:
    if not view.claims:
        return _("No estimate recorded yet.")
    rows = []
    by_id = {c.id: c for c in view.claims}
    for claim in view.claims:
        cell = esc(figure(claim.figure, view.measure.unit)) + notes.cite(claim.sources)
        later = site.derived.superseded_by.get(claim.id, ())
        if later:
            cell = (
                f"~~{cell}~~ *"
                + _("superseded by")
                + "* "
                + ", ".join(
                    f"[{esc(figure(c.figure, view.measure.unit))}](#claim-{c.id}){notes.cite(c.sources)}"
                    for cid in later
                    if (c := by_id.get(cid))
                )
            )
        scope = claim.scope
        parts = [p for p in (scope.place, scope.operation, scope.period) if p] if scope else []
        rows.append(
            [
                f'<span id="claim-{claim.id}"></span>' + when_text(site.derived.claim_when[claim.id]),
                cell,
                site.claimant(claim),
                "; ".join(esc(p) for p in parts) or "—",
                " ".join(n for n in (_worked_out(claim), esc(claim.note) if claim.note else "") if n),
            ]
        )
    # The marker lets the stylesheet stack this table's rows into blocks on a phone.
    header = [_("As of"), _("Figure"), _("Claimed by"), _("Scope"), _("Note")]
    # Each cell carries its column's name, which the stylesheet shows only on a phone, where
    # a row is a block and the header row is hidden: the page's own words, in its language.
    # An attribute the stylesheet draws, not text: the search index and copied text keep the
    # cell as it was, and a screen reader hears the label where it is shown.
    labels = [f'<span class="fs-label" data-label="{html.escape(name, quote=True)}"></span>' for name in header]
    labelled = [[f"{label}{cell}" if cell else "" for label, cell in zip(labels, row, strict=True)] for row in rows]
    return '<span class="fs-estimates"></span>\n\n' + table(header, labelled)


def _worked_out(claim: m.Claim) -> str:
    return "*" + _("Worked out, not quoted:") + f"* {esc(claim.derived)}" if claim.derived else ""


def events_list(site: Site, events: Iterable[m.Event], notes: Notes, link_base: str = "", level: int = 3) -> str:
    """Events as a timeline: a heading per year, then date, actor, what they did, sources."""
    blocks = ['<span class="fs-timeline"></span>']
    year = None
    for event in events:
        when = site.derived.event_when[event.id]
        label = str(when.effective.year()) if when.effective else _("Date not stated")
        if label != year:
            year = label
            # A heading needs a blank line on both sides; its level follows the page's outline.
            blocks += ["", f"{'#' * level} {label}", ""]
        what = f"*{esc(site.kind(event.kind))}* {esc(event.summary)}{notes.cite(event.sources)}"
        if event.note:
            what += f" *{esc(event.note)}*"
        blocks.append(
            f'- <span id="event-{event.id}"></span>**{when_text(when)}** · {site.party(event.actor, link_base)} · {what}'
        )
    # Where the timeline ends, so its style stops there (lists after it are plain lists).
    return "\n".join(blocks) + '\n\n<span class="fs-timeline-end"></span>'


def timeline_pages(site: Site) -> list[tuple[str, str]]:
    intro = _(
        "Every dated event in the data, oldest first: who confirmed, denied or did what, and when. "
        "Where a source gives no date, the event is placed at the source's publication date and marked *reported*."
    )
    title = site.options.config.title(f"answers/{out.TIMELINE}", _("Timeline"))  # the navigation's words, so the two agree

    def shown(events: Sequence[m.Event]) -> list[str]:
        if not events:
            return [_("No event recorded yet.")]
        notes = site.notes()  # each page its own footnotes
        return [events_list(site, events, notes, level=2), notes.render()]

    return listing(out.TIMELINE, title, intro, site.derived.events, shown)


def hedges_partial() -> str:
    """The reading guide's table of hedges (docs/about.md includes it), from the hedge
    table, so a new hedge is explained to readers the day it is added."""
    rows = []
    for hedge in m.HEDGE_TABLE:
        examples = [m.Figure(hedge=hedge.name, value=3000)] if hedge.takes_value else []
        examples += [m.Figure(hedge=hedge.name, low=25000, high=30000)] if hedge.takes_range else []
        words = [hedge.name] if hedge.template != "{}" else []
        words += [w for w in hedge.source_words if w not in words]
        lead = {"exact": _("the figure alone"), "range": _("two figures")}.get(hedge.bound, "")
        # The source's words are the English a source writes: the figure check reads them in English quotes.
        said = "; ".join(x for x in (lead, ", ".join(f"“{in_language(w, 'en')}”" for w in words)) if x)
        meaning = m.BOUNDS[hedge.bound]
        rows.append([_(" or ").join(esc(figure(f)) for f in examples), said + (" (" + _(meaning) + ")" if meaning else "")])
    return table([_("The site says"), _("The source said")], rows)


def render_outputs(data: m.Dataset, derived: Derived, options: Options | None = None) -> list[out.Output]:
    """Every generated page, with its path and owner."""
    site = Site.of(data, derived, options)
    pages = [
        out.Output(out.HOME_PARTIAL, home_partial(site)),
        out.Output(out.HEDGES_PARTIAL, hedges_partial()),
    ]
    for listed in (timeline_pages, sources_pages, parties_pages, questions_pages):
        pages += [out.Output(path, text) for path, text in listed(site)]
    pages += [_question_output(site, view) for view in derived.questions]
    return pages + feed_outputs(site, f"urn:{package_name(site.options.config.name)}")


def question_pages(data: m.Dataset, derived: Derived, options: Options, slugs: set[str]) -> list[out.Output]:
    """Only the pages of the questions ``slugs``, as `render_outputs` renders them."""
    site = Site.of(data, derived, options)
    return [_question_output(site, view) for view in derived.questions if view.question.slug in slugs]


def _question_output(site: Site, view: QuestionView) -> out.Output:
    q = view.question
    return out.Output(out.question_page(q.slug), question_page(site, view), out.question_owner(q))


def render_site(data: m.Dataset, derived: Derived, options: Options | None = None) -> dict[str, str]:
    """Every generated page, keyed by its path inside the generated folder."""
    return dict(sorted((o.path, o.text) for o in render_outputs(data, derived, options)))
