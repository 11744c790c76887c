"""The built portal, read as a citizen would: every fact of the seed report on the page where it belongs.

Expected values are typed here from the seed document itself
(../shared/source/bao-cao-cchc-thinh-duc-quy-1-2024.txt), not taken from the generator.
"""

from __future__ import annotations

import copy
import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

SECTORS = {
    "Tư pháp - Hộ tịch": 40, "Nội vụ": 15, "Lao động - Thương binh và Xã hội": 17, "Giáo dục và Đào tạo": 5,
    "Giao thông vận tải": 10, "Văn hóa, Thể dục thể thao": 7, "Nông nghiệp và Phát triển nông thôn": 10,
    "Tài chính": 1, "Thanh tra": 4, "Y tế": 1, "Kế hoạch và Đầu tư": 3, "Tài nguyên và Môi trường": 2,
    "Công an": 16, "Quân sự": 12, "Dân tộc": 2,
}
PLANS = ["08/KH-UBND", "06/KH-UBND", "24/KH-UBND", "25/KH-UBND", "29/KH-UBND", "39/KH-UBND", "04/KH-UBND", "05/KH-UBND", "18/KH-UBND"]
NOTICES = {"25/TB-UBND": "19/02/2024", "39/TB-UBND": "15/03/2024"}

# Appendix rows as printed: code -> value shown on the page ("" = blank). Ratios are the computed ones.
APPENDIX = {
    "1.1": "37,5", "1.1.a": "8", "1.1.b": "3", "1.2.1": "", "1.2.2": "0", "1.2.3": "", "1.3.1": "",
    "1.4": "50", "1.4.1": "50", "1.4.2": "1 (Phát phiếu)", "1.5": "0 (Không)", "2.1": "", "2.2": "", "2.3": "329",
    "2.4": "", "2.4.a": "0", "2.4.b": "0", "3.1": "134", "3.1.1": "24", "3.1.2": "32", "3.1.3": "134", "3.1.3.a": "",
    "3.1.3.b": "134", "3.2.1": "100", "3.2.1.a": "31", "3.2.1.b": "31", "3.2.1.c": "0", "3.2.2": "100",
    "3.2.2.a": "36", "3.2.2.b": "36", "3.2.2.c": "0", "3.2.3": "100", "3.2.3.a": "67", "3.2.3.b": "67",
    "3.2.4": "100", "3.2.4.a": "504", "3.2.4.b": "504", "3.2.5": "100", "3.2.5.a": "134", "3.2.5.b": "134",
    "3.3.1": "19", "3.3.2": "19", "3.3.3": "93", "3.3.4": "134", "3.3.5": "36", "3.4.1": "", "3.4.2": "98,1",
    "3.4.2.a": "519", "3.4.2.b": "509", "4.1.1": "", "4.1.5": "", "4.2.1": "21", "4.2.2": "18", "4.2.3": "7",
    "4.2.4": "0", "4.2.5": "", "4.3.1": "", "5.2.1": "0", "5.2.5": "0", "5.3": "", "5.4": "0", "5.4.c": "0",
    "6.1": "0", "6.1.a": "1.180.000", "6.1.b": "0", "6.2.1": "", "7.1": "0 (Chưa)", "7.2": "3",
    "7.3": "2 (Hoàn thành)", "7.4": "1 (Đang làm)", "7.5.1": "100", "7.5.2": "885", "7.5.2.a": "100",
    "7.5.2.b": "100", "7.6.1": "", "7.6.2": "100",
}


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


# Thịnh Đức's home: under /thinh-duc/ in the shipped portal of four communes, and the site's home in a portal of
# Thịnh Đức alone. Both must show the same profile and key figures, linked to the same appendix rows.
HOMES = {"among four communes": ("site", "thinh-duc/"), "alone": ("one_commune_site", "")}


@pytest.fixture(params=sorted(HOMES))
def commune_home(request) -> tuple[Path, str]:
    fixture, path = HOMES[request.param]
    return request.getfixturevalue(fixture), path


def test_home_shows_commune_profile_and_key_figures(commune_home):
    site, home = commune_home
    soup = page(site, home)
    body = text_of(soup.find("article"))
    assert "Xã Thịnh Đức" in body
    assert "Thái Nguyên" in body and "thành phố Thái Nguyên" in body  # province and former city
    assert soup.find("a", href="http://thinhduc.thainguyencity.gov.vn")
    assert "Bộ phận tiếp nhận và trả kết quả UBND xã Thịnh Đức" in body
    figures = {text_of(li.find(class_="cchc-key-label")): text_of(li.find(class_="cchc-key-value")) for li in soup.select(".cchc-key-figures li")}
    assert figures == {  # the post-reform key figures (dossiers received at the centre…) have no row in the 2024 template
        "Thủ tục hành chính đang có hiệu lực": "134",
        "Hồ sơ tiếp nhận trực tuyến (trên tổng số 504 hồ sơ đã tiếp nhận)": "504",
        "Hồ sơ đã giải quyết xong": "519",
        "Hồ sơ giải quyết đúng hạn (509 hồ sơ đúng hạn)": "98,1 %",
        "Phiếu khảo sát sự hài lòng": "50",
    }


def test_key_figures_link_to_their_rows_in_the_appendix(commune_home):
    site, home = commune_home
    soup = page(site, home)
    appendix = page(site, "thinh-duc/bao-cao/2024-q1/phu-luc")
    links = [a["href"] for a in soup.select(".cchc-key-figures a")]
    assert len(links) == 5
    for href in links:
        target, anchor = href.split("#")
        assert posixpath.normpath(posixpath.join(home, target)) == "thinh-duc/bao-cao/2024-q1/phu-luc"
        assert appendix.find(id=anchor) is not None, anchor


def test_a_portal_of_one_commune_opens_on_that_commune(one_commune_site, site):
    """Alone, Thịnh Đức's home is the site's home; among several communes the home lists the provinces instead."""
    assert text_of(page(one_commune_site, "").find("h1")) == "Xã Thịnh Đức"
    assert not (one_commune_site / "tinh").exists()
    assert text_of(page(site, "").find("h1")) == "Công khai kết quả cải cách hành chính"
    assert text_of(page(site, "thinh-duc").find("h1")) == "Xã Thịnh Đức"


def test_report_and_its_appendix_link_each_other(site):
    report = page(site, "thinh-duc/bao-cao/2024-q1")
    appendix = page(site, "thinh-duc/bao-cao/2024-q1/phu-luc")
    assert report.select_one("#phu-luc + p a")["href"] == "phu-luc/"
    assert "Bảng 122 chỉ tiêu" in text_of(report.select_one("#phu-luc + p"))
    back = appendix.find("a", string=re.compile("^báo cáo kết quả CCHC"))
    assert back["href"] == "../" and text_of(back) == "báo cáo kết quả CCHC Quý I năm 2024"
    assert "Kèm theo báo cáo kết quả CCHC Quý I năm 2024 số …/BC-UBND" in text_of(back.parent)
    # the appendix's own title, as the report prints it and the Word report writes it (PeriodView.appendix_title)
    assert text_of(back.parent).startswith("Báo cáo công tác cải cách hành chính quý I năm 2024 của UBND xã Thịnh Đức.")


def test_procedures_page_lists_every_sector_with_its_count_and_the_total(site):
    soup = page(site, "thinh-duc/thu-tuc")
    rows = {text_of(tr.th): text_of(tr.find_all("td")[-1]) for tr in soup.select("table tbody tr")}
    for name, count in SECTORS.items():
        assert rows[name] == str(count), name
    assert text_of(soup.select_one("table tfoot")).endswith("145")
    assert "chưa khớp" in text_of(soup.find("article")).lower()  # the appendix's 134 is disclosed


def test_procedure_records_link_to_the_national_portal_where_a_link_is_recorded(site):
    soup = page(site, "thinh-duc/thu-tuc")
    link = soup.find("a", string="1.001193")
    assert link["href"] == "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"
    assert not soup.find("a", string="1.000748")  # none recorded: the code alone, never a link built from it
    assert link["rel"] == ["noopener"]
    section = link.find_parent("section")
    assert "Thủ tục đăng ký khai sinh" in text_of(section)
    assert "Nguồn" in text_of(section)


def test_feedback_page_has_every_channel_with_clickable_contacts(site):
    soup = page(site, "thinh-duc/phan-anh-kien-nghi")
    body = text_of(soup.find("article"))
    assert soup.find("a", href="https://dichvucong.gov.vn/guipakn")
    assert "Trung tâm phục vụ hành chính công tỉnh Thái Nguyên" in body
    assert "Số 17, đường Đội Cấn, phường Trưng Vương, thành phố Thái Nguyên, tỉnh Thái Nguyên" in body
    assert soup.find("a", href="tel:02083854636").get_text() == "0208.3.854.636"
    assert "0208.3.855.385" in body  # fax: shown, not dialable
    assert soup.find("a", href="mailto:kstthc.ubnd@thainguyen.gov.vn")
    channels = [text_of(h) for h in soup.select(".cchc-channel h2")]
    # its own, then its province's, then the national one
    assert channels == ["Trung tâm phục vụ hành chính công tỉnh Thái Nguyên", "Cổng Dịch vụ công tỉnh Thái Nguyên",
                        "Cổng Dịch vụ công quốc gia"]


def test_notices_and_plans_pages_list_every_number_and_date(site):
    notices = page(site, "thinh-duc/thong-bao")
    rows = {text_of(tr.th): text_of(tr.find_all("td")[0]) for tr in notices.select("tbody tr")}
    assert rows == NOTICES
    plans = page(site, "thinh-duc/ke-hoach")
    numbers = [text_of(tr.th) for tr in plans.select("tbody tr")]
    assert sorted(numbers) == sorted(PLANS)
    row_18 = next(tr for tr in plans.select("tbody tr") if text_of(tr.th) == "18/KH-UBND")
    assert "13/02/2023" in text_of(row_18) and "tiếp tục thực hiện" in text_of(row_18)


def test_report_list_links_each_period(site):
    soup = page(site, "thinh-duc/bao-cao")
    link = soup.select_one(".cchc-periods a")
    assert text_of(link) == "Báo cáo kết quả CCHC Quý I năm 2024"  # a report, not figures published without one
    assert link["href"] == "2024-q1/"


def indicator_rows(site) -> dict:
    soup = page(site, "thinh-duc/bao-cao/2024-q1/phu-luc")
    return {tr["id"].removeprefix("chi-tieu-"): tr for tr in soup.select("table.cchc-indicators tbody tr")}


def value_of(tr) -> str:
    """The value cell's text without the unit, which is repeated under the value for phones (one shown at a time)."""
    cell = copy.copy(tr.select_one("td.so"))
    unit = cell.select_one(".cchc-unit")
    if unit is not None:
        assert text_of(unit) == text_of(tr.select_one("td.cchc-unit-col")), tr["id"]
        unit.extract()
    return text_of(cell)


def test_report_table_has_every_seed_row_with_its_value(site):
    rows = indicator_rows(site)
    for code, shown in APPENDIX.items():
        visible = value_of(rows[code.replace(".", "-")]).replace("Không có số liệu", "").strip()
        assert visible == shown, (code, visible)


def test_blank_cells_stay_blank_and_are_not_zero(site):
    rows = indicator_rows(site)
    cell = rows["1-2-1"].select_one("td.so")
    assert cell.select_one(".cchc-sr").get_text() == "Không có số liệu"
    assert value_of(rows["1-2-2"]) == "0"


def test_trong_do_rows_are_nested_under_their_parent(site):
    rows = indicator_rows(site)
    parent, first, second = rows["3-4-2"], rows["3-4-2-a"], rows["3-4-2-b"]
    assert "cchc-trong-do" in first["class"] and "cchc-trong-do" in second["class"]
    assert text_of(first.td) == "Trong đó" and text_of(second.td) == ""
    assert int(first["class"][0].rsplit("-", 1)[1]) == int(parent["class"][0].rsplit("-", 1)[1]) + 1
    order = list(rows)
    assert order.index("3-4-2") + 1 == order.index("3-4-2-a")


def test_no_ratio_shows_a_printed_value_that_contradicts_its_components(site):
    rows = indicator_rows(site)
    for code, printed in {"1-1": "30", "3-2-2": "36", "3-4-2": "196,5"}.items():
        cell = value_of(rows[code])
        assert cell != printed
        note = text_of(rows[code].find_all("td")[-1])
        assert f"Báo cáo in: {printed} %." in note and "Số liệu chưa khớp" in note


def test_report_page_has_header_sections_recipients_and_signatory(site):
    soup = page(site, "thinh-duc/bao-cao/2024-q1")
    body = text_of(soup.find("article"))
    assert "Kết quả công tác cải cách hành chính quý I năm 2024" in body
    assert "Công văn số 569/UBND-NV ngày 10/3/2022" in body
    headings = [text_of(h) for h in soup.select("article h2")]
    for expected in ["I. Công tác chỉ đạo", "II. Kết quả thực hiện", "III. Đánh giá chung", "IV. Phương hướng", "V. Kiến nghị"]:
        assert any(h.startswith(expected) for h in headings), expected
    assert "Phòng nội vụ UBND TP (b/c);" in body
    assert "TM. ỦY BAN NHÂN DÂN" in body and "Hoàng Văn Thâm" in body and "Hoàng Văn Thêm" in body
    sectors = [text_of(li) for li in soup.select(".cchc-sectors li")]
    assert len(sectors) == 15 and sectors[0] == "Lĩnh vực Tư pháp - Hộ tịch: 40 TTHC"
    assert soup.find("strong", string="468/QĐ-TTg")  # the report's bold survives as bold


def test_report_discloses_every_acknowledged_mismatch(site):
    soup = page(site, "thinh-duc/bao-cao/2024-q1")
    box = soup.select_one("#so-lieu-chua-khop")
    assert "(14)" in text_of(box.summary)
    items = box.select("ul:not(.cchc-mismatch-rows) li")  # the mismatches that are not beside an appendix row
    assert len(items) == 3 and all("Giải thích của xã" in text_of(li) for li in items)
    assert any("Hoàng Văn Thâm" in text_of(li) and "Hoàng Văn Thêm" in text_of(li) for li in items)
    rows = [a["href"] for a in box.select(".cchc-mismatch-rows a")]
    assert rows == ["phu-luc/#chi-tieu-" + code for code in
                    ["1-1", "2-4", "3-1-3", "3-2-2", "3-2-4-b", "3-3-4", "3-4-2", "7-2", "7-5-2"]]
    appendix = page(site, "thinh-duc/bao-cao/2024-q1/phu-luc")
    notes = " ".join(text_of(tr.find_all("td")[-1]) for tr in appendix.select("tr.cchc-has-mismatch"))
    assert notes.count("Giải thích của xã") == 11  # 14 minus the three above
    # A figure computed from a disputed row is marked and points to that row's note (not repeated): the group summary
    # 3.1 is 3.1.3's 134 procedures, the online share 3.2.4 is computed from 3.2.4.b.
    for code, source in (("3-1", "3-1-3"), ("3-2-4", "3-2-4-b")):
        tr = appendix.select_one(f"tr#chi-tieu-{code}")
        assert "cchc-has-mismatch" in tr["class"] and tr.find("a", href=f"#chi-tieu-{source}"), code


def test_pages_are_vietnamese_and_load_nothing_from_other_hosts(site):
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == "vi"
        for tag in soup.find_all(["script", "img", "iframe"], src=True):
            assert not re.match(r"^(https?:)?//", tag["src"]), (html, tag["src"])
        for tag in soup.find_all("link", href=True):
            if "stylesheet" in tag.get("rel", []) or "preconnect" in tag.get("rel", []):
                assert not re.match(r"^(https?:)?//", tag["href"]), (html, tag["href"])


def test_internal_links_and_anchors_resolve(site):
    for html in site.rglob("*.html"):
        if html.name == "404.html":  # served at any path, so its links are root-relative
            continue
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a", href=True):
            href = a["href"]
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            target, _, anchor = href.partition("#")
            target = target.partition("?")[0]  # ?xa=<commune>: a procedure's page shows that commune's centre
            dest = (html.parent / target).resolve() if target else html
            if dest.is_dir():
                dest = dest / "index.html"
            assert dest.exists(), (html, href)
            if anchor:
                dest_soup = soup if dest == html else BeautifulSoup(dest.read_text(encoding="utf-8"), "html.parser")
                assert dest_soup.find(id=anchor) is not None, (html, href)


def test_generated_pages_are_plain_markdown_on_disk(site):
    content = site.parent / "content"
    report = (content / "thinh-duc" / "bao-cao" / "2024-q1.md").read_text(encoding="utf-8")
    assert report.startswith("---\ncap_nhat: 2024-03-15\n")  # front matter: the data's date, for the sitemap
    assert "\n# Báo cáo kết quả CCHC Quý I năm 2024\n" in report
    assert "## Phụ lục" in report
    assert (content / "thinh-duc" / "thu-tuc.md").exists()
