"""Open data as a journalist or the province would use it: downloads, catalogue, feeds, sitemap, structured data.

Each file is parsed for real and its figures compared with the seed's.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
from bs4 import BeautifulSoup

import pytest

from conftest import FIXTURES, run_cchc

SITE_URL = "https://cchc.example/"
ATOM = "{http://www.w3.org/2005/Atom}"


def read_csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so that Excel shows Vietnamese correctly"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def local(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    path = site / url[len(SITE_URL):]
    return path / "index.html" if url.endswith("/") else path


def test_period_indicator_csv_has_one_row_per_indicator_with_computed_and_acknowledged_flags(site):
    rows = {r["ma"]: r for r in read_csv(site / "thinh-duc" / "du-lieu" / "2024-q1-chi-tieu.csv")}
    assert len(rows) == 122  # the seed's appendix: 124 table lines, two of them continuations across a page break
    assert rows["3.4.2"]["so_lieu"] == repr(509 / 519 * 100) and rows["3.4.2"]["tinh_tu_dong"] == "có"
    assert rows["3.4.2"]["so_lieu_bao_cao"] == "196.5"
    assert rows["3.4.2"]["phat_hien_da_xac_nhan"] == "3.4.2/ty-le-lech; 3.4.2/thuyet-minh-lech"
    assert rows["6.1.a"]["so_lieu"] == "1180000" and rows["6.1.a"]["don_vi"] == "Triệu đồng"
    assert rows["1.2.1"]["so_lieu"] == "" and rows["1.2.2"]["so_lieu"] == "0"  # blank is not zero
    assert rows["2.2"]["ghi_chu"] == "Báo cáo ghi “-” ở cả đơn vị tính và số liệu."


def test_sector_csv_lists_the_fifteen_sectors(site):
    rows = read_csv(site / "thinh-duc" / "du-lieu" / "2024-q1-linh-vuc.csv")
    assert len(rows) == 15
    assert sum(int(r["so_thu_tuc"]) for r in rows) == 145
    assert rows[0] == {"xa": "thinh-duc", "ky": "2024-q1", "linh_vuc": "tu-phap-ho-tich", "so_thu_tuc": "40"}


def test_period_json_is_the_whole_validated_model_with_computed_figures(site):
    data = json.loads((site / "thinh-duc" / "du-lieu" / "2024-q1.json").read_text(encoding="utf-8"))
    assert data["du_lieu"]["phu_luc"]["chi_tieu"]["3.4.2.a"]["gia_tri"] == 519
    assert data["du_lieu"]["tu_ngay"] == "2023-12-15"
    assert [k["so"] for k in data["du_lieu"]["thong_bao"]] == ["25/TB-UBND", "39/TB-UBND"]
    assert round(data["so_lieu_tinh"]["1.1"], 1) == 37.5
    assert {f["ma"] for f in data["phat_hien"]} >= {"nguoi_ky/nguoi-ky-viet-khac", "7.2/ngoai-thang-do"}


def test_commune_and_portal_files_hold_every_period(site):
    commune = json.loads((site / "thinh-duc" / "du-lieu" / "thinh-duc.json").read_text(encoding="utf-8"))
    assert [k["ky"] for k in commune["ky"]] == ["2024-q1"]
    assert commune["thong_tin"]["ten"] == "Thịnh Đức" and len(commune["thu_tuc"]) == 5
    portal = json.loads((site / "du-lieu" / "toan-bo.json").read_text(encoding="utf-8"))
    assert [x["xa"] for x in portal["xa"]] == ["na-ri", "phu-giao", "phu-lien", "thinh-duc"]
    rows = read_csv(site / "du-lieu" / "toan-bo-chi-tieu.csv")
    per_commune = {xa: [r for r in rows if r["xa"] == xa] for xa in ("thinh-duc", "na-ri", "phu-giao", "phu-lien")}
    assert len(per_commune["thinh-duc"]) == 122 and len(rows) == 122 + 3 * 42  # the post-reform template has 42 rows
    assert {r["mau"] for r in per_commune["thinh-duc"]} == {"2024"}
    assert {r["mau"] for r in per_commune["na-ri"]} == {"2025-sau-sap-nhap"}


def test_the_portal_wide_csv_joins_communes_only_through_key_figures(site):
    """Thịnh Đức's 3.4.2 and the post-reform 5 are both "dossiers resolved on time, %": the key-figure column says so;
    a code that exists in both templates with another meaning (3.4.2 there, 3 here) is not joined."""
    rows = read_csv(site / "du-lieu" / "toan-bo-chi-tieu.csv")
    on_time = {r["xa"]: (r["ma"], r["so_lieu"]) for r in rows if r["so_lieu_chung"] == "ho-so-dung-han-ty-le"}
    assert on_time == {"thinh-duc": ("3.4.2", repr(509 / 519 * 100)), "na-ri": ("5", "100"),
                       "phu-giao": ("5", repr(12868 / 12970 * 100)),  # machines get the full value
                       "phu-lien": ("5", "")}  # Phù Liễn's post says "all on time" but gives no count: blank
    received = {r["xa"]: r["so_lieu"] for r in rows if r["so_lieu_chung"] == "ho-so-tiep-nhan-trung-tam"}
    assert received == {"na-ri": "813", "phu-giao": "13188", "phu-lien": "3718"}  # no 2024 row means it
    [thinh_duc_3] = [r for r in rows if r["xa"] == "thinh-duc" and r["ma"] == "3"]
    [na_ri_3] = [r for r in rows if r["xa"] == "na-ri" and r["ma"] == "3"]
    assert thinh_duc_3["so_lieu_chung"] == "" and na_ri_3["so_lieu_chung"] == "ho-so-truc-tuyen-trung-tam-ty-le"


def test_each_table_links_to_its_download(site):
    report = BeautifulSoup((site / "thinh-duc" / "bao-cao" / "2024-q1" / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = [a["href"] for a in report.select(".cchc-downloads a")]
    assert hrefs == ["../../du-lieu/2024-q1-chi-tieu.csv", "../../du-lieu/2024-q1.json", "../../du-lieu/2024-q1-bao-cao.docx"]
    procedures = BeautifulSoup((site / "thinh-duc" / "thu-tuc" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in procedures.select(".cchc-downloads a")] == ["../du-lieu/2024-q1-linh-vuc.csv"]


def test_data_json_catalogue_is_valid_project_open_data(one_commune_site):
    site = one_commune_site
    catalogue = json.loads((site / "data.json").read_text(encoding="utf-8"))
    schema = json.loads((FIXTURES / "pod-v1.1-catalog.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(catalogue, schema, cls=jsonschema.Draft202012Validator)
    [dataset] = catalogue["dataset"]
    assert dataset["temporal"] == "2023-12-15/2024-03-14" and dataset["modified"] == "2024-03-15"
    for dist in dataset["distribution"]:
        assert local(site, dist["downloadURL"]).exists(), dist["downloadURL"]


@pytest.mark.parametrize("config, wording", [
    ("khong-co.yml", "không tìm thấy tệp cấu hình MkDocs {path} (--lien-he-config)"),
    ("hong.yml", "tệp {path} (--lien-he-config) không đọc được như cấu hình MkDocs: "),
])
def test_a_missing_or_broken_contact_config_is_a_worded_usage_error(tmp_path, config, wording):
    """`cchc render --lien-he-config` names the file it cannot read, in Vietnamese, and writes nothing (was exit 3)."""
    path = tmp_path / config
    if config == "hong.yml":
        path.write_text("site_name: Cổng\nextra: [\n", encoding="utf-8")
    result = run_cchc("render", "--docs", tmp_path / "content", "--site-url", SITE_URL, "--lien-he-config", path)
    assert result.returncode == 2, result.stderr
    assert wording.format(path=path) in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "content").exists()


def test_data_json_catalogue_lists_every_commune_with_its_window_and_files(site):
    catalogue = json.loads((site / "data.json").read_text(encoding="utf-8"))
    datasets = {d["title"]: d for d in catalogue["dataset"]}
    assert len([t for t in datasets if t.startswith("Kết quả cải cách hành chính – ")]) == 4  # one per commune
    assert "Danh mục thủ tục hành chính cấp xã – Thành phố Hải Phòng" in datasets  # the only province list imported
    dataset = datasets["Kết quả cải cách hành chính – Xã Thịnh Đức, Tỉnh Thái Nguyên"]
    assert dataset["temporal"] == "2023-12-15/2024-03-14" and dataset["modified"] == "2024-03-15"
    published = datasets["Kết quả cải cách hành chính – Xã Phú Giáo, Thành phố Hồ Chí Minh"]  # figures from a press report
    assert published["temporal"] == "2025-07-01/2025-09-30" and published["modified"] == "2025-10-13"
    for dataset in datasets.values():
        for dist in dataset["distribution"]:
            assert local(site, dist["downloadURL"]).exists(), dist["downloadURL"]


def test_data_json_of_the_four_commune_sample_is_valid_project_open_data(site):
    catalogue = json.loads((site / "data.json").read_text(encoding="utf-8"))
    schema = json.loads((FIXTURES / "pod-v1.1-catalog.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(catalogue, schema, cls=jsonschema.Draft202012Validator)
    contacts = {d["title"].split(" – ")[1]: d["contactPoint"] for d in catalogue["dataset"]}
    # Thịnh Đức publishes an e-mail; the post-reform communes publish none, so the portal's contact (mkdocs.yml
    # extra.lien_he) answers for their datasets, under its own name: no commune address is made up.
    assert contacts["Xã Thịnh Đức, Tỉnh Thái Nguyên"]["fn"] == "UBND xã Thịnh Đức"
    assert "cchc.example" not in contacts["Xã Thịnh Đức, Tỉnh Thái Nguyên"]["hasEmail"]
    assert contacts["Xã Na Rì, Tỉnh Thái Nguyên"] == {"@type": "vcard:Contact", "fn": "Nhóm quản trị cổng công khai CCHC",
                                                 "hasEmail": "mailto:lien-he@cchc.example"}


THINH_DUC_ENTRIES = {
    "Xã Thịnh Đức: báo cáo kết quả CCHC Quý I năm 2024": "2024-03-15",
    "Xã Thịnh Đức: Thông báo số 39/TB-UBND": "2024-03-15",
    "Xã Thịnh Đức: Thông báo số 25/TB-UBND": "2024-02-19",
}
PUBLISHED_ENTRIES = {  # dated by the source's publication date, else by the end of the stated window
    "Xã Phú Giáo: số liệu CCHC đã công bố Quý III năm 2025": "2025-10-13",
    "Phường Phù Liễn: số liệu CCHC đã công bố Quý III năm 2025": "2025-09-14",
    "Xã Na Rì: số liệu CCHC đã công bố Quý III năm 2025": "2025-09-08",
}


def test_atom_feeds_list_the_report_and_each_notice(site):
    for feed_path, expected, updated in ((site / "thinh-duc" / "feed.xml", THINH_DUC_ENTRIES, "2024-03-15"),
                                         (site / "feed.xml", THINH_DUC_ENTRIES | PUBLISHED_ENTRIES, "2025-10-13")):
        root = ET.parse(feed_path).getroot()
        assert root.tag == f"{ATOM}feed"
        entries = root.findall(f"{ATOM}entry")
        titles = {e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}updated")[:10] for e in entries}
        assert titles == expected
        assert root.findtext(f"{ATOM}updated").startswith(updated)
        ids = [e.findtext(f"{ATOM}id") for e in entries]
        assert len(set(ids)) == len(ids) == len(expected)
        for entry in entries:
            assert local(site, entry.find(f"{ATOM}link").get("href")).exists()


def test_sitemap_carries_the_data_date_and_robots_points_at_it(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    dates = {u.findtext(f"{ns}loc"): u.findtext(f"{ns}lastmod") for u in root.findall(f"{ns}url")}
    assert dates["https://cchc.example/thinh-duc/bao-cao/2024-q1/"] == "2024-03-15"
    assert dates["https://cchc.example/thinh-duc/"] == "2024-03-15"
    assert dates["https://cchc.example/tinh/thai-nguyen/"] == "2025-09-08"  # Na Rì's figures are its newest data
    assert dates["https://cchc.example/"] == "2025-10-13"  # the newest data of any commune (Phú Giáo's source)
    assert "Sitemap: https://cchc.example/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def test_commune_home_carries_government_organization_structured_data(site):
    soup = BeautifulSoup((site / "thinh-duc" / "index.html").read_text(encoding="utf-8"), "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "GovernmentOrganization" and data["name"] == "Ủy ban nhân dân xã Thịnh Đức"
    assert data["address"]["addressRegion"] == "Tỉnh Thái Nguyên"
    points = {p["name"]: p for p in data["contactPoint"]}
    assert points["Cổng Dịch vụ công quốc gia"]["url"] == "https://dichvucong.gov.vn/guipakn"
    centre = points["Trung tâm phục vụ hành chính công tỉnh Thái Nguyên"]
    assert centre["telephone"] == "0208.3.854.636" and centre["email"] == "kstthc.ubnd@thainguyen.gov.vn"


def test_feedback_page_title_names_the_commune_for_search_engines(site):
    soup = BeautifulSoup((site / "thinh-duc" / "phan-anh-kien-nghi" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Thịnh Đức" in soup.title.get_text()


def test_every_table_on_every_page_is_followed_by_its_download(site):
    tables = 0
    for html in site.rglob("*.html"):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for table in page.select("article table"):
            tables += 1
            following = table.find_parent("div", class_="cchc-table").find_next_sibling()
            assert following is not None and "cchc-downloads" in following.get("class", []), html
            for link in following.find_all("a", href=True):
                assert (html.parent / link["href"]).resolve().exists(), (html, link["href"])
    assert tables >= 8


def test_plans_and_notices_download_lists_every_document(site):
    rows = read_csv(site / "thinh-duc" / "du-lieu" / "thinh-duc-van-ban.csv")
    assert sorted(r["so"] for r in rows if r["loai"] == "thong_bao") == ["25/TB-UBND", "39/TB-UBND"]
    plans = {r["so"]: r for r in rows if r["loai"] == "ke_hoach"}
    assert len(plans) == 9 and plans["18/KH-UBND"]["ngay"] == "2023-02-13" and plans["18/KH-UBND"]["tiep_tuc"] == "có"
