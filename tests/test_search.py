"""Search as citizens type it, in a real browser: without diacritics, with them, and "d" for "đ".

The queries run on the built site's search page (tim-kiem/?q=…) in headless Chromium, under the page's own
Content-Security-Policy, against the Pagefind index the plugin wrote.
"""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path
from urllib.parse import quote_plus

import pytest
from bs4 import BeautifulSoup

from conftest import serve, synthetic_portal

PROCEDURES = "Thủ tục hành chính – Xã Thịnh Đức"
FEEDBACK = "Phản ánh, kiến nghị – Xã Thịnh Đức"


def text_of(tag) -> str:
    return " ".join(tag.get_text().split())


# Where Thịnh Đức's citizens search: in the sample portal of four communes, from its pages (the search box sends
# `xa=thinh-duc`, so its own index is searched with the portal's); in a portal of Thịnh Đức alone, its one index.
PORTALS = {"among four communes": ("served_site", "thinh-duc"), "alone": ("served_one_commune_site", None)}


@pytest.fixture(params=sorted(PORTALS))
def thinh_duc_search(request) -> tuple[str, str | None]:
    fixture, commune = PORTALS[request.param]
    return request.getfixturevalue(fixture), commune


def search(browser, base: str, query: str, commune: str | None = None) -> dict:
    """Titles and excerpts of the results, the status line, and the bytes of the index the query fetched."""
    context = browser.new_context()
    page = context.new_page()
    fetched: dict[str, int] = {}
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfinished", lambda r: fetched.__setitem__(r.url, r.sizes()["responseBodySize"]))
    page.goto(f"{base}tim-kiem/?q={quote_plus(query)}" + (f"&xa={commune}" if commune else ""))
    status = page.locator("#cchc-search-status")
    deadline = time.monotonic() + 20
    while (status.inner_text() in ("", "Đang tìm…")) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    results = [
        {"title": item.locator("h2").inner_text(), "excerpt": item.locator("p").inner_text(),
         "href": item.locator("a").get_attribute("href"), "marks": item.locator("mark").all_inner_texts()}
        for item in page.locator("#cchc-search-results li").all()
    ]
    found = {"status": status.inner_text(), "results": results, "errors": errors,
             "index_bytes": sum(size for url, size in fetched.items() if "/pagefind/" in url),
             "box": page.locator("#cchc-q").input_value()}
    context.close()
    return found


@pytest.mark.parametrize(
    "query, first",
    [
        ("dang ky khai sinh", PROCEDURES),  # "đ" typed as "d", no tone marks
        ("Đăng ký khai sinh", PROCEDURES),
        ("thu tuc", PROCEDURES),
        ("thủ tục", PROCEDURES),
        ("phan anh kien nghi", FEEDBACK),
        ("Phản ánh, kiến nghị", FEEDBACK),
    ],
)
def test_a_query_with_or_without_diacritics_finds_the_page(browser, thinh_duc_search, query, first):
    base, commune = thinh_duc_search
    found = search(browser, base, query, commune)
    assert found["errors"] == []  # no script error, nothing refused by the page's security policy
    titles = [r["title"] for r in found["results"]]
    assert first in titles[:2], (query, titles)
    assert found["box"] == query  # the words stay in the search box, to correct them
    assert found["status"].startswith("Tìm thấy")


def test_typed_without_d_the_excerpt_shows_the_real_spelling_marked(browser, thinh_duc_search):
    base, commune = thinh_duc_search
    found = search(browser, base, "dang ky khai sinh", commune)
    procedures = next(r for r in found["results"] if r["title"] == PROCEDURES)
    assert "đăng ký khai sinh" in procedures["excerpt"].lower()
    assert [m.lower() for m in procedures["marks"]][:1] == ["đăng"]
    assert procedures["href"].endswith("/thinh-duc/thu-tuc/")


def test_the_exact_spelling_ranks_first(browser, thinh_duc_search):
    """"Báo cáo" typed with its marks: the page titled so comes before pages that only share the letters."""
    base, commune = thinh_duc_search
    titles = [r["title"] for r in search(browser, base, "báo cáo kết quả", commune)["results"]]
    assert titles[0].startswith("Báo cáo")


def test_a_word_that_is_nowhere_says_so(browser, thinh_duc_search):
    base, commune = thinh_duc_search
    found = search(browser, base, "xyzzy", commune)
    assert found["results"] == [] and found["status"] == "Không tìm thấy trang nào có “xyzzy”."


def test_one_query_downloads_little(browser, thinh_duc_search):
    """Library, index chunks and the excerpts of the first ten results (measured at scale in generator/README.md, "Search")."""
    base, commune = thinh_duc_search
    found = search(browser, base, "dang ky khai sinh", commune)
    assert 0 < found["index_bytes"] <= 300 * 1024, found["index_bytes"]


def test_every_page_has_the_search_box_and_it_leads_to_the_search_page(browser, served_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{served_site}thinh-duc/bao-cao/2024-q1/")
    page.fill("#cchc-q", "ho tich")
    page.press("#cchc-q", "Enter")
    page.wait_for_url("**/tim-kiem/?q=ho+tich&xa=thinh-duc")  # the commune's pages search its own index too
    page.locator("#cchc-search-results li").first.wait_for()
    assert page.locator("#cchc-search-results li").count() >= 1
    context.close()


@pytest.fixture(scope="module")
def many_communes(tmp_path_factory) -> Path:
    """A portal of four synthetic communes, built by the real MkDocs."""
    return synthetic_portal(tmp_path_factory, 4, 1, seed=7) / "site"


def test_a_commune_searches_its_own_small_index_and_the_portal_pages(browser, many_communes):
    """What a query fetches must not grow with the number of communes: a commune's index holds its pages only."""
    folders = sorted(p.parent.parent.name for p in many_communes.glob("*/pagefind/pagefind-entry.json"))
    communes = [f for f in folders if not f.startswith("thu-tuc-")]  # a procedures' index is searched from its communes
    assert len(communes) == 4 and folders == sorted(communes + ["thu-tuc-toan-quoc"])
    for slug in communes:  # the library and the WebAssembly come once, from the portal's pagefind/
        assert not list((many_communes / slug / "pagefind").glob("*.js"))
        assert not list((many_communes / slug / "pagefind").glob("wasm.*"))
    home = BeautifulSoup((many_communes / communes[0] / "thu-tuc" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert home.select_one(".cchc-search-form input[name=xa]")["value"] == communes[0]
    name = text_of(home.select_one("[data-pagefind-meta=title]")).split(" – ")[1]

    with serve(many_communes) as base:
        context = browser.new_context()
        page = context.new_page()
        fetched: list[str] = []
        page.on("request", lambda r: fetched.append(r.url))
        page.goto(f"{base}tim-kiem/?q=thu+tuc&xa={communes[0]}")
        page.locator("#cchc-search-results li").first.wait_for()
        titles = page.locator("#cchc-search-results h2").all_inner_texts()
        context.close()
    assert titles[0] == f"Thủ tục hành chính – {name}", titles
    indexes = {url.removeprefix(base).split("pagefind/")[0].rstrip("/") for url in fetched if "/pagefind/" in url}
    assert indexes == {"", communes[0]}  # the portal's index and this commune's, no other commune's


def without_marks(text: str) -> str:
    """As typed on a phone without Vietnamese input: no tone marks, "d" for "đ"."""
    folded = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return folded.replace("đ", "d").replace("Đ", "D")


def results_for(browser, base: str, query: str, commune: str | None = None) -> list[str]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}tim-kiem/?q={quote_plus(query)}" + (f"&xa={commune}" if commune else ""))
    page.locator("#cchc-search-results li").first.wait_for()
    titles = page.locator("#cchc-search-results h2").all_inner_texts()
    context.close()
    return titles


def test_a_commune_is_found_by_its_name_typed_without_diacritics(browser, many_communes):
    """From any page: the portal's index holds every commune's home by its name (and only its name)."""
    slug = sorted(p.parent.parent.name for p in many_communes.glob("*/pagefind/pagefind-entry.json"))[1]
    home = BeautifulSoup((many_communes / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
    title = text_of(home.select_one("[data-pagefind-meta=title]"))  # "Phường Ba Đình – Thành phố Hà Nội"
    name = title.split(" – ")[0]
    with serve(many_communes) as base:
        assert results_for(browser, base, without_marks(name))[0] == title
        from_its_pages = results_for(browser, base, without_marks(name), slug)
    assert from_its_pages[0] == title and from_its_pages.count(title) == 1  # its home once, though in both indexes


@pytest.mark.parametrize("query, home", [("phu lien", "Phường Phù Liễn – Thành phố Hải Phòng"), ("na ri", "Xã Na Rì – Tỉnh Thái Nguyên")])
def test_a_post_reform_commune_of_the_sample_is_found_by_its_name_from_the_home(browser, served_site, query, home):
    assert results_for(browser, served_site, query)[0] == home
