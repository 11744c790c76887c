"""`mkdocs serve` as a clerk uses it: a real server, real HTTP, real edits of the data files."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from bs4 import BeautifulSoup

from conftest import DATA, edit, make_project, mkdocs_build, run_cchc

WAIT = 120  # seconds: the most any build of these small portals may take on a loaded machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def mkdocs_serve(project):
    """`mkdocs serve` in project; yields its base URL. Its output goes to project/serve.log; the site it builds
    and serves is the one folder under project/tmp."""
    port = _free_port()
    log = (project / "serve.log").open("w")
    (project / "tmp").mkdir(exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(project / "tmp")}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def get(url: str) -> tuple[int, str]:
    """Status and text of url; (0, "") while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def wait_for(url: str, wanted, project) -> tuple[int, str]:
    """Poll url until wanted(status, text) holds; fail after WAIT seconds with the server's log."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        status, text = get(url)
        if wanted(status, text):
            return status, text
        time.sleep(0.2)
    raise AssertionError(f"{url}: last answer {status}\n{text[:500]}\n--- serve.log\n"
                         + (project / "serve.log").read_text(encoding="utf-8")[-3000:])


def showing_errors(status: int, text: str) -> bool:
    return status == 200 and 'id="cchc-loi"' in text


def showing_page(status: int, text: str) -> bool:
    return status == 200 and 'id="cchc-loi"' not in text


def error_listing(text: str) -> list[str]:
    """The lines of the error page's list and its summary, as text."""
    soup = BeautifulSoup(text, "html.parser")
    return [li.get_text() for li in soup.select("#cchc-loi li")] + [soup.select_one("#cchc-tong-ket").get_text()]


PERIOD = "xa/thinh-duc/2024-q1.yaml"


def test_a_data_error_shows_in_the_browser_and_goes_away_when_fixed(tmp_path, data_dir):
    """Started on data with an error, the preview lists the problems at every address, worded as `cchc validate`
    words them; fixed, the page itself comes back; broken again, the new list. Never a traceback, never a hang."""
    edit(data_dir, PERIOD, "    ngay: 19/02/2024\n", "    ngay: 31/02/2024\n")
    project = make_project(tmp_path, data_dir)
    data = project / "data"
    page = "thinh-duc/thu-tuc/"
    with mkdocs_serve(project) as base:
        status, text = wait_for(base + page, showing_errors, project)
        expected = run_cchc("validate", "data", cwd=project).stdout.splitlines()
        assert "31/02/2024" in "\n".join(expected)
        assert error_listing(text) == expected
        assert "Dữ liệu còn lỗi" in text and "Traceback" not in text
        assert error_listing(get(base)[1]) == expected  # every address shows it

        edit(data, PERIOD, "    ngay: 31/02/2024\n", "    ngay: 19/02/2024\n")
        status, text = wait_for(base + page, showing_page, project)
        assert "Thủ tục hành chính" in text 

        edit(data, PERIOD, "loai_ky: q1\n", "loai_ky: [q1\n")
        status, text = wait_for(base + page, showing_errors, project)
        expected = run_cchc("validate", "data", cwd=project).stdout.splitlines()
        assert any("2024-q1.yaml:5:" in line for line in expected)
        assert error_listing(text) == expected
    assert "Traceback" not in (project / "serve.log").read_text(encoding="utf-8")


def _files(site) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_preview_rebuilt_in_place_is_the_site_a_clean_build_makes(tmp_path):
    """A series of edits while `mkdocs serve` runs, each waited for in the browser's place: a value, a period added
    and one removed, a commune added and one removed, a value again, the title of a page in the navigation. What serve
    then serves is, file for file, what a clean `mkdocs build` of the same data (at the same address) makes."""
    from generator.tools.synth import synthesize

    data = tmp_path / "synth"
    synthesize(7, 2, data, DATA, seed=16)
    project = make_project(tmp_path, data)
    xa = project / "data" / "xa"
    a, b, c, d, e, f, g = sorted(p.name for p in xa.iterdir())
    aside = tmp_path / "aside"
    aside.mkdir()
    shutil.move(xa / g, aside / g)  # a commune added later
    shutil.move(xa / b / "2026-q3.yaml", aside / "2026-q3.yaml")  # a period added later
    with mkdocs_serve(project) as base:
        wait_for(base + f"{a}/", showing_page, project)
        # A value of commune a's appendix.
        period = xa / a / "2026-nam.yaml"
        text = period.read_text(encoding="utf-8")
        value = int(re.search(r"\n    1\.1\.a: (\d+)", text)[1])
        period.write_text(text.replace(f"\n    1.1.a: {value}\n", f"\n    1.1.a: {value + 1000}\n"), encoding="utf-8")
        wait_for(base + f"{a}/bao-cao/2026-nam/phu-luc/", lambda s, t: f"{value + 1000:,}".replace(",", ".") in t, project)
        # A period added to commune b, one removed from commune c.
        shutil.move(aside / "2026-q3.yaml", xa / b / "2026-q3.yaml")
        wait_for(base + f"{b}/bao-cao/", lambda s, t: "2026-q3/" in t, project)
        (xa / c / "2026-q3.yaml").unlink()
        wait_for(base + f"{c}/bao-cao/", lambda s, t: s == 200 and "2026-q3/" not in t, project)
        # A commune added, one removed.
        shutil.move(aside / g, xa / g)
        wait_for(base + "sitemap.xml", lambda s, t: f"/{g}/" in t, project)
        shutil.rmtree(xa / d)
        wait_for(base + "sitemap.xml", lambda s, t: s == 200 and f"/{d}/" not in t, project)
        # A value again, after builds that added and removed files: only what the generator rewrote is built.
        period = xa / e / "2026-nam.yaml"
        text = period.read_text(encoding="utf-8")
        value = int(re.search(r"\n    1\.1\.a: (\d+)", text)[1])
        period.write_text(text.replace(f"\n    1.1.a: {value}\n", f"\n    1.1.a: {value + 7}\n"), encoding="utf-8")
        wait_for(base + f"{e}/bao-cao/2026-nam/phu-luc/", lambda s, t: f"{value + 7:,}".replace(",", ".") in t, project)
        # A hand-written page's title, which the navigation of every page shows.
        edit(project / "content", "thong-tin/gioi-thieu.md", "# Giới thiệu cổng thông tin", "# Về cổng thông tin này")
        wait_for(base + "thong-tin/gioi-thieu/", lambda s, t: "Về cổng thông tin này" in t, project)
        get(base)  # waits for any build still running
        served = _files(next((project / "tmp").glob("mkdocs_*")))
    assert "Traceback" not in (project / "serve.log").read_text(encoding="utf-8")

    assert_clean_build_is(served, project, tmp_path)


def assert_clean_build_is(served: dict[str, bytes], project, tmp_path) -> None:
    """A clean `mkdocs build` of project's data and hand-written pages makes exactly served: serve builds at the
    published address (mkdocs.yml's site_url), not at its own."""
    (tmp_path / "clean").mkdir()
    clean = make_project(tmp_path / "clean", project / "data")
    shutil.rmtree(clean / "content" / "thong-tin")
    shutil.copytree(project / "content" / "thong-tin", clean / "content" / "thong-tin")
    result = mkdocs_build(clean)
    assert result.returncode == 0, result.stdout + result.stderr
    built = _files(clean / "site")
    assert sorted(served) == sorted(built)
    assert [path for path in built if served[path] != built[path]] == []


def test_a_one_commune_preview_rebuilt_in_place_is_the_site_a_clean_build_makes(tmp_path, data_dir):
    """In a portal of one commune every page is in the navigation; a value changed while serving shows, and what
    serve serves is still what a clean build makes."""
    for other in (data_dir / "xa").iterdir():
        if other.name != "thinh-duc":
            shutil.rmtree(other)
    project = make_project(tmp_path, data_dir)
    page = "thinh-duc/bao-cao/2024-q1/phu-luc/"

    def row(text: str) -> str:
        found = re.search(r'id="chi-tieu-1-1-a".*?</tr>', text, re.S)
        return found[0] if found else ""

    with mkdocs_serve(project) as base:
        before = row(wait_for(base + page, lambda s, t: bool(row(t)), project)[1])
        edit(project / "data", PERIOD, '    "1.1.a": 8\n', '    "1.1.a": 9\n')
        wait_for(base + page, lambda s, t: row(t) not in ("", before), project)
        get(base)  # waits for any build still running
        served = _files(next((project / "tmp").glob("mkdocs_*")))
    assert "Traceback" not in (project / "serve.log").read_text(encoding="utf-8")
    assert_clean_build_is(served, project, tmp_path)


def test_an_edit_breaking_a_rule_across_communes_shows_its_worded_error(tmp_path):
    """Issue 23: the preview rereads only the commune edited, but a rule across communes (a province written two
    ways) still compares it with every other: the error `cchc validate` gives, in the browser; fixed, the page."""
    project = make_project(tmp_path)
    data = project / "data"
    page = "na-ri/"
    with mkdocs_serve(project) as base:
        wait_for(base + page, showing_page, project)
        edit(data, "xa/na-ri/thong-tin.yaml", "tinh: Thái Nguyên\n", "tinh: Thai Nguyen\n")
        status, text = wait_for(base + page, showing_errors, project)
        expected = run_cchc("validate", "data", cwd=project).stdout.splitlines()
        assert any("được viết khác với" in line for line in expected)
        assert error_listing(text) == expected
        edit(data, "xa/na-ri/thong-tin.yaml", "tinh: Thai Nguyen\n", "tinh: Thái Nguyên\n")
        wait_for(base + page, showing_page, project)
    assert "Traceback" not in (project / "serve.log").read_text(encoding="utf-8")
