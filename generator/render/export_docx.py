"""`cchc export`: the period's report as the Word document a commune signs (Nghị định 30/2020/NĐ-CP layout).

The document is written from the validated, computed data: ratios are the computed ones, blanks stay blank,
and what the portal adds for citizens (acknowledged findings, values "as printed", its notes on a row:
`ghi_chu_cong`) is not part of it: the official text shows what the data says is true. Every part has a named paragraph style from docx_layout.yaml,
so `cchc import` reads an exported report back into the same data. The same data gives the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import zipfile
from dataclasses import dataclass

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import SubElement

from generator.core import richtext
from generator.core.dates import stated_window, vn_date
from generator.core.numbers import figure_number
from generator.core.problems import InternalError

from . import docx_zip
from .docx_layout import date_words, fill, layout, number_cell, style_name, words

TABLE_GRID = "Table Grid"
_R, _T, _SPACE = qn("w:r"), qn("w:t"), qn("xml:space")
_ALIGN = {"trai": WD_ALIGN_PARAGRAPH.LEFT, "giua": WD_ALIGN_PARAGRAPH.CENTER, "phai": WD_ALIGN_PARAGRAPH.RIGHT,
          "deu": WD_ALIGN_PARAGRAPH.JUSTIFY}


def _fonts(rpr, name: str) -> None:
    """Times New Roman in every font slot, East Asian included, with no theme font overriding it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def _border(paragraph, side: str = "bottom") -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{side}")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        line.set(qn(key), value)
    borders.append(line)
    ppr.append(borders)


def _run(p, text: str):
    """A run of text at the end of paragraph element p: what python-docx's add_run(text) writes, without its
    character-by-character reading (text with a tab or a line break still goes through it)."""
    if "\t" in text or "\n" in text or "\r" in text:
        return Paragraph(p, None).add_run(text)._r
    r = SubElement(p, _R)
    if text:
        t = SubElement(r, _T)
        t.text = text
        if len(text.strip()) < len(text):
            t.set(_SPACE, "preserve")
    return r


def _tiers(bc) -> int:
    """How deep the report's sections go: the section styles it uses are those of tiers 1 to this."""
    def depth(muc, tang: int) -> int:
        return max([tang, *(depth(sub, tang + 1) for sub in muc.muc)])
    return max((depth(part, 0) for part in bc.phan), default=0)


# The style sheets: 800 KB of XML that a report never changes (every style it uses is in its template). A report is
# opened with an empty sheet in their place, and its package gets the template's, compressed once.
_FIXED = ("word/styles.xml", "word/stylesWithEffects.xml")
_EMPTY_SHEET = b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'


@dataclass(frozen=True)
class _Template:
    """The empty document a report starts from: the package it is opened from, its styles' ids by name, its members
    as compressed once for every report that leaves them unchanged, and the content the fixed members have in a report
    (the empty sheet, as python-docx writes it back)."""

    package: bytes
    ids: dict[str, str]
    members: dict[str, docx_zip.Member]
    placeholders: dict[str, bytes]


@functools.lru_cache(maxsize=8)
def _template(tiers: int) -> _Template:
    """The empty document with the layout's fonts and styles and the styles of section tiers 1 to tiers, added in
    the order a report first uses them; built once per process."""
    base = _Base(tiers)
    saved = base.save()
    members = {name: docx_zip.compress(name, blob) for name, blob in _members(docx.Document(io.BytesIO(saved)))}
    opening = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(saved)) as src, zipfile.ZipFile(opening, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, _EMPTY_SHEET if info.filename in _FIXED else src.read(info))
    placeholders = {name: blob for name, blob in _members(docx.Document(opening)) if name in _FIXED}
    return _Template(opening.getvalue(), dict(base.ids), members, placeholders)


class _Base:
    """The template: the layout's fonts, named paragraph styles (section tiers 1 to tiers) and page."""

    def __init__(self, tiers: int):
        self.doc, self.lay = docx.Document(), layout()
        self.ids: dict[str, str] = {}
        lay, doc = self.lay, self.doc
        rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _fonts(rpr_default, lay["phong_chu"])
        normal = doc.styles["Normal"]
        normal.font.name = lay["phong_chu"]
        normal.font.size = Pt(lay["co_chu"])
        _fonts(normal.element.get_or_add_rPr(), lay["phong_chu"])
        fmt = normal.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(lay["cach_doan"]), Pt(0), lay["gian_dong"]
        for key in lay["kieu"]:
            if key != "muc":
                self._style(key)
        for tang in range(1, tiers + 1):
            self._style("muc", tang)
        self.ids[TABLE_GRID] = doc.styles[TABLE_GRID].style_id
        section = doc.sections[0]
        _page(section, landscape=False)
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        self._page_number(section.header.paragraphs[0])

    def _style(self, key: str, tang: int | None = None):
        name = style_name(key, tang)
        if name not in self.ids:
            try:
                self.ids[name] = self.doc.styles[name].style_id
            except KeyError:
                self.ids[name] = self._add(key, name).style_id
        return self.ids[name]

    def _add(self, key: str, name: str):
        spec = self.lay["kieu"][key]
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles["Normal"]
        style.quick_style = True
        font = style.font
        font.size = Pt(spec.get("co", self.lay["co_chu"]))
        font.bold = bool(spec.get("dam"))
        font.italic = bool(spec.get("nghieng"))
        font.all_caps = bool(spec.get("hoa"))
        fmt = style.paragraph_format
        fmt.alignment = _ALIGN[spec.get("can", "deu")]
        fmt.first_line_indent = Mm(self.lay["thut_dong_dau"]) if spec.get("thut") else Mm(0)
        fmt.space_before = Pt(spec.get("truoc", self.lay["cach_doan"]))
        fmt.space_after = Pt(0)
        if "gian_dong" in spec:
            fmt.line_spacing = spec["gian_dong"]
        return style

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def _page_number(self, paragraph) -> None:
        paragraph._p.style = self._style("so_trang")
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
            run = paragraph.add_run()
            if kind:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run._r.append(char)
            elif text == " PAGE ":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)
            else:
                run.text = text


def _page(section, landscape: bool) -> None:
    page = layout()["trang"]
    short, long = Mm(page["rong"]), Mm(page["cao"])
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin, section.bottom_margin = Mm(page["le_tren"]), Mm(page["le_duoi"])
    section.left_margin, section.right_margin = Mm(page["le_trai"]), Mm(page["le_phai"])
    section.header_distance = Mm(page["dau_trang"])


class _Writer:
    def __init__(self, c, pv, sector_names: dict[str, str]):
        self.template = _template(_tiers(pv.ky.bao_cao))
        self.doc, self.lay = docx.Document(io.BytesIO(self.template.package)), layout()
        self.c, self.pv, self.ky = c, pv, pv.ky
        self.bc = pv.ky.bao_cao
        self.sector_names = sector_names
        doc = self.doc
        props = doc.core_properties
        props.title = f"{words('ten_loai').capitalize()} {self.bc.tieu_de}"
        props.author = props.last_modified_by = self._organ()
        props.comments = props.keywords = props.subject = props.category = ""
        props.revision = 1
        stamp = dt.datetime.combine(self.bc.ngay_ban_hanh or self.ky.den_ngay, dt.time())
        props.created = props.modified = stamp
        props.last_printed = stamp

    # --- small writers -------------------------------------------------------------

    def _style(self, key: str, tang: int | None = None) -> str:
        """The id of a style of the layout, all of which are in the template."""
        return self.template.ids[style_name(key, tang)]

    def para(self, key: str, text: str = "", *, container=None, tang: int | None = None, first: bool = False):
        container = container or self.doc
        paragraph = container.paragraphs[0] if first and container is not self.doc else container.add_paragraph()
        paragraph._p.style = self._style(key, tang)  # by id: python-docx's lookup by object is slow
        if text:
            _run(paragraph._p, text)
        return paragraph

    def inlines(self, paragraph, items: list[richtext.Inline]) -> None:
        for item in items:
            if item.kind == "link":
                self._hyperlink(paragraph, item.href, item.text)
            else:
                Run(_run(paragraph._p, item.text), paragraph).bold = item.kind == "strong" or None

    def _hyperlink(self, paragraph, href: str, text: str) -> None:
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), paragraph.part.relate_to(href, RT.HYPERLINK, is_external=True))
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        rpr.append(underline)
        run.append(rpr)
        shown = OxmlElement("w:t")
        shown.set(qn("xml:space"), "preserve")
        shown.text = text
        run.append(shown)
        link.append(run)
        paragraph._p.append(link)

    def rule(self, container, width_mm: float, cell_mm: float) -> None:
        paragraph = self.para("duong_ke", container=container)
        side = Mm(max(cell_mm - width_mm, 0) / 2)
        paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
        _border(paragraph)

    def free_text(self, text: str, family: tuple[str, str, str] = ("doan", "y", "y_so")) -> None:
        """One item of the report's text: its paragraphs and list lines; the first starts the item."""
        first = True
        for block in richtext.parse(text):
            if block.kind == "p":
                self.inlines(self.para(family[0] + ("" if first else "_noi")), block.items[0])
                first = False
                continue
            for k, item in enumerate(block.items):
                key = family[1] if block.kind == "ul" else family[2]
                second = block.kind == "ul" and block.marks[k] == "+"  # a "+" item stays one, as the report prints it
                paragraph = self.para(key + ("" if first else "_noi"))
                _run(paragraph._p, fill(words("y_cap_hai" if second else key), so=block.start + k, noi_dung=""))
                self.inlines(paragraph, item)
                first = False

    def borderless(self, widths: list[float]):
        table = self.table(1, widths)
        return table.rows[0].cells

    def table(self, rows: int, widths: list[float]):
        """A table of fixed column widths (the grid is what Word and LibreOffice lay out by)."""
        table = self.doc.add_table(rows=rows, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
            col.set(qn("w:w"), str(Mm(width).twips))
        return table

    def _organ(self) -> str:
        return fill(words("ten_uy_ban"), loai=self.c.xa.loai, ten=self.c.xa.ten)

    # --- the report -----------------------------------------------------------------

    def write(self) -> bytes:
        self.heading()
        self.body()
        self.signature()
        if self.ky_appendix():
            self.appendix()
        return _deterministic(self.doc, self.template)

    def heading(self) -> None:
        bc, lay = self.bc, self.lay
        left, right = self.borderless(lay["cot_tieu_de"])
        self.para("co_quan_chu_quan", words("co_quan"), container=left, first=True)
        self.para("co_quan_chu_quan", fill(words("don_vi"), loai=self.c.xa.loai, ten=self.c.xa.ten), container=left)
        self.rule(left, lay["dong_ke_ngan"], lay["cot_tieu_de"][0])
        number = f"{bc.so:02d}" if bc.so is not None else words("chua_so")
        self.para("so_ky_hieu", fill(words("so"), so=number, ky_hieu=bc.ky_hieu), container=left)
        self.para("quoc_hieu", words("quoc_hieu"), container=right, first=True)
        self.para("tieu_ngu", words("tieu_ngu"), container=right)
        self.rule(right, lay["dong_ke_tieu_ngu"], lay["cot_tieu_de"][1])
        day = date_words(bc.ngay_ban_hanh) if bc.ngay_ban_hanh else bc.ngay_ghi
        self.para("dia_danh_ngay", fill(words("dia_danh_ngay"), dia_danh=bc.dia_danh, ngay=day), container=right)
        self.para("ten_loai", words("ten_loai"))
        self.para("trich_yeu", bc.tieu_de)
        self.rule(self.doc, lay["dong_ke_ngan"], self._text_width())
        self.para("can_cu", bc.can_cu)
        if bc.mo_dau:
            self.free_text(bc.mo_dau)
        said = stated_window(bc.can_cu) or (stated_window(bc.mo_dau) if bc.mo_dau else None)
        if said != (self.ky.tu_ngay, self.ky.den_ngay):
            self.para("khoang_so_lieu", fill(words("khoang_so_lieu"), tu_ngay=vn_date(self.ky.tu_ngay), den_ngay=vn_date(self.ky.den_ngay)))

    def _text_width(self) -> float:
        page = self.lay["trang"]
        return page["rong"] - page["le_trai"] - page["le_phai"]

    def body(self) -> None:
        def section(muc, tang: int) -> None:
            title = fill(words("tieu_de_muc"), so=muc.so, tieu_de=muc.tieu_de) if muc.so else muc.tieu_de
            self.para("phan" if tang == 0 else "muc", title, tang=tang or None)
            for item in muc.noi_dung:
                if item.chen:
                    self.block(item.chen)
                else:
                    self.free_text(item.van_ban)
            for sub in muc.muc:
                section(sub, tang + 1)

        for part in self.bc.phan:
            section(part, 0)

    def block(self, name: str) -> None:
        """A structured list, typed once in the data, where the report inserts it."""
        ky = self.ky
        lines: list[tuple[str, str]] = []
        if name in ("ke_hoach", "thong_bao"):
            for d in getattr(ky, name):
                pattern = "ke_hoach_tiep_tuc" if name == "ke_hoach" and d.tiep_tuc else name
                lines.append((name, fill(words(pattern), so=d.so, ngay=vn_date(d.ngay), trich_yeu=d.trich_yeu)))
        elif name == "linh_vuc":
            for i, e in enumerate(ky.linh_vuc, 1):
                ten = e.ten_trong_bao_cao or self.sector_names.get(e.linh_vuc, e.linh_vuc)
                lines.append(("linh_vuc", fill(words("linh_vuc"), stt=i, ten=ten, so=figure_number(e.so_thu_tuc, medium="word"))))
        elif name == "kenh_phan_anh":
            for k in self.c.channels:  # as the feedback page shows them: own, province, national
                head = fill(words("kenh_mo_ta"), ten=k.ten, mo_ta=k.mo_ta) if k.mo_ta else fill(words("kenh"), ten=k.ten)
                lines.append(("kenh_phan_anh", head))
                for field, pattern in words("kenh_chi_tiet").items():
                    values = getattr(k, field)
                    for value in values if isinstance(values, list) else ([values] if values else []):
                        lines.append(("kenh_chi_tiet", fill(pattern, gia_tri=value)))
        elif name == "nhan_su" and ky.nhan_su:
            ns = ky.nhan_su
            lines.append(("nhan_su", fill(words("nhan_su"), ten_uy_ban=self._organ(), **{k: figure_number(v, medium="word") if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                                                  for k, v in ns.model_dump(exclude={"chuc_danh_con_thieu"}).items()})))
            if ns.chuc_danh_con_thieu:
                lines.append(("nhan_su", words("nhan_su_thieu")))
                lines += [("chuc_danh_thieu", fill(words("chuc_danh_thieu"), ten=t)) for t in ns.chuc_danh_con_thieu]
        if not lines:
            lines.append((name, words("khong_co")))
        for key, text in lines:
            self.para(key, text)

    def signature(self) -> None:
        bc = self.bc
        left, right = self.borderless(self.lay["cot_ky"])
        self.para("noi_nhan", words("noi_nhan"), container=left, first=True)
        for r in bc.noi_nhan:
            self.para("noi_nhan_muc", fill(words("noi_nhan_muc"), noi_nhan=r), container=left)
        self._signer(right, bc.nguoi_ky, first=True)

    def _signer(self, cell, signer, first: bool) -> None:
        if signer.tm:
            self.para("tham_quyen", signer.tm, container=cell, first=first)
            first = False
        for line in signer.chuc_vu:
            self.para("chuc_vu", line, container=cell, first=first)
            first = False
        for _ in range(self.lay["cach_cho_ky"]):
            self.para("cho_ky", container=cell, first=first)
            first = False
        self.para("nguoi_ky", signer.ho_ten, container=cell)

    # --- the appendix -----------------------------------------------------------------

    def ky_appendix(self) -> bool:
        return getattr(self.ky, "phu_luc", None) is not None and bool(self.pv.figures.rows)

    def appendix(self) -> None:
        bc, pl, figures = self.bc, self.ky.phu_luc, self.pv.figures
        widths, landscape = self._columns()
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        _page(section, landscape)
        section.different_first_page_header_footer = False
        self.para("phu_luc", words("phu_luc"))
        self.para("ten_phu_luc", self.pv.appendix_title)
        number = f"{bc.so:02d}" if bc.so is not None else words("chua_so")
        day = date_words(bc.ngay_ban_hanh) if bc.ngay_ban_hanh else bc.ngay_ghi
        self.para("kem_theo", fill(words("kem_theo"), so=number, ky_hieu=bc.ky_hieu, ngay=day, ten_uy_ban=self._organ()))
        table = self.table(2, widths)
        table._tbl.tblStyle_val = self.template.ids[TABLE_GRID]  # as `table.style = ...` sets it, without a lookup by name
        header, prototype = table.rows
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for row in (header, prototype):
            for cell, width in zip(row.cells, widths):
                cell.width = Mm(width)
        for cell, title in zip(header.cells, words("cot")):
            self.para("bang_dau", title, container=cell, first=True)
        for cell, key in zip(prototype.cells, ("bang", "bang", "bang", "bang_so", "bang")):
            self.para(key, container=cell, first=True)
        proto = prototype._tr
        shapes: dict[tuple, object] = {}  # (group row, computed, depth) -> an empty row of that shape
        for fig in figures.rows:  # each row a copy of an empty one: python-docx's cell API is slow on long tables
            shape = (fig.row.kieu == "nhom", fig.computed, fig.depth)
            if shape not in shapes:
                shapes[shape] = self._empty_row(proto, *shape)
            tr = copy.deepcopy(shapes[shape])
            proto.addprevious(tr)
            for tc, text in zip(tr.tc_lst, (_number(fig), fig.row.ten, fig.row.don_vi, _value(fig), fig.report_note)):
                if text:
                    _run(tc.p_lst[0], text)
            if fig.undefined:
                cell = _Cell(tr.tc_lst[4], table)
                self.para("bang_tinh", words("mau_so_0"), container=cell, first=not fig.report_note)
        proto.getparent().remove(proto)
        self._appendix_footer(pl, landscape)

    def _empty_row(self, proto, group: bool, computed: bool, depth: int):
        tr = copy.deepcopy(proto)
        code, label, _, value, _ = (tc.p_lst[0] for tc in tr.tc_lst)
        if group:
            code.style = label.style = self._style("bang_nhom")
        if computed:
            value.style = self._style("bang_so_tinh")
        if depth:
            Paragraph(label, None).paragraph_format.left_indent = Mm(self.lay["thut_moi_tang"] * depth)
        return tr

    def _columns(self) -> tuple[list[float], bool]:
        """Column widths (mm); landscape when the five columns do not fit the portrait text width."""
        rows = self.pv.figures.rows
        page = self.lay["trang"]
        code = max(14.0, 2.2 * max(len(_number(f)) for f in rows) + 3)
        value = max(18.0, 2.3 * max(len(_value(f)) for f in rows) + 3)
        unit, note = 22.0, 30.0 if any(f.report_note or f.undefined for f in rows) else 20.0
        label = 55.0 + self.lay["thut_moi_tang"] * max(f.depth for f in rows)
        portrait = page["rong"] - page["le_trai"] - page["le_phai"]
        landscape = code + label + unit + value + note > portrait
        width = (page["cao"] if landscape else page["rong"]) - page["le_trai"] - page["le_phai"]
        return [code, width - code - unit - value - note, unit, value, note], landscape

    def _appendix_footer(self, pl, landscape: bool) -> None:
        page = self.lay["trang"]
        width = (page["cao"] if landscape else page["rong"]) - page["le_trai"] - page["le_phai"]
        if not (pl.nguoi_lap or pl.nguoi_ky or pl.dia_danh or pl.ngay_lap):
            return
        self.para("cho_ky")  # a line between the table and the signatures
        left, right = self.borderless([width / 2, width / 2])
        first_right = True
        if pl.nguoi_lap:
            self.para("nguoi_lap", words("nguoi_lap"), container=left, first=True)
            for _ in range(self.lay["cach_cho_ky"]):
                self.para("cho_ky", container=left)
            self.para("ten_nguoi_lap", pl.nguoi_lap, container=left)
        if pl.dia_danh or pl.ngay_lap:
            self.para("dia_danh_ngay", fill(words("dia_danh_ngay"), dia_danh=pl.dia_danh or "", ngay=date_words(pl.ngay_lap)),
                      container=right, first=True)
            first_right = False
        if pl.nguoi_ky:
            self._signer(right, pl.nguoi_ky, first=first_right)


def _number(fig) -> str:
    return number_cell(fig.code, fig.component, fig.first_component)


def _value(fig) -> str:
    """The figure as the official table prints it: computed ratios to one decimal, typed values as typed."""
    if fig.value is None or (fig.row.kieu == "nhom" and not fig.computed):
        return ""
    return figure_number(fig.value, computed_ratio=fig.computed_ratio, medium="word")


def _members(document):
    """(member name, content) of the document's package, as python-docx saves it (docx.opc.pkgwriter)."""
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    yield CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob
    yield PACKAGE_URI.rels_uri.membername, package.rels.xml
    for part in parts:
        yield part.partname.membername, part.blob
        if len(part.rels):
            yield part.partname.rels_uri.membername, part.rels.xml


def _deterministic(document, template: _Template) -> bytes:
    """The package with fixed entry dates and order, so the same data gives the same bytes; what is as in the
    template is not compressed again."""
    members = []
    for name, blob in _members(document):
        known = template.members.get(name)
        if name in template.placeholders:
            if blob != template.placeholders[name]:
                raise InternalError(f"a report changed its template's {name}")
            members.append(known)
        else:
            members.append(known if known is not None and known.blob == blob else docx_zip.compress(name, blob))
    return docx_zip.archive(sorted(members, key=lambda m: (m.name != "[Content_Types].xml", m.name)))


@dataclass(frozen=True)
class Report:
    """A period report to make: where it goes and what it is made from (a whole build makes it beside MkDocs)."""

    path: str  # relative to the docs dir
    commune: object  # CommuneView
    period: object  # PeriodView, with a report (`bao_cao`)
    sector_names: dict[str, str]

    def content(self) -> bytes:
        return report_docx(self.commune, self.period, self.sector_names)


def report_docx(c, pv, sector_names: dict[str, str]) -> bytes:
    """The official report of one period (it must have a report: `bao_cao`)."""
    return _Writer(c, pv, sector_names).write()
