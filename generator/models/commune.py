"""A commune's stable profile and its published procedure records."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from .base import Model
from .types import DiaChiWeb, DienThoai, Email, MaDonVi, MaThuTuc, Ngay, Slug, VanBanTuDo


class KenhPhanAnh(Model):
    """One way to send feedback or a complaint, shown in the same order on every commune."""

    ten: str = Field(description="Tên kênh (vd. Cổng Dịch vụ công quốc gia).")
    mo_ta: Optional[str] = Field(None, description="Một câu giải thích kênh này dùng khi nào.")
    dia_chi_web: Optional[DiaChiWeb] = Field(None, description="Địa chỉ trang web để gửi phản ánh.")
    co_quan: Optional[str] = Field(None, description="Cơ quan tiếp nhận.")
    dia_chi: Optional[str] = Field(None, description="Địa chỉ bưu chính của cơ quan.")
    dien_thoai: list[DienThoai] = Field(default_factory=list, description="Số điện thoại.")
    fax: list[DienThoai] = Field(default_factory=list, description="Số fax.")
    email: list[Email] = Field(default_factory=list, description="Địa chỉ thư điện tử.")


class BoPhanMotCua(Model):
    ten: str = Field(description="Tên Bộ phận tiếp nhận và trả kết quả.")
    dia_chi: Optional[str] = Field(None, description="Nơi đặt bộ phận, nếu có.")
    dien_thoai: list[DienThoai] = Field(default_factory=list, description="Số điện thoại của bộ phận.")
    gioi_thieu: Optional[VanBanTuDo] = Field(None, description="Đoạn giới thiệu ngắn.")
    trang_thiet_bi: list[str] = Field(default_factory=list, description="Trang thiết bị phục vụ người dân.")
    niem_yet: list[str] = Field(default_factory=list, description="Những gì được niêm yết, cung cấp tại bộ phận.")


class Xa(Model):
    """thong-tin.yaml: what rarely changes about a commune."""

    ten: str = Field(description="Tên xã/phường, không kèm chữ 'xã' (vd. Thịnh Đức).")
    loai: Literal["xã", "phường", "thị trấn", "đặc khu"] = Field(description="Loại đơn vị hành chính.")
    tinh: str = Field(description="Tỉnh/thành phố trực thuộc trung ương.")
    huyen_cu: Optional[str] = Field(None, description="Huyện/thành phố trực thuộc tỉnh trước 1/7/2025, nếu có.")
    ma_don_vi: Optional[MaDonVi] = Field(None, description="Mã đơn vị hành chính 5 chữ số (sau 1/7/2025).")
    dia_chi: Optional[str] = Field(None, description="Địa chỉ trụ sở UBND.")
    website: Optional[DiaChiWeb] = Field(None, description="Trang thông tin điện tử của xã.")
    bo_phan_mot_cua: BoPhanMotCua = Field(description="Bộ phận tiếp nhận và trả kết quả.")
    kenh_phan_anh: list[KenhPhanAnh] = Field(description="Các kênh tiếp nhận phản ánh, kiến nghị, theo thứ tự hiển thị.")
    nguon: Optional[str] = Field(None, description="Thông tin được lấy từ đâu.")


MucDo = Literal["1", "2", "3", "4", "toan-trinh", "mot-phan"]


class ThuTuc(Model):
    ma: MaThuTuc = Field(description="Mã thủ tục trên Cơ sở dữ liệu quốc gia (d.dddddd).")
    ten: str = Field(description="Tên thủ tục.")
    linh_vuc: Slug = Field(description="Mã lĩnh vực trong danh mục lĩnh vực.")
    muc_do: Optional[MucDo] = Field(None, description="Mức độ dịch vụ công trực tuyến: 1–4 (trước 2022) hoặc toan-trinh / mot-phan (Nghị định 42/2022/NĐ-CP).")
    thoi_han: Optional[str] = Field(None, description="Thời hạn giải quyết.")
    phi_le_phi: Optional[str] = Field(None, description="Phí, lệ phí.")
    nguon: str = Field(description="Văn bản công bố hoặc trang nguồn của thông tin.")
    cap_nhat: Optional[Ngay] = Field(None, description="Ngày đối chiếu thông tin với nguồn.")


class DanhSachThuTuc(Model):
    """thu-tuc.yaml: individual procedure records a commune publishes."""

    thu_tuc: list[ThuTuc] = Field(description="Các thủ tục hành chính.")
