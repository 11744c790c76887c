"""Shared catalogues: sectors, report period kinds, legal references, the indicator template.

They are data (data/danh-muc/), so a new template year or a new decree is a
data change, not a code change.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from .base import Model
from .types import MaChiTieu, Ngay, Slug


class LinhVuc(Model):
    ma: Slug = Field(description="Mã lĩnh vực dùng trong đường dẫn, không dấu (vd. tu-phap-ho-tich).")
    ten: str = Field(description="Tên lĩnh vực hiển thị cho người dân.")


def _period_name(value):
    """A period's name pattern may use only {ten} and {nam}: anything else would stop the rendering of every page."""
    try:
        value.format(ten="", nam="")
    except (KeyError, IndexError, ValueError):
        raise PydanticCustomError("tieu_de_ky_sai", "", {"gia_tri": value}) from None
    return value


class DanhMucLinhVuc(Model):
    linh_vuc: list[LinhVuc] = Field(description="Các lĩnh vực thủ tục hành chính.")


class MocNgay(Model):
    ngay: int = Field(ge=1, le=31, description="Ngày trong tháng.")
    thang: int = Field(ge=1, le=12, description="Tháng.")
    lech_nam: int = Field(0, ge=-1, le=0, description="-1 nếu mốc thuộc năm trước năm báo cáo.")

    @model_validator(mode="after")
    def _real_day(self):
        try:
            dt.date(2023, self.thang, self.ngay)  # a common year: 29/2 is not a boundary every year
        except ValueError:
            raise PydanticCustomError("ngay_khong_ton_tai", "", {"gia_tri": f"{self.ngay}/{self.thang}"}) from None
        return self

    def in_year(self, year: int) -> dt.date:
        return dt.date(year + self.lech_nam, self.thang, self.ngay)


class LoaiKy(Model):
    ma: Slug = Field(description="Mã kỳ dùng trong tên tệp (vd. q1 trong 2024-q1.yaml).")
    ten: str = Field(description="Tên kỳ báo cáo (vd. Quý I).")
    tieu_de: Annotated[str, AfterValidator(_period_name)] = Field("{ten} năm {nam}", description="Cách gọi một kỳ trên trang: {ten} là tên kỳ, {nam} là năm (vd. “Năm {nam}” cho kỳ cả năm, không phải “Năm năm 2024”).")
    thu_tu: int = Field(description="Thứ tự của kỳ trong năm, để sắp xếp.")
    tu: MocNgay = Field(description="Ngày bắt đầu lấy số liệu.")
    den: MocNgay = Field(description="Ngày kết thúc lấy số liệu.")
    han_nop: Optional[MocNgay] = Field(None, description="Hạn gửi báo cáo: một báo cáo ban hành sau hạn được cảnh báo.")


class DanhMucKy(Model):
    nguon: str = Field(description="Văn bản quy định kỳ báo cáo.")
    ma_don_vi_tu: Ngay = Field(description="Từ ngày này, mã đơn vị hành chính của xã được đối chiếu với danh mục hiện hành (QĐ 19/2025/QĐ-TTg).")
    loai_ky: list[LoaiKy] = Field(description="Các loại kỳ báo cáo.")

    def window(self, kind: LoaiKy, year: int, post_reform: bool) -> tuple[dt.date, dt.date]:
        """The data window of a period: the kind's, in that year. A commune with a post-reform code (ma_don_vi) exists
        from ma_don_vi_tu: when that day falls inside the window, its window starts there (a commune formed on
        1/7/2025 states a Q3 2025 window starting 01/7)."""
        start, end = kind.tu.in_year(year), kind.den.in_year(year)
        if post_reform and start < self.ma_don_vi_tu <= end:
            start = self.ma_don_vi_tu
        return start, end


class VanBanPhapLy(Model):
    ma: Slug = Field(description="Mã tham chiếu nội bộ.")
    ten: str = Field(description="Tên đầy đủ của văn bản (số, ngày, cơ quan ban hành).")
    noi_dung: str = Field(description="Văn bản quy định về việc gì.")
    chu_de: Literal["mot-cua"] = Field(description="Chủ đề dùng để chọn văn bản hiện hành.")
    hieu_luc_tu: Ngay = Field(description="Ngày có hiệu lực.")
    het_hieu_luc: Optional[Ngay] = Field(None, description="Ngày hết hiệu lực, nếu đã bị thay thế.")


class DanhMucVanBan(Model):
    van_ban: list[VanBanPhapLy] = Field(description="Văn bản pháp lý được trang dẫn chiếu.")


class MucThangDo(Model):
    gia_tri: int = Field(description="Giá trị số được nhập.")
    nhan: str = Field(description="Ý nghĩa của giá trị (vd. Hoàn thành).")


KieuChiTieu = Literal["nhom", "ty_le", "so_luong", "so_tien", "thang_do", "diem"]


class ChiTieuMau(Model):
    """One row of an appendix template."""

    ma: MaChiTieu = Field(description="Mã chỉ tiêu (vd. I, 3.1, 3.4.2, 3.4.2.a), theo một trong các dạng mã mẫu khai báo (dang_ma).")
    ten: str = Field(description="Tên chỉ tiêu như trong mẫu phụ lục.")
    kieu: KieuChiTieu = Field(description="nhom: tiêu đề nhóm; ty_le: phần trăm; so_luong: số đếm; so_tien: tiền; thang_do: mã hóa; diem: điểm (vd. Chỉ số phục vụ, thang 100), không phải phần trăm.")
    don_vi: Optional[str] = Field(None, description="Đơn vị tính như in trong mẫu.")
    toi_da: Optional[float] = Field(None, gt=0, description="Điểm tối đa của chỉ tiêu kiểu diem (vd. 100): điểm phải từ 0 đến số này. Chỉ dùng với kieu: diem.")
    thang_do: list[MucThangDo] = Field(default_factory=list, description="Các giá trị hợp lệ của chỉ tiêu mã hóa.")
    tu_so: Optional[MaChiTieu] = Field(None, description="Chỉ tiêu tử số (tỷ lệ = tử số / mẫu số × 100); phải ghi cùng mau_so.")
    mau_so: Optional[MaChiTieu] = Field(None, description="Chỉ tiêu mẫu số; phải ghi cùng tu_so.")
    tong: list[MaChiTieu] = Field(default_factory=list, description="Dòng này bằng tổng các dòng này: được đối chiếu; khi đúng một ô (tổng hoặc một phần) để trống, ô đó được tính.")
    so_lieu_chung: Optional[Slug] = Field(None, description="Mã số liệu chung của cổng (data/danh-muc/so-lieu-chung.yaml) mà dòng này mang nghĩa; chỉ qua mã này các mẫu, kỳ, xã được so sánh với nhau.")
    tom_tat: Optional[MaChiTieu] = Field(None, description="Nhóm lấy số liệu của chỉ tiêu này làm số tóm tắt.")
    khong_vuot: Optional[MaChiTieu] = Field(None, description="Giá trị không được lớn hơn chỉ tiêu này.")
    cac_phan: list[MaChiTieu] = Field(default_factory=list, description="Các chỉ tiêu là phần của chỉ tiêu này: cộng lại không được lớn hơn nó.")
    cung_mot_tong: bool = Field(False, description="Các dòng 'Trong đó' là phần trăm của cùng một tổng: cộng lại không quá 100.")
    tong_thu_tuc_linh_vuc: bool = Field(False, description="Phải bằng tổng số thủ tục của các lĩnh vực.")
    bien_che_giao: Optional[MaChiTieu] = Field(None, description="Số có mặt không được vượt số được giao ở chỉ tiêu này.")
    trong_do: list["ChiTieuMau"] = Field(default_factory=list, description="Các dòng 'Trong đó' (lồng nhau bao nhiêu cấp cũng được).")
    chi_tieu: list["ChiTieuMau"] = Field(default_factory=list, description="Các chỉ tiêu con (lồng nhau bao nhiêu cấp cũng được).")

    @property
    def is_ratio(self) -> bool:
        """A ratio computed from two rows: the one rule every step uses (a template with only one of them is refused)."""
        return self.tu_so is not None and self.mau_so is not None

    @property
    def is_computed(self) -> bool:
        """Its value is always computed (a ratio from its components, a group's summary from its row): a value typed on
        it is refused where it is typed (load/reader.py), never silently replaced (rules/compute.py)."""
        return self.is_ratio or bool(self.tom_tat)


class LienKetThuyetMinh(Model):
    """Which rows the narrative's staffing and online figures are checked against."""

    bien_che_giao: Optional[MaChiTieu] = Field(None, description="Chỉ tiêu biên chế được giao.")
    bien_che_co_mat: Optional[MaChiTieu] = Field(None, description="Chỉ tiêu biên chế có mặt.")
    ho_so_truc_tuyen: Optional[MaChiTieu] = Field(None, description="Chỉ tiêu số hồ sơ tiếp nhận trực tuyến.")
    thu_tuc_co_ho_so_truc_tuyen: list[MaChiTieu] = Field(default_factory=list, description="Các chỉ tiêu số thủ tục có phát sinh hồ sơ trực tuyến.")


def _regex(value):
    """A code shape must be a regular expression, or every row would be refused with a traceback."""
    try:
        re.compile(value)
    except (re.error, TypeError):
        raise PydanticCustomError("dang_ma_sai", "", {"gia_tri": value}) from None
    return value


DANG_MA_2024 = [r"\d+(\.\d+)*", r"\d+(\.\d+)*\.[a-z]"]


class MauChiTieu(Model):
    phien_ban: str = Field(description="Phiên bản mẫu (thường là năm áp dụng).")
    tieu_de: str = Field(description="Tiêu đề bảng chỉ tiêu.")
    nguon: str = Field(description="Mẫu được chép từ đâu.")
    dang_ma: list[Annotated[str, AfterValidator(_regex)]] = Field(
        default_factory=lambda: list(DANG_MA_2024),
        description="Các dạng mã mẫu dùng (biểu thức chính quy, khớp cả mã), vd. \"[IVXLC]+\" cho nhóm La Mã; bỏ trống là dạng của mẫu 2024 (3.4.2 và 3.4.2.a).",
    )
    lien_ket: LienKetThuyetMinh = Field(default_factory=LienKetThuyetMinh, description="Chỉ tiêu dùng để đối chiếu với phần thuyết minh.")
    muc: list[ChiTieuMau] = Field(description="Các nhóm chỉ tiêu.")

    def rows(self):
        """Every template row in printed order, with its depth and whether it is a 'Trong đó' row."""

        def walk(items, depth, component):
            for item in items:
                yield item, depth, component
                yield from walk(item.trong_do, depth + 1, True)
                yield from walk(item.chi_tieu, depth + 1, False)

        return list(walk(self.muc, 0, False))

    @functools.cached_property
    def first_components(self) -> frozenset[str]:
        """The rows that open a run of 'Trong đó' rows: the form prints "Trong đó" beside the first row of a run only
        (the site's appendix and the Word report alike)."""
        rows = self.rows()
        return frozenset(row.ma for k, (row, _, component) in enumerate(rows) if component and not (k and rows[k - 1][2]))

    @functools.cached_property
    def key_rows(self) -> dict[str, ChiTieuMau]:
        """The rows that declare a portal key figure, by its id (asked for every period of every commune: kept)."""
        return {row.so_lieu_chung: row for row, _, _ in self.rows() if row.so_lieu_chung}


# --- The portal's key figures (data/danh-muc/so-lieu-chung.yaml) ----------------------------------------------------


class SoLieuChung(Model):
    """A figure the portal compares across templates, periods and communes."""

    ma: Slug = Field(description="Mã số liệu chung (vd. ho-so-dung-han-ty-le); dòng mẫu khai báo bằng so_lieu_chung.")
    ten: str = Field(description="Tên số liệu.")
    kieu: KieuChiTieu = Field(description="Cùng loại với dòng mẫu mang nó: ty_le, so_luong, so_tien, thang_do, diem.")
    don_vi: Optional[str] = Field(None, description="Đơn vị tính.")


class SoLieuTrangChu(Model):
    so_lieu: Slug = Field(description="Mã số liệu chung hiện ở trang chủ của xã và bảng so sánh của tỉnh.")
    nhan: str = Field(description="Nhãn ngắn cho người dân.")
    phu: Optional[Slug] = Field(None, description="Số liệu chung hiện kèm (vd. tổng số để so sánh).")
    nhan_phu: Optional[str] = Field(None, description="Câu hiện kèm; {so} được thay bằng số của số liệu phu.")


class ChuoiSoLieu(Model):
    so_lieu: Slug = Field(description="Mã số liệu chung vẽ thành một đường.")
    nhan: str = Field(description="Tên đường trên biểu đồ.")


class BieuDo(Model):
    """A trend chart on a commune's history page."""

    tieu_de: str = Field(description="Tiêu đề biểu đồ.")
    don_vi: str = Field(description="Đơn vị của trục dọc.")
    chuoi: list[ChuoiSoLieu] = Field(min_length=1, description="Các số liệu chung vẽ trên cùng biểu đồ (cùng một loại).")
    toi_da: Optional[float] = Field(None, description="Giá trị lớn nhất của trục dọc (vd. 100 cho phần trăm); để trống thì tự tính.")


class DanhMucSoLieuChung(Model):
    so_lieu: list[SoLieuChung] = Field(default_factory=list, description="Số liệu chung của cổng: những gì được so sánh giữa các mẫu, kỳ, xã.")
    trang_chu: list[SoLieuTrangChu] = Field(default_factory=list, description="Số liệu chính ở trang chủ của xã và trong bảng so sánh của tỉnh.")
    lich_su: list[BieuDo] = Field(default_factory=list, description="Biểu đồ diễn biến qua các kỳ trên trang lịch sử của xã.")

    def by_id(self) -> dict[str, SoLieuChung]:
        return {f.ma: f for f in self.so_lieu}


class TinhSauSapXep(Model):
    ten: str = Field(description="Tỉnh, thành phố từ ngày hieu_luc_tu, như danh mục chính thức và trường `tinh` của xã (không có “Tỉnh”, “Thành phố”), vd. Thái Nguyên.")
    tinh_cu: list[str] = Field(min_length=1, description="Các tỉnh, thành phố trước ngày hieu_luc_tu hợp thành nó (không sắp xếp: chỉ chính nó), vd. [Thái Nguyên, Bắc Kạn].")


class TenKhac(Model):
    ten: str = Field(description="Cách viết khác: chữ viết tắt quen dùng (vd. TP.HCM) hoặc tên trước khi đổi tên.")
    tinh: str = Field(description="Tỉnh, thành phố hiện nay mà cách viết này chỉ, vd. Hồ Chí Minh.")
    nguon: Optional[str] = Field(None, description="Văn bản cho biết tên này (với tên trước khi đổi tên).")


class DanhMucTinhCu(Model):
    """data/danh-muc/tinh-cu.yaml: the provinces before a rearrangement and those they became, so that a clerk who
    types a former province is told the present one (cchc new-commune); and other ways of writing a province."""

    nguon: str = Field(description="Văn bản sắp xếp đơn vị hành chính cấp tỉnh.")
    hieu_luc_tu: Ngay = Field(description="Ngày văn bản có hiệu lực: từ ngày này chỉ còn các tỉnh, thành phố trong `tinh`.")
    tinh: list[TinhSauSapXep] = Field(description="Mỗi tỉnh, thành phố từ ngày hieu_luc_tu, với các tỉnh, thành phố cũ hợp thành nó.")
    ten_khac: list[TenKhac] = Field(default_factory=list, description="Cách viết khác của các tỉnh, thành phố hiện nay.")
