"""Read the procedures' files: national facts (data/danh-muc/thu-tuc/<mã>.yaml) and each province's list
(data/tinh/<tỉnh>/thu-tuc.yaml), with the checks that need only these files and the sector catalogue.

Each problem is recorded on the reader at file:line and the file is left out; nothing here stops the reading of the
rest of data/.
"""

from __future__ import annotations

from pathlib import Path

from generator.core.slug import slugify
from generator.models.portal import Catalog, ProcedureList
from generator.models.procedures import DanhMucThuTucTinh, ThuTucQuocGia

LIST_FILE = "thu-tuc.yaml"  # in a province's folder


def read_national(reader, folder: Path, catalog: Catalog) -> dict[str, ThuTucQuocGia]:
    """data/danh-muc/thu-tuc/<mã>.yaml, each named by its code."""
    records = {}
    for path in reader.yaml_files(folder) if folder.is_dir() else []:
        record, where = reader.read(path, ThuTucQuocGia)
        if record is None:
            continue
        if path.stem != record.ma:
            reader.add("thu_tuc_ten_tep_lech", where, ("ma",), ma=record.ma, tep=path.name, dung=f"{record.ma}.yaml")
            continue
        _check_sector(reader, where, catalog, ("linh_vuc",), record.linh_vuc)
        records[record.ma] = record
    return records


def read_lists(reader, folder: Path, catalog: Catalog) -> dict[str, ProcedureList]:
    """data/tinh/<slug>/thu-tuc.yaml, each in the folder named by the slug of its province."""
    lists = {}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []:
        path = sub / LIST_FILE
        if not path.exists():
            continue
        listing, where = reader.read(path, DanhMucThuTucTinh)
        if listing is None:
            continue
        if slugify(listing.tinh) != sub.name:
            reader.add("thu_tuc_tinh_thu_muc_lech", where, ("tinh",), ten=listing.tinh, thu_muc=sub.name,
                       dung=slugify(listing.tinh))
            continue
        if _check_list(reader, where, catalog, listing):
            lists[sub.name] = ProcedureList(sub.name, listing, where)
    return lists


def _check_sector(reader, where, catalog: Catalog, loc: tuple, sector: str) -> bool:
    if sector in {s.ma for s in catalog.sectors.linh_vuc}:
        return True
    reader.add("linh_vuc_khong_co", where, loc, gia_tri=sector)
    return False


def _check_list(reader, where, catalog: Catalog, listing: DanhMucThuTucTinh) -> bool:
    """A decision is listed once; every entry's history names listed decisions, oldest first; a code is listed once."""
    before = len(reader.problems)
    decisions = {}
    for i, decision in enumerate(listing.quyet_dinh):
        if decision.so in decisions:
            reader.add("quyet_dinh_trung", where, ("quyet_dinh", i, "so"), so=decision.so)
        decisions[decision.so] = decision
    seen: dict[str, int] = {}
    for i, entry in enumerate(listing.thu_tuc):
        _check_sector(reader, where, catalog, ("thu_tuc", i, "linh_vuc"), entry.linh_vuc)
        if entry.ma in seen:
            reader.add("thu_tuc_trung_dong", where, ("thu_tuc", i, "ma"), gia_tri=entry.ma, dong=seen[entry.ma] + 1)
        seen.setdefault(entry.ma, i)
        previous = None
        for j, change in enumerate(entry.lich_su):
            decision = decisions.get(change.quyet_dinh)
            if decision is None:
                reader.add("thu_tuc_quyet_dinh_khong_co", where, ("thu_tuc", i, "lich_su", j, "quyet_dinh"),
                           so=change.quyet_dinh, ma=entry.ma)
                continue
            if previous is not None and decision.in_force_from < previous.in_force_from:
                reader.add("thu_tuc_lich_su_nguoc", where, ("thu_tuc", i, "lich_su", j, "quyet_dinh"),
                           so=change.quyet_dinh, truoc=previous.so, ma=entry.ma)
            previous = decision
    return len(reader.problems) == before
