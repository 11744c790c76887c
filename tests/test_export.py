"""`cchc export`: the official report in Word, read back as a person and as `cchc import` would.

The layout is checked by reading the .docx with python-docx (page, margins, fonts with their East Asian slot,
heading cells, table rows, the page-number field); the content against the data (every appendix row and list
item, computed ratios, nothing "as printed"); the round trip export → import against the data, on every shipped
period, on `cchc synth` data and on generated text (hypothesis).
"""

from __future__ import annotations

import dataclasses
import functools
import io
import json
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, run_cchc
from generator.core import richtext
from generator.tools import import_exported
from generator.pipeline.build import check, views_of
from generator.render.export_docx import report_docx
from generator.models.catalog import DanhMucKy, DanhMucLinhVuc
from generator.models.period import Ky, Muc
from generator.tools.new_period import read_model
from generator.load.yaml_loader import load_yaml


def exported(tmp_path: Path, data: Path = DATA, commune: str = "thinh-duc", period: str = "2024-q1") -> Path:
    out = tmp_path / f"{commune}-{period}.docx"
    result = run_cchc("export", commune, period, "--data", data, "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def texts(document) -> list[str]:
    """Every paragraph's text, in the body and in table cells, in reading order."""
    out = []

    def walk(container):
        for item in container.iter_inner_content():
            if isinstance(item, docx.table.Table):
                for row in item.rows:
                    seen = set()
                    for cell in row.cells:
                        if cell._tc not in seen:
                            seen.add(cell._tc)
                            walk(cell)
            else:
                out.append(item.text)

    walk(document)
    return out


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory) -> Path:
    return exported(tmp_path_factory.mktemp("export"))


@functools.lru_cache(maxsize=1)
def _seed_view():
    view = next(v for v in views_of(check(DATA)) if v.slug == "thinh-duc")
    return view, view.periods[0]


@pytest.fixture(scope="module")
def seed_view():
    return _seed_view()


# --- the layout -------------------------------------------------------------------------------


def test_page_margins_and_fonts_follow_decree_30(seed_docx):
    document = docx.Document(str(seed_docx))
    first = document.sections[0]
    mm = lambda *lengths: [round(x.mm) for x in lengths]  # noqa: E731 (stored in twentieths of a point)
    assert mm(first.page_width, first.page_height) == [210, 297]
    assert mm(first.top_margin, first.bottom_margin, first.left_margin, first.right_margin) == [20, 20, 30, 15]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and Pt(13) <= normal.font.size <= Pt(14)
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman" and fonts.get(qn("w:cs")) == "Times New Roman"
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert defaults.get(qn("w:eastAsia")) == "Times New Roman" and defaults.get(qn("w:eastAsiaTheme")) is None


def test_heading_is_a_borderless_two_column_table(seed_docx):
    document = docx.Document(str(seed_docx))
    heading = document.tables[0]
    assert heading.style is None or heading.style.name != "Table Grid"
    left, right = (cell.text.split("\n") for cell in heading.rows[0].cells)
    assert left[:2] == ["ỦY BAN NHÂN DÂN", "xã Thịnh Đức"]  # shown in capitals by the style
    assert document.styles["CCHC Cơ quan ban hành"].font.all_caps
    assert "Số: …/BC-UBND" in left  # not yet numbered: the blank stays for the clerk
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert "Thịnh Đức, ngày … tháng 3 năm 2024" in right
    body = texts(document)
    assert body.index("BÁO CÁO") + 1 == body.index("Kết quả công tác cải cách hành chính quý I năm 2024")


def test_page_numbers_from_page_two_and_signature_beside_recipients(seed_docx):
    document = docx.Document(str(seed_docx))
    first = document.sections[0]
    assert first.different_first_page_header_footer
    assert not first.first_page_header.paragraphs or not "".join(p.text for p in first.first_page_header.paragraphs).strip()
    header = first.header.paragraphs[0]
    assert " PAGE " in [t.text for t in header._p.iter(qn("w:instrText"))]
    assert header.alignment is None and header.style.paragraph_format.alignment == 1  # centred
    signature = document.tables[1]
    recipients, signer = signature.rows[0].cells
    assert recipients.paragraphs[0].text == "Nơi nhận:" and recipients.paragraphs[-1].text == "- Lưu: VP."
    assert [p.text for p in signer.paragraphs if p.text] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Văn Thâm"]


def test_appendix_on_its_own_section_with_one_row_per_indicator(seed_docx, seed_view):
    _, pv = seed_view
    document = docx.Document(str(seed_docx))
    appendix = document.sections[1]
    assert appendix.start_type == 2  # a new page
    assert not appendix.different_first_page_header_footer and appendix.header.is_linked_to_previous
    body = texts(document)
    assert "Phụ lục" in body
    assert "(Kèm theo Báo cáo số …/BC-UBND ngày … tháng 3 năm 2024 của UBND xã Thịnh Đức)" in body
    table = document.tables[2]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"]
    assert len(table.rows) == 1 + len(pv.figures.rows)
    for row, fig in zip(table.rows[1:], pv.figures.rows):
        assert row.cells[1].text == fig.row.ten
        indent = row.cells[1].paragraphs[0].paragraph_format.left_indent
        assert round(indent.mm if indent else 0) == 5 * fig.depth


def test_the_appendix_has_the_reports_own_title(seed_docx, seed_view):
    """Issue 23: the appendix was titled with the template's caption, not the title the report gives it."""
    _, pv = seed_view
    document = docx.Document(str(seed_docx))
    [title] = [p for p in document.paragraphs if p.style.name == "CCHC Tên phụ lục"]
    assert title.text == "Báo cáo công tác cải cách hành chính quý I năm 2024 của UBND xã Thịnh Đức"
    assert title.style.font.all_caps  # printed in capitals, as the report prints it
    assert pv.period.template.tieu_de not in texts(document)


def test_trong_do_rows_are_numbered_as_the_form_prints_them(seed_docx, seed_view):
    """Issue 23: the STT column printed the portal's codes of 'Trong đó' rows (1.1.a, 1.1.b); the report prints
    "Trong đó" beside the first and nothing beside the others."""
    _, pv = seed_view
    table = docx.Document(str(seed_docx)).tables[2]
    numbers = {fig.code: row.cells[0].text for row, fig in zip(table.rows[1:], pv.figures.rows)}
    assert [numbers[c] for c in ("1.1", "1.1.a", "1.1.b", "1.2")] == ["1.1", "Trong đó", "", "1.2"]
    assert [numbers[c] for c in ("3.2.1", "3.2.1.a", "3.2.1.b", "3.2.1.c", "3.2.2")] == ["3.2.1", "Trong đó", "", "", "3.2.2"]
    assert not [n for n in numbers.values() if n[-1:].isalpha() and n != "Trong đó"]


def test_values_are_the_data_ratios_computed_and_nothing_as_printed(seed_docx, seed_view):
    _, pv = seed_view
    document = docx.Document(str(seed_docx))
    values = {fig.code: (row.cells[3].text, row.cells[4].text) for row, fig in zip(document.tables[2].rows[1:], pv.figures.rows)}
    assert values["3.4.2"][0] == "98,1"  # 509 of 519, computed; the report printed 196,5
    assert values["1.1"][0] == "37,5" and values["3.2.2"][0] == "100"
    assert values["6.1.a"][0] == "1.180.000"
    assert values["1.2.1"] == ("", "")  # not reported: blank, not 0
    assert values["1.2.2"][0] == "0"
    assert values["2.4"] == ("", "Không tính được vì mẫu số bằng 0.")
    # Issue 23: the portal's note on the row (ghi_chu_cong) is the site's, not the signed report's
    assert values["2.2"] == ("", "")
    everything = "\n".join(texts(document))
    for printed in ("196,5", "Báo cáo in", "Số liệu chưa khớp", "Giải thích của xã", "xã chưa đính chính", "Báo cáo ghi"):
        assert printed not in everything


def test_every_list_item_is_where_the_report_inserts_it(seed_docx, seed_view):
    view, pv = seed_view
    body = texts(docx.Document(str(seed_docx)))
    ky = pv.ky
    for plan in ky.ke_hoach:
        assert any(plan.so in t and plan.trich_yeu in t for t in body), plan.so
    for notice in ky.thong_bao:
        assert any(notice.so in t and notice.trich_yeu in t for t in body), notice.so
    for i, sector in enumerate(ky.linh_vuc, 1):
        assert f"{i}. {sector.ten_trong_bao_cao}: {sector.so_thu_tuc} TTHC" in body
    for channel in view.channels:
        assert any(t.startswith(f"- {channel.ten}") for t in body)
    assert "- Văn phòng thống kê xã" in body and any("21 biên chế" in t for t in body)
    assert "- Phòng nội vụ UBND TP (b/c);" in body
    plans_at = body.index("UBND xã đã ban hành các văn bản triển khai:")
    assert body[plans_at + 1].startswith("- Kế hoạch số 08/KH-UBND ngày 12/01/2024")


def test_second_level_items_keep_their_plus(seed_docx):
    """Issue 23: the report's "+" items (under a "-" or a heading) were printed, and so read back, as "-"."""
    body = texts(docx.Document(str(seed_docx)))
    assert "+ Kết quả thực hiện số hóa hồ sơ, giấy tờ, kết quả giải quyết TTHC;" in body
    assert "+ Tình hình tổ chức và hoạt động của Bộ phận Một cửa cấp huyện, cấp xã (Cơ sở vật chất, trang thiết bị, các phần mềm ứng dụng, nhân sự, cơ chế phối hợp);" in body
    assert "- Có hòm thư góp ý, sổ góp ý; hòm phiếu, phiếu lấy ý kiến sự hài lòng của tổ chức cá nhân đến giao dịch về kết quả giải quyết thủ tục hành chính và thái độ phục vụ của cán bộ, công chức trong việc thực hiện công vụ." in body


def test_same_data_same_bytes(tmp_path, seed_docx):
    again = exported(tmp_path)
    assert again.read_bytes() == seed_docx.read_bytes()


def test_package_is_the_zip_zipfile_writes(seed_docx):
    """The package, written by generator/render/docx_zip.py (which reuses the members every report shares, compressed once),
    is byte for byte what zipfile writes of the same members, dated 1980-01-01 in the same order."""
    with zipfile.ZipFile(seed_docx) as src:
        members = [(info.filename, src.read(info)) for info in src.infolist()]
    assert members[0][0] == "[Content_Types].xml" and "word/styles.xml" in dict(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in members:
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, blob)
    assert out.getvalue() == seed_docx.read_bytes()


def test_numbered_and_dated_report(tmp_path, data_dir):
    from conftest import edit

    edit(data_dir, "xa/thinh-duc/2024-q1.yaml", "  so:\n  ky_hieu", "  so: 7\n  ky_hieu")
    edit(data_dir, "xa/thinh-duc/2024-q1.yaml", "  ngay_ban_hanh:\n", "  ngay_ban_hanh: 05/02/2024\n")
    body = texts(docx.Document(str(exported(tmp_path, data_dir))))
    assert "Số: 07/BC-UBND" in body and "Thịnh Đức, ngày 05 tháng 02 năm 2024" in body
    assert "(Kèm theo Báo cáo số 07/BC-UBND ngày 05 tháng 02 năm 2024 của UBND xã Thịnh Đức)" in body


# --- refusals ---------------------------------------------------------------------------------


def test_unacknowledged_errors_refuse_the_export(tmp_path, as_printed_dir):
    out = tmp_path / "bao-cao.docx"
    result = run_cchc("export", "thinh-duc", "2024-q1", "--data", as_printed_dir, "--out", out)
    validate = run_cchc("validate", as_printed_dir)
    assert result.returncode == 1 and not out.exists()
    listed = [line for line in validate.stdout.splitlines() if ": LỖI" in line]
    assert listed and all(line in result.stderr for line in listed)
    assert validate.stdout.splitlines()[-1] in result.stderr.splitlines()  # the one summary line (problems.summary)
    assert "Traceback" not in result.stderr


def test_unknown_commune_or_period_is_worded(tmp_path):
    commune = run_cchc("export", "khong-co", "2024-q1", "--out", tmp_path / "a.docx")
    period = run_cchc("export", "thinh-duc", "2030-q1", "--out", tmp_path / "b.docx")
    assert commune.returncode == 2 and "không có xã `khong-co`" in commune.stderr and "thinh-duc" in commune.stderr
    assert period.returncode == 2 and "không có kỳ báo cáo `2030-q1`" in period.stderr and "2024-q1" in period.stderr
    ward = run_cchc("export", "phu-lien", "2030-q1", "--out", tmp_path / "c.docx")
    assert ward.stderr.startswith("phường `phu-lien` không có kỳ báo cáo `2030-q1`")  # the unit's own kind (issue 24)
    published = run_cchc("export", "phu-lien", "2025-q3", "--out", tmp_path / "d.docx")
    assert published.stderr.startswith("kỳ `2025-q3` của phường `phu-lien` chỉ có số liệu đã công bố")
    assert not list(tmp_path.iterdir())


def test_default_file_name_in_the_current_folder(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    result = run_cchc("export", "thinh-duc", "2024-q1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "thinh-duc-2024-q1-bao-cao.docx").is_file()


# --- the site offers it -----------------------------------------------------------------------


def test_report_page_links_the_document(site, seed_docx):
    page = (site / "thinh-duc" / "bao-cao" / "2024-q1" / "index.html").read_text(encoding="utf-8")
    link = 'href="../../du-lieu/2024-q1-bao-cao.docx" download>văn bản báo cáo (Word)</a>'
    assert link in page
    published = site / "thinh-duc" / "du-lieu" / "2024-q1-bao-cao.docx"
    assert published.read_bytes() == seed_docx.read_bytes()  # made beside MkDocs, the document `cchc export` writes
    assert "BÁO CÁO" in texts(docx.Document(str(published)))
    catalogue = json.loads((site / "data.json").read_text(encoding="utf-8"))
    words = [d for dataset in catalogue["dataset"] for d in dataset["distribution"]
             if d["format"] == "DOCX" and "/thinh-duc/" in d["downloadURL"]]
    assert [d["downloadURL"] for d in words] == ["https://cchc.example/thinh-duc/du-lieu/2024-q1-bao-cao.docx"]


# --- the round trip: export, then import ------------------------------------------------------


def _canonical(text: str | None):
    """Free text as it reads: its blocks (paragraphs, lists with each item's mark, "-" or "+", bold, links); adjacent
    lists that read as one list (bullets after bullets, numbers that go on) are one list."""
    if text is None:
        return None
    blocks = []
    for block in richtext.parse(text):
        last = blocks[-1] if blocks else None
        if last and block.kind == last.kind and (block.kind == "ul" or (block.kind == "ol" and block.start == last.start + len(last.items))):
            blocks[-1] = richtext.Block(block.kind, last.items + block.items, last.start, last.marks + block.marks)
        else:
            blocks.append(block)
    return blocks


def _section(muc: Muc) -> dict:
    return {"so": muc.so, "tieu_de": muc.tieu_de, "muc": [_section(m) for m in muc.muc],
            "noi_dung": [p.chen or _canonical(p.van_ban) for p in muc.noi_dung]}


def inserted(sections: list[Muc]) -> set[str]:
    return {p.chen for m in sections for p in m.noi_dung if p.chen} | {b for m in sections for b in inserted(m.muc)}


def official(ky: Ky, template, sector_names: dict) -> dict:
    """What the official text holds of a period: everything but the portal's own notes (printed values,
    acknowledgements, notes on a row, the narrative's cross-references), a date line rewritten when the date is known; a list
    is in the text where the report inserts it (`chen:`), as on the report's page."""
    bc = ky.bao_cao
    lists = inserted(bc.phan)
    computed = {row.ma for row, _, _ in template.rows() if (row.tu_so and row.mau_so) or row.tom_tat}
    values = {}
    for code, entry in ky.phu_luc.chi_tieu.items():
        value = None if code in computed else entry.gia_tri
        if value is not None or entry.ghi_chu:
            values[code] = (value, entry.ghi_chu)
    return {
        "ky": (ky.nam, ky.loai_ky, ky.tu_ngay, ky.den_ngay),
        "bao_cao": {
            **bc.model_dump(include={"so", "ky_hieu", "dia_danh", "ngay_ban_hanh", "tieu_de", "can_cu", "noi_nhan", "nguoi_ky"}),
            "ngay_ghi": bc.ngay_ghi if bc.ngay_ban_hanh is None else None,
            "mo_dau": _canonical(bc.mo_dau),
            "phan": [_section(m) for m in bc.phan],
        },
        "ke_hoach": [d.model_dump() for d in ky.ke_hoach] if "ke_hoach" in lists else [],
        "thong_bao": [d.model_dump() for d in ky.thong_bao] if "thong_bao" in lists else [],
        "linh_vuc": [(e.linh_vuc, e.so_thu_tuc, None if e.ten_trong_bao_cao == sector_names[e.linh_vuc] else e.ten_trong_bao_cao)
                     for e in ky.linh_vuc] if "linh_vuc" in lists else [],
        "nhan_su": ky.nhan_su.model_dump() if ky.nhan_su and "nhan_su" in lists else None,
        "phu_luc": {**ky.phu_luc.model_dump(include={"mau", "ngay_lap", "dia_danh", "nguoi_lap", "nguoi_ky"}), "chi_tieu": values,
                    "tieu_de": ky.phu_luc.tieu_de or template.tieu_de},
    }


def round_trip(tmp_path: Path, data: Path) -> int:
    """Export every period of data with `cchc export`, import each with `cchc import`; return how many."""
    result = check(data)
    assert not result.blocking
    views = {v.slug: v for v in views_of(result)}
    names = {s.ma: s.ten for s in result.portal.catalog.sectors.linh_vuc}
    sectors = read_model(data / "danh-muc" / "linh-vuc.yaml", DanhMucLinhVuc)
    kinds = read_model(data / "danh-muc" / "ky-bao-cao.yaml", DanhMucKy)
    done = 0
    for commune in result.portal.communes:
        for period in commune.periods:
            if getattr(period.ky, "bao_cao", None) is None:
                continue
            document = exported(tmp_path, data, commune.slug, period.slug)
            back = tmp_path / f"{commune.slug}-{period.slug}.yaml"
            imported = run_cchc("import", document, "--commune", commune.slug, "--data", data, "--out", back)
            assert imported.returncode == 0, imported.stderr
            again = Ky.model_validate(load_yaml(back).data)
            assert official(again, period.template, names) == official(period.ky, period.template, names), (commune.slug, period.slug)
            channels = import_exported.read(docx.Document(str(document)), data, sectors, kinds)["kenh_phan_anh"]
            if "kenh_phan_anh" in inserted(period.ky.bao_cao.phan):
                assert channels == [k.model_dump(exclude_defaults=True) for k in views[commune.slug].channels]
            done += 1
    return done


def test_round_trip_of_every_shipped_period(tmp_path):
    assert round_trip(tmp_path, DATA) >= 1


def test_round_trip_of_synthetic_communes(tmp_path):
    from generator.tools.synth import synthesize

    data = tmp_path / "data"
    synthesize(3, 2, data, DATA, seed=7)
    assert round_trip(tmp_path, data) == 6


_WORD = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạếềểễệ ", min_size=1, max_size=12).map(str.strip).filter(bool)
_SENTENCE = st.lists(_WORD, min_size=1, max_size=8).map(lambda w: " ".join(w).capitalize())
_INLINE = st.one_of(_SENTENCE, _SENTENCE.map(lambda s: f"**{s}**"),
                    st.just("<https://dichvucong.gov.vn/p/home>"), _SENTENCE.map(lambda s: f"[{s}](https://example.gov.vn/a)"))
_LINE = st.lists(_INLINE, min_size=1, max_size=3).map(" và ".join)
_BLOCK = st.one_of(
    _LINE.map(lambda s: "Đoạn " + s),
    st.lists(st.tuples(st.sampled_from("-+"), _LINE), min_size=1, max_size=3).map(lambda items: "\n".join(f"{m} {i}" for m, i in items)),
    st.tuples(st.integers(1, 9), st.lists(_LINE, min_size=1, max_size=3)).map(
        lambda t: "\n".join(f"{t[0] + k}. {i}" for k, i in enumerate(t[1]))),
)
_ITEM = st.one_of(st.lists(_BLOCK, min_size=1, max_size=3).map("\n\n".join),
                  st.sampled_from([{"chen": b} for b in ("ke_hoach", "thong_bao", "linh_vuc", "kenh_phan_anh", "nhan_su")]))
_MUC = st.deferred(lambda: st.fixed_dictionaries({
    "so": st.one_of(st.none(), st.sampled_from(["1", "2", "a", "II"])),
    "tieu_de": _SENTENCE,
    "noi_dung": st.lists(_ITEM, max_size=4).filter(lambda items: all(a != b or "chen" not in a for a, b in zip(items, items[1:]))),
    "muc": st.lists(_MUC, max_size=2),
}))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(phan=st.lists(_MUC, min_size=1, max_size=3), recipients=st.lists(_SENTENCE, min_size=1, max_size=4),
       mo_dau=st.one_of(st.none(), st.lists(_BLOCK, min_size=1, max_size=2).map("\n\n".join)))
def test_round_trip_of_generated_text(phan, recipients, mo_dau):
    """Any tree of sections, paragraphs, lists, bold and links comes back as it reads."""
    view, pv = _seed_view()
    ky = pv.ky.model_copy(update={"bao_cao": pv.ky.bao_cao.model_copy(update={
        "phan": [Muc.model_validate(m) for m in phan], "noi_nhan": recipients, "mo_dau": mo_dau})})
    changed = dataclasses.replace(pv, period=dataclasses.replace(pv.period, ky=ky))
    content = report_docx(view, changed, {})
    sectors = read_model(DATA / "danh-muc" / "linh-vuc.yaml", DanhMucLinhVuc)
    kinds = read_model(DATA / "danh-muc" / "ky-bao-cao.yaml", DanhMucKy)
    back = import_exported.read(docx.Document(io.BytesIO(content)), DATA, sectors, kinds)
    again = Ky.model_validate({"nam": ky.nam, "loai_ky": ky.loai_ky, "tu_ngay": back["tu_ngay"], "den_ngay": back["den_ngay"],
                               "bao_cao": back["bao_cao"], "phu_luc": {"mau": "2024", "chi_tieu": {}}})
    assert [_section(m) for m in again.bao_cao.phan] == [_section(m) for m in ky.bao_cao.phan]
    assert again.bao_cao.noi_nhan == recipients
    assert _canonical(again.bao_cao.mo_dau) == _canonical(mo_dau)


# --- a template of another shape, a period without appendix, a period without report ----------

NESTED_TEMPLATE = """\
phien_ban: "thu-nghiem"
tieu_de: Các chỉ tiêu cải cách hành chính của phường (mẫu thử)
nguon: Mẫu thử trong kiểm thử, không phải văn bản chính thức.
dang_ma: ["[IVXLC]+", "\\\\d+(\\\\.\\\\d+)*"]
muc:
  - ma: "I"
    ten: Tiếp nhận hồ sơ thủ tục hành chính tại Trung tâm phục vụ hành chính công
    kieu: nhom
    chi_tieu:
      - ma: "1"
        ten: Tổng số hồ sơ tiếp nhận
        kieu: so_luong
        don_vi: Hồ sơ
        tong: ["1.1", "1.2"]
        chi_tieu:
          - ma: "1.1"
            ten: Tiếp nhận trực tuyến
            kieu: so_luong
            don_vi: Hồ sơ
            chi_tieu:
              - ma: "1.1.1"
                ten: Trong đó, dịch vụ công trực tuyến toàn trình
                kieu: so_luong
                don_vi: Hồ sơ
                chi_tieu:
                  - {ma: "1.1.1.1", ten: Có thanh toán trực tuyến, kieu: so_luong, don_vi: Hồ sơ}
          - {ma: "1.2", ten: Tiếp nhận trực tiếp, kieu: so_luong, don_vi: Hồ sơ}
      - ma: "2"
        ten: Tỷ lệ hồ sơ tiếp nhận trực tuyến
        kieu: ty_le
        don_vi: "%"
        tu_so: "1.1"
        mau_so: "1"
  - ma: "II"
    ten: Công tác chỉ đạo, điều hành
    kieu: nhom
    chi_tieu:
      - ma: "3"
        ten: Số văn bản chỉ đạo đã ban hành
        kieu: so_luong
        don_vi: Văn bản
        trong_do:
          - ma: "3.1"
            ten: Kế hoạch
            kieu: so_luong
            don_vi: Văn bản
            trong_do:
              - {ma: "3.1.1", ten: Kế hoạch cải cách hành chính, kieu: so_luong, don_vi: Văn bản}
          - {ma: "3.2", ten: Thông báo, kieu: so_luong, don_vi: Văn bản}
"""


def later_period(data: Path, appendix: str | None) -> Path:
    """A 2025-q3 report of Thịnh Đức with the text of 2024-q1 and the given appendix (None: no appendix)."""
    source = (data / "xa" / "thinh-duc" / "2024-q1.yaml").read_text(encoding="utf-8")
    text = source[source.index("bao_cao:"):source.index("# Con số phần thuyết minh")]
    lines = ["nam: 2025", "loai_ky: q3", "tu_ngay: 15/06/2025", "den_ngay: 14/09/2025", text,
             "xac_nhan:", "  - phat_hien: website/website-viet-khac", "    ly_do: Báo cáo viết địa chỉ trang hai cách.", appendix or ""]
    path = data / "xa" / "thinh-duc" / "2025-q3.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_nested_template_prints_every_row_by_depth_with_computed_sums(tmp_path, data_dir):
    (data_dir / "danh-muc" / "chi-tieu" / "thu-nghiem.yaml").write_text(NESTED_TEMPLATE, encoding="utf-8")
    later_period(data_dir, """phu_luc:
  mau: thu-nghiem
  dia_danh: Thịnh Đức
  ngay_lap: 15/09/2025
  nguoi_lap: Nguyễn Thị Lập
  nguoi_ky:
    chuc_vu: [KT. CHỦ TỊCH, PHÓ CHỦ TỊCH]
    ho_ten: Hoàng Văn Thâm
  chi_tieu:
    "1.1": 2255
    "1.1.1": 1200
    "1.1.1.1": 800
    "1.2": 1463
    "3": {gia_tri: 4, ghi_chu: Theo sổ văn bản đi., ghi_chu_cong: Cổng chép từ bản scan.}
    "3.1": 3
    "3.1.1": 2
    "3.2": 1
""")
    document = docx.Document(str(exported(tmp_path, data_dir, period="2025-q3")))
    rows = [[c.text for c in row.cells] for row in document.tables[2].rows[1:]]
    # 'Trong đó' rows, a sub-level within them too: "Trong đó" beside the first, indented by depth, no code
    assert [r[0] for r in rows] == ["I", "1", "1.1", "1.1.1", "1.1.1.1", "1.2", "2", "II", "3", "Trong đó", "", ""]
    assert [r[3] for r in rows] == ["", "3.718", "2.255", "1.200", "800", "1.463", "60,7", "", "4", "3", "2", "1"]
    indents = [row.cells[1].paragraphs[0].paragraph_format.left_indent for row in document.tables[2].rows[1:]]
    assert [round(i.mm) if i else 0 for i in indents] == [0, 5, 10, 15, 20, 10, 5, 0, 5, 10, 15, 10]
    assert document.tables[2].rows[2].cells[3].paragraphs[0].style.name == "CCHC Bảng (số liệu tính)"  # the sum
    body = texts(document)
    assert "Nguyễn Thị Lập" in body and "Thịnh Đức, ngày 15 tháng 9 năm 2025" in body
    assert "Các chỉ tiêu cải cách hành chính của phường (mẫu thử)" in body  # no title of its own: the template's
    assert rows[8][4] == "Theo sổ văn bản đi." and "Cổng chép từ bản scan." not in body  # the report's note, not the portal's
    assert round_trip(tmp_path, data_dir) == 2


def test_a_period_without_appendix_exports_without_one(tmp_path, data_dir):
    later_period(data_dir, None)
    document = docx.Document(str(exported(tmp_path, data_dir, period="2025-q3")))
    assert len(document.sections) == 1 and len(document.tables) == 2
    assert "Phụ lục" not in texts(document)


def test_published_figures_alone_are_not_a_report_to_sign(tmp_path, data_dir):
    (data_dir / "xa" / "thinh-duc" / "2025-q3.yaml").write_text(
        "nam: 2025\nloai_ky: q3\ntu_ngay: 15/06/2025\nden_ngay: 14/09/2025\n"
        "nguon:\n  ten: Tin bài trên trang của xã\n", encoding="utf-8")
    out = tmp_path / "x.docx"
    result = run_cchc("export", "thinh-duc", "2025-q3", "--data", data_dir, "--out", out)
    assert result.returncode == 1 and not out.exists()
    assert "không có báo cáo (bao_cao) để xuất và ký" in result.stderr and "Tin bài trên trang của xã" in result.stderr
