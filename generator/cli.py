"""`cchc`: render, validate, schema and edit, for webmasters and commune staff.

Exit codes of `cchc validate`: 0 clean (warnings allowed), 1 errors, 2 usage.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from generator.core.problems import DataError, InternalError, UserError, format_problems, listing, messages, problems_json, say
from generator.core.progress import Progress
from generator.load.schema import write_schemas
from generator.pipeline.build import check, generate
from generator.tools import export, importer, new_commune, new_period
from generator.tools.synth import DEFAULT_TEMPLATE, synthesize


@contextlib.contextmanager
def _argparse_in_vietnamese():
    """argparse says its own words ("usage:", "options", "the following arguments are required") through gettext,
    bound as argparse._ and argparse.ngettext when it is imported: while cchc builds and parses its command line they
    read messages.yaml (argparse:); a phrase not there (a newer Python's) stays as Python says it, and the test names it.
    Not a compiled gettext catalogue: one is chosen by the clerk's LANG, and must be built. Not a subclass or a
    formatter alone: they reach the usage prefix and the titles, never the errors parse_args words deep inside."""
    table = messages()["argparse"]
    saved = argparse._, argparse.ngettext
    argparse._ = lambda text: table.get(text, text)
    argparse.ngettext = lambda one, many, n: argparse._(one if n == 1 else many)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def _whole_number(text: str) -> int:
    return int(text)


_whole_number.__name__ = say("kieu_so_nguyen")  # how argparse names the type when a value is not one


def _parser() -> argparse.ArgumentParser:
    def command(name: str, key: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=say(f"lenh_{key}"), description=say(f"lenh_{key}"), epilog=say(f"vi_du_{key}"),
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    def data(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", default="data", metavar=say("bien_thu_muc"), help=say("tham_so_data"))

    folder, file_, commune, period, number = (say(k) for k in ("bien_thu_muc", "bien_tep", "bien_xa", "bien_ky", "bien_so"))
    parser = argparse.ArgumentParser(prog="cchc", description=say("lenh_cchc"), epilog=say("vi_du_cchc"),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, title=say("cac_lenh"), metavar=say("bien_lenh"))
    v = command("validate", "validate")
    v.add_argument("path", nargs="?", default="data", metavar=say("bien_duong_dan"), help=say("tham_so_validate_path"))
    v.add_argument("--format", choices=("text", "json"), default="text", help=say("tham_so_validate_format"))
    v.add_argument("--da-xac-nhan", action="store_true", help=say("tham_so_validate_da_xac_nhan"))
    r = command("render", "render")
    data(r)
    r.add_argument("--docs", default="content", metavar=folder, help=say("tham_so_render_docs"))
    r.add_argument("--site-url", metavar=say("bien_dia_chi"), help=say("tham_so_render_site_url"))
    r.add_argument("--site-name", default="", metavar=say("bien_ten"), help=say("tham_so_render_site_name"))
    r.add_argument("--lien-he-config", metavar=say("bien_cau_hinh"), help=say("tham_so_render_lien_he_config"))
    s = command("schema", "schema")
    s.add_argument("--out", default="data/schema", metavar=folder, help=say("tham_so_schema_out"))
    data(s)
    ed = command("edit", "edit")
    ed.add_argument("--port", type=_whole_number, default=8081, metavar=say("bien_cong"), help=say("tham_so_edit_port"))
    data(ed)
    y = command("synth", "synth")
    y.add_argument("--communes", type=_whole_number, required=True, metavar=number, help=say("tham_so_synth_communes"))
    y.add_argument("--periods", type=_whole_number, default=1, metavar=number, help=say("tham_so_synth_periods"))
    y.add_argument("--out", required=True, metavar=folder, help=say("tham_so_synth_out"))
    y.add_argument("--seed", type=_whole_number, default=1, metavar=number, help=say("tham_so_synth_seed"))
    y.add_argument("--data", default="data", metavar=folder, help=say("tham_so_synth_data"))
    y.add_argument("--mau", default=DEFAULT_TEMPLATE, metavar=say("bien_mau"),
                   help=say("tham_so_synth_mau", mac_dinh=DEFAULT_TEMPLATE))
    h = command("shard", "shard")
    which = h.add_mutually_exclusive_group(required=True)
    which.add_argument("--shard", metavar=say("bien_phan"), help=say("tham_so_shard_shard"))
    which.add_argument("--province", metavar=say("bien_tinh"), help=say("tham_so_shard_province"))
    h.add_argument("--out", required=True, metavar=folder, help=say("tham_so_shard_out"))
    h.add_argument("--config", default="mkdocs.yml", metavar=say("bien_cau_hinh"), help=say("tham_so_config"))
    j = command("join", "join")
    j.add_argument("shards", nargs="+", metavar=folder, help=say("tham_so_join_shards"))
    j.add_argument("--out", required=True, metavar=folder, help=say("tham_so_join_out"))
    j.add_argument("--config", default="mkdocs.yml", metavar=say("bien_cau_hinh"), help=say("tham_so_config"))
    n = command("new", "new")
    n.add_argument("commune", metavar=commune, help=say("tham_so_new_commune"))
    n.add_argument("period", metavar=period, help=say("tham_so_new_period"))
    n.add_argument("--mau", metavar=say("bien_mau"), help=say("tham_so_new_mau"))
    data(n)
    i = command("import", "import")
    i.add_argument("report", metavar=say("bien_bao_cao"), help=say("tham_so_import_report"))
    i.add_argument("--commune", metavar=commune, help=say("tham_so_import_commune"))
    i.add_argument("--province", metavar=say("bien_tinh"), help=say("tham_so_import_province"))
    i.add_argument("--out", metavar=file_, help=say("tham_so_import_out"))
    data(i)
    e = command("export", "export")
    e.add_argument("commune", metavar=commune, help=say("tham_so_export_commune"))
    e.add_argument("period", metavar=period, help=say("tham_so_export_period"))
    e.add_argument("--out", metavar=file_, help=say("tham_so_export_out"))
    data(e)
    c = command("new-commune", "new_commune")
    c.add_argument("name", metavar=say("bien_ten"), help=say("tham_so_new_commune_name"))
    c.add_argument("--province", required=True, metavar=say("bien_tinh"), help=say("tham_so_new_commune_province"))
    data(c)
    return parser


def _validate_target(path: Path) -> tuple[Path, str | None]:
    """What `cchc validate PATH` checks: the data folder PATH is in (the nearest holding danh-muc/), and one commune
    when PATH is a commune's folder or a file in it (data/xa/<xã>/…, what a clerk types); a file elsewhere, all."""
    root = next((p for p in (path, *path.parents) if (p / "danh-muc").is_dir()), None)
    if root is None:
        return (path.parent if path.is_file() else path), None
    inside = path.relative_to(root).parts
    if len(inside) < 2 or inside[0] != "xa":
        return root, None
    if not (root / "xa" / inside[1]).is_dir():
        known = ", ".join(sorted(p.name for p in (root / "xa").iterdir() if p.is_dir())) or "—"
        raise UserError(say("xuat_khong_co_xa", xa=inside[1], thu_muc=root / "xa", cac_xa=known), 2)
    return root, inside[1]


def main(argv: list[str] | None = None) -> int:
    try:
        with _argparse_in_vietnamese():
            args = _parser().parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    try:
        if args.command == "validate":
            root, commune = _validate_target(Path(args.path))
            result = check(root, only=commune)
            print(problems_json(result.problems) if args.format == "json" else "\n".join(listing(result.problems, args.da_xac_nhan)))
            return 1 if (result.portal is None or result.blocking) else 0
        if args.command == "render":
            from generator.mkdocs_adapter import commands  # MkDocs is loaded only by the commands that need it

            try:
                out = generate(Path(args.data), Path(args.docs), site_url=args.site_url, site_name=args.site_name,
                               site_contact=commands.site_contact(args.lien_he_config), progress=Progress(say("tien_do")))
            except DataError as exc:
                print("\n".join([*listing(exc.problems), say("dung_xay_dung")]), file=sys.stderr)
                return 1
            if out.problems:
                print(format_problems(out.problems))
            print(say("render_xong", ghi=len(out.report.written), khong_doi=len(out.report.unchanged), xoa=len(out.report.removed)))
            return 0
        if args.command == "synth":
            if not (Path(args.data) / "danh-muc").is_dir():
                print(say("thu_muc_khong_co", thu_muc=Path(args.data) / "danh-muc"), file=sys.stderr)
                return 2
            if not (Path(args.data) / "danh-muc" / "chi-tieu" / f"{args.mau}.yaml").is_file():
                known = ", ".join(p.stem for p in sorted((Path(args.data) / "danh-muc" / "chi-tieu").glob("*.yaml")))
                print(say("moi_mau_khong_co", gia_tri=args.mau, cac_mau=known or "—"), file=sys.stderr)
                return 2
            written = synthesize(args.communes, args.periods, Path(args.out), Path(args.data), seed=args.seed, mau=args.mau)
            print(say("synth_xong", so=len(written), thu_muc=args.out))
            return 0
        if args.command in ("shard", "join"):
            from generator.mkdocs_adapter import commands

            return commands.shard_or_join(args)
        if args.command in ("new", "import", "new-commune", "export"):
            print({"new": new_period, "import": importer, "new-commune": new_commune, "export": export}[args.command].command(args))
            return 0
        if args.command == "edit":
            from generator.editor import server  # the editor's server is loaded only by `cchc edit`

            return server.command(args)
        from generator.editor.forms import write_forms

        for path in [*write_schemas(Path(args.out)), write_forms(Path(args.data), Path(args.out))]:
            print(path)
        return 0
    except OSError as exc:  # a folder that is not there, a disk that is full: the user's to fix, not a bug
        reason = {FileNotFoundError: "loi_khong_ton_tai", PermissionError: "loi_khong_co_quyen"}.get(type(exc))
        print(say("loi_he_thong", duong_dan=exc.filename or "", loi=say(reason) if reason else exc.strerror or exc), file=sys.stderr)
        return 1
    except UserError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code
    except Exception as exc:  # a bug in the program: said as one, never as a traceback
        print(say("loi_noi_bo", loi=exc if isinstance(exc, InternalError) else f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
