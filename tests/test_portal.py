"""A portal of several communes and periods, from synthetic data, built for real by MkDocs."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import DATA, run_cchc, synthetic_portal
from generator.pipeline.build import check
from generator.load.reader import read_portal
from generator.rules.compute import compute
from generator.tools.synth import synthesize


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Path:
    return synthetic_portal(tmp_path_factory, 4, 3, seed=3)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_synthetic_data_passes_every_check(tmp_path):
    made = run_cchc("synth", "--communes", 12, "--periods", 4, "--out", tmp_path / "data", "--seed", 11)
    assert made.returncode == 0, made.stderr
    result = check(tmp_path / "data")
    assert result.portal is not None and len(result.portal.communes) == 12
    assert {len(c.periods) for c in result.portal.communes} == {4}
    assert len({c.xa.tinh for c in result.portal.communes}) >= 6  # spread over provinces
    assert [p.line_text() for p in result.problems] == []
    result = run_cchc("validate", tmp_path / "data")
    assert result.returncode == 0, result.stdout


def test_portal_home_lists_provinces_and_each_province_page_compares_its_communes(portal):
    site = portal / "site"
    home = soup(site / "index.html")
    provinces = {a.get_text(): a["href"] for a in home.select("table tbody th a")}
    assert len(provinces) >= 2
    communes = sorted(p.name for p in (portal / "data" / "xa").iterdir())
    key_figures = read_portal(portal / "data").portal.catalog.key_figures.trang_chu
    seen = []
    for href in provinces.values():
        page = soup(site / href / "index.html")
        rows = page.select("table tbody tr")
        assert page.find("table").caption.get_text().count("2026") == 1  # one period compared, the latest
        for row in rows:
            seen.append(row.th.a["href"].strip("/").split("/")[-1])
            assert len(row.find_all("td")) == len(key_figures)  # the portal's key figures of that period
    assert sorted(seen) == communes


def test_commune_reports_are_listed_newest_first_and_linked_in_sequence(portal):
    site = portal / "site"
    commune = sorted((portal / "data" / "xa").iterdir())[0].name
    listing = [a.get_text() for a in soup(site / commune / "bao-cao" / "index.html").select(".cchc-periods a")]
    assert listing == [f"Báo cáo kết quả CCHC {title}" for title in ("Năm 2026", "Quý III năm 2026", "6 tháng năm 2026")]  # not "Năm năm 2026"
    middle = soup(site / commune / "bao-cao" / "2026-q3" / "index.html")
    assert middle.find("a", rel="prev")["href"] == "../2026-h1/"
    assert middle.find("a", rel="next")["href"] == "../2026-nam/"


def test_history_page_has_accessible_charts_with_their_data(portal):
    commune = sorted((portal / "data" / "xa").iterdir())[0].name
    page = soup(portal / "site" / commune / "lich-su" / "index.html")
    charts = page.select("figure.cchc-chart svg")
    model = read_portal(portal / "data").portal
    periods = [(p, compute(p)) for c in model.communes if c.slug == commune for p in c.periods]
    shown = [chart for chart in model.catalog.key_figures.lich_su  # a chart none of whose figures the template has is left out
             if any(s.so_lieu in p.template.key_rows for s in chart.chuoi for p, _ in periods)]
    drawable = [chart for chart in shown if any(figures.value(p.template.key_rows[s.so_lieu].ma) is not None
                                                for s in chart.chuoi for p, figures in periods if s.so_lieu in p.template.key_rows)]
    assert len(drawable) >= 3 and len(charts) == len(drawable)
    # one whose figures no period reports says so in words (the synthetic data leaves some blank at random)
    assert page.get_text().count("Chưa kỳ báo cáo nào có số liệu này.") == len(shown) - len(drawable)
    for svg in charts:
        assert svg["role"] == "img"
        ids = svg["aria-labelledby"].split()
        assert page.find(id=ids[0]).name == "title" and page.find(id=ids[1]).name == "desc"
    tables = page.select(".cchc-table table")
    assert len(tables) == len(drawable) and all(len(t.select("tbody tr")) == 3 for t in tables)
    assert not page.select("article script")


def test_no_page_lists_every_commune_in_its_navigation(portal):
    site = portal / "site"
    communes = [p.name for p in (portal / "data" / "xa").iterdir()]
    for html in [site / "index.html", *site.glob("*/thu-tuc/index.html")]:
        nav = soup(html).select_one("nav.md-nav--primary")
        links = {a["href"].rstrip("/").split("/")[-1] for a in nav.find_all("a", href=True)} if nav else set()
        assert not set(communes) <= links, html


def test_the_site_navigation_lists_no_commune_and_each_commune_page_has_its_own_menu(portal):
    site = portal / "site"
    commune = sorted((portal / "data" / "xa").iterdir())[0].name
    page = soup(site / commune / "thong-bao" / "index.html")
    primary = page.select_one("nav.md-nav--primary")
    hrefs = [a["href"] for a in primary.find_all("a", href=True)]
    assert not any(commune in h for h in hrefs)
    crumbs = [a.get_text() for a in page.select(".cchc-breadcrumb a")]
    assert crumbs[0] == "Trang chủ" and len(crumbs) == 3
    menu = {a.get_text(): a["href"] for a in page.select(".cchc-commune-nav li a")}
    assert menu["Thủ tục hành chính"] == "../thu-tuc/" and menu["Diễn biến qua các kỳ"] == "../lich-su/"


def test_long_generation_reports_progress_in_plain_lines(tmp_path):
    synthesize(3, 1, tmp_path / "data", DATA, seed=2)
    result = run_cchc("render", "--data", tmp_path / "data", "--docs", tmp_path / "content")
    assert result.returncode == 0
    assert [line for line in result.stderr.splitlines() if line.startswith("cchc:")] == [
        "cchc: đang sinh trang các xã: 1/3",
        "cchc: đang sinh trang các xã: 2/3",
        "cchc: đang sinh trang các xã: 3/3",
    ]


def test_editing_one_commune_rewrites_only_that_commune_and_the_portal_wide_files(tmp_path):
    data, docs = tmp_path / "data", tmp_path / "content"
    synthesize(3, 2, data, DATA, seed=4)
    from generator.pipeline.build import generate

    generate(data, docs)
    edited = sorted((data / "xa").iterdir())[0]
    period = sorted(edited.glob("20*.yaml"))[-1]
    period.write_text(period.read_text(encoding="utf-8").replace("ngay_ghi: ", "ngay_ghi: Sửa - ", 1), encoding="utf-8")
    report = generate(data, docs).report
    assert report.written and report.removed == []
    outside = [p for p in report.written if not p.startswith(edited.name + "/")]
    assert outside == ["du-lieu/toan-bo.json"]  # the one file that holds every commune's whole data
    assert all(p.startswith(edited.name + "/") for p in report.written if p not in outside)
