"""`cchc import`: a CCHC report in Word (the seed's layout) → a draft period file.

A clerk who has the issued report as .docx should not retype a hundred figures.
The importer reads what it recognises (number and date lines, title, sections
I–V, plans and notices, sector counts, the staffing sentence, the appendix
tables, split or not, with repeated header rows) and writes a draft through the
same template as `cchc new`. Whatever it cannot place is printed and written as
comments at the end of the draft, never dropped: the draft is where the clerk
starts, `cchc validate` says what is still wrong.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from pydantic import TypeAdapter, ValidationError

from . import import_exported
from .models.catalog import ChiTieuMau, DanhMucKy, DanhMucLinhVuc, MauChiTieu
from .models.types import SoLieu
from .new_period import WorkflowError, appendix_rows, commune_folder, read_model, render_period, window, write_new
from .problems import say

# --- text helpers ----------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case, no diacritics, đ → d, punctuation → spaces: names compared as printed, typos aside."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9%]+", " ", text).split())


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio()


def _upper(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.upper()


def _sentence(text: str) -> str:
    """A heading printed in capitals, written the way the data writes titles."""
    return text[0] + text[1:].lower() if _upper(text) else text


def _date(text: str) -> dt.date | None:
    day, month, year = (int(x) for x in re.split(r"[/.-]", text))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_ITEM = re.compile(r"^\s*([-+•]|\d{1,3}[.)])\s+")
_ROMAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X)\.\s+(\S.*)$")
_NUMBERED = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
_NUMBER_LINE = re.compile(r"^Số\s*:?\s*(\d*)\s*/\s*([A-ZĐ][A-Za-zĐđ0-9-]*)\s*$")
_PLACE_DATE = re.compile(r"^(?P<noi>[^,]{2,60}),\s*(?P<ngay>ngày\b.*\bnăm\s+\d{4})\.?\s*$", re.IGNORECASE)
_DATE_WORDS = re.compile(r"ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})", re.IGNORECASE)
_WINDOW = re.compile(r"Số liệu (?:tính )?từ (?:ngày )?(\d{1,2}/\d{1,2}/\d{4}) đến (?:ngày )?(\d{1,2}/\d{1,2}/\d{4})", re.IGNORECASE)
_DOC = re.compile(
    r"(?P<loai>Kế hoạch|Thông báo) số:?\s*(?P<so>\d{1,5}/(?:KH|TB)(?:-[A-Za-zĐđ0-9]{1,10}){1,3})"
    r"\s+ngày\s+(?P<ngay>\d{1,2}/\d{1,2}/\d{4})\s+về\s+(?:việc\s+)?(?P<trich>.+?)(?=\.(?:\s|$)|$)"
)
_SECTOR = re.compile(r"^\d{1,2}[.)]\s*(?P<ten>Lĩnh vực\s.+?)\s*:\s*(?P<so>\d+)\s*(?:TTHC|thủ tục)\.?\s*$", re.IGNORECASE)
_CONTACT = ("gui qua", "gui den", "dia chi lien he", "so dien thoai", "dien thoai", "so fax", "fax", "dia chi thu dien tu", "thu dien tu", "email")
_URL = re.compile(r"(?<![<(])\b(https?://[^\s<>]+[^\s<>.,;:)])")
_NUMBER = TypeAdapter(SoLieu)


# --- the Word document as lines and tables -----------------------------------------


@dataclass
class Line:
    text: str  # with **bold** kept for the narrative
    strong: bool  # a heading style, or bold all through

    @property
    def plain(self) -> str:
        return self.text.replace("**", "")


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
        if text.strip():
            out.append(Line(" ".join(text.split()), all_bold or style.startswith(("Heading", "Title"))))
    return out


def _strong(text: str) -> str:
    lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", text, re.S).groups()
    return f"{lead}**{core}**{trail}" if core else text


def _cell_text(cell) -> str:
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


def _grid(table: Table) -> list[list[str]]:
    """Cell texts by grid column; a cell spanning columns counts once, a vertical span repeats its text."""
    rows = []
    for row in table.rows:
        texts, previous = [], None
        for cell in row.cells:
            texts.append("" if cell._tc is previous else _cell_text(cell))
            previous = cell._tc
        rows.append(texts)
    return rows


_HEADER_WORDS = ("stt", "chi tieu", "don vi tinh", "so lieu", "ghi chu", "ket qua")
_CODE = re.compile(r"^\d+(?:\.\d+)*$")


def _is_header(cells: list[str]) -> bool:
    if cells and _CODE.match(cells[0].strip().rstrip(".")):
        return False
    return sum(any(w in fold(c) for w in _HEADER_WORDS) for c in cells) >= 2


def _read_blocks(path: Path) -> list:
    """Lines and appendix tables (list of cell-text rows) in reading order; layout tables are read as lines."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise WorkflowError(say("nhap_khong_doc_duoc", tep=path)) from None
    blocks: list = []

    def walk(container):
        for item in container.iter_inner_content():
            if not isinstance(item, Table):
                blocks.extend(_paragraph_lines(item))
                continue
            grid = _grid(item)
            headed = any(_is_header(r) and any("chi tieu" in fold(c) for c in r) for r in grid[:3])
            follows = bool(blocks) and isinstance(blocks[-1], list) and grid and len(grid[0]) == len(blocks[-1][0])
            if headed or follows:
                blocks.append(grid)
                continue
            for row in item.rows:
                seen = set()
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        walk(cell)

    walk(document)
    return blocks


def _join_broken(lines: list[Line]) -> list[Line]:
    """Lines a page break cut in two (the next starts in lower case or with a date) are one paragraph."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        first, last = line.plain[:1], prev.plain.rstrip()[-1:] if prev else ""
        continues = first.islower() or (first.isdigit() and last.isalpha() and not _ITEM.match(line.plain))
        if prev and not prev.strong and continues and last not in (".", ":", ";", "!", "?"):
            out[-1] = Line(f"{prev.text} {line.text}", False)
        else:
            out.append(line)
    return out


# --- the narrative ------------------------------------------------------------------


class _Narrative:
    """Reads the report part: heading block, sections, plans, notices, sectors, signatories."""

    def __init__(self, sectors: DanhMucLinhVuc, notes: list[str]):
        self.sectors = sectors
        self.notes = notes
        self.bao_cao: dict = {"phan": []}
        self.docs = {"ke_hoach": [], "thong_bao": []}
        self.mentions: list[tuple[str, int, bool]] = []  # (kind, index, "tiếp tục" written before it)
        self.linh_vuc: list[dict] = []
        self.nhan_su: dict | None = None
        self.contacts: list[str] = []
        self.window: tuple[dt.date, dt.date] | None = None
        self.inserted: set[str] = set()
        self.run: str | None = None  # the structured block the previous paragraph went into

    def read(self, lines: list[Line]) -> None:
        i = self._head(lines)
        tail = next((j for j in range(i, len(lines)) if fold(lines[j].plain).startswith("noi nhan")), len(lines))
        self._body(lines[i:tail])
        self._tail(lines[tail + 1 :])

    def _head(self, lines: list[Line]) -> int:
        """Number, place and date, title, the opening paragraphs; returns where section I starts."""
        title_at = None
        opening: list[str] = []
        for i, line in enumerate(lines):
            text = line.plain
            if _ROMAN.match(text) and title_at is not None:
                self._opening(opening)
                return i
            if (m := _NUMBER_LINE.match(text)) and title_at is None:
                self.bao_cao["so"] = int(m.group(1)) if m.group(1) else None
                self.bao_cao["ky_hieu"] = m.group(2)
            elif (m := _PLACE_DATE.match(text)) and title_at is None:
                self.bao_cao["dia_danh"] = m.group("noi").strip()
                self.bao_cao["ngay_ghi"], self.bao_cao["ngay_ban_hanh"] = _date_line(m.group("ngay"))
            elif fold(text) == "bao cao" and title_at is None:
                title_at = i + 1
            elif title_at == i:
                self.bao_cao["tieu_de"] = text
            elif title_at is not None:
                opening.append(_links(line.text))
            elif not (_upper(text) or fold(text).startswith("doc lap")):
                self.notes.append(say("nhap_doan_khong_ro", van_ban=text))
        self._opening(opening)
        return len(lines)

    def _opening(self, paragraphs: list[str]) -> None:
        lead = next((k for k, p in enumerate(paragraphs) if "như sau" in p or _WINDOW.search(p)), min(1, len(paragraphs)))
        if paragraphs[:lead]:
            self.bao_cao["can_cu"] = " ".join(paragraphs[:lead])
        if paragraphs[lead:]:
            self.bao_cao["mo_dau"] = "\n\n".join(paragraphs[lead:])
        for p in paragraphs:
            if m := _WINDOW.search(p):
                start, end = _date(m.group(1)), _date(m.group(2))
                if start and end:
                    self.window = (start, end)

    def _body(self, lines: list[Line]) -> None:
        top = section = None
        expected = 1
        for line in lines:
            text = line.plain
            if m := _ROMAN.match(text):
                top = section = {"so": m.group(1), "tieu_de": _sentence(m.group(2).strip())}
                self.bao_cao["phan"].append(top)
                expected, self.run = 1, None
                continue
            if section is None:
                continue
            m = _NUMBERED.match(text)
            heading_like = line.strong or (len(text) <= 120 and not text.endswith((".", ";", ":", ",")))
            if m and int(m.group(1)) == expected and heading_like and not _SECTOR.match(text):
                section = {"so": m.group(1), "tieu_de": _sentence(m.group(2).strip())}
                top.setdefault("muc", []).append(section)
                expected, self.run = expected + 1, None
                continue
            self._paragraph(section, line)

    def _paragraph(self, section: dict, line: Line) -> None:
        text = _links(line.text)
        items = section.setdefault("noi_dung", [])
        block = self._structured(line.plain)
        if block is not None and block not in self.inserted:
            self.inserted.add(block)
            items.append({"chen": block})
        elif block is None or block != self.run:
            # Plain text, or a list the report prints a second time: kept as written.
            if items and isinstance(items[-1], str) and _marker(text) and _marker(text) == _marker(items[-1].split("\n")[-1]):
                items[-1] += "\n" + text
            else:
                items.append(text)
        self.run = block

    def _structured(self, plain: str) -> str | None:
        """The structured block this paragraph is an entry of, its content recorded; None for plain text."""
        if m := _SECTOR.match(plain):
            self._sector(m.group("ten"), int(m.group("so")))
            return "linh_vuc"
        if fold(plain).startswith(_CONTACT):
            self.contacts.append(plain)
            return "kenh_phan_anh"
        if staff := _staffing(plain):
            self.nhan_su = self.nhan_su or staff
            return "nhan_su"
        listed = next((kind for kind in ("ke_hoach", "thong_bao") if self._only_new_document(plain, kind)), None)
        self._documents(plain)
        return listed

    def _only_new_document(self, plain: str, kind: str) -> bool:
        """A paragraph that is one not-yet-seen plan (or notice) and little else: an entry of the printed list."""
        matches = [m for m in _DOC.finditer(plain) if _KIND[m.group("loai")] == kind]
        if len(matches) != 1 or matches[0].start() > 40 or plain[matches[0].end() :].strip(" .") != "":
            return False
        m = matches[0]
        return _date(m.group("ngay")) is not None and not any(d["so"] == m.group("so") for d in self.docs[kind])

    def _documents(self, plain: str) -> None:
        for m in _DOC.finditer(plain):
            kind = _KIND[m.group("loai")]
            if any(d["so"] == m.group("so") for d in self.docs[kind]):
                continue
            if _date(m.group("ngay")) is None:
                self.notes.append(say("nhap_ngay_sai", loai=m.group("loai"), so=m.group("so"), ngay=m.group("ngay")))
                continue
            trich = m.group("trich").strip()
            self.docs[kind].append({"so": m.group("so"), "ngay": _date(m.group("ngay")), "trich_yeu": trich[:1].upper() + trich[1:]})
            self.mentions.append((kind, len(self.docs[kind]) - 1, "tiep tuc" in fold(plain[: m.start()])))

    def _sector(self, printed: str, count: int) -> None:
        code = match_sector(printed, self.sectors)
        if code is None:
            self.notes.append(say("nhap_linh_vuc_khong_khop", ten=printed, so=count))
        elif any(s["linh_vuc"] == code for s in self.linh_vuc):
            self.notes.append(say("nhap_linh_vuc_lap", ten=printed, so=count, ma=code))
        else:
            self.linh_vuc.append({"linh_vuc": code, "so_thu_tuc": count, "ten_trong_bao_cao": printed})

    def _tail(self, lines: list[Line]) -> None:
        """Recipients, then the signature block."""
        recipients, signer = [], {}
        for line in lines:
            text = line.plain
            if _ITEM.match(text) and not signer:
                recipients.append(_ITEM.sub("", text, count=1))
            elif _upper(text) and "ho_ten" not in signer:
                key = "tm" if text.startswith("TM.") else "chuc_vu"
                signer.setdefault("chuc_vu", [])
                if key == "tm":
                    signer["tm"] = text
                else:
                    signer["chuc_vu"].append(text)
            elif signer and "ho_ten" not in signer:
                signer["ho_ten"] = text
            else:
                self.notes.append(say("nhap_doan_khong_ro", van_ban=text))
        if recipients:
            self.bao_cao["noi_nhan"] = recipients
        if signer:
            self.bao_cao["nguoi_ky"] = {k: signer[k] for k in ("tm", "chuc_vu", "ho_ten") if signer.get(k)}

    def documents(self, start: dt.date | None) -> dict[str, list]:
        """Plans and notices in order of first mention; "tiếp tục" or dated before the window: carried on."""
        for kind, index, carried in self.mentions:
            doc = self.docs[kind][index]
            if carried or (start and doc["ngay"] < start):
                doc["tiep_tuc"] = True
        return self.docs


_KIND = {"Kế hoạch": "ke_hoach", "Thông báo": "thong_bao"}


def _marker(text: str) -> str | None:
    """The kind of list item a line is ("-", "+", "•" or "1."), so that only like items are grouped."""
    m = _ITEM.match(text)
    return None if m is None else ("1." if m.group(1)[0].isdigit() else m.group(1))


def _links(text: str) -> str:
    return _URL.sub(r"<\1>", text)


def _date_line(printed: str) -> tuple[str, dt.date | None]:
    """The date line as the data keeps it ("ngày … tháng 3 năm 2024"), and the date when it is complete."""
    m = _DATE_WORDS.search(printed)
    if not m:
        return " ".join(printed.split()), None
    day, month, year = m.groups()
    shown = f"ngày {day or '…'} tháng {month or '…'} năm {year}"
    date = dt.date(int(year), int(month), int(day)) if day and month and _date(f"{day}/{month}/{year}") else None
    return shown, date


def _staffing(plain: str) -> dict | None:
    """The staffing sentence: "có 21 biên chế …, 12/12 cán bộ đạt chuẩn, 07/07 công chức …, còn thiếu …"."""
    bien_che = re.search(r"(\d+)\s+biên chế", plain)
    can_bo = re.search(r"(\d+)\s*/\s*(\d+)\s+cán bộ", plain)
    cong_chuc = re.search(r"(\d+)\s*/\s*(\d+)\s+công chức", plain)
    if not (bien_che and can_bo and cong_chuc):
        return None
    missing = re.search(r"còn thiếu\s+(.+?)\.?$", plain)
    posts = re.split(r",\s*|\s+và\s+", missing.group(1)) if missing else []
    return {
        "bien_che": int(bien_che.group(1)),
        "can_bo": int(can_bo.group(2)),
        "can_bo_dat_chuan": int(can_bo.group(1)),
        "cong_chuc": int(cong_chuc.group(2)),
        "cong_chuc_dat_chuan": int(cong_chuc.group(1)),
        "chuc_danh_con_thieu": [re.sub(r"^\d+\s+(chức danh|công chức|cán bộ)\s+", "", p).strip() for p in posts if p.strip()],
    }


def match_sector(printed: str, sectors: DanhMucLinhVuc) -> str | None:
    """The catalogue sector a printed name means ("Lĩnh vực giao thông vận tải" → giao-thong-van-tai)."""

    def key(text: str) -> str:
        words = fold(text).split()
        if words[:2] == ["linh", "vuc"]:
            words = words[2:]
        return " ".join(w for w in words if w != "va")

    target = key(printed)
    scored = [(max(difflib.SequenceMatcher(None, target, key(s.ten)).ratio(),
                   difflib.SequenceMatcher(None, target, key(s.ma)).ratio()), s.ma) for s in sectors.linh_vuc]
    score, code = max(scored)
    return code if score >= 0.8 else None


# --- the appendix tables ---------------------------------------------------------


@dataclass
class _Row:
    stt: str
    label: str
    unit: str
    value: str
    note: str
    ma: str | None = None


_DASHES = ("-", "–", "—")


class _Appendix:
    """Matches appendix rows to the template: by code, "Trong đó" rows by order, the rest by label."""

    def __init__(self, template: MauChiTieu, notes: list[str]):
        self.template = template
        self.notes = notes
        self.rows = [row for row, _, _ in template.rows()]
        self.by_code = {row.ma: row for row in self.rows}
        self.found: list[_Row] = []
        self.used: set[str] = set()
        self.parent: ChiTieuMau | None = None
        self.next_part = 0

    def read(self, grids: list[list[list[str]]]) -> None:
        columns = {"stt": 0, "label": 1, "unit": 2, "value": 3, "note": 4}
        for grid in grids:
            for cells in grid:
                if _is_header(cells):
                    for i, text in enumerate(cells):
                        name = next((n for w, n in _COLUMNS if w in fold(text)), None)
                        if name:
                            columns[name] = i
                    continue
                get = {name: (cells[i].strip() if i < len(cells) else "") for name, i in columns.items()}
                self.add(_Row(**get))

    def add(self, row: _Row) -> None:
        if not any((row.stt, row.label, row.unit, row.value, row.note)):
            return
        last = self.found[-1] if self.found else None
        if last and self._continues(last, row):
            last.label = f"{last.label} {row.label}".strip()
            last.unit, last.value, last.note = last.unit or row.unit, last.value or row.value, last.note or row.note
            return
        row.ma = self._resolve(row)
        if row.ma:
            self.used.add(row.ma)
        self.found.append(row)

    def _continues(self, last: _Row, row: _Row) -> bool:
        """The rest of the previous row's label, cut by a page or table break ("Trong" / "đó" in the code cell)."""
        if last.ma is None or fold(row.stt) not in ("", "do") or not row.label:
            return False
        if (row.unit or row.value) and (last.unit or last.value):
            return False
        name = self.by_code[last.ma].ten
        return similarity(f"{last.label} {row.label}", name) > similarity(last.label, name) + 0.02

    def _resolve(self, row: _Row) -> str | None:
        code = row.stt.replace(" ", "").rstrip(".")
        if _CODE.match(code):
            ma = self._coded(code, row)
            found = self.by_code.get(ma) if ma else None
            self.parent, self.next_part = (found if found and found.trong_do else None), 0
            return ma
        if fold(row.stt) in ("trong do", "trong", "do", "") and self.parent is not None:
            return self._component(row)
        ma = self._by_label(row.label)
        if ma:
            self.notes.append(say("nhap_ma_theo_ten", stt=row.stt, ma=ma, ten=row.label))
        return ma

    def _coded(self, code: str, row: _Row) -> str | None:
        known = self.by_code.get(code)
        score = similarity(row.label, known.ten) if known and row.label else float(known is not None)
        if score >= 0.6:
            return code
        best = self._by_label(row.label)
        if best and similarity(row.label, self.by_code[best].ten) > score + 0.2:
            self.notes.append(say("nhap_ma_theo_ten", stt=row.stt, ma=best, ten=row.label))
            return best
        return code if known else None

    def _component(self, row: _Row) -> str | None:
        rest = self.parent.trong_do[self.next_part :]
        if not rest:
            return self._by_label(row.label)
        pick = rest[0]
        if row.label and similarity(row.label, pick.ten) < 0.6:
            scores = [similarity(row.label, part.ten) for part in rest]
            best = max(range(len(rest)), key=scores.__getitem__)
            if scores[best] < 0.8:
                return self._by_label(row.label)
            pick = rest[best]
        self.next_part = self.parent.trong_do.index(pick) + 1
        return pick.ma

    def _by_label(self, label: str) -> str | None:
        """The unused template row whose name is closest, if close enough; ties go to the earlier row."""
        if not label:
            return None
        scored = [(similarity(label, row.ten), -i, row.ma) for i, row in enumerate(self.rows) if row.ma not in self.used]
        if not scored:
            return None
        score, _, code = max(scored)
        return code if score >= 0.8 else None

    def entries(self) -> dict:
        """What to write for each matched code: a number, or {gia_tri|so_lieu_bao_cao, ghi_chu}."""
        out: dict = {}
        for row in self.found:
            if row.ma is None:
                self.notes.append(say("nhap_dong_bang", stt=row.stt, ten=row.label, so_lieu=row.value, mau=self.template.phien_ban))
                continue
            if row.ma in out:
                self.notes.append(say("nhap_ma_lap", ma=row.ma, gia_tri=row.value))
                continue
            out[row.ma] = self._entry(row, self.by_code[row.ma])
        missing = [r.ma for r in self.rows if r.ma not in out and r.kieu != "nhom" and not r.tu_so]
        if missing:
            self.notes.append(say("nhap_thieu_chi_tieu", cac_ma=", ".join(missing)))
        return {code: entry for code, entry in out.items() if entry is not None}

    def _entry(self, row: _Row, template_row: ChiTieuMau):
        entry: dict = {}
        unit, value = row.unit.strip(), row.value.strip()
        if unit and unit not in _DASHES and template_row.don_vi and fold(unit) != fold(template_row.don_vi):
            self.notes.append(say("nhap_don_vi_khac", ma=row.ma, don_vi=unit, don_vi_mau=template_row.don_vi))
        if value in _DASHES:
            entry["ghi_chu"] = say("ghi_chu_gach_ngang_ca_don_vi" if unit in _DASHES else "ghi_chu_gach_ngang")
        elif value:
            try:
                number = _NUMBER.validate_python(value.removesuffix("%").strip())
            except ValidationError:
                self.notes.append(say("nhap_so_lieu_sai", ma=row.ma, gia_tri=value))
            else:
                entry["so_lieu_bao_cao" if template_row.tu_so or template_row.kieu == "nhom" else "gia_tri"] = number
        if row.note:
            entry["ghi_chu"] = f"{entry['ghi_chu']} {row.note}" if "ghi_chu" in entry else row.note
        if list(entry) == ["gia_tri"]:
            return entry["gia_tri"]
        return entry or None


_COLUMNS = (("stt", "stt"), ("chi tieu", "label"), ("don vi", "unit"), ("so lieu", "value"), ("ghi chu", "note"))


def _appendix_footer(lines: list[Line], phu_luc: dict, notes: list[str]) -> None:
    """Place and date of the appendix, who prepared it and who signed it."""
    signer: dict = {}
    preparer_next = False
    for line in lines:
        text = line.plain
        if fold(text).startswith(("phu luc", "kem theo")) or (text.startswith("(") and "kèm theo" in text.lower()):
            continue
        if (m := _PLACE_DATE.match(text)) and "ho_ten" not in signer:
            phu_luc["dia_danh"] = m.group("noi").strip()
            phu_luc["ngay_lap"] = _date_line(m.group("ngay"))[1]
        elif fold(text) == "nguoi lap bieu":
            preparer_next = True
        elif _upper(text) and "ho_ten" not in signer:
            if not signer and not phu_luc.get("dia_danh"):
                continue  # the appendix's title lines
            preparer_next = False
            signer.setdefault("chuc_vu", []).append(text)
        elif preparer_next:
            phu_luc["nguoi_lap"], preparer_next = text, False
        elif signer and "ho_ten" not in signer:
            signer["ho_ten"] = text
        else:
            notes.append(say("nhap_doan_khong_ro", van_ban=text))
    if signer.get("ho_ten"):
        tm = [t for t in signer["chuc_vu"] if t.startswith("TM.")]
        phu_luc["nguoi_ky"] = {**({"tm": tm[0]} if tm else {}), "chuc_vu": [t for t in signer["chuc_vu"] if t not in tm], "ho_ten": signer["ho_ten"]}


# --- putting it together -------------------------------------------------------------


def _period(kinds: DanhMucKy, narrative: _Narrative) -> tuple[int | None, object]:
    """Year and period kind: from the data window if it matches a kind, else from the title."""
    if narrative.window:
        start, end = narrative.window
        for kind in kinds.loai_ky:
            if window(kind, end.year) == (start, end):
                return end.year, kind
    title = fold(narrative.bao_cao.get("tieu_de", ""))
    year = re.search(r"\bnam (\d{4})\b", title)
    by_length = sorted(kinds.loai_ky, key=lambda k: (fold(k.ten) == "nam", -len(fold(k.ten))))
    kind = next((k for k in by_length if re.search(rf"\b{re.escape(fold(k.ten))}\b", title)), None)
    return (int(year.group(1)) if year else None), kind


def _template(data_dir: Path, year: int | None) -> MauChiTieu:
    paths = sorted((data_dir / "danh-muc" / "chi-tieu").glob("*.yaml"))
    if not paths:
        raise WorkflowError(say("nhap_khong_co_mau"))
    earlier = [p for p in paths if year is not None and p.stem <= str(year)]
    return read_model((earlier or paths)[-1], MauChiTieu)


def import_report(report: Path, commune: str, out: Path | None, data_dir: Path) -> tuple[Path, dict, list[str]]:
    """Read the .docx and write the draft; return (written path, what was read, what was not placed)."""
    if (exported := import_exported.import_report(report, commune, out, data_dir)) is not None:
        return exported  # a report `cchc export` wrote: read back exactly, by its styles
    folder = commune_folder(data_dir, commune)
    sectors = read_model(data_dir / "danh-muc" / "linh-vuc.yaml", DanhMucLinhVuc)
    kinds = read_model(data_dir / "danh-muc" / "ky-bao-cao.yaml", DanhMucKy)
    blocks = _read_blocks(report)
    first_table = next((i for i, b in enumerate(blocks) if isinstance(b, list)), len(blocks))
    start = next((i for i, b in enumerate(blocks[:first_table]) if isinstance(b, Line) and fold(b.plain) == "phu luc"), first_table)
    notes: list[str] = []
    narrative = _Narrative(sectors, notes)
    narrative.read(_join_broken([b for b in blocks[:start] if isinstance(b, Line)]))
    year, kind = _period(kinds, narrative)
    if year is None or kind is None:
        notes.append(say("nhap_khong_thay_ky"))
    tu, den = narrative.window or (window(kind, year) if year and kind else (None, None))
    template = _template(data_dir, year)
    appendix = _Appendix(template, notes)
    appendix.read([b for b in blocks[start:] if isinstance(b, list)])
    phu_luc: dict = {"mau": template.phien_ban}
    _appendix_footer([b for b in blocks[start:] if isinstance(b, Line)], phu_luc, notes)
    entries = appendix.entries()
    notes.extend(say("nhap_kenh_phan_anh", van_ban=c) for c in narrative.contacts)
    docs = narrative.documents(tu)
    if out is None:
        if year is None or kind is None:
            raise WorkflowError(say("nhap_can_out", tep=report, xa=commune), 2)
        out = folder / f"{year}-{kind.ma}.yaml"
    text = render_period(
        header=[say("nhap_dau_tep", tep=report.name)],
        nam=year, loai_ky=kind.ma if kind else None, tu_ngay=tu, den_ngay=den,
        bao_cao=narrative.bao_cao | ({} if narrative.bao_cao["phan"] else {"phan": None}),
        ke_hoach=docs["ke_hoach"], thong_bao=docs["thong_bao"], linh_vuc=narrative.linh_vuc, nhan_su=narrative.nhan_su,
        phu_luc=phu_luc, rows=appendix_rows(template, entries),
        trailing=[say("nhap_cuoi_tep")] + ["- " + " ".join(n.split()) for n in notes] if notes else [],
    )
    write_new(out, text)
    counts = {"chi_tieu": len(entries), "ke_hoach": len(docs["ke_hoach"]), "thong_bao": len(docs["thong_bao"]), "linh_vuc": len(narrative.linh_vuc)}
    return out, counts, notes


def command(args) -> str:
    """`cchc import REPORT.docx --commune SLUG [--out FILE] [--data data]`: notes on stderr, summary returned."""
    out, counts, notes = import_report(Path(args.report), args.commune, Path(args.out) if args.out else None, Path(args.data))
    for note in notes:
        print(say("nhap_chua_dua_vao", noi_dung=note), file=sys.stderr)
    return say("nhap_da_ghi", tep=out, so_chi_tieu=counts["chi_tieu"], so_ke_hoach=counts["ke_hoach"],
               so_thong_bao=counts["thong_bao"], so_linh_vuc=counts["linh_vuc"], so_chua_dua_vao=len(notes))
