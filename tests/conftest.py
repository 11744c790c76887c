"""Shared fixtures: copies of the real data, the real site built once by the real MkDocs, and that site served and
opened in a real browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import subprocess
import sys
import threading
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


def data_with_only(target: Path, *communes: str) -> Path:
    """A copy of the shipped data/ at target with only the named communes in xa/ (catalogues and provinces whole)."""
    shutil.copytree(DATA, target, ignore=lambda folder, names: [
        n for n in names if Path(folder) == DATA / "xa" and n not in communes])
    return target


@pytest.fixture
def thinh_duc_dir(tmp_path) -> Path:
    """A writable copy of the shipped data/ with Thịnh Đức alone: the portal of one commune."""
    return data_with_only(tmp_path / "data", "thinh-duc")


@pytest.fixture
def as_printed_dir(tmp_path) -> Path:
    """The catalogues plus the faithful, unacknowledged transcription of the seed report."""
    target = tmp_path / "data"
    shutil.copytree(DATA / "danh-muc", target / "danh-muc")
    shutil.copytree(FIXTURES / "ban-in" / "thinh-duc", target / "xa" / "thinh-duc")
    return target


def as_made_by_another_generator(kept: Path) -> None:
    """Rewrite a kept memo (.cache/cchc/generator.pickle) as if another generator had made it: its fingerprint
    replaced, the memo itself intact."""
    import pickle

    with kept.open("rb") as fh:
        pickle.load(fh)
        memo = pickle.load(fh)
    with kept.open("wb") as fh:
        pickle.dump("another generator", fh)
        pickle.dump(memo, fh)


def make_project(tmp_path: Path, data: Path | None = None) -> Path:
    """A copy of the project (config, theme, hand-written pages, data) that MkDocs can build."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", project / "theme", ignore=shutil.ignore_patterns("node_modules"))
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


def built_project(tmp_path: Path, data: Path | None = None) -> Path:
    """make_project, then `mkdocs build --strict`, which must succeed."""
    project = make_project(tmp_path, data)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def synthetic_portal(tmp_path_factory, communes: int, periods: int, seed: int) -> Path:
    """A built project of `cchc synth` communes."""
    from generator.tools.synth import synthesize

    data = tmp_path_factory.mktemp("synth") / "data"
    synthesize(communes, periods, data, DATA, seed=seed)
    return built_project(tmp_path_factory.mktemp("build"), data)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The shipped portal (Thịnh Đức and three post-reform communes), built once with the real `mkdocs build --strict`."""
    return built_project(tmp_path_factory.mktemp("site")) / "site"


@pytest.fixture(scope="session")
def one_commune_site(tmp_path_factory) -> Path:
    """The portal of Thịnh Đức alone (the shipped data without the other communes), built once: its home is the
    commune's home."""
    data = data_with_only(tmp_path_factory.mktemp("one-commune-data") / "data", "thinh-duc")
    return built_project(tmp_path_factory.mktemp("one-commune"), data) / "site"


# --- The citizen's view: the built site served over HTTP and opened in a real browser -------------------------------
# Chromium comes from Debian (no browser download), axe-core and vnu-jar from npm (tests/browser/); `sh tests/setup.sh`
# installs whatever of these is missing. The tests fail, never skip, when one is absent: CI must not go green unchecked.

BROWSER_TOOLS = Path(__file__).resolve().parent / "browser" / "node_modules"
AXE_JS = BROWSER_TOOLS / "axe-core" / "axe.min.js"
VNU_JAR = BROWSER_TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}  # browser.new_context(**PHONE)
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# Without the background-networking flags Chromium keeps trying to reach Google's services.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def require(path: Path | None, what: str) -> Path:
    """The tool at path, or a loud failure telling how to install it."""
    if path is None or not Path(path).exists():
        pytest.fail(f"{what} is missing ({path or 'not on PATH'}): run `sh tests/setup.sh` first", pytrace=False)
    return Path(path)


def page_paths(site: Path) -> list[str]:
    """Every page of the built site as a path under its root: '' (home), 'thinh-duc/thu-tuc/', '404.html'…"""
    pages = [str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html")]
    pages = ["" if p == "./" else p for p in pages]
    pages += [p.name for p in site.glob("*.html") if p.name != "index.html"]
    return sorted(pages)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """A built site on a local HTTP server, as a browser fetches it: its base URL, ending in '/'."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served_site(site) -> str:
    """The sample site, served."""
    with serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def served_one_commune_site(one_commune_site) -> str:
    """The portal of Thịnh Đức alone, served."""
    with serve(one_commune_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, one for the whole session."""
    require(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# --- in-memory models, for the unit tests of compute, checks and views (no files, no subprocess) ---------------


def in_memory_period(rows: list[dict], values: dict | None = None, *, lien_ket: dict | None = None, **ky):
    """A period of 2024-q1 whose template has these rows and whose appendix these values, as the reader would give it.

    rows: template rows as YAML would write them ({"ma": "1", "kieu": "so_luong", ...}; ten defaults to the code);
    values: code -> a number, None, or {gia_tri, so_lieu_bao_cao, xac_nhan}; lien_ket: the template's links to the
    narrative; ky: other fields of the period file (phu_luc: other fields of the appendix).
    """
    from generator.models.catalog import LoaiKy, MauChiTieu
    from generator.models.period import Ky
    from generator.models.portal import Period, Where

    def named(row):
        return {"ten": row["ma"], **row, **{k: [named(r) for r in row.get(k, [])] for k in ("chi_tieu", "trong_do")}}

    template = MauChiTieu.model_validate({"phien_ban": "t", "tieu_de": "T", "nguon": "n", "muc": [named(r) for r in rows],
                                          "lien_ket": lien_ket or {}})
    kind = LoaiKy.model_validate({"ma": "q1", "ten": "Quý I", "thu_tu": 1, "tu": {"ngay": 15, "thang": 12, "lech_nam": -1},
                                  "den": {"ngay": 14, "thang": 3}, "han_nop": {"ngay": 20, "thang": 3}})
    fields = {"nam": 2024, "loai_ky": "q1", "tu_ngay": "15/12/2023", "den_ngay": "14/03/2024", "nguon": {"ten": "n"},
              **ky, "phu_luc": {"mau": "t", "chi_tieu": values or {}, **ky.get("phu_luc", {})}}
    return Period("2024-q1", Ky.model_validate(fields), kind, template, Where("t.yaml", {}, {}))


def in_memory_kinds(*periods):
    """The period-kind catalogue of in-memory periods: their kinds, post-reform codes from 1/7/2025."""
    from generator.models.catalog import DanhMucKy

    return DanhMucKy.model_validate({"nguon": "n", "ma_don_vi_tu": "01/07/2025", "loai_ky": [p.kind for p in periods]})


def in_memory_commune(*periods, **xa):
    from generator.models.commune import Xa
    from generator.models.portal import Commune, Where

    profile = Xa.model_validate({"ten": "Thịnh Đức", "loai": "xã", "tinh": "Thái Nguyên", **xa})
    return Commune("thinh-duc", profile, Where("thong-tin.yaml", {}, {}), None, list(periods))
