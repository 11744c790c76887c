"""The writer refuses what would silently replace a page: two outputs on one address, or a page where the theme
or the search index writes."""

from __future__ import annotations

import pytest

from generator.core.problems import InternalError
from generator.core.site_paths import RESERVED_FOLDERS, RenderedPage, same_url
from generator.write.writer import write_pages


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
