"""A national portal built in shards and joined is the same site as the single build."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import DATA, make_project, mkdocs_build, run_cchc
from generator.synth import synthesize


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
    assert shard_one & shard_two <= every_shard  # each commune once
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


def test_a_shard_that_does_not_exist_is_a_usage_error(tmp_path):
    result = run_cchc("shard", "--shard", "3/2", "--out", tmp_path / "x")
    assert result.returncode == 2 and "phần `3/2` không hợp lệ" in result.stderr
