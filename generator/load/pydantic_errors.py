"""Translate pydantic's validation errors into Problems a clerk can act on.

Each error's `loc` is walked back through the loaded YAML to a line and column
(a missing key points at its parent), the wording comes from messages.yaml,
and an unknown key gets a suggestion of the closest allowed key.
"""

from __future__ import annotations

import difflib
import types
import typing

from pydantic import BaseModel, ValidationError

from generator.core.problems import Problem, problem, say

from .yaml_loader import LoadedYaml


def _show(value) -> str:
    if value is None:
        return say("hien_o_trong")
    if isinstance(value, dict):
        return say("hien_nhom_truong")
    if isinstance(value, list):
        return say("hien_danh_sach")
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "…"
    return f"“{text}”"


def _unwrap(annotation):
    """Strip Optional/Annotated to reach the type that holds the next key."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else args[0]
        else:
            return annotation


def allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys the model accepts at loc (the mapping that holds a bad key)."""
    current = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part) if isinstance(part, str) else None
            if field is None:
                return []
            current = field.annotation
        else:
            origin = typing.get_origin(current)
            args = typing.get_args(current)
            if origin is list and args:
                current = args[0]
            elif origin is dict and len(args) == 2:
                current = args[1]
            else:
                return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _data_loc(data, loc: tuple) -> tuple:
    """The longest start of loc that exists in the data (pydantic adds union and validator names)."""
    out = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            break
        out.append(part)
    return tuple(out)


def translate(exc: ValidationError, loaded: LoadedYaml, model: type[BaseModel]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set = set()
    for err in exc.errors(include_url=False):
        kind = err["type"]
        raw_loc = tuple(err["loc"])
        loc = _data_loc(loaded.data, raw_loc)
        value = err.get("input")
        ctx = err.get("ctx") or {}
        hint = ""
        at_key = False
        if kind == "missing":
            code, details = "thieu_truong", {"truong": raw_loc[-1]}  # loc is the parent that lacks it
        elif kind == "extra_forbidden":
            code, details, at_key = "truong_la", {"truong": raw_loc[-1]}, True
            close = difflib.get_close_matches(str(raw_loc[-1]), allowed_keys(model, raw_loc[:-1]), n=1, cutoff=0.5)
            if close:
                hint = say("goi_y", goi_y=close[0])
        elif value is None or kind == "chua_nhap":  # a required value left blank: the clerk has yet to fill it
            code, details = "chua_nhap", {}
        elif kind in _CUSTOM:
            code, details = kind, {"gia_tri": _show(ctx.get("gia_tri", value))}
        elif kind in ("string_type", "string_too_short"):
            code, details = ("khong_duoc_trong", {}) if kind == "string_too_short" else ("can_chu", {"gia_tri": _show(value)})
        elif kind in ("int_type", "int_parsing", "int_from_float"):
            code, details = "can_so_nguyen", {"gia_tri": _show(value)}
        elif kind in ("float_type", "float_parsing"):
            code, details = "can_so", {"gia_tri": _show(value)}
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            code, details = "can_nhom", {"gia_tri": _show(value)}
        elif kind in ("list_type",):
            code, details = "can_danh_sach", {"gia_tri": _show(value)}
        elif kind in ("bool_type", "bool_parsing"):
            code, details = "can_dung_sai", {"gia_tri": _show(value)}
        elif kind == "literal_error":
            code, details = "gia_tri_khong_thuoc", {"gia_tri": _show(value), "cho_phep": ctx.get("expected", "")}
        elif kind in ("greater_than_equal", "greater_than"):
            code, details = "so_qua_nho", {"gia_tri": _show(value), "gioi_han": ctx.get("ge", ctx.get("gt"))}
        elif kind in ("less_than_equal", "less_than"):
            code, details = "so_qua_lon", {"gia_tri": _show(value), "gioi_han": ctx.get("le", ctx.get("lt"))}
        else:
            code, details = "khong_hop_le", {"gia_tri": _show(value), "chi_tiet": kind}
        key = (loc, code)
        if key in seen:
            continue
        seen.add(key)
        line, col = loaded.mark(loc, key=at_key)
        problems.append(problem(code, loaded.path, line, col, loc, hint=hint, **details))
    return _one_message_per_typo(problems)


def _one_message_per_typo(problems: list[Problem]) -> list[Problem]:
    """A misspelt key is one mistake: "`ky_heu` — có phải ý bạn là `ky_hieu`?" already says the right key is missing."""
    suggested = {(p.loc[:-1], p.hint) for p in problems if p.code == "truong_la" and p.hint}
    return [
        p for p in problems
        if not (p.code == "thieu_truong" and (p.loc, say("goi_y", goi_y=p.details["truong"])) in suggested)
    ]


_CUSTOM = {
    "ngay_sai_dang",
    "ngay_khong_ton_tai",
    "so_sai_kieu",
    "so_dem_le",
    "so_dem_am",
    "so_van_ban_sai",
    "ky_hieu_sai",
    "dien_thoai_sai",
    "email_sai",
    "dia_chi_web_sai",
    "ma_slug_sai",
    "ma_thu_tuc_sai",
    "ma_thu_tuc_dia_phuong_sai",
    "ma_chi_tieu_sai",
    "ma_don_vi_sai",
    "lien_ket_sai",
    "tieu_de_ky_sai",
    "dang_ma_sai",
    "ky_thieu_nguon",
    "doan_ca_hai",
    "doan_trong",
}
