"""What a `mkdocs build` keeps for the next one (.cache/cchc/generator.pickle): reused while nothing it depends on
changed, never once it did, and never a reason for a build to fail."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import as_made_by_another_generator, edit, make_project, mkdocs_build, run_cchc

from generator.core.site_paths import RenderedPage
from generator.pipeline import cache

MARK = "DAU-BO-NHO-DEM"
HOME = "phu-giao/index.md"


def _build(project: Path) -> str:
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def _mark_kept_home(project: Path) -> None:
    """Change, in what the last build kept, the text of one commune's home: a build that shows the mark reused it."""
    folder = project / ".cache" / "cchc"
    memo = cache.load(folder)
    assert memo is not None, "the build kept nothing"
    pages = memo.pages["phu-giao"].pages
    at = next(i for i, page in enumerate(pages) if page.path == HOME)
    pages[at] = RenderedPage(HOME, pages[at].content.decode("utf-8") + f"\n\n{MARK}\n")
    cache.save(folder, memo)


def _shown(project: Path) -> bool:
    return MARK in (project / "site" / "phu-giao" / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def kept(tmp_path) -> Path:
    """The sample project built once, what it kept then marked."""
    project = make_project(tmp_path)
    _build(project)
    _mark_kept_home(project)
    return project


def test_the_next_build_reuses_what_the_last_one_kept(kept):
    _build(kept)
    assert _shown(kept)


def _set_site_name(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name:", "site_name: Thử —", 1), encoding="utf-8")


@pytest.mark.parametrize("change", [
    pytest.param(lambda p: edit(p / "data", "xa/phu-giao/2025-q3.yaml", "tu_ngay:", "tu_ngay:  "), id="the-communes-file"),
    pytest.param(lambda p: (p / "data" / "danh-muc" / "so-lieu-chung.yaml").open("a", encoding="utf-8").write("# .\n"),
                 id="a-catalogue"),
    pytest.param(_set_site_name, id="mkdocs-yml"),
])
def test_a_change_of_what_the_pages_are_made_from_is_never_hidden_by_the_cache(kept, change):
    """Even a change that leaves the pages the same (spaces, a comment) makes them again: the cache is keyed on the
    bytes of the files, not on what they mean."""
    change(kept)
    _build(kept)
    assert not _shown(kept)


REPORT = "thinh-duc/du-lieu/2024-q1-bao-cao.docx"  # the sample's one period report
KEPT_REPORT = b"PK a report this build did not make"


def _mark_kept_report(project: Path) -> None:
    """Replace, in what the last build kept, the one period report: a build that publishes the mark reused it."""
    kept_reports = list((project / ".cache" / "cchc" / cache.REPORTS).iterdir())
    assert [p.read_bytes() for p in kept_reports] == [(project / "site" / REPORT).read_bytes()]
    kept_reports[0].write_bytes(KEPT_REPORT)


@pytest.mark.parametrize("change, reused", [
    pytest.param(lambda p: None, True, id="nothing"),
    pytest.param(lambda p: edit(p / "data", "xa/phu-giao/2025-q3.yaml", "tu_ngay:", "tu_ngay:  "), True,
                 id="another-communes-file"),
    pytest.param(lambda p: edit(p / "data", "xa/thinh-duc/2024-q1.yaml", "tu_ngay:", "tu_ngay:  "), False,
                 id="its-communes-file"),
    pytest.param(lambda p: (p / "data" / "danh-muc" / "so-lieu-chung.yaml").open("a", encoding="utf-8").write("# .\n"),
                 False, id="a-catalogue"),
    pytest.param(_set_site_name, False, id="mkdocs-yml"),
])
def test_a_kept_report_is_published_until_what_it_is_made_from_changes(kept, change, reused):
    """The next build publishes the .docx the last one made (no worker, no 15 s of CPU at 1,000 communes) while
    its commune's files, the catalogues, the settings and the generator are the same; else it makes it again."""
    _mark_kept_report(kept)
    change(kept)
    _build(kept)
    published = (kept / "site" / REPORT).read_bytes()
    assert (published == KEPT_REPORT) is reused
    assert published.startswith(b"PK")
    if not reused:  # and what it made is kept in its place
        assert [p.read_bytes() for p in (kept / ".cache" / "cchc" / cache.REPORTS).iterdir()] == [published]


def test_a_province_file_added_shows_on_the_communes_kept_before(kept):
    """data/tinh/ is read with the catalogues, not with a commune: a cache keyed on the communes' files alone would
    show Phù Liễn's feedback page without its province's channel."""
    (kept / "data" / "tinh").mkdir(exist_ok=True)
    (kept / "data" / "tinh" / "hai-phong.yaml").write_text(
        "ten: Hải Phòng\nkenh_phan_anh:\n  - ten: Đường dây nóng thử của thành phố\n    dien_thoai: ['0225.3.000.000']\n",
        encoding="utf-8")
    _build(kept)
    page = (kept / "site" / "phu-lien" / "phan-anh-kien-nghi" / "index.html").read_text(encoding="utf-8")
    assert "Đường dây nóng thử của thành phố" in page


def test_a_cache_made_by_another_generator_is_ignored(kept):
    as_made_by_another_generator(kept / ".cache" / "cchc" / cache.FILE)
    _build(kept)
    assert not _shown(kept)


def test_a_broken_cache_never_fails_the_build(kept):
    (kept / ".cache" / "cchc" / cache.FILE).write_bytes(b"\x80\x05not a pickle")
    log = _build(kept)
    assert not _shown(kept)
    assert "không đọc được" in log and "Traceback" not in log
    assert cache.load(kept / ".cache" / "cchc") is not None  # written again


def test_a_cached_build_makes_the_same_site_as_a_build_from_nothing(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    cached = make_project(tmp_path / "a")
    _build(cached)
    edit(cached / "data", "xa/phu-giao/2025-q3.yaml", "tu_ngay:", "tu_ngay:  ")
    _build(cached)  # one commune read again, the others reused
    fresh = make_project(tmp_path / "b")
    edit(fresh / "data", "xa/phu-giao/2025-q3.yaml", "tu_ngay:", "tu_ngay:  ")
    _build(fresh)
    files = sorted(p.relative_to(cached / "site") for p in (cached / "site").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(fresh / "site") for p in (fresh / "site").rglob("*") if p.is_file())
    differ = [f for f in files if (cached / "site" / f).read_bytes() != (fresh / "site" / f).read_bytes()]
    assert differ == []


def test_without_the_cache_nothing_is_kept(tmp_path):
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert {"cchc": {"data_dir": "data"}} in settings["plugins"]
    config.write_text(config.read_text(encoding="utf-8").replace("      data_dir: data\n",
                                                                 "      data_dir: data\n      cache: false\n"),
                      encoding="utf-8")
    _build(project)
    assert not (project / ".cache").exists()


def test_a_data_error_keeps_nothing_new(kept):
    before = (kept / ".cache" / "cchc" / cache.FILE).read_bytes()
    edit(kept / "data", "xa/phu-giao/2025-q3.yaml", "tu_ngay:", "tu_ngy:")
    assert mkdocs_build(kept).returncode != 0
    assert (kept / ".cache" / "cchc" / cache.FILE).read_bytes() == before


def _errors(done) -> list[str]:
    output = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in output and "InternalError" not in output, output
    return [line[line.index("data/"):] for line in output.splitlines() if "LỖI" in line]


def test_a_rule_across_communes_sees_every_commune_whatever_was_kept(tmp_path):
    """Issue 23: one commune's edit that breaks a rule across communes (a province written two ways) is its worded
    error at file:line after a build that kept every other commune, as without the cache; not a traceback about two
    files on one address. Fixed, the next build passes: nothing of the comparison was kept with a commune."""
    project = make_project(tmp_path)
    _build(project)
    edit(project / "data", "xa/na-ri/thong-tin.yaml", "tinh: Thái Nguyên\n", "tinh: Thai Nguyen\n")
    expected = [line for line in run_cchc("validate", "data", cwd=project).stdout.splitlines() if "LỖI" in line]
    assert any("được viết khác với" in line for line in expected)
    assert _errors(mkdocs_build(project)) == expected
    edit(project / "data", "xa/na-ri/thong-tin.yaml", "tinh: Thai Nguyen\n", "tinh: Thái Nguyên\n")
    _build(project)
    shutil.rmtree(project / ".cache")
    edit(project / "data", "xa/na-ri/thong-tin.yaml", "tinh: Thái Nguyên\n", "tinh: Thai Nguyen\n")
    assert _errors(mkdocs_build(project)) == expected
