"""The site's search index: Pagefind over the built pages.

Pagefind (from PyPI, its binary in the wheel) splits its index into small chunks, so a query downloads only the
chunks for its words, however many communes the portal has, and since 1.5 it folds tone marks: "thu tuc" finds
"thủ tục", and a query typed with the marks ranks the exact spelling first. It does not fold "đ" (no Unicode
decomposition); the search page closes that gap on the query side (theme/assets/tim-kiem.js), so the index
and its excerpts hold the pages' text exactly as published.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

OUTPUT = "pagefind"  # the folder of the index inside the site, where theme/assets/tim-kiem.js looks for it
# Only pages that mark their content with data-pagefind-body are indexed (theme/main.html): not the search page,
# not the 404 page. Menus repeated on every commune page would only add noise to every result.
EXCLUDED = ".cchc-commune-nav, .cchc-period-nav, .cchc-downloads"
# Pagefind's ready-made interfaces; the search page has its own, so these are not published.
UNUSED = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js"]


class SearchIndexError(RuntimeError):
    """Pagefind failed: a fault of the installation, not of the data."""


@dataclass
class SearchIndexReport:
    pages: int
    index_bytes: int  # everything under pagefind/ (the index, its fragments, the search library)


def build_search_index(site_dir: Path) -> SearchIndexReport:
    """Write site_dir/pagefind/ from the pages in site_dir; run after the site is built (or joined).

    The command-line binary, not Pagefind's Python service: the binary has written every file when it exits.
    """
    binary = get_executable()
    if binary is None:
        raise SearchIndexError("pagefind-bin is not installed")
    command = [str(binary), "--site", str(site_dir), "--output-subdir", OUTPUT, "--force-language", "vi",
               "--exclude-selectors", EXCLUDED, "--silent"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SearchIndexError(done.stdout + done.stderr)
    for name in UNUSED:
        (site_dir / OUTPUT / name).unlink(missing_ok=True)
    files = [f for f in (site_dir / OUTPUT).rglob("*") if f.is_file()]
    pages = sum(1 for f in files if f.suffix == ".pf_fragment")
    return SearchIndexReport(pages, sum(f.stat().st_size for f in files))
