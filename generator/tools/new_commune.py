"""`cchc new-commune`: a new commune's profile from the official list, in one command.

The clerk types the name and the province the way they come (with or without diacritics, any case, with or
without "Xã"/"Phường"/"Tỉnh"/"TP"); the official entry gives the name, kind, province and code. Anything that
does not name exactly one commune of that province is refused with the closest official names, and nothing is
written; an existing folder is never overwritten.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from generator.core import official
from generator.core.official import OfficialCommune
from generator.core.dates import vn_date
from generator.core.problems import DataError, UserError, say
from generator.core.slug import commune_slug, fold, slugify
from generator.load.yaml_loader import load_yaml
from generator.models.catalog import DanhMucTinhCu
from generator.models.commune import Xa

from .new_period import SCHEMA_LINE, _environment, _help, read_model, write_new

PROFILE_SCHEMA_LINE = SCHEMA_LINE.replace("ky.schema.json", "thong-tin.schema.json")


def _label(c: OfficialCommune) -> str:
    return say("xa_moi_don_vi", ten=c.full_name, ma=c.ma_don_vi)


def _closest(typed: str, names: dict[str, str], n: int = 5) -> list[str]:
    """names: folded -> as shown. The closest ones to what was typed, best first."""
    found = difflib.get_close_matches(fold(typed), list(names), n=n, cutoff=0.6)
    return list(dict.fromkeys(names[f] for f in found))


def _near(typed: str, names: dict[str, str]) -> str:
    close = _closest(typed, names)
    return say("xa_moi_gan_nhat", cac_ten=", ".join(close)) if close else say("xa_moi_khong_gan")


def former_provinces(data_dir: Path) -> DanhMucTinhCu | None:
    """data/danh-muc/tinh-cu.yaml: the provinces before 1/7/2025 and those they became (None in a data folder of a
    portal that has not taken the file: only today's names are known there)."""
    path = data_dir / "danh-muc" / "tinh-cu.yaml"
    return read_model(path, DanhMucTinhCu) if path.is_file() else None


def _unknown_province(name: str | None, province: str, former: DanhMucTinhCu | None) -> UserError:
    """A province that is not one of today's: a former one is told what it became and where the commune is."""
    key = official.province_key(province)
    merged = {old: t.ten for t in former.tinh for old in t.tinh_cu if old != t.ten} if former else {}
    old = next((old for old in merged if official.province_key(old) == key), None)
    if old is None:
        names = {fold(p): p for p in official.provinces()}
        names |= {fold(o): say("xa_moi_tinh_cu_gan", tinh_cu=o, tinh=t, ngay=vn_date(former.hieu_luc_tu))
                  for o, t in merged.items()}
        return UserError(say("xa_moi_tinh_khong_co", gia_tri=province, so=len(official.provinces()),
                             gan_nhat=_near(province, names)))
    told = say("xa_moi_tinh_cu", tinh_cu=old, tinh=merged[old], ngay=vn_date(former.hieu_luc_tu), nguon=former.nguon)
    if name is None:  # a province alone (a decision's): what it became is the answer
        return UserError(told)
    try:
        c = find_commune(name, merged[old], former)
    except UserError as exc:
        return UserError(f"{told} {exc}")
    return UserError(f"{told} " + say("xa_moi_tinh_cu_co_xa", don_vi=_label(c), tinh=c.tinh, go=name))


def find_province(typed: str, former: DanhMucTinhCu | None = None, commune: str | None = None) -> str:
    """The province of today's official list a clerk typed, or a UserError: a former province is told what it became
    (and where the commune is, when one is named), an unknown name gets the closest ones (former: the provinces before
    1/7/2025 and other ways of writing one)."""
    tinh = official.find_province(typed, {t.ten: t.tinh for t in former.ten_khac} if former else None)
    if tinh is None:
        raise _unknown_province(commune, typed, former)
    return tinh


def find_commune(name: str, province: str, former: DanhMucTinhCu | None = None) -> OfficialCommune:
    """The one commune of the official list that name and province mean, or a UserError saying why not; former: the
    provinces before 1/7/2025 (a former one is told what it became) and other ways of writing one ("TP.HCM")."""
    tinh = find_province(province, former, name)
    typed = " ".join(name.split())
    in_province = [c for c in official.communes() if c.tinh == tinh]
    found = [c for c in in_province if typed.casefold() in {c.ten.casefold(), c.full_name.casefold()}]  # with its diacritics
    if not found:
        found = [c for c in in_province if official.names(typed, c)]
    if len(found) == 1:
        return found[0]
    if found:
        raise UserError(say("xa_moi_nhap_nhang", gia_tri=name, tinh=tinh, cac_ten=", ".join(map(_label, found)),
                                vi_du=found[0].full_name))
    elsewhere = [c for c in official.communes() if official.names(typed, c)]
    if elsewhere:
        places = ", ".join(say("xa_moi_don_vi_tinh", ten=c.full_name, tinh=c.tinh) for c in elsewhere)
        raise UserError(say("xa_moi_khac_tinh", gia_tri=name, tinh=tinh, noi_co=places))
    names = {fold(c.ten): _label(c) for c in in_province} | {fold(c.full_name): _label(c) for c in in_province}
    raise UserError(say("xa_moi_khong_co", gia_tri=name, tinh=tinh, phien_ban=official.package_version(),
                            gan_nhat=_near(typed, names)))


def _same_code(data_dir: Path, code: str) -> Path | None:
    """A profile already written for this code, under another folder name."""
    for path in sorted((data_dir / "xa").glob("*/thong-tin.yaml")):
        try:
            data = load_yaml(path).data
        except DataError:
            continue
        if isinstance(data, dict) and str(data.get("ma_don_vi") or "").zfill(5) == code:
            return path
    return None


def render_profile(c: OfficialCommune, slug: str) -> str:
    header = say("xa_moi_dau_tep", ten=c.full_name, tinh=c.tinh, tep_tinh=f"{slugify(c.tinh)}.yaml", xa=slug).splitlines()
    return _environment().get_template("thong_tin_moi.yaml.j2").render(
        schema_line=PROFILE_SCHEMA_LINE,
        header=header,
        c=c,
        nguon=say("xa_moi_nguon", phien_ban=official.package_version()),
        office=say("mot_cua_ten_goi_y", loai=c.loai, ten=c.ten),
        help=_help(Xa),
    )


def new_commune(data_dir: Path, name: str, province: str) -> tuple[Path, OfficialCommune]:
    c = find_commune(name, province, former_provinces(data_dir))
    folder = data_dir / "xa" / commune_slug(c.ten, c.ma_don_vi)
    if folder.exists():
        raise UserError(say("xa_moi_da_co", thu_muc=folder, loai=c.loai))
    other = _same_code(data_dir, c.ma_don_vi)
    if other is not None:
        raise UserError(say("xa_moi_ma_da_co", ma=c.ma_don_vi, ten=c.full_name, tep=other))
    path = folder / "thong-tin.yaml"
    write_new(path, render_profile(c, folder.name))
    return path, c


def command(args) -> str:
    data_dir = Path(args.data)
    if not data_dir.is_dir():
        raise UserError(say("thu_muc_khong_co", thu_muc=data_dir), 2)
    path, c = new_commune(data_dir, args.name, args.province)
    return say("xa_moi_da_tao", tep=path, ten=c.full_name, tinh=c.tinh, ma=c.ma_don_vi, xa=path.parent.name)
