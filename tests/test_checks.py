"""The consistency checker on in-memory periods: every finding kind, its id and severity, and acknowledgements."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from conftest import in_memory_commune, in_memory_kinds, in_memory_period
from generator.models.procedures import DanhMucThuTucTinh
from generator.rules.checks import KINDS, check_commune_code, check_period
from generator.rules.compute import compute

COUNT = {"kieu": "so_luong"}
RATIO = [{"ma": "1", "kieu": "ty_le", "tu_so": "1.2", "mau_so": "1.1",
          "chi_tieu": [{"ma": "1.1", **COUNT}, {"ma": "1.2", **COUNT}]}]
SUM = [{"ma": "3", "tong": ["3.1", "3.2"], **COUNT, "chi_tieu": [{"ma": "3.1", **COUNT}, {"ma": "3.2", **COUNT}]}]
SIGNER = {"ho_ten": "Hoàng Văn Thâm"}
REPORT = {"ky_hieu": "BC-UBND", "dia_danh": "Thịnh Đức", "ngay_ghi": "ngày 15 tháng 3 năm 2024", "tieu_de": "Báo cáo",
          "can_cu": "Căn cứ", "phan": [], "noi_nhan": [], "nguoi_ky": SIGNER}
STAFF = {"bien_che": 21, "can_bo": 12, "can_bo_dat_chuan": 12, "cong_chuc": 7, "cong_chuc_dat_chuan": 7}

# kind -> (rows, values, other fields of the period, the finding's id)
CASES = {
    "ty-le-lech": (RATIO, {"1.1": 8, "1.2": 3, "1": {"so_lieu_bao_cao": 30}}, {}, "1/ty-le-lech"),
    "ty-le-khong-xac-dinh": (RATIO, {"1.1": 0, "1.2": 0, "1": {"so_lieu_bao_cao": 100}}, {}, "1/ty-le-khong-xac-dinh"),
    "nhom-lech": ([{"ma": "I", "kieu": "nhom", "tom_tat": "1", "chi_tieu": [{"ma": "1", **COUNT}]}],
                  {"I": {"so_lieu_bao_cao": 5}, "1": 4}, {}, "I/nhom-lech"),
    "tong-lech": (SUM, {"3": 10, "3.1": 1, "3.2": 2}, {}, "3/tong-lech"),
    "ngoai-khoang-phan-tram": ([{"ma": "1", "kieu": "ty_le"}], {"1": 134}, {}, "1/ngoai-khoang-phan-tram"),
    "ngoai-thang-do": ([{"ma": "7.2", "kieu": "thang_do", "thang_do": [{"gia_tri": 0, "nhan": "Chưa có"},
                                                                        {"gia_tri": 1, "nhan": "Có"}]}],
                       {"7.2": 3}, {}, "7.2/ngoai-thang-do"),
    "so-dem-khong-hop-le": ([{"ma": "1", **COUNT}], {"1": 1.5}, {}, "1/so-dem-khong-hop-le"),
    "so-tien-am": ([{"ma": "1", "kieu": "so_tien"}], {"1": -5}, {}, "1/so-tien-am"),
    "ngoai-khoang-diem": ([{"ma": "1", "kieu": "diem", "toi_da": 100}], {"1": 120}, {}, "1/ngoai-khoang-diem"),
    "diem-am": ([{"ma": "1", "kieu": "diem"}], {"1": -3}, {}, "1/diem-am"),
    "thanh-phan-vuot-tong": ([{"ma": "1", **COUNT}, {"ma": "2", "khong_vuot": "1", **COUNT}], {"1": 3, "2": 5}, {},
                             "2/thanh-phan-vuot-tong"),
    "bien-che-vuot": ([{"ma": "1", **COUNT}, {"ma": "2", "bien_che_giao": "1", **COUNT}], {"1": 3, "2": 5}, {},
                      "2/bien-che-vuot"),
    "tong-thanh-phan-vuot": ([{"ma": "1", "cac_phan": ["2", "3"], **COUNT}, {"ma": "2", **COUNT}, {"ma": "3", **COUNT}],
                             {"1": 3, "2": 2, "3": 2}, {}, "1/tong-thanh-phan-vuot"),
    "tu-so-vuot-mau-so": (RATIO, {"1.1": 1200, "1.2": 1300}, {}, "1/tu-so-vuot-mau-so"),
    "ty-le-in-ngoai-khoang": ([{"ma": "1", "kieu": "ty_le"}], {"1": {"so_lieu_bao_cao": 105}}, {}, "1/ty-le-in-ngoai-khoang"),
    "tong-phan-tram-vuot": ([{"ma": "1", "kieu": "ty_le", "cung_mot_tong": True,
                              "trong_do": [{"ma": "1.a", "kieu": "ty_le"}, {"ma": "1.b", "kieu": "ty_le"}]}],
                            {"1": 50, "1.a": 60, "1.b": 60}, {}, "1/tong-phan-tram-vuot"),
    "tong-linh-vuc-lech": ([{"ma": "1", "tong_thu_tuc_linh_vuc": True, **COUNT}], {"1": 5},
                           {"linh_vuc": [{"linh_vuc": "dat-dai", "so_thu_tuc": 3}]}, "1/tong-linh-vuc-lech"),
    "thuyet-minh-lech": ([{"ma": "1", **COUNT}], {"1": 4},
                         {"doi_chieu": [{"chi_tieu": "1", "gia_tri": 5, "trich_dan": "Năm hồ sơ."}]}, "1/thuyet-minh-lech"),
    "dat-chuan-vuot": ([], {}, {"nhan_su": {**STAFF, "cong_chuc_dat_chuan": 8}}, "nhan_su/cong_chuc/dat-chuan-vuot"),
    "nhan-su-giao-lech": ([{"ma": "4.1", **COUNT}], {"4.1": 20}, {"nhan_su": STAFF, "lien_ket": {"bien_che_giao": "4.1"}},
                          "nhan_su/nhan-su-giao-lech"),
    "nhan-su-lech": ([{"ma": "4.2", **COUNT}], {"4.2": 18}, {"nhan_su": STAFF, "lien_ket": {"bien_che_co_mat": "4.2"}},
                     "nhan_su/nhan-su-lech"),
    "co-ho-so-khong-co-thu-tuc": ([{"ma": "1", **COUNT}, {"ma": "2", **COUNT}], {"1": 504, "2": 0},
                                  {"lien_ket": {"ho_so_truc_tuyen": "1", "thu_tuc_co_ho_so_truc_tuyen": ["2"]}},
                                  "1/co-ho-so-khong-co-thu-tuc"),
    "cua-so-lech": ([], {}, {"tu_ngay": "01/01/2024"}, "tu_ngay/cua-so-lech"),
    "ngay-ngoai-ky": ([], {}, {"ke_hoach": [{"so": "18/KH-UBND", "ngay": "13/02/2023", "trich_yeu": "Kế hoạch"}]},
                      "ke_hoach/18-KH-UBND/ngay-ngoai-ky"),
    "nguoi-ky-viet-khac": ([], {}, {"bao_cao": REPORT, "phu_luc": {"nguoi_ky": {"ho_ten": "Hoàng Văn Thêm"}}},
                           "nguoi_ky/nguoi-ky-viet-khac"),
    "bao-cao-sau-han": ([], {}, {"bao_cao": {**REPORT, "ngay_ban_hanh": "21/03/2024"}}, "bao_cao/bao-cao-sau-han"),
    # The period's stated total against the province's list in force on its last day (one procedure).
    "so-thu-tuc-khac-danh-muc": ([{"ma": "1", "tong_thu_tuc_linh_vuc": True, **COUNT}], {"1": 5},
                                 {"danh_muc": {"tinh": "Thái Nguyên", "quyet_dinh": [
                                     {"so": "1/QĐ-UBND", "ngay": "01/01/2024", "trich_yeu": "Công bố"}],
                                     "thu_tuc": [{"ma": "1.001193", "ten": "Đăng ký khai sinh", "linh_vuc": "ho-tich",
                                                  "lich_su": [{"quyet_dinh": "1/QĐ-UBND", "viec": "cong-bo"}]}]}},
                                 "thu_tuc/so-thu-tuc-khac-danh-muc"),
    "website-viet-khac": ([], {}, {"bao_cao": {**REPORT, "mo_dau": "Trang <http://thinhduc.thainguyency.gov.vn>."}},
                          "website/website-viet-khac"),
}


def findings(rows, values, fields):
    fields = dict(fields)
    listing = fields.pop("danh_muc", None)
    period = in_memory_period(rows, values, lien_ket=fields.pop("lien_ket", None), **fields)
    commune = in_memory_commune(period, website="http://thinhduc.thainguyencity.gov.vn")
    return check_period(commune, period, compute(period), in_memory_kinds(period),
                        listing and DanhMucThuTucTinh.model_validate(listing))


def test_every_kind_has_a_case():
    assert set(CASES) == set(KINDS)


@pytest.mark.parametrize("kind", CASES)
def test_each_kind_is_found_with_its_id_and_severity(kind):
    rows, values, fields, ident = CASES[kind]
    found = findings(rows, values, fields)
    assert [f.id for f in found] == [ident]
    assert found[0].problem.severity == KINDS[kind].severity and found[0].problem.code == KINDS[kind].wording
    assert found[0].problem.finding == ident and not found[0].problem.acknowledged


@pytest.mark.parametrize("kind", ["ty-le-lech", "cua-so-lech", "ngay-ngoai-ky", "dat-chuan-vuot", "tong-thanh-phan-vuot",
                                  "tu-so-vuot-mau-so", "ty-le-in-ngoai-khoang"])
def test_an_acknowledgement_names_the_id_and_is_applied(kind):
    rows, values, fields, ident = CASES[kind]
    found = findings(rows, values, {**fields, "xac_nhan": [{"phat_hien": ident, "ly_do": "Đã biết."}]})
    assert [(f.id, f.problem.acknowledged, f.problem.blocking) for f in found] == [(ident, "Đã biết.", False)]


def test_an_acknowledgement_at_the_value_names_the_kind():
    rows, values, fields, ident = CASES["ty-le-lech"]
    found = findings(rows, {**values, "1": {"so_lieu_bao_cao": 30, "xac_nhan": {"ty-le-lech": "Đã biết."}}}, fields)
    assert [(f.id, f.problem.acknowledged) for f in found] == [(ident, "Đã biết.")]


def test_an_acknowledgement_of_nothing_is_an_error():
    found = findings([], {}, {"xac_nhan": [{"phat_hien": "ke_hoach[9]/ngay-ngoai-ky", "ly_do": "Cũ."}]})
    assert [(f.id, f.problem.code, f.problem.blocking) for f in found] == [
        ("ke_hoach[9]/ngay-ngoai-ky", "xac_nhan_thua", True)]


@pytest.mark.parametrize("values", [
    {"1.1": 519, "1.2": 509, "1": {"so_lieu_bao_cao": 98.1}},  # 98,07 printed as 98,1
    {"1.1": 519, "1.2": 509, "1": {"so_lieu_bao_cao": 98}},
    {"1.1": 519, "1.2": 509},  # nothing printed: nothing to compare
    {"1.1": 519, "1": {"so_lieu_bao_cao": 98}},  # a blank component: nothing to compare
])
def test_a_ratio_printed_with_its_rounding_is_no_finding(values):
    assert findings(RATIO, values, {}) == []


def test_a_sum_with_one_blank_member_is_no_finding_but_a_negative_one_is():
    assert findings(SUM, {"3": 10, "3.1": 4}, {}) == []
    assert [f.id for f in findings(SUM, {"3": 3, "3.1": 4}, {})] == ["3/tong-thanh-phan-vuot"]


# The post-reform template's shape: received (2) is the sum of online (2.1), in person and by post, and the online share
# (3) is 2.1 of 2; a count bounded by another (5.2 under 5.1), a ratio whose numerator nothing else bounds (6), a whole
# with parts listed (7: cac_phan), amounts that add up in decimals (8).
PARTS = [{"ma": "2", "tong": ["2.1", "2.2", "2.3"], **COUNT,
          "trong_do": [{"ma": "2.1", **COUNT}, {"ma": "2.2", **COUNT}, {"ma": "2.3", **COUNT}]},
         {"ma": "3", "kieu": "ty_le", "tu_so": "2.1", "mau_so": "2"},
         {"ma": "5", "kieu": "ty_le", "tu_so": "5.2", "mau_so": "5.1",
          "trong_do": [{"ma": "5.1", **COUNT}, {"ma": "5.2", "khong_vuot": "5.1", **COUNT}]},
         {"ma": "6", "kieu": "ty_le", "tu_so": "6.2", "mau_so": "6.1", "trong_do": [{"ma": "6.1", **COUNT}, {"ma": "6.2", **COUNT}]},
         {"ma": "7", "cac_phan": ["7.1", "7.2", "7.3"], **COUNT,
          "chi_tieu": [{"ma": "7.1", **COUNT}, {"ma": "7.2", **COUNT}, {"ma": "7.3", **COUNT}]},
         {"ma": "8", "kieu": "so_tien", "tong": ["8.1", "8.2"],
          "trong_do": [{"ma": "8.1", "kieu": "so_tien"}, {"ma": "8.2", "kieu": "so_tien"}]}]


@pytest.mark.parametrize("values, found", [
    pytest.param({"2": 1200, "2.1": 1300}, ["2/tong-thanh-phan-vuot"], id="online-over-received-two-blank"),  # "108,3 %"
    pytest.param({"2": 1200, "2.1": 1300, "3": {"so_lieu_bao_cao": "108,3"}}, ["2/tong-thanh-phan-vuot"], id="printed-too"),
    pytest.param({"2": 1200, "2.1": 700, "2.2": 600}, ["2/tong-thanh-phan-vuot"], id="one-blank"),
    pytest.param({"2": 1200, "2.1": 1100}, [], id="within-two-blank"),
    pytest.param({"2": 1200, "2.1": 1200, "2.2": 0, "2.3": 0}, [], id="all-given-equal"),
    pytest.param({"2.1": 1300, "2.2": 5}, [], id="whole-blank"),
    pytest.param({"5.1": 10, "5.2": 11}, ["5.2/thanh-phan-vuot-tong"], id="bounded-numerator-once"),
    pytest.param({"6.1": 10, "6.2": 11}, ["6/tu-so-vuot-mau-so"], id="ratio-numerator-over-denominator"),
    pytest.param({"6.1": 10, "6.2": 10}, [], id="ratio-of-100"),
    pytest.param({"6.1": 0, "6.2": 3}, ["6/tu-so-vuot-mau-so"], id="ratio-over-a-zero-denominator"),
    pytest.param({"8": 0.3, "8.1": 0.1, "8.2": 0.2}, [], id="amounts-adding-up-exactly"),
    pytest.param({"7": 3, "7.2": 4}, ["7/tong-thanh-phan-vuot"], id="listed-parts-two-blank"),
    pytest.param({"7": 3, "7.1": 1, "7.2": 1}, [], id="listed-parts-within"),
])
def test_known_parts_never_exceed_their_whole(values, found):
    """Whatever number of parts is blank; one finding per fact (a ratio of a part to its whole is not said twice)."""
    assert [f.id for f in findings(PARTS, values, {})] == found


@pytest.mark.parametrize("rows, values, found", [
    pytest.param([{"ma": "1", "kieu": "ty_le"}], {"1": {"so_lieu_bao_cao": 105}}, ["1/ty-le-in-ngoai-khoang"], id="105"),
    pytest.param([{"ma": "1", "kieu": "ty_le"}], {"1": {"so_lieu_bao_cao": -1}}, ["1/ty-le-in-ngoai-khoang"], id="negative"),
    pytest.param([{"ma": "1", "kieu": "ty_le"}], {"1": {"so_lieu_bao_cao": 100}}, [], id="100"),
    pytest.param([{"ma": "1", "kieu": "ty_le"}], {"1": {"gia_tri": 50, "so_lieu_bao_cao": "0"}}, [], id="0"),
    pytest.param(RATIO, {"1": {"so_lieu_bao_cao": 105}}, ["1/ty-le-in-ngoai-khoang"], id="ratio-with-blank-components"),
    pytest.param(RATIO, {"1.1": 519, "1.2": 509, "1": {"so_lieu_bao_cao": "196,5"}}, ["1/ty-le-lech"],
                 id="ratio-compared-with-its-computed-share-once"),
    pytest.param([{"ma": "1", **COUNT}], {"1": {"gia_tri": 5, "so_lieu_bao_cao": 105}}, [], id="not-a-share"),
])
def test_a_published_share_is_within_0_and_100(rows, values, found):
    assert [f.id for f in findings(rows, values, {})] == found


@pytest.mark.parametrize("issued", [None, "20/03/2024", "15/03/2024"])
def test_a_report_issued_by_its_due_date_or_undated_is_no_finding(issued):
    assert findings([], {}, {"bao_cao": {**REPORT, "ngay_ban_hanh": issued}}) == []


def test_the_sector_total_is_not_compared_without_sectors():
    assert findings([{"ma": "1", "tong_thu_tuc_linh_vuc": True, **COUNT}], {"1": 5}, {}) == []


def test_ids_are_unique_when_everything_is_wrong_at_once():
    """Both staff groups above their totals are two findings, with two ids (they shared one)."""
    found = findings([], {}, {"nhan_su": {**STAFF, "can_bo_dat_chuan": 13, "cong_chuc_dat_chuan": 8},
                               "ke_hoach": [{"so": "18/KH-UBND", "ngay": "13/02/2023", "trich_yeu": "a"},
                                            {"so": "19/KH-UBND", "ngay": "14/02/2023", "trich_yeu": "b"}]})
    ids = [f.id for f in found]
    assert len(ids) == len(set(ids)) == 4


@pytest.mark.parametrize("kind, disclosed", [("ty-le-lech", True), ("cua-so-lech", False), ("ngay-ngoai-ky", False)])
def test_a_disclosed_finding_is_an_acknowledged_error(kind, disclosed):
    """One rule for the report page, the appendix, the commune's home, the procedures page and the CSV."""
    rows, values, fields, ident = CASES[kind]
    [found] = findings(rows, values, {**fields, "xac_nhan": [{"phat_hien": ident, "ly_do": "Đã biết."}]})
    assert found.disclosed is disclosed
    [unacknowledged] = findings(rows, values, fields)
    assert not unacknowledged.disclosed


@pytest.mark.parametrize("acknowledged", [False, True])
def test_checking_returns_its_findings_and_changes_nothing_it_is_given(acknowledged):
    """Findings and acknowledgements are what checking returns: the computed figures and the period stay as they were,
    and a finding's problem is made whole (acknowledged or not) and cannot be changed after."""
    rows, values, fields, ident = CASES["ty-le-lech"]
    if acknowledged:
        values = {**values, "1": {"so_lieu_bao_cao": 30, "xac_nhan": {"ty-le-lech": "Đã biết."}}}
    period = in_memory_period(rows, values)
    figures = compute(period)
    before = copy.deepcopy(figures), period.ky.model_copy(deep=True)
    [found] = check_period(in_memory_commune(period), period, figures, in_memory_kinds(period))
    assert (figures, period.ky) == before
    assert (found.id, found.problem.acknowledged) == (ident, "Đã biết." if acknowledged else "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.problem.acknowledged = "sau"  # type: ignore[misc]


@pytest.mark.parametrize("xa, code", [
    pytest.param({"ten": "Phú Giáo"}, None, id="as-written-in-the-list"),
    pytest.param({"ten": "Phu Giao"}, None, id="without-diacritics"),
    pytest.param({"ten": "PHÚ GIÁO"}, None, id="another-case"),
    pytest.param({"ten": "Giáo"}, "ma_don_vi_khac_ten", id="a-fragment"),  # issue 23: passed as a substring
    pytest.param({"ten": "Phú"}, "ma_don_vi_khac_ten", id="another-fragment"),
    pytest.param({"ten": "Xã Phú Giáo"}, "ma_don_vi_khac_ten", id="its-kind-written-twice"),  # pages: "Xã Xã Phú Giáo"
    pytest.param({"ten": "Phú Giáo", "loai": "phường"}, "ma_don_vi_khac_ten", id="another-kind"),
    pytest.param({"ten": "Phú Giáo", "ma_don_vi": "99999"}, "ma_don_vi_khong_co", id="no-such-code"),
    pytest.param({"ten": "Phú Giáo", "tinh": "Ho Chi Minh"}, None, id="the-province-without-diacritics"),
    pytest.param({"ten": "Phú Giáo", "tinh": "Hải Phòng"}, "ma_don_vi_khac_tinh", id="another-province"),  # passed before
])
def test_a_commune_code_names_exactly_its_commune(xa, code):
    """A post-reform commune's name and kind are its code's in the official list, once folded (core/official.py)."""
    period = in_memory_period([], {}, nam=2025, loai_ky="q1", tu_ngay="01/07/2025", den_ngay="30/09/2025")
    commune = in_memory_commune(period, **{"tinh": "Hồ Chí Minh", "ma_don_vi": "25858", **xa})
    assert [p.code for p in check_commune_code(commune, in_memory_kinds(period))] == ([code] if code else [])
