"""The search indexes kept between builds (.cache/cchc/pagefind/): an index whose pages did not change is copied
from the cache, not made again, and the site is byte for byte the site built without the cache."""

from __future__ import annotations

import gzip
import shutil
import stat
from pathlib import Path

import pytest

from conftest import data_with_only, edit, make_project, mkdocs_build
from generator.write.search_index import ROOT_SLOT

COMMUNES = ("na-ri", "phu-giao")  # the smallest portal with an index per commune
# What else has an index of its own: the procedures their pages show (the national records: no province list here).
FOLDERS = (*COMMUNES, "thu-tuc-toan-quoc")
SLOTS = Path(".cache") / "cchc" / "pagefind"
PORTAL = "(portal)"


def pagefind_runs(monkeypatch, folder: Path):
    """Pagefind as the plugin finds it (PAGEFIND_BINARY_PATH), through a script that notes which index each run
    makes: the function returned gives the indexes made since it was last called."""
    from pagefind.service import get_executable

    log = folder / "runs.log"
    log.touch()
    script = folder / "pagefind"
    script.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{get_executable()}" "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(script))
    seen = 0

    def since() -> list[str]:
        nonlocal seen
        lines = log.read_text(encoding="utf-8").splitlines()
        new, seen = lines[seen:], len(lines)
        sites = [Path(line.split("--site ")[1].split(" --")[0]) for line in new if "--site " in line]
        return sorted(site.name if site.name in FOLDERS else PORTAL for site in sites)

    return since


def build(project: Path) -> None:
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr


def indexes(site: Path) -> dict[str, bytes]:
    """Every file of the site's search indexes, and every folder (as b"/")."""
    found = {}
    for folder in [site / "pagefind", *(site / slug / "pagefind" for slug in FOLDERS)]:
        for path in [folder, *folder.rglob("*")]:
            found[path.relative_to(site).as_posix()] = path.read_bytes() if path.is_file() else b"/"
    return found


def words(index: dict[str, bytes], commune: str) -> str:
    """The text of a commune's indexed pages, from its fragments (gzip'd JSON after a pagefind_dcd signature)."""
    return " ".join(gzip.decompress(data).decode("utf-8") for name, data in index.items()
                    if name.startswith(f"{commune}/pagefind/fragment/"))


@pytest.fixture(scope="module")
def portal_data(tmp_path_factory) -> Path:
    return data_with_only(tmp_path_factory.mktemp("data") / "data", *COMMUNES)


@pytest.fixture(scope="module")
def uncached(tmp_path_factory, portal_data) -> Path:
    """The portal built with `cache: false`."""
    project = make_project(tmp_path_factory.mktemp("uncached"), portal_data)
    edit(project, "mkdocs.yml", "      data_dir: data\n", "      data_dir: data\n      cache: false\n")
    build(project)
    return project


@pytest.fixture
def built_twice(tmp_path, monkeypatch, portal_data):
    """The portal built, then built again unchanged: the project and the indexes each build made."""
    runs = pagefind_runs(monkeypatch, tmp_path)
    project = make_project(tmp_path, portal_data)
    build(project)
    first = runs()
    build(project)
    return project, runs, first, runs()


def test_a_second_build_reuses_every_index_and_publishes_the_same_files(built_twice, uncached):
    project, _, first, second = built_twice
    assert first == sorted([*FOLDERS, PORTAL])
    assert second == []
    assert indexes(project / "site") == indexes(uncached / "site")
    assert sorted(p.name for p in (project / SLOTS).iterdir()) == sorted([ROOT_SLOT, *FOLDERS])


def test_a_kept_index_is_published_as_links_to_the_cache_not_copies(built_twice):
    """A portal of 1,000 communes keeps 15,000 index files: copied, they were most of the next build's added time."""
    project, _, _, _ = built_twice
    for slot, folder in [("na-ri", "na-ri/pagefind"), (ROOT_SLOT, "pagefind")]:
        published = sorted(p for p in (project / "site" / folder).rglob("*") if p.is_file())
        assert published and all(p.samefile(project / SLOTS / slot / p.relative_to(project / "site" / folder))
                                 for p in published)


def test_a_changed_commune_gets_a_new_index_the_other_keeps_its_own(built_twice):
    project, runs, _, _ = built_twice
    before = indexes(project / "site")
    assert "xyzzy" not in words(before, "na-ri")
    edit(project / "data", "xa/na-ri/2025-q3.yaml", "đều đúng và trước hạn", "đều đúng và trước hạn xyzzy")
    build(project)
    made = runs()
    assert "na-ri" in made and "phu-giao" not in made
    after = indexes(project / "site")
    assert "xyzzy" in words(after, "na-ri")
    assert {k: v for k, v in after.items() if k.startswith("phu-giao/")} == \
        {k: v for k, v in before.items() if k.startswith("phu-giao/")}


def test_a_broken_cache_gives_the_right_index_not_an_error(built_twice, uncached):
    project, runs, _, _ = built_twice
    slots = project / SLOTS
    (slots / "na-ri" / "KEY").write_text("rác", encoding="utf-8")
    next((slots / "phu-giao" / "fragment").iterdir()).unlink()
    (slots / ROOT_SLOT / "thua.txt").write_text("a file the index never had", encoding="utf-8")
    build(project)
    assert runs() == sorted([*COMMUNES, PORTAL])  # the procedures' slot is whole: kept
    assert indexes(project / "site") == indexes(uncached / "site")
    shutil.rmtree(slots / "na-ri")
    (slots / "phu-giao" / "KEY").unlink()
    (slots / "xa-da-bo").mkdir()  # the slot of a commune no longer in the portal
    (slots / ".na-ri-dang-ghi").mkdir()  # what a build stopped while storing an index leaves
    build(project)
    assert runs() == ["na-ri", "phu-giao"]
    assert indexes(project / "site") == indexes(uncached / "site")
    assert sorted(p.name for p in slots.iterdir()) == sorted([ROOT_SLOT, *FOLDERS])


def test_without_the_cache_nothing_is_kept(uncached):
    assert (uncached / "site" / "na-ri" / "pagefind" / "pagefind-entry.json").is_file()
    assert not (uncached / ".cache").exists()
