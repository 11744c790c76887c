"""`cchc import`, step 3: the appendix table, and the indicator template whose rows it prints.

A value goes only under a template row that means the same thing: a table
matches a template only when its rows are that template's rows (code, label and
unit, small typing differences aside), and within it each row is placed only
where its label and unit agree. A code alone never decides: the post-reform
"3.1 TTHC cung cấp dịch vụ công trực tuyến toàn trình" is not 2024's "3.1 Thống
kê TTHC". A table that matches no template becomes a draft template of its own
(`draft_template`), which the next report printing the same table matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError

from generator.core.problems import say
from generator.models.catalog import ChiTieuMau, MauChiTieu
from generator.models.types import SoLieu

from .import_docx import CODE, Grid, fold, is_header, sentence, similarity

_NUMBER = TypeAdapter(SoLieu)
_DASHES = ("-", "–", "—")
# Column headings as printed → column; a later header row overrides ("Kết quả" over "Đơn vị tính" and "Số liệu").
_COLUMNS = (("stt", "stt"), ("chi tieu", "label"), ("noi dung", "label"), ("don vi", "unit"), ("dvt", "unit"),
            ("so lieu", "value"), ("gia tri", "value"), ("ket qua", "value"), ("ghi chu", "note"))
_PART = ("trong do", "trong", "do")
_SCALE = re.compile(r"(\S[^=]*?)\s*=\s*(\d+)")
FIT = 0.9  # share of the table's rows found in the template, and of the template's rows found in the table


@dataclass
class TableRow:
    stt: str
    label: str
    unit: str
    value: str
    note: str
    code: str | None = None  # the printed code without its final "." ("1.1." → "1.1"); None for other rows
    part: bool = False  # a "Trong đó" row, or a row without code under a coded row


def table_rows(grids: list[Grid]) -> tuple[list[TableRow], str]:
    """The appendix rows, a label cut by a page or table break joined again; and the label column's heading."""
    columns = {"stt": 0, "label": 1, "unit": 2, "value": 3, "note": 4}
    heading = ""
    rows: list[TableRow] = []
    for grid in grids:
        for cells in grid:
            if is_header(cells):
                for i, text in enumerate(cells):
                    name = next((n for w, n in _COLUMNS if w in fold(text) or (w == "stt" and fold(text) in ("ma", "ma so"))), None)
                    if name:
                        columns[name] = i
                        heading = text if name == "label" else heading
                continue
            row = TableRow(**{name: (cells[i].strip() if i < len(cells) else "") for name, i in columns.items()})
            last = rows[-1] if rows else None
            if last and _continues(last, row):
                last.label = f"{last.label} {row.label}".strip()
                last.unit, last.value, last.note = last.unit or row.unit, last.value or row.value, last.note or row.note
                continue
            code = row.stt.replace(" ", "").rstrip(".")
            if CODE.match(code):
                row.code = code
            else:
                # "Trong đó", "a)", "-", or no code under a coded row: a component of the row above.
                row.part = fold(row.stt) in _PART or bool(re.fullmatch(r"[a-zđ][.)]?|[-+•]", row.stt)) or (
                    not row.stt and last is not None and (last.code is not None or last.part))
            if any((row.label, row.unit, row.value, row.note)):
                rows.append(row)
    return _qualified(rows), heading


def _qualified(rows: list[TableRow]) -> list[TableRow]:
    """Numbering that starts again in each Roman group (I: 1, 2; II: 1, 2) gets the group in its codes (I.1, II.1),
    so that no two rows share a code; the printed number stays in stt."""
    group, seen, repeated = None, {}, False
    for row in rows:
        if row.code and re.fullmatch(r"[IVXLC]+", row.code):
            group = row.code
        elif row.code:
            repeated = repeated or seen.setdefault(row.code, group) != group
    if repeated:
        group = None
        for row in rows:
            if row.code and re.fullmatch(r"[IVXLC]+", row.code):
                group = row.code
            elif row.code and group:
                row.code = f"{group}.{row.code}"
    return rows


def _continues(last: TableRow, row: TableRow) -> bool:
    """The rest of the previous row's label ("… nghĩa vụ tài" / "chính"), its code cell blank or "đó"."""
    if fold(row.stt) not in ("", "do") or not row.label or not row.label[:1].islower():
        return False
    return not ((row.unit or row.value) and (last.unit or last.value))


def _unit_agrees(printed: str, expected: str | None) -> bool:
    printed = printed.strip()
    if not printed or printed in _DASHES or not expected:
        return True
    return fold(printed) == fold(expected) or similarity(printed, expected) >= 0.8


def _segments_apart(a: str, b: str) -> int | None:
    """How many segments of two codes of one depth differ (3.4.7 / 3.4.2 → 1); None for different depths."""
    sa, sb = a.split("."), b.split(".")
    return sum(x != y for x, y in zip(sa, sb)) if len(sa) == len(sb) else None


class Alignment:
    """Which row of one template each table row means: by code and label and unit, never by code alone."""

    SAME = 0.8  # label similarity for a row found by its code or its place among the "Trong đó" rows
    RECOGNISED = 0.85  # for a row whose printed code is wrong, recognised by its label

    def __init__(self, template: MauChiTieu, rows: list[TableRow]):
        self.template = template
        self.order = [row for row, _, _ in template.rows()]
        self.by_code = {row.ma: row for row in self.order}
        self.used: set[str] = set()
        self.placed: list[tuple[TableRow, ChiTieuMau | None, str | None]] = []
        parent, next_part = None, 0
        for row in rows:
            found, note = None, None
            if row.code is not None:
                found, note = self._coded(row)
                parent, next_part = (found if found is not None and found.trong_do else None), 0
            elif row.part and parent is not None:
                found, next_part = self._component(row, parent, next_part)
            if found is not None:
                self.used.add(found.ma)
            self.placed.append((row, found, note))

    def fits(self) -> tuple[float, float]:
        """(share of the table's rows placed, share of the template's rows found)."""
        placed = sum(1 for _, found, _ in self.placed if found is not None)
        return placed / max(1, len(self.placed)), len(self.used) / max(1, len(self.order))

    def _means(self, row: TableRow, candidate: ChiTieuMau, threshold: float) -> bool:
        return bool(row.label) and similarity(row.label, candidate.ten) >= threshold and _unit_agrees(row.unit, candidate.don_vi)

    def _coded(self, row: TableRow) -> tuple[ChiTieuMau | None, str | None]:
        known = self.by_code.get(row.code)
        if known is not None and known.ma in self.used:
            return None, say("nhap_ma_lap", ma=row.code, gia_tri=row.value)
        if known is not None and self._means(row, known, self.SAME):
            return known, None
        # A mistyped code (3.4.7 for 3.4.2): a row of the same depth, one segment apart, with the same label and unit.
        scored = [(similarity(row.label, t.ten), -i, t) for i, t in enumerate(self.order)
                  if t.ma not in self.used and _segments_apart(row.code, t.ma) == 1 and self._means(row, t, self.RECOGNISED)]
        if scored:
            best = max(scored, key=lambda s: s[:2])[2]
            return best, say("nhap_ma_theo_ten", stt=row.stt, ma=best.ma, ten=row.label)
        return None, None

    def _component(self, row: TableRow, parent: ChiTieuMau, start: int) -> tuple[ChiTieuMau | None, int]:
        """A "Trong đó" row: the next component in order, or a later one with the same label."""
        for i, part in enumerate(parent.trong_do[start:], start):
            if part.ma not in self.used and self._means(row, part, self.SAME if i == start else self.RECOGNISED):
                return part, i + 1
        return None, start

    def entries(self, notes: list[str]) -> dict:
        """What to write for each placed code: a number, or {gia_tri|so_lieu_bao_cao, ghi_chu, ghi_chu_cong}; the rest
        noted."""
        out: dict = {}
        for row, found, note in self.placed:
            if found is None:
                notes.append(note or say("nhap_dong_bang", stt=row.stt, ten=row.label, so_lieu=row.value, mau=self.template.phien_ban))
                continue
            if note:
                notes.append(note)
            out[found.ma] = _entry(row, found, notes)
        missing = [r.ma for r in self.order if r.ma not in self.used and r.kieu != "nhom" and not r.is_ratio]
        if missing:
            notes.append(say("nhap_thieu_chi_tieu", cac_ma=", ".join(missing)))
        return {code: entry for code, entry in out.items() if entry is not None}


def _entry(row: TableRow, template_row: ChiTieuMau, notes: list[str]):
    entry: dict = {}
    unit, value = row.unit.strip(), row.value.strip()
    if value in _DASHES:
        entry["ghi_chu_cong"] = say("ghi_chu_gach_ngang_ca_don_vi" if unit in _DASHES else "ghi_chu_gach_ngang")
    elif value:
        level = next((s for s in template_row.thang_do if fold(s.nhan) == fold(value)), None)
        try:
            number = level.gia_tri if level else _NUMBER.validate_python(value.removesuffix("%").strip())
        except ValidationError:
            notes.append(say("nhap_so_lieu_sai", ma=template_row.ma, gia_tri=value))
        else:
            if level:  # a coded answer printed as its words: "Phát phiếu" on the scale "… Phát phiếu = 1 …"
                notes.append(say("nhap_thang_do_theo_nhan", ma=template_row.ma, gia_tri=value, so=level.gia_tri))
            if template_row.is_computed:  # the printed figure, compared with the computed one
                entry["so_lieu_bao_cao"] = number
            elif template_row.kieu == "nhom":  # a heading with no summary row: nowhere to keep a number
                notes.append(say("nhap_nhom_co_so", ma=template_row.ma, gia_tri=value))
            else:
                entry["gia_tri"] = number
    if row.note:
        entry["ghi_chu"] = row.note  # the report's own note; what the portal says of the row is ghi_chu_cong
    if list(entry) == ["gia_tri"]:
        return entry["gia_tri"]
    return entry or None


def choose(templates: dict[str, MauChiTieu], rows: list[TableRow]) -> tuple[str, Alignment] | None:
    """The template whose rows the table prints (file stem and alignment), or None: then a draft is needed."""
    best = None
    for stem, template in templates.items():
        alignment = Alignment(template, rows)
        table_fit, template_fit = alignment.fits()
        if table_fit >= FIT and template_fit >= FIT and (best is None or table_fit + template_fit > best[0]):
            best = (table_fit + template_fit, stem, alignment)
    return None if best is None else best[1:]


# --- a draft template from a table no template matches ------------------------------------


def draft_template(rows: list[TableRow], heading: str, title: list[str], name: str, source: str) -> dict:
    """The template a table prints: codes, labels, units, kinds from the units, nesting from the codes
    (I > 1 > 1.1 > 1.1.1), rows without code under a coded row as its "Trong đó" rows (code + a, b, c)."""
    nodes: dict[str, dict] = {}
    top: list[dict] = []
    group = None  # the current Roman group
    last = None  # the last coded row, owner of the "Trong đó" rows that follow
    for row in rows:
        if row.code is not None:
            last = None
            if row.code in nodes or not row.label:
                continue  # a code printed twice, or a row without label: listed as not placed
            node = {"ma": row.code, "ten": row.label, **_kind(row)}
            nodes[row.code] = last = node
            segments = row.code.split(".")
            owner = next((nodes[".".join(segments[:k])] for k in range(len(segments) - 1, 0, -1)
                          if ".".join(segments[:k]) in nodes), None)
            if re.fullmatch(r"[IVXLC]+", row.code):
                group = node
                top.append(node)
            elif owner is not None or group is not None:
                (owner or group).setdefault("chi_tieu", []).append(node)
            else:
                top.append(node)
        elif row.part and last is not None and row.label and len(last.get("trong_do", [])) < 26:
            code = f"{last['ma']}.{chr(ord('a') + len(last.get('trong_do', [])))}"
            if code not in nodes:
                nodes[code] = {"ma": code, "ten": row.label, **_kind(row)}
                last.setdefault("trong_do", []).append(nodes[code])
    for node in nodes.values():
        if node["kieu"] is None:  # no unit: a heading over other rows, or a count without unit
            node["kieu"] = "nhom" if node.get("chi_tieu") or node.get("trong_do") or re.fullmatch(r"[IVXLC]+", node["ma"]) else "so_luong"
    shapes = list(dict.fromkeys(_shape(code) for code in nodes))
    titled = " ".join(title) if title else heading
    return {
        "phien_ban": name,
        "tieu_de": sentence(titled) or say("nhap_mau_tieu_de"),
        "nguon": source,
        "dang_ma": shapes,
        "muc": [_ordered(node) for node in top],
    }


def _kind(row: TableRow) -> dict:
    """kieu (and don_vi, thang_do) from the printed unit: % → ty_le, "Chưa = 0 Hoàn thành = 1" → thang_do,
    … đồng → so_tien, Điểm → diem (a score, not a percentage), another unit → so_luong; no unit → decided once the
    rows under it are known."""
    unit = "" if row.unit.strip() in _DASHES else " ".join(row.unit.split())
    levels = _SCALE.findall(unit)
    if len(levels) >= 2:
        return {"kieu": "thang_do", "don_vi": unit, "thang_do": [{"gia_tri": int(v), "nhan": n.strip()} for n, v in levels]}
    if fold(unit) == "%":
        return {"kieu": "ty_le", "don_vi": "%"}
    if "dong" in fold(unit).split():
        return {"kieu": "so_tien", "don_vi": unit}
    if fold(unit).split()[:1] == ["diem"]:
        return {"kieu": "diem", "don_vi": unit}
    return {"kieu": "so_luong", "don_vi": unit} if unit else {"kieu": None}


def _ordered(node: dict) -> dict:
    """A row as the templates write it: ma, ten, kieu, don_vi, thang_do, then its rows; blanks left out."""
    out = {key: node[key] for key in ("ma", "ten", "kieu", "don_vi", "thang_do") if node.get(key)}
    for key in ("trong_do", "chi_tieu"):
        if node.get(key):
            out[key] = [_ordered(child) for child in node[key]]
    return out


def _shape(code: str) -> str:
    """The code shape a template declares (dang_ma): 4.1.1 → \\d+(\\.\\d+)*, II → [IVXLC]+, 3.4.2.a → …\\.[a-z]."""
    tokens: list[str] = []
    for segment in code.split("."):
        if segment.isdigit():
            if tokens[-1:] != [r"\d+(\.\d+)*"]:
                tokens.append(r"\d+(\.\d+)*")
        elif re.fullmatch(r"[IVXLC]+", segment):
            tokens.append("[IVXLC]+")
        else:
            tokens.append("[a-z]" if segment.islower() else "[A-Z]")
    return r"\.".join(tokens)
