"""Dates as the sources give them: a day, a month or a year, sometimes only "before" a day.

Fact files write dates as plain strings whose shape *is* the precision::

    >>> FuzzyDate.parse("2025-04-28").label()
    '28 Apr 2025'
    >>> FuzzyDate.parse("2025-04").label()
    'Apr 2025'
    >>> FuzzyDate.parse("before 2025-04-26").label()
    'before 26 Apr 2025'

A period is two dates joined by ``/`` (ISO 8601 interval style)::

    >>> FuzzyDate.parse("2024-10/2025-04").label()
    'Oct 2024 – Apr 2025'

Nothing here reads YAML's implicit date typing: the loader hands over strings.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .i18n import MONTHS, _, current

PRECISIONS = ("day", "month", "year")

# [0-9], not \d: in Python \d also matches Arabic-Indic and full-width digits.
_POINT = re.compile(r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?")


class DateFormatError(ValueError):
    """The text is not a date in one of the accepted shapes (message says which)."""


@dataclass(frozen=True, order=False)
class Point:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> dt.date:
        if self.day:
            return self.first
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def label(self) -> str:
        """As the page's language writes it: "1 Sep 2025", "Sep 2025", "2025"."""
        if self.day and self.month:
            return current().day(self.first)
        if self.month:
            return current().month(self.year, self.month)
        return str(self.year)


def _parse_point(text: str) -> Point:
    match = _POINT.fullmatch(text)
    if not match:
        raise DateFormatError(f"'{text}' is not a date (write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-04-28)")
    year, month, day = (int(g) if g else None for g in match.group("y", "m", "d"))
    assert year is not None
    if not 1900 <= year <= 2100:
        raise DateFormatError(f"year {year} in '{text}' is out of range (1900 to 2100)")
    if month is not None and not 1 <= month <= 12:
        raise DateFormatError(f"'{text}' has no month {month} (months run 01 to 12)")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateFormatError(f"'{text}' is not a real date ({MONTHS[month - 1]} {year} has {last} days)")
    return Point(year, month, day)


@dataclass(frozen=True)
class FuzzyDate:
    """A point or a period, with the precision the source gave it.

    ``before`` marks a date the source only bounds from above ("initially, both sides
    denied this" before a dated acknowledgement).
    """

    start: Point
    end: Point | None = None
    before: bool = False

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        # No stripping of inner spaces: the JSON Schema's pattern (what editors check)
        # and this parser must accept exactly the same texts.
        raw = text
        before = raw.startswith("before ")
        if before:
            raw = raw[len("before ") :]
        if "/" in raw:
            if before:
                raise DateFormatError("'before' takes one date, not a period")
            left, _, right = raw.partition("/")
            start, end = _parse_point(left), _parse_point(right)
            if end.last < start.first:
                raise DateFormatError(f"the period '{text}' ends before it starts")
            return cls(start, end)
        return cls(_parse_point(raw), None, before)

    @property
    def precision(self) -> str:
        return (self.end or self.start).precision

    def iso(self) -> str:
        if self.end:
            return f"{self.start.iso()}/{self.end.iso()}"
        return ("before " if self.before else "") + self.start.iso()

    def label(self) -> str:
        if self.end:
            return f"{self.start.label()} – {self.end.label()}"
        return _("before {date}").format(date=self.start.label()) if self.before else self.start.label()

    def year(self) -> int:
        """The year a timeline files the date under: the year of the day it sorts by
        (`sort_key`), so events in time order never take a year's heading twice."""
        return dt.date.fromordinal(self.sort_key()[0] // 2).year

    def sort_key(self) -> tuple[int, int, int]:
        """Chronological order across precisions.

        A date sorts by the middle of the span it covers: "2024" (some time in 2024)
        comes after "2024-01-04" and before "2024-10"; "2025-04" sits mid-April.
        On the same middle the coarser date comes first. "before D" sorts just
        ahead of D.
        """
        first = self.start.first.toordinal()
        if self.before:
            return (2 * (first - 1), 0, 0)
        last = (self.end or self.start).last.toordinal()
        return (first + last, first - last, 1)  # twice the middle, to stay in integers
