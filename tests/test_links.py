"""No link inside the built site leads nowhere: every href, src and form action of every HTML file points to a file
of the site (a folder to its index.html), and every #fragment to an id on the target page. A citizen who follows a
link on a slow phone connection must not land on the 404 page, or at the top of a long report instead of its row.

Links to other sites (http/https, mailto:, tel:, data:) are not followed; links to the site's own address
(`site_url`, e.g. the canonical link) are checked as local ones.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

ATTRIBUTES = ("href", "src", "action")
LOCAL = "http://site.invalid/"  # stands for the site root while resolving links


def site_url(site: Path) -> str | None:
    match = re.search(r"^site_url:\s*(\S+)", (site.parent / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return match.group(1).rstrip("/") + "/" if match else None


def page_url(site: Path, html: Path) -> str:
    """The address a file is served at; 404.html is served at any depth, so links in it must not be relative."""
    rel = html.relative_to(site).as_posix()
    return LOCAL + ("nowhere/" + rel if rel == "404.html" else rel.removesuffix("index.html"))


@cache
def anchors(html: Path) -> frozenset[str]:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    named = soup.find_all("a", attrs={"name": True})
    return frozenset([t["id"] for t in soup.find_all(id=True)] + [t["name"] for t in named])


def broken(site: Path, html: Path, link: str, own: str | None) -> str | None:
    """Why link, found in html, leads nowhere; None when it works or leaves the site."""
    if own and link.startswith(own):
        link = "/" + link[len(own):]
    url = urlsplit(urljoin(page_url(site, html), link))
    if url.scheme != "http" or url.netloc != "site.invalid":
        return None  # another site, mailto:, tel:, data:
    if link.startswith("#"):
        target = html
    elif url.path.startswith("/nowhere/"):
        return "is relative, but the 404 page is served at any depth"
    else:
        target = site / unquote(url.path).lstrip("/")
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return f"no file {target.relative_to(site)}"
    fragment = unquote(url.fragment)
    if fragment and fragment != "top" and target.suffix == ".html" and fragment not in anchors(target):
        return f"no id {fragment!r} in {target.relative_to(site)}"
    return None


@pytest.fixture(params=["site", "one_commune_site"], ids=["four communes", "one commune"])
def portal(request) -> Path:
    """The sample portal, and the portal of Thịnh Đức alone (its pages are in the site navigation there)."""
    return request.getfixturevalue(request.param)


def test_no_broken_link_inside_the_site(portal):
    site = portal
    own = site_url(site)
    pages = sorted(site.rglob("*.html"))
    assert pages, "no HTML file in the built site"
    failures, checked = [], 0
    for html in pages:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for attribute in ATTRIBUTES:
                link = tag.get(attribute)
                if link is None or not link.strip():
                    continue
                checked += 1
                problem = broken(site, html, link.strip(), own)
                if problem:
                    failures.append(f"{html.relative_to(site)}: <{tag.name} {attribute}={link!r}> {problem}")
    assert checked, "no link found at all"
    assert not failures, f"{len(failures)} broken links:\n" + "\n".join(failures)
