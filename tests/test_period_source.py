"""A period's source named in one wording wherever a reader meets it (issue 23, item 7): an issued report is
"báo cáo kết quả CCHC …", figures published without one (a news post, a press report) "số liệu CCHC đã công bố …",
on the period's page and its title, its appendix, the commune's home and the Atom feed alike.

Built for real (`mkdocs build --strict`, the shipped sample); the expected names are typed here.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ATOM = "{http://www.w3.org/2005/Atom}"

# commune, its name as headings show it, period, the period's source as a sentence names it
SOURCES = [
    ("thinh-duc", "Xã Thịnh Đức", "2024-q1", "báo cáo kết quả CCHC Quý I năm 2024"),  # the issued report
    ("phu-lien", "Phường Phù Liễn", "2025-q3", "số liệu CCHC đã công bố Quý III năm 2025"),  # a ward's news post
    ("phu-giao", "Xã Phú Giáo", "2025-q3", "số liệu CCHC đã công bố Quý III năm 2025"),  # a newspaper's report
]


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _text(node) -> str:
    return " ".join(node.get_text(" ").split())


def _report_heading(site, commune, period):
    return _text(_soup(site / commune / "bao-cao" / period / "index.html").find("h1"))


def _report_title(site, commune, period):
    return _soup(site / commune / "bao-cao" / period / "index.html").title.get_text().split(" – ")[0]


def _appendix_heading(site, commune, period):
    return _text(_soup(site / commune / "bao-cao" / period / "phu-luc" / "index.html").find("h1"))


def _appendix_link_to_its_source(site, commune, period):
    page = _soup(site / commune / "bao-cao" / period / "phu-luc" / "index.html")
    return _text(page.select_one("article a[href='../']"))


def _home_link_to_its_source(site, commune, period):
    page = _soup(site / commune / "index.html")
    return _text(page.select_one(f"article a[href='bao-cao/{period}/']"))


def _feed_entry(site, commune, period):
    root = ET.parse(site / commune / "feed.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")
              if e.find(f"{ATOM}link").get("href").endswith(f"/{commune}/bao-cao/{period}/")]
    return titles[0] if len(titles) == 1 else titles


def _heading(name: str) -> str:
    return name[:1].upper() + name[1:]


# where: what reads it from the built site, and how the name stands there given (name, the commune's name)
PLACES = {
    "the period's page": (_report_heading, lambda name, commune: _heading(name)),
    "the period's page title": (_report_title, lambda name, commune: _heading(name)),
    "its appendix": (_appendix_heading, lambda name, commune: f"Phụ lục {name}"),
    "its appendix's link to it": (_appendix_link_to_its_source, lambda name, commune: name),
    "the commune's home": (_home_link_to_its_source, lambda name, commune: name),
    "the Atom feed": (_feed_entry, lambda name, commune: f"{commune}: {name}"),
}


@pytest.mark.parametrize("where", sorted(PLACES))
@pytest.mark.parametrize("commune, full_name, period, name", SOURCES)
def test_a_period_source_is_named_the_same_way_everywhere(site, where, commune, full_name, period, name):
    read, shown = PLACES[where]
    assert read(site, commune, period) == shown(name, full_name)
