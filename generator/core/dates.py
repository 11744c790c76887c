"""How a date is written for people: the one rule for pages, messages, period files and the Word report."""

from __future__ import annotations

import datetime as dt


def vn_date(day: dt.date | None) -> str:
    """12/01/2024 (day, month, year, as Vietnamese documents write them; what clerks type back); "" for no date."""
    return day.strftime("%d/%m/%Y") if day else ""
