"""Field types that understand how a Vietnamese clerk writes values.

Dates may be written 2024-01-12 or 12/01/2024; numbers may be written in the
Vietnamese way ("1.180.000", "98,1"); document numbers, phones, e-mail and web
addresses are checked for form. Each failure raises an error whose type is a
message code of messages.yaml, so the clerk reads Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Union

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from generator.core.dates import day_first

_YMD = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def _date(value):
    if value is None:
        raise PydanticCustomError("chua_nhap", "", {})
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        parts = day_first(value)
        if parts:
            year, month, day = parts
        else:
            m = _YMD.match(value)
            if not m:
                raise PydanticCustomError("ngay_sai_dang", "", {"gia_tri": value})
            year, month, day = (int(g) for g in m.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise PydanticCustomError("ngay_khong_ton_tai", "", {"gia_tri": value}) from None
    raise PydanticCustomError("ngay_sai_dang", "", {"gia_tri": value})


Ngay = Annotated[dt.date, BeforeValidator(_date, json_schema_input_type=Union[dt.date, str])]

_VN_INT = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+$")  # 1.180.000
_VN_DEC = re.compile(r"^[-+]?\d+(\.\d{3})*,\d+$")  # 98,1 or 1.234,5
_PLAIN = re.compile(r"^[-+]?\d+$")


def _number(value):
    if value is None:
        raise PydanticCustomError("chua_nhap", "", {})
    if isinstance(value, bool):
        raise PydanticCustomError("so_sai_kieu", "", {"gia_tri": value})
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if _PLAIN.match(text):
            return int(text)
        if _VN_INT.match(text):
            return int(text.replace(".", ""))
        if _VN_DEC.match(text):
            return float(text.replace(".", "").replace(",", "."))
    raise PydanticCustomError("so_sai_kieu", "", {"gia_tri": value})


SoLieu = Annotated[Union[int, float], BeforeValidator(_number, json_schema_input_type=Union[int, float, str])]


def _count(value):
    number = _number(value)
    if isinstance(number, float):
        if not number.is_integer():
            raise PydanticCustomError("so_dem_le", "", {"gia_tri": value})
        number = int(number)
    if number < 0:
        raise PydanticCustomError("so_dem_am", "", {"gia_tri": value})
    return number


SoDem = Annotated[int, BeforeValidator(_count, json_schema_input_type=Union[int, str])]


def _pattern(code: str, regex: str):
    compiled = re.compile(regex)

    def check(value):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # a code typed without quotes
        if not isinstance(value, str) or not compiled.match(value.strip()):
            raise PydanticCustomError(code, "", {"gia_tri": value})
        return value.strip()

    return BeforeValidator(check)


# 25/TB-UBND, 08/KH-UBND, 468/QĐ-TTg
SoVanBan = Annotated[str, _pattern("so_van_ban_sai", r"^\d{1,5}/[A-ZĐ]{2,6}(-[A-Za-zĐđ0-9]{1,10}){1,3}$")]
KyHieuVanBan = Annotated[str, _pattern("ky_hieu_sai", r"^[A-ZĐ]{2,6}(-[A-Za-zĐđ0-9]{1,10}){1,3}$")]
# A subscriber or toll-free number, or a short service code such as 1022 (Hồ Chí Minh's hotline) or 113.
DienThoai = Annotated[str, _pattern("dien_thoai_sai", r"^(\+?[0-9][0-9 .()-]{7,18}[0-9]|1[0-9]{2,3})$")]
Email = Annotated[str, _pattern("email_sai", r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
DiaChiWeb = Annotated[str, _pattern("dia_chi_web_sai", r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/[^\s<>\"]*)?$")]
Slug = Annotated[str, _pattern("ma_slug_sai", r"^[a-z0-9]+(-[a-z0-9]+)*$")]
MaThuTuc = Annotated[str, _pattern("ma_thu_tuc_sai", r"^\d\.\d{6}$")]
# The national code with a province's agency suffix, as provincial portals print it: 1.000748.000.00.00.H62
MaThuTucDiaPhuong = Annotated[str, _pattern("ma_thu_tuc_dia_phuong_sai", r"^\d\.\d{6}(\.[0-9A-Za-z]{1,6}){0,6}$")]
# Any dotted code of letters and digits (I, 3.1, 3.4.2.a, A.1); each template declares the shapes it uses (dang_ma).
MaChiTieu = Annotated[str, _pattern("ma_chi_tieu_sai", r"^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$")]
MaDonVi = Annotated[str, _pattern("ma_don_vi_sai", r"^\d{5}$")]


def tel_href(phone: str) -> str:
    """The dialable form of a phone number, for a tel: link."""
    return ("+" if phone.startswith("+") else "") + re.sub(r"\D", "", phone)


def _free_text(value):
    from generator.core.richtext import check_links

    return check_links(value) if isinstance(value, str) else value


# Free text: paragraphs, lists, **bold** and http(s)/tel:/mailto: links (see richtext.py).
VanBanTuDo = Annotated[str, BeforeValidator(_free_text)]


def _one_line(value):
    """A name on one line: spaces as a reader sees them ("Thái\v Nguyên" pasted from Word is "Thái Nguyên")."""
    return " ".join(value.split()) if isinstance(value, str) else value


TenMotDong = Annotated[str, BeforeValidator(_one_line, json_schema_input_type=str)]
