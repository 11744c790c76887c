"""Shared fixtures: copies of the real data, and the real site built once by the real MkDocs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run_cchc(*args, cwd=None) -> subprocess.CompletedProcess:
    """Run the real `cchc` command as a clerk would."""
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *map(str, args)],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def edit(data: Path, rel: str, old: str, new: str) -> Path:
    """Replace the one occurrence of old in data/rel, as a clerk editing the file would."""
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur exactly once in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A writable copy of the shipped data/."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def as_printed_dir(tmp_path) -> Path:
    """The catalogues plus the faithful, unacknowledged transcription of the seed report."""
    target = tmp_path / "data"
    shutil.copytree(DATA / "danh-muc", target / "danh-muc")
    shutil.copytree(FIXTURES / "ban-in" / "thinh-duc", target / "xa" / "thinh-duc")
    return target


def make_project(tmp_path: Path, data: Path | None = None) -> Path:
    """A copy of the project (config, theme, hand-written pages, data) that MkDocs can build."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copytree(ROOT / "content" / "thong-tin", project / "content" / "thong-tin")
    shutil.copytree(data or DATA, project / "data")
    return project


def mkdocs_build(project: Path, *extra) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The shipped portal, built once with the real `mkdocs build --strict`."""
    project = make_project(tmp_path_factory.mktemp("site"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"
