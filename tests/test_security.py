"""Hostile data: text stays text, odd Unicode is tamed, bad YAML fails fast, nothing loads from other hosts.

A clerk pastes from Word, e-mail and web pages; a file may be damaged or written by someone who means harm.
Whatever is in data/, a citizen's browser must only ever see it as text, and `cchc validate` must answer
quickly in Vietnamese. Payloads go into a copy of the shipped data with plain text edits; the real
`mkdocs build --strict` or the real `cchc` command is run; the result is read with BeautifulSoup.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT, built_project, edit, run_cchc, serve
from generator.write import csp
from generator.pipeline.build import generate
from generator.render.pages import make_env

XA = "xa/thinh-duc"
PERIOD = f"{XA}/2024-q1.yaml"
PROFILE = f"{XA}/thong-tin.yaml"
PROCEDURES = f"{XA}/thu-tuc.yaml"
LIMIT = 10.0  # seconds: what "answers quickly" means for one `cchc validate`

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
DIV = "<div>raw</div>"
MD = "**bold** *em* # heading | a | b |"
JS_LINK = "[x](javascript:alert(1))"
BACKTICKS = "`code` ``x``"
JINJA = "{{ 7*7 }}"
JINJA_BLOCK = "{% if %}"
ATTR = '{: onclick="x" }'
TABLE_LINES = "| c | d |\n|---|---|\n| e | f |"
PAYLOADS = [SCRIPT, IMG, DIV, MD, JS_LINK, BACKTICKS, "> quoted", "- item", JINJA, JINJA_BLOCK, ATTR, "a\n\n" + TABLE_LINES]

# What a hostile value in each field becomes on the page: every whitespace run is one space.
COMMUNE_NAME = f"{SCRIPT} {JINJA}"
OFFICE_NAME = f"{MD} {ATTR}"  # a Markdown heading (## …) on the home page
POSTED_ITEM = f"{BACKTICKS} {JINJA_BLOCK} {IMG}"
CHANNEL_NOTE = f"{ATTR} {SCRIPT}"
PROCEDURE_NAME = f"{SCRIPT} **bold** {JINJA}"
PLAN_SUMMARY = f"{IMG}\n\n{TABLE_LINES}"  # ends in a table cell
NOTICE_SUMMARY = f"{DIV} {ATTR} {JS_LINK}"  # a plain field: the link stays text
SECTION_TITLE = f"{IMG} # heading {ATTR}"  # a Markdown heading (### …) in the report
PARAGRAPH = f"{SCRIPT} {DIV} *em* # heading | a | b | `{JINJA}` {JINJA_BLOCK}"  # free text (richtext)
QUOTE_PARAGRAPH = f"> trích dẫn {ATTR}"
RECIPIENTS = [JS_LINK, "> trích", "- gạch", "``x``"]
INDICATOR_NOTE = f"| a | b |\n| --- | --- |\n{IMG}"  # ends in a table cell

# Material's own inline scripts (their text holds the page's relative root) and its JSON config.
MATERIAL_INLINE = ("__md_scope=new URL(", "var target=document.getElementById(location.hash.slice(1))")
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)  # any scheme or protocol-relative: not our own relative URL


# --- helpers -----------------------------------------------------------------


def q(text: str) -> str:
    """A YAML double-quoted scalar holding text exactly (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url: str) -> BeautifulSoup:
    return soup_of(site / url / "index.html")


def text_of(node) -> str:
    return " ".join(node.get_text().split())


def flat(text: str) -> str:
    return " ".join(text.split())


def inline_script_ok(tag) -> bool:
    if tag.get("src"):
        # the search page's own, and a procedure page's (the commune's centre)
        return not EXTERNAL.match(tag["src"]) and tag["src"].endswith(("assets/tim-kiem.js", "assets/noi-nop.js"))
    if tag.get("type") == "application/ld+json":  # data for search engines, never run: it must stay one JSON value
        json.loads(tag.string or "")
        return "<" not in (tag.string or "")
    return (tag.string or "").startswith(MATERIAL_INLINE)


def assert_no_markup_from_data(soup: BeautifulSoup, where) -> None:
    for tag in soup.find_all("script"):
        assert inline_script_ok(tag), (where, str(tag)[:200])
    for tag in soup.find_all(True):
        handlers = [a for a in tag.attrs if a.lower().startswith("on")]
        assert not handlers, (where, str(tag)[:200])
    assert not soup.find_all("img", src="x"), where
    for a in soup.find_all("a", href=True):
        href = re.sub(r"[\s\x00-\x1f]", "", a["href"]).lower()
        assert not href.startswith(("javascript:", "data:", "vbscript:")), (where, a["href"])
    assert not soup.find_all(["iframe", "object", "embed", "base"]), where
    assert not soup.find("meta", attrs={"http-equiv": re.compile("refresh", re.I)}), where
    article = soup.find("article")
    if article is not None:
        assert not article.find_all(["iframe", "object", "embed", "form", "base", "style", "link", "meta"]), where


def table_shapes(soup: BeautifulSoup) -> list:
    return [[len(tr.find_all(["td", "th"])) for tr in table.find_all("tr")] for table in soup.select("article table")]


def policy_of(soup: BeautifulSoup) -> str:
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return meta["content"] if meta else ""


def sha256(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


# --- 1. text stays text --------------------------------------------------------


def write_hostile_data(data: Path) -> None:
    """Payloads in plain fields, free-text fields, table cells and Markdown headings of all three commune files."""
    edit(data, PROFILE, "ten: Thịnh Đức\n", f"ten: {q(COMMUNE_NAME)}\n")
    edit(data, PROFILE, "  ten: Bộ phận tiếp nhận và trả kết quả UBND xã Thịnh Đức\n", f"  ten: {q(OFFICE_NAME)}\n")
    edit(data, PROFILE, "    - Mức thu phí, lệ phí công chứng, chứng thực\n", f"    - {q(POSTED_ITEM)}\n")
    edit(data, PROFILE, "    mo_ta: Gửi văn bản, gọi điện, gửi fax hoặc thư điện tử đến cơ quan tiếp nhận.\n", f"    mo_ta: {q(CHANNEL_NOTE)}\n")
    edit(data, PROCEDURES, "    ten: Thủ tục đăng ký khai sinh\n", f"    ten: {q(PROCEDURE_NAME)}\n")
    edit(data, PERIOD, "trich_yeu: Kế hoạch cải cách hành chính trên địa bàn xã Thịnh Đức năm 2024}", f"trich_yeu: {q(PLAN_SUMMARY)}}}")
    edit(
        data, PERIOD,
        "    trich_yeu: Niêm yết công khai số điện thoại tiếp nhận phản ánh, kiến nghị về thi hành công vụ của cán bộ, công chức\n",
        f"    trich_yeu: {q(NOTICE_SUMMARY)}\n",
    )
    edit(data, PERIOD, "          tieu_de: Những tồn tại, hạn chế trong thực hiện cải cách hành chính\n", f"          tieu_de: {q(SECTION_TITLE)}\n")
    edit(
        data, PERIOD,
        "            - Tỷ lệ hồ sơ phát sinh được tiếp nhận bằng hình thức trực tuyến tại cơ quan chưa đạt theo Kế hoạch đề ra.\n",
        f"            - {q(PARAGRAPH)}\n"
        f"            - {q(QUOTE_PARAGRAPH)}\n"
        # An outside link written in capitals (allowed: the scheme is https).
        f"            - {q('Xem [Cổng Dịch vụ công](HTTPS://dichvucong.gov.vn).')}\n",
    )
    edit(data, PERIOD, '    - "Lưu: VP."\n', '    - "Lưu: VP."\n' + "".join(f"    - {q(r)}\n" for r in RECIPIENTS))
    edit(
        data, PERIOD,
        '"2.2": {gia_tri: , ghi_chu_cong: "Báo cáo ghi “-” ở cả đơn vị tính và số liệu."}',
        f'"2.2": {{gia_tri: , ghi_chu: {q(INDICATOR_NOTE)}}}',
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The shipped portal with payloads in its text fields, built once by the real `mkdocs build --strict`."""
    tmp = tmp_path_factory.mktemp("hostile")
    data = tmp / "data"
    shutil.copytree(DATA, data)
    write_hostile_data(data)
    return built_project(tmp, data) / "site"


def assert_no_page_gets_markup_from_data(site: Path, at_least: int) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= at_least
    for html in pages:
        assert_no_markup_from_data(soup_of(html), html.relative_to(site))


def test_hostile_text_never_becomes_markup_on_any_page(hostile_site):
    assert_no_page_gets_markup_from_data(hostile_site, 9)


def test_hostile_text_is_shown_letter_for_letter(hostile_site):
    home = page(hostile_site, "thinh-duc")
    assert text_of(home.find("article").h1) == f"Xã {COMMUNE_NAME}"
    assert text_of(home.find(id="mot-cua")) == OFFICE_NAME
    assert POSTED_ITEM in [text_of(li) for li in home.select("#mot-cua-niem-yet + ul li")]

    feedback = page(hostile_site, "thinh-duc/phan-anh-kien-nghi")
    assert CHANNEL_NOTE in [text_of(p) for p in feedback.select(".cchc-channel p")]

    procedures = page(hostile_site, "thinh-duc/thu-tuc")
    assert text_of(procedures.find(id="tt-1-001193")) == PROCEDURE_NAME

    plans = page(hostile_site, "thinh-duc/ke-hoach")
    row = next(tr for tr in plans.select("tbody tr") if text_of(tr.th) == "08/KH-UBND")
    assert text_of(row.find_all("td")[1]) == flat(PLAN_SUMMARY)

    notices = page(hostile_site, "thinh-duc/thong-bao")
    row = next(tr for tr in notices.select("tbody tr") if text_of(tr.th) == "25/TB-UBND")
    assert text_of(row.find_all("td")[1]) == NOTICE_SUMMARY

    report = page(hostile_site, "thinh-duc/bao-cao/2024-q1")
    body = report.find("article")
    assert f"2. {SECTION_TITLE}" in [text_of(h) for h in body.find_all("h3")]
    paragraphs = [text_of(p) for p in body.find_all("p")]
    assert PARAGRAPH in paragraphs and QUOTE_PARAGRAPH in paragraphs
    recipients = [text_of(li) for li in body.select(".cchc-recipients li")]
    assert recipients[-len(RECIPIENTS):] == RECIPIENTS
    appendix = page(hostile_site, "thinh-duc/bao-cao/2024-q1/phu-luc")
    note = appendix.find(id="chi-tieu-2-2").find_all("td")[-1]
    assert text_of(note) == flat(INDICATOR_NOTE)

    # The home page's JSON-LD (schema.org) carries the name as JSON text, inside its one script element.
    jsonld = [json.loads(t.string) for t in home.find_all("script", type="application/ld+json")]
    assert [d["name"] for d in jsonld] == [f"Ủy ban nhân dân xã {COMMUNE_NAME}"]

    everything = text_of(body) + text_of(home) + text_of(procedures)
    assert SCRIPT in everything and JINJA in everything and JINJA_BLOCK in everything
    assert "Xã 49" not in everything and "bold 49" not in text_of(procedures)


def test_hostile_text_keeps_every_table_the_same_shape(hostile_site, site):
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site)
        assert table_shapes(soup_of(hostile_site / rel)) == table_shapes(soup_of(html)), rel


def test_search_results_show_hostile_text_as_text(hostile_site, browser):
    """Pagefind keeps a page's text as text; the search page shows it letter for letter and runs none of it."""
    with serve(hostile_site) as base:
        context = browser.new_context()
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{base}tim-kiem/?q=alert&xa=thinh-duc")  # as sent by the search box on the commune's pages
        page.locator("#cchc-search-results li").first.wait_for()
        results = page.locator("#cchc-search-results")
        shown = results.inner_text()
        assert SCRIPT in shown and "javascript:alert(1)" in shown
        assert results.locator("script, img, iframe, div").count() == 0
        assert results.locator("mark").count() >= 1  # Pagefind's marks are kept, as elements of our own
        page.wait_for_timeout(300)
        assert dialogs == []
        context.close()


def test_outside_links_typed_in_capitals_still_carry_noopener(hostile_site):
    report = page(hostile_site, "thinh-duc/bao-cao/2024-q1")
    link = report.find("a", string="Cổng Dịch vụ công")
    assert link is not None and link["href"].lower() == "https://dichvucong.gov.vn"
    assert "noopener" in link.get("rel", [])


@pytest.mark.parametrize(
    "rel, old, written",
    [
        (PERIOD, "            - Tỷ lệ hồ sơ phát sinh", "            - " + q("Xem " + JS_LINK) + "\n            - Tỷ lệ hồ sơ phát sinh"),
        (PERIOD, "  mo_dau: >-\n", "  mo_dau: " + q("<JavaScript:alert(1)>") + "\n  mo_dau_cu: >-\n"),
        (PROFILE, "  gioi_thieu: >-\n", "  gioi_thieu: " + q("[x](DATA:text/html,<script>alert(1)</script>)") + "\n  gioi_thieu_cu: >-\n"),
    ],
    ids=["report-paragraph", "report-opening-autolink", "office-introduction-data-url"],
)
def test_a_script_link_in_free_text_is_refused_with_its_line(data_dir, rel, old, written):
    path = edit(data_dir, rel, old, written)
    # Drop the old key the replacement kept aside (mo_dau_cu / gioi_thieu_cu), so only the link is wrong.
    text = re.sub(r"\n  (mo_dau_cu|gioi_thieu_cu): >-\n(    .*\n)+", "\n", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "alert(1)" in ln)
    started = time.monotonic()
    result = run_cchc("validate", data_dir)
    assert time.monotonic() - started < LIMIT
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Traceback" not in out
    errors = [ln for ln in out.splitlines() if "LỖI" in ln]
    assert len(errors) == 1, out
    assert re.search(rf"{re.escape(rel)}:{line}:\d+: LỖI .*liên kết `[^`]*alert\(1[^`]*` không được phép", errors[0]), errors


def test_a_note_in_the_csv_download_is_text_not_a_formula(data_dir, tmp_path):
    formula = '=HYPERLINK("https://example.invalid/","Bấm vào đây")'
    edit(data_dir, PERIOD, '"2.2": {gia_tri: , ghi_chu_cong: "Báo cáo ghi “-” ở cả đơn vị tính và số liệu."}',
         f'"2.2": {{gia_tri: , ghi_chu: {q(formula)}}}')
    generate(data_dir, tmp_path / "content")
    content = tmp_path / "content"
    downloads = [*sorted((content / "thinh-duc").rglob("*chi-tieu.csv")), content / "du-lieu" / "toan-bo-chi-tieu.csv"]
    assert len(downloads) >= 3  # the period's, the commune's, the portal's
    for path in downloads:
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        note = next(r["ghi_chu"] for r in rows if r["ma"] == "2.2" and r["xa"] == "thinh-duc")
        assert formula[1:] in note, path  # the text is kept…
        assert not note.startswith(("=", "+", "-", "@", "\t", "\r")), (path, note)  # …but cannot run


# --- a second commune, and the period names of the catalogue ----------------------


@pytest.fixture(scope="module")
def two_commune_site(tmp_path_factory) -> Path:
    """Two communes (so each has its own home page), the second named with a payload; a period kind too."""
    tmp = tmp_path_factory.mktemp("two")
    data = tmp / "data"
    shutil.copytree(DATA, data)
    shutil.copytree(data / XA, data / "xa" / "thinh-duc-2")
    edit(data, "xa/thinh-duc-2/thong-tin.yaml", "ten: Thịnh Đức\n", f"ten: {q('</title><script>alert(1)</script>')}\n")
    edit(data, "danh-muc/ky-bao-cao.yaml", "ten: Quý I\n", f"ten: {q('Quý I </title><img src=x onerror=alert(2)>')}\n")
    return built_project(tmp, data) / "site"


def test_a_commune_name_cannot_leave_the_browser_tab_title(two_commune_site):
    # Material's own <title> is `page.title | striptags`, which unescapes; the theme override must escape instead.
    soup = page(two_commune_site, "thinh-duc-2")
    assert_no_markup_from_data(soup, "thinh-duc-2/")
    titles = soup.head.find_all("title")
    assert len(titles) == 1 and "</title><script>alert(1)</script>" in titles[0].get_text()
    assert text_of(soup.find("article").h1) == "Xã </title><script>alert(1)</script>"


def test_a_period_name_cannot_leave_the_browser_tab_title(two_commune_site):
    for url in ("thinh-duc/bao-cao/2024-q1", "thinh-duc-2/bao-cao/2024-q1"):
        soup = page(two_commune_site, url)
        assert_no_markup_from_data(soup, url)
        assert "Quý I </title><img src=x onerror=alert(2)>" in soup.head.title.get_text()


def test_no_page_of_a_two_commune_portal_gets_markup_from_data(two_commune_site):
    assert_no_page_gets_markup_from_data(two_commune_site, 16)


def test_the_page_policy_does_not_allow_a_smuggled_script(site):
    html = (site / "thinh-duc" / "thu-tuc" / "index.html").read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    own = [s.string for s in BeautifulSoup(html, "html.parser").find_all("script") if s.string and not s.get("type")]
    smuggled = html.replace("<article", "<script>alert(1)</script><article", 1)
    policy = policy_of(BeautifulSoup(csp.add_policy(smuggled), "html.parser"))
    assert all(sha256(body) in policy for body in own)  # the theme's own scripts still run
    assert sha256("alert(1)") not in policy


# --- more ways data reaches markup -------------------------------------------------


def test_a_blank_heading_never_shows_markdown_syntax(data_dir, tmp_path):
    edit(data_dir, PROFILE, "  ten: Bộ phận tiếp nhận và trả kết quả UBND xã Thịnh Đức\n", '  ten: ""\n')
    validate = run_cchc("validate", data_dir)
    if validate.returncode == 1:  # refused: fine, if the clerk is told what is empty
        assert "bo_phan_mot_cua.ten" in validate.stdout and "Traceback" not in validate.stdout
        return
    generate(data_dir, tmp_path / "content")
    home = (tmp_path / "content" / "index.md").read_text(encoding="utf-8")
    html = markdown.Markdown(extensions=["attr_list", "toc"]).convert(home)
    assert "{#" not in BeautifulSoup(html, "html.parser").get_text()


# --- 2. properties: any text, through the template environment and Markdown --------

ENV = make_env()
HEADING_PAGE = ENV.from_string("<p>{{ v }}</p>\n\n## {{ v }} {#x}\n")
RICHTEXT = ENV.from_string('{% import "_macros.md.j2" as m %}{{ m.richtext(v) }}')
# Characters that HTML, Markdown, attr_list, toc or Jinja act on, densely, so odd neighbours meet often.
SIGNIFICANT = "<>&\"'`*_{}[]()#!|~^$\\-+=.:;/%@ 019ax" + "\n\t\r\x0b\x0c\u00a0\u2028" + "\x00\x02\x03"
RICH_PIECES = ["[a](https://x.vn)", "<https://x.vn/a?b=1&c=2>", "[b](javascript:alert(1))", "<tel:0208>",
               "<mailto:a@b.vn>", "[c](HTTP://x.vn)", "- ", "+ ", "• ", "1. ", "7) ", "\n", "\n\n", "**", "**d**"]


def hostile_text(extra: list[str] = ()) -> st.SearchStrategy[str]:
    pieces = st.sampled_from(PAYLOADS + list(extra))
    return st.one_of(
        st.text(),
        pieces,
        st.text(alphabet=SIGNIFICANT),
        st.lists(st.one_of(st.text(max_size=6), st.text(alphabet=SIGNIFICANT, max_size=6), pieces), max_size=8).map("".join),
    )


class Elements(HTMLParser):
    """Every element with its attributes and its text, and any text outside all elements."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[list] = []  # [tag, attrs, text]
        self.open: list[int] = []
        self.stray = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append([tag, attrs, ""])
        if tag not in ("br", "img", "hr", "input", "meta", "link"):
            self.open.append(len(self.elements) - 1)

    def handle_startendtag(self, tag, attrs):
        self.elements.append([tag, attrs, ""])

    def handle_endtag(self, tag):
        if self.open:
            self.open.pop()

    def handle_data(self, data):
        for i in self.open:
            self.elements[i][2] += data
        if not self.open:
            self.stray += data


def to_html(text: str) -> str:
    """Python-Markdown with mkdocs.yml's extensions, as MkDocs converts each page."""
    return markdown.Markdown(extensions=["attr_list", "toc"]).convert(text)


def shown(text: str) -> str:
    """What a reader should see of text: control characters aside, whitespace runs as one space."""
    return " ".join("".join(c for c in text if c.isspace() or unicodedata.category(c) != "Cc").split())


# 1200 examples per property (about 5 s each on 2 cores; hypothesis's default is 100).
@settings(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text())
def test_any_text_in_a_paragraph_and_a_heading_stays_exactly_that_text(v):
    if not shown(v):
        return  # a blank heading: see test_a_blank_heading_never_shows_markdown_syntax
    html = to_html(HEADING_PAGE.render(v=v))
    parsed = Elements(html)
    assert [(tag, attrs) for tag, attrs, _ in parsed.elements] == [("p", []), ("h2", [("id", "x")])], html
    assert shown(parsed.elements[0][2]) == shown(v), html
    assert shown(parsed.elements[1][2]) == shown(v), html
    assert not parsed.stray.strip(), html


ALLOWED_ATTRS = {"p": set(), "ul": set(), "ol": {"start"}, "li": set(), "strong": set(), "a": {"href", "rel"}}


@settings(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text(RICH_PIECES))
def test_free_text_only_ever_yields_paragraphs_lists_bold_and_safe_links(v):
    html = to_html(RICHTEXT.render(v=v))
    parsed = Elements(html)
    for tag, attrs, _ in parsed.elements:
        assert tag in ALLOWED_ATTRS, html
        assert {name for name, _ in attrs} <= ALLOWED_ATTRS[tag], html
        if tag == "a":
            href = dict(attrs)["href"]
            assert href.lower().startswith(("http://", "https://", "tel:", "mailto:")), html
        if tag == "ol" and dict(attrs).get("start") is not None:
            assert dict(attrs)["start"].isdigit(), html
    assert not parsed.stray.strip(), html


# --- 3. Unicode -----------------------------------------------------------------------


def test_decomposed_unicode_data_gives_byte_identical_pages(tmp_path):
    composed, decomposed = tmp_path / "nfc", tmp_path / "nfd"
    shutil.copytree(DATA, composed)
    shutil.copytree(DATA, decomposed)
    changed = 0
    for path in sorted((decomposed / "xa").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        nfd = unicodedata.normalize("NFD", text)
        changed += nfd != text
        path.write_text(nfd, encoding="utf-8")
    assert changed >= 3  # thong-tin, thu-tuc, 2024-q1: all Vietnamese text
    first = generate(composed, tmp_path / "out-nfc")
    second = generate(decomposed, tmp_path / "out-nfd")

    def files(folder: Path) -> dict:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    a, b = files(tmp_path / "out-nfc"), files(tmp_path / "out-nfd")
    assert sorted(a) == sorted(b)
    assert len(a) >= 7
    for name in a:
        assert a[name] == b[name], name
    assert [p.path for p in first.pages] == [p.path for p in second.pages]
    assert first.nav == second.nav
    assert not [p for p in second.problems if not p.acknowledged]


def test_invisible_and_control_characters_are_removed_with_a_warning_naming_the_field(data_dir, tmp_path):
    edit(data_dir, PROFILE, "ten: Thịnh Đức\n", "ten: Thịnh\u200b Đức\n")  # zero-width space, typed raw
    edit(data_dir, PROFILE, "tinh: Thái Nguyên\n", 'tinh: "Thái Nguyên\\a"\n')  # BEL, written as a YAML escape
    edit(data_dir, PERIOD, "    - TT ĐU, TT HĐND xã;\n", "    - TT ĐU, TT HĐND xã;\u202e\n")  # right-to-left override
    result = run_cchc("validate", data_dir)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    warnings = [ln for ln in out.splitlines() if "CẢNH BÁO" in ln]
    assert len(warnings) == 3, out
    for where in (f"{PROFILE}:3:", f"{PROFILE}:5:", f"{PERIOD}:"):
        assert any(where in ln for ln in warnings), (where, warnings)
    for field in ("[ten]", "[tinh]", "[bao_cao.noi_nhan[2]]"):
        line = next(ln for ln in warnings if field in ln)
        assert "ký tự điều khiển hoặc ký tự vô hình" in line
    generate(data_dir, tmp_path / "content")
    for md in (tmp_path / "content").rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        assert not re.search(r"[\u200b\u202e\x07]", text), md
    assert "# Xã Thịnh Đức\n" in (tmp_path / "content" / "thinh-duc" / "index.md").read_text(encoding="utf-8")


def test_a_raw_control_character_pasted_into_a_value_is_removed_with_a_warning(data_dir):
    edit(data_dir, PROFILE, "tinh: Thái Nguyên\n", "tinh: Thái\x0b Nguyên\n")
    result = run_cchc("validate", data_dir)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert re.search(rf"{re.escape(PROFILE)}:5:\d+: CẢNH BÁO \[tinh\]: .*ký tự điều khiển hoặc ký tự vô hình", out), out


# --- 4. hostile YAML -----------------------------------------------------------------------


def laughs() -> bytes:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for prev, name in zip("abcdefgh", "bcdefghi"):
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]\n"
    return text.encode()


def duplicate_key(original: bytes) -> bytes:
    return original.replace(b"loai_ky: q1\n", b"loai_ky: q1\nnam: 2025\n", 1)


def bad_utf8(original: bytes) -> bytes:
    return original.replace("Hoàng Văn Thâm".encode(), "Hoàng Văn Thâm".encode("cp1258"), 1)


HOSTILE_FILES = {
    # id: (what the period file becomes, words of the expected message, position)
    "billion-laughs-aliases": (lambda _: laughs(), "tệp có quá nhiều giá trị", r":\d+:\d+:"),
    "10000-deep-flow-list": (lambda _: b"nam: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", "lồng nhau quá sâu", ":1:\\d+:"),
    "10000-deep-block-list": (lambda _: b"nam:\n  " + b"- " * 10_000 + b"x\n", "lồng nhau quá sâu", r":[12]:\d+:"),
    "3-mb-file": (lambda _: b"nam: 2024\n# " + b"x" * (3 * 1024 * 1024) + b"\n", "tệp quá lớn", ":1:1:"),
    "binary-with-nul": (lambda _: bytes(range(256)) * 16, "tệp không phải văn bản", ":1:1:"),
    "empty-file": (lambda _: b"", "tệp rỗng", ":1:1:"),
    "only-comments": (lambda _: "# chưa nhập\n".encode(), "tệp rỗng", ":1:1:"),
    "a-list-not-a-mapping": (lambda _: b"- nam: 2024\n- loai_ky: q1\n", "không phải một danh sách", ":1:1:"),
    "duplicate-key": (duplicate_key, "khóa `nam` bị lặp (đã có ở dòng 4)", ":6:1:"),
    "invalid-utf8": (bad_utf8, "không lưu ở mã UTF-8", ":253:1:"),
}


@pytest.mark.parametrize("case", HOSTILE_FILES, ids=list(HOSTILE_FILES))
def test_a_hostile_period_file_gets_a_quick_clear_vietnamese_error(data_dir, case):
    make, expected, position = HOSTILE_FILES[case]
    path = data_dir / PERIOD
    path.write_bytes(make(path.read_bytes()))
    started = time.monotonic()
    result = run_cchc("validate", data_dir)
    elapsed = time.monotonic() - started
    out = result.stdout + result.stderr
    assert elapsed < LIMIT, f"{elapsed:.1f} s"
    assert result.returncode == 1, out
    assert "Traceback" not in out and not re.search(r"[A-Z]\w*Error\b", out), out
    assert re.search(re.escape(PERIOD) + position + " LỖI", out), out
    assert expected in out, out
    assert "1 lỗi" in out.splitlines()[-1]


PYTHON_TAG = '!!python/object/apply:os.system ["echo hi > {marker}"]'


@pytest.mark.parametrize(
    "rel, old, new",
    [
        pytest.param(PROFILE, "ten: Thịnh Đức\n", "ten: !!python/name:os.system\n", id="on-a-text"),
        pytest.param(PERIOD, "  noi_nhan:\n", "  noi_nhan: " + PYTHON_TAG + "\n  nhan_cu:\n", id="on-a-list"),
        pytest.param(PROFILE, "bo_phan_mot_cua:\n", "bo_phan_mot_cua: !!python/object:os.system\n", id="on-a-mapping"),
    ],
)
def test_a_python_tag_is_refused_and_never_run(data_dir, tmp_path, rel, old, new):
    marker = tmp_path / "ran"
    path = edit(data_dir, rel, old, new.replace("{marker}", str(marker)))
    # The original recipients list, kept aside under nhan_cu, goes: only the tag is left to find.
    path.write_text(re.sub(r"  nhan_cu:\n(    - .*\n)+", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    started = time.monotonic()
    result = run_cchc("validate", data_dir)
    out = result.stdout + result.stderr
    assert time.monotonic() - started < LIMIT
    assert not marker.exists()
    assert "Traceback" not in out
    assert result.returncode == 1, out
    assert re.search(r"LỖI .*thẻ YAML `[^`]*python[^`]*` không được phép", out), out


def write_long_aliases(data: Path) -> None:
    """One 1.5 MB text, aliased 10,000 times: under the 2 MB and the 200,000-value limits."""
    (data / PERIOD).write_bytes(b"a: &a " + b"x" * 1_500_000 + b"\nb: [" + b",".join([b"*a"] * 10_000) + b"]\n")


def write_brackets(data: Path) -> None:
    """A report paragraph of 100,000 '[' (a 100 kB paste)."""
    edit(data, PERIOD, "            - Tỷ lệ hồ sơ phát sinh", "            - " + q("[" * 100_000) + "\n            - Tỷ lệ hồ sơ phát sinh")


@pytest.fixture(scope="module")
def slow_validations(tmp_path_factory):
    """Both slow cases validated side by side (one per core), so the bound costs LIMIT once, not twice."""
    runs = {}
    for name, write in (("aliases", write_long_aliases), ("brackets", write_brackets)):
        data = tmp_path_factory.mktemp(name) / "data"
        shutil.copytree(DATA, data)
        write(data)
        process = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "validate", str(data)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
        )
        runs[name] = (time.monotonic(), process)
    yield runs
    for _, process in runs.values():
        if process.poll() is None:
            process.kill()
        process.wait()


def finished_within(run, seconds: float = LIMIT) -> tuple[int, str]:
    started, process = run
    try:
        out, _ = process.communicate(timeout=max(0.0, started + seconds - time.monotonic()))
    except subprocess.TimeoutExpired:
        pytest.fail(f"`cchc validate` still running after {seconds:.0f} s")
    return process.returncode, out


def test_aliases_of_one_long_text_are_answered_quickly(slow_validations):
    code, out = finished_within(slow_validations["aliases"])
    assert code == 1 and "Traceback" not in out


def test_a_paragraph_of_brackets_is_answered_quickly(slow_validations):
    code, out = finished_within(slow_validations["brackets"])
    assert code in (0, 1) and "Traceback" not in out


# --- 5. nothing from other hosts -------------------------------------------------------------

LOADING_ATTRS = ("src", "srcset", "poster", "data", "action", "formaction", "background")
LOADING_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "icon", "manifest"}
CSS_URL = re.compile(r"""url\(\s*['"]?(?!data:)([^'")\s]+)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?['"]?([^'")\s;]+)""", re.I)
JS_LOAD = re.compile(r"""\b(?:fetch|importScripts|sendBeacon|EventSource|WebSocket|Worker|open)\(\s*(?:["'`][A-Z]+["'`]\s*,\s*)?["'`]((?:[a-z]+:)?//[^"'`]*)""", re.I)


def test_built_pages_load_nothing_from_other_hosts(site):
    for html in sorted(site.rglob("*.html")):
        soup = soup_of(html)
        for tag in soup.find_all(True):
            for attr in LOADING_ATTRS:
                if tag.get(attr) and not tag[attr].startswith("data:"):
                    assert not EXTERNAL.match(tag[attr]), (html, str(tag)[:200])
            if tag.name == "link" and LOADING_RELS & set(tag.get("rel", [])):
                assert not EXTERNAL.match(tag["href"]), (html, str(tag)[:200])
            if tag.get("style"):
                assert not [u for u in CSS_URL.findall(tag["style"]) if EXTERNAL.match(u)], (html, tag["style"])
        refresh = soup.find("meta", attrs={"http-equiv": re.compile("refresh", re.I)})
        assert refresh is None, html
        for style in soup.find_all("style"):
            css = style.get_text()
            assert not [u for u in CSS_URL.findall(css) + CSS_IMPORT.findall(css) if EXTERNAL.match(u)], html


def test_stylesheets_and_scripts_fetch_nothing_from_other_hosts(site):
    css_files = sorted(site.rglob("*.css"))
    js_files = sorted(site.rglob("*.js"))
    assert css_files and js_files
    for css in css_files:
        text = css.read_text(encoding="utf-8")
        outside = [u for u in CSS_URL.findall(text) + CSS_IMPORT.findall(text) if EXTERNAL.match(u)]
        assert not outside, (css, outside[:3])
    for js in js_files:
        outside = JS_LOAD.findall(js.read_text(encoding="utf-8"))
        assert not outside, (js, outside[:3])


def html_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"]


def assert_policy(soup: BeautifulSoup, where) -> None:
    head = soup.head
    meta = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None, where
    first_script = head.find("script")
    assert first_script is None or meta.sourceline < first_script.sourceline or (
        meta.sourceline == first_script.sourceline and meta.sourcepos < first_script.sourcepos), where
    directives = {d.split()[0]: d.split()[1:] for d in meta["content"].split(";") if d.strip()}
    assert directives["default-src"] == ["'self'"], where
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"], where
    script_src = directives["script-src"]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, where
    assert all(s == "'self'" or s.startswith("'sha256-") for s in script_src if s != "'wasm-unsafe-eval'"), (where, script_src)
    # Only the search page runs WebAssembly (Pagefind).
    assert ("'wasm-unsafe-eval'" in script_src) == (str(where) == "tim-kiem/index.html"), where
    own = [s.string for s in soup.find_all("script") if s.string and not s.get("src") and not s.get("type")]
    assert {sha256(b) for b in own} == {s for s in script_src if s.startswith("'sha256-")}, where
    referrer = head.find("meta", attrs={"name": "referrer"})
    assert referrer is not None and referrer["content"] in ("same-origin", "no-referrer", "strict-origin"), where


def test_every_page_carries_a_strict_content_security_policy_and_referrer_policy(site):
    pages = html_pages(site)
    assert len(pages) >= 8
    for html in pages:
        assert_policy(soup_of(html), html.relative_to(site))


def test_the_not_found_page_carries_the_same_policies(site):
    assert_policy(soup_of(site / "404.html"), "404.html")


def test_outside_links_in_generated_content_carry_noopener(site):
    seen = 0
    for html in html_pages(site):
        article = soup_of(html).find("article")
        for a in article.find_all("a", href=True):
            if re.match(r"^(https?:)?//", a["href"], re.I):
                seen += 1
                assert "noopener" in a.get("rel", []), (html, str(a))
    assert seen >= 5  # the commune website, the national portal, procedure pages
