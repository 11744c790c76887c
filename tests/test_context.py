"""The views the templates lay out, built from in-memory communes and periods (the shipped catalogue, read once)."""

from __future__ import annotations

import functools
from types import SimpleNamespace

import pytest

from conftest import DATA, in_memory_commune, in_memory_period
from generator.checks import CheckedPeriod, check_period
from generator.compute import compute
from generator.context import build_commune_view, commune_pages, feedback_channels, period_title, province_views
from generator.models.commune import KenhPhanAnh
from generator.reader import read_portal

COUNT = {"kieu": "so_luong"}


@functools.lru_cache(maxsize=1)
def catalog():
    return read_portal(DATA).portal.catalog


def checked(commune, period) -> CheckedPeriod:
    figures = compute(period)
    return CheckedPeriod(figures, check_period(commune, period, figures, catalog().period_kinds))


def view(commune, single=False):
    return build_commune_view(commune, catalog(), {p.slug: checked(commune, p) for p in commune.periods}, single)


def channel(ten, web=None):
    return KenhPhanAnh.model_validate({"ten": ten, **({"dia_chi_web": web} if web else {})})


@pytest.mark.parametrize("own, province, national, shown", [
    (["Xã"], ["Tỉnh"], ["Quốc gia"], ["Xã", "Tỉnh", "Quốc gia"]),
    (["Tỉnh"], ["tinh"], ["Quốc gia"], ["Tỉnh", "Quốc gia"]),  # the same name once folded: shown once
    ([], [], ["Quốc gia"], ["Quốc gia"]),
    (["Xã"], None, [], ["Xã"]),  # a province without its file
])
def test_feedback_channels_own_then_province_then_national_each_once(own, province, national, shown):
    provinces = {"thai-nguyen": SimpleNamespace(kenh_phan_anh=[channel(n) for n in province])} if province is not None else {}
    shared = SimpleNamespace(provinces=provinces, national_channels=[channel(n) for n in national])
    xa = in_memory_commune(kenh_phan_anh=[{"ten": n} for n in own]).xa
    assert [k.ten for k in feedback_channels(xa, shared)] == shown


def test_a_channel_with_the_same_web_address_is_shown_once():
    shared = SimpleNamespace(provinces={}, national_channels=[channel("Cổng DVC", "https://dichvucong.gov.vn")])
    xa = in_memory_commune(kenh_phan_anh=[{"ten": "Cổng Dịch vụ công quốc gia", "dia_chi_web": "https://dichvucong.gov.vn"}]).xa
    assert [k.ten for k in feedback_channels(xa, shared)] == ["Cổng Dịch vụ công quốc gia"]


@pytest.mark.parametrize("single, home", [(True, "index.md"), (False, "thinh-duc/index.md")])
def test_commune_pages(single, home):
    pages = commune_pages("thinh-duc", single)
    assert pages["home"] == home and pages["thu_tuc"] == "thinh-duc/thu-tuc.md"
    assert len(set(pages.values())) == len(pages)


def test_periods_newest_first_linked_both_ways():
    older = in_memory_period([{"ma": "1", **COUNT}], {"1": 1})
    newer = in_memory_period([{"ma": "1", **COUNT}], {"1": 2}, nam=2025, tu_ngay="15/12/2024", den_ngay="14/03/2025")
    newer.slug = "2025-q1"
    v = view(in_memory_commune(older, newer))
    assert [pv.slug for pv in v.periods] == ["2025-q1", "2024-q1"]
    assert v.latest.slug == "2025-q1" and v.periods[0].previous is v.periods[1] and v.periods[1].next is v.periods[0]
    assert v.periods[0].md == "thinh-duc/bao-cao/2025-q1.md" and v.periods[0].appendix_md == "thinh-duc/bao-cao/2025-q1/phu-luc.md"
    assert [pv.title for pv in v.periods] == ["Quý I năm 2025", "Quý I năm 2024"]


def test_a_template_without_the_key_figures_shows_none_of_them():
    v = view(in_memory_commune(in_memory_period([{"ma": "1", **COUNT}], {"1": 1})))
    assert v.key_figures == [] and v.charts == []


def test_the_sector_total_is_blank_without_sectors_and_the_sum_with_them():
    """One meaning for the home and the procedures page (the commune's) and the report page (the period's)."""
    blank = view(in_memory_commune(in_memory_period([])))
    assert blank.sector_total is None and blank.latest.sector_total is None
    period = in_memory_period([], linh_vuc=[{"linh_vuc": "dat-dai", "so_thu_tuc": 3}, {"linh_vuc": "tu-phap-ho-tich", "so_thu_tuc": 4}])
    summed = view(in_memory_commune(period))
    assert summed.sector_total == summed.latest.sector_total == 7


def test_province_views_group_by_province_in_order():
    a = view(in_memory_commune(tinh="Thái Nguyên"))
    b = view(in_memory_commune(tinh="Hải Phòng"))
    c = view(in_memory_commune(tinh="Thái\v Nguyên"))  # a pasted line break: the same province
    groups = province_views([a, b, c])
    assert [(g.name, g.md, len(g.communes)) for g in groups] == [
        ("Hải Phòng", "tinh/hai-phong/index.md", 1), ("Thái Nguyên", "tinh/thai-nguyen/index.md", 2)]


def test_a_period_title_follows_its_kind():
    assert period_title(in_memory_period([])) == "Quý I năm 2024"


def test_a_rows_findings_come_from_the_checking_result():
    """The appendix row, the home's key figure and the CSV ask the period's view for a row's findings (by its code);
    only acknowledged errors are disclosed, and only rows with one are listed as mismatched."""
    ratio = [{"ma": "1", "kieu": "ty_le", "tu_so": "1.2", "mau_so": "1.1",
              "chi_tieu": [{"ma": "1.1", **COUNT}, {"ma": "1.2", **COUNT}]}]
    period = in_memory_period(ratio, {"1.1": 8, "1.2": 3, "1": {"so_lieu_bao_cao": 30, "xac_nhan": {"ty-le-lech": "Đã biết."}}},
                              ke_hoach=[{"so": "18/KH-UBND", "ngay": "13/02/2023", "trich_yeu": "Kế hoạch"}])
    pv = view(in_memory_commune(period)).latest
    assert [f.id for f in pv.findings_about("1")] == ["1/ty-le-lech"] and pv.findings_about("1.1") == []
    assert [f.id for f in pv.findings] == ["1/ty-le-lech", "ke_hoach/18-KH-UBND/ngay-ngoai-ky"]
    assert [f.id for f in pv.disclosed] == ["1/ty-le-lech"] and pv.disclosed_outside_table == []
    assert [fig.code for fig in pv.rows_with_mismatch] == ["1"]
