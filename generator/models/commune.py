"""A commune's stable profile and its published procedure records."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from .base import Model
from .types import DiaChiWeb, DienThoai, Email, MaDonVi, MaThuTuc, Ngay, Slug, TenMotDong, VanBanTuDo


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
    """Where citizens hand in dossiers: since 1/7/2025 the commune's public administration service centre, before it
    the one-stop office. Its name, as the commune writes it, is the heading on the site."""

    ten: str = Field(description="Tên nơi tiếp nhận hồ sơ, như xã ghi (vd. Trung tâm phục vụ hành chính công phường Phù Liễn; trước 1/7/2025: Bộ phận tiếp nhận và trả kết quả UBND xã …).")
    dia_chi: Optional[str] = Field(None, description="Nơi đặt trung tâm/bộ phận, nếu có.")
    dien_thoai: list[DienThoai] = Field(default_factory=list, description="Số điện thoại của trung tâm/bộ phận.")
    gio_lam_viec: Optional[str] = Field(None, description="Giờ tiếp nhận hồ sơ (vd. Sáng 7 giờ 30 – 11 giờ 30, chiều 13 giờ 30 – 17 giờ, thứ Hai đến thứ Sáu).")
    gioi_thieu: Optional[VanBanTuDo] = Field(None, description="Đoạn giới thiệu ngắn.")
    trang_thiet_bi: list[str] = Field(default_factory=list, description="Trang thiết bị phục vụ người dân.")
    niem_yet: list[str] = Field(default_factory=list, description="Những gì được niêm yết, cung cấp tại bộ phận.")


class Xa(Model):
    """thong-tin.yaml: what rarely changes about a commune."""

    ten: str = Field(description="Tên xã/phường, không kèm chữ 'xã' (vd. Thịnh Đức).")
    loai: Literal["xã", "phường", "thị trấn", "đặc khu"] = Field(description="Loại đơn vị hành chính.")
    tinh: TenMotDong = Field(description="Tỉnh/thành phố trực thuộc trung ương.")
    huyen_cu: Optional[str] = Field(None, description="Huyện/thành phố trực thuộc tỉnh trước 1/7/2025, nếu có.")
    ma_don_vi: Optional[MaDonVi] = Field(None, description="Mã đơn vị hành chính 5 chữ số (sau 1/7/2025).")
    dia_chi: Optional[str] = Field(None, description="Địa chỉ trụ sở UBND.")
    website: Optional[DiaChiWeb] = Field(None, description="Trang thông tin điện tử của xã.")
    bo_phan_mot_cua: Optional[BoPhanMotCua] = Field(
        None, description="Trung tâm phục vụ hành chính công của xã (trước 1/7/2025: Bộ phận tiếp nhận và trả kết quả). Để trống: trang ghi “Chưa cập nhật”.")
    kenh_phan_anh: list[KenhPhanAnh] = Field(
        default_factory=list,
        description="Các kênh phản ánh, kiến nghị riêng của xã, theo thứ tự hiển thị. Kênh chung của tỉnh (data/tinh/) và cả nước (data/danh-muc/kenh-phan-anh.yaml) tự hiện sau, không chép vào đây.")
    nguon: Optional[str] = Field(None, description="Thông tin được lấy từ đâu.")

    @property
    def post_reform(self) -> bool:
        """A unit of the local government since 1/7/2025: it has a code of the current official list."""
        return self.ma_don_vi is not None


class Tinh(Model):
    """data/tinh/<tỉnh>.yaml: what every commune of a province shares, written once."""

    ten: TenMotDong = Field(description="Tên tỉnh/thành phố, viết như trường `tinh` trong thong-tin.yaml của các xã (vd. Thái Nguyên, Hồ Chí Minh).")
    kenh_phan_anh: list[KenhPhanAnh] = Field(
        default_factory=list, description="Các kênh phản ánh, kiến nghị chung của tỉnh (vd. Trung tâm phục vụ hành chính công tỉnh), hiện ở mọi xã của tỉnh, sau kênh riêng của xã.")
    nguon: Optional[str] = Field(None, description="Thông tin được lấy từ đâu.")


class DanhMucKenhPhanAnh(Model):
    """data/danh-muc/kenh-phan-anh.yaml: the feedback channels of the whole country, shown on every commune last."""

    kenh_phan_anh: list[KenhPhanAnh] = Field(description="Các kênh phản ánh, kiến nghị toàn quốc (vd. Cổng Dịch vụ công quốc gia).")


MucDo = Literal["1", "2", "3", "4", "toan-trinh", "mot-phan"]


class ThuTuc(Model):
    ma: MaThuTuc = Field(description="Mã thủ tục trên Cơ sở dữ liệu quốc gia (d.dddddd).")
    ten: str = Field(description="Tên thủ tục.")
    linh_vuc: Slug = Field(description="Mã lĩnh vực trong danh mục lĩnh vực.")
    muc_do: Optional[MucDo] = Field(None, description="Mức độ dịch vụ công trực tuyến: 1–4 (trước 2022) hoặc toan-trinh / mot-phan (Nghị định 42/2022/NĐ-CP).")
    thoi_han: Optional[str] = Field(None, description="Thời hạn giải quyết.")
    phi_le_phi: Optional[str] = Field(None, description="Phí, lệ phí.")
    lien_ket: Optional[DiaChiWeb] = Field(None, description="Trang của thủ tục trên Cổng Dịch vụ công, chép từ trang đó (không tự ghép từ mã).")
    nguon: str = Field(description="Văn bản công bố hoặc trang nguồn của thông tin.")
    cap_nhat: Optional[Ngay] = Field(None, description="Ngày đối chiếu thông tin với nguồn.")


class DanhSachThuTuc(Model):
    """thu-tuc.yaml: individual procedure records a commune publishes."""

    thu_tuc: list[ThuTuc] = Field(description="Các thủ tục hành chính.")
