"""A date as people read it: one rule (generator/dates.py) for pages, messages, period files and the Word report."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.core.dates import vn_date
from generator.render.pages import make_env


@pytest.mark.parametrize("day, text", [
    (dt.date(2024, 1, 12), "12/01/2024"),
    (dt.date(2025, 7, 1), "01/07/2025"),
    (dt.date(2024, 12, 31), "31/12/2024"),
    (None, ""),
])
def test_a_date_is_day_month_year_with_two_digits(day, text):
    assert vn_date(day) == text


def test_the_templates_filter_is_the_same_rule():
    assert make_env().filters["ngay"] is vn_date
