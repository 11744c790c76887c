"""The site's search index: Pagefind over the built pages, in pieces whose size does not grow with the portal.

Pagefind (from PyPI, its binary in the wheel) splits an index into chunks by word, but a chunk holds every page
with words in its range: over one index of a 1,000-commune portal a query fetched 500-900 KB. So a portal of many
communes gets one small index per commune (`<xã>/pagefind/`) and one for the pages above them (`pagefind/`, with
Pagefind's library): the search page asks the portal index, merged with the commune's when the search starts from a
commune's page. A portal of one commune has one index. Since 1.5 Pagefind folds tone marks ("thu tuc" finds "thủ
tục", the exact spelling ranking first), not "đ": the search page closes that gap (theme/assets/tim-kiem.js), so
the index and its excerpts hold the pages' text as published.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

from generator.core.problems import UserError, say
from generator.core.site_paths import SEARCH_INDEX, search_index_folder, single_commune

# Only pages that mark their content with data-pagefind-body are indexed (theme/main.html): not the search page,
# not the 404 page. Menus repeated on every commune page would only add noise to every result.
EXCLUDED = ".cchc-commune-nav, .cchc-period-nav, .cchc-downloads"
# The portal's index holds each commune's home by its name only, so a commune is found by name from any page
# and the index stays small: everything of a commune's home but its heading is left out of it.
COMMUNE_HOME_BODY = ", ".join(f".cchc-trang-xa {tag}" for tag in ("h2", "h3", "p", "ul", "ol", "dl", "div", "nav"))
# What a commune's index needs beside the portal's: Pagefind's library and WebAssembly are loaded once, from pagefind/.
COMMUNE_INDEX = ("pagefind-entry.json", "index", "fragment", "filter")
# Pagefind's ready-made interfaces; the search page has its own, so these are not published.
UNUSED = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js"]


@dataclass
class SearchIndexReport:
    """Of the indexes written by this run."""

    pages: int
    index_bytes: int  # everything under the pagefind/ folders (the indexes, their fragments, the search library)


def _pagefind(site: Path, glob: str | None = None, excluded: str = EXCLUDED) -> None:
    binary = get_executable()
    if binary is None:
        raise UserError(say("tim_kiem_loi", chi_tiet="pagefind-bin"))
    command = [str(binary), "--site", str(site), "--output-subdir", SEARCH_INDEX, "--force-language", "vi",
               "--exclude-selectors", excluded, "--silent"]
    if glob:
        command += ["--glob", glob]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise UserError(say("tim_kiem_loi", chi_tiet=(done.stdout + done.stderr).strip()))


def _keep_only(folder: Path, names) -> None:
    for path in folder.iterdir():
        if path.name not in names and not path.name.endswith(".pf_meta"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def index_commune(site_dir: Path, slug: str) -> None:
    """One commune's index (in a portal of many), from its pages alone; once they are all written it may run while
    the rest of the site is still being built."""
    shutil.rmtree(site_dir / search_index_folder(slug), ignore_errors=True)  # Pagefind leaves the files of an earlier index there
    _pagefind(site_dir / slug)
    _keep_only(site_dir / search_index_folder(slug), COMMUNE_INDEX)


def build_search_index(site_dir: Path, communes: list[str], *, portal: bool = True, only: set[str] | None = None,
                       started: dict[str, Future] | None = None) -> SearchIndexReport:
    """Write the pagefind/ folders of site_dir; run after the site is built (or joined).

    communes: the folders of the portal's communes; with two or more, each gets its own index. The command-line
    binary, not Pagefind's Python service: the binary has written every file when it exits. started: communes whose
    index_commune is already running (the plugin starts them while MkDocs builds the other pages). A preview
    (mkdocs serve) rebuilds only the indexes whose pages changed: the portal's (portal) and those of the communes in
    only.
    """
    apart = [] if single_commune(communes) else communes
    rebuilt = apart if only is None else [slug for slug in apart if slug in only]
    started = started or {}
    if not apart:
        shutil.rmtree(site_dir / search_index_folder(), ignore_errors=True)
        _pagefind(site_dir)
    else:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            running = [pool.submit(index_commune, site_dir, slug) for slug in rebuilt if slug not in started]
            if portal:
                shutil.rmtree(site_dir / search_index_folder(), ignore_errors=True)
                inside = set(apart) | {SEARCH_INDEX}
                above = sorted(d.name for d in site_dir.iterdir() if d.is_dir() and d.name not in inside)
                globs = ["*.html", "*/index.html"] + [f"{d}/**/*.html" for d in above]  # */index.html: communes' homes
                _pagefind(site_dir, "{" + ",".join(globs) + "}", f"{EXCLUDED}, {COMMUNE_HOME_BODY}")
            for job in list(started.values()) + running:
                job.result()
    for name in UNUSED:
        (site_dir / search_index_folder() / name).unlink(missing_ok=True)
    folders = ([search_index_folder()] if portal or not apart else []) + [search_index_folder(slug) for slug in rebuilt]  # those written now
    files = [f for folder in folders for f in (site_dir / folder).rglob("*") if f.is_file()]
    pages = sum(1 for f in files if f.suffix == ".pf_fragment")
    return SearchIndexReport(pages, sum(f.stat().st_size for f in files))
