"""A citizen can act: a province's procedure list on each of its communes, one page per procedure per province with
what to bring, the fee, the time and where to go, and every bad input worded at file:line."""

from __future__ import annotations

import csv
import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PHONE, built_project, data_with_only, edit, run_cchc, serve

LIST = "tinh/ho-chi-minh/thu-tuc.yaml"
# A list written for these tests (the shipped one may change with the province's decisions): one decision that
# publishes it, one that amends an entry and abolishes another; a code the shipped data has nowhere else.
TEST_LIST = textwrap.dedent("""\
    tinh: Hồ Chí Minh
    cap_nhat: 2026-12-01
    quyet_dinh:
      - so: 1111/QĐ-UBND
        ngay: 2025-06-30
        hieu_luc: 2025-07-01
        trich_yeu: Công bố Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của UBND cấp xã
        lien_ket: https://example.gov.vn/qd-1111
      - so: 2222/QĐ-UBND
        ngay: 2025-10-01
        trich_yeu: Công bố thủ tục được sửa đổi, bổ sung và bị bãi bỏ
    thu_tuc:
      - ma: "9.990001"
        ten: Thủ tục thử đăng ký khai sinh
        linh_vuc: tu-phap-ho-tich
        thoi_han: Trong ngày làm việc
        phi_le_phi: Miễn lệ phí đăng ký đúng hạn
        dia_diem: Trung tâm phục vụ hành chính công cấp xã
        lich_su:
          - {quyet_dinh: 1111/QĐ-UBND, viec: cong-bo}
      - ma: "9.990002"
        ma_dia_phuong: 9.990002.000.00.00.H29
        ten: Thủ tục thử chứng thực chữ ký
        linh_vuc: chung-thuc
        thoi_han: 02 ngày làm việc
        lich_su:
          - {quyet_dinh: 1111/QĐ-UBND, viec: cong-bo}
          - {quyet_dinh: 2222/QĐ-UBND, viec: sua-doi}
      - ma: "9.990003"
        ten: Thủ tục thử đã bãi bỏ
        linh_vuc: noi-vu
        lich_su:
          - {quyet_dinh: 1111/QĐ-UBND, viec: cong-bo}
          - {quyet_dinh: 2222/QĐ-UBND, viec: bai-bo}
    """)
TEST_RECORD = textwrap.dedent("""\
    ma: "9.990001"
    ten: Thủ tục thử đăng ký khai sinh
    linh_vuc: tu-phap-ho-tich
    thong_dung: true
    tu_khoa: [làm giấy khai sinh thử]
    doi_tuong: Cha, mẹ hoặc người thân thích của trẻ.
    truc_tuyen: toan-trinh
    trinh_tu: [Nộp tờ khai và giấy chứng sinh., Nhận giấy khai sinh.]
    thanh_phan_ho_so:
      - {ten: Tờ khai theo mẫu, ban_chinh: 1}
      - {ten: Giấy chứng sinh, ban_chinh: 1, ghi_chu: Không có thì văn bản của người làm chứng}
    ket_qua: Giấy khai sinh bản chính
    can_cu_phap_ly: [Luật Hộ tịch số 60/2014/QH13]
    nguon: Trang thử
    cap_nhat: 2026-12-01
    """)


def with_test_list(data: Path) -> Path:
    (data / LIST).parent.mkdir(parents=True, exist_ok=True)
    (data / LIST).write_text(TEST_LIST, encoding="utf-8")
    (data / "danh-muc" / "thu-tuc").mkdir(parents=True, exist_ok=True)
    (data / "danh-muc" / "thu-tuc" / "9.990001.yaml").write_text(TEST_RECORD, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def procedure_site(tmp_path_factory) -> Path:
    """Phú Giáo (Hồ Chí Minh), Na Rì (Thái Nguyên, whose list is not imported) and Thịnh Đức with the test list of
    Hồ Chí Minh, built."""
    data = with_test_list(data_with_only(tmp_path_factory.mktemp("data") / "data", "phu-giao", "na-ri", "thinh-duc"))
    shutil.rmtree(data / "tinh" / "thai-nguyen", ignore_errors=True)
    return built_project(tmp_path_factory.mktemp("build"), data) / "site"


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def main_text(site: Path, page: str) -> str:
    return " ".join(soup(site, page).find("article").get_text(" ").split())


def test_a_commune_lists_its_province_s_procedures_by_sector_with_counts_and_the_decisions(procedure_site):
    page = soup(procedure_site, "phu-giao/thu-tuc")
    text = " ".join(page.find("article").get_text(" ").split())
    assert "giải quyết 2 thủ tục hành chính thuộc 2 lĩnh vực" in text
    assert [li.get_text() for li in page.select("ul.cchc-sector-index li")] == ["Tư pháp - Hộ tịch: 1 thủ tục",
                                                                           "Chứng thực: 1 thủ tục"]
    sector = page.find("a", string="Chứng thực")["href"]
    assert sector == "../../thu-tuc-ho-chi-minh/linh-vuc/chung-thuc/?xa=phu-giao"
    listed = soup(procedure_site, "thu-tuc-ho-chi-minh/linh-vuc/chung-thuc")
    assert [a.get_text() for a in listed.select("ul.cchc-procedure-list a")] == ["Thủ tục thử chứng thực chữ ký"]
    assert listed.select_one("ul.cchc-procedure-list").has_attr("data-pagefind-ignore")  # search finds the procedure
    assert "Quyết định số 1111/QĐ-UBND ngày 30/06/2025" in text and "2222/QĐ-UBND" in text
    common = page.find(id="thuong-lam").find_next("ul")
    assert [a.get_text() for a in common.find_all("a")] == ["Thủ tục thử đăng ký khai sinh"]
    link = common.find("a")["href"]
    assert link == "../../thu-tuc-ho-chi-minh/9-990001/?xa=phu-giao"
    assert (procedure_site / "thu-tuc-ho-chi-minh/9-990001/index.html").exists()


def test_the_list_shows_on_its_province_s_post_reform_communes_only(procedure_site):
    assert "Thủ tục thử đăng ký khai sinh" in main_text(procedure_site, "phu-giao/thu-tuc")  # a common one
    assert "1111/QĐ-UBND" in main_text(procedure_site, "phu-giao/thu-tuc")
    for other in ("na-ri/thu-tuc", "thinh-duc/thu-tuc"):  # another province; a former unit keeps its own records
        assert "1111/QĐ-UBND" not in main_text(procedure_site, other)
    assert "Thủ tục thử đăng ký khai sinh" not in main_text(procedure_site, "thinh-duc/thu-tuc")


def test_where_the_province_s_list_is_not_imported_the_national_records_are_shown_as_such(procedure_site):
    """Na Rì's province has no list in this data: the page says so, shows the national records (what to bring is the
    same everywhere) and warns that the province's fee and time may differ."""
    text = main_text(procedure_site, "na-ri/thu-tuc")
    assert "chưa được đưa lên cổng" in text and "theo Cơ sở dữ liệu quốc gia" in text
    assert "phí, lệ phí và thời hạn do tỉnh quy định có thể khác" in text
    link = soup(procedure_site, "na-ri/thu-tuc").find("a", string="Thủ tục thử đăng ký khai sinh")["href"]
    assert link == "../../thu-tuc-toan-quoc/9-990001/?xa=na-ri"
    page = main_text(procedure_site, "thu-tuc-toan-quoc/9-990001")
    assert "Tờ khai theo mẫu (1 bản chính)" in page and "Danh mục thủ tục cấp xã của tỉnh, thành phố bạn chưa" in page
    assert "Quyết định" not in page  # no decision of any province is cited for it


def test_pages_do_not_multiply_by_commune(tmp_path):
    """Two communes of one province share one page per procedure."""
    data = with_test_list(data_with_only(tmp_path / "data", "phu-giao"))
    second = data / "xa" / "phu-giao-2"
    second.mkdir()
    profile = (data / "xa" / "phu-giao" / "thong-tin.yaml").read_text(encoding="utf-8")
    (second / "thong-tin.yaml").write_text(profile.replace("ten: Phú Giáo", "ten: Phú Giáo Hai")
                                           .replace("ma_don_vi: '25858'", "ma_don_vi: '26734'"), encoding="utf-8")
    site = built_project(tmp_path, data) / "site"
    pages = sorted(p.parent.name for p in (site / "thu-tuc-ho-chi-minh").glob("*/index.html"))
    assert pages == ["9-990001", "9-990002", "9-990003"]
    for commune in ("phu-giao", "phu-giao-2"):
        assert f"9-990001/?xa={commune}" in (site / commune / "thu-tuc" / "index.html").read_text(encoding="utf-8")


def test_a_procedure_page_says_what_to_bring_the_fee_the_time_and_where(procedure_site):
    page = soup(procedure_site, "thu-tuc-ho-chi-minh/9-990001")
    text = " ".join(page.find("article").get_text(" ").split())
    checklist = [" ".join(li.get_text().split()) for li in page.select("ul.cchc-checklist li")]
    assert checklist == ["Tờ khai theo mẫu (1 bản chính)",
                         "Giấy chứng sinh (1 bản chính). Không có thì văn bản của người làm chứng"]
    assert "Thời hạn giải quyết Trong ngày làm việc" in text
    assert "Phí, lệ phí Miễn lệ phí đăng ký đúng hạn" in text
    assert "Nộp hồ sơ ở đâu Trung tâm phục vụ hành chính công cấp xã" in text
    assert "Toàn trình" in text
    assert "Công bố theo Quyết định số 1111/QĐ-UBND ngày 30/06/2025" in text
    assert "Trang thử, đối chiếu ngày 01/12/2026" in text
    assert page.find(attrs={"data-pagefind-weight": True}).get_text().count("làm giấy khai sinh thử") == 1


def test_a_catalogue_level_entry_shows_what_is_known_and_where_the_full_text_lives(procedure_site):
    text = main_text(procedure_site, "thu-tuc-ho-chi-minh/9-990002")
    assert "mã của tỉnh 9.990002.000.00.00.H29" in text
    assert "Cổng chưa có danh sách giấy tờ của thủ tục này" in text and "Quyết định số 2222/QĐ-UBND" in text
    assert "Phí, lệ phí" not in text  # neither the decision nor a national record states it: not shown as a fact
    assert "Sửa đổi, bổ sung theo Quyết định số 2222/QĐ-UBND" in text


def test_an_abolished_procedure_leaves_the_list_and_keeps_its_history(procedure_site):
    listing = soup(procedure_site, "phu-giao/thu-tuc")
    assert "Thủ tục thử đã bãi bỏ" not in " ".join(a.get_text() for a in listing.select("ul.cchc-procedure-list a"))
    assert "Đã bãi bỏ: Thủ tục thử đã bãi bỏ" in " ".join(listing.get_text(" ").split())
    text = main_text(procedure_site, "thu-tuc-ho-chi-minh/9-990003")
    assert "Thủ tục này đã bị bãi bỏ theo Quyết định số 2222/QĐ-UBND ngày 01/10/2025" in text
    assert "Công bố theo Quyết định số 1111/QĐ-UBND" in text


def test_no_page_has_an_empty_table(procedure_site):
    empty = [str(p.relative_to(procedure_site)) for p in procedure_site.rglob("*.html")
             if re.search(r"<tbody>\s*</tbody>", p.read_text(encoding="utf-8"))]
    assert empty == []


def test_the_province_s_list_is_open_data_with_a_feed_of_its_changes(procedure_site):
    folder = procedure_site / "thu-tuc-ho-chi-minh"
    csv = (folder / "du-lieu" / "thu-tuc.csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv[0].startswith("tinh,ma,ma_dia_phuong,ten")
    assert len(csv) == 4 and any("9.990003" in row and ",không," in row for row in csv)
    listing = json.loads((folder / "du-lieu" / "thu-tuc.json").read_text(encoding="utf-8"))
    assert [d["so"] for d in listing["quyet_dinh"]] == ["1111/QĐ-UBND", "2222/QĐ-UBND"]
    catalogue = json.loads((procedure_site / "data.json").read_text(encoding="utf-8"))
    urls = [d["downloadURL"] for ds in catalogue["dataset"] for d in ds["distribution"]]
    assert any(u.endswith("thu-tuc-ho-chi-minh/du-lieu/thu-tuc.csv") for u in urls)
    feed = (folder / "feed.xml").read_text(encoding="utf-8")
    assert "Bãi bỏ: Thủ tục thử đã bãi bỏ (Quyết định 2222/QĐ-UBND)" in feed
    assert "Sửa đổi, bổ sung: Thủ tục thử chứng thực chữ ký" in feed
    where = json.loads((procedure_site / "phu-giao" / "du-lieu" / "noi-nop.json").read_text(encoding="utf-8"))
    assert where["ten"] == "Xã Phú Giáo" and where["thu_tuc"] == "phu-giao/thu-tuc/"


# --- bad input: a worded error at file:line -------------------------------------------------------------------------

ENTRY = '  - ma: "9.990002"\n'


@pytest.mark.parametrize("old, new, line_of, words", [
    (ENTRY, '  - ma: "9.990001"\n', '  - ma: "9.990001"', "đã có ở thủ tục thứ 1 của danh mục"),
    ("    linh_vuc: chung-thuc\n", "    linh_vuc: chung-thuc-moi\n", "linh_vuc: chung-thuc-moi",
     "lĩnh vực `chung-thuc-moi` không có trong danh mục lĩnh vực"),
    ("      - {quyet_dinh: 2222/QĐ-UBND, viec: sua-doi}\n", "      - {quyet_dinh: 3333/QĐ-UBND, viec: sua-doi}\n",
     "3333/QĐ-UBND", "quyết định này không có trong mục quyet_dinh"),
    ("    lich_su:\n      - {quyet_dinh: 1111/QĐ-UBND, viec: cong-bo}\n  - ma: \"9.990002\"",
     "    lich_su: []\n  - ma: \"9.990002\"", "lich_su: []", "lich_su"),
    ("    ma_dia_phuong: 9.990002.000.00.00.H29\n", "    ma_dia_phuong: H29-9.990002\n", "H29-9.990002",
     "mã thủ tục của tỉnh “H29-9.990002” không đúng dạng"),
    ("  - so: 2222/QĐ-UBND\n", "  - so: 1111/QĐ-UBND\n", None, "quyết định 1111/QĐ-UBND được ghi hai lần"),
], ids=["code-twice", "unknown-sector", "decision-not-listed", "no-source", "local-code", "decision-twice"])
def test_a_bad_province_list_is_a_worded_error_at_its_line(data_dir, old, new, line_of, words):
    with_test_list(data_dir)
    path = edit(data_dir, LIST, old, new)
    result = run_cchc("validate", data_dir)
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out
    lines = [line for line in out.splitlines() if line.startswith(f"{path}:") and words in line]
    assert lines, out[-1500:]
    if line_of:
        expected = max(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line_of in text)
        assert any(line.startswith(f"{path}:{expected}:") for line in lines), lines


def test_a_national_record_named_for_another_code_is_a_worded_error(data_dir):
    with_test_list(data_dir)
    moved = data_dir / "danh-muc" / "thu-tuc" / "9.990009.yaml"
    (data_dir / "danh-muc" / "thu-tuc" / "9.990001.yaml").rename(moved)
    result = run_cchc("validate", data_dir)
    assert result.returncode == 1
    assert f"{moved}:1:" in result.stdout and "phải nằm trong tệp 9.990001.yaml" in result.stdout


def test_a_list_in_another_province_s_folder_is_a_worded_error(data_dir):
    with_test_list(data_dir)
    (data_dir / "tinh" / "ha-noi").mkdir(exist_ok=True)
    wrong = data_dir / "tinh" / "ha-noi" / "thu-tuc.yaml"
    (data_dir / LIST).rename(wrong)
    result = run_cchc("validate", data_dir)
    assert result.returncode == 1 and f"{wrong}:1:" in result.stdout
    assert "phải nằm trong thư mục data/tinh/ho-chi-minh/" in result.stdout


def test_a_period_s_count_of_procedures_is_compared_with_the_list_in_force(data_dir):
    with_test_list(data_dir)
    period = data_dir / "xa" / "phu-giao" / "2025-q3.yaml"
    period.write_text(period.read_text(encoding="utf-8") + textwrap.dedent("""\
        linh_vuc:
          - {linh_vuc: tu-phap-ho-tich, so_thu_tuc: 1}
          - {linh_vuc: chung-thuc, so_thu_tuc: 4}
        """), encoding="utf-8")
    result = run_cchc("validate", data_dir)
    out = result.stdout
    assert result.returncode == 0, out[-1500:]  # a warning: the list may have changed during the period
    # On 30/9/2025 only the first decision is in force: three procedures, one of them of chứng thực.
    assert ("kỳ báo cáo ghi 5 thủ tục, nhưng danh mục của tỉnh có hiệu lực ngày 30/09/2025 (đến Quyết định "
            "1111/QĐ-UBND) có 3") in out
    assert "kỳ báo cáo ghi 4 thủ tục trong lĩnh vực `chung-thuc`" in out and "tu-phap-ho-tich`" not in out
    assert "(mã phát hiện: linh_vuc/chung-thuc/so-thu-tuc-khac-danh-muc)" in out
    # A list that holds only the decisions found so far counts what was found, not what the commune handles.
    edit(data_dir, LIST, "tinh: Hồ Chí Minh\n", "tinh: Hồ Chí Minh\nchua_du: true\n")
    out = run_cchc("validate", data_dir).stdout
    assert "so-thu-tuc-khac-danh-muc" not in out and "0 lỗi, 0 cảnh báo" in out, out[-1500:]


# --- in a real browser ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served_procedures(procedure_site) -> str:
    with serve(procedure_site) as base:
        yield base


@pytest.mark.parametrize("query, title", [
    ("dang ky khai tu", "Đăng ký khai tử"),
    ("chung thuc chu ky", "Chứng thực chữ ký"),
    ("ho kinh doanh", "Đăng ký thành lập hộ kinh doanh"),
])
def test_search_from_a_commune_s_page_finds_the_procedure_first(browser, served_procedures, query, title):
    """Typed without diacritics in the search box of Na Rì's page: the procedure is among the first three results,
    ahead of the reports that mention it."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{served_procedures}na-ri/bao-cao/2025-q3/")
    page.fill("#cchc-q", query)
    page.press("#cchc-q", "Enter")
    page.locator("#cchc-search-results li").first.wait_for()
    titles = page.locator("#cchc-search-results li h2").all_inner_texts()
    context.close()
    assert any(t.startswith(title) for t in titles[:3]), titles


def test_a_procedure_page_reached_from_a_commune_shows_its_centre_and_a_way_back(browser, served_procedures):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{served_procedures}na-ri/thu-tuc/")
    page.click("text=Thủ tục thử đăng ký khai sinh")
    page.locator("#cchc-noi-nop a", has_text="Các thủ tục hành chính của Xã Na Rì").wait_for()
    where = page.locator("#cchc-noi-nop").inner_text()
    assert "Nộp hồ sơ ở đâu:" in where and "tel:" in page.locator("#cchc-noi-nop").inner_html()
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 360  # reads whole on the phone
    assert all(url.startswith(served_procedures) for url in requests)


# --- the shipped sample ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("commune", ["phu-giao", "phu-lien", "na-ri"])
def test_every_post_reform_commune_of_the_sample_shows_a_number_to_tap_and_procedures(site, commune):
    """Whom to call, where the citizen decides to go: the procedures page and the home each have a tel: link, and the
    procedures page lists procedures by sector (its province's, or the national records while that is not imported)."""
    for page in (f"{commune}/thu-tuc", commune):
        assert soup(site, page).find("article").find("a", href=re.compile(r"^tel:\d{3,}")), page
    listing = soup(site, f"{commune}/thu-tuc")
    assert listing.select("ul.cchc-procedure-list a") and listing.select("ul.cchc-sector-index li")


def test_the_birth_registration_page_of_the_sample_says_what_to_bring_the_fee_the_time_and_where(site):
    page = soup(site, "thu-tuc-toan-quoc/1-001193")
    text = " ".join(page.find("article").get_text(" ").split())
    first, second = [" ".join(li.get_text().split()) for li in page.select("ul.cchc-checklist li")][:2]
    assert first.startswith("Tờ khai đăng ký khai sinh theo mẫu (1 bản chính).")
    assert second.startswith("Giấy chứng sinh (1 bản chính).")
    for fact in ("Thời hạn giải quyết", "Phí, lệ phí", "Nộp hồ sơ ở đâu", "Các bước", "Căn cứ pháp lý", "đối chiếu ngày"):
        assert fact in text


def test_a_sector_list_carries_the_commune_on_to_the_procedure(browser, served_procedures):
    """Na Rì's page → a sector's list (one page for the province) → a procedure: the commune's centre at each step."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{served_procedures}na-ri/thu-tuc/")
    page.click("ul.cchc-sector-index a[href*='/linh-vuc/ho-kinh-doanh/']")
    page.locator("#cchc-noi-nop a", has_text="Các thủ tục hành chính của Xã Na Rì").wait_for()
    page.click("text=Đăng ký thành lập hộ kinh doanh")
    page.locator("#cchc-noi-nop a", has_text="Các thủ tục hành chính của Xã Na Rì").wait_for()
    assert page.url.endswith("/thu-tuc-toan-quoc/1-001612/?xa=na-ri")  # the shipped national record
    context.close()


def test_phu_lien_shows_hai_phong_s_decisions_as_a_partial_list_and_the_common_national_procedures(site):
    """The sample's Hải Phòng list holds four decisions found so far (chua_du): Phù Liễn's page must not claim it
    handles only those 21 procedures. It says the list is partial, cites the decisions, counts the real entries by
    sector, and adds the common procedures the decisions do not list (birth registration…) from the national records,
    each said as such, on Hải Phòng's own pages."""
    page = soup(site, "phu-lien/thu-tuc")
    text = " ".join(page.find("article").get_text(" ").split())
    assert "chưa được ghi đủ" in text and "cổng mới ghi 21 thủ tục theo 4 quyết định" in text
    assert "giải quyết 21 thủ tục" not in text
    for decision in ("2831/QĐ-UBND", "2874/QĐ-UBND", "556/QĐ-UBND", "3453/QĐ-UBND"):
        assert f"Quyết định số {decision}" in text
    sectors = {li.a.get_text(): li.get_text() for li in page.select("ul.cchc-sector-index li")}
    assert sectors["Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)"].endswith(": 7 thủ tục") and sectors["Thủy sản"].endswith(": 4 thủ tục")
    birth = page.find("a", string="Đăng ký khai sinh")
    assert birth["href"] == "../../thu-tuc-hai-phong/1-001193/?xa=phu-lien"
    assert "(theo danh mục quốc gia)" in birth.parent.get_text()
    national = main_text(site, "thu-tuc-hai-phong/1-001193")
    assert "mà cổng đã ghi chưa nêu thủ tục này: trang này theo Cơ sở dữ liệu quốc gia" in national
    assert "Tờ khai đăng ký khai sinh theo mẫu (1 bản chính)" in national
    listed = main_text(site, "thu-tuc-hai-phong/1-001612")  # a decision's entry: the decision's time and fee
    assert "03 ngày làm việc" in listed and "trang này theo Cơ sở dữ liệu quốc gia" not in listed
    with open(site / "thu-tuc-hai-phong" / "du-lieu" / "thu-tuc.csv", encoding="utf-8-sig") as f:
        codes = [row["ma"] for row in csv.DictReader(f)]
    assert len(codes) == 21 and "1.001193" not in codes  # the downloads hold the province's entries only
