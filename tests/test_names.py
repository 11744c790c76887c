"""How the portal names a period, a commune and its People's Committee: one rule each (generator/names.py)."""

from __future__ import annotations

import pytest

from generator.core.names import committee_name, commune_name, period_name
from generator.models.catalog import LoaiKy


def kind(ten, tieu_de=None):
    return LoaiKy.model_validate({"ma": "k", "ten": ten, "thu_tu": 1, "tu": {"ngay": 1, "thang": 1}, "den": {"ngay": 1, "thang": 2},
                                  **({"tieu_de": tieu_de} if tieu_de else {})})


@pytest.mark.parametrize("ten, tieu_de, short, name", [
    ("Quý I", None, False, "Quý I năm 2024"),
    ("6 tháng", None, False, "6 tháng năm 2024"),
    ("Năm", "Năm {nam}", False, "Năm 2024"),  # not "Năm năm 2024"
    ("Quý I", None, True, "Quý I 2024"),  # a chart's axis
    ("Năm", "Năm {nam}", True, "Năm 2024"),
])
def test_a_period_is_named_by_its_kind(ten, tieu_de, short, name):
    assert period_name(kind(ten, tieu_de), 2024, short=short) == name


@pytest.mark.parametrize("loai, ten, full, committee", [
    ("xã", "Thịnh Đức", "Xã Thịnh Đức", "UBND xã Thịnh Đức"),
    ("phường", "Phù Liễn", "Phường Phù Liễn", "UBND phường Phù Liễn"),
    ("đặc khu", "Côn Đảo", "Đặc khu Côn Đảo", "UBND đặc khu Côn Đảo"),
])
def test_a_commune_and_its_committee(loai, ten, full, committee):
    assert commune_name(loai, ten) == full
    assert committee_name(loai, ten) == committee
