"""`mkdocs serve` as a clerk uses it: a real server, real HTTP, real edits of the data files."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from bs4 import BeautifulSoup

from conftest import edit, make_project, run_cchc

WAIT = 120  # seconds: the most any build of these small portals may take on a loaded machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def mkdocs_serve(project):
    """`mkdocs serve` in project; yields its base URL. Its output goes to project/serve.log."""
    port = _free_port()
    log = (project / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
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
