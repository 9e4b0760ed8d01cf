"""Kinds of value a fact file holds: each class owns how a value is read, how the JSON
Schema states it, and how the contributor guide describes it.

One class per kind keeps the three in step (MkDocs' ``config_options`` has the same
shape): a new kind, or a change to one, touches one class, and the loader, the schema
and the guide all follow.

Every value arrives as text (the YAML reader never types anything). ``read`` returns
the value or raises `Invalid` with what is wrong and how to fix it. Patterns shared
with the JSON Schema are written in the common subset of Python's ``re`` and
ECMA-262 in Unicode mode (what editors' validators compile): ``[0-9]`` rather than
``\\d`` (which in Python also matches Arabic-Indic and full-width digits), and no
escapes that Unicode mode refuses (``\\"``, ``\\-`` outside a class).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .dates import DateFormatError, FuzzyDate

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 64
MAX_NUMBER = 10**12
MAX_DIGITS = 15
"""Significant digits a figure may have: a float holds 15 exactly, so every figure
prints with the digits it was written with."""
NUMBER = re.compile(r"(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,6})?")  # no leading zeros: YAML 1.1 reads 012 as 10
WHOLE = re.compile(r"[1-9][0-9]{0,5}")
URL_MAX = 2000
"""Longer addresses are not links a reader can follow or copy (browsers and sitemaps
stop near 2,000 characters)."""
# Headings and page titles: letters, digits, spaces and plain punctuation. Nothing
# that HTML or Markdown treats specially can get through.
HEADING_SAFE = re.compile(r"(?:[^\W_]|[ \-–—,.;:?!'’()/%])+")
INVISIBLE = ("Cc", "Cf", "Co", "Cs")

# Schema patterns (ECMA-262, Unicode mode; they also compile in Python).
_YEAR = "(?:19[0-9]{2}|20[0-9]{2}|2100)"
_POINT = f"{_YEAR}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?"
DATE_PATTERN = f"^(?:before {_POINT}|{_POINT}(?:/{_POINT})?)$"
# Characters the loader never allows in a title: a deny-list, because JSON Schema
# patterns cannot spell "any letter" portably.
_TITLE_DENIED = '<>&"\\\\`*_{}\\[\\]#|~^=$+@\\n\\r\\t'
TITLE_PATTERN = f"^[^{_TITLE_DENIED}]+$"
UNIT_PATTERN = f"^[^{_TITLE_DENIED.replace('$', '')}]+$"
"""A unit's deny-list: a title's, less "$" (currency marks: `US$`, `HK$`). The loader
is stricter: a currency symbol only in a mark at the unit's start (`currency_mark`)."""
_INVISIBLE_RANGES = "\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff"
URL_PATTERN = f"^https://[^\\s<>\"'`\\\\{_INVISIBLE_RANGES}]+$"
URL_RE = re.compile(URL_PATTERN)


def plain(value: float) -> str:
    """A figure with its digits exactly as written, no grouping: 15000, 4.5, 123456789012.5."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


CURRENCY_MARK_MAX = 4
"""Longest currency mark: `US$`, `HK$`, `A$`, `€`, `₴` (a longer first word is a word)."""


AMBIGUOUS_MARKS = ("$",)
"""Marks that name no one currency: a reader cannot tell US$ from C$ or A$."""


def currency_symbol(ch: str) -> bool:
    """A currency symbol ($ € £ ¥ ₴ ₹ ...): Unicode's category Sc, so no list to keep."""
    return unicodedata.category(ch) == "Sc"


def currency_mark(unit: str) -> str:
    """The currency mark a unit starts with, or "": a first word of at most
    `CURRENCY_MARK_MAX` letters and currency symbols, at least one a symbol. The one
    rule for money: the loader allows a currency symbol only here, and the pages write
    this mark before the number ("US$8.7 billion in damage", see `words.figure`).

    >>> [currency_mark(u) for u in ("US$ in damage", "€", "HK$", "C$", "people", "$5", "USD$$ x")]
    ['US$', '€', 'HK$', 'C$', '', '', '']
    """
    first = unit.split(" ", 1)[0]
    if len(first) > CURRENCY_MARK_MAX or not first or not currency_symbol(first[-1]):
        return ""
    return first if first[:-1].isalpha() or not first[:-1] else ""  # letters, then one symbol: US$, HK$, €


class Invalid(Exception):
    """A value that cannot be read: what is wrong, and how to fix it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def shown(value: str, limit: int = 60) -> str:
    """A contributor's value quoted in a message: cut to ``limit`` characters."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def printable(text: str) -> bool:
    """No control, format (zero-width, bidi), private-use or surrogate character,
    except line breaks and tabs. isprintable() scans in C; the exact check runs only
    when it fails (it also fails on harmless spaces such as U+00A0)."""
    return text.replace("\n", " ").replace("\t", " ").isprintable() or not any(
        unicodedata.category(ch) in INVISIBLE and ch not in "\n\t" for ch in text
    )


def near_spelling(word: str, known: list[str] | tuple[str, ...], values: bool = True) -> str | None:
    """The one known word ``word`` is a misspelling of, or None.

    Only spelling, never meaning: a hint a contributor accepts must not record
    something else. So a candidate must be a few typing slips away (letters added,
    dropped, changed or swapped: one in a short word, two in a longer one), and
    words that merely look alike are refused. Keys (``values=False``) may be further
    off: a suggested key names a field, never a fact.

    >>> near_spelling("abuot", ["about", "at least"]), near_spelling("goverment", ["government"])
    ('about', 'government')
    >>> near_spelling("declared", ["deployed"]), near_spelling("UN agency", ["news agency"])
    (None, None)

    The input is capped so a 1 MB "key" costs nothing; difflib's fast filters pick
    the candidates (it is quadratic only in the word's length), then each is measured.
    """
    if len(word) > 80:
        return None
    folded = word.casefold()
    slips = 1 if len(folded) <= 6 else 2
    by_fold = {k.casefold(): k for k in known}
    for close in difflib.get_close_matches(folded, list(by_fold), n=5, cutoff=0.6):
        if not values or _slips(folded, close, slips) <= slips:
            return by_fold[close]
    return None


def _slips(a: str, b: str, limit: int) -> int:
    """Typing slips between two words (optimal string alignment distance), or
    ``limit + 1`` as soon as it is clearly more."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row = row, [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], before[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        before = previous
    return row[-1]


def suggest(word: str, known: list[str] | tuple[str, ...], values: bool = True) -> str:
    """A ``did you mean …?`` tail for a misspelt value (or key), or nothing."""
    close = near_spelling(word, known, values)
    return f"did you mean '{close}'?" if close else ""


def _join(*hints: str) -> str:
    return "; ".join(h for h in hints if h)


class Kind:
    """A kind of scalar value."""

    def read(self, text: str, name: str) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Kind):
    max_len: int = 300
    one_line: bool = True
    heading_safe: bool = False
    """Text that becomes a page heading or title: letters, digits and plain punctuation only."""
    currency: bool = False
    """Heading-safe text that may also start with a currency mark (a unit: `US$ in damage`)."""

    def read(self, text: str, name: str) -> str:
        cleaned = unicodedata.normalize("NFC", text).strip()
        if not cleaned:
            raise Invalid(f"'{name}' is empty", "write a value or delete the line")
        if not printable(cleaned):
            raise Invalid(f"'{name}' contains an invisible or control character", "retype the text")
        if self.one_line and "\n" in cleaned:
            raise Invalid(f"'{name}' must be one line", "join the lines")
        if len(cleaned) > self.max_len:
            raise Invalid(f"'{name}' is {len(cleaned)} characters long, more than {self.max_len}", "shorten it")
        if self.heading_safe and not HEADING_SAFE.fullmatch(cleaned):
            mark = currency_mark(cleaned) if self.currency else ""
            bad = sorted({ch for ch in cleaned[len(mark) :] if not HEADING_SAFE.fullmatch(ch)})
            never = [ch for ch in bad if not (self.currency and currency_symbol(ch))]
            if never:
                raise Invalid(
                    f"'{name}' contains characters not allowed in a title: {' '.join(never)}",
                    "use letters, digits and . , ; : ? ! ' ( ) / % -",
                )
            if bad:
                raise Invalid(
                    f"'{name}' has a currency symbol outside a currency mark at its start: {' '.join(bad)}",
                    "write the mark first, as one word of up to 4 characters: `US$`, `€`, `US$ in damage`",
                )
        if self.currency and currency_mark(cleaned) in AMBIGUOUS_MARKS:
            raise Invalid(
                f"'{name}' starts with '{currency_mark(cleaned)}', which several currencies use",
                "say which one: `US$`, `C$`, `A$`, `HK$`, `MX$` …",
            )
        return " ".join(cleaned.split()) if self.one_line else cleaned

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": self.max_len}
        if self.heading_safe:
            schema["pattern"] = UNIT_PATTERN if self.currency else TITLE_PATTERN
        elif self.one_line:
            schema["pattern"] = "^[^\\n]*$"
        return schema

    def describe(self) -> str:
        lines = "one line" if self.one_line else "may span lines"
        extra = "; letters, digits and plain punctuation only" if self.heading_safe else ""
        extra += ", after a currency mark if money (`US$`, `€`)" if self.currency else ""
        return f"text, up to {self.max_len} characters, {lines}{extra}"


@dataclass(frozen=True)
class Slug(Kind):
    """A stable id: lowercase letters, digits and single hyphens."""

    def read(self, text: str, name: str) -> str:
        if not SLUG.fullmatch(text) or len(text) > SLUG_MAX:
            raise Invalid(
                f"'{shown(text)}' is not a valid id",
                f"use lowercase letters, digits and single hyphens, at most {SLUG_MAX} characters, e.g. first-report",
            )
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^{SLUG.pattern}$", "maxLength": SLUG_MAX}

    def describe(self) -> str:
        return "an id: lowercase letters, digits, single hyphens"


@dataclass(frozen=True)
class Pattern(Kind):
    """One line of a fixed shape (a file name, a content hash, a `question/measure`
    path): ``pattern`` is shared with the JSON Schema, so it keeps to the common subset."""

    pattern: str
    what: str
    """How the guide and messages name the shape ("a file name: letters, digits …")."""
    example: str
    max_len: int = 200

    @functools.cached_property
    def _compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    def read(self, text: str, name: str) -> str:
        cleaned = text.strip()
        if len(cleaned) > self.max_len or not self._compiled.fullmatch(cleaned):
            raise Invalid(f"'{name}' is not {self.what}: '{shown(cleaned)}'", f"e.g. `{self.example}`")
        return cleaned

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^(?:{self.pattern})$", "maxLength": self.max_len}

    def describe(self) -> str:
        return f"{self.what}, e.g. `{self.example}`"


FILE_NAME = Pattern(
    "[A-Za-z0-9][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*",
    "a plain file name (letters, digits, _ - and single dots; no folders)",
    "daily-paper-2031-03-02.txt",
    120,
)
SHA256 = Pattern("[0-9a-f]{64}", "a SHA-256 hash: 64 lowercase hexadecimal digits", "9f86d081884c7d65…", 64)
LANGUAGE = Pattern(
    "[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*",
    "a language code (BCP 47: a two- or three-letter language, then any region or script)",
    "uk",
    35,
)
MEASURE_PATH = Pattern(
    f"{SLUG.pattern}(?:/{SLUG.pattern})?",
    "a measure: its id in this question, or `question-slug/measure-id` in another",
    "killed-or-wounded/killed-or-wounded",
    2 * SLUG_MAX + 1,
)


REF_TARGETS = {
    "parties": "a party",
    "sources": "a source",
    "claims": "a claim",
    "questions": "a question",
    "measures": "a measure of this question",
}


@dataclass(frozen=True)
class Ref(Slug):
    target: str
    """Which collection the id must exist in: parties, sources, claims, questions or measures."""

    def describe(self) -> str:
        return f"the id of {REF_TARGETS[self.target]}"


ALLOWED_SHOWN = 20
"""How many allowed values a problem line lists."""
SPELLED_OUT = 500
"""Longest list whose words are all compared with a misspelt one for "did you mean";
comparing each bad value with a 20,000-word vocabulary cost 70 ms apiece."""


@dataclass(frozen=True)
class Choice(Kind):
    values: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, str], ...] = ()
    """Other words a contributor may write, each with the value it stands for."""
    vocabulary: str = ""
    """Which list of the site's vocabulary holds the values (``party_kinds``); empty for
    a fixed list. The loader and the schema fill ``values`` from the site's vocabulary."""
    anything: bool = False
    """Accept any word (the vocabulary that would say which failed to load)."""

    @functools.cached_property
    def _known(self) -> frozenset[str]:
        """The values as a set: a site's vocabulary may be long, and every party reads one."""
        return frozenset(self.values)

    @functools.cached_property
    def _by_fold(self) -> dict[str, str]:
        return {v.casefold(): v for v in self.values}

    def read(self, text: str, name: str) -> str:
        text = unicodedata.normalize("NFC", text).strip()  # "café" typed decomposed is still café
        if text in self._known or self.anything:
            return text
        words = dict(self.synonyms)
        meant = words.get(text.casefold())
        if meant:
            hint = f"for '{text}' write '{meant}'"
        elif len(self.values) > SPELLED_OUT:  # a long vocabulary: only a case slip is cheap to spot
            same = self._by_fold.get(text.casefold())
            hint = f"did you mean '{same}'?" if same else ""
        else:
            hint = suggest(text, self.values)
            near = near_spelling(text.casefold(), list(words)) if not hint else None
            hint = hint or (f"for '{near}' write '{words[near]}'" if near else "")
        shown_values = self.values[:ALLOWED_SHOWN]  # one line stays readable however long the list
        more = f", … ({len(self.values)} in all)" if len(self.values) > ALLOWED_SHOWN else ""
        allowed = "allowed: " + ", ".join(shown_values) + more
        if self.vocabulary:  # the site's own list, which a maintainer can extend
            allowed += f"; or add it to `{self.vocabulary}` in facts/vocabulary.yaml"
        raise Invalid(f"'{shown(text)}' is not an allowed {name}", _join(hint, allowed))

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.values)}

    def describe(self) -> str:
        if self.vocabulary:  # the guide holds for any site; the list is the site's own
            return f"one of the site's `{self.vocabulary}` (in `facts/vocabulary.yaml`)"
        return "one of: " + ", ".join(f"`{v}`" for v in self.values)


@dataclass(frozen=True)
class Date(Kind):
    allow_unknown: bool = False
    """Whether the literal word ``unknown`` is accepted (it says the source gives no date)."""

    def read(self, text: str, name: str) -> FuzzyDate | None:
        if text.strip() == "unknown":
            if self.allow_unknown:
                return None
            raise Invalid(f"'{name}' cannot be 'unknown'", "leave the key out when the source gives no date")
        try:
            return FuzzyDate.parse(text)
        except DateFormatError as exc:  # its message quotes the text: keep that short
            if len(text) > 40:
                raise Invalid(
                    f"bad {name}: '{shown(text, 40)}' is not a date", "write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-04-28"
                ) from None
            raise Invalid(f"bad {name}: {exc}") from None

    def schema(self) -> dict[str, Any]:
        forms: list[dict[str, Any]] = [
            {"type": "string", "pattern": DATE_PATTERN},
            {"type": "integer", "minimum": 1900, "maximum": 2100},  # a bare year, as YAML 1.2 reads it
        ]
        if self.allow_unknown:
            forms.append({"const": "unknown"})
        return {"anyOf": forms}

    def describe(self) -> str:
        unknown = ", or `unknown`" if self.allow_unknown else ""
        return f"a date: `2025-04-28`, `2025-04` or `2025`; `before 2025-04-26`; a period `2024-10/2025-04`{unknown}"


@dataclass(frozen=True)
class Url(Kind):
    """An https:// address."""

    def read(self, text: str, name: str) -> str:
        if len(text) > URL_MAX:
            raise Invalid(f"'{name}' is {len(text):,} characters long, more than {URL_MAX:,}", "use the page's short address")
        if not URL_RE.fullmatch(text) or not printable(text):
            raise Invalid(
                f"'{name}' must be an https:// address",
                "copy the full address from the browser; leave the key out if there is none",
            )
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": URL_PATTERN, "maxLength": URL_MAX}

    def describe(self) -> str:
        return f"an `https://` address, up to {URL_MAX:,} characters"


@dataclass(frozen=True)
class Number(Kind):
    """A non-negative number written with digits only (15000, 4.5)."""

    def read(self, text: str, name: str) -> int | float:
        if not NUMBER.fullmatch(text):
            raise Invalid(
                f"'{shown(text)}' is not a number", "write digits only, no separators, words or leading zeros, e.g. 15000"
            )
        if len(text.replace(".", "").strip("0")) > MAX_DIGITS:
            raise Invalid(f"{text} has more than {MAX_DIGITS} significant digits", "round it as the source does")
        number = float(text)
        if number > MAX_NUMBER:
            raise Invalid(f"{text} is larger than any figure this site expects ({MAX_NUMBER:,})", "check the number of digits")
        return int(number) if number.is_integer() else number

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": f"^{NUMBER.pattern}$"}]}

    def describe(self) -> str:
        return "a number, digits only: `15000`, `4.5`"


@dataclass(frozen=True)
class Whole(Kind):
    """A whole number (1, 2, 3 ...) used for ordering."""

    def read(self, text: str, name: str) -> int:
        if not WHOLE.fullmatch(text):
            raise Invalid(f"'{name}' must be a whole number from 1 up")
        return int(text)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": f"^{WHOLE.pattern}$"}]}

    def describe(self) -> str:
        return "a whole number from 1"


@dataclass(frozen=True)
class Flag(Kind):
    """true or false."""

    def read(self, text: str, name: str) -> bool:
        if text not in ("true", "false"):
            raise Invalid(f"'{name}' must be true or false")
        return text == "true"

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}

    def describe(self) -> str:
        return "`true` or `false`"


@dataclass(frozen=True)
class ListOf:
    """A list of values of one kind; the loader reads the items."""

    item: Any
    min_items: int = 0

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if isinstance(self.item, Ref):
            schema["uniqueItems"] = True
        return schema

    def describe(self) -> str:
        least = f", at least {self.min_items}" if self.min_items else ""
        each = ", each listed once" if isinstance(self.item, Ref) else ""
        return f"a list{least}{each}, each item {self.item.describe()}"


@dataclass(frozen=True)
class Nested:
    """A record inside a record (a claim's figure, a question's measures)."""

    record: type

    def schema(self) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.record.__name__}"}

    def describe(self) -> str:
        return f"{self.record.NOUN} (see below)"  # type: ignore[attr-defined]
