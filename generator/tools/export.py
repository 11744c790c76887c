"""`cchc export`: the period's report as the Word document a commune signs, written where the clerk asks.

The export is a step after the whole check, like the site: refused with the list `cchc validate` prints when the
data has errors. The document itself is made by render/export_docx.py.
"""

from __future__ import annotations

from pathlib import Path

from generator.core.problems import UserError, listing, say
from generator.pipeline.build import check, views_of
from generator.render.export_docx import report_docx


def default_name(commune: str, period: str) -> Path:
    """Where `cchc export` writes without --out: the current folder, named after the commune and period."""
    return Path(f"{commune}-{period}-bao-cao.docx")


def command(args) -> str:
    """`cchc export COMMUNE PERIOD [--out FILE] [--data data]`: refused, with the list `cchc validate` prints, on errors."""
    data_dir = Path(args.data)
    result = check(data_dir)
    if result.portal is None or result.blocking:
        raise UserError("\n".join([*listing(result.problems), say("xuat_du_lieu_loi")]), 1)
    communes = {c.slug: c for c in result.portal.communes}
    if args.commune not in communes:
        raise UserError(say("xuat_khong_co_xa", xa=args.commune, thu_muc=data_dir / "xa", cac_xa=", ".join(communes) or "—"), 2)
    view = next(v for v in views_of(result) if v.slug == args.commune)
    pv = next((p for p in view.periods if p.slug == args.period), None)
    if pv is None:
        raise UserError(say("xuat_khong_co_ky", loai=view.xa.loai, xa=args.commune, ky=args.period,
                                cac_ky=", ".join(p.slug for p in reversed(view.periods)) or "—"), 2)
    if not pv.ky.is_report:
        raise UserError(say("xuat_khong_co_bao_cao", loai=view.xa.loai, xa=args.commune, ky=args.period, nguon=pv.ky.nguon.ten), 1)
    out = Path(args.out) if args.out else default_name(args.commune, args.period)
    names = {s.ma: s.ten for s in result.portal.catalog.sectors.linh_vuc}
    content = report_docx(view, pv, names)
    try:
        out.write_bytes(content)
    except OSError as exc:
        raise UserError(say("tep_khong_ghi_duoc", tep=out, loi=exc.strerror or exc)) from None
    rows = len(pv.figures.rows) if getattr(pv.ky, "phu_luc", None) is not None else 0
    return say("xuat_da_ghi", tep=out, ky=pv.title, xa=view.full_name,
               phu_luc=say("xuat_co_phu_luc", so_dong=rows) if rows else "")
