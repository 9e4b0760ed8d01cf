"""The language a page is written in: its interface strings, plural rules, numbers and dates.

Interface strings come from gettext catalogues, one per language, in
``factsite/locales/<lang>/LC_MESSAGES/factsite.po`` (the template, ``factsite.pot``, is
extracted from this package's code by ``build_facts.py sync``). Plural rules, digit
grouping, decimal signs and month names come from Babel's copy of CLDR. English is the
language the code is written in: its strings are the catalogue's message ids and its
figures and dates keep the site's own house style ("6 million", "1 Sep 2025"), so
an English page is byte for byte what it was before there were editions.

Which language is being written is a context variable set by `speaking` around one
edition's rendering, rather than a parameter threaded through every function that
writes a word: the same renderers write every edition, and a forgotten parameter would
silently write English. Rendering stays deterministic: the same facts, the same
language, the same bytes.

Babel is imported only for a language other than English, so `check` (which the
pull-request job runs with PyYAML alone) never needs it.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""English month names as the site writes them (not strftime's, which follow the machine's locale)."""

DEFAULT = "en"
"""The language the code, the catalogues' message ids and the fact files' own texts are in."""
DOMAIN = "factsite"
LOCALES = Path(__file__).parent / "locales"
TEMPLATE = LOCALES / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
"""The functions whose string arguments are interface strings (for extraction)."""


def N_(text: str) -> str:
    """Mark a string for the catalogue where it is defined (a table); `_` translates it
    where it is shown."""
    return text


class Untranslated(str):
    """A fact file's own text, shown in another language's edition for want of a
    translation: the pages mark it with its language (`words.esc`)."""

    lang = DEFAULT


def template() -> str:
    """The catalogue template (``factsite.pot``): every interface string of the package,
    extracted by Babel from the code, in a stable order with no dates, so it changes only
    when a string does (`sync` writes it; a test checks it is current)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import write_po

    catalog = Catalog(project=DOMAIN, charset="utf-8", fuzzy=False)
    package = Path(__file__).parent
    for filename, lineno, message, comments, context in extract_from_dir(
        package, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        catalog.add(message, None, [(f"factsite/{filename}", lineno)], auto_comments=comments, context=context)
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=True, sort_output=True, include_lineno=False)
    return out.getvalue().decode("utf-8")


def catalogue_path(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


class UnknownLanguage(LookupError):
    """An edition asks for a language with no catalogue."""


@dataclass(frozen=True)
class Language:
    code: str
    messages: gettext.NullTranslations

    @property
    def english(self) -> bool:
        return self.code == DEFAULT

    def plural(self, n: float | Decimal) -> str:
        """The CLDR plural category of ``n``: which form a noun takes after it."""
        if self.english:
            return "one" if n == 1 else "other"
        from babel import Locale

        return str(Locale.parse(self.code).plural_form(n))

    def grouped(self, value: Decimal) -> str:
        """Every digit of ``value``, grouped and with the decimal sign of the language."""
        if self.english:
            text = format(value, ",f")
            return text.rstrip("0").rstrip(".") if "." in text else text
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.code, decimal_quantization=False)

    def day(self, date: dt.date) -> str:
        """A calendar day: "1 Sep 2025", "1 вер. 2025"."""
        if self.english:
            return f"{date.day} {MONTHS[date.month - 1]} {date.year}"
        from babel.dates import format_date

        return format_date(date, "d MMM y", locale=self.code)

    def month(self, year: int, month: int) -> str:
        """A month of a year: "Sep 2025", "вер. 2025"."""
        if self.english:
            return f"{MONTHS[month - 1]} {year}"
        from babel.dates import format_date

        return format_date(dt.date(year, month, 1), "LLL y", locale=self.code)

    def name(self, code: str) -> str:
        """A language's name in this language: "Ukrainian", "англійська"."""
        from babel import Locale, UnknownLocaleError

        try:
            shown = Locale.parse(code.replace("-", "_")).get_display_name(self.code)
        except (ValueError, UnknownLocaleError):
            return code
        return shown or code


@cache
def language(code: str) -> Language:
    """The language ``code`` with its catalogue; UnknownLanguage when it has none."""
    if code == DEFAULT:
        return Language(code, gettext.NullTranslations())
    path = catalogue_path(code)
    if not path.is_file():
        raise UnknownLanguage(
            f"no interface catalogue for '{code}' (copy {TEMPLATE.relative_to(LOCALES.parent.parent)} "
            f"to {path.relative_to(LOCALES.parent.parent)} and translate it)"
        )
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code.replace("-", "_"))
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # a fuzzy entry is not a translation yet
    compiled.seek(0)
    return Language(code, gettext.GNUTranslations(compiled))


ENGLISH = language(DEFAULT)
_active: ContextVar[Language] = ContextVar("language", default=ENGLISH)


def current() -> Language:
    return _active.get()


@contextmanager
def speaking(code: str) -> Iterator[Language]:
    """Write in ``code`` inside the block."""
    token = _active.set(language(code))
    try:
        yield _active.get()
    finally:
        _active.reset(token)


def _(text: str) -> str:
    """An interface string in the current language."""
    return _active.get().messages.gettext(text)


def ngettext(singular: str, plural: str, n: int) -> str:
    """An interface string whose words follow the number ``n`` (three forms in Ukrainian)."""
    return _active.get().messages.ngettext(singular, plural, n)
