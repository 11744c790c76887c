"""The site's search index: Pagefind over the built pages, in pieces whose size does not grow with the portal.

Pagefind (from PyPI, its binary in the wheel) splits an index into chunks by word, but a chunk holds every page
with words in its range: over one index of a 1,000-commune portal a query fetched 500-900 KB. So a portal of many
communes gets one small index per commune (`<xã>/pagefind/`) and one for the pages above them (`pagefind/`, with
Pagefind's library): the search page asks the portal index, merged with the commune's when the search starts from a
commune's page. A portal of one commune has one index. Since 1.5 Pagefind folds tone marks ("thu tuc" finds "thủ
tục", the exact spelling ranking first), not "đ": the search page closes that gap (theme/assets/tim-kiem.js), so
the index and its excerpts hold the pages' text as published.

A build may keep each index in a cache (the plugin's `cache_dir`, one slot per commune and one for the site's root
index) with the key it was made for: the version of Pagefind, its options and the bytes of every page it reads. The
next build publishes an index whose key is unchanged (hard links to the slot's files) instead of running Pagefind
again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

from generator.core.priority import yield_to_mkdocs
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
# The cache's slot of the index at the site's root: a commune's slot is its slug, which never starts with "_".
ROOT_SLOT = "_site"
KEY = "KEY"  # in a slot: the key of the index stored there and the digest of its files


@dataclass
class SearchIndexReport:
    """Of the indexes written by this run."""

    pages: int
    index_bytes: int  # everything under the pagefind/ folders (the indexes, their fragments, the search library)


def _binary() -> Path:
    binary = get_executable()
    if binary is None:
        raise UserError(say("tim_kiem_loi", chi_tiet="pagefind-bin"))
    return binary


@functools.cache
def _version(binary: Path) -> str:
    """The version of the binary that runs (PAGEFIND_BINARY_PATH may name another than the wheel's)."""
    return subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()


def _options(glob: str | None = None, excluded: str = EXCLUDED) -> list[str]:
    """Pagefind's command line but for the site it indexes."""
    options = ["--output-subdir", SEARCH_INDEX, "--force-language", "vi", "--exclude-selectors", excluded, "--silent"]
    return options + (["--glob", glob] if glob else [])


def _pagefind(site: Path, options: list[str]) -> None:
    with subprocess.Popen([str(_binary()), "--site", str(site), *options], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True) as run:
        yield_to_mkdocs(run.pid)
        said, _ = run.communicate()
    if run.returncode != 0:
        raise UserError(say("tim_kiem_loi", chi_tiet=said.strip()))


def _tidy(folder: Path, keep: tuple[str, ...] | None) -> None:
    """What the site does not publish of a fresh index: Pagefind's interfaces, and of a commune's (keep) all but it."""
    for path in folder.iterdir():
        if path.name in UNUSED or keep and path.name not in keep and not path.name.endswith(".pf_meta"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def _contents(folder: Path, names) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in names}


def _listing(folder: Path) -> dict[str, int]:
    """Every file under folder (relative name, with "/") and its size; os.walk: a hit lists 1,000 slots per build."""
    found, top = {}, str(folder)
    for root, _, names in os.walk(top):
        inside = root[len(top) + 1:].replace(os.sep, "/")
        for name in names:
            found[f"{inside}/{name}" if inside else name] = os.stat(os.path.join(root, name)).st_size
    return found


def _sha256(files: dict[str, bytes], head: str = "") -> str:
    digest = hashlib.sha256()
    for part in [head.encode()] + [part for name in sorted(files) for part in (name.encode(), files[name])]:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _listing_digest(listing: dict[str, int]) -> str:
    return _sha256({name: str(size).encode() for name, size in listing.items()})


def _cached(slot: Path, key: str) -> list[str] | None:
    """The files of the index stored in slot if it was made for this key and they are the ones stored (names and
    sizes: a slot is written whole, then renamed, so only a hand in .cache/ could change one); else None (a miss): a
    slot that is absent, half-deleted or unreadable is only a slower build."""
    try:
        said_key, said_listing = (slot / KEY).read_text(encoding="ascii").split()
        listing = _listing(slot) if said_key == key else None
    except (OSError, ValueError):  # ValueError: a KEY file not of two words, or not ASCII
        return None
    if listing is None:
        return None
    listing.pop(KEY, None)
    return list(listing) if _listing_digest(listing) == said_listing else None


def _copy(slot: Path, folder: Path, names: list[str]) -> None:
    """The files of an index from one folder to another: hard links, so a hit costs no bytes copied (copying a
    1,000-commune portal's 15,000 index files was most of what the next build added to MkDocs' system time);
    copies where a link cannot be made (another file system). Nothing writes into an index's files after Pagefind:
    a new index replaces the folder (_index) and a new slot the slot (_store), so the two names never diverge."""
    for parent in sorted({(folder / name).parent for name in names}):
        parent.mkdir(parents=True, exist_ok=True)
    for name in names:
        try:
            os.link(slot / name, folder / name)
        except OSError:
            shutil.copyfile(slot / name, folder / name)


def _store(folder: Path, slot: Path, key: str) -> None:
    """Keep a fresh index (folder) in its slot: copied into a folder beside it, then put in its place, so a slot is
    whole or absent. A slot that cannot be written is only a slower next build."""
    new = old = None
    try:
        slot.parent.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=f".{slot.name}-", dir=slot.parent))
        listing = _listing(folder)
        _copy(folder, new, list(listing))
        (new / KEY).write_text(f"{key} {_listing_digest(listing)}\n", encoding="ascii")
        old = new.with_name(new.name + "-old")
        if slot.exists():
            os.rename(slot, old)
        os.rename(new, slot)
    except OSError:
        pass
    finally:
        for leftover in (new, old):
            if leftover is not None:
                shutil.rmtree(leftover, ignore_errors=True)


def _index(root: Path, options: list[str], pages: list[Path], keep: tuple[str, ...] | None, slot: Path | None) -> None:
    """The index of pages (all under root) in root/pagefind/: the one stored in slot when it was made from the same
    Pagefind, options and pages' bytes (keep and UNUSED too: what of it is published), else Pagefind's, then stored."""
    output = root / SEARCH_INDEX
    shutil.rmtree(output, ignore_errors=True)  # Pagefind leaves the files of an earlier index there
    key = slot and _sha256(_contents(root, [p.relative_to(root).as_posix() for p in pages]),
                           json.dumps([_version(_binary()), options, keep, UNUSED]))
    names = slot and _cached(slot, key)
    if names:
        _copy(slot, output, names)
        return
    _pagefind(root, options)
    _tidy(output, keep)
    if slot:
        _store(output, slot, key)


def index_commune(site_dir: Path, slug: str, cache: Path | None = None) -> None:
    """One commune's index (in a portal of many), from its pages alone; once they are all written it may run while
    the rest of the site is still being built. cache: the folder of the slots, if any (<cache>/<slug>/)."""
    root = site_dir / slug
    pages = [p for p in root.rglob("*.html") if p.is_file()]  # what Pagefind's default glob, **/*.html, reads
    _index(root, _options(), pages, COMMUNE_INDEX, cache and cache / slug)


def _portal_pages(site_dir: Path, communes: set[str]) -> list[Path]:
    """The pages the root index's glob passes to Pagefind, found again in Python for the key (in_root_index). It may
    hold more than Pagefind reads (a changed page it holds only costs a run of Pagefind), never fewer (a change to a
    page it misses would go unseen): pathlib's * also matches names starting with a dot, ** also hidden folders."""
    return [p for p in site_dir.rglob("*.html") if p.is_file() and in_root_index(p.relative_to(site_dir).as_posix(), communes)]


def in_root_index(path: str, communes: set[str]) -> bool:
    """Whether the root index of a portal of many communes reads the page at this site path: what index_root's glob
    passes (the pages above the communes and each commune's home)."""
    top, _, rest = path.partition("/")
    return not rest or rest == "index.html" or top not in communes | {SEARCH_INDEX}


def index_root(site_dir: Path, communes: list[str], cache: Path | None = None) -> None:
    """The root index of a portal of many communes: the pages above the communes and each commune's home (by its
    name only); it may run as soon as those are written (the plugin has MkDocs write them first)."""
    inside = set(communes) | {SEARCH_INDEX}
    above = sorted(d.name for d in site_dir.iterdir() if d.is_dir() and d.name not in inside)
    globs = ["*.html", "*/index.html"] + [f"{d}/**/*.html" for d in above]  # */index.html: communes' homes
    _index(site_dir, _options("{" + ",".join(globs) + "}", f"{EXCLUDED}, {COMMUNE_HOME_BODY}"),
           _portal_pages(site_dir, set(communes)), None, cache and cache / ROOT_SLOT)


def build_search_index(site_dir: Path, communes: list[str], *, portal: bool = True, only: set[str] | None = None,
                       started: dict[str, Future] | None = None, cache: Path | None = None,
                       root: Future | None = None) -> SearchIndexReport:
    """Write the pagefind/ folders of site_dir; run after the site is built (or joined).

    communes: the folders of the portal's communes; with two or more, each gets its own index. The command-line
    binary, not Pagefind's Python service: the binary has written every file when it exits. started: communes whose
    index_commune is already running (the plugin starts them while MkDocs builds the other pages). A preview
    (mkdocs serve) rebuilds only the indexes whose pages changed: the portal's (portal) and those of the communes in
    only. cache: where indexes of earlier builds are kept, one slot per commune and one for the site's root; a whole
    build removes anything else there (the slot of a commune no longer in the portal, what an interrupted build left).
    root: the root index, when the plugin started it (index_root) while MkDocs wrote the communes' pages.
    """
    apart = [] if single_commune(communes) else communes
    rebuilt = apart if only is None else [slug for slug in apart if slug in only]
    started = started or {}
    root_slot = cache and cache / ROOT_SLOT
    if not apart:
        _index(site_dir, _options(), [p for p in site_dir.rglob("*.html") if p.is_file()], None, root_slot)
    else:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            running = [pool.submit(index_commune, site_dir, slug, cache) for slug in rebuilt if slug not in started]
            if portal and root is None:
                index_root(site_dir, apart, cache)
            for job in list(started.values()) + running + ([root] if portal and root is not None else []):
                job.result()
    if cache and only is None and cache.is_dir():
        for slot in cache.iterdir():
            if slot.name not in {*apart, ROOT_SLOT}:
                shutil.rmtree(slot, ignore_errors=True)
    folders = ([search_index_folder()] if portal or not apart else []) + [search_index_folder(slug) for slug in rebuilt]  # those written now
    files = [f for folder in folders for f in (site_dir / folder).rglob("*") if f.is_file()]
    pages = sum(1 for f in files if f.suffix == ".pf_fragment")
    return SearchIndexReport(pages, sum(f.stat().st_size for f in files))
