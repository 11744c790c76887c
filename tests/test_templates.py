"""Indicator templates of any shape, the portal's key figures, and periods as communes publish them.

The second template (tests/fixtures/mau-thu-nghiem/thu-nghiem.yaml) has Roman group rows, codes 3, 3.1, 3.4.1.a
nested five levels deep, sum rows, ratios and a coded scale; its `3.4.2` is a count where the 2024 template's `3.4.2`
is a percentage, so anything joined by code instead of through `so_lieu_chung` shows up as a wrong number.
Expected values are worked out by hand from the fixture files.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import DATA, FIXTURES, built_project, data_with_only, edit, run_cchc
from generator.core.problems import say

SECOND = FIXTURES / "mau-thu-nghiem"
TEMPLATE = "danh-muc/chi-tieu/thu-nghiem.yaml"


def _with_second_template(data: Path) -> Path:
    shutil.copy(SECOND / "thu-nghiem.yaml", data / TEMPLATE)
    return data


def _commune_on_two_templates(data: Path) -> Path:
    """Thịnh Đức: 2024-q1 on the 2024 template (as shipped), 2024-h1 only published figures on the second template
    with a partial appendix, 2024-q3 an issued report without appendix."""
    _with_second_template(data)
    for name in ("2024-h1.yaml", "2024-q3.yaml"):
        shutil.copy(SECOND / name, data / "xa" / "thinh-duc" / name)
    return data


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _text(node) -> str:
    return " ".join(node.get_text(" ").split())


def _csv(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def two_templates_site(tmp_path_factory) -> Path:
    data = _commune_on_two_templates(data_with_only(tmp_path_factory.mktemp("d") / "data", "thinh-duc"))
    return built_project(tmp_path_factory.mktemp("site"), data) / "site"


def test_second_template_validates(data_dir):
    _commune_on_two_templates(data_dir)
    result = run_cchc("validate", data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 lỗi, 0 cảnh báo" in result.stdout + result.stderr


def _row_cells(soup: BeautifulSoup, code_slug: str) -> dict:
    row = soup.find("tr", id=f"chi-tieu-{code_slug}")
    assert row is not None, code_slug
    cells = row.find_all(["td", "th"])
    value = cells[3]
    for unit in value.select(".cchc-unit"):
        unit.decompose()
    return {"row": row, "label": _text(cells[1]), "value": _text(value), "note": _text(cells[4])}


def test_appendix_of_the_second_template_shows_every_row_at_its_depth(two_templates_site):
    soup = _soup(two_templates_site / "thinh-duc" / "bao-cao" / "2024-h1" / "phu-luc" / "index.html")
    depths = {
        "i": 0, "1": 1, "1-1": 2, "1-2": 2, "2": 1, "ii": 0, "3": 1, "3-1": 2, "3-1-1": 3, "3-1-2": 3, "3-4": 2,
        "3-4-1": 3, "3-4-1-a": 4, "3-4-1-b": 4, "3-4-1-c": 4, "3-4-2": 3,
    }
    rows = soup.select("table.cchc-indicators tbody tr")
    assert [r["id"].removeprefix("chi-tieu-") for r in rows] == list(depths)
    for slug, depth in depths.items():
        row = soup.find("tr", id=f"chi-tieu-{slug}")
        assert f"cchc-depth-{depth}" in row["class"]
        assert (row.get("style") == f"--cchc-indent: {depth - 1}") if depth > 1 else row.get("style") is None
    assert "cchc-group" in soup.find("tr", id="chi-tieu-ii")["class"]
    # Blanks stay blank, the coded scale is named, the ratio and both kinds of sum are computed and say so.
    assert _row_cells(soup, "2")["value"] == "1 (Phát phiếu)"
    assert _row_cells(soup, "1")["value"] == "75" and "Tính từ 6/8" in _row_cells(soup, "1")["note"]
    total = _row_cells(soup, "3-1")
    assert total["value"] == "150" and "Tính bằng 3.1.1 + 3.1.2" in total["note"]
    on_time = _row_cells(soup, "3-4-1-b")
    assert on_time["value"] == "137" and "Tính bằng 3.4.1.a − 3.4.1.c" in on_time["note"]
    ratio = _row_cells(soup, "3-4-1")
    assert ratio["value"] == "97,9" and "Tính từ 137/140" in ratio["note"]
    assert _row_cells(soup, "3-4-2")["value"] == "7"


def test_published_figures_period_names_its_source_instead_of_a_report(two_templates_site):
    soup = _soup(two_templates_site / "thinh-duc" / "bao-cao" / "2024-h1" / "index.html")
    assert _text(soup.find("h1")) == "Số liệu CCHC đã công bố 6 tháng năm 2024"
    source = soup.select_one("dl.cchc-source")
    link = source.find("a")
    assert link["href"] == "https://example.gov.vn/tin-bai/so-ket-cchc-6-thang-2024"
    assert "Sơ kết công tác CCHC 6 tháng đầu năm 2024" in _text(link)
    assert "20/06/2024" in _text(source)
    page = _text(soup)
    assert "BÁO CÁO" not in page and "Nơi nhận" not in page
    assert soup.find("a", href="phu-luc/") is not None


def test_period_without_appendix_has_no_appendix_page_and_no_indicator_csv(two_templates_site):
    site = two_templates_site
    assert (site / "thinh-duc" / "bao-cao" / "2024-q3" / "index.html").exists()
    assert not (site / "thinh-duc" / "bao-cao" / "2024-q3" / "phu-luc").exists()
    assert not (site / "thinh-duc" / "du-lieu" / "2024-q3-chi-tieu.csv").exists()
    assert (site / "thinh-duc" / "du-lieu" / "2024-q3.json").exists()
    soup = _soup(site / "thinh-duc" / "bao-cao" / "2024-q3" / "index.html")
    assert soup.find(id="phu-luc") is None
    hrefs = [a["href"] for page in site.rglob("*.html") for a in _soup(page).find_all("a", href=True)]
    assert not [h for h in hrefs if "2024-q3-chi-tieu.csv" in h or "2024-q3/phu-luc" in h]


def test_history_chart_joins_only_declared_figures(two_templates_site):
    soup = _soup(two_templates_site / "thinh-duc" / "lich-su" / "index.html")
    tables = {_text(t.caption): t for t in soup.select("table") if t.caption}

    def column(title: str) -> list[list[str]]:
        table = next(t for caption, t in tables.items() if title in caption)
        return [[_text(td) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]

    # 2024: 3.4.2 = 509/519; second template: 3.4.1 = 137/140. Never its 3.4.2 = 7 hồ sơ.
    assert column("Tỷ lệ hồ sơ giải quyết đúng hạn") == [["98,1"], ["97,9"], ["Không có số liệu"]]
    assert column("Hồ sơ thủ tục hành chính tiếp nhận") == [["504", "504"], ["150", "120"], ["Không có số liệu"] * 2]
    # The second template has no row meaning "procedures in force": blank, not its 3.1.3 (it has none) or anything else.
    # One period with the figure is no line: no chart, the figure in words.
    assert "Thủ tục hành chính đang có hiệu lực" not in " ".join(tables)
    in_force = soup.find(id="bieu-do-1").find_next_sibling("ul")
    assert _text(in_force) == "Thủ tục đang có hiệu lực, Quý I 2024: 134 thủ tục"


def test_downloads_carry_the_template_and_the_key_figure_of_each_row(two_templates_site):
    site = two_templates_site
    rows = {r["ma"]: r for r in _csv(site / "thinh-duc" / "du-lieu" / "2024-h1-chi-tieu.csv")}
    assert list(rows) == ["I", "1", "1.1", "1.2", "2", "II", "3", "3.1", "3.1.1", "3.1.2", "3.4", "3.4.1", "3.4.1.a",
                          "3.4.1.b", "3.4.1.c", "3.4.2"]
    assert rows["3.4.1.b"]["so_lieu"] == "137" and rows["3.4.1.b"]["tinh_tu_dong"] == "có"
    assert rows["3.4.1.b"]["so_lieu_chung"] == "ho-so-dung-han" and rows["3.4.1.b"]["mau"] == "thu-nghiem"
    assert rows["3.4.2"]["so_lieu"] == "7" and rows["3.4.2"]["so_lieu_chung"] == ""
    portal = _csv(site / "du-lieu" / "toan-bo-chi-tieu.csv")
    on_time = {(r["ky"], r["ma"]): r["so_lieu"] for r in portal if r["so_lieu_chung"] == "ho-so-dung-han-ty-le"}
    assert on_time == {("2024-q1", "3.4.2"): repr(509 / 519 * 100), ("2024-h1", "3.4.1"): repr(137 / 140 * 100)}
    everything = json.loads((site / "du-lieu" / "toan-bo.json").read_text(encoding="utf-8"))
    periods = {p["ky"]: p for p in everything["xa"][0]["ky"]}
    assert round(periods["2024-h1"]["so_lieu_chung"]["ho-so-dung-han-ty-le"], 2) == 97.86
    assert periods["2024-h1"]["so_lieu_chung"]["ho-so-tiep-nhan"] == 150
    assert "thu-tuc-hieu-luc" not in periods["2024-h1"]["so_lieu_chung"]
    assert periods["2024-q3"]["so_lieu_chung"] == {}
    assert periods["2024-h1"]["so_lieu_tinh"]["3.4.1.b"] == 137


def test_province_comparison_joins_communes_on_different_templates_only_through_key_figures(thinh_duc_dir, tmp_path):
    """Two communes of one province: Thịnh Đức's latest period is on the second template, the other's on 2024."""
    data_dir = thinh_duc_dir
    _with_second_template(data_dir)
    shutil.copy(SECOND / "2024-h1.yaml", data_dir / "xa" / "thinh-duc" / "2024-h1.yaml")
    other = data_dir / "xa" / "xa-thu"
    other.mkdir()
    shutil.copy(data_dir / "xa" / "thinh-duc" / "2024-q1.yaml", other / "2024-q1.yaml")
    shutil.copy(data_dir / "xa" / "thinh-duc" / "thong-tin.yaml", other / "thong-tin.yaml")
    edit(data_dir, "xa/xa-thu/thong-tin.yaml", "ten: Thịnh Đức", "ten: Thử Nghiệm")
    site = built_project(tmp_path, data_dir) / "site"
    soup = _soup(site / "tinh" / "thai-nguyen" / "index.html")
    table = soup.find("table")
    header = [_text(th) for th in table.thead.find_all("th")]
    assert header[1:] == ["Thủ tục hành chính đang có hiệu lực", "Hồ sơ tiếp nhận tại Trung tâm phục vụ hành chính công",
                          "Hồ sơ tiếp nhận trực tuyến", "Hồ sơ đã giải quyết xong", "Hồ sơ giải quyết đúng hạn",
                          "Phiếu khảo sát sự hài lòng"]
    rows = {_text(tr.th): [_text(td) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")}
    blank = "Không có số liệu"
    # One period only, the latest (6 tháng năm 2024): the other commune's Q1 is not put beside it.
    assert "6 tháng năm 2024" in _text(table.caption)
    assert rows["Xã Thịnh Đức"] == [blank, blank, "120", "140", "97,9 %", blank]
    assert rows["Xã Thử Nghiệm (chưa có số liệu 6 tháng năm 2024)"] == [blank] * 6
    home = _soup(site / "thinh-duc" / "index.html")
    figures = [_text(li) for li in home.select(".cchc-key-figures li")]
    assert figures == ["120 Hồ sơ tiếp nhận trực tuyến (trên tổng số 150 hồ sơ đã tiếp nhận)", "140 Hồ sơ đã giải quyết xong",
                       "97,9 % Hồ sơ giải quyết đúng hạn (137 hồ sơ đúng hạn)"]


# --- A template's bad input: a worded error at the template's line, from the real `cchc validate` ---------------------


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [i for i, line in enumerate(lines, 1) if text in line]
    assert len(found) == 1, text
    return found[0]


BAD_TEMPLATES = {
    "missing-row": ('tong: ["3.1.1", "3.1.2"]', 'tong: ["3.1.1", "3.1.9"]', "mau_tham_chieu_sai",
                    {"ma": "3.1", "gia_tri": "3.1.9"}),
    "cycle": ('{ma: "3.1.2", ten: Tiếp nhận trực tiếp,', '{ma: "3.1.2", tong: ["3.1"], ten: Tiếp nhận trực tiếp,',
              "mau_tinh_vong", {"ma": "3.1", "vong": "3.1 → 3.1.2 → 3.1"}),
    "ratio-without-denominator": ('        mau_so: "1.1"\n', "", "mau_ty_le_thieu", {"ma": "1", "co": "tu_so", "thieu": "mau_so"}),
    "denominator-without-numerator": ('        tu_so: "1.2"\n', "", "mau_ty_le_thieu", {"ma": "1", "co": "mau_so", "thieu": "tu_so"}),
    "ratio-of-a-missing-row": ('tu_so: "1.2"', 'tu_so: "1.9"', "mau_tham_chieu_sai", {"ma": "1", "gia_tri": "1.9"}),
    "duplicate-code": ('{ma: "3.4.2", ten: Số hồ sơ quá hạn', '{ma: "3.4.1.c", ten: Số hồ sơ quá hạn', "mau_ma_lap",
                       {"gia_tri": "3.4.1.c"}),
    "undeclared-shape": ('{ma: "3.4.2", ten: Số hồ sơ quá hạn', '{ma: "A.1", ten: Số hồ sơ quá hạn', "mau_ma_sai_dang",
                         {"gia_tri": "A.1", "dang": "[IVXLC]+, \\d+(\\.\\d+)*, \\d+(\\.\\d+)*\\.[a-z]"}),
    "unknown-key-figure": ("so_lieu_chung: ho-so-tiep-nhan-truc-tuyen}", "so_lieu_chung: ho-so-truc-tuyen}",
                           "mau_so_lieu_chung_khong_co", {"ma": "3.1.1", "gia_tri": "ho-so-truc-tuyen"}),
    "count-as-percentage": ("chưa giải quyết, kieu: so_luong, don_vi: Hồ sơ}",
                            "chưa giải quyết, kieu: so_luong, don_vi: Hồ sơ, so_lieu_chung: ho-so-dung-han-ty-le}",
                            "mau_so_lieu_chung_khac_kieu",
                            {"ma": "3.4.2", "kieu": "so_luong", "gia_tri": "ho-so-dung-han-ty-le", "kieu_so_lieu": "ty_le"}),
    "bad-code-shape": ('dang_ma: ["[IVXLC]+",', 'dang_ma: ["[IVXLC+",', "dang_ma_sai", {"gia_tri": "“[IVXLC+”"}),
}


@pytest.mark.parametrize("case", BAD_TEMPLATES, ids=list(BAD_TEMPLATES))
def test_bad_template_is_a_worded_error_at_its_line(data_dir, case):
    old, new, code, details = BAD_TEMPLATES[case]
    _with_second_template(data_dir)
    path = edit(data_dir, TEMPLATE, old, new)
    marker = {"ratio-without-denominator": 'tu_so: "1.2"', "denominator-without-numerator": 'mau_so: "1.1"',
              "cycle": 'ma: "3.1"'}.get(case, new.strip())
    line = _line_of(path, marker.split("\n")[0])
    result = run_cchc("validate", data_dir)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    output = result.stdout + result.stderr
    assert f"{path}:{line}:" in output, output
    assert say(code, **details) in output, output


def test_a_period_needs_a_report_or_a_source(data_dir):
    _commune_on_two_templates(data_dir)
    path = data_dir / "xa" / "thinh-duc" / "2024-h1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("nguon:")] + text[text.index("phu_luc:"):], encoding="utf-8")
    result = run_cchc("validate", data_dir)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{path}:{_line_of(path, 'nam: 2024')}:1: " in result.stdout + result.stderr
    assert say("ky_thieu_nguon") in result.stdout + result.stderr


def test_sum_that_does_not_add_up_is_a_finding(data_dir):
    _commune_on_two_templates(data_dir)
    path = edit(data_dir, "xa/thinh-duc/2024-h1.yaml", '    "3.1.2": 30\n', '    "3.1.2": 30\n    "3.1": 155\n')
    result = run_cchc("validate", data_dir)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    line = _line_of(path, '"3.1": 155')
    assert f"{path}:{line}:" in output
    assert say("tong_lech", ma="3.1", gia_tri="155", tong="150", cac_ma="3.1.1 + 3.1.2") in output
    assert "(mã phát hiện: 3.1/tong-lech)" in output


def test_new_period_after_a_period_without_report_or_appendix(data_dir):
    _commune_on_two_templates(data_dir)
    result = run_cchc("new", "thinh-duc", "2024-nam", "--data", data_dir)
    assert result.returncode == 0, result.stderr
    text = (data_dir / "xa" / "thinh-duc" / "2024-nam.yaml").read_text(encoding="utf-8")
    assert "\nphu_luc:" not in text  # the latest period (2024-q3) had no appendix: none is invented
    assert "\nbao_cao:" in text
    (data_dir / "xa" / "thinh-duc" / "2024-nam.yaml").unlink()
    (data_dir / "xa" / "thinh-duc" / "2024-q3.yaml").unlink()
    result = run_cchc("new", "thinh-duc", "2024-q3", "--data", data_dir)
    assert result.returncode == 0, result.stderr
    text = (data_dir / "xa" / "thinh-duc" / "2024-q3.yaml").read_text(encoding="utf-8")
    assert "  mau: thu-nghiem" in text and '    "3.4.1.c":' in text and '# "3.4.1":' in text


def test_synthetic_data_on_the_second_template_passes_the_checker(tmp_path):
    from generator.tools.synth import synthesize

    source = tmp_path / "nguon"
    shutil.copytree(DATA / "danh-muc", source / "danh-muc")
    _with_second_template(source)
    out = tmp_path / "data"
    synthesize(3, 3, out, source, seed=3, mau="thu-nghiem")
    text = next((out / "xa").glob("*/2026-q3.yaml")).read_text(encoding="utf-8")
    assert "mau: thu-nghiem" in text and "3.4.1.c:" in text
    result = run_cchc("validate", out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 lỗi, 0 cảnh báo" in result.stdout + result.stderr


def test_key_figure_catalogue_refuses_a_chart_mixing_a_count_and_a_percentage(data_dir):
    path = edit(data_dir, "danh-muc/so-lieu-chung.yaml", "{so_lieu: ho-so-tiep-nhan-truc-tuyen, nhan: Tiếp nhận trực tuyến}",
                "{so_lieu: ho-so-tiep-nhan-truc-tuyen-ty-le, nhan: Tiếp nhận trực tuyến}")
    edit(data_dir, "danh-muc/so-lieu-chung.yaml", "- {so_lieu: phieu-khao-sat, nhan: Phiếu", "- {so_lieu: phieu-khao-sat-x, nhan: Phiếu")
    result = run_cchc("validate", data_dir)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    mixed = _line_of(path, "ho-so-tiep-nhan-truc-tuyen-ty-le, nhan: Tiếp nhận trực tuyến")
    assert f"{path}:{mixed}:" in output
    assert say("bieu_do_khac_kieu", gia_tri="ho-so-tiep-nhan-truc-tuyen-ty-le", kieu="ty_le", dau="ho-so-tiep-nhan",
               kieu_dau="so_luong") in output
    assert f"{path}:{_line_of(path, 'phieu-khao-sat-x')}:" in output
    assert say("so_lieu_chung_khong_co", gia_tri="phieu-khao-sat-x") in output


def test_pages_of_the_new_shapes_are_valid_html(two_templates_site):
    import subprocess

    from conftest import VNU_JAR, require

    java = require(shutil.which("java"), "Java (default-jre-headless)")
    require(VNU_JAR, "vnu-jar (tests/browser/node_modules)")
    base = two_templates_site / "thinh-duc"
    pages = [base / "bao-cao" / "2024-h1" / "index.html", base / "bao-cao" / "2024-h1" / "phu-luc" / "index.html",
             base / "bao-cao" / "2024-q3" / "index.html", base / "lich-su" / "index.html"]
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True, encoding="utf-8")
    report = json.loads(result.stderr or result.stdout)
    assert not [m for m in report["messages"] if m["type"] in ("error", "non-document-error")], report


def test_feeds_catalogue_and_sitemap_date_periods_without_report_or_appendix(two_templates_site):
    site = two_templates_site
    feed = (site / "thinh-duc" / "feed.xml").read_text(encoding="utf-8")
    assert "Xã Thịnh Đức: số liệu CCHC đã công bố 6 tháng năm 2024" in feed
    assert "Sơ kết công tác CCHC 6 tháng đầu năm 2024" in feed  # its summary is the source's name
    catalogue = json.loads((site / "data.json").read_text(encoding="utf-8"))
    urls = [d["downloadURL"] for d in catalogue["dataset"][0]["distribution"]]
    assert any(u.endswith("/2024-h1-chi-tieu.csv") for u in urls)
    assert not any("2024-q3-chi-tieu" in u for u in urls)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r"<loc>https://cchc.example/thinh-duc/bao-cao/2024-h1/</loc>\s*<lastmod>2024-06-20</lastmod>", sitemap)


SCORE_105 = '"13": 105'
PERCENT_WITH_MAXIMUM = 'toi_da: 100, don_vi: "%"'


def test_a_score_is_a_score_not_a_percentage(data_dir, tmp_path):
    """The service index (kieu: diem, toi_da: 100): bounded by its maximum, never shown with " %"; toi_da on
    another kind of row is a worded template error."""
    template = data_dir / "danh-muc" / "chi-tieu" / "2025-sau-sap-nhap.yaml"
    edit(data_dir, "danh-muc/so-lieu-chung.yaml", "  - {so_lieu: phieu-khao-sat, nhan: Phiếu khảo sát sự hài lòng}\n",
                       "  - {so_lieu: phieu-khao-sat, nhan: Phiếu khảo sát sự hài lòng}\n"
                       "  - {so_lieu: chi-so-phuc-vu, nhan: Chỉ số phục vụ người dân và doanh nghiệp}\n")
    period = edit(data_dir, "xa/phu-lien/2025-q3.yaml", "  chi_tieu:\n", '  chi_tieu:\n    "13": 105\n')
    result = run_cchc("validate", data_dir)
    assert result.returncode == 1
    assert f"{period}:{_line_of(period, SCORE_105)}:" in result.stdout
    assert say("ngoai_khoang_diem", ma="13", gia_tri="105", toi_da="100") in result.stdout
    edit(data_dir, "xa/phu-lien/2025-q3.yaml", '"13": 105', '"13": "87,5"')
    site = built_project(tmp_path, data_dir) / "site"
    home = _text(_soup(site / "phu-lien" / "index.html").find("ul", class_="cchc-key-figures"))
    assert "87,5/100 điểm Chỉ số phục vụ người dân và doanh nghiệp" in home and "87,5 %" not in home
    edit(data_dir, "danh-muc/chi-tieu/2025-sau-sap-nhap.yaml", "kieu: ty_le, don_vi: \"%\", so_lieu_chung: thanh-toan-truc-tuyen-ty-le}",
         "kieu: ty_le, toi_da: 100, don_vi: \"%\", so_lieu_chung: thanh-toan-truc-tuyen-ty-le}")
    result = run_cchc("validate", data_dir)
    assert f"{template}:{_line_of(template, PERCENT_WITH_MAXIMUM)}:" in result.stdout
    assert say("mau_toi_da_khong_phai_diem", ma="12", kieu="ty_le") in result.stdout


def test_synth_uses_the_template_it_is_told_and_by_default_2024(tmp_path):
    """The template is chosen, never the one that happens to sort last: 2024 unless --mau names another."""
    assert run_cchc("synth", "--communes", 1, "--out", tmp_path / "a").returncode == 0
    assert "  mau: '2024'" in next((tmp_path / "a" / "xa").glob("*/*-*.yaml")).read_text(encoding="utf-8")
    assert run_cchc("synth", "--communes", 1, "--mau", "2025-sau-sap-nhap", "--out", tmp_path / "b").returncode == 0
    post_reform = tmp_path / "b"
    assert "  mau: 2025-sau-sap-nhap" in next((post_reform / "xa").glob("*/*-*.yaml")).read_text(encoding="utf-8")
    result = run_cchc("validate", post_reform)
    assert result.returncode == 0 and "0 lỗi, 0 cảnh báo" in result.stdout, result.stdout
    wrong = run_cchc("synth", "--communes", 1, "--mau", "2030", "--out", tmp_path / "c")
    assert wrong.returncode == 2 and "Các mẫu có: 2024, 2025-sau-sap-nhap." in wrong.stderr and not (tmp_path / "c").exists()
