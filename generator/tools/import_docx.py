"""`cchc import`, step 1: the Word file as lines of text and appendix tables, in reading order.

Both layouts clerks send are read: the seed's (one paragraph per line, the
appendix split over several tables with repeated header rows) and the one
Nghị định 30/2020 prescribes, whose heading and signature blocks are borderless
two-column tables: those are read as lines, cell by cell (left, then right).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from itertools import groupby
from typing import Callable

from docx.table import Table

from generator.core.slug import fold


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio()


def upper(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.upper()


def sentence(text: str) -> str:
    """A line printed in capitals as a sentence: "CÁC CHỈ TIÊU QUÝ III" → "Các chỉ tiêu quý III" (Roman numerals kept)."""
    if not upper(text):
        return text
    words = [w if re.fullmatch(r"[IVXLC]+", w) else w.lower() for w in text.split(" ")]
    joined = " ".join(words)
    return joined[:1].upper() + joined[1:]


@dataclass
class Line:
    text: str  # with **bold** kept for the narrative
    strong: bool  # a heading style, or bold all through

    @property
    def plain(self) -> str:
        return self.text.replace("**", "")


Grid = list[list[str]]  # an appendix table: rows of cell texts by grid column


def _paragraph_lines(paragraph) -> list[Line]:
    """A paragraph's lines (a manual line break starts a new one); bold kept as **…** unless all of it is bold."""
    pieces = [(item.text, bool(getattr(item, "bold", False))) for item in paragraph.iter_inner_content()]
    all_bold = any(t.strip() for t, _ in pieces) and all(b for t, b in pieces if t.strip())
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    lines: list[list[tuple[str, bool]]] = [[]]
    for text, bold in pieces:
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append([])
            lines[-1].append((part, bold and not all_bold))
    out = []
    for parts in lines:
        text = ""
        for bold, group in groupby(parts, key=lambda p: p[1]):
            run = "".join(t for t, _ in group)
            text += _strong(run) if bold else run
        # A rule drawn with characters ("_____", "-----") under a heading is layout, not text.
        if text.strip() and re.search(r"\w", text.replace("_", "")):
            out.append(Line(" ".join(text.split()), all_bold or style.startswith(("Heading", "Title"))))
    return out


def _strong(text: str) -> str:
    lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", text, re.S).groups()
    return f"{lead}**{core}**{trail}" if core else text


def _cell_text(cell) -> str:
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


def _grid(table: Table) -> Grid:
    """Cell texts by grid column; a cell spanning columns counts once, a vertical span repeats its text."""
    rows = []
    for row in table.rows:
        texts, previous = [], None
        for cell in row.cells:
            texts.append("" if cell._tc is previous else _cell_text(cell))
            previous = cell._tc
        rows.append(texts)
    return rows


_HEADER_WORDS = ("stt", "chi tieu", "noi dung", "don vi tinh", "dvt", "so lieu", "ghi chu", "ket qua")
# Codes as reports print them: I, II, 3, 3.1, 4.1.1, 3.4.2.a, A.1 (a final "." is dropped before matching).
CODE = re.compile(r"^(?:[IVXLC]+|[A-Z]|\d+)(?:\.(?:\d+|[a-z]))*$")


def distinct_cells(table: Table):
    """The table's cells row by row, a merged cell once (python-docx repeats it in every grid column it spans)."""
    for row in table.rows:
        seen = set()
        for cell in row.cells:
            if cell._tc not in seen:
                seen.add(cell._tc)
                yield cell


def is_header(cells: list[str]) -> bool:
    if cells and CODE.match(cells[0].replace(" ", "").rstrip(".")):
        return False
    return sum(any(w in fold(c) for w in _HEADER_WORDS) for c in cells) >= 2


def report_table(grid: Grid) -> bool:
    """A report's appendix: a header row naming its indicators ("Chỉ tiêu", "Nội dung") in its first rows."""
    return any(is_header(r) and any(w in fold(c) for c in r for w in ("chi tieu", "noi dung")) for r in grid[:3])


def read_blocks(document, data_table: Callable[[Grid], bool] = report_table) -> list:
    """Lines and data tables (Grid) in reading order, from a document opened by core/word_file.py; layout tables are
    read as lines.

    data_table tells a data table from a layout one (each kind of document has its own); a table right after a data
    table with as many columns is its continuation on the next page."""
    blocks: list = []

    def walk(container):
        for item in container.iter_inner_content():
            if not isinstance(item, Table):
                blocks.extend(_paragraph_lines(item))
                continue
            grid = _grid(item)
            headed = data_table(grid)
            follows = bool(blocks) and isinstance(blocks[-1], list) and grid and len(grid[0]) == len(blocks[-1][0])
            if headed or follows:
                blocks.append(grid)
                continue
            for cell in distinct_cells(item):
                walk(cell)

    walk(document)
    return blocks
