"""A Word file (.docx) someone hands the project, opened within bounds: a broken or hostile one is refused in words.

A .docx is a zip of XML parts, and python-docx believes the zip: it inflates each part whole, then parses it. A
1.5 MB file whose document.xml inflated to 1.5 GB took 20 s and 3 GB before lxml gave up, and the clerk was told
the program had a bug. Here the zip's table of contents is checked first (how many parts, their sizes and
compression ratio, archives inside, names that leave the package), then each part is inflated in small steps with
a hard cap on the bytes that actually come out, since the table of contents can lie; python-docx is handed only
those bytes. Every reader of a Word file from outside calls `open_word_document`, and reads what it returns
inside `worded_document_errors`.
"""

from __future__ import annotations

import io
import shlex
import shutil
import struct
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.exceptions import InvalidXmlError
from docx.oxml.exceptions import XmlchemyError
from lxml import etree

from .numbers import vn_number
from .problems import UserError, say

# Limits far above any real report and far below what hurts a shared machine. `cchc export` writes 19 parts, 1 MB
# in all (document.xml 141 kB); a report with a hundred photos adds a hundred parts of a few MB each at most.
MAX_FILE_BYTES = 50 * 2**20  # the .docx as sent
MAX_DIRECTORY_BYTES = 2**20  # the zip's table of contents, read whole by zipfile: ~100 bytes a part
MAX_PARTS = 1_000  # a report has 15–40, one more for each image
MAX_PART_BYTES = 25 * 2**20  # one part inflated: a long report's document.xml is a few MB, a photo less
MAX_TOTAL_BYTES = 100 * 2**20  # every part inflated, which python-docx then holds in memory
# Inflated / compressed. Word's XML compresses 3–35× (styles.xml 32×), a table of 3,000 identical rows 177×; only
# long runs of one byte, what a zip bomb is made of, come near deflate's ceiling of 1,032×. A part under
# RATIO_FROM is too small for its ratio to matter.
MAX_RATIO = 400
RATIO_FROM = 2**20
# Word keeps an embedded workbook or presentation (itself a zip) here; it is carried, never opened. An archive
# anywhere else in a report is not Word's doing.
EMBEDDED = "word/embeddings/"

_CHUNK = 64 * 2**10
_ARCHIVES = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003, and also a .docx sealed with a password
_END = b"PK\x05\x06"  # the zip's end record: where its table of contents is and how long it is
_END64_LOCATOR = b"PK\x06\x07"


def _mb(size: int) -> str:
    return vn_number(size / 2**20, 1)


def _shown(name: str) -> str:
    """A part's name as it can be printed on one line."""
    return "".join(c if c.isprintable() else "?" for c in name[:80])


class _Suspicious(Exception):
    """A file that is not what Word writes (its reason, worded): open it in Word and save it again."""


class _TooLarge(_Suspicious):
    """A file beyond a report's size (its reason, worded): send a smaller one."""


def open_word_document(path: Path):
    """The python-docx Document of path, after checking it is a Word file of a report's size and shape.

    Otherwise a UserError (exit 1) with one Vietnamese line naming the file, what is wrong with it and what to do:
    a .doc is told how to convert it, a file too large to send a smaller one, a broken or suspicious one to open it
    in Word and save it again. Nothing is written either way; an OSError (no such file) is left to the command.
    """
    with open(path, "rb") as fh:
        size = fh.seek(0, io.SEEK_END)
        fh.seek(0)
        head = fh.read(len(_OLE))
        if head == _OLE:
            raise UserError(_old_word(path, fh.read(MAX_FILE_BYTES)))
        try:
            if size > MAX_FILE_BYTES:
                raise _TooLarge(say("word_ly_do_tep_lon", kich_thuoc=_mb(size), gioi_han=_mb(MAX_FILE_BYTES)))
            package = _bounded_package(fh, size, head)
        except _TooLarge as exc:
            raise UserError(say("word_qua_lon", tep=path, ly_do=exc)) from None
        except _Suspicious as exc:
            raise UserError(say("word_bat_thuong", tep=path, ly_do=exc)) from None
    if package is None:
        raise UserError(say("nhap_khong_doc_duoc", tep=path))
    try:
        return docx.Document(package)
    except etree.XMLSyntaxError:
        raise UserError(say("word_bat_thuong", tep=path, ly_do=say("word_ly_do_xml"))) from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise UserError(say("nhap_khong_doc_duoc", tep=path)) from None


@contextmanager
def worded_document_errors(path: Path):
    """Around the reading of what open_word_document gave: python-docx checks a value (a bold that is neither on nor
    off) only when it is read, and such a value is the file's fault too, said as the parse's are."""
    try:
        yield
    except (InvalidXmlError, XmlchemyError):
        raise UserError(say("word_bat_thuong", tep=path, ly_do=say("word_ly_do_xml"))) from None


def _old_word(path: Path, body: bytes) -> str:
    """A Word 97–2003 file: how to convert it, with LibreOffice's exact command when it is installed here."""
    if "EncryptedPackage".encode("utf-16-le") in body:
        return say("word_mat_khau", tep=path)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    command = shlex.join([office or "soffice", "--headless", "--convert-to", "docx", "--outdir", str(path.parent), str(path)])
    if office is None:
        return say("word_doc_cu", tep=path, libreoffice=say("word_doc_cu_khong_libreoffice", lenh=command))
    return say("word_doc_cu", tep=path, libreoffice=say("word_doc_cu_libreoffice", noi_cai=office, lenh=command))


def _directory_bytes(fh, size: int) -> int | None:
    """The length of the zip's table of contents, from its end record (Zip64's when there is one); None: no end record."""
    tail_start = max(0, size - 22 - 0xFFFF)  # the end record is the last 22 bytes, before a comment of up to 64 kB
    fh.seek(tail_start)
    tail = fh.read()
    at = tail.rfind(_END)
    if at < 0 or len(tail) - at < 22:
        return None
    length = struct.unpack_from("<L", tail, at + 12)[0]
    if at >= 20 and tail[at - 20:at - 16] == _END64_LOCATOR:
        fh.seek(min(struct.unpack_from("<Q", tail, at - 12)[0], size))
        record = fh.read(56)
        length = struct.unpack_from("<Q", record, 40)[0] if len(record) == 56 else length
    return length


def _outside(name: str) -> bool:
    """A part name that would leave the package if unpacked: absolute, a drive, or a step up."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or ":" in parts[0] or "\x00" in name


def _bounded_package(fh, size: int, head: bytes) -> io.BytesIO | None:
    """The package re-stored uncompressed from its parts as they actually inflate; None for a file that is no zip."""
    directory = _directory_bytes(fh, size)
    if directory is None:
        if head.startswith(b"PK"):
            raise _Suspicious(say("word_ly_do_hong"))  # a zip whose end is missing: cut short
        return None
    if directory > MAX_DIRECTORY_BYTES:
        raise _TooLarge(say("word_ly_do_muc_luc_lon", kich_thuoc=_mb(directory), gioi_han=vn_number(MAX_PARTS)))
    fh.seek(0)
    try:
        with zipfile.ZipFile(fh) as package:
            members = package.infolist()
            _check_directory(members)
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as stored:
                total = 0
                for member in members:
                    total = _copy(package, member, stored, total)
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError, ValueError):
        raise _Suspicious(say("word_ly_do_hong")) from None  # damaged, cut short, or sealed with a zip password
    out.seek(0)
    return out


def _check_directory(members: list[zipfile.ZipInfo]) -> None:
    """What the table of contents says, refused before a byte is inflated."""
    if len(members) > MAX_PARTS:
        raise _TooLarge(say("word_ly_do_nhieu_phan", so=vn_number(len(members)), gioi_han=vn_number(MAX_PARTS)))
    seen = set()
    for member in members:
        name = member.filename
        if _outside(name):
            raise _Suspicious(say("word_ly_do_ten_ngoai", ten=_shown(name)))
        if name in seen:
            raise _Suspicious(say("word_ly_do_trung_ten", ten=_shown(name)))
        seen.add(name)
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _Suspicious(say("word_ly_do_kieu_nen", ten=_shown(name)))
        _check_size(name, member.file_size, member.compress_size)
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_BYTES:
        raise _TooLarge(say("word_ly_do_tong_lon", gioi_han=_mb(MAX_TOTAL_BYTES)))


def _check_size(name: str, inflated: int, compressed: int) -> None:
    """One part's size and ratio, as its header states them or as many bytes as have come out of it so far."""
    if inflated > RATIO_FROM and inflated > MAX_RATIO * max(compressed, 1):
        raise _Suspicious(say("word_ly_do_ti_le", ten=_shown(name), gioi_han=vn_number(MAX_RATIO)))
    if inflated > MAX_PART_BYTES:
        raise _TooLarge(say("word_ly_do_phan_lon", ten=_shown(name), gioi_han=_mb(MAX_PART_BYTES)))


def _copy(package: zipfile.ZipFile, member: zipfile.ZipInfo, stored: zipfile.ZipFile, total: int) -> int:
    """Inflate one part a chunk at a time into the stored package, counting what actually comes out; the new total."""
    name, inflated = member.filename, 0
    with package.open(member) as part, stored.open(name, "w") as copy:
        while chunk := part.read(_CHUNK):
            if not inflated and chunk.startswith(_ARCHIVES) and not name.startswith(EMBEDDED):
                raise _Suspicious(say("word_ly_do_long_nhau", ten=_shown(name)))
            inflated += len(chunk)
            total += len(chunk)
            _check_size(name, inflated, member.compress_size)
            if total > MAX_TOTAL_BYTES:
                raise _TooLarge(say("word_ly_do_tong_lon", gioi_han=_mb(MAX_TOTAL_BYTES)))
            copy.write(chunk)
    if inflated != member.file_size:
        raise _Suspicious(say("word_ly_do_kich_thuoc_sai", ten=_shown(name)))
    return total
