"""Every file a clerk hands `cchc import` is bounded: a hostile or broken one is refused in one Vietnamese line, fast,
in little memory, with nothing written (generator/core/word_file.py for Word files, load/yaml_loader.py for YAML).

Each hostile file is built here, in tmp_path, and given to the real command in a subprocess allowed 400 MB of
address space and 5 s of CPU: a reader that inflates a zip bomb or loads a huge file whole is killed, or says
"Lỗi nội bộ", and the test fails. No timing is asserted: the CPU limit is the bound.
"""

from __future__ import annotations

import io
import resource
import shlex
import shutil
import struct
import subprocess
import sys
import warnings
import zipfile
from functools import cache
from pathlib import Path

import docx
import pytest

from conftest import DATA, ROOT
from generator.core.word_file import MAX_FILE_BYTES, MAX_PARTS
from test_workflow import SEED, seed_docx

MEMORY = 400 * 2**20
CPU_SECONDS = 5
BOMB_BYTES = 1_500_000_000  # what word/document.xml inflates to; about 1.5 MB compressed
DOCUMENT = "word/document.xml"
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def bounded_cchc(*args) -> subprocess.CompletedProcess:
    """The real `cchc` command, in a process that cannot take more than MEMORY or CPU_SECONDS."""
    return subprocess.run([sys.executable, "-m", "generator.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", preexec_fn=_bounded)


def files(folder: Path) -> dict[str, bytes]:
    """Every file of folder and its bytes, but a hostile one too large to hold (it is compared by nothing else)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
            and p.stat().st_size < MAX_FILE_BYTES}


@pytest.fixture
def data(tmp_path) -> Path:
    """The catalogues and Thịnh Đức's profile, no period: where `cchc import` would write its draft."""
    target = tmp_path / "data"
    shutil.copytree(DATA / "danh-muc", target / "danh-muc")
    (target / "xa" / "thinh-duc").mkdir(parents=True)
    shutil.copy(DATA / "xa" / "thinh-duc" / "thong-tin.yaml", target / "xa" / "thinh-duc")
    return target


def refused(result: subprocess.CompletedProcess, data: Path, before: dict, shown: Path, *words: str) -> str:
    """The one worded line on stderr (naming the file), exit 1, and nothing written."""
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Lỗi nội bộ" not in out and "Traceback" not in out, out
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and str(shown) in lines[0], out
    for word in words:
        assert word in lines[0], out
    assert result.stdout == ""
    assert files(data) == before
    return lines[0]


@cache
def word_parts() -> dict[str, bytes]:
    """The parts of a plain Word file (python-docx's blank document)."""
    saved = io.BytesIO()
    docx.Document().save(saved)
    with zipfile.ZipFile(saved) as package:
        return {name: package.read(name) for name in package.namelist()}


def package(path: Path, *extra: tuple, without: tuple = ()) -> Path:
    """A Word file of word_parts(), each extra (name, bytes[, compression]) added after them (a name twice allowed)."""
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: that is the point
        for name, blob in word_parts().items():
            if name not in without:
                out.writestr(name, blob)
        for name, blob, *compression in extra:  # a ZipInfo keeps its name as given, "../" and "/" included
            out.writestr(zipfile.ZipInfo(name), blob, *(compression or [zipfile.ZIP_DEFLATED]))
    return path


def document_xml(text_bytes: int) -> bytes:
    return b'<w:document ' + W + b'><w:body><w:p><w:r><w:t>' + b" " * text_bytes + b"</w:t></w:r></w:p></w:body></w:document>"


def declare_size(path: Path, name: str, size: int) -> Path:
    """Write size as name's inflated size in its local and central headers, as a lying zip does."""
    with zipfile.ZipFile(path) as zf:
        local = zf.getinfo(name).header_offset
    blob = bytearray(path.read_bytes())
    struct.pack_into("<L", blob, local + 22, size)
    at = struct.unpack_from("<L", blob, blob.rfind(b"PK\x05\x06") + 16)[0]  # where the table of contents starts
    while blob[at:at + 4] == b"PK\x01\x02":
        length, extra, comment = struct.unpack_from("<3H", blob, at + 28)
        if blob[at + 46:at + 46 + length] == name.encode():
            struct.pack_into("<L", blob, at + 24, size)
        at += 46 + length + extra + comment
    path.write_bytes(bytes(blob))
    return path


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """A 1.5 MB Word file whose document.xml inflates to 1.5 GB of spaces, written a megabyte at a time."""
    path = tmp_path_factory.mktemp("bom") / "bao-cao.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name, blob in word_parts().items():
            if name != DOCUMENT:
                out.writestr(name, blob)
        head, tail = document_xml(0).split(b"</w:t>")
        with out.open(DOCUMENT, "w") as fh:
            fh.write(head)
            chunk = b" " * 2**20
            for _ in range(BOMB_BYTES // len(chunk)):
                fh.write(chunk)
            fh.write(b"</w:t>" + tail)
    assert path.stat().st_size < 2 * 2**20
    return path


def test_a_zip_bomb_is_refused_as_a_bomb_not_as_a_bug(bomb, data):
    before = files(data)
    result = bounded_cchc("import", bomb, "--commune", "thinh-duc", "--data", data)
    line = refused(result, data, before, bomb, "không phải một tệp Word bình thường", DOCUMENT, "bom giải nén",
                   "lưu lại")
    assert "không nhập gì" in line


def test_a_table_of_contents_that_says_fewer_bytes_than_inflate_is_refused(bomb, data, tmp_path):
    lying = declare_size(Path(shutil.copy(bomb, tmp_path / "noi-doi.docx")), DOCUMENT, 1_000)
    before = files(data)
    result = bounded_cchc("import", lying, "--commune", "thinh-duc", "--data", data)
    refused(result, data, before, lying, "không phải một tệp Word bình thường", "hỏng hoặc không trọn vẹn")


def test_a_table_of_contents_that_says_more_bytes_than_inflate_is_refused(data, tmp_path):
    path = package(tmp_path / "noi-them.docx", (DOCUMENT, word_parts()[DOCUMENT]), without=(DOCUMENT,))
    declare_size(path, DOCUMENT, len(word_parts()[DOCUMENT]) + 5_000)
    before = files(data)
    result = bounded_cchc("import", path, "--commune", "thinh-duc", "--data", data)
    refused(result, data, before, path, f"phần {DOCUMENT} giải nén ra khác cỡ")


HOSTILE = {
    # id: (how the file is made in a folder, words of its line)
    "huge-ratio-under-the-size-limit": (
        lambda d: package(d / "ti-le.docx", (DOCUMENT, document_xml(20 * 2**20)), without=(DOCUMENT,)),
        [f"phần {DOCUMENT} nén hơn 400 lần", "lưu lại"]),
    "many-members": (
        lambda d: package(d / "nhieu-phan.docx", *[(f"word/media/image{i}.png", b"") for i in range(MAX_PARTS)]),
        [f"có {MAX_PARTS + len(word_parts()):,} phần bên trong".replace(",", "."), "gửi tệp nhỏ hơn"]),
    "a-table-of-contents-of-30000-members": (
        lambda d: package(d / "muc-luc.docx", *[(f"word/media/image{i}.png", b"") for i in range(30_000)]),
        ["có mục lục các phần bên trong dài", "gửi tệp nhỏ hơn"]),
    "nested-zip": (
        lambda d: package(d / "long-nhau.docx", ("word/baocao.zip", package(d / "trong.docx").read_bytes())),
        ["phần word/baocao.zip là một tệp nén lồng bên trong"]),
    "parent-folder-name": (
        lambda d: package(d / "ra-ngoai.docx", ("../../.bashrc", b"echo hi\n")),
        ["phần ../../.bashrc có tên trỏ ra ngoài tệp"]),
    "absolute-name": (
        lambda d: package(d / "tuyet-doi.docx", ("/etc/cron.d/cchc", b"* * * * * root true\n")),
        ["phần /etc/cron.d/cchc có tên trỏ ra ngoài tệp"]),
    "one-name-twice": (
        lambda d: package(d / "trung-ten.docx", (DOCUMENT, document_xml(10))),
        [f"có hai phần cùng tên {DOCUMENT}"]),
    "bzip2-member": (
        lambda d: package(d / "bzip2.docx", (DOCUMENT, document_xml(10), zipfile.ZIP_BZIP2), without=(DOCUMENT,)),
        [f"phần {DOCUMENT} được nén theo kiểu Word không dùng"]),
    "truncated-zip": (
        lambda d: written(d / "cat.docx", package(d / "nguyen.docx").read_bytes()[:5_000]),
        ["hỏng hoặc không trọn vẹn", "lưu lại"]),
    "broken-xml": (
        lambda d: package(d / "xml-hong.docx", (DOCUMENT, b"<w:document " + W + b"><w:body><w:p>"), without=(DOCUMENT,)),
        ["nội dung bên trong bị hỏng"]),
    "a-value-word-never-writes": (
        lambda d: package(d / "gia-tri-la.docx", (DOCUMENT, b"<w:document " + W + b'><w:body><w:p><w:r><w:rPr><w:b w:val="kho"/>'
                          b"</w:rPr><w:t>x</w:t></w:r></w:p></w:body></w:document>"), without=(DOCUMENT,)),
        ["nội dung bên trong bị hỏng"]),
    "over-50-mb": (
        lambda d: sparse(package(d / "lon.docx"), MAX_FILE_BYTES + 2**20),
        ["nặng 51 MB (tối đa 50 MB)", "gửi tệp nhỏ hơn"]),
    "password-protected": (
        lambda d: ole(d / "mat-khau.docx", "EncryptedPackage".encode("utf-16-le")),
        ["có đặt mật khẩu", "bỏ mật khẩu"]),
    "empty-file": (lambda d: written(d / "rong.docx", b""), ["không đọc được", "như một tệp Word (.docx)"]),
    "text-named-docx": (lambda d: written(d / "van-ban.docx", "không phải Word".encode()),
                        ["không đọc được", "như một tệp Word (.docx)"]),
}


def written(path: Path, blob: bytes) -> Path:
    path.write_bytes(blob)
    return path


def sparse(path: Path, size: int) -> Path:
    """path grown to size without writing the bytes (a hole)."""
    with path.open("r+b") as fh:
        fh.truncate(size)
    return path


def ole(path: Path, body: bytes = b"") -> Path:
    """A file with Word 97–2003's signature (an OLE compound file)."""
    return written(path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + body + bytes(4096))


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_a_hostile_or_broken_word_file_is_refused_in_one_line(case, data, tmp_path):
    make, words = HOSTILE[case]
    report = make(tmp_path)
    before = files(data)
    result = bounded_cchc("import", report, "--commune", "thinh-duc", "--data", data)
    refused(result, data, before, report, *words)


def test_a_word_97_2003_file_is_told_how_to_convert_it(data, tmp_path):
    report = ole(tmp_path / "bao-cao.doc")
    before = files(data)
    result = bounded_cchc("import", report, "--commune", "thinh-duc", "--data", data)
    line = refused(result, data, before, report, "Word 97–2003 (.doc)", "lưu lại dưới dạng .docx")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert (f"LibreOffice đã cài trên máy này ({office})" if office else "chưa cài LibreOffice") in line
    command = [office or "soffice", "--headless", "--convert-to", "docx", "--outdir", str(tmp_path), str(report)]
    assert line.endswith(": " + shlex.join(command)), line


def test_a_workbook_embedded_where_word_keeps_one_is_carried_not_refused(data, tmp_path):
    report = seed_docx(tmp_path / "bao-cao.docx", SEED.read_text(encoding="utf-8"))
    workbook = package(tmp_path / "bang-tinh.xlsx").read_bytes()  # any zip: Word's embedded objects are packages
    with zipfile.ZipFile(report, "a") as out:
        out.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", workbook)
    result = bounded_cchc("import", report, "--commune", "thinh-duc", "--data", data)
    assert result.returncode == 0, result.stderr
    assert (data / "xa" / "thinh-duc" / "2024-q1.yaml").is_file()


def test_an_external_entity_in_the_report_is_never_expanded(data, tmp_path):
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("MAT-KHAU-BI-MAT", encoding="utf-8")
    report = seed_docx(tmp_path / "bao-cao.docx", SEED.read_text(encoding="utf-8"))
    with zipfile.ZipFile(report) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    body = parts[DOCUMENT]
    declaration = body.index(b"?>") + 2
    doctype = f'<!DOCTYPE w:document [<!ENTITY bimat SYSTEM "{secret.as_uri()}">]>'.encode()
    first_text = body.index(b"<w:t>") + len(b"<w:t>")
    parts[DOCUMENT] = body[:declaration] + doctype + body[declaration:first_text] + b"&bimat;" + body[first_text:]
    with zipfile.ZipFile(report, "w", zipfile.ZIP_DEFLATED) as out:
        for name, blob in parts.items():
            out.writestr(name, blob)
    result = bounded_cchc("import", report, "--commune", "thinh-duc", "--data", data)
    out = result.stdout + result.stderr
    assert "Lỗi nội bộ" not in out and "MAT-KHAU-BI-MAT" not in out
    assert all(b"MAT-KHAU-BI-MAT" not in blob for blob in files(data).values())


def test_a_3_gb_profile_is_refused_without_being_read_whole(data, tmp_path):
    report = seed_docx(tmp_path / "bao-cao.docx", SEED.read_text(encoding="utf-8"))
    profile = sparse(data / "xa" / "thinh-duc" / "thong-tin.yaml", 3 * 2**30)
    before = files(data)
    result = bounded_cchc("import", report, "--commune", "thinh-duc", "--data", data)
    refused(result, data, before, profile, ":1:1: LỖI: tệp quá lớn (3221225472 byte")


def test_a_3_gb_period_file_is_refused_by_validate_without_being_read_whole(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    period = sparse(data / "xa" / "thinh-duc" / "2024-q1.yaml", 3 * 2**30)
    result = bounded_cchc("validate", data)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Lỗi nội bộ" not in out and "Traceback" not in out, out
    assert f"{period}:1:1: LỖI: tệp quá lớn (3221225472 byte" in out, out
