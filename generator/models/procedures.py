"""Administrative procedures at the level where each fact is decided.

- National facts, once per code (data/danh-muc/thu-tuc/<mã>.yaml): what the national database states for every
  province alike: who may apply, the steps, the documents to bring, the result, the legal basis.
- A province's list (data/tinh/<tỉnh>/thu-tuc.yaml): the decisions of the province's chairman that publish and amend
  the list of procedures its communes handle, and each entry as the decisions state it: local code, time limit, fee
  (set by the province's People's Council), place, legal basis, and its history (listed, amended, abolished by which
  decision).
- The commune adds only what is its own: its centre's address, hours and telephone (models/commune.py).

Both levels of detail are valid: an entry of the province's list with no national record is a catalogue-level entry;
a page shows what is known and says where the full text lives, never an empty field as if it were a fact.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import Field

from .base import Model
from .types import DiaChiWeb, MaThuTuc, MaThuTucDiaPhuong, Ngay, Slug, SoVanBan, TenMotDong

TrucTuyen = Literal["toan-trinh", "mot-phan", "khong"]


class GiayTo(Model):
    """One document of a dossier: what the citizen brings."""

    ten: str = Field(description="Tên giấy tờ, như văn bản công bố ghi (vd. Tờ khai đăng ký khai sinh theo mẫu).")
    ban_chinh: Optional[int] = Field(None, ge=0, le=99, description="Số bản chính; để trống nếu nguồn không ghi.")
    ban_sao: Optional[int] = Field(None, ge=0, le=99, description="Số bản sao; để trống nếu nguồn không ghi.")
    ghi_chu: Optional[str] = Field(None, description="Ghi chú (vd. xuất trình bản chính để đối chiếu; trường hợp nào cần).")


class ThuTucQuocGia(Model):
    """data/danh-muc/thu-tuc/<mã>.yaml: one procedure's national facts, the same in every province."""

    ma: MaThuTuc = Field(description="Mã thủ tục trên Cơ sở dữ liệu quốc gia về thủ tục hành chính (d.dddddd); tên tệp là mã này.")
    ten: str = Field(description="Tên thủ tục.")
    linh_vuc: Slug = Field(description="Mã lĩnh vực trong data/danh-muc/linh-vuc.yaml.")
    thong_dung: bool = Field(False, description="Thủ tục người dân hay làm: đưa lên đầu danh sách thủ tục của xã.")
    tu_khoa: list[str] = Field(default_factory=list, description="Cách người dân hay gọi thủ tục, để tìm kiếm (vd. làm giấy khai sinh).")
    doi_tuong: Optional[str] = Field(None, description="Ai được làm thủ tục này.")
    cach_thuc: list[str] = Field(default_factory=list, description="Cách nộp hồ sơ (vd. Trực tiếp tại Trung tâm phục vụ hành chính công; qua bưu chính; trực tuyến).")
    truc_tuyen: Optional[TrucTuyen] = Field(None, description="Dịch vụ công trực tuyến (Nghị định 42/2022/NĐ-CP): toan-trinh, mot-phan, hoặc khong; để trống nếu nguồn không ghi.")
    trinh_tu: list[str] = Field(default_factory=list, description="Các bước thực hiện, theo thứ tự.")
    thanh_phan_ho_so: list[GiayTo] = Field(default_factory=list, description="Giấy tờ phải nộp hoặc xuất trình.")
    thoi_han: Optional[str] = Field(None, description="Thời hạn giải quyết theo quy định chung (tỉnh có thể rút ngắn: ghi ở danh mục của tỉnh).")
    phi_le_phi: Optional[str] = Field(None, description="Phí, lệ phí theo quy định chung (mức do HĐND tỉnh quyết định ghi ở danh mục của tỉnh).")
    ket_qua: Optional[str] = Field(None, description="Kết quả người dân nhận được.")
    yeu_cau: Optional[str] = Field(None, description="Yêu cầu, điều kiện thực hiện.")
    can_cu_phap_ly: list[str] = Field(default_factory=list, description="Văn bản quy định thủ tục.")
    lien_ket: Optional[DiaChiWeb] = Field(None, description="Trang của thủ tục trên Cổng Dịch vụ công quốc gia, chép từ trang đó (không tự ghép từ mã).")
    nguon: str = Field(description="Thông tin được lấy từ đâu (tên trang, cơ quan công bố).")
    cap_nhat: Ngay = Field(description="Ngày đối chiếu thông tin với nguồn.")


LoaiThayDoi = Literal["cong-bo", "moi-ban-hanh", "sua-doi", "thay-the", "bai-bo"]


class ThayDoi(Model):
    """What one decision did to one entry."""

    quyet_dinh: SoVanBan = Field(description="Số quyết định, như ở mục quyet_dinh của tệp này (vd. 1234/QĐ-UBND).")
    viec: LoaiThayDoi = Field(description="cong-bo: công bố trong danh mục; moi-ban-hanh; sua-doi: sửa đổi, bổ sung; thay-the; bai-bo: bãi bỏ.")


class QuyetDinhCongBo(Model):
    """A decision of the province's chairman that publishes or amends the list."""

    so: SoVanBan = Field(description="Số, ký hiệu (vd. 1234/QĐ-UBND).")
    ngay: Ngay = Field(description="Ngày ký.")
    hieu_luc: Optional[Ngay] = Field(None, description="Ngày có hiệu lực; để trống: từ ngày ký.")
    trich_yeu: str = Field(description="Trích yếu (vd. Công bố Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của UBND cấp xã …).")
    lien_ket: Optional[DiaChiWeb] = Field(None, description="Nơi đọc toàn văn quyết định.")
    nguon: Optional[str] = Field(None, description="Quyết định được lấy từ đâu, nếu không phải địa chỉ trên.")

    @property
    def in_force_from(self):
        return self.hieu_luc or self.ngay


class ThuTucTinh(Model):
    """One entry of a province's list, as its decisions state it."""

    ma: MaThuTuc = Field(description="Mã thủ tục trên Cơ sở dữ liệu quốc gia (d.dddddd).")
    ma_dia_phuong: Optional[MaThuTucDiaPhuong] = Field(None, description="Mã có hậu tố của tỉnh, nếu quyết định ghi (vd. 1.000748.000.00.00.H62).")
    ten: str = Field(description="Tên thủ tục như quyết định ghi.")
    linh_vuc: Slug = Field(description="Mã lĩnh vực trong data/danh-muc/linh-vuc.yaml.")
    thoi_han: Optional[str] = Field(None, description="Thời hạn giải quyết như quyết định ghi.")
    phi_le_phi: Optional[str] = Field(None, description="Phí, lệ phí như quyết định ghi.")
    dia_diem: Optional[str] = Field(None, description="Địa điểm thực hiện như quyết định ghi.")
    can_cu_phap_ly: Optional[str] = Field(None, description="Căn cứ pháp lý như quyết định ghi.")
    lich_su: list[ThayDoi] = Field(min_length=1, description="Các quyết định đã công bố, sửa đổi hoặc bãi bỏ thủ tục này, cũ trước: là nguồn của dòng này. Thủ tục có quyết định cuối là bai-bo không còn ở danh sách của xã; trang của nó vẫn ghi lịch sử.")

    @property
    def abolished(self) -> bool:
        return self.lich_su[-1].viec == "bai-bo"


class DanhMucThuTucTinh(Model):
    """data/tinh/<tỉnh>/thu-tuc.yaml: the procedures every commune of the province handles."""

    tinh: TenMotDong = Field(description="Tên tỉnh/thành phố, viết như trong data/tinh/<tỉnh>.yaml và thong-tin.yaml của các xã.")
    quyet_dinh: list[QuyetDinhCongBo] = Field(min_length=1, description="Các quyết định công bố, sửa đổi danh mục, cũ trước.")
    thu_tuc: list[ThuTucTinh] = Field(default_factory=list, description="Các thủ tục của danh mục, kể cả thủ tục đã bãi bỏ.")
    cap_nhat: Optional[Ngay] = Field(None, description="Ngày đối chiếu danh mục với các quyết định.")
    chua_du: bool = Field(False, description="true: danh mục chưa đủ, chỉ gồm các quyết định đã ghi (chưa có quyết định công bố toàn bộ danh mục cấp xã của tỉnh). Trang nói rõ điều đó, thêm các thủ tục thường làm theo Cơ sở dữ liệu quốc gia mà danh mục chưa có, và không đối chiếu số thủ tục của kỳ báo cáo với danh mục.")

    def decision(self, number: str) -> QuyetDinhCongBo | None:
        return next((d for d in self.quyet_dinh if d.so == number), None)

    def in_force(self, day: dt.date | None = None) -> list[ThuTucTinh]:
        """The entries a commune handles on that day (today's list without one): listed by a decision in force by
        then, and not abolished by one. A decision not yet in force changes nothing."""
        out = []
        for entry in self.thu_tuc:
            done = [c for c in entry.lich_su
                    if day is None or ((d := self.decision(c.quyet_dinh)) is not None and d.in_force_from <= day)]
            if done and done[-1].viec != "bai-bo":
                out.append(entry)
        return out
