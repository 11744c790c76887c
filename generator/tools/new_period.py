"""`cchc new`: start a period file from the commune's latest one.

What rarely changes (sector counts, staffing, signatories, recipients, the
appendix template) is carried over; every figure of the new period is left
blank with a comment naming what it expects, so last quarter's numbers cannot
slip into this quarter unnoticed. The text is written from a Jinja template,
not by a YAML dumper, so the comments survive. `cchc import` writes its drafts
through the same template.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import jinja2
import yaml
from pydantic import BaseModel, ValidationError

from generator.core.dates import vn_date
from generator.core.numbers import vn_number
from generator.core.problems import UserError, format_problems, say
from generator.load.pydantic_errors import translate
from generator.load.reader import PERIOD_FILE
from generator.load.yaml_loader import load_yaml
from generator.models.catalog import DanhMucKy, MauChiTieu
from generator.models.commune import Xa
from generator.models.period import BaoCao, Ky, PhuLuc

TEMPLATES = Path(__file__).parents[1] / "templates"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/ky.schema.json"
_PERIOD_ARG = re.compile(r"^(\d{4})-([a-z0-9]+)$")


def read_model(path: Path, model: type[BaseModel]):
    """One catalogue file as its model, or a UserError listing its problems."""
    loaded = load_yaml(path)
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        raise UserError(format_problems(translate(exc, loaded, model))) from None


def commune_folder(data_dir: Path, slug: str) -> Path:
    folder = data_dir / "xa" / slug
    if not (folder / "thong-tin.yaml").is_file():
        raise UserError(say("xa_khong_co", xa=slug, thu_muc=folder), 2)
    return folder


# --- writing the YAML text ------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block YAML as a clerk would type it: lists indented under their key, dates as 12/01/2024."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(dt.date, lambda dumper, value: dumper.represent_str(vn_date(value)))


def _block(value, indent: int) -> str:
    """A value in block style, each line indented, to follow a `key:` line."""
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return "\n".join(" " * indent + line for line in text.rstrip("\n").splitlines())


def _flow(value) -> str:
    """A value on one line: a scalar, or a {key: value} / [a, b] in flow style."""
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=math.inf, default_flow_style=True)
    return text.rstrip("\n").removesuffix("\n...")


def _figure(value) -> str:
    """An appendix number the Vietnamese way: 519, "1.180.000", "98,1"."""
    text = vn_number(value)
    return f'"{text}"' if ("." in text or "," in text) else text


def _entry(value) -> str:
    """An appendix entry after its key: blank, a number, or {so_lieu_bao_cao: …, ghi_chu: …, ghi_chu_cong: …}."""
    if value is None:
        return ""
    if not isinstance(value, dict):
        return " " + _figure(value)
    parts = [f"{k}: {_flow(v) if k in ('ghi_chu', 'ghi_chu_cong') else _figure(v)}" for k, v in value.items()]
    return " {" + ", ".join(parts) + "}"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=False,  # YAML, not HTML: values are written by the dumper filters
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(block=_block, flow=_flow, entry=_entry)
    return env


def _help(model: type[BaseModel]) -> dict[str, str]:
    return {name: f.description or "" for name, f in model.model_fields.items()}


def appendix_rows(template: MauChiTieu, entries: dict) -> list[dict]:
    """Every template row in printed order, with what to write for it and the comment that explains it.

    A computed ratio or a group heading takes no value of its own: it is written as a
    comment, unless the issued report printed a figure for it (so_lieu_bao_cao).
    """
    rows = []
    for row, _, _ in template.rows():
        entry = entries.get(row.ma)
        if row.is_ratio:
            comment = say("moi_chi_tieu_tinh", ten=row.ten, don_vi=row.don_vi or "", tu_so=row.tu_so, mau_so=row.mau_so)
        elif row.kieu == "nhom":
            comment = say("moi_chi_tieu_nhom", ten=row.ten)
        else:
            comment = f"{row.ten} ({row.don_vi})" if row.don_vi else row.ten
        comment_only = (row.is_ratio or row.kieu == "nhom") and entry is None
        rows.append({"ma": row.ma, "entry": entry, "comment": " ".join(comment.split()), "comment_only": comment_only})
    return rows


def render_period(**context) -> str:
    """The text of a period file; every key of Ky is written, blanks carry their field's description."""
    context.setdefault("schema_line", SCHEMA_LINE)
    context.setdefault("trailing", [])
    context.setdefault("appendix_help", [say("moi_phu_luc_huong_dan"), say("moi_phu_luc_so_da_in")])
    help_ = {"ky": _help(Ky), "bao_cao": _help(BaoCao), "phu_luc": _help(PhuLuc)}
    return _environment().get_template("ky_moi.yaml.j2").render(help=help_, **context)


def write_new(path: Path, text: str) -> None:
    """Create path with text; an existing file is never overwritten (a clerk's work may be in it)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        raise UserError(say("tep_da_co", tep=path)) from None
    except OSError as exc:
        raise UserError(say("tep_khong_ghi_duoc", tep=path, loi=exc.strerror or exc)) from None


# --- cchc new ------------------------------------------------------------------


def _latest(folder: Path, order: dict[str, int]) -> Path | None:
    candidates = []
    for path in folder.glob("*.yaml"):
        match = PERIOD_FILE.match(path.name)
        if match and match.group(2) in order:
            candidates.append(((int(match.group(1)), order[match.group(2)]), path))
    return max(candidates)[1] if candidates else None


def _first_line(path: Path) -> str:
    with path.open(encoding="utf-8-sig") as fh:
        line = fh.readline().rstrip("\n")
    return line if line.startswith("# yaml-language-server:") else SCHEMA_LINE


def _templates_hint(data_dir: Path) -> str:
    return ", ".join(p.stem for p in sorted((data_dir / "danh-muc" / "chi-tieu").glob("*.yaml"))) or "—"


def _template(data_dir: Path, mau: str) -> MauChiTieu:
    path = data_dir / "danh-muc" / "chi-tieu" / f"{mau}.yaml"
    if not path.is_file():
        raise UserError(say("moi_mau_khong_co", gia_tri=mau, cac_mau=_templates_hint(data_dir)))
    return read_model(path, MauChiTieu)


def new_period(data_dir: Path, commune: str, period: str, mau: str | None = None) -> tuple[Path, Path | None]:
    """Write data/xa/<commune>/<period>.yaml from the latest period file; return (written, source).

    A commune with no period yet (a new commune whose clerk has no Word report) gets a first period: the window from
    ky-bao-cao.yaml, the report's fields as a skeleton to fill, and the appendix on the template `mau` (none without
    it); source is then None. `mau` also replaces the template a later period carries over.
    """
    match = _PERIOD_ARG.match(period)
    if not match or not 2000 <= int(match.group(1)) <= 2100:
        raise UserError(say("moi_ky_sai_dang", gia_tri=period), 2)
    year, kind_code = int(match.group(1)), match.group(2)
    kinds = read_model(data_dir / "danh-muc" / "ky-bao-cao.yaml", DanhMucKy)
    kind = next((k for k in kinds.loai_ky if k.ma == kind_code), None)
    if kind is None:
        raise UserError(say("loai_ky_khong_co", gia_tri=kind_code, cho_phep=", ".join(k.ma for k in kinds.loai_ky)), 2)
    folder = commune_folder(data_dir, commune)
    target = folder / f"{period}.yaml"
    if target.exists():  # checked first too, so that nothing else is read in vain
        raise UserError(say("tep_da_co", tep=target))
    profile = read_model(folder / "thong-tin.yaml", Xa)
    source = _latest(folder, {k.ma: k.thu_tu for k in kinds.loai_ky})
    old = {}
    if source is not None:
        old = load_yaml(source).data
        if not isinstance(old, dict):
            raise UserError(say("moi_nguon_hong", tep=source))
    report = old.get("bao_cao") if isinstance(old.get("bao_cao"), dict) else {}
    appendix = old.get("phu_luc") if isinstance(old.get("phu_luc"), dict) else None  # None: the latest had no appendix
    phu_luc, rows = None, []
    if appendix is not None or mau:
        appendix = appendix or {}
        mau = mau or str(appendix.get("mau") or "")
        phu_luc = {"mau": mau, **{key: appendix.get(key) for key in ("dia_danh", "nguoi_lap", "nguoi_ky")}}
        rows = appendix_rows(_template(data_dir, mau), {})
    start, end = kinds.window(kind, year, post_reform=profile.post_reform)
    first = [say("moi_dau_tep_dau_tien", ky=kind.ten, nam=year, xa=f"{profile.loai} {profile.ten}"), say("moi_ky_dau_tien_nguon")]
    text = render_period(
        schema_line=_first_line(source) if source else SCHEMA_LINE,
        header=[*(first if source is None else [say("moi_dau_tep", ky=kind.ten, nam=year, nguon=source.name)]), say("moi_huong_dan")],
        nam=year, loai_ky=kind.ma, tu_ngay=start, den_ngay=end,
        bao_cao={key: report.get(key) for key in ("ky_hieu", "dia_danh", "can_cu", "noi_nhan", "nguoi_ky")},
        ke_hoach=[], thong_bao=[], linh_vuc=old.get("linh_vuc") or [], nhan_su=old.get("nhan_su"),
        phu_luc=phu_luc, rows=rows,
    )
    write_new(target, text)
    return target, source


def command(args) -> str:
    """`cchc new COMMUNE PERIOD [--mau MẪU] [--data data]`: the line to print once the file is written."""
    target, source = new_period(Path(args.data), args.commune, args.period, args.mau)
    if source is not None:
        return say("moi_da_tao", tep=target, nguon=source.name)
    if args.mau:
        return say("moi_da_tao_dau_tien", tep=target, mau=args.mau)
    return say("moi_da_tao_dau_tien_khong_phu_luc", tep=target, xa=args.commune, ky=args.period, cac_mau=_templates_hint(Path(args.data)))
