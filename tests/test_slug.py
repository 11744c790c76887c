"""Folding away diacritics, one rule (generator/core/slug.py) for URLs, commune names and the importer's comparisons."""

from __future__ import annotations

import pytest

from generator.core.slug import fold, slugify, strip_diacritics


@pytest.mark.parametrize("text, bare, slug, folded", [
    ("Đăng ký khai sinh", "Dang ky khai sinh", "dang-ky-khai-sinh", "dang ky khai sinh"),
    ("Phường Phù Liễn", "Phuong Phu Lien", "phuong-phu-lien", "phuong phu lien"),
    ("ĐẶC KHU CÔN ĐẢO", "DAC KHU CON DAO", "dac-khu-con-dao", "dac khu con dao"),
    ("Tỷ lệ (%)", "Ty le (%)", "ty-le", "ty le %"),
    ("Thịnh\u0110ức", "ThinhDuc", "thinhduc", "thinhduc"),  # Đ written as its own letter
    ("Thi\u0323nh", "Thinh", "thinh", "thinh"),  # a mark typed apart (decomposed)
    # Where the official list's fold (the slug) and the importer's differed, the importer's is kept: its callers split
    # on spaces and tell the unit "%" by its sign; the official list's only compared folded names with each other.
    ("TP.HCM", "TP.HCM", "tp-hcm", "tp hcm"),
    ("Đơn vị tính: %", "Don vi tinh: %", "don-vi-tinh", "don vi tinh %"),
])
def test_every_fold_takes_the_marks_off_by_one_rule(text, bare, slug, folded):
    """One fold for `cchc new-commune`'s official names and `cchc import`'s headings (core/slug.py: fold)."""
    assert strip_diacritics(text) == bare
    assert slugify(text) == slug
    assert fold(text) == folded

