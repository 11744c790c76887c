"""`cchc import DECISION.docx --province X`, step 2: the decision applied to the province's list of procedures
(data/tinh/<tỉnh>/thu-tuc.yaml), checked, then written.

A first decision creates the list; a later one changes only the entries it names, each change added to the entry's
history (lich_su), so an abolished procedure stays with its history and only leaves the communes' pages. Everything
is checked before anything is written: a decision of another province, one imported already or older than the
list's latest, a count in Điều 1 that the tables do not hold, a sector the catalogue lacks. The file is written
again whole from its template (thu_tuc_tinh.yaml.j2): comments typed into it by hand are not kept.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import yaml
from pydantic import ValidationError

from generator.core.dates import vn_date
from generator.core.official import province_full_name
from generator.core.problems import UserError, say
from generator.core.slug import slugify
from generator.load.procedure_files import LIST_FILE
from generator.models.catalog import DanhMucLinhVuc
from generator.models.procedures import DanhMucThuTucTinh

from .import_decision import UNCLEAR, Decision, read_decision
from .import_profile import write_profile
from .new_commune import find_province, former_provinces
from .new_period import _environment, read_model, write_new

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/thu-tuc-tinh.schema.json"
CATALOGUE = Path("danh-muc") / "linh-vuc.yaml"


_CHANGE_WORDING = {None: "nhap_qd_viec_cong_bo", "cong-bo": "nhap_qd_viec_cong_bo", "sua-doi": "nhap_qd_viec_sua_doi",
                   "bai-bo": "nhap_qd_viec_bai_bo", "moi-ban-hanh": "nhap_qd_viec_moi_ban_hanh",
                   "thay-the": "nhap_qd_viec_thay_the", UNCLEAR: "nhap_qd_viec_khong_ro"}


def _change_name(change: str | None) -> str:
    """How a part's change is said: "sửa đổi, bổ sung"; None is the list published, UNCLEAR a heading naming two."""
    return say(_CHANGE_WORDING[change])


def _check_order(listing: DanhMucThuTucTinh | None, decision: Decision, path: Path, report: Path) -> None:
    """A decision is imported once, after the ones the list holds, and only a first one may create the list."""
    if listing is None:
        amending = sorted(c for c in decision.read if c not in (None, UNCLEAR))
        if amending:
            raise UserError(say("nhap_qd_chua_co_danh_muc", tep=report.name, so=decision.so, tep_ds=path,
                                viec=", ".join(map(_change_name, amending))))
        return
    if (earlier := listing.decision(decision.so)) is not None:
        raise UserError(say("nhap_qd_da_nhap", so=decision.so, ngay=vn_date(earlier.ngay), tep_ds=path))
    latest = max(listing.quyet_dinh, key=lambda d: d.in_force_from)
    if (decision.hieu_luc or decision.ngay) < latest.in_force_from:
        raise UserError(say("nhap_qd_cu_hon", so=decision.so, ngay=vn_date(decision.hieu_luc or decision.ngay),
                            so_moi=latest.so, ngay_moi=vn_date(latest.in_force_from), tep_ds=path))


def _check_count(decision: Decision, report: Path) -> None:
    """What Điều 1 says the appendix lists, part by part when it names the parts, against the rows read."""
    if not decision.stated:
        return
    if all(change for _, change in decision.stated):
        pairs = [(n, change, decision.read.get(change, 0)) for n, change in decision.stated]
    else:
        n = next(n for n, change in decision.stated if change is None)
        pairs = [(n, None, sum(decision.read.values()))]
    wrong = [say("nhap_qd_so_luong", ghi=n, doc=read, viec=_change_name(change)) for n, change, read in pairs if n != read]
    if wrong:
        unread = say("nhap_qd_chua_doc", cac_dong="\n".join("  - " + n for n in decision.notes)) if decision.notes else ""
        raise UserError(say("nhap_qd_so_luong_lech", tep=report.name, chi_tiet="; ".join(wrong), chua_doc=unread))


def _apply(listing: DanhMucThuTucTinh | None, decision: Decision) -> tuple[list[dict], Counter, dict[str, list[str]]]:
    """The entries after the decision, how many it changed of each kind, and the rows under a sector the catalogue
    lacks (by the sector as printed). A row that cannot be placed is added to decision.notes."""
    entries = [e.model_dump(exclude_none=True) for e in listing.thu_tuc] if listing else []
    by_code = {e["ma"]: e for e in entries}
    done: Counter = Counter()
    unknown: dict[str, list[str]] = {}
    seen: set[str] = set()
    for row in decision.rows:
        ma, change = row.facts["ma"], row.change or "cong-bo"
        if ma in seen:
            decision.notes.append(say("nhap_qd_ma_lap", dong=row.where, ma=ma))
            continue
        seen.add(ma)
        entry = by_code.get(ma)
        listed = entry is not None and entry["lich_su"][-1]["viec"] != "bai-bo"
        refused = {"bai-bo": not listed and "nhap_qd_bai_bo_khong_co", "sua-doi": not listed and "nhap_qd_sua_doi_khong_co",
                   "moi-ban-hanh": listed and "nhap_qd_da_co"}.get(change)
        if refused:
            decision.notes.append(say(refused, dong=row.where, ma=ma))
            continue
        if change != "bai-bo":
            if row.sector_printed:
                unknown.setdefault(row.sector_printed, []).append(row.where)
                continue
            sector = row.sector or (entry or {}).get("linh_vuc")
            if sector is None:
                decision.notes.append(say("nhap_qd_khong_linh_vuc", dong=row.where))
                continue
            if entry is None:
                entry = by_code[ma] = {"ma": ma, "lich_su": []}
                entries.append(entry)
            entry.update({k: v for k, v in row.facts.items() if v is not None}, linh_vuc=sector)
        entry["lich_su"].append({"quyet_dinh": decision.so, "viec": change})
        done[change] += 1
    return entries, done, unknown


def _unknown_sectors(unknown: dict[str, list[str]], data_dir: Path) -> UserError:
    parts = [say("nhap_qd_linh_vuc_khong_co", ten=name, danh_muc=data_dir / CATALOGUE, so=len(rows),
                 cac_dong="\n".join("  - " + r for r in rows)) for name, rows in unknown.items()]
    first = next(iter(unknown))
    parts.append(say("nhap_qd_them_linh_vuc", danh_muc=data_dir / CATALOGUE, ma=slugify(first), ten=first))
    return UserError("\n".join(parts))


def _text(listing: DanhMucThuTucTinh, sectors: DanhMucLinhVuc) -> str:
    names = {s.ma: s.ten for s in sectors.linh_vuc}
    return _environment().get_template("thu_tuc_tinh.yaml.j2").render(
        schema_line=SCHEMA_LINE, header=say("nhap_qd_dau_tep", tinh=province_full_name(listing.tinh), ten=listing.tinh).splitlines(),
        tinh=listing.tinh, cap_nhat=listing.cap_nhat,
        quyet_dinh=[d.model_dump(exclude_none=True) for d in listing.quyet_dinh],
        thu_tuc=[(names.get(e.linh_vuc, e.linh_vuc), e.model_dump(exclude_none=True)) for e in listing.thu_tuc],
    )


def _checked(data: dict, path: Path) -> DanhMucThuTucTinh:
    """The list as the portal will read it; one it would refuse is never written (an importer fault)."""
    try:
        return DanhMucThuTucTinh.model_validate(data)
    except ValidationError as exc:
        raise UserError(say("nhap_qd_khong_ghi", tep=path, loi=" ".join(str(exc).split())[:300])) from None


def import_decision(report: Path, province: str, data_dir: Path) -> tuple[Path, Decision, Counter]:
    """Read the decision, apply it to the province's list and write the list; nothing is written on a refusal."""
    try:
        tinh = find_province(province, former_provinces(data_dir))
    except UserError as exc:
        raise UserError(str(exc), 2) from None
    sectors = read_model(data_dir / CATALOGUE, DanhMucLinhVuc)
    decision = read_decision(report, sectors)
    if decision.tinh != tinh:
        raise UserError(say("nhap_qd_sai_tinh", tep=report.name, tinh_qd=province_full_name(decision.tinh),
                            tinh=province_full_name(tinh)))
    path = data_dir / "tinh" / slugify(tinh) / LIST_FILE
    listing = read_model(path, DanhMucThuTucTinh) if path.exists() else None
    _check_order(listing, decision, path, report)
    _check_count(decision, report)
    if not decision.read:
        unread = say("nhap_qd_chua_doc", cac_dong="\n".join("  - " + n for n in decision.notes)) if decision.notes else ""
        raise UserError(say("nhap_qd_khong_co_dong", tep=report.name, chua_doc=unread))
    entries, done, unknown = _apply(listing, decision)
    if unknown:
        raise _unknown_sectors(unknown, data_dir)
    record = {"so": decision.so, "ngay": decision.ngay, "hieu_luc": decision.hieu_luc, "trich_yeu": decision.trich_yeu,
              "nguon": say("nhap_qd_nguon", tep=report.name, ngay=vn_date(dt.date.today()))}
    result = _checked({"tinh": tinh, "cap_nhat": listing.cap_nhat if listing else None,
                       "quyet_dinh": ([d.model_dump() for d in listing.quyet_dinh] if listing else []) + [record],
                       "thu_tuc": entries}, path)
    text = _text(result, sectors)
    if _checked(yaml.safe_load(text), path) != result:
        raise UserError(say("nhap_qd_khong_ghi", tep=path, loi=say("nhap_qd_doc_lai_khac")))
    (write_profile if listing else write_new)(path, text)
    return path, decision, done


def command(args) -> str:
    """`cchc import DECISION.docx --province X [--data data]`: rows not placed on stderr, summary returned."""
    path, decision, done = import_decision(Path(args.report), args.province, Path(args.data))
    for note in decision.notes:
        print(say("nhap_chua_dua_vao", noi_dung=note), file=sys.stderr)
    changes = ", ".join(say("nhap_qd_so_viec", so=n, viec=_change_name(c)) for c, n in done.items()) or say("nhap_qd_khong_doi")
    effect = say("nhap_qd_hieu_luc", ngay=vn_date(decision.hieu_luc)) if decision.hieu_luc else ""
    unplaced = say("nhap_qd_so_chua_dua_vao", so=len(decision.notes)) if decision.notes else ""
    return say("nhap_qd_da_ghi", tep=path, so=decision.so, ngay=vn_date(decision.ngay), hieu_luc=effect,
               viec=changes, chua_dua_vao=unplaced)
