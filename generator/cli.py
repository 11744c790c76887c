"""`cchc`: render, validate and schema, for webmasters and commune staff.

Exit codes of `cchc validate`: 0 clean (warnings allowed), 1 errors, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import export_docx, importer, new_commune, new_period
from .build import check, generate
from .problems import DataError, InternalError, format_problems, problems_json, say, summary
from .progress import Progress
from .schema import write_schemas
from .synth import DEFAULT_TEMPLATE, synthesize


def _shards(args) -> int:
    """Build one shard, or join shards, with the settings of mkdocs.yml."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .shard_spec import parse
    from .shards import build_shard, join

    try:
        if args.command == "shard":
            spec = args.shard or f"tinh:{args.province}"
            parse(spec)
            build_shard(spec, Path(args.out), Path(args.config))
        else:
            config = load_config(args.config)
            data_dir = Path(config.config_file_path).parent / config.plugins["cchc"].config.data_dir
            join([Path(p) for p in args.shards], Path(args.out), data_dir, config.site_url, config.site_name,
                 config.extra.get("lien_he"))
    except ValueError:
        print(say("shard_sai", gia_tri=args.shard), file=sys.stderr)
        return 2
    except DataError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        return 1
    except MkDocsException as exc:
        print(exc, file=sys.stderr)
        return 1
    print(args.out)
    return 0


def _site_contact(config_file: str | None) -> dict | None:
    """extra.lien_he of a MkDocs config, read as MkDocs reads it."""
    if not config_file:
        return None
    from mkdocs.config import load_config

    return load_config(config_file).extra.get("lien_he")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cchc", description="Cổng công khai kết quả cải cách hành chính.")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="Kiểm tra dữ liệu, không xây dựng trang.")
    v.add_argument("path", nargs="?", default="data", help="Thư mục dữ liệu (mặc định: data).")
    v.add_argument("--format", choices=("text", "json"), default="text")
    r = sub.add_parser("render", help="Sinh các trang Markdown vào thư mục content/.")
    r.add_argument("--data", default="data")
    r.add_argument("--docs", default="content")
    r.add_argument("--site-url", help="Địa chỉ công bố của cổng (như site_url trong mkdocs.yml), cho data.json và nguồn tin Atom.")
    r.add_argument("--site-name", default="", help="Tên cổng (như site_name trong mkdocs.yml).")
    r.add_argument("--lien-he-config", metavar="MKDOCS_YML",
                   help="Lấy liên hệ của cổng (extra.lien_he) từ tệp cấu hình MkDocs này: là liên hệ trong data.json của xã không công bố thư điện tử.")
    s = sub.add_parser("schema", help="Ghi JSON Schema của các tệp dữ liệu.")
    s.add_argument("--out", default="data/schema")
    y = sub.add_parser("synth", help="Ghi dữ liệu giả lập (tên xã thật, số liệu hợp lệ) để thử cổng ở mọi quy mô.")
    y.add_argument("--communes", type=int, required=True)
    y.add_argument("--periods", type=int, default=1)
    y.add_argument("--out", required=True, help="Thư mục dữ liệu ghi ra (như data/).")
    y.add_argument("--seed", type=int, default=1)
    y.add_argument("--data", default="data", help="Lấy danh mục từ thư mục dữ liệu này.")
    y.add_argument("--mau", default=DEFAULT_TEMPLATE,
                   help=f"Mẫu chỉ tiêu của mọi kỳ giả lập (tên tệp trong danh-muc/chi-tieu/); mặc định {DEFAULT_TEMPLATE}.")
    h = sub.add_parser("shard", help="Xây dựng một phần của cổng toàn quốc (một nhóm tỉnh) vào thư mục riêng.")
    which = h.add_mutually_exclusive_group(required=True)
    which.add_argument("--shard", help="K/N: phần thứ K trong N phần (các tỉnh chia đều theo thứ tự chữ cái).")
    which.add_argument("--province", help="Tên một tỉnh, thành phố.")
    h.add_argument("--out", required=True)
    h.add_argument("--config", default="mkdocs.yml")
    j = sub.add_parser("join", help="Ghép các phần đã xây dựng thành một trang, thêm dữ liệu chung của cổng.")
    j.add_argument("shards", nargs="+", help="Các thư mục do `cchc shard` tạo.")
    j.add_argument("--out", required=True)
    j.add_argument("--config", default="mkdocs.yml")
    n = sub.add_parser("new", help="Tạo tệp kỳ báo cáo mới từ kỳ gần nhất của xã (xã chưa có kỳ nào: kỳ đầu tiên để trống), số liệu để trống.")
    n.add_argument("commune", help="Mã xã (tên thư mục trong data/xa/), vd. thinh-duc.")
    n.add_argument("period", help="<năm>-<kỳ>, vd. 2024-h1.")
    n.add_argument("--mau", help="Mẫu chỉ tiêu của phụ lục (tên tệp trong data/danh-muc/chi-tieu/, vd. 2025-sau-sap-nhap). "
                               "Mặc định: mẫu của kỳ gần nhất; kỳ đầu tiên không có --mau thì không có phụ lục.")
    n.add_argument("--data", default="data")
    i = sub.add_parser("import", help="Đọc báo cáo Word (.docx) thành bản nháp tệp kỳ báo cáo (và mẫu chỉ tiêu nháp khi bảng phụ lục không khớp mẫu nào).")
    i.add_argument("report", help="Tệp báo cáo .docx.")
    i.add_argument("--commune", required=True, help="Mã xã (tên thư mục trong data/xa/), vd. thinh-duc.")
    i.add_argument("--out", help="Tệp YAML ghi ra (mặc định data/xa/<xã>/<năm>-<kỳ>.yaml).")
    i.add_argument("--data", default="data")
    e = sub.add_parser("export", help="Xuất báo cáo của một kỳ thành văn bản Word (.docx) theo thể thức Nghị định 30/2020/NĐ-CP.")
    e.add_argument("commune", help="Mã xã (tên thư mục trong data/xa/), vd. thinh-duc.")
    e.add_argument("period", help="<năm>-<kỳ>, vd. 2024-q1.")
    e.add_argument("--out", help="Tệp .docx ghi ra (mặc định <xã>-<kỳ>-bao-cao.docx ở thư mục hiện tại).")
    e.add_argument("--data", default="data")
    c = sub.add_parser("new-commune", help="Tạo thư mục và tệp thong-tin.yaml của một xã, phường, đặc khu từ danh mục chính thức.")
    c.add_argument("name", help="Tên chính thức, có dấu hoặc không, có thể kèm “Xã”/“Phường”, vd. \"Phù Liễn\".")
    c.add_argument("--province", required=True, help="Tỉnh, thành phố, vd. \"Hải Phòng\", \"Thai Nguyen\".")
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
            try:
                out = generate(Path(args.data), Path(args.docs), site_url=args.site_url, site_name=args.site_name,
                               site_contact=_site_contact(args.lien_he_config), progress=Progress(say("tien_do")))
            except DataError as exc:
                print(format_problems(exc.problems), file=sys.stderr)
                print(summary(exc.problems), file=sys.stderr)
                print(say("dung_xay_dung"), file=sys.stderr)
                return 1
            if out.problems:
                print(format_problems(out.problems))
            print(f"{len(out.report.written)} trang được ghi, {len(out.report.unchanged)} không đổi, {len(out.report.removed)} bị xóa.")
            return 0
        if args.command == "synth":
            if args.communes < 1 or args.periods < 1:
                parser.print_usage(sys.stderr)
                return 2
            if not (Path(args.data) / "danh-muc").is_dir():
                print(say("thu_muc_khong_co", thu_muc=Path(args.data) / "danh-muc"), file=sys.stderr)
                return 2
            if not (Path(args.data) / "danh-muc" / "chi-tieu" / f"{args.mau}.yaml").is_file():
                known = ", ".join(p.stem for p in sorted((Path(args.data) / "danh-muc" / "chi-tieu").glob("*.yaml")))
                print(say("moi_mau_khong_co", gia_tri=args.mau, cac_mau=known or "—"), file=sys.stderr)
                return 2
            written = synthesize(args.communes, args.periods, Path(args.out), Path(args.data), seed=args.seed, mau=args.mau)
            print(f"Đã ghi {len(written)} tệp vào {args.out}.")
            return 0
        if args.command in ("shard", "join"):
            return _shards(args)
        if args.command in ("new", "import", "new-commune", "export"):
            try:
                print({"new": new_period, "import": importer, "new-commune": new_commune, "export": export_docx}[args.command].command(args))
            except new_period.WorkflowError as exc:
                print(exc, file=sys.stderr)
                return exc.exit_code
            return 0
        for path in write_schemas(Path(args.out)):
            print(path)
        return 0
    except OSError as exc:  # a folder that is not there, a disk that is full: the user's to fix, not a bug
        reason = {FileNotFoundError: "loi_khong_ton_tai", PermissionError: "loi_khong_co_quyen"}.get(type(exc))
        print(say("loi_he_thong", duong_dan=exc.filename or "", loi=say(reason) if reason else exc.strerror or exc), file=sys.stderr)
        return 1
    except InternalError as exc:
        print(f"Lỗi nội bộ của chương trình (không phải lỗi dữ liệu), hãy báo cho nhóm phát triển: {exc}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
