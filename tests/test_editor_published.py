"""The editor published with the site (`plugins: - cchc: bien_tap:`, generator/editor/publish.py): built by the real
MkDocs for each Git host, its page's policy, the citizens' pages' policy untouched, the build stopped in Vietnamese
when Decap is not installed, and the page opened in Chromium under its policy with no request leaving 127.0.0.1."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import DATA, ROOT, make_project, mkdocs_build, require, serve
from generator.editor import forms, publish
from generator.editor.server import decap_dist

BACKENDS = {
    "github": ({"backend": "github", "repo": "so-tt/cong-cchc"}, ["https://api.github.com"], "GitHub"),
    "gitlab": ({"backend": "gitlab", "repo": "so-tt/cong-cchc", "app_id": "a1b2c3"}, ["https://gitlab.com"], "GitLab"),
    "gitea": ({"backend": "gitea", "repo": "so-tt/cong-cchc", "app_id": "9f8e-7d6c",
               "base_url": "https://git.so-tt.example", "branch": "bien-tap"}, ["https://git.so-tt.example"], "Gitea"),
}
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def configured(project: Path, settings: dict | None, installed: bool = True) -> Path:
    """The project with plugins.cchc.bien_tap set (settings None: not set), Decap installed or not."""
    if settings is not None:
        config = project / "mkdocs.yml"
        block = yaml.safe_dump({"bien_tap": settings}, allow_unicode=True, sort_keys=False)
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("      data_dir: data\n", "      data_dir: data\n"
                                       + "".join(f"      {line}\n" for line in block.splitlines()), 1), encoding="utf-8")
    if installed:
        require(decap_dist() / "decap-cms.js", "Decap CMS (npm ci --prefix theme/quan-tri)")
        (project / "theme" / "quan-tri" / "node_modules").symlink_to(ROOT / "theme" / "quan-tri" / "node_modules")
    return project


def built(tmp_path: Path, settings: dict | None, installed: bool = True) -> Path:
    project = configured(make_project(tmp_path), settings, installed)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory) -> Path:
    """The sample site built without the setting."""
    return built(tmp_path_factory.mktemp("khong-bien-tap"), None, installed=True)


def test_a_build_without_the_setting_publishes_no_editor(plain_site):
    assert not (plain_site / "quan-tri").exists()
    assert not any("decap" in p.name for p in plain_site.rglob("*"))


@pytest.fixture(scope="module", params=sorted(BACKENDS))
def editor_site(request, tmp_path_factory) -> tuple[str, Path]:
    return request.param, built(tmp_path_factory.mktemp(f"bien-tap-{request.param}"), BACKENDS[request.param][0])


def test_the_build_publishes_the_editor_for_the_chosen_host(editor_site):
    name, site = editor_site
    settings, origins, _ = BACKENDS[name]
    folder = site / "quan-tri"
    config = yaml.safe_load((folder / "config.yml").read_text(encoding="utf-8"))
    # Gitea: Decap 3.16.3 has no editorial workflow there; the editor commits to its own working branch.
    assert config["publish_mode"] == ("simple" if name == "gitea" else "editorial_workflow") and config["locale"] == "vi"
    assert config["backend"]["name"] == name and config["backend"]["repo"] == "so-tt/cong-cchc"
    assert config["backend"]["branch"] == ("bien-tap" if name == "gitea" else "main")
    assert config["backend"]["api_root"] == {"github": "https://api.github.com", "gitlab": "https://gitlab.com/api/v4",
                                             "gitea": "https://git.so-tt.example/api/v1"}[name]
    if name != "github":
        assert config["backend"]["app_id"] == settings["app_id"]
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert '<link href="config.yml" type="text/yaml" rel="cms-config-url">' in page
    assert '<script src="decap-cms.js"></script>' in page and (folder / "decap-cms.js").is_file()
    assert not list(folder.glob("*.map")) and not (folder / "cms.js").exists()  # what the page loads, no more
    # Its policy: requests to the site and to that host's API only; no inline script.
    policy = directives(POLICY.search(page).group(1))
    assert policy["connect-src"] == ["'self'", *origins]
    assert policy["script-src"] == ["'self'", "'unsafe-eval'"]  # Decap's Ajv: see publish.POLICY
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert "<script>" not in page


def test_the_citizens_pages_keep_their_policy(editor_site, plain_site):
    _, site = editor_site
    for page in ("index.html", "thinh-duc/index.html", "tim-kiem/index.html", "404.html"):
        shown = POLICY.search((site / page).read_text(encoding="utf-8")).group(1)
        assert shown == POLICY.search((plain_site / page).read_text(encoding="utf-8")).group(1), page
        assert "api.github.com" not in shown and "unsafe-eval'" not in shown.replace("wasm-unsafe-eval", "")
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert pages - {p.relative_to(plain_site).as_posix() for p in plain_site.rglob("*.html")} == {"quan-tri/index.html"}


def test_the_published_forms_are_the_generated_ones_without_the_indicator_table():
    backend = publish.backend(BACKENDS["github"][0] | {"branch": "main"})
    config = publish.hosted_config(DATA, ROOT, backend)
    local = forms.decap_config(DATA, ROOT, backend)
    periods = {f["file"] for c in config["collections"] if c["name"].startswith("ky-") for f in c["files"]}
    assert periods == {p.relative_to(ROOT).as_posix() for p in DATA.glob("xa/*/*.yaml") if forms.kind_of(
        p.relative_to(DATA).as_posix()) == "ky"}  # each period, never a profile or procedure file
    period = next(c for c in config["collections"] if c["name"].startswith("ky-"))["files"][0]
    appendix = next(f for f in period["fields"] if f["name"] == "phu_luc")
    assert "chi_tieu" not in [f["name"] for f in appendix["fields"]] and "cchc edit" in appendix["hint"]
    assert [c for c in config["collections"] if not c["name"].startswith("ky-")] == [
        c for c in local["collections"] if not c["name"].startswith("ky-")]  # profiles, procedures, provinces: same


def test_decap_not_installed_stops_the_build_with_one_vietnamese_line(tmp_path):
    project = configured(make_project(tmp_path), BACKENDS["github"][0], installed=False)
    old = project / "site"
    old.mkdir()
    (old / "index.html").write_text("trang cũ", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == ["ERROR   -  Chưa cài trình biên tập (Decap CMS). Chạy một lần: "
                      "npm ci --prefix theme/quan-tri --ignore-scripts --no-audit --no-fund"]
    assert [p.name for p in old.iterdir()] == ["index.html"] and (old / "index.html").read_text(encoding="utf-8") == "trang cũ"
    assert not list(project.glob(".site-*"))


@pytest.mark.parametrize("settings, said", [
    ({"backend": "gitea", "repo": "a/b", "app_id": "x", "branch": "bt"}, "máy chủ Git gitea cần thêm base_url"),
    ({"backend": "gitea", "repo": "a/b", "app_id": "x", "base_url": "https://g.example"}, "không dùng được “main”"),
    ({"backend": "gitlab", "repo": "a/b"}, "máy chủ Git gitlab cần thêm app_id"),
    ({"backend": "github"}, "bien_tap → repo: giá trị “” không dùng được"),
    ({"backend": "github", "repo": "a/b", "duong_dan": "../ra-ngoai"}, "bien_tap → duong_dan: giá trị “../ra-ngoai”"),
    ({"backend": "bitbucket", "repo": "a/b"}, "bien_tap → backend: giá trị “bitbucket” không dùng được"),
    ({"backend": "github", "repo": "a/b", "bracnh": "main"}, "bien_tap: không có khóa “bracnh”"),
])
def test_a_wrong_setting_is_said_in_vietnamese(tmp_path, settings, said):
    project = configured(make_project(tmp_path), settings, installed=True)
    result = mkdocs_build(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert said in result.stderr, result.stderr


def test_the_editor_may_not_take_the_address_of_a_page(tmp_path):
    project = configured(make_project(tmp_path), BACKENDS["github"][0] | {"duong_dan": "thinh-duc"})
    result = mkdocs_build(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "thinh-duc/ đã là địa chỉ của một trang trong cổng" in result.stderr
    assert not (project / "site").exists() and not list(project.glob(".site-*"))


# --- in Chromium ---------------------------------------------------------------------------------------------------


def test_the_editor_shows_the_hosts_login_under_its_policy(browser, editor_site):
    name, site = editor_site
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        messages, outside, violations = [], [], []
        page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))

        def only_here(route):
            if route.request.url.startswith(base):
                return route.continue_()
            outside.append(route.request.url)
            return route.abort()

        page.route("**/*", only_here)
        page.expose_function("violation", lambda text: violations.append(text))
        page.add_init_script("document.addEventListener('securitypolicyviolation', "
                             "e => window.violation(e.violatedDirective + ' ' + e.blockedURI))")
        try:
            page.goto(base + "quan-tri/")
            page.get_by_role("button", name=f"Đăng nhập bằng {BACKENDS[name][2]}").wait_for()
            page.wait_for_load_state("networkidle")
        finally:
            page.close()
    assert violations == []
    assert outside == []  # no font, translation or script from a CDN: the login screen is all from the site
    assert not [m for m in messages if m.startswith(("error", "pageerror")) or "Content Security Policy" in m]


def test_a_hosted_save_keeps_the_indicator_table_it_does_not_show(browser, tmp_path):
    """What the published forms do to a file, with Decap's in-memory `test-repo` backend standing in for the Git host:
    the indicator table, not in the form, is written back unchanged; the rest is Decap's YAML (comments dropped)."""
    require(decap_dist() / "decap-cms.js", "Decap CMS (npm ci --prefix theme/quan-tri)")
    period = DATA / "xa" / "phu-giao" / "2025-q3.yaml"
    text = period.read_text(encoding="utf-8")
    config = publish.hosted_config(DATA, ROOT, {"name": "test-repo"}) | {"publish_mode": "simple"}
    folder = publish.publish(tmp_path, "quan-tri", decap_dist(), config, publish.policy(
        {"name": "gitlab", "api_root": "https://gitlab.com/api/v4", "base_url": "https://gitlab.com"}))
    seed = {"data": {"xa": {"phu-giao": {"2025-q3.yaml": {"content": text}}}}}
    (folder / "kho-thu.js").write_text(f"window.repoFiles = {json.dumps(seed)};", encoding="utf-8")
    page_html = folder / "index.html"
    page_html.write_text(page_html.read_text(encoding="utf-8").replace(
        '<script src="decap-cms.js">', '<script src="kho-thu.js"></script>\n<script src="decap-cms.js">'), encoding="utf-8")
    with serve(tmp_path) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            page.goto(base + "quan-tri/")
            page.get_by_role("button", name="Đăng nhập").click()
            page.get_by_test_id("ky-phu-giao").click()
            page.get_by_text("2025 – q3").click()
            page.get_by_label("Ngày cuối của khoảng số liệu").fill("14/09/2025")
            page.get_by_role("button", name="Công bố", exact=True).click()
            page.get_by_role("menuitem").first.click()
            page.get_by_text("Mục đã được lưu").wait_for()
            saved = page.evaluate("window.repoFiles.data.xa['phu-giao']['2025-q3.yaml'].content")
        finally:
            page.close()
    before, after = yaml.safe_load(text), yaml.safe_load(saved)
    assert after["phu_luc"]["chi_tieu"] == before["phu_luc"]["chi_tieu"]
    assert after == before | {"den_ngay": "14/09/2025"}
    assert "# " not in saved  # the limit the README states: Decap writes the file again, comments dropped


def test_decap_still_needs_unsafe_eval(browser, editor_site, tmp_path):
    """Why the editor's policy has 'unsafe-eval' (publish.POLICY): without it Decap cannot load its configuration. When
    an upgrade of Decap makes this fail, take 'unsafe-eval' out."""
    _, site = editor_site
    folder = tmp_path / "quan-tri"
    folder.mkdir()
    for path in (site / "quan-tri").iterdir():
        if path.name != "index.html":
            (folder / path.name).symlink_to(path)
    html = (site / "quan-tri" / "index.html").read_text(encoding="utf-8")
    (folder / "index.html").write_text(html.replace(" 'unsafe-eval'", "", 1), encoding="utf-8")
    with serve(tmp_path) as base:
        page = browser.new_page()
        try:
            page.goto(base + "quan-tri/")
            page.get_by_text("Error loading the CMS configuration").wait_for()
            assert "unsafe-eval" in page.inner_text("body")
        finally:
            page.close()
