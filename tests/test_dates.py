from __future__ import annotations

import pytest

from factsite.dates import DateFormatError, FuzzyDate


@pytest.mark.parametrize(
    "text, label, precision, iso",
    [
        ("2025-04-28", "28 Apr 2025", "day", "2025-04-28"),
        ("2025-04", "Apr 2025", "month", "2025-04"),
        ("2025", "2025", "year", "2025"),
        ("before 2025-04-26", "before 26 Apr 2025", "day", "before 2025-04-26"),
        ("2024-10/2025-04", "Oct 2024 – Apr 2025", "month", "2024-10/2025-04"),
        ("2024-02-29", "29 Feb 2024", "day", "2024-02-29"),
    ],
)
def test_parse_and_label(text: str, label: str, precision: str, iso: str) -> None:
    date = FuzzyDate.parse(text)
    assert (date.label(), date.precision, date.iso()) == (label, precision, iso)


@pytest.mark.parametrize(
    "text, message",
    [
        ("2025-02-30", "'2025-02-30' is not a real date (Feb 2025 has 28 days)"),
        ("2023-02-29", "'2023-02-29' is not a real date (Feb 2023 has 28 days)"),
        ("2025-13", "'2025-13' has no month 13 (months run 01 to 12)"),
        ("25-04-2025", "'25-04-2025' is not a date (write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-04-28)"),
        ("April 2025", "'April 2025' is not a date (write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-04-28)"),
        ("1850", "year 1850 in '1850' is out of range (1900 to 2100)"),
        ("2025-05/2025-04", "the period '2025-05/2025-04' ends before it starts"),
        ("before 2025-01/2025-02", "'before' takes one date, not a period"),
    ],
)
def test_bad_dates(text: str, message: str) -> None:
    with pytest.raises(DateFormatError) as info:
        FuzzyDate.parse(text)
    assert str(info.value) == message


def test_order_across_precisions() -> None:
    texts = ["2025", "2025-04-30", "2025-04", "2025-04-10", "before 2025-04-10", "2024-12", "2025-07-03", "2025-07-02"]
    ordered = sorted(texts, key=lambda t: FuzzyDate.parse(t).sort_key())
    # A coarse date sorts by the middle of its span (2025 -> 2 July, April -> 15-16 April);
    # on the same middle the coarser comes first; "before D" sorts just ahead of D.
    assert ordered == ["2024-12", "before 2025-04-10", "2025-04-10", "2025-04", "2025-04-30", "2025", "2025-07-02", "2025-07-03"]
