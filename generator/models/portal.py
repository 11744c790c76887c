"""The portal as the later stages see it: what was read, where each part was written, nothing of the YAML itself.

These are the domain types every stage after loading works on (compute, check, views); the loader builds them, and
no stage needs the file reader to name them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.core.slug import slugify

from .catalog import DanhMucKy, DanhMucLinhVuc, DanhMucSoLieuChung, DanhMucVanBan, LoaiKy, MauChiTieu
from .commune import DanhSachThuTuc, KenhPhanAnh, Tinh, Xa
from .period import Ky
from .procedures import DanhMucThuTucTinh, ThuTucQuocGia


def mark(value_marks: dict, key_marks: dict, loc: tuple, *, key: bool = False) -> tuple[int, int]:
    """Best position for loc: the key (or value) itself, else the nearest parent."""
    loc = tuple(loc)
    while True:
        if key and loc in key_marks:
            return key_marks[loc]
        if loc in value_marks:
            return value_marks[loc]
        if loc in key_marks:
            return key_marks[loc]
        if not loc:
            return (1, 1)
        loc = loc[:-1]


@dataclass
class Where:
    """Positions of one file's parts, so later steps can point at a line without the raw YAML."""

    file: str
    value_marks: dict
    key_marks: dict

    def at(self, *loc) -> tuple[int, int]:
        return mark(self.value_marks, self.key_marks, loc)


@dataclass
class Period:
    slug: str  # "2024-q1"
    ky: Ky
    kind: LoaiKy
    template: MauChiTieu | None  # None: the period has no appendix
    where: Where


@dataclass
class Commune:
    slug: str
    xa: Xa
    where: Where
    procedures: DanhSachThuTuc | None
    periods: list[Period] = field(default_factory=list)  # oldest first


@dataclass
class ProcedureList:
    """A province's procedure list (data/tinh/<tỉnh>/thu-tuc.yaml) and where its parts were written."""

    slug: str  # the province's slug, its folder's name
    listing: DanhMucThuTucTinh
    where: Where


@dataclass
class Catalog:
    sectors: DanhMucLinhVuc
    period_kinds: DanhMucKy
    legal: DanhMucVanBan
    templates: dict[str, MauChiTieu]
    broken_templates: set[str] = field(default_factory=set)  # reported already; periods using them are skipped
    key_figures: DanhMucSoLieuChung = field(default_factory=DanhMucSoLieuChung)  # what may be compared across templates
    provinces: dict[str, Tinh] = field(default_factory=dict)  # slug of the province's name -> its shared facts
    province_files: dict[str, str] = field(default_factory=dict)  # slug of the province's name -> its file, as shown
    national_channels: list[KenhPhanAnh] = field(default_factory=list)
    procedures: dict[str, ThuTucQuocGia] = field(default_factory=dict)  # national facts by code (danh-muc/thu-tuc/)
    procedure_lists: dict[str, ProcedureList] = field(default_factory=dict)  # by the province's slug

    def procedure_list_of(self, xa: Xa) -> ProcedureList | None:
        """The province's list a commune handles: a post-reform unit's, once imported; a former unit keeps its own
        records (data/xa/<xã>/thu-tuc.yaml)."""
        return self.procedure_lists.get(slugify(xa.tinh)) if xa.post_reform else None


@dataclass
class Portal:
    catalog: Catalog
    communes: list[Commune]
