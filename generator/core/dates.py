"""How a date is written for people: the one rule for pages, messages, period files and the Word report."""

from __future__ import annotations

import datetime as dt
import re

# 12/01/2024, 12.01.2024 or 12-01-2024: day first, as Vietnamese documents and clerks write a date.
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def vn_date(day: dt.date | None) -> str:
    """12/01/2024 (day, month, year, as Vietnamese documents write them; what clerks type back); "" for no date."""
    return day.strftime("%d/%m/%Y") if day else ""


def day_first(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date written day first (12/01/2024, 12.01.2024, 12-01-2024), whether or not that day
    is on the calendar; None for any other writing. The one reading of such a date: the models, the importer and
    the Word layout all use it."""
    m = _DAY_FIRST.match(text)
    return (int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None


def parse_day_first(text: str) -> dt.date | None:
    """The date written day first, or None when it is written otherwise or is not on the calendar (31/02)."""
    parts = day_first(text)
    try:
        return dt.date(*parts) if parts else None
    except ValueError:
        return None
