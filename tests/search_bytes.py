"""Measure what one search downloads: bytes of Pagefind's files per query, on a built site, in a real browser.

Not a test (nothing is asserted, and its name keeps pytest from collecting it): run it by hand on a site built
with `mkdocs build` (a synthetic portal from `cchc synth` shows how the figures grow) and record the table:

    .venv/bin/python tests/search_bytes.py site "dang ky khai sinh" "thủ tục"
    .venv/bin/python tests/search_bytes.py site --xa ba-dinh-00004 "thu tuc"   # from a commune's page

Each query runs in a fresh browser context (empty cache) on the search page (tim-kiem/?q=…). Bytes are counted
by the local server as it sends them, uncompressed by HTTP (Pagefind's index, fragments and wasm are gzip files
already), so requests made by Pagefind's web worker are counted too. Time is from the start of navigation to
the results shown, served from this machine (after one unshown warm-up query).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import quote_plus

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SHOWN = """() => {
  const status = document.getElementById("cchc-search-status");
  const text = status ? status.textContent : "";
  return text && !text.startsWith("Đang") ? performance.now() : false;
}"""


class Counting(http.server.SimpleHTTPRequestHandler):
    sent: list[tuple[str, int]]  # (path, bytes) of every file served, set on the class by serve()

    def send_header(self, keyword, value):
        if keyword == "Content-Length":
            self.sent.append((self.path.split("?")[0], int(value)))
        super().send_header(keyword, value)

    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, list[tuple[str, int]]]:
    sent: list[tuple[str, int]] = []
    handler = type("Handler", (Counting,), {"sent": sent})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, sent


def kind(path: str) -> str:
    if path.endswith(".pf_index"):
        return "index"
    if path.endswith(".pf_fragment"):
        return "fragments"
    if path.endswith(".pf_meta"):
        return "meta"
    return "library"  # pagefind.js, pagefind-worker.js, the wasm, pagefind-entry.json


def measure(browser, base: str, sent: list, query: str, commune: str | None) -> dict:
    context = browser.new_context()
    page = context.new_page()
    sent.clear()
    page.goto(f"{base}tim-kiem/?q={quote_plus(query)}" + (f"&xa={commune}" if commune else ""), wait_until="commit")
    ms = page.wait_for_function(SHOWN, timeout=60_000).json_value()
    page.wait_for_load_state("networkidle")
    items = page.locator("#cchc-search-results li")
    row = {"query": query, "status": page.locator("#cchc-search-status").inner_text(), "ms": ms,
           "titles": items.locator("h2").all_inner_texts(), "excerpts": items.locator("p").all_inner_texts(),
           "index": 0, "fragments": 0, "meta": 0, "library": 0, "files": {}}
    context.close()
    for path, size in sent:
        if "/pagefind/" in path:
            row[kind(path)] += size
            row["files"][kind(path)] = row["files"].get(kind(path), 0) + 1
    row["total"] = row["index"] + row["fragments"] + row["meta"] + row["library"]
    return row


def found(status: str) -> str:
    """The number of results from the status line ("Tìm thấy 123 trang có …"); any other status as it is."""
    if status.startswith("Tìm thấy"):
        return status.split()[2]
    return "0" if status.startswith("Không tìm thấy") else status


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (with pagefind/)")
    parser.add_argument("queries", nargs="+")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                        help="browser executable ('' for Playwright's own)")
    parser.add_argument("--excerpts", action="store_true", help="also print the excerpts of the first 3 results")
    parser.add_argument("--xa", help="search from this commune's pages (its index merged with the portal's)")
    args = parser.parse_args()

    server, sent = serve(args.site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium or None, args=CHROMIUM_ARGS)
        measure(browser, base, sent, args.queries[0], args.xa)  # warm-up, not shown: the first page load of a browser is slow
        for query in args.queries:
            rows.append(measure(browser, base, sent, query, args.xa))
        browser.close()
    server.shutdown()

    pages = sum(1 for _ in args.site.glob("**/pagefind/fragment/*"))
    scope = f", searched from commune {args.xa}" if args.xa else ""
    print(f"Site {args.site}: {pages} pages indexed{scope}. KB = 1,024 bytes; (n) = files.\n")
    print("| query | total KB | library KB | meta KB | index chunks KB (n) | fragments KB (n) | results "
          "| ms to results | top 3 results |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        print(f"| {r['query']} | {kb(r['total'])} | {kb(r['library'])} | {kb(r['meta'])} "
              f"| {kb(r['index'])} ({r['files'].get('index', 0)}) | {kb(r['fragments'])} ({r['files'].get('fragments', 0)}) "
              f"| {found(r['status'])} | {r['ms']:.0f} | {'; '.join(r['titles'][:3])} |")
    if args.excerpts:
        for r in rows:
            print(f"\n**{r['query']}**\n")
            for title, excerpt in list(zip(r["titles"], r["excerpts"]))[:3]:
                print(f"- {title}: {excerpt}")


if __name__ == "__main__":
    main()
