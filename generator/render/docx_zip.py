"""A .docx package as a zip with fixed dates and order, so the same document gives the same bytes.

Written here rather than with zipfile because most of a report's package (its two style sheets, theme and
thumbnail: about 800 KB of XML) is the same in every report, and compressing it was a fifth of a report's cost: a
member compressed once (`compress`) is put in every archive as it is. The archive is byte for byte what zipfile
writes for these members (ZIP_DEFLATED at the default level, entries dated 1980-01-01, mode 644; members under
4 GB); tests/test_export.py compares the two.
"""

from __future__ import annotations

import struct
import sys
import zlib
from dataclasses import dataclass

_LOCAL = "<4s2B4HL2L2H"  # zipfile's structFileHeader
_CENTRAL = "<4s4B4HL2L5H2L"  # zipfile's structCentralDir
_END = "<4s4H2LH"  # zipfile's structEndArchive
_VERSION = 20  # zipfile's DEFAULT_VERSION: what reading a deflated member needs
_SYSTEM = 0 if sys.platform == "win32" else 3  # as zipfile.ZipInfo records the system that made the archive
_DEFLATED = 8
_DOS_DATE, _DOS_TIME = (0 << 9) | (1 << 5) | 1, 0  # 1980-01-01 00:00:00
_MODE = 0o644 << 16
_UTF8_NAME = 0x800


@dataclass(frozen=True)
class Member:
    name: str
    blob: bytes  # the uncompressed content
    crc: int
    deflated: bytes


def compress(name: str, blob: bytes) -> Member:
    packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return Member(name, blob, zlib.crc32(blob), packer.compress(blob) + packer.flush())


def archive(members: list[Member]) -> bytes:
    """The zip of members, in the order given."""
    out, central = bytearray(), bytearray()
    for m in members:
        try:
            name, flags = m.name.encode("ascii"), 0
        except UnicodeEncodeError:
            name, flags = m.name.encode("utf-8"), _UTF8_NAME
        offset = len(out)
        out += struct.pack(_LOCAL, b"PK\x03\x04", _VERSION, 0, flags, _DEFLATED, _DOS_TIME, _DOS_DATE, m.crc,
                           len(m.deflated), len(m.blob), len(name), 0)
        out += name
        out += m.deflated
        central += struct.pack(_CENTRAL, b"PK\x01\x02", _VERSION, _SYSTEM, _VERSION, 0, flags, _DEFLATED, _DOS_TIME,
                               _DOS_DATE, m.crc, len(m.deflated), len(m.blob), len(name), 0, 0, 0, 0, _MODE, offset)
        central += name
    start = len(out)
    out += central
    out += struct.pack(_END, b"PK\x05\x06", 0, 0, len(members), len(members), len(central), start, 0)
    return bytes(out)
