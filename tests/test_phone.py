"""The citizen's phone (issue 24): at 360 px every table reads whole without sideways scrolling, the portal's name is
not cut, the ≡ drawer leads back to the commune, and what the pages say: one period per province comparison, no chart
without a line, blanks that do not look like figures, the unit's own kind. Real site, real MkDocs, real Chromium."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import PHONE, page_paths

# Each table of a page's main content: wider than its box, or reaching past the screen's right edge.
WIDE_TABLES_JS = """width => [...document.querySelectorAll('main table')].filter(t => {
  const box = t.parentElement.getBoundingClientRect(), r = t.getBoundingClientRect();
  return r.width > box.width + 0.5 || r.right > width + 0.5 || t.scrollWidth > t.clientWidth + 1
    || [...t.querySelectorAll('th, td')].some(c => c.getClientRects().length && c.getBoundingClientRect().right > width + 0.5);
}).map(t => (t.caption ? t.caption.textContent.trim().slice(0, 50) : 'table') + ': '
  + Math.round(t.getBoundingClientRect().width) + ' px in ' + Math.round(t.parentElement.getBoundingClientRect().width))"""


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text().split())


def test_no_table_is_wider_than_its_box_on_a_phone(site, served_site, browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    wide, tables = [], 0
    for path in page_paths(site):
        page.goto(served_site + path)
        tables += page.locator("main table").count()
        wide += [f"/{path}: {t}" for t in page.evaluate(WIDE_TABLES_JS, PHONE["viewport"]["width"])]
    context.close()
    assert tables > 10 and not wide, "tables wider than the phone:\n" + "\n".join(wide)


def test_each_appendix_row_reads_whole_on_a_phone_with_its_columns_named(site, served_site, browser):
    """Code, label, value with its unit and note, all on the screen; the header row is there for screen readers."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(served_site + "phu-giao/bao-cao/2025-q3/phu-luc/")
    row = page.locator("#chi-tieu-7")
    assert row.locator("td").first.inner_text() == "7"
    # Each cell named by its column: CSS generated content (data-label), which the accessibility tree reads out.
    read = row.aria_snapshot()
    assert 'cell "Số liệu: 94,3 %"' in read and 'cell "Ghi chú: Tính từ 2.602/2.760.' in read, read
    for part in (row, row.locator("th"), row.locator("td.so"), row.locator("td").last):
        box = part.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert 'columnheader "Ghi chú"' in page.locator("table.cchc-indicators").aria_snapshot()  # kept for screen readers
    context.close()


def test_the_portal_s_name_is_whole_in_the_header_on_a_phone(served_site, browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(served_site + "thinh-duc/thu-tuc/")
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert name.inner_text() == "Công khai kết quả cải cách hành chính"
    cut = page.evaluate("""() => { const e = document.querySelector('.md-header__topic .md-ellipsis'),
      h = document.querySelector('.md-header').getBoundingClientRect(), r = e.getBoundingClientRect();
      return e.scrollWidth > e.clientWidth || r.right > h.right || r.bottom > h.bottom || r.top < h.top; }""")
    assert not cut
    context.close()


def test_the_drawer_leads_back_to_the_commune_and_its_sections(served_site, browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(served_site + "na-ri/thu-tuc/")
    drawer = page.locator("nav.md-nav--primary .cchc-drawer-commune")
    assert [a.strip() for a in drawer.locator("a").all_inner_texts()] == [
        "Xã Na Rì", "Thủ tục hành chính", "Phản ánh, kiến nghị", "Thông báo", "Kế hoạch", "Báo cáo", "Diễn biến qua các kỳ"]
    assert drawer.locator("[aria-current=page]").inner_text().strip() == "Thủ tục hành chính"
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_timeout(400)  # the drawer slides in
    link = drawer.get_by_role("link", name="Báo cáo")
    box = link.bounding_box()
    assert 0 <= box["x"] < 360 and box["y"] + box["height"] <= PHONE["viewport"]["height"]
    link.click()
    page.wait_for_url("**/na-ri/bao-cao/")
    context.close()


def test_a_blank_key_figure_does_not_look_like_a_value_and_is_still_read_out(served_site, browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(served_site + "phu-lien/")
    value = page.locator(".cchc-key-value").first
    blank = page.locator(".cchc-key-blank").first
    assert blank.inner_text() == "Không có số liệu"
    style = "e => [parseFloat(getComputedStyle(e).fontSize), getComputedStyle(e).fontWeight, getComputedStyle(e).color]"
    (value_size, _, value_colour), (blank_size, blank_weight, blank_colour) = value.evaluate(style), blank.evaluate(style)
    assert blank_size < value_size * 0.7 and int(blank_weight) < 700 and blank_colour != value_colour
    assert "Không có số liệu" in page.locator(".cchc-key-figures").aria_snapshot()
    context.close()


def test_a_history_of_one_period_says_its_figures_and_draws_no_chart(site):
    history = soup(site, "na-ri/lich-su")
    article = history.find("article")
    assert not article.select("svg") and not article.select("table")
    said = [text_of(li) for li in article.select("ul.cchc-chart-words li")]
    assert "Tổng số hồ sơ tiếp nhận tại Trung tâm, Quý III 2025: 813 hồ sơ" in said
    assert "Giải quyết đúng hạn, Quý III 2025: 100 %" in said


def test_wording_names_the_unit_s_own_kind_and_the_published_figures(site):
    home = text_of(soup(site, "phu-lien").find("article"))
    assert "kế hoạch CCHC của phường" in home and "của xã" not in home
    published = soup(site, "phu-giao/bao-cao/2025-q3")
    box = published.select_one("#so-lieu-chua-khop")
    assert text_of(box.summary) == "Số liệu chưa khớp trong số liệu CCHC đã công bố Quý III năm 2025 (1)"
    [row] = box.select(".cchc-mismatch-rows a")
    assert text_of(row).startswith("Tỷ lệ hồ sơ thuộc thẩm quyền") and row["href"].endswith("#chi-tieu-7")
    assert " 7 ." not in text_of(box) and ": 7." not in text_of(box)
    for path in page_paths(site):  # no page of a phường calls it a xã in its own sentences
        if path.startswith("phu-lien/"):
            article = soup(site, path.rstrip("/")).find("article")
            assert " xã đã công bố" not in text_of(article) and "của xã " not in text_of(article), path
