"""One period's report (2024-q1.yaml): the issued report, its lists and its appendix."""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from .base import Model
from .types import DiaChiWeb, KyHieuVanBan, MaChiTieu, Ngay, Slug, SoDem, SoLieu, SoVanBan, VanBanTuDo


class VanBan(Model):
    so: SoVanBan = Field(description="Số, ký hiệu văn bản (vd. 25/TB-UBND).")
    ngay: Ngay = Field(description="Ngày ban hành (2024-02-19 hoặc 19/02/2024).")
    trich_yeu: str = Field(description="Trích yếu nội dung.")
    tiep_tuc: bool = Field(False, description="true nếu văn bản ban hành từ trước, được tiếp tục thực hiện trong kỳ.")


class SoThuTucLinhVuc(Model):
    linh_vuc: Slug = Field(description="Mã lĩnh vực trong danh mục lĩnh vực.")
    so_thu_tuc: SoDem = Field(description="Số thủ tục thuộc thẩm quyền giải quyết của xã.")
    ten_trong_bao_cao: Optional[str] = Field(None, description="Tên lĩnh vực như báo cáo viết, nếu khác danh mục.")


class NguoiKy(Model):
    tm: Optional[str] = Field(None, description="Dòng thẩm quyền (vd. TM. ỦY BAN NHÂN DÂN).")
    chuc_vu: list[str] = Field(default_factory=list, description="Các dòng chức vụ (vd. KT. CHỦ TỊCH, PHÓ CHỦ TỊCH).")
    ho_ten: str = Field(description="Họ tên người ký.")


class NhanSu(Model):
    """Staffing as the narrative states it."""

    bien_che: SoDem = Field(description="Số biên chế cán bộ, công chức.")
    can_bo: SoDem = Field(description="Số cán bộ.")
    can_bo_dat_chuan: SoDem = Field(description="Số cán bộ đạt chuẩn.")
    cong_chuc: SoDem = Field(description="Số công chức.")
    cong_chuc_dat_chuan: SoDem = Field(description="Số công chức đạt chuẩn.")
    chuc_danh_con_thieu: list[str] = Field(default_factory=list, description="Các chức danh còn thiếu.")


KhoiChen = Literal["ke_hoach", "thong_bao", "linh_vuc", "kenh_phan_anh", "nhan_su"]


class DoanNoiDung(Model):
    """A paragraph of the issued text, or the place where a structured list is inserted."""

    van_ban: Optional[VanBanTuDo] = Field(None, description="Đoạn văn (được dùng gạch đầu dòng, **đậm**, liên kết).")
    chen: Optional[KhoiChen] = Field(None, description="Chèn danh sách có cấu trúc vào chỗ này của báo cáo.")

    @model_validator(mode="after")
    def _one_of(self):
        if self.van_ban is not None and self.chen is not None:
            raise PydanticCustomError("doan_ca_hai", "", {})
        if self.van_ban is None and self.chen is None:
            raise PydanticCustomError("doan_trong", "", {})
        return self


def _paragraph(value):
    return {"van_ban": value} if isinstance(value, str) else value


def _entry(value):
    return value if isinstance(value, dict) else {"gia_tri": value}


class Muc(Model):
    so: Optional[str] = Field(None, description="Số mục như trong báo cáo (I, 1, ...).")
    tieu_de: str = Field(description="Tiêu đề mục.")
    noi_dung: list[Annotated[DoanNoiDung, BeforeValidator(_paragraph, json_schema_input_type=Union[str, DoanNoiDung])]] = Field(default_factory=list, description="Các đoạn văn, hoặc `chen: <khối>` để chèn danh sách có cấu trúc.")
    muc: list["Muc"] = Field(default_factory=list, description="Các mục con.")


class BaoCao(Model):
    so: Optional[int] = Field(None, ge=1, description="Số báo cáo; để trống nếu bản phát hành chưa ghi số.")
    ky_hieu: KyHieuVanBan = Field(description="Ký hiệu (vd. BC-UBND).")
    dia_danh: str = Field(description="Địa danh ghi ở đầu báo cáo.")
    ngay_ban_hanh: Optional[Ngay] = Field(None, description="Ngày ban hành; để trống nếu bản phát hành chưa ghi ngày.")
    ngay_ghi: str = Field(description="Dòng ngày tháng đúng như in (vd. ngày … tháng 3 năm 2024).")
    tieu_de: str = Field(description="Tiêu đề báo cáo.")
    can_cu: str = Field(description="Căn cứ, văn bản yêu cầu báo cáo.")
    mo_dau: Optional[VanBanTuDo] = Field(None, description="Câu mở đầu.")
    phan: list[Muc] = Field(description="Các phần I–V của báo cáo.")
    noi_nhan: list[str] = Field(description="Nơi nhận.")
    nguoi_ky: NguoiKy = Field(description="Người ký báo cáo.")


class GiaTriChiTieu(Model):
    gia_tri: Optional[SoLieu] = Field(None, description="Số liệu; để trống nếu không báo cáo (khác với 0).")
    so_lieu_bao_cao: Optional[SoLieu] = Field(None, description="Số liệu đúng như báo cáo đã in, cho dòng được tính tự động.")
    ghi_chu: Optional[str] = Field(None, description="Ghi chú của báo cáo (cột Ghi chú của phụ lục): hiện cạnh số liệu trên trang và in trong văn bản Word.")
    ghi_chu_cong: Optional[str] = Field(None, description="Ghi chú của cổng về số liệu này (vd. Báo cáo ghi “-” ở số liệu.): chỉ hiện trên trang, không in trong văn bản Word để ký.")
    xac_nhan: dict[str, str] = Field(default_factory=dict, description="Phát hiện đã biết và lý do chưa sửa được: loại phát hiện → lý do.")


class PhuLuc(Model):
    mau: Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) else v)] = Field(description="Phiên bản mẫu chỉ tiêu (tệp data/danh-muc/chi-tieu/<mau>.yaml).")
    tieu_de: Optional[str] = Field(None, description="Tên phụ lục như báo cáo in dưới chữ “Phụ lục” (vd. Báo cáo công tác cải cách hành chính quý I năm 2024 của UBND xã Thịnh Đức); để trống thì trang phụ lục và văn bản Word ghi tên của mẫu chỉ tiêu.")
    ngay_lap: Optional[Ngay] = Field(None, description="Ngày lập biểu.")
    dia_danh: Optional[str] = Field(None, description="Địa danh ghi ở cuối biểu.")
    nguoi_lap: Optional[str] = Field(None, description="Người lập biểu.")
    nguoi_ky: Optional[NguoiKy] = Field(None, description="Người ký biểu.")
    chi_tieu: dict[str, Annotated[GiaTriChiTieu, BeforeValidator(_entry, json_schema_input_type=Optional[Union[int, float, str, GiaTriChiTieu]])]] = Field(description="Số liệu theo mã chỉ tiêu: một con số, để trống, hoặc nhóm trường gia_tri/so_lieu_bao_cao/ghi_chu/ghi_chu_cong/xac_nhan.")


class DoiChieu(Model):
    """A figure the narrative states, checked against the table."""

    chi_tieu: MaChiTieu = Field(description="Mã chỉ tiêu trong phụ lục mà câu này nói tới.")
    gia_tri: SoLieu = Field(description="Con số mà phần thuyết minh nêu.")
    trich_dan: str = Field(description="Câu trích nguyên văn từ báo cáo.")


class NguonSoLieu(Model):
    """Where figures the commune published (not an issued report) were taken from."""

    ten: str = Field(description="Nguồn số liệu (vd. tin bài “UBND phường … sơ kết công tác CCHC quý III” trên trang của phường).")
    dia_chi_web: Optional[DiaChiWeb] = Field(None, description="Địa chỉ web của nguồn.")
    ngay: Optional[Ngay] = Field(None, description="Ngày nguồn được công bố.")
    ghi_chu: Optional[str] = Field(None, description="Ghi chú về nguồn.")


class XacNhan(Model):
    phat_hien: str = Field(description="Mã phát hiện, như `cchc validate` in ra (vd. nguoi_ky/viet-khac-nhau).")
    ly_do: str = Field(description="Lý do chưa sửa được, hiển thị cho người dân.")


class Ky(Model):
    """A period report file, named <năm>-<kỳ>.yaml."""

    nam: int = Field(ge=2000, le=2100, description="Năm báo cáo.")
    loai_ky: Slug = Field(description="Mã loại kỳ trong danh mục kỳ báo cáo (q1, h1, q3, nam).")
    tu_ngay: Ngay = Field(description="Ngày đầu của khoảng số liệu.")
    den_ngay: Ngay = Field(description="Ngày cuối của khoảng số liệu.")
    bao_cao: Optional[BaoCao] = Field(None, description="Báo cáo đã ban hành; bỏ trống nếu kỳ chỉ có số liệu xã đã công bố (khi đó ghi nguon).")
    nguon: Optional[NguonSoLieu] = Field(None, description="Nguồn của số liệu xã đã công bố (tin bài, trang web…); bắt buộc khi không có bao_cao.")
    ke_hoach: list[VanBan] = Field(default_factory=list, description="Kế hoạch xã ban hành hoặc tiếp tục thực hiện.")
    thong_bao: list[VanBan] = Field(default_factory=list, description="Thông báo công khai, đường dây nóng.")
    linh_vuc: list[SoThuTucLinhVuc] = Field(default_factory=list, description="Số thủ tục theo lĩnh vực.")
    nhan_su: Optional[NhanSu] = Field(None, description="Biên chế như phần thuyết minh nêu.")
    phu_luc: Optional[PhuLuc] = Field(None, description="Phụ lục chỉ tiêu; bỏ trống nếu kỳ không có phụ lục.")
    doi_chieu: list[DoiChieu] = Field(default_factory=list, description="Con số phần thuyết minh nêu, để đối chiếu với bảng.")
    xac_nhan: list[XacNhan] = Field(default_factory=list, description="Phát hiện đã biết ngoài bảng chỉ tiêu, kèm lý do.")

    @property
    def is_report(self) -> bool:
        """True when the period's source is the report the commune issued (`bao_cao`), False when it is figures
        published elsewhere (`nguon`): the one test the checker, the pages, the feed and the downloads make."""
        return self.bao_cao is not None

    @model_validator(mode="after")
    def _report_or_source(self):
        if self.bao_cao is None and self.nguon is None:
            raise PydanticCustomError("ky_thieu_nguon", "", {})
        return self
