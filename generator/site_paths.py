"""Where generated files live and how pages link to each other under MkDocs' directory URLs."""

from __future__ import annotations

from dataclasses import dataclass


SEARCH_PAGE = "tim-kiem.md"  # the theme's search form sends its words here


def page_url(md_path: str) -> str:
    """The site URL of a Markdown file under directory URLs: a/b.md -> a/b/, a/index.md -> a/."""
    if md_path == "index.md":
        return ""
    if md_path.endswith("/index.md"):
        return md_path[: -len("index.md")]
    return md_path[: -len(".md")] + "/"


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


@dataclass
class RenderedPage:
    path: str  # relative to the docs dir, e.g. thinh-duc/thu-tuc/index.md
    text: str | bytes  # bytes for a binary download (the .docx report)

    @property
    def content(self) -> bytes:
        return self.text if isinstance(self.text, bytes) else self.text.encode("utf-8")
