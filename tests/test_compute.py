"""compute on in-memory periods: ratios from their components, sums and their one blank member, group summaries,
and a blank that stays a blank (never a zero)."""

from __future__ import annotations

import pytest

from conftest import in_memory_period
from generator.rules.compute import compute, sector_total

COUNT = {"kieu": "so_luong"}
RATIO = [{"ma": "1", "kieu": "ty_le", "tu_so": "1.2", "mau_so": "1.1",
          "chi_tieu": [{"ma": "1.1", **COUNT}, {"ma": "1.2", **COUNT}]}]
SUM = [{"ma": "3", "tong": ["3.1", "3.2", "3.3"], **COUNT,
        "chi_tieu": [{"ma": "3.1", **COUNT}, {"ma": "3.2", **COUNT}, {"ma": "3.3", **COUNT}]}]


def values(rows, given) -> dict:
    figures = compute(in_memory_period(rows, given))
    return {fig.code: (fig.value, fig.computed, fig.undefined) for fig in figures.rows}


@pytest.mark.parametrize("given, expected", [
    ({"1.1": 8, "1.2": 3}, (37.5, True, False)),
    ({"1.1": 519, "1.2": 509}, (509 / 519 * 100, True, False)),
    ({"1.1": 0, "1.2": 0}, (None, True, True)),  # 0 of 0: no ratio, said as such
    ({"1.1": 0, "1.2": 3}, (None, True, True)),
    ({"1.1": 8}, (None, True, False)),  # a blank component: a blank ratio, not 0 %
    ({}, (None, True, False)),
    ({"1.1": 8, "1.2": 0}, (0, True, False)),  # a real zero stays a zero
])
def test_a_ratio_is_computed_from_its_components(given, expected):
    assert values(RATIO, given)["1"] == expected


@pytest.mark.parametrize("given, total, computed_member", [
    ({"3.1": 1, "3.2": 2, "3.3": 3}, (6, True, False), None),  # blank total: the sum
    ({"3": 10, "3.1": 1, "3.2": 2}, (10, False, False), ("3.3", 7)),  # one blank member: the difference
    ({"3": 10, "3.1": 1, "3.3": 4}, (10, False, False), ("3.2", 5)),
    ({"3": 10, "3.1": 1}, (10, False, False), None),  # two blanks: nothing can be computed
    ({"3": 2, "3.1": 1, "3.2": 5}, (2, False, False), None),  # a member would be negative: stays blank
    ({"3": 6, "3.1": 1, "3.2": 2, "3.3": 3}, (6, False, False), None),  # all given: checked, not computed
    ({"3": 0, "3.1": 0, "3.2": 0}, (0, False, False), ("3.3", 0)),
])
def test_a_sum_fills_its_one_blank(given, total, computed_member):
    got = values(SUM, given)
    assert got["3"] == total
    blanks = {code for code in ("3.1", "3.2", "3.3") if code not in given}
    for code in blanks:
        if computed_member and code == computed_member[0]:
            assert got[code] == (computed_member[1], True, False)
        else:
            assert got[code] == (None, False, False)


def test_a_computed_member_says_what_it_comes_from():
    figures = compute(in_memory_period(SUM, {"3": 10, "3.1": 1, "3.2": 2}))
    member = figures.by_code["3.3"]
    assert member.derived_from == ["3", "3.1", "3.2"] and member.difference


def test_a_summary_takes_its_row_s_value():
    rows = [{"ma": "I", "kieu": "nhom", "tom_tat": "1", "chi_tieu": RATIO}]
    assert values(rows, {"1.1": 8, "1.2": 3})["I"] == (37.5, True, False)


def test_a_ratio_of_a_summary_is_computed_whatever_the_order_of_rows():
    """A ratio whose numerator is a group's summary: the summary is computed before the ratio."""
    rows = [{"ma": "A", "kieu": "ty_le", "tu_so": "B", "mau_so": "C"},
            {"ma": "B", "kieu": "so_luong", "tom_tat": "D"},
            {"ma": "C", **COUNT}, {"ma": "D", **COUNT}]
    assert values(rows, {"C": 4, "D": 1})["A"] == (25, True, False)


def test_a_sum_of_ratios_components_and_a_ratio_of_a_computed_sum():
    rows = [{"ma": "R", "kieu": "ty_le", "tu_so": "S", "mau_so": "T"}, {"ma": "T", **COUNT},
            *SUM[:1], {"ma": "S", "tong": ["3"], **COUNT}]
    got = values(rows, {"T": 12, "3.1": 1, "3.2": 2, "3.3": 3})
    assert got["3"][0] == 6 and got["S"][0] == 6 and got["R"] == (50, True, False)


def test_a_blank_is_never_a_zero():
    assert values(SUM + RATIO, {})["3"] == (None, False, False)


@pytest.mark.parametrize("sectors, total", [([], None), ([("tu-phap-ho-tich", 3), ("dat-dai", 4)], 7)])
def test_the_sector_total_is_blank_without_sectors(sectors, total):
    period = in_memory_period([], linh_vuc=[{"linh_vuc": code, "so_thu_tuc": n} for code, n in sectors])
    assert sector_total(period) == total


@pytest.mark.parametrize("given, value, computed, published", [
    ({"1": {"so_lieu_bao_cao": 85}}, 85, False, True),  # a share published alone: a figure of its own
    ({"1.1": 100, "1.2": 85, "1": {"so_lieu_bao_cao": 85}}, 85.0, True, False),  # with its components: computed
    ({"1.1": 0, "1.2": 0, "1": {"so_lieu_bao_cao": 85}}, None, True, False),  # denominator 0: undefined, not published
    ({}, None, True, False),  # nothing given: blank
])
def test_a_share_published_without_its_components_is_kept_as_published(given, value, computed, published):
    fig = compute(in_memory_period(RATIO, given)).by_code["1"]
    assert (fig.value, fig.computed, fig.published) == (value, computed, published)
