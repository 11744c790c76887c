"""Word files of a province chairman's decision on the procedures of its communes, built with python-docx as the
provinces print them: the heading and signature blocks as borderless two-column tables, Điều 1 stating the count,
and an appendix whose tables have sector rows spanning every column (merged cells), the header row printed again
on every page, cells of several lines and codes with the province's suffix. An amending decision has its parts
("Phần A … sửa đổi, bổ sung", "Phần B … bãi bỏ") as headings between tables or as rows inside one table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK

# (printed title, key of a row's dict): the columns as most provinces print them.
HEADER = (("STT", "stt"), ("Mã TTHC", "ma"), ("Tên thủ tục hành chính", "ten"), ("Thời hạn giải quyết", "thoi_han"),
          ("Địa điểm thực hiện", "dia_diem"), ("Phí, lệ phí (nếu có)", "phi"), ("Căn cứ pháp lý", "can_cu"))


@dataclass
class Part:
    """One part of the appendix: its heading (None: the list published), and its rows under their sectors.

    sectors: (sector heading, rows), each row a dict by the header's keys (a cell's lines separated by "\\n", a key
    left out: an empty cell); in_table: the heading is a row spanning the table, not a paragraph above its own table."""

    heading: str | None
    sectors: list[tuple[str, list[dict]]]
    header: tuple[tuple[str, str], ...] = HEADER
    in_table: bool = False
    continued_after: int | None = None  # after this many rows the table goes on in a new one, without header


@dataclass
class Decision:
    number: str = "1234/QĐ-UBND"
    issuer: str = "TỈNH CÀ MAU"
    place_date: str = "Cà Mau, ngày 30 tháng 6 năm 2025"
    subject: str = ("Về việc công bố Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của Ủy ban nhân dân "
                    "cấp xã trên địa bàn tỉnh Cà Mau")
    article_1: str = "Điều 1. Công bố kèm theo Quyết định này Danh mục {n} thủ tục hành chính thuộc thẩm quyền giải " \
                     "quyết của Ủy ban nhân dân cấp xã trên địa bàn tỉnh Cà Mau (có Danh mục kèm theo)."
    count: int | None = None  # None: counted from the parts
    effective: str = "kể từ ngày 01 tháng 7 năm 2025"
    parts: list[Part] = field(default_factory=list)
    page_rows: int = 4  # the header row is printed again after this many rows


def _fill(cell, lines, bold: bool = False) -> None:
    for i, text in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.add_run(text).bold = bold


def _two_columns(document, left, right) -> None:
    table = document.add_table(rows=1, cols=2)
    _fill(table.cell(0, 0), left, bold=True)
    _fill(table.cell(0, 1), right)


def _spanning(table, text: str) -> None:
    """A row whose one cell spans every column (a sector or a part), as Word merges it."""
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    _fill(merged, [text], bold=True)


def _cells(table, values) -> None:
    row = table.add_row()
    for cell, value in zip(row.cells, values):
        _fill(cell, value.split("\n"))


def _part_table(document, part: Part, page_rows: int, table=None):
    if table is None:
        table = document.add_table(rows=0, cols=len(part.header))
        table.style = "Table Grid"
        _cells(table, [title for title, _ in part.header])
    if part.in_table and part.heading:
        _spanning(table, part.heading)
    printed = 0
    for sector, rows in part.sectors:
        if sector:
            _spanning(table, sector)
        for values in rows:
            if printed and printed == part.continued_after:
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                table = document.add_table(rows=0, cols=len(part.header))
                table.style = "Table Grid"
            elif printed and printed % page_rows == 0:
                _cells(table, [title for title, _ in part.header])  # the next page starts with the header row again
            _cells(table, [values.get(key, "") for _, key in part.header])
            printed += 1
    return table


def build(path: Path, decision: Decision) -> Path:
    document = docx.Document()
    _two_columns(document, ["ỦY BAN NHÂN DÂN", decision.issuer, "_______", f"Số: {decision.number}"],
                 ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "________________",
                  decision.place_date])
    for text in ("QUYẾT ĐỊNH", decision.subject, f"CHỦ TỊCH ỦY BAN NHÂN DÂN {decision.issuer}",
                 "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
                 "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ về kiểm soát thủ tục hành chính;",
                 "Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.", "QUYẾT ĐỊNH:"):
        document.add_paragraph(text)
    count = decision.count if decision.count is not None else sum(
        len(rows) for part in decision.parts for _, rows in part.sectors)
    document.add_paragraph(decision.article_1.format(n=f"{count:02d}"))
    document.add_paragraph(f"Điều 2. Quyết định này có hiệu lực thi hành {decision.effective}.")
    document.add_paragraph("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân các xã, phường "
                           "chịu trách nhiệm thi hành Quyết định này./.")
    _two_columns(document, ["Nơi nhận:", "- Như Điều 3;", "- Cục Kiểm soát TTHC, Văn phòng Chính phủ;", "- Lưu: VT, KSTTHC."],
                 ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Nguyễn Văn An"])
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("PHỤ LỤC")
    document.add_paragraph(f"(Kèm theo Quyết định số {decision.number} của Chủ tịch Ủy ban nhân dân {decision.issuer.lower()})")
    table = None
    for part in decision.parts:
        if part.heading and not part.in_table:
            document.add_paragraph(part.heading)
            table = None
        table = _part_table(document, part, decision.page_rows, table if part.in_table else None)
    document.save(str(path))
    return path
