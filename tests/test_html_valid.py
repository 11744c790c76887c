"""Every HTML file of the built site is valid HTML for the W3C's Nu checker (vnu.jar, from npm), so browsers and
screen readers all build the page the same way. One Java run for all files: the checker is slow to start."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import VNU_JAR, require


@pytest.fixture(params=["site", "one_commune_site"], ids=["four communes", "one commune"])
def portal(request) -> Path:
    """The sample portal, and the portal of Thịnh Đức alone (its pages are in the site navigation there)."""
    return request.getfixturevalue(request.param)


def test_every_page_is_valid_html(portal):
    site = portal
    java = require(shutil.which("java"), "Java (default-jre-headless)")
    require(VNU_JAR, "vnu-jar (tests/browser/node_modules)")
    pages = sorted(site.rglob("*.html"))
    assert pages, "no HTML file in the built site"
    result = subprocess.run(
        [str(java), "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, encoding="utf-8",
    )
    # vnu writes its JSON report on stderr and exits 1 when it found errors.
    report = json.loads(result.stderr or result.stdout)
    errors = [m for m in report["messages"] if m["type"] in ("error", "non-document-error")]
    lines = [
        f"{unquote(urlparse(m.get('url', '')).path).removeprefix(str(site) + '/')}:{m.get('lastLine', '?')}: "
        f"{m['message']}  [{' '.join(m.get('extract', '').split())[:100]}]"
        for m in errors
    ]
    assert not lines, f"{len(lines)} HTML errors:\n" + "\n".join(lines)
    assert result.returncode == 0, result.stdout + result.stderr
