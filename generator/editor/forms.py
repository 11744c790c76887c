"""The editor's forms, generated from the data models (their JSON Schemas) and the catalogues, never written by hand.

`forms(data_dir)` gives, for each kind of file a clerk edits, the Decap CMS fields of its form: labels and hints are
the models' Vietnamese field descriptions, choices come from data/danh-muc/ (sectors, period kinds, indicator
templates), a list of phones is a list of boxes (never one comma-separated box). A field is required in the form only
when the model requires it and no group or list around it may be absent or empty (Decap would otherwise refuse to
save an absent optional group, or an empty list, whose own fields are required); what else is missing the validator says when saving, as
`cchc validate` says it. It is committed as data/schema/bien-tap.json (`cchc schema`)
and a test fails when it is stale. `decap_config` puts the forms into a whole Decap configuration: one collection of
periods and one of the profile and procedures per commune, one per province.

A period's indicator table is a map keyed by code, for which Decap has no widget: the form shows it as the template's
rows (`to_form`), each with its code, label, unit, value, printed value and note, and `from_form` turns the rows back
into the map before the file is patched.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from generator.core.problems import say
from generator.load.schema import SCHEMAS
from generator.models.catalog import DanhMucKy, DanhMucLinhVuc, MauChiTieu

from .patch import empty

# The files a clerk edits, by the schema (SCHEMAS) that describes them, in the order the editor lists them.
KINDS = ("thong-tin", "ky", "thu-tuc", "tinh", "thu-tuc-tinh")
ROW_FIELDS = ("ma", "ten", "don_vi", "gia_tri", "so_lieu_bao_cao", "ghi_chu")
MAX_SECTION_DEPTH = 5  # a report's sections nest five levels (<h2>…<h6>)
PERIOD_FILE = re.compile(r"^\d{4}-[a-z0-9]+(-[a-z0-9]+)*\.yaml$")
_VN_THOUSANDS = re.compile(r"^[-+]?[0-9]{1,3}(\.[0-9]{3})+$")


def _read(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None


def templates(data_dir: Path) -> dict[str, MauChiTieu]:
    out = {}
    for path in sorted((data_dir / "danh-muc" / "chi-tieu").glob("*.yaml")):
        try:
            out[path.stem] = MauChiTieu.model_validate(_read(path))
        except Exception:  # a broken template is the validator's to report; the form offers the others
            continue
    return out


def _choices(data_dir: Path) -> dict[str, list[dict]]:
    catalogue = data_dir / "danh-muc"
    sectors = DanhMucLinhVuc.model_validate(_read(catalogue / "linh-vuc.yaml"))
    kinds = DanhMucKy.model_validate(_read(catalogue / "ky-bao-cao.yaml"))
    return {
        "linh_vuc": [{"label": f"{s.ten} ({s.ma})", "value": s.ma} for s in sectors.linh_vuc],
        "loai_ky": [{"label": f"{k.ten} ({k.ma})", "value": k.ma} for k in sorted(kinds.loai_ky, key=lambda k: k.thu_tu)],
        "mau": [{"label": f"{t.tieu_de} ({stem})", "value": stem} for stem, t in templates(data_dir).items()],
    }


def _label(description: str) -> str:
    """The first clause of a description: "Số điện thoại của trung tâm/bộ phận." -> its label."""
    label = re.split(r"\s\(|[;:.]\s|\.$|;$", description, maxsplit=1)[0].strip()
    return label[:1].upper() + label[1:]


def _branches(prop: dict) -> list[dict]:
    return [b for b in prop.get("anyOf", [prop]) if b.get("type") != "null"]


class _Fields:
    def __init__(self, defs: dict, choices: dict[str, list[dict]]):
        self.defs = defs
        self.choices = choices

    def model(self, name: str, depth: int, optional: bool = False) -> list[dict]:
        """The fields of a model. optional: it sits in a group that may be absent, where Decap would still demand its
        required fields (Decap issues 7748, 2103): none of them is required in the form, the validator says it."""
        schema = self.defs[name]
        required = set(schema.get("required", [])) if not optional else set()
        return [f for key, prop in schema["properties"].items()
                if (f := self.field(name, key, prop, depth, key in required))]

    def field(self, owner: str, key: str, prop: dict, depth: int, required: bool = False) -> dict | None:
        description = prop.get("description", "")
        out = {"name": key, "label": _label(description) or key, "required": required,
               "hint": f"{description} ({say('bien_tap_khoa', khoa=key)})"}
        branches = _branches(prop)
        refs = [b["$ref"].rsplit("/", 1)[1] for b in branches if "$ref" in b]
        types = {b.get("type") for b in branches}
        if (owner, key) == ("PhuLuc", "chi_tieu"):
            return out | self.rows()
        if key in self.choices and types == {"string"}:
            return out | {"widget": "select", "options": self.choices[key]}
        if refs and len(branches) == 1:
            if refs[0] == owner and depth >= MAX_SECTION_DEPTH:
                return None
            return out | {"widget": "object", "fields": self.model(refs[0], depth + 1, optional=not required)}
        if types == {"array"}:
            items = branches[0]["items"]
            if "$ref" in items:
                ref = items["$ref"].rsplit("/", 1)[1]
                if ref == owner and depth >= MAX_SECTION_DEPTH:
                    return None
                # Decap checks the required fields of a list's items even when the list has none: none here either.
                return out | {"widget": "list", "collapsed": True, "fields": self.model(ref, depth + 1, optional=True)}
            item = {"name": key, "label": out["label"], "widget": "string", "required": False}
            if "enum" in items:
                item |= {"widget": "select", "options": items["enum"]}
            return out | {"widget": "list", "field": item}
        if types == {"object"}:  # a free map (an acknowledgement's finding -> reason): not in the form, kept as written
            return None
        if any("enum" in b for b in branches):
            return out | {"widget": "select", "options": [v for b in branches for v in b.get("enum", [])]}
        if types == {"boolean"}:
            return out | {"widget": "boolean"}  # no default: Decap would make a new entry's empty lists one item each
        if types == {"integer"}:
            return out | {"widget": "number", "value_type": "int"}
        if any(b.get("format") == "date" for b in branches):
            return out | {"widget": "string", "hint": out["hint"] + " " + say("bien_tap_goi_y_ngay")}
        if types <= {"integer", "number", "string"} and types & {"integer", "number"}:
            return out | {"widget": "string"}  # a count or figure may be typed the Vietnamese way: 1.180.000, 98,1
        if key in ("van_ban", "mo_ta", "gioi_thieu", "ghi_chu", "ly_do", "trich_yeu", "trich_dan", "can_cu"):
            return out | {"widget": "text"}
        return out | {"widget": "string"}

    def rows(self) -> dict:
        row = {f["name"]: f for f in self.model("GiaTriChiTieu", 0)}
        fields = [
            {"name": "ma", "label": say("bien_tap_ma"), "widget": "string", "required": False,
             "hint": say("bien_tap_ma_goi_y")},
            {"name": "ten", "label": say("bien_tap_ten_chi_tieu"), "widget": "hidden", "required": False},
            {"name": "don_vi", "label": say("bien_tap_don_vi"), "widget": "hidden", "required": False},
            row["gia_tri"], row["so_lieu_bao_cao"], row["ghi_chu"] | {"widget": "text"},
        ]
        return {"widget": "list", "collapsed": True, "allow_reorder": False, "fields": fields,
                "summary": "{{fields.ma}} · {{fields.ten}} ({{fields.don_vi}}): {{fields.gia_tri}}"}


def forms(data_dir: Path) -> dict[str, dict]:
    """Kind of file -> its form's fields; generated from SCHEMAS and data/danh-muc/ alone."""
    choices = _choices(data_dir)
    out = {}
    for kind in KINDS:
        schema = SCHEMAS[kind].model_json_schema(mode="validation")
        defs = dict(schema.get("$defs", {}))
        name = schema["title"]
        defs[name] = schema
        out[kind] = {"label": say(f"bien_tap_loai_{kind.replace('-', '_')}"),
                     "fields": _Fields(defs, choices).model(name, 0)}
    return out


def forms_text(data_dir: Path) -> str:
    return json.dumps(forms(data_dir), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


FORMS_FILE = "bien-tap.json"


def write_forms(data_dir: Path, folder: Path) -> Path:
    path = folder / FORMS_FILE
    path.write_text(forms_text(data_dir), encoding="utf-8")
    return path


# --- the whole configuration ---------------------------------------------------------------------------------------


def _commune_name(folder: Path) -> str:
    profile = _read(folder / "thong-tin.yaml") or {}
    if isinstance(profile, dict) and profile.get("ten"):
        return f"{str(profile.get('loai', '')).capitalize()} {profile['ten']}".strip()
    return folder.name


def decap_config(data_dir: Path, repo_root: Path, backend: dict, forms_: dict | None = None) -> dict:
    """A Decap CMS configuration for the portal in data_dir (paths relative to repo_root)."""
    forms_ = forms_ or forms(data_dir)
    rel = data_dir.resolve().relative_to(repo_root.resolve()).as_posix()
    collections = []
    for folder in sorted(p for p in (data_dir / "xa").iterdir() if p.is_dir() and not p.name.startswith(".")):
        name = _commune_name(folder)
        collections.append({
            "name": f"ky-{folder.name}", "label": say("bien_tap_cac_ky", xa=name),
            "label_singular": forms_["ky"]["label"], "folder": f"{rel}/xa/{folder.name}", "extension": "yaml",
            "format": "yaml", "create": True, "delete": False, "identifier_field": "loai_ky",
            "slug": "{{fields.nam}}-{{fields.loai_ky}}", "summary": "{{nam}} – {{loai_ky}}",
            "editor": {"preview": False}, "fields": forms_["ky"]["fields"],
        })
        files = [{"name": kind, "label": forms_[kind]["label"], "file": f"{rel}/xa/{folder.name}/{stem}.yaml",
                  "fields": forms_[kind]["fields"]}
                 for kind, stem in (("thong-tin", "thong-tin"), ("thu-tuc", "thu-tuc"))
                 if (folder / f"{stem}.yaml").is_file()]
        collections.append({"name": f"xa-{folder.name}", "label": say("bien_tap_ho_so", xa=name),
                            "format": "yaml", "delete": False, "editor": {"preview": False}, "files": files})
    provinces = data_dir / "tinh"
    for path in sorted(provinces.glob("*.yaml")) if provinces.is_dir() else []:
        files = [{"name": "tinh", "label": forms_["tinh"]["label"], "file": f"{rel}/tinh/{path.name}",
                  "fields": forms_["tinh"]["fields"]}]
        if (provinces / path.stem / "thu-tuc.yaml").is_file():
            files.append({"name": "thu-tuc-tinh", "label": forms_["thu-tuc-tinh"]["label"],
                          "file": f"{rel}/tinh/{path.stem}/thu-tuc.yaml", "fields": forms_["thu-tuc-tinh"]["fields"]})
        ten = (_read(path) or {}).get("ten", path.stem)
        collections.append({"name": f"tinh-{path.stem}", "label": say("bien_tap_tinh", tinh=ten), "format": "yaml",
                            "delete": False, "editor": {"preview": False}, "files": files})
    return {"locale": "vi", "backend": backend, "media_folder": f"{rel}/tep", "collections": collections}


def kind_of(path: str) -> str | None:
    """The kind of a file inside the data folder (its path relative to it), or None: not a file a clerk edits here."""
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == "xa" and parts[1] and not parts[1].startswith("."):
        if parts[2] in ("thong-tin.yaml", "thu-tuc.yaml"):
            return parts[2].removesuffix(".yaml")
        return "ky" if PERIOD_FILE.match(parts[2]) else None
    if len(parts) == 2 and parts[0] == "tinh" and parts[1].endswith(".yaml") and not parts[1].startswith("."):
        return "tinh"
    if len(parts) == 3 and parts[0] == "tinh" and parts[2] == "thu-tuc.yaml" and not parts[1].startswith("."):
        return "thu-tuc-tinh"
    return None


# --- the indicator table as rows ---------------------------------------------------------------------------------------


def to_form(kind: str, data, data_dir: Path):
    """The file's data as the form shows it: a period's indicators as its template's rows, in printed order."""
    if kind != "ky" or not isinstance(data, dict) or not isinstance(data.get("phu_luc"), dict):
        return data
    appendix = dict(data["phu_luc"])
    values = appendix.get("chi_tieu") if isinstance(appendix.get("chi_tieu"), dict) else {}
    template = templates(data_dir).get(str(appendix.get("mau")))
    rows, seen = [], set()
    for row, _, _ in template.rows() if template else []:
        if row.kieu == "nhom" and values.get(row.ma) is None:
            continue
        rows.append(_row(row.ma, row.ten, row.don_vi, values.get(row.ma)))
        seen.add(row.ma)
    rows += [_row(code, "", None, value) for code, value in values.items() if code not in seen]
    appendix["chi_tieu"] = rows
    return {**data, "phu_luc": appendix}


def _row(code: str, label: str, unit: str | None, value) -> dict:
    entry = value if isinstance(value, dict) else {"gia_tri": value}
    return {"ma": code, "ten": label, "don_vi": unit or "", "gia_tri": entry.get("gia_tri"),
            "so_lieu_bao_cao": entry.get("so_lieu_bao_cao"), "ghi_chu": entry.get("ghi_chu")}


def figure(value):
    """A figure typed in a box: 13200 a number, "1.180.000" or "98,1" text the model reads the Vietnamese way."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return None
    if re.fullmatch(r"[-+]?\d+", text) and not re.fullmatch(r"0\d+", text):
        return int(text)
    if re.fullmatch(r"[-+]?\d+\.\d+", text) and not _VN_THOUSANDS.match(text):
        return float(text)
    return text


def _drop_blank_items(value):
    """A list item left wholly blank is no item (Decap adds one with a flag's default to an empty list)."""
    if isinstance(value, dict):
        return {k: _drop_blank_items(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_drop_blank_items(v) for v in value if not (isinstance(v, dict) and empty(v))]
    return value


def from_form(kind: str, data, old):
    """The form's data as the file holds it: rows back into the map of codes (each entry in the shape it had)."""
    data = _drop_blank_items(data)
    if kind != "ky" or not isinstance(data, dict) or not isinstance(data.get("phu_luc"), dict):
        return data
    appendix = dict(data["phu_luc"])
    rows = appendix.get("chi_tieu")
    if not isinstance(rows, list):
        return data
    old_values = ((old or {}).get("phu_luc") or {}).get("chi_tieu") or {}
    values = {}
    for row in rows:
        if not isinstance(row, dict) or not str(row.get("ma") or "").strip():
            continue
        code = str(row["ma"]).strip()
        entry = {"gia_tri": figure(row.get("gia_tri")), "so_lieu_bao_cao": figure(row.get("so_lieu_bao_cao")),
                 "ghi_chu": (row.get("ghi_chu") or None)}
        if isinstance(old_values.get(code), dict):
            values[code] = entry
        elif entry["so_lieu_bao_cao"] is None and entry["ghi_chu"] is None:
            values[code] = entry["gia_tri"]
        else:
            values[code] = {k: v for k, v in entry.items() if v is not None}
    appendix["chi_tieu"] = values
    return {**data, "phu_luc": appendix}
