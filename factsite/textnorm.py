"""How a quote is compared with the text it was copied from: the rules that make two
spellings of the same words one, and nothing more.

A quote copied from a web page differs from the page in ways a reader does not see:
curly or straight quotation marks, an en dash for a hyphen, a soft hyphen, a
non-breaking space, a line break. Each rule below removes one such difference, and
only that: no rule touches a letter (й is not и, é is not e), a digit or a word.
The rules are named, so `verify --explain` can say which ones a quote needed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# Character classes substituted by compiled patterns: str.translate with a mapping
# looks each character up in Python, several times slower on 10,000 quotes.
_QUOTATION_MARKS = re.compile("[“”„‟«»″〝〞＂]")
_APOSTROPHES = re.compile("[’‘‚‛ʼ′`]")
_DASHES = re.compile("[‐‑‒–—―−⁃]")
_SPACES = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[[str], str]


RULES: tuple[Rule, ...] = (
    # NFKC: composed and decomposed accents are one (é typed as e + ◌́), and compatibility
    # forms are their plain letter or space (no-break spaces, the "ﬁ" ligature, full-width
    # digits). It never maps one letter to another: й stays й.
    Rule("Unicode form", lambda t: unicodedata.normalize("NFKC", t)),
    Rule("soft hyphens", lambda t: t.replace("\u00ad", "")),
    # Zero-width space, word joiner and byte-order mark: invisible break hints some pages
    # carry. Not ZWJ/ZWNJ, which change how Persian or Devanagari words are written.
    Rule("invisible breaks", lambda t: _INVISIBLE.sub("", t)),
    Rule("quotation marks", lambda t: _QUOTATION_MARKS.sub('"', t)),
    Rule("apostrophes", lambda t: _APOSTROPHES.sub("'", t)),
    Rule("dashes", lambda t: _DASHES.sub("-", t)),
    Rule("whitespace", lambda t: _SPACES.sub(" ", t).strip()),
)
RULE_NAMES = tuple(r.name for r in RULES)


def normalise(text: str, skip: Iterable[str] = ()) -> str:
    """``text`` with every rule applied, except those named in ``skip``."""
    skipped = set(skip)
    if not skipped and text.isascii():  # most quotes: only these two rules can change ASCII text
        return _SPACES.sub(" ", text.replace("`", "'")).strip()
    for rule in RULES:
        if rule.name not in skipped:
            text = rule.apply(text)
    return text


def rules_needed(quote: str, text: str, normalised: Callable[[frozenset[str]], str]) -> tuple[str, ...] | None:
    """Which rules ``quote`` needs to be found in ``text``: () when it is there as
    written, None when it is not there even with every rule. ``normalised(skip)`` gives
    the text normalised without the rules in ``skip`` (the caller caches it)."""
    if quote in text:
        return ()
    if normalise(quote) not in normalised(frozenset()):
        return None
    return tuple(
        rule
        for rule in RULE_NAMES
        if normalise(quote, {rule}) not in normalised(frozenset({rule}))  # without it, no match: needed
    )


def matched_prefix(quote: str, text: str) -> int:
    """How many leading characters of ``quote`` (both normalised) occur in ``text``: where a
    quote that is not found starts to differ. Binary search, as a prefix that occurs has
    every shorter prefix occurring too."""
    low, high = 0, len(quote)
    while low < high:
        middle = (low + high + 1) // 2
        if quote[:middle] in text:
            low = middle
        else:
            high = middle - 1
    return low
