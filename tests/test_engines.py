"""The same portal built by MkDocs, ProperDocs and Zensical: every generated page shows the same text.

Each engine gets its own virtual environment (their pins may clash), created from PyPI by the test itself.
ProperDocs runs our plugin like MkDocs does. Zensical runs only the plugins it reimplements, so the pages are
generated first with `cchc render`; what differs there is listed in generator/README.md ("Other engines").
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, make_project

MATERIAL = importlib.metadata.version("mkdocs-material")
ENGINES = {
    "properdocs": {"install": ["properdocs>=1.6.7,<1.7", f"mkdocs-material=={MATERIAL}", "-e", str(ROOT)], "render_first": False},
    "zensical": {"install": ["zensical>=0.0.73,<0.2"], "render_first": True},
}


def visible_text(html: Path) -> str:
    article = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find("article")
    return " ".join(article.get_text(" ").split()) if article else ""


@pytest.fixture(scope="module", params=sorted(ENGINES))
def engine_site(request, tmp_path_factory) -> tuple[str, Path]:
    name = request.param
    spec = ENGINES[name]
    env_dir = tmp_path_factory.mktemp(f"{name}-venv")
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", *spec["install"]], check=True, capture_output=True)
    project = make_project(tmp_path_factory.mktemp(name))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if spec["render_first"]:
        subprocess.run([sys.executable, "-m", "generator.cli", "render", "--data", "data", "--docs", "content",
                        "--site-url", "https://cchc.example/", "--site-name", "Công khai kết quả cải cách hành chính",
                        "--lien-he-config", "mkdocs.yml"],
                       cwd=project, check=True, capture_output=True, env=env)
    result = subprocess.run([env_dir / "bin" / name, "build", "-f", "mkdocs.yml"], cwd=project, capture_output=True,
                            text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return name, project / "site"


def test_every_generated_page_shows_the_same_text_as_with_mkdocs(site, engine_site):
    name, other = engine_site
    pages = sorted(p.relative_to(site) for p in site.rglob("index.html"))
    assert len(pages) >= 9
    for page in pages:
        assert (other / page).exists(), (name, page)
        assert visible_text(other / page) == visible_text(site / page), (name, page)


def test_downloads_and_catalogue_are_published_by_every_engine(site, engine_site):
    name, other = engine_site
    for data_file in ["data.json", "feed.xml", "thinh-duc/du-lieu/2024-q1-chi-tieu.csv", "thinh-duc/du-lieu/2024-q1.json",
                      "na-ri/du-lieu/2025-q3-chi-tieu.csv", "du-lieu/toan-bo-chi-tieu.csv"]:
        assert (other / data_file).read_bytes() == (site / data_file).read_bytes(), (name, data_file)
