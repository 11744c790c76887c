"""Folding away diacritics, one rule (generator/slug.py) for URLs, commune names and the importer's comparisons."""

from __future__ import annotations

import pytest

from generator.core.slug import slugify, strip_diacritics
from generator.tools.import_docx import fold


@pytest.mark.parametrize("text, bare, slug, folded", [
    ("Đăng ký khai sinh", "Dang ky khai sinh", "dang-ky-khai-sinh", "dang ky khai sinh"),
    ("Phường Phù Liễn", "Phuong Phu Lien", "phuong-phu-lien", "phuong phu lien"),
    ("ĐẶC KHU CÔN ĐẢO", "DAC KHU CON DAO", "dac-khu-con-dao", "dac khu con dao"),
    ("Tỷ lệ (%)", "Ty le (%)", "ty-le", "ty le %"),
    ("Thịnh\u0110ức", "ThinhDuc", "thinhduc", "thinhduc"),  # Đ written as its own letter
    ("Thi\u0323nh", "Thinh", "thinh", "thinh"),  # a mark typed apart (decomposed)
])
def test_every_fold_takes_the_marks_off_by_one_rule(text, bare, slug, folded):
    assert strip_diacritics(text) == bare
    assert slugify(text) == slug
    assert fold(text) == folded
