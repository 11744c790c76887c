"""`cchc import` of a report that `cchc export` wrote: read back by its named paragraph styles, exactly.

Every part of an exported report carries a style named in docx_layout.yaml and was printed from a sentence
pattern of that file; reading inverts the patterns, so a report exported, signed and imported again gives back
the same data (the heuristics of importer.py remain for documents written by hand). What the official text
deliberately leaves out (values "as printed", acknowledgements, the portal's notes on a row, the narrative's
cross-references) is not there to read back.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path

from docx.table import Table
from docx.text.hyperlink import Hyperlink
from pydantic import TypeAdapter, ValidationError

from generator.core.dates import parse_day_first, stated_window
from generator.models.catalog import DanhMucKy, DanhMucLinhVuc, MauChiTieu
from generator.models.commune import Xa
from generator.models.types import SoLieu
from generator.render.docx_layout import fill, layout, match, number_cell, words

from .import_docx import distinct_cells

_NUMBER = TypeAdapter(SoLieu)
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_NUMBERED = re.compile(r"^(\d{1,3})\. ")
_BLOCKS = {"ke_hoach": "ke_hoach", "thong_bao": "thong_bao", "linh_vuc": "linh_vuc", "kenh_phan_anh": "kenh_phan_anh",
           "kenh_chi_tiet": "kenh_phan_anh", "nhan_su": "nhan_su", "chuc_danh_thieu": "nhan_su"}
_KINDS = typing.get_args(Xa.model_fields["loai"].annotation)
_TEXT = {"doan": "p", "doan_noi": "p", "y": "ul", "y_noi": "ul", "y_so": "ol", "y_so_noi": "ol"}


def _style_keys() -> tuple[dict[str, str], re.Pattern]:
    styles = layout()["kieu"]
    names = {spec["ten"]: key for key, spec in styles.items() if "{" not in spec["ten"]}
    level = re.compile(re.escape(styles["muc"]["ten"]).replace(r"\{tang\}", r"(\d+)") + "$")
    return names, level


def is_exported(document) -> bool:
    """True when the document carries the export's styles (its subject line is the sign)."""
    wanted = layout()["kieu"]["trich_yeu"]["ten"]
    return any(p.style is not None and p.style.name == wanted for p in document.paragraphs)


def _markup(paragraph) -> str:
    """A paragraph as the data's free text: bold as **…**, links as <address> or [text](address)."""
    out = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            href, text = item.address, item.text
            shown = href.split(":", 1)[1] if href.lower().startswith(("tel:", "mailto:")) else href
            out.append(f"<{href}>" if text == shown else f"[{text}]({href})")
        elif item.bold and item.text.strip():
            out.append(f"**{item.text}**")
        else:
            out.append(item.text)
    return "".join(out)


def _items(document):
    """(style key, tier, paragraph) in reading order; the indicator table as ("bang", None, table)."""
    names, level = _style_keys()
    header = layout()["kieu"]["bang_dau"]["ten"]

    def key_of(paragraph):
        name = paragraph.style.name if paragraph.style is not None else ""
        if name in names:
            return names[name], None
        m = level.match(name)
        return ("muc", int(m.group(1))) if m else (None, None)

    def walk(container):
        for item in container.iter_inner_content():
            if isinstance(item, Table):
                first = item.rows[0].cells[0].paragraphs[0] if item.rows else None
                if first is not None and first.style is not None and first.style.name == header:
                    yield "bang", None, item
                    continue
                for cell in distinct_cells(item):
                    yield from walk(cell)
            else:
                key, tier = key_of(item)
                if key is not None:
                    yield key, tier, item

    yield from walk(document)


@dataclass
class Exported:
    """What an exported report holds, shaped like a period file."""

    bao_cao: dict = field(default_factory=lambda: {"phan": [], "noi_nhan": []})
    xa: tuple[str, str] | None = None  # (loai, ten) of the issuing commune
    window: tuple[dt.date, dt.date] | None = None
    ke_hoach: list = field(default_factory=list)
    thong_bao: list = field(default_factory=list)
    linh_vuc: list = field(default_factory=list)
    nhan_su: dict | None = None
    kenh_phan_anh: list = field(default_factory=list)
    phu_luc: dict | None = None
    entries: dict = field(default_factory=dict)
    template: MauChiTieu | None = None
    template_title: str | None = None  # the appendix's title: the report's own, or its template's
    table: list = field(default_factory=list)  # (STT as printed, label, value, computed, note) per row
    notes: list = field(default_factory=list)


class _Reader:
    def __init__(self, sectors: DanhMucLinhVuc):
        self.out = Exported()
        self.sectors = {s.ten: s.ma for s in sectors.linh_vuc}
        self.sector_list = sectors
        self.stack: list[dict] = []  # the open sections, outermost first
        self.text: list[tuple[str, str]] | None = None  # the free-text item being read: (kind, line)
        self.block: str | None = None
        self.appendix = False
        self.signer: dict | None = None

    # --- free text --------------------------------------------------------------

    def _close_text(self) -> None:
        if self.text is None:
            return
        blocks: list[list[str]] = []
        previous = None
        for kind, line in self.text:
            m = _NUMBERED.match(line)
            continues = kind == previous and kind != "p"
            if continues and kind == "ol":
                last = _NUMBERED.match(blocks[-1][-1])
                continues = bool(m and last and int(m.group(1)) == int(last.group(1)) + 1)
            if continues:
                blocks[-1].append(line)
            else:
                blocks.append([line])
            previous = kind
        value = "\n\n".join("\n".join(b) for b in blocks)
        if self.stack:
            self.stack[-1].setdefault("noi_dung", []).append(value)
        else:
            self.out.bao_cao["mo_dau"] = value
        self.text = None

    def _free(self, key: str, paragraph) -> None:
        if not key.endswith("_noi"):
            self._close_text()
        if self.text is None:
            self.text = []
        self.text.append((_TEXT[key], _markup(paragraph)))

    # --- the parts ----------------------------------------------------------------

    def read(self, document) -> Exported:
        for key, tier, item in _items(document):
            if key not in _TEXT:
                self._close_text()
            if key not in _BLOCKS:
                self.block = None
            if key in _TEXT:
                self._free(key, item)
            else:
                getattr(self, f"_{key}", self._ignore)(item, tier)
        self._close_text()
        return self.out

    def _ignore(self, item, tier) -> None:
        pass

    def _co_quan_chu_quan(self, p, tier) -> None:
        for kind in _KINDS:  # "{loai} {ten}": the kind is one of a few words, some of two words
            m = match(words("don_vi"), p.text)
            if m and p.text.startswith(fill(words("don_vi"), loai=kind, ten="")):
                self.out.xa = (kind, p.text[len(fill(words("don_vi"), loai=kind, ten="")):])

    def _so_ky_hieu(self, p, tier) -> None:
        m = match(words("so"), p.text)
        if m:
            self.out.bao_cao["so"] = None if m["so"] == words("chua_so") else int(m["so"])
            self.out.bao_cao["ky_hieu"] = m["ky_hieu"]

    def _dia_danh_ngay(self, p, tier) -> None:
        m = match(words("dia_danh_ngay"), p.text) or {"dia_danh": "", "ngay": p.text}
        d = _DATE_WORDS.fullmatch(m["ngay"])
        day = parse_day_first(f"{d.group(1)}/{d.group(2)}/{d.group(3)}") if d else None
        if self.appendix:
            self.out.phu_luc["dia_danh"] = m["dia_danh"] or None
            self.out.phu_luc["ngay_lap"] = day
        else:
            self.out.bao_cao.update(dia_danh=m["dia_danh"], ngay_ghi=m["ngay"], ngay_ban_hanh=day)

    def _trich_yeu(self, p, tier) -> None:
        self.out.bao_cao["tieu_de"] = p.text

    def _can_cu(self, p, tier) -> None:
        self.out.bao_cao["can_cu"] = p.text

    def _khoang_so_lieu(self, p, tier) -> None:
        m = match(words("khoang_so_lieu"), p.text)
        if m:
            self.out.window = (parse_day_first(m["tu_ngay"]), parse_day_first(m["den_ngay"]))

    def _section(self, p, depth: int) -> None:
        m = match(words("tieu_de_muc"), p.text)
        so_ok = m and " " not in m["so"] and len(m["so"]) <= 10
        section = {"so": m["so"], "tieu_de": m["tieu_de"]} if so_ok else {"so": None, "tieu_de": p.text}
        del self.stack[depth:]
        if depth == 0:
            self.out.bao_cao["phan"].append(section)
        elif self.stack:
            self.stack[-1].setdefault("muc", []).append(section)
        self.stack.append(section)

    def _phan(self, p, tier) -> None:
        self._section(p, 0)

    def _muc(self, p, tier) -> None:
        self._section(p, tier)

    def _enter(self, block: str) -> None:
        """The first line of a structured list marks where the report inserts it."""
        if self.block != block and self.stack:
            self.stack[-1].setdefault("noi_dung", []).append({"chen": block})
        self.block = block

    def _ke_hoach(self, p, tier) -> None:
        self._enter("ke_hoach")
        for pattern, carried in (("ke_hoach", False), ("ke_hoach_tiep_tuc", True)):
            if m := match(words(pattern), p.text):
                doc = {"so": m["so"], "ngay": parse_day_first(m["ngay"]), "trich_yeu": m["trich_yeu"]}
                self.out.ke_hoach.append(doc | ({"tiep_tuc": True} if carried else {}))
                return

    def _thong_bao(self, p, tier) -> None:
        self._enter("thong_bao")
        if m := match(words("thong_bao"), p.text):
            self.out.thong_bao.append({"so": m["so"], "ngay": parse_day_first(m["ngay"]), "trich_yeu": m["trich_yeu"]})

    def _linh_vuc(self, p, tier) -> None:
        from .import_narrative import match_sector  # the catalogue's fuzzy match, for a name given its own way

        self._enter("linh_vuc")
        if not (m := match(words("linh_vuc"), p.text)):
            return
        ten, count = m["ten"], int(m["so"])
        code = self.sectors.get(ten) or match_sector(ten, self.sector_list)
        if code is None:
            self.out.notes.append(("nhap_linh_vuc_khong_khop", {"ten": ten, "so": count}))
            return
        entry = {"linh_vuc": code, "so_thu_tuc": count}
        self.out.linh_vuc.append(entry | ({} if ten in self.sectors else {"ten_trong_bao_cao": ten}))

    def _kenh_phan_anh(self, p, tier) -> None:
        self._enter("kenh_phan_anh")
        if p.text == words("khong_co"):
            return
        m = match(words("kenh_mo_ta"), p.text) or match(words("kenh"), p.text)
        if m:
            self.out.kenh_phan_anh.append({"ten": m["ten"], **({"mo_ta": m["mo_ta"]} if "mo_ta" in m else {})})

    def _kenh_chi_tiet(self, p, tier) -> None:
        self._enter("kenh_phan_anh")
        if not self.out.kenh_phan_anh:
            return
        channel = self.out.kenh_phan_anh[-1]
        for name, pattern in words("kenh_chi_tiet").items():
            if m := match(pattern, p.text):
                if name in ("dien_thoai", "fax", "email"):
                    channel.setdefault(name, []).append(m["gia_tri"])
                else:
                    channel[name] = m["gia_tri"]
                return

    def _nhan_su(self, p, tier) -> None:
        self._enter("nhan_su")
        m = match(words("nhan_su"), p.text)
        if m:
            self.out.nhan_su = {k: int(v) for k, v in m.items() if k != "ten_uy_ban"} | {"chuc_danh_con_thieu": []}

    def _chuc_danh_thieu(self, p, tier) -> None:
        self._enter("nhan_su")
        if self.out.nhan_su is not None and (m := match(words("chuc_danh_thieu"), p.text)):
            self.out.nhan_su["chuc_danh_con_thieu"].append(m["ten"])

    def _noi_nhan_muc(self, p, tier) -> None:
        if m := match(words("noi_nhan_muc"), p.text):
            self.out.bao_cao["noi_nhan"].append(m["noi_nhan"])

    def _signer_now(self) -> dict:
        target = self.out.phu_luc if self.appendix else self.out.bao_cao
        if "nguoi_ky" not in target:
            target["nguoi_ky"] = {"chuc_vu": []}
        return target["nguoi_ky"]

    def _tham_quyen(self, p, tier) -> None:
        self._signer_now()["tm"] = p.text

    def _chuc_vu(self, p, tier) -> None:
        self._signer_now()["chuc_vu"].append(p.text)

    def _nguoi_ky(self, p, tier) -> None:
        self._signer_now()["ho_ten"] = p.text

    def _phu_luc(self, p, tier) -> None:
        self.appendix = True
        self.stack = []
        self.out.phu_luc = {}

    def _ten_phu_luc(self, p, tier) -> None:
        self.out.template_title = p.text

    def _ten_nguoi_lap(self, p, tier) -> None:
        self.out.phu_luc["nguoi_lap"] = p.text

    def _bang(self, table, tier) -> None:
        computed_style = layout()["kieu"]["bang_so_tinh"]["ten"]
        auto_note = layout()["kieu"]["bang_tinh"]["ten"]
        for row in table.rows[1:]:
            code, label, _unit, value, note = (cell for cell in row.cells)
            shown = value.paragraphs[0]
            notes = [q.text for q in note.paragraphs if q.style is None or q.style.name != auto_note]
            self.out.table.append((code.text, label.text, shown.text, shown.style is not None and shown.style.name == computed_style,
                                   "\n".join(n for n in notes if n) or None))


def _template(data_dir: Path, table: list) -> tuple[str, MauChiTieu] | None:
    """The template whose rows (what the STT column prints and the names, in order) are the table's."""
    from .new_period import read_model

    for path in sorted((data_dir / "danh-muc" / "chi-tieu").glob("*.yaml")):
        template = read_model(path, MauChiTieu)
        rows = template.rows()
        if len(rows) == len(table) and all(
                (number, label) == (number_cell(row.ma, component, row.ma in template.first_components), row.ten)
                for (row, _, component), (number, label, *_) in zip(rows, table)):
            return path.stem, template
    return None


def read(document, data_dir: Path, sectors: DanhMucLinhVuc, kinds: DanhMucKy) -> dict | None:
    """The period (as render_period's context) an exported report holds; None if the document is not one."""
    if not is_exported(document):
        return None
    out = _Reader(sectors).read(document)
    bc = out.bao_cao
    tu, den = out.window or stated_window(bc.get("can_cu", "")) or stated_window(bc.get("mo_dau") or "") or (None, None)
    year = kind = None
    if den is not None:
        # The commune's profile is not read here: a window of either era names its kind.
        kind = next((k for k in kinds.loai_ky
                     if (tu, den) in (kinds.window(k, den.year, post_reform) for post_reform in (False, True))), None)
        year = den.year if kind else None
    phu_luc, entries, rows_template = None, {}, None
    if out.phu_luc is not None:
        found = _template(data_dir, out.table)
        if found is None:
            out.notes.append(("nhap_mau_khong_khop", {"ten": out.template_title or ""}))
        else:
            mau, rows_template = found
            own_title = {"tieu_de": out.template_title} if out.template_title != rows_template.tieu_de else {}
            phu_luc = {"mau": mau, **own_title, **out.phu_luc}
            for (row, _, _), (_stt, _label, shown, computed, note) in zip(rows_template.rows(), out.table):
                code = row.ma  # the STT column does not print a 'Trong đó' row's code: the row's place does
                entry = {}
                if shown and not computed:
                    try:
                        entry["gia_tri"] = _NUMBER.validate_python(shown)
                    except ValidationError:
                        out.notes.append(("nhap_so_lieu_sai", {"ma": code, "gia_tri": shown}))
                if note:
                    entry["ghi_chu"] = note
                if entry:
                    entries[code] = entry["gia_tri"] if list(entry) == ["gia_tri"] else entry
    return {
        "nam": year, "loai_ky": kind.ma if kind else None, "tu_ngay": tu, "den_ngay": den, "bao_cao": bc,
        "ke_hoach": out.ke_hoach, "thong_bao": out.thong_bao, "linh_vuc": out.linh_vuc, "nhan_su": out.nhan_su,
        "phu_luc": phu_luc, "entries": entries, "template": rows_template, "kenh_phan_anh": out.kenh_phan_anh,
        "notes": out.notes, "xa": out.xa,
    }


def import_report(report: Path, document, commune: str, out: Path | None,
                  data_dir: Path) -> tuple[list[Path], dict, list[str], list[str]] | None:
    """Write the period file of a report `cchc export` wrote (document: report as core/word_file.py opened it), and
    the channels it lists into a profile that has none, as importer.py does; None for any other document, which
    importer.py reads."""
    from generator.core.problems import UserError, say

    from .import_profile import additions, check_profile, shared_contacts, updated_text, write_profile
    from .new_period import appendix_rows, read_model, render_period, write_new

    if not is_exported(document):
        return None
    sectors = read_model(data_dir / "danh-muc" / "linh-vuc.yaml", DanhMucLinhVuc)
    kinds = read_model(data_dir / "danh-muc" / "ky-bao-cao.yaml", DanhMucKy)
    period = read(document, data_dir, sectors, kinds)
    profile_path = data_dir / "xa" / commune / "thong-tin.yaml"
    if not profile_path.is_file():
        raise UserError(say("nhap_chua_co_xa", xa=commune, thu_muc=profile_path.parent, ten=(period["xa"] or ("", ""))[1]), 2)
    profile = read_model(profile_path, Xa)
    if period["xa"] is not None and period["xa"] != (profile.loai, profile.ten):
        raise UserError(say("nhap_sai_xa", tep=report.name, loai=period["xa"][0], ten=period["xa"][1], loai_xa=profile.loai,
                                ten_xa=profile.ten, ho_so=profile_path))
    notes = [say(code, **details) for code, details in period["notes"]]
    if out is None:
        if period["nam"] is None:
            raise UserError(say("nhap_can_out", tep=report, xa=commune), 2)
        out = profile_path.parent / f"{period['nam']}-{period['loai_ky']}.yaml"
    if out.exists():
        raise UserError(say("tep_da_co", tep=out))
    added = additions(profile, period["kenh_phan_anh"], None, None, shared_contacts(data_dir, profile.tinh))
    profile_text = updated_text(profile_path, added, report.name) if added else None
    if profile_text is not None:
        check_profile(profile_path, profile_text)
    template, entries = period["template"], period["entries"]
    fields = ("nam", "loai_ky", "tu_ngay", "den_ngay", "bao_cao", "ke_hoach", "thong_bao", "linh_vuc", "nhan_su", "phu_luc")
    text = render_period(
        header=[say("nhap_dau_tep_xuat", tep=report.name)],
        rows=appendix_rows(template, entries) if template else [],
        trailing=[say("nhap_cuoi_tep")] + ["- " + " ".join(n.split()) for n in notes] if notes else [],
        **{key: period[key] for key in fields},
    )
    write_new(out, text)
    done = []
    if profile_text is not None:
        write_profile(profile_path, profile_text)
        done.append(say("nhap_da_them_ho_so", tep=profile_path, cac_truong=say("nhap_so_kenh", so=len(added["kenh_phan_anh"]))))
    counts = {"chi_tieu": len(entries), "ke_hoach": len(period["ke_hoach"]), "thong_bao": len(period["thong_bao"]),
              "linh_vuc": len(period["linh_vuc"])}
    return [out], counts, notes, done
