"""A date as people read it: one rule (generator/core/dates.py) for pages, messages, period files and the Word report."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import TypeAdapter, ValidationError

from generator.core.dates import parse_day_first, stated_window, vn_date
from generator.models.types import Ngay
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


@pytest.mark.parametrize("text, day", [
    ("12/01/2024", dt.date(2024, 1, 12)), ("12.01.2024", dt.date(2024, 1, 12)), ("12-01-2024", dt.date(2024, 1, 12)),
    ("5/3/2024", dt.date(2024, 3, 5)), ("31/02/2024", None), ("2024/01/12", None), ("12/01/24", None),
])
def test_a_date_written_day_first_is_read_one_way_by_the_model_the_importer_and_the_word_layout(text, day):
    """Issue 23: "12.01.2024" was a date to the model and not to the Word layout; one reading now (core/dates.py)."""
    assert parse_day_first(text) == day
    if day is None:
        with pytest.raises(ValidationError):
            TypeAdapter(Ngay).validate_python(text)
    else:
        assert TypeAdapter(Ngay).validate_python(text) == day
        slashes = text.replace(".", "/").replace("-", "/")
        assert stated_window(f"Số liệu từ {slashes} đến 14/03/2024.") == (day, dt.date(2024, 3, 14))


@pytest.mark.parametrize("text, window", [
    ("UBND xã báo cáo quý I năm 2024 (Số liệu từ 15/12/2023 đến 14/3/2024) như sau:", (dt.date(2023, 12, 15), dt.date(2024, 3, 14))),
    ("Số liệu tính từ ngày 15/12/2023 đến ngày 14/03/2024.", (dt.date(2023, 12, 15), dt.date(2024, 3, 14))),
    ("số liệu từ 15.12.2023 đến 14.03.2024", (dt.date(2023, 12, 15), dt.date(2024, 3, 14))),
    ("(Số liệu từ 15/12/2023\nđến 14/3/2024)", (dt.date(2023, 12, 15), dt.date(2024, 3, 14))),
    ("Kế hoạch số 08/KH-UBND thực hiện từ 01/01/2024 đến 31/12/2024.", None),
    ("Số liệu từ 31/02/2024 đến 14/3/2024", None),
    ("Số liệu quý I năm 2024", None),
])
def test_the_data_window_a_report_states_is_read_one_way(text, window):
    """Issue 23: the Word layout took any "… đến …" between two dates for the window (a plan's term too) and the
    report importer only "Số liệu từ" with slashes and single spaces; one reading now (core/dates.stated_window)."""
    assert stated_window(text) == window
