"""`cchc`: render, validate and schema, for webmasters and commune staff.

Exit codes of `cchc validate`: 0 clean (warnings allowed), 1 errors, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.core.problems import DataError, InternalError, UserError, format_problems, problems_json, say, summary
from generator.core.progress import Progress
from generator.load.schema import write_schemas
from generator.pipeline.build import check, generate
from generator.tools import export, importer, new_commune, new_period
from generator.tools.synth import DEFAULT_TEMPLATE, synthesize


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cchc", description=say("lenh_cchc"))
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help=say("lenh_validate"))
    v.add_argument("path", nargs="?", default="data", help=say("tham_so_validate_path"))
    v.add_argument("--format", choices=("text", "json"), default="text")
    r = sub.add_parser("render", help=say("lenh_render"))
    r.add_argument("--data", default="data")
    r.add_argument("--docs", default="content")
    r.add_argument("--site-url", help=say("tham_so_render_site_url"))
    r.add_argument("--site-name", default="", help=say("tham_so_render_site_name"))
    r.add_argument("--lien-he-config", metavar="MKDOCS_YML", help=say("tham_so_render_lien_he_config"))
    s = sub.add_parser("schema", help=say("lenh_schema"))
    s.add_argument("--out", default="data/schema")
    y = sub.add_parser("synth", help=say("lenh_synth"))
    y.add_argument("--communes", type=int, required=True)
    y.add_argument("--periods", type=int, default=1)
    y.add_argument("--out", required=True, help=say("tham_so_synth_out"))
    y.add_argument("--seed", type=int, default=1)
    y.add_argument("--data", default="data", help=say("tham_so_synth_data"))
    y.add_argument("--mau", default=DEFAULT_TEMPLATE, help=say("tham_so_synth_mau", mac_dinh=DEFAULT_TEMPLATE))
    h = sub.add_parser("shard", help=say("lenh_shard"))
    which = h.add_mutually_exclusive_group(required=True)
    which.add_argument("--shard", help=say("tham_so_shard_shard"))
    which.add_argument("--province", help=say("tham_so_shard_province"))
    h.add_argument("--out", required=True)
    h.add_argument("--config", default="mkdocs.yml")
    j = sub.add_parser("join", help=say("lenh_join"))
    j.add_argument("shards", nargs="+", help=say("tham_so_join_shards"))
    j.add_argument("--out", required=True)
    j.add_argument("--config", default="mkdocs.yml")
    n = sub.add_parser("new", help=say("lenh_new"))
    n.add_argument("commune", help=say("tham_so_new_commune"))
    n.add_argument("period", help=say("tham_so_new_period"))
    n.add_argument("--mau", help=say("tham_so_new_mau"))
    n.add_argument("--data", default="data")
    i = sub.add_parser("import", help=say("lenh_import"))
    i.add_argument("report", help=say("tham_so_import_report"))
    i.add_argument("--commune", help=say("tham_so_import_commune"))
    i.add_argument("--province", help=say("tham_so_import_province"))
    i.add_argument("--out", help=say("tham_so_import_out"))
    i.add_argument("--data", default="data")
    e = sub.add_parser("export", help=say("lenh_export"))
    e.add_argument("commune", help=say("tham_so_export_commune"))
    e.add_argument("period", help=say("tham_so_export_period"))
    e.add_argument("--out", help=say("tham_so_export_out"))
    e.add_argument("--data", default="data")
    c = sub.add_parser("new-commune", help=say("lenh_new_commune"))
    c.add_argument("name", help=say("tham_so_new_commune_name"))
    c.add_argument("--province", required=True, help=say("tham_so_new_commune_province"))
    c.add_argument("--data", default="data")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    try:
        if args.command == "validate":
            path = Path(args.path)
            if path.is_file():
                path = next((p for p in path.parents if (p / "danh-muc").is_dir()), path.parent)
            result = check(path)
            if args.format == "json":
                print(problems_json(result.problems))
            else:
                if result.problems:
                    print(format_problems(result.problems))
                print(summary(result.problems))
            return 1 if (result.portal is None or result.blocking) else 0
        if args.command == "render":
            from generator.mkdocs_adapter import commands  # MkDocs is loaded only by the commands that need it

            try:
                out = generate(Path(args.data), Path(args.docs), site_url=args.site_url, site_name=args.site_name,
                               site_contact=commands.site_contact(args.lien_he_config), progress=Progress(say("tien_do")))
            except DataError as exc:
                print(format_problems(exc.problems), file=sys.stderr)
                print(summary(exc.problems), file=sys.stderr)
                print(say("dung_xay_dung"), file=sys.stderr)
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
        for path in write_schemas(Path(args.out)):
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
