"""Where generated files live and how pages link to each other under MkDocs' directory URLs."""

from __future__ import annotations

from dataclasses import dataclass

from .slug import slugify

SEARCH_PAGE = "tim-kiem.md"  # the theme's search form sends its words here
PROVINCES = "tinh"  # tinh/<province>/index.md: a province's communes
PORTAL_DOWNLOADS = "du-lieu"  # the portal-wide CSV and JSON
SEARCH_INDEX = "pagefind"  # the search index, at the site root and in each commune's folder
THEME_ASSETS = "assets"  # the theme's stylesheet and the search page's script (theme/assets/)
HAND_WRITTEN = "thong-tin"  # the webmaster's own pages (content/thong-tin/)

# A province's procedures: one page per procedure per province, in a folder of the site root, so that it has its own
# search index as a commune has (write/search_index.py), searched with the commune's: thu-tuc-<tỉnh>/<mã>/.
PROCEDURES_PREFIX = "thu-tuc-"

# Folder names at the site root that belong to the site itself: a commune's folder (its URL) may not take one.
RESERVED_FOLDERS = frozenset({SEARCH_PAGE[: -len(".md")], PROVINCES, PORTAL_DOWNLOADS, SEARCH_INDEX, THEME_ASSETS,
                              HAND_WRITTEN, PROCEDURES_PREFIX + "*"})


def reserved_folder(name: str) -> bool:
    """Whether a folder at the site root is the site's own (a commune may not take its name)."""
    return name in RESERVED_FOLDERS or name.startswith(PROCEDURES_PREFIX)


HOME = "index.md"  # the portal's home; in a one-commune portal, the commune's home
PORTAL_FEED = "feed.xml"
DATA_CATALOGUE = "data.json"
PORTAL_FILES = {"chi_tieu": f"{PORTAL_DOWNLOADS}/toan-bo-chi-tieu.csv", "json": f"{PORTAL_DOWNLOADS}/toan-bo.json"}


def commune_pages(slug: str, single: bool) -> dict[str, str]:
    """A commune's pages; in a one-commune portal its home is the portal's."""
    return {
        "home": HOME if single else f"{slug}/index.md",
        "thu_tuc": f"{slug}/thu-tuc.md",
        "phan_anh": f"{slug}/phan-anh-kien-nghi.md",
        "thong_bao": f"{slug}/thong-bao.md",
        "ke_hoach": f"{slug}/ke-hoach.md",
        "bao_cao": f"{slug}/bao-cao/index.md",
        "lich_su": f"{slug}/lich-su.md",
    }


def report_page(commune: str, period: str) -> str:
    """A period's report as issued."""
    return f"{commune}/bao-cao/{period}.md"


def appendix_page(commune: str, period: str) -> str:
    """A period's indicator table, a page of its own under its report's address."""
    return f"{commune}/bao-cao/{period}/phu-luc.md"


def province_page(name: str) -> str:
    return f"{PROVINCES}/{slugify(name)}/index.md"


NATIONAL = "toan-quoc"  # the folder of the national records, thu-tuc-toan-quoc/: no province's slug (tỉnh/thành phố)


def procedure_folder(province: str | None) -> str:
    """The folder of a province's procedure pages, at the site root; None: the national records' (shown where the
    province's list is not imported yet)."""
    return PROCEDURES_PREFIX + (slugify(province) if province else NATIONAL)


def procedure_page(province: str | None, code: str) -> str:
    """One procedure of a province's list: the same page for every commune of the province (None: of the national
    records)."""
    return f"{procedure_folder(province)}/{slugify(code)}.md"


def procedure_sector_page(province: str | None, sector: str) -> str:
    """One sector of a province's list (of the national records for None): a commune's procedures page lists the
    sectors with their counts and the common procedures, so its size does not grow with the list's 250–400 entries."""
    return f"{procedure_folder(province)}/linh-vuc/{sector}.md"


def procedure_downloads(province: str) -> dict[str, str]:
    """A province's list as open data, and the feed of its changes."""
    base = f"{procedure_folder(province)}/{PORTAL_DOWNLOADS}"
    return {"csv": f"{base}/thu-tuc.csv", "json": f"{base}/thu-tuc.json", "feed": f"{procedure_folder(province)}/{PORTAL_FEED}"}


def commune_downloads(commune: str) -> dict[str, str]:
    """A commune's files of every period."""
    base = f"{commune}/{PORTAL_DOWNLOADS}"
    return {"chi_tieu": f"{base}/{commune}-chi-tieu.csv", "json": f"{base}/{commune}.json",
            "van_ban": f"{base}/{commune}-van-ban.csv", "noi_nop": f"{base}/noi-nop.json"}


def period_downloads(commune: str, period: str, appendix: bool, report: bool) -> dict[str, str]:
    """One period's files: the indicator table only with an appendix, the Word report only with a report."""
    base = f"{commune}/{PORTAL_DOWNLOADS}"
    files = {"linh_vuc": f"{base}/{period}-linh-vuc.csv", "json": f"{base}/{period}.json"}
    if appendix:
        files["chi_tieu"] = f"{base}/{period}-chi-tieu.csv"
    if report:
        files["bao_cao"] = f"{base}/{period}-bao-cao.docx"
    return files


def commune_feed(commune: str) -> str:
    return f"{commune}/{PORTAL_FEED}"


def search_index_folder(commune: str | None = None) -> str:
    """The folder of a search index: the portal's at the site root, a commune's in its folder."""
    return f"{commune}/{SEARCH_INDEX}" if commune else SEARCH_INDEX


def single_commune(communes) -> bool:
    """A portal of one commune: its home is the site's home, its pages are the site's navigation, it has no province
    pages and one search index. Of more (or none), a portal home lists the provinces, and each commune has its own
    folder, menu and search index."""
    return len(communes) == 1


def page_url(md_path: str) -> str:
    """The site URL of a Markdown file under directory URLs: a/b.md -> a/b/, a/index.md -> a/."""
    if md_path == "index.md":
        return ""
    if md_path.endswith("/index.md"):
        return md_path[: -len("index.md")]
    return md_path[: -len(".md")] + "/"


FIRST_SECTION_HEADING = 2  # a report's top sections are <h2> (the page title is <h1>); each level below one more
DEEPEST_SECTION = 6 - FIRST_SECTION_HEADING + 1  # levels of sections that headings can show (<h2> … <h6>)


def section_anchor(parent: str, number: str | None, position: int) -> str:
    """The element id of a report's section: its parent's, then its number as printed (or its position, 1-based)."""
    return f"{parent}-{slugify(str(number or position))}"


def same_url(paths: list[str]) -> list[list[str]]:
    """Groups of generated files that would be served at one address (a/b.md and a/b/index.md are both a/b/)."""
    by_url: dict[str, list[str]] = {}
    for path in paths:
        by_url.setdefault(page_url(path) if path.endswith(".md") else path, []).append(path)
    return [group for group in by_url.values() if len(group) > 1]


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for the site's own relative paths (no "..", no symbolic links), without its calls to the
    file system's current folder: the generator computes thousands of links."""
    to = [part for part in path.split("/") if part not in ("", ".")]
    base = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def relative_url(from_md: str, to_md: str, anchor: str = "") -> str:
    """A link between two generated pages, as the browser will resolve it."""
    here = page_url(from_md) or "."
    there = page_url(to_md) or "."
    rel = _relpath(there, here.rstrip("/") or ".")
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def relative_file_url(from_md: str, to_path: str) -> str:
    """A link from a page to a downloadable file (not a page)."""
    here = page_url(from_md).rstrip("/") or "."
    return _relpath(to_path, here)


@dataclass(init=False)
class RenderedPage:
    """A generated file: where it goes and its bytes, a text kept as UTF-8. A Python str of Vietnamese takes two
    bytes per character (ệ, ư… are beyond Latin-1), UTF-8 little more than one: 130 MB less for the pages and
    downloads of 1,000 communes, which `mkdocs serve` holds between saves and the next build loads from its cache."""

    path: str  # relative to the docs dir, e.g. thinh-duc/thu-tuc/index.md
    content: bytes

    def __init__(self, path: str, text: str | bytes):
        """text: a page or download as text, or a binary download's bytes (the .docx report)."""
        self.path = path
        self.content = text if isinstance(text, bytes) else text.encode("utf-8")
