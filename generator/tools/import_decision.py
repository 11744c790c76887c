"""`cchc import DECISION.docx --province X`, step 1: the province chairman's decision as facts and rows.

The decision that publishes the list of procedures a province's communes handle, or one that amends it in parts
("sửa đổi, bổ sung", "bãi bỏ", "mới ban hành", "thay thế"), is read as printed: its heading (number, place and date,
the province that issued it), what Điều 1 says it lists, when it takes effect, and the appendix tables, whose columns
are known by their header's words, never by their position. A row is placed only under a part and a sector printed
above it; what cannot be placed is said with its table and row, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.core import official
from generator.core.problems import UserError, say
from generator.core.word_file import open_word_document, worded_document_errors
from generator.models.catalog import DanhMucLinhVuc

from .import_docx import Grid, Line, fold, read_blocks, sentence
from .import_narrative import PLACE_DATE, date_line, printed_date, sector_key

# A part's change, by the words of its heading; the first found counts, and a heading with two is said.
CHANGES = (("bai bo", "bai-bo"), ("moi ban hanh", "moi-ban-hanh"), ("ban hanh moi", "moi-ban-hanh"),
           ("thay the", "thay-the"), ("sua doi", "sua-doi"))
UNCLEAR = "?"  # a part whose heading names several changes
_NUMBER = re.compile(r"^Số\s*:?\s*(\d{1,5}/[A-ZĐ]{2,6}(?:-[A-Za-zĐđ0-9]{1,10}){1,3})\b")
_CODE = re.compile(r"^(\d\.\d{6})((?:\.[0-9A-Za-z]{1,6}){0,6})$")  # 1.000748, 1.000748.000.00.00.H62
_MARKER = re.compile(r"^(?:phần\s+)?(?:[IVXLC]+|[A-Za-z]|\d{1,2})\s*[.)/:]\s*", re.IGNORECASE)
_COUNT = re.compile(r"\b(\d{1,4}) (?:thu tuc hanh chinh|thu tuc|tthc)\b")
FACTS = ("ten", "thoi_han", "dia_diem", "phi_le_phi", "can_cu_phap_ly")


def _column(header: str) -> str | None:
    """What a header cell's words say its column holds; None for a column with no field (Ghi chú, Cơ quan…)."""
    f = fold(header)
    words = f.split()
    if "thay the" in f:  # "Tên TTHC được thay thế": another procedure, not this row's
        return None
    tests = (("stt", f in ("stt", "tt", "so tt", "so thu tu")), ("ma", words[:1] == ["ma"]),
             ("ten", words[:1] == ["ten"]), ("linh_vuc", f.startswith("linh vuc")), ("thoi_han", "thoi han" in f),
             ("dia_diem", "dia diem" in f), ("can_cu_phap_ly", "can cu" in f), ("phi_le_phi", "phi" in words))
    return next((name for name, found in tests if found), None)


def list_table(grid: Grid) -> bool:
    """A table of the appendix: three columns or more (the heading and signature blocks have two)."""
    return bool(grid) and len(grid[0]) >= 3


@dataclass
class Row:
    """One procedure row of the appendix."""

    where: str  # "bảng 2, dòng 5 (…)": the table and row as the clerk finds them in Word, and what they hold
    change: str | None  # the part's change; None: the list published
    facts: dict  # ma, ma_dia_phuong, ten, thoi_han, dia_diem, phi_le_phi, can_cu_phap_ly (None where not printed)
    sector: str | None  # the catalogue's code
    sector_printed: str | None  # the sector as printed, when the catalogue has none of that name


@dataclass
class Decision:
    so: str
    ngay: dt.date
    tinh: str
    trich_yeu: str
    hieu_luc: dt.date | None = None
    stated: list[tuple[int, str | None]] = field(default_factory=list)  # Điều 1's counts, each with its change
    read: dict[str | None, int] = field(default_factory=dict)  # procedure rows read, by change
    rows: list[Row] = field(default_factory=list)  # the rows that can be placed
    notes: list[str] = field(default_factory=list)  # what cannot be, row by row


def _change(text: str) -> str | None:
    """The change a heading or a sentence names; None if none, UNCLEAR if several."""
    found = {change for words, change in CHANGES if words in fold(text)}
    return found.pop() if len(found) == 1 else (UNCLEAR if found else None)


def _heading(lines: list[str], path: Path) -> dict:
    """Number, date, province and subject from the lines before Điều 1."""
    out: dict = {}
    title: list[str] | None = None
    for text in lines:
        f = fold(text)
        if title is not None:
            if f.startswith(("chu tich", "can cu", "uy ban", "ubnd", "dieu")):
                break
            title.append(text)
        elif (m := _NUMBER.match(text)) and "so" not in out:
            out["so"] = m.group(1)
        elif (m := PLACE_DATE.match(text)) and "ngay" not in out:
            out["ngay"] = date_line(m.group("ngay"))[1]
        elif f == "quyet dinh":
            title = []
        elif "tinh" not in out:
            body = re.sub(r"^(?:chu tich )?(?:uy ban nhan dan|ubnd) ", "", f)
            if body.startswith(("tinh ", "thanh pho ")):
                out["tinh"] = official.find_province(body) or text
    for key, missing in (("so", "nhap_qd_thieu_so"), ("ngay", "nhap_qd_thieu_ngay"), ("tinh", "nhap_qd_thieu_tinh")):
        if not out.get(key):
            raise UserError(say(missing, tep=path.name))
    if not title:
        raise UserError(say("nhap_qd_thieu_trich_yeu", tep=path.name))
    subject = re.sub(r"^về việc\s+", "", sentence(" ".join(title)), flags=re.IGNORECASE).removesuffix(".")
    out["trich_yeu"] = subject[:1].upper() + subject[1:]
    return out


def _articles(lines: list[str], decision: Decision) -> None:
    """Điều 1's counts, each with the change it names (none: the whole list); the date the decision takes effect."""
    text = " ".join(lines)
    first = re.split(r"\bĐiều 2\b", text, maxsplit=1)[0]
    folded = fold(first)
    counts = list(_COUNT.finditer(folded))
    for i, m in enumerate(counts):
        after = folded[m.end(): counts[i + 1].start() if i + 1 < len(counts) else len(folded)]
        decision.stated.append((int(m.group(1)), _change(after)))
    effect = re.search(r"hiệu lực(.*?)(?:\.\s|$)", text, re.IGNORECASE)
    if effect and not re.match(r"\s*(?:thi hành\s*)?(?:kể\s*)?từ ngày ký", effect.group(1), re.IGNORECASE):
        decision.hieu_luc = printed_date(effect.group(1))


class _Appendix:
    """The appendix's tables read in order, under the part and sector printed last."""

    def __init__(self, decision: Decision, sectors: DanhMucLinhVuc):
        self.decision = decision
        self.sectors = {key: s.ma for s in sectors.linh_vuc for key in (sector_key(s.ten), sector_key(s.ma))}
        self.change: str | None = None
        self.sector: str | None = None  # as printed
        self.columns: dict[str, int] | None = None  # of the table before, for one that continues it
        self.header: list[str] | None = None
        self.width = 0
        self.tables = 0

    def line(self, text: str) -> bool:
        """A heading printed between tables; False when the list ends (the procedures' full text follows)."""
        f = fold(text)
        if "noi dung cu the" in f:
            return False
        self.heading(text, in_table=False)
        return True

    def heading(self, text: str, in_table: bool) -> None:
        """A part ("Phần A. … được sửa đổi, bổ sung"; "Danh mục …") or a sector ("I. Lĩnh vực Hộ tịch")."""
        name = _MARKER.sub("", text).strip()
        f = fold(text)
        if fold(name).startswith("linh vuc") or ("linh vuc" in f and not _change(f)):
            self.sector = re.sub(r"^.*?lĩnh vực\s*", "", name, flags=re.IGNORECASE) or name
        elif _change(f) or f.startswith("phan ") or "danh muc" in f:
            self.change, self.sector = _change(f), None
        elif in_table:
            self.sector = name

    def table(self, grid: Grid) -> None:
        self.tables += 1
        header_at, columns = _header(grid)
        if columns is None and self.columns and len(grid[0]) == self.width:
            header_at, columns = -1, self.columns  # the table goes on after a page break, without its header
        where = say("nhap_qd_bang", bang=self.tables, dau=_printed(grid[max(header_at, 0)]))
        if columns is None:
            self.decision.notes.append(say("nhap_qd_bang_khong_tieu_de", bang=where))
            return
        if "ma" not in columns or "ten" not in columns:
            self.decision.notes.append(say("nhap_qd_bang_thieu_cot", bang=where))
            self.columns = None
            return
        if header_at >= 0:
            unread = [c for i, c in enumerate(grid[header_at]) if c and i not in columns.values()]
            if unread:
                self.decision.notes.append(say("nhap_qd_cot_bo_qua", bang=where, cot="”, “".join(unread)))
        self.columns, self.width = columns, len(grid[0])
        self.header = grid[header_at] if header_at >= 0 else self.header
        for number, cells in enumerate(grid[header_at + 1:], header_at + 2):
            self.row(cells, number)

    def cell(self, cells: list[str], name: str) -> str:
        """The text of a known column, on one line ("" where the row is shorter than its table)."""
        i = self.columns[name]
        return " ".join(cells[i].split()) if i < len(cells) else ""

    def row(self, cells: list[str], number: int) -> None:
        texts = [" ".join(c.split()) for c in cells if c.strip()]
        code, name = self.cell(cells, "ma"), self.cell(cells, "ten")
        if not texts or all(re.fullmatch(r"\(?\d{1,2}\)?", t) for t in texts):
            return  # empty, or the row numbering the columns: (1) (2) (3)
        if self.header and (fold(code), fold(name)) == (fold(self.cell(self.header, "ma")), fold(self.cell(self.header, "ten"))):
            return  # the header row again, on the next page
        where = say("nhap_qd_dong", bang=self.tables, dong=number, noi_dung=_printed(cells))
        if not code and (len(texts) == 1 or (len(texts) == 2 and re.fullmatch(r"(?:[IVXLC]+|[A-Z])\.?", texts[0]))):
            self.heading(" ".join(texts), in_table=True)
            return
        if not code and not name:
            self.decision.notes.append(say("nhap_qd_dong_khong_ro", dong=where))
            return
        self.decision.read[self.change] = self.decision.read.get(self.change, 0) + 1
        self.place(cells, code, where)

    def place(self, cells: list[str], code: str, where: str) -> None:
        if self.change == UNCLEAR:
            self.decision.notes.append(say("nhap_qd_phan_khong_ro", dong=where))
            return
        m = _CODE.fullmatch(re.sub(r"\s+", "", code))
        if m is None:
            self.decision.notes.append(say("nhap_qd_ma_sai" if code else "nhap_qd_khong_ma", dong=where, ma=code))
            return
        facts = {k: (self.cell(cells, k) or None) if k in self.columns else None for k in FACTS}
        facts |= {"ma": m.group(1), "ma_dia_phuong": m.group(0) if m.group(2) else None}
        printed = self.cell(cells, "linh_vuc") if "linh_vuc" in self.columns else self.sector
        sector = self.sectors.get(sector_key(printed)) if printed else None
        self.decision.rows.append(Row(where, self.change, facts, sector, printed if sector is None else None))


def _header(grid: Grid) -> tuple[int, dict[str, int] | None]:
    """The header row among the first three (two columns known or more) and its columns; -1, None when none is."""
    for at, cells in enumerate(grid[:3]):
        known = [(name, i) for i, c in enumerate(cells) if c and (name := _column(c))]
        if len(known) >= 2:
            columns: dict[str, int] = {}
            for name, i in known:
                columns.setdefault(name, i)  # a field printed in two columns keeps the first ("Tên" over "Tên …")
            return at, columns
    return -1, None


def _printed(cells: list[str], limit: int = 160) -> str:
    """A row as the clerk sees it in Word, cells apart, cut short."""
    text = " | ".join(" ".join(c.split()) for c in cells if c.strip())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def read_decision(path: Path, sectors: DanhMucLinhVuc) -> Decision:
    """The decision's facts and rows; a UserError if its heading lacks its number, date, province or subject, or the
    file is not a Word file of a decision's size and shape (core/word_file.py)."""
    with worded_document_errors(path):
        blocks = read_blocks(open_word_document(path), data_table=list_table)
    article = next((i for i, b in enumerate(blocks) if isinstance(b, Line) and fold(b.plain).startswith("dieu 1")), None)
    first_table = next((i for i, b in enumerate(blocks) if isinstance(b, list)), len(blocks))
    head_end = article if article is not None else first_table
    decision = Decision(**_heading([b.plain for b in blocks[:head_end] if isinstance(b, Line)], path))
    start = next((i for i in range(head_end, first_table) if isinstance(blocks[i], Line)
                  and fold(blocks[i].plain).startswith(("phu luc", "danh muc"))), first_table)
    _articles([b.plain for b in blocks[head_end:start] if isinstance(b, Line)], decision)
    appendix = _Appendix(decision, sectors)
    for block in blocks[start:]:
        if isinstance(block, list):
            appendix.table(block)
        elif not appendix.line(block.plain):
            break
    return decision
