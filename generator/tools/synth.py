"""Synthetic data for building a portal of any size: real commune names, plausible figures.

Communes come from the official list (vietnam-provinces), spread over all
provinces; every figure is drawn so that it passes the consistency checker
(parts never exceed their whole, ratios are computed, scales stay in range).
The catalogues are copied from the project's data/danh-muc/.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import yaml

from generator.core import official
from generator.core.names import committee_name, period_name
from generator.core.official import OfficialCommune
from generator.core.problems import UserError, say
from generator.core.slug import commune_slug, slugify
from generator.models.catalog import DanhMucKy, MauChiTieu
from generator.render.docx_layout import date_words

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _dump(data) -> str:
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)


WORDS = (
    "cải cách hành chính thủ tục hồ sơ trực tuyến người dân tổ chức công khai minh bạch kỷ luật kỷ cương "
    "một cửa liên thông chuyển đổi số văn bản kế hoạch tuyên truyền kiểm tra đánh giá sự hài lòng phục vụ "
    "cán bộ công chức trách nhiệm tiếp nhận giải quyết đúng hạn niêm yết phản ánh kiến nghị địa bàn xã"
).split()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random) -> list[str]:
    return [" ".join(_sentence(rng, rng.randint(8, 30)) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 4))]


FIRST_YEAR = 2000  # a period's year is from 2000 (models/period.py)
LAST_YEAR = 2026


def pick_communes(count: int) -> list[OfficialCommune]:
    """count communes from the official list, spread evenly over the provinces."""
    wards = official.communes()
    step = max(1, len(wards) // max(count, 1))
    return list(wards[::step][:count])


def check_sizes(communes: int, periods: int, kinds: int) -> None:
    """Sizes synth can honour: at least one of each, no more communes than the official list, no period before 2000."""
    most = {"xa": len(official.communes()), "ky": kinds * (LAST_YEAR - FIRST_YEAR + 1)}
    for name, value in (("xa", communes), ("ky", periods)):
        if not 1 <= value <= most[name]:
            raise UserError(say(f"synth_so_{name}_sai", gia_tri=value, toi_da=most[name]), 2)


def _period_slugs(kinds: DanhMucKy, periods: int, last_year: int) -> list[tuple[int, str]]:
    """The newest `periods` periods up to last_year, oldest first."""
    ordered = sorted(kinds.loai_ky, key=lambda k: k.thu_tu)
    out = []
    year = last_year
    while len(out) < periods:
        out = [(year, k.ma) for k in ordered] + out
        year -= 1
    return out[-periods:]


def _figures(rng: random.Random, template: MauChiTieu, sectors_total: int, staff: tuple[int, int]) -> dict:
    """Appendix values that satisfy every rule of the template."""
    values: dict = {}
    rows = [row for row, _, _ in template.rows()]
    by_code = {r.ma: r for r in rows}
    for row in rows:
        if row.kieu == "thang_do" and row.thang_do:
            values[row.ma] = rng.choice(row.thang_do).gia_tri
        elif row.kieu == "ty_le" and not row.is_ratio:
            values[row.ma] = rng.choice([None, rng.randint(0, 100)])
        elif row.kieu == "diem":
            values[row.ma] = rng.choice([None, rng.randint(0, int(row.toi_da or 100))])
        elif row.kieu in ("so_luong", "so_tien") and not row.khong_vuot and not row.cac_phan:
            values[row.ma] = rng.choice([None, rng.randint(0, 600)])
    for row in rows:  # wholes first, then their parts
        if row.tong_thu_tuc_linh_vuc:
            values[row.ma] = sectors_total
        if row.bien_che_giao:
            values[row.bien_che_giao], values[row.ma] = staff
        if row.cung_mot_tong:
            first = rng.randint(0, 100)
            parts = [c.ma for c in row.trong_do]
            values.update({parts[0]: first, **{p: 0 for p in parts[1:]}})
    for row in rows:
        if row.is_ratio:
            whole = rng.randint(1, 600)
            values[row.mau_so] = whole
            values[row.tu_so] = rng.randint(0, whole)
    for row in rows:
        whole_code = row.khong_vuot
        if whole_code and row.ma not in values:
            whole = values.get(whole_code)
            values[row.ma] = None if whole is None else rng.randint(0, int(whole))
        if row.cac_phan:
            total = values.get(row.ma)
            if total is None:
                total = values[row.ma] = rng.randint(0, 50)
            for part in row.cac_phan:
                values[part] = 0
            values[row.cac_phan[0]] = min(int(total), values.get(row.cac_phan[0]) or 0)
    for row in rows:
        if row.khong_vuot and values.get(row.ma) is not None:
            whole = values.get(row.khong_vuot)
            if whole is not None and values[row.ma] > whole:
                values[row.ma] = whole
    for row in reversed(rows):  # sums, innermost first, so that a sum of sums adds up too
        if row.tong:
            for part in row.tong:
                if values.get(part) is None:
                    values[part] = rng.randint(0, 50)
            values[row.ma] = sum(values[part] for part in row.tong)
    links = template.lien_ket
    if links.ho_so_truc_tuyen and values.get(links.ho_so_truc_tuyen):
        for code in links.thu_tuc_co_ho_so_truc_tuyen:
            whole = values.get(by_code[code].khong_vuot) or 0
            values[code] = min(1, int(whole))
            if values[code] == 0:
                values[links.ho_so_truc_tuyen] = 0
    return {row.ma: values.get(row.ma) for row in rows if row.kieu != "nhom" and not row.is_ratio}


# The template of every synthetic period unless `cchc synth --mau` names another: the 2024 one, on which the figures of
# tests/benchmark-results.md were measured, and the larger one (122 rows), the heavier case for page size and build time.
DEFAULT_TEMPLATE = "2024"


def _procedure_list(rng: random.Random, province: str, sectors: list[str], procedures: int) -> dict:
    """A province's list of `procedures` entries, published by one decision in force before the first period."""
    decision = f"{rng.randint(1, 9999)}/QĐ-UBND"
    return {
        "tinh": province,
        "quyet_dinh": [{"so": decision, "ngay": f"{FIRST_YEAR}-01-01",
                        "trich_yeu": f"Công bố danh mục thủ tục hành chính cấp xã trên địa bàn {province}"}],
        "thu_tuc": [{"ma": f"{1 + i % 3}.{100000 + i:06d}", "ten": _sentence(rng, rng.randint(4, 14))[:-1],
                     "linh_vuc": rng.choice(sectors), "thoi_han": f"{rng.randint(1, 20)} ngày làm việc",
                     "phi_le_phi": rng.choice(["Không", f"{rng.randint(1, 50) * 1000} đồng"]),
                     "dia_diem": "Trung tâm phục vụ hành chính công cấp xã", "can_cu_phap_ly": _sentence(rng, 10),
                     "lich_su": [{"quyet_dinh": decision, "viec": "cong-bo"}]} for i in range(procedures)],
    }


def synthesize(communes: int, periods: int, out: Path, source_data: Path, seed: int = 1,
               mau: str = DEFAULT_TEMPLATE, procedures: int = 0) -> list[Path]:
    """Write a complete data/ folder at out: catalogues, and `communes` communes with `periods` periods each, every
    appendix on the template `mau` (a file stem of data/danh-muc/chi-tieu/). With procedures, each of their provinces
    gets a list of that many procedures (data/tinh/<tỉnh>/thu-tuc.yaml), which every period's counts by sector state."""
    rng = random.Random(seed)
    out = Path(out)
    kinds = DanhMucKy.model_validate(yaml.safe_load((Path(source_data) / "danh-muc" / "ky-bao-cao.yaml").read_text(encoding="utf-8")))
    check_sizes(communes, periods, len(kinds.loai_ky))
    shutil.copytree(Path(source_data) / "danh-muc", out / "danh-muc", dirs_exist_ok=True)
    template = MauChiTieu.model_validate(yaml.safe_load((out / "danh-muc" / "chi-tieu" / f"{mau}.yaml").read_text(encoding="utf-8")))
    sectors = [s["ma"] for s in yaml.safe_load((out / "danh-muc" / "linh-vuc.yaml").read_text(encoding="utf-8"))["linh_vuc"]]
    written = []
    chosen = pick_communes(communes)
    listed: dict[str, dict[str, int]] = {}  # province -> its list's count of procedures by sector
    for province in sorted({c.tinh for c in chosen}) if procedures else []:
        listing = _procedure_list(rng, province, sectors, procedures)
        path = out / "tinh" / slugify(province) / "thu-tuc.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_dump(listing), encoding="utf-8")
        written.append(path)
        listed[province] = {}
        for entry in listing["thu_tuc"]:
            listed[province][entry["linh_vuc"]] = listed[province].get(entry["linh_vuc"], 0) + 1
    for commune in chosen:
        name, kind = commune.ten, commune.loai
        folder = out / "xa" / commune_slug(name, commune.ma_don_vi)
        folder.mkdir(parents=True, exist_ok=True)
        profile = {  # the province's and the national channels come from data/tinh/ and data/danh-muc/
            "ten": name,
            "loai": kind,
            "tinh": commune.tinh,
            "ma_don_vi": commune.ma_don_vi,
            "bo_phan_mot_cua": {
                "ten": say("mot_cua_ten_goi_y", loai=kind, ten=name),
                "gioi_thieu": " ".join(_paragraphs(rng)[:1]),
                "niem_yet": [_sentence(rng, rng.randint(4, 12)) for _ in range(rng.randint(2, 8))],
            },
            "kenh_phan_anh": [
                {"ten": committee_name(kind, name), "dien_thoai": [f"0{rng.randint(200, 299)}.3.{rng.randint(100, 999)}.{rng.randint(100, 999)}"],
                 "email": [f"ubnd.{slugify(name).replace('-', '')}@example.gov.vn"]},
            ],
        }
        (folder / "thong-tin.yaml").write_text(_dump(profile), encoding="utf-8")
        written.append(folder / "thong-tin.yaml")
        number = 0
        for year, kind_code in _period_slugs(kinds, periods, LAST_YEAR):
            period_kind = next(k for k in kinds.loai_ky if k.ma == kind_code)
            start, end = kinds.window(period_kind, year, post_reform=True)
            counts = listed.get(commune.tinh) or {s: rng.randint(0, 40) for s in rng.sample(sectors, rng.randint(5, len(sectors)))}
            assigned = rng.randint(15, 25)
            cadres, staff = rng.randint(5, 12), rng.randint(5, 12)
            present = min(assigned, cadres + staff)
            cadres = min(cadres, present)
            staff = present - cadres
            documents = []
            for group, sign in (("ke_hoach", "KH"), ("thong_bao", "TB")):
                docs = []
                for _ in range(rng.randint(1, 6)):
                    number += 1
                    day = start + dt.timedelta(days=rng.randint(0, (end - start).days))
                    docs.append({"so": f"{number:02d}/{sign}-UBND", "ngay": day.isoformat(), "trich_yeu": _sentence(rng, rng.randint(6, 20))})
                documents.append((group, docs))
            signer = f"Nguyễn Văn {rng.choice(['An', 'Bình', 'Cường', 'Dũng', 'Hùng', 'Minh', 'Nam', 'Sơn'])}"
            report = {
                "nam": year,
                "loai_ky": kind_code,
                "tu_ngay": start.isoformat(),
                "den_ngay": end.isoformat(),
                "bao_cao": {
                    "ky_hieu": "BC-UBND",
                    "so": rng.randint(1, 200),
                    "dia_danh": name,
                    "ngay_ban_hanh": end.isoformat(),
                    "ngay_ghi": date_words(end),
                    "tieu_de": f"Kết quả công tác cải cách hành chính {period_name(period_kind, year).lower()}",
                    "can_cu": _sentence(rng, 15),
                    "phan": [
                        {"so": "I", "tieu_de": "Công tác chỉ đạo, điều hành", "noi_dung": _paragraphs(rng) + [{"chen": "ke_hoach"}]},
                        {"so": "II", "tieu_de": "Kết quả thực hiện", "noi_dung": _paragraphs(rng) + [{"chen": "linh_vuc"}, {"chen": "thong_bao"}]},
                        {"so": "III", "tieu_de": "Phương hướng, nhiệm vụ", "noi_dung": _paragraphs(rng)},
                    ],
                    "noi_nhan": ["UBND tỉnh (b/c);", "Lưu: VP."],
                    "nguoi_ky": {"chuc_vu": ["CHỦ TỊCH"], "ho_ten": signer},
                },
                **dict(documents),
                "linh_vuc": [{"linh_vuc": s, "so_thu_tuc": n} for s, n in counts.items()],
                "nhan_su": {"bien_che": assigned, "can_bo": cadres, "can_bo_dat_chuan": cadres, "cong_chuc": staff, "cong_chuc_dat_chuan": staff},
                "phu_luc": {
                    "mau": mau,
                    "ngay_lap": end.isoformat(),
                    "nguoi_ky": {"chuc_vu": ["CHỦ TỊCH"], "ho_ten": signer},
                    "chi_tieu": _figures(rng, template, sum(counts.values()), (assigned, present)),
                },
            }
            path = folder / f"{year}-{kind_code}.yaml"
            path.write_text(_dump(report), encoding="utf-8")
            written.append(path)
    return written
