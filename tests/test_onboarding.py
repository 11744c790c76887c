"""A new commune in one command: `cchc new-commune` from the official list, the slug rule, and a commune whose profile is
only its official entry, built with its province's and the national feedback channels."""

from __future__ import annotations

import importlib.metadata
import json

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import DATA, data_with_only, edit, make_project, mkdocs_build, run_cchc

from generator.core.slug import commune_slug

VERSION = importlib.metadata.version("vietnam-provinces")

PROVINCE_FILE = """\
# yaml-language-server: $schema=../schema/tinh.schema.json
ten: Thái Nguyên
kenh_phan_anh:
  - ten: Đường dây nóng của tỉnh (dữ liệu thử)
    dien_thoai: [0208.3.000.001]
    email: [duongdaynong@example.gov.vn]
"""


def new_commune(data, name, province):
    return run_cchc("new-commune", name, "--province", province, "--data", data)


def folders(data):
    return sorted(p.name for p in (data / "xa").iterdir())


@pytest.fixture
def data(tmp_path):
    """The shipped data with Thịnh Đức alone: the communes these tests create are not in it yet."""
    return data_with_only(tmp_path / "data", "thinh-duc")


def test_a_commune_is_created_from_its_official_entry(data):
    result = new_commune(data, "Phù Liễn", "Hải Phòng")
    assert result.returncode == 0, result.stderr
    path = data / "xa" / "phu-lien" / "thong-tin.yaml"
    assert str(path) in result.stdout and "mã 11446" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/thong-tin.schema.json\n")
    assert "# Việc tiếp theo:" in text and "cchc import <báo cáo>.docx --commune phu-lien" in text
    profile = yaml.safe_load(text)
    assert profile["ten"] == "Phù Liễn" and profile["loai"] == "phường" and profile["tinh"] == "Hải Phòng"
    assert profile["ma_don_vi"] == "11446"
    assert f"vietnam-provinces {VERSION}" in profile["nguon"]
    assert set(profile) == {"ten", "loai", "tinh", "ma_don_vi", "nguon"}  # the rest is comments for the clerk
    checked = run_cchc("validate", data)
    assert checked.returncode == 0, checked.stdout


@pytest.mark.parametrize("name, province", [
    ("phuong phu lien", "hai phong"),
    ("PHÙ LIỄN", "Thành phố Hải Phòng"),
    ("Phường Phù Liễn", "TP Hải Phòng"),
    ("Phu Lien", "tp. hai phong"),
])
def test_names_typed_without_diacritics_in_any_case_with_prefixes_give_the_same_file(data, tmp_path, name, province):
    reference = data_with_only(tmp_path / "reference", "thinh-duc")
    assert new_commune(reference, "Phù Liễn", "Hải Phòng").returncode == 0
    result = new_commune(data, name, province)
    assert result.returncode == 0, result.stderr
    written = (data / "xa" / "phu-lien" / "thong-tin.yaml").read_text(encoding="utf-8")
    assert written == (reference / "xa" / "phu-lien" / "thong-tin.yaml").read_text(encoding="utf-8")


def test_an_ambiguous_name_lists_the_official_names_and_writes_nothing(data):
    before = folders(data)
    result = new_commune(data, "Van Lang", "Thái Nguyên")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Xã Văn Lang (mã 02143)" in result.stderr and "Xã Văn Lăng (mã 05665)" in result.stderr
    assert folders(data) == before
    typed_exactly = new_commune(data, "Văn Lăng", "Thái Nguyên")  # with its diacritics it is one commune
    assert typed_exactly.returncode == 0, typed_exactly.stderr
    assert yaml.safe_load(next((data / "xa").glob("van-lang-*/thong-tin.yaml")).read_text(encoding="utf-8"))["ma_don_vi"] == "05665"


def test_an_unknown_name_gets_the_closest_official_names(data):
    result = new_commune(data, "Na Rii", "Thai Nguyen")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "không có xã, phường, đặc khu nào tên “Na Rii”" in result.stderr
    assert "Tên gần nhất: Xã Na Rì (mã 02155)" in result.stderr
    assert folders(data) == ["thinh-duc"]


def test_a_province_that_does_not_hold_the_name_is_told_which_do(data):
    result = new_commune(data, "Phù Liễn", "Thái Nguyên")
    assert result.returncode == 1
    assert "Thái Nguyên không có “Phù Liễn”" in result.stderr and "Phường Phù Liễn, Hải Phòng" in result.stderr
    unknown = new_commune(data, "Na Rì", "Bac Kan Moi")
    assert unknown.returncode == 1 and "không có tỉnh, thành phố “Bac Kan Moi”" in unknown.stderr
    assert "Tên gần nhất: Bắc Kạn (từ 01/07/2025 thuộc Thái Nguyên)" in unknown.stderr
    assert folders(data) == ["thinh-duc"]


def test_a_former_province_is_told_what_it_became_and_that_the_commune_is_there(data):
    """Bắc Kạn merged into Thái Nguyên on 1/7/2025 (data/danh-muc/tinh-cu.yaml): not "Tên gần nhất: Bắc Ninh" (issue 24)."""
    result = new_commune(data, "Na Rì", "Bắc Kạn")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "Bắc Kạn đã hợp nhất vào Thái Nguyên từ ngày 01/07/2025 (Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc "
        "hội về việc sắp xếp đơn vị hành chính cấp tỉnh). Xã Na Rì (mã 02155) nay thuộc Thái Nguyên: chạy lại với tỉnh "
        "mới, cchc new-commune \"Na Rì\" --province \"Thái Nguyên\".")
    elsewhere = new_commune(data, "Phù Liễn", "tinh hai duong")  # merged into Hải Phòng, which has Phù Liễn
    assert "Phường Phù Liễn (mã 11446) nay thuộc Hải Phòng" in elsewhere.stderr
    missing = new_commune(data, "Na Rii", "Bac Kan")
    assert missing.stderr.startswith("Bắc Kạn đã hợp nhất vào Thái Nguyên từ ngày 01/07/2025")
    assert "Thái Nguyên không có xã, phường, đặc khu nào tên “Na Rii”" in missing.stderr
    assert "Tên gần nhất: Xã Na Rì (mã 02155)" in missing.stderr
    assert folders(data) == ["thinh-duc"]


@pytest.mark.parametrize("typed", ["TP.HCM", "TP HCM", "HCM", "Tp. Hồ Chí Minh"])
def test_the_usual_abbreviations_name_their_province(typed):
    from generator.tools.new_commune import find_commune, former_provinces

    c = find_commune("Phú Giáo", typed, former_provinces(DATA))
    assert (c.full_name, c.tinh, c.ma_don_vi) == ("Xã Phú Giáo", "Hồ Chí Minh", "25858")


def test_the_former_provinces_file_maps_the_63_onto_today_s_34():
    """Nghị quyết 202/2025/QH15: 11 provinces unchanged, 23 formed by merging two or three; each keeps the name of
    one of those it was formed from. Today's names are the official list's, as profiles write them."""
    from generator.core.official import provinces
    from generator.tools.new_commune import former_provinces

    catalogue = former_provinces(DATA)
    assert sorted(t.ten for t in catalogue.tinh) == sorted(provinces())
    former = [old for t in catalogue.tinh for old in t.tinh_cu]
    assert len(former) == len(set(former)) == 63
    assert all(t.ten in t.tinh_cu for t in catalogue.tinh)
    assert sum(len(t.tinh_cu) == 1 for t in catalogue.tinh) == 11
    assert {t.tinh for t in catalogue.ten_khac} <= set(provinces())


def test_an_existing_folder_is_never_overwritten(data):
    assert new_commune(data, "Na Rì", "Thái Nguyên").returncode == 0
    path = edit(data, "xa/na-ri/thong-tin.yaml", "# dia_chi:", "dia_chi: Thôn Nà Cà")
    before = path.read_text(encoding="utf-8")
    again = new_commune(data, "Xã Na Rì", "Thai Nguyen")
    assert again.returncode == 1 and "đã có; không ghi đè" in again.stderr
    assert path.read_text(encoding="utf-8") == before
    (data / "xa" / "na-ri").rename(data / "xa" / "xa-na-ri")  # the same commune under a hand-made folder name
    twice = new_commune(data, "Na Rì", "Thái Nguyên")
    assert twice.returncode == 1 and "mã đơn vị 02155" in twice.stderr
    assert folders(data) == ["thinh-duc", "xa-na-ri"]
    assert new_commune(data, "Phù Liễn", "Hải Phòng").returncode == 0
    ward = new_commune(data, "Phù Liễn", "Hải Phòng")
    assert "Nếu đó là phường này thì sửa tệp thong-tin.yaml" in ward.stderr  # the unit's own kind (issue 24)


def test_one_slug_rule_names_folders_everywhere(data, tmp_path):
    assert commune_slug("Thịnh Đức", None) == "thinh-duc"  # merged before 1/7/2025: no code, the name alone
    assert new_commune(data, "Ba Đình", "Hà Nội").returncode == 0  # "Ba Đình" is also a commune of Thanh Hóa
    assert new_commune(data, "Phú Giáo", "TP Hồ Chí Minh").returncode == 0
    assert folders(data) == ["ba-dinh-00004", "phu-giao", "thinh-duc"]
    synth = run_cchc("synth", "--communes", 6, "--periods", 1, "--out", tmp_path / "synth")
    assert synth.returncode == 0, synth.stderr
    for profile in (tmp_path / "synth" / "xa").glob("*/thong-tin.yaml"):
        entry = yaml.safe_load(profile.read_text(encoding="utf-8"))
        assert profile.parent.name == commune_slug(entry["ten"], entry["ma_don_vi"])
    assert (tmp_path / "synth" / "xa" / "ba-dinh-00004").is_dir()


def test_a_province_file_named_for_another_province_is_an_error_at_its_line(data):
    (data / "tinh").mkdir(exist_ok=True)
    (data / "tinh" / "thai-nguyen.yaml").write_text(PROVINCE_FILE.replace("ten: Thái Nguyên", "ten: Hải Phòng"), encoding="utf-8")
    result = run_cchc("validate", data)
    assert result.returncode == 1
    assert f"{data / 'tinh' / 'thai-nguyen.yaml'}:2:6: LỖI [ten]: tỉnh “Hải Phòng” phải nằm trong tệp hai-phong.yaml" in result.stdout


def page(site, path):
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def test_a_commune_of_only_its_official_entry_builds_with_shared_channels_and_missing_facts_marked(data, tmp_path):
    assert new_commune(data, "Na Rì", "Thái Nguyên").returncode == 0
    period = (data / "xa" / "thinh-duc" / "2024-q1.yaml").read_text(encoding="utf-8")
    for old, new in (("nam: 2024", "nam: 2025"), ("loai_ky: q1", "loai_ky: q3"),
                     ("tu_ngay: 15/12/2023", "tu_ngay: 01/07/2025"), ("den_ngay: 14/03/2024", "den_ngay: 14/09/2025")):
        period = period.replace(old, new, 1)
    (data / "xa" / "na-ri" / "2025-q3.yaml").write_text(period, encoding="utf-8")
    (data / "tinh").mkdir(exist_ok=True)
    (data / "tinh" / "thai-nguyen.yaml").write_text(PROVINCE_FILE, encoding="utf-8")
    project = make_project(tmp_path, data)
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stdout + built.stderr
    site = project / "site"

    home = page(site, "na-ri")
    profile = {text(dt): text(dt.find_next_sibling("dd")) for dt in home.select(".cchc-profile dt")}
    assert profile["Địa chỉ UBND"] == "Chưa cập nhật" and profile["Trang thông tin điện tử"] == "Chưa cập nhật"
    office = home.find(id="mot-cua")
    assert text(office) == "Trung tâm phục vụ hành chính công"  # a post-reform commune's office, not "Bộ phận …"
    facts = {text(dt): text(dt.find_next_sibling("dd")) for dt in office.find_next("dl").find_all("dt")}
    assert facts["Địa chỉ"] == "Chưa cập nhật"
    # No telephone of its own yet: whom to call instead, the province's line first, each a number to tap.
    assert facts["Điện thoại"].startswith("Chưa cập nhật; khi cần hỏi, gọi 0208.3.000.001")
    assert office.find_next("dl").find("a", href="tel:02083000001")
    assert "Bộ phận tiếp nhận" not in text(home.find("article"))
    footer = text(home.select_one(".cchc-contact"))
    assert "Địa chỉ: Chưa cập nhật" in footer and "Trang thông tin điện tử: Chưa cập nhật" in footer
    assert "0208.3.000.001" in footer  # the province's hotline: whom to call while the commune has none
    for empty in home.select("article h2, article h3, article dd, article td"):
        assert text(empty), f"empty {empty.name} on the commune's home"

    feedback = page(site, "na-ri/phan-anh-kien-nghi")
    channels = [text(h) for h in feedback.select(".cchc-channel h2")]
    assert channels == ["Đường dây nóng của tỉnh (dữ liệu thử)", "Cổng Dịch vụ công quốc gia"]  # province, then national
    assert feedback.find("a", href="https://dichvucong.gov.vn/guipakn")
    points = json.loads(home.find("script", type="application/ld+json").string)["contactPoint"]
    assert [p["name"] for p in points] == channels

    # Thịnh Đức keeps its own (2024) provincial centre first, then the province's and the national channels.
    old = [text(h) for h in page(site, "thinh-duc/phan-anh-kien-nghi").select(".cchc-channel h2")]
    assert old == ["Trung tâm phục vụ hành chính công tỉnh Thái Nguyên", "Đường dây nóng của tỉnh (dữ liệu thử)",
                   "Cổng Dịch vụ công quốc gia"]


def test_a_commune_without_any_period_yet_builds_too(data, tmp_path):
    assert new_commune(data, "Phù Liễn", "Hải Phòng").returncode == 0
    project = make_project(tmp_path, data)
    built = mkdocs_build(project)  # its province page has no commune with a report: no comparison, no traceback
    assert built.returncode == 0, built.stdout + built.stderr
    site = project / "site"
    assert "1 xã, phường của Thành phố Hải Phòng" in text(page(site, "tinh/hai-phong"))
    assert text(page(site, "phu-lien").find(id="mot-cua")) == "Trung tâm phục vụ hành chính công"
