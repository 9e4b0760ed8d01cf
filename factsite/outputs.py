"""Every generated file's path, defined once, and the one collector that owns them.

MkDocs registers each file by its destination and reports a second file for the
same destination (``files_by_dest``); Pelican's writer refuses to write a path twice.
Here every step hands its files to one `Outputs`, which refuses a second file at a
path (or at a path that differs only in letter case) with a problem that names both
owners. Paths come from the functions below, so no step spells a path of its own:

* fixed files (`FIXED`) sit at the top of the generated folder, in ``_partials/`` or
  in ``data/``;
* a question owns ``<slug>.md`` and everything under ``charts/<slug>/`` and
  ``data/questions/``, so two questions' charts and data cannot meet whatever their
  slugs and measure ids; only a question page can meet a fixed page, and the slugs
  that would (`RESERVED_SLUGS`) are derived from `FIXED`, never listed by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .errors import Problem
from .model import NOWHERE, Loc, Question

PARTIALS = "_partials"
DATA = "data"
DATA_TABLES = ("claims", "citations", "events", "sources", "parties")
"""The site-wide tables, one per kind of record (export.py fills them)."""

HOME_PARTIAL = f"{PARTIALS}/home.md"
HEDGES_PARTIAL = f"{PARTIALS}/hedges.md"
EDIT_MAP = f"{PARTIALS}/edit-paths.json"
CHART_MANIFEST = f"{PARTIALS}/charts.json"
FEED_MAP = f"{PARTIALS}/feeds.json"
FEEDS = "feeds"
SITE_FEED = f"{FEEDS}/index.xml"  # "index" is no question's slug (RESERVED_SLUGS): no feed can take its name
TIMELINE, SOURCES, PARTIES, GUIDE_PAGE = "timeline.md", "sources.md", "parties.md", "contributing.md"
QUESTIONS = "questions.md"
SCHEMA = "fact-file.schema.json"
VOCABULARY_SCHEMA = "vocabulary.schema.json"
DATA_PACKAGE, DATA_JSON = f"{DATA}/datapackage.json", f"{DATA}/facts.json"

FIXED: dict[str, str] = {
    HOME_PARTIAL: "the home page's list of questions",
    HEDGES_PARTIAL: "the reading guide's table of hedges",
    EDIT_MAP: "the map of 'edit this page' links",
    CHART_MANIFEST: "the chart cache's manifest",
    FEED_MAP: "the map of each page's Atom feed",
    SITE_FEED: "the whole site's Atom feed",
    "index.md": "the answers folder's own page (MkDocs reads index.md so)",
    TIMELINE: "the timeline page",
    SOURCES: "the sources page",
    PARTIES: "the parties page",
    QUESTIONS: "the list of every question, when the home page cannot show them all",
    GUIDE_PAGE: "the contributor guide",
    SCHEMA: "the JSON Schema of fact files",
    VOCABULARY_SCHEMA: "the JSON Schema of the vocabulary file",
    DATA_JSON: "the whole dataset as JSON",
    DATA_PACKAGE: "the Data Package description",
    **{f"{DATA}/{table}.csv": f"the {table} table" for table in DATA_TABLES},
}
"""Path inside the generated folder -> what it is. Not every fixed path is written on
every build (the answers index never is); each is kept free for what it names."""


PAGED: dict[str, int] = {TIMELINE: 40, SOURCES: 25, PARTIES: 25, QUESTIONS: 25}
"""Entries on each page of the site-wide listings (events, sources, parties, questions):
a larger site has more pages, never longer ones. The home page shows as many questions
as one page of the questions listing, which exists only when there are more."""


def listing_page(first: str, number: int) -> str:
    """Page ``number`` (from 1) of the listing whose first page is ``first``: ``sources.md``,
    then ``sources_2.md``… An underscore is in no slug (`kinds.SLUG`), so no question's
    page can take the name, however many pages a listing grows to."""
    return first if number == 1 else f"{first.removesuffix('.md')}_{number}.md"


def listing_pages(first: str, entries: int) -> list[str]:
    """Every page of a listing of ``entries`` entries (one page when it is empty)."""
    return [listing_page(first, number) for number in range(1, max(1, -(-entries // PAGED[first])) + 1)]


def listing_of(path: str) -> str | None:
    """The first page of the listing that ``path`` is a page of (``timeline_3.md`` ->
    ``timeline.md``); None for any other path."""
    for first in PAGED:
        stem, _, number = path.removesuffix(".md").rpartition("_")
        if path == first or (path.endswith(".md") and stem == first.removesuffix(".md") and number.isdigit()):
            return first
    return None


def listed_on(first: str, index: int) -> str:
    """The page of a listing that shows its entry number ``index`` (from 0)."""
    return listing_page(first, index // PAGED[first] + 1)


def data_table(name: str) -> str:
    return f"{DATA}/{name}.csv"


def question_page(slug: str) -> str:
    return f"{slug}.md"


def question_data(slug: str, extension: str) -> str:
    """A question's own slice of the data: ``data/questions/<slug>.csv`` or ``.json``."""
    return f"{DATA}/questions/{slug}.{extension}"


def question_feed(slug: str) -> str:
    """A question's Atom feed: ``feeds/<slug>.xml``."""
    return f"{FEEDS}/{slug}.xml"


def chart(slug: str, measure: str, kind: str, scheme: str) -> str:
    """One chart of a measure in one colour scheme: ``charts/<slug>/<measure>/<kind>-<scheme>.svg``.

    >>> chart("killed", "total", "estimates", "dark")
    'charts/killed/total/estimates-dark.svg'

    A folder per measure: no measure id, kind or scheme can make two charts' names meet.
    """
    return f"charts/{slug}/{measure}/{kind}-{scheme}.svg"


RESERVED_SLUGS = frozenset(PurePosixPath(path).stem for path in FIXED if question_page(PurePosixPath(path).stem) == path)
"""Slugs whose question page would land on a fixed page."""


@dataclass(frozen=True)
class Owner:
    """Who a generated file belongs to: a fixed part of the site, or a question (with
    where its slug is written, so a clash points at the fact file)."""

    what: str
    loc: Loc = NOWHERE


def fixed(path: str) -> Owner:
    first = listing_of(path)
    if first and first != path:  # a further page of a paged listing
        return Owner(f"{FIXED[first]}, page {path.removesuffix('.md').rpartition('_')[2]}")
    return Owner(FIXED[path])


def question_owner(question: Question) -> Owner:
    return Owner(f"question '{question.slug}'", question.at("slug"))


def clash(owner: Owner, path: str, first: Owner) -> Problem:
    """``owner`` would write ``path``, which ``first`` owns: the problem, at ``owner``'s slug."""
    where = f" (at {first.loc})" if first.loc != NOWHERE else ""
    return Problem(
        owner.loc,
        f"{owner.what} would write answers/{path}, which belongs to {first.what}{where}",
        "choose another slug" if owner.loc != NOWHERE else "report this as a bug",
    )


@dataclass(frozen=True)
class Output:
    """One generated file, as a step returns it; ``owner`` None for a fixed file."""

    path: str
    text: str
    owner: Owner | None = None


@dataclass
class Outputs:
    """The generated folder's files, each added once: path -> text."""

    files: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _owners: dict[str, tuple[str, Owner]] = field(default_factory=dict)

    def add(self, path: str, text: str, owner: Owner) -> None:
        key = path.casefold()  # two names differing in case are one file on macOS and Windows
        taken = self._owners.get(key) or self._reserved(key)
        if taken is not None:
            self.problems.append(clash(owner, path, taken[1]))
            return
        self._owners[key] = (path, owner)
        self.files[path] = text

    def _reserved(self, key: str) -> tuple[str, Owner] | None:
        """A fixed path is reserved for its owner even before (or without) being written."""
        path = _FIXED_FOLDED.get(key)
        return (path, fixed(path)) if path else None

    def add_fixed(self, path: str, text: str) -> None:
        if path not in FIXED and listing_of(path) is None:
            raise KeyError(f"{path} is not a fixed output; add it to outputs.FIXED")
        key = path.casefold()
        if key in self._owners:
            raise ValueError(f"fixed output {path} added twice")
        self._owners[key] = (path, fixed(path))
        self.files[path] = text

    def extend(self, outputs: Iterable[Output]) -> None:
        for out in outputs:
            if out.owner is None:
                self.add_fixed(out.path, out.text)
            else:
                self.add(out.path, out.text, out.owner)


_FIXED_FOLDED: dict[str, str] = {path.casefold(): path for path in FIXED}
