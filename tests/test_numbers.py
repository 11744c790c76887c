"""Vietnamese number formatting and "agrees with the rounding it was printed with", table-driven."""

from __future__ import annotations

import pytest

from generator.core.numbers import agrees, decimals_of, figure_number, ratio, vn_number


@pytest.mark.parametrize("value, decimals, shown", [
    (None, None, ""),
    (0, None, "0"),
    (504, None, "504"),
    (1180000, None, "1.180.000"),
    (1180000.0, None, "1.180.000"),
    (98.07, None, "98,07"),
    (98.1, None, "98,1"),
    (1234.5, None, "1.234,5"),
    (-1234.5, None, "-1.234,5"),
    (-0.001, None, "0"),  # not "-0"
    (37.5, 1, "37,5"),
    (100.0, 1, "100"),
    (0.25, 2, "0,25"),
    # Where Babel's format_decimal(locale="vi") differs (generator/README.md, "Choices and their reasons"): "-0", "0", "0,2".
    (-0.04, 1, "0"),
    (0.05, 1, "0,1"),
    (0.15, 1, "0,1"),
])
def test_vn_number(value, decimals, shown):
    assert vn_number(value, decimals) == shown


@pytest.mark.parametrize("value, shown", [
    (None, ""), (98.0674, "98,1"), (99.96, "100"), (37.5, "37,5"), (0, "0"), (509 / 519 * 100, "98,1"),
])
def test_ratio_shows_at_most_one_decimal(value, shown):
    assert ratio(value) == shown


@pytest.mark.parametrize("printed, decimals", [
    (None, 0), (30, 0), (30.0, 0), (98.1, 1), (196.5, 1), (60.65, 2), (0.00001, 5), (0.000015, 6), (1e-7, 7),
])
def test_decimals_of_a_printed_value(printed, decimals):
    assert decimals_of(printed) == decimals


@pytest.mark.parametrize("printed, computed, agree", [
    (98.1, 509 / 519 * 100, True),  # 98,07 printed as 98,1
    (98, 509 / 519 * 100, True),
    (196.5, 509 / 519 * 100, False),
    (30, 37.5, False),
    (61, 60.65, True),  # Phù Liễn's 61 % for 60,65 %
    (61, 60.4, False),
    (60.7, 60.65, True),
    (60.6, 60.65, True),
    (60.5, 60.65, False),
    (0.00001, 0.000014, True),
    (0.00001, 0.00002, False),
    (100, 100, True),
])
def test_agrees_with_the_rounding_it_was_printed_with(printed, computed, agree):
    assert agrees(printed, computed) is agree


@pytest.mark.parametrize("value, computed_ratio, page, word, machine", [
    (98.15, False, "98,15", "98,15", "98.15"),  # typed: as typed, all its decimals
    (509 / 519 * 100, True, "98,1", "98,1", "98.07321772639692"),  # computed ratio: rounded for people only
    (1180000, False, "1.180.000", "1.180.000", "1180000"),
    (98.125, False, "98,125", "98,125", "98.125"),
    (0.1 + 0.2, False, "0,3", "0,3", "0.30000000000000004"),  # a sum's float noise is no typed decimal
    (None, False, "", "", ""),
])
def test_figure_number_one_function_three_media(value, computed_ratio, page, word, machine):
    shown = [figure_number(value, computed_ratio=computed_ratio, medium=m) for m in ("page", "word", "machine")]
    assert shown == [page, word, machine]
