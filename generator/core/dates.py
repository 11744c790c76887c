"""How a date is written for people: the one rule for pages, messages, period files and the Word report."""

from __future__ import annotations

import datetime as dt
import re

# 12/01/2024, 12.01.2024 or 12-01-2024: day first, as Vietnamese documents and clerks write a date.
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
# The data window as a report states it: "Số liệu [tính] từ [ngày] 15/12/2023 đến [ngày] 14/3/2024".
_WINDOW = re.compile(r"Số liệu\s+(?:tính\s+)?từ\s+(?:ngày\s+)?(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\s+đến\s+(?:ngày\s+)?(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})",
                     re.IGNORECASE)


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


def stated_window(text: str) -> tuple[dt.date, dt.date] | None:
    """The data window a sentence states ("… (Số liệu từ 15/12/2023 đến 14/3/2024) …"), if it states one: the one
    reading for the Word report (is the window said already?), the exported-report reader and the report importer."""
    m = _WINDOW.search(text)
    if not m:
        return None
    start, end = parse_day_first(m.group(1)), parse_day_first(m.group(2))
    return (start, end) if start and end else None
