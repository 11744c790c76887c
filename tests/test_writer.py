"""The writer refuses what would silently replace a page: two outputs on one address, or a page where the theme
or the search index writes."""

from __future__ import annotations

import pytest

from generator.core.problems import InternalError
from generator.core.site_paths import RESERVED_FOLDERS, RenderedPage, same_url, single_commune
from generator.write.writer import hand_written, write_pages


@pytest.mark.parametrize("paths, clash", [
    (["tim-kiem.md", "tim-kiem/index.md"], [["tim-kiem.md", "tim-kiem/index.md"]]),
    (["tinh/ha-noi/index.md", "tinh/ha-noi.md", "tinh/index.md"], [["tinh/ha-noi/index.md", "tinh/ha-noi.md"]]),
    (["a/du-lieu/x.csv", "a/du-lieu/x.csv"], [["a/du-lieu/x.csv", "a/du-lieu/x.csv"]]),
    (["index.md", "a/index.md", "a/b.md", "a/b.csv"], []),
])
def test_same_url_finds_outputs_on_one_address(paths, clash):
    assert same_url(paths) == clash


@pytest.mark.parametrize("paths", [["tim-kiem.md", "tim-kiem/index.md"], ["assets/cchc.css"], ["pagefind/x.json"]])
def test_the_writer_refuses_and_writes_nothing(tmp_path, paths):
    with pytest.raises(InternalError):
        write_pages(tmp_path, [RenderedPage(p, "x") for p in paths])
    assert not any(tmp_path.iterdir())


def test_the_reserved_names_are_the_site_s_own_folders():
    assert {"tim-kiem", "tinh", "du-lieu", "pagefind", "assets", "thong-tin"} <= RESERVED_FOLDERS


@pytest.mark.parametrize("communes, single", [([], False), (["a"], True), (["a", "b"], False)])
def test_one_commune_or_many_is_one_rule(communes, single):
    assert single_commune(communes) is single


@pytest.mark.parametrize("own, generated, listed", [
    (["thong-tin/gioi-thieu.md"], ["index.md", "a/thu-tuc.md"], ["thong-tin/gioi-thieu.md"]),
    ([], ["index.md"], []),
    (["ghi-chu.md", "thong-tin/anh.png"], [], ["ghi-chu.md", "thong-tin/anh.png"]),  # before any generation
])
def test_hand_written_files_are_those_the_generator_never_wrote(tmp_path, own, generated, listed):
    for path in own:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x", encoding="utf-8")
    if generated:
        write_pages(tmp_path, [RenderedPage(p, "x") for p in generated])
    assert hand_written(tmp_path) == listed
