"""Read data/ into typed models, collecting every problem instead of stopping at the first.

Layout read here:
  data/danh-muc/linh-vuc.yaml, ky-bao-cao.yaml, van-ban-phap-ly.yaml, so-lieu-chung.yaml (optional), chi-tieu/<mẫu>.yaml,
               kenh-phan-anh.yaml (optional: the national feedback channels)
  data/danh-muc/thu-tuc/<mã>.yaml (optional: a procedure's national facts; procedure_files.py)
  data/tinh/<tỉnh>.yaml (optional: what every commune of a province shares),
           <tỉnh>/thu-tuc.yaml (optional: the procedures its communes handle; procedure_files.py)
  data/xa/<mã-xã>/thong-tin.yaml, thu-tuc.yaml (optional), <năm>-<kỳ>.yaml
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator.core.dates import vn_date
from generator.core.problems import DataError, Problem, problem, say
from generator.core.site_paths import DEEPEST_SECTION, RESERVED_FOLDERS, reserved_folder, section_anchor
from generator.core.slug import slugify
from generator.models.catalog import DanhMucKy, DanhMucLinhVuc, DanhMucSoLieuChung, DanhMucVanBan, MauChiTieu
from generator.models.commune import DanhMucKenhPhanAnh, DanhSachThuTuc, KenhPhanAnh, Tinh, Xa
from generator.models.period import Ky, VanBan
from generator.models.portal import Catalog, Commune, Period, Portal, Where

from . import procedure_files
from .pydantic_errors import translate
from .yaml_loader import load_yaml

PERIOD_FILE = re.compile(r"^(\d{4})-([a-z0-9]+)\.yaml$")


@dataclass(frozen=True)
class Reading:
    """What reading data/ returns: the portal as models (None when the catalogues cannot be read) and every problem found
    on the way."""

    portal: Portal | None
    problems: list[Problem]


class _Reader:
    def __init__(self, data_dir: Path, shown_root: Path):
        self.data_dir = data_dir
        self.shown_root = shown_root
        self.problems: list[Problem] = []

    def shown(self, path: Path) -> Path:
        try:
            return self.shown_root / path.relative_to(self.data_dir)
        except ValueError:
            return path

    def read(self, path: Path, model: type[BaseModel]):
        """Load and validate one file; None (with problems recorded) when it cannot be used."""
        try:
            loaded = load_yaml(path, self.shown(path))
        except DataError as exc:
            self.problems.extend(exc.problems)
            return None, None
        self.problems.extend(loaded.warnings)
        where = Where(str(loaded.path), loaded.value_marks, loaded.key_marks)
        if not isinstance(loaded.data, dict):
            kind = say("hien_danh_sach") if isinstance(loaded.data, list) else say("hien_gia_tri_don")
            self.problems.append(problem("tep_goc_khong_phai_nhom", loaded.path, 1, 1, (), kieu=kind))
            return None, where
        try:
            return model.model_validate(loaded.data), where
        except ValidationError as exc:
            self.problems.extend(translate(exc, loaded, model))
            return None, where

    def yaml_files(self, folder: Path) -> list[Path]:
        return _yaml_files(self, folder)

    def add(self, code: str, where: Where, loc: tuple, *, severity: str = "error", **details):
        line, col = where.at(*loc)
        self.problems.append(problem(code, where.file, line, col, loc, severity=severity, **details))


def read_portal(data_dir: Path, shown_root: Path | None = None, only: set[str] | None = None) -> Reading:
    """All of data/ as models, plus every problem found on the way; with only, the catalogues and those communes."""
    data_dir = Path(data_dir)
    reader = _Reader(data_dir, Path(shown_root) if shown_root else data_dir)
    if not data_dir.is_dir():
        reader.problems.append(problem("thu_muc_khong_co", data_dir, 1, 1, (), thu_muc=data_dir))
        return Reading(None, reader.problems)
    catalog_dir = data_dir / "danh-muc"
    sectors, _ = reader.read(catalog_dir / "linh-vuc.yaml", DanhMucLinhVuc)
    kinds, _ = reader.read(catalog_dir / "ky-bao-cao.yaml", DanhMucKy)
    legal, _ = reader.read(catalog_dir / "van-ban-phap-ly.yaml", DanhMucVanBan)
    key_figures = DanhMucSoLieuChung()
    if (catalog_dir / "so-lieu-chung.yaml").exists():
        key_figures, key_where = reader.read(catalog_dir / "so-lieu-chung.yaml", DanhMucSoLieuChung)
        if key_figures is not None:
            _check_key_figures(reader, key_figures, key_where)
    templates = {}
    broken_templates: set[str] = set()
    for path in _yaml_files(reader, catalog_dir / "chi-tieu"):
        template, where = reader.read(path, MauChiTieu)
        if template is not None and _check_template(reader, template, where, key_figures):
            templates[path.stem] = template
        elif template is not None:
            broken_templates.add(path.stem)
    if sectors is None or kinds is None or legal is None or key_figures is None:
        return Reading(None, reader.problems)
    catalog = Catalog(sectors, kinds, legal, templates, broken_templates, key_figures)
    catalog.provinces = _read_provinces(reader, data_dir / "tinh")
    catalog.procedures = procedure_files.read_national(reader, catalog_dir / "thu-tuc", catalog)
    catalog.procedure_lists = procedure_files.read_lists(reader, data_dir / "tinh", catalog)
    catalog.province_files = {slug: str(reader.shown(data_dir / "tinh" / f"{slug}.yaml")) for slug in catalog.provinces}
    if (catalog_dir / "kenh-phan-anh.yaml").exists():
        national, national_where = reader.read(catalog_dir / "kenh-phan-anh.yaml", DanhMucKenhPhanAnh)
        if national is not None:
            _check_channel_names(reader, national.kenh_phan_anh, national_where)
        catalog.national_channels = national.kenh_phan_anh if national else []

    communes = []
    commune_root = data_dir / "xa"
    folders = _commune_folders(reader, commune_root)
    if not folders:
        reader.problems.append(problem("khong_co_du_lieu", reader.shown(commune_root), 1, 1, (), thu_muc=reader.shown(commune_root)))
    for folder in folders if only is None else [f for f in folders if f.name in only]:
        commune = _read_commune(reader, folder, catalog)
        if commune is not None:
            communes.append(commune)
    return Reading(Portal(catalog, communes), reader.problems)


def _check_channel_names(reader: _Reader, channels: list[KenhPhanAnh], where: Where) -> None:
    """A channel's name is its heading and element id (kenh-<slug>): two channels of one file with one name are one
    channel written twice, or two that need telling apart."""
    seen: dict[str, str] = {}
    for i, channel in enumerate(channels):
        key = slugify(channel.ten)
        if key in seen:
            reader.add("kenh_trung_ten", where, ("kenh_phan_anh", i, "ten"), ten=channel.ten, khac=seen[key])
        seen.setdefault(key, channel.ten)


def _commune_folders(reader: _Reader, root: Path) -> list[Path]:
    """The folders of data/xa/ that are communes. A folder's name is the commune's address on the site, so it must be
    a slug and not a name the site keeps for itself; a hidden folder (an editor's or a copy tool's) is skipped, and said."""
    folders = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        if folder.name.startswith("."):
            reader.problems.append(problem("thu_muc_xa_an", reader.shown(folder), 1, 1, (), severity="warning",
                                           ten=folder.name))
        elif slugify(folder.name) != folder.name:
            reader.problems.append(problem("thu_muc_xa_khong_phai_slug", reader.shown(folder), 1, 1, (), ten=folder.name,
                                           dung=slugify(folder.name) or "ten-xa"))
        elif reserved_folder(folder.name):
            reader.problems.append(problem("thu_muc_xa_trung_duong_dan", reader.shown(folder), 1, 1, (), ten=folder.name,
                                           danh_sach=", ".join(sorted(RESERVED_FOLDERS))))
        else:
            folders.append(folder)
    return folders


def _yaml_files(reader: _Reader, folder: Path) -> list[Path]:
    """The .yaml files of a folder; a .yml file is said, not skipped in silence (the portal reads only .yaml)."""
    for path in sorted(folder.glob("*.yml")):
        reader.problems.append(problem("tep_duoi_yml", reader.shown(path), 1, 1, (), tep=path.name,
                                       dung=path.stem + ".yaml"))
    return sorted(folder.glob("*.yaml"))


def _read_provinces(reader: _Reader, folder: Path) -> dict[str, Tinh]:
    """data/tinh/<slug>.yaml, each named by the slug of the province it describes."""
    provinces = {}
    for path in _yaml_files(reader, folder) if folder.is_dir() else []:
        tinh, where = reader.read(path, Tinh)
        if tinh is None:
            continue
        _check_channel_names(reader, tinh.kenh_phan_anh, where)
        if slugify(tinh.ten) != path.stem:
            reader.add("tinh_ten_tep_lech", where, ("ten",), ten=tinh.ten, tep=path.name, dung=f"{slugify(tinh.ten)}.yaml")
            continue
        provinces[path.stem] = tinh
    return provinces



def _check_key_figures(reader: _Reader, catalogue: DanhMucSoLieuChung, where: Where) -> None:
    """Ids are unique, every use names a declared figure, and a chart never puts a count beside a percentage."""
    kinds: dict[str, str] = {}
    for i, figure in enumerate(catalogue.so_lieu):
        if figure.ma in kinds:
            reader.add("so_lieu_chung_lap", where, ("so_lieu", i, "ma"), gia_tri=figure.ma)
        kinds.setdefault(figure.ma, figure.kieu)
    uses = [(("trang_chu", i, name), ref) for i, k in enumerate(catalogue.trang_chu)
            for name in ("so_lieu", "phu") if (ref := getattr(k, name))]
    uses += [(("lich_su", i, "chuoi", j, "so_lieu"), line.so_lieu) for i, chart in enumerate(catalogue.lich_su)
             for j, line in enumerate(chart.chuoi)]
    for loc, ref in uses:
        if ref not in kinds:
            reader.add("so_lieu_chung_khong_co", where, loc, gia_tri=ref)
    for i, chart in enumerate(catalogue.lich_su):
        first = chart.chuoi[0]
        for j, line in enumerate(chart.chuoi[1:], 1):
            if first.so_lieu in kinds and line.so_lieu in kinds and kinds[line.so_lieu] != kinds[first.so_lieu]:
                reader.add("bieu_do_khac_kieu", where, ("lich_su", i, "chuoi", j, "so_lieu"), gia_tri=line.so_lieu,
                           kieu=kinds[line.so_lieu], dau=first.so_lieu, kieu_dau=kinds[first.so_lieu])


_REFERENCES = ("tu_so", "mau_so", "tom_tat", "khong_vuot", "bien_che_giao")


def _check_template(reader: _Reader, template: MauChiTieu, where: Where, key_figures: DanhMucSoLieuChung | None) -> bool:
    """A template is usable: declared code shapes, unique codes, existing references, whole ratios, sums without
    cycles, key figures that exist and are of the row's kind. False (with every problem recorded) if not."""
    problems_before = len(reader.problems)
    rows: list[tuple] = []

    def walk(items, loc):
        for i, row in enumerate(items):
            rows.append((row, loc + (i,)))
            walk(row.trong_do, loc + (i, "trong_do"))
            walk(row.chi_tieu, loc + (i, "chi_tieu"))

    walk(template.muc, ("muc",))
    shapes = [re.compile(shape) for shape in template.dang_ma]
    known: dict[str, tuple] = {}
    for row, loc in rows:
        if not any(shape.fullmatch(row.ma) for shape in shapes):
            reader.add("mau_ma_sai_dang", where, loc + ("ma",), gia_tri=row.ma, dang=", ".join(template.dang_ma))
        if row.ma in known:
            reader.add("mau_ma_lap", where, loc + ("ma",), gia_tri=row.ma)
        known.setdefault(row.ma, (row, loc))
    figures = key_figures.by_id() if key_figures is not None else None  # None: the catalogue itself is broken
    declared: dict[str, str] = {}
    for row, loc in rows:
        if (row.tu_so is None) != (row.mau_so is None):
            given, missing = ("tu_so", "mau_so") if row.tu_so else ("mau_so", "tu_so")
            reader.add("mau_ty_le_thieu", where, loc + (given,), ma=row.ma, co=given, thieu=missing)
        if row.toi_da is not None and row.kieu != "diem":
            reader.add("mau_toi_da_khong_phai_diem", where, loc + ("toi_da",), ma=row.ma, kieu=row.kieu)
        if row.so_lieu_chung and figures is not None:
            figure = figures.get(row.so_lieu_chung)
            if figure is None:
                reader.add("mau_so_lieu_chung_khong_co", where, loc + ("so_lieu_chung",), ma=row.ma, gia_tri=row.so_lieu_chung)
            elif figure.kieu != row.kieu:
                reader.add("mau_so_lieu_chung_khac_kieu", where, loc + ("so_lieu_chung",), ma=row.ma, kieu=row.kieu,
                           gia_tri=figure.ma, kieu_so_lieu=figure.kieu)
            elif row.so_lieu_chung in declared:
                reader.add("mau_so_lieu_chung_lap", where, loc + ("so_lieu_chung",), ma=row.ma, gia_tri=row.so_lieu_chung,
                           ma_khac=declared[row.so_lieu_chung])
            declared.setdefault(row.so_lieu_chung, row.ma)
    refs = [(row.ma, loc + (name,), ref) for row, loc in rows for name in _REFERENCES if (ref := getattr(row, name))]
    refs += [(row.ma, loc + (name, j), ref) for row, loc in rows for name in ("cac_phan", "tong")
             for j, ref in enumerate(getattr(row, name))]
    links = template.lien_ket
    refs += [("lien_ket", ("lien_ket", name), ref) for name in ("bien_che_giao", "bien_che_co_mat", "ho_so_truc_tuyen")
             if (ref := getattr(links, name))]
    refs += [("lien_ket", ("lien_ket", "thu_tuc_co_ho_so_truc_tuyen", j), ref) for j, ref in enumerate(links.thu_tuc_co_ho_so_truc_tuyen)]
    for owner, loc, ref in refs:
        if ref not in known:
            reader.add("mau_tham_chieu_sai", where, loc, ma=owner, gia_tri=ref)
    cycle = _computation_cycle({code: row for code, (row, _) in known.items()})
    if cycle:
        reader.add("mau_tinh_vong", where, known[cycle[0]][1] + ("ma",), ma=cycle[0], vong=" → ".join(cycle))
    return len(reader.problems) == problems_before


def _computation_cycle(rows: dict) -> list[str]:
    """A chain of rows each computed from the next that comes back to its start (sums, ratios, summaries), or []."""

    def inputs(row):
        refs = list(row.tong) + ([row.tu_so, row.mau_so] if row.is_ratio else []) + ([row.tom_tat] if row.tom_tat else [])
        return [ref for ref in refs if ref in rows]

    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(code):
        state[code] = 1
        path.append(code)
        for ref in inputs(rows[code]):
            if state.get(ref) == 1:
                return path[path.index(ref):] + [ref]
            if ref not in state and (found := visit(ref)):
                return found
        path.pop()
        state[code] = 2
        return []

    for code in rows:
        if code not in state and (found := visit(code)):
            return found
    return []


def _read_commune(reader: _Reader, folder: Path, catalog: Catalog) -> Commune | None:
    profile_path = folder / "thong-tin.yaml"
    if not profile_path.exists():
        reader.problems.append(problem("xa_thieu_thong_tin", reader.shown(profile_path), 1, 1, ()))
        return None
    xa, where = reader.read(profile_path, Xa)
    if xa is not None:
        _check_channel_names(reader, xa.kenh_phan_anh, where)
    procedures = None
    if (folder / "thu-tuc.yaml").exists():
        procedures, procedures_where = reader.read(folder / "thu-tuc.yaml", DanhSachThuTuc)
        if procedures is not None:
            _check_sectors_and_repeats(reader, procedures_where, catalog, "thu_tuc", procedures.thu_tuc, "ma", "thu_tuc_trung")
    periods, read = [], []
    for path in _yaml_files(reader, folder):
        if path.name in ("thong-tin.yaml", "thu-tuc.yaml"):
            continue
        match = PERIOD_FILE.match(path.name)
        if not match:
            reader.problems.append(problem("ten_tep_ky_sai", reader.shown(path), 1, 1, ()))
            continue
        ky, ky_where = reader.read(path, Ky)
        if ky is None:
            continue
        read.append((ky, ky_where))
        period = _check_period(reader, ky, ky_where, match, catalog)
        if period is not None:
            periods.append(period)
    kind_order = {k.ma: k.thu_tu for k in catalog.period_kinds.loai_ky}

    def oldest_first(ky: Ky) -> tuple:
        return ky.nam, kind_order.get(ky.loai_ky, len(kind_order))

    _check_document_numbers(reader, sorted(read, key=lambda ky_where: oldest_first(ky_where[0])))
    if xa is None:
        return None
    periods.sort(key=lambda p: oldest_first(p.ky))
    return Commune(folder.name, xa, where, procedures, periods)


def _check_document_numbers(reader, periods: list[tuple[Ky, Where]]) -> None:
    """A document number names one document of the commune: a report lists it once, and every report that lists it
    again gives it the same date. periods: every period file read, oldest first. A number written twice is one
    error, at the later place, naming the earlier one."""
    first: dict[str, tuple[Where, VanBan]] = {}
    for ky, where in periods:
        here: dict[str, tuple[str, int]] = {}
        for group in ("ke_hoach", "thong_bao"):
            for i, doc in enumerate(getattr(ky, group)):
                if doc.so in here:
                    other_group, other = here[doc.so]
                    reader.add("so_van_ban_trung", where, (group, i, "so"), so=doc.so, noi_khac=f"{other_group}[{other + 1}]")
                elif doc.so in first and first[doc.so][1].ngay != doc.ngay:
                    seen_where, seen = first[doc.so]
                    reader.add("so_van_ban_trung", where, (group, i, "so"), so=doc.so,
                               noi_khac=say("noi_van_ban_khac", tep=Path(seen_where.file).name, ngay=vn_date(seen.ngay)))
                here.setdefault(doc.so, (group, i))
                first.setdefault(doc.so, (where, doc))


def _check_sectors_and_repeats(reader, where: Where, catalog: Catalog, name: str, items, key: str, repeat_code: str) -> None:
    """Every item names a known sector, and no item's key is written twice."""
    sector_codes = {s.ma for s in catalog.sectors.linh_vuc}
    seen = set()
    for i, item in enumerate(items):
        if item.linh_vuc not in sector_codes:
            reader.add("linh_vuc_khong_co", where, (name, i, "linh_vuc"), gia_tri=item.linh_vuc)
        value = getattr(item, key)
        if value in seen:
            reader.add(repeat_code, where, (name, i, key), gia_tri=value)
        seen.add(value)


def _check_entries(reader, ky: Ky, where: Where, template: MauChiTieu) -> None:
    """Every appendix value is written under a row of its template, and only where a value can go: a typed figure on a
    row the template computes, or a printed one (so_lieu_bao_cao) on a row it does not, is refused."""
    rows = {row.ma: row for row, _, _ in template.rows()}
    for code, entry in ky.phu_luc.chi_tieu.items():
        loc = ("phu_luc", "chi_tieu", code)
        row = rows.get(code)
        if row is None:
            close = difflib.get_close_matches(code, list(rows), n=1, cutoff=0.6)
            line, col = where.at(*loc)
            reader.problems.append(
                problem("chi_tieu_khong_co", where.file, line, col, loc, gia_tri=code, mau=template.phien_ban,
                        hint=say("goi_y", goi_y=close[0]) if close else "")
            )
        elif entry.gia_tri is not None and row.tom_tat:  # before the group rule: it says where the figure belongs
            reader.add("chi_tieu_tom_tat_tu_dong", where, loc, ma=code, tom_tat=row.tom_tat)
        elif entry.gia_tri is not None and row.kieu == "nhom":
            reader.add("chi_tieu_nhom_co_so", where, loc, gia_tri=code)
        elif entry.gia_tri is not None and row.is_ratio:
            reader.add("chi_tieu_tinh_tu_dong", where, loc, ma=code, tu_so=row.tu_so, mau_so=row.mau_so)
        elif entry.so_lieu_bao_cao is not None and not row.is_computed:  # it would be neither shown nor compared
            reader.add("so_lieu_bao_cao_dong_nhap", where, loc + ("so_lieu_bao_cao",), ma=code)


def _check_sections(reader, ky: Ky, where: Where) -> None:
    """A report's sections become headings with element ids: no deeper than headings go, no two with one id, and
    each inserted list (`chen`) once, since it carries ids of its own."""
    inserted: dict[str, tuple] = {}

    def walk(sections, loc, anchor, depth):
        anchors: dict[str, int] = {}
        for i, sec in enumerate(sections):
            here = loc + (i,)
            if depth > DEEPEST_SECTION:
                reader.add("muc_qua_sau", where, here + ("tieu_de",), tieu_de=sec.tieu_de, toi_da=DEEPEST_SECTION)
            own = section_anchor(anchor, sec.so, i + 1)
            if own in anchors:
                reader.add("muc_trung_so", where, here + ("so",) if sec.so else here + ("tieu_de",), tieu_de=sec.tieu_de,
                           so=sec.so or i + 1, khac=sections[anchors[own]].tieu_de)
            anchors.setdefault(own, i)
            for j, para in enumerate(sec.noi_dung):
                if para.chen and para.chen in inserted:
                    reader.add("chen_lap", where, here + ("noi_dung", j, "chen"), gia_tri=para.chen,
                               dong=where.at(*inserted[para.chen])[0])
                if para.chen:
                    inserted.setdefault(para.chen, here + ("noi_dung", j, "chen"))
            walk(sec.muc, here + ("muc",), own, depth + 1)

    walk(ky.bao_cao.phan, ("bao_cao", "phan"), "phan", 1)


def _check_period(reader, ky: Ky, where: Where, match, catalog: Catalog) -> Period | None:
    ok = True
    kinds = {k.ma: k for k in catalog.period_kinds.loai_ky}
    if ky.loai_ky not in kinds:
        reader.add("loai_ky_khong_co", where, ("loai_ky",), gia_tri=ky.loai_ky, cho_phep=", ".join(kinds))
        ok = False
    if (str(ky.nam), ky.loai_ky) != match.groups():
        reader.add("ten_tep_ky_lech", where, ("nam",), ten_tep=match.group(0), nam=ky.nam, loai_ky=ky.loai_ky)
    _check_sectors_and_repeats(reader, where, catalog, "linh_vuc", ky.linh_vuc, "linh_vuc", "linh_vuc_lap")
    if ky.bao_cao is not None:
        _check_sections(reader, ky, where)
    template = None
    if ky.phu_luc is not None:
        template = catalog.templates.get(ky.phu_luc.mau)
        if template is None:
            if ky.phu_luc.mau not in catalog.broken_templates:
                reader.add("mau_khong_co", where, ("phu_luc", "mau"), gia_tri=ky.phu_luc.mau)
            return None
        _check_entries(reader, ky, where, template)
    rows = {row.ma: row for row, _, _ in template.rows()} if template else {}
    for i, claim in enumerate(ky.doi_chieu):
        if claim.chi_tieu not in rows:
            if template is None:
                reader.add("doi_chieu_khong_co_phu_luc", where, ("doi_chieu", i, "chi_tieu"), gia_tri=claim.chi_tieu)
            else:
                reader.add("chi_tieu_khong_co", where, ("doi_chieu", i, "chi_tieu"), gia_tri=claim.chi_tieu, mau=template.phien_ban)
            ok = False
    if not ok:
        return None
    return Period(match.group(0)[: -len(".yaml")], ky, kinds[ky.loai_ky], template, where)
