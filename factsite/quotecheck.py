"""The figure is in the quote: each claim's figure, and its hedge, read back from its quotes.

Sources write one number many ways: `6,000`, `6 000`, `6000`, `6.000`, `6 thousand`,
`10–12 thousand`, `6 million`, `25 000 to 30 000`. `mentions` reads every number a
quote writes, with every value it may stand for ("6.000" is six thousand in Kyiv and
six in London), and the words just before and after it. A claim passes when one of
its quotes writes its figure (and its `out_of`) and the words next to that figure say
the claim's hedge: "approximately 15,000" is `about`, "at least 6,000" is `at least`,
a bare "15,000" is `exact` (hedge words: the hedge table in model.py, one list for the
loader, the guide and this check).

Linear in the length of the quotes: one scan each, no search per candidate form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from . import model as m
from .errors import Problem
from .kinds import plain, shown
from .textnorm import normalise

SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_SCALE = "|".join(sorted((s for s in SCALES if len(s) > 1), key=len, reverse=True))
# "k" and "m" only written onto the number ("15k", "$6m"): "5 m deep" is five metres.
# A number as sources write it: digits grouped in threes by one separator used
# throughout (`15,000`, `15 000`, `15.000`, `15'000`), or plain digits, then maybe a
# decimal part, then maybe a scale word. Not inside a word or a longer number.
_NUMBER = re.compile(
    r"(?<![\w.,])"
    r"(?P<int>[0-9]{1,3}(?P<sep>[,. '])[0-9]{3}(?:(?P=sep)[0-9]{3})*|[0-9]+)"
    r"(?:(?P<dec>[.,])(?P<frac>[0-9]+))?"
    r"(?![0-9])"
    rf"(?:(?:\s?(?P<scale>{_SCALE})|(?P<short>[km]))\b)?",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"\s?(?:-|to|and)\s?", re.IGNORECASE)
_TOLERANCE = 1e-9
_A_DIGIT = re.compile("[0-9]")


def ascii_digits(text: str) -> str:
    """Any script's decimal digits as 0-9 (Arabic-Indic ١٥٠٠ is 1500); same length."""
    return re.sub(r"\d", lambda d: str(unicodedata.digit(d[0])), text) if not text.isascii() else text


_WORDS = {
    w: float(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
} | {w: 10.0 * i for i, w in enumerate("_ _ _ thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_WORD_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}
# A number word alone, or with a scale word ("twelve hundred", "six million"); never part
# of a compound ("twenty-five"), which the table does not read.
_WORD_NUMBER = re.compile(
    r"(?<![\w-])(?P<word>" + "|".join(_WORDS) + r")(?:\s+(?P<scale>" + "|".join(_WORD_SCALES) + r"))?(?![\w-])",
    re.IGNORECASE,
)
# Superscripts, subscripts and vulgar fractions are not digits of the number they touch
# ("6,000¹" is 6,000 and a footnote; "1½" is not 11/2): each becomes a mark no number reads.
_NOT_DIGITS = re.compile("[\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u209f\u2150-\u215f\u2189]")
HEDGED_LANGUAGES = ("en",)
"""Languages whose hedge words the hedge table lists; in a quote in another language only
the figure is looked for ("نحو 1500" is "about 1500", but no table here says so)."""


@dataclass(frozen=True)
class Mention:
    """A number or a low–high pair a quote writes, with the values it may stand for."""

    start: int
    end: int
    values: frozenset[float]
    """For a single number; empty for a pair."""
    pairs: frozenset[tuple[float, float]] = frozenset()
    """For a low–high pair ("10–12 thousand", "25 000 to 30 000")."""


def _readings(match: re.Match[str]) -> set[float]:
    """Every value a written number may stand for, before its scale word."""
    whole, sep, dec, frac = match["int"], match["sep"], match["dec"], match["frac"]
    digits = whole.replace(sep, "") if sep else whole
    readings = set()
    if frac is None or dec != sep:  # "1,234.5" and "1.234,5"; "6.000,5" is not "6.000" + ",5"
        readings.add(float(f"{digits}.{frac}" if frac else digits))
    if sep in (",", ".") and whole.count(sep) == 1 and frac is None:
        readings.add(float(whole.replace(sep, ".")))  # "6.000", "1,500": a decimal point where some write one
    return readings


def mentions(quote: str) -> Iterator[Mention]:
    """Every number in ``quote`` (normalised), and every pair of numbers joined as a
    range; a pair's scale word, written once after the second, applies to both."""
    for word in _WORD_NUMBER.finditer(quote):  # "twelve boats": small numbers in words
        scale = _WORD_SCALES[word["scale"].casefold()] if word["scale"] else 1.0
        yield Mention(word.start(), word.end(), frozenset({_WORDS[word["word"].casefold()] * scale}))
    previous: tuple[re.Match[str], set[float]] | None = None
    for match in _NUMBER.finditer(quote):
        readings = _readings(match)
        scale = _scale(match)
        values = {v * scale for v in readings}
        yield Mention(match.start(), match.end(), frozenset(values))
        if previous is not None and _RANGE_JOIN.fullmatch(quote[previous[0].end() : match.start()]):
            first, lows = previous
            # "10–12 thousand": one scale word for both ends, unless the low end is then
            # no longer the lower ("500 to 2 thousand")
            shared = not (first["scale"] or first["short"])
            pairs = {
                (low * (scale if shared and low <= high else _scale(first)), high * scale) for low in lows for high in readings
            }
            yield Mention(first.start(), match.end(), frozenset(), frozenset(pairs))
        previous = (match, readings)


def _scale(match: re.Match[str]) -> float:
    written = match["scale"] or match["short"]
    return SCALES[written.casefold()] if written else 1.0


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= _TOLERANCE * max(abs(a), abs(b), 1.0)


UNSAID = "unsaid"
"""What `hedge_at` returns for words that hedge a figure as no hedge of the table does."""
# Hedge words, longest first, so "no more than" is read before "more than", and "no less
# than" (at least) before "less than" (no hedge says it).
_BEFORE = sorted(
    [(w, h.name) for h in m.HEDGE_TABLE for w in h.quote_words] + [(w, UNSAID) for w in m.UNSAID_BEFORE],
    key=lambda p: -len(p[0]),
)
_AFTER = sorted(
    [(w, h.name) for h in m.HEDGE_TABLE for w in h.after_words] + [(w, UNSAID) for w in m.UNSAID_AFTER],
    key=lambda p: -len(p[0]),
)
_NEGATED = re.compile(r"(?:^|\W)(?:" + "|".join(m.NEGATIONS) + r")\s*$")


def _strip_currency(before: str) -> str:
    """The text before a figure without a currency mark ("about US$ 5 million")."""
    stripped = before.rstrip()
    if stripped and unicodedata.category(stripped[-1]) == "Sc":
        stripped = stripped[:-1]
        letters = len(stripped) - len(stripped.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        stripped = stripped[: len(stripped) - min(letters, 3)]
    return stripped.rstrip()


def hedge_at(quote: str, mention: Mention) -> tuple[str | None, int, int]:
    """The hedge the words next to ``mention`` say (None: no hedge word, so exact), and
    the span of quote text that says it, hedge word included."""
    before = _strip_currency(quote[: mention.start]).casefold()
    for word, hedge in _BEFORE:
        rest = before[: len(before) - len(word)]
        if before.endswith(word) and not (word[0].isalnum() and rest[-1:].isalnum()):
            if _NEGATED.search(rest):  # "not over 600", "never more than 600"
                return UNSAID, _NEGATED.search(rest).start(), mention.end  # type: ignore[union-attr]
            return hedge, len(before) - len(word), mention.end
    after = quote[mention.end :].casefold()
    for word, hedge in _AFTER:
        gap = "" if not word[0].isalnum() else " "  # "6,000+" and "6,000-plus" touch the figure
        if (after if not gap else after.lstrip()).startswith(word) and not after.lstrip()[len(word) : len(word) + 1].isalnum():
            return hedge, mention.start, mention.end + (len(after) - len(after.lstrip())) + len(word)
    return None, mention.start, mention.end


def _hedge_agrees(fig: m.Figure, said: str | None) -> bool:
    if said == fig.hedge:
        return True
    plain_reading = "range" if fig.low is not None else "exact"  # what a figure with no hedge word is
    return said is None and fig.hedge == plain_reading


@dataclass(frozen=True)
class Found:
    quote: str
    mention: Mention
    said: str | None
    span: tuple[int, int]


def _finds(quote: str, fig: m.Figure, hedged: bool) -> Iterator[Found]:
    for mention in mentions(quote):
        if fig.value is not None:
            hit = any(_same(v, fig.value) for v in mention.values)
        else:
            assert fig.low is not None and fig.high is not None
            hit = any(_same(lo, fig.low) and _same(hi, fig.high) for lo, hi in mention.pairs)
        if hit and not hedged:  # no hedge words known for its language: the figure is enough
            yield Found(quote, mention, fig.hedge, (mention.start, mention.end))
        elif hit:
            said, start, end = hedge_at(quote, mention)
            yield Found(quote, mention, said, (start, end))


def _differing_end(quotes: list[str], fig: m.Figure) -> str:
    """Which end of a range the quotes do not write, for the problem's place: "high" when
    some pair starts at the low end (or the low end stands alone), else "low"."""
    for quote in quotes:
        for mention in mentions(quote):
            lows = {lo for lo, _ in mention.pairs} | mention.values
            if fig.low is not None and any(_same(v, fig.low) for v in lows):
                return "high"
    return "low"


def written(fig: m.Figure) -> str:
    shown_value = plain(fig.value) if fig.value is not None else f"{plain(fig.low or 0)}–{plain(fig.high or 0)}"
    return shown_value if fig.hedge in ("exact", "range") else f"{fig.hedge} {shown_value}"


def _numbers(quotes: list[str]) -> str:
    written = [q[x.start : x.end] for q in quotes for x in mentions(q) if x.values][:8]
    return "its numbers: " + ", ".join(f"'{w}'" for w in written) if written else "it writes no number"


def _hedged(language: str | None) -> bool:
    return language is not None and language.casefold().split("-")[0] in HEDGED_LANGUAGES


def claim_problems(claim: m.Claim, languages: dict[str, str] | None = None) -> list[Problem]:
    """Whether ``claim``'s quotes write its figure, its hedge (in a language whose hedge
    words are known; ``languages``: source id -> language) and its `out_of`."""
    if claim.derived:
        return []
    fig = claim.figure
    languages = languages or {}
    quotes = [ascii_digits(normalise(_NOT_DIGITS.sub("\u2022", c.quote))) for c in claim.sources]
    hedged = [_hedged(languages.get(c.source)) for c in claim.sources]
    if fig.words is not None:
        words = normalise(fig.words).casefold()
        if not any(hedged) or any(words in q.casefold() for q in quotes):  # words: in English
            return []
        return [
            Problem(
                fig.at("words"),
                f"the words '{shown(fig.words)}' are not in the claim's quote",
                "copy them as the quote writes them",
            )
        ]
    if not fig.numeric or (fig.value is None and (fig.low is None or fig.high is None)):
        return []  # a malformed figure: validate.py has said so
    if not any(h or _A_DIGIT.search(q) for q, h in zip(quotes, hedged, strict=True)):
        return []  # numbers in words of a language this check cannot read ("خمسة"): nothing to compare
    problems = []
    found = [f for q, h in zip(quotes, hedged, strict=True) for f in _finds(q, fig, h)]
    if not found:
        at = fig.at("value") if fig.value is not None else fig.at(_differing_end(quotes, fig))
        problems.append(
            Problem(
                at,
                f"the figure {written(fig)} is not in the claim's quote ({_numbers(quotes)})",
                "write the number the quote gives, in digits only (6,000 is `value: 6000`); "
                "a figure worked out from others says how in `derived:`",
            )
        )
    elif not any(_hedge_agrees(fig, f.said) for f in found):
        first = found[0]
        says = first.quote[first.span[0] : first.span[1]]
        want = f"`hedge: {first.said}`" if first.said else "`hedge: " + ("range" if fig.low is not None else "exact") + "`"
        hint = (
            f"write {want}, as the quote does, or cite a quote whose own words say '{fig.hedge}'"
            if fig.hedge not in ("exact", "range")
            else f"write {want}, as the quote does, or cite a quote that gives the figure with no hedge word"
            if first.said != UNSAID
            else "no hedge says that: quote words that state the figure as a hedge does, or ask a maintainer for a new hedge"
        )
        problems.append(Problem(fig.at("hedge"), f"the quote says '{shown(says)}' but the figure is '{written(fig)}'", hint))
    if fig.out_of is not None:
        total = fig.out_of
        if not any(_same(v, total) for q in quotes for x in mentions(q) for v in x.values):
            problems.append(
                Problem(
                    fig.at("out_of"),
                    f"the total {plain(total)} ('out_of') is not in the claim's quote ({_numbers(quotes)})",
                    "copy it as the quote writes it, or leave `out_of` out",
                )
            )
    return problems
