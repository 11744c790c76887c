"""The small formatting allowed in free-text fields, parsed into a tree.

Allowed, and nothing else: paragraphs (separated by a blank line), lists (lines
starting with "- ", "+ " or "1. "; a "+" line is a second-level item, as reports print it), **bold**, and links written <https://…> or
[text](https://…) whose address is http(s), tel: or mailto:. Everything else is
text. The tree is turned into markup by a template, never here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic_core import PydanticCustomError

ALLOWED_SCHEMES = ("http://", "https://", "tel:", "mailto:")

_BULLET = re.compile(r"^\s*([-+•])\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")
# Each part stops at the next character that could open another match, so scanning stays linear.
_INLINE = re.compile(
    r"\*\*(?P<strong>[^*\n]+?)\*\*"
    r"|\[(?P<label>[^\[\]\n]+)\]\((?P<href>[^()\s]+)\)"
    r"|<(?P<auto>[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]+)>"
)


@dataclass(frozen=True)
class Inline:
    kind: str  # "text", "strong" or "link"
    text: str
    href: str = ""

    @property
    def external(self) -> bool:
        """A link to another site (opened with rel="noopener"), not a telephone or mail link."""
        return self.href.lower().startswith("http")


@dataclass
class Block:
    kind: str  # "p", "ul" or "ol"
    items: list[list[Inline]] = field(default_factory=list)
    start: int = 1
    marks: list[str] = field(default_factory=list)  # each bullet item's mark: "+" a second-level item, "-" any other


def _allowed(href: str) -> bool:
    return href.lower().startswith(ALLOWED_SCHEMES)


def parse_inline(text: str) -> list[Inline]:
    out: list[Inline] = []
    pos = 0
    for m in _INLINE.finditer(text):
        href = m.group("href") or m.group("auto")
        if href is not None and not _allowed(href):
            continue  # left as plain text; check_links reports it on load
        if m.start() > pos:
            out.append(Inline("text", text[pos : m.start()]))
        if m.group("strong") is not None:
            out.append(Inline("strong", m.group("strong")))
        elif m.group("label") is not None:
            out.append(Inline("link", m.group("label"), href))
        else:
            shown = href.split(":", 1)[1] if href.lower().startswith(("tel:", "mailto:")) else href
            out.append(Inline("link", shown, href))
        pos = m.end()
    if pos < len(text):
        out.append(Inline("text", text[pos:]))
    return out


def parse(text: str) -> list[Block]:
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if _BULLET.match(lines[0]):
            items = _items(lines, _BULLET, 2)
            blocks.append(Block("ul", [parse_inline(item) for _, item in items], marks=["+" if m == "+" else "-" for m, _ in items]))
        elif _NUMBERED.match(lines[0]):
            first = int(_NUMBERED.match(lines[0]).group(1))
            blocks.append(Block("ol", [parse_inline(item) for _, item in _items(lines, _NUMBERED, 2)], first))
        else:
            blocks.append(Block("p", [parse_inline(" ".join(line.strip() for line in lines))]))
    return blocks


def _items(lines: list[str], marker: re.Pattern, group: int) -> list[tuple[str, str]]:
    """A list's items, each with its marker; a line without the marker continues the item above (a long item
    wrapped onto two lines)."""
    items: list[tuple[str, str]] = []
    for line in lines:
        match = marker.match(line)
        if match:
            items.append((match.group(1), match.group(group)))
        else:
            items[-1] = (items[-1][0], items[-1][1] + " " + line.strip())
    return items


# Anything written as a link target, even one the parser would not turn into a link.
_TARGET = re.compile(r"\]\(\s*(?P<a>[A-Za-z][A-Za-z0-9+.-]*:)|<(?P<b>[A-Za-z][A-Za-z0-9+.-]*:)[^\s<>]*>")


def check_links(text: str) -> str:
    """Refuse a free text whose links use a scheme other than http(s), tel: or mailto:."""
    for m in _TARGET.finditer(text):
        start = m.start("a") if m.group("a") else m.start("b")
        target = text[start:].split(None, 1)[0][:80]
        if not _allowed(target):
            raise PydanticCustomError("lien_ket_sai", "", {"gia_tri": target})
    return text
