"""Page weight budgets: a citizen on a slow or pay-per-megabyte phone connection opens any page cheaply.

Each HTML file is at most 60 KB, and a first visit (empty cache: the page, its CSS, scripts, icons and whatever they
fetch, such as a search index) transfers at most 300 KB. The local server sends files uncompressed, so the figures
are raw sizes; a web server that gzips sends less. The figures are in the failure message and in
`<pytest basetemp>/budgets.json`.
"""

from __future__ import annotations

import json

from conftest import PHONE, page_paths

KB = 1024
HTML_BUDGET = 60 * KB
FIRST_VISIT_BUDGET = 300 * KB


def html_file(site, path: str):
    return site / (path if path.endswith(".html") else path + "index.html")


def table(rows: dict[str, dict[str, int]]) -> str:
    lines = [f"{'page':<45} {'HTML':>9} {'first visit':>12}"]
    for path, row in rows.items():
        visit = f"{row['first_visit'] / KB:.1f} KB" if "first_visit" in row else ""
        lines.append(f"/{path:<44} {row['html'] / KB:>6.1f} KB {visit:>12}")
    return "\n".join(lines)


def test_every_page_is_at_most_60_kb(site):
    sizes = {path: {"html": html_file(site, path).stat().st_size} for path in page_paths(site)}
    over = [f"/{path}" for path, row in sizes.items() if row["html"] > HTML_BUDGET]
    assert not over, f"HTML over {HTML_BUDGET // KB} KB: {over}\n{table(sizes)}"


def test_first_visit_is_at_most_300_kb_all_from_the_site_itself(site, served_site, browser, tmp_path_factory):
    rows, parts, elsewhere = {}, {}, []
    for path in page_paths(site):
        context = browser.new_context(**PHONE)  # a new context has an empty cache
        responses = []
        context.on("response", lambda response: responses.append(response))
        context.on("request", lambda request: None if request.url.startswith((served_site, "data:"))
                   else elsewhere.append((path, request.url)))
        page = context.new_page()
        page.goto(served_site + path, wait_until="networkidle")  # late fetches (a search index) count too
        sizes = {}
        for response in responses:
            try:
                size = len(response.body())
            except Exception:  # a redirect has no body
                size = int(response.headers.get("content-length", 0))
            url = response.url.removeprefix(served_site) or "/"
            sizes[url] = sizes.get(url, 0) + size
        context.close()
        rows[path] = {"html": html_file(site, path).stat().st_size, "first_visit": sum(sizes.values())}
        parts[path] = sizes
    report = tmp_path_factory.getbasetemp() / "budgets.json"
    report.write_text(json.dumps({"pages": rows, "responses": parts}, indent=1), encoding="utf-8")
    assert elsewhere == []  # nothing is fetched from another host: no CDN, no web font, no tracker
    over = [f"/{path}" for path, row in rows.items() if row["first_visit"] > FIRST_VISIT_BUDGET]
    heaviest = max(parts.values(), key=lambda sizes: sum(sizes.values()))
    assert not over, (
        f"first visit over {FIRST_VISIT_BUDGET // KB} KB: {over}\n{table(rows)}\n"
        f"heaviest first visit: {json.dumps(heaviest, indent=1)}\n(figures in {report})"
    )
