"""JSON Schemas of the data files, generated from the models for editors (yaml-language-server)."""

from __future__ import annotations

import json
from pathlib import Path

from generator.models.catalog import DanhMucKy, DanhMucLinhVuc, DanhMucSoLieuChung, DanhMucTinhCu, DanhMucVanBan, MauChiTieu
from generator.models.commune import DanhMucKenhPhanAnh, DanhSachThuTuc, Tinh, Xa
from generator.models.period import Ky
from generator.models.procedures import DanhMucThuTucTinh, ThuTucQuocGia

SCHEMAS = {
    "linh-vuc": DanhMucLinhVuc,
    "ky-bao-cao": DanhMucKy,
    "van-ban-phap-ly": DanhMucVanBan,
    "mau-chi-tieu": MauChiTieu,
    "so-lieu-chung": DanhMucSoLieuChung,
    "kenh-phan-anh": DanhMucKenhPhanAnh,
    "tinh-cu": DanhMucTinhCu,
    "tinh": Tinh,
    "thong-tin": Xa,
    "thu-tuc": DanhSachThuTuc,
    "thu-tuc-quoc-gia": ThuTucQuocGia,
    "thu-tuc-tinh": DanhMucThuTucTinh,
    "ky": Ky,
}


def schema_texts() -> dict[str, str]:
    """File name -> JSON text, stable so a test can tell when the committed copy is stale."""
    out = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
