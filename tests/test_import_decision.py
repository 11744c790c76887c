"""`cchc import DECISION.docx --province X`: the province chairman's decision on the procedures of its communes,
read into data/tinh/<tỉnh>/thu-tuc.yaml, run for real against a copy of data/.

The decisions are built with python-docx (tests/decision_docx.py) for Cà Mau, a province the shipped data has no list
for: the first one creates the list, an amending one changes only what it names and keeps each entry's history.
Whatever cannot be placed is said with its table and row; a decision of another province, a count in Điều 1 the
tables do not hold, a sector the catalogue lacks and the same decision twice are refused with nothing written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import built_project, data_with_only, edit, run_cchc
from decision_docx import Decision, Part, build
from generator.load.yaml_loader import load_yaml
from generator.models.procedures import DanhMucThuTucTinh

CENTRE = "Trung tâm phục vụ hành chính công xã"
HO_TICH = [
    {"stt": "1", "ma": "1.001193.000.00.00.H12", "ten": "Thủ tục đăng ký khai sinh",
     "thoi_han": "Ngay trong ngày tiếp nhận hồ sơ;\ntrường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo",
     "dia_diem": CENTRE, "phi": "Miễn lệ phí", "can_cu": "- Luật Hộ tịch năm 2014;\n- Nghị định số 123/2015/NĐ-CP"},
    {"stt": "2", "ma": "1.000894.000.00.00.H12", "ten": "Thủ tục đăng ký kết hôn", "thoi_han": "Ngay trong ngày",
     "dia_diem": CENTRE, "phi": "Miễn lệ phí", "can_cu": "Luật Hộ tịch năm 2014"},
    {"stt": "3", "ma": "1.000656", "ten": "Thủ tục đăng ký khai tử", "thoi_han": "Ngay trong ngày", "dia_diem": CENTRE,
     "phi": "Miễn lệ phí", "can_cu": "Luật Hộ tịch năm 2014"},
]
CHUNG_THUC = [
    {"stt": "4", "ma": "2.000815.000.00.00.H12",
     "ten": "Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản\ndo cơ quan tổ chức có thẩm quyền của Việt Nam cấp",
     "thoi_han": "Trong ngày", "dia_diem": CENTRE, "phi": "2.000 đồng/trang", "can_cu": "Nghị định số 23/2015/NĐ-CP"},
    {"stt": "5", "ma": "2.000884.000.00.00.H12", "ten": "Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản",
     "thoi_han": "Trong ngày", "dia_diem": CENTRE, "phi": "10.000 đồng/trường hợp", "can_cu": "Nghị định số 23/2015/NĐ-CP"},
]
THI_DUA = [
    {"stt": "6", "ma": "1.000775", "ten": "Thủ tục tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã về thành tích "
     "thực hiện nhiệm vụ chính trị", "thoi_han": "20 ngày làm việc", "dia_diem": CENTRE, "can_cu": "Luật Thi đua, khen thưởng năm 2022"},
    {"stt": "7", "ma": "1.000748.000.00.00.H12", "ten": "Thủ tục tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã "
     "cho gia đình", "thoi_han": "20 ngày làm việc", "dia_diem": CENTRE, "can_cu": "Luật Thi đua, khen thưởng năm 2022"},
]
SECTORS = [("I. LĨNH VỰC HỘ TỊCH", HO_TICH), ("II. LĨNH VỰC CHỨNG THỰC", CHUNG_THUC),
           ("III. LĨNH VỰC THI ĐUA - KHEN THƯỞNG", THI_DUA)]
LIST = Path("tinh") / "ca-mau" / "thu-tuc.yaml"
AMENDING = ("Điều 1. Công bố kèm theo Quyết định này Danh mục 02 thủ tục hành chính được sửa đổi, bổ sung và 01 thủ "
            "tục hành chính bị bãi bỏ trong lĩnh vực Hộ tịch thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp xã "
            "trên địa bàn tỉnh Cà Mau.")


def first_decision(folder: Path, **changes) -> Path:
    """Cà Mau's decision 1234/QĐ-UBND: 7 procedures in 3 sectors, the table going on after a page break."""
    return build(folder / "qd-1234.docx", Decision(parts=[Part(None, SECTORS, continued_after=5)], **changes))


def amending_decision(folder: Path) -> Path:
    """Decision 5678/QĐ-UBND: Phần A amends two procedures (new time limit and fee, new name), Phần B abolishes one,
    each part a heading above its own table; the abolishing table has a column the list has no field for."""
    amended = [
        {"stt": "1", "ma": "1.001193.000.00.00.H12", "ten": "Thủ tục đăng ký khai sinh", "thoi_han": "03 ngày làm việc",
         "dia_diem": CENTRE, "phi": "Miễn lệ phí; cấp bản sao trích lục: 8.000 đồng/bản", "can_cu": "Luật Hộ tịch năm 2014"},
        {"stt": "2", "ma": "1.000894", "ten": "Thủ tục đăng ký kết hôn (sửa đổi)", "can_cu": "Luật Hộ tịch năm 2014"},
    ]
    abolished = [{"stt": "1", "ma": "1.000656", "ten": "Thủ tục đăng ký khai tử",
                  "van_ban": "Quyết định số 789/QĐ-BTP ngày 01/9/2025 của Bộ trưởng Bộ Tư pháp"}]
    return build(folder / "qd-5678.docx", Decision(
        number="5678/QĐ-UBND", place_date="Cà Mau, ngày 15 tháng 9 năm 2025", effective="kể từ ngày ký",
        subject="Về việc công bố Danh mục thủ tục hành chính được sửa đổi, bổ sung, bị bãi bỏ trong lĩnh vực Hộ tịch",
        article_1=AMENDING,
        parts=[Part("PHẦN A. DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG", [("Lĩnh vực Hộ tịch", amended)]),
               Part("PHẦN B. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ", [(None, abolished)],
                    header=(("STT", "stt"), ("Mã TTHC", "ma"), ("Tên thủ tục hành chính", "ten"),
                            ("Văn bản quy định việc bãi bỏ", "van_ban")))]))


HO_TICH = "  - {ma: ho-tich, ten: Hộ tịch}\n"


def with_ho_tich(data: Path) -> Path:
    """The catalogue with the sector "Hộ tịch" (the shipped one has it), as a clerk adds it when the import asks."""
    if HO_TICH not in (data / "danh-muc" / "linh-vuc.yaml").read_text(encoding="utf-8"):
        edit(data, "danh-muc/linh-vuc.yaml", "  - {ma: chung-thuc, ten: Chứng thực}\n",
             "  - {ma: chung-thuc, ten: Chứng thực}\n" + HO_TICH)
    return data


def read_list(data: Path) -> DanhMucThuTucTinh:
    return DanhMucThuTucTinh.model_validate(load_yaml(data / LIST).data)


def imported(docx: Path, data: Path, province: str = "ca mau"):
    result = run_cchc("import", docx, "--province", province, "--data", data)
    assert "Traceback" not in result.stderr
    return result


def assert_valid(data: Path) -> None:
    result = run_cchc("validate", data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 lỗi" in result.stdout


def test_a_first_decision_creates_the_province_list(tmp_path, data_dir):
    result = imported(first_decision(tmp_path), with_ho_tich(data_dir))
    assert result.returncode == 0, result.stderr
    assert "7 thủ tục công bố" in result.stdout and result.stderr == ""
    assert_valid(data_dir)
    listing = read_list(data_dir)
    assert listing.tinh == "Cà Mau"
    [decision] = listing.quyet_dinh
    assert (decision.so, str(decision.ngay), str(decision.hieu_luc)) == ("1234/QĐ-UBND", "2025-06-30", "2025-07-01")
    assert decision.trich_yeu.startswith("Công bố Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết")
    by_code = {e.ma: e for e in listing.thu_tuc}
    assert list(by_code) == ["1.001193", "1.000894", "1.000656", "2.000815", "2.000884", "1.000775", "1.000748"]
    birth = by_code["1.001193"]
    assert birth.ma_dia_phuong == "1.001193.000.00.00.H12" and birth.linh_vuc == "ho-tich"
    assert birth.thoi_han == ("Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong "
                              "ngày làm việc tiếp theo")  # a cell of several lines, on one line
    assert birth.can_cu_phap_ly == "- Luật Hộ tịch năm 2014; - Nghị định số 123/2015/NĐ-CP"
    assert by_code["1.000656"].ma_dia_phuong is None
    assert by_code["2.000815"].ten.endswith("văn bản do cơ quan tổ chức có thẩm quyền của Việt Nam cấp")
    assert by_code["2.000815"].phi_le_phi == "2.000 đồng/trang" and by_code["1.000775"].phi_le_phi is None
    assert {e.linh_vuc for e in listing.thu_tuc[3:5]} == {"chung-thuc"}
    assert {e.linh_vuc for e in listing.thu_tuc[5:]} == {"thi-dua-khen-thuong"}  # after the page break too
    assert all([(c.quyet_dinh, c.viec) for c in e.lich_su] == [("1234/QĐ-UBND", "cong-bo")] for e in listing.thu_tuc)
    text = (data_dir / LIST).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/thu-tuc-tinh.schema.json\n# Danh mục")
    assert "  # Hộ tịch\n  - ma: '1.001193'" in text  # each sector named where it starts, for the clerk


def test_columns_are_known_by_their_words_in_any_order(tmp_path, data_dir):
    header = (("TT", "stt"), ("Tên TTHC", "ten"), ("Mã số TTHC", "ma"), ("Phí, lệ phí", "phi"), ("Ghi chú", "ghi_chu"),
              ("Thời hạn giải quyết", "thoi_han"), ("Địa điểm thực hiện", "dia_diem"), ("Căn cứ pháp lý", "can_cu"))
    rows = [dict(r, ghi_chu="Thực hiện trực tuyến toàn trình") for r in CHUNG_THUC]
    docx = build(tmp_path / "qd.docx", Decision(parts=[Part(None, [("Lĩnh vực Chứng thực", rows)], header=header)]))
    result = imported(docx, data_dir, province="Tỉnh Cà Mau")
    assert result.returncode == 0, result.stderr
    assert "cột “Ghi chú” không có trường tương ứng" in result.stderr  # said, not written anywhere
    listing = read_list(data_dir)
    assert [(e.ma, e.ten, e.phi_le_phi, e.thoi_han) for e in listing.thu_tuc] == [
        ("2.000815", "Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của "
                     "Việt Nam cấp", "2.000 đồng/trang", "Trong ngày"),
        ("2.000884", "Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản", "10.000 đồng/trường hợp", "Trong ngày")]
    assert_valid(data_dir)


def test_a_decision_of_another_province_is_refused_with_nothing_written(tmp_path, data_dir):
    docx = first_decision(tmp_path, issuer="TỈNH LÂM ĐỒNG", place_date="Lâm Đồng, ngày 30 tháng 6 năm 2025")
    result = imported(docx, with_ho_tich(data_dir), province="Cà Mau")
    assert result.returncode == 1
    assert "là của Tỉnh Lâm Đồng, không phải của Tỉnh Cà Mau: không nhập gì" in result.stderr
    assert not (data_dir / LIST.parent).exists()


def test_a_count_that_differs_from_the_rows_read_is_refused(tmp_path, data_dir):
    result = imported(first_decision(tmp_path, count=8), with_ho_tich(data_dir))
    assert result.returncode == 1
    assert "Điều 1 ghi 8 thủ tục công bố, các bảng phụ lục có 7 dòng thủ tục" in result.stderr
    assert not (data_dir / LIST.parent).exists()


def test_a_sector_the_catalogue_lacks_is_said_row_by_row_and_nothing_written(tmp_path, data_dir):
    # A portal whose catalogue has "Tư pháp - Hộ tịch", not "Hộ tịch" (and no national record using it): never guessed.
    edit(data_dir, "danh-muc/linh-vuc.yaml", HO_TICH, "")
    shutil.rmtree(data_dir / "danh-muc" / "thu-tuc")
    docx = first_decision(tmp_path)
    result = imported(docx, data_dir)
    assert result.returncode == 1
    assert "lĩnh vực “HỘ TỊCH” không có trong" in result.stderr and "linh-vuc.yaml" in result.stderr
    for row in ("bảng thứ 1 của phụ lục, dòng 3 (“1 | 1.001193.000.00.00.H12 | Thủ tục đăng ký khai sinh",
                "bảng thứ 1 của phụ lục, dòng 4 (“2 | 1.000894", "bảng thứ 1 của phụ lục, dòng 5 (“3 | 1.000656"):
        assert row in result.stderr
    assert "2.000815" not in result.stderr
    assert not (data_dir / LIST.parent).exists()
    assert imported(docx, with_ho_tich(data_dir)).returncode == 0  # the clerk adds the sector and runs it again


def test_an_amendment_changes_only_what_it_mentions_and_keeps_history(tmp_path, data_dir):
    with_ho_tich(data_dir)
    amending = amending_decision(tmp_path)
    refused = imported(amending, data_dir)
    assert refused.returncode == 1 and "chưa có danh mục thủ tục của tỉnh" in refused.stderr  # nothing to amend yet
    assert not (data_dir / LIST.parent).exists()
    assert imported(first_decision(tmp_path), data_dir).returncode == 0
    before = {e.ma: e for e in read_list(data_dir).thu_tuc}

    result = imported(amending, data_dir)
    assert result.returncode == 0, result.stderr
    assert "2 thủ tục sửa đổi, bổ sung, 1 thủ tục bãi bỏ" in result.stdout
    assert "cột “Văn bản quy định việc bãi bỏ” không có trường tương ứng" in result.stderr
    assert_valid(data_dir)
    listing = read_list(data_dir)
    assert [d.so for d in listing.quyet_dinh] == ["1234/QĐ-UBND", "5678/QĐ-UBND"]
    assert listing.quyet_dinh[1].hieu_luc is None  # "kể từ ngày ký": in force from the day it was signed
    after = {e.ma: e for e in listing.thu_tuc}
    assert list(after) == list(before)  # the abolished one stays, with its history
    birth = after["1.001193"]
    assert (birth.thoi_han, birth.phi_le_phi) == ("03 ngày làm việc", "Miễn lệ phí; cấp bản sao trích lục: 8.000 đồng/bản")
    assert [(c.quyet_dinh, c.viec) for c in birth.lich_su] == [("1234/QĐ-UBND", "cong-bo"), ("5678/QĐ-UBND", "sua-doi")]
    marriage = after["1.000894"]
    assert marriage.ten == "Thủ tục đăng ký kết hôn (sửa đổi)"
    assert (marriage.ma_dia_phuong, marriage.thoi_han) == ("1.000894.000.00.00.H12", "Ngay trong ngày")  # not printed: kept
    death = after["1.000656"]
    assert death.abolished and death.model_dump(exclude={"lich_su"}) == before["1.000656"].model_dump(exclude={"lich_su"})
    assert [c.viec for c in death.lich_su] == ["cong-bo", "bai-bo"]
    for code in ("2.000815", "2.000884", "1.000775", "1.000748"):
        assert after[code] == before[code]
    assert "1.000656" not in {e.ma for e in listing.in_force()}

    text = (data_dir / LIST).read_bytes()
    again = imported(amending, data_dir)
    assert again.returncode == 1 and "quyết định 5678/QĐ-UBND (ngày 15/09/2025) đã được nhập" in again.stderr
    assert (data_dir / LIST).read_bytes() == text


def test_parts_as_rows_inside_one_table(tmp_path, data_dir):
    """A later decision printing its parts as rows of one table: a new procedure, and a second abolition of one."""
    with_ho_tich(data_dir)
    assert imported(first_decision(tmp_path), data_dir).returncode == 0
    new = [{"stt": "1", "ma": "1.003583", "ten": "Thủ tục đăng ký giám hộ", "thoi_han": "03 ngày làm việc",
            "dia_diem": CENTRE, "phi": "Miễn lệ phí", "can_cu": "Luật Hộ tịch năm 2014"}]
    gone = [{"stt": "1", "ma": "1.000775", "ten": "Thủ tục tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã"}]
    docx = build(tmp_path / "qd-90.docx", Decision(
        number="90/QĐ-UBND", place_date="Cà Mau, ngày 20 tháng 10 năm 2025", effective="kể từ ngày 01/11/2025",
        article_1="Điều 1. Công bố kèm theo Quyết định này Danh mục 01 thủ tục hành chính mới ban hành và 01 thủ tục "
                  "hành chính bị bãi bỏ thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp xã.",
        parts=[Part("A. THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH", [("I. Lĩnh vực Hộ tịch", new)], in_table=True),
               Part("B. THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ", [("I. Lĩnh vực Thi đua - Khen thưởng", gone)], in_table=True)]))
    result = imported(docx, data_dir)
    assert result.returncode == 0, result.stderr
    listing = read_list(data_dir)
    assert listing.quyet_dinh[-1].hieu_luc.isoformat() == "2025-11-01"
    by_code = {e.ma: e for e in listing.thu_tuc}
    assert [(c.quyet_dinh, c.viec) for c in by_code["1.003583"].lich_su] == [("90/QĐ-UBND", "moi-ban-hanh")]
    assert by_code["1.003583"].linh_vuc == "ho-tich"
    assert by_code["1.000775"].abolished and len(listing.thu_tuc) == 8
    assert_valid(data_dir)


def test_a_row_it_cannot_place_is_said_with_its_table_and_row(tmp_path, data_dir):
    rows = [dict(CHUNG_THUC[0]), dict(CHUNG_THUC[1], ma="2.0008.84"), {"stt": "3", "ten": "Thủ tục chưa có mã"}]
    no_code_column = Part("PHẦN II. DANH MỤC KHÁC", [("Lĩnh vực Chứng thực", [{"stt": "1", "ten": "Thủ tục không mã"}])],
                          header=(("STT", "stt"), ("Tên thủ tục", "ten"), ("Ghi chú", "ghi_chu")))
    docx = build(tmp_path / "qd.docx", Decision(
        article_1="Điều 1. Công bố kèm theo Quyết định này Danh mục thủ tục hành chính cấp xã.",
        parts=[Part(None, [("Lĩnh vực Chứng thực", rows)]), no_code_column]))
    result = imported(docx, data_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert any("bảng thứ 1 của phụ lục, dòng 4 (“5 | 2.0008.84 | Thủ tục chứng thực chữ ký" in line
               and "không đúng dạng" in line for line in lines), result.stderr
    assert any("bảng thứ 1 của phụ lục, dòng 5 (“3 | Thủ tục chưa có mã”): không có mã thủ tục" in line
               for line in lines), result.stderr
    assert any("bảng thứ 2 của phụ lục" in line and "“STT | Tên thủ tục | Ghi chú”" in line
               and "không có cột mã thủ tục" in line for line in lines), result.stderr
    assert "3 mục chưa đưa vào" in result.stdout
    assert [e.ma for e in read_list(data_dir).thu_tuc] == ["2.000815"]
    assert_valid(data_dir)


def test_a_decision_without_a_table_of_procedures_is_refused(tmp_path, data_dir):
    docx = build(tmp_path / "qd.docx", Decision(article_1="Điều 1. Công bố Danh mục thủ tục hành chính (phụ lục đính kèm)."))
    result = imported(docx, data_dir)
    assert result.returncode == 1 and "không đọc được dòng thủ tục nào" in result.stderr
    assert not (data_dir / LIST.parent).exists()


@pytest.mark.parametrize("options", [[], ["--commune", "thinh-duc", "--province", "Cà Mau"]])
def test_exactly_one_of_commune_and_province(tmp_path, options):
    result = run_cchc("import", tmp_path / "qd.docx", *options)
    assert result.returncode == 2 and "hãy ghi đúng một trong hai: --commune" in result.stderr


def test_an_unknown_province_is_a_usage_error(tmp_path, data_dir):
    result = imported(first_decision(tmp_path), data_dir, province="Cà Mâu Xanh")
    assert result.returncode == 2 and "không có tỉnh, thành phố “Cà Mâu Xanh”" in result.stderr


def test_an_imported_list_shows_on_every_commune_of_its_province_and_nowhere_else(tmp_path):
    """A decision and an amending one of Cà Mau, imported: the facts on each Cà Mau commune's pages, one page per
    procedure for the province, the abolished one off the lists; Phú Giáo (Hồ Chí Minh) shows none of it."""
    data = with_ho_tich(data_with_only(tmp_path / "data", "phu-giao"))
    for name in ("Hồng Dân", "Ninh Quới"):
        assert run_cchc("new-commune", name, "--province", "Cà Mau", "--data", data).returncode == 0
    assert imported(first_decision(tmp_path), data).returncode == 0
    assert imported(amending_decision(tmp_path), data).returncode == 0
    site = built_project(tmp_path, data) / "site"

    def text(page: str) -> str:
        html = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        return " ".join(html.find("article").get_text(" ").split())

    for commune in ("hong-dan", "ninh-quoi"):
        listing = text(f"{commune}/thu-tuc")
        assert "giải quyết 6 thủ tục hành chính thuộc 3 lĩnh vực" in listing
        assert "Quyết định số 1234/QĐ-UBND" in listing and "Quyết định số 5678/QĐ-UBND" in listing
        assert "Đã bãi bỏ: Thủ tục đăng ký khai tử" in listing
    sector = BeautifulSoup((site / "thu-tuc-ca-mau/linh-vuc/ho-tich/index.html").read_text(encoding="utf-8"), "html.parser")
    listed = [a.get_text() for a in sector.select("ul.cchc-procedure-list a")]
    assert sorted(listed) == ["Thủ tục đăng ký khai sinh", "Thủ tục đăng ký kết hôn (sửa đổi)"]  # the abolished gone
    assert len(list((site / "thu-tuc-ca-mau").glob("*/index.html"))) == 7  # one page per procedure, not per commune
    birth = text("thu-tuc-ca-mau/1-001193")
    assert "Thời hạn giải quyết 03 ngày làm việc" in birth and "8.000 đồng/bản" in birth
    assert "Sửa đổi, bổ sung theo Quyết định số 5678/QĐ-UBND ngày 15/09/2025" in birth
    assert "Thủ tục này đã bị bãi bỏ" in text("thu-tuc-ca-mau/1-000656")
    assert "1234/QĐ-UBND" not in text("phu-giao/thu-tuc")
