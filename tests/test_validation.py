"""`cchc validate` as a commune clerk meets it: one real file edited, the real command run.

Every test edits a copy of the shipped data/ with a plain text replacement (so the
line of the mistake is known), runs the real CLI in a subprocess and checks what
the clerk reads: the exit code (0 clean, 1 errors, 2 usage), the Vietnamese
wording from generator/messages.yaml, the file, the line (and column), and that
no Python traceback leaks out.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import edit, run_cchc
from generator.core.problems import say
from generator.pipeline.build import check

PERIOD = "xa/thinh-duc/2024-q1.yaml"
PROFILE = "xa/thinh-duc/thong-tin.yaml"
PROCEDURES = "xa/thinh-duc/thu-tuc.yaml"
PERIOD_KINDS = "danh-muc/ky-bao-cao.yaml"
TEMPLATE = "danh-muc/chi-tieu/2024.yaml"

ACK_KE_HOACH_9 = (
    "  - phat_hien: ke_hoach/18-KH-UBND/ngay-ngoai-ky\n"
    "    ly_do: Kế hoạch 18/KH-UBND ban hành năm 2023, được tiếp tục thực hiện trong kỳ.\n"
)
ACK_THONG_BAO_2 = (
    "  - phat_hien: thong_bao/39-TB-UBND/ngay-ngoai-ky\n"
    "    ly_do: Thông báo ban hành ngày 15/3/2024, sau ngày chốt số liệu, trước ngày lập báo cáo.\n"
)
ACK_NGUOI_KY = (
    "  - phat_hien: nguoi_ky/nguoi-ky-viet-khac\n"
    "    ly_do: Báo cáo ghi “Hoàng Văn Thâm”, phụ lục ghi “Hoàng Văn Thêm”; chưa xác định cách viết đúng.\n"
)
ACK_3_4_2 = (
    '    "3.4.2":\n'
    '      so_lieu_bao_cao: "196,5"\n'
    "      xac_nhan:\n"
    "        ty-le-lech: Báo cáo in 196,5 %; trang hiển thị tỷ lệ tính từ 509 trên 519 hồ sơ.\n"
)


# --- helpers -----------------------------------------------------------------


def line_of(path: Path, needle: str) -> int:
    """1-based line where needle (possibly several lines long) starts; it must occur once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(needle) == 1, f"{needle!r} must occur exactly once in {path}"
    return text[: text.index(needle)].count("\n") + 1


def validate(data_dir: Path, *extra):
    """Run the real `cchc validate`; a Python traceback is never acceptable output."""
    result = run_cchc("validate", data_dir, *extra)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    return result


def lines_at(result, path: Path, line: int, col: int | None = None) -> list[str]:
    """The printed problem lines located at path:line(:col)."""
    prefix = f"{path}:{line}:" + (f"{col}:" if col is not None else "")
    return [text for text in result.stdout.splitlines() if text.startswith(prefix)]


def summary(result) -> str:
    """The counts of the summary line (what follows them, how to list the acknowledged findings, is tested once)."""
    return result.stdout.strip().splitlines()[-1].removesuffix(" " + say("xem_da_xac_nhan"))


def finding_id(entry: dict) -> str:
    return entry["phat_hien"] or ""


def add_q3_2025_period(data_dir: Path) -> Path:
    """A copy of the Q1 2024 report as a period after the 1/7/2025 reform."""
    source = (data_dir / PERIOD).read_text(encoding="utf-8")
    header = "nam: 2024\nloai_ky: q1\ntu_ngay: 15/12/2023\nden_ngay: 14/03/2024\n"
    assert source.count(header) == 1
    target = data_dir / "xa" / "thinh-duc" / "2025-q3.yaml"
    target.write_text(
        source.replace(header, "nam: 2025\nloai_ky: q3\ntu_ngay: 15/06/2025\nden_ngay: 14/09/2025\n"),
        encoding="utf-8",
    )
    return target


# --- the shipped data ----------------------------------------------------------


def test_shipped_data_is_clean_with_19_acknowledged_findings(data_dir):
    """Thịnh Đức's 16, and 3 in what the post-reform communes published: two data windows that end elsewhere than
    the Q3 window (Phù Liễn's, 01/07–14/09/2025, is the Q3 window of a ward formed on 1/7/2025: no finding), and
    Phú Giáo's 96,2 % printed for 2.602 of 2.760 dossiers (94,3 %)."""
    result = validate(data_dir, "--da-xac-nhan")
    assert result.returncode == 0
    assert summary(result) == "0 lỗi, 0 cảnh báo, 19 phát hiện đã xác nhận."
    assert " LỖI" not in result.stdout and "CẢNH BÁO" not in result.stdout
    acknowledged = [ln for ln in result.stdout.splitlines() if "ĐÃ XÁC NHẬN" in ln]
    assert len(acknowledged) == 19
    assert "(lý do đã ghi: Báo cáo in 196,5 %; trang hiển thị tỷ lệ tính từ 509 trên 519 hồ sơ.)" in result.stdout
    found = {(ln.split(":")[0].split("/")[-2], re.search(r"\(mã phát hiện: ([^)]+)\)", ln).group(1))
             for ln in acknowledged if "/thinh-duc/" not in ln}
    assert found == {("phu-giao", "tu_ngay/cua-so-lech"), ("na-ri", "tu_ngay/cua-so-lech"), ("phu-giao", "7/ty-le-lech")}
    [ratio] = [ln for ln in acknowledged if "7/ty-le-lech" in ln]
    assert "số liệu công bố ghi 96,2 %" in ratio and "2.602/2.760 được 94,3 %" in ratio


def test_a_post_reform_commune_s_window_starts_on_the_reform_date(data_dir):
    """ky-bao-cao.yaml's ma_don_vi_tu: a commune with a post-reform code exists from 1/7/2025, so its Q3 2025 window
    is 01/07–14/09; the whole Q3 window (from 15/06) is then the one that differs. A pre-reform commune keeps 15/06."""
    path = edit(data_dir, "xa/phu-lien/2025-q3.yaml", "tu_ngay: 01/07/2025\n", "tu_ngay: 15/06/2025\n")
    result = validate(data_dir)
    [found] = lines_at(result, path, line_of(path, "tu_ngay: 15/06/2025"))
    assert "CẢNH BÁO [tu_ngay]: khoảng số liệu 15/06/2025 – 14/09/2025 không khớp với kỳ Quý III (01/07/2025 – 14/09/2025)." in found
    thinh_duc_q3 = add_q3_2025_period(data_dir)
    edit(data_dir, "xa/thinh-duc/2025-q3.yaml", "tu_ngay: 15/06/2025\n", "tu_ngay: 01/07/2025\n")
    [found] = lines_at(validate(data_dir), thinh_duc_q3, line_of(thinh_duc_q3, "tu_ngay: 01/07/2025"))
    assert "không khớp với kỳ Quý III (15/06/2025 – 14/09/2025)." in found


def test_thinh_duc_alone_has_its_16_acknowledged_findings(thinh_duc_dir):
    result = validate(thinh_duc_dir, "--da-xac-nhan")
    assert result.returncode == 0
    assert summary(result) == "0 lỗi, 0 cảnh báo, 16 phát hiện đã xác nhận."
    assert result.stdout.count("ĐÃ XÁC NHẬN") == 16


def test_clean_data_is_one_summary_line_that_says_how_to_list_the_acknowledged(data_dir):
    """Acknowledged findings are explained already: listed on every run they hid what is new (issue 24)."""
    result = validate(data_dir)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "0 lỗi, 0 cảnh báo, 19 phát hiện đã xác nhận. Xem các phát hiện đã xác nhận: cchc validate --da-xac-nhan"]


def test_a_new_problem_is_listed_without_the_acknowledged_ones(thinh_duc_dir):
    path = edit(thinh_duc_dir, PERIOD, ACK_KE_HOACH_9, "")
    result = validate(thinh_duc_dir)
    [plan] = result.stdout.splitlines()[:-1]
    assert plan.startswith(f"{path}:{line_of(path, '{so: 18/KH-UBND, ngay: 13/02/2023')}:28: CẢNH BÁO [ke_hoach[9].ngay]")
    assert summary(result) == "0 lỗi, 1 cảnh báo, 15 phát hiện đã xác nhận."
    assert "ĐÃ XÁC NHẬN" not in result.stdout
    assert len(json.loads(validate(thinh_duc_dir, "--format", "json").stdout)) == 16  # machines get every finding


def test_a_commune_s_folder_checks_that_commune_with_the_catalogues(data_dir):
    """What a clerk types: `cchc validate data/xa/<xã>` (or a file in it), not the data folder (issue 24)."""
    edit(data_dir, PERIOD, "    ngay: 19/02/2024\n", "    ngay: 31/02/2024\n")  # another commune's error
    result = validate(data_dir / "xa" / "na-ri", "--da-xac-nhan")
    assert result.returncode == 0
    [acknowledged] = result.stdout.splitlines()[:-1]
    assert acknowledged.startswith(f"{data_dir / 'xa' / 'na-ri' / '2025-q3.yaml'}:7:10: ĐÃ XÁC NHẬN [tu_ngay]")
    assert summary(result) == "0 lỗi, 0 cảnh báo, 1 phát hiện đã xác nhận."
    own = validate(data_dir / PERIOD)  # a file: its commune
    assert own.returncode == 1 and "ngày “31/02/2024” không có trên lịch." in own.stdout
    assert summary(own) == "1 lỗi, 0 cảnh báo, 0 phát hiện đã xác nhận."  # the period unread, its findings unchecked
    edit(data_dir, "danh-muc/ky-bao-cao.yaml", "ma: q3\n", "ma: Q3\n")  # the catalogues are every commune's
    assert validate(data_dir / "xa" / "na-ri").returncode == 1


def test_a_commune_folder_that_is_not_there_lists_those_that_are(data_dir):
    result = validate(data_dir / "xa" / "na-rii")
    assert result.returncode == 2
    assert result.stderr.strip() == (f"không có xã `na-rii` trong {data_dir / 'xa'}; "
                                     "các xã có: na-ri, phu-giao, phu-lien, thinh-duc.")


# --- YAML syntax ---------------------------------------------------------------


def test_bad_indentation_points_at_the_misindented_line(data_dir):
    path = edit(data_dir, PERIOD, "    ngay: 19/02/2024\n", "   ngay: 19/02/2024\n")
    line = line_of(path, "   ngay: 19/02/2024\n")
    result = validate(data_dir)
    assert result.returncode == 1
    found = lines_at(result, path, line, 4)
    assert len(found) == 1
    assert "LỖI: thụt đầu dòng không khớp với các dòng phía trên" in found[0]


def test_unclosed_quote_points_at_the_line_where_the_quote_opens(data_dir):
    path = edit(data_dir, PROFILE, "    dia_chi: Số 17,", '    dia_chi: "Số 17,')
    line = line_of(path, '    dia_chi: "Số 17,')
    result = validate(data_dir)
    assert result.returncode == 1
    found = lines_at(result, path, line)
    assert len(found) == 1 and "dấu ngoặc kép hoặc dấu ngoặc mở ở đây chưa được đóng" in found[0]


def test_duplicate_key_is_an_error_naming_the_first_line(data_dir):
    period = edit(data_dir, PERIOD, '    "1.1.b": 3\n', '    "1.1.a": 3\n')
    first, second = line_of(period, '    "1.1.a": 8\n'), line_of(period, '    "1.1.a": 3\n')
    profile = edit(data_dir, PROFILE, "tinh: Thái Nguyên\n", "tinh: Thái Nguyên\ntinh: Bắc Kạn\n")
    result = validate(data_dir)
    assert result.returncode == 1  # never last-one-wins
    [at_period] = lines_at(result, period, second, 5)
    assert f"khóa `1.1.a` bị lặp (đã có ở dòng {first})" in at_period
    assert "Mỗi khóa chỉ được ghi một lần." in at_period
    [at_profile] = lines_at(result, profile, line_of(profile, "tinh: Bắc Kạn"), 1)
    assert f"khóa `tinh` bị lặp (đã có ở dòng {line_of(profile, 'tinh: Thái Nguyên')})" in at_profile


# --- keys and types ------------------------------------------------------------


def test_misspelled_key_suggests_the_right_one(data_dir):
    path = edit(data_dir, PERIOD, "    trich_yeu: Niêm yết công khai số", "    trich_yue: Niêm yết công khai số")
    line = line_of(path, "    trich_yue:")
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line, 5)
    assert "[thong_bao[1].trich_yue]" in found
    assert "trường `trich_yue` không có trong mẫu dữ liệu." in found
    assert "Có phải ý bạn là `trich_yeu`?" in found
    assert result.stdout.count("LỖI") == 1  # one mistake, one message: not also "thiếu trường `trich_yeu`"


def test_missing_required_field_points_at_its_parent_mapping(data_dir):
    path = edit(data_dir, PERIOD, "    ho_ten: Hoàng Văn Thâm\n", "")
    line = line_of(path, "  nguoi_ky:\n    tm: TM. ỦY BAN NHÂN DÂN")
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line, 3)
    assert "[bao_cao.nguoi_ky]" in found
    assert "thiếu trường bắt buộc `ho_ten`." in found


def test_missing_field_in_a_one_line_entry_points_at_that_entry(data_dir):
    path = edit(data_dir, PERIOD, "{so: 24/KH-UBND, ngay: 05/02/2024, ", "{so: 24/KH-UBND, ")
    line = line_of(path, "{so: 24/KH-UBND")
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line, 5)
    assert "[ke_hoach[3]]" in found and "thiếu trường bắt buộc `ngay`." in found


def test_word_where_a_count_is_expected(data_dir):
    path = edit(data_dir, PERIOD, "{linh_vuc: noi-vu, so_thu_tuc: 15,", "{linh_vuc: noi-vu, so_thu_tuc: abc,")
    line = line_of(path, "so_thu_tuc: abc")
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line, 36)
    assert "[linh_vuc[2].so_thu_tuc]" in found
    assert "cần một con số" in found and "nhận được “abc”" in found


def test_list_where_a_group_of_fields_is_expected(data_dir):
    path = edit(
        data_dir,
        PERIOD,
        "  nguoi_ky:\n    chuc_vu: [KT. CHỦ TỊCH, PHÓ CHỦ TỊCH]\n    ho_ten: Hoàng Văn Thêm\n",
        "  nguoi_ky:\n    - KT. CHỦ TỊCH, PHÓ CHỦ TỊCH\n    - Hoàng Văn Thêm\n",
    )
    line = line_of(path, "  nguoi_ky:\n    - KT.")
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line, 3)
    assert "[phu_luc.nguoi_ky]" in found
    assert "cần một nhóm các trường (dạng `khóa: giá trị`), nhưng nhận được một danh sách." in found


# --- dates ---------------------------------------------------------------------


def test_impossible_dates_are_not_on_the_calendar(data_dir):
    path = edit(data_dir, PERIOD, "    ngay: 19/02/2024\n", "    ngay: 31/02/2024\n")
    edit(data_dir, PERIOD, "  ngay_lap: 15/03/2024\n", "  ngay_lap: 2024-02-30\n")
    result = validate(data_dir)
    assert result.returncode == 1
    [dmy] = lines_at(result, path, line_of(path, "ngay: 31/02/2024"), 11)
    assert "[thong_bao[1].ngay]" in dmy and "ngày “31/02/2024” không có trên lịch." in dmy
    [iso] = lines_at(result, path, line_of(path, "ngay_lap: 2024-02-30"), 13)
    assert "[phu_luc.ngay_lap]" in iso and "ngày “2024-02-30” không có trên lịch." in iso


@pytest.mark.parametrize("old, new, words", [
    ('    "1.4": {so_lieu_bao_cao: 50}\n', '    "1.4": 60\n',
     "`1.4` lấy số của chỉ tiêu `1.4.1`: ghi số vào `1.4.1`, không ghi gia_tri ở `1.4`"),
    ('    "3.4.2":\n      so_lieu_bao_cao: "196,5"\n', '    "3.4.2":\n      gia_tri: "98,1"\n      so_lieu_bao_cao: "196,5"\n',
     "tỷ lệ `3.4.2` được tính từ 3.4.2.b/3.4.2.a; đừng ghi gia_tri"),
    ('    "2.3": 329\n', '    "2.3": {gia_tri: 329, so_lieu_bao_cao: 330}\n',
     "`2.3` không phải dòng được tính tự động: số của dòng này ghi vào gia_tri"),
    ('    "1.5": 0\n', '    "1.5": {so_lieu_bao_cao: 2}\n',
     "`1.5` không phải dòng được tính tự động: số của dòng này ghi vào gia_tri"),
], ids=["summary", "ratio", "printed-beside-a-typed-count", "printed-alone-on-a-count"])
def test_a_value_typed_on_a_computed_row_is_an_error_that_says_where_it_belongs(thinh_duc_dir, old, new, words):
    """Issue 23: a typed value on a row the template computes was silently replaced on the summary rows; a printed
    figure (so_lieu_bao_cao) on a row it does not compute was neither shown nor compared."""
    path = edit(thinh_duc_dir, PERIOD, old, new)
    result = validate(thinh_duc_dir)
    assert result.returncode == 1
    assert any(words in line for line in lines_at(result, path, line_of(path, new))), result.stdout[-1500:]


def test_a_period_name_pattern_with_a_wrong_placeholder_is_a_worded_error(data_dir):
    """A period name the pages could not be rendered from: its line, in Vietnamese."""
    kinds = edit(data_dir, PERIOD_KINDS, '    tieu_de: "Năm {nam}"\n', '    tieu_de: "Năm {năm}"\n')
    result = validate(data_dir)
    assert result.returncode == 1
    [name] = lines_at(result, kinds, line_of(kinds, 'tieu_de: "Năm {năm}"'))
    assert "[loai_ky[4].tieu_de]" in name and "chỉ được dùng {ten} (tên kỳ) và {nam} (năm)" in name


def test_day_month_year_date_is_read_day_first(thinh_duc_dir):
    # 12/03/2024 is 12 March (inside the window up to 14/03/2024); read month-first it
    # would be 3 December and the notice would be flagged as outside the period.
    path = edit(thinh_duc_dir, PERIOD, "    ngay: 15/03/2024\n", "    ngay: 12/03/2024\n")
    edit(thinh_duc_dir, PERIOD, ACK_THONG_BAO_2, "")
    result = validate(thinh_duc_dir)
    assert result.returncode == 0
    assert lines_at(result, path, line_of(path, "ngay: 12/03/2024")) == []
    assert "thong_bao[2]" not in result.stdout
    assert summary(result) == "0 lỗi, 0 cảnh báo, 15 phát hiện đã xác nhận."


# --- forms of numbers and addresses --------------------------------------------


def test_document_number_with_dashes_is_rejected(data_dir):
    path = edit(data_dir, PERIOD, "  - so: 25/TB-UBND\n", "  - so: 25-TB-UBND\n")
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line_of(path, "so: 25-TB-UBND"), 9)
    assert "[thong_bao[1].so]" in found
    assert "số văn bản “25-TB-UBND” không đúng dạng; ghi như `25/TB-UBND`" in found


def test_bad_phone_email_and_web_address_are_each_reported(data_dir):
    path = edit(data_dir, PROFILE, "dien_thoai: [0208.3.854.636]", "dien_thoai: [0208-abc]")
    edit(data_dir, PROFILE, "email: [kstthc.ubnd@thainguyen.gov.vn]", "email: [kstthc.ubnd.thainguyen.gov.vn]")
    edit(data_dir, PROFILE, "website: http://thinhduc.", "website: thinhduc.")
    result = validate(data_dir)
    assert result.returncode == 1
    [phone] = lines_at(result, path, line_of(path, "dien_thoai: [0208-abc]"), 18)
    assert "[kenh_phan_anh[1].dien_thoai[1]]" in phone and "số điện thoại “0208-abc” không đúng dạng" in phone
    [email] = lines_at(result, path, line_of(path, "email: [kstthc"), 13)
    assert "[kenh_phan_anh[1].email[1]]" in email
    assert "địa chỉ thư điện tử “kstthc.ubnd.thainguyen.gov.vn” không đúng dạng" in email
    [web] = lines_at(result, path, line_of(path, "website: thinhduc"), 10)
    assert "[website]" in web and "phải bắt đầu bằng http:// hoặc https://" in web
    assert summary(result).startswith("3 lỗi,")


def test_same_document_number_twice_in_a_period(data_dir):
    path = edit(data_dir, PERIOD, "{so: 06/KH-UBND,", "{so: 08/KH-UBND,")
    result = validate(data_dir)
    assert result.returncode == 1
    second = line_of(path, "  - {so: 08/KH-UBND, ngay: 12/01/2024, trich_yeu: \"Kế hoạch tổ chức")
    [found] = lines_at(result, path, second, 10)
    assert "[ke_hoach[2].so]" in found
    assert "số văn bản 08/KH-UBND đã dùng cho văn bản khác của xã (ke_hoach[1])." in found


@pytest.mark.parametrize("q1, q3, at, other", [
    # one report lists a number twice: one error at the second, whatever the dates (two when they differed)
    ({"{so: 06/KH-UBND, ngay: 12/01/2024,": "{so: 08/KH-UBND, ngay: 12/01/2024,"}, {}, "2024-q1", "ke_hoach[1]"),
    ({"{so: 06/KH-UBND, ngay: 12/01/2024,": "{so: 08/KH-UBND, ngay: 13/01/2024,"}, {}, "2024-q1", "ke_hoach[1]"),
    # a later report lists it with another date: one error there, naming the first
    ({}, {"{so: 08/KH-UBND, ngay: 12/01/2024,": "{so: 08/KH-UBND, ngay: 13/01/2024,"}, "2025-q3", "2024-q1.yaml, ngày 12/01/2024"),
    # a later report lists it again with its date, and twice: one error, for the repeat within that report
    ({}, {"{so: 06/KH-UBND, ngay: 12/01/2024,": "{so: 08/KH-UBND, ngay: 13/01/2024,"}, "2025-q3", "ke_hoach[1]"),
    ({}, {}, None, None),  # listed again with its date in a later report: the same document
])
def test_one_duplicated_document_number_is_one_error(thinh_duc_dir, q1, q3, at, other):
    later = add_q3_2025_period(thinh_duc_dir)
    for old, new in q1.items():
        edit(thinh_duc_dir, PERIOD, old, new)
    for old, new in q3.items():
        edit(thinh_duc_dir, later.relative_to(thinh_duc_dir).as_posix(), old, new)
    found = [p for p in check(thinh_duc_dir).problems if p.code == "so_van_ban_trung"]
    assert [(Path(p.file).stem, p.message) for p in found] == (
        [(at, f"số văn bản 08/KH-UBND đã dùng cho văn bản khác của xã ({other}).")] if at else [])


def test_count_written_with_a_thousands_dot_is_quoted_as_written(data_dir):
    path = edit(data_dir, PERIOD, "{linh_vuc: noi-vu, so_thu_tuc: 15,", "{linh_vuc: noi-vu, so_thu_tuc: 1.180,")
    result = validate(data_dir)
    found = lines_at(result, path, line_of(path, "so_thu_tuc: 1.180"))
    assert "“1.18”" not in result.stdout
    assert result.returncode == 0 or any("1.180" in text for text in found)


# --- references to catalogues --------------------------------------------------


def test_unknown_indicator_code_suggests_the_closest(data_dir):
    path = edit(data_dir, PERIOD, '    "1.4.2": 1\n', '    "1.4.3": 1\n')
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line_of(path, '"1.4.3": 1'))
    assert "mã chỉ tiêu `1.4.3` không có trong mẫu 2024." in found
    assert "Có phải ý bạn là `1.4.2`?" in found


def test_unknown_sector_slug_in_period_and_procedure_files(data_dir):
    period = edit(data_dir, PERIOD, "{linh_vuc: y-te,", "{linh_vuc: y-tee,")
    procedures = edit(
        data_dir, PROCEDURES, "    linh_vuc: tu-phap-ho-tich\n    thoi_han: >-\n      Ngay trong",
        "    linh_vuc: tu-phap-hotich\n    thoi_han: >-\n      Ngay trong",
    )
    result = validate(data_dir)
    assert result.returncode == 1
    [in_period] = lines_at(result, period, line_of(period, "{linh_vuc: y-tee,"), 16)
    assert "[linh_vuc[10].linh_vuc]" in in_period
    assert "lĩnh vực `y-tee` không có trong danh mục lĩnh vực" in in_period
    [in_procedures] = lines_at(result, procedures, line_of(procedures, "linh_vuc: tu-phap-hotich"), 15)
    assert "[thu_tuc[1].linh_vuc]" in in_procedures and "lĩnh vực `tu-phap-hotich` không có" in in_procedures


def test_narrative_claim_with_unknown_indicator_code_is_an_error(data_dir):
    path = edit(data_dir, PERIOD, '  - chi_tieu: "2.3"\n', '  - chi_tieu: "2.33"\n')
    result = validate(data_dir)
    assert result.returncode == 1
    found = lines_at(result, path, line_of(path, 'chi_tieu: "2.33"'))
    assert any("LỖI" in text and "2.33" in text for text in found)


def test_template_year_written_as_a_number_is_accepted(data_dir):
    path = edit(data_dir, PERIOD, '  mau: "2024"\n', "  mau: 2024\n")
    result = validate(data_dir)
    assert lines_at(result, path, line_of(path, "  mau: 2024")) == []
    assert result.returncode == 0


# --- findings and acknowledgements -----------------------------------------------


def test_acknowledgement_matching_no_finding_is_an_error(thinh_duc_dir):
    path = edit(
        thinh_duc_dir, PERIOD, '    "3.2.3": {so_lieu_bao_cao: 100}\n',
        '    "3.2.3": {so_lieu_bao_cao: 100, xac_nhan: {ty-le-lech: Thử.}}\n',
    )
    edit(thinh_duc_dir, PERIOD, ACK_THONG_BAO_2, ACK_THONG_BAO_2 + "  - phat_hien: 3.2.5/ty-le-lech\n    ly_do: Thử.\n")
    result = validate(thinh_duc_dir)
    assert result.returncode == 1
    [in_table] = lines_at(result, path, line_of(path, '"3.2.3": {so_lieu_bao_cao: 100, xac_nhan'), 60)
    assert "xác nhận `3.2.3/ty-le-lech` không ứng với phát hiện nào hiện có; hãy xóa nó." in in_table
    [in_list] = lines_at(result, path, line_of(path, "phat_hien: 3.2.5/ty-le-lech"), 16)
    assert "[xac_nhan[9].phat_hien]" in in_list
    assert "xác nhận `3.2.5/ty-le-lech` không ứng với phát hiện nào hiện có" in in_list
    assert summary(result) == "2 lỗi, 0 cảnh báo, 16 phát hiện đã xác nhận."


def test_removing_acknowledgements_makes_validate_fail_with_the_finding_ids(thinh_duc_dir):
    path = edit(thinh_duc_dir, PERIOD, ACK_NGUOI_KY, "")
    edit(thinh_duc_dir, PERIOD, ACK_3_4_2, '    "3.4.2":\n      so_lieu_bao_cao: "196,5"\n')
    result = validate(thinh_duc_dir)
    assert result.returncode == 1
    [ratio] = lines_at(result, path, line_of(path, '    "3.4.2":\n'), 5)
    assert "LỖI [phu_luc.chi_tieu.3.4.2]" in ratio and "(mã phát hiện: 3.4.2/ty-le-lech)" in ratio
    assert "báo cáo ghi 196,5 %" in ratio and "509/519 được 98,1 %" in ratio
    [signer] = lines_at(result, path, line_of(path, "    ho_ten: Hoàng Văn Thêm"), 13)
    assert "LỖI [phu_luc.nguoi_ky.ho_ten]" in signer and "(mã phát hiện: nguoi_ky/nguoi-ky-viet-khac)" in signer
    assert "“Hoàng Văn Thâm” (báo cáo) và “Hoàng Văn Thêm” (phụ lục)" in signer
    assert summary(result) == "2 lỗi, 0 cảnh báo, 14 phát hiện đã xác nhận."


def test_warnings_alone_exit_zero(thinh_duc_dir):
    path = edit(thinh_duc_dir, PERIOD, ACK_KE_HOACH_9 + ACK_THONG_BAO_2, "")
    result = validate(thinh_duc_dir)
    assert result.returncode == 0
    [plan] = lines_at(result, path, line_of(path, "{so: 18/KH-UBND, ngay: 13/02/2023"), 28)
    assert "CẢNH BÁO [ke_hoach[9].ngay]: Kế hoạch 18/KH-UBND ngày 13/02/2023 nằm ngoài khoảng số liệu của kỳ" in plan
    assert "(15/12/2023 – 14/03/2024)" in plan and "(mã phát hiện: ke_hoach/18-KH-UBND/ngay-ngoai-ky)" in plan
    [notice] = lines_at(result, path, line_of(path, "    ngay: 15/03/2024"), 11)
    assert "CẢNH BÁO [thong_bao[2].ngay]: Thông báo 39/TB-UBND ngày 15/03/2024 nằm ngoài" in notice
    assert summary(result) == "0 lỗi, 2 cảnh báo, 14 phát hiện đã xác nhận."


@pytest.mark.parametrize("rel, old, new, at, col, wording, ack", [
    # Issue 23: online dossiers above all dossiers received, the other parts blank, passed and published "108,3 %".
    ("xa/phu-giao/2025-q3.yaml", '    "2": 13188\n', '    "2": 13188\n    "2.1": 14288\n', '    "2": 13188\n', 10,
     "LỖI [phu_luc.chi_tieu.2]: các phần 2.1 của `2` cộng lại 14.288, lớn hơn chính `2` = 13.188. "
     "(mã phát hiện: 2/tong-thanh-phan-vuot)",
     '    "2": {gia_tri: 13188, xac_nhan: {tong-thanh-phan-vuot: Bài báo nêu cả hai số.}}\n    "2.1": 14288\n'),
    # A share published alone (a ratio whose components are blank): its range is all there is to check.
    ("xa/phu-lien/2025-q3.yaml", '    "4.2":\n', '    "5": {so_lieu_bao_cao: "105"}\n    "4.2":\n',
     '    "5": {so_lieu_bao_cao', 5,
     "LỖI [phu_luc.chi_tieu.5]: `5` là phần trăm nhưng số liệu công bố ghi 105 % (phải từ 0 đến 100). "
     "(mã phát hiện: 5/ty-le-in-ngoai-khoang)",
     '    "5": {so_lieu_bao_cao: "105", xac_nhan: {ty-le-in-ngoai-khoang: Bài viết in 105 %.}}\n    "4.2":\n'),
], ids=["known-parts-above-their-whole", "a-published-share-above-100"])
def test_an_impossible_figure_is_an_error_at_its_line_and_acknowledgeable(data_dir, rel, old, new, at, col, wording, ack):
    path = edit(data_dir, rel, old, new)
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line_of(path, at), col)
    assert wording in found
    assert summary(result) == "1 lỗi, 0 cảnh báo, 19 phát hiện đã xác nhận."
    edit(data_dir, rel, new, ack)
    result = validate(data_dir)
    assert result.returncode == 0 and summary(result) == "0 lỗi, 0 cảnh báo, 20 phát hiện đã xác nhận."


# --- how problems are reported --------------------------------------------------


def test_two_errors_in_two_files_are_reported_together(data_dir):
    profile = edit(data_dir, PROFILE, "email: [kstthc.ubnd@thainguyen.gov.vn]", "email: [kstthc.ubnd.thainguyen.gov.vn]")
    period = edit(data_dir, PERIOD, "    ngay: 19/02/2024\n", "    ngay: 31/02/2024\n")
    result = validate(data_dir)
    assert result.returncode == 1
    [email] = lines_at(result, profile, line_of(profile, "email: [kstthc"), 13)
    assert "địa chỉ thư điện tử" in email
    [date] = lines_at(result, period, line_of(period, "ngay: 31/02/2024"), 11)
    assert "không có trên lịch" in date
    assert summary(result).startswith("2 lỗi,")


def test_json_output_lists_each_problem_with_its_place(thinh_duc_dir):
    path = edit(thinh_duc_dir, PERIOD, "{so: 06/KH-UBND,", "{so: 08/KH-UBND,")
    result = validate(thinh_duc_dir, "--format", "json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)  # nothing but JSON on stdout
    assert isinstance(problems, list) and problems
    for entry in problems:
        assert {"muc_do", "ma", "tep", "dong", "cot", "truong", "thong_diep"} <= set(entry)
    [bad] = [p for p in problems if p["ma"] == "so_van_ban_trung"]
    assert bad["muc_do"] == "error" and bad["da_xac_nhan"] is None
    assert bad["tep"] == str(path)
    second = line_of(path, "  - {so: 08/KH-UBND, ngay: 12/01/2024, trich_yeu: \"Kế hoạch tổ chức")
    assert (bad["dong"], bad["cot"]) == (second, 10)
    assert bad["truong"] == "ke_hoach[2].so"
    assert bad["thong_diep"] == "số văn bản 08/KH-UBND đã dùng cho văn bản khác của xã (ke_hoach[1])."
    acknowledged = [p for p in problems if p["da_xac_nhan"]]
    assert len(acknowledged) == 16


def test_unknown_option_is_a_usage_error(data_dir):
    result = run_cchc("validate", data_dir, "--bogus")
    assert result.returncode == 2
    assert "Cách dùng:" in result.stderr and "không hiểu tham số: --bogus" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    wrong_format = run_cchc("validate", data_dir, "--format", "xml")
    assert wrong_format.returncode == 2
    assert "Traceback" not in wrong_format.stdout + wrong_format.stderr


def test_missing_data_folder_is_reported(tmp_path):
    missing = tmp_path / "khong-co"
    result = validate(missing)
    assert result.returncode == 1
    assert f"không tìm thấy thư mục dữ liệu {missing}." in result.stdout


# --- commune code (ma_don_vi) ---------------------------------------------------


def test_unknown_commune_code_after_the_reform_is_an_error(data_dir):
    path = edit(data_dir, PROFILE, "ma_don_vi:\n", 'ma_don_vi: "99999"\n')
    add_q3_2025_period(data_dir)
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line_of(path, 'ma_don_vi: "99999"'), 12)
    assert "[ma_don_vi]" in found
    assert "mã đơn vị hành chính 99999 không có trong danh mục xã, phường hiện hành." in found
    assert summary(result).startswith("1 lỗi,")


def test_commune_code_is_not_checked_for_historical_periods(thinh_duc_dir):
    edit(thinh_duc_dir, PROFILE, "ma_don_vi:\n", 'ma_don_vi: "99999"\n')
    result = validate(thinh_duc_dir)
    assert result.returncode == 0
    assert "không có trong danh mục" not in result.stdout
    assert summary(result) == "0 lỗi, 0 cảnh báo, 16 phát hiện đã xác nhận."


def test_commune_code_of_another_commune_names_that_commune(data_dir):
    path = edit(data_dir, PROFILE, "ma_don_vi:\n", 'ma_don_vi: "10441"\n')
    add_q3_2025_period(data_dir)
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line_of(path, 'ma_don_vi: "10441"'), 12)
    assert "mã đơn vị hành chính 10441 là của Xã Mỹ Đức, không phải Xã Thịnh Đức." in found


def test_commune_named_by_a_fragment_of_its_code_s_name_is_an_error(data_dir):
    """Issue 23: `ten: Giáo` with Phú Giáo's code passed (the name was searched for inside the official one)."""
    path = edit(data_dir, "xa/phu-giao/thong-tin.yaml", "ten: Phú Giáo\n", "ten: Giáo\n")
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line_of(path, "ma_don_vi: '25858'"), 12)
    assert "LỖI [ma_don_vi]: mã đơn vị hành chính 25858 là của Xã Phú Giáo, không phải Xã Giáo." in found


def test_commune_code_written_without_quotes_is_read_as_written(data_dir):
    path = edit(data_dir, PROFILE, "ma_don_vi:\n", "ma_don_vi: 99999\n")
    result = validate(data_dir)
    assert "phải gồm đúng 5 chữ số" not in result.stdout
    assert lines_at(result, path, line_of(path, "ma_don_vi: 99999")) == []
    assert result.returncode == 0


# --- catalogues -------------------------------------------------------------------


def test_period_boundary_that_is_not_a_real_day_is_reported(data_dir):
    path = edit(data_dir, PERIOD_KINDS, "    den: {ngay: 14, thang: 3}\n", "    den: {ngay: 30, thang: 2}\n")
    result = validate(data_dir)
    assert result.returncode == 1
    assert lines_at(result, path, line_of(path, "den: {ngay: 30, thang: 2}"))


def test_template_reference_to_a_missing_code_is_reported_at_its_line(data_dir):
    path = edit(data_dir, TEMPLATE, 'tu_so: "1.1.b"', 'tu_so: "1.1.z"')
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line_of(path, 'tu_so: "1.1.z"'))
    assert "tham chiếu mã chỉ tiêu `1.1.z`, nhưng mẫu không có mã này" in found


# --- the faithful, unacknowledged transcription of the printed report --------------

AS_PRINTED_ERRORS = {
    "1.1/ty-le-lech": ["báo cáo ghi 30 %", "37,5 %"],
    "2.4/ty-le-khong-xac-dinh": ["báo cáo ghi 100 %", "mẫu số 2.4.a bằng 0"],
    "3.1.3/tong-linh-vuc-lech": ["145", "134"],
    "3.1.3/thuyet-minh-lech": ["nêu 145", "là 134"],
    "3.2.2/ty-le-lech": ["báo cáo ghi 36 %", "được 100 %"],
    "3.2.4.b/co-ho-so-khong-co-thu-tuc": ["504 hồ sơ", "3.2.1.c, 3.2.2.c"],
    "3.3.4/ngoai-khoang-phan-tram": ["giá trị 134", "từ 0 đến 100"],
    "3.4.2/ty-le-lech": ["196,5", "98,1"],
    "3.4.2/thuyet-minh-lech": ["nêu 100", "98,1 %"],
    "7.2/ngoai-thang-do": ["giá trị 3", "2 (3 cấp)"],
    "7.5.2/tong-phan-tram-vuot": ["200 %"],
    "nhan_su/nhan-su-lech": ["= 19 người", "là 18"],
    "nguoi_ky/nguoi-ky-viet-khac": ["Hoàng Văn Thâm", "Hoàng Văn Thêm"],
    "website/website-viet-khac": ["thinhduc.thainguyencity.gov.vn", "thinhduc.thainguyency.gov.vn"],
}
AS_PRINTED_WARNINGS = {
    "ke_hoach/18-KH-UBND/ngay-ngoai-ky": ["18/KH-UBND", "13/02/2023"],
    "thong_bao/39-TB-UBND/ngay-ngoai-ky": ["39/TB-UBND", "15/03/2024"],
}
AS_PRINTED_LINES = {
    "1.1/ty-le-lech": '    "1.1": {so_lieu_bao_cao: 30}',
    "3.4.2/ty-le-lech": '    "3.4.2": {so_lieu_bao_cao: "196,5"}',
    "7.2/ngoai-thang-do": '    "7.2": 3',
    "nguoi_ky/nguoi-ky-viet-khac": "    ho_ten: Hoàng Văn Thêm",
    "ke_hoach/18-KH-UBND/ngay-ngoai-ky": "  - {so: 18/KH-UBND, ngay: 13/02/2023",
    "thong_bao/39-TB-UBND/ngay-ngoai-ky": "    ngay: 15/03/2024",
}


def test_as_printed_report_lists_every_contradiction(as_printed_dir):
    path = as_printed_dir / PERIOD
    result = validate(as_printed_dir, "--format", "json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    errors = {finding_id(p): p for p in problems if p["muc_do"] == "error" and not p["da_xac_nhan"]}
    warnings = {finding_id(p): p for p in problems if p["muc_do"] == "warning"}
    assert set(errors) == set(AS_PRINTED_ERRORS)
    assert set(warnings) == set(AS_PRINTED_WARNINGS)
    for ident, fragments in {**AS_PRINTED_ERRORS, **AS_PRINTED_WARNINGS}.items():
        entry = errors.get(ident) or warnings[ident]
        assert entry["tep"] == str(path), ident
        for fragment in fragments:
            assert fragment in entry["thong_diep"], (ident, fragment, entry["thong_diep"])
    for ident, needle in AS_PRINTED_LINES.items():
        entry = errors.get(ident) or warnings[ident]
        assert entry["dong"] == line_of(path, needle), ident


def test_as_printed_report_text_output_fails_with_14_errors_and_2_warnings(as_printed_dir):
    result = validate(as_printed_dir)
    assert result.returncode == 1
    assert summary(result) == "14 lỗi, 2 cảnh báo, 0 phát hiện đã xác nhận."
    path = as_printed_dir / PERIOD
    [ratio] = lines_at(result, path, line_of(path, '    "3.4.2": {so_lieu_bao_cao: "196,5"}'), 5)
    assert "LỖI [phu_luc.chi_tieu.3.4.2]: tỷ lệ `3.4.2`: báo cáo ghi 196,5 %" in ratio
    assert "3.4.2.b/3.4.2.a = 509/519 được 98,1 %" in ratio
    assert "ĐÃ XÁC NHẬN" not in result.stdout


# --- folder and file names (issue 15) --------------------------------------------


@pytest.mark.parametrize("name, wording", [
    ("Nà Rì", "tên thư mục xã `Nà Rì` là địa chỉ trang của xã nên chỉ được gồm chữ thường không dấu, chữ số và dấu "
              "gạch ngang; đổi tên thành `na-ri`."),
    ("na ri", "đổi tên thành `na-ri`."),
    ("tim-kiem", "tên thư mục xã `tim-kiem` trùng với một đường dẫn của cổng"),
    ("du-lieu", "tên thư mục xã `du-lieu` trùng với một đường dẫn của cổng"),
    ("tinh", "tên thư mục xã `tinh` trùng với một đường dẫn của cổng"),
    ("pagefind", "tên thư mục xã `pagefind` trùng với một đường dẫn của cổng"),
])
def test_a_commune_folder_that_is_not_a_slug_or_takes_a_site_path_is_an_error(data_dir, name, wording):
    """The folder's name is the commune's address: `tim-kiem` would replace the search page, and `mkdocs build
    --strict` would not say so."""
    (data_dir / "xa" / "na-ri").rename(data_dir / "xa" / name)
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = [ln for ln in result.stdout.splitlines() if " LỖI" in ln]
    assert found.startswith(f"{data_dir / 'xa' / name}:1:1: LỖI: ") and wording in found


def test_a_hidden_folder_in_data_xa_is_said_and_skipped(data_dir):
    (data_dir / "xa" / ".ipynb_checkpoints").mkdir()
    result = validate(data_dir)
    assert result.returncode == 0
    assert summary(result) == "0 lỗi, 1 cảnh báo, 19 phát hiện đã xác nhận."
    assert f"{data_dir / 'xa' / '.ipynb_checkpoints'}:1:1: CẢNH BÁO: thư mục ẩn `.ipynb_checkpoints`" in result.stdout


@pytest.mark.parametrize("rel", ["xa/thinh-duc/2024-q2.yml", "danh-muc/chi-tieu/2026.yml", "tinh/ha-noi.yml"])
def test_a_yml_file_is_an_error_not_a_silent_loss(data_dir, rel):
    (data_dir / rel).parent.mkdir(exist_ok=True)
    (data_dir / rel).write_text("nam: 2024\n", encoding="utf-8")
    result = validate(data_dir)
    assert result.returncode == 1
    stem = Path(rel).stem
    assert (f"{data_dir / rel}:1:1: LỖI: tệp `{stem}.yml` có đuôi .yml nên không được đọc; cổng chỉ đọc tệp .yaml. "
            f"Đổi tên thành `{stem}.yaml`.") in result.stdout


@pytest.mark.parametrize("paragraph, wording", [
    ("        - chen: ke_hoach\n          van_ban: Các kế hoạch đã ban hành.\n",
     "một đoạn nội dung có cả van_ban và chen; mỗi đoạn chỉ là một trong hai"),
    ("        - {}\n", "đoạn nội dung không có van_ban hay chen"),
])
def test_a_paragraph_both_or_neither_text_and_insert_is_worded(data_dir, paragraph, wording):
    """Not "giá trị một nhóm trường không hợp lệ (khong_hop_le)"."""
    text = (data_dir / PERIOD).read_text(encoding="utf-8")
    path = edit(data_dir, PERIOD, "        - chen: ke_hoach\n", paragraph)
    line = text[: text.index("        - chen: ke_hoach\n")].count("\n") + 1
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line)
    assert f"LỖI [bao_cao.phan[1].noi_dung[2]]: {wording}" in found
    assert "khong_hop_le" not in result.stdout


def test_one_province_written_two_ways_is_an_error_at_the_second(data_dir):
    """Grouped apart, "Thai Nguyen" and "Thái Nguyên" would be written to one page, tinh/thai-nguyen/; the province's
    own file (data/tinh/thai-nguyen.yaml) says how it is written."""
    path = edit(data_dir, PROFILE, "tinh: Thái Nguyên\n", "tinh: Thai Nguyen\n")
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line_of(path, "tinh: Thai Nguyen\n"), 7)
    assert found.endswith(f"LỖI [tinh]: tỉnh, thành phố `Thai Nguyen` được viết khác với `Thái Nguyên` "
                          f"({data_dir / 'tinh' / 'thai-nguyen.yaml'}); một tỉnh có một trang nên chỉ viết một "
                          "cách: sửa thành `Thái Nguyên`.")


def test_a_province_file_decides_how_its_name_is_written(data_dir):
    (data_dir / "tinh").mkdir(exist_ok=True)
    (data_dir / "tinh" / "thai-nguyen.yaml").write_text("ten: Thai Nguyen\n", encoding="utf-8")
    result = validate(data_dir)
    assert result.returncode == 1
    assert result.stdout.count("được viết khác với `Thai Nguyen`") == 2  # Nà Rì and Thịnh Đức


def test_one_official_code_in_two_folders_is_an_error_at_the_second(data_dir):
    """Issue 23, names: a commune's folder copied to start another, its code unchanged, passed and published Phú Giáo
    twice. An official code is one commune (rules/across.py, so a cached build sees it too)."""
    shutil.copytree(data_dir / "xa" / "phu-giao", data_dir / "xa" / "phu-giao-moi")
    copy = data_dir / "xa" / "phu-giao-moi" / "thong-tin.yaml"
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, copy, line_of(copy, "ma_don_vi: '25858'"), 12)
    assert found.endswith(f"LỖI [ma_don_vi]: mã đơn vị hành chính 25858 đã có ở {data_dir / 'xa' / 'phu-giao' / 'thong-tin.yaml'}: "
                          "mỗi xã, phường, đặc khu chỉ có một thư mục. Nếu thư mục này chép từ xã khác để tạo xã mới, "
                          "hãy tạo bằng cchc new-commune (mã, tên, tỉnh lấy từ danh mục chính thức).")


# --- what would give a page two elements with one id, or a heading HTML has not -----------------


def nested_sections(depth: int) -> str:
    """depth levels of sections, each the only child of the one above, as YAML under `phan:` (4 spaces in)."""
    text = ""
    for level in range(depth):
        pad = "    " + "  " * 3 * level
        text += f"{pad}- tieu_de: Mục cấp {level + 1}\n{pad}  noi_dung: [Đoạn văn.]\n"
        if level < depth - 1:
            text += f"{pad}  muc:\n"
    return text


@pytest.mark.parametrize("depth, errors", [(5, 0), (6, 1)])
def test_sections_deeper_than_headings_go_are_an_error(data_dir, depth, errors):
    """The report's sections start at <h2>: five levels reach <h6>, a sixth would be "####### Mục cấp 6"."""
    path = edit(data_dir, PERIOD, "  phan:\n    - so: I\n", "  phan:\n" + nested_sections(depth) + "    - so: I\n")
    result = validate(data_dir)
    assert result.returncode == (1 if errors else 0)
    found = [ln for ln in result.stdout.splitlines() if " LỖI" in ln]
    assert len(found) == errors
    if errors:
        line = line_of(path, "- tieu_de: Mục cấp 6\n")
        assert found[0].startswith(f"{path}:{line}:")
        assert "mục “Mục cấp 6” lồng quá sâu: trang hiện được tối đa 5 cấp mục" in found[0]


def test_two_sections_with_one_number_are_an_error(data_dir):
    path = edit(data_dir, PERIOD, "    - so: II\n", "    - so: I\n")
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line_of(path, "    - so: I\n      tieu_de: Kết quả"))
    assert "mục “Kết quả thực hiện công tác cải cách hành chính” có cùng số I với mục “Công tác chỉ đạo" in found


def test_a_section_without_number_may_not_take_a_numbered_sibling_s_place(data_dir):
    """Unnumbered, the first section is "phan-1", as is a sibling numbered "1"."""
    edit(data_dir, PERIOD, "  phan:\n    - so: I\n", "  phan:\n    - tieu_de: Mở đầu\n    - so: \"1\"\n")
    result = validate(data_dir)
    assert result.returncode == 1 and "có cùng số 1 với mục “Mở đầu”" in result.stdout


def test_a_list_inserted_twice_is_an_error(data_dir):
    text = (data_dir / PERIOD).read_text(encoding="utf-8")
    first = text[: text.index("        - chen: ke_hoach\n")].count("\n") + 1
    path = edit(data_dir, PERIOD, "        - chen: ke_hoach\n", "        - chen: ke_hoach\n        - chen: ke_hoach\n")
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, first + 1)
    assert f"danh sách `ke_hoach` đã được chèn ở dòng {first}; mỗi danh sách chỉ chèn một lần" in found


def test_two_channels_with_one_name_are_an_error(data_dir):
    name = "  - ten: Trung tâm phục vụ hành chính công tỉnh Thái Nguyên\n"
    path = edit(data_dir, PROFILE, "kenh_phan_anh:\n" + name, "kenh_phan_anh:\n  - ten: Trung tâm phục vụ hành chính "
                "công tỉnh Thái nguyên\n    mo_ta: Bản chép.\n" + name)
    result = validate(data_dir)
    assert result.returncode == 1
    [found] = lines_at(result, path, line_of(path, name), 10)
    assert "kênh “Trung tâm phục vụ hành chính công tỉnh Thái Nguyên” trùng tên với kênh “Trung tâm phục vụ hành " \
           "chính công tỉnh Thái nguyên” ở trên" in found


# --- finding ids: named by what they are about, in --format json -----------------------


def test_a_plan_inserted_at_the_top_keeps_the_acknowledgements_below_it(thinh_duc_dir):
    """The ids name a plan by its number (ke_hoach/18-KH-UBND/ngay-ngoai-ky), not by its place (ke_hoach[9])."""
    first = "ke_hoach:\n  - {so: 08/KH-UBND,"
    edit(thinh_duc_dir, PERIOD, first, "ke_hoach:\n  - {so: 01/KH-UBND, ngay: 02/01/2024, trich_yeu: Kế hoạch mới}\n"
         "  - {so: 08/KH-UBND,")
    result = validate(thinh_duc_dir)
    assert result.returncode == 0
    assert summary(result) == "0 lỗi, 0 cảnh báo, 16 phát hiện đã xác nhận."


def test_json_carries_each_finding_s_id(thinh_duc_dir):
    entries = json.loads(validate(thinh_duc_dir, "--format", "json").stdout)
    ids = {entry["phat_hien"] for entry in entries}
    assert {"3.4.2/ty-le-lech", "ke_hoach/18-KH-UBND/ngay-ngoai-ky", "thong_bao/39-TB-UBND/ngay-ngoai-ky",
            "nguoi_ky/nguoi-ky-viet-khac"} <= ids
    assert len(ids) == len(entries) == 16  # one id each, none twice
