"""The data model: what the fact files can say, and nothing about files.

Every field a contributor can write is declared once here, with its description
and the kind of value it takes (`Text`, `Slug`, `Ref`, ...). The loader reads these
declarations to check files; the contributor guide and, later, the JSON Schema are
generated from the same declarations, so they cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .dates import FuzzyDate
from .i18n import N_
from .kinds import FILE_NAME, LANGUAGE, MEASURE_PATH, SHA256
from .kinds import Choice as Choice
from .kinds import Date as Date
from .kinds import Flag as Flag
from .kinds import ListOf as ListOf
from .kinds import Nested as Nested
from .kinds import Number as Number
from .kinds import Ref as Ref
from .kinds import Slug as Slug
from .kinds import Text as Text
from .kinds import Url as Url
from .kinds import Whole as Whole

# --- allowed values -------------------------------------------------------------


@dataclass(frozen=True)
class Hedge:
    """One way a source hedges a figure, and everything each step needs to know of it.

    The table below is the only list of hedges: the loader, the schema, the guide,
    the pages and the charts all read it, so a new hedge is one new row.
    """

    name: str
    """What a contributor writes (`hedge: at least`), and what a reader reads."""
    bound: str
    """What the figure says about the true number: ``exact``, ``about`` (near it),
    ``floor`` (the number is at or above it), ``ceiling`` (at or below) or ``range``."""
    marker: str
    """The shape the chart over time draws a single value with, one of over_time_chart.py's
    `SHAPES` (``circle``, ``diamond``, ``triangle-up`` ...); a range is drawn as an interval."""
    symbol: str
    """The chart key's symbol for it."""
    template: str = "{}"
    """How a reader reads a single value: ``at least {}``."""
    takes_value: bool = True
    takes_range: bool = False
    source_words: tuple[str, ...] = ()
    """Words sources use that mean this hedge, for "did you mean" (``approximately``), and
    which, written just before a figure in its quote, say this hedge (quotecheck.py)."""
    after_words: tuple[str, ...] = ()
    """Words that say this hedge just after a figure in a quote ("6,000 or more")."""

    @property
    def quote_words(self) -> tuple[str, ...]:
        """What a quote may write just before a figure to say this hedge: its own name
        (\"at least\"), when a single value takes it, and the sources' words for it."""
        return ((self.name,) if self.takes_value else ()) + self.source_words


BOUNDS = {"exact": "", "about": "", "floor": N_("a floor"), "ceiling": N_("a ceiling"), "range": ""}
"""What a figure can say about the true number, with how the chart key explains it."""

HEDGE_TABLE: tuple[Hedge, ...] = (
    Hedge(N_("exact"), "exact", "circle", "●", source_words=("exactly", "precisely")),
    Hedge(
        N_("about"),
        "about",
        "diamond",
        "◆",
        N_("about {}"),
        takes_range=True,
        source_words=(
            "approximately",
            "approx.",
            "approx",
            "around",
            "roughly",
            "some",
            "nearly",
            "almost",
            "an estimated",
            "estimated",
        ),
        after_words=("or so",),
    ),
    Hedge(
        N_("at least"),
        "floor",
        "triangle-up",
        "▲",
        N_("at least {}"),
        source_words=(
            "no fewer than",
            "not fewer than",
            "no less than",
            "not less than",
            "minimum",
            "a minimum of",
            "at a minimum",
        ),
        after_words=("or more",),
    ),
    Hedge(
        N_("more than"),
        "floor",
        "triangle-up",
        "▲",
        N_("more than {}"),
        source_words=("over", "above", "exceeding", "in excess of", "upwards of"),
    ),
    Hedge(
        N_("up to"),
        "ceiling",
        "triangle-down",
        "▼",
        N_("up to {}"),
        source_words=("at most", "no more than", "not more than", "maximum", "a maximum of", "at a maximum"),
        after_words=("or fewer", "or less"),
    ),
    Hedge(N_("as many as"), "ceiling", "triangle-down", "▼", N_("as many as {}")),
    Hedge(N_("range"), "range", "interval", "┃", takes_value=False, takes_range=True, source_words=("between",)),
)

UNSAID_BEFORE = (
    "fewer than",
    "less than",
    "under",
    "below",
    "not quite",
    "nowhere near",
    "possibly",
    "perhaps",
    "~",
    "≈",
    "<",
    ">",
)
"""Words that, just before a figure in a quote, hedge it in a way no hedge of the table
says ("fewer than 6,000" is neither "up to" nor exact): `check` reports them."""
UNSAID_AFTER = ("+", "-plus", "or less than")
"""The same, just after a figure ("6,000+")."""
NEGATIONS = ("not", "never", "hardly", "nor", "no")
"""A word that, before a hedge word, turns it into something else ("not over 600")."""

HEDGE = {h.name: h for h in HEDGE_TABLE}
HEDGES = tuple(HEDGE)
"""How a figure is hedged, in the words a reader would use."""
HEDGE_WORDS = {word: h.name for h in HEDGE_TABLE for word in h.source_words}
"""Words sources use, and the hedge each one is written as (for "did you mean")."""
RANGE_HEDGES = tuple(h.name for h in HEDGE_TABLE if h.takes_range)
"""Hedges that may go with a low–high pair ("25,000–30,000", "about 10,000–12,000")."""

QUESTION_KINDS = ("figures", "timeline")


# --- fields ---------------------------------------------------------------------------
# Each field's kind (kinds.py) owns how its value is read, stated in the JSON Schema
# and described in the guide.


def spec(doc: str, kind: Any, *, required: bool = False, default: Any = None) -> Any:
    """Declare a contributor-facing field: its description, kind and default."""
    meta = {"doc": doc, "kind": kind, "required": required}
    if isinstance(kind, ListOf):
        return field(default_factory=tuple, metadata=meta)
    return field(default=default, metadata=meta)


# --- locations ----------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Loc:
    """Where something stands in a fact file; line and column count from 1."""

    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


NOWHERE = Loc("", 0, 0)


@dataclass(frozen=True, kw_only=True)
class Record:
    """Base of every record read from a fact file.

    ``loc`` is where the record starts; ``marks`` maps each field name to where its
    value starts, so a later check (an unknown id, say) can point at the value.
    """

    NOUN: ClassVar[str] = "a record"
    """How messages name this kind of record ("a claim is missing the required key …")."""

    loc: Loc = field(default=NOWHERE, compare=False, repr=False)
    marks: Mapping[str, Loc] = field(default_factory=dict, compare=False, repr=False)

    def at(self, name: str) -> Loc:
        """Where field ``name`` (or list item ``name.N``, counting from 0) stands."""
        return self.marks.get(name) or self.marks.get(name.partition(".")[0], self.loc)


def spec_fields(record: type) -> list[dataclasses.Field]:
    """The contributor-facing fields of a record type, in declaration order."""
    return [f for f in dataclasses.fields(record) if "doc" in f.metadata]


# --- translations ---------------------------------------------------------------------
# A record's reader-facing texts in another language sit beside the English ones, in a
# list of `translations:` (one entry per language). Every field is optional: what is
# missing, `check` lists as a warning and that language's edition shows the English,
# marked as English. Quotes are never translated in place (a quote is verbatim): a
# citation may carry a translation, which the pages mark as one.


@dataclass(frozen=True, kw_only=True)
class Translation(Record):
    NOUN = "a translation"

    lang: str = spec("The language of these texts, as a code (`uk`); one of the site's editions.", LANGUAGE, required=True)


@dataclass(frozen=True, kw_only=True)
class UnitForms(Record):
    """A unit in a language whose nouns change with the number: CLDR's plural categories."""

    NOUN = "a unit's forms"

    one: str | None = spec(
        "The form after 1 (in some languages also after 21, 31 …).", Text(40, heading_safe=True, currency=True)
    )
    two: str | None = spec("The form for two, where a language has one.", Text(40, heading_safe=True, currency=True))
    few: str | None = spec(
        "The form after a few (2–4, 22–24 … where a language has one).", Text(40, heading_safe=True, currency=True)
    )
    many: str | None = spec(
        "The form after many (5–20, 25 … where a language has one).", Text(40, heading_safe=True, currency=True)
    )
    other: str = spec(
        "Every other number: the plural in English, fractions in some languages.",
        Text(40, heading_safe=True, currency=True),
        required=True,
    )
    zero: str | None = spec("The form for zero, where a language has one.", Text(40, heading_safe=True, currency=True))

    def form(self, category: str) -> str:
        """The form for a CLDR plural category (`one`, `few` …), else `other`."""
        return getattr(self, category, None) or self.other


PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
"""CLDR's plural categories, the fields of `UnitForms`."""


@dataclass(frozen=True, kw_only=True)
class QuestionText(Translation):
    NOUN = "a question's translation"

    ask: str | None = spec("The question.", Text(160, heading_safe=True))
    definitions: tuple[str, ...] = spec("The definitions, one for each, in the same order.", ListOf(Text(400)))
    caveats: tuple[str, ...] = spec("The caveats, one for each, in the same order.", ListOf(Text(400)))


@dataclass(frozen=True, kw_only=True)
class MeasureText(Translation):
    NOUN = "a measure's translation"

    label: str | None = spec("What is counted.", Text(80, heading_safe=True))
    unit: UnitForms | None = spec("The unit, in each form the language gives it after a number.", Nested(UnitForms))


@dataclass(frozen=True, kw_only=True)
class ClaimText(Translation):
    NOUN = "a claim's translation"

    words: str | None = spec("The figure in words, when the claim gives one.", Text(80))
    place: str | None = spec("The scope's place.", Text(160))
    operation: str | None = spec("The scope's operation.", Text(160))
    period: str | None = spec("The scope's period.", Text(160))
    derived: str | None = spec("How the figure was worked out.", Text(300))
    note: str | None = spec("The note, translated.", Text(600, one_line=False))


@dataclass(frozen=True, kw_only=True)
class EventText(Translation):
    NOUN = "an event's translation"

    summary: str | None = spec("What happened, in one sentence.", Text(300))
    note: str | None = spec("The note, translated.", Text(600, one_line=False))


@dataclass(frozen=True, kw_only=True)
class PartyText(Translation):
    NOUN = "a party's translation"

    name: str | None = spec("The full name.", Text(160))
    short_name: str | None = spec("The shorter name.", Text(60))
    country: str | None = spec("The country, translated.", Text(80))
    note: str | None = spec("The note, translated.", Text(600, one_line=False))


@dataclass(frozen=True, kw_only=True)
class SourceText(Translation):
    NOUN = "a source's translation"

    descriptive_title: str | None = spec("The description used when the document has no headline.", Text(300))
    note: str | None = spec("The note, translated.", Text(600, one_line=False))


@dataclass(frozen=True, kw_only=True)
class CorrectionText(Translation):
    NOUN = "a correction's translation"

    note: str | None = spec("What was corrected.", Text(400))


@dataclass(frozen=True, kw_only=True)
class QuoteText(Translation):
    NOUN = "a quote's translation"

    text: str = spec(
        "The quote translated; the page shows it marked as a translation, after the quote itself.",
        Text(500, one_line=False),
        required=True,
    )


@dataclass(frozen=True, kw_only=True)
class TermText(Translation):
    NOUN = "a kind's translation"

    name: str | None = spec("The word readers read.", Text(40, heading_safe=True))
    means: str | None = spec("What it means.", Text(300))


def translations(doc: str, record: type) -> Any:
    return spec(doc, ListOf(Nested(record)))


TRANSLATIONS_DOC = "The texts above in another language, one entry per language (`- lang: uk`)."


# --- the records --------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Party(Record):
    NOUN = "a party"

    id: str = spec("Stable id used to refer to this party, e.g. `city-police`.", Slug(), required=True)
    name: str = spec("Full name as a reader would recognise it.", Text(160), required=True)
    short_name: str | None = spec("Shorter name for tables, e.g. `WHO`.", Text(60))
    kind: str = spec("What sort of party this is.", Choice(vocabulary="party_kinds"), required=True)
    country: str | None = spec("Country the party belongs to, in English, e.g. `Morocco`.", Text(80))
    affiliation: str | None = spec("Id of the party this one belongs to or speaks for (an official's ministry).", Ref("parties"))
    note: str | None = spec("Anything a reader should know about this party.", Text(600, one_line=False))
    translations: tuple[PartyText, ...] = translations(TRANSLATIONS_DOC, PartyText)

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True, kw_only=True)
class Snapshot(Record):
    NOUN = "a snapshot"

    file: str = spec(
        "The saved text's file name in the site's snapshot folder (`build_facts.py capture` writes it).",
        FILE_NAME,
        required=True,
    )
    sha256: str = spec(
        "The SHA-256 hash of that file's bytes, so a changed copy is noticed (`sha256sum FILE`).", SHA256, required=True
    )
    captured: FuzzyDate | None = spec("When the copy was saved.", Date())


@dataclass(frozen=True, kw_only=True)
class Source(Record):
    NOUN = "a source"

    id: str = spec("Stable id used by claims and events to cite this source.", Slug(), required=True)
    title: str | None = spec("The headline exactly as published.", Text(300))
    descriptive_title: str | None = spec(
        "A short description to use when the document has no headline (give this or `title`).",
        Text(300),
    )
    publisher: str = spec("Who published it; write `unknown` when the document does not say.", Text(160), required=True)
    authors: tuple[str, ...] = spec("Authors as credited; leave out when none is named.", ListOf(Text(120)))
    published: FuzzyDate | None = spec(
        "Publication date as precise as the document gives it; `unknown` when it gives none.",
        Date(allow_unknown=True),
        required=True,
    )
    language: str = spec(
        "Language of the document as a code, e.g. `en`, `uk`, `ko`; the figure check reads hedge words in `en` quotes.",
        LANGUAGE,
        required=True,
    )
    url: str | None = spec("Where the document is published (https only). Never guess one.", Url())
    archive_url: str | None = spec("An archived copy, e.g. on the Wayback Machine (https only).", Url())
    accessed: FuzzyDate | None = spec("When the document was read for this dataset.", Date())
    snapshot: Snapshot | None = spec(
        "A saved copy of the document's text that `build_facts.py verify` finds every quote in.", Nested(Snapshot)
    )
    relays: tuple[str, ...] = spec("Ids of the news agencies whose reports the document says it carries.", ListOf(Ref("parties")))
    note: str | None = spec("Anything a reader should know about this source.", Text(600, one_line=False))
    translations: tuple[SourceText, ...] = translations(TRANSLATIONS_DOC, SourceText)

    @property
    def display_title(self) -> str:
        return self.title or self.descriptive_title or self.id

    @property
    def publisher_known(self) -> bool:
        return self.publisher.casefold() != "unknown"


@dataclass(frozen=True, kw_only=True)
class Citation(Record):
    NOUN = "a source citation"

    source: str = spec("Id of the source.", Ref("sources"), required=True)
    quote: str = spec(
        "A short verbatim quote from the source that states the figure or event.",
        Text(500, one_line=False),
        required=True,
    )
    translations: tuple[QuoteText, ...] = translations(
        "The quote in another language, one entry per language; never shown as the quote itself.", QuoteText
    )


@dataclass(frozen=True, kw_only=True)
class Figure(Record):
    NOUN = "a figure"

    hedge: str = spec("How the source hedges the figure.", Choice(HEDGES, tuple(HEDGE_WORDS.items())), required=True)
    value: float | None = spec("The figure, for a single number (4700).", Number())
    low: float | None = spec("Lower end, for a range (25000).", Number())
    high: float | None = spec("Upper end, for a range (30000).", Number())
    out_of: float | None = spec('The total the figure is a part of ("4,700 of 15,000").', Number())
    words: str | None = spec(
        'The amount in words when the source gives no number ("several dozen"); needs hedge `exact`.',
        Text(80),
    )

    @property
    def numeric(self) -> bool:
        return self.value is not None or self.low is not None

    @property
    def bounds(self) -> tuple[float, float] | None:
        """The nominal low and high of the figure, or None for a figure in words."""
        if self.value is not None:
            return (self.value, self.value)
        if self.low is not None and self.high is not None:
            return (self.low, self.high)
        return None


@dataclass(frozen=True, kw_only=True)
class Scope(Record):
    NOUN = "a scope"

    place: str | None = spec('Where the figure applies ("the old town").', Text(160))
    operation: str | None = spec('The operation or phase ("the second week of the rescue").', Text(160))
    period: str | None = spec('The period it covers, in words ("since the first day").', Text(160))


@dataclass(frozen=True, kw_only=True)
class Claim(Record):
    NOUN = "a claim"

    id: str = spec("Stable id of this claim; also its link anchor on the site.", Slug(), required=True)
    measure: str | None = spec(
        "Which of the question's measures this figure is (needed when the question has more than one).",
        Ref("measures"),
    )
    figure: Figure = spec("The figure and its hedge.", Nested(Figure), required=True)
    as_of: FuzzyDate | None = spec(
        "The date or period the figure describes, as precise as the source says; leave out when not stated.",
        Date(),
    )
    scope: Scope | None = spec("What the figure covers: place, operation, period.", Nested(Scope))
    claimant: str | None = spec(
        "Id of the party that makes the claim; leave out when the source states it in its own voice.",
        Ref("parties"),
    )
    cited: tuple[str, ...] = spec(
        "Ids of the parties the claimant cites, nearest first (the attribution chain).", ListOf(Ref("parties"))
    )
    sources: tuple[Citation, ...] = spec(
        "The sources that report this claim, each with a verbatim quote.", ListOf(Nested(Citation), 1), required=True
    )
    revises: str | None = spec(
        "Id of an earlier claim this one replaces; the earlier one stays on the page, marked superseded.",
        Ref("claims"),
    )
    derived: str | None = spec(
        "How the figure was worked out when no quote states it as written (a sum, a conversion); "
        "the page shows it, and `check` does not look for the figure in the quotes.",
        Text(300),
    )
    note: str | None = spec("Anything a reader needs to read the figure correctly.", Text(600, one_line=False))
    translations: tuple[ClaimText, ...] = translations(TRANSLATIONS_DOC, ClaimText)

    question: str = field(default="", compare=False)
    """Slug of the question whose file holds this claim (set by the loader, not written)."""


@dataclass(frozen=True, kw_only=True)
class Event(Record):
    NOUN = "an event"

    id: str = spec("Stable id of this event.", Slug(), required=True)
    date: FuzzyDate | None = spec(
        "When it happened, as precise as the source says (`before 2025-04-26` allowed); leave out when not stated.",
        Date(),
    )
    actor: str = spec("Id of the party that acted.", Ref("parties"), required=True)
    kind: str = spec("What the actor did.", Choice(vocabulary="event_kinds"), required=True)
    summary: str = spec("One sentence saying what happened.", Text(300), required=True)
    questions: tuple[str, ...] = spec("Slugs of the questions this event bears on.", ListOf(Ref("questions"), 1), required=True)
    sources: tuple[Citation, ...] = spec(
        "The sources that report it, each with a verbatim quote.", ListOf(Nested(Citation), 1), required=True
    )
    note: str | None = spec("Anything a reader should know about this event.", Text(600, one_line=False))
    translations: tuple[EventText, ...] = translations(TRANSLATIONS_DOC, EventText)


@dataclass(frozen=True, kw_only=True)
class Measure(Record):
    NOUN = "a measure"

    id: str = spec("Stable id of the measure within its question, e.g. `total`.", Slug(), required=True)
    label: str = spec('What is counted, as a heading ("People killed").', Text(80, heading_safe=True), required=True)
    unit: str = spec(
        'The unit, plural ("people", "buildings"); money starts with its currency mark ("US$"), a share is "%".',
        Text(40, heading_safe=True, currency=True),
        required=True,
    )
    at_most: tuple[str, ...] = spec(
        "Measures this one can never exceed at the same date (killed ≤ killed or wounded): "
        "an id of this question's measures, or `question/measure` for another question's.",
        ListOf(MEASURE_PATH),
    )
    translations: tuple[MeasureText, ...] = translations(TRANSLATIONS_DOC, MeasureText)


@dataclass(frozen=True, kw_only=True)
class Correction(Record):
    NOUN = "a correction"

    date: FuzzyDate = spec("When the correction was made.", Date(), required=True)
    note: str = spec("What was wrong and what was corrected, in a sentence a reader understands.", Text(400), required=True)
    translations: tuple[CorrectionText, ...] = translations(TRANSLATIONS_DOC, CorrectionText)


@dataclass(frozen=True, kw_only=True)
class Question(Record):
    NOUN = "the question"

    slug: str = spec("Stable id; the page address is built from it. Never change it once published.", Slug(), required=True)
    ask: str = spec("The question as a reader would ask it.", Text(160, heading_safe=True), required=True)
    kind: str = spec(
        "`figures` for a question answered with numbers, `timeline` for one answered with events.",
        Choice(QUESTION_KINDS),
        default="figures",
    )
    order: int = spec("Position on the home page (1 comes first).", Whole(), required=True)
    measures: tuple[Measure, ...] = spec(
        "What is counted; the first is the headline answer. Needed for `figures` questions.",
        ListOf(Nested(Measure)),
    )
    definitions: tuple[str, ...] = spec('Definitions a reader needs ("casualties = killed + injured").', ListOf(Text(400)))
    caveats: tuple[str, ...] = spec("Why the figures are uncertain or not comparable.", ListOf(Text(400)))
    corrections: tuple[Correction, ...] = spec(
        "Corrections a reader should know of, each dated; the page lists them with the changes from the repository's history.",
        ListOf(Nested(Correction)),
    )
    translations: tuple[QuestionText, ...] = translations(TRANSLATIONS_DOC, QuestionText)

    def measure(self, measure_id: str | None) -> Measure | None:
        if measure_id is None:
            return self.measures[0] if len(self.measures) == 1 else None
        return self._measures.get(measure_id)

    @functools.cached_property
    def _measures(self) -> dict[str, Measure]:
        """Measures by id, the first of a duplicated id winning (one look-up per claim:
        scanning the list made a question with thousands of measures quadratic)."""
        index: dict[str, Measure] = {}
        for measure in self.measures:
            index.setdefault(measure.id, measure)
        return index


@dataclass(frozen=True, kw_only=True)
class FactFile(Record):
    """One YAML file. Any of these keys may appear; a question file holds `question` and its `claims`."""

    NOUN = "a fact file"

    question: Question | None = spec("The question this file answers.", Nested(Question))
    claims: tuple[Claim, ...] = spec("Figures that answer the question in this file.", ListOf(Nested(Claim)))
    events: tuple[Event, ...] = spec("Dated events: who confirmed, denied or did what, and when.", ListOf(Nested(Event)))
    sources: tuple[Source, ...] = spec("Documents that claims and events cite.", ListOf(Nested(Source)))
    parties: tuple[Party, ...] = spec("Who makes claims or acts.", ListOf(Nested(Party)))


@dataclass(frozen=True, kw_only=True)
class Term(Record):
    NOUN = "a kind"

    name: str = spec(
        "The word contributors write in `kind:` and readers read on the site.", Text(40, heading_safe=True), required=True
    )
    means: str = spec("What it means, so contributors choose the right one.", Text(300), required=True)
    confirms: bool = spec(
        "Event kinds only: `true` when an event of this kind confirms what a timeline question asks, "
        "so it counts in that question's one-line answer.",
        Flag(),
        default=False,
    )
    translations: tuple[TermText, ...] = translations(TRANSLATIONS_DOC, TermText)


@dataclass(frozen=True, kw_only=True)
class Vocabulary(Record):
    """The site's own kinds of parties and events (facts/vocabulary.yaml)."""

    NOUN = "the vocabulary"

    party_kinds: tuple[Term, ...] = spec("Every kind of party the site's facts may name.", ListOf(Nested(Term), 1), required=True)
    event_kinds: tuple[Term, ...] = spec(
        "Every kind of event the site's facts may record.", ListOf(Nested(Term), 1), required=True
    )

    def names(self, which: str) -> tuple[str, ...]:
        terms: tuple[Term, ...] = getattr(self, which)
        return tuple(t.name for t in terms)

    @functools.cached_property
    def confirming(self) -> frozenset[str]:
        """Event kinds that count in a timeline question's one-line answer."""
        return frozenset(t.name for t in self.event_kinds if t.confirms)


@dataclass(frozen=True)
class Dataset:
    """Everything loaded from a facts folder, each collection sorted by id."""

    questions: tuple[Question, ...]
    claims: tuple[Claim, ...]
    events: tuple[Event, ...]
    sources: tuple[Source, ...]
    parties: tuple[Party, ...]
    question_files: Mapping[str, str] = field(default_factory=dict)
    """Question slug -> path of the fact file that holds it (for "edit this page")."""
    vocabulary: Vocabulary | None = None
    """The site's kinds of parties and events; None: the generator's defaults (vocabulary.py)."""

    def by_id(self) -> tuple[dict[str, Question], dict[str, Claim], dict[str, Event], dict[str, Source], dict[str, Party]]:
        return (
            {q.slug: q for q in self.questions},
            {c.id: c for c in self.claims},
            {e.id: e for e in self.events},
            {s.id: s for s in self.sources},
            {p.id: p for p in self.parties},
        )
