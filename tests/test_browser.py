"""The citizen's view, in a real browser (Debian's Chromium driven by Playwright), of every page of the built site.

Pages are found by walking the site, so a new kind of page is checked the day it appears. What is checked is what a
citizen notices: barriers axe-core finds against WCAG 2.2 AA (contrast, names, tap targets…) on a phone and on a
desktop, a page that scrolls sideways, and what a printout of a period report leaves out.

Tap targets are not checked separately: axe's `target-size` rule (WCAG 2.5.8: 24×24 px, or enough space around;
links inside a sentence are exempt) is off by default, but the `wcag22aa` tag runs it, here at 360 and 1280 px, and
the test checks that it did run.

With CCHC_SCREENSHOTS=DIR, the sideways-scroll test also saves each page as it loaded it (full page, 360 and 1280 px
wide), so the pictures are of exactly what was checked and cost no page load of their own.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import pytest

from conftest import AXE_JS, DESKTOP, PHONE, page_paths, require

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# A4 less the 15 mm margins of the print stylesheet, in CSS px (96 per inch): where a printout lays out its text.
A4_PRINT_WIDTH, A4_PRINT_HEIGHT = round(180 / 25.4 * 96), round(267 / 25.4 * 96)

# For the failure message: elements that stick out past the right edge, are not scrolled inside a box of their own
# (an absolutely positioned child escapes its ancestor's scroll box unless that ancestor is positioned), and are not
# fixed (a fixed element follows the screen, whose layout a phone widens with the page).
WIDE_ELEMENTS_JS = """width => {
  const where = e => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.position === 'fixed') return 'fixed';
      if (style.overflowX !== 'visible') return 'scrolled';
    }
    return 'page';
  };
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].map(c => '.' + c).join('');
  return [...document.body.querySelectorAll('*')].filter(e => {
    const position = getComputedStyle(e).position, box = where(e);
    return e.getBoundingClientRect().right > width + 0.5 && position !== 'fixed' && box !== 'fixed'
      && (box === 'page' || position === 'absolute');
  }).slice(0, 5).map(e => `${name(e)} reaches ${Math.round(e.getBoundingClientRect().right)} px`);
}"""

PRINT_JS = """() => {
  const shown = e => e.checkVisibility({visibilityProperty: true, opacityProperty: true});
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].map(c => '.' + c).join('')
    + (e.type ? `[type=${e.type}]` : '');
  const chrome = '.md-header, .md-sidebar, .md-search, .md-tabs, [role="search"], input[type="search"], .pagefind-ui';
  const printed = [...document.querySelectorAll(chrome)].filter(shown);
  const problems = printed.filter(e => !printed.some(o => o !== e && o.contains(e))).map(e => `${name(e)} is printed`);
  const tables = [...document.querySelectorAll('main table, article table')];
  for (const table of tables) {
    const label = table.caption ? table.caption.textContent.trim().slice(0, 60) : name(table);
    const hidden = [...table.rows].filter(row => !shown(row));
    if (hidden.length) problems.push(`${hidden.length} of ${table.rows.length} rows of "${label}" are not printed`);
    for (let box = table.parentElement; box && box.tagName !== 'ARTICLE'; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== 'visible' && box.scrollWidth > box.clientWidth + 1)
        problems.push(`"${label}" is cut off by ${name(box)}: ${box.scrollWidth} px wide in ${box.clientWidth} px`);
    }
  }
  for (const part of document.querySelectorAll('main details > :not(summary)'))
    if (!shown(part)) problems.push(`folded text in ${name(part.parentElement)} is not printed`);
  return {problems, rows: tables.reduce((n, t) => n + t.rows.length, 0), height: document.documentElement.scrollHeight};
}"""


def test_every_kind_of_page_is_checked(site):
    """The walk finds each kind of page the portal has, so the checks below are not vacuous."""
    pages = page_paths(site)
    kinds = {
        "home": r"", "404": r"404\.html", "procedures": r".*thu-tuc/", "feedback": r".*phan-anh-kien-nghi/",
        "notices": r".*thong-bao/", "plans": r".*ke-hoach/", "report list": r".*bao-cao/",
        "period report": r".*bao-cao/[^/]+/", "history": r".*lich-su/", "about": r"thong-tin/gioi-thieu/",
        "province": r"tinh/[^/]+/", "commune home": r"thinh-duc/",
        "published figures": r"phu-giao/bao-cao/2025-q3/", "appendix of another template": r"na-ri/bao-cao/2025-q3/phu-luc/",
    }
    missing = [kind for kind, pattern in kinds.items() if not any(re.fullmatch(pattern, p) for p in pages)]
    assert not missing, f"no page of kind {missing} among {pages}"


def test_no_page_breaks_wcag_2_2_aa(site, served_site, browser):
    """axe-core finds no WCAG 2.0–2.2 A/AA violation on any page, on a phone or a desktop."""
    require(AXE_JS, "axe-core (tests/browser/node_modules)")
    found, target_size_ran = {}, False  # one entry per (rule, impact, help, first targets): where it was seen
    for device in (PHONE, DESKTOP):
        # The site's CSP allows only its own hashed scripts; axe is injected, so this context alone ignores the CSP.
        context = browser.new_context(bypass_csp=True, **device)
        page = context.new_page()
        width = device["viewport"]["width"]
        for path in page_paths(site):
            page.goto(served_site + path)
            page.add_script_tag(path=str(AXE_JS))
            result = page.evaluate(
                "options => axe.run(document, options)",
                {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
            )
            ran = [r["id"] for kind in ("violations", "passes", "incomplete", "inapplicable") for r in result[kind]]
            target_size_ran = target_size_ran or "target-size" in ran
            for v in result["violations"]:
                targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
                seen = found.setdefault((v["id"], v["impact"], v["help"], targets), {"widths": {}, "pages": {}})
                seen["widths"][width] = seen["pages"]["/" + path] = len(v["nodes"])
        context.close()
    assert target_size_ran, "axe did not run its tap-target rule (target-size)"
    failures = [
        f"{rule} ({impact}, up to {max(seen['pages'].values())} elements a page) {help}: {targets}\n"
        f"    at {' and '.join(map(str, seen['widths']))} px on {len(seen['pages'])} pages: "
        + ", ".join(list(seen["pages"])[:6]) + (" …" if len(seen["pages"]) > 6 else "")
        for (rule, impact, help, targets), seen in found.items()
    ]
    assert not failures, f"{len(failures)} accessibility violations:\n" + "\n".join(failures)


def test_no_page_scrolls_sideways(site, served_site, browser):
    """On a 360 px phone (and a desktop), no page is wider than the screen: wide tables scroll in their own box."""
    shots = os.environ.get("CCHC_SCREENSHOTS")
    failures = []
    for device in (PHONE, DESKTOP):
        context = browser.new_context(**device)
        page = context.new_page()
        width = device["viewport"]["width"]
        for path in page_paths(site):
            page.goto(served_site + path)
            # A phone widens its layout to fit wide content (and shrinks the text): compare with the device width.
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                wide = page.evaluate(WIDE_ELEMENTS_JS, width)
                failures.append(f"/{path} at {width} px is {scroll_width} px wide: {', '.join(wide) or '?'}")
            if shots:
                name = (path.strip("/").replace("/", "_").removesuffix(".html") or "home") + f"-{width}.png"
                Path(shots).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(Path(shots) / name), full_page=True)
        context.close()
    assert not failures, "pages that scroll sideways:\n" + "\n".join(failures)


def test_period_report_prints_whole_without_navigation(site, served_site, browser, tmp_path):
    """Printed (A4), a period report and its appendix show no header, menus or search box, every table row, and
    nothing cut off; the PDF has about as many pages as the text needs."""
    reports = [p for p in page_paths(site) if re.fullmatch(r".*bao-cao/[^/]+/.*", p)]
    assert reports, "no period report page to print"
    context = browser.new_context(viewport={"width": A4_PRINT_WIDTH, "height": A4_PRINT_HEIGHT})
    page = context.new_page()
    failures, rows, pdf_pages = [], 0, {}
    for path in reports:
        page.goto(served_site + path)
        page.emulate_media(media="print")
        found = page.evaluate(PRINT_JS)
        failures += [f"/{path}: {problem}" for problem in found["problems"]]
        rows += found["rows"]
        pdf = tmp_path / (path.strip("/").replace("/", "_") + ".pdf")
        page.pdf(path=str(pdf), format="A4")
        pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))
        pdf_pages[path] = pages
        # The screen layout at print width, cut into A4 pages, bounds what a printer needs (allowing for breaks
        # before headings); more sheets mean forced page breaks or blank pages.
        needed = math.ceil(found["height"] / A4_PRINT_HEIGHT)
        if not 1 <= pages <= needed + 2:
            failures.append(f"/{path}: the A4 PDF has {pages} pages, its text needs about {needed}")
    context.close()
    assert rows, f"no table on the period report pages {reports}: where is the appendix?"
    assert not failures, f"printing ({pdf_pages} PDF pages):\n" + "\n".join(failures)


@pytest.mark.parametrize("portal, link, lands_on", [
    # alone, Thịnh Đức's pages are the site's menu; among several communes the menu holds the portal's own pages
    # (each commune's pages are in its menu inside the page, so the site menu does not grow with the communes)
    ("served_one_commune_site", "Thông báo", "**/thinh-duc/thong-bao/"),
    ("served_site", "Về cổng thông tin", "**/thong-tin/gioi-thieu/"),
], ids=["one commune", "four communes"])
def test_the_phone_menu_opens_without_material_javascript(request, browser, portal, link, lands_on):
    """The theme leaves out Material's JavaScript: on a phone the menu button must still open the site menu."""
    served = request.getfixturevalue(portal)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{served}thinh-duc/thu-tuc/")
    menu_link = page.locator("nav.md-nav--primary").get_by_role("link", name=link).first
    assert menu_link.bounding_box()["x"] < 0  # the drawer starts closed, off the screen's left edge
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_timeout(400)  # the drawer slides in
    assert 0 <= menu_link.bounding_box()["x"] < 360
    menu_link.click()
    page.wait_for_url(lands_on)
    context.close()
