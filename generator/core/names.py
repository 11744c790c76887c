"""How the portal names things for its readers, each in one place: a period, a commune and its People's Committee.

The wording is data: a period kind's `tieu_de` (data/danh-muc/ky-bao-cao.yaml), the committee's in messages.yaml.
"""

from __future__ import annotations

from .problems import say


def period_name(kind, year: int, short: bool = False) -> str:
    """A period as pages name it, by its kind's `tieu_de`: "Quý I năm 2024", "Năm 2024" (not "Năm năm 2024").
    short, where space is scarce (a chart's axis): the kind's name and the year, "Quý I 2024"."""
    return f"{kind.ten} {year}" if short else kind.tieu_de.format(ten=kind.ten, nam=year)


def commune_name(loai: str, ten: str) -> str:
    """A commune with its kind, as a heading shows it: "Xã Thịnh Đức", "Đặc khu Côn Đảo"."""
    return f"{loai.capitalize()} {ten}"


def committee_name(loai: str, ten: str, full: bool = False) -> str:
    """The commune's People's Committee, which issues its reports: "UBND xã Thịnh Đức"; full, where the name stands
    alone (structured data): "Ủy ban nhân dân xã Thịnh Đức"."""
    return say("ten_uy_ban_nhan_dan" if full else "ten_ubnd", loai=loai, ten=ten)
