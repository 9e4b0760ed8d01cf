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


def _joins(ch: str) -> bool:
    """Whether ``ch`` would continue a word or a number the quote ends or starts in."""
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def contains(text: str, quote: str) -> bool:
    """Whether ``quote`` stands in ``text`` as whole words: not inside a longer word or
    number ("the war killed 6,000" is not in "killed 6,000,000"; "cafe" is not in "café"
    written with a combining accent). Linear in the occurrences found."""
    if not quote:
        return False
    at = text.find(quote)
    while at >= 0:
        before, after = text[max(0, at - 2) : at], text[at + len(quote) : at + len(quote) + 2]
        starts_inside = _joins(quote[0]) and (
            (before[-1:] and _joins(before[-1])) or (quote[0].isdigit() and before[-1:] in (",", ".") and before[:1].isdigit())
        )
        ends_inside = (after[:1] and _joins(after[0])) or (
            quote[-1].isdigit() and after[:1] in (",", ".") and after[1:2].isdigit()
        )
        if not starts_inside and not ends_inside:
            return True
        at = text.find(quote, at + 1)
    return False


def rules_needed(quote: str, text: str, normalised: Callable[[frozenset[str]], str]) -> tuple[str, ...] | None:
    """The rules that find ``quote`` in ``text``: () when it is there as written, None when
    it is not there even with every rule. A minimal set, found by leaving each rule out in
    turn while the quote is still found (two rules may each do the same work: a no-break
    space is a space to both Unicode form and whitespace). ``normalised(skip)`` gives the
    text without the rules in ``skip`` (the caller caches it)."""
    if contains(text, quote):
        return ()
    if not contains(normalised(frozenset()), normalise(quote)):
        return None
    skipped: frozenset[str] = frozenset()
    for rule in RULE_NAMES:
        trial = skipped | {rule}
        if contains(normalised(trial), normalise(quote, trial)):
            skipped = trial
    return tuple(r for r in RULE_NAMES if r not in skipped)


def quote_found(quote: str, normalised_text: str) -> bool:
    """Whether ``quote`` is in a text already normalised with every rule."""
    return contains(normalised_text, normalise(quote))


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
