"""Dates in the index as YYYYMMDD numbers: one encoding for what indexing writes and what queries compare.

An article's date covers a span at its precision (a day, a month, a year); the index holds the span's
first and last day as numbers (`date_start`, `date_end`), and a date range selects the articles whose
whole span lies within it ("2023" is not known to be in April 2023). A month's last day is written as
day 31 whatever the month's length, both in the index and in a query, so neither needs a calendar.
"""

from __future__ import annotations

import calendar
import datetime

from articles.extraction.types import MONTH, YEAR

MONTH_END = 31


def day_number(day: datetime.date) -> int:
    """20230405 for 5 April 2023."""
    return day.year * 10000 + day.month * 100 + day.day


def span_numbers(day: datetime.date, precision: str) -> tuple[int, int]:
    """The first and last day numbers of a date known to `precision` (what indexing writes)."""
    start = day_number(day)
    if precision == YEAR:
        return start, day.year * 10000 + 1231
    if precision == MONTH:
        return start, day.year * 10000 + day.month * 100 + MONTH_END
    return start, start


def range_end_number(last_day: datetime.date) -> int:
    """The number a range ending on `last_day` is compared with (what querying asks for)."""
    month_end = last_day.day == calendar.monthrange(last_day.year, last_day.month)[1]
    return last_day.year * 10000 + last_day.month * 100 + (MONTH_END if month_end else last_day.day)
