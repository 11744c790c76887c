"""The views the templates lay out, built from in-memory communes and periods (the shipped catalogue, read once)."""

from __future__ import annotations

import functools
from types import SimpleNamespace

import pytest
from conftest import DATA, in_memory_commune, in_memory_period

from generator.core.problems import messages
from generator.core.site_paths import commune_pages
from generator.load.reader import read_portal
from generator.models.commune import KenhPhanAnh
from generator.rules.checks import KINDS, CheckedPeriod, check_period
from generator.rules.compute import compute
from generator.views.context import (
    build_commune_view,
    citizen_text,
    feedback_channels,
    online_level,
    province_views,
)

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


def test_the_page_title_and_the_chart_axis_name_a_period_by_the_one_rule():
    v = view(in_memory_commune(in_memory_period([{"ma": "1", **COUNT}], {"1": 1})))
    assert v.latest.title == "Quý I năm 2024"
    assert v.committee == "UBND xã Thịnh Đức" and v.full_name == "Xã Thịnh Đức"


RATIO = [{"ma": "1", "kieu": "ty_le", "tu_so": "1.b", "mau_so": "1.a", "chi_tieu": [{"ma": "1.a", **COUNT}, {"ma": "1.b", **COUNT}]}]
SUM = [{"ma": "2", **COUNT, "tong": ["2.a", "2.b"], "chi_tieu": [{"ma": "2.a", **COUNT}, {"ma": "2.b", **COUNT}]}]


def rows_of(rows, values):
    pv = view(in_memory_commune(in_memory_period(rows, values))).latest
    return {r.fig.code: r for r in pv.appendix_rows}


@pytest.mark.parametrize("rows, values, code, notes", [
    (RATIO, {"1.a": 519, "1.b": 509}, "1", ["Tính từ 509/519."]),
    (RATIO, {"1": {"so_lieu_bao_cao": 98.1}, "1.a": 519, "1.b": 509}, "1", ["Tính từ 509/519.", "Số liệu công bố: 98,1 %."]),
    (RATIO, {"1": {"so_lieu_bao_cao": 100, "xac_nhan": {"ty-le-khong-xac-dinh": "Không có hồ sơ."}}, "1.a": 0, "1.b": 0}, "1",
     ["Không tính được vì mẫu số bằng 0.", "Số liệu công bố: 100 %."]),
    (RATIO, {"1.a": 519}, "1", []),  # a ratio with a blank component: blank, nothing to say how
    (SUM, {"2.a": 3, "2.b": 4}, "2", ["Tính bằng 2.a + 2.b."]),
    (SUM, {"2": 7, "2.a": 3}, "2.b", ["Tính bằng 2 − 2.a."]),
    (SUM, {"2": {"gia_tri": 7, "ghi_chu": "Theo sổ."}, "2.a": 3, "2.b": 4}, "2", ["Theo sổ."]),
])
def test_the_note_cell_is_decided_by_the_view(rows, values, code, notes):
    assert rows_of(rows, values)[code].notes == notes


def test_an_acknowledged_error_is_beside_its_row_in_the_citizen_s_words():
    values = {"1": {"so_lieu_bao_cao": 196.5, "xac_nhan": {"ty-le-lech": "Báo cáo in nhầm."}}, "1.a": 519, "1.b": 509}
    row = rows_of([{**RATIO[0], "ten": "Tỷ lệ đúng hạn"}], values)["1"]
    [note] = row.findings
    assert note.text == "“Tỷ lệ đúng hạn”: số liệu công bố ghi 196,5 %, nhưng tính từ hai thành phần của nó (509/519) được 98,1 %."
    assert (note.reason_label, note.reason) == ("Ghi chú của cổng:", "Báo cáo in nhầm.")  # figures published, no report
    assert row.value == "98,1" and row.unit == ""  # the template's rows have no unit


@pytest.mark.parametrize("row, value, text", [
    ({"ma": "1", "kieu": "ty_le"}, 98.07, "98,07"),  # typed: as typed (only a computed ratio is rounded)
    ({"ma": "1", "kieu": "ty_le"}, 100, "100"),
    ({"ma": "1", "kieu": "so_luong"}, 1180000, "1.180.000"),
    ({"ma": "1", "kieu": "so_tien"}, 2.5, "2,5"),
    ({"ma": "1", "kieu": "diem", "toi_da": 100}, 87.5, "87,5"),
    ({"ma": "1", "kieu": "thang_do", "thang_do": [{"gia_tri": 0, "nhan": "Chưa có"}, {"gia_tri": 2, "nhan": "3 cấp"}]}, 2, "2 (3 cấp)"),
    ({"ma": "1", "kieu": "so_luong"}, None, None),  # a blank stays blank, never 0
])
def test_a_value_is_written_by_its_row_s_kind(row, value, text):
    assert rows_of([row], {"1": value})["1"].value == text


def test_a_heading_row_shows_a_value_only_when_it_summarises_one():
    heading = {"ma": "I", "kieu": "nhom", "chi_tieu": [{"ma": "1", **COUNT}]}
    rows = rows_of([heading], {"1": 3})
    assert not rows["I"].shows_value and rows["I"].group and rows["1"].shows_value


def key_rows(ratio_values):
    """A template declaring the on-time ratio and count (a key figure with a side figure) and the dossiers received."""
    rows = [{"ma": "3", **COUNT, "so_lieu_chung": "ho-so-da-giai-quyet"},
            {"ma": "4", "kieu": "ty_le", "tu_so": "4.b", "mau_so": "4.a", "so_lieu_chung": "ho-so-dung-han-ty-le",
             "chi_tieu": [{"ma": "4.a", **COUNT}, {"ma": "4.b", **COUNT, "so_lieu_chung": "ho-so-dung-han"}]}]
    return view(in_memory_commune(in_memory_period(rows, ratio_values)))


@pytest.mark.parametrize("values, shown", [
    ({"3": 519, "4.a": 519, "4.b": 509}, [("519", None, False), ("98,1", "509 hồ sơ đúng hạn", False)]),
    ({"3": 519, "4.a": 519}, [("519", None, False), (None, None, False)]),  # no side sentence without its figure
    ({"3": 519, "4": {"so_lieu_bao_cao": 90, "xac_nhan": {"ty-le-lech": "In nhầm."}}, "4.a": 519, "4.b": 509},
     [("519", None, False), ("98,1", "509 hồ sơ đúng hạn", True)]),
])
def test_the_home_s_key_figures_are_sentences_decided_by_the_view(values, shown):
    v = key_rows(values)
    assert [(k.value, k.side_text, k.mismatch) for k in v.key_figures] == shown


def test_a_chart_writes_a_percentage_by_its_kind_not_by_its_unit():
    v = key_rows({"3": 519, "4.a": 519, "4.b": 509})
    by_title = {chart.title: chart for chart in v.charts}
    on_time = by_title["Tỷ lệ hồ sơ giải quyết đúng hạn"]
    assert on_time.series[0].values == [pytest.approx(98.0732, abs=1e-3)] and on_time.series[0].texts == ["98,1"]


def test_the_province_comparison_takes_each_commune_s_own_rows():
    a = key_rows({"3": 1180000, "4.a": 519, "4.b": 509})
    b = view(in_memory_commune(in_memory_period([{"ma": "9", **COUNT, "so_lieu_chung": "ho-so-da-giai-quyet"}], {"9": 7}), ten="Khác"))
    c = view(in_memory_commune(ten="Chưa báo cáo"))
    keys = catalog().key_figures.trang_chu
    [province] = province_views([a, b, c], keys)
    assert province.columns == [k.nhan for k in keys] and province.reporting
    values = {row.commune.xa.ten: row.values for row in province.rows}
    done, on_time = [k.so_lieu for k in keys].index("ho-so-da-giai-quyet"), [k.so_lieu for k in keys].index("ho-so-dung-han-ty-le")
    assert values["Thịnh Đức"][done] == "1.180.000" and values["Thịnh Đức"][on_time] == "98,1 %"  # with its unit
    assert values["Khác"][done] == "7" and values["Khác"][on_time] is None
    assert values["Chưa báo cáo"] == [None] * len(keys)


@pytest.mark.parametrize("many, title", [(False, "Xã Thịnh Đức"), (True, "Xã Thịnh Đức – Tỉnh Thái Nguyên")])
def test_the_home_s_title_names_the_province_in_a_portal_of_many(many, title):
    assert view(in_memory_commune(), single=not many).home_title == title


def test_the_seed_s_findings_read_for_citizens_name_labels_not_codes():
    import shutil
    import tempfile
    from pathlib import Path

    from conftest import FIXTURES

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(DATA / "danh-muc", Path(tmp) / "danh-muc")
        shutil.copytree(FIXTURES / "ban-in" / "thinh-duc", Path(tmp) / "xa" / "thinh-duc")
        portal = read_portal(Path(tmp)).portal
    [commune] = portal.communes
    [period] = commune.periods
    figures = compute(period)
    findings = [f for f in check_period(commune, period, figures, portal.catalog.period_kinds) if f.problem.severity == "error"]
    assert len(findings) == 14
    for f in findings:
        text = citizen_text(f, figures)
        codes = {v for v in f.problem.details.values() if isinstance(v, str) and v in figures.by_code and "." in v}  # "2" is a number too
        assert "`" not in text and not any(f" {code} " in f" {text} " or f"({code})" in text for code in codes), text
        if "{ten_ma}" in messages()[f.problem.code + "_cong_dan"]:
            assert f"“{figures.by_code[f.problem.details['ma']].row.ten}”" in text


@pytest.mark.parametrize("kind", [k for k in KINDS.values() if k.severity == "error"], ids=lambda k: k.id)
def test_every_error_a_page_can_disclose_has_a_citizen_wording(kind):
    citizen = messages()[f"{kind.wording}_cong_dan"]
    codes = ("{ma}", "{tu_so}", "{mau_so}", "{cac_ma}", "{ma_ho_so}", "{giao}", "{tom_tat}")  # details that are codes
    assert "`" not in citizen and not any(code in citizen for code in codes)


@pytest.mark.parametrize("muc_do, shown", [("toan-trinh", "Toàn trình: "), ("mot-phan", "Một phần: "), ("3", "Mức độ 3"),
                                            ("khong", "Chưa nộp trực tuyến được"), (None, None)])
def test_a_procedure_s_online_level_as_citizens_read_it(muc_do, shown):
    said = online_level(muc_do)
    assert said == shown if shown is None else said.startswith(shown)


def test_the_report_lists_the_plans_issued_in_its_period_not_those_it_continues():
    plans = [{"so": "01/KH-UBND", "ngay": "02/01/2024", "trich_yeu": "Mới"},
             {"so": "09/KH-UBND", "ngay": "02/01/2023", "trich_yeu": "Cũ", "tiep_tuc": True}]
    pv = view(in_memory_commune(in_memory_period([], ke_hoach=plans))).latest
    assert [d.so for d in pv.plans_issued] == ["01/KH-UBND"]


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


def test_a_share_computed_from_a_disputed_count_is_marked_wherever_it_is_shown():
    """Issue 23: online 1.300 of 1.200 received, the part-over-whole error acknowledged at the count: the share of
    108,3 % it gives was shown unmarked on the home and in the appendix. It carries the count's finding, on the page,
    the home and the CSV alike (PeriodView.disclosed_for)."""
    from generator.render.opendata import INDICATOR_COLUMNS, indicator_rows
    rows = [{"ma": "2", **COUNT, "tong": ["2.1", "2.2"], "trong_do": [{"ma": "2.1", **COUNT}, {"ma": "2.2", **COUNT}]},
            {"ma": "3", "kieu": "ty_le", "tu_so": "2.1", "mau_so": "2", "so_lieu_chung": "ho-so-dung-han-ty-le"}]
    values = {"2": {"gia_tri": 1200, "xac_nhan": {"tong-thanh-phan-vuot": "Đã biết."}}, "2.1": 1300}
    commune = view(in_memory_commune(in_memory_period(rows, values)))
    pv = commune.periods[0]
    appendix = {row.fig.code: row for row in pv.appendix_rows}
    assert appendix["3"].value == "108,3" and appendix["3"].disputed_sources == ["2"]  # the note is at row 2
    assert [n.reason for n in appendix["2"].findings] == ["Đã biết."] and not appendix["3"].findings
    assert [(k.value, k.mismatch) for k in commune.key_figures] == [("108,3", True)]
    csv_rows = {r[3]: dict(zip(INDICATOR_COLUMNS, r)) for r in indicator_rows(commune, pv)}
    assert csv_rows["3"]["phat_hien_da_xac_nhan"] == "2/tong-thanh-phan-vuot"
    assert [n.reason for n in appendix["2.1"].findings] == []  # a typed part is the clerk's figure, not computed
