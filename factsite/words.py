"""The words and pieces every page shares: escaping, numbers, figures, dates,
footnotes, and the `Site` lookups a page renderer needs.

Pure: no I/O, no clock. All contributor text passes through `esc` (free text) or
`heading` (text the loader already restricted to a safe alphabet) before it
reaches Markdown, so no fact file can produce live HTML, links or formatting.
Only ids (strict slugs) and https URLs the loader checked go into markup.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar
from urllib.parse import quote

from . import model as m
from . import outputs as out
from .config import SiteConfig
from .dates import FuzzyDate
from .derive import Derived, QuestionView, When
from .history import History
from .i18n import N_, Untranslated, _, current
from .kinds import HEADING_SAFE, currency_mark, plain

# Every ASCII character Markdown, its extensions or HTML give a meaning to, written
# as a numeric character reference: it displays the same and means nothing.
_SPECIAL = set('\\`*_{}[]()#+-!|<>&~^=:"$')
_REFERENCES = str.maketrans({ch: f"&#{ord(ch)};" for ch in _SPECIAL})


_NUMBERED = re.compile(r"^([0-9]+)\.")
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")
"""Runs of white space, which a line of Markdown joins into one; not the no-break spaces
that group a number's digits in many languages ("6 000"): those keep a figure on one line."""


OWN_STATEMENT = N_("the article's own statement")
"""Who an unattributed claim belongs to: the article says it in its own voice."""
OWN_LABEL = N_("The article's own statement")
"""The same at the start of a line or a label."""


def esc(text: str) -> str:
    """Contributor text -> inert inline Markdown (one line, nothing interpreted).

    "." is not special, except after digits at the start: where the text begins a
    block, "1986. A year" would become a list item numbered 1.

    >>> esc("1986. A <b>"), esc("A year. 1986.")
    ('1986&#46; A &#60;b&#62;', 'A year. 1986.')
    """
    words = _SPACES.split(text.strip()) if "\u00a0" in text or "\u202f" in text else text.split()
    escaped = " ".join(words).translate(_REFERENCES)
    return _marked(text, _NUMBERED.sub(r"\1&#46;", escaped, count=1))


def _marked(text: str, shown: str) -> str:
    """Text an edition shows in the fact files' own language for want of a translation,
    marked as such (screen readers, hyphenation, search stemming); other text as is."""
    if isinstance(text, Untranslated) and text.lang != current().code:
        return f'<span lang="{text.lang}">{shown}</span>'
    return shown


def sentence_case(text: str) -> str:
    """The first letter up, the rest as written: "UN agency" stays, "NGO" is not "Ngo".

    >>> sentence_case("UN agency"), sentence_case("news media"), sentence_case("")
    ('UN agency', 'News media', '')
    """
    return text[:1].upper() + text[1:]


def heading(text: str) -> str:
    """Text for a heading or page title; the loader allowed only a safe alphabet."""
    if not HEADING_SAFE.fullmatch(text):  # a bug upstream, never contributor error
        raise ValueError(f"unsafe heading text reached the renderer: {text!r}")
    return _marked(text, str(text))


def url(address: str) -> str:
    """An https URL the loader checked, made safe inside a Markdown link target."""
    return quote(address, safe=":/?#=&%~+@,;!$'*.-_")


# --- text in another language -----------------------------------------------------

LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
"""A well-formed BCP 47 tag as this site writes one (`en`, `uk`, `pt-BR`, `zh-Hant`).
Only a tag matching this goes into a `lang` attribute; the audit checks the same."""


RTL_LANGUAGES = frozenset("ar he fa ur yi ps sd ug dv ckb".split())
RTL_SCRIPTS = frozenset("Arab Hebr Thaa Syrc Nkoo Adlm Rohg".split())
"""Written right to left: these languages, unless a script subtag says otherwise
(`ug-Latn` is left to right), and any language in these scripts (`pa-Arab`)."""


def language_attrs(lang: str) -> str:
    """HTML attributes marking text as written in `lang`, or "" for a malformed tag.

    >>> language_attrs("uk"), language_attrs("ar"), language_attrs("en-GB"), language_attrs("x onload")
    ('lang="uk"', 'lang="ar" dir="rtl"', '', '')
    """
    if not LANGUAGE_TAG.fullmatch(lang):
        return ""
    primary, *rest = lang.split("-")
    if primary == current().code.split("-")[0]:  # the page's own language needs no mark
        return ""
    scripts = [s for s in rest if len(s) == 4 and s.isalpha()]
    rtl = scripts[0].title() in RTL_SCRIPTS if scripts else primary in RTL_LANGUAGES
    return f'lang="{lang}"' + (' dir="rtl"' if rtl else "")


def in_language(text: str, lang: str) -> str:
    """Contributor text, escaped, marked as written in `lang` (for screen readers,
    hyphenation, fonts and the direction of right-to-left scripts).

    >>> in_language("Привіт <b>", "uk")
    '<span lang="uk">Привіт &#60;b&#62;</span>'
    >>> in_language("Hello", "not a tag")
    'Hello'
    """
    attrs = language_attrs(lang)
    return f"<span {attrs}>{esc(text)}</span>" if attrs else esc(text)


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
    for power, scale, below in ((9, N_("{number} billion"), 10**4), (6, N_("{number} million"), 10**3)):
        scaled = exact.scaleb(-power)
        if 1 <= scaled < below and scaled == scaled.quantize(_TENTH):
            return _(scale).format(number=current().grouped(scaled))
    return current().grouped(exact)


_TENTH = Decimal("0.1")


# --- units: where the unit goes around a number ----------------------------------------
# The one place a figure meets its unit; the pages, the answer sentences, the charts'
# labels and axes, the alt texts and the JSON-LD all write figures through `figure`
# (and chart ticks through `quantity`).

OF_WORDS = frozenset(
    "hundreds thousands millions billions trillions dozens tens scores"
    " half third thirds quarter quarters fifth fifths sixth sixths seventh sevenths"
    " eighth eighths ninth ninths tenth tenths"
    " majority minority handful fraction couple lot lots".split()
)
"""Last words of a figure in words that need "of" before what they count: number-nouns
and fractions ("hundreds of people", "a third of buildings", "a handful of drones").
Number-adjectives take none, so they are not here: "several dozen missiles", "a few
hundred people", "several people" (and "a dozen", "a hundred" read as adjectives)."""

PERCENT_WORDS = ("percent", "per cent")
"""A unit that starts with one of these is written as a word after the number
("100 percent of the votes counted"); only "%" is joined to it ("45%")."""


@dataclass(frozen=True)
class Unit:
    """A measure's unit, split where a figure is written into it.

    >>> Unit.of("US$ in damage"), Unit.of("% of buildings"), Unit.of("people")
    (Unit(mark='US$', sign='', rest='in damage'), Unit(mark='', sign='%', rest='of buildings'), Unit(mark='', sign='', rest='people'))
    """

    mark: str
    """A currency mark, written before the number with no space ("US$8.7 billion"): money
    is read mark first in English, and the mark once before a range ("US$10,000–12,000")."""
    sign: str
    """"%", written after the number with no space ("40–45%"), as English style guides do."""
    rest: str
    """The words after the number ("people", "in damage", "of buildings")."""

    @classmethod
    def of(cls, unit: str) -> Unit:
        mark = currency_mark(unit)
        if mark:
            return cls(mark, "", unit[len(mark) :].strip())
        if unit == "%" or unit.startswith("% "):
            return cls("", "%", unit[1:].strip())
        return cls("", "", unit)

    def amount(self, numbers: str) -> str:
        """A number (or a low–high pair) with the mark and the sign: 'US$8.7 billion', '40–45%'."""
        return f"{self.mark}{numbers}{self.sign}"


def quantity(value: float, unit: str = "") -> str:
    """A bare number as a figure writes it, for a chart's axis: the currency mark and the
    percent sign go with the number, the rest of the unit goes in the axis title.

    >>> quantity(5e9, "US$ in damage"), quantity(45, "% of buildings"), quantity(5000, "people")
    ('US$5 billion', '45%', '5,000')
    """
    return Unit.of(unit).amount(number(value))


def _in_words(words: str, unit: Unit) -> str:
    """A figure in words with its unit. The words carry no number, so there is nothing to
    join a "%" or a currency mark to: a percent is dropped (the words say the share), a
    currency mark goes before the words as a label ("US$ several billion"): writing
    "several billion US$" would read the mark as a word, "several billion dollars" would
    guess the currency."""
    rest = unit.rest
    if not current().english:  # the English rules below ("hundreds of people") are English grammar
        return " ".join(t for t in (unit.mark, words, rest) if t)
    if unit.mark:
        return " ".join(t for t in (unit.mark, words, rest) if t)
    if not unit.sign:
        for word in PERCENT_WORDS:
            if rest == word or rest.startswith(word + " "):
                rest = rest[len(word) :].strip()
    if not rest:
        return words
    last = words.split()[-1].casefold().strip(".,;:")
    joined = last in OF_WORDS and rest.split()[0].casefold() != "of"
    return f"{words} of {rest}" if joined else f"{words} {rest}"


def figure(fig: m.Figure, unit: str = "") -> str:
    """The figure as a reader would say it, with its unit where English puts it.

    >>> about = m.Figure(hedge="about", low=10000, high=12000)
    >>> figure(about, "people"), figure(about, "US$"), figure(m.Figure(hedge="about", value=45), "% of buildings")
    ('about 10,000–12,000 people', 'about US$10,000–12,000', 'about 45% of buildings')
    >>> figure(m.Figure(hedge="exact", words="hundreds"), "people"), figure(m.Figure(hedge="exact", words="several dozen"), "missiles")
    ('hundreds of people', 'several dozen missiles')
    """
    last = fig.out_of if fig.out_of is not None else fig.high if fig.high is not None else fig.value
    parts = Unit.of(unit_form(unit, last))
    if fig.words is not None:
        if fig.out_of is None:
            return _in_words(fig.words, parts)
        text = _("{part} of {whole}").format(part=fig.words, whole=parts.amount(number(fig.out_of)))
    else:
        if fig.low is not None and fig.high is not None:
            numbers = f"{number(fig.low)}–{number(fig.high)}"
        else:
            assert fig.value is not None
            numbers = number(fig.value)
        text = _(m.HEDGE[fig.hedge].template).format(parts.amount(numbers))
        if fig.out_of is not None:
            text = _("{part} of {whole}").format(part=text, whole=parts.amount(number(fig.out_of)))
    return f"{text} {parts.rest}" if parts.rest else text


class FormsUnit(str):
    """A unit with the forms its language gives it after a number (1 солдат, 2 солдати,
    5 солдатів); as a plain string, the form after a large round number (an axis title)."""

    forms: m.UnitForms


def forms_unit(forms: m.UnitForms) -> FormsUnit:
    text = FormsUnit(forms.form(current().plural(1000)))
    text.forms = forms
    return text


def unit_form(unit: str, n: float | None) -> str:
    """The unit's form after the number ``n`` (the last number written before it)."""
    if not isinstance(unit, FormsUnit) or n is None:
        return unit
    return unit.forms.form(current().plural(Decimal(plain(n))))


def date_text(date: FuzzyDate | None) -> str:
    return date.label() if date else _("date not given")


def _on(date: FuzzyDate) -> str:
    """A date in a sentence about an event: 'on 28 Apr 2025', 'in Apr 2025', 'before 26 Apr 2025'."""
    if date.before:
        return date.label()
    return (_("on {date}") if date.precision == "day" and not date.end else _("in {date}")).format(date=date.label())


def when_text(w: When, in_prose: bool = False, event: bool = False) -> str:
    """For a table cell: 'Apr 2025', 'not stated, reported 1 Sep 2025' or 'not stated'.
    In prose: 'as of Apr 2025' (a claim) or 'on 28 Apr 2025' (an event), else
    'date not stated, reported 1 Sep 2025' or 'date not stated'."""
    if w.date:
        if not in_prose:
            return w.date.label()
        return _on(w.date) if event else _("as of {date}").format(date=w.date.label())
    text = _("date not stated") if in_prose else _("not stated")
    return _("{date_not_stated}, reported {date}").format(date_not_stated=text, date=w.reported.label()) if w.reported else text


# --- footnotes -----------------------------------------------------------------------


@dataclass
class Notes:
    """The footnotes of one page: one per source, reused by every row that cites it."""

    sources: dict[str, m.Source]
    link_base: str  # how this page reaches the answers folder ("" or "answers/")
    verified: Mapping[str, m.Snapshot] | None = None
    """See `Options.verified`."""
    checked_on: dt.date | None = None
    translated: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(source id, quote) -> the quote in the page's language, where a contributor gave one."""
    listed: Mapping[str, str] = field(default_factory=dict)
    """See `Site.listed`: which page of the sources listing holds each source."""
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
            listing = self.listed.get(f"source-{sid}", out.SOURCES)
            lines = [f"[^{sid}]: {source_line(self.sources[sid], self.link_base, listing)}", ""]
            lang = self.sources[sid].language  # a quote is verbatim, in its source's language
            for said in self.quotes[sid]:
                lines.append(f"    - “{in_language(said, lang)}”")
                translated = self.translated.get((sid, said))
                if translated:  # marked as a translation, never as the quote
                    lines.append("      <br>*" + _("Translation:") + f"* {esc(translated)}")
            lines += ["", "    " + self.check_line(self.sources[sid])]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)

    def check_line(self, source: m.Source) -> str:
        """Whether this build found the quotes in a saved copy of the source, and when."""
        snapshot = self.verified.get(source.id) if self.verified is not None else None
        if snapshot is not None:
            saved = (
                _("saved {date}").format(date=snapshot.captured.label())
                if snapshot.captured
                else _("date of saving not recorded")
            )
            on = _("on {date}").format(date=day(self.checked_on)) if self.checked_on else _("when this page was built")
            line = _("Quotes checked {on}: each quote above was found, word for word, in a saved copy of this source ({saved}).")
            return f"*{line.format(on=on, saved=saved)}*"
        if source.snapshot is not None:
            return (
                "*"
                + _("Quotes not checked in this build: a saved copy of this source is recorded, but this build did not have it.")
                + "*"
            )
        return "*" + _("Quotes not checked by machine: no saved copy of this source is recorded.") + "*"

    def verified_count(self) -> tuple[int, int]:
        """How many of the sources cited so far had their quotes verified, of how many."""
        done = sum(1 for sid in self.quotes if self.verified is not None and sid in self.verified)
        return done, len(self.quotes)


def day(date: dt.date) -> str:
    """A calendar day as every page writes one: "1 Sep 2025"."""
    return current().day(date)


def source_line(source: m.Source, link_base: str = "", listing: str = out.SOURCES) -> str:
    """Publisher, title, author, date, links: everything known about a source, in one line."""
    publisher = esc(source.publisher) if source.publisher_known else _("Publisher not named")
    title = (
        f"“{in_language(source.title, source.language)}”"
        if source.title
        else _("{description} (no headline; description ours)").format(description=esc(source.display_title))
    )
    authors = (
        _("By {authors}").format(authors=", ".join(esc(a) for a in source.authors)) if source.authors else _("No author named")
    )
    published = _("Published {date}").format(date=source.published.label()) if source.published else _("Date not given")
    links = []
    if source.url:
        links.append("[" + _("Read it") + f"]({url(source.url)})")
    if source.archive_url:
        links.append("[" + _("archived copy") + f"]({url(source.archive_url)})")
    if not links:
        links.append(_("No web address recorded"))
    links.append("[" + _("details") + f"]({link_base}{listing}#source-{source.id})")
    return f"{publisher}. {title}. {authors}. {published}. " + " · ".join(links)


# --- shared pieces -----------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """What the pages depend on besides the facts; passed in so rendering stays pure."""

    today: dt.date | None = None
    """The build's date (from SOURCE_DATE_EPOCH): the reference for "out of date"."""
    stale_after_days: int = 365
    config: SiteConfig = field(default_factory=SiteConfig)
    """The site's name and page titles, from its mkdocs.yml."""
    site_url: str | None = None
    """Where the site is published, for citations and JSON-LD; None when unknown."""
    charts: Mapping[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    """(question slug, measure id) -> (chart kind, alt text) of each chart the measure has, in page order."""
    verified: Mapping[str, m.Snapshot] | None = None
    """Source id -> the saved copy every quote of the source was found in by this build
    (verify.py); None when this build checked no quotes (no snapshot folder)."""
    history: History | None = None
    """The claims' changes from git (history.py); None: no history section at all."""
    edition: str = ""
    """Where this language's edition sits in the site: "" for the first, "uk/" for another."""


@dataclass(frozen=True)
class Site:
    """What every page renderer needs: the data, the derived views, lookups and options."""

    data: m.Dataset
    derived: Derived
    parties: dict[str, m.Party]
    sources: dict[str, m.Source]
    questions: dict[str, m.Question]
    options: Options
    quote_translations: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(source id, quote) -> the quote's translation into the page's language, if given."""
    kinds: Mapping[str, str] = field(default_factory=dict)
    """A party or event kind -> its name in the page's language, where the vocabulary gives one."""

    @classmethod
    def of(cls, data: m.Dataset, derived: Derived, options: Options | None = None) -> Site:
        lang = current().code
        citations = [c.sources for c in data.claims] + [e.sources for e in data.events]
        cited = (c for sources in citations for c in sources)
        translated = {(c.source, c.quote): t.text for c in cited for t in c.translations if t.lang == lang}
        terms = (*data.vocabulary.party_kinds, *data.vocabulary.event_kinds) if data.vocabulary else ()
        kinds = {term.name: t.name for term in terms for t in term.translations if t.lang == lang and t.name}
        return cls(
            data,
            derived,
            {p.id: p for p in data.parties},
            {s.id: s for s in data.sources},
            {q.slug: q for q in data.questions},
            options or Options(),
            translated,
            kinds,
        )

    @functools.cached_property
    def claims(self) -> dict[str, m.Claim]:
        """Claims by id, made once per site (each question's feed and history look them up)."""
        return {c.id: c for c in self.data.claims}

    @functools.cached_property
    def listed(self) -> dict[str, str]:
        """Anchor -> the page of its site-wide listing that shows it: ``party-<id>``,
        ``source-<id>`` and ``event-<id>`` (the listings are paged, `outputs.PAGED`)."""
        listings = (
            (out.SOURCES, "source", [s.id for s in source_order(self.data)]),
            (out.PARTIES, "party", [p.id for p in party_order(self.data)]),
            (out.TIMELINE, "event", [e.id for e in self.derived.events]),
        )
        return {f"{anchor}-{ident}": out.listed_on(first, n) for first, anchor, ids in listings for n, ident in enumerate(ids)}

    def event_link(self, event_id: str, link_base: str = "") -> str:
        """Where the timeline shows an event: its page, and its anchor there."""
        return f"{link_base}{self.listed[f'event-{event_id}']}#event-{event_id}"

    def kind(self, name: str) -> str:
        """A party's or event's kind as the page's language names it."""
        return self.kinds.get(name) or name

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
            return _(OWN_LABEL)
        party = self.parties[pid]
        return f"[{esc(party.label)}]({link_base}{self.listed[f'party-{pid}']}#party-{pid})"

    def notes(self, link_base: str = "") -> Notes:
        """An empty set of footnotes for one page."""
        return Notes(self.sources, link_base, self.options.verified, self.options.today, self.quote_translations, self.listed)

    def claimant(self, claim: m.Claim, link_base: str = "") -> str:
        text = self.party(claim.claimant, link_base)
        if claim.cited:
            chain = _(" via ").join(self.party(p, link_base) for p in claim.cited)
            text = _("{claimant}, citing {cited}").format(claimant=text, cited=chain)
        return text

    def unit(self, claim: m.Claim) -> str:
        measure = self.questions[claim.question].measure(claim.measure)
        assert measure is not None
        return measure.unit

    def claim_link(self, claim: m.Claim, link_base: str = "") -> str:
        """A figure shown away from its question page: a link to the claim it states."""
        text = esc(figure(claim.figure, self.unit(claim)))
        return f"[{text}]({link_base}{out.question_page(claim.question)}#claim-{claim.id})"


def source_order(data: m.Dataset) -> list[m.Source]:
    """The sources listing's order: oldest first, undated last, then by id."""
    return sorted(data.sources, key=lambda s: ((0, s.published.sort_key()) if s.published else (1,), s.id))


def party_order(data: m.Dataset) -> list[m.Party]:
    """The parties listing's order: by name."""
    return sorted(data.parties, key=lambda p: (p.name.casefold(), p.id))


T = TypeVar("T")


def listing(
    first: str, title: str, intro: str, entries: Sequence[T], shown: Callable[[Sequence[T]], list[str]]
) -> list[tuple[str, str]]:
    """A site-wide listing as pages of at most `outputs.PAGED` entries each: (path, text),
    the first at ``first``. ``shown`` renders one page's entries as blocks. Every page has
    the title, the intro and, when there are several, a line to the others at its top
    and bottom."""
    size, paths = out.PAGED[first], out.listing_pages(first, len(entries))
    pages = []
    for number, path in enumerate(paths, 1):
        head = f"# {esc(title)}"
        if len(paths) > 1:
            head = "# " + _("{title}, page {number} of {total}").format(title=esc(title), number=number, total=len(paths))
        around = _pager(first, number, len(paths))
        pages.append((path, page(head, intro, around, *shown(entries[(number - 1) * size : number * size]), around)))
    return pages


def _pager(first: str, number: int, total: int) -> str:
    """'Page 2 of 40: previous page · next page · first page' (links), or nothing for one page."""
    if total == 1:
        return ""
    links = []  # no _() inside an f-string: Babel's extractor would not see it
    if number > 1:
        links.append("[" + _("Previous page") + f"]({out.listing_page(first, number - 1)})")
    if number < total:
        links.append("[" + _("Next page") + f"]({out.listing_page(first, number + 1)})")
    if number > 2:
        links.append("[" + _("First page") + f"]({first})")
    return _("Page {number} of {total}:").format(number=number, total=total) + " " + " · ".join(links)


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def page(*blocks: str) -> str:
    return "\n\n".join(b for b in blocks if b).rstrip() + "\n"
