"""A national portal built in shards and joined is the same site as the single build."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import DATA, ROOT, make_project, mkdocs_build, run_cchc
from generator.core.site_paths import RenderedPage
from generator.pipeline import cache
from generator.tools.synth import synthesize


def test_shards_joined_give_the_same_pages_as_one_build(tmp_path):
    data = tmp_path / "data"
    synthesize(6, 2, data, DATA, seed=5)
    (tmp_path / "whole").mkdir()
    project = make_project(tmp_path / "whole", data)
    assert mkdocs_build(project).returncode == 0
    for spec in ("1/2", "2/2"):
        result = run_cchc("shard", "--shard", spec, "--out", tmp_path / spec.replace("/", "-"), "--config", project / "mkdocs.yml")
        assert result.returncode == 0, result.stdout + result.stderr
    shard_one = {p.relative_to(tmp_path / "1-2").as_posix() for p in (tmp_path / "1-2").rglob("*.html")}
    shard_two = {p.relative_to(tmp_path / "2-2").as_posix() for p in (tmp_path / "2-2").rglob("*.html")}
    assert shard_one - {"index.html", "404.html"} and shard_two - {"index.html", "404.html"}
    every_shard = {"index.html", "404.html", "tim-kiem/index.html", "thong-tin/gioi-thieu/index.html",
                   "thong-tin/kha-nang-tiep-can/index.html"}
    # each commune once; the national records' pages (no province's list in this data) in every shard that shows them
    assert {p for p in shard_one & shard_two if not p.startswith("thu-tuc-toan-quoc/")} <= every_shard
    assert not (tmp_path / "1-2" / "pagefind").exists()  # the search index is built once, by the join
    joined = tmp_path / "joined"
    result = run_cchc("join", tmp_path / "1-2", tmp_path / "2-2", "--out", joined, "--config", project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr

    def files(root):
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    whole, parts = files(project / "site"), files(joined)
    assert set(whole) == set(parts)
    merged = {"sitemap.xml", "sitemap.xml.gz"}
    different = [name for name in whole if name not in merged and whole[name] != parts[name]]
    assert different == []  # the search index (pagefind/) included: the join indexes the same pages
    assert any(name.startswith("pagefind/fragment/") for name in parts)
    urls = lambda raw: sorted(u[0].text for u in ET.fromstring(raw))  # noqa: E731
    assert urls(whole["sitemap.xml"]) == urls(parts["sitemap.xml"])


def test_each_shard_keeps_its_own_results_for_its_next_build(tmp_path):
    """Shards built from one project, in turn: shard 2 does not replace what shard 1 kept (.cache/cchc/phan-1-2/),
    so shard 1's next build reuses it: a mark put into what it kept shows on its pages."""
    project = make_project(tmp_path)

    def shard(spec: str) -> Path:
        out = tmp_path / spec.replace("/", "-")
        result = run_cchc("shard", "--shard", spec, "--out", out, "--config", project / "mkdocs.yml")
        assert result.returncode == 0, result.stdout + result.stderr
        return out

    shard("1/2")
    kept = project / ".cache" / "cchc" / "phan-1-2"
    memo = cache.load(kept)
    slug, rendered = next((slug, r) for slug, r in memo.pages.items() if hasattr(r, "pages") and slug in memo.communes)
    at = next(i for i, page in enumerate(rendered.pages) if page.path == f"{slug}/index.md")
    rendered.pages[at] = RenderedPage(rendered.pages[at].path, rendered.pages[at].content + b"\n\nDAU-CUA-PHAN-1\n")
    cache.save(kept, memo)
    shard("2/2")
    assert (project / ".cache" / "cchc" / "phan-2-2" / cache.FILE).is_file()
    assert not (project / ".cache" / "cchc" / cache.FILE).exists()  # the whole portal's build keeps its own
    assert "DAU-CUA-PHAN-1" in (shard("1/2") / slug / "index.html").read_text(encoding="utf-8")


def test_a_shard_that_does_not_exist_is_a_usage_error(tmp_path):
    result = run_cchc("shard", "--shard", "3/2", "--out", tmp_path / "x")
    assert result.returncode == 2 and "phần `3/2` không hợp lệ" in result.stderr


@pytest.mark.parametrize("spec", ["0/2", "1/x", "x", "2/", "tinh:"])
def test_a_malformed_shard_is_a_worded_usage_error(tmp_path, spec):
    result = run_cchc("shard", "--shard", spec, "--out", tmp_path / "x")
    assert result.returncode == 2 and f"phần `{spec}` không hợp lệ" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x").exists()


def test_a_province_the_data_does_not_have_is_said_not_built_empty(tmp_path):
    result = run_cchc("shard", "--province", "Atlantis", "--out", tmp_path / "x")
    assert result.returncode == 1
    assert ("dữ liệu không có tỉnh, thành phố `Atlantis`; các tỉnh có: Hải Phòng, Hồ Chí Minh, Thái Nguyên."
            in result.stderr)
    assert "BuildError" not in result.stderr and "Traceback" not in result.stderr


def test_a_province_is_found_without_diacritics():
    from generator.pipeline.shard_spec import select

    assert select("tinh:thai nguyen", {"Thái Nguyên", "Hải Phòng"}) == {"Thái Nguyên"}


def test_joining_a_folder_that_is_not_a_shard_is_a_usage_error(tmp_path):
    (tmp_path / "notes").mkdir()
    result = run_cchc("join", tmp_path / "notes", "--out", tmp_path / "site")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"thư mục {tmp_path / 'notes'} không phải một phần do `cchc shard` xây dựng" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_bug_in_the_join_is_said_as_one_without_a_traceback(tmp_path, monkeypatch, capsys):
    """cli.py worded any ValueError as a bad shard, reading args.shard, which join does not have."""
    from generator import cli
    from generator.mkdocs_adapter import shards

    def broken(*args):
        raise ValueError("boom")

    monkeypatch.setattr(shards, "join", broken)
    monkeypatch.chdir(ROOT)
    assert cli.main(["join", str(tmp_path), "--out", str(tmp_path / "site")]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Lỗi nội bộ của chương trình (không phải lỗi dữ liệu)") and "ValueError: boom" in err


@pytest.mark.parametrize("args, wording", [
    (["--communes", "100000"], "số xã 100000 không dùng được: cần từ 1 đến "),
    (["--communes", "0"], "số xã 0 không dùng được"),
    (["--communes", "1", "--periods", "2000"], "số kỳ 2000 không dùng được: cần từ 1 đến 108 (các kỳ từ năm 2000)."),
    (["--communes", "1", "--periods", "-1"], "số kỳ -1 không dùng được"),
])
def test_synth_with_impossible_sizes_is_a_worded_usage_error(tmp_path, args, wording):
    result = run_cchc("synth", *args, "--out", tmp_path / "out")
    assert result.returncode == 2 and wording in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()
