"""`cchc import`: a CCHC report in Word → a draft period file (and, when needed, a draft template).

A clerk who has the issued report as .docx should not retype a hundred figures.
The steps, one module each:

1. `import_docx`: the Word file as lines and appendix tables (the seed's layout and
   Nghị định 30/2020's, whose heading and signature blocks are two-column tables);
2. `import_narrative`: heading, sections, plans and notices, sectors, staffing,
   signatories, the commune that issued it, its feedback channels;
3. `import_table`: the appendix table against every template in
   data/danh-muc/chi-tieu/ — a value goes only under a row that means the same thing;
   a table that matches none becomes a draft template beside the others;
4. `import_profile`: feedback channels, website and address into the commune's
   profile where it has none.

Everything is read and checked before anything is written. Whatever cannot be
placed is printed and written as comments at the end of the draft, never
dropped: the draft is where the clerk starts, `cchc validate` says what is still wrong.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from pydantic import ValidationError

from generator.core.problems import UserError, say
from generator.core.word_file import open_word_document, worded_document_errors
from generator.models.catalog import DanhMucKy, DanhMucLinhVuc, MauChiTieu
from generator.models.commune import Xa

from . import import_exported, import_province_list
from .import_docx import Line, fold, read_blocks
from .import_narrative import Narrative, appendix_footer, join_broken
from .import_profile import additions, check_profile, new_channels, shared_contacts, updated_text, write_profile
from .import_table import Alignment, choose, draft_template, table_rows
from .new_period import _environment, appendix_rows, read_model, render_period, write_new

TEMPLATE_SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/mau-chi-tieu.schema.json"


def _period(kinds: DanhMucKy, narrative: Narrative, post_reform: bool) -> tuple[int | None, object]:
    """Year and period kind: from the data window if it matches a kind, else from the title."""
    if narrative.window:
        start, end = narrative.window
        for kind in kinds.loai_ky:
            if kinds.window(kind, end.year, post_reform) == (start, end):
                return end.year, kind
    title = fold((narrative.bao_cao.get("tieu_de") or "") + " " + (narrative.bao_cao.get("mo_dau") or ""))
    year = re.search(r"\bnam (\d{4})\b", title)
    by_length = sorted(kinds.loai_ky, key=lambda k: (fold(k.ten) == "nam", -len(fold(k.ten))))
    kind = next((k for k in by_length if re.search(rf"\b{re.escape(fold(k.ten))}\b", title)), None)
    return (int(year.group(1)) if year else None), kind


def _templates(data_dir: Path) -> dict[str, MauChiTieu]:
    """Every template in data/danh-muc/chi-tieu/, drafts written earlier included, by file stem."""
    return {path.stem: read_model(path, MauChiTieu) for path in sorted((data_dir / "danh-muc" / "chi-tieu").glob("*.yaml"))}


def _draft_path(data_dir: Path, commune: str, year: int | None, kind) -> Path:
    """data/danh-muc/chi-tieu/nhap-<xã>-<năm>-<kỳ>.yaml, numbered if taken: an existing template is never touched."""
    stem = "-".join(["nhap", commune] + ([str(year)] if year else []) + ([kind.ma] if kind else []))
    folder = data_dir / "danh-muc" / "chi-tieu"
    path, n = folder / f"{stem}.yaml", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.yaml", n + 1
    return path


def _draft_text(data: dict, report: str) -> str:
    return _environment().get_template("mau_nhap.yaml.j2").render(
        schema_line=TEMPLATE_SCHEMA_LINE, header=[say("nhap_mau_dau_tep", tep=report)],
        head={key: data[key] for key in ("phien_ban", "tieu_de", "nguon", "dang_ma")}, muc=data["muc"],
    )


def _checked_template(path: Path, text: str) -> MauChiTieu:
    """The draft as the portal will read it; a draft it would refuse is never written."""
    try:
        return MauChiTieu.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as exc:
        raise UserError(say("nhap_mau_khong_ghi", tep=path, loi=" ".join(str(exc).split())[:300])) from None


def _check_commune(narrative: Narrative, profile: Xa, profile_path: Path, report: Path) -> None:
    issuer = narrative.issuer()
    if issuer and (fold(issuer[1]) != fold(profile.ten) or fold(issuer[0]) != fold(profile.loai)):
        raise UserError(say("nhap_sai_xa", tep=report.name, loai=issuer[0], ten=issuer[1], loai_xa=profile.loai,
                                ten_xa=profile.ten, ho_so=profile_path))


def _appendix(blocks: list, data_dir: Path, commune: str, period: tuple, profile: Xa, report: Path, notes: list[str],
              done: list[str]) -> tuple[dict | None, list[dict], dict, tuple[Path, str] | None]:
    """The appendix as phu_luc, its rows to write and its values, and the draft template (path, text) if one is needed."""
    table, heading = table_rows([b for b in blocks if isinstance(b, list)])
    if not table:
        done.append(say("nhap_khong_co_phu_luc"))
        return None, [], {}, None
    phu_luc: dict = {}
    title = appendix_footer([b for b in blocks if isinstance(b, Line)], phu_luc, notes)
    if title:
        phu_luc["tieu_de"] = " ".join(title)  # as printed: the Word report prints it again in capitals
    draft = None
    chosen = choose(_templates(data_dir), table)
    if chosen is None:
        path = _draft_path(data_dir, commune, *period)
        source = say("nhap_mau_nguon", tep=report.name, xa=f"{profile.loai} {profile.ten}")
        text = _draft_text(draft_template(table, heading, title, path.stem, source), report.name)
        chosen = (path.stem, Alignment(_checked_template(path, text), table))
        draft = (path, text)
        done.append(say("nhap_da_lap_mau", tep=path, so_chi_tieu=len(chosen[1].order), mau=path.stem))
    else:
        done.append(say("nhap_khop_mau", mau=chosen[0]))
    stem, alignment = chosen
    entries = alignment.entries(notes)
    return {"mau": stem, **phu_luc}, appendix_rows(alignment.template, entries), entries, draft


def _profile(narrative: Narrative, profile: Xa, path: Path, data_dir: Path, report: Path, notes: list[str],
             done: list[str]) -> str | None:
    """The profile's new text when the report states what it lacks; channels nobody shows yet are listed otherwise."""
    stated = narrative.channels()
    channels = [channel for channel, _ in stated]
    shared = shared_contacts(data_dir, profile.tinh)
    added = additions(profile, channels, narrative.website, narrative.seat, shared)
    if "kenh_phan_anh" not in added:
        unknown = new_channels(profile, channels, shared)
        placed = {line for channel, printed in stated if channel not in unknown for line in printed}
        notes.extend(say("nhap_kenh_phan_anh", van_ban=line) for line in narrative.contacts if line not in placed)
    if not added:
        return None
    text = updated_text(path, added, report.name)
    check_profile(path, text)
    done.append(say("nhap_da_them_ho_so", tep=path, cac_truong=", ".join(
        say("nhap_so_kenh", so=len(v)) if k == "kenh_phan_anh" else k for k, v in added.items())))
    return text


def import_report(report: Path, commune: str, out: Path | None, data_dir: Path) -> tuple[list[Path], dict, list[str], list[str]]:
    """Read the .docx and write the drafts; return (written paths, counts, what was not placed, what was done)."""
    document = open_word_document(report)
    if (exported := import_exported.import_report(report, document, commune, out, data_dir)) is not None:
        return exported  # a report `cchc export` wrote: read back exactly, by its styles (import_exported.py)
    sectors = read_model(data_dir / "danh-muc" / "linh-vuc.yaml", DanhMucLinhVuc)
    kinds = read_model(data_dir / "danh-muc" / "ky-bao-cao.yaml", DanhMucKy)
    blocks = read_blocks(document)
    first_table = next((i for i, b in enumerate(blocks) if isinstance(b, list)), len(blocks))
    start = next((i for i, b in enumerate(blocks[:first_table])
                  if isinstance(b, Line) and re.fullmatch(r"phu luc(?: [ivx0-9]+)?", fold(b.plain))), first_table)
    notes: list[str] = []
    narrative = Narrative(sectors, notes)
    narrative.read(join_broken([b for b in blocks[:start] if isinstance(b, Line)]))

    folder = data_dir / "xa" / commune
    profile_path = folder / "thong-tin.yaml"
    if not profile_path.is_file():
        issuer = narrative.issuer()
        raise UserError(say("nhap_chua_co_xa", xa=commune, thu_muc=folder, ten=issuer[1] if issuer else say("nhap_ten_xa")), 2)
    profile = read_model(profile_path, Xa)
    _check_commune(narrative, profile, profile_path, report)

    year, kind = _period(kinds, narrative, profile.post_reform)
    if year is None or kind is None:
        notes.append(say("nhap_khong_thay_ky"))
    tu, den = narrative.window or (kinds.window(kind, year, profile.post_reform) if year and kind else (None, None))
    if out is None:
        if year is None or kind is None:
            raise UserError(say("nhap_can_out", tep=report, xa=commune), 2)
        out = folder / f"{year}-{kind.ma}.yaml"
    if out.exists():  # before anything is written, so that a refused import leaves no draft template behind
        raise UserError(say("tep_da_co", tep=out))

    done: list[str] = []
    phu_luc, rows, entries, draft = _appendix(blocks[start:], data_dir, commune, (year, kind), profile, report, notes, done)
    profile_text = _profile(narrative, profile, profile_path, data_dir, report, notes, done)

    docs = narrative.documents(tu)
    text = render_period(
        header=[say("nhap_dau_tep", tep=report.name)],
        nam=year, loai_ky=kind.ma if kind else None, tu_ngay=tu, den_ngay=den,
        bao_cao=narrative.bao_cao | ({} if narrative.bao_cao["phan"] else {"phan": None}),
        ke_hoach=docs["ke_hoach"], thong_bao=docs["thong_bao"], linh_vuc=narrative.linh_vuc, nhan_su=narrative.nhan_su,
        phu_luc=phu_luc, rows=rows,
        trailing=[say("nhap_cuoi_tep")] + ["- " + " ".join(n.split()) for n in notes] if notes else [],
    )
    written = []
    if draft is not None:
        write_new(*draft)
        written.append(draft[0])
    write_new(out, text)
    written.append(out)
    if profile_text is not None:
        write_profile(profile_path, profile_text)
    counts = {"chi_tieu": len(entries), "ke_hoach": len(docs["ke_hoach"]), "thong_bao": len(docs["thong_bao"]), "linh_vuc": len(narrative.linh_vuc)}
    return written, counts, notes, done


def command(args) -> str:
    """`cchc import REPORT.docx --commune SLUG [--out FILE] [--data data]`: notes on stderr, summary returned;
    `cchc import DECISION.docx --province X`: the province's decision on its procedures (import_province_list.py)."""
    if (args.commune is None) == (args.province is None):
        raise UserError(say("nhap_can_xa_hoac_tinh"), 2)
    if args.province is not None:
        if args.out:
            raise UserError(say("nhap_qd_khong_out"), 2)
        return import_province_list.command(args)
    report = Path(args.report)
    with worded_document_errors(report):  # everything is read before anything is written
        written, counts, notes, done = import_report(report, args.commune, Path(args.out) if args.out else None, Path(args.data))
    for note in notes:
        print(say("nhap_chua_dua_vao", noi_dung=note), file=sys.stderr)
    summary = say("nhap_da_ghi", tep=written[-1], so_chi_tieu=counts["chi_tieu"], so_ke_hoach=counts["ke_hoach"],
                  so_thong_bao=counts["thong_bao"], so_linh_vuc=counts["linh_vuc"], so_chua_dua_vao=len(notes))
    return "\n".join([summary, *done])
