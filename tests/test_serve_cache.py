"""`mkdocs serve` started from what the last `mkdocs build` kept in .cache/cchc (issue 24, item 11): the pages it
shows are byte for byte those serve shows without the cache, whether the cache is fresh, stale or broken; only the
wait differs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import as_made_by_another_generator, edit, make_project, run_cchc
from test_cache import MARK, _build, _mark_kept_home
from test_serve import PERIOD, _files, error_listing, get, mkdocs_serve, showing_errors, showing_page, wait_for

from generator.pipeline import cache

KEPT = Path(".cache") / "cchc"
NOTE = ("xa/na-ri/2025-q3.yaml", "đều đúng và trước hạn", "đều đúng và trước hạn XYZZY")  # an edit while serving


def _site(project: Path) -> Path:
    return next((project / "tmp").glob("mkdocs_*"))


def _serve_with_an_edit(project: Path) -> dict[str, bytes]:
    """Serve project, edit Na Rì while serving and wait for it; every file serve then serves."""
    with mkdocs_serve(project) as base:
        wait_for(base + "na-ri/", showing_page, project)
        edit(project / "data", *NOTE)
        wait_for(base + "na-ri/bao-cao/2025-q3/phu-luc/", lambda s, t: "XYZZY" in t, project)
        get(base)  # waits for any build still running
        served = _files(_site(project))
    assert "Traceback" not in (project / "serve.log").read_text(encoding="utf-8")
    return served


def _another_generator(kept: Path) -> None:
    as_made_by_another_generator(kept / cache.FILE)


def _broken(kept: Path) -> None:
    (kept / cache.FILE).write_bytes(b"\x80\x05not a pickle")
    (kept / "pagefind" / "na-ri" / "KEY").write_text("rác", encoding="utf-8")
    next((kept / "pagefind" / "phu-giao" / "fragment").iterdir()).unlink()


@pytest.mark.parametrize("spoil", [
    pytest.param(lambda kept, data: None, id="fresh"),
    pytest.param(lambda kept, data: (data / "danh-muc" / "so-lieu-chung.yaml").open("a", encoding="utf-8").write("# .\n"),
                 id="a-catalogue-changed-since"),
    pytest.param(lambda kept, data: _another_generator(kept), id="another-generator"),
    pytest.param(lambda kept, data: _broken(kept), id="broken"),
])
def test_serve_from_the_cache_shows_what_serve_shows_without_it(tmp_path, spoil):
    """One commune's value changed since the build (its pages and its report made again, the others kept), the cache
    then spoiled or not, one edit while serving: the same files as serve started without .cache/."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    warm = make_project(tmp_path / "a")
    _build(warm)
    edit(warm / "data", PERIOD, '    "1.1.a": 8\n', '    "1.1.a": 9\n')
    spoil(warm / KEPT, warm / "data")
    cold = make_project(tmp_path / "b", warm / "data")
    served = _serve_with_an_edit(warm)
    assert not (cold / ".cache").exists()
    without = _serve_with_an_edit(cold)
    assert sorted(served) == sorted(without)
    assert [path for path in served if served[path] != without[path]] == []


def test_serve_starts_from_what_the_build_kept(tmp_path):
    """The generator's results are the build's (a mark put in them shows) until the commune's files change; the search
    indexes are the build's, linked from .cache/cchc/pagefind/ as a build links them."""
    project = make_project(tmp_path)
    _build(project)
    _mark_kept_home(project)  # in Phù Giao's home
    with mkdocs_serve(project) as base:
        _, text = wait_for(base + "phu-giao/", showing_page, project)
        assert MARK in text
        site = _site(project)
        for slot, folder in [("na-ri", "na-ri/pagefind"), ("_site", "pagefind")]:
            published = sorted(p for p in (site / folder).rglob("*") if p.is_file())
            assert published and all(p.samefile(project / KEPT / "pagefind" / slot / p.relative_to(site / folder))
                                     for p in published)
        edit(project / "data", "xa/phu-giao/2025-q3.yaml", "tu_ngay:", "tu_ngay:  ")
        wait_for(base + "phu-giao/", lambda s, t: showing_page(s, t) and MARK not in t, project)


def test_a_data_error_shows_in_the_browser_when_serve_starts_from_the_cache(tmp_path):
    project = make_project(tmp_path)
    _build(project)
    edit(project / "data", PERIOD, "    ngay: 19/02/2024\n", "    ngay: 31/02/2024\n")
    with mkdocs_serve(project) as base:
        _, text = wait_for(base + "thinh-duc/", showing_errors, project)
        expected = run_cchc("validate", "data", cwd=project).stdout.splitlines()
        assert error_listing(text) == expected and "Traceback" not in text
        edit(project / "data", PERIOD, "    ngay: 31/02/2024\n", "    ngay: 19/02/2024\n")
        wait_for(base + "thinh-duc/", showing_page, project)
    assert "Traceback" not in (project / "serve.log").read_text(encoding="utf-8")
