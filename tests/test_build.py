"""`mkdocs build` with the plugin: errors stop it cleanly, and regeneration touches only what changed."""

from __future__ import annotations


from conftest import make_project, mkdocs_build
from generator.pipeline.build import generate


def add_half_year(data_dir):
    """A second period: the Q1 file as a 6-month report (the 15/03 notice now falls inside its window)."""
    text = (data_dir / "xa" / "thinh-duc" / "2024-q1.yaml").read_text(encoding="utf-8")
    text = text.replace("loai_ky: q1", "loai_ky: h1").replace("den_ngay: 14/03/2024", "den_ngay: 14/06/2024")
    ack = "  - phat_hien: thong_bao/39-TB-UBND/ngay-ngoai-ky\n    ly_do: Thông báo ban hành ngày 15/3/2024, sau ngày chốt số liệu, trước ngày lập báo cáo.\n"
    assert ack in text
    (data_dir / "xa" / "thinh-duc" / "2024-h1.yaml").write_text(text.replace(ack, ""), encoding="utf-8")


def test_build_with_a_data_error_lists_it_and_writes_no_page(tmp_path, as_printed_dir):
    project = make_project(tmp_path, as_printed_dir)
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "data/xa/thinh-duc/2024-q1.yaml:" in output
    assert "3.4.2/ty-le-lech" in output and "196,5" in output
    assert "Không xây dựng trang vì dữ liệu còn lỗi" in output
    assert not (project / "site").exists()
    assert not (project / "content" / "thinh-duc").exists()


def test_broken_yaml_stops_the_build_with_the_line(tmp_path, data_dir):
    period = data_dir / "xa" / "thinh-duc" / "2024-q1.yaml"
    lines = period.read_text(encoding="utf-8").splitlines()
    lines[4] = "loai_ky: [q1"
    period.write_text("\n".join(lines) + "\n", encoding="utf-8")
    project = make_project(tmp_path, data_dir)
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "data/xa/thinh-duc/2024-q1.yaml:5:10: LỖI: thiếu dấu phẩy hoặc dấu ngoặc đóng" in output


def test_unchanged_pages_are_not_rewritten_and_removed_ones_disappear(tmp_path, data_dir):
    docs = tmp_path / "content"
    first = generate(data_dir, docs)
    assert "thinh-duc/bao-cao/2024-q1.md" in first.report.written
    report = docs / "thinh-duc" / "bao-cao" / "2024-q1.md"
    stamp = report.stat().st_mtime_ns
    again = generate(data_dir, docs)
    assert again.report.written == [] and report.stat().st_mtime_ns == stamp

    # A second period appears, then is removed again: its page goes with it.
    feedback = docs / "thinh-duc" / "phan-anh-kien-nghi.md"
    feedback_stamp = feedback.stat().st_mtime_ns
    add_half_year(data_dir)
    added = generate(data_dir, docs)
    assert "thinh-duc/bao-cao/2024-h1.md" in added.report.written
    assert "thinh-duc/bao-cao/2024-q1.md" in added.report.written  # it now links to the next period
    assert "thinh-duc/phan-anh-kien-nghi.md" in added.report.unchanged
    assert feedback.stat().st_mtime_ns == feedback_stamp  # a page whose text is the same is not rewritten
    (data_dir / "xa" / "thinh-duc" / "2024-h1.yaml").unlink()
    removed = generate(data_dir, docs)
    assert sorted(removed.report.removed) == [
        "thinh-duc/bao-cao/2024-h1.md",
        "thinh-duc/bao-cao/2024-h1/phu-luc.md",
        "thinh-duc/du-lieu/2024-h1-bao-cao.docx",
        "thinh-duc/du-lieu/2024-h1-chi-tieu.csv",
        "thinh-duc/du-lieu/2024-h1-linh-vuc.csv",
        "thinh-duc/du-lieu/2024-h1.json",
    ]
    assert not (docs / "thinh-duc" / "bao-cao" / "2024-h1.md").exists()


def test_hand_written_pages_are_never_touched(tmp_path, data_dir):
    docs = tmp_path / "content"
    (docs / "thong-tin").mkdir(parents=True)
    own = docs / "thong-tin" / "lien-he.md"
    own.write_text("# Liên hệ\n", encoding="utf-8")
    result = generate(data_dir, docs)
    assert own.read_text(encoding="utf-8") == "# Liên hệ\n"
    assert {"Về cổng thông tin": ["thong-tin/lien-he.md"]} in result.nav


def test_two_periods_are_listed_newest_first(tmp_path, data_dir):
    add_half_year(data_dir)
    docs = tmp_path / "content"
    generate(data_dir, docs)
    listing = (docs / "thinh-duc" / "bao-cao" / "index.md").read_text(encoding="utf-8")
    assert listing.index("6 tháng năm 2024") < listing.index("Quý I năm 2024")


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_failed_build_leaves_the_published_site_exactly_as_it_was(tmp_path):
    project = make_project(tmp_path)
    assert mkdocs_build(project).returncode == 0
    before = _snapshot(project / "site")
    # A data error, then a broken link in a hand-written page (caught only by MkDocs' strict mode).
    period = project / "data" / "xa" / "thinh-duc" / "2024-q1.yaml"
    original = period.read_text(encoding="utf-8")
    period.write_text(original.replace('"1.1.a": 8', '"1.1.a": tám'), encoding="utf-8")
    assert mkdocs_build(project).returncode != 0
    assert _snapshot(project / "site") == before
    period.write_text(original, encoding="utf-8")
    (project / "content" / "thong-tin" / "gioi-thieu.md").write_text("# Giới thiệu\n\n[hỏng](khong-co.md)\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0, result.stdout + result.stderr
    assert _snapshot(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_a_report_that_cannot_be_written_fails_the_build_and_leaves_the_site(tmp_path):
    """The .docx reports are made by a worker beside MkDocs (generator/pipeline/documents.py): its failure fails the build."""
    project = make_project(tmp_path)
    assert mkdocs_build(project).returncode == 0
    before = _snapshot(project / "site")
    report = project / "content" / "thinh-duc" / "du-lieu" / "2024-q1-bao-cao.docx"
    assert report.read_bytes() == before["thinh-duc/du-lieu/2024-q1-bao-cao.docx"]
    report.unlink()
    report.mkdir()  # a folder where the report is to be written
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "không ghi được tệp" in output and "2024-q1-bao-cao.docx" in output, output
    assert _snapshot(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_a_successful_build_replaces_the_site_whole(tmp_path):
    project = make_project(tmp_path)
    (project / "site" / "xa-cu").mkdir(parents=True)
    (project / "site" / "xa-cu" / "index.html").write_text("trang cũ", encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    assert not (project / "site" / "xa-cu").exists()
    assert (project / "site" / "thinh-duc" / "thu-tuc" / "index.html").exists()


def test_periods_link_to_each_other_and_the_history_page_charts_both(tmp_path, data_dir):
    add_half_year(data_dir)
    docs = tmp_path / "content"
    generate(data_dir, docs)
    q1 = (docs / "thinh-duc" / "bao-cao" / "2024-q1.md").read_text(encoding="utf-8")
    h1 = (docs / "thinh-duc" / "bao-cao" / "2024-h1.md").read_text(encoding="utf-8")
    assert '<a href="../2024-h1/" rel="next">Kỳ sau: 6 tháng năm 2024 →</a>' in q1
    assert '<a href="../2024-q1/" rel="prev">← Kỳ trước: Quý I năm 2024</a>' in h1
    history = (docs / "thinh-duc" / "lich-su.md").read_text(encoding="utf-8")
    assert history.count("<svg") == 4 and "<script" not in history
    assert "<desc id=\"bieu-do-3-d\">Giải quyết đúng hạn: Quý I 2024 98,1; 6 tháng 2024 98,1. </desc>" in history
    assert history.count("<polyline") == 5  # two periods: one line per series (one chart has two series)
